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
from .model import Analysis, Quote
from .quotes import RawQuote, find_quotes, split_at_asides
from .ranker import rerank
from .records import constructor
from .sieves import run_sieves, unattribute_terms
from .speakers import build_speakers, mention_for
from .text import split_paragraphs, split_sentences

_new_quote = constructor(Quote)  # Quote(...), built faster (.records)
_TERMINAL = re.compile(r"[.!?,;:…—-]['’\"”)]*\s*$")


def classify(text: str, raw: RawQuote, sentence_start: int, para_start: int, fiction: bool = False) -> str:
    """``speech``, ``partial`` (a fragment inside narration), ``term`` or ``title``.

    In fiction a fragment that the narration's own grammar takes in ("the “grand tour,”",
    "tried to “keep up,”", "what people called “society”") is a term the narrator quotes,
    not speech: characters' words stand after punctuation or a speech verb.
    """
    inner = text[raw.inner_start : raw.inner_end].strip()
    words = inner.split()
    lead = text[max(sentence_start, para_start) : raw.start]
    at_start = not any(ch.isalnum() for ch in lead)
    if at_start:
        return "speech"
    terminal = bool(_TERMINAL.search(inner))
    # a title keeps the comma American style puts inside the marks: on “Fox & Friends,” Rep.;
    # news: and the full stop, after "on", a kind of work or a network's possessive: on “Meet
    # the Press.”, the podcast “So, It Happened.”, told ABC’s “Good Morning America.”
    closing = ",." if not fiction and _title_lead(lead) else ","
    if 2 <= len(words) <= 10 and not _TERMINAL.search(inner.rstrip(closing)):
        capitalised = [w for w in words if w[:1].isupper()]
        long_words = [w for w in words if len(w) > 3]
        if long_words and all(w[:1].isupper() for w in long_words) and len(capitalised) >= 2:
            return "title"
    if len(words) <= 3 and not terminal:
        return "term"
    if inner[:1].islower():
        return "term" if fiction and _taken_in(lead) else "partial"
    return "speech"


_LAST_WORD = re.compile(r"(\w+)\s*$")
_TITLE_LEAD = re.compile(r"\b(?:on|podcast|program|series|film|movie|documentary|book|memoir|novel|play|song|album|(?:on|with|told|to)\s+(?:\S+\s+)?\S+['’]s)\s*$", re.I)


def _title_lead(lead: str) -> bool:
    """``_TITLE_LEAD.search(lead)``, tried only from where a match can start: it ends the lead
    (but for white space), within its last three white-space-separated words, so the search
    starts four characters before the end of the third last (the longest word before the
    first white space of the pattern) instead of at every character of a long sentence."""
    pieces = lead.rsplit(None, 3)
    pos = len(pieces[0]) + len(pieces[1]) - 4 if len(pieces) == 4 else 0
    return _TITLE_LEAD.search(lead, max(0, pos)) is not None


def _taken_in(lead: str) -> bool:
    """The words before a quotation end with a determiner, preposition, auxiliary or naming
    verb that the quoted words complete."""
    m = _LAST_WORD.search(lead)
    return m is not None and m.group(1).lower() in lexicon().term_openers


def _is_fiction(text: str, paragraphs, raws: list[RawQuote]) -> bool:
    """Dialogue conventions of fiction: many paragraphs that open with a quotation."""
    if len(raws) < 20:
        return False
    starts = {p.start for p in paragraphs}
    opening = sum(1 for q in raws if q.start in starts)
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
    if fiction:
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
    quotes = []
    for i, raw in enumerate(raws):
        att = ctx.attributions[i]
        sid = speaker_ids[i]
        mention, cue = mention_for(ctx, i) if sid else (None, None)
        quotes.append(
            _new_quote(  # (by position: a dozen keywords cost a third of the construction)
                f"q{i + 1}",  # id
                raw.start,  # start
                raw.end,  # end
                text[raw.inner_start : raw.inner_end],  # text
                kinds[i],  # type: ignore[arg-type]  # kind
                raw.paragraph,  # paragraph
                in_sentence[i],  # sentence
                sid,  # speaker_id
                mention,  # mention
                cue,  # cue
                att.sieve if att and sid else "none",  # sieve
                att.confidence if att and sid else 0.0,  # confidence
            )
        )
    links = build_links(quotes, frozenset(q.id for q, raw in zip(quotes, raws) if raw.continues))
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
