"""``analyze()``: text in, :class:`~.model.Analysis` out. Pure, deterministic, offline."""

from __future__ import annotations

import bisect
import gc
import hashlib
import re

from .context import Context
from .lexicon import lexicon
from .links import build_links
from .memo import new_document
from .model import Analysis, Quote, Speaker
from .quotes import (
    ALNUM,
    RawQuote,
    find_quotes,
    lost_single_marks,
    rescan_nested_straight,
    resume_after_blocks,
    split_at_asides,
    split_at_nested,
    split_at_unmarked_cues,
    uses_single_quote_dialogue,
)
from .ranker import rerank
from .records import constructor
from .sieves import run_sieves, unattribute_terms
from .speakers import build_speakers, mention_for
from .text import split_paragraphs, split_sentences

_new_quote = constructor(Quote)  # Quote(...), built faster (.records)
_new_speaker = constructor(Speaker)  # Speaker(...), built faster (.records)


def _with_quote_ids(s: Speaker, quote_ids: tuple[str, ...]) -> Speaker:
    """``replace(s, quote_ids=quote_ids)``, built directly (field by field, in order)."""
    return _new_speaker(s.id, s.name, s.aliases, s.role, quote_ids, s.kind, s.gender)


_TERMINAL = re.compile(r"[.!?,;:…—-]['’\"”)]*\s*$")
_TERMINAL_MARKS = frozenset(".!?,;:…—-")
_CLOSERS = "'’\"”)"


def _ends_terminal(s: str) -> bool:
    """``_TERMINAL.search(s) is not None``, read from the end: the pattern's white space and
    closing marks run to the end, and the mark before them is one of its terminal marks (no
    closing mark is one: the closing run stripped leaves that mark last), where ``re`` would
    try every character of the words (test_scans)."""
    return s.rstrip().rstrip(_CLOSERS)[-1:] in _TERMINAL_MARKS


def classify(text: str, raw: RawQuote, sentence_start: int, para_start: int, fiction: bool = False) -> str:
    """``speech``, ``partial`` (a fragment inside narration), ``term`` or ``title``.

    In fiction a fragment that the narration's own grammar takes in ("the “grand tour,”",
    "tried to “keep up,”", "what people called “society”") is a term the narrator quotes,
    not speech: characters' words stand after punctuation or a speech verb.
    """
    inner = text[raw.inner_start : raw.inner_end].strip()
    if fiction and inner.count("\n") >= 2 and _verse(inner):
        return "term"
    if not fiction and _named_work(text, raw, inner):
        return "title"
    lead = text[max(sentence_start, para_start) : raw.start]
    at_start = ALNUM.search(lead) is None  # (no character str.isalnum() accepts)
    if at_start:
        if not fiction and inner[-1:].isalnum() and _SUBJECT_VERB.match(text, raw.end) is not None and inner.count(" ") < 4:
            return "term"  # (the sentence's subject: “Harbour Lights” is a film, “Non-paper” means)
        return "speech"
    if fiction and _announced(lead):
        return "partial" if inner[:1].islower() else "speech"
    # (not before: most quotations open their sentence, or a cue announces them)
    terminal = _ends_terminal(inner)
    words = inner.split()
    # a title keeps the comma American style puts inside the marks: on “Ledger & Friends,” Rep.
    if 2 <= len(words) <= 10 and not _ends_terminal(inner.rstrip(",")):
        capitalised = [w for w in words if w[:1].isupper()]
        long_words = [w for w in words if len(w) > 3]
        if long_words and all(w[:1].isupper() for w in long_words) and len(capitalised) >= 2:
            return "title"
        if not fiction and len(capitalised) >= 3 and _title_case(words):
            return "title"  # (news: "with", "from" in small letters: “Dinner with the Pells”)
    # news: after "on", "in", a kind of work, a network's possessive or "host of", "founder of",
    # "known as", capitalised words are a name even with the full stop (or the comma, "!" or
    # "?") inside the marks and even one word long: on “Meet the Voters.”, the podcast “So, It
    # Grew.”, KELM’s “Harlow,” the founder of “Friends of Elmford.”, the hacker known as “Greyfox,”
    if not fiction and len(words) <= 10 and _title_case(words) and _title_lead(lead):
        return "title"
    if len(words) <= 3 and not terminal:
        return "partial" if fiction and _cut_off(text, raw) else "term"
    if fiction and len(words) <= 3 and _inside_comma(inner) and _after_narration_word(lead):
        return "term"
    if fiction and _runs_on(text, raw, inner) and not _opens_clause(lead):
        return "term"
    if inner[:1].islower():
        return "term" if fiction and _taken_in(lead) else "partial"
    return "speech"


