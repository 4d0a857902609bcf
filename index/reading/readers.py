"""Read news articles from text dumps, JSONL files and saved web pages."""

from __future__ import annotations

import codecs
import errno
import gzip
import hashlib
import json
import logging
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO, cast

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import use_config

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.reading.bylines import NOT_AUTHORS, is_outlet, outlet_beside
from newsbot.index.reading.cleaning import (
    clean_paragraphs,
    split_paragraphs,
    title_from_text,
    title_from_url,
    visible_text,
)
from newsbot.index.reading.dates import (
    implausible_published,
    is_date_line,
    parse_published,
    published_from_value,
    seen_from_value,
    utc_in_wib,
)
from newsbot.index.reading.documents import (
    document_records,
    filled,
    json_records,
    json_values,
    saved_feed_records,
    standard_record,
    table_records,
)
from newsbot.index.reading.encodings import NotText, decode_text
from newsbot.index.reading.feedentries import is_web_address, looks_like_feed
from newsbot.index.reading.jsonld import article_body
from newsbot.index.reading.loosetext import loose_text_tree
from newsbot.index.reading.pagedates import most_precise, page_byline, page_published
from newsbot.index.reading.pastes import MARKDOWN_HEADING, is_headline, split_pastes

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (
    ".txt",
    ".md",
    ".jsonl",
    ".html",
    ".htm",
    ".json",
    ".csv",
    ".tsv",
    ".xml",
    ".rss",
    ".atom",
)
#: Saved feeds; in a folder walk, such a file that is no feed (a sitemap, a configuration)
#: is passed over as files of other types are.
FEED_SUFFIXES = (".xml", ".rss", ".atom")

_SNIFF_BYTES = 8192
# A folder's own documents, not news: a folder walk names and skips them; a path given
# explicitly is read.
#: The start of an HTML document, whatever the file's suffix ("<!DOCTYPE html>", "<html>").
_HTML_DOCUMENT = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
#: A saved page beside its resources folder ("berita.html" and "berita_files/").
_SAVED_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".mhtml")
_FOLDER_DOCUMENTS = frozenset(
    "readme license licence copying notice changelog changes contributing authors".split()
)
_ID_LENGTH = 16
# trafilatura falls back to any text on pages without an article ("Beranda", "Masuk").
_MIN_PAGE_WORDS = 10
# htmldate fills a missing time with midnight; a bare midnight means "date only".
_MIDNIGHT = "T00:00:00"
# trafilatura falls back to a cruder extraction below 250 characters, which runs a short
# page's headline, text and pagination into one paragraph; news briefs and later pages of
# a multi-page article are often that short.
_EXTRACTION = use_config()
_EXTRACTION.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")


#: A web address given where a path goes (``Path`` has folded its "//" into "/").
_WEB_ADDRESS = re.compile(r"^(?P<scheme>https?):/+(?P<rest>.+)$", re.IGNORECASE)
#: JSONL fields that hold when a record was crawled or fetched (first match wins): an upper
#: bound on its publication time, kept as ``Article.seen``. ``id_timestamp_utc`` is
#: IndoSum's crawl time.
SEEN_FIELDS = (
    "seen",
    "first_seen",
    "crawled_at",
    "crawled",
    "fetched_at",
    "fetched",
    "retrieved_at",
    "scraped_at",
    "id_timestamp_utc",
)
#: How far past the clock a seen time may be and still be read: a crawl log that keeps
#: local time without a zone (read as UTC) runs up to 14 hours ahead of UTC.
_SEEN_AHEAD = timedelta(days=1)
_URL_GIVEN = (
    "a web address, not a file or folder: list it in the sources file "
    '(`[[sources]]` with `url = "{url}"` in newsbot.toml) or send it to the bot with /add'
)


