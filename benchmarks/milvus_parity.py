"""Answer quality on the Milvus store against the local store, side by side in one run.

The quality benchmark's dev index (FacQA dev passages + the first 200 IndoSum articles) is
built twice with the same vectors: in the local index directory and in a Milvus Lite file.
Every dev question (Indonesian and English) and every no-answer question is asked of both
through ``NewsIndex.ask``; the run reports hit@1 / hit@5 per language and store, the
no-answer and answerable refusal rates, how many answers are identical, and ms/question.

    python benchmarks/milvus_parity.py --shared ../shared [--store milvus://HOST:PORT]

Writes ``benchmarks/results/milvus_parity.json``. Needs the shared data and the milvus
extra; never runs in CI.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import quality  # noqa: E402
import side_by_side  # noqa: E402

from newsbot.index.answering import stores  # noqa: E402
from newsbot.index.answering.search import NewsIndex  # noqa: E402
from newsbot.index.building import store  # noqa: E402
from newsbot.index.building.embedders import Embedder, load_embedder  # noqa: E402
from newsbot.index.building.milvus_store import parse_store  # noqa: E402


class LocalVectors:
    """An embedder that serves passages from the local index's vectors (by context hash)
    and questions from ``queries``: both stores then hold the very same vectors."""

    def __init__(self, local: Path, queries: Embedder) -> None:
        version = store.live_version(local)
        conn = sqlite3.connect(version / store.META)
        self._rows = dict(conn.execute("SELECT context_hash, row FROM paragraphs").fetchall())
        conn.close()
        self._vectors = np.load(version / store.VECTORS, allow_pickle=False)
        self._queries = queries
        self.name = queries.name
        self.dim = queries.dim
        self.missed = 0

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        rows = [self._rows.get(hashlib.sha1(t.encode("utf-8")).hexdigest()) for t in texts]
        missing = [t for t, r in zip(texts, rows, strict=True) if r is None]
        self.missed += len(missing)
        fresh = iter(self._queries.embed_passages(missing)) if missing else iter(())
        return np.asarray(
            [self._vectors[r] if r is not None else next(fresh) for r in rows], dtype=np.float32
        )

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._queries.embed_queries(texts)


def measure(
    index: NewsIndex, questions: dict[str, list[Any]], no_answer: list[Any]
) -> dict[str, Any]:
    refused: set[str] = set()
    result: dict[str, Any] = {}
    for lang, qs in questions.items():
        result[lang] = quality.score(qs, quality.product_ranker(index, refused))
    result["answerable_refused"] = {
        lang: quality.share_of(qs, refused) for lang, qs in questions.items()
    }
    result["no_answer_refused"] = quality.no_answer_refused(index, no_answer)
    return result


def main() -> int:
    parser = side_by_side.arguments(__doc__, REPO)
    parser.add_argument("--store", default=None, help="default: a Milvus Lite file in work")
    args = parser.parse_args()
    eval_dir = args.shared / "eval"
    work = args.work_dir
    work.mkdir(parents=True, exist_ok=True)
    indosum = work / f"indosum-first-{quality.INDOSUM_ARTICLES}.jsonl"
    with (args.shared / "corpus" / "indosum-3000.jsonl").open(encoding="utf-8") as source:
        lines = [line for _, line in zip(range(quality.INDOSUM_ARTICLES), source, strict=False)]
    if not indosum.exists() or indosum.read_text(encoding="utf-8") != "".join(lines):
        indosum.write_text("".join(lines), encoding="utf-8")
    questions = {
        "id": quality.read_jsonl(eval_dir / "dev_id.jsonl"),
        "en": quality.read_jsonl(eval_dir / "dev_en.jsonl"),
    }
    no_answer = quality.read_jsonl(REPO / "benchmarks" / "no_answer.jsonl")
    asked = [q["question"] for qs in questions.values() for q in qs]
    e5 = load_embedder()
    cached = quality.PrecomputedQueries(e5, asked + [q["question"] for q in no_answer], work)
    sources = [eval_dir / "dev-passages.jsonl", indosum]
    print("building the local dev index...", file=sys.stderr)
    local_report = stores.build(work / "dev-index", None, sources, cached)
    target = parse_store(args.store or str(work / "dev-milvus.db"))
    assert target is not None
    print(f"building the dev index in Milvus at {target.setting}...", file=sys.stderr)
    vectors = LocalVectors(work / "dev-index", cached)
    started = time.perf_counter()
    milvus_report = stores.build(work / "dev-index-milvus", target, sources, vectors)
    milvus_build_seconds = time.perf_counter() - started
    local = stores.open_index(work / "dev-index", None, cached)
    milvus = stores.open_index(work / "dev-index-milvus", target, cached)

    results: dict[str, Any] = {"stores": {}}
    for name, index in (("local", local), ("milvus", milvus)):
        print(f"asking the {name} store...", file=sys.stderr)
        results["stores"][name] = measure(index, questions, no_answer)
        print(json.dumps(results["stores"][name]), file=sys.stderr)
    every = list(dict.fromkeys(asked + [q["question"] for q in no_answer]))
    same = sum(local.ask(q, k=5).to_json() == milvus.ask(q, k=5).to_json() for q in every)
    english = [q["question"] for q in questions["en"]]
    timing = side_by_side.timed_turns(
        {"local": local, "milvus": milvus}, english * 3, lambda index, q: index.ask(q)
    )
    local.close()
    milvus.close()
    results.update(
        {
            "identical_answers": same,
            "questions": len(every),
            "ask_ms_p50": {k: round(statistics.median(v), 1) for k, v in timing.items()},
            "paragraphs": local_report.paragraphs,
            "milvus_build_seconds": round(milvus_build_seconds, 1),
            "milvus_build": {"embedded": milvus_report.embedded, "missed": vectors.missed},
        }
    )
    side_by_side.write_results(
        "milvus_parity", results, "python benchmarks/milvus_parity.py --shared ../shared"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
