"""Pages and feeds shaped like ten Indonesian outlets', served by the local news server and
read as a build reads them: dates in the outlet's zone, bylines and datelines as metadata,
no lists of other stories, multi-page articles joined, feeds served with the wrong type."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.building import store
from newsbot.index.building.build import build_index
from newsbot.index.reading.dates import DEFAULT_ZONE
from newsbot.index.reading.feeds import read_configured
from newsbot.index.reading.sources import FetchSettings, Source, SourcesConfig
from tests.conftest import FakeEmbedder
from tests.news_server import NewsServer, Route, rss_feed, serving
from tests.outlets import Outlet, all_outlets, cnn, detik, kompas

OUTLETS = all_outlets()
FEED_TYPES = ("application/rss+xml", "text/html; charset=utf-8", "text/plain", "text/xml")


@pytest.fixture
def server() -> Iterator[NewsServer]:
    with serving() as running:
        yield running


async def _no_sleep(seconds: float) -> None:
    return None


def config(*sources: Source, **fetch: object) -> SourcesConfig:
    given: dict[str, object] = {"timeout": 5, "retries": 0, "backoff": 0, **fetch}
    settings = FetchSettings(allow_hosts=frozenset({"127.0.0.1"}), **given)  # type: ignore[arg-type]
    return SourcesConfig(sources=tuple(sources), fetch=settings)


def read(cfg: SourcesConfig, index_dir: Path, **kwargs: object) -> list[Article | SkippedSource]:
    return list(read_configured(cfg, index_dir, sleep=_no_sleep, **kwargs))  # type: ignore[arg-type]


def serve(server: NewsServer, outlet: Outlet) -> None:
    for path, html in outlet.pages.items():
        server.routes[path] = Route(html.replace("{base}", server.base).encode())


def only_article(items: list[Article | SkippedSource]) -> Article:
    articles = [i for i in items if isinstance(i, Article)]
    assert [i for i in items if isinstance(i, SkippedSource)] == []
    assert len(articles) == 1
    return articles[0]


@pytest.mark.parametrize("outlet", OUTLETS, ids=[o.name for o in OUTLETS])
def test_an_outlets_page_reads_as_the_outlet_published_it(
    server: NewsServer, tmp_path: Path, outlet: Outlet
) -> None:
    serve(server, outlet)

    article = only_article(read(config(Source("url", server.url(outlet.first))), tmp_path))

    assert article.published == outlet.published  # the outlet's own offset, never UTC
    assert (article.source, article.author, article.place) == (
        outlet.source,
        outlet.author,
        outlet.place,
    )
    text = "\n".join(article.paragraphs)
    for fact in outlet.facts:  # from every page of a multi-page article
        assert fact in text
    for junk in outlet.junk:  # bylines, datelines, pagination, other stories' headlines
        assert junk not in text
    assert article.url == server.url(outlet.first)


@pytest.mark.parametrize("outlet", OUTLETS, ids=[o.name for o in OUTLETS])
def test_a_page_without_a_date_takes_its_feed_items_date_whatever_the_feeds_type(
    server: NewsServer, tmp_path: Path, outlet: Outlet
) -> None:
    """The feed's pubDate, offset kept, and still there when the page comes from the cache."""
    facts = " ".join(f"Laporan menyebut {fact} pada pagi hari itu." for fact in outlet.facts)
    server.routes["/tanpa-tanggal"] = Route(
        f"<html><head><title>Tanpa Tanggal</title></head><body><article><h1>Tanpa Tanggal"
        f"</h1><p>{facts}</p><p>Petugas masih mendata dampak kejadian itu di lapangan."
        "</p></article></body></html>".encode()
    )
    content_type = FEED_TYPES[OUTLETS.index(outlet) % len(FEED_TYPES)]
    server.routes["/feed"] = Route(
        rss_feed(server.base, [("Tanpa Tanggal", "/tanpa-tanggal", "x", outlet.feed_date)]),
        content_type=content_type,
        etag='"v1"',
    )
    cfg = config(Source("feed", server.url("/feed")))

    first = only_article(read(cfg, tmp_path))
    again = only_article(read(cfg, tmp_path))  # the feed answers 304: all from the cache

    assert first.published == again.published == outlet.published
    assert server.paths().count("/tanpa-tanggal") == 1


def test_the_dates_reach_the_index_with_their_offsets(server: NewsServer, tmp_path: Path) -> None:
    for outlet in OUTLETS:
        serve(server, outlet)
    cfg = config(*(Source("url", server.url(o.first)) for o in OUTLETS))

    index_dir = tmp_path / "index"
    build_index(index_dir, [], FakeEmbedder(), extra=read(cfg, tmp_path))

    conn = store.connect_readonly(store.live_version(index_dir))
    try:
        stored = sorted(p for (p,) in conn.execute("SELECT published FROM articles"))
    finally:
        conn.close()
    assert stored == sorted(o.published for o in OUTLETS)


