"""Follow-ups, follows and alerts, /following, feedback, digests and inline queries,
in-process through the real Application with the state store on SQLite."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsbot.bot import cli, digest
from newsbot.bot.follow import ALERTS_PER_DAY, FOLLOWS_PER_USER, send_alerts
from newsbot.bot.state import BotState, state_of
from newsbot.bot.store import StateStore
from newsbot.index.answering.answers import Answer, Hit
from tests.bot.conftest import Bot
from tests.bot.fakes import (
    ADMIN_ID,
    BOT,
    GROUP,
    JSON,
    FakeIndex,
    eventually,
    group,
    make_hit,
    press,
    private,
    user,
)

START = datetime(2021, 9, 18, 0, 0, tzinfo=UTC)  # 07:00 in Jakarta


class Clock:
    """A clock the test moves."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(bot: Bot) -> Clock:
    clock = Clock()
    state_of(bot.app.bot_data).clock = clock
    return clock


@pytest.fixture
def state(bot: Bot) -> BotState:
    return state_of(bot.app.bot_data)


def answer_to(bot: Bot, chat: JSON) -> JSON:
    """The bot's latest message in ``chat``, as Telegram would embed it in a reply."""
    sent = [m for m in bot.telegram.messages if m["chat"]["id"] == chat["id"]]
    return sent[-1]


def asked(bot: Bot) -> str:
    return bot.index.questions[-1][0]


def stood_alone(bot: Bot) -> bool:
    """Whether the last message, naming nothing of its own, was read as following nothing
    up: asked for the whole question, searched for nothing."""
    return bot.telegram.texts()[-1].startswith("Ask the whole question") and not any(
        q.startswith("kapan?") for q, _ in bot.index.questions
    )


# --- follow-up questions ------------------------------------------------------------------
async def test_a_reply_to_an_answer_is_read_with_its_question(bot: Bot, clock: Clock) -> None:
    question = private("siapa yang setuju mengerahkan pasukan CSTO ke Afghanistan?")
    await bot.send(question)
    reply = private("kapan?", reply_to=answer_to(bot, question["message"]["chat"]))
    await bot.send(reply)
    assert asked(bot).startswith("kapan?")
    assert "CSTO" in asked(bot) and "Afghanistan" in asked(bot)


@pytest.mark.parametrize(
    ("followup", "carried"),
    [
        ("who else?", True),
        ("dan apa kata Putin?", True),
        ("and what did Lavrov say?", True),
        ("berapa harga cabai di pasar Medan hari ini?", False),
        ("Apa yang dijual di festival kuliner Nusantara?", False),
    ],
)
async def test_a_private_message_within_minutes_follows_up_unless_it_changes_topic(
    bot: Bot, clock: Clock, followup: str, carried: bool
) -> None:
    await bot.send(private("siapa yang setuju mengerahkan pasukan CSTO ke Afghanistan?"))
    clock.now += timedelta(minutes=2)
    await bot.send(private(followup))
    assert ("CSTO" in asked(bot)) is carried
    assert asked(bot).startswith(followup)


async def test_after_a_few_minutes_a_private_message_stands_alone(bot: Bot, clock: Clock) -> None:
    await bot.send(private("siapa yang setuju mengerahkan pasukan CSTO?"))
    clock.now += timedelta(minutes=6)
    await bot.send(private("kapan?"))
    assert stood_alone(bot)


async def test_another_chats_answer_is_never_followed_up(bot: Bot, clock: Clock) -> None:
    await bot.send(private("siapa yang setuju mengerahkan pasukan CSTO?", sender=user(1)))
    await bot.send(private("kapan?", sender=user(2)))
    assert stood_alone(bot)


async def test_a_reply_in_a_group_follows_up_but_a_mention_does_not(bot: Bot, clock: Clock) -> None:
    await bot.send(group("/ask siapa yang setuju mengerahkan pasukan CSTO?"))
    answer = answer_to(bot, GROUP)
    await bot.send(group("@TestNameBot kapan?"))
    assert stood_alone(bot)
    await bot.send(group("kapan?", reply_to=answer))
    assert "CSTO" in asked(bot)


async def test_a_chain_of_follow_ups_keeps_the_subject(bot: Bot, clock: Clock) -> None:
    first = private("siapa yang setuju mengerahkan pasukan CSTO?")
    await bot.send(first)
    chat = first["message"]["chat"]
    await bot.send(private("kapan?", reply_to=answer_to(bot, chat)))
    await bot.send(private("di mana?", reply_to=answer_to(bot, chat)))
    assert asked(bot).startswith("di mana?") and "CSTO" in asked(bot)


