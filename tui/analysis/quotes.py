"""Finding quotations by character offsets over paragraphs.

Quotes are found over whole paragraphs, not per sentence (Punkt splits inside quotations).
Handled conventions: curly and straight double quotes, single-quote dialogue (‘…’) in texts
that use it, nested quotes (they belong to the outer one), news- and fiction-style quotes
that run over several paragraphs (an opening mark on each paragraph, the closing mark only
at the end), and stray or unbalanced marks, which never crash and never yield overlapping
quotations. Apostrophes (don't, Russians') are not quote marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from operator import attrgetter

from .lexicon import lexicon
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
    if "‘" not in text:
        return False  # (a substring test: for a text of one-byte characters, no search at all)
    singles = 0  # ‘ opening a word at the start, after a space, "(" or a dash
    for m in _SINGLE_OPENING.finditer(text):
        p = m.start()
        if p == 0 or text[p - 1].isspace() or text[p - 1] in "(—–-":
            singles += 1
    if singles < 2:
        return False  # (most texts: no need to count the double marks, a scan of the text each)
    doubles = sum(text.count(mark) for mark in _DOUBLE_MARKS)
    return singles > 2 * doubles


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


def _positions(text: str, marks: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """The offsets of the characters of ``marks`` in ``text``, in order. One scan per
    character: ``re`` skips straight from one occurrence of a literal to the next, but tries
    every position of the text against a class of characters."""
    found: list[int] = []
    hi = len(text) if hi is None else hi
    for mark in marks:
        if mark in text:
            found.extend(map(_match_start, _LITERALS[mark].finditer(text, lo, hi)))
    found.sort()
    return found


_START = attrgetter("start")  # (a sort key in C)
_match_start = re.Match.start  # (``map`` calls it in C: no generator frame per mark)
_LITERALS = {mark: re.compile(re.escape(mark)) for mark in _DOUBLE_MARKS + SINGLE_OPEN + SINGLE_CLOSE + "'"}


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


def _scan(text: str, paragraphs: list[Paragraph], single: bool, nested_straight: bool = False) -> list[RawQuote]:
    """``nested_straight``: a straight double quote that can only open (after a space, before
    a word) inside an open quotation opens a nested one (see ``rescan_nested_straight``);
    otherwise it is passed over, and the next closing mark closes the quotation."""
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
    positions = _positions(text, SINGLE_OPEN + SINGLE_CLOSE if single else _DOUBLE_MARKS, paragraphs[0].start if paragraphs else 0, paragraphs[-1].end if paragraphs else 0)
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
                elif ch != STRAIGHT_DOUBLE or nested_straight and _straight_role(chunk, i) == "open":
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
# Fiction's stage directions inside a quotation: "Oh!--(rubbing his chin)--the weather",
# "I have the honour, madam, (to Mrs. Gale,) of returning your gloves". The words
# in the parenthesis are the narrator's, so the quotation is two pieces around them.
_ASIDE = re.compile(r"\s*[-—–]*\s*\(([^()]{2,160})\)\s*[-—–]*\s*")
_NARRATED = re.compile(
    r"(?:[a-z]+ing\b|to\s+(?:[A-Z]|him\b|her\b|them\b|the\b)|with\s+(?:a|an|his|her|the|great|some|much)\b"
    r"|in\s+an?\b|aside\b|(?:rather\s+)?[a-z]+ly\s*,?\s*$|again\s+[a-z]+ing\b)"
)
# the speaker's punctuation the narrator's parenthesis left behind: "(to Emma), I am
# certain", "(with a sigh). A charming place"
_AFTER_ASIDE = re.compile(r"[,.;:]?[\s—–-]*")
_SPEAKER_WORDS = re.compile(r"\b(?:I|my|me|mine|myself|you|your|yours|we|us|our)\b")


def _is_aside(words: str) -> bool:
    """A parenthesis the narrator speaks in: a participle ("shaking his head", "again
    wiping her eyes"), an addressee ("to Emma"), a manner ("with a sigh", "in a low voice",
    "in an undertone", "rather hesitatingly"), never
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
            resume = _AFTER_ASIDE.match(text, m.end(), q.inner_end).end()
            if not text[resume : resume + 1].isalnum():
                continue  # a piece starts with a word, never with a mark
            # (the speaker's dash before the parenthesis stays with the words: "Yes--")
            cut = m.start() + len(text[m.start() : m.end()].split("(", 1)[0].rstrip())
            out.append(RawQuote(piece_start, cut, start, cut, q.paragraph, False, continues))
            piece_start = start = resume
            continues = True
        out.append(RawQuote(piece_start, q.end, start, q.inner_end, q.paragraph, q.closed, continues))
    return out


