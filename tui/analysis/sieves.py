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

from .context import Attribution, Context, sentence_ends
from .lexicon import lexicon
from .memo import document_memo, vocabulary_memo
from .phrases import Phrase, Token
from .quotes import ALNUM
from .speakers import (
    _full_names_in_text,
    _honorific_counts,
    common_word,
    is_personal,
    phrase_gender,
    phrase_number,
    root_phrase,
    written_as_a_name,
)
from .text import article_before

ADVERBS = frozenset(
    "also then again now later finally quickly quietly softly slowly simply gravely coldly warmly "
    "once still only further eagerly angrily sharply briefly calmly first earlier previously "
    "recently".split()
)
AUXILIARIES = frozenset("is was has had have will would is' 's".split())
_QUANTIFIERS = frozenset("some one two three several many this these those most".split())
_PRONOMINAL = frozenset("another some one several many others".split())  # standing alone
_COLLOQUIAL = frozenset({"go"})
_OBJECT_VERBS = frozenset({"tell"})  # "told her aides, …": the phrase after the verb is its object  # speech verbs only when punctuation introduces the words
MAX_LEAD_GAP = 14  # words between a leading speech verb and the quotation
MAX_LEAD_GAP_FRAGMENT = 40

Sieve = Callable[[Context, int], "Attribution | None"]


_NOT_WORDS = ("P", ",", ":", "HDOT")


def _words(tokens: list[Token]) -> list[int]:
    return [k for k, t in enumerate(tokens) if t[3] not in _NOT_WORDS]  # (t[3]: t.tag, read faster)


def _last_words(tokens: list[Token], n: int) -> list[int]:
    """``_words(tokens)[-n:]``: from the window's tail when that holds ``n`` words."""
    tail = max(0, len(tokens) - 3 * n)
    words = [k for k, t in enumerate(tokens[tail:], tail) if t[3] not in _NOT_WORDS]
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
    if not ctx.fiction and q.start != para.start:
        return _capitals_heading(ctx, para.start, q.start)
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


_CAPITALS_HEADING = re.compile(r"[^\w\s]*([A-Z0-9][A-Z0-9’'.,&:-]*(?:[ \t]+[A-Z0-9][A-Z0-9’'.,&:-]*)+)[ \t]*")


def _capitals_heading(ctx: Context, start: int, end: int) -> Attribution | None:
    """News digests: 'STATE OF THE UNION “The president will …” [Source.]' — a heading in
    capitals that runs into a quotation is the source it names."""
    if end - start > 120:
        return None
    m = _CAPITALS_HEADING.fullmatch(ctx.text, start, end)
    if m is None or sum(1 for w in m.group(1).split() if sum(ch.isalpha() for ch in w) >= 2) < 2:
        return None
    s, e = m.span(1)
    tokens = ctx.narration_tokens(s, e)
    if not tokens:
        return None
    head = ctx.text[s:e]
    p = Phrase("DESC", s, e, head, head, s, e, None, 0, len(tokens) - 1)
    return Attribution("headline", 0.6, phrase=p)


# -- 1. trailing cue: "…," Oleg Varin told reporters / "…," said Brill -------------------
def _memo(kind: str):
    """Cache a cue matcher per quotation (several sieves ask the same question). The cached
    attribution is shared: a sieve that keeps or completes it takes a copy."""

    number = len(_MEMO_KINDS)
    shift = _MEMO_KIND_BITS
    assert number < 1 << shift
    _MEMO_KINDS.append(kind)

    def wrap(fn):
        def cached(ctx: Context, i: int) -> Attribution | None:
            memo = ctx._cue_memo
            key = i << shift | number  # (one int for the kind and the quotation: no tuple)
            att = memo.get(key, _UNSET)
            if att is _UNSET:
                att = memo[key] = fn(ctx, i)
            return att

        cached.__doc__ = fn.__doc__
        return cached

    return wrap


_UNSET = object()
_MEMO_KINDS: list[str] = []  # the kinds of _memo, in order: each a number in the memo's keys
_MEMO_KIND_BITS = 1  # (two kinds: the keys are consecutive ints, which a dict spreads best)


@_memo("trailing")
def _trailing_match(ctx: Context, i: int) -> Attribution | None:
    start, end = ctx.trailing_window(i)
    tokens = ctx.narration_tokens(start, end)
    first = _first_word(tokens)
    if first is None:
        return _sign_off_paragraph(ctx, i) if not ctx.fiction else None
    found = _cue_right_after(ctx, i, (start, end), first)
    if found is None and not ctx.fiction and not _closes_sentence(ctx, i, tokens[first]):
        found = _comma_clause_cue(ctx, (start, end))
        if end - start >= 160 and (found is None or found.phrase is not None and found.phrase.end >= end - 1):
            # a long sentence: its closing cue may stand further on than the usual window (or
            # the window cut the speaker's name in two) — the text after it must hold a comma
            # and a speech verb for that
            more = ctx.trailing_window(i, 320)
            if more[1] > end and _COMMA_CUE.search(ctx.text, start, more[1]) is not None:
                found = _comma_clause_cue(ctx, more) or found
    return found


# a comma, then within a few words a lower-case word ending like a past or present speech
# verb ("…, said Ruiz", "…, Ruiz says", "…, the report added")
_COMMA_CUE = re.compile(r",\s+(?:[\w.’'-]+\s+){0,4}?(?:said|says|told|tells|wrote|writes|added|adds|explained|noted|argued|asked)\b")


def _closes_sentence(ctx: Context, i: int, nxt: Token) -> bool:
    """News: a quotation that ends with a full stop, followed by a capitalised word: what
    follows is the next sentence ('“…fees.” Asked about it, Holt replied, “…”')."""
    q = ctx.quotes[i]
    return q.closed and ctx.text[q.inner_start : q.inner_end].rstrip("'’\"”)")[-1:] == "." and nxt.word[:1].isupper()


def _sign_off_paragraph(ctx: Context, i: int) -> Attribution | None:
    """News: a quotation that ends its paragraph, signed in the next one: '"…"' / '- Ada Ruiz.'"""
    q = ctx.quotes[i]
    para = ctx.end_paragraph(i)
    if para + 1 >= len(ctx.paragraphs) or ctx.text[q.end : ctx.paragraphs[para].end].strip():
        return None
    nxt = ctx.paragraphs[para + 1]
    if ctx.text[nxt.start : nxt.start + 1] not in ("-", "–", "—") or nxt.end - nxt.start > 120:
        return None
    tokens = ctx.narration_tokens(nxt.start, nxt.end)
    return _signed(ctx, i, (nxt.start, nxt.end), 1) if tokens and tokens[0].word in _DASHES else None


def _signed(ctx: Context, i: int, window: tuple[int, int], k: int) -> Attribution | None:
    """A name right after a dash that follows a quotation ending a sentence, and closing its
    clause: the sign-off of a quotation (news)."""
    q = ctx.quotes[i]
    last_char = ctx.text[q.inner_start : q.inner_end].rstrip("'’\"”)")[-1:]
    if last_char not in ".!?…" or _embedded(ctx, i):
        return None  # ('… called him "a fraud." - Reuters.': an agency's credit line)
    tokens = ctx.narration_tokens(*window)
    p = _phrase_at(ctx.narration_phrases(*window), k)
    if p is not None and p.kind in ("NAME", "TITLED", "POSSD") and (p.last + 1 == len(tokens) or tokens[p.last + 1].tag in (",", "P")):
        return Attribution("trailing_cue", 0.8, phrase=p)
    return None


def _comma_clause_cue(ctx: Context, window: tuple[int, int]) -> Attribution | None:
    """News: "… “drew a crowd” at the fair, said Ada Ruiz." / "“Without the
    volunteers” at the gates, Ruiz said at the harbour" — a cue clause after a comma later in the
    sentence attributes the quotation before it."""
    tokens = ctx.narration_tokens(*window)
    n = len(tokens)
    phrases = None
    for c in range(n - 2):
        if tokens[c].tag != ",":
            continue
        if phrases is None:
            phrases = ctx.narration_phrases(*window)
        # (the phrases after the comma: every look-up below is of a phrase starting after it,
        # which _phrase_at finds among all of them, in the same order)
        if _speech_verb(tokens[c + 1]):  # ", said Ada Ruiz."
            p = _phrase_at(phrases, c + 2) or _phrase_after_modifiers(tokens, phrases, c + 2)
            if p is not None and p.kind in ("NAME", "TITLED", "POSSD", "DESC"):
                after = tokens[p.last + 1].tag if p.last + 1 < n else None
                if after in (None, ",", "P", ":", "IN"):
                    return _make("trailing_cue", 0.75, p, tokens[c + 1])
            continue
        p = _phrase_at(phrases, c + 1)  # ", Ruiz said."
        if p is None or p.kind not in ("NAME", "TITLED", "POSSD", "DESC", "PRON"):
            continue
        if p.kind == "PRON" and p.text.lower() not in ("he", "she", "they"):
            continue
        v = p.last + 1
        while v < n and tokens[v].word.lower() in ADVERBS:
            v += 1
        if v < n and _speech_verb(tokens[v]) and not tokens[v].word.lower().endswith("ing"):
            if _cue_clause_ends(tokens, v):  # not "Ruiz said the plan …"
                return _make("trailing_cue", 0.75, p, tokens[v])
    return None


_TIME_WORDS = frozenset("after before during earlier later last this yesterday today tonight".split())


def _cue_clause_ends(tokens: list[Token], v: int) -> bool:
    """Whether the speech verb at ``v`` ends its clause, but for a time or place ("Ruiz said.",
    "Ruiz said on Friday", "Ruiz said after the vote", "Ruiz said Monday"), rather than
    taking words it reports ("Ruiz said the plan …")."""
    if v + 1 >= len(tokens):
        return True
    nxt = tokens[v + 1]
    word = nxt.word.lower()
    return nxt.tag in (",", "P", ":", "IN") or word in _TIME_WORDS or nxt.tag == "NNP" and word in lexicon().non_person_capitals


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


_DASHES = frozenset("- – — --".split())


def _cue_right_after(ctx: Context, i: int, window: tuple[int, int], first: int) -> Attribution | None:
    tokens = ctx.narration_tokens(*window)
    # only punctuation may stand between the closing mark and the cue
    if any(t.tag not in ("P", ",") for t in tokens[:first]):
        return None
    q = ctx.quotes[i]
    if not first and q.closed:
        last_char = ctx.text[q.inner_start : q.inner_end].rstrip("'’\"”)")[-1:]  # (through nested marks)
        # "accuses Holt of "dodging the vote" and Ruiz says …": a quotation inside a
        # sentence that runs on is not tagged by the next clause's verb ("…," X said is)
        if last_char not in ",.!?…—-" and ctx.kinds and ctx.kinds[i] in ("term", "partial"):
            return None
    if not ctx.fiction and q.closed and ctx.text[q.inner_end - 1 : q.inner_end] == "." and _embedded(ctx, i):
        # 'Ames said the plan "will fail." Brill called it …': the full stop ended Ames's
        # sentence; a cue after it (subject first) reports the next one
        if not _speech_verb(tokens[first]):
            return None
    phrases = ctx.narration_phrases(*window)
    if not ctx.fiction and first and tokens[first - 1].word in _DASHES:
        # a sign-off: '"We will win." - Ada Ruiz.' / '"…" —Sen. Ada Ruiz, in a tweet.'
        signed = _signed(ctx, i, window, first)
        if signed is not None:
            return signed
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
    if _speech_verb(tok) and (ctx.fiction or not tok.word.lower().endswith("ing")):  # inverted: said Caddell / said he / replied the old man
        nxt = k + 1
        if nxt < len(tokens) and tokens[nxt].word.lower() in ADVERBS:
            nxt += 1
        p = _phrase_at(phrases, nxt) or _bare_description(ctx, tokens, nxt, after=True)
        if p is not None and ctx.fiction and p.kind == "DESC":
            p = _with_modifier(ctx, tokens, p)
        if p is None and not ctx.fiction:
            p = _phrase_after_modifiers(tokens, phrases, nxt)
        if p is not None and not ctx.fiction and tokens[p.last].tag == "NNPS":
            owned = _phrase_at(phrases, p.last + 1)  # 'said Westmarch's Ada Ruiz': the person, not her state
            if owned is not None and owned.kind in ("NAME", "TITLED"):
                p = owned
        if p is not None:
            return _make("trailing_cue", 0.9, p, tok)
        return None
    p = (
        _phrase_at(phrases, k)
        or _bare_description(ctx, tokens, k, after=False)
        or _capitalised_word_before_verb(ctx, tokens, k)
    )
    if p is None and (tokens[k].tag == "W" or tokens[k].tag == "PRP$" and not ctx.fiction) and not tokens[k].word[:1].isupper() and tokens[k].word not in _CLAUSE_BREAKS:
        # "former harbour pilot Ivo Marr explained", news: "his nephew Ivo Marr told" (but
        # '"…," while Holt calls her …' opens a clause of its own)
        p = _phrase_at(phrases, k + 1)
        if p is not None and p.kind not in ("TITLED", "POSSD", "NAME"):
            p = None
    if p is None:
        return None if ctx.fiction else _long_subject_cue(ctx, i, tokens, phrases, k)
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
    if nxt < len(tokens) and tokens[nxt].word == "(":  # "Sen. Ada Ruiz (D-Elmford) said"
        close = next((k2 for k2 in range(nxt + 1, min(len(tokens), nxt + 10)) if tokens[k2].word == ")"), None)
        if close is not None:
            nxt = close + 1
    if nxt < len(tokens) and tokens[nxt].tag == ",":  # "Steen, the mayor, said"
        named = _phrase_at(phrases, nxt + 1)
        commas = [k2 for k2 in range(nxt + 1, min(len(tokens), nxt + 16)) if tokens[k2].tag == ","]
        if not ctx.fiction:
            # "Ruiz, assistant secretary for refugees, migration and asylum, said": the comma
            # that closes the appositive is the one before the verb
            closing = [k2 for k2 in range(nxt + 1, min(len(tokens), nxt + 30)) if tokens[k2].tag == ","
                       and k2 + 1 < len(tokens) and _speech_verb(tokens[k2 + 1])]
            if closing and (not commas or closing[0] > commas[0]):
                commas = closing[:1]
        if commas:
            nxt = commas[0] + 1
        else:
            # "another friend, Ada Finch told KELM": the name after the description
            if p.kind == "DESC" and named is not None and named.kind in ("NAME", "TITLED", "POSSD"):
                p, nxt = named, named.last + 1
            elif not ctx.fiction and p.kind in ("NAME", "TITLED"):
                # '“…,” Ada Ruiz, the pollster who founded the site tweeted': an appositive
                # whose closing comma is missing ends at the first speech verb
                verb = next((k2 for k2 in range(nxt + 2, min(len(tokens), nxt + 14)) if tokens[k2].tag == "VSAY"), None)
                if verb is not None and not tokens[verb].word.lower().endswith("ing") and not any(
                    t.tag in ("P", ":") for t in tokens[nxt + 1 : verb]
                ):
                    nxt = verb
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
        nxt += 1  # "Brill is quoted as saying", "Marr then writes"
    if nxt + 2 < len(tokens) and tokens[nxt].tag in ("W", "VSAY") and tokens[nxt + 1].word.lower() == "to":
        if _speech_verb(tokens[nxt + 2]):
            nxt += 2  # "Mrs. Marlow hastened to add"
    if nxt < len(tokens) and _speech_verb(tokens[nxt]):
        if nxt + 1 < len(tokens) and tokens[nxt + 1].tag == ":":
            return None  # "Brandt disagreed:" introduces the next quotation
        if ctx.fiction and nxt + 1 < len(tokens) and tokens[nxt + 1].word.lower() == "nothing":
            return None  # '“…?” Ada said nothing.': she did not answer, so did not ask either
        if not ctx.fiction and _reports_more(ctx, i, tokens, nxt):
            return None
        return _make("trailing_cue", 0.9, p, tokens[nxt])
    return None if ctx.fiction else _long_subject_cue(ctx, i, tokens, phrases, k)


_LONG_SUBJECT_TAGS = frozenset({"DT", "NNP", "NNPS", "HON", "HDOT", "ROLE", "W", "IN", "PRP$"})
_SUBJECT_PREPOSITIONS = frozenset("of for at with from".split())


