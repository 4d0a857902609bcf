"""Replay answer ranking over every dev question in seconds (the fast loop for rerank ideas).

``record`` asks the dev index of ``benchmarks/quality.py`` (its work dir, built and cached
there) every Indonesian dev question, every English dev question and the English holdout
once, and writes, per question, the fused candidates one per article (the first ``KEPT``
with their text, scores, and the confidence the floor would read were that candidate first),
the question's term weights and content words (translations included), its language, its
floor and its gold answer. ``replay`` then reranks each question's first ``RERANK_DEPTH``
with the product's ``rerank`` (or a variant) and scores hit@1 / hit@5 / MRR@10, with the
floor and without, per set: Indonesian calibration and holdout halves (by the SHA-256 of the
question's id: an even digest is calibration), English dev, English holdout (never tuned on).

    python benchmarks/rank_replay.py record --shared ../shared --work-dir W
    python benchmarks/rank_replay.py replay --work-dir W

A hit is the gold answer inside one of the first ten passages' text, as in ``quality.py``;
with no variant the numbers are the product's (checked against ``quality.py``'s rows).
Never runs in CI: it needs the shared data and a built dev index.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from newsbot.index.answering.bridge import QuestionTerms  # noqa: E402
from newsbot.index.answering.fusion import Candidate, one_per_article  # noqa: E402
from newsbot.index.answering.rerank import rerank  # noqa: E402
from newsbot.index.defaults import (  # noqa: E402
    RERANK_DENSE,
    RERANK_DEPTH,
    RERANK_DEPTHS,
    RERANK_NEAR,
    RERANK_WEIGHTS,
    RERANK_WORDS,
)

#: Candidates (one per article) kept per question, with their text.
KEPT = 30
#: Candidates whose "were it first" confidence is recorded (a rerank moves one of these up).
CONFIDENCE_DEPTH = 20
DEPTH = 10
RECORDS = "rank-records.json.gz"


def half(question_id: str) -> str:
    """``calibration`` when the SHA-256 of ``question_id`` is even, else ``holdout``."""
    digest = int(hashlib.sha256(question_id.encode()).hexdigest(), 16)
    return "holdout" if digest % 2 else "calibration"


@dataclass
class Record:
    """One question as the ranker saw it."""

    set: str
    question: str
    answer: str
    language: str
    floor: float
    term_weights: dict[str, float]
    words: QuestionTerms
    candidates: list[Candidate]
    texts: list[str]
    confidences: list[float]

    def to_json(self) -> dict[str, Any]:
        return {
            "set": self.set,
            "question": self.question,
            "answer": self.answer,
            "language": self.language,
            "floor": self.floor,
            "term_weights": self.term_weights,
            "words": [sorted(word) for word in self.words.words],
            "bridged": self.words.bridged,
            "candidates": [
                [c.row, c.article_id, c.score, c.dense, c.lexical] for c in self.candidates
            ],
            "texts": self.texts,
            "confidences": self.confidences,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        return cls(
            set=data["set"],
            question=data["question"],
            answer=data["answer"],
            language=data["language"],
            floor=data["floor"],
            term_weights=data["term_weights"],
            words=QuestionTerms(tuple(frozenset(w) for w in data["words"]), data["bridged"]),
            candidates=[Candidate(*c) for c in data["candidates"]],
            texts=data["texts"],
            confidences=data["confidences"],
        )


def questions_of(shared: Path) -> list[tuple[str, dict[str, Any]]]:
    from quality import read_jsonl

    eval_dir = shared / "eval"
    found: list[tuple[str, dict[str, Any]]] = [
        (f"id-{half(q['id'])}", q) for q in read_jsonl(eval_dir / "dev_id.jsonl")
    ]
    found += [("en-dev", q) for q in read_jsonl(eval_dir / "dev_en.jsonl")]
    found += [("en-holdout", q) for q in read_jsonl(REPO / "benchmarks" / "en_holdout.jsonl")]
    return found


def record(shared: Path, work: Path) -> list[Record]:
    """Ask the dev index every question once and keep what the ranker reads."""
    from quality import PrecomputedQueries, read_jsonl

    from newsbot.index.answering.search import NewsIndex
    from newsbot.index.building.embedders import load_embedder
    from newsbot.index.coverage import when
    from newsbot.index.coverage.request import read_request

    asked = questions_of(shared)
    dev = [q["question"] for name, q in asked if name != "en-holdout"]
    no_answer = [q["question"] for q in read_jsonl(REPO / "benchmarks" / "no_answer.jsonl")]
    cached = PrecomputedQueries(load_embedder(), dev + no_answer, work)
    cached.add([q["question"] for name, q in asked if name == "en-holdout"])
    index = NewsIndex.open(work / "dev-index", cached)
    records = []
    started = time.perf_counter()
    for name, q in asked:
        request = read_request(q["question"], index.stories.outlets(), when.now())
        search = request.search or request.question
        found = index._search(search, request)
        if found is None:  # a window nothing in the index falls in: nothing is found
            tokens: list[str] = []
            candidates: list[Candidate] = []
            language, words = "id", QuestionTerms((), {})
        else:
            tokens, language, words, candidates = found
        ranked = one_per_article(candidates)[:KEPT]
        texts = index._paragraph_column((c.row for c in ranked), "text")
        confidences = [
            index._confidence(search, language, words, text, candidates, c.article_id)
            for c, text in zip(ranked[:CONFIDENCE_DEPTH], texts, strict=False)
        ]
        records.append(
            Record(
                name,
                q["question"],
                q["answer"],
                language,
                index.floor(language),
                index._term_stats().term_weights(tokens),
                words,
                ranked,
                texts,
                confidences,
            )
        )
    print(f"recorded {len(records)} questions in {time.perf_counter() - started:.0f}s")
    index.close()
    return records


def save(records: Sequence[Record], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump([r.to_json() for r in records], handle, ensure_ascii=False)


def load(path: Path) -> list[Record]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [Record.from_json(data) for data in json.load(handle)]


#: A ranker: a record → the order (indexes into its candidates) of the first passages.
Ranker = Callable[[Record], list[int]]


def product(record: Record, depth: int | None = None) -> list[int]:
    """The product's ranking: its rerank over the first ``depth`` (by default the
    question language's), then the rest in order."""
    if depth is None:
        depth = RERANK_DEPTHS.get(record.language, RERANK_DEPTH)
    best = record.candidates[:depth]
    reranked = rerank(
        best,
        record.texts[:depth],
        record.question,
        record.term_weights,
        RERANK_WEIGHTS.get(record.language, RERANK_WEIGHTS["id"]),
        record.words,
        RERANK_WORDS.get(record.language, 0.0),
        RERANK_NEAR.get(record.language, 0.0),
        RERANK_DENSE.get(record.language, 0.0),
    )
    position = {c.row: i for i, c in enumerate(best)}
    return [position[c.row] for c in reranked] + list(range(depth, len(record.candidates)))


