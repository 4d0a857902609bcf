"""What `newsbot index` says about its input: each skip once (in the summary), no library
noise, broken links named, bad jsonl dates and URLs warned about with the article kept, whole
JSON errors, an honest outlet label, and option and folder errors that name what was typed."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.index.articles import Article, SkippedSource
from newsbot.index.building import embedders
from newsbot.index.reading.readers import read_sources
from tests.conftest import REPO, FakeEmbedder, without_progress, write_article

TEXTLESS_PAGES = {
    "nav.html": "<html><head><title>Beranda</title></head><body><p>Masuk</p></body></html>",
    "empty.html": "<html><body></body></html>",
    "image.htm": '<html><body><img src="a.jpg"><a href="/">Home</a></body></html>',
}


def run_index(
    tmp_path: Path, *argv: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """A real ``newsbot index`` process (fake embedder, no delay), as a user runs it."""
    env = {**os.environ, "NEWSBOT_TEST_EMBED_DELAY": "0", "PYTHONPATH": str(REPO)}
    for name in ("NEWSBOT_INDEX_DIR", "NEWSBOT_SOURCES", "NEWSBOT_STORE", "NEWSBOT_CONFIG"):
        env.pop(name, None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.slow_cli",
            "index",
            "--index-dir",
            str(tmp_path / "idx"),
            *argv,
        ],
        cwd=cwd or REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_skip_is_named_once_and_library_noise_is_not_shown(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "jalan.txt", "Jalan Tol Baru", "Jalan tol baru diresmikan gubernur.")
    for name, html in TEXTLESS_PAGES.items():
        (folder / name).write_text(html, encoding="utf-8")
    (folder / "broken.txt").symlink_to(folder / "gone.txt")
    (folder / "bad.jsonl").write_text('{"text": "a \x01 b"}\n', encoding="utf-8")
    done = run_index(tmp_path, str(folder))
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    assert "discarding data" not in said and "Traceback" not in said
    for name in [*TEXTLESS_PAGES, "broken.txt", "bad.jsonl"]:
        assert said.count(f"{folder / name}") == 1, (name, said)
    assert f"Skipped {len(TEXTLESS_PAGES) + 2}:" in done.stdout


def test_feed_and_address_skips_are_named_once(tmp_path: Path) -> None:
    config = tmp_path / "newsbot.toml"
    config.write_text(
        '[[sources]]\nfeed = "http://127.0.0.1:9/rss.xml"\n\n'
        '[[sources]]\nurl = "http://10.1.2.3/berita/satu"\n\n'
        '[[sources]]\npath = "news"\n',
        encoding="utf-8",
    )
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "jalan.txt", "Jalan Tol Baru", "Jalan tol baru diresmikan gubernur.")
    done = run_index(tmp_path, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    for address in ("http://127.0.0.1:9/rss.xml", "http://10.1.2.3/berita/satu"):
        assert said.count(address) == 1, said
    assert without_progress(done.stderr).strip() == ""


def read(*paths: Path) -> tuple[list[Article], list[SkippedSource]]:
    items = list(read_sources(paths))
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, SkippedSource)],
    )


def test_broken_links_are_skipped_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "ok.txt", "Berita", "Isi berita yang cukup panjang untuk dibaca.")
    (folder / "broken.txt").symlink_to("nowhere.txt")
    (folder / "to-page").symlink_to("deleted.html")  # its target names the type
    (folder / "picture.png").symlink_to("gone.png")  # not an article either way
    (folder / ".hidden.txt").symlink_to("gone.txt")
    articles, skipped = read(folder)
    assert [a.title for a in articles] == ["Berita"]
    named = {Path(s.path).name: s.reason for s in skipped}
    assert set(named) == {"broken.txt", "to-page"}
    assert "broken symbolic link" in named["broken.txt"] and "nowhere.txt" in named["broken.txt"]
    # Named explicitly, a broken link says so too, and a missing file stays "no such".
    _, skipped = read(folder / "broken.txt", folder / "never.txt")
    assert "broken symbolic link" in skipped[0].reason
    assert skipped[1].reason == "no such file or folder"


def jsonl(tmp_path: Path, *records: dict[str, object]) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "date",
    ["2022-13-45", "32 Januari 2022", "tomorrow-ish", "2022-02-30T10:00", True, [2022, 1, 3], {}],
)
@pytest.mark.parametrize("field", ["date", "published"])
def test_an_unreadable_date_is_warned_and_the_article_kept_undated(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, date: object, field: str
) -> None:
    path = jsonl(tmp_path, {"text": "Harga bawang naik tajam di pasar.", field: date})
    with caplog.at_level(logging.WARNING):
        articles, skipped = read(path)
    assert not skipped and len(articles) == 1 and articles[0].published is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert f"{path}:1" in warnings[0] and repr(date) in warnings[0] and "undated" in warnings[0]


def test_a_readable_or_absent_date_is_not_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = jsonl(
        tmp_path,
        {"text": "Satu berita.", "date": "2022-01-03"},
        {"text": "Dua berita.", "published": "2021-09-18 04:10 WIB"},
        {"text": "Tiga berita.", "date": 1631913000},
        {"text": "Empat berita."},
        {"text": "Lima berita.", "date": ""},
    )
    with caplog.at_level(logging.WARNING):
        articles, _ = read(path)
    assert [a.published is not None for a in articles] == [True, True, True, False, False]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "ftp://example.com/berita/harga-bawang-naik",
        "www.example.com/berita/harga-bawang-naik",
        "javascript:alert(1)",
        "/berita/harga-bawang-naik",
        "https://",
        "http://example.com/ berita dengan spasi",
    ],
)
def test_a_url_that_is_no_web_address_is_dropped_and_never_a_title(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, url: str
) -> None:
    path = jsonl(tmp_path, {"text": "Harga bawang naik tajam di pasar induk.", "url": url})
    with caplog.at_level(logging.WARNING):
        articles, skipped = read(path)
    assert not skipped and len(articles) == 1
    article = articles[0]
    assert article.url is None
    assert article.title.startswith("Harga bawang naik tajam")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and repr(url) in warnings[0]


def test_a_web_address_is_kept_as_the_link(tmp_path: Path) -> None:
    url = "https://example.com/berita/harga-bawang-naik"
    articles, _ = read(jsonl(tmp_path, {"text": "Harga bawang naik.", "url": url}))
    assert articles[0].url == url and articles[0].title == "Harga Bawang Naik"


@pytest.mark.parametrize(
    ("line", "position"),
    [
        ('{"text": "a \x01 b"}', "line 1 column"),
        ('{"text": "unterminated}', "line 1 column"),
        ('{"text": "x",}', "line 1 column"),
    ],
)
def test_a_json_error_is_given_whole(tmp_path: Path, line: str, position: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    _, skipped = read(path)
    assert len(skipped) == 1 and position in skipped[0].reason
    assert skipped[0].reason.startswith("not valid JSON (") and skipped[0].reason.endswith(")")


@pytest.fixture
def fake_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    for name in ("NEWSBOT_INDEX_DIR", "NEWSBOT_SOURCES", "NEWSBOT_STORE", "NEWSBOT_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_articles_without_an_outlet_are_counted_under_an_honest_label(
    tmp_path: Path, fake_cli: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = jsonl(
        tmp_path,
        {"text": "Harga bawang naik.", "source": "kompas"},
        {"text": "Harga cabai turun."},
        {"text": "Harga beras tetap."},
    )
    assert cli.main(["index", str(path)]) == 0
    capsys.readouterr()
    assert cli.main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "unknown outlet (2)" in out and "?" not in out
    assert cli.main(["stats", "--json"]) == 0
    outlets = json.loads(capsys.readouterr().out)["outlets"]
    assert outlets == [["unknown outlet", 2], ["kompas", 1]]


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["ask", "--store", "foo", "x"], "--store 'foo'"),
        (["ask", "--store=foo", "x"], "--store 'foo'"),
        (["--store", "foo", "stats"], "--store 'foo'"),
        (["stats", "--store", "milvus://nohost"], "--store 'milvus://nohost'"),
        (["index", "--store", "bad name!.db", "."], "--store 'bad name!.db'"),
        (["run", "--store", "foo"], "--store 'foo'"),
    ],
)
def test_a_bad_store_option_is_named_as_typed(
    fake_cli: None, capsys: pytest.CaptureFixture[str], argv: list[str], named: str
) -> None:
    assert cli.main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"newsbot: error: {named}") and len(err.splitlines()) == 1
    assert "NEWSBOT_STORE" not in err


def test_a_bad_store_setting_names_the_environment_variable(
    fake_cli: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBOT_STORE", "foo")
    assert cli.main(["stats"]) == 1
    assert capsys.readouterr().err.startswith("newsbot: error: NEWSBOT_STORE='foo'")


def test_an_index_directory_that_cannot_exist_says_so(
    tmp_path: Path, fake_cli: None, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write_article(tmp_path, "a.txt", "Berita", "Isi berita yang cukup panjang.")
    (tmp_path / "afile").write_text("not a folder")
    cases = {"/proc/newsbot-index": "/proc", str(tmp_path / "afile" / "idx"): "afile"}
    for index_dir, blamed in cases.items():
        assert cli.main(["index", "--index-dir", index_dir, str(article)]) == 1
        err = capsys.readouterr().err.strip()
        assert f"cannot create the index directory {index_dir}" in err and blamed in err
        assert "free space" not in err and len(err.splitlines()) == 1
