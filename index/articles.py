"""The news domain: articles as read from sources, and the paragraphs they are split into."""

from __future__ import annotations

from dataclasses import dataclass

#: What an index summary (``newsbot stats``, ``IndexSummary.outlets``) calls the outlet of
#: articles that name none; the bot leaves it out of the outlets it names.
UNKNOWN_OUTLET = "unknown outlet"


@dataclass(frozen=True)
class Article:
    """One cleaned news article, ready to be split into paragraphs.

    ``published`` is ISO 8601: a date (``2021-09-17``) or a date and time, in the outlet's
    own offset when it printed one (``2021-09-17T16:30:00+07:00``, never converted to UTC).
    ``path`` names the source file the article came from (with ``:LINE`` for JSONL records).
    ``author`` is the byline's name; ``place`` the dateline's ("Pekalongan").
    ``seen`` is when the article was first seen (crawled, fetched from a feed or a URL), ISO
    8601 with an offset, or a date: an upper bound on its publication time, never shown or
    used as the publication date (story grouping bounds an undated article with it).
    """

    id: str
    title: str
    paragraphs: tuple[str, ...]
    path: str
    source: str | None = None
    published: str | None = None
    url: str | None = None
    editor: str | None = None
    origin: str | None = None
    author: str | None = None
    place: str | None = None
    seen: str | None = None


@dataclass(frozen=True)
class SkippedSource:
    """A file, or a line of one, that could not be read, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an article as it is indexed and cited.

    ``text`` is what a citation shows; ``context`` is what gets embedded: the paragraph with
    the headline and its neighbouring sentences, because news paragraphs lean on them.
    ``number`` counts from 1 within the article.
    """

    article_id: str
    number: int
    text: str
    context: str
