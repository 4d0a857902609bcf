"""Articles from the web: RSS/Atom feeds, their entries' pages, and single article URLs.

Each page is fetched and read with trafilatura (``read_html_article``); when a page cannot
be fetched, the feed entry's own headline, summary and date stand in. An article is named
by its canonical URL (fragment and ``utm_*`` parameters dropped), so a story found in two
feeds is indexed once and an updated story replaces its old paragraphs.

What was fetched is remembered in ``fetch-cache.json`` in the index directory: validators
(ETag, Last-Modified) for conditional requests, and the articles read, so an unchanged
feed (304) costs one request and no page is read twice. Articles that dropped out of a
feed stay indexed for ``keep_days`` after they were last seen in it.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.errors import FetchFailed
from newsbot.index.reading.dates import DEFAULT_ZONE
from newsbot.index.reading.feedentries import (
    article_id,
    canonical_url,
    entry_article,
    entry_date,
    feed_outlet,
    looks_like_feed,
)
from newsbot.index.reading.fetch import Fetcher, Resolver, Sleep, resolve_host
from newsbot.index.reading.pagedates import most_precise
from newsbot.index.reading.pagination import next_page_url
from newsbot.index.reading.readers import read_html_article, read_sources
from newsbot.index.reading.sources import (
    FetchSettings,
    Source,
    SourcesConfig,
    env_paths,
    find_config,
    load_config,
)

log = logging.getLogger(__name__)

CACHE_FILE = "fetch-cache.json"
ADDED_URLS_FILE = "added-urls.txt"
_CACHE_FORMAT = 1
_DAY = 86400.0

Clock = Callable[[], float]
Item = Article | SkippedSource


def read_web_page(html: str, final_url: str, fetched_at: datetime | None = None) -> Article:
    """Read a fetched page; the article is named by its canonical URL when the page gives
    one on the same site, else by the URL it was fetched from. ``fetched_at`` (aware)
    resolves a relative time line ("3 jam lalu"). Raises ValueError."""
    article = read_html_article(html, final_url, fetched_at=fetched_at)
    url = canonical_url(final_url)
    if article.url:
        claimed = canonical_url(urljoin(final_url, article.url))
        # A page may not claim another site's article: it would replace that one.
        if _site(claimed) == _site(url):
            url = claimed
    return replace(article, id=article_id(url), url=url, path=url)


# -- the fetch cache ---------------------------------------------------------------------


class FetchCache:
    """Validators and articles of earlier fetches, in a JSON file (written atomically)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.feeds: dict[str, dict[str, Any]] = {}
        self.pages: dict[str, dict[str, Any]] = {}
        if path is None:
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("ignoring the fetch cache %s (%s)", path, exc)
            return
        if isinstance(data, dict) and data.get("format") == _CACHE_FORMAT:
            self.feeds = dict(data.get("feeds") or {})
            self.pages = dict(data.get("pages") or {})

    def first_seen(self, url: str, now: float) -> Article | None:
        """The cached article of ``url``; one cached before seen times were kept is first
        seen at ``now`` (epoch seconds; still an upper bound on its publication time), and
        kept so."""
        article = self.article(url)
        if article is not None and article.seen is None:
            article = replace(article, seen=_seen_at(now))
            self.pages[url] = {**self.pages[url], "article": asdict(article)}
        return article

    def article(self, url: str) -> Article | None:
        record = self.pages.get(url)
        fields = record.get("article") if record else None
        if not isinstance(fields, dict):
            return None
        try:
            return Article(**{**fields, "paragraphs": tuple(fields["paragraphs"])})
        except (TypeError, KeyError):
            return None

    def save(self, keep_pages: Iterable[str], keep_feeds: Iterable[str]) -> None:
        """Write the cache, keeping only the pages and feeds named."""
        if self.path is None:
            return
        pages = {u: self.pages[u] for u in keep_pages if u in self.pages}
        feeds = {u: self.feeds[u] for u in keep_feeds if u in self.feeds}
        data = {"format": _CACHE_FORMAT, "feeds": feeds, "pages": pages}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, self.path)


