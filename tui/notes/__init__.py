"""Notes, bookmarks, the reading position and recent documents, kept in SQLite.

Pure Python (``sqlite3``, no Textual). One database for all documents,
``notes.sqlite3`` in ``platformdirs.user_data_dir("closeread")`` (``$CLOSEREAD_DATA_DIR``
overrides the folder; tests set it).

Opening
-------
>>> store = NotesStore.open_for_reader()      # the reader: never raises
>>> store.read_only, store.problem            # (False, None) when all is well

* ``NotesStore.open(path=None, *, read_only=False, timeout=2.0, clock=None)`` opens (creates,
  upgrades) the database or raises :class:`NotesUnavailable` (``str(e)`` is one line;
  ``e.reason`` is ``"locked"``, ``"read-only"``, ``"corrupt"``, ``"newer"`` or ``"io"``).
  ``read_only=True`` never writes; a database that does not exist yet reads as empty.
* ``NotesStore.open_for_reader(path=None, *, timeout=2.0, clock=None)`` falls back to a
  read-only store, then to an empty one that cannot save; ``store.problem`` is the line to
  show the user. A damaged or newer database is never written, moved or deleted.
* ``store.close()`` (or ``with NotesStore.open() as store:``). The store is thread-safe.

Every saving method runs one transaction and raises :class:`NotesUnavailable` when it
cannot save (read-only store, database locked by another program for longer than
``timeout``, disk error); the reading methods return empty results on an empty store and
raise :class:`NotesUnavailable` only when the file fails underneath them (say, another
program takes an exclusive lock after the store was opened).

Notes and bookmarks (one mark per quotation: a note body and/or a bookmark flag)
--------------------------------------------------------------------------------
* ``store.notes_for(analysis) -> list[AttachedNote]``: all marks of the document, attached
  to this analysis, in text order, orphans last. (Normally one per quotation; after an
  edit two marks may land on the same quotation, and both are listed.)
* ``store.note_for(analysis, quote_id) -> AttachedNote | None``
* ``store.save_note(analysis, quote_id, body) -> AttachedNote | None``: create or replace;
  a blank body deletes the note (returns ``None``).
* ``store.delete_note(analysis, quote_id) -> bool``: the note goes, a bookmark stays.
* ``store.toggle_bookmark(analysis, quote_id) -> bool``: the new state.
* ``store.delete_mark(note_id) -> bool``: remove a mark entirely (e.g. an orphan).

``quote_id`` must be a quotation of ``analysis`` (``KeyError`` otherwise).
:class:`AttachedNote` has ``id``, ``quote_id`` (``None`` = orphan), ``body``, ``bookmarked``,
``created``/``updated`` (aware UTC ``datetime``), ``anchor_text`` (the quoted span as
saved, marks included), ``quote_text`` and ``speaker`` (the quotation's words and its
speaker's name when saved; the current analysis knows better), ``start``/``end``
(where it is in this text, ``None`` if not found) and the properties ``orphan`` and
``has_note``.

A document is the text's SHA-256 (``analysis.sha256``); an edited text opened from the same
path is the same document. Marks are anchored by offsets, exact text and 32 characters of
context on each side (:mod:`tui.notes.anchor`): on an edited text a mark is found at its
offsets, else at the occurrence of its text with the most similar context, else it is an
orphan, shown (``quote_id is None``) but never dropped. The first save on an edited text
moves the re-found anchors to it.

Reading position and recent documents
-------------------------------------
* ``store.save_position(sha256, quote_id, filter_text="", scroll_y=0.0) -> None``
* ``store.load_position(sha256) -> ReadingPosition | None`` (``quote_id``, ``filter_text``,
  ``scroll_y``, ``saved``). Quote ids are those of the analysis of that exact text.
* ``store.touch_recent(path, title, sha256) -> None`` (the path is made absolute)
* ``store.recent(limit=20) -> list[RecentDocument]`` newest first (``path``, ``title``,
  ``sha256``, ``opened``, property ``exists``)
* ``store.forget_recent(path) -> bool``

The ``closeread notes PATH`` command (:mod:`tui.notes.cli`) prints a document's notes.
"""

from tui.notes.store import (
    AttachedNote,
    NotesStore,
    NotesUnavailable,
    ReadingPosition,
    RecentDocument,
    data_dir,
    default_path,
)

__all__ = [
    "AttachedNote",
    "NotesStore",
    "NotesUnavailable",
    "ReadingPosition",
    "RecentDocument",
    "data_dir",
    "default_path",
]
