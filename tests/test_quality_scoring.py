"""The quality benchmark's scorer, pinned on tiny invented examples (never corpus text)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import quality as Q  # noqa: E402

from tui.analysis.model import Analysis, Mention, Quote, Speaker  # noqa: E402


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def ext(text: str, words: str, *, marks: bool = True, kind: str = "speech", speaker=None,
        mention: str | None = None, sieve: str = "none") -> dict:
    """An extracted quote as ``to_dict()`` gives it (offsets include the marks)."""
    s, e = span_of(text, words)
    m = None
    if mention is not None:
        ms, me = span_of(text, mention)
        m = {"start": ms, "end": me, "text": mention}
    return {"start": s - marks, "end": e + marks, "text": words, "kind": kind,
            "speaker": speaker, "mention": m, "sieve": sieve}


def gold(text: str, words: str, type_: str, speaker=None, aliases=(), mention: str | None = None) -> dict:
    s, e = span_of(text, words)
    return {"start": s, "end": e, "speaker": speaker, "aliases": list(aliases),
            "mention": list(span_of(text, mention)) if mention else None, "type": type_}


# -- the words span of an extracted quote ------------------------------------------------
def test_words_span_trims_both_marks():
    text = 'Ada said, "Tea is ready." Then she left.'
    assert Q.words_span(text, ext(text, "Tea is ready.")) == span_of(text, "Tea is ready.")


def test_words_span_quote_left_open_at_paragraph_end():
    text = '"We sail at dawn\n\nNext paragraph.'
    q = {"start": 0, "end": text.index("\n"), "text": "We sail at dawn"}
    assert Q.words_span(text, q) == (1, text.index("\n"))


def test_words_span_falls_back_to_trimming_marks_when_text_is_normalised():
    text = "\u201cOne  two\u201d"  # the engine normalised the double space in its text field
    assert Q.words_span(text, {"start": 0, "end": len(text), "text": "One two"}) == (1, len(text) - 1)


# -- found -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ours", "found"),
    [
        ((10, 20), True),  # exact
        ((10, 18), True),  # covers exactly 80 %
        ((10, 17), False),  # covers 70 %
        ((5, 20), True),  # 10 of 15 inside
        ((0, 20), True),  # exactly half inside
        ((0, 21), False),  # less than half inside
        ((20, 30), False),  # adjacent, no overlap
    ],
)
def test_is_match_thresholds(ours, found):
    assert Q.is_match((10, 20), ours) is found


def test_match_one_quote_spanning_two_gold_quotes_finds_neither():
    found, hits = Q.match([(0, 10), (12, 22)], [(0, 22)])
    assert found == {} and hits == set()


def test_match_prefers_best_cover_and_counts_hits():
    found, hits = Q.match([(100, 200)], [(300, 310), (95, 190), (100, 200)])
    assert found == {0: 2}
    assert hits == {1, 2}


# -- speakers ----------------------------------------------------------------------------
def test_novel_speaker_ignores_case_dots_and_spaces():
    g = {"aliases": ["Mr. Pell", "Oswin Pell"], "type": "Explicit", "mention": None}
    assert Q.speaker_right("novel", g, {"speaker": "mr pell"})
    assert Q.speaker_right("novel", g, {"speaker": "OSWIN PELL"})
    assert not Q.speaker_right("novel", g, {"speaker": "Pell"})  # over-merged surname
    assert not Q.speaker_right("novel", g, {"speaker": None})


def test_news_named_needs_overlap_and_last_word():
    text = 'Senator Mavis Orr said: "Taxes will fall." Orr left.'
    g = gold(text, "Taxes will fall.", "named", "Senator Mavis Orr", mention="Senator Mavis Orr")
    right = ext(text, "Taxes will fall.", speaker="Mavis Orr", mention="Mavis Orr")
    assert Q.speaker_right("news", g, right)
    wrong_name = {**right, "speaker": "Mavis Orrin"}
    assert not Q.speaker_right("news", g, wrong_name)  # a whole word, not a substring
    elsewhere = ext(text, "Taxes will fall.", speaker="Mavis Orr", mention="Orr left")
    assert not Q.speaker_right("news", g, elsewhere)  # the same name, the wrong mention


def test_news_pronoun_and_description_need_only_overlap():
    text = 'She said "no." A spokesman said "yes."'
    g1 = gold(text, "no.", "pronoun", "She", mention="She")
    assert Q.speaker_right("news", g1, ext(text, "no.", speaker="Dana Vole", mention="She"))
    assert not Q.speaker_right("news", g1, ext(text, "no.", speaker="Dana Vole"))
    g2 = gold(text, "yes.", "other", "A spokesman", mention="A spokesman")
    assert Q.speaker_right("news", g2, ext(text, "yes.", speaker="spokesman", mention="spokesman"))


def test_news_none_is_right_only_when_unattributed():
    text = 'The sign read "closed".'
    g = gold(text, "closed", "none")
    assert Q.speaker_right("news", g, ext(text, "closed"))
    assert not Q.speaker_right("news", g, ext(text, "closed", speaker="sign", mention="sign"))


# -- a document end to end ---------------------------------------------------------------
def test_score_novel_document():
    text = '"Come in," said Tom. "Thank you," she said. "Sit." The "chair" was old.'
    doc = {"id": "toy", "text": text, "quotes": [
        gold(text, "Come in,", "Explicit", "Tom Reed", ["Tom", "Tom Reed"]),
        gold(text, "Thank you,", "Anaphoric", "Ann Reed", ["Ann", "Ann Reed"]),
        gold(text, "Sit.", "Implicit", "Tom Reed", ["Tom", "Tom Reed"]),
    ]}
    quotes = [
        ext(text, "Come in,", speaker="Tom", sieve="explicit"),
        ext(text, "Thank you,", speaker="Tom", sieve="pronoun"),
        ext(text, "chair", kind="term"),  # not counted against precision by default
    ]
    tally = Q.Tally("novel")
    Q.score_document(doc, quotes, tally)
    rep = Q.report("toy", tally)
    assert (rep["precision"], rep["recall"]) == (1.0, round(2 / 3, 4))
    assert rep["f1"] == 0.8
    assert rep["precision_all_kinds"] == round(2 / 3, 4)
    assert rep["speaker_accuracy"] == 0.5 and rep["end_to_end"] == round(1 / 3, 4)
    assert rep["by_type"]["Explicit"]["accuracy"] == 1.0
    assert rep["by_type"]["Anaphoric"]["accuracy"] == 0.0
    assert rep["by_type"]["Implicit"] == {"gold": 1, "found": 0, "right": 0, "accuracy": None}
    assert rep["sieves"]["explicit"] == {"quotes": 1, "right": 1, "accuracy": 1.0}
    assert rep["sieves"]["pronoun"]["accuracy"] == 0.0
    assert len(tally.errors) == 1


def test_score_news_document_from_a_real_analysis():
    text = 'Mayor Ines Tor said "the bridge opens in May." He added: "It is safe."'
    s1, e1 = span_of(text, "the bridge opens in May.")
    s2, e2 = span_of(text, "It is safe.")
    who = Speaker("s1", "Ines Tor", kind="person", gender="f")
    quotes = (
        Quote("q1", s1 - 1, e1 + 1, text[s1:e1], "speech", 0, 0, "s1",
              Mention(*span_of(text, "Ines Tor"), "Ines Tor"), sieve="explicit"),
        Quote("q2", s2 - 1, e2 + 1, text[s2:e2], "speech", 0, 1, "s1",
              Mention(*span_of(text, "He"), "He"), sieve="pronoun"),
    )
    analysis = Analysis(text, "0" * 64, quotes=quotes, speakers=(who,))
    doc = {"id": "toy", "text": text, "quotes": [
        gold(text, "the bridge opens in May.", "named", "Mayor Ines Tor", mention="Mayor Ines Tor"),
        gold(text, "It is safe.", "pronoun", "He", mention="He"),
    ]}
    tally = Q.Tally("news")
    Q.score_document(doc, analysis.to_dict()["quotes"], tally)
    rep = Q.report("toy", tally)
    assert rep["f1"] == 1.0 and rep["end_to_end"] == 1.0
    assert rep["mention_overlap"] == 1.0 and rep["named_source"] == 1.0


def test_main_runs_a_corpus_file_through_the_engine(tmp_path, monkeypatch, capsys):
    import json

    text = 'Ivo Lund said "the dam will hold." Later he said "not today."'
    doc = {"id": "toy", "domain": "news", "text": text, "characters": {}, "quotes": [
        gold(text, "the dam will hold.", "named", "Ivo Lund", mention="Ivo Lund"),
        gold(text, "not today.", "pronoun", "he", mention="he"),
    ]}
    corpus = tmp_path / "toy.jsonl"
    corpus.write_text(json.dumps(doc) + "\n", encoding="utf-8")

    def fake_analyze(text, path=None):
        s, e = span_of(text, "the dam will hold.")
        quote = Quote("q1", s - 1, e + 1, text[s:e], "speech", 0, 0, "s1",
                      Mention(*span_of(text, "Ivo Lund"), "Ivo Lund"), sieve="leading_cue")
        return Analysis(text, "0" * 64, quotes=(quote,), speakers=(Speaker("s1", "Ivo Lund"),))

    monkeypatch.setattr(Q, "engine", lambda: fake_analyze)
    assert Q.main([str(corpus), "--json", "--workers", "1"]) == 0
    (rep,) = json.loads(capsys.readouterr().out)
    assert rep["gold"] == 2 and rep["found"] == 1 and rep["precision"] == 1.0
    assert rep["named_source"] == 1.0 and rep["by_type"]["pronoun"]["found"] == 0
    assert rep["sieves"] == {"leading_cue": {"quotes": 1, "right": 1, "accuracy": 1.0}}


def test_attributed_term_counts_unattributed_term_does_not():
    text = 'Officials called it "routine," said Kai Berg. Others called it "odd".'
    doc = {"id": "toy", "text": text, "quotes": [
        gold(text, "routine,", "named", "Kai Berg", mention="Kai Berg")]}
    quotes = [ext(text, "routine,", kind="term", speaker="Kai Berg", mention="Kai Berg"),
              ext(text, "odd", kind="term")]
    tally = Q.Tally("news")
    Q.score_document(doc, quotes, tally)
    rep = Q.report("toy", tally)
    assert (rep["extracted"], rep["precision"], rep["recall"]) == (1, 1.0, 1.0)
    assert rep["precision_all_kinds"] == 0.5
