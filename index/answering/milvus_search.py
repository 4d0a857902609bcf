"""Answer questions from the index in Milvus: Milvus supplies the candidates, the product
ranks them.

Milvus runs two searches per question, at once: the dense one (inner product on unit
vectors, the cosine) and the BM25 one over the stemmed terms (the product's constants, so
the scores are the local index's). Fusion needs both raw scores for every candidate, which a
Milvus ``hybrid_search`` does not return (it gives the fused RRF or weighted score only): the
BM25 search returns its rows' vectors, whose cosine is computed here, and the rows only the
dense search found get their BM25 score by a second search filtered to them. Fusion, one
passage per article, the rerank, the "not covered" floor and the snippets are
``NewsIndex``'s own.

A Milvus filter expression (``where``) narrows both searches, e.g. to an outlet or a period:
``source == "ANTARA" and published_at >= 1631836800`` (``filter_expression`` writes one).
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import numpy as np

from newsbot.index.answering.answers import Answer, Hit, IndexSummary
from newsbot.index.answering.fusion import Candidate, fuse
from newsbot.index.answering.search import (
    HitRow,
    NewsIndex,
    TermStats,
    check_embedder,
    citation_of,
)
from newsbot.index.answering.snippets import best_sentence
from newsbot.index.articles import UNKNOWN_OUTLET
from newsbot.index.building.embedders import Embedder
from newsbot.index.building.lexical import named_terms
from newsbot.index.building.milvus_store import MilvusStore, MilvusTarget
from newsbot.index.building.store import Manifest
from newsbot.index.coverage.book import ArticleRef, Story, StoryBook
from newsbot.index.coverage.request import Request
from newsbot.index.defaults import CANDIDATES
from newsbot.index.errors import IndexDamaged, NewsbotError

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _descending(text: str) -> tuple[int, ...]:
    """A sort key that orders strings in reverse (a longer string before its prefix)."""
    return (*(-ord(char) for char in text), 1)


#: What both searches return of each candidate: fusion groups by article, the floor reads
#: the best one's terms, the rerank the best ones' text, the answer their citations (a
#: query by primary key took 24 ms at 100k paragraphs in Milvus Lite; a search 10 ms).
_FIELDS = (
    "article_id",
    "terms",
    "text",
    "number",
    "title",
    "source",
    "published",
    "url",
    "path",
)
#: Candidates' terms remembered for the floor's support check.
_REMEMBERED_ROWS = 4096

#: Document frequencies remembered per index (a bot is asked the same words again and again).
_CACHED_TERMS = 200_000


def filter_expression(
    outlets: Sequence[str] = (),
    since: int | None = None,
    until: int | None = None,
    days: tuple[date, date] | None = None,
) -> str:
    """Return a Milvus filter for paragraphs of ``outlets`` (any of them) published from
    ``since`` up to, not including, ``until`` (Unix seconds), and on the calendar ``days``
    from the first to the last, inclusive, as the outlet dated them (the day written in
    ``published``, in its own zone, as ``Window.holds`` reads it); "" for no restriction."""
    parts = []
    if outlets:
        parts.append(f"source in {json.dumps(list(outlets), ensure_ascii=False)}")
    if since is not None:
        parts.append(f"published_at >= {int(since)}")
    if until is not None:
        parts.append(f"published_at >= 0 and published_at < {int(until)}")
    if days is not None:
        # ISO 8601 text sorts as its day: "2021-09-17T08:10+07:00" is inside the day
        # 2021-09-17, i.e. from "2021-09-17" up to, not including, "2021-09-18".
        first, last = days
        after = last + timedelta(days=1)
        parts.append(f'published >= "{first.isoformat()}" and published < "{after.isoformat()}"')
    return " and ".join(parts)


def request_filter(request: Request) -> str:
    """The Milvus filter of a question's time window and outlet; "" for neither."""
    window, outlet = request.window, request.outlet
    return filter_expression(
        outlets=outlet.outlets if outlet is not None else (),
        days=(window.start, window.end) if window is not None else None,
    )


