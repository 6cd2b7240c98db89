"""The notes store: round trips, restarts, re-anchoring, crashes, locks, read-only and damaged files."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.analysis import analyze
from tui.analysis.model import Analysis, Quote, Speaker
from tui.notes import NotesStore, NotesUnavailable, default_path
from tui.notes import store as store_module
from tui.notes.anchor import CONTEXT, Anchor, attach, locate

REPO = Path(__file__).resolve().parent.parent
QUOTE = re.compile(r"“([^”]*)”")


# -- helpers --------------------------------------------------------------------------


def make_analysis(text: str, path: str | None = None) -> Analysis:
    """Every “…” of ``text`` as a quotation q1, q2, … spoken by Ann (no NLTK, exact spans)."""
    quotes = tuple(
        Quote(id=f"q{i}", start=m.start(), end=m.end(), text=m.group(1), kind="speech",
              paragraph=0, sentence=0, speaker_id="s1")
        for i, m in enumerate(QUOTE.finditer(text), 1)
    )
    speakers = (Speaker(id="s1", name="Ann", quote_ids=tuple(q.id for q in quotes)),)
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Analysis(text=text, sha256=sha, path=path, quotes=quotes, speakers=speakers)


def quote_id_of(analysis: Analysis, words: str) -> str:
    (quote,) = [q for q in analysis.quotes if q.text == words]
    return quote.id


class Clock:
    """A settable clock: each call returns a time one second after the previous one."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CLOSEREAD_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db(data_dir) -> Path:
    return default_path()


TEXT = (
    "The meeting began late.\n\n"
    "“We will win,” said Ann. Bob shrugged: “Never.”\n\n"
    "Later, in the hall, “We will win,” she said again, and “Fine,” said Bob.\n"
)


# -- the data directory -----------------------------------------------------------------


def test_default_path_honours_the_environment(data_dir):
    assert default_path() == data_dir / "notes.sqlite3"
    assert not data_dir.exists()  # nothing is created before a store is opened
    with NotesStore.open() as store:
        assert store.path == data_dir / "notes.sqlite3"
    assert (data_dir / "notes.sqlite3").is_file()


def test_wal_mode_and_schema_version(db):
    NotesStore.open().close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
    conn.close()


# -- round trips ------------------------------------------------------------------------


def test_note_round_trip(db):
    clock = Clock()
    analysis = make_analysis(TEXT, "talk.txt")
    with NotesStore.open(clock=clock) as store:
        saved = store.save_note(analysis, "q2", "Bob's one-word answer.")
        assert saved is not None and saved.quote_id == "q2" and not saved.orphan
        assert (saved.start, saved.end) == (analysis.quote("q2").start, analysis.quote("q2").end)
        (note,) = store.notes_for(analysis)
        assert note == saved
        assert note.body == "Bob's one-word answer."
        assert note.anchor_text == "“Never.”" and note.quote_text == "Never."
        assert note.speaker == "Ann"
        assert note.bookmarked is False and note.created == note.updated
        assert note.created.tzinfo is not None

        again = store.save_note(analysis, "q2", "Rewritten.")
        assert again.id == saved.id  # one note per quotation: replaced, not added
        assert again.created == saved.created and again.updated > saved.updated
        assert [n.body for n in store.notes_for(analysis)] == ["Rewritten."]
        assert store.note_for(analysis, "q2") == again
        assert store.note_for(analysis, "q1") is None


def test_notes_come_in_text_order(db):
    analysis = make_analysis(TEXT)
    with NotesStore.open() as store:
        for quote_id in ("q4", "q1", "q3"):
            store.save_note(analysis, quote_id, f"on {quote_id}")
        assert [n.quote_id for n in store.notes_for(analysis)] == ["q1", "q3", "q4"]


