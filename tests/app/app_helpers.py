"""Small helpers for Pilot tests of the reader."""

from __future__ import annotations

from tui.app import CloseReadApp
from tui.app.screens.main import MainScreen
from tui.app.widgets import ArticleView, DetailPane, QuoteList


def main(app: CloseReadApp) -> MainScreen:
    screen = app.main_screen
    assert screen is not None
    return screen


def list_lines(app: CloseReadApp) -> list[str]:
    quote_list = main(app).query_one(QuoteList)
    height = quote_list.scrollable_content_region.height
    return [quote_list.render_line(y).text.rstrip() for y in range(height)]


def article_lines(app: CloseReadApp) -> list[str]:
    article = main(app).query_one(ArticleView)
    height = article.scrollable_content_region.height
    return [article.render_line(y).text.rstrip() for y in range(height)]


def article_shows(app: CloseReadApp, quote_id: str) -> bool:
    """Whether the line with the opening mark of ``quote_id`` is on screen in the article."""
    screen = main(app)
    article = screen.query_one(ArticleView)
    quote = screen.analysis.quote(quote_id)
    line = article.wrapped.line_of(quote.start)
    top, bottom = article.visible_line_range()
    return top <= line < bottom


def detail_text(app: CloseReadApp) -> str:
    """The description in the detail pane (quotation, speaker, attribution, context)."""
    return main(app).query_one(DetailPane).description


def detail_lines(app: CloseReadApp) -> list[str]:
    """The lines the detail pane shows."""
    detail = main(app).query_one(DetailPane)
    height = detail.scrollable_content_region.height
    return [detail.render_line(y).text.rstrip() for y in range(height)]


def xref_ids(app: CloseReadApp) -> list[str]:
    return [xref.other for xref in main(app).query_one(DetailPane).xrefs]


def message_shown(app: CloseReadApp) -> bool:
    """Whether the message screen is up *and composed* (pushing it makes it the screen at
    once; its text and button are mounted a moment later)."""
    from tui.app.screens.modals import MessageScreen

    return isinstance(app.screen, MessageScreen) and bool(app.screen.query("#message-text"))
