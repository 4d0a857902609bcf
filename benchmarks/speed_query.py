"""Query speed of newsbot at 10k, 100k and 1M paragraphs, the memory of the loaded index,
and the recall@10 of the approximate dense index against exact search.

Each size is an index version written with the product's own writers (``store.SCHEMA``,
``newsbot.index.building.dense``, ``Bm25Index``, ``Manifest``, ``store.publish``) and opened with
``NewsIndex.open``, so ``ask`` runs the product's code path. The first paragraphs are the
real corpus (texts, terms and e5 vectors of the full build); past its size, paragraphs are
copies of real ones under new article ids, with vectors perturbed from real ones (the real
vector, plus a share of another real paragraph's vector and Gaussian noise, renormalised) so
that they keep the anisotropy of e5 vectors that approximate search depends on.

Questions are the FacQA dev questions (Indonesian and English). ``ask`` is timed twice:
with the real e5 model, and with an embedder that returns the question's precomputed e5
vector (the retrieval cost alone). Each size runs in a child process, so its memory is its
own. Part of ``python benchmarks/run.py``; never runs in CI.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsbot.index.building import dense, store  # noqa: E402
from newsbot.index.building.embedders import Embedder, Vectors, load_embedder  # noqa: E402
from newsbot.index.building.lexical import Bm25Index  # noqa: E402
from newsbot.index.building.reuse import vector_key  # noqa: E402
from newsbot.index.building.stories import read_stories, write_stories  # noqa: E402
from newsbot.index.defaults import ANSWER_FLOORS, FORMAT_VERSION  # noqa: E402
from newsbot.index.errors import NewsbotError  # noqa: E402

NOISE = 0.03
CHUNK = 50_000


class PrecomputedEmbedder:
    """Returns each question's e5 vector computed beforehand: ``ask`` without the model."""

    def __init__(self, name: str, dim: int, vectors: dict[str, np.ndarray]) -> None:
        self.name = name
        self.dim = dim
        self._vectors = vectors

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        raise NotImplementedError

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return np.stack([self._vectors[" ".join(t.split())] for t in texts])


