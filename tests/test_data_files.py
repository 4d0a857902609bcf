"""Data files as newsbot reads them: JSON documents, CSV/TSV tables, feeds saved to disk,
and the field names of other vocabularies (schema.org, JSON Feed, scrapers' exports)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.reading.feedentries import article_id, feed_outlet
from newsbot.index.reading.readers import read_sources

FLOOD = (
    "Hujan deras sejak Kamis malam membuat ratusan rumah warga di Bekasi terendam banjir.\n\n"
    "Petugas gabungan menyiapkan perahu karet dan dapur umum bagi warga yang mengungsi."
)
QUAKE = "Gempa bermagnitudo 5,1 mengguncang Lebak, Banten, Senin pagi. Tidak ada korban jiwa."


def read_all(*paths: Path) -> tuple[list[Article], list[SkippedSource]]:
    items = list(read_sources(paths))
    articles = [item for item in items if isinstance(item, Article)]
    skipped = [item for item in items if isinstance(item, SkippedSource)]
    return articles, skipped


# JSON documents


def test_a_json_array_of_scraper_records_reads_their_field_names(tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    records = [
        {"headline": "Banjir Bekasi", "content": FLOOD, "link": "https://x.id/banjir"},
        {"title": "Gempa Lebak", "body": QUAKE, "datePublished": "2017-12-04T10:00:00+07:00"},
        {"title": "Skema", "articleBody": FLOOD, "outlet": "Warta", "author": {"name": "Ani"}},
    ]
    source.write_text(json.dumps(records, indent=2), encoding="utf-8")

    articles, skipped = read_all(source)

    assert skipped == []
    assert [a.title for a in articles] == ["Banjir Bekasi", "Gempa Lebak", "Skema"]
    assert [a.path for a in articles] == [f"{source}:{n}" for n in (1, 2, 3)]
    assert articles[0].url == "https://x.id/banjir"
    assert articles[0].paragraphs[1].startswith("Petugas gabungan")
    assert articles[1].published == "2017-12-04T10:00:00+07:00"
    assert (articles[2].source, articles[2].author) == ("Warta", "Ani")


def test_a_json_object_holding_one_list_of_records_under_any_key(tmp_path: Path) -> None:
    source = tmp_path / "hasil.json"
    document = {"status": "ok", "total": 2, "hasil": [{"text": FLOOD}, {"text": QUAKE}]}
    source.write_text(json.dumps(document), encoding="utf-8")

    articles, skipped = read_all(source)

    assert skipped == []
    assert [a.paragraphs[0][:5] for a in articles] == ["Hujan", "Gempa"]


def test_a_single_article_object_is_one_article(tmp_path: Path) -> None:
    source = tmp_path / "satu.json"
    source.write_text(json.dumps({"title": "Banjir", "text": FLOOD}), encoding="utf-8")

    articles, skipped = read_all(source)

    assert (len(articles), skipped) == (1, [])
    assert articles[0].title == "Banjir"


def test_a_json_feed_reads_its_items_with_the_feed_title_as_outlet(tmp_path: Path) -> None:
    source = tmp_path / "feed.json"
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Warta Kota Daring",
        "items": [
            {
                "id": "https://warta.example/1",
                "url": "https://warta.example/1",
                "title": "Banjir Bekasi",
                "content_html": "<p>Hujan deras membuat ratusan rumah terendam.</p>"
                "<p>Petugas menyiapkan <b>perahu karet</b>.</p>",
                "date_published": "2017-12-04T06:45:00+07:00",
                "authors": [{"name": "Budi"}, {"name": "Sari"}],
            },
            {"id": "2", "title": "Gempa", "content_text": QUAKE},
        ],
    }
    source.write_text(json.dumps(feed), encoding="utf-8")

    articles, skipped = read_all(source)

    assert skipped == []
    first, second = articles
    assert first.paragraphs == (
        "Hujan deras membuat ratusan rumah terendam.",
        "Petugas menyiapkan perahu karet.",
    )
    assert (first.source, first.author) == ("Warta Kota Daring", "Budi; Sari")
    assert first.published == "2017-12-04T06:45:00+07:00"
    assert second.id == "2" and second.source == "Warta Kota Daring"


def test_json_that_holds_no_articles_is_one_clear_skip(tmp_path: Path) -> None:
    package = tmp_path / "package.json"
    package.write_text(json.dumps({"name": "x", "dependencies": {"a": "1"}}), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "a"', encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")

    articles, skipped = read_all(package, broken, empty)

    assert articles == []
    assert [(Path(s.path).name, s.line) for s in skipped] == [
        ("package.json", None),
        ("broken.json", None),
        ("empty.json", None),
    ]
    assert skipped[0].reason.startswith("holds no articles")
    assert skipped[1].reason.startswith("not valid JSON")
    assert "\n" not in "".join(s.reason for s in skipped)


def test_a_bad_record_in_a_json_array_loses_only_itself(tmp_path: Path) -> None:
    source = tmp_path / "mixed.json"
    source.write_text(json.dumps([{"text": FLOOD}, "teks", {"title": "x"}, {"text": QUAKE}]))

    articles, skipped = read_all(source)

    assert [a.path for a in articles] == [f"{source}:1", f"{source}:4"]
    assert [(s.line, s.reason) for s in skipped] == [
        (2, "not a JSON object"),
        (3, "no 'text' field"),
    ]


def test_jsonl_records_with_content_instead_of_text_are_read(tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    lines = [{"id": "a", "content": FLOOD}, {"id": "a", "content": QUAKE}]
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")

    articles, skipped = read_all(source)

    # The later line gives the same id again and replaces the earlier, as with `text`.
    assert [a.paragraphs[0][:5] for a in articles] == ["Gempa"]
    assert [s.line for s in skipped] == [1]


# Tables


def test_an_excel_csv_with_semicolons_capitals_and_paragraphs_in_quotes(tmp_path: Path) -> None:
    source = tmp_path / "berita.csv"
    rows = [
        "Judul;Title;Content;Date;Link",
        f'x;Banjir Bekasi;"{FLOOD}";2017-12-04;https://x.id/banjir',
        f"y;Gempa Lebak;{QUAKE};04/12/2017 10:00;",
    ]
    # Excel writes the user's code page: "café" in windows-1252.
    source.write_bytes(
        ("\r\n".join(rows) + "\r\nz;Kafe;Kopi di café itu enak sekali.;;\r\n").encode("cp1252")
    )

    articles, skipped = read_all(source)

    assert skipped == []
    assert [a.title for a in articles] == ["Banjir Bekasi", "Gempa Lebak", "Kafe"]
    # A row is named by the line it starts on; the first holds a line break in quotes.
    assert [a.path for a in articles] == [f"{source}:{n}" for n in (2, 5, 6)]
    assert len(articles[0].paragraphs) == 2
    assert articles[0].url == "https://x.id/banjir"
    assert articles[1].published == "2017-12-04T10:00:00"
    assert "café" in articles[2].paragraphs[0]


def test_a_tsv_and_a_gzipped_csv(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text(f"title\ttext\nGempa\t{QUAKE}\n", encoding="utf-8")
    packed = tmp_path / "b.csv.gz"
    packed.write_bytes(gzip.compress(f'text,source\n"{FLOOD}",Warta\n'.encode()))

    articles, skipped = read_all(tsv, packed)

    assert skipped == []
    assert articles[0].title == "Gempa"
    assert articles[1].source == "Warta"


def test_a_table_row_that_does_not_fit_its_header_loses_only_itself(tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text(f'title,text\nA,"{QUAKE}"\nB,satu,dua\nC,\nD,"{FLOOD}"\n', encoding="utf-8")

    articles, skipped = read_all(source)

    assert [a.title for a in articles] == ["A", "D"]
    assert [(s.line, s.reason) for s in skipped] == [
        (3, "3 fields where the header names 2"),
        (4, "'text' is empty"),
    ]


def test_a_table_without_rows_or_without_a_text_column(tmp_path: Path) -> None:
    header = tmp_path / "h.csv"
    header.write_text("title,text\n", encoding="utf-8")
    numbers = tmp_path / "n.csv"
    numbers.write_text("a,b\n1,2\n", encoding="utf-8")

    articles, skipped = read_all(header, numbers)

    assert articles == []
    assert [s.reason for s in skipped] == [
        "no rows under the header",
        "no text column: the header names 'a', 'b'; the article's text is read from a column "
        "named text, content, body, articleBody or content_text",
    ]


# Feeds saved to disk


RSS = """<?xml version="1.0" encoding="windows-1252"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Warta Pagi</title>
<item><title>Gempa Lebak</title><link>https://warta.example/gempa?utm_source=rss</link>
<pubDate>Sun, 03 Dec 2017 20:25:00 GMT</pubDate>
<description>Ringkasan pendek.</description>
<content:encoded><![CDATA[<p>Gempa mengguncang Lebak, Banten.</p>
<p>Warga di caf\xe9 berlarian.</p>]]></content:encoded></item>
<item><title>Tanpa tautan</title>
<description>Banjir merendam Bekasi sejak pagi.</description></item>
</channel></rss>
"""


def test_a_saved_rss_feed_reads_each_entrys_full_content(tmp_path: Path) -> None:
    source = tmp_path / "warta.xml"
    source.write_bytes(RSS.encode("cp1252"))

    articles, skipped = read_all(source)

    assert skipped == []
    first, second = articles
    assert first.paragraphs == ("Gempa mengguncang Lebak, Banten.", "Warga di café berlarian.")
    assert first.source == "Warta Pagi"
    # 20:25 GMT on the 3rd is 03:25 WIB on the 4th, as when the feed is fetched.
    assert first.published == "2017-12-04T03:25:00+07:00"
    # Named as the fetched feed names it, so one story saved and fetched is one article.
    assert first.id == article_id("https://warta.example/gempa")
    assert (second.path, second.url) == (f"{source}:2", None)


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Warta Pagi - Terkini", "Warta Pagi"),
        ("Kompas.com - Nasional", "Kompas.com"),
        ("CNN Indonesia | Ekonomi", "CNN Indonesia"),
        ("Suara.com: Berita Terkini", "Suara.com"),
        ("ANTARA News \u00bb Terkini", "ANTARA News"),
        ("Republika Online RSS Feed", "Republika Online"),
        ("RSS Tempo.co", "Tempo.co"),
        ("Kabar-Kabar Daerah", "Kabar-Kabar Daerah"),  # a hyphen inside a name stays
        ("  Warta   Pagi ", "Warta Pagi"),
        ("RSS", "RSS"),
    ],
)
def test_a_feeds_title_names_its_outlet_without_section_or_format(
    tmp_path: Path, title: str, outlet: str
) -> None:
    """The outlet is what the outlet's own pages call themselves (``og:site_name``), not the
    channel: one outlet's articles read from pages and from a feed carry one name."""
    assert feed_outlet(title) == outlet
    source = tmp_path / "warta.xml"
    source.write_bytes(
        RSS.replace("<title>Warta Pagi</title>", f"<title>{title}</title>").encode("cp1252")
    )
    articles, _ = read_all(source)
    assert {a.source for a in articles} == {outlet}


