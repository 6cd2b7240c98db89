"""The reading screen's panes."""

from tui.app.widgets.article import ArticleView
from tui.app.widgets.detail import DetailPane
from tui.app.widgets.quote_list import QuoteList

__all__ = ["ArticleView", "DetailPane", "QuoteList"]
