"""``closeread notes PATH [--format markdown|json]``: print the notes of a document.

Registered with :func:`tui.cli.register` when :mod:`tui.cli` is imported. The document is
analysed (through the analysis cache) to attach the notes to its quotations and speakers;
the notes database is opened read-only, so this works while a reader is open.

* ``markdown`` (default): a citation-ready list, in text order: the quotation, its speaker,
  the note; bookmarks without a note are listed too. Orphans (notes whose quotation is no
  longer in the text) come last, under their own heading, as they were saved.
* ``json``: ``{"document": {...}, "notes": [...]}`` (see :func:`to_json`).

No notes: a friendly line (Markdown) or an empty list (JSON), exit status 0.
"""

from __future__ import annotations

import argparse
import json

from tui import cli as _cli
from tui.analysis.model import Analysis
from tui.analysis.reading import InputError, LoadedText
from tui.notes.store import AttachedNote, NotesStore, NotesUnavailable

__all__ = ["FORMATS", "configure", "no_notes_line", "run", "to_json", "to_markdown"]

FORMATS = ("markdown", "json")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="the document ('-' reads stdin)")
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default="markdown",
        help="output format (default: markdown)",
    )


def run(args: argparse.Namespace) -> int:
    document = _cli._load(args.path, None)
    _cli._note(document)
    analysis = _analysis(document)
    try:
        with NotesStore.open(read_only=True) as store:
            notes = store.notes_for(analysis)
    except NotesUnavailable as error:
        raise InputError(str(error)) from None
    if args.format == "json":
        _cli._write(to_json(analysis, notes) + "\n")
    elif notes:
        _cli._write(to_markdown(analysis, notes))
    else:
        _cli._write(no_notes_line(analysis) + "\n")
    return _cli.EXIT_OK


_cli.register(
    _cli.Subcommand(
        name="notes",
        help="print the notes and bookmarks kept for a document (Markdown or JSON)",
        configure=configure,
        run=run,
    )
)


def _analysis(document: LoadedText) -> Analysis:
    from tui.analysis import analyze
    from tui.analysis.cache import load_or_analyze

    def compute(text: str, path: str | None) -> Analysis:
        if document.title:
            return analyze(text, path=path, title=document.title)
        return analyze(text, path=path)

    return load_or_analyze(document.text, document.path, analyze=compute)


# -- rendering ----------------------------------------------------------------------------


def _name(analysis: Analysis) -> str:
    return analysis.title or analysis.path or "this document"


def no_notes_line(analysis: Analysis) -> str:
    return f"No notes or bookmarks for {_name(analysis)} yet."


def _entry(analysis: Analysis, note: AttachedNote) -> dict:
    if note.quote_id is not None:
        quote = analysis.quote(note.quote_id)
        quotation, speaker = quote.text, analysis.speaker_name(quote)
        speaker_id = quote.speaker_id if speaker is not None else None
        cited = analysis.text[quote.start : quote.end]
    else:
        quotation, speaker, speaker_id, cited = note.quote_text, note.speaker, None, note.anchor_text
    return {
        "id": note.id,
        "quote_id": note.quote_id,
        "orphan": note.orphan,
        "quotation": quotation,
        "cited": cited,
        "speaker": speaker,
        "speaker_id": speaker_id,
        "note": note.body,
        "bookmarked": note.bookmarked,
        "start": note.start,
        "end": note.end,
        "created": note.created.isoformat(),
        "updated": note.updated.isoformat(),
    }


def to_json(analysis: Analysis, notes: list[AttachedNote]) -> str:
    """``document`` (path, title, sha256) and ``notes``: one object per note/bookmark with
    ``id``, ``quote_id`` (null for an orphan), ``orphan``, ``quotation`` (its words),
    ``cited`` (the quoted span, marks included), ``speaker``, ``speaker_id``, ``note``,
    ``bookmarked``, ``start``/``end`` (null when not found), ``created``, ``updated``."""
    data = {
        "document": {"path": analysis.path, "title": analysis.title, "sha256": analysis.sha256},
        "notes": [_entry(analysis, note) for note in notes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~"})


def _inline(text: str) -> str:
    return " ".join(text.split()).translate(_MD_SPECIAL)


def _item(number: int, entry: dict) -> list[str]:
    speaker = f"**{_inline(entry['speaker'])}**" if entry["speaker"] else "*unattributed*"
    line = f"{number}. {_inline(entry['cited'])} — {speaker}"
    if entry["bookmarked"]:
        line += " (bookmarked)"
    lines = [line, ""]
    if entry["note"]:
        lines += [("   " + row) if row.strip() else "" for row in entry["note"].split("\n")]
        lines.append("")
    return lines


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def to_markdown(analysis: Analysis, notes: list[AttachedNote]) -> str:
    """A numbered list of the quotations with their speaker and note; orphans last."""
    entries = [_entry(analysis, note) for note in notes]
    attached = [e for e in entries if not e["orphan"]]
    orphans = [e for e in entries if e["orphan"]]
    lines = [f"# Notes: {_inline(_name(analysis))}", ""]
    if analysis.path and analysis.title:
        source = analysis.path.replace("`", "'")
        lines += [f"Source: `{source}`", ""]
    with_note = sum(1 for e in entries if e["note"])
    marked = sum(1 for e in entries if e["bookmarked"])
    summary = f"{_count(with_note, 'note')} and {_count(marked, 'bookmark')}"
    if orphans:
        summary += f"; {len(orphans)} no longer found in the text"
    lines += [summary + ".", ""]
    for number, entry in enumerate(attached, 1):
        lines += _item(number, entry)
    if orphans:
        lines += [
            "## Orphaned notes",
            "",
            "These quotations are no longer in the text; shown as they were when noted.",
            "",
        ]
        for number, entry in enumerate(orphans, 1):
            lines += _item(number, entry)
    return "\n".join(lines).rstrip("\n") + "\n"
