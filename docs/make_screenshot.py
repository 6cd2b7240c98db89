"""Regenerate docs/screenshot.svg: the reader on the bundled sample at 120x40.

python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.app import CloseReadApp  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshot.svg"


async def main() -> None:
    app = CloseReadApp(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        while screen.analysis is None:
            await pilot.pause(0.05)
        await pilot.press("slash", *"Ryabkov", "enter", "escape")
        await pilot.pause(0.3)
        app.save_screenshot(filename=OUT.name, path=str(OUT.parent))
    print(OUT)


if __name__ == "__main__":
    asyncio.run(main())
