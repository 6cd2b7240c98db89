"""Whole-text scans written for speed find exactly what their ``\\b`` patterns find."""

from __future__ import annotations

import re
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.analysis import speakers
from tui.analysis.context import first_sentence_end, last_sentence_end, sentence_ends
from tui.analysis.phrases import Token, tag_tokens
from tui.analysis.quotes import ALNUM
from tui.analysis.sieves import (
    _NAME_THEN_MARK,
    _VOCATIVE,
    _first_word,
    _last_words,
    _words,
    vocative_matches,
)
from tui.analysis.speakers import (
    _BIGRAM,
    _HON_SURNAME,
    _HONORIFIC_BEFORE,
    _LOWER_WORD,
    _TITLE_NAME,
    _lowercase_words,
    capital_pairs,
    honorifics_before,
    matches_at,
    word_start_matches,
)

PIECES = [
    " ", "  ", "\n", "\t", ".", ",", "-", "_", "'", "’", "“", "(", "x", "é", "3",
    "Mr", "Mrs", "Miss", "Ms", "Dr", "Sir", "Lady", "Lord", "Master", "Madame", "Madam", "Monsieur",
    "Mr.", "Mrs.", "Smith", "Jane", "J.", "Ann", "O'Hara", "Lee-Ray", "Élise", "SMITH", "the", "said",
]  # fmt: skip


def _found(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_word_start_scans_match_their_word_boundary_patterns(text: str) -> None:
    for rx in (_HON_SURNAME, _HONORIFIC_BEFORE):
        assert _found(word_start_matches(rx, text)) == _found(re.finditer(r"\b" + rx.pattern, text))
    # overlapping: every word start where the pair begins, like a \b(?=…) pattern
    reference = [(m.start(), m.groups()) for m in re.finditer(r"\b(?=" + _BIGRAM.pattern + ")", text)]
    assert [(m.start(), m.groups()) for m in word_start_matches(_BIGRAM, text, overlapping=True)] == reference


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_scans_from_capital_pairs_find_what_whole_text_scans_find(text: str) -> None:
    starts = capital_pairs(SimpleNamespace(text=text, _lazy={}))
    for rx in (_HON_SURNAME, _TITLE_NAME):
        assert _found(matches_at(rx, text, starts)) == _found(word_start_matches(rx, text))
    for rx in (_HON_SURNAME, _TITLE_NAME, _BIGRAM):
        overlapping = [m.start() for m in matches_at(rx, text, starts, overlapping=True)]
        assert overlapping == [m.start() for m in word_start_matches(rx, text, overlapping=True)]
    assert _found(honorifics_before(text)) == _found(word_start_matches(_HONORIFIC_BEFORE, text))


ASCII_PIECES = [
    " ", "  ", "\n", "\t", "\x1c", "\x01", ".", ",", "-", "_", "'", "3", "x", "Mr", "Mr.", "Smith",
    "Jane", "J.", "O'Hara", "SMITH", "the", "said", "A", "Z", "a", "z", "@", "[", "`", "{",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ASCII_PIECES + PIECES[:20]), max_size=60).map("".join))
def test_capital_pair_starts_are_where_the_pattern_matches(text: str) -> None:
    # (ASCII texts are searched with their capitals marked; the others as they are)
    expected = [m.start() for m in speakers._CAPITAL_PAIR.finditer(text)]
    assert speakers._capital_pair_starts(text) == expected


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ASCII_PIECES + ["well", "don", "t", "x-", "-y", "o'", "!", "?", "\"", "(", ")", ";"]), max_size=60).map("".join))
def test_lowercase_words_of_ascii_text_are_the_whole_text_matches(text: str) -> None:
    assert _lowercase_words(SimpleNamespace(text=text, _lazy={})) == set(_LOWER_WORD.findall(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(ASCII_PIECES + PIECES[:20] + ["Jane Smith", "Jane Smithson", "xJane  Smith", "Jane\nSmith"]), max_size=40).map("".join),
    st.sampled_from(["Jane Smith", "Jane  Smith", "Jane\nSmith", "Mr. Smith", "Smith", "Jane", "J. Smith", "Jane Smith Smith"]),
)
def test_name_occurrences_are_where_find_finds_the_name(text: str, name: str) -> None:
    lazy_below = speakers._LAZY_BELOW
    try:
        for speakers._LAZY_BELOW in (lazy_below, 0):  # (a short text searched, a long one indexed)
            found = list(speakers.name_occurrences(SimpleNamespace(text=text, _lazy={}), name))
            assert found == [p for p in range(len(text)) if text.startswith(name, p)]
    finally:
        speakers._LAZY_BELOW = lazy_below


def test_a_title_inside_a_longer_word_is_not_an_honorific() -> None:
    text = "HMr. Smith met Mr. Jones and Mrs Lee."
    assert [m.group(2) for m in word_start_matches(_HON_SURNAME, text)] == ["Jones", "Lee"]