def read_sources(paths: Iterable[Path]) -> Iterator[Article | SkippedSource]:
    """Yield every article in the given files and folders, or why a source was skipped.

    Folders are walked recursively in name order, skipping hidden entries and, silently,
    files of unsupported types. A folder's README, LICENSE and the like, an unsupported file
    named explicitly, a path that does not exist and a file that cannot be read each yield a
    SkippedSource. Articles are read one source at a time, never the whole corpus at once.
    Relative paths are taken from the current folder and recorded absolute. A file or
    folder is read once: named again (or inside a folder also named) it is passed over, and
    a link to a file already read is skipped, naming that file.
    """
    folders: set[str] = set()
    files: dict[str, str] = {}
    for given in paths:
        address = _WEB_ADDRESS.match(str(given))
        if address:  # a path collapses "https://" to "https:/"
            url = f"{address['scheme']}://{address['rest']}"
            yield SkippedSource(url, _URL_GIVEN.format(url=url))
            continue
        # Absolute, so that a citation's file is found whatever folder the question is
        # asked from (and an article's id does not depend on where `newsbot index` ran).
        path = Path(os.path.abspath(Path(given).expanduser()))
        try:
            # A file in a folder one may not search cannot even be told from a folder.
            is_folder, exists, is_file = path.is_dir(), path.exists(), path.is_file()
        except OSError as error:
            yield SkippedSource(str(path), _unreachable(path, error))
            continue
        if is_folder:
            yield from _read_folder(path, folders, files)
        elif not exists:
            yield SkippedSource(str(path), _missing(path))
        elif not is_file:
            yield SkippedSource(str(path), "not a regular file")
        elif _kind(path) not in SUPPORTED_SUFFIXES:
            kind = f"'{path.suffix}' files" if path.suffix else "files without a suffix"
            supported = ", ".join(SUPPORTED_SUFFIXES) + "; each may be gzip'd, as .gz"
            yield SkippedSource(str(path), f"cannot read {kind} (supported: {supported})")
        else:
            yield from _read_once(path, files)


def read_text_article(text: str, path: str, fetched_at: datetime | None = None) -> Article:
    """Read a plain-text dump: headline, optional byline, outlet and date lines, then the
    body (see ``clean_paragraphs``; ``fetched_at`` resolves a relative time line).

    Raises ValueError with a reason when no article text is found.
    """
    lines = [MARKDOWN_HEADING.sub("", line).strip() for line in text.splitlines()]
    filled = [i for i, line in enumerate(lines) if line]
    if not filled:
        raise ValueError("empty file")
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    # The headline and its date line open the dump, in either order.
    for index in filled[:2]:
        if published is None and is_date_line(lines[index]):
            published = parse_published(lines[index])
            outlet = outlet_beside(lines[index])  # "Kompas.com - 03/01/2022, 06:45 WIB"
        elif title is None and is_headline(lines[index]):
            title = visible_text(lines[index])
        else:
            break
        lines[index] = ""
    paragraphs = split_paragraphs("\n".join(lines))
    body = clean_paragraphs(paragraphs, fetched_at)
    if not body.paragraphs:
        raise ValueError("no article text found")
    first = body.paragraphs[0]
    return Article(
        id=_stable_id(path),
        title=title or title_from_text(first),
        paragraphs=body.paragraphs,
        path=path,
        source=body.outlet or outlet,
        published=most_precise(_plausible(path, published), _plausible(path, body.published)),
        editor=body.editor,
        origin=body.origin,
        author=body.author,
        place=body.place,
    )


