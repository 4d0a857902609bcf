"""The Telegram bot: answers questions about the indexed news in private and group chats.

Run it with ``newsbot run`` (``TELEGRAM_BOT_TOKEN`` set, an index built with
``newsbot index``). It polls Telegram by default; ``NEWSBOT_WEBHOOK_URL`` switches to a
webhook. SIGTERM or SIGINT stop it after the answers in flight are sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import logging
import os
import sys
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import replace
from datetime import tzinfo
from functools import partial
from pathlib import Path
from typing import Any, TypeAlias

import httpx
from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    ExtBot,
    InlineQueryHandler,
    JobQueue,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from newsbot.bot import digest, feedback, feeds, follow, handlers, inline
from newsbot.bot.clock import Clock, clock_from_env, system_clock, timezone_from_env
from newsbot.bot.conversation import FEEDBACK, FOLLOW
from newsbot.bot.follow_messages import follow_messages_for
from newsbot.bot.live import LiveIndex, Progress
from newsbot.bot.messages import ENGLISH, INDONESIAN, INDONESIAN_READERS, Messages
from newsbot.bot.quota import QuestionQuota, Quota
from newsbot.bot.replicas import JobLeader, SharedQuota, rebuild_lock
from newsbot.bot.settings import BotSettings, SettingsError
from newsbot.bot.state import STATE_KEY, BotState, state_of
from newsbot.bot.store import MEMORY, StateStore, state_location
from newsbot.index.answering import stores
from newsbot.index.answering.search import NewsIndex
from newsbot.index.answering.verify import thresholds_for
from newsbot.index.answering.writer import LLM_URL_ENV, AnswerWriter, WriterSettings
from newsbot.index.building.build import BuildReport
from newsbot.index.building.embedders import Embedder
from newsbot.index.building.milvus_store import parse_store
from newsbot.index.errors import NewsbotError
from newsbot.index.reading.feeds import SourcePlan, plan_sources

log = logging.getLogger(__name__)

# ExtBot[int]: the bot's requests carry AIORateLimiter's (int) arguments; the job queue
# sends the daily digests and runs the scheduled refresh.
NewsApplication: TypeAlias = Application[
    ExtBot[int],
    ContextTypes.DEFAULT_TYPE,
    dict[Any, Any],
    dict[Any, Any],
    dict[Any, Any],
    "JobQueue[ContextTypes.DEFAULT_TYPE]",
]

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
# Startup: getMe is tried this many times before the bot gives up on the API.
CONNECT_ATTEMPTS = 3
# A request that could not connect is retried by the HTTP transport (it never reached
# Telegram, so nothing is sent twice); flood control (429) is retried by AIORateLimiter.
HTTP_CONNECT_RETRIES = 3
FLOOD_RETRIES = 3


def run(
    index_dir: Path, model: str | None, index_store: str = "local", *, verbose: bool = False
) -> int:
    """Run the bot until SIGTERM/SIGINT; the exit code. Problems the operator can fix
    (token, index, network) are one line on stderr, not a traceback. ``verbose`` lets the
    libraries' own INFO lines through (the job scheduler's, each HTTP request)."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for library in ("httpx", "apscheduler"):
        logging.getLogger(library).setLevel(logging.INFO if verbose else logging.WARNING)
    # Its "discarding data" is a page the reader skips and names itself.
    logging.getLogger("trafilatura").setLevel(logging.INFO if verbose else logging.ERROR)
    try:
        settings = BotSettings.from_env(os.environ)
        plan = _planner(index_dir, settings, os.environ)
        settings = replace(settings, refresh_minutes=plan().config.schedule.refresh_minutes)
        if settings.webhook and importlib.util.find_spec("tornado") is None:
            raise SettingsError(
                "webhook mode needs the webhooks extra of python-telegram-bot: "
                "pip install 'python-telegram-bot[webhooks]'"
            )
        target = parse_store(index_store)
        embedder = stores.embedder_for(index_dir, target, model)
        writer = answer_writer(os.environ, embedder)
        index = stores.open_index(index_dir, target, embedder)
        clock, timezone = clock_from_env(os.environ), timezone_from_env(os.environ)
        store = StateStore.open(state_location(index_dir, os.environ), marker_dir=index_dir)
    except SettingsError as exc:
        return _fail(str(exc), 2)
    except NewsbotError as exc:
        return _fail(str(exc), 1)
    shared = store.engine.dialect.name != "sqlite"
    live = live_index(index, index_dir, embedder, target, store if shared else None)
    application = build_application(
        settings, live, plan, store=store, clock=clock, timezone=timezone, writer=writer
    )
    # PTB's run_* keep using the current event loop: connecting first on that loop lets a
    # bad token or an unreachable API end here, as one line instead of PTB's traceback.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(_connect(application))
        serve(application, settings)
    except InvalidToken:
        return _fail("Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather", 1)
    except NetworkError as exc:
        return _fail(f"cannot reach the Telegram Bot API at {settings.api_base_url}: {exc}", 1)
    except TelegramError as exc:
        return _fail(f"Telegram refused to start the bot: {exc}", 1)
    finally:
        if not loop.is_closed():  # run_* close it; a failed connect does not get there
            live.close()
            loop.close()
        if writer is not None:
            writer.close()
    log.info("Stopped")
    return 0