# -- nested speech -----------------------------------------------------------------------
# A character who reports another's words inside a double-quoted speech marks them with
# single quotes: “I went in, and she said, 'Come back at noon.' So I went home.” The nested
# words are another voice, set off by their own cue (“she said, '…'”, “'…,' said she”); the
# speaker's own words are the pieces around them. A nested word or phrase with no cue of its
# own (“what you call 'success'”) stays part of the speech.
_NESTED = re.compile(r"['‘]([A-Za-z_](?:[^'‘’\"“”]|(?<=\w)['’](?=\w))*?[^\s'‘’])['’](?![\w])")
_NESTED_OPEN = re.compile(r"['‘](?=[A-Za-z_])")


def _nested_quotes(text: str, lo: int, hi: int):
    """The nested single-quoted runs in ``text[lo:hi]`` (an opening mark not inside a word),
    left to right, without overlaps. (A literal first lets ``re`` skip to each mark.)"""
    pos = lo
    while True:
        m = _NESTED_OPEN.search(text, pos, hi)
        if m is None:
            return
        p = m.start()
        if p > 0 and (text[p - 1].isalnum() or text[p - 1] in "_'’"):
            pos = p + 1
            continue
        body = _NESTED.match(text, p, hi)
        if body is None:
            pos = p + 1
            continue
        yield body
        pos = body.end()
# a speech verb, perhaps with its subject ("said she", "said Mr. Frank Hale") or its addressee
# ("I said to her:", "used to say to my aunt:"), then a comma, colon, semicolon or dash
# right before the nested mark
_CUE_BEFORE = re.compile(r"([A-Za-z]+)(?:\s+([A-Za-z]+))?(?:\s+[A-Z][A-Za-z.]*){0,3}(?:\s+to\s+(?:him|her|me|us|them|(?:my|his|her|our|their|the)\s+[a-z]+))?\s*(?:[,:;]\s*(?:--)?|--)\s*$")
# a speech verb, perhaps after a pronoun ("she continued"), right after the nested mark
_CUE_AFTER = re.compile(r"\s*(?:--)?\s*(?:(?:he|she|I|they|we|you)\s+)?([a-z]+)")


def _nested_speech(text: str, m: re.Match, lo: int) -> bool:
    """The nested quotation ``m`` has a cue of its own."""
    lex = lexicon()
    cue = _CUE_BEFORE.search(text, max(lo, m.start() - 40), m.start())
    if cue is not None and any(w and lex.is_speech_verb(w) and w.lower() not in lex.term_openers for w in cue.groups()):
        return True  # (not a naming verb: you called me, 'Mr. Hale')
    words = m.group(1)
    if not (words[:1].isupper() or words[:1] == "_") or words[-1:] not in ",!?":
        return False
    after = _CUE_AFTER.match(text, m.end(), m.end() + 20)
    return after is not None and lex.is_speech_verb(after.group(1))


