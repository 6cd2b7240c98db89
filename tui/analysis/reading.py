"""Reading documents from disk or stdin into one normalised ``str``.

This is the input boundary of closeread. Everything the analysis sees comes through
:func:`read_document` or :func:`read_stdin`, which

* refuse what is not a text document (directories, missing or unreadable files, binary
  files recognised by their magic number or by NUL bytes, files above :data:`MAX_BYTES`)
  by raising :class:`InputError` with a one-line message meant for the user;
* decode UTF-8 (a byte-order mark is removed), UTF-16 and UTF-32 with a byte-order mark,
  an HTML page's declared ``<meta charset>``, and otherwise legacy 8-bit text as
  Windows-1252 (cp1252) or, as the last resort, Latin-1; any guess is reported in
  :attr:`LoadedText.notice`;
* normalise line endings like Python's universal newlines (``\\r\\n`` and ``\\r`` become
  ``\\n``), so for a UTF-8 file without a BOM the offsets are those of
  ``open(path, encoding="utf-8").read()``;
* turn Markdown (``.md``, ``.markdown``) and HTML (``.html``, ``.htm``, ``.xhtml``) into
  plain text with :mod:`tui.analysis.formats`. The analysis offsets are then offsets into
  that extracted text (``closeread extract --format text`` prints it).

Size limit: documents larger than :data:`MAX_BYTES` (50 MB) are refused, before anything is
read into memory when the size is known.

Nothing here imports Textual; this module is pure standard library.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

__all__ = [
    "MAX_BYTES",
    "InputError",
    "LoadedText",
    "SourceFormat",
    "decode_bytes",
    "detect_format",
    "load_bytes",
    "normalise_newlines",
    "read_document",
    "read_stdin",
]

#: The largest document closeread reads, in bytes (50 MB).
MAX_BYTES = 50 * 1024 * 1024

SourceFormat = Literal["text", "markdown", "html"]

_SUFFIX_FORMATS: dict[str, SourceFormat] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}

# Magic numbers of common binary formats a user may point closeread at by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.epub/.odt document)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"PK\x07\x08", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
)

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)


class InputError(Exception):
    """A document closeread cannot read; ``str(error)`` is one line for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(message))

    @property
    def message(self) -> str:
        return str(self)


@dataclass(frozen=True, slots=True)
class LoadedText:
    """A decoded, newline-normalised document, ready for ``analyze(text, path)``."""

    text: str
    encoding: str  # the codec used: "utf-8", "utf-8-sig", "utf-16", "cp1252", ...
    notice: str | None = None  # a one-line remark for the user (an encoding guess)
    path: str | None = None  # None for stdin
    source_format: SourceFormat = "text"  # what the bytes were before extraction
    title: str | None = None  # an HTML page's title, when one was found


# -- public API ---------------------------------------------------------------------


