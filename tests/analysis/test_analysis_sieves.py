"""Attribution sieves, one behaviour at a time, on small invented sentences.

Each test checks the speaker's canonical name, the sieve recorded on the quote, and where it
matters the mention (the words the attribution rests on) and the cue (the speech verb).
"""

from __future__ import annotations

import pytest

from tui.analysis import analyze
from tui.analysis.context import Context
from tui.analysis.pipeline import classify
from tui.analysis.quotes import find_quotes
from tui.analysis.sieves import (
    SIEVES,
    continuation,
    headline,
    leading_cue,
    narration_subject,
    pronoun,
    speech_noun,
    trailing_cue,
    turn_taking,
    vocative,
)
from tui.analysis.text import split_paragraphs, split_sentences


def attribution(text: str, n: int = 0):
    """(speaker name, sieve, mention text, cue text) of quote ``n``."""
    a = analyze(text)
    q = a.quotes[n]
    return (
        a.speaker_name(q),
        q.sieve,
        q.mention.text if q.mention else None,
        q.cue.text if q.cue else None,
    )


def context(text: str, fiction: bool = False) -> Context:
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    return Context(text, paragraphs, sentences, find_quotes(text, paragraphs), fiction=fiction)


def test_sieve_order_and_names():
    names = [name for name, _ in SIEVES]
    assert set(names) == {
        "headline", "trailing_cue", "leading_cue", "pronoun", "speech_noun",
        "continuation", "narration_subject", "reported_before", "vocative", "turn_taking",
    }
    # explicit cues beat inference from context
    assert names.index("trailing_cue") < names.index("continuation")
    assert names.index("leading_cue") < names.index("continuation")
    assert names.index("continuation") < names.index("reported_before")  # a last resort
    assert names[0] == "headline"


# -- headline ---------------------------------------------------------------------------------
def test_headline_quote_colon_agency_denies():
    t = '"We Did Not Sell The Orchard": Agency Denies Land Deal Rumours\n\nThe story began on Tuesday.'
    assert attribution(t) == ("Agency", "headline", "Agency", "Denies")


def test_headline_with_multiword_organisation():
    t = "“The Bridge Is Safe”: Harbour Authority Insists After Inspection"
    assert attribution(t)[:2] == ("Harbour Authority", "headline")


def test_headline_sieve_directly():
    ctx = context('"Nothing Was Hidden": Ministry Denies Cover-Up')
    att = headline(ctx, 0)
    assert att is not None and att.sieve == "headline"
    assert att.phrase.head == "Ministry"
    assert att.cue.word == "Denies"


def test_headline_needs_the_colon_right_after_the_quote():
    ctx = context('"Nothing Was Hidden" Ministry Denies Cover-Up')
    assert headline(ctx, 0) is None


def test_headline_only_for_a_quote_opening_its_paragraph():
    ctx = context('Locals shouted "Nothing Was Hidden": Ministry Denies Cover-Up')
    assert headline(ctx, 0) is None


# -- trailing cue -------------------------------------------------------------------------------
def test_trailing_cue_name_then_verb():
    t = "“We will rebuild the bridge,” Anna Kowalski told reporters."
    assert attribution(t) == ("Anna Kowalski", "trailing_cue", "Anna Kowalski", "told")


def test_trailing_cue_inverted_said_surname():
    t = '"The harvest was poor this year," said Dobbs.'
    assert attribution(t) == ("Dobbs", "trailing_cue", "Dobbs", "said")


def test_trailing_cue_inverted_with_full_name_and_exclamation():
    t = '"Quiet!" shouted Halvard Steen.'
    assert attribution(t) == ("Halvard Steen", "trailing_cue", "Halvard Steen", "shouted")


def test_trailing_cue_with_adverb_between_name_and_verb():
    t = "“The gate stays shut,” Odile Ferrand quietly said."
    assert attribution(t)[:2] == ("Odile Ferrand", "trailing_cue")


def test_trailing_cue_possessive_role_and_name():
    t = "“No deal was signed,” the city's deputy mayor Ilona Varga told reporters."
    name, sieve, mention, cue = attribution(t)
    assert (name, sieve, cue) == ("Ilona Varga", "trailing_cue", "told")
    assert "Ilona Varga" in mention


def test_trailing_cue_keeps_role_from_appositive_after_the_name():
    t = "“The border stays open,” said Lena Ortiz, a spokeswoman for the ministry."
    a = analyze(t)
    q = a.quotes[0]
    assert (a.speaker_name(q), q.sieve) == ("Lena Ortiz", "trailing_cue")
    assert a.speaker_of(q).role == "a spokeswoman for the ministry"


def test_trailing_cue_organisation():
    t = "“The drills are routine,” the Pentagon said."
    name, sieve, mention, cue = attribution(t)
    assert (name, sieve, cue) == ("Pentagon", "trailing_cue", "said")
    assert mention == "the Pentagon"


def test_trailing_cue_with_honorific_abbreviation():
    # "Mr." must not end the narration window before the name and verb
    t = "“The bread is late again,” Mr. Ashby said."
    name, sieve, mention, cue = attribution(t)
    assert sieve == "trailing_cue"
    assert mention == "Mr. Ashby"
    assert cue == "said"
    assert name in ("Mr. Ashby", "Ashby")


def test_trailing_cue_surname_with_appositive_before_verb():
    t = '"We have enough crews," Steen, the mayor, said.'
    name, sieve, _, cue = attribution(t)
    assert (name, sieve, cue) == ("Steen", "trailing_cue", "said")


def test_trailing_cue_description_with_prepositional_phrase():
    t = "“The quotas will stay,” a spokesman for the ministry said."
    name, sieve, mention, cue = attribution(t)
    assert sieve == "trailing_cue" and cue == "said"
    assert name is not None and "spokesman" in name
    assert mention is not None and "spokesman" in mention


def test_trailing_cue_sieve_directly():
    ctx = context("“We will rebuild the bridge,” Anna Kowalski told reporters.")
    att = trailing_cue(ctx, 0)
    assert att.sieve == "trailing_cue"
    assert att.phrase.head == "Anna Kowalski"
    assert att.cue.word == "told"


def test_trailing_cue_ignores_verb_after_other_words():
    # words other than punctuation between the quote and the name: not a trailing cue
    ctx = context("“We will rebuild the bridge,” the sign read, while Anna Kowalski told reporters.")
    assert trailing_cue(ctx, 0) is None


def test_trailing_cue_leaves_pronouns_to_the_pronoun_sieve():
    ctx = context("Marta Vidal spoke. “We expected a closer result,” she added.")
    assert trailing_cue(ctx, 0) is None


# -- leading cue ------------------------------------------------------------------------------------
def test_leading_cue_colon():
    t = "Thomas Hale arrived late. Mr Hale said: “The port will reopen on Monday.”"
    assert attribution(t) == ("Thomas Hale", "leading_cue", "Mr Hale", "said")


def test_leading_cue_said_that_partial():
    t = 'Governor Ruiz said that "the water supply is safe."'
    a = analyze(t)
    q = a.quotes[0]
    assert q.sieve == "leading_cue"
    assert a.speaker_name(q) == "Ruiz"
    assert q.mention.text == "Governor Ruiz"
    assert q.cue.text == "said"
    assert q.kind == "partial"
    assert a.speaker_of(q).role == "Governor"


def test_leading_cue_participle_adding_that():
    t = 'Mayor Pietro Lanza praised the volunteers, adding that "the square belongs to everyone."'
    assert attribution(t) == ("Pietro Lanza", "leading_cue", "Mayor Pietro Lanza", "adding")


def test_leading_cue_participle_saying_takes_subject_of_the_clause():
    t = "Judge Imelda Sorn closed the hearing, saying “the court has heard enough” before leaving."
    name, sieve, _, cue = attribution(t)
    assert (name, sieve, cue) == ("Imelda Sorn", "leading_cue", "saying")


def test_leading_cue_organisation():
    t = "The Pentagon said in a statement: “The drills are routine.”"
    assert attribution(t) == ("Pentagon", "leading_cue", "The Pentagon", "said")


def test_leading_cue_organisation_partial_quote():
    t = "The ministry said the drills were “routine and scheduled months ago”."
    a = analyze(t)
    q = a.quotes[0]
    assert (a.speaker_name(q), q.sieve, q.kind) == ("ministry", "leading_cue", "partial")


def test_leading_cue_term_quote_in_reported_sentence():
    t = 'The Pentagon said the exercise was "purely defensive" and would continue.'
    a = analyze(t)
    q = a.quotes[0]
    assert (q.kind, a.speaker_name(q), q.sieve) == ("term", "Pentagon", "leading_cue")


def test_leading_cue_second_half_of_a_split_quote():
    t = "“We have enough crews,” Halvard Steen said on Monday, “and the weather is fine.”"
    a = analyze(t)
    assert [a.speaker_name(q) for q in a.quotes] == ["Halvard Steen", "Halvard Steen"]


def test_leading_cue_according_to():
    t = "According to Ines Moreau, “the vote was never in doubt.”"
    a = analyze(t)
    assert a.speaker_name(a.quotes[0]) == "Ines Moreau"
    assert a.quotes[0].mention.text == "Ines Moreau"


def test_leading_cue_subject_with_appositive_role():
    t = "Lena Ortiz, a spokeswoman for the ministry, said: “The border stays open.”"
    a = analyze(t)
    q = a.quotes[0]
    assert (a.speaker_name(q), q.sieve, q.cue.text) == ("Lena Ortiz", "leading_cue", "said")
    assert a.speaker_of(q).role == "a spokeswoman for the ministry"


def test_leading_cue_sentence_initial_adverb_is_not_part_of_the_name():
    t = 'Later Halvard Steen said: "We are ready."'
    name, sieve, mention, _ = attribution(t)
    assert (name, sieve, mention) == ("Halvard Steen", "leading_cue", "Halvard Steen")


def test_leading_cue_with_honorific_abbreviation_keeps_the_honorific_in_the_mention():
    t = 'Mr. Ashby said: "The bread is late again."'
    name, sieve, mention, cue = attribution(t)
    assert (sieve, mention, cue) == ("leading_cue", "Mr. Ashby", "said")


def test_leading_cue_object_of_told_is_not_the_speaker():
    t = "Gregor Lind told Ada Mertz: “The shipment arrives tomorrow.”"
    assert attribution(t)[:2] == ("Gregor Lind", "leading_cue")


def test_new_named_speaker_with_colon_is_not_a_continuation_of_the_previous_one():
    t = "Oren Kalder said: “The treaty holds.” Ilse Brandt disagreed: “It is already broken.”"
    a = analyze(t)
    q1, q2 = a.quotes
    assert a.speaker_name(q1) == "Oren Kalder"
    assert a.speaker_name(q2) == "Ilse Brandt"


def test_leading_cue_sieve_directly():
    ctx = context("Mr Hale said: “The port will reopen on Monday.”")
    att = leading_cue(ctx, 0)
    assert att.sieve == "leading_cue"
    assert att.phrase.head == "Mr Hale"
    assert att.cue.word == "said"


# -- pronoun ------------------------------------------------------------------------------------------
def test_pronoun_resolves_to_the_named_person_before_it():
    t = 'Marta Vidal spoke after the vote. "We expected a closer result," she added.'
    assert attribution(t) == ("Marta Vidal", "pronoun", "she", "added")


def test_she_skips_a_man_named_just_before():
    t = 'Marta Vidal met Bruno Castell on Friday. "We expected a closer result," she added.'
    assert attribution(t)[:2] == ("Marta Vidal", "pronoun")


def test_he_skips_a_woman_named_just_before():
    t = 'Bruno Castell thanked Marta Vidal on Friday. "We expected a closer result," he added.'
    assert attribution(t)[:2] == ("Bruno Castell", "pronoun")


def test_she_skips_a_man_with_an_honorific_named_just_before():
    t = 'Marta Vidal met Mr Castell on Friday. "We expected a closer result," she added.'
    assert attribution(t)[:2] == ("Marta Vidal", "pronoun")


def test_she_resolves_over_an_intervening_man_in_another_sentence():
    t = (
        "Marta Vidal, a spokeswoman for the ministry, spoke on Friday. Felix Arndt, an engineer, "
        'also attended. "The tunnel is sound," she said.'
    )
    a = analyze(t)
    q = a.quotes[0]
    assert (a.speaker_name(q), q.sieve) == ("Marta Vidal", "pronoun")
    assert a.speaker_of(q).role == "a spokeswoman for the ministry"


def test_pronoun_in_next_paragraph_resolves_to_previous_paragraph_name():
    t = (
        "Halvard Steen, the mayor, said on Monday that the ferry would run.\n\n"
        "“We have enough crews,” he said."
    )
    assert attribution(t)[:3] == ("Halvard Steen", "pronoun", "he")


def test_leading_pronoun():
    t = "Halvard Steen, the mayor, criticised the plan. He said the timetable was “a fantasy drawn up by consultants”."
    name, sieve, mention, cue = attribution(t)
    assert (name, sieve, mention, cue) == ("Halvard Steen", "pronoun", "He", "said")


def test_they_resolves_to_a_group():
    t = "Local residents gathered at the quay. “The quotas are unfair,” they said."
    a = analyze(t)
    q = a.quotes[0]
    assert (a.speaker_name(q), q.sieve, q.mention.text) == ("residents", "pronoun", "they")


def test_pronoun_without_antecedent_is_left_unattributed():
    t = "“We expected a closer result,” she added."
    a = analyze(t)
    assert a.quotes[0].speaker_id is None
    assert a.quotes[0].sieve == "none"


def test_pronoun_sieve_directly_records_antecedent():
    ctx = context('Marta Vidal spoke after the vote. "We expected a closer result," she added.')
    att = pronoun(ctx, 0)
    assert att.sieve == "pronoun"
    assert att.phrase.text == "she"
    assert att.antecedent.head == "Marta Vidal"
    assert att.cue.word == "added"


# -- speech nouns -------------------------------------------------------------------------------------
def test_speech_noun_possessive_statement():
    t = 'Ines Moreau\'s statement that the vote was "never in doubt" surprised nobody.'
    name, sieve, mention, _ = attribution(t)
    assert (name, sieve) == ("Ines Moreau", "speech_noun")
    assert mention.startswith("Ines Moreau")


def test_speech_noun_by():
    t = "A letter by Conrad Vesely called the merger “a slow theft”."
    name, sieve, _, _ = attribution(t)
    assert (name, sieve) == ("Conrad Vesely", "speech_noun")


def test_speech_noun_sieve_directly():
    ctx = context('After Ines Moreau\'s remarks that the plan was "dead", the council adjourned.')
    att = speech_noun(ctx, 0)
    assert att is not None and att.sieve == "speech_noun"
    assert att.phrase.head == "Ines Moreau"


# -- continuation ---------------------------------------------------------------------------------------
def test_continuation_in_the_same_paragraph():
    t = "“The bridge is closed,” Anna Kowalski said. “It will reopen next spring.”"
    a = analyze(t)
    q1, q2 = a.quotes
    assert (a.speaker_name(q2), q2.sieve) == ("Anna Kowalski", "continuation")
    assert q2.speaker_id == q1.speaker_id
    # the mention and cue are those of the attribution it continues
    assert q2.mention.text == "Anna Kowalski"
    assert q2.cue.text == "said"


def test_continuation_news_style_next_paragraph():
    t = "“The bridge is closed,” Anna Kowalski said.\n\n“It will reopen next spring.”"
    a = analyze(t)
    assert a.speaker_name(a.quotes[1]) == "Anna Kowalski"
    assert a.quotes[1].sieve == "continuation"


def test_no_continuation_across_an_unrelated_paragraph():
    t = (
        "“The bridge is closed,” Anna Kowalski said.\n\n"
        "The council met for three hours on Tuesday and adjourned without a vote on the budget, "
        "leaving the question of the ferry timetable and the harbour dues for another week.\n\n"
        "“It will reopen next spring.”"
    )
    a = analyze(t)
    assert a.quotes[1].speaker_id is None


def test_continuation_does_not_override_an_explicit_cue():
    t = "“The bridge is closed,” Anna Kowalski said.\n\n“It is open,” Bruno Castell replied."
    assert attribution(t, 1)[:2] == ("Bruno Castell", "trailing_cue")


def test_continuation_sieve_directly():
    ctx = context("“The bridge is closed,” Anna Kowalski said. “It will reopen next spring.”")
    ctx.attributions[0] = trailing_cue(ctx, 0)
    att = continuation(ctx, 1)
    assert att.sieve == "continuation"
    assert att.same_as == 0


def test_continuation_needs_an_attributed_predecessor():
    ctx = context("“The bridge is closed.” “It will reopen next spring.”")
    assert continuation(ctx, 1) is None


