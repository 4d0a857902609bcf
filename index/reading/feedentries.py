"""Feed entries as articles, and the names articles from the web are known by.

Shared by the fetcher (``feeds``), which reads an entry's page and falls back to the entry,
and the file readers, which read a feed saved to disk from its entries alone.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from html import unescape
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import lxml.etree
import lxml.html

from newsbot.index.articles import Article
from newsbot.index.reading.cleaning import clean_paragraphs, split_paragraphs
from newsbot.index.reading.dates import implausible_published, parse_published, utc_in_wib

_ID_LENGTH = 16
_TRACKING = ("utm_",)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def is_web_address(text: str) -> bool:
    """Whether ``text`` is one http(s) address with a host (any case: ``HTTPS://A.ID/x``);
    a feed's ``javascript:`` or relative link, a bare host, a path or two addresses
    run together with a space are not."""
    address = text.strip()
    try:
        parts = urlsplit(address)
    except ValueError:  # an unbalanced "[" in the host
        return False
    return (
        parts.scheme.lower() in ("http", "https")
        and bool(parts.hostname)
        and not any(c.isspace() for c in address)
    )


def canonical_url(url: str) -> str:
    """``url`` without its fragment and ``utm_*`` parameters, scheme and host lower-cased."""
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    ]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    )


def article_id(url: str) -> str:
    """An article's id: a short hash of its canonical URL, the same on every run."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:_ID_LENGTH]


_FEED_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b",
    re.DOTALL,
)


def looks_like_feed(body: bytes) -> bool:
    """Tell whether a response body is an RSS or Atom document, whatever it was served as."""
    return _FEED_ROOT.match(body[:4096]) is not None


#: What a feed's title adds to its outlet's name: a section after a separator ("Kompas.com -
#: Nasional", "CNN Indonesia | Ekonomi", "ANTARA News » Terkini") and the word for the
#: format ("Republika Online RSS Feed", "RSS Tempo.co").
_FEED_SECTION = re.compile(r"(?:\s+[-|\u2013\u2014\u00bb]|\s*::?)\s+.*$")
_FEED_WORDS = re.compile(
    r"(?i)^(?:rss|atom)(?:\s+feed)?\s+|\s+(?:rss|atom)(?:\s+feeds?)?$|\s+feeds?$"
)


def feed_outlet(title: object) -> str | None:
    """The outlet a feed's ``title`` names, for the entries whose page names none: the
    title without a section after a separator or the format's name ("Berita Kita -
    Terkini" is Berita Kita, as its pages' ``og:site_name`` says), so that one outlet's
    articles carry one name whichever way they were read; None for no title."""
    if not isinstance(title, str) or not title.strip():
        return None
    name = " ".join(title.split())
    name = _FEED_WORDS.sub("", _FEED_SECTION.sub("", name)).strip()
    return name or " ".join(title.split())


def entry_article(entry: Mapping[str, Any], feed_title: str | None) -> Article | None:
    """An article made of a feed entry's own headline, summary and date."""
    text = entry_text(entry)
    body = clean_paragraphs(split_paragraphs(text)) if text else None
    title = entry_title(entry)
    if body is None or not body.paragraphs or not title:
        return None
    url = canonical_url(entry["link"])
    return Article(
        id=article_id(url),
        title=title,
        paragraphs=body.paragraphs,
        path=url,
        source=feed_title,
        published=entry_date(entry),
        url=url,
        editor=body.editor,
        origin=body.origin,
    )


def entry_text(entry: Mapping[str, Any]) -> str:
    """A feed entry's own text, paragraphs apart: its full content, else its summary (both
    HTML fragments in feeds; "" when it has neither)."""
    summary = entry.get("summary") or ""
    contents = entry.get("content") or []
    if contents and isinstance(contents[0], Mapping):
        summary = contents[0].get("value") or summary
    return html_text(str(summary))


def entry_title(entry: Mapping[str, Any]) -> str:
    """A feed entry's headline on one line, as text ("" when it has none)."""
    # feedparser decodes the XML's entities once; a feed that escaped its titles twice
    # ("BBM &amp;amp; Listrik") leaves "&amp;" behind.
    title = unescape(str(entry.get("title") or ""))
    if _TAG.search(title):  # an Atom title of type "html": "Harga <b>BBM</b> Turun"
        title = html_text(title)
    return " ".join(title.split())


def entry_date(entry: Mapping[str, Any]) -> str | None:
    """The entry's date as the feed wrote it, offset kept (``+0700`` stays +07:00); a date
    in UTC (``GMT``, ``Z``, or one only feedparser could read) is given in WIB, where the
    outlets publish, so a story of 03:25 WIB written as 20:25 GMT the day before is dated by
    its Indonesian day. A date in the future or before 1900 (``implausible_published``) is
    none."""
    found: str | None = None
    for key in ("published", "updated"):
        raw = entry.get(key)
        found = parse_published(raw) if isinstance(raw, str) else None
        if found is not None:
            break
    if found is None:
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if not isinstance(stamp, time.struct_time):
            return None
        found = datetime.fromtimestamp(calendar.timegm(stamp), UTC).isoformat()
    found = utc_in_wib(found)
    return None if implausible_published(found) else found


def html_text(html: str) -> str:
    """The text of a (sanitised) HTML fragment, one paragraph per block."""
    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n\n" + (block.tail or "")
    return str(root.text_content()).strip()
