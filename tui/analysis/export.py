"""Serialise an :class:`~tui.analysis.model.Analysis`: JSON, JSON Lines, CSV and Markdown.

``to_json`` is the JSON contract (``Analysis.to_dict()``). :func:`export` writes a subset of
the quotations (the reader's ``e`` key): the same formats, restricted to those quotations,
their speakers (with ``quote_ids`` restricted too) and the links between them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from tui.analysis.model import Analysis, Quote, Speaker

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "export",
    "subset",
    "to_csv",
    "to_json",
    "to_jsonl_line",
    "to_markdown",
]

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "start",
    "end",
    "kind",
    "speaker",
    "speaker_id",
    "sieve",
    "confidence",
    "paragraph",
    "sentence",
    "cue",
    "mention",
    "text",
)
FORMATS: tuple[str, ...] = ("json", "jsonl", "csv", "markdown")

# Characters some line-splitting readers (str.splitlines) treat as line ends; json.dumps
# leaves them raw with ensure_ascii=False, so JSON Lines escapes them to stay one line.
_JSONL_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def to_json(analysis: Analysis) -> str:
    """The JSON contract, pretty-printed, UTF-8 characters kept as they are."""
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2)


def to_jsonl_line(analysis: Analysis) -> str:
    """The JSON contract on a single line (no trailing newline)."""
    line = json.dumps(analysis.to_dict(), ensure_ascii=False)
    for char, escape in _JSONL_LINE_BREAKS.items():
        if char in line:
            line = line.replace(char, escape)
    return line


def csv_rows(analysis: Analysis, quotes: Iterable[Quote] | None = None) -> list[list[object]]:
    """One row per quotation, in :data:`CSV_COLUMNS` order (without the header)."""
    rows: list[list[object]] = []
    for quote in analysis.quotes if quotes is None else quotes:
        rows.append(
            [
                quote.id,
                quote.start,
                quote.end,
                quote.kind,
                analysis.speaker_name(quote) or "",
                quote.speaker_id or "",
                quote.sieve,
                round(quote.confidence, 3),
                quote.paragraph,
                quote.sentence,
                quote.cue.text if quote.cue else "",
                quote.mention.text if quote.mention else "",
                quote.text,
            ]
        )
    return rows


def to_csv(analysis: Analysis, quotes: Iterable[Quote] | None = None) -> str:
    """A header and one row per quotation (all of them, or ``quotes``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(analysis, quotes))
    return buffer.getvalue()


def to_markdown(analysis: Analysis, quotes: Iterable[Quote] | None = None) -> str:
    """A readable report: quotations grouped by speaker, unattributed ones last."""
    chosen = list(analysis.quotes if quotes is None else quotes)
    heading = analysis.title or analysis.path or "Untitled document"
    lines = [f"# {_md_inline(heading)}", ""]
    if analysis.path and analysis.title:
        source = analysis.path.replace("`", "'")
        lines += [f"Source: `{source}`", ""]
    groups: dict[str | None, list[Quote]] = {}
    for quote in chosen:  # first appearance decides the order of the speakers
        key = quote.speaker_id if analysis.speaker(quote.speaker_id) is not None else None
        groups.setdefault(key, []).append(quote)
    attributed = [key for key in groups if key is not None]
    speakers_count = len(attributed)
    lines += [
        f"{_plural(len(chosen), 'quotation')} from {_plural(speakers_count, 'speaker')}.",
        "",
    ]
    for key in [*attributed, None] if None in groups else attributed:
        speaker = analysis.speaker(key)
        lines += [f"## {_speaker_heading(speaker)}", ""]
        for quote in groups[key]:
            lines += _md_quote(quote)
    return "\n".join(lines).rstrip("\n") + "\n"


def subset(analysis: Analysis, quote_ids: Iterable[str]) -> Analysis:
    """The same document with only ``quote_ids`` (in document order), their speakers
    (``quote_ids`` narrowed to the subset) and the links whose both ends are kept.

    Raises :class:`KeyError` naming an id the analysis does not have.
    """
    wanted = set()
    for quote_id in quote_ids:
        analysis.quote_position(quote_id)  # KeyError for an unknown id
        wanted.add(quote_id)
    quotes = tuple(q for q in analysis.quotes if q.id in wanted)
    speaker_ids = {q.speaker_id for q in quotes if q.speaker_id is not None}
    speakers = tuple(
        _narrow(speaker, wanted) for speaker in analysis.speakers if speaker.id in speaker_ids
    )
    links = tuple(
        link for link in analysis.links if link.source in wanted and link.target in wanted
    )
    return Analysis(
        text=analysis.text,
        sha256=analysis.sha256,
        path=analysis.path,
        title=analysis.title,
        paragraphs=analysis.paragraphs,
        sentences=analysis.sentences,
        quotes=quotes,
        speakers=speakers,
        links=links,
    )


def export(analysis: Analysis, quote_ids: Sequence[str] | None, fmt: str) -> str:
    """``quote_ids`` (all quotations when ``None``) as ``fmt``: json, jsonl, csv or markdown.

    The JSON of a subset is the same contract with only those quotations, their speakers
    and the links between them. Raises :class:`ValueError` for an unknown format or id.
    """
    fmt = fmt.lower()
    if fmt == "md":
        fmt = "markdown"
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if quote_ids is None:
        part = analysis
    else:
        try:
            part = subset(analysis, quote_ids)
        except KeyError as error:
            raise ValueError(f"no quotation with id {error.args[0]!r}") from None
    if fmt == "json":
        return to_json(part) + "\n"
    if fmt == "jsonl":
        return to_jsonl_line(part) + "\n"
    if fmt == "csv":
        return to_csv(part)
    return to_markdown(part)


def _narrow(speaker: Speaker, wanted: set[str]) -> Speaker:
    return replace(speaker, quote_ids=tuple(q for q in speaker.quote_ids if q in wanted))


# -- Markdown helpers -----------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")


def _md_inline(text: str) -> str:
    """Escape Markdown so the text reads back as the same words."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_line(text: str) -> str:
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _md_inline(text))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _speaker_heading(speaker: Speaker | None) -> str:
    if speaker is None:
        return "Unknown speaker"
    heading = _md_inline(speaker.name)
    if speaker.role:
        heading += f" ({_md_inline(speaker.role)})"
    return heading


def _md_quote(quote: Quote) -> list[str]:
    lines = []
    body = quote.text.split("\n") or [""]
    for line in body:
        lines.append(f"> {_md_line(line)}".rstrip() if line.strip() else ">")
    details = [f"*{quote.kind}*", f"paragraph {quote.paragraph + 1}"]
    if quote.cue is not None:
        details.append(f"cue “{_md_inline(quote.cue.text)}”")
    lines += [">", f"> — {', '.join(details)} · `{quote.id}`", ""]
    return lines