# -- turn-taking and vocatives in fiction ------------------------------------------------------------------
DIALOGUE = (
    "“I think the kettle is boiling,” said Wren Talbot.\n\n"
    "“Let it boil a while longer,” said Osric Vane.\n\n"
    "“It will boil dry.”\n\n"
    "“Then take it off the stove.”"
)


def test_turn_taking_sieve_directly():
    ctx = context(DIALOGUE, fiction=True)
    ctx.attributions[0] = trailing_cue(ctx, 0)
    ctx.attributions[1] = trailing_cue(ctx, 1)
    att = turn_taking(ctx, 2)
    assert att.sieve == "turn_taking" and att.same_as == 0
    ctx.attributions[2] = att
    att = turn_taking(ctx, 3)
    assert att.sieve == "turn_taking" and att.same_as == 1


def test_turn_taking_is_off_outside_fiction():
    ctx = context(DIALOGUE, fiction=False)
    ctx.attributions[0] = trailing_cue(ctx, 0)
    ctx.attributions[1] = trailing_cue(ctx, 1)
    assert turn_taking(ctx, 2) is None


def novel(min_chars: int = 21000) -> str:
    """An invented two-person dialogue, long enough for fiction mode."""
    a_lines = ["the kettle is boiling again", "we should leave before the tide turns",
               "the lantern needs more oil", "my boots are still wet from the marsh"]
    b_lines = ["let it boil a while longer", "the tide can wait for us tonight",
               "there is oil in the blue jar", "dry them by the stove then"]
    paras: list[str] = []
    n = 0
    while sum(len(p) + 2 for p in paras) < min_chars:
        paras.append(f"“I think {a_lines[n % 4]},” said Wren Talbot, looking at the window.")
        paras.append(f"“Perhaps {b_lines[n % 4]},” said Osric Vane.")
        paras.append(f"“And yet {a_lines[n % 4]}, for the {n + 1}th time.”")
        paras.append(f"“Then {b_lines[n % 4]}, for the {n + 1}th time.”")
        paras.append("The wind rattled the shutters of the little cottage by the shore.")
        n += 1
    return "\n\n".join(paras)


@pytest.fixture(scope="module")
def novel_analysis():
    return analyze(novel())


def test_turn_taking_end_to_end_in_a_long_dialogue(novel_analysis):
    a = novel_analysis
    assert len(a.text) > 20000
    quotes = a.quotes
    assert len(quotes) % 4 == 0 and len(quotes) >= 200
    for k in range(0, len(quotes), 4):
        block = quotes[k : k + 4]
        assert [a.speaker_name(q) for q in block] == ["Wren Talbot", "Osric Vane", "Wren Talbot", "Osric Vane"]
        assert [q.sieve for q in block] == ["trailing_cue", "trailing_cue", "turn_taking", "turn_taking"]


def test_vocative_names_the_next_speaker_in_fiction():
    t = (
        "“Is the boat ready, Osric?” asked Wren Talbot.\n\n"
        "“Nearly ready.”"
    )
    ctx = context(t, fiction=True)
    ctx.attributions[0] = trailing_cue(ctx, 0)
    att = vocative(ctx, 1)
    assert att is not None and att.sieve == "vocative"
    assert att.phrase.text == "Osric"


def test_vocative_takes_a_first_name_and_surname():
    t = (
        "“Well, Osric Vane,” said Wren Talbot, “the boat is ready.”\n\n"
        "“And so am I.”"
    )
    ctx = context(t, fiction=True)
    att = vocative(ctx, 2)
    assert att is not None and att.phrase.text == "Osric Vane"


def test_an_interjection_opening_a_turn_is_nobody_addressed():
    # capitalised after a lower-case word, as names are: still an interjection
    t = "“Hullo,” cried the potman, and Hullo came back from the yard.\n\n“Only the wind.”"
    ctx = context(t, fiction=True)
    assert vocative(ctx, 1) is None


def test_vocative_is_off_outside_fiction():
    t = "“Is the boat ready, Osric?” asked Wren Talbot.\n\n“Nearly ready.”"
    ctx = context(t, fiction=False)
    ctx.attributions[0] = trailing_cue(ctx, 0)
    assert vocative(ctx, 1) is None


# -- kinds: speech, partial, term, title ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("“We will rebuild the bridge,” Anna Kowalski told reporters.", "speech"),
        ("Anna Kowalski said: “We will rebuild the bridge.”", "speech"),
        ('Governor Ruiz said that "the water supply is safe and the pumps are working."', "partial"),
        ("The minister called the budget “a careful step toward balance, nothing more” in parliament.", "partial"),
        ('Critics called the plan a "paper tiger" last week.', "term"),
        ("The Pentagon said the exercise was “purely defensive” and would continue.", "term"),
        ("She watched “The Silent Orchard” on Sunday evening.", "title"),
        ('Ilse Brandt reviewed "A History of Northern Lighthouses" for the gazette.', "title"),
    ],
)
def test_quote_kinds(text, kind):
    assert analyze(text).quotes[0].kind == kind


def test_classify_directly():
    t = "Critics called the plan a “paper tiger” last week."
    paragraphs = split_paragraphs(t)
    (raw,) = find_quotes(t, paragraphs)
    assert classify(t, raw, 0, 0) == "term"


def test_titles_are_never_attributed():
    t = "Ilse Brandt said she loved “The Silent Orchard” as a child."
    a = analyze(t)
    q = a.quotes[0]
    assert q.kind == "title"
    assert q.speaker_id is None and q.sieve == "none"


def test_unattributed_quote_has_no_mention_cue_or_confidence():
    t = "“The rain came early this year.”"
    q = analyze(t).quotes[0]
    assert (q.speaker_id, q.mention, q.cue, q.sieve, q.confidence) == (None, None, None, "none", 0.0)


def test_attributed_quote_confidence_in_unit_interval():
    q = analyze("“We will rebuild the bridge,” Anna Kowalski told reporters.").quotes[0]
    assert 0.0 < q.confidence <= 1.0


def pronoun_novel(min_chars: int = 21000) -> str:
    paras: list[str] = []
    n = 0
    while sum(len(p) + 2 for p in paras) < min_chars:
        paras.append(f"Wren Talbot stood by the window of the cottage for the {n + 1}th time that evening.")
        paras.append("“The kettle is boiling again,” she said.")
        paras.append("“Let it boil a little longer,” said Osric Vane.")
        paras.append("“It will boil dry,” she said.")
        paras.append("“Then take it off the stove,” he said.")
        paras.append("“I am tired of this kettle,” I said.")
        n += 1
    return "\n\n".join(paras)


def test_pronouns_and_narrator_in_fiction():
    a = analyze(pronoun_novel())
    assert len(a.quotes) % 5 == 0
    expected = ["Wren Talbot", "Osric Vane", "Wren Talbot", "Osric Vane"]
    for k in range(0, len(a.quotes), 5):
        block = a.quotes[k : k + 5]
        assert [a.speaker_name(q) for q in block[:4]] == expected
        assert [q.sieve for q in block] == ["pronoun", "trailing_cue", "pronoun", "pronoun", "pronoun"]
        assert "narrator" in a.speaker_name(block[4]).lower()
    assert len(a.speakers) == 3


def test_first_person_outside_fiction_is_the_writer():
    # (news gold counts "I" as the source: the writer of a first-person piece)
    a = analyze("“I am tired of this kettle,” I said.")
    assert a.quotes[0].mention is not None and a.quotes[0].mention.text == "I"
    assert [s.name for s in a.speakers] == ["The writer"]


# -- narration subject (fiction) -----------------------------------------------------------------
def test_narration_subject_names_the_speaker_of_a_cueless_quote():
    # (fiction or news alike)
    t = (
        "The kettle had boiled over twice.\n\n"
        "Tobias Wren folded the map and set it down. “We leave before the frost.”"
    )
    ctx = context(t, fiction=True)
    att = narration_subject(ctx, 0)
    assert att is not None and att.sieve == "narration_subject"
    assert att.phrase.head == "Tobias Wren"


def test_narration_subject_owner_of_a_possessive_subject():
    t = "Marguerite Olsen's hands shook on the railing. “Nobody saw the boat go out.”"
    ctx = context(t, fiction=True)
    att = narration_subject(ctx, 0)
    assert att is not None and att.phrase.head == "Marguerite Olsen"


def test_narration_subject_needs_a_finished_sentence():
    t = "Tobias Wren folded the map. “We leave before the frost.”"
    assert narration_subject(context(t, fiction=False), 0).phrase.head == "Tobias Wren"
    # the quotation continues the narrator's sentence: no subject to hand it to
    t2 = "Tobias Wren folded the map and whispered “we leave before the frost.”"
    assert narration_subject(context(t2, fiction=True), 0) is None


def test_attribution_copy_keeps_every_field_and_is_independent():
    import dataclasses

    from tui.analysis.context import Attribution

    values = {f.name: f"value of {f.name}" for f in dataclasses.fields(Attribution)}
    original = Attribution(**values)
    copied = original.copy()
    assert dataclasses.asdict(copied) == values
    copied.confidence = 0.1  # a sieve completing its copy leaves the memoised one alone
    assert original.confidence == "value of confidence"


def test_inverted_cue_reaches_the_name_past_modifiers():
    text = '"We will not retreat," said retired Navy Adm. Ola Brandt, who led the fleet until 2019.'
    name, sieve, mention, _ = attribution(text)
    assert (name, sieve) == ("Ola Brandt", "trailing_cue") and mention.endswith("Adm. Ola Brandt")
    text = '"The count is not over," added his campaign manager Ivo Palank, speaking to reporters.'
    name, sieve, mention, _ = attribution(text)
    assert (name, sieve) == ("Ivo Palank", "trailing_cue") and "Ivo Palank" in mention


def test_a_cue_closing_the_sentence_attributes_a_fragment_inside_it():
    text = 'Dorn "won easily among rural voters" in the spring vote, said state historian Mila Varo.'
    assert attribution(text)[:2] == ("Mila Varo", "trailing_cue")
    text = 'The plan was "dead on arrival" by the time it reached the floor, Varo said.'
    assert attribution(text)[:3] == ("Varo", "trailing_cue", "Varo")


def test_a_comma_clause_without_a_cue_attributes_nothing():
    text = 'The plan was "dead on arrival" by the time it reached the floor, as everyone expected.'
    assert attribution(text)[0] is None


def test_a_title_between_two_statements_does_not_break_the_continuation():
    text = (
        '"We will publish the records," Ana Dree said in an interview on "Morning Report" Sunday. '
        '"There is nothing to hide."'
    )
    a = analyze(text)
    speech = [q for q in a.quotes if q.kind == "speech"]
    assert [a.speaker_name(q) for q in speech] == ["Ana Dree", "Ana Dree"]
    assert speech[1].sieve == "continuation"


def test_a_role_after_a_hyphenated_prefix_is_a_role():
    text = '"The data was tampered with," co-founder Lior Samet told the committee.'
    name, sieve, mention, _ = attribution(text)
    assert (name, sieve) == ("Lior Samet", "trailing_cue") and "Lior Samet" in mention


def test_a_full_stop_inside_an_embedded_quote_ends_the_speakers_sentence():
    text = 'Oda Vence said the reform "will fail." Ivo Brill called it overdue.'
    assert attribution(text)[:2] == ("Oda Vence", "leading_cue")


def test_participle_takes_the_subject_of_the_speech_verb_before_it():
    text = 'Ida Marr said on Friday that Ben Holt is wrong, adding that he "never read the bill."'
    assert attribution(text)[0] == "Ida Marr"


def test_go_is_a_speech_verb_only_when_punctuation_introduces_the_words():
    text = 'Ada Roe says the league has gone "soft" like the rest of the country.'
    assert attribution(text)[0] == "Ada Roe"


def test_a_comma_clause_cue_later_in_the_sentence_attributes_the_quotation():
    text = '"Without the volunteers" at the sluice gates, Ada Ruiz said at the harbour on Monday, the quay would have flooded.'
    assert attribution(text)[:2] == ("Ada Ruiz", "trailing_cue")


def test_a_possessor_before_a_name_is_not_the_speaker():
    text = '"Growth is slowing," the Vantor Institute\'s Lena Okafor said at the forum.'
    assert attribution(text)[0] == "Lena Okafor"


def test_a_bare_description_before_a_leading_cue_is_the_speaker():
    text = 'Voters lined up early. Another commenter wrote, "We all know how this ends."'
    name, sieve, mention, cue = attribution(text)
    assert (sieve, mention, cue) == ("leading_cue", "Another commenter", "wrote")


def test_a_name_modifying_the_speakers_description_is_not_the_speaker():
    text = '"We should slow down," Senate minority leader Ola Brandt told reporters in the capital.'
    assert attribution(text)[0] == "Ola Brandt"
    text = '"It was a long week," Elmford delegate Ivo Palank said.'
    assert attribution(text)[0] == "Ivo Palank"


def test_news_descriptions_without_a_role_noun():
    assert attribution('"Out, out, out!" some protesters chanted outside the hall.')[2] == "some protesters"
    name, sieve, mention, _ = attribution('"The drop is real," said a person close to the family.')
    assert sieve == "trailing_cue" and mention.startswith("a person")
    name, sieve, mention, _ = attribution('"There is no data," said one unaligned Westmarch Republican strategist.')
    assert sieve == "trailing_cue" and "strategist" in mention


def test_a_parenthesis_between_the_name_and_the_verb():
    assert attribution('"It matters," Sen. Ada Ruiz (D-Elmford) said Saturday.')[0] == "Ada Ruiz"


def test_an_adverb_between_the_source_and_the_verb():
    assert attribution('"He said it twice," the Daily Ledger first reported.')[1] == "trailing_cue"


def test_a_person_named_right_before_a_colon_opens_the_quotation():
    text = 'The surge does not surprise Republican pollster Dara Quill: "Newcomers always rise early."'
    assert attribution(text)[0] == "Dara Quill"
    text = 'The tour ended in Harlow: "A wonderful town."'
    assert attribution(text)[0] is None


def test_a_lone_quantifier_before_a_speech_verb_is_a_source():
    text = 'The crowd was restless. Another tweeted, "Nobody is above the rules."'
    assert attribution(text)[2] == "Another"


def test_quotations_joined_by_and_share_the_cue_after_the_last():
    text = (
        'Tolls are "the quiet tax of this valley" and "drain the purses of commuters," '
        "Ada Ruiz, the former mayor of Harlow, proclaimed to a packed hall."
    )
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes] == ["Ada Ruiz", "Ada Ruiz"]
    assert a.quotes[0].sieve == "continuation"


def test_a_cue_after_nested_closing_marks():
    text = "Her \"best work was 'keeping the lighthouse ledger,'\" Ivo Brill says, a job of its own."
    assert attribution(text)[0] == "Ivo Brill"


def test_a_middle_initial_stays_inside_the_name():
    name, sieve, mention, _ = attribution('"These are lean winters," Ada K. Lowe wrote in a letter last spring.')
    assert (sieve, mention) == ("trailing_cue", "Ada K. Lowe") and name.startswith("Ada K")


def test_a_quotation_paragraph_after_reported_speech_in_narration():
    text = (
        "The talks ran late.\n\n"
        "Ada Ruiz was careful to add that the ferry timetable would not change.\n\n"
        '"Cutting a sailing? Out of the question."'
    )
    assert attribution(text)[0] == "Ada Ruiz"
    text = "The talks ran late.\n\nThe ferry timetable would not change.\n\n" '"Cutting a sailing? Out of the question."'
    assert attribution(text)[0] is None


def test_fiction_a_description_with_its_modifier_names_a_minor_character():
    ctx = context("“As you wish,” said the woman with the green shawl, and turned away.", fiction=True)
    att = trailing_cue(ctx, 0)
    assert att is not None and att.phrase.text == "the woman with the green shawl"


def novel_with(paragraphs: list[str], min_chars: int = 21000) -> str:
    """``paragraphs`` after enough invented dialogue to put the engine in fiction mode."""
    return novel(min_chars) + "\n\n" + "\n\n".join(paragraphs)


def test_fiction_a_surname_alone_is_the_man_when_the_family_has_both():
    text = novel_with([
        "Mr. Corry Hale kept the inn, and Mrs. Hale kept Mr. Hale.",
        "“The rooms are ready,” said Mrs. Hale.",
        "“Then bring the lamp,” said Hale, rising from his chair.",
    ])
    a = analyze(text)
    assert a.speaker_name(a.quotes[-2]) == "Mrs. Hale"
    man = a.speaker(a.quotes[-1].speaker_id)
    assert man.name != "Mrs. Hale" and man.name.endswith("Hale") and man.gender == "m"


def test_fiction_the_addressee_is_the_name_not_the_exclamation():
    text = novel_with([
        "“Lauk, Mr. Corbin! You gave me such a turn.”",
        "“To the mill, ma'am,” replied the stern beadle, “and at once.”",
    ])
    a = analyze(text)
    assert a.speaker_name(a.quotes[-2]) == "Mr. Corbin"


