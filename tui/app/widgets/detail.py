"""The detail pane: the whole quotation, its speaker, attribution, context and cross-references."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.analysis.model import Analysis, Quote
from tui.app.notes import DocumentMarks
from tui.app.palette import SpeakerPalette
from tui.app.xrefs import KIND_TITLES, CrossReference, cross_references


def first_words(text: str, limit: int = 60) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


class XrefList(OptionList):
    """The cross-references (group headings are disabled options)."""


class DetailPane(VerticalScroll, can_focus=False):
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
        self._option_xref: list[int | None] = []
        self._syncing = False

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body", markup=False)
        yield Static("Cross-references", id="xref-title", markup=False)
        yield XrefList(id="xrefs")

    @property
    def xrefs(self) -> list[CrossReference]:
        return list(self._xrefs)

    def on_mount(self) -> None:
        self._update()

    def watch_selected(self) -> None:
        self._update()

    def watch_analysis(self) -> None:
        self._update()

    def watch_palette(self) -> None:
        self._update()

    def watch_marks(self, old: DocumentMarks, new: DocumentMarks) -> None:
        quote_id = self.selected
        if (old.notes.get(quote_id), quote_id in old.bookmarks) != (
            new.notes.get(quote_id),
            quote_id in new.bookmarks,
        ):
            self._update()

    def watch_xref_cursor(self, index: int) -> None:
        if not self.is_mounted:
            return
        option_list = self.query_one(XrefList)
        target = None
        for option_index, xref_index in enumerate(self._option_xref):
            if xref_index == index:
                target = option_index
        if option_list.highlighted != target:
            self._syncing = True
            option_list.highlighted = target
            self._syncing = False
        if target is not None:
            option_list.scroll_to_highlight()
            self.call_after_refresh(self._reveal_xrefs)

    def _reveal_xrefs(self) -> None:
        """Scroll the pane so the highlighted cross-reference is in view."""
        option_list = self.query_one(XrefList)
        highlighted = option_list.highlighted
        if highlighted is None:
            return
        try:  # the option's own lines (OptionList keeps them privately)
            option_list._update_lines()
            y = option_list._index_to_line[highlighted]
            height = option_list._heights[highlighted]
        except (AttributeError, KeyError):
            self.scroll_to_widget(option_list, animate=False)
            return
        top = option_list.virtual_region.y
        # Include the group heading above the option when there is one.
        region = Region(0, top + max(0, y - 1), self.size.width, height + 1)
        self.scroll_to_region(region, animate=False, immediate=True)

    # -- content ----------------------------------------------------------------------------
    def _quote(self) -> Quote | None:
        if self.analysis is None or self.selected is None:
            return None
        try:
            return self.analysis.quote(self.selected)
        except KeyError:
            return None

    def _update(self) -> None:
        if not self.is_mounted:
            return
        body = self.query_one("#detail-body", Static)
        option_list = self.query_one(XrefList)
        quote = self._quote()
        self._xrefs = cross_references(self.analysis, quote.id if quote else None)
        if quote is None:
            body.update(Text("No quotation selected.", style="italic"))
            option_list.clear_options()
            self._option_xref = []
            self.query_one("#xref-title").display = False
            option_list.display = False
            return
        body.update(self.describe(quote))
        self._fill_options(option_list)
        self.query_one("#xref-title").display = True
        option_list.display = True
        self.scroll_home(animate=False)

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

    def _fill_options(self, option_list: OptionList) -> None:
        analysis = self.analysis
        assert analysis is not None
        options: list[Option] = []
        self._option_xref = []
        current_kind = None
        if not self._xrefs:
            options.append(Option(Text("none", style="italic"), disabled=True))
            self._option_xref.append(None)
        for number, xref in enumerate(self._xrefs):
            if xref.kind != current_kind:
                current_kind = xref.kind
                options.append(
                    Option(
                        Text(KIND_TITLES.get(xref.kind, xref.kind), style="bold underline"),
                        disabled=True,
                    )
                )
                self._option_xref.append(None)
            other = analysis.quote(xref.other)
            name = analysis.speaker_name(other) or "Unattributed"
            prompt = Text(end="")
            prompt.append(name, self._speaker_style(other.speaker_id))
            prompt.append(": “" + first_words(other.text) + "”")
            if xref.link.terms:
                prompt.append("\n  shared: " + ", ".join(xref.link.terms), Style(dim=True))
            options.append(Option(prompt))
            self._option_xref.append(number)
        self._syncing = True
        option_list.set_options(options)  # one update (clear + add would lay out twice)
        option_list.highlighted = None
        self._syncing = False
        self.call_after_refresh(self.watch_xref_cursor, self.xref_cursor)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self._syncing:
            return
        index = (
            self._option_xref[event.option_index]
            if event.option_index < len(self._option_xref)
            else None
        )
        if index is not None and index != self.xref_cursor:
            self.post_message(self.CursorMoved(index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = (
            self._option_xref[event.option_index]
            if event.option_index < len(self._option_xref)
            else None
        )
        if index is not None:
            self.post_message(self.Jump(self._xrefs[index].other))
