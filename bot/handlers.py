"""Telegram handlers: each parses an update, asks the live index, replies with rendered HTML.

Which handler gets which update is decided in ``newsbot.bot.app.build_application``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, MessageEntity, Update, User
from telegram.constants import ChatAction
from telegram.error import BadRequest, Conflict, NetworkError, TelegramError
from telegram.ext import ContextTypes

from newsbot.bot.addressing import (
    QUESTION_LIMIT,
    asks,
    is_command,
    mentions_bot,
    question_text,
    replies_to_bot,
    shorten,
)
from newsbot.bot.callbacks import button_data, button_numbers
from newsbot.bot.conversation import (
    answer_keyboard,
    earlier_answer,
    followed_question,
    remember_answer,
)
from newsbot.bot.followup import asks_for_more, one_question, subject_words
from newsbot.bot.messages import Messages, messages_for
from newsbot.bot.reasons import error_in
from newsbot.bot.render import (
    escape,
    has_outlets,
    render_build_report,
    render_coverage,
    render_help,
    render_outlets,
    render_passages,
    render_progress,
    render_stats,
    render_unanswered,
)
from newsbot.bot.state import BotState, state_of
from newsbot.bot.store import AnswerRecord
from newsbot.bot.written import stream_written
from newsbot.index.answering.answers import Hit
from newsbot.index.answering.small_talk import is_small_talk
from newsbot.index.coverage.notes import newest_line, timeline_caption
from newsbot.index.errors import NewsbotError

if TYPE_CHECKING:
    from newsbot.index.building.build import BuildReport

log = logging.getLogger(__name__)

PAGE = 3  # passages per answer, and per press of "More sources"
#: Passages "More sources" looks through (ten pages): for the ones a typed "more"'s answer
#: showed, and for those on the question (``more_sources.on_topic``).
MORE_DEPTH = 10 * PAGE
MORE = "more"  # callback_data "more:<passages already shown>"
#: callback_data "outlets:<passages before these>:<passages in these>"
OUTLETS = "outlets"


def _messages(user: User | None) -> Messages:
    return messages_for(user.language_code if user else None)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say what the bot knows and how to ask it."""
    message = update.effective_message
    assert message is not None
    summary = await state_of(context.bot_data).live.summary()
    group = message.chat.type != message.chat.PRIVATE
    messages = _messages(update.effective_user)
    text = render_help(summary, context.bot.username, messages, group=group)
    await message.reply_html(text)


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show what the index holds, and whether its files are damaged."""
    message = update.effective_message
    assert message is not None
    live = state_of(context.bot_data).live
    summary, damage = await live.summary(), await live.damage()
    if damage:
        log.warning("The live index is damaged: %s", damage)
    await message.reply_html(render_stats(summary, _messages(update.effective_user), damage))


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the question after /ask (in any chat) or a private text message."""
    assert update.effective_message is not None
    await answer(update.effective_message, update.effective_user, context)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a group message that mentions the bot or replies to it; ignore other chatter."""
    message = update.effective_message
    assert message is not None
    if mentions_bot(message, context.bot.username) or replies_to_bot(message, context.bot.id):
        await answer(message, update.effective_user, context)


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell a private user that only text questions are read."""
    assert update.effective_message is not None
    await update.effective_message.reply_html(_messages(update.effective_user).non_text)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point a private user at /help after a command the bot does not have."""
    assert update.effective_message is not None
    await update.effective_message.reply_html(_messages(update.effective_user).unknown_command)


async def group_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point a group member at /help after ``/command@ThisBot`` the bot does not have; leave
    other commands (``/x``, ``/x@OtherBot``) to the bots they are for."""
    message = update.effective_message
    assert message is not None
    command = next(iter(message.parse_entities([MessageEntity.BOT_COMMAND]).values()), "")
    if command.casefold().endswith(f"@{context.bot.username}".casefold()):
        text = _messages(update.effective_user).unknown_command
        await message.reply_html(text, do_quote=True)