def test_so_saying_is_not_a_speaker():
    text = '"Follow me!" said Harry Dane. "Keep close." So saying, he climbed onto the cart.'
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes] == ["Harry Dane", "Harry Dane"]


def test_fiction_an_exclamation_is_not_an_addressee():
    text = novel_with([
        "“He's coming! Elp! Elp!” cried the potman.",
        "“Shut the doors,” said the sergeant.",
    ])
    a = analyze(text)
    assert a.speaker_name(a.quotes[-1]) != "Elp"


def test_fiction_a_name_right_after_the_verb_speaks_the_quotation_that_follows():
    text = novel_with([
        "She glanced at the map her brother was folding, "
        "“and what good is a map,” thought Mira Dove “with no roads marked on it?”",
    ])
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes[-2:]] == ["Mira Dove", "Mira Dove"]


def test_news_a_pronoun_cue_right_after_the_words_beats_a_leading_one():
    text = (
        'Ada Ruiz spoke to the delegates on Monday. Critics who say "the region no longer matters '
        'are wrong," she said.'
    )
    name, sieve, mention, _ = attribution(text)
    assert (name, sieve, mention) == ("Ada Ruiz", "pronoun", "she")


def test_a_dateline_is_not_a_speaker():
    text = (
        "HARLOW, May 4 (Reuters) — A spokesman for the mayor, Ada Ruiz, called a report "
        'suggesting donors were favoured "outrageous."'
    )
    assert attribution(text)[0] != "HARLOW"


def test_according_to_a_description():
    text = 'According to the newspaper, "the gun laws empower the dangerous."'
    assert attribution(text)[1:3] == ("according_to", "the newspaper")
    text = 'The laws "empower the dangerous," according to the newspaper.'
    assert attribution(text)[1:3] == ("according_to", "the newspaper")


def test_a_colon_after_a_name_and_its_parenthesis():
    text = 'The hearing went on. Rep. Ada Ruiz (D-Elmford): "Nobody on the board asked me."'
    assert attribution(text)[0] == "Ada Ruiz"


def test_fiction_words_the_narrator_quotes_are_terms_without_a_speaker():
    text = novel_with([
        "“The boat is ready,” said Osric Vane.",
        "Wren had long been tired of what her aunt called “polite society,” and she"
        " meant to make the “grand tour of the islands” before the winter.",
        "“Then we sail at dawn,” said Osric Vane, “and nobody need know.”",
    ])
    a = analyze(text)
    by_text = {q.text.strip(" ,."): q for q in a.quotes}
    for words in ("polite society", "grand tour of the islands"):
        quote = by_text[words]
        assert quote.kind == "term"
        assert quote.speaker_id is None
    # the second half of an interrupted sentence is still the speaker's, not a term
    rest = by_text["and nobody need know"]
    assert rest.kind == "partial" and a.speaker_name(rest) == "Osric Vane"


def test_fiction_speech_broken_off_keeps_its_speaker():
    text = novel_with([
        "“If the tide turns,” said Osric Vane, “I'll”--and he stopped.",
    ])
    a = analyze(text)
    broken = a.quotes[-1]
    assert broken.kind == "term" and a.speaker_name(broken) == "Osric Vane"


def _scenes_novel(describe: str, names: list[str]) -> str:
    """An invented novel: two women speak by name early on; much later, scenes open with
    narration naming one of them, who then speaks only as ``describe`` ("the girl"), each
    scene followed by the two men's talk (so no woman spoke in the last turns)."""
    intro = [f"“I will mend the nets before dark,” said {name}, for the {n + 1}th time."
             for n, name in enumerate(["Nell Marrow", "Ada Finch"] * 3)]
    paras = []
    for k, name in enumerate(names):
        paras += [
            f"Later that week {name} came down to the harbour again, and sat on the wall.",
            f"“Is the ferry late again, {k + 2} days running?” asked Osric Vane.",
            f"“It is always late in the spring,” said {describe}, looking out to sea.",
            "“Then we shall wait for it together,” said Osric Vane.",
        ]
        for n in range(5):
            paras += [f"“The nets are dry at {n + 1},” said Wren Talbot.", f"“Then fold them,” said Osric Vane, {k + 1} times."]
    return "\n\n".join(intro) + "\n\n" + novel() + "\n\n" + "\n\n".join(paras)


def _spoken_by(a, words: str) -> set[str]:
    return {a.speaker_name(q) for q in a.quotes if words in q.text}


def test_fiction_a_description_the_narration_keeps_naming_is_that_character():
    a = analyze(_scenes_novel("the girl", ["Nell"] * 6))
    assert _spoken_by(a, "always late in the spring") == {"Nell Marrow"}


def test_fiction_a_description_stays_itself_when_its_scenes_name_different_people():
    a = analyze(_scenes_novel("the girl", ["Nell", "Ada"] * 3))
    assert _spoken_by(a, "always late in the spring") == {"the girl"}


def test_fiction_a_description_with_a_modifier_is_not_joined_to_a_name():
    a = analyze(_scenes_novel("the girl in the red shawl", ["Nell"] * 6))
    assert _spoken_by(a, "always late in the spring") == {"the girl in the red shawl"}


def test_fiction_a_stage_direction_in_parentheses_cuts_the_quotation_in_two():
    text = novel_with([
        "“Then we sail at dawn,” said Osric Vane. “Well, (smiling at the harbour,) I hope"
        " the wind holds; and you, madam, (to Mrs. Gale,) may keep the lamp.”",
        "“And I say (I always have said) that it never holds,” said Wren Talbot.",
    ])
    a = analyze(text)
    vane = [q for q in a.quotes if q.paragraph == a.quotes[-1].paragraph - 1]
    assert [q.text.strip(" ,") for q in vane] == [
        "Then we sail at dawn", "Well", "I hope the wind holds; and you, madam", "may keep the lamp."]
    assert {a.speaker_name(q) for q in vane} == {"Osric Vane"}
    # the speaker's own parenthesis is part of what they say
    assert a.quotes[-1].text.startswith("And I say (I always have said)")


def test_news_a_speech_verb_after_and_takes_the_subject_of_its_clause():
    text = 'Ada Ruiz faulted Ivo Brill over the budget and called him a "timid bargainer" at the forum.'
    assert attribution(text)[0] == "Ada Ruiz"
    text = 'Lena Okafor joked that Elmford had the best pies, but went on to say, "Nobody wins a bake-off on jokes."'
    assert attribution(text)[0] == "Lena Okafor"
    text = 'At the fair, Oda Vence thought it over and said, "Ask me tomorrow."'
    assert attribution(text)[0] == "Oda Vence"


def test_news_a_speech_verb_inside_reported_speech_keeps_the_outer_source():
    text = 'Ida Marr said she expected that voters would say "enough" in the spring.'
    assert attribution(text)[0] == "Ida Marr"
    # a subordinate clause before the main one, and an independent clause after "and", have
    # their own sources
    text = 'After Ben Holt said the plan was dead, Ida Marr said it was "merely resting."'
    assert attribution(text)[0] == "Ida Marr"
    text = 'Ida Marr called the plan a failure and Ben Holt said it was "merely resting."'
    assert attribution(text)[0] == "Ben Holt"


def test_news_words_quoted_in_a_sentence_without_a_cue_are_its_subjects():
    text = 'The rally ran late. Ada Ruiz has minted a fresh insult, "paper patriots," for her rivals.'
    name, sieve, mention, _ = attribution(text)
    assert (name, sieve, mention) == ("Ada Ruiz", "narration_subject", "Ada Ruiz")
    # after an opening adverbial; a pronoun subject takes its antecedent
    text = 'Ada Ruiz spoke first. On Monday, she also praised the "quiet courage" of the nurses.'
    name, _, mention, _ = attribution(text)
    assert (name, mention) == ("Ada Ruiz", "she")
    # a later clause with a subject of its own
    text = 'Ada Ruiz calls him "the old man," while Ben Holt calls her "the kid."'
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes] == ["Ada Ruiz", "Ben Holt"]


def test_news_a_description_of_the_subject_is_not_its_words():
    text = 'The polls closed at eight. Ada Ruiz is the "safe choice" for the party.'
    assert attribution(text)[0] is None
    text = 'The polls closed at eight. Nevertheless, the "safe choice" won the county.'
    assert attribution(text)[0] is None


def test_a_conjunction_after_the_quotation_opens_a_clause_not_a_cue():
    text = 'Ada Ruiz dismissed the plan as "a fantasy," while Ben Holt mocks it as "a tax."'
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes] == ["Ada Ruiz", "Ben Holt"]


def test_news_a_cue_that_reports_more_after_a_full_stop_starts_a_new_sentence():
    text = (
        '"We need exceptions," Ada Ruiz said. "That keeps me in the middle of the party." '
        "Ben Holt said he supports only one exception."
    )
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes] == ["Ada Ruiz", "Ada Ruiz"]
    assert a.quotes[1].sieve == "continuation"
    # a cue that ends its clause still names the speaker
    a = analyze('"We need exceptions," Ada Ruiz said. "That keeps me in the middle," Ben Holt said.')
    assert [a.speaker_name(q) for q in a.quotes] == ["Ada Ruiz", "Ben Holt"]


def test_news_a_participle_right_after_its_own_subject():
    text = 'Senators balked at the plan, with Sen. Ada Ruiz calling it a "blank check" for the agency.'
    assert attribution(text)[0] == "Ada Ruiz"
    text = 'Both leaders sounded upbeat, Ben Holt saying he was "quite cheered" by the talks.'
    assert attribution(text)[0] == "Ben Holt"


def test_news_a_participle_without_a_comma_takes_its_clauses_subject():
    text = 'Hours later, Ada Ruiz issued a statement urging voters to "stay home and stay safe."'
    assert attribution(text)[0] == "Ada Ruiz"
    # "and asserting" goes on with the participle before it
    text = 'Ada Ruiz went after Ben Holt, calling it "a disgrace" and asserting that it was "a bluff."'
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes] == ["Ada Ruiz", "Ada Ruiz"]


def test_news_a_speech_verb_in_an_opening_subordinate_clause_is_not_the_cue():
    text = 'Ada Ruiz spoke first. When Ben Holt announced his bid in June, she referred to him as a "showman."'
    assert attribution(text)[0] == "Ada Ruiz"
    # "As X said, …" is itself the attribution
    text = 'As Ben Holt said last week, "the budget is a moral document."'
    assert attribution(text)[0] == "Ben Holt"


def test_news_an_appositive_with_commas_of_its_own_before_the_verb():
    text = '"The plan is a start," Ada Ruiz, assistant secretary for housing, transit, and parks, said on Friday.'
    assert attribution(text)[0] == "Ada Ruiz"
    text = '"Both of them bore me," Ivo Brill, 30, of Harlow, Westmarch, who was among the ferry passengers, said later.'
    assert attribution(text)[0] == "Ivo Brill"


# -- news attribution, second round ------------------------------------------------------------
def test_news_a_pronoun_inside_its_antecedents_reported_words_rests_on_the_name():
    text = 'Ada Ruiz pointed to the polls, noting that she has put together "the best ground game in the state."'
    name, _, mention, _ = attribution(text)
    assert (name, mention) == ("Ada Ruiz", "Ada Ruiz")
    # a clause of the pronoun's own keeps the pronoun as the mention
    text = 'Ada Ruiz said the vote was close, but she called the result "a mandate."'
    name, _, mention, _ = attribution(text)
    assert (name, mention) == ("Ada Ruiz", "she")


def test_the_phrase_after_told_is_its_object_not_an_inverted_speaker():
    text = 'Ada Ruiz spoke for an hour on Friday and then told her neighbours, "The orchard stays open."'
    name, _, mention, _ = attribution(text)
    assert (name, mention) == ("Ada Ruiz", "Ada Ruiz")
    # an inverted "said" still names the speaker
    text = 'The count was slow. Said Ada Ruiz, "We will wait."'
    assert attribution(text)[0] == "Ada Ruiz"


def test_news_a_relative_clause_between_commas_before_the_verb():
    text = 'Ada Ruiz, who spent the morning near City Hall, described the march as "very calm."'
    name, _, mention, _ = attribution(text)
    assert (name, mention) == ("Ada Ruiz", "Ada Ruiz")
    text = 'Ada Ruiz, who once called Ben Holt a friend, told reporters on Friday that he is "a fraud."'
    assert attribution(text)[0] == "Ada Ruiz"


def test_news_a_participle_skips_a_name_followed_only_by_and():
    text = 'After weeks of silence, Ada Ruiz appeared with KELM’s Lena Ortiz and endorsed Ben Holt, saying, "He is the fighter we need."'
    assert attribution(text)[0] == "Ada Ruiz"


def test_a_name_after_a_quoted_title_can_be_the_subject():
    text = 'Asked about the race during an interview on "Good Morning Elmford," Ada Ruiz said she had not "heard a real plan."'
    assert attribution(text, 1)[0] == "Ada Ruiz"


def test_news_a_dash_sign_off_names_the_speaker():
    text = 'The debate was long.\n\n"Nobody pays taxes in this town."\n\n- Ada Ruiz.\n\nThe claim is false.'
    assert attribution(text)[0] == "Ada Ruiz"
    text = 'The debate was long. "Nobody pays taxes in this town." -Sen. Ada Ruiz, speaking in Harlow.'
    assert attribution(text)[0] == "Ada Ruiz"
    # an agency's credit line after a quoted fragment is no sign-off
    text = 'Ben Holt called the mayor "a fraud."\n\n- Reuters.'
    assert attribution(text)[0] == "Ben Holt"


def test_news_the_subject_of_a_quotations_own_sentence_beats_the_previous_speaker():
    text = '"The governor could sign an order," Ben Holt said at a rally. Ada Ruiz resisted: "Governors do not have that power."'
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes] == ["Ben Holt", "Ada Ruiz"]
    text = '"The governor could sign an order," Ben Holt said. Ada Ruiz talked up her "fifty-county plan" on Friday.'
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes] == ["Ben Holt", "Ada Ruiz"]


def test_news_a_speaker_named_again_in_the_sentence_before_a_quotation():
    text = (
        '"We want it now," said Ada Ruiz, an economist. "They are laying down signs." '
        'Ruiz added that the bank wants out before the vote. "They will move for political reasons."'
    )
    name, _, mention, _ = attribution(text, 2)
    assert (name, mention) == ("Ada Ruiz", "Ruiz")


def test_news_a_paragraph_ending_in_a_colon_introduces_its_subjects_words():
    text = (
        "Ben Holt died in May.\n\nWhen the news broke, Sen. Ada Ruiz released the following statement:\n\n"
        "“We offer our condolences to his family.”\n\nThe funeral is on Friday."
    )
    assert attribution(text)[0] == "Ada Ruiz"
    text = "Ben Holt died in May.\n\nAda Ruiz released a statement:\n\n“We mourn him.”"
    assert attribution(text)[0] == "Ada Ruiz"


def test_news_an_aside_between_commas_before_the_verb():
    text = 'Ada Ruiz, during a fair in Harlow, Westmarch, said she was "ready to reopen the old mill."'
    assert attribution(text)[0] == "Ada Ruiz"
    text = 'Ben Holt, 22, of Harlow, Wes., said he still hoped for a ferry "surprise" in July.'
    assert attribution(text)[0] == "Ben Holt"


def test_news_a_show_title_after_on_keeps_its_full_stop():
    text = '"The plan is a fraud," Ada Ruiz said Sunday on "Meet the Voters." "It will fail," she added.'
    kinds = [q.kind for q in analyze(text).quotes]
    assert kinds == ["speech", "title", "speech"]
    # words that end a sentence after "on" elsewhere stay speech
    text = 'Ada Ruiz was asked about the plan. She went on: "It will fail."'
    assert [q.kind for q in analyze(text).quotes] == ["speech"]


def test_news_a_pronoun_cue_inside_someone_elses_reported_words_goes_to_the_reporter():
    text = (
        "The council met tenants on Thursday. Ada Ruiz agreed to a visit on Tuesday, but just to tell "
        'Ben Holt that he would not agree to a "rushed" lease.'
    )
    name, _, mention, _ = attribution(text)
    assert (name, mention) == ("Ada Ruiz", "Ada Ruiz")


def test_news_a_cue_after_a_question_inside_a_sentence_that_reports_more_is_a_new_sentence():
    text = 'Ada Ruiz, exasperated, famously responded: "Who counts the geese?" Her rivals repeated it for weeks.'
    assert attribution(text)[0] == "Ada Ruiz"
    # a question standing alone keeps the cue after it
    text = 'The vote was close. "Why now?" Ada Ruiz asked reporters.'
    assert attribution(text)[0] == "Ada Ruiz"