def read_html_article(
    html: str, path: str, url: str | None = None, fetched_at: datetime | None = None
) -> Article:
    """Read a saved web page with trafilatura: main text, headline, date and site name, and
    the byline, date and dateline lines opening the text (``clean_paragraphs``).

    The date keeps the page's own offset (``<meta>``, JSON-LD or a printed date line);
    ``fetched_at`` resolves a relative time line. Raises ValueError when the page has no
    main text.
    """
    loose = loose_text_tree(html)
    document = _extract(html if loose is None else loose, url)
    text = getattr(document, "text", None) or ""
    if not text.strip() and _too_deep(html):
        # libxml2 drops what lies more than 255 elements deep (a page of unclosed <div>s);
        # its huge-tree mode reads up to 2,048.
        document = _extract(_deep_tree(html), url)
        text = getattr(document, "text", None) or ""
        if not text.strip():
            raise ValueError("no article text found in the page (nested over 2,048 deep)")
    if not text.strip():
        raise ValueError("no article text found in the page")
    title = _string(getattr(document, "title", None))
    lines = text.splitlines()
    # trafilatura keeps the page's <h1> as the first line of the text; the <h1> may differ
    # from the title it reports (taken from JSON-LD or <title>).
    headings = [t for t in (title, *_headings(html)) if t]
    while lines and any(_same_text(lines[0], heading) for heading in headings):
        lines.pop(0)
    body = clean_paragraphs(_with_breaks(lines, html), fetched_at)
    if sum(len(p.split()) for p in body.paragraphs) < _MIN_PAGE_WORDS:
        raise ValueError("no article text found in the page")
    first = body.paragraphs[0]
    url = url or _string(getattr(document, "url", None))
    byline = page_byline(html)
    return Article(
        id=_stable_id(url or path),
        title=title or (url and title_from_url(url)) or title_from_text(first),
        paragraphs=body.paragraphs,
        path=path,
        source=_string(getattr(document, "sitename", None)) or body.outlet,
        published=most_precise(
            _plausible(path, page_published(html, fetched_at)),
            _plausible(path, body.published),
            _plausible(path, _html_date(_string(getattr(document, "date", None)))),
        ),
        url=url,
        editor=body.editor or byline.editor,
        origin=body.origin,
        author=body.author or byline.author or _author(_string(getattr(document, "author", None))),
        place=body.place,
    )


def _with_breaks(lines: list[str], html: str) -> list[str]:
    """``lines``, or the paragraphs of the page's JSON-LD ``articleBody`` when they are the
    same words and the extraction ran them into one line: a page drawn by script (its text
    only in JSON-LD) is read by trafilatura from that field without its line breaks."""
    filled = [line for line in lines if line.strip()]
    if len(filled) != 1:
        return lines
    try:
        given = article_body(lxml.html.fromstring(html))
    except (ValueError, lxml.etree.ParserError):
        return lines
    paragraphs = split_paragraphs(given or "")
    if len(paragraphs) > 1 and " ".join(paragraphs).split() == filled[0].split():
        return paragraphs
    return lines


def _extract(html: str | lxml.html.HtmlElement, url: str | None) -> object:
    """trafilatura's extraction of a page (text and metadata); ValueError when it fails."""
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            config=_EXTRACTION,
            date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S%z"},
        )
    except Exception as error:  # trafilatura and lxml raise many kinds on broken markup
        raise ValueError(f"HTML could not be parsed ({type(error).__name__})") from error


def _deep_parser() -> lxml.html.HTMLParser:
    """trafilatura's own parser settings, in libxml2's huge-tree mode."""
    return lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
        remove_pis=True, huge_tree=True,
    )  # fmt: skip


def _too_deep(html: str) -> bool:
    """Whether libxml2's default parser stops short of the page's depth."""
    parser = lxml.html.HTMLParser(collect_ids=False, encoding="utf-8")
    try:
        lxml.html.fromstring(html.encode("utf-8"), parser=parser)
    except (ValueError, lxml.etree.ParserError):
        return False
    return any("Excessive depth" in error.message for error in parser.error_log)


def _deep_tree(html: str) -> lxml.html.HtmlElement:
    """The page parsed in huge-tree mode (ValueError when it cannot be parsed at all)."""
    try:
        return lxml.html.fromstring(html.encode("utf-8"), parser=_deep_parser())
    except (ValueError, lxml.etree.ParserError) as error:
        raise ValueError(f"HTML could not be parsed ({type(error).__name__})") from error