# -- added URLs ----------------------------------------------------------------------------


def added_urls(index_dir: Path) -> list[str]:
    """The article URLs added with ``/add``, kept in the index directory."""
    try:
        lines = (index_dir / ADDED_URLS_FILE).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def remember_url(index_dir: Path, url: str) -> None:
    """Keep ``url`` among the added URLs, so every later build indexes it too."""
    if url in added_urls(index_dir):
        return
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ADDED_URLS_FILE).open("a", encoding="utf-8") as file:
        file.write(url + "\n")


# -- what a build reads ----------------------------------------------------------------------


@dataclass(frozen=True)
class SourcePlan:
    """What a build of ``index_dir`` reads: the files and folders ``paths``, and the
    articles of ``articles()``: the sources file's own sources (unless ``paths`` replaced
    them) and the URLs added with ``/add``. ``config`` is the sources file, or the defaults.
    """

    index_dir: Path
    paths: tuple[Path, ...] = ()
    config: SourcesConfig = field(default_factory=SourcesConfig)
    now: Clock = time.time

    @property
    def empty(self) -> bool:
        """True when there is nothing at all to build from."""
        return not (self.paths or self.config.sources or added_urls(self.index_dir))

    def articles(self) -> Iterator[Item]:
        """The web articles (and files of the sources file), read when iterated: pass it to
        ``build_index(..., extra=plan.articles())`` so they are fetched inside its lock."""
        return read_configured(self.config, self.index_dir, clock=self.now)


def plan_sources(
    index_dir: Path, paths: Sequence[Path] = (), env: Mapping[str, str] | None = None
) -> SourcePlan:
    """Decide what a build of ``index_dir`` reads: the ``paths`` given, else those of
    ``NEWSBOT_SOURCES``, else the sources file's ``[[sources]]``; plus the URLs added with
    ``/add``, always. The sources file's ``[fetch]`` and ``[schedule]`` apply either way.

    Used alike by ``newsbot index`` and the bot's rebuilds. Raises ConfigError for a bad
    sources file.
    """
    env = os.environ if env is None else env
    chosen = tuple(paths) or tuple(env_paths(env))
    found = find_config(env)
    config = load_config(found) if found else SourcesConfig()
    if chosen:  # paths replace the file's sources; its fetch settings still hold
        config = replace(config, sources=())
    return SourcePlan(index_dir, chosen, config, fetch_clock(env))


#: Fixes the fetch time (ISO 8601; without a zone, WIB) for tests and reproducible runs.
NOW_ENV = "NEWSBOT_NOW"


def fetch_clock(env: Mapping[str, str]) -> Clock:
    """The clock fetches are timed by (epoch seconds): the system's, or one that starts at
    ``NEWSBOT_NOW`` and runs on in real time. The fetch time is each fetched article's
    first-seen time and what its relative times ("2 jam yang lalu") count back from.
    A NEWSBOT_NOW that is not ISO 8601 is warned about and the system's clock is used (the
    bot refuses to start with it; an index can still be built)."""
    value = env.get(NOW_ENV, "").strip()
    if not value:
        return time.time
    try:
        start = datetime.fromisoformat(value)
    except ValueError:
        log.warning(
            "%s must be an ISO 8601 time such as 2021-09-18T07:00:00+07:00, not %r: "
            "fetching by the system's clock",
            NOW_ENV,
            value,
        )
        return time.time
    if start.tzinfo is None:
        start = start.replace(tzinfo=DEFAULT_ZONE)
    began = time.monotonic()
    return lambda: start.timestamp() + time.monotonic() - began


# -- reading the configured sources ----------------------------------------------------------


