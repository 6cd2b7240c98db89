"""closeread's fast Punkt makes exactly NLTK's sentence decisions with the shipped parameters.

Sentences are what the sieves, the context pane and the article view are built on: a faster
splitter that cut one sentence differently would change attributions silently. The reference
is NLTK's own ``PunktSentenceTokenizer`` with the same parameters.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktSentenceTokenizer

from tui.analysis.punkt import FastPunkt
from tui.analysis.text import punkt_parameters, punkt_tokenizer

PIECES = [
    " ", " ", " ", "\n", "\n\n", "\t", "  ",
    ".", ". ", "? ", "! ", "...", "…", ". . .", "--", "—", ",", ";", ":", "-",
    '"', "“", "”", "‘", "’", "'", "(", ")", "[", "]", "«", "»",
    "Mr.", "Mrs.", "Dr.", "St.", "Co.", "Inc.", "etc.", "e.g.", "i.e.", "U.S.", "a.m.", "No.",
    "J.", "A.", "b.", "1.", "12.", "3.5", "1,000.", "-4.", "##number##", "vs.", "Jan.",
    "He", "he", "She", "The", "the", "I", "It", "And", "but", "When", "Then", "said", "asked",
    "Smith", "London", "yes", "Yes", "NO", "ÉTÉ", "été", "Ödön", "ß", "ǅ", "7", "é", "\u00a0",
]  # fmt: skip


def reference() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(punkt_parameters())


@st.composite
def prose(draw) -> str:
    return "".join(draw(st.lists(st.sampled_from(PIECES), max_size=80)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose())
@example("Mr. Smith went to Washington. He said so.")
@example("It was 5 p.m. Then J. Bach played. The U.S. Army left at 3 a.m. on Jan. 4. Done!")
@example('"Stop." she said. "Why?" (He did.) [Not so.] The end...')
@example("Wait... what? No!! Yes?! Fine.")
@example(" . \n. ")
def test_fast_punkt_splits_exactly_as_nltk(text: str) -> None:
    fast = FastPunkt(punkt_parameters())
    expected = list(reference().span_tokenize(text))
    assert list(fast.span_tokenize(text)) == expected
    assert fast.spans(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | st.lists(st.sampled_from(PIECES + ["\x1c", "\x1f", "\u0301", "²"]), max_size=60).map("".join))
@example(".\x1f0")
@example("Yes.\x1cNo. Maybe.\x1d He said.")
def test_fast_punkt_matches_nltk_on_any_unicode(text: str) -> None:
    fast = FastPunkt(punkt_parameters())
    expected = list(reference().span_tokenize(text))
    assert list(fast.span_tokenize(text)) == expected
    assert fast.spans(text) == expected


def test_repeated_contexts_give_the_same_answer_from_memory() -> None:
    tokenizer = punkt_tokenizer()
    text = 'I am here. "I said so." Mr. Lee nodded. I am here. "I said so." Mr. Lee nodded.'
    first = list(tokenizer.span_tokenize(text))
    again = list(tokenizer.span_tokenize(text))
    assert first == again == list(reference().span_tokenize(text))
    assert [text[s:e] for s, e in first[:3]] == ["I am here.", '"I said so."', "Mr. Lee nodded."]


def test_the_realignment_pattern_starts_with_a_closer_and_only_then() -> None:
    # ``spans`` tries NLTK's realignment pattern only after a break followed by one of
    # ``_CLOSERS``: a character the pattern can start with is exactly one of them
    from tui.analysis import punkt

    tokenizer = punkt_tokenizer()
    for realign in (tokenizer._fast[2], tokenizer._exact[2]):
        starts = {chr(code) for code in range(0x10000) if realign.match(chr(code) + " ")}
        assert starts == punkt._CLOSERS
        assert not any(realign.match(chr(code) + " ") for code in range(0x10000, 0x110000, 97))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", " ", "\x1b", "\x1c", "\x1d", "\x1e", "\x1f", "\x20", "é"]), max_size=12))
def test_the_separator_check_finds_what_the_separator_pattern_finds(text: str) -> None:
    import re

    from tui.analysis import punkt

    assert punkt._has_separator(text) == (re.search("[\x1c-\x1f]", text) is not None)


CONTEXT_PIECES = ["said", "The", "I", "a", "x", "é", "3", ".", "?", "!", "..", ",", '"', "'", "-", "--", " ", "\n", "\n\n", "\t", "\r", "\xa0", "\u2028", "(", "Mr", ")", ";", ":", "[", "*", "@", "“", "”", "‘", "’", "«", "»", "Éa", "aé"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(CONTEXT_PIECES), min_size=1, max_size=8).map("".join))
@example("said. The")
@example("eye! Then")
@example("why?\n\nI")
@example('said. "Come,')
@example("said.\n\n\"I'm")
@example('said."')
@example("said. Then,")
@example("said. Then--")
@example("said. Then.")
@example('"Stop! now')
@example('Mr. "Stop!"')
@example("Mr. Lee?)")
@example("Mr. Lee.'")
@example("said. “We")
@example("facts.”")
@example("said. “It's")
@example("said. “It’s")
@example("said. “Yes.")
@example("said. ““")
@example("said. “,”")
@example("said. “--")
@example("said.\xa0“We")
@example("said. ‘Tis")
@example("why?” she")
def test_a_word_and_the_next_are_read_as_the_word_pattern_reads_them(context: str) -> None:
    # ``_contains_sentbreak`` reads such a context without NLTK's word pattern: the pair
    # it returns is one of the pattern's, and the only one that may hold a break
    from tui.analysis import punkt

    tokenizer = punkt_tokenizer()
    tokens = punkt._word_and_next(context)
    if tokens is None:
        return
    word_re = tokenizer._fast[1]
    read = [tok for line in context.split("\n") for tok in word_re.findall(line)]
    pairs = list(zip(read, read[1:]))
    if len(tokens) == 3:
        assert tokens[:2] in pairs and tokens[1] in ("?", "!")
    else:
        assert tokens in pairs and tokens[0].endswith(".")
        # (any other pair starts with a token that is neither a lone mark nor ends with a period)
        assert all(pair == tokens or not (pair[0].endswith(".") or pair[0] in "?!") for pair in pairs)
    fast = FastPunkt(punkt_parameters())
    assert fast._contains_sentbreak(context, word_re) == fast._contains_sentbreak(context, tokenizer._exact[1])


def test_the_word_ends_are_the_word_pattern_s_own() -> None:
    # ``_word_and_next``: an ASCII character ends a word when it follows it exactly when it is one of ``_WORD_END``
    from tui.analysis import punkt

    word_re = punkt_tokenizer()._fast[1]
    ends = {chr(code) for code in range(1, 128) if word_re.findall("ab" + chr(code) + "c")[0] == "ab" and chr(code) not in ",-."}
    assert ends - set(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f") == punkt._WORD_END