def _long_subject_cue(ctx: Context, i: int, tokens: list[Token], phrases: list[Phrase], k: int) -> Attribution | None:
    """News: a subject of several words between the quotation and its speech verb: '"…," Joan
    Hale of the Lorimer Center for Arms Studies wrote', '"…," former State policy director Ada
    Ruiz wrote', '"…," the Gawker employee wrote'. The speaker is the phrase before the first
    preposition (or before the verb); a description ending in a common noun is taken whole."""
    n = len(tokens)
    v = k
    stop = lexicon().stopwords
    while v < n and v - k < 14:
        tok = tokens[v]
        if v > k and _speech_verb(tok):
            break
        word = tok.word.lower()
        if tok.tag not in _LONG_SUBJECT_TAGS or tok.tag == "IN" and word not in _SUBJECT_PREPOSITIONS:
            return _name_before_verb(ctx, i, tokens, phrases, k)
        modifier = word.endswith("ing") and v + 1 < n and tokens[v + 1].tag == "ROLE"  # "planning director"
        if tok.tag == "W" and (word in stop or word in _CLAUSE_BREAKS or word.endswith(("ly", "ing")) and not modifier or word[:1].isdigit()):
            return _name_before_verb(ctx, i, tokens, phrases, k)  # (not "…," giving states more power; "…," 75 percent of voters said)
        if tok.tag == "DT" and v > k and tokens[v - 1].tag != "IN":
            return _name_before_verb(ctx, i, tokens, phrases, k)  # a determiner opens the subject or a prepositional phrase, not an object
        v += 1
    else:
        return _name_before_verb(ctx, i, tokens, phrases, k)
    verb = tokens[v]
    weak = lexicon().speech_verb_base.get(verb.word.lower()) in lexicon().weak_verbs
    if verb.word.lower().endswith("ing") or v + 1 < n and tokens[v + 1].tag == ":" or _reports_more(ctx, i, tokens, v):
        return None
    prep = next((j for j in range(k, v) if tokens[j].tag == "IN"), v)
    if prep == k:
        return None
    p = next((p for p in phrases if p.last == prep - 1 and p.first >= k), None)
    if p is not None and p.kind in ("NAME", "TITLED", "POSSD", "DESC") and tokens[p.last].tag != "NNPS":
        return None if weak else _make("trailing_cue", 0.8, p, verb)
    last = tokens[prep - 1]
    if weak and last.word.lower() not in lexicon().speech_nouns:
        return None  # "the statement read", never "the sign read"
    if last.tag in ("ROLE", "W") and last.word.islower():
        # a description whose head is a common noun: "the Gawker employee"
        s, e = tokens[k].start, last.end
        text = ctx.text[s:e]
        return _make("trailing_cue", 0.8, Phrase("DESC", s, e, text, text, s, e, None, k, prep - 1), verb)
    return None


_NAME_BEFORE_VERB_TAGS = frozenset({"NNP", "NNPS", "HON", "HDOT", "ROLE", "W", "IN", "DT", "PRP$", ",", "P"})


def _name_before_verb(ctx: Context, i: int, tokens: list[Token], phrases: list[Phrase], k: int) -> Attribution | None:
    """News: '"…," Ruiz Group organizing director Ada Holt told the paper', '"…," the city's
    chief of staff, Ada Holt, said': words closed with a comma, then a subject the chunker
    splits, then a speech verb — the speaker is the name right before the verb (or the name set
    off by commas right before it)."""
    q = ctx.quotes[i]
    if not q.closed or ctx.text[q.inner_start : q.inner_end].rstrip("'’\"”)")[-1:] != ",":
        return None
    if not tokens or tokens[k].word.lower() in _CLAUSE_BREAKS or not tokens[k].word[:1].isupper():
        return None  # (not '"…," while Ruiz said …'; a subject opens with a capital)
    v = k
    while v < len(tokens) and v - k < 16:
        tok = tokens[v]
        if v > k and _speech_verb(tok):
            break
        if tok.tag not in _NAME_BEFORE_VERB_TAGS or tok.tag == "P" and tok.word in (".", "!", "?", ";") or tok.word.lower() in _CLAUSE_BREAKS:
            return None
        if tok.tag == "W" and tok.word.lower().endswith(("ing", "ed")) and not tok.word[:1].isupper() and tokens[v + 1].tag != "ROLE":
            return None  # a verb of its own ("…," Ruiz, speaking in Harlow, said)
        v += 1
    else:
        return None
    verb = tokens[v]
    if verb.word.lower().endswith("ing") or v + 1 < len(tokens) and tokens[v + 1].tag == ":" or _reports_more(ctx, i, tokens, v):
        return None
    end = v - 1
    if tokens[end].tag == ",":
        end -= 1  # the appositive's closing comma
    p = next((p for p in phrases if p.last == end and p.first > k), None)
    if p is None or p.kind not in ("NAME", "TITLED") or tokens[p.first - 1].tag == "IN" or tokens[p.last].tag == "NNPS":
        return None
    if tokens[end + 1].tag == "," and tokens[p.first - 1].tag != ",":
        return None  # 'Ruiz Group, said': not an appositive set off on both sides
    if not is_personal(ctx, p):
        return None
    return _make("trailing_cue", 0.75, p, verb)


def _reports_more(ctx: Context, i: int, tokens: list[Token], v: int) -> bool:
    """News: '"… the deal." Holt said he would sign it': after words closed with a full stop,
    a subject, a speech verb and more words report the next sentence, not the one before."""
    q = ctx.quotes[i]
    last = ctx.text[q.inner_start : q.inner_end].rstrip("'’\"”)")[-1:]  # (through nested marks)
    if not q.closed or last != "." and (last not in ("?", "!") or not _embedded(ctx, i)):
        return False  # ('Ruiz asked: "Why now?" Holt then wrote back, …' reports Holt's next words)
    if v + 1 < len(tokens) and tokens[v + 1].tag == "IN" and any(t.word.lower() == "that" for t in tokens[v + 2 :]):
        return True  # '"… done." Ruiz wrote in the filing that she …': the verb reports what follows
    return v + 1 < len(tokens) and tokens[v + 1].tag in ("W", "PRP", "DT", "NNP", "PRP$", "VSAY")


def trailing_cue(ctx: Context, i: int) -> Attribution | None:
    att = _trailing_match(ctx, i)
    return att.copy() if att is not None and att.sieve != "pronoun" else None


def _indefinite_extent(ctx: Context, tokens: list[Token], p: Phrase) -> Phrase:
    """News: "one Ruiz aide said", "One senior Ruiz spokesman has called": a description
    the chunker cut after its modifiers starts at the quantifier that makes it indefinite
    (such a source is kept apart from the named person with that role)."""
    if p.kind != "DESC":
        return p
    j = p.first - 1
    while j >= 0 and p.first - j <= 3 and tokens[j].tag in ("NNP", "W") and tokens[j].word.lower() not in _QUANTIFIERS:
        j -= 1
    if j < 0 or j == p.first - 1 or tokens[j].word.lower() not in _QUANTIFIERS:
        return p
    s = tokens[j].start
    text = ctx.text[s : p.end]
    return Phrase("DESC", s, p.end, text, text, s, p.end, p.role, j, p.last)


def _bare_description(ctx: Context, tokens: list[Token], k: int, after: bool) -> Phrase | None:
    """ "said the old gentleman" / "the beadle replied": a definite description of a person
    that the lexicon has no role noun for. Only next to a speech verb, where it can only be
    the speaker."""
    if k >= len(tokens):
        return None
    if tokens[k].tag != "DT" and not (not ctx.fiction and tokens[k].word.lower() in _QUANTIFIERS):
        return None  # (news: "some protesters chanted", "one user wrote", "said one aide")
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


# -- 2. leading cue: Mr Pell said: "…" / Ruiz said that "…" / adding that "…" ---------------
def _can_be_subject(tokens: list[Token], p: Phrase, inverted: bool = False) -> bool:
    """Whether phrase ``p`` may be the subject of a clause. ``inverted``: a phrase right after a
    speech verb counts ("said Alice" names a speaker; in a leading cue "told Interfax" does not)."""
    before = tokens[p.first - 1].tag if p.first > 0 else None
    if before is not None and tokens[p.first].start - tokens[p.first - 1].end > 2:
        before = None  # a quotation stood between them: 'on “Face the Nation,” Ruiz said'
    if before in ("IN", "PRP$") or (before == "VSAY" and not inverted):
        return False  # "cited by the Independent", "his Russian counterpart", "told Interfax"
    if p.kind == "PRON" and p.text.lower() not in ("he", "she", "they", "i", "we"):
        # ("It stated that …": "it" right before a speech verb is its subject)
        if p.text.lower() != "it" or p.last + 1 >= len(tokens) or not _speech_verb(tokens[p.last + 1]):
            return False
    if p.kind in ("NAME", "TITLED") and tokens[p.last].tag == "NNPS":
        return False  # a possessor: "Ruiz's backing"
    return True


_AND_OR = frozenset({"and", "or"})


def _coordinated_object(tokens: list[Token], p: Phrase) -> bool:
    """ "in Elmford and Westmarch", "on Dawn and Dusk": a name after "and" or "or"
    whose first conjunct a preposition governs — it governs both, so neither is a subject."""
    if p.first < 3 or tokens[p.first - 1][2] not in _AND_OR or p.kind == "PRON":  # (.word)
        return False
    j = p.first - 2
    while j > 0 and tokens[j].tag in ("NNP", "HON", "HDOT", "DT"):
        j -= 1
    return j < p.first - 2 and tokens[j].tag == "IN"


def _passive_agent(tokens: list[Token], p: Phrase) -> bool:
    """Fiction: "they were joined by Mr. Pobble": the name after "by" and a participle is the
    one who acts (the agent of a passive), as good an antecedent as a subject."""
    if p.kind not in ("NAME", "TITLED") or p.first < 2 or tokens[p.first - 1].word.lower() != "by":
        return False
    verb = tokens[p.first - 2].word.lower()
    if p.first >= 3 and tokens[p.first - 3].tag == ",":
        return False  # "Ada came in, attended by Mr. Pobble": a participle's agent, beside the one who acts
    return verb.isalpha() and verb.endswith("ed")


def _dateline(tokens: list[Token], p: Phrase) -> bool:
    """ "HARLOW, Aug. 24 (Ledger) — …": a capitalised place opening a news story."""
    return p.first == 0 and p.text.isupper() and len(p.text) > 2 and len(tokens) > 1 and tokens[1].tag == ","


def _appositive_head(tokens: list[Token], phrases: list[Phrase], p: Phrase | None) -> Phrase | None:
    """ "Lena Ortiz, a spokeswoman for the ministry, said": the name, not the description."""
    if p is None or p.kind != "DESC" or p.first < 2 or tokens[p.first - 1].tag != ",":
        return p
    closing = next(
        (k for k in range(p.last + 1, min(len(tokens), p.last + 10)) if tokens[k].tag in (",", "VSAY")), None
    )
    if closing is None or tokens[closing].tag != ",":
        return p  # "Ruiz, a top aide said,": the aide speaks
    for q in phrases:
        if q.last == p.first - 2 and q.kind in ("NAME", "TITLED", "POSSD"):
            return q
    return p


_OBJECT_PRONOUNS = frozenset("it him her them me us".split())
_VERB_COORDINATORS = frozenset("and but or nor yet to".split())
_VERB_MODIFIERS = frozenset(
    "has have had would will could should might may must can did does do not never also then later "
    "first again once since already even still repeatedly".split()
)


def _coordinated_verb(tokens: list[Token], v: int) -> bool:
    """ "Ruiz faulted Ames over the budget and called him …", "… but went on to say": the speech verb
    follows a conjunction or an infinitive "to" (past its adverbs), so the phrase right before
    it is no subject: the clause's subject comes first."""
    k = v - 1
    while k >= 0 and tokens[k].tag == "W" and (tokens[k].word.lower() in _VERB_MODIFIERS or tokens[k].word.lower().endswith("ly")):
        k -= 1
    return k >= 0 and tokens[k].word.lower() in _VERB_COORDINATORS


def _outer_speaker(tokens: list[Token], phrases: list[Phrase], before: int) -> Phrase | None:
    """News: "Ruiz said she expects that voters will say “no”": a speech verb whose subject
    stands inside what an earlier speech verb of the sentence reports — the earlier verb's
    subject is the source."""
    for k in range(before - 1, 0, -1):
        tok = tokens[k]
        if tok.tag in (",", ":", "P") or tok.word.lower() in _CLAUSE_BREAKS:
            return None  # the later subject opens a clause of its own
        if not _speech_verb(tok, leading=True) or tok.word.lower().endswith("ing"):
            continue
        j = k - 1
        while j >= 0 and tokens[j].tag == "W" and (tokens[j].word.lower() in _VERB_MODIFIERS or tokens[j].word.lower().endswith("ly")):
            j -= 1
        # the phrase that ends right before the verb, if it can be its subject (phrases do not
        # overlap: at most one ends there)
        p = next((p for p in phrases if p.last == j), None)
        if p is None or not _can_be_subject(tokens, p) or _dateline(tokens, p) or p.kind == "ORG":
            return None
        if p.first > 0 and tokens[p.first - 1].word.lower() in _SUBORDINATORS:
            return None  # "After Ames said …, Ruiz said": a clause before the main one
        return p
    return None


_CLAUSE_BREAKS = frozenset("and but or while although though whereas because since after before when as if unless until which who whom".split())
_CLAUSE_OPENERS = frozenset("and but or while although though whereas because since after before when as if unless until that so".split())
_SUBORDINATORS = frozenset("after before when while although though as if because since unless until once whereas whom who which".split())


def _subject_before(tokens: list[Token], phrases: list[Phrase], v: int, news: bool = False, fiction: bool = False) -> Phrase | None:
    if fiction:
        heard = _heard_speaking(tokens, phrases, v)
        if heard is not None:
            return heard
    candidates = [p for p in phrases if p.last < v and _can_be_subject(tokens, p) and not _dateline(tokens, p)]
    if news:
        # "Sen. Ada Ruiz (D-Elmford) said": a party and state in parentheses is no subject
        candidates = [p for p in candidates if not _in_parentheses(tokens, p) and not _place_or_date_part(tokens, p) and not _coordinated_object(tokens, p)] or candidates
    if not candidates:
        return None
    if news and not tokens[v].word.lower().endswith("ing") and _coordinated_verb(tokens, v):
        # the subject of the clause: the last phrase that opens one (or a relative clause:
        # "NAFTA, which Ruiz had called “…” and promised to “…”")
        for p in reversed(candidates):
            before = tokens[p.first - 1] if p.first > 0 else None
            if before is None or before.tag in (",", ":", "P") or before.word.lower() in _CLAUSE_OPENERS or before.word.lower() in ("which", "whom"):
                return p
        return candidates[0]
    if news and tokens[v].word.lower().endswith("ing"):
        k = v - 1
        while k >= 0 and tokens[k].tag == "W" and (tokens[k].word.lower() in _VERB_MODIFIERS or tokens[k].word.lower().endswith("ly")):
            k -= 1
        own = next((p for p in phrases if p.last == k), None) if k >= 0 else None
        if own is not None and own.kind != "ORG" and (own.first == 0 or tokens[own.first - 1].word.lower() in ("with", "and") or tokens[own.first - 1].tag in (",", "P", ":")):
            return own  # "…, with Sen. Ada Ruiz calling it “…”", "– Ruiz saying …"
        if own is None and k >= 0 and tokens[k].tag == "W" and tokens[k].word.lower() not in _VERB_COORDINATORS:
            # "By noon, she had sent a note urging …": the clause's subject
            for p in reversed(candidates):
                before = tokens[p.first - 1] if p.first > 0 else None
                if before is None or before.tag in (",", ":", "P") or before.word.lower() in _CLAUSE_OPENERS:
                    return p
    if tokens[v].word.lower().endswith("ing") and not (fiction and _verb_complement(tokens, v)):
        # a participle ("…, saying", "and calling") takes the subject of the clause before
        # its comma
        commas = [k for k in range(v) if tokens[k].tag == ","]
        if commas:
            before_comma = [p for p in candidates if p.last < commas[-1]]
            candidates = before_comma or candidates
        # the subject of the clause's own speech verb ("Holt said … that Ames is …, adding")
        for p in reversed(candidates):
            after = tokens[p.last + 1] if p.last + 1 < len(tokens) else None
            if after is not None and after.tag == "VSAY" and not after.word.lower().endswith("ing"):
                if news and p.first > 0 and tokens[p.first - 1].word.lower() == "that" and tokens[p.first].start - tokens[p.first - 1].end <= 2:
                    continue  # ("Ruiz repeated claims that Holt recites …, calling him"): a reported clause's
                return p
        if news and commas and commas[-1] == v - 1:
            opener = _sentence_opening_subject(tokens, candidates)
            if opener is not None:
                return opener
            main = _main_clause_subject(tokens, candidates)
            if main is not None:
                return main
        for p in reversed(candidates):
            after = tokens[p.last + 1] if p.last + 1 < len(tokens) else None
            if after is not None and after.tag in ("W", "VSAY") and not after.word.lower().endswith("ing"):
                if news and after.word.lower() in _VERB_COORDINATORS:
                    continue  # "Ruiz appeared with Ada Holt and endorsed Ames, saying": no verb of Holt's
                return p
        return candidates[0]
    if news:
        head = _relative_clause_head(tokens, candidates, v)
        if head is not None:
            return head
    if fiction:
        # the subject of the verb is not a phrase of an aside before it ("Ada,
        # embracing Mary, began:", "Tom, before taking the chair he offered, said:", "(it was
        # Tom who bought them)")
        main = [p for p in candidates if not _in_aside(tokens, p, v)]
        if main and main[-1] is not candidates[-1]:
            return main[-1]
    return candidates[-1]


