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

import argparse
import dataclasses
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import speed_query  # noqa: E402

from newsbot.index.answering import stores  # noqa: E402
from newsbot.index.building import dense, store  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402
from newsbot.index.building.milvus_build import TERMS_BATCH  # noqa: E402
from newsbot.index.building.milvus_store import (  # noqa: E402
    DENSE_INDEX,
    MilvusStore,
    MilvusTarget,
    clip,
    epoch_seconds,
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
            {
                "row": row,
                "article_id": article,
                "number": number,
                "text": clip(text, 65_535),
                "terms": clip(terms, 65_535),
                "title": clip(title, 4096),
                "source": clip(source, 1024),
                "published": clip(published, 64),
                "published_at": epoch_seconds(published),
                "url": clip(url, 4096),
                "path": clip(path, 4096),
                "story_id": stories.get(article, ""),
                "context_hash": context,
                "content_hash": h,
                "vector": np.asarray(vectors[row], dtype=np.float32).tolist(),
            }
        )
        if len(batch) >= BATCH:
            milvus.insert(collection, batch)
            batch = []
            if (row + 1) % 50_000 < BATCH:  # how fast, for a run that cannot finish
                rate = (row + 1) / (time.perf_counter() - started)
                print(f"  {row + 1} rows in Milvus, {rate:.0f} rows/s", file=sys.stderr)
    milvus.insert(collection, batch)
    inserted = time.perf_counter()
    terms_collection = milvus.terms_collection(name)
    items = list(frequencies.items())
    for start in range(0, len(items), TERMS_BATCH):
        milvus.insert(
            terms_collection,
            [{"term": t, "df": n, "v": [0.0, 0.0]} for t, n in items[start : start + TERMS_BATCH]],
        )
    summary = {"outlets": [], "first": None, "last": None}
    milvus.publish(name, dataclasses.replace(manifest, dense_index=DENSE_INDEX), summary)
    milvus.close()
    conn.close()
    return {
        "insert_seconds": round(inserted - started, 1),
        "total_seconds": round(time.perf_counter() - started, 1),
    }


def compare(
    local_dir: Path, target: MilvusTarget, asked: Sequence[str], vectors: np.ndarray
) -> dict[str, Any]:
    manifest = store.read_manifest(store.live_version(local_dir))
    stub = speed_query.PrecomputedEmbedder(
        manifest.embedder, manifest.dim, dict(zip(asked, vectors, strict=True))
    )
    local = stores.open_index(local_dir, None, stub)
    milvus = stores.open_index(local_dir, target, stub)
    times: dict[str, list[float]] = {"local": [], "milvus": []}
    for q in asked[:10]:  # warm both
        local.ask(q)
        milvus.ask(q)
    same_first = same_all = 0
    for q in asked:
        answers = {}
        for name, index in (("local", local), ("milvus", milvus)):
            started = time.perf_counter()
            answers[name] = index.ask(q, k=5)
            times[name].append(1000 * (time.perf_counter() - started))
        tops = [[h.citation.article_id for h in a.hits] for a in answers.values()]
        same_first += tops[0][:1] == tops[1][:1]
        same_all += tops[0] == tops[1]
    local.close()
    milvus.close()
    return {
        "questions": len(asked),
        "ask_ms": {
            name: {
                "p50": round(statistics.median(ms), 1),
                "p95": round(float(np.percentile(ms, 95)), 1),
            }
            for name, ms in times.items()
        },
        "same_first_article": same_first,
        "same_five_articles": same_all,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument(
        "--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "newsbot-quality"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument(
        "--reuse", action="store_true", help="ask the indexes of an earlier run, if present"
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


def _write(results: dict[str, Any], sizes: Sequence[int]) -> None:
    """Write what is measured so far (a long run keeps its finished sizes)."""
    results.update(
        {
            "command": "python benchmarks/milvus_speed.py --shared ../shared --sizes "
            + " ".join(str(s) for s in sizes),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, load average "
            f"{os.getloadavg()[0]:.1f}",
            "date": time.strftime("%Y-%m-%d"),
        }
    )
    out = REPO / "benchmarks" / "results" / "milvus_speed.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
