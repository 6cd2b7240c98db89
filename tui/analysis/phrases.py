"""Tagging narration with a lexicon and chunking speaker phrases with ``nltk.RegexpParser``.

The tag set is closeread's own (no trained tagger, so no ``nltk_data``):

=======  ============================================================
HON      honorific or title word: Mr, Mrs, Dr, Sen, President, Lady …
HDOT     the period after an abbreviated honorific (Mr. Dr.)
NNP      capitalised word or acronym that may be part of a name
NNPS     possessive proper name (Ruiz's, Elmford’s)
ROLE     role noun: spokesman, senator, minister, official …
DT       determiner: the, a, an
PRP$     possessive pronoun: his, her, their …
PRP      personal pronoun: he, she, they, it, I, we
VSAY     speech verb in any inflection: said, told, adding …
IN       preposition: by, with, to, from, for, of, at, in, on …
CC       "and" before a capitalised honorific ("the cook and Mr. Pell": two people)
W        any other word;  ``,`` ``:`` ``P`` punctuation
=======  ============================================================
"""

from __future__ import annotations

import re
import string
from functools import lru_cache, partial
from operator import itemgetter
from typing import NamedTuple

# isort: off
from . import _nltk  # noqa: F401  (NLTK without numpy/scipy: must come first)
# isort: on
from nltk.chunk import RegexpParser
from nltk.chunk.regexp import ChunkString
from nltk.tree import Tree

from .lexicon import lexicon
from .memo import vocabulary_memo

GRAMMAR = r"""
  POSSD:  {<NNP>*<NNPS><W|ROLE>*<ROLE><HON>?<HDOT>?<NNP>+}
  TITLED: {<DT><W|NNP|ROLE>*<ROLE|HON><HDOT>?<NNP>+}
          {<W><NNP|ROLE>*<ROLE><HDOT>?<NNP>+}
          {<NNP>+<W><ROLE>+<NNP>+}
          {<NNP|ROLE>*<ROLE|HON><HDOT>?<NNP>+}
  DESC:   {<HON><HDOT>?<NNPS><W|NNP|NNPS|ROLE>*<ROLE>+}
          {<DT|PRP\$|NNPS><W|NNP|NNPS|ROLE>*<ROLE>+}
  ORG:    {<DT><NNP>+}
  NAME:   {<NNP>*<NNPS>}
          {<NNP>+}
  DESC:   {<W>*<ROLE>+}
  PRON:   {<PRP>}
"""

PREPOSITIONS = frozenset(
    "by with to from for of at in on about into onto upon against among between via "
    "without within toward towards across behind during under over".split()
)
PRP_SUBJECT = frozenset("he she they it i we you".split())
PRP_POSSESSIVE = frozenset("his her their its my our your".split())
DETERMINERS = frozenset("the a an another".split())
_POSSESSIVE = re.compile(r"^(.*\w)['’]s?$")


def _contracted_pronoun(low: str) -> bool:
    """ "he'd", "she's", "they’re": a subject pronoun with its verb."""
    head, sep, _ = low.replace("’", "'").partition("'")
    return bool(sep) and head in PRP_SUBJECT


NAME_PARTICLES = frozenset("al el de del della der di da du la le van von ben bin ibn dos das".split())
_NEXT_CAPITAL = re.compile(r"\s+[A-Z]")


def _next_is_capital(text: str, pos: int, stop: int) -> bool:
    return _NEXT_CAPITAL.match(text, pos, stop) is not None


_NEXT_PARTICLE = re.compile(r"\s+(\w+)")


def _name_continues(text: str, pos: int, stop: int) -> bool:
    """A capitalised word follows ``pos`` before ``stop``, possibly after another particle
    ("van der Berg")."""
    for _ in range(3):
        if _next_is_capital(text, pos, stop):
            return True
        m = _NEXT_PARTICLE.match(text, pos, stop)
        if m is None or m.group(1) not in NAME_PARTICLES:
            return False
        pos = m.end()
    return False


@lru_cache(maxsize=1)
def chunker() -> RegexpParser:
    return RegexpParser(GRAMMAR)


