"""Properties of ``analyze()`` on generated text rich in quote marks, names and speech verbs.

:func:`check_invariants` is the contract every analysis must satisfy; ``bench/fuzz.py``
runs the same checks on many more examples.
"""

from __future__ import annotations

import hashlib
import re
import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.analysis import analyze
from tui.analysis.model import Analysis

OPENERS = set("“„«‘‚‹\"'»›")
CLOSERS = set("”»\"’›'“«‹‘")

TOKENS = [
    "“", "”", '"', "'", "‘", "’", "«", "»", "„", "‚", "‹", "›",
    " ", " ", " ", " ", "\n", "\n\n", "\n\n", "\t", ", ", ". ", "! ", "? ", "—", "…", ":",
    "said", "says", "told reporters", "added", "asked", "according to", "wrote", "replied",
    "Ann", "Ann Lee", "Lee", "Bo Smith", "Oleg Varin", "Mr Pell", "Dr. Jones", "the spokesman",
    "he", "she", "they", "it", "I", "we",
    "don't", "Russians'", "it's", "rock 'n' roll", "’90s", "O'Brien",
    "The", "cat", "sat", "on", "the", "mat", "Yes", "No", "never", "conspiracy", "Elmford",
    "“Yes,”", "“No.”", '"Maybe"', "‘fine’", "«oui»", "é", "👋🏽", "e\u0301", "قال", "שלום",
]  # fmt: skip

PAIRS = [
    ("“", "”"),
    ('"', '"'),
    ("‘", "’"),
    ("«", "»"),
    ("„", "“"),
    ("‚", "‘"),
    ("‹", "›"),
    ("'", "'"),
]
WORDS = [
    "we",
    "will",
    "win",
    "never",
    "this",
    "is",
    "a",
    "conspiracy",
    "don't",
    "Russia",
    "it's",
    "Ann",
    "Lee",
    "said",
    "the",
    "news",
    "I",
    "O'Brien",
    "Russians'",
    "‘inner’",
    "“inner”",
]
NAMES = ["Ann Lee", "Bo Smith", "Oleg Varin", "he", "she", "the spokesman", "Mr Pell", "Lee"]
VERBS = ["said", "says", "told reporters", "added", "asked", "wrote", "replied", "claimed"]

words = st.lists(st.sampled_from(WORDS + TOKENS), min_size=1, max_size=10).map(" ".join)
quoted = st.builds(
    lambda pair, body, punct, closed: pair[0] + body + punct + (pair[1] if closed else ""),
    st.sampled_from(PAIRS),
    words,
    st.sampled_from(["", ",", ".", "!", "?", "…", " —"]),
    st.sampled_from([True, True, True, False]),
)
attribution = st.builds(
    lambda name, verb, after: f" {verb} {name}." if after else f" {name} {verb}.",
    st.sampled_from(NAMES),
    st.sampled_from(VERBS),
    st.booleans(),
)
segment = st.one_of(
    st.builds(str.__add__, quoted, attribution),
    st.builds(lambda a, q: a[1:-1] + ": " + q, attribution, quoted),
    quoted,
    words.map(lambda w: w + ". "),
    st.sampled_from(TOKENS),
    st.sampled_from(["\n\n", "\n", " ", "\n\n", "\r\n"]),
)
#: Text with quotation-shaped material, names, verbs, paragraphs and plain noise.
texts = st.one_of(
    st.lists(segment, max_size=40).map("".join),
    st.lists(st.sampled_from(TOKENS), max_size=80).map("".join),
).map(lambda t: t.replace("\r\n", "\n"))


def _after_aside(text: str, offset: int) -> bool:
    """``offset`` resumes a quotation after the narrator's aside ("…--(shaking his head)--the",
    "(to Emma), I am") or after nested speech ("she said, 'Come in.' So I")."""
    return re.search(r"(?:\)[,.;:]?|['’‘])[\s\-—–,.;:]*\Z", text[max(0, offset - 200) : offset]) is not None


def _after_unmarked_speech(text: str, offset: int) -> bool:
    """``offset`` resumes a quotation after nested speech whose marks a plain-text copy lost
    (no single mark in the whole text): "I went to the mill. All is well, said the miller."."""
    plain = "'" not in text and "’" not in text and "‘" not in text
    return plain and re.search(r"[\w,!?.;:][ \t\n]+\Z", text[max(0, offset - 20) : offset]) is not None


