"""Speakers: aliases merged into one entity, people kept apart, canonical names and roles."""

from __future__ import annotations

from tui.analysis import analyze


def names(text: str) -> list[str | None]:
    a = analyze(text)
    return [a.speaker_name(q) for q in a.quotes]


def test_mr_surname_merges_into_full_name_introduced_earlier():
    t = (
        "Thomas Hale, the port director, arrived late.\n\n"
        "“The port will reopen on Monday,” Mr Hale said."
    )
    a = analyze(t)
    (s,) = a.speakers
    assert s.name == "Thomas Hale"
    assert "Mr Hale" in s.aliases
    assert s.quote_ids == ("q1",)


def test_ms_surname_merges_into_full_name():
    t = "Elena Ruiz opened the session. “We are ready,” Ms Ruiz said."
    a = analyze(t)
    assert names(t) == ["Elena Ruiz"]
    assert a.speakers[0].aliases == ("Ms Ruiz",)


def test_title_surname_merges_into_full_name():
    t = 'Elena Ruiz opened the session. Later, President Ruiz said: "We are ready."'
    a = analyze(t)
    assert names(t) == ["Elena Ruiz"]
    assert a.speakers[0].role == "President"


def test_title_surname_merges_into_titled_full_name():
    t = 'President Elena Ruiz opened the session. Later, President Ruiz said: "We are ready."'
    assert names(t) == ["Elena Ruiz"]


def test_bare_surname_merges_into_titled_full_name():
    t = 'Inspector Harriet Lowe arrived at noon. "Nobody leaves the house," Lowe said.'
    assert names(t) == ["Harriet Lowe"]


def test_full_name_and_honorific_quotes_share_one_speaker():
    t = "“The talks will resume,” Lena Ortiz said. “Nothing is decided,” Ms Ortiz added later."
    a = analyze(t)
    q1, q2 = a.quotes
    assert q1.speaker_id == q2.speaker_id
    (s,) = a.speakers
    assert s.name == "Lena Ortiz"
    assert s.aliases == ("Ms Ortiz",)
    assert s.quote_ids == ("q1", "q2")


def test_first_name_alone_joins_the_full_name():
    t = "“Nothing has changed,” said Elena Ruiz. Asked again, Elena said: “Nothing at all.”"
    a = analyze(t)
    assert names(t) == ["Elena Ruiz", "Elena Ruiz"]
    assert len(a.speakers) == 1


def test_two_people_sharing_a_first_name_stay_apart():
    t = (
        "Tomas Weller and Tomas Grieg met in Bergen. "
        '"The contract is signed," Tomas Weller said. "Not by me," Tomas Grieg said.'
    )
    a = analyze(t)
    assert names(t) == ["Tomas Weller", "Tomas Grieg"]
    assert a.quotes[0].speaker_id != a.quotes[1].speaker_id
    assert len(a.speakers) == 2


def test_two_people_sharing_a_surname_and_different_honorifics_stay_apart():
    t = (
        "Thomas Hale and Hannah Hale spoke at the meeting. "
        '"The port will reopen," Mr Hale said. "Not before May," Mrs Hale said.'
    )
    assert names(t) == ["Thomas Hale", "Hannah Hale"]


def test_mr_and_a_woman_with_the_same_surname_stay_apart():
    t = (
        "Clara Ashby opened the shop at dawn. "
        '"The bread is late again," Mr Ashby said. "Then we wait," Clara Ashby said.'
    )
    a = analyze(t)
    q1, q2 = a.quotes
    assert q1.speaker_id is not None and q2.speaker_id is not None
    assert q1.speaker_id != q2.speaker_id
    assert a.speaker_name(q1) == "Mr Ashby"
    assert a.speaker_name(q2) == "Clara Ashby"