LOWER_PIECES = [
    " ", "\n", "\t", "\x1c", "\u2028", "\xa0", "\u3000", ".", "-", "'", "’", "_", "3", "é", "A",
    "a", "well", "known", "don", "t", "Said", "the", "x-", "-y", "o'", "ça",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LOWER_PIECES), max_size=60).map("".join))
def test_lowercase_words_are_the_whole_text_matches(text: str) -> None:
    expected = set(_LOWER_WORD.findall(text))
    assert _lowercase_words(SimpleNamespace(text=text, _lazy={})) == expected
    stretch = speakers._STRETCH
    try:
        speakers._STRETCH = 3  # many stretches of lines
        assert _lowercase_words(SimpleNamespace(text=text, _lazy={})) == expected
    finally:
        speakers._STRETCH = stretch


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([*LOWER_PIECES, "a", "b", "ab", "-", "'", "’", "X", "1", "_", "é"]), max_size=60).map("".join),
    st.lists(st.sampled_from(["a", "b", "ab", "-", "'", "’", "x", "X", "é"]), min_size=1, max_size=5).map("".join),
)
def test_lower_case_words_answer_word_by_word_what_the_whole_text_set_holds(text: str, word: str) -> None:
    found = set(_LOWER_WORD.findall(text))
    lazy = speakers._LowerCaseWords(text)
    for w in [word, *found, *(w[:-1] for w in found), *(w[1:] for w in found)]:
        assert (w in lazy) == (w in found), w


TAG_PIECES = [
    " ", "\n", ".", ",", "'", "’", "-", "Mr", "Mrs.", "Dr", "Duchess", "King", "van", "der", "de",
    "Ludwig", "Beethoven", "said", "Said", "he", "He", "the", "J.", "U.S.", "A.", "May", "Will",
    "Putin's", "spokesman", "quickly", "Running", "x", "3",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TAG_PIECES), max_size=40).map("".join), st.integers(0, 200), st.integers(0, 200))
def test_the_tagger_reads_nothing_outside_its_stretch(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    alone = [(s + start, e + start, word, tag) for s, e, word, tag in tag_tokens(text[start:end], 0, end - start)]
    assert [tuple(t) for t in tag_tokens(text, start, end)] == alone


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*TAG_PIECES, "\t", "\u2003", "“", "é", "_"]), max_size=40).map("".join), st.integers(0, 200), st.integers(0, 200))
def test_the_tagger_finds_the_token_pattern_matches(text: str, a: int, b: int) -> None:
    from tui.analysis.text import TOKEN_RE

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    spans = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]
    assert [(s, e, word) for s, e, word, _ in tag_tokens(text, start, end)] == spans


def test_the_taggers_token_pattern_finds_what_the_token_pattern_finds_in_every_short_text() -> None:
    import re
    from itertools import product

    from tui.analysis.phrases import _TOKEN_WORDS
    from tui.analysis.text import TOKEN_PATTERN

    plain = re.compile(rf"(\s*)({TOKEN_PATTERN})")
    for n in range(1, 6):
        for chars in product(["a", "A", "I", ".", "'", "’", "-", " ", "_", "é"], repeat=n):
            text = "".join(chars)
            assert _TOKEN_WORDS.findall(text) == plain.findall(text), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["W", "P", ",", ":", "HDOT", "NNP", "VSAY", "DT"]), max_size=30), st.integers(1, 40))
def test_first_and_last_words_are_read_off_the_words(tags: list[str], n: int) -> None:
    tokens = [Token(k, k + 1, "w", tag) for k, tag in enumerate(tags)]
    words = _words(tokens)
    assert _first_word(tokens) == (words[0] if words else None)
    assert _last_words(tokens, n) == words[-n:]


END_PIECES = [" ", "\n", ".", "!", "?", "…", "”", "’", ")", "Mr", "Sen", "Jan", "U.S", "A", "J", "said", "he", "x", "3"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(END_PIECES), max_size=40).map("".join), st.integers(0, 120), st.integers(0, 120))
def test_the_first_and_last_sentence_ends_are_those_of_the_sentence_ends(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    ends = list(sentence_ends(text, start, end))
    last = last_sentence_end(text, start, end)
    assert (last.span() if last else None) == (ends[-1].span() if ends else None)
    first = first_sentence_end(text, start, end)
    assert (first.span() if first else None) == (ends[0].span() if ends else None)


VOCATIVE_PIECES = [" ", "\n", ",", "!", "?", ".", ";", "Mr", "Mrs.", "Lady", "Emma", "EMMA", "emma", "O", "x", "3", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCATIVE_PIECES), max_size=30).map("".join))
def test_a_text_without_a_name_before_a_mark_calls_no_one(text: str) -> None:
    if _NAME_THEN_MARK.search(text) is None:
        assert _VOCATIVE.search(text) is None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*VOCATIVE_PIECES, "Sir", "Ms.", "Jo", ",  ", "! "]), max_size=30).map("".join))
def test_the_vocatives_found_in_two_ways_are_those_the_whole_pattern_finds(text: str) -> None:
    assert _found(vocative_matches(text)) == _found(_VOCATIVE.finditer(text))


