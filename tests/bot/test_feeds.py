"""Fresh news through the bot, in-process against a local news site: ``/add URL``, the
scheduled refresh and ``/reindex`` reading the sources file, with real builds (fake
embedder) so what gets indexed is checked, not assumed."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import CallbackContext

from bot.app import NewsApplication, build_application, live_index
from newsbot.bot.feeds import scheduled_refresh
from newsbot.bot.live import LiveIndex
from newsbot.bot.settings import BotSettings
from newsbot.bot.state import state_of
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.reading.feeds import added_urls, plan_sources, read_web_page
from tests.bot.fakes import ADMIN_ID, JSON, FakeTelegram, private, user
from tests.conftest import FakeEmbedder, write_article
from tests.news_server import BANJIR, KERETA, NewsServer, Route, article_page, rss_feed, serving

ADMIN = user(user_id=ADMIN_ID)


def paragraphs_read(title: str, paragraphs: list[str]) -> int:
    """How many paragraphs the reader finds in the page (what /add reports)."""
    return len(read_web_page(article_page(title, paragraphs).decode(), "http://x/").paragraphs)


@dataclass
class LiveBot:
    """The application over a real index in ``index_dir``, built from ``news``."""

    app: NewsApplication
    telegram: FakeTelegram
    live: LiveIndex
    index_dir: Path
    news: Path
    config: Path
    site: NewsServer

    async def send(self, update: JSON) -> None:
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def articles(self) -> int:
        return (await self.live.summary()).articles

    def last_text(self) -> str:
        edits = self.telegram.edits()
        return edits[-1] if edits else self.telegram.texts()[-1]


@pytest.fixture
def site() -> Iterator[NewsServer]:
    with serving() as server:
        server.routes["/banjir"] = Route(article_page("Banjir Rendam Medan Johor", BANJIR))
        server.routes["/kereta"] = Route(article_page("KAI Tambah Perjalanan", KERETA))
        server.routes["/json"] = Route(b'{"berita": []}', content_type="application/json")
        server.routes["/rusak"] = Route(status=500)
        server.routes["/go"] = Route(status=302, headers={"Location": "http://10.0.0.1/admin"})
        server.routes["/kosong"] = Route(b"<html><body><nav>Beranda</nav></body></html>")
        yield server


def sources_file(folder: Path, *extra: str, refresh: float = 0) -> Path:
    """A sources file reading ``news/``; only the local site may be private."""
    path = folder / "newsbot.toml"
    path.write_text(
        '[[sources]]\npath = "news"\n\n'
        + "".join(extra)
        + '[fetch]\ntimeout = 5\nretries = 0\nbackoff = 0\nallow_hosts = ["127.0.0.1"]\n\n'
        + f"[schedule]\nrefresh_minutes = {refresh}\n"
    )
    return path


async def start(tmp_path: Path, site: NewsServer, *, refresh: float = 0) -> LiveBot:
    news = tmp_path / "news"
    news.mkdir(exist_ok=True)
    write_article(news, "cabai.txt", "Harga Cabai Naik", "Harga cabai rawit naik dua kali lipat.")
    config = sources_file(tmp_path, refresh=refresh)
    index_dir, embedder = tmp_path / "idx", FakeEmbedder()
    build_index(index_dir, [news], embedder)
    live = live_index(NewsIndex.open(index_dir, embedder), index_dir, embedder)
    env = {"NEWSBOT_CONFIG": str(config)}
    settings = BotSettings(
        token="123456:TEST-TOKEN",
        admin_ids=frozenset({ADMIN_ID}),
        rate_limit=0,
        progress_seconds=0,
        refresh_minutes=refresh,
    )
    telegram = FakeTelegram()
    app = build_application(
        settings, live, lambda: plan_sources(index_dir, (), env), request=telegram
    )
    await app.initialize()
    return LiveBot(app, telegram, live, index_dir, news, config, site)


@pytest.fixture
async def bot(tmp_path: Path, site: NewsServer) -> AsyncIterator[LiveBot]:
    running = await start(tmp_path, site)
    try:
        yield running
    finally:
        await running.app.shutdown()


# --- /add ---------------------------------------------------------------------------------
async def test_add_indexes_the_page_and_says_its_headline_and_paragraphs(bot: LiveBot) -> None:
    url = bot.site.url("/banjir")
    await bot.send(private(f"/add {url}", sender=ADMIN))

    assert bot.telegram.texts() == [f"Fetching {url}…"]
    edits = bot.telegram.edits()
    count = paragraphs_read("Banjir Rendam Medan Johor", BANJIR)
    assert count >= len(BANJIR)
    headline = f"<b>Banjir Rendam Medan Johor</b> ({count} paragraphs)"
    assert edits[0] == f"Read {headline}. Rebuilding the index…"
    assert edits[-1].startswith(f"Added {headline}.\n")
    assert "1 added" in edits[-1]
    assert await bot.articles() == 2
    answer = await bot.live.ask("berapa warga mengungsi karena banjir di Medan?", 3)
    assert any("450 warga" in hit.text for hit in answer.hits)
    assert added_urls(bot.index_dir) == [url]


@pytest.mark.parametrize(
    ("language", "known"),
    [("en", "Already in the index, unchanged:"), ("id", "Sudah ada di indeks, tidak berubah:")],
)
async def test_adding_a_page_again_says_it_was_already_indexed(
    bot: LiveBot, language: str, known: str
) -> None:
    """A second /add of the same unchanged page said "Added …" over "The index was already
    up to date"."""
    url = bot.site.url("/banjir")
    await bot.send(private(f"/add {url}", sender=ADMIN))
    assert bot.telegram.edits()[-1].startswith("Added <b>Banjir Rendam Medan Johor</b>")
    await bot.send(private(f"/add {url}", sender={**ADMIN, "language_code": language}))
    again = bot.telegram.edits()[-1]
    assert again.startswith(f"{known} <b>Banjir Rendam Medan Johor</b>"), again
    assert "Added" not in again and "Ditambahkan" not in again
    assert added_urls(bot.index_dir) == [url]