def rss_mb() -> float:
    """This process's resident memory (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def percentiles(ms: list[float]) -> dict[str, float]:
    values = np.asarray(ms)
    return {f"p{p}": round(float(np.percentile(values, p)), 2) for p in (50, 95, 99)}


def questions(shared: Path, count: int) -> list[str]:
    found: list[str] = []
    for name in ("dev_id.jsonl", "dev_en.jsonl"):
        with (shared / "eval" / name).open(encoding="utf-8") as handle:
            lines = [json.loads(line)["question"] for line in handle if line.strip()]
        found += lines[: count // 2]
    return [" ".join(q.split()) for q in found]


def question_vectors(work: Path, asked: list[str], embedder: Embedder) -> np.ndarray:
    cache = work / f"questions-{len(asked)}.npy"
    if cache.exists():
        return np.asarray(np.load(cache), dtype=np.float32)
    vectors = embedder.embed_queries(asked)
    np.save(cache, vectors)
    return vectors


def synthesize(real: np.ndarray, start: int, stop: int, seed: int) -> np.ndarray:
    """Rows ``start..stop`` of the synthetic corpus: real rows first, perturbed copies after."""
    n_real = len(real)
    rows = np.arange(start, stop)
    out = np.asarray(real[rows % n_real], dtype=np.float32).copy()
    copies = rows >= n_real
    if copies.any():
        rng = np.random.default_rng(seed + start)
        k = int(copies.sum())
        other = np.asarray(real[rng.integers(0, n_real, k)], dtype=np.float32)
        weight = np.asarray(rng.uniform(0, 0.5, (k, 1)), dtype=np.float32)
        mixed = out[copies] + weight * other
        mixed += np.asarray(rng.normal(0, NOISE, mixed.shape), dtype=np.float32)
        out[copies] = mixed / np.linalg.norm(mixed, axis=1, keepdims=True)
    return out


def make_index(source: Path, index_dir: Path, size: int, kind: str) -> dict[str, Any]:
    """Write an index version of ``size`` paragraphs from the real version at ``source``."""
    started = time.perf_counter()
    manifest = store.read_manifest(source)
    real = np.load(source / store.VECTORS, mmap_mode="r")
    src = store.connect_readonly(source)
    paragraphs = src.execute(
        "SELECT article_id, number, text, context_hash, terms FROM paragraphs ORDER BY row"
    ).fetchall()
    articles = src.execute("SELECT * FROM articles").fetchall()
    src.close()
    real_stories = read_stories(source)
    n_real = len(paragraphs)
    if index_dir.exists():
        shutil.rmtree(index_dir)
    index_dir.mkdir(parents=True)
    building = store.new_version_dir(index_dir)
    conn = sqlite3.connect(building / store.META)
    conn.executescript(store.SCHEMA)
    copies = math.ceil(size / n_real)
    n_articles = 0
    for copy in range(copies):
        rows_needed = min(size - copy * n_real, n_real)
        wanted = {p[0] for p in paragraphs[:rows_needed]}
        batch = [(f"{a[0]}~{copy}" if copy else a[0], *a[1:]) for a in articles if a[0] in wanted]
        conn.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
        n_articles += len(batch)
        conn.executemany(
            "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?)",
            (
                (copy * n_real + i, f"{p[0]}~{copy}" if copy else p[0], p[1], p[2], p[3], p[4])
                for i, p in enumerate(paragraphs[:rows_needed])
            ),
        )
    conn.commit()
    # Each copy of an article is in the copy of its story (the real grouping, repeated).
    stories = {}
    for (article,) in conn.execute("SELECT id FROM articles"):
        original, _, copy = article.partition("~")
        story = real_stories.get(original, original)
        stories[article] = f"{story}~{copy}" if copy else story
    write_stories(building, stories)
    vectors = np.lib.format.open_memmap(
        building / store.VECTORS, mode="w+", dtype=np.float32, shape=(size, manifest.dim)
    )
    for start in range(0, size, CHUNK):
        vectors[start : start + CHUNK] = synthesize(real, start, min(start + CHUNK, size), 7)
    vectors.flush()
    # Synthetic vectors are nobody's to reuse: keys of their row numbers.
    keys = np.array([vector_key(manifest.embedder, f"row {r}") for r in range(size)], dtype="S40")
    np.save(building / store.KEYS, keys, allow_pickle=False)
    written = time.perf_counter()
    dense.write(dense.build(vectors, kind), building / store.DENSE)
    dense_seconds = time.perf_counter() - written
    del vectors
    terms = (t.split() for (t,) in conn.execute("SELECT terms FROM paragraphs ORDER BY row"))
    Bm25Index.build(terms).save(building)
    conn.close()
    (building / store.MANIFEST).write_text(
        store.Manifest(
            format=FORMAT_VERSION,
            embedder=manifest.embedder,
            dim=manifest.dim,
            articles=n_articles,
            paragraphs=size,
            built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            dense_index=kind,
            answer_floor=ANSWER_FLOORS.get(manifest.embedder, 0.0),
        ).to_json()
    )
    version = store.publish(index_dir, building)
    return {
        "write_seconds": round(time.perf_counter() - started, 1),
        "dense_build_seconds": round(dense_seconds, 1),
        "disk_mb": {p.name: round(p.stat().st_size / 2**20, 1) for p in version.iterdir()},
    }


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Exact top-k rows by inner product, scanning a memory map in chunks."""
    best_scores = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    best_rows = np.zeros((len(queries), 0), dtype=np.int64)
    for start in range(0, len(vectors), CHUNK):
        scores = queries @ np.asarray(vectors[start : start + CHUNK]).T
        rows = np.arange(start, start + scores.shape[1])[None, :].repeat(len(queries), 0)
        all_scores = np.concatenate([best_scores, scores], axis=1)
        all_rows = np.concatenate([best_rows, rows], axis=1)
        top = np.argsort(-all_scores, axis=1)[:, :k]
        best_scores = np.take_along_axis(all_scores, top, 1)
        best_rows = np.take_along_axis(all_rows, top, 1)
    return best_rows


