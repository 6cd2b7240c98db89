"""NLTK's Punkt sentence splitter, same decisions, without its per-token objects.

:class:`PunktSentenceTokenizer` decides each candidate boundary (a ``.``, ``?`` or ``!``
followed by space or punctuation) by word-tokenising a few characters of context into
``PunktToken`` objects, annotating them in two passes and asking whether a sentence break
falls before the last token. That costs three quarters of a Punkt run on a novel, and most
of it is object construction and NLTK 3.10's time-guarded regular expressions.

:class:`FastPunkt` keeps NLTK's candidate search, realignment and parameters, and answers
the per-candidate question with the same rules over plain strings (memoised: the same
context, such as ``said. "I``, recurs all through a book). The patterns are NLTK's own,
compiled with the same ``regex`` module but without NLTK 3.10's per-call time guard: they
are linear and run over text closeread has already split into paragraphs. ``tests/analysis/test_punkt.py`` holds it to NLTK's spans exactly.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

# isort: off
from . import _nltk  # noqa: F401  (NLTK without numpy/scipy: must come first)
# isort: on
from nltk.tokenize.punkt import (
    _ORTHO_BEG_LC,
    _ORTHO_LC,
    _ORTHO_MID_UC,
    _ORTHO_UC,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)

from .memo import vocabulary_memo


# NLTK compiles its patterns with the ``regex`` module (NLTK's own dependency), whose classes
# differ from ``re``'s at the edges. The three patterns that scan text use only ``\s``/``\S``
# and explicit classes, where the two modules differ on U+001C–U+001F alone: ``re`` (faster)
# runs them on text without those four characters, ``regex`` on text with them.
def _unguarded(pattern):
    """NLTK's compiled pattern without its time guard."""
    return getattr(pattern, "_rx", pattern)  # (an NLTK without the guard compiled it plainly)


def _with_re(pattern) -> re.Pattern:
    return re.compile(pattern.pattern, pattern.flags & (re.IGNORECASE | re.MULTILINE | re.VERBOSE | re.UNICODE))


def _has_separator(text: str) -> bool:
    """Whether ``text`` holds one of U+001C–U+001F (four substring searches: quicker than a
    pattern's scan of a long text)."""
    return "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text


_ELLIPSIS = _unguarded(PunktToken._RE_ELLIPSIS)
_NUMERIC = _unguarded(PunktToken._RE_NUMERIC)
_INITIAL = _unguarded(PunktToken._RE_INITIAL)
_WHITESPACE = frozenset(string.whitespace)
_RARE_WHITESPACE = tuple(frozenset(string.whitespace) - {" ", "\n"})
# the characters NLTK's realignment pattern can start with (closing quotes and brackets:
# test_punkt checks them against the pattern)
_CLOSERS = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")



def _last_white(text: str, previous_stop: int, start: int, rare_space: bool) -> int:
    """NLTK's search for a candidate's word: the last white space of
    ``text[previous_stop:start]``, where "found at index 0" counts as "not found" (-1). White
    space other than spaces and line breaks is rare (``rare_space``: the text holds some);
    without it, two reverse searches find it."""
    if rare_space:
        for i in range(start - 1, previous_stop, -1):
            if text[i] in _WHITESPACE:
                return i
        return -1
    last = text.rfind(" ", previous_stop + 1, start)
    line = text.rfind("\n", (last if last > previous_stop else previous_stop) + 1, start)
    return line if line > last else last

def _marks(text: str, match_at) -> list[re.Match]:
    """``period_re.finditer(text)`` for NLTK's period pattern compiled with ``re``: its
    matches are single ``.``, ``?`` or ``!`` characters (the rest is a lookahead), so the
    pattern is tried only where a substring search finds one of them, in text order
    (quicker than the pattern's scan of every character)."""
    at = []
    append = at.append
    find = text.find
    for mark in ".?!":
        i = find(mark)
        while i >= 0:
            append(i)
            i = find(mark, i + 1)
    at.sort()
    return [m for i in at if (m := match_at(text, i))]


