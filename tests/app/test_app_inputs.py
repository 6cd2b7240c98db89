"""Opening the reader on every kind of bad or odd file (the app side of the CLI's matrix).

Each case either opens the document (the quotations load, `q` quits with 0) or shows one
message screen and quits with exit code 2 — never a traceback, never a hang.
"""

from __future__ import annotations

import pytest
from app_helpers import main, message_shown

from tui.app import CloseReadApp
from tui.app.screens import MessageScreen

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def nested(depth: int) -> str:
    text = "core"
    for level in range(depth):
        text = (f"“level {level} {text}”" if level % 2 == 0 else f"‘level {level} {text}’")
    return f"She said {text} and left.\n"


OPENS = {
    "cp1252 smart quotes": "“Hello,” said Ann.\r\n".encode("cp1252"),
    "UTF-16 with BOM": "“Hello,” said Ann.\n".encode("utf-16"),
    "UTF-8 BOM": "\ufeff“Hello,” said Ann.\n".encode(),
    "CRLF": "“Hello,” said Ann.\r\n\r\n“Bye,” said Bo.\r\n".encode(),
    "CR": "“Hello,” said Ann.\r\r“Bye,” said Bo.\r".encode(),
    "empty": b"",
    "only whitespace": b" \n\t\n   \n",
    "no quotation": b"The committee met and nobody agreed on anything.\n",
    "10k unbalanced marks": ("“" * 5000 + '"' * 3000 + "’" * 2000).encode(),
    "nested five deep": nested(5).encode(),
    "RTL": "قال أحمد: «هذا صحيح تماما» في المؤتمر.\n".encode(),
    "emoji and combining": "“Caf\u0065\u0301 👩‍👩‍👧 [b]ok[/b],” said Zoë.\n".encode(),
    "tabs": "\t“Indented,”\tsaid\tAnn.\n".encode(),
}

REFUSED = {
    "PNG bytes": (PNG, "PNG"),
    "NUL bytes in text": (b"hello\x00world\n", "NUL"),
}


async def _settle(app, pilot, until) -> None:
    for _ in range(200):
        if until():
            return
        await pilot.pause(0.05)


@pytest.mark.parametrize("name", list(OPENS))
async def test_odd_files_open_and_quit_cleanly(name, tmp_path):
    path = tmp_path / "input.txt"
    path.write_bytes(OPENS[name])
    app = CloseReadApp(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main(app)
        await _settle(app, pilot, lambda: screen.analysis is not None or isinstance(app.screen, MessageScreen))
        assert not isinstance(app.screen, MessageScreen)
        assert screen.analysis is not None
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


@pytest.mark.parametrize("name", list(REFUSED))
async def test_binary_files_show_one_message_and_exit_2(name, tmp_path):
    data, fragment = REFUSED[name]
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    app = CloseReadApp(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot, lambda: message_shown(app))
        assert isinstance(app.screen, MessageScreen)
        assert fragment in str(app.screen.query_one("#message-text").content)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 2


async def test_a_directory_shows_one_message_and_exits_2(tmp_path):
    app = CloseReadApp(str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot, lambda: message_shown(app))
        assert isinstance(app.screen, MessageScreen)
        assert "directory" in str(app.screen.query_one("#message-text").content)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 2