def test_a_name_at_the_start_and_names_after_marks_are_all_found() -> None:
    text = "Emma, come here! Mr. Knightley, look, Harriet Smith, at this, Frank."
    assert [m.group(1) for m in vocative_matches(text)] == [m.group(1) for m in _VOCATIVE.finditer(text)]
    assert [m.group(1) for m in vocative_matches(text)] == ["Emma", "Mr. Knightley", "Harriet Smith", "Frank"]


def test_the_alphanumeric_class_is_exactly_what_isalnum_accepts() -> None:
    for code in [*range(0x10000), *range(0x1D400, 0x1D800), 0x1F600, 0x20000]:
        char = chr(code)
        assert char.isalnum() == (ALNUM.match(char) is not None), hex(code)


def _written_as_a_name_reference(text: str, word: str) -> bool:
    """The check as first written: every occurrence, one ``str.find`` at a time."""
    pos = text.find(word)
    while pos > 0:
        end = pos + len(word)
        k = pos
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k < pos and k > 0 and text[k - 1] in "abcdefghijklmnopqrstuvwxyz,;" and not (end < len(text) and text[end].isalnum()):
            return True
        pos = text.find(word, pos + 1)
    return False


NAME_PIECES = [" ", "\n", "\t", ",", ";", ".", "!", "said", "to", "Tom", "Tommy", "TomTom", "Go", "Good", "3", "é", "x"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(NAME_PIECES), max_size=40).map("".join),
    st.sampled_from(["Tom", "Go", "TomTom", "Tom Tom", "o", " ", "", "Good"]),
)
def test_written_as_a_name_finds_what_the_one_find_at_a_time_check_finds(text: str, word: str) -> None:
    assert speakers._written_as_a_name(text, word) == _written_as_a_name_reference(text, word)


LEAD_PIECES = [
    " ", "  ", "\n", "\t", "\u2003", "on", "ON", "to", "with", "told", "book", "boo\u212a", "film", "podcast",
    "s", "ſ", "'s", "’s", "KELM’s", "Elm", "the", "a", "-", ".", "x",
    ",", "in", "show", "host", "of", "known", "as", "interview", "founder", "sang", "it’s", "It's",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LEAD_PIECES), max_size=30).map("".join))
def test_the_title_lead_check_finds_what_the_whole_lead_search_finds(lead: str) -> None:
    from tui.analysis.pipeline import _TITLE_LEAD, _title_lead

    assert _title_lead(lead) == (_TITLE_LEAD.search(lead) is not None)


ARTICLE_PIECES = [" ", "  ", "\n", "\t", "\u2003", "a", "A", "an", "AN", "An", "man", "MAN", "old", "Old", "-", "'", ".", "x", "é", "_", "3"]
FOLDING = ["İ", "ı", "ſ", "\u212a", "Σ", "s", "i", "k", "ki"]  # (İ ı ſ K match ASCII letters in any case)


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(ARTICLE_PIECES), max_size=40),
        st.lists(st.sampled_from(ARTICLE_PIECES + FOLDING), max_size=40),
    ).map("".join),
    st.lists(st.sampled_from(["man", "old", "a", "an", "ki", "s", "x-", "ſ", "é", "i.k"]), min_size=1, max_size=3),
    st.integers(0, 45),
    st.integers(0, 45),
)
def test_the_article_check_finds_what_the_whole_stretch_search_finds(text: str, words: list[str], a: int, b: int) -> None:
    from tui.analysis.text import article_before

    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    pattern = re.compile(r"\b(?:a|an)\s+" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.I)
    assert article_before(text, words, start, end) == (pattern.search(text, start, end) is not None)


def test_the_article_check_finds_what_the_search_finds_in_every_short_text() -> None:
    from itertools import product

    from tui.analysis.text import article_before

    alphabet = ["a", "N", " ", "s", "i", "k", "ſ", "ı", "İ", "\u212a"]
    for size in range(5):
        for chars in product(alphabet, repeat=size):
            text = "".join(chars)
            for words in (["s"], ["i"], ["k"], ["n"], ["s", "i"]):
                pattern = re.compile(r"\b(?:a|an)\s+" + r"\s+".join(words) + r"\b", re.I)
                for start, end in ((0, size), (1, size), (0, size - 1)):
                    if 0 <= start <= end:
                        assert article_before(text, words, start, end) == (pattern.search(text, start, end) is not None), (text, words, start, end)


def test_the_article_check_finds_a_and_an_in_any_case() -> None:
    from tui.analysis.text import article_before

    text = "There came AN old man, and then a\nman."
    assert article_before(text, ["old", "man"], 0, len(text))
    assert not article_before(text, ["old", "man"], 12, len(text))  # "N old man": no article
    assert article_before(text, ["man"], 20, len(text))
    assert not article_before(text, ["man"], 20, len(text) - 2)  # "ma": not the word


