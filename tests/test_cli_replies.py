"""The terminal's own words: "not covered" and the stale-coverage line in the question's
language (the bot's messages), and counts that agree with their nouns."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.bot.messages import ENGLISH, INDONESIAN, Messages
from newsbot.bot.reply_language import reply_language
from newsbot.bot.terminal import format_hit, format_report
from newsbot.index import defaults
from newsbot.index.answering.answers import Citation, Hit
from newsbot.index.building.build import BuildReport
from tests.conftest import cli_news_folder, write_article


@pytest.fixture
def indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One article of one paragraph, indexed with the fake embedder; the floor set so high
    that nothing is covered."""
    folder = cli_news_folder(tmp_path, monkeypatch)
    write_article(folder, "cabai.txt", "Harga Cabai", "Harga cabai rawit di Jakarta naik tajam.")
    assert cli.main(["index", str(folder)]) == 0
    return folder


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Siapa presiden Amerika Serikat?", "id"),
        ("berapa harga bawang putih?", "id"),
        ("apa yang terjadi saat banjir Jakarta?", "id"),
        ("gempa bumi Lombok", "id"),  # no function words: the dictionaries decide
        ("Siapakah yang bersetuju menghantar tentera?", "id"),  # Malay: Indonesian words
        ("Who is the president of the United States?", "en"),
        ("what's the price of garlic?", "en"),
        ("earthquake victims", "en"),
        ("Biden Afghanistan", "en"),  # names only: the command's own language
        ("zzz qqq xxx", "en"),
    ],
)
def test_not_covered_is_said_in_the_questions_language(
    indexed: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    question: str,
    language: str,
) -> None:
    monkeypatch.setitem(defaults.ANSWER_FLOORS, "fake-hash-64", 5.0)
    assert cli.main(["index", str(indexed)]) == 0  # records the new floor
    capsys.readouterr()
    assert reply_language(question) == language
    assert cli.main(["ask", question]) == 0
    words = INDONESIAN if language == "id" else ENGLISH
    assert capsys.readouterr().out.strip() == words.not_covered


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("gempa bumi Lombok", INDONESIAN),
        ("siapa pemenang lomba renang?", INDONESIAN),
        ("Lombok earthquake", ENGLISH),
        ("who won the swimming race?", ENGLISH),
    ],
)
def test_a_timeline_not_found_is_said_in_the_questions_language(
    indexed: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    question: str,
    words: Messages,
) -> None:
    monkeypatch.setitem(defaults.ANSWER_FLOORS, "fake-hash-64", 5.0)
    assert cli.main(["index", str(indexed)]) == 0
    capsys.readouterr()
    assert cli.main(["timeline", question, "--png", "chart.png"]) == 1
    assert capsys.readouterr().out.strip() == words.not_covered
    assert not Path("chart.png").exists()


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("berita terbaru", "Berita terbaru yang saya punya dari 17 Sep 2021."),
        ("ada berita apa hari ini?", "Berita terbaru yang saya punya dari 17 Sep 2021."),
        ("what's new?", "The newest coverage I have is from 17 Sep 2021."),
        ("latest news", "The newest coverage I have is from 17 Sep 2021."),
    ],
)
def test_old_coverage_is_said_in_the_questions_language(
    indexed: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    question: str,
    line: str,
) -> None:
    monkeypatch.setenv("NEWSBOT_NOW", "2021-11-30T10:00+07:00")
    capsys.readouterr()
    assert cli.main(["ask", question]) == 0
    assert capsys.readouterr().out.splitlines()[0] == line


def report(**counts: int) -> BuildReport:
    fields: dict[str, object] = {
        "articles": 1,
        "paragraphs": 1,
        "added": 1,
        "updated": 0,
        "removed": 0,
        "unchanged": 0,
        "embedded": 1,
        "reused": 0,
        "skipped": (),
        "seconds": 0.1,
        "changed": True,
        "index_dir": "idx",
    }
    fields.update(counts)
    return BuildReport(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("counts", "said"),
    [
        (
            {},
            "Indexed 1 article (1 paragraph) in 0.1 s: 1 added, 0 updated, 0 removed, "
            "0 unchanged; 1 paragraph embedded, 0 reused.",
        ),
        (
            {"articles": 2, "paragraphs": 5, "embedded": 0, "reused": 5},
            "Indexed 2 articles (5 paragraphs) in 0.1 s: 1 added, 0 updated, 0 removed, "
            "0 unchanged; 0 paragraphs embedded, 5 reused.",
        ),
        (
            {"articles": 1, "paragraphs": 3, "embedded": 3},
            "Indexed 1 article (3 paragraphs) in 0.1 s: 1 added, 0 updated, 0 removed, "
            "0 unchanged; 3 paragraphs embedded, 0 reused.",
        ),
        (
            {"changed": False},
            "No changes: 1 article (1 paragraph) already indexed; checked in 0.1 s.",
        ),
        (
            {"changed": False, "articles": 31, "paragraphs": 250},
            "No changes: 31 articles (250 paragraphs) already indexed; checked in 0.1 s.",
        ),
    ],
)
def test_the_build_report_counts_agree_with_their_nouns(counts: dict[str, int], said: str) -> None:
    assert format_report(report(**counts)) == said


def test_a_one_article_build_says_one_article(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_article(indexed, "dua.txt", "Dua", "Satu paragraf saja.")
    (indexed / "cabai.txt").unlink()
    assert cli.main(["index", str(indexed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Indexed 1 article (1 paragraph)") and "1 paragraph embedded" in out


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("id", "Harga Cabai — kompas, 5 Agustus 2021, 08:10 WIB, paragraf 2"),
        ("en", "Harga Cabai — kompas, 5 August 2021, 08:10 WIB, paragraph 2"),
    ],
)
def test_a_citation_line_is_in_the_replys_language(language: str, line: str) -> None:
    text = "Harga cabai rawit naik."
    citation = Citation(
        "Harga Cabai", "kompas", "2021-08-05T08:10:00+07:00", None, "news/cabai.txt", 2, "a1"
    )
    hit = Hit(1, 1.0, text, 0, len(text), citation)
    assert f"   {line}" in format_hit(hit, color=False, language=language).splitlines()


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("<b>banjir</b> garut", "id"),
        ("<i>harga cabai</i>", "id"),
        ('<a href="https://example.com">harga</a> cabai', "id"),
        ("<p>banjir</p><br/>garut", "id"),
        ("<b>fuel prices</b> in Almaty", "en"),
        ("<i>latest news</i>", "en"),
    ],
)
def test_markup_in_a_question_does_not_decide_its_language(question: str, language: str) -> None:
    """Tag names ("b", "a", "i") are English words in the dictionary, not the question's."""
    assert reply_language(question) == language
