"""Replay fusion variants under the product's rerank: each side's depth, the lexical weight,
the way scores are put on one scale.

``rank_replay.py`` keeps each question's first 30 fused candidates, so it can try a rerank
but not a fusion. ``record`` keeps, for every question ``rank_replay.py`` recorded (run its
``record`` first), its cosine against every paragraph of the dev index and every
paragraph's BM25 score (the bridge's translated terms added, as the product adds them), with
the paragraphs' text and article; ``replay`` then builds each variant's candidates as
``NewsIndex._candidates`` does (the dense side's best ``dense`` rows and the lexical side's
best ``lexical`` rows, fused), keeps one passage per article, reranks them with the product's
rerank and scores them as ``rank_replay.py`` does (hit@1 / hit@5, floor off: the floor's
confidences were recorded for the product's order only). With the product's settings it
gives ``rank_replay.py``'s numbers exactly.

    python benchmarks/fusion_replay.py record --work-dir W
    python benchmarks/fusion_replay.py replay --work-dir W

A question whose window allows no paragraph ("kemarin" read as the day before today) keeps
its recorded empty answer. Never runs in CI: it needs the shared data and a built dev index.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import rank_replay  # noqa: E402

from newsbot.index.answering.fusion import (  # noqa: E402
    LEXICAL_WEIGHT,
    MIN_COVERAGE,
    Candidate,
    fuse,
    one_per_article,
)
from newsbot.index.defaults import CANDIDATES  # noqa: E402

SCORES = "fusion-scores.npz"
PARAGRAPHS = "fusion-paragraphs.json"
Floats = npt.NDArray[np.float32]
#: rows, cosines, BM25 scores, coverage, article ids → candidates, best first.
Fuser = Callable[[npt.NDArray[np.int64], Floats, Floats, float, list[str]], list[Candidate]]


def record(shared: Path, work: Path) -> None:
    """Every recorded question's cosines and BM25 scores against every paragraph."""
    from quality import PrecomputedQueries, read_jsonl

    from newsbot.index.answering.bridge import question_terms
    from newsbot.index.answering.fusion import question_language
    from newsbot.index.answering.search import NewsIndex
    from newsbot.index.building.embedders import load_embedder
    from newsbot.index.building.lexical import tokenize
    from newsbot.index.coverage import when
    from newsbot.index.coverage.request import read_request

    asked = rank_replay.questions_of(shared)
    dev = [q["question"] for name, q in asked if name != "en-holdout"]
    no_answer = [q["question"] for q in read_jsonl(REPO / "benchmarks" / "no_answer.jsonl")]
    cached = PrecomputedQueries(load_embedder(), dev + no_answer, work)
    cached.add([q["question"] for name, q in asked if name == "en-holdout"])
    index = NewsIndex.open(work / "dev-index", cached)
    size = index.manifest.paragraphs
    cosines = np.zeros((len(asked), size), np.float32)
    lexical = np.zeros((len(asked), size), np.float32)
    coverage = np.zeros(len(asked), np.float32)
    for k, (_, q) in enumerate(asked):
        request = read_request(q["question"], index.stories.outlets(), when.now())
        search = request.search or request.question
        cosines[k] = np.asarray(index._vectors[:] @ cached.embed_queries([search])[0])
        match = index._lexical.match(tokenize(search))
        words = question_terms(search, question_language(search), index._lexical.knows)
        lexical[k] = match.scores
        if words.bridged:
            lexical[k] += index._lexical.weighted_scores(words.bridged)
        coverage[k] = match.coverage
    np.savez(work / SCORES, cosines=cosines, lexical=lexical, coverage=coverage)
    texts = index._paragraph_column(range(size), "text")
    articles = index._paragraph_column(range(size), "article_id")
    (work / PARAGRAPHS).write_text(
        json.dumps({"texts": texts, "articles": articles}, ensure_ascii=False), encoding="utf-8"
    )
    index.close()


def _scaled(values: Floats) -> Floats:
    low, high = float(values.min()), float(values.max())
    return np.zeros_like(values) if high - low < 1e-9 else (values - low) / (high - low)


