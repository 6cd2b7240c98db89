"""The closeread reader application."""

from __future__ import annotations

import sys

from textual.app import App
from textual.command import Provider
from textual.screen import Screen
from textual.widgets import Input

from tui.analysis.model import Analysis
from tui.app import heap
from tui.app.commands import bindings_for
from tui.app.notes import Notes
from tui.app.screens.main import MainScreen
from tui.resources import styles_dir


def _palette_provider() -> type[Provider]:
    """The reader's command palette entries (imported when the palette first opens)."""
    from tui.app.provider import CloseReadProvider

    return CloseReadProvider


def _showing(screen: Screen, dialog: str) -> bool:
    """Whether ``screen`` is the dialog class ``dialog`` of ``tui.app.screens.modals`` (which
    is imported when a dialog first opens: until then none can be on screen)."""
    modals = sys.modules.get("tui.app.screens.modals")
    return modals is not None and isinstance(screen, getattr(modals, dialog))


def css_paths() -> list[str]:
    """The stylesheets, as absolute paths (so they are found inside a wheel too)."""
    return [str(path) for path in sorted(styles_dir().glob("*.tcss"))]


class CloseReadApp(App[int]):
    """Read a document: its quotations, their speakers and cross-references."""

    TITLE = "closeread"
    CSS_PATH = css_paths()
    BINDINGS = bindings_for("app")
    COMMANDS = App.COMMANDS | {_palette_provider}
    COMMAND_PALETTE_BINDING = "ctrl+p"

    def __init__(self, path: str | None = None, analysis: Analysis | None = None) -> None:
        heap.hold()  # until the document is on screen: see tui.app.heap
        super().__init__()
        if path is None and analysis is None:
            from tui.resources import sample_path

            path = str(sample_path())
        self.path = path
        self.initial_analysis = analysis
        self.notes = Notes()

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.path, self.initial_analysis))

    @property
    def main_screen(self) -> MainScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Single keys are off while a text box has the focus (it gets them as text)."""
        if action in ("quit", "help") and isinstance(self.focused, Input):
            return False
        if action == "quit" and _showing(self.screen, "MessageScreen"):
            return False  # its own q closes it and exits with the error's code
        return True

    def action_help(self) -> None:
        """``?`` opens the help, and closes it again."""
        if _showing(self.screen, "HelpScreen"):
            self.screen.dismiss(None)
        else:
            from tui.app.screens.modals import HelpScreen

            self.push_screen(HelpScreen())

    def action_quit(self) -> None:
        screen = self.main_screen
        if screen is not None:
            screen.save_position()
        self.exit(return_code=0)

    def on_unmount(self) -> None:
        self.notes.close()
        heap.release()
