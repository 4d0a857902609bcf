"""Odd things to index, found by feeding `newsbot index` what users' folders hold: symbolic
links that lead round a loop, files one may not read, and publication dates no article can
have (far in the future, or a placeholder such as year 1)."""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.index.articles import Article, SkippedSource
from newsbot.index.building import chunking
from newsbot.index.coverage.timeline import day_span
from newsbot.index.defaults import MAX_PARAGRAPH_CHARS
from newsbot.index.reading.dates import implausible_published
from newsbot.index.reading.readers import (
    article_from_record,
    read_html_article,
    read_sources,
    read_text_article,
)
from tests.conftest import REPO, cli_news_folder, write_article

BODY = "Banjir merendam ratusan rumah warga di tiga kecamatan sejak Kamis malam."


def read(*paths: Path) -> tuple[list[Article], dict[str, str]]:
    items = list(read_sources(paths))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = {Path(i.path).name: i.reason for i in items if isinstance(i, SkippedSource)}
    return articles, skipped


# -- symbolic link loops -------------------------------------------------------------------


def test_a_link_to_itself_is_named_and_the_rest_of_the_folder_read(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "a.txt", "Banjir", BODY)
    write_article(folder, "z.txt", "Banjir Lagi", BODY)
    (folder / "self").symlink_to("self")
    articles, skipped = read(folder)
    assert sorted(a.title for a in articles) == ["Banjir", "Banjir Lagi"]
    assert set(skipped) == {"self"} and "loop" in skipped["self"]


