"""Memos that live for one analysis.

Several stages remember what a word or a short context gave them (a word's tag, its stem,
a Punkt decision): a book repeats them thousands of times. The memos are emptied when the
next analysis starts, so each document is analysed from scratch — and timed that way — and
memory stays bounded by one document's vocabulary. Every memoised value is a pure function
of its key, so a memo emptied under a concurrent analysis only costs it a recomputation.
"""

from __future__ import annotations

_MEMOS: list[dict] = []


def document_memo() -> dict:
    """A dict emptied at the start of every analysis."""
    memo: dict = {}
    _MEMOS.append(memo)
    return memo


def new_document() -> None:
    """Forget what the previous analysis memoised."""
    for memo in _MEMOS:
        memo.clear()
