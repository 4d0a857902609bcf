"""Feeds and article URLs into the index: what gets indexed, what gets reported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.building import store
from newsbot.index.building.build import build_index
from newsbot.index.reading.feeds import (
    CACHE_FILE,
    article_id,
    canonical_url,
    read_configured,
    remember_url,
)
from newsbot.index.reading.sources import FetchSettings, Source, SourcesConfig
from tests.conftest import FakeEmbedder
from tests.news_server import (
    BANJIR,
    KERETA,
    NewsServer,
    Route,
    article_page,
    atom_feed,
    rss_feed,
    serving,
)

RSS = "application/rss+xml"
PAJAK = "Pemerintah menunda kenaikan pajak pertambahan nilai menjadi dua belas persen hingga tahun depan demi menjaga daya beli masyarakat."  # noqa: E501


@pytest.fixture
def news_server() -> Iterator[NewsServer]:
    with serving() as server:
        yield server


@pytest.fixture
def site(news_server: NewsServer) -> NewsServer:
    """An RSS feed of three stories (one page down), an Atom feed repeating one of them."""
    base = news_server.base
    routes = news_server.routes
    routes["/banjir"] = Route(
        article_page("Banjir Rendam Medan Johor", BANJIR, canonical=f"{base}/banjir")
    )
    routes["/kereta"] = Route(article_page("KAI Tambah Perjalanan", KERETA), etag='"k1"')
    routes["/pajak"] = Route(status=500)
    date = "Tue, 05 Mar 2024 02:30:00 GMT"
    routes["/rss.xml"] = Route(
        rss_feed(
            base,
            [
                ("Banjir Rendam Medan Johor", "/banjir?utm_source=rss", "Banjir di Medan.", date),
                ("KAI Tambah Perjalanan", "/kereta", "Kereta tambahan.", date),
                ("PPN Ditunda", "/pajak", PAJAK, date),
            ],
        ),
        content_type=RSS,
        etag='"rss-1"',
    )
    routes["/atom.xml"] = Route(
        atom_feed(
            base,
            [("Banjir di Medan", "/banjir#komentar", "Banjir.", "2024-03-05T03:00:00Z")],
        ),
        content_type="application/atom+xml",
    )
    return news_server


def config(*sources: Source, **fetch: object) -> SourcesConfig:
    given: dict[str, object] = {"timeout": 5, "retries": 1, "backoff": 0, **fetch}
    settings = FetchSettings(allow_hosts=frozenset({"127.0.0.1"}), **given)  # type: ignore[arg-type]
    return SourcesConfig(sources=tuple(sources), fetch=settings)


def paragraphs(index_dir: Path) -> list[str]:
    conn = store.connect_readonly(store.live_version(index_dir))
    try:
        return [text for (text,) in conn.execute("SELECT text FROM paragraphs ORDER BY row")]
    finally:
        conn.close()


async def _no_sleep(seconds: float) -> None:
    return None


def read(cfg: SourcesConfig, index_dir: Path, **kwargs: object) -> list[Article | SkippedSource]:
    return list(read_configured(cfg, index_dir, sleep=_no_sleep, **kwargs))  # type: ignore[arg-type]


def test_canonical_urls_drop_fragments_and_tracking() -> None:
    assert (
        canonical_url("HTTPS://Example.com/berita?id=3&utm_source=x&utm_medium=rss#atas")
        == "https://example.com/berita?id=3"
    )
    assert article_id("https://example.com/a#b") == article_id("https://example.com/a")


def test_feeds_are_indexed_once_per_story_and_failures_reported(
    site: NewsServer, tmp_path: Path
) -> None:
    cfg = config(
        Source("feed", site.url("/rss.xml"), outlet="Kabar Contoh"),
        Source("feed", site.url("/atom.xml")),
    )
    report = build_index(tmp_path / "idx", [], FakeEmbedder(), extra=read(cfg, tmp_path / "idx"))
    # banjir (once, though in both feeds), kereta, and pajak from the feed's own summary
    assert report.articles == 3
    assert report.skipped == ()
    texts = paragraphs(tmp_path / "idx")
    assert any("450 warga terpaksa mengungsi" in t for t in texts)
    assert any("dua belas persen" in t for t in texts)  # the summary stands in for the 500
    joined = "\n".join(texts)
    for junk in ("Baca juga", "IKLAN", "Beranda", "Terpopuler", "Hak cipta", "dataLayer"):
        assert junk not in joined
    conn = store.connect_readonly(store.live_version(tmp_path / "idx"))
    rows = conn.execute("SELECT title, source, url, published FROM articles").fetchall()
    conn.close()
    by_title = {title: (source, url, published) for title, source, url, published in rows}
    assert by_title["Banjir Rendam Medan Johor"][0] == "Kabar Contoh"
    assert by_title["Banjir Rendam Medan Johor"][1] == site.url("/banjir")
    assert by_title["PPN Ditunda"][2] == "2024-03-05T09:30:00+07:00"  # 02:30 GMT, in WIB
    assert site.paths().count("/pajak") == 2  # retried once


def test_unchanged_feed_costs_one_request(site: NewsServer, tmp_path: Path) -> None:
    cfg = config(Source("feed", site.url("/rss.xml")))
    index_dir = tmp_path / "idx"
    embedder = FakeEmbedder()
    first = build_index(index_dir, [], embedder, extra=read(cfg, index_dir))
    site.requests.clear()
    second = build_index(index_dir, [], embedder, extra=read(cfg, index_dir))
    assert site.paths() == ["/rss.xml"]
    assert site.requests[0].headers["if-none-match"] == '"rss-1"'
    assert (second.articles, second.changed) == (first.articles, False)


def test_a_changed_feed_refetches_pages_conditionally(site: NewsServer, tmp_path: Path) -> None:
    cfg = config(Source("feed", site.url("/rss.xml")))
    index_dir = tmp_path / "idx"
    embedder = FakeEmbedder()
    build_index(index_dir, [], embedder, extra=read(cfg, index_dir))
    later = "Tue, 05 Mar 2024 08:00:00 GMT"  # both stories were updated; pajak was not
    site.routes["/rss.xml"] = Route(
        rss_feed(
            site.base,
            [
                ("Banjir Rendam Medan Johor", "/banjir?utm_source=rss", "Banjir.", later),
                ("KAI Tambah Perjalanan", "/kereta", "Kereta tambahan.", later),
                ("PPN Ditunda", "/pajak", PAJAK, "Tue, 05 Mar 2024 02:30:00 GMT"),
            ],
        ),
        content_type=RSS,
    )
    site.routes["/banjir"].body = article_page(
        "Banjir Rendam Medan Johor", [*BANJIR, "Air mulai surut pada Selasa sore."]
    )
    site.requests.clear()
    report = build_index(index_dir, [], embedder, extra=read(cfg, index_dir))
    kereta = next(r for r in site.requests if r.path == "/kereta")
    assert kereta.headers["if-none-match"] == '"k1"'  # answered 304: read from the cache
    assert (report.articles, report.updated, report.added, report.removed) == (3, 1, 0, 0)
    assert any("Air mulai surut" in t for t in paragraphs(index_dir))


def test_broken_feeds_and_pages_are_reported_and_the_rest_indexed(
    site: NewsServer, tmp_path: Path
) -> None:
    routes = site.routes
    routes["/bad.xml"] = Route(b"<rss><channel><item><title>Rusak", content_type=RSS)
    routes["/json"] = Route(b'{"berita": []}', content_type="application/json")
    routes["/go"] = Route(status=302, headers={"Location": "http://10.0.0.1/admin"})
    routes["/huge"] = Route(b"<p>" + b"x" * 200_000)
    routes["/slow.xml"] = Route(b"<rss/>", content_type=RSS, delay=3)
    urls = ["/json", "/go", "/huge"]
    cfg = config(
        Source("feed", site.url("/bad.xml")),
        *(Source("url", site.url(u)) for u in urls),
        Source("url", site.url("/kereta"), outlet="Warta KAI"),
        max_bytes=100_000,
    )
    slow = config(Source("feed", site.url("/slow.xml")), timeout=0.3, retries=0).sources
    items = read(cfg, tmp_path / "idx")
    slow_items = read(
        SourcesConfig(sources=slow, fetch=FetchSettings(timeout=0.3, allow_private=True)),
        tmp_path / "other",
    )
    skipped = {s.path: s.reason for s in items if isinstance(s, SkippedSource)}
    assert "not a valid RSS/Atom feed" in skipped[site.url("/bad.xml")]
    assert "Content-Type 'application/json'" in skipped[site.url("/json")]
    assert "10.0.0.1" in skipped[site.url("/go")]
    assert "max_bytes" in skipped[site.url("/huge")]
    assert "timed out" in str(slow_items[0])
    articles = [a for a in items if isinstance(a, Article)]
    assert [(a.title, a.source) for a in articles] == [("KAI Tambah Perjalanan", "Warta KAI")]
    report = build_index(tmp_path / "idx", [], FakeEmbedder(), extra=items)
    assert report.articles == 1
    assert len(report.skipped) == 4


def test_added_urls_are_kept_for_later_builds(site: NewsServer, tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    remember_url(index_dir, site.url("/kereta"))
    remember_url(index_dir, site.url("/kereta"))
    cfg = config(Source("url", site.url("/banjir")))
    report = build_index(index_dir, [], FakeEmbedder(), extra=read(cfg, index_dir))
    assert report.articles == 2
    assert (index_dir / "added-urls.txt").read_text().count("/kereta") == 1


def test_stories_that_left_the_feed_stay_for_keep_days(site: NewsServer, tmp_path: Path) -> None:
    cfg = config(Source("feed", site.url("/rss.xml")), keep_days=2)
    index_dir = tmp_path / "idx"
    day = 86400.0
    assert len(read(cfg, index_dir, clock=lambda: 10 * day)) == 3
    base = site.base
    site.routes["/rss.xml"] = Route(
        rss_feed(base, [("KAI", "/kereta", "Kereta.", "Wed, 06 Mar 2024 02:30:00 GMT")]),
        content_type=RSS,
    )
    kept = read(cfg, index_dir, clock=lambda: 11 * day)
    assert len(kept) == 3
    later = read(cfg, index_dir, clock=lambda: 13 * day)
    assert [a.title for a in later if isinstance(a, Article)] == ["KAI Tambah Perjalanan"]


def test_files_in_the_config_are_read_too(site: NewsServer, tmp_path: Path) -> None:
    (tmp_path / "lokal.txt").write_text(
        "Harga Cabai Naik\n\nHarga cabai rawit di pasar induk naik dua kali lipat.\n"
    )
    cfg = SourcesConfig(
        sources=(Source("path", "lokal.txt", outlet="Arsip"), Source("url", site.url("/banjir"))),
        fetch=config().fetch,
        folder=tmp_path,
    )
    items = read(cfg, tmp_path / "idx")
    assert [(a.title, a.source) for a in items if isinstance(a, Article)] == [
        ("Harga Cabai Naik", "Arsip"),
        ("Banjir Rendam Medan Johor", "Kabar Contoh"),
    ]


def test_articles_keep_when_they_were_first_fetched(site: NewsServer, tmp_path: Path) -> None:
    cfg = config(Source("feed", site.url("/rss.xml")))
    index_dir = tmp_path / "idx"
    first = 1709609400.0  # 2024-03-05T03:30:00Z

    def seen() -> dict[str, tuple[str | None, str | None]]:
        conn = store.connect_readonly(store.live_version(index_dir))
        try:
            rows = conn.execute("SELECT title, published, seen FROM articles").fetchall()
        finally:
            conn.close()
        return {title: (published, seen) for title, published, seen in rows}

    build_index(index_dir, [], FakeEmbedder(), extra=read(cfg, index_dir, clock=lambda: first))
    fetched = seen()
    assert {s for _, s in fetched.values()} == {"2024-03-05T03:30:00+00:00"}
    # The page without a date takes the feed entry's as its publication date, never the
    # fetch time; the summary standing in for the page that failed is seen too.
    assert fetched["PPN Ditunda"] == ("2024-03-05T09:30:00+07:00", "2024-03-05T03:30:00+00:00")
    # Fetched again a day later (the page changed): first seen stays the first fetch.
    site.routes["/banjir"].body = article_page(
        "Banjir Rendam Medan Johor", [*BANJIR, "Air mulai surut pada Selasa sore."]
    )
    updated = "Wed, 06 Mar 2024 01:00:00 GMT"
    site.routes["/rss.xml"] = Route(
        rss_feed(
            site.base, [("Banjir Rendam Medan Johor", "/banjir?utm_source=rss", "B.", updated)]
        ),
        content_type=RSS,
    )
    later = first + 86400
    build_index(index_dir, [], FakeEmbedder(), extra=read(cfg, index_dir, clock=lambda: later))
    assert any("Air mulai surut" in t for t in paragraphs(index_dir))  # fetched again
    assert seen()["Banjir Rendam Medan Johor"][1] == "2024-03-05T03:30:00+00:00"
    # A URL added later is first seen then.
    site.routes["/baru"] = Route(article_page("Jalan Tol Baru Dibuka", KERETA))
    items = read(config(), index_dir, urls=[site.url("/baru")], clock=lambda: later)
    assert [a.seen for a in items if isinstance(a, Article)] == ["2024-03-06T03:30:00+00:00"]


def test_a_page_cached_before_seen_times_were_kept_is_seen_at_the_next_read(
    site: NewsServer, tmp_path: Path
) -> None:
    cfg = config(Source("feed", site.url("/rss.xml")))
    index_dir = tmp_path / "idx"
    earlier = 1709605800.0  # an hour before
    build_index(index_dir, [], FakeEmbedder(), extra=read(cfg, index_dir, clock=lambda: earlier))
    cache_file = index_dir / CACHE_FILE
    data = json.loads(cache_file.read_text())
    for page in data["pages"].values():
        page["article"].pop("seen", None)  # as an older newsbot wrote it
    cache_file.write_text(json.dumps(data))
    later = 1709609400.0  # 2024-03-05T03:30:00Z
    items = read(cfg, index_dir, clock=lambda: later)
    seen = {a.seen for a in items if isinstance(a, Article)}
    assert seen == {"2024-03-05T03:30:00+00:00"}
    # Kept from then on: a read a day later finds the same first-seen time.
    again = read(cfg, index_dir, clock=lambda: later + 86400)
    assert {a.seen for a in again if isinstance(a, Article)} == seen


def test_feed_entries_without_a_link_are_named_in_the_summary(
    site: NewsServer, tmp_path: Path
) -> None:
    """An entry newsbot cannot fetch nor cite (no link, a guid that is no permalink, a
    mailto: link) is named with its feed, not dropped in silence; a guid that is a
    permalink is the entry's link."""
    base = site.base
    routes = site.routes
    routes["/mixed.xml"] = Route(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kabar Campur</title>
<item><title>Banjir</title><link>{base}/banjir</link><description>Banjir.</description></item>
<item><title>Kereta</title><guid>{base}/kereta</guid><description>Kereta.</description></item>
<item><title>Tanpa tautan</title><guid isPermaLink="false">123</guid>
<description>{PAJAK}</description></item>
<item><title>Surel</title><link>mailto:redaksi@example.com</link>
<description>{PAJAK}</description></item>
</channel></rss>""".encode(),
        content_type=RSS,
    )
    routes["/bare.xml"] = Route(
        b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tanpa Tautan</title>
<entry><title>Satu</title><id>urn:x:1</id><updated>2024-03-05T10:00:00Z</updated>
<summary>Ringkasan yang cukup panjang untuk menjadi sebuah paragraf berita.</summary></entry>
</feed>""",
        content_type="application/atom+xml",
    )
    cfg = config(Source("feed", site.url("/mixed.xml")), Source("feed", site.url("/bare.xml")))
    items = read(cfg, tmp_path / "idx")
    skipped = {s.path: s.reason for s in items if isinstance(s, SkippedSource)}
    assert skipped == {
        site.url("/mixed.xml"): "2 entries without an http(s) link to the article: not indexed",
        site.url("/bare.xml"): "1 entry without an http(s) link to the article: not indexed",
    }
    titles = sorted(a.title for a in items if isinstance(a, Article))
    assert titles == ["Banjir Rendam Medan Johor", "KAI Tambah Perjalanan"]
    report = build_index(tmp_path / "idx", [], FakeEmbedder(), extra=items)
    assert report.articles == 2 and len(report.skipped) == 2