def blend(lexical_weight: float = LEXICAL_WEIGHT, scale: str = "min-max", k: int = 60) -> Fuser:
    """A fusion like ``fusion.fuse`` with another lexical weight or scale: ``min-max`` (the
    product's), ``sqrt`` (BM25's square root, then min-max), ``max`` (BM25 over its best
    alone) or ``rrf`` (reciprocal ranks, ``k``)."""

    def fuser(
        rows: npt.NDArray[np.int64],
        dense: Floats,
        lexical: Floats,
        coverage: float,
        article_ids: list[str],
    ) -> list[Candidate]:
        has = float(lexical.max()) > 0
        weight = lexical_weight * max(coverage, MIN_COVERAGE) if has else 0.0
        if scale == "rrf":
            dense_rank = np.argsort(np.argsort(-dense))
            lexical_rank = np.argsort(np.argsort(-lexical))
            lexical_part = np.where(lexical > 0, 1.0 / (k + lexical_rank), 0.0)
            fused = _scaled((1 - weight) / (k + dense_rank) + weight * lexical_part)
        else:
            if scale == "sqrt":
                lexical_part = _scaled(np.sqrt(lexical))
            elif scale == "max":
                lexical_part = lexical / max(float(lexical.max()), 1e-9)
            else:
                lexical_part = _scaled(lexical)
            fused = (1 - weight) * _scaled(dense) + weight * lexical_part
        order = np.argsort(-fused, kind="stable")
        return [
            Candidate(
                int(rows[i]), article_ids[i], float(fused[i]), float(dense[i]), float(lexical[i])
            )
            for i in order
        ]

    return fuser


@dataclass(frozen=True)
class Variant:
    """A way of building the candidates: each side's depth and the fusion."""

    name: str
    dense: int = CANDIDATES
    lexical: int = CANDIDATES
    fuser: Fuser = fuse


VARIANTS = (
    Variant("product: 100 + 100, min-max, lexical 0.5"),
    Variant("lexical weight 0.4", fuser=blend(0.4)),
    Variant("lexical weight 0.6", fuser=blend(0.6)),
    Variant("50 + 50 candidates", dense=50, lexical=50),
    Variant("200 + 200 candidates", dense=200, lexical=200),
    Variant("100 dense + 30 lexical", lexical=30),
    Variant("30 dense + 100 lexical", dense=30),
    Variant("reciprocal ranks (k 60)", fuser=blend(scale="rrf")),
    Variant("BM25's square root, min-max", fuser=blend(scale="sqrt")),
    Variant("BM25 over its best", fuser=blend(scale="max")),
)


def replay(work: Path, variants: tuple[Variant, ...] = VARIANTS) -> None:
    """Score every variant per set, floor off."""
    records = rank_replay.load(work / rank_replay.RECORDS)
    with np.load(work / SCORES) as arrays:
        cosines, lexical, coverage = arrays["cosines"], arrays["lexical"], arrays["coverage"]
    paragraphs = json.loads((work / PARAGRAPHS).read_text(encoding="utf-8"))
    texts, articles = paragraphs["texts"], np.asarray(paragraphs["articles"])
    print(f"{'variant':42} " + "  ".join(f"{name:>14}" for name in rank_replay.SETS))
    for variant in variants:
        replayed = []
        for k, r in enumerate(records):
            if not r.candidates:
                replayed.append(r)
                continue
            dense_rows = np.argpartition(-cosines[k], variant.dense - 1)[: variant.dense]
            lexical_rows = np.flatnonzero(lexical[k])
            if len(lexical_rows) > variant.lexical:
                best = np.argpartition(-lexical[k][lexical_rows], variant.lexical - 1)
                lexical_rows = lexical_rows[best[: variant.lexical]]
            rows = np.unique(np.concatenate([dense_rows, lexical_rows]))
            fused = variant.fuser(
                rows, cosines[k][rows], lexical[k][rows], float(coverage[k]), list(articles[rows])
            )
            ranked = one_per_article(fused)[: rank_replay.KEPT]
            replayed.append(
                rank_replay.Record(
                    r.set,
                    r.question,
                    r.answer,
                    r.language,
                    r.floor,
                    r.term_weights,
                    r.words,
                    ranked,
                    [texts[c.row] for c in ranked],
                    [],
                )
            )
        results = rank_replay.score(replayed, rank_replay.product)
        cells = [
            f"{results[name]['hit@1']:.3f} / {results[name]['hit@5']:.3f}"
            for name in rank_replay.SETS
        ]
        print(f"{variant.name:42} " + "  ".join(cells), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=("record", "replay"))
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True, help="quality.py's work dir")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.step == "record":
        record(args.shared.resolve(), args.work_dir)
    else:
        replay(args.work_dir)
    print(f"{args.step} in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
