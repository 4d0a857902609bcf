"""Answer questions from an index: hybrid retrieval, one passage per article, the answering
sentence, and an honest "not covered"."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal, NamedTuple, Protocol

import faiss
import numpy as np

from newsbot.index import sample
from newsbot.index.answering.answers import Answer, Citation, Hit, IndexSummary
from newsbot.index.answering.bridge import QuestionTerms, question_terms
from newsbot.index.answering.coverage import (
    answer_coverage,
    answer_story,
    as_of,
    outside_window,
    undated_outlet,
    within_restriction,
)
from newsbot.index.answering.evidence import no_answer_near, unheld_share
from newsbot.index.answering.fusion import (
    MARGIN_WEIGHTS,
    Candidate,
    confidence,
    cosine_margin,
    fuse,
    holdable_terms,
    lexical_rank,
    lone_dense,
    one_per_article,
    question_language,
    rarest_elsewhere,
    relative_support,
)
from newsbot.index.answering.question_text import (
    plain_question,
    question_as_read,
    wording_as_read,
)
from newsbot.index.answering.rerank import rerank
from newsbot.index.answering.small_talk import is_small_talk
from newsbot.index.answering.snippets import best_sentence
from newsbot.index.articles import UNKNOWN_OUTLET
from newsbot.index.building import dense as dense_index
from newsbot.index.building import integrity, store
from newsbot.index.building.chunking import lexical_text
from newsbot.index.building.embedders import Embedder
from newsbot.index.building.lexical import Bm25Index, held_terms, named_terms, tokenize
from newsbot.index.building.stories import read_stories
from newsbot.index.coverage import when
from newsbot.index.coverage.book import ArticleRef, Story, StoryBook
from newsbot.index.coverage.copies import is_copy
from newsbot.index.coverage.copies import words as paragraph_words
from newsbot.index.coverage.firsts import original_first
from newsbot.index.coverage.questions import story_followup
from newsbot.index.coverage.request import Request, read_request
from newsbot.index.defaults import (
    BRIDGED_COVERAGE,
    CANDIDATES,
    DEFAULT_HITS,
    RERANK_DENSE,
    RERANK_DEPTH,
    RERANK_DEPTHS,
    RERANK_NEAR,
    RERANK_WEIGHTS,
    RERANK_WORDS,
    UNHELD_SHARE,
)
from newsbot.index.errors import IndexDamaged, IndexIncompatible, NewsbotError

#: The most words a coverage topic has for its capitalised words to be names even when
#: they are most of it ("Las Vegas shooting"); a longer one mostly capitalised is a
#: headline in title case.
_NAMED_TOPIC_WORDS = 3
#: A question that is a web address alone.
_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)
#: Articles a "how many articles about X" question looks at, at most.
MATCHING_ARTICLES = 500

#: A cited paragraph: (text, number, article id, title, source, published, url, path).
HitRow = tuple[str, int, str, str, str | None, str | None, str | None, str]


class TermStats(Protocol):
    """What answering needs to know of the corpus's terms (``lexical.Bm25Index`` locally)."""

    def term_weights(self, tokens: list[str]) -> dict[str, float]: ...

    def support(self, tokens: list[str], row: int) -> float: ...

    def unknown_names(self, question: str) -> list[str]: ...

    def knows(self, term: str) -> bool: ...


class _Search(NamedTuple):
    """What one search of the index found: the question's tokens and language, its words
    (translated ones included) and the fused candidates, best first."""

    tokens: list[str]
    language: str
    words: QuestionTerms
    candidates: list[Candidate]


