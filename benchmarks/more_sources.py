""" "More sources" pages: how many show passages unrelated to the question, before and
after the bot keeps them to the question (``newsbot.bot.more_sources.on_topic``).

Over the shared FacQA dev passages (one paragraph per "article", no stories) with the
first 150 Indonesian and 60 English dev questions, each question is asked as the bot asks
it (ten pages deep) and its pages after the first are read as three presses of "More
sources" would show them (3 passages a page). A passage is *related* when it is the
question's gold passage or contains its answer; anything else counts as unrelated. That
undercounts related passages (another paragraph on the same topic counts as unrelated), so
the script also prints the passages the rule keeps that hold no answer, for reading.

Questions are split by a hash of their id into two halves reported apart (nothing here is
tuned: the rule has no number of its own; ``holds_topic`` is the coverage answerer's).

    python benchmarks/more_sources.py --shared ../shared --work-dir DIR

Prints a Markdown table for BENCHMARKS.md and writes ``benchmarks/results/more_sources.json``.
Never runs in CI: it needs the shared data and (re)builds the dev index in ``--work-dir``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.followup import half, read_jsonl  # noqa: E402
from newsbot.bot.handlers import MORE_DEPTH, PAGE  # noqa: E402
from newsbot.bot.more_sources import on_topic  # noqa: E402
from newsbot.index.answering.answers import Hit  # noqa: E402
from newsbot.index.answering.search import NewsIndex  # noqa: E402
from newsbot.index.building.build import build_index  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402

PER_LANGUAGE = {"id": 150, "en": 60}
PRESSES = 3


def related(hit: Hit, question: dict[str, Any]) -> bool:
    answer = question["answer"].casefold()
    return hit.text == question["passage"] or answer in hit.text.casefold()


def pages(hits: tuple[Hit, ...]) -> list[tuple[Hit, ...]]:
    """The pages three presses of "More sources" show after the first."""
    return [
        hits[start : start + PAGE]
        for start in range(PAGE, PAGE * (PRESSES + 1), PAGE)
        if hits[start : start + PAGE]
    ]


def measure(index: NewsIndex, questions: list[dict[str, Any]]) -> dict[str, Any]:
    rows: dict[str, dict[str, dict[str, int]]] = {}
    kept_without_answer: list[dict[str, str]] = []
    dropped_with_answer: list[dict[str, str]] = []
    for q in questions:
        found = index.ask(q["question"], MORE_DEPTH + 1)
        if not found.answered:
            continue
        after = on_topic(found, PAGE, index.holds_topic)
        group = rows.setdefault(f"{q['lang']} {q['split']}", {})
        for name, answer in (("before", found), ("after", after)):
            shown = pages(answer.hits)
            counts = group.setdefault(
                name,
                dict.fromkeys(("questions", "pages", "unrelated_pages", "unrelated", "related"), 0),
            )
            counts["questions"] += 1
            counts["pages"] += len(shown)
            counts["unrelated_pages"] += sum(any(not related(h, q) for h in page) for page in shown)
            counts["unrelated"] += sum(not related(h, q) for page in shown for h in page)
            counts["related"] += sum(related(h, q) for page in shown for h in page)
        kept = {id(h) for h in after.hits}
        for page in pages(found.hits):
            dropped_with_answer += [
                {"question": q["question"], "answer": q["answer"], "dropped": h.text[:160]}
                for h in page
                if related(h, q) and id(h) not in kept
            ]
        for page in pages(after.hits):
            kept_without_answer += [
                {"question": q["question"], "kept": h.text[:160]} for h in page if not related(h, q)
            ]
    return {
        "rows": rows,
        "kept_without_answer": kept_without_answer,
        "dropped_with_answer": dropped_with_answer,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--work-dir", type=Path, required=True)
    args = parser.parse_args()
    embedder = load_embedder()
    args.work_dir.mkdir(parents=True, exist_ok=True)
    build_index(
        args.work_dir / "dev-index", [args.shared / "eval" / "dev-passages.jsonl"], embedder
    )
    index = NewsIndex.open(args.work_dir / "dev-index", embedder)
    questions = []
    for lang, count in PER_LANGUAGE.items():
        for q in read_jsonl(args.shared / "eval" / f"dev_{lang}.jsonl")[:count]:
            questions.append({**q, "lang": lang, "split": half(q["id"])})
    try:
        result = measure(index, questions)
    finally:
        index.close()
    print(
        "| questions | answered | pages shown (before → after) | pages with an unrelated "
        "passage | unrelated passages | answer-bearing passages |"
    )
    print("|---|---|---|---|---|---|")
    for key in sorted(result["rows"]):
        b, a = result["rows"][key]["before"], result["rows"][key]["after"]
        print(
            f"| {key} | {b['questions']} | {b['pages']} → {a['pages']} | "
            f"{b['unrelated_pages']} → {a['unrelated_pages']} | "
            f"{b['unrelated']} → {a['unrelated']} | "
            f"{b['related']} → {a['related']} |"
        )
    sample = random.Random(9).sample(
        result["kept_without_answer"], min(20, len(result["kept_without_answer"]))
    )
    print("\nKept after the first page without the answer (a sample, to read):")
    for row in sample:
        print(f"- {row['question']}\n    {row['kept']}")
    dropped = result["dropped_with_answer"]
    print("\nDropped though they hold the answer (a sample, to read):")
    for row in random.Random(9).sample(dropped, min(20, len(dropped))):
        print(f"- {row['question']} [{row['answer']}]\n    {row['dropped']}")
    out = REPO / "benchmarks" / "results" / "more_sources.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
