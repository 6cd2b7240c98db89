"""Markdown and HTML to plain text, with the standard library only.

Both converters return paragraphs separated by one blank line (``"\\n\\n"``), each paragraph
on one line (soft-wrapped lines are joined with a space), and no trailing newline, which is
the shape of closeread's plain-text documents. The analysis offsets are offsets into the
returned text.

* :func:`markdown_to_text` keeps headings, paragraphs, list items, block quotes and table
  rows as paragraphs; it removes the markup (``#``, emphasis, links' targets, images, HTML
  tags, reference definitions, front matter, horizontal rules) and keeps the words.
* :func:`html_to_text` finds the article (``<main>``/``<article>``, else ``<body>``) and
  returns its title and body text without scripts, styles, navigation, header/footer,
  asides, forms, figures and comment/share/related/advert sections. It uses
  :mod:`html.parser`, so it tolerates the broken markup of saved web pages.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["HtmlPage", "html_to_text", "markdown_to_text"]

# == Markdown =========================================================================

# ASCII white space only: a no-break space (U+00A0) is part of the text and is kept.
_SPACE = " \t\n\r\f\v"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_REF_DEF = re.compile(
    r"^ {0,3}\[[^\]]+\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$"
)
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLANK_RUN = re.compile(r"\n{3,}")

_ESCAPABLE = r"!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"
_ESCAPE = re.compile(r"\\([" + _ESCAPABLE + r"])")
_PLACEHOLDER_BASE = 0xF0000  # Supplementary Private Use Area-A: stands in for escaped marks
_PLACEHOLDER = re.compile("[\U000f0000-\U000f007f]")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?[^)\s>]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+)>")
_INLINE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Emphasis: the bodies cannot run across the next delimiter, which keeps these linear.
_STRONG_STAR = re.compile(r"\*\*(?=[^\s*])((?:[^*]|\*(?!\*))+?)(?<=[^\s*])\*\*")
_STRONG_UNDER = re.compile(r"(?<![\w\\])__(?=[^\s_])((?:[^_]|_(?!_))+?)(?<=[^\s_])__(?!\w)")
_STRIKE = re.compile(r"~~(?=[^\s~])([^~]+?)(?<=[^\s~])~~")
_EM_STAR = re.compile(r"\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*")
_EM_UNDER = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?!\w)")


def markdown_to_text(markdown: str) -> str:
    """The words of a Markdown document, one paragraph per block, blank-line separated."""
    markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
    markdown = _HTML_COMMENT.sub("", markdown)
    lines = markdown.split("\n")
    start = _front_matter_end(lines)
    blocks: list[str] = []
    paragraph: list[str] = []
    code: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if paragraph:
            blocks.append(_inline(" ".join(paragraph)))
            paragraph.clear()

    for raw in lines[start:]:
        if fence is not None:
            stripped = raw.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                blocks.append(_verbatim("\n".join(code)))
                code.clear()
                fence = None
            else:
                code.append(raw.rstrip())
            continue
        line = raw
        while _BLOCKQUOTE.match(line):
            line = _BLOCKQUOTE.sub("", line, count=1)
        fence_match = _FENCE.match(line)
        if fence_match:
            flush()
            fence = fence_match.group(1)
            continue
        stripped = line.strip(_SPACE)
        if not stripped:
            flush()
            continue
        if paragraph and _SETEXT.match(line):
            flush()  # the paragraph was a setext heading
            continue
        is_table_rule = bool(_TABLE_SEPARATOR.match(line)) and "|" in line and "-" in line
        if _HR.match(line) or _REF_DEF.match(line) or is_table_rule:
            flush()
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            blocks.append(_inline(atx.group(1) or ""))
            continue
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            paragraph.append(_hard_break(line[item.end() :].strip(_SPACE)))
            continue
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            flush()
            cells = [cell.strip() for cell in stripped[1:-1].split("|")]
            blocks.append(" | ".join(_inline(cell) for cell in cells if cell))
            continue
        paragraph.append(_hard_break(stripped))
    flush()
    if code:  # an unclosed fence runs to the end of the document
        blocks.append(_verbatim("\n".join(code)))
    return "\n\n".join(block for block in (b.strip(_SPACE) for b in blocks) if block)


def _verbatim(block: str) -> str:
    """Code kept line for line, but blank-line runs cut to one (paragraphs stay paragraphs)."""
    lines = [line.rstrip(_SPACE) for line in block.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


def _front_matter_end(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 200)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0


def _hard_break(line: str) -> str:
    # A trailing backslash is a hard line break; joined lines are separated by a space.
    return line[:-1].rstrip() if line.endswith("\\") and not line.endswith("\\\\") else line


def _inline(text: str) -> str:
    """Remove inline Markdown from one paragraph, keeping code spans verbatim."""
    out: list[str] = []
    pos = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_inline_plain(text[pos : match.start()]))
        out.append(match.group(2).strip() if match.group(2).strip() else match.group(2))
        pos = match.end()
    out.append(_inline_plain(text[pos:]))
    return re.sub(r"[ \t]+", " ", "".join(out)).strip(_SPACE)


def _inline_plain(text: str) -> str:
    text = _ESCAPE.sub(lambda m: chr(_PLACEHOLDER_BASE + ord(m.group(1))), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _INLINE_TAG.sub("", text)
    for pattern in (_STRONG_STAR, _STRONG_UNDER, _STRIKE, _EM_STAR, _EM_UNDER):
        text = pattern.sub(r"\1", text)
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return _PLACEHOLDER.sub(lambda m: chr(ord(m.group(0)) - _PLACEHOLDER_BASE), text)


# == HTML =============================================================================


@dataclass(frozen=True, slots=True)
class HtmlPage:
    text: str  # the title (when found) and the body text, paragraphs blank-line separated
    title: str | None


_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
# Never text of the article.
_ALWAYS_SKIP = frozenset(
    """script style noscript template svg math iframe object embed canvas head title button
    select option textarea input dialog audio video map figure picture""".split()
)
# Page furniture: skipped unless it holds most of the page (a <form> around everything).
_FURNITURE = frozenset("nav header footer aside form menu".split())
_JUNK_ROLES = frozenset(
    "navigation banner contentinfo complementary search form menu menubar dialog alertdialog"
    " tooltip".split()
)
_JUNK_TOKENS = frozenset(
    """comment comments commentlist disqus respond replies nav navbar navigation menu sidebar
    footer header masthead share sharing sharebar social related recommended recirculation
    advert advertisement adverts ad ads adslot sponsor sponsored promo newsletter subscribe
    subscription signup cookie cookies consent gdpr breadcrumb breadcrumbs popup modal banner
    outbrain taboola paywall tags toolbar skip byline dateline meta caption credit""".split()
)
_JUNK_CLASSES = frozenset(
    "sr-only visually-hidden visuallyhidden screen-reader-text hidden hide d-none".split()
)
_BLOCK = frozenset(
    """p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table
    thead tbody tfoot tr hr br address figcaption details summary caption center hgroup body
    html header footer nav aside form fieldset legend""".split()
)
_CELL = frozenset(("td", "th"))
# Opening one of these closes an open <p> (HTML's implied end tags, simplified).
_CLOSES_P = _BLOCK - {"br", "body", "html"}
_WS = re.compile(r"[ \t\n\r\f]+")  # HTML white space; \xa0 (&nbsp;) is kept
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent", "size")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []
        self.parent = parent
        self.size = 0


class _TreeBuilder(HTMLParser):
    """A forgiving DOM builder: unknown end tags are ignored, open ones closed as needed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document", {}, None)
        self.stack: list[_Node] = [self.root]
        self.open = Counter[str]()

    def _push(self, node: _Node) -> None:
        self.stack.append(node)
        self.open[node.tag] += 1

    def _pop_to(self, tag: str) -> None:
        while len(self.stack) > 1:
            node = self.stack.pop()
            self.open[node.tag] -= 1
            if node.tag == tag:
                return

    def _implied_close(self, tag: str) -> None:
        top = self.stack[-1].tag
        if tag in _CLOSES_P and top == "p":
            self._pop_to("p")
        elif tag == "li" and self.open["li"]:
            self._close_within("li", ("ul", "ol", "menu"))
        elif tag in ("dt", "dd"):
            for name in ("dt", "dd"):
                if self.open[name]:
                    self._close_within(name, ("dl",))
        elif tag == "tr" and self.open["tr"]:
            self._close_within("tr", ("table", "thead", "tbody", "tfoot"))
        elif tag in _CELL:
            for name in _CELL:
                if self.open[name]:
                    self._close_within(name, ("tr", "table"))
        elif tag == "option" and top == "option":
            self._pop_to("option")

    def _close_within(self, tag: str, boundaries: tuple[str, ...]) -> None:
        for node in reversed(self.stack):
            if node.tag == tag:
                self._pop_to(tag)
                return
            if node.tag in boundaries:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        self._implied_close(tag)
        parent = self.stack[-1]
        node = _Node(tag, {k.lower(): (v or "") for k, v in attrs}, parent)
        parent.children.append(node)
        if tag not in _VOID:
            self._push(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        self._implied_close(tag)
        parent = self.stack[-1]
        parent.children.append(_Node(tag, {k.lower(): (v or "") for k, v in attrs}, parent))

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if self.open[tag] > 0:
            self._pop_to(tag)
        elif tag in ("p", "br"):  # a stray </p> or </br> still breaks the line
            self.stack[-1].children.append(_Node("br", {}, self.stack[-1]))

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _iter_nodes(node: _Node):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(child for child in reversed(current.children) if isinstance(child, _Node))


def _compute_sizes(root: _Node) -> None:
    """Give each element the number of non-space characters of its visible text."""
    order = list(_iter_nodes(root))
    for node in reversed(order):  # children before parents
        if node.tag in _ALWAYS_SKIP:
            node.size = 0
            continue
        total = 0
        for child in node.children:
            if isinstance(child, str):
                total += len(child) - child.count(" ") - child.count("\n") - child.count("\t")
            else:
                total += child.size
        node.size = total


def _first(root: _Node, predicate) -> _Node | None:
    for node in _iter_nodes(root):
        if predicate(node):
            return node
    return None


def _inside(node: _Node, tags: frozenset[str] | set[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _choose_scope(root: _Node) -> _Node:
    body = _first(root, lambda n: n.tag == "body") or root
    main = _first(body, lambda n: n.tag == "main" or n.attrs.get("role") == "main")
    scope = main if main is not None and main.size * 10 >= body.size * 3 else body
    articles = [
        n
        for n in _iter_nodes(scope)
        if n.tag == "article" and not _inside(n, {"article"}) and n.size > 0
    ]
    if articles:
        best = max(articles, key=lambda n: n.size)
        if best.size * 2 >= sum(n.size for n in articles):
            scope = best
    return scope


def _is_junk(node: _Node, scope_size: int) -> bool:
    if node.tag in _ALWAYS_SKIP:
        return True
    attrs = node.attrs
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return True
    style = attrs.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    small = node.size * 2 < scope_size  # never throw away most of the article
    if not small:
        return False
    if node.tag in _FURNITURE:
        return True
    if attrs.get("role", "").lower() in _JUNK_ROLES:
        return True
    classes = attrs.get("class", "").lower().split()
    if any(name in _JUNK_CLASSES for name in classes):
        return True
    words = " ".join(classes) + " " + attrs.get("id", "").lower()
    return any(token in _JUNK_TOKENS for token in _TOKEN_SPLIT.split(words) if token)


def _paragraphs(scope: _Node) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraph = _WS.sub(" ", "".join(current)).strip(_SPACE)
            if paragraph:
                paragraphs.append(paragraph)
            current.clear()

    # An explicit stack of (node, closing) events keeps deep documents off the C stack.
    work: list[tuple[_Node | str, bool]] = [(scope, False)]
    scope_size = scope.size
    while work:
        item, closing = work.pop()
        if isinstance(item, str):
            current.append(item)
            continue
        if closing:
            if item.tag in _BLOCK:
                flush()
            elif item.tag in _CELL:
                current.append(" ")
            continue
        if item is not scope and _is_junk(item, scope_size):
            if item.tag in _BLOCK or item.tag in _FURNITURE:
                flush()
            else:
                current.append(" ")
            continue
        if item.tag == "pre":
            flush()
            block = _verbatim(_text_of(item)).strip(_SPACE)
            if block:
                paragraphs.append(block)
            continue
        if item.tag in _BLOCK:
            flush()
        elif item.tag in _CELL:
            current.append(" ")
        work.append((item, True))
        for child in reversed(item.children):
            work.append((child, False))
    flush()
    return paragraphs


def _text_of(node: _Node) -> str:
    parts: list[str] = []
    work: list[_Node | str] = list(reversed(node.children))
    while work:
        item = work.pop()
        if isinstance(item, str):
            parts.append(item)
        elif item.tag == "br":
            parts.append("\n")
        elif item.tag not in _ALWAYS_SKIP:
            work.extend(reversed(item.children))
    return "".join(parts)


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip(_SPACE)


def _find_title(root: _Node, scope: _Node) -> str | None:
    for where in (scope, root):
        h1 = _first(where, lambda n: n.tag == "h1" and not _inside(n, _ALWAYS_SKIP))
        if h1 is not None and _clean(_text_of(h1)):
            return _clean(_text_of(h1))
    for node in _iter_nodes(root):
        if node.tag == "meta" and node.attrs.get(
            "property", node.attrs.get("name", "")
        ).lower() in (
            "og:title",
            "twitter:title",
        ):
            content = _clean(node.attrs.get("content", ""))
            if content:
                return content
    title = _first(root, lambda n: n.tag == "title")
    if title is not None and _clean(_text_of(title)):
        return _clean(_text_of(title))
    return None


_CONDITIONAL_COMMENT = re.compile(r"<!\[(?!CDATA\[)[^\]<>]*\]>")
_BAD_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[|doctype)", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]*>")


def _parse(markup: str) -> _Node:
    """Build the tree; :mod:`html.parser` raises on a few malformed declarations (``<![>``),
    so retry with them defused, and as a last resort keep the text between the tags."""
    defused = _BAD_DECLARATION.sub("&lt;!", _CONDITIONAL_COMMENT.sub("", markup))
    for attempt in (markup, defused):
        builder = _TreeBuilder()
        try:
            builder.feed(attempt)
            builder.close()
        except (AssertionError, ValueError, IndexError, TypeError):
            continue
        return builder.root
    builder = _TreeBuilder()
    builder.handle_data(html.unescape(_ANY_TAG.sub(" ", markup)))
    return builder.root


def html_to_text(markup: str) -> HtmlPage:
    """The article of an HTML page: its title, then its body paragraphs."""
    root = _parse(markup)
    _compute_sizes(root)
    scope = _choose_scope(root)
    paragraphs = _paragraphs(scope)
    title = _find_title(root, scope)
    if title and title not in paragraphs:
        paragraphs.insert(0, title)
    return HtmlPage(text="\n\n".join(paragraphs), title=title)
