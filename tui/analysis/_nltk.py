"""Import NLTK without its optional numpy/scipy extras.

NLTK's ``__init__`` imports numpy (for ``nltk.cluster``) and ``scipy.stats`` whenever they are
installed; closeread uses neither, and on a machine that has them they cost most of a second
at start-up. Hiding them while NLTK loads skips that; they are put back at once, so anything
that imports them later gets them as usual. Import this module before any ``nltk`` import.
"""

from __future__ import annotations

import sys
import threading

_EXTRAS = ("numpy", "scipy")
_LOCK = threading.Lock()


def _load() -> None:
    with _LOCK:  # two threads importing NLTK at once would race on sys.modules
        if "nltk" in sys.modules:
            return
        hidden = [name for name in _EXTRAS if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # makes their import fail
        try:
            import nltk  # noqa: F401
        finally:
            for name in hidden:
                if sys.modules.get(name, False) is None:
                    del sys.modules[name]


_load()