_LAST_WORD = re.compile(r"(\w+)\s*$")
_WORK_ROLE = re.compile(
    r" (?:star|co-star|host|co-host|anchor|creator|actor|actress|producer|author|writer|director|alum|contestant|cast|actors|stars)\b"
)

# after a comma inside the marks: a byline (“Harbour lights dim,” by Ada Finch) or the kind
# of work in apposition (“Harbour Lights,” a film about the port)
_WORK_AFTER = re.compile(
    r" (?:by [A-Z]|by the [A-Z]|an? (?:\w+ )?(?:film|movie|show|series|documentary|book|play|musical|song|album|podcast|sitcom|drama|comedy|novel|memoir)\b)"
)

# a verb after a few words in marks that open their sentence: the words are its subject, a
# term or a name mentioned, not said
_SUBJECT_VERB = re.compile(r" (?:is|was|are|were|has|had|have|means|meant|refers|remains|became|becomes|stands)\b")
_DATED = re.compile(r" \((?:[^()\n]{0,60} )?(?:1[89]|20)\d\d\)")
_NAME_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z][a-z]+|(?:[A-Z]\.)+) $")  # (a first name or initials)


def _named_work(text: str, raw: RawQuote, inner: str) -> bool:
    """News: words in marks that name, not speak, wherever they stand in their sentence: a
    label ("Related:", "See also:": a few words closed by a colon), a headline before its
    byline, a headline or sign in capitals, a nickname, or the capitalised name a role or the
    kind of work after the marks shows to be a work's ("“Harbour Lights” star Tom Pell", "the
    “Morning Desk” host", "“Harbour Lights,” a film about")."""
    if text[raw.end + 1 : raw.end + 2] == "(" and _DATED.match(text, raw.end) is not None:
        return True  # a work or a slogan cited with its year: “Harbour Lights” (1998)
    last = inner[-1:]
    if last == ":":
        return inner.count(" ") <= 2
    if last == "," and _WORK_AFTER.match(text, raw.end) is not None:
        return next((ch.isupper() for ch in inner if ch.isalpha()), False)  # (a headline's capital)
    if not last.isalnum() or text[raw.end : raw.end + 1] not in (" ", "\n"):
        return False  # (cheap tests first: no sign closes the words, a space follows)
    nxt = text[raw.end + 1 : raw.end + 2]
    if nxt.isupper():
        # a headline or a sign set in capitals (“HARBOUR BRIDGE TO CLOSE”), or a nickname
        # between a name's parts (Thomas “Tig” Pell, A.J. “Sparrow” Finch)
        if inner.isupper():
            return " " in inner
        return " " not in inner and inner[:1].isupper() and _NAME_BEFORE.search(text, max(0, raw.start - 30), raw.start) is not None
    return nxt.islower() and _WORK_ROLE.match(text, raw.end) is not None and _title_case(inner.split())


_TITLE_LEAD = re.compile(
    r"\b(?:on|in|(?:podcast|program|programme|show|series|sitcom|drama|comedy|thriller|musical|film|movie|documentary"
    r"|book|memoir|novel|play|song|album|episode|special|video|ad|column),?"
    r"|(?:star|host|anchor|founder|co-founder|tune|roles?|known|nicknamed|dubbed|interview|appearance|edition|episode|season|broadcast)"
    r"\s+(?:of|in|as|with|on)|perform|performed|performs|sang|sings|sing"
    r"|(?!(?:it|he|she|that|what|there|here|who|let)['’]s)\w+['’]s)\s*$",
    re.I,
)
# words a title leaves in small letters (AP: of three letters or fewer; the four-letter
# prepositions and conjunctions too)
_TITLE_SMALL = frozenset("with from into onto over upon than that when".split())


