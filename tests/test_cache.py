"""The disk cache of analyses (tui.analysis.cache)."""

from __future__ import annotations

import json
import os

import pytest

from tui.analysis import cache
from tui.analysis.model import Analysis, Link, Mention, Paragraph, Quote, Sentence, Speaker

TEXT = 'Wren said, "The tide turns at six."\n\n"Then we wait," said Ash.\n'


def build(text: str = TEXT, path: str | None = None) -> Analysis:
    q1s = text.index('"The')
    q2s = text.index('"Then')
    p2 = text.index("\n\n") + 2
    return Analysis(
        text=text,
        sha256=cache.text_sha256(text),
        path=path,
        title="Tides",
        paragraphs=(Paragraph(0, 0, p2 - 2), Paragraph(1, p2, len(text) - 1)),
        sentences=(Sentence(0, 0, p2 - 2, 0), Sentence(1, p2, len(text) - 1, 1)),
        quotes=(
            Quote("q1", q1s, text.index(".\"") + 2, "The tide turns at six.", "speech", 0, 0, "s1",
                  Mention(0, 4, "Wren"), Mention(5, 9, "said"), "explicit", 0.9),
            Quote("q2", q2s, text.index(',"') + 2, "Then we wait,", "speech", 1, 1, "s2",
                  Mention(text.index("Ash"), text.index("Ash") + 3, "Ash"), None, "explicit", 0.8),
        ),
        speakers=(
            Speaker("s1", "Wren", ("Wren", "Mrs. Wren"), "pilot", ("q1",), "person", "f"),
            Speaker("s2", "Ash", ("Ash",), None, ("q2",), "group", "?"),
        ),
        links=(Link("q1", "q2", "continuation", ("tide", "wait"), 0.5),),
    )


class Counting:
    def __init__(self):
        self.calls = 0

    def __call__(self, text, path=None):
        self.calls += 1
        return build(text, path)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_round_trip_is_equal_and_complete(cache_dir):
    engine = Counting()
    first = cache.load_or_analyze(TEXT, "tides.txt", analyze=engine)
    second = cache.load_or_analyze(TEXT, "tides.txt", analyze=engine)
    assert engine.calls == 1
    assert second == first == build(TEXT, "tides.txt")
    assert second.speakers[0].gender == "f" and second.speakers[1].kind == "group"
    assert second.speakers[0].aliases == ("Wren", "Mrs. Wren")
    assert second.quotes[0].cue == Mention(5, 9, "said")
    assert second.links_from("q1")[0].terms == ("tide", "wait")
    assert second.speaker_name(second.quote("q2")) == "Ash"
    assert second.to_dict() == first.to_dict()


def test_entry_is_plain_json_written_atomically(cache_dir):
    cache.load_or_analyze(TEXT, analyze=Counting())
    files = os.listdir(cache_dir)
    assert files == [f"{cache.text_sha256(TEXT)}.json"]
    data = json.loads((cache_dir / files[0]).read_text(encoding="utf-8"))
    assert data["version"] == cache.version_tag() and "text" not in data


def test_path_follows_the_caller(cache_dir):
    cache.load_or_analyze(TEXT, "a.txt", analyze=Counting())
    engine = Counting()
    assert cache.load_or_analyze(TEXT, "b.txt", analyze=engine).path == "b.txt"
    assert engine.calls == 0


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: s[: len(s) // 2],  # truncated
        lambda s: "\x00garbage",  # not JSON
        lambda s: "[]",  # JSON, not an entry
        lambda s: s.replace('"fields":["index","start","end"]', '"fields":["start","index","end"]'),
    ],
)
def test_corrupt_entry_is_rebuilt(cache_dir, damage):
    cache.load_or_analyze(TEXT, analyze=Counting())
    entry = cache.entry_path(TEXT)
    original = entry.read_text(encoding="utf-8")
    assert damage(original) != original
    entry.write_text(damage(original), encoding="utf-8")
    engine = Counting()
    assert cache.load_or_analyze(TEXT, analyze=engine) == build(TEXT)
    assert engine.calls == 1
    assert cache.read(TEXT) == build(TEXT)  # and rewritten whole


def test_offsets_outside_the_text_are_not_trusted(cache_dir):
    cache.load_or_analyze(TEXT, analyze=Counting())
    entry = cache.entry_path(TEXT)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["quotes"]["rows"][0][2] = len(TEXT) + 10  # end of q1
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.read(TEXT) is None


def test_entry_of_another_text_is_not_trusted(cache_dir):
    other = TEXT.replace("six", "ten")
    cache.load_or_analyze(other, analyze=Counting())
    cache.entry_path(other).replace(cache.entry_path(TEXT))
    engine = Counting()
    assert cache.load_or_analyze(TEXT, analyze=engine).text == TEXT
    assert engine.calls == 1


def test_stale_version_is_rebuilt(cache_dir, monkeypatch):
    cache.load_or_analyze(TEXT, analyze=Counting())
    monkeypatch.setattr(cache, "ENGINE_VERSION", cache.ENGINE_VERSION + ".next")
    engine = Counting()
    cache.load_or_analyze(TEXT, analyze=engine)
    assert engine.calls == 1
    data = json.loads(cache.entry_path(TEXT).read_text(encoding="utf-8"))
    assert data["version"] == cache.version_tag() and ".next" in data["version"]


def test_read_only_dir_is_silent_even_as_root(cache_dir, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(cache.tempfile, "mkstemp", refuse)
    engine = Counting()
    assert cache.load_or_analyze(TEXT, analyze=engine) == build(TEXT)
    assert engine.calls == 1 and cache.read(TEXT) is None


def test_unwritable_location_is_silent(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))
    engine = Counting()
    assert cache.load_or_analyze(TEXT, analyze=engine) == build(TEXT)
    assert cache.write(build(TEXT)) is False


def test_default_dir_is_the_user_cache(monkeypatch):
    import platformdirs

    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    assert cache.cache_dir() == cache.Path(platformdirs.user_cache_dir("closeread"))


def test_real_engine_round_trip(cache_dir):
    import tui.analysis as analysis_module
    from tui.resources import sample_path

    text = sample_path().read_text(encoding="utf-8")
    first = cache.load_or_analyze(text, "sample.txt", analyze=analysis_module.analyze)
    again = cache.read(text, "sample.txt")
    assert again == first and again.to_dict() == first.to_dict()
