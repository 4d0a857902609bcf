"""Fresh variants of the real news input the indexer meets, one group per kind: readers'
copy-pastes of outlets' pages, relative times, encodings, multi-page articles and feeds.

The inputs are small saved files under ``tests/data/variants/<kind>/``; pages and feeds are
served from a local news server. Each test name starts with its kind (``test_copy_paste_``,
``test_relative_``, ``test_encoding_``, ``test_multipage_``, ``test_feed_``), which
``benchmarks/reading_variants.py`` counts.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.reading.dates import display_published
from newsbot.index.reading.encodings import decode_text
from newsbot.index.reading.feeds import plan_sources, read_configured
from newsbot.index.reading.pagination import (
    is_pagination,
    page_number,
    same_article,
    without_pagination,
)
from newsbot.index.reading.readers import article_from_record, read_sources, read_text_article
from newsbot.index.reading.sources import FetchSettings, Source, SourcesConfig
from tests.news_server import NewsServer, Route, serving

VARIANTS = Path(__file__).parent / "data" / "variants"


@pytest.fixture
def news_server() -> Iterator[NewsServer]:
    with serving() as server:
        yield server


def read_one(path: Path) -> Article:
    (item,) = list(read_sources([path]))
    assert isinstance(item, Article), item
    return item


async def _no_sleep(seconds: float) -> None:
    return None


def fetch(server: NewsServer, tmp_path: Path, *sources: Source, at: float | None = None) -> list:
    settings = FetchSettings(allow_hosts=frozenset({"127.0.0.1"}), timeout=5, retries=0, backoff=0)
    config = SourcesConfig(sources=sources, fetch=settings)
    clock = (lambda: at) if at is not None else None
    kwargs = {"clock": clock} if clock else {}
    return list(read_configured(config, tmp_path / "idx", sleep=_no_sleep, **kwargs))


def articles_of(items: list) -> list[Article]:
    found = [i for i in items if isinstance(i, Article)]
    assert found, [i for i in items if isinstance(i, SkippedSource)]
    return found


# -- 1. a reader's copy-paste of an outlet's page ------------------------------------------


@dataclass(frozen=True)
class Pasted:
    outlet: str
    published: str | None
    first: str  # the body's first words
    last: str  # the body's last words
    paragraphs: int


PASTED = {
    "detik.txt": Pasted(
        "detikNews",
        "2022-01-03T06:45:00+07:00",
        "Banjir merendam permukiman",
        'belum berhenti," ujarnya.',
        3,
    ),
    "tribunnews.txt": Pasted(
        "Tribunnews.com",
        "2022-01-03T07:15:00+07:00",
        "Harga cabai rawit merah",
        "di lima pasar induk mulai Rabu.",
        3,
    ),
    "liputan6.txt": Pasted(
        "Liputan6.com",
        "2022-01-03T09:30:00+07:00",
        "Kementerian Kesehatan mencatat",
        "tetap sepuluh hari.",
        2,
    ),
    "cnnindonesia.txt": Pasted(
        "CNN Indonesia",
        "2022-01-06T21:10:00+07:00",
        "Komisi Pemberantasan Korupsi",
        "sebagai tersangka.",
        2,
    ),
    "tempo.txt": Pasted(
        "Tempo",
        "2022-01-06T14:20:00+07:00",
        "Presiden Joko Widodo mencabut",
        "sumber daya alam.",
        2,
    ),
    "antara.txt": Pasted(
        "Antara",
        "2022-01-04T11:05:00+07:00",
        "Badan Meteorologi, Klimatologi",
        "laporan korban jiwa.",
        2,
    ),
    "kompas.txt": Pasted(
        "Kompas",
        "2022-01-03T08:00:00+07:00",
        "PT Kereta Api Indonesia (KAI)",
        "paling banyak dipesan.",
        2,
    ),
    "jakartapost.txt": Pasted(
        "The Jakarta Post",
        "2022-01-03T18:45:00",
        "The government has extended",
        "until January 17.",
        2,
    ),
    "okezone.txt": Pasted(
        "Okezone", "2022-01-02T10:05:00+07:00", "Polres Metro Depok", "sebagai barang bukti.", 2
    ),
    "suara.txt": Pasted(
        "Suara.com", "2022-01-05T13:20:00+07:00", "Ratusan warga di Kecamatan", "Kamis malam.", 2
    ),
    "republika.txt": Pasted(
        "Republika", None, "Menteri Agama meminta", "menyiapkan petugas piket.", 2
    ),
    "cnbcindonesia.txt": Pasted(
        "CNBC Indonesia", "2022-01-03T09:05:00", "Indeks Harga Saham", "sepanjang hari.", 2
    ),
    "antara-english.txt": Pasted(
        "Antara", "2022-01-03T18:10:00+07:00", "Indonesia will begin", "free of charge.", 2
    ),
}
# Anything of the page around the story: bylines, credits, links to other stories, share
# buttons, an outlet's promotions, its copyright line, datelines and reporters' initials.
NOT_STORY = re.compile(
    r"baca juga|^baca:|read also|laporan wartawan|editor:|pewarta:|penulis:|reporter:"
    r"|copyright|bagikan|share this|google news|whatsapp|tanpa iklan|simak"
    r"|\(\w{2,4}/\w{2,4}\)|^[A-Z ]{6,}$|detiknews|cnn indonesia --|liputan6\.com,|tempo\.co,"
    r"|\(antara\)|tribunnews\.com,|kompas\.com -|gambas|dian septiari|the jakarta post"
    r"|2022 / |ikuti kami|related news|republika\.co\.id|cnbc indonesia -|^\w+ - ",
    re.IGNORECASE | re.MULTILINE,
)


@pytest.mark.parametrize("name", sorted(PASTED))
def test_copy_paste_reads_outlet_date_and_body_alone(name: str) -> None:
    expected = PASTED[name]
    article = read_one(VARIANTS / "copy-paste" / name)
    assert article.source is not None
    assert expected.outlet.lower() in article.source.lower()
    assert article.published == expected.published
    for paragraph in article.paragraphs:
        assert not NOT_STORY.search(paragraph), paragraph
    assert article.paragraphs[0].startswith(expected.first)
    assert article.paragraphs[-1].endswith(expected.last)
    assert len(article.paragraphs) == expected.paragraphs


# The same stories as outlets' saved pages: the boilerplate sits in the article's markup.
PAGES = {
    "detik.html": ("detik", "2022-01-03T06:45:00+07:00", "Arief Ikhsanudin", "detik.txt"),
    "kompas.html": ("kompas", "2022-01-03T08:00:00+07:00", "Ade Miranti Karunia", "kompas.txt"),
    "antara.html": ("antara", "2022-01-04T11:05:00+07:00", "Sugiharto Purnama", "antara.txt"),
    "cnnindonesia.html": ("cnn indonesia", "2022-01-06T21:10:00+07:00", None, "cnnindonesia.txt"),
    "tribunnews.html": (
        "tribunnews",
        "2022-01-03T07:15:00+07:00",
        "Reynas Abdila",
        "tribunnews.txt",
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_copy_paste_saved_outlet_page_reads_like_the_paste(name: str) -> None:
    outlet, published, author, pasted = PAGES[name]
    article = read_one(VARIANTS / "pages" / name)
    expected = PASTED[pasted]
    assert article.source is not None and outlet in article.source.lower()
    assert article.published == published
    assert article.author == author
    for paragraph in article.paragraphs:
        assert not NOT_STORY.search(paragraph), paragraph
    assert article.paragraphs[0].startswith(expected.first)
    assert article.paragraphs[-1].endswith(expected.last)
    assert len(article.paragraphs) == expected.paragraphs


@pytest.mark.parametrize(
    "line",
    [
        "| Baca juga: Banjir Jakarta Hari Ini: 27 RT Terendam |",
        'Simak Video "Banjir Rendam Bekasi, Warga Mengungsi"',
        "Tonton juga video berikut ini:",
        "Saksikan video pilihan di bawah ini",
    ],
)
def test_copy_paste_links_to_other_stories_and_videos_are_dropped(line: str) -> None:
    text = (
        "Pasar Murah Digelar di 12 Kecamatan\n\n"
        "Pemerintah kota menggelar pasar murah di 12 kecamatan menjelang Ramadan untuk "
        f"menekan harga bahan pokok.\n\n{line}\n\n"
        "Warga cukup membawa kartu keluarga untuk membeli paket sembako yang disediakan."
    )
    assert len(read_text_article(text, "pasar.txt").paragraphs) == 2


@pytest.mark.parametrize(
    "change",
    [
        ("\n", "\r\n"),  # Windows line ends
        ("\n", "\r"),  # old Mac line ends
        (" ", "\u00a0"),  # a browser's non-breaking spaces
        ("karet.\n\nBaca juga: ", "karet. Baca juga: "),  # the link glued to a paragraph
        ("karet.\n\nBaca juga: ", "karet. Baca Juga "),
    ],
)
def test_copy_paste_pasted_differently_reads_the_same(change: tuple[str, str]) -> None:
    text = (VARIANTS / "copy-paste" / "detik.txt").read_text().replace(*change)
    article = read_text_article(text, "detik.txt")
    assert article.published == "2022-01-03T06:45:00+07:00"
    assert article.source == "detikNews"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[1].endswith("dan perahu karet.")
    assert not any(NOT_STORY.search(p) for p in article.paragraphs)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Senin, 3 Januari 2022 07:15 WIB Penulis: Reynas Abdila | Editor: Hasanudin Aco",
         "Reynas Abdila"),
        ("Senin, 3 Januari 2022 07:15 WIB - Reynas Abdila - detikNews", "Reynas Abdila"),
        ("03/01/2022, 07:15 WIB Oleh Reynas Abdila", "Reynas Abdila"),
    ],
)  # fmt: skip
def test_copy_paste_date_and_byline_run_into_one_line(line: str, author: str) -> None:
    text = (VARIANTS / "copy-paste" / "tribunnews.txt").read_text()
    text = text.replace("Senin, 3 Januari 2022 07:15 WIB", line)
    article = read_text_article(text, "x.txt")
    assert article.published == "2022-01-03T07:15:00+07:00"
    assert article.author == author
    assert article.editor == "Hasanudin Aco"
    assert len(article.paragraphs) == 3
    assert not any(NOT_STORY.search(p) or "2022" in p for p in article.paragraphs)


def test_copy_paste_date_opening_a_sentence_stays() -> None:
    text = (
        (VARIANTS / "copy-paste" / "tribunnews.txt")
        .read_text()
        .replace(
            "Senin, 3 Januari 2022 07:15 WIB",
            "Senin, 3 Januari 2022 pemerintah menaikkan harga eceran tertinggi minyak goreng.",
        )
    )
    article = read_text_article(text, "x.txt")
    assert any(p.startswith("Senin, 3 Januari 2022 pemerintah") for p in article.paragraphs)


def test_copy_paste_baca_juga_inside_a_sentence_stays() -> None:
    text = (
        "Judul Berita Soal Buku\n\nSiswa diminta membaca buku sejarah setiap pekan. Baca juga "
        "buku cerita rakyat agar anak mengenal budaya daerahnya, kata kepala sekolah.\n\n"
        "Paragraf kedua berita ini cukup panjang untuk dibaca."
    )
    assert "Baca juga buku cerita rakyat" in read_text_article(text, "x.txt").paragraphs[0]


@pytest.mark.parametrize(
    ("name", "author"),
    [
        ("antara.txt", "Sugiharto Purnama"),  # "Pewarta:" under the story
        ("antara-english.txt", "Hreeloita Dharma Shanti"),  # "Reporter:" under it
        ("suara.txt", "Uli Febriarni"),  # "Kontributor :"
        ("republika.txt", "Fuji Eka Permana"),  # "Rep: ... / Red: ..."
        ("cnbcindonesia.txt", None),  # "Market - Tim Riset, CNBC Indonesia": a desk
        ("jakartapost.txt", "Dian Septiari"),  # a name above the outlet's line
    ],
)
def test_copy_paste_reporter_is_the_author(name: str, author: str | None) -> None:
    assert read_one(VARIANTS / "copy-paste" / name).author == author


@pytest.mark.parametrize(
    "line",
    [
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Bagikan artikel ini",
        "Ikuti berita terkini dari Tribunnews di Google News",
        "Follow us on Google News",
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari "
        'bergabung di Grup Telegram "Kompas.com News Update", caranya klik link berikut.',
        "Copyright © 2022 Kabar Pasar. All rights reserved.",
        "Download aplikasi Kabar Pasar di Google Play",
    ],
)
def test_copy_paste_promotion_lines_mid_text_are_dropped(line: str) -> None:
    text = (
        "Pasar Murah Digelar di 12 Kecamatan\n\n"
        "Pemerintah kota menggelar pasar murah di 12 kecamatan menjelang Ramadan untuk "
        f"menekan harga bahan pokok.\n\n{line}\n\n"
        "Warga cukup membawa kartu keluarga untuk membeli paket sembako yang disediakan."
    )
    article = read_text_article(text, "pasar.txt")
    assert len(article.paragraphs) == 2
    assert all(line not in p for p in article.paragraphs)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ikuti perkembangan kasus ini, kata Kapolres, karena penyidik masih memeriksa saksi.",
        "Copyright atas lagu itu kini dipegang oleh ahli waris sang pencipta sejak 2019.",
        "Bagikan bantuan itu secara merata, pesan Bupati kepada para kepala desa.",
        "Hak cipta 2020 atas lagu itu dipegang ahli waris sang pencipta, dan label rekaman "
        "yang merilisnya kembali tidak pernah meminta izin kepada keluarga, kata kuasa hukum.",
        "Simak penjelasan lengkap Menteri Kesehatan soal aturan karantina bagi pelaku "
        "perjalanan luar negeri dalam konferensi pers yang digelar Senin sore.",
    ],
)
def test_copy_paste_story_sentences_like_promotions_stay(sentence: str) -> None:
    second = "Paragraf kedua berita ini cukup panjang untuk dibaca."
    text = f"Judul Berita Hari Ini Soal Bantuan\n\n{sentence}\n\n{second}"
    article = read_text_article(text, "x.txt")
    assert sentence in article.paragraphs


# -- 2. relative and partial times -----------------------------------------------------------

RELATIVE = VARIANTS / "relative"
# 08:00 WIB on 5 January 2022, given as a UTC instant: the day must be counted in WIB.
NOW = datetime(2022, 1, 5, 1, 0, tzinfo=UTC)
RESOLVED = {
    "jam-yang-lalu.txt": "2022-01-05T06:00:00+07:00",
    "hari-lalu.txt": "2022-01-04",
    "diperbarui-menit.txt": "2022-01-05T07:55:00+07:00",
    "kemarin-jam.txt": "2022-01-04T10:30:00+07:00",
    "hari-ini-wib.txt": "2022-01-05T08:15:00+07:00",
    "hours-ago.txt": "2022-01-05T05:00:00+07:00",
    "updated-day-ago.txt": "2022-01-04",
    "kemarin-wita.txt": "2022-01-04T19:05:00+08:00",
}
TIME_WORDS = re.compile(r"\blalu\b|\bago\b|kemarin|hari ini|\d\d[.:]\d\d", re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(RESOLVED))
def test_relative_time_in_a_saved_file_is_no_date_and_no_text(name: str) -> None:
    article = read_one(RELATIVE / name)
    assert article.published is None
    assert len(article.paragraphs) == 2
    assert not any(TIME_WORDS.search(p) for p in article.paragraphs)


@pytest.mark.parametrize("name", sorted(RESOLVED))
def test_relative_time_resolved_against_the_fetch_time_in_wib(name: str) -> None:
    article = read_text_article((RELATIVE / name).read_text(), name, fetched_at=NOW)
    assert article.published == RESOLVED[name]
    assert not any(TIME_WORDS.search(p) for p in article.paragraphs)


def test_relative_time_outlet_beside_it_is_kept() -> None:
    article = read_one(RELATIVE / "jam-yang-lalu.txt")
    assert article.source == "Kompas.com"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2 jam yang lalu", "2022-01-05T06:00:00+07:00"),
        ("Kemarin, 10:30", "2022-01-04T10:30:00+07:00"),
        ("Hari ini 08.15 WIB", "2022-01-05T08:15:00+07:00"),
        ("Updated: 1 day ago", "2022-01-04"),
    ],
)
def test_relative_time_on_a_fetched_page(
    line: str, expected: str, news_server: NewsServer, tmp_path: Path
) -> None:
    news_server.routes["/berita/jembatan"] = Route(_cianjur_page(line))
    items = fetch(
        news_server,
        tmp_path,
        Source("url", news_server.url("/berita/jembatan")),
        at=NOW.timestamp(),
    )
    (article,) = articles_of(items)
    assert article.published == expected
    assert not any(TIME_WORDS.search(p) for p in article.paragraphs)


def test_relative_time_in_a_record_is_resolved_against_its_crawl_time() -> None:
    record = {
        "text": "2 jam yang lalu\n\n"
        + (RELATIVE / "hari-lalu.txt").read_text().split("\n\n", 2)[2],
        "crawled_at": "2022-01-05T01:00:00Z",
    }
    article = article_from_record(record, "dump.jsonl:1")
    assert article.published == "2022-01-05T06:00:00+07:00"
    assert not any("lalu" in p for p in article.paragraphs)
    undated = article_from_record({"text": record["text"]}, "dump.jsonl:2")
    assert undated.published is None


@pytest.mark.parametrize(
    "header",
    [
        "Senin, 03 Jan 2022 06:45 WIB | Diperbarui 5 menit lalu",
        "Kompas.com - 03/01/2022, 06:45 WIB\nDiperbarui 2 jam lalu",
        "Diperbarui 2 jam lalu\nKompas.com - 03/01/2022, 06:45 WIB",
        "Diperbarui 2 jam yang lalu\n\nSenin, 03 Jan 2022 06:45 WIB",
    ],
)
def test_relative_time_beside_a_printed_date_gives_way_to_it(header: str) -> None:
    """An update's relative time ("Diperbarui ...") never replaces the publication date."""
    body = (RELATIVE / "hari-lalu.txt").read_text().split("\n\n", 2)[2]
    text = f"Jembatan Gantung di Cianjur Putus\n\n{header}\n\n{body}"
    for fetched_at in (None, NOW):
        article = read_text_article(text, "x.txt", fetched_at=fetched_at)
        assert article.published == "2022-01-03T06:45:00+07:00"
        assert len(article.paragraphs) == 2


