"""Build speed of newsbot: paragraphs/s of a full build against the embedder's own
throughput on the same paragraphs, peak memory, and incremental re-index times.

Every build runs in a child process (``python benchmarks/speed_build.py child ...``) so
that its peak RSS is its own. The embedder is wrapped to time its ``embed_passages`` calls:
the time inside them, over the same paragraphs in the same run, is the embedder's raw
throughput, and ``1 - pipeline/embedder`` is the pipeline's overhead. A separate raw pass
over a sample of the same paragraph contexts, outside the pipeline, checks that the
pipeline does not slow the embedder down.

Part of ``python benchmarks/run.py``; never runs in CI.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsbot.index.building.embedders import Embedder, Vectors, load_embedder  # noqa: E402

#: Paragraph contexts embedded alone, outside the pipeline, for the raw-throughput check.
RAW_SAMPLE = 320


class TimedEmbedder:
    """An embedder that counts the paragraphs it embeds and the seconds it spends."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.seconds = 0.0
        self.paragraphs = 0

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        started = time.perf_counter()
        vectors = self.inner.embed_passages(texts)
        self.seconds += time.perf_counter() - started
        self.paragraphs += len(texts)
        return vectors

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self.inner.embed_queries(texts)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(index_dir: Path, source: Path, raw_sample: int) -> dict[str, Any]:
    """One build in this process; return its numbers."""
    from newsbot.index.building.build import build_index

    started = time.perf_counter()
    embedder = TimedEmbedder(load_embedder())
    embedder.inner.embed_passages(["pemanasan"])  # first call allocates the model's buffers
    load_seconds = time.perf_counter() - started
    rss_model = peak_rss_mb()
    raw: dict[str, Any] = {}
    if raw_sample:
        raw = raw_throughput(source, embedder.inner, raw_sample)
    started = time.perf_counter()
    report = build_index(index_dir, [source], embedder)
    seconds = time.perf_counter() - started
    return {
        "paragraphs": report.paragraphs,
        "articles": report.articles,
        "embedded": report.embedded,
        "reused": report.reused,
        "changed": report.changed,
        "seconds": round(seconds, 3),
        "embed_seconds": round(embedder.seconds, 3),
        "paragraphs_per_s": round(report.embedded / seconds, 2) if report.embedded else None,
        "embedder_paragraphs_per_s": (
            round(embedder.paragraphs / embedder.seconds, 2) if embedder.seconds else None
        ),
        "model_load_seconds": round(load_seconds, 2),
        "rss_after_model_mb": round(rss_model, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "raw": raw,
    }


def raw_throughput(source: Path, embedder: Embedder, sample: int) -> dict[str, Any]:
    """Embed an evenly spaced sample of the corpus's paragraph contexts outside the build."""
    from newsbot.index.articles import Article
    from newsbot.index.building.chunking import split_article
    from newsbot.index.defaults import EMBED_BATCH
    from newsbot.index.reading.readers import read_sources

    contexts = [
        p.context
        for item in read_sources([source])
        if isinstance(item, Article)
        for p in split_article(item)
    ]
    step = max(len(contexts) // sample, 1)
    chosen = contexts[::step][:sample]
    started = time.perf_counter()
    for i in range(0, len(chosen), EMBED_BATCH):
        embedder.embed_passages(chosen[i : i + EMBED_BATCH])
    seconds = time.perf_counter() - started
    return {
        "paragraphs": len(chosen),
        "seconds": round(seconds, 2),
        "paragraphs_per_s": round(len(chosen) / seconds, 2) if seconds else None,
    }


def run_child(index_dir: Path, source: Path, raw_sample: int = 0) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "child", str(index_dir), str(source), str(raw_sample)],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def write_corpus(source: Path, target: Path, articles: int | None, change_every: int = 0) -> int:
    """Copy the first ``articles`` lines of a JSONL corpus; with ``change_every``, append a
    sentence to the text of every n-th article (a changed article). Return articles written."""
    written = 0
    with source.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            if articles is not None and written >= articles:
                break
            if change_every and written % change_every == 0:
                record = json.loads(line)
                record["text"] += "\n\nBerita ini telah diperbarui oleh redaksi."
                line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += 1
    return written


def bench(shared: Path, work: Path, *, quick: bool, fresh: bool = True) -> dict[str, Any]:
    """Full build, no-change rebuild, 1%-changed rebuild; return the numbers."""
    corpus = shared / "corpus" / "indosum-3000.jsonl"
    articles = 100 if quick else None
    work.mkdir(parents=True, exist_ok=True)
    base = work / "corpus.jsonl"
    changed = work / "corpus-changed.jsonl"
    n = write_corpus(corpus, base, articles)
    write_corpus(corpus, changed, articles, change_every=100)
    index_dir = work / ("index-quick" if quick else "index-full")
    if fresh and index_dir.exists():
        shutil.rmtree(index_dir)
    results: dict[str, Any] = {"articles": n}
    results["full"] = run_child(index_dir, base, RAW_SAMPLE if not quick else 96)
    results["no_change"] = run_child(index_dir, base)
    results["one_percent_changed"] = run_child(index_dir, changed)
    results["restore"] = run_child(index_dir, base)  # leaves the index on the plain corpus
    results["index_dir"] = str(index_dir)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "child":
        index_dir, source, raw_sample = Path(args[1]), Path(args[2]), int(args[3])
        print(json.dumps(child(index_dir, source, raw_sample)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--keep", action="store_true", help="reuse an existing index")
    ns = parser.parse_args(args)
    print(json.dumps(bench(ns.shared, ns.work_dir, quick=ns.quick, fresh=not ns.keep), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