LEAD_WORD_PIECES = [" ", "  ", "\n", "\t", "\u2003", "\x1c", "said", "Ann", "_", "x3", "é", "'", "’", "-", ",", ".", "—", "“"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(LEAD_WORD_PIECES), max_size=80).map("".join))
def test_the_last_word_searches_from_the_end_find_what_whole_lead_searches_find(lead: str) -> None:
    from tui.analysis.pipeline import _LAST_WORD, _LAST_WORDS, _last_word, _last_words

    assert _found([m for m in [_last_word(lead)] if m]) == _found([m for m in [_LAST_WORD.search(lead)] if m])
    assert _found([_last_words(lead)]) == _found([_LAST_WORDS.search(lead)])
    # the last runs near and across the 200 characters looked at (words of nine letters: one
    # word of 190 would make the whole-lead pattern backtrack for minutes)
    long_lead = "xxxxxxxxx " * 19 + lead
    assert _found([_last_words(long_lead)]) == _found([_LAST_WORDS.search(long_lead)])


def test_pronoun_lookahead_admits_every_first_letter_of_a_pronoun() -> None:
    # under IGNORECASE, ``[hs]`` matches exactly the characters that an "h" or an "s" does
    # (every pronoun of the pattern starts with one of them)
    h, s, either = (re.compile(p, re.IGNORECASE) for p in ("h", "s", "[hs]"))
    for code in range(0x110000):
        ch = chr(code)
        assert bool(either.match(ch)) == bool(h.match(ch) or s.match(ch))


PRONOUN_PIECES = [
    " ", "\n", ".", ",", "'", "-", "_", "é", "3", "he", "HE", "His", "him", "himself", "She", "ſhe",
    "her", "hers", "HERSELF", "the", "s", "h", "x", "Shell", "heron", "Mr",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PRONOUN_PIECES), max_size=30).map("".join))
def test_fast_pronoun_search_finds_what_the_pattern_finds(text: str) -> None:
    fast, slow = speakers._FOLLOWING_PRONOUN_FAST.search(text), speakers._FOLLOWING_PRONOUN.search(text)
    assert (fast and (fast.span(), fast.group(1))) == (slow and (slow.span(), slow.group(1)))


def test_a_digit_of_the_number_pattern_in_the_basic_plane_is_a_digit_to_str() -> None:
    # ``punkt._number_type`` skips the pattern for tokens whose first three characters are
    # neither ``str.isdigit`` digits nor outside the Basic Multilingual Plane: every other
    # character the pattern's ``\d`` takes must be such a digit
    import regex

    digit = regex.compile(r"\d")
    assert all(chr(code).isdigit() for code in range(0x10000) if digit.match(chr(code)))


TOKEN_PIECES = ["a", "Z", "é", "“", ".", "..", ",", "-", "3", "٣", "²", "\U00010d40", "\U0001d7ce", "x.", "'", "##", "I", "ß", "_"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TOKEN_PIECES), min_size=1, max_size=6).map("".join))
def test_punkt_token_checks_answer_what_nltk_patterns_answer(tok: str) -> None:
    # (Punkt's tokens hold no white space, so no line break before the patterns' ``$``)
    from tui.analysis import punkt

    low = tok.lower()
    assert punkt._number_type(low) == punkt._NUMERIC.sub("##number##", low)
    params = punkt.PunktParameters()
    fast = punkt.FastPunkt(params)
    initial = len(tok) == 2 and tok[1] == "." and punkt._INITIAL.match(tok) is not None
    assert initial == (punkt._INITIAL.match(tok) is not None)
    assert fast._token_facts(tok)[4] == initial
    ellipsis = punkt._ELLIPSIS.match(tok) is not None
    assert fast._first_pass(tok)[2] == (ellipsis and tok not in fast._sent_end)


CAPITAL_PIECES = [
    " ", ", ", ". ", ": ", "\n", "“", "Said", "Asked", "Ruiz", "Ruiz's", "Mr", ".", "Dr", "The",
    "He", "I", "His", "Senator", "May", "Will", "Seemingly", "Running", "By", "said", "the",
    "told", "van", "Ada", "Lee", "senator", "press", "secretary", "Mertz", "ACME",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(CAPITAL_PIECES), max_size=25).map(" ".join),
    st.lists(st.sampled_from(CAPITAL_PIECES), max_size=25).map(" ".join),
)
def test_capitalised_words_tag_the_same_first_seen_and_remembered(first: str, text: str) -> None:
    # a capitalised word whose tag no context changes becomes a static tag when first
    # seen (in ``first``): ``text`` tags as it does when none of its words was seen before
    from tui.analysis import phrases

    def fresh():
        phrases._static_tags.clear()
        phrases._capital_info.clear()

    fresh()
    cold = tag_tokens(text, 0, len(text), frozenset({"May"}))
    fresh()
    tag_tokens(first, 0, len(first))
    assert tag_tokens(text, 0, len(text), frozenset({"May"})) == cold
    fresh()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["co", "ex", "-", "senator", "vice", "chairman", "x", "é"]), max_size=5).map("".join))