def test_news_a_speakers_label_before_a_colon():
    text = 'The two differ on the war. Ames: "We will contain it." Ruiz: "We will defeat it."'
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes] == ["Ames", "Ruiz"]
    text = 'The poll was wrong.\n\n- More from Ruiz: "The sample was too small."'
    assert attribution(text)[0] == "Ruiz"


def test_opine_and_exhort_are_speech_verbs():
    text = 'The vote was close. "Ferry users should stay home," opined the Harlow Ledger.'
    assert attribution(text)[0] == "Harlow Ledger"
    text = 'The crowd cheered. "It is about time," exhorted Ada Ruiz.'
    assert attribution(text)[0] == "Ada Ruiz"


def test_news_a_trailing_cue_with_a_relative_named_after_a_possessive():
    text = 'The boat sank. "We had waved to him an hour earlier," his nephew Ivo Marr told the paper.'
    assert attribution(text)[0] == "Ivo Marr"


def test_markup_attribute_values_are_not_quotations():
    text = 'Ada Ruiz posted a reply. <tweet tweet-id="12345" author="@adaruiz">Vote early.</tweet> "We will win," she said.'
    a = analyze(text)
    assert [q.text for q in a.quotes] == ["We will win,"]
    assert a.speaker_name(a.quotes[0]) == "Ada Ruiz"


def test_news_a_capitalised_title_after_the_kind_of_work_keeps_its_full_stop():
    text = 'Ada Ruiz co-hosts the gardening podcast "So, It Grew." "It is fun," she said.'
    assert [q.kind for q in analyze(text).quotes] == ["title", "speech"]
    text = '"The plan is a fraud," Ada Ruiz told KELM\'s "Good Morning Harlow." "It will fail," she added.'
    assert [q.kind for q in analyze(text).quotes] == ["speech", "title", "speech"]


def test_news_a_scare_quoted_term_between_a_quotation_and_its_cue():
    text = (
        'The inspectors did not see "damage of any kind," aside from the two boats rubbing each other '
        '"lightly" at the pier, said Ada Ruiz, the director, on Monday.'
    )
    a = analyze(text)
    assert [a.speaker_name(q) for q in a.quotes] == ["Ada Ruiz", "Ada Ruiz"]


def test_news_a_participle_after_a_comma_goes_to_the_subject_of_the_clause_before_it():
    text = 'Ada Ruiz endorsed Ben Holt last week, saying he "has given years of his life to the harbour."'
    assert attribution(text)[0] == "Ada Ruiz"
    text = 'After the vote, Ada Ruiz rejected the notion that Ben Holt could win, arguing that there is "no path for him."'
    assert attribution(text)[0] == "Ada Ruiz"
    # the nearest clause's subject, when a conjunction opens a second clause
    text = 'Ada Ruiz attacked the plan, and Ben Holt hit back on Monday, calling it "a fraud."'
    assert attribution(text)[0] == "Ben Holt"


def test_news_a_trailing_cue_with_a_subject_of_several_words():
    text = '"It is a stretch for the rebels," Joan Hale of the Lorimer Center for Arms Studies wrote in December.'
    assert attribution(text)[:3] == ("Joan Hale", "trailing_cue", "Joan Hale")
    text = '"The rebels can build it," the Ledger\'s senior editor Ada Ruiz responded.'
    assert attribution(text)[0] == "Ada Ruiz"
    # a description whose head is a common noun, taken whole
    text = '"It is hard to blame him," the Ledger employee wrote.'
    assert attribution(text)[2] == "the Ledger employee"
    text = '"Neighbour, I will be frank. The fair needs you," the email read.'
    assert attribution(text)[2] == "the email"
    text = '"We will rebuild the bridge," the sign read.'
    assert attribution(text)[0] is None
    # a name followed by its own verb and object is no subject of the cue
    text = '"The best plan is mine." Ben Holt broke down the numbers on Monday.'
    assert attribution(text)[0] is None


def test_news_an_indefinite_description_after_an_inverted_speech_verb():
    text = '"Ben Holt is bigger than the party," said one Holt confidant. "You may lose a few old friends."'
    a = analyze(text)
    assert [q.mention.text for q in a.quotes] == ["one Holt confidant", "one Holt confidant"]


def test_news_a_cue_after_a_comma_may_end_with_a_time():
    text = '"Extra ferries" would be sensible, independent candidate Ada Ruiz said after the storm.'
    assert attribution(text)[0] == "Ada Ruiz"
    text = 'Holt wants "extra ferries" on the lake, Ada Ruiz said Monday.'
    assert attribution(text)[0] == "Ada Ruiz"


def test_news_a_quotation_after_a_sentence_closed_by_its_speakers_cue_rests_on_that_mention():
    text = (
        '"We think the state went too far," Ada Ruiz, the group\'s director, said by phone. The group will '
        'not take the case but will watch it closely, Ruiz says. "If the state can pick our words, it can silence anyone."'
    )
    name, _, mention, _ = attribution(text, 1)
    assert (name, mention) == ("Ada Ruiz", "Ruiz")


def test_news_a_continuation_rests_on_the_speaker_named_again_just_before_it():
    text = (
        '"Jobs matter, but schools matter more," says Ada Ruiz, 32, a clerk in Harlow. '
        'Ruiz backs Ben Holt in the race. "I have loans and no good job."'
    )
    name, _, mention, _ = attribution(text, 1)
    assert (name, mention) == ("Ada Ruiz", "Ruiz")


def test_news_a_participle_right_after_a_quotation_is_no_inverted_cue():
    text = 'Ada Ruiz said the choir will still rehearse, but said, "We need a bigger hall," promising the Friends of Harlow will sing again.'
    assert attribution(text)[0] == "Ada Ruiz"


def test_news_a_speech_verbs_homograph_used_as_a_noun_is_no_cue_before_a_real_one():
    text = 'Ben Holt said Thursday during a fair in Harlow, Westmarch, that states can tax such stalls because "they block the road."'
    assert attribution(text)[0] == "Ben Holt"
    text = 'On Tuesday, Dan Kell told neighbours that the council has faced the challenges "with some courage."'
    name, _, _, cue = attribution(text)
    assert (name, cue) == ("Dan Kell", "told")


def test_news_a_reported_clause_opened_by_that_after_an_aside_keeps_the_outer_source():
    text = 'Ada Ruiz told reporters in Harlow, Westmarch, on Friday that she would call the plan "a fraud."'
    name, _, mention, _ = attribution(text)
    assert (name, mention) == ("Ada Ruiz", "Ada Ruiz")


def test_news_a_leading_indefinite_description_starts_at_its_quantifier():
    text = '"We will win," said Nick Holt, a Ruiz spokesman. One Ruiz spokesman has called the delay "paperwork gone mad."'
    name, _, mention, _ = attribution(text, 1)
    assert (name, mention) == ("One Ruiz spokesman", "One Ruiz spokesman")


def test_news_a_description_joins_a_named_person_only_by_the_head_noun_of_the_role():
    text = '"We will fight on," said Jeff Kell, the campaign manager for Ruiz. The Ruiz campaign also doubled down, saying Holt is experienced "on paper."'
    assert attribution(text, 1)[0] == "Ruiz campaign"
    # the head noun still joins: "the manager" is Jeff Kell
    text = '"We will fight on," said Jeff Kell, the campaign manager for Ruiz. Later the manager called the plan "a lie."'
    assert attribution(text, 1)[0] == "Jeff Kell"


def test_news_who_after_a_comma_is_the_subject_of_the_speech_verb_it_precedes():
    text = 'On Thursday, Ruiz scored her first endorsement, from Ben Holt, who declared at the fairground, "It is time to pull together."'
    name, _, mention, cue = attribution(text)
    assert (name, mention, cue) == ("Ben Holt", "who", "declared")


def test_news_a_pronoun_cue_finds_its_antecedent_paragraphs_back():
    paragraphs = ["Ada Ruiz opened her campaign in Harlow on Monday."]
    paragraphs += [f"The county has {n} precincts and a new ballot design." for n in range(2, 8)]
    paragraphs.append('"We will win every one of them," she added.')
    name, sieve, mention, _ = attribution("\n\n".join(paragraphs))
    assert (name, sieve, mention) == ("Ada Ruiz", "pronoun", "she")


def test_news_it_as_a_cue_refers_to_a_description_of_no_person():
    text = 'The Ruiz campaign sent an email on Friday. "Friend, we can win this," it said.'
    name, sieve, mention, _ = attribution(text)
    assert (name, sieve, mention) == ("Ruiz campaign", "pronoun", "it")


def test_news_a_full_stop_inside_nested_marks_still_ends_the_reported_sentence():
    text = (
        'Ben Holt spoke first. "So his fans feel justified," he said. '
        '"It is like, \'We are all here enjoying this.\'" Ada Ruiz described the fans as happy.'
    )
    assert attribution(text, 1)[0] == "Ben Holt"


def test_it_right_before_a_speech_verb_can_be_its_subject():
    text = 'The Ruiz campaign sent an email on Friday. It stated that Holt is so rattled by her "surge in the polls" that he is lashing out.'
    name, _, mention, _ = attribution(text)
    assert (name, mention) == ("Ruiz campaign", "It")


# -- news attribution rules, round 4 ---------------------------------------------------------
def test_news_name_right_before_the_verb_after_a_split_subject():
    text = (
        'The county board met on Monday. "We will count every ballot," Westmarch Rep. Lena '
        "Marsh’s chief of staff, Ben Holt, told reporters after the vote."
    )
    name, _, mention, cue = attribution(text)
    assert (name, mention, cue) == ("Ben Holt", "Ben Holt", "told")
    text = 'The county board met on Monday. "We will count every ballot," Vote for $20 organizing director Ada Ruiz told the paper.'
    name, _, mention, _ = attribution(text)
    assert (name, mention) == ("Ada Ruiz", "organizing director Ada Ruiz")


def test_fiction_a_word_quoted_in_passing_keeps_the_comma_inside_the_marks_and_is_a_term():
    # American punctuation puts the narration's comma or full stop inside the closing mark;
    # a short quotation the narration's own words run into is still a term, not speech
    text = novel_with([
        "At noon they reached the inn at the sign of “The Copper Kettle.” Nobody came out.",
        "His aunt thought the whole affair rather “too modern,” and said no more of it.",
        "Wren nodded, and Osric Vane said “Not yet.”",
        "“Shall we go in?” asked Wren, and the boy answered “Yes, please.”",
    ])
    a = analyze(text)
    by_text = {q.text.strip(" ,."): q for q in a.quotes}
    for words in ("The Copper Kettle", "too modern"):
        assert by_text[words].kind == "term" and by_text[words].speaker_id is None
    # after a speech verb (or a cue ending in a name) the words are a character's
    assert by_text["Not yet"].kind != "term"
    assert by_text["Yes, please"].kind != "term"


def test_fiction_speech_cut_off_before_its_closing_mark_is_not_a_term():
    text = novel_with([
        "“The boat is ready,” said Osric Vane; “but ” and he looked away.",
    ])
    a = analyze(text)
    assert a.quotes[-1].text.strip() == "but" and a.quotes[-1].kind == "partial"


def test_fiction_a_quotation_set_as_verse_is_a_recitation_not_speech():
    text = novel_with([
        "Wren stood up by the fire and recited:--",
        "“Over the marsh the herons go,\n    Grey in the evening light;\nOver the hill the lanterns glow,\n"
        "    And the ferry is late tonight.”",
        "“That was very fine,” said Osric Vane, “and very long, and I\nwould rather hear about the"
        " ferry than sing about it, if you do not\nmind my saying so at this late hour.”",
    ])
    a = analyze(text)
    poem = next(q for q in a.quotes if q.text.startswith("Over the marsh"))
    assert poem.kind == "term" and poem.speaker_id is None
    # prose wrapped over several lines is still speech
    assert a.quotes[-1].kind != "term" and a.speaker_name(a.quotes[-1]) == "Osric Vane"


def test_fiction_an_aside_leaves_the_speakers_punctuation_behind_it():
    text = novel_with([
        "“You will never guess, (to Wren Talbot), none of you will ever guess the answer,”"
        " said Osric Vane. “Nobody can, (with a little bow). The riddle is too old.”",
        "“Perhaps not,” said Wren Talbot. “Not tonight, (in an undertone)--but I have heard it before.”",
    ])
    a = analyze(text)
    pieces = [q.text.strip(" ,.-") for q in a.quotes[-7:]]
    assert "none of you will ever guess the answer" in pieces
    assert "The riddle is too old" in pieces
    assert "but I have heard it before" in pieces


def test_fiction_nested_speech_with_its_own_cue_is_another_voice():
    text = novel_with([
        "“So I walked over to the mill,” said Wren Talbot, “and the miller said, 'Come back at"
        " noon, and bring the cart.' I did not like to, but I went.”",
    ])
    a = analyze(text)
    wren = [q for q in a.quotes if q.paragraph == a.quotes[-1].paragraph]
    assert [q.text.strip(" ,") for q in wren] == [
        "So I walked over to the mill", "and the miller said", "I did not like to, but I went."]
    assert {a.speaker_name(q) for q in wren} == {"Wren Talbot"}
    # the speaker's record lists every piece
    speaker = a.speaker(wren[0].speaker_id)
    assert {q.id for q in wren} <= set(speaker.quote_ids)


def test_fiction_a_straight_quote_opening_inside_a_quotation_is_nested():
    text = novel().replace("“", '"').replace("”", '"') + (
        '\n\n"Well, I tried to say "Over the hill and far away," but it all came out wrong!"'
        " said Wren Talbot.\n\n"
    )
    a = analyze(text)
    last = a.quotes[-1]
    assert last.text.startswith("Well, I tried") and last.text.endswith("came out wrong!")
    assert a.speaker_name(last) == "Wren Talbot"


def test_news_a_straight_quote_opening_inside_a_quotation_still_closes_it():
    # outside fiction a stray straight mark is more often a missing closing mark
    text = 'Ada Ruiz said: "We will "never" give up."'
    assert [q.text for q in analyze(text).quotes] == ['We will "never']


def test_fiction_words_the_narrations_sentence_runs_through_are_a_term():
    text = novel_with([
        "Mr. Hale was among the few who would not have faith “in such idle chatter” about"
        " ghosts, and he said so to anyone who asked.",
        "She sighed, and her only remark “I will not wait for him” filled every pause.",
        "It was “dear Tom” at every word; “dear Ann and dear Meg” must be told at once.",
    ])
    a = analyze(text)
    by_text = {q.text: q for q in a.quotes}
    assert by_text["in such idle chatter"].kind == "term"
    assert by_text["in such idle chatter"].speaker_id is None
    # what a speech noun announces, or a quotation opening a clause, is still speech
    assert by_text["I will not wait for him"].kind != "term"
    assert by_text["dear Ann and dear Meg"].kind != "term"


def test_fiction_a_speech_verb_and_a_colon_announce_speech_even_a_short_one():
    text = novel_with([
        "Osric Vane pointed across the bay and said: “There's Marrow Point”; and Wren nodded.",
        "The maid opened the door, announcing: “Mrs. Ada Finch”--and went out again.",
        "It was a small inn at the sign of “The Copper Kettle” by the harbour.",
    ])
    a = analyze(text)
    by_text = {q.text: q for q in a.quotes}
    assert by_text["There's Marrow Point"].kind == "speech"
    assert by_text["Mrs. Ada Finch"].kind == "speech"
    assert by_text["The Copper Kettle"].kind == "title"  # no announcing verb: a name


# -- news attribution rules, round 5 ---------------------------------------------------------
def test_news_a_transcript_label_before_as_follows_is_the_source_of_the_quoted_paragraphs():
    text = (
        "The mayor spoke about the bridge on Monday in Harlow.\n\n"
        "Partial transcript as follows:\n\n"
        '"HOST: Mayor, what will you do about the roads?\n\n'
        '"MAYOR: We will fix them, every one of them, starting next week."\n\n'
        "The council meets again in May."
    )
    assert attribution(text, 0)[:3] == ("Partial transcript", "leading_cue", "Partial transcript")
    assert attribution(text, 1)[0] == "Partial transcript"
    # a clause with a pronoun subject is not a label
    text = "The bridge is old.\n\nIt works as follows:\n\n\"Every road gets a crew.\""
    assert attribution(text)[0] is None


def test_news_a_heading_in_capitals_that_runs_into_a_quotation_is_its_source():
    text = (
        "Your morning briefing.\n\n"
        "BRIDGE TOLLS GO UP IN MAY “The county will raise every toll by a dollar to pay for the repairs.” [Daily Ledger.]\n\n"
        "The mayor said the toll was “a tax on commuters.”"
    )
    name, sieve, mention, _ = attribution(text)
    assert (name, sieve, mention) == ("BRIDGE TOLLS GO UP IN MAY", "headline", "BRIDGE TOLLS GO UP IN MAY")
    # one capitalised word, or words in mixed case, are no heading
    text = "Your morning briefing.\n\nNASA “will launch in May,” the agency’s chief told reporters."
    assert attribution(text)[1] != "headline"


