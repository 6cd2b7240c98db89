"""Cross-references between quotations: same speaker, continuation, topic and contrast.

Topic links share salient content words, stemmed exactly as NLTK's Snowball (Porter 2) stemmer
does (:mod:`.stem`, a faster rendering of it) and weighted
like TF-IDF over the document's quotations. Candidates come from an inverted index of
terms, so no pair of quotations is compared unless they share a reasonably rare term.
A contrast is a topic link between a denial (not, never, no, deny …) and an affirmation.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import chain, filterfalse, repeat

from .lexicon import lexicon
from .memo import vocabulary_memo
from .model import Link, Quote
from .records import constructor
from .stem import stem as snowball_stem

_new_link = constructor(Link)  # Link(...), built faster (.records)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
TOPIC_PER_QUOTE = 3
MIN_TOPIC_SCORE = 0.25


def content_terms(text: str) -> tuple[dict[str, str], bool]:
    """Stemmed content words (stem -> a surface form) and whether the text is a denial."""
    return _terms_of(_content_words().findall(text.lower().replace("’", "'")))


def _terms_of(words: list[str]) -> tuple[dict[str, str], bool]:
    """The content terms and the denial flag of a quotation's lower-cased words."""
    terms: dict[str, str] = {}
    negative = False
    roles = _word_roles
    for low in words:
        role = roles.get(low)
        if role is None:
            role = roles[low] = _word_role(low)
        if role is _NEGATION:
            negative = True
        elif role is not _SKIP and role not in terms:
            terms[role] = low
    return terms, negative


def _all_content_terms(texts: list[str]) -> list[tuple[dict[str, str], bool]]:
    """``[content_terms(text) for text in texts]``. The ASCII texts are read together, from
    the runs of letters, apostrophes and hyphens that one translation and one split of them
    all give (see :data:`_ASCII_RUNS`), instead of a pattern that tries every character."""
    separator = _SEPARATOR.strip()
    out: list = [None] * len(texts)
    joined = _SEPARATOR.join(texts)
    if joined.isascii() and joined.count(separator) == len(texts) - 1:  # (most often: all of them)
        together: list[int] = list(range(len(texts)))
    else:
        together = []
        for k, text in enumerate(texts):
            if text.isascii() and separator not in text:
                together.append(k)
            else:
                out[k] = content_terms(text)
        joined = _SEPARATOR.join([texts[k] for k in together])
    if not together:
        return out
    # each run without the apostrophes and hyphens it opens with: a match of _content_words
    # from its first letter to its end when of three characters or more; a shorter one is
    # skipped as such a match would be (_word_role), or a negation ("no") as it matches
    # (less the stop words, whose role is to be skipped wherever they stand: left out in C)
    words = list(filterfalse(_plain_skips().__contains__, map(str.lstrip, joined.translate(_ASCII_RUNS).split(), repeat("'-"))))
    start = 0
    last = together[-1]
    for k in together:
        end = words.index(separator, start) if k != last else len(words)
        out[k] = _terms_of(words[start:end])
        start = end + 1
    return out


_SEPARATOR = " \x01 "  # (a character no ASCII run holds, as a run of its own)
# An ASCII text lower-cased, with every character but letters, apostrophes and hyphens as
# white space (the separator kept): its pieces are the runs of _content_words's class
# (test_scans)
_ASCII_RUNS = str.maketrans(
    {chr(c): chr(c).lower() if chr(c).isalpha() or chr(c) in "'-" else " " for c in range(128) if chr(c) != "\x01"}
)


@lru_cache(maxsize=1)
def _content_words() -> re.Pattern:
    """``_WORD``'s words that can have a role: those of three characters or more, and the
    two-letter negations ("no"); every other two-letter word is skipped (see
    :func:`_word_role`). A word is a run of the class that starts with a letter, so a
    two-letter run is one that nothing of the class follows (test_scans)."""
    short = sorted(w for w in lexicon().negations if len(w) == 2 and w.isalpha() and w.isascii())
    rest = "".join(f"|{w}(?![A-Za-z'’-])" for w in short)
    return re.compile(r"[A-Za-z][A-Za-z'’-]{2,}" + rest)


@lru_cache(maxsize=1)
def _plain_skips() -> frozenset[str]:
    """The stop words :func:`_word_role` skips (all but the negations among them)."""
    return frozenset(w for w in lexicon().stopwords if _word_role(w) is _SKIP)


