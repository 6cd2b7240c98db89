"""The notes database: notes, bookmarks, reading positions and recent documents in SQLite.

See :mod:`tui.notes` for the API overview. Storage rules:

* one SQLite file for all documents, :func:`default_path` (``notes.sqlite3`` in
  ``platformdirs.user_data_dir("closeread")``, or in ``$CLOSEREAD_DATA_DIR``);
* WAL journal, ``synchronous=FULL``; every change is one ``BEGIN IMMEDIATE`` … ``COMMIT``
  transaction, so a save that returned survives a crash of closeread;
* the schema version is ``PRAGMA user_version``; :data:`MIGRATIONS` upgrades an older
  database in one transaction and a newer one is refused;
* a file that is not a healthy closeread database is never written, moved or deleted:
  :class:`NotesUnavailable` says what is wrong, and the reader can go on without notes.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote as _url_quote

from tui.analysis.model import Analysis
from tui.notes.anchor import Anchor, QuoteSpans, attach, locate

__all__ = [
    "DEFAULT_TIMEOUT",
    "ENV_VAR",
    "MIGRATIONS",
    "RECENT_KEEP",
    "SCHEMA_VERSION",
    "AttachedNote",
    "NotesStore",
    "NotesUnavailable",
    "ReadingPosition",
    "RecentDocument",
    "data_dir",
    "default_path",
]

ENV_VAR = "CLOSEREAD_DATA_DIR"
FILE_NAME = "notes.sqlite3"
#: Seconds a save waits for another closeread that is writing before giving up.
DEFAULT_TIMEOUT = 2.0
#: Recent documents kept (``recent()`` returns the newest ``limit`` of them).
RECENT_KEEP = 100
#: Reading positions kept (the least recently saved are forgotten first).
POSITIONS_KEEP = 1000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def data_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("closeread"))


def default_path() -> Path:
    """Where the notes live: ``notes.sqlite3`` in :func:`data_dir`."""
    return data_dir() / FILE_NAME


# -- errors -------------------------------------------------------------------------------


class NotesUnavailable(Exception):
    """The notes database cannot be used (or not written); ``str(error)`` is one line.

    ``reason`` is one of ``"locked"``, ``"read-only"``, ``"corrupt"``, ``"newer"``, ``"io"``.
    """

    def __init__(self, message: str, reason: str = "io", path: Path | None = None) -> None:
        super().__init__(" ".join(message.split()))
        self.reason = reason
        self.path = path


def _unavailable(error: BaseException, path: Path, doing: str) -> NotesUnavailable:
    text = " ".join(str(error).split()) or type(error).__name__
    low = text.lower()
    if "locked" in low or "busy" in low:
        return NotesUnavailable(
            f"the notes database {path} is locked by another program (another closeread?); "
            f"could not {doing}",
            "locked",
            path,
        )
    if "readonly" in low or "read-only" in low or "read only" in low:
        return NotesUnavailable(
            f"the notes database {path} is read-only; could not {doing}", "read-only", path
        )
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return NotesUnavailable(_corrupt_message(path, text), "corrupt", path)
    return NotesUnavailable(f"could not {doing} in {path}: {text}", "io", path)


def _corrupt_message(path: Path, detail: str) -> str:
    return (
        f"the notes database {path} is damaged or not a closeread database ({detail}); "
        "it was left untouched: move it away to start a new one"
    )


# -- records ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttachedNote:
    """A note and/or bookmark of one quotation, as attached to a particular text.

    ``quote_id`` is the quotation it belongs to in the analysis it was attached to, or
    ``None`` for an orphan (its quotation is no longer in the text, or no quotation has
    exactly its span). ``start``/``end`` are where its anchor text is in that text
    (``None`` when not found). ``anchor_text`` is the quoted span as it was when the
    note was saved (marks included); ``quote_text`` the quotation's words and ``speaker``
    the name of its speaker then (``None``: unattributed).
    """

    id: int
    quote_id: str | None
    body: str
    bookmarked: bool
    created: datetime
    updated: datetime
    anchor_text: str
    quote_text: str
    speaker: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def orphan(self) -> bool:
        return self.quote_id is None

    @property
    def has_note(self) -> bool:
        return bool(self.body)


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    quote_id: str | None
    filter_text: str
    scroll_y: float
    saved: datetime


@dataclass(frozen=True, slots=True)
class RecentDocument:
    path: str
    title: str | None
    sha256: str
    opened: datetime

    @property
    def exists(self) -> bool:
        return os.path.isfile(self.path)


# -- schema -------------------------------------------------------------------------------


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT,
            title TEXT,
            length INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL,
            seen TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX documents_path ON documents (path)")
    conn.execute(
        """CREATE TABLE marks (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            quote_text TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            bookmarked INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            speaker TEXT
        )"""
    )
    conn.execute('CREATE INDEX marks_span ON marks (document_id, start, "end")')


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE positions (
            sha256 TEXT PRIMARY KEY,
            quote_id TEXT,
            filter_text TEXT NOT NULL DEFAULT '',
            scroll_y REAL NOT NULL DEFAULT 0,
            saved TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE recent (
            path TEXT PRIMARY KEY,
            title TEXT,
            sha256 TEXT NOT NULL,
            opened TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX recent_opened ON recent (opened)")


#: ``MIGRATIONS[v]`` upgrades a database of schema version ``v`` to ``v + 1``.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_to_1, _migrate_to_2)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database of ``conn`` (autocommit mode) to :data:`SCHEMA_VERSION` in one
    transaction; returns the version it had. Raises :class:`ValueError` for a newer one.
    An up-to-date database takes no write lock (another closeread may be saving)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return version
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ValueError(version)
        for step in MIGRATIONS[version:]:
            step(conn)
        if version != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return version


def _newer_message(path: Path, version: int) -> str:
    return (
        f"the notes database {path} was written by a newer closeread (schema version "
        f"{version}; this one knows up to {SCHEMA_VERSION}); upgrade closeread to use it"
    )


# -- the store ----------------------------------------------------------------------------


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def _storable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: an undecodable file name, say
        return False
    return True


def _doc_path(path: str | None) -> str | None:
    """The absolute path as a document key (undecodable bytes spelled out, stably)."""
    if not path:
        return None
    absolute = os.path.abspath(path)
    if _storable(absolute):
        return absolute
    return absolute.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace")


_MARK_COLUMNS = (
    'id, start, "end", exact, prefix, suffix, quote_text, body, bookmarked, created, updated, '
    "speaker"
)


class NotesStore:
    """A connection to the notes database. Create with :meth:`open` or :meth:`open_for_reader`.

    Thread-safe (one lock around the connection). Use as a context manager or call
    :meth:`close`.
    """

    def __init__(
        self,
        conn: sqlite3.Connection | None,
        path: Path,
        *,
        read_only: bool,
        problem: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._conn = conn
        self._path = path
        self._read_only = read_only
        self._problem = problem
        self._clock = clock or _utc_now
        self._lock = threading.RLock()

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        clock: Callable[[], datetime] | None = None,
    ) -> NotesStore:
        """Open (creating and upgrading as needed) the database at ``path``
        (default :func:`default_path`).

        ``read_only=True`` never writes to the file; a database that does not exist yet
        then reads as empty. Raises :class:`NotesUnavailable` when the database is locked,
        read-only (for a writable open), damaged or of a newer schema.
        """
        target = Path(path) if path is not None else default_path()
        _check_header(target)
        if read_only:
            if not target.exists():
                return cls(None, target, read_only=True, clock=clock)
            conn = _connect_read_only(target, timeout)
        else:
            conn = _connect_writable(target, timeout)
        return cls(conn, target, read_only=read_only, clock=clock)

    @classmethod
    def open_for_reader(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        clock: Callable[[], datetime] | None = None,
    ) -> NotesStore:
        """Never raises: a writable store if possible, else a read-only one, else an empty
        store that cannot save. :attr:`problem` says why it is not writable."""
        try:
            return cls.open(path, timeout=timeout, clock=clock)
        except NotesUnavailable as error:
            first = error
        if first.reason in ("corrupt", "newer"):
            target = Path(path) if path is not None else default_path()
            return cls(None, target, read_only=True, problem=str(first), clock=clock)
        try:
            store = cls.open(path, read_only=True, timeout=timeout, clock=clock)
        except NotesUnavailable:
            target = Path(path) if path is not None else default_path()
            return cls(None, target, read_only=True,
                       problem=f"{first}; notes are off for this session", clock=clock)
        store._problem = f"{first}; notes are read-only for this session"
        return store

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def read_only(self) -> bool:
        """True when saves raise :class:`NotesUnavailable`."""
        return self._read_only or self._conn is None

    @property
    def problem(self) -> str | None:
        """Why the store is read-only or empty (one line), or ``None``."""
        return self._problem

    # -- plumbing ---------------------------------------------------------------------

    def _now(self) -> str:
        return _stamp(self._clock())

    @contextmanager
    def _write(self, doing: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None or self._read_only:
                message = self._problem or f"the notes database {self._path} is open read-only"
                raise NotesUnavailable(f"could not {doing}: {message}", "read-only", self._path)
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise _unavailable(error, self._path, doing) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as error:
                _rollback(conn)
                raise _unavailable(error, self._path, doing) from None
            except UnicodeEncodeError:
                _rollback(conn)
                raise NotesUnavailable(
                    f"could not {doing}: the text has characters that cannot be stored",
                    "io",
                    self._path,
                ) from None
            except BaseException:
                _rollback(conn)
                raise

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        """A read; an empty result when there is no database or (read-only) no table yet."""
        with self._lock:
            if self._conn is None:
                return []
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as error:
                if self._read_only and "no such table" in str(error):
                    return []
                raise _unavailable(error, self._path, "read the notes") from None
            except sqlite3.Error as error:
                raise _unavailable(error, self._path, "read the notes") from None

    def _find_document(self, conn_rows, analysis: Analysis) -> tuple[int, str] | None:
        """``(id, sha256)`` of the document ``analysis`` is: the same text, else the
        most recently seen document of the same path (an edited copy)."""
        rows = conn_rows("SELECT id, sha256 FROM documents WHERE sha256 = ?", (analysis.sha256,))
        if rows:
            return rows[0]
        path = _doc_path(analysis.path)
        if path is None:
            return None
        rows = conn_rows(
            "SELECT id, sha256 FROM documents WHERE path = ? ORDER BY seen DESC, id DESC LIMIT 1",
            (path,),
        )
        return rows[0] if rows else None

    def _ensure_document(self, conn: sqlite3.Connection, analysis: Analysis) -> int:
        def rows(sql: str, params: tuple) -> list[tuple]:
            return conn.execute(sql, params).fetchall()

        now = self._now()
        found = self._find_document(rows, analysis)
        path = _doc_path(analysis.path)
        if found is None:
            cursor = conn.execute(
                "INSERT INTO documents (sha256, path, title, length, created, seen) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (analysis.sha256, path, analysis.title, len(analysis.text), now, now),
            )
            return int(cursor.lastrowid)
        doc_id, sha = found
        if sha != analysis.sha256:
            self._adopt(conn, doc_id, analysis)
        conn.execute(
            "UPDATE documents SET sha256 = ?, path = COALESCE(?, path), "
            "title = COALESCE(?, title), length = ?, seen = ? WHERE id = ?",
            (analysis.sha256, path, analysis.title, len(analysis.text), now, doc_id),
        )
        return int(doc_id)

    def _adopt(self, conn: sqlite3.Connection, doc_id: int, analysis: Analysis) -> None:
        """The document's text changed: move every re-found anchor to the new text
        (orphans keep their old anchors, so they may re-attach to a later version)."""
        text = analysis.text
        marks = conn.execute(
            f"SELECT {_MARK_COLUMNS} FROM marks WHERE document_id = ?", (doc_id,)
        ).fetchall()
        for row in marks:
            where = locate(_anchor(row), text)
            if where is None:
                continue
            fresh = Anchor.of(text, *where)
            conn.execute(
                'UPDATE marks SET start = ?, "end" = ?, prefix = ?, suffix = ? WHERE id = ?',
                (fresh.start, fresh.end, fresh.prefix, fresh.suffix, row[0]),
            )

    def _mark_of(self, conn: sqlite3.Connection, doc_id: int, analysis: Analysis,
                 quote_id: str) -> tuple | None:
        quote = analysis.quote(quote_id)
        # The anchors of a document's attached marks always sit at their offsets in its
        # current text (``_adopt`` moves them when the text changes), so an index look-up
        # finds the mark of a quotation.
        return conn.execute(
            f'SELECT {_MARK_COLUMNS} FROM marks WHERE document_id = ? AND start = ? AND "end" = ? '
            "AND exact = ? ORDER BY updated DESC, id DESC LIMIT 1",
            (doc_id, quote.start, quote.end, analysis.text[quote.start : quote.end]),
        ).fetchone()

    def _insert_mark(self, conn: sqlite3.Connection, doc_id: int, analysis: Analysis,
                     quote_id: str, body: str, bookmarked: bool) -> int:
        quote = analysis.quote(quote_id)
        anchor = Anchor.of(analysis.text, quote.start, quote.end)
        now = self._now()
        cursor = conn.execute(
            "INSERT INTO marks (document_id, start, \"end\", exact, prefix, suffix, quote_text, "
            "body, bookmarked, created, updated, speaker) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix,
             quote.text, body, int(bookmarked), now, now, analysis.speaker_name(quote)),
        )
        return int(cursor.lastrowid)

    def _attached(self, row: tuple, analysis: Analysis, quote_id: str | None = None,
                  spans: QuoteSpans | None = None) -> AttachedNote:
        if quote_id is not None:
            quote = analysis.quote(quote_id)
            where: tuple[int, int] | None = (quote.start, quote.end)
        else:
            quote_id, where = attach(_anchor(row), analysis, spans)
        return AttachedNote(
            id=row[0],
            quote_id=quote_id,
            body=row[7],
            bookmarked=bool(row[8]),
            created=_parse(row[9]),
            updated=_parse(row[10]),
            anchor_text=row[3],
            quote_text=row[6],
            speaker=row[11],
            start=where[0] if where else None,
            end=where[1] if where else None,
        )

    # -- notes and bookmarks ------------------------------------------------------------

    def notes_for(self, analysis: Analysis) -> list[AttachedNote]:
        """Every note and bookmark of the document, attached to ``analysis``: in text order,
        orphans last (oldest first). Works for an edited copy opened from the same path."""
        with self._lock:
            found = self._find_document(self._rows, analysis)
            if found is None:
                return []
            rows = self._rows(
                f"SELECT {_MARK_COLUMNS} FROM marks WHERE document_id = ? ORDER BY created, id",
                (found[0],),
            )
        spans = QuoteSpans(analysis)
        notes = [self._attached(row, analysis, spans=spans) for row in rows]
        attached = sorted((n for n in notes if not n.orphan), key=lambda n: (n.start, n.end, n.id))
        return attached + [n for n in notes if n.orphan]

    def note_for(self, analysis: Analysis, quote_id: str) -> AttachedNote | None:
        """The note/bookmark of one quotation (``None`` when it has neither)."""
        for note in self.notes_for(analysis):
            if note.quote_id == quote_id:
                return note
        return None

    def save_note(self, analysis: Analysis, quote_id: str, body: str) -> AttachedNote | None:
        """Set the note of quotation ``quote_id`` (one note per quotation; saving again
        replaces it). A blank ``body`` removes the note (like :meth:`delete_note`) and
        returns ``None``. ``KeyError`` for an unknown quote id."""
        analysis.quote(quote_id)
        body = body.strip("\n")
        if not body.strip():
            self.delete_note(analysis, quote_id)
            return None
        with self._write("save the note") as conn:
            doc_id = self._ensure_document(conn, analysis)
            row = self._mark_of(conn, doc_id, analysis, quote_id)
            if row is None:
                mark_id = self._insert_mark(conn, doc_id, analysis, quote_id, body, False)
            else:
                mark_id = row[0]
                conn.execute("UPDATE marks SET body = ?, updated = ? WHERE id = ?",
                             (body, self._now(), mark_id))
            saved = conn.execute(
                f"SELECT {_MARK_COLUMNS} FROM marks WHERE id = ?", (mark_id,)
            ).fetchone()
        return self._attached(saved, analysis, quote_id)

    def delete_note(self, analysis: Analysis, quote_id: str) -> bool:
        """Remove the note of quotation ``quote_id`` (its bookmark stays). True if there
        was one."""
        analysis.quote(quote_id)
        if self.read_only and self.note_for(analysis, quote_id) is None:
            return False
        with self._write("delete the note") as conn:
            found = self._find_document(lambda s, p: conn.execute(s, p).fetchall(), analysis)
            if found is None:
                return False
            doc_id = self._ensure_document(conn, analysis)
            row = self._mark_of(conn, doc_id, analysis, quote_id)
            if row is None or not row[7]:
                return False
            if row[8]:
                conn.execute("UPDATE marks SET body = '', updated = ? WHERE id = ?",
                             (self._now(), row[0]))
            else:
                conn.execute("DELETE FROM marks WHERE id = ?", (row[0],))
            return True

    def delete_mark(self, mark_id: int) -> bool:
        """Remove a note and bookmark entirely by :attr:`AttachedNote.id` (the way to
        discard an orphan). True if it existed."""
        with self._write("delete the note") as conn:
            return conn.execute("DELETE FROM marks WHERE id = ?", (mark_id,)).rowcount > 0

    def toggle_bookmark(self, analysis: Analysis, quote_id: str) -> bool:
        """Bookmark quotation ``quote_id``, or remove its bookmark; returns the new state."""
        analysis.quote(quote_id)
        with self._write("save the bookmark") as conn:
            doc_id = self._ensure_document(conn, analysis)
            row = self._mark_of(conn, doc_id, analysis, quote_id)
            if row is None:
                self._insert_mark(conn, doc_id, analysis, quote_id, "", True)
                return True
            state = not row[8]
            if not state and not row[7]:
                conn.execute("DELETE FROM marks WHERE id = ?", (row[0],))
            else:
                conn.execute("UPDATE marks SET bookmarked = ?, updated = ? WHERE id = ?",
                             (int(state), self._now(), row[0]))
            return state

    # -- reading position ---------------------------------------------------------------

    def save_position(self, sha256: str, quote_id: str | None, filter_text: str = "",
                      scroll_y: float = 0.0) -> None:
        """Remember where the reader was in the text ``sha256`` (one position per text)."""
        with self._write("save the reading position") as conn:
            conn.execute(
                "INSERT INTO positions (sha256, quote_id, filter_text, scroll_y, saved) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET "
                "quote_id = excluded.quote_id, filter_text = excluded.filter_text, "
                "scroll_y = excluded.scroll_y, saved = excluded.saved",
                (sha256, quote_id, filter_text or "", float(scroll_y), self._now()),
            )
            conn.execute(
                "DELETE FROM positions WHERE sha256 NOT IN "
                "(SELECT sha256 FROM positions ORDER BY saved DESC LIMIT ?)",
                (POSITIONS_KEEP,),
            )

    def load_position(self, sha256: str) -> ReadingPosition | None:
        rows = self._rows(
            "SELECT quote_id, filter_text, scroll_y, saved FROM positions WHERE sha256 = ?",
            (sha256,),
        )
        if not rows:
            return None
        quote_id, filter_text, scroll_y, saved = rows[0]
        return ReadingPosition(quote_id, filter_text, float(scroll_y), _parse(saved))

    # -- recent documents ---------------------------------------------------------------

    def touch_recent(self, path: str | os.PathLike[str], title: str | None, sha256: str) -> None:
        """Record that the document at ``path`` was just opened (newest first in
        :meth:`recent`); the path is made absolute. A path that is not valid Unicode
        (undecodable bytes in a file name) cannot be reopened from the list and is skipped."""
        absolute = os.path.abspath(os.fspath(path))
        if not _storable(absolute):
            return
        if title is not None and not _storable(title):
            title = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in title)
        with self._write("remember the document") as conn:
            now = self._now()
            conn.execute(
                "INSERT INTO recent (path, title, sha256, opened) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (path) DO UPDATE SET title = excluded.title, "
                "sha256 = excluded.sha256, opened = excluded.opened",
                (absolute, title, sha256, now),
            )
            conn.execute(
                "DELETE FROM recent WHERE path NOT IN "
                "(SELECT path FROM recent ORDER BY opened DESC LIMIT ?)",
                (RECENT_KEEP,),
            )
            conn.execute("UPDATE documents SET path = ?, seen = ? WHERE sha256 = ?",
                         (absolute, now, sha256))

    def recent(self, limit: int = 20) -> list[RecentDocument]:
        """The ``limit`` most recently opened documents, newest first."""
        rows = self._rows(
            "SELECT path, title, sha256, opened FROM recent ORDER BY opened DESC, rowid DESC "
            "LIMIT ?",
            (max(0, int(limit)),),
        )
        return [RecentDocument(p, t, s, _parse(o)) for p, t, s, o in rows]

    def forget_recent(self, path: str | os.PathLike[str]) -> bool:
        """Drop ``path`` from the recent documents (its notes stay). True if it was there."""
        absolute = os.path.abspath(os.fspath(path))
        if not _storable(absolute):
            return False
        with self._write("forget the document") as conn:
            return conn.execute("DELETE FROM recent WHERE path = ?", (absolute,)).rowcount > 0


# -- helpers ------------------------------------------------------------------------------


def _anchor(row: tuple) -> Anchor:
    return Anchor(start=row[1], end=row[2], exact=row[3], prefix=row[4], suffix=row[5])


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite touches it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise NotesUnavailable(f"the notes database {path} is a directory", "io", path) from None
    except OSError as error:
        raise NotesUnavailable(
            f"cannot read the notes database {path}: {error.strerror or error}", "io", path
        ) from None
    if head and head != _SQLITE_MAGIC:
        raise NotesUnavailable(_corrupt_message(path, "not an SQLite file"), "corrupt", path)


def _uri(path: Path, mode: str) -> str:
    return f"file:{_url_quote(str(path.absolute()))}?mode={mode}"


def _check_contents(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version, after checking the file reads as a healthy database."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NotesUnavailable(_newer_message(path, version), "newer", path)
    result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if result != "ok":
        raise NotesUnavailable(_corrupt_message(path, result), "corrupt", path)
    return version


def _connect_writable(path: Path, timeout: float) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise NotesUnavailable(
            f"cannot create the notes folder {path.parent}: {error.strerror or error}",
            "io",
            path,
        ) from None
    # The folder too: WAL keeps two files (-wal, -shm) beside the database.
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise NotesUnavailable(f"the notes database {path} is read-only", "read-only", path)

    def prepare(conn: sqlite3.Connection) -> None:
        _check_contents(conn, path)  # reads only: a damaged file is never written
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        try:
            migrate(conn)
        except ValueError as error:  # another closeread upgraded it meanwhile
            raise NotesUnavailable(_newer_message(path, error.args[0]), "newer", path) from None

    return _connect(path, "rwc", timeout, prepare)


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    def prepare(conn: sqlite3.Connection) -> None:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        _check_contents(conn, path)

    return _connect(path, "ro", timeout, prepare)


def _connect(
    path: Path, mode: str, timeout: float, prepare: Callable[[sqlite3.Connection], None]
) -> sqlite3.Connection:
    """Open ``path`` in ``mode`` and ``prepare`` the connection; on any failure the
    connection is closed and the error becomes one :class:`NotesUnavailable`."""
    conn = None
    try:
        conn = sqlite3.connect(_uri(path, mode), uri=True, timeout=timeout,
                               isolation_level=None, check_same_thread=False)
        prepare(conn)
        return conn
    except NotesUnavailable:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.Error as error:
        if conn is not None:
            conn.close()
        raise _unavailable(error, path, "open the notes") from None