async def test_an_added_url_stays_in_later_rebuilds(bot: LiveBot) -> None:
    await bot.send(private(f"/add {bot.site.url('/banjir')}", sender=ADMIN))
    await bot.send(private("/reindex", sender=ADMIN))
    assert "unchanged" in bot.last_text() or "up to date" in bot.last_text()
    assert await bot.articles() == 2


async def test_add_speaks_indonesian(bot: LiveBot) -> None:
    await bot.send(private(f"/add {bot.site.url('/kereta')}", sender=user(ADMIN_ID, "id")))
    count = paragraphs_read("KAI Tambah Perjalanan", KERETA)
    assert bot.last_text().startswith(
        f"Ditambahkan: <b>KAI Tambah Perjalanan</b> ({count} paragraf)."
    )


async def test_add_from_a_stranger_is_refused_and_fetches_nothing(
    bot: LiveBot, caplog: pytest.LogCaptureFixture
) -> None:
    await bot.send(private(f"/add {bot.site.url('/banjir')}", sender=user(user_id=31337)))
    assert bot.telegram.texts() == ["Sorry, only the bot's administrators can change the index."]
    assert "Refused /add from user 31337" in caplog.text
    assert bot.site.requests == [] and added_urls(bot.index_dir) == []


@pytest.mark.parametrize(
    "text",
    [
        "/add",
        "/add ftp://example.com/x",
        "/add a b",
        "/add not-a-url",
        "/add www.x.id/a",
        "/add https://",
        "/add http:///path-only",
    ],
)
async def test_add_without_one_web_address_shows_how(bot: LiveBot, text: str) -> None:
    # The reply fits whatever was sent: nothing, two things, or something that is no web
    # address (before, "send the article's address" answered an address without a scheme).
    await bot.send(private(text, sender=ADMIN))
    assert bot.telegram.texts() == [
        "Send one web address (http:// or https://) after the command, e.g. "
        "<code>/add https://…</code>."
    ]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/json", "not an HTML page (Content-Type 'application/json')"),
        ("/rusak", "HTTP 500"),
        ("/go", "10.0.0.1 is at 10.0.0.1, not a public address"),
        ("/kosong", "no article text found"),
        ("/hilang", "HTTP 404"),
    ],
)
async def test_a_page_that_cannot_be_added_says_why_and_the_old_index_serves(
    bot: LiveBot, path: str, reason: str
) -> None:
    url = bot.site.url(path)
    await bot.send(private(f"/add {url}", sender=ADMIN))
    [failed] = bot.telegram.edits()
    assert failed.startswith(f"Could not add {url}: ") and reason in failed
    assert added_urls(bot.index_dir) == []
    assert await bot.articles() == 1
    answer = await bot.live.ask("harga cabai rawit", 3)
    assert answer.hits


