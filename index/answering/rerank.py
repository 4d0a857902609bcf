"""Rerank the best passages by how well they answer, not only by how close they are.

Fusion ranks paragraphs by closeness to the question. Among the best few, a factoid answer
sits in the paragraph that holds the question's rarer terms, most of them in one sentence,
and, for a "when" question, a date (for a "how many", a number). Measured on the dev sets
(BENCHMARKS.md, "Quality"): Indonesian hit@1 0.831 → 0.837 (both halves of a 2-fold split
gain), English unchanged; the term features cost English a hit@5 (English questions share
only names with the news), so their weights are per question language.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence, Set
from functools import lru_cache

from newsbot.index.answering.bridge import QuestionTerms
from newsbot.index.answering.fusion import Candidate
from newsbot.index.building.lexical import sentence_terms, sentence_words, tokenize

# English month names too, but not "may" and "march": those are English words first.
_MONTHS = (
    "januari februari maret april mei juni juli agustus september oktober november desember "
    "january february june july august october december"
)
_DAYS = "senin selasa rabu kamis jumat sabtu minggu"
_DATE = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)\b|\b\d{1,2}/\d{1,2}\b|\b(?:"
    + "|".join(f"{_MONTHS} {_DAYS}".split())
    + r")\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
_ASKS_WHEN = re.compile(
    r"\b(?:when|what year|which year|kapan|kapankah|tahun berapa|tanggal berapa|bilakah)\b"
    # Malay "bila" opening a question is "when"; inside one, Indonesian "bila" is "if".
    r"|^\W*bila\b",
    re.I,
)
_ASKS_HOW_MANY = re.compile(
    r"\b(?:how many|how much|how large|how long|how big|berapa|berapakah)\b", re.I
)
#: Questions whose answer is a name: who, which (place, body, title), what is called.
_ASKS_NAME = re.compile(
    r"\b(?:siapa|siapakah|who|whom|which|where|mana|manakah|dimana|judul"
    r"|apa nama|apakah nama|nama apa|what is the name)\b",
    re.I,
)
#: A capitalised word: in the middle of a sentence, a name.
_CAPITALISED = re.compile(r"\b[A-Z][\w-]+")
#: An answer stands beside the question's words: at most this many written words away
#: (``answer_near``). Chosen on the Indonesian calibration half among 2, 4, 6 and 10.
NEAR = 2
#: A date is a short word: "2005", "15/8", "Agustus" (not a long word holding a year).
_DATE_WORD = 10


def names_beyond(sentence: str, question_terms: Set[str]) -> bool:
    """Whether ``sentence`` names something (a capitalised word after its first word) whose
    terms the question does not hold: where a "who" or "which" question's answer would be.
    """
    return any(
        match.start() > 0 and not set(tokenize(match.group())) & question_terms
        for match in _CAPITALISED.finditer(sentence.strip())
    )


def asks_name(question: str) -> bool:
    """Whether ``question`` asks for a name (who, which, where, what is called) rather than a
    date or an amount (:func:`answer_kind`)."""
    return answer_kind(question) is None and bool(_ASKS_NAME.search(question))


def answer_kind(question: str) -> re.Pattern[str] | None:
    """Return what an answer to ``question`` holds when it asks for a date or an amount: a
    pattern its paragraph must match, or None for other questions."""
    if _ASKS_WHEN.search(question):
        return _DATE
    if _ASKS_HOW_MANY.search(question):
        return _NUMBER
    return None


def word_weights(words: QuestionTerms, term_weights: Mapping[str, float]) -> list[float]:
    """Return the weight of each of the question's content ``words``: the rarity of its
    rarest own term (``term_weights``), or, for a word known only by its translations, the
    mean rarity of the question's terms."""
    mean = sum(term_weights.values()) / len(term_weights) if term_weights else 1.0
    return [
        max((term_weights[term] for term in word if term in term_weights), default=mean)
        for word in words.words
    ]


@lru_cache(maxsize=1024)
def _answers(question: str) -> Callable[[str, bool, bool], bool] | None:
    """What a word that could answer ``question`` looks like, given the word, whether one
    of its terms is the question's and whether it opens its sentence: a date for "when", a
    number for "how many", a name the question does not hold for "who / which / where";
    None for other questions. Remembered per question: every candidate asks."""
    kind = answer_kind(question)
    if kind is _DATE:
        return lambda word, asked, first: len(word) <= _DATE_WORD and bool(_DATE.search(word))
    if kind is _NUMBER:
        return lambda word, asked, first: word[0].isdigit()
    if asks_name(question):
        return lambda word, asked, first: not first and word[0].isupper() and not asked
    return None


