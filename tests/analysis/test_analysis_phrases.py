"""The lexicon tagger and the RegexpParser chunk grammar for speaker phrases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.analysis.phrases import chunk_phrases, tag_tokens


def tags(s: str) -> list[tuple[str, str]]:
    return [(t.word, t.tag) for t in tag_tokens(s, 0, len(s))]


def phrases(s: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in chunk_phrases(s, tag_tokens(s, 0, len(s)))]


def phrase(s: str, text: str):
    found = [p for p in chunk_phrases(s, tag_tokens(s, 0, len(s))) if p.text == text]
    assert found, phrases(s)
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Anna Kowalski told reporters", [("Anna", "NNP"), ("Kowalski", "NNP"), ("told", "VSAY"), ("reporters", "W")]),
        ("Mr. Hale said", [("Mr", "HON"), (".", "HDOT"), ("Hale", "NNP"), ("said", "VSAY")]),
        ("she added", [("she", "PRP"), ("added", "VSAY")]),
        ("the spokeswoman insisted", [("the", "DT"), ("spokeswoman", "ROLE"), ("insisted", "VSAY")]),
        ("Odile’s aide", [("Odile’s", "NNPS"), ("aide", "ROLE")]),
        ("by their lawyer", [("by", "IN"), ("their", "PRP$"), ("lawyer", "ROLE")]),
        ("said Dobbs:", [("said", "VSAY"), ("Dobbs", "NNP"), (":", ":")]),
    ],
)
def test_tagger(sentence, expected):
    assert tags(sentence) == expected


def test_tag_offsets_are_absolute():
    t = "“Go,” Anna Kowalski said."
    start = t.index("Anna")
    tokens = tag_tokens(t, start, len(t))
    assert [(t[x.start : x.end], x.word) for x in tokens][:2] == [("Anna", "Anna"), ("Kowalski", "Kowalski")]


def test_name_phrase():
    p = phrase("Anna Kowalski told reporters", "Anna Kowalski")
    assert p.kind == "NAME" and p.head == "Anna Kowalski" and p.role is None


def test_titled_phrase_with_role():
    p = phrase("Governor Elena Ruiz said", "Governor Elena Ruiz")
    assert p.kind == "TITLED"
    assert p.head == "Elena Ruiz"
    assert p.role == "Governor"


def test_titled_phrase_with_abbreviated_honorific():
    p = phrase("Mr. Hale said", "Mr. Hale")
    assert p.kind == "TITLED" and p.head == "Mr. Hale"


def test_titled_phrase_with_descriptive_role():
    s = "the city’s deputy mayor Ilona Varga told reporters"
    p = [x for x in chunk_phrases(s, tag_tokens(s, 0, len(s))) if "Ilona Varga" in x.text][0]
    assert p.kind == "TITLED"
    assert p.head == "Ilona Varga"
    assert p.role is not None and "deputy mayor" in p.role


def test_possessive_proper_name_phrase():
    s = "Odile Ferrand’s spokesman Pavel Brun said"
    p = phrase(s, "Odile Ferrand’s spokesman Pavel Brun")
    assert p.kind == "POSSD"
    assert p.head == "Pavel Brun"
    assert p.role == "Odile Ferrand’s spokesman"


def test_organisation_phrase():
    p = phrase("The Pentagon said", "The Pentagon")
    assert p.kind == "ORG"


def test_description_phrase():
    assert ("DESC", "the ministry spokeswoman") in phrases("the ministry spokeswoman said")


def test_pronoun_phrase():
    assert phrases("he told") == [("PRON", "he")]


def test_name_and_titled_name_in_one_clause_stay_separate():
    # "Marta Vidal met Mr Castell": two people, not one title "Marta Vidal met" for Mr Castell
    s = "Marta Vidal met Mr Castell on Friday"
    found = phrases(s)
    assert ("NAME", "Marta Vidal") in found
    assert any(text == "Mr Castell" for _, text in found)


def test_sentence_initial_adverb_is_not_part_of_a_name():
    s = "Later Halvard Steen said"
    assert any(text == "Halvard Steen" for _, text in phrases(s)), phrases(s)


def test_a_capitalised_speech_verb_before_a_speech_verb_is_a_name():
    from tui.analysis.phrases import tag_tokens

    text = '"We have assessed the deal," Read said.'
    tags = {t.word: t.tag for t in tag_tokens(text, 0, len(text))}
    assert tags["Read"] == "NNP" and tags["said"] == "VSAY"
    text = "Said he, without a smile."
    assert tag_tokens(text, 0, len(text))[0].tag == "VSAY"


def test_a_common_word_is_a_name_only_where_the_document_says_so():
    from tui.analysis.phrases import tag_tokens

    text = "and May laughed"
    tags = lambda names: [t.tag for t in tag_tokens(text, 0, len(text), names)]  # noqa: E731
    assert tags(frozenset())[1] == "W"  # a modal or a month, by default
    assert tags(frozenset({"May"}))[1] == "NNP"  # a story whose May is a girl


def test_and_before_an_honorific_joins_two_people_not_one_title():
    # "the old cook and Mr. Pell": a description and a name, not a title "the old cook and"
    found = phrases("said the old cook and Mr. Pell.")
    assert ("DESC", "the old cook") in found
    assert ("TITLED", "Mr. Pell") in found
    # (a coordination of roles is one description)
    assert ("DESC", "the senator and Republican candidate") in phrases("the senator and Republican candidate said")


def test_a_possessive_name_keeps_its_honorific_in_a_description():
    # "said Mr. Pell's wife": the description starts at the honorific, not at "Pell's"
    assert ("DESC", "Mr. Pell's wife") in phrases("said Mr. Pell's wife.")


def test_a_number_with_thousands_commas_is_one_word():
    s = "Ada Finch greeted 2,000 supporters in 1,500 towns and told them, 3, 4"
    words = [t.word for t in tag_tokens(s, 0, len(s))]
    assert "2,000" in words and "1,500" in words and "000" not in words
    assert words[-3:] == ["3", ",", "4"]  # (a comma and a space part two numbers)
    # no phrase "000 supporters" for a cue to take as its subject
    assert ("DESC", "000 supporters") not in phrases(s)


def _capital_info_reference(word: str) -> tuple:
    """What ``_remember_capital`` returned before its quick path for names (every list read
    for every word), and the static tag it then recorded (None: none)."""
    from tui.analysis.lexicon import lexicon
    from tui.analysis.phrases import (
        _POSSESSIVE,
        DETERMINERS,
        PREPOSITIONS,
        PRP_POSSESSIVE,
        PRP_SUBJECT,
        _contracted_pronoun,
        _prefixed_role,
    )

    lex = lexicon()
    low = word.lower()
    speech_verb = low in lex.speech_verb_base and low not in lex.honorifics
    if (low in PRP_SUBJECT or low in ("him", "them", "me", "us") or ("'" in low or "’" in low) and _contracted_pronoun(low)) and (
        word == "I" or not word.isupper()
    ):
        fixed = "PRP"
    elif low in PRP_POSSESSIVE:
        fixed = "PRP$"
    elif low in DETERMINERS:
        fixed = "DT"
    elif low in lex.honorifics and low not in lex.role_nouns:
        fixed = "HON"
    elif low in lex.role_nouns or _prefixed_role(low):
        fixed = "ROLE"
    elif low in PREPOSITIONS:
        fixed = "IN"
    else:
        fixed = None
    possessive = ("'" in word or "’" in word) and _POSSESSIVE.match(word) is not None
    info = (
        speech_verb,
        fixed,
        word[1:].islower() and not possessive,
        low in lex.stop_capitals or low in lex.non_person_capitals,
        low.endswith(("ing", "ly")) and len(low) > 5,
        possessive,
    )
    static = None
    if not speech_verb and fixed != "HON" and (fixed is not None or not (info[3] or info[4])):
        static = fixed if fixed is not None else "NNPS" if possessive else "NNP"
    return info, static


def _listed_words() -> list[str]:
    from tui.analysis.lexicon import lexicon
    from tui.analysis.phrases import DETERMINERS, PREPOSITIONS, PRP_POSSESSIVE, PRP_SUBJECT

    lex = lexicon()
    words = {*lex.speech_verb_base, *PRP_SUBJECT, "him", "them", "me", "us", *PRP_POSSESSIVE, *DETERMINERS, *lex.honorifics,
             *lex.role_nouns, *PREPOSITIONS, *lex.stop_capitals, *lex.non_person_capitals}  # fmt: skip
    return sorted(words)


_CAPITAL_PIECES = ["Ada", "Ruiz", "I", "He", "HE", "Her", "HER", "The", "Said", "Senator", "Mr", "Ex", "Vice", "ing", "ly",
                   "-", "'", "’", "s", "d", "ll", "O", "Mc", "É", "x"]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(
        st.builds(
            lambda w, case, end: (w.title() if case == 0 else w.upper() if case == 1 else w[:1].upper() + w[1:]) + end,
            st.sampled_from(_listed_words()),
            st.integers(0, 2),
            st.sampled_from(["", "'s", "’s", "'", "-in-law", "ing", "ly"]),
        ),
        st.builds(lambda a, b: "-".join((a, b)), st.sampled_from(["Ex", "Co", "Vice", "Anti"]), st.sampled_from(_listed_words())),
        st.lists(st.sampled_from(_CAPITAL_PIECES), min_size=1, max_size=4).map("".join).filter(lambda w: w[:1].isupper()),
    )
)
def test_a_capitalised_word_s_facts_are_those_every_list_gives(word: str) -> None:
    # ``_remember_capital`` skips the lists for a word in none of them (most names): the facts
    # and the static tag are what reading every list gives
    from tui.analysis import phrases as ph

    ph._static_tags.pop(word, None)
    info = ph._remember_capital(word)
    expected, static = _capital_info_reference(word)
    assert info == expected
    assert ph._static_tags.get(word) == static


def _phrase_reference(text, tokens, kind, i, j):
    """``_phrase`` for a titled or possessive phrase as it was written before its quick
    loops (one generator a name word, the tokens' fields by name)."""
    from tui.analysis.phrases import _POSSESSIVE, Phrase

    start, end = tokens[i].start, tokens[j].end
    k = j
    while k > i and tokens[k - 1].tag in ("NNP", "HON", "HDOT"):
        k -= 1
    while k < j and tokens[k].tag == "NNP" and any(t.tag == "HON" for t in tokens[k + 1 : j]):
        k += 1
    role = None
    if k > i:
        role_tokens = [t for t in tokens[i:k] if t.tag not in ("DT",)]
        if role_tokens and role_tokens[0].tag == "W" and len(role_tokens) == 1:
            role_tokens = []
        if role_tokens and any(t.tag in ("ROLE", "HON", "NNPS") for t in role_tokens):
            role = text[role_tokens[0].start : role_tokens[-1].end]
    head_start = tokens[k].start
    head_end = end
    head = text[head_start:head_end]
    m = _POSSESSIVE.match(head) if tokens[j].tag == "NNPS" else None
    if m:
        head = m.group(1)
        head_end = head_start + len(head)
    return Phrase(kind, start, end, text[start:end], head, head_start, head_end, role, i, j)


_PHRASE_TAGS = ["NNP", "NNP", "HON", "HDOT", "ROLE", "W", "DT", "NNPS", "PRP$"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_TAGS), min_size=1, max_size=9), st.data())
def test_a_titled_phrase_s_name_and_role_are_found_as_before(tags, data) -> None:
    # invented words, one a tag: the name, its honorific and the role read from the tags
    from tui.analysis.phrases import Token, _phrase

    words = {"NNP": "Ada", "HON": "Dr", "HDOT": ".", "ROLE": "mayor", "W": "old", "DT": "the", "NNPS": "Ruiz's", "PRP$": "his"}
    tokens, pos, parts = [], 0, []
    for tag in tags:
        word = words[tag]
        tokens.append(Token(pos, pos + len(word), word, tag))
        parts.append(word)
        pos += len(word) + 1
    text = " ".join(parts)
    i = data.draw(st.integers(0, len(tags) - 1))
    j = data.draw(st.integers(i, len(tags) - 1))
    kind = data.draw(st.sampled_from(["POSSD", "TITLED"]))
    assert _phrase(text, tokens, kind, i, j) == _phrase_reference(text, tokens, kind, i, j)
