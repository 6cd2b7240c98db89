"""Keep Python's cycle collector off the open document.

A novel's analysis is a few hundred thousand small objects that live as long as the
document is open. Each full collection walked all of them: 70 to 120 ms, every few
keystrokes, which is a visible stall. Once the document is on screen, :func:`settle`
moves everything alive into the collector's permanent generation (``gc.freeze``), so later
collections only walk what was made since. Reference counting still frees the frozen
objects when they are dropped (the engine's records hold no cycles); :func:`release`
hands them back to the collector before another document replaces them and when the
reader exits, so that no cycle stays out of its reach for good.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Freeze what is alive now (after a quick collection of the young generations)."""
    gc.collect(1)
    gc.freeze()


def release() -> None:
    """Give the frozen objects back to the collector."""
    gc.unfreeze()
