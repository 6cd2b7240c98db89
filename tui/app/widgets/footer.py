"""Textual's footer, recomposed only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """``Footer`` rebuilds its key widgets (a dozen, each styled anew) whenever the screen's
    bindings are refreshed: on every focus change, and three times while the reader
    starts, though what it shows rarely changes. Here it is rebuilt only when the keys
    to show (binding, enabled, tooltip) differ from the ones it shows."""

    _composed: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.key == screen.app.COMMAND_PALETTE_BINDING
        )
        if self._bindings_ready and shown == self._composed:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._composed = shown  # (what the recompose the footer schedules will show)
        super().bindings_changed(screen)