def test_bookmarks_and_deleting(db):
    analysis = make_analysis(TEXT)
    with NotesStore.open() as store:
        assert store.toggle_bookmark(analysis, "q1") is True
        (mark,) = store.notes_for(analysis)
        assert mark.bookmarked and mark.body == "" and not mark.has_note
        store.save_note(analysis, "q1", "Bookmarked and noted.")
        (mark,) = store.notes_for(analysis)
        assert mark.bookmarked and mark.body == "Bookmarked and noted."

        assert store.delete_note(analysis, "q1") is True  # the note goes, the bookmark stays
        (mark,) = store.notes_for(analysis)
        assert mark.bookmarked and mark.body == ""
        assert store.delete_note(analysis, "q1") is False
        assert store.toggle_bookmark(analysis, "q1") is False
        assert store.notes_for(analysis) == []

        store.save_note(analysis, "q3", "temporary")
        assert store.save_note(analysis, "q3", "  \n ") is None  # blank body = delete
        assert store.notes_for(analysis) == []

        kept = store.save_note(analysis, "q4", "Noted")
        store.toggle_bookmark(analysis, "q4")
        assert store.toggle_bookmark(analysis, "q4") is False  # un-bookmarking keeps the note
        assert [n.body for n in store.notes_for(analysis)] == ["Noted"]
        assert store.delete_mark(kept.id) is True
        assert store.delete_mark(kept.id) is False
        assert store.notes_for(analysis) == []


def test_unknown_quote_id_is_a_key_error(db):
    analysis = make_analysis(TEXT)
    with NotesStore.open() as store:
        with pytest.raises(KeyError):
            store.save_note(analysis, "q99", "nowhere")
        with pytest.raises(KeyError):
            store.toggle_bookmark(analysis, "q99")
        assert store.notes_for(analysis) == []


def test_documents_are_kept_apart(db):
    first = make_analysis(TEXT, "a.txt")
    second = make_analysis("Other text. “Hello,” said Ann.", "b.txt")
    with NotesStore.open() as store:
        store.save_note(first, "q1", "first doc")
        store.save_note(second, "q1", "second doc")
        assert [n.body for n in store.notes_for(first)] == ["first doc"]
        assert [n.body for n in store.notes_for(second)] == ["second doc"]


def test_same_text_from_another_path_is_the_same_document(db):
    with NotesStore.open() as store:
        store.save_note(make_analysis(TEXT, "one/talk.txt"), "q2", "shared")
        copy = make_analysis(TEXT, "elsewhere/copy.txt")
        assert [(n.quote_id, n.body) for n in store.notes_for(copy)] == [("q2", "shared")]
        assert [n.body for n in store.notes_for(make_analysis(TEXT, None))] == ["shared"]


def test_persists_across_a_restart(db):
    analysis = make_analysis(TEXT, "talk.txt")
    store = NotesStore.open()
    store.save_note(analysis, "q3", "Said twice.")
    store.toggle_bookmark(analysis, "q2")
    store.save_position(analysis.sha256, "q3", "win", 12.5)
    store.touch_recent("talk.txt", "Talk", analysis.sha256)
    before = store.notes_for(analysis)
    store.close()

    reopened = NotesStore.open()  # a new process would see the same file
    assert reopened.notes_for(analysis) == before
    position = reopened.load_position(analysis.sha256)
    assert (position.quote_id, position.filter_text, position.scroll_y) == ("q3", "win", 12.5)
    assert [r.title for r in reopened.recent()] == ["Talk"]
    reopened.close()


def test_restart_in_another_process_sees_the_notes(db):
    analysis = make_analysis(TEXT, "talk.txt")
    with NotesStore.open() as store:
        store.save_note(analysis, "q1", "from the parent")
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(REPO / "tests")!r})
        from test_notes_store import make_analysis, TEXT
        from tui.notes import NotesStore
        with NotesStore.open() as store:
            a = make_analysis(TEXT, "talk.txt")
            print([n.body for n in store.notes_for(a)])
            store.save_note(a, "q2", "from the child")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['from the parent']"
    with NotesStore.open() as store:
        assert [n.body for n in store.notes_for(analysis)] == ["from the parent", "from the child"]


