"""A disk cache of finished analyses, so that reopening a long text is instant.

One JSON file per text, named by the text's SHA-256, in ``platformdirs.user_cache_dir("closeread")``
(or ``$CLOSEREAD_CACHE_DIR``). An entry records the engine version it was made by; an entry that is
corrupt, truncated, of another version or whose offsets do not fit the text is ignored and rebuilt,
never trusted. Writes are atomic (temp file + ``os.replace``) and silently skipped when they fail.
JSON only, never pickle: a cache file must not be able to run code.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from tui import __version__
from tui.analysis.model import Analysis, Link, Mention, Paragraph, Quote, Sentence, Speaker

# Bump whenever the engine's output for the same text changes.
ENGINE_VERSION = "2"
FORMAT = 1
ENV_VAR = "CLOSEREAD_CACHE_DIR"

RECORDS: dict[str, type] = {
    "paragraphs": Paragraph,
    "sentences": Sentence,
    "quotes": Quote,
    "speakers": Speaker,
    "links": Link,
}
_NESTED = {"Mention": Mention}


def _fields(cls: type) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls) if not f.name.startswith("_")]


def _schema() -> str:
    """A fingerprint of the data model: a change of fields invalidates every entry."""
    shape = [(c.__name__, [(f.name, str(f.type)) for f in _fields(c)])
             for c in (Analysis, Mention, *RECORDS.values())]
    return hashlib.sha256(repr(shape).encode()).hexdigest()[:12]


ENGINE_FILES = ("context", "lexicon", "links", "phrases", "pipeline", "quotes", "sieves", "speakers", "text")


@functools.lru_cache(maxsize=1)
def _engine_fingerprint() -> str:
    """A digest of the engine's code and data: an entry made by any other engine is stale,
    even when nobody remembered to bump :data:`ENGINE_VERSION`."""
    from importlib import resources

    digest = hashlib.sha256()
    package = resources.files("tui.analysis")
    names = [f"{name}.py" for name in ENGINE_FILES] + ["data/punkt.json", "data/lexicon.json", "data/first_names.json"]
    for name in names:
        try:
            digest.update(package.joinpath(name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:12]


def version_tag() -> str:
    return f"{__version__}+engine.{ENGINE_VERSION}.{_engine_fingerprint()}+model.{_schema()}"


def cache_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("closeread"))


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_path(text: str) -> Path:
    return cache_dir() / f"{text_sha256(text)}.json"


# -- serialisation -----------------------------------------------------------------------
def _encode(value):
    if isinstance(value, Mention):
        return [value.start, value.end, value.text]
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _decoder(field: dataclasses.Field) -> Callable:
    kind = str(field.type)
    for name, cls in _NESTED.items():
        if name in kind:
            return lambda v, cls=cls: None if v is None else cls(*v)
    if kind.startswith("tuple"):
        return lambda v: tuple(v)
    return lambda v: v


def dump(analysis: Analysis) -> dict:
    """Everything in ``analysis`` but its text, as plain JSON data."""
    data = {"format": FORMAT, "version": version_tag(), "key": text_sha256(analysis.text),
            "length": len(analysis.text)}
    for f in _fields(Analysis):
        if f.name == "text":
            continue
        value = getattr(analysis, f.name)
        if f.name in RECORDS:
            names = [g.name for g in _fields(RECORDS[f.name])]
            value = {"fields": names, "rows": [[_encode(getattr(r, n)) for n in names] for r in value]}
        data[f.name] = value
    return data


def load(data: dict, text: str, path: str | None = None) -> Analysis:
    """Rebuild the analysis of ``text`` from :func:`dump`'s data; ``ValueError`` if it is not valid."""
    if not isinstance(data, dict):
        raise ValueError("not an entry")
    expected = {"format": FORMAT, "version": version_tag(), "key": text_sha256(text), "length": len(text)}
    for key, value in expected.items():
        if data.get(key) != value:
            raise ValueError(f"stale or foreign entry ({key})")
    values: dict = {}
    for f in _fields(Analysis):
        if f.name == "text":
            continue
        raw = data[f.name]
        if f.name in RECORDS:
            cls = RECORDS[f.name]
            fields = _fields(cls)
            if raw["fields"] != [g.name for g in fields]:
                raise ValueError(f"{f.name}: fields differ")
            decoders = [_decoder(g) for g in fields]
            raw = tuple(cls(*(d(v) for d, v in zip(decoders, row, strict=True))) for row in raw["rows"])
        values[f.name] = raw
    values["path"] = path  # the same text may be opened from another file
    analysis = Analysis(text=text, **values)
    _validate(analysis)
    return analysis


def _in_text(record, length: int) -> bool:
    return (isinstance(record.start, int) and isinstance(record.end, int)
            and 0 <= record.start <= record.end <= length)


def _validate(a: Analysis) -> None:
    n = len(a.text)
    spans = [*a.paragraphs, *a.sentences, *a.quotes]
    spans += [m for q in a.quotes for m in (q.mention, q.cue) if m is not None]
    if not all(_in_text(r, n) for r in spans):
        raise ValueError("offsets outside the text")
    for q in a.quotes:
        if (a.paragraphs and not 0 <= q.paragraph < len(a.paragraphs)) or (
            a.sentences and not 0 <= q.sentence < len(a.sentences)
        ):
            raise ValueError("quote outside the paragraphs or sentences")
        if q.speaker_id is not None and a.speaker(q.speaker_id) is None:
            raise ValueError("unknown speaker")
    ids = {q.id for q in a.quotes}
    if any(link.source not in ids or link.target not in ids for link in a.links):
        raise ValueError("link to an unknown quote")


# -- the cache ---------------------------------------------------------------------------
def read(text: str, path: str | None = None) -> Analysis | None:
    """The cached analysis of ``text``, or None when there is no valid entry."""
    try:
        with entry_path(text).open(encoding="utf-8") as handle:
            return load(json.load(handle), text, path)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None


def write(analysis: Analysis) -> bool:
    """Store ``analysis`` atomically; False (and nothing raised) when that is not possible."""
    tmp = None
    try:
        target = entry_path(analysis.text)
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(dump(analysis), ensure_ascii=False, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(tmp, target)
        return True
    except (OSError, ValueError, TypeError):
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def load_or_analyze(text: str, path: str | None = None,
                    analyze: Callable[..., Analysis] | None = None) -> Analysis:
    """The analysis of ``text``: from the cache when a valid entry exists, else computed and stored."""
    cached = read(text, path)
    if cached is not None:
        return cached
    if analyze is None:
        from tui.analysis import analyze
    analysis = analyze(text, path)
    write(analysis)
    return analysis