class NewsIndex:
    """A loaded index version: search it with :meth:`ask`. Safe to share between threads."""

    def __init__(
        self,
        version: Path,
        manifest: store.Manifest,
        embedder: Embedder,
        dense: faiss.Index,
        vectors: np.ndarray,
        lexical: Bm25Index,
        meta: sqlite3.Connection,
        stories: dict[str, str] | None = None,
    ) -> None:
        self.version = version
        self.manifest = manifest
        self.embedder = embedder
        self._dense = dense
        self._vectors = vectors
        self._lexical = lexical
        self._meta = meta
        self._meta_lock = threading.Lock()
        rows = meta.execute("SELECT id, title, source, published, url FROM articles").fetchall()
        self.stories = StoryBook(stories or {}, (ArticleRef(*row) for row in rows))
        self._article_rows = {
            article: (int(first), int(count))
            for article, first, count in meta.execute(
                "SELECT article_id, min(row), count(*) FROM paragraphs GROUP BY article_id"
            )
        }
        columns = {column for _, column, *_ in meta.execute("PRAGMA table_info(articles)")}
        #: The place of each article's dateline ("BEKASI (Pos Kota) -"), which cleaning
        #: cuts from its text; format 2 kept none.
        self._places: dict[str, str] = (
            dict(meta.execute("SELECT id, place FROM articles WHERE place IS NOT NULL"))
            if "place" in columns
            else {}
        )

    @classmethod
    def open(cls, index_dir: Path, embedder: Embedder) -> NewsIndex:
        """Open the live version of the index at ``index_dir`` for ``embedder``."""
        version = store.live_version(index_dir)
        check = integrity.check_version(version)
        if check.manifest is not None:
            check_embedder(index_dir, check.manifest, embedder.name)
        if not check.healthy or check.manifest is None:
            raise check.error()
        return cls.open_version(version, check.manifest, embedder)

    @classmethod
    def open_version(cls, version: Path, manifest: store.Manifest, embedder: Embedder) -> NewsIndex:
        """Open the version folder ``version`` described by ``manifest``, unchecked (a
        build opens the version it is writing, before its manifest is). Raises
        IndexDamaged when its files cannot be read or disagree on their size."""
        meta = store.connect_readonly(version)
        try:
            dense = dense_index.load(version / store.DENSE, manifest.dense_index)
            vectors = np.load(version / store.VECTORS, mmap_mode="r", allow_pickle=False)
            lexical = Bm25Index.load(version)
        except integrity.DAMAGE_ERRORS as exc:
            meta.close()
            raise IndexDamaged(
                f"the index in {version.parent} is unreadable ({exc}): repair it with "
                "`newsbot index PATH...` over the same sources"
            ) from exc
        try:
            stories = read_stories(version)
        except IndexDamaged:
            meta.close()
            raise
        sizes = {dense.ntotal, vectors.shape[0], lexical.size, manifest.paragraphs}
        if len(sizes) != 1 or dense.d != manifest.dim:
            meta.close()
            raise IndexDamaged(
                f"the files of {version} disagree on their size: rebuild with `newsbot index`"
            )
        return cls(version, manifest, embedder, dense, vectors, lexical, meta, stories)

    def close(self) -> None:
        """Release the metadata connection."""
        self._meta.close()

    def ask(self, question: str, k: int = DEFAULT_HITS, now: datetime | None = None) -> Answer:
        """Return the ``k`` best passages for ``question``, or an unanswered Answer when the
        indexed news does not cover it.

        A time window in the question ("kemarin", "in September 2021"; relative to ``now``,
        by default ``NEWSBOT_NOW`` or the clock) and an outlet ("menurut Kompas") restrict
        the passages to it; a coverage question ("which outlets reported X?") is answered
        from the stories. Raises NewsbotError for a malformed ``NEWSBOT_NOW``.
        """
        question = plain_question(question)
        if not question or is_small_talk(question):
            return Answer(question=question, answered=False, reason="not_a_question")
        if self.manifest.paragraphs == 0:
            return Answer(question=question, answered=False, reason="not_covered")
        if _WEB_ADDRESS.fullmatch(question):
            # A link alone names an article; its words ("berita", "script") are no question.
            linked = self.articles_at(_address_forms(question))
            if not linked:
                return Answer(question, answered=False, reason="not_covered")
            return Answer(question, answered=True, hits=self.lead_hits(linked[:k]))
        current = now or when.now()
        # Read and searched with its chat spellings written out ("brp" asks "berapa") and
        # capitals that name nothing taken off, answered under the question as asked.
        request = read_request(wording_as_read(question), self.stories.outlets(), current)
        request = dataclasses.replace(request, question=question)
        if request.outlet is not None and request.outlet.missing:
            return Answer(question, answered=False, reason="no_outlet", request=request)
        undated = undated_outlet(self, request)
        if undated is not None:
            return undated
        if request.coverage is not None:
            answer = answer_coverage(self, request, k, current)
        else:
            answer = within_restriction(self, self.passages(request, k, current))
        return as_of(outside_window(self, answer, current), current)

    def ask_about(self, question: str, article_id: str, now: datetime | None = None) -> Answer:
        """Answer a follow-up of a coverage answer ("kapan?", "siapa yang pertama?", "who
        else?", "berapa artikel?") from the story of ``article_id``, the article that
        answer cited, so that it stays on that story; a message that is no such follow-up
        is asked afresh (:meth:`ask`)."""
        question = plain_question(question)
        kind = story_followup(wording_as_read(question))
        if kind is None:
            return self.ask(question, now=now)
        return answer_story(self, question, kind, article_id, now or when.now())

    def passages(self, request: Request, k: int, current: datetime) -> Answer:
        """Answer a read question with passages, inside its window and outlet."""
        search = request.search or request.question
        newest = self.stale_note(request, current)

        def refused() -> Answer:
            return Answer(
                request.question,
                answered=False,
                reason="not_covered",
                request=request,
                newest=newest,
            )

        first = self._first_passage(search, request)
        if first is None:
            return refused()
        (tokens, language, words, candidates), ranked, reranked, top_text = first
        top_article = reranked[0].article_id
        if not self._covers(search, language, words, top_text, candidates, top_article) and not (
            # Coverage, the news of a day or of an outlet is asked for by topic, and a topic is
            # held by an article (its headline and paragraphs), not by one of its paragraphs.
            (request.coverage, request.window, request.outlet) != (None, None, None)
            and self._covers_in_article(search, language, words, reranked[0], candidates)
        ):
            return refused()
        rest = ranked[len(reranked) :]
        hits = self._hits(reranked + rest, [*tokens, *words.bridged], k, search)
        return Answer(request.question, answered=True, hits=hits, request=request, newest=newest)

    def _first_passage(
        self, search: str, request: Request, query: np.ndarray | None = None
    ) -> tuple[_Search, list[Candidate], list[Candidate], str] | None:
        """What answering ``search`` finds: the search, its candidates one per article, the
        best of them reranked, and the first passage's text; None when nothing is found.
        ``query`` is ``search``'s vector when it was embedded already."""
        found = self._search(search, request, query)
        if found is None or not found.candidates:
            return None
        tokens, language, words, candidates = found
        ranked = one_per_article(candidates)
        best = ranked[: RERANK_DEPTHS.get(language, RERANK_DEPTH)]
        texts = self._paragraph_column((candidate.row for candidate in best), "text")
        reranked = rerank(
            best,
            texts,
            search,
            self._term_stats().term_weights(tokens),
            RERANK_WEIGHTS.get(language, RERANK_WEIGHTS["id"]),
            words,
            RERANK_WORDS.get(language, 0.0),
            RERANK_NEAR.get(language, 0.0),
            RERANK_DENSE.get(language, 0.0),
        )
        top_text = texts[[candidate.row for candidate in best].index(reranked[0].row)]
        return found, ranked, reranked, top_text

    def confidence(
        self, question: str, now: datetime | None = None, query: np.ndarray | None = None
    ) -> float | None:
        """How sure the index is that its first passage for ``question`` answers it (the
        confidence the floor is compared with, ``fusion.confidence``, in cosine units), as
        :meth:`ask` would search it; None when nothing is found. ``query`` is the question's
        vector (``embed_queries``) when it was embedded already, in a batch."""
        # Read as ask reads it: plain characters, chat spellings written out.
        request = read_request(
            question_as_read(question), self.stories.outlets(), now or when.now()
        )
        search = request.search or request.question
        if search != question:  # written out, a window or an outlet read off: another vector
            query = None
        first = self._first_passage(search, request, query)
        if first is None:
            return None
        (_, language, words, candidates), _, reranked, top_text = first
        return self._confidence(
            search, language, words, top_text, candidates, reranked[0].article_id
        )

    def floor(self, language: str) -> float:
        """The floor a question in ``language`` is held to: the calibrated one, raised by
        what this index learnt of itself at build time (``manifest.floor_raise``)."""
        raised = self.manifest.floor_raise or {}
        return self.manifest.answer_floor + raised.get(language, 0.0)

    def _search(
        self, search: str, request: Request, query: np.ndarray | None = None
    ) -> _Search | None:
        """Fused candidates for ``search`` among the rows ``request``'s window and outlet
        allow, with the words they were found by; None when no row is allowed. ``query``
        is ``search``'s vector when it was embedded already."""
        allowed = self._allowed_rows(request)
        if allowed is not None and not len(allowed):
            return None
        if query is None:
            query = self.embedder.embed_queries([search])[0]
        tokens = tokenize(search)
        language = question_language(search)
        stats = self._term_stats()
        words = question_terms(search, language, stats.knows)
        coverage = words.known_share(stats.knows) if language in BRIDGED_COVERAGE else 0.0
        candidates = self._candidates(query, tokens, words.bridged, coverage, allowed)
        return _Search(tokens, language, words, candidates)

    def matching_articles(self, request: Request, limit: int = MATCHING_ARTICLES) -> list[str]:
        """Return the ids of the articles (at most ``limit``, best first) with a passage
        that passes the "not covered" floor on its own for the request's search words (or
        whose whole article does: a topic is held by an article), inside its window and
        outlet: the articles about a topic, across stories."""
        search = request.search or request.question
        searched = self._search(search, request)
        if searched is None:
            return []
        _, language, words, candidates = searched
        ranked = one_per_article(candidates)[:limit]
        if not ranked:
            return []
        texts = self._paragraph_column((candidate.row for candidate in ranked), "text")
        found: list[str] = []
        for candidate, text in zip(ranked, texts, strict=True):
            if candidate.article_id in found:
                continue
            if self._covers(search, language, words, text, [candidate]) or (
                self._covers_in_article(search, language, words, candidate, [candidate])
            ):
                found.append(candidate.article_id)
        return found

    def article_text(self, article_id: str) -> str | None:
        """An article's title and paragraphs, one per line; None when the index cannot
        tell (an unknown article, or a store that keeps no rows per article)."""
        span = self._article_rows.get(article_id)
        ref = self.stories.article(article_id)
        if span is None or ref is None:
            return None
        first, count = span
        texts = self._paragraph_column(range(first, first + count), "text")
        return "\n".join([ref.title, *texts])

    def paragraph_texts(self) -> list[str]:
        """Every indexed paragraph's text, in row order."""
        with self._meta_lock:
            rows = self._meta.execute("SELECT text FROM paragraphs ORDER BY row").fetchall()
        return [str(text) for (text,) in rows]

    def article_place(self, article_id: str) -> str | None:
        """The place an article's dateline named ("Bekasi"), or None."""
        return self._places.get(article_id)

    def holds_topic(self, topic: str, article_id: str, language: str | None = None) -> bool:
        """Whether an article (title, paragraphs and dateline place) holds a coverage
        question's ``topic`` ("gempa Lombok", "the Lombok earthquake"): every name (a
        capitalised word) and at least half of its other content words, themselves or
        translated; an English word the index holds nowhere, itself or translated, is not
        checked (unless nothing else of the topic is and it has a translation): "troops"
        whose "tentara" no article says cannot refuse the CSTO story that says "pasukan".
        ``language`` is the question's (``en``/``id``; by default the topic's own). True
        when the index cannot tell (``article_text`` is None)."""
        held = self._topic_held(topic, article_id, language)
        if held is None:
            return True
        named, common = held
        if not all(named):
            return False
        return not common or sum(common) / len(common) >= 0.5

    def topic_share(self, topic: str, article_id: str, language: str | None = None) -> float:
        """The share (0-1) of ``topic``'s checked words (``holds_topic``: names and other
        content words) that an article holds; 1.0 when the index cannot tell or nothing is
        checked. Among articles that hold a topic, the one holding more of its words is
        more about it."""
        held = self._topic_held(topic, article_id, language)
        if held is None:
            return 1.0
        words = [*held[0], *held[1]]
        return sum(words) / len(words) if words else 1.0

    def _topic_held(
        self, topic: str, article_id: str, language: str | None
    ) -> tuple[list[bool], list[bool]] | None:
        """For each checked word of ``topic``, whether the article holds it: the names',
        then the other words'; None when the index cannot tell."""
        text = self.article_text(article_id)
        if text is None:
            return None
        stats = self._term_stats()
        language = language or question_language(topic)
        words = question_terms(topic, language, stats.knows)
        own = set(tokenize(topic))
        capitalised = [word for word in topic.split() if word[:1].isupper()]
        # A headline in title case ("Mabes Polri Pelaku Bom ...") names nothing by case; a
        # topic of a few words is no headline: "Las Vegas shooting" names Las Vegas.
        spelled = topic.split()
        if len(spelled) > _NAMED_TOPIC_WORDS and len(capitalised) * 2 > len(spelled):
            capitalised = []
        names = {term for word in capitalised for term in tokenize(word)}
        # An English common word the index holds nowhere, itself or translated ("bombing"
        # without a translation; "troops", whose "tentara" no article says where the news
        # says "pasukan"), cannot tell one article from another: it is not checked. A
        # translated one still is when nothing else of the topic is ("the floods").
        unknown = [
            word
            for word in words.words
            if language == "en" and not word & names and not any(stats.knows(term) for term in word)
        ]
        checked = [word for word in words.words if word not in unknown]
        if not checked:
            checked = [word for word in unknown if not word <= own]
        # The dateline's place is where the news happened, though cleaning cut it from the
        # text: "uang palsu di Bekasi" is held by "BEKASI (Pos Kota) - ... Pasar Tambun".
        lines = [*text.splitlines(), self.article_place(article_id) or ""]
        held = set().union(*(held_terms(line) for line in lines))
        # Every name; of the other words, half (a translation table misses synonyms:
        # "troops" is "tentara" there, "pasukan" in the news).
        named = [bool(word & held) for word in checked if word & names]
        common = [bool(word & held) for word in checked if not word & names]
        return named, common

    def latest_stories(
        self, since: date | None = None, until: date | None = None, limit: int | None = None
    ) -> list[Story]:
        """Return the stories with coverage from ``since`` to ``until`` (inclusive days,
        open where None), newest coverage first, then most outlets."""
        return self.stories.latest(since, until, limit)

    def story_for(self, question: str, now: datetime | None = None) -> Story | None:
        """Return the story of the best passage for ``question`` (inside its window and
        outlet), or None when the indexed news does not cover it."""
        answer = self.ask(question, k=1, now=now)
        if answer.coverage is not None and answer.coverage.stories:
            return answer.coverage.stories[0]
        if not answer.hits or answer.request is None:
            return None
        # A chart is about a topic: its article must name it, as for "which outlets". A bare
        # noun phrase ("CSTO troops") has no function word to tell its language by: it is
        # held when it is read either way ("troops" is checked only as English).
        topic, hit = answer.request.search, answer.hits[0]
        language = question_language(question, tie="")
        languages = (language,) if language else ("id", "en")
        held = any(self.holds_topic(topic, hit.citation.article_id, lang) for lang in languages)
        return hit.story if held else None

    def stale_note(self, request: Request, current: datetime) -> str | None:
        """The newest publication day (ISO) when a question about now, or a window, finds
        the index's coverage older: a week before ``current``, or before the window."""
        newest = self.stories.newest_day()
        if newest is None:
            return None
        window = request.window
        if window is not None and window.relative and newest < window.start:
            return newest.isoformat()
        today = current.astimezone(when.WIB).date()
        if request.about_now and window is None and newest < today - timedelta(days=7):
            return newest.isoformat()
        return None

    def _allowed_rows(self, request: Request) -> np.ndarray | None:
        """Paragraph rows inside the question's window and outlet; None without either."""
        window, outlet = request.window, request.outlet
        if window is None and outlet is None:
            return None
        rows: list[int] = []
        for article, (first, count) in self._article_rows.items():
            ref = self.stories.article(article)
            if ref is None:
                continue
            if window is not None and not window.holds(ref.published):
                continue
            if outlet is not None and ref.source not in outlet.outlets:
                continue
            rows.extend(range(first, first + count))
        return np.array(sorted(rows), dtype=np.int64)

    def _covers(
        self,
        question: str,
        language: str,
        words: QuestionTerms,
        top_text: str,
        candidates: list[Candidate],
        top_article: str | None = None,
    ) -> bool:
        """Whether the index is sure enough to answer (the calibrated floor): the best
        cosine and its lead over the next candidates, the rarity-weighted share of the
        question's terms the first passage holds (of those the index could hold), whether
        the question names something the index never mentions, the share of its words
        the index never holds, and whether only the dense side finds ``top_article`` (the
        first passage's article; not asked when None). A floor of 0 or less (a model
        without a calibration) is no floor: every question is answered, however its
        penalties add up."""
        if self.manifest.answer_floor <= 0.0:
            return True
        sure = self._confidence(question, language, words, top_text, candidates, top_article)
        return sure >= self.floor(language)

    def _confidence(
        self,
        question: str,
        language: str,
        words: QuestionTerms,
        top_text: str,
        candidates: list[Candidate],
        top_article: str | None = None,
    ) -> float:
        """The confidence :meth:`_covers` compares with the floor."""
        cosines = [candidate.dense for candidate in candidates]
        # What the lexical side read for the passage: its headline and its text.
        ref = self.stories.article(top_article) if top_article is not None else None
        held = held_terms(lexical_text(ref.title if ref is not None else "", top_text))
        stats = self._term_stats()
        names = {term for _, terms in named_terms(question) for term in terms}
        every_weight = stats.term_weights(tokenize(question))
        term_weights = holdable_terms(every_weight, stats.knows, names)
        support = relative_support(term_weights, held, self.manifest.paragraphs)
        unknown = len(stats.unknown_names(question))
        weights = self.manifest.confidence.get(language, self.manifest.confidence["id"])
        # Only where it counts: each word asked of another store is a look-up.
        counts_words = len(weights) > 3 and weights[3] and words.words
        margin = cosine_margin(cosines)
        alone = top_article is not None and lone_dense(
            lexical_rank(candidates, top_article), margin
        )
        # Form 6's evidence, only for a language that pays for it (each costs a look-up).
        near_missing = (
            len(weights) > 5
            and bool(weights[5])
            and no_answer_near(top_text, question, words, every_weight)
        )
        # Form 7: most of the question's ordinary words are nowhere in the index.
        unheld = (
            len(weights) > 7
            and bool(weights[7])
            and unheld_share(words, stats.knows) >= UNHELD_SHARE
        )
        elsewhere = False
        if len(weights) > 6 and weights[6]:
            article = self.article_text(top_article) if top_article is not None else None
            held_text = article or top_text
            elsewhere = rarest_elsewhere(every_weight, stats.knows, held_terms(held_text))
        return confidence(
            max(cosines),
            support,
            unknown,
            weights,
            margin,
            MARGIN_WEIGHTS.get(language, MARGIN_WEIGHTS["id"]),
            1.0 - words.known_share(stats.knows) if counts_words else 0.0,
            alone,
            near_missing,
            elsewhere,
            unheld,
        )

    def _covers_in_article(
        self,
        question: str,
        language: str,
        words: QuestionTerms,
        top: Candidate,
        candidates: list[Candidate],
    ) -> bool:
        """The floor of :meth:`_covers` with the terms of ``top``'s whole article (headline
        and paragraphs) as those the passage holds; False when the store cannot tell."""
        article = self.article_text(top.article_id)
        return article is not None and self._covers(question, language, words, article, candidates)

    def _term_stats(self) -> TermStats:
        """The corpus's term statistics; another store supplies its own."""
        return self._lexical

    def _candidates(
        self,
        query: np.ndarray,
        tokens: list[str],
        bridged: Mapping[str, float],
        coverage: float = 0.0,
        allowed: np.ndarray | None = None,
    ) -> list[Candidate]:
        """Return fused candidates, best first (``dense`` is each one's cosine similarity);
        ``bridged`` terms (translations, weighted) add to the lexical scores, and the
        lexical side counts as much as the larger of its own coverage and ``coverage``;
        only among ``allowed`` rows when given."""
        if allowed is None:
            n = min(CANDIDATES, self.manifest.paragraphs)
            _, found = self._dense.search(query.reshape(1, -1), n)
            dense_rows = found[0][found[0] >= 0]
        else:  # an exact search over the rows a window or an outlet allows
            n = min(CANDIDATES, len(allowed))
            dense_all = np.asarray(self._vectors[allowed] @ query, dtype=np.float32)
            dense_rows = allowed[np.argpartition(-dense_all, n - 1)[:n]]
        lexical = self._lexical.match(tokens)
        scores = lexical.scores
        if bridged:
            scores = scores + self._lexical.weighted_scores(bridged)
        # Only rows sharing a term score above 0: rank those, not every row (1M at scale).
        if allowed is None:
            lexical_rows = np.flatnonzero(scores)
        else:
            lexical_rows = allowed[np.flatnonzero(scores[allowed])]
        if len(lexical_rows) > n:
            top = np.argpartition(-scores[lexical_rows], n - 1)[:n]
            lexical_rows = lexical_rows[top]
        rows = np.unique(np.concatenate([dense_rows, lexical_rows]))
        dense_scores = np.asarray(self._vectors[rows] @ query, dtype=np.float32)
        articles = self._paragraph_column(rows, "article_id")
        covered = max(lexical.coverage, coverage)
        return fuse(rows, dense_scores, scores[rows], covered, articles)

    def _paragraph_column(
        self, rows: Iterable[int], column: Literal["text", "article_id"]
    ) -> list[str]:
        """Return ``column`` (``text`` or ``article_id``) of paragraphs ``rows``, in order."""
        wanted = [int(row) for row in rows]
        marks = ",".join("?" * len(wanted))
        with self._meta_lock:
            found = dict(
                self._meta.execute(
                    f"SELECT row, {column} FROM paragraphs WHERE row IN ({marks})", wanted
                ).fetchall()
            )
        return [found[row] for row in wanted]

    def _hit_rows(self, rows: list[int]) -> dict[int, HitRow]:
        """Return row -> (text, number, article id, title, source, published, url, path)."""
        found: dict[int, HitRow] = {}
        for row in rows:
            with self._meta_lock:
                found[row] = self._meta.execute(
                    "SELECT p.text, p.number, a.id, a.title, a.source, a.published, a.url, a.path "
                    "FROM paragraphs p JOIN articles a ON a.id = p.article_id WHERE p.row = ?",
                    (row,),
                ).fetchone()
        return found

    def _hits(
        self, ranked: list[Candidate], tokens: list[str], k: int, question: str
    ) -> tuple[Hit, ...]:
        """The ``k`` best passages; a passage that copies a better one's text (another
        outlet carrying the same wire story) is listed beside it, not shown again."""
        # Each kept passage with its copies: the other outlet's article and its paragraph.
        kept: list[
            tuple[Candidate, frozenset[str], str | None, dict[str, tuple[ArticleRef, Candidate]]]
        ] = []
        scan = ranked[: max(3 * k, RERANK_DEPTH)]
        texts = self._paragraph_column((candidate.row for candidate in scan), "text")
        for candidate, text in zip(scan, texts, strict=True):
            vocabulary = paragraph_words(text)
            ref = self.stories.article(candidate.article_id)
            source = ref.source if ref is not None else None
            # Syndication is another outlet carrying the text: both outlets must be known.
            original = next(
                (
                    item
                    for item in kept
                    if source and item[2] and item[2] != source and is_copy(item[1], vocabulary)
                ),
                None,
            )
            if original is not None and ref is not None:
                # The copy's own matching paragraph (the best-ranked one), cited if it leads.
                original[3].setdefault(ref.id, (ref, candidate))
            elif len(kept) < k:
                kept.append((candidate, vocabulary, source, {}))
        # Cite the first report among copies (then the original outlet), the rest as "also".
        cited: list[tuple[Candidate, tuple[ArticleRef, ...]]] = []
        for candidate, _, _, copies in kept:
            ref = self.stories.article(candidate.article_id)
            refs = [copy for copy, _ in copies.values()]
            if not copies or ref is None:
                cited.append((candidate, tuple(refs)))
                continue
            lead, *others = original_first([ref, *refs], self._opening)
            chosen = copies[lead.id][1] if lead.id in copies else candidate
            cited.append((dataclasses.replace(chosen, score=candidate.score), tuple(others)))
        hits = []
        found = self._hit_rows([candidate.row for candidate, _ in cited])
        for rank, (candidate, also) in enumerate(cited, start=1):
            row = found[candidate.row]
            text = row[0]
            start, end = best_sentence(text, tokens, question)
            hits.append(
                Hit(
                    rank=rank,
                    score=candidate.score,
                    text=text,
                    snippet_start=start,
                    snippet_end=end,
                    citation=citation_of(row),
                    story=self.stories.of(row[2]),
                    also=also,
                )
            )
        return tuple(hits)

    def _opening(self, article: ArticleRef) -> str:
        """An article's title and first paragraphs (up to 400 characters)."""
        return (self.article_text(article.id) or article.title)[:400]

    def damage(self) -> str:
        """Check this version's files against their checksums (reads them all: about 0.2 s
        per 100 MB); return its damaged files in one line, empty when it is intact."""
        try:
            return integrity.check_version(self.version).describe()
        except NewsbotError as exc:
            return str(exc)

    def summary(self) -> IndexSummary:
        """Return what the index holds."""
        with self._meta_lock:
            outlets = self._meta.execute(
                "SELECT coalesce(source, ?), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC",
                (UNKNOWN_OUTLET,),
            ).fetchall()
            first, last = self._meta.execute(
                "SELECT min(substr(published, 1, 10)), max(substr(published, 1, 10)) FROM articles"
            ).fetchone()
        return IndexSummary(
            articles=self.manifest.articles,
            paragraphs=self.manifest.paragraphs,
            outlets=tuple((str(name), int(count)) for name, count in outlets),
            first_published=first,
            last_published=last,
            embedder=self.manifest.embedder,
            built_at=self.manifest.built_at,
            size_bytes=store.size_on_disk(self.version),
            path=str(self.version.parent),
        )

    def article_ids(self) -> frozenset[str]:
        """The ids of every article in this version (to tell which ones a rebuild added)."""
        with self._meta_lock:
            rows = self._meta.execute("SELECT id FROM articles").fetchall()
        return frozenset(str(row[0]) for row in rows)

    def articles_at(self, urls: Iterable[str]) -> list[str]:
        """The ids of the articles whose link is one of ``urls``, in id order."""
        wanted = sorted(set(urls))
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        with self._meta_lock:
            rows = self._meta.execute(
                f"SELECT id FROM articles WHERE url IN ({marks}) ORDER BY id", wanted
            ).fetchall()
        return [str(row[0]) for row in rows]

    def lead_hits(self, article_ids: Iterable[str]) -> tuple[Hit, ...]:
        """The articles ``article_ids``, in that order, each as a hit on its first
        paragraph with that paragraph's first sentence as the snippet (unknown ids are
        left out)."""
        hits: list[Hit] = []
        for article_id in article_ids:
            with self._meta_lock:
                row = self._meta.execute(
                    "SELECT p.text, p.number, a.id, a.title, a.source, a.published, a.url, "
                    "a.path FROM articles a JOIN paragraphs p ON p.article_id = a.id "
                    "WHERE a.id = ? ORDER BY p.number LIMIT 1",
                    (article_id,),
                ).fetchone()
            if row is None:
                continue
            start, end = best_sentence(row[0], [])
            story = self.stories.of(row[2])
            hits.append(Hit(len(hits) + 1, 0.0, row[0], start, end, citation_of(row), story))
        return tuple(hits)

    def newest_articles(self, days: Iterable[str], limit: int) -> tuple[Hit, ...]:
        """Up to ``limit`` articles published on ``days`` (``YYYY-MM-DD``, the date the
        article gives), newest first, each as a hit on its first paragraph with that
        paragraph's first sentence as the snippet."""
        wanted = sorted(set(days))
        if not wanted or limit < 1:
            return ()
        marks = ",".join("?" * len(wanted))
        with self._meta_lock:
            rows = self._meta.execute(
                "SELECT p.text, p.number, a.id, a.title, a.source, a.published, a.url, a.path "
                "FROM articles a JOIN paragraphs p ON p.article_id = a.id AND p.number = "
                "(SELECT min(number) FROM paragraphs WHERE article_id = a.id) "
                f"WHERE substr(a.published, 1, 10) IN ({marks}) "
                "ORDER BY a.published DESC, a.id LIMIT ?",
                (*wanted, limit),
            ).fetchall()
        hits = []
        for rank, row in enumerate(rows, start=1):
            start, end = best_sentence(row[0], [])
            hits.append(Hit(rank, 0.0, row[0], start, end, citation_of(row)))
        return tuple(hits)


def _address_forms(url: str) -> list[str]:
    """The links an article at ``url`` may be recorded under: as given, without its
    ``#fragment``, with and without a closing slash."""
    bare = url.split("#", 1)[0]
    return [url, bare, bare.rstrip("/"), bare.rstrip("/") + "/"]


def citation_of(row: HitRow) -> Citation:
    """The citation of a paragraph from its metadata row (``HitRow``'s columns)."""
    _, number, article_id, title, source, published, url, path = row
    return Citation(
        title=title,
        source=source,
        published=published,
        url=url,
        path=sample.cited_path(path),
        paragraph=number,
        article_id=article_id,
    )


def check_embedder(index_dir: Path | str, manifest: store.Manifest, embedder_name: str) -> None:
    """Refuse to search an index with vectors from another model."""
    if manifest.embedder != embedder_name:
        raise IndexIncompatible(
            f"the index in {index_dir} was built with {manifest.embedder!r}, not "
            f"{embedder_name!r}: ask with `--model {manifest.embedder}` or rebuild with "
            f"`newsbot index --model {embedder_name} PATH...`"
        )
