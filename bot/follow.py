"""🔔 Follow a question: after each rebuild the followed questions are asked again, and a
new article answering one is sent to the chat that follows it, once.

A follow belongs to its chat (in a group, to the group): only the member who followed it,
a group admin or a bot admin removes it. It lasts :data:`FOLLOW_DAYS` days unless followed
again, sends at most :data:`ALERTS_PER_DAY` alerts a day, and never the same article twice.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from functools import partial
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from newsbot.bot.callbacks import button_data, button_numbers
from newsbot.bot.chat_admins import may_manage
from newsbot.bot.conversation import answer_under, remember_answer
from newsbot.bot.follow_messages import FollowMessages, follow_messages_for
from newsbot.bot.messages import messages_for
from newsbot.bot.render import escape, format_date, render_passages
from newsbot.bot.state import BotState, state_of
from newsbot.bot.store import Follow, StateStore
from newsbot.index.answering.answers import Hit

log = logging.getLogger(__name__)

UNFOLLOW = "unfollow"  # callback_data "unfollow:<follow id>"
FOLLOW_DAYS = 30
ALERTS_PER_DAY = 3
FOLLOWS_PER_USER = 10
FOLLOWS_PER_CHAT = 30
#: Passages a followed question is asked for after a rebuild: a new article must rank
#: among them, in an answer above the floor.
ALERT_DEPTH = 3
DAY = 86400
QUESTION_SHOWN = 120


def _quoted(question: str) -> str:
    short = question if len(question) <= QUESTION_SHOWN else question[: QUESTION_SHOWN - 1] + "…"
    return escape(short)


def unfollow_keyboard(follow_id: int, words: FollowMessages) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup.from_button(
        InlineKeyboardButton(words.unfollow, callback_data=button_data(UNFOLLOW, follow_id))
    )


async def follow_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Follow the question the answer under the pressed button answered."""
    query = update.callback_query
    assert query is not None
    state = state_of(context.bot_data)
    user = query.from_user
    words = follow_messages_for(user.language_code)
    under = await answer_under(query, state)
    if under is None:
        return
    pressed, record = under
    chat_id = pressed.chat.id
    now = state.now()
    before = await state.stored(lambda store: store.follows_of(chat_id))
    renewing = any(f.question == record.question for f in before)
    follow = await state.stored(
        lambda store: store.follow(
            chat_id,
            user.id,
            record.question,
            words.language,
            now,
            seen=[p.partition("#")[0] for p in record.paragraphs],
            chat_limit=FOLLOWS_PER_CHAT,
            user_limit=FOLLOWS_PER_USER,
        )
    )
    if follow is None:
        mine = sum(f.user_id == user.id for f in before)
        text = (
            words.follow_limit_user.format(limit=FOLLOWS_PER_USER)
            if mine >= FOLLOWS_PER_USER
            else words.follow_limit_chat.format(limit=FOLLOWS_PER_CHAT)
        )
        await query.answer(text, show_alert=True)
        return
    await query.answer()
    question = _quoted(follow.question)
    text = (
        words.follow_renewed.format(question=question, days=FOLLOW_DAYS)
        if renewing
        else words.followed.format(question=question, per_day=ALERTS_PER_DAY, days=FOLLOW_DAYS)
    )
    await pressed.reply_html(text, reply_markup=unfollow_keyboard(follow.id, words))


