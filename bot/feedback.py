"""👍 / 👎 / wrong citation under an answer: stored with the question as searched, the cited
paragraphs and the index version, for ``newsbot feedback --json`` and the quality
benchmark."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from newsbot.bot.callbacks import button_argument
from newsbot.bot.conversation import FEEDBACK, VERDICTS, answer_under
from newsbot.bot.follow_messages import follow_messages_for
from newsbot.bot.state import state_of

log = logging.getLogger(__name__)


async def feedback_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Record the user's verdict on the answer under the pressed button (a later press
    replaces an earlier one)."""
    query = update.callback_query
    assert query is not None
    state = state_of(context.bot_data)
    user = query.from_user
    verdict = button_argument(query.data, FEEDBACK)
    under = await answer_under(query, state, verdict in VERDICTS)
    if under is None or verdict is None:
        return
    _, record = under
    now = state.now()
    await state.stored(lambda store: store.give_feedback(record, user.id, verdict, now))
    log.info("Feedback %s on %r", verdict, record.question)
    await query.answer(follow_messages_for(user.language_code).feedback_thanks)
