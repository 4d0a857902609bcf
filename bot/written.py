"""The written answer, streamed into the reply: the passages are sent at once, then the
first message is edited to add each sentence the operator's model writes as soon as it is
complete and has passed the check; throttled as ``/reindex`` progress is."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup, Message
from telegram.error import TelegramError

from newsbot.bot.messages import Messages
from newsbot.bot.render import render_passages
from newsbot.index.answering.answers import Answer
from newsbot.index.answering.writer import AnswerWriter, WrittenSentence
from newsbot.index.errors import WriterUnavailable

log = logging.getLogger(__name__)

_Item = WrittenSentence | WriterUnavailable | None  # None: the writer is done


async def stream_written(
    sent: Sequence[Message],
    writer: AnswerWriter,
    answer: Answer,
    messages: Messages,
    *,
    note: str | None,
    markup: InlineKeyboardMarkup | None,
    every: float,
) -> list[str]:
    """Head the reply ``sent`` (``render_passages(answer.hits, messages, note=note)``, one
    message per page, ``markup`` under the last) with the checked sentences ``writer``
    writes, editing its first message at most once every ``every`` seconds (counted from
    the reply; 0 or less: once, when the writer is done). A sentence is added only while
    the pages stay as sent but the first (so paging and buttons do not move); a sentence
    that fails the check never is. When the writer fails or times out (or raises
    anything else) the reply keeps what it shows, logged. The sentences shown, in order."""
    pages = render_passages(answer.hits, messages, note=note)
    if len(pages) != len(sent):  # not the reply this answer renders: leave it alone
        return []
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[_Item] = asyncio.Queue()

    def produce() -> None:
        try:
            for sentence in writer.stream(answer, messages.language):
                loop.call_soon_threadsafe(queue.put_nowait, sentence)
        except WriterUnavailable as exc:
            loop.call_soon_threadsafe(queue.put_nowait, exc)
        finally:  # even after an unexpected error: the loop below must not wait forever
            loop.call_soon_threadsafe(queue.put_nowait, None)

    producer = asyncio.ensure_future(asyncio.to_thread(produce))
    kept: list[str] = []
    shown: list[str] = []
    last_edit = loop.time()

    async def show() -> None:
        nonlocal last_edit, shown
        page = render_passages(answer.hits, messages, note=note, written=kept)[0]
        try:
            await sent[0].edit_text(
                page,
                parse_mode="HTML",
                reply_markup=markup if len(sent) == 1 else None,
            )
            shown = list(kept)
        except TelegramError as exc:  # a missed edit is no reason to stop
            log.warning("Could not add the written answer: %s", exc)
        last_edit = loop.time()

    try:
        while True:
            wait = None
            if len(kept) > len(shown) and every > 0:
                wait = max(0.0, last_edit + every - loop.time())
            try:
                item = await asyncio.wait_for(queue.get(), wait)
            except TimeoutError:
                await show()
                continue
            if item is None:
                break
            if isinstance(item, WriterUnavailable):
                log.warning("No written answer: %s", item)
                continue
            if item.kept and _fits(pages, answer, messages, note, [*kept, item.text]):
                kept.append(item.text)
            if len(kept) > len(shown) and every > 0 and loop.time() >= last_edit + every:
                await show()
        if len(kept) > len(shown):
            if every > 0:
                await asyncio.sleep(max(0.0, last_edit + every - loop.time()))
            await show()
    finally:
        try:
            await producer
        except Exception:  # a bug in writing or checking: the reply keeps what it shows
            log.exception("The written answer failed")
    return shown


def _fits(
    pages: Sequence[str],
    answer: Answer,
    messages: Messages,
    note: str | None,
    written: Sequence[str],
) -> bool:
    """Whether the reply with ``written`` heading it splits into the same pages, all but
    the first unchanged."""
    headed = render_passages(answer.hits, messages, note=note, written=written)
    return len(headed) == len(pages) and headed[1:] == list(pages[1:])