def test_news_a_cue_followed_by_according_to_keeps_its_own_speaker():
    # the reader sees who spoke; the outlet after "according to" only reported it
    text = 'The mayor spoke in Harlow. "We will fix every road by May," Ruiz said, according to the Daily Ledger. "Every one."'
    assert attribution(text)[:2] == ("Ruiz", "trailing_cue")
    text = 'The board met. "We disagree with the ruling," a board spokesman said in a statement according to the Daily Ledger.'
    assert attribution(text)[2] == "a board spokesman"


def test_news_remembered_after_the_words_is_a_speech_verb():
    text = 'The merger failed. "Every analyst told her not to do it," remembered Ben Holt, the firm\'s former spokesman.'
    assert attribution(text)[:3] == ("Ben Holt", "trailing_cue", "Ben Holt")


def test_news_a_word_in_ing_before_a_role_noun_modifies_it():
    text = 'The vote is close. "Your long nights at the desk have not gone unseen," former county planning director Ada Ruiz wrote to the mayor.'
    assert attribution(text)[:2] == ("Ada Ruiz", "trailing_cue")


def test_news_a_name_after_a_dash_before_the_colon_is_a_digest_source():
    text = 'Polls closed early. [Ledger.] Turnout beat every forecast - Ada Ruiz: “We have never seen lines like these.” [Ledger.]'
    assert attribution(text)[:3] == ("Ada Ruiz", "leading_cue", "Ada Ruiz")
    # a lower-case word after the dash is no label
    text = 'Polls closed early. Holt said turnout was high - and added: “We have never seen lines like these.”'
    assert attribution(text)[0] == "Holt"


def test_news_an_inverted_cue_takes_a_name_after_modifiers_or_before_a_relative_clause():
    text = 'The vote was close. In other words, explained county gadfly Ada Ruiz: "Who will pay for the bridges?"'
    assert attribution(text)[:3] == ("Ada Ruiz", "leading_cue", "Ada Ruiz")
    # (a role noun before the name is its title, part of the mention)
    text = 'The vote was close. In other words, explained county moderator Ada Ruiz: "Who will pay for the bridges?"'
    assert attribution(text)[:3] == ("Ada Ruiz", "leading_cue", "county moderator Ada Ruiz")
    text = 'The vote was close. Said Ada Ruiz, who grew up in the county, "We all cheered when the dam opened."'
    assert attribution(text)[:3] == ("Ada Ruiz", "leading_cue", "Ada Ruiz")


def test_news_a_speech_verb_after_of_is_a_noun():
    text = 'The debate went on. Sen. Ada Ruiz, who has endorsed Holt, said Holt has nudged the retired secretary of state to be "bolder" on taxes.'
    assert attribution(text)[0] == "Ada Ruiz"


def test_news_a_party_and_state_in_parentheses_is_no_subject():
    text = 'The debate went on. Sen. Ada Ruiz (D-Elmford) said county executive Ben Holt was a "tired old hand" at budgets.'
    assert attribution(text)[:3] == ("Ada Ruiz", "leading_cue", "Sen. Ada Ruiz")


def test_news_press_or_state_before_a_role_modifies_it_and_is_no_speech_verb():
    text = 'The debate went on. "We will win," White House press secretary Ada Ruiz said.'
    assert attribution(text)[:3] == ("Ada Ruiz", "trailing_cue", "press secretary Ada Ruiz")
    text = 'The debate went on. Westmarch state Sen. Ada Ruiz said, "We will win."'
    assert attribution(text)[:3] == ("Ada Ruiz", "leading_cue", "Sen. Ada Ruiz")
    # the verb still reports when no role follows it
    text = 'The debate went on. Ruiz will state, "We will win."'
    assert attribution(text)[0] == "Ruiz"


def test_news_a_title_cut_off_before_of_joins_no_one_who_shares_the_role():
    text = (
        'The talks went on. "We are close," White House press secretary Ada Ruiz said. '
        'Secretary of State Ben Holt said the vote was an "important step forward."'
    )
    a = analyze(text)
    assert a.speaker_name(a.quotes[1]) != "Ada Ruiz"


def test_news_an_appositive_missing_its_closing_comma_ends_at_the_speech_verb():
    text = 'The vote is close. “Ruiz needs a plan for the rural counties,” Ben Holt, the pollster who founded a polling site tweeted on Wednesday.'
    assert attribution(text)[:3] == ("Ben Holt", "trailing_cue", "Ben Holt")


def test_news_a_speech_noun_followed_by_as_is_described_by_the_subject():
    text = 'Ada Ruiz urged voters to call. Ben Holt later defended her comments as being "sarcastic."'
    name, _, mention, _ = attribution(text)
    assert (name, mention) == ("Ben Holt", "Ben Holt")


def test_news_an_abbreviated_state_after_a_place_is_no_subject():
    text = 'Ada Ruiz spoke first. At a fair in Harlow, Wes., the county clerk closed her talk by quoting a poet: "Every obstacle yields."'
    assert attribution(text)[0] == "county clerk"
    text = 'Ada Ruiz toured the capital. Ruiz visited Harlow, W.M., and told the crowd: "We will win."'
    assert attribution(text)[0] == "Ada Ruiz"


def test_news_an_opening_prepositional_phrase_is_skipped_for_the_subject():
    text = 'Ada Ruiz won. In June, after Ben Holt suffered a fall, Ruiz emailed her wishes, addressing him as "Benny" and wishing him well.'
    name, sieve, mention, _ = attribution(text)
    assert (name, sieve, mention) == ("Ada Ruiz", "narration_subject", "Ruiz")


def test_news_it_after_put_is_the_object_not_the_inverted_subject():
    text = 'Few senators met Holt. As Sen. Ada Ruiz, the No. 2 on the council, put it: "This plan will not pass the board."'
    assert attribution(text)[:3] == ("Ada Ruiz", "leading_cue", "Sen. Ada Ruiz")


def test_news_reacted_and_retaliated_after_the_words_are_speech_verbs():
    text = 'The mayor spoke first. "The county will always be the county," an angry Ada Ruiz retaliated.'
    assert attribution(text)[1:3] == ("trailing_cue", "an angry Ada Ruiz")
    text = 'The mayor spoke first. "Which bridge does he mean?" reacted Ben Holt.'
    assert attribution(text)[:2] == ("Ben Holt", "trailing_cue")


def test_news_a_name_that_is_also_a_speech_verb_before_said():
    text = 'Company chief Ian Read spoke. "We have assessed the deal," Read said.'
    assert attribution(text)[1:3] == ("trailing_cue", "Read")


def test_news_a_possessor_a_few_modifiers_before_a_speech_noun_is_its_source():
    text = 'The race tightened. For example, Ruiz\'s recent baseless assertion that "hundreds" of geese vanished spread online.'
    assert attribution(text)[1:3] == ("speech_noun", "Ruiz's")


def test_news_a_verbless_from_or_heres_sentence_names_the_source():
    text = 'Aides say Ruiz will back Holt. From Ruiz\'s blog post: "We must mend the old bridge."'
    assert attribution(text)[1:3] == ("leading_cue", "Ruiz's")
    text = 'Ada Ruiz built the plan. Here\'s Ruiz in March 2004: "The ferry must run every hour."'
    assert attribution(text)[:3] == ("Ada Ruiz", "leading_cue", "Ruiz")
    text = 'The panel studied the polls. From the report: "Most stalls close before noon."'
    assert attribution(text)[1:3] == ("leading_cue", "the report")


def test_news_an_opening_participial_phrase_is_skipped_for_the_subject():
    text = 'Ada Ruiz spoke. Alarmed at the prospect of Ben Holt winning, Ruiz believes in papers that "pick a side."'
    assert attribution(text)[1:3] == ("narration_subject", "Ruiz")


def test_news_i_in_the_narration_is_the_writer():
    text = 'The judge turned to me. "Your Honor, I made a mistake," I said. "I am sorry."'
    name, sieve, mention, _ = attribution(text)
    assert (sieve, mention) == ("pronoun", "I") and name is not None


def test_news_a_cue_clause_after_a_full_stop_belongs_to_the_next_sentence():
    text = (
        "Ada Ruiz spoke. Ben Holt said he would pay the fees. On Tuesday, he said, "
        "“I never promised to cover the fees.” Asked if he had misled anyone, Cal Mott replied, “Ask him.”"
    )
    name, sieve, mention, _ = attribution(text)
    assert (name, sieve, mention) == ("Ben Holt", "pronoun", "he")
    # a comma clause that goes on with the quotation's sentence still counts
    text = 'Ada Ruiz spoke. Holt said turnout "drew quite well" in the primary, said Cal Mott.'
    assert attribution(text)[0] == "Cal Mott"


def test_news_a_verb_with_a_prepositional_phrase_and_that_reports_the_next_sentence():
    text = (
        'Ben Holt is selling the car. "I am a free man," he told a local station. '
        '"The car is mine to sell." Holt wrote in the listing that he plans to give the money away.'
    )
    name, sieve, mention, _ = attribution(text, 1)
    assert (name, mention) == ("Ben Holt", "he")


def test_news_a_later_paragraph_of_a_long_quotation_takes_its_own_pronoun_cue():
    text = (
        "Ada Ruiz and Ben Holt met voters on Monday.\n\n"
        "“The roads are bad,” Ruiz said. “The bridges are worse.\n\n"
        "“We will fix them all,” he added, pointing at Holt."
    )
    a = analyze(text)
    assert (a.quotes[2].sieve, a.quotes[2].mention.text) == ("pronoun", "he")
    # the piece the earlier cue introduces stays with it
    assert a.quotes[1].mention.text == "Ruiz"


def test_news_an_inverted_possessive_place_before_a_name_is_not_the_speaker():
    text = 'The party met. "We are going to lose a whole decade," said Westmarch’s Ada Ruiz, a political consultant.'
    assert attribution(text)[:3] == ("Ada Ruiz", "trailing_cue", "Ada Ruiz")


def test_news_chided_is_a_speech_verb():
    text = 'The hearing went on. Ada Ruiz clashed with Ben Holt during the hearing, chiding him, "Who signed the order?"'
    assert attribution(text)[:2] == ("Ada Ruiz", "leading_cue")


def test_fiction_he_went_on_is_the_last_speaker_of_that_gender_not_the_partner():
    turns = (
        "“The bridge is down,” said Peter Cobb.\n\n"
        "“Then we go round by the mill,” said John Hale.\n\n"
    )
    for verb, who in (("went on", "John Hale"), ("continued", "John Hale"), ("said", "Peter Cobb")):
        ctx = context(turns + f"“The mill road is dry,” he {verb}.", fiction=True)
        ctx.attributions[0] = trailing_cue(ctx, 0)
        ctx.attributions[1] = trailing_cue(ctx, 1)
        att = pronoun(ctx, 2)
        assert att is not None and att.antecedent.head == who, verb
    # an interruption by a woman between his words does not stop him
    ctx = context(turns + "“Is it?” said Mary Cobb.\n\n“The mill road is dry,” he continued.", fiction=True)
    for k in range(3):
        ctx.attributions[k] = trailing_cue(ctx, k)
    assert pronoun(ctx, 3).antecedent.head == "John Hale"


def test_fiction_her_father_is_the_mr_of_her_family_name():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“The frost is early this year,” said Mr. Hale.\n\n"
        "“It killed my beans,” said John Brand.\n\n"
        "“Then the roses will suffer,” said Ada Hale.\n\n"
        "“They always do,” said her father.\n\n"
        "Mrs. Brand was at the window.\n\n"
        "John Brand laughed. “Not always,” said his wife."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 3).text == "Mr. Hale"  # not John Brand, the other man of the scene
    # "his wife" of John Brand: the text names a Mrs. Brand, but she has not spoken yet
    assert root_phrase(ctx, 4).text != "Mrs. Brand"


def test_fiction_he_said_after_the_man_of_a_man_and_woman_exchange_is_that_man_again():
    t = (
        "“The bridge is down,” said Peter Cobb.\n\n"
        "“Then we go round by the mill,” said John Hale.\n\n"
        "“The mill road is flooded,” said Mary Cobb.\n\n"
        "“Then we wait for morning,” said John Hale.\n\n"
        "The fire crackled, and nobody spoke for a while.\n\n"
        "“It will have to do,” he said, and sat down."
    )
    ctx = context(t, fiction=True)
    for k in range(4):
        ctx.attributions[k] = trailing_cue(ctx, k)
    att = pronoun(ctx, 4)
    # the man who just spoke, after narration (not Peter Cobb, the other man further back)
    assert att is not None and att.antecedent.head == "John Hale"


def test_fiction_in_a_low_voice_is_how_it_was_said_not_part_of_the_speaker():
    for cue, who in (
        ("said the clerk in a low voice.", "the clerk"),
        ("said the old man with a faint smile.", "the old man"),
        ("said the woman with the red umbrella.", "the woman with the red umbrella"),
        # a modifier with no determiner is a manner too; a bare plural still tells who
        ("said the nurse with great earnestness.", "the nurse"),
        ("said the old lady in conclusion.", "the old lady"),
        ("said the man with spectacles.", "the man with spectacles"),
    ):
        ctx = context(f"“The door is locked,” {cue}", fiction=True)
        att = trailing_cue(ctx, 0)
        assert att is not None and att.phrase.text == who


def test_fiction_a_body_part_before_the_speech_verb_is_no_speaker():
    ctx = context("He looked at the fire for a while, and then, raising his head, said: “We leave at dawn.”", fiction=True)
    att = leading_cue(ctx, 0)
    assert att is None or att.phrase.text != "his head"


def test_fiction_said_the_other_is_the_one_of_the_two_who_did_not_speak_last():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“The tide is turning,” said Peter Cobb.\n\n"
        "“Then we sail at once,” said John Hale.\n\n"
        "“Not before the mate comes back,” said the other."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 2).text == "Peter Cobb"


def test_fiction_said_the_other_after_narration_naming_the_silent_one_is_the_last_speaker():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“The tide is turning,” said Peter Cobb.\n\n"
        "“Then we sail at once,” said John Hale.\n\n"
        "Peter Cobb only shook his head and looked at the sky.\n\n"
        "“Not before the mate comes back,” said the other."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    # the narration set Peter Cobb apart: "the other" is John Hale, who spoke last
    assert root_phrase(ctx, 2).text == "John Hale"


def test_fiction_a_turn_after_one_speaker_twice_goes_to_the_person_the_narration_names():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“I must go home,” said Ada Crane.\n\n"
        "“Shall we walk?” said Tom Hale.\n\n"
        "Mary Cobb did not answer, and Tom Hale asked again, “Shall we walk to the river?”\n\n"
        "“If you like.”"
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    # Tom spoke twice: the answer is Mary Cobb's, whom the narration names, not Ada Crane's
    assert root_phrase(ctx, 3).text == "Mary Cobb"


def test_fiction_the_person_a_turn_calls_by_name_answers_before_the_alternation():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“The boat is late,” said Ada Crane.\n\n"
        "“It always is,” said Tom Hale.\n\n"
        "“Will it come at all, Mr. Pobble?” said Ada Crane.\n\n"
        "“Before dark, ma'am.”"
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    # alternation would give the line to Tom Hale; Ada asked Mr. Pobble
    assert root_phrase(ctx, 3).text == "Mr. Pobble"


def test_fiction_the_subject_of_an_infinitive_says_the_words():
    t = (
        "When Ada Crane joined the party, there was at last a chance for Tom Hale to step "
        "forward and say, “We sail at dawn.”"
    )
    ctx = context(t, fiction=True)
    att = leading_cue(ctx, 0)
    assert att is not None and att.phrase.text == "Tom Hale"


def test_fiction_a_pronoun_does_not_go_back_to_a_body_part_or_a_place():
    from tui.analysis.phrases import Phrase
    from tui.analysis.speakers import is_personal

    t = "A little man came to the door. The shining head bobbed twice. “Come in, come in,” he said."
    ctx = context(t, fiction=True)
    att = pronoun(ctx, 0)
    assert att is not None and "head" not in att.antecedent.text
    t = "They drove to Pondicherry Lodge, where Ada Hale lived. “It is late,” said Ada Hale."
    ctx = context(t, fiction=True)
    s = t.index("Pondicherry")
    place = Phrase("NAME", s, s + 17, "Pondicherry Lodge", "Pondicherry Lodge", s, s + 17, None, 0, 1)
    assert not is_personal(ctx, place)


def test_fiction_her_friend_is_the_one_talking_with_her():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“The rain will spoil the ball,” said Mary Cobb.\n\n"
        "“Then we shall dance at home,” said Ada Hale.\n\n"
        "“I never mind the rain,” said Mary Cobb.\n\n"
        "“No,” replied her friend, “you never do.”"
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 3).text == "Ada Hale"  # Mary Cobb's friend, not Mary Cobb