def measure(index_dir: Path, work: Path, shared: Path, count: int, sweep: bool) -> dict[str, Any]:
    """Open the index at ``index_dir``; time ``ask``; memory; recall of the dense index."""
    from newsbot.index.answering.search import NewsIndex

    asked = questions(shared, count)
    vectors_q = np.load(work / f"questions-{len(asked)}.npy")  # as question_vectors saved it
    version = store.live_version(index_dir)
    manifest = store.read_manifest(version)
    stub = PrecomputedEmbedder(
        manifest.embedder, manifest.dim, dict(zip(asked, vectors_q, strict=True))
    )
    rss_before = rss_mb()
    started = time.perf_counter()
    news = NewsIndex.open(index_dir, stub)
    open_seconds = time.perf_counter() - started
    rss_open = rss_mb()
    for q in asked[:20]:
        news.ask(q)
    retrieval: list[float] = []
    answered = 0
    for q in asked:
        started = time.perf_counter()
        answer = news.ask(q)
        retrieval.append(1000 * (time.perf_counter() - started))
        answered += answer.answered
    rss_asked = rss_mb()
    result: dict[str, Any] = {
        "paragraphs": manifest.paragraphs,
        "dense_index": manifest.dense_index,
        "questions": len(asked),
        "answered": answered,
        "open_seconds": round(open_seconds, 2),
        "rss_loaded_mb": round(rss_open - rss_before, 1),
        "rss_after_asking_mb": round(rss_asked - rss_before, 1),
        "ask_retrieval_ms": percentiles(retrieval),
    }
    # The product's dense index alone, and its recall@10 against exact search.
    dense_ms: list[float] = []
    for q in vectors_q:
        started = time.perf_counter()
        news._dense.search(q.reshape(1, -1), 100)
        dense_ms.append(1000 * (time.perf_counter() - started))
    result["dense_search_ms"] = percentiles(dense_ms)
    exact = exact_top(news._vectors, vectors_q, 10)
    _, found = news._dense.search(vectors_q, 10)
    result["recall@10"] = round(recall(found, exact), 4)
    if sweep and manifest.dense_index != dense.FLAT:
        name = "nprobe" if manifest.dense_index == dense.IVF else "efSearch"
        values = (8, 16, 32, 48, 64, 96) if name == "nprobe" else (32, 64, 96, 128, 192)
        rows = []
        for value in values:
            import faiss

            faiss.ParameterSpace().set_index_parameter(news._dense, name, value)
            ms = []
            for q in vectors_q:
                started = time.perf_counter()
                news._dense.search(q.reshape(1, -1), 100)
                ms.append(1000 * (time.perf_counter() - started))
            _, found = news._dense.search(vectors_q, 10)
            rows.append(
                {name: value, "recall@10": round(recall(found, exact), 4), **percentiles(ms)}
            )
        dense.configure(news._dense, manifest.dense_index)
        result["sweep"] = rows
    news.close()
    return result


def with_model(index_dir: Path, shared: Path, count: int) -> dict[str, Any]:
    """``ask`` with the real e5 model embedding each question."""
    from newsbot.index.answering.search import NewsIndex

    asked = questions(shared, count)
    news = NewsIndex.open(index_dir, load_embedder())
    for q in asked[:10]:
        news.ask(q)
    ms = []
    for q in asked:
        started = time.perf_counter()
        news.ask(q)
        ms.append(1000 * (time.perf_counter() - started))
    embed_ms = []
    for q in asked:
        started = time.perf_counter()
        news.embedder.embed_queries([q])
        embed_ms.append(1000 * (time.perf_counter() - started))
    news.close()
    return {"ask_ms": percentiles(ms), "embed_question_ms": percentiles(embed_ms)}


def recall(found: np.ndarray, exact: np.ndarray) -> float:
    hits = sum(len(set(f.tolist()) & set(e.tolist())) for f, e in zip(found, exact, strict=True))
    return hits / exact.size


def reusable(index_dir: Path, size: int, kind: str) -> bool:
    """Whether ``index_dir`` already holds a synthetic index of this size and kind (the 1M
    one takes a quarter of an hour to write on 2 cores)."""
    try:
        manifest = store.read_manifest(store.live_version(index_dir))
    except NewsbotError:
        return False
    return manifest.paragraphs == size and manifest.dense_index == kind


def run_child(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "child", *args], check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def bench(
    shared: Path,
    work: Path,
    source_index: Path,
    sizes: Sequence[int],
    kinds: Sequence[str],
    count: int,
    sweep: bool = True,
) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    source = store.live_version(source_index)
    asked = questions(shared, count)
    question_vectors(work, asked, load_embedder())
    results: dict[str, Any] = {"source_paragraphs": store.read_manifest(source).paragraphs}
    runs: list[dict[str, Any]] = []
    for size in sizes:
        for kind in dict.fromkeys(dense.choose(size, k) for k in kinds):
            index_dir = work / f"q-{size}-{kind}"
            if reusable(index_dir, size, kind):
                made: dict[str, Any] = {"reused_index": True}
            else:
                made = run_child("make", str(source), str(index_dir), str(size), kind)
            measured = run_child(
                "measure", str(index_dir), str(work), str(shared), str(count), str(int(sweep))
            )
            model = run_child("model", str(index_dir), str(shared), str(min(count, 100)))
            runs.append({"size": size, **made, **measured, "with_e5": model})
            print(json.dumps(runs[-1]), file=sys.stderr)
    results["runs"] = runs
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "child":
        step = args[1]
        if step == "make":
            out = make_index(Path(args[2]), Path(args[3]), int(args[4]), args[5])
        elif step == "measure":
            out = measure(Path(args[2]), Path(args[3]), Path(args[4]), int(args[5]), args[6] == "1")
        else:
            out = with_model(Path(args[2]), Path(args[3]), int(args[4]))
        print(json.dumps(out))
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--source-index", type=Path, required=True)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--kinds", default="flat,auto")
    parser.add_argument("--questions", type=int, default=200)
    ns = parser.parse_args(args)
    sizes = [int(s) for s in ns.sizes.split(",")]
    kinds = ns.kinds.split(",")
    result = bench(ns.shared, ns.work_dir, ns.source_index, sizes, kinds, ns.questions)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