def test_relative_time_on_a_saved_page_is_dropped(tmp_path: Path) -> None:
    page = tmp_path / "jembatan.html"
    page.write_bytes(_cianjur_page("2 jam yang lalu"))
    article = read_one(page)
    assert article.published is None
    assert not any(TIME_WORDS.search(p) for p in article.paragraphs)


# Partial times (no year, or no day) at 08:00 WIB on Wednesday 5 January 2022.
PARTIAL = {
    "06:45 WIB": "2022-01-05T06:45:00+07:00",
    "Pukul 06.45 WIB": "2022-01-05T06:45:00+07:00",
    "09:30 WITA": "2022-01-04T09:30:00+08:00",  # 09:00 WITA now: yesterday's
    "Senin, 06.45 WIB": "2022-01-03T06:45:00+07:00",
    "Rabu 10:30": "2021-12-29T10:30:00+07:00",  # today's 10:30 is still to come
    "3 Januari, 06:45 WIB": "2022-01-03T06:45:00+07:00",
    "Senin, 3 Jan | 06:45": "2022-01-03T06:45:00+07:00",
    "Jan 3, 6:45 PM": "2022-01-03T18:45:00+07:00",
    "20 Desember": "2021-12-20",  # not yet this year: last year's
    "Tadi pagi": None,
    "Pekan lalu": None,
}