async def answer(message: Message, user: User | None, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply to the question ``message`` asks with cited passages, or say it is not covered."""
    state = state_of(context.bot_data)
    messages = _messages(user)
    question = question_text(message, context.bot.username)
    replied = message.reply_to_message
    if not asks(question) and replied is not None and not replies_to_bot(message, context.bot.id):
        # "@Bot" or "/ask" alone in reply to a member's message: that message is the question.
        question = question_text(replied, context.bot.username) or question
    if not question:
        example = escape(messages.example_question)
        mention = escape(f"@{context.bot.username}")
        await message.reply_html(
            messages.empty_question.format(example=example)
            if is_command(message)
            else messages.empty_mention.format(mention=mention, example=example),
            do_quote=True,
        )
        return
    if user is not None and not state.quota.allow(user.id):
        wait = state.quota.retry_after(user.id)
        await message.reply_html(messages.rate_limited.format(seconds=wait), do_quote=True)
        return
    question, shortened = shorten(question)
    if asks_for_more(question):  # "more", "lagi": as a press of the answer's button
        earlier = await earlier_answer(message, state, context.bot.id)
        if earlier is not None and earlier.paragraphs:
            await _more_typed(message, user, earlier, state, messages)
            return
    question = one_question(question)  # "kapan? siapa yang menang pemilu?": the last part
    alone = question
    story, previous = None, ""
    if not is_small_talk(alone):  # "thanks" after an answer follows up nothing
        question, story, previous = await followed_question(
            message, question, state, context.bot.id
        )
        if not previous and not subject_words(alone):  # "kapan?" following up nothing
            example = escape(messages.example_question)
            await message.reply_html(messages.no_subject.format(example=example), do_quote=True)
            return
    await message.reply_chat_action(ChatAction.TYPING)
    if story is not None:  # "kapan?" under a coverage answer: about its story, not another
        found = await state.live.ask_about(alone, story)
        if found.answered:  # remembered under the story's question, for the next follow-up
            question = previous
        else:  # the story is gone (a rebuild): read with the earlier question instead
            story = None
    if story is None:
        found = await state.live.ask_on_topic(question, PAGE + 1, PAGE)
    if not found.answered and question != alone:  # read as a follow-up, it found nothing
        question, found = alone, await state.live.ask_on_topic(alone, PAGE + 1, PAGE)
    stale = escape(newest_line(found.newest, messages.language)) if found.newest else None
    if message.text is None:  # a photo's or file's caption was the question
        stale = f"{messages.caption_only}\n{stale}" if stale else messages.caption_only
    notes = [stale] if stale else []
    if shortened:
        notes.append(messages.question_truncated.format(limit=QUESTION_LIMIT))
    note = "\n".join(notes) or None
    if found.answered and found.coverage is not None:
        text = render_coverage(found, messages)
        reply = await message.reply_html(
            f"<i>{note}</i>\n\n{text}" if note else text,
            do_quote=True,
            disable_web_page_preview=True,
        )
        # An answer too: "kapan?" replying to it (or soon after it) follows its question up.
        await remember_answer(state, [reply], user, question, found.hits[:PAGE], messages.language)
        return
    if not found.answered or not found.hits:
        await message.reply_html(render_unanswered(found, messages, note=note), do_quote=True)
        return
    first = replace(found, hits=found.hits[:PAGE])
    more = len(found.hits) > PAGE
    sent = await _send_passages(message, first.hits, messages, shown=0, more=more, note=note)
    await remember_answer(state, sent, user, question, found.hits[:PAGE], messages.language)
    if state.writer is not None:  # the passages are out: now the checked sentences above them
        await stream_written(
            sent,
            state.writer,
            first,
            messages,
            note=note,
            markup=_buttons(first.hits, messages, shown=0, more=more),
            every=state.settings.progress_seconds,
        )


async def _more_typed(
    message: Message, user: User | None, earlier: AnswerRecord, state: BotState, messages: Messages
) -> None:
    """Reply to a typed "more" with the passages after those ``earlier`` showed, as its
    "More sources" button would; say so when there are none."""
    await message.reply_chat_action(ChatAction.TYPING)
    found = await state.live.ask_on_topic(earlier.question, MORE_DEPTH + 1, PAGE)
    cited = [f"{h.citation.article_id}#{h.citation.paragraph}" for h in found.hits]
    last = earlier.paragraphs[-1]
    shown = cited.index(last) + 1 if last in cited and found.coverage is None else len(cited)
    hits = found.hits[shown : shown + PAGE] if found.answered else ()
    if not hits:
        await message.reply_html(messages.no_more_sources, do_quote=True)
        return
    more = len(found.hits) > shown + PAGE
    sent = await _send_passages(message, hits, messages, shown=shown, more=more)
    await remember_answer(state, sent, user, earlier.question, hits, messages.language)


async def timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send a chart of the matching story's articles per day, by outlet, with a caption."""
    message = update.effective_message
    assert message is not None
    messages = _messages(update.effective_user)
    question = " ".join(context.args or [])
    if not question:
        example = escape(messages.example_question)
        await message.reply_html(messages.timeline_usage.format(example=example), do_quote=True)
        return
    if is_small_talk(question):  # "/timeline halo": a greeting names no story
        example = escape(messages.example_question)
        await message.reply_html(messages.not_a_question.format(example=example), do_quote=True)
        return
    await message.reply_chat_action(ChatAction.UPLOAD_PHOTO)
    state = state_of(context.bot_data)
    question = shorten(question)[0]
    found = await state.live.timeline(question, messages.language)
    if found is None:
        await message.reply_html(messages.not_covered, do_quote=True)
        return
    story, png = found
    # Telegram's limit counts the text shown; the bot's default parse mode is HTML, so an
    # outlet named "A <B> & C" is escaped after the cut (raw, Telegram refused the caption).
    caption = escape(timeline_caption(story, messages.language)[:1024])
    sent = await message.reply_photo(png, caption=caption, do_quote=True)
    # "siapa yang pertama?" replying to the chart is read with its topic, as after an answer.
    await remember_answer(state, [sent], update.effective_user, question, (), messages.language)


async def more_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the passages after those already shown under an answer.

    The question is the message the answer replies to, so the button survives a restart;
    when that message is gone the button says it expired.
    """
    query = update.callback_query
    assert query is not None
    shown = _shown(query.data)
    button = await _pressed(query, context, shown is not None)
    if button is None or shown is None:
        return
    state, messages, pressed, asked, question = button
    # The button goes first: a second press (a stale button, two members of a group, another
    # replica) finds it gone and shows nothing twice.
    if not await _drop_button(pressed, messages):
        await query.answer()
        return
    question, _ = shorten(question)
    found = await state.live.ask_on_topic(question, max(MORE_DEPTH, shown + PAGE) + 1, PAGE)
    hits = found.hits[shown : shown + PAGE]
    if not hits:
        await query.answer(messages.no_more_sources)
    else:
        await query.answer()
        more = len(found.hits) > shown + PAGE
        sent = await _send_passages(asked, hits, messages, shown=shown, more=more)
        await remember_answer(state, sent, query.from_user, question, hits, messages.language)


async def show_outlets(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the outlets behind the stories of the passages under the pressed button.

    As with "More sources", the question is read again (the store remembers it) and the
    same passages are found, so the button survives a restart.
    """
    query = update.callback_query
    assert query is not None
    numbers = button_numbers(query.data, OUTLETS, 2)
    button = await _pressed(query, context, numbers is not None)
    if button is None or numbers is None:
        return
    state, messages, _, asked, question = button
    before, count = numbers
    # The passages the answer and its "More sources" pages showed, found as they found them.
    depth = max(MORE_DEPTH, before + count) + 1
    found = await state.live.ask_on_topic(shorten(question)[0], depth, PAGE)
    text = render_outlets(found.hits[before : before + count], messages, first_number=before + 1)
    if not text:  # the index changed since: these passages have no other outlets now
        await query.answer(messages.expired, show_alert=True)
        return
    await query.answer()
    await asked.reply_html(text, do_quote=True, disable_web_page_preview=True)


class _Button(NamedTuple):
    """A pressed answer button: the bot's state, the presser's words, the answer message
    the button is under, the question it answered, and that question as searched."""

    state: BotState
    messages: Messages
    pressed: Message
    asked: Message
    question: str


async def _pressed(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, valid: bool
) -> _Button | None:
    """The answer a button was pressed under, or None once the presser has been told why
    not: the button ``valid``-ly read but its question gone (expired), or over quota."""
    state = state_of(context.bot_data)
    messages = _messages(query.from_user)
    pressed = query.message if isinstance(query.message, Message) else None
    asked = pressed.reply_to_message if pressed else None
    question = await _asked(pressed, asked, state, context.bot.username)
    if pressed is None or asked is None or not valid or not question:
        await query.answer(messages.expired, show_alert=True)
        return None
    if not state.quota.allow(query.from_user.id):
        wait = state.quota.retry_after(query.from_user.id)
        await query.answer(messages.rate_limited.format(seconds=wait), show_alert=True)
        return None
    return _Button(state, messages, pressed, asked, question)


async def _asked(
    pressed: Message | None, asked: Message | None, state: BotState, bot_username: str
) -> str:
    """The question an answer answered: as searched (the store remembers it), else the text
    of the message it replies to."""
    if pressed is not None:
        chat_id, message_id = pressed.chat.id, pressed.message_id
        record = await state.stored(lambda store: store.answer(chat_id, message_id))
        if record is not None:
            return record.question
    # Read as the answer read it ("kapan? siapa …" asks "siapa …").
    return one_question(question_text(asked, bot_username)) if asked else ""


async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Rebuild the index from the configured sources (admins only), editing one status
    message with progress and then with what changed."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    state = state_of(context.bot_data)
    messages = _messages(user)
    if not await admin_only(message, user, state, messages, "reindex"):
        return
    if state.rebuild_lock.locked():
        await message.reply_html(messages.reindex_running, do_quote=True)
        return
    async with state.rebuild_lock:  # taken without yielding: the check above still holds
        log.info("Rebuild of the index requested by admin %s", user.id)
        status = await message.reply_html(messages.reindex_started, do_quote=True)
        report = await rebuild_reporting(status, state, messages)
        if report is not None:
            await status.edit_text(render_build_report(report, messages))


async def admin_only(
    message: Message, user: User, state: BotState, messages: Messages, command: str
) -> bool:
    """Tell whether ``user`` is an admin; if not, log it and tell them so."""
    if user.id in state.settings.admin_ids:
        return True
    log.warning("Refused /%s from user %s: not in NEWSBOT_ADMIN_IDS", command, user.id)
    await message.reply_html(messages.admin_only, do_quote=True)
    return False


async def rebuild_reporting(
    status: Message, state: BotState, messages: Messages
) -> BuildReport | None:
    """Rebuild from the configured sources, editing ``status`` with the progress; the
    report, or None once ``status`` says why there was none (the old index keeps serving).

    Call it holding ``state.rebuild_lock``.
    """
    try:
        plan = await asyncio.to_thread(state.plan_sources)
    except NewsbotError as exc:  # a sources file that no longer parses
        log.warning("Rebuild failed, the old index keeps serving: %s", exc)
        await status.edit_text(
            messages.reindex_failed.format(reason=escape(error_in(exc, messages.language)))
        )
        return None
    if plan.empty:
        await status.edit_text(messages.reindex_no_sources)
        return None
    progress = BuildProgress()
    reporter = asyncio.create_task(
        _report_progress(status, progress, state.settings.progress_seconds, messages)
    )
    try:
        report = await state.live.rebuild(plan, progress.update)
    except NewsbotError as exc:
        log.warning("Rebuild failed, the old index keeps serving: %s", exc)
        await status.edit_text(
            messages.reindex_failed.format(reason=escape(error_in(exc, messages.language)))
        )
        return None
    finally:
        reporter.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reporter  # no progress edit may land after the outcome
    log_report(report)
    return report


def log_report(report: BuildReport) -> None:
    """Log what a rebuild changed."""
    log.info(
        "Rebuild done in %.1fs: %d added, %d updated, %d removed, %d skipped",
        report.seconds,
        report.added,
        report.updated,
        report.removed,
        len(report.skipped),
    )
    for skipped in report.skipped:
        log.info("Skipped %s", skipped)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error with its update and tell the user, in one line, that it failed."""
    if update is None and isinstance(context.error, NetworkError):
        # Polling lost Telegram for a moment; PTB keeps retrying.
        log.warning("Telegram is unreachable, retrying: %s", context.error)
        return
    if update is None and isinstance(context.error, Conflict):
        # Another process polls with this token: Telegram answers one of them at a time,
        # so both keep retrying; say what to do in one line, not a traceback per poll.
        log.error(
            "Another process is taking this bot's updates (%s): stop it, or run several "
            "processes in webhook mode (NEWSBOT_WEBHOOK_URL) behind one address",
            context.error.message,
        )
        return
    log.error("Error while handling update %s", update, exc_info=context.error)
    if not isinstance(update, Update):
        return
    text = _messages(update.effective_user).something_went_wrong
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_html(text, do_quote=True)
    except TelegramError as exc:
        log.warning("Could not tell the user about the error: %s", exc)


class BuildProgress:
    """The latest ``(done, total)`` of a build: written by the build thread, read on the loop.

    One tuple assignment is atomic, so no lock is needed.
    """

    def __init__(self) -> None:
        self.latest = (0, 0)

    def update(self, done: int, total: int) -> None:
        self.latest = (done, total)


async def _report_progress(
    status: Message, progress: BuildProgress, every: float, messages: Messages
) -> None:
    """Edit the status message with the build's progress at most once every ``every``
    seconds, and only when it changed (0 turns progress reports off)."""
    if every <= 0:
        return
    shown = (0, 0)  # what the status message says when it is sent
    while True:
        await asyncio.sleep(every)
        latest = progress.latest
        if latest == shown:
            continue
        shown = latest
        try:
            await status.edit_text(render_progress(*latest, messages))
        except TelegramError as exc:  # a missed progress report is no reason to stop
            log.warning("Could not report rebuild progress: %s", exc)


async def _send_passages(
    question: Message,
    hits: Sequence[Hit],
    messages: Messages,
    *,
    shown: int,
    more: bool,
    note: str | None = None,
) -> list[Message]:
    """Reply to the question with the passages numbered from ``shown + 1``; the last
    message carries the answer's buttons, with "More sources" when there are more. The
    messages sent."""
    pages = render_passages(hits, messages, first_number=shown + 1, note=note)
    buttons = _buttons(hits, messages, shown=shown, more=more)
    sent = []
    for number, page in enumerate(pages, 1):
        markup = buttons if number == len(pages) else None
        sent.append(await question.reply_html(page, do_quote=True, reply_markup=markup))
    return sent


def _buttons(
    hits: Sequence[Hit], messages: Messages, *, shown: int, more: bool
) -> InlineKeyboardMarkup:
    """The buttons under the passages numbered from ``shown + 1``: "More sources" when
    there are ``more``, the outlets when any passage has them."""
    outlets = button_data(OUTLETS, shown, len(hits)) if any(map(has_outlets, hits)) else None
    return answer_keyboard(
        messages, button_data(MORE, shown + len(hits)) if more else None, outlets
    )


async def _drop_button(message: Message, messages: Messages) -> bool:
    """Remove the pressed "More sources" button: its passages are about to be shown. The
    outlets button, if any, stays. False when Telegram says the buttons are already so: an
    earlier press removed it and showed its passages."""
    markup = message.reply_markup
    buttons = [b for row in markup.inline_keyboard for b in row] if markup else []
    outlets = next(
        (
            b.callback_data
            for b in buttons
            if isinstance(b.callback_data, str) and button_numbers(b.callback_data, OUTLETS, 2)
        ),
        None,
    )
    try:
        await message.edit_reply_markup(reply_markup=answer_keyboard(messages, None, outlets))
    except BadRequest as exc:  # already without the button, or too old to edit
        if "not modified" in str(exc).lower():
            return False
        log.info("Could not remove the button of message %s: %s", message.message_id, exc)
    return True


def _shown(data: str | None) -> int | None:
    """How many passages a "More sources" button's answer showed; None if not ours."""
    numbers = button_numbers(data, MORE)
    return numbers[0] if numbers is not None else None
