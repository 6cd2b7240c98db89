"""The fiction speaker ranker, on invented dialogues.

The ranker re-decides quotations whose cue is a pronoun, a description or nothing, among
candidate speakers (the turns around, the names nearby, the person addressed). These tests
check the candidates and their features, the shipped model's preferences, and what a reader
sees in the end.
"""

from __future__ import annotations

import bisect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.analysis import analyze, ranker
from tui.analysis.context import Context
from tui.analysis.pipeline import _is_fiction, classify
from tui.analysis.quotes import find_quotes
from tui.analysis.sieves import run_sieves
from tui.analysis.text import split_paragraphs, split_sentences

ROOT = Path(__file__).resolve().parents[2]


def harbour(scenes: int = 60, extra: tuple[str, ...] = ()) -> str:
    """An invented story long enough, and with enough dialogue, to count as fiction."""
    paras: list[str] = []
    for n in range(scenes):
        paras.append(f"The gulls wheeled over the old weighing house for the {n + 1}th time that morning.")
        paras.append("“Wind's turning,” said Silas Brand.")
        paras.append("“Is the ferry late again?” asked Mara Quill.")
        paras.append("“Late as ever,” said Silas Brand.")
        paras.append("Mara Quill set down her basket and looked out to sea.")
        paras.append("“Then we shall wait by the nets.”")
        paras.append("The bell struck the hour, and nobody spoke for a while.")
        paras.extend(extra)
    return "\n\n".join(paras)


def ranked_context(text: str):
    """The working state the ranker sees: quotes found, sieves run."""
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    raws = find_quotes(text, paragraphs)
    starts = [s.start for s in sentences]
    kinds = []
    for raw in raws:
        s = sentences[max(0, bisect.bisect_right(starts, raw.start) - 1)]
        kinds.append(classify(text, raw, s.start, paragraphs[raw.paragraph].start))
    ctx = Context(text, paragraphs, sentences, raws, fiction=_is_fiction(text, paragraphs, raws), kinds=kinds)
    run_sieves(ctx, kinds)
    return ctx, kinds


def quote_index(ctx: Context, words: str, n: int = 0) -> int:
    found = [i for i in range(len(ctx.quotes)) if ctx.inner(i).startswith(words)]
    return found[n]


def candidate_features(text: str, words: str, n: int = 0):
    """The ranker's candidates for the quotation opening with ``words`` (the ``n``-th such):
    (context, cue, {candidate key: names of its features})."""
    ctx, kinds = ranked_context(text)
    doc = ranker._Doc(ctx, kinds)
    cue, cands, _ = ranker.candidates(ctx, doc, quote_index(ctx, words, n))
    return ctx, cue, {k: {ranker.FEATURES[f] for f in fs} for k, fs in cands.items()}


# -- what a reader sees ------------------------------------------------------------------------
def test_uncued_line_after_narration_goes_to_the_person_the_narration_names():
    a = analyze(harbour())
    lines = [q for q in a.quotes if q.text.startswith("Then we shall wait")]
    assert len(lines) == 60
    for q in lines:
        assert a.speaker_name(q) == "Mara Quill"
        assert q.sieve == "ranker"
        # the mention shown is the name in the narration just before, not an older cue
        assert q.mention is not None and q.mention.text == "Mara Quill"
        assert a.text.startswith("Mara Quill set down", q.mention.start)
    # explicit cues stay the rules'
    silas = [q for q in a.quotes if q.text.startswith("Wind's turning")]
    assert all(q.sieve == "trailing_cue" and a.speaker_name(q) == "Silas Brand" for q in silas)


def test_the_ranker_stays_out_of_news():
    paras = [f"“We will not comment on item {n},” said Lena Ortiz, a spokeswoman." for n in range(30)]
    paras += ["“No.”" for _ in range(5)]
    a = analyze("\n\n".join(paras))
    assert a.quotes and not any(q.sieve == "ranker" for q in a.quotes)


# -- candidates and features ---------------------------------------------------------------------
def test_he_said_after_a_man_is_addressed_makes_him_an_agreeing_candidate():
    extra = (
        "“Are you cold, Tobias?” asked Mara Quill.",
        "“Not yet,” he said.",
    )
    ctx, cue, names = candidate_features(harbour(extra=extra), "Not yet", 3)
    assert ctx.fiction
    assert cue == "m"
    assert {"addressed_before", "g_agree"} <= names["tobias"]
    assert {"prev1", "g_clash"} <= names["mara quill"]


