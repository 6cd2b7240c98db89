"""The quote finder: marks, apostrophes, nesting, multi-paragraph quotes and stray marks."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.analysis import analyze, quotes
from tui.analysis.quotes import find_quotes, uses_single_quote_dialogue
from tui.analysis.text import split_paragraphs

MARKS = "“”„«»\"‘’‚‹›'"


def raw(text: str):
    return find_quotes(text, split_paragraphs(text))


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in analyze(text).quotes]


def texts(text: str) -> list[str]:
    return [q.text for q in analyze(text).quotes]


def assert_well_formed(text: str) -> None:
    a = analyze(text)
    previous_end = -1
    for q in a.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= previous_end, "quotes overlap or are out of order"
        previous_end = q.end
        assert text[q.start] in MARKS
        assert q.text in text[q.start : q.end]
        assert any(c.isalnum() for c in q.text)


# -- double quotes ----------------------------------------------------------------------
def test_curly_double_quote_span_includes_marks_and_text_excludes_them():
    t = "The clerk muttered “the ledger is wrong” and left."
    a = analyze(t)
    assert len(a.quotes) == 1
    q = a.quotes[0]
    assert t[q.start : q.end] == "“the ledger is wrong”"
    assert q.text == "the ledger is wrong"
    assert t[q.start] == "“" and t[q.end - 1] == "”"


def test_straight_double_quotes():
    t = 'Orla Quint wrote "the ferry is late" twice, then "the ferry is gone".'
    assert texts(t) == ["the ferry is late", "the ferry is gone"]
    assert spans(t) == ['"the ferry is late"', '"the ferry is gone"']


def test_two_curly_quotes_in_one_sentence_are_two_quotes():
    t = "“Bring the nets,” Pell Ardent called, “before the storm.”"
    assert texts(t) == ["Bring the nets,", "before the storm."]


def test_guillemets_are_quote_marks():
    t = "Sabine Roux answered «nous verrons demain» and smiled."
    assert texts(t) == ["nous verrons demain"]


def test_no_marks_no_quotes():
    assert analyze("A quiet morning in the valley. Nothing was said.").quotes == ()


# -- apostrophes --------------------------------------------------------------------------
def test_apostrophes_are_not_quote_marks():
    t = "I don't think the Marlows’ barn is for sale, and the neighbours' dog won’t move."
    assert analyze(t).quotes == ()


def test_apostrophes_inside_a_quote_do_not_split_it():
    t = "“It’s the Marlows’ barn, and it isn't ours,” Vera Quill said."
    assert texts(t) == ["It’s the Marlows’ barn, and it isn't ours,"]


def test_decade_and_contraction_apostrophes_around_a_straight_quote():
    t = "Rock 'n' roll was \"loud\" for the 1970s' crowds."
    assert texts(t) == ["loud"]


# -- single-quote dialogue ----------------------------------------------------------------
SINGLE_DIALOGUE = (
    "‘Where does this road go?’ asked Nell Farrow.\n\n"
    "‘To the old mill,’ said Bram Ostley. ‘It’s late, and the Coopers’ cart has gone.’\n\n"
    "‘Then we’ll walk,’ said Nell Farrow."
)


def test_single_quote_dialogue_is_detected():
    assert uses_single_quote_dialogue(SINGLE_DIALOGUE)
    assert not uses_single_quote_dialogue("“Yes,” she said. “It’s the Coopers’ cart.”")


def test_single_quote_dialogue_quotes_and_apostrophes():
    assert texts(SINGLE_DIALOGUE) == [
        "Where does this road go?",
        "To the old mill,",
        "It’s late, and the Coopers’ cart has gone.",
        "Then we’ll walk,",
    ]


def test_single_quote_dialogue_is_attributed():
    a = analyze(SINGLE_DIALOGUE)
    assert [a.speaker_name(q) for q in a.quotes] == ["Nell Farrow", "Bram Ostley", "Bram Ostley", "Nell Farrow"]


def test_single_marks_inside_double_quote_text_are_not_quotes():
    t = "“She told me ‘never again’ and walked out,” Ivo Marsh said."
    a = analyze(t)
    assert len(a.quotes) == 1


# -- nesting --------------------------------------------------------------------------------
def test_nested_single_quote_belongs_to_the_outer_quote():
    t = "“She told me ‘never again’ and walked out,” Ivo Marsh said."
    (q,) = analyze(t).quotes
    assert q.text == "She told me ‘never again’ and walked out,"
    assert t[q.end - 1] == "”"


def test_nested_straight_single_quotes_belong_to_the_outer_quote():
    t = "He wrote \"the word 'harbour' means little here\" and left."
    (q,) = analyze(t).quotes
    assert q.text == "the word 'harbour' means little here"


def test_nested_curly_double_quote_belongs_to_the_outer_quote():
    t = "Jonas Brede said: “The sign said “closed” all week, so we left.” Then he went home."
    (q,) = analyze(t).quotes
    assert q.text == "The sign said “closed” all week, so we left."


# -- multi-paragraph quotations --------------------------------------------------------------
def test_multi_paragraph_quotation_is_one_piece_a_paragraph_with_one_speaker():
    # (the convention of the gold corpora, and of a reader's list: each paragraph a quotation,
    # the later ones continuing the first)
    t = (
        "“The first part of the statement runs on.\n\n"
        "“The second paragraph continues it.\n\n"
        "“And this is the end,” said Ruth Pell.\n\n"
        "The hall emptied quickly."
    )
    a = analyze(t)
    assert [q.text for q in a.quotes] == [
        "The first part of the statement runs on.",
        "The second paragraph continues it.",
        "And this is the end,",
    ]
    assert [q.paragraph for q in a.quotes] == [0, 1, 2]
    assert [r.continues for r in raw(t)] == [False, True, True]
    assert [a.speaker_name(q) for q in a.quotes] == ["Ruth Pell"] * 3
    assert [q.sieve for q in a.quotes] == ["continuation", "continuation", "trailing_cue"]
    kinds = {(link.source, link.target) for link in a.links if link.kind == "continuation"}
    assert ("q1", "q2") in kinds and ("q2", "q3") in kinds


def test_multi_paragraph_straight_quote_runs_on():
    t = '"The first paragraph of a long answer.\n\n"The second paragraph ends it," said Ruth Pell.'
    a = analyze(t)
    assert [q.text for q in a.quotes] == ["The first paragraph of a long answer.", "The second paragraph ends it,"]
    assert [a.speaker_name(q) for q in a.quotes] == ["Ruth Pell", "Ruth Pell"]


def test_unclosed_quote_stops_at_its_paragraph_when_the_next_does_not_open():
    t = "“An unclosed remark at the end of a paragraph\n\nThe next paragraph is plain narration."
    a = analyze(t)
    assert len(a.quotes) == 1
    q = a.quotes[0]
    assert q.end == a.paragraphs[0].end
    assert q.text == "An unclosed remark at the end of a paragraph"
    assert raw(t)[0].closed is False


# -- stray and unbalanced marks ----------------------------------------------------------------
def test_empty_marks_at_the_end_are_not_a_quote():
    assert analyze('The note ended with ""').quotes == ()
    assert analyze('"""').quotes == ()
    assert analyze("“”").quotes == ()


