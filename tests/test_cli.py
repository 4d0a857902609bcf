"""The newsbot command, driven in-process: exit codes, output, --json and stdin mode."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.bot.terminal import ProgressBar
from newsbot.index import defaults, sample
from tests.conftest import cli_news_folder, write_article

HIT_KEYS = {
    "rank",
    "score",
    "text",
    "snippet",
    "title",
    "source",
    "published",
    "url",
    "path",
    "paragraph",
    "story",
    "also",
}


@pytest.fixture
def news_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of two articles; the CLI embeds with the fake embedder; index in tmp."""
    folder = cli_news_folder(tmp_path, monkeypatch)
    write_article(
        folder,
        "csto.txt",
        "CSTO Kerahkan Pasukan",
        "Tajikistan memiliki perbatasan bersama Afghanistan sepanjang 1.300 kilometer. "
        "Perbatasan itu rawan penyelundupan narkoba.",
    )
    write_article(folder, "cabai.txt", "Harga Cabai", "Harga cabai rawit di Jakarta naik tajam.")
    return folder


def test_index_then_ask_prints_cited_passages(
    news_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["index", str(news_dir)]) == 0
    assert "Indexed 2 articles" in capsys.readouterr().out
    assert (Path("newsbot-index") / "CURRENT").is_file()
    assert cli.main(["ask", "berapa panjang perbatasan Tajikistan?"]) == 0
    out = capsys.readouterr().out
    first = out.split("\n\n")[0]
    # The paragraph once, its answering sentence marked inside it.
    assert first.startswith("1. »Tajikistan memiliki perbatasan bersama Afghanistan")
    assert first.count("Tajikistan memiliki perbatasan") == 1
    assert "Perbatasan itu rawan" in first
    # The citation in the question's language.
    assert "CSTO Kerahkan Pasukan, 17 September 2021, 16:30 WIB, paragraf 1" in first
    assert "csto.txt" in first