class MilvusTermStats:
    """The corpus's term statistics, read from a version's terms collection."""

    def __init__(self, milvus: MilvusStore, version: str, paragraphs: int) -> None:
        self._milvus = milvus
        self._version = version
        self._collection = milvus.paragraphs_collection(version)
        self._paragraphs = paragraphs
        self._frequencies: dict[str, int] = {}
        self._row_terms: dict[int, str] = {}
        self._lock = threading.Lock()

    def frequencies(self, tokens: Iterable[str]) -> dict[str, int]:
        """Return term -> paragraphs holding it (0 for a term none holds)."""
        wanted = list(dict.fromkeys(tokens))
        with self._lock:
            known = {t: self._frequencies[t] for t in wanted if t in self._frequencies}
        missing = [t for t in wanted if t not in known]
        if missing:
            found = self._milvus.document_frequencies(self._version, missing)
            fresh = {t: found.get(t, 0) for t in missing}
            with self._lock:
                if len(self._frequencies) > _CACHED_TERMS:
                    self._frequencies.clear()
                self._frequencies.update(fresh)
            known.update(fresh)
        return known

    def _rarest(self) -> float:
        return math.log(1.0 + self._paragraphs + 0.5)

    def _idf(self, df: int) -> float:
        # Float32, as the local Bm25Index stores it, so that both stores weigh alike.
        n = self._paragraphs
        return float(np.float32(math.log(1.0 + (n - df + 0.5) / (df + 0.5))))

    def term_weights(self, tokens: list[str]) -> dict[str, float]:
        """Each distinct term's rarity (idf; a term no paragraph holds as the rarest)."""
        return {
            t: self._idf(df) if df else self._rarest() for t, df in self.frequencies(tokens).items()
        }

    def coverage(self, tokens: list[str]) -> float:
        """The rarity-weighted share of the question's terms that some paragraph holds."""
        frequencies = self.frequencies(tokens)
        weights = self.term_weights(tokens)
        total = sum(weights.values())
        known = sum(w for t, w in weights.items() if frequencies[t])
        return known / total if total else 0.0

    def remember_terms(self, terms: dict[int, str]) -> None:
        """Keep the terms of candidate rows a search returned (``support`` reads them)."""
        with self._lock:
            if len(self._row_terms) > _REMEMBERED_ROWS:
                self._row_terms.clear()
            self._row_terms.update(terms)

    def support(self, tokens: list[str], row: int) -> float:
        """The rarity-weighted share of the question's terms that paragraph ``row`` holds."""
        weights = self.term_weights(tokens)
        with self._lock:
            text = self._row_terms.get(row)
        if text is None:
            found = self._milvus.rows(self._collection, [row], ["terms"])
            text = str(found[row]["terms"]) if row in found else ""
        held = set(text.split())
        total = sum(weights.values())
        return sum(w for t, w in weights.items() if t in held) / total if total else 0.0

    def knows(self, term: str) -> bool:
        """True when some paragraph holds ``term``."""
        return self.frequencies([term])[term] > 0

    def unknown_names(self, question: str) -> list[str]:
        """The question's names and numbers that no paragraph holds."""
        named = named_terms(question)
        frequencies = self.frequencies(t for _, terms in named for t in terms)
        return [word for word, terms in named if not any(frequencies[t] for t in terms)]


