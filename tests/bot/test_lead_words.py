"""A bare question word set apart before the question itself ("kapan? siapa yang menang
pemilu?", "kapan sih, pemilu dimulai"): found in the last round, the opening word was read
as a question of its own and the passages ranked badly."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.bot.cli import main
from newsbot.bot.followup import one_question
from tests.bot.conftest import Bot
from tests.bot.fakes import private, user
from tests.conftest import cli_news_folder, write_article


@pytest.mark.parametrize(
    ("message", "read"),
    [
        # The rest asks with its own word: the opening word was a false start.
        ("kapan? siapa yang menang pemilu?", "siapa yang menang pemilu?"),
        ("Kapan?? Siapa yang menang pemilu?", "Siapa yang menang pemilu?"),
        ("siapa? berapa korban banjir di Medan?", "berapa korban banjir di Medan?"),
        ("When? who won the election?", "who won the election?"),
        ("bila? siapa menang pilihan raya?", "siapa menang pilihan raya?"),  # Malay
        ("kapan sih, siapa yang menang pemilu", "siapa yang menang pemilu"),
        ("when, like, who won the election?", "who won the election?"),
        ("Kapan ya... siapa yang menang?", "siapa yang menang?"),
    ],
)
def test_an_opening_question_word_is_read_with_the_question(message: str, read: str) -> None:
    assert one_question(message) == read


@pytest.mark.parametrize(
    "message",
    [
        # The rest says what only: the opening word asks it, and searched whole the message
        # ranks as the plain question does (measured).
        "kapan sih, pemilu dimulai",
        "kapan? pemilu dimulai",
        "Kapan ya... pasukan CSTO dikerahkan?",
        "when, like, does the election start?",
        "kapan? dia datang",
        "kapan?",  # a follow-up word alone: the follow-up rules read it
        "Kapan sih?",
        "Kapan? Di mana?",  # nothing named after it either
        "Menurut Kompas, siapa yang menang pemilu?",  # the opening clause names something
        "Jokowi? siapa dia?",
        "so, who won the election?",  # "so" asks nothing
        "apa kabar? siapa yang menang pemilu?",  # a greeting is no bare question word
        "siapa yang menang pemilu?",
        "Siapa yang menang pemilu, dan kapan?",
        "",
    ],
)
def test_anything_else_is_left_as_written(message: str) -> None:
    assert one_question(message) == message


async def test_the_bot_searches_the_question_the_message_asks(bot: Bot) -> None:
    await bot.send(private("kapan? siapa yang setuju mengerahkan pasukan?", sender=user(61)))
    await bot.send(private("kapan sih, pasukan CSTO dikerahkan", sender=user(62)))
    asked = [question for question, _ in bot.index.questions]
    assert asked == ["siapa yang setuju mengerahkan pasukan?", "kapan sih, pasukan CSTO dikerahkan"]


async def test_a_false_start_after_an_answer_is_a_new_question_not_a_follow_up(bot: Bot) -> None:
    """Soon after an answer, "kapan? siapa yang menang pemilu?" is the new question it
    asks, not "kapan?" following up the answer before."""
    sender = user(63)
    await bot.send(private("who agreed to deploy troops?", sender=sender))
    await bot.send(private("kapan? siapa yang menang pemilu di Jerman?", sender=sender))
    assert bot.index.questions[-1][0] == "siapa yang menang pemilu di Jerman?"


def test_the_cli_reads_it_so_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    news = cli_news_folder(tmp_path, monkeypatch)
    write_article(
        news, "pemilu.txt", "Partai Hijau menang pemilu Jerman",
        "Partai Hijau menang pemilu federal Jerman dengan 30 persen suara.",
        "Pemilu itu digelar pada 26 September dan diikuti 40 partai.",
    )  # fmt: skip
    assert main(["index", str(news)]) == 0
    capsys.readouterr()
    code = main(["ask", "--json", "kapan? siapa yang menang pemilu?"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert '"question": "siapa yang menang pemilu?"' in out