async def _connect(application: NewsApplication) -> None:
    """Initialize the application (``getMe``), retrying while the API is unreachable."""
    for attempt in range(1, CONNECT_ATTEMPTS + 1):
        try:
            await application.initialize()
            return
        except NetworkError as exc:  # InvalidToken is not one: a wrong token is final
            if attempt == CONNECT_ATTEMPTS:
                raise
            log.warning("Cannot reach the Telegram Bot API (%s); retrying", exc)
            await asyncio.sleep(attempt)


def answer_writer(env: Mapping[str, str], embedder: Embedder) -> AnswerWriter | None:
    """The answer writer the ``NEWSBOT_LLM_*`` settings configure, or None (off). A
    malformed setting is a SettingsError; an embedder without calibrated thresholds leaves
    the writer off, with a warning."""
    try:
        settings = WriterSettings.from_env(env)
    except NewsbotError as exc:
        raise SettingsError(str(exc)) from None
    if settings is None:
        return None
    thresholds = thresholds_for(embedder.name)
    if thresholds is None:
        log.warning(
            "%s is set, but answers are not written: the embedder %s has no calibrated "
            "verifier thresholds",
            LLM_URL_ENV,
            embedder.name,
        )
        return None
    log.info("Short answers are written by %s at %s", settings.model, settings.endpoint)
    return AnswerWriter(settings, embedder, thresholds)


def build_application(
    settings: BotSettings,
    live: LiveIndex,
    plan: Callable[[], SourcePlan],
    *,
    request: BaseRequest | None = None,
    store: StateStore | None = None,
    clock: Clock = system_clock,
    timezone: tzinfo | None = None,
    writer: AnswerWriter | None = None,
) -> NewsApplication:
    """The application with its handlers; ``plan`` says what a rebuild reads, ``request``
    replaces the HTTP layer in tests; ``store`` keeps follows, digests and feedback (in
    memory when not given), ``clock`` and ``timezone`` time them, ``writer`` (optional)
    writes checked short answers. A job queue runs the
    daily digests and the scheduled refresh, when there is one."""
    jobs: JobQueue[ContextTypes.DEFAULT_TYPE] = JobQueue()
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                allow_sending_without_reply=True,
            )
        )
        .concurrent_updates(True)
        .job_queue(jobs)
        .rate_limiter(
            AIORateLimiter(overall_max_rate=settings.messages_per_second, max_retries=FLOOD_RETRIES)
        )
        .request(request or _http())
        .get_updates_request(request or _http(pool_size=1))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    application = builder.build()
    live.running = lambda: application.running
    # A database server (not SQLite) is shared by replicas: they count quotas and take
    # turns at the jobs there.
    shared = store is not None and store.engine.dialect.name != "sqlite"
    quota: Quota = (
        SharedQuota(store, settings.rate_limit)
        if store is not None and shared
        else QuestionQuota(settings.rate_limit)
    )
    leader = JobLeader(store) if store is not None and shared else None
    application.bot_data[STATE_KEY] = BotState(
        settings=settings,
        live=live,
        quota=quota,
        plan_sources=plan,
        store=store or StateStore.open(MEMORY),
        clock=clock,
        timezone=timezone or timezone_from_env({}),
        writer=writer,
    )
    _add_handlers(application)
    follow.alert_after_rebuilds(application)
    jobs.run_repeating(
        led(digest.send_due_digests, leader), interval=digest.CHECK_SECONDS, first=1, name="digest"
    )
    # Another process may publish a version: a replica's rebuild, or `newsbot index` run
    # beside a lone bot (by hand or by cron), which would otherwise never be answered from.
    # A lone bot alerts followers of its new articles; replicas leave that to the builder.
    jobs.run_repeating(
        partial(follow_live_version, announce=not shared),
        interval=FOLLOW_SECONDS,
        first=FOLLOW_SECONDS,
        name="follow",
    )
    if leader is not None:
        # Ask for the lead more often than any job runs: a dead leader's jobs move within
        # this many seconds, whatever their own intervals.
        async def lead(_: ContextTypes.DEFAULT_TYPE) -> None:
            await asyncio.to_thread(leader.leads)

        jobs.run_repeating(lead, interval=LEAD_SECONDS, first=0, name="lead")
    if settings.refresh_minutes > 0:
        every = settings.refresh_minutes * 60
        refresh = led(feeds.scheduled_refresh, leader)
        jobs.run_repeating(refresh, interval=every, first=every, name="refresh")
        log.info("The sources are refreshed every %g minutes", settings.refresh_minutes)
    return application


