"""A learned ranker of candidate speakers for fiction dialogue.

The sieves attribute a quotation from its cue ("…," said Emma) or, failing one, from the
order of turns. Where the cue is only a pronoun ("he said"), a description ("said the
girl") or nothing at all, this module re-decides among candidate speakers: the speakers of
the turns around the quotation, the people the narration names nearby, the person a turn
addresses by name, the most frequent speaker of each gender in the book and in the scene.
Each candidate gets a few structural features (turn distance, where the narration names it,
gender agreement with the cue, …); a linear model trained on gold-annotated novels
(``bench/train_ranker.py``) scores them, and the best one speaks. Its weights ship as
``data/ranker.json``; a weight may be shared or specific to one kind of cue.

Nothing here names a character: features are positions, turns, genders and counts.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from .context import Attribution, Context, last_sentence_end
from .lexicon import lexicon
from .phrases import Phrase
from .sieves import _leading_match, _trailing_match, vocatives
from .speakers import (
    _bigram_index,
    _drop_common_words,
    _full_names_in_text,
    _honorific_index,
    _surname_for_first,
    is_personal,
    parse_name,
    phrase_gender,
    root_phrase,
)

# quotations the ranker re-decides, by the sieve that attributed them (and see _rerankable)
RERANKED = frozenset({"pronoun", "turn_taking", "narration_subject", "vocative", "speech_noun"})
EXPLICIT = frozenset({"NAME", "TITLED", "POSSD"})
# the kinds of cue: he / she; a description; none, or none but a he / she in the narration
# of the quotation's own paragraph
CUES = ("m", "f", "desc", "none", "nm", "nf")
HISTORY = 4  # quotation paragraphs looked back
FAR_BACK = 3  # paragraphs of narration looked back for a candidate of the cue's gender
LOCAL = 40  # quotations that make "the scene" for local speaker counts
LOCAL_SOME = 5  # fewer of them than this: "spoke a few times in the scene"
NARRATOR = "<narrator>"

FEATURES: tuple[str, ...] = (
    "bias",
    # the rules' own choice, by the sieve that made it
    "rule",
    "rule_pronoun",
    "rule_pronoun_here",  # the pronoun's antecedent is in the quotation's paragraph
    "rule_pronoun_near",  # … or in one of the two before
    "rule_turn_taking",
    "rule_narration_subject",
    "rule_vocative",
    "rule_speech_noun",
    "rule_cue",
    # a description as cue: the description itself, or whom the rules tied it to
    "desc_self",
    "desc_self_capitalised",
    "rule_resolved",
    # turns: the speaker of the last quotation 1-4 paragraphs back, of the next two
    "prev1",
    "prev2",
    "prev3",
    "prev4",
    "prev1_named",  # … whose cue named them
    "prev2_named",
    "next1",
    "next2",
    "next1_named",
    "next2_named",
    # a man and a woman talking: of the last two speakers, the one of the cue's gender
    "pair_last",  # … who spoke last (narration came between their words)
    "pair_other",  # … who spoke before the last one
    # names inside quotations
    "addressed_before",  # the turn before calls them by name
    "addressed_after",  # the turn after calls them by name
    "self_vocative",  # this quotation calls them by name (nobody addresses themselves)
    "named_inside",  # this quotation names them (people rarely name themselves)
    # names in the narration
    "ment_before",  # in the quotation's paragraph, before it
    "ment_before_subject",  # … opening a sentence
    "ment_after",
    "ment_after_subject",
    "ment_addressed",  # … after "to" or "at" ("turning to Ada", "looking at Tom"): spoken to
    "ment_p1_addressed",  # … in the paragraph before: the one spoken to answers
    "ment_p1",  # in the paragraph before
    "ment_p1_subject",
    "ment_p1_narration",  # … which has no quotation
    "ment_last",  # in the last sentence of narration before the quotation (no quotation between);
    # a description counts there too once it is a candidate ("The old sailor frowned.")
    "ment_last_subject",  # … opening it
    # gender against the cue's (he / she, a description's role noun, the narration's he / she)
    "g_agree",
    "g_clash",
    "g_unknown",
    "g_sole",  # … the one candidate of the cue's gender
    "near_agree",  # the latest name of the cue's gender in the narration before the quotation
    # how much they speak: in the book, in the last LOCAL quotations
    "top_speaker",
    "local_top",
    "local_some",  # spoke 1-4 of the last LOCAL quotations: in the scene, a few times (more
    # has no feature of its own: the scene's frequent speakers are told by local_top and the
    # book's counts, and the ranker holds better over training seeds and held-out novels so)
    "freq_high",
    "freq_mid",
    "freq_low",
    "is_description",
    # further back, for a cue of known gender whose speaker none of the above brings in
    "far_speaker",  # the latest speaker of that gender in the last LOCAL quotations
    "far_ment",  # named in the narration two or three paragraphs back
    "far_ment_subject",  # … opening a sentence
    # the cue's verb: "he replied" answers the last turn, so is seldom its speaker
    "reply_prev1",
    # two people taking turns: the last four turns go A, B, A, B (this one should be A's)
    "alternating",
)
INDEX = {name: n for n, name in enumerate(FEATURES)}
_F = INDEX
_SELF = _F["self_vocative"]
_PREV = {1: _F["prev1"], 2: _F["prev2"], 3: _F["prev3"], 4: _F["prev4"]}
_PREV_NAMED = {1: _F["prev1_named"], 2: _F["prev2_named"]}
_NEXT = {1: _F["next1"], 2: _F["next2"]}
_NEXT_NAMED = {1: _F["next1_named"], 2: _F["next2_named"]}

_VERB_SIEVES = frozenset({"pronoun", "trailing_cue", "leading_cue"})
_REPLYING = frozenset("reply answer return rejoin retort respond".split())
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Miss|Ms|Dr|Sir|Lady|Lord|Madame|Mme|Monsieur)\.?\s+$")
_ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_TO_BEFORE = re.compile(r"\b(?:to|towards|toward|at)\s+$", re.I)
_SENTENCE_GAP = re.compile(r"[.!?;:—\-]['\"’”)]*\s*$|^\s*$")
_PRONOUN = re.compile(r"\b(?:(he|He)|(she|She))\b")


def _rank_of(ref) -> str:
    """The rank a name without a first name is written with ("General" of "General Pell"),
    as an honorific of no gender or as the chunker's role; else ""."""
    if ref.first:
        return ""
    words = _norm(ref.text).split()
    if ref.hon == "?" and len(words) >= 2:
        return words[0]
    role = ref.role.split() if ref.role and not ref.hon else ()
    rank = role[-1].rstrip(".").lower() if role else ""
    return rank if lexicon().honorifics.get(rank) == "?" else ""