_NEGATION = "<negation>"
_SKIP = "<skip>"
_word_roles: dict[str, str] = vocabulary_memo()  # lower-case word -> stem, _NEGATION or _SKIP


def _word_role(low: str) -> str:
    lex = lexicon()
    if low in lex.negations or low.endswith("n't"):
        return _NEGATION
    if len(low) < 3 or low in lex.stopwords:
        return _SKIP
    return snowball_stem(low)


def build_links(quotes: list[Quote], runs_on: frozenset[str] = frozenset()) -> list[Link]:
    """Every cross-reference; ``runs_on`` names the quotations that continue the one before
    them into a new paragraph (one long quotation)."""
    links: list[Link] = []
    # same speaker: previous and next statement
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        if q.speaker_id is not None and q.kind != "title":
            by_speaker[q.speaker_id].append(q)
    for qs in by_speaker.values():
        for a, b in zip(qs, qs[1:]):
            links.append(_new_link(a.id, b.id, "same_speaker", (), 1.0))
            links.append(_new_link(b.id, a.id, "same_speaker", (), 1.0))
    # continuation
    for prev, q in zip(quotes, quotes[1:]):
        if (q.sieve == "continuation" or q.id in runs_on) and q.speaker_id is not None and q.speaker_id == prev.speaker_id:
            links.append(_new_link(prev.id, q.id, "continuation", (), 1.0))
            links.append(_new_link(q.id, prev.id, "continuation", (), 1.0))
    links.extend(_topic_links(quotes))
    return links


def _topic_links(quotes: list[Quote]) -> list[Link]:
    eligible = [q for q in quotes if q.kind in ("speech", "partial")]
    n = len(eligible)
    if n < 2:
        return []
    terms: list[dict[str, str]] = []
    negative: list[bool] = []
    for t, neg in _all_content_terms([q.text for q in eligible]):
        terms.append(t)
        negative.append(neg)
    df = Counter(chain.from_iterable(terms))
    max_df = min(12, max(4, int(n * 0.05) + 1))
    # only terms that can be shared (in 2 to max_df quotations) count, for length too
    log = math.log
    weight = {stem: log((n + 1) / (c + 0.5)) ** 2 for stem, c in df.items() if 2 <= c <= max_df}  # idf²
    salient = [[stem for stem in t if stem in weight] for t in terms]
    wget = weight.__getitem__
    sqrt = math.sqrt
    norms = [sqrt(sum(map(wget, ss))) or 1.0 for ss in salient]
    postings: dict[str, list[int]] = {stem: [] for stem in weight}
    for k, ss in enumerate(salient):
        for stem in ss:
            postings[stem].append(k)
    pairs: dict[tuple[int, int], tuple[float, tuple[str, ...]]] = {}
    speakers = [q.speaker_id for q in eligible]
    for k, ss in enumerate(salient):
        if not ss:
            continue
        stem = ss[0]
        acc = dict.fromkeys(postings[stem], weight[stem])  # (0.0 + w is w)
        get = acc.get
        for stem in ss[1:]:
            w = weight[stem]
            for other in postings[stem]:
                acc[other] = get(other, 0.0) + w
        del acc[k]
        speaker = speakers[k]
        norm = norms[k]
        scored = [  # (-score, other): best first, ties by position
            (-score, other)
            for other, total in acc.items()
            if (score := total / (norm * norms[other])) >= MIN_TOPIC_SCORE and (speaker is None or speakers[other] != speaker)
        ]
        if not scored:
            continue
        t = terms[k]
        scored.sort()  # (short lists: sorting beats heapq.nsmallest, with the same result)
        for neg_score, other in scored[:TOPIC_PER_QUOTE]:
            pair = (k, other) if k < other else (other, k)
            if pair not in pairs:
                theirs = terms[other]
                pairs[pair] = (-neg_score, tuple(sorted([t[s] for s in ss if s in theirs])))
    links: list[Link] = []
    append = links.append
    new_link = _new_link
    for (k, other), (score, words) in sorted(pairs.items()):
        a, b = eligible[k].id, eligible[other].id
        if negative[k] != negative[other]:
            links += (new_link(a, b, "topic", words, score), new_link(a, b, "contrast", words, score),
                      new_link(b, a, "topic", words, score), new_link(b, a, "contrast", words, score))
        else:
            append(new_link(a, b, "topic", words, score))
            append(new_link(b, a, "topic", words, score))
    return links