@pytest.mark.parametrize("line", sorted(PARTIAL))
def test_relative_partial_time_is_no_text_and_dated_only_by_a_fetch(line: str) -> None:
    body = (RELATIVE / "hari-lalu.txt").read_text().split("\n\n", 2)[2]
    text = f"Jembatan Gantung di Cianjur Putus\n\n{line}\n\n{body}"
    saved = read_text_article(text, "x.txt")
    fetched = read_text_article(text, "x.txt", fetched_at=NOW)
    assert saved.published is None
    assert fetched.published == PARTIAL[line]
    for article in (saved, fetched):
        assert len(article.paragraphs) == 2


def _cianjur_page(line: str) -> bytes:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Jembatan Putus</title></head>"
        "<body><article><h1>Jembatan Gantung di Cianjur Putus</h1>"
        f"<div class='date'>{line}</div>"
        "<p>Jembatan gantung penghubung dua desa di Kecamatan Cibeber, Cianjur, putus diterjang "
        "arus sungai yang meluap setelah hujan deras semalaman.</p>"
        "<p>Camat Cibeber mengatakan pemerintah daerah akan membangun jembatan darurat.</p>"
        "</article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2022-01-05T08:00:00+07:00", "2022-01-05T06:00:00+07:00"),
        ("2022-01-05 08:00", "2022-01-05T06:00:00+07:00"),  # no zone: WIB
        ("2022-01-04T20:00:00Z", "2022-01-05T01:00:00+07:00"),
    ],
)
def test_relative_time_fetch_clock_follows_newsbot_now(
    now: str, expected: str, news_server: NewsServer, tmp_path: Path
) -> None:
    news_server.routes["/berita/jembatan"] = Route(_cianjur_page("2 jam yang lalu"))
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[sources]]\nurl = "{news_server.url("/berita/jembatan")}"\n\n'
        "[fetch]\nallow_private = true\nretries = 0\n"
    )
    env = {"NEWSBOT_NOW": now, "NEWSBOT_CONFIG": str(sources)}
    plan = plan_sources(tmp_path / "idx", env=env)
    (article,) = articles_of(list(plan.articles()))
    assert article.published == expected


