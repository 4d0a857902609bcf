"""Which sentence of the answering paragraph newsbot emphasises: does it hold the answer?

An answer's snippet is the paragraph with one sentence emphasised
(:func:`newsbot.index.answering.snippets.best_sentence`). The FacQA dev sets give each
question its gold passage and its answer, so the choice can be scored apart from
retrieval: over every gold passage of two or more sentences, the share of questions whose
emphasised sentence holds the answer (case and spacing aside). Indonesian questions are
split into calibration and holdout halves as ``benchmarks/quality.py`` splits them; the
60 English dev questions and the 80 of the blind English holdout are reported apart.

Usage: ``python benchmarks/sentence_choice.py --shared ../shared [--misses N]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from newsbot.index.answering.bridge import question_terms
from newsbot.index.answering.snippets import best_sentence
from newsbot.index.building.lexical import sentence_terms, tokenize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import half


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _tokens(question: str, language: str) -> list[str]:
    """The terms a question brings to the snippet, as ``NewsIndex.ask`` passes them."""
    bridged = question_terms(question, language, lambda term: True).bridged
    return [*tokenize(question), *bridged]


def score(rows: list[dict[str, str]]) -> tuple[int, int, list[dict[str, str]]]:
    """Return (right, asked, misses) over ``rows`` (question, lang, passage, answer) whose
    passage has two or more sentences."""
    right = asked = 0
    misses = []
    for row in rows:
        passage = row["passage"]
        if len(sentence_terms(passage)) < 2:
            continue
        asked += 1
        start, end = best_sentence(passage, _tokens(row["question"], row["lang"]), row["question"])
        if _plain(row["answer"]) in _plain(passage[start:end]):
            right += 1
        else:
            misses.append({**row, "chosen": passage[start:end]})
    return right, asked, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--misses", type=int, default=0, help="print N calibration misses")
    args = parser.parse_args()
    eval_dir = args.shared / "eval"
    indonesian = [json.loads(line) for line in (eval_dir / "dev_id.jsonl").open()]
    by_id = {row["id"]: row for row in indonesian}
    english = [json.loads(line) for line in (eval_dir / "dev_en.jsonl").open()]
    holdout_path = Path(__file__).resolve().parent / "en_holdout.jsonl"
    blind = [json.loads(line) for line in holdout_path.open()]
    for row in blind:
        row["passage"] = by_id[row["id"]]["passage"]
    sets = {
        "Indonesian, calibration": [r for r in indonesian if half(r["id"]) == "calibration"],
        "Indonesian, holdout": [r for r in indonesian if half(r["id"]) == "holdout"],
        "English dev": [{**r, "lang": "en"} for r in english],
        "English holdout (blind)": [{**r, "lang": "en"} for r in blind],
    }
    print("| questions | gold passages of 2+ sentences | answer in the emphasised sentence |")
    print("|---|---|---|")
    for name, rows in sets.items():
        right, asked, misses = score(rows)
        print(f"| {name} | {asked} | {right / asked:.1%} ({right}) |")
        if name == "Indonesian, calibration" and args.misses:
            kinds = Counter(m["question"].split()[0].lower() for m in misses)
            print("misses by first word:", kinds.most_common(12), file=sys.stderr)
            for miss in misses[: args.misses]:
                print(json.dumps(miss, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