def read_configured(
    config: SourcesConfig,
    index_dir: Path,
    *,
    urls: Iterable[str] = (),
    transport: httpx.AsyncBaseTransport | None = None,
    resolve: Resolver = resolve_host,
    sleep: Sleep = asyncio.sleep,
    clock: Clock = time.time,
) -> Iterator[Item]:
    """Yield the articles of every configured source, and of the URLs added with ``/add``
    (plus ``urls``), or why a source was skipped; a story is yielded once.

    Files and folders are read as ``newsbot index PATH`` reads them; feeds and URLs are
    fetched concurrently when the iteration starts (so inside the build's lock).
    """
    extra = [Source("url", u) for u in [*added_urls(index_dir), *urls]]
    sources = [*config.sources, *extra]
    web = [s for s in sources if s.kind != "path"]
    cache = FetchCache(index_dir / CACHE_FILE)
    fetched = (
        asyncio.run(_fetch_all(web, config.fetch, cache, transport, resolve, sleep, clock()))
        if web
        else {}
    )
    seen: set[str] = set()
    for source in sources:
        if source.kind == "path":
            items: Iterable[Item] = read_sources([config.folder / source.location])
        else:
            items = fetched[source]
        for item in items:
            if isinstance(item, Article):
                if item.id in seen:
                    continue
                seen.add(item.id)
                if source.outlet:
                    item = replace(item, source=source.outlet)
            yield item


async def fetch_article(
    url: str,
    settings: FetchSettings,
    *,
    cache: FetchCache | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    resolve: Resolver = resolve_host,
) -> Article:
    """Fetch and read one article page now; FetchFailed or ValueError say why not."""
    async with Fetcher(settings, transport=transport, resolve=resolve) as fetcher:
        return await _read_page(
            fetcher, url, cache or FetchCache(None), stamp=None, now=time.time()
        )


async def _fetch_all(
    sources: list[Source],
    settings: FetchSettings,
    cache: FetchCache,
    transport: httpx.AsyncBaseTransport | None,
    resolve: Resolver,
    sleep: Sleep,
    now: float,
) -> dict[Source, list[Item]]:
    async with Fetcher(settings, transport=transport, resolve=resolve, sleep=sleep) as fetcher:
        keep = now - settings.keep_days * _DAY
        results = await asyncio.gather(
            *(
                _read_feed(fetcher, s.location, cache, now, keep)
                if s.kind == "feed"
                else _read_url(fetcher, s.location, cache, now)
                for s in sources
            )
        )
    feeds = [s.location for s in sources if s.kind == "feed"]
    pages = [s.location for s in sources if s.kind == "url"]
    for feed in feeds:
        pages.extend(cache.feeds.get(feed, {}).get("entries", {}))
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs requests
        cache.save(pages, feeds)
    return dict(zip(sources, results, strict=True))


async def _read_url(fetcher: Fetcher, url: str, cache: FetchCache, now: float) -> list[Item]:
    try:
        return [await _read_page(fetcher, url, cache, stamp=None, now=now)]
    except (FetchFailed, ValueError) as exc:
        log.info("skipped %s: %s", url, exc)  # the build's summary names it
        return [SkippedSource(url, str(exc))]


async def _read_page(
    fetcher: Fetcher, url: str, cache: FetchCache, stamp: str | None, now: float
) -> Article:
    """The article at ``url``: from the cache when its feed entry has not changed or the
    server says 304, else fetched and read, its further pages followed and joined.
    ``now`` (epoch seconds) is the fetch time relative time lines are counted from."""
    record = cache.pages.get(url, {})
    cached = cache.first_seen(url, now)
    if cached is not None and stamp and record.get("stamp") == stamp and not record.get("stub"):
        return cached
    stub = bool(record.get("stub"))
    fetched = await fetcher.fetch(
        url,
        "page",
        etag=None if stub else record.get("etag"),
        last_modified=None if stub else record.get("last_modified"),
    )
    if fetched.not_modified and cached is not None:
        article = cached
    else:
        fetched_at = datetime.fromtimestamp(now, DEFAULT_ZONE)
        html = fetched.text()
        article = await asyncio.to_thread(read_web_page, html, fetched.url, fetched_at)
        article = await _with_next_pages(fetcher, article, html, fetched.url, fetched_at)
        # First seen: the first fetch's time, kept when the page is fetched again.
        article = replace(article, seen=(cached and cached.seen) or _seen_at(now))
    cache.pages[url] = {
        "etag": fetched.etag,
        "last_modified": fetched.last_modified,
        "stamp": stamp,
        "article": asdict(article),
    }
    return article