def test_relative_time_malformed_newsbot_now_is_warned_and_the_clock_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    plan = plan_sources(tmp_path, env={"NEWSBOT_NOW": "besok jam tujuh"})
    assert abs(plan.now() - time.time()) < 60
    assert "NEWSBOT_NOW must be an ISO 8601 time" in caplog.text
    assert "besok jam tujuh" in caplog.text


# -- 3. encodings ------------------------------------------------------------------------------

ENCODED = VARIANTS / "encodings"
MOJIBAKE = re.compile("Ã|â€|\ufffd|Â")


@pytest.mark.parametrize(
    "name", sorted(p.name for p in ENCODED.iterdir() if p.suffix in (".html", ".txt"))
)
def test_encoding_saved_file_read_right(name: str) -> None:
    article = read_one(ENCODED / name)
    text = "\n".join(article.paragraphs)
    assert "café" in text and "Rp 1,5 juta" in text
    assert not MOJIBAKE.search(text + article.title)
    if "latin1-undeclared" not in name:  # Latin-1 has no curly quotes
        assert "\u2019" in text


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("utf8-http-latin1-no-meta.html", "text/html; charset=ISO-8859-1"),
        ("utf8-declared-latin1.html", "text/html; charset=iso-8859-1"),
        ("cp1252-http-equiv.html", "text/html; charset=utf-8"),
        ("cp1252-declared-utf8.html", "text/html; charset=utf-8"),
        ("utf16le-bom.html", "text/html; charset=iso-8859-1"),
        ("latin1-undeclared.html", "text/html"),
    ],
)
def test_encoding_header_disagreeing_with_the_page(
    name: str, content_type: str, news_server: NewsServer, tmp_path: Path
) -> None:
    news_server.routes["/berita/kafe"] = Route(
        (ENCODED / name).read_bytes(), content_type=content_type
    )
    (article,) = articles_of(
        fetch(news_server, tmp_path, Source("url", news_server.url("/berita/kafe")))
    )
    text = "\n".join(article.paragraphs)
    assert "café" in text and not MOJIBAKE.search(text)