def _title_case(words: list[str]) -> bool:
    """Words set as a name: the first and every word of four letters or more capitalised
    (but for small prepositions), figures and signs aside ("12 Nights: The Long Watch
    of Westmarch," "Over the Hill." "Bake Night.")."""
    first = True
    for w in words:
        c = w[:1]
        if c.isalpha():
            if c.islower() and (first or (len(w.rstrip(",.!?:;")) > 3 and w.rstrip(",.!?:;").lower() not in _TITLE_SMALL)):
                return False
            first = False
        elif not (c.isdigit() or c in "&$#-–—:"):
            return False
    return not first


def _title_lead(lead: str) -> bool:
    """``_TITLE_LEAD.search(lead)``, tried only from where a match can start: it ends the lead
    (but for white space), within its last two white-space-separated words ("host of",
    "interview with"), so the search starts before the end of the third last (four
    characters before: room for the ``\b``) instead of at every character of a long sentence."""
    pieces = lead.rsplit(None, 3)
    pos = len(pieces[0]) + len(pieces[1]) - 4 if len(pieces) == 4 else 0
    return _TITLE_LEAD.search(lead, max(0, pos)) is not None


def _taken_in(lead: str) -> bool:
    """The words before a quotation end with a determiner, preposition, auxiliary or naming
    verb that the quoted words complete."""
    m = _last_word(lead)
    return m is not None and m.group(1).lower() in lexicon().term_openers


_LOWER_LINE = re.compile(r"\n[ \t]*[\"'“‘_(]*[a-z]")
_VERSE_LINE = re.compile(r"\s*[\"'“‘_(]*[A-Z]")


def _verse(inner: str) -> bool:
    """Words set as verse: three lines or more, each opening with a capital, short or
    indented as a poem's are (prose runs each line to the full measure). A song or a poem
    a character recites, or the narrator cites, is not the character's speech."""
    if _LOWER_LINE.search(inner) is not None:
        return False  # (prose: some line opens with a small letter)
    lines = [line for line in inner.split("\n") if line.strip()]
    if len(lines) < 3 or not all(_VERSE_LINE.match(line) for line in lines[1:]):
        return False
    return max(len(line) for line in lines) < 60 or any(line.startswith("  ") for line in lines[1:])


_RUN_ON = re.compile(r"[ \t]*\n?[ \t]*([a-z]+)")


def _runs_on(text: str, raw: RawQuote, inner: str) -> bool:
    """Words the narration's sentence runs through: no punctuation closes them, and the
    sentence goes on after the closing mark with a lower-case word ("would not have faith “in
    such idle chatter” about", "they “owed the town a debt” to pay")."""
    if not raw.closed or not (inner[-1:].isalnum() or inner[-1:] == "_"):
        return False
    m = _RUN_ON.match(text, raw.end)
    return m is not None and not lexicon().is_speech_verb(m.group(1))  # (“I think” said she: speech)


def _opens_clause(lead: str) -> bool:
    """The quotation opens a clause of its own (after a semicolon or colon) or is what a
    speech noun announces ("this single remark “I will not wait” to fill"): speech."""
    tail = lead.rstrip()
    if tail[-1:] in ";:":
        return True
    m = _last_word(tail)
    return m is not None and m.group(1).lower() in lexicon().speech_nouns


_ANNOUNCED = re.compile(r"([A-Za-z]+)\s*:\s*$")