def test_an_amp_twin_is_the_same_article(server: NewsServer, tmp_path: Path) -> None:
    outlet = cnn()
    serve(server, outlet)
    date = outlet.feed_date
    server.routes["/feed"] = Route(
        rss_feed(
            server.base,
            [("Elpiji", "/amp" + outlet.first, "x", date), ("Elpiji", outlet.first, "x", date)],
        ),
        content_type="application/rss+xml",
    )

    article = only_article(read(config(Source("feed", server.url("/feed"))), tmp_path))

    assert article.url == server.url(outlet.first)


def test_pages_are_followed_only_within_max_pages(server: NewsServer, tmp_path: Path) -> None:
    outlet = kompas()
    serve(server, outlet)

    article = only_article(
        read(config(Source("url", server.url(outlet.first)), max_pages=1), tmp_path)
    )

    assert "16 titik" not in "\n".join(article.paragraphs)
    assert not any("page=2" in path for path in server.paths())


def test_a_next_page_that_is_another_story_or_a_loop_is_not_followed(
    server: NewsServer, tmp_path: Path
) -> None:
    body = "<p>Pemerintah kota membuka 40 posko kesehatan gratis bagi warga selama libur.</p>"
    server.routes["/berita/posko-kesehatan"] = Route(
        f"""<html><head><title>Posko</title><link rel="next" href="/berita/harga-beras-naik">
        </head><body><article><h1>Posko</h1>{body}
        <a href="/berita/posko-kesehatan?page=2">Selanjutnya</a></article></body></html>""".encode()
    )
    server.routes["/berita/posko-kesehatan?page=2"] = Route(
        b"""<html><head><link rel="next" href="/berita/posko-kesehatan?page=2"></head><body>
        <article><p>Posko buka setiap hari mulai pukul 08.00 hingga 20.00 di balai kota.</p>
        <a href="/berita/posko-kesehatan">Selanjutnya</a></article></body></html>"""
    )

    article = only_article(
        read(config(Source("url", server.url("/berita/posko-kesehatan"))), tmp_path)
    )

    assert "pukul 08.00" in "\n".join(article.paragraphs)
    assert "/berita/harga-beras-naik" not in server.paths()
    assert server.paths().count("/berita/posko-kesehatan?page=2") == 1


def test_a_relative_time_is_resolved_against_the_fetch_time(
    server: NewsServer, tmp_path: Path
) -> None:
    server.routes["/kebakaran"] = Route(
        b"""<html><head><title>Kebakaran Gudang</title></head><body><article>
        <h1>Kebakaran Gudang</h1><div class="date">2 jam yang lalu</div>
        <p>Sebuah gudang mebel di Jepara terbakar dan api baru padam setelah tiga jam.</p>
        <p>Empat mobil pemadam dikerahkan ke lokasi kebakaran itu.</p></article></body></html>
        """
    )
    fetched = datetime(2022, 1, 4, 1, 30, tzinfo=DEFAULT_ZONE)

    article = only_article(
        read(
            config(Source("url", server.url("/kebakaran"))),
            tmp_path,
            clock=fetched.timestamp,
        )
    )

    assert article.published == "2022-01-03T23:30:00+07:00"
    assert "jam yang lalu" not in "\n".join(article.paragraphs)


def test_an_empty_valid_feed_has_no_items_and_no_warning(
    server: NewsServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server.routes["/kosong"] = Route(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Kosong</title>'
        b"<link>http://x/</link><description>x</description></channel></rss>",
        content_type="application/rss+xml",
    )

    with caplog.at_level(logging.INFO):
        assert read(config(Source("feed", server.url("/kosong"))), tmp_path) == []

    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_valid_feed_logs_no_malformed_warning(
    server: NewsServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    outlet = detik()
    serve(server, outlet)
    server.routes["/feed"] = Route(
        rss_feed(server.base, [("Rob", outlet.first, "x", outlet.feed_date)]),
        content_type="text/html",
    )

    with caplog.at_level(logging.WARNING):
        only_article(read(config(Source("feed", server.url("/feed"))), tmp_path))

    assert not [r for r in caplog.records if "malformed" in r.getMessage()]


def test_an_html_page_given_as_a_feed_is_reported(server: NewsServer, tmp_path: Path) -> None:
    outlet = detik()
    serve(server, outlet)

    (skipped,) = read(config(Source("feed", server.url(outlet.first))), tmp_path)

    assert isinstance(skipped, SkippedSource)
    assert skipped.reason == "not an RSS/Atom feed (served as text/html)"


def test_a_page_in_a_legacy_encoding_is_read_in_it(server: NewsServer, tmp_path: Path) -> None:
    text = (
        "<html><head><title>Kafe</title></head><body><article><h1>Kafe Batik</h1>"
        "<p>Kafe \u201cWastra\u201d di Solo \u2014 menjual caf\u00e9 latte Rp 25.000 per "
        "gelas untuk pengunjung pameran batik.</p></article></body></html>"
    )
    server.routes["/kafe"] = Route(
        text.encode("cp1252"), content_type="text/html; charset=ISO-8859-1"
    )

    article = only_article(read(config(Source("url", server.url("/kafe"))), tmp_path))

    assert "Kafe \u201cWastra\u201d di Solo \u2014 menjual caf\u00e9" in article.paragraphs[0]