def test_prefixed_role_answers_what_its_partition_answers(low: str) -> None:
    from tui.analysis.lexicon import lexicon
    from tui.analysis.phrases import _prefixed_role

    head, sep, role = low.rpartition("-")
    assert _prefixed_role(low) == (bool(sep) and bool(head) and role in lexicon().role_nouns)


def test_only_nine_letter_words_lower_case_to_according() -> None:
    # ``_leading_match`` compares a word's lower case with "according" only when it has nine
    # characters: a character that lower-cases to several gives one outside "according"
    for code in range(0x110000):
        low = chr(code).lower()
        assert len(low) == 1 or not set(low) <= set("according")


PAIR_PIECES = [".", "?", "!", "..", "...", "Mr.", "mr.", "etc.", "U.S.", "A.", "a.", "1.", "12", "-3.", "“", "”", "It", "the", "The", "said", "x", "”."]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([p for p in PAIR_PIECES if not p.endswith(".")]), st.sampled_from(PAIR_PIECES))
def test_punkt_break_after_a_token_without_a_period_is_its_first_pass_break(tok: str, nxt: str) -> None:
    # ``_breaks_after`` answers for such a token without its other facts
    from tui.analysis.text import punkt_tokenizer

    fast = punkt_tokenizer()
    assert fast._breaks_after(tok, nxt) == fast._token_facts(tok)[0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Ruiz", "'", "’", "s", "S", "x", "é", "-", ".", "\n", "_"]), min_size=1, max_size=6).map("".join))
def test_possessive_needs_an_apostrophe(word: str) -> None:
    # ``_remember_capital`` looks for a possessive only in words with an apostrophe
    from tui.analysis.phrases import _POSSESSIVE

    if _POSSESSIVE.match(word):
        assert "'" in word or "’" in word


WORD_PIECES = ["a", "n", "o", "no", "No", "NO", "x", "Z", "'", "’", "-", " ", ".", "é", "3", "not", "don't", "an", "the", "ng"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=20).map("".join))
def test_content_words_are_the_word_pattern_matches_that_can_have_a_role(text: str) -> None:
    # ``content_terms`` reads words of three characters or more and the two-letter
    # negations: every other word the word pattern finds has no role
    from tui.analysis import links

    low = text.lower().replace("’", "'")
    words = links._WORD.findall(low)
    assert links._content_words().findall(low) == [w for w in words if len(w) > 2 or links._word_role(w) is links._NEGATION]
    assert all(links._word_role(w) is links._SKIP for w in words if len(w) <= 2 and links._word_role(w) is not links._NEGATION)


ASCII_WORD_PIECES = ["a", "n", "o", "no", "No", "NO", "x", "Z", "'", "-", "--", " ", "\n", ".", ",", "3", "_",
                     "not", "don't", "an", "the", "ng", "'em", "-no", "Running", "said", "\x00", "\x7f"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ASCII_WORD_PIECES + WORD_PIECES), max_size=24).map("".join))
def test_content_terms_of_ascii_text_are_those_of_the_word_pattern(text: str) -> None:
    # an ASCII text is read from its runs of letters, apostrophes and hyphens instead
    from tui.analysis import links

    terms, negative = {}, False
    for low in links._content_words().findall(text.lower().replace("’", "'")):
        role = links._word_role(low)
        if role is links._NEGATION:
            negative = True
        elif role is not links._SKIP and role not in terms:
            terms[role] = low
    found = links.content_terms(text)
    assert found == (terms, negative)
    assert list(found[0].items()) == list(terms.items())  # (in the same order)


ASCII_WORD_PIECES = ["a", "n", "o", "no", "No", "NO", "x", "Z", "'", "-", "--", " ", "\n", ".", ",", "3", "_",
                     "not", "don't", "an", "the", "ng", "'em", "-no", "Running", "said", "\x00", "\x01", "\x7f"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(ASCII_WORD_PIECES + WORD_PIECES), max_size=12).map("".join), max_size=5))
def test_content_terms_of_ascii_texts_read_together_are_each_ones(texts: list[str]) -> None:
    # ASCII texts are read together, from their runs of letters, apostrophes and hyphens
    from tui.analysis import links

    found = links._all_content_terms(texts)
    expected = [links.content_terms(text) for text in texts]
    assert found == expected
    assert [list(t.items()) for t, _ in found] == [list(t.items()) for t, _ in expected]  # (same order)