# Words nobody says aloud: what a look or a tone says ("her eyes said: “…”", "in a tone that
# implied: “…”", "a nod that seemed to say, “…”"), and what a character would have said
# but does not ("he felt like answering: “…”", "it was on the tip of his tongue to ask:
# “…”", "he longed to ask", "it would have been easy to answer", "as if to say", "her
# grandmother might have said: “…”", "“…!” she was going to cry"). Not "she
# thought": a character's thoughts in marks are speech to the narrator's reader. Nor are
# written words spoken: what a letter or a notice says ("he tore open the letter and read:
# “…”", "it ran as follows:", "which was headed “…”", "“…,” this letter ran").
_WRITTEN = (
    r"(?:letter|note|telegram|message|paper|card|notice|inscription|advertisement|placard|bill|sign|label"
    r"|postscript|newspaper|envelope|slip|sheet|page|despatch|dispatch|epitaph|tablet|headline|paragraph)s?"
)
_WOULD_SAY = r"(?:say|saying|ask|asking|answer|answering|reply|replying|add|adding|retort|retorting|exclaim|exclaiming|shout|shouting|cry|crying|protest|protesting)"
_UNSPOKEN_LEAD = re.compile(
    r"(?:(?:\bfelt like|\b(?:tip of \w+ tongue|on \w+ lips) to|\b(?:longed|yearned|ached|itched|tempted|wanted) to"
    r"|\b(?:easy|hard|impossible) to|\bhow could (?:he|she|I|they|we)|\bas (?:if|though) to|\bseem(?:s|ed)? to) "
    + _WOULD_SAY + r"(?: back| out)?"
    r"|\b(?:implied|signified|meant|conveyed|expressed)"
    r"|\bas (?:if|though) (?:he|she|they|I|it|you) (?:had )?(?:said|were saying|was saying)"
    r"|\b(?:was|were) thinking"
    r"|\b(?:could|would|might|should)(?: not| never)? have (?:said|asked|answered|replied|added|exclaimed|cried)"
    r"|\b(?:eyes?|look|looks|glance|glances|smile|face|countenance|expression|brows?|eyebrows|eye-brows|gaze)"
    r"(?:,[^,\"“”]{1,30},)?\s+(?:said|says|seemed to say|answered|asked|implored|pleaded|replied|cried)"
    r"|\bread(?: aloud| out)?|\b(?:ran|runs)(?: as follows| thus| in this way)?"
    r"|\b(?:headed|inscribed|printed|written|engraved|scrawled|wrote|writes)"
    r"|\b" + _WRITTEN + r" (?:ran|read|reads|said|says|went on|continued))"
    r"\s*[:,]?[\s—–-]*$",
    re.I,
)
# the same after the words: "“…,” he felt like answering", "“…?” her eyes implored him"
_UNSPOKEN_AFTER = re.compile(
    r"[\s—–-]*(?:(?:it|he|she|they|I|we)|(?:his|her|their|my|the)(?:\s+\w+)?\s+(?:eyes?|look|looks|glance|smile|face|countenance|expression|gaze))"
    r"\s+(?:(?:felt like|seemed to|longed to|wanted to|was tempted to|were tempted to|was going to|were going to)\s+" + _WOULD_SAY
    + r"|implored|pleaded|seemed to say|implied|signified)\b"
    r"|[\s—–-]*(?:the|this|that|his|her|their|my)\s+(?:\w+\s+)?" + _WRITTEN + r"\s+(?:ran|read|reads|said|says|went on|continued)\b"
)


_UNSPOKEN_LAST = frozenset(
    "say saying ask asking answer answering reply replying add adding retort retorting exclaim exclaiming"
    " shout shouting cry crying protest protesting back out implied signified meant conveyed expressed"
    " said thinking says answered asked implored pleaded replied cried"
    " read reads aloud ran runs follows thus way headed inscribed printed written engraved scrawled wrote writes"
    " continued".split()
)


_AFTER_FIRST = frozenset(("it", "he", "sh", "th", "I ", "we", "hi", "my"))  # it, he, she, they ... my
_LEAD_PUNCT = frozenset(":,—–-")