def test_a_saved_atom_feed(tmp_path: Path) -> None:
    source = tmp_path / "feed.atom"
    source.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Kabar</title>'
        '<entry><title>Banjir</title><link href="https://k.example/b"/>'
        "<updated>2017-12-04T06:45:00+07:00</updated>"
        f'<content type="html">&lt;p&gt;{QUAKE}&lt;/p&gt;</content></entry></feed>',
        encoding="utf-8",
    )

    articles, skipped = read_all(source)

    assert skipped == []
    assert (articles[0].title, articles[0].source) == ("Banjir", "Kabar")
    assert articles[0].published == "2017-12-04T06:45:00+07:00"


def test_a_folder_passes_over_xml_that_is_no_feed_but_a_named_one_says_why(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "feed.xml").write_bytes(RSS.encode("cp1252"))
    sitemap = folder / "sitemap.xml"
    sitemap.write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://x.id/a</loc></url></urlset>",
        encoding="utf-8",
    )

    articles, skipped = read_all(folder)
    named = read_all(sitemap)

    assert (len(articles), skipped) == (2, [])
    assert named[0] == []
    assert [s.reason for s in named[1]] == ["not an RSS/Atom feed"]


def test_a_folder_walk_passes_over_a_newsbot_index_inside_it(tmp_path: Path) -> None:
    """`newsbot index .` where the index directory sits (./newsbot-index by default)."""
    (tmp_path / "banjir.json").write_text(json.dumps([{"text": FLOOD}]), encoding="utf-8")
    index = tmp_path / "newsbot-index"
    version = index / "v-20171204T000000-abcdef01"
    version.mkdir(parents=True)
    (index / "CURRENT").write_text(version.name, encoding="utf-8")
    (version / "manifest.json").write_text(json.dumps({"format": 7}), encoding="utf-8")
    (index / "fetch-cache.json").write_text(json.dumps({"pages": {}}), encoding="utf-8")
    (index / "added-urls.txt").write_text("https://x.id/a\n", encoding="utf-8")

    articles, skipped = read_all(tmp_path)

    assert [Path(a.path).name for a in articles] == ["banjir.json:1"]
    assert skipped == []


