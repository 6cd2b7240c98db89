"""Screens of the reader.

The dialogs (``tui.app.screens.modals``) are imported when first asked for: the first
screen does not need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.screens.main import MainScreen

if TYPE_CHECKING:
    from tui.app.screens.modals import ExportScreen, HelpScreen, MessageScreen, SpeakerPicker

__all__ = ["ExportScreen", "HelpScreen", "MainScreen", "MessageScreen", "SpeakerPicker"]

_DIALOGS = {"ExportScreen", "HelpScreen", "MessageScreen", "SpeakerPicker"}


def __getattr__(name: str):
    if name in _DIALOGS:
        from tui.app.screens import modals

        return getattr(modals, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
