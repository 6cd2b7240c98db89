"""From attributed phrases to speakers: one entity per person or organisation.

Aliases are resolved once, after attribution: "Mr Pell" joins "Tom Pell", "Governor
Ruiz" and "Ms Ruiz" join "Ada Ruiz"; people who only share a first name (Ada Finch,
Ada Ruiz) or a surname with a different honorific (Mr. Penrose, Clara Penrose)
stay apart. The canonical name is the most complete proper name in the text.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice

from .context import Attribution, Context
from .lexicon import lexicon
from .memo import document_memo
from .model import Mention, Speaker
from .phrases import NAME_PARTICLES, Phrase
from .records import constructor

# Whole-text patterns are written without a leading ``\b`` and run through
# :func:`word_start_matches`: ``re`` then jumps from candidate to candidate instead of
# trying every position of a novel (three to five times faster, same matches).
_HON_SURNAME = re.compile(r"(Mr|Mrs|Miss|Ms|Sir|Lady|Lord|Madame|Madam|Mme|Monsieur)\.?\s+([A-Z][\w'’-]+)")


def word_start_matches(rx: re.Pattern, text: str, overlapping: bool = False):
    """The matches of ``\b`` + ``rx`` in ``text`` (``rx`` starts with a word character):
    ``rx``'s matches whose start is not preceded by a word character. Non-overlapping like
    ``finditer``, or, with ``overlapping``, one at every start where ``rx`` matches (like a
    ``\b(?=…)`` pattern)."""
    pos = 0
    while True:
        m = rx.search(text, pos)
        if m is None:
            return
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1
            continue
        yield m
        pos = start + 1 if overlapping or m.end() == start else m.end()


# Where a capitalised word is followed (after a period, if any, and white space) by a
# capital: every match of _HON_SURNAME, _BIGRAM and _TITLE_NAME starts at such a place. A
# pattern that opens with a class of letters makes ``re`` test every character of a novel;
# one scan for these places, then each pattern tried at them, costs a third of three scans.
_CAPITAL_PAIR = re.compile(r"[A-Z](?=[a-z]+\.?\s+[A-Z])")
# The same places in an ASCII text whose capitals are all written as one mark (a character
# such a text does not hold): a pattern that opens with one character, which ``re`` skips
# to directly, instead of with a class of letters, tested at every character.
_MARK = "\x01"
_CAPITALS_MARKED = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _MARK * 26)
_MARKED_PAIR = re.compile(_MARK + r"[a-z]++\.?\s++(?=" + _MARK + ")")
# _CAPITAL_PAIR's places, found as the starts of matches that take the word and the white
# space after it: the letters, period and spaces taken hold no capital, so no place is
# passed over, and the possessive runs spare ``re`` giving back a word's letters one by one
# where no capital follows (most capitalised words)
_CAPITAL_PAIR_SCAN = re.compile(r"[A-Z][a-z]++\.?\s++(?=[A-Z])")


def capital_pairs(ctx: Context) -> list[int]:
    """The word starts where :data:`_CAPITAL_PAIR` matches (one pass, cached)."""
    cached = ctx._lazy.get("capital_pairs")
    if cached is None:
        text = ctx.text  # (a one-character match: finditer tries every position, as overlapping)
        starts = ctx._lazy["capital_starts"] = _capital_pair_starts(text)
        cached = [s for s in starts if not (s and (text[s - 1].isalnum() or text[s - 1] == "_"))]
        ctx._lazy["capital_pairs"] = cached
    return cached


_FIRST_WORD = re.compile(r"[A-Z][a-z]+")


def name_occurrences(ctx: Context, name: str):
    """Every occurrence of ``name`` in the text, in order (overlapping ones too), as
    ``text.find`` finds them one after another. In a long text, a name that :data:`_CAPITAL_PAIR`
    matches ("Ada Wren") stands only where the pattern matches, each such place indexed by
    its first word once: no scan of the whole text for each name."""
    text = ctx.text
    if len(text) < _LAZY_BELOW or _CAPITAL_PAIR.match(name) is None:
        return _occurrences(text, name, text.find(name))
    index = ctx._lazy.get("capital_starts_by_word")
    if index is None:
        capital_pairs(ctx)
        index = defaultdict(list)
        match = _FIRST_WORD.match
        for start in ctx._lazy["capital_starts"]:
            index[match(text, start).group()].append(start)
        ctx._lazy["capital_starts_by_word"] = index
    startswith = text.startswith
    return (start for start in index.get(_FIRST_WORD.match(name).group(), ()) if startswith(name, start))


def _capital_pair_starts(text: str) -> list[int]:
    """Where :data:`_CAPITAL_PAIR` matches, word start or not. An ASCII text (str.translate's
    quick case) is searched with its capitals marked: a capital is where the mark is, and
    nothing else is changed (test_scans)."""
    if text.isascii() and _MARK not in text:
        return [m.start() for m in _MARKED_PAIR.finditer(text.translate(_CAPITALS_MARKED))]
    return [m.start() for m in _CAPITAL_PAIR_SCAN.finditer(text)]


def matches_at(rx: re.Pattern, text: str, starts: list[int], overlapping: bool = False):
    """``word_start_matches(rx, text, overlapping)`` for a pattern that can only match at
    one of ``starts`` (sorted word starts): ``rx`` tried there, in order."""
    pos = 0
    match = rx.match
    for start in starts:
        if start < pos:
            continue
        m = match(text, start)
        if m is not None:
            yield m
            if not overlapping:
                pos = start + 1 if m.end() == start else m.end()

ROLE_GENDER = {
    "spokesman": "m", "spokeswoman": "f", "man": "m", "woman": "f", "boy": "m", "girl": "f",
    "wife": "f", "husband": "m", "mother": "f", "father": "m", "son": "m", "daughter": "f",
    "brother": "m", "sister": "f", "king": "m", "queen": "f", "prince": "m", "princess": "f",
    "gentleman": "m", "lady": "f", "congressman": "m", "congresswoman": "f", "chairman": "m",
    "chairwoman": "f",
}
# fiction's gendered nouns for people ("said the lad", "the widow replied")
FICTION_ROLE_GENDER = {
    **dict.fromkeys(
        "lad fellow uncle nephew grandfather landlord master widower bachelor squire monk priest "
        "bridegroom duke count baron earl lord sir papa".split(), "m"),
    **dict.fromkeys(
        "lass maid maiden widow matron landlady mistress aunt niece grandmother duchess countess "
        "marchioness baroness governess housekeeper hostess actress nun bride spinster dame madam "
        "mamma".split(), "f"),
}
ORG_ROLES = frozenset(
    "committee agency ministry department office administration government company organization "
    "organisation campaign party group".split()
)
# the last word of a place's name ("Pondicherry Lodge", "Baker Street", "Northanger Abbey")
PLACE_WORDS = frozenset(
    "lodge street abbey hall house park square road lane court place castle church inn terrace "
    "gardens bridge hill manor cottage farm station row crescent avenue".split()
)
# peoples and their languages: "the old French", "the English Sunday" — not a person
NATIONALITIES = frozenset(
    "english french german italian spanish dutch russian greek latin irish scotch scottish welsh "
    "american british indian chinese japanese swiss swedish danish portuguese turkish polish "
    "austrian norwegian hungarian persian arabic hebrew".split()
)
EARLY = 2000  # a full name this close to the start introduces the person (news style)


@dataclass
class NameRef:
    kind: str  # person, org, desc
    text: str  # the name as written, without a possessive
    hon: str  # honorific gender: m, f, ? or ""
    first: str
    last: str
    role: str | None
    position: int
    tokens: tuple[str, ...] = ()


@dataclass
class Entity:
    key: tuple
    kind: str
    names: Counter = field(default_factory=Counter)
    full: str | None = None
    hon_name: str | None = None
    role: str | None = None
    gender: str = "?"
    first_pos: int = 10**12
    quotes: list[int] = field(default_factory=list)


_POSSESSIVE_END = re.compile(r"['’]s?$")


def _strip_possessive(text: str) -> str:
    return _POSSESSIVE_END.sub("", text) if ("'" in text or "’" in text) else text


def parse_name(p: Phrase) -> NameRef:
    """The name, honorific, first name and surname a phrase gives (memoised per document,
    by identity: the memo holds the phrase, so its id stays its own, and an id is cheaper to
    hash than a phrase's ten fields)."""
    found = _names_memo.get(id(p))
    if found is None:
        found = _names_memo[id(p)] = (p, _parse_name(p))
    return found[1]


_names_memo: dict = document_memo()


_LEADING_ARTICLE = re.compile(r"^(?:the|The|a|A|an|An)\s+")
_LEADING_INDEFINITE = re.compile(r"^(?:a|A|an|An)\s+")
_LEADING_THE = re.compile(r"^The\s")


def _parse_name(p: Phrase) -> NameRef:
    lex = lexicon()
    if p.kind == "NARRATOR":
        return NameRef("narrator", p.text, "", "", "narrator", None, p.start)
    if p.kind == "ORG":
        text = _LEADING_ARTICLE.sub("", " ".join(_strip_possessive(p.head).split()))
        return NameRef("org", text, "", "", text.lower(), None, p.start)
    if p.kind in ("DESC", "PRON"):
        # "the Jew", "the old gentleman" keep their article: that is how a text names them
        text = _LEADING_INDEFINITE.sub("", " ".join(p.text.split()))
        text = _LEADING_THE.sub("the ", text)
        return NameRef("desc", text, "", "", text.lower(), p.role, p.start)
    head = " ".join(_strip_possessive(p.head).split())  # "Mrs.\nMaylie" across a line break
    words = head.replace(".", " ").split()
    # "Poor Mr. Penrose": the name starts at its honorific
    for j, w in enumerate(words[:-1]):
        if j and w.lower() in lex.honorifics and lex.honorifics[w.lower()] in ("m", "f"):
            cut = head.find(w)
            head, words = head[cut:], words[j:]
            break
    hon = ""
    k = 0
    while k < len(words) - 1 and words[k].lower() in lex.honorifics:
        g = lex.honorifics[words[k].lower()]
        hon = g if hon in ("", "?") else hon
        k += 1
    names = words[k:]
    first = names[0] if len(names) >= 2 and names[0].lower() not in NAME_PARTICLES else ""
    last = names[-1] if names else head
    return NameRef("person", head, hon, first, last, p.role, p.start, tuple(names))


def _drop_common_words(ctx: Context, ref: NameRef) -> NameRef:
    """ "Poor Alice", "Again Lucy": leading words the text also writes in lower case are
    not part of the name (unless they are known first names)."""
    if ref.kind != "person" or len(ref.tokens) < 2:
        return ref
    lex = lexicon()
    lower = lower_case_words(ctx)
    tokens = list(ref.tokens)
    while len(tokens) > 1 and tokens[0].lower() not in lex.first_names and tokens[0].lower() in lower:
        tokens.pop(0)
    if len(tokens) == len(ref.tokens):
        return ref
    text = ref.text[ref.text.find(tokens[0]) :]
    first = tokens[0] if len(tokens) >= 2 else ""
    return NameRef("person", text, ref.hon, first, tokens[-1], ref.role, ref.position, tuple(tokens))


@dataclass
class _HonorificIndex:
    """What one pass over "Mr/Mrs/Miss … Surname" in the text tells."""

    genders: dict[str, str]  # surname (lower case) -> the one gender its honorifics give
    counts: Counter  # surname -> how often it follows an honorific
    mrs_and_miss: set[str]  # surnames with both a Mrs. and a Miss (mother and daughter)
    mixed: set[str] = field(default_factory=set)  # surnames (lower case) of men and of women


def _honorific_index(ctx: Context) -> _HonorificIndex:
    cached = ctx._lazy.get("honorifics")
    if cached is not None:
        return cached
    honorifics = lexicon().honorifics
    votes: dict[str, set[str]] = defaultdict(set)
    counts: Counter = Counter()
    mrs: set[str] = set()
    miss: set[str] = set()
    for m in matches_at(_HON_SURNAME, ctx.text, capital_pairs(ctx)):
        hon, surname = m.group(1), m.group(2)
        counts[surname] += 1
        g = honorifics.get(hon.lower(), "?")
        if g in ("m", "f"):
            votes[surname.lower()].add(g)
        if hon == "Mrs":
            mrs.add(surname)
        elif hon == "Miss":
            miss.add(surname)
    genders = {name: next(iter(gs)) for name, gs in votes.items() if len(gs) == 1}
    index = _HonorificIndex(genders, counts, mrs & miss, {name for name, gs in votes.items() if len(gs) > 1})
    ctx._lazy["honorifics"] = index
    return index


def _learned_genders(ctx: Context) -> dict[str, str]:
    return _honorific_index(ctx).genders


def name_gender(ctx: Context, ref: NameRef) -> str:
    lex = lexicon()
    if ref.hon in ("m", "f"):
        return ref.hon
    if ref.kind == "desc":
        for word in reversed(ref.text.lower().split()):
            if word in ROLE_GENDER:
                return ROLE_GENDER[word]
            if ctx.fiction and word in FICTION_ROLE_GENDER:
                return FICTION_ROLE_GENDER[word]
            if lex.honorifics.get(word) in ("m", "f"):  # "the Duchess", "the King"
                return lex.honorifics[word]
        return "?"
    if ref.kind != "person":
        return "n"
    if ref.first and ref.first.lower() in lex.first_names:
        return lex.first_names[ref.first.lower()]
    if not ref.first and ref.last.lower() in lex.first_names:
        gender = lex.first_names[ref.last.lower()]
        if gender == "f" and _learned_genders(ctx).get(ref.last.lower()) == "m":
            return "m"  # a surname the text writes only after "Mr." ("Mr. Kelly" … "said Kelly")
        return gender
    learned = _learned_genders(ctx).get(ref.last.lower(), "?")
    if learned != "?":
        return learned
    if _bare_surname_of_a_man(ctx, ref):
        return "m"
    # the pronouns that follow the name in the text: "Tobias Wren … his"
    name = " ".join(ref.tokens) if ref.tokens else ref.text
    return _pronoun_gender(ctx, name)


def _bare_surname_of_a_man(ctx: Context, ref: NameRef) -> bool:
    """Fiction: a surname alone ("said Hale") that the novel gives both a Mr. and a Mrs.
    is the man's — the narration calls men by their surname, women by Mrs. or Miss or their
    first name."""
    if not ctx.fiction or ref.first or ref.hon or len(ref.tokens) > 1:
        return False
    last = ref.last.lower()
    return last in _honorific_index(ctx).mixed and last not in lexicon().first_names


_FOLLOWING_PRONOUN = re.compile(r"\b(he|his|him|himself|she|her|hers|herself)\b", re.IGNORECASE)
# the same matches, found twice as fast: every pronoun starts with an h or an s, and a
# look-ahead for one lets ``re`` skip to those letters instead of trying every position
_FOLLOWING_PRONOUN_FAST = re.compile(r"(?=[hs])" + _FOLLOWING_PRONOUN.pattern, re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.!?;\"“”]")
# The first of a sentence stop and a pronoun, in one search: a pronoun found first is the
# pronoun that _FOLLOWING_PRONOUN finds in the window cut at the stop (a pronoun is letters
# only; the stops are none, so one that starts before the stop ends before it, and the
# word boundary after it is the same). The pattern opens with a class of characters — the
# stops and those an "h" or an "s" matches under IGNORECASE (test_scans) — which ``re``
# skips to, instead of trying the word boundary at every character; the pronoun's word
# boundary before it is the look-behind: no word character before its first letter.
_PRONOUN_OR_STOP = re.compile(
    r"[.!?;\"“”hHsS\u017f](?:(?<=[hH])(?<!\w.)(?i:e|is|im|imself|er|ers|erself)\b|(?<=[sS\u017f])(?<!\w.)(?i:he)\b|(?<=[.!?;\"“”]))"
)


def _pronoun_gender(ctx: Context, name: str, samples: int = 30) -> str:
    """Gender from the pronouns that come right after a name in the same sentence (at least
    three votes, three to one)."""
    cache = ctx._pronoun_gender
    if name in cache:
        return cache[name]
    text = ctx.text
    m_votes = f_votes = 0
    for pos in islice(name_occurrences(ctx, name), samples):
        end = pos + len(name)
        found = _PRONOUN_OR_STOP.search(text[end : end + 60])
        if found is not None and found.end() - found.start() > 1:  # (a stop is one character)
            if found.group().lower() in ("he", "his", "him", "himself"):
                m_votes += 1
            else:
                f_votes += 1
    gender = "?"
    if m_votes >= 3 and m_votes >= 3 * f_votes:
        gender = "m"
    elif f_votes >= 3 and f_votes >= 3 * m_votes:
        gender = "f"
    cache[name] = gender
    return gender


def phrase_gender(ctx: Context, p: Phrase) -> str:
    """The gender a phrase gives its person ("m", "f", "n" or "?"), memoised per document
    (by identity, as :func:`parse_name`)."""
    memo = ctx._phrase_gender
    found = memo.get(id(p))
    if found is None:
        # the gender rests on the phrase's kind, text and head only (its positions and role
        # pass through parse_name unread): the many phrases of one name share one answer
        by_words = ctx._phrase_gender_by_words
        words = (p.kind, p.text, p.head)
        gender = by_words.get(words)
        if gender is None:
            gender = by_words[words] = _phrase_gender(ctx, p)
        found = memo[id(p)] = (p, gender)
    return found[1]


def _phrase_gender(ctx: Context, p: Phrase) -> str:
    if ctx.fiction and p.kind == "ORG" and _starts_with_the(p.text):
        # a character named by a description: "the Invisible Man", "the Duchess"
        return name_gender(ctx, NameRef("desc", p.text, "", "", p.text.lower(), None, p.start))
    return name_gender(ctx, parse_name(p))


_PLURAL_PEOPLE = frozenset("men women gentlemen ladies children people folk folks".split())


def phrase_number(p: Phrase) -> str:
    if p.kind == "DESC":
        last = p.text.lower().split()[-1]
        if last in lexicon().group_nouns or last in _PLURAL_PEOPLE:
            return "p"
    return "s"


def is_personal(ctx: Context, p: Phrase) -> bool:
    lex = lexicon()
    if p.kind in ("POSSD", "TITLED"):
        return True
    if p.kind == "NAME":
        head = _strip_possessive(p.head)
        if p.head != head and p.end == p.head_end:
            pass
        word = head.split()[0].lower().rstrip(".")
        if (word in lex.non_person_capitals or word in lex.stop_capitals) and head.split()[0] not in ctx.name_words():
            return False
        if ctx.fiction and len(head.split()) > 1 and head.split()[-1].lower() in PLACE_WORDS:
            return False  # "Pondicherry Lodge", "Northanger Abbey": a place
        if ctx.fiction and head.lower() in NATIONALITIES:
            return False  # "at the old French, and sighed": a language, not a person
        # one word the text also writes in lower case, never as a name mid-sentence: a
        # capitalised sentence opening ("Stopped at last!"), not a person
        return not (len(head.split()) == 1 and common_word(ctx, head) and not written_as_a_name(ctx, head))
    if p.kind == "DESC":
        last = p.text.lower().split()[-1]
        if ctx.fiction and last in NATIONALITIES:
            return False  # "the old French": a language or a people
        return last not in ORG_ROLES and last not in lex.group_nouns
    if p.kind == "ORG" and ctx.fiction:
        return _starts_with_the(p.text)  # "the Jew", "the Invisible Man"
    return False


# -- following attributions to the phrase they rest on ---------------------------------------
_UNKNOWN = object()  # not memoised yet (a memoised root may be None)


def root_phrase(ctx: Context, i: int, _depth: int = 0) -> Phrase | None:
    """The phrase quotation ``i``'s attribution finally rests on (following continuations
    and antecedents); memoised, since an attribution never changes once made."""
    att = ctx.attributions[i]
    if att is None or _depth > 50:
        return None
    if att.same_as is None:  # (no chain to follow: nothing worth memoising)
        return att.antecedent if att.antecedent is not None else att.phrase
    roots = ctx._roots
    key = (i, id(att), id(att.antecedent))
    found = roots.get(key, _UNKNOWN)
    if found is not _UNKNOWN:
        return found
    found = roots[key] = root_phrase(ctx, att.same_as, _depth + 1)
    return found


def root_attribution(ctx: Context, i: int, _depth: int = 0) -> Attribution | None:
    """The attribution a chain of continuations and turns ends at (memoised)."""
    att = ctx.attributions[i]
    if att is None or att.same_as is None or _depth > 50:
        return att
    memo = ctx._root_atts
    key = (i, id(att))
    if key not in memo:
        memo[key] = root_attribution(ctx, att.same_as, _depth + 1)
    return memo[key]


# -- entities -------------------------------------------------------------------------------
_BIGRAM = re.compile(r"([A-Z][a-z]+(?:\s+[A-Z]\.)?)\s+([A-Z][\w'’-]+)")  # overlapping


def _bigram_index(ctx: Context) -> tuple[dict, dict]:
    """Capitalised "First Surname" pairs of the whole text by surname and by first name
    (one pass, cached). A pair at a sentence start counts only if its first word is a known
    first name ("Again Lucy" is not a name)."""
    cached = ctx._lazy.get("bigrams")
    if cached is not None:
        return cached
    lex = lexicon()
    by_last: dict[str, list] = defaultdict(list)
    by_first: dict[str, list] = defaultdict(list)
    text = ctx.text
    for m in matches_at(_BIGRAM, text, capital_pairs(ctx), overlapping=True):
        first = m.group(1).split()[0]
        low = first.lower()
        if low in lex.honorifics or low in lex.role_nouns or low in lex.speech_verb_base:
            continue
        if (low in lex.stop_capitals or low in lex.non_person_capitals) and first not in ctx.name_words():
            continue
        if m.start() > 1 and text[m.start() - 1] == "-" and text[m.start() - 2].isalpha():
            continue  # "Rabbit-Hole Alice"
        known = low in lex.first_names
        if not known:
            k = m.start() - 1
            while k >= 0 and text[k] in " \t\n_":
                k -= 1
            if k < 0 or text[k] in ".!?\"“”'‘’:;(":
                continue
        last = _strip_possessive(m.group(2))
        low_last = last.lower()
        if low_last in lex.speech_verb_base or low_last in lex.stop_capitals or low_last in lex.role_nouns:
            continue
        # (the one test that reads the text again, after all the others: each only skips)
        if not known and low in lower_case_words(ctx):
            continue  # "Poor Isabella", "Come Emma": a word the text also writes in lower case
        by_last[last].append((m.group(1), m.start()))
        by_first[first].append((last, m.start()))
    ctx._lazy["bigrams"] = (by_last, by_first)
    return ctx._lazy["bigrams"]


_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


def _lowercase_words(ctx: Context) -> set[str]:
    """Every match of :data:`_LOWER_WORD` in the text (cached).

    A match never spans white space and white space is no word character, so the matches
    are those found in the text's distinct white-space-separated pieces: scanned once each,
    a novel's few thousand pieces are a fraction of its length. The pieces are collected a
    stretch of lines at a time (fewer short-lived strings alive at once)."""
    cached = ctx._lazy.get("lower_words")
    if cached is None:
        text = ctx.text
        if text.isascii():  # (str.translate's quick case)
            text = text.translate(_PUNCTUATION_TO_SPACE)
        pieces: set[str] = set()
        pos, n = 0, len(text)
        while pos < n:
            cut = text.find("\n", pos + _STRETCH)
            cut = n if cut < 0 else cut
            pieces.update(text[pos:cut].split())
            pos = cut
        # a piece of ASCII lower-case letters only is its one match: only the others are scanned
        cached = set(filter(str.isascii, filter(str.islower, filter(str.isalpha, pieces))))
        pieces -= cached
        cached.update(_LOWER_WORD.findall(" ".join(pieces)))
        ctx._lazy["lower_words"] = cached
    return cached


# ASCII punctuation that no match of _LOWER_WORD holds, as white space: it is no word
# character either, so the matches stay the same, and "said," and "said" become one piece
_PUNCTUATION_TO_SPACE = str.maketrans({ch: " " for ch in "!\"#$%&()*+,./:;<=>?@[\\]^`{|}~"})


_STRETCH = 1 << 15
_LAZY_BELOW = 50_000  # characters: a shorter text is asked about its few words one at a time


def lower_case_words(ctx: Context) -> set[str] | _LowerCaseWords:
    """Something to ask ``word in …`` of :func:`_lowercase_words`: that set for a long text;
    for a short one (an article asks about a few dozen words), the answer word by word
    (:class:`_LowerCaseWords`) instead of a scan of every word of the text."""
    if len(ctx.text) >= _LAZY_BELOW:
        return _lowercase_words(ctx)
    cached = ctx._lazy.get("lower_case_words")
    if cached is None:
        cached = ctx._lazy["lower_case_words"] = _LowerCaseWords(ctx.text)
    return cached


_LOWER_RUN = frozenset("abcdefghijklmnopqrstuvwxyz'’-")  # what a match of _LOWER_WORD is made of
_LOWER_START = frozenset("abcdefghijklmnopqrstuvwxyz")


class _LowerCaseWords:
    """``word in _lowercase_words(ctx)``, answered for each word asked (memoised).

    A match of :data:`_LOWER_WORD` lies within one maximal run of the characters it is made
    of, and the whole-text scan reaches each such run fresh (no earlier match reaches into
    it), so the matches inside a run are what the pattern finds scanning that run alone
    (from its start, with the character after it in view for the closing ``\b``). A word is
    among the matches if one of its occurrences that starts a word is where such a scan
    finds it, and ends where the match does."""

    __slots__ = ("text", "memo")

    def __init__(self, text: str) -> None:
        self.text = text
        self.memo: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        found = self.memo.get(word)  # type: ignore[call-overload]
        if found is None:
            found = self.memo[word] = self._written(word)  # type: ignore[index]
        return found

    def _written(self, word: object) -> bool:
        if not isinstance(word, str) or not word or word[0] not in _LOWER_START or not all(ch in _LOWER_RUN for ch in word):
            return False
        text = self.text
        n = len(text)
        size = len(word)
        p = text.find(word)
        while p >= 0:
            before = text[p - 1] if p else ""
            if not (before and (before.isalnum() or before == "_")):  # a word starts here
                start = p
                while start and text[start - 1] in _LOWER_RUN:
                    start -= 1
                end = p + size
                while end < n and text[end] in _LOWER_RUN:
                    end += 1
                for m in _LOWER_WORD.finditer(text, start, min(n, end + 1)):
                    if m.start() >= p:
                        if m.start() == p and m.end() == p + size:
                            return True
                        break
            p = text.find(word, p + 1)
        return False


def _starts_with_the(text: str) -> bool:
    """ "the Jew", also when a line break follows the article."""
    return text[:3].lower() == "the" and text[3:4].isspace()


def common_word(ctx: Context, word: str) -> bool:
    """A word the text also writes in lower case ("good", "stop"), unless a first name."""
    low = word.lower()
    return low not in lexicon().first_names and low in lower_case_words(ctx)


def written_as_a_name(ctx: Context, word: str) -> bool:
    """Whether the text also writes ``word`` capitalised after a lower-case word ("said Tom",
    "to Tom"), as names are and exclamations are not (memoised)."""
    memo = ctx._written_as_name
    if word not in memo:
        memo[word] = _written_as_a_name(ctx.text, word)
    return memo[word]


def _written_as_a_name(text: str, word: str) -> bool:
    if text.startswith(word):
        return False  # (first at the very start: the text's first word)
    if any(ch.isspace() for ch in word):
        occurrences = _occurrences(text, word, text.find(word))
    else:
        # the occurrences not followed by a letter or digit, from one scan (``re`` skips
        # from literal to literal, and they cannot overlap: a qualifying occurrence starts
        # after white space, which a word without white space holds nowhere); none if the
        # word is nowhere (one scan of the text, not a search for it first)
        occurrences = (m.start() for m in re.compile(re.escape(word) + r"(?![^\W_])").finditer(text))
    for pos in occurrences:
        end = pos + len(word)
        k = pos
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k < pos and k > 0 and text[k - 1] in _LOWER_OR_CLAUSE and not (end < len(text) and text[end].isalnum()):
            return True
    return False


def _occurrences(text: str, word: str, pos: int):
    """Every occurrence of ``word`` in ``text`` from ``pos`` on (overlapping ones too)."""
    while pos >= 0:
        yield pos
        pos = text.find(word, pos + 1)


_LOWER_OR_CLAUSE = frozenset("abcdefghijklmnopqrstuvwxyz,;")


_HON_CLASS = {"mr": "mr", "mister": "mr", "mrs": "mrs", "missus": "mrs", "miss": "miss", "ms": "ms"}


def _both_mrs_and_miss(ctx: Context, surname: str) -> bool:
    return surname in _honorific_index(ctx).mrs_and_miss


def _honorific_counts(ctx: Context) -> Counter:
    """How often the text writes "Mr/Mrs/Miss … Surname", by surname."""
    return _honorific_index(ctx).counts


def _full_names_in_text(ctx: Context, surname: str) -> list[tuple[str, int]]:
    return _bigram_index(ctx)[0].get(surname, [])


def _surname_for_first(ctx: Context, first: str) -> tuple[str, int] | None:
    """The surname a first name used alone most often goes with ("Lucy" → Ashby)."""
    pairs = _bigram_index(ctx)[1].get(first, [])
    if not pairs:
        return None
    counts = Counter(last for last, _ in pairs)
    last, n = counts.most_common(1)[0]
    if n * 2 < len(pairs):
        return None
    return last, min(pos for name, pos in pairs if name == last)


def build_speakers(ctx: Context) -> tuple[list[Speaker], list[str | None]]:
    """Speakers in order of first quotation, and each quotation's speaker id."""
    refs: dict[int, NameRef] = {}
    for i in range(len(ctx.quotes)):
        p = root_phrase(ctx, i)
        if p is not None:
            refs[i] = ref = _drop_common_words(ctx, parse_name(p))
            if not ctx.fiction and ref.kind == "desc" and ref.text.startswith("the "):
                refs[i] = NameRef("desc", ref.text[4:], "", "", ref.last[4:], ref.role, ref.position)
            elif ctx.fiction and ref.kind == "org" and _starts_with_the(p.text):
                # fiction's "the Jew", "the Dodger": a character, named as the text names them
                refs[i] = NameRef("desc", "the " + ref.text, "", "", "the " + ref.last, None, ref.position)
    entities: dict[tuple, Entity] = {}
    fulls_by_last: dict[str, list[Entity]] = defaultdict(list)
    singles_by_last: dict[str, list[Entity]] = defaultdict(list)

    def entity(key: tuple, kind: str) -> Entity:
        e = entities.get(key)
        if e is None:
            e = entities[key] = Entity(key, kind)
        return e

    def full_entity(first: str, names: tuple[str, ...], pos: int, text: str) -> Entity:
        last = names[-1]
        key = ("full", first.lower(), last.lower())
        new = key not in entities
        e = entity(key, "person")
        if new:
            fulls_by_last[last.lower()].append(e)
        e.first_pos = min(e.first_pos, pos)
        if e.full is None or len(text) > len(e.full):
            e.full = " ".join(names)
        return e

    # 1. full names said by the attributions
    for ref in refs.values():
        if ref.kind == "person" and ref.first:
            full_entity(ref.first, ref.tokens, ref.position, ref.text)
    # 2. full names the text gives for surnames used alone
    singles = {ref.last for ref in refs.values() if ref.kind == "person" and not ref.first}
    lex = lexicon()
    for surname in sorted(singles):
        for first, pos in _full_names_in_text(ctx, surname):
            full_entity(first, (*first.split(), surname), pos, f"{first} {surname}")
        if surname.lower() in lex.first_names and not _full_names_in_text(ctx, surname):
            found = _surname_for_first(ctx, surname)
            if found is not None:
                full_entity(surname, (surname, found[0]), found[1], f"{surname} {found[0]}")
    for es in fulls_by_last.values():
        for e in es:
            e.gender = name_gender(ctx, NameRef("person", e.full or "", "", e.key[1], e.key[2], None, 0))

    # 3. every quotation's reference to an entity (the full names are all known by now:
    # grouped by first name once, in the order of fulls_by_last, for _resolve)
    fulls_by_first: dict[str, list[Entity]] = defaultdict(list)
    for es in fulls_by_last.values():
        for e in es:
            fulls_by_first[e.key[1]].append(e)
    quote_entity: dict[int, Entity] = {}
    # (fiction: the references with an honorific first, so that "Vane" alone finds "M. Vane"
    # wherever the book first writes it)
    ordered = list(refs.items())  # (in quotation order: refs was filled so)
    if ctx.fiction:
        ordered = [kv for kv in ordered if kv[1].hon] + [kv for kv in ordered if not kv[1].hon]
    for i, ref in ordered:
        if ctx.fiction and ref.role and not ref.first and not ref.hon and ref.kind == "person":
            ref = refs[i] = _ranked(ctx, ref, fulls_by_last)
        e = _resolve(ctx, ref, entities, fulls_by_last, singles_by_last, entity, fulls_by_first)
        e.names[ref.text] += 1
        if ref.role and not e.role:
            e.role = ref.role
        e.first_pos = min(e.first_pos, ref.position)
        quote_entity[i] = e

    for e in entities.values():
        if e.kind == "person" and e.full and not e.role:
            e.role = _appositive_role(ctx.text, e.full, name_occurrences(ctx, e.full))

    narrator = entities.get(("narrator",))
    if narrator is not None:
        _name_narrator(ctx, narrator, quote_entity)

    # 4. descriptions that name a known role ("the Vice President") join that person
    if ctx.fiction:
        _join_titles(ctx, quote_entity)
    _join_descriptions(quote_entity, set() if ctx.fiction else _indefinite_descriptions(ctx, refs), news=not ctx.fiction)
    if ctx.fiction:
        _join_by_salience(ctx, quote_entity)
        _join_by_scene(ctx, quote_entity)
        _join_bound(ctx, quote_entity)

    ordered: list[Entity] = []
    seen: set[int] = set()
    for i in sorted(quote_entity):
        e = quote_entity[i]
        e.quotes.append(i)
        if id(e) not in seen:
            seen.add(id(e))
            ordered.append(e)
    speakers: list[Speaker] = []
    ids: dict[int, str] = {}
    for n, e in enumerate(ordered, 1):
        sid = f"s{n}"
        ids[id(e)] = sid
        name = _canonical(e, ctx.fiction, ctx.text)
        aliases = tuple(sorted({a for a in e.names if a != name}))
        kind = "organisation" if e.kind == "org" else ("group" if e.kind == "group" else "person")
        speakers.append(
            _new_speaker(sid, name, aliases, e.role, tuple(f"q{i + 1}" for i in e.quotes), kind, _gender(e))
        )
    return speakers, [ids[id(quote_entity[i])] if i in quote_entity else None for i in range(len(ctx.quotes))]


def _gender(e: Entity) -> str:
    return e.gender if e.gender in ("m", "f") else ("n" if e.kind == "org" else "?")


def _with_honorific(ctx: Context, e: Entity) -> str | None:
    """ "Mrs. Rose Maylie" when the text writes the full name with an honorific (cached)."""
    if not e.full:
        return None
    cache = ctx._with_honorific
    if e.full not in cache:
        cache[e.full] = None
        lead = _LEADING_WORD.match(e.full)
        if lead is None:  # not a name that starts with a word: search the text for it
            m = re.search(r"\b" + _HONORIFIC_BEFORE.pattern + re.escape(e.full) + r"\b", ctx.text)
            places = [m] if m else []
        else:
            places = _names_after_honorifics(ctx).get(lead.group(), [])
        whole = re.compile(re.escape(e.full) + r"\b")
        for m in places:  # in text order: the first "Mr. Full Name" names it
            if whole.match(ctx.text, m.end()):
                cache[e.full] = f"{m.group(1)}{m.group(2)} {e.full}"
                break
    return cache[e.full]


_HONORIFICS_BEFORE = ("Mr", "Mrs", "Miss", "Ms", "Dr", "Sir", "Lady", "Lord", "Master")
_HONORIFIC_BEFORE = re.compile(f"({'|'.join(_HONORIFICS_BEFORE)})" + r"(\.?)\s+")
# the same pattern, one for each first letter: each then opens with a literal, which ``re``
# skips to directly (where a choice of letters makes it try every position of a novel)
_HONORIFIC_BEFORE_BY_LETTER = tuple(
    re.compile(f"({'|'.join(h for h in _HONORIFICS_BEFORE if h[0] == letter)})" + r"(\.?)\s+")
    for letter in dict.fromkeys(h[0] for h in _HONORIFICS_BEFORE)
)


def honorifics_before(text: str) -> list[re.Match]:
    """``word_start_matches(_HONORIFIC_BEFORE, text)``, from a scan per first letter (no
    match can overlap another: after its first letter, a match is lower case, a period and
    white space)."""
    found = []
    for rx in _HONORIFIC_BEFORE_BY_LETTER:
        for m in rx.finditer(text):
            start = m.start()
            if not (start and (text[start - 1].isalnum() or text[start - 1] == "_")):
                found.append(m)
    found.sort(key=re.Match.start)
    return found
_LEADING_WORD = re.compile(r"\w+")


def _names_after_honorifics(ctx: Context) -> dict[str, list[re.Match]]:
    """Every "Mr. " (Mrs, Miss, Dr, Sir …) in the text, by the word that follows it (one
    pass, cached)."""
    cached = ctx._lazy.get("after_honorifics")
    if cached is None:
        cached = defaultdict(list)
        text = ctx.text
        for m in honorifics_before(text):
            word = _LEADING_WORD.match(text, m.end())
            if word is not None:
                cached[word.group()].append(m)
        ctx._lazy["after_honorifics"] = cached
    return cached


_NOT_NAMES = frozenset("the a an he she i it they we you his her my our their this that".split())


def _canonical(e: Entity, fiction: bool = False, text: str = "") -> str:
    if fiction and e.kind == "person":
        named = [(n, c) for n, c in e.names.items() if n[:1].isupper() and n.split()[0].lower() not in _NOT_NAMES]
        if named:
            name, count = max(named, key=lambda kv: (kv[1], len(kv[0])))
            if count >= 2:
                # a novel's own way of naming its character ("Mr. Tansley"); of two titles
                # its cues give one surname ("Madame Vane", "Countess Vane"), the one the
                # book writes most, not the one a few cues happen to favour
                titled = _titled_forms(name, named)
                if len(titled) > 1 and text:
                    name = max(titled, key=lambda n: (text.count(n), e.names[n], len(n)))
                return name
    if e.full:
        return e.full
    if e.hon_name:
        return e.hon_name
    name, _ = max(e.names.items(), key=lambda kv: (len(kv[0]), kv[1])) if e.names else ("?", 0)
    return name


def _titled_forms(name: str, named: list[tuple[str, int]]) -> list[str]:
    """The "Title Surname" forms of ``named`` (used at least twice) that share ``name``'s
    surname, if ``name`` is one."""
    honorifics = lexicon().honorifics

    def titled(n: str) -> bool:
        words = n.split()
        return len(words) == 2 and words[0].rstrip(".").lower() in honorifics

    if not titled(name):
        return []
    surname = name.split()[1]
    return [n for n, c in named if c >= 2 and titled(n) and n.split()[1] == surname]


def _resolve(ctx, ref: NameRef, entities, fulls_by_last, singles_by_last, entity, fulls_by_first) -> Entity:
    if ref.kind == "org":
        return entity(("org", ref.last), "org")
    if ref.kind == "narrator":
        return entity(("narrator",), "person")
    if ref.kind == "desc":
        e = entity(("desc", ref.last), "group" if ref.last.split()[-1:] and ref.last.split()[-1] in lexicon().group_nouns else "person")
        e.gender = name_gender(ctx, ref)
        return e
    if ref.first:
        return entities[("full", ref.first.lower(), ref.last.lower())]
    gender = ref.hon if ref.hon in ("m", "f") else name_gender(ctx, ref)
    last = ref.last.lower()
    if ctx.fiction and not ref.hon and last not in lexicon().first_names:
        genders = {e.gender for e in fulls_by_last.get(last, [])}
        if {"m", "f"} <= genders:
            gender = "m"  # "Thorpe" alone, in a novel with a John and an Isabella Thorpe: John

    def compatible(e: Entity) -> bool:
        return gender not in ("m", "f") or e.gender not in ("m", "f") or e.gender == gender

    candidates = [e for e in fulls_by_last.get(last, []) if compatible(e)]
    candidates = [e for e in candidates if e.first_pos <= ref.position or e.first_pos < EARLY]
    if ref.hon and candidates:
        # "Mr. Ashcombe" used far more often than "John Ashcombe": another person, or the
        # name the text knows him by (news introduces the full name, then uses the short one)
        full_count = len(_full_names_in_text(ctx, ref.last))
        if _honorific_counts(ctx)[ref.last] > 4 * max(1, full_count) + 2:
            candidates = []
        elif ref.hon == "f" and _both_mrs_and_miss(ctx, ref.last):
            # a text with a Mrs. and a Miss of one name has a mother and a daughter: the full
            # name belongs to "Mrs. X" only if the text ever says "Mrs. First X"
            hon_word = ref.text.split()[0].rstrip(".")
            candidates = [e for e in candidates if (_with_honorific(ctx, e) or "").startswith(hon_word)]
        elif ref.hon == "?" and ctx.fiction:
            candidates = [e for e in candidates if _rank_with_first(ctx, ref.text.split()[0], e)]
    if len(candidates) > 1 and not ref.hon:
        # "Wren" for Tobias Wren, whom the text names far more often than Ada Wren
        counts = Counter(first for first, _ in _full_names_in_text(ctx, ref.last))
        ranked = sorted(candidates, key=lambda e: -counts.get(e.full.split()[0] if e.full else "", 0))
        top = counts.get(ranked[0].full.split()[0] if ranked[0].full else "", 0)
        second = counts.get(ranked[1].full.split()[0] if ranked[1].full else "", 0)
        if top >= 2 * second + 2:
            candidates = ranked[:1]
    if len(candidates) == 1:
        return candidates[0]
    if not ref.hon:
        # a first name used alone: "Clara" for Clara Penrose
        by_first = fulls_by_first.get(last, ())  # the full names with this first name
        if len(by_first) == 1 and last in lexicon().first_names:
            return by_first[0]
        if ctx.fiction and not candidates and last in _honorific_index(ctx).mixed and last not in lexicon().first_names:
            # a surname a novel gives both a Mr. and a Mrs.: alone, it is the man ("said
            # Hall", the narration's way with men; women keep their Mrs. or Miss)
            e = entity(("single", "mr", last), "person")
            if e not in singles_by_last[last]:
                singles_by_last[last].append(e)
            e.gender = "m"
            return e
        hon_entities = [e for e in singles_by_last.get(last, []) if e.hon_name]
        if len(hon_entities) == 1:
            return hon_entities[0]
    # "Mrs. Hale" and "Miss Hale" are two people (mother and daughter)
    hon_word = ref.text.replace(".", " ").split()[0].lower() if ref.hon else ""
    key = ("single", _HON_CLASS.get(hon_word, hon_word if ctx.fiction and ref.hon == "?" else gender) if ref.hon else "", last)
    new = key not in entities
    e = entity(key, "person")
    if new:
        singles_by_last[last].append(e)
    if ref.hon and (e.hon_name is None or len(ref.text) > len(e.hon_name)):
        e.hon_name = ref.text
    e.gender = gender if gender in ("m", "f") else e.gender
    return e


def _ranked(ctx: Context, ref: NameRef, fulls_by_last: dict[str, list[Entity]]) -> NameRef:
    """Fiction: "General Pell" in a novel whose Pells include a "Tom Pell" is the father or
    the brother with a rank — his own person, under the rank — unless the text ever writes
    the rank before that first name ("Captain Tom Pell")."""
    rank = ref.role.split()[-1].rstrip(".") if ref.role and ref.role.split() else ""
    if lexicon().honorifics.get(rank.lower()) != "?":
        return ref
    fulls = fulls_by_last.get(ref.last.lower(), [])
    if not fulls or any(_rank_with_first(ctx, rank, e) for e in fulls):
        return ref
    return NameRef("person", f"{rank} {ref.text}", "?", "", ref.last, ref.role, ref.position, ref.tokens)


def _rank_with_first(ctx: Context, rank: str, e: Entity) -> bool:
    """Whether the text writes the rank before the entity's first name ("Captain Tom")."""
    first = e.key[1] if len(e.key) > 2 else ""
    rank = rank.rstrip(".")
    if not first or not rank.isalpha():
        return False
    found = _rank_memo.get((rank, first))
    if found is None:
        found = _rank_memo[(rank, first)] = re.search(rf"\b{re.escape(rank)}\.?\s+{re.escape(first)}\b", ctx.text, re.I) is not None
    return found


_rank_memo: dict = document_memo()  # (rank, first name) -> whether the text writes them together


_ROLE_TEXT = r"((?:a|an|the|A|An|The)\s[^,.;:“”\"\n]{3,70}?)"


_ROLE_AFTER = re.compile(r",\s((?:a|an|the|A|An|The)\s[^,.;:“”\"\n]{3,70}?)[,.;]")
_ROLE_BEFORE = re.compile(r"((?:a|an|the|A|An|The)\s[^,.;:“”\"\n]{3,70}?),\s$")


def _appositive_role(text: str, name: str, places=None) -> str | None:
    """ "Lena Ortiz, a spokeswoman for …," / "A local senator, Oren Kalder," (``places``: where
    the name stands, if known: see :func:`name_occurrences`)"""
    if places is None:
        places = _occurrences(text, name, text.find(name))
    for pos in islice(places, 8):  # the first few mentions introduce a person
        end = pos + len(name)
        found = _ROLE_AFTER.match(text, end, end + 90)
        if found is None and text.startswith(",", end):
            found = _ROLE_BEFORE.search(text[max(0, pos - 90) : pos])
        if found is not None:
            role = found.group(1)
            if any(_strip_possessive(w) in lexicon().role_nouns for w in role.lower().split()):
                return role
    return None


_VOCATIVE = re.compile(r"(?:^|[,!?]\s+)((?:(?:Mr|Mrs|Miss|Ms|Dr|Sir|Lady|Lord)\.?\s+)?[A-Z][a-z]+)(?=[,!?.]\s*(?:$|\w|\n))")


def _name_narrator(ctx: Context, narrator: Entity, quote_entity: dict[int, Entity]) -> None:
    """A first-person narrator is named by what the other characters call them."""
    lex = lexicon()
    names: Counter = Counter()
    narrator_paras = {ctx.quotes[i].paragraph for i, e in quote_entity.items() if e is narrator}
    for i, e in quote_entity.items():
        if e is narrator:
            continue
        para = ctx.quotes[i].paragraph
        if para - 1 in narrator_paras or para + 1 in narrator_paras:
            for m in _VOCATIVE.finditer(ctx.inner(i)):
                name = m.group(1)
                if name in ctx.name_words() or name.lower() not in lex.stop_capitals and name.split()[-1].lower() not in lex.stop_capitals:
                    names[name] += 1
    if names:
        name, _count = names.most_common(1)[0]
        narrator.hon_name = name
        narrator.names[name] += 1
    else:
        narrator.hon_name = "Narrator" if ctx.fiction else "The writer"  # news: a first-person piece


_TITLE_NAME = re.compile(r"([A-Z][a-z]+)\.?\s+([A-Z][a-z][\w'’-]*)")  # at word starts
# "Mr. Pobble, the beadle,", "Mrs. Pobble, the matron of the house": a role in apposition
_THE_ROLE = re.compile(r",\s+the\s+([a-z]+)(?=[,.;]|\s+of\s)")
_NAME_BEFORE = re.compile(r"(?:\b(Mr|Mrs|Miss|Ms)\.?\s+)?\b([A-Z][a-z][\w'’-]*)$")


def apposed_roles(ctx: Context) -> dict[str, Counter]:
    """The roles the text gives a named character in apposition ("Mr. Pobble, the beadle,",
    "Mrs. Pobble, the matron of the house"): role noun → (honorific, name) counts (memoised;
    titles such as "the general" are left to the titles written before names)."""
    found = _apposed.get("roles") if _apposed.get("text") is ctx.text else None
    if found is None:
        _apposed.clear()
        _apposed["text"] = ctx.text
        found = _apposed["roles"] = {}
        lex = lexicon()
        text = ctx.text
        for m in _THE_ROLE.finditer(text):
            role = m.group(1)
            if role in lex.honorifics or role in _NOT_ROLES:
                continue
            named = _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if named is None or not named.group(1) and named.group(2).lower() in lex.stop_capitals:
                continue  # ("Why, the doctor.")
            if not _in_quotation(ctx, named.start()):  # (what the dialogue says is no narration's apposition)
                found.setdefault(role, Counter())[(named.group(1) or "", named.group(2))] += 1
                _apposed.setdefault("at", {}).setdefault((role, named.group(1) or "", named.group(2)), named.span())
    return found


def apposed_name(ctx: Context, role: str) -> tuple[int, int] | None:
    """Where the text first names the one character it gives ``role`` in apposition (four in
    five of the role's appositions name them), if one."""
    counts = apposed_roles(ctx).get(role)
    if not counts:
        return None
    (hon, name), n = counts.most_common(1)[0]
    if n < 0.8 * sum(counts.values()):
        return None
    return _apposed["at"][(role, hon, name)]


_apposed: dict = document_memo()  # (for one text: the roles and where each name stands)
# "Holmes, the first, …", "James, the former,": who comes where in a list, not a role
_NOT_ROLES = frozenset("first second third last other former latter rest same one whole".split())


def _join_titles(ctx: Context, quote_entity: dict[int, Entity]) -> None:
    """Fiction: "said the doctor" in a novel whose only doctor the text names "Doctor
    Kestrel" is Mr. Kestrel; "said the beadle" where the text calls only Mr. Pobble "Mr.
    Pobble, the beadle," is Mr. Pobble — a description whose noun the text gives one surname
    (as a title before it, or as an appositive after it) is that character."""
    honorifics = lexicon().honorifics
    nouns = {e.key[1].split()[-1] for e in quote_entity.values() if e.key[0] == "desc" and e.key[1].split()}
    nouns = {t for t in nouns if t not in _HON_CLASS}
    if not nouns:
        return
    surnames: dict[str, Counter] = defaultdict(Counter)
    text = ctx.text
    if any(noun in honorifics for noun in nouns):
        for m in matches_at(_TITLE_NAME, text, capital_pairs(ctx)):
            title = m.group(1).lower()
            if title in nouns and title in honorifics:
                surnames[title][m.group(2)] += 1
    if any(noun not in honorifics for noun in nouns):
        for role, counts in apposed_roles(ctx).items():  # "Mr. Pobble, the beadle,"
            if role in nouns:
                surnames[role].update(counts)
    by_last: dict[str, list[Entity]] = defaultdict(list)
    for e in {id(e): e for e in quote_entity.values()}.values():
        if e.kind == "person" and e.key[0] in ("full", "single") and (e.full or e.hon_name):
            by_last[e.key[2]].append(e)
    joined: dict[str, Entity | None] = {}
    named_as: dict[str, str] = {}
    for i, e in list(quote_entity.items()):
        if e.key[0] != "desc" or not e.key[1].split() or e.key[1].split()[0] not in ("the", "a", "an"):
            continue
        title = e.key[1].split()[-1]
        if title not in joined:
            joined[title] = None
            counts = surnames.get(title)
            if counts:
                named, n = counts.most_common(1)[0]
                hon, surname = named if isinstance(named, tuple) else ("", named)
                people = by_last.get(surname.lower(), [])
                if hon and len(people) > 1:  # "Mr. Pobble, the beadle": not Mrs. Pobble
                    people = [e for e in people if e.key[0] == "single" and e.key[1] == _HON_CLASS.get(hon.lower())]
                elif len(people) > 1:  # "the general": General Drummond, not Henry Drummond
                    people = [e for e in people if any(n.lower().startswith(title + " ") for n in e.names)]
                if n >= 0.8 * sum(counts.values()) and len(people) == 1:
                    joined[title] = people[0]
                elif n >= 0.8 * sum(counts.values()) and not people and not hon and honorifics.get(title) == "?":
                    named_as[title] = f"{title.capitalize()} {surname}"
        if joined[title] is None and title in named_as:
            # "the general" of a novel whose one general is General Drummond, who speaks
            # under no other name: the description is named so
            e.hon_name = named_as[title]
        if joined[title] is not None:
            target = joined[title]
            for name, count in e.names.items():
                target.names[name] += count
            quote_entity[i] = target


SALIENCE_WINDOW = 3000  # characters of narration before a quotation that set its scene
SALIENCE_MIN_QUOTES = 5  # a description must speak this often, and one name lead its scenes
SALIENCE_SHARE = 0.6  # … in at least this share of those that name someone
_PLAIN_DESCRIPTION = re.compile(r"the(?:\s+[a-z]+){1,2}")


def _plain_descriptions(ctx: Context, quote_entity: dict[int, Entity], min_quotes: int):
    """The plain descriptions of people with a gender ("the girl", "the old lady") that speak
    at least ``min_quotes`` times, for the joins below: (entities by id, each entity's
    quotations, those descriptions, the named mentions' starts and mentions) — None when
    there are none, or no named mention to join them to."""
    by_entity: dict[int, list[int]] = defaultdict(list)
    for i, e in quote_entity.items():
        by_entity[id(e)].append(i)
    entities = {id(e): e for e in quote_entity.values()}
    plain = [
        e for e in entities.values()
        if e.key[0] == "desc" and e.kind == "person" and e.gender in ("m", "f") and not e.hon_name
        and len(by_entity[id(e)]) >= min_quotes
        and all(_PLAIN_DESCRIPTION.fullmatch(" ".join(name.split())) for name in e.names)
    ]
    if not plain:
        return None
    found = _named_mentions(ctx, entities, by_entity, plain)
    if found is None:
        return None
    starts, mentions = found
    return entities, by_entity, plain, starts, mentions


def _join_by_salience(ctx: Context, quote_entity: dict[int, Entity]) -> None:
    """Fiction: "said the girl", "said the old lady" — a plain description that speaks often
    is usually a character the narration has just named: in most of the scenes where it
    speaks, the character of its gender the narration last mentioned before its words (not
    the one it is talking to, who spoke just before or speaks just after) is the same one.
    Then the description is that character; a quotation whose narration names no one of its
    gender casts no vote. Descriptions with modifiers ("the man with the beard"), capitalised
    ones ("the Queen") and possessive ones ("his wife") stay as they are."""
    found = _plain_descriptions(ctx, quote_entity, SALIENCE_MIN_QUOTES)
    if found is None:
        return
    entities, by_entity, plain, starts, mentions = found
    for d in plain:
        quotes = by_entity[id(d)]
        votes = _salience_votes(ctx, quote_entity, d, quotes, starts, mentions)
        if not votes:
            continue
        best, n = votes.most_common(1)[0]
        if n >= SALIENCE_MIN_QUOTES and n >= SALIENCE_SHARE * sum(votes.values()):
            target = entities[best]
            for name, count in d.names.items():
                target.names[name] += count
            for scene in _scenes(ctx, quotes):
                other = _scene_other(ctx, quote_entity, entities, d, target, scene, starts, mentions)
                for i in scene:
                    quote_entity[i] = other or target


def _scene_other(
    ctx: Context, quote_entity: dict[int, Entity], entities: dict, d: Entity, target: Entity, scene: list[int], starts: list[int], mentions: list,
) -> Entity | None:
    """Fiction: a scene of a description the book joins to ``target`` ("the old lady") where
    ``target`` neither speaks nor is named in the narration, but the narration names another
    character of the description's gender before most of its words: that other character,
    there (the book's old lady is not the only old lady)."""
    lo = ctx.quotes[scene[0]].start - SALIENCE_WINDOW
    hi = ctx.quotes[scene[-1]].end
    k = bisect.bisect_left(starts, lo)
    while k < len(starts) and starts[k] < hi:
        if mentions[k][1] is target:
            return None
        k += 1
    if any(quote_entity.get(j) is target for j in range(scene[0], scene[-1] + 1) if j not in scene):
        return None
    votes = _salience_votes(ctx, quote_entity, d, scene, starts, mentions)
    if not votes:
        return None
    best, n = votes.most_common(1)[0]
    return entities[best] if n >= SCENE_MIN_QUOTES and n >= SALIENCE_SHARE * len(scene) else None


SCENE_GAP = 4000  # characters between two quotations of a description that end its scene
SCENE_MIN_QUOTES = 2  # a scene's description must speak this often, one name leading


def _join_by_scene(ctx: Context, quote_entity: dict[int, Entity]) -> None:
    """Fiction: a plain description the whole book uses for several people ("the gentleman",
    "the woman") is, within one scene, one character: the one of its gender the narration
    last named before most of its quotations there (not the one it talks to). Scenes are runs
    of its quotations close together; a scene where it speaks only once stays as it is —
    unless the book names the description's person as soon as the scene ends (the first named
    character of its gender to speak next, see :func:`_named_after`): then that one, first."""
    found = _plain_descriptions(ctx, quote_entity, SCENE_MIN_QUOTES)
    if found is None:
        return
    entities, by_entity, plain, starts, mentions = found
    for d in plain:
        for scene in _scenes(ctx, sorted(by_entity[id(d)])):
            later = _named_after(ctx, quote_entity, d, scene)
            if later is not None:
                for i in scene:
                    quote_entity[i] = later
                continue
            if len(scene) < SCENE_MIN_QUOTES:
                continue
            votes = _salience_votes(ctx, quote_entity, d, scene, starts, mentions)
            if not votes:
                continue
            best, n = votes.most_common(1)[0]
            if n >= SCENE_MIN_QUOTES and n >= SALIENCE_SHARE * len(scene):
                target = entities[best]
                for i in scene:
                    quote_entity[i] = target


def _join_bound(ctx: Context, quote_entity: dict[int, Entity]) -> None:
    """Fiction: "“…, Sam,” said the coachman. “…,” said the porter" names the porter: the other
    quotations of the scene that "the porter" says are Sam's too — a description the dialogue
    binds to a name keeps it for the scene (when it binds it to one name only)."""
    from .sieves import too_old

    cue_words: dict[int, str] = {}
    for i in quote_entity:
        att = root_attribution(ctx, i)
        if att is not None and att.phrase is not None and att.phrase.kind == "DESC":
            words = " ".join(att.phrase.text.split())
            if _PLAIN_DESCRIPTION.fullmatch(words):
                cue_words[i] = words
    by_words: dict[str, list[int]] = defaultdict(list)
    for i in sorted(cue_words):
        by_words[cue_words[i]].append(i)
    for words, quotes in by_words.items():
        for scene in _scenes(ctx, quotes):
            named = {id(quote_entity[i]): quote_entity[i] for i in scene
                     if quote_entity[i].kind == "person" and quote_entity[i].key[0] in ("full", "single")}
            loose = [i for i in scene if quote_entity[i].key[0] == "desc"]
            if len(named) != 1 or not loose:
                continue
            (target,) = named.values()
            d = quote_entity[loose[0]]
            if d.gender in ("m", "f") and target.gender in ("m", "f") and d.gender != target.gender:
                continue
            if _too_young(ctx, d, target) or too_old(words, _canonical(target, True)):
                continue
            for i in loose:
                quote_entity[i] = target


def _scenes(ctx: Context, quotes: list[int]) -> list[list[int]]:
    """Quotations (in order) cut into runs whose gaps stay within :data:`SCENE_GAP`."""
    scenes: list[list[int]] = []
    for i in quotes:
        if scenes and ctx.quotes[i].start - ctx.quotes[scenes[-1][-1]].end <= SCENE_GAP:
            scenes[-1].append(i)
        else:
            scenes.append([i])
    return scenes


def _named_after(ctx: Context, quote_entity: dict[int, Entity], d: Entity, scene: list[int]) -> Entity | None:
    """Fiction: the character the book names once a description has spoken ("“…,” said the
    gentleman. … “…,” replied Mr. Hale"): the first named character of the description's
    gender to speak after its scene (within :data:`SCENE_GAP`), if they did not speak during
    it (then they were someone else of the scene) and do not answer it by calling someone by
    name (then they were its partner, and the name its own). When only one named character of
    its gender spoke during the scene, that one was the partner it talked to, passed over
    ("“…,” said the stranger. “…,” said Tom. … “…,” demanded Sam"): the next one is looked for."""
    from .sieves import vocatives

    first, last = scene[0], scene[-1]
    during = {id(quote_entity[j]) for j in range(first, last + 1) if j in quote_entity}
    partners = {id(e) for j in range(first, last + 1) if (e := quote_entity.get(j)) is not None and e is not d
                and e.kind == "person" and e.key[0] in ("full", "single") and e.gender == d.gender}
    end = ctx.quotes[last].end
    for j in range(last + 1, len(ctx.quotes)):
        if ctx.quotes[j].start - end > SCENE_GAP:
            return None
        e = quote_entity.get(j)
        if e is None or e is d or e.kind != "person" or e.key[0] not in ("full", "single") or e.gender != d.gender:
            continue
        if id(e) in during:
            if len(partners) == 1:
                continue  # (the one of its gender it talked to)
            return None
        if j == last + 1 and vocatives(ctx, j) or _too_young(ctx, d, e):
            return None
        return e
    return None


def _salience_votes(ctx: Context, quote_entity: dict[int, Entity], d: Entity, quotes: list[int], starts: list[int], mentions: list) -> Counter:
    """For each of description ``d``'s quotations, a vote for the character of its gender the
    narration last named before it (not one of the speakers of the turns around it)."""
    votes: Counter = Counter()
    for i in quotes:
        start = ctx.quotes[i].start
        around = {id(quote_entity[j]) for j in (i - 1, i + 1) if j in quote_entity}
        k = bisect.bisect_left(starts, start) - 1
        while k >= 0 and mentions[k][0] >= start - SALIENCE_WINDOW:
            e = mentions[k][1]
            if e.gender == d.gender and id(e) not in around and not _too_young(ctx, d, e):
                votes[id(e)] += 1
                break
            k -= 1
    return votes


def _too_young(ctx: Context, d: Entity, e: Entity) -> bool:
    """Whether description ``d`` ("the old gentleman") is of a grown-up and ``e`` a child."""
    from .sieves import too_young

    return too_young(ctx, d.key[1], e.full, e.hon_name, *e.names)


FORM_SHARE = 3  # times as many quotations as any other speaker called so a shared name's owner has


def _named_mentions(ctx: Context, entities: dict, by_entity: dict, plain: list[Entity]) -> tuple[list[int], list] | None:
    """Where the narration names a speaking character of the descriptions' genders, in the
    scenes before the descriptions' quotations: (positions, [(position, entity)])."""
    genders = {e.gender for e in plain}
    owners: dict[str, dict[int, Entity]] = defaultdict(dict)
    for e in entities.values():
        if e.kind != "person" or e.key[0] not in ("full", "single") or e.gender not in genders:
            continue
        if len(by_entity[id(e)]) < 3:
            continue
        first = e.full.split()[0] if e.full else ""  # "Nell" for Nell Marrow
        for name in (*e.names, e.full or "", first):
            if name[:1].isupper() and name.split()[0].lower() not in _NOT_NAMES:
                owners[name][id(e)] = e
    forms: dict[str, Entity] = {}
    for name, es in owners.items():
        # "John" of two Johns: no one — unless one of them speaks far more often (the "Nell"
        # of a Nell who speaks a hundred times and of a "Miss Nell" who speaks five: the
        # same woman, whom the attributions named two ways)
        ranked = sorted(es.values(), key=lambda e: -len(by_entity[id(e)]))
        if len(ranked) == 1 or len(by_entity[id(ranked[0])]) >= FORM_SHARE * len(by_entity[id(ranked[1])]):
            forms[name] = ranked[0]
    if not forms:
        return None
    rx = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    text = ctx.text
    mentions = []
    for lo, hi in _merged_windows(sorted(ctx.quotes[i].start for d in plain for i in by_entity[id(d)])):
        pos = lo
        while (m := rx.search(text, pos, hi)) is not None:
            pos = m.end()
            k = m.start()
            if not (k and (text[k - 1].isalnum() or text[k - 1] == "_")) and not text[pos : pos + 1].isalnum():
                if _in_quotation(ctx, k):
                    continue
                mentions.append((k, forms[m.group()]))
    return [pos for pos, _ in mentions], mentions


def _in_quotation(ctx: Context, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation: a name said in the dialogue is someone talked
    to or about, not the narration setting the scene."""
    q = bisect.bisect_right(ctx._quote_starts, pos) - 1
    return q >= 0 and pos < ctx._quote_ends[q]


def _merged_windows(starts: list[int]) -> list[tuple[int, int]]:
    """The stretches of text that set the scene of quotations starting at ``starts``."""
    windows: list[tuple[int, int]] = []
    for start in starts:
        lo = max(0, start - SALIENCE_WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], start)
        else:
            windows.append((lo, start))
    return windows


_INDEFINITE = frozenset("a an one another some several two three four many".split())


def _indefinite_descriptions(ctx: Context, refs: dict[int, NameRef]) -> set[int]:
    """News: quotations whose source is an indefinite description ("one Ruiz aide said",
    "a spokesman for the campaign said"): someone the article does not name, so not a
    named person who shares the role; likewise a title cut off before its "of"."""
    found = set()
    for i, ref in refs.items():
        if ref.kind != "desc":
            continue
        p = root_phrase(ctx, i)
        if p is not None and p.kind == "DESC" and (p.text.split()[0].lower() in _INDEFINITE or _OFFICE_OF.match(ctx.text, p.end)):
            found.add(i)
    return found


# "Secretary of State Ada Ruiz": a title of office cut off before its "of", not a description
# that a named person's role ("press secretary") shares
_OFFICE_OF = re.compile(r"\s+of\s+[A-Z]")


def _join_descriptions(quote_entity: dict[int, Entity], indefinite: set[int] | frozenset = frozenset(), news: bool = False) -> None:
    named = {id(e): e for e in quote_entity.values() if e.kind == "person" and (e.full or e.hon_name)}
    joined: dict[int, Entity | None] = {}
    # the lower-case words of each named entity's names (made when first asked for, and
    # kept up to date as joins add names): one set lookup instead of splitting every name
    # for every description
    name_words: dict[int, set[str]] = {}

    def words_of(n: Entity) -> set[str]:
        found = name_words.get(id(n))
        if found is None:
            found = name_words[id(n)] = {w for a in n.names for w in a.lower().split()}
        return found

    for i, e in list(quote_entity.items()):
        if e.key[0] != "desc" or i in indefinite or e.hon_name:
            continue  # (fiction: "the general" already named General Drummond)
        if id(e) not in joined:
            head = e.key[1].split()[-1] if e.key[1] else ""
            matches = [n for n in named.values() if n.role and head in _role_heads(n.role) and (not news or n.first_pos < e.first_pos)]
            if not matches:
                matches = [n for n in named.values() if head in words_of(n) and (not news or n.first_pos < e.first_pos)]
            best = max(matches, key=lambda n: sum(n.names.values())) if matches else None
            joined[id(e)] = best
            if best is not None:
                for name, count in e.names.items():
                    best.names[name] += count
                    if id(best) in name_words:
                        name_words[id(best)].update(name.lower().split())
        if joined[id(e)] is not None:
            quote_entity[i] = joined[id(e)]


_ROLE_PREPOSITIONS = frozenset("of for at with in on to from under".split())


def _role_heads(role: str) -> set[str]:
    """The head nouns of a role: the last word before its first preposition in each of its
    comma-separated parts ("a spokeswoman for the ministry": spokeswoman; "Ruiz's campaign
    manager": manager, not campaign)."""
    heads = set()
    for part in role.lower().split(","):
        words = part.split()
        cut = next((k for k, w in enumerate(words) if w in _ROLE_PREPOSITIONS), len(words))
        if cut:
            heads.add(words[cut - 1])
    return heads


_new_mention = constructor(Mention)  # Mention(...), built faster (.records)
_new_speaker = constructor(Speaker)  # Speaker(...), built faster (.records)


def mention_for(ctx: Context, i: int) -> tuple[Mention | None, Mention | None]:
    """The words an attribution rests on, and its speech verb."""
    att = ctx.attributions[i]
    if att is None:
        return None, None
    root = root_attribution(ctx, i) if att.same_as is not None else att
    if root is None:
        return None, None
    phrase = root.phrase
    mention = _new_mention(phrase.start, phrase.end, ctx.text[phrase.start : phrase.end]) if phrase else None
    cue = _new_mention(root.cue.start, root.cue.end, root.cue.word) if root.cue else None
    return mention, cue
