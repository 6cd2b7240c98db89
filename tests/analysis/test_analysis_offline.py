"""The engine runs offline: no nltk_data, no home directory, no network; data ships in the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import tui

REPO = Path(tui.__file__).resolve().parent.parent

OFFLINE_SCRIPT = r"""
import socket, sys

def no_network(*args, **kwargs):
    raise OSError("network access during analysis")

socket.socket.connect = no_network
socket.create_connection = no_network
socket.getaddrinfo = no_network

import nltk.data

def no_nltk_data(*args, **kwargs):
    raise LookupError("nltk_data lookup during analysis")

nltk.data.find = no_nltk_data
nltk.data.load = no_nltk_data

from tui.analysis import analyze
from tui.resources import sample_path

a = analyze(sample_path().read_text(encoding="utf-8"))
print(len(a.quotes), sum(1 for q in a.quotes if q.speaker_id))
"""


def test_analyze_sample_offline_without_nltk_data(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "NLTK_DATA": str(tmp_path / "no-such-nltk-data"),
        "PYTHONPATH": str(REPO),
        "PYTHONDONTWRITEBYTECODE": "1",
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    quotes, attributed = map(int, result.stdout.split())
    assert quotes == 24
    assert attributed == 24
    # nothing was written to the empty home directory
    assert list(home.iterdir()) == []


def _data(name: str):
    ref = resources.files("tui.analysis").joinpath(f"data/{name}")
    assert ref.is_file(), name
    return json.loads(ref.read_text(encoding="utf-8"))


def test_punkt_parameters_load_from_package_data():
    data = _data("punkt.json")
    assert {"abbrev_types", "collocations", "sent_starters", "ortho_context"} <= set(data)
    assert data["abbrev_types"]
    from tui.analysis.text import punkt_parameters

    params = punkt_parameters()
    assert params.abbrev_types == set(data["abbrev_types"])
    assert params.sent_starters == set(data["sent_starters"])


def test_lexicon_loads_from_package_data():
    data = _data("lexicon.json")
    for key in ("speech_verbs", "pronouns", "honorifics", "role_nouns", "stopwords", "negations"):
        assert data[key], key
    from tui.analysis.lexicon import lexicon

    lex = lexicon()
    assert lex.is_speech_verb("said") and lex.is_speech_verb("Adding")
    assert not lex.is_speech_verb("bridge")
    assert lex.pronouns["she"] == "f" and lex.pronouns["he"] == "m"


def test_first_names_load_from_package_data():
    names = _data("first_names.json")
    assert isinstance(names, dict) and len(names) > 100
    assert set(names.values()) <= {"m", "f", "?", "n"}
    from tui.analysis.lexicon import lexicon

    assert lexicon().first_names == names


def test_punkt_with_shipped_parameters_keeps_abbreviations_inside_sentences():
    from tui.analysis.text import split_paragraphs, split_sentences

    t = "Mr. Hale arrived at 5 p.m. on Monday. Dr. Linde was late."
    sentences = split_sentences(t, split_paragraphs(t))
    assert [t[s.start : s.end] for s in sentences] == [
        "Mr. Hale arrived at 5 p.m. on Monday.",
        "Dr. Linde was late.",
    ]
