"""How the newsbot command reads its arguments: the shared options before or after the
command, unquoted questions, --version, defaults in the help, and source paths recorded
absolute so that citations hold from any folder."""

from __future__ import annotations

import io
import json
import os
from importlib import metadata
from pathlib import Path

import pytest

from newsbot.bot import cli
from tests.conftest import cli_news_folder, write_article


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two articles in tmp/news; the fake embedder; the current folder tmp."""
    folder = cli_news_folder(tmp_path, monkeypatch)
    write_article(
        folder,
        "csto.txt",
        "CSTO Kerahkan Pasukan",
        "Rusia setuju mengerahkan pasukan CSTO ke perbatasan Tajikistan.",
        "Tajikistan memiliki perbatasan bersama Afghanistan sepanjang 1.300 kilometer.",
    )
    write_article(folder, "cabai.txt", "Harga Cabai", "Harga cabai rawit di Jakarta naik tajam.")
    return folder


def ask_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert cli.main(["ask", "--json", *argv]) == 0
    out: dict[str, object] = json.loads(capsys.readouterr().out)
    return out


@pytest.mark.parametrize(
    "argv",
    [
        ["--index-dir", "elsewhere", "index", "news"],
        ["index", "--index-dir", "elsewhere", "news"],
        ["--index-dir=elsewhere", "index", "news"],
        ["--store", "local", "--index-dir", "elsewhere", "index", "news"],
        ["-v", "--index-dir", "elsewhere", "index", "news", "-v"],
    ],
)
def test_shared_options_work_before_or_after_the_command(
    news: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert cli.main(argv) == 0
    assert (Path("elsewhere") / "CURRENT").is_file() and not Path("newsbot-index").exists()
    capsys.readouterr()
    for before_or_after in (
        ["--index-dir", "elsewhere", "stats", "--json"],
        ["stats", "--json", "--index-dir", "elsewhere"],
    ):
        assert cli.main(before_or_after) == 0
        assert json.loads(capsys.readouterr().out)["articles"] == 2


def test_an_option_after_the_command_wins_over_one_before(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["index", "--index-dir", "b", "news"]) == 0
    capsys.readouterr()
    assert cli.main(["--index-dir", "a", "stats", "--index-dir", "b"]) == 0
    assert "Articles:  2" in capsys.readouterr().out
    # Given before the command only, the environment's default does not override it.
    os.environ["NEWSBOT_INDEX_DIR"] = "a"
    try:
        assert cli.main(["--index-dir", "b", "stats"]) == 0
    finally:
        del os.environ["NEWSBOT_INDEX_DIR"]
    assert "Articles:  2" in capsys.readouterr().out


def test_a_bad_store_before_the_command_is_one_line_too(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--store", "foo", "stats"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsbot: error:") and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "words",
    [
        "siapa yang setuju mengerahkan pasukan?",
        "berapa panjang perbatasan Tajikistan?",
        "harga cabai",
    ],
)
def test_an_unquoted_question_is_the_quoted_one(
    news: Path, capsys: pytest.CaptureFixture[str], words: str
) -> None:
    assert cli.main(["index", "news"]) == 0
    capsys.readouterr()
    quoted = ask_json(capsys, words)
    unquoted = ask_json(capsys, *words.split())
    assert unquoted == quoted and unquoted["question"] == words
    # Options may come after the words too.
    assert cli.main(["ask", *words.split(), "-k", "1"]) == 0
    assert cli.main(["ask", words, "-k", "1"]) == 0
    shown = capsys.readouterr().out.split("\n\n\n")[0]
    assert shown.count("1. ") >= 1


def test_an_unquoted_timeline_question_is_joined(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["index", "news"]) == 0
    capsys.readouterr()
    code = cli.main(["timeline", "pasukan", "CSTO", "Tajikistan", "--png", "chart.png"])
    out = capsys.readouterr().out
    assert "unrecognized" not in out
    assert (code == 0) == Path("chart.png").exists()


def test_version_comes_from_the_package_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsbot {metadata.version('newsbot')}"


def test_the_help_gives_the_number_of_passages_by_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["ask", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--hits HITS the most passages to show (default 3)" in help_text


@pytest.mark.parametrize("given", ["news", ".", "./news/csto.txt", "news/../news"])
def test_relative_sources_are_cited_by_absolute_path(
    news: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    given: str,
) -> None:
    index_dir = tmp_path / "idx"
    same = news / "csto.txt" if given.endswith(".txt") else news
    if given == ".":
        monkeypatch.chdir(news)
    assert cli.main(["index", "--index-dir", str(index_dir), given]) == 0
    capsys.readouterr()
    elsewhere = tmp_path / "other" / "folder"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    out = ask_json(capsys, "--index-dir", str(index_dir), "siapa setuju mengerahkan pasukan?")
    hits = out["hits"]
    assert isinstance(hits, list) and hits
    for hit in hits:
        path = Path(hit["path"])
        assert path.is_absolute() and path.is_file() and ".." not in path.parts
        assert path.parent == news
    # The same sources named otherwise, from another folder, are the same articles.
    monkeypatch.chdir(tmp_path / "other")
    assert cli.main(["index", "--index-dir", str(index_dir), os.path.relpath(same)]) == 0
    assert capsys.readouterr().out.startswith("No changes")


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", ""],
        ["ask", "   "],
        ["ask", "\t", "\n"],
        ["ask", "--json", " "],
        ["timeline", " ", "--png", "chart.png"],
        ["timeline", "", "--png", "chart.svg"],
    ],
)
def test_an_empty_question_is_a_mistake_not_a_greeting(
    news: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """A blank question (an unset shell variable, say) is one line and exit 1, before any
    index is opened or built, not a greeting with exit 0 and no chart."""
    assert cli.main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("newsbot: error: the question is empty")
    assert captured.err.count("\n") == 1
    assert not Path("chart.png").exists() and not Path("chart.svg").exists()
    assert not Path("newsbot-index").exists()  # no sample index built for nothing


@pytest.mark.parametrize(
    "raw", [b"harga cabai \xff\xfe naik?", b"\xe9t\xe9 harga cabai", b"cabai \xed\xa0\x80"]
)
def test_bytes_that_are_not_utf8_in_a_question_are_replaced_not_a_traceback(
    news: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, raw: bytes
) -> None:
    """Python reads undecodable bytes of argv and stdin as lone surrogates, which no encoder
    takes: the question is answered with U+FFFD in their place, and the other lines of a
    batch on stdin are answered too."""
    assert cli.main(["index", "news"]) == 0
    capsys.readouterr()
    question = raw.decode("utf-8", "surrogateescape")  # as argv and a POSIX stdin give it
    out = ask_json(capsys, question)
    assert out["question"] == raw.decode("utf-8", "replace")  # one U+FFFD per bad byte
    assert out["answered"] is True
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{question}\nharga cabai rawit\n"))
    assert cli.main(["ask", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["question"] for line in lines][1:] == ["harga cabai rawit"]
    assert len(lines) == 2 and "\ufffd" in lines[0]["question"]
    code = cli.main(["timeline", question, "--png", "chart.png"])
    assert "Traceback" not in capsys.readouterr().err and code in (0, 1)
