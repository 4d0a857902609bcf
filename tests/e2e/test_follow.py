"""Following the news end to end: ``newsbot run`` against the Telegram emulator with its
own index, state file and an injected clock (``NEWSBOT_NOW``) — a daily digest, a
follow-up by reply, and a followed question alerted after ``/reindex`` and after a
``newsbot index`` run beside the bot (as by cron)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.bot.messages import ENGLISH
from newsbot.index.building.build import build_index
from newsbot.index.building.embedders import load_embedder
from tests.e2e.conftest import (
    ADMIN_ID,
    BOT_COMMAND,
    FRESH,
    HARNESS,
    REBUILD_SECONDS,
    REPO,
    SKIP_REASON,
    STOP_SECONDS,
)

if not HARNESS:
    pytest.skip(SKIP_REASON, allow_module_level=True)
from tgemu import BotProcess, TelegramEmulator, User

pytestmark = [pytest.mark.e2e, pytest.mark.model]

TOKEN = "424242:FOLLOW-TEST"
# The bot's clock starts 20 s before the default digest hour (07:00 in Jakarta).
NOW = "2021-09-18T06:59:40+07:00"
ANSWER_SECONDS = 30.0
TROOPS = "who agreed to deploy troops?"


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("follow-news")
    shutil.copy(REPO / "index" / "sample" / "seed-article.txt", folder)
    return folder


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("follow-index") / "index"


@pytest.fixture(scope="module")
def bot(
    tg: TelegramEmulator, news: Path, index_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotProcess]:
    build_index(index_dir, [news], load_embedder())
    state = tmp_path_factory.mktemp("follow-state") / "state.sqlite"
    env = {
        "NEWSBOT_ADMIN_IDS": str(ADMIN_ID),
        "NEWSBOT_SOURCES": str(news),
        "NEWSBOT_STATE": str(state),
        "NEWSBOT_NOW": NOW,
        "NEWSBOT_PROGRESS_SECONDS": "0",
    }
    proc = tg.start_bot(
        [*BOT_COMMAND, "--index-dir", str(index_dir)], token=TOKEN, env=env, cwd=REPO
    )
    yield proc
    assert proc.stop(timeout=STOP_SECONDS) == 0, proc.output()
    assert "Traceback" not in proc.output(), proc.output()
    assert state.exists() and not (index_dir / state.name).exists()


def test_the_daily_digest_comes_at_its_hour(bot: BotProcess) -> None:
    tg = bot.client
    reader = tg.new_user("Dina", language_code="en")
    chat = tg.private_chat(reader)
    tg.send_private(reader, "/digest on")
    assert (tg.wait_for_reply(chat, timeout=ANSWER_SECONDS).text or "").startswith(
        "🗞 Every day at 07:00 (Asia/Jakarta)"
    )
    digest = tg.wait_for_reply(chat, timeout=90)  # the bot's clock reaches 07:00
    assert digest.parse_mode == "HTML"
    assert (digest.text or "").startswith("🗞 <b>Top stories, 18 September 2021</b>")
    assert "CSTO dan Rusia akan Kerahkan Pasukan" in (digest.text or "")
    assert "1 outlet" in (digest.text or "")
    tg.assert_no_reply(chat, within=3.0)  # once


def test_a_reply_to_an_answer_follows_it_up(bot: BotProcess) -> None:
    tg = bot.client
    asker, stranger = tg.new_user("Eko", language_code="en"), tg.new_user("Fay", language_code="en")
    chat = tg.private_chat(asker)
    tg.send_private(asker, TROOPS)
    answer = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert "Stanislav Zas" in (answer.text or "")

    # Alone, "kapan?" names nothing the news could answer: the whole question is asked for ...
    tg.send_private(stranger, "kapan?")
    alone = tg.wait_for_reply(tg.private_chat(stranger), timeout=ANSWER_SECONDS)
    example = ENGLISH.example_question
    assert alone.text == ENGLISH.no_subject.format(example=example), alone.text
    # ... as a reply to the answer it asks about the troops.
    tg.reply_to(answer, asker, "kapan?")
    followed = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert (followed.text or "").startswith("1. ")
    assert "CSTO dan Rusia akan Kerahkan Pasukan" in (followed.text or "")


def test_a_followed_question_is_alerted_after_reindex(bot: BotProcess, news: Path) -> None:
    tg = bot.client
    asker = tg.new_user("Gita", language_code="en")
    chat = tg.private_chat(asker)
    tg.send_private(asker, TROOPS)
    answer = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert "follow" in answer.callback_data
    tg.press_button(answer, asker, "follow")
    confirmation = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert (confirmation.text or "").startswith("🔔 Following “who agreed to deploy troops?”")
    assert confirmation.callback_data[0].startswith("unfollow:")

    with (news / "fresh.jsonl").open("w", encoding="utf-8") as out:
        out.write(json.dumps(FRESH, ensure_ascii=False) + "\n")
    admin = User(ADMIN_ID, "Admin")
    tg.send_private(admin, "/reindex")
    alert = tg.wait_for_reply(chat, timeout=REBUILD_SECONDS)
    assert (alert.text or "").startswith("🔔 New on “who agreed to deploy troops?”")
    assert "Rusia Kirim Pasukan Tambahan ke Perbatasan Tajikistan" in (alert.text or "")
    assert alert.callback_data == [confirmation.callback_data[0]]
    tg.assert_no_reply(chat, within=3.0)  # one message, not one per passage


CRON = {
    **FRESH,
    "id": "csto-cron",
    "title": "Kazakhstan Ikut Kirim Pasukan ke Tajikistan",
    "url": "https://example.com/csto-kazakhstan",
    "text": (
        "Kazakhstan ikut mengirim pasukan ke Tajikistan, kata Kementerian Pertahanan "
        "Kazakhstan pada Minggu.\n\n"
        "Para menteri anggota CSTO setuju mengerahkan pasukan tambahan ke perbatasan "
        "Tajikistan dengan Afghanistan."
    ),
}


def test_a_followed_question_is_alerted_after_a_build_beside_the_bot(
    bot: BotProcess, news: Path, index_dir: Path
) -> None:
    # A lone bot (its own SQLite state) and `newsbot index` run beside it, as by cron: the
    # bot answers from the new version and alerts its followers of the new article.
    tg = bot.client
    asker = tg.new_user("Hana", language_code="en")
    chat = tg.private_chat(asker)
    tg.send_private(asker, TROOPS)
    answer = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    tg.press_button(answer, asker, "follow")
    confirmation = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert (confirmation.text or "").startswith("🔔 Following")

    with (news / "cron.jsonl").open("w", encoding="utf-8") as out:
        out.write(json.dumps(CRON, ensure_ascii=False) + "\n")
    built = subprocess.run(
        [sys.executable, "-m", "newsbot", "index", "--index-dir", str(index_dir), str(news)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=REBUILD_SECONDS,
    )
    assert built.returncode == 0, built.stderr
    alert = tg.wait_for_reply(chat, timeout=REBUILD_SECONDS)
    assert (alert.text or "").startswith("🔔 New on “who agreed to deploy troops?”")
    assert CRON["title"] in (alert.text or "")
    tg.assert_no_reply(chat, within=3.0)