def unspoken(text: str, raws: list[RawQuote], kinds: list[str], lead_start) -> list[int]:
    """The quotations (not terms) that carry words a look, a tone or a wish says, not the
    voice (see ``_UNSPOKEN_LEAD``); ``lead_start(i)`` is where quotation ``i``'s sentence starts."""
    out = []
    last_words, after = _UNSPOKEN_LAST, _UNSPOKEN_AFTER.match
    for i, raw in enumerate(raws):
        if kinds[i] == "term":
            continue
        start, end = raw.start, raw.end
        # (cheap tests first: the lead's last word, the first letter of the word after)
        mark = text[max(0, start - 4) : start].rstrip()[-1:]
        if mark in _LEAD_PUNCT:
            tail = text[max(0, start - 24) : start].rstrip(" \t\n:,—–-").rsplit(None, 1)
            if tail and tail[-1].lower() in last_words:
                # (a colon announces the paragraph that follows: "It ran as follows:")
                lo = max(0, start - 90) if mark == ":" else max(lead_start(i), start - 90)
                if _UNSPOKEN_LEAD.search(text, lo, start) is not None:
                    out.append(i)
                    continue
        if text[end + 1 : end + 3] in _AFTER_FIRST and text[raw.inner_end - 1 : raw.inner_end] != "." and after(text, end, end + 60):
            out.append(i)
    return out


# Words a character said, reported in the narrator's grammar but still in marks (free
# indirect speech): “She was sure they would miss the last coach.” -- third person and a
# past modal or "had" ("she would", "he had"; not a bare "they were", common in direct
# speech too), no "I" or "you", no exclamation or question, and set in the narration: the first
# quotation of a paragraph that narration opens, with no cue of its own after it. They
# report what was said, not the words. So do small-letter words that the narration's own
# sentence runs into with no punctuation ("he only hoped “the new curate would
# not stay long”"), unless "that" or a speech verb introduces them.
_REPORTED = re.compile(r"\b(?:she|he|they)\s+(?:should|would|could|had|might|must)\b", re.I)
_DIRECT = re.compile(r"\b(?:I|me|my|mine|myself|we|us|our|ours|you|your|yours|yourself|ye|Oh|Ah|Pray|Yes|No)\b|[!?]")
_CUE_NEXT = re.compile(r"[\s,;:—–-]*(?:(?:he|she|I|they|we|it)\s+)?([a-z]+)")


def reported(text: str, raws: list[RawQuote], kinds: list[str], paragraphs) -> list[int]:
    """The quotations that report a character's words in the narrator's grammar or run on in
    the narration's sentence (see ``_REPORTED``)."""
    out = []
    last_paragraph = -1
    for i, raw in enumerate(raws):
        paragraph, last_paragraph = last_paragraph, raw.paragraph
        if paragraph == raw.paragraph or kinds[i] == "term":
            continue  # (dialogue before it in the paragraph)
        para_start = paragraphs[raw.paragraph].start
        if raw.start - para_start < 2 or not ALNUM.search(text, para_start, raw.start):
            continue  # (it opens the paragraph)
        words = text[raw.inner_start : raw.inner_end]
        if words[:1].islower():
            # the narration's sentence runs into the words with no punctuation: he only
            # hoped “the new curate would not stay long”, it was generally thought
            # “as good as a holiday” -- not after a speech verb or "that"
            lead = text[max(para_start, raw.start - 30) : raw.start].rstrip()
            last = lead.rsplit(None, 1)[-1] if lead else ""
            if last.isalpha() and last.lower() != "that" and not lexicon().is_speech_verb(last):
                out.append(i)
                continue
        if _REPORTED.search(words) is None or _DIRECT.search(words) or len(words.split()) < 5:
            continue
        cue = _CUE_NEXT.match(text, raw.end, raw.end + 30)
        if cue is None or not lexicon().is_speech_verb(cue.group(1)):
            out.append(i)
    return out


def _announced(lead: str) -> bool:
    """A speech verb and a colon announce the words that follow: said: “There's the river”."""
    tail = lead.rstrip()
    if not tail.endswith(":"):
        return False
    m = _ANNOUNCED.search(tail, max(0, len(tail) - 40))
    return m is not None and lexicon().is_speech_verb(m.group(1)) and m.group(1).lower() not in lexicon().term_openers


def _cut_off(text: str, raw: RawQuote) -> bool:
    """Speech broken off: a gap before the closing mark (“But if I ”). (A dash after the
    mark does not tell: a quoted word goes on into a dash, too: the word “stylish”--for.)"""
    return raw.closed and text[raw.inner_end - 1 : raw.inner_end].isspace()