_GENDER_TEXT = (
    "Mr. Pell came in, and he sat. Pell said he was tired; he slept. Pell nodded, his hat off.\n\n"
    "Mrs. Dunmore smiled, and she left. Ada Dunmore waved; her hand rose. Tobias Wren ran, he fell.\n\n"
    "The old cook sighed. Wren laughed, his eyes wet. Wren shouted, he waved. Wren sat, he ate.\n"
)
PHRASE_WORDS = ["Mr. Pell", "Pell", "Pell's", "Mrs. Dunmore", "Ada Dunmore", "Dunmore", "Wren", "Tobias Wren",
                "the old cook", "The Duchess", "she", "the nurse", "Poor Mr. Pell", "Ada", "I"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["NAME", "DESC", "PRON", "ORG", "TITLED", "POSSD", "NARRATOR"]),
    st.sampled_from(PHRASE_WORDS),
    st.sampled_from(PHRASE_WORDS),
    st.integers(0, 200),
    st.integers(0, 200),
    st.sampled_from([None, "speaker", "subject"]),
)
def test_phrase_gender_rests_on_kind_text_and_head_only(kind: str, text: str, head: str, start: int, other: int, role: str | None) -> None:
    # phrase_gender shares one answer among the phrases of one kind, text and head
    from tui.analysis.context import Context
    from tui.analysis.phrases import Phrase
    from tui.analysis.text import split_paragraphs, split_sentences

    paragraphs = split_paragraphs(_GENDER_TEXT)
    ctx = Context(_GENDER_TEXT, paragraphs, split_sentences(_GENDER_TEXT, paragraphs), [], fiction=True, kinds=[])
    p = Phrase(kind, start, start + len(text), text, head, start, start + len(head), None, 0, 1)
    q = Phrase(kind, other, other + len(text), text, head, other + 1, other + 1 + len(head), role, 3, 5)
    fresh = Context(_GENDER_TEXT, paragraphs, split_sentences(_GENDER_TEXT, paragraphs), [], fiction=True, kinds=[])
    assert speakers._phrase_gender(fresh, q) == speakers._phrase_gender(ctx, p)
    assert speakers.phrase_gender(ctx, p) == speakers._phrase_gender(ctx, p)
    assert speakers.phrase_gender(ctx, q) == speakers._phrase_gender(fresh, q)


def _join_descriptions_by_splitting(quote_entity, indefinite=frozenset()) -> None:
    # speakers._join_descriptions as it was: every name split again for every description
    named = {id(e): e for e in quote_entity.values() if e.kind == "person" and (e.full or e.hon_name)}
    joined: dict = {}
    for i, e in list(quote_entity.items()):
        if e.key[0] != "desc" or i in indefinite or e.hon_name:
            continue
        if id(e) not in joined:
            head = e.key[1].split()[-1] if e.key[1] else ""
            matches = [n for n in named.values() if n.role and head in speakers._role_heads(n.role)]
            if not matches:
                matches = [n for n in named.values() if any(head in a.lower().split() for a in n.names)]
            best = max(matches, key=lambda n: sum(n.names.values())) if matches else None
            joined[id(e)] = best
            if best is not None:
                for name, count in e.names.items():
                    best.names[name] += count
        if joined[id(e)] is not None:
            quote_entity[i] = joined[id(e)]


ENTITY_WORDS = ["the cook", "the old cook", "Cook", "the doctor", "Dr. Pell", "Pell", "the man", "Man Friday",
                "the nurse", "Ada Nurse", "", "the Old Man", "old"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(ENTITY_WORDS), st.lists(st.sampled_from(ENTITY_WORDS), max_size=3),
                          st.sampled_from([None, "a cook", "the doctor for the town", "man"]), st.integers(0, 3)), max_size=12),
       st.lists(st.integers(0, 11), max_size=8), st.frozensets(st.integers(0, 11), max_size=3))
def test_join_descriptions_joins_as_splitting_every_name_did(specs, order, indefinite) -> None:
    from collections import Counter

    def build():
        entities = []
        for desc, key, names, role, count in specs:
            kind = "person"
            e = speakers.Entity(("desc", key.lower()) if desc else ("single", "", key.lower()), kind, Counter({n: count for n in names}))
            if not desc:
                e.full, e.role = key or None, role
            entities.append(e)
        if not entities:
            return {}, entities
        return {i: entities[k % len(entities)] for i, k in enumerate(order)}, entities

    mine, mine_entities = build()
    theirs, their_entities = build()
    speakers._join_descriptions(mine, indefinite)
    _join_descriptions_by_splitting(theirs, indefinite)
    index = {id(e): k for k, e in enumerate(mine_entities)}
    their_index = {id(e): k for k, e in enumerate(their_entities)}
    assert {i: index[id(e)] for i, e in mine.items()} == {i: their_index[id(e)] for i, e in theirs.items()}
    assert [e.names for e in mine_entities] == [e.names for e in their_entities]


