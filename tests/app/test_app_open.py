"""Issue 8: opening documents (the o dialog, recent documents) and ``closeread --serve``."""

from __future__ import annotations

import sys
import types

from app_builders import demo_analysis
from app_helpers import main, message_shown
from textual.widgets import DirectoryTree, Input, OptionList

from tui import cli
from tui.app import CloseReadApp
from tui.app.screens.open import OpenScreen, complete_path

ARTICLE = "“We will open the books,” the minister said.\n\n“Nobody asked,” Smith replied.\n"


async def _until(pilot, condition, tries: int = 200) -> bool:
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def test_complete_path_adds_the_unambiguous_rest(tmp_path):
    (tmp_path / "chapter-one.txt").write_text("x", encoding="utf-8")
    (tmp_path / "chapter-two.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    assert complete_path(str(tmp_path / "cha")) == str(tmp_path / "chapter-")
    assert complete_path(str(tmp_path / "chapter-o")) == str(tmp_path / "chapter-one.txt")
    assert complete_path(str(tmp_path / "no")) == str(tmp_path / "notes") + "/"
    assert complete_path(str(tmp_path / "zzz")) is None
    assert complete_path(str(tmp_path / "chapter-")) is None  # nothing to add


async def test_o_opens_a_typed_path_with_tab_completion_and_records_it(tmp_path):
    (tmp_path / "minister-speech.txt").write_text(ARTICLE, encoding="utf-8")
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        assert isinstance(app.screen, OpenScreen)
        box = app.screen.query_one("#open-path", Input)
        assert app.focused is box
        box.value = str(tmp_path / "minister-s")
        await pilot.press("tab")
        assert box.value == str(tmp_path / "minister-speech.txt")
        await pilot.press("enter")
        screen = main(app)
        assert await _until(pilot, lambda: screen.analysis.path.endswith("minister-speech.txt"))
        assert app.screen is screen
        assert [q.text for q in screen.analysis.quotes][:1] == ["We will open the books,"]
        assert screen.selected == screen.analysis.quotes[0].id
        # The dialog now offers it among the recent documents.
        await pilot.press("o")
        recent = app.screen.query_one("#open-recent", OptionList)
        prompts = [str(recent.get_option_at_index(i).prompt) for i in range(recent.option_count)]
        assert any("minister-speech.txt" in prompt for prompt in prompts)
        await pilot.press("escape")
        assert app.screen is screen


async def test_a_recent_document_and_the_folder_tree_open_documents(tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text("“Second text here,” she said.\n", encoding="utf-8")
    app = CloseReadApp(str(first))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        assert await _until(pilot, lambda: screen.analysis is not None)
        # Browse: the tree starts in the folder of the open document.
        await pilot.press("o")
        tree = app.screen.query_one(DirectoryTree)
        assert await _until(pilot, lambda: len(tree.root.children) >= 2)
        names = [str(node.label) for node in tree.root.children]
        assert "second.txt" in names
        tree.focus()
        tree.select_node(tree.root.children[names.index("second.txt")])
        await pilot.pause()
        assert await _until(pilot, lambda: screen.analysis.path.endswith("second.txt"))
        # Recent: the first document is there, newest first after the second.
        await pilot.press("o")
        recent = app.screen.query_one("#open-recent", OptionList)
        assert recent.option_count >= 2
        prompts = [str(recent.get_option_at_index(i).prompt) for i in range(recent.option_count)]
        assert "second.txt" in prompts[0] and "first.txt" in prompts[1]
        recent.focus()
        recent.highlighted = 1
        await pilot.press("enter")
        assert await _until(pilot, lambda: screen.analysis.path.endswith("first.txt"))


async def test_a_bad_path_in_the_dialog_keeps_the_document_and_the_app(tmp_path):
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = main(app).analysis
        await pilot.press("o")
        app.screen.query_one("#open-path", Input).value = str(tmp_path / "missing.txt")
        await pilot.press("enter")
        assert await _until(pilot, lambda: message_shown(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.screen is main(app)
        assert main(app).analysis is before


async def test_no_argument_still_opens_the_bundled_sample():
    app = CloseReadApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        assert await _until(pilot, lambda: screen.analysis is not None)
        assert screen.analysis.path.endswith("russia-denies-contacts.txt")
        assert not isinstance(app.screen, OpenScreen)


def test_serve_without_the_web_extra_is_one_line_and_status_2(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # not installed
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert cli.main(["--serve"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        'closeread: error: --serve needs the web extra: pip install "closeread[web]"\n'
    )


def test_serve_runs_the_reader_under_textual_serve_on_localhost(monkeypatch, capsys, tmp_path):
    served = {}

    class FakeServer:
        def __init__(self, command, host="localhost", port=8000, title=None, **kwargs):
            served.update(command=command, host=host, port=port, title=title)

        def serve(self, debug=False):
            served["served"] = True

    package = types.ModuleType("textual_serve")
    server = types.ModuleType("textual_serve.server")
    server.Server = FakeServer
    package.server = server
    monkeypatch.setitem(sys.modules, "textual_serve", package)
    monkeypatch.setitem(sys.modules, "textual_serve.server", server)
    document = tmp_path / "speech.txt"
    document.write_text(ARTICLE, encoding="utf-8")
    assert cli.main(["--serve", "--port", "8123", str(document)]) == 0
    assert served["served"] and served["host"] == "127.0.0.1" and served["port"] == 8123
    assert "tui.app" in served["command"] and str(document) in served["command"]
    assert "http://127.0.0.1:8123" in capsys.readouterr().err
    # No path: the bundled sample; a bad port is a usage error.
    assert cli.main(["--serve"]) == 0
    assert served["port"] == 8000
    assert cli.main(["--serve", "--port", "99999"]) == 2
    assert cli.main(["--serve", str(tmp_path / "missing.txt")]) == 2
    assert cli.main(["--port", "8123", str(document)]) == 2  # --port without --serve


async def test_a_slow_document_shows_its_progress_and_q_still_quits(monkeypatch, tmp_path):
    import threading

    import tui.app.screens.main as main_module
    from tui.app.loading import load as real_load

    release = threading.Event()

    def slow_load(path, progress=None):
        progress("analyse")
        release.wait(5)
        return real_load(path, progress)

    monkeypatch.setattr(main_module, "load", slow_load)
    document = tmp_path / "long-novel.txt"
    document.write_text(ARTICLE, encoding="utf-8")
    app = CloseReadApp(str(document))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        status = screen.query_one("#loading")
        assert await _until(pilot, lambda: status.display)
        assert "long-novel.txt" in str(status.query_one("#loading-title").render())
        assert "Analysing" in str(status.query_one("#loading-stage").render())
        release.set()
        assert await _until(pilot, lambda: screen.analysis is not None)
        assert not status.display
        await pilot.press("q")
    assert app.return_code == 0