def test_mr_dot_and_a_woman_with_the_same_surname_stay_apart():
    t = (
        "Clara Ashby opened the shop at dawn. "
        'Mr. Ashby said: "The bread is late again." "Then we wait," Clara Ashby said.'
    )
    a = analyze(t)
    q1, q2 = a.quotes
    assert q1.speaker_id is not None
    assert q1.speaker_id != q2.speaker_id
    assert a.speaker_name(q1) != "Clara Ashby"
    assert "Ashby" in a.speaker_name(q1)


def test_mrs_joins_the_woman_with_that_surname():
    t = 'Clara Ashby opened the shop at dawn. "The bread is late again," Mrs Ashby said.'
    assert names(t) == ["Clara Ashby"]


def test_canonical_name_is_the_most_complete_proper_name():
    t = (
        "“We will win,” Hale said. Thomas Hale, the port director, spoke for an hour. "
        "“The port reopens on Monday,” Thomas Hale said."
    )
    a = analyze(t)
    (s,) = a.speakers
    assert s.name == "Thomas Hale"
    assert "Hale" in s.aliases
    assert s.quote_ids == ("q1", "q2")


def test_canonical_name_drops_title_and_possessive_role():
    t = "“No deal was signed,” the city's deputy mayor Ilona Varga told reporters."
    a = analyze(t)
    (s,) = a.speakers
    assert s.name == "Ilona Varga"
    assert s.role is not None and "mayor" in s.role


def test_role_from_appositive():
    t = (
        "Lena Ortiz, a spokeswoman for the ministry, said the talks would resume. "
        "“Nothing has been decided,” Ms Ortiz said."
    )
    a = analyze(t)
    (s,) = a.speakers
    assert s.name == "Lena Ortiz"
    assert s.role == "a spokeswoman for the ministry"


def test_role_from_preceding_appositive():
    t = "A veteran diplomat, Oren Kalder, spoke first. “The treaty holds,” Oren Kalder said."
    a = analyze(t)
    (s,) = a.speakers
    assert s.name == "Oren Kalder"
    assert s.role == "A veteran diplomat"


def test_role_from_title_word():
    t = 'Governor Ruiz said that "the water supply is safe."'
    (s,) = analyze(t).speakers
    assert s.role == "Governor"


def test_organisation_speakers_are_named_without_article():
    t = "“The drills are routine,” the Pentagon said. The Harbour Office said: “Ferries run as usual.”"
    assert names(t) == ["Pentagon", "Harbour Office"]


def test_speakers_listed_in_order_of_first_quote_with_their_quote_ids():
    t = (
        "“The bridge is closed,” Anna Kowalski said.\n\n"
        "“It is open,” Bruno Castell replied.\n\n"
        "“It is closed to trucks,” Anna Kowalski said."
    )
    a = analyze(t)
    assert [s.name for s in a.speakers] == ["Anna Kowalski", "Bruno Castell"]
    assert [s.id for s in a.speakers] == ["s1", "s2"]
    assert a.speakers[0].quote_ids == ("q1", "q3")
    assert a.speakers[1].quote_ids == ("q2",)
    for s in a.speakers:
        for qid in s.quote_ids:
            assert a.quote(qid).speaker_id == s.id


def test_speaker_name_is_never_a_pronoun():
    t = (
        "Halvard Steen, the mayor, said on Monday that the ferry would run. "
        "“We have enough crews,” he said. “The weather is fine,” he added."
    )
    a = analyze(t)
    assert [s.name for s in a.speakers] == ["Halvard Steen"]
    assert all(q.speaker_id == a.speakers[0].id for q in a.quotes)




def test_description_joins_a_named_speaker_with_that_role():
    t = (
        "“The border stays open,” said Lena Ortiz, a spokeswoman for the ministry.\n\n"
        "“Nothing has been decided,” the spokeswoman added."
    )
    a = analyze(t)
    assert names(t) == ["Lena Ortiz", "Lena Ortiz"]
    assert len(a.speakers) == 1


