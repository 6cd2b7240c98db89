"""Attribution sieves: small ordered functions, each of which may attribute one quotation.

Each sieve takes the shared :class:`~.context.Context` and a quotation's index and returns an
:class:`~.context.Attribution` or ``None``. :data:`SIEVES` lists them in the order they run;
the first that answers wins. Pronouns are resolved to an antecedent phrase here; phrases
become speakers (aliases merged) once, afterwards, in :mod:`.speakers`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .context import Attribution, Context
from .lexicon import lexicon
from .memo import document_memo
from .phrases import Phrase, Token
from .quotes import ALNUM
from .speakers import (
    _honorific_counts,
    common_word,
    is_personal,
    phrase_gender,
    phrase_number,
    root_phrase,
    written_as_a_name,
)

ADVERBS = frozenset(
    "also then again now later finally quickly quietly softly slowly simply gravely coldly warmly "
    "once still only further eagerly angrily sharply briefly calmly first earlier previously "
    "recently".split()
)
AUXILIARIES = frozenset("is was has had have will would is' 's".split())
_QUANTIFIERS = frozenset("some one two three several many this these those most".split())
_PRONOMINAL = frozenset("another some one several many others".split())  # standing alone
_COLLOQUIAL = frozenset({"go"})  # speech verbs only when punctuation introduces the words
MAX_LEAD_GAP = 14  # words between a leading speech verb and the quotation
MAX_LEAD_GAP_FRAGMENT = 40

Sieve = Callable[[Context, int], "Attribution | None"]


_NOT_WORDS = ("P", ",", ":", "HDOT")


def _words(tokens: list[Token]) -> list[int]:
    return [k for k, t in enumerate(tokens) if t.tag not in _NOT_WORDS]


def _last_words(tokens: list[Token], n: int) -> list[int]:
    """``_words(tokens)[-n:]``: from the window's tail when that holds ``n`` words."""
    tail = max(0, len(tokens) - 3 * n)
    words = [k for k, t in enumerate(tokens[tail:], tail) if t.tag not in _NOT_WORDS]
    if tail and len(words) < n:
        words = _words(tokens)
    return words[-n:]


def _first_word(tokens: list[Token]) -> int | None:
    """``_words(tokens)[0]``, or None."""
    for k, t in enumerate(tokens):
        if t.tag not in _NOT_WORDS:
            return k
    return None


def _phrase_at(phrases: list[Phrase], first: int) -> Phrase | None:
    for p in phrases:
        if p.first == first:
            return p
    return None


def _speech_verb(tok: Token, leading: bool = False) -> bool:
    if tok.tag != "VSAY":
        return False
    word = tok.word.lower()
    base = lexicon().speech_verb_base.get(word, "")
    # "noted", "stated", "called" are verbs; "note", "state", "call" may be nouns
    return not (leading and base in lexicon().weak_verbs and word == base)


def _make(sieve: str, confidence: float, phrase: Phrase, cue: Token | None) -> Attribution:
    if phrase.kind == "PRON":
        return Attribution("pronoun", min(confidence, 0.75), phrase=phrase, cue=cue)
    return Attribution(sieve, confidence, phrase=phrase, cue=cue)


# -- 0. headline: "…": Russia Denies … ---------------------------------------------------
def headline(ctx: Context, i: int) -> Attribution | None:
    q = ctx.quotes[i]
    para = ctx.paragraphs[q.paragraph]
    if q.start != para.start or not q.closed or ctx.text[q.end : q.end + 1] != ":":
        return None
    start, end = q.end + 1, min(para.end, q.end + 80)
    tokens = ctx.narration_tokens(start, end)
    verbs = lexicon().speech_verb_base
    for k, tok in enumerate(tokens):
        if tok.word.lower() in verbs and k > 0:
            name = tokens[:k]
            if all(t.tag in ("NNP", "NNPS", "HON", "HDOT", "DT", "ROLE") for t in name):
                s, e = name[0].start, name[-1].end
                head = ctx.text[s:e]
                kind = "ORG" if name[0].tag == "DT" else "NAME"
                p = Phrase(kind, s, e, head, head, s, e, None, 0, k - 1)
                return Attribution("headline", 0.6, phrase=p, cue=tok)
            break
    return None


# -- 1. trailing cue: "…," Dmitry Peskov told reporters / "…," said Caddell -------------------
def _memo(kind: str):
    """Cache a cue matcher per quotation (several sieves ask the same question). The cached
    attribution is shared: a sieve that keeps or completes it takes a copy."""

    def wrap(fn):
        def cached(ctx: Context, i: int) -> Attribution | None:
            memo = ctx._cue_memo
            key = (kind, i)
            att = memo.get(key, _UNSET)
            if att is _UNSET:
                att = memo[key] = fn(ctx, i)
            return att

        cached.__doc__ = fn.__doc__
        return cached

    return wrap


_UNSET = object()


@_memo("trailing")
def _trailing_match(ctx: Context, i: int) -> Attribution | None:
    start, end = ctx.trailing_window(i)
    first = _first_word(ctx.narration_tokens(start, end))
    if first is None:
        return None
    found = _cue_right_after(ctx, i, (start, end), first)
    if found is None and not ctx.fiction:
        found = _comma_clause_cue(ctx, (start, end))
    return found


def _comma_clause_cue(ctx: Context, window: tuple[int, int]) -> Attribution | None:
    """News: "… “drew quite well” in the primary, said Ada Ruiz." / "“If there had not been
    …” by the allies, Ruiz said at a town hall" — a cue clause after a comma later in the
    sentence attributes the quotation before it."""
    tokens = ctx.narration_tokens(*window)
    n = len(tokens)
    phrases = None
    for c in range(n - 2):
        if tokens[c].tag != ",":
            continue
        if phrases is None:
            phrases = ctx.narration_phrases(*window)
        later = [p for p in phrases if p.first > c]
        if _speech_verb(tokens[c + 1]):  # ", said Ada Ruiz."
            p = _phrase_at(later, c + 2) or _phrase_after_modifiers(tokens, later, c + 2)
            if p is not None and p.kind in ("NAME", "TITLED", "POSSD", "DESC"):
                after = tokens[p.last + 1].tag if p.last + 1 < n else None
                if after in (None, ",", "P", ":", "IN"):
                    return _make("trailing_cue", 0.75, p, tokens[c + 1])
            continue
        p = _phrase_at(later, c + 1)  # ", Ruiz said."
        if p is None or p.kind not in ("NAME", "TITLED", "POSSD", "DESC", "PRON"):
            continue
        if p.kind == "PRON" and p.text.lower() not in ("he", "she", "they"):
            continue
        v = p.last + 1
        while v < n and tokens[v].word.lower() in ADVERBS:
            v += 1
        if v < n and _speech_verb(tokens[v]) and not tokens[v].word.lower().endswith("ing"):
            after = tokens[v + 1].tag if v + 1 < n else None
            if after in (None, ",", "P", ":", "IN"):  # not "Ruiz said the plan …"
                return _make("trailing_cue", 0.75, p, tokens[v])
    return None


