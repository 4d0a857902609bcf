"""Follow-up questions: hit@1 of a follow-up read with the question before it
(``newsbot.bot.followup.resolve``) against the follow-up asked alone.

The set is made from the shared FacQA dev questions (Indonesian and English) over the dev
passages, plus hand-written pairs over the sample corpus (``benchmarks/followups.jsonl``).
From each dev question Q (answer A, in passage P) come three follow-ups:

- ``bare``: a follow-up naming nothing ("kapan?", "who else?"); a hit is a top passage
  containing A (the follow-up stays on Q's story);
- ``name``: "dan apa kata <a name from P>?" / "and what did <name> say?"; a hit as above;
- ``topic``: another dev question Q2, a new topic; a hit is a top passage containing its
  own answer, so dragging Q's subject in costs hits;
- ``plain``: "apa kata <a name from P>?" / "what did <name> say?", a name follow-up without
  "dan"/"and" (it names one thing, so it follows up); a hit as for ``bare``;
- ``newname``: "siapa <a name from Q2's passage>?" / "who is <name>?", one name P's
  article never mentions: a new topic however short; a hit is a top passage naming it.

The bot reads a message naming one thing as a new topic when the article its earlier
answer cited first never mentions that name; ``resolve`` is given that article's text.

Questions are split by a hash of their id into a dev half (used to choose
``NEW_TOPIC_WORDS`` and ``POINTING_WORDS``) and a holdout half, reported apart.

    python benchmarks/followup.py --shared ../shared
    python benchmarks/followup.py --shared ../shared --shipped   # the bot's own thresholds only

Prints a Markdown table for BENCHMARKS.md and writes ``benchmarks/results/followup.json``.
Never runs in CI: it needs the shared data and embeds about 1,300 passages once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsbot.bot import followup  # noqa: E402
from newsbot.index.answering.search import NewsIndex  # noqa: E402
from newsbot.index.building.build import build_index  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402

PER_LANGUAGE = {"id": 150, "en": 60}
BARE = {
    "id": ["kapan?", "di mana itu terjadi?", "siapa lagi?", "mengapa begitu?", "lalu bagaimana?"],
    "en": ["when?", "where did that happen?", "who else?", "why?", "and then?"],
}
NAME = {"id": "dan apa kata {name}?", "en": "and what did {name} say?"}
PLAIN = {"id": "apa kata {name}?", "en": "what did {name} say?"}
NEW_NAME = {"id": "siapa {name}?", "en": "who is {name}?"}
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})*)")
SETTINGS = [(words, pointing) for words in (2, 3, 4, 5) for pointing in (3, 5, 8)]

Pair = dict[str, Any]


def half(key: str) -> str:
    return "dev" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0 else "holdout"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def dev_pairs(shared: Path) -> list[Pair]:
    pairs: list[Pair] = []
    for lang in ("id", "en"):
        questions = read_jsonl(shared / "eval" / f"dev_{lang}.jsonl")[: PER_LANGUAGE[lang]]
        for n, q in enumerate(questions):
            common = {"lang": lang, "first": q["question"], "split": half(q["id"])}
            bare = BARE[lang][n % len(BARE[lang])]
            pairs.append({**common, "kind": "bare", "followup": bare, "answer": q["answer"]})
            names = [m for m in _NAME.findall(q["passage"]) if m not in q["question"]]
            if names:
                text = NAME[lang].format(name=names[0])
                pairs.append({**common, "kind": "name", "followup": text, "answer": q["answer"]})
            if names:
                text = PLAIN[lang].format(name=names[0])
                pairs.append({**common, "kind": "plain", "followup": text, "answer": q["answer"]})
            other = questions[(n + len(questions) // 2) % len(questions)]
            strangers = [
                m
                for m in _NAME.findall(other["passage"])
                if m not in q["passage"] and m not in q["question"]
            ]
            if strangers:
                text = NEW_NAME[lang].format(name=strangers[0])
                pairs.append(
                    {**common, "kind": "newname", "followup": text, "answer": strangers[0]}
                )
            pairs.append(
                {
                    **common,
                    "kind": "topic",
                    "followup": other["question"],
                    "answer": other["answer"],
                }
            )
    return pairs


def hit(ask: Callable[[str], list[str]], question: str, answer: str) -> bool:
    texts = ask(question)
    return bool(texts) and answer in texts[0]


def evaluate(
    pairs: list[Pair],
    ask: Callable[[str], list[str]],
    answered: Callable[[str], str | None] = lambda first: None,
) -> dict[str, Any]:
    """hit@1 alone and resolved, per split, language and kind; ``answered`` gives the text
    of the article the first question's answer cites first (None: unknown)."""
    table: dict[str, Any] = {}
    for pair in pairs:
        key = f"{pair['split']}/{pair['lang']}/{pair['kind']}"
        row = table.setdefault(key, {"pairs": 0, "alone": 0, "resolved": 0})
        row["pairs"] += 1
        row["alone"] += hit(ask, pair["followup"], pair["answer"])
        resolved = followup.resolve(pair["first"], pair["followup"], answered(pair["first"]))
        # As the bot does: a resolved question that finds nothing is asked alone.
        asked = resolved if ask(resolved) else pair["followup"]
        row["resolved"] += hit(ask, asked, pair["answer"])
    for row in table.values():
        row["alone"] = round(row["alone"] / row["pairs"], 3)
        row["resolved"] = round(row["resolved"] / row["pairs"], 3)
    return table