def test_description_joins_a_named_speaker_with_a_title_role():
    t = "“The treaty holds,” said Senator Oren Kalder.\n\n“Nobody will break it,” the senator added."
    a = analyze(t)
    assert names(t) == ["Oren Kalder", "Oren Kalder"]
    assert "senator" in a.speakers[0].aliases


def test_name_particles_stay_in_the_name():
    t = "“We dine at eight,” said Mr. van der Holt. “Not later,” said Ludwig van Oosten."
    a = analyze(t)
    assert [a.speaker_name(q) for q in a.quotes] == ["Mr. van der Holt", "Ludwig van Oosten"]


def test_fiction_names_a_character_the_way_the_novel_does():
    from tests.analysis.test_analysis_sieves import novel_with

    text = novel_with([
        "Tomas Brede came into the parlour, and Mr. Brede sat down by the fire.",
        "“It is cold,” said Mr. Brede.",
        "“Colder than yesterday,” said Mr. Brede again.",
    ])
    a = analyze(text)
    speaker = a.speaker(a.quotes[-1].speaker_id)
    assert speaker.name == "Mr. Brede" and a.quotes[-2].speaker_id == a.quotes[-1].speaker_id


def test_fiction_of_two_titles_for_one_surname_the_book_writes_the_name_most_used():
    from tests.analysis.test_analysis_sieves import novel_with

    def name(narration: str) -> str:
        text = novel_with([
            narration,
            "“It is cold,” said Countess Breda.",
            "“Colder than yesterday,” said Countess Breda again.",
            "“Shut the window,” said Countess Breda.",
            "“Bring the shawl,” said Madame Breda.",
            "“And the tea,” said Madame Breda.",
        ])
        a = analyze(text)
        return a.speaker(a.quotes[-1].speaker_id).name

    # the cues favour one title, the narration another: the book's own name wins
    often = " ".join(["Madame Breda walked to the window."] * 4)
    assert name(often) == "Madame Breda"
    # with nothing else to go by, the title the cues use most
    assert name("The parlour was dark.") == "Countess Breda"


def _gendered_novel(paragraphs: list[str]) -> str:
    """Enough invented dialogue between Mary Tallis and John Vane for fiction mode (first
    names of known gender, so that a description of unknown gender is no partner of theirs),
    then ``paragraphs``."""
    from tests.analysis.test_analysis_sieves import novel

    return novel().replace("Wren Talbot", "Mary Tallis").replace("Osric Vane", "John Vane") + "\n\n" + "\n\n".join(paragraphs)


def test_fiction_a_description_named_by_a_title_or_an_appositive_is_that_character():
    text = _gendered_novel([
        "Doctor Penwarden came in from the rain, and Mr. Corbin, the beadle, followed him.",
        "“Mr. Penwarden will see the boy now,” said Mr. Corbin.",
        "“Let me look at him,” said the doctor.",
        "“He is very weak,” said Mr. Penwarden.",
        "“Then he stays,” said the beadle.",
    ])
    a = analyze(text)
    names = [a.speaker_name(q) for q in a.quotes[-4:]]
    assert names == ["Mr. Corbin", "Mr. Penwarden", "Mr. Penwarden", "Mr. Corbin"]


def test_fiction_a_role_given_in_apposition_names_its_character_not_the_last_partner():
    # "the matron" is Mrs. Pobble (the apposition may run "of …" and over a line break), not
    # the woman who spoke the turn before last
    text = _gendered_novel([
        "Night fell on the workhouse. Mrs. Pobble, the\nmatron of the house, sat by the fire.",
        "“The fire is low,” said Ada Crane.",
        "“Then fetch coal,” said Lucy Marsh.",
        "“There is no coal,” said the matron.",
    ])
    a = analyze(text)
    assert a.speaker_name(a.quotes[-1]) == "Mrs. Pobble"