async def test_more_sources_of_a_follow_up_asks_the_resolved_question(
    bot: Bot, clock: Clock
) -> None:
    first = private("siapa yang setuju mengerahkan pasukan CSTO?")
    await bot.send(first)
    chat = first["message"]["chat"]
    followup = private("kapan?", reply_to=answer_to(bot, chat))
    await bot.send(followup)
    answer = answer_to(bot, chat) | {"reply_to_message": followup["message"]}
    await bot.send(press(answer, "more:3"))
    assert "CSTO" in asked(bot)


# --- follow and alerts ----------------------------------------------------------------------
async def follow_answer(bot: Bot, sender: JSON | None = None, in_group: bool = False) -> JSON:
    text = "siapa yang setuju mengerahkan pasukan CSTO?"
    update = group(f"/ask {text}", sender=sender) if in_group else private(text, sender=sender)
    await bot.send(update)
    answer = answer_to(bot, update["message"]["chat"])
    await bot.send(press(answer, "follow", sender=sender))
    return answer


def fresh_hit(article_id: str, title: str = "Berita baru") -> Hit:
    """A passage of an article the index did not have before."""
    hit = make_hit(1, title=title)
    return replace(hit, citation=replace(hit.citation, article_id=article_id))


async def test_follow_confirms_with_an_unfollow_button(bot: Bot, clock: Clock) -> None:
    await follow_answer(bot)
    confirmation = bot.telegram.sent()[-1]
    assert confirmation["text"].startswith("🔔 Following “siapa yang setuju")
    [[button]] = confirmation["reply_markup"]["inline_keyboard"]
    assert button["callback_data"].startswith("unfollow:")


async def test_indonesian_users_see_ikuti(bot: Bot, clock: Clock) -> None:
    await bot.send(private("siapa yang setuju?", sender=user(language="id")))
    rows = bot.telegram.sent()[-1]["reply_markup"]["inline_keyboard"]
    assert {"text": "🔔 Ikuti", "callback_data": "follow"} in [b for row in rows for b in row]


async def test_a_new_article_answering_a_followed_question_is_alerted_once(
    bot: Bot, state: BotState, clock: Clock
) -> None:
    await follow_answer(bot)
    chat_id = user()["id"]
    added = frozenset({"fresh-1"})
    bot.index.hits = (fresh_hit("fresh-1"), *bot.index.hits)
    assert await send_alerts(bot.app.bot, state, added) == 1
    alert = bot.telegram.sent()[-1]
    assert alert["chat_id"] == chat_id
    assert alert["text"].startswith("🔔 New on “siapa yang setuju")
    assert "Berita baru" in alert["text"] and "<b>Zas said the members agreed.</b>" in alert["text"]
    assert alert["reply_markup"]["inline_keyboard"][0][0]["callback_data"].startswith("unfollow:")
    assert await send_alerts(bot.app.bot, state, added) == 0  # never the same article twice


async def test_old_articles_and_articles_shown_in_the_answer_are_not_alerts(
    bot: Bot, state: BotState, clock: Clock
) -> None:
    await follow_answer(bot)
    # a1..a3 were in the answer; a4 was in the index before: neither is news.
    assert await send_alerts(bot.app.bot, state, frozenset({"a1"})) == 0
    assert await send_alerts(bot.app.bot, state, frozenset()) == 0


async def test_at_most_a_few_alerts_a_day(bot: Bot, state: BotState, clock: Clock) -> None:
    await follow_answer(bot)
    for n in range(ALERTS_PER_DAY + 1):
        article = f"fresh-{n}"
        bot.index.hits = (fresh_hit(article),)
        sent = await send_alerts(bot.app.bot, state, frozenset({article}))
        assert sent == (1 if n < ALERTS_PER_DAY else 0)
    clock.now += timedelta(days=1, minutes=1)
    bot.index.hits = (fresh_hit("tomorrow"),)
    assert await send_alerts(bot.app.bot, state, frozenset({"tomorrow"})) == 1


