"""Exporters: JSON contract, JSON Lines, CSV, Markdown, and subsets for the reader's ``e``."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest

from tui.analysis import analyze
from tui.analysis.export import (
    CSV_COLUMNS,
    export,
    subset,
    to_csv,
    to_json,
    to_jsonl_line,
    to_markdown,
)
from tui.analysis.model import Analysis, Link, Mention, Paragraph, Quote, Sentence, Speaker
from tui.resources import sample_path

TEXT = (
    "“We will win,” Ana Reyes said.\n\n"
    "“Never,” said Bo.\n\n"
    "A “term” here, and “*odd*, # text” from nobody.\n\n"
    "“Line\u2028break,” Ana Reyes added."
)


def _span(needle: str, start_at: int = 0) -> tuple[int, int]:
    start = TEXT.index(needle, start_at)
    return start, start + len(needle)


def hand_built() -> Analysis:
    q1s, q1e = _span("“We will win,”")
    q2s, q2e = _span("“Never,”")
    q3s, q3e = _span("“term”")
    q4s, q4e = _span("“*odd*, # text”")
    q5s, q5e = _span("“Line\u2028break,”")
    ana = Mention(*_span("Ana Reyes"), "Ana Reyes")
    said = Mention(*_span("said"), "said")
    quotes = (
        Quote(
            "q1", q1s, q1e, "We will win,", "speech", 0, 0, "s1", ana, said, "trailing_cue", 0.91234
        ),
        Quote(
            "q2",
            q2s,
            q2e,
            "Never,",
            "speech",
            1,
            1,
            "s2",
            Mention(*_span("Bo"), "Bo"),
            None,
            "trailing_cue",
            0.8,
        ),
        Quote("q3", q3s, q3e, "term", "term", 2, 2),
        Quote("q4", q4s, q4e, "*odd*, # text", "partial", 2, 2),
        Quote(
            "q5",
            q5s,
            q5e,
            "Line\u2028break,",
            "speech",
            3,
            3,
            "s1",
            None,
            None,
            "same_speaker",
            0.5,
        ),
    )
    paragraphs = []
    start = 0
    for index, chunk in enumerate(TEXT.split("\n\n")):
        paragraphs.append(Paragraph(index, start, start + len(chunk)))
        start += len(chunk) + 2
    sentences = tuple(Sentence(p.index, p.start, p.end, p.index) for p in paragraphs)
    return Analysis(
        text=TEXT,
        sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
        path="doc.txt",
        title="A test",
        paragraphs=tuple(paragraphs),
        sentences=sentences,
        quotes=quotes,
        speakers=(
            Speaker("s1", "Ana Reyes", ("Reyes",), "mayor", ("q1", "q5")),
            Speaker("s2", "Bo", quote_ids=("q2",)),
        ),
        links=(
            Link("q1", "q5", "same_speaker", (), 1.0),
            Link("q1", "q2", "contrast", ("win",), 0.123456),
            Link("q2", "q1", "contrast", ("win",), 0.123456),
        ),
    )


def test_json_is_the_contract():
    analysis = hand_built()
    out = to_json(analysis)
    assert json.loads(out) == analysis.to_dict()
    assert out == json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2)
    assert "“We will win,”" not in out and "We will win," in out  # marks are not in text
    assert "\\u201c" not in out  # UTF-8 kept, not escaped


def test_jsonl_is_one_line_even_with_unicode_line_separators():
    analysis = hand_built()
    line = to_jsonl_line(analysis)
    assert "\n" not in line
    assert len(line.splitlines()) == 1  # U+2028 in a quotation is escaped
    assert json.loads(line) == analysis.to_dict()


def test_csv_parses_and_has_one_row_per_quote():
    analysis = hand_built()
    rows = list(csv.reader(io.StringIO(to_csv(analysis))))
    assert tuple(rows[0]) == CSV_COLUMNS == (
        "id", "start", "end", "kind", "speaker", "speaker_id", "sieve", "confidence",
        "paragraph", "sentence", "cue", "mention", "text",
    )  # fmt: skip
    assert [r[0] for r in rows[1:]] == ["q1", "q2", "q3", "q4", "q5"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first == {
        "id": "q1",
        "start": str(analysis.quotes[0].start),
        "end": str(analysis.quotes[0].end),
        "kind": "speech",
        "speaker": "Ana Reyes",
        "speaker_id": "s1",
        "sieve": "trailing_cue",
        "confidence": "0.912",
        "paragraph": "0",
        "sentence": "0",
        "cue": "said",
        "mention": "Ana Reyes",
        "text": "We will win,",
    }
    unknown = dict(zip(rows[0], rows[3], strict=True))
    assert unknown["speaker"] == unknown["speaker_id"] == unknown["cue"] == ""


def test_csv_of_chosen_quotes():
    analysis = hand_built()
    rows = list(csv.DictReader(io.StringIO(to_csv(analysis, [analysis.quote("q2")]))))
    assert [(r["id"], r["text"]) for r in rows] == [("q2", "Never,")]


def test_markdown_groups_by_speaker_unknown_last():
    report = to_markdown(hand_built())
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings == ["## Ana Reyes (mayor)", "## Bo", "## Unknown speaker"]
    ana = report.index("## Ana Reyes")
    bo = report.index("## Bo")
    unknown = report.index("## Unknown speaker")
    assert ana < report.index("> We will win,") < report.index("Line") < bo
    assert bo < report.index("> Never,") < unknown < report.index("> term")
    assert "*speech*" in report and "*term*" in report and "*partial*" in report
    assert report.startswith("# A test\n")
    assert "5 quotations from 2 speakers." in report


def test_markdown_escapes_markup_in_quotations():
    report = to_markdown(hand_built())
    assert "> \\*odd\\*, \\# text" in report


def test_markdown_without_any_quotation():
    analysis = Analysis(text="Nothing.", sha256="0" * 64)
    report = to_markdown(analysis)
    assert report == "# Untitled document\n\n0 quotations from 0 speakers.\n"


def test_subset_keeps_only_chosen_quotes_their_speakers_and_links():
    analysis = hand_built()
    part = json.loads(export(analysis, ["q5", "q1"], "json"))
    assert [q["id"] for q in part["quotes"]] == ["q1", "q5"]  # document order
    assert part["speakers"] == [
        {
            "id": "s1",
            "name": "Ana Reyes",
            "aliases": ["Reyes"],
            "role": "mayor",
            "quote_ids": ["q1", "q5"],
        }
    ]
    assert [(link["source"], link["target"]) for link in part["links"]] == [("q1", "q5")]
    assert part["document"] == analysis.to_dict()["document"]
    narrowed = json.loads(export(analysis, ["q2", "q5"], "json"))
    # speakers keep the analysis order (s1, s2), each narrowed to the subset
    assert [s["quote_ids"] for s in narrowed["speakers"]] == [["q5"], ["q2"]]
    assert narrowed["links"] == []


def test_subset_json_matches_contract_keys():
    analysis = hand_built()
    full = analysis.to_dict()
    part = json.loads(export(analysis, ["q2"], "json"))
    assert part.keys() == full.keys()
    assert part["quotes"] == [q for q in full["quotes"] if q["id"] == "q2"]


def test_export_all_and_every_format():
    analysis = hand_built()
    assert json.loads(export(analysis, None, "json")) == analysis.to_dict()
    assert json.loads(export(analysis, None, "jsonl")) == analysis.to_dict()
    assert export(analysis, None, "jsonl").count("\n") == 1
    assert list(csv.DictReader(io.StringIO(export(analysis, ["q3"], "csv"))))[0]["kind"] == "term"
    assert "## Bo" in export(analysis, ["q2"], "md")
    assert "## Ana" not in export(analysis, ["q2"], "markdown")
    assert json.loads(export(analysis, [], "json"))["quotes"] == []


def test_export_rejects_unknown_format_and_id():
    analysis = hand_built()
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        export(analysis, None, "xml")
    with pytest.raises(ValueError, match="no quotation with id 'q99'"):
        export(analysis, ["q1", "q99"], "json")


def test_subset_is_a_consistent_analysis():
    analysis = hand_built()
    part = subset(analysis, ["q1", "q2"])
    assert part.quote("q2") == analysis.quote("q2")
    assert part.speaker_name(part.quote("q1")) == "Ana Reyes"
    assert [link.target for link in part.links_from("q1")] == ["q2"]


def test_real_analysis_round_trips_through_every_format():
    with open(sample_path(), encoding="utf-8") as handle:
        text = handle.read()
    analysis = analyze(text, str(sample_path()))
    assert analysis.quotes, "the sample has quotations"
    assert json.loads(to_json(analysis)) == analysis.to_dict()
    rows = list(csv.DictReader(io.StringIO(to_csv(analysis))))
    assert [r["id"] for r in rows] == [q.id for q in analysis.quotes]
    for row, quote in zip(rows, analysis.quotes, strict=True):
        assert row["text"] == quote.text
        assert text[int(row["start"]) : int(row["end"])].startswith(text[quote.start])
    report = to_markdown(analysis)
    named = [s for s in analysis.speakers if s.quote_ids]
    for speaker in named:
        assert f"## {speaker.name}" in report