_PERCEPTION_VERBS = frozenset("hear heard hears hearing overheard overhear overhears".split())


def _heard_speaking(tokens: list[Token], phrases: list[Phrase], v: int) -> Phrase | None:
    """Fiction: "Ada heard Tom Pell say", "she heard the Badger muttering": the one heard
    speaks — the person a verb of hearing takes right before the speech verb, not the hearer."""
    k = v - 1
    while k >= 0 and tokens[k].tag == "W" and (tokens[k].word.lower() in _VERB_MODIFIERS or tokens[k].word.lower().endswith("ly")):
        k -= 1
    p = next((p for p in phrases if p.last == k), None) if k >= 0 else None
    if p is None or p.kind == "PRON" or p.first == 0 or tokens[p.first - 1].word.lower() not in _PERCEPTION_VERBS:
        return None  # ("heard him say": the pronoun sieve's "he", no name)
    return p


_CATENATIVES = frozenset("help began begin begun kept keep went go fell fall burst found find stopped stop finished finish".split())


def _verb_complement(tokens: list[Token], v: int) -> bool:
    """Fiction: "could not help saying", "kept asking", "found himself saying": the -ing form
    completes the verb before it (past its modifiers and a reflexive), whose subject is the
    speaker — no participle of an earlier clause."""
    k = v - 1
    while k >= 0 and tokens[k].tag == "W" and (tokens[k].word.lower() in _VERB_MODIFIERS or tokens[k].word.lower().endswith("ly")):
        k -= 1
    if k >= 0 and tokens[k].word.lower() in ("himself", "herself"):
        k -= 1
    return k >= 0 and tokens[k].word.lower() in _CATENATIVES


_ASIDE_OPENERS = frozenset("as while whilst when where though although before after because since until till if unless".split())


def _in_aside(tokens: list[Token], p: Phrase, v: int) -> bool:
    """Whether phrase ``p`` stands in parentheses, or in an aside that a comma opens with a
    participle ("embracing Mary") or a subordinating word ("as she went out") and a comma
    closes before the verb at ``v`` (a subordinate clause with words of its own after ``p``:
    "while Tom, smiling, replied" keeps Tom)."""
    depth = 0
    for k in range(p.first - 1, -1, -1):
        word = tokens[k].word
        if word == ")":
            depth += 1
        elif word == "(":
            if depth == 0:
                return any(t.word == ")" for t in tokens[p.last + 1 : v])
            depth -= 1
    close = next((k for k in range(p.last + 1, v) if tokens[k].tag in (",", ":", "P")), None)
    if close is None or tokens[close].tag != ",":
        return False
    k = p.first - 1
    while k >= 0 and tokens[k].tag not in (",", ":", "P"):
        k -= 1
    if k < 0 or tokens[k].tag != "," or k + 1 >= p.first:
        return False
    opener = tokens[k + 1].word.lower()
    if opener in _ASIDE_OPENERS:
        return close > p.last + 1
    return opener.endswith("ing") and tokens[k + 1].tag in ("W", "VSAY")


def _infinitive_subject(tokens: list[Token], phrases: list[Phrase], v: int) -> Phrase | None:
    """ "for Ada Ruiz to step up and say": the subject of the infinitive whose clause the speech
    verb at ``v`` ends (a bare verb, no comma or clause break between)."""
    if tokens[v].word.lower().endswith("ing"):
        return None  # ("called for Ruiz to resign, saying": the caller's participle)
    for p in reversed(phrases):
        if p.last >= v:
            continue
        if any(t.tag in ("P", ":", ",") or t.word.lower() in ("that", "for") for t in tokens[p.last + 1 : v]):
            return None
        if p.first > 0 and p.last + 1 < v and tokens[p.first - 1].word.lower() == "for" and tokens[p.last + 1].word.lower() == "to":
            return p if p.kind in ("NAME", "TITLED", "DESC", "PRON") else None
    return None


_SHORT_CAPITAL = re.compile(r"[A-Z][a-z]{1,4}")  # "Colo", "Calif", "Dec" (before their full stop)
_INITIALS = re.compile(r"(?:[A-Z]\.){2}")  # "D.C."


def _place_or_date_part(tokens: list[Token], p: Phrase) -> bool:
    """News: "in Aspen, Colo., the graduate …", "WASHINGTON, Dec. 8 —": an abbreviated state
    after a place and its comma, or a month before its day, is no subject."""
    if p.first != p.last or p.first == 0 or tokens[p.first - 1].tag != ",":
        return False
    word = tokens[p.first].word
    nxt = tokens[p.first + 1] if p.first + 1 < len(tokens) else None
    abbreviated = _INITIALS.fullmatch(word) is not None or nxt is not None and nxt.word == "." and _SHORT_CAPITAL.fullmatch(word) is not None
    return abbreviated and p.first >= 2 and tokens[p.first - 2].word[:1].isupper()


def _in_parentheses(tokens: list[Token], p: Phrase) -> bool:
    return p.first > 0 and tokens[p.first - 1].word == "(" and p.last + 1 < len(tokens) and tokens[p.last + 1].word in (")", ".")


def _sentence_opening_subject(tokens: list[Token], candidates: list[Phrase]) -> Phrase | None:
    """News: "Ruiz, the state's governor, also attacked Holt, with whom she clashed at the
    debate, calling him …": the phrase that opens the sentence, then its verb (past an
    appositive or a parenthesis), is the subject a participle after a comma goes back to."""
    if not candidates or candidates[0].first != 0:
        return None
    p = candidates[0]
    if p.kind not in ("NAME", "TITLED", "POSSD", "DESC", "PRON") or p.kind == "PRON" and p.text.lower() not in _SUBJECT_PRONOUNS:
        return None
    j = p.last + 1
    if j < len(tokens) and tokens[j].word == "(":
        j = next((k + 1 for k in range(j + 1, min(len(tokens), j + 10)) if tokens[k].word == ")"), len(tokens))
    if j < len(tokens) and tokens[j].tag == ",":
        j = next((k + 1 for k in range(j + 1, min(len(tokens), j + 16)) if tokens[k].tag == ","), len(tokens))
    while j < len(tokens) and tokens[j].tag == "W" and (tokens[j].word.lower() in _VERB_MODIFIERS or tokens[j].word.lower().endswith("ly")):
        j += 1
    if j >= len(tokens) or tokens[j].tag not in ("W", "VSAY") or not tokens[j].word.islower() or tokens[j].word in _CLAUSE_WORDS_AFTER:
        return None
    if any(q.kind == "PRON" and q.text.lower() in _SUBJECT_PRONOUNS and tokens[q.first - 1].word.lower() not in _RELATIVES for q in candidates[1:]):
        return None  # ("Ruiz was criticised …, though later she used …, saying"): the nearer clause's
    for q in candidates[1:]:
        after = tokens[q.last + 1] if q.last + 1 < len(tokens) else None
        if tokens[q.first - 1].word.lower() in _CONJUNCTIONS and after is not None and after.tag in ("W", "VSAY") and after.word.islower():
            return None  # ("Ruiz attacked the plan, and Holt hit back, calling it"): a second clause's
    return p


# words after a phrase that show it is no subject of a verb there ("Ruiz and Holt", "Ruiz
# who", "Ruiz's")
_RELATIVES = frozenset("who whom which whose".split())
_CONJUNCTIONS = frozenset("and but yet so while although though whereas".split())
_CLAUSE_WORDS_AFTER = frozenset("and or but nor who whom which whose that to of".split())


def _main_clause_subject(tokens: list[Token], candidates: list[Phrase]) -> Phrase | None:
    """News: "Ruiz endorsed Holt last week, saying he …", "Ruiz repeated claims that Holt
    lies, calling him …": a participle after a comma describes what the subject of the
    clause before it did — the last phrase that opens a clause (a nominative pronoun, or a
    phrase after punctuation, a possessor or a conjunction, not after "that") and is followed by its
    verb; not the objects and reported subjects after it."""
    found = None
    for p in candidates:
        before = tokens[p.first - 1] if p.first > 0 else None
        opens = p.kind == "PRON" or before is None or before.tag in (",", ":", "P", "NNPS") or (
            before.word.lower() in _CLAUSE_OPENERS and before.word.lower() != "that"
        )
        after = tokens[p.last + 1] if p.last + 1 < len(tokens) else None
        if opens and after is not None and after.tag in ("W", "VSAY") and after.word.islower() and after.word not in _VERB_COORDINATORS:
            found = p
    return found


def _relative_clause_head(tokens: list[Token], candidates: list[Phrase], v: int) -> Phrase | None:
    """News: "Ada Ruiz, who called Holt after the count, told reporters", "Ruiz, during a fair
    in Harlow, Westmarch, said": a relative clause, appositive or aside set off by commas right
    before the verb — the phrase that opens the clause, before the first comma, is the subject."""
    k = v - 1
    while k >= 0 and tokens[k].tag == "W" and (tokens[k].word.lower() in _VERB_MODIFIERS or tokens[k].word.lower().endswith("ly")):
        k -= 1
    if k < 2 or tokens[k].tag != ",":
        return None
    stop = k
    while stop > 0 and stop > k - 40 and tokens[stop - 1].tag != ":":
        stop -= 1
    for p in candidates:
        if p.first < stop or p.last >= k - 1 or p.kind in ("PRON", "ORG"):
            continue
        after = tokens[p.last + 1]
        if after.tag != "," and after.word != "(":
            continue
        before = tokens[p.first - 1] if p.first > 0 else None
        if before is None or before.tag in (",", ":"):
            return p
    return None


def _colon_window(ctx: Context, i: int) -> tuple[int, int] | None:
    """A quotation opening a paragraph after one that ends with a colon ("Holt continued:")."""
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
    # a scare-quoted term or a fragment can sit far into the sentence that reports it
    gap = MAX_LEAD_GAP_FRAGMENT if ctx.kinds and ctx.kinds[i] in ("term", "partial") else MAX_LEAD_GAP
    if not ctx.fiction and tokens[-1].tag == ":":
        # news: 'The board said about … in the new draft of its annual plan: “…”': the
        # colon closes the clause that introduces the words, however long
        gap = MAX_LEAD_GAP_FRAGMENT
    recent = _last_words(tokens, gap)
    if ctx.fiction and not any(tokens[k].tag == "VSAY" or len(tokens[k].word) == 9 for k in recent):
        return None  # (fiction: no speech verb and no "according to", no cue: not chunked)
    phrases = ctx.narration_phrases(start, end)
    # "according to X, "…""
    for k in recent:
        word = tokens[k].word
        # (no word of another length lower-cases to "according")
        if len(word) == 9 and word.lower() == "according" and k + 2 < len(tokens) and tokens[k + 1].word.lower() == "to":
            p = _phrase_at(phrases, k + 2) or _bare_description(ctx, tokens, k + 2, after=True)
            if p is not None:  # ("according to the newspaper, …")
                return Attribution("according_to", 0.85, phrase=p)
    if not ctx.fiction and len(tokens) >= 3 and tokens[-1].tag == ":":
        label = _dash_label(ctx, tokens, phrases) or _from_label(ctx, tokens, phrases)
        if label is not None:
            return Attribution("leading_cue", 0.7, phrase=label)
    opening = _opening_clause_end(tokens) if not ctx.fiction else None
    scan = enumerate(reversed(recent))
    if not ctx.fiction:
        # a speech verb's homograph used as a noun is the cue only if no verb precedes it
        scan = _nouns_last(tokens, scan)
    for n, k in scan:
        tok = tokens[k]
        if opening is not None and k < opening:
            break  # "When Ruiz announced …, he called …": the main clause reports the words
        if tok.tag != "VSAY" or not _speech_verb(tok, leading=n > 4):
            continue
        if not ctx.fiction and lexicon().speech_verb_base.get(tok.word.lower()) in _COLLOQUIAL and (
            k + 1 >= len(tokens) or tokens[k + 1].tag not in (",", ":")
        ):
            continue  # "has gone soft", "went to Iowa"; but 'he went, "…"'
        if not ctx.fiction and k >= 1 and k + 2 < len(tokens) and tokens[k + 1].word == "by" and tokens[k - 1].word.lower() in _PASSIVE_AUXILIARIES:
            agent = _phrase_at(phrases, k + 2)
            if agent is not None and agent.kind in ("NAME", "TITLED", "POSSD", "DESC"):
                # "Ruiz was asked by moderator Ada Holt whether … “…”": the agent speaks
                return _make("leading_cue", 0.8, agent, tok)
        subject = _subject_before(tokens, phrases, k, news=not ctx.fiction, fiction=ctx.fiction)
        if ctx.fiction:
            own = _infinitive_subject(tokens, phrases, k)
            if own is not None and (subject is None or own.first > subject.last):
                subject = own  # "… the chance for Tom Hale to step up and say, “…”": Tom says it
        rel = _relative_subject(tokens, phrases, k) if not ctx.fiction else _fiction_relative_subject(tokens, phrases, k)
        if rel is not None:
            # "… from Ada Ruiz, who declared at the fairground, “…”": the relative pronoun
            # is the verb's subject, whatever the main clause's is
            return Attribution("leading_cue", 0.8, phrase=rel[0], cue=tok, antecedent=rel[1])
        # inverted: said Mr. Smith: "…" (but "Lind told Ada Mertz:" has its subject first)
        p = _phrase_at(phrases, k + 1)
        if not ctx.fiction and p is not None and p.kind == "PRON" and p.text.lower() in _OBJECT_PRONOUNS:
            p = None  # 'as Ruiz put it: "…"': "it" is the verb's object, never its inverted subject
        if not ctx.fiction and tokens[-1].tag in (",", ":"):
            p = _inverted_subject(tokens, phrases, k, p)
        if p is not None and (
            p.last == len(tokens) - 2 and tokens[-1].tag in (",", ":") or ctx.fiction and p.last == len(tokens) - 1 and p.kind in ("NAME", "TITLED")
        ):  # (or right before the quotation: '"…," thought Alice "…"')
            base = lexicon().speech_verb_base.get(tok.word.lower())
            # (news: "Ruiz calls Holt “…”: “…”" — the one called is the verb's object)
            if (subject is None or subject.last < k - 3) and base not in _OBJECT_VERBS and (ctx.fiction or base != "call"):
                return _make("leading_cue", 0.85, p, tok)
        if subject is None and not ctx.fiction:
            # "Another commenter said, …", "The letter continues: …", "The memo went on to explain:"
            h = k
            if h >= 3 and tokens[h - 1].word.lower() == "to":
                h2 = h - 3 if tokens[h - 2].word.lower() == "on" else h - 2
                if h2 >= 1 and tokens[h2].tag in ("W", "VSAY") and tokens[h2].word.islower():
                    h = h2
            for d in range(max(0, h - 4), h):
                bare = _bare_description(ctx, tokens, d, after=False)
                if bare is not None and bare.last == h - 1 and (d == 0 or tokens[d - 1].tag in ("P", ",", ":", "W")):
                    subject = bare
                    break
        subject = _appositive_head(tokens, phrases, subject)
        if ctx.fiction and subject is not None and subject.last < k - 1 and _after_preposition(tokens, subject) and not is_personal(ctx, subject):
            subject = _personal_subject_before(ctx, tokens, phrases, k)
        if ctx.fiction and subject is not None and _body_part(subject):
            if not _coordinated_verb(tokens, k):
                return None  # "raising his head, said": the head is what he raised
            # "Tom shook his head, and said": the head is what the clause's subject shook
            subject = next((p for p in reversed(phrases) if p.last < subject.first and _can_be_subject(tokens, p)
                            and is_personal(ctx, p) and not _body_part(p) and not _after_preposition(tokens, p)), None)
            if subject is None:
                return None
        if subject is not None:
            rel = _relative_pronoun(tokens, subject, k)
            if rel is not None:
                # "Lynch, who told Congress: …": the attribution rests on "who"
                return Attribution("leading_cue", 0.8, phrase=rel, cue=tok, antecedent=subject)
            if not ctx.fiction:
                outer = _outer_speaker(tokens, phrases, subject.first)
                if outer is not None:
                    subject = outer
                subject = _indefinite_extent(ctx, tokens, subject)
            return _make("leading_cue", 0.85, subject, tok)
        return None
    if not ctx.fiction and len(tokens) >= 3 and tokens[-1].tag == ":":
        source = _follows_label(tokens)
        if source is not None:
            return Attribution("leading_cue", 0.7, phrase=source)
    if not ctx.fiction and len(tokens) >= 2 and tokens[-1].tag == ":":
        # "… doesn't surprise Republican pollster Ada Ruiz: “…”": a person named right
        # before the colon that opens the quotation
        before = len(tokens) - 2
        if tokens[before].word == ")":  # "Rep. Ada Ruiz (D-Elmford): …"
            before = next((k for k in range(before - 1, max(-1, before - 8), -1) if tokens[k].word == "("), 0) - 1
        p = next((p for p in phrases if p.last == before), None)
        label = p is not None and p.kind == "NAME" and ctx.text[p.start].isupper() and (
            all(t.tag == "P" for t in tokens[: p.first]) or tokens[p.first - 1].word.lower() == "from"
        )
        if p is not None and (_is_person_name(p) or label):
            # (or a speaker's label, the name alone before the colon: 'Bush: “…”', '- More
            # from Ruiz: “…”')
            return Attribution("leading_cue", 0.7, phrase=p)
    return None