def test_stray_closing_marks_are_ignored():
    assert analyze("Stray closing” marks” everywhere.").quotes == ()


def test_odd_number_of_straight_marks_never_overlap():
    for t in (
        'An odd " mark here and "another one" there " and more.',
        'Three "marks "here" only.',
        '"Open and never closed',
        'Closed" and never opened',
    ):
        assert_well_formed(t)


def test_punctuation_only_between_marks_is_not_a_quote():
    assert analyze('Between " - " the dashes.').quotes == ()


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["word", "Anna", "said", " ", " ", "\n\n", ",", ".", "“", "”", '"', "‘", "’", "'", "don't", "«", "»"]
        ),
        max_size=40,
    )
)
def test_random_mark_soup_never_crashes_or_overlaps(pieces):
    assert_well_formed("".join(pieces))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab .,\n“”\"‘’'", max_size=80))
def test_random_text_never_crashes_or_overlaps(text):
    assert_well_formed(text)


def test_a_title_keeps_the_comma_american_style_puts_inside_the_marks():
    from tui.analysis import analyze

    a = analyze('Speaking on "Morning Desk Report," Rep. Ada Ruiz discussed the bill.')
    assert [q.kind for q in a.quotes] == ["title"]
    a = analyze('"We will win this," Rep. Ada Ruiz said.')
    assert [q.kind for q in a.quotes] == ["speech"]


