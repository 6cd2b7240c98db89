"""Turn a path into an Analysis: the one place that reads files (so it can be swapped).

:func:`load` reads the document, takes its analysis from the disk cache
(:mod:`tui.analysis.cache`) when a valid entry exists, and otherwise runs the engine and
stores the result. Reopening a book is then a JSON read instead of an analysis.

The engine is imported on first use only, through :func:`engine` (the engine itself keeps
NLTK from pulling in numpy and scipy: see ``tui.analysis._nltk``).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tui.analysis.model import Analysis

#: Stages reported to the ``progress`` callback of :func:`load`, in order.
STAGES = {
    "read": "Reading the document",
    "cache": "Looking for a cached analysis",
    "engine": "Loading the engine",
    "analyse": "Analysing",
    "done": "Done",
}


class LoadError(Exception):
    """A document that cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class Loaded:
    analysis: Analysis
    notice: str | None = None
    cached: bool = False  # taken from the disk cache (False: analysed now)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cycle collection meanwhile: rebuilding a novel's analysis from its cache entry
    makes half a million objects and no cycles, and the collector would walk the growing
    heap again and again (five times the time of the decoding itself)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def engine() -> Callable[..., Analysis]:
    """``tui.analysis.analyze``, imported on first use (the engine loads NLTK without its
    optional numpy/scipy extras: see ``tui.analysis._nltk``)."""
    from tui.analysis import analyze

    return analyze


def read_text(path: str | Path) -> tuple[str, str | None, str | None]:
    """The text of ``path``, a notice for the user (an encoding guess) and a title, if any."""
    from tui.analysis import reading

    try:
        document = reading.read_document(path)
    except reading.InputError as error:
        raise LoadError(str(error)) from error
    return document.text, document.notice, document.title


def load(
    path: str | Path,
    progress: Callable[[str], None] | None = None,
    use_cache: bool = True,
) -> Loaded:
    """Read and analyse ``path`` (raises :class:`LoadError`).

    ``progress(stage)`` is called with each key of :data:`STAGES` as the work gets there
    (from the calling thread). A fresh analysis is *not* written to the cache here: call
    :func:`remember` once it is on screen.
    """
    report = progress or (lambda stage: None)
    report("read")
    text, notice, title = read_text(path)
    if use_cache:
        report("cache")
        from tui.analysis import cache

        with _collector_paused():  # (as the engine does: many small objects, no cycles)
            cached = cache.read(text, str(path))
        if cached is not None:
            report("done")
            return Loaded(cached, notice, cached=True)
    report("engine")
    analyze = engine()
    report("analyse")
    if title:  # (analyze pauses the cycle collector itself while it runs)
        analysis = analyze(text, path=str(path), title=title)
    else:
        analysis = analyze(text, path=str(path))
    report("done")
    return Loaded(analysis, notice)


def remember(loaded: Loaded, background: bool = True) -> bool:
    """Store a fresh analysis in the disk cache (nothing raised; False when it cannot).

    With ``background`` (and ``os.fork``), a forked child process writes the entry: the
    JSON of a novel takes a fifth of a second to encode, which would otherwise compete
    with the first screen for the interpreter, and the entry is written even when the
    reader quits at once. The child only encodes and writes the file, then ``_exit``\\ s;
    the calling (worker) thread reaps it.
    """
    if loaded.cached:
        return True
    from tui.analysis import cache

    fork = getattr(os, "fork", None)
    if not background or fork is None:
        return cache.write(loaded.analysis)
    try:
        pid = fork()
    except OSError:
        return cache.write(loaded.analysis)
    if pid == 0:  # the child: write, and leave without running any clean-up of the parent
        code = 1
        try:
            code = 0 if cache.write(loaded.analysis) else 1
        finally:
            os._exit(code)
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return False
    return os.waitstatus_to_exitcode(status) == 0


def load_analysis(path: str | Path) -> Analysis:
    """Read and analyse ``path`` (raises :class:`LoadError`)."""
    return load(path).analysis
