"""closeread's fast Snowball stemmer returns exactly NLTK's English stems.

Topic links are built from shared stems, so a stemmer that differed from NLTK's on one word
would change which quotations are linked. The reference is NLTK's own
``SnowballStemmer("english").stem`` (no stopwords), compared on random English-like words,
on arbitrary text, on every word of the bundled sample texts and on NLTK's special cases.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from nltk.stem.snowball import SnowballStemmer

from tui.analysis.stem import stem

_reference = SnowballStemmer("english").stem
SAMPLE_TEXTS = Path(__file__).resolve().parents[2] / "sample_texts"


def outcome(function, word: str):
    """The stem, or the kind of error raised: both stemmers must agree either way."""
    try:
        return function(word)
    except Exception as error:
        return type(error).__name__


def assert_same(word: str) -> None:
    assert outcome(stem, word) == outcome(_reference, word), word


LETTERS = list("abcdefghijklmnopqrstuvwxyz") + list("aeiouyyylsstnrd")
SUFFIXES = [
    "ing", "ed", "ly", "ingly", "edly", "eed", "eedly", "s", "es", "ies", "ied", "sses", "ss",
    "us", "ational", "tional", "ization", "izer", "ation", "ator", "fulness", "ousness",
    "iveness", "biliti", "lessli", "entli", "alism", "aliti", "ousli", "iviti", "fulli", "enci",
    "anci", "abli", "alli", "bli", "ogi", "logi", "li", "alize", "icate", "iciti", "ative",
    "ical", "ness", "ful", "ement", "ment", "ent", "ance", "ence", "able", "ible", "ant", "ism",
    "ate", "iti", "ous", "ive", "ize", "ion", "sion", "tion", "al", "er", "ic", "ll", "e", "at",
    "bl", "iz", "bb", "tt", "y", "yy", "ay", "oy", "'s", "'s'", "'", "-",
]  # fmt: skip
PREFIXES = ["gener", "commun", "arsen", "y", "'", "pro", "ex", "suc", "re", "un"]
OTHER = ["’", "‘", "‛", "-", "Y", "E", "S", "İ", "é", "ß", "1", " "]

piece = st.one_of(
    st.sampled_from(LETTERS),
    st.sampled_from(LETTERS),
    st.sampled_from(SUFFIXES),
    st.sampled_from(PREFIXES),
    st.sampled_from(OTHER),
)
english_like = st.builds(
    lambda head, body, tail: head + "".join(body) + "".join(tail),
    st.sampled_from([""] + PREFIXES),
    st.lists(st.sampled_from(LETTERS), min_size=0, max_size=6),
    st.lists(st.sampled_from(SUFFIXES), min_size=0, max_size=3),
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(english_like)
@example("generously")
@example("communication")
@example("arsenals")
@example("conditional")
@example("relational")
@example("hopefulness")
@example("sayyy")
@example("'dying")
@example("''s'")
@example("agreed")
@example("hopping")
@example("luxuriating")
def test_english_like_words_stem_as_nltk(word: str) -> None:
    assert_same(word)


@settings(max_examples=2000, deadline=None)
@given(st.lists(piece, min_size=1, max_size=10).map("".join))
def test_words_from_pieces_stem_as_nltk(word: str) -> None:
    assert_same(word)


@settings(max_examples=2000, deadline=None)
@given(st.text())
@example("")
@example("'")
@example("'''")
@example("’s’")
@example("YYY")
@example("İİİ")
def test_any_text_stems_as_nltk(word: str) -> None:
    assert_same(word)


@settings(max_examples=1000, deadline=None)
@given(st.from_regex(r"[a-z][a-z'-]{1,14}", fullmatch=True))
def test_engine_shaped_words_stem_as_nltk(word: str) -> None:
    assert_same(word)


def sample_vocabulary() -> set[str]:
    words: set[str] = set()
    for path in sorted(SAMPLE_TEXTS.iterdir()):
        if path.is_file():
            text = path.read_text(encoding="utf-8").lower().replace("’", "'")
            words.update(re.findall(r"[a-z][a-z'-]+", text))
    return words


def test_sample_text_vocabulary_stems_as_nltk() -> None:
    words = sample_vocabulary()
    assert len(words) > 200
    mismatches = sorted(w for w in words if stem(w) != _reference(w))
    assert mismatches == []


NLTK_SPECIAL_WORDS = [
    "skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only",
    "singly", "sky", "news", "howe", "atlas", "cosmos", "bias", "andes", "inning", "innings",
    "outing", "outings", "canning", "cannings", "herring", "herrings", "earring", "earrings",
    "proceed", "proceeds", "proceeded", "proceeding", "exceed", "exceeds", "exceeded",
    "exceeding", "succeed", "succeeds", "succeeded", "succeeding",
]  # fmt: skip


@pytest.mark.parametrize("word", NLTK_SPECIAL_WORDS)
def test_nltk_special_words(word: str) -> None:
    for form in (word, word.upper(), word.capitalize(), "'" + word, word + "'", word + "'s"):
        assert_same(form)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("skies", "sky"),
        ("Skies", "sky"),
        ("'skies", "ski"),  # a leading apostrophe is stripped after the special words are checked
        ("dying", "die"),
        ("'dying", "dy"),
        ("news", "news"),
        ("generously", "generous"),  # R1 starts after gener-, commun-, arsen-
        ("general", "general"),
        ("communism", "communism"),
        ("communication", "communic"),
        ("arsenal", "arsenal"),
        ("arsenals", "arsenal"),
        ("conditional", "condit"),
        ("relational", "relat"),
        ("hopefulness", "hope"),
        ("agreed", "agre"),
        ("hoping", "hope"),
        ("hopping", "hop"),
        ("crying", "cri"),
        ("emotionally", "emot"),
        ("controlling", "control"),
        ("sized", "size"),
        ("ated", "ate"),
        ("sayyy", "sayyy"),
        ("''s'", ""),
        ("by", "by"),
    ],
)
def test_special_cases(word: str, expected: str) -> None:
    assert stem(word) == expected
    assert _reference(word) == expected


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(piece, min_size=0, max_size=6).map("".join),
    st.sampled_from(list("abfhjkopquvwxzABFHJKOPQUVWXZ")),
)
def test_words_ending_in_letters_no_step_takes_stem_as_nltk(body: str, last: str) -> None:
    # (the stemmer returns these words unchanged without running its steps)
    assert_same(body + last)
