"""The reading screen. It owns the state (reactive vars) and hands it down with ``data_bind``.

Widgets report what the user did with messages; the screen decides what changes. No widget
queries a sibling.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input

from tui.analysis.model import Analysis
from tui.app import heap
from tui.app.commands import bindings_for, commands_for
from tui.app.loading import Loaded, LoadError, load, remember
from tui.app.notes import DocumentMarks, Notes, marks_for, recent_documents, record_opened
from tui.app.palette import SpeakerPalette, build_palette
from tui.app.widgets import ArticleView, DetailPane, QuoteList
from tui.app.widgets.detail import first_words
from tui.app.widgets.footer import KeyFooter
from tui.app.widgets.progress import LoadingStatus
from tui.app.xrefs import KIND_TITLES, CrossReference, cross_references

#: Seconds a document may take to open before the progress panel shows.
PROGRESS_DELAY = 0.3

#: Seconds of no movement after which the reading position is saved.
POSITION_SAVE_DELAY = 3.0

_MAIN_ACTIONS = frozenset(command.action for command in commands_for("main"))


class BoxLeft(Message):
    """Escape in a filter or find box: give the focus back."""

    def __init__(self, box: Input) -> None:
        self.box = box
        super().__init__()

    @property
    def control(self) -> Input:
        return self.box


class LoadProgress(Message):
    """The loading worker reached a stage (a key of ``loading.STAGES``)."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        super().__init__()


class _BoxInput(Input):
    """A one-line text box whose typing repaints it without a layout of the screen.

    ``Input`` sets its ``virtual_size`` to the text's width on every keystroke, and
    ``Widget.virtual_size`` asks for a layout, which re-renders every pane. These boxes
    have a fixed size (CSS), so a repaint is enough.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class FilterInput(_BoxInput):
    BINDINGS = bindings_for("filter")

    def action_leave(self) -> None:
        self.post_message(BoxLeft(self))


class SearchInput(_BoxInput):
    BINDINGS = bindings_for("search")

    def action_leave(self) -> None:
        self.post_message(BoxLeft(self))


def quote_haystacks(analysis: Analysis) -> list[str]:
    """Lower-cased text searched by the filter: the words, the speaker's name and aliases."""
    names = {
        speaker.id: " ".join((speaker.name, *speaker.aliases)).casefold()
        for speaker in analysis.speakers
    }
    return [
        f"{quote.text.casefold()}\x00{names.get(quote.speaker_id, '')}" for quote in analysis.quotes
    ]


#: Filter words that select by mark instead of by text (``:noted`` … typed in the filter).
FILTER_TAGS = {
    ":noted": "notes",
    ":note": "notes",
    ":notes": "notes",
    ":marked": "bookmarks",
    ":bookmarked": "bookmarks",
    ":bookmark": "bookmarks",
    ":mark": "bookmarks",
}


def filter_positions(
    analysis: Analysis | None,
    haystacks: list[str],
    query: str,
    speakers: frozenset[str],
    marks: DocumentMarks | None = None,
) -> tuple[int, ...]:
    """Positions of the quotations matching every word of ``query`` and one of ``speakers``.

    The words ``:noted`` and ``:marked`` keep only the quotations with a note or a
    bookmark (another word starting with ``:`` is searched as text).
    """
    if analysis is None:
        return ()
    terms = query.casefold().split()
    quotes = analysis.quotes
    positions = range(len(quotes))
    if speakers:
        positions = [p for p in positions if quotes[p].speaker_id in speakers]
    for term in terms:
        tag = FILTER_TAGS.get(term)
        if tag is not None:
            marks = marks or DocumentMarks()
            keep = marks.notes.keys() if tag == "notes" else marks.bookmarks
            positions = [p for p in positions if quotes[p].id in keep]
        else:
            positions = [p for p in positions if term in haystacks[p]]
    return tuple(positions)