def _phrase_after_modifiers(tokens: list[Token], phrases: list[Phrase], k: int) -> Phrase | None:
    """ "said retired Army Lt. Gen. Ada Ruiz,", "added his campaign manager Ada Ruiz.": the
    name closing the clause a few modifiers after an inverted speech verb."""
    for j in range(k, min(len(tokens), k + 6)):
        tok = tokens[j]
        modifier = tok.tag == "VSAY" and j + 1 < len(tokens) and tokens[j + 1].tag in ("ROLE", "NNP", "HON")
        if not modifier and (tok.tag not in ("W", "NNP", "HON", "HDOT", "ROLE", "PRP$", "DT") or (tok.tag == "W" and not tok.word.islower())):
            return None  # ("state historian": a verb's homograph as a modifier)
        p = _phrase_at(phrases, j)
        if p is not None and p.kind in ("NAME", "TITLED", "POSSD", "DESC"):
            after = tokens[p.last + 1].tag if p.last + 1 < len(tokens) else None
            if after in (None, ",", "P", ":", "IN"):
                return p
    return None


def _embedded(ctx: Context, i: int) -> bool:
    """Whether quotation ``i`` comes after words of its own sentence."""
    q = ctx.quotes[i]
    starts = ctx._sentence_starts
    s = bisect.bisect_right(starts, q.start) - 1
    lead_start = max(starts[s] if s >= 0 else 0, ctx.paragraphs[q.paragraph].start)
    return ALNUM.search(ctx.text, lead_start, q.start) is not None


def _cue_right_after(ctx: Context, i: int, window: tuple[int, int], first: int) -> Attribution | None:
    tokens = ctx.narration_tokens(*window)
    # only punctuation may stand between the closing mark and the cue
    if any(t.tag not in ("P", ",") for t in tokens[:first]):
        return None
    q = ctx.quotes[i]
    if not first and q.closed:
        last_char = ctx.text[q.inner_start : q.inner_end].rstrip("'’\"”)")[-1:]  # (through nested marks)
        # "accuses Obama of "leading from behind" and Trump says …": a quotation inside a
        # sentence that runs on is not tagged by the next clause's verb ("…," X said is)
        if last_char not in ",.!?…—-" and ctx.kinds and ctx.kinds[i] in ("term", "partial"):
            return None
    if not ctx.fiction and q.closed and ctx.text[q.inner_end - 1 : q.inner_end] == "." and _embedded(ctx, i):
        # 'Ames said the plan "will fail." Brill called it …': the full stop ended Ames's
        # sentence; a cue after it (subject first) reports the next one
        if not _speech_verb(tokens[first]):
            return None
    phrases = ctx.narration_phrases(*window)
    k = first
    while k + 1 < len(tokens) and tokens[k].tag == "W" and (
        tokens[k].word.lower() in ADVERBS or tokens[k].word.lower().endswith("ly")
    ):
        k += 1  # "eagerly rejoined Mrs. Elton"
    tok = tokens[k]
    if tok.word.lower() == "according" and k + 2 < len(tokens) and tokens[k + 1].word.lower() == "to":
        p = _phrase_at(phrases, k + 2) or _bare_description(ctx, tokens, k + 2, after=True)
        if p is not None:
            return Attribution("according_to", 0.85, phrase=p)
    if _speech_verb(tok):  # inverted: said Caddell / said he / replied the old man
        nxt = k + 1
        if nxt < len(tokens) and tokens[nxt].word.lower() in ADVERBS:
            nxt += 1
        p = _phrase_at(phrases, nxt) or _bare_description(ctx, tokens, nxt, after=True)
        if p is not None and ctx.fiction and p.kind == "DESC":
            p = _with_modifier(ctx, tokens, p)
        if p is None and not ctx.fiction:
            p = _phrase_after_modifiers(tokens, phrases, nxt)
        if p is not None:
            return _make("trailing_cue", 0.9, p, tok)
        return None
    p = (
        _phrase_at(phrases, k)
        or _bare_description(ctx, tokens, k, after=False)
        or _capitalised_word_before_verb(ctx, tokens, k)
    )
    if p is None and tokens[k].tag == "W" and not tokens[k].word[:1].isupper():
        p = _phrase_at(phrases, k + 1)  # "former FBI agent Timothy Gill explained"
        if p is not None and p.kind not in ("TITLED", "POSSD", "NAME"):
            p = None
    if p is None:
        return None
    # "the Vantor Institute's Ada Ruiz said": Ada Ruiz, not her institute
    j = p.last + 1
    possessor = tokens[p.last].tag == "NNPS"
    if not possessor and j < len(tokens) and tokens[j].tag == "NNPS":
        possessor, j = True, j + 1
    if possessor:
        owned = _phrase_at(phrases, j)
        if owned is not None and owned.kind in ("NAME", "TITLED", "DESC"):
            p = owned
    elif not ctx.fiction and p.kind in ("NAME", "ORG"):
        # "Senate minority leader Ada Ruiz told", "Texas delegate Ada Ruiz said": a name
        # or place modifying the description of the speaker who follows
        j = p.last + 1
        while j < len(tokens) and j - p.last <= 3 and tokens[j].tag in ("W", "ROLE") and tokens[j].word.islower():
            j += 1
        later = _phrase_at(phrases, j) if j > p.last + 1 else None
        if later is not None and later.kind in ("NAME", "TITLED") and later.last + 1 < len(tokens):
            if _speech_verb(tokens[later.last + 1]):
                p = later
        elif later is None and j > p.last + 1:
            for q in phrases:
                if q.first == p.last + 1 and q.kind == "TITLED" and q.last + 1 < len(tokens) and _speech_verb(tokens[q.last + 1]):
                    p = q
    nxt = p.last + 1
    if nxt < len(tokens) and tokens[nxt].word == "(":  # "Sen. Ada Ruiz (D-Ore.) said"
        close = next((k2 for k2 in range(nxt + 1, min(len(tokens), nxt + 10)) if tokens[k2].word == ")"), None)
        if close is not None:
            nxt = close + 1
    if nxt < len(tokens) and tokens[nxt].tag == ",":  # "Steen, the mayor, said"
        named = _phrase_at(phrases, nxt + 1)
        for k2 in range(nxt + 1, min(len(tokens), nxt + 16)):
            if tokens[k2].tag == ",":
                nxt = k2 + 1
                break
        else:
            # "another friend, Mariam Emara told CNN": the name after the description
            if p.kind == "DESC" and named is not None and named.kind in ("NAME", "TITLED", "POSSD"):
                p, nxt = named, named.last + 1
    elif nxt < len(tokens) and tokens[nxt].tag == "IN":  # "a spokesman for the ministry said"
        modified = _with_modifier(ctx, tokens, p, closers=("VSAY",)) if ctx.fiction and p.kind == "DESC" else p
        if modified is not p:  # "the man in the hat said": the modifier belongs to the name
            p, nxt = modified, modified.last + 1
        else:
            for k2 in range(nxt + 1, min(len(tokens), nxt + 6)):
                if tokens[k2].tag == "VSAY":
                    nxt = k2
                    break
    while nxt < len(tokens) and (
        tokens[nxt].word.lower() in ADVERBS or tokens[nxt].word.lower().endswith("ly") or tokens[nxt].word.lower() in AUXILIARIES
    ):
        nxt += 1  # "Braynard is quoted as saying", "Mills then writes"
    if nxt + 2 < len(tokens) and tokens[nxt].tag in ("W", "VSAY") and tokens[nxt + 1].word.lower() == "to":
        if _speech_verb(tokens[nxt + 2]):
            nxt += 2  # "Mrs. Welland hastened to add"
    if nxt < len(tokens) and _speech_verb(tokens[nxt]):
        if nxt + 1 < len(tokens) and tokens[nxt + 1].tag == ":":
            return None  # "Brandt disagreed:" introduces the next quotation
        return _make("trailing_cue", 0.9, p, tokens[nxt])
    return None