def test_fiction_a_description_speaking_twice_in_its_paragraph_is_one_person():
    # '"…," said the girl, "…"': both pieces are the girl's; the turn before hers is the last
    # paragraph's (Ada's), so she is Jane, not Ada, in the second piece as in the first
    text = novel_with([
        "The two women met at the gate of the orchard in the rain.",
        "“Where is the key?” said Jane Rook.",
        "“I have it here,” said Ada Hale.",
        "“Then give it to me,” said the girl, “and go home before the storm.”",
        "“I will,” said Ada Hale.",
    ])
    a = analyze(text)
    first, second = a.quotes[-3], a.quotes[-2]
    assert a.speaker_name(first) == a.speaker_name(second) == "Jane Rook"


def test_fiction_a_description_the_narration_just_introduced_is_someone_new():
    # "a stout gentleman" arrives; "cried the stout gentleman" is he, not John Rook, the last
    # other man who spoke
    text = novel_with([
        "“Where is the doctor?” said Tom Hale.",
        "“He will come,” said John Rook.",
        "“He had better,” said Tom Hale.",
        "Just then a cart stopped at the gate, and out of it jumped a stout gentleman, who ran up the path.",
        "“Bless me, what a night!” cried the stout gentleman.",
    ])
    a = analyze(text)
    assert a.speaker_name(a.quotes[-1]) == "the stout gentleman"


def test_fiction_a_people_or_its_language_is_no_person():
    from tui.analysis.phrases import Phrase
    from tui.analysis.speakers import is_personal

    t = "Janey frowned over a page of old French. “What clever books you keep!” said Janey."
    ctx = context(t, fiction=True)
    s = t.index("French")
    language = Phrase("NAME", s, s + 6, "French", "French", s, s + 6, None, 0, 0)
    assert not is_personal(ctx, language)
    s = t.index("old French")
    desc = Phrase("DESC", s, s + 10, "old French", "French", s + 4, s + 10, None, 0, 1)
    assert not is_personal(ctx, desc)


def test_fiction_a_leading_cue_subject_is_not_the_object_of_a_preposition():
    t = "Janey took up a book of poems, pulled a face at the old French, and sighed: “What clever books you keep!”"
    ctx = context(t, fiction=True)
    att = leading_cue(ctx, 0)
    assert att is not None and att.phrase.text == "Janey"
    t = "In a moment Harry Lorne turned to Mary Quill and said: “We must go.”"
    ctx = context(t, fiction=True)
    att = leading_cue(ctx, 0)
    assert att is not None and att.phrase.text == "Harry Lorne"
    t = "A groom came in, to whom Ada Vance gravely added: “Ask him to come.”"
    ctx = context(t, fiction=True)
    att = leading_cue(ctx, 0)
    assert att is not None and att.phrase.text == "Ada Vance"


def test_fiction_a_description_the_narration_sets_beside_a_name_is_someone_else():
    paras = [
        "“Where am I?” said Tom Pell.",
        "“In bed, my dear,” said Mary Quill, and went out.",
        "Tom Pell thought the old gentleman had to be very rich, for the room was full of silver.",
        "“You are quite safe here,” replied the old gentleman.",
    ]
    a = analyze(novel_with(paras))
    assert a.speaker_name(a.quotes[-1]) != "Tom Pell"
    paras[2] = "The fire had burned low, and the room was full of silver."
    a = analyze(novel_with(paras))
    assert a.speaker_name(a.quotes[-1]) == "Tom Pell"


def test_fiction_kin_with_an_adjective_and_his_brother_are_the_family_name():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“The frost is early this year,” said Mrs. Hale.\n\n"
        "“It killed my beans,” said Peter Brand.\n\n"
        "“Then the roses will suffer,” said Ada Hale.\n\n"
        "“They always do,” said her patient mother.\n\n"
        "“So they do,” said Mr. Brand.\n\n"
        "“Not always,” said Tom Brand.\n\n"
        "“Always,” said his brother."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 3).text == "Mrs. Hale"
    assert root_phrase(ctx, 6).text == "Mr. Brand"


def test_fiction_miss_and_a_surname_calls_the_one_woman_named_in_full_with_it():
    from tui.analysis.sieves import _called

    t = "Ada Hale came in with her father.\n\n“Good morning, Miss Hale,” said Tom Brand."
    assert "ada" in _called(context(t, fiction=True), 0)
    t = "Ada Hale and Rose Hale came in.\n\n“Good morning, Miss Hale,” said Tom Brand."
    assert "ada" not in _called(context(t, fiction=True), 0)


def test_fiction_words_a_look_or_a_wish_carries_are_terms_without_a_speaker():
    text = novel_with([
        "“The boat is ready,” said Osric Vane.",
        "Wren turned to him, and her eyes said: “Do not leave me here.”",
        "He felt like answering: “I would never leave you,” but he kept silent.",
        "It was on the tip of his tongue to ask: “Will you come with me?”",
        "Her aunt coughed in a tone that implied: “This is most improper.”",
        "“You must go,” her smile seemed to say.",
        "“Then we sail at dawn,” said Osric Vane.",
    ])
    a = analyze(text)
    by_text = {q.text.strip(" ,.?"): q for q in a.quotes}
    for words in ("Do not leave me here", "I would never leave you", "Will you come with me", "This is most improper", "You must go"):
        quote = by_text[words]
        assert quote.kind == "term" and quote.speaker_id is None, words
        assert all(quote.id not in s.quote_ids for s in a.speakers)
    assert a.speaker_name(by_text["Then we sail at dawn"]) == "Osric Vane"


def test_fiction_thoughts_and_spoken_words_stay_speech():
    text = novel_with([
        "“The boat is ready,” said Osric Vane.",
        "“He is late again,” thought Wren, “and the tide will not wait.”",
        "She answered him at last: “I will come.”",
    ])
    a = analyze(text)
    by_text = {q.text.strip(" ,."): q for q in a.quotes}
    assert by_text["He is late again"].kind == "speech"
    assert by_text["I will come"].kind == "speech"


def test_fiction_written_words_are_terms_without_a_speaker():
    text = novel_with([
        "“The boat is ready,” said Osric Vane.",
        "Wren tore open the letter and read: “Come at once. Your uncle is ill.”",
        "The notice on the gate ran as follows:",
        "“No boats are to leave the harbour after dark.”",
        "“Do not wait for me,” the note said, “I shall come by the late train.”",
        "“Then we sail at dawn,” said Osric Vane.",
    ])
    a = analyze(text)
    by_text = {q.text.strip(" ,."): q for q in a.quotes}
    for words in ("Come at once. Your uncle is ill", "No boats are to leave the harbour after dark", "Do not wait for me"):
        assert by_text[words].kind == "term" and by_text[words].speaker_id is None, words
    assert a.speaker_name(by_text["Then we sail at dawn"]) == "Osric Vane"


def test_fiction_words_reported_in_the_narrators_grammar_are_terms():
    text = novel_with([
        "“The boat is ready,” said Osric Vane.",
        "Mr. Tallow came in from the rain at last. “He was afraid the ferry would be late and"
        " crowded, and he had told the boatman so twice.”",
        "“He was afraid the ferry would be late and crowded,” said Osric Vane.",
        "Wren looked up from her book. “She had never been so tired in her life!”",
        "Osric knelt by the path. “They were here at dawn, and the tracks are still fresh.”",
    ])
    a = analyze(text)
    by_text = {q.text.strip(" ,.!"): q for q in a.quotes}
    reported = by_text["He was afraid the ferry would be late and crowded, and he had told the boatman so twice"]
    assert reported.kind == "term" and reported.speaker_id is None
    # the same words with a cue of their own, or with an exclamation, are speech
    assert by_text["He was afraid the ferry would be late and crowded"].kind == "speech"
    assert by_text["She had never been so tired in her life"].kind == "speech"
    # a bare past ("they were") is as common in direct speech
    assert by_text["They were here at dawn, and the tracks are still fresh"].kind == "speech"


def test_fiction_words_the_narrations_sentence_runs_into_are_terms():
    text = novel_with([
        "“The boat is ready,” said Osric Vane.",
        "Nobody in the town thought much of the painter, who “had never drawn a fisherman in his life,” and"
        " nobody asked him to stay.",
        "The harbour master said that “the fellow would go home before the storms.”",
        "The harbour master muttered “the fellow would go home before the storms.”",
    ])
    a = analyze(text)
    run_in, after_that, after_verb = a.quotes[-3:]
    assert run_in.text.startswith("had never drawn")
    assert run_in.kind == "term" and run_in.speaker_id is None
    # after "that" or a speech verb the words are still someone's
    assert after_that.kind != "term" and after_verb.kind != "term"


def test_fiction_words_someone_might_have_said_or_was_going_to_say_are_terms():
    text = novel_with([
        "“The boat is ready,” said Osric Vane.",
        "She frowned the way her grandmother might have said: “Not in this house.”",
        "“Not again!” she was going to cry, when the kettle boiled over.",
        "Wren turned, and her eyes, wide with fright, said: “Do not go.”",
    ])
    a = analyze(text)
    by_text = {q.text.strip(" ,.!"): q for q in a.quotes}
    for words in ("Not in this house", "Not again", "Do not go"):
        assert by_text[words].kind == "term" and by_text[words].speaker_id is None, words


def test_fiction_who_after_a_person_and_an_aside_is_the_speaker():
    for t, who in (
        ("At the door she was met by Mr. Pell, who, on hearing the news, said, “I am glad.”", "Mr. Pell"),
        ("Ten minutes passed, till they were joined by Tom Hale, who, coming up with a smile, said: “It is settled.”", "Tom Hale"),
        ("Ada looked hopefully at the Miller, who answered in a whisper, “Not yet.”", "the Miller"),
    ):
        att = leading_cue(context(t, fiction=True), 0)
        assert att is not None and att.antecedent is not None and att.antecedent.text == who, t
    # another clause's "she" between "who" and the verb: not the relative clause's verb
    t = "Ada looked at Tom Hale, who smiled; then she said, “Not yet.”"
    att = leading_cue(context(t, fiction=True), 0)
    assert att is None or att.antecedent is None or att.antecedent.text != "Tom Hale"


def test_fiction_a_description_is_the_one_name_its_scenes_give_though_some_scenes_name_no_one():
    """Scenes where the narration names no woman cast no vote for whom "the girl" is: the
    ones that name someone decide."""
    intro = [f"“I will mend the nets before dark,” said {name}, for the {n + 1}th time."
             for n, name in enumerate(["Nell Marrow", "Ada Finch"] * 3)]
    filler = ["The tide went out and came back over the grey stones of the harbour wall."] * 45
    paras = []
    for k, name in enumerate(["Nell"] * 5 + [None] * 4):
        opening = f"Later that week {name} came down to the harbour again, and sat on the wall." if name else (
            "Later that week the wind rose over the harbour, and the boats came in early.")
        paras += [
            *filler,
            opening,
            f"“Is the ferry late again, {k + 2} days running?” asked Osric Vane.",
            "“It is always late in the spring,” said the girl, looking out to sea.",
            "“Then we shall wait for it together,” said Osric Vane.",
        ]
    a = analyze("\n\n".join(intro) + "\n\n" + novel() + "\n\n" + "\n\n".join(paras))
    assert _spoken_by(a, "always late in the spring") == {"Nell Marrow"}


def test_fiction_a_phrase_of_an_aside_before_the_speech_verb_is_not_its_subject():
    for t, who in (
        ("Maria was sent away, and Ada Finch, embracing Nell Marrow, thus began: “At last!”", "Ada Finch"),
        ("Tom sat by the stove, and the young man, before hanging up the coat he wore, began at once: “I saw you.”", "the young man"),
        ("His sister gave him a nod; and, while he was putting on his coat, added, “Be kind to him.”", "His sister"),
        ("Mr. Pell lit his cigar (it was Tom Hale who bought them), and said: “A fine evening.”", "Mr. Pell"),
        # a subordinate clause with no words of its own after the name is no aside
        ("Mrs. Hale sighed, while the young man, bowing to her, answered: “By Tuesday at the latest.”", "the young man"),
    ):
        att = leading_cue(context("Tom Pell came in at last.\n\n" + t, fiction=True), 0)
        assert att is not None and att.phrase.text == who, t


def test_fiction_the_one_heard_saying_the_words_speaks_them():
    for t, who in (
        ("Before the door shut, Ada heard Mary Quill saying, “Lie down, my dear.”", "Mary Quill"),
        ("As Ned left the room, he heard his sister add: “Not today.”", "his sister"),
        ("Then Ada heard the Miller say to himself, “Too late!”", "the Miller"),
    ):
        att = leading_cue(context("Tom Pell came in at last.\n\n" + t, fiction=True), 0)
        assert att is not None and att.phrase.text == who, t


def test_fiction_an_ing_form_completing_a_verb_takes_that_verbs_subject():
    for t, who in (
        ("Ada had gone out to the yard; and Tom, sorry for the quarrel, could not help saying, “Come back in.”", "Tom"),
        ("Mary Quill was quiet, but Tom Hale kept asking, “Why?”", "Tom Hale"),
    ):
        att = leading_cue(context("Tom Pell came in at last.\n\n" + t, fiction=True), 0)
        assert att is not None and att.phrase.text == who, t
    # a participle after its comma still takes the clause's subject
    t = "Ada Finch turned to Tom Hale, saying, “Come in.”"
    att = leading_cue(context("Tom Pell came in at last.\n\n" + t, fiction=True), 0)
    assert att is not None and att.phrase.text == "Ada Finch"


def test_fiction_the_latter_and_the_former_are_the_last_two_people_named():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“Shall we go in?” said Tom Pell.\n\n"
        "Voices came nearer: Ada Finch and Mary Quill met them at the gate. “My dear Tom,” said the latter, “come in.”\n\n"
        "“We are late,” said the former."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 1).text == "Mary Quill"
    assert root_phrase(ctx, 3).text == "Ada Finch"


def test_fiction_this_or_that_description_points_at_the_person_just_named():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“Who is there?” said Ada Finch.\n\n"
        "“A friend,” said Mary Quill.\n\n"
        "The door opened and showed the red face of Tom Hale. “Good evening,” said this gentleman, nodding to Ada Finch."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 2).text == "Tom Hale"
    # of the noun's gender: "that lady" passes over the man named last
    t = (
        "“Who is there?” said Tom Hale.\n\n"
        "“Only me,” said Ada Finch.\n\n"
        "Mrs. Pell came in, and Tom Hale stood up. “Sit down,” said that lady."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 2).text == "Mrs. Pell"


def test_fiction_pronoun_cue_after_narration_naming_a_newcomer():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    head = (
        "“Is it late?” said Tom Pell.\n\n"
        "“Not yet,” said Ada Finch.\n\n"
        "“Then we wait,” said Tom Pell.\n\n"
        "“As you like,” said Ada Finch.\n\n"
    )
    # a narration paragraph names a man who has not spoken: "he said" is that man
    ctx = context(head + "The door opened, and Mr. Hale was shown in.\n\n“Good evening,” said he.", fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 4).text == "Mr. Hale"
    # one who spoke in the last turns is no newcomer: the partner of the conversation
    ctx = context(head + "Tom Pell looked at the clock.\n\n“Good evening,” said he.", fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 4).text == "Tom Pell"
    # a sentence whose subject is "he" only passes the named man by
    ctx = context(head + "Slipping past Mr. Hale, he sat down by the fire.\n\n“Good evening,” said he.", fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 4).text == "Tom Pell"


def test_fiction_description_cue_after_narration_naming_a_newcomer():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“Is it late?” said Tom Pell.\n\n"
        "“Not yet,” said Ada Finch.\n\n"
        "“Then we wait,” said Tom Pell.\n\n"
        "“As you like,” said Ada Finch.\n\n"
        "The door opened, and Mr. Hale was shown in.\n\n"
        "“Good evening,” said the gentleman."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 4).text == "Mr. Hale"


def test_fiction_grown_up_description_is_not_the_child():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    talk = (
        "“Where is the book?” said Mr. Hale.\n\n"
        "“On the shelf, sir,” said Tom.\n\n"
        "“Shall I fetch it?” said Ada Finch.\n\n"
        "“Do,” said the old gentleman."
    )
    # the narration calls Tom "little Tom": "the old gentleman" is the other man of the talk
    ctx = context("Mr. Hale looked at little Tom, and little Tom looked at the fire; little Tom was cold.\n\n" + talk, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 3).text == "Mr. Hale"
    # of a Tom the narration never calls little, the last man who spoke is the partner
    ctx = context("Mr. Hale looked at Tom, and Tom looked at the fire; Tom was cold.\n\n" + talk, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 3).text == "Tom"


def test_fiction_interposed_and_tittered_are_speech_verbs():
    for verb in ("interposed", "tittered"):
        ctx = context(f"“Not tonight,” {verb} the nurse, smoothing her apron.", fiction=True)
        att = trailing_cue(ctx, 0)
        assert att is not None and att.phrase.text == "the nurse"


