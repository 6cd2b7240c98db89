"""Lexicons loaded once from package data (``data/lexicon.json``, ``data/first_names.json``)."""

from __future__ import annotations

import json
from importlib import resources


def _load(name: str) -> dict:
    raw = resources.files("tui.analysis").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return json.loads(raw)


def _inflect(base: str, irregular: dict[str, list[str]], doubles: set[str]) -> set[str]:
    if base in irregular:
        return {base, *irregular[base]}
    if base.endswith("e"):
        forms = {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms = {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms = {base + "es", base + "ed", base + "ing"}
    elif base in doubles:
        forms = {base + "s", base + base[-1] + "ed", base + base[-1] + "ing"}
    else:
        forms = {base + "s", base + "ed", base + "ing"}
    return {base, *forms}


class Lexicon:
    def __init__(self) -> None:
        data = _load("lexicon.json")
        irregular = data["irregular"]
        doubles = set(data["double_final"])
        self.speech_verb_base: dict[str, str] = {}
        for base in data["speech_verbs"] + list(irregular):
            for form in _inflect(base, irregular, doubles):
                self.speech_verb_base.setdefault(form, base)
        self.weak_verbs = set(data["verbs_not_speech_alone"])
        self.speech_nouns = set(data["speech_nouns"])
        self.pronouns: dict[str, str] = data["pronouns"]
        self.honorifics: dict[str, str] = data["honorifics"]
        self.role_nouns = set(data["role_nouns"])
        self.group_nouns = set(data["group_nouns"])
        self.org_words = set(data["org_words"])
        self.non_person_capitals = set(data["non_person_capitals"])
        self.stop_capitals = set(data["stop_capitals"])
        self.stopwords = frozenset(data["stopwords"])
        self.negations = frozenset(data["negations"])
        self.term_openers = frozenset(data["term_openers"])
        self.first_names: dict[str, str] = _load("first_names.json")

    def is_speech_verb(self, word: str) -> bool:
        return word.lower() in self.speech_verb_base


def lexicon() -> Lexicon:
    """The lexicon, loaded on the first call (a plain function with the lexicon in a global:
    the engine asks for it some twenty thousand times a novel, and a call of an
    ``lru_cache`` wrapper costs more than one of a function)."""
    lex = _lexicon
    if lex is None:
        lex = _load_lexicon()
    return lex


_lexicon: Lexicon | None = None


def _load_lexicon() -> Lexicon:
    global _lexicon
    _lexicon = Lexicon()
    return _lexicon
