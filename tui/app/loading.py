"""Turn a path into an Analysis: the one place that reads files (so it can be swapped)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui.analysis.model import Analysis


class LoadError(Exception):
    """A document that cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class Loaded:
    analysis: Analysis
    notice: str | None = None


def _read(path: str | Path) -> tuple[str, str | None, str | None]:
    """The text of ``path``, a notice for the user (an encoding guess) and a title, if any."""
    try:
        from tui.analysis import reading  # type: ignore[attr-defined]
    except ImportError:
        reading = None
    if reading is not None and hasattr(reading, "read_document"):
        try:
            document = reading.read_document(path)
        except reading.InputError as error:
            raise LoadError(str(error)) from error
        return document.text, getattr(document, "notice", None), getattr(document, "title", None)
    try:
        return Path(path).read_text(encoding="utf-8"), None, None
    except FileNotFoundError as error:
        raise LoadError(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise LoadError(f"{path}: is a directory, not a text file") from error
    except UnicodeDecodeError as error:
        raise LoadError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    except OSError as error:
        raise LoadError(f"{path}: {error.strerror or error}") from error


def load(path: str | Path) -> Loaded:
    """Read and analyse ``path`` (raises :class:`LoadError`)."""
    from tui.analysis import analyze

    text, notice, title = _read(path)
    if title:
        try:
            return Loaded(analyze(text, path=str(path), title=title), notice)
        except TypeError:  # an engine without titles
            pass
    return Loaded(analyze(text, path=str(path)), notice)


def load_analysis(path: str | Path) -> Analysis:
    """Read and analyse ``path`` (raises :class:`LoadError`)."""
    return load(path).analysis