def test_fiction_no_apposition_is_read_from_the_dialogue_or_a_list():
    from tests.analysis.test_analysis_sieves import context
    from tui.analysis.speakers import apposed_roles

    t = (
        "“Why, the doctor.” Jane Hale, the first, came in. Ned, the second, followed. "
        "Mr. Corbin, the beadle, shut the door."
    )
    ctx = context(t, fiction=True)
    roles = apposed_roles(ctx)
    assert set(roles) == {"beadle"} and roles["beadle"] == {("Mr", "Corbin"): 1}


def test_fiction_a_description_stays_itself_when_the_text_names_no_one_so():
    text = _gendered_novel(["“Fair wind today,” said the mariner.", "“Aye,” said Mr. Corbin."])
    a = analyze(text)
    assert a.speaker_name(a.quotes[-2]) == "the mariner"


def test_a_capitalised_sentence_opening_is_no_person_but_a_surname_is():
    from tests.analysis.test_analysis_sieves import context
    from tui.analysis.phrases import Phrase
    from tui.analysis.speakers import is_personal

    text = (
        "The boy was stopped at the corner. Stopped at last! "
        "Hall came in from the hall, and the landlady called to Hall."
    )
    ctx = context(text)

    def name(word: str) -> Phrase:
        start = text.index(word[0].upper() + word[1:])
        return Phrase("NAME", start, start + len(word), word, word, start, start + len(word), None, 0, 0)

    assert not is_personal(ctx, name("Stopped"))
    assert is_personal(ctx, name("Hall"))


def test_a_line_break_after_the_article_keeps_a_description_a_character():
    from tui.analysis.speakers import _starts_with_the

    assert _starts_with_the("the\nJew") and _starts_with_the("The Hatter") and not _starts_with_the("Theodore")


def test_news_an_indefinite_description_is_not_the_named_person_with_that_role():
    t = (
        '"We will win this," campaign aide Ada Ruiz told reporters on Monday.\n\n'
        '"That does not mean no response," one campaign aide said.'
    )
    assert names(t) == ["Ada Ruiz", "one campaign aide"]
    # a definite description still names the one person the article gave that role
    t = (
        '"We will win this," campaign aide Ada Ruiz told reporters on Monday.\n\n'
        '"That does not mean no response," the aide said.'
    )
    assert names(t) == ["Ada Ruiz", "Ada Ruiz"]


def _gentlemen_scene(*more: str) -> str:
    """A novel where two gentlemen talk, then one of them comes in and "the gentleman" speaks
    with a woman: ``more`` paragraphs follow."""
    from tests.analysis.test_analysis_sieves import novel

    return "\n\n".join([
        "“The carriage is late,” said Mr. Corbin.", "“It is,” said Mr. Penwarden.",
        "“The road is bad,” said Mr. Corbin.", "“Very bad,” said Mr. Penwarden.",
        "“We must wait,” said Mr. Corbin.", "“We must,” said Mr. Penwarden.",
        novel().replace("Wren Talbot", "Mary Tallis").replace("Osric Vane", "Lucy Vane"),
        "Mr. Corbin came into the parlour and sat down by the fire.",
        "“It is cold tonight,” said the gentleman.",
        *more,
    ])


def _gentlemen(text: str) -> list[str]:
    """Who says each quotation cued by "said the gentleman" in ``text``."""
    a = analyze(text)
    return [a.speaker_name(q) for q in a.quotes if "said the gentleman" in text[q.end : q.end + 25]]


def test_fiction_a_description_used_for_several_people_is_the_one_named_in_each_scene():
    wind = ["The wind rattled the shutters of the little cottage by the shore."] * 80
    text = _gentlemen_scene(
        "“It is,” said Mary Tallis.",
        "“Colder than last night,” said the gentleman.",
        *wind,
        "Mr. Penwarden came into the parlour and sat down by the fire.",
        "“The roads are flooded,” said the gentleman.",
        "“They are,” said Mary Tallis.",
        "“Flooded to the bridge,” said the gentleman.",
    )
    gentlemen = _gentlemen(text)
    assert gentlemen == ["Mr. Corbin", "Mr. Corbin", "Mr. Penwarden", "Mr. Penwarden"]