def split_at_nested(text: str, quotes: list[RawQuote]) -> list[RawQuote]:
    """Each quotation cut around the nested speech inside it (dropped: another voice); the
    later pieces continue the first."""
    # the offsets of every single mark that may open (not inside a word, before a letter),
    # found once; most quotations hold none
    opens = [
        p for p in _positions(text, "'‘")
        if (text[p + 1 : p + 2].isalpha() or text[p + 1 : p + 2] == "_")
        and (p == 0 or not (text[p - 1].isalnum() or text[p - 1] in "_'’"))
    ]
    if not opens:
        return quotes
    out: list[RawQuote] = []
    for q in quotes:
        k = bisect.bisect_left(opens, q.inner_start)
        if k == len(opens) or opens[k] >= q.inner_end:
            out.append(q)
            continue
        cuts = [m for m in _nested_quotes(text, opens[k], q.inner_end) if _nested_speech(text, m, q.inner_start)]
        if not cuts:
            out.append(q)
            continue
        piece_start, start, continues = q.start, q.inner_start, q.continues
        for k, m in enumerate(cuts):
            resume = _AFTER_ASIDE.match(text, m.end(), q.inner_end).end()
            stop = cuts[k + 1].start() if k + 1 < len(cuts) else q.inner_end
            if not (text[resume : resume + 1].isalnum() or text[resume : resume + 1] == "_") and ALNUM.search(text, resume, stop):
                continue  # a piece starts with a word, never with a mark
            if any(c.isalnum() for c in text[start : m.start()]):
                out.append(RawQuote(piece_start, m.start(), start, m.start(), q.paragraph, False, continues))
                continues = True
            piece_start = start = resume
        if start == q.inner_start:
            out.append(q)
        elif any(c.isalnum() for c in text[start : q.inner_end]):
            out.append(RawQuote(piece_start, q.end, start, q.inner_end, q.paragraph, q.closed, continues))
    return out


# -- block quotations inside speech ----------------------------------------------------------
# A speaker who reads out lines of verse or a letter leaves the quotation open, the lines
# stand indented as a block of their own, and the speech goes on in the next paragraph,
# which does not open with a mark (the quotation never closed) but ends with the closing one:
#     “…he has sent me a riddle. Listen:
#           Grey on the marsh the herons stand.
#     A pretty line! Nobody at the inn could match it.”
def resume_after_blocks(text: str, paragraphs: list[Paragraph], quotes: list[RawQuote]) -> list[RawQuote]:
    """Quotations left open before an indented block, resumed in the unmarked paragraphs
    after it (and between later blocks) up to the closing mark."""
    n = len(paragraphs)
    added: list[RawQuote] = []
    claimed: set[int] = set()  # paragraphs already resumed: by the latest open quotation only
    for q in reversed(quotes):
        para = paragraphs[q.paragraph]
        if q.closed or q.end != para.end or q.paragraph + 1 >= n:
            continue
        k, chain, block = q.paragraph + 1, [], False
        while True:
            while k < n and _indented(text, paragraphs[k]):
                k += 1
                block = True
            if k >= n:
                break
            p = paragraphs[k]
            if text[p.start] in ALL_MARKS:
                break  # a new quotation
            m = _FIRST_DOUBLE.search(text, p.start, p.end)
            if m is None:  # no mark: the speech goes on only if another block follows
                if k + 1 < n and _indented(text, paragraphs[k + 1]):
                    chain.append((k, None))
                    k += 1
                    continue
                break
            close = m.start()
            role = "close" if text[close] in DOUBLE_CLOSE else "open" if text[close] in DOUBLE_OPEN else None
            if role is None:
                role = _straight_role(text[p.start : p.end], close - p.start)
            if role == "close" and block and not any(j in claimed for j, _ in chain + [(k, close)]):
                chain.append((k, close))
                claimed.update(j for j, _ in chain)
                added.extend(
                    RawQuote(paragraphs[j].start, paragraphs[j].end if c is None else c + 1, paragraphs[j].start,
                             paragraphs[j].end if c is None else c, j, c is not None, True)
                    for j, c in chain
                )
            break
    if not added:
        return quotes
    return sorted(quotes + added, key=_START)


_FIRST_DOUBLE = re.compile("[" + re.escape(_DOUBLE_MARKS) + "]")


def _indented(text: str, para: Paragraph) -> bool:
    """A paragraph set in from the margin (its line opens with spaces)."""
    return para.start > 0 and text[para.start - 1] in " \t"