def test_a_name_called_in_an_earlier_piece_of_the_turn_before_marks_the_one_addressed():
    # the turn before calls Tobias in its first piece only; he answers
    extra = (
        "“Tobias,” said Mara Quill, “are you cold?”",
        "“Not yet,” he said.",
    )
    _ctx, cue, names = candidate_features(harbour(extra=extra), "Not yet", 3)
    assert cue == "m"
    assert "addressed_before" in names["tobias"]


def test_two_people_taking_turns_mark_the_one_whose_turn_comes_next():
    exchange = (
        "“Is the tide in?” asked Tobias Hale.",
        "“Not yet,” said Mara Quill.",
        "“Will it turn soon?” asked {third}.",
        "“Within the hour,” said Mara Quill.",
        "“Then I shall go down to the boats.”",
    )
    extra = tuple(line.format(third="Tobias Hale") for line in exchange)
    _ctx, _cue, names = candidate_features(harbour(extra=extra), "Then I shall go down")
    assert "alternating" in names["tobias hale"]
    assert "alternating" not in names["mara quill"]
    # a third voice broke the exchange: no one's turn by alternation
    extra = tuple(line.format(third="Silas Brand") for line in exchange)
    _ctx, _cue, names = candidate_features(harbour(extra=extra), "Then I shall go down")
    assert not any("alternating" in f for f in names.values())


def test_a_first_name_alone_and_the_full_name_are_one_candidate():
    extra = ("“Mind the rope, Silas.”", "Silas tugged at the rope.")
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    text = ctx.text
    first = text.index("Silas tugged")
    assert doc.wording_key(first, first + len("Silas")) == doc.wording_key(text.index("Silas Brand"), text.index("Silas Brand") + 11)
    assert doc.wording_key(first, first + len("Silas")) == "silas brand"


def test_a_line_that_calls_someone_by_name_marks_them_as_addressed_not_speaking():
    extra = ("“Mind the rope, Silas.”",)
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    i = quote_index(ctx, "Mind the rope", 5)
    _, cands, _ = ranker.candidates(ctx, doc, i)
    assert ranker.INDEX["self_vocative"] in cands["silas brand"]



def test_a_name_called_in_one_piece_of_a_sentence_cut_by_its_cue_marks_both_pieces():
    # one sentence cut by "said she": its speaker calls Silas in the first piece, so the
    # second piece is not his either (and the other way round)
    extra = ("“Are you cold, Silas?” said she, “or only tired of the nets?”",)
    _ctx, _cue, names = candidate_features(harbour(extra=extra), "or only tired")
    assert "self_vocative" in names["silas brand"]
    extra = ("“Are you cold?” said she, “or only tired of the nets, Silas?”",)
    _ctx, _cue, names = candidate_features(harbour(extra=extra), "Are you cold")
    assert "self_vocative" in names["silas brand"]


def test_a_name_called_before_a_sentence_ends_in_the_narration_marks_only_its_own_line():
    extra = ("“Are you cold, Silas?” She looked away at the grey water. “Or only tired of the nets?”",)
    _ctx, _cue, names = candidate_features(harbour(extra=extra), "Or only tired")
    assert "self_vocative" not in names.get("silas brand", set())


def test_a_line_that_names_someone_in_passing_marks_them_as_named_inside():
    extra = ("“I saw Silas at the nets this morning.”",)
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    i = quote_index(ctx, "I saw Silas", 5)
    _, cands, _ = ranker.candidates(ctx, doc, i)
    assert ranker.INDEX["named_inside"] in cands["silas brand"]
    assert ranker.INDEX["self_vocative"] not in cands["silas brand"]
    assert ranker.INDEX["named_inside"] not in cands["mara quill"]


def test_model_does_not_give_a_line_to_a_person_it_names():
    table = ranker._tables(weights())["none"]
    assert score(table, "prev2", "named_inside") < score(table, "prev2")


def test_he_or_she_after_a_man_and_a_woman_spoke_marks_the_one_of_that_gender():
    extra = (
        "“Bitter cold tonight,” said Silas Brand.",
        "The bell rang twice over the harbour.",
        "“We should go in,” he said.",
        "“Not yet,” she said.",
    )
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    he = quote_index(ctx, "We should go in", 5)
    _, cands, _ = ranker.candidates(ctx, doc, he)
    assert ranker.INDEX["pair_last"] in cands["silas brand"]
    assert ranker.INDEX["pair_other"] not in cands.get("mara quill", set())
    she = quote_index(ctx, "Not yet", 5)
    doc.keys[he] = "silas brand"
    _, cands, _ = ranker.candidates(ctx, doc, she)
    assert ranker.INDEX["pair_other"] in cands["mara quill"]


