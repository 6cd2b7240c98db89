"""closeread's analysis engine: pure Python over NLTK, never imports Textual.

>>> from tui.analysis import analyze
>>> a = analyze('“We will win,” she said.')
"""

from .model import Analysis, Link, Mention, Paragraph, Quote, Sentence, Span, Speaker
from .pipeline import analyze

__all__ = ["Analysis", "Link", "Mention", "Paragraph", "Quote", "Sentence", "Span", "Speaker", "analyze"]