async def test_add_during_a_rebuild_says_one_is_running(bot: LiveBot) -> None:
    async with state_of(bot.app.bot_data).rebuild_lock:
        await bot.send(private(f"/add {bot.site.url('/banjir')}", sender=ADMIN))
    assert "already running" in bot.telegram.texts()[-1]
    assert bot.site.requests == []


# --- /reindex and the sources file ----------------------------------------------------------
async def test_reindex_reads_the_sources_file_and_its_feeds(bot: LiveBot) -> None:
    date = "Tue, 05 Mar 2024 02:30:00 GMT"
    bot.site.routes["/rss.xml"] = Route(
        rss_feed(bot.site.base, [("KAI Tambah Perjalanan", "/kereta", "Kereta.", date)]),
        content_type="application/rss+xml",
    )
    sources_file(bot.config.parent, f'[[sources]]\nfeed = "{bot.site.url("/rss.xml")}"\n\n')
    write_article(bot.news, "bus.txt", "Bus Listrik", "Bandung menambah bus listrik.")

    await bot.send(private("/reindex", sender=ADMIN))

    assert "3 articles, 2 added" in bot.last_text()
    assert await bot.articles() == 3
    assert "/kereta" in bot.site.paths()


async def test_reindex_with_nothing_configured_says_so(bot: LiveBot) -> None:
    bot.config.write_text("")
    await bot.send(private("/reindex", sender=ADMIN))
    assert bot.last_text().startswith("No sources are configured")
    assert await bot.articles() == 1


async def test_a_broken_sources_file_fails_the_rebuild_plainly(bot: LiveBot) -> None:
    bot.config.write_text("[[sources]]\nfeed = 'ftp://x'\n")
    await bot.send(private("/reindex", sender=ADMIN))
    assert bot.last_text().startswith("The rebuild failed; I keep answering from the old index.")
    assert "feed must be an http:// or https:// URL" in bot.last_text()


# --- the scheduled refresh ----------------------------------------------------------------
async def test_no_refresh_job_without_a_schedule(bot: LiveBot) -> None:
    assert bot.app.job_queue is not None  # the daily digests need it
    # the digests, and following versions `newsbot index` publishes beside the bot
    assert [job.name for job in bot.app.job_queue.jobs()] == ["digest", "follow"]


async def test_the_scheduled_refresh_rebuilds_and_logs_what_changed(
    tmp_path: Path, site: NewsServer, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await start(tmp_path, site, refresh=30)
    try:
        assert bot.app.job_queue is not None
        [job] = bot.app.job_queue.get_jobs_by_name("refresh")
        assert job.callback is scheduled_refresh and job.name == "refresh"
        assert job.job.trigger.interval.total_seconds() == 30 * 60

        write_article(bot.news, "bus.txt", "Bus Listrik", "Bandung menambah bus listrik.")
        with caplog.at_level(logging.INFO):
            await scheduled_refresh(CallbackContext(bot.app))
        assert await bot.articles() == 2
        assert "1 added, 0 updated, 0 removed, 0 skipped" in caplog.text
        assert bot.telegram.calls == []  # nobody is messaged
    finally:
        await bot.app.shutdown()


async def test_the_scheduled_refresh_skips_while_a_rebuild_runs(
    bot: LiveBot, caplog: pytest.LogCaptureFixture
) -> None:
    write_article(bot.news, "bus.txt", "Bus Listrik", "Bandung menambah bus listrik.")
    with caplog.at_level(logging.INFO):
        async with state_of(bot.app.bot_data).rebuild_lock:
            await scheduled_refresh(CallbackContext(bot.app))
    assert "Scheduled refresh skipped: a rebuild is already running" in caplog.text
    assert await bot.articles() == 1
