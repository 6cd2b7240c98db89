"""The views stay virtual on a novel-sized document (5,000 quotations, ~0.7 MB).

No timings here (the house rule: speed is measured by ``bench/speed.py``, which prints the
filter and jump latencies with a novel loaded). These tests pin the behaviour that keeps
those latencies flat: the filter over 5,000 quotations gives the right rows, and the work
done per keystroke or jump (rows rendered, lines styled, widgets mounted) depends on the
size of the screen, not on the number of quotations.
"""

from __future__ import annotations

import pytest
from app_builders import big_analysis
from app_helpers import main

from tui.app import CloseReadApp
from tui.app.widgets import ArticleView, QuoteList


@pytest.fixture(scope="module")
def big():
    return big_analysis(5000)


@pytest.fixture(scope="module")
def small():
    return big_analysis(50)


def _count_calls(monkeypatch, cls, name: str) -> list[int]:
    """Count the calls of ``cls.name`` (a one-element list, so tests can reset it)."""
    original = getattr(cls, name)
    calls = [0]

    def counting(self, *args, **kwargs):
        calls[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counting)
    return calls


async def test_the_filter_over_5000_quotes_gives_exactly_the_matching_rows(big):
    app = CloseReadApp(analysis=big)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        assert len(screen.shown) == 5000
        typed = ""
        for char in "topic1 bracket2":
            typed += char
            screen.filter_text = typed  # what Input.Changed does
            terms = typed.split()
            expected = tuple(
                n
                for n, quote in enumerate(big.quotes)
                if all(term in quote.text.casefold() for term in terms)
            )
            assert screen.shown == expected, typed
        # topic1, topic10…topic19 (n % 97) and bracket2 (n % 5): text order, no duplicates.
        assert 0 < len(screen.shown) < 5000
        assert list(screen.shown) == sorted(set(screen.shown))
        assert all("topic1" in big.quotes[p].text for p in screen.shown)
        assert all("[bracket2]" in big.quotes[p].text for p in screen.shown)
        # Speakers match too, and deleting characters widens the filter again.
        screen.filter_text = "name7"
        assert {big.quotes[p].speaker_id for p in screen.shown} == {"s7"}
        screen.filter_text = ""
        assert len(screen.shown) == 5000


