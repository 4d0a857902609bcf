"""The next page of a multi-page article, and only of the same article."""

from __future__ import annotations

import pytest

from newsbot.index.reading.pagination import next_page_url, page_number, same_article

BASE = "https://news.example/berita/pasar-murah-digelar"


def page(links: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><article><p>Isi.</p>{links}</article></body></html>"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (page("", '<link rel="next" href="?page=2">'), BASE + "?page=2"),
        (page('<a rel="next" href="/berita/pasar-murah-digelar/2">2</a>'), BASE + "/2"),
        (page(f'<a href="{BASE}?page=2">Halaman Selanjutnya</a>'), BASE + "?page=2"),
        (page('<a href="?page=2">Selanjutnya \u00bb</a>'), BASE + "?page=2"),
        (page('<a href="?hal=2">Next page</a>'), BASE + "?hal=2"),
        (page('<a href="?page=1">1</a><a href="?page=2">2</a><a href="?page=3">3</a>'),
         BASE + "?page=2"),
    ],
)  # fmt: skip
def test_the_next_page_is_found_in_each_shape(html: str, expected: str) -> None:
    assert next_page_url(html, BASE) == expected


@pytest.mark.parametrize(
    "html",
    [
        page("", '<link rel="next" href="/berita/harga-beras-naik">'),  # the next story
        page('<a href="https://other.example/berita/pasar-murah-digelar?page=2">Next</a>'),
        page('<a href="/berita/pasar-murah-digelar?page=3">Selanjutnya</a>'),  # skips a page
        page('<a href="/indeks?page=2">Selanjutnya</a>'),
        page('<a href="/berita/pasar-murah-digelar">Baca selengkapnya</a>'),
    ],
)
def test_no_next_page_outside_the_article(html: str) -> None:
    assert next_page_url(html, BASE) is None


@pytest.mark.parametrize(
    ("url", "number"),
    [
        (BASE, 1),
        (BASE + "?page=3", 3),
        (BASE + "/2", 2),
        (BASE + "/page/4", 4),
        ("https://news.example/berita/vaksin-covid-19", 1),
        ("https://news.example/read/2022/01/03/123456/judul", 1),
        ("https://news.example/berita/2024", 1),
    ],
)
def test_page_numbers_are_read_from_the_url_not_from_ids(url: str, number: int) -> None:
    assert page_number(url) == number


def test_pages_of_one_article_share_it() -> None:
    assert same_article(BASE, BASE + "?page=2")
    assert same_article(BASE, "https://www.news.example/berita/pasar-murah-digelar/2")
    assert not same_article(BASE, "https://news.example/berita/harga-beras-naik?page=2")
