"""Article records from data files: a JSON document, a CSV or TSV table, a feed saved to disk.

Each reader yields ``(number, record)`` pairs — a record is a dict with the fields of a JSON
Lines record (``text``, ``title``, ``published``, ``url``, ``source``, ``author``, ``id``…),
``number`` its position in the file (the record's order in a JSON array or a feed, the
line a table row starts on) — or a ``SkippedSource`` saying why a record or the whole file
cannot be read. The caller makes articles of the records (``article_from_record``), so every
format is read as a JSON Lines file is.

Field names of the common vocabularies are read as their JSON Lines equivalents
(:func:`standard_record`): schema.org's ``NewsArticle`` (``headline``, ``articleBody``,
``datePublished``), JSON Feed 1.x (``content_text``, ``content_html``, ``date_published``,
``authors``), and the ``content``/``body``/``link`` of scrapers' exports.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from newsbot.index.articles import SkippedSource
from newsbot.index.reading.feedentries import (
    article_id,
    entry_date,
    entry_text,
    entry_title,
    feed_outlet,
    html_text,
    is_web_address,
    looks_like_feed,
)

Record = dict[str, object]
Numbered = tuple[int, Record]

#: JSON Lines field -> the other vocabularies' names for it, first found wins. A record's own
#: JSON Lines field always wins over these.
FIELD_NAMES: Mapping[str, tuple[str, ...]] = {
    "text": ("content", "body", "articleBody", "content_text"),
    "title": ("headline",),
    "published": ("datePublished", "date_published", "pubDate", "published_at"),
    "url": ("link",),
    "source": ("outlet",),
}
#: JSON Feed's HTML body, read as text when no plain text is given.
_HTML_FIELDS = ("content_html",)
_JSON_FEED = "https://jsonfeed.org/version/"
_TABLE_DELIMITERS = ",;\t|"
_SNIFF_CHARS = 16384
# A table's date written with slashes, day or month first ("13/05/2021", "5/13/2021 1:05 PM").
_SLASHED_DATE = re.compile(
    r"\s*(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})(?P<rest>(?!\d).*)", re.S
)
#: The fields a record's publication date is read from.
_DATE_FIELDS = ("published", "date")
# Header names a table without a text column is told it has (the rest are "…").
_HEADER_SHOWN = 6
# Python's csv refuses fields over 128 KiB; one article's text can be longer.
_FIELD_LIMIT = 64 * 1024 * 1024
_NO_RECORDS = (
    "holds no articles: expected a JSON array of records, an object holding one, or a JSON Feed"
)


def standard_record(fields: Mapping[str, object]) -> Record:
    """``fields`` with the JSON Lines names filled from the other vocabularies' (see
    ``FIELD_NAMES``); an author given as ``{"name": …}`` or a list of them (schema.org,
    JSON Feed) becomes the names joined with "; "; JSON Feed's ``content_html`` is read as
    text when there is no other."""
    record = dict(fields)
    for name, others in FIELD_NAMES.items():
        if filled(record.get(name)):
            continue
        for other in others:
            if filled(record.get(other)):
                record[name] = record[other]
                break
    if not filled(record.get("text")):
        for name in _HTML_FIELDS:
            value = record.get(name)
            if isinstance(value, str) and value.strip():
                record["text"] = html_text(value)
                break
    author = _names(record.get("author")) or _names(record.get("authors"))
    if author:
        record["author"] = author
    return record


def json_records(text: str) -> Iterator[Numbered | SkippedSource]:
    """The records of a JSON document: an array of objects, an object holding one array of
    objects (``{"articles": [...]}``, any key), a JSON Feed (its items, the feed's title as
    their outlet), or a single article object (with a text field)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        yield SkippedSource("", f"not valid JSON ({error})")
        return
    yield from document_records(document)


def json_values(text: str) -> list[object] | None:
    """The JSON values ``text`` holds one after another, however they are spread over lines
    (a pretty-printed object, ``jq``'s output of several), or None when it is not such a
    sequence."""
    decoder = json.JSONDecoder()
    values: list[object] = []
    at = _skip_space(text, 0)
    while at < len(text):
        try:
            value, at = decoder.raw_decode(text, at)
        except json.JSONDecodeError:
            return None
        values.append(value)
        at = _skip_space(text, at)
    return values or None


