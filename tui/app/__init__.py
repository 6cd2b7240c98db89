"""The Textual reader: ``run(path)`` for the CLI, ``CloseReadApp`` for tests."""

from __future__ import annotations

from tui.app.app import CloseReadApp
from tui.app.loading import LoadError, load_analysis


def run(path: str | None = None) -> int:
    """Run the reader on ``path`` (None: the bundled sample); return the exit code."""
    app = CloseReadApp(path)
    app.run()
    return app.return_code or 0


__all__ = ["CloseReadApp", "LoadError", "load_analysis", "run"]
