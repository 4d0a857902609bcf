"""Record what the "not covered" floor sees for each matrix index's own pseudo-questions.

For every index of ``benchmarks/floor_features.py``'s matrix, the pseudo-questions of
``answering.self_floor`` (held, swapped, foreign, reworded every 4th or 2nd word) are asked
through ``NewsIndex.ask`` with the floor recorded and not applied, one JSON line each, in
the same shape as ``floor_features.py``'s (``kind`` is ``pseudo-held``, ``pseudo-swapped``,
``pseudo-foreign``, ``pseudo-reworded4`` or ``pseudo-reworded2``). Before them, the build's
own self-calibration step is run and timed on each index (its questions embedded live, in
one batch, as a build does); ``--kinds`` with no kind runs only that.

    python benchmarks/floor_self.py --shared ../shared --work-dir W --out pseudo.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import floor_features  # noqa: E402
import quality  # noqa: E402

from newsbot.index.answering import self_floor  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--kinds", nargs="*", help="only these kinds of pseudo-question")
    args = parser.parse_args(argv)
    shared, work = args.shared.resolve(), args.work_dir
    eval_dir = shared / "eval"
    questions = {
        "id": quality.read_jsonl(eval_dir / "dev_id.jsonl"),
        "en": quality.read_jsonl(eval_dir / "dev_en.jsonl"),
    }
    no_answer = quality.read_jsonl(REPO / "benchmarks" / "no_answer.jsonl")
    cached = quality.PrecomputedQueries(load_embedder(), [], work)
    corpora = quality.matrix_corpora(work, shared, questions, no_answer)
    indosum = work / f"indosum-first-{quality.INDOSUM_ARTICLES}.jsonl"
    corpora.append(("1,483 articles (dev)", [eval_dir / "dev-passages.jsonl", indosum], [], []))
    foreign = self_floor.sample_paragraphs()
    with args.out.open("w", encoding="utf-8") as out:
        for name, sources, _, _ in corpora:
            where = work / "dev-index" if "dev" in name else quality.matrix_index_dir(work, name)
            index = quality.build(where, sources, cached)
            try:
                with index._meta_lock:
                    pairs = [
                        (str(a), str(t))
                        for a, t in index._meta.execute("SELECT article_id, text FROM paragraphs")
                    ]
                held = {t for _, t in pairs}
                names = [w for _, t in foreign for w in t.split() if w[:1].isupper()]
                other = [w for _, t in foreign for w in t.split()]
                kinds = {
                    "pseudo-held": self_floor.held_questions(pairs),
                    "pseudo-swapped": self_floor.swapped_questions(pairs, names),
                    "pseudo-foreign": self_floor.foreign_questions(foreign, held),
                    "pseudo-reworded4": self_floor.reworded_questions(pairs, other, 4),
                    "pseudo-reworded2": self_floor.reworded_questions(pairs, other, 2),
                }
                started = time.perf_counter()
                absent = self_floor.absent_confidences(index)
                print(
                    f"{name}: self-calibration {len(absent)} questions in "
                    f"{time.perf_counter() - started:.1f}s, floor raise "
                    f"{self_floor.floor_raise(absent, index.manifest.answer_floor):.4f}",
                    file=sys.stderr,
                )
                only = set(args.kinds if args.kinds is not None else kinds)
                for kind, texts in kinds.items():
                    if kind not in only:
                        continue
                    qs: list[quality.Question] = [
                        {"question": q, "lang": "id", "set": "pseudo"} for q in texts
                    ]
                    print(f"{name}: {len(qs)} {kind}", file=sys.stderr)
                    for line in floor_features.record(index, name, qs, kind):
                        out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    out.flush()
            finally:
                index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
