"""Anchors: how a note finds its quotation again in a (possibly edited) copy of the text.

An :class:`Anchor` records a quotation's ``[start, end)`` offsets, the exact text of that
span (quotation marks included) and up to :data:`CONTEXT` characters on either side.
:func:`locate` re-finds it in a text:

1. at the recorded offsets, if the text there is still exactly the anchored text;
2. else at an occurrence of the exact text elsewhere, the one whose surroundings are most
   like the recorded prefix and suffix (ties: the one nearest the old offset);
3. else nowhere (``None``): the note is an orphan.

:func:`attach` maps a located span to the id of the quotation of an
:class:`~tui.analysis.model.Analysis` whose span is exactly that span.

Pure Python, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from tui.analysis.model import Analysis

__all__ = ["CONTEXT", "MAX_CANDIDATES", "Anchor", "QuoteSpans", "attach", "locate"]

#: Characters of context kept on each side of an anchor.
CONTEXT = 32
#: At most this many occurrences of a repeated quotation are compared by their context
#: (the ones nearest the old offset); a 50 MB text of one repeated word stays quick.
MAX_CANDIDATES = 2000


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    exact: str  # text[start:end] when the anchor was made
    prefix: str  # up to CONTEXT characters before start
    suffix: str  # up to CONTEXT characters after end

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Anchor:
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span [{start}, {end}) is outside the text")
        return cls(
            start=start,
            end=end,
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT) : start],
            suffix=text[end : end + CONTEXT],
        )


def _occurrences(text: str, needle: str) -> list[int]:
    found: list[int] = []
    at = text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def locate(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """Where ``anchor`` is in ``text`` now: ``(start, end)``, or ``None`` when it is gone."""
    if anchor.exact == "":
        return None  # an empty anchor matches everywhere, so it identifies nothing
    if text[anchor.start : anchor.end] == anchor.exact:
        return anchor.start, anchor.end
    starts = _occurrences(text, anchor.exact)
    if not starts:
        return None
    length = len(anchor.exact)
    if len(starts) > 1:
        if len(starts) > MAX_CANDIDATES:
            starts = sorted(starts, key=lambda s: abs(s - anchor.start))[:MAX_CANDIDATES]

        def score(start: int) -> tuple[float, int]:
            before = text[max(0, start - CONTEXT) : start]
            after = text[start + length : start + length + CONTEXT]
            context = _similarity(anchor.prefix, before) + _similarity(anchor.suffix, after)
            return context, -abs(start - anchor.start)

        starts = [max(starts, key=score)]
    return starts[0], starts[0] + length


class QuoteSpans:
    """An index of an analysis's quotations by span, for :func:`attach`."""

    def __init__(self, analysis: Analysis) -> None:
        self.by_span: dict[tuple[int, int], str] = {}
        for quote in analysis.quotes:
            self.by_span.setdefault((quote.start, quote.end), quote.id)

    def quote_at(self, span: tuple[int, int]) -> str | None:
        return self.by_span.get(span)


def attach(anchor: Anchor, analysis: Analysis, spans: QuoteSpans | None = None):
    """``(quote_id, (start, end))`` for ``anchor`` in ``analysis``.

    ``quote_id`` is ``None`` when the anchor is not found or no quotation has exactly the
    re-found span; the span is ``None`` only when the anchor is not found.
    """
    where = locate(anchor, analysis.text)
    if where is None:
        return None, None
    spans = spans if spans is not None else QuoteSpans(analysis)
    return spans.quote_at(where), where
