"""What a question gets back: ranked, cited passages, or an honest "not covered"."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: Why a question got no passages: small talk rather than a question, or news the index lacks.
Reason = Literal["not_a_question", "not_covered"]


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

    def to_json(self) -> dict[str, Any]:
        """``{"question", "answered", "hits"}``, and ``"reason"`` when not answered."""
        shown: dict[str, Any] = {"question": self.question, "answered": self.answered}
        if not self.answered:
            shown["reason"] = self.reason or "not_covered"
        shown["hits"] = [h.to_json() for h in self.hits]
        return shown


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