def _reference_scan(text: str, paragraphs, single: bool) -> list[quotes.RawQuote]:
    """The scan as first written: paragraph by paragraph, every mark through ``_role``."""
    found: list[quotes.RawQuote] = []
    mark_re = re.compile("[‘‚‹’›]" if single else "[“„«”»\"]")
    open_at, open_para, depth, skip_first_open, continues = None, 0, 0, False, False
    for pi, para in enumerate(paragraphs):
        chunk = text[para.start : para.end]
        marks = [m.start() for m in mark_re.finditer(chunk)]
        for k, i in enumerate(marks):
            ch, pos = chunk[i], para.start + i
            if skip_first_open and i == 0:
                skip_first_open = False
                open_at, open_para, depth, continues = pos, pi, 0, True
                continue
            role = quotes._role(chunk, i, ch, single, open_at is not None, marks, k + 1)
            if role == "open" and ch == "“" and open_at is not None and not depth and quotes._misprinted_close(chunk, i):
                role = "close"  # an opening mark typed for the closing one
            if role == "open":
                if open_at is None:
                    open_at, open_para, depth = pos, pi, 0
                elif ch != '"':
                    depth += 1
            elif role == "close" and open_at is not None:
                if depth:
                    depth -= 1
                    continue
                quotes._emit(text, found, open_at, pos + 1, open_para, closed=True, continues=continues)
                open_at, continues = None, False
        skip_first_open = False
        if open_at is not None:
            quotes._emit(text, found, open_at, para.end, open_para, closed=False, continues=continues)
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            skip_first_open = nxt is not None and quotes._opens_paragraph(text, nxt, single)
            open_at, continues = None, False
    return found


QUOTE_PIECES = [
    " ", "\n", "\n\n", "\n \n", "a", "Word", "é", "3", "_", ".", ",", "-", "(", ":",
    "“", "”", "„", "«", "»", '"', "‘", "’", "‚", "‹", "›", "'", "don’t", "Russians’",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(QUOTE_PIECES), max_size=60).map("".join), st.booleans())
def test_the_scan_finds_what_the_paragraph_by_paragraph_scan_finds(text: str, single: bool) -> None:
    paragraphs = split_paragraphs(text)
    assert quotes._scan(text, paragraphs, single) == _reference_scan(text, paragraphs, single)


def test_nested_speech_with_its_own_cue_is_cut_out_of_the_quotation():
    text = (
        "“So I went to the mill, and the miller said, 'Come back at noon, and bring the cart.'"
        " I did not like to, but I went.”"
    )
    raws = quotes.split_at_nested(text, find_quotes(text, split_paragraphs(text)))
    pieces = [text[q.inner_start : q.inner_end].strip() for q in raws]
    assert pieces == ["So I went to the mill, and the miller said,", "I did not like to, but I went."]
    assert [q.continues for q in raws] == [False, True]


def test_nested_speech_followed_by_its_cue_is_cut_out_too():
    text = "“I knocked twice. 'Who is there?' said she, and I told her my name.”"
    raws = quotes.split_at_nested(text, find_quotes(text, split_paragraphs(text)))
    assert [text[q.inner_start : q.inner_end].strip() for q in raws] == [
        "I knocked twice.", "said she, and I told her my name."]


def test_a_nested_word_without_a_cue_stays_in_the_quotation():
    for text in (
        "“I do not know what you mean by 'luck,' and I never shall.”",
        "“You always called me, 'Captain Hale;' it sounded so formal.”",  # a naming verb
        "“The boys' dog ran off, and nobody 'round here saw it go.”",  # apostrophes
    ):
        raws = find_quotes(text, split_paragraphs(text))
        assert quotes.split_at_nested(text, raws) == raws


def test_speech_resumes_after_an_indented_block_up_to_its_closing_mark():
    text = (
        "“He has written me a verse. Listen to it:\n\n"
        "        Over the marsh the herons go,\n"
        "        Grey in the evening light.\n\n"
        "A pretty compliment! Nobody could have put it better.”\n\n"
        "She folded the paper away."
    )
    paragraphs = split_paragraphs(text)
    raws = quotes.resume_after_blocks(text, paragraphs, find_quotes(text, paragraphs))
    pieces = [text[q.inner_start : q.inner_end] for q in raws]
    assert pieces == ["He has written me a verse. Listen to it:", "A pretty compliment! Nobody could have put it better."]
    assert raws[1].continues and raws[1].closed