@pytest.mark.parametrize(
    "text", ["Harga kopi di café itu naik", "Harga “kopi” naik — kata pedagang", "naïve façade"]
)
def test_encoding_single_byte_label_does_not_garble_utf8(text: str) -> None:
    data = f"<html><head><meta charset='iso-8859-1'></head><body>{text}</body></html>".encode()
    assert text in decode_text(data, "text/html; charset=iso-8859-1")


def test_encoding_real_windows_1252_stays_windows_1252() -> None:
    data = "<p>caf\u00e9 \u201cbaru\u201d \u2013 Rp 1,5 juta</p>".encode("cp1252")
    assert "caf\u00e9 \u201cbaru\u201d \u2013" in decode_text(data, "text/html; charset=iso-8859-1")


@pytest.mark.parametrize(
    "text",
    [
        "naïve façade “ok” — 10°C × 2 … Rp 1,5 juta",
        "São Paulo, Zürich, Curaçao, Ñandú",
        "Jalan Sudirman Kav. 52–53, Jakarta",
        "Karyawan PT Aneka Tambang (Antam) – BUMN – menerima Rp 5 juta",
    ],
)
def test_encoding_text_without_mojibake_stays_as_it_is(text: str) -> None:
    # Imported here, so that this file also runs (and counts) against older checkouts.
    from newsbot.index.reading.encodings import without_mojibake

    assert without_mojibake(text) == text