_PASSIVE_AUXILIARIES = frozenset("was were is are be been being".split())


def _nouns_last(tokens: list[Token], scan):
    """The (n, k) of ``scan`` in order, but the speech verbs used as nouns (see
    :func:`_used_as_noun`) after all the others — found as the loop that reads them gets
    there (it mostly stops at the first verb: the words before it need no test)."""
    nouns = []
    for nk in scan:
        if tokens[nk[1]][3] == "VSAY" and _used_as_noun(tokens, nk[1]):  # ([3]: .tag)
            nouns.append(nk)
        else:
            yield nk
    yield from nouns


def _personal_subject_before(ctx: Context, tokens: list[Token], phrases: list[Phrase], v: int) -> Phrase | None:
    """Fiction: "She pulled a face at the old French, and sighed:" — when the phrase
    nearest the verb is no person, the subject is the last person named before the verb that
    no preposition governs."""
    for p in reversed(phrases):
        if p.last < v and _can_be_subject(tokens, p) and is_personal(ctx, p) and not _after_preposition(tokens, p):
            return p
    return None


def _after_preposition(tokens: list[Token], p: Phrase) -> bool:
    """Whether a preposition governs phrase ``p`` ("to Mary", "over his letter")."""
    if p.kind == "PRON" or p.first == 0:
        return False
    k = p.first - 1
    if tokens[k].tag == "W" and k > 0 and tokens[k - 1].tag == "DT":
        k -= 2  # "over the archaic French"
    elif tokens[k].tag in ("DT", "PRP$"):
        k -= 1
    return k >= 0 and tokens[k].tag == "IN"


def _inverted_subject(tokens: list[Token], phrases: list[Phrase], k: int, p: Phrase | None) -> Phrase | None:
    """News, a speaker after the speech verb that closes the words before the quotation:
    'explained county moderator Ada Ruiz: “…”' (modifiers before the name), 'Said Ada Ruiz,
    who grew up there, “…”' (a relative clause set off by commas). The phrase returned ends
    right before the closing punctuation, as the caller wants it."""
    end = len(tokens) - 2
    if p is None or p.last != end:
        after = _phrase_after_modifiers(tokens, phrases, k + 1)
        if after is not None and after.last == end:
            return after
    if p is not None and p.last + 2 < end and tokens[p.last + 1].tag == "," and tokens[p.last + 2].word.lower() == "who" and tokens[-1].tag == ",":
        if not any(t.tag in ("P", ":", "VSAY") or t.tag == "," and t is not tokens[p.last + 1] for t in tokens[p.last + 1 : end + 1]):
            return Phrase(p.kind, p.start, p.end, p.text, p.head, p.head_start, p.head_end, p.role, p.first, end)
    return p


def _from_label(ctx: Context, tokens: list[Token], phrases: list[Phrase]) -> Phrase | None:
    """News: 'From Ruiz's blog post: “…”', 'From the report: “…”', 'Here's Ruiz in 2004:
    “…”' — a verbless sentence that names where the quoted words come from."""
    first = tokens[0].word.lower()
    if first == "from":
        p = _phrase_at(phrases, 1)
        if p is not None and (p.kind in ("NAME", "TITLED", "POSSD") and ctx.text[p.start].isupper()):
            return p
        if p is None and tokens[1].tag == "DT" and len(tokens) <= 6 and all(t.tag in ("W", "VSAY", "ROLE") for t in tokens[2:-1]):
            s, e = tokens[1].start, tokens[-2].end
            return Phrase("DESC", s, e, ctx.text[s:e], ctx.text[s:e], s, e, None, 1, len(tokens) - 2)
        return None
    if first in ("here's", "here’s") and len(tokens) > 2:
        p = _phrase_at(phrases, 1)
        return p if p is not None and p.kind in ("NAME", "TITLED") else None
    return None


def _dash_label(ctx: Context, tokens: list[Token], phrases: list[Phrase]) -> Phrase | None:
    """News digests: 'Polls missed the upset - Ada Ruiz: “…”' — a name set off by a dash
    before the colon that opens the quotation is its source (the words before the dash are
    the item's headline)."""
    p = next((p for p in phrases if p.last == len(tokens) - 2), None)
    if p is None or p.first == 0 or tokens[p.first - 1].word not in _DASHES or p.kind not in ("NAME", "TITLED", "ORG"):
        return None
    return p if ctx.text[p.start].isupper() else None


_FOLLOWS_MAX_WORDS = 5


def _follows_label(tokens: list[Token]) -> Phrase | None:
    """News: 'Transcript as follows:', 'Partial transcript as follows:' — a verbless label
    that introduces a transcript or document: the words it names are the source of what is
    quoted after it."""
    if tokens[-2].word.lower() != "follows" or tokens[-3].word.lower() != "as":
        return None
    end = len(tokens) - 3
    first = end
    while first > 0 and tokens[first - 1].tag not in ("P", ":", ",") and end - first < _FOLLOWS_MAX_WORDS:
        first -= 1
    if first == end or (first > 0 and tokens[first - 1].tag not in ("P", ":")):
        return None
    words = tokens[first:end]
    if not words[0].word[:1].isupper() or any(t.tag in ("VSAY", "PRP", "PRP$") for t in words):
        return None
    s, e = words[0].start, words[-1].end
    head = words[-1].word
    return Phrase("DESC", s, e, " ".join(t.word for t in words), head, words[-1].start, e, None, first, end - 1)


_NOUN_MARKERS = frozenset("the a an this these those his her its their our my your every each no".split())
_MODALS = frozenset("can could will would shall should may might must".split())


def _used_as_noun(tokens: list[Token], k: int) -> bool:
    """A speech verb's homograph used as a noun: after a determiner or possessive ("the
    challenges", "an inspector general's report"), or a plural before a modal ("that states
    can pass")."""
    before = tokens[k - 1] if k > 0 else None
    if before is not None and (before.tag in ("PRP$", "NNPS") or before.word.lower() in _NOUN_MARKERS or before.word.endswith(("'s", "’s"))):
        return True
    if before is not None and before.word.lower() == "of" and not tokens[k].word.lower().endswith("ing"):
        return True  # "the secretary of state": after "of" a verb would be a gerund
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    return after is not None and tokens[k].word.endswith("s") and after.word.lower() in _MODALS


_OPENING_SUBORDINATORS = frozenset("when after while before since because if although though once until whenever".split())


def _opening_clause_end(tokens: list[Token]) -> int | None:
    """The comma that closes a subordinate clause opening the sentence ("When Ruiz spoke,
    …"), if any."""
    if not tokens or tokens[0].word.lower() not in _OPENING_SUBORDINATORS:
        return None
    comma = next((k for k, t in enumerate(tokens) if t.tag == ","), None)
    if comma is None or not any(t.tag not in (",", ":", "P") for t in tokens[comma + 1 :]):
        return None  # ("If Ruiz said, “…”": the clause ends at the words)
    return comma


def _opening_phrase_end(tokens: list[Token], phrases: list[Phrase]) -> int | None:
    """News: "At his briefing in Harlow on Monday, Ruiz's questioners were …": the
    comma that closes a prepositional phrase opening the sentence — the first comma right
    after which a phrase and its verb follow."""
    for k, t in enumerate(tokens):
        if t.tag in ("P", ":"):
            return None
        if t.tag != ",":
            continue
        p = next((p for p in phrases if p.first == k + 1), None)
        if p is not None and p.last + 1 < len(tokens) and tokens[p.last + 1].tag in ("W", "VSAY") and tokens[p.last + 1].word.islower():
            return k
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
                return None  # "Ruiz, who was speaking …, told …": the clause closed before
            return Phrase("REL", tok.start, tok.end, tok.word, tok.word, tok.start, tok.end, None, k, k)
    return None


def _relative_subject(tokens: list[Token], phrases: list[Phrase], v: int) -> tuple[Phrase, Phrase] | None:
    """ "…, Ada Ruiz, who declared …": "who" opening a clause set off by a comma, right before
    the speech verb (past its modifiers), and the person named right before that comma."""
    k = v - 1
    while k >= 0 and tokens[k].tag == "W" and (tokens[k].word.lower() in _VERB_MODIFIERS or tokens[k].word.lower().endswith("ly")):
        k -= 1
    if k < 2 or tokens[k].word.lower() != "who" or tokens[k - 1].tag != ",":
        return None  # (not "a general who suggested …": a restrictive clause names no one)
    head = next((p for p in phrases if p.last == k - 2), None)
    if head is None or head.kind not in ("NAME", "TITLED", "POSSD", "DESC"):
        return None
    tok = tokens[k]
    return Phrase("REL", tok.start, tok.end, tok.word, tok.word, tok.start, tok.end, None, k, k), head


def _fiction_relative_subject(tokens: list[Token], phrases: list[Phrase], v: int) -> tuple[Phrase, Phrase] | None:
    """Fiction: "… joined by Tom Pell, who, coming up with a smile, said:" — "who" after a
    comma and a person, then only an aside or a manner (no "he" or "she" of another clause,
    no sentence end) before the speech verb: that person speaks."""
    for k in range(v - 1, 1, -1):
        tok = tokens[k]
        if tok.tag in ("P", ":") or tok.word.lower() in _SUBJECT_PRONOUNS:
            return None
        if tok.word.lower() == "who":
            break
    else:
        return None
    if tokens[k - 1].tag != ",":
        return None
    head = next((p for p in phrases if p.last == k - 2), None)
    if head is None or head.kind not in ("NAME", "TITLED", "POSSD", "DESC", "ORG"):
        return None  # ("the Duchess, who said": a character the text names by a title)
    tok = tokens[k]
    return Phrase("REL", tok.start, tok.end, tok.word, tok.word, tok.start, tok.end, None, k, k), head


def leading_cue(ctx: Context, i: int) -> Attribution | None:
    trailing = _trailing_match(ctx, i)
    if not ctx.fiction and trailing is not None and trailing.sieve == "pronoun":
        return None  # '…,” she said.': the cue right after the words beats one before them
    att = _leading_match(ctx, i)
    if att is None or att.sieve == "pronoun":
        return None
    if ctx.fiction and att.phrase is not None and att.phrase.kind in ("NAME", "TITLED") and _calls_by_name(ctx, i, att.phrase):
        return None  # 'Tom turned to Ada Finch. “Ada Finch, come here.”': nobody calls themselves by name
    return att.copy()


# -- 3. pronoun: "…," he added → the nearest compatible person before it -----------------------
def pronoun(ctx: Context, i: int) -> Attribution | None:
    att = _trailing_match(ctx, i)
    if att is None or att.sieve != "pronoun":
        att = _leading_match(ctx, i)
    if att is None or att.sieve != "pronoun" or att.phrase is None:
        return None
    phrase = att.phrase
    if not ctx.fiction:
        outer = _outer_source(ctx, phrase)
        if outer is not None and outer.kind != "PRON":
            # news: "Ruiz said that he expects “…”": the pronoun stands inside what someone
            # is reported to say — the source is the subject of that speech verb
            return Attribution("pronoun", att.confidence, phrase=outer, cue=att.cue)
        if outer is not None:
            phrase = outer  # "He said that he …": the first "he"
    antecedent = None
    if ctx.fiction:
        before = ctx.attributions[i - 1] if i > 0 else None
        if before is not None and before.sieve == "pronoun" and before.phrase is not None and before.phrase.start == phrase.start:
            # '“…,” said she, “…”': one cue for both pieces — the antecedent found for the first
            antecedent = before.antecedent
        else:
            want = lexicon().pronouns.get(phrase.text.lower(), "?")
            if want in ("m", "f"):
                antecedent = _described_subject(ctx, i, phrase, want)
            if antecedent is None:
                antecedent = _continuing_speaker(ctx, i, att)
    if antecedent is None:
        antecedent = resolve_pronoun(ctx, phrase, i)
    if antecedent is None:
        return None
    if ctx.fiction and antecedent.kind != "NARRATOR":
        called = _called(ctx, i)
        pieces = [i]
        nxt = i + 1
        if nxt < len(ctx.quotes) and ctx.quotes[nxt].paragraph == ctx.quotes[i].paragraph and ctx.quotes[i].end <= phrase.start < ctx.quotes[nxt].start and (
            not ctx.text[_cue_sentence_end(ctx, i, nxt) : ctx.quotes[nxt].start].strip()
        ):
            called = called | _called(ctx, nxt)  # ('“Yes,” she said, “…, Mr. Marsh”': one turn)
            pieces.append(nxt)
        if called and _key(antecedent) in called and any(_calls_by_name(ctx, k, antecedent) for k in pieces):
            # '“…, Tom,” he said': nobody calls themselves by name — the latest other speaker
            # of the pronoun's gender
            antecedent = _latest_speaker_not(ctx, i, lexicon().pronouns.get(phrase.text.lower(), "?"), called)
            if antecedent is None:
                return None
    att = att.copy()
    att.phrase = phrase
    att.antecedent = antecedent
    return att


_CLAUSE_MARKS = frozenset(".!?;")
_SUBJECT_OPENERS = frozenset("then and but so now presently suddenly here there at last".split())
DESCRIBED_LOOKBACK = 12  # quotations searched back for the cue the description was


def _clause_subject(tokens: list[Token], phrases_at: dict[int, Phrase], k: int, stop: int) -> Phrase | None:
    """The phrase opening the clause that starts at token ``k`` ("Then the old guard turned"),
    past a few opening adverbs and conjunctions."""
    for _ in range(3):
        if k >= stop:
            return None
        p = phrases_at.get(k)
        if p is not None:
            return p
        word = tokens[k].word.lower()
        if tokens[k].tag not in ("W", "CC", ",") or not (word in _SUBJECT_OPENERS or word.endswith("ly")):
            return None
        k += 1
    return None