def test_undecodable_file_names_and_lone_surrogates_do_not_crash(db):
    odd_path = "caf\udce9.txt"  # how Python spells a Latin-1 byte in a UTF-8 file system
    analysis = make_analysis(TEXT, odd_path)
    with NotesStore.open() as store:
        store.save_note(analysis, "q1", "kept")
        assert [n.body for n in store.notes_for(make_analysis("Edit. " + TEXT, odd_path))] == [
            "kept"
        ]  # the odd path still identifies the document
        store.touch_recent(odd_path, "Caf\udce9", analysis.sha256)  # skipped, no crash
        store.touch_recent("fine.txt", "Caf\udce9", analysis.sha256)
        assert [r.title for r in store.recent()] == ["Caf\ufffd"]
        assert store.forget_recent(odd_path) is False
        broken = make_analysis("“Bad \ud800 char,” said Ann.")
        with pytest.raises(NotesUnavailable) as caught:
            store.save_note(broken, "q1", "x")
        assert "cannot be stored" in str(caught.value)
        assert store.notes_for(broken) == []
        store.save_note(analysis, "q2", "the store still works")


# -- reading position and recent documents ----------------------------------------------


def test_reading_position(db):
    with NotesStore.open() as store:
        assert store.load_position("f" * 64) is None
        store.save_position("a" * 64, "q7", "peskov", 40.0)
        store.save_position("b" * 64, None, "", 0)
        store.save_position("a" * 64, "q8", "", 41.5)  # one position per text: replaced
        first = store.load_position("a" * 64)
        assert (first.quote_id, first.filter_text, first.scroll_y) == ("q8", "", 41.5)
        second = store.load_position("b" * 64)
        assert (second.quote_id, second.filter_text, second.scroll_y) == (None, "", 0.0)


