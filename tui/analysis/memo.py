"""Memos: what a word, a tag run or a short context gave the engine, remembered.

Two lifetimes:

- **document memos** hold what depends on the text itself (a Punkt context, a phrase at its
  offsets): emptied when the next analysis starts, so each document is analysed from scratch
  and memory stays bounded by one document;
- **vocabulary memos** hold what depends only on the language (a word's tag or stem, the
  chunks of a run of tags): any English text shares them, so they are kept from one analysis
  to the next — the engine builds its lexicon as it reads — and emptied only when they grow
  past their bound.

Every memoised value is a pure function of its key, so a memo emptied under a concurrent
analysis only costs it a recomputation. ``bench/speed.py`` times an analysis with the
vocabulary memos as other documents left them (:func:`vocabulary_snapshot`,
:func:`restore_vocabulary`), never as an earlier run of the same text did.
"""

from __future__ import annotations

_DOCUMENT: list[dict] = []
_VOCABULARY: list[tuple[dict, int]] = []


def document_memo() -> dict:
    """A dict emptied at the start of every analysis."""
    memo: dict = {}
    _DOCUMENT.append(memo)
    return memo


def vocabulary_memo(limit: int = 200_000) -> dict:
    """A dict kept across analyses, emptied at the start of one when it holds ``limit`` keys."""
    memo: dict = {}
    _VOCABULARY.append((memo, limit))
    return memo


def new_document() -> None:
    """Forget what the previous analysis memoised about its text."""
    for memo in _DOCUMENT:
        memo.clear()
    for memo, limit in _VOCABULARY:
        if len(memo) >= limit:
            memo.clear()


def vocabulary_snapshot() -> list[dict]:
    """Copies of the vocabulary memos as they are now."""
    return [dict(memo) for memo, _ in _VOCABULARY]


def restore_vocabulary(snapshot: list[dict]) -> None:
    """Put the vocabulary memos back as :func:`vocabulary_snapshot` found them."""
    for (memo, _), saved in zip(_VOCABULARY, snapshot, strict=True):
        memo.clear()
        memo.update(saved)
