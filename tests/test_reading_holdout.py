"""A holdout of real-shaped input, written after the fixes of ``test_reading_variants.py``
and run once without tuning on it: how the fixes generalise to outlets and shapes they
were not made on. Same kinds, same checks; its inputs are in ``tests/data/holdout/``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbot.index.reading.encodings import decode_text
from newsbot.index.reading.readers import read_text_article
from newsbot.index.reading.sources import Source
from tests.news_server import NewsServer, Route
from tests.test_reading_variants import (
    NOT_STORY,
    SENTENCES,
    TIME_WORDS,
    Pasted,
    articles_of,
    fetch,
    news_server,
    read_one,
)

HOLDOUT = Path(__file__).parent / "data" / "holdout"
__all__ = ["news_server"]  # the fixture, shared

PASTED = {
    "kumparan.txt": Pasted(
        "kumparan", "2022-01-03T10:12:00+07:00", "Pemprov DKI Jakarta", "yang beroperasi.", 2
    ),
    "idntimes.txt": Pasted(
        "IDN Times", "2022-01-04T14:00:00+07:00", "Ribuan ikan budi daya", "Rp 2 miliar.", 2
    ),
    "merdeka.txt": Pasted(
        "Merdeka", "2022-01-02T15:30:00", "Arus balik libur", "akhir pekan biasa.", 2
    ),
    "sindonews.txt": Pasted(
        "Sindonews", "2022-01-03T16:04:00+07:00", "Kementerian Keuangan mencatat", "dari pagu.", 2
    ),
    "bisnis.txt": Pasted("Bisnis", None, "Kementerian Energi", "HBA bulan ini.", 2),
}


@pytest.mark.parametrize("name", sorted(PASTED))
def test_copy_paste_holdout(name: str) -> None:
    expected = PASTED[name]
    article = read_one(HOLDOUT / name)
    assert article.source is not None
    assert expected.outlet.lower() in article.source.lower()
    assert article.published == expected.published
    for paragraph in article.paragraphs:
        assert not NOT_STORY.search(paragraph), paragraph
        assert "Konten" not in paragraph and "di sini" not in paragraph, paragraph
    assert article.paragraphs[0].startswith(expected.first)
    assert article.paragraphs[-1].endswith(expected.last)
    assert len(article.paragraphs) == expected.paragraphs


# 00:30 WIB on 5 January: still 4 January in UTC.
JUST_AFTER_MIDNIGHT = datetime(2022, 1, 4, 17, 30, tzinfo=UTC)
RELATIVE = {
    "1 jam yang lalu": "2022-01-04T23:30:00+07:00",
    "45 menit lalu": "2022-01-04T23:45:00+07:00",
    "Kemarin 23:50 WIB": "2022-01-04T23:50:00+07:00",
    "Hari ini, 00:10 WIB": "2022-01-05T00:10:00+07:00",
    "2 days ago": "2022-01-03",
    "Published 5 minutes ago": "2022-01-05T00:25:00+07:00",
}


@pytest.mark.parametrize("line", sorted(RELATIVE))
def test_relative_holdout(line: str) -> None:
    text = (
        f"Kebakaran Gudang Plastik di Tangerang\n\n{line}\n\n"
        "Sebuah gudang plastik di Kecamatan Jatiuwung, Tangerang, terbakar pada malam hari. "
        "Sebanyak 12 mobil pemadam dikerahkan untuk memadamkan api.\n\n"
        "Tidak ada korban jiwa dalam kebakaran itu, kata petugas."
    )
    saved = read_text_article(text, "x.txt")
    assert saved.published is None
    fetched = read_text_article(text, "x.txt", fetched_at=JUST_AFTER_MIDNIGHT)
    assert fetched.published == RELATIVE[line]
    for article in (saved, fetched):
        assert len(article.paragraphs) == 2
        assert not any(TIME_WORDS.search(p) for p in article.paragraphs)


PAGE = (
    "<p>Caf\u00e9 \u201cBraga\u201d menjual kopi seharga Rp 1,5 juta \u2014 kata pemilik\u2026</p>"
)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"\xef\xbb\xbf<meta charset='windows-1252'>" + PAGE.encode(), None),
        (
            b'<meta content="text/html; charset=ISO-8859-1" http-equiv="Content-Type">'
            + PAGE.encode(),
            None,
        ),
        (PAGE.encode("cp1252"), "text/html; charset=utf-8"),
        (PAGE.encode("cp1252"), None),
        (b"<?xml version='1.0' encoding='windows-1252'?>" + PAGE.encode("cp1252"), None),
        ("\ufeff".encode("utf-16-le") + PAGE.encode("utf-16-le"), "text/html; charset=utf-8"),
    ],
)
def test_encoding_holdout(data: bytes, content_type: str | None) -> None:
    assert "Caf\u00e9 \u201cBraga\u201d" in decode_text(data, content_type)
    assert "Rp 1,5 juta \u2014 kata pemilik\u2026" in decode_text(data, content_type)


def _page(body: str, pager: str) -> bytes:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Harga Minyak Goreng</title>"
        "</head><body><article><h1>Harga Minyak Goreng Curah Naik</h1>"
        f"<p>{body}</p><div class='pages'>{pager}</div></article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("first", "second", "link"),
    [
        ("/2022/01/03/harga-minyak-goreng/", "/2022/01/03/harga-minyak-goreng/page/2/", "2"),
        ("/berita/harga-minyak-goreng", "/berita/harga-minyak-goreng-hal-2", "Lanjut"),
        ("/read/harga-minyak-goreng", "/read/harga-minyak-goreng?halaman=2", "Berikutnya \u203a"),
        ("/news/harga-minyak-goreng.php", "/news/harga-minyak-goreng.php?pg=2", "Next Page"),
    ],
)
def test_multipage_holdout(
    first: str, second: str, link: str, news_server: NewsServer, tmp_path: Path
) -> None:
    news_server.routes[first] = Route(
        _page(SENTENCES[0] + " " + SENTENCES[1], f"1 <a href='{second}'>{link}</a>")
    )
    news_server.routes[second] = Route(_page(SENTENCES[2], f"<a href='{first}'>1</a> 2"))
    (article,) = articles_of(fetch(news_server, tmp_path, Source("url", news_server.url(first))))
    text = "\n".join(article.paragraphs)
    assert all(text.count(s) == 1 for s in SENTENCES)
    assert text.find(SENTENCES[0]) < text.find(SENTENCES[2])
    assert "Lanjut" not in text and "Berikutnya" not in text and "Next" not in text


ITEM = "<title>Gempa Guncang Banten</title><description>Gempa di Banten.</description>"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (f"<item>{ITEM}<guid isPermaLink='true'>BASE/gempa</guid>"
         "<pubDate>Tue, 04 Jan 2022 03:25:00 +0700</pubDate></item>", "2022-01-04T03:25:00+07:00"),
        (f"<item>{ITEM}<link>BASE/gempa</link>"
         "<pubDate>04 Jan 2022 03:25:00 +0700</pubDate></item>", "2022-01-04T03:25:00+07:00"),
        (f"<item>{ITEM}<link>BASE/gempa</link>"
         "<pubDate>2022-01-04 03:25:00</pubDate></item>", "2022-01-04T03:25:00"),
        (f"<item>{ITEM}<link>BASE/gempa</link>"
         "<pubDate>Mon, 03 Jan 2022 20:25:00 UT</pubDate></item>", "2022-01-04T03:25:00+07:00"),
    ],
)  # fmt: skip
def test_feed_holdout(entry: str, expected: str, news_server: NewsServer, tmp_path: Path) -> None:
    feed = (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Warta</title>"
        f"<link>BASE/</link>{entry}</channel></rss>"
    ).replace("BASE", news_server.base)
    news_server.routes["/feed"] = Route(feed.encode(), content_type="application/rss+xml")
    news_server.routes["/gempa"] = Route(
        b"<html><body><article><h1>Gempa Guncang Banten</h1><p>Gempa bermagnitudo 5,1 "
        b"mengguncang wilayah Banten pada Selasa dini hari, kata BMKG di Jakarta.</p>"
        b"</article></body></html>"
    )
    (article,) = articles_of(fetch(news_server, tmp_path, Source("feed", news_server.url("/feed"))))
    assert article.published == expected