class MilvusNewsIndex(NewsIndex):
    """The live version of the index in Milvus: ask it as any ``NewsIndex``."""

    def __init__(
        self,
        milvus: MilvusStore,
        version: str,
        manifest: Manifest,
        embedder: Embedder,
        where: str = "",
    ) -> None:
        self.version = Path(version)
        self.manifest = manifest
        self.embedder = embedder
        self._milvus = milvus
        self._version_name = version
        self._collection = milvus.paragraphs_collection(version)
        self._stats = MilvusTermStats(milvus, version, manifest.paragraphs)
        self._rows: dict[int, dict[str, Any]] = {}
        self._rows_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="milvus")
        self.where = where
        #: The filter of the question being answered in this thread (its window, outlet).
        self._asking = threading.local()
        #: Milvus rows keep no dateline place: the topic check reads the text alone.
        self._places: dict[str, str] = {}
        self.stories = self._story_book()

    def _story_book(self) -> StoryBook:
        """Every article of this version and its story, from the articles' first rows."""
        fields = ["article_id", "title", "source", "published", "url", "story_id"]
        refs, assignment = [], {}
        for row in self._milvus.scan(self._collection, fields, "number == 1", batch=16_384):
            article = str(row["article_id"])
            refs.append(
                ArticleRef(
                    article,
                    str(row["title"]),
                    str(row["source"]) or None,
                    str(row["published"]) or None,
                    str(row["url"]) or None,
                )
            )
            if row["story_id"]:
                assignment[article] = str(row["story_id"])
        return StoryBook(assignment, refs)

    def article_text(self, article_id: str) -> str | None:
        """An article's title and paragraphs, one per line, read from its rows; None for an
        article this version lacks."""
        ref = self.stories.article(article_id)
        if ref is None:
            return None
        expression = f"article_id == {json.dumps(article_id, ensure_ascii=False)}"
        rows = self._milvus.scan(self._collection, ["number", "text"], expression)
        texts = [str(row["text"]) for row in sorted(rows, key=lambda row: int(row["number"]))]
        return "\n".join([ref.title, *texts])

    @classmethod
    def open_milvus(
        cls, target: MilvusTarget, embedder: Embedder, where: str = ""
    ) -> MilvusNewsIndex:
        """Open the live version of the Milvus index at ``target`` for ``embedder``;
        IndexMissing, IndexIncompatible, IndexDamaged or StoreUnavailable when it cannot."""
        milvus = MilvusStore(target)
        try:
            version = milvus.live_version()
            manifest = milvus.manifest(version)
            check_embedder(f"Milvus at {target.setting}", manifest, embedder.name)
        except NewsbotError:
            milvus.close()
            raise
        return cls(milvus, version, manifest, embedder, where)

    def close(self) -> None:
        """Release the connection."""
        self._pool.shutdown(wait=False)
        self._milvus.close()

    def _term_stats(self) -> TermStats:
        return self._stats

    def passages(self, request: Request, k: int, current: datetime) -> Answer:
        """Answer a read question with passages: its window and outlet become a Milvus
        filter on both searches."""
        self._asking.where = request_filter(request)
        try:
            return super().passages(request, k, current)
        finally:
            self._asking.where = ""

    def _allowed_rows(self, request: Request) -> np.ndarray | None:
        return None  # Milvus filters the searches themselves (``passages``)

    def _where(self) -> str:
        """This index's own filter and the question's, both."""
        asked = getattr(self._asking, "where", "")
        return " and ".join(f"({part})" for part in (self.where, asked) if part)

    def _candidates(
        self,
        query: np.ndarray,
        tokens: list[str],
        bridged: Mapping[str, float],
        coverage: float = 0.0,
        allowed: np.ndarray | None = None,
    ) -> list[Candidate]:
        n = min(CANDIDATES, self.manifest.paragraphs)
        vector = np.asarray(query, dtype=np.float32).tolist()
        collection, where = self._collection, self._where()
        # The lexical side as the local index scores it: the question's own terms at weight 1,
        # translated terms at theirs. BM25 is a sum over terms, so one search per weight,
        # each term once (as the local BM25 counts), adds up to the same scores.
        by_weight: dict[float, list[str]] = {1.0: list(dict.fromkeys(tokens))}
        for term, weight in bridged.items():
            by_weight.setdefault(weight, []).append(term)
        queries = [(w, " ".join(terms)) for w, terms in by_weight.items() if terms]
        # The dense search runs beside the lexical ones.
        dense_call = self._pool.submit(
            self._milvus.search, collection, [vector], "vector", n, where, "IP", _FIELDS
        )
        fields = (*_FIELDS, "vector")
        lexical_searches = [
            (w, self._milvus.search(collection, [text], "sparse", n, where, "BM25", fields))
            for w, text in queries
        ]
        dense_hits = dense_call.result()
        found = {row: entity for row, _, entity in dense_hits}
        for _, hits in lexical_searches:
            found.update((row, entity) for row, _, entity in hits)
        if not found:
            return []
        # Complete each lexical query's score for every row found, then keep, as the local
        # index does, the n best lexical rows beside the n best dense ones.
        lexical: dict[int, float] = {}
        for (weight, hits), (_, text) in zip(lexical_searches, queries, strict=True):
            scores = {row: score for row, score, _ in hits}
            missing = [row for row in found if row not in scores]
            if missing and len(hits) >= n:
                scores.update(
                    (row, score)
                    for row, score, _ in self._milvus.search(
                        collection, [text], "sparse", len(missing), f"row in {missing}", "BM25"
                    )
                )
            for row, score in scores.items():
                lexical[row] = lexical.get(row, 0.0) + weight * score
        lexical_rows = sorted((r for r in lexical if lexical[r] > 0), key=lambda r: -lexical[r])
        dense = {row: score for row, score, _ in dense_hits}
        rows = sorted(set(dense) | set(lexical_rows[:n]))
        for row in rows:
            if row not in dense:
                dense[row] = float(np.asarray(found[row]["vector"], dtype=np.float32) @ query)
        self._stats.remember_terms({row: str(found[row]["terms"]) for row in rows})
        self._remember({row: found[row] for row in rows})
        return fuse(
            np.asarray(rows, dtype=np.int64),
            np.asarray([dense[row] for row in rows], dtype=np.float32),
            np.asarray([lexical.get(row, 0.0) for row in rows], dtype=np.float32),
            max(self._stats.coverage(tokens), coverage),
            [str(found[row]["article_id"]) for row in rows],
        )

    def _remember(self, entities: dict[int, dict[str, Any]]) -> None:
        """Keep candidates' fields as the searches returned them (a version never changes)."""
        with self._rows_lock:
            if len(self._rows) > _REMEMBERED_ROWS:
                self._rows.clear()
            self._rows.update(entities)

    def _fields_of(self, rows: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Every field of ``_FIELDS`` for ``rows``: remembered, else read from Milvus."""
        with self._rows_lock:
            found = {row: self._rows[row] for row in rows if row in self._rows}
        missing = [row for row in rows if row not in found]
        if missing:
            found.update(self._milvus.rows(self._collection, missing, _FIELDS))
        return found

    def _paragraph_column(
        self, rows: Iterable[int], column: Literal["text", "article_id"]
    ) -> list[str]:
        wanted = [int(row) for row in rows]
        found = self._fields_of(wanted)
        return [str(found[row][column]) for row in wanted]

    def _hit_rows(self, rows: list[int]) -> dict[int, HitRow]:
        return {row: _hit_row(item) for row, item in self._fields_of(rows).items()}

    def article_ids(self) -> frozenset[str]:
        """The ids of every article in this version (their first paragraphs' rows)."""
        rows = self._milvus.scan(self._collection, ["article_id"], "number == 1")
        return frozenset(str(row["article_id"]) for row in rows)

    def newest_articles(self, days: Iterable[str], limit: int) -> tuple[Hit, ...]:
        """Up to ``limit`` articles published on ``days`` (``YYYY-MM-DD``), newest first,
        each as a hit on its first paragraph with that paragraph's first sentence."""
        wanted = sorted({day for day in days if _DAY.fullmatch(day)})
        if not wanted or limit < 1:
            return ()
        on_days = " or ".join(f'published like "{day}%"' for day in wanted)
        rows = sorted(
            self._milvus.scan(self._collection, _HIT_FIELDS, f"number == 1 and ({on_days})"),
            key=lambda row: (_descending(str(row["published"])), str(row["article_id"])),
        )[:limit]
        return tuple(_lead_hit(rank, _hit_row(row)) for rank, row in enumerate(rows, start=1))

    def articles_at(self, urls: Iterable[str]) -> list[str]:
        """The ids of the articles whose link is one of ``urls``, in id order."""
        wanted = sorted(set(urls))
        if not wanted:
            return []
        expression = f"number == 1 and url in {json.dumps(wanted)}"
        rows = self._milvus.scan(self._collection, ["article_id"], expression)
        return sorted({str(row["article_id"]) for row in rows})

    def lead_hits(self, article_ids: Iterable[str]) -> tuple[Hit, ...]:
        """The articles ``article_ids``, in that order, each as a hit on its first
        paragraph with that paragraph's first sentence as the snippet (unknown ids are
        left out)."""
        hits: list[Hit] = []
        for article_id in article_ids:
            expression = f"number == 1 and article_id == {json.dumps(article_id)}"
            rows = list(self._milvus.scan(self._collection, _HIT_FIELDS, expression))
            if rows:
                row = _hit_row(rows[0])
                hits.append(_lead_hit(len(hits) + 1, row, self.stories.of(row[2])))
        return tuple(hits)

    def check_rows(self) -> str:
        """What ``newsbot check`` tells of this version, in one line: every paragraph its
        manifest counts is in Milvus (Milvus keeps its own segments whole; the product's
        checksums are the local store's). IndexDamaged when rows are missing."""
        rows = self._milvus.count(self._collection)
        where = f"Milvus at {self._milvus.target.setting}"
        if rows != self.manifest.paragraphs:
            raise IndexDamaged(
                f"the index in {where} is damaged: version {self._version_name} holds {rows} "
                f"of its {self.manifest.paragraphs} paragraphs. Repair it with `newsbot index "
                "PATH...` over the same sources (written vectors are reused)"
            )
        return f"intact: all {rows} paragraphs of {self._version_name} are in {where}"

    def damage(self) -> str:
        """Damaged files of this version, in one line: none here (Milvus keeps its own
        segments whole); a version whose collection is gone is reported."""
        if not self._milvus.has(self._collection):
            return f"the collection {self._collection} is missing: rebuild with `newsbot index`"
        return ""

    def summary(self) -> IndexSummary:
        facts = self._milvus.summary(self._version_name)
        return IndexSummary(
            articles=self.manifest.articles,
            paragraphs=self.manifest.paragraphs,
            # Versions built before the label was shared recorded "?" for no outlet.
            outlets=tuple(
                (UNKNOWN_OUTLET if name == "?" else str(name), int(count))
                for name, count in facts.get("outlets", [])
            ),
            first_published=facts.get("first"),
            last_published=facts.get("last"),
            embedder=self.manifest.embedder,
            built_at=self.manifest.built_at,
            size_bytes=_lite_size(self._milvus.target),
            path=f"{self._milvus.target.setting} ({self._version_name})",
        )


#: The fields of a paragraph row a hit is made of, in ``HitRow``'s order.
_HIT_FIELDS = ["text", "number", "article_id", "title", "source", "published", "url", "path"]


def _lite_size(target: MilvusTarget) -> int:
    """Bytes a Milvus Lite file (or folder) holds; 0 for a server, whose size is its own."""
    if not target.is_lite:
        return 0
    path = Path(target.uri)
    try:
        if path.is_dir():
            return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        return path.stat().st_size
    except OSError:
        return 0


def _hit_row(item: dict[str, Any]) -> HitRow:
    """A Milvus paragraph row as the local store's ``HitRow`` (empty strings as None)."""
    return (
        str(item["text"]),
        int(item["number"]),
        str(item["article_id"]),
        str(item["title"]),
        str(item["source"]) or None,
        str(item["published"]) or None,
        str(item["url"]) or None,
        str(item["path"]),
    )


def _lead_hit(rank: int, row: HitRow, story: Story | None = None) -> Hit:
    """A hit on an article's first paragraph, its first sentence the snippet."""
    start, end = best_sentence(row[0], [])
    return Hit(rank, 0.0, row[0], start, end, citation_of(row), story)