def test_fiction_a_description_is_only_the_latest_named_other_speaker():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“It is late,” said Mr. Hale.\n\n"
        "“Very late,” said Ada Finch.\n\n"
        "“Go to bed, child,” said Mrs. Pell.\n\n"
        "“Not yet,” said Ada Finch.\n\n"
        "“Good evening, ladies,” said the gentleman."
    )
    # the latest named speaker besides the last turn's is a woman: Mr. Hale, further back,
    # is out of this talk, and the gentleman someone it has not named
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 4).text == "the gentleman"
    # when he is the latest other speaker, the gentleman is he
    ctx = context(t.replace("“Go to bed, child,” said Mrs. Pell.\n\n“Not yet,” said Ada Finch.\n\n", ""), fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 2).text == "Mr. Hale"


def test_fiction_the_child_is_not_the_grown_up_the_last_turn_addressed():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    t = (
        "“What do you want?” said Mrs. Pell.\n\n"
        "“Stop, Mrs. Pell, stop!” said Mr. Hale.\n\n"
        "“I only wished to see him,” faltered the {}."
    )
    ctx = context(t.format("child"), fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 2).text != "Mrs. Pell"
    # a grown-up's description answers to the name the last turn called
    ctx = context(t.format("woman"), fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 2).text == "Mrs. Pell"


def test_fiction_pronoun_cue_after_narration_naming_a_recent_speaker():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # two men talk; a narration paragraph ends on one of them as its subject: "said he" is
    # that man, though he spoke last (not the other man, whose turn it would be)
    t = (
        "“Is the boat ready?” said Tom Pell.\n\n"
        "“Nearly,” said Joe Marsh.\n\n"
        "“Then we go at dawn,” said Tom Pell.\n\n"
        "“As you like,” said Joe Marsh.\n\n"
        "The fire burned low. Joe Marsh rose and looked out at the rain.\n\n"
        "“It will not clear tonight,” said he."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 4).text == "Joe Marsh"


def test_fiction_pronoun_cue_after_narration_naming_a_speaker_earlier_in_it():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # the narration paragraph tells of one man, then of the weather: "said he" is still that
    # man, not the partner of the last speaker
    t = (
        "“Is the boat ready?” said Tom Pell.\n\n"
        "“Nearly,” said Joe Marsh.\n\n"
        "“Then we go at dawn,” said Tom Pell.\n\n"
        "“As you like,” said Joe Marsh.\n\n"
        "Joe Marsh went to the window. The rain had not stopped, and the street lay empty.\n\n"
        "“It will not clear tonight,” said he."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 4).text == "Joe Marsh"


def test_fiction_one_pronoun_cue_between_two_pieces_names_one_person():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # '“…,” said she, “…”': the pieces before and after the cue are one woman's words, though
    # the first opens the paragraph and the second does not
    t = (
        "“Is it late?” said Ada Finch.\n\n"
        "“Not yet,” said Joe Marsh.\n\n"
        "“Not yet,” said Tom Pell. Mary Cole came in and sat down.\n\n"
        "“Perhaps,” said she, “we should wait.”"
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 3) is not None
    assert root_phrase(ctx, 4).text == root_phrase(ctx, 3).text


def test_fiction_pronoun_cue_after_narration_naming_a_woman_with_her_own_things():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # "her hand" is the named woman's own: the sentence is still hers ("she" would not be)
    t = (
        "“Is it late?” said Ada Finch.\n\n"
        "“Not yet,” said Mary Cole.\n\n"
        "“Then we wait,” said Ada Finch.\n\n"
        "“As you like,” said Mary Cole.\n\n"
        "Mary Cole put down her cup and reached her hand toward the bell.\n\n"
        "“Or we need not,” said she."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 4).text == "Mary Cole"


def test_fiction_pronoun_cue_after_a_turn_calling_a_man_by_name():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # three people; the woman's turn calls one man by name: "he answered" is that man, not the
    # other man who spoke before her
    t = (
        "“Is it late?” said Tom Pell.\n\n"
        "“Not yet,” said Joe Marsh.\n\n"
        "“Then we wait,” said Tom Pell.\n\n"
        "“Will you stay for supper, Mr. Marsh?” said Ada Finch.\n\n"
        "“Gladly,” he answered."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 4).text == "Mr. Marsh"


def test_fiction_pronoun_cue_after_a_described_subject_who_spoke_before():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # the narration's last clauses are about "the old guard" (then "he shrugged"): the "he" of
    # the cue is the one who spoke as "the guard", not the man named earlier in the paragraph
    t = (
        "“Where is it?” said the guard.\n\n"
        "“Gone,” said Tom Pell.\n\n"
        "Tom Pell looked away. Then the old guard turned slowly to the window; he shrugged. "
        "“It is nothing,” he said."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 2).text == "the guard"


def test_fiction_pronoun_cue_of_a_turn_calling_the_partner_by_name():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # "he said" would be the other man of the talk, but the words call him by name: nobody
    # calls themselves by name, so the man who spoke last goes on
    t = (
        "“Is it late?” said Tom Pell.\n\n"
        "“Not yet,” said Mr. Marsh.\n\n"
        "“Then we wait,” said Tom Pell. He sat down by the fire.\n\n"
        "“You were right, Mr. Marsh,” he said."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 3).text == "Tom Pell"


def test_fiction_pronoun_cue_after_narration_telling_only_of_the_last_speaker():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # three men talk; after Tom's turn the narration tells only of "he" (Tom): the next
    # paragraph's "he said" is Tom going on, not the man who spoke before him
    t = (
        "“Is it late?” said Joe Marsh.\n\n"
        "“Not yet,” said Ned Cole.\n\n"
        "“Then we wait,” said Tom Pell. He stirred the fire; he frowned at the coals.\n\n"
        "“The wood is wet,” he said."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 3).text == "Tom Pell"


def test_fiction_continuing_verb_goes_on_with_the_paragraph_speaker():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # "she went on" mid-paragraph: the woman who spoke earlier in the paragraph goes on, not
    # the woman the narration names in between (who said nothing)
    t = (
        "“Is it late?” said Tom Pell.\n\n"
        "“I think so,” said Ada Finch. Mary Cole said nothing. “But we may wait,” she went on."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 2).text == "Ada Finch"


def test_fiction_pronoun_cue_after_a_subject_noun_a_cue_described_before():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # "The tinker scratched his chin": a noun the chunker does not take for a person's, but a
    # cue just before described its speaker by it ("said the tinker")
    t = (
        "“Where is it?” said the tinker.\n\n"
        "“Gone,” said Tom Pell.\n\n"
        "Tom Pell looked away. The tinker scratched his chin; he shrugged. “It is nothing,” he said."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 2).text == "the tinker"


def test_fiction_pronoun_cue_of_a_turn_whose_next_piece_calls_the_partner_by_name():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # the cue stands between two pieces of one turn; the second calls the other man by name,
    # so neither piece is his
    t = (
        "“Is it late?” said Tom Pell.\n\n"
        "“Not yet,” said Mr. Marsh.\n\n"
        "“Then we wait,” said Tom Pell.\n\n"
        "“Yes,” he said. “You were right, Mr. Marsh.”"
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 3).text == "Tom Pell"
    assert root_phrase(ctx, 4).text == "Tom Pell"


def test_fiction_pronoun_cue_after_its_paragraph_tells_only_of_the_last_speaker():
    from tui.analysis.sieves import run_sieves
    from tui.analysis.speakers import root_phrase

    # the paragraph opens with narration of "he" only (Tom, who spoke last), then his words:
    # not the man who spoke the turn before
    t = (
        "“Is it late?” said Joe Marsh.\n\n"
        "“Not yet,” said Ned Cole.\n\n"
        "“Then we wait,” said Tom Pell.\n\n"
        "He stirred the fire; he frowned at the coals. “The wood is wet,” he said."
    )
    ctx = context(t, fiction=True)
    run_sieves(ctx, ["speech"] * len(ctx.quotes))
    assert root_phrase(ctx, 3).text == "Tom Pell"


def test_fiction_leading_cue_after_a_head_shaken_and_a_coordinated_speech_verb():
    from tui.analysis.sieves import _leading_match

    # the head is what the clause's subject shook: he says the words
    t = (
        "“Is it late?” said Ada Finch.\n\n"
        "Joe Marsh shook his head, and looked at the clock, and said, “Not yet.”"
    )
    ctx = context(t, fiction=True)
    assert _leading_match(ctx, 1).phrase.text == "Joe Marsh"
    # a participle after the head is still no cue: "raising his head, said" has no subject
    t = "“Is it late?” said Ada Finch.\n\nRaising his head from the book, said, “Not yet.”"
    ctx = context(t, fiction=True)
    assert _leading_match(ctx, 1) is None


def test_fiction_stammered_and_stuttered_are_speech_verbs_without_a_doubled_r():
    from tui.analysis.lexicon import lexicon

    assert lexicon().is_speech_verb("stammered") and lexicon().is_speech_verb("stuttering")
    assert not lexicon().is_speech_verb("stammerred")
    ctx = context("“I w-was not there,” stammered the clerk, backing away.", fiction=True)
    att = trailing_cue(ctx, 0)
    assert att is not None and att.phrase.text == "the clerk"


def test_fiction_a_description_and_a_name_in_one_sentence_past_a_semicolon_and_an_honorific():
    from tui.analysis.phrases import Phrase
    from tui.analysis.sieves import _told_apart

    t = (
        "“May I carry the parcel, sir?” said Tom Pell.\n\n"
        "The old gentleman meant to refuse; but a sharp look from Mr. Corbin changed his mind.\n\n"
        "“Take it, then,” said the old gentleman."
    )
    ctx = context(t, fiction=True)
    corbin = Phrase("TITLED", 0, 0, "Mr. Corbin", "Mr. Corbin", 0, 0, None, 0, 0)
    # one sentence speaks of both: the old gentleman is not Mr. Corbin
    assert _told_apart(ctx, 1, "the old gentleman", corbin)
    # two sentences: nothing told apart
    ctx = context(t.replace("refuse; but", "refuse. But"), fiction=True)
    assert not _told_apart(ctx, 1, "the old gentleman", corbin)


def test_fiction_a_possessive_name_with_a_modified_speech_noun_is_the_speaker():
    from tui.analysis.sieves import speech_noun

    t = "“Is it late?” said Tom Pell.\n\nMrs. Corbin's last words had been: “Mind the step.”"
    ctx = context(t, fiction=True)
    att = speech_noun(ctx, 1)
    assert att is not None and att.phrase.head == "Corbin"


def test_fiction_the_agent_of_a_passive_is_an_antecedent_for_he():
    from tui.analysis.sieves import _antecedent_in

    t = "They were soon joined by Mr. Quill at the gate. “A fine night,” said he."
    ctx = context(t, fiction=True)
    q = ctx.quotes[0]
    found = _antecedent_in(ctx, q.paragraph, q.start, "m")
    assert found is not None and found.text == "Mr. Quill"
    # "by" without a participle before it names no actor ("stood by Mr. Quill")
    t2 = "They stood by Mr. Quill at the gate. “A fine night,” said he."
    ctx2 = context(t2, fiction=True)
    q2 = ctx2.quotes[0]
    assert _antecedent_in(ctx2, q2.paragraph, q2.start, "m") is None


def test_fiction_a_capitalised_description_is_a_name_and_joins_no_one_else():
    from tui.analysis.sieves import _name_description, trailing_cue

    t = "“Where is the key, Tom Pell?” said Ada Finch.\n\n“I have it,” said the {}."
    ctx = context(t.format("old rider"), fiction=True)
    att = trailing_cue(ctx, 1)
    _name_description(ctx, 1, att)
    assert att.antecedent is not None and att.antecedent.text == "Tom Pell"  # the one called answers
    ctx = context(t.format("Grey Rider"), fiction=True)
    att = trailing_cue(ctx, 1)
    _name_description(ctx, 1, att)
    assert att.antecedent is None  # "the Grey Rider": the book's name for the character


def test_fiction_a_plural_of_people_is_no_antecedent_for_she():
    from tui.analysis.sieves import _antecedent_in

    t = "Behind the counter stood two tall {}. “Are you ready?” she asked."
    ctx = context(t.format("women"), fiction=True)
    q = ctx.quotes[0]
    assert _antecedent_in(ctx, q.paragraph, q.start, "f") is None
    ctx = context(t.format("woman"), fiction=True)  # one woman: she
    q = ctx.quotes[0]
    found = _antecedent_in(ctx, q.paragraph, q.start, "f")
    assert found is not None and found.text.endswith("tall woman")


def test_fiction_a_leading_cue_never_names_the_one_the_words_call_by_name():
    from tui.analysis.sieves import _leading_match, leading_cue

    t = "Mrs. Pell was told at once: “{}, I am leaving for the city.”"
    ctx = context(t.format("Mrs. Pell"), fiction=True)
    assert _leading_match(ctx, 0).phrase.text == "Mrs. Pell"
    assert leading_cue(ctx, 0) is None  # nobody calls themselves by name
    ctx = context(t.format("Tom"), fiction=True)
    att = leading_cue(ctx, 0)
    assert att is not None and att.phrase.text == "Mrs. Pell"


def test_fiction_a_rank_and_surname_is_not_the_family_member_with_a_full_name():
    def speaker_of(rank_line: str) -> set[str]:
        text = novel_with([
            "Corry Marsh came down the stairs with his sister.",
            "“The carriage is ready,” said Corry Marsh.",
            "“Is it?” said Wren Talbot.",
            "The general had waited in the hall for an hour. " + rank_line,
            "“We shall leave at once, then,” said he.",
        ])
        return _spoken_by(analyze(text), "leave at once")

    # the father with a rank is his own person, not the son the text names in full
    assert speaker_of("General Marsh looked at his watch.") == {"General Marsh"}
    # unless the text writes the rank before that first name
    assert speaker_of("General Corry Marsh looked at his watch.") == {"Corry Marsh"}


def test_fiction_a_bare_surname_finds_the_one_honorific_form_the_book_writes_later():
    text = novel_with([
        "“The boat is late again,” said Dorrel.",
        "“It always is,” said Ada Finch.",
        "“Then we shall wait by the pier,” said Mr. Dorrel.",
    ])
    a = analyze(text)
    # one person, whichever form the book writes first
    assert _spoken_by(a, "boat is late again") == _spoken_by(a, "wait by the pier") == {"Mr. Dorrel"}


def test_fiction_said_she_is_not_the_partner_the_narration_told_apart_from_her():
    from tui.analysis import ranker

    def speaker_of(line: str) -> set[str]:
        text = novel_with([
            "“Is the tide up yet?” said Nell Marrow.",
            "“Not yet,” said Tom Pell.",
            "“Then we wait for it,” said Ada Finch.",
            "“We do,” said Tom Pell.",
            line,
            "“I shall fetch the lamps,” said she.",
        ])
        ranker.use_weights(None)  # (the rules' own choice)
        try:
            return _spoken_by(analyze(text), "fetch the lamps")
        finally:
            ranker.reset_weights()

    # Ada stays, "she" goes: "she" is the other woman of the talk
    assert speaker_of("Her brother and Ada Finch would stay by the boat, while she went up to the house.") == {"Nell Marrow"}
    # Ada as the sentence's subject may be "she" herself
    assert speaker_of("Ada Finch would stay by the boat, while she went up to the house.") == {"Ada Finch"}


def test_fiction_said_nothing_after_a_quotation_is_no_cue_for_it():
    text = novel_with([
        "“Where were you last night?” asked Tom Pell.",
        "“At the harbour,” said Nell Marrow.",
        "“You went there alone?” Nell Marrow said nothing.",
    ])
    who = _spoken_by(analyze(text), "went there alone")
    assert who and "Nell Marrow" not in who  # she did not answer, so did not ask either


def test_fiction_a_vocative_with_the_other_genders_honorific_calls_someone_else():
    from tui.analysis.sieves import _calls_by_name

    def calls_mr_hale(vocative: str) -> bool:
        t = f"Mr. Hale came down the stairs. “Good morning, {vocative},” said he."
        ctx = context(t, fiction=True)
        mr = next(p for p in ctx.narration_phrases(0, ctx.quotes[0].start) if p.text == "Mr. Hale")
        return _calls_by_name(ctx, 0, mr)

    assert calls_mr_hale("Mr. Hale")
    assert not calls_mr_hale("Miss Hale")  # his daughter, not himself: "he" may be Mr. Hale


