"""End to end on the user's sample article: every quotation, its speaker and key links.

This is the one place where the sample's own words appear: the table of expected speakers.
"""

from __future__ import annotations

import pytest

from tui.analysis import analyze
from tui.analysis.lexicon import lexicon
from tui.resources import sample_path

# (first words of the quotation, expected canonical speaker), in document order
EXPECTED = [
    ("It Is A Conspiracy", "Russia"),
    ("Let's not believe", "Dmitry Peskov"),
    ("It's a newspaper report", "Dmitry Peskov"),
    ("were part of an intelligence", "Vladimir Jabbarov"),
    ("This is a common tactic", "Vladimir Jabbarov"),
    ("returned", "Sean Spicer"),
    ("expects the Russian government", "White House"),
    ("We don't give back", "Maria Zakharova"),
    ("Crimea is territory", "Maria Zakharova"),
    ("Crimea was TAKEN", "Donald Trump"),
    ("very smart", "Donald Trump"),
    ("great", "Donald Trump"),
    ("repeated contacts", "NYT"),
    ("the fake news media", "Donald Trump"),
    ("this Russian connection", "Donald Trump"),
    ("Information is being illegally", "Donald Trump"),
    ("I have never had any involvement", "Tim Manafort"),
    ("furthermore, I have never knowingly", "Tim Manafort"),
    ("no new information", "Sean Spicer"),
    ("There’s nothing that would conclude", "Sean Spicer"),
    ("Of course not", "Mike Pence"),
    ("This is all a distraction", "Mike Pence"),
    ("There were contacts", "Sergei Ryabkov"),
    ("We are doing this", "Sergei Ryabkov"),
]


@pytest.fixture(scope="module")
def sample():
    path = sample_path()
    return analyze(path.read_text(encoding="utf-8"), path=str(path))


def by_start(a, words: str):
    found = [q for q in a.quotes if q.text.startswith(words)]
    assert len(found) == 1, f"{words!r}: {len(found)} quotes"
    return found[0]


def test_sample_has_all_24_quotations_in_order(sample):
    assert len(sample.quotes) == 24
    for q, (words, _) in zip(sample.quotes, EXPECTED):
        assert q.text.startswith(words), (q.id, q.text[:40], words)


@pytest.mark.parametrize(("n", "words", "speaker"), [(n, w, s) for n, (w, s) in enumerate(EXPECTED)], ids=[w[:24] for w, _ in EXPECTED])
def test_sample_speaker(sample, n, words, speaker):
    q = sample.quotes[n]
    assert q.text.startswith(words)
    assert sample.speaker_name(q) == speaker


def test_sample_at_least_22_of_24_right(sample):
    right = sum(
        1 for q, (words, speaker) in zip(sample.quotes, EXPECTED)
        if q.text.startswith(words) and sample.speaker_name(q) == speaker
    )
    assert right >= 22


def test_sample_no_speaker_is_a_pronoun_or_bare_surname(sample):
    pronouns = set(lexicon().pronouns)
    full_names = {s.name for s in sample.speakers if " " in s.name}
    surnames = {name.split()[-1] for name in full_names}
    for s in sample.speakers:
        assert s.name.lower() not in pronouns, s.name
        assert s.name not in surnames, f"bare surname {s.name!r} of a known full name"
    for q in sample.quotes:
        name = sample.speaker_name(q)
        assert name is not None, q.text[:40]
        assert name.lower() not in pronouns


def test_sample_speakers_merge_aliases(sample):
    names = {s.name: s for s in sample.speakers}
    assert "Mr Spicer" in names["Sean Spicer"].aliases
    assert len(names["Donald Trump"].quote_ids) == 6
    assert names["Maria Zakharova"].role == "a spokesperson for the Russian foreign ministry"
    # two Vladimirs: the senator is not the president
    assert "Vladimir Putin" not in names


def test_sample_zakharova_crimea_topic_links(sample):
    zakharova = by_start(sample, "Crimea is territory")
    trump = by_start(sample, "Crimea was TAKEN")
    white_house = by_start(sample, "expects the Russian government")
    topic = {(link.target, link.kind): link for link in sample.links_from(zakharova.id)}
    assert (trump.id, "topic") in topic
    assert (white_house.id, "topic") in topic
    assert "crimea" in [t.lower() for t in topic[(trump.id, "topic")].terms]
    assert "crimea" in [t.lower() for t in topic[(white_house.id, "topic")].terms]


def test_sample_pence_ryabkov_contrast_both_directions(sample):
    pence = by_start(sample, "Of course not. Why would there be any contact")
    ryabkov = by_start(sample, "There were contacts")
    assert any(link.target == ryabkov.id and link.kind == "contrast" for link in sample.links_from(pence.id))
    assert any(link.target == pence.id and link.kind == "contrast" for link in sample.links_from(ryabkov.id))


def test_sample_same_speaker_links_for_spicer(sample):
    spicer = [q for q in sample.quotes if sample.speaker_name(q) == "Sean Spicer"]
    assert len(spicer) == 3
    for a, b in zip(spicer, spicer[1:]):
        assert any(link.target == b.id and link.kind == "same_speaker" for link in sample.links_from(a.id))
        assert any(link.target == a.id and link.kind == "same_speaker" for link in sample.links_from(b.id))


def test_sample_kinds(sample):
    kinds = {words: sample.quotes[n].kind for n, (words, _) in enumerate(EXPECTED)}
    assert kinds["It Is A Conspiracy"] == "speech"
    assert kinds["returned"] == "term"
    assert kinds["very smart"] == "term"
    assert kinds["were part of an intelligence"] == "partial"
    assert kinds["Let's not believe"] == "speech"


def test_sample_links_never_point_to_themselves(sample):
    ids = {q.id for q in sample.quotes}
    for link in sample.links:
        assert link.source != link.target
        assert link.source in ids and link.target in ids


def test_sample_is_fast_enough():
    import time

    text = sample_path().read_text(encoding="utf-8")
    start = time.perf_counter()
    analyze(text)
    assert time.perf_counter() - start < 5.0
