"""Edges a reader and a group member meet, through ``newsbot run`` and the emulator: a reply
to a coverage answer follows it up (on its story), an outlet the index lacks is named, a
bare mention and a command the bot lacks get hints."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import HARNESS, SKIP_REASON

if not HARNESS:
    pytest.skip(SKIP_REASON, allow_module_level=True)
from tgemu import BotProcess, TelegramEmulator

pytestmark = [pytest.mark.e2e, pytest.mark.model]

ANSWER_SECONDS = 30.0


def test_a_reply_to_a_coverage_answer_is_read_with_its_question(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    """Before, "kapan?" under "which outlets reported …?" was asked alone: "not covered"."""
    ida = tg.new_user("Ida", language_code="id")
    chat = tg.private_chat(ida)
    tg.send_private(ida, "media apa saja yang memberitakan pasukan CSTO?")
    coverage = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert coverage.text is not None and "PR Cirebon" in coverage.text
    tg.reply_to(coverage, ida, "kapan?")
    reply = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert reply.text is not None
    assert "tidak membahas" not in reply.text
    assert "PR Cirebon" in reply.text and "17 Sep" in reply.text


def test_follow_ups_stay_on_the_story_and_an_unknown_outlet_is_named(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    """ "kapan?" then "berapa artikel?" after a coverage answer are about its story, turn
    after turn; an outlet the index lacks is named with the outlets it holds."""
    eko = tg.new_user("Eko", language_code="id")
    chat = tg.private_chat(eko)
    tg.send_private(eko, "siapa yang pertama memberitakan pasukan CSTO?")
    first = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert first.text is not None and "PR Cirebon" in first.text
    tg.send_private(eko, "media apa saja?")
    outlets = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert outlets.text is not None and "memberitakan ini: PR Cirebon" in outlets.text
    tg.send_private(eko, "berapa artikel?")
    count = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert count.text is not None and "1 artikel tentang ini" in count.text
    tg.send_private(eko, "berita pasukan CSTO menurut Harian Jogja")
    missing = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert missing.text is not None
    assert missing.text.startswith("Tidak ada artikel dari Harian Jogja di indeks ini.")
    assert "PR Cirebon" in missing.text  # among the outlets the index holds


def test_a_bare_mention_and_an_unknown_command_get_hints_in_a_group(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    group, uma = tg.new_group("Newsroom"), tg.new_user("Uma")
    tg.mention_bot(group, uma, "")
    hint = tg.wait_for_reply(group, timeout=ANSWER_SECONDS)
    assert hint.text is not None and f"@{tg.bot_username} who agreed" in hint.text
    sent = tg.send_command(group, uma, "translate", "halo")  # "/translate@TestNameBot halo"
    unknown = tg.wait_for_reply(group, timeout=ANSWER_SECONDS)
    assert unknown.reply_to_message_id == sent.message_id
    assert unknown.text is not None and "/help" in unknown.text
    tg.send_command(group, uma, "translate", "halo", address_bot=False)
    tg.send_group(group, uma, "/translate@OtherBot halo")
    tg.assert_no_reply(group, within=3.0)


def test_the_bot_called_in_reply_to_a_members_question_answers_it(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    """In a group the bot does not see a question nobody addressed to it; a member who then
    replies to it with the bot's name alone asks it."""
    group, ann, ben = tg.new_group("Newsroom"), tg.new_user("Ann"), tg.new_user("Ben")
    question = tg.send_group(group, ann, "who agreed to deploy troops?")
    tg.assert_no_reply(group, within=2.0)
    call = tg.reply_to(question, ben, f"@{tg.bot_username}")
    reply = tg.wait_for_reply(group, timeout=ANSWER_SECONDS)
    assert reply.reply_to_message_id == call.message_id
    assert reply.text is not None and "Stanislav Zas" in reply.text