def _described_subject(ctx: Context, i: int, pron: Phrase, want: str, max_clauses: int = 4) -> Phrase | None:
    """Fiction: "The old guard turned to the window; he shrugged. “…,” he said" — the subject
    of the narration's last clauses before a he/she cue, followed back through clauses whose
    subject is that same pronoun, is a description of someone who spoke before under that
    description ("said the guard"): the pronoun is that speaker (as the engine resolved that
    cue). None when those clauses open with a name or another pronoun."""
    q = ctx.quotes[i]
    para = q.paragraph
    if ctx.paragraph_at(pron.start) != para:
        return None
    tokens, phrases = ctx.paragraph_narration(para, pron.start)
    lo = ctx.paragraphs[para].start
    if i > 0 and ctx.quotes[i - 1].end > lo:
        lo = ctx.quotes[i - 1].end  # (the narration since the quotation before)
    limit = min(pron.start, q.start)
    a = next((k for k, t in enumerate(tokens) if t.start >= lo), len(tokens))
    b = a
    while b < len(tokens) and tokens[b].end <= limit:
        b += 1
    if pron.start < q.start:
        # a cue before its quotation ("He shrugged. He said, “…”"): not the cue's own clause
        b = next((k + 1 for k in range(b - 1, a - 1, -1) if tokens[k].tag == "P" and tokens[k].word in _CLAUSE_MARKS), a)
    if a >= b:
        if q.start != ctx.paragraphs[para].start or para == 0 or ctx.quotes_in_paragraph(para - 1):
            return None
        tokens, phrases = ctx.paragraph_narration(para - 1)  # a paragraph of narration only
        a, b = 0, len(tokens)
    phrases_at = {p.first: p for p in phrases if a <= p.first < b}
    starts = [a] + [k + 1 for k in range(a, b - 1) if tokens[k].tag == "P" and tokens[k].word in _CLAUSE_MARKS]
    for c in range(len(starts) - 1, max(-1, len(starts) - 1 - max_clauses), -1):
        end = starts[c + 1] if c + 1 < len(starts) else b
        p = _clause_subject(tokens, phrases_at, starts[c], end)
        if p is None:
            return _spoken_as_noun(ctx, i, tokens, starts[c], end, want)
        if p.kind == "PRON":
            if p.text.lower() in ("he", "she") and lexicon().pronouns.get(p.text.lower()) == want:
                continue  # "he shrugged": the same one, said again
            return None
        if p.kind != "DESC" or tokens[p.first].tag == "PRP$" or tokens[p.first].word.lower() in _INDEFINITE:
            return None  # (a name: the other searches; "his wife", "an old man": no earlier cue's)
        if not _can_be_subject(tokens, p) or not is_personal(ctx, p) or _body_part(p) or phrase_gender(ctx, p) not in (want, "?"):
            return None
        return _spoken_as(ctx, i, p)
    return None


_INDEFINITE = frozenset("a an another some one".split())


def _spoken_as_noun(ctx: Context, i: int, tokens: list[Token], k: int, end: int, want: str) -> Phrase | None:
    """ "The mariner stared": a clause opening with "the" and a noun the chunker does not know
    as a person's, which a recent cue used as its speaker's description ("said the mariner")."""
    if k >= end or tokens[k].word.lower() != "the":
        return None
    for m in range(k + 1, min(end, k + 4)):
        if tokens[m].tag != "W" or not tokens[m].word.isalpha():
            return None
        noun = tokens[m].word
        found = _spoken_as(ctx, i, Phrase("DESC", tokens[k].start, tokens[m].end, "the " + noun, "the " + noun, tokens[k].start, tokens[m].end, None, k, m))
        if found is not None:
            return found if phrase_gender(ctx, found) in (want, "?") else None
    return None


def _spoken_as(ctx: Context, i: int, desc: Phrase, lookback: int = DESCRIBED_LOOKBACK) -> Phrase | None:
    """The speaker of a recent quotation whose cue was a description with ``desc``'s noun
    ("said the guard" for "the old guard"), as the engine resolved it."""
    noun = desc.text.lower().split()[-1]
    for j in range(i - 1, max(-1, i - lookback), -1):
        att = ctx.attributions[j]
        if att is None or att.same_as is not None or att.phrase is None or att.phrase.kind != "DESC":
            continue
        words = att.phrase.text.lower().split()
        if words[-1] == noun and words[0] not in _INDEFINITE and words[0] not in ("his", "her", "my", "their", "your", "our"):
            return root_phrase(ctx, j)
    return None


def _cue_sentence_end(ctx: Context, i: int, nxt: int) -> int:
    """Where the narration between quotations ``i`` and ``nxt`` has its first sentence end
    (the start of ``nxt`` if none)."""
    m = next(sentence_ends(ctx.text, ctx.quotes[i].end, ctx.quotes[nxt].start), None)
    return m.end() if m is not None else ctx.quotes[nxt].start


def _calls_by_name(ctx: Context, i: int, p: Phrase) -> bool:
    """Whether quotation ``i`` calls ``p`` by name: "…, Hale," calls Hale, not Mrs. Hale (a
    bare surname is another of the family than the one with the honorific)."""
    key = _key(p)
    honorifics = lexicon().honorifics
    hon = p.text.split()[0].rstrip(".").lower() if p.text.split() else ""
    titled = hon in honorifics
    for m in vocatives(ctx, i):
        words = m.group(1).replace(".", "").split()
        if words[-1].lower() == key and (not titled or len(words) > 1):
            called = words[0].lower()
            if titled and called in honorifics and {honorifics[called], honorifics[hon]} == {"m", "f"}:
                continue  # "…, Miss Hale" does not call Mr. Hale
            return True
    return False


def _latest_speaker_not(ctx: Context, i: int, want: str, called: set[str], lookback: int = 12) -> Phrase | None:
    """The latest speaker before quotation ``i`` of the given gender whom it does not call by name."""
    if want not in ("m", "f"):
        return None
    for p in _recent_speakers(ctx, i, lookback):
        if p is None:
            return None
        if _key(p) not in called and phrase_gender(ctx, p) == want:
            return p
    return None


def _trailing_pronoun(ctx: Context, i: int) -> Attribution | None:
    """News: a later paragraph of one long quotation closed by its own pronoun cue ('“…,” he
    continued'): that cue, not the piece before, says who."""
    att = _trailing_match(ctx, i)
    return pronoun(ctx, i) if att is not None and att.sieve == "pronoun" else None


_CONTINUING = frozenset("continue add resume pursue persist".split())
_GO_ON = re.compile(r"\s+on\b")


def _continuing_verb(ctx: Context, cue: Token | None) -> bool:
    """ "continued", "added", "resumed", "went on": a speech verb of someone going on."""
    if cue is None:
        return False
    base = lexicon().speech_verb_base.get(cue.word.lower(), "")
    return base in _CONTINUING or base == "go" and _GO_ON.match(ctx.text, cue.end) is not None


def _continuing_speaker(ctx: Context, i: int, att: Attribution, lookback: int = 6) -> Phrase | None:
    """Fiction: '"…," he continued' / 'she went on' / 'he added': someone goes on with their
    own words — the last one of the pronoun's gender who spoke, a few quotations back (an
    interruption by someone of the other gender between them)."""
    if att.phrase is None or not _continuing_verb(ctx, att.cue):
        return None
    want = lexicon().pronouns.get(att.phrase.text.lower(), "?")
    if want not in ("m", "f"):
        return None
    if i > 0 and ctx.quotes[i - 1].paragraph == ctx.quotes[i].paragraph and ctx.attributions[i - 1] is not None:
        p = root_phrase(ctx, i - 1)
        if p is not None and p.kind != "NARRATOR" and phrase_gender(ctx, p) == want:
            return p  # '“…,” she said. She paused. “…,” she went on': the same paragraph's speaker
    named = _antecedent_in(ctx, ctx.paragraph_at(att.phrase.start), att.phrase.start, want)
    if named is not None:
        return named  # "Mr. Hale smiled. “…,” he went on": the narration says who
    for j in range(i - 1, max(-1, i - lookback), -1):
        if ctx.attributions[j] is None:
            continue
        p = root_phrase(ctx, j)
        if p is None or p.kind == "NARRATOR":
            continue
        gender = phrase_gender(ctx, p)
        if gender == want:
            return p
        if gender not in ("m", "f"):
            return None
    return None


def _outer_source(ctx: Context, pron: Phrase) -> Phrase | None:
    """News: the subject of a speech verb earlier in the pronoun's sentence whose reported
    words the pronoun stands in ("Ruiz says if he …", "Ruiz, noting that she …"); not when a
    clause of the pronoun's own begins after the verb ("Ruiz said …, but she cautions …")."""
    starts = ctx._sentence_starts
    s = bisect.bisect_right(starts, pron.start) - 1
    start = max(starts[s] if s >= 0 else 0, ctx.paragraphs[ctx.paragraph_at(pron.start)].start)
    between = ctx._quotes_overlapping(start, pron.start)
    if len(between):
        start = ctx.quotes[between[-1]].end  # ('"…," Ruiz replied, adding that she …')
    tokens = ctx.narration_tokens(start, pron.start)
    verb = next((k for k in range(len(tokens) - 1, -1, -1) if _speech_verb(tokens[k], leading=True)), None)
    if verb is None:
        return None
    reported = verb + 1
    if any(t.tag in (",", ":", "P") or t.word.lower() in _CLAUSE_BREAKS for t in tokens[reported:]):
        # "Ruiz told a crowd in Harlow, Westmarch, on Friday that she …": the reported clause may
        # open with "that" after an aside
        that = next((k for k in range(len(tokens) - 1, verb, -1) if tokens[k].word.lower() == "that"), None)
        if that is None or any(t.tag in (":", "P") for t in tokens[reported:that]):
            return None
        reported = that + 1
        if any(t.tag in (",", ":", "P") or t.word.lower() in _CLAUSE_BREAKS for t in tokens[reported:]):
            return None
    subject = _subject_before(tokens, ctx.narration_phrases(start, pron.start), verb, news=True)
    if subject is None or subject.kind == "PRON" and subject.text.lower() not in _SUBJECT_PRONOUNS:
        return None
    return subject


def _bare_capital(ctx: Context, p: Phrase, p_index: int, before: int) -> bool:
    """News: a one-word name of unknown gender that is no first name, that the text never
    writes after a first name and that is no verb's subject here ("in Elmford and Harlow,
    she …", "Footage shows …" is a subject though) — maybe no person at all."""
    head = p.head
    if p.kind != "NAME" or " " in head or head.lower() in lexicon().first_names or phrase_gender(ctx, p) in ("m", "f"):
        return False
    tokens = ctx.paragraph_narration(p_index, before)[0]
    k = p.last + 1
    while k < len(tokens) and tokens[k].tag == "W" and (tokens[k].word.lower() in _VERB_MODIFIERS or tokens[k].word.lower().endswith("ly")):
        k += 1
    if k < len(tokens) and tokens[k].tag in ("W", "VSAY") and tokens[k].word.islower() and tokens[k].word not in _VERB_COORDINATORS:
        return False  # "Pell freely conceded …": a subject, most likely a person
    return not _full_names_in_text(ctx, head)


def resolve_pronoun(ctx: Context, pron: Phrase, i: int, max_paragraphs: int = 4) -> Phrase | None:
    """The antecedent of a cue's pronoun.

    In order: a compatible person named earlier in the same paragraph; in fiction dialogue,
    the speaker of the turn before last (speakers alternate); a compatible person named in
    the preceding paragraphs. "I" in fiction is the narrator; in news, the writer of a
    first-person piece.
    """
    want = lexicon().pronouns.get(pron.text.lower(), "?")
    if want == "1" and (ctx.fiction or pron.text.lower() == "i"):  # (news: the writer of a first-person piece)
        return Phrase("NARRATOR", pron.start, pron.end, pron.text, "narrator", pron.start, pron.end, None, 0, 0)
    if want in ("1", "1p", "2"):
        return None
    para = ctx.paragraph_at(pron.start)
    if ctx.fiction and want in ("m", "f") and ctx.quotes[i].start == ctx.paragraphs[ctx.quotes[i].paragraph].start:
        found = _antecedent_in(ctx, para, pron.start, want)
        if found is not None:
            return found
        named = _newcomer_before(ctx, i, para, want, pronoun_cue=True)
        if named is not None:
            return named
        called = _addressed_before(ctx, i, para, want)
        if called is not None:
            return called
        going_on = _speaker_going_on(ctx, i, want)
        if going_on is not None:
            return going_on
        again = _same_speaker_by_gender(ctx, i, want)
        if again is not None:
            return again
        partner = _conversation_partner(ctx, i, want)
        if partner is not None and _someone_else_there(ctx, i, partner, want):
            # "… her father and Ada should stay, while she set off. / “…,” said she": not Ada
            partner = _conversation_partner(ctx, i, want, exclude=_key(partner))
        if partner is not None:
            return partner
    if ctx.fiction and want in ("m", "f"):
        mid = _speaker_going_on_here(ctx, i, want)
        if mid is not None:
            return mid
    weak = None
    for p_index in range(para, max(-1, para - max_paragraphs), -1):
        if p_index == para - 1 and ctx.fiction and want in ("m", "f"):
            other = _alternating_speaker(ctx, para, want)
            if other is not None:
                return other
        found = _antecedent_in(ctx, p_index, pron.start, want)
        if found is not None and not ctx.fiction and want in ("m", "f") and weak is None and found.kind == "NAME" and _bare_capital(ctx, found, p_index, pron.start):
            weak = found  # news: a lone capitalised word ("Harlow") — a person of the
            continue  # pronoun's gender named a little earlier is likelier
        if found is not None and weak is not None and phrase_gender(ctx, found) != want:
            found = None
        if found is not None:
            return found
    if weak is not None:
        return weak
    if ctx.fiction and want in ("m", "f"):
        return _recent_speaker(ctx, i, want)
    if want in ("m", "f"):
        # news: a long article comes back to its subject, named paragraphs before
        for p_index in range(para - max_paragraphs, max(-1, para - 4 * max_paragraphs), -1):
            found = _antecedent_in(ctx, p_index, pron.start, want)
            if found is not None:
                return found
    return None


_CLAUSE_END = re.compile(r"[.!?;]")
_HE = re.compile(r"\bhe\b", re.I)  # (a subject: "his hat", "her hand" are the named person's own)
_SHE = re.compile(r"\bshe\b", re.I)


def _newcomer_before(
    ctx: Context, i: int, para: int, want: str, lookback: int = 8, pronoun_cue: bool = False
) -> Phrase | None:
    """Fiction: the last sentence of a paragraph of narration only, just before, names a person
    of the given gender who has not spoken in the last turns ("Mr. Hale was shown in." /
    "“…,” said the gentleman"): someone who comes into the scene and speaks, not a partner of
    the conversation. (The sentence is the window the leading cue already read: no new tagging.)

    ``pronoun_cue`` ("“…,” said he"): "he" takes up the last man that paragraph tells of as a
    subject, in any of its sentences, whether or not he spoke a few turns before ("Tom Pell
    rose. The fire had gone out." / "“…,” said he": Tom, not the partner of the last speaker).
    """
    if para == 0 or ctx.quotes_in_paragraph(para - 1):
        return None
    window = _colon_window(ctx, i)
    if window is None:
        return None
    start, end = window
    if pronoun_cue:  # (the paragraph the pronoun's own search reads next: no new tagging either)
        tokens, phrases = ctx.paragraph_narration(para - 1)
    else:
        tokens, phrases = ctx.narration_tokens(start, end), ctx.narration_phrases(start, end)
    found = None
    for p in reversed(phrases):
        if p.kind not in ("NAME", "TITLED") or not _can_be_subject(tokens, p, inverted=True):
            continue
        gender = phrase_gender(ctx, p)
        if gender == want:
            found = p
            break
        if gender not in ("m", "f") and is_personal(ctx, p):
            return None  # a nearer name of no known gender: no telling
    if found is None or not is_personal(ctx, found):
        return None
    rest = _CLAUSE_END.search(ctx.text, found.end, end)
    pronoun = _HE if want == "m" else _SHE
    if pronoun.search(ctx.text, found.end, rest.start() if rest else end):
        return None  # "Slipping past Tom Pell, he sat down": the sentence is someone else's
    if pronoun_cue:
        return found
    key = _key(found)
    for p in _recent_speakers(ctx, i, lookback):
        if p is not None and _key(p) == key:
            return None
    return found


def _speaker_going_on(ctx: Context, i: int, want: str, max_clauses: int = 3) -> Phrase | None:
    """Fiction: '“…,” said Tom. He stirred the fire. / “…,” he said' — the narration between
    the last turn and a paragraph-opening he/she cue tells only of "he" (every clause after the
    last turn's own cue has that pronoun as its subject): the one who spoke last, of that
    gender, goes on."""
    para = ctx.quotes[i].paragraph
    j = i - 1
    if para == 0 or j < 0 or ctx.attributions[j] is None:
        return None
    tokens, phrases = ctx.paragraph_narration(para - 1)
    if ctx.end_paragraph(j) == para - 1:
        end_j = ctx.quotes[j].end
        a = next((k for k, t in enumerate(tokens) if t.start >= end_j), len(tokens))
    elif ctx.end_paragraph(j) == para - 2 and not ctx.quotes_in_paragraph(para - 1):
        a = 0
    else:
        return None
    b = len(tokens)
    if a >= b:
        return None
    starts = [a] + [k + 1 for k in range(a, b - 1) if tokens[k].tag == "P" and tokens[k].word in _CLAUSE_MARKS]
    if ctx.end_paragraph(j) == para - 1 and any(t.tag == "VSAY" for t in tokens[a : starts[1] if len(starts) > 1 else b]):
        starts = starts[1:]  # (the last turn's own cue)
    if not starts or len(starts) > max_clauses:
        return None
    return _last_speaker_if_only_pronoun(ctx, j, tokens, {p.first: p for p in phrases if p.first >= a}, starts, b, want)