def _rank_with_first(ctx: Context, rank: str, first: str) -> bool:
    """Whether the text writes the rank before the first name ("Captain Tom")."""
    return re.search(rf"\b{re.escape(rank)}\.?\s+{re.escape(first.split()[0])}\b", ctx.text, re.I) is not None


def _norm(text: str) -> str:
    return " ".join(text.replace(".", " ").replace("’", "'").split()).lower()


# -- weights ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _shipped() -> dict | None:
    try:
        raw = resources.files("tui.analysis").joinpath("data/ranker.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return json.loads(raw)


_override: list = []
_collector: list = []


def use_weights(weights: dict | None) -> None:
    """Training and evaluation: rank with ``weights`` (``None``: keep the rules' choices)
    instead of the shipped ones, until :func:`reset_weights`."""
    _override[:] = [weights]


def collect_with(fn) -> None:
    """Training: call ``fn(doc, i, cue, [(key, feature names)])`` for every quotation ranked."""
    _collector[:] = [fn]


def reset_weights() -> None:
    _override.clear()
    _collector.clear()


def _tables(weights: dict) -> dict[str, list[float]]:
    """Per-cue weight vectors: a feature's shared weight plus its weight for that cue."""
    cached = weights.get("_tables")
    if cached is None:
        w = weights["weights"]
        cached = {cue: [w.get(f, 0.0) + w.get(f"{cue}:{f}", 0.0) for f in FEATURES] for cue in CUES}
        weights["_tables"] = cached
    return cached


# -- the document's speakers ------------------------------------------------------------------
class _Doc:
    """Per-document indexes: each quotation's speaker key, the names that count, mentions.

    A key stands for one person as far as the text's names tell: "Ralph" and "Hale"
    both become "newland archer" when the text writes that full name most.
    """

    def __init__(self, ctx: Context, kinds: list[str]) -> None:
        self.ctx = ctx
        self.key_phrase: dict[str, Phrase] = {}
        self.gender: dict[str, str] = {}
        self.words: set[str] = set()
        self.alias: dict[str, str] = {}
        self._full_by_first: dict[str, str] = {}
        self._hon_by_last: dict[str, str] = {}
        self._by_wording: dict[str, str] = {}
        self._mentions: dict[int, list[tuple[int, int, str, bool]]] = {}
        self._called: dict[int, dict[str, tuple[int, int]]] = {}
        lex = lexicon()
        n = len(ctx.quotes)
        self.keys: list[str | None] = [None] * n
        self.roots: list[Phrase | None] = [None] * n
        self.named: list[bool] = [False] * n
        self.ranked: list[int] = []
        attributions = ctx.attributions
        pronouns = lex.pronouns
        votes: dict[str, Counter] = {}
        for i in range(n):
            att = attributions[i]
            if att is None:
                if kinds[i] != "title" and kinds[i] != "term":
                    self.ranked.append(i)
                continue
            if att.sieve in RERANKED or att.phrase is not None and att.phrase.kind == "DESC" and _ranked_description(att):
                if kinds[i] != "title" and kinds[i] != "term":
                    self.ranked.append(i)
            same_as = att.same_as
            if same_as is not None and same_as < i:
                self.keys[i] = self.keys[same_as]
                self.roots[i] = self.roots[same_as]
                continue
            if same_as is not None:
                p = root_phrase(ctx, i)
            else:
                p = att.antecedent if att.antecedent is not None else att.phrase
            k = self.key(p)
            self.keys[i] = k
            self.roots[i] = p
            if k is not None:
                self.named[i] = same_as is None and p is att.phrase and p.kind in EXPLICIT
                if att.sieve == "pronoun":
                    want = pronouns.get(att.phrase.text.lower(), "?")
                    if want == "m" or want == "f":
                        votes.setdefault(k, Counter())[want] += 1
        counts = Counter(self.keys)
        counts.pop(None, None)
        # other people the text names: surnames after an honorific, first names before a surname
        words = self.words
        words.update(w for w, c in _honorific_index(ctx).counts.items() if c >= 2)
        by_last, by_first = _bigram_index(ctx)
        words.update(w for w, v in by_last.items() if len(v) >= 2)
        words.update(w for w, v in by_first.items() if len(v) >= 2)
        self.words = {w for w in words if w in ctx.name_words() or w.lower() not in lex.stop_capitals and w.lower() not in lex.honorifics}
        self._merge_single_words(counts)
        self._genders_from_cues(votes)
        # one pattern for the names that count (a word inside another is skipped in _scan)
        alternation = "|".join(sorted((re.escape(w) for w in self.words if w[:1].isupper()), key=len, reverse=True))
        self._names = re.compile(f"(?:{alternation})(?![a-z])(?:[ \t\n]+[A-Z][a-z]+)?") if alternation else None
        self.counts = counts
        total = max(1, sum(counts.values()))
        self.freq = {
            k: _F["freq_high"] if c >= 0.05 * total else _F["freq_mid"] if c >= 0.01 * total else _F["freq_low"]
            for k, c in counts.items()
        }
        top: dict[str, tuple[int, str]] = {}
        for k, c in counts.items():
            g = self.gender.get(k, "?")
            if g in ("m", "f") and (g not in top or c > top[g][0]):
                top[g] = (c, k)
        self.top = [k for _, k in top.values()]

    def _merge_single_words(self, counts: Counter) -> None:
        """One word used alone is the one speaking full name that starts with it ("Wren"
        for Wren Talbot) or, failing that, the one "Mr./Mrs./Miss" of that name who speaks."""
        honorifics = lexicon().honorifics
        by_first: dict[str, list[str]] = {}
        hon_keys: dict[str, list[str]] = {}
        for k in counts:
            parts = k.split()
            if len(parts) >= 2:
                (hon_keys.setdefault(parts[-1], []) if parts[0] in honorifics else by_first.setdefault(parts[0], [])).append(k)
        self._full_by_first = {w: ks[0] for w, ks in by_first.items() if len(ks) == 1}
        self._hon_by_last = {w: ks[0] for w, ks in hon_keys.items() if len(ks) == 1}
        for k in list(counts):
            if " " in k or k == NARRATOR:
                continue
            target = self._full_by_first.get(k) or self._hon_by_last.get(k)
            if target is not None:
                self.alias[k] = target
        if self.alias:
            for bare, k in self.alias.items():
                counts[k] += counts.pop(bare)
                if self.gender.get(k, "?") not in ("m", "f"):
                    self.gender[k] = self.gender.get(bare, "?")
            self.keys = [self.alias.get(k, k) if k is not None else None for k in self.keys]

    def _genders_from_cues(self, votes: dict[str, Counter]) -> None:
        """A gender the names do not tell: the he / she cues the rules resolved to them
        (three votes at least, three to one)."""
        merged: dict[str, Counter] = {}
        for k, v in votes.items():
            merged.setdefault(self.alias.get(k, k), Counter()).update(v)
        for k, v in merged.items():
            if self.gender.get(k, "?") not in ("m", "f"):
                ((g, c),) = v.most_common(1)
                if c >= 3 and c >= 3 * (sum(v.values()) - c):
                    self.gender[k] = g

    def key(self, p: Phrase | None) -> str | None:
        if p is None or p.kind in ("PRON", "REL"):
            return None
        k = self._by_wording.get(p.text)
        if k is None:
            if p.kind == "NARRATOR":
                k = NARRATOR
            elif p.kind == "ORG" and not is_personal(self.ctx, p):
                k = ""
            else:
                raw = parse_name(p)
                k = self._resolve(_drop_common_words(self.ctx, raw), raw)
                if k and " " not in k and k not in self.alias:
                    target = self._full_by_first.get(k) or self._hon_by_last.get(k)
                    if target is not None:
                        self.alias[k] = target
            self._by_wording[p.text] = k
        k = self.alias.get(k, k)
        if k and k not in self.key_phrase:
            self.key_phrase[k] = p
            self.gender[k] = "?" if k == NARRATOR else phrase_gender(self.ctx, p)
            ref = parse_name(p)
            if ref.kind == "person":
                self.words.update(w for w in ref.tokens if w[:1].isupper())
        return k or None

    def _resolve(self, ref, raw=None) -> str:
        """A key for a name: a full name as it stands; a first name or a surname alone as the
        full name the text writes most often with it; "Mrs. Marlow" apart from "May
        Marlow" when the text has a Mrs. and a Miss of that name."""
        ctx = self.ctx
        if ref.kind != "person":  # "the Jew", "the doctor": without the article
            text = _norm(ref.text)
            return text[4:] if text.startswith("the ") else text
        last = ref.last
        if not last:
            return ""
        if ref.first:
            return _norm(ref.first + " " + last)
        lex = lexicon()
        firsts = Counter(first for first, _ in _full_names_in_text(ctx, last))
        rank = _rank_of(raw if raw is not None else ref) if ctx.fiction and firsts else ""
        if rank:
            # "General Pell": the father or brother with a rank, his own person unless the
            # text writes the rank before a first name ("General Tom Pell"), as speakers.py
            firsts = Counter({f: c for f, c in firsts.items() if _rank_with_first(ctx, rank, f)})
            if not firsts:
                return rank + " " + last.lower()
        if ref.hon in ("m", "f"):
            index = _honorific_index(ctx)
            hon_word = _norm(ref.text).split()[0]
            if ref.hon == "f" and last in index.mrs_and_miss:
                return hon_word + " " + last.lower()
            for first in list(firsts):
                if lex.first_names.get(first.split()[0].lower(), "?") not in ("?", ref.hon):
                    del firsts[first]
            women = [f for f in firsts if lex.first_names.get(f.split()[0].lower()) == "f"]
            if hon_word == "miss" and len(women) == 1 and len(firsts) == 1:
                # "Miss Penrose" of a novel whose one Penrose woman named in full is
                # Clara Penrose: her, however often the narration says "Mr. Penrose"
                return _norm(women[0] + " " + last)
            if firsts and index.counts[last] <= 4 * max(1, sum(firsts.values())) + 2:
                ranked = firsts.most_common(2)
                if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1] + 2:
                    return _norm(ranked[0][0] + " " + last)
            return hon_word + " " + last.lower()
        if last.lower() in lex.first_names or not firsts:
            found = _surname_for_first(ctx, last)
            if found is not None:
                return _norm(last + " " + found[0])
        if firsts:
            ranked = firsts.most_common(2)
            if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1] + 2:
                return _norm(ranked[0][0] + " " + last)
        elif ctx.fiction and not ref.hon and last.lower() in _honorific_index(ctx).mixed:
            # a surname a novel gives both a Mr. and a Mrs.: alone, it is the man (as speakers.py)
            return "mr " + last.lower()
        return last.lower()

    def wording_key(self, start: int, end: int, kind: str = "NAME") -> str | None:
        """The key of a name as written at ``text[start:end]`` ("the Hatter" is an ``ORG``
        phrase, as the chunker has it), if it is a name that counts."""
        text = self.ctx.text[start:end]
        k = self._by_wording.get(text)
        if k is None:
            words = text.split()
            if not any(w in self.words for w in words) and words[-1].lower() not in lexicon().first_names:
                return None
            k = self.key(Phrase(kind, start, end, text, text, start, end, None, 0, 0))
            return k
        return self.alias.get(k, k) or None

    def _scan(self, start: int, end: int, out: list) -> None:
        """(start, end, key, opens a sentence, after "to" or "at") of the names that count in
        ``text[start:end]``."""
        if self._names is None:
            return
        text = self.ctx.text
        for m in self._names.finditer(text, start, end):
            s = m.start()
            if s > 0 and text[s - 1].isalpha():
                continue
            hon = _HONORIFIC_BEFORE.search(text, max(start, s - 12), s)
            article = None if hon else _ARTICLE_BEFORE.search(text, max(start, s - 4), s)
            first = hon.start() if hon else article.start() if article else s
            k = self.wording_key(first, m.end(), "ORG" if article else "NAME")
            if k is not None:
                opens = first == start or _SENTENCE_GAP.search(text[max(start, first - 3) : first]) is not None
                addressed = _TO_BEFORE.search(text, max(start, first - 9), first) is not None
                out.append((first, m.end(), k, opens, addressed))

    def mentions(self, para: int) -> list[tuple[int, int, str, bool, bool]]:
        """The names that count in a paragraph's narration (memoised)."""
        found = self._mentions.get(para)
        if found is None:
            ctx = self.ctx
            found = []
            if 0 <= para < len(ctx.paragraphs):
                p = ctx.paragraphs[para]
                pos = p.start
                for k in ctx._quotes_overlapping(p.start, p.end):
                    q = ctx.quotes[k]
                    if q.start > pos:
                        self._scan(pos, q.start, found)
                    pos = max(pos, q.end)
                if pos < p.end:
                    self._scan(pos, p.end, found)
            self._mentions[para] = found
        return found

    def named_inside(self, i: int) -> set[str]:
        """Keys of the names that count in quotation ``i``'s own words."""
        q = self.ctx.quotes[i]
        found: list = []
        self._scan(q.inner_start, q.inner_end, found)
        return {k for _s, _e, k, _o, _a in found}

    def called(self, i: int) -> dict[str, tuple[int, int]]:
        """Keys quotation ``i`` calls by name ("…, Emma, …"), and where."""
        found = self._called.get(i)
        if found is None:
            found = {}
            q = self.ctx.quotes[i]
            for m in vocatives(self.ctx, i):
                span = (q.inner_start + m.start(1), q.inner_start + m.end(1))
                k = self.wording_key(*span)
                if k is not None and k not in found:
                    found[k] = span
            self._called[i] = found
        return found


