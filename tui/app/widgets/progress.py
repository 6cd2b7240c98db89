"""What the reader shows while a document is read and analysed (in a worker thread).

The engine cannot say how far it has got, so the bar is an estimate from the size of the
document (about :data:`SECONDS_PER_MB` per MB of text, plus the engine's start-up) and
stops short of the end until the analysis is there; the stage and the elapsed time are
real. It repaints four times a second, so it costs the worker next to nothing.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Label, ProgressBar

from tui.app.loading import STAGES

#: The engine's speed, generously (bench/speed.py measures it).
SECONDS_PER_MB = 1.6
_START_UP_S = 0.4


class LoadingStatus(Vertical):
    """The document's name, the current stage, the elapsed time and an estimated bar."""

    stage: var[str] = var("")  # a key of loading.STAGES ("" = not loading)
    document: var[str] = var("")  # the name shown
    nbytes: var[int] = var(0)  # the size of the document in bytes (0: unknown)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._started = time.monotonic()
        self._timer = None

    def compose(self) -> ComposeResult:
        yield Label("", id="loading-title", markup=False)
        yield ProgressBar(total=100, show_eta=False, id="loading-bar")
        yield Label("", id="loading-stage", markup=False)

    def on_mount(self) -> None:
        self._timer = self.set_interval(0.25, self._tick, pause=not self.stage)
        self.redraw()

    def watch_stage(self, old: str, new: str) -> None:
        if new and not old:
            self._started = time.monotonic()
        if self._timer is not None:
            if new and new != "done":
                self._timer.resume()
            else:
                self._timer.pause()
        self.redraw()

    def watch_document(self) -> None:
        self.redraw()

    @property
    def estimate_s(self) -> float:
        return _START_UP_S + SECONDS_PER_MB * self.nbytes / 1e6

    def _tick(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Redraw the three lines; nothing while hidden (a short load never shows the panel,
        and the worker needs the interpreter more than a hidden panel does)."""
        if not self.is_mounted or not self.display:
            return
        elapsed = time.monotonic() - self._started
        title = self.query_one("#loading-title", Label)
        # One line each (CSS), so an update repaints them without a layout of the screen.
        title.update(Text(f"Opening {self.document}" if self.document else "Opening…"), layout=False)
        bar = self.query_one(ProgressBar)
        if self.stage == "done":
            percent = 100.0
        elif self.stage == "analyse" or self.stage == "engine":
            percent = min(95.0, 100.0 * elapsed / max(0.1, self.estimate_s))
        else:
            percent = min(5.0, 100.0 * elapsed / max(0.1, self.estimate_s))
        bar.update(progress=percent)
        words = STAGES.get(self.stage, "Waiting")
        size = f" · {self.nbytes / 1e6:.2f} MB" if self.nbytes >= 100_000 else ""
        self.query_one("#loading-stage", Label).update(
            Text(f"{words}… {elapsed:.1f} s{size}", style="dim"), layout=False
        )
