"""Cross-references: same speaker, continuation, topic (shared stemmed terms) and contrast."""

from __future__ import annotations

from nltk.stem.snowball import SnowballStemmer

from tui.analysis import analyze
from tui.analysis.links import build_links, content_terms
from tui.analysis.model import LINK_KINDS, Quote

_stem = SnowballStemmer("english").stem


def quote(n: int, text: str, speaker: str | None, kind: str = "speech", sieve: str = "trailing_cue") -> Quote:
    return Quote(
        id=f"q{n}", start=n * 100, end=n * 100 + len(text) + 2, text=text, kind=kind,  # type: ignore[arg-type]
        paragraph=n, sentence=n, speaker_id=speaker, sieve=sieve if speaker else "none",
    )


def links_of(links, kind: str) -> set[tuple[str, str]]:
    return {(link.source, link.target) for link in links if link.kind == kind}


def find(links, source: str, target: str, kind: str):
    found = [link for link in links if (link.source, link.target, link.kind) == (source, target, kind)]
    assert len(found) <= 1, "duplicate link"
    return found[0] if found else None


DEBATE = (
    "Ilse Brandt, a farmer from the lower valley, spoke at the meeting. "
    "“The new reservoir floods our orchards every spring,” Ilse Brandt said.\n\n"
    "Karl Mertens, the project engineer, answered her. "
    "“The reservoir has never flooded a single orchard,” Karl Mertens said.\n\n"
    "“We will publish the survey next month,” Karl Mertens added.\n\n"
    "“The survey will show the orchards are dry,” Ilse Brandt replied.\n\n"
    "The meeting ended after midnight."
)


def test_same_speaker_links_previous_and_next_in_both_directions():
    a = analyze(DEBATE)
    assert [a.speaker_name(q) for q in a.quotes] == ["Ilse Brandt", "Karl Mertens", "Karl Mertens", "Ilse Brandt"]
    same = links_of(a.links, "same_speaker")
    assert {("q1", "q4"), ("q4", "q1"), ("q2", "q3"), ("q3", "q2")} <= same
    assert ("q1", "q2") not in same and ("q2", "q1") not in same


def test_same_speaker_links_only_neighbouring_statements():
    qs = [quote(1, "One thing.", "s1"), quote(2, "Another thing.", "s1"), quote(3, "A third thing.", "s1")]
    same = links_of(build_links(qs), "same_speaker")
    assert same == {("q1", "q2"), ("q2", "q1"), ("q2", "q3"), ("q3", "q2")}


def test_unattributed_quotes_get_no_same_speaker_links():
    qs = [quote(1, "One thing.", None), quote(2, "Another thing.", None)]
    assert links_of(build_links(qs), "same_speaker") == set()


def test_titles_get_no_same_speaker_links():
    qs = [quote(1, "One thing.", "s1"), quote(2, "The Silent Orchard", "s1", kind="title"), quote(3, "Two.", "s1")]
    assert links_of(build_links(qs), "same_speaker") == {("q1", "q3"), ("q3", "q1")}


def test_topic_link_lists_shared_stemmed_terms():
    a = analyze(DEBATE)
    link = find(a.links, "q1", "q2", "topic")
    assert link is not None
    stems = {_stem(t) for t in link.terms}
    assert {"reservoir", "flood", "orchard"} <= stems  # floods / flooded, orchards / orchard
    back = find(a.links, "q2", "q1", "topic")
    assert back is not None and back.terms == link.terms
    assert 0.0 < link.score <= 1.0 + 1e-9


def test_topic_terms_are_content_words_not_stopwords():
    a = analyze(DEBATE)
    for link in a.links:
        if link.kind in ("topic", "contrast"):
            assert link.terms
            for term in link.terms:
                assert term.lower() not in {"the", "our", "will", "every", "a", "has"}
                assert len(term) >= 3


def test_no_topic_link_without_a_shared_term():
    qs = [
        quote(1, "The reservoir floods our orchards every spring.", "s1"),
        quote(2, "Tickets for the concert sell quickly.", "s2"),
    ]
    assert links_of(build_links(qs), "topic") == set()


def test_contrast_between_a_denial_and_an_affirmation_on_the_same_topic():
    a = analyze(DEBATE)
    # q1 affirms, q2 denies ("never"), on the reservoir flooding the orchards
    assert find(a.links, "q1", "q2", "contrast") is not None
    assert find(a.links, "q2", "q1", "contrast") is not None


def test_no_contrast_between_two_affirmations():
    qs = [
        quote(1, "The reservoir floods our orchards every spring.", "s1"),
        quote(2, "The reservoir floods the orchards and the meadows.", "s2"),
    ]
    links = build_links(qs)
    assert links_of(links, "topic") == {("q1", "q2"), ("q2", "q1")}
    assert links_of(links, "contrast") == set()


def test_contrast_with_a_contraction_denial():
    qs = [
        quote(1, "The ferry timetable changes in winter.", "s1"),
        quote(2, "The ferry timetable doesn't change at all.", "s2"),
    ]
    assert links_of(build_links(qs), "contrast") == {("q1", "q2"), ("q2", "q1")}


def test_content_terms_stems_and_negation():
    terms, negative = content_terms("We never flooded the orchards.")
    assert negative is True
    assert "flood" in terms and "orchard" in terms
    assert "the" not in terms and "never" not in terms
    terms, negative = content_terms("The orchards flood.")
    assert negative is False


def test_continuation_links_both_directions():
    t = "“The bridge is closed,” Anna Kowalski said. “It will reopen next spring.”"
    a = analyze(t)
    assert a.quotes[1].sieve == "continuation"
    assert links_of(a.links, "continuation") == {("q1", "q2"), ("q2", "q1")}


def test_links_from_lookup_matches_links():
    a = analyze(DEBATE)
    for q in a.quotes:
        assert a.links_from(q.id) == [link for link in a.links if link.source == q.id]


def test_links_are_well_formed():
    a = analyze(DEBATE)
    ids = {q.id for q in a.quotes}
    seen = set()
    assert a.links
    for link in a.links:
        assert link.source != link.target
        assert link.source in ids and link.target in ids
        assert link.kind in LINK_KINDS
        key = (link.source, link.target, link.kind)
        assert key not in seen
        seen.add(key)
        # every link has its reverse
        assert find(a.links, link.target, link.source, link.kind) is not None