def _tag_other_list_by_list(word: str, prev_tag: str, text: str, e: int, stop: int) -> str:
    """_tag_other as it was before _listed_tags: one membership test a list."""
    from tui.analysis import phrases
    from tui.analysis.lexicon import lexicon

    lex = lexicon()
    first = word[0]
    low = word.lower()
    if not (first.isalnum() or first == "_"):
        if word == ".":
            return "HDOT" if prev_tag == "HON" else "P"
        return word if word in ",:" else "P"
    if low in lex.speech_verb_base:
        if low in lex.weak_verbs:
            return "W" if phrases._role_follows(text, e, stop) else "VSAY"
        return "VSAY"
    if (low in phrases.PRP_SUBJECT or low in ("him", "them", "me", "us") or ("'" in low or "’" in low) and phrases._contracted_pronoun(low)) and (
        not word.isupper()
    ):
        return "PRP"
    if low in phrases.PRP_POSSESSIVE:
        return "PRP$"
    if low in phrases.DETERMINERS:
        return "DT"
    if low in lex.role_nouns or (low in lex.honorifics and len(low) > 3) or phrases._prefixed_role(low):
        return "ROLE"
    if low in phrases.PREPOSITIONS:
        return "IN"
    if low in phrases.NAME_PARTICLES:
        if prev_tag in ("NNP", "HON", "HDOT") and phrases._name_continues(text, e, stop):
            return "NNP"
        return "W"
    return "W"


OTHER_PIECES = ["he", "she", "'d", "’s", "'", "-", "ex", "co", "senator", "secretary", "said", "state", "press", "van", "der",
                "the", "his", "by", "us", "US", "x", "1", "_", "é", "I", "mr", "Sen", ".", ","]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(OTHER_PIECES), min_size=1, max_size=4).map("".join), st.sampled_from(["", "W", "NNP", "HON", "P"]),
       st.sampled_from(["", " secretary", " Beethoven", " said", " x"]))  # fmt: skip
def test_words_without_a_capital_tag_as_list_by_list(word: str, prev_tag: str, after: str) -> None:
    from tui.analysis.phrases import _tag_other

    if word[0].isupper():
        return  # (the tagger reads capitalised words elsewhere)
    text = word + after
    assert _tag_other(word, prev_tag, text, len(word), len(text)) == _tag_other_list_by_list(word, prev_tag, text, len(word), len(text))


def test_every_listed_word_tags_as_list_by_list() -> None:
    from tui.analysis.phrases import _listed_tags, _tag_other

    for low in _listed_tags():
        for word in {low, low.lower()}:
            if not word or word[0].isupper():
                continue
            for prev_tag, after in [("", ""), ("NNP", " Beethoven"), ("W", " secretary"), ("HON", " said")]:
                text = word + after
                assert _tag_other(word, prev_tag, text, len(word), len(text)) == _tag_other_list_by_list(
                    word, prev_tag, text, len(word), len(text)
                ), word


def test_a_name_called_with_an_endearment_is_found() -> None:
    text = "Dear Tom, you know it, my Ada, as well as I do; oh, my dearest Mary!"
    assert [m.group(1) for m in vocative_matches(text)] == [m.group(1) for m in _VOCATIVE.finditer(text)]
    assert [m.group(1) for m in vocative_matches(text)] == ["Tom", "Ada", "Mary"]


# -- the leading cue's lazy steps give what their eager forms gave ----------------------------
CUE_PIECES = [
    " ", " ", " ", ",", ".", ":", "the", "his", "of", "a", "states", "can", "report", "reports", "said", "says",
    "told", "telling", "and", "after", "Ada", "Ruiz", "Mr", "Ames", "WASHINGTON", "spokesman", "who", "she",
    "it", "(", ")", "calls", "call", "will", "Reuters", "quickly",
]  # fmt: skip


def _outer_speaker_eagerly(tokens, phrases, before):
    """``_outer_speaker`` as it was written first: every phrase that can be a subject, by the
    token it ends at, before the loop."""
    from tui.analysis.sieves import (
        _CLAUSE_BREAKS,
        _SUBORDINATORS,
        _VERB_MODIFIERS,
        _can_be_subject,
        _dateline,
        _speech_verb,
    )

    ends = {p.last: p for p in phrases if _can_be_subject(tokens, p) and not _dateline(tokens, p)}
    for k in range(before - 1, 0, -1):
        tok = tokens[k]
        if tok.tag in (",", ":", "P") or tok.word.lower() in _CLAUSE_BREAKS:
            return None
        if not _speech_verb(tok, leading=True) or tok.word.lower().endswith("ing"):
            continue
        j = k - 1
        while j >= 0 and tokens[j].tag == "W" and (tokens[j].word.lower() in _VERB_MODIFIERS or tokens[j].word.lower().endswith("ly")):
            j -= 1
        p = ends.get(j)
        if p is None or p.kind == "ORG":
            return None
        if p.first > 0 and tokens[p.first - 1].word.lower() in _SUBORDINATORS:
            return None
        return p
    return None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(CUE_PIECES), max_size=50).map(" ".join), st.integers(0, 60))
def test_the_outer_speaker_is_found_as_when_every_subject_was_listed_first(text: str, before: int) -> None:
    from tui.analysis.phrases import chunk_phrases
    from tui.analysis.sieves import _outer_speaker

    tokens = tag_tokens(text, 0, len(text))
    phrases = chunk_phrases(text, tokens)
    before = min(before, len(tokens))
    assert _outer_speaker(tokens, phrases, before) == _outer_speaker_eagerly(tokens, phrases, before)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(CUE_PIECES), max_size=50).map(" ".join), st.integers(1, 40))