# -- straight quotes nested in fiction -------------------------------------------------------
def rescan_nested_straight(text: str, paragraphs: list[Paragraph], quotes: list[RawQuote]) -> list[RawQuote]:
    """Fiction: the paragraphs where a straight mark that can only open (after a space, before
    a word) stood inside a quotation, scanned again with that mark opening a nested quotation
    (“Well, I tried to say "Over the hill and far away," but it all came out wrong!”). Only
    paragraphs whose quotations all close in them, before and after."""
    flagged = {q.paragraph for q in quotes if text.find('"', q.inner_start, q.inner_end) >= 0}
    if not flagged:
        return quotes
    spanning = {q.paragraph for q in quotes if q.continues or not q.closed}
    redo: dict[int, list[RawQuote]] = {}
    for pi in sorted(flagged - spanning):
        fresh = _scan(text, [paragraphs[pi]], False, nested_straight=True)
        if all(q.closed and not q.continues for q in fresh):
            redo[pi] = [RawQuote(q.start, q.end, q.inner_start, q.inner_end, pi, True, False) for q in fresh]
    if not redo:
        return quotes
    out = [q for q in quotes if q.paragraph not in redo]
    for fresh in redo.values():
        out.extend(fresh)
    out.sort(key=_START)
    return out


# -- reported speech inside speech, its marks lost -------------------------------------------
# A plain-text copy that dropped the curly single marks (not one apostrophe left) loses the
# marks of nested speech too: “I went to the yard. Nothing wrong with her, said the foreman.
# So I waited.” The nested voice's cue is left inside the quotation. Its words are another
# voice, cut out as split_at_nested cuts marked ones: the sentence before the cue; after a
# comma or colon ("says he: time to go.") the rest of that sentence; and the sentences
# after it that sound spoken (a "you" or "we", a question, an exclamation). The cue and the
# narration around it are the storyteller's pieces. Only past-tense cues ("said he", "she
# asked", "I answered") and "says he": a present "I say", "I confess", "they say" is the
# speaker's own aside; and none that goes on with "if".
_INNER_SUBJECT = r"(?:he|she|I|they|we|one(?:\s+of\s+(?:the|them|us)(?:\s+[a-z]+){0,2})?|the\s+(?:[a-z]+\s+){0,2}[a-z]+|someone|somebody|(?:Mr|Mrs|Miss|Dr)\.?\s+[A-Z][a-z]+)"
_INNER_CUE = re.compile(
    r"(?<=[,!?])[ \t\n]+(?:(?P<v1>[a-z]+)[ \t\n]+(?P<s1>" + _INNER_SUBJECT + r"|[A-Z][a-z]+)"
    r"|(?P<s2>he|she|I|they|we|one|the[ \t\n]+(?:[a-z]+[ \t\n]+)?[a-z]+)[ \t\n]+(?P<v2>[a-z]+)(?:[ \t\n]+[a-z]+ly)?)"
    r"(?P<end>[,.;:!?]|(?=[ \t\n]+(?:in|with)[ \t\n]+(?:a|an|his|her|the)\b))"
)
_INNER_PRESENT = frozenset({"quoth", "says"})
_INNER_PAST = frozenset({"answered", "continued", "thought", "returned"})
_NOT_AFTER_CUE = re.compile(r"[ \t\n]*(?:if)\b")
_AND_AFTER_CUE = re.compile(r"[ \t\n]*(?:and|but)\b")
# the verbs of saying itself, whose narration may go on with "and" ("I said, and stood
# aside"); after the others "and" goes on with the speaker's own sentence ("he laughed, and
# said there was no harm in it")
_PLAIN_CUE_VERBS = frozenset({"said", "asked", "cried", "answered", "replied"})
# the narrator's words that go on after a cue: "said he, slapping his knee", "said I, quietly",
# "he said, in a low voice", "she answered, at last"
_CUE_GOES_ON = re.compile(r"[ \t\n]*(?:[a-z]+ing|[a-z]+ly|in|with|at|after|without|from|upon|on|as|for|while|to|looking|half|still|again|then|very|quite|rather|and|but)\b")


