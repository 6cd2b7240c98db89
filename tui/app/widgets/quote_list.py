"""The quotations list: a virtual list (``ScrollView`` + ``render_line``) of the filtered quotes."""

from __future__ import annotations

from bisect import bisect_left

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

_KIND_WIDTH = 8


def mark_of(marks: DocumentMarks, quote_id: str) -> str:
    """``★`` for a bookmark, ``✎`` for a note (both: ``★✎``), or nothing."""
    return ("★" if quote_id in marks.bookmarks else "") + ("✎" if quote_id in marks.notes else "")


class QuoteList(QuietScrollView, can_focus=True):
    """One line per visible quotation: colour swatch, speaker, kind and first words."""

    BINDINGS = bindings_for("list")
    COMPONENT_CLASSES = {"quote-list--cursor", "quote-list--kind", "quote-list--empty"}

    analysis: var[Analysis | None] = var(None)
    shown: var[tuple[int, ...]] = var(())  # positions in analysis.quotes, text order
    selected: var[str | None] = var(None)
    palette: var[SpeakerPalette | None] = var(None)
    marks: var[DocumentMarks] = var(DocumentMarks())  # rows with a note or bookmark say so

    class Selected(Message):
        """The cursor moved to a quotation (``open``: the user asked to read it)."""

        def __init__(self, quote_id: str, open: bool = False) -> None:
            self.quote_id = quote_id
            self.open = open
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._cache: dict[tuple, Strip] = {}
        self._row_of: dict[int, int] = {}  # quote position -> row

    # -- state -----------------------------------------------------------------------------
    @property
    def cursor_row(self) -> int | None:
        return self._row_for(self.selected)

    def watch_analysis(self) -> None:
        self._cache.clear()
        self.refresh()

    def _set_rows(self, rows: int) -> None:
        """The scrollable height: one line per row (no layout of the screen: each
        keystroke in the filter changes it)."""
        self.set_virtual_size(Size(self.scrollable_content_region.width, rows))

    def watch_shown(self, shown: tuple[int, ...]) -> None:
        self._row_of = {position: row for row, position in enumerate(shown)}
        self._cache.clear()
        self._set_rows(len(shown))
        if self.scroll_y > max(0, len(shown) - 1):
            self.scroll_to(y=0, animate=False)
        self._scroll_to_cursor()
        self.refresh()

    def watch_selected(self, old: str | None, new: str | None) -> None:
        # The cache keys say whether a row is the cursor's: nothing cached goes stale, and
        # only the rows left and reached are drawn again (a scroll redraws the whole view).
        top = round(self.scroll_y)
        self._scroll_to_cursor()
        if round(self.scroll_y) != top:
            return
        for quote_id in (old, new):
            row = self._row_for(quote_id)
            if row is not None:
                self.refresh_line(row)

    def _row_for(self, quote_id: str | None) -> int | None:
        if self.analysis is None or quote_id is None:
            return None
        try:
            return self._row_of.get(self.analysis.quote_position(quote_id))
        except KeyError:
            return None

    def watch_palette(self) -> None:
        self._cache.clear()
        self.refresh()

    def watch_marks(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        self._set_rows(len(self.shown))
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def _scroll_to_cursor(self) -> None:
        row = self.cursor_row
        height = self.scrollable_content_region.height
        if row is None or height <= 0:
            return
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    # -- rendering -------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        if self.analysis is None or row >= len(self.shown):
            base = self.rich_style
            if row == 0 and self.analysis is not None and not self.shown:
                style = self.get_component_rich_style("quote-list--empty")
                text = Text("No quotation matches the filter.", style=style, no_wrap=True)
                return self._to_strip(text, width, base)
            return Strip.blank(width, base)
        is_cursor = row == self.cursor_row
        key = (row, width, is_cursor, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:  # (the widget's style is looked up only here: it is not cheap)
            strip = self._render_row(row, width, is_cursor, self.rich_style)
            if len(self._cache) > 500:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def _to_strip(self, text: Text, width: int, base: Style) -> Strip:
        """One strip of exactly ``width`` cells over the widget's own style."""
        text.truncate(width, overflow="ellipsis", pad=True)
        text.style = base + text.style if isinstance(text.style, Style) else base
        return Strip(text.render(self.app.console, end=""), width)

    def _render_row(self, row: int, width: int, is_cursor: bool, base: Style) -> Strip:
        analysis = self.analysis
        assert analysis is not None
        quote = analysis.quotes[self.shown[row]]
        palette = self.palette
        name = analysis.speaker_name(quote) or "—"
        name_width = max(6, min(18, width // 3))
        if len(name) > name_width:
            surname = name.split()[-1]
            name = surname if len(surname) <= name_width else name[: name_width - 1] + "…"
        swatch_style = (
            Style(color=palette.color(quote.speaker_id).rich_color) if palette else Style()
        )
        kind_style = self.get_component_rich_style("quote-list--kind")
        words = " ".join(quote.text.split())
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append("▌", swatch_style)
        text.append(name.ljust(name_width) + " ", swatch_style)
        text.append(quote.kind[: _KIND_WIDTH - 1].ljust(_KIND_WIDTH), kind_style)
        mark = mark_of(self.marks, quote.id)
        if mark:
            text.append(mark + " ", Style(bold=True))
        text.append(words)
        text.truncate(width, overflow="ellipsis", pad=True)
        if is_cursor:
            text.stylize(self.get_component_rich_style("quote-list--cursor"))
        return self._to_strip(text, width, base)

    # -- input ------------------------------------------------------------------------------
    def _select_row(self, row: int, open: bool = False) -> None:
        if self.analysis is None or not self.shown:
            return
        row = max(0, min(row, len(self.shown) - 1))
        self.post_message(self.Selected(self.analysis.quotes[self.shown[row]].id, open=open))

    def _current_or_next_row(self, forward: bool) -> int | None:
        """The cursor row, or where it would be when the selection is filtered out."""
        row = self.cursor_row
        if row is not None or self.analysis is None or self.selected is None:
            return row
        try:
            position = self.analysis.quote_position(self.selected)
        except KeyError:
            return None
        insert = bisect_left(self.shown, position)
        return insert - 1 if forward else insert

    def action_cursor_down(self) -> None:
        row = self._current_or_next_row(forward=True)
        self._select_row(0 if row is None else row + 1)

    def action_cursor_up(self) -> None:
        row = self._current_or_next_row(forward=False)
        self._select_row(0 if row is None else row - 1)

    def action_page_down(self) -> None:
        row = self.cursor_row or 0
        self._select_row(row + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        row = self.cursor_row or 0
        self._select_row(row - max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._select_row(0)

    def action_last(self) -> None:
        self._select_row(len(self.shown) - 1)

    def action_open(self) -> None:
        row = self.cursor_row
        self._select_row(0 if row is None else row, open=True)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = round(self.scroll_y) + offset.y
        if row < len(self.shown):
            self._select_row(row, open=event.chain >= 2)