async def unfollow_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Remove a follow: the member who followed, a group admin or a bot admin may."""
    query = update.callback_query
    assert query is not None
    state = state_of(context.bot_data)
    user = query.from_user
    words = follow_messages_for(user.language_code)
    pressed = query.message if isinstance(query.message, Message) else None
    numbers = button_numbers(query.data, UNFOLLOW)
    follow = None
    if numbers is not None:
        (number,) = numbers
        follow = await state.stored(lambda store: store.get_follow(number))
    if pressed is None or follow is None or follow.chat_id != pressed.chat.id:
        await query.answer(words.unfollow_gone, show_alert=True)
        return
    if not await _may_unfollow(context.bot, state, follow, user.id):
        await query.answer(words.unfollow_not_yours, show_alert=True)
        return
    await state.stored(lambda store: store.unfollow(follow.id))
    await query.answer(words.unfollowed.format(question=follow.question)[:200])
    try:
        await pressed.edit_reply_markup(reply_markup=None)
    except TelegramError as exc:
        log.info("Could not remove the Unfollow button: %s", exc)


async def _may_unfollow(bot: Bot, state: BotState, follow: Follow, user_id: int) -> bool:
    return user_id == follow.user_id or await may_manage(bot, state, follow.chat_id, user_id)


async def following(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the questions this chat follows, each with an Unfollow button."""
    message, user = update.effective_message, update.effective_user
    assert message is not None
    state = state_of(context.bot_data)
    words = follow_messages_for(user.language_code if user else None)
    messages = messages_for(words.language)
    chat_id = message.chat.id
    since = state.now() - FOLLOW_DAYS * DAY
    follows = [
        f
        for f in await state.stored(lambda store: store.follows_of(chat_id))
        if f.renewed_at >= since
    ]
    if not follows:
        await message.reply_html(words.following_none, do_quote=True)
        return
    lines = [words.following_head]
    buttons = []
    for number, follow in enumerate(follows, 1):
        until = datetime.fromtimestamp(follow.renewed_at + FOLLOW_DAYS * DAY, state.timezone)
        lines.append(
            words.following_item.format(
                number=number,
                question=_quoted(follow.question),
                until=escape(format_date(until.date().isoformat(), messages)),
            )
        )
        buttons.append(
            [
                InlineKeyboardButton(
                    f"{words.unfollow} {number}", callback_data=button_data(UNFOLLOW, follow.id)
                )
            ]
        )
    await message.reply_html(
        "\n".join(lines), do_quote=True, reply_markup=InlineKeyboardMarkup(buttons)
    )


async def send_alerts(bot: Bot, state: BotState, added: frozenset[str]) -> int:
    """Ask every live follow again after a rebuild that added ``added`` (article ids); send
    each follower at most one new, cited passage. How many alerts were sent."""
    if not added:
        return 0
    now = state.now()
    follows = await state.stored(lambda store: store.live_follows(now - FOLLOW_DAYS * DAY))
    sent = 0
    for follow in follows:
        today = await state.stored(
            partial(StateStore.alerts_since, follow_id=follow.id, since=now - DAY)
        )
        if today >= ALERTS_PER_DAY:
            continue
        found = await state.live.ask(follow.question, ALERT_DEPTH)
        if not found.answered:
            continue
        for hit in found.hits:
            article = hit.citation.article_id
            if article not in added:
                continue
            claimed = await state.stored(
                partial(StateStore.claim_alert, follow_id=follow.id, article_id=article, now=now)
            )
            if not claimed:
                continue
            alert = await _alert(bot, follow, hit_page(follow, hit))
            if alert is not None:
                sent += 1
                # A reply to the alert follows up the followed question.
                await remember_answer(state, [alert], None, follow.question, [hit], follow.language)
            break
    if sent:
        log.info("Sent %d alert(s) about %d new article(s)", sent, len(added))
    return sent


def hit_page(follow: Follow, hit: Hit) -> str:
    """The alert: which question it is about, then the passage, cited."""
    words = follow_messages_for(follow.language)
    head = words.alert.format(question=_quoted(follow.question))
    [page] = render_passages([hit], messages_for(follow.language), note=None)[:1]
    return f"{head}\n\n{page}"


async def _alert(bot: Bot, follow: Follow, text: str) -> Message | None:
    words = follow_messages_for(follow.language)
    try:
        return await bot.send_message(
            follow.chat_id, text, reply_markup=unfollow_keyboard(follow.id, words)
        )
    except TelegramError as exc:  # blocked, or the chat is gone: this article is skipped
        log.warning("Could not alert chat %s: %s", follow.chat_id, exc)
        return None


def alert_after_rebuilds(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Send alerts after each rebuild of ``application``'s live index."""
    state = state_of(application.bot_data)
    pending: set[asyncio.Task[int]] = set()  # referenced until done, or the loop may drop them

    def rebuilt(added: frozenset[str]) -> None:
        if not added:
            return
        task = asyncio.create_task(send_alerts(application.bot, state, added), name="alerts")
        pending.add(task)
        task.add_done_callback(pending.discard)

    state.live.on_rebuilt(rebuilt)
