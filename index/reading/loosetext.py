"""Story text written loose between blocks, as older detik-style pages print it: paragraphs
as bare text separated by ``<br><br>``, with an advert box (a ``<div>`` holding ``<div>``s)
or a related-story table between them; pure functions, no I/O.

trafilatura drops the text that follows such a nested block (the block's "tail" in lxml's
terms), so the story's paragraphs after the first advert were lost. Each such tail is
moved into a ``<p>`` of its own, where trafilatura reads it.
"""

from __future__ import annotations

import lxml.etree
import lxml.html

_BLOCKS = frozenset(
    {"div", "table", "ul", "ol", "figure", "section", "aside", "blockquote", "dl", "form"}
)


def loose_text_tree(html: str) -> lxml.html.HtmlElement | None:
    """The page parsed, each story text that follows a nested block wrapped in a ``<p>``;
    None when the page has no such text (it is then read as it is)."""
    try:
        root = lxml.html.fromstring(html.encode("utf-8"), parser=_parser())
    except (ValueError, lxml.etree.ParserError):
        return None
    loose = [
        element
        for element in root.iter(*_BLOCKS)
        if (element.tail or "").strip() and _holds_block(element)
    ]
    if not loose:
        return None
    for element in loose:
        paragraph = lxml.html.Element("p")
        paragraph.text, element.tail = element.tail, None
        # The text runs on to the next block or break: take the inline elements with it.
        following = element.getnext()
        while following is not None and following.tag not in (*_BLOCKS, "br", "p"):
            after = following.getnext()
            paragraph.append(following)
            following = after
        element.addnext(paragraph)
    return root


def _holds_block(element: lxml.html.HtmlElement) -> bool:
    return any(child.tag in _BLOCKS for child in element.iterdescendants())


def _parser() -> lxml.html.HTMLParser:
    """trafilatura's own parser settings."""
    return lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
        remove_pis=True,
    )  # fmt: skip