def answer_near(
    text: str, question: str, words: QuestionTerms, weights: Sequence[float], near: int = NEAR
) -> float:
    """Return how much of the question stands right beside a possible answer in ``text``:
    the largest weighted share (0 to 1) of the question's content ``words`` (themselves or
    translated, each of ``weights``: :func:`word_weights`) held by the written words at most
    ``near`` words from one word that could answer it (a date for "when", a number for "how
    many", a name the question lacks for "who": :func:`answer_kind`, :func:`asks_name`), in
    one sentence. 0 for a question of another kind.

    A paragraph that restates the question holds its words without the answer beside them;
    "istrinya (drg Susi Andriani)" holds the answer to "Siapakah nama istri Yuda?" next to
    the word asked about, as "Gubernur Papua JP Solossa" does for "Who is the Governor of
    Papua?" through its translated words.
    """
    answers = _answers(question)
    total = sum(weights)
    if answers is None or not total:
        return 0.0
    # Each term of the question, with the content words it stands for.
    words_of: dict[str, list[int]] = {}
    for i, content_word in enumerate(words.words):
        for term in content_word:
            words_of.setdefault(term, []).append(i)
    best = 0.0
    for sentence in sentence_words(text):
        # The question's content words each written word holds (most hold none).
        held = [
            [i for term in terms if term in words_of for i in words_of[term]]
            for _, terms in sentence
        ]
        for position, (word, _) in enumerate(sentence):
            if not answers(word, bool(held[position]), position == 0):
                continue
            window = held[max(0, position - near) : position + near + 1]
            near_words = {i for hold in window for i in hold}
            if near_words:
                best = max(best, sum(weights[i] for i in near_words) / total)
    return best


def rerank(
    ranked: Sequence[Candidate],
    texts: Sequence[str],
    question: str,
    term_weights: Mapping[str, float],
    weights: Sequence[float],
    words: QuestionTerms | None = None,
    words_weight: float = 0.0,
    near_weight: float = 0.0,
    dense_weight: float = 0.0,
) -> list[Candidate]:
    """Return ``ranked`` (with their paragraph ``texts``) reordered by fused score plus
    ``weights`` = (paragraph support, best-sentence support, answer kind[, answer kind in
    the best sentence, a name beyond the question's in the best sentence]) bonuses, and
    ``words_weight`` times the share of the question's content ``words`` the paragraph
    holds, itself or translated (what English questions share with Indonesian news),
    ``near_weight`` times the share of the question's words that stand beside a possible
    answer (:func:`answer_near`), and ``dense_weight`` times the paragraph's cosine less the
    best cosine among ``ranked`` (0 or below, cosine units: fusion scales each side to the
    range of a hundred candidates, where a few hundredths of cosine count for little).

    Support is the rarity-weighted share of the question's terms (``term_weights``) that
    the paragraph, or its best sentence, holds. The best sentence is the one holding most of
    it: for a "when" or "how many" question it should hold the date or the amount itself,
    for a "who" or "which" question a name the question does not (:func:`names_beyond`).
    """
    paragraph_weight, sentence_weight, kind_weight, *more = weights
    sentence_kind_weight, name_weight = (*more, 0.0, 0.0)[:2]
    total = sum(term_weights.values())
    kind = answer_kind(question)
    wants_name = name_weight and asks_name(question)
    own = set(tokenize(question))
    weights_of_words = word_weights(words, term_weights) if words is not None else []
    best_cosine = max((candidate.dense for candidate in ranked), default=0.0)
    rescored = []
    for candidate, text in zip(ranked, texts, strict=True):
        spans = sentence_terms(text)
        sentences = [set(tokens) for _, tokens in spans]
        held = set().union(*sentences) if sentences else set()
        paragraph = sum(w for term, w in term_weights.items() if term in held)
        supports = [sum(w for term, w in term_weights.items() if term in s) for s in sentences]
        sentence = max(supports, default=0.0)
        start, end = spans[supports.index(sentence)][0] if spans else (0, len(text))
        best = text[start:end]
        score = candidate.score
        if total:
            score += (paragraph_weight * paragraph + sentence_weight * sentence) / total
        if kind is not None and kind.search(text):
            score += kind_weight
        if kind is not None and kind.search(best):
            score += sentence_kind_weight
        if wants_name and names_beyond(best, own):
            score += name_weight
        if words is not None and words_weight:
            score += words_weight * words.support(held)
        if words is not None and near_weight:
            score += near_weight * answer_near(text, question, words, weights_of_words)
        score += dense_weight * (candidate.dense - best_cosine)
        rescored.append(dataclasses.replace(candidate, score=score))
    return sorted(rescored, key=lambda candidate: -candidate.score)