def test_he_said_brings_in_a_man_the_narration_named_three_paragraphs_back():
    extra = (
        "Mr. Pike came up the slipway with a lantern and hung it on the post.",
        "“Fog by noon,” said Mara Quill.",
        "The gulls settled on the roof of the shed.",
        "“It will lift by evening,” he said.",
    )
    _, cue, names = candidate_features(harbour(extra=extra), "It will lift", 5)
    assert cue == "m"
    assert {"far_ment", "far_ment_subject", "g_agree"} <= names["mr pike"]
    # only people of the cue's gender come in from so far back, and only the ones new
    assert "far_ment" not in names["mara quill"] and "far_ment" not in names["silas brand"]


def test_he_said_brings_in_the_latest_man_who_spoke_beyond_the_turns_around():
    extra = (
        "“The nets are dry at last,” said Tobias Reed.",
        "The tide came in over the flats.",
        "A cart rattled past the chapel.",
        "The lamps were lit along the quay.",
        "Rain fell softly on the slates of the shed.",
        "“It will lift by evening,” he said.",
        "“It will not,” she said.",
    )
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    i = quote_index(ctx, "It will lift", 5)
    _, cands, _ = ranker.candidates(ctx, doc, i)
    names = {k: {ranker.FEATURES[n] for n in f} for k, f in cands.items()}
    assert {"far_speaker", "g_agree"} <= names["tobias reed"]
    assert not any("far_speaker" in f for k, f in names.items() if k != "tobias reed")
    # a woman's cue does not bring him in from so far back
    j = quote_index(ctx, "It will not", 5)
    _, cands, _ = ranker.candidates(ctx, doc, j)
    assert not any(ranker.INDEX["far_speaker"] in f for k, f in cands.items() if doc.gender.get(k) == "m")

def test_a_replying_verb_marks_the_last_turn_s_speaker_as_the_one_answered():
    extra = (
        "“The boats are all in,” said Tobias Reed.",
        "“Not the red one,” he replied.",
        "“The boats are all in,” said Tobias Reed.",
        "“Not the red one,” he said.",
    )
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    replied = quote_index(ctx, "Not the red one", 10)
    _, cands, _ = ranker.candidates(ctx, doc, replied)
    assert ranker.INDEX["reply_prev1"] in cands["tobias reed"]
    assert not any(ranker.INDEX["reply_prev1"] in f for k, f in cands.items() if k != "tobias reed")
    # "said" answers no one in particular
    said = quote_index(ctx, "Not the red one", 11)
    _, cands, _ = ranker.candidates(ctx, doc, said)
    assert not any(ranker.INDEX["reply_prev1"] in f for f in cands.values())


def test_model_does_not_give_he_replied_to_the_one_who_spoke_last():
    table = ranker._tables(weights())["m"]
    assert score(table, "prev1", "g_agree", "reply_prev1") < score(table, "prev1", "g_agree")


def test_training_can_collect_a_line_s_features_after_the_ranker_s_own_choices():
    # bench/train_ranker.py learns uncued lines from the turns as a first ranker re-decided
    # them: the collector sees the ranker's choice for an earlier line, not the rules' none
    text = harbour(extra=("“Aye, we shall,” came the answer.",))

    def seen(weights):
        found: dict[str, list] = {}
        ranker.use_weights(weights)
        ranker.collect_with(lambda d, i, cue, cands: found.setdefault(d.ctx.inner(i)[:12], []).append(dict(cands)))
        try:
            analyze(text)
        finally:
            ranker.reset_weights()
        return found

    rules, own = seen(None), seen({"weights": {"none:ment_p1_subject": 5.0}})
    # the rules leave "Then we shall…" to nobody; that ranker gives it to Mara Quill
    assert "rule" not in rules["Then we shal"][3]["mara quill"]
    assert "prev2" not in rules["Aye, we shal"][3]["mara quill"]
    assert "prev2" in own["Aye, we shal"][3]["mara quill"]


# -- the shipped model ------------------------------------------------------------------------------
def weights() -> dict:
    return json.loads((ROOT / "tui" / "analysis" / "data" / "ranker.json").read_text(encoding="utf-8"))