def _inside_comma(inner: str) -> bool:
    """A comma or a full stop (not an ellipsis) that the convention puts inside the closing
    mark: “Taste,” “the George.”"""
    return inner[-1:] in ",." and not inner.endswith("..")


def _after_narration_word(lead: str) -> bool:
    """The narration's own words run up to the opening mark (no comma, colon or dash sets
    the quotation off), and the last of them is no speech verb: a word or name the narrator
    quotes in passing ("a crime against “Style,” that", "the sign of “The Copper Kettle.”"),
    not a character's words ("said “Yes.”", "said Ann “Come in.”")."""
    if _last_word(lead) is None:
        return False
    last = _last_words(lead).group(0).split()
    if last[-1].lower() in _SUBJECTS:
        return False  # he “discovered things.”: his words as the narration's predicate
    return not any(lexicon().is_speech_verb(w) for w in last)


_LAST_WORDS = re.compile(r"(?:[\w'’]+\W*){0,3}$")
_WORD_RUN = re.compile(r"[\w'’]*\w[\w'’]*")  # a run of [\w'’] with a word character in it


def _last_word(lead: str) -> re.Match | None:
    r"""``_LAST_WORD.search(lead)``, started where its match can only start: at the run of
    word characters that the white space at the end leaves last (a search from the start
    tries every character of a long lead)."""
    k = len(lead.rstrip())  # (``str.rstrip`` and ``\s`` strip the same characters)
    while k and (lead[k - 1].isalnum() or lead[k - 1] == "_"):
        k -= 1
    return _LAST_WORD.search(lead, k)


def _last_words(lead: str) -> re.Match:
    r"""``_LAST_WORDS.search(lead)``, started where its leftmost match starts: at the third
    last run of ``[\w'’]`` that holds a word character (an apostrophe alone can be the
    ``\W`` between words; a run with a word character takes a word of its own), when the
    last few hundred characters show where that run begins; else from the start."""
    start = max(0, len(lead) - 200)
    runs = [m.start() for m in _WORD_RUN.finditer(lead, start)]
    pos = runs[-3] if len(runs) >= 3 and (start == 0 or runs[-3] > start) else 0
    return _LAST_WORDS.search(lead, pos)
_SUBJECTS = frozenset({"i", "he", "she", "we", "they", "you"})


def _parents(raws: list[RawQuote], pieces: list[RawQuote]) -> list[int]:
    """For each piece, the index of the quotation it was cut from (pieces keep order and lie
    inside their quotation)."""
    out: list[int] = []
    i = 0
    for piece in pieces:
        while raws[i].end < piece.end:
            i += 1
        out.append(i)
    return out


def _renumber(speakers: list, parent: list[int]) -> list:
    """Speakers' quotation ids after the quotations were cut into pieces."""
    ids: dict[str, list[str]] = {}
    for n, i in enumerate(parent):
        key = f"q{i + 1}"
        found = ids.get(key)
        if found is None:
            ids[key] = [f"q{n + 1}"]
        else:
            found.append(f"q{n + 1}")
    return [_with_quote_ids(s, tuple(new for old in s.quote_ids for new in ids.get(old, ()))) for s in speakers]


def _is_fiction(text: str, paragraphs, raws: list[RawQuote]) -> bool:
    """Dialogue conventions of fiction: many paragraphs that open with a quotation."""
    if len(raws) < 20:
        return False
    starts = {p.start for p in paragraphs}
    opening = len(starts.intersection([q.start for q in raws]))  # (quotations start apart: one each)
    quoted_paras = len({q.paragraph for q in raws})
    return opening >= 0.5 * quoted_paras and len(text) > 20000


def analyze(text: str, path: str | None = None, title: str | None = None) -> Analysis:
    """Everything closeread finds in ``text``: quotations, speakers and cross-references.

    Python's cycle collector is paused meanwhile: the engine builds many small objects and no
    cycles, and the collector would walk the whole heap again and again (a tenth of the
    time on a novel). Reference counting still frees memory.
    """
    if not gc.isenabled():
        return _analyze(text, path, title)
    gc.disable()
    try:
        return _analyze(text, path, title)
    finally:
        gc.enable()