async def test_a_follow_expires_after_30_days_unless_renewed(
    bot: Bot, state: BotState, clock: Clock
) -> None:
    answer = await follow_answer(bot)
    clock.now += timedelta(days=20)
    await bot.send(press(answer, "follow"))  # renewed
    assert bot.telegram.sent()[-1]["text"].startswith("🔔 Still following")
    clock.now += timedelta(days=25)
    bot.index.hits = (fresh_hit("late"),)
    assert await send_alerts(bot.app.bot, state, frozenset({"late"})) == 1
    clock.now += timedelta(days=31)
    bot.index.hits = (fresh_hit("later"),)
    assert await send_alerts(bot.app.bot, state, frozenset({"later"})) == 0
    await bot.send(private("/following"))
    assert bot.telegram.sent()[-1]["text"].startswith("This chat follows no questions")


async def test_the_reindex_command_alerts_followers(
    bot: Bot, state: BotState, clock: Clock
) -> None:
    await follow_answer(bot)
    fresh = FakeIndex((fresh_hit("fresh", "Pasukan tiba"), *bot.index.hits))
    bot.live._reopen = lambda: fresh
    await bot.send(private("/reindex", sender=user(ADMIN_ID)))
    await eventually(lambda: any(t.startswith("🔔 New on") for t in bot.telegram.texts()))


async def test_following_lists_the_chats_follows_only(bot: Bot, clock: Clock) -> None:
    await follow_answer(bot, sender=user(1))
    await bot.send(private("/following", sender=user(1)))
    listing = bot.telegram.sent()[-1]
    assert listing["text"].startswith("Questions followed in this chat:\n1. “siapa yang setuju")
    assert "until 18 October 2021" in listing["text"]
    [[button]] = listing["reply_markup"]["inline_keyboard"]
    assert button["text"] == "🔕 Unfollow 1"
    await bot.send(private("/following", sender=user(2)))
    assert bot.telegram.sent()[-1]["text"].startswith("This chat follows no questions")


async def test_unfollow_stops_alerts(bot: Bot, state: BotState, clock: Clock) -> None:
    await follow_answer(bot)
    confirmation = bot.telegram.messages[-1]
    data = bot.telegram.sent()[-1]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await bot.send(press(confirmation, data))
    assert bot.telegram.sent("answerCallbackQuery")[-1]["text"].startswith("🔕 No longer")
    bot.index.hits = (fresh_hit("fresh"),)
    assert await send_alerts(bot.app.bot, state, frozenset({"fresh"})) == 0


async def test_in_a_group_only_the_follower_or_an_admin_unfollows(bot: Bot, clock: Clock) -> None:
    follower, other, admin = user(11), user(12), user(13)
    await follow_answer(bot, sender=follower, in_group=True)
    confirmation = bot.telegram.messages[-1]
    data = bot.telegram.sent()[-1]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]

    await bot.send(press(confirmation, data, sender=other))
    assert "Only the member who followed" in bot.telegram.sent("answerCallbackQuery")[-1]["text"]
    bot.telegram.member_status[13] = "creator"
    await bot.send(press(confirmation, data, sender=admin))
    assert bot.telegram.sent("answerCallbackQuery")[-1]["text"].startswith("🔕 No longer")


async def test_a_button_of_another_chat_cannot_unfollow(bot: Bot, clock: Clock) -> None:
    await follow_answer(bot, sender=user(1))
    data = bot.telegram.sent()[-1]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    elsewhere = private("x", sender=user(2))["message"]
    await bot.send(press(elsewhere, data, sender=user(2)))
    assert bot.telegram.sent("answerCallbackQuery")[-1]["text"].startswith("That question is no")


async def test_the_follow_limit_is_told_politely(bot: Bot, clock: Clock) -> None:
    for n in range(FOLLOWS_PER_USER + 1):
        update = private(f"siapa yang setuju mengerahkan pasukan nomor {n}?")
        await bot.send(update)
        await bot.send(press(answer_to(bot, update["message"]["chat"]), "follow"))
    last = bot.telegram.sent("answerCallbackQuery")[-1]
    assert last["text"].startswith(f"You already follow {FOLLOWS_PER_USER} questions here")
    assert last["show_alert"] is True


# --- feedback -------------------------------------------------------------------------------
async def test_feedback_is_stored_with_question_paragraphs_and_version(
    bot: Bot, state: BotState, clock: Clock
) -> None:
    update = private("who agreed?")
    await bot.send(update)
    answer = answer_to(bot, update["message"]["chat"])
    await bot.send(press(answer, "fb:down"))
    await bot.send(press(answer, "fb:wrong_citation"))
    assert bot.telegram.sent("answerCallbackQuery")[-1]["text"] == "Thanks, noted."
    [given] = state.store.all_feedback()
    assert given["verdict"] == "wrong_citation" and given["question"] == "who agreed?"
    assert given["paragraphs"] == ["a1#7", "a2#7", "a3#7"]
    assert given["index_version"] == "v-fake"


