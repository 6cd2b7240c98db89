"""The reader's side of the notes store (:mod:`tui.notes`): one small API the screens use.

The store is opened lazily, off the start-up path (the loading worker opens it), and never
raises: a locked, read-only or damaged database gives a store that reads what it can and
refuses to save, with :attr:`NotesStore.problem` as the line to show the user.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.analysis.model import Analysis
    from tui.notes import NotesStore, ReadingPosition, RecentDocument

#: Recent documents offered by the open dialog.
RECENT_LIMIT = 20


class Notes:
    """The app's notes store, opened on first use (thread-safe)."""

    def __init__(self) -> None:
        self._store: NotesStore | None = None
        self._lock = threading.Lock()
        self.problem_shown = False

    @property
    def store(self) -> NotesStore:
        with self._lock:
            if self._store is None:
                from tui.notes import NotesStore

                self._store = NotesStore.open_for_reader()
            return self._store

    @property
    def problem(self) -> str | None:
        return self.store.problem

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


@dataclass(frozen=True)
class DocumentMarks:
    """What the store knows of one document: notes and bookmarks by quote id, the position."""

    notes: dict[str, str] = field(default_factory=dict)  # quote id -> note text
    bookmarks: frozenset[str] = frozenset()
    orphans: int = 0  # notes whose quotation is no longer in the text
    position: ReadingPosition | None = None


def marks_for(notes: Notes, analysis: Analysis, *, position: bool = True) -> DocumentMarks:
    """The notes, bookmarks and (with ``position``) the saved reading position of ``analysis``."""
    from tui.notes import NotesUnavailable

    store = notes.store
    try:
        attached = store.notes_for(analysis)
        saved = store.load_position(analysis.sha256) if position else None
    except NotesUnavailable:
        return DocumentMarks()
    texts = {n.quote_id: n.body for n in attached if n.quote_id is not None and n.has_note}
    marked = frozenset(n.quote_id for n in attached if n.quote_id is not None and n.bookmarked)
    orphans = sum(1 for n in attached if n.orphan)
    return DocumentMarks(texts, marked, orphans, saved)


def record_opened(notes: Notes, analysis: Analysis) -> None:
    """Put the document of ``analysis`` first in the recent documents (quietly)."""
    if not analysis.path or is_temporary(analysis.path):
        return
    from tui.notes import NotesUnavailable

    try:
        notes.store.touch_recent(analysis.path, analysis.title, analysis.sha256)
    except NotesUnavailable:
        pass


def recent_documents(notes: Notes, limit: int = RECENT_LIMIT) -> list[RecentDocument]:
    """The most recently opened documents that still exist, newest first."""
    from tui.notes import NotesUnavailable

    try:
        found = notes.store.recent(limit * 2)
    except NotesUnavailable:
        return []
    return [doc for doc in found if doc.exists][:limit]


def is_temporary(path: str | None) -> bool:
    """A document read from stdin (kept in a temporary folder): not worth remembering."""
    return bool(path) and Path(path).name == "stdin.txt" and "closeread-" in str(path)