def _add_handlers(application: NewsApplication) -> None:
    new = filters.UpdateType.MESSAGE  # edits of old questions are not asked again
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    application.add_handlers(
        [
            CommandHandler(["start", "help"], handlers.help_command, filters=new),
            CommandHandler("stats", handlers.stats, filters=new),
            CommandHandler("ask", handlers.ask, filters=new),
            CommandHandler("timeline", handlers.timeline, filters=new),
            CommandHandler("reindex", handlers.reindex, filters=new),
            CommandHandler("add", feeds.add, filters=new),
            CommandHandler("following", follow.following, filters=new),
            CommandHandler("digest", digest.digest, filters=new),
            MessageHandler(new & private & filters.TEXT & ~filters.COMMAND, handlers.ask),
            MessageHandler(new & private & filters.COMMAND, handlers.unknown_command),
            MessageHandler(new & private & filters.CAPTION, handlers.ask),
            MessageHandler(new & private & ~filters.TEXT, handlers.non_text),
            MessageHandler(new & groups & filters.TEXT & ~filters.COMMAND, handlers.group_text),
            MessageHandler(new & groups & filters.COMMAND, handlers.group_unknown_command),
            MessageHandler(new & groups & filters.CAPTION, handlers.group_text),
            CallbackQueryHandler(follow.follow_pressed, pattern=f"^{FOLLOW}$"),
            CallbackQueryHandler(follow.unfollow_pressed, pattern=rf"^{follow.UNFOLLOW}:\d+$"),
            CallbackQueryHandler(feedback.feedback_pressed, pattern=f"^{FEEDBACK}:"),
            CallbackQueryHandler(handlers.show_outlets, pattern=rf"^{handlers.OUTLETS}:\d+:\d+$"),
            # Every button press is answered; one the bot no longer knows says it expired.
            CallbackQueryHandler(handlers.more_sources),
            InlineQueryHandler(inline.inline_query),
        ]
    )
    application.add_error_handler(handlers.on_error)


def _commands(messages: Messages) -> list[BotCommand]:
    words = follow_messages_for(messages.language)
    return [
        BotCommand("ask", messages.command_ask),
        BotCommand("digest", words.command_digest),
        BotCommand("following", words.command_following),
        BotCommand("help", messages.command_help),
        BotCommand("stats", messages.command_stats),
        BotCommand("timeline", messages.command_timeline),
        BotCommand("start", messages.command_start),
    ]


async def _post_init(application: NewsApplication) -> None:
    """Register the command menu (English, and Indonesian for Indonesian and Malay users)."""
    bot = application.bot
    await bot.set_my_commands(_commands(ENGLISH))
    for language_code in INDONESIAN_READERS:
        await bot.set_my_commands(_commands(INDONESIAN), language_code=language_code)
    log.info("Running as @%s (id %s, %s)", bot.username, bot.id, bot.first_name)
    if every := float(os.environ.get(LOOP_LAG_ENV) or 0):
        application.create_task(_log_loop_lag(every), name="loop-lag")


#: Seconds between event-loop lag reports in the log (a debugging aid; off when unset).
LOOP_LAG_ENV = "NEWSBOT_LOOP_LAG_SECONDS"
_LAG_TICK = 0.05


