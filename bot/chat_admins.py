"""Who may change a chat's standing settings (its digest, others' follows): in a private chat
its user; in a group its administrators and owner, as Telegram reports them; anywhere the
bot's own administrators (``NEWSBOT_ADMIN_IDS``)."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from newsbot.bot.state import BotState

log = logging.getLogger(__name__)


async def may_manage(bot: Bot, state: BotState, chat_id: int, user_id: int) -> bool:
    """True when ``user_id`` may change chat ``chat_id``'s settings. A group member's status
    is asked of Telegram (``getChatMember``); when that fails the answer is no."""
    if user_id in state.settings.admin_ids or chat_id > 0:  # a private chat: only its user
        return True
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except TelegramError as exc:
        log.warning("Could not check whether %s is an admin of %s: %s", user_id, chat_id, exc)
        return False
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