def trailing_cue(ctx: Context, i: int) -> Attribution | None:
    att = _trailing_match(ctx, i)
    return att.copy() if att is not None and att.sieve != "pronoun" else None


def _bare_description(ctx: Context, tokens: list[Token], k: int, after: bool) -> Phrase | None:
    """ "said the old gentleman" / "the beadle replied": a definite description of a person
    that the lexicon has no role noun for. Only next to a speech verb, where it can only be
    the speaker."""
    if k >= len(tokens):
        return None
    if tokens[k].tag != "DT" and not (not ctx.fiction and not after and tokens[k].word.lower() in _QUANTIFIERS):
        return None  # (news: "some protesters chanted", "one user wrote")
    j = k + 1
    while j < len(tokens) and j - k <= 3 and tokens[j].tag in ("W", "ROLE", "NNP"):
        j += 1
    if j == k + 1 and (ctx.fiction or after or tokens[k].word.lower() not in _PRONOMINAL):
        return None  # (news: "Another tweeted", "Some chanted")
    end_tok = tokens[j] if j < len(tokens) else None
    if after and end_tok is not None and end_tok.tag not in (",", "P", ":") and (ctx.fiction or end_tok.tag != "IN"):
        return None  # (news: "said a person close to the family")
    if not after and (end_tok is None or end_tok.tag != "VSAY"):
        return None
    if not ctx.fiction and not after and not _speech_verb(end_tok, leading=True):
        return None  # news: "the website explains", never "the sign read"
    first, last = tokens[k], tokens[j - 1]
    text = ctx.text[first.start : last.end]
    return Phrase("DESC", first.start, last.end, text, text, first.start, last.end, None, k, j - 1)


def _capitalised_word_before_verb(ctx: Context, tokens: list[Token], k: int) -> Phrase | None:
    """ "…," From said: a surname that is also a common word, right before a speech verb."""
    if k + 1 >= len(tokens) or not tokens[k].word[:1].isupper() or tokens[k].tag == "PRP":
        return None
    if not _speech_verb(tokens[k + 1]) or not tokens[k].word.isalpha():
        return None
    if tokens[k + 1].word.lower().endswith("ing"):
        return None  # "So saying, he …"
    tok = tokens[k]
    return Phrase("NAME", tok.start, tok.end, tok.word, tok.word, tok.start, tok.end, None, k, k)


# -- 2. leading cue: Mr Spicer said: "…" / Trump said that "…" / adding that "…" ---------------
def _can_be_subject(tokens: list[Token], p: Phrase, inverted: bool = False) -> bool:
    """Whether phrase ``p`` may be the subject of a clause. ``inverted``: a phrase right after a
    speech verb counts ("said Alice" names a speaker; in a leading cue "told Interfax" does not)."""
    before = tokens[p.first - 1].tag if p.first > 0 else None
    if before in ("IN", "PRP$") or (before == "VSAY" and not inverted):
        return False  # "cited by the Independent", "his Russian counterpart", "told Interfax"
    if p.kind == "PRON" and p.text.lower() not in ("he", "she", "they", "i", "we"):
        return False
    if p.kind in ("NAME", "TITLED") and tokens[p.last].tag == "NNPS":
        return False  # a possessor: "Putin's backing"
    return True


def _dateline(tokens: list[Token], p: Phrase) -> bool:
    """ "WASHINGTON, Aug. 24 (UPI) — …": a capitalised place opening a news story."""
    return p.first == 0 and p.text.isupper() and len(p.text) > 2 and len(tokens) > 1 and tokens[1].tag == ","


def _appositive_head(tokens: list[Token], phrases: list[Phrase], p: Phrase | None) -> Phrase | None:
    """ "Lena Ortiz, a spokeswoman for the ministry, said": the name, not the description."""
    if p is None or p.kind != "DESC" or p.first < 2 or tokens[p.first - 1].tag != ",":
        return p
    closing = next(
        (k for k in range(p.last + 1, min(len(tokens), p.last + 10)) if tokens[k].tag in (",", "VSAY")), None
    )
    if closing is None or tokens[closing].tag != ",":
        return p  # "Clinton, a top aide said,": the aide speaks
    for q in phrases:
        if q.last == p.first - 2 and q.kind in ("NAME", "TITLED", "POSSD"):
            return q
    return p