def test_two_links_leading_to_each_other_are_named_even_with_an_article_suffix(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    write_article(folder / "sub", "a.txt", "Banjir", BODY)
    (folder / "ping.txt").symlink_to("pong.txt")
    (folder / "pong.txt").symlink_to("ping.txt")
    (folder / "sub" / "up").symlink_to("..")  # a loop of folders: walked once, not named
    articles, skipped = read(folder)
    assert [a.title for a in articles] == ["Banjir"]
    assert set(skipped) == {"ping.txt", "pong.txt"}
    assert all("loop" in reason for reason in skipped.values())
    # Named explicitly, a looping link says so too (it is no "broken link to nowhere").
    _, skipped = read(folder / "ping.txt")
    assert "loop" in skipped["ping.txt"] and "broken" not in skipped["ping.txt"]


def test_newsbot_index_over_a_folder_with_a_loop_finishes_and_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before, the loop's OSError escaped the reader and the build said it could not *write*
    the index ("free space or fix the permissions"), indexing nothing."""
    folder = cli_news_folder(tmp_path, monkeypatch)
    write_article(folder, "banjir.txt", "Banjir", BODY)
    (folder / "loop").symlink_to("loop")
    assert cli.main(["index", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "Indexed 1 article" in out and f"{folder / 'loop'}: " in out and "loop" in out
    assert "cannot write" not in out + err


# -- publication dates no article can have -------------------------------------------------

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("published", "why"),
    [
        ("9999-12-31T23:59:59+07:00", "in the future"),
        ("9999-12-31T23:59:59-05:00", "in the future"),  # past the calendar's end in UTC
        ("2026-12-02", "in the future"),
        ("2026-12-01T13:00:00+00:00", "in the future"),  # 25 hours ahead
        ("0001-01-01", "before 1900"),
        ("1899-12-31T23:00:00+07:00", "before 1900"),
        ("2026-12-01", None),  # tomorrow somewhere east of the clock
        ("2026-12-01T06:00:00+07:00", None),
        ("1900-01-01", None),
        ("2021-09-17T16:30:00+07:00", None),
    ],
)
def test_a_publication_date_in_the_future_or_before_1900_is_implausible(
    published: str, why: str | None
) -> None:
    assert implausible_published(published, NOW) == why


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59:59+07:00", "0001-01-01", "3000-01-01", 9999999999, "1850-06-01"]
)
@pytest.mark.parametrize("field", ["published", "date"])
def test_a_record_dated_in_the_future_or_year_one_is_kept_undated_and_warned(
    caplog: pytest.LogCaptureFixture, value: object, field: str
) -> None:
    with caplog.at_level("WARNING"):
        article = article_from_record({"id": "x", "text": BODY, field: value}, "n.jsonl:3")
    assert article.published is None and article.paragraphs
    assert f"n.jsonl:3: the {field} " in caplog.text and "not a publication date" in caplog.text
    assert "undated" in caplog.text


def test_an_implausible_published_gives_way_to_a_plausible_date() -> None:
    record: dict[str, object] = {
        "id": "x",
        "text": BODY,
        "published": "0001-01-01T00:00:00",
        "date": "2022-10-12",
    }
    assert article_from_record(record, "n.jsonl:4").published == "2022-10-12"


def test_an_implausible_date_line_in_a_text_or_a_page_is_dropped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    dump = f"Banjir di Garut\n\n- 31 Desember 2999, 10:00 WIB\n\n{BODY}\n"
    page = (
        '<html><head><meta property="article:published_time" content="2999-01-01T10:00:00+07:00">'
        f"<title>Banjir di Garut</title></head><body><article><h1>Banjir di Garut</h1>"
        f"<p>{BODY}</p><p>Petugas menyiapkan perahu karet dan dapur umum bagi warga.</p>"
        "</article></body></html>"
    )
    with caplog.at_level("WARNING"):
        text = read_text_article(dump, "banjir.txt")
        html = read_html_article(page, "banjir.html")
    assert text.published is None and text.title == "Banjir di Garut"
    assert html.published is None and html.paragraphs
    assert "banjir.txt: the date 2999-12-31T10:00:00+07:00 is in the future" in caplog.text
    assert "banjir.html: the date 2999-01-01" in caplog.text


def test_newsbot_index_never_answers_with_a_date_in_the_year_9999(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before, "kapan roket diluncurkan?" cited "31 Desember 9999" as the date, `stats`
    said "Published: 0001-01-01 to 9999-12-31" and `timeline` crashed past the calendar."""
    folder = cli_news_folder(tmp_path, monkeypatch)
    records = [
        {"id": "mars", "title": "Roket ke Mars", "published": "9999-12-31T23:59:59+07:00",
         "text": "Badan antariksa meluncurkan roket ke Mars dari landasan di Biak, Papua."},
        {"id": "lawu", "title": "Kerajaan Kuno", "published": "0001-01-01",
         "text": "Arkeolog menemukan sisa kerajaan kuno di lereng Gunung Lawu."},
        {"id": "garut", "title": "Banjir Garut", "published": "2022-10-12", "text": BODY},
    ]  # fmt: skip
    (folder / "odd.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    assert cli.main(["index", str(folder)]) == 0
    assert "Indexed 3 articles" in capsys.readouterr().out
    assert cli.main(["stats"]) == 0
    assert "Published: 2022-10-12 to 2022-10-12" in capsys.readouterr().out
    assert cli.main(["ask", "--json", "kapan roket diluncurkan ke Mars?"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits[0]["title"] == "Roket ke Mars" and hits[0]["published"] is None
    assert cli.main(["timeline", "roket Mars", "--png", str(tmp_path / "t.png")]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("day", [date.min, date.max])
def test_a_one_day_timeline_at_the_calendars_end_does_not_overflow(day: date) -> None:
    """An index built before dates were checked may still hold year 1 or 9999."""
    span = day_span([day])
    assert day in span and len(span) == 2
    assert span == sorted(span) and all(abs(d - day) <= timedelta(days=1) for d in span)


# -- files and folders one may not read ----------------------------------------------------


def _as_a_normal_user() -> list[str]:
    """A command prefix under which file permissions hold: none for a normal user; for root,
    ``setpriv`` without the capabilities that override them (skip when there is none)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to hold")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


_READ = """
import json, sys
from pathlib import Path
from newsbot.index.articles import Article
from newsbot.index.reading.readers import read_sources
print(json.dumps([
    [item.title, None] if isinstance(item, Article) else [item.path, item.reason]
    for item in read_sources(Path(p) for p in sys.argv[1:])
]))
"""


def read_as_a_normal_user(*paths: Path) -> list[list[str | None]]:
    done = subprocess.run(
        [*_as_a_normal_user(), sys.executable, "-c", _READ, *map(str, paths)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def test_unreadable_files_folders_and_files_inside_them_are_each_named(tmp_path: Path) -> None:
    """Before, a file named inside a folder one may not search raised PermissionError out of
    the reader, and `newsbot index` said it could not *write* the index."""
    folder = tmp_path / "news"
    (folder / "closed").mkdir(parents=True)
    write_article(folder, "open.txt", "Banjir", BODY)
    write_article(folder, "secret.txt", "Rahasia", BODY)
    write_article(folder / "closed", "inside.txt", "Di Dalam", BODY)
    (folder / "into-closed.txt").symlink_to(folder / "closed" / "inside.txt")
    (folder / "secret.txt").chmod(0)
    (folder / "closed").chmod(0)
    try:
        read = read_as_a_normal_user(folder, folder / "closed" / "inside.txt")
    finally:
        (folder / "closed").chmod(0o755)
    said = {Path(name).name if reason else name: reason for name, reason in read}
    assert said == {
        "Banjir": None,
        "closed": "cannot read folder (Permission denied)",
        "into-closed.txt": "cannot read it (Permission denied)",
        "secret.txt": "cannot read file (Permission denied)",
        "inside.txt": "cannot read it (Permission denied)",
    }


# -- pages nested deeper than libxml2 reads by default --------------------------------------

BRIDGE = (
    "<p>Jembatan gantung di Kutai Kartanegara ambruk pada Sabtu sore ketika puluhan warga "
    "sedang melintas di atasnya.</p><p>Polisi masih menyelidiki penyebab ambruknya jembatan "
    "yang baru dibangun dua tahun lalu itu.</p>"
)


def nested(depth: int, tag: str = "div") -> str:
    return (
        "<html><head><title>Jembatan Ambruk di Kutai</title></head><body>"
        f"{f'<{tag}>' * depth}{BRIDGE}{f'</{tag}>' * depth}</body></html>"
    )


@pytest.mark.parametrize(
    "page",
    [
        nested(300),
        nested(2000),
        nested(600, "section"),
        # unclosed <div>s, as a broken template leaves them
        "<html><head><title>Jembatan Ambruk di Kutai</title></head><body>"
        + "<div class=x>" * 400
        + BRIDGE,
    ],
)
def test_a_page_nested_hundreds_of_elements_deep_is_read(page: str) -> None:
    """Before, libxml2 silently dropped everything over 255 elements deep and the page was
    skipped as "no article text found"."""
    article = read_html_article(page, "deep.html")
    assert article.title == "Jembatan Ambruk di Kutai"
    assert article.paragraphs[0].startswith("Jembatan gantung di Kutai Kartanegara ambruk")


def test_a_page_nested_past_huge_tree_mode_is_named_with_why(tmp_path: Path) -> None:
    (tmp_path / "deeper.html").write_text(nested(5000), encoding="utf-8")
    articles, skipped = read(tmp_path / "deeper.html")
    assert not articles and "nested over 2,048 deep" in skipped["deeper.html"]


# -- gzip'd sources -------------------------------------------------------------------------


def test_gzipped_jsonl_text_and_pages_are_read_in_a_folder_and_named(tmp_path: Path) -> None:
    """Before, a folder's `news.jsonl.gz` was passed over in silence and, named, refused."""
    folder = tmp_path / "news"
    folder.mkdir()
    record = {"id": "gz", "title": "Gempa di Cianjur", "date": "2022-11-21", "text": BODY}
    with gzip.open(folder / "feed.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")
    with gzip.open(folder / "Banjir.TXT.GZ", "wt", encoding="utf-8") as out:
        out.write(f"Banjir di Garut\n\n- 12 Oktober 2022\n\n{BODY}\n")
    (folder / "bridge.html.gz").write_bytes(gzip.compress(nested(3).encode()))
    (folder / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset/>"))  # not a feed
    articles, skipped = read(folder)
    assert sorted(a.title for a in articles) == [
        "Banjir di Garut",
        "Gempa di Cianjur",
        "Jembatan Ambruk di Kutai",
    ]
    assert skipped == {}
    _, skipped = read(folder / "sitemap.xml.gz")
    assert skipped["sitemap.xml.gz"] == "not an RSS/Atom feed"


def test_a_gzipped_jsonl_cut_short_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    lines = b"".join(
        json.dumps({"id": f"n{i}", "text": f"Banjir di kota nomor {i} merendam rumah."}).encode()
        + b"\n"
        for i in range(2000)
    )
    packed = gzip.compress(lines)
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "not.jsonl.gz").write_bytes(lines[:500])  # not gzip'd at all
    articles, skipped = read(tmp_path / "cut.jsonl.gz", tmp_path / "not.jsonl.gz")
    assert 100 < len(articles) < 2000
    assert [a.id for a in articles] == [f"n{i}" for i in range(len(articles))]
    assert skipped["cut.jsonl.gz"].startswith(f"cut short after line {len(articles)} (")
    assert skipped["not.jsonl.gz"].startswith("cannot read file (Not a gzipped file")


# -- one very long paragraph ----------------------------------------------------------------


def _old_sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentence splitter before it stopped copying the text before each sentence (its
    results are the reference; it took minutes on a 50 MB line)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in chunking._BOUNDARY.finditer(text):
        words = text[start : match.start() + 1].split()
        last_word = words[-1].rstrip(".").lower() if words else ""
        if last_word in chunking._ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        end = match.end()
        spans.append((start, len(text[:end].rstrip())))
        start = end
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _old_split_long(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for sentence in [text[s:e] for s, e in _old_sentence_spans(text)]:
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def _random_text(rng: random.Random) -> str:
    words = ["Banjir", "merendam", "rumah", "Dr.", "No.", "A.", "1.300", "warga", "x" * 50]
    ends = [" ", " ", " ", ". ", "! ", "? ", ".\n", "  ", "\t", "… ", '." ', ""]
    n = rng.choice([0, 1, 5, 50, 400])
    return "".join(rng.choice(words) + rng.choice(ends) for _ in range(n)) + rng.choice(
        ["", " ", "\n ", ".", "   "]
    )


def test_splitting_without_copies_gives_exactly_what_it_gave_before() -> None:
    rng = random.Random(8)
    for _ in range(400):
        text = _random_text(rng)
        assert chunking.sentence_spans(text) == _old_sentence_spans(text), text
        limit = rng.choice([40, 120, 1200])
        assert chunking._split_long(text.strip(), limit) == _old_split_long(text.strip(), limit)


def test_a_20000_character_paragraph_without_a_sentence_end_is_cut_into_whole_words() -> None:
    words = [f"sawah{i}" for i in range(2600)]  # about 20,000 characters, no full stop
    article = article_from_record({"id": "x", "text": " ".join(words)}, "n.jsonl:1")
    pieces = chunking.paragraph_texts(article)
    assert len(pieces) > 10 and all(len(p) <= MAX_PARAGRAPH_CHARS for p in pieces)
    assert " ".join(pieces).split() == words


# -- the same file named twice ---------------------------------------------------------------


def test_a_file_named_twice_or_inside_a_folder_also_named_is_read_once(tmp_path: Path) -> None:
    """Before, `newsbot index a.txt a.txt folder` listed a.txt as a "duplicate article id"
    of itself once per extra mention, and a folder named twice once per file."""
    folder = tmp_path / "news"
    folder.mkdir()
    article = write_article(folder, "banjir.txt", "Banjir", BODY)
    articles, skipped = read(article, article, folder, folder / ".." / "news", folder)
    assert [a.title for a in articles] == ["Banjir"] and skipped == {}


def test_a_link_to_a_file_already_read_is_skipped_naming_it(tmp_path: Path) -> None:
    """Before, a second name for the same file (a symbolic link) indexed it twice, and the
    same paragraph came back as two passages."""
    folder = tmp_path / "news"
    folder.mkdir()
    article = write_article(folder, "banjir.txt", "Banjir", BODY)
    (folder / "salinan.txt").symlink_to("banjir.txt")
    (tmp_path / "elsewhere.txt").symlink_to(article)
    articles, skipped = read(folder, tmp_path / "elsewhere.txt")
    assert [a.title for a in articles] == ["Banjir"]
    assert skipped == {"salinan.txt": f"the same file as {article}, which is read"} | {
        "elsewhere.txt": f"the same file as {article}, which is read"
    }
