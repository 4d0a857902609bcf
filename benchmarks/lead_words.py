"""A bare question word set apart before the question ("kapan? siapa yang menang
pemilu?", "kapan sih, pemilu dimulai"): hit@1 of the question as asked plainly, with the
opening word searched whole, and as the bot and the CLI read it
(``newsbot.bot.followup.one_question``).

Over the shared FacQA dev passages, from the first Indonesian and English dev questions:

- ``false start``: a question word, then the whole question ("kapan? {q}", "kapan sih,
  {q}", "siapa? {q}", "bila? {q}"; "when? {q}", "who? {q}"), for questions that do not ask
  with that word;
- ``split``: a question that asks "Kapan/Kapankah …" written with the word set apart
  ("kapan? {rest}", "kapan sih, {rest}").

A hit is a first passage that is the question's gold passage or holds its answer. Split
by a hash of the question's id into halves reported apart (nothing is tuned here).

    python benchmarks/lead_words.py --shared ../shared --work-dir DIR

Prints a Markdown table for BENCHMARKS.md and writes ``benchmarks/results/lead_words.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.followup import half, read_jsonl  # noqa: E402
from newsbot.bot.followup import one_question  # noqa: E402
from newsbot.index.answering.search import NewsIndex  # noqa: E402
from newsbot.index.building.build import build_index  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402

FALSE_STARTS = {
    "id": ["kapan? {q}", "kapan sih, {q}", "siapa? {q}", "bila? {q}"],
    "en": ["when? {q}", "who? {q}"],
}
SPLITS = ["kapan? {rest}", "kapan sih, {rest}"]
_KAPAN = re.compile(r"^kapan(kah)?\s+", re.IGNORECASE)
PER_KIND = {"id": 60, "en": 40, "split": 60}


def hit(index: NewsIndex, question: str, q: dict[str, Any]) -> bool:
    found = index.ask(question, 1)
    if not found.answered or not found.hits:
        return False
    text = found.hits[0].text
    return text == q["passage"] or q["answer"].casefold() in text.casefold()


def cases(shared: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for lang in ("id", "en"):
        questions = read_jsonl(shared / "eval" / f"dev_{lang}.jsonl")
        plain = [q for q in questions if not _KAPAN.match(q["question"])][: PER_KIND[lang]]
        for q in plain:
            for form in FALSE_STARTS[lang]:
                word = form.split("?")[0].split(" ")[0]
                if q["question"].lower().startswith(word):
                    continue
                out.append(
                    {**q, "kind": f"false start {lang}", "asked": form.format(q=q["question"])}
                )
    kapan = [q for q in read_jsonl(shared / "eval" / "dev_id.jsonl") if _KAPAN.match(q["question"])]
    for q in kapan[: PER_KIND["split"]]:
        rest = _KAPAN.sub("", q["question"])
        for form in SPLITS:
            out.append({**q, "kind": "split id", "asked": form.format(rest=rest)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--work-dir", type=Path, required=True)
    args = parser.parse_args()
    embedder = load_embedder()
    args.work_dir.mkdir(parents=True, exist_ok=True)
    index_dir = args.work_dir / "dev-index"
    build_index(index_dir, [args.shared / "eval" / "dev-passages.jsonl"], embedder)
    index = NewsIndex.open(index_dir, embedder)
    rows: dict[str, dict[str, int]] = {}
    plain_cache: dict[str, bool] = {}
    try:
        for case in cases(args.shared):
            key = f"{case['kind']} {half(case['id'])}"
            row = rows.setdefault(key, dict.fromkeys(("n", "plain", "whole", "read"), 0))
            if case["question"] not in plain_cache:
                plain_cache[case["question"]] = hit(index, case["question"], case)
            read = one_question(case["asked"])
            whole = hit(index, case["asked"], case)
            row["n"] += 1
            row["plain"] += plain_cache[case["question"]]
            row["whole"] += whole
            row["read"] += whole if read == case["asked"] else hit(index, read, case)
    finally:
        index.close()
    print("| set | messages | hit@1 plain question | searched whole | read as one question |")
    print("|---|---|---|---|---|")
    for key in sorted(rows):
        r = rows[key]
        n = r["n"]
        print(
            f"| {key} | {n} | {r['plain'] / n:.3f} | {r['whole'] / n:.3f} | {r['read'] / n:.3f} |"
        )
    out = REPO / "benchmarks" / "results" / "lead_words.json"
    out.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