def test_recent_documents(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("a", encoding="utf-8")
    with NotesStore.open(clock=Clock()) as store:
        assert store.recent() == []
        store.touch_recent("a.txt", "A", "1" * 64)
        store.touch_recent("b.txt", None, "2" * 64)
        store.touch_recent(tmp_path / "a.txt", "A again", "3" * 64)  # same file: moved up
        recent = store.recent()
        assert [(r.path, r.title, r.sha256) for r in recent] == [
            (str(tmp_path / "a.txt"), "A again", "3" * 64),
            (str(tmp_path / "b.txt"), None, "2" * 64),
        ]
        assert recent[0].exists and not recent[1].exists
        assert recent[0].opened > recent[1].opened
        for i in range(30):
            store.touch_recent(f"doc{i}.txt", f"Doc {i}", f"{i:064d}")
        assert len(store.recent()) == 20
        assert [r.title for r in store.recent(limit=3)] == ["Doc 29", "Doc 28", "Doc 27"]
        assert store.forget_recent("doc29.txt") is True
        assert store.forget_recent("doc29.txt") is False
        assert store.recent(limit=1)[0].title == "Doc 28"
        for i in range(store_module.RECENT_KEEP + 10):
            store.touch_recent(f"many{i}.txt", None, "0" * 64)
        assert len(store.recent(limit=10_000)) == store_module.RECENT_KEEP


# -- re-anchoring ---------------------------------------------------------------------


def test_anchor_found_at_its_offsets_or_moved():
    text = "Intro. “Yes,” said Ann."
    anchor = Anchor.of(text, 7, 13)
    assert anchor.exact == "“Yes,”" and anchor.prefix == "Intro. " and anchor.suffix == " said Ann."
    assert locate(anchor, text) == (7, 13)
    moved = "A new first sentence. " + text
    assert locate(anchor, moved) == (29, 35)
    assert locate(anchor, text.replace("Yes", "No")) is None
    with pytest.raises(ValueError):
        Anchor.of(text, 5, 100)


def test_anchor_context_is_bounded():
    text = "x" * 100 + "“Q”" + "y" * 100
    anchor = Anchor.of(text, 100, 103)
    assert anchor.prefix == "x" * CONTEXT and anchor.suffix == "y" * CONTEXT


def test_repeated_quotation_is_told_apart_by_its_context():
    text = "Ann stood up. “Yes,” she said. Bob sat down. “Yes,” he said."
    second = text.rindex("“Yes,”")
    anchor = Anchor.of(text, second, second + len("“Yes,”"))
    edited = "Preface added. " + text.replace("Bob sat down.", "Bob, tired, sat down.")
    found = locate(anchor, edited)
    assert found == (edited.rindex("“Yes,”"), edited.rindex("“Yes,”") + 6)
    first_anchor = Anchor.of(text, text.index("“Yes,”"), text.index("“Yes,”") + 6)
    assert locate(first_anchor, edited)[0] == edited.index("“Yes,”")


@settings(max_examples=150, deadline=None)
@given(
    before=st.text(alphabet="abc “”.", max_size=60),
    quote=st.text(alphabet="abc “”.", min_size=1, max_size=10),
    after=st.text(alphabet="abc “”.", max_size=60),
    inserted=st.text(alphabet="XYZ\n", min_size=1, max_size=40),
    at=st.integers(min_value=0),
)
def test_insertion_before_the_quote_is_followed(before, quote, after, inserted, at):
    text = before + quote + after
    anchor = Anchor.of(text, len(before), len(before) + len(quote))
    cut = at % (len(before) + 1)
    edited = before[:cut] + inserted + before[cut:] + quote + after
    found = locate(anchor, edited)
    assert found is not None
    assert edited[found[0] : found[1]] == quote
    # The inserted characters are foreign to the text, so the true place is the only
    # occurrence whose whole context still matches unless the text repeats itself.
    if sum(text.startswith(quote, i) for i in range(len(text))) == 1:
        assert found == (len(before) + len(inserted), len(before) + len(inserted) + len(quote))


def test_attach_maps_to_the_quote_with_that_span():
    analysis = make_analysis(TEXT)
    quote = analysis.quote("q2")
    anchor = Anchor.of(TEXT, quote.start, quote.end)
    edited = make_analysis("New opening line.\n\n" + TEXT)
    assert attach(anchor, edited) == ("q2", (quote.start + 19, quote.end + 19))
    no_quote_there = make_analysis(TEXT.replace("“Never.”", "“Never.” and more”"))
    quote_id, span = attach(anchor, Analysis(text=no_quote_there.text, sha256="x"))
    assert quote_id is None and span == (quote.start, quote.end)
    assert attach(anchor, make_analysis(TEXT.replace("“Never.”", "nothing"))) == (None, None)


def test_notes_follow_an_edited_text(db):
    original = make_analysis(TEXT, "talk.txt")
    with NotesStore.open() as store:
        store.save_note(original, "q3", "The second 'We will win'.")
        store.toggle_bookmark(original, "q2")
        edited_text = "A new first paragraph, added later.\n\n" + TEXT.replace(
            "Later, in the hall,", "Later, in the crowded hall,"
        )
        edited = make_analysis(edited_text, "talk.txt")  # same path, other text
        assert edited.sha256 != original.sha256
        notes = store.notes_for(edited)
        assert [(n.quote_id, n.bookmarked, n.body) for n in notes] == [
            ("q2", True, ""),
            ("q3", False, "The second 'We will win'."),
        ]
        q3 = edited.quote("q3")
        assert (notes[1].start, notes[1].end) == (q3.start, q3.end)
        assert edited.text[q3.start : q3.end] == "“We will win,”"
        assert q3.start > edited.quote("q1").start  # not the first “We will win,”


def test_notes_follow_an_analysed_edit(db):
    """The real analysis: quotation ids shift when a quotation is inserted before."""
    text = "“We will win,” said Ann Lee. Bob Smith replied: “Never.”\n\nLater “Fine,” said Bob."
    original = analyze(text, path="story.txt")
    with NotesStore.open() as store:
        target = quote_id_of(original, "Never.")
        store.save_note(original, target, "The refusal.")
        edited = analyze("“Hello,” said Carol Jones.\n\n" + text, path="story.txt")
        (note,) = store.notes_for(edited)
        assert note.quote_id == quote_id_of(edited, "Never.") != target
        assert edited.speaker_name(edited.quote(note.quote_id)) == "Bob Smith"


def test_a_removed_quotation_leaves_an_orphan_that_is_never_dropped(db):
    original = make_analysis(TEXT, "talk.txt")
    with NotesStore.open() as store:
        store.save_note(original, "q4", "Bob gives in.")
        store.save_note(original, "q1", "Ann's claim.")
        edited = make_analysis(TEXT.replace(", and “Fine,” said Bob", ""), "talk.txt")
        notes = store.notes_for(edited)
        assert [(n.quote_id, n.body) for n in notes] == [("q1", "Ann's claim."), (None, "Bob gives in.")]
        orphan = notes[-1]
        assert orphan.orphan and orphan.start is None and orphan.anchor_text == "“Fine,”"
        assert orphan.quote_text == "Fine," and orphan.speaker == "Ann"

        # Saving on the edited text moves the document to it; the orphan stays.
        store.save_note(edited, "q2", "New note on the edited text.")
        notes = store.notes_for(edited)
        assert [n.body for n in notes] == ["Ann's claim.", "New note on the edited text.",
                                           "Bob gives in."]
        assert notes[-1].orphan

    with NotesStore.open() as store:  # after a restart too
        assert store.notes_for(edited)[-1].body == "Bob gives in."
        # The quotation comes back: the orphan re-attaches.
        restored = make_analysis(TEXT, "talk.txt")
        assert [(n.quote_id, n.body) for n in store.notes_for(restored)] == [
            ("q1", "Ann's claim."),
            ("q2", "New note on the edited text."),
            ("q4", "Bob gives in."),
        ]
        assert store.delete_mark(notes[-1].id)
        assert len(store.notes_for(restored)) == 2


def test_saving_on_an_edited_text_updates_the_existing_mark(db):
    original = make_analysis(TEXT, "talk.txt")
    with NotesStore.open() as store:
        first = store.save_note(original, "q2", "v1")
        edited = make_analysis("Inserted line.\n" + TEXT, "talk.txt")
        second = store.save_note(edited, "q2", "v2")
        assert second.id == first.id
        assert [(n.quote_id, n.body) for n in store.notes_for(edited)] == [("q2", "v2")]
        assert store.toggle_bookmark(edited, "q2") is True
        assert store.notes_for(edited)[0].bookmarked


def test_reading_an_edited_text_does_not_write(db):
    original = make_analysis(TEXT, "talk.txt")
    with NotesStore.open() as store:
        store.save_note(original, "q1", "note")
    NotesStore.open().close()
    before = _snapshot(db)
    with NotesStore.open() as store:
        store.notes_for(make_analysis("Edit. " + TEXT, "talk.txt"))
    assert _snapshot(db) == before


def _snapshot(db: Path) -> list:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT * FROM documents").fetchall() + conn.execute(
        "SELECT * FROM marks"
    ).fetchall()
    conn.close()
    return rows