def article_from_record(record: dict[str, object], path: str) -> Article:
    """Build an article from one JSONL record; ``path`` is where it was read ("file:LINE").

    Without an ``id`` the article is named by its URL, else by ``path``, so that re-reading
    the same file gives the same ids. Raises ValueError with a reason when unusable.
    """
    text = record.get("text")
    if text is None:
        raise ValueError("no 'text' field")
    if not isinstance(text, str):
        raise ValueError("'text' is not a string")
    if not text.strip():
        raise ValueError("'text' is empty")
    seen = _seen(record, path)
    # A relative time in the text ("2 jam yang lalu") counts back from the crawl time.
    body = clean_paragraphs(
        split_paragraphs(text),
        _seen_moment(seen) if seen else None,
        own_outlet=_string(record.get("source")),
    )
    if not body.paragraphs:
        raise ValueError("no article text left after cleaning")
    first = body.paragraphs[0]
    url = _string(record.get("url"))
    if url is not None and not is_web_address(url):
        log.warning(
            "%s: the url %r is not an http(s) address: the article is kept without it", path, url
        )
        url = None
    # `published`, else `date`: an unreadable one gives way to the other (both warned).
    published = None
    unread: list[tuple[str, object, str]] = []
    for field in ("published", "date"):
        date = record.get(field)
        if not filled(date):
            continue
        published = published_from_value(date)
        published = utc_in_wib(published) if published is not None else None
        why = "not a date newsbot reads"
        if published is not None:
            implausible = implausible_published(published)
            if implausible is None:
                break
            published, why = None, f"{implausible}: not a publication date"
        unread.append((field, date, why))
    printed = _plausible(path, body.published)
    for field, date, why in unread:
        kept = "with the date printed in its text" if printed else "undated"
        log.warning(
            "%s: the %s %r is %s: %s",
            path,
            field,
            date,
            why,
            "ignored" if published else f"the article is kept {kept}",
        )
    return Article(
        id=_record_id(record) or _stable_id(path),
        title=(
            _string(record.get("title")) or (url and title_from_url(url)) or title_from_text(first)
        ),
        paragraphs=body.paragraphs,
        path=path,
        source=_string(record.get("source")) or body.outlet,
        published=published or printed,
        url=url,
        editor=_string(record.get("editor")) or body.editor,
        origin=_string(record.get("origin")) or body.origin,
        author=_string(record.get("author")) or body.author,
        place=body.place,
        seen=seen,
    )


def _seen(record: dict[str, object], path: str) -> str | None:
    """The record's first-seen time from the first of ``SEEN_FIELDS`` that holds one; a
    field that holds no time newsbot reads, or a time after now (a record cannot have been
    crawled later than it is read), is warned about and the next field is tried."""
    latest = datetime.now(UTC) + _SEEN_AHEAD
    for field in SEEN_FIELDS:
        value = record.get(field)
        if not filled(value):
            continue
        seen = seen_from_value(value)
        if seen is None:
            log.warning("%s: the %s %r is not a time newsbot reads: ignored", path, field, value)
        elif _seen_moment(seen) > latest:
            log.warning("%s: the %s %r is in the future: ignored", path, field, value)
        else:
            return seen
    return None


def _plausible(path: str, published: str | None) -> str | None:
    """``published`` when it can be a publication date; None, warned about, when it lies in
    the future or before 1900 (``implausible_published``)."""
    why = implausible_published(published) if published else None
    if why is None:
        return published
    log.warning("%s: the date %s is %s: not a publication date, ignored", path, published, why)
    return None


def _seen_moment(seen: str) -> datetime:
    """An ISO 8601 seen time (a date alone is its first moment in UTC) as an aware time."""
    moment = datetime.fromisoformat(seen)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _read_once(path: Path, files: dict[str, str]) -> Iterator[Article | SkippedSource]:
    """Read the file at ``path`` unless its real path is in ``files`` (real path -> the
    path it was read as): then it is the same path named again (passed over) or a link to
    a file already read (skipped, naming it)."""
    real = os.path.realpath(path)
    first = files.get(real)
    if first is None:
        files[real] = str(path)
        yield from _read_file(path)
    elif first != str(path):
        yield SkippedSource(str(path), f"the same file as {first}, which is read")