def _before_unmarked_speech(text: str, offset: int) -> bool:
    """``offset`` ends a piece right before nested speech whose marks were lost."""
    plain = "'" not in text and "’" not in text and "‘" not in text
    return plain and re.match(r"[ \t\n]+\w", text[offset : offset + 20]) is not None


def _after_block(text: str, offset: int) -> bool:
    """``offset`` opens a paragraph that resumes a quotation around an indented block."""
    before = re.search(r"\n\s*\n[ \t]*\Z", text[max(0, offset - 10) : offset]) is not None
    return before and re.search(r"\n[ \t]+\S", text[max(0, offset - 400) : offset + 400]) is not None


def _before_aside(text: str, offset: int) -> bool:
    return re.match(r"[\s\-—–]*[('‘]", text[offset : offset + 200]) is not None


def check_invariants(text: str, analysis: Analysis) -> None:
    """Everything that must hold for any text; raises AssertionError naming what broke."""
    n = len(text)
    assert analysis.text == text
    assert analysis.sha256 == hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    paragraph_ends = {p.end for p in analysis.paragraphs}
    for p in analysis.paragraphs:
        assert 0 <= p.start < p.end <= n, ("paragraph outside text", p)
    for s in analysis.sentences:
        assert 0 <= s.start <= s.end <= n, ("sentence outside text", s)

    quote_ids = [q.id for q in analysis.quotes]
    assert len(quote_ids) == len(set(quote_ids)), "duplicate quote ids"
    previous_end = 0
    for q in analysis.quotes:
        assert 0 <= q.start < q.end <= n, ("quote span outside text", q.id, q.start, q.end)
        assert q.start >= previous_end, ("quotes overlap or are unsorted", q.id)
        previous_end = q.end
        span = text[q.start : q.end]
        resumes = span[0] not in OPENERS and (_after_aside(text, q.start) or _after_block(text, q.start) or _after_unmarked_speech(text, q.start))
        assert span[0] in OPENERS or resumes, ("quote does not start with an opening mark", q.id, span)
        body = span if resumes else span[1:]
        closed = len(body) >= 1 and body[-1] in CLOSERS and q.text == body[:-1]
        left_open = q.text == body and (q.end in paragraph_ends or _before_aside(text, q.end) or _before_unmarked_speech(text, q.end))
        assert closed or left_open, ("text is not the span without its marks", q.id, span, q.text)
        assert 0 <= q.paragraph < len(analysis.paragraphs), ("bad paragraph index", q.id)
        para = analysis.paragraphs[q.paragraph]
        assert para.start <= q.start < para.end, ("quote not in its paragraph", q.id)
        assert 0 <= q.sentence < max(1, len(analysis.sentences)), ("bad sentence index", q.id)
        assert 0.0 <= q.confidence <= 1.0, ("confidence out of range", q.id)
        for label, m in (("mention", q.mention), ("cue", q.cue)):
            if m is None:
                continue
            assert 0 <= m.start < m.end <= n, (f"{label} outside text", q.id, m)
            assert text[m.start : m.end] == m.text, (f"{label} text differs from its span", q.id, m)
            assert m.end <= q.start or m.start >= q.end, (f"{label} inside its quotation", q.id, m)
        if q.speaker_id is None:
            assert q.mention is None, ("mention without a speaker", q.id)

    speakers = {s.id: s for s in analysis.speakers}
    assert len(speakers) == len(analysis.speakers), "duplicate speaker ids"
    for q in analysis.quotes:
        if q.speaker_id is not None:
            assert q.speaker_id in speakers, ("quote names a missing speaker", q.id, q.speaker_id)
            assert q.id in speakers[q.speaker_id].quote_ids, ("speaker lacks its quote", q.id)
    by_id = {q.id: q for q in analysis.quotes}
    for s in analysis.speakers:
        for qid in s.quote_ids:
            assert qid in by_id, ("speaker lists a missing quote", s.id, qid)
            assert by_id[qid].speaker_id == s.id, ("speaker lists another's quote", s.id, qid)
    for link in analysis.links:
        assert link.source in by_id and link.target in by_id, ("dangling link", link)
        assert link.source != link.target, ("self link", link)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("")
@example("“")
@example("“a” said Ann.\n\n“b")
@example("“Para one.\n\n“Para two,” said Ann Lee.")
@example("'\"'\"'“‘«»’”")
def test_invariants(text):
    check_invariants(text, analyze(text))


