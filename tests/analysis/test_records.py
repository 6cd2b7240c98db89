"""The fast record constructors build exactly what the classes' own constructors build."""

from __future__ import annotations

import dataclasses

import pytest

from tui.analysis.model import Analysis, Link, Mention, Paragraph, Quote, Sentence
from tui.analysis.phrases import Phrase
from tui.analysis.quotes import RawQuote
from tui.analysis.records import constructor

SAMPLES = [
    (Link, ("q1", "q2", "topic", ("flood", "orchard"), 0.5)),
    (Sentence, (3, 10, 20, 1)),
    (Paragraph, (1, 10, 40)),
    (Mention, (4, 9, "Alice")),
    (RawQuote, (0, 12, 1, 11, 0, True, False)),
    (Quote, ("q1", 0, 12, "We will win", "speech", 0, 0, "s1", Mention(20, 25, "Alice"), Mention(14, 18, "said"), "trailing_cue", 0.9)),
]


@pytest.mark.parametrize(("cls", "values"), SAMPLES)
def test_a_fast_constructor_builds_what_the_class_builds(cls, values) -> None:
    make = constructor(cls)
    assert make is not cls
    built = make(*values)
    assert type(built) is cls
    assert built == cls(*values)
    assert hash(built) == hash(cls(*values))
    names = [f.name for f in dataclasses.fields(cls)]
    assert make(**dict(zip(names, values, strict=True))) == built  # by name too
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built, names[0], values[0])


def test_a_phrase_is_built_fast_and_compares_and_hashes_as_its_fields() -> None:
    # a named tuple (the chunker builds thousands): equal and hashed as the frozen dataclass
    # it replaced was, from its fields in order, and immutable
    from tui.analysis.phrases import _new_phrase

    values = ("TITLED", 4, 20, "Mr. Ada Ruiz", "Ada Ruiz", 8, 20, "Mr.", 1, 4)
    built = _new_phrase(values)
    assert type(built) is Phrase
    assert built == Phrase(*values) == Phrase(**dict(zip(Phrase._fields, values, strict=True)))
    assert hash(built) == hash(values)
    assert built.head == "Ada Ruiz" and built.last == 4
    assert built != _new_phrase(("NAME", *values[1:]))
    with pytest.raises(AttributeError):
        built.kind = "NAME"  # type: ignore[misc]


def test_defaults_are_the_class_defaults() -> None:
    assert constructor(Link)("q1", "q2", "topic") == Link("q1", "q2", "topic")
    assert constructor(Quote)("q1", 0, 5, "x", "term", 0, 0) == Quote("q1", 0, 5, "x", "term", 0, 0)


def test_a_class_that_needs_more_than_its_fields_stored_keeps_its_own_constructor() -> None:
    assert constructor(Analysis) is Analysis  # __post_init__ and default factories

    @dataclasses.dataclass
    class Mutable:
        x: int

    assert constructor(Mutable) is Mutable


@pytest.mark.parametrize(("cls", "values"), SAMPLES)
def test_a_fast_built_record_is_an_ordinary_record_of_its_class(cls, values) -> None:
    # (built as a twin class's record, then given the class: nothing of the twin shows)
    built = constructor(cls)(*values)
    assert type(built).__mro__ == cls.__mro__
    assert repr(built) == repr(cls(*values))
    assert dataclasses.replace(built) == built
    assert dataclasses.astuple(built) == dataclasses.astuple(cls(*values))
    assert not hasattr(built, "__dict__")


def test_a_class_whose_slots_are_not_its_fields_alone_keeps_its_own_constructor() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Base:
        x: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Derived(Base):
        y: int

    make = constructor(Derived)  # (a twin of Derived's own slots has another layout)
    assert make(1, 2) == Derived(1, 2)


def test_a_speaker_with_new_quote_ids_is_what_replace_makes() -> None:
    from tui.analysis.model import Speaker
    from tui.analysis.pipeline import _with_quote_ids

    s = Speaker("s2", "Ada Pell", ("Ada", "Mrs. Pell"), "the baker", ("q1", "q4"), "person", "f")
    assert _with_quote_ids(s, ("q4",)) == dataclasses.replace(s, quote_ids=("q4",))
    assert type(_with_quote_ids(s, ())) is Speaker
    assert [f.name for f in dataclasses.fields(Speaker)] == ["id", "name", "aliases", "role", "quote_ids", "kind", "gender"]
