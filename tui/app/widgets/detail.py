"""The detail pane: the whole quotation, its speaker, attribution, context and cross-references.

One virtual view (``ScrollView`` + ``render_line``), like the list and the article: a
selection builds the pane's *blocks* (the description, the "Cross-references" title, a
heading per kind and a row per cross-reference) as styled ``Text`` and wraps them into
``(start, end)`` offsets; only the lines on screen are turned into strips, cached until
the content, the width or the focus changes. The pane's own size never depends on its
content, so a new selection repaints the pane without a layout of the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip

from tui.analysis.model import Analysis, Quote
from tui.app.notes import DocumentMarks
from tui.app.palette import SpeakerPalette
from tui.app.widgets.base import QuietScrollView
from tui.app.wrap import wrap_offsets
from tui.app.xrefs import KIND_TITLES, CrossReference, cross_references


def first_words(text: str, limit: int = 60) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


#: What a block is: it decides the block's look (see ``DetailPane.COMPONENT_CLASSES``).
BODY, GAP, TITLE, HEADING, NONE, XREF = "body", "gap", "title", "heading", "none", "xref"


@dataclass(slots=True)
class Block:
    """A run of lines of the pane: one styled text, wrapped at the pane's width."""

    kind: str  # BODY, GAP, TITLE, HEADING, NONE or XREF
    text: Text
    lines: list[tuple[int, int]]  # (start, end) offsets of each display line in text.plain
    xref: int | None = None  # for XREF: its index in ``DetailPane.xrefs``
    pieces: list[Text] | None = None  # the text of each line, cut when first drawn

    def piece(self, line: int) -> Text:
        """The styled text of display line ``line`` (the block's own style as a span)."""
        if self.pieces is None:
            text = self.text
            if text.style:  # (a span, so that padding added to a line does not take it)
                text = text.copy()
                text.stylize_before(text.style)
                text.style = ""
            cuts = [offset for start, end in self.lines for offset in (start, end)]
            parts = text.divide(cuts)  # [before, line 0, gap, line 1, gap, ...]
            self.pieces = [parts[1 + 2 * n] for n in range(len(self.lines))]
        return self.pieces[line].copy()


