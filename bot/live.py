"""The index the bot answers from: loaded once, shared by every handler, replaced whole
after a rebuild.

Searching and building block, so they run in worker threads; the bookkeeping here runs on
the event loop only and needs no lock. An index that a rebuild replaced is closed as soon
as the last question still using it is answered.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from newsbot.bot.more_sources import on_topic
from newsbot.index.answering.answers import Answer, Hit, IndexSummary
from newsbot.index.coverage.book import Story
from newsbot.index.coverage.questions import chart_topic
from newsbot.index.coverage.timeline import render_timeline
from newsbot.index.errors import NewsbotError

if TYPE_CHECKING:
    from newsbot.index.building.build import BuildReport
    from newsbot.index.reading.feeds import SourcePlan

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[int, int], None]


class RebuildStopped(NewsbotError):
    """The bot began to stop during a rebuild, which stopped after the batch it was
    embedding; the old index kept serving, and the next build reuses what was embedded."""


class SearchIndex(Protocol):
    """What the bot needs of ``newsbot.index.answering.search.NewsIndex``."""

    @property
    def version(self) -> Path: ...

    def ask(self, question: str, k: int = 3) -> Answer: ...

    def ask_about(self, question: str, article_id: str) -> Answer: ...

    def summary(self) -> IndexSummary: ...

    def damage(self) -> str: ...

    def article_ids(self) -> frozenset[str]: ...

    def article_text(self, article_id: str) -> str | None: ...

    def holds_topic(self, topic: str, article_id: str) -> bool: ...

    def newest_articles(self, days: Iterable[str], limit: int) -> tuple[Hit, ...]: ...

    def story_for(self, question: str) -> Story | None: ...

    def latest_stories(
        self, since: date | None = None, until: date | None = None, limit: int | None = None
    ) -> list[Story]: ...

    def close(self) -> None: ...


class Builder(Protocol):
    """Builds the index from what ``plan`` names, calling ``progress(done, total)`` from its
    thread."""

    def __call__(self, plan: SourcePlan, progress: Progress) -> BuildReport: ...


@dataclass(eq=False)
class _Open:
    index: SearchIndex
    users: int = 0
    retired: bool = False


class LiveIndex:
    """The shared index. ``reopen`` opens the index as it is on disk after a build."""

    def __init__(
        self, index: SearchIndex, *, reopen: Callable[[], SearchIndex], build: Builder
    ) -> None:
        self._current = _Open(index)
        self._reopen = reopen
        self._build = build
        self._rebuilt: list[Callable[[frozenset[str]], None]] = []
        #: Names the version live in the store now (replicas follow each other's builds).
        self.live_version: Callable[[], str] | None = None
        #: Whether the bot is running: a rebuild begun while it runs stops when it no
        #: longer does (SIGTERM), instead of holding the process until it is done.
        self.running: Callable[[], bool] | None = None

    def on_rebuilt(self, listener: Callable[[frozenset[str]], None]) -> None:
        """Call ``listener(new_article_ids)`` on the event loop after each rebuild, with the
        ids of the articles the new index has and the old one had not."""
        self._rebuilt.append(listener)

    @property
    def version(self) -> str:
        """The name of the index version answering now (feedback records it)."""
        return self._current.index.version.name

    async def ask(self, question: str, k: int) -> Answer:
        """The index's answer, computed in a worker thread."""
        return await self._use(lambda index: index.ask(question, k))

    async def ask_on_topic(self, question: str, k: int, first_page: int) -> Answer:
        """The index's answer with ``k`` passages at most, of which those after the first
        ``first_page`` are only the ones on the question (``more_sources.on_topic``): what
        "More sources" may show. Computed in a worker thread."""

        def ask(index: SearchIndex) -> Answer:
            return on_topic(index.ask(question, k), first_page, index.holds_topic)

        return await self._use(ask)

    async def ask_about(self, question: str, article_id: str) -> Answer:
        """The index's answer to a follow-up of a coverage answer about the story of
        ``article_id``, computed in a worker thread."""
        return await self._use(lambda index: index.ask_about(question, article_id))

    async def article_text(self, article_id: str) -> str | None:
        """An article's headline and paragraphs, one per line, read in a worker thread; None
        when the index does not hold it or keeps no text per article."""
        return await self._use(lambda index: index.article_text(article_id))

    async def timeline(self, question: str, language: str = "en") -> tuple[Story, bytes] | None:
        """The story matching ``question`` and its chart (PNG, labelled in ``language``),
        drawn in a worker thread; None when the indexed news does not cover the question."""

        def draw(index: SearchIndex) -> tuple[Story, bytes] | None:
            story = index.story_for(chart_topic(question))
            if story is None:
                return None
            return story, render_timeline(story, story.first.title, language=language)

        return await self._use(draw)

    async def summary(self) -> IndexSummary:
        return await self._use(lambda index: index.summary())

    async def latest_stories(
        self, since: date, until: date, limit: int | None = None
    ) -> list[Story]:
        """The index's stories with articles published from ``since`` to ``until``
        (inclusive), newest coverage first, in a worker thread."""
        return await self._use(lambda index: index.latest_stories(since, until, limit))

    async def newest_articles(self, days: Iterable[str], limit: int) -> tuple[Hit, ...]:
        """The index's newest articles published on ``days``, in a worker thread."""
        wanted = tuple(days)
        return await self._use(lambda index: index.newest_articles(wanted, limit))

    async def damage(self) -> str:
        """The live version's damaged files in one line (empty when intact), checked
        against their checksums in a worker thread."""
        return await self._use(lambda index: index.damage())

    async def rebuild(self, plan: SourcePlan, progress: Progress) -> BuildReport:
        """Build from ``plan`` in a worker thread while questions keep being answered from
        the current index, then answer from the new one. On failure the current index stays.
        Raises :class:`RebuildStopped` when the bot stops meanwhile (:attr:`running`).
        """
        before = await self._use(lambda index: index.article_ids())
        # Only a rebuild begun while the bot runs stops with it (tests drive handlers
        # without starting the application).
        running = self.running if self.running is not None and self.running() else None

        def reporting(done: int, total: int) -> None:  # called by the build between batches
            if running is not None and not running():
                raise RebuildStopped("the bot is stopping; the next rebuild goes on from here")
            progress(done, total)

        report = await asyncio.to_thread(self._build, plan, reporting)
        fresh = await asyncio.to_thread(self._reopen)
        self._replace(fresh)
        await self._announce(before)
        return report

    async def follow(self, live_version: Callable[[], str], announce: bool = False) -> bool:
        """Answer from the live version when another process (a replica, ``newsbot index``)
        published a new one: ``live_version`` names it. With ``announce`` the rebuild
        listeners hear of its new articles, as after :meth:`rebuild` (a lone bot, whose
        index a cron job rebuilds; replicas leave that to the one that rebuilt). True when
        the index was reopened."""
        name = await asyncio.to_thread(live_version)
        if name == self.version:
            return False
        before = await self._use(lambda index: index.article_ids()) if announce else None
        fresh = await asyncio.to_thread(self._reopen)
        self._replace(fresh)
        log.info("Now answering from index version %s, built elsewhere", self.version)
        if before is not None:
            await self._announce(before)
        return True

    async def _announce(self, before: frozenset[str]) -> None:
        """Tell the rebuild listeners which articles the current index has that an index of
        the articles ``before`` had not."""
        added = await self._use(lambda index: index.article_ids()) - before
        for listener in self._rebuilt:
            listener(added)

    def close(self) -> None:
        """Close the current index (at shutdown, once no question is in flight)."""
        self._current.retired = True
        if self._current.users == 0:
            self._current.index.close()

    async def _use(self, call: Callable[[SearchIndex], T]) -> T:
        held = self._current
        held.users += 1
        try:
            return await asyncio.to_thread(call, held.index)
        finally:
            held.users -= 1
            if held.retired and held.users == 0:
                held.index.close()

    def _replace(self, fresh: SearchIndex) -> None:
        old, self._current = self._current, _Open(fresh)
        old.retired = True
        if old.users == 0:
            old.index.close()
        else:
            log.info("Old index closes after %d question(s) in flight", old.users)