def test_fiction_the_name_opening_an_absolute_phrase_is_not_the_she_after_it():
    from tui.analysis.sieves import _antecedent_in

    def antecedent(middle: str) -> str | None:
        t = f"Nell Marrow came to the door. {middle} said, “The tide is late.”"
        ctx = context(t, fiction=True)
        found = _antecedent_in(ctx, 0, t.index(" she said") + 1, "f")
        return found.text if found is not None else None

    assert antecedent("Ada Finch remaining silent, she") == "Nell Marrow"  # Ada is the silent one
    assert antecedent("Ada Finch remained silent; at last she") == "Ada Finch"


def test_fiction_the_agent_of_a_participle_after_a_comma_is_no_antecedent():
    from tui.analysis.sieves import _antecedent_in

    def antecedent(narration: str) -> str | None:
        ctx = context(f"{narration} “The tide is late,” said she.", fiction=True)
        found = _antecedent_in(ctx, 0, ctx.quotes[0].start, "f")
        return found.text if found is not None else None

    # Mrs. Pell only comes along with Nell, who is the one the sentence tells of
    assert antecedent("Nell Marrow came in, attended by Mrs. Pell.") == "Nell Marrow"
    assert antecedent("Nell Marrow was attended by Mrs. Pell.") == "Mrs. Pell"  # (a passive's agent acts)


def test_news_a_clause_word_before_a_titled_name_is_not_part_of_the_source():
    text = "The storm led to what aide Tom Pell called “a fine day for the harbour” in his diary."
    assert attribution(text)[0] == "Tom Pell"
    assert attribution(text)[2] == "aide Tom Pell"


def test_news_a_participle_after_a_comma_goes_back_to_the_subject_opening_the_sentence():
    # the subject before its appositive, not a person inside a relative or reported clause
    text = "Vane, Westmarch’s former treasurer, also criticised Tom Pell, with whom he quarrelled at Monday’s meeting about the bridge, calling him a “dreamer.”"
    assert attribution(text)[2] == "Vane"
    text = "Finch, Elmford’s current mayor, restated her view that Pell reads from old notes, calling him a “tired hand” at the hearing."
    assert attribution(text)[2] == "Finch"
    text = "Sen. Ada Finch (Westmarch) joined the harbour committee this week, publishing a column in the Ledger attacking his “neglect of the quay.”"
    assert attribution(text)[2] == "Sen. Ada Finch"
    # a later clause with a subject of its own keeps it
    text = "Ada Finch was criticised for the toll, though on Monday she used stronger words, saying it “must be scrapped.”"
    assert attribution(text)[2] == "she"


def test_news_a_capitalised_preposition_opening_a_sentence_is_no_name():
    text = "Amid demands from some to delay the budget, the Ledger’s Luke Vane backed the plan, saying it is needed to “keep the ferries running.”"
    assert attribution(text)[:3] == ("Luke Vane", "leading_cue", "Luke Vane")


def test_news_the_sentence_subject_before_a_verb_that_is_no_cue_here_says_the_words():
    # "went a step further:" is no speech verb here ('he went, “…”' would be), but Pell still
    # opens the sentence that brings in the words
    text = (
        "“The bridge will not open this year,” Ada Finch said at the council meeting. "
        "At a press briefing the next morning, Tom Pell went a step further: “If the bridge waits, the harbour closes.”"
    )
    assert attribution(text, 1)[2] == "Tom Pell"


def test_news_a_cue_sentence_before_the_words_may_open_with_an_adverbial_and_an_appositive():
    text = (
        "Across the river, Sen. Ada Finch (D-Elmford), a councillor who has put the harbour at the heart of her work, "
        "tweeted a note. “Every councillor who cut the school budget will hear from us.”"
    )
    assert attribution(text)[:3] == ("Ada Finch", "narration_subject", "Sen. Ada Finch")
    # no speech verb after the name and its appositive: no cue
    text = (
        "Across the river, Sen. Ada Finch (D-Elmford), a councillor who has put the harbour at the heart of her work, "
        "left the room. “Every councillor who cut the school budget will hear from us.”"
    )
    assert attribution(text)[0] is None


def test_news_a_colon_closes_a_long_cue_clause_before_the_words():
    text = (
        "In a letter early last week, the school board said about its budget for the music teaching "
        "of the county in the new draft of its annual plan: “Every child will learn an instrument.”"
    )
    assert attribution(text)[2] == "the school board"
    # a full stop ends the clause: the words that follow are no cue's
    text = (
        "In a letter early last week, the school board said about its budget for the music teaching "
        "of the county in the new draft of its annual plan. “Every child will learn an instrument.”"
    )
    assert attribution(text)[0] is None


def test_news_more_speech_nouns_name_whose_words_follow():
    # a slogan, a pledge, a conclusion … are someone's words, like a statement or a claim
    text = "The race tightened in May. Ada Finch's old slogan was “roads come before rails.”"
    assert attribution(text)[:3] == ("Ada Finch", "speech_noun", "Ada Finch's")
    text = "The vote was close, and Luke Vane's conclusion that the audit was “badly rushed” stood."
    assert attribution(text)[:3] == ("Luke Vane", "speech_noun", "Luke Vane's")
    # "the contention of X that": the noun's "of" names its owner, like "by" and "from"
    text = "The minutes support the contention of Sen. Ada Finch that the bridge costs were “padded twice over.”"
    assert attribution(text)[:3] == ("Ada Finch", "speech_noun", "Sen. Ada Finch")


def test_news_a_verb_after_a_role_noun_ends_the_speaker_phrase():
    text = "The Westmarch senator emailed members saying: “The harbour wall comes first” and promised to keep going."
    assert attribution(text)[2] == "The Westmarch senator"
    text = "Ada Finch’s right-hand woman thanked supporters, saying: “Bring boots, the road is muddy.”"
    assert attribution(text)[2] == "Finch’s right-hand woman"


def test_news_an_organisation_or_document_opening_the_sentence_says_the_words_it_quotes():
    text = "The ruling came late. The agency refused to list the audit's “terms, timing or costs.”"
    assert attribution(text)[:3] == ("agency", "narration_subject", "The agency")
    text = "The vote was close. The Finch campaign expects that “a toll of two coins per car” would pay for the bridge."
    assert attribution(text)[2] == "The Finch campaign"
    # a scare-quoted term is no one's words for that
    text = "The vote was close. The club has spent years courting the “weekend” crowd."
    assert attribution(text)[0] is None


def test_news_an_editorial_reads_its_words_a_sign_does_not():
    text = "The Ledger aimed its Friday editorial at Finch. “A mayor who skips the harbour hearings has lost the harbour,” the editorial read."
    assert attribution(text)[:3] == ("editorial", "trailing_cue", "the editorial")
    text = "Crowds gathered at the bridge. “A mayor who skips the harbour hearings has lost the harbour,” the sign read."
    assert attribution(text)[2] != "the sign"


def test_news_a_document_that_goes_on_to_say_its_words():
    text = "The rowing club sent its members a note. The memo went on to explain, “The boathouse roof will be mended in March.”"
    assert attribution(text, 0)[:3] == ("memo", "leading_cue", "The memo")
    text = "The board met on Monday. The letter goes on to say: “We will not back down.”"
    assert attribution(text)[:3] == ("letter", "leading_cue", "The letter")


def test_news_roles_of_political_reporting_title_a_name_or_describe_a_source():
    # "columnist", "delegate", "moderator" … stand before a name as its title
    text = "The debate went on. “We’ve had calmer meetings than this one,” Westmarch delegate Luke Vane said."
    assert attribution(text)[:3] == ("Luke Vane", "trailing_cue", "Westmarch delegate Luke Vane")
    # a crowd of protesters or attendees is a source of its own
    text = "As Pell spoke of the toll, the attendees chanted, “Build the bridge!” as they had before."
    assert attribution(text)[2] == "the attendees"


def test_news_the_one_a_source_calls_something_is_the_verbs_object_not_its_subject():
    text = (
        "Ledger columnist Ada Finch, a former harbour pilot, calls Pell “a weathervane in a suit”: "
        "“On the council, his talent is to guess which way the vote will go and vote that way early.”"
    )
    assert attribution(text, 1)[0] == "Ada Finch"


def test_news_a_coordinated_speech_verb_in_a_relative_clause_takes_the_clauses_subject():
    text = "And the Elmford ring road, which Tom Pell had called a “folly” and promised to “scrap”? He cut its ribbon."
    assert attribution(text, 1)[:3] == ("Tom Pell", "leading_cue", "Tom Pell")


def test_news_an_acronym_is_no_antecedent_for_he_or_she():
    # the network told is an acronym, never "she": the pronoun goes back to the person
    text = "Ruiz told KELM on Sunday that the bridge vote was close. “Ask me in a week. The count is not done,” she said."
    a = analyze(text)
    assert a.speaker_name(a.quotes[0]) == "Ruiz"


def test_news_a_long_sentence_closed_by_a_cue_clause_attributes_the_words_in_it():
    text = (
        "The pledge to “reopen the old quay” speaks to older residents who long for the days when a boat "
        "and a net were enough to feed a family and the harbour was full of trawlers and stalls, "
        "said Ada Finch, a historian at the county college."
    )
    assert attribution(text)[:3] == ("Ada Finch", "trailing_cue", "Ada Finch")  # (the whole name)


def test_speech_verbs_that_double_their_last_consonant_are_known_in_every_form():
    from tui.analysis.lexicon import lexicon

    lex = lexicon()
    for word in ("dubbed", "dubbing", "slammed", "bragged", "begged"):
        assert lex.is_speech_verb(word), word
    text = "The mayor spoke for an hour. Ada Finch’s office slammed the toll plan, calling it “daylight robbery” on Monday."
    assert attribution(text)[0] is not None and "Finch" in attribution(text)[0]


def test_news_a_name_coordinated_after_a_preposition_is_no_subject_or_antecedent():
    # "on Dawn and Dusk": the preposition governs both names
    text = "Tom Pell, while being interviewed on Dawn and Dusk on Monday, urged the mayor once more to step down over the “careless” toll."
    assert attribution(text)[0] == "Tom Pell"
    text = (
        "Ada Finch’s wins on Tuesday in Elmford and Westmarch show her reach. "
        "“We were never just a harbour campaign,” she said."
    )
    a = analyze(text)
    assert a.speaker_name(a.quotes[0]) == "Ada Finch"


def test_news_a_lone_capitalised_word_that_is_no_subject_yields_he_or_she_to_a_person_named_before():
    text = (
        "Ada Finch spoke at the rally on Monday.\n\n"
        "Turnout was high in the wards of Elmford, Westmarch, and Harlow. "
        "“We were never just a harbour campaign,” she said."
    )
    a = analyze(text)
    assert a.speaker_name(a.quotes[0]) == "Ada Finch"
    # a lone surname that opens its clause is most likely the person
    text = (
        "Ada Finch spoke at the rally on Monday.\n\n"
        "Pell freely conceded that his choice of deputy was a tactical one. “With an eye to the next vote,” he said."
    )
    a = analyze(text)
    assert a.speaker_name(a.quotes[0]) == "Pell"


def test_news_a_headline_opening_with_a_surname_does_not_hide_that_the_text_writes_it_as_a_name():
    text = (
        "Finch's backers are not giving up. Voters in the county met Sen. Ada Finch on Monday.\n\n"
        "Finch traced Pell's win to “a rainy polling day, something no one can plan for.”"
    )
    a = analyze(text)
    q = next(q for q in a.quotes if "rainy polling day" in q.text)
    assert a.speaker_name(q) == "Ada Finch"


def test_news_the_sentence_subject_may_be_a_paper_s_writer_or_an_organisation():
    # "The Ledger’s Ada Finch sees …": the person after the possessor is the subject
    text = "The piece drew replies. The New Ledger’s Ada Finch sees the toll as a step back to the old “pay as you cross” rule of the county."
    assert attribution(text)[:2] == ("Ada Finch", "narration_subject")
    # an organisation named as the subject speaks too
    text = "The report drew replies. The Lorimer Family Foundation would not discuss “the harbour matter,” telling a local paper that it had no comment."
    assert attribution(text)[:2] == ("Lorimer Family Foundation", "narration_subject")


def test_news_a_full_name_s_campaign_slogan_is_the_person_s_words():
    text = "The race tightened in May. Ada Finch’s campaign slogan is “Mend the roads first.”"
    assert attribution(text)[:3] == ("Ada Finch", "speech_noun", "Ada Finch’s")


def test_news_the_agent_of_a_passive_speech_verb_says_the_words():
    text = "Tom Pell was asked by moderator Luke Vane whether his toll would mean “one more cost for every family in town.”"
    assert attribution(text)[:3] == ("Luke Vane", "leading_cue", "moderator Luke Vane")
    text = "Tom Pell asked moderator Luke Vane whether the toll would mean “one more cost for every family in town.”"
    assert attribution(text)[0] == "Tom Pell"


def kinds(text: str) -> list[str]:
    return [q.kind for q in analyze(text).quotes]


def test_news_a_work_named_after_its_kind_a_possessive_or_host_of_is_a_title_with_its_stop_or_comma():
    # the kind of work (after a comma too), a network's possessive, "host of", "founder of",
    # "known as", "an interview with", "performed": the name keeps its full stop or comma, and may
    # be one word
    assert kinds("Tom Pell, star of the baking show “Bake Night.” Pell praised the mayor.") == ["title"]
    assert kinds("She spoke on the latest episode of its podcast, “So, We Voted.” Listen below.") == ["title"]
    assert kinds("Ada Finch said on Monday on KELM Radio’s “Harbourside,” that she would run.") == ["title"]
    assert kinds("He is now host of “Morning with Ada Finch.” The dinner raised money.") == ["title"]
    assert kinds("Tom Pell was the founder of “Friends of Elmford 2020.” He also ran a shop.") == ["title"]
    assert kinds("Ivo Marr, the hacker known as “Greyfox,” said he had seen the files.") == ["title"]
    assert kinds("“We will win,” Ada Finch said in an interview with “Harbour Sunday.” She smiled.") == ["speech", "title"]
    assert kinds("Then the band performed “Bridge Over the Harbour.”") == ["title"]
    assert kinds("She praised his turn as a ferryman in “The Long Crossing.” The film opens Friday.") == ["title"]
    # capitalised words in the small letters a title allows ("with", "of"), no lead needed
    assert kinds("Since 2013 he has led “Evenings with Tom Pell” on the local channel.") == ["title"]
    # what a person says after a possessive or a work stays speech: not capitalised as a name,
    # or a contraction, not a possessive
    assert kinds("The mayor’s “plan is a fraud,” Ada Finch said.") == ["partial"]
    assert kinds("It was a long night. And Ada Finch said it’s “Time to Go.”") != ["title"]


def test_news_a_role_after_the_marks_makes_a_work_s_name_a_title_wherever_it_stands():
    assert kinds("The panel was lively. “Harbour Lights” star Tom Pell spoke first.") == ["title"]
    assert kinds("Ada Finch laughed. “Daily Ferry” host Ivo Marr showed the clip.") == ["title"]
    # a statement followed by a small word is not a name
    assert kinds("The panel was lively. “We like it” star players said.") != ["title"]


def test_news_a_label_a_headline_before_its_byline_and_a_work_in_apposition_are_titles():
    assert kinds('The vote was close. "Related:" Harbour Toll Rises Again') == ["title"]
    text = 'READ—"Ferry fares to rise in spring," by the Harlow Ledger\'s Ada Finch: http://example.org/1.'
    assert kinds(text) == ["title"]
    assert kinds('To top it off, "Harbour Nights," a movie about the port, opened on Friday.') == ["title"]
    # a byline needs a headline's capital: words reported "by" someone are speech
    text = 'Ada Finch said the "rudeness of the remarks, largely unprompted," by Tom Pell surprised her.'
    assert kinds(text) == ["partial"]


def test_news_a_headline_in_capitals_a_nickname_and_a_dated_slogan_are_titles():
    assert kinds("The talks ended on Friday.\n“FARES UP, SERVICE DOWN”\nAda Finch will meet the board.") == ["title"]
    assert kinds('The fair opened with Mayor A.J. "Sparrow" Finch, who cut the ribbon.') == ["title"]
    text = "The party ran sharp posters. “Fewer ferries? No to tolls” (2005) — “Yes to bridges” (2009)."
    assert kinds(text) == ["title", "title"]
    # capitals that end with a stop are a shout, not a headline
    assert kinds('The crowd answered with one voice: "NOT NOW." Ada Finch smiled.') == ["speech"]


def test_news_a_few_words_in_marks_that_are_their_sentence_s_subject_are_a_term_not_speech():
    text = 'Ada Finch praised the film. "Harbour Lights" is a drama about the port.'
    assert kinds(text) == ["term"]
    text = 'The memo was marked "restricted." "Restricted" means that only the board may read it.'
    assert kinds(text)[1] == "term"
    # a statement opening its sentence stays speech, with or without a verb after it
    assert kinds('Ada Finch smiled. "We will win," is all she said.') == ["speech"]
    assert kinds('The vote was close. "We lost" Ada Finch said.') == ["speech"]
