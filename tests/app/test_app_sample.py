"""The acceptance flow on the bundled sample, through the real engine and the file loader."""

from __future__ import annotations

from app_helpers import article_shows, detail_text, main, message_shown, xref_ids

from tui.app import CloseReadApp, load_analysis
from tui.app.screens import MessageScreen
from tui.resources import sample_path


def ryabkov_first(analysis):
    speaker = next(s for s in analysis.speakers if s.name == "Sergei Ryabkov")
    return min(speaker.quote_ids, key=analysis.quote_position)


async def test_sample_loads_in_a_worker_and_the_ryabkov_pence_flow_works():
    app = CloseReadApp(None)  # the bundled sample, read by the worker
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        for _ in range(100):
            if screen.analysis is not None:
                break
            await pilot.pause(0.05)
        assert screen.analysis is not None
        assert len(screen.analysis.quotes) >= 20
        assert not screen.query_one("#loading").display
        await pilot.press("slash", *"Ryabkov", "enter")
        first = ryabkov_first(screen.analysis)
        assert screen.selected == first
        quote = screen.analysis.quote(first)
        assert quote.text.startswith("There were contacts")
        assert article_shows(app, first)
        assert "There were contacts" in detail_text(app)
        pence = next(s for s in screen.analysis.speakers if s.name == "Mike Pence")
        contrast = [x.other for x in main(app).query_one("#detail").xrefs if x.kind == "contrast"]
        assert contrast and contrast[0] in pence.quote_ids
        assert contrast[0] in xref_ids(app)
        await pilot.press("c")
        assert screen.selected == contrast[0]
        assert "Why would there be any contact" in detail_text(app)
        assert article_shows(app, contrast[0])
        await pilot.press("backspace")
        assert screen.selected == first


def test_load_analysis_reads_the_sample():
    analysis = load_analysis(sample_path())
    assert analysis.path.endswith("russia-denies-contacts.txt")
    assert any(q.text.startswith("There were contacts") for q in analysis.quotes)


async def test_an_unreadable_path_shows_a_message_and_exits_with_code_2(tmp_path):
    app = CloseReadApp(str(tmp_path / "no-such-file.txt"))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if message_shown(app):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, MessageScreen)
        assert "no such file" in str(app.screen.query_one("#message-text").content)
        await pilot.press("q")  # closes the message: the error's exit code, not 0
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 2
