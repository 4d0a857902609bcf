"""Pseudo-questions an index asks itself at build time, to see where its own floor lies.

A pseudo-question is built from paragraph text alone (no model): the paragraph's longest
sentence, every third word dropped (a reader asks in fewer words than the news writes), led
by an Indonesian question word (:func:`held_questions`). Asked from the paragraphs of the
shipped sample (``index/sample``) whose article the index does not hold
(:func:`foreign_questions`), they are questions about news the index lacks; they go through
the same confidence as a user's question (``NewsIndex.confidence``) and set how far the
index raises its own floor (:func:`floor_raise`), recorded in the manifest by
:func:`calibrate`. Questions from the index's own paragraphs, reworded, or with their names
swapped were measured too (``benchmarks/floor_self.py``) and not taken: they do not reach
the real questions' tail (BENCHMARKS.md, "Fifth round, the floor").
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Sequence, Set
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsbot.index.building.chunking import sentence_spans
from newsbot.index.defaults import (
    SELF_FLOOR_GAP,
    SELF_FLOOR_LANGUAGES,
    SELF_FLOOR_MIN_QUESTIONS,
    SELF_FLOOR_QUANTILE,
    SELF_FLOOR_QUESTIONS,
)

if TYPE_CHECKING:
    from newsbot.index.answering.search import NewsIndex
    from newsbot.index.building.embedders import Embedder
    from newsbot.index.building.store import Manifest

#: A word as written, with its inner dots, commas, apostrophes and hyphens.
_WRITTEN = re.compile(r"\w[\w.,'-]*\w|\w", re.UNICODE)
#: Pseudo-questions of each kind an index asks itself, at most.
PSEUDO_QUESTIONS = SELF_FLOOR_QUESTIONS
#: A sentence shorter than this many words makes no question.
MIN_WORDS = 6
#: Words of a pseudo-question, at most (real questions run 6-15 words).
MAX_WORDS = 12


def _order(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _is_named(word: str, position: int) -> bool:
    return word[0].isdigit() or (position > 0 and word[0].isupper())


def _longest_sentence(text: str) -> list[str]:
    sentences = [_WRITTEN.findall(text[start:end]) for start, end in sentence_spans(text)]
    return max(sentences, key=len, default=[])


def _question(words: Sequence[str], drop: bool = True) -> str:
    """A question of ``words`` (a sentence's): every third word dropped (unless not
    ``drop``), led by the question word its content asks for."""
    kept = [word for i, word in enumerate(words) if not drop or i % 3 != 2][:MAX_WORDS]
    if any(word[0].isdigit() for word in kept):
        lead = "Berapa"
    elif any(_is_named(word, i) for i, word in enumerate(kept)):
        lead = "Siapa yang"
    else:
        lead = "Apa yang"
    return f"{lead} {' '.join(kept)}?"


def spread(paragraphs: Sequence[tuple[str, str]], limit: int = PSEUDO_QUESTIONS) -> list[str]:
    """Up to ``limit`` of ``paragraphs`` ((article id, text) pairs) with a sentence of at
    least ``MIN_WORDS`` words, as evenly over the articles as they allow: each article's
    paragraphs in a fixed pseudo-random order, one article after another."""
    by_article: dict[str, list[str]] = {}
    for article, text in paragraphs:
        if len(_longest_sentence(text)) >= MIN_WORDS:
            by_article.setdefault(article, []).append(text)
    queues = [
        sorted(texts, key=_order)
        for _, texts in sorted(by_article.items(), key=lambda i: _order(i[0]))
    ]
    chosen: list[str] = []
    depth = 0
    while len(chosen) < limit and any(depth < len(queue) for queue in queues):
        chosen.extend(queue[depth] for queue in queues if depth < len(queue))
        depth += 1
    return chosen[:limit]


def held_questions(
    paragraphs: Sequence[tuple[str, str]], limit: int = PSEUDO_QUESTIONS
) -> list[str]:
    """Pseudo-questions the index holds the answer to: one per chosen paragraph
    (:func:`spread`), from its longest sentence."""
    return [_question(_longest_sentence(text)) for text in spread(paragraphs, limit)]


def sample_paragraphs() -> list[tuple[str, str]]:
    """The shipped sample corpus (``index/sample``) as (article id, paragraph text) pairs,
    read and split as a build reads them."""
    from newsbot.index import sample
    from newsbot.index.articles import Article
    from newsbot.index.building.chunking import split_article
    from newsbot.index.reading.readers import read_sources

    folder = sample.__path__[0]
    pairs: list[tuple[str, str]] = []
    for item in read_sources(
        [Path(folder) / "seed-article.txt", Path(folder) / "indosum-sample.jsonl"]
    ):
        if isinstance(item, Article):
            pairs.extend((item.id, paragraph.text) for paragraph in split_article(item))
    return pairs


def foreign_questions(
    foreign: Sequence[tuple[str, str]], held: Set[str], limit: int = PSEUDO_QUESTIONS
) -> list[str]:
    """Pseudo-questions about news the index lacks: from the paragraphs of ``foreign``
    ((article id, text) pairs, e.g. :func:`sample_paragraphs`) whose article has no
    paragraph among ``held`` (the index's paragraph texts)."""
    present = {article for article, text in foreign if text in held}
    return held_questions([(a, t) for a, t in foreign if a not in present], limit)


def quantile(values: Sequence[float], share: float) -> float:
    """The value below which ``share`` (0 to 1) of ``values`` lie: the sorted values' entry
    at ``int(share * n)`` (the largest for a share of 1). Raises ValueError when empty."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def floor_raise(absent: Sequence[float], floor: float) -> float:
    """How far an index raises ``floor`` for itself, given the confidences of its
    pseudo-questions about news it lacks (``absent``): up to their ``SELF_FLOOR_QUANTILE``
    plus ``SELF_FLOOR_GAP``, never down; 0 with fewer than ``SELF_FLOOR_MIN_QUESTIONS`` of
    them, or without a floor (``floor`` 0 or less: a model without a calibration)."""
    if floor <= 0.0 or len(absent) < SELF_FLOOR_MIN_QUESTIONS:
        return 0.0
    return max(0.0, quantile(absent, SELF_FLOOR_QUANTILE) + SELF_FLOOR_GAP - floor)


def absent_confidences(
    index: NewsIndex, foreign: Sequence[tuple[str, str]] | None = None
) -> list[float]:
    """The confidences of ``index``'s pseudo-questions about news it lacks (from
    ``foreign`` paragraphs, by default the shipped sample's: :func:`foreign_questions`);
    a question that finds nothing is left out."""
    held = set(index.paragraph_texts())
    questions = foreign_questions(sample_paragraphs() if foreign is None else foreign, held)
    if not questions:
        return []
    vectors = index.embedder.embed_queries(questions)  # one batch
    now = datetime.now(UTC)  # a build does not read NEWSBOT_NOW
    found = (
        index.confidence(question, now=now, query=vector)
        for question, vector in zip(questions, vectors, strict=True)
    )
    return [value for value in found if value is not None]


def calibrate(
    version: Path,
    manifest: Manifest,
    embedder: Embedder,
    languages: Sequence[str] = SELF_FLOOR_LANGUAGES,
) -> Manifest:
    """The self-calibration step of a build: open the version being built (``version``,
    described by ``manifest``), ask it its pseudo-questions about news it lacks, and
    return ``manifest`` with the floor raise for the questions of ``languages``
    (``floor_raise``; by default ``SELF_FLOOR_LANGUAGES``, none: the raise is off) and what
    it saw (``floor_evidence``). Costs one embedding per pseudo-question (at most
    ``SELF_FLOOR_QUESTIONS``). Raises IndexDamaged when the version cannot be read."""
    from newsbot.index.answering.search import NewsIndex

    index = NewsIndex.open_version(version, manifest, embedder)
    try:
        absent = absent_confidences(index)
    finally:
        index.close()
    raised = round(floor_raise(absent, manifest.answer_floor), 4)
    evidence = {
        "absent_questions": float(len(absent)),
        "absent_p90": round(quantile(absent, SELF_FLOOR_QUANTILE), 4) if absent else 0.0,
    }
    return dataclasses.replace(
        manifest,
        floor_raise={language: raised for language in languages},
        floor_evidence=evidence,
    )