def test_fiction_a_bare_surname_the_novel_gives_a_mr_and_a_mrs_is_the_man():
    from tests.analysis.test_analysis_sieves import context
    from tui.analysis.phrases import Phrase
    from tui.analysis.speakers import name_gender, parse_name

    text = (
        "Mr. Hale and Mrs. Hale sat by the fire. Hale looked at her. Hale thanked her. "
        "Hale smiled at her. Mrs. Hale rose."
    )

    def gender(fiction: bool) -> str:
        ctx = context(text, fiction=fiction)
        start = text.index("Hale looked")
        return name_gender(ctx, parse_name(Phrase("NAME", start, start + 4, "Hale", "Hale", start, start + 4, None, 0, 0)))

    assert gender(fiction=True) == "m"
    assert gender(fiction=False) != "m"  # news: the pronouns after the name decide


def test_fiction_gendered_nouns_give_a_description_its_gender():
    from tests.analysis.test_analysis_sieves import context
    from tui.analysis.speakers import NameRef, name_gender

    ctx = context("“It is late,” said the widow. “Aye,” said the lad.", fiction=True)
    assert name_gender(ctx, NameRef("desc", "the widow", "", "", "the widow", None, 0)) == "f"
    assert name_gender(ctx, NameRef("desc", "the old lad", "", "", "the old lad", None, 0)) == "m"


def test_fiction_the_general_is_the_one_general_the_text_names():
    text = _gendered_novel([
        "General Hale came in from the rain with his son, and Ada Hale followed them.",
        "“The roads are bad,” said John Hale.",
        "“They are, John,” said Ada Hale.",
        "“We leave at dawn,” said the general.",
    ])
    a = analyze(text)
    assert a.speaker_name(a.quotes[-1]) == "General Hale"  # not John Hale, whom Ada addressed


def test_fiction_a_common_word_the_story_uses_as_a_first_name_is_a_name():
    from tests.analysis.test_analysis_sieves import context, novel_with

    # "Will" is a modal on the lexicon's list of capitalised common words; this story writes
    # it capitalised mid-sentence again and again, so here it is a man's name
    story = [f"The boat drifted for a while, and Will looked at the sky {n} times; she and Will rowed on."
             for n in range(5)]
    story += ["“We shall reach the island by noon,” Will said, pulling at the oars."]
    story += ["She laughed. “You said that at nine,” she answered, and Will shook his head."]
    text = novel_with(story)
    a = analyze(text)
    assert a.speaker_name(a.quotes[-2]) == "Will"
    assert "Will" in context(text, fiction=True).name_words()
    # a month in dates, a modal at a sentence start: no name
    plain = novel_with(["It rained in May, and on May 5 the river rose. Will it stop? They came back in May."] * 5)
    assert context(plain, fiction=True).name_words() == frozenset()
    # news never looks for such names
    assert context(text, fiction=False).name_words() == frozenset()


def test_fiction_a_name_said_inside_the_dialogue_does_not_set_the_scene():
    text = _gentlemen_scene(
        "“Mr. Penwarden will not come out in this weather,” said Mary Tallis.",
        "“Colder than last night,” said the gentleman.",
    )
    gentlemen = _gentlemen(text)
    assert gentlemen == ["Mr. Corbin", "Mr. Corbin"]


