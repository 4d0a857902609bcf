"""The bot as users meet it: ``newsbot run`` against the Telegram emulator, over HTTP."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsbot.bot.app import FOLLOW_SECONDS
from tests.bot.telegram_html import TelegramHtml
from tests.e2e.conftest import (
    ADMIN_ID,
    BOT_COMMAND,
    HARNESS,
    HTML_LIKE_QUESTION,
    LONG_QUESTION,
    REBUILD_SECONDS,
    SKIP_REASON,
    STOP_SECONDS,
    bot_env,
    rebuild_article,
)

if not HARNESS:
    pytest.skip(SKIP_REASON, allow_module_level=True)
from tgemu import BotMessage, BotProcess, Chat, TelegramEmulator, User

pytestmark = [pytest.mark.e2e, pytest.mark.model]

TROOPS = "who agreed to deploy troops?"
ANSWER_SECONDS = 30.0  # generous: CI machines are slow, and nothing waits this long normally


def check_answer(reply: BotMessage) -> TelegramHtml:
    """A well-formed answer: HTML Telegram accepts, within its limit, no link previews."""
    assert reply.parse_mode == "HTML"
    assert reply.text is not None and len(reply.text.encode("utf-16-le")) // 2 <= 4096
    assert reply.params["link_preview_options"] == {"is_disabled": True}
    return TelegramHtml(reply.text)


def test_a_private_question_is_answered_with_the_cited_paragraph(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    alice = tg.new_user("Alice", "alice")
    sent = tg.send_private(alice, TROOPS)
    reply = tg.wait_for_reply(tg.private_chat(alice), timeout=ANSWER_SECONDS)

    assert reply.reply_to_message_id == sent.message_id
    first = check_answer(reply).visible.split("\n\n")[0]
    assert first.startswith("1. ") and "Stanislav Zas" in first
    assert "PR Cirebon · 17 September 2021, 16:30 WIB · paragraph" in first
    assert reply.callback_data == ["more:3", "follow", "fb:up", "fb:down", "fb:wrong_citation"]


def test_more_sources_shows_the_next_passages_once(tg: TelegramEmulator, bot: BotProcess) -> None:
    bob = tg.new_user("Bob")
    chat = tg.private_chat(bob)
    tg.send_private(bob, TROOPS)
    answer = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)

    tg.press_button(answer, bob, "more:3")
    more = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert check_answer(more).visible.startswith("4. ")
    assert more.reply_to_message_id == answer.reply_to_message_id
    assert tg.wait_for_call("answerCallbackQuery")["ok"]
    dropped = tg.wait_for_call("editMessageReplyMarkup", chat=chat)
    assert dropped["params"]["message_id"] == answer.message_id
    tg.press_button(answer, bob, "more:3")  # pressed again, as the first press found it
    tg.assert_no_reply(chat, within=3.0)


def test_group_chatter_and_commands_for_other_bots_are_ignored(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    group, carol = tg.new_group("Newsroom"), tg.new_user("Carol", "carol")
    tg.send_group(group, carol, TROOPS)
    tg.send_group(group, carol, f"/ask@OtherBot {TROOPS}")
    tg.send_group(group, carol, f"@carol_friend {TROOPS}")
    tg.assert_no_reply(group, within=3.0)


def test_ask_with_the_bots_name_is_answered_as_a_reply(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    group, dan = tg.new_group("Newsroom"), tg.new_user("Dan")
    sent = tg.send_command(group, dan, "ask", TROOPS)  # "/ask@TestNameBot …"
    reply = tg.wait_for_reply(group, timeout=ANSWER_SECONDS)
    assert reply.reply_to_message_id == sent.message_id
    assert "Stanislav Zas" in check_answer(reply).visible


def test_a_mention_is_answered_as_a_reply(tg: TelegramEmulator, bot: BotProcess) -> None:
    group, erin = tg.new_group("Newsroom"), tg.new_user("Erin")
    sent = tg.mention_bot(group, erin, TROOPS)
    reply = tg.wait_for_reply(group, timeout=ANSWER_SECONDS)
    assert reply.reply_to_message_id == sent.message_id
    assert "Stanislav Zas" in check_answer(reply).visible


def test_a_reply_to_the_bot_is_answered_as_a_reply(tg: TelegramEmulator, bot: BotProcess) -> None:
    group, fay = tg.new_group("Newsroom"), tg.new_user("Fay")
    tg.send_command(group, fay, "help")
    help_message = tg.wait_for_reply(group, timeout=ANSWER_SECONDS)
    sent = tg.reply_to(help_message, fay, TROOPS)
    reply = tg.wait_for_reply(group, timeout=ANSWER_SECONDS)
    assert reply.reply_to_message_id == sent.message_id
    assert "Stanislav Zas" in check_answer(reply).visible


def test_an_answer_in_a_forum_topic_stays_in_the_topic(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    group, gus = tg.new_group("Forum"), tg.new_user("Gus")
    tg.send_command(group, gus, "ask", TROOPS, message_thread_id=42, is_topic_message=True)
    reply = tg.wait_for_reply(group, timeout=ANSWER_SECONDS)
    assert reply.params["message_thread_id"] == 42


def test_help_is_three_lines_in_the_askers_language(tg: TelegramEmulator, bot: BotProcess) -> None:
    hana = tg.new_user("Hana", language_code="id")
    tg.send_private(hana, "/start")
    reply = tg.wait_for_reply(tg.private_chat(hana), timeout=ANSWER_SECONDS)
    knows, how, more = TelegramHtml(reply.text or "").visible.split("\n")
    assert re.match(r"Saya mengenal \d+ artikel berita dari Kabar Kuliner, ", knows), knows
    assert "@TestNameBot" in how
    assert "media apa saja yang memberitakan" in more and "/timeline" in more


def test_article_text_that_looks_like_html_is_shown_escaped(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    ida = tg.new_user("Ida")
    tg.send_private(ida, HTML_LIKE_QUESTION)
    reply = tg.wait_for_reply(tg.private_chat(ida), timeout=ANSWER_SECONDS)
    html = reply.text or ""
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "Kode &lt;b&gt;tebal&lt;/b&gt; &amp; &lt;/a&gt;" in html
    parsed = check_answer(reply)
    assert "kode <script>alert(1)</script> pada halaman login bank daerah &" in parsed.visible
    assert 'https://example.com/berita?id=1&x=<y>"' in parsed.links


def test_a_timeline_caption_that_looks_like_html_is_sent_escaped(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    """The chart's caption names the story's outlets; it goes out under the bot's default
    HTML parse mode, so an outlet "Contoh <Media> & Co" must be escaped (Telegram refused
    the raw caption, and the user got "something went wrong" instead of the chart). The
    emulator has no sendPhoto: a stub answers it, and the call's parameters are checked."""
    for user in (tg.new_user("Tia"), tg.new_user("Tio", language_code="id")):
        chat = tg.private_chat(user)
        photo = {"message_id": 1, "date": int(time.time()), "chat": chat.to_api()}
        tg.add_stub("sendPhoto", photo, times=1)
        sent = tg.send_private(user, f"/timeline {HTML_LIKE_QUESTION}")
        call = tg.wait_for_call("sendPhoto", chat=chat, timeout=ANSWER_SECONDS)
        params = call["params"]
        assert params["reply_parameters"]["message_id"] == sent.message_id
        assert params["parse_mode"] == "HTML"
        caption = TelegramHtml(params["caption"])  # no tag Telegram refuses, no bare &
        assert "Contoh <Media> & Co" in caption.visible
        assert "&lt;Media&gt; &amp; Co" in params["caption"]
        assert str(params["photo"]).startswith("<file")


