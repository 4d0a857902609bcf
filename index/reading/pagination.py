"""Articles split over several pages: the pagination text to drop, and the link to the next
page of the same article; pure functions, no I/O."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import lxml.html

# Pagination words: "Halaman 1 dari 2", "Page 2 of 3", "Halaman Selanjutnya", "Selanjutnya »",
# "« Sebelumnya", "Next page", "1 2 3 Next", "Tampilkan semua".
_PAGE_OF = r"(?:halaman|hal\.?|page)\s*:?\s*\d+\s*(?:dari|of|/)\s*\d+"
_PAGE_WORDS = (
    r"(?:(?:baca\s+selengkapnya\s+di\s+|lanjut(?:\s+baca)?\s+(?:ke\s+)?|baca\s+|ke\s+)?"
    r"(?:halaman|laman)\s+(?:selanjutnya|sebelumnya|berikutnya|pertama|terakhir)"
    r"|lanjut(?:\s+baca)?\s+(?:ke\s+)?halaman\s+\d{1,2}|(?:next|previous|prev|last|first)\s+page|selanjutnya|sebelumnya|berikutnya"
    r"|next|previous|prev|tampilkan\s+semua|lihat\s+semua(?:\s+halaman)?|show\s+all"
    r"|halaman|page|hal\.?)"
)
_TOKEN = re.compile(
    rf"\s*(?:{_PAGE_OF}|{_PAGE_WORDS}|\d{{1,2}}|[\u00ab\u00bb\u2039\u203a<>|:\u2190\u2192.,-])\s*",
    re.IGNORECASE,
)
# Pagination glued to the end of a paragraph: "... gula. Halaman Selanjutnya".
_TRAILING = re.compile(
    rf"(?<=[.!?\"\u201d])\s+(?:{_PAGE_OF}(?:\s+(?:selanjutnya|berikutnya|next))?"
    r"|(?:baca\s+)?halaman\s+(?:selanjutnya|berikutnya)"
    r"|(?:selanjutnya|berikutnya|next)(?=\s*[\u00bb\u203a>]))"
    r"(?:\s*[\u00bb\u203a>])?\s*$",
    re.IGNORECASE,
)
# A numbered pager alone: "1 2 3", "« 1 2 3 »" (consecutive from 1).
_NUMBERED = re.compile(
    r"^[\s\u00ab\u00bb\u2039\u203a<>|.]*1(?:\s+\d{1,2})+[\s\u00ab\u00bb\u2039\u203a<>|.]*$"
)
_NEEDS_WORD = re.compile(rf"{_PAGE_OF}|{_PAGE_WORDS}", re.IGNORECASE)

_NEXT_TEXT = re.compile(
    r"^\s*(?:(?:lanjut\s+ke\s+|ke\s+|baca\s+)?halaman\s+(?:selanjutnya|berikutnya)|selanjutnya"
    r"|berikutnya|next(?:\s+page)?|lanjut)\s*[\u00bb\u203a>\u2192]*\s*$",
    re.IGNORECASE,
)
_PAGE_PARAMS = frozenset(
    {"page", "p", "hal", "halaman", "pg", "paged", "part", "page_num", "pagenum"}
)
# "/2", "/page/2", "-hal-2"; never a bare "-19" ("covid-19") or a long id.
_PAGE_SUFFIX = re.compile(
    r"(?:/(?:page|halaman|hal)/?|/|[-_](?:page|halaman|hal)-?)(?P<n>\d{1,2})/?$"
)
# A page's file name: "judul-2.html" is page 2 of "judul.html" (one digit before the
# extension, so "covid-19.html" stays an article of its own).
_EXTENSION = re.compile(r"\.(?:html?|php|aspx?)$", re.IGNORECASE)
_FILE_PAGE = re.compile(r"-(?P<n>[2-9])$")


def is_pagination(line: str) -> bool:
    """Tell whether ``line`` is only pagination: "Halaman 1 dari 2 Halaman Selanjutnya",
    "Selanjutnya »", "Page 2 of 3", "1 2 3 Next", "Lanjut baca halaman 2"; numbers alone
    only as a pager counts them, from 1 ("1 2 3", "« 1 2 3 »")."""
    if _NUMBERED.match(line):
        numbers = [int(n) for n in re.findall(r"\d+", line)]
        return numbers == list(range(1, len(numbers) + 1))
    if len(line) > 120 or not _NEEDS_WORD.search(line):
        return False
    return _TOKEN.sub("", line) == "" and bool(_TOKEN.match(line))


def without_pagination(paragraph: str) -> str:
    """``paragraph`` without pagination text glued to its end ("... gula. Halaman 2 dari
    2")."""
    return _TRAILING.sub("", paragraph)


def next_page_url(html: str, url: str) -> str | None:
    """The URL of the next page of the article at ``url``, or None.

    Read from ``<link rel="next">`` or ``<a rel="next">``, else from a link whose text is
    "Halaman Selanjutnya", "Selanjutnya", "Next" and the like, else from a link to page 2.
    Only a page of the same article counts: the same host, and the same path once a page
    number ("?page=2", "/2", "-2", "/page/2") is set aside; so a "next story" link is not.
    """
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    current = page_number(url)
    candidates: list[str] = []
    for element in root.iter("link", "a"):
        rel = (element.get("rel") or "").lower().split()
        href = element.get("href")
        if not href:
            continue
        if "next" in rel:
            candidates.insert(0, href)
        elif element.tag == "a":
            text = " ".join(element.text_content().split())
            if _NEXT_TEXT.match(text) or text == str(current + 1):
                candidates.append(href)
    for href in candidates:
        target = urljoin(url, href)
        if same_article(url, target) and page_number(target) == current + 1:
            return target
    return None


def same_article(first: str, other: str) -> bool:
    """Tell whether two URLs are pages of one article: same host, same path and query once
    their page numbers are set aside."""
    return _article_key(first) == _article_key(other)


def page_number(url: str) -> int:
    """The page number a URL names ("?page=2", "/2", "-2.html", "/page/2"); 1 when none."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if key.lower() in _PAGE_PARAMS and value.isdigit():
            return int(value)
    return _path_page(parts.path)[1]


def _path_page(path: str) -> tuple[str, int]:
    """The article's path without its page number (and file extension), and the number."""
    extension = _EXTENSION.search(path)
    stem = path[: extension.start()] if extension else path
    suffix = _PAGE_SUFFIX.search(stem)
    if suffix is None and extension:
        suffix = _FILE_PAGE.search(stem)
    if suffix and _has_slug(stem[: suffix.start()]):
        return stem[: suffix.start()].rstrip("/"), int(suffix["n"])
    return stem.rstrip("/"), 1


def _article_key(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _PAGE_PARAMS
    ]
    host = (parts.hostname or "").lower().removeprefix("www.")
    return host, _path_page(parts.path)[0], urlencode(sorted(query))


def _has_slug(path: str) -> bool:
    """Tell whether a path before a number names an article (has a word), so that "/2024"
    or "/berita/123" is not read as page 2024 or 123 of something."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return sum(ch.isalpha() for ch in last) >= 3