# -- schema versions --------------------------------------------------------------------


def test_an_empty_file_is_a_new_database(db):
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    analysis = make_analysis(TEXT)
    with NotesStore.open() as store:
        store.save_note(analysis, "q1", "ok")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
    conn.close()


def test_upgrade_from_version_0_with_an_empty_schema(db):
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE unrelated (x)")  # a real SQLite file, user_version 0
    conn.commit()
    conn.close()
    with NotesStore.open() as store:
        store.save_note(make_analysis(TEXT), "q1", "ok")
        assert store.notes_for(make_analysis(TEXT))[0].body == "ok"


def test_upgrade_from_version_1_keeps_the_notes(db):
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db, isolation_level=None)
    store_module.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    analysis = make_analysis(TEXT, "talk.txt")
    quote = analysis.quote("q2")
    conn.execute(
        "INSERT INTO documents (id, sha256, path, title, length, created, seen) "
        "VALUES (1, ?, ?, NULL, ?, ?, ?)",
        (analysis.sha256, os.path.abspath("talk.txt"), len(TEXT), "2025-01-01T00:00:00+00:00",
         "2025-01-01T00:00:00+00:00"),
    )
    anchor = Anchor.of(TEXT, quote.start, quote.end)
    conn.execute(
        'INSERT INTO marks (document_id, start, "end", exact, prefix, suffix, quote_text, body, '
        "bookmarked, created, updated) VALUES (1, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
        (anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix, quote.text,
         "old note", "2025-01-01T00:00:00+00:00", "2025-01-02T00:00:00+00:00"),
    )
    conn.close()

    with NotesStore.open() as store:
        (note,) = store.notes_for(analysis)
        assert (note.quote_id, note.body, note.bookmarked) == ("q2", "old note", True)
        assert note.updated == datetime(2025, 1, 2, tzinfo=timezone.utc)
        store.save_position(analysis.sha256, "q2")  # a table version 2 added
        assert store.load_position(analysis.sha256).quote_id == "q2"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def test_read_only_store_reads_an_old_schema(db):
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db, isolation_level=None)
    store_module.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with NotesStore.open(read_only=True) as store:
        assert store.recent() == [] and store.load_position("a" * 64) is None
        assert store.notes_for(make_analysis(TEXT)) == []
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # not upgraded
    conn.close()


