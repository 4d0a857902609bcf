"""Stories only where the evidence says one event: a conjunctive lexical condition, measured.

    python benchmarks/coverage_evidence.py --shared ../shared --work-dir WORK grid [--json FILE]
    python benchmarks/coverage_evidence.py --shared ../shared --work-dir WORK new --family F \
        --floor X --out DIR   (or --every: every rule of the grid)
    python benchmarks/coverage_evidence.py --shared ../shared --work-dir WORK auc
    python benchmarks/coverage_evidence.py --shared ../shared --work-dir WORK reader \
        --family F ... --floor X ...

``grid``, ``new`` and ``reader`` take ``--thresholds T ...`` (lead cosine; 0.88 by default).

Groups all 3,000 IndoSum articles with the product's rule (``group_stories`` defaults: lead
cosine 0.88, same outlet -0.04, ...) and, in addition, a floor two articles must pass to
join (``may_join``), one family at a time:

- ``wording``: the TF-IDF cosine of the two openings (``coverage.wording``);
- ``text``: the TF-IDF cosine of the two whole texts (every paragraph);
- ``names``: the cosine of the openings' IDF-weighted names and figures
  (``coverage.particulars``);
- ``names-idf``: the IDF (natural log, sklearn's smoothed form) summed over the names and
  figures the two openings share.

An article whose text gives no word (no particular) is held to no floor, as the product's
wording floor does. Each setting is scored on the census of the product's stories
(``round8-merged`` and the pairs later rules newly join, ``round9-new``: halves ``tune`` /
``check`` by sha1 as ``coverage_reader.half``), the probe sample (``round8-recall``) and the
mined pairs (``coverage.SPLITS``, by split and by the 5 folds of ``coverage_cv``).

The choice (BENCHMARKS.md, "Round 9, stories: evidence of one event", written before any
result): the setting with the best precision of the labelled census ``tune`` pairs it joins,
among those keeping the probe sample's 2 joined same-event pairs and whose mined-pair F1
is not below the product's (ties: more tune same-event pairs kept, then the lower floor);
cross-validated for the mined constraint: in each fold the constraint is read on the other
four folds, the choice predicts the fold, and the pooled F1 is compared with the product's.

``new`` writes the labelling sheet (no score, no story, shuffled) of the census-unlabelled
pairs a setting joins, to be read, labelled by the written definition (DEVELOPERS.md,
"Labels") and appended to ``coverage_pairs.jsonl`` as ``round9-new`` before ``grid`` scores
them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.coverage import PAIRS, SPLITS, pairwise  # noqa: E402
from benchmarks.coverage_cv import folds_by_story  # noqa: E402
from benchmarks.coverage_reader import (  # noqa: E402
    MERGED,
    RECALL,
    _show,
    corpus,
    half,
    merged_pairs,
    reader_scores,
)
from newsbot.index.coverage.particulars import Particulars, particulars  # noqa: E402
from newsbot.index.coverage.stories import group_stories  # noqa: E402
from newsbot.index.coverage.wording import Wording  # noqa: E402

#: Pairs a rule of this round newly joins, read and labelled blind.
NEW = "round9-new"
SEED = 9


def _steps(low: float, high: float, step: float) -> list[float]:
    return [round(low + step * k, 3) for k in range(round((high - low) / step) + 1)]


#: family -> floors tried.
FLOORS: dict[str, list[float]] = {
    "wording": _steps(0.02, 0.40, 0.02),
    "text": _steps(0.02, 0.40, 0.02),
    "names": _steps(0.02, 0.40, 0.02),
    "names-idf": _steps(2.0, 40.0, 2.0),
}


class Evidence:
    """Each family's pair score over all articles (dense float32 matrices) and which
    articles give anything to compare."""

    def __init__(self, openings: list[str], texts: list[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        wording = Wording(openings)
        assert wording.matrix is not None
        whole = TfidfVectorizer(token_pattern=r"(?u)\b\w\w+\b", sublinear_tf=True)
        rows = whole.fit_transform(texts)
        names = Particulars(openings)
        assert names.matrix is not None and names.rows is not None
        found = [sorted(particulars(t)) for t in openings]
        weights = TfidfVectorizer(analyzer=lambda x: x, binary=True, norm=None)
        idf_rows = weights.fit_transform(found)
        binary = (idf_rows > 0).astype(np.float32)
        has_text = np.diff(rows.indptr) > 0
        self.score: dict[str, np.ndarray] = {
            "wording": wording.matrix,
            "text": np.asarray((rows @ rows.T).toarray(), dtype=np.float32),
            "names": names.matrix,
            "names-idf": np.asarray((idf_rows @ binary.T).toarray(), dtype=np.float32),
        }
        self.has = {
            "wording": wording.has,
            "text": has_text,
            "names": names.has,
            "names-idf": names.has,
        }

    def rule(self, family: str, floor: float) -> Callable[[int, int], bool]:
        score, has = self.score[family], self.has[family]

        def may_join(i: int, j: int) -> bool:
            return not (has[i] and has[j]) or bool(score[i, j] >= floor)

        return may_join


def _labels(pairs: list[dict[str, Any]]) -> dict[frozenset[str], tuple[bool, str]]:
    """Each labelled census pair -> (one event, its half by its stored order)."""
    return {
        frozenset((p["a"], p["b"])): (bool(p["same"]), half(p))
        for p in pairs
        if p["split"] in (MERGED, NEW)
    }


def census_scores(
    articles: list[Any], stories: dict[str, str], label: dict[frozenset[str], tuple[bool, str]]
) -> dict[str, Any]:
    """Per census half: the labelled pairs joined, of them one event, the unlabelled joined,
    cross- and same-outlet."""
    found: dict[str, Any] = {}
    for h in ("tune", "check"):
        row: dict[str, int] = {"joined": 0, "same": 0, "unlabelled": 0, "cross joined": 0}
        row["cross same"] = 0
        for cross in (True, False):
            for a, b in merged_pairs(articles, stories, cross=cross):
                key = frozenset((a, b))
                if key not in label:
                    row["unlabelled"] += half({"a": a, "b": b}) == h
                    continue
                same, side = label[key]
                if side != h:
                    continue
                row["joined"] += 1
                row["same"] += same
                if cross:
                    row["cross joined"] += 1
                    row["cross same"] += same
        row["of same"] = sum(same for same, side in label.values() if side == h)
        found[h] = row
    return found


def _precision(row: dict[str, int]) -> float:
    return row["same"] / row["joined"] if row["joined"] else 0.0


def _f1(pred: list[bool], gold: list[bool]) -> float:
    tp = sum(x and y for x, y in zip(pred, gold, strict=True))
    fp = sum(x and not y for x, y in zip(pred, gold, strict=True))
    fn = sum(y and not x for x, y in zip(pred, gold, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def setup(args: argparse.Namespace) -> tuple[Any, ...]:
    articles, chunks, refs, vectors = corpus(args.shared, args.work_dir)
    texts = [" ".join(p.text for p in c) for c in chunks]
    evidence = Evidence([r.lead for r in refs], texts)
    return articles, chunks, refs, vectors, evidence


def grid(args: argparse.Namespace) -> int:
    articles, _, refs, vectors, evidence = setup(args)
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    label = _labels(pairs)
    mined = [p for p in pairs if p["split"] in SPLITS]
    gold = [bool(p["same"]) for p in mined]
    fold = folds_by_story(mined)
    probe = [p for p in pairs if p["split"] == RECALL and p["same"]]
    settings = [
        (f, x, t)
        for t in args.thresholds
        for f, floors in [("none", [0.0]), *FLOORS.items()]
        for x in floors
    ]
    rows = []
    for family, floor, threshold in settings:
        may_join = None if family == "none" else evidence.rule(family, floor)
        stories = group_stories(refs, vectors, may_join=may_join, threshold=threshold)
        joined = [stories[p["a"]] == stories[p["b"]] for p in mined]
        rows.append(
            {
                "family": family,
                "floor": floor,
                "threshold": threshold,
                "census": census_scores(articles, stories, label),
                "probe joined": sum(stories[p["a"]] == stories[p["b"]] for p in probe),
                "mined": {
                    s: pairwise(stories, [p for p in mined if p["split"] == s]) for s in SPLITS
                },
                "mined all": pairwise(stories, mined),
                "joined": joined,
                "stories": len(set(stories.values())),
            }
        )
    base = rows[0]

    def allowed(r: dict[str, Any], keep: list[int]) -> bool:
        pred = [r["joined"][i] for i in keep]
        floor_f1 = _f1([base["joined"][i] for i in keep], [gold[i] for i in keep])
        return (
            r["probe joined"] >= base["probe joined"]
            and _f1(pred, [gold[i] for i in keep]) >= floor_f1 - 1e-9
        )

    def choose(keep: list[int]) -> dict[str, Any]:
        ok = [r for r in rows if allowed(r, keep)]
        return max(
            ok,
            key=lambda r: (
                round(_precision(r["census"]["tune"]), 6),
                r["census"]["tune"]["same"],
                -r["floor"],
                -r["threshold"],
            ),
        )

    chosen = choose(list(range(len(mined))))
    held = [False] * len(mined)
    picks = []
    for f in sorted(set(fold)):
        keep = [i for i, g in enumerate(fold) if g != f]
        pick = choose(keep)
        picks.append((pick["family"], pick["floor"], pick["threshold"]))
        for i, g in enumerate(fold):
            if g == f:
                held[i] = pick["joined"][i]
    print(
        "| rule | tune: P (same / joined, of) cross | check: P (same / joined, of) cross | "
        "unlabelled t/c | probe | mined all F1 (tune holdout round5 round6) | stories |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        t, c = r["census"]["tune"], r["census"]["check"]
        mark = " **chosen**" if r is chosen else ""
        print(
            f"| {r['threshold']} {r['family']} {r['floor']}{mark} | "
            f"{_precision(t):.2f} ({t['same']} / {t['joined']}, {t['of same']}) "
            f"{t['cross same']}/{t['cross joined']} | "
            f"{_precision(c):.2f} ({c['same']} / {c['joined']}, {c['of same']}) "
            f"{c['cross same']}/{c['cross joined']} | {t['unlabelled']}/{c['unlabelled']} | "
            f"{r['probe joined']} | {r['mined all']['f1']:.2f} "
            f"({' '.join(format(r['mined'][s]['f1'], '.2f') for s in SPLITS)}) | "
            f"{r['stories']} |"
        )
    print(
        f"\nchosen: {chosen['threshold']} {chosen['family']} {chosen['floor']}; "
        f"per fold {picks}; mined F1 cross-validated {_f1(held, gold):.2f} against the product's "
        f"{_f1(base['joined'], gold):.2f}"
    )
    if args.json:
        for r in rows:
            del r["joined"]
        args.json.write_text(json.dumps({"rows": rows, "folds": picks}, indent=1))
    return 0


def new(args: argparse.Namespace) -> int:
    """Write the sheet of the census-unlabelled pairs a setting joins (shuffled, no score)."""
    articles, chunks, refs, vectors, evidence = setup(args)
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    label = _labels(pairs)
    rest: list[tuple[str, str, str]] = []
    chosen = [
        (f, x, t)
        for t in args.thresholds
        for f, x in zip(args.family or [], args.floor or [], strict=True)
    ]
    if args.every:
        chosen = [
            (f, x, t)
            for t in args.thresholds
            for f, floors in [("none", [0.0]), *FLOORS.items()]
            for x in floors
        ]
    for family, floor, threshold in chosen:
        may_join = None if family == "none" else evidence.rule(family, float(floor))
        stories = group_stories(refs, vectors, may_join=may_join, threshold=threshold)
        for kind, cross in (("cross", True), ("same", False)):
            for a, b in merged_pairs(articles, stories, cross=cross):
                if frozenset((a, b)) not in label and (a, b, kind) not in rest:
                    rest.append((a, b, kind))
    random.Random(SEED).shuffle(rest)
    row = {a.id: i for i, a in enumerate(articles)}
    args.out.mkdir(parents=True, exist_ok=True)
    sheet, key = ["# Is each pair one event?\n"], []
    for n, (a, b, kind) in enumerate(rest, 1):
        sheet.append(f"## N{n}\n")
        sheet += [_show(articles[row[i]], chunks[row[i]]) for i in (a, b)]
        key.append({"item": f"N{n}", "a": a, "b": b, "split": NEW, "outlets": kind})
    (args.out / "sheet.md").write_text("\n".join(sheet))
    (args.out / "key.jsonl").write_text("".join(json.dumps(k) + "\n" for k in key))
    print(f"{len(rest)} pairs not yet labelled")
    return 0


def auc(args: argparse.Namespace) -> int:
    """Print the ROC AUC of each pair score over the labelled census pairs, by half."""
    from sklearn.metrics import roc_auc_score

    articles, _, _, vectors, evidence = setup(args)
    row = {a.id: i for i, a in enumerate(articles)}
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    label = _labels(pairs)
    for h in ("tune", "check"):
        for kind in ("all", "cross-outlet"):
            keys = [
                sorted(k)
                for k, (_, side) in label.items()
                if side == h and (kind == "all" or len({articles[row[x]].source for x in k}) == 2)
            ]
            gold = [label[frozenset(k)][0] for k in keys]
            found = []
            for family in ("lead cosine", *FLOORS):
                scores = [
                    float(vectors[row[a]] @ vectors[row[b]])
                    if family == "lead cosine"
                    else float(evidence.score[family][row[a], row[b]])
                    for a, b in keys
                ]
                found.append(f"{family} {roc_auc_score(gold, scores):.2f}")
            print(f"{h}, {kind} ({len(keys)} pairs, {sum(gold)} one event): " + "; ".join(found))
    return 0


def reader(args: argparse.Namespace) -> int:
    """Print precision and purity as a reader meets them (``coverage_reader.reader_scores``)
    for each rule given."""
    articles, _, refs, vectors, evidence = setup(args)
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    for family, floor in zip(args.family, args.floor, strict=True):
        for threshold in args.thresholds:
            may_join = None if family == "none" else evidence.rule(family, floor)
            stories = group_stories(refs, vectors, may_join=may_join, threshold=threshold)
            found = reader_scores(articles, stories, pairs)
            cells = [
                f"{k} {found[k]['hits']} / {found[k]['of']}"
                for k in ("precision, cross-outlet", "precision, all", "purity", "recall")
            ]
            print(f"{threshold} {family} {floor}: " + "; ".join(cells))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grid", help="score every family and floor; choose on the tune half")
    g.add_argument("--json", type=Path, help="write every row here")
    n = sub.add_parser("new", help="write the sheet of the unlabelled pairs settings join")
    n.add_argument("--family", nargs="+")
    n.add_argument("--floor", nargs="+", type=float)
    n.add_argument("--every", action="store_true", help="every family and floor of the grid")
    n.add_argument("--out", type=Path, required=True)
    sub.add_parser("auc", help="ROC AUC of each pair score over the census pairs, by half")
    r = sub.add_parser("reader", help="precision and purity as a reader meets them")
    r.add_argument("--family", nargs="+", required=True)
    r.add_argument("--floor", nargs="+", type=float, required=True)
    for p in (g, n, r):
        p.add_argument(
            "--thresholds", nargs="+", type=float, default=[0.88], help="lead cosine thresholds"
        )
    args = parser.parse_args(argv)
    commands = {"grid": grid, "new": new, "auc": auc, "reader": reader}
    return commands[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
