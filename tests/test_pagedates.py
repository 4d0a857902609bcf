"""A page's date in the outlet's zone, from whichever place keeps most of it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from newsbot.index.reading.bylines import Header
from newsbot.index.reading.dates import DEFAULT_ZONE
from newsbot.index.reading.pagedates import most_precise, page_byline, page_published

BODY = "<p>" + "Isi berita yang cukup panjang untuk menjadi paragraf pertama artikel. " * 3 + "</p>"


def page(head: str = "", top: str = "", after: str = "") -> str:
    return f"<html><head>{head}</head><body><h1>Judul</h1>{top}{BODY}{after}</body></html>"


def jsonld(**fields: str) -> str:
    return f'<script type="application/ld+json">{json.dumps(fields)}</script>'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (page(jsonld(datePublished="2022-01-04T03:25:00+07:00")), "2022-01-04T03:25:00+07:00"),
        (page('<meta property="article:published_time" content="2022-01-04T03:25:00+08:00">'),
         "2022-01-04T03:25:00+08:00"),
        # The UTC instant in <meta>, the local time printed: the printed one.
        (page('<meta property="article:published_time" content="2022-01-03T20:25:00Z">',
              '<div class="date">Selasa, 04 Jan 2022 03:25 WIB</div>'),
         "2022-01-04T03:25:00+07:00"),
        # A naive time in <meta>, the zone printed.
        (page('<meta name="dtk:publishdate" content="2022/01/04 03:25:00">',
              '<span class="publish-date">04/01/2022, 03:25 WIT</span>'),
         "2022-01-04T03:25:00+09:00"),
        (page(top='<time datetime="2022-01-04T03:25:00+07:00">4 Jan</time>'),
         "2022-01-04T03:25:00+07:00"),
        # A date printed under a related story, after the body, is not the article's.
        (page(after='<div class="date">Senin, 03 Jan 2022 10:00 WIB</div>'), None),
        (page(), None),
    ],
)  # fmt: skip
def test_the_page_date_keeps_the_outlets_offset(html: str, expected: str | None) -> None:
    assert page_published(html) == expected


def test_a_printed_relative_time_needs_the_fetch_time() -> None:
    html = page(top='<div class="date">45 menit lalu</div>')
    fetched = datetime(2022, 1, 4, 4, 10, tzinfo=DEFAULT_ZONE)
    assert page_published(html, fetched) == "2022-01-04T03:25:00+07:00"
    assert page_published(html) is None


def test_the_most_precise_date_wins_and_the_first_among_equals() -> None:
    assert most_precise("2022-01-04", "2022-01-04T03:25:00") == "2022-01-04T03:25:00"
    assert most_precise("2022-01-03T20:25:00+00:00", "2022-01-04T03:25:00+07:00") == (
        "2022-01-04T03:25:00+07:00"
    )
    assert most_precise("2022-01-04", "2022-01-05") == "2022-01-04"
    assert most_precise(None, None) is None


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ('<div class="read__credit">Penulis: Dewi Anggraini | Editor: Hadi Santoso</div>',
         Header("Dewi Anggraini", "Hadi Santoso")),
        ('<div class="detail__author">Angga Prasetya - detikNews</div>',
         Header("Angga Prasetya")),
        ('<span class="byline">Oleh: Andi Baso</span>', Header("Andi Baso")),
        ('<div class="author">Tim | CNN Indonesia</div>', Header()),
        ('<div class="author-box">Gubernur Resmikan Jembatan Baru di Batang</div>', Header()),
    ],
)  # fmt: skip
def test_the_byline_printed_above_the_story_is_read(top: str, expected: Header) -> None:
    assert page_byline(page(top=top)) == expected


def test_a_byline_below_the_story_is_not_the_articles() -> None:
    html = page(after='<div class="author">Penulis: Orang Lain</div>')
    assert page_byline(html) == Header()