def _subject_before(tokens: list[Token], phrases: list[Phrase], v: int) -> Phrase | None:
    candidates = [p for p in phrases if p.last < v and _can_be_subject(tokens, p) and not _dateline(tokens, p)]
    if not candidates:
        return None
    if tokens[v].word.lower().endswith("ing"):
        # a participle ("…, saying", "and calling") takes the subject of the clause before
        # its comma
        commas = [k for k in range(v) if tokens[k].tag == ","]
        if commas:
            before_comma = [p for p in candidates if p.last < commas[-1]]
            candidates = before_comma or candidates
        # the subject of the clause's own speech verb ("Cruz said … that Ames is …, adding")
        for p in reversed(candidates):
            after = tokens[p.last + 1] if p.last + 1 < len(tokens) else None
            if after is not None and after.tag == "VSAY" and not after.word.lower().endswith("ing"):
                return p
        for p in reversed(candidates):
            after = tokens[p.last + 1] if p.last + 1 < len(tokens) else None
            if after is not None and after.tag in ("W", "VSAY") and not after.word.lower().endswith("ing"):
                return p
        return candidates[0]
    return candidates[-1]


def _colon_window(ctx: Context, i: int) -> tuple[int, int] | None:
    """A quotation opening a paragraph after one that ends with a colon ("Cruz continued:")."""
    q = ctx.quotes[i]
    if q.paragraph == 0 or q.start != ctx.paragraphs[q.paragraph].start:
        return None
    prev = ctx.paragraphs[q.paragraph - 1]
    if ctx.text[prev.end - 1] not in ":," and (not ctx.fiction or ctx.quotes_in_paragraph(q.paragraph - 1)):
        return None  # a narration paragraph may end with the cue: "Wren began to speak."
    start = prev.start
    for sent in ctx.sentences_in(prev):
        if sent.start < prev.end - 1:
            start = sent.start
    return start, prev.end


@_memo("leading")
def _leading_match(ctx: Context, i: int) -> Attribution | None:
    start, end, _crossed = ctx.leading_window(i)
    if start >= end or not ctx.text[start:end].strip():
        colon = _colon_window(ctx, i)
        if colon is not None:
            start, end = colon
    tokens = ctx.narration_tokens(start, end)
    if not tokens:
        return None
    phrases = ctx.narration_phrases(start, end)
    # a scare-quoted term or a fragment can sit far into the sentence that reports it
    gap = MAX_LEAD_GAP_FRAGMENT if ctx.kinds and ctx.kinds[i] in ("term", "partial") else MAX_LEAD_GAP
    recent = _last_words(tokens, gap)
    # "according to X, "…""
    for k in recent:
        if tokens[k].word.lower() == "according" and k + 2 < len(tokens) and tokens[k + 1].word.lower() == "to":
            p = _phrase_at(phrases, k + 2) or _bare_description(ctx, tokens, k + 2, after=True)
            if p is not None:  # ("according to the newspaper, …")
                return Attribution("according_to", 0.85, phrase=p)
    for n, k in enumerate(reversed(recent)):
        tok = tokens[k]
        if not _speech_verb(tok, leading=n > 4):
            continue
        if not ctx.fiction and lexicon().speech_verb_base.get(tok.word.lower()) in _COLLOQUIAL and (
            k + 1 >= len(tokens) or tokens[k + 1].tag not in (",", ":")
        ):
            continue  # "has gone soft", "went to Iowa"; but 'he went, "…"'
        subject = _subject_before(tokens, phrases, k)
        # inverted: said Mr. Smith: "…" (but "Lind told Ada Mertz:" has its subject first)
        p = _phrase_at(phrases, k + 1)
        if p is not None and (
            p.last == len(tokens) - 2 and tokens[-1].tag in (",", ":") or ctx.fiction and p.last == len(tokens) - 1 and p.kind in ("NAME", "TITLED")
        ):  # (or right before the quotation: '"…," thought Alice "…"')
            if subject is None or subject.last < k - 3:
                return _make("leading_cue", 0.85, p, tok)
        if subject is None and not ctx.fiction:
            # "Another commenter said, …", "The letter continues: …"
            for d in range(max(0, k - 4), k):
                bare = _bare_description(ctx, tokens, d, after=False)
                if bare is not None and bare.last == k - 1 and (d == 0 or tokens[d - 1].tag in ("P", ",", ":", "W")):
                    subject = bare
                    break
        subject = _appositive_head(tokens, phrases, subject)
        if subject is not None:
            rel = _relative_pronoun(tokens, subject, k)
            if rel is not None:
                # "Lynch, who told Congress: …": the attribution rests on "who"
                return Attribution("leading_cue", 0.8, phrase=rel, cue=tok, antecedent=subject)
            return _make("leading_cue", 0.85, subject, tok)
        return None
    if not ctx.fiction and len(tokens) >= 2 and tokens[-1].tag == ":":
        # "… doesn't surprise Republican pollster Ada Ruiz: “…”": a person named right
        # before the colon that opens the quotation
        before = len(tokens) - 2
        if tokens[before].word == ")":  # "Rep. Ada Ruiz (D-Ore.): …"
            before = next((k for k in range(before - 1, max(-1, before - 8), -1) if tokens[k].word == "("), 0) - 1
        p = next((p for p in phrases if p.last == before), None)
        if p is not None and _is_person_name(p):
            return Attribution("leading_cue", 0.7, phrase=p)
    return None


def _is_person_name(p: Phrase) -> bool:
    """A titled name, or a name that starts with a known first name."""
    if p.kind in ("TITLED", "POSSD"):
        return True
    first = p.head.split()[0].lower() if p.head else ""
    return p.kind == "NAME" and len(p.head.split()) >= 2 and first in lexicon().first_names


def _relative_pronoun(tokens: list[Token], subject: Phrase, verb: int) -> Phrase | None:
    for k in range(subject.last + 1, min(verb, subject.last + 4)):
        tok = tokens[k]
        if tok.word.lower() in ("who", "which"):
            if any(t.tag == "," for t in tokens[k + 1 : verb]):
                return None  # "Clinton, who was speaking …, told …": the clause closed before
            return Phrase("REL", tok.start, tok.end, tok.word, tok.word, tok.start, tok.end, None, k, k)
    return None


def leading_cue(ctx: Context, i: int) -> Attribution | None:
    trailing = _trailing_match(ctx, i)
    if not ctx.fiction and trailing is not None and trailing.sieve == "pronoun":
        return None  # '…,” she said.': the cue right after the words beats one before them
    att = _leading_match(ctx, i)
    return att.copy() if att is not None and att.sieve != "pronoun" else None