def test_a_failed_migration_changes_nothing(db, monkeypatch):
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db, isolation_level=None)
    store_module.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.close()

    def broken(conn):
        conn.execute("CREATE TABLE positions (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_module, "MIGRATIONS", (store_module.MIGRATIONS[0], broken))
    with pytest.raises(NotesUnavailable):
        NotesStore.open()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "positions" not in tables
    conn.close()


def test_a_newer_schema_is_refused_and_left_alone(db):
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    for read_only in (False, True):
        with pytest.raises(NotesUnavailable) as caught:
            NotesStore.open(read_only=read_only)
        message = str(caught.value)
        assert caught.value.reason == "newer"
        assert "newer closeread" in message and "99" in message and "\n" not in message
    store = NotesStore.open_for_reader()
    assert store.read_only and "newer closeread" in store.problem
    assert store.notes_for(make_analysis(TEXT)) == []
    with pytest.raises(NotesUnavailable):
        store.save_note(make_analysis(TEXT), "q1", "no")
    assert db.read_bytes() == before


# -- crash safety -----------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import hashlib, sys
    from tui.analysis.model import Analysis, Quote
    from tui.notes import NotesStore

    n = 5000
    parts, quotes, pos = [], [], 0
    for i in range(n):
        chunk = f"Line {i}: “Quote number {i}.” "
        start, end = pos + chunk.index("“"), pos + chunk.index("”") + 1
        quotes.append(Quote(id=f"q{i + 1}", start=start, end=end, text=f"Quote number {i}.",
                            kind="speech", paragraph=0, sentence=0))
        parts.append(chunk)
        pos += len(chunk)
    text = "".join(parts)
    analysis = Analysis(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                        quotes=tuple(quotes))
    offset = int(sys.argv[1])
    store = NotesStore.open()
    i = 0
    while True:
        quote_id = f"q{(offset + i) % n + 1}"
        note = store.save_note(analysis, quote_id, f"body {offset + i}")
        if i % 7 == 0:
            store.toggle_bookmark(analysis, quote_id)
        print(note.id, quote_id, offset + i, flush=True)
        i += 1
    """
)


ROUNDS = [(0, 40), (1000, 777), (2500, 1301)]  # (first quotation, kill after this many saves)


def test_sigkill_during_saves_loses_nothing_that_returned(db):
    db.parent.mkdir(parents=True)
    expected: dict[int, str] = {}
    for round_, (offset, kill_after) in enumerate(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(offset)], cwd=REPO, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
        )
        lines = []
        watchdog = threading.Timer(120, child.kill)  # a hung child fails the test, not the run
        watchdog.start()
        try:
            while len(lines) < kill_after:
                line = child.stdout.readline()
                assert line, f"child died early: {child.stderr.read()}"
                lines.append(line)
        finally:
            child.send_signal(signal.SIGKILL)
            rest, _ = child.communicate(timeout=30)
            watchdog.cancel()
        assert child.returncode == -signal.SIGKILL
        lines += [line + "\n" for line in rest.split("\n") if line]
        if not rest.endswith("\n") and rest:
            lines.pop()  # a line cut short by the kill: that save may not have returned
        for line in lines:
            mark_id, quote_id, i = line.split()
            expected[int(mark_id)] = f"body {i}"
        assert len(expected) >= sum(kill for _, kill in ROUNDS[: round_ + 1])

        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = dict(conn.execute("SELECT id, body FROM marks").fetchall())
        conn.close()
        missing = {k: v for k, v in expected.items() if stored.get(k) != v}
        assert not missing
    with NotesStore.open() as store:  # and closeread opens it normally afterwards
        assert store.read_only is False


# -- locks ------------------------------------------------------------------------------


def _seed(db: Path) -> Analysis:
    analysis = make_analysis(TEXT, "talk.txt")
    with NotesStore.open() as store:
        store.save_note(analysis, "q1", "seeded")
    return analysis


def test_an_exclusive_lock_gives_a_clear_message(db):
    analysis = _seed(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE marks SET body = body")
    try:
        with pytest.raises(NotesUnavailable) as caught:
            NotesStore.open(timeout=0.1)
        assert caught.value.reason == "locked"
        assert "locked" in str(caught.value) and "\n" not in str(caught.value)
        store = NotesStore.open_for_reader(timeout=0.1)
        assert store.read_only and "locked" in store.problem
        assert store.notes_for(analysis) == []  # the reader still opens, without notes
        with pytest.raises(NotesUnavailable):
            store.toggle_bookmark(analysis, "q1")
        store.close()
    finally:
        holder.execute("COMMIT")
        holder.close()
    with NotesStore.open() as store:
        assert [n.body for n in store.notes_for(analysis)] == ["seeded"]


def test_a_writer_elsewhere_blocks_saves_but_not_reading(db):
    analysis = _seed(db)
    store = NotesStore.open(timeout=0.1)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE marks SET body = 'changed elsewhere'")
    try:
        assert [n.body for n in store.notes_for(analysis)] == ["seeded"]  # WAL: reads go on
        with pytest.raises(NotesUnavailable) as caught:
            store.save_note(analysis, "q2", "blocked")
        assert caught.value.reason == "locked" and "could not save the note" in str(caught.value)
        with NotesStore.open_for_reader(timeout=0.1) as second:
            assert second.read_only is False  # opening needs no write lock once migrated
    finally:
        other.execute("COMMIT")
        other.close()
    store.save_note(analysis, "q2", "now it works")
    assert [n.body for n in store.notes_for(analysis)] == ["changed elsewhere", "now it works"]
    store.close()


def test_two_stores_and_threads_save_concurrently(db):
    analysis = make_analysis(" ".join(f"“w{i}”" for i in range(40)))
    first, second = NotesStore.open(), NotesStore.open()
    errors: list[BaseException] = []

    def work(store: NotesStore, ids: range) -> None:
        try:
            for i in ids:
                store.save_note(analysis, f"q{i}", f"n{i}")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [
        threading.Thread(target=work, args=(first, range(1, 11))),
        threading.Thread(target=work, args=(first, range(11, 21))),
        threading.Thread(target=work, args=(second, range(21, 41))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(n.body for n in first.notes_for(analysis)) == sorted(f"n{i}" for i in range(1, 41))
    first.close()
    second.close()


# -- read-only --------------------------------------------------------------------------


def test_read_only_open_reads_and_refuses_to_write(db):
    analysis = _seed(db)
    before = db.read_bytes()
    with NotesStore.open(read_only=True) as store:
        assert store.read_only
        assert [n.body for n in store.notes_for(analysis)] == ["seeded"]
        for save in (
            lambda: store.save_note(analysis, "q1", "x"),
            lambda: store.toggle_bookmark(analysis, "q1"),
            lambda: store.delete_note(analysis, "q1"),
            lambda: store.save_position(analysis.sha256, "q1"),
            lambda: store.touch_recent("talk.txt", None, analysis.sha256),
        ):
            with pytest.raises(NotesUnavailable) as caught:
                save()
            assert caught.value.reason == "read-only"
    assert db.read_bytes() == before


def test_read_only_open_of_a_missing_database_is_empty_and_creates_nothing(data_dir):
    with NotesStore.open(read_only=True) as store:
        assert store.notes_for(make_analysis(TEXT)) == [] and store.recent() == []
    assert not data_dir.exists()


def test_a_read_only_file_falls_back_to_reading(db, monkeypatch):
    analysis = _seed(db)
    real_access = os.access

    def no_write(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path).resolve() in (db.resolve(), db.parent.resolve()):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", no_write)
    with pytest.raises(NotesUnavailable) as caught:
        NotesStore.open()
    assert caught.value.reason == "read-only" and "read-only" in str(caught.value)
    before = db.read_bytes()
    with NotesStore.open_for_reader() as store:
        assert store.read_only and "read-only" in store.problem
        assert [n.body for n in store.notes_for(analysis)] == ["seeded"]
        with pytest.raises(NotesUnavailable):
            store.save_note(analysis, "q1", "no")
    assert db.read_bytes() == before


def test_sqlite_refusing_writes_is_reported_as_read_only(db):
    """A database SQLite itself opened read-only (a read-only medium, say)."""
    analysis = _seed(db)
    store = NotesStore.open()
    store._conn.close()
    store._conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None,
                                  check_same_thread=False)
    with pytest.raises(NotesUnavailable) as caught:
        store.save_note(analysis, "q2", "x")
    assert caught.value.reason == "read-only"
    assert [n.body for n in store.notes_for(analysis)] == ["seeded"]
    store.close()


# -- damaged files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 40,
        b"SQLite format 3\x00" + b"\xff\x07garbage" * 500,
        b"not a database, just text\n" * 10,
    ],
    ids=["random", "sqlite-header-then-garbage", "text"],
)
def test_a_damaged_file_is_refused_and_left_byte_identical(db, content):
    db.parent.mkdir(parents=True)
    db.write_bytes(content)
    for read_only in (False, True):
        with pytest.raises(NotesUnavailable) as caught:
            NotesStore.open(read_only=read_only)
        assert caught.value.reason == "corrupt"
        message = str(caught.value)
        assert str(db) in message and "untouched" in message and "\n" not in message
    store = NotesStore.open_for_reader()
    assert store.read_only and "damaged" in store.problem
    assert store.notes_for(make_analysis(TEXT)) == [] and store.recent() == []
    with pytest.raises(NotesUnavailable):
        store.save_note(make_analysis(TEXT), "q1", "x")
    store.close()
    assert db.read_bytes() == content
    assert sorted(p.name for p in db.parent.iterdir()) == ["notes.sqlite3"]


def test_a_damaged_page_inside_a_real_database_is_refused(db):
    analysis = make_analysis(" ".join(f"“w{i}”" for i in range(400)))
    with NotesStore.open() as store:
        for i in range(1, 401):
            store.save_note(analysis, f"q{i}", "a fairly long note body " * 8)
    content = bytearray(db.read_bytes())
    assert len(content) > 8 * 4096
    content[3 * 4096 : 5 * 4096] = b"\x5a" * (2 * 4096)  # overwrite two pages
    db.write_bytes(bytes(content))
    with pytest.raises(NotesUnavailable) as caught:
        NotesStore.open()
    assert caught.value.reason == "corrupt"
    assert db.read_bytes() == bytes(content)


def test_a_directory_in_the_way(db):
    db.mkdir(parents=True)
    with pytest.raises(NotesUnavailable) as caught:
        NotesStore.open()
    assert "directory" in str(caught.value)
    assert NotesStore.open_for_reader().read_only


def test_the_store_does_not_import_textual():
    code = "import sys, tui.notes, tui.notes.cli; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