class Token(NamedTuple):
    """A tagged word of narration (immutable; a named tuple because the tagger makes tens of
    thousands of them per novel, and a tuple is built twice as fast as a frozen dataclass)."""

    start: int
    end: int
    word: str
    tag: str


class Phrase(NamedTuple):
    """A chunked phrase that can name a speaker (immutable; a named tuple, as :class:`Token`
    is, because the chunker makes thousands per novel and a tuple is built several times
    faster than a frozen dataclass's slots are filled; two phrases compare and hash as the
    dataclass's did, field by field)."""

    kind: str  # POSSD TITLED ORG NAME DESC PRON
    start: int
    end: int
    text: str
    head: str  # the name inside the phrase (or the phrase itself)
    head_start: int
    head_end: int
    role: str | None
    first: int  # index of its first token in the token list
    last: int  # index of its last token


# Phrase(...) from a tuple of its fields, without a Python-level frame (``Phrase._make`` is a
# classmethod of Python that makes the same tuple; every caller passes the ten fields)
_new_phrase = partial(tuple.__new__, Phrase)


# ``TOKEN_RE``'s words, each match taking the white space before it: every character but
# white space starts a token, so the words found are the same, but ``findall`` tries the
# pattern's alternatives once per token instead of at each space (a sixth quicker); the
# white space is a group of its own, so its length places the word. The pattern is
# TOKEN_PATTERN written so that ``re`` does less for each word: an alternative that opens
# with a class of characters is passed over at a character outside it ("[A-Z]\.(?:[A-Z]\.)+"
# for "(?:[A-Z]\.){2,}", the same strings), and a run of word characters that no
# apostrophe, period or hyphen joins to more of them is taken whole ("\w++(?!…)") before
# the general form, whose repeated group costs ``re`` an allocation at every word (and before
# the number with thousands' commas, "2,000", tried only where a comma and a digit follow)
_TOKEN_PATTERN_FAST = r"[A-Z]\.(?:[A-Z]\.)+|[A-HJ-Z]\.(?=\s+[A-Z][a-z])|\w++(?!['’.\-]\w|,\d)|\d{1,3}(?:,\d{3})+(?!\d)|\w+(?:['’.\-]\w+)*|[^\w\s]"
# The words are read with two alternatives first that take the commonest tokens at once. A run
# of lower-case ASCII letters that no word character follows is the run ``\w++`` takes there
# (the alternatives before that one need a capital), so with the same look-ahead it is that
# alternative's match, found with a range of letters instead of a look-up of each
# character's category; a character that is neither a word character nor white space can
# start no other alternative than the last (all the others open with a word character), so
# it is taken before them; a capital and lower-case letters are that alternative's match as
# well (the two before it need a period after the capital). The white space is possessive:
# no alternative starts with it, so giving it back never lets one match.
_TOKEN_WORDS = re.compile(
    r"(\s*+)([a-z]++(?!\w|['’.\-]\w|,\d)|[^\w\s]|[A-Z][a-z]++(?!\w|['’.\-]\w|,\d)|"
    + _TOKEN_PATTERN_FAST.removesuffix(r"|[^\w\s]")
    + ")"
)


