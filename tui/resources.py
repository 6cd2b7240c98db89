"""Find the files closeread ships: bundled sample texts and stylesheets.

In a wheel they are installed inside the package (``tui/_sample_texts``, ``tui/_styles``);
in an editable install or a checkout they live at the repository's top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
SAMPLE_NAME = "russia-denies-contacts.txt"


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]


def sample_texts_dir() -> Path:
    return _first_existing(_PACKAGE / "_sample_texts", _PACKAGE.parent / "sample_texts")


def styles_dir() -> Path:
    return _first_existing(_PACKAGE / "_styles", _PACKAGE.parent / "styles")


def sample_path() -> Path:
    """The default document: the user's own article."""
    return sample_texts_dir() / SAMPLE_NAME