# -- 3. pronoun: "…," he added → the nearest compatible person before it -----------------------
def pronoun(ctx: Context, i: int) -> Attribution | None:
    att = _trailing_match(ctx, i)
    if att is None or att.sieve != "pronoun":
        att = _leading_match(ctx, i)
    if att is None or att.sieve != "pronoun" or att.phrase is None:
        return None
    antecedent = resolve_pronoun(ctx, att.phrase, i)
    if antecedent is None:
        return None
    att = att.copy()
    att.antecedent = antecedent
    return att


def resolve_pronoun(ctx: Context, pron: Phrase, i: int, max_paragraphs: int = 4) -> Phrase | None:
    """The antecedent of a cue's pronoun.

    In order: a compatible person named earlier in the same paragraph; in fiction dialogue,
    the speaker of the turn before last (speakers alternate); a compatible person named in
    the preceding paragraphs. "I" in fiction is the narrator.
    """
    want = lexicon().pronouns.get(pron.text.lower(), "?")
    if want == "1" and ctx.fiction:
        return Phrase("NARRATOR", pron.start, pron.end, pron.text, "narrator", pron.start, pron.end, None, 0, 0)
    if want in ("1", "1p", "2"):
        return None
    para = ctx.paragraph_at(pron.start)
    if ctx.fiction and want in ("m", "f") and ctx.quotes[i].start == ctx.paragraphs[ctx.quotes[i].paragraph].start:
        found = _antecedent_in(ctx, para, pron.start, want)
        if found is not None:
            return found
        partner = _conversation_partner(ctx, i, want)
        if partner is not None:
            return partner
    for p_index in range(para, max(-1, para - max_paragraphs), -1):
        if p_index == para - 1 and ctx.fiction and want in ("m", "f"):
            other = _alternating_speaker(ctx, para, want)
            if other is not None:
                return other
        found = _antecedent_in(ctx, p_index, pron.start, want)
        if found is not None:
            return found
    if ctx.fiction and want in ("m", "f"):
        return _recent_speaker(ctx, i, want)
    return None


def _conversation_partner(
    ctx: Context, i: int, want: str, lookback: int = 8, named_only: bool = False
) -> Phrase | None:
    """In dialogue, "he said" is the most recent other speaker of that gender: not the one
    who spoke the turn before (speakers alternate)."""
    prev = root_phrase(ctx, i - 1) if i > 0 and ctx.attributions[i - 1] is not None else None
    prev_key = _key(prev) if prev is not None else None
    for j in range(i - 1, max(-1, i - lookback), -1):
        if ctx.attributions[j] is None:
            continue
        p = root_phrase(ctx, j)
        if p is None or p.kind == "NARRATOR" or (prev is not None and _key(p) == prev_key):
            continue
        if named_only and p.kind in ("DESC", "PRON", "ORG"):
            continue
        if phrase_gender(ctx, p) == want:
            return p
    return None


def _recent_speaker(ctx: Context, i: int, want: str, lookback: int = 12) -> Phrase | None:
    """The last character of that gender who spoke, when no one is named nearby."""
    for j in range(i - 1, max(-1, i - lookback), -1):
        if ctx.attributions[j] is None:
            continue
        p = root_phrase(ctx, j)
        if p is not None and p.kind != "NARRATOR" and phrase_gender(ctx, p) == want:
            return p
    return None


def _antecedent_in(ctx: Context, p_index: int, before: int, want: str) -> Phrase | None:
    tokens, phrases = ctx.paragraph_narration(p_index, before)
    fallback: Phrase | None = None
    unknown: list[Phrase] = []
    for p in reversed(phrases):
        if p.start >= before or p.kind == "PRON" or not _can_be_subject(tokens, p, inverted=True):
            continue
        if p.kind == "DESC" and tokens[p.first].tag == "PRP$":
            continue  # "his head", "her husband": relative to someone else
        if want == "p":
            if phrase_number(p) == "p" or p.kind == "ORG":
                return p
            continue
        if want == "n":
            if p.kind == "ORG":
                return p
            continue
        if not is_personal(ctx, p):
            continue
        gender = phrase_gender(ctx, p)
        if gender == want and p.kind != "DESC":
            return p
        if gender == "?" and p.kind != "DESC":
            unknown.append(p)
            if len(unknown) >= 3:
                break
        elif gender in ("?", want):
            fallback = fallback or p
    # a name of the right gender a little further back beats a nearer name of unknown gender
    return unknown[0] if unknown else fallback


def _alternating_speaker(ctx: Context, para: int, want: str) -> Phrase | None:
    prev1 = _last_quote_in(ctx, para - 1)
    prev2 = _last_quote_in(ctx, para - 2)
    if prev1 is None or prev2 is None:
        return None
    a, b = root_phrase(ctx, prev1), root_phrase(ctx, prev2)
    if b is None or b.kind == "NARRATOR":
        return None
    if a is not None and _key(a) == _key(b):
        return None
    return b if phrase_gender(ctx, b) in ("?", want) else None


def _key(p: Phrase) -> str:
    """The last word of a phrase's name, lower case and without periods (memoised: the
    dialogue passes ask for the same few names thousands of times)."""
    head = p.head
    key = _keys.get(head)
    if key is None:
        key = _keys[head] = head.lower().replace(".", "").split()[-1] if head else ""
    return key


_keys: dict[str, str] = document_memo()


# -- 4. speech nouns: Sean Spicer's statement that … "…" -------------------------------------
def speech_noun(ctx: Context, i: int) -> Attribution | None:
    """ "Sean Spicer's statement that …", "a statement from the ministry", and "his last words
    to Emma were, "…"" (the possessive pronoun then needs its antecedent)."""
    start, end, _ = ctx.leading_window(i)
    tokens = ctx.narration_tokens(start, end)
    nouns = lexicon().speech_nouns
    phrases = ctx.narration_phrases(start, end)
    for k in range(len(tokens) - 1, 0, -1):
        if tokens[k].word.lower() in nouns:
            for p in phrases:
                if p.last == k - 1 and tokens[p.last].tag == "NNPS":
                    return Attribution("speech_noun", 0.7, phrase=p)
            if k + 2 < len(tokens) and tokens[k + 1].word.lower() in ("by", "from"):
                p = _phrase_at(phrases, k + 2)
                if p is not None:
                    return Attribution("speech_noun", 0.7, phrase=p)
            owner = next((j for j in range(k - 1, max(-1, k - 4), -1) if tokens[j].tag == "PRP$"), None)
            if owner is not None and tokens[owner].word.lower() in ("his", "her"):
                tok = tokens[owner]
                pron = Phrase("PRON", tok.start, tok.end, tok.word, tok.word, tok.start, tok.end, None, owner, owner)
                antecedent = resolve_pronoun(ctx, pron, i)
                if antecedent is not None:
                    return Attribution("speech_noun", 0.55, phrase=pron, antecedent=antecedent)
            break
    return None


