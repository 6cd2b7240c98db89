"""The virtual views stay fast on a novel-sized document (5,000 quotations, ~0.7 MB)."""

from __future__ import annotations

import statistics
import time

import pytest
from app_builders import big_analysis
from app_helpers import main

from tui.app import CloseReadApp
from tui.app.widgets import ArticleView, QuoteList


@pytest.fixture(scope="module")
def big():
    return big_analysis(5000)


def _render_all(widget) -> None:
    widget._cache.clear()
    for y in range(widget.scrollable_content_region.height):
        widget.render_line(y)


async def test_refiltering_5000_quotes_takes_under_30_ms_per_keystroke(big):
    app = CloseReadApp(analysis=big)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        quote_list = screen.query_one(QuoteList)
        assert len(screen.shown) == 5000
        timings = []
        typed = ""
        for char in "topic1 bracket2":
            typed += char
            start = time.perf_counter()
            screen.filter_text = typed  # what Input.Changed does
            _render_all(quote_list)
            timings.append(time.perf_counter() - start)
        assert 0 < len(screen.shown) < 5000
        assert all("topic1" in big.quotes[p].text for p in screen.shown)
        print("filter timings ms", [round(t * 1000, 1) for t in timings])
        assert statistics.median(timings) < 0.030, timings
        assert max(timings) < 0.100, timings


async def test_article_of_a_large_document_renders_and_rewraps_quickly(big):
    app = CloseReadApp(analysis=big)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        article = screen.query_one(ArticleView)
        assert len(article.wrapped) > 5000
        # Jump to a quotation near the end: the article scrolls there and renders fast.
        start = time.perf_counter()
        screen.jump(big.quotes[4900].id)
        _render_all(article)
        assert time.perf_counter() - start < 0.1
        line = article.wrapped.line_of(big.quotes[4900].start)
        top, bottom = article.visible_line_range()
        assert top <= line < bottom
        # A resize rewraps the whole text without blocking the UI for long.
        start = time.perf_counter()
        await pilot.resize_terminal(90, 30)
        elapsed = time.perf_counter() - start
        assert article.wrapped.width == article.wrap_width < article.scrollable_content_region.width
        assert elapsed < 1.0
        top, bottom = article.visible_line_range()
        assert top <= article.wrapped.line_of(big.quotes[4900].start) < bottom + 30