def test_no_resumption_after_a_block_when_the_next_paragraph_is_narration():
    text = (
        "“He has written me a verse. Listen to it:\n\n"
        "        Over the marsh the herons go.\n\n"
        "She folded the paper away, and said nothing more about it."
    )
    paragraphs = split_paragraphs(text)
    raws = find_quotes(text, paragraphs)
    assert quotes.resume_after_blocks(text, paragraphs, raws) == raws


def test_speech_goes_on_between_indented_blocks():
    text = (
        "“Hand me the letter and listen.\n\n"
        "To Miss Marsh, from a friend.\n\n"
        "        Over the marsh the herons go,\n"
        "        Grey in the evening light.\n\n"
        "That is the first line, and a pretty one.”"
    )
    paragraphs = split_paragraphs(text)
    raws = quotes.resume_after_blocks(text, paragraphs, find_quotes(text, paragraphs))
    assert [text[q.inner_start : q.inner_end] for q in raws] == [
        "Hand me the letter and listen.", "To Miss Marsh, from a friend.", "That is the first line, and a pretty one."]


def test_two_open_quotations_never_resume_the_same_paragraph():
    # both quotations are left open before indented blocks; the paragraph that closes is
    # resumed once, for the latest of them (a second copy made the quotations overlap)
    text = (
        "“Listen to the letter,” said Ann. “It begins:\n\n"
        "        Dear Tom, come home. She said: “Soon\n\n"
        "        the boat, the boat.\n\n"
        "That is all it says,” said Ann."
    )
    paragraphs = split_paragraphs(text)
    raws = quotes.resume_after_blocks(text, paragraphs, find_quotes(text, paragraphs))
    spans = [(q.start, q.end) for q in raws]
    assert len(spans) == len(set(spans))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert [text[q.inner_start : q.inner_end] for q in raws if q.continues] == ["That is all it says,"]


def test_no_resumption_without_a_block():
    # a paragraph that forgot its opening mark is left alone unless a block intervenes
    text = "“Look at him, Jack!\n\nI never saw the like.” He laughed."
    paragraphs = split_paragraphs(text)
    raws = find_quotes(text, paragraphs)
    assert quotes.resume_after_blocks(text, paragraphs, raws) == raws


def test_an_opening_mark_typed_for_the_closing_one_closes_the_quotation():
    text = "Ruiz called the plan “reckless“ in a tweet. Holt said it was “a fine idea.”"
    assert texts(text) == ["reckless", "a fine idea."]
    text = "“It's over,“ said Ada Ruiz on Monday."
    assert texts(text) == ["It's over,"]
    # nested quotations still open with it
    text = "Ruiz said: “They chanted “Lock her up” all night.”"
    assert texts(text) == ["They chanted “Lock her up” all night."]


# -- nested speech whose marks a plain-text copy lost ----------------------------------------
def _unmarked_pieces(text):
    raws = quotes.split_at_unmarked_cues(text, find_quotes(text, split_paragraphs(text)))
    return [text[q.inner_start : q.inner_end] for q in raws], raws


def test_reported_speech_with_an_unmarked_cue_is_cut_out_of_the_quotation():
    text = (
        "\"I walked down to the mill at noon. Nothing is wrong with the wheel, said the miller."
        " He was out of breath, and he went back in.\""
    )
    pieces, raws = _unmarked_pieces(text)
    assert pieces == ["I walked down to the mill at noon.", "said the miller. He was out of breath, and he went back in."]
    assert [q.continues for q in raws] == [False, True]
    assert raws[0].start == 0 and raws[-1].end == len(text) and raws[-1].closed


def test_a_piece_cut_from_the_front_starts_at_its_own_first_word():
    # the reported words open the quotation: the piece left starts at its first word, not at
    # the opening mark (the JSON contract: a quotation's text is its span without its marks)
    text = "\"Stay, he said. The road was dark.\""
    raws = quotes.split_at_unmarked_cues(text, find_quotes(text, split_paragraphs(text)))
    assert [text[q.start : q.end] for q in raws] == ["he said. The road was dark.\""]
    assert [text[q.inner_start : q.inner_end] for q in raws] == ["he said. The road was dark."]