def test_a_long_answer_stays_within_telegrams_limit(tg: TelegramEmulator, bot: BotProcess) -> None:
    jo = tg.new_user("Jo")
    tg.send_private(jo, LONG_QUESTION)
    replies = [tg.wait_for_reply(tg.private_chat(jo), timeout=ANSWER_SECONDS)]
    replies += _more_replies(tg, tg.private_chat(jo))
    numbers = []
    for reply in replies:
        visible = check_answer(reply).visible
        numbers += re.findall(r"^(\d+)\. ", visible, flags=re.M)
        assert "…" in visible  # long paragraphs were trimmed around their answer
    assert numbers[:3] == ["1", "2", "3"]


def _more_replies(tg: TelegramEmulator, chat: Chat, within: float = 1.0) -> list[BotMessage]:
    """Further parts of a split answer, if any."""
    try:
        replies: list[BotMessage] = tg.wait_for_replies(chat, 1, timeout=within)
    except AssertionError:
        return []
    return replies


def test_reindex_from_a_non_admin_is_refused_and_logged(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    kim = tg.new_user("Kim")
    tg.send_private(kim, "/reindex")
    reply = tg.wait_for_reply(tg.private_chat(kim), timeout=ANSWER_SECONDS)
    assert "only the bot's administrators" in (reply.text or "")
    deadline = time.monotonic() + 5
    while f"Refused /reindex from user {kim.id}" not in bot.output():
        assert time.monotonic() < deadline, bot.output()[-2000:]
        time.sleep(0.1)


def test_an_admin_rebuild_reports_while_questions_are_still_answered(
    tg: TelegramEmulator, bot: BotProcess, sources: Path
) -> None:
    (sources / "longsor.txt").write_text(rebuild_article(), encoding="utf-8")
    admin, asker = User(ADMIN_ID, "Admin"), tg.new_user("Lea")
    admin_chat, asker_chat = tg.private_chat(admin), tg.private_chat(asker)

    tg.send_private(admin, "/reindex")
    status = tg.wait_for_reply(admin_chat, timeout=ANSWER_SECONDS)
    assert status.text == "Rebuilding the index…"
    tg.send_private(admin, "/reindex")
    assert "already running" in (tg.wait_for_reply(admin_chat, timeout=ANSWER_SECONDS).text or "")
    tg.send_private(asker, TROOPS)
    answer = tg.wait_for_reply(asker_chat, timeout=ANSWER_SECONDS)
    assert "Stanislav Zas" in check_answer(answer).visible

    report = tg.wait_for_call(
        "editMessageText",
        chat=admin_chat,
        where=lambda c: (
            c["params"].get("message_id") == status.message_id
            and "Index rebuilt" in c["params"]["text"]
        ),
        timeout=REBUILD_SECONDS,
    )
    assert answer.seq < report["seq"], "the question waited for the rebuild"
    assert ": 5 articles, 1 added, 0 updated, 0 removed, 4 unchanged." in report["params"]["text"]

    tg.send_private(asker, "Berapa paket bantuan yang dibagikan relawan kepada korban longsor?")
    fresh = tg.wait_for_reply(asker_chat, timeout=ANSWER_SECONDS)
    assert "Relawan Bagikan Bantuan untuk Korban Longsor" in check_answer(fresh).visible


def test_sigterm_finishes_the_answer_in_flight_and_exits_cleanly(
    tg: TelegramEmulator, index_dir: Path, sources: Path
) -> None:
    proc = tg.start_bot(
        [*BOT_COMMAND, "--index-dir", str(index_dir)],
        token="654321:SIGTERM-TEST",
        env=bot_env(sources),
        cwd=Path(__file__).resolve().parents[2],
    )
    mia = proc.client.new_user("Mia")
    proc.client.send_private(mia, TROOPS)
    proc.client.wait_for_call("sendChatAction", timeout=ANSWER_SECONDS)  # now answering

    assert proc.stop(timeout=STOP_SECONDS) == 0, proc.output()
    assert "Traceback" not in proc.output(), proc.output()
    # Sent before the process exited, so already in the emulator's record.
    reply = proc.client.wait_for_reply(proc.client.private_chat(mia), timeout=5)
    assert "Stanislav Zas" in (reply.text or "")


def test_sigterm_during_a_rebuild_stops_it_and_exits_cleanly(
    tg: TelegramEmulator, index_dir: Path, sources: Path, tmp_path: Path
) -> None:
    """A process manager stops the bot while an admin's rebuild runs: the rebuild stops
    after the batch it is embedding (the next one goes on from there), the admin is told,
    and the bot exits, its index as it was. The wait is on the exit itself, bounded by
    ``STOP_SECONDS``: a batch on a loaded machine can outlast a fixed 10 s."""
    own_index, own_sources = tmp_path / "index", tmp_path / "news"
    shutil.copytree(index_dir, own_index)
    shutil.copytree(sources, own_sources)
    (own_sources / "longsor.txt").write_text(rebuild_article("sigterm"), encoding="utf-8")
    live = (own_index / "CURRENT").read_text()
    proc = tg.start_bot(
        [*BOT_COMMAND, "--index-dir", str(own_index)],
        token="765434:SIGTERM-REBUILD",
        env=bot_env(own_sources),
        cwd=Path(__file__).resolve().parents[2],
    )
    admin = User(ADMIN_ID, "Admin")
    proc.client.send_private(admin, "/reindex")
    chat = proc.client.private_chat(admin)
    status = proc.client.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    proc.client.wait_for_call(  # embedding has begun
        "editMessageText",
        chat=chat,
        where=lambda c: c["params"].get("message_id") == status.message_id,
        timeout=REBUILD_SECONDS,
    )

    assert proc.stop(timeout=STOP_SECONDS) == 0, proc.output()

    assert "Traceback" not in proc.output(), proc.output()
    assert "the bot is stopping" in proc.output(), proc.output()
    told = [edit["params"].get("text", "") for edit in proc.client.edits(status)]
    assert any("the bot is stopping" in text for text in told), told
    assert (own_index / "CURRENT").read_text() == live


def test_an_indonesian_admin_reads_why_sources_were_skipped_in_indonesian(
    tg: TelegramEmulator, index_dir: Path, sources: Path, tmp_path: Path
) -> None:
    """The rebuild report's skipped sources, and a refused /add, in the admin's language;
    the log keeps the English reasons."""
    own_index, own_sources = tmp_path / "index", tmp_path / "news"
    shutil.copytree(index_dir, own_index)
    shutil.copytree(sources, own_sources)
    (own_sources / "rusak.jsonl").write_text('{"id": "x", "text": 5}\n[1, 2]\n', encoding="utf-8")
    proc = tg.start_bot(
        [*BOT_COMMAND, "--index-dir", str(own_index)],
        token="765435:REASONS-ID",
        env=bot_env(own_sources),
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        admin = User(ADMIN_ID, "Adi", language_code="id")
        chat = proc.client.private_chat(admin)
        proc.client.send_private(admin, "/reindex")
        status = proc.client.wait_for_reply(chat, timeout=ANSWER_SECONDS)
        report = proc.client.wait_for_call(
            "editMessageText",
            chat=chat,
            where=lambda c: (
                c["params"].get("message_id") == status.message_id
                and "sumber dilewati" in c["params"]["text"]
            ),
            timeout=REBUILD_SECONDS,
        )["params"]["text"]
        assert "rusak.jsonl:1: kolom 'text' bukan teks" in report, report
        assert "rusak.jsonl:2: bukan objek JSON" in report, report
        assert "not a JSON object" in proc.output()  # the log keeps the English

        proc.client.send_private(admin, "/add https://localhost/berita")
        fetching = proc.client.wait_for_reply(chat, timeout=ANSWER_SECONDS)
        refused = proc.client.wait_for_edit(fetching, timeout=ANSWER_SECONDS)["params"]["text"]
        assert "bukan alamat publik" in refused and "not a public" not in refused, refused
    finally:
        assert proc.stop(timeout=STOP_SECONDS) == 0, proc.output()
    assert "Traceback" not in proc.output(), proc.output()


def _wait_for_output(proc: BotProcess, text: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while text not in proc.output() and time.monotonic() < deadline:
        time.sleep(0.2)
    return proc.output()


def test_a_second_bot_polling_the_same_token_is_named_in_one_line_each_time(
    tg: TelegramEmulator, index_dir: Path, sources: Path
) -> None:
    """Two ``newsbot run`` on one token (an operator starting it twice): Telegram lets one
    poll at a time, so each keeps meeting a 409 Conflict. Each says so in one line that
    tells what to do, without a traceback, and questions are still answered."""
    token = "765432:CONFLICT-TEST"
    command = [*BOT_COMMAND, "--index-dir", str(index_dir)]
    cwd = Path(__file__).resolve().parents[2]
    first = tg.start_bot(command, token=token, env=bot_env(sources), cwd=cwd)
    second = tg.start_bot(command, token=token, env=bot_env(sources), cwd=cwd)
    line = "Another process is taking this bot's updates"
    try:
        client = first.client
        ann = client.new_user("Ann")
        client.send_private(ann, TROOPS)
        reply = client.wait_for_reply(client.private_chat(ann), timeout=ANSWER_SECONDS)
        assert "Stanislav Zas" in (reply.text or "")
        outputs = [_wait_for_output(proc, line, ANSWER_SECONDS) for proc in (first, second)]
        assert any(line in output for output in outputs), outputs
    finally:
        codes = [second.stop(timeout=STOP_SECONDS), first.stop(timeout=STOP_SECONDS)]
    for proc, code in zip((first, second), codes, strict=True):
        assert code == 0, proc.output()
        assert "Traceback" not in proc.output(), proc.output()
        conflicts = [row for row in proc.output().splitlines() if "Conflict" in row]
        assert all(line in row for row in conflicts), conflicts


def test_a_lone_bot_answers_from_what_newsbot_index_publishes_beside_it(
    tg: TelegramEmulator, index_dir: Path, sources: Path, tmp_path: Path
) -> None:
    """A bot without replicas and a ``newsbot index`` run beside it (by hand, by cron):
    each new version is answered from within seconds, the second one too, though the
    version the bot opened first is gone by then; /stats then finds nothing damaged."""
    own_index, own_sources = tmp_path / "index", tmp_path / "news"
    shutil.copytree(index_dir, own_index)
    shutil.copytree(sources, own_sources)
    cwd = Path(__file__).resolve().parents[2]
    proc = tg.start_bot(
        [*BOT_COMMAND, "--index-dir", str(own_index)],
        token="765433:CRON-TEST",
        env=bot_env(own_sources),
        cwd=cwd,
    )
    client = proc.client
    ann = client.new_user("Ann")
    chat = client.private_chat(ann)
    places = ["Parangtritis", "Kuta"]
    try:
        for number, place in enumerate(places, 1):
            (own_sources / f"kite-{number}.txt").write_text(
                f"Festival Layang-Layang di Pantai {place}\n\n- 20 Oktober 2021\n\n"
                f"Festival layang-layang internasional digelar di Pantai {place} dan diikuti "
                f"{number * 70} peserta dari dua belas negara pada Sabtu pagi.\n",
                encoding="utf-8",
            )
            command = ["index", "--index-dir", str(own_index), str(own_sources)]
            built = subprocess.run(
                [sys.executable, "-m", "newsbot", *command],
                capture_output=True,
                text=True,
                cwd=cwd,
                timeout=REBUILD_SECONDS,
            )
            assert built.returncode == 0, built.stderr
            followed = "Now answering from index version"
            deadline = time.monotonic() + FOLLOW_SECONDS + ANSWER_SECONDS
            while proc.output().count(followed) < number and time.monotonic() < deadline:
                time.sleep(0.5)
            assert proc.output().count(followed) == number, proc.output()
            client.send_private(ann, f"Berapa peserta festival layang-layang di Pantai {place}?")
            reply = client.wait_for_reply(chat, timeout=ANSWER_SECONDS)
            assert f"Pantai {place}" in check_answer(reply).visible
        # A pointer to no version (a bad copy, a disk hiccup): the bot keeps its own, and
        # says so in a line.
        current = own_index / "CURRENT"
        live = current.read_text(encoding="utf-8")
        current.write_text("v-gone\n", encoding="utf-8")
        still = "Still answering from index version"
        deadline = time.monotonic() + FOLLOW_SECONDS + ANSWER_SECONDS
        while still not in proc.output() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert still in proc.output() and "v-gone" in proc.output(), proc.output()
        client.send_private(ann, TROOPS)
        assert "Stanislav Zas" in (client.wait_for_reply(chat, timeout=ANSWER_SECONDS).text or "")
        current.write_text(live, encoding="utf-8")
        client.send_private(ann, "/stats")
        stats = client.wait_for_reply(chat, timeout=ANSWER_SECONDS).text or ""
        assert "damaged" not in stats.lower() and "rusak" not in stats.lower(), stats
    finally:
        assert proc.stop(timeout=STOP_SECONDS) == 0, proc.output()
    assert "Traceback" not in proc.output(), proc.output()