# -- one quotation ----------------------------------------------------------------------------
def _cue(ctx: Context, i: int) -> tuple[str, Phrase | None]:
    """The quotation's own cue: a he/she pronoun, a description, or none (then the gender of
    a he / she in the narration around it in its paragraph, if any)."""
    att = ctx.attributions[i]
    if att is not None and att.phrase is not None and att.sieve in ("trailing_cue", "leading_cue"):
        return "desc", att.phrase
    m = _trailing_match(ctx, i)
    if m is None or m.sieve != "pronoun":
        m2 = _leading_match(ctx, i)
        if m2 is not None and m2.sieve == "pronoun":
            m = m2
    if m is not None and m.sieve == "pronoun" and m.phrase is not None:
        want = lexicon().pronouns.get(m.phrase.text.lower(), "?")
        return (want if want in ("m", "f") else "other"), m.phrase
    q = ctx.quotes[i]
    para = ctx.paragraphs[q.paragraph]
    qs = ctx.quotes_in_paragraph(q.paragraph)
    k = qs.index(i) if i in qs else -1
    lo = ctx.quotes[qs[k - 1]].end if k > 0 else para.start
    hi = ctx.quotes[qs[k + 1]].start if 0 <= k < len(qs) - 1 else para.end
    for start, end in ((lo, q.start), (q.end, hi)):
        found = _PRONOUN.search(ctx.text, start, end)
        if found is not None:
            return ("nm" if found.group(1) else "nf"), None
    return "none", None