async def _log_loop_lag(every: float) -> None:
    """Log how late the event loop wakes a 50 ms sleep: the longest a handler kept it busy."""
    loop = asyncio.get_running_loop()
    worst = total = 0.0
    ticks = 0
    report_at = loop.time() + every
    while True:
        started = loop.time()
        await asyncio.sleep(_LAG_TICK)
        lag = max(loop.time() - started - _LAG_TICK, 0.0)
        worst, total, ticks = max(worst, lag), total + lag, ticks + 1
        if loop.time() >= report_at:
            log.info(
                "event loop lag: max %.1f ms, mean %.1f ms over %d ticks",
                1000 * worst,
                1000 * total / ticks,
                ticks,
            )
            worst = total = 0.0
            ticks = 0
            report_at = loop.time() + every


async def _post_shutdown(application: NewsApplication) -> None:
    """Close the index and the state store once every answer in flight is sent."""
    state = state_of(application.bot_data)
    state.live.close()
    state.store.close()


def serve(application: NewsApplication, settings: BotSettings) -> None:
    """Poll Telegram for updates, or serve the webhook when one is configured, until
    SIGTERM/SIGINT."""
    webhook = settings.webhook
    if webhook is None:
        log.info("Polling %s for updates", settings.api_base_url)
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
        return
    log.info("Serving webhook %s on %s:%s", webhook.url, webhook.host, webhook.port)
    application.run_webhook(
        listen=webhook.host,
        port=webhook.port,
        url_path=webhook.path,
        webhook_url=webhook.url,
        secret_token=webhook.secret,
        allowed_updates=ALLOWED_UPDATES,
    )


def _http(pool_size: int = 256) -> HTTPXRequest:
    transport = httpx.AsyncHTTPTransport(
        retries=HTTP_CONNECT_RETRIES, limits=httpx.Limits(max_connections=pool_size)
    )
    return HTTPXRequest(
        connection_pool_size=pool_size,
        httpx_kwargs={"transport": transport},
    )


def live_index(
    index: NewsIndex,
    index_dir: Path,
    embedder: Embedder,
    target: stores.Store = None,
    state: StateStore | None = None,
) -> LiveIndex:
    """The shared index over ``index_dir`` (or in Milvus at ``target``), rebuilt as
    ``newsbot index`` builds it; with a shared ``state`` database, one replica at a time."""

    def reopen() -> NewsIndex:
        return stores.open_index(index_dir, target, embedder)

    def build(plan: SourcePlan, progress: Progress) -> BuildReport:
        with rebuild_lock(state) if state is not None else contextlib.nullcontext():
            return stores.build(
                index_dir, target, plan.paths, embedder, progress=progress, extra=plan.articles()
            )

    live = LiveIndex(index, reopen=reopen, build=build)
    live.live_version = lambda: stores.live_version_name(index_dir, target)
    return live


#: A scheduled job's callback.
Job: TypeAlias = Callable[[ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]

#: Seconds between a replica's tries to lead the scheduled jobs.
LEAD_SECONDS = 5.0
#: Seconds between checks for an index version another process published.
FOLLOW_SECONDS = 15.0


def led(job: Job, leader: JobLeader | None) -> Job:
    """``job``, run only while this replica leads the scheduled jobs (always without
    ``leader``: one process)."""
    if leader is None:
        return job

    async def run(context: ContextTypes.DEFAULT_TYPE) -> None:
        if await asyncio.to_thread(leader.leads):
            await job(context)

    return run


async def follow_live_version(context: ContextTypes.DEFAULT_TYPE, announce: bool = False) -> None:
    """Answer from the index version another process (a replica, ``newsbot index``)
    published; while it cannot be opened, keep answering from the current one. With
    ``announce``, its new articles are alerted to followers (``LiveIndex.follow``)."""
    live = state_of(context.bot_data).live
    if live.live_version is None:
        return
    try:
        await live.follow(live.live_version, announce=announce)
    except NewsbotError as exc:
        log.warning("Still answering from index version %s: %s", live.version, exc)


def _planner(
    index_dir: Path, settings: BotSettings, env: Mapping[str, str]
) -> Callable[[], SourcePlan]:
    """What a rebuild reads, decided anew each time (the sources file may have changed):
    ``NEWSBOT_SOURCES``, else the sources file; and the URLs added with ``/add``."""
    env = dict(env)

    def plan() -> SourcePlan:
        return plan_sources(index_dir, settings.sources, env)

    return plan


def _fail(message: str, code: int) -> int:
    print(f"newsbot: error: {message}", file=sys.stderr)
    return code