def _speaker_going_on_here(ctx: Context, i: int, want: str, max_clauses: int = 3) -> Phrase | None:
    """Fiction: '“…,” said Tom. / He stirred the fire. “…,” he said' — the paragraph's own
    narration before the quotation tells only of "he": the last speaker, of that gender."""
    q = ctx.quotes[i]
    para = q.paragraph
    j = i - 1
    if para == 0 or j < 0 or ctx.attributions[j] is None or ctx.end_paragraph(j) != para - 1:
        return None
    tokens, phrases = ctx.paragraph_narration(para, q.start)
    b = len(tokens)
    if b == 0 or ctx.quotes_in_paragraph(para)[0] != i:
        return None
    starts = [0] + [k + 1 for k in range(b - 1) if tokens[k].tag == "P" and tokens[k].word in _CLAUSE_MARKS]
    if len(starts) > max_clauses:
        return None
    return _last_speaker_if_only_pronoun(ctx, j, tokens, {p.first: p for p in phrases}, starts, b, want)


def _last_speaker_if_only_pronoun(ctx: Context, j: int, tokens: list[Token], phrases_at: dict[int, Phrase], starts: list[int], b: int, want: str) -> Phrase | None:
    """The speaker of quotation ``j``, of gender ``want``, if the subject of every clause
    (``starts``, the last ending at token ``b``) is "he"/"she" of that gender."""
    for c, k in enumerate(starts):
        end = starts[c + 1] if c + 1 < len(starts) else b
        p = _clause_subject(tokens, phrases_at, k, end)
        if p is None or p.kind != "PRON" or p.text.lower() not in ("he", "she") or lexicon().pronouns.get(p.text.lower()) != want:
            return None
    last = root_phrase(ctx, j)
    if last is None or last.kind == "NARRATOR" or phrase_gender(ctx, last) != want:
        return None
    return last


def _addressed_before(ctx: Context, i: int, para: int, want: str) -> Phrase | None:
    """Fiction: the turn before called someone of the pronoun's gender by name ("“…, Mr.
    Hale?” said Ada." / "“…,” he answered"): the one spoken to answers."""
    called = addressee(ctx, i)
    if called is None or phrase_gender(ctx, called) != want:
        return None
    prev = _last_quote_in(ctx, para - 1)
    speaker = root_phrase(ctx, prev) if prev is not None and ctx.attributions[prev] is not None else None
    return called if speaker is None or _key(speaker) != _key(called) else None


def _someone_else_there(ctx: Context, i: int, p: Phrase, want: str) -> bool:
    """Whether a sentence of the narration just before quotation ``i`` (its paragraph's, or
    the paragraph of narration before it) names ``p`` after a word of its own (not as the
    subject opening it: "her father and Ada") and then says "he"/"she" (``want``): that
    pronoun is someone else than ``p``."""
    para = ctx.quotes[i].paragraph
    q = ctx.quotes[i]
    spans = [(ctx.paragraphs[para].start, q.start)]
    if para > 0 and not ctx.quotes_in_paragraph(para - 1):
        spans.append((ctx.paragraphs[para - 1].start, ctx.paragraphs[para - 1].end))
    pronoun = _HE if want == "m" else _SHE
    key = p.text.split()[-1] if p.text.split() else ""
    if not key:
        return False
    name = re.compile(rf"\b[a-z]+\s+(?:[A-Z][a-z]*\.?\s+)?{re.escape(key)}\b")  # (not the sentence's subject)
    for start, end in spans:
        for sentence in re.split(r"(?<=[.!?])\s+", ctx.text[start:end]):
            m = name.search(sentence)
            if m is not None and pronoun.search(sentence, m.end()):
                return True
    return False


def _recent_speakers(ctx: Context, i: int, lookback: int):
    """The speakers of the attributed quotations before ``i``, latest first, within
    ``lookback`` quotations; a quotation of the narrator's or of no one known ends the run
    (None is yielded last then)."""
    for j in range(i - 1, max(-1, i - lookback), -1):
        if ctx.attributions[j] is None:
            continue
        p = root_phrase(ctx, j)
        if p is None or p.kind == "NARRATOR":
            yield None
            return
        yield p


def _same_speaker_by_gender(ctx: Context, i: int, want: str, lookback: int = 8) -> Phrase | None:
    """Fiction: in a conversation between a man and a woman, "he said" opening the next
    paragraph after the man spoke is the man again (narration came between his words), not
    someone further back: the pronoun tells the two apart."""
    last: Phrase | None = None
    for p in _recent_speakers(ctx, i, lookback):
        if p is None:
            return None
        if last is None:
            if phrase_gender(ctx, p) != want:
                return None
            last = p
            continue
        if _key(p) == _key(last):
            continue
        other = phrase_gender(ctx, p)
        return last if other in ("m", "f") and other != want else None
    return None


def _conversation_partner(
    ctx: Context, i: int, want: str, lookback: int = 8, named_only: bool = False, by_paragraph: bool = False,
    described: str = "", exclude: str = "",
) -> Phrase | None:
    """In dialogue, "he said" is the most recent other speaker of that gender: not the one
    who spoke the turn before (speakers alternate). ``by_paragraph``: the turn before is the
    last quotation of an earlier paragraph (the quotations of this paragraph before ``i`` are
    the same speaker's words). ``described``: the words of a description cue ("the old
    gentleman"), which only the latest named speaker other than the last turn's can be (one
    who fits it); a named speaker further back is out of the conversation. ``exclude``: the
    key of someone the narration told apart from the pronoun."""
    before = i - 1
    if by_paragraph:
        para = ctx.quotes[i].paragraph
        while before >= 0 and ctx.quotes[before].paragraph == para:
            before -= 1
    prev = root_phrase(ctx, before) if before >= 0 and ctx.attributions[before] is not None else None
    prev_key = _key(prev) if prev is not None else None
    for j in range(before, max(-1, i - lookback), -1):
        if ctx.attributions[j] is None:
            continue
        p = root_phrase(ctx, j)
        if p is None or p.kind == "NARRATOR" or (prev is not None and _key(p) == prev_key) or _key(p) == exclude:
            continue
        if named_only and p.kind in ("DESC", "PRON", "ORG"):
            continue
        if described and too_young(ctx, described, p.head):
            continue  # (a child of the scene: no grown-up's description)
        if phrase_gender(ctx, p) == want:
            return p
        if described:
            return None  # the latest named other speaker is not the one described: no one named is
    return None


# a grown-up's description ("the old gentleman", "the woman"), unless it says the person is young
_GROWN_WORDS = frozenset("man gentleman lady woman old elderly aged".split())
_YOUNG_WORDS = frozenset("young little boy girl child lad youth".split())
CHILD_MIN = 3  # times the narration writes "little Tom" of a child


def too_young(ctx: Context, words: str, *names: str | None) -> bool:
    """Fiction: "the old gentleman", "the woman" is no child the narration calls "little Tom"
    (in any of the ``names``)."""
    grown = _grown_memo.get(words)
    if grown is None:
        found = set(words.split())
        grown = _grown_memo[words] = bool(found & _GROWN_WORDS) and not found & _YOUNG_WORDS
    if not grown:
        return False
    counts = _little_counts(ctx)
    return any(counts.get(_strip_s(word), 0) >= CHILD_MIN
               for name in names if name for word in name.split() if word[:1].isupper())


_grown_memo: dict[str, bool] = vocabulary_memo(20_000)  # description words -> a grown-up's description


_CHILD_WORDS = frozenset("child boy girl".split())
_GROWN_TITLES = frozenset("mr mrs sir lady lord dr".split())


def too_old(words: str, name: str) -> bool:
    """Fiction: "the child", "the boy" is no one the text calls "Mrs. Pell" or "Mr. Hale"."""
    first = name.split()[0].rstrip(".").lower() if name.split() else ""
    return first in _GROWN_TITLES and bool(set(words.split()) & _CHILD_WORDS)


def _strip_s(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


_LITTLE = re.compile(r"little\s+([A-Z][\w'’-]*)")


def _little_counts(ctx: Context) -> dict[str, int]:
    """How often the text writes "little <Name>" of each capitalised word (memoised)."""
    if _little_memo.get("text") is not ctx.text:
        counts: dict[str, int] = {}
        text = ctx.text
        for m in _LITTLE.finditer(text):
            if m.start() and text[m.start() - 1].isalnum():
                continue  # ("belittle Tom")
            word = _strip_s(m.group(1))
            counts[word] = counts.get(word, 0) + 1
        _little_memo.clear()
        _little_memo["text"] = ctx.text
        _little_memo["counts"] = counts
    return _little_memo["counts"]


_little_memo: dict = document_memo()  # the text and its "little <Name>" counts


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
        if p.start >= before or p.kind == "PRON" or not (_can_be_subject(tokens, p, inverted=True) or ctx.fiction and _passive_agent(tokens, p)):
            continue
        if not ctx.fiction and _coordinated_object(tokens, p):
            continue  # ("her wins in Elmford and Westmarch": no "she")
        if p.kind == "DESC" and tokens[p.first].tag == "PRP$":
            continue  # "his head", "her husband": relative to someone else
        if ctx.fiction and _absolute_phrase(ctx, tokens, p, before, want):
            continue  # "Ada remaining silent, she said": the one who is silent is not "she"
        if ctx.fiction and _body_part(p):
            continue  # "a shining head": a part of someone
        if want == "p":
            if phrase_number(p) == "p" or p.kind == "ORG":
                return p
            continue
        if want == "n":
            if p.kind == "ORG" or not ctx.fiction and p.kind == "DESC" and not is_personal(ctx, p):
                return p  # (news: "a sign of her own … “…,” it read")
            continue
        if not is_personal(ctx, p) or phrase_number(p) == "p":
            continue  # (not "she" for "the bediamonded women")
        if not ctx.fiction and p.kind == "NAME" and p.head.replace(".", "").replace("-", "").isupper():
            continue  # news: "KELM", "the UN", "GOP" — an acronym is no "he" or "she"
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


def _absolute_phrase(ctx: Context, tokens: list[Token], p: Phrase, before: int, want: str) -> bool:
    """Whether ``p`` opens an absolute phrase ("Ada remaining silent,") whose comma is followed
    by "he"/"she" (``want``) as the subject of the main clause: then someone else."""
    k = p.last + 1
    if k >= len(tokens) or not tokens[k].word.islower() or not tokens[k].word.endswith("ing"):
        return False
    if p.first > 0 and tokens[p.first - 1].tag not in ("P", ",", ":"):
        return False
    word = "he" if want == "m" else "she" if want == "f" else ""
    for j in range(k + 1, len(tokens)):
        if tokens[j].tag == "P":
            return False
        if tokens[j].tag == ",":
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if nxt is None:
                return ctx.text[tokens[j].end : before].strip().lower() == "" and ctx.text[before : before + len(word)].lower() == word
            return nxt.word.lower() == word
    return False


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


# -- 4. speech nouns: Tom Pell's statement that … "…" -------------------------------------
def _possessor_phrase(ctx: Context, tokens: list[Token], first: int, last: int) -> Phrase:
    """The name "Ada Ruiz's" of tokens ``first``..``last`` (the last one possessive)."""
    from .phrases import _phrase

    return _phrase(ctx.text, tokens, "NAME", first, last)


def speech_noun(ctx: Context, i: int) -> Attribution | None:
    """ "Tom Pell's statement that …", "a statement from the ministry", and "his last words
    to Emma were, "…"" (the possessive pronoun then needs its antecedent)."""
    start, end, _ = ctx.leading_window(i)
    tokens = ctx.narration_tokens(start, end)
    nouns = lexicon().speech_nouns
    for k in range(len(tokens) - 1, 0, -1):
        if tokens[k].word.lower() in nouns:
            if not ctx.fiction and any(t.word.lower() == "as" for t in tokens[k + 1 : k + 3]):
                return None  # news: 'Ruiz defended his comments as "…"': the subject's words about them
            phrases = ctx.narration_phrases(start, end)  # (chunked only when a speech noun is there)
            for p in phrases:
                if p.last == k - 1 and tokens[p.last].tag == "NNPS":
                    return Attribution("speech_noun", 0.7, phrase=p)
                if (
                    k - 3 <= p.last < k - 1 and tokens[p.last].tag == "NNPS"
                    and all(t.tag in ("W", "ROLE") and t.word.islower() for t in tokens[p.last + 1 : k])
                ):
                    return Attribution("speech_noun", 0.7, phrase=p)  # "Ruiz's campaign slogan", "Ann's last words were:"
                if (
                    not ctx.fiction and p.kind == "DESC" and tokens[p.first].tag == "NNPS" and k - 4 <= p.last < k
                    and all(t.tag in ("W", "ROLE") and t.word.islower() for t in tokens[p.first + 1 : k])
                ):
                    # news: "Ada Ruiz's campaign slogan is “…”" (chunked "Ada" + "Ruiz's
                    # campaign"): the possessor's name
                    f = p.first
                    while f > 0 and tokens[f - 1].tag == "NNP":
                        f -= 1
                    return Attribution("speech_noun", 0.7, phrase=_possessor_phrase(ctx, tokens, f, p.first))
            if k + 2 < len(tokens) and tokens[k + 1].word.lower() in ("by", "from", "of"):
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
    if not ctx.fiction and ctx.kinds and ctx.kinds[i] in _SUBJECT_KINDS and _embedded(ctx, i):
        att = _sentence_subject(ctx, i)
        if att is not None:
            return att
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


def _cue_sentence_before(ctx: Context, i: int) -> Attribution | None:
    """News: 'Greene added that the Fed wants out. “…”': a quotation that opens its sentence
    after a sentence of narration in which someone speaks — that sentence's subject goes on,
    named nearer than the speaker of an earlier quotation."""
    q = ctx.quotes[i]
    para = ctx.paragraphs[q.paragraph]
    if q.start == para.start:
        return None
    sentences = ctx.sentences_in(para)
    sentence_start = next((s.start for s in reversed(sentences) if s.start < q.start - 1), para.start)
    if i > 0 and ctx.quotes[i - 1].end > sentence_start:
        return None  # the sentence before holds a quotation of its own
    if not ctx.text[sentence_start : q.start].rstrip().endswith((".", "!", "?")):
        return None
    tokens = ctx.narration_tokens(sentence_start, q.start)
    all_phrases = ctx.narration_phrases(sentence_start, q.start)
    phrases = [p for p in all_phrases if _can_be_subject(tokens, p)]
    opening = _opening_clause_end(tokens)
    if opening is None and tokens and tokens[0].tag == "IN":
        # ("Across the river, Ruiz (D-Elmford) tweeted …"): the first comma a name follows
        opening = next((k for k, t in enumerate(tokens) if t.tag in (",", "P", ":")), None)
        if opening is not None and (tokens[opening].tag != "," or not any(p.first == opening + 1 and p.kind in ("NAME", "TITLED", "POSSD") for p in all_phrases)):
            opening = None
    if opening is not None:
        phrases = [p for p in phrases if p.first > opening]
    if not phrases or phrases[0].first != (0 if opening is None else opening + 1) or phrases[0].kind not in ("NAME", "TITLED", "POSSD", "PRON"):
        p = None
    else:
        p = phrases[0]
        v = _past_apposition(tokens, p.last + 1)
        if not any(_speech_verb(t, leading=True) for t in tokens[v : v + 3]):
            p = None
    if p is None:
        # 'The group will watch the case, Ruiz says. “…”': the cue closes the sentence
        closing = _comma_clause_cue(ctx, (sentence_start, q.start))
        if closing is None or closing.phrase is None or closing.phrase.kind not in ("NAME", "TITLED", "POSSD", "PRON"):
            return None
        p = closing.phrase
    if p.kind == "PRON":
        if p.text.lower() not in _SUBJECT_PRONOUNS:
            return None
        antecedent = resolve_pronoun(ctx, p, i)
        return Attribution("narration_subject", 0.5, phrase=p, antecedent=antecedent) if antecedent else None
    from .speakers import is_personal

    return Attribution("narration_subject", 0.5, phrase=p) if is_personal(ctx, p) else None


def _past_apposition(tokens: list[Token], k: int) -> int:
    """The token after a parenthesis ("(D-Elmford)") and an appositive set off by commas (", a
    councillor who …,") that begin at ``k`` — where the verb of the phrase before them stands."""
    if k < len(tokens) and tokens[k].word == "(":
        k = next((j + 1 for j in range(k + 1, min(len(tokens), k + 10)) if tokens[j].word == ")"), k)
    if k < len(tokens) and tokens[k].tag == ",":
        k = next((j + 1 for j in range(k + 1, min(len(tokens), k + 25)) if tokens[j].tag in (",", "P", ":")), k)
    return k


_SUBJECT_KINDS = ("partial", "term", "speech")
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})
_COPULAS = frozenset("is was are were be been being seems seemed remains remained becomes became".split())


