"""What a question gets back: ranked, cited passages, or an honest "not covered"."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from newsbot.index.coverage.book import ArticleRef, Story
from newsbot.index.coverage.request import Request

#: Why nothing is cited: not a question, not in the indexed news, the question names an
#: outlet the index has no article from, or asks for an outlet's newest (or a window's)
#: news when none of that outlet's articles carries a publication date.
Reason = Literal["not_a_question", "not_covered", "no_outlet", "undated_outlet"]


@dataclass(frozen=True)
class Citation:
    """Where a passage comes from."""

    title: str
    source: str | None
    published: str | None
    url: str | None
    path: str
    paragraph: int
    article_id: str


@dataclass(frozen=True)
class Hit:
    """One retrieved paragraph.

    ``snippet`` is the sentence(s) that answer; it is the slice
    ``text[snippet_start:snippet_end]`` of the whole paragraph ``text``.
    """

    rank: int
    score: float
    text: str
    snippet_start: int
    snippet_end: int
    citation: Citation
    #: The story the passage's article belongs to (None for an index without stories).
    story: Story | None = None
    #: Other outlets' copies of the same text (syndication), shown as this one passage.
    also: tuple[ArticleRef, ...] = ()

    @property
    def snippet(self) -> str:
        return self.text[self.snippet_start : self.snippet_end]

    def to_json(self) -> dict[str, Any]:
        c = self.citation
        return {
            "rank": self.rank,
            "score": round(self.score, 4),
            "text": self.text,
            "snippet": self.snippet,
            "title": c.title,
            "source": c.source,
            "published": c.published,
            "url": c.url,
            "path": c.path,
            "paragraph": c.paragraph,
            "story": self.story.to_json() if self.story else None,
            "also": [
                {"source": a.source, "url": a.url, "published": a.published} for a in self.also
            ],
        }


@dataclass(frozen=True)
class Answer:
    """The passages that answer ``question``, best first. ``answered`` is False when there
    is nothing to cite (``hits`` is then empty), and ``reason`` says why: the message is not
    a question (a greeting, thanks, emoji) or the indexed news does not cover it."""

    question: str
    answered: bool
    hits: tuple[Hit, ...] = field(default=())
    reason: Reason | None = None
    #: The window, outlet and coverage question read from the question.
    request: Request | None = None
    #: For a coverage question, what the stories say (None otherwise).
    coverage: Coverage | None = None
    #: The newest publication day the index holds, set when the question is about "now" (or
    #: a window) and that coverage is older than the window or than a week: said first.
    newest: str | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"question", "answered", "hits"}``; ``"reason"`` when not answered; the
        window, outlet, coverage facts and stale-coverage day where they apply."""
        out: dict[str, Any] = {"question": self.question, "answered": self.answered}
        if not self.answered:
            out["reason"] = self.reason or "not_covered"
        out["hits"] = [h.to_json() for h in self.hits]
        if self.request is not None:
            out.update(self.request.to_json())
        if self.coverage is not None:
            out["coverage"] = self.coverage.to_json()
        if self.newest is not None:
            out["newest"] = self.newest
        return out


@dataclass(frozen=True)
class Coverage:
    """A coverage question's answer. ``kind`` is ``outlets``, ``first``, ``count`` or
    ``latest``; ``stories`` holds the story the question is about, the stories of the
    counted articles, or the latest stories, newest first; ``articles`` counts the articles
    the answer is about (inside the question's window and outlet); ``outlets`` are theirs
    in order of first report; ``firsts`` the first report, or several tied on a day
    without times; ``about_topic`` is False for a question naming only a window or an
    outlet ("berapa artikel hari Jumat?")."""

    kind: str
    stories: tuple[Story, ...]
    articles: int = 0
    outlets: tuple[str, ...] = ()
    firsts: tuple[ArticleRef, ...] = ()
    about_topic: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "articles": self.articles,
            "outlets": list(self.outlets),
            "first": [a.to_json() for a in self.firsts],
            "stories": [
                {**s.to_json(), "title": s.first.title, "latest": s.latest.to_json()}
                for s in self.stories
            ],
        }


@dataclass(frozen=True)
class IndexSummary:
    """What an index holds, for ``newsbot stats`` and the bot's ``/stats`` and ``/help``."""

    articles: int
    paragraphs: int
    outlets: tuple[tuple[str, int], ...]
    first_published: str | None
    last_published: str | None
    embedder: str
    built_at: str
    size_bytes: int
    path: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