def read_document(path: str | Path, source_format: SourceFormat | None = None) -> LoadedText:
    """Read, decode and (for Markdown/HTML) extract the text of the file at ``path``.

    ``source_format`` overrides the format guessed from the suffix. Raises
    :class:`InputError` for anything that is not a readable text document.
    """
    if isinstance(path, str) and path == "":
        raise InputError("empty path")
    p = Path(path)
    shown = _show(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except NotADirectoryError:
        raise InputError(f"{shown}: no such file (a parent is not a directory)") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as error:
        raise InputError(f"{shown}: cannot read: {_reason(error)}") from None
    except ValueError:  # embedded NUL in the path
        raise InputError(f"{shown}: not a valid path") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{shown}: is a directory, not a text file")
    if stat.S_ISREG(st.st_mode) and st.st_size > MAX_BYTES:
        raise InputError(f"{shown}: {_size_message(st.st_size)}")
    try:
        with open(p, "rb") as handle:
            data = _read_limited(handle, shown)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory, not a text file") from None
    except OSError as error:
        raise InputError(f"{shown}: cannot read: {_reason(error)}") from None
    fmt = source_format or detect_format(p.name, data)
    return load_bytes(data, path=str(path), source_format=fmt, label=shown)


def read_stdin(
    stream: BinaryIO | None = None, source_format: SourceFormat | None = None
) -> LoadedText:
    """Read standard input (or ``stream``) like a file; ``path`` is ``None``.

    Without ``source_format`` the input is treated as plain text unless it starts like an
    HTML page (``<!DOCTYPE html`` or ``<html``).
    """
    if stream is None:
        stdin = sys.stdin
        if stdin is None:
            raise InputError("stdin: no standard input")
        stream = getattr(stdin, "buffer", None)
        if stream is None:  # a text-only replacement of sys.stdin (tests, embedding)
            stream = io.BytesIO(stdin.read().encode("utf-8", "surrogateescape"))
    try:
        data = _read_limited(stream, "stdin")
    except InputError:
        raise
    except OSError as error:
        raise InputError(f"stdin: cannot read: {_reason(error)}") from None
    fmt = source_format or detect_format(None, data)
    return load_bytes(data, path=None, source_format=fmt, label="stdin")


def detect_format(name: str | None, data: bytes = b"") -> SourceFormat:
    """The format of a document from its file name, else from its first bytes."""
    if name:
        suffix = Path(name).suffix.lower()
        if suffix in _SUFFIX_FORMATS:
            return _SUFFIX_FORMATS[suffix]
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def load_bytes(
    data: bytes,
    path: str | None = None,
    source_format: SourceFormat = "text",
    label: str | None = None,
) -> LoadedText:
    """Decode ``data`` and extract its text; the shared back end of the two readers."""
    label = label or (_show(path) if path is not None else "stdin")
    if len(data) > MAX_BYTES:
        raise InputError(f"{label}: {_size_message(len(data))}")
    text, encoding, notice = decode_bytes(data, label, html=source_format == "html")
    text = normalise_newlines(text)
    title = None
    if source_format != "text":
        from tui.analysis import formats

        if source_format == "markdown":
            text = formats.markdown_to_text(text)
        elif source_format == "html":
            page = formats.html_to_text(text)
            text, title = page.text, page.title
        else:  # pragma: no cover - guarded by the Literal type
            raise InputError(f"{label}: unknown format {source_format!r}")
    return LoadedText(
        text=text,
        encoding=encoding,
        notice=notice,
        path=path,
        source_format=source_format,
        title=title,
    )


def decode_bytes(
    data: bytes, label: str = "input", html: bool = False
) -> tuple[str, str, str | None]:
    """Decode ``data``: return ``(text, encoding, notice)`` or raise :class:`InputError`."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{label}: this is {what}, not a text file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{label}: starts with a {name} byte-order mark but is not valid {name} "
                    f"(bad bytes at offset {error.start + len(bom)})"
                ) from None
            _refuse_control(text, label)
            encoding = "utf-8-sig" if codec == "utf-8" else codec.rsplit("-", 1)[0]
            return text, encoding, None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(
            f"{label}: contains NUL bytes (first at byte {offset}); "
            "it looks binary, or UTF-16 without a byte-order mark"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    else:
        _refuse_control(text, label)
        return text, "utf-8", None
    if html:
        declared = _declared_charset(data)
        if declared and declared not in ("utf-8", "utf8"):
            try:
                codecs.lookup(declared)
                text = data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
            else:
                _refuse_control(text, label)
                return (
                    text,
                    declared,
                    (
                        f"{label}: not valid UTF-8; decoded as {declared}, the page's declared charset"
                    ),
                )
    for codec, name in (("cp1252", "Windows-1252 (cp1252)"), ("latin-1", "Latin-1 (ISO-8859-1)")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        _refuse_control(text, label)
        return (
            text,
            codec,
            (f"{label}: not valid UTF-8 (first bad byte at offset {first_bad}); decoded as {name}"),
        )
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``, exactly as universal newlines do."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- helpers ------------------------------------------------------------------------


def _read_limited(handle: BinaryIO, label: str) -> bytes:
    data = handle.read(MAX_BYTES + 1)
    if data is None:  # non-blocking stream with nothing ready
        data = b""
    if len(data) > MAX_BYTES:
        raise InputError(f"{label}: {_size_message(None)}")
    return bytes(data)


def _size_message(size: int | None) -> str:
    limit = MAX_BYTES // (1024 * 1024)
    if size is None:
        return f"larger than closeread's {limit} MB limit"
    return f"{size / (1024 * 1024):.1f} MB is larger than closeread's {limit} MB limit"


def _refuse_control(text: str, label: str) -> None:
    """Refuse text that is mostly control characters: a binary file without NUL bytes."""
    sample = text[:65536]
    if not sample:
        return
    controls = len(_CONTROL.findall(sample))
    if controls > 32 and controls * 10 > len(sample):
        raise InputError(f"{label}: mostly control characters; it looks like a binary file")


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _reason(error: OSError) -> str:
    return error.strerror or error.__class__.__name__


def _show(path: str | Path | None) -> str:
    if path is None:
        return "stdin"
    return _one_line(os.fspath(path))


def _one_line(message: str) -> str:
    """Make a message safe to print on one terminal line (no newlines, no escapes)."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in str(message))