def _skip_space(text: str, at: int) -> int:
    """The index of the first character of ``text`` from ``at`` that is not white space."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def document_records(document: object) -> Iterator[Numbered | SkippedSource]:
    """The records of one parsed JSON document (as :func:`json_records` reads them)."""
    items, outlet = _json_items(document)
    if items is None:
        yield SkippedSource("", _NO_RECORDS)
        return
    if not items:
        yield SkippedSource("", "no articles in it (an empty list)")
        return
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            yield SkippedSource("", "not a JSON object", number)
            continue
        record = standard_record(item)
        if outlet and not filled(record.get("source")):
            record["source"] = outlet
        yield number, record


def table_records(text: str, tab_separated: bool = False) -> Iterator[Numbered | SkippedSource]:
    """The rows of a CSV (or, ``tab_separated``, TSV) table as records, named by the header
    row (names compared without case: ``Title`` is ``title``). The delimiter of a CSV file
    is sniffed among ``, ; TAB |``. ``number`` is the line a row starts on (a quoted field
    may hold line breaks: an article's paragraphs)."""
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel_tab if tab_separated else csv.excel
    if not tab_separated:
        # One column, or too irregular to tell: commas.
        with contextlib.suppress(csv.Error):
            dialect = csv.Sniffer().sniff(text[:_SNIFF_CHARS], delimiters=_TABLE_DELIMITERS)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader, None)
    except csv.Error as error:
        yield SkippedSource("", f"not a readable table ({error})")
        return
    names = [name.strip().lstrip("\ufeff") for name in header or []]
    if not any(names):
        yield SkippedSource("", "empty table")
        return
    known = {key.casefold(): key for key in ("text", "title", "published", "date", "url")}
    for others in FIELD_NAMES.values():
        known.update({other.casefold(): other for other in others})
    keys = [known.get(name.casefold(), name.casefold()) for name in names]
    if not {"text", *FIELD_NAMES["text"], *_HTML_FIELDS} & set(keys):
        # Said once for the table, not once for each of its rows.
        yield SkippedSource("", _no_text_column(names))
        return
    start = reader.line_num + 1
    rows = 0
    read: list[Numbered | SkippedSource] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            read.append(SkippedSource("", f"not a readable row ({error})", start))
            break
        number, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if len(row) > len(keys):
            why = f"{len(row)} fields where the header names {len(keys)}"
            read.append(SkippedSource("", why, number))
            continue
        read.append((number, standard_record(dict(zip(keys, row, strict=False)))))
    _read_month_first([item[1] for item in read if not isinstance(item, SkippedSource)])
    yield from read
    if rows == 0:
        yield SkippedSource("", "no rows under the header")


def _read_month_first(records: list[dict[str, object]]) -> None:
    """Write a table's slashed dates as ISO days when the table is month first ("5/13/2021
    1:05 PM", as a spreadsheet in a US locale exports them): when one of its dates cannot
    be day first (its second number is over 12) and none can be month first. Otherwise
    they stay as they are and are read day first, as Indonesian dates are written."""
    found = [
        (record, field, match)
        for record in records
        for field in _DATE_FIELDS
        if isinstance(record.get(field), str)
        and (match := _SLASHED_DATE.match(str(record[field]))) is not None
    ]
    firsts = [int(match["first"]) for _, _, match in found]
    seconds = [int(match["second"]) for _, _, match in found]
    if not any(n > 12 for n in seconds) or any(n > 12 for n in firsts):
        return
    for record, field, match in found:
        month, day = int(match["first"]), int(match["second"])
        record[field] = f"{match['year']}-{month:02d}-{day:02d}{match['rest']}"


def _no_text_column(names: list[str]) -> str:
    """Why a table whose header names no column of article text is not read."""
    shown = ", ".join(repr(name) for name in names[:_HEADER_SHOWN] if name)
    more = ", …" if len(names) > _HEADER_SHOWN else ""
    readable = ", ".join(("text", *FIELD_NAMES["text"][:-1]))
    return (
        f"no text column: the header names {shown}{more}; the article's text is read "
        f"from a column named {readable} or {FIELD_NAMES['text'][-1]}"
    )


def saved_feed_records(data: bytes) -> Iterator[Numbered | SkippedSource]:
    """The entries of an RSS or Atom feed saved to disk, as records of their own headline,
    text (the entry's content, else its summary), link, date, author and the feed's title as
    outlet. Nothing is fetched: an entry's page is read only when the feed is fetched (a
    sources file's ``url``). An entry with a link is named by it as when fetched, so one
    story saved and fetched is one article."""
    if not looks_like_feed(data):
        yield SkippedSource("", "not an RSS/Atom feed")
        return
    # A stream, never a string: given a string, feedparser would fetch it as a URL.
    headers = {"content-type": "application/xml"}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        why = f"not a valid RSS/Atom feed ({problem})" if problem else "a feed with no entries"
        yield SkippedSource("", why)
        return
    outlet = feed_outlet(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        record: Record = {
            "title": entry_title(entry),
            "text": entry_text(entry),
            "published": entry_date(entry),
            "source": outlet,
            "author": entry.get("author"),
        }
        if isinstance(link, str) and is_web_address(link):
            record["url"] = link.strip()
            record["id"] = article_id(link)
        yield number, record


def _json_items(document: Any) -> tuple[list[Any] | None, str | None]:
    """(the article records of a parsed JSON document, the outlet they share) or (None,
    None) when it holds none."""
    if isinstance(document, list):
        return document, None
    if not isinstance(document, dict):
        return None, None
    version = document.get("version")
    if isinstance(version, str) and version.startswith(_JSON_FEED):
        items = document.get("items")
        return (items if isinstance(items, list) else []), feed_outlet(document.get("title"))
    if filled(standard_record(document).get("text")):
        return [document], None
    lists = [value for value in document.values() if _is_records(value)]
    return (lists[0], None) if len(lists) == 1 else (None, None)


def _is_records(value: object) -> bool:
    """Whether a JSON value is a non-empty array whose items are all objects."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _names(value: object) -> str | None:
    """Author names from a string, ``{"name": …}``, or a list of either; None when none."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return "; ".join(names) or None


def filled(value: object) -> bool:
    """Whether a record's field holds anything: not missing, null or blank."""
    return value is not None and not (isinstance(value, str) and not value.strip())
