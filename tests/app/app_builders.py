"""Hand-built Analysis objects for the reader's tests (independent of the engine)."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right

from tui.analysis.model import Analysis, Link, Mention, Paragraph, Quote, Sentence, Speaker

QUOTE_RE = re.compile(r"“([^”]*)”")
SENTENCE_RE = re.compile(r"[^.!?]+(?:[.!?]+[”\"]?|$)")


def paragraphs_of(text: str) -> list[Paragraph]:
    paragraphs = []
    for match in re.finditer(r"[^\n]+", text):
        paragraphs.append(Paragraph(len(paragraphs), match.start(), match.end()))
    return paragraphs


def sentences_of(text: str, paragraphs: list[Paragraph]) -> list[Sentence]:
    sentences = []
    for paragraph in paragraphs:
        chunk = text[paragraph.start : paragraph.end]
        for match in SENTENCE_RE.finditer(chunk):
            if match.group().strip():
                start = paragraph.start + match.start()
                end = paragraph.start + match.end()
                while text[start] == " ":
                    start += 1
                sentences.append(Sentence(len(sentences), start, end, paragraph.index))
    return sentences


def build(
    text: str,
    speakers: dict[str, tuple[str, str | None, tuple[str, ...]]],
    who: list[str | None],
    links: list[tuple[int, int, str, tuple[str, ...]]] = (),
    path: str | None = "test.txt",
) -> Analysis:
    """``who[i]`` is the speaker id of the i-th “quotation”; ``links`` are (i, j, kind, terms)."""
    paragraphs = paragraphs_of(text)
    sentences = sentences_of(text, paragraphs)
    quotes = []
    paragraph_starts = [p.start for p in paragraphs]
    sentence_starts = [s.start for s in sentences]
    for number, match in enumerate(QUOTE_RE.finditer(text)):
        start, end = match.start(), match.end()
        paragraph = bisect_right(paragraph_starts, start) - 1
        sentence = max(0, bisect_right(sentence_starts, start) - 1)
        speaker_id = who[number] if number < len(who) else None
        words = match.group(1)
        kind = "speech" if len(words.split()) > 3 else "partial"
        cue = None
        said = re.search(r"\b(said|told|added|says)\b", text[end : end + 60])
        if said and speaker_id:
            cue = Mention(end + said.start(), end + said.end(), said.group())
        quotes.append(
            Quote(
                id=f"q{number + 1}",
                start=start,
                end=end,
                text=words,
                kind=kind,
                paragraph=paragraph,
                sentence=sentence,
                speaker_id=speaker_id,
                mention=None,
                cue=cue,
                sieve="test" if speaker_id else "none",
                confidence=0.9 if speaker_id else 0.0,
            )
        )
    speaker_records = tuple(
        Speaker(
            id=speaker_id,
            name=name,
            role=role,
            aliases=aliases,
            quote_ids=tuple(q.id for q in quotes if q.speaker_id == speaker_id),
        )
        for speaker_id, (name, role, aliases) in speakers.items()
    )
    link_records = tuple(
        Link(quotes[i].id, quotes[j].id, kind, terms, 0.5) for i, j, kind, terms in links
    )
    return Analysis(
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        path=path,
        title=None,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        quotes=tuple(quotes),
        speakers=speaker_records,
        links=link_records,
    )


DEMO_TEXT = """Russia Denies Contacts [draft] with a stray [/] tag

“Let's not believe anonymous information,” spokesman Dmitry Peskov told reporters. “It's a newspaper report which is not based on any facts.”

Deputy foreign minister Sergei Ryabkov said: “There were contacts.” He added that “obviously the campaign staff” met Russian experts.

Vice President Mike Pence said: “Why would there be any contact between the campaign?” and insisted the [reports] were false.

“We don't give back our own territory,” Maria Zakharova told a news briefing. “Crimea is territory belonging to the Russian Federation.”

Later Ryabkov added: “We continue to work with them.” The ministry said the talks were “[routine] and [/bold] open”.
"""

DEMO_SPEAKERS = {
    "peskov": ("Dmitry Peskov", "spokesman", ("Peskov",)),
    "ryabkov": ("Sergei Ryabkov", "deputy foreign minister", ("Ryabkov",)),
    "pence": ("Mike Pence", "Vice President", ("Pence",)),
    "zakharova": ("Maria Zakharova", None, ("Zakharova",)),
}
# q1 q2 peskov, q3 q4 ryabkov, q5 pence, q6 q7 zakharova, q8 ryabkov, q9 none
DEMO_WHO = [
    "peskov",
    "peskov",
    "ryabkov",
    "ryabkov",
    "pence",
    "zakharova",
    "zakharova",
    "ryabkov",
    None,
]
DEMO_LINKS = [
    (2, 4, "contrast", ("contact",)),
    (2, 7, "same_speaker", ()),
    (0, 1, "continuation", ()),
    (5, 6, "continuation", ()),
    (4, 2, "topic", ("contact", "campaign")),
]


def demo_analysis() -> Analysis:
    return build(DEMO_TEXT, DEMO_SPEAKERS, DEMO_WHO, DEMO_LINKS)


def big_analysis(quotes: int = 5000) -> Analysis:
    """A synthetic novel-sized document with ``quotes`` quotations and 40 speakers."""
    names = [f"Speaker{n} Name{n}" for n in range(40)]
    parts = []
    who = []
    for n in range(quotes):
        speaker = n % 40
        parts.append(
            f"“Sentence number {n} about topic{n % 97} and [bracket{n % 5}] words,” "
            f"{names[speaker]} said. Some narration follows here to fill the line out a little.\n"
        )
        who.append(f"s{speaker}")
    text = "\n".join(parts)
    speakers = {f"s{n}": (names[n], None, ()) for n in range(40)}
    return build(text, speakers, who, [], path="big.txt")