def test_shipped_weights_name_only_features_the_code_computes():
    w = weights()["weights"]
    assert w
    for name in w:
        cue, _, feature = name.rpartition(":")
        assert feature in ranker.FEATURES, name
        assert cue in ("", *ranker.CUES), name


def score(table: list[float], *features: str) -> float:
    return sum(table[ranker.INDEX[f]] for f in ("bias", *features))


@pytest.mark.parametrize("cue", ["m", "f"])
def test_model_gives_he_or_she_to_the_addressee_of_that_gender(cue):
    table = ranker._tables(weights())[cue]
    assert score(table, "addressed_before", "g_agree") > score(table, "prev1", "g_clash")
    assert score(table, "prev2", "g_agree") > score(table, "prev2", "g_clash")


def test_model_does_not_give_a_line_to_the_person_it_addresses():
    table = ranker._tables(weights())["none"]
    assert score(table, "prev2", "self_vocative") < score(table, "prev2")
    # and in a dialogue the turn before last speaks again, not the last one
    assert score(table, "prev2") > score(table, "prev1")


def test_ranking_does_not_depend_on_hash_order(tmp_path):
    extra = ("“Are you cold, Tobias?” asked Mara Quill.", "“Not yet,” he said.", "“Mind the rope, Silas.”")
    story = tmp_path / "story.txt"
    story.write_text(harbour(extra=extra), encoding="utf-8")
    code = (
        "import sys; from tui.analysis import analyze; "
        "a = analyze(open(sys.argv[1], encoding='utf-8').read()); "
        "print([(a.speaker_name(q), q.sieve) for q in a.quotes])"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code, str(story)], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_miss_and_a_surname_is_the_one_woman_the_text_names_in_full_with_it():
    # the narration says "Mr. Hale" far more often than it writes "Ada Hale" in full
    extra = ("“Good morning, Miss Hale.”", "Mr. Hale came down to the nets.")
    ctx, kinds = ranked_context(harbour(extra=extra) + "\n\nAda Hale was his only daughter.")
    doc = ranker._Doc(ctx, kinds)
    text = ctx.text
    miss = text.index("Miss Hale")
    assert doc.wording_key(miss, miss + len("Miss Hale")) == "ada hale"
    mr = text.index("Mr. Hale")
    assert doc.wording_key(mr, mr + len("Mr. Hale")) != "ada hale"


def test_the_ranker_never_gives_a_line_to_the_person_it_calls_by_name():
    extra = ("“Mind the rope, Silas.”",)
    ctx, kinds = ranked_context(harbour(extra=extra))
    i = quote_index(ctx, "Mind the rope", 5)
    ranker.use_weights({"weights": {"self_vocative": 50.0}})  # a model that would pick him
    try:
        ranker.rerank(ctx, kinds)
    finally:
        ranker.reset_weights()
    doc = ranker._Doc(ctx, kinds)
    assert doc.keys[i] != "silas brand"


def test_the_ranker_never_gives_a_he_or_she_line_to_someone_of_the_other_gender():
    extra = ("“Are you cold?” asked Silas Brand.", "“Not yet,” she said.")
    ctx, kinds = ranked_context(harbour(extra=extra))
    i = quote_index(ctx, "Not yet", 5)
    ranker.use_weights({"weights": {"prev1": 50.0}})  # a model that would pick the last speaker
    try:
        ranker.rerank(ctx, kinds)
    finally:
        ranker.reset_weights()
    doc = ranker._Doc(ctx, kinds)
    assert doc.gender.get("silas brand") == "m"
    assert doc.keys[i] != "silas brand"


def test_a_name_after_to_or_at_marks_the_person_spoken_to():
    extra = ("“The tide is in,” Mara Quill said, turning to Silas Brand.", "“So it is.”")
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    i = quote_index(ctx, "The tide is in", 5)
    _, cands, _ = ranker.candidates(ctx, doc, i)
    assert ranker.INDEX["ment_addressed"] in cands["silas brand"]
    assert ranker.INDEX["ment_addressed"] not in cands["mara quill"]
    _, cands, _ = ranker.candidates(ctx, doc, i + 1)
    assert ranker.INDEX["ment_p1_addressed"] in cands["silas brand"]
    assert ranker.INDEX["ment_p1_addressed"] not in cands.get("mara quill", set())


