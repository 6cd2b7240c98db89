"""The note editor (``a``), its "drop your changes?" question, and the notes list (``N``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tui.app.commands import bindings_for
from tui.app.widgets.detail import first_words

if TYPE_CHECKING:
    from tui.analysis.model import Analysis
    from tui.notes import AttachedNote


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; dismissed with True for yes."""

    BINDINGS = bindings_for("confirm")

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(Text(self.question), id="confirm-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="error", id="confirm-yes")
                yield Button(self.no, variant="primary", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class NoteEditor(ModalScreen[None]):
    """Write the note of one quotation: ``ctrl+s`` saves, ``escape`` cancels (asking first
    when the text was changed). ``save(body)`` stores it and returns an error or None; on an
    error the editor stays open with the text."""

    BINDINGS = bindings_for("note")

    def __init__(self, heading: str, body: str, save: Callable[[str], str | None]) -> None:
        super().__init__()
        self.heading = heading
        self.original = body
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="note", classes="dialog"):
            yield Label("Note", classes="dialog-title")
            yield Static(Text(self.heading, style="italic"), id="note-quote")
            yield TextArea(self.original, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label(
                "^s save · esc cancel · an empty note is removed", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @property
    def changed(self) -> bool:
        return self.text.strip() != self.original.strip()

    def action_save(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return
        error = self._save(self.text)
        if error is None:
            self.dismiss(None)
        else:
            self.notify(f"Could not save the note: {error}", severity="error", markup=False)

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Drop the changes to this note?", "Drop", "Keep editing"), answered
        )


class NotesScreen(ModalScreen[str | None]):
    """Every note and bookmark of the document, in text order; enter jumps to one."""

    BINDINGS = bindings_for("notes")

    def __init__(self, analysis: Analysis, notes: list[AttachedNote]) -> None:
        super().__init__()
        self.analysis = analysis
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="notes", classes="dialog"):
            yield Label(f"Notes and bookmarks ({len(self.notes)})", classes="dialog-title")
            yield OptionList(*self._options(), id="notes-list")
            yield Label("enter jump to the quotation · esc close", classes="dialog-hint")

    def _options(self) -> list[Option]:
        options = []
        for number, note in enumerate(self.notes):
            prompt = Text(end="")
            prompt.append("★ " if note.bookmarked else "  ", Style(bold=True))
            if note.orphan:
                prompt.append(f"(no longer in the text) “{first_words(note.quote_text, 50)}”")
            else:
                quote = self.analysis.quote(note.quote_id)
                speaker = self.analysis.speaker_name(quote) or "Unattributed"
                prompt.append(speaker, Style(bold=True))
                prompt.append(f": “{first_words(quote.text, 50)}”")
            if note.has_note:
                prompt.append("\n    " + first_words(note.body, 70), Style(italic=True))
            options.append(Option(prompt, id=f"note-{number}", disabled=note.orphan))
        return options

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.focus()
        for index, note in enumerate(self.notes):
            if not note.orphan:
                option_list.highlighted = index
                break

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        note = self.notes[int((event.option.id or "note-0").removeprefix("note-"))]
        if note.quote_id is not None:
            self.dismiss(note.quote_id)

    def action_close(self) -> None:
        self.dismiss(None)