@pytest.mark.parametrize(
    ("garbled", "right"),
    [
        ("cafÃ© di Braga", "café di Braga"),
        ("kata â€œBragaâ€\x9d, ujarnya", "kata “Braga”, ujarnya"),
        ("Jumâ€™at pagi â€“ hujan", "Jum’at pagi – hujan"),
        ("kata \u00e2\x80\x9cBraga\u00e2\x80\x9d", "kata “Braga”"),
    ],
)
def test_encoding_mojibake_in_the_text_is_undone(garbled: str, right: str) -> None:
    from newsbot.index.reading.encodings import without_mojibake

    assert without_mojibake(garbled) == right


# -- 4. multi-page articles --------------------------------------------------------------------

MULTIPAGE = VARIANTS / "multipage"
SENTENCES: list[str] = json.loads((MULTIPAGE / "expected.json").read_text(encoding="utf-8"))
PAGER = re.compile(
    r"halaman|\bhal\.|selanjutnya|sebelumnya|berikutnya|\u00bb|\u00ab|^\s*\d(\s+\d)*\s*$",
    re.IGNORECASE | re.MULTILINE,
)
PAGED = sorted(p.name for p in MULTIPAGE.iterdir() if p.is_dir())


def _serve_pages(server: NewsServer, name: str) -> str:
    spec = json.loads((MULTIPAGE / name / "routes.json").read_text())
    for path, file in spec["routes"].items():
        server.routes[path] = Route((MULTIPAGE / name / file).read_bytes())
    return server.url(spec["first"])