def test_a_bare_surname_the_text_writes_only_after_mr_is_a_man_whatever_the_name_list_says():
    from tests.analysis.test_analysis_sieves import context
    from tui.analysis.speakers import NameRef, name_gender

    # "Shirley" is a woman's first name on the list; this text writes it only as Mr. Shirley
    t = "Mr. Shirley came in late. “It is raining,” said Mr. Shirley. “So it is,” said Shirley again."
    ctx = context(t, fiction=True)
    assert name_gender(ctx, NameRef("person", "Shirley", "", "", "Shirley", None, 0, ("Shirley",))) == "m"
    # without the honorific the list decides, and "Mrs." alone does not make a man
    for t in ("“It is raining,” said Shirley.", "Mrs. Shirley came in. “It is raining,” said Shirley."):
        ctx = context(t, fiction=True)
        assert name_gender(ctx, NameRef("person", "Shirley", "", "", "Shirley", None, 0, ("Shirley",))) == "f"


def _stranger_scene(*more: str) -> str:
    """Two gentlemen talk by name early on; much later an unnamed gentleman speaks with a
    woman: ``more`` paragraphs follow his words."""
    from tests.analysis.test_analysis_sieves import novel

    return "\n\n".join([
        "“The carriage is late,” said Mr. Corbin.", "“It is,” said Mr. Penwarden.",
        "“The road is bad,” said Mr. Corbin.", "“Very bad,” said Mr. Penwarden.",
        "“We must wait,” said Mr. Corbin.", "“We must,” said Mr. Penwarden.",
        novel().replace("Wren Talbot", "Mary Tallis").replace("Osric Vane", "Lucy Vane"),
        "A tall figure in a grey cloak stood at the gate of the cottage.",
        "“Is this the road to the mill?” said the gentleman.",
        "“It is,” said Mary Tallis.",
        "“Then I shall walk on,” said the gentleman.",
        *more,
    ])


def test_fiction_a_description_is_the_man_named_when_he_next_speaks():
    text = _stranger_scene("“Take the lantern,” said Mary Tallis.", "“You are very kind, madam,” replied Mr. Corbin.")
    gentlemen = _gentlemen(text)
    assert gentlemen == ["Mr. Corbin", "Mr. Corbin"]
    # a man who spoke during the scene was someone else of it
    text = text.replace("“It is,” said Mary Tallis.", "“It is,” said Mr. Corbin.")
    gentlemen = _gentlemen(text)
    assert "Mr. Corbin" not in gentlemen


def test_fiction_a_description_is_the_man_named_next_past_the_one_man_it_talked_to():
    # the gentleman talks with one named man; the next other man to speak by name is him
    text = _stranger_scene(
        "“Then I shall walk on,” said Mr. Penwarden, turning back to the gate.",
        "“Take the lantern,” said Mr. Corbin.",
    ).replace("“It is,” said Mary Tallis.", "“It is,” said Mr. Penwarden.")
    gentlemen = _gentlemen(text)
    assert gentlemen == ["Mr. Corbin", "Mr. Corbin"]
    # two named men spoke during the scene: one of them may be the gentleman, no join
    text = text.replace("“Then I shall walk on,” said the gentleman.", "“So I see,” said Mr. Thorne.\n\n“Then I shall walk on,” said the gentleman.")
    gentlemen = _gentlemen(text)
    assert "Mr. Corbin" not in gentlemen


def test_fiction_a_description_the_dialogue_names_keeps_the_name_for_its_scene():
    from tests.analysis.test_analysis_sieves import novel

    def scene(coachman_says: str) -> list[str]:
        text = "\n\n".join([
            novel().replace("Wren Talbot", "Mary Tallis").replace("Osric Vane", "Lucy Vane"),
            "The cart stood at the door of the mill, and the porter was waiting for the sacks.",
            "“Those sacks are for your people,” said the porter.",
            "“Thank you kindly,” said Mr. Corbin.",
            f"“{coachman_says},” said the coachman.",
            "“I am coming,” said the porter.",
        ])
        a = analyze(text)
        return [a.speaker_name(q) for q in a.quotes if "said the porter" in text[q.end : q.end + 20]]

    # the coachman calls the porter Sam: his other words in the scene are Sam's too
    assert scene("Hurry up, Sam") == ["Sam", "Sam"]
    # no name given: the porter stays the porter
    assert scene("Hurry up there") == ["the porter", "the porter"]


