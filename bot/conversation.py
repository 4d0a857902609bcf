"""What the bot remembers of an answer, and the buttons under it.

Every answer is kept in the state store (its chat and message id, the question as searched,
the cited paragraphs and the index version): a reply to it, a private message within
:data:`~newsbot.bot.followup.FOLLOWUP_SECONDS`, the 🔔 Follow button and the feedback
buttons all start from that record, since Telegram gives a bot no old messages.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import NamedTuple

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, User

from newsbot.bot.callbacks import button_data
from newsbot.bot.follow_messages import follow_messages_for
from newsbot.bot.followup import FOLLOWUP_SECONDS, own_names, points_back, resolve
from newsbot.bot.messages import Messages, messages_for
from newsbot.bot.state import BotState
from newsbot.bot.store import AnswerRecord
from newsbot.index.answering.answers import Hit
from newsbot.index.answering.question_text import question_as_read
from newsbot.index.coverage.questions import coverage_question, story_followup

log = logging.getLogger(__name__)

FOLLOW = "follow"  # callback_data of the 🔔 Follow button
FEEDBACK = "fb"  # callback_data "fb:<verdict>"
VERDICTS = ("up", "down", "wrong_citation")
#: Answers older than this are forgotten (follow-ups and feedback need only recent ones).
KEEP_ANSWERS_DAYS = 30


def answer_keyboard(
    messages: Messages, more: str | None, outlets: str | None = None
) -> InlineKeyboardMarkup:
    """The buttons under an answer: "More sources" (callback ``more``, when given), the
    outlets behind its stories (callback ``outlets``, when given), 🔔 Follow, and 👍 / 👎 /
    wrong citation."""
    words = follow_messages_for(messages.language)
    rows = []
    if more is not None:
        rows.append([InlineKeyboardButton(messages.more_sources, callback_data=more)])
    if outlets is not None:
        rows.append([InlineKeyboardButton(messages.outlets_button, callback_data=outlets)])
    rows.append([InlineKeyboardButton(words.follow, callback_data=FOLLOW)])
    rows.append(
        [
            InlineKeyboardButton(words.thumbs_up, callback_data=button_data(FEEDBACK, "up")),
            InlineKeyboardButton(words.thumbs_down, callback_data=button_data(FEEDBACK, "down")),
            InlineKeyboardButton(
                words.wrong_citation, callback_data=button_data(FEEDBACK, "wrong_citation")
            ),
        ]
    )
    return InlineKeyboardMarkup(rows)


class Followed(NamedTuple):
    """A message read as a follow-up: the ``question`` to search for, and ``story``, the
    article whose story it asks about when it follows a coverage answer up with "kapan?",
    "siapa yang pertama?", "who else?" or "berapa artikel?" (None otherwise); ``previous``
    is the question followed up, which an answer about the story is remembered under, so
    that the next "berapa artikel?" stays on the story too."""

    question: str
    story: str | None = None
    #: The question of the answer followed up (empty when none is).
    previous: str = ""


async def earlier_answer(message: Message, state: BotState, bot_id: int) -> AnswerRecord | None:
    """The answer ``message`` follows up: the one of the bot's it replies to, or (in a
    private chat, replying to nothing) the chat's latest of the past few minutes."""
    chat_id = message.chat.id
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        message_id = replied.message_id
        return await state.stored(lambda store: store.answer(chat_id, message_id))
    if replied is None and message.chat.type == message.chat.PRIVATE:
        since = state.now() - FOLLOWUP_SECONDS
        return await state.stored(lambda store: store.latest_answer(chat_id, since))
    return None


async def followed_question(
    message: Message, question: str, state: BotState, bot_id: int
) -> Followed:
    """The question to search for ``message``: read with the earlier question when it
    replies to one of the bot's answers, or (in a private chat) comes within a few minutes
    of one; else as it is. After a coverage answer, a follow-up naming nothing of its own
    ("kapan?") also gets the article that answer cited, so it stays on that story rather
    than searching afresh and landing on another."""
    earlier = await earlier_answer(message, state, bot_id)
    if earlier is None:
        return Followed(question)
    answered = None
    if own_names(question) and not points_back(question):  # "siapa Isco?": asked of this?
        answered = await _answered_text(state, earlier)
    resolved = resolve(earlier.question, question, answered)
    if resolved != question:
        log.info("Follow-up read as %r", resolved)
    return Followed(resolved, _story_asked(earlier, question), earlier.question)


async def _answered_text(state: BotState, earlier: AnswerRecord) -> str | None:
    """The text of the article ``earlier`` cited first, the one it is about (passages after
    it often come from other news); "" for an answer that cited none, such as a chart; None
    when the index cannot tell (the article gone since, or a store that keeps no text per
    article)."""
    if not earlier.paragraphs:
        return ""
    return await state.live.article_text(earlier.paragraphs[0].partition("#")[0])


def _story_asked(earlier: AnswerRecord, followup: str) -> str | None:
    """The article whose story ``followup`` asks about: the one ``earlier``, a coverage
    answer about one story (which outlets, who first, how many: not "what's new", a list),
    cited, when ``followup`` is a coverage follow-up naming nothing of its own."""
    if not earlier.paragraphs or story_followup(question_as_read(followup)) is None:
        return None
    asked = coverage_question(question_as_read(earlier.question), restricted=True)
    if asked is None or asked.kind == "latest":
        return None
    return earlier.paragraphs[0].partition("#")[0]


async def remember_answer(
    state: BotState,
    sent: Sequence[Message],
    user: User | None,
    question: str,
    hits: Sequence[Hit],
    language: str,
) -> None:
    """Keep what follow-ups, follows and feedback need of an answer sent as ``sent``."""
    now = state.now()
    paragraphs = tuple(f"{h.citation.article_id}#{h.citation.paragraph}" for h in hits)
    records = [
        AnswerRecord(
            chat_id=message.chat.id,
            message_id=message.message_id,
            user_id=user.id if user else None,
            question=question,
            language=language,
            paragraphs=paragraphs,
            index_version=state.live.version,
            asked_at=now,
        )
        for message in sent
    ]

    def keep(store: object) -> None:
        for record in records:
            state.store.record_answer(record)
        state.store.forget_answers(now - KEEP_ANSWERS_DAYS * 86400)

    await state.stored(keep)


async def answer_under(
    query: CallbackQuery, state: BotState, valid: bool = True
) -> tuple[Message, AnswerRecord] | None:
    """The answer message a button was pressed under and what the store remembers of it;
    None once the presser has been told the button expired (its data not ``valid``, its
    message or the stored answer gone)."""
    pressed = query.message if isinstance(query.message, Message) else None
    if pressed is not None and valid:
        chat_id, message_id = pressed.chat.id, pressed.message_id
        record = await state.stored(lambda store: store.answer(chat_id, message_id))
        if record is not None:
            return pressed, record
    await query.answer(messages_for(query.from_user.language_code).expired, show_alert=True)
    return None
