"""👍 / 👎 / wrong citation under an answer: stored with the question as searched, the cited
paragraphs and the index version, for ``newsbot feedback --json`` and the quality
benchmark."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import ContextTypes

from newsbot.bot.callbacks import button_argument
from newsbot.bot.conversation import FEEDBACK, VERDICTS
from newsbot.bot.follow_messages import follow_messages_for
from newsbot.bot.messages import messages_for
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
    pressed = query.message if isinstance(query.message, Message) else None
    if pressed is None or verdict not in VERDICTS:
        await query.answer(messages_for(user.language_code).expired, show_alert=True)
        return
    chat_id, message_id = pressed.chat.id, pressed.message_id
    record = await state.stored(lambda store: store.answer(chat_id, message_id))
    if record is None:
        await query.answer(messages_for(user.language_code).expired, show_alert=True)
        return
    now = state.now()
    await state.stored(lambda store: store.give_feedback(record, user.id, verdict, now))
    log.info("Feedback %s on %r", verdict, record.question)
    await query.answer(follow_messages_for(user.language_code).feedback_thanks)
