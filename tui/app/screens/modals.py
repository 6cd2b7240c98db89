"""Modal screens: speaker picker, export, help and messages."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from tui.analysis.model import Analysis
from tui.app.commands import COMMANDS, SCOPES, bindings_for

EXPORT_FORMATS = {"json": ".json", "csv": ".csv", "markdown": ".md"}


class PickerInput(Input):
    """The speaker picker's filter box: ↓ goes down to the list."""

    BINDINGS = bindings_for("picker-filter")


class SpeakerPicker(ModalScreen[frozenset[str] | None]):
    """Pick one or several speakers, with their quotation counts.

    Type to narrow the list; ↓ goes to the list, space toggles; enter applies the
    ticked speakers (or, when none is ticked, every speaker the typed words match);
    esc cancels.
    """

    BINDINGS = bindings_for("picker")

    def __init__(self, analysis: Analysis, chosen: frozenset[str]) -> None:
        super().__init__()
        self.analysis = analysis
        self.chosen: set[str] = set(chosen)
        self._counts = {speaker.id: len(speaker.quote_ids) for speaker in analysis.speakers}
        self._speakers = sorted(
            analysis.speakers, key=lambda s: (-self._counts[s.id], s.name.casefold())
        )
        self._shown_ids: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Label("Speakers", classes="dialog-title")
            yield PickerInput(placeholder="type to narrow · ↓ to the list", id="speaker-filter")
            yield SelectionList[str](*self._selections(""), id="speaker-list")
            yield Label(
                "space toggle · enter apply · ^r all speakers · esc cancel",
                classes="dialog-hint",
            )

    def matching(self, query: str) -> list[str]:
        terms = query.casefold().split()
        found = []
        for speaker in self._speakers:
            haystack = " ".join((speaker.name, *speaker.aliases, speaker.role or "")).casefold()
            if all(term in haystack for term in terms):
                found.append(speaker.id)
        return found

    def _selections(self, query: str) -> list[Selection]:
        self._shown_ids = self.matching(query)
        selections = []
        for speaker_id in self._shown_ids:
            speaker = self.analysis.speaker(speaker_id)
            prompt = Text(end="")
            prompt.append(f"{self._counts[speaker_id]:>4}  ", Style(dim=True))
            prompt.append(speaker.name)
            if speaker.role:
                prompt.append(f"  {speaker.role}", Style(dim=True, italic=True))
            selections.append(Selection(prompt, speaker_id, speaker_id in self.chosen))
        return selections

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#speaker-filter", Input))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        selection_list = self.query_one(SelectionList)
        selection_list.clear_options()
        selection_list.add_options(self._selections(event.value))

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        value = event.selection.value
        if value in event.selection_list.selected:
            self.chosen.add(value)
        else:
            self.chosen.discard(value)

    def action_to_list(self) -> None:
        selection_list = self.query_one(SelectionList)
        self.set_focus(selection_list)
        if selection_list.option_count and selection_list.highlighted is None:
            selection_list.highlighted = 0

    def action_apply(self) -> None:
        if self.chosen:
            self.dismiss(frozenset(self.chosen))
            return
        query = self.query_one("#speaker-filter", Input).value
        self.dismiss(frozenset(self.matching(query)) if query.strip() else frozenset())

    def action_clear(self) -> None:
        self.dismiss(frozenset())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Ask where to export the filtered quotations, and in which format."""

    BINDINGS = bindings_for("export")

    def __init__(
        self, count: int, default_path: str = "closeread-quotes.json", fmt: str = "json"
    ) -> None:
        super().__init__()
        self.count = count
        self.default_path = default_path
        self.initial_format = fmt if fmt in EXPORT_FORMATS else "json"

    def compose(self) -> ComposeResult:
        with Vertical(id="export", classes="dialog"):
            yield Label(f"Export {self.count} quotation(s)", classes="dialog-title", markup=False)
            with RadioSet(id="export-format"):
                for fmt, label in (("json", "JSON"), ("csv", "CSV"), ("markdown", "Markdown")):
                    yield RadioButton(label, value=fmt == self.initial_format, id=f"fmt-{fmt}")
            yield Input(self.default_path, id="export-path", placeholder="path of the file")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @property
    def format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.id or "fmt-json").removeprefix("fmt-") if pressed else "json"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value or "closeread-quotes")
        if path.suffix.lower() in (".json", ".csv", ".md", ".markdown") or not path.suffix:
            path_input.value = str(path.with_suffix(EXPORT_FORMATS[self.format]))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-ok":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            self.notify("Give a path to export to.", severity="warning")
            return
        fmt = self.format
        suffix = Path(path).suffix.lower()
        if suffix == ".csv":
            fmt = "csv"
        elif suffix in (".md", ".markdown"):
            fmt = "markdown"
        elif suffix == ".json":
            fmt = "json"
        self.dismiss((path, fmt))

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key, from the command table."""

    BINDINGS = bindings_for("help")

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column()
        for scope, title in SCOPES.items():
            commands = [command for command in COMMANDS if command.scope == scope]
            if not commands:
                continue
            table.add_row("", "")
            table.add_row("", Text(title, style="bold underline"))
            for command in commands:
                table.add_row(Text(command.display_keys), Text(command.description))
        with Vertical(id="help", classes="dialog"):
            yield Label("closeread — keys", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(table, id="help-table")
            yield Label("esc / ? close", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)


class MessageScreen(ModalScreen[None]):
    """A message with one OK button (used to report that a document cannot be read)."""

    BINDINGS = bindings_for("message")

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="message", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(Text(self.message), id="message-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="error", id="message-ok")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