def score(records: Iterable[Record], ranker: Ranker) -> dict[str, dict[str, float]]:
    """hit@1, hit@5, MRR@10 per set, never refusing and with the floor."""
    sums: dict[str, dict[str, float]] = {}
    for r in records:
        order = ranker(r)
        rank = next((i for i, c in enumerate(order[:DEPTH], 1) if r.answer in r.texts[c]), None)
        refused = not order or (order[0] < len(r.confidences) and r.confidences[order[0]] < r.floor)
        s = sums.setdefault(r.set, {"n": 0, "h1": 0, "h5": 0, "rr": 0, "f1": 0, "f5": 0})
        s["n"] += 1
        if rank is not None:
            s["h1"] += rank == 1
            s["h5"] += rank <= 5
            s["rr"] += 1 / rank
            s["f1"] += rank == 1 and not refused
            s["f5"] += rank <= 5 and not refused
    return {
        name: {
            "n": s["n"],
            "hit@1": s["h1"] / s["n"],
            "hit@5": s["h5"] / s["n"],
            "mrr": s["rr"] / s["n"],
            "floor hit@1": s["f1"] / s["n"],
            "floor hit@5": s["f5"] / s["n"],
        }
        for name, s in sorted(sums.items())
    }


SETS = ("id-calibration", "id-holdout", "en-dev", "en-holdout")


def table(results: dict[str, dict[str, float]]) -> str:
    lines = ["set            n     hit@1  hit@5  MRR    | floor: hit@1 hit@5"]
    for name in [*SETS, "id-all"]:
        if name == "id-all":
            parts = [results[n] for n in ("id-calibration", "id-holdout") if n in results]
            if not parts:
                continue
            n = sum(p["n"] for p in parts)
            r = {k: sum(p[k] * p["n"] for p in parts) / n for k in parts[0] if k != "n"}
            r["n"] = n
        elif name in results:
            r = results[name]
        else:
            continue
        lines.append(
            f"{name:14} {int(r['n']):5} {r['hit@1']:.3f}  {r['hit@5']:.3f}  {r['mrr']:.3f}  |"
            f"        {r['floor hit@1']:.3f} {r['floor hit@5']:.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=("record", "replay"))
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True, help="quality.py's work dir")
    args = parser.parse_args(argv)
    path = args.work_dir / RECORDS
    if args.step == "record":
        records = record(args.shared.resolve(), args.work_dir)
        save(records, path)
    else:
        started = time.perf_counter()
        records = load(path)
        print(f"loaded {len(records)} questions in {time.perf_counter() - started:.1f}s")
    started = time.perf_counter()
    print(table(score(records, product)))
    print(f"replayed in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