# -- narration subject: "Wren hesitated. "Is the road clear…"" ---------------------------
def narration_subject(ctx: Context, i: int) -> Attribution | None:
    """A quotation after a sentence of narration in its own paragraph, with no cue of its own:
    the one that sentence is about (its subject, or the owner in "Mr. Hale's eyebrows
    went up") speaks."""
    q = ctx.quotes[i]
    para = ctx.paragraphs[q.paragraph]
    if q.start == para.start or (i > 0 and ctx.quotes[i - 1].end > para.start):
        return None  # opens its paragraph, or follows another quotation there
    sentence_start = para.start
    for sent in ctx.sentences_in(para):
        if sent.start < q.start - 1:
            sentence_start = sent.start
    if not ctx.text[sentence_start : q.start].rstrip().endswith((".", "!", "?", ":", ";", "—", "-")):
        return None
    phrases = ctx.narration_phrases(sentence_start, q.start)
    if not phrases or phrases[0].first > 2:
        return None
    p = phrases[0]
    if p.kind == "PRON":
        want = lexicon().pronouns.get(p.text.lower(), "?")
        if want not in ("m", "f"):
            return None
        antecedent = resolve_pronoun(ctx, p, i)
        if antecedent is None:
            return None
        return Attribution("narration_subject", 0.5, phrase=p, antecedent=antecedent)
    if not is_personal(ctx, p):
        return None
    return Attribution("narration_subject", 0.5, phrase=p)


# -- 5. continuation: a quotation right after an attributed one -------------------------------
def continuation(ctx: Context, i: int) -> Attribution | None:
    q = ctx.quotes[i]
    j = i - 1
    # a title or a scare-quoted term in the narration between two statements ("…," Ames said
    # on "Meet the Press". "…") does not interrupt the speaker
    while j >= 0 and ctx.attributions[j] is None and ctx.kinds and ctx.kinds[j] in ("title", "term"):
        if ctx.quotes[j].paragraph != q.paragraph:
            break
        j -= 1
    if j < 0 or ctx.attributions[j] is None:
        return None
    prev = ctx.quotes[j]
    prev_para = ctx.end_paragraph(j)
    if q.paragraph == prev_para:
        return Attribution("continuation", 0.8, same_as=j)
    if j != i - 1:
        return None
    if ctx.fiction or q.paragraph != prev_para + 1:
        return None
    para = ctx.paragraphs[q.paragraph]
    # news style: a paragraph that is only a further quotation of the same speaker
    if q.start == para.start and (q.end >= para.end - 2 or not _has_own_cue(ctx, i)):
        prev_paragraph = ctx.paragraphs[prev_para]
        tail = ctx.text[prev.end : prev_paragraph.end]
        if len(tail) < 120:
            return Attribution("continuation", 0.6, same_as=j)
    return None


def _has_own_cue(ctx: Context, i: int) -> bool:
    start, end = ctx.trailing_window(i)
    return any(t.tag == "VSAY" for t in ctx.narration_tokens(start, end))


# -- 6. turn-taking in fiction dialogue ---------------------------------------------------------
_VOCATIVE = re.compile(r"(?:^|[,!?]\s+)((?:(?:Mr|Mrs|Miss|Ms|Dr|Sir|Lady|Lord)\.?\s+)?[A-Z][a-z]+)(?=[,!?.]\s*(?:$|\w))")
_NAME_THEN_MARK = re.compile(r"[A-Z][a-z]+[,!?.]")  # in every match of _VOCATIVE


def vocatives(ctx: Context, i: int) -> list[re.Match]:
    """The matches of :data:`_VOCATIVE` (names called) in quotation ``i``'s words, memoised
    per document: the sieves and the ranker ask about the same turns. Most quotations have
    no capitalised word before a comma or a stop, which a quicker pattern tells."""
    found = ctx._vocatives.get(i)
    if found is None:
        inner = ctx.inner(i)
        found = ctx._vocatives[i] = list(_VOCATIVE.finditer(inner)) if _NAME_THEN_MARK.search(inner) else []
    return found


def turn_taking(ctx: Context, i: int) -> Attribution | None:
    if not ctx.fiction:
        return None
    q = ctx.quotes[i]
    para = ctx.paragraphs[q.paragraph]
    if q.start != para.start:
        return None
    prev1 = _last_quote_in(ctx, q.paragraph - 1)
    if prev1 is None:
        return None
    if ctx.attributions[prev1] is None:
        return None
    # the last one who spoke before the previous turn, and is not its speaker
    last_key = _key_of(ctx, prev1)
    called = _called(ctx, i)
    for back in range(2, 7):
        earlier = _last_quote_in(ctx, q.paragraph - back)
        if earlier is None:
            break
        key = _key_of(ctx, earlier)
        if ctx.attributions[earlier] is not None and key != last_key and key not in called:
            return Attribution("turn_taking", 0.55 if back == 2 else 0.45, same_as=earlier)
    # the other party is the last person named in the narration before this turn
    speaker = root_phrase(ctx, prev1)
    reach = 3 if _last_quote_in(ctx, q.paragraph - 2) is None else 6
    start_para = q.paragraph - 1
    for p_index in range(start_para, max(-1, start_para - reach), -1):
        found = _other_person_in(ctx, p_index, speaker)
        if found is not None:
            return Attribution("turn_taking", 0.4, phrase=found)
    return None


def backward_turn_taking(ctx: Context, i: int) -> Attribution | None:
    """A turn nobody could attribute going forward takes the speaker of the turn after next,
    when the next two turns are known and differ (A ? B A → B)."""
    if not ctx.fiction:
        return None
    q = ctx.quotes[i]
    if q.start != ctx.paragraphs[q.paragraph].start:
        return None
    next1 = _first_quote_in(ctx, q.paragraph + 1)
    next2 = _first_quote_in(ctx, q.paragraph + 2)
    if next1 is None or next2 is None:
        return None
    if ctx.attributions[next1] is None or ctx.attributions[next2] is None:
        return None
    if _key_of(ctx, next1) == _key_of(ctx, next2):
        return None
    return Attribution("turn_taking", 0.4, same_as=next2)