def tag_tokens(text: str, start: int, end: int, names: frozenset[str] = frozenset()) -> list[Token]:
    """Tag the words of ``text[start:end]`` (see the module's table). Nothing outside that
    stretch counts: the patterns run with ``end`` as the end of the text (none of them looks
    behind a match), and offsets come out absolute. ``names``: capitalised common words this
    document uses as first names ("May", "Will": see :meth:`.context.Context.name_words`)."""
    tokens: list[Token] = []
    append = tokens.append
    new_token = tuple.__new__  # what ``Token(…)`` calls, without its Python-level frame
    static = _static_tags
    capitals = _capital_info
    prev_tag = ""
    prev_word = ""
    # the words and the white space before each (no match objects): the matches follow one
    # another from ``start`` (every character but white space is part of a token), so each
    # word starts where the one before ended, past its white space
    hi = start
    for space, word in _TOKEN_WORDS.findall(text, start, end):
        lo = hi + len(space)
        hi = lo + len(word)
        tag = static.get(word)
        if tag is None and word == ".":
            tag = "HDOT" if prev_tag == "HON" else "P"  # (as _tag_other says: never remembered)
        elif tag is None:
            info = capitals.get(word)
            if info is None and word[0].isupper():
                info = _remember_capital(word)
            if info is not None:
                # a capitalised word: what the word alone says, then its context
                speech_verb, fixed, after_verb, common, adverb_like, possessive = info
                if speech_verb and prev_tag in ("", "P", ",", ":") and not prev_word[:1].isupper() and not _verb_follows(text, hi, end):
                    tag = "VSAY"  # "Said he", "Asked about it, …" (but "Read said": a name)
                elif fixed == "HON":
                    # "the Duchess", "the King": a title used as the name itself
                    tag = "HON" if _name_continues(text, hi + (hi < end and text[hi] == "."), end) else "NNP"
                    if prev_word == "and" and tag == "HON":
                        # "the old cook and Mr. Pell": two people, no phrase runs across the "and"
                        tokens[-1] = new_token(Token, (*tokens[-1][:3], "CC"))
                elif fixed is not None:
                    tag = fixed
                elif prev_tag == "VSAY" and after_verb:
                    tag = "NNP"  # "said May", "cried Will"
                elif common and word not in names:
                    tag = "W"
                elif adverb_like and prev_tag in ("", "P"):
                    tag = "W"
                elif possessive:
                    tag = "NNPS"
                else:
                    tag = "NNP"
            else:
                tag = _tag_other(word, prev_tag, text, hi, end)
        append(new_token(Token, (lo, hi, word, tag)))
        prev_tag = tag
        prev_word = word
    return tokens


def _tag_other(word: str, prev_tag: str, text: str, e: int, stop: int) -> str:
    """The tag of a word that does not start with a capital (remembered when the context
    played no part)."""
    first = word[0]
    if not (first.isalnum() or first == "_"):
        if word == ".":
            return "HDOT" if prev_tag == "HON" else "P"
        tag = word if word in ",:" else "P"
    else:
        low = word.lower()
        tag = _listed_tags().get(low)
        if tag is None:
            # a word of none of the lists (most words): a pronoun with its verb ("he'd"), a
            # role after a hyphenated prefix ("ex-senator"), or any other word
            if ("'" in low or "’" in low) and _contracted_pronoun(low):
                tag = "PRP"
            elif "-" in low and _prefixed_role(low):
                tag = "ROLE"
            else:
                tag = "W"
        elif tag == _WEAK_VERB:
            # "press secretary", "state senator", "state Rep.": a noun modifying the role
            # after it (decided by the next word, so never remembered)
            return "W" if _role_follows(text, e, stop) else "VSAY"
        elif tag == _PARTICLE:
            if prev_tag in ("NNP", "HON", "HDOT") and _name_continues(text, e, stop):
                return "NNP"  # "Michery el Soheil", "Ludwig van Beethoven", "Mr. van der Berg"
            return "W"
    _static_tags[word] = tag
    return tag


_WEAK_VERB = "(weak verb)"  # a speech verb that may be a noun: the next word decides
_PARTICLE = "(particle)"  # a name particle ("van"): the words around it decide


@lru_cache(maxsize=1)
def _listed_tags() -> dict[str, str]:
    """What :func:`_tag_other` makes of each word of the lists it reads (the lexicon's and
    this module's), in lower case: the first list that holds it decides, in this order —
    speech verb, pronoun, possessive, determiner, role, preposition, name particle — so a
    word the tagger has not met takes one look-up instead of one a list (a word of no list
    is a pronoun or a role only with an apostrophe or a hyphen, else W)."""
    lex = lexicon()
    words = [*lex.speech_verb_base, *PRP_SUBJECT, "him", "them", "me", "us", *PRP_POSSESSIVE, *DETERMINERS, *lex.role_nouns,
             *lex.honorifics, *PREPOSITIONS, *NAME_PARTICLES]  # fmt: skip
    tags: dict[str, str] = {}
    for low in words:
        if low in lex.speech_verb_base:
            tag = _WEAK_VERB if low in lex.weak_verbs else "VSAY"
        elif low in PRP_SUBJECT or low in ("him", "them", "me", "us") or ("'" in low or "’" in low) and _contracted_pronoun(low):
            tag = "PRP"  # (a word that does not start with a capital is never all capitals)
        elif low in PRP_POSSESSIVE:
            tag = "PRP$"
        elif low in DETERMINERS:
            tag = "DT"
        elif low in lex.role_nouns or (low in lex.honorifics and len(low) > 3) or _prefixed_role(low):
            tag = "ROLE"
        elif low in PREPOSITIONS:
            tag = "IN"
        elif low in NAME_PARTICLES:
            tag = _PARTICLE
        else:
            tag = "W"
        tags[low] = tag
    return tags