def test_he_said_marks_the_latest_man_the_narration_names_before_the_line():
    extra = (
        "Tobias Vane came down the steps after Silas Brand, and Mara Quill waved.",
        "“Fine weather for it,” he said.",
    )
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    i = quote_index(ctx, "Fine weather for it", 5)
    cue, cands, _ = ranker.candidates(ctx, doc, i)
    assert cue == "m"
    near = [k for k, f in cands.items() if ranker.INDEX["near_agree"] in f]
    assert near == ["silas brand"]  # the later of the two men; not the woman named after him
    # two men are candidates: neither is the one of the cue's gender
    assert not any(ranker.INDEX["g_sole"] in f for f in cands.values())


def test_she_said_with_one_woman_among_the_candidates_marks_her_the_only_one():
    extra = ("“Are you cold?” asked Silas Brand.", "“Not yet,” she said.")
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    i = quote_index(ctx, "Not yet", 5)
    cue, cands, _ = ranker.candidates(ctx, doc, i)
    assert cue == "f"
    sole = [k for k, f in cands.items() if ranker.INDEX["g_sole"] in f]
    assert sole == ["mara quill"]


def test_a_surname_alone_in_a_novel_with_a_mr_and_a_mrs_of_it_is_the_man():
    # speakers.py's rule: "said Pratt" where the text has a Mr. and a Mrs. Pratt is the man
    extra = ("Mrs. Pratt wiped the counter.", "Mr. Pratt lit his pipe.", "Pratt grumbled at the weather.")
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    text = ctx.text
    bare = text.index("Pratt grumbled")
    mr = text.index("Mr. Pratt")
    mrs = text.index("Mrs. Pratt")
    assert doc.wording_key(bare, bare + len("Pratt")) == doc.wording_key(mr, mr + len("Mr. Pratt")) == "mr pratt"
    assert doc.wording_key(mrs, mrs + len("Mrs. Pratt")) == "mrs pratt"


def test_a_rank_and_a_surname_is_not_the_one_first_name_of_that_family():
    # "General Vane" is the father, not Luke Vane, unless the text writes "General Luke"
    extra = ("Luke Vane mended the sail.", "General Vane frowned from the quay.", "Vane laughed.")
    ctx, kinds = ranked_context(harbour(extra=extra))
    doc = ranker._Doc(ctx, kinds)
    text = ctx.text
    general = text.index("General Vane")
    assert doc.wording_key(general, general + len("General Vane")) == "general vane"
    bare = text.index("Vane laughed")
    assert doc.wording_key(bare, bare + len("Vane")) == "luke vane"
    ctx, kinds = ranked_context(harbour(extra=(*extra, "Everyone knew General Luke Vane.")))
    doc = ranker._Doc(ctx, kinds)
    general = ctx.text.index("General Vane")
    assert doc.wording_key(general, general + len("General Vane")) == "luke vane"


def test_a_description_that_spoke_marks_the_last_sentence_of_narration_that_mentions_it():
    # "the old sailor" is no name the ranker scans for, but once he is a candidate (he spoke
    # a turn back), the narration sentence just before the line that opens with him counts
    extra = (
        "“Wind's rising,” said the old sailor.",
        "“Is it?” asked Mara Quill.",
        "The old sailor knocked out his pipe on a barrel while Silas Brand mended a net.",
        "“Fog by noon,” he said.",
    )
    _, cue, names = candidate_features(harbour(extra=extra), "Fog by noon", 5)
    assert cue == "m"
    assert {"ment_last", "ment_last_subject", "prev3"} <= names["old sailor"]
    assert "ment_last_subject" not in names["silas brand"]


def test_only_a_few_turns_in_the_scene_mark_a_candidate_as_local_some():
    # Silas Brand and Mara Quill speak in every scene; Tobias Reed only twice, at the end.
    # "spoke a few times in the scene" is Tobias's alone: the frequent speakers are told by
    # the book's counts and the scene's top speaker, not by a second count of their turns
    extra = (
        "“The nets are dry at last,” said Tobias Reed.",
        "“And the boat?” asked Mara Quill.",
        "“Caulked,” said Tobias Reed.",
        "“Good,” he said.",
    )
    _, cue, names = candidate_features(harbour() + "\n\n" + "\n\n".join(extra), "Good")
    assert "local_some" in names["tobias reed"]
    assert "local_some" not in names["silas brand"] and "local_some" not in names["mara quill"]
    assert "local_many" not in ranker.FEATURES