def _read_folder(
    folder: Path, seen: set[str], files: dict[str, str]
) -> Iterator[Article | SkippedSource]:
    """Yield what the supported files under ``folder`` hold, in name order."""
    real = os.path.realpath(folder)
    if real in seen:
        return  # a symbolic link back up the tree
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield SkippedSource(str(folder), f"cannot read folder ({error.strerror or error})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            # A symbolic link round a loop (ELOOP) or into a folder one may not search
            # (EACCES) cannot even be told from a folder.
            is_folder = entry.is_dir()
            broken = not is_folder and entry.is_symlink() and not path.exists()
            target = os.readlink(path) if broken else ""
            is_file = not is_folder and not broken and entry.is_file()
        except OSError as error:
            yield SkippedSource(str(path), _unreachable(path, error))
            continue
        if is_folder:
            if not _is_index(path) and not _is_page_resources(path):
                yield from _read_folder(path, seen, files)
        elif broken:
            if _kind(Path(target)) in SUPPORTED_SUFFIXES or _kind(path) in SUPPORTED_SUFFIXES:
                yield SkippedSource(str(path), _missing(path))
        elif is_file and _kind(path) in SUPPORTED_SUFFIXES:
            if _kind(path) in FEED_SUFFIXES and not _holds_feed(path):
                continue
            if path.stem.lower() in _FOLDER_DOCUMENTS:
                yield SkippedSource(
                    str(path), "the folder's own document, not an article (name it to index it)"
                )
            else:
                yield from _read_once(path, files)


def _is_page_resources(folder: Path) -> bool:
    """Whether ``folder`` holds a page's resources as a browser's "Save Page As… (Web Page,
    complete)" writes them: ``berita_files/`` beside ``berita.html``. Its HTML files are the
    page's adverts, widgets and frames, no articles."""
    stem = folder.name.removesuffix("_files")
    if stem == folder.name or not stem:
        return False
    return any((folder.parent / f"{stem}{suffix}").is_file() for suffix in _SAVED_PAGE_SUFFIXES)


def _is_index(folder: Path) -> bool:
    """Whether ``folder`` is a newsbot index directory (a ``CURRENT`` file beside ``v-…``
    versions): its manifests, caches and lists are the index's own files, not news, so a
    folder walk over a folder holding the index (``newsbot index .``) passes it over."""
    try:
        return (folder / "CURRENT").is_file() and any(folder.glob("v-*"))
    except OSError:
        return False


def _holds_feed(path: Path) -> bool:
    """Whether the file at ``path`` (gzip'd or not) opens as an RSS or Atom document."""
    try:
        with _open(path) as stream:
            return looks_like_feed(stream.read(_SNIFF_BYTES))
    except (OSError, EOFError, zlib.error):
        return True  # read, so that why it cannot be is reported


def _unreachable(path: Path, error: OSError) -> str:
    """Why a path whose kind cannot even be told (``stat`` fails) is skipped."""
    if error.errno == errno.ELOOP and path.is_symlink():
        return _round_a_loop(path)
    return f"cannot read it ({error.strerror or error})"


def _round_a_loop(path: Path) -> str:
    """Why a symbolic link that leads round a loop is skipped, naming where it leads."""
    return f"a symbolic link that leads round a loop (to {os.readlink(path)})"


def _missing(path: Path) -> str:
    """Why a path that does not exist cannot be read: a broken link says where it led."""
    if _loops(path):
        return _round_a_loop(path)
    if path.is_symlink():
        return f"a broken symbolic link (to {os.readlink(path)}, which does not exist)"
    return "no such file or folder"


def _loops(path: Path) -> bool:
    """Whether ``path`` is a symbolic link that never reaches a file or folder (ELOOP)."""
    try:
        path.stat()
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _kind(path: Path) -> str:
    """The suffix that says how a file is read, lower-case: a gzip-compressed file's inner
    one (``news.jsonl.gz`` is read as ``.jsonl``)."""
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix == ".gz" else suffix


def _open(path: Path) -> BinaryIO:
    """``path`` opened for reading bytes, decompressed as it is read when gzip'd (``.gz``)."""
    if path.suffix.lower() == ".gz":
        return cast(BinaryIO, gzip.open(path, "rb"))
    return path.open("rb")


def _read_file(path: Path) -> Iterator[Article | SkippedSource]:
    """Yield the article(s) one file holds, or why it cannot be read."""
    name, kind = str(path), _kind(path)
    try:
        with _open(path) as stream:
            head = stream.read(_SNIFF_BYTES)
            problem = _binary_problem(head, kind)
            if problem:
                yield SkippedSource(name, problem)
                return
            if kind == ".jsonl":
                stream.seek(0)
                yield from _read_jsonl(stream, name)
                return
            data = head + stream.read()
    except (OSError, EOFError, zlib.error) as error:  # gzip: not gzip, cut short, corrupt
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        yield SkippedSource(name, f"cannot read file ({reason})")
        return
    if kind in FEED_SUFFIXES:
        yield from _articles(saved_feed_records(data), name)
        return
    try:
        text = decode_text(data)
    except NotText as error:
        yield SkippedSource(name, str(error))
        return
    if not text.strip():
        yield SkippedSource(name, "empty file")
        return
    if kind == ".json":
        yield from _articles(json_records(text), name)
        return
    if kind in (".csv", ".tsv"):
        yield from _articles(table_records(text, tab_separated=kind == ".tsv"), name)
        return
    try:
        if kind in (".html", ".htm") or _HTML_DOCUMENT.match(text):
            # A page's source saved or pasted as text is read as the page it is.
            yield read_html_article(text, name)
        else:
            yield from _text_articles(text, name)
            return
    except ValueError as error:
        yield SkippedSource(name, str(error))


def _text_articles(text: str, name: str) -> Iterator[Article | SkippedSource]:
    """The article(s) of a text file: several pasted one after another are read apart
    (``pastes.split_pastes``); the first keeps the file's name, the others are named
    "NAME:LINE", the line their headline is on."""
    for line, piece in split_pastes(text):
        path = name if line == 1 else f"{name}:{line}"
        try:
            yield read_text_article(piece, path)
        except ValueError as error:
            yield SkippedSource(name, str(error), None if line == 1 else line)


def _articles(
    records: Iterable[tuple[int, dict[str, object]] | SkippedSource], name: str
) -> Iterator[Article | SkippedSource]:
    """The articles of a data file's records (see ``documents``), each named "NAME:NUMBER"
    as a JSON Lines record is; a record or file that cannot be read is skipped with why."""
    for item in records:
        if isinstance(item, SkippedSource):
            yield SkippedSource(name, item.reason, item.line)
            continue
        number, record = item
        try:
            yield article_from_record(record, f"{name}:{number}")
        except ValueError as error:
            yield SkippedSource(name, str(error), number)


def _record_id(record: dict[str, object]) -> str | None:
    """The id :func:`article_from_record` gives a record that names itself (by its ``id``,
    else its web address), or None for a record named by where it sits."""
    given = record.get("id")
    if isinstance(given, str | int) and not isinstance(given, bool) and str(given).strip():
        return str(given).strip()
    url = _string(record.get("url"))
    return _stable_id(url) if url is not None and is_web_address(url) else None


def _last_lines(stream: BinaryIO) -> dict[str, int]:
    """Article id -> the last line of ``stream`` that gives a readable text under that id."""
    last: dict[str, int] = {}
    for number, raw in _numbered_lines(stream, []):
        try:
            record = json.loads(raw.removeprefix(codecs.BOM_UTF8).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(record, dict):
            continue
        record = standard_record(record)
        text = record.get("text")
        article_id = _record_id(record) if isinstance(text, str) and text.strip() else None
        if article_id is not None:
            last[article_id] = number
    return last


def _read_jsonl(stream: BinaryIO, name: str) -> Iterator[Article | SkippedSource]:
    """Yield one article per JSONL line; a bad line is skipped with its number.

    A file is an append log: a line giving an article id (or web address) that a later
    line gives again is superseded by it — the later line is read, the earlier one is
    reported (a correction appended to the file replaces the text it corrects)."""
    spread = _spread_document(stream)
    if spread is not None:
        yield from _articles(document_records(spread), name)
        return
    last = _last_lines(stream)
    stream.seek(0)
    records = 0
    cut: list[tuple[int, str]] = []
    for number, raw in _numbered_lines(stream, cut):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        records += 1
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            yield SkippedSource(name, "not UTF-8 text", number)
            continue
        except json.JSONDecodeError as error:
            # The whole message: its position ("line 1 column 45 (char 44)") ends it.
            yield SkippedSource(name, f"not valid JSON ({error})", number)
            continue
        if not isinstance(record, dict):
            yield SkippedSource(name, "not a JSON object", number)
            continue
        record = standard_record(record)
        article_id = _record_id(record)
        later = last.get(article_id, number) if article_id is not None else number
        if later > number:
            reason = f"article id {article_id!r} is given again on line {later}, which is read"
            yield SkippedSource(name, reason, number)
            continue
        try:
            yield article_from_record(record, f"{name}:{number}")
        except ValueError as error:
            yield SkippedSource(name, str(error), number)
    for after, why in cut:
        yield SkippedSource(name, f"cut short after line {after} ({why})")
    if records == 0 and not cut:
        yield SkippedSource(name, "empty file")


def _spread_document(stream: BinaryIO) -> object | None:
    """The JSON a ".jsonl" file holds when it is no JSON Lines: one document spread over
    lines (a pretty-printed object or array), an array on one line, or several documents
    one after another (``jq``'s output), as one document (several: their array). None for
    JSON Lines (the first line that is not blank is an object of its own, or the whole is
    no JSON either: then each line is read, and reported, alone). The stream is left at
    its start."""
    first = b""
    for raw in stream:
        if raw.strip():
            first = raw.removeprefix(codecs.BOM_UTF8).strip()
            break
    stream.seek(0)
    if not first.startswith((b"{", b"[")):
        return None
    try:
        if isinstance(json.loads(first), dict):
            return None  # a record on its line: JSON Lines
    except (json.JSONDecodeError, UnicodeDecodeError):
        pass
    try:
        text = stream.read().removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except (UnicodeDecodeError, OSError, EOFError, zlib.error):
        text = ""
    stream.seek(0)
    values = json_values(text)
    if values is None:
        return None
    return values[0] if len(values) == 1 else values


def _numbered_lines(stream: BinaryIO, cut: list[tuple[int, str]]) -> Iterator[tuple[int, bytes]]:
    """(line number from 1, line) of ``stream``; a gzip'd stream that ends before its end
    marker or is corrupt past some line stops there, noting (last line read, why) in ``cut``
    (the lines before it are still read)."""
    number = 0
    while True:
        try:
            raw = stream.readline()
        except (EOFError, zlib.error, OSError) as error:
            cut.append((number, str(error) or type(error).__name__))
            return
        if not raw:
            return
        number += 1
        yield number, raw


def _binary_problem(head: bytes, suffix: str) -> str | None:
    """Say why a file's first bytes are not text, or None when they may be. JSON Lines are
    UTF-8 by definition; pages and text files may be UTF-16 with a byte order mark."""
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if utf16 and suffix == ".jsonl":
        return "not UTF-8 text (UTF-16)"
    if b"\x00" in head and not utf16:
        return "binary file, not text"
    return None


def _html_date(date: str | None) -> str | None:
    """Normalise trafilatura's date; a time of exactly midnight without a zone was padding."""
    published = parse_published(date) if date else None
    if published and published.endswith(_MIDNIGHT):
        return published.removesuffix(_MIDNIGHT)
    return published


def _author(found: str | None) -> str | None:
    """The author a page's metadata names, without the outlet or desk names metadata mixes
    in ("Tim; CNN Indonesia")."""
    names = [n.strip() for n in re.split(r"[;|]", found or "")]
    people = [n for n in names if n and not is_outlet(n) and n.lower() not in NOT_AUTHORS]
    return "; ".join(people) or None


def _headings(html: str) -> list[str]:
    """The texts of a page's ``<h1>`` elements."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    return [" ".join(h.text_content().split()) for h in root.iter("h1")]


def _same_text(line: str, title: str) -> bool:
    """Tell whether a line repeats the headline."""
    return " ".join(line.split()).casefold() == " ".join(title.split()).casefold()


def _string(value: object) -> str | None:
    """Return a field's text as a reader sees it (``visible_text``), or None when missing or
    empty."""
    text = visible_text(value) if isinstance(value, str) else ""
    return text or None


def _stable_id(key: str) -> str:
    """Name an article by a short hash of its URL or path, the same on every run."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:_ID_LENGTH]
