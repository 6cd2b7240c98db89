from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.app.wrap import WrappedText, wrap_offsets


def lines(text, width):
    return [text[s:e] for s, e in wrap_offsets(text, width)]


def test_wraps_at_spaces_and_keeps_hard_newlines():
    assert lines("Hello world this is\n\nend", 11) == ["Hello world", "this is", "", "end"]


def test_breaks_a_word_longer_than_the_width():
    assert lines("abcdefghij xy", 4) == ["abcd", "efgh", "ij", "xy"]


def test_wide_characters_count_two_cells():
    text = "日本語のテキストです"
    wrapped = lines(text, 6)
    assert all(cell_len(line) <= 6 for line in wrapped)
    assert "".join(wrapped) == text


def test_offsets_round_trip():
    text = "one two three four five six seven\neight nine"
    wrapped = WrappedText(text, 10)
    for number, (start, end) in enumerate(wrapped.lines):
        for offset in range(start, end):
            assert wrapped.line_of(offset) == number
        if end > start:
            assert wrapped.offset_at(number, 0) == start
            assert wrapped.offset_at(number, end - start) is None


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab “”日\n  ", max_size=200), st.integers(min_value=1, max_value=30))
def test_every_line_fits_and_no_text_is_lost(text, width):
    wrapped = wrap_offsets(text, width)
    for start, end in wrapped:
        assert cell_len(text[start:end]) <= max(width, 2)
    # Only break spaces and newlines are dropped.
    kept = "".join(text[s:e] for s, e in wrapped).replace(" ", "")
    assert kept == text.replace(" ", "").replace("\n", "")