async def _with_next_pages(
    fetcher: Fetcher, article: Article, html: str, url: str, fetched_at: datetime
) -> Article:
    """``article`` joined with the further pages its page announces (``rel="next"``, a
    "Halaman Selanjutnya" link, "?page=2"), up to ``max_pages`` pages in all: one article,
    its id and URL the first page's. A page that cannot be fetched, or that adds no
    paragraph to those before it, ends the article there."""
    paragraphs = list(article.paragraphs)
    seen = {url}
    pages = 1
    while pages < fetcher.settings.max_pages:
        following = next_page_url(html, url)
        if following is None or following in seen:
            break
        seen.add(following)
        try:
            fetched = await fetcher.fetch(following, "page")
            html, url = fetched.text(), fetched.url
            page = await asyncio.to_thread(read_html_article, html, url, None, fetched_at)
        except (FetchFailed, ValueError) as exc:
            log.warning(
                "page %d of %s unreadable (%s): indexing the pages before",
                pages + 1,
                article.url,
                exc,
            )
            break
        new = [p for p in page.paragraphs if p not in paragraphs]
        if not new:  # a site answering every page past the last with the last one
            break
        pages += 1
        paragraphs.extend(new)
        if article.published is None and page.published is not None:
            article = replace(article, published=page.published)
    if pages > 1:
        log.info("joined %d pages of %s", pages, article.url)
    return replace(article, paragraphs=tuple(paragraphs))


async def _read_feed(
    fetcher: Fetcher, url: str, cache: FetchCache, now: float, keep: float
) -> list[Item]:
    """The articles of a feed's entries (and of entries seen within ``keep_days``)."""
    record = cache.feeds.get(url, {})
    seen: dict[str, float] = dict(record.get("entries") or {})
    validators = {"etag": record.get("etag"), "last_modified": record.get("last_modified")}
    problems: list[Item] = []
    try:
        fetched = await fetcher.fetch(url, "feed", **validators)
    except FetchFailed as exc:
        log.info("skipped feed %s: %s", url, exc)  # the build's summary names it
        problems.append(SkippedSource(url, str(exc)))
    else:
        if fetched.not_modified:
            log.info("feed %s not modified: nothing fetched", url)
        else:
            parsed = await asyncio.to_thread(
                _parse_feed, fetched.body, fetched.url, fetched.content_type
            )
            if isinstance(parsed, str):
                log.info("skipped feed %s: %s", url, parsed)  # named in the summary
                problems.append(SkippedSource(url, parsed))
            else:
                entries, feed_title, unlinked = parsed
                items = await asyncio.gather(
                    *(_read_entry(fetcher, e, feed_title, cache, now) for e in entries)
                )
                for entry, item in zip(entries, items, strict=True):
                    if isinstance(item, Article):
                        seen[entry["link"]] = now
                    else:
                        problems.append(item)
                # With an entry unread, the feed is fetched in full next time to retry it.
                validators = {
                    "etag": None if problems else fetched.etag,
                    "last_modified": None if problems else fetched.last_modified,
                }
                if unlinked:  # named, not retried: a later fetch gives them no link either
                    problems.append(SkippedSource(url, _unlinked_reason(unlinked)))
    kept = {link: at for link, at in seen.items() if at >= keep}
    cache.feeds[url] = {**validators, "entries": kept}
    articles: list[Item] = []
    for link in sorted(kept, key=lambda link: -kept[link]):
        article = cache.first_seen(link, now)
        if article is not None:
            articles.append(article)
    return articles + problems


def _unlinked_reason(count: int) -> str:
    entries = "1 entry" if count == 1 else f"{count} entries"
    return f"{entries} without an http(s) link to the article: not indexed"


