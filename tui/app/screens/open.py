"""The open dialog (``o``): type a path (tab completes it), pick a recent document, or browse."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import DirectoryTree, Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.app.commands import bindings_for

if TYPE_CHECKING:
    from tui.notes import RecentDocument


def complete_path(value: str) -> str | None:
    """``value`` completed to the longest unambiguous path it starts (a folder gets a ``/``);
    None when nothing matches or there is nothing to add."""
    if not value:
        return None
    expanded = os.path.expanduser(value)
    folder, prefix = os.path.split(expanded)
    try:
        names = sorted(
            entry.name + ("/" if entry.is_dir() else "")
            for entry in os.scandir(folder or ".")
            if entry.name.startswith(prefix) and (prefix.startswith(".") or not entry.name.startswith("."))
        )
    except OSError:
        return None
    if not names:
        return None
    common = os.path.commonprefix(names)
    if len(common) <= len(prefix):
        return None
    # Keep what the user typed (``~``, relative folders) and add the completed rest.
    return value + common[len(prefix) :]


class PathSuggester(Suggester):
    """Shows the completion of the typed path in grey; tab (or →) takes it."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


class PathInput(Input):
    BINDINGS = bindings_for("open-path")

    def action_complete(self) -> None:
        """Tab: take the completion, or go on to the next part of the dialog."""
        completed = complete_path(self.value)
        if completed is not None:
            self.value = completed
            self.cursor_position = len(completed)
        else:
            self.screen.focus_next()


class DocumentTree(DirectoryTree):
    """Browse for a document: folders and files, hidden ones left out."""

    def filter_paths(self, paths):
        return [path for path in paths if not path.name.startswith(".")]


class OpenScreen(ModalScreen[str | None]):
    """Dismissed with the path to open, or None."""

    BINDINGS = bindings_for("open")

    def __init__(self, recent: list[RecentDocument], start: str | None = None) -> None:
        super().__init__()
        self.recent = recent
        folder = Path(start).parent if start else Path.cwd()
        self.folder = folder if folder.is_dir() else Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="open", classes="dialog"):
            yield Label("Open a document", classes="dialog-title")
            yield PathInput(
                placeholder="path of a .txt, .md or .html file (tab completes)",
                suggester=PathSuggester(),
                id="open-path",
            )
            yield Label("Recent", classes="open-heading")
            yield OptionList(*self._recent_options(), id="open-recent")
            yield Label("Browse", classes="open-heading")
            yield DocumentTree(str(self.folder), id="open-tree")
            yield Label(
                "enter open · tab complete / next · esc cancel", classes="dialog-hint"
            )

    def _recent_options(self) -> list[Option]:
        if not self.recent:
            return [Option(Text("no recent document", style="italic"), disabled=True)]
        options = []
        home = str(Path.home())
        for number, doc in enumerate(self.recent):
            shown = doc.path.replace(home, "~", 1) if doc.path.startswith(home) else doc.path
            prompt = Text(end="", no_wrap=True, overflow="ellipsis")
            prompt.append(doc.title or Path(doc.path).name)
            prompt.append(f"  {shown}", Style(dim=True))
            options.append(Option(prompt, id=f"recent-{number}"))
        return options

    def on_mount(self) -> None:
        self.query_one(PathInput).focus()

    @on(Input.Submitted, "#open-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.notify("Type a path, or pick a document below.", severity="warning")
            return
        path = Path(os.path.expanduser(value))
        if path.is_dir():
            self.query_one(DocumentTree).path = path
            self.query_one(DocumentTree).focus()
            return
        self.dismiss(str(path))

    @on(OptionList.OptionSelected, "#open-recent")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("recent-"):
            self.dismiss(self.recent[int(option_id.removeprefix("recent-"))].path)

    @on(DirectoryTree.FileSelected)
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.dismiss(str(event.path))

    def action_cancel(self) -> None:
        self.dismiss(None)
