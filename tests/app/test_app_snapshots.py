"""SVG snapshots of the reading screen (update with ``pytest --snapshot-update``).

They use the hand-built analysis (tests/app/app_builders.py), so they change only when the
reader's look changes, not when the engine's attributions improve.
"""

from __future__ import annotations

import pytest
from app_builders import demo_analysis

from tui.app import CloseReadApp


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_main_screen(snap_compare, theme, size):
    app = CloseReadApp(analysis=demo_analysis())

    async def run_before(pilot):
        app.theme = theme
        await pilot.press("j", "j")  # select Ryabkov's "There were contacts."
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