def _sentence_subject(ctx: Context, i: int, window: tuple[int, int] | None = None) -> Attribution | None:
    """News: "Ada Ruiz has minted a fresh insult, “…”", "She also referenced the “…”": words
    quoted inside a sentence with no speech verb are the words of the subject of the clause
    they stand in — the sentence's first phrase (after an opening adverbial and its comma), or
    the subject of a later clause ("…, while Ruiz calls him “…”"). ``window``: the sentence,
    if not the one the quotation stands in."""
    start, end = window or ctx.leading_window(i)[:2]
    tokens = ctx.narration_tokens(start, end)
    if not tokens:
        return None
    opening = _opening_clause_end(tokens)
    all_phrases = ctx.narration_phrases(start, end)
    if opening is None and (tokens[0].tag == "IN" or tokens[0].word.lower().endswith(("ing", "ed"))):
        opening = _opening_phrase_end(tokens, all_phrases)  # (or a participle: "Speaking to …, ")
    phrases = [
        p for p in all_phrases
        if _can_be_subject(tokens, p) and not _dateline(tokens, p) and (opening is None or p.first > opening)
    ]
    if not phrases:
        return None
    n = len(tokens)
    chosen = None
    for p in reversed(phrases):
        before = tokens[p.first - 1] if p.first > 0 else None
        after = tokens[p.last + 1] if p.last + 1 < n else None
        if after is None:
            continue
        verb = next((t for t in tokens[p.last + 1 :] if t.tag == "W" and t.word.lower() not in ADVERBS), None)
        if verb is None or verb.word.lower() in _COPULAS:
            continue  # "Ruiz is the “safe choice”": a description of the subject, not its words
        if p is phrases[0] and (before is None or before.tag == "," and not any(t.tag in ("P", ":") for t in tokens[opening or 0 : p.first])):
            if after.tag in ("W", ",", "VSAY"):
                chosen = p
            break
        if before is not None and before.word.lower() in _CLAUSE_SUBJECT_OPENERS and after.tag in ("W", "VSAY"):
            chosen = p  # a later clause with its own subject
            break
        if (
            before is not None and before.tag == "NNPS" and p.kind in ("NAME", "TITLED") and after.tag in ("W", "VSAY")
            and all(t.tag in ("DT", "NNP", "NNPS") for t in tokens[(opening + 1 if opening is not None else 0) : p.first])
        ):
            chosen = p  # "The Ledger’s Ada Ruiz sees the plan as “…”": the person, not her paper
            break
    if chosen is None:
        return None
    p = chosen
    from .speakers import _full_names_in_text, is_personal, written_as_a_name

    if p.kind == "PRON":
        if p.text.lower() not in _SUBJECT_PRONOUNS:
            return None
        antecedent = resolve_pronoun(ctx, p, i)
        if antecedent is None:
            return None
        return Attribution("narration_subject", 0.45, phrase=p, antecedent=antecedent)
    if not is_personal(ctx, p) and not (p.kind in ("DESC", "ORG") and ctx.kinds and ctx.kinds[i] != "term" and _source_description(p)):
        return None
    if p.first == 0 and p.kind == "NAME" and " " not in p.head and not written_as_a_name(ctx, p.head) and not _full_names_in_text(ctx, p.head):
        return None  # "Nevertheless, …", "Senior advisers …": a capitalised opening word (not a
        # surname the text gives with a first name elsewhere: "Ada Ruiz … Ruiz credited …")
    return Attribution("narration_subject", 0.45, phrase=p)


def _source_description(p: Phrase) -> bool:
    """News: "The agency declined to detail the “…”", "the statement talked about “…”": a
    description of an organisation, a group or a document whose words the sentence quotes."""
    last = p.text.lower().split()[-1]
    lex = lexicon()
    return last in lex.org_words or last in lex.group_nouns or last in lex.speech_nouns


_CLAUSE_SUBJECT_OPENERS = frozenset("and but while although though whereas".split())


# -- 5. continuation: a quotation right after an attributed one -------------------------------
def continuation(ctx: Context, i: int) -> Attribution | None:
    q = ctx.quotes[i]
    if not ctx.fiction and ctx.kinds and ctx.kinds[i] in _SUBJECT_KINDS:
        att = _sentence_subject(ctx, i) if _embedded(ctx, i) else _cue_sentence_before(ctx, i)
        if att is None:
            # 'Ruiz released the following statement:' / '“…”': the sentence the colon ends
            colon = _colon_window(ctx, i)
            if colon is not None and ctx.text[colon[1] - 1] == ":":
                att = _sentence_subject(ctx, i, colon)
        if att is not None:
            return att
    j = i - 1
    # a title or a scare-quoted term in the narration between two statements ("…," Ames said
    # on "Meet the Voters". "…") does not interrupt the speaker
    while j >= 0 and ctx.attributions[j] is None and ctx.kinds and ctx.kinds[j] in ("title", "term"):
        if ctx.quotes[j].paragraph != q.paragraph:
            break
        j -= 1
    if j < 0 or ctx.attributions[j] is None:
        return None
    prev = ctx.quotes[j]
    prev_para = ctx.end_paragraph(j)
    if q.paragraph == prev_para:
        nearer = None if ctx.fiction else _named_again_before(ctx, i, j)
        if nearer is not None:
            return Attribution("continuation", 0.8, phrase=nearer)
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


def _named_again_before(ctx: Context, i: int, j: int) -> Phrase | None:
    """News: '“…,” says Ada Ruiz. Ruiz backs the plan. “…”': the speaker of quotation ``j``
    named again as the subject of the sentence right before quotation ``i`` — the words rest
    on that nearer mention."""
    q = ctx.quotes[i]
    if _embedded(ctx, i):
        return None
    para = ctx.paragraphs[q.paragraph]
    start = next((s.start for s in reversed(ctx.sentences_in(para)) if s.start < q.start - 1), para.start)
    if ctx.quotes[j].end > start or not ctx.text[start : q.start].rstrip().endswith((".", "!", "?")):
        return None
    phrases = ctx.narration_phrases(start, q.start)
    if not phrases or phrases[0].first > 0 or phrases[0].kind not in ("NAME", "TITLED", "POSSD"):
        return None
    key = _key_of(ctx, j)
    return phrases[0] if key and _key(phrases[0]) == key else None


def _has_own_cue(ctx: Context, i: int) -> bool:
    start, end = ctx.trailing_window(i)
    return any(t.tag == "VSAY" for t in ctx.narration_tokens(start, end))


# -- 6. turn-taking in fiction dialogue ---------------------------------------------------------
_VOCATIVE_NAME = (
    r"((?:(?:Mr|Mrs|Miss|Ms|Dr|Sir|Lady|Lord)\.?\s+)?[A-Z][a-z]+"
    r"(?:\s(?!(?:Mr|Mrs|Miss|Ms|Dr|Sir|Lady|Lord)\b)[A-Z][a-z]+(?=[,!?]))?)(?=[,!?.]\s*(?:$|\w))"
)
# "my Ada, …", "dear Tom!", "my dearest Ada,": a name called with an endearment before it
_DEAR = r"(?:(?:[Mm]y\s+)?[Dd]ear(?:est)?\s+|[Mm]y\s+)?"
_VOCATIVE = re.compile(r"(?:^|[,!?]\s+)" + _DEAR + _VOCATIVE_NAME)  # "Lizzy, …", "…, Mr. Pobble!", "Well, Osric Vane, …"
# its two ways in, apart: a name at the very start, and one after a mark. The second opens
# with a class of marks, which ``re`` skips to directly (the choice with ``^`` makes it try
# every position): see vocative_matches
_VOCATIVE_AT_START = re.compile(_DEAR + _VOCATIVE_NAME)
_VOCATIVE_AFTER_MARK = re.compile(r"[,!?]\s+" + _DEAR + _VOCATIVE_NAME)
_NAME_THEN_MARK = re.compile(r"[A-Z][a-z]+[,!?.]")  # in every match of _VOCATIVE


def vocatives(ctx: Context, i: int) -> list[re.Match]:
    """The matches of :data:`_VOCATIVE` (names called) in quotation ``i``'s words, memoised
    per document: the sieves and the ranker ask about the same turns. Most quotations have
    no capitalised word before a comma or a stop, which a quicker pattern tells."""
    found = ctx._vocatives.get(i)
    if found is None:
        inner = ctx.inner(i)
        found = ctx._vocatives[i] = vocative_matches(inner) if _NAME_THEN_MARK.search(inner) else []
    return found


def vocative_matches(text: str) -> list[re.Match]:
    """What ``list(_VOCATIVE.finditer(text))`` finds (same spans and groups): a match at the
    start (``^`` holds there only), then the matches after a mark from where it ends."""
    first = _VOCATIVE_AT_START.match(text)
    if first is None:
        return list(_VOCATIVE_AFTER_MARK.finditer(text))
    return [first, *_VOCATIVE_AFTER_MARK.finditer(text, first.end())]


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
            if back > 2:
                # the last speaker spoke the turn before too, narration between: the one that
                # narration names beside them answers, not someone of an earlier exchange
                # ('“…,” said Ada. “…,” said Tom. Mary did not answer; Tom asked again, “…” / “…”')
                found = _named_between(ctx, q.paragraph - 1, q.paragraph - back, root_phrase(ctx, prev1))
                if found is not None and _key(found) != key and _key(found) not in called:
                    return Attribution("turn_taking", 0.4, phrase=found)
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


def _named_between(ctx: Context, last: int, stop: int, speaker: Phrase | None) -> Phrase | None:
    """The person other than ``speaker`` the narration of paragraphs ``last`` down to (not
    including) ``stop`` names last, if any."""
    for p_index in range(last, stop, -1):
        found = _other_person_in(ctx, p_index, speaker)
        if found is not None:
            return found
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
        # (the cheap tests on the tokens first: is_personal may scan the text for a word)
        if p.kind in ("PRON", "DESC") or not _can_be_subject(tokens, p):
            continue
        if speaker is not None and _key(p) == _key(speaker):
            continue
        if not is_personal(ctx, p):
            continue
        return p
    return None


def _last_quote_in(ctx: Context, para: int) -> int | None:
    if para < 0:
        return None
    quotes = ctx.quotes_in_paragraph(para)
    return quotes[-1] if quotes else None


def addressee(ctx: Context, i: int) -> Phrase | None:
    """The person the previous turn addressed by name ("…, Mrs. Pell?"), if quotation ``i``
    opens the next paragraph of a dialogue."""
    if not ctx.fiction:
        return None
    q = ctx.quotes[i]
    if q.start != ctx.paragraphs[q.paragraph].start:
        return None
    stop = lexicon().stop_capitals
    found: list[tuple[int, Phrase]] = []
    for prev in ctx.quotes_in_paragraph(q.paragraph - 1):  # every piece of the last turn
        inner_start = ctx.quotes[prev].inner_start
        for m in vocatives(ctx, prev):
            name = m.group(1)
            if name not in ctx.name_words() and (name.lower() in stop or name.split()[-1].lower() in stop or name.split()[0].lower() in stop):
                continue
            s = inner_start + m.start(1)
            p = Phrase("NAME", s, s + len(name), name, name, s, s + len(name), None, 0, 0)
            evidence = _name_evidence(ctx, name)
            if evidence == 2 and (common_word(ctx, name) or not written_as_a_name(ctx, name)):  # (the set look-up first)
                continue  # "Elp! Elp!", "Ostria, or America?", "Good, good!": no one's name
            if evidence == 0 or is_personal(ctx, p):
                found.append((evidence, p))
    # "Lauk, Mr. Pobble!": the honorific name, or a known name, before an exclamation
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


_BODY_PARTS = frozenset(
    "head heads face faces eyes eye hand hands lips mouth arm arms shoulder shoulders brow cheek cheeks "
    "heart fingers finger nose chin feet foot".split()
)


def _body_part(p: Phrase) -> bool:
    """ "his head", "the face": a part of someone, not someone."""
    return p.kind == "DESC" and p.text.lower().split()[-1] in _BODY_PARTS


# "in a low voice", "with a faint smile", "in an altered tone": the manner of speaking
_MANNER_NOUNS = frozenset(
    "voice voices tone tones whisper whispers accent accents manner air smile smiles glance glances look "
    "looks laugh sigh shrug nod frown grin sneer gesture emphasis way breath".split()
)


def _with_modifier(ctx: Context, tokens: list[Token], p: Phrase, closers: tuple[str, ...] = (",", "P", ":")) -> Phrase:
    """Fiction: "said the woman with the red umbrella," — a description with its modifier is how
    a novel names a minor character; the modifier closes the clause."""
    k = p.last + 1
    if k >= len(tokens) or tokens[k].word.lower() not in ("with", "in", "of", "from"):
        return p
    j = k + 1
    determined = j < len(tokens) and tokens[j].tag in ("DT", "PRP$")
    if determined:
        j += 1
    start_words = j
    while j < len(tokens) and j - start_words < 3 and tokens[j].tag in ("W", "ROLE", "NNP") and tokens[j].word.isalpha():
        j += 1
    if j == start_words or (j < len(tokens) and tokens[j].tag not in closers) or (j == len(tokens) and "VSAY" in closers):
        return p
    last = tokens[j - 1]
    if last.word.lower() in _MANNER_NOUNS:
        return p  # "said the clerk in a low voice": how it was said, not who said it
    if not determined and not (last.word.endswith("s") and not last.word.endswith("ss")):
        return p  # "said the nurse with great earnestness", "in conclusion": a manner too
    text = ctx.text[p.start : last.end]
    return Phrase("DESC", p.start, last.end, text, text, p.start, last.end, p.role, p.first, j - 1)


def _name_description(ctx: Context, i: int, att: Attribution) -> None:
    """In a dialogue, "replied the nurse" after "…, Mrs. Pell?" names the nurse (not "the
    woman with the red umbrella": a description that specific is the character's own name)."""
    if not ctx.fiction or att.phrase is None or att.phrase.kind != "DESC" or att.antecedent is not None:
        return
    words = " ".join(att.phrase.text.lower().split())
    if " with " in words or " in " in words or " of " in words or " from " in words:
        return
    if _capitalised_description(att.phrase.text):
        return  # "said the Grey Rider": the book's name for the character, no one else's
    kin = _kin_by_surname(ctx, i, att.phrase) or _the_other(ctx, i, att.phrase) or _owners_partner(ctx, i, att.phrase) or _latter_or_former(ctx, i, att.phrase) or _demonstrated(ctx, i, att.phrase)
    if kin is not None:
        att.antecedent = kin
        return
    if _titled_in_text(ctx, att.phrase):
        return  # "the general" of a novel with a General Drummond: the speakers' join names him
    apposed = _named_in_apposition(ctx, att.phrase)
    if apposed is not None:
        att.antecedent = apposed
        return
    p = addressee(ctx, i)
    if p is not None and not too_old(words, p.text):
        att.antecedent = p
        return
    # "the girl", "the doctor": the character of the scene who fits, among the last speakers
    gender = phrase_gender(ctx, att.phrase)
    if gender in ("m", "f") and ctx.quotes[i].start == ctx.paragraphs[ctx.quotes[i].paragraph].start:
        # "Mr. Hale was shown in." / "“…,” said the gentleman": the one who just came in
        newcomer = _newcomer_before(ctx, i, ctx.quotes[i].paragraph, gender)
        if newcomer is not None and not _told_apart(ctx, i, words, newcomer):
            att.antecedent = newcomer
            return
    partner = _conversation_partner(ctx, i, gender if gender in ("m", "f") else "?", named_only=True, by_paragraph=True, described=words)
    if partner is None or _introduced_just_before(ctx, att.phrase, words):
        return  # ("a fat gentleman jumped out … 'Bless me!' cried the fat gentleman": someone new)
    if not _told_apart(ctx, i, words, partner):
        att.antecedent = partner


def _capitalised_description(text: str) -> bool:
    """ "the Invisible Man", "the Grey Lady": a description every word of which after the
    article is capitalised, as a name is."""
    words = text.split()
    return len(words) > 1 and words[0].lower() == "the" and all(w[:1].isupper() for w in words[1:])


_SENTENCE_BOUND = re.compile(r"[.!?](?<!\bmr.)(?<!\bmrs.)(?<!\bms.)(?<!\bdr.)(?<!\bst.)['\"’”)]*\s|\n\s*\n|[\"“”]")
# (in lower-cased text: "Mr." ends no sentence; a semicolon joins clauses of one sentence; the
# mark comes first, so the pattern is tried only at marks)
TOLD_APART_REACH = 3  # paragraphs (the quotation's and those before) searched