class MainScreen(Screen):
    BINDINGS = bindings_for("main")
    AUTO_FOCUS = "#quote-list"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    analysis: var[Analysis | None] = var(None)
    filter_text: var[str] = var("")
    speaker_filter: var[frozenset[str]] = var(frozenset())
    shown: var[tuple[int, ...]] = var(())
    selected: var[str | None] = var(None)
    back_stack: var[tuple[str, ...]] = var(())
    forward_stack: var[tuple[str, ...]] = var(())
    xref_cursor: var[int] = var(-1)  # the highlighted cross-reference in the detail pane
    tour: var[tuple[str, int] | None] = var(None)  # (anchor quote id, cross-reference index)
    search: var[str] = var("")
    matches: var[tuple[int, ...]] = var(())
    match_index: var[int] = var(-1)
    palette: var[SpeakerPalette | None] = var(None)
    marks: var[DocumentMarks] = var(DocumentMarks())  # notes and bookmarks of the document
    load_stage: var[str] = var("")  # a key of loading.STAGES while a document loads
    load_name: var[str] = var("")
    load_size: var[int] = var(0)

    def __init__(self, path: str | None = None, analysis: Analysis | None = None) -> None:
        super().__init__()
        self._set_breakpoint_classes()
        self.path = path
        self._initial = analysis
        self._haystacks: list[str] = []
        self._save_timer: Timer | None = None

    # -- layout -------------------------------------------------------------------------------
    def _set_breakpoint_classes(self) -> None:
        """The size classes (``-wide``/``-narrow``, ``-tall``/``-short``) for the terminal's
        size, before the screen is first drawn. Textual sets them on the first resize event,
        which came after the first frame and restyled and redrew the whole screen."""
        try:
            width, height = self.app.size
        except Exception:  # noqa: BLE001 - no running app yet: the resize event sets them
            return
        for size, breakpoints in ((width, self.HORIZONTAL_BREAKPOINTS), (height, self.VERTICAL_BREAKPOINTS)):
            self.add_class(*self._get_breakpoint_classes(size, breakpoints))

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            # (titles and visibility set before mounting: no relayout of the first screen)
            with Vertical(id="quotes-pane", classes="pane") as quotes_pane:
                quotes_pane.border_title = "Quotations"
                yield FilterInput(placeholder="/ filter quotes or speakers", id="filter")
                yield QuoteList(id="quote-list").data_bind(
                    MainScreen.analysis,
                    MainScreen.shown,
                    MainScreen.selected,
                    MainScreen.palette,
                    MainScreen.marks,
                )
            with Vertical(id="article-pane", classes="pane") as article_pane:
                article_pane.border_title = "Article"
                yield LoadingStatus(id="loading").data_bind(
                    stage=MainScreen.load_stage,
                    document=MainScreen.load_name,
                    nbytes=MainScreen.load_size,
                )
                yield ArticleView(id="article").data_bind(
                    MainScreen.analysis,
                    MainScreen.selected,
                    MainScreen.palette,
                    MainScreen.search,
                    MainScreen.matches,
                    MainScreen.match_index,
                    MainScreen.marks,
                )
                search = SearchInput(placeholder="find in the article", id="search")
                search.display = False
                yield search
            detail = DetailPane(id="detail", classes="pane")
            detail.border_title = "Detail"
            yield detail.data_bind(
                MainScreen.analysis,
                MainScreen.selected,
                MainScreen.palette,
                MainScreen.xref_cursor,
                MainScreen.marks,
            )
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)
        self.set_focus(self.query_one(QuoteList))
        if self._initial is not None:
            analysis = self._initial
            marks = self._marks_of(analysis)
            self._show_document(analysis, marks)
        elif self.path is not None:
            self.load_document(self.path, initial=True)

    @property
    def notes(self) -> Notes:
        return self.app.notes  # type: ignore[attr-defined]

    def _marks_of(self, analysis: Analysis) -> DocumentMarks:
        """Record the document as opened and read its notes (from any thread)."""
        record_opened(self.notes, analysis)
        return marks_for(self.notes, analysis)

    def _show_document(self, analysis: Analysis, marks: DocumentMarks) -> None:
        """Put a freshly opened document on screen, where its reader left it."""
        if self.analysis is not None:
            heap.release()  # (the document replaced may go)
        self.save_position()
        self.marks = marks
        self.query_one("#filter", Input).value = ""
        self.filter_text = ""
        self.speaker_filter = frozenset()
        self.search = ""
        self.analysis = analysis
        self.path = analysis.path
        self._restore_position(marks)
        self.call_after_refresh(heap.settle)  # once on screen: see tui.app.heap
        problem = self.notes.problem
        if problem and not self.notes.problem_shown:
            self.notes.problem_shown = True
            self.say(problem, title="Notes", severity="warning", timeout=10)
        elif marks.orphans:
            self.say(
                f"{marks.orphans} note(s) no longer match a quotation: see the notes list (N).",
                title="Notes",
                timeout=6,
            )

    def _restore_position(self, marks: DocumentMarks) -> None:
        position = marks.position
        analysis = self.analysis
        if position is None or analysis is None:
            return
        if position.filter_text:
            self.query_one("#filter", Input).value = position.filter_text
            self.filter_text = position.filter_text
        if position.quote_id is not None:
            try:
                analysis.quote(position.quote_id)
            except KeyError:
                pass
            else:
                self.selected = position.quote_id
        article = self.query_one(ArticleView)
        self.call_after_refresh(article.scroll_to, y=position.scroll_y, animate=False)

    def save_position(self, background: bool = False) -> None:
        """Remember the selection, the filter and the article's scroll for this text.

        ``background``: write from a thread (a database locked by another closeread makes a
        save wait for the store's time-out, which the keys must not)."""
        analysis = self.analysis
        if analysis is None or self.notes.read_only:
            return
        store = self.notes.store
        values = (
            analysis.sha256,
            self.selected,
            self.filter_text,
            self.query_one(ArticleView).scroll_y,
        )

        def save() -> None:
            from tui.notes import NotesUnavailable

            try:
                store.save_position(*values)
            except NotesUnavailable:
                pass

        if background:
            threading.Thread(target=save, name="closeread-position", daemon=True).start()
        else:
            save()

    def _save_position_later(self) -> None:
        self.save_position(background=True)

    def watch_load_stage(self, old: str, stage: str) -> None:
        loading = stage not in ("", "done")
        if not loading:
            self.query_one(LoadingStatus).display = False
        elif not old:
            # Shown only when the document takes a moment (no flash for a short article).
            self.set_timer(PROGRESS_DELAY, self._show_progress)

    def _show_progress(self) -> None:
        if self.load_stage not in ("", "done"):
            status = self.query_one(LoadingStatus)
            status.display = True
            status.redraw()

    def open_document(self, path: str) -> threading.Thread:
        """Open another document (the current one stays until the new one is ready)."""
        return self.load_document(path, initial=False)

    def load_document(self, path: str, initial: bool = True) -> threading.Thread:
        """Read and analyse ``path`` in a worker thread; the UI stays live meanwhile.

        The thread is a daemon (not a Textual thread worker, which runs in asyncio's
        default executor): ``q`` must quit at once, and the interpreter would otherwise
        wait for the analysis of a large file to finish before exiting. A fresh analysis
        goes to the disk cache after it is on screen.
        """
        self.load_name = Path(path).name
        try:
            self.load_size = Path(path).stat().st_size
        except OSError:
            self.load_size = 0
        self.load_stage = "read"
        app = self.app
        notes = self.notes  # (read here: the threads may outlive the screen's place in the app)

        def progress(stage: str) -> None:
            if stage != "done":  # post_message is thread-safe and does not wait
                self.post_message(LoadProgress(stage))

        def work() -> None:
            marks = DocumentMarks()
            try:
                result, error = load(path, progress), None
                marks = marks_for(notes, result.analysis)
            except Exception as exc:  # reported on the message screen
                result, error = None, exc
            try:
                app.call_from_thread(self._loaded, result, error, marks, initial)
            except RuntimeError:  # the app has already quit
                return
            if result is not None:  # the writes wait until the document is on screen
                record_opened(notes, result.analysis)
                if not result.cached:
                    remember(result)  # in a forked process where possible

        # The notes store opens meanwhile (its file work overlaps the reading and analysis).
        threading.Thread(target=lambda: notes.store, name="closeread-notes", daemon=True).start()
        thread = threading.Thread(target=work, name="closeread-analysis", daemon=True)
        thread.start()
        return thread

    @on(LoadProgress)
    def _load_progress(self, event: LoadProgress) -> None:
        if self.load_stage:  # not after the document arrived
            self.load_stage = event.stage

    def _loaded(
        self,
        loaded: Loaded | None,
        error: Exception | None,
        marks: DocumentMarks | None = None,
        initial: bool = True,
    ) -> None:
        self.load_stage = ""
        if loaded is not None:
            self._show_document(loaded.analysis, marks or DocumentMarks())
            if loaded.notice:
                self.say(loaded.notice, title="Reading", timeout=6)
            return
        from tui.app.screens.modals import MessageScreen

        message = str(error) if isinstance(error, LoadError) else f"{type(error).__name__}: {error}"
        if not initial:  # the document on screen stays
            self.app.push_screen(MessageScreen("Cannot open the document", message))
            return
        self.app.push_screen(
            MessageScreen("Cannot open the document", message),
            callback=lambda _: self.app.exit(return_code=2, message=Text(message)),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reading keys are off while a text box has the focus (it gets them as text)."""
        if action in _MAIN_ACTIONS:
            if isinstance(self.focused, Input):
                return False
            if action in ("next_match", "previous_match") and not self.matches:
                return None
        return True

    def say(self, message: str, **kwargs) -> None:
        """A notification; the message is never parsed as markup."""
        self.notify(message, markup=False, **kwargs)

    # -- derived state --------------------------------------------------------------------------
    def _theme_changed(self) -> None:
        self.palette = self._build_palette()

    def _build_palette(self) -> SpeakerPalette:
        theme = self.app.current_theme
        variables = theme.to_color_system().generate()
        return build_palette(self.analysis, variables, theme.dark)

    def watch_analysis(self, analysis: Analysis | None) -> None:
        self._haystacks = quote_haystacks(analysis) if analysis else []
        self.palette = self._build_palette()
        self.back_stack = ()
        self.forward_stack = ()
        self._refilter()
        self._research()
        self.selected = analysis.quotes[0].id if analysis and analysis.quotes else None
        self._update_titles()

    def watch_filter_text(self) -> None:
        self._refilter()

    def watch_marks(self) -> None:
        if any(word in FILTER_TAGS for word in self.filter_text.casefold().split()):
            self._refilter()

    def watch_speaker_filter(self) -> None:
        self._refilter()

    def watch_selected(self) -> None:
        self.xref_cursor = -1
        self._save_soon()

    def _save_soon(self) -> None:
        """Save the reading position once the reader has stayed put for a few seconds
        (so a closed terminal or a crash loses little; ``q`` saves at once)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        if self.analysis is not None and self.is_mounted:
            self._save_timer = self.set_timer(POSITION_SAVE_DELAY, self._save_position_later)

    def _refilter(self) -> None:
        self.shown = filter_positions(
            self.analysis, self._haystacks, self.filter_text, self.speaker_filter, self.marks
        )
        self._update_titles()

    def _update_titles(self) -> None:
        analysis = self.analysis
        if analysis is None:
            return
        name = analysis.title or (Path(analysis.path).name if analysis.path else "document")
        self.app.sub_title = name
        pane = self.query_one("#quotes-pane")
        total = len(analysis.quotes)
        shown = len(self.shown)
        pane.border_title = (
            f"Quotations {shown}/{total}" if shown != total else f"Quotations {total}"
        )
        if self.speaker_filter:
            names = [analysis.speaker(s).name for s in self.speaker_filter if analysis.speaker(s)]
            pane.border_subtitle = Text(", ".join(sorted(names)))  # never markup
        else:
            pane.border_subtitle = ""

    # -- selection and history ---------------------------------------------------------------------
    def jump(self, quote_id: str) -> None:
        """Select ``quote_id``, remembering where we were (``backspace`` returns)."""
        if quote_id == self.selected:
            return
        if self.selected is not None:
            self.back_stack = (*self.back_stack, self.selected)[-200:]
        self.forward_stack = ()
        self.selected = quote_id

    def action_back(self) -> None:
        if not self.back_stack:
            self.say("Nothing to go back to.", timeout=2)
            return
        if self.selected is not None:
            self.forward_stack = (self.selected, *self.forward_stack)
        *rest, target = self.back_stack
        self.back_stack = tuple(rest)
        self.selected = target

    def action_forward(self) -> None:
        if not self.forward_stack:
            self.say("Nothing to go forward to.", timeout=2)
            return
        if self.selected is not None:
            self.back_stack = (*self.back_stack, self.selected)
        target, *rest = self.forward_stack
        self.forward_stack = tuple(rest)
        self.selected = target

    @on(QuoteList.Selected)
    def _list_selected(self, event: QuoteList.Selected) -> None:
        self.selected = event.quote_id
        if event.open:
            self.set_focus(self.query_one(ArticleView))

    @on(ArticleView.QuoteChosen)
    def _article_chose(self, event: ArticleView.QuoteChosen) -> None:
        if event.jump:
            self.jump(event.quote_id)
        else:
            self.selected = event.quote_id

    @on(DetailPane.Jump)
    def _detail_jump(self, event: DetailPane.Jump) -> None:
        self.jump(event.quote_id)

    @on(DetailPane.CursorMoved)
    def _detail_cursor(self, event: DetailPane.CursorMoved) -> None:
        self.xref_cursor = event.index

    # -- filter ----------------------------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    @on(BoxLeft, "#filter")
    def _filter_left(self, event: BoxLeft) -> None:
        self.set_focus(self.query_one(QuoteList))

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if self.shown and self.analysis is not None:
            self.jump(self.analysis.quotes[self.shown[0]].id)
        else:
            self.say("No quotation matches.", severity="warning", timeout=3)
        self.set_focus(self.query_one(QuoteList))

    def set_filter(self, text: str) -> None:
        """Put ``text`` in the filter box (the palette's "show only …" entries)."""
        self.query_one("#filter", Input).value = text
        self.filter_text = text

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#filter", Input))

    def action_clear(self) -> None:
        """Escape: close the find box, else clear the search, else the filters."""
        if self.search:
            self.search = ""
            self._research()
        elif self.filter_text or self.speaker_filter:
            self.query_one("#filter", Input).value = ""
            self.filter_text = ""
            self.speaker_filter = frozenset()

    def action_pick_speakers(self) -> None:
        if self.analysis is None:
            return
        if not self.analysis.speakers:
            self.say("No speaker was found in this document.", timeout=3)
            return

        def chosen(result: frozenset[str] | None) -> None:
            if result is not None:
                self.speaker_filter = result

        from tui.app.screens.modals import SpeakerPicker

        self.app.push_screen(SpeakerPicker(self.analysis, self.speaker_filter), callback=chosen)

    # -- same speaker, cross-references ---------------------------------------------------------------
    def _step_speaker(self, step: int) -> None:
        analysis = self.analysis
        if analysis is None or self.selected is None:
            return
        quote = analysis.quote(self.selected)
        speaker = analysis.speaker_of(quote)
        if speaker is None:
            self.say("This quotation has no speaker.", timeout=2)
            return
        ids = sorted(speaker.quote_ids, key=analysis.quote_position)
        index = ids.index(quote.id) + step if quote.id in ids else 0
        if 0 <= index < len(ids):
            self.jump(ids[index])
        else:
            where = "last" if step > 0 else "first"
            self.say(f"That is {speaker.name}'s {where} statement.", timeout=2)

    def action_next_by_speaker(self) -> None:
        self._step_speaker(+1)

    def action_previous_by_speaker(self) -> None:
        self._step_speaker(-1)

    def current_xrefs(self) -> list[CrossReference]:
        return cross_references(self.analysis, self.selected)

    def _tour_step(self, step: int) -> None:
        """Jump to the next (previous) cross-reference of the quotation the tour started from.

        Pressing ``]`` again while still on the last target goes on to the anchor's next
        cross-reference, so ``]]]`` visits all of them; ``backspace`` walks back.
        """
        analysis = self.analysis
        if analysis is None or self.selected is None:
            return
        anchor, index = self.selected, (-1 if step > 0 else 0)
        if self.tour is not None:
            tour_anchor, tour_index = self.tour
            previous = cross_references(analysis, tour_anchor)
            if 0 <= tour_index < len(previous) and previous[tour_index].other == self.selected:
                anchor, index = tour_anchor, tour_index
        xrefs = cross_references(analysis, anchor)
        if not xrefs:
            self.say("No cross-reference for this quotation.", timeout=2)
            return
        index = (index + step) % len(xrefs)
        xref = xrefs[index]
        self.jump(xref.other)
        self.tour = (anchor, index)
        # In the detail pane, highlight the way back to where the tour started.
        back = cross_references(analysis, xref.other)
        same_kind = [n for n, x in enumerate(back) if x.other == anchor and x.kind == xref.kind]
        any_kind = [n for n, x in enumerate(back) if x.other == anchor]
        self.xref_cursor = (same_kind or any_kind or [-1])[0]
        title = KIND_TITLES.get(xref.kind, xref.kind)
        origin = first_words(analysis.quote(anchor).text, 40)
        self.say(f"{title} {index + 1} of {len(xrefs)} from “{origin}”", timeout=3)

    def action_next_xref(self) -> None:
        self._tour_step(+1)

    def action_previous_xref(self) -> None:
        self._tour_step(-1)

    def action_contrast(self) -> None:
        for xref in self.current_xrefs():
            if xref.kind == "contrast":
                self.jump(xref.other)
                return
        self.say("No contrast link for this quotation.", timeout=2)

    # -- find in the article ----------------------------------------------------------------------
    def action_find(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.search
        self.set_focus(search)

    def _research(self) -> None:
        if self.analysis is None or not self.search:
            self.matches = ()
            self.match_index = -1
            return
        pattern = re.compile(re.escape(self.search), re.IGNORECASE)
        self.matches = tuple(m.start() for m in pattern.finditer(self.analysis.text))
        self.match_index = -1

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.set_focus(self.query_one(ArticleView))
        self.search = event.value
        self._research()
        if not self.search:
            return
        if not self.matches:
            self.say(f"“{self.search}” is not in the article.", severity="warning", timeout=3)
            return
        start = 0
        if self.selected is not None and self.analysis is not None:
            start = self.analysis.quote(self.selected).start
        following = [n for n, offset in enumerate(self.matches) if offset >= start]
        self._go_to_match(following[0] if following else 0)

    @on(BoxLeft, "#search")
    def _search_left(self, event: BoxLeft) -> None:
        event.box.display = False
        self.set_focus(self.query_one(ArticleView))

    def _go_to_match(self, index: int) -> None:
        self.match_index = index
        self.say(f"Match {index + 1} of {len(self.matches)}", timeout=1.5)

    def action_next_match(self) -> None:
        if not self.matches:
            self.say("No search: press f to find.", timeout=2)
            return
        self._go_to_match((self.match_index + 1) % len(self.matches))

    def action_previous_match(self) -> None:
        if not self.matches:
            self.say("No search: press f to find.", timeout=2)
            return
        self._go_to_match((self.match_index - 1) % len(self.matches))

    # -- copy and export -------------------------------------------------------------------------
    def action_copy(self) -> None:
        if self.analysis is None or self.selected is None:
            return
        quote = self.analysis.quote(self.selected)
        speaker = self.analysis.speaker_name(quote) or "Unattributed"
        text = " ".join(quote.text.split())
        self.app.copy_to_clipboard(f"“{text}” — {speaker}")
        self.say(f"Copied {speaker}'s quotation.", timeout=2)

    def visible_ids(self) -> list[str]:
        if self.analysis is None:
            return []
        return [self.analysis.quotes[p].id for p in self.shown]

    def action_export(self, fmt: str | None = None) -> None:
        if self.analysis is None:
            return
        ids = self.visible_ids()
        default = "closeread-quotes" + {"csv": ".csv", "markdown": ".md"}.get(fmt or "", ".json")

        def chosen(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.export_to(*result)

        from tui.app.screens.modals import ExportScreen

        self.app.push_screen(ExportScreen(len(ids), default, fmt or "json"), callback=chosen)

    def export_to(self, path: str, fmt: str) -> Path | None:
        if self.analysis is None:
            return None
        from tui.app.export import export_quotes

        try:
            target = export_quotes(self.analysis, self.visible_ids(), path, fmt)
        except (OSError, ValueError) as error:
            self.say(f"Export failed: {error}", severity="error", timeout=6)
            return None
        self.say(f"Exported {len(self.shown)} quotation(s) to {target}", title="Export", timeout=6)
        return target

    # -- opening documents -------------------------------------------------------------------------
    def action_open(self) -> None:
        from tui.app.screens.open import OpenScreen

        def chosen(path: str | None) -> None:
            if path:
                self.open_document(path)

        recent = recent_documents(self.notes)
        self.app.push_screen(OpenScreen(recent, self.path), callback=chosen)

    # -- notes and bookmarks ------------------------------------------------------------------------
    def _notes_writable(self) -> bool:
        if self.notes.read_only:
            problem = self.notes.problem or "the notes database is read-only"
            self.say(f"Notes are read-only: {problem}", title="Notes", severity="warning", timeout=6)
            return False
        return True

    def _markable(self) -> tuple[Analysis, str] | None:
        """The document and the selected quotation, when a note or bookmark can be written."""
        analysis, quote_id = self.analysis, self.selected
        if analysis is None or quote_id is None:
            self.say("No quotation selected.", timeout=2)
            return None
        if not self._notes_writable():
            return None
        return analysis, quote_id

    def _reload_marks(self) -> None:
        if self.analysis is not None:
            self.marks = marks_for(self.notes, self.analysis, position=False)

    def action_note(self) -> None:
        """Write or edit the note of the selected quotation."""
        target = self._markable()
        if target is None:
            return
        analysis, quote_id = target
        from tui.app.screens.notes import NoteEditor
        from tui.notes import NotesUnavailable

        def save(body: str) -> str | None:
            """Save ``body``; the error to show, or None."""
            try:
                self.notes.store.save_note(analysis, quote_id, body)
            except NotesUnavailable as error:
                return str(error)
            self._reload_marks()
            self.say("Note saved." if body.strip() else "Note removed.", timeout=2)
            return None

        quote = analysis.quote(quote_id)
        speaker = analysis.speaker_name(quote) or "Unattributed"
        heading = f"“{first_words(quote.text, 70)}” — {speaker}"
        self.app.push_screen(NoteEditor(heading, self.marks.notes.get(quote_id, ""), save))

    def action_bookmark(self) -> None:
        target = self._markable()
        if target is None:
            return
        analysis, quote_id = target
        from tui.notes import NotesUnavailable

        try:
            state = self.notes.store.toggle_bookmark(analysis, quote_id)
        except NotesUnavailable as error:
            self.say(f"Could not save the bookmark: {error}", severity="error", timeout=6)
            return
        self._reload_marks()
        self.say("Bookmarked." if state else "Bookmark removed.", timeout=2)

    def action_notes(self) -> None:
        """Every note and bookmark of the document; enter jumps to its quotation."""
        analysis = self.analysis
        if analysis is None:
            return
        from tui.app.screens.notes import NotesScreen
        from tui.notes import NotesUnavailable

        try:
            attached = self.notes.store.notes_for(analysis)
        except NotesUnavailable as error:
            self.say(str(error), title="Notes", severity="error", timeout=6)
            return
        if not attached:
            self.say("No note or bookmark in this document yet: a writes one, m bookmarks.", timeout=3)
            return

        def chosen(quote_id: str | None) -> None:
            if quote_id is not None:
                self.jump(quote_id)

        self.app.push_screen(NotesScreen(analysis, attached), callback=chosen)
