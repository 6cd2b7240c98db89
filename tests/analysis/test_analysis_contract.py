"""The JSON contract of ``Analysis.to_dict()``: exact fields, types, offsets into the text."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.analysis import analyze
from tui.resources import sample_path

INVENTED = (
    "“We Will Not Close The Mill”: Owners Insist After Rumours\n\n"
    "Thomas Hale, the mill director, spoke to workers on Friday. "
    "“The mill stays open,” Mr Hale said. “Orders are up this winter.”\n\n"
    "Vera Quill, a spokeswoman for the union, said the workers wanted “written guarantees” "
    "and called the plan “The Autumn Promise” in a letter.\n\n"
    "“The mill will never close,” she said.\n\n"
    "A stray mark \" here."
)

QUOTE_KEYS = {
    "id", "start", "end", "text", "kind", "speaker", "speaker_id", "mention", "cue",
    "sieve", "confidence", "paragraph", "sentence",
}
SPEAKER_KEYS = {"id", "name", "aliases", "role", "quote_ids"}
LINK_KEYS = {"source", "target", "kind", "terms", "score"}
SPAN_KEYS = {"start", "end", "text"}


def _text_cases():
    return [
        ("invented", INVENTED, "notes/mill.txt", None),
        ("sample", sample_path().read_text(encoding="utf-8"), str(sample_path()), None),
        ("empty", "", None, None),
        ("no quotes", "Nothing was said all day.", None, "A quiet day"),
    ]


@pytest.fixture(scope="module", params=_text_cases(), ids=lambda c: c[0])
def case(request):
    _, text, path, title = request.param
    return text, path, title, analyze(text, path=path, title=title).to_dict()


def _is_span(value, text: str) -> None:
    assert isinstance(value, dict)
    assert set(value) == SPAN_KEYS
    assert type(value["start"]) is int and type(value["end"]) is int
    assert 0 <= value["start"] <= value["end"] <= len(text)
    assert value["text"] == text[value["start"] : value["end"]]


def test_top_level_shape(case):
    _, _, _, d = case
    assert set(d) == {"document", "quotes", "speakers", "links"}
    assert isinstance(d["quotes"], list) and isinstance(d["speakers"], list) and isinstance(d["links"], list)


def test_document(case):
    text, path, title, d = case
    doc = d["document"]
    assert set(doc) == {"path", "title", "length", "sha256"}
    assert doc["path"] == path
    assert doc["title"] is None or isinstance(doc["title"], str)
    if title is not None:
        assert doc["title"] == title
    assert type(doc["length"]) is int and doc["length"] == len(text)
    assert doc["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_quotes(case):
    text, _, _, d = case
    ids = [q["id"] for q in d["quotes"]]
    assert len(ids) == len(set(ids))
    speaker_ids = {s["id"]: s for s in d["speakers"]}
    previous_end = 0
    for q in d["quotes"]:
        assert set(q) == QUOTE_KEYS
        assert isinstance(q["id"], str)
        for key in ("start", "end", "paragraph", "sentence"):
            assert type(q[key]) is int
        assert 0 <= q["start"] < q["end"] <= len(text)
        assert q["start"] >= previous_end
        previous_end = q["end"]
        assert isinstance(q["text"], str) and q["text"]
        assert q["text"] in text[q["start"] : q["end"]]
        assert q["kind"] in ("speech", "partial", "term", "title")
        assert isinstance(q["sieve"], str)
        assert isinstance(q["confidence"], float)
        assert 0.0 <= q["confidence"] <= 1.0
        if q["speaker_id"] is None:
            assert q["speaker"] is None
            assert q["mention"] is None and q["cue"] is None
        else:
            assert isinstance(q["speaker_id"], str)
            assert q["speaker"] == speaker_ids[q["speaker_id"]]["name"]
            assert q["id"] in speaker_ids[q["speaker_id"]]["quote_ids"]
        for key in ("mention", "cue"):
            if q[key] is not None:
                _is_span(q[key], text)
                # the words an attribution rests on are narration, not quoted words
                assert not (q["start"] <= q[key]["start"] and q[key]["end"] <= q["end"])


def test_paragraph_and_sentence_indices_locate_the_quote(case):
    text, _, _, _ = case
    a = analyze(text)
    for q in a.quotes:
        p = a.paragraphs[q.paragraph]
        assert p.start <= q.start < p.end
        s = a.sentences[q.sentence]
        assert s.paragraph == q.paragraph
        assert s.start <= q.start


def test_speakers(case):
    _, _, _, d = case
    quote_ids = {q["id"] for q in d["quotes"]}
    claimed: list[str] = []
    for s in d["speakers"]:
        assert set(s) == SPEAKER_KEYS
        assert isinstance(s["id"], str)
        assert isinstance(s["name"], str) and s["name"]
        assert isinstance(s["aliases"], list) and all(isinstance(x, str) for x in s["aliases"])
        assert s["name"] not in s["aliases"]
        assert s["role"] is None or isinstance(s["role"], str)
        assert isinstance(s["quote_ids"], list) and s["quote_ids"]
        assert set(s["quote_ids"]) <= quote_ids
        claimed.extend(s["quote_ids"])
    assert len(claimed) == len(set(claimed)), "a quote belongs to two speakers"
    attributed = {q["id"] for q in d["quotes"] if q["speaker_id"] is not None}
    assert set(claimed) == attributed


def test_links(case):
    _, _, _, d = case
    quote_ids = {q["id"] for q in d["quotes"]}
    for link in d["links"]:
        assert set(link) == LINK_KEYS
        assert link["source"] in quote_ids and link["target"] in quote_ids
        assert link["source"] != link["target"]
        assert link["kind"] in ("same_speaker", "continuation", "topic", "contrast")
        assert isinstance(link["terms"], list) and all(isinstance(t, str) for t in link["terms"])
        assert isinstance(link["score"], float)


def test_json_round_trip(case):
    _, _, _, d = case
    encoded = json.dumps(d, ensure_ascii=False)
    assert json.loads(encoded) == d
    assert json.loads(json.dumps(d)) == d


def test_analysis_is_deterministic():
    assert analyze(INVENTED).to_dict() == analyze(INVENTED).to_dict()


def test_invented_document_content():
    d = analyze(INVENTED, path="notes/mill.txt").to_dict()
    assert d["document"]["title"] == "“We Will Not Close The Mill”: Owners Insist After Rumours"
    kinds = {q["text"]: q["kind"] for q in d["quotes"]}
    assert kinds["written guarantees"] == "term"
    assert kinds["The Autumn Promise"] == "title"
    speakers = {q["text"]: q["speaker"] for q in d["quotes"]}
    assert speakers["The mill stays open,"] == "Thomas Hale"
    assert speakers["Orders are up this winter."] == "Thomas Hale"
    assert speakers["The mill will never close,"] == "Vera Quill"


def test_offsets_index_text_with_astral_characters():
    # offsets are str indices: characters outside the BMP count as one
    t = "🙂🙂 Odile Ferrand said: “The gate stays shut.” 🙂"
    d = analyze(t).to_dict()
    (q,) = d["quotes"]
    assert t[q["start"] : q["end"]] == "“The gate stays shut.”"
    assert t[q["mention"]["start"] : q["mention"]["end"]] == q["mention"]["text"] == "Odile Ferrand"
    assert d["document"]["length"] == len(t)


def test_crlf_text_offsets():
    t = "Odile Ferrand spoke.\r\n\r\n“The gate stays shut,” Odile Ferrand said.\r\n"
    a = analyze(t)
    (q,) = a.quotes
    assert t[q.start : q.end] == "“The gate stays shut,”"
    assert a.speaker_name(q) == "Odile Ferrand"


PIECES = [
    "Anna Kowalski", "Mr Hale", "Mr. Hale", "Thomas Hale", "the Pentagon", "she", "he", "they", "I",
    "said", "told reporters", "added", "according to", "statement", "that", "Later", ",", ".", ":",
    " ", " ", " ", "\n\n", "“", "”", '"', "‘", "’", "'", "We will win", "the bridge", "never",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=50))
def test_random_documents_keep_the_contract(pieces):
    text = "".join(pieces)
    a = analyze(text)
    d = a.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["document"]["length"] == len(text)
    ids = {q["id"] for q in d["quotes"]}
    speakers = {s["id"]: s for s in d["speakers"]}
    end = 0
    for q in d["quotes"]:
        assert end <= q["start"] < q["end"] <= len(text)
        end = q["end"]
        assert q["kind"] in ("speech", "partial", "term", "title")
        if q["speaker_id"] is not None:
            assert q["id"] in speakers[q["speaker_id"]]["quote_ids"]
        for key in ("mention", "cue"):
            if q[key] is not None:
                assert q[key]["text"] == text[q[key]["start"] : q[key]["end"]]
    for link in d["links"]:
        assert link["source"] != link["target"]
        assert link["source"] in ids and link["target"] in ids
