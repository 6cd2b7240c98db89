"""Markdown and HTML to plain text, on small pages written for these tests."""

from __future__ import annotations

import html
import textwrap

import pytest

from tui.analysis.formats import html_to_text, markdown_to_text
from tui.resources import sample_path


def sample_text() -> str:
    with open(sample_path(), encoding="utf-8") as handle:
        return handle.read()


# -- Markdown -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Title\n\nBody.", "Title\n\nBody."),
        ("## Closed heading ##\ntext", "Closed heading\n\ntext"),
        ("Setext\n======\n\nSub\n---\nBody", "Setext\n\nSub\n\nBody"),
        ("one\ntwo\nthree", "one two three"),
        ("*em* **strong** _u_ __uu__ ~~gone~~", "em strong u uu gone"),
        ("snake_case_name and 5 * 3 * 2", "snake_case_name and 5 * 3 * 2"),
        ('a [link](http://x.org "T") and ![img](p.png) here', "a link and here"),
        ("see [the docs][ref] now\n\n[ref]: http://x.org", "see the docs now"),
        ("mail <me@example.org> or <https://x.org/a>", "mail me@example.org or https://x.org/a"),
        ("`*code*` stays", "*code* stays"),
        ("\\*not em\\* and \\_", "*not em* and _"),
        ("AT&T &amp; &ldquo;ok&rdquo; &paragraph", "AT&T & “ok” &paragraph"),
        ("> “Quoted,” she said.\n> More.", "“Quoted,” she said. More."),
        ("- one\n- **two**\n  continued\n1. three", "one\n\ntwo continued\n\nthree"),
        ("- [x] done\n- [ ] todo", "done\n\ntodo"),
        ("| a | b |\n|---|:-:|\n| 1 | 2 |", "a | b\n\n1 | 2"),
        ("text\n\n---\n\nmore", "text\n\nmore"),
        ("---\ntitle: x\n---\n# Real", "Real"),
        ('```py\nprint("hi")\n\nx = 1\n```\nafter', 'print("hi")\n\nx = 1\n\nafter'),
        ("<!-- hidden\ncomment -->\nvisible <b>bold</b>", "visible bold"),
        ("line one\\\nline two", "line one line two"),
        ("a footnote[^1] here", "a footnote here"),
        ("", ""),
        ("   \n\n\t\n", ""),
    ],
)
def test_markdown_cases(markdown, expected):
    assert markdown_to_text(markdown) == expected


def test_markdown_keeps_quote_marks_and_apostrophes():
    source = '‘Single’ and "straight" and don\'t and «guillemets» and „low“.'
    assert markdown_to_text(source) == source


def test_markdown_unclosed_fence_keeps_its_text():
    assert markdown_to_text("```\nstill here") == "still here"


def test_markdown_many_asterisks_is_fast_and_total():
    text = "*a " * 20000
    out = markdown_to_text(text)
    assert out.count("a") == 20000


def test_markdown_version_of_the_sample_gives_the_sample():
    text = sample_text()
    paragraphs = text.split("\n\n")
    parts = ["# " + paragraphs[0]]
    for paragraph in paragraphs[1:]:
        parts.append(textwrap.fill(paragraph, 72, break_long_words=False, break_on_hyphens=False))
    assert markdown_to_text("\n\n".join(parts) + "\n") == text


# -- HTML -----------------------------------------------------------------------------

JUNK = """
<script>var s = "“script quote,” he said";</script>
<style>p::before { content: "“"; }</style>
<noscript>“Enable JavaScript,” said the site.</noscript>
"""


def news_page(title: str, paragraphs: list[str]) -> str:
    body = []
    for number, paragraph in enumerate(paragraphs):
        escaped = html.escape(paragraph, quote=False).replace("\xa0", "&nbsp;")
        if number % 3 == 1:  # curly quotes as character references, as some CMSs save them
            escaped = escaped.replace("“", "&ldquo;").replace("”", "&rdquo;")
            escaped = escaped.replace("’", "&#8217;")
        if number % 4 == 2:  # inline markup splitting words must not add spaces
            head, _, tail = escaped.partition(" ")
            escaped = f"<a href='/x'><em>{head}</em></a> {tail}"
        body.append(f"    <p>\n      {escaped}\n    </p>")
    joined = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{html.escape(title)} | The Daily Example</title>
  <meta property="og:title" content="{html.escape(title)}">
  {JUNK}