async def test_feedback_on_an_answer_the_bot_does_not_know_has_expired(bot: Bot) -> None:
    stranger = private("x")["message"] | {"from": BOT}
    await bot.send(press(stranger, "fb:up"))
    assert "expired" in bot.telegram.sent("answerCallbackQuery")[-1]["text"]


def test_feedback_json_exports_the_verdicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBOT_STATE", str(tmp_path / "state.sqlite"))
    store = StateStore.open(str(tmp_path / "state.sqlite"))
    from newsbot.bot.store import AnswerRecord

    record = AnswerRecord(5, 9, 7, "who agreed?", "en", ("a1#7",), "v-3", 100)
    store.give_feedback(record, 7, "up", 120)
    store.close()
    assert cli.main(["feedback", "--json", "--index-dir", str(tmp_path / "idx")]) == 0
    [given] = json.loads(capsys.readouterr().out)
    assert given == {
        "verdict": "up",
        "question": "who agreed?",
        "paragraphs": ["a1#7"],
        "index_version": "v-3",
        "given_at": 120,
    }


def test_state_reset_needs_asking_and_a_corrupt_state_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSBOT_STATE", raising=False)
    index_dir = tmp_path / "idx"
    state_file = tmp_path / "idx-state.sqlite"
    state_file.write_bytes(b"garbage" * 200)
    assert cli.main(["feedback", "--index-dir", str(index_dir)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unreadable" in err and "newsbot state --reset" in err
    assert state_file.read_bytes().startswith(b"garbage")
    assert cli.main(["state", "--reset", "--index-dir", str(index_dir)]) == 0
    assert cli.main(["feedback", "--index-dir", str(index_dir)]) == 0
    assert capsys.readouterr().out.endswith("No feedback yet.\n")


def test_a_healthy_state_is_reset_only_when_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--reset is for a missing or unreadable state: follows that open fine are kept."""
    monkeypatch.delenv("NEWSBOT_STATE", raising=False)
    index_dir = tmp_path / "idx"
    assert cli.main(["state", "--index-dir", str(index_dir)]) == 0
    store = StateStore.open(str(tmp_path / "idx-state.sqlite"))
    store.follow(1, 2, "harga cabai", "id", 100, chat_limit=5, user_limit=5)
    store.close()
    capsys.readouterr()
    assert cli.main(["state", "--reset", "--index-dir", str(index_dir)]) == 1
    err = capsys.readouterr().err
    assert "opens fine" in err and "--reset --force" in err and err.count("\n") == 1
    store = StateStore.open(str(tmp_path / "idx-state.sqlite"))
    assert len(store.follows_of(1)) == 1  # kept
    store.close()
    assert cli.main(["state", "--reset", "--force", "--index-dir", str(index_dir)]) == 0
    out = capsys.readouterr().out
    store = StateStore.open(str(tmp_path / "idx-state.sqlite"))
    assert store.follows_of(1) == []
    store.close()
    [kept] = tmp_path.glob("idx-state.sqlite.before-reset-*")
    assert f"the old one is kept as {kept}" in out and out.count("\n") == 1
    # A missing file needs no forcing.
    (tmp_path / "idx-state.sqlite").unlink()
    assert cli.main(["state", "--reset", "--index-dir", str(index_dir)]) == 0


# --- digest ---------------------------------------------------------------------------------
async def test_digest_subscribes_and_sends_the_days_stories_once(
    bot: Bot, state: BotState, clock: Clock
) -> None:
    clock.now = datetime(2021, 9, 17, 22, 0, tzinfo=UTC)  # 05:00 in Jakarta, the 18th
    bot.index.hits = (
        make_hit(1, title="Pasukan CSTO", published="2021-09-18T06:00:00+07:00"),
        make_hit(2, title="Banjir Medan", published="2021-09-17T20:00:00+07:00"),
        make_hit(3, title="Kabar lama", published="2021-09-01"),
    )
    await bot.send(private("/digest on"))
    assert bot.telegram.sent()[-1]["text"].startswith("🗞 Every day at 07:00 (Asia/Jakarta)")
    assert await digest.send_due(bot.app.bot, state) == 0  # not 07:00 yet
    clock.now += timedelta(hours=2)
    assert await digest.send_due(bot.app.bot, state) == 1
    text = bot.telegram.sent()[-1]["text"]
    assert text.startswith("🗞 <b>Top stories, 18 September 2021</b>")
    assert text.index("Pasukan CSTO") < text.index("Banjir Medan")
    assert "Kabar lama" not in text and "1 outlet" in text
    assert "<b>Zas said the members agreed.</b>" not in text  # the line is plain, cited
    assert await digest.send_due(bot.app.bot, state) == 0  # once a day
    clock.now += timedelta(days=1)
    assert await digest.send_due(bot.app.bot, state) == 1


async def test_digest_at_a_chosen_hour_and_off(bot: Bot, state: BotState, clock: Clock) -> None:
    bot.index.hits = ()
    await bot.send(private("/digest 18:30", sender=user(language="id")))
    assert bot.telegram.sent()[-1]["text"].startswith("🗞 Setiap hari pukul 18:30")
    clock.now = datetime(2021, 9, 18, 11, 30, tzinfo=UTC)  # 18:30 in Jakarta
    assert await digest.send_due(bot.app.bot, state) == 1
    assert bot.telegram.sent()[-1]["text"].startswith("🗞 Tidak ada berita baru")
    await bot.send(private("/digest off"))
    assert bot.telegram.sent()[-1]["text"] == "🗞 The daily digest is off."
    clock.now += timedelta(days=1)
    assert await digest.send_due(bot.app.bot, state) == 0


async def test_subscribing_after_the_hour_starts_tomorrow(
    bot: Bot, state: BotState, clock: Clock
) -> None:
    clock.now = datetime(2021, 9, 18, 3, 0, tzinfo=UTC)  # 10:00 in Jakarta
    await bot.send(private("/digest on"))
    assert await digest.send_due(bot.app.bot, state) == 0


async def test_digest_alone_shows_the_stories_now_and_how_to_get_them_daily(
    bot: Bot, state: BotState, clock: Clock
) -> None:
    clock.now = datetime(2021, 9, 18, 3, 0, tzinfo=UTC)  # 10:00 in Jakarta
    bot.index.hits = (make_hit(1, title="Pasukan CSTO", published="2021-09-18T06:00:00+07:00"),)
    await bot.send(private("/digest"))
    text = bot.telegram.sent()[-1]["text"]
    assert text.startswith("🗞 <b>Top stories, 18 September 2021</b>") and "Pasukan CSTO" in text
    assert text.endswith("<code>/digest 18:30</code> for another time.</i>")
    assert await state.stored(lambda store: store.all_digests()) == []  # nothing subscribed
    await bot.send(private("/digest 18:30"))
    await bot.send(private("/digest"))
    assert bot.telegram.sent()[-1]["text"].endswith(
        "<i>This chat gets it every day at 18:30; <code>/digest off</code> stops it.</i>"
    )


async def test_only_a_group_admin_subscribes_or_stops_a_groups_digest(
    bot: Bot, state: BotState
) -> None:
    stranger, owner = user(501), user(502)
    bot.telegram.member_status[owner["id"]] = "creator"
    bot.index.hits = ()
    await bot.send(group("/digest on", sender=stranger))
    assert bot.telegram.sent()[-1]["text"] == (
        "Only a group admin can change this group's daily digest."
    )
    assert await state.stored(lambda store: store.all_digests()) == []
    await bot.send(group("/digest", sender=stranger))  # reading it is anyone's
    assert bot.telegram.sent()[-1]["text"].startswith("🗞 No new stories")
    await bot.send(group("/digest 06:30", sender=owner))
    assert bot.telegram.sent()[-1]["text"].startswith("🗞 Every day at 06:30")
    await bot.send(group("/digest off", sender=stranger))
    assert len(await state.stored(lambda store: store.all_digests())) == 1
    await bot.send(group("/digest off", sender=owner))
    assert await state.stored(lambda store: store.all_digests()) == []


@pytest.mark.parametrize("args", ["25:00", "7:75", "tomorrow", "7 8"])
async def test_digest_with_a_wrong_time_says_how(bot: Bot, args: str) -> None:
    await bot.send(private(f"/digest {args}"))
    assert "<code>/digest 18:30</code>" in bot.telegram.sent()[-1]["text"]


# --- inline mode ----------------------------------------------------------------------------
def inline(query: str, sender: JSON | None = None) -> JSON:
    return {
        "update_id": 99_000 + len(query),
        "inline_query": {
            "id": "q1",
            "from": sender or user(),
            "query": query,
            "offset": "",
        },
    }


async def test_inline_query_lists_cited_passages(bot: Bot) -> None:
    await bot.send(inline("who agreed to deploy troops?"))
    [answer] = bot.telegram.sent("answerInlineQuery")
    results = answer["results"]
    assert len(results) == 4
    first = results[0]
    assert first["title"] == "CSTO dan Rusia akan Kerahkan Pasukan"
    assert (
        first["description"]
        == "PR Cirebon · 17 September 2021, 16:30 WIB — Zas said the members agreed."
    )
    content = first["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert "<b>Zas said the members agreed.</b>" in content["message_text"]
    assert "PR Cirebon · 17 September 2021, 16:30 WIB · paragraph 7" in content["message_text"]


async def test_inline_query_not_covered_or_empty_gets_no_results(bot: Bot) -> None:
    await bot.send(inline("   "))
    bot.index.hits = ()
    await bot.send(inline("weather on Mars?"))
    answers = bot.telegram.sent("answerInlineQuery")
    assert [a["results"] for a in answers] == [[], []]
    assert bot.index.questions == [("weather on Mars?", 5)]


async def test_inline_queries_are_rate_limited(bot: Bot) -> None:
    state_of(bot.app.bot_data).quota.per_minute = 1
    await bot.send(inline("who agreed?"))
    await bot.send(inline("who agreed to deploy?"))
    limited = bot.telegram.sent("answerInlineQuery")[-1]
    assert "button" in limited
    button = (
        json.loads(limited["button"]) if isinstance(limited["button"], str) else limited["button"]
    )
    assert re.fullmatch(r"You're asking quickly: ask again in \d+ s", button["text"]), button
    assert len(bot.index.questions) == 1


async def test_a_follow_up_that_finds_nothing_is_asked_alone(
    bot: Bot, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ask = bot.index.ask

    def only_short(question: str, k: int = 3) -> Answer:
        answer = ask(question, k)
        return answer if "setuju" not in question else replace(answer, answered=False, hits=())

    await bot.send(private("siapa yang setuju mengerahkan pasukan?"))
    monkeypatch.setattr(bot.index, "ask", only_short)
    bot.index.questions.clear()
    await bot.send(private("dan pasukan CSTO?"))
    assert [q for q, _ in bot.index.questions] == [
        "dan pasukan CSTO? (setuju mengerahkan)",
        "dan pasukan CSTO?",
    ]
    assert bot.telegram.sent()[-1]["text"].startswith("1. ")


async def test_a_reply_to_an_alert_follows_up_the_followed_question(
    bot: Bot, state: BotState, clock: Clock
) -> None:
    await follow_answer(bot)
    bot.index.hits = (fresh_hit("fresh-1"), *bot.index.hits)
    assert await send_alerts(bot.app.bot, state, frozenset({"fresh-1"})) == 1
    alert = bot.telegram.messages[-1]
    await bot.send(private("kapan?", reply_to=alert))
    assert asked(bot) == "kapan? siapa yang setuju mengerahkan pasukan CSTO?"


async def test_following_an_answer_that_cites_one_article_thrice(bot: Bot, clock: Clock) -> None:
    bot.index.hits = tuple(
        replace(h, citation=replace(h.citation, article_id="one")) for h in bot.index.hits
    )
    await follow_answer(bot)
    assert bot.telegram.sent()[-1]["text"].startswith("🔔 Following")


@pytest.mark.parametrize(("command", "said"), [
    (["feedback"], "No feedback yet.\n"),
    (["feedback", "--json"], "[]\n"),
    (["state"], "(not created yet: the bot creates it when it first runs)\n"),
])  # fmt: skip
def test_reading_the_state_of_a_folder_without_one_creates_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    said: str,
) -> None:
    """`newsbot feedback` or `newsbot state` in a folder without a bot left an index folder
    with a state marker and an empty state file behind: the folder then looked like one
    whose bot had lost its state."""
    monkeypatch.delenv("NEWSBOT_STATE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.main(command) == 0
    assert capsys.readouterr().out.endswith(said)
    assert list(tmp_path.iterdir()) == []


def test_a_state_once_created_and_lost_is_still_said_to_be_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSBOT_STATE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["state", "--reset"]) == 0  # created, as the bot would
    (tmp_path / "newsbot-index-state.sqlite").unlink()
    capsys.readouterr()
    for command in (["feedback"], ["state"]):
        assert cli.main(command) == 1
        assert "is missing" in capsys.readouterr().err
