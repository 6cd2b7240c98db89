"""The text layer: paragraphs, Punkt sentences and word tokens, all as offsets.

Nothing here needs ``nltk_data``: the Punkt parameters are package data (JSON) trained by
``bench/train_punkt.py``, and tokens come from a ``RegexpTokenizer``'s ``span_tokenize``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

# isort: off
from . import _nltk  # noqa: F401  (NLTK without numpy/scipy: must come first)
# isort: on
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters

from .model import Paragraph, Sentence
from .punkt import FastPunkt
from .records import constructor

_new_paragraph = constructor(Paragraph)  # Paragraph(...) and Sentence(...), built faster (.records)
_new_sentence = constructor(Sentence)

# A paragraph is a run of non-blank lines (blank = only spaces/tabs).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# Words (with inner apostrophes, hyphens and dotted initials), numbers (with their
# thousands' commas: "2,000" is one word), or any other
# single non-space character.
TOKEN_PATTERN = r"(?:[A-Z]\.){2,}|[A-HJ-Z]\.(?=\s+[A-Z][a-z])|\d{1,3}(?:,\d{3})+(?!\d)|\w+(?:['’.\-]\w+)*|[^\w\s]"
_tokenizer = RegexpTokenizer(TOKEN_PATTERN)
# The same pattern compiled with ``re``: NLTK 3.10 runs RegexpTokenizer through a
# time-guarded regex engine that costs about 3× more on the hot path of the tagger.
TOKEN_RE = re.compile(TOKEN_PATTERN)


def punkt_parameters() -> PunktParameters:
    """Punkt's shipped parameters, loaded on the first call (a plain function over a global,
    as :func:`.lexicon.lexicon`: the sentence-end tests ask thousands of times a novel)."""
    params = _punkt_parameters
    if params is None:
        params = _load_punkt_parameters()
    return params


_punkt_parameters: PunktParameters | None = None


def _load_punkt_parameters() -> PunktParameters:
    global _punkt_parameters
    raw = resources.files("tui.analysis").joinpath("data/punkt.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    params = PunktParameters()
    params.abbrev_types = set(data["abbrev_types"])
    params.collocations = {tuple(pair) for pair in data["collocations"]}
    params.sent_starters = set(data["sent_starters"])
    for word, flags in data["ortho_context"].items():
        params.ortho_context[word] = flags
    _punkt_parameters = params
    return params


@lru_cache(maxsize=1)
def punkt_tokenizer() -> FastPunkt:
    """NLTK's Punkt sentence splitter with closeread's shipped parameters (its decisions,
    made faster: :mod:`.punkt`)."""
    return FastPunkt(punkt_parameters())


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs as offsets, blank-line separated, surrounding white space trimmed."""
    paragraphs: list[Paragraph] = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        _add_paragraph(text, pos, match.start(), paragraphs)
        pos = match.end()
    _add_paragraph(text, pos, len(text), paragraphs)
    return paragraphs