#: Enough invented dialogue to put the engine in fiction mode (asides, terms, descriptions).
FICTION_PRELUDE = "\n\n".join(
    f"“The tide is turning at {n},” said {'Wren Talbot' if n % 2 else 'the girl'}. “And so (smiling,) we go.”"
    for n in range(400)
)
aside = st.sampled_from(["(smiling,)", "(to Ann Lee)", "--(rubbing his chin)--", "(with a sigh)", "(", ")", "(I said)", "()"])
fiction_segment = st.one_of(
    segment,
    st.builds(lambda q, a, w: q[:-1] + " " + a + " " + w + q[-1:], quoted, aside, words),
    aside,
)
fiction_texts = st.lists(fiction_segment, max_size=30).map(lambda parts: FICTION_PRELUDE + "\n\n" + "".join(parts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fiction_texts)
@example(FICTION_PRELUDE + "\n\n“Oh!--(rubbing his chin)--the weather,” said Ann Lee.")
@example(FICTION_PRELUDE + "\n\n“(smiling,) (to Ann Lee) ”")
@example(FICTION_PRELUDE + "\n\n“we said.\r\n(smiling,)Ann Lee said: “we”")
@example(FICTION_PRELUDE + "\n\n“we, he said.“we” Ann Lee said.")  # marked words right after an unmarked cue
def test_invariants_in_fiction(text):
    analysis = analyze(text)
    assert len(analysis.quotes) > 400  # the prelude puts the engine in fiction mode
    check_invariants(text, analysis)


@settings(max_examples=100, deadline=None)
@given(texts)
def test_deterministic(text):
    first = analyze(text)
    second = analyze(text)
    assert first.to_dict() == second.to_dict()
    assert first == second


@settings(max_examples=100, deadline=None)
@given(texts, st.sampled_from(["\r\n", "\r"]))
def test_line_endings_do_not_matter_after_reading(text, newline):
    from tui.analysis.reading import load_bytes

    loaded = load_bytes(text.replace("\n", newline).encode("utf-8"))
    assert loaded.text == text
    assert analyze(loaded.text).to_dict() == analyze(text).to_dict()


ADVERSARIAL = {
    "straight doubles": lambda n: '"' * n,
    "curly openers": lambda n: "“" * n,
    "open then word": lambda n: ("“a " * n)[:n],
    "apostrophes": lambda n: ("'tis O'Brien's '90s " * n)[:n],
    "alternating": lambda n: ("“”" * n)[:n],
    "said soup": lambda n: ("“Yes,” said Ann Lee. " * n)[:n],
    "no closing ever": lambda n: ("“Ann said he told them " * n)[:n],
    "paragraph openers": lambda n: ("“Continued\n\n" * n)[:n],
    "mixed marks": lambda n: ("«‹„‚“‘\"' ”’»›said " * n)[:n],
    "names no quotes": lambda n: ("Ann Lee Bo Smith Oleg Varin said " * n)[:n],
}


def _ratio(small: str, large: str, runs: int = 5) -> tuple[float, float]:
    """Best times of ``small`` and ``large``, measured alternately so that load from other
    processes falls on both."""
    best_small = best_large = float("inf")
    for _ in range(runs):
        for text, is_small in ((small, True), (large, False)):
            start = time.perf_counter()
            analyze(text)
            elapsed = time.perf_counter() - start
            if is_small:
                best_small = min(best_small, elapsed)
            else:
                best_large = min(best_large, elapsed)
    return max(best_small, 0.005), best_large  # below 5 ms the ratio is noise


def test_adversarial_inputs_scale_linearly():
    """20,000 characters may take about twice as long as 10,000, not four times.

    A case counts as slow only if every one of three measurements exceeds 3.2x; a
    quadratic step gives about 4x every time, a busy machine only now and then.
    """
    analyze("warm up “the” tokenizer, said Ann.")
    slow = {}
    for name, make in ADVERSARIAL.items():
        small, large = make(10_000), make(20_000)
        assert len(small) == 10_000 and len(large) == 20_000
        check_invariants(large, analyze(large))
        for _attempt in range(3):
            t_small, t_large = _ratio(small, large)
            if t_large <= 3.2 * t_small:
                break
        else:
            slow[name] = (round(t_small, 3), round(t_large, 3))
    assert not slow, f"super-linear growth (10k s, 20k s): {slow}"
