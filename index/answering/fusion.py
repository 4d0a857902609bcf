"""Fuse dense and lexical scores into one ranking, and keep one passage per article.

How much the lexical side counts adapts to the question: ``coverage`` is the share of the
question's (rarity-weighted) terms that occur in the corpus at all. An Indonesian question
about indexed news is mostly covered, so BM25 weighs in fully for names and numbers; an
English question shares only its names with the corpus, so its lexical score counts less.
(Measured on the dev sets, see BENCHMARKS.md: this beat fixed weights, reciprocal-rank fusion
and higher powers of the coverage on both languages.)

Whether to answer at all is decided on a ``confidence``: the best cosine similarity, plus
how far it stands above the next candidates' cosines (the index's own score distribution),
plus the rarity-weighted share of the question's terms the first passage holds, less a
penalty for a name or number the index never holds and one for the share of the question's
words it never holds, less one when only the dense side finds the passage (its article is
not among the lexical side's first, and its cosine leads no more than a typical unanswerable
question's), less one (English questions) when a "when / how many / who" question's
passage shows no answer of that kind beside its words, and one (Indonesian questions) when
the question's rarest held term is missing from the passage's article
(:func:`rarest_elsewhere`), weighed by the question's language and compared with the
index's calibrated ``answer_floor``. Rarity is relative to the index's size (a term's idf over the
largest idf the index could give), so it means the same on one article as on thousands; and
the passage is only asked for what the index could hold (:func:`holdable_terms`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

#: Weight of the lexical score for a question whose terms all occur in the corpus.
LEXICAL_WEIGHT = 0.5
#: The lexical weight never falls below this share of ``LEXICAL_WEIGHT``: an English question
#: that shares only a name with the news still lets that name tell near-equal paragraphs
#: apart (the seed article's Lavrov question; no change on the dev sets' hit@1 or hit@5).
MIN_COVERAGE = 0.4
#: Per question language: how much the confidence counts the best cosine's lead over the
#: mean of the next ``MARGIN_DEPTH`` candidates' cosines. English questions get none: with
#: it, English questions about news a small index lacks were answered more often (31
#: articles: 78% → 73% refused on holdout) for a gain on large indexes only (BENCHMARKS.md).
MARGIN_WEIGHTS = {"id": 1.0, "en": 0.0}
MARGIN_DEPTH = 20
#: The first passage is found by the dense side alone when its article is not among the
#: lexical side's first ``LEXICAL_AGREEMENT_DEPTH`` candidates and its cosine's lead
#: (:func:`cosine_margin`) is below ``LONE_DENSE_LEAD``: the median lead of the no-answer
#: calibration questions of the 300- and 1,483-article indexes (0.0185, BENCHMARKS.md).
LEXICAL_AGREEMENT_DEPTH = 3
LONE_DENSE_LEAD = 0.02


_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    "the a an of to in on at for by with from what who whom whose which when where why how "
    "did do does is are was were has have had this that it its and".split()
)
_INDONESIAN = frozenset(
    "yang dan di ke dari apa siapa berapa kapan mana dimana manakah apakah siapakah berapakah "
    "kapankah bagaimana mengapa adalah dalam pada untuk nama ini itu dengan oleh".split()
)


def question_language(question: str, tie: str = "id") -> str:
    """Return ``"en"`` when ``question`` has more English than Indonesian function words,
    ``"id"`` when it has more Indonesian ones, else ``tie`` (by default ``"id"``: the news is
    Indonesian; names alone say nothing)."""
    words = _WORDS.findall(question.lower())
    english = sum(word in _ENGLISH for word in words)
    indonesian = sum(word in _INDONESIAN for word in words)
    if english == indonesian:
        return tie
    return "en" if english > indonesian else "id"


def confidence(
    cosine: float,
    support: float,
    unknown_names: int,
    weights: Sequence[float],
    margin: float = 0.0,
    margin_weight: float = MARGIN_WEIGHTS["id"],
    unknown_words: float = 0.0,
    lone_dense: bool = False,
    no_answer_near: bool = False,
    rarest_elsewhere: bool = False,
    mostly_unheld: bool = False,
) -> float:
    """Return how sure the index is that its first passage answers: the best cosine
    similarity, plus ``margin_weight`` (the language's ``MARGIN_WEIGHTS``) times its
    ``margin`` over the next candidates (cosine units, see :func:`cosine_margin`), plus the
    share (0 to 1) of the question's terms the passage holds, weighted by rarity relative
    to the index (:func:`relative_support`), less a penalty when the question names
    something (a name, a number) the index never holds, less a weight times
    ``unknown_words``, the share (0 to 1) of the question's content words no indexed
    paragraph holds, less a penalty when ``lone_dense`` (:func:`lone_dense`: only the dense
    side finds the passage), less a penalty when ``no_answer_near`` (a "when", "how many"
    or "who" question whose passage holds none of its words beside a possible answer:
    ``evidence.no_answer_near``), less one when ``rarest_elsewhere`` (the question's rarest
    term the index holds is not in the passage's article: :func:`rarest_elsewhere`).

    ``weights`` are the question language's (support weight, offset, unknown-name penalty,
    unknown-word weight, lone-dense penalty, no-answer-near penalty, rarest-elsewhere
    penalty, mostly-unheld penalty), recorded in the index manifest; older forms have three
    to five or seven (no mostly-unheld penalty, no rarest-elsewhere or no-answer-near
    penalty, no lone-dense penalty, no unknown-word weight). English questions
    share only names with Indonesian news and get lower cosines: their terms count less and
    an offset puts them on the Indonesian scale, so one calibrated floor serves both
    languages.
    """
    support_weight, offset, penalty, *rest = weights
    unknown_weight = rest[0] if rest else 0.0
    lone_penalty = rest[1] if len(rest) > 1 else 0.0
    near_penalty = rest[2] if len(rest) > 2 else 0.0
    rarest_penalty = rest[3] if len(rest) > 3 else 0.0
    unheld_penalty = rest[4] if len(rest) > 4 else 0.0
    return (
        cosine
        + margin_weight * margin
        + support_weight * support
        + offset
        - (penalty if unknown_names else 0.0)
        - unknown_weight * unknown_words
        - (lone_penalty if lone_dense else 0.0)
        - (near_penalty if no_answer_near else 0.0)
        - (rarest_penalty if rarest_elsewhere else 0.0)
        - (unheld_penalty if mostly_unheld else 0.0)
    )


def cosine_margin(cosines: Sequence[float]) -> float:
    """Return how far the best of ``cosines`` (the candidates' cosine similarities, any
    order) stands above the mean of the next ``MARGIN_DEPTH``: 0 for a single candidate."""
    ranked = sorted(cosines, reverse=True)
    if len(ranked) < 2:
        return 0.0
    following = ranked[1 : 1 + MARGIN_DEPTH]
    return ranked[0] - sum(following) / len(following)


def lexical_rank(candidates: Sequence[Candidate], article_id: str) -> int:
    """Return how many candidates come before ``article_id``'s first passage when
    ``candidates`` (fusion order) are ordered by their lexical score alone, best first
    (ties keep their order); ``len(candidates)`` when the article is not among them."""
    by_lexical = sorted(candidates, key=lambda candidate: -candidate.lexical)
    return next(
        (i for i, candidate in enumerate(by_lexical) if candidate.article_id == article_id),
        len(by_lexical),
    )


def lone_dense(rank: int, margin: float) -> bool:
    """Whether the dense side alone finds the first passage: its article's ``rank`` on the
    lexical side (:func:`lexical_rank`) is ``LEXICAL_AGREEMENT_DEPTH`` or worse and its
    cosine's ``margin`` (:func:`cosine_margin`) is below ``LONE_DENSE_LEAD``. A passage the
    words of the question also lead to, or one whose cosine stands out of the index's own
    score distribution, is not alone. On an index of one or two articles nothing is alone."""
    return rank >= LEXICAL_AGREEMENT_DEPTH and margin < LONE_DENSE_LEAD


def rarest_elsewhere(
    term_weights: Mapping[str, float], knows: Callable[[str], bool], article_terms: Set[str]
) -> bool:
    """Whether the question's rarest term the index holds (the largest of its
    ``term_weights``, idf, among those ``knows``; the first in the question on a tie) is
    missing from ``article_terms``, the first passage's whole article: the index holds it,
    elsewhere. A question the index covers finds its rarest word in the article it is
    answered from; one about news the index lacks often lands on a same-topic article that
    shares its common words only. False when the index holds none of the question's terms.
    """
    known = [(weight, term) for term, weight in term_weights.items() if knows(term)]
    if not known:
        return False
    rarest = max(known, key=lambda item: item[0])[1]
    return rarest not in article_terms


def holdable_terms(
    term_weights: Mapping[str, float], knows: Callable[[str], bool], names: Set[str]
) -> dict[str, float]:
    """Return the question's ``term_weights`` without the common words no indexed paragraph
    holds (``knows`` is False): no passage of this index could hold them, so their absence
    says nothing about the first passage, and the confidence counts them apart (its share
    of unknown words). Names and numbers (``names``: their terms) stay, as the rarest terms:
    a passage about "Omicron" must name it. On a small index many ordinary words are unknown
    (a Malay question's "askar", "sempadan"); counted as missing, they sank its support."""
    return {term: weight for term, weight in term_weights.items() if term in names or knows(term)}


def relative_support(term_weights: Mapping[str, float], held: Set[str], paragraphs: int) -> float:
    """Return the share (0 to 1) of a question's terms a passage ``held``, each weighted by
    its rarity relative to the index: its idf (``term_weights``, BM25's, a term no paragraph
    holds as the rarest) over the largest idf an index of ``paragraphs`` paragraphs gives.
    The same share means the same on one article as on thousands."""
    rarest = math.log(1.0 + paragraphs + 0.5)
    weights = {term: min(weight / rarest, 1.0) for term, weight in term_weights.items()}
    total = sum(weights.values())
    return sum(w for term, w in weights.items() if term in held) / total if total else 0.0


@dataclass(frozen=True)
class Candidate:
    """A paragraph in the running, with its fused and its separate scores."""

    row: int
    article_id: str
    score: float
    dense: float
    lexical: float


def _scaled(values: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.zeros_like(values)
    return (values - low) / (high - low)


def fuse(
    rows: npt.NDArray[np.int64],
    dense: npt.NDArray[np.float32],
    lexical: npt.NDArray[np.float32],
    coverage: float,
    article_ids: list[str],
) -> list[Candidate]:
    """Return candidates ordered by a blend of min-max scaled dense and lexical scores."""
    if len(rows) == 0:
        return []
    weight = LEXICAL_WEIGHT * max(coverage, MIN_COVERAGE) if float(lexical.max()) > 0 else 0.0
    fused = (1 - weight) * _scaled(dense) + weight * _scaled(lexical)
    order = np.argsort(-fused, kind="stable")
    return [
        Candidate(
            row=int(rows[i]),
            article_id=article_ids[i],
            score=float(fused[i]),
            dense=float(dense[i]),
            lexical=float(lexical[i]),
        )
        for i in order
    ]


def one_per_article(ranked: list[Candidate]) -> list[Candidate]:
    """Put each article's best passage first, in order; a further passage of an article keeps
    its place only when it beats every other article's best passage, else it goes last."""
    best: dict[str, float] = {}
    for candidate in ranked:
        best.setdefault(candidate.article_id, candidate.score)
    tops = sorted(best.items(), key=lambda item: -item[1])[:2]

    def best_other(article_id: str) -> float:
        others = [score for article, score in tops if article != article_id]
        return others[0] if others else float("-inf")

    primary: list[Candidate] = []
    deferred: list[Candidate] = []
    seen: set[str] = set()
    for candidate in ranked:
        if candidate.article_id not in seen:
            seen.add(candidate.article_id)
            primary.append(candidate)
        elif candidate.score > best_other(candidate.article_id):
            primary.append(candidate)
        else:
            deferred.append(candidate)
    return primary + deferred