def test_fiction_a_name_two_speakers_share_sets_the_scene_for_the_one_who_speaks_far_more():
    from collections import Counter

    from tests.analysis.test_analysis_sieves import context
    from tui.analysis.speakers import Entity, _named_mentions

    text = "Nell Marrow came down the lane with her basket. “Good morning,” said the girl."
    ctx = context(text, fiction=True)
    nell = Entity(("single", "", "nell"), "person", names=Counter({"Nell": 40}), gender="f")
    miss_nell = Entity(("single", "miss", "nell"), "person", names=Counter({"Miss Nell": 2, "Nell": 3}), gender="f")
    girl = Entity(("desc", "the girl"), "person", names=Counter({"the girl": 1}), gender="f")
    entities = {id(e): e for e in (nell, miss_nell, girl)}

    def mentions(n_nell: int, n_miss: int) -> list:
        by_entity = {id(nell): list(range(n_nell)), id(miss_nell): list(range(n_miss)), id(girl): [0]}
        found = _named_mentions(ctx, entities, by_entity, [girl])
        return [] if found is None else [e for _, e in found[1]]

    # "Nell" speaks forty times, "Miss Nell" five: the narration's "Nell" is the first
    assert mentions(40, 5) == [nell]
    # two who speak about as often: "Nell" is no one
    assert mentions(6, 5) == []


def test_fiction_a_description_the_book_joins_to_one_woman_is_the_one_its_scene_names_when_she_is_absent():
    from tests.analysis.test_analysis_sieves import novel

    wind = ["The wind rattled the shutters of the little cottage by the shore."] * 80

    def scene(named: str) -> list[str]:
        return [
            f"{named} sat by the window with her knitting.",
            "“Good day,” said Sam Hood.",
            "“Good day,” said Tom Pell.",
            "“Is it raining yet?” said the old lady.",
            "“Not yet,” said Tom Pell.",
            "“Then bar the shutters,” said the old lady.",
            *wind,
        ]

    text = "\n\n".join([
        novel(),
        "“The tea is cold,” said Mrs. Dunmore.", "“It is,” said Mrs. Ashby.",
        "“The cake is stale,” said Mrs. Dunmore.", "“Quite stale,” said Mrs. Ashby.",
        "“We must bake,” said Mrs. Dunmore.", "“We must,” said Mrs. Ashby.",
        *wind,
        *[p for _ in range(5) for p in scene("Mrs. Dunmore")],
        *scene("Mrs. Ashby"),
    ])
    a = analyze(text)
    ladies = [a.speaker_name(q) for q in a.quotes if "said the old lady" in text[q.end : q.end + 25]]
    # the book's old lady is Mrs. Dunmore; the last scene never names her, and names Mrs. Ashby
    assert ladies == ["Mrs. Dunmore"] * 10 + ["Mrs. Ashby"] * 2
    # a scene that names her too stays hers
    a = analyze(text.replace("Mrs. Ashby sat by the window", "Mrs. Ashby sat with Mrs. Dunmore by the window"))
    ladies = [a.speaker_name(q) for q in a.quotes if "said the old lady" in a.text[q.end : q.end + 25]]
    assert ladies == ["Mrs. Dunmore"] * 12


def test_news_a_description_joins_only_a_person_named_before_it():
    later = (
        "“We will not support it,” the senior adviser said on Tuesday.\n\n"
        "Later that year, Luke Vane, a senior adviser to the mayor, told reporters that “the plan is dead.”"
    )
    # news names a source before it refers back to them by role: the adviser is someone else
    assert names(later) == ["senior adviser", "Luke Vane"]
    earlier = (
        "Luke Vane, a senior adviser to the mayor, told reporters that “the plan is dead.”\n\n"
        "“We will not support it,” the senior adviser said on Tuesday."
    )
    assert names(earlier) == ["Luke Vane", "Luke Vane"]
