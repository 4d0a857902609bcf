"""Inline mode: ``@TheBot question`` in any chat lists the best passages (headline, outlet,
date, answering sentence); the one chosen is sent as a cited message. Enable it with
@BotFather's ``/setinline``. Each query counts against the asker's question quota."""

from __future__ import annotations

import logging

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from newsbot.bot.addressing import shorten
from newsbot.bot.follow_messages import follow_messages_for
from newsbot.bot.followup import one_question
from newsbot.bot.messages import messages_for
from newsbot.bot.render import escape, format_date, render_passages
from newsbot.bot.state import state_of
from newsbot.index.answering.answers import Hit

log = logging.getLogger(__name__)

RESULTS = 5
#: Seconds Telegram may cache the results of one query for everyone (the news changes
#: with each rebuild, so not long).
CACHE_SECONDS = 300
DESCRIPTION_LIMIT = 200


def description(hit: Hit, language: str) -> str:
    """Outlet · date — the answering sentence, as plain text for an inline result."""
    c = hit.citation
    published = format_date(c.published, messages_for(language), with_time=True)
    parts = [p for p in (c.source, published) if p]
    sentence = " ".join(hit.snippet.split())
    text = f"{' · '.join(parts)} — {sentence}" if parts else sentence
    return text if len(text) <= DESCRIPTION_LIMIT else text[: DESCRIPTION_LIMIT - 1] + "…"


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer an inline query with the best passages, each sent as a cited message."""
    query = update.inline_query
    assert query is not None
    state = state_of(context.bot_data)
    language = messages_for(query.from_user.language_code).language
    question, _ = shorten(" ".join(query.query.split()))
    if not question:
        await query.answer([], cache_time=CACHE_SECONDS)
        return
    if not state.quota.allow(query.from_user.id):
        wait = state.quota.retry_after(query.from_user.id)
        limited = follow_messages_for(language).inline_limited.format(seconds=wait)
        button = InlineQueryResultsButton(text=limited, start_parameter="limited")
        await query.answer([], cache_time=0, is_personal=True, button=button)
        return
    found = await state.live.ask(one_question(question), RESULTS)
    messages = messages_for(language)
    results = [
        InlineQueryResultArticle(
            id=f"{hit.citation.article_id}#{hit.citation.paragraph}"[:64],
            title=hit.citation.title or hit.citation.url or hit.citation.path,
            description=description(hit, language),
            input_message_content=InputTextMessageContent(
                f"<i>{escape(question)}</i>\n\n" + render_passages([hit], messages)[0],
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            ),
        )
        for hit in (found.hits if found.answered else ())
    ]
    # Personal: the results speak the asker's language ("paragraf", "17 September 2021"),
    # and Telegram would otherwise show one user's cached results to everyone asking the same.
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)