def test_a_page_without_a_site_name_is_cited_by_its_feed_s_name(
    site: NewsServer, tmp_path: Path
) -> None:
    """As an entry's summary is: the feed names the outlet the page does not (kept in the
    cache, so a feed that answers 304 later keeps it), without the section its title adds
    ("Kabar Contoh - Terkini"), as the outlet's other pages name it; a configured outlet
    still wins."""
    page = article_page("Banjir Rendam Medan Johor", BANJIR).replace(
        b'<meta property="og:site_name" content="Kabar Contoh">', b""
    )
    page = page.replace(b"<title>Banjir Rendam Medan Johor - Kabar Contoh</title>", b"")
    site.routes["/banjir"] = Route(page)
    site.routes["/rss.xml"].etag = '"rss-1"'
    only = config(Source("feed", site.url("/rss.xml")))
    first = {a.url: a.source for a in read(only, tmp_path / "idx") if isinstance(a, Article)}
    assert first[site.url("/banjir")] == "Kabar Contoh"
    again = {a.url: a.source for a in read(only, tmp_path / "idx") if isinstance(a, Article)}
    assert again == first
    named = config(Source("feed", site.url("/rss.xml"), outlet="Kabar Medan"))
    outlets = {a.source for a in read(named, tmp_path / "idx") if isinstance(a, Article)}
    assert outlets == {"Kabar Medan"}
