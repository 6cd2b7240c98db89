"""Export quotations as JSON (the ``Analysis.to_dict()`` contract), CSV or Markdown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from tui.analysis.model import Analysis

FORMATS = ("json", "csv", "markdown")


def restricted_dict(analysis: Analysis, quote_ids: Sequence[str]) -> dict:
    """``Analysis.to_dict()`` restricted to ``quote_ids`` (their speakers and the links between them)."""
    keep = set(quote_ids)
    data = analysis.to_dict()
    data["quotes"] = [quote for quote in data["quotes"] if quote["id"] in keep]
    speakers = []
    for speaker in data["speakers"]:
        ids = [quote_id for quote_id in speaker["quote_ids"] if quote_id in keep]
        if ids:
            speakers.append({**speaker, "quote_ids": ids})
    data["speakers"] = speakers
    data["links"] = [
        link for link in data["links"] if link["source"] in keep and link["target"] in keep
    ]
    return data


def to_json(analysis: Analysis, quote_ids: Sequence[str]) -> str:
    return json.dumps(restricted_dict(analysis, quote_ids), ensure_ascii=False, indent=2) + "\n"


def to_csv(analysis: Analysis, quote_ids: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "speaker", "kind", "text", "start", "end", "cue", "sieve", "confidence"])
    for quote_id in quote_ids:
        quote = analysis.quote(quote_id)
        writer.writerow(
            [
                quote.id,
                analysis.speaker_name(quote) or "",
                quote.kind,
                quote.text,
                quote.start,
                quote.end,
                quote.cue.text if quote.cue else "",
                quote.sieve,
                f"{quote.confidence:.3f}",
            ]
        )
    return out.getvalue()


def to_markdown(analysis: Analysis, quote_ids: Sequence[str]) -> str:
    title = analysis.title or (Path(analysis.path).name if analysis.path else "Quotations")
    lines = [f"# {title}", ""]
    for quote_id in quote_ids:
        quote = analysis.quote(quote_id)
        speaker = analysis.speaker_name(quote) or "Unattributed"
        text = " ".join(quote.text.split())
        lines.append(f"> “{text}”")
        lines.append(">")
        lines.append(f"> — {speaker} ({quote.kind}, {quote.id})")
        lines.append("")
    return "\n".join(lines)


def export_quotes(analysis: Analysis, quote_ids: Sequence[str], path: str | Path, fmt: str) -> Path:
    """Write ``quote_ids`` of ``analysis`` to ``path`` in ``fmt``; return the absolute path."""
    target = Path(path).expanduser()
    target.write_text(render(analysis, quote_ids, fmt), encoding="utf-8", newline="")
    return target.resolve()


def render(analysis: Analysis, quote_ids: Sequence[str], fmt: str) -> str:
    """The export as a string: the analysis engine's exporter when there is one, else ours."""
    try:
        from tui.analysis.export import export as engine_export
    except ImportError:
        engine_export = None
    if engine_export is not None:
        return engine_export(analysis, list(quote_ids), fmt)
    own = {"json": to_json, "csv": to_csv, "markdown": to_markdown, "md": to_markdown}.get(fmt)
    if own is None:
        raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    return own(analysis, quote_ids)