def _ranked_description(att: Attribution) -> bool:
    """A description as cue ("said the Hatter"): ranked when capitalised, the way a text
    names a character; "said the girl" stays the rules' (ranking it gains little)."""
    return att.sieve in ("trailing_cue", "leading_cue") and att.phrase.text.split()[-1][:1].isupper()


def candidates(ctx: Context, doc: _Doc, i: int) -> tuple[str, dict[str, set[int]], dict[str, Phrase | int | tuple[int, int]]]:
    """Quotation ``i``'s cue, its candidate speakers with their features (indices into
    :data:`FEATURES`), and what each candidate rests on: a phrase, a quotation whose speaker
    it is, or where the text names it."""
    q = ctx.quotes[i]
    P = q.paragraph
    cue, cue_phrase = _cue(ctx, i)
    cands: dict[str, set[int]] = {}
    source: dict[str, Phrase | int | tuple[int, int]] = {}
    by_para = ctx._by_para
    keys = doc.keys
    key_phrase = doc.key_phrase

    def add(k: str | None, feature: int, src: Phrase | int | tuple[int, int] | None = None) -> None:
        # a name nearby is better evidence to show than an earlier turn's cue
        if k is None:
            return
        f = cands.get(k)
        if f is None:
            f = cands[k] = set()
            if src is not None:
                source[k] = src
        elif type(src) is tuple and type(source.get(k)) is int:
            source[k] = src
        f.add(feature)

    att = ctx.attributions[i]
    rule = keys[i]
    if rule is not None and att is not None:
        add(rule, _F["rule"], i)
        add(rule, _F["rule_cue" if att.sieve in ("trailing_cue", "leading_cue") else "rule_" + att.sieve])
        if att.sieve == "pronoun" and att.antecedent is not None:
            where = ctx.paragraph_at(att.antecedent.start)
            if where == P:
                add(rule, _F["rule_pronoun_here"])
            elif where >= P - 2:
                add(rule, _F["rule_pronoun_near"])
        # the phrase the rules rest on is a mention too (descriptions are not in doc.mentions)
        ant = att.antecedent if att.antecedent is not None and att.antecedent.kind != "NARRATOR" else None
        if ant is not None and att.same_as is None:
            where = ctx.paragraph_at(ant.start)
            para_start = ctx.paragraphs[where].start
            opens = ant.start == para_start or _SENTENCE_GAP.search(ctx.text[max(para_start, ant.start - 3) : ant.start]) is not None
            if where == P and ant.start < q.start:
                add(rule, _F["ment_before"])
                if opens:
                    add(rule, _F["ment_before_subject"])
            elif where == P and ant.start >= q.end:
                add(rule, _F["ment_after"])
                if opens:
                    add(rule, _F["ment_after_subject"])
            elif where == P - 1:
                add(rule, _F["ment_p1"])
                if opens:
                    add(rule, _F["ment_p1_subject"])
    cue_gender = cue if cue in ("m", "f") else cue[1] if cue in ("nm", "nf") else "?"
    if cue == "desc" and cue_phrase is not None:
        k = doc.key(cue_phrase)
        add(k, _F["desc_self"], cue_phrase)
        if rule is not None and rule != k:
            add(rule, _F["rule_resolved"])
        if cue_phrase.text.split()[-1][:1].isupper():
            add(k, _F["desc_self_capitalised"])
        cue_gender = phrase_gender(ctx, cue_phrase)
    # the turns before and after
    verb = att.cue if att is not None and att.sieve in _VERB_SIEVES else None
    replying = verb is not None and lexicon().speech_verb_base.get(verb.word.lower(), "") in _REPLYING
    for back in range(1, HISTORY + 1):
        qs = by_para.get(P - back)
        if qs:
            j = qs[-1]
            k = keys[j]
            if k is not None:
                add(k, _PREV[back], j)
                if back == 1 and replying:
                    add(k, _F["reply_prev1"])
                if back <= 2 and doc.named[j]:
                    add(k, _PREV_NAMED[back])
    turns = []
    for back in range(1, HISTORY + 1):
        qs = by_para.get(P - back)
        turns.append(keys[qs[-1]] if qs else None)
    if turns[1] is not None and turns[0] is not None and turns[1] != turns[0] and turns[1] == turns[3] and turns[0] == turns[2]:
        add(turns[1], _F["alternating"])
    for fwd in (1, 2):
        qs = by_para.get(P + fwd)
        if qs:
            j = qs[0]
            k = keys[j]
            if k is not None:
                add(k, _NEXT[fwd], j)
                if doc.named[j]:
                    add(k, _NEXT_NAMED[fwd])
    prev_qs = by_para.get(P - 1)
    if prev_qs:
        # the turn before: its paragraph's quotations (one turn cut by cues)
        for j in reversed(prev_qs):
            for k, span in sorted(doc.called(j).items()):
                add(k, _F["addressed_before"], span)
    next_qs = by_para.get(P + 1)
    if next_qs:
        for k, span in sorted(doc.called(next_qs[0]).items()):
            add(k, _F["addressed_after"], span)
    # the narration around
    latest: dict[str, int] = {}  # where the narration last names each, before the line
    for start, end, k, subject, to in doc.mentions(P - 1):
        latest[k] = start
        if to:
            add(k, _F["ment_p1_addressed"], (start, end))
        add(k, _F["ment_p1"], (start, end))
        if subject:
            add(k, _F["ment_p1_subject"])
        if not prev_qs:
            add(k, _F["ment_p1_narration"])
    for start, end, k, subject, to in doc.mentions(P):
        if cue_phrase is not None and start < cue_phrase.end and end > cue_phrase.start:
            continue  # the cue itself
        if to:
            add(k, _F["ment_addressed"], (start, end))
        if start < q.start:
            latest[k] = start
            add(k, _F["ment_before"], (start, end))
            if subject:
                add(k, _F["ment_before_subject"])
        elif start >= q.end:
            add(k, _F["ment_after"], (start, end))
            if subject:
                add(k, _F["ment_after_subject"])
    last = _last_sentence(ctx, i)
    if last is not None:
        found: list = []
        doc._scan(last[0], last[1], found)
        for start, end, k, subject, _to in found:
            add(k, _F["ment_last"], (start, end))
            if subject:
                add(k, _F["ment_last_subject"])
        # a description is no name the scan finds: once a candidate, where it opens that
        # sentence counts the same ("The old sailor frowned. 'No,' he said.")
        for p in ctx.narration_phrases(last[0], last[1]):
            if p.kind == "DESC" and p.start >= last[0]:
                k = doc.key(p)
                if k is not None and k in cands and _F["ment_last"] not in cands[k]:
                    add(k, _F["ment_last"])
                    if p.start == last[0] or _SENTENCE_GAP.search(ctx.text[max(last[0], p.start - 3) : p.start]) is not None:
                        add(k, _F["ment_last_subject"])
        ant = att.antecedent if rule is not None and att is not None and att.same_as is None else None
        if ant is not None and ant.kind != "NARRATOR" and last[0] <= ant.start < last[1]:
            add(rule, _F["ment_last"])
            if ant.start == last[0] or _SENTENCE_GAP.search(ctx.text[max(last[0], ant.start - 3) : ant.start]) is not None:
                add(rule, _F["ment_last_subject"])
    # who speaks most, in the book and in the scene
    for k in doc.top:
        add(k, _F["top_speaker"], key_phrase.get(k))
    window = Counter(keys[max(0, i - LOCAL) : i])
    window.pop(None, None)
    gender = doc.gender
    local: dict[str, tuple[int, str]] = {}
    for k, c in window.items():
        g = gender.get(k, "?")
        if (g == "m" or g == "f") and (g not in local or c > local[g][0]):
            local[g] = (c, k)
    for _c, k in local.values():
        last = next(j for j in range(i - 1, -1, -1) if keys[j] == k)
        add(k, _F["local_top"], last)
    if cue_gender == "m" or cue_gender == "f":
        _pair(doc, i, cue_gender, add)
        _further_back(doc, i, P, cue_gender, cands, add)
    called = doc.called(i)
    partner = _same_sentence(ctx, i)
    if partner is not None:
        # one sentence cut by its cue ("Is it you, Tom?" said she, "after all?"): one speaker,
        # who calls neither piece's vocative
        more = doc.called(partner)
        if more:
            called = {**more, **called}
    inside = doc.named_inside(i)
    agree = _F["g_agree"] if cue_gender == "m" or cue_gender == "f" else None
    freq = doc.freq
    if agree is not None:
        # the nearest name before the line of the cue's gender: a pronoun's usual antecedent
        near = max(((pos, k) for k, pos in latest.items() if gender.get(k, "?") == cue_gender), default=None)
        if near is not None:
            cands[near[1]].add(_F["near_agree"])
        same = [k for k in cands if gender.get(k, "?") == cue_gender]
        if len(same) == 1:
            cands[same[0]].add(_F["g_sole"])
    for k, f in cands.items():
        if k in called:
            f.add(_F["self_vocative"])
        elif k in inside:
            f.add(_F["named_inside"])
        if agree is not None:
            g = gender.get(k, "?")
            f.add(agree if g == cue_gender else _F["g_unknown"] if g != "m" and g != "f" else _F["g_clash"])
        fq = freq.get(k)
        if fq is not None:
            f.add(fq)
        if 0 < window.get(k, 0) < LOCAL_SOME:
            f.add(_F["local_some"])
        ph = key_phrase.get(k)
        if ph is not None and ph.kind == "DESC":
            f.add(_F["is_description"])
        f.add(0)  # bias
    return cue, cands, source


