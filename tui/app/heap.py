"""Keep Python's cycle collector off the reader's long-lived objects.

A novel's analysis is a few hundred thousand small objects that live as long as the
document is open, and the imports are as many again. Each full collection walked all of
them: 70 to 120 ms, every few keystrokes with a novel open, which is a visible stall, and
a fifth of the start-up went to collections as the imports and the first screen were
built.

* :func:`hold` (the app is created): freeze what the imports made (``gc.freeze``) and let
  the young generation grow large before it is collected, for the start-up;
* :func:`settle` (the document is on screen): freeze everything alive now and restore the
  collector's thresholds, so later collections only walk what was made since;
* :func:`release` (another document replaces this one, or the reader exits): hand the
  frozen objects back to the collector, so that no cycle stays out of its reach for good.

Reference counting still frees frozen objects when they are dropped (the engine's records
hold no cycles).
"""

from __future__ import annotations

import gc

#: Allocations between two collections of the youngest generation during the start-up
#: (Python's default is 700): the garbage left meanwhile is bounded, not the time spent.
START_UP_THRESHOLD = 200_000

_thresholds: tuple[int, ...] | None = None  # the collector's own, while held


def hold() -> None:
    """Freeze what exists and defer collections until :func:`settle` (or :func:`release`)."""
    global _thresholds
    if _thresholds is None:
        _thresholds = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(max(START_UP_THRESHOLD, _thresholds[0]), *_thresholds[1:])


def _restore() -> bool:
    global _thresholds
    if _thresholds is None:
        return False
    gc.set_threshold(*_thresholds)
    _thresholds = None
    return True


def settle() -> None:
    """Freeze what is alive now; resume collecting at the usual pace.

    After :func:`hold` nothing is collected first: everything made since (up to
    :data:`START_UP_THRESHOLD` objects) is in the young generation, and walking it would
    stall the first screen. Otherwise the young generations are collected first.
    """
    if not _restore():
        gc.collect(1)
    gc.freeze()


def release() -> None:
    """Give the frozen objects back to the collector and restore its thresholds."""
    _restore()
    gc.unfreeze()
