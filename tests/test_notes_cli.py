"""``closeread notes PATH``: Markdown and JSON output, orphans last, friendly and error exits."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tui.analysis import analyze
from tui.analysis.reading import read_document
from tui.cli import main
from tui.notes import NotesStore, default_path

REPO = Path(__file__).resolve().parent.parent

STORY = (
    "The Quarrel\n\n"
    "“We will win the vote,” said Ann Lee.\n\n"
    "Bob Smith shook his head. “Never,” he replied.\n\n"
    "Later Ann Lee added: “The numbers are on our side.”\n"
)


@pytest.fixture
def env(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CLOSEREAD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CLOSEREAD_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def story(env: Path, text: str = STORY) -> Path:
    path = env / "story.txt"
    path.write_text(text, encoding="utf-8")
    return path


def analysis_of(path: Path):
    document = read_document(str(path))
    return analyze(document.text, path=document.path)


def quote_id(analysis, words: str) -> str:
    (quote,) = [q for q in analysis.quotes if q.text == words]
    return quote.id


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["notes", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_no_notes_is_a_friendly_line(env, capsys):
    path = story(env)
    code, out, err = run(capsys, str(path))
    assert code == 0 and err == ""
    assert out.startswith("No notes or bookmarks for ") and out.endswith(" yet.\n")
    assert out.count("\n") == 1
    assert not default_path().exists()  # printing notes never creates the database


def test_no_notes_as_json_is_an_empty_list(env, capsys):
    path = story(env)
    code, out, err = run(capsys, str(path), "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["notes"] == [] and data["document"]["path"] == str(path)


def test_markdown_lists_quotation_speaker_and_note_in_text_order(env, capsys):
    path = story(env)
    analysis = analysis_of(path)
    with NotesStore.open() as store:
        store.save_note(analysis, quote_id(analysis, "The numbers are on our side."),
                        "Her evidence?\n\nCheck the *tally*.")
        store.save_note(analysis, quote_id(analysis, "We will win the vote,"), "Confident.")
        store.toggle_bookmark(analysis, quote_id(analysis, "Never,"))
    code, out, err = run(capsys, str(path))
    assert code == 0 and err == ""
    assert out.startswith("# Notes: ")
    assert "2 notes and 1 bookmark." in out
    items = [line for line in out.splitlines() if re.match(r"\d+\. ", line)]
    assert items == [
        "1. “We will win the vote,” — **Ann Lee**",
        "2. “Never,” — **Bob Smith** (bookmarked)",
        "3. “The numbers are on our side.” — **Ann Lee**",
    ]
    assert "   Confident." in out
    assert "   Her evidence?\n\n   Check the *tally*.\n" in out  # the note, kept as written
    assert "Orphaned" not in out


def test_orphans_come_last_under_a_heading(env, capsys):
    path = story(env)
    analysis = analysis_of(path)
    with NotesStore.open() as store:
        store.save_note(analysis, quote_id(analysis, "Never,"), "The refusal.")
        store.save_note(analysis, quote_id(analysis, "We will win the vote,"), "The claim.")
    # The file is edited: a line inserted at the top, Bob's answer removed.
    edited = "Preface.\n\n" + STORY.replace(" “Never,” he replied.", " He said nothing.")
    path.write_text(edited, encoding="utf-8")
    code, out, _ = run(capsys, str(path))
    assert code == 0
    head, orphans = out.split("## Orphaned notes")
    assert "1. “We will win the vote,” — **Ann Lee**" in head and "The claim." in head
    assert "Never" not in head
    assert "1. “Never,” — **Bob Smith**" in orphans and "The refusal." in orphans
    assert "1 no longer found in the text" in head

    code, out, _ = run(capsys, str(path), "-f", "json")
    notes = json.loads(out)["notes"]
    assert [(n["orphan"], n["note"]) for n in notes] == [(False, "The claim."), (True, "The refusal.")]
    assert notes[1]["quote_id"] is None and notes[1]["start"] is None
    assert notes[1]["quotation"] == "Never," and notes[1]["speaker"] == "Bob Smith"


def test_json_output(env, capsys):
    path = story(env)
    analysis = analysis_of(path)
    target = quote_id(analysis, "Never,")
    with NotesStore.open() as store:
        store.save_note(analysis, target, "Short answer.")
        store.toggle_bookmark(analysis, target)
    code, out, err = run(capsys, str(path), "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["document"] == {"path": str(path), "title": analysis.title,
                                "sha256": analysis.sha256}
    (note,) = data["notes"]
    quote = analysis.quote(target)
    assert note["quote_id"] == target and note["orphan"] is False
    assert note["quotation"] == "Never," and note["cited"] == "“Never,”"
    assert note["speaker"] == "Bob Smith" and note["speaker_id"] == quote.speaker_id
    assert note["note"] == "Short answer." and note["bookmarked"] is True
    assert (note["start"], note["end"]) == (quote.start, quote.end)
    assert note["created"].endswith("+00:00") and note["updated"] >= note["created"]


def test_markdown_escapes_the_quotation_but_keeps_the_note(env, capsys):
    path = story(env, "“Use *stars* and #tags,” said Ann Lee.\n")
    analysis = analysis_of(path)
    with NotesStore.open() as store:
        store.save_note(analysis, analysis.quotes[0].id, "- my *own* markdown")
    _, out, _ = run(capsys, str(path))
    assert "“Use \\*stars\\* and \\#tags,”" in out
    assert "   - my *own* markdown" in out


@pytest.mark.parametrize("args", [["missing.txt"], ["."], []])
def test_bad_arguments_are_one_line_errors(env, capsys, monkeypatch, args):
    monkeypatch.chdir(env)
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("closeread: error: ") and err.count("\n") == 1


def test_a_damaged_database_is_a_one_line_error_and_left_alone(env, capsys):
    path = story(env)
    db = default_path()
    db.parent.mkdir(parents=True)
    db.write_bytes(b"\x00garbage" * 100)
    code, out, err = run(capsys, str(path))
    assert code == 2 and out == ""
    assert err.startswith("closeread: error: the notes database ") and err.count("\n") == 1
    assert db.read_bytes() == b"\x00garbage" * 100


def test_a_newer_database_is_a_one_line_error(env, capsys):
    path = story(env)
    db = default_path()
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 42")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, str(path))
    assert code == 2 and out == ""
    assert "newer closeread" in err and err.count("\n") == 1


def test_works_while_a_reader_is_saving(env, capsys):
    path = story(env)
    analysis = analysis_of(path)
    with NotesStore.open() as store:
        store.save_note(analysis, analysis.quotes[0].id, "Visible.")
    writer = sqlite3.connect(default_path(), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE marks SET body = 'not yet committed'")
    try:
        code, out, _ = run(capsys, str(path))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert code == 0 and "Visible." in out


def test_the_command_line_entry_point(env):
    path = story(env)
    analysis = analysis_of(path)
    with NotesStore.open() as store:
        store.save_note(analysis, analysis.quotes[0].id, "From the store.")
    result = subprocess.run([sys.executable, "-m", "tui", "notes", str(path)], cwd=REPO,
                            capture_output=True, text=True, timeout=120, env=os.environ.copy())
    assert result.returncode == 0, result.stderr
    assert "From the store." in result.stdout and "**Ann Lee**" in result.stdout
    helped = subprocess.run([sys.executable, "-m", "tui", "notes", "--help"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert helped.returncode == 0 and "--format" in helped.stdout