@pytest.mark.parametrize("name", PAGED)
def test_multipage_fetched_pages_joined_in_order_once(
    name: str, news_server: NewsServer, tmp_path: Path
) -> None:
    first = _serve_pages(news_server, name)
    (article,) = articles_of(fetch(news_server, tmp_path, Source("url", first)))
    text = "\n".join(article.paragraphs)
    places = [text.find(s) for s in SENTENCES]
    assert -1 not in places and places == sorted(places), places
    assert all(text.count(s) == 1 for s in SENTENCES)
    assert not PAGER.search(text)
    assert len(news_server.requests) <= 4  # no page fetched round a loop


@pytest.mark.parametrize("name", PAGED)
def test_multipage_saved_pages_have_no_pager_text(name: str) -> None:
    for page in sorted((MULTIPAGE / name).glob("page*.html")):
        article = read_one(page)
        assert not PAGER.search("\n".join(article.paragraphs)), page.name


@pytest.mark.parametrize(
    "line",
    [
        "« 1 2 3 »",
        "1 2 3",
        "Baca selengkapnya di halaman berikutnya",
        "Lanjut baca halaman 2",
        "Laman berikutnya",
        "‹ Sebelumnya 1 2 Selanjutnya ›",
    ],
)
def test_multipage_pager_lines_are_dropped_from_saved_pages(line: str) -> None:
    text = f"Harga Minyak Goreng Curah Naik\n\n{SENTENCES[0]}\n\n{line}\n\n{SENTENCES[1]}"
    assert read_text_article(text, "x.txt").paragraphs == tuple(SENTENCES[:2])


@pytest.mark.parametrize(
    ("glued", "kept"),
    [
        ("Harga naik lagi pekan ini. Halaman 1 dari 2 Selanjutnya", "Harga naik lagi pekan ini."),
        ("Harga naik lagi pekan ini. Selanjutnya »", "Harga naik lagi pekan ini."),
    ],
)
def test_multipage_pager_glued_to_a_paragraph_is_cut(glued: str, kept: str) -> None:
    assert without_pagination(glued) == kept


@pytest.mark.parametrize("line", ["1 3 5", "2 3", "Skor akhir 2 1", "10 20 30"])
def test_multipage_numbers_that_are_no_pager_stay(line: str) -> None:
    assert not is_pagination(line)


@pytest.mark.parametrize(
    ("url", "number"),
    [
        ("https://x.id/news/2022/01/03/harga-minyak-naik-2.html", 2),
        ("https://x.id/news/2022/01/03/harga-minyak-naik-3.htm", 3),
        ("https://x.id/news/2022/01/03/harga-minyak-naik.html", 1),
        ("https://x.id/read/kasus-covid-19.html", 1),
        ("https://x.id/read/kasus-covid-19", 1),
        ("https://x.id/read/1545000/harga-minyak?page_num=3", 3),
        ("https://x.id/read/2022/01/03/harga.php", 1),
    ],
)
def test_multipage_page_numbers_in_file_names_and_params(url: str, number: int) -> None:
    assert page_number(url) == number


def test_multipage_file_pages_are_one_article_and_other_files_not() -> None:
    base = "https://x.id/news/2022/01/03/"
    assert same_article(base + "harga-minyak-naik.html", base + "harga-minyak-naik-2.html")
    assert not same_article(base + "harga-minyak-naik.html", base + "harga-emas-naik-2.html")
    assert not same_article(base + "kasus-covid.html", base + "kasus-covid-19.html")


# -- 5. feeds --------------------------------------------------------------------------------

FEEDS = VARIANTS / "feeds"
# The feed item's date, in WIB, when the page has none: 03:25 WIB on 4 January.
EARLY = "2022-01-04T03:25:00+07:00"
FEED_DATES = {
    "rss2-plus0700.xml": EARLY,
    "rss2-gmt.xml": EARLY,
    "rss2-wib.xml": EARLY,
    "rss2-no-zone.xml": "2022-01-04T03:25:00",
    "rss2-dc-date.xml": EARLY,
    "rss1-dc-date.xml": EARLY,
    "atom-utc.xml": EARLY,
    "rss2-bom-whitespace.xml": EARLY,
    "rss2-relative-link.xml": EARLY,
    "rss2-indonesian-date.xml": EARLY,
}


def _serve_feed(server: NewsServer, name: str, content_type: str) -> str:
    body = (FEEDS / name).read_bytes().replace(b"BASE", server.base.encode())
    server.routes["/feed"] = Route(body, content_type=content_type)
    server.routes["/berita/gempa-banten.html"] = Route((FEEDS / "gempa-banten.html").read_bytes())
    return server.url("/feed")