def _verb_follows(text: str, pos: int, stop: int) -> bool:
    """The next word is a speech verb in lower case ("Read said": "Read" is the name)."""
    m = _NEXT_PARTICLE.match(text, pos, stop)
    return m is not None and m.group(1).islower() and m.group(1) in lexicon().speech_verb_base


def _role_follows(text: str, pos: int, stop: int) -> bool:
    """The next word is a role noun or an honorific ("secretary", "senator", "Rep.")."""
    m = _NEXT_PARTICLE.match(text, pos, stop)
    if m is None:
        return False
    nxt = m.group(1).lower()
    return nxt in lexicon().role_nouns or nxt in lexicon().honorifics


def _prefixed_role(low: str) -> bool:
    """ "co-founder", "ex-senator", "vice-chairman": a role noun after a hyphenated prefix."""
    if "-" not in low:
        return False  # (most words: no partition to make)
    head, sep, role = low.rpartition("-")
    return bool(head) and role in lexicon().role_nouns


def _remember_capital(word: str) -> tuple:
    """What a capitalised word's tag depends on, from the word alone (memoised):
    (may be a speech verb, a tag fixed by the word, "said May" reading, a common word, an
    -ing/-ly word, a possessive)."""
    lex = lexicon()
    low = word.lower()
    if low not in _capital_listed() and "-" not in low and "'" not in low and "’" not in low:
        # (most capitalised words, names: in none of the lists below, so no speech verb,
        # no fixed tag and no possessive)
        speech_verb = False
        fixed = None
        possessive = False
    else:
        speech_verb, fixed, possessive = _listed_capital(word, low, lex)
    info = (
        speech_verb,
        fixed,
        word[1:].islower() and not possessive,
        low in lex.stop_capitals or low in lex.non_person_capitals,
        low.endswith(("ing", "ly")) and len(low) > 5,
        possessive,
    )
    _capital_info[word] = info
    if not speech_verb and fixed != "HON" and (fixed is not None or not (info[3] or info[4])):
        # no context can change this word's tag (see tag_tokens): a fixed tag, or a name
        # that is neither a common word nor an -ing/-ly word ("said May" reads a name too)
        _static_tags[word] = fixed if fixed is not None else "NNPS" if possessive else "NNP"
    return info


@lru_cache(maxsize=1)
def _capital_listed() -> frozenset[str]:
    """Every word of the lists :func:`_listed_capital` reads, in lower case."""
    lex = lexicon()
    return frozenset([*lex.speech_verb_base, *PRP_SUBJECT, "him", "them", "me", "us", *PRP_POSSESSIVE, *DETERMINERS,
                      *lex.honorifics, *lex.role_nouns, *PREPOSITIONS])  # fmt: skip


def _listed_capital(word: str, low: str, lex) -> tuple:
    """(may be a speech verb, the tag the word fixes, a possessive) of a capitalised word."""
    speech_verb = low in lex.speech_verb_base and low not in lex.honorifics
    if (low in PRP_SUBJECT or low in ("him", "them", "me", "us") or ("'" in low or "’" in low) and _contracted_pronoun(low)) and (
        word == "I" or not word.isupper()
    ):
        fixed = "PRP"
    elif low in PRP_POSSESSIVE:
        fixed = "PRP$"
    elif low in DETERMINERS:
        fixed = "DT"
    elif low in lex.honorifics and low not in lex.role_nouns:
        fixed = "HON"  # or NNP: depends on what follows
    elif low in lex.role_nouns or _prefixed_role(low):
        fixed = "ROLE"
    elif low in PREPOSITIONS:
        fixed = "IN"
    else:
        fixed = None
    possessive = ("'" in word or "’" in word) and _POSSESSIVE.match(word) is not None  # (it needs an apostrophe)
    return speech_verb, fixed, possessive


