"""Try a candidate term of the "not covered" floor on recorded features, and show how it
separates.

Reads what ``benchmarks/floor_features.py`` recorded and, for each candidate term (a number
per question, 0 when it says nothing), prints its distribution on answerable and on absent
questions per index and language, then adds it to today's confidence with each weight of a
grid, re-chooses the floor by the calibration rule (``floor_replay.calibrate``; English: the
same rule on English questions) and prints what each weight does to the calibration halves
(the objective: the two large indexes' mean no-answer refused plus a quarter of the worst
index's, provided the rule's limits hold). ``--show TERM WEIGHT`` prints the whole matrix,
holdout halves included, for one chosen weight: read it once.

    python benchmarks/floor_terms.py features.jsonl
    python benchmarks/floor_terms.py features.jsonl --show rarest_absent -0.02
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from floor_replay import LARGE, Record, calibrate, score  # noqa: E402

from newsbot.index.defaults import CONFIDENCE_BY_LANGUAGE  # noqa: E402

#: Agreement counts the first this many fused candidates.
AGREEMENT = 5


def _rarest_known(record: Record) -> dict[str, object] | None:
    known = [t for t in record["terms"] if t["df"] > 0]
    return max(known, key=lambda t: t["idf"]) if known else None


def near(record: Record) -> float:
    """The reranker's ``answer_near`` for the first passage (0 to 1); 0 for a question of
    another kind than when / how many / who."""
    return float(record.get("near") or 0.0)


def no_near(record: Record) -> float:
    """1 when a when / how many / who question's first passage holds none of its words
    beside a possible answer."""
    return float(bool(record.get("asks")) and not record.get("near"))


def sentence_lacks_kind(record: Record) -> float:
    """1 when the best sentence of the first passage holds no answer of the asked kind."""
    return float(record.get("sentence_kind") is False)


def word_share(record: Record) -> float:
    """The plain share (0 to 1) of the question's content words the first passage holds."""
    words = record["words"]
    return sum(w["paragraph"] for w in words) / len(words) if words else 1.0


def missing_words(record: Record) -> float:
    """The share of the question's known content words the first passage lacks."""
    known = [w for w in record["words"] if w["known"]]
    return sum(not w["paragraph"] for w in known) / len(known) if known else 0.0


def rarest_absent(record: Record) -> float:
    """1 when the question's rarest known term (by idf) is absent from the first passage's
    article while the index holds it elsewhere."""
    rarest = _rarest_known(record)
    return float(rarest is not None and not rarest["article"])


def scattered(record: Record) -> float:
    """1 when no other of the first ``AGREEMENT`` fused candidates is of the first
    passage's story, on an index of at least 100 articles (else 0: one or two articles are
    one story)."""
    if record.get("articles", 0) < 100:
        return 0.0
    same = sum(story == record["top_story"] for _, story in record["candidates"][:AGREEMENT])
    return float(same <= 1)


TERMS: dict[str, Callable[[Record], float]] = {
    "near": near,
    "no_near": no_near,
    "sentence_lacks_kind": sentence_lacks_kind,
    "word_share": word_share,
    "missing_words": missing_words,
    "rarest_absent": rarest_absent,
    "scattered": scattered,
}
GRID = (-0.08, -0.06, -0.04, -0.03, -0.02, -0.01, 0.01, 0.02, 0.04, 0.06, 0.08)


def distribution(records: list[Record], term: Callable[[Record], float]) -> list[str]:
    lines = []
    groups: dict[tuple[str, str, str], list[float]] = {}
    for r in records:
        groups.setdefault((r["index"], r["language"], r["kind"]), []).append(term(r))
    for (index, lang, kind), values in groups.items():
        values.sort()
        lines.append(
            f"  {index:22} {lang} {kind:10} n={len(values):4} mean={statistics.mean(values):.3f}"
            f" p10={values[len(values) // 10]:.3f} p90={values[9 * len(values) // 10]:.3f}"
        )
    return lines


def english_floor(records: list[Record], scores: list[float]) -> float:
    """The calibration rule on English questions."""
    english = [r | {"language": "id"} for r in records]
    mine = [
        (r, s) for r, s, o in zip(english, scores, records, strict=True) if o["language"] == "en"
    ]
    return calibrate([r for r, _ in mine], [s for _, s in mine])


def refused(
    records: list[Record], scores: list[float], floors: dict[str, float], **where: str
) -> float:
    """The share of the records matching ``where`` whose score is below their floor."""
    chosen = [
        s < floors[r["language"]]
        for r, s in zip(records, scores, strict=True)
        if all(r[k] == v for k, v in where.items())
    ]
    return sum(chosen) / len(chosen) if chosen else 0.0


def evaluate(
    records: list[Record], term: Callable[[Record], float], weight: float
) -> tuple[dict[str, float], list[float], dict[str, float]]:
    """The floors, scores and calibration objective per language with ``weight`` × term."""
    weights = dict(CONFIDENCE_BY_LANGUAGE)
    scores = [score(r, weights) + weight * term(r) for r in records]
    floors = {
        "id": calibrate(records, scores),
        "en": english_floor(records, scores),
    }
    objective = {}
    for lang in ("id", "en"):
        cells = {
            index: refused(
                records,
                scores,
                floors,
                index=index,
                language=lang,
                kind="absent",
                set="calibration",
            )
            for index in dict.fromkeys(r["index"] for r in records)
        }
        large = [cells[i] for i in LARGE]
        objective[lang] = sum(large) / len(large) + min(cells.values()) / 4
    return floors, scores, objective


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("features", type=Path)
    parser.add_argument("--term", choices=sorted(TERMS), action="append")
    parser.add_argument("--show", nargs=2, metavar=("TERM", "WEIGHT"))
    parser.add_argument("--grid", type=float, nargs="+", default=GRID, help="weights to try")
    args = parser.parse_args(argv)
    with args.features.open(encoding="utf-8") as handle:
        records = [r for r in map(json.loads, handle) if "cosines" in r]
    if args.show:
        name, weight = args.show[0], float(args.show[1])
        floors, scores, objective = evaluate(records, TERMS[name], weight)
        print(f"{name} {weight:+}: floors {floors}, calibration objective {objective}")
        print("| index | language | answerable refused | no-answer refused: calibration | holdout")
        print("|---|---|---|---|---|")
        for index in dict.fromkeys(r["index"] for r in records):
            for lang in ("id", "en"):
                cells = [
                    refused(records, scores, floors, index=index, language=lang, kind="answerable"),
                    *(
                        refused(
                            records,
                            scores,
                            floors,
                            index=index,
                            language=lang,
                            kind="absent",
                            set=half,
                        )
                        for half in ("calibration", "holdout")
                    ),
                ]
                print(f"| {index} | {lang} | " + " | ".join(f"{c:.1%}" for c in cells) + " |")
        return 0
    base_floors, _, base = evaluate(records, TERMS["near"], 0.0)
    print(f"today: floors {base_floors}, objective id {base['id']:.3f} en {base['en']:.3f}")
    for name in args.term or TERMS:
        print(f"== {name}")
        print("\n".join(distribution(records, TERMS[name])))
        for weight in args.grid:
            floors, _, objective = evaluate(records, TERMS[name], weight)
            print(
                f"  {weight:+.2f}: floor id {floors['id']:.4f} en {floors['en']:.4f}"
                f"  objective id {objective['id']:.3f} ({objective['id'] - base['id']:+.3f})"
                f" en {objective['en']:.3f} ({objective['en'] - base['en']:+.3f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