@pytest.mark.parametrize("name", sorted(FEED_DATES))
def test_feed_date_stands_in_for_the_undated_page(
    name: str, news_server: NewsServer, tmp_path: Path
) -> None:
    feed = _serve_feed(news_server, name, "application/rss+xml")
    (article,) = articles_of(fetch(news_server, tmp_path, Source("feed", feed)))
    assert article.published == FEED_DATES[name]
    assert article.url == news_server.url("/berita/gempa-banten.html")
    assert any("60 kilometer barat daya" in p for p in article.paragraphs)
    if article.published.endswith("+07:00"):
        assert display_published(article.published) == "4 January 2022, 03:25 WIB"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Selasa, 4 Januari 2022", EARLY),  # the same day, the feed tells the time
        ("1 hari lalu", EARLY),  # the page's day (fetched 5 Jan), the feed's time
        ("Selasa, 4 Januari 2022 03:20 WIB", "2022-01-04T03:20:00+07:00"),  # the page's
        ("Senin, 3 Januari 2022", "2022-01-03"),  # another day: the page's
    ],
)
def test_feed_time_completes_the_page_date_of_the_same_day(
    printed: str, expected: str, news_server: NewsServer, tmp_path: Path
) -> None:
    feed = _serve_feed(news_server, "rss2-gmt.xml", "application/rss+xml")
    page = (
        (FEEDS / "gempa-banten.html")
        .read_text()
        .replace("</h1>", f"</h1><div class='date'>{printed}</div>")
    )
    news_server.routes["/berita/gempa-banten.html"] = Route(page.encode())
    (article,) = articles_of(fetch(news_server, tmp_path, Source("feed", feed), at=NOW.timestamp()))
    assert article.published == expected


@pytest.mark.parametrize(
    "content_type",
    ["text/html; charset=utf-8", "text/plain", "application/octet-stream", "", "text/xml"],
)
@pytest.mark.parametrize(
    "name", ["rss2-plus0700.xml", "atom-utc.xml", "rss1-dc-date.xml", "rss2-bom-whitespace.xml"]
)
def test_feed_served_as_any_type_is_read(
    name: str, content_type: str, news_server: NewsServer, tmp_path: Path
) -> None:
    feed = _serve_feed(news_server, name, content_type)
    items = fetch(news_server, tmp_path, Source("feed", feed))
    (article,) = articles_of(items)
    assert article.published == EARLY
    assert not [i for i in items if isinstance(i, SkippedSource)]


def test_feed_html_entities_in_a_title_are_text(news_server: NewsServer, tmp_path: Path) -> None:
    feed = _serve_feed(news_server, "rss2-entities.xml", "application/rss+xml")
    (article,) = articles_of(fetch(news_server, tmp_path, Source("feed", feed)))
    assert article.title == "Harga BBM & Tarif Listrik \u201cNaik\u201d \u2013 Warga Mengeluh"
    assert article.published == EARLY


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("rss2-utf8-title.xml", "application/rss+xml; charset=ISO-8859-1"),
        ("rss2-utf8-title.xml", "text/plain; charset=ISO-8859-1"),
        ("rss2-cp1252-title.xml", "application/rss+xml"),
        ("rss2-cp1252-title.xml", "text/html; charset=utf-8"),
    ],
)
def test_feed_encoding_of_an_entry_standing_in_for_its_page(
    name: str, content_type: str, news_server: NewsServer, tmp_path: Path
) -> None:
    feed = _serve_feed(news_server, name, content_type)
    (article,) = articles_of(fetch(news_server, tmp_path, Source("feed", feed)))
    assert article.title == "Kaf\u00e9 \u201cBraga\u201d Tutup Sementara"


def test_feed_not_a_feed_served_as_octet_stream_is_named(
    news_server: NewsServer, tmp_path: Path
) -> None:
    news_server.routes["/feed"] = Route(
        b"\x89PNG\r\n\x1a\n\x00\x00", content_type="application/octet-stream"
    )
    items = fetch(news_server, tmp_path, Source("feed", news_server.url("/feed")))
    (skipped,) = items
    assert isinstance(skipped, SkippedSource)
    assert "not an RSS/Atom feed" in skipped.reason


def test_feed_clock_is_used_for_seen_times(news_server: NewsServer, tmp_path: Path) -> None:
    feed = _serve_feed(news_server, "rss2-plus0700.xml", "application/rss+xml")
    (article,) = articles_of(fetch(news_server, tmp_path, Source("feed", feed), at=NOW.timestamp()))
    assert article.seen == "2022-01-05T01:00:00+00:00"
