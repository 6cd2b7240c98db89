"""The fast chunker applies the RegexpParser grammar exactly as NLTK's ChunkString does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.analysis.phrases import _chunk_tags, chunk_tags, nltk_chunk_tags

TAGS = ["NNP", "NNPS", "W", "ROLE", "HON", "HDOT", "DT", "PRP$", "PRP", "VSAY", "IN", ",", ":", "P"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TAGS), min_size=0, max_size=30))
def test_fast_chunker_matches_nltk(tags):
    assert _chunk_tags(tuple(tags)) == nltk_chunk_tags(tuple(tags)) == chunk_tags(tuple(tags))


def test_speaker_phrases_are_chunked():
    # "Ada Ruiz's spokesman Tom Pell told" / "the Daily Ledger said"
    assert chunk_tags(("NNP", "NNPS", "ROLE", "NNP", "NNP", "VSAY")) == (("POSSD", 0, 4),)
    assert chunk_tags(("DT", "NNP", "NNP", "VSAY")) == (("ORG", 0, 2),)


def test_the_chunker_splits_only_at_tags_the_grammar_never_names():
    import re

    from tui.analysis.phrases import _SEPARATORS, GRAMMAR

    named = {tag for group in re.findall(r"<([^>]+)>", GRAMMAR) for tag in group.replace("\\", "").split("|")}
    assert named and not named & _SEPARATORS


RUN_TAGS = ["NNP", "NNPS", "W", "W", "ROLE", "HON", "HDOT", "DT", "PRP$", "PRP"]  # (no separator)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(RUN_TAGS), min_size=1, max_size=30))
def test_a_run_is_chunked_the_same_split_at_its_dead_modifiers(tags):
    from tui.analysis.phrases import _chunk_live, _sequence

    assert _chunk_live(_sequence(tags)) == _chunk_tags(tuple(tags))


def test_a_modifier_with_no_role_after_it_is_in_no_chunk():
    # "the mayor Ada Ruiz quietly left" ends in modifiers no chunk takes
    from tui.analysis.phrases import _chunk_live, _sequence

    tags = ("DT", "ROLE", "NNP", "NNP", "W", "W")
    assert _chunk_live(_sequence(tags)) == _chunk_tags(tags) == (("TITLED", 0, 3),)


def test_every_short_run_is_chunked_as_nltk_chunks_it():
    # the rules rewritten over one character a tag (_compact) match the items NLTK's match
    from itertools import product

    tags = ["NNP", "NNPS", "W", "ROLE", "HON", "HDOT", "DT", "PRP$", "PRP"]
    for n in range(1, 5):
        for run in product(tags, repeat=n):
            assert _chunk_tags(run) == nltk_chunk_tags(run), run


def test_the_codes_of_the_tagger_s_tags_are_fixed() -> None:
    # the chunk memos are keyed by strings of codes and kept across analyses (a vocabulary
    # snapshot may come from another process): a tag's code must not depend on which
    # sequence a process chunked first
    import os
    import subprocess
    import sys
    from pathlib import Path

    import tui
    from tui.analysis.phrases import _CODES, _KNOWN_TAGS

    env = {**os.environ, "PYTHONPATH": str(Path(tui.__file__).resolve().parents[1])}

    script = (
        "from tui.analysis.phrases import _CODES, _chunk_tags\n"
        "_chunk_tags(('W', 'PRP', 'ROLE', 'NNP'))\n"
        f"print(''.join(_CODES[t] for t in {_KNOWN_TAGS!r}))"
    )
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env).stdout.strip()
    assert other == "".join(_CODES[t] for t in _KNOWN_TAGS)
    assert len(set(other)) == len(_KNOWN_TAGS) and " " not in other


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TAGS), min_size=0, max_size=30))
def test_news_suspect_chunks_read_from_the_codes_match_the_tags(tags):
    # chunk_phrases finds the chunks its news fix-ups may change from the sequence's codes
    # (W and ROLE are no separators): the same chunks as reading the tags themselves
    from tui.analysis.phrases import _ROLE_W, _W_CODE, _sequence

    tags = tuple(tags)
    seq = _sequence(tags)
    chunks = chunk_tags(tags)
    from_tags = [
        n for n, (label, i, j) in enumerate(chunks)
        if i < j and (tags[i] == "W" or label in ("DESC", "TITLED") and any(tags[k] == "W" and tags[k - 1] == "ROLE" for k in range(i + 1, j)))
    ]  # fmt: skip
    from_codes = [n for n, (label, i, j) in enumerate(chunks) if i < j and (seq[i] == _W_CODE or label in ("DESC", "TITLED") and _ROLE_W in seq[i:j])]
    assert from_codes == from_tags