def _told_apart(ctx: Context, i: int, words: str, p: Phrase) -> bool:
    """Fiction: one sentence of the recent narration speaks of both the description and the
    named character ("Tom thought the old farmer had to be a miser"): two people."""
    name = p.text.split()[-1].lower() if p.text.split() else ""
    if not name:
        return False
    para = ctx.quotes[i].paragraph
    text = ctx.text
    noun = words.split()[-1] if words.split() else ""
    for k in range(para, max(-1, para - TOLD_APART_REACH), -1):
        P = ctx.paragraphs[k]
        stop = min(P.end, ctx.quotes[i].start) if k == para else P.end
        raw = text[P.start : stop].lower()
        if noun not in raw:
            continue  # (the description's last word is in the paragraph if it is)
        chunk = " ".join(raw.split())
        if words not in chunk:
            continue  # (each sentence is a piece of the chunk)
        for sentence in _SENTENCE_BOUND.split(chunk):
            if words in sentence and re.search(rf"\b{re.escape(name)}\b", sentence):
                return True
    return False


INTRODUCTION_REACH = 1500  # characters before a description where "a …" introduces it


def _introduced_just_before(ctx: Context, desc: Phrase, words: str) -> bool:
    """Fiction: the narration introduced the description's person a little before its cue
    with "a" or "an" ("there jumped out a fat gentleman"): a new character of the scene, not
    one named earlier."""
    if not words.startswith("the "):
        return False
    rest = words[4:]
    if not rest:
        return False
    return article_before(ctx.text, rest.split(), max(0, desc.start - INTRODUCTION_REACH), desc.start)


# a relative named by kinship, and the honorific the relative shares the family name under
_KIN = {"mother": "Mrs", "wife": "Mrs", "father": "Mr", "husband": "Mr", "daughter": "Miss", "sister": "Miss", "brother": "Mr"}
_KIN_PHRASE = re.compile(r"(his|her)\s+(?:[a-z]+\s+)?([a-z]+)", re.I)  # ("her philosophic mother", "his new companion")


def _kin_by_surname(ctx: Context, i: int, desc: Phrase) -> Phrase | None:
    """Fiction: "said her father", "cried his wife" — a parent or spouse shares the family
    name: "her father", of Ada Hale, is Mr. Hale, when the text has a Mr. Hale (and he is not
    the one whose father he would be). "Her" is the woman the paragraph's narration names
    before the cue, else the last woman who spoke."""
    m = _KIN_PHRASE.fullmatch(" ".join(desc.text.split()))
    if m is None or m.group(2).lower() not in _KIN:
        return None
    hon = _KIN[m.group(2).lower()]
    want = "m" if m.group(1).lower() == "his" else "f"
    owner = _antecedent_in(ctx, ctx.paragraph_at(desc.start), desc.start, want) or _recent_speaker(ctx, i, want)
    if owner is None or owner.kind not in ("NAME", "TITLED", "POSSD"):
        return None
    from .speakers import _surname_for_first, parse_name

    ref = parse_name(owner)
    if ref.kind != "person" or not ref.last:
        return None
    surname = ref.last
    if not ref.first and not ref.hon and surname.lower() in lexicon().first_names:
        found = _surname_for_first(ctx, surname)
        if found is None:
            return None
        surname = found[0]
    if ref.hon and ref.text.replace(".", " ").split()[0].lower() == hon.lower():
        return None  # Mrs. Hale's mother is no Mrs. Hale the text would name so
    if not _has_spoken(ctx, i, hon, surname):
        return None  # (a stepson's "his father" is no Mr. of his name who never speaks)
    # the nearest "Mr. Hale" before the quotation (searched backwards from it: quicker than
    # a pattern over the whole text)
    text = ctx.text
    rx = re.compile(rf"\b{hon}\.?\s+$")
    pos = ctx.quotes[i].start
    while (pos := text.rfind(surname, 0, pos)) > 0:
        end = pos + len(surname)
        if not text[end : end + 1].isalnum():
            hon_m = rx.search(text, max(0, pos - len(hon) - 4), pos)
            if hon_m is not None:
                name = text[hon_m.start() : end]
                return Phrase("TITLED", hon_m.start(), end, name, name, hon_m.start(), end, None, 0, 0)
    return None


_THE_OTHER = re.compile(r"the\s+other(?:\s+([a-z]+))?", re.I)


def _the_other(ctx: Context, i: int, desc: Phrase, lookback: int = 8) -> Phrase | None:
    """Fiction: "“…,” said the other" — of the two who are talking, the one who did not
    speak last: the latest earlier speaker who is not the last one (of the noun's gender,
    "the other man")."""
    m = _THE_OTHER.fullmatch(" ".join(desc.text.split()))
    if m is None:
        return None
    want = phrase_gender(ctx, desc) if m.group(1) else "?"
    last: Phrase | None = None
    for p in _recent_speakers(ctx, i, lookback):
        if p is None:
            return None
        if last is None:
            last = p
            named = _named_since(ctx, i)
            if named is not None and _key(named) != _key(last) and (want not in ("m", "f") or phrase_gender(ctx, p) in ("?", want)):
                return last  # "“…,” said Ada. Tom only nodded. “…,” replied the other": not Tom
        elif _key(p) != _key(last):
            if want in ("m", "f") and phrase_gender(ctx, p) not in ("?", want):
                return None
            return p
    return None


_LATTER = re.compile(r"the\s+(latter|former)", re.I)


def _latter_or_former(ctx: Context, i: int, desc: Phrase) -> Phrase | None:
    """Fiction: "Ada Finch and Mary Quill met them at the gate. “…,” said the latter" — the
    last of the people the narration just named (the former: the one before), in the
    paragraph before the cue or, failing two there, the paragraph before it."""
    m = _LATTER.fullmatch(" ".join(desc.text.split()))
    if m is None:
        return None
    want = 0 if m.group(1).lower() == "latter" else 1
    before = min(desc.start, ctx.quotes[i].start)
    para = ctx.paragraph_at(before)
    people: list[Phrase] = []
    for p_index in (para, para - 1):
        if p_index < 0:
            break
        tokens, phrases = ctx.paragraph_narration(p_index, before if p_index == para else None)
        for p in reversed(phrases):
            if p.start >= before or p.kind not in ("NAME", "TITLED", "DESC") or _body_part(p) or not is_personal(ctx, p):
                continue
            if all(_key(p) != _key(q) for q in people):
                people.append(p)
            if len(people) > want:
                return people[want]
    return None


DEMONSTRATIVE_REACH = 3  # paragraphs searched back for the person "this gentleman" points at


def _demonstrated(ctx: Context, i: int, desc: Phrase) -> Phrase | None:
    """Fiction: "the features of Tom Hale. “…,” said this worthy" — a description with "this"
    or "that" points back at the person the narration named last (of its gender, when the
    noun has one), not at someone of the conversation."""
    words = desc.text.split()
    if len(words) < 2 or words[0].lower() not in ("this", "that"):
        return None
    gender = phrase_gender(ctx, desc)
    before = min(desc.start, ctx.quotes[i].start)
    para = ctx.paragraph_at(before)
    for p_index in range(para, max(-1, para - DEMONSTRATIVE_REACH), -1):
        tokens, phrases = ctx.paragraph_narration(p_index, before if p_index == para else None)
        for p in reversed(phrases):
            if p.start >= before or p.kind not in ("NAME", "TITLED", "DESC") or not is_personal(ctx, p):
                continue
            if p.kind == "DESC" and (tokens[p.first].tag == "PRP$" or _body_part(p) or p.text.split()[0].lower() in ("this", "that")):
                continue  # ("his hat", "her face": someone else's; "that lady": the same pointer)
            if gender in ("m", "f") and phrase_gender(ctx, p) not in (gender, "?"):
                continue
            return p
    return None


def _named_since(ctx: Context, i: int) -> Phrase | None:
    """The person the narration names as a subject between the quotation before ``i`` and
    ``i`` (in ``i``'s paragraph, or the paragraph before when ``i`` opens its own)."""
    q = ctx.quotes[i]
    start = ctx.quotes[i - 1].end if i > 0 else 0
    start = max(start, ctx.paragraphs[max(0, q.paragraph - 1)].start)
    if start >= q.start:
        return None
    tokens = ctx.narration_tokens(start, q.start)
    for p in reversed(ctx.narration_phrases(start, q.start)):
        if p.kind in ("NAME", "TITLED") and _can_be_subject(tokens, p) and is_personal(ctx, p):
            return p
    return None


_THE_TITLE = re.compile(r"the\s+([a-z]+)", re.I)


def _titled_in_text(ctx: Context, desc: Phrase) -> bool:
    """ "the general", "the doctor": a title the text also writes before a name ("General
    Drummond", "Doctor Kestrel") — then the title names that character, whoever spoke last."""
    m = _THE_TITLE.fullmatch(" ".join(desc.text.split()))
    if m is None or lexicon().honorifics.get(m.group(1).lower()) != "?":
        return False  # (a title of rank or office; "the lady" is anyone's)
    title = m.group(1).lower()
    found = _titles_memo.get(title)
    if found is None:
        found = _titles_memo[title] = _written_before_a_name(ctx.text, title.capitalize())
    return found


def _named_in_apposition(ctx: Context, desc: Phrase) -> Phrase | None:
    """ "the beadle" of a novel that writes "Mr. Pobble, the beadle,": the one character the
    text gives that role in apposition, whoever spoke last."""
    from .speakers import apposed_name

    m = _THE_TITLE.fullmatch(" ".join(desc.text.split()))
    span = apposed_name(ctx, m.group(1).lower()) if m is not None else None
    if span is None:
        return None
    start, end = span
    text = ctx.text[start:end]
    kind = "TITLED" if lexicon().honorifics.get(text.split()[0].rstrip(".").lower()) else "NAME"
    return Phrase(kind, start, end, text, text, start, end, None, 0, 0)


def _written_before_a_name(text: str, word: str) -> bool:
    """Whether ``word`` stands somewhere right before a capitalised word ("General Drummond")."""
    pos = -1
    while (pos := text.find(word, pos + 1)) >= 0:
        if pos and text[pos - 1].isalnum():
            continue
        rest = text[pos + len(word) : pos + len(word) + 3]
        if len(rest) == 3 and rest[0].isspace() and rest[1].isupper() and rest[2].islower():
            return True
    return False


_titles_memo: dict[str, bool] = document_memo()


# someone defined by being with the possessive's owner: "her friend", "his visitor"
_INTERLOCUTORS = frozenset(
    "friend companion visitor guest host hostess partner neighbour neighbor interlocutor hearer "
    "listener caller questioner informant escort".split()
)


def _owners_partner(ctx: Context, i: int, desc: Phrase, lookback: int = 8) -> Phrase | None:
    """Fiction: "said her friend", "replied his visitor" — someone talking with the owner
    of the possessive: the latest speaker who is not that owner (the owner: the person of that
    gender the paragraph names before the cue, else the last to speak)."""
    m = _KIN_PHRASE.fullmatch(" ".join(desc.text.split()))
    if m is None or m.group(2).lower() not in _INTERLOCUTORS:
        return None
    want = "m" if m.group(1).lower() == "his" else "f"
    owner = _antecedent_in(ctx, ctx.paragraph_at(desc.start), desc.start, want) or _recent_speaker(ctx, i, want)
    if owner is None:
        return None
    gender = phrase_gender(ctx, desc)
    for j in range(i - 1, max(-1, i - lookback), -1):
        if ctx.attributions[j] is None:
            continue
        p = root_phrase(ctx, j)
        if p is None or p.kind in ("NARRATOR", "PRON") or _key(p) == _key(owner):
            continue
        if gender in ("m", "f") and phrase_gender(ctx, p) not in (gender, "?"):
            continue
        return p
    return None


def _has_spoken(ctx: Context, i: int, hon: str, surname: str) -> bool:
    """Whether a cue before quotation ``i`` named "Mr./Mrs. <surname>" as its speaker."""
    from .speakers import parse_name

    for att in reversed(ctx.attributions[:i]):
        if att is None or att.same_as is not None:
            continue
        p = att.antecedent or att.phrase
        if p is None or p.kind != "TITLED" or surname not in p.head:
            continue  # (a surname is one of the words of the head parse_name gives it)
        ref = parse_name(p)
        if ref.last == surname and not ref.first and ref.text.replace(".", " ").split()[0].lower() == hon.lower():
            return True
    return False


def reported_before(ctx: Context, i: int) -> Attribution | None:
    """News, last resort: a paragraph that is only a quotation, after a paragraph of narration
    whose last sentence reports someone speaking ("Ruiz was careful to add that the ferry stays.")
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
    # the person the last turn calls by name answers, before the alternation of turns says who
    ("vocative", vocative),
    ("turn_taking", turn_taking),
]


def run_sieves(ctx: Context, kinds: list[str], sieves: list[tuple[str, Sieve]] | None = None) -> None:
    """Attribute every quotation in order; titles are never attributed."""
    for i in range(len(ctx.quotes)):
        if kinds[i] == "title" or ctx.fiction and kinds[i] == "term" and not _broken_off(ctx, i):
            continue
        if ctx.quotes[i].continues and ctx.attributions[i - 1] is not None:
            # a later paragraph of one long quotation: its speaker goes on (unless its own cue
            # says who, as the last paragraph's often does)
            att = trailing_cue(ctx, i) or (None if ctx.fiction else _trailing_pronoun(ctx, i)) or Attribution("continuation", 0.95, same_as=i - 1)
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


def unattribute_terms(ctx: Context, kinds: list[str]) -> None:
    """Fiction: the words the narrator quotes ("the “grand tour”") have no speaker; of its
    short quotations only speech someone broke off ("I'll--") keeps one."""
    if not ctx.fiction:
        return
    for i, kind in enumerate(kinds):
        if kind == "term" and not _broken_off(ctx, i):
            ctx.attributions[i] = None


def _broken_off(ctx: Context, i: int) -> bool:
    """Cut off mid-word: a gap before the closing mark ("I'll ”) or a dash after it ("I'll”--)."""
    q = ctx.quotes[i]
    return ctx.text[q.inner_end - 1 : q.inner_end].isspace() or ctx.text[q.end : q.end + 1] in ("-", "—", "–")


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
                if not ctx.fiction and k == i and att is not None and att.same_as is not None and att.same_as < i:
                    continue  # news: '“…,” Ruiz said. “…' opens the run: Ruiz's, whatever cue ends it
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
        elif att.sieve == "trailing_cue" and kinds[i + 1] in ("term", "title") and _same_clause(ctx, q.end, nxt.start):
            # 'did not see “damage of any kind,” aside from the boats rubbing each other “lightly,”
            # said Ruiz': a scare-quoted term between a quotation and the cue of their sentence
            ctx.attributions[i] = Attribution("continuation", 0.7, same_as=i + 1)


def _same_clause(ctx: Context, start: int, end: int) -> bool:
    """Narration between two quotations with no sentence end and no speech verb in it."""
    if next(sentence_ends(ctx.text, start, end), None) is not None:
        return False
    return not any(t.tag == "VSAY" for t in ctx.narration_tokens(start, end))


INFERRED = frozenset({"turn_taking", "continuation", "vocative", "narration_subject"})


def _called(ctx: Context, i: int) -> set[str]:
    """Last words of the names quotation ``i`` addresses ("…, Mr. Ashcombe, …")."""
    found = vocatives(ctx, i)
    if not found:
        return set()  # (most quotations call no one)
    stop = lexicon().stop_capitals
    called = {
        m.group(1).replace(".", "").split()[-1].lower()
        for m in found
        if m.group(1).lower() not in stop or m.group(1) in ctx.name_words()
    }
    if ctx.fiction:
        for m in found:
            words = m.group(1).split()
            if len(words) == 2 and words[0] == "Miss":
                first = _the_one_woman_named(ctx, words[1])
                if first is not None:
                    called.add(first.lower())  # "Miss Penrose" calls Clara (Penrose)
    return called


def _the_one_woman_named(ctx: Context, surname: str) -> str | None:
    """The first name of the one woman the text names in full with ``surname``, if one."""
    from .speakers import _full_names_in_text

    firsts = {first for first, _ in _full_names_in_text(ctx, surname)}
    names = lexicon().first_names
    if len(firsts) == 1:
        first = next(iter(firsts))
        if names.get(first.split()[0].lower()) == "f":
            return first.split()[0]
    return None


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
            k = _key(p)
            counts[g][k] += 1
            best.setdefault(g + k, p)
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
