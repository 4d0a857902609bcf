"""Fresh news in the bot: ``/add URL`` indexes one article now (admins only), and the
scheduled refresh rebuilds from the sources file's feeds every ``[schedule]
refresh_minutes``.

Both rebuild the way ``/reindex`` does, under the same lock, so only one rebuild runs at a
time and questions are answered from the old index until the new one is swapped in.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import ContextTypes

from newsbot.bot.handlers import admin_only, log_report, rebuild_reporting
from newsbot.bot.messages import messages_for
from newsbot.bot.reasons import error_in
from newsbot.bot.render import escape, render_added, render_build_report
from newsbot.bot.state import state_of
from newsbot.index.errors import NewsbotError
from newsbot.index.reading.feedentries import is_web_address
from newsbot.index.reading.feeds import fetch_article, remember_url

log = logging.getLogger(__name__)


async def add(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fetch the article at the URL given, keep it among the sources and rebuild (admins
    only); say its headline and paragraph count, or why it could not be added."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    state = state_of(context.bot_data)
    messages = messages_for(user.language_code)
    if not await admin_only(message, user, state, messages, "add"):
        return
    url = (context.args or [""])[0].strip()
    if not is_web_address(url) or len(context.args or ()) != 1:
        await message.reply_html(messages.add_usage, do_quote=True)
        return
    if state.rebuild_lock.locked():
        await message.reply_html(messages.reindex_running, do_quote=True)
        return
    async with state.rebuild_lock:  # taken without yielding: the check above still holds
        log.info("Admin %s adds %s", user.id, url)
        status = await message.reply_html(
            messages.add_fetching.format(url=escape(url)), do_quote=True
        )
        try:
            plan = await asyncio.to_thread(state.plan_sources)
            article = await fetch_article(url, plan.config.fetch)
        except (NewsbotError, ValueError) as exc:  # FetchFailed, AddressRefused, no text
            log.warning("Could not add %s: %s", url, exc)
            await status.edit_text(
                messages.add_failed.format(
                    url=escape(url), reason=escape(error_in(exc, messages.language))
                )
            )
            return
        await asyncio.to_thread(remember_url, plan.index_dir, url)
        paragraphs = len(article.paragraphs)
        await status.edit_text(render_added(messages.add_read, article.title, paragraphs, messages))
        report = await rebuild_reporting(status, state, messages)
        if report is not None:
            # Added before and unchanged since: "Added" would claim a change the report denies.
            done = messages.add_done if report.changed else messages.add_known
            added = render_added(done, article.title, paragraphs, messages)
            await status.edit_text(added + "\n" + render_build_report(report, messages))


async def scheduled_refresh(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Rebuild from the configured sources, unless a rebuild is already running."""
    state = state_of(context.bot_data)
    if state.rebuild_lock.locked():
        log.info("Scheduled refresh skipped: a rebuild is already running")
        return
    async with state.rebuild_lock:
        log.info("Scheduled refresh of the index")
        try:
            plan = await asyncio.to_thread(state.plan_sources)
            if plan.empty:
                log.info("Scheduled refresh skipped: no sources are configured")
                return
            report = await state.live.rebuild(plan, _no_progress)
        except NewsbotError as exc:
            log.warning("Scheduled refresh failed, the old index keeps serving: %s", exc)
            return
    log_report(report)


def _no_progress(done: int, total: int) -> None:
    pass
