"""Query speed of the Milvus store against the local store at 100k (and 1M) paragraphs,
side by side in one run.

Each size is first written as a local index version by ``speed_query.make_index`` (real
paragraphs of the dev index, then copies under new article ids with perturbed e5 vectors),
then the very same rows (text, stemmed terms, metadata, vectors) are written to a Milvus
version with the product's ``MilvusStore`` and made live. ``NewsIndex.ask`` is timed on both,
alternating, with each question's e5 vector precomputed (the retrieval cost alone; the
model adds the same ~10 ms to both), and the top passages compared.

    python benchmarks/milvus_speed.py --shared ../shared --sizes 100000 1000000

Needs the dev index of ``benchmarks/milvus_parity.py`` in ``--work-dir``. Writes
``benchmarks/results/milvus_speed.json``; never runs in CI.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import side_by_side  # noqa: E402
import speed_query  # noqa: E402

from newsbot.index.answering import stores  # noqa: E402
from newsbot.index.building import dense, store  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402
from newsbot.index.building.milvus_store import (  # noqa: E402
    DENSE_INDEX,
    MilvusStore,
    MilvusTarget,
    paragraph_row,
    parse_store,
)
from newsbot.index.building.stories import read_stories  # noqa: E402

BATCH = 2_000


def to_milvus(version: Path, target: MilvusTarget) -> dict[str, Any]:
    """Write the local index ``version`` to a new live Milvus version; seconds taken."""
    started = time.perf_counter()
    manifest = store.read_manifest(version)
    vectors = np.load(version / store.VECTORS, mmap_mode="r")
    conn = sqlite3.connect(version / store.META)
    stories = read_stories(version)
    milvus = MilvusStore(target)
    name = milvus.start_version(manifest.dim, manifest.embedder)
    collection = milvus.paragraphs_collection(name)
    frequencies: Counter[str] = Counter()
    query = """
        SELECT p.row, p.article_id, p.number, p.text, p.context_hash, p.terms,
               a.title, a.source, a.published, a.url, a.path, a.content_hash
        FROM paragraphs p JOIN articles a ON a.id = p.article_id ORDER BY p.row
    """
    batch: list[dict[str, Any]] = []
    for (
        row,
        article,
        number,
        text,
        context,
        terms,
        title,
        source,
        published,
        url,
        path,
        h,
    ) in conn.execute(query):
        frequencies.update(set(terms.split()))
        batch.append(
            paragraph_row(
                row=row,
                article_id=article,
                number=number,
                text=text,
                terms=terms,
                title=title,
                source=source,
                published=published,
                url=url,
                path=path,
                story_id=stories.get(article, ""),
                context_hash=context,
                content_hash=h,
                vector=np.asarray(vectors[row], dtype=np.float32).tolist(),
            )
        )
        if len(batch) >= BATCH:
            milvus.insert(collection, batch)
            batch = []
            if (row + 1) % 50_000 < BATCH:  # how fast, for a run that cannot finish
                rate = (row + 1) / (time.perf_counter() - started)
                print(f"  {row + 1} rows in Milvus, {rate:.0f} rows/s", file=sys.stderr)
    milvus.insert(collection, batch)
    inserted = time.perf_counter()
    milvus.write_terms(name, frequencies)
    summary = {"outlets": [], "first": None, "last": None}
    milvus.publish(name, dataclasses.replace(manifest, dense_index=DENSE_INDEX), summary)
    milvus.close()
    conn.close()
    return {
        "insert_seconds": round(inserted - started, 1),
        "total_seconds": round(time.perf_counter() - started, 1),
    }


def compare(
    local_dir: Path, target: MilvusTarget | None, asked: Sequence[str], vectors: np.ndarray
) -> dict[str, Any]:
    """Time ``asked`` on the local index and (``target`` given) the Milvus one, in turns."""
    manifest = store.read_manifest(store.live_version(local_dir))
    stub = speed_query.PrecomputedEmbedder(
        manifest.embedder, manifest.dim, dict(zip(asked, vectors, strict=True))
    )
    indexes: dict[str, Any] = {}
    opened: dict[str, float] = {}
    # Milvus reads every article and its story when it opens.
    for name, where in (("local", None), ("milvus", target)):
        if name == "local" or where is not None:
            started = time.perf_counter()
            indexes[name] = stores.open_index(local_dir, where, stub)
            opened[name] = round(time.perf_counter() - started, 1)
    for q in asked[:10]:  # warm them
        for index in indexes.values():
            index.ask(q)
    answers: dict[int, list[list[str]]] = {id(index): [] for index in indexes.values()}

    def ask(index: Any, question: str) -> None:
        answers[id(index)].append([h.citation.article_id for h in index.ask(question, k=5).hits])

    times = side_by_side.timed_turns(indexes, asked, ask)
    result = {
        "questions": len(asked),
        "open_seconds": opened,
        "ask_ms": side_by_side.percentiles(times),
    }
    if len(indexes) == 2:
        pairs = list(zip(*(answers[id(index)] for index in indexes.values()), strict=True))
        result["same_first_article"] = sum(a[:1] == b[:1] for a, b in pairs)
        result["same_five_articles"] = sum(a == b for a, b in pairs)
    for index in indexes.values():
        index.close()
    return result


def main() -> int:
    parser = side_by_side.arguments(__doc__, REPO)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument(
        "--reuse", action="store_true", help="ask the indexes of an earlier run, if present"
    )
    parser.add_argument(
        "--local-only",
        action="store_true",
        help="time the local index of an earlier run alone (its Milvus write did not finish)",
    )
    args = parser.parse_args()
    work: Path = args.work_dir
    source = store.live_version(work / "dev-index")
    asked = speed_query.questions(args.shared, args.questions)
    vectors = speed_query.question_vectors(work, asked, load_embedder())
    results: dict[str, Any] = {"sizes": {}}
    for size in args.sizes:
        local_dir = work / f"scale-{size}"
        kind = dense.choose(size, None)
        target = parse_store(str(work / f"scale-{size}.db"))
        assert target is not None
        if args.local_only:
            results["sizes"][str(size)] = {
                "local_dense_index": kind,
                "milvus_write": "not finished",
                **compare(local_dir, None, asked, vectors),
            }
            print(json.dumps(results["sizes"][str(size)]), file=sys.stderr)
            _write(results, args.sizes, "milvus_speed_local")
            continue
        if args.reuse and local_dir.is_dir() and (work / f"scale-{size}.db").exists():
            made: dict[str, Any] = {"write_seconds": None}
            loaded: dict[str, Any] = {"reused": True}
        else:
            print(f"{size}: writing the local index ({kind})...", file=sys.stderr)
            made = speed_query.make_index(source, local_dir, size, kind)
            for stale in work.glob(f"scale-{size}.db*"):
                stale.unlink()
            print(f"{size}: writing Milvus...", file=sys.stderr)
            loaded = to_milvus(store.live_version(local_dir), target)
        print(f"{size}: asking...", file=sys.stderr)
        results["sizes"][str(size)] = {
            "local_dense_index": kind,
            "local_write_seconds": made["write_seconds"],
            "milvus_write": loaded,
            **compare(local_dir, target, asked, vectors),
        }
        print(json.dumps(results["sizes"][str(size)]), file=sys.stderr)
        _write(results, args.sizes)
    return 0


def _write(results: dict[str, Any], sizes: Sequence[int], name: str = "milvus_speed") -> None:
    """Write what is measured so far (a long run keeps its finished sizes)."""
    command = "python benchmarks/milvus_speed.py --shared ../shared --sizes " + " ".join(
        str(s) for s in sizes
    )
    if name != "milvus_speed":
        command += " --local-only"
    side_by_side.write_results(name, results, command)


if __name__ == "__main__":
    sys.exit(main())