def overall(table: dict[str, Any], split: str) -> float:
    rows = [r for k, r in table.items() if k.startswith(split + "/")]
    total = sum(r["pairs"] for r in rows)
    return sum(r["resolved"] * r["pairs"] for r in rows) / max(total, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument(
        "--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "newsbot-followup"
    )
    parser.add_argument(
        "--shipped",
        action="store_true",
        help="report the thresholds the bot ships with, without trying the others",
    )
    parser.add_argument(
        "--cited",
        type=int,
        default=1,
        help="how many of the first answer's passages' articles count as answered (the bot: 1)",
    )
    args = parser.parse_args(argv)
    embedder = load_embedder()
    args.work_dir.mkdir(parents=True, exist_ok=True)
    build_index(
        args.work_dir / "dev-index", [args.shared / "eval" / "dev-passages.jsonl"], embedder
    )
    build_index(args.work_dir / "sample-index", [REPO / "index" / "sample"], embedder)
    dev = NewsIndex.open(args.work_dir / "dev-index", embedder)
    sample = NewsIndex.open(args.work_dir / "sample-index", embedder)

    def asker(index: NewsIndex) -> Callable[[str], list[str]]:
        @cache
        def ask(question: str) -> list[str]:
            answer = index.ask(question, k=1)
            return [h.text for h in answer.hits] if answer.answered else []

        return ask

    def lead_text(index: NewsIndex) -> Callable[[str], str | None]:
        @cache
        def text(question: str) -> str | None:
            answer = index.ask(question, k=args.cited)
            if not answer.answered or not answer.hits:
                return ""
            ids = dict.fromkeys(h.citation.article_id for h in answer.hits[: args.cited])
            texts = [index.article_text(article_id) for article_id in ids]
            return None if None in texts else "\n".join(t for t in texts if t)

        return text

    ask_dev, ask_sample = asker(dev), asker(sample)
    lead_dev, lead_sample = lead_text(dev), lead_text(sample)
    pairs = dev_pairs(args.shared)
    handwritten = read_jsonl(REPO / "benchmarks" / "followups.jsonl")
    tuning = []
    shipped = (followup.NEW_TOPIC_WORDS, followup.POINTING_WORDS)
    for words, pointing in [shipped] if args.shipped else SETTINGS:
        followup.NEW_TOPIC_WORDS, followup.POINTING_WORDS = words, pointing
        table = evaluate(pairs, ask_dev, lead_dev)
        tuning.append(
            {
                "new_topic_words": words,
                "pointing_words": pointing,
                "dev": round(overall(table, "dev"), 4),
                "holdout": round(overall(table, "holdout"), 4),
            }
        )
        print(tuning[-1], file=sys.stderr)
    best = tuning[0] if args.shipped else max(tuning, key=lambda t: t["dev"])
    followup.NEW_TOPIC_WORDS, followup.POINTING_WORDS = (
        best["new_topic_words"],
        best["pointing_words"],
    )
    results = {
        "chosen": best,
        "tuning": tuning,
        "dev_corpus": evaluate(pairs, ask_dev, lead_dev),
        "without_article_check": evaluate(pairs, ask_dev),
        "sample": evaluate(handwritten, ask_sample, lead_sample),
    }
    name = "followup-shipped.json" if args.shipped else "followup.json"
    if args.cited != 1:
        name = name.replace(".json", f"-cited{args.cited}.json")
    out = REPO / "benchmarks" / "results" / name
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("| set | split | lang | kind | pairs | hit@1 alone | hit@1 resolved |")
    print("|---|---|---|---|---|---|---|")
    for name in ("dev_corpus", "without_article_check", "sample"):
        for key, row in sorted(results[name].items()):
            split, lang, kind = key.split("/")
            cells = [name, split, lang, kind, row["pairs"], f"{row['alone']:.3f}"]
            print("| " + " | ".join(map(str, cells)) + f" | {row['resolved']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
