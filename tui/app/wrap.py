"""Word-wrap a document into display lines given as ``(start, end)`` offsets.

The article view is virtual: it never builds a widget or a ``Text`` for the whole
document. It wraps the text into offset pairs (cheap: a slice and an ``rfind`` per
line) and renders only the lines on screen.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.cells import cell_len, get_character_cell_size


def _cut_cells(text: str, start: int, end: int, width: int) -> int:
    """The largest index ``i <= end`` such that ``text[start:i]`` fits in ``width`` cells."""
    cells = 0
    for index in range(start, end):
        char = text[index]
        cells += 1 if char == "\t" else get_character_cell_size(char)
        if cells > width:
            return max(index, start + 1)
    return end


_ONE_CELL: dict[str, bool] = {}


def _single_width(text: str) -> bool:
    """Whether every character of ``text`` takes exactly one cell (one check per distinct char)."""
    if text.isascii():
        return True
    for char in set(text):
        one = _ONE_CELL.get(char)
        if one is None:
            # A tab is drawn as one space by the article.
            one = _ONE_CELL[char] = char == "\t" or get_character_cell_size(char) == 1
        if not one:
            return False
    return True


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Wrap ``text`` at ``width`` cells; return the ``(start, end)`` of each display line.

    Hard newlines end a line; long lines break after the last space that fits, or
    mid-word when a word is longer than the width. Break spaces are not part of a line.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    append = lines.append
    length = len(text)
    line_start = 0
    while line_start <= length:
        line_end = text.find("\n", line_start)
        if line_end == -1:
            line_end = length
        pos = line_start
        if pos == line_end:
            append((pos, pos))
        elif line_end - line_start <= width and (
            _single_width(chunk := text[line_start:line_end]) or cell_len(chunk) <= width
        ):
            append((line_start, line_end))
        else:
            # One check per paragraph: is every character one cell wide?
            paragraph = text[line_start:line_end]
            single = _single_width(paragraph)
            while pos < line_end:
                if single:
                    limit = min(pos + width, line_end)
                else:
                    limit = _cut_cells(text, pos, min(line_end, pos + width), width)
                if limit >= line_end:
                    append((pos, line_end))
                    break
                # The character just past the limit may itself be a break space.
                if text[limit] == " ":
                    cut = limit
                else:
                    cut = text.rfind(" ", pos + 1, limit)
                if cut <= pos:
                    append((pos, limit))
                    pos = limit
                else:
                    append((pos, cut))
                    pos = cut + 1
                    while pos < line_end and text[pos] == " ":
                        pos += 1
        line_start = line_end + 1
    return lines


class WrappedText:
    """A text wrapped at one width, with offset <-> line look-ups."""

    __slots__ = ("text", "width", "lines", "_starts")

    def __init__(self, text: str, width: int) -> None:
        self.text = text
        self.width = width
        self.lines = wrap_offsets(text, width)
        self._starts = [start for start, _ in self.lines]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """The index of the display line that shows ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def offset_at(self, line: int, cell: int) -> int | None:
        """The text offset under ``cell`` of display ``line`` (None past the end of it)."""
        if not 0 <= line < len(self.lines):
            return None
        start, end = self.lines[line]
        segment = self.text[start:end]
        if segment.isascii():
            return start + cell if cell < len(segment) else None
        cells = 0
        for index, char in enumerate(segment):
            cells += get_character_cell_size(char)
            if cells > cell:
                return start + index
        return None