class FastPunkt(PunktSentenceTokenizer):
    """A :class:`PunktSentenceTokenizer` whose ``span_tokenize`` is about four times faster."""

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params)
        lang = self._lang_vars
        # (period context, word tokenizer, realignment) with ``re`` and with ``regex``
        nltk_patterns = (lang.period_context_re(), lang._word_tokenizer_re(), lang.re_boundary_realignment)
        self._fast = tuple(_with_re(p) for p in nltk_patterns)
        self._exact = tuple(_unguarded(p) for p in nltk_patterns)
        self._sent_end = frozenset(lang.sent_end_chars)
        self._punctuation = frozenset(self.PUNCTUATION)
        self._abbrev = params.abbrev_types
        self._collocations = params.collocations
        self._collocation_firsts = frozenset(first for first, _ in params.collocations)
        self._starters = params.sent_starters
        self._ortho = params.ortho_context
        # both pure functions of a few characters of language (vocabulary memos: .memo)
        self._memo: dict[str, bool] = vocabulary_memo(100_000)  # context -> contains a break
        self._pairs: dict[tuple[str, str], bool] = vocabulary_memo(100_000)  # (token, next) -> break after
        self._tokens: dict[str, tuple] = vocabulary_memo(100_000)  # token -> what it tells alone
        self._nexts: dict[str, tuple] = vocabulary_memo(100_000)  # next token -> what it tells alone

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``list(span_tokenize(text))``, without its chain of generators (closeread calls
        it once per paragraph of a novel's dialogue). The candidates are NLTK's
        (:meth:`_contexts`), then each decided."""
        period_re, word_re, realign_re = patterns = self._exact if _has_separator(text) else self._fast
        # (a text without separators has none in any of its contexts: their word pattern is
        # the text's; otherwise each context's own is found)
        if patterns is self._exact:
            word_re = None
        # NLTK's candidates (as in _contexts), each decided when the next match shows NLTK
        # keeps it: its context is the word, its mark and the token after it ("after_tok",
        # group 1, starts right after the one-character mark)
        memo = self._memo
        decide = self._contains_sentbreak
        cuts: list[tuple[int, int]] = []
        last_break = 0
        previous_start = previous_stop = 0
        previous_match = None
        rare_space = any(ch in text for ch in _RARE_WHITESPACE)
        rfind = text.rfind
        for match in period_re.finditer(text) if word_re is None else _marks(text, period_re.match):
            start = match.start()
            if rare_space:
                last = _last_white(text, previous_stop, start, True)
            else:  # (_last_white's two reverse searches)
                last = rfind(" ", previous_stop + 1, start)
                line = rfind("\n", (last if last > previous_stop else previous_stop) + 1, start)
                if line > last:
                    last = line
            word_start = last + 1 if last > 0 else previous_start
            if previous_match is not None and previous_stop <= word_start:
                context = text[previous_start : previous_match.end(1)]
                found = memo.get(context)
                if found is None:
                    found = memo[context] = decide(context, word_re)
                if found:
                    cuts.append((last_break, previous_stop + 1))
                    next_tok = previous_match.start(2)  # ("next_tok": -1 when it is not there)
                    last_break = next_tok if next_tok >= 0 else previous_stop + 1
            previous_match = match
            previous_start, previous_stop = word_start, start
        if previous_match is not None:  # (the last candidate is always kept)
            context = text[previous_start : previous_match.end(1)]
            found = memo.get(context)
            if found is None:
                found = memo[context] = decide(context, word_re)
            if found:
                cuts.append((last_break, previous_stop + 1))
                next_tok = previous_match.start(2)
                last_break = next_tok if next_tok >= 0 else previous_stop + 1
        cuts.append((last_break, len(text.rstrip())))
        # NLTK's realignment: closing quotes and brackets after a break join the sentence
        # (its pattern starts with one of them: other sentences are not matched against it)
        out: list[tuple[int, int]] = []
        append = out.append
        realign = 0
        closers = _CLOSERS
        start, stop = cuts[0]
        for k in range(1, len(cuts)):
            next_start, next_stop = cuts[k]
            start += realign
            if next_start < next_stop and text[next_start] in closers and (m := realign_re.match(text, next_start, next_stop)):
                append((start, next_start + len(m.group(0).rstrip())))
                realign = m.end() - next_start
            else:
                realign = 0
                if stop > start:
                    append((start, stop))
            start, stop = next_start, next_stop
        start += realign
        if stop > start:
            append((start, stop))
        return out

    # -- the candidate search and realignment: NLTK's, with ``re`` patterns ------------

    def _match_potential_end_contexts(self, text: str) -> Iterator[tuple[re.Match, str]]:
        return iter(self._contexts(text, (self._exact if _has_separator(text) else self._fast)[0]))

    def _contexts(self, text: str, period_re) -> list[tuple[re.Match, str]]:
        """NLTK's ``_match_potential_end_contexts`` (with the period pattern for ``text``),
        as a list."""
        out: list[tuple[re.Match, str]] = []
        previous_start = previous_stop = 0
        previous_match = None
        # (white space other than spaces and line breaks is rare: without it, two reverse
        # searches find the last white space)
        rare_space = any(ch in text for ch in _RARE_WHITESPACE)
        for match in period_re.finditer(text):
            start = match.start()
            last = _last_white(text, previous_stop, start, rare_space)
            word_start = last + 1 if last > 0 else previous_start
            if previous_match is not None and previous_stop <= word_start:
                # (the match itself is the one ending character at previous_stop)
                out.append((previous_match, text[previous_start : previous_stop + 1] + previous_match.group("after_tok")))
            previous_match = match
            previous_start, previous_stop = word_start, start
        if previous_match is not None:
            out.append((previous_match, text[previous_start : previous_stop + 1] + previous_match.group("after_tok")))
        return out

    def _realign_boundaries(self, text: str, slices: Iterator[slice]) -> Iterator[slice]:
        realign_re = (self._exact if _has_separator(text) else self._fast)[2]
        realign = 0
        previous = None
        for current in slices:
            if previous is not None:
                sentence1 = slice(previous.start + realign, previous.stop)
                m = realign_re.match(text, current.start, current.stop)
                if m:
                    yield slice(sentence1.start, current.start + len(m.group(0).rstrip()))
                    realign = m.end() - current.start
                else:
                    realign = 0
                    if sentence1.stop > sentence1.start:
                        yield sentence1
            previous = current
        if previous is not None:
            sentence1 = slice(previous.start + realign, previous.stop)
            if sentence1.stop > sentence1.start:
                yield sentence1

    # -- the per-candidate decision ------------------------------------------------------

    def text_contains_sentbreak(self, text: str) -> bool:
        found = self._memo.get(text)
        if found is None:
            found = self._memo[text] = self._contains_sentbreak(text)
        return found

    def _contains_sentbreak(self, text: str, word_re=None) -> bool:
        """NLTK's two annotation passes over ``text``'s tokens: is any token but the last a
        sentence break? (``word_re``: the word pattern for ``text``, if known.)"""
        if word_re is None:
            word_re = (self._exact if _has_separator(text) else self._fast)[1]
        elif word_re is self._fast[1] and (tokens := _word_and_next(text)) is not None:
            # (most contexts: "said. The", "eye! Then", read without the word pattern)
            if len(tokens) == 3:
                return True  # ("eye", "!", "Then": a lone "!" or "?" is a break)
            found = self._pairs.get(tokens)
            if found is None:
                found = self._pairs[tokens] = self._breaks_after(*tokens)
            return found
        if "\n" not in text:  # (most contexts: one line)
            tokens = word_re.findall(text) if text.strip() else []
        else:
            tokens = []
            for line in text.split("\n"):
                if line.strip():
                    tokens.extend(word_re.findall(line))
        pairs = self._pairs
        for pair in zip(tokens, tokens[1:]):
            found = pairs.get(pair)
            if found is None:
                found = pairs[pair] = self._breaks_after(*pair)
            if found:
                return True
        return False

    def _first_pass(self, tok: str) -> tuple[bool, bool, bool]:
        """(sentbreak, abbreviation, ellipsis) from the token's type alone."""
        if tok in self._sent_end:
            return True, False, False
        if tok[:2] == ".." and _ELLIPSIS.match(tok):  # (it matches from two periods on)
            return False, False, True
        if tok.endswith(".") and not tok.endswith(".."):
            low = tok[:-1].lower()
            if low in self._abbrev or low.split("-")[-1] in self._abbrev:
                return False, True, False
            return True, False, False
        return False, False, False

    def _breaks_after(self, tok: str, nxt: str) -> bool:
        if not tok.endswith("."):
            # (the token's first-pass sentence break, without its other facts: only a lone
            # "?" or "!" is one; an ellipsis or abbreviation ends with a period)
            return tok in self._sent_end
        sentbreak, abbr, ellipsis, typ, initial = self._token_facts(tok)
        if not (abbr or ellipsis or initial) and typ != "##number##" and typ not in self._collocation_firsts:
            return sentbreak  # (most words: no rule below reads the next token)
        next_type, starter = self._next_facts(nxt)
        if (typ, next_type) in self._collocations:
            return False
        if (abbr or ellipsis) and not initial:
            if starter is True:
                return True
            if nxt[0].isupper() and next_type in self._starters:
                return True
        if initial or typ == "##number##":
            if starter is False:
                return False
            if starter == "unknown" and initial and nxt[0].isupper() and not (self._ortho[next_type] & _ORTHO_LC):
                return False
        return sentbreak

    def _token_facts(self, tok: str) -> tuple[bool, bool, bool, str, bool]:
        """(sentbreak, abbreviation, ellipsis, type, initial) of a token before a candidate
        break: what it tells alone (memoised: the same words end sentences all through a book)."""
        facts = self._tokens.get(tok)
        if facts is None:
            typ = _type_no_period(_number_type(tok.lower()))
            # (the initial pattern matches a letter and a period, nothing longer)
            initial = len(tok) == 2 and tok[1] == "." and _INITIAL.match(tok) is not None
            facts = self._tokens[tok] = (*self._first_pass(tok), typ, initial)
        return facts

    def _next_facts(self, nxt: str) -> tuple[str, bool | str]:
        """(type, orthographic heuristic) of the token after a candidate break (memoised)."""
        facts = self._nexts.get(nxt)
        if facts is None:
            next_type = _number_type(nxt.lower())
            if self._first_pass(nxt)[0]:
                next_type = _type_no_period(next_type)
            facts = self._nexts[nxt] = (next_type, self._ortho_heuristic_of(nxt, next_type))
        return facts

    def _ortho_heuristic_of(self, tok: str, typ: str) -> bool | str:
        if tok in self._punctuation:
            return False
        context = self._ortho[typ]
        if tok[0].isupper() and (context & _ORTHO_LC) and not (context & _ORTHO_MID_UC):
            return True
        if tok[0].islower() and ((context & _ORTHO_UC) or not (context & _ORTHO_BEG_LC)):
            return False
        return "unknown"


# ASCII characters that end a word in NLTK's word pattern when they follow it (its
# punctuation class, without the quotes and brackets outside ASCII; test_punkt checks it)
_WORD_END = frozenset(")\";}]*:@'({[?!")
# the class's quotes outside ASCII: each ends a word that it follows, and starts one (the
# quote and the letters after it: 'said. “We' → "said.", "“We")
_QUOTES = frozenset("\u2018\u2019\u201c\u201d\xab\xbb")
_ENDS = _WORD_END | _QUOTES
_LETTERS = string.ascii_letters


def _word_and_next(context: str) -> tuple[str, ...] | None:
    """What decides a context that is an ASCII word (after an optional ``"``), a ``.``, ``?``
    or ``!``, then a closing character or white space and a word-led or quote-led run
    ("said. The" → "said.", "The"; 'said. "Come,' → "said.", '"'; "eye! Then" → "eye", "!",
    "Then"; 'said. “We' → "said.", "“We"; 'facts.”' → "facts.", "”"): the word with its
    period and the token after it, as NLTK's word pattern (without separators) reads them,
    or three tokens when the mark stands alone (a break). Later tokens of the run cannot
    break when it holds no ``.``, ``?`` or ``!`` but as its last character. None for any
    other context. (A quote of :data:`_QUOTES` that opens a run is a token with the ASCII
    letters after it, up to what ends a word, as a letter-led run's first token is.)"""
    parts = context.split()
    if len(parts) == 2:
        word, run = parts
    elif len(parts) == 1 and len(context) > 2:  # (the mark and a closing character)
        word, run = context[:-1], context[-1]
        if run not in _ENDS:
            return None
    else:
        return None
    mark = word[-1]
    if mark not in ".?!":
        return None
    alpha = word[1:-1] if word[0] == '"' else word[:-1]
    if not (alpha.isalpha() and alpha.isascii()):
        return None
    if mark != ".":
        return (alpha, mark, run)
    if run.isalpha() and run.isascii():  # (the most common: "said. The")
        return (alpha + ".", run)
    if "." in run[:-1] or "?" in run[:-1] or "!" in run[:-1]:
        return None
    first = run[0]
    if len(parts) == 1 or first == '"':
        return (alpha + ".", first) if first == '"' or first in _ENDS else None
    if first in _QUOTES:
        rest = run[1:].lstrip(_LETTERS)
        if not rest or rest == ".":
            return (alpha + ".", run)
    elif first in _WORD_END:
        return None
    else:
        rest = run.lstrip(_LETTERS)
        if len(rest) == len(run):
            return None
        if rest == ".":
            return (alpha + ".", run)
    after = rest[0]
    if after in _ENDS or rest[:2] == "--" or (after == "," and (len(rest) == 1 or rest[1] in _ENDS)):
        return (alpha + ".", run[: len(run) - len(rest)])
    return None


def _number_type(low: str) -> str:
    """``_NUMERIC.sub("##number##", low)``: the pattern is anchored at both ends and needs a
    digit among its first three characters, so a token without one there is left as it is,
    without calling it. (``regex`` knows digits of newer Unicode than ``str.isdigit``, all
    of them outside the Basic Multilingual Plane: a character there goes through the pattern.)"""
    for ch in low[:3]:
        if ch.isdigit() or ch >= "\U00010000":
            return _NUMERIC.sub("##number##", low)
    return low


def _type_no_period(typ: str) -> str:
    return typ[:-1] if len(typ) > 1 and typ[-1] == "." else typ
