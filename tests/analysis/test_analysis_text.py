"""The text layer: paragraphs, Punkt sentences and word tokens as offsets into one string."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.analysis import analyze
from tui.analysis.text import split_paragraphs, split_sentences, token_spans


def paragraph_texts(t: str) -> list[str]:
    return [t[p.start : p.end] for p in split_paragraphs(t)]


def sentence_texts(t: str) -> list[str]:
    return [t[s.start : s.end] for s in split_sentences(t, split_paragraphs(t))]


def test_paragraphs_are_blank_line_separated_and_trimmed():
    t = "  First line\nstill first.\n\n   \n\t Second one.  \n\nThird.\n"
    assert paragraph_texts(t) == ["First line\nstill first.", "Second one.", "Third."]
    assert [p.index for p in split_paragraphs(t)] == [0, 1, 2]


def test_paragraphs_with_crlf_line_endings():
    t = "One.\r\n\r\nTwo.\r\n"
    assert paragraph_texts(t) == ["One.", "Two."]


def test_empty_and_blank_texts_have_no_paragraphs():
    assert split_paragraphs("") == []
    assert split_paragraphs(" \n\n \t\n") == []
    a = analyze("")
    assert a.paragraphs == () and a.quotes == () and a.sentences == ()


def test_sentences_split_on_terminators_but_not_abbreviations():
    t = "Mr. Hale arrived at 5 p.m. on Monday. Dr. Linde was late. Was it raining? Yes!"
    assert sentence_texts(t) == [
        "Mr. Hale arrived at 5 p.m. on Monday.",
        "Dr. Linde was late.",
        "Was it raining?",
        "Yes!",
    ]


def test_sentences_never_cross_paragraphs():
    t = "The first paragraph has no full stop\n\nthe second begins in lowercase."
    paragraphs = split_paragraphs(t)
    sentences = split_sentences(t, paragraphs)
    assert len(sentences) == 2
    assert [s.paragraph for s in sentences] == [0, 1]
    for s in sentences:
        p = paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end


def test_tokens_are_offsets_with_apostrophes_hyphens_and_initials():
    t = "Don't re-open the U.S. file, O’Neill said."
    assert [t[s:e] for s, e in token_spans(t)] == [
        "Don't", "re-open", "the", "U.S.", "file", ",", "O’Neill", "said", ".",
    ]


def test_token_spans_of_a_slice_are_absolute():
    t = "xxxx Anna said."
    spans = token_spans(t, 5, len(t))
    assert spans[0] == (5, 9)
    assert [t[s:e] for s, e in spans] == ["Anna", "said", "."]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="ab .!?\n\t“”\"'", max_size=120))
def test_paragraphs_and_sentences_are_ordered_and_inside_the_text(text):
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    end = 0
    for p in paragraphs:
        assert end <= p.start < p.end <= len(text)
        assert not text[p.start].isspace() and not text[p.end - 1].isspace()
        end = p.end
    end = 0
    for k, s in enumerate(sentences):
        assert s.index == k
        assert end <= s.start < s.end <= len(text)
        p = paragraphs[s.paragraph]
        assert p.start <= s.start and s.end <= p.end
        end = s.end


def test_analysis_sentence_index_points_at_the_quote_sentence():
    t = "The fog lifted. Odile Ferrand said: “The gate stays shut.” Nobody argued."
    a = analyze(t)
    (q,) = a.quotes
    s = a.sentence_of(q)
    assert t[s.start : s.end].startswith("Odile Ferrand said")


def _clipped_sentences(t: str) -> list[tuple[int, int, int]]:
    # every Punkt span of each block clipped to each paragraph it touches (split_sentences
    # without its shortcut for a span inside one paragraph)
    from tui.analysis.text import _blocks, punkt_tokenizer

    paragraphs = split_paragraphs(t)
    out = []
    for block_start, block_end, possible_break in _blocks(t, paragraphs):
        spans = punkt_tokenizer().spans(t[block_start:block_end]) if possible_break else [(0, block_end - block_start)]
        for start, end in spans:
            for para in paragraphs:
                s, e = max(start + block_start, para.start), min(end + block_start, para.end)
                if e > s:
                    out.append((s, e, para.index))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "Yes", "no", "Chapter I", ".", "?", "!", " ", "\n", "\n\n", "\n \n", '"', "’", ")", "5.", "a."]), max_size=40).map("".join))
@example("Chapter I\n\nYes. No.")
@example("One. Two\n\nthree. Four.\n\nFive")
def test_sentences_are_the_block_spans_clipped_to_paragraphs(text):
    got = [(s.start, s.end, s.paragraph) for s in split_sentences(text, split_paragraphs(text))]
    assert got == _clipped_sentences(text)