async def _rows_rendered_per_keystroke(analysis, monkeypatch) -> tuple[int, int]:
    calls = _count_calls(monkeypatch, QuoteList, "_render_row")
    app = CloseReadApp(analysis=analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        height = screen.query_one(QuoteList).scrollable_content_region.height
        most = 0
        for typed in ("1", "12", "123", "12", "1", "", "name3", "name"):
            calls[0] = 0
            screen.filter_text = typed
            await pilot.pause()  # the screen is repainted
            most = max(most, calls[0])
        return most, height


async def test_a_keystroke_renders_only_the_rows_on_screen(big, small, monkeypatch):
    big_rows, height = await _rows_rendered_per_keystroke(big, monkeypatch)
    small_rows, _ = await _rows_rendered_per_keystroke(small, monkeypatch)
    assert 0 < big_rows <= 2 * height  # at most a repaint or two of the visible rows
    assert big_rows <= max(small_rows, height) * 2  # no growth with 100× the quotations


async def test_a_jump_styles_only_the_article_lines_on_screen(big, monkeypatch):
    calls = _count_calls(monkeypatch, ArticleView, "_render_wrapped_line")
    app = CloseReadApp(analysis=big)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        article = screen.query_one(ArticleView)
        height = article.scrollable_content_region.height
        assert len(article.wrapped) > 5000
        for target in (4900, 10, 2500):
            calls[0] = 0
            screen.jump(big.quotes[target].id)
            await pilot.pause()
            assert 0 < calls[0] <= 2 * height
            line = article.wrapped.line_of(big.quotes[target].start)
            top, bottom = article.visible_line_range()
            assert top <= line < bottom


async def test_the_number_of_widgets_does_not_grow_with_the_quotations(big, small):
    counts = []
    for analysis in (small, big):
        app = CloseReadApp(analysis=analysis)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = main(app)
            counts.append(len(list(screen.walk_children())))
    assert counts[0] == counts[1]


async def test_a_resize_rewraps_the_large_article_and_keeps_the_place(big):
    app = CloseReadApp(analysis=big)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        article = screen.query_one(ArticleView)
        screen.jump(big.quotes[4900].id)
        await pilot.pause()
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert article.wrapped.width == article.wrap_width < article.scrollable_content_region.width
        top, bottom = article.visible_line_range()
        assert top <= article.wrapped.line_of(big.quotes[4900].start) < bottom + 30


async def test_a_jump_draws_only_the_detail_lines_on_screen_and_lays_nothing_out(big, monkeypatch):
    """The detail pane is virtual too: a new selection styles the lines in view, and the
    pane's size does not depend on its content, so the screen is not laid out again."""
    from textual.screen import Screen

    from tui.app.widgets import DetailPane

    rendered = _count_calls(monkeypatch, DetailPane, "_render")
    layouts = _count_calls(monkeypatch, Screen, "_refresh_layout")
    app = CloseReadApp(analysis=big)
    async with app.run_test(size=(120, 12)) as pilot:  # every quotation's details overflow
        await pilot.pause()
        screen = main(app)
        detail = screen.query_one(DetailPane)
        height = detail.scrollable_content_region.height
        for target in (4900, 10, 2500):
            rendered[0] = layouts[0] = 0
            quote_id = big.quotes[target].id
            screen.jump(quote_id)
            await pilot.pause()
            assert detail.selected == quote_id and detail.line_count > height
            assert f"Sentence number {target} about" in detail.description
            assert 0 < rendered[0] <= height
            assert layouts[0] == 0


async def test_the_open_document_is_kept_out_of_the_cycle_collectors_walks(big):
    """Once the document is on screen its objects are frozen (``gc.freeze``), so a full
    collection no longer walks a novel's records (a stall of a tenth of a second); they are
    handed back to the collector when the reader exits. While it starts, the collector
    runs rarely (it took a fifth of the start-up)."""
    import gc

    from tui.app import heap

    thresholds = gc.get_threshold()
    app = CloseReadApp(analysis=big)
    assert gc.get_threshold()[0] == heap.START_UP_THRESHOLD  # few collections while starting
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        tracked = {id(o) for o in gc.get_objects()}
        assert id(big.quotes[0]) not in tracked and id(big) not in tracked
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == thresholds  # the usual pace once the document is shown
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds


def test_the_first_screen_does_not_import_the_dialogs_the_export_or_the_palette():
    """They are imported when first used (a dialog opens, an export runs, the palette opens),
    so the start-up does not pay for them."""
    import subprocess
    import sys

    code = (
        "import sys, tui.app, tui.app.screens.main\n"
        "late = ['tui.app.screens.modals', 'tui.app.export', 'tui.app.provider']\n"
        "print([name for name in late if name in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_a_step_to_the_next_quotation_draws_only_the_rows_and_lines_that_change(big, monkeypatch):
    """j moves the cursor one row: the list draws the row left and the row reached, the
    article the lines of the two quotations (when neither view has to scroll)."""
    list_lines = _count_calls(monkeypatch, QuoteList, "render_line")
    article_lines = _count_calls(monkeypatch, ArticleView, "render_line")
    app = CloseReadApp(analysis=big)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        quote_list, article = screen.query_one(QuoteList), screen.query_one(ArticleView)
        for expected in ("q2", "q3", "q4"):
            list_lines[0] = article_lines[0] = 0
            top, article_top = quote_list.scroll_y, article.scroll_y
            await pilot.press("j")
            await pilot.pause()
            assert screen.selected == expected
            assert quote_list.scroll_y == top and article.scroll_y == article_top
            assert list_lines[0] == 2
            assert 0 < article_lines[0] <= 4  # each quotation takes a line or two here
        assert quote_list.cursor_row == 3 and "Name3" in quote_list.render_line(3).text