def _first_quote_in(ctx: Context, para: int) -> int | None:
    if para >= len(ctx.paragraphs):
        return None
    quotes = ctx.quotes_in_paragraph(para)
    if not quotes or ctx.quotes[quotes[0]].start != ctx.paragraphs[para].start:
        return None
    return quotes[0]


def _key_of(ctx: Context, i: int) -> str | None:
    p = root_phrase(ctx, i)
    return _key(p) if p is not None else None


def _other_person_in(ctx: Context, p_index: int, speaker: Phrase | None) -> Phrase | None:
    tokens, phrases = ctx.paragraph_narration(p_index)
    for p in reversed(phrases):
        if p.kind in ("PRON", "DESC") or not is_personal(ctx, p) or not _can_be_subject(tokens, p):
            continue
        if speaker is not None and _key(p) == _key(speaker):
            continue
        return p
    return None


def _last_quote_in(ctx: Context, para: int) -> int | None:
    if para < 0:
        return None
    quotes = ctx.quotes_in_paragraph(para)
    return quotes[-1] if quotes else None


def addressee(ctx: Context, i: int) -> Phrase | None:
    """The person the previous turn addressed by name ("…, Mrs. Mann?"), if quotation ``i``
    opens the next paragraph of a dialogue."""
    if not ctx.fiction:
        return None
    q = ctx.quotes[i]
    if q.start != ctx.paragraphs[q.paragraph].start:
        return None
    prev = _last_quote_in(ctx, q.paragraph - 1)
    if prev is None:
        return None
    inner_start = ctx.quotes[prev].inner_start
    stop = lexicon().stop_capitals
    found: list[tuple[int, Phrase]] = []
    for m in vocatives(ctx, prev):
        name = m.group(1)
        if name.lower() in stop or name.split()[-1].lower() in stop:
            continue
        s = inner_start + m.start(1)
        p = Phrase("NAME", s, s + len(name), name, name, s, s + len(name), None, 0, 0)
        evidence = _name_evidence(ctx, name)
        if evidence == 2 and (not written_as_a_name(ctx, name) or common_word(ctx, name)):
            continue  # "Elp! Elp!", "Ostria, or America?", "Good, good!": no one's name
        if evidence == 0 or is_personal(ctx, p):
            found.append((evidence, p))
    # "Lauk, Mr. Bumble!": the honorific name, or a known name, before an exclamation
    return min(found, key=lambda f: f[0])[1] if found else None


def _name_evidence(ctx: Context, name: str) -> int:
    """0: an honorific name; 1: a known first name or a surname the text uses with an
    honorific; 2: any other capitalised word."""
    words = name.replace(".", " ").split()
    if len(words) > 1 and words[0].lower() in lexicon().honorifics:
        return 0
    if words[-1].lower() in lexicon().first_names or _honorific_counts(ctx).get(words[-1], 0) > 0:
        return 1
    return 2


def vocative(ctx: Context, i: int) -> Attribution | None:
    """The person addressed by name in the previous turn usually speaks next."""
    p = addressee(ctx, i)
    return Attribution("vocative", 0.5, phrase=p) if p is not None else None


def _with_modifier(ctx: Context, tokens: list[Token], p: Phrase, closers: tuple[str, ...] = (",", "P", ":")) -> Phrase:
    """Fiction: "said the man with the black beard," — a description with its modifier is how
    a novel names a minor character; the modifier closes the clause."""
    k = p.last + 1
    if k >= len(tokens) or tokens[k].word.lower() not in ("with", "in", "of", "from"):
        return p
    j = k + 1
    if j < len(tokens) and tokens[j].tag in ("DT", "PRP$"):
        j += 1
    start_words = j
    while j < len(tokens) and j - start_words < 3 and tokens[j].tag in ("W", "ROLE", "NNP") and tokens[j].word.isalpha():
        j += 1
    if j == start_words or (j < len(tokens) and tokens[j].tag not in closers) or (j == len(tokens) and "VSAY" in closers):
        return p
    last = tokens[j - 1]
    text = ctx.text[p.start : last.end]
    return Phrase("DESC", p.start, last.end, text, text, p.start, last.end, p.role, p.first, j - 1)


def _name_description(ctx: Context, i: int, att: Attribution) -> None:
    """In a dialogue, "replied the nurse" after "…, Mrs. Mann?" names the nurse (not "the
    man with the black beard": a description that specific is the character's own name)."""
    if not ctx.fiction or att.phrase is None or att.phrase.kind != "DESC" or att.antecedent is not None:
        return
    words = " ".join(att.phrase.text.lower().split())
    if any(f" {word} " in words for word in ("with", "in", "of", "from")):
        return
    p = addressee(ctx, i)
    if p is not None:
        att.antecedent = p
        return
    # "the girl", "the doctor": the character of the scene who fits, among the last speakers
    gender = phrase_gender(ctx, att.phrase)
    partner = _conversation_partner(ctx, i, gender if gender in ("m", "f") else "?", named_only=True)
    if partner is not None:
        att.antecedent = partner


def reported_before(ctx: Context, i: int) -> Attribution | None:
    """News, last resort: a paragraph that is only a quotation, after a paragraph of narration
    whose last sentence reports someone speaking ("Ruiz was quick to add that the wall stays.")
    — that someone goes on."""
    q = ctx.quotes[i]
    if ctx.fiction or q.paragraph == 0 or q.start != ctx.paragraphs[q.paragraph].start:
        return None
    prev = ctx.paragraphs[q.paragraph - 1]
    if ctx.quotes_in_paragraph(q.paragraph - 1) or ctx.text[prev.end - 1] != ".":
        return None
    sentences = ctx.sentences_in(prev)
    if not sentences:
        return None
    tokens = ctx.narration_tokens(sentences[-1].start, prev.end)
    phrases = ctx.narration_phrases(sentences[-1].start, prev.end)
    for k in range(len(tokens) - 1, -1, -1):
        if _speech_verb(tokens[k], leading=True) and not tokens[k].word.lower().endswith("ing"):
            subject = _subject_before(tokens, phrases, k)
            if subject is not None and subject.kind != "PRON":
                return Attribution("leading_cue", 0.55, phrase=subject, cue=tokens[k])
            return None
    return None