def _parse_feed(
    body: bytes, url: str, content_type: str = "application/xml"
) -> tuple[list[dict[str, Any]], str | None, int] | str:
    """The entries (with a link), title and number of entries without an http(s) link of
    a feed, or why it is not one.

    ``content_type`` is the response's; a feed served as HTML or plain text is read when
    its body is RSS/Atom, as XML (feedparser would call it malformed otherwise). A valid
    feed without items gives no entries, not an error.
    """
    media = content_type.split(";", 1)[0].strip().lower()
    if not any(word in media for word in ("xml", "rss", "atom")):
        if not looks_like_feed(body):
            return f"not an RSS/Atom feed (served as {media or 'no type'})"
        charset = content_type.partition(";")[2].strip()
        content_type = "application/xml" + (f"; {charset}" if charset else "")
    # A stream, never a string: given a string, feedparser would fetch it as a URL.
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={"content-location": url, "content-type": content_type},
    )
    entries = []
    unlinked = 0
    for entry in parsed.entries:
        link = entry.get("link")
        if isinstance(link, str) and urlsplit(urljoin(url, link)).scheme in ("http", "https"):
            entries.append(dict(entry, link=urljoin(url, link)))
        else:  # nothing to fetch, and no address to name and cite it by
            unlinked += 1
    if parsed.get("bozo") and not entries:
        problem = parsed.get("bozo_exception")
        return f"not a valid RSS/Atom feed ({problem or 'no entries'})"
    if not parsed.get("version"):
        return "not an RSS/Atom feed"
    if parsed.get("bozo"):
        log.warning("feed %s is malformed (%s): reading what it has", url, parsed.bozo_exception)
    return entries, feed_outlet(parsed.feed.get("title")), unlinked


async def _read_entry(
    fetcher: Fetcher,
    entry: Mapping[str, Any],
    feed_title: str | None,
    cache: FetchCache,
    now: float,
) -> Item:
    """The entry's article from its page, else from the entry itself, else why neither.
    A page without a date takes the entry's, in the cache too."""
    link: str = entry["link"]
    stamp = str(entry.get("updated") or entry.get("published") or "") or None
    try:
        article = await _read_page(fetcher, link, cache, stamp, now)
    except (FetchFailed, ValueError) as exc:
        earlier = cache.article(link)
        if earlier is not None and not cache.pages[link].get("stub"):
            log.warning("page %s unreadable (%s): keeping it as read before", link, exc)
            return earlier
        stub = entry_article(entry, feed_title)
        if stub is not None:
            stub = replace(stub, seen=(earlier and earlier.seen) or _seen_at(now))
        if stub is None:
            log.info("skipped %s: %s", link, exc)  # the build's summary names it
            return SkippedSource(link, f"{exc}; the feed entry has no summary either")
        log.warning("page %s unreadable (%s): indexing the feed's summary", link, exc)
        # Cached as a stub: used while the feed is unchanged, and fetched again when it is.
        cache.pages[link] = {"stub": True, "article": asdict(stub)}
        return stub
    published = _with_entry_time(article.published, entry_date(entry))
    if published != article.published or (article.source is None and feed_title):
        # The feed's date and name stand in for the page's, as for an entry's summary.
        article = replace(article, published=published, source=article.source or feed_title)
        cache.pages[link] = {**cache.pages[link], "article": asdict(article)}
    return article


def _with_entry_time(page: str | None, entry: str | None) -> str | None:
    """The page's date, else the feed entry's; the entry's when it is the same day told
    more precisely (a page printing "Senin, 3 Januari 2022", a feed "03 Jan 2022 06:45
    +0700"). A different day is no more precise: it may be an update's."""
    if page is None or entry is None:
        return page or entry
    if entry[:10] == page[:10]:
        return most_precise(page, entry)
    return page


def _seen_at(now: float) -> str:
    """A fetch time (epoch seconds) as an article's seen time: ISO 8601 in UTC."""
    return datetime.fromtimestamp(int(now), UTC).isoformat()


def _site(url: str) -> str:
    host = urlsplit(url).hostname or ""
    for prefix in ("www.", "m."):
        host = host.removeprefix(prefix)
    return host
