"""The analysis as data: frozen records whose spans are ``str`` offsets into one text.

Every offset is a Python ``str`` index into :attr:`Analysis.text` (the text exactly as
``open(path, encoding="utf-8").read()`` returns it, after newline normalisation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["speech", "partial", "term", "title"]
LinkKind = Literal["same_speaker", "continuation", "topic", "contrast"]
QUOTE_KINDS: tuple[str, ...] = ("speech", "partial", "term", "title")
LINK_KINDS: tuple[str, ...] = ("same_speaker", "continuation", "topic", "contrast")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open ``[start, end)`` range of the document text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """Words of the text that an attribution rests on (a name, pronoun, description or verb)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    # offset of the opening mark — or, for the piece of a quotation that resumes after the
    # narrator's aside ("Oh!--(rubbing his chin)--the weather"), of its first word
    start: int
    # offset just after the closing mark (or the end of the paragraph if left open, or the
    # last word before an aside)
    end: int
    text: str  # the words without the marks
    kind: QuoteKind
    paragraph: int
    sentence: int
    speaker_id: str | None = None
    mention: Mention | None = None
    cue: Mention | None = None
    sieve: str = "none"
    confidence: float = 0.0

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    quote_ids: tuple[str, ...] = ()
    kind: Literal["person", "organisation", "group"] = "person"
    gender: Literal["m", "f", "n", "?"] = "?"


@dataclass(frozen=True, slots=True)
class Link:
    source: str
    target: str
    kind: LinkKind
    terms: tuple[str, ...] = ()
    score: float = 0.0

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "terms": list(self.terms),
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything closeread knows about one document."""

    text: str
    sha256: str
    path: str | None = None
    title: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    links: tuple[Link, ...] = ()
    _quote_index: dict = field(default_factory=dict, compare=False, repr=False)
    _speaker_index: dict = field(default_factory=dict, compare=False, repr=False)
    _links_from: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._quote_index.update({q.id: i for i, q in enumerate(self.quotes)})
        self._speaker_index.update({s.id: s for s in self.speakers})
        links_from = self._links_from
        get = links_from.get
        for link in self.links:  # (no empty list made per link, as setdefault's argument)
            found = get(link.source)
            if found is None:
                links_from[link.source] = [link]
            else:
                found.append(link)

    # -- look-ups -------------------------------------------------------------------
    def quote(self, quote_id: str) -> Quote:
        return self.quotes[self._quote_index[quote_id]]

    def quote_position(self, quote_id: str) -> int:
        return self._quote_index[quote_id]

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        if speaker_id is None:
            return None
        return self._speaker_index.get(speaker_id)

    def speaker_of(self, quote: Quote) -> Speaker | None:
        return self.speaker(quote.speaker_id)

    def speaker_name(self, quote: Quote) -> str | None:
        speaker = self.speaker_of(quote)
        return speaker.name if speaker else None

    def links_from(self, quote_id: str) -> list[Link]:
        return list(self._links_from.get(quote_id, ()))

    def paragraph_of(self, quote: Quote) -> Paragraph:
        return self.paragraphs[quote.paragraph]

    def sentence_of(self, quote: Quote) -> Sentence:
        return self.sentences[quote.sentence]

    # -- the JSON contract ----------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "document": {
                "path": self.path,
                "title": self.title,
                "length": len(self.text),
                "sha256": self.sha256,
            },
            "quotes": [
                {
                    "id": q.id,
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "kind": q.kind,
                    "speaker": self.speaker_name(q),
                    "speaker_id": q.speaker_id,
                    "mention": q.mention.to_dict() if q.mention else None,
                    "cue": q.cue.to_dict() if q.cue else None,
                    "sieve": q.sieve,
                    "confidence": round(q.confidence, 3),
                    "paragraph": q.paragraph,
                    "sentence": q.sentence,
                }
                for q in self.quotes
            ],
            "speakers": [
                {
                    "id": s.id,
                    "name": s.name,
                    "aliases": list(s.aliases),
                    "role": s.role,
                    "quote_ids": list(s.quote_ids),
                }
                for s in self.speakers
            ],
            "links": [link.to_dict() for link in self.links],
        }