SIEVES: list[tuple[str, Sieve]] = [
    ("headline", headline),
    ("trailing_cue", trailing_cue),
    ("leading_cue", leading_cue),
    ("pronoun", pronoun),
    ("speech_noun", speech_noun),
    ("continuation", continuation),
    ("narration_subject", narration_subject),
    ("reported_before", reported_before),
    ("turn_taking", turn_taking),
    ("vocative", vocative),
]


def run_sieves(ctx: Context, kinds: list[str], sieves: list[tuple[str, Sieve]] | None = None) -> None:
    """Attribute every quotation in order; titles are never attributed."""
    for i in range(len(ctx.quotes)):
        if kinds[i] == "title":
            continue
        if ctx.quotes[i].continues and ctx.attributions[i - 1] is not None:
            # a later paragraph of one long quotation: its speaker goes on (unless its own cue
            # says who, as the last paragraph's often does)
            att = trailing_cue(ctx, i) or Attribution("continuation", 0.95, same_as=i - 1)
            _name_description(ctx, i, att)
            ctx.attributions[i] = att
            continue
        for name, sieve in sieves or SIEVES:
            if kinds[i] == "term" and name in ("continuation", "turn_taking", "vocative"):
                continue
            att = sieve(ctx, i)
            if att is not None:
                _name_description(ctx, i, att)
                ctx.attributions[i] = att
                break
    _whole_quotations(ctx)
    if ctx.fiction:
        _protagonist_pass(ctx, kinds)
    else:
        _coordinated_quotes(ctx, kinds)


def _whole_quotations(ctx: Context) -> None:
    """The paragraphs of one long quotation have one speaker: pieces that no cue of their own
    names take the speaker of the nearest piece with an explicit cue (the last paragraph's
    "…," said X names the first, too)."""
    n = len(ctx.quotes)
    i = 0
    while i < n:
        j = i + 1
        while j < n and ctx.quotes[j].continues:
            j += 1
        if j - i > 1:
            explicit = [k for k in range(i, j) if ctx.attributions[k] is not None and ctx.attributions[k].sieve in _EXPLICIT]
            for k in range(i, j):
                att = ctx.attributions[k]
                if explicit and (att is None or att.sieve not in _EXPLICIT):
                    anchor = min(explicit, key=lambda e: abs(e - k))
                    ctx.attributions[k] = Attribution("continuation", 0.9, same_as=anchor)
        i = j


_EXPLICIT = frozenset({"trailing_cue", "leading_cue", "pronoun", "according_to", "speech_noun", "headline"})


_COORDINATION = re.compile(r"\s*,?\s*(?:and|or|,)?\s*")


def _coordinated_quotes(ctx: Context, kinds: list[str]) -> None:
    """News: 'Guns are “a crisis” and “a threat,” Ada Ruiz said' — quotations joined by
    "and" or a comma share the cue of the last one."""
    for i in range(len(ctx.quotes) - 2, -1, -1):
        if ctx.attributions[i] is not None or kinds[i] == "title":
            continue
        q, nxt = ctx.quotes[i], ctx.quotes[i + 1]
        att = ctx.attributions[i + 1]
        if att is None or att.sieve not in ("trailing_cue", "pronoun", "continuation") or nxt.paragraph != q.paragraph:
            continue
        if att.sieve == "continuation" and att.same_as != i + 2:
            continue  # (only a chain that ends in a cue after the quotations)
        if _COORDINATION.fullmatch(ctx.text, q.end, nxt.start):
            ctx.attributions[i] = Attribution("continuation", 0.7, same_as=i + 1)


INFERRED = frozenset({"turn_taking", "continuation", "vocative", "narration_subject"})


def _called(ctx: Context, i: int) -> set[str]:
    """Last words of the names quotation ``i`` addresses ("…, Mr. Knightley, …")."""
    stop = lexicon().stop_capitals
    return {
        m.group(1).replace(".", "").split()[-1].lower()
        for m in vocatives(ctx, i)
        if m.group(1).lower() not in stop
    }


def _vocative_check(ctx: Context) -> None:
    """Nobody addresses themselves: an inferred speaker whom the quotation calls by name
    ("…, Emma, …") is wrong — the turn goes to the previous speaker instead, if another."""
    for i, att in enumerate(ctx.attributions):
        if att is None or att.sieve not in INFERRED:
            continue
        key = _key_of(ctx, i)
        if not key:
            continue
        called = _called(ctx, i)
        if key not in called:
            continue
        prev = i - 1
        if prev >= 0 and ctx.attributions[prev] is not None and _key_of(ctx, prev) not in called:
            ctx.attributions[i] = Attribution(att.sieve, 0.4, same_as=prev)
        else:
            ctx.attributions[i] = None


def _protagonist_pass(ctx: Context, kinds: list[str]) -> None:
    """Fiction: "he said" with no one named nearby is most often the book's main character of
    that gender (the one who speaks most); then the quotations around it follow the dialogue."""
    from collections import Counter

    counts: dict[str, Counter] = {"m": Counter(), "f": Counter()}
    best: dict[str, Phrase] = {}
    for j in range(len(ctx.quotes)):
        p = root_phrase(ctx, j) if ctx.attributions[j] is not None else None
        if p is None or p.kind in ("NARRATOR", "PRON"):
            continue
        g = phrase_gender(ctx, p)
        if g in counts:
            counts[g][_key(p)] += 1
            best.setdefault(g + _key(p), p)
    main = {g: best[g + c.most_common(1)[0][0]] for g, c in counts.items() if c}
    changed = []
    for i in range(len(ctx.quotes)):
        if ctx.attributions[i] is not None or kinds[i] == "title":
            continue
        att = _trailing_match(ctx, i)
        if att is None or att.sieve != "pronoun":
            att = _leading_match(ctx, i)
        if att is None or att.sieve != "pronoun" or att.phrase is None:
            continue
        want = lexicon().pronouns.get(att.phrase.text.lower(), "?")
        if want in main:
            att = att.copy()
            att.antecedent = main[want]
            att.confidence = 0.4
            ctx.attributions[i] = att
            changed.append(i)
    _vocative_check(ctx)
    for i in reversed(range(len(ctx.quotes))):
        if ctx.attributions[i] is None and kinds[i] not in ("title", "term"):
            att = backward_turn_taking(ctx, i)
            if att is not None:
                ctx.attributions[i] = att
    for i in range(len(ctx.quotes)):
        if ctx.attributions[i] is None and kinds[i] not in ("title", "term"):
            for sieve in (continuation, turn_taking):
                att = sieve(ctx, i)
                if att is not None:
                    ctx.attributions[i] = att
                    break
