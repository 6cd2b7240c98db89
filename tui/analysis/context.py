"""Shared working state for attribution: the document's quotes and their narration windows."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .lexicon import lexicon
from .model import Paragraph, Sentence
from .phrases import Phrase, Token, chunk_phrases, tag_tokens
from .quotes import RawQuote
from .text import punkt_parameters

_TERMINATOR = re.compile(r"[.!?…]+['\"’”)]*(?=\s)")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Prof|Gen|Gov|Sen|Rep|Capt|Col|Lt|Sgt|Rev|Hon|No|vs|[A-Z])\.)$")


def sentence_ends(text: str, start: int, end: int):
    """Sentence-final punctuation in ``text[start:end]`` (not "Mr." or an initial)."""
    abbreviations = punkt_parameters().abbrev_types
    for m in _TERMINATOR.finditer(text, start, end):
        if _ends_sentence(text, start, m, abbreviations):
            yield m


def first_sentence_end(text: str, start: int, end: int) -> re.Match | None:
    """``next(sentence_ends(text, start, end), None)``, without the generator (one search
    after another: most windows hold no candidate, and a search costs less than an
    iterator; each match is at least one character, so the next search starts at its end,
    as ``finditer`` goes on)."""
    search = _TERMINATOR.search
    m = search(text, start, end)
    if m is None:
        return None
    abbreviations = punkt_parameters().abbrev_types
    while m is not None:
        if _ends_sentence(text, start, m, abbreviations):
            return m
        m = search(text, m.end(), end)
    return None


def last_sentence_end(text: str, start: int, end: int) -> re.Match | None:
    """The last of :func:`sentence_ends`, or None, found from the end back: the last
    terminating character before ``pos`` (``str.rfind``, in C, where a pattern would walk
    the whole window), the start of its run of terminators (no earlier than ``start``), and
    :data:`_TERMINATOR` tried there, as ``finditer`` would have (a match takes a whole run of
    terminators, and a run with no match has none anywhere inside it); then the runs before
    it, until one ends a sentence."""
    if start >= end:
        return None  # (a leading window often has no narration at all: no candidate)
    abbreviations = punkt_parameters().abbrev_types
    rfind = text.rfind
    pos = end
    while True:
        k = max(rfind(".", start, pos), rfind("!", start, pos), rfind("?", start, pos), rfind("…", start, pos))
        if k < 0:
            return None
        while k > start and text[k - 1] in _TERMINATORS:
            k -= 1
        m = _TERMINATOR.match(text, k, end)
        if m is not None and _ends_sentence(text, start, m, abbreviations):
            return m
        pos = k


_TERMINATORS = ".!?…"  # (the characters of _TERMINATOR's run)


def _ends_sentence(text: str, start: int, m: re.Match, abbreviations: set[str]) -> bool:
    at = m.start()
    if text[at] == ".":
        if _ABBREVIATION.search(text, max(start, at - 5), at + 1):
            return False
        w = _LAST_WORD.search(text, max(start, at - 12), at)
        if w and w.group(1).lower() in abbreviations:
            return False  # "Sen.", "Vt.", "Jan."
    return True


_LAST_WORD = re.compile(r"([\w.]+)$")
NARRATION_REACH = 1500  # how far back a pronoun looks for its antecedent in one paragraph
_ENDS_SENTENCE = re.compile(r"[.!?…]['\"’”)]*\s*$")


NAME_WORD_MIN = 8
_NOT_BEFORE_A_NAME = frozenset(
    "in of on since until till last next early late through during from by before after "
    "the a an his her my your their our its this every each".split()
)


_WORD_BEFORE = re.compile(r"(?<![A-Za-z])([a-z]+|,)[ \t\n]+$")  # a lower-case word or a comma


_NAME_WORD_END = re.compile(r"(?![\w'’-])(?![ \t\n]*\d)")  # the whole word, and no number after it ("May 5")


@lru_cache(maxsize=1)
def _name_word_pattern() -> re.Pattern:
    """Capitalised common words that are also first names ("May", "Will", "June")."""
    lex = lexicon()
    words = (lex.stop_capitals | lex.non_person_capitals) & set(lex.first_names)
    words = {w.capitalize() for w in words - set(lex.honorifics) if len(w) > 2}
    return re.compile("|".join(sorted(words, key=lambda w: (-len(w), w))))


@dataclass
class Attribution:
    """The result of one sieve for one quotation (mutable while the sieves run)."""

    sieve: str
    confidence: float
    phrase: Phrase | None = None  # the words the attribution rests on
    cue: Token | None = None  # the speech verb
    antecedent: Phrase | None = None  # for pronouns: the phrase it refers to
    same_as: int | None = None  # index of a quotation whose speaker this one shares

    def copy(self) -> Attribution:
        """A shallow copy (every field: ``tests/analysis`` checks; several times faster than
        ``dataclasses.replace``, and the sieves make thousands)."""
        return Attribution(self.sieve, self.confidence, self.phrase, self.cue, self.antecedent, self.same_as)


@dataclass
class Context:
    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    quotes: list[RawQuote]
    fiction: bool = False
    kinds: list[str] = field(default_factory=list)
    attributions: list[Attribution | None] = field(default_factory=list)
    _para_starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list)
    _quote_ends: list[int] = field(default_factory=list)
    _windows: dict[tuple[int, int], list[Token]] = field(default_factory=dict)
    _by_para: dict[int, list[int]] = field(default_factory=dict)
    _phrases: dict[tuple[int, int], list[Phrase]] = field(default_factory=dict)
    _leading: dict[tuple[int, int], tuple[int, int, bool]] = field(default_factory=dict)
    # memos of the sieves and of .speakers, for this document (see the functions that fill them)
    _cue_memo: dict = field(default_factory=dict)
    _roots: dict = field(default_factory=dict)
    _root_atts: dict = field(default_factory=dict)
    _phrase_gender: dict = field(default_factory=dict)
    _phrase_gender_by_words: dict = field(default_factory=dict)
    _pronoun_gender: dict = field(default_factory=dict)
    _written_as_name: dict = field(default_factory=dict)
    _with_honorific: dict = field(default_factory=dict)
    _vocatives: dict = field(default_factory=dict)
    _name_words: frozenset[str] | None = None
    # the caches .speakers makes when it first needs them, by name (capital_pairs, bigrams,
    # honorifics …): one attribute, not one each — CPython 3.11 keeps at most 30 attributes
    # of a class's instances in a shared-key table, and an instance given more gets a dict
    # of its own, which makes every attribute look-up on it slower
    _lazy: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._para_starts = [p.start for p in self.paragraphs]
        self._sentence_starts = [s.start for s in self.sentences]
        self._quote_starts = [q.start for q in self.quotes]
        self._quote_ends = [q.end for q in self.quotes]
        by_para = self._by_para
        for i, q in enumerate(self.quotes):  # (no empty list made per quotation, as setdefault's argument)
            found = by_para.get(q.paragraph)
            if found is None:
                by_para[q.paragraph] = [i]
            else:
                found.append(i)
        self.attributions = [None] * len(self.quotes)

    def name_words(self) -> frozenset[str]:
        """Capitalised words the lexicon lists as common words ("May", "Will": a modal, a month)
        that are also first names and that this story uses as a name (cached): written
        capitalised mid-sentence, after a lower-case word or a comma, at least
        :data:`NAME_WORD_MIN` times, not after a preposition of time or a determiner ("in May",
        "the Will") nor before a number ("May 5"). A modal is capitalised only at a sentence
        start and a month only in a date, so such uses are a character's name. Fiction only
        (news names months in dates all the time)."""
        if self._name_words is None:
            found: frozenset[str] = frozenset()
            if self.fiction:
                text = self.text
                counts: dict[str, int] = {}
                for m in _name_word_pattern().finditer(text):  # (a plain alternation: quick)
                    pos, end = m.span()
                    if not pos or text[pos - 1] not in " \t\n" or not _NAME_WORD_END.match(text, end):
                        continue
                    before = _WORD_BEFORE.search(text, max(0, pos - 24), pos)
                    if before is not None and before.group(1) not in _NOT_BEFORE_A_NAME:
                        counts[m.group()] = counts.get(m.group(), 0) + 1
                found = frozenset(w for w, c in counts.items() if c >= NAME_WORD_MIN)
            self._name_words = found
        return self._name_words

    # -- positions ------------------------------------------------------------------
    def paragraph_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, offset) - 1)

    def quotes_in_paragraph(self, para: int) -> list[int]:
        return self._by_para.get(para, [])

    def sentences_in(self, para: Paragraph) -> list[Sentence]:
        starts = self._sentence_starts
        lo = bisect.bisect_left(starts, para.start)
        hi = bisect.bisect_left(starts, para.end)
        return self.sentences[lo:hi]

    def end_paragraph(self, i: int) -> int:
        q = self.quotes[i]
        return self.paragraph_at(q.end - 1)

    def inner(self, i: int) -> str:
        q = self.quotes[i]
        return self.text[q.inner_start : q.inner_end]

    # -- narration windows ------------------------------------------------------------
    def trailing_window(self, i: int, max_chars: int = 160) -> tuple[int, int]:
        """Narration right after quote ``i``, up to the next quote or the end of the sentence."""
        q = self.quotes[i]
        end = self.paragraphs[max(0, bisect.bisect_right(self._para_starts, q.end - 1) - 1)].end  # (end_paragraph's)
        if i + 1 < len(self.quotes) and self.quotes[i + 1].start < end:
            end = self.quotes[i + 1].start
        end = min(end, q.end + max_chars)
        m = first_sentence_end(self.text, q.end, end)
        if m:
            end = m.start() + 1
        return q.end, end

    def leading_window(self, i: int, max_chars: int = 400) -> tuple[int, int, bool]:
        """Narration before quote ``i`` back to its sentence start.

        Returns (start, end, crossed): ``crossed`` tells that the window reaches back over an
        earlier quotation of the same sentence (whose words are then left out by the tagger).
        Cached: several sieves ask.
        """
        key = (i, max_chars)
        found = self._leading.get(key)
        if found is None:
            found = self._leading[key] = self._leading_window(i, max_chars)
        return found

    def _leading_window(self, i: int, max_chars: int) -> tuple[int, int, bool]:
        q = self.quotes[i]
        para = self.paragraphs[q.paragraph]
        end = q.start
        start = para.start
        crossed = False
        j = i - 1
        while True:
            seg_start = para.start
            if j >= 0 and self.quotes[j].end > para.start and self.quotes[j].end <= end:
                seg_start = self.quotes[j].end
            last = last_sentence_end(self.text, seg_start, end)
            if last is not None:
                start = last.end()
                break
            if seg_start == para.start or j < 0:
                start = para.start
                break
            # no sentence end in this piece: go back over quote j if it ends mid-sentence
            if _ENDS_SENTENCE.search(self.inner(j)):
                start = seg_start
                break
            crossed = True
            end_of_prev = self.quotes[j].start
            if end_of_prev <= para.start or q.start - end_of_prev > max_chars:
                start = seg_start
                break
            end = end_of_prev
            j -= 1
        return max(start, q.start - max_chars), q.start, crossed

    def narration_tokens(self, start: int, end: int) -> list[Token]:
        """Tokens of ``text[start:end]`` outside every quotation (cached: the sieves look at
        the same windows several times)."""
        key = (start, end)
        cached = self._windows.get(key)
        if cached is None:
            cached = self._windows[key] = self._narration_tokens(start, end)
        return cached

    def _narration_tokens(self, start: int, end: int) -> list[Token]:
        overlapping = self._quotes_overlapping(start, end)
        if not overlapping:  # one stretch of narration (or none)
            if end - start <= 2 and self.text[start:end].isspace():
                return []  # (the space between a quotation and the next: no token)
            return tag_tokens(self.text, start, end, self.name_words()) if start < end else []
        # the stretches between quotations, each a window of its own (the windows of
        # several sieves and paragraphs cut the same stretches)
        pieces: list[list[Token]] = []
        pos = start
        for k in overlapping:
            qs, qe = self.quotes[k].start, self.quotes[k].end
            if qs > pos:
                pieces.append(self.narration_tokens(pos, min(qs, end)))
            pos = max(pos, qe)
        if pos < end:
            pieces.append(self.narration_tokens(pos, end))
        if len(pieces) == 1:
            return pieces[0]  # (token lists are never changed once made)
        return [tok for piece in pieces for tok in piece]

    def narration_phrases(self, start: int, end: int) -> list[Phrase]:
        """The phrases :func:`~.phrases.chunk_phrases` finds in ``narration_tokens(start,
        end)`` (cached, like the tokens)."""
        key = (start, end)
        cached = self._phrases.get(key)
        if cached is None:
            cached = self._phrases[key] = chunk_phrases(self.text, self.narration_tokens(start, end), news=not self.fiction)
        return cached

    def _quotes_overlapping(self, start: int, end: int) -> range:
        # quotations are sorted and never overlap, so their ends are sorted too
        lo = bisect.bisect_right(self._quote_ends, start)
        hi = bisect.bisect_left(self._quote_starts, end)
        return range(lo, max(lo, hi))

    def paragraph_narration(self, para: int, before: int | None = None) -> tuple[list[Token], list[Phrase]]:
        """Tagged tokens and chunked phrases of a paragraph's narration (cached), at most
        :data:`NARRATION_REACH` characters before ``before`` (or the paragraph's end)."""
        p = self.paragraphs[para]
        stop = p.end if before is None else max(p.start, min(before, p.end))
        begin = max(p.start, stop - NARRATION_REACH)
        return self.narration_tokens(begin, stop), self.narration_phrases(begin, stop)