def _add_paragraph(text: str, start: int, end: int, out: list[Paragraph]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(_new_paragraph(len(out), start, end))


def split_sentences(text: str, paragraphs: list[Paragraph]) -> list[Sentence]:
    """Punkt sentences inside each paragraph (a sentence never crosses a paragraph)."""
    tokenizer = punkt_tokenizer()
    sentences: list[Sentence] = []
    append = sentences.append
    starts = [para.start for para in paragraphs]
    ends = [para.end for para in paragraphs]
    n = len(paragraphs)
    p = 0  # the paragraph the next span starts in
    for block_start, block_end, possible_break in _blocks(text, paragraphs):
        if not possible_break:
            # no period, question or exclamation mark before more text: Punkt could only
            # return the block's paragraphs as they are
            while p < n and ends[p] <= block_start:
                p += 1
            while p < n and starts[p] < block_end:
                append(_new_sentence(len(sentences), starts[p], ends[p], paragraphs[p].index))
                p += 1
            continue
        for start, end in tokenizer.spans(text[block_start:block_end]):
            start += block_start
            end += block_start
            # Punkt may run a sentence over a blank line ("Chapter I" has no period):
            # cut it at paragraph boundaries
            while p < n and ends[p] <= start:
                p += 1
            if p < n and starts[p] <= start and end <= ends[p]:  # (most: inside one paragraph)
                if end > start:
                    append(_new_sentence(len(sentences), start, end, paragraphs[p].index))
                continue
            q = p
            while q < n and starts[q] < end:
                s = start if start > starts[q] else starts[q]
                e = end if end < ends[q] else ends[q]
                if e > s:
                    append(_new_sentence(len(sentences), s, e, paragraphs[q].index))
                q += 1
    return sentences


BLOCK = 100_000
_POSSIBLE_BREAK = re.compile(r"[.?!…][\"'”’)\]]*\s+\S")


def _possible_break(text: str, start: int, end: int) -> bool:
    """``_POSSIBLE_BREAK.search(text, start, end) is not None``: the pattern tried only where
    one of its marks stands (``str.find``, in C, where ``re`` tests every character against
    the class of marks; the first period of a paragraph mostly is a break)."""
    find = text.find
    match = _POSSIBLE_BREAK.match
    for mark in _BREAK_MARKS:
        k = find(mark, start, end)
        while k >= 0:
            if match(text, k, end) is not None:
                return True
            k = find(mark, k + 1, end)
    return False


_BREAK_MARKS = ".?!…"  # (the class _POSSIBLE_BREAK opens with)


def _blocks(text: str, paragraphs: list[Paragraph]) -> list[tuple[int, int, bool]]:
    """Runs of whole paragraphs of about :data:`BLOCK` characters (one Punkt call each); a
    paragraph longer than :data:`MAX_PIECE` is cut into pieces of its own. Each comes with
    whether it holds a possible sentence break at all."""
    blocks: list[tuple[int, int, bool]] = []
    start = end = None
    for para in paragraphs:
        if not _possible_break(text, para.start, para.end):
            # a one-sentence paragraph (most lines of dialogue): no Punkt needed
            if start is not None:
                blocks.append((start, end, True))
                start = None
            blocks.append((para.start, para.end, False))
            continue
        if para.end - para.start > MAX_PIECE:
            if start is not None:
                blocks.append((start, end, True))
                start = None
            blocks.extend((s, e, _POSSIBLE_BREAK.search(text, s, e) is not None) for s, e in _pieces(text, para.start, para.end))
            continue
        if start is None:
            start = para.start
        elif para.end - start > BLOCK:
            blocks.append((start, end, True))
            start = para.start
        end = para.end
    if start is not None:
        blocks.append((start, end, True))
    return blocks


MAX_PIECE = 20_000  # NLTK guards Punkt's regular expressions with a time limit: keep inputs small


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph cut, if it is very long, after sentence-like ends (". ") or white space."""
    pieces = []
    while end - start > MAX_PIECE:
        limit = start + MAX_PIECE
        cut = max(text.rfind(". ", start, limit), text.rfind("? ", start, limit), text.rfind("! ", start, limit))
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        cut = limit if cut <= start else cut + 1
        pieces.append((start, cut))
        while cut < end and text[cut].isspace():
            cut += 1
        start = cut
    pieces.append((start, end))
    return pieces


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word tokens of ``text[start:end]`` as absolute offsets."""
    end = len(text) if end is None else end
    return [(start + s, start + e) for s, e in _tokenizer.span_tokenize(text[start:end])]


# The characters other than ASCII letters that an ``re.IGNORECASE`` pattern of ASCII letters
# matches (İ ı ſ K), and the only one whose ``str.lower()`` is longer than one character (İ)
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def article_before(text: str, words: list[str], start: int, end: int) -> bool:
    r"""Whether "a" or "an" and then ``words`` (white space between them, word boundaries
    around, any case) are written in ``text[start:end]``: whether
    ``\b(?:a|an)\s+word1\s+word2…\b`` (``re.IGNORECASE``) matches between ``start`` and
    ``end``. That search tries every position of the stretch; instead each place the first
    word is written (found in the stretch in lower case) is tried, from the "a" or "an" the
    white space before it leaves (one or two characters before it)."""
    pattern = re.compile(r"\b(?:a|an)\s+" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.I)
    window = text[start:end]
    if not all(w.isascii() for w in words) or any(ch in window for ch in _FOLDS_TO_ASCII):
        return pattern.search(text, start, end) is not None
    # ASCII words and none of those characters: a match's first word, lower-cased, is where
    # it stands in the lower-cased stretch (each character lower-cased into one)
    low = window.lower()
    first = words[0].lower()
    match = pattern.match
    p = low.find(first)
    while p >= 0:
        at = j = start + p
        while j > start and text[j - 1].isspace():
            j -= 1
        if j < at:
            for s in (j - 2, j - 1):
                if s >= start and match(text, s, end) is not None:
                    return True
        p = low.find(first, p + 1)
    return False
