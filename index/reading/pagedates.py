"""What a web page prints about its article outside the text trafilatura extracts: the
publication date in the outlet's own time zone (from JSON-LD, ``<meta>``, ``<time>`` and the
date line printed under the headline) and the byline; pure functions, no I/O.

htmldate (through trafilatura) finds a date on almost any page but drops what matters
here: the printed zone ("06:45 WIB") and often the time. The candidates are ranked by
what they keep: a time with a local offset first, then a time with any offset, then a
time alone, then a date; among equals the structured ones (JSON-LD, then ``<meta>``) come
first. So a page whose ``<meta>`` gives the UTC instant and which prints "06:45 WIB" is
dated 06:45+07:00, never by its UTC day; a page giving only the UTC instant is dated by
it in WIB.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import lxml.html

from newsbot.index.reading.bylines import Header, read_header
from newsbot.index.reading.dates import (
    is_date_line,
    is_relative_time_line,
    parse_published,
    resolve_relative,
    utc_in_wib,
)
from newsbot.index.reading.jsonld import jsonld_objects

_META_NAMES = frozenset(
    {
        "article:published_time", "og:published_time", "published_time", "publish-date",
        "publishdate", "pubdate", "publish_date", "date", "dc.date.issued", "dc.date",
        "dtk:publishdate", "content_publisheddate", "parsely-pub-date", "sailthru.date",
        "datepublished", "article.published", "cxenseparse:recs:publishtime",
    }
)  # fmt: skip
_JSONLD_KEYS = ("datePublished", "dateCreated")
_DATE_CLASS = re.compile(r"date|time|tanggal|publish|waktu|tgl", re.IGNORECASE)
_BYLINE_CLASS = re.compile(r"author|byline|credit|penulis|reporter|writer", re.IGNORECASE)
_MAX_BYLINE_TEXT = 160
_MAX_DATE_TEXT = 90
# The article body starts at the first paragraph this long; a printed date after it
# belongs to a related story or a comment, not to the article.
_BODY_CHARS = 120
_OFFSET = re.compile(r"[+-]\d{2}:\d{2}$")


def page_published(html: str, fetched_at: datetime | None = None) -> str | None:
    """Return the page's publication date as ISO 8601 in the outlet's offset, or None.

    ``fetched_at`` (aware) resolves a printed relative time ("2 jam yang lalu"), used only
    when the page gives no date otherwise.
    """
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    found = [*_structured(root), *_printed(root)]
    if not found:
        return _relative(root, fetched_at) if fetched_at else None
    best = most_precise(*found)
    # Only the UTC instant is given (a <meta> written by the server): the outlet's day is
    # WIB's, so "2022-01-03T20:25Z" is 4 January, 03:25 WIB.
    return utc_in_wib(best) if best is not None else None


def page_byline(html: str) -> Header:
    """The author and editor a page prints above the story, in an element classed as a
    byline ("author", "byline", "credit", "penulis"): ``Penulis: A | Editor: B``,
    ``A - detikNews``. Empty when it prints none."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return Header()
    for element in _before_body(root):
        if not _BYLINE_CLASS.search(element.get("class") or ""):
            continue
        text = " ".join(element.text_content().split())
        if text and len(text) <= _MAX_BYLINE_TEXT:
            header, rest = read_header([text])
            if not rest and (header.author or header.editor):
                return Header(author=header.author, editor=header.editor)
    return Header()


def most_precise(*values: str | None) -> str | None:
    """The date among ``values`` that keeps most of the moment (see the module's note);
    the first among equals; None when all are None."""
    given = [v for v in values if v]
    if not given:
        return None
    return max(enumerate(given), key=lambda pair: (_rank(pair[1]), -pair[0]))[1]


def _rank(value: str) -> tuple[int, int, int]:
    """How much of the outlet's moment a date keeps: a time, an offset, a local offset."""
    has_time = "T" in value
    offset = _OFFSET.search(value)
    local = bool(offset) and offset is not None and offset.group() != "+00:00"
    return has_time, local, bool(offset)


def _structured(root: lxml.html.HtmlElement) -> Iterator[str]:
    for item in jsonld_objects(root):
        for key in _JSONLD_KEYS:
            value = item.get(key)
            found = parse_published(value) if isinstance(value, str) else None
            if found:
                yield found
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if name in _META_NAMES and content:
            found = parse_published(content)
            if found:
                yield found


def _printed(root: lxml.html.HtmlElement) -> Iterator[str]:
    """Dates printed near the headline: ``<time>`` and date-classed elements before the
    article's first long paragraph."""
    for element in _before_body(root):
        if element.tag == "time" and element.get("datetime"):
            found = parse_published(element.get("datetime") or "")
            if found:
                yield found
        if element.tag == "time" or _DATE_CLASS.search(element.get("class") or ""):
            text = " ".join(element.text_content().split())
            if text and len(text) <= _MAX_DATE_TEXT and is_date_line(text):
                found = parse_published(text)
                if found:
                    yield found


def _relative(root: lxml.html.HtmlElement, fetched_at: datetime) -> str | None:
    for element in _before_body(root):
        if element.tag == "time" or _DATE_CLASS.search(element.get("class") or ""):
            text = " ".join(element.text_content().split())
            if text and is_relative_time_line(text):
                return resolve_relative(text, fetched_at)
    return None


def _before_body(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    body = root.find("body")
    for element in (body if body is not None else root).iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if element.tag == "p" and len(element.text_content().strip()) >= _BODY_CHARS:
            return
        yield element
