"""Issue 7: notes, bookmarks and the reading position, through the reader (Pilot).

The notes database lives in a temporary folder (``CLOSEREAD_DATA_DIR``, set for every test
by conftest.py), so each test starts with no notes.
"""

from __future__ import annotations

import os
import sqlite3

from app_builders import demo_analysis
from app_helpers import article_lines, detail_text, list_lines, main
from textual.widgets import Input, OptionList, TextArea

from tui.app import CloseReadApp
from tui.app.screens.notes import ConfirmScreen, NoteEditor, NotesScreen
from tui.notes import default_path

SPEECH = (
    "“We will open the books,” the minister said.\n\n"
    "“Nobody asked for that,” Smith replied.\n\n"
    "“The books stay shut,” the minister said later.\n"
)


async def _until(pilot, condition, tries: int = 200) -> bool:
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def _write_note(pilot, app, text: str) -> None:
    await pilot.press("a")
    assert isinstance(app.screen, NoteEditor)
    app.screen.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(app.screen, NoteEditor)


async def test_a_note_survives_a_restart_and_the_selection_is_restored(tmp_path):
    document = tmp_path / "speech.txt"
    document.write_text(SPEECH, encoding="utf-8")
    app = CloseReadApp(str(document))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        assert await _until(pilot, lambda: screen.analysis is not None)
        await pilot.press("j")
        second = screen.analysis.quotes[1].id
        assert screen.selected == second
        await _write_note(pilot, app, "Smith dodges the question.")
        assert "Smith dodges the question." in detail_text(app)
        assert any("✎" in line for line in list_lines(app))
        await pilot.press("q")
    assert app.return_code == 0

    again = CloseReadApp(str(document))
    async with again.run_test(size=(120, 40)) as pilot:
        screen = main(again)
        assert await _until(pilot, lambda: screen.analysis is not None)
        assert screen.selected == second  # where the reader left it
        assert screen.marks.notes == {second: "Smith dodges the question."}
        assert "Smith dodges the question." in detail_text(again)
        # Editing shows the saved text; an unchanged note closes without a question.
        await pilot.press("a")
        assert again.screen.query_one(TextArea).text == "Smith dodges the question."
        await pilot.press("escape")
        assert again.screen is screen


async def test_the_filter_and_the_article_scroll_are_restored_too(tmp_path):
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"ryabkov", "enter")
        screen = main(app)
        assert screen.selected == "q3"
        await pilot.press("q")
    again = CloseReadApp(analysis=demo_analysis())
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(again)
        assert screen.filter_text == "ryabkov"
        assert screen.query_one("#filter", Input).value == "ryabkov"
        assert [screen.analysis.quotes[p].id for p in screen.shown] == ["q3", "q4", "q8"]
        assert screen.selected == "q3"


async def test_bookmarks_marks_and_the_noted_and_marked_filters():
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        await pilot.press("j", "j", "m")  # bookmark q3
        assert screen.marks.bookmarks == frozenset({"q3"})
        assert "★" in list_lines(app)[2] and "★" not in list_lines(app)[0]
        assert "bookmarked" in detail_text(app)
        await pilot.press("j", "j")  # q5: a note
        await _write_note(pilot, app, "Pence contradicts [bold]Ryabkov[/bold].")
        assert screen.marks.notes == {"q5": "Pence contradicts [bold]Ryabkov[/bold]."}
        assert "[bold]Ryabkov[/bold]" in detail_text(app)  # never markup
        # The article underlines marked quotations.
        article = screen.query_one("#article")
        quote = screen.analysis.quote("q5")
        line = article.wrapped.line_of(quote.start)
        top, _ = article.visible_line_range()
        strip = article.render_line(line - top)
        assert any(seg.style and seg.style.underline for seg in strip if "Why" in seg.text)
        assert article_lines(app)
        # :noted and :marked in the filter.
        await pilot.press("slash", *":noted")
        assert [screen.analysis.quotes[p].id for p in screen.shown] == ["q5"]
        await pilot.press("ctrl+u", *":marked")
        assert [screen.analysis.quotes[p].id for p in screen.shown] == ["q3"]
        await pilot.press("ctrl+u", *":marked contacts")
        assert [screen.analysis.quotes[p].id for p in screen.shown] == ["q3"]
        await pilot.press("escape")
        # The palette offers the same filters.
        from tui.app.provider import CloseReadProvider

        hits = [hit async for hit in CloseReadProvider(screen).search("only the quotations with")]
        next(h for h in hits if "with a note" in h.text).command()
        await pilot.pause()
        assert [screen.analysis.quotes[p].id for p in screen.shown] == ["q5"]
        screen.set_filter("")
        # m again removes the bookmark (and the list follows).
        screen.selected = "q3"
        await pilot.press("m")
        assert screen.marks.bookmarks == frozenset()