def _analyze(text: str, path: str | None, title: str | None) -> Analysis:
    new_document()
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    raws = find_quotes(text, paragraphs)
    sentence_starts = [s.start for s in sentences]
    fiction = _is_fiction(text, paragraphs, raws)
    single = fiction and uses_single_quote_dialogue(text)
    if fiction and not single:
        raws = rescan_nested_straight(text, paragraphs, raws)
    if fiction:
        if "\n " in text:
            raws = resume_after_blocks(text, paragraphs, raws)
        raws = split_at_asides(text, raws)
    # the sentence each quotation starts in (the last that starts at or before it)
    in_sentence = [max(0, bisect.bisect_right(sentence_starts, raw.start) - 1) for raw in raws]
    kinds = []
    for raw, k in zip(raws, in_sentence):
        start = sentences[k].start if sentences else 0
        kinds.append(classify(text, raw, start, paragraphs[raw.paragraph].start, fiction))
    ctx = Context(text, paragraphs, sentences, raws, fiction=fiction, kinds=kinds)
    run_sieves(ctx, kinds)
    rerank(ctx, kinds)
    unattribute_terms(ctx, kinds)
    speakers, speaker_ids = build_speakers(ctx)
    if fiction:
        # words nobody says aloud, written words and words reported in the narrator's grammar
        # are the narrator's terms, with no speaker; cut after attribution, they leave the
        # others' attribution as it was (a turn, a name for the alias joins)
        dropped = set()
        lead_start = lambda i: max(sentences[in_sentence[i]].start, paragraphs[raws[i].paragraph].start)  # noqa: E731
        for i in unspoken(text, raws, kinds, lead_start) + reported(text, raws, kinds, paragraphs):
            kinds[i] = "term"
            speaker_ids[i] = None
            dropped.add(f"q{i + 1}")
        if dropped:
            speakers = [
                _with_quote_ids(s, kept)
                for s in speakers
                if (kept := tuple(q for q in s.quote_ids if q not in dropped))
            ]
    # fiction: the nested speech a character reports ("she said, 'Come in.'") is cut out of
    # the quotation after attribution: its pieces are all the outer speaker's, and the nested
    # cue ("said she") must not name them
    pieces = split_at_nested(text, raws) if fiction and not single else raws
    if fiction and lost_single_marks(text):  # (and where the copy lost the marks, by its cues)
        pieces = split_at_unmarked_cues(text, pieces)
    parent = list(range(len(raws)))
    if len(pieces) != len(raws):
        parent = _parents(raws, pieces)
        in_sentence = [max(0, bisect.bisect_right(sentence_starts, raw.start) - 1) for raw in pieces]
    quotes = []
    for n, raw in enumerate(pieces):
        i = parent[n]
        att = ctx.attributions[i]
        sid = speaker_ids[i]
        mention, cue = mention_for(ctx, i) if sid else (None, None)
        quotes.append(
            _new_quote(  # (by position: a dozen keywords cost a third of the construction)
                f"q{n + 1}",  # id
                raw.start,  # start
                raw.end,  # end
                text[raw.inner_start : raw.inner_end],  # text
                kinds[i],  # type: ignore[arg-type]  # kind
                raw.paragraph,  # paragraph
                in_sentence[n],  # sentence
                sid,  # speaker_id
                mention,  # mention
                cue,  # cue
                att.sieve if att and sid else "none",  # sieve
                att.confidence if att and sid else 0.0,  # confidence
            )
        )
    if pieces is not raws and len(pieces) != len(raws):
        speakers = _renumber(speakers, parent)
    links = build_links(quotes, frozenset(q.id for q, raw in zip(quotes, pieces) if raw.continues))
    if title is None and paragraphs:
        first = paragraphs[0]
        line = text[first.start : first.end]
        if "\n" not in line and len(line) <= 200:
            title = line
    return Analysis(
        text=text,
        sha256=sha,
        path=path,
        title=title,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        quotes=tuple(quotes),
        speakers=tuple(speakers),
        links=tuple(links),
    )