def test_index_reports_progress_in_plain_lines_when_not_on_a_terminal(
    news_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A build run from a script, a pipe or `docker logs` is not silent: captured stderr is
    # no terminal, so the bar becomes plain lines (no carriage returns), the last at 100%.
    assert cli.main(["index", str(news_dir)]) == 0
    lines = capsys.readouterr().err.splitlines()
    progress = [line for line in lines if line.startswith("Embedding: ")]
    assert progress[-1] == "Embedding: 2/2 paragraphs (100%)"
    assert "\r" not in "".join(progress)


def test_a_bar_redraws_in_place_on_a_terminal_and_steps_by_tenths_elsewhere() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        bar = ProgressBar("Embedding", stream)
        for done in range(0, 201):
            bar(done, 200)
    assert terminal.getvalue().count("\r") == 101  # every percent, on one line
    assert terminal.getvalue().endswith("200/200 paragraphs\n")
    assert log.getvalue().splitlines()[1] == "Embedding: 20/200 paragraphs (10%)"
    assert len(log.getvalue().splitlines()) == 11  # 0%, 10%, ..., 100%


def test_a_log_line_gives_the_share_done_not_the_tenth_crossed() -> None:
    """Batches of 32 made a log say "128/264 paragraphs (40%)" when 48% were done."""
    log = io.StringIO()
    bar = ProgressBar("Embedding sample", log)
    for done in range(0, 265, 32):
        bar(done, 264)
    bar(264, 264)
    lines = log.getvalue().splitlines()
    assert "Embedding sample: 128/264 paragraphs (48%)" in lines
    assert lines[-1] == "Embedding sample: 264/264 paragraphs (100%)"
    for line in lines:
        done, total, percent = map(int, re.findall(r"\d+", line))
        assert percent == done * 100 // total, line


def test_index_dir_option_and_environment(
    news_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.main(["index", "--index-dir", str(tmp_path / "a"), str(news_dir)]) == 0
    assert (tmp_path / "a" / "CURRENT").is_file()
    monkeypatch.setenv("NEWSBOT_INDEX_DIR", str(tmp_path / "b"))
    monkeypatch.setenv("NEWSBOT_SOURCES", str(news_dir))
    assert cli.main(["index"]) == 0
    assert (tmp_path / "b" / "CURRENT").is_file()


def test_json_answer_has_the_documented_schema(
    news_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(["index", str(news_dir)])
    capsys.readouterr()
    assert cli.main(["ask", "--json", "harga cabai Jakarta"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert set(answer) == {"question", "answered", "hits"}
    assert answer["question"] == "harga cabai Jakarta" and answer["answered"] is True
    assert [set(hit) for hit in answer["hits"]] == [HIT_KEYS, HIT_KEYS]
    top = answer["hits"][0]
    assert top["rank"] == 1 and top["title"] == "Harga Cabai" and top["paragraph"] == 1
    assert top["snippet"] in top["text"]


def test_json_stdin_mode_answers_one_line_per_question(
    news_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.main(["index", str(news_dir)])
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("harga cabai\n\nperbatasan Tajikistan\n"))
    assert cli.main(["ask", "--json", "-k", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    answers = [json.loads(line) for line in lines]
    assert [a["question"] for a in answers] == ["harga cabai", "perbatasan Tajikistan"]
    assert [a["hits"][0]["title"] for a in answers] == ["Harga Cabai", "CSTO Kerahkan Pasukan"]


def test_stats_describes_the_index(news_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["index", str(news_dir)])
    capsys.readouterr()
    assert cli.main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "Articles:  2 (2 paragraphs)" in out
    assert "Embedder:  fake-hash-64" in out
    assert "2021-09-17 to 2021-09-17" in out
    assert cli.main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 2


def test_mistakes_give_one_line_and_a_non_zero_exit(
    news_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["stats", "--index-dir", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsbot: error: no index in") and "newsbot index" in err
    assert "Traceback" not in err
    assert cli.main(["index"]) == 1
    assert "newsbot index PATH" in capsys.readouterr().err
    assert cli.main(["index", str(tmp_path / "missing")]) == 1
    assert "missing" in capsys.readouterr().err
    assert cli.main(["ask"]) == 1
    assert "ask what?" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["frobnicate"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("spelling", ["-k", "--hits", "--hits=0"])
def test_an_option_error_names_the_option_as_typed(
    news_dir: Path, spelling: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["ask", "perbatasan", spelling] if "=" in spelling else ["ask", "x", spelling, "0"]
    assert cli.main(args) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"newsbot: error: {spelling.split('=')[0]} must be at least 1"


def test_the_sample_corpus_is_cited_without_an_install_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "sample-index"
    assert cli.main(["index", "--index-dir", str(index_dir), *map(str, cli.sample_sources())]) == 0
    capsys.readouterr()
    assert cli.main(["ask", "--index-dir", str(index_dir), "perbatasan Tajikistan", "-k", "1"]) == 0
    out = capsys.readouterr().out
    assert "PR Cirebon, 17 September 2021, 16:30 WIB" in out
    assert str(sample.FOLDER) not in out and "site-packages" not in out
    assert cli.main(["ask", "--json", "--index-dir", str(index_dir), "perbatasan Tajikistan"]) == 0
    paths = {hit["path"] for hit in json.loads(capsys.readouterr().out)["hits"]}
    assert paths and all(p.startswith("sample/") for p in paths)


def test_skipped_files_are_named_in_the_summary(
    news_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (news_dir / "broken.jsonl").write_text('{"text": "Berita yang baik sekali."}\n{not json\n')
    assert cli.main(["index", str(news_dir)]) == 0
    out = capsys.readouterr().out
    assert "Skipped 1:" in out and "broken.jsonl:2" in out


def test_an_unrelated_question_is_not_answered(
    news_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(defaults.ANSWER_FLOORS, "fake-hash-64", 0.5)
    cli.main(["index", str(news_dir)])
    capsys.readouterr()
    assert cli.main(["ask", "--json", "zzz qqq xxx"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "question": "zzz qqq xxx",
        "answered": False,
        "reason": "not_covered",
        "hits": [],
    }
    assert cli.main(["ask", "zzz qqq xxx"]) == 0
    assert capsys.readouterr().out.strip() == "The indexed news does not cover this question."


@pytest.mark.parametrize(
    ("message", "reply"),
    [
        ("makasih ya", 'Halo! Saya menjawab pertanyaan tentang berita. Coba: "siapa yang setuju'),
        ("Terima kasih banyak!", "Halo! Saya menjawab"),
        ("thank you!", 'Hi! I answer questions about the news. Try: "who agreed to deploy'),
        ("good night 👋", "Hi! I answer"),
        ("🙏🙏", "Hi! I answer"),
    ],
)
def test_small_talk_gets_a_hint_in_its_language_and_no_news(
    news_dir: Path, capsys: pytest.CaptureFixture[str], message: str, reply: str
) -> None:
    cli.main(["index", str(news_dir)])
    capsys.readouterr()
    assert cli.main(["ask", message]) == 0
    assert capsys.readouterr().out.startswith(reply)
    assert cli.main(["ask", "--json", message]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["answered"] is False and shown["reason"] == "not_a_question"
    assert shown["hits"] == []
