"""The daily digest: ``/digest`` shows the day's top stories now, ``/digest on`` or
``/digest HH:MM`` subscribes a chat to them at that hour of the bot's time zone (07:00 for
``on``), ``/digest off`` stops it; in a group only its admins may subscribe or stop it.

A job checks every :data:`CHECK_SECONDS` which chats are due; the store records the day
each chat was served, so a restart or a second check never sends a digest twice.
:func:`top_stories` decides what the top stories are: the stories (articles grouped across
outlets at build time) with coverage that day or the day before, the most covered first.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from functools import partial

from telegram import Bot, Message, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from newsbot.bot.chat_admins import may_manage
from newsbot.bot.follow_messages import FollowMessages, follow_messages_for
from newsbot.bot.live import LiveIndex
from newsbot.bot.messages import messages_for
from newsbot.bot.render import _fit, escape, format_date, headline_link
from newsbot.bot.state import BotState, state_of
from newsbot.bot.store import Digest, StateStore
from newsbot.index.answering.answers import Hit
from newsbot.index.coverage.book import ArticleRef, Story, story_of
from newsbot.index.coverage.notes import reporter, story_line

log = logging.getLogger(__name__)

DEFAULT_HOUR, DEFAULT_MINUTE = 7, 0
CHECK_SECONDS = 20
STORIES = 5
_TIME = re.compile(r"([01]?\d|2[0-3])(?:[:.]([0-5]\d))?")


async def top_stories(live: LiveIndex, day: datetime, limit: int = STORIES) -> list[Story]:
    """The top stories of ``day`` (a date in the bot's time zone): the stories with
    articles published that day or the day before, those most outlets covered first, then
    the newest. An index without stories (one built before stories existed, until its next
    rebuild) gives its newest articles as stories of one article each."""
    since, until = day.date() - timedelta(days=1), day.date()
    stories = await live.latest_stories(since, until, None)
    if not stories:
        hits = await live.newest_articles([since.isoformat(), until.isoformat()], limit)
        return [_one_article(hit) for hit in hits]
    # latest_stories gives the newest first: a stable sort keeps that order among equals.
    stories.sort(key=lambda story: (len(story.outlets), len(story.articles)), reverse=True)
    return stories[:limit]


def _one_article(hit: Hit) -> Story:
    c = hit.citation
    return story_of(c.article_id, [ArticleRef(c.article_id, c.title, c.source, c.published, c.url)])


def render_digest(stories: list[Story], day: datetime, words: FollowMessages) -> str:
    """The digest message: a heading, then one line per story, its newest headline linked
    to the article, then who published it when, and how many outlets covered it since when
    and who was first."""
    messages = messages_for(words.language)
    if not stories:
        return words.digest_empty
    lines = [words.digest_head.format(day=escape(format_date(day.date().isoformat(), messages)))]
    for number, story in enumerate(stories, 1):
        outlets = (
            words.digest_outlets_one
            if len(story.outlets) <= 1
            else escape(story_line(story, words.language))
        )
        cited = escape(reporter(story.latest, words.language, day=True))
        lines.append(
            words.digest_story.format(
                number=number,
                line=headline_link(story.latest),
                citation=f"<i>— {cited}</i>",
                outlets=outlets,
            )
        )
    return _fit("\n\n".join(lines))


def parse_time(text: str) -> tuple[int, int] | None:
    """``7``, ``07:00``, ``18.30`` as (hour, minute); None if it is not a time of day."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    return int(match[1]), int(match[2] or 0)


async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the top stories now (``/digest``), subscribe this chat to them daily
    (``/digest on``, ``/digest 18:30``) or stop that (``/digest off``)."""
    message, user = update.effective_message, update.effective_user
    assert message is not None
    state = state_of(context.bot_data)
    words = follow_messages_for(user.language_code if user else None)
    args = [a.lower() for a in context.args or ()]
    chat_id = message.chat.id
    if not args:
        await _show_now(message, state, words)
        return
    off = args in (["off"], ["stop"], ["mati"], ["berhenti"])
    when = (
        (DEFAULT_HOUR, DEFAULT_MINUTE)
        if args in (["on"], ["nyala"], ["aktif"])
        else parse_time(args[0])
        if len(args) == 1
        else None
    )
    if not off and when is None:
        await message.reply_html(words.digest_usage, do_quote=True)
        return
    if user is None or not await may_manage(context.bot, state, chat_id, user.id):
        await message.reply_html(words.digest_admins_only, do_quote=True)
        return
    if off:
        stopped = await state.stored(lambda store: store.unsubscribe_digest(chat_id))
        await message.reply_html(words.digest_off if stopped else words.digest_was_off)
        return
    assert when is not None
    hour, minute = when
    local = state.clock().astimezone(state.timezone)
    # Subscribing after today's hour starts tomorrow: today counts as served.
    served = local.date().isoformat() if (local.hour, local.minute) >= when else None
    await state.stored(
        lambda store: store.subscribe_digest(chat_id, hour, minute, words.language, sent_on=served)
    )
    await message.reply_html(
        words.digest_on.format(
            time=f"{hour:02d}:{minute:02d}", timezone=escape(str(state.timezone))
        )
    )


async def _show_now(message: Message, state: BotState, words: FollowMessages) -> None:
    """The day's digest as it stands now, with how to get it daily (or when it comes)."""
    local = state.clock().astimezone(state.timezone)
    stories = await top_stories(state.live, local)
    subscription = await state.stored(lambda store: store.digest_of(message.chat.id))
    hint = (
        words.digest_hint_on.format(time=f"{subscription.hour:02d}:{subscription.minute:02d}")
        if subscription
        else words.digest_hint_off
    )
    await message.reply_html(
        _fit(f"{render_digest(stories, local, words)}\n\n{hint}"),
        disable_web_page_preview=True,
    )


async def send_due_digests(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send every chat whose hour has come the digest it has not had today."""
    await send_due(context.bot, state_of(context.bot_data))


async def send_due(bot: Bot, state: BotState) -> int:
    """The digests due now, sent; how many."""
    local = state.clock().astimezone(state.timezone)
    today = local.date().isoformat()
    due = [
        d
        for d in await state.stored(lambda store: store.all_digests())
        if d.last_sent_on != today and (local.hour, local.minute) >= (d.hour, d.minute)
    ]
    if not due:
        return 0
    stories = await top_stories(state.live, local)
    sent = 0
    for subscription in due:
        claimed = await state.stored(
            partial(StateStore.mark_digest_sent, chat_id=subscription.chat_id, day=today)
        )
        if claimed and await _send(bot, subscription, stories, local):
            sent += 1
    return sent


async def _send(bot: Bot, subscription: Digest, stories: list[Story], day: datetime) -> bool:
    text = render_digest(stories, day, follow_messages_for(subscription.language))
    try:
        await bot.send_message(subscription.chat_id, text)
    except TelegramError as exc:
        log.warning("Could not send the digest to chat %s: %s", subscription.chat_id, exc)
        return False
    return True