def _inner_cue_verb(word: str, inverted: bool) -> bool:
    """A past-tense speech verb ("said", "cried", "asked"); "says" only before its subject
    ("says he")."""
    if word in _INNER_PAST:
        return True
    if inverted and word in _INNER_PRESENT:
        return True
    lex = lexicon()
    base = lex.speech_verb_base.get(word)
    if base is None or base in lex.weak_verbs or word == base or word.endswith("s") or word.endswith("ing"):
        return False
    return True


_SENTENCE_END = re.compile(r"[.!?;:][ \t\n]+(?=[A-Z_\"])")
_SENTENCE_STOP = re.compile(r"[.!?](?=[ \t\n]|$)")


def lost_single_marks(text: str) -> bool:
    """No single mark at all, not even an apostrophe: a plain-text copy that dropped the
    curly ones, and the nested quotations' marks with them."""
    return "'" not in text and "’" not in text and "‘" not in text


# a sentence that sounds spoken rather than told
_SPOKEN = re.compile(r"\b(?:you|your|we|us|our)\b|[!?][ \t\n]*$", re.I)
_OPENS_MARKED = re.compile(r"[ \t\n]*[\"“”„«»]")


def _valid_inner_cues(text: str, q: RawQuote) -> list[re.Match]:
    """The nested speech cues inside quotation ``q``."""
    cues = []
    for m in _INNER_CUE.finditer(text, q.inner_start, q.inner_end):
        verb = m.group("v1") or m.group("v2")
        if not _inner_cue_verb(verb, m.group("v1") is not None):
            continue
        if m.group("end") == "," and _NOT_AFTER_CUE.match(text, m.end(), q.inner_end):
            continue
        if m.group("end") == "," and verb not in _PLAIN_CUE_VERBS and _AND_AFTER_CUE.match(text, m.end(), q.inner_end):
            continue
        cues.append(m)
    return cues


def split_at_unmarked_cues(text: str, quotes: list[RawQuote]) -> list[RawQuote]:
    """Each quotation cut around the reported speech its unmarked cues set off (dropped:
    another voice); the storyteller's words, the cue among them, are the pieces left."""
    out: list[RawQuote] = []
    for q in quotes:
        inner: list[tuple[int, int]] = []  # the reported words, as spans
        cues = _valid_inner_cues(text, q)
        for k, m in enumerate(cues):
            limit = cues[k + 1].start() if k + 1 < len(cues) else q.inner_end
            cue_start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            # the reported words before the cue: from the start of their sentence
            lo = q.inner_start
            for e in _SENTENCE_END.finditer(text, q.inner_start, m.start() - 1):
                lo = e.end()
            if inner and lo < inner[-1][1]:
                lo = inner[-1][1]
            inner.append((lo, cue_start))
            pos = m.end()
            if not m.group("end") or (m.group("end") == "," and _CUE_GOES_ON.match(text, m.end(), limit)):
                stop = _SENTENCE_STOP.search(text, m.end(), limit)  # the narrator's words go on
                pos = stop.end() if stop else limit
            elif m.group("end") in ",:;":
                stop = _SENTENCE_STOP.search(text, m.end(), limit)
                pos = stop.end() if stop else limit
                inner.append((m.end(), pos))
            # the reported words go on while they sound spoken (a sentence that opens with a
            # quotation mark is marked speech, not words whose marks were lost)
            while pos < limit:
                stop = _SENTENCE_STOP.search(text, pos, limit)
                end = stop.end() if stop else limit
                if not _SPOKEN.search(text, pos, end) or _OPENS_MARKED.match(text, pos, end):
                    break
                inner.append((pos, end))
                pos = end
        if not inner:
            out.append(q)
            continue
        start, continues = q.inner_start, q.continues
        spans = []
        for a, b in inner + [(q.inner_end, q.inner_end)]:
            if a > start:
                spans.append((start, a))
            start = max(start, b)
        for a, b in spans:
            while a < b and text[a] in " \t\n":
                a += 1
            while b > a and text[b - 1] in " \t\n":
                b -= 1
            if not ALNUM.search(text, a, b):
                continue
            out.append(RawQuote(q.start if a == q.inner_start else a, q.end if b == q.inner_end else b, a, b, q.paragraph, q.closed and b == q.inner_end, continues))
            continues = True
    return out
