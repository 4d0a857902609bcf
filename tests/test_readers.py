"""Reading sources: text dumps, JSONL, saved pages, folders, and files that cannot be read."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.reading.readers import (
    SUPPORTED_SUFFIXES,
    article_from_record,
    read_html_article,
    read_sources,
    read_text_article,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = Path(__file__).parent / "data" / "ingest"

BODY = (
    "Hujan deras sejak Kamis malam membuat ratusan rumah warga terendam banjir.\n\n"
    "Petugas gabungan menyiapkan perahu karet dan dapur umum bagi warga yang mengungsi."
)
LEAD_IN = re.compile(r"^\W*(baca|simak|lihat)[\s_]+juga", re.IGNORECASE)


def read_all(*paths: Path) -> tuple[list[Article], list[SkippedSource]]:
    """Read sources and sort what comes back into articles and skipped sources."""
    items = list(read_sources(paths))
    articles = [item for item in items if isinstance(item, Article)]
    skipped = [item for item in items if isinstance(item, SkippedSource)]
    assert len(articles) + len(skipped) == len(items)
    return articles, skipped


def jsonl(path: Path, *lines: object) -> Path:
    """Write JSONL lines (objects are dumped, strings written as they are)."""
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


# Plain text and markdown


def test_text_dump_gives_headline_date_and_body(tmp_path: Path) -> None:
    dump = tmp_path / "banjir.txt"
    dump.write_text(f"Banjir Rendam Bekasi\n- 17 September 2021, 16:30 WIB\n\n{BODY}\n")

    (article,), skipped = read_all(dump)

    assert skipped == []
    assert article.title == "Banjir Rendam Bekasi"
    assert article.published == "2021-09-17T16:30:00+07:00"
    assert article.paragraphs == tuple(BODY.split("\n\n"))
    assert article.path == str(dump)


def test_markdown_headline_loses_its_hash_and_the_date_may_come_first(tmp_path: Path) -> None:
    dump = tmp_path / "banjir.md"
    dump.write_text(f"Jumat, 17/09/2021 16:30\n\n# Banjir Rendam Bekasi\n\n{BODY}\n")

    (article,), _ = read_all(dump)

    assert article.title == "Banjir Rendam Bekasi"
    assert article.published == "2021-09-17T16:30:00"
    assert article.paragraphs == tuple(BODY.split("\n\n"))


def test_a_dump_without_headline_takes_its_title_from_the_text() -> None:
    article = read_text_article(BODY, "banjir.txt")
    # A first sentence of up to twelve words is the whole title, without its full stop.
    assert article.title == BODY.split(".")[0]
    assert article.paragraphs[0].startswith("Hujan deras")
    assert article.published is None


def test_single_newline_paragraphs_are_split() -> None:
    text = "Banjir Rendam Bekasi\n" + BODY.replace("\n\n", "\n")
    assert read_text_article(text, "a.txt").paragraphs == tuple(BODY.split("\n\n"))


def test_a_headline_alone_is_no_article() -> None:
    with pytest.raises(ValueError, match="no article text"):
        read_text_article("Banjir Rendam Bekasi\n\n", "a.txt")


def test_text_ids_are_stable_and_differ_by_path() -> None:
    first = read_text_article(BODY, "corpus/a.txt")
    assert read_text_article(BODY, "corpus/a.txt").id == first.id
    assert read_text_article(BODY, "corpus/b.txt").id != first.id


# JSONL


def test_jsonl_bad_lines_are_skipped_with_their_numbers(tmp_path: Path) -> None:
    source = jsonl(
        tmp_path / "news.jsonl",
        {"id": "a", "title": "Satu", "text": BODY},
        '{"id": "b", "text": "unterminated',
        ["not", "an", "object"],
        "",
        {"id": "c", "title": "Tanpa teks"},
        {"id": "d", "text": "   "},
        {"id": "e", "text": 42},
        {"id": "f", "title": "Dua", "text": BODY},
    )

    articles, skipped = read_all(source)

    assert [a.id for a in articles] == ["a", "f"]
    assert [a.path for a in articles] == [f"{source}:1", f"{source}:8"]
    assert [(s.path, s.line) for s in skipped] == [(str(source), n) for n in (2, 3, 5, 6, 7)]
    reasons = [s.reason for s in skipped]
    assert reasons[0].startswith("not valid JSON")
    assert reasons[1] == "not a JSON object"
    assert reasons[2:] == ["no 'text' field", "'text' is empty", "'text' is not a string"]


def test_jsonl_null_title_comes_from_the_url_slug_or_the_text(tmp_path: Path) -> None:
    url = "https://kumparan.com/penulis/ketua-mpr-mustahil-transportasi-bersaing-bebas"
    source = jsonl(
        tmp_path / "news.jsonl",
        {"id": "a", "title": None, "url": url, "date": "2017-03-28", "text": BODY},
        {"id": "b", "title": None, "url": None, "date": None, "source": None, "text": BODY},
    )

    (with_url, without_url), skipped = read_all(source)

    assert skipped == []
    assert with_url.title == "Ketua MPR Mustahil Transportasi Bersaing Bebas"
    assert with_url.url == url
    assert with_url.published == "2017-03-28"
    assert without_url.title.startswith("Hujan deras sejak Kamis malam")
    assert without_url.published is None and without_url.source is None


def test_jsonl_fields_map_onto_the_article() -> None:
    record: dict[str, object] = {
        "id": 7,
        "title": "Banjir  Rendam\u00a0Bekasi",
        "published": "17 September 2021, 16:30 WIB",
        "source": "Kabar Kota",
        "url": "https://kabarkota.example/banjir",
        "text": BODY + "\n\nEditor: Rina Marlina",
    }
    article = article_from_record(record, "news.jsonl:3")
    assert article.id == "7"
    assert article.title == "Banjir Rendam Bekasi"
    assert article.published == "2021-09-17T16:30:00+07:00"
    assert article.source == "Kabar Kota"
    assert article.editor == "Rina Marlina"
    assert article.path == "news.jsonl:3"
    assert article.paragraphs == tuple(BODY.split("\n\n"))


@pytest.mark.parametrize(
    ("source", "opening"),
    [("rimanews", "Rimanews-"), ("Okezone", "Okezone.com-"), ("detik", "detikcom-")],
)
def test_jsonl_the_sources_name_glued_to_the_first_word_is_no_part_of_the_story(
    source: str, opening: str
) -> None:
    record: dict[str, object] = {"source": source, "text": opening + BODY}
    article = article_from_record(record, "news.jsonl:1")
    assert article.paragraphs == tuple(BODY.split("\n\n"))
    assert article.source == source


def test_jsonl_a_glued_name_of_another_outlet_stays_in_the_story() -> None:
    record: dict[str, object] = {"source": "tempo", "text": "Kompas-" + BODY}
    article = article_from_record(record, "news.jsonl:1")
    assert article.paragraphs[0].startswith("Kompas-")


@pytest.mark.parametrize(
    ("field", "value", "seen"),
    [
        ("id_timestamp_utc", "2017-03-28T04:15:36Z", "2017-03-28T04:15:36+00:00"),
        ("crawled_at", "2017-03-28T11:15:36+07:00", "2017-03-28T11:15:36+07:00"),
        ("fetched_at", "2017-03-28 04:15:36", "2017-03-28T04:15:36+00:00"),  # no offset: UTC
        ("retrieved_at", 1490674536, "2017-03-28T04:15:36+00:00"),  # epoch seconds
        ("scraped_at", "Tue, 28 Mar 2017 04:15:36 GMT", "2017-03-28T04:15:36+00:00"),
        ("first_seen", "2017-03-28", "2017-03-28"),
    ],
)
def test_jsonl_keeps_when_a_record_was_crawled_apart_from_its_date(
    field: str, value: object, seen: str
) -> None:
    record: dict[str, object] = {"id": "x", "text": BODY, "date": None, field: value}
    article = article_from_record(record, "news.jsonl:1")
    assert article.seen == seen
    assert article.published is None  # a crawl time is never the publication date
    dated = article_from_record({**record, "date": "2017-03-27"}, "news.jsonl:1")
    assert (dated.published, dated.seen) == ("2017-03-27", seen)


def test_a_crawl_time_newsbot_cannot_read_is_ignored_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    record: dict[str, object] = {"id": "x", "text": BODY, "crawled_at": "sometime last week"}
    with caplog.at_level("WARNING"):
        article = article_from_record(record, "news.jsonl:4")
    assert article.seen is None and article.paragraphs
    assert "news.jsonl:4: the crawled_at 'sometime last week' is not a time" in caplog.text
    assert article_from_record({"id": "y", "text": BODY}, "news.jsonl:5").seen is None


@pytest.mark.parametrize(
    ("fields", "seen", "warned"),
    [
        # An unreadable first field does not hide a readable later one.
        ({"seen": "garbage", "crawled_at": 1490674536}, "2017-03-28T04:15:36+00:00", "seen"),
        ({"first_seen": "n/a", "scraped_at": "2017-03-28"}, "2017-03-28", "first_seen"),
        # A crawl time in the future is no crawl time: the next field, else none.
        ({"seen": "2999-01-01T00:00:00Z", "fetched_at": "2017-03-28"}, "2017-03-28", "seen"),
        ({"crawled_at": 32503680000}, None, "crawled_at"),  # epoch seconds, year 3000
        ({"crawled_at": 32503680000000}, None, "crawled_at"),  # epoch milliseconds
        ({"id_timestamp_utc": "2999-12-31"}, None, "id_timestamp_utc"),
    ],
)
def test_a_crawl_time_that_is_no_time_or_in_the_future_gives_way_to_the_next_field(
    caplog: pytest.LogCaptureFixture, fields: dict[str, object], seen: str | None, warned: str
) -> None:
    record: dict[str, object] = {"id": "x", "text": BODY, **fields}
    with caplog.at_level("WARNING"):
        article = article_from_record(record, "news.jsonl:7")
    assert article.seen == seen and article.published is None and article.paragraphs
    assert f"news.jsonl:7: the {warned} " in caplog.text


@pytest.mark.parametrize(
    ("fields", "published", "warned"),
    [
        # An unreadable `published` does not hide a readable `date`.
        ({"published": "kemarin sore", "date": "2017-03-27"}, "2017-03-27", ["published"]),
        ({"published": "n/a", "date": 1490674536}, "2017-03-28T11:15:36+07:00", ["published"]),
        (
            {"published": "2017-03-27T09:00:00+07:00", "date": "junk"},
            "2017-03-27T09:00:00+07:00",
            [],
        ),
        ({"published": "  ", "date": "2017-03-27"}, "2017-03-27", []),  # blank is missing
        ({"published": "??", "date": "--"}, None, ["published", "date"]),
    ],
)
def test_an_unreadable_published_gives_way_to_date(
    caplog: pytest.LogCaptureFixture,
    fields: dict[str, object],
    published: str | None,
    warned: list[str],
) -> None:
    record: dict[str, object] = {"id": "x", "text": BODY, **fields}
    with caplog.at_level("WARNING"):
        article = article_from_record(record, "news.jsonl:9")
    assert article.published == published and article.paragraphs
    for field in warned:
        assert f"news.jsonl:9: the {field} " in caplog.text
    assert len(caplog.records) == len(warned)
    if published and warned:  # the date that was read is not said to be missing
        assert "undated" not in caplog.text and "ignored" in caplog.text


@pytest.mark.parametrize("blank", ["", "   ", "\t", None])
def test_a_blank_crawl_field_is_no_field(caplog: pytest.LogCaptureFixture, blank: object) -> None:
    record: dict[str, object] = {"id": "x", "text": BODY, "seen": blank, "fetched_at": 1490674536}
    with caplog.at_level("WARNING"):
        article = article_from_record(record, "news.jsonl:10")
    assert article.seen == "2017-03-28T04:15:36+00:00"
    assert not caplog.records


def test_a_crawl_time_a_few_hours_ahead_of_utc_is_kept() -> None:
    # A crawl log keeping local time without a zone is read as UTC: hours ahead, not wrong.
    ahead = (datetime.now(UTC) + timedelta(hours=7)).replace(tzinfo=None, microsecond=0)
    record: dict[str, object] = {"id": "x", "text": BODY, "crawled_at": ahead.isoformat()}
    assert article_from_record(record, "news.jsonl:8").seen == f"{ahead.isoformat()}+00:00"


def test_jsonl_without_id_gets_a_stable_id_from_url_or_place(tmp_path: Path) -> None:
    source = jsonl(
        tmp_path / "news.jsonl",
        {"text": BODY},
        {"text": BODY},
        {"url": "https://example.com/a-b-c-d", "text": BODY},
    )

    first, _ = read_all(source)
    again, _ = read_all(source)

    assert [a.id for a in first] == [a.id for a in again]
    assert len({a.id for a in first}) == 3
    moved = article_from_record({"url": "https://example.com/a-b-c-d", "text": BODY}, "x:9")
    assert moved.id == first[2].id  # the URL names it wherever the record sits


CORRECTED = (
    "Hujan deras sejak Kamis malam membuat puluhan rumah warga terendam banjir.\n\n"
    "Petugas gabungan menyiapkan perahu karet dan dapur umum bagi warga yang mengungsi."
)


def test_a_later_jsonl_line_with_the_same_id_replaces_the_earlier(tmp_path: Path) -> None:
    source = jsonl(
        tmp_path / "news.jsonl",
        {"id": "a", "title": "Banjir", "text": BODY},
        {"id": "b", "title": "Lain", "text": BODY},
        {"id": 7, "text": BODY},
        {"id": "a", "title": "Banjir (ralat)", "text": CORRECTED},
        {"id": "7", "text": CORRECTED},
    )

    articles, skipped = read_all(source)

    assert [(a.id, a.title) for a in articles] == [
        ("b", "Lain"),
        ("a", "Banjir (ralat)"),
        ("7", articles[2].title),
    ]
    assert "puluhan rumah" in articles[1].paragraphs[0]
    assert [(s.line, s.reason) for s in skipped] == [
        (1, "article id 'a' is given again on line 4, which is read"),
        (3, "article id '7' is given again on line 5, which is read"),
    ]


def test_a_later_jsonl_line_with_the_same_address_replaces_the_earlier(tmp_path: Path) -> None:
    url = "https://example.com/banjir-bekasi"
    source = jsonl(
        tmp_path / "news.jsonl",
        {"url": url, "text": BODY},
        {"text": BODY},
        {"url": url, "text": CORRECTED},
    )

    articles, skipped = read_all(source)

    assert len(articles) == 2 and "puluhan rumah" in articles[1].paragraphs[0]
    assert [s.line for s in skipped] == [1]


def test_an_unreadable_later_line_leaves_the_earlier_text(tmp_path: Path) -> None:
    source = jsonl(
        tmp_path / "news.jsonl",
        {"id": "a", "text": BODY},
        {"id": "a", "text": "   "},
        '{"id": "a", "text": "unterminated',
    )

    articles, skipped = read_all(source)

    assert [a.id for a in articles] == ["a"] and "ratusan rumah" in articles[0].paragraphs[0]
    assert [s.line for s in skipped] == [2, 3]


def test_jsonl_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    source = tmp_path / "bom.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": BODY}).encode() + b"\n")
    articles, skipped = read_all(source)
    assert [a.id for a in articles] == ["a"] and skipped == []


def test_a_latin1_line_in_jsonl_is_skipped_not_guessed(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "text": BODY}).encode()
    source.write_bytes(good + b"\n" + '{"id": "b", "text": "Caf\u00e9 baru"}'.encode("latin-1"))

    articles, skipped = read_all(source)

    assert [a.id for a in articles] == ["a"]
    assert [(s.line, s.reason) for s in skipped] == [(2, "not UTF-8 text")]


# HTML


def test_html_page_gives_main_text_without_boilerplate() -> None:
    (article,), skipped = read_all(DATA / "banjir-bekasi.html")

    assert skipped == []
    assert article.title == "Banjir Rendam Ratusan Rumah di Bekasi"
    assert article.source == "Kabar Kota"
    assert article.published == "2021-09-17T16:30:00+07:00"
    assert article.editor == "Rina Marlina"
    assert article.paragraphs[0].startswith("Hujan deras")
    assert article.place == "Bekasi"
    assert article.paragraphs[-1].endswith('hingga akhir pekan," ujarnya.')
    assert len(article.paragraphs) == 4
    text = "\n".join(article.paragraphs)
    for junk in ("SCRIPT_TEXT", "showAd", "Beranda", "Advertisement", "Baca juga", "Copyright"):
        assert junk not in text
    assert "Macet di Cikampek" not in text and "Berita Terkait" not in text


def test_html_page_without_main_text_is_an_error() -> None:
    with pytest.raises(ValueError, match="no article text"):
        read_html_article("<html><head><title>Kosong</title></head><body></body></html>", "a")


def test_html_title_falls_back_to_the_url() -> None:
    html = f"<html><body><article><p>{BODY.replace(chr(10) * 2, '</p><p>')}</p></article></body>"
    url = "https://kabarkota.example/berita/banjir-rendam-ratusan-rumah-di-bekasi"
    article = read_html_article(html, "page.html", url=url)
    assert article.title == "Banjir Rendam Ratusan Rumah di Bekasi"
    assert article.url == url


# Broken files


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("binary.txt", b"PK\x03\x04\x00\x00\x08\x00 zip bytes", "binary file, not text"),
        ("binary.jsonl", b'{"text": "a"}\n\x00\x01\x02', "binary file, not text"),
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\t\n \n", "empty file"),
        ("blank.jsonl", b"\n\n  \n", "empty file"),
        ("utf16.jsonl", '{"text": "Isi"}'.encode("utf-16"), "not UTF-8 text (UTF-16)"),
        ("nothing.html", b"<html><body><nav>Beranda</nav><p>Masuk</p></body></html>", None),
    ],
)
def test_broken_files_are_skipped_with_a_reason(
    tmp_path: Path, name: str, content: bytes, reason: str | None
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    articles, skipped = read_all(path)

    assert articles == []
    assert [s.path for s in skipped] == [str(path)]
    assert skipped[0].line is None
    expected = reason or {"nothing.html": "no article text"}[name]
    assert skipped[0].reason.startswith(expected)


def test_an_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(BODY)
    original_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return original_open(self, *args, **kwargs)  # type: ignore[call-overload]

    # Tests may run as root, which chmod cannot lock out.
    monkeypatch.setattr(Path, "open", refuse)

    _, skipped = read_all(locked)

    assert skipped == [SkippedSource(str(locked), "cannot read file (Permission denied)")]


def test_a_missing_path_and_an_unsupported_file_named_explicitly(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")

    _, skipped = read_all(missing, pdf)

    assert [s.path for s in skipped] == [str(missing), str(pdf)]
    assert skipped[0].reason == "no such file or folder"
    assert "'.pdf'" in skipped[1].reason and ".jsonl" in skipped[1].reason


@pytest.mark.parametrize(
    "given", ["http://192.168.1.1/x.html", "https://example.com/berita/banjir", "HTTPS://a.b/c"]
)
def test_a_web_address_given_as_a_path_says_where_urls_go(given: str) -> None:
    # As the command line passes it: a Path, which folds "//" into "/".
    _, skipped = read_all(Path(given))

    assert len(skipped) == 1 and skipped[0].path.casefold() == given.casefold()
    assert "web address" in skipped[0].reason and "newsbot.toml" in skipped[0].reason
    assert "/add" in skipped[0].reason


def test_a_file_named_like_a_scheme_is_still_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "http").mkdir()
    (tmp_path / "http" / "a.txt").write_text("Judul\n\nIsi berita yang cukup panjang.\n")

    articles, skipped = read_all(Path("http/a.txt"))

    assert skipped == [] and len(articles) == 1


def test_folders_are_walked_recursively_sorted_without_hidden_or_unsupported(
    tmp_path: Path,
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner").mkdir()
    (tmp_path / ".git").mkdir()
    for relative in ("c.txt", "a.md", "b/z.htm", "b/inner/y.txt", ".git/x.txt", ".hidden.txt"):
        (tmp_path / relative).write_text(f"Judul {relative}\n\n{BODY}\n")
    (tmp_path / "b" / "z.htm").write_text(f"<html><body><article><p>{BODY}</p></article></body>")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "README").write_text("no suffix")

    articles, skipped = read_all(tmp_path)

    assert skipped == []
    found = [Path(a.path).relative_to(tmp_path).as_posix() for a in articles]
    assert found == ["a.md", "b/inner/y.txt", "b/z.htm", "c.txt"]


def test_a_folders_own_documents_are_skipped_and_named_unless_given_by_name(
    tmp_path: Path,
) -> None:
    (tmp_path / "README.md").write_text(f"# Corpus\n\n{BODY}\n")
    (tmp_path / "LICENSE.txt").write_text(f"CC BY-SA\n\n{BODY}\n")
    (tmp_path / "readme-berita.txt").write_text(f"Judul\n\n{BODY}\n")

    articles, skipped = read_all(tmp_path)

    assert [Path(a.path).name for a in articles] == ["readme-berita.txt"]
    assert sorted(Path(s.path).name for s in skipped) == ["LICENSE.txt", "README.md"]
    assert all("not an article" in s.reason for s in skipped)
    articles, skipped = read_all(tmp_path / "README.md")
    assert [a.title for a in articles] == ["Corpus"] and skipped == []


def test_read_sources_streams_one_source_at_a_time(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(f"Judul\n\n{BODY}\n")

    def paths() -> Iterator[Path]:
        yield first
        raise AssertionError("the second path was asked for before the first was used")

    items = read_sources(paths())
    assert isinstance(next(items), Article)


def test_supported_suffixes() -> None:
    documents = {".txt", ".md", ".html", ".htm"}
    records = {".jsonl", ".json", ".csv", ".tsv", ".xml", ".rss", ".atom"}
    assert sorted(SUPPORTED_SUFFIXES) == sorted(documents | records)


# The shared corpora


def test_indosum_loads_whole_and_clean() -> None:
    corpus = SHARED / "corpus" / "indosum-3000.jsonl"
    if not corpus.is_file():
        pytest.skip("the shared corpus is absent (corpus/indosum-3000.jsonl beside the checkout)")

    articles, skipped = read_all(corpus)

    assert len(articles) == 3000
    assert skipped == []
    assert len({a.id for a in articles}) == 3000
    assert all(a.title.strip() and a.paragraphs for a in articles)
    assert all(p.strip() for a in articles for p in a.paragraphs)
    assert not [p for a in articles for p in a.paragraphs if LEAD_IN.match(p)]
    assert not [a.id for a in articles if a.paragraphs[-1].startswith("DailySocial.id adalah")]
    ketua = next(a for a in articles if a.url and a.url.endswith("online-bersaing-bebas"))
    assert ketua.title == "Ketua MPR Mustahil Transportasi Tradisional dan Online Bersaing Bebas"


def test_dev_passages_load_with_titles_from_their_text() -> None:
    passages = SHARED / "eval" / "dev-passages.jsonl"
    if not passages.is_file():
        pytest.skip("the shared eval data is absent (eval/dev-passages.jsonl beside the checkout)")

    articles, skipped = read_all(passages)

    assert skipped == []
    assert len(articles) == 1283
    assert all(a.id.startswith("facqa-p-") for a in articles)
    assert all(a.paragraphs[0].startswith(a.title.removesuffix("\u2026")) for a in articles)


def test_a_date_line_leading_the_page_text_is_metadata_not_a_paragraph() -> None:
    paragraphs = BODY.replace(chr(10) * 2, "</p><p>")
    html = (
        "<html><head><title>Banjir Rendam Ratusan Rumah</title></head><body><article>"
        "<h1>Banjir Rendam Ratusan Rumah</h1><div class='date'>2024-03-05</div>"
        f"<p>{paragraphs}</p></article></body></html>"
    )
    article = read_html_article(html, "page.html")
    assert article.published == "2024-03-05"
    assert not any(p.strip() == "2024-03-05" for p in article.paragraphs)
    assert article.paragraphs[0].startswith(BODY.split(chr(10))[0][:20])


# Dates, bylines and encodings as outlets and scrapers write them


@pytest.mark.parametrize(
    ("fields", "published"),
    [
        ({"date": "2021-09-18T04:10:00+07:00"}, "2021-09-18T04:10:00+07:00"),
        ({"published": "2021-09-18 04:10:00WIB"}, "2021-09-18T04:10:00+07:00"),
        ({"published": "2021-09-18T04:10:00"}, "2021-09-18T04:10:00"),
        ({"date": 1631913000}, "2021-09-18T04:10:00+07:00"),
        ({"published": "Sabtu, 18/09/2021 05:10 WITA"}, "2021-09-18T05:10:00+08:00"),
        ({"date": "18 September 2021"}, "2021-09-18"),
    ],
)
def test_jsonl_dates_keep_the_outlets_offset(
    tmp_path: Path, fields: dict[str, object], published: str
) -> None:
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": "a", "text": BODY, **fields}) + "\n", encoding="utf-8")
    (article,), skipped = read_all(source)
    assert skipped == [] and article.published == published


def test_a_text_dump_with_a_byline_block_keeps_only_the_story(tmp_path: Path) -> None:
    dump = tmp_path / "rob.txt"
    dump.write_text(
        "Banjir Rob Genangi Pantura\n\nPenulis: Dewi Anggraini | Editor: Hadi Santoso\n"
        "KOMPAS.com - Senin, 3 Januari 2022 | 06:45 WIB\n\n"
        "PEKALONGAN, KOMPAS.com - Banjir rob setinggi 40 sentimeter menggenangi jalan.\n\n"
        "Berita Lainnya:\nGubernur Resmikan Jembatan Baru\nLima Warung Terbakar di Pasar\n",
        encoding="utf-8",
    )
    (article,), _ = read_all(dump)
    assert article.paragraphs == ("Banjir rob setinggi 40 sentimeter menggenangi jalan.",)
    assert (article.author, article.editor, article.source, article.place) == (
        "Dewi Anggraini",
        "Hadi Santoso",
        "Kompas.com",
        "Pekalongan",
    )
    assert article.published == "2022-01-03T06:45:00+07:00"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "declared.html",
            '<html><head><meta charset="windows-1252"></head><body><article><p>Kafe '
            "\u201cWastra\u201d \u2014 caf\u00e9 latte Rp 25.000 untuk pengunjung pameran batik "
            "di Solo.</p></article></body></html>",
        ),
        (
            "latin1.html",
            '<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=ISO-8859-1"></head><body><article><p>Kafe \u201cWastra\u201d \u2014 '
            "caf\u00e9 latte Rp 25.000 untuk pengunjung pameran batik di Solo.</p></article>"
            "</body></html>",
        ),
        (
            "undeclared.txt",
            "Kafe Batik\n\nKafe \u201cWastra\u201d \u2014 caf\u00e9 latte Rp 25.000 untuk "
            "pengunjung pameran batik di Solo, kata pengelola kafe itu.",
        ),
    ],
)
def test_legacy_encodings_are_read_in_their_encoding(tmp_path: Path, name: str, data: str) -> None:
    path = tmp_path / name
    path.write_bytes(data.encode("cp1252"))
    (article,), skipped = read_all(path)
    assert skipped == []
    assert "Kafe \u201cWastra\u201d \u2014 caf\u00e9 latte Rp 25.000" in article.paragraphs[0]


def test_a_utf16_page_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(f"Judul\n\n{BODY}".encode("utf-16"))
    (article,), skipped = read_all(path)
    assert skipped == [] and article.title == "Judul"
