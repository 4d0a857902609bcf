"""Record what the "not covered" floor sees, for every question of the quality matrix.

Every question of ``benchmarks/quality.py``'s refusal matrix (the seed article alone, the
dragon-boat case, the 31-article sample, 300 articles, the dev index) is asked once through
``NewsIndex.ask`` with the floor not applied; what the floor would decide on is written as
one JSON line per question: the candidates' cosines, the question's terms with their
document frequency and whether the first passage (and its article) holds them, its names
and numbers, the first passage's article's place on the dense and on the lexical side, the
question's cosines against every paragraph of the index (their mean, spread and
percentiles), whether the first passage is the right one, the reranker's evidence for it
(``answer_near``, the kind of answer asked, whether its best sentence holds one) and the
first fused candidates' articles and stories (round 7). A floor formula is then
tried by replaying these lines (``benchmarks/floor_replay.py``) instead of asking thousands
of questions again.

    python benchmarks/floor_features.py --shared ../shared --work-dir W --out features.jsonl

Needs the indexes ``quality.py`` built in ``--work-dir`` (it builds any that are missing).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from wordfreq import zipf_frequency

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import quality  # noqa: E402
from floor_english_unheld import english_words  # noqa: E402

from newsbot.index.answering.bridge import QuestionTerms  # noqa: E402
from newsbot.index.answering.evidence import contentless, unheld_word  # noqa: E402
from newsbot.index.answering.fusion import Candidate, cosine_margin, lexical_rank  # noqa: E402
from newsbot.index.answering.rerank import (  # noqa: E402
    answer_kind,
    answer_near,
    asks_name,
    names_beyond,
    word_weights,
)
from newsbot.index.answering.search import NewsIndex  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402
from newsbot.index.building.lexical import named_terms, sentence_terms, tokenize  # noqa: E402


def _terms(text: str) -> set[str]:
    return {term for _, terms in sentence_terms(text) for term in terms}


#: How many of the fused candidates' articles and stories are recorded, best first.
AGREEMENT_DEPTH = 10


def _asks(question: str) -> str | None:
    """What kind of answer ``question`` asks for: "date", "number", "name" or None."""
    kind = answer_kind(question)
    if kind is not None:
        return "date" if kind is answer_kind("when") else "number"
    return "name" if asks_name(question) else None


def _sentence_kind(question: str, text: str, weights: dict[str, float]) -> bool | None:
    """Whether the sentence of ``text`` holding most of the question's (rarity-weighted)
    terms holds an answer of the asked kind (a date, a number, a name the question lacks);
    None for a question of another kind."""
    asks = _asks(question)
    if asks is None:
        return None
    spans = sentence_terms(text)
    if not spans:
        return False
    supports = [sum(w for t, w in weights.items() if t in terms) for _, terms in spans]
    start, end = spans[supports.index(max(supports))][0]
    best = text[start:end]
    if asks == "name":
        return names_beyond(best, set(tokenize(question)))
    kind = answer_kind(question)
    return bool(kind and kind.search(best))


class Recorder:
    """Wraps ``NewsIndex._covers``: records what it is given, then answers (floor off)."""

    def __init__(self, index: NewsIndex) -> None:
        self.index = index
        self.last: dict[str, Any] | None = None
        original = NewsIndex._covers.__get__(index)  # the floor itself, even if wrapped

        def covers(
            question: str,
            language: str,
            words: QuestionTerms,
            top_text: str,
            candidates: list[Candidate],
            top_article: str | None = None,
        ) -> bool:
            self.last = self.features(question, language, words, top_text, candidates, top_article)
            self.last["floor_says"] = original(
                question, language, words, top_text, candidates, top_article
            )
            return True

        index._covers = covers  # type: ignore[method-assign]

    def features(
        self,
        question: str,
        language: str,
        words: QuestionTerms,
        top_text: str,
        candidates: list[Candidate],
        top_article: str | None = None,
    ) -> dict[str, Any]:
        index = self.index
        lexical = index._lexical
        with index._meta_lock:
            found = index._meta.execute(
                "SELECT row, article_id FROM paragraphs WHERE text = ? LIMIT 1", (top_text,)
            ).fetchone()
        row, article = (int(found[0]), str(found[1])) if found else (-1, "")
        if top_article is not None:  # the floor's own: another outlet may carry the same text
            article = top_article
        article_text = index.article_text(article) or top_text
        in_paragraph, in_article = _terms(top_text), _terms(article_text)
        by_row = {candidate.row: candidate for candidate in candidates}
        tokens = tokenize(question)
        weights = lexical.term_weights(tokens)

        def df(term: str) -> int:
            col = lexical.vocabulary.get(term)
            if col is None:
                return 0
            return int(lexical.weights.indptr[col + 1] - lexical.weights.indptr[col])

        cosines = sorted((candidate.dense for candidate in candidates), reverse=True)
        by_dense = sorted(candidates, key=lambda c: -c.dense)
        by_lexical = sorted(candidates, key=lambda c: -c.lexical)

        stories = index.stories
        story_of = {}
        for candidate in candidates[:AGREEMENT_DEPTH]:
            story = stories.of(candidate.article_id)
            story_of[candidate.article_id] = story.id if story else candidate.article_id
        top_story = stories.of(article)
        query = index.embedder.embed_queries([question])[0]
        every = np.sort(np.asarray(index._vectors @ query, dtype=np.float64))
        return {
            # The first passage's article among the candidates by each side alone.
            "dense_rank": next(
                (i for i, c in enumerate(by_dense) if c.article_id == article), len(by_dense)
            ),
            "lexical_rank": lexical_rank(candidates, article),
            "lexical_top": round(by_lexical[0].lexical, 4) if by_lexical else 0.0,
            "lexical_of_top": round(by_row[row].lexical, 4) if row in by_row else None,
            # The question's cosine against every paragraph of the index (its own null).
            "null": {
                "mean": round(float(every.mean()), 5),
                "std": round(float(every.std()), 5),
                "p50": round(float(np.percentile(every, 50)), 5),
                "p90": round(float(np.percentile(every, 90)), 5),
                "p99": round(float(np.percentile(every, 99)), 5),
            },
            "language": language,
            "paragraphs": index.manifest.paragraphs,
            # What the index saw of itself at build time (form 5), for the replay.
            "floor_evidence": index.manifest.floor_evidence,
            "floor_raise": index.manifest.floor_raise,
            "cosines": [round(c, 5) for c in cosines[:40]],
            "margin": round(cosine_margin(cosines), 5),
            "top_cosine": round(by_row[row].dense, 5) if row in by_row else None,
            "top_text": top_text,
            # The reranker's evidence for the first passage (round 7).
            "near": round(answer_near(top_text, question, words, word_weights(words, weights)), 4),
            "asks": _asks(question),
            "sentence_kind": _sentence_kind(question, top_text, weights),
            # Agreement: the first fused candidates' articles and stories (round 7).
            "articles": len(stories.articles()),
            "stories": len(stories),
            "top_article": article,
            "top_story": top_story.id if top_story else article,
            "candidates": [
                [c.article_id, story_of[c.article_id]] for c in candidates[:AGREEMENT_DEPTH]
            ],
            "terms": [
                {
                    "term": term,
                    "idf": round(weight, 4),
                    "df": df(term),
                    "paragraph": term in in_paragraph,
                    "article": term in in_article,
                }
                for term, weight in weights.items()
            ],
            "names": [
                {
                    "word": word,
                    "known": any(df(t) for t in terms),
                    "paragraph": any(t in in_paragraph for t in terms),
                    "article": any(t in in_article for t in terms),
                }
                for word, terms in named_terms(question)
            ],
            # An English question's words (benchmarks/floor_english_unheld.py, not shipped).
            "en_words": [
                {
                    "word": word,
                    "translated": translated,
                    "known": any(df(t) for t in terms),
                    "zipf": round(float(zipf_frequency(word, "en")), 2),
                    "name": word in {w.lower() for w, _ in named_terms(question)},
                }
                for word, terms, translated in english_words(question)
            ]
            if language == "en"
            else [],
            "words": [
                {
                    "terms": sorted(word),
                    "known": any(df(t) for t in word),
                    "paragraph": bool(word & in_paragraph),
                    "article": bool(word & in_article),
                    "df": max((df(t) for t in word), default=0),
                    # An ordinary Indonesian word no paragraph holds (form 7).
                    "unheld": unheld_word(word, lambda t: df(t) > 0),
                    "contentless": contentless(word),
                }
                for word in words.words
            ],
        }


def record(index: NewsIndex, name: str, questions: list[quality.Question], kind: str) -> list[Any]:
    recorder = Recorder(index)
    out = []
    for q in questions:
        recorder.last = None
        answer = index.ask(q["question"], k=1)
        gold = str(q.get("answer") or q.get("must_contain") or "")
        top = answer.hits[0].text if answer.hits else ""
        out.append(
            {
                "index": name,
                "kind": kind,
                "question": q["question"],
                "lang": q["lang"],
                "set": q.get("set") or quality.half(q.get("id") or q["question"]),
                "answered": answer.answered,
                "reason": answer.reason,
                "right_first": bool(gold) and bool(answer.hits) and gold in top,
                **(recorder.last or {}),
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    shared, work = args.shared.resolve(), args.work_dir
    eval_dir = shared / "eval"
    questions = {
        "id": quality.read_jsonl(eval_dir / "dev_id.jsonl"),
        "en": quality.read_jsonl(eval_dir / "dev_en.jsonl"),
    }
    no_answer = quality.read_jsonl(REPO / "benchmarks" / "no_answer.jsonl")
    asked = [q["question"] for qs in questions.values() for q in qs]
    cached = quality.PrecomputedQueries(
        load_embedder(), asked + [q["question"] for q in no_answer], work
    )
    corpora = quality.matrix_corpora(work, shared, questions, no_answer)
    indosum = work / f"indosum-first-{quality.INDOSUM_ARTICLES}.jsonl"
    dev = [eval_dir / "dev-passages.jsonl", indosum]
    corpora.append(("1,483 articles (dev)", dev, [*questions["id"], *questions["en"]], no_answer))
    with args.out.open("w", encoding="utf-8") as out:
        for name, sources, answerable, absent in corpora:
            where = work / "dev-index" if "dev" in name else quality.matrix_index_dir(work, name)
            index = quality.build(where, sources, cached)
            try:
                for kind, qs in (("answerable", answerable), ("absent", absent)):
                    print(f"{name}: {len(qs)} {kind}", file=sys.stderr)
                    for line in record(index, name, qs, kind):
                        out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    out.flush()
            finally:
                index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
