"""Screens of the reader."""

from tui.app.screens.main import MainScreen
from tui.app.screens.modals import ExportScreen, HelpScreen, MessageScreen, SpeakerPicker

__all__ = ["ExportScreen", "HelpScreen", "MainScreen", "MessageScreen", "SpeakerPicker"]