def test_speech_verbs_used_as_nouns_come_last_as_in_the_listed_order(text: str, gap: int) -> None:
    from tui.analysis.sieves import _nouns_last, _used_as_noun

    tokens = tag_tokens(text, 0, len(text))
    recent = _last_words(tokens, gap)
    scan = list(enumerate(reversed(recent)))
    nouns = [(n, k) for n, k in scan if tokens[k].tag == "VSAY" and _used_as_noun(tokens, k)]
    listed = [nk for nk in scan if nk not in nouns] + nouns
    assert list(_nouns_last(tokens, enumerate(reversed(recent)))) == listed


def test_a_context_keeps_its_attributes_in_the_shared_key_table(monkeypatch):
    # CPython 3.11 keeps at most 30 attributes of a class's instances in a shared-key table;
    # a Context given more (its caches included, in a novel's analysis and a news article's)
    # gets a dict of its own, and every attribute look-up on it is slower
    from tui.analysis import analyze, context

    made = []
    post_init = context.Context.__post_init__

    def keep(self):
        post_init(self)
        made.append(self)

    monkeypatch.setattr(context.Context, "__post_init__", keep)
    chapter = (
        "Mr. Tobias Wren crossed the yard. “The barn is empty,” said Mr. Wren. Mrs. Ada Holt looked up. "
        "“Then the mare has gone,” she answered, and Tobias Wren nodded.\n\n"
    )
    analyze(chapter * 400)  # (a long text: the speakers' lazy indexes too)
    analyze("Senator Ada Holt said on Monday that the bill “will not pass.” Holt, a Democrat, added: “We have the votes.”")
    names: set[str] = set()
    for ctx in made:
        names |= set(vars(ctx))
    assert made and len(names) <= 30, sorted(names)


def test_pronoun_or_stop_opens_with_what_an_h_or_an_s_matches_under_ignorecase() -> None:
    # the class that opens speakers._PRONOUN_OR_STOP writes out, without IGNORECASE, the
    # characters that an "h" (and an "s") matches with it
    for letter, written in (("h", "[hH]"), ("s", "[sS\u017f]")):
        folded, plain = re.compile(letter, re.IGNORECASE), re.compile(written)
        for code in range(0x110000):
            ch = chr(code)
            assert bool(folded.match(ch)) == bool(plain.match(ch))


def _old_following_pronoun(window: str) -> str | None:
    stop = speakers._SENTENCE_STOP.search(window)
    if stop:
        window = window[: stop.start()]
    found = speakers._FOLLOWING_PRONOUN_FAST.search(window)
    return found and found.group(1)


STOP_PIECES = PRONOUN_PIECES + ["!", "?", ";", '"', "“", "”", "İ", "ı", "HİM", "hıs", "ſ", "K"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(STOP_PIECES), max_size=30).map("".join))
def test_pronoun_or_stop_finds_the_pronoun_before_the_sentence_stop(window: str) -> None:
    found = speakers._PRONOUN_OR_STOP.search(window)
    pronoun = found.group() if found is not None and found.end() - found.start() > 1 else None
    assert pronoun == _old_following_pronoun(window)


WORD_PIECES = [
    " ", "  ", "\n", "\t", "\u2003", "a", "said", "z", "Ab", "A", "I", "J", "U", ".", ",", "'", "’", "-", "_", "é", "ß",
    "3", "2,000", ",0", "٣", "x.", "U.S.", "don't", "co-op", "“", "”", "!", "(",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=30).map("".join))
def test_the_taggers_word_pattern_finds_what_the_token_pattern_finds(text: str) -> None:
    # (the tagger's pattern takes lower-case runs and punctuation by alternatives of their own)
    import re

    from tui.analysis.phrases import _TOKEN_WORDS
    from tui.analysis.text import TOKEN_PATTERN

    assert _TOKEN_WORDS.findall(text) == re.findall(rf"(\s*)({TOKEN_PATTERN})", text)


TERMINAL_PIECES = [
    "a", "word", " ", "\n", "\t", "\u2003", ".", "!", "?", ",", ";", ":", "…", "—", "-", "–", "'", "’", '"', "”", ")", "(", "“", "x",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(TERMINAL_PIECES), max_size=12).map("".join))
def test_terminal_ending_is_read_from_the_end_as_the_pattern_finds_it(text: str) -> None:
    from tui.analysis.pipeline import _TERMINAL, _ends_terminal

    assert _ends_terminal(text) == (_TERMINAL.search(text) is not None)


BREAK_PIECES = ["a", "Word", " ", "\n", "\u2003", ".", "?", "!", "…", '"', "'", "”", "’", ")", "]", "3", ",", "x."]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(BREAK_PIECES), max_size=20).map("".join), st.integers(0, 40), st.integers(0, 40))
def test_possible_break_is_where_the_pattern_finds_one(text: str, a: int, b: int) -> None:
    from tui.analysis.text import _POSSIBLE_BREAK, _possible_break

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert _possible_break(text, start, end) == (_POSSIBLE_BREAK.search(text, start, end) is not None)
