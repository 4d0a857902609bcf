"""Whether a group message is meant for the bot, and the question it asks.

In groups the bot answers only when addressed: ``/ask`` (or ``/ask@BotName``), a mention of
``@BotName``, or a reply to one of its messages. The question is the message text without
the command and without mentions of the bot; a photo, video or file asks with its caption.
"""

from __future__ import annotations

import unicodedata

from telegram import Message, MessageEntity

QUESTION_LIMIT = 500


def mentions_bot(message: Message, bot_username: str) -> bool:
    """True when the message mentions ``@bot_username``."""
    return bool(_bot_mentions(message, bot_username))


def replies_to_bot(message: Message, bot_id: int) -> bool:
    """True when the message is a reply to one of the bot's messages."""
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == bot_id


def question_text(message: Message, bot_username: str) -> str:
    """The question a message asks: its text (or a photo's or file's caption) without a
    leading command and without mentions of the bot, whitespace collapsed."""
    text = message.text or message.caption or ""
    cuts = _bot_mentions(message, bot_username)
    for entity in message.entities or message.caption_entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            cuts.append(entity)
    encoded = text.encode("utf-16-le")
    pieces, position = [], 0
    for entity in sorted(cuts, key=lambda e: e.offset):
        pieces.append(encoded[position * 2 : entity.offset * 2].decode("utf-16-le"))
        position = max(position, entity.offset + entity.length)
    pieces.append(encoded[position * 2 :].decode("utf-16-le"))
    # "@Bot, who …": the comma addressed the mention, so it goes with it.
    question = " ".join([pieces[0], *(p.lstrip(",:;") for p in pieces[1:])])
    return " ".join(question.split()).strip(" ,:;")


def asks(question: str) -> bool:
    """True when ``question`` holds more than punctuation ("?", "…?!" ask nothing by
    themselves)."""
    return any(not unicodedata.category(c).startswith(("P", "Z")) for c in question)


def is_command(message: Message) -> bool:
    """True when the message (or its caption) starts with a command such as ``/ask``."""
    return any(
        entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0
        for entity in message.entities or message.caption_entities
    )


def shorten(question: str, limit: int = QUESTION_LIMIT) -> tuple[str, bool]:
    """The question cut to ``limit`` characters (between words), and whether it was cut."""
    if len(question) <= limit:
        return question, False
    cut = question[: limit + 1].rsplit(" ", 1)[0]
    if len(cut) > limit or len(cut) < limit // 2:
        cut = question[:limit]
    return cut.rstrip(), True


def _bot_mentions(message: Message, bot_username: str) -> list[MessageEntity]:
    me = f"@{bot_username}".casefold()
    kinds: list[str | None] = [MessageEntity.MENTION]
    found = (
        message.parse_entities(kinds)
        if message.text is not None
        else message.parse_caption_entities(kinds)
    )
    return [entity for entity, text in found.items() if text.casefold() == me]