class DetailPane(QuietScrollView, can_focus=True):
    """The selected quotation in full, then its cross-references (↑/↓ choose, enter jumps)."""

    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Jump", show=False),
    ]
    COMPONENT_CLASSES = {
        "detail--title",
        "detail--xrefs",
        "detail--heading",
        "detail--none",
        "detail--cursor",
    }

    analysis: var[Analysis | None] = var(None)
    selected: var[str | None] = var(None)
    palette: var[SpeakerPalette | None] = var(None)
    xref_cursor: var[int] = var(-1)
    marks: var[DocumentMarks] = var(DocumentMarks())

    class Jump(Message):
        """The user chose a cross-reference."""

        def __init__(self, quote_id: str) -> None:
            self.quote_id = quote_id
            super().__init__()

    class CursorMoved(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._xrefs: list[CrossReference] = []
        self._blocks: list[Block] = []
        self._line_of_block: list[int] = []  # the first line of each block
        self._rows: list[tuple[int, int]] = []  # line -> (block, line within the block)
        self._block_of_xref: dict[int, int] = {}
        self._width = 0  # the width the blocks are wrapped at
        self._cache: dict[tuple[int, int, bool, bool], Strip] = {}
        self._styles: dict[tuple[tuple[str, ...], bool], Style] = {}  # (classes, focus)

    # -- state -------------------------------------------------------------------------------
    @property
    def xrefs(self) -> list[CrossReference]:
        return list(self._xrefs)

    @property
    def description(self) -> str:
        """The text of the description (quotation, speaker, attribution, context), unwrapped."""
        return self._blocks[0].text.plain if self._blocks else ""

    @property
    def line_count(self) -> int:
        return len(self._rows)

    def xref_lines(self, index: int) -> tuple[int, int] | None:
        """The first line and the number of lines of cross-reference ``index`` (None: no such row)."""
        block = self._block_of_xref.get(index)
        if block is None:
            return None
        return self._line_of_block[block], len(self._blocks[block].lines)

    def on_mount(self) -> None:
        self._rebuild()

    def watch_selected(self) -> None:
        self._rebuild()
        self.scroll_to(y=0, animate=False, immediate=True)

    def watch_analysis(self) -> None:
        self._rebuild()

    def watch_palette(self) -> None:
        self._rebuild()

    def watch_marks(self, old: DocumentMarks, new: DocumentMarks) -> None:
        quote_id = self.selected
        if (old.notes.get(quote_id), quote_id in old.bookmarks) != (
            new.notes.get(quote_id),
            quote_id in new.bookmarks,
        ):
            self._rebuild()

    def watch_xref_cursor(self, old: int, new: int) -> None:
        # The cache keys say whether a line is the cursor's: nothing cached goes stale, and
        # only the rows left and reached are drawn again (a scroll redraws the whole view).
        top = round(self.scroll_y)
        if self.has_focus:  # (a tour from elsewhere leaves the pane at the quotation's top)
            self._reveal_cursor()
        if round(self.scroll_y) != top:
            return
        for index in (old, new):
            lines = self.xref_lines(index)
            if lines is not None:
                self.refresh_lines(*lines)

    def on_resize(self) -> None:
        self._rebuild()
        self._reveal_cursor()

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()
        self._reveal_cursor()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    # -- content ----------------------------------------------------------------------------
    def _quote(self) -> Quote | None:
        if self.analysis is None or self.selected is None:
            return None
        try:
            return self.analysis.quote(self.selected)
        except KeyError:
            return None

    def _content_width(self) -> tuple[int, int]:
        """The width without and with a vertical scrollbar."""
        width = self.content_region.width
        return width, max(1, width - self.styles.scrollbar_size_vertical)

    def _rebuild(self) -> None:
        """Build the blocks of the selection and wrap them to the pane's width."""
        if not self.is_mounted:
            return
        quote = self._quote()
        self._xrefs = cross_references(self.analysis, quote.id if quote else None)
        self._blocks = self._no_tabs(self._build_blocks(quote))
        full, narrow = self._content_width()
        width = full
        if full > 0 and self.styles.overflow_y != "hidden":
            if self._wrap(self._blocks, full) > self.content_region.height:
                width = narrow  # the scrollbar takes a column
        self._lay_out(width)

    def _lay_out(self, width: int) -> None:
        """Wrap the blocks at ``width`` and set the scrollable size."""
        self._cache.clear()
        self._width = width
        if width <= 0:
            self._wrap(self._blocks, 1)
            self._index([])
        else:
            self._wrap(self._blocks, width)
            self._index(self._blocks)
        self._set_lines(max(0, width), len(self._rows))

    def _build_blocks(self, quote: Quote | None) -> list[Block]:
        if quote is None:
            return [Block(BODY, Text("No quotation selected.", style="italic", end=""), [])]
        blocks = [Block(BODY, self.describe(quote), []), Block(GAP, Text(""), [])]
        blocks.append(Block(TITLE, Text("Cross-references", end=""), []))
        if not self._xrefs:
            blocks.append(Block(NONE, Text("none", style="italic", end=""), []))
            return blocks
        analysis = self.analysis
        assert analysis is not None
        current_kind = None
        for number, xref in enumerate(self._xrefs):
            if xref.kind != current_kind:
                current_kind = xref.kind
                title = KIND_TITLES.get(xref.kind, xref.kind)
                blocks.append(Block(HEADING, Text(title, style="bold underline", end=""), []))
            other = analysis.quote(xref.other)
            name = analysis.speaker_name(other) or "Unattributed"
            prompt = Text(end="")
            prompt.append(name, self._speaker_style(other.speaker_id))
            prompt.append(": “" + first_words(other.text) + "”")
            if xref.link.terms:
                prompt.append("\n  shared: " + ", ".join(xref.link.terms), Style(dim=True))
            blocks.append(Block(XREF, prompt, [], number))
        return blocks

    @staticmethod
    def _no_tabs(blocks: list[Block]) -> list[Block]:
        """A tab is drawn as one space (as in the article), so offsets and cells agree."""
        for block in blocks:
            if "\t" in block.text.plain:
                block.text.plain = block.text.plain.replace("\t", " ")  # (same length: spans stay)
        return blocks

    @staticmethod
    def _wrap(blocks: list[Block], width: int) -> int:
        """Wrap every block at ``width``; the number of lines in all."""
        total = 0
        for block in blocks:
            if block.kind in (GAP, TITLE, HEADING, NONE):
                block.lines = [(0, len(block.text.plain))]  # one line (cut if too wide)
            else:
                block.lines = wrap_offsets(block.text.plain, width)
            block.pieces = None
            total += len(block.lines)
        return total

    def _index(self, blocks: list[Block]) -> None:
        self._line_of_block = []
        self._rows = []
        self._block_of_xref = {}
        for number, block in enumerate(blocks):
            self._line_of_block.append(len(self._rows))
            self._rows.extend((number, line) for line in range(len(block.lines)))
            if block.xref is not None:
                self._block_of_xref[block.xref] = number

    def _set_lines(self, width: int, lines: int) -> None:
        """Set the scrollable size without a layout of the screen (the pane's own size
        does not depend on its content: only its scrollbar needs updating)."""
        self.set_virtual_size(Size(width, lines))
        if self.scroll_y > max(0, lines - self.content_region.height):
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _speaker_style(self, speaker_id: str | None) -> Style:
        if self.palette is None:
            return Style(bold=True)
        return Style(color=self.palette.color(speaker_id).rich_color, bold=True)

    def describe(self, quote: Quote) -> Text:
        analysis = self.analysis
        assert analysis is not None
        speaker = analysis.speaker_of(quote)
        text = Text(end="")
        text.append("“" + " ".join(quote.text.split()) + "”", Style(bold=True))
        if quote.id in self.marks.bookmarks:
            text.append("\n★ bookmarked", Style(bold=True))
        note = self.marks.notes.get(quote.id)
        if note:
            text.append("\n✎ ", Style(bold=True))
            text.append(note, Style(italic=True))
        text.append("\n\n")
        if speaker is not None:
            text.append(speaker.name, self._speaker_style(speaker.id))
            if speaker.role:
                text.append(", " + speaker.role)
            if speaker.aliases:
                text.append("\nalso: " + ", ".join(speaker.aliases), Style(dim=True))
        else:
            text.append("Unattributed", Style(italic=True))
        text.append(f"\n{quote.kind}", Style(dim=True))
        text.append("  ·  ")
        if quote.cue is not None:
            text.append("cue “")
            text.append(quote.cue.text, Style(bold=True))
            text.append("”  ·  ")
        text.append(f"{quote.sieve}, confidence {quote.confidence:.2f}", Style(dim=True))
        if quote.mention is not None:
            text.append("\nnamed by “")
            text.append(quote.mention.text, Style(italic=True))
            text.append("”")
        text.append("\n\n")
        text.append_text(self.context(quote))
        return text

    def context(self, quote: Quote) -> Text:
        """The sentence (or paragraph, when the quotation spills over it) with the quotation marked."""
        analysis = self.analysis
        assert analysis is not None
        start, end = quote.start, quote.end
        try:
            sentence = analysis.sentence_of(quote)
            if (
                sentence.start <= quote.start
                and quote.end <= sentence.end
                and (sentence.end - sentence.start > quote.end - quote.start + 2)
            ):
                start, end = sentence.start, sentence.end
            else:
                paragraph = analysis.paragraph_of(quote)
                start, end = min(paragraph.start, quote.start), max(paragraph.end, quote.end)
        except (IndexError, AttributeError):
            pass
        limit = 1200
        if end - start > limit:
            start = max(start, quote.start - limit // 3)
            end = min(end, max(quote.end + limit // 3, start + limit))
        text = Text(analysis.text[start:end], end="")
        if self.palette is not None:
            style = self.palette.strong_style(quote.speaker_id)
        else:
            style = Style(reverse=True)
        text.stylize(style, quote.start - start, quote.end - start)
        text.stylize(Style(dim=False))
        return text

    # -- rendering ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if width != self._width:  # (the scrollbar came or went since the last wrap)
            self._lay_out(width)
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        block_index, line = self._rows[index]
        block = self._blocks[block_index]
        is_cursor = block.xref is not None and block.xref == self.xref_cursor
        key = (index, width, is_cursor, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:  # (the widget's styles are looked up only here: they are not cheap)
            strip = self._render(block, line, width, is_cursor)
            if len(self._cache) > 500:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    #: The component classes that style each kind of block, over the pane's own style.
    _LOOKS = {
        TITLE: ("detail--title",),
        HEADING: ("detail--xrefs", "detail--heading"),
        NONE: ("detail--xrefs", "detail--none"),
        XREF: ("detail--xrefs",),
    }

    def _render(self, block: Block, line: int, width: int, is_cursor: bool) -> Strip:
        looks = self._LOOKS.get(block.kind, ())
        if is_cursor:
            looks = (*looks, "detail--cursor")
        key = (looks, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            # (the visual style blends translucent colours over the right background)
            style = self.get_visual_style(*looks).rich_style if looks else self.rich_style
            self._styles[key] = style
        text = block.piece(line)
        text.end = ""
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(text.render(self.app.console, end=""), width).apply_style(style)

    # -- the cross-reference cursor ---------------------------------------------------------
    def _reveal_cursor(self) -> None:
        """Scroll so the highlighted cross-reference (and its heading, if any) is in view."""
        block = self._block_of_xref.get(self.xref_cursor)
        height = self.scrollable_content_region.height
        if block is None or height <= 0:
            return
        first = self._line_of_block[block]
        last = first + len(self._blocks[block].lines) - 1
        if block > 0 and self._blocks[block - 1].kind == HEADING:
            first -= 1
        top = round(self.scroll_y)
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=max(first, last - height + 1), animate=False, immediate=True)

    def _move_to(self, index: int) -> None:
        if 0 <= index < len(self._xrefs) and index != self.xref_cursor:
            self.post_message(self.CursorMoved(index))

    def action_cursor_down(self) -> None:
        if not self._xrefs:
            self.scroll_down(animate=False)
        else:
            self._move_to(0 if self.xref_cursor < 0 else self.xref_cursor + 1)

    def action_cursor_up(self) -> None:
        if not self._xrefs:
            self.scroll_up(animate=False)
        else:
            self._move_to(len(self._xrefs) - 1 if self.xref_cursor < 0 else self.xref_cursor - 1)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self._xrefs) - 1)

    def _page(self, step: int) -> None:
        """Move the cursor about a page (the row a page further down or up)."""
        if not self._xrefs:
            self.scroll_to(y=self.scroll_y + step * self.scrollable_content_region.height, animate=False)
            return
        current = self.xref_lines(max(0, self.xref_cursor))
        target_line = (current[0] if current else 0) + step * max(1, self.scrollable_content_region.height - 1)
        target = 0 if step < 0 else len(self._xrefs) - 1
        for index in range(len(self._xrefs)):
            first, _ = self.xref_lines(index) or (0, 0)
            if step > 0 and first <= target_line:
                target = index
            elif step < 0 and first >= target_line:
                target = index
                break
        self._move_to(target)

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        if 0 <= self.xref_cursor < len(self._xrefs):
            self.post_message(self.Jump(self._xrefs[self.xref_cursor].other))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = round(self.scroll_y) + offset.y
        if not 0 <= line < len(self._rows):
            return
        xref = self._blocks[self._rows[line][0]].xref
        if xref is not None:
            self._move_to(xref)
            self.post_message(self.Jump(self._xrefs[xref].other))