_GAP_END = re.compile(r"[.!?]")


def _same_sentence(ctx: Context, i: int) -> int | None:
    """The other piece of quotation ``i``'s sentence when only a short cue cuts it (the
    quotation before or after in its paragraph, with no sentence end in the narration between)."""
    q = ctx.quotes[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(ctx.quotes):
            o = ctx.quotes[j]
            if o.paragraph != q.paragraph:
                continue
            lo, hi = (o.end, q.start) if j < i else (q.end, o.start)
            if 0 < hi - lo <= 60 and _GAP_END.search(ctx.text, lo, hi) is None:
                return j
    return None


def _further_back(doc: _Doc, i: int, P: int, cue_gender: str, cands: dict[str, set[int]], add) -> None:
    """Candidates of the cue's gender from further back than the turns and names around:
    the latest speaker of that gender in the scene who is not a candidate yet, and the people
    of that gender the narration names in the nearest earlier paragraph (two or three back)
    that brings in someone new ("he" of a man the narration named a while ago)."""
    keys = doc.keys
    gender = doc.gender
    for j in range(i - 1, max(-1, i - LOCAL), -1):
        k = keys[j]
        if k is not None and k != NARRATOR and gender.get(k, "?") == cue_gender:
            if k not in cands:
                add(k, _F["far_speaker"], j)
                break
    far, far_subject = _F["far_ment"], _F["far_ment_subject"]
    for back in range(2, FAR_BACK + 1):
        new = False
        for start, end, k, subject, _to in reversed(doc.mentions(P - back)):
            if gender.get(k, "?") != cue_gender or k in cands and far not in cands[k]:
                continue
            new = new or k not in cands
            add(k, far, (start, end))
            if subject:
                add(k, far_subject)
        if new:
            break


def _last_sentence(ctx: Context, i: int) -> tuple[int, int] | None:
    """The last sentence of narration before quotation ``i`` (in its paragraph or the one
    before), when no quotation comes between."""
    q = ctx.quotes[i]
    lo = ctx.quotes[i - 1].end if i > 0 else 0
    lo = max(lo, ctx.paragraphs[max(0, q.paragraph - 1)].start)
    end = q.start
    while end > lo and ctx.text[end - 1].isspace():
        end -= 1
    if end <= lo:
        return None
    m = last_sentence_end(ctx.text, lo, end - 1)
    start = m.end() if m is not None else lo
    while start < end and ctx.text[start].isspace():
        start += 1
    return (start, end) if start < end else None


def _pair(doc: _Doc, i: int, cue_gender: str, add, lookback: int = 8) -> None:
    """The last two people who spoke before quotation ``i``, when one is of the cue's gender
    and the other is not: "he said" in a man-and-woman exchange names the man."""
    keys = doc.keys
    last = other = None
    for j in range(i - 1, max(-1, i - lookback), -1):
        k = keys[j]
        if k is None or k == NARRATOR:
            continue
        if last is None:
            last = (k, j)
        elif k != last[0]:
            other = (k, j)
            break
    if last is None or other is None:
        return
    g1, g2 = doc.gender.get(last[0], "?"), doc.gender.get(other[0], "?")
    if g1 not in ("m", "f") or g2 not in ("m", "f") or g1 == g2:
        return
    if g1 == cue_gender:
        add(last[0], _F["pair_last"], last[1])
    else:
        add(other[0], _F["pair_other"], other[1])


def rerank(ctx: Context, kinds: list[str]) -> None:
    """Fiction: re-decide the quotations whose cue is a pronoun, a description or nothing,
    among their candidate speakers (deterministic: a tie goes to the earlier candidate)."""
    if not ctx.fiction:
        return
    weights = _override[0] if _override else _shipped()
    collect = _collector[0] if _collector else None
    if weights is None and collect is None:
        return
    tables = _tables(weights) if weights is not None else None
    doc = _Doc(ctx, kinds)
    attributions = ctx.attributions
    changed = False
    for i in doc.ranked:
        att = attributions[i]
        if att is not None and att.same_as is not None and att.same_as < i:
            doc.keys[i] = doc.keys[att.same_as]
            doc.roots[i] = doc.roots[att.same_as]
        cue, cands, source = candidates(ctx, doc, i)
        if cue == "other" or not cands:
            continue
        if collect is not None:
            collect(doc, i, cue, [(k, [FEATURES[n] for n in sorted(f)]) for k, f in cands.items()])
        if tables is None:
            continue
        table = tables[cue]
        get = table.__getitem__
        best, best_score = None, 0.0
        for k, f in cands.items():
            if _SELF in f and len(cands) > 1:
                continue  # nobody calls themselves by name
            if cue in ("m", "f") and doc.gender.get(k, cue) not in (cue, "?"):
                continue  # "he said" is no woman's
            s = sum(map(get, f))
            if best is None or s > best_score:
                best, best_score = k, s
        if best is None or best == doc.keys[i]:
            continue
        src = source.get(best)
        if type(src) is int:
            p = doc.roots[src]
        elif type(src) is tuple:
            text = ctx.text[src[0] : src[1]]
            p = Phrase("NAME", src[0], src[1], text, text, src[0], src[1], None, 0, 0)
        else:
            p = src
        if p is None:
            continue
        cue_phrase = att.phrase if att is not None and att.phrase is not None and att.phrase.kind in ("PRON", "DESC") else None
        attributions[i] = Attribution("ranker", 0.5, phrase=cue_phrase or p, antecedent=p if cue_phrase else None)
        doc.keys[i] = best
        doc.roots[i] = p
        changed = True
        # the quotations of the paragraph that continue this one follow it
        for j in ctx.quotes_in_paragraph(ctx.quotes[i].paragraph):
            a = attributions[j]
            if j > i and a is not None and a.same_as is not None and i <= a.same_as < j:
                doc.keys[j] = doc.keys[a.same_as]
                doc.roots[j] = doc.roots[a.same_as]
    if changed:
        # attributions changed: the memoised roots of the chains through them are stale
        ctx._roots.clear()
        ctx._root_atts.clear()