def test_an_html_title_and_an_rdf_feed(tmp_path: Path) -> None:
    atom = tmp_path / "kabar.atom"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>Kabar</title><entry><title type="html">Harga &lt;b&gt;BBM&lt;/b&gt; Turun'
        '</title><link href="https://a.example/bbm"/><content type="xhtml">'
        '<div xmlns="http://www.w3.org/1999/xhtml"><p>Pemerintah menurunkan harga BBM.</p>'
        "<p>Penurunan berlaku di seluruh SPBU.</p></div></content></entry></feed>",
        encoding="utf-8",
    )
    rdf = tmp_path / "kabar.rss"
    rdf.write_text(
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://k.example/"><title>Kabar RDF</title></channel>'
        '<item rdf:about="https://k.example/a"><title>Kebakaran Pasar</title>'
        f"<link>https://k.example/a</link><description>{QUAKE}</description>"
        "<dc:date>2017-12-07T21:00:00+07:00</dc:date><dc:creator>Rina</dc:creator></item>"
        "</rdf:RDF>",
        encoding="utf-8",
    )

    articles, skipped = read_all(atom, rdf)

    assert skipped == []
    assert [a.title for a in articles] == ["Harga BBM Turun", "Kebakaran Pasar"]
    assert articles[0].paragraphs == (
        "Pemerintah menurunkan harga BBM.",
        "Penurunan berlaku di seluruh SPBU.",
    )
    assert (articles[1].source, articles[1].author) == ("Kabar RDF", "Rina")
    assert articles[1].published == "2017-12-07T21:00:00+07:00"