def test_after_a_comma_cue_the_reported_sentence_goes_on_and_spoken_sentences_follow():
    text = (
        "\"We waited by the gate. Come in, says he, the dogs are tied up. Are you cold? I followed"
        " him in at last. The room was dark.\""
    )
    pieces, _ = _unmarked_pieces(text)
    assert pieces == ["We waited by the gate.", "says he,", "I followed him in at last. The room was dark."]


def test_a_cue_that_goes_on_in_narration_keeps_its_words():
    text = "\"She stood at the door. Who is there? said I, holding up the lamp. Nobody answered.\""
    pieces, _ = _unmarked_pieces(text)
    assert pieces == ["She stood at the door.", "said I, holding up the lamp. Nobody answered."]


def test_asides_and_indirect_reports_are_no_nested_cues():
    for text in (
        "\"He is the best of men, I confess, and the kindest.\"",  # present tense: an aside
        "\"It is late, they say, and the road is long.\"",
        "\"He came to the gate, he chuckled, and said there was no hurry about it.\"",  # his own sentence
        "\"She will come, I hope, before the rain.\"",  # no speech verb
    ):
        raws = find_quotes(text, split_paragraphs(text))
        assert quotes.split_at_unmarked_cues(text, raws) == raws


def test_unmarked_cues_are_cut_only_in_a_text_that_lost_its_single_marks():
    assert quotes.lost_single_marks("\"Go home,\" he said. \"It is late.\"")
    assert not quotes.lost_single_marks("\"Go home,\" he said. \"It's late.\"")
    assert not quotes.lost_single_marks("“Go home,” he said. “It’s late.”")


def test_the_pipeline_cuts_unmarked_nested_speech_in_fiction_without_single_marks():
    # (fiction: many paragraphs open with a quotation, and a novel's length)
    walk = "They walked on along the river under the grey sky for a long time. " * 20
    turns = "".join(
        f"\"Line {n} of the talk,\" said Tom Reed.\n\n\"And line {n},\" said Ann Vale.\n\n{walk}\n\n" for n in range(16)
    )
    story = "\"I went down to the mill. Nothing is wrong, said the miller. So I came home.\" said Tom Reed.\n\n"
    pieces = [q.text for q in analyze(turns + story).quotes[-2:]]
    assert pieces == ["I went down to the mill.", "said the miller. So I came home."]
    marked = turns.replace("Line 0", "Line o'clock") + story  # an apostrophe: the marks are kept
    assert analyze(marked).quotes[-1].text == "I went down to the mill. Nothing is wrong, said the miller. So I came home."


def test_an_unmarked_cue_after_a_name_or_with_a_described_subject():
    text = "\"We came to the gate. Wait here, whispered Tobin. I waited. It is late, the other answered. So I went home.\""
    pieces, _ = _unmarked_pieces(text)
    assert pieces == ["We came to the gate.", "whispered Tobin. I waited.", "the other answered. So I went home."]


def test_an_unmarked_cue_whose_narration_goes_on_with_and_or_a_manner():
    text = "\"I opened the door. Come in, I said, and stood aside. Hush, he said in a low voice, finger on his lips. The hall was dark.\""
    pieces, _ = _unmarked_pieces(text)
    assert pieces == [
        "I opened the door.",
        "I said, and stood aside.",
        "he said in a low voice, finger on his lips. The hall was dark.",
    ]


def test_an_aside_leaves_the_speakers_dash_with_the_words_before_it():
    text = "“Yes--(rather slowly)--I believe I do.”"
    raws = quotes.split_at_asides(text, find_quotes(text, split_paragraphs(text)))
    assert [text[q.inner_start : q.inner_end] for q in raws] == ["Yes--", "I believe I do."]


def test_nested_speech_after_a_cue_with_its_addressee_is_cut_out_too():
    text = "“My grandfather used to say to my aunt: 'Never lend the cart.' But we lent it all the same.”"
    raws = quotes.split_at_nested(text, find_quotes(text, split_paragraphs(text)))
    assert [text[q.inner_start : q.inner_end].strip() for q in raws] == [
        "My grandfather used to say to my aunt:", "But we lent it all the same."]
