"""Replay the "not covered" floor on recorded features and calibrate it.

Reads what ``benchmarks/floor_features.py`` recorded (one JSON line per question of the
quality matrix) and recomputes each question's confidence with the product's own
functions (``answering.fusion``) and today's weights, or with weights given on the command
line. The floor is set by the calibration rule on Indonesian questions: the highest floor at
which neither large index (300 and 1,483 articles) refuses more than 3% of its answerable
questions of the calibration half, and every answerable question of the small indexes (the
seed article, the dragon-boat case, the sample: the shared cases) is answered. English
questions keep the floor they were held to (``--english-floor``): their offset moves with
the floor. Each index's Indonesian questions are then held to its own floor, raised by what
the index saw of itself at build time (form 5, ``answering.self_floor``; ``--raise id``
for Indonesian questions, today off; ``--no-self``: one floor for all). Prints, per index
and language, answerable refused and no-answer refused on both halves; only calibration
halves decide anything.

    python benchmarks/floor_replay.py features.jsonl
    python benchmarks/floor_replay.py features.jsonl --weights-en 0 0.1931 0.03 0 0.01 0 0
    python benchmarks/floor_replay.py features.jsonl --raise id
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsbot.index.answering.evidence import contentless, unheld_word  # noqa: E402
from newsbot.index.answering.fusion import (  # noqa: E402
    MARGIN_WEIGHTS,
    confidence,
    holdable_terms,
    lone_dense,
    rarest_elsewhere,
    relative_support,
)
from newsbot.index.answering.self_floor import floor_raise  # noqa: E402
from newsbot.index.building.lexical import named_terms  # noqa: E402
from newsbot.index.defaults import (  # noqa: E402
    ANSWER_FLOORS,
    CONFIDENCE_BY_LANGUAGE,
    DEFAULT_MODEL,
    SELF_FLOOR_LANGUAGES,
    UNHELD_SHARE,
)

LARGE = ("300 articles", "1,483 articles (dev)")
#: Share of a large index's answerable calibration questions the floor may refuse.
REFUSED = 0.03

Record = dict[str, Any]


def _known(word: Record) -> Callable[[str], bool]:
    """Whether a term of a recorded ``word`` is known: its terms all are, or none is."""
    known = bool(word["known"])
    return lambda term: known


def score(record: Record, weights: dict[str, Sequence[float]]) -> float:
    """The confidence of a recorded question under ``weights`` (per question language)."""
    language = record["language"]
    terms = {t["term"]: t["idf"] for t in record["terms"]}
    known = {t["term"] for t in record["terms"] if t["df"] > 0}
    names = {term for _, ts in named_terms(record["question"]) for term in ts}
    held = {t["term"] for t in record["terms"] if t["paragraph"]}
    kept = holdable_terms(terms, known.__contains__, names)
    support = relative_support(kept, held, record["paragraphs"])
    words = record["words"]
    unknown_words = sum(not w["known"] for w in words) / len(words) if words else 0.0
    # Form 7: the share of ordinary Indonesian words no paragraph holds (records before it
    # hold no flag: read off the word's terms, a form without its particle as unknown).
    unheld = [
        w["unheld"] if "unheld" in w else unheld_word(set(w["terms"]), _known(w))
        for w in words
        if not w.get("contentless", contentless(set(w["terms"])))
    ]
    mostly_unheld = bool(unheld) and sum(unheld) / len(unheld) >= UNHELD_SHARE
    unknown_names = sum(not n["known"] for n in record["names"])
    # Older records have no place on the lexical side: never alone.
    alone = lone_dense(record.get("lexical_rank", 0), record["margin"])
    # Form 6's evidence; records older than round 7 have neither: never missing.
    near_missing = bool(record.get("asks")) and not record.get("near", 1.0)
    every = {t["term"]: t["idf"] for t in record["terms"]}
    in_article = {t["term"] for t in record["terms"] if t["article"]}
    elsewhere = rarest_elsewhere(every, known.__contains__, in_article)
    return confidence(
        record["cosines"][0],
        support,
        unknown_names,
        weights.get(language, weights["id"]),
        record["margin"],
        MARGIN_WEIGHTS.get(language, MARGIN_WEIGHTS["id"]),
        unknown_words,
        alone,
        near_missing,
        elsewhere,
        mostly_unheld,
    )


def calibrate(records: list[Record], scores: list[float]) -> float:
    """The floor by the calibration rule (module docstring), from Indonesian questions."""
    bounds = []
    for index in LARGE:
        mine = sorted(
            s
            for r, s in zip(records, scores, strict=True)
            if r["index"] == index
            and r["kind"] == "answerable"
            and r["set"] == "calibration"
            and r["language"] == "id"
        )
        bounds.append(mine[int(REFUSED * len(mine))])
    small = [
        s
        for r, s in zip(records, scores, strict=True)
        if r["index"] not in LARGE and r["kind"] == "answerable" and r["language"] == "id"
    ]
    return min([*bounds, min(small)]) if small else min(bounds)


def own_floor(
    record: Record,
    floor: float,
    self_calibrated: bool,
    languages: Sequence[str] = SELF_FLOOR_LANGUAGES,
) -> float:
    """The floor ``record``'s question is held to: ``floor``, raised for the questions of
    ``languages`` by what its index saw of itself at build time (``floor_evidence``,
    recorded by form 5: the count and 90th percentile of its pseudo-questions about news it
    lacks) when ``self_calibrated``."""
    evidence = record.get("floor_evidence")
    if not self_calibrated or not evidence or record["language"] not in languages:
        return floor
    # The percentile alone stands for the questions: the rule reads nothing else of them.
    count = int(evidence["absent_questions"])
    return floor + floor_raise([evidence["absent_p90"]] * count, floor)


def matrix(
    records: list[Record],
    scores: list[float],
    floor: float,
    self_calibrated: bool = False,
    languages: Sequence[str] = SELF_FLOOR_LANGUAGES,
) -> list[str]:
    """One line per index and language: answerable refused, no-answer refused per half."""
    lines = []
    for index in dict.fromkeys(r["index"] for r in records):
        for lang in ("id", "en"):
            mine = [
                (r, s)
                for r, s in zip(records, scores, strict=True)
                if r["index"] == index and r["lang"] == lang
            ]

            def refused(chosen: list[tuple[Record, float]]) -> str:
                if not chosen:
                    return "-"
                below = sum(s < own_floor(r, floor, self_calibrated, languages) for r, s in chosen)
                return f"{below / len(chosen):.1%} of {len(chosen)}"

            answerable = [(r, s) for r, s in mine if r["kind"] == "answerable"]
            halves = [
                refused([(r, s) for r, s in mine if r["kind"] == "absent" and r["set"] == part])
                for part in ("calibration", "holdout")
            ]
            cells = [index, lang, refused(answerable), *halves]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("features", type=Path)
    parser.add_argument("--weights-id", type=float, nargs=8, help="Indonesian weights")
    parser.add_argument("--weights-en", type=float, nargs=8, help="English weights")
    parser.add_argument("--floor", type=float, help="a given floor instead of the rule's")
    parser.add_argument(
        "--raise",
        dest="raised",
        nargs="*",
        default=list(SELF_FLOOR_LANGUAGES),
        help="question languages whose floor each index raises for itself (default: today's)",
    )
    parser.add_argument(
        "--no-self",
        action="store_true",
        help="one floor for every index: ignore what each index saw of itself (form 4)",
    )
    parser.add_argument(
        "--english-floor",
        type=float,
        default=ANSWER_FLOORS[DEFAULT_MODEL],
        help="the floor English questions are held to under --weights-en (default: today's)",
    )
    args = parser.parse_args(argv)
    with args.features.open(encoding="utf-8") as handle:
        records = [r for r in map(json.loads, handle) if "cosines" in r]
    weights: dict[str, Sequence[float]] = dict(CONFIDENCE_BY_LANGUAGE)
    if args.weights_id:
        weights["id"] = args.weights_id
    if args.weights_en:
        weights["en"] = args.weights_en
    scores = [score(r, weights) for r in records]
    floor = args.floor if args.floor is not None else calibrate(records, scores)
    # English questions keep the floor they were held to: their offset moves with it.
    english = list(weights["en"])
    english[1] += floor - args.english_floor
    weights["en"] = english
    scores = [score(r, weights) for r in records]
    print(f"floor {floor:.4f}, weights {weights}")
    print("| index | language | answerable refused | no-answer refused: calibration | holdout |")
    print("|---|---|---|---|---|")
    self_calibrated = not args.no_self
    languages = args.raised
    raised = {
        r["index"]: own_floor(r, floor, self_calibrated, languages)
        for r in records
        if r["language"] == "id"
    }
    print("Indonesian floor per index: " + ", ".join(f"{i} {f:.4f}" for i, f in raised.items()))
    print("\n".join(matrix(records, scores, floor, self_calibrated, languages)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
