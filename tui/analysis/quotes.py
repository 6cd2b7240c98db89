"""Finding quotations by character offsets over paragraphs.

Quotes are found over whole paragraphs, not per sentence (Punkt splits inside quotations).
Handled conventions: curly and straight double quotes, single-quote dialogue (‘…’) in texts
that use it, nested quotes (they belong to the outer one), news- and fiction-style quotes
that run over several paragraphs (an opening mark on each paragraph, the closing mark only
at the end), and stray or unbalanced marks, which never crash and never yield overlapping
quotations. Apostrophes (don't, Russians') are not quote marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Paragraph
from .records import constructor

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE + SINGLE_OPEN + SINGLE_CLOSE + "'"

_DOUBLE_MARKS = '“„«”»"'
ALNUM = re.compile(r"[^\W_]")  # exactly the characters str.isalnum() accepts
_OPEN_BEFORE = set(" \t\n([{<—–-/:;,") | set(DOUBLE_OPEN + SINGLE_OPEN)
_STRONG_CLOSE_BEFORE = set(".,!?;:—–-…)")


@dataclass(frozen=True, slots=True)
class RawQuote:
    start: int  # the opening mark
    end: int  # after the closing mark, or the paragraph's end when left open
    inner_start: int
    inner_end: int
    paragraph: int
    closed: bool
    continues: bool = False  # goes on with the previous piece's quotation (a new paragraph, or after an aside)


_new_raw_quote = constructor(RawQuote)  # RawQuote(...), built faster (.records)


def uses_single_quote_dialogue(text: str) -> bool:
    """True when a text marks dialogue with ‘…’ rather than double quotes."""
    doubles = sum(text.count(mark) for mark in _DOUBLE_MARKS)
    singles = 0  # ‘ opening a word at the start, after a space, "(" or a dash
    for m in _SINGLE_OPENING.finditer(text):
        p = m.start()
        if p == 0 or text[p - 1].isspace() or text[p - 1] in "(—–-":
            singles += 1
    return singles >= 2 and singles > 2 * doubles


# a literal first lets ``re`` skip straight to each ‘ (a leading "(?:^|[\s(—–-])" makes it
# try every position of a novel)
_SINGLE_OPENING = re.compile(r"‘(?=\w)")


def _straight_role(chunk: str, i: int) -> str:
    """'open', 'close' or 'either' for a straight double quote at chunk[i]."""
    prev = chunk[i - 1] if i > 0 else " "
    nxt = chunk[i + 1] if i + 1 < len(chunk) else " "
    open_like = prev in _OPEN_BEFORE or prev.isspace()
    close_like = nxt.isspace() or not (nxt.isalnum() or nxt == "_")  # (not \w)
    if open_like and not close_like:
        return "open"
    if close_like and not open_like:
        return "close"
    return "either"


def _positions(text: str, marks: str) -> list[int]:
    """The offsets of the characters of ``marks`` in ``text``, in order. One scan per
    character: ``re`` skips straight from one occurrence of a literal to the next, but tries
    every position of the text against a class of characters."""
    found: list[int] = []
    for mark in marks:
        if mark in text:
            found.extend(m.start() for m in _LITERALS[mark].finditer(text))
    found.sort()
    return found


_LITERALS = {mark: re.compile(re.escape(mark)) for mark in _DOUBLE_MARKS + SINGLE_OPEN + SINGLE_CLOSE}


def find_quotes(text: str, paragraphs: list[Paragraph]) -> list[RawQuote]:
    single = uses_single_quote_dialogue(text)
    quotes = _scan(text, paragraphs, single)
    if "=" in text:
        quotes = [q for q in quotes if not _attribute_value(text, q)]
    return quotes


def _attribute_value(text: str, q: RawQuote) -> bool:
    """Markup left in a text (tweet-id="…", author="…"): a value after "=" is no quotation."""
    return text[max(0, q.start - 2) : q.start].rstrip()[-1:] == "=" and q.closed and not q.continues


def _opens_paragraph(text: str, para: Paragraph, single: bool) -> bool:
    first = text[para.start]
    if single:
        return first in SINGLE_OPEN
    if first in DOUBLE_OPEN:
        return True
    return first == STRAIGHT_DOUBLE and _straight_role(text[para.start : para.start + 2], 0) != "close"


def _scan(text: str, paragraphs: list[Paragraph], single: bool) -> list[RawQuote]:
    quotes: list[RawQuote] = []
    open_at: int | None = None
    open_para = 0
    depth = 0
    n = len(paragraphs)
    skip_first_open = False
    continues = False
    # every mark of the text in one scan; a paragraph without marks has nothing to do (no
    # quotation is open at a paragraph's start, and none runs on into a paragraph that does
    # not open with a mark)
    positions = _positions(text, SINGLE_OPEN + SINGLE_CLOSE if single else _DOUBLE_MARKS)
    next_mark = 0
    for pi, para in enumerate(paragraphs):
        if next_mark == len(positions):
            break
        if positions[next_mark] >= para.end:
            continue
        last_mark = next_mark
        while last_mark < len(positions) and positions[last_mark] < para.end:
            last_mark += 1
        marks = [p - para.start for p in positions[next_mark:last_mark]]
        next_mark = last_mark
        chunk = text[para.start : para.end]
        for k, i in enumerate(marks):
            ch = chunk[i]
            pos = para.start + i
            if skip_first_open and i == 0:
                skip_first_open = False
                open_at, open_para, depth, continues = pos, pi, 0, True
                continue
            if single:
                role = _role(chunk, i, ch, single, open_at is not None, marks, k + 1)
            elif ch in DOUBLE_OPEN:
                role = "close" if ch == "“" and open_at is not None and not depth and _misprinted_close(chunk, i) else "open"
            elif ch in DOUBLE_CLOSE:
                role = "close"
            else:  # (as _role decides a straight mark)
                role = _straight_role(chunk, i)
                if role == "either":
                    role = "close" if open_at is not None else "open"
            if role == "open":
                if open_at is None:
                    open_at, open_para, depth = pos, pi, 0
                elif ch != STRAIGHT_DOUBLE:
                    depth += 1
            elif role == "close":
                if open_at is None:
                    continue  # a stray closing mark
                if depth:
                    depth -= 1
                    continue
                _emit(text, quotes, open_at, pos + 1, open_para, closed=True, continues=continues)
                open_at, continues = None, False
        skip_first_open = False
        if open_at is not None:
            # the quotation left open at the end of its paragraph: a piece of its own; when
            # the next paragraph opens with a mark, the quotation runs on there (one piece a
            # paragraph, the later ones marked as continuing)
            _emit(text, quotes, open_at, para.end, open_para, closed=False, continues=continues)
            nxt = paragraphs[pi + 1] if pi + 1 < n else None
            skip_first_open = nxt is not None and _opens_paragraph(text, nxt, single)
            open_at, continues = None, False
    return quotes


_NOT_BEFORE_CLOSE = set(" \t\n([{<—–-/:;") | set(DOUBLE_OPEN + SINGLE_OPEN)


def _misprinted_close(chunk: str, i: int) -> bool:
    """An opening mark typed for a closing one ('called it “abhorrent“ in a tweet'): right
    after a word or its punctuation and before a space, punctuation or the paragraph's end,
    while a quotation is open."""
    if i == 0 or chunk[i - 1] in _NOT_BEFORE_CLOSE or chunk[i - 1].isspace():
        return False
    nxt = chunk[i + 1] if i + 1 < len(chunk) else " "
    return nxt.isspace() or nxt in ",.;:!?)”’"


def _role(chunk: str, i: int, ch: str, single: bool, is_open: bool, marks: list[int], nxt_k: int) -> str:
    if not single:
        if ch in DOUBLE_OPEN:
            return "open"
        if ch in DOUBLE_CLOSE:
            return "close"
        role = _straight_role(chunk, i)
        if role == "either":
            return "close" if is_open else "open"
        return role
    prev = chunk[i - 1] if i > 0 else " "
    nxt = chunk[i + 1] if i + 1 < len(chunk) else " "
    if ch in SINGLE_OPEN:
        if prev.isalpha() or nxt.isspace():
            return "none"  # ‘ inside a word, or hanging: not a quote mark
        return "open"
    # ’: apostrophe when followed by a letter (don’t, Russia’s)
    if nxt.isalpha() or not is_open:
        return "none"
    if prev in _STRONG_CLOSE_BEFORE or prev in DOUBLE_CLOSE or prev == STRAIGHT_DOUBLE:
        return "close"
    # A ’ after a letter and before a space may be a plural possessive (Russians’ claims):
    # take it as the close only if no other closing candidate follows before the next ‘.
    for j in marks[nxt_k : nxt_k + 64]:
        cj = chunk[j]
        if cj in SINGLE_OPEN:
            break
        after = chunk[j + 1] if j + 1 < len(chunk) else " "
        if cj in SINGLE_CLOSE and not after.isalpha():
            return "none"
    return "close"


def _emit(text: str, out: list[RawQuote], start: int, end: int, para: int, closed: bool, continues: bool = False) -> None:
    inner_start = start + 1
    inner_end = end - 1 if closed else end
    if ALNUM.search(text, inner_start, inner_end) is None:
        return  # "" or " - ": marks around nothing are not a quotation
    continues = continues and bool(out) and not out[-1].closed and out[-1].paragraph == para - 1
    out.append(_new_raw_quote(start, end, inner_start, inner_end, para, closed, continues))


# -- asides ------------------------------------------------------------------------------
# Fiction's stage directions inside a quotation: "Ah!--(shaking his head)--the uncertainty",
# "I have the pleasure, madam, (to Mrs. Bates,) of restoring your spectacles". The words
# in the parenthesis are the narrator's, so the quotation is two pieces around them.
_ASIDE = re.compile(r"\s*[-—–]*\s*\(([^()]{2,160})\)\s*[-—–]*\s*")
_NARRATED = re.compile(
    r"(?:[a-z]+ing\b|to\s+(?:[A-Z]|him\b|her\b|them\b|the\b)|with\s+(?:a|an|his|her|the|great|some|much)\b"
    r"|in\s+a\b|aside\b|(?:rather\s+)?[a-z]+ly\s*,?\s*$)"
)
_SPEAKER_WORDS = re.compile(r"\b(?:I|my|me|mine|myself|you|your|yours|we|us|our)\b")


def _is_aside(words: str) -> bool:
    """A parenthesis the narrator speaks in: a participle ("shaking his head"), an addressee
    ("to Emma"), a manner ("with a sigh", "in a low voice", "rather hesitatingly"), never
    the speaker's own first or second person."""
    words = words.strip()
    return _NARRATED.match(words) is not None and _SPEAKER_WORDS.search(words) is None


def split_at_asides(text: str, quotes: list[RawQuote]) -> list[RawQuote]:
    """Each quotation cut around the narrator's asides inside it; the later pieces continue
    the first."""
    out: list[RawQuote] = []
    for q in quotes:
        if "(" not in text[q.inner_start : q.inner_end]:
            out.append(q)
            continue
        piece_start, start, continues = q.start, q.inner_start, q.continues
        for m in _ASIDE.finditer(text, q.inner_start, q.inner_end):
            if not _is_aside(m.group(1)) or not any(c.isalnum() for c in text[start : m.start()]):
                continue
            if not text[m.end() : m.end() + 1].isalnum():
                continue  # a piece starts with a word, never with a mark
            if not any(c.isalnum() for c in text[m.end() : q.inner_end]):
                break
            out.append(RawQuote(piece_start, m.start(), start, m.start(), q.paragraph, False, continues))
            piece_start = start = m.end()
            continues = True
        out.append(RawQuote(piece_start, q.end, start, q.inner_end, q.paragraph, q.closed, continues))
    return out
