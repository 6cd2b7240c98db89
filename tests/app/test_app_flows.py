"""The reader's flows, driven with Pilot on a hand-built analysis (tests/app/app_builders.py)."""

from __future__ import annotations

import csv
import json

import pytest
from app_builders import DEMO_TEXT, demo_analysis
from app_helpers import (
    article_lines,
    article_shows,
    detail_lines,
    detail_text,
    list_lines,
    main,
    xref_ids,
)
from textual import events
from textual.geometry import Size
from textual.widgets import Input, SelectionList

from tui.app import CloseReadApp
from tui.app.screens import ExportScreen, HelpScreen, SpeakerPicker
from tui.app.widgets import ArticleView, DetailPane, QuoteList


@pytest.fixture
def app():
    return CloseReadApp(analysis=demo_analysis())


async def test_starts_with_every_quote_listed_and_the_first_selected(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        assert screen.selected == "q1"
        assert len(screen.shown) == 9
        lines = list_lines(app)
        assert "Peskov" in lines[0] and "Let's not" in lines[0]
        assert "Zakharova" in lines[5]
        assert isinstance(app.focused, QuoteList)
        assert "Let's not believe anonymous information" in detail_text(app)


async def test_filter_narrows_the_list_as_you_type_on_text_and_speaker(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"zakh")
        screen = main(app)
        assert [screen.analysis.quotes[p].id for p in screen.shown] == ["q6", "q7"]
        lines = [line for line in list_lines(app) if line.strip()]
        assert len(lines) == 2 and all("Zakharova" in line for line in lines)
        # Several words: every one must match (speaker "maria", text "crimea").
        await pilot.press("ctrl+u", *"mar cri")
        assert [screen.analysis.quotes[p].id for p in screen.shown] == ["q7"]
        await pilot.press("ctrl+u", *"zzz")
        assert screen.shown == ()
        assert "No quotation matches" in list_lines(app)[0]


async def test_enter_in_the_filter_selects_the_first_match_and_returns_to_the_list(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Ryabkov", "enter")
        screen = main(app)
        assert screen.selected == "q3"
        assert isinstance(app.focused, QuoteList)
        assert article_shows(app, "q3")
        assert "There were contacts." in detail_text(app)
        assert "Sergei Ryabkov" in detail_text(app)
        assert "q5" in xref_ids(app)  # the contrast link to Pence


async def test_keys_typed_in_a_burst_reach_the_filter():
    """A script (or a fast typist) sends '/Ryabkov<enter>' before '/' has been handled."""
    from textual import events

    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for char in "/Ryabkov\r":
            key = {"/": "slash", "\r": "enter"}.get(char, char)
            app.post_message(events.Key(key, char))
        await pilot.pause(0.2)
        assert main(app).query_one("#filter", Input).value == "Ryabkov"
        assert main(app).selected == "q3"


async def test_single_keys_type_into_the_filter_instead_of_acting(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"qsnc?", "backspace")
        assert main(app).query_one("#filter", Input).value == "qsnc"
        assert app.is_running and app.screen is main(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, QuoteList)


async def test_j_k_and_arrows_move_the_selection_in_the_list(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("j", "j")
        assert screen.selected == "q3"
        await pilot.press("down")
        assert screen.selected == "q4"
        await pilot.press("k", "up")
        assert screen.selected == "q2"
        await pilot.press("end")
        assert screen.selected == "q9"
        await pilot.press("home")
        assert screen.selected == "q1"


async def test_speaker_picker_filters_to_several_speakers(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SpeakerPicker)
        selection = app.screen.query_one(SelectionList)
        # Sorted by count: Ryabkov (3), then Peskov and Zakharova (2), then Pence (1).
        values = [selection.get_option_at_index(i).value for i in range(selection.option_count)]
        assert values == ["ryabkov", "peskov", "zakharova", "pence"]
        await pilot.press("down", "space")  # to the list; tick Ryabkov
        await pilot.press("down", "down", "down", "space")  # Pence (last)
        assert set(selection.selected) == {"ryabkov", "pence"}
        await pilot.press("enter")
        screen = main(app)
        assert app.screen is screen
        assert screen.speaker_filter == frozenset({"ryabkov", "pence"})
        assert [screen.analysis.quotes[p].id for p in screen.shown] == ["q3", "q4", "q5", "q8"]
        # Escape in the picker changes nothing; ctrl+r shows every speaker again.
        await pilot.press("s", "escape")
        assert screen.speaker_filter == frozenset({"ryabkov", "pence"})
        await pilot.press("s", "ctrl+r")
        assert screen.speaker_filter == frozenset()
        assert len(screen.shown) == 9


async def test_typing_in_the_speaker_picker_narrows_it_and_enter_applies(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", *"mar")  # Maria Zakharova
        selection = app.screen.query_one(SelectionList)
        assert selection.option_count == 1
        await pilot.press("enter")
        screen = main(app)
        assert screen.speaker_filter == frozenset({"zakharova"})
        # Ticks survive narrowing: tick Zakharova (already chosen), add Peskov by name.
        await pilot.press("s", *"peskov", "down", "space", "enter")
        assert screen.speaker_filter == frozenset({"zakharova", "peskov"})


async def test_n_and_p_step_through_the_same_speaker(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("j", "j")  # q3, Ryabkov
        await pilot.press("n")
        assert screen.selected == "q4"
        await pilot.press("n")
        assert screen.selected == "q8"
        assert article_shows(app, "q8")
        await pilot.press("n")  # the last one: stays
        assert screen.selected == "q8"
        await pilot.press("p", "p")
        assert screen.selected == "q3"


async def test_contrast_jump_moves_article_and_detail_and_back_forward_return(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main(app)
        await pilot.press("j", "j")  # q3 "There were contacts."
        await pilot.press("c")
        assert screen.selected == "q5"
        assert article_shows(app, "q5")
        assert "Why would there be any contact" in detail_text(app)
        assert "Mike Pence" in detail_text(app)
        await pilot.press("backspace")
        assert screen.selected == "q3"
        assert "There were contacts." in detail_text(app)
        await pilot.press("alt+right")
        assert screen.selected == "q5"
        await pilot.press("backspace", "backspace")  # nothing further back than q3
        assert screen.selected == "q3"


async def test_bracket_keys_tour_the_cross_references_of_the_selected_quote(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("j", "j")  # q3
        # Grouped by kind: same speaker (q8), topic (q5 links back), contrast (q5).
        assert xref_ids(app) == ["q8", "q5", "q5"]
        await pilot.press("right_square_bracket")
        assert screen.selected == "q8"
        assert article_shows(app, "q8")
        assert "We continue to work with them." in detail_text(app)
        # The detail pane highlights the way back to q3.
        detail = screen.query_one(DetailPane)
        assert detail.xrefs[screen.xref_cursor].other == "q3"
        await pilot.press("right_square_bracket")  # still q3's tour: its topic link
        assert screen.selected == "q5" and screen.tour == ("q3", 1)
        await pilot.press("right_square_bracket", "right_square_bracket")  # contrast, then wraps
        assert screen.selected == "q8" and screen.tour == ("q3", 0)
        await pilot.press("left_square_bracket")  # back around to the contrast link
        assert screen.selected == "q5" and screen.tour == ("q3", 2)
        await pilot.press("backspace")
        assert screen.selected == "q8"
        # Moving elsewhere starts a new tour from there.
        await pilot.press("home", "right_square_bracket")
        assert screen.tour == ("q1", 0) and screen.selected == "q2"


async def test_choosing_a_cross_reference_in_the_detail_pane_jumps(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("j", "j")  # q3
        detail = screen.query_one(DetailPane)
        detail.focus()
        await pilot.pause()
        await pilot.press("down", "enter")  # the first cross-reference (not a heading): q8
        assert screen.selected == "q8"
        assert article_shows(app, "q8")
        assert screen.back_stack[-1] == "q3"


async def test_the_cross_reference_keys_of_the_detail_pane(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("j", "j")  # q3: same speaker q8, topic q5, contrast q5
        screen.set_focus(screen.query_one(DetailPane))
        await pilot.press("down", "down")
        assert screen.xref_cursor == 1
        await pilot.press("down", "down")  # stays on the last
        assert screen.xref_cursor == 2
        await pilot.press("home")
        assert screen.xref_cursor == 0
        await pilot.press("end", "up")
        assert screen.xref_cursor == 1
        await pilot.press("enter")
        assert screen.selected == "q5" and screen.back_stack[-1] == "q3"
        # The new quotation's cross-references, none highlighted yet.
        assert screen.xref_cursor == -1
        assert "Why would there be any contact" in detail_text(app)


async def test_clicking_a_cross_reference_jumps_to_it(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("j", "j")  # q3
        detail = screen.query_one(DetailPane)
        first, height = detail.xref_lines(0)
        assert height == 2  # "Sergei Ryabkov: “We continue / to work with them.”" at 30 cells
        await pilot.click(DetailPane, offset=(3, first + 1))  # its second line (padding: 1)
        assert screen.selected == "q8"
        assert screen.back_stack[-1] == "q3"
        # Clicking the description or a heading does nothing.
        await pilot.click(DetailPane, offset=(3, 0))
        assert screen.selected == "q8"


async def test_the_detail_pane_shows_the_quotation_then_its_cross_references(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")  # q3
        lines = detail_lines(app)
        assert lines[:12] == [
            "“There were contacts.”",
            "",
            "Sergei Ryabkov, deputy foreign",
            "minister",
            "also: Ryabkov",
            "partial  ·  cue “added”  ·",
            "test, confidence 0.90",
            "",
            "Deputy foreign minister Sergei",
            "Ryabkov said: “There were",
            "contacts.”",
            "",
        ]
        assert lines[12:26] == [
            "Cross-references",
            "Same speaker",
            "Sergei Ryabkov: “We continue",
            "to work with them.”",
            "Topic",
            "Mike Pence: “Why would there",
            "be any contact between the",
            "campaign?”",
            "  shared: contact, campaign",
            "Contrast",
            "Mike Pence: “Why would there",
            "be any contact between the",
            "campaign?”",
            "  shared: contact",
        ]
        assert all(line == "" for line in lines[26:])
        # A quotation with no cross-reference says so.
        main(app).selected = "q9"
        await pilot.pause()
        assert "none" in detail_lines(app)
        assert xref_ids(app) == []


async def test_clicking_a_quotation_in_the_article_selects_it(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        article = screen.query_one(ArticleView)
        quote = screen.analysis.quote("q7")
        line = article.wrapped.line_of(quote.start + 3)
        start, _ = article.wrapped.lines[line]
        column = quote.start + 3 - start
        # The article has one cell of padding on the left.
        await pilot.click(ArticleView, offset=(column + 1, line - round(article.scroll_y)))
        assert screen.selected == "q7"
        # Clicking plain text selects nothing new.
        await pilot.click(ArticleView, offset=(1, 0))
        assert screen.selected == "q7"


async def test_moving_in_the_article_with_the_keyboard_selects_quotations(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        screen.query_one(ArticleView).focus()
        await pilot.pause()
        await pilot.press("down", "j")
        assert screen.selected == "q3"
        await pilot.press("k")
        assert screen.selected == "q2"


async def test_find_highlights_matches_and_steps_through_them(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("f")
        assert isinstance(app.focused, Input) and app.focused.id == "search"
        await pilot.press(*"russia", "enter")
        expected = [i for i in range(len(DEMO_TEXT)) if DEMO_TEXT[i : i + 6].lower() == "russia"]
        assert list(screen.matches) == expected
        # The first match after the selected quotation (q1) is the current one.
        assert expected[screen.match_index] > screen.analysis.quote("q1").start
        assert expected[screen.match_index - 1] < screen.analysis.quote("q1").start
        assert isinstance(app.focused, ArticleView)
        assert screen.match_index == 1
        await pilot.press("full_stop")
        assert screen.match_index == 2
        await pilot.press("full_stop")
        assert screen.match_index == 0  # wraps around
        await pilot.press("comma")
        assert screen.match_index == len(expected) - 1
        article = screen.query_one(ArticleView)
        line = article.wrapped.line_of(expected[-1])
        top, bottom = article.visible_line_range()
        assert top <= line < bottom
        await pilot.press("escape")  # clears the search
        assert screen.matches == () and screen.search == ""


async def test_copy_puts_the_quotation_and_speaker_on_the_clipboard(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "y")
        assert app.clipboard == "“There were contacts.” — Sergei Ryabkov"
        await pilot.press("end", "y")
        assert app.clipboard == "“[routine] and [/bold] open” — Unattributed"


async def test_export_writes_the_filtered_quotations(app, tmp_path):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"ryabkov", "enter")
        for name in ("out.json", "out.csv", "out.md"):
            await pilot.press("e")
            assert isinstance(app.screen, ExportScreen)
            app.screen.query_one("#export-path", Input).value = str(tmp_path / name)
            await pilot.press("enter")
            assert app.screen is main(app)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(str(tmp_path / "out.json") in m for m in messages)
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [q["id"] for q in data["quotes"]] == ["q3", "q4", "q8"]
    assert {s["id"] for s in data["speakers"]} == {"ryabkov"}
    assert set(data) >= {"document", "quotes", "speakers", "links"}
    assert all(link["source"] in {"q3", "q4", "q8"} for link in data["links"])
    rows = list(csv.DictReader((tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()))
    assert [row["id"] for row in rows] == ["q3", "q4", "q8"]
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "There were contacts." in markdown and "Why would there" not in markdown


async def test_export_format_buttons_set_the_extension(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value.endswith(".json")
        await pilot.click("#fmt-csv")
        assert path_input.value.endswith(".csv")
        await pilot.click("#fmt-markdown")
        assert path_input.value.endswith(".md")
        await pilot.press("escape")
        assert app.screen is main(app)


async def test_export_to_an_impossible_path_notifies_an_error(app, tmp_path):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "missing" / "x.json")
        await pilot.press("enter")
        await pilot.pause()
        assert any("Export failed" in n.message for n in app._notifications)


async def test_help_lists_every_key_of_the_command_table(app):
    from tui.app.commands import COMMANDS

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table").content
        from rich.console import Console

        console = Console(width=100, record=True, file=open("/dev/null", "w"))
        console.print(table)
        text = console.export_text()
        for command in COMMANDS:
            assert command.description in text
        await pilot.press("escape")
        assert app.screen is main(app)
        await pilot.press("question_mark", "question_mark")  # ? toggles it
        assert app.screen is main(app)


async def test_q_quits_at_once(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_tab_cycles_the_panes(app):
    async with app.run_test(size=(120, 40)) as pilot:
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(app.focused.id if app.focused else None)
        assert "article" in seen and "detail" in seen and "filter" in seen


async def test_markup_in_user_text_is_shown_literally(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end")
        assert "“[routine] and [/bold] open”" in detail_text(app)
        assert any("[/] tag" in line for line in article_lines(app))
        assert list_lines(app)[8].endswith("[routine] and…")


async def test_panes_stack_when_narrow_and_survive_a_storm_of_resizes(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        assert screen.has_class("-wide")
        quotes = screen.query_one("#quotes-pane").region
        article = screen.query_one("#article-pane").region
        assert quotes.y == article.y and article.x > quotes.x
        assert article.width > quotes.width  # the article is the widest pane
        for size in [(80, 24), (40, 12), (200, 60), (99, 30), (100, 30), (20, 6), (81, 25)]:
            app.post_message(events.Resize(Size(*size), Size(*size)))
        await pilot.resize_terminal(40, 12)
        await pilot.press("j")
        assert screen.selected == "q2"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-narrow")
        quotes = screen.query_one("#quotes-pane").region
        article = screen.query_one("#article-pane").region
        assert article.y > quotes.y and article.x == quotes.x
        await pilot.press("k", "c")
        assert screen.selected == "q1"


async def test_nothing_overflows_at_200_by_60(app):
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        screen = main(app)
        for pane in ("#quotes-pane", "#article-pane", "#detail"):
            region = screen.query_one(pane).region
            assert region.right <= 200 and region.bottom <= 60
        article = screen.query_one(ArticleView)
        assert all(len(line) <= article.size.width for line in article_lines(app))
        assert article.virtual_size.width <= article.scrollable_content_region.width


async def test_theme_change_recolours_the_speakers(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        dark = screen.palette
        app.theme = "textual-light"
        await pilot.pause()
        assert screen.palette is not dark
        assert not screen.palette.dark
        assert screen.palette.color("ryabkov") != dark.color("ryabkov")
        # One colour per speaker, the same object handed to every pane.
        assert screen.query_one(QuoteList).palette is screen.palette
        assert screen.query_one(DetailPane).palette is screen.palette


async def test_markup_in_names_and_titles_never_breaks_anything():
    from app_builders import build

    from tui.app.provider import CloseReadProvider

    text = "Intro [/] line\n\n“A [bold]claim[/] here [/],” said Mr [/b] Weird.\n"
    analysis = build(text, {"w": ("Mr [/b] Weird", "[red]role", ("[/]",))}, ["w"])
    app = CloseReadApp(analysis=analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        hits = [hit.text async for hit in CloseReadProvider(main(app)).search("weird")]
        assert "Filter by speaker: Mr [/b] Weird" in hits
        await pilot.press("s", "down", "space", "enter")  # the speaker filter shows the name
        assert main(app).speaker_filter == frozenset({"w"})
        assert main(app).query_one("#quotes-pane")._border_subtitle.plain == "Mr [/b] Weird"
        await pilot.press("y")
        assert app.clipboard == "“A [bold]claim[/] here [/],” — Mr [/b] Weird"
        await pilot.press("f", *"[/]", "enter")
        assert main(app).matches == (6, 30, 39)
        assert "“A [bold]claim[/] here [/],”" in detail_text(app)
        assert "[red]role" in detail_text(app)


async def test_tabs_in_the_text_are_drawn_as_single_spaces_in_the_detail_pane():
    from app_builders import build

    text = "Intro\tline\n\n“A\tclaim here,” said Mr\tWeird.\n"
    analysis = build(text, {"w": ("Mr Weird", "a\trole", ())}, ["w"])
    app = CloseReadApp(analysis=analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        detail = main(app).query_one(DetailPane)
        lines = detail_lines(app)
        assert "Mr Weird, a role" in lines
        assert "“A claim here,” said Mr" in lines
        assert not any("\t" in line for line in lines)
        assert all(len(line) <= detail.scrollable_content_region.width for line in lines)


async def test_clicking_a_row_of_the_list_selects_it(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.click(QuoteList, offset=(5, 4))
        assert screen.selected == "q5"
        assert article_shows(app, "q5")
        # Moving with the keyboard does not fill the jump history; jumps do.
        assert screen.back_stack == ()
        await pilot.press("c")
        assert screen.back_stack == ("q5",)


async def test_the_highlighted_cross_reference_is_scrolled_into_view(app):
    async with app.run_test(size=(80, 24)) as pilot:  # a small detail pane
        screen = main(app)
        await pilot.press("j", "j")  # q3
        detail = screen.query_one(DetailPane)
        screen.set_focus(detail)
        await pilot.press("end")  # its last cross-reference
        await pilot.pause()
        assert screen.xref_cursor == 2
        assert detail.scroll_y > 0
        first, height = detail.xref_lines(2)
        view = detail.scrollable_content_region.height
        assert detail.scroll_y <= first and first + height <= detail.scroll_y + view
        assert "Pence" in detail_lines(app)[first - round(detail.scroll_y)]
        await pilot.press("home")  # back up to the first, with its heading
        first, _ = detail.xref_lines(0)
        assert round(detail.scroll_y) == first - 1
        assert detail_lines(app)[0] == "Same speaker"


@pytest.mark.parametrize("text", ["", "“An open quotation never closed\n\nand no other."])
async def test_every_key_is_harmless_on_degenerate_documents(text):
    from tui.analysis import analyze

    app = CloseReadApp(analysis=analyze(text, "edge.txt"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "n", "right_square_bracket", "c", "y", "backspace", "alt+right")
        await pilot.press("f", "x", "enter", "full_stop", "s", "escape", "e", "escape")
        assert app.is_running and app.screen is main(app)
        assert len(main(app).shown) == len(main(app).analysis.quotes)


@pytest.mark.parametrize(("size", "classes"), [((120, 40), {"-wide", "-tall"}), ((80, 16), {"-narrow", "-short"})])
async def test_the_first_frame_already_has_the_layout_for_the_terminal_size(size, classes, monkeypatch):
    """The size classes are set before the screen is first drawn (not on the first resize
    event, which restyled and redrew the whole screen a moment later)."""
    from tui.app.screens.main import MainScreen

    seen = {}
    original = MainScreen.on_mount

    def on_mount(self):
        seen["classes"] = set(self.classes)
        original(self)

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert classes <= seen["classes"]
        assert classes <= set(main(app).classes)
