"""closeread's analysis engine: pure Python over NLTK, never imports Textual.

>>> from tui.analysis import analyze
>>> a = analyze('“We will win,” she said.')

``analyze`` is loaded on first use, so that ``tui.analysis.reading`` and the command line's
error paths do not pay for importing NLTK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Analysis, Link, Mention, Paragraph, Quote, Sentence, Span, Speaker

if TYPE_CHECKING:
    from .pipeline import analyze

__all__ = ["Analysis", "Link", "Mention", "Paragraph", "Quote", "Sentence", "Span", "Speaker", "analyze"]


def __getattr__(name: str):
    if name == "analyze":
        from .pipeline import analyze

        return analyze
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