# Tags that depend on the word alone: words that do not start with a capital, other than "."
# (HDOT after an honorific) and name particles ("van" inside a name). Most words of any
# text are such, and the same ones recur (vocabulary memos: see :mod:`.memo`). Capitalised
# words keep what their tag depends on in ``_capital_info``, and those whose tag no context
# changes (most names) are static tags too.
_static_tags: dict[str, str] = vocabulary_memo()
_capital_info: dict[str, tuple] = vocabulary_memo()


def nltk_chunk_tags(tags: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """Chunks of a tag sequence through NLTK's own ``ChunkString`` machinery (the reference
    that :func:`chunk_tags` reproduces; kept for tests and for checking)."""
    tree = Tree("S", list(enumerate(tags)))
    for stage in chunker()._stages:
        chunkstr = ChunkString(tree, debug_level=0)
        stage._notrace_apply(chunkstr)
        tree = chunkstr.to_chunkstruct(stage._chunk_label)
    out = []
    for node in tree:
        if isinstance(node, Tree):
            idx = [leaf[0] for leaf in node.leaves()]
            out.append((node.label(), idx[0], idx[-1]))
    return tuple(out)


@lru_cache(maxsize=1)
def _stages() -> tuple[tuple[str, str, tuple[tuple[re.Pattern, frozenset[str], frozenset[str] | None], ...]], ...]:
    """The grammar's stages as (label, its code, rules), each rule the regular expression
    NLTK's RegexpParser compiled for it, rewritten over one character per item
    (:func:`_compact`) and compiled with ``re`` (NLTK 3.10 runs its own through a
    time-guarded engine that dominates the cost of chunking), with the codes of the tags it
    cannot match without (:func:`_required_tags`)."""
    stages = []
    for stage in chunker()._stages:
        rules = []
        for rule in stage._rules:
            pattern = rule._regexp._rx.pattern
            if rule._repl != "{\\g<chunk>}":
                raise ValueError(f"not a chunk rule: {rule}")
            need, choice = _required_tags(pattern)
            rules.append((re.compile(_compact(pattern)), frozenset(map(_code, need)), None if choice is None else frozenset(map(_code, choice))))
        stages.append((stage._chunk_label, _code(stage._chunk_label), tuple(rules)))
    return tuple(stages)


_CODES: dict[str, str] = {}
# the codes, in order: ASCII letters, then Latin-1's, then letters past it (a text of
# Latin-1 characters is the quickest for ``re`` to scan and for ``set`` to read: each of its
# one-character strings is a shared object)
_CODE_LETTERS = string.ascii_letters + "".join(chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha())


def _code(tag: str) -> str:
    """The one character that stands for ``tag`` (or a chunk's label) in :func:`_chunk_tags`'s
    strings: a letter of its own, never a brace nor a character a class of a pattern treats
    specially."""
    code = _CODES.get(tag)
    if code is None:
        n = len(_CODES)
        code = _CODES.setdefault(tag, _CODE_LETTERS[n] if n < len(_CODE_LETTERS) else chr(0x100 + n))
    return code


_CHUNK_LOOKAHEAD = r")(?=[^\}]*(\{|$))"


def _compact(pattern: str) -> str:
    """A rule's pattern over NLTK's ``<TAG>`` items (``(?P<chunk>(<(NNP|ROLE)>)*(<(HON)>)…)``
    and a look-ahead that keeps the match out of the chunks made before) rewritten over one
    code a tag (``[…]*[…]…``). Each tag pattern matches one whole item in both, braces are
    the same characters, and the look-ahead reads only braces, so the matches are the same
    items."""
    body = pattern.removeprefix("(?P<chunk>")
    cut = body.find(_CHUNK_LOOKAHEAD)
    found = _TAG_PATTERN.findall(body[:cut])
    if not pattern.startswith("(?P<chunk>") or cut < 0 or body[cut:] != _CHUNK_LOOKAHEAD or "".join(
        f"(<({alternatives})>){quantifier}" for alternatives, quantifier in found
    ) != body[:cut]:
        raise ValueError(f"not a pattern of tags: {pattern}")
    classes = "".join(
        "[" + "".join(_code(tag.replace("\\", "")) for tag in alternatives.split("|")) + "]" + quantifier
        for alternatives, quantifier in found
    )
    return "(?P<chunk>" + classes + _CHUNK_LOOKAHEAD


def _brace(m: re.Match) -> str:
    """``m.expand(r"{\\g<chunk>}")`` for a rule's match (its ``chunk`` group is the whole match:
    only a look-ahead follows it), without ``re``'s template machinery, which a string
    replacement goes through on every ``sub``."""
    return "{" + m.group() + "}"


_TAG_PATTERN = re.compile(r"\(<\(([^()]*)\)>\)([*+?]?)")


def _required_tags(pattern: str) -> tuple[frozenset[str], frozenset[str] | None]:
    """What a rule's pattern (NLTK's: ``(<(NNP|ROLE)>)*(<(HON)>)…``) cannot match without:
    the tags of its tag patterns that are neither optional (``*``, ``?``) nor a choice, and
    the choices of its first required choice (``ROLE|HON``: one of them)."""
    need: set[str] = set()
    choice = None
    for alternatives, quantifier in _TAG_PATTERN.findall(pattern):
        tags = [tag.replace("\\", "") for tag in alternatives.split("|")]
        if quantifier in ("", "+"):
            if len(tags) == 1:
                need.add(tags[0])
            elif choice is None:
                choice = frozenset(tags)
    return frozenset(need), choice


def chunk_tags(tags: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """Chunks of a tag sequence as (label, first, last) token indices.

    Applies the stages of :func:`chunker`'s ``RegexpParser`` the way NLTK's ``ChunkString``
    does (a string of ``<TAG>`` items; each rule only adds braces; a chunk of an earlier stage
    is one item tagged with its label).

    No rule of the grammar names punctuation, prepositions or speech verbs, so no chunk
    crosses one: the sequence is chunked in the runs between them, and each run is memoised
    (the same short runs — "DT W", "NNP NNP", "PRP" — recur all through any text). Short
    sequences recur whole (", VSAY PRP P" after a line of dialogue) and are memoised too.
    Sequences, runs and their memos' keys are strings of one code a tag (:func:`_sequence`):
    a string is sliced and hashed quicker than a tuple.
    """
    return _chunk_sequence(_sequence(tags))


def _sequence(tags: tuple[str, ...]) -> str:
    """The tags as one code each (:func:`_code`), every separator as a space."""
    try:
        return "".join(map(_SEQUENCE_CODES.__getitem__, tags))
    except KeyError:  # (a tag not met yet)
        for tag in tags:
            if tag not in _SEQUENCE_CODES:
                _SEQUENCE_CODES[tag] = " " if tag in _SEPARATORS else _code(tag)
        return "".join(map(_SEQUENCE_CODES.__getitem__, tags))


def _chunk_sequence(seq: str) -> tuple[tuple[str, int, int], ...]:
    if len(seq) <= _SHORT:
        found = _sequence_memo.get(seq)
        if found is None:
            found = _sequence_memo[seq] = _chunk_runs(seq)
        return found
    return _chunk_runs(seq)


def _chunk_runs(seq: str) -> tuple[tuple[str, int, int], ...]:
    out: list[tuple[str, int, int]] = []
    start = 0
    # each run between separators (a space each: empty runs between two of them), most of
    # which chunk to nothing: no offsets to shift
    for run in seq.split(" "):
        if run:
            found = _chunk_memo.get(run)
            if found is None:
                found = _chunk_memo[run] = _chunk_live(run)
            if found:
                if start:
                    out.extend([(label, first + start, last + start) for label, first, last in found])
                else:
                    out.extend(found)
        start += len(run) + 1
    return tuple(out)


def _chunk_live(run: str) -> tuple[tuple[str, int, int], ...]:
    """``_chunk_tags`` of a run (a string of codes: :func:`_sequence`) the memo has not
    seen, from the memo's pieces where it can: every rule of the grammar that takes a W (a
    modifier) has a ROLE or an HON after it in the chunk, so a W with neither later in the
    run is in no chunk — like a separator, it splits the run, and the shorter pieces around
    it are the ones that recur. (The dead W's are those after the run's last ROLE or HON.)"""
    live = max(run.rfind(_code("ROLE")), run.rfind(_code("HON"))) + 1  # (the dead W's are after it)
    w = _code("W")
    if w not in run[live:]:
        return _chunk_codes(run)
    tail = run[live:].split(w)
    out: list[tuple[str, int, int]] = []
    start = 0
    for k, piece in enumerate(tail):
        if k == 0:
            piece = run[:live] + piece
        if piece:
            found = _chunk_memo.get(piece)
            if found is None:
                found = _chunk_memo[piece] = _chunk_codes(piece)
            out.extend([(label, first + start, last + start) for label, first, last in found])
        start += len(piece) + 1
    return tuple(out)


_SEPARATORS = frozenset({",", ":", "P", "IN", "VSAY", "CC"})
# The tagger's tags and the grammar's labels, coded first and in this order: a code then
# means the same tag in every process, whatever it chunks first, so the memos' keys (strings
# of codes) mean the same sequences in a vocabulary snapshot kept or read by another process
_KNOWN_TAGS = ("HON", "HDOT", "NNP", "NNPS", "ROLE", "DT", "PRP$", "PRP", "VSAY", "IN", "CC", "W", ",", ":", "P",
               "POSSD", "TITLED", "DESC", "ORG", "NAME", "PRON")  # fmt: skip
for _tag in _KNOWN_TAGS:
    _code(_tag)
# tag -> its code in a sequence (a separator: a space)
_SEQUENCE_CODES: dict[str, str] = {tag: " " if tag in _SEPARATORS else _code(tag) for tag in _KNOWN_TAGS}
_chunk_memo: dict[str, tuple[tuple[str, int, int], ...]] = vocabulary_memo(20_000)
_SHORT = 24
_sequence_memo: dict[str, tuple[tuple[str, int, int], ...]] = vocabulary_memo(20_000)


def _chunk_tags(tags: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """The chunks of any tag sequence, each tag one item (separators too)."""
    try:
        s = "".join(map(_CODES.__getitem__, tags))
    except KeyError:  # (a tag no grammar names, met for the first time)
        s = "".join([_code(tag) for tag in tags])
    return _chunk_codes(s)


def _chunk_codes(s: str) -> tuple[tuple[str, int, int], ...]:
    # an item: (tag, first token, last token, is a chunk); ``s``: one code an item, and the
    # braces the rules add (a rule only adds braces: the items change only between stages)
    items = None  # (made when a stage first makes a chunk; a tag item's tag is never read)
    n = len(s)
    present = set(s)  # the items' codes (they change only where a stage makes a chunk)
    for label, label_code, rules in _stages():
        for rx, need, choice in rules:
            # a rule without all the tags it needs cannot match (most rules match nothing);
            # ``sub`` finds the same first match as ``search``, but costs more when there is
            # none
            if need <= present and (choice is None or not choice.isdisjoint(present)) and rx.search(s) is not None:
                s = rx.sub(_brace, s).replace("{}", "")
        if "{" not in s:
            continue  # no chunk: the next stage sees the same items
        if items is None:
            items = [("", i, i, False) for i in range(n)]
        grouped: list[tuple[str, int, int, bool]] = []
        codes: list[str] = []
        opened = -1  # the first item of the chunk being read, if any
        k = 0
        for ch in s:
            if ch == "{":
                opened = k
            elif ch == "}":
                grouped.append((label, items[opened][1], items[k - 1][2], True))  # (never empty: "{}" is gone)
                codes.append(label_code)
                opened = -1
            else:
                if opened < 0:
                    grouped.append(items[k])
                    codes.append(ch)
                k += 1
        items = grouped
        s = "".join(codes)
        present = set(s)
    if items is None:
        return ()
    return tuple((tag, first, last) for tag, first, last, is_chunk in items if is_chunk)


_TAG = itemgetter(3)  # (Token.tag)


def chunk_phrases(text: str, tokens: list[Token], news: bool = False) -> list[Phrase]:
    """Speaker phrases in ``tokens`` (one tagged window of narration). ``news``: a word that
    opens a clause ("what aide Ada Finch called", "and spokesman Tom Pell said") is left out
    of the phrase after it."""
    if not tokens:
        return []
    seq = _sequence(tuple(map(_TAG, tokens)))
    chunks = _chunk_sequence(seq)
    out = [_phrase(text, tokens, label, i, j) for label, i, j in chunks]
    if news and chunks:
        # the chunks a clause word may open or a verb may cut, by their tags alone (memoised
        # by the tags' codes — W and ROLE are no separators, so the codes tell them: usually
        # none): one that opens with a W, or a description or titled name with a W right
        # after a ROLE inside it
        suspects = _news_suspects.get(seq)
        if suspects is None:
            suspects = _news_suspects[seq] = tuple(
                n for n, (label, i, j) in enumerate(chunks)
                if i < j and (seq[i] == _W_CODE or (label == "DESC" or label == "TITLED") and _ROLE_W in seq[i:j])
            )
        for n in suspects:
            label, i, j = chunks[n]
            out[n] = _news_phrase(text, tokens, label, i, j)
    return out


_news_suspects: dict[str, tuple[int, ...]] = vocabulary_memo(20_000)
_W_CODE = _code("W")
_ROLE_W = _code("ROLE") + _code("W")


def _news_phrase(text: str, tokens: list[Token], label: str, i: int, j: int) -> Phrase:
    if i < j:
        first = tokens[i]
        if first[3] == "W" and first[2].lower() in CLAUSE_WORDS:  # (.tag, .word)
            i += 1
        if j - i >= 2 and (label == "DESC" or label == "TITLED"):
            # "The Westmarch senator emailed members": a verb after the role noun ends the phrase
            for k in range(i + 1, j):
                tok = tokens[k]
                if tok[3] == "W" and tokens[k - 1][3] == "ROLE" and tok[2].endswith("ed") and tok[2].islower():
                    label, j = "DESC", k - 1
                    break
    return _phrase(text, tokens, label, i, j)


# words that open a clause, never a speaker phrase (tagged W, so a rule with a leading W
# could take them)
CLAUSE_WORDS = frozenset("what which who whom whose that and but or nor when where while whether".split())


_NAME_TAGS = frozenset(("NNP", "HON", "HDOT"))
_ROLE_TAGS = frozenset(("ROLE", "HON", "NNPS"))


def _phrase(text: str, tokens: list[Token], kind: str, i: int, j: int) -> Phrase:
    start, end = tokens[i][0], tokens[j][1]  # (.start, .end)
    if kind != "POSSD" and kind != "TITLED":
        # the phrase is its own head (but for a possessive's ending)
        words = text[start:end]
        m = _POSSESSIVE.match(words) if tokens[j][3] == "NNPS" else None
        if m:
            head = m.group(1)
            return _new_phrase((kind, start, end, words, head, start, start + len(head), None, i, j))
        return _new_phrase((kind, start, end, words, words, start, end, None, i, j))
    # the name is the trailing run of NNP (with its honorific)
    k = j
    while k > i and tokens[k - 1][3] in _NAME_TAGS:  # ([3]: .tag)
        k -= 1
    # a name does not come before its title: "Navy Capt. Jeff Davis" is Capt. Jeff Davis
    # (an honorific after the name's first word: the last one before the phrase's end)
    if k < j and tokens[k][3] == "NNP":
        hon = j - 1
        while hon > k and tokens[hon][3] != "HON":
            hon -= 1
        while k < j and tokens[k][3] == "NNP" and hon > k:
            k += 1
    head_i = k
    role = None
    if k > i:
        role_tokens = [t for t in tokens[i:k] if t[3] != "DT"]
        if role_tokens and role_tokens[0][3] == "W" and len(role_tokens) == 1:
            role_tokens = []  # "met Mr Castell": a verb, not a role
        for t in role_tokens:
            if t[3] in _ROLE_TAGS:
                role = text[role_tokens[0][0] : role_tokens[-1][1]]  # (.start, .end)
                break
    head_start = tokens[head_i][0]
    head_end = end
    head = text[head_start:head_end]
    m = _POSSESSIVE.match(head) if tokens[j][3] == "NNPS" else None
    if m:
        head = m.group(1)
        head_end = head_start + len(head)
    return _new_phrase((kind, start, end, text[start:end], head, head_start, head_end, role, i, j))
