"""The article: a virtual view of the whole text (``ScrollView`` + ``render_line``).

The text is wrapped into ``(start, end)`` offsets (:mod:`tui.app.wrap`); only the lines on
screen are turned into styled strips, and those are cached until the selection, the
search, the palette or the width changes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip

from tui.analysis.model import Analysis
from tui.app.commands import bindings_for
from tui.app.notes import DocumentMarks
from tui.app.palette import SpeakerPalette
from tui.app.widgets.base import QuietScrollView
from tui.app.wrap import WrappedText

_MARKED = Style(underline=True)


class ArticleView(QuietScrollView, can_focus=True):
    """The document, every quotation tinted in its speaker's colour."""

    BINDINGS = bindings_for("article")

    analysis: var[Analysis | None] = var(None)
    selected: var[str | None] = var(None)
    palette: var[SpeakerPalette | None] = var(None)
    search: var[str] = var("")
    matches: var[tuple[int, ...]] = var(())  # start offsets of the search matches
    match_index: var[int] = var(-1)
    marks: var[DocumentMarks] = var(DocumentMarks())  # noted/bookmarked quotes: underlined

    class QuoteChosen(Message):
        """The user clicked a quotation (``jump``), or moved to it with the keyboard."""

        def __init__(self, quote_id: str, jump: bool = True) -> None:
            self.quote_id = quote_id
            self.jump = jump
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._wrapped: WrappedText | None = None
        self._cache: dict[tuple[int, int, int], Strip] = {}  # (line, scroll x, width)
        self._starts: list[int] = []
        self._max_ends: list[int] = []
        self._pending_offset: int | None = None

    # -- state ------------------------------------------------------------------------------
    @property
    def wrapped(self) -> WrappedText | None:
        return self._wrapped

    def watch_analysis(self, analysis: Analysis | None) -> None:
        self._starts = [quote.start for quote in analysis.quotes] if analysis else []
        ends = [quote.end for quote in analysis.quotes] if analysis else []
        self._max_ends = list(accumulate(ends, max))
        self._wrapped = None
        self._rewrap()

    def watch_selected(self, old: str | None, new: str | None) -> None:
        # Only the lines of the quotation left and of the one chosen change their look:
        # they are drawn again (or the whole view, when it scrolls to the new one).
        changed = [self._forget_lines_of(self._quote(old)), self._forget_lines_of(self._quote(new))]
        top = round(self.scroll_y)
        quote = self._quote(new)
        if quote is not None:
            self.show_offset(quote.start, quote.end)
        if round(self.scroll_y) != top:
            return
        for lines in changed:
            if lines is not None:
                self.refresh_lines(lines[0], lines[1] - lines[0] + 1)

    def _forget_lines_of(self, quote) -> tuple[int, int] | None:
        """Drop the cached lines of ``quote``; its first and last display lines."""
        wrapped = self._wrapped
        if quote is None or wrapped is None:
            return None
        first = wrapped.line_of(quote.start)
        last = wrapped.line_of(max(quote.start, quote.end - 1))
        for key in [key for key in self._cache if first <= key[0] <= last]:
            del self._cache[key]
        return first, last

    def _repaint(self) -> None:
        """Every line may look different now: forget the drawn lines and draw again."""
        self._cache.clear()
        self.refresh()

    def watch_palette(self) -> None:
        self._repaint()

    def watch_marks(self) -> None:
        self._repaint()

    def watch_search(self) -> None:
        self._repaint()

    def watch_matches(self) -> None:
        self._repaint()

    def watch_match_index(self, index: int) -> None:
        self._cache.clear()
        self.refresh()
        if 0 <= index < len(self.matches):
            start = self.matches[index]
            self.show_offset(start, start + len(self.search))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_resize(self) -> None:
        self._rewrap()

    def _quote(self, quote_id: str | None):
        if quote_id is None or self.analysis is None:
            return None
        try:
            return self.analysis.quote(quote_id)
        except KeyError:
            return None

    @property
    def wrap_width(self) -> int:
        """The wrapping width: the content width less one cell of air before the scrollbar."""
        width = self.scrollable_content_region.width
        return width - 1 if width > 12 else width

    def _rewrap(self) -> None:
        width = self.wrap_width
        if self.analysis is None or width <= 0:
            self._wrapped = None
            self.set_virtual_size(Size(0, 0))
            self.refresh()
            return
        if self._wrapped is not None and self._wrapped.width == width:
            return
        anchor = None
        if self._wrapped is not None and len(self._wrapped):
            top = min(round(self.scroll_y), len(self._wrapped) - 1)
            anchor = self._wrapped.lines[top][0]
        self._wrapped = WrappedText(self.analysis.text, width)
        self._cache.clear()
        self.set_virtual_size(Size(self.scrollable_content_region.width, len(self._wrapped)))
        if self._pending_offset is not None:
            start, end = self._pending_offset
            self._pending_offset = None
            self.show_offset(start, end)
        elif anchor is not None:
            self.scroll_to(y=self._wrapped.line_of(anchor), animate=False, immediate=True)
        self.refresh()

    def show_offset(self, start: int, end: int | None = None) -> None:
        """Scroll so that the text at ``start`` is in view (about a third down if it moves)."""
        wrapped = self._wrapped
        height = self.scrollable_content_region.height
        if wrapped is None or height <= 0:
            self._pending_offset = (start, end if end is not None else start)
            return
        first = wrapped.line_of(start)
        last = wrapped.line_of(max(start, (end or start) - 1))
        top = round(self.scroll_y)
        if first >= top and last < top + height:
            return
        if last - first + 1 >= height:
            target = first
        else:
            target = first - max(0, (height - (last - first + 1)) // 3)
        self.scroll_to(y=max(0, target), animate=False, immediate=True)

    def visible_line_range(self) -> tuple[int, int]:
        top = round(self.scroll_y)
        return top, top + self.scrollable_content_region.height

    # -- rendering ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        wrapped = self._wrapped
        if wrapped is None or index >= len(wrapped):
            return Strip.blank(width, self.rich_style)
        key = (index, scroll_x, width)
        strip = self._cache.get(key)
        if strip is None:  # (the widget's style is looked up only here: it is not cheap)
            base = self.rich_style
            line = self._render_wrapped_line(index, base)
            strip = line.crop_extend(scroll_x, scroll_x + width, base)
            if len(self._cache) > 1000:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def quotes_between(self, start: int, end: int) -> list[int]:
        """Positions of the quotations that overlap ``[start, end)``."""
        if not self._starts:
            return []
        found = []
        index = bisect_left(self._starts, end) - 1
        while index >= 0 and self._max_ends[index] > start:
            if self.analysis.quotes[index].end > start:
                found.append(index)
            index -= 1
        found.reverse()
        return found

    def _render_wrapped_line(self, index: int, base: Style) -> Strip:
        analysis = self.analysis
        wrapped = self._wrapped
        assert analysis is not None and wrapped is not None
        start, end = wrapped.lines[index]
        text = Text(analysis.text[start:end].replace("\t", " "), end="", no_wrap=True)
        palette = self.palette
        marks = self.marks
        if palette is not None and end > start:
            for position in self.quotes_between(start, end):
                quote = analysis.quotes[position]
                style = (
                    palette.strong_style(quote.speaker_id)
                    if quote.id == self.selected
                    else palette.subtle_style(quote.speaker_id)
                )
                if quote.id in marks.notes or quote.id in marks.bookmarks:
                    style = style + _MARKED
                text.stylize(style, max(quote.start, start) - start, min(quote.end, end) - start)
            if self.search and self.matches:
                length = len(self.search)
                first = bisect_left(self.matches, start - length + 1)
                last = bisect_right(self.matches, end)
                for number in range(first, last):
                    match_start = self.matches[number]
                    style = palette.current_match if number == self.match_index else palette.match
                    text.stylize(
                        style,
                        max(match_start, start) - start,
                        min(match_start + length, end) - start,
                    )
        segments = list(text.render(self.app.console, end=""))
        return Strip(segments).apply_style(base)

    # -- input -------------------------------------------------------------------------------
    def quote_at(self, offset: int) -> str | None:
        positions = self.quotes_between(offset, offset + 1)
        if not positions:
            return None
        # The innermost quotation (the last to open) wins.
        return self.analysis.quotes[positions[-1]].id

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._wrapped is None:
            return
        line = round(self.scroll_y) + offset.y
        text_offset = self._wrapped.offset_at(line, round(self.scroll_x) + offset.x)
        if text_offset is None:
            return
        quote_id = self.quote_at(text_offset)
        if quote_id is not None:
            self.post_message(self.QuoteChosen(quote_id))

    def _step(self, forward: bool) -> None:
        analysis = self.analysis
        if analysis is None or not analysis.quotes:
            return
        current = self._quote(self.selected)
        if current is not None:
            position = analysis.quote_position(current.id) + (1 if forward else -1)
        elif self._wrapped is not None and len(self._wrapped):
            top = min(round(self.scroll_y), len(self._wrapped) - 1)
            offset = self._wrapped.lines[top][0]
            position = bisect_left(self._starts, offset) - (0 if forward else 1)
        else:
            position = 0
        if 0 <= position < len(analysis.quotes):
            self.post_message(self.QuoteChosen(analysis.quotes[position].id, jump=False))

    def action_next_quote(self) -> None:
        self._step(forward=True)

    def action_previous_quote(self) -> None:
        self._step(forward=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)