</head>
<body class="single-post has-comments">
  <a class="skip-link screen-reader-text" href="#main">Skip to content</a>
  <header class="site-header"><nav><ul><li><a>“World”</a></li><li>Politics</li></ul></nav></header>
  <div class="cookie-banner">“We use cookies,” we said.</div>
  <main id="main">
    <article>
      <header class="entry-header">
        <h1>{html.escape(title)}</h1>
        <p class="byline">By A. Writer, 22 February 2017</p>
      </header>
      <div class="share-buttons"><button>Share “this”</button></div>
{joined}
      <figure><img src="p.jpg" alt="Putin"><figcaption>“Caption quote,” Putin said.</figcaption></figure>
      <div class="tags">Tags: Russia, “Spies”</div>
    </article>
    <aside class="related"><h2>Related</h2><p>“Another story,” said someone.</p></aside>
    <section id="comments" class="comments-area">
      <h2>12 comments</h2>
      <article class="comment"><p>“Fake news!” wrote troll42.</p></article>
      <form><textarea>“Say something”</textarea><input value="Post"></form>
    </section>
  </main>
  <footer class="site-footer"><p>“© Example,” says the footer.</p></footer>
  <div hidden>“Hidden quote,” said nobody.</div>
  {JUNK}
</body>
</html>
"""


def test_saved_news_page_yields_exactly_its_text():
    text = sample_text()
    title, *paragraphs = text.split("\n\n")
    page = html_to_text(news_page(title, paragraphs))
    assert page.title == title
    assert page.text == text


def test_page_without_article_uses_body_and_drops_furniture():
    markup = """<html><head><title>Plain page</title></head><body>
    <nav>Home | About</nav>
    <div id="content"><h1>Plain page</h1><p>“One,” she said.</p><p>Two<br>Three</p></div>
    <div id="sidebar"><p>“Sidebar,” it said.</p></div>
    <footer>Footer</footer></body></html>"""
    page = html_to_text(markup)
    assert page.text == "Plain page\n\n“One,” she said.\n\nTwo\n\nThree"


def test_title_falls_back_to_og_title_then_title_element():
    with_og = "<html><head><title>T | Site</title><meta property='og:title' content='Og'></head><body><p>x</p></body></html>"
    assert html_to_text(with_og).title == "Og"
    assert html_to_text(with_og).text == "Og\n\nx"
    only_title = "<html><head><title>Just T</title></head><body><p>x</p></body></html>"
    assert html_to_text(only_title).text == "Just T\n\nx"


def test_no_title_at_all():
    page = html_to_text("<p>Only “words”.</p>")
    assert page.title is None
    assert page.text == "Only “words”."


def test_form_wrapping_the_whole_page_is_kept():
    markup = "<body><form id='aspnetForm'><div><p>“Kept,” he said.</p><p>Also kept.</p></div></form></body>"
    assert html_to_text(markup).text == "“Kept,” he said.\n\nAlso kept."


def test_broken_markup_is_tolerated():
    markup = "<html><body><p>One<p>Two</b></i><div>Three</span><li>four<li>five</body>"
    assert html_to_text(markup).text == "One\n\nTwo\n\nThree\n\nfour\n\nfive"


def test_table_cells_are_separated_and_pre_is_verbatim():
    markup = (
        "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table><pre>x  =  1\n  y</pre>"
    )
    assert html_to_text(markup).text == "a b\n\nc\n\nx  =  1\n  y"


def test_whitespace_and_entities():
    markup = "<p>  many\n\n   spaces&nbsp;kept&#160;nbsp &amp; &lt;tags&gt;  </p>"
    assert html_to_text(markup).text == "many spaces\xa0kept\xa0nbsp & <tags>"


def test_deeply_nested_markup_does_not_recurse():
    markup = "<div>" * 5000 + "“Deep,” she said." + "</div>" * 5000
    assert html_to_text(markup).text == "“Deep,” she said."


def test_several_teaser_articles_are_all_kept():
    markup = (
        "<body>" + "".join(f"<article><p>Story {i}.</p></article>" for i in range(3)) + "</body>"
    )
    assert html_to_text(markup).text == "Story 0.\n\nStory 1.\n\nStory 2."


@pytest.mark.parametrize(
    "markup", ["", "   ", "<html></html>", "<!-- only a comment -->", "<script>x</script>"]
)
def test_empty_pages(markup):
    page = html_to_text(markup)
    assert page.text == ""
    assert page.title is None


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # html.parser raises AssertionError on "<![>": the page must still give its text.
        ("“Hi,” she said. <![>", "“Hi,” she said. <![>"),
        ("<p>A<![if !supportLists]>·<![endif]> B <![>x</p>", "A· B <![>x"),
        ("<p>a</p\n>b", "a\n\nb"),
        ("<![CDATA[x]]>y", "y"),
        ("<?php echo 1 ?>z", "z"),
        ("<script>never closed", ""),
    ],
)
def test_malformed_declarations_never_raise(markup, expected):
    assert html_to_text(markup).text == expected


def test_blank_line_runs_in_code_become_one_paragraph_break():
    # Found by bench/fuzz.py: verbatim blocks must keep the one-blank-line shape.
    assert markdown_to_text("```\n<p>\n\n\n<p>") == "<p>\n\n<p>"
    assert html_to_text("<pre>a  \n\n\n\n b</pre>").text == "a\n\n b"
