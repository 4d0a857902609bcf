"""Pages drawn by script: the article's text only in JSON-LD's ``articleBody``."""

from __future__ import annotations

import json

from newsbot.index.reading.readers import read_html_article

PARAGRAPHS = [
    "Hujan deras sejak Kamis malam membuat ratusan rumah warga di Bekasi terendam banjir.",
    "Petugas gabungan menyiapkan perahu karet dan dapur umum bagi warga yang mengungsi.",
    "Wali Kota meminta warga di bantaran kali tetap waspada hingga akhir pekan.",
]


def page(jsonld: object, body: str = '<div id="__next">Memuat...</div>') -> str:
    return (
        '<html lang="id"><head><meta charset="utf-8"><title>Banjir Bekasi</title>'
        f'<script type="application/ld+json">{json.dumps(jsonld)}</script></head>'
        f"<body>{body}</body></html>"
    )


def test_a_script_drawn_page_keeps_the_paragraphs_of_its_article_body() -> None:
    html = page(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Banjir Rendam Bekasi",
            "articleBody": "\n\n".join(PARAGRAPHS),
        }
    )

    article = read_html_article(html, "banjir.html")

    assert article.paragraphs == tuple(PARAGRAPHS)


def test_an_article_body_inside_a_graph_with_single_line_breaks() -> None:
    html = page(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Kabar Kita"},
                {"@type": "NewsArticle", "articleBody": "\n".join(PARAGRAPHS)},
            ],
        }
    )

    article = read_html_article(html, "banjir.html")

    assert article.paragraphs == tuple(PARAGRAPHS)


def test_a_page_with_its_own_text_keeps_it_over_a_teaser_article_body() -> None:
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    teaser = {"@type": "NewsArticle", "articleBody": f"{PARAGRAPHS[0]}\n\nBaca selengkapnya."}
    html = page(teaser, f"<article><h1>Banjir Rendam Bekasi</h1>{text}</article>")

    article = read_html_article(html, "banjir.html")

    assert article.paragraphs == tuple(PARAGRAPHS)
