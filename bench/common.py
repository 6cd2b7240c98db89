"""Helpers shared by the benchmarks: paths, corpus loading, the engine entry point."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
NEWS = CORPORA / "polnear-train.jsonl"
NOVELS = CORPORA / "pdnc-dev.jsonl"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict]:
    with Path(path).open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


def engine():
    """``tui.analysis.analyze``, the function ``closeread extract`` calls."""
    from tui.analysis import analyze

    return analyze


def largest_novel(path: Path = NOVELS) -> dict:
    return max(read_jsonl(path), key=lambda doc: len(doc["text"]))


def fmt_target(value: float | None, target: float | None, lower_is_better: bool = False) -> str:
    if target is None:
        return ""
    if value is None:
        return f"(target {target:g})"
    ok = value <= target if lower_is_better else value >= target
    sign = "≤" if lower_is_better else "≥"
    return f"(target {sign} {target:g} {'ok' if ok else 'MISS'})"
