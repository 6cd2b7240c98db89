"""Memo lifetimes: a document's own memos never outlive its analysis; vocabulary memos do,
within their bound; and an analysis gives the same result whatever the memos hold."""

from __future__ import annotations

from tui.analysis import analyze, memo

ARTICLE = '"We will not retreat," said Ada Ruiz, the mayor. "The bridge stays open," she added.'
OTHER = 'Ivo Brill, a farmer, said the harvest was "the worst in years." "Rain," he said.'


def test_document_memos_are_emptied_by_the_next_analysis():
    doc = memo.document_memo()
    doc["key"] = "value"
    analyze(ARTICLE)
    assert doc == {}


def test_vocabulary_memos_outlive_an_analysis_until_their_bound():
    vocab = memo.vocabulary_memo(limit=3)
    vocab.update(a=1, b=2)
    memo.new_document()
    assert vocab == {"a": 1, "b": 2}
    vocab["c"] = 3
    memo.new_document()
    assert vocab == {}


def test_snapshot_and_restore_put_the_vocabulary_back():
    analyze(OTHER)
    snapshot = memo.vocabulary_snapshot()
    analyze(ARTICLE)
    memo.restore_vocabulary(snapshot)
    assert memo.vocabulary_snapshot() == snapshot


def test_results_do_not_depend_on_what_the_memos_hold():
    cold = analyze(ARTICLE).to_dict()
    analyze(OTHER)
    warm = analyze(ARTICLE).to_dict()
    memo.restore_vocabulary([{} for _ in memo.vocabulary_snapshot()])
    emptied = analyze(ARTICLE).to_dict()
    assert cold == warm == emptied