async def test_escape_asks_before_dropping_a_changed_note():
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        await pilot.press("a")
        app.screen.query_one(TextArea).insert("half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing: the text is still there
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "half a thought"
        await pilot.press("escape")
        await pilot.press("y")  # drop it
        await pilot.pause()
        assert app.screen is screen
        assert screen.marks.notes == {}


async def test_the_notes_list_jumps_to_a_quotation():
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        await pilot.press("N")  # nothing yet: a hint, no dialog
        assert app.screen is screen
        screen.selected = "q7"
        await _write_note(pilot, app, "Crimea.")
        screen.selected = "q2"
        await pilot.press("m")
        await pilot.press("N")
        assert isinstance(app.screen, NotesScreen)
        notes_list = app.screen.query_one(OptionList)
        assert notes_list.option_count == 2  # text order: q2 then q7
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is screen and screen.selected == "q7"
        await pilot.press("backspace")
        assert screen.selected == "q2"


async def test_a_damaged_notes_database_gives_a_notice_and_the_reader_still_opens():
    path = default_path()
    os.makedirs(path.parent, exist_ok=True)
    path.write_bytes(b"this is not a database at all" * 100)
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        assert screen.analysis is not None and len(screen.shown) == 9
        messages = [str(n.message) for n in app._notifications]
        assert any("damaged" in m or "not a closeread database" in m for m in messages)
        await pilot.press("m")  # refused, with a notice; nothing crashes
        assert screen.marks.bookmarks == frozenset()
        await pilot.press("a")
        assert app.screen is screen
    assert path.read_bytes().startswith(b"this is not a database")  # left untouched


async def test_a_read_only_notes_database_still_shows_its_notes(tmp_path):
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main(app).selected = "q4"
        await _write_note(pilot, app, "Kept.")
        await pilot.press("q")
    path = default_path()
    # A database that may not be written (as if on a read-only disk).
    os.chmod(path.parent, 0o555)
    os.chmod(path, 0o444)
    try:
        if os.access(path, os.W_OK):  # root ignores permissions: lock it instead
            holder = sqlite3.connect(path, isolation_level=None)
            holder.execute("BEGIN EXCLUSIVE")
        else:
            holder = None
        again = CloseReadApp(analysis=demo_analysis())
        async with again.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.1)
            screen = main(again)
            assert screen.analysis is not None
            assert screen.marks.notes == {"q4": "Kept."}  # still read
            await pilot.press("m")  # refused (read-only, or locked past the store's timeout)
            await _until(pilot, lambda: bool(again._notifications))
            messages = [str(n.message) for n in again._notifications]
            assert any("read-only" in m or "locked" in m for m in messages), messages
            assert "q4" not in screen.marks.bookmarks
        if holder is not None:
            holder.execute("ROLLBACK")
            holder.close()
    finally:
        os.chmod(path.parent, 0o755)
        os.chmod(path, 0o644)


async def test_the_position_is_saved_after_a_pause_without_quitting(monkeypatch):
    import tui.app.screens.main as main_module
    from tui.notes import NotesStore

    monkeypatch.setattr(main_module, "POSITION_SAVE_DELAY", 0.05)
    analysis = demo_analysis()
    app = CloseReadApp(analysis=analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "j")
        await pilot.pause(0.3)
        with NotesStore.open(read_only=True) as store:
            assert store.load_position(analysis.sha256).quote_id == "q4"
