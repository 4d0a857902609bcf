"""Choose the story pair score and threshold by cross-validation over the labelled pairs.

    python benchmarks/coverage_cv.py --shared ../shared --work-dir WORK [--final | --events]

Every rule groups all 3,000 IndoSum articles with ``coverage.stories.group_stories`` (the
product's window, seen-time span, event-day and undated rules kept), its similarity being
one of:

- ``lead``: the cosine of the lead paragraphs' e5 vectors (the product's today);
- ``two``: the cosine of the mean of the first two paragraphs' e5 vectors;
- ``wording``: the TF-IDF cosine of the two openings alone (``coverage.wording``);
- ``lead+wording`` / ``two+wording``: the vector cosine plus a weight times the wording
  cosine. A logistic regression on these two inputs draws a straight line in this plane,
  ``a*cosine + b*wording >= c``, which is this rule with weight ``b/a`` and threshold
  ``c/a``: the grid of weights and thresholds spans the regressions on two inputs.

Cross-validation, stated rule: the pairs of the ``tune``, ``holdout`` and ``round5`` splits
are grouped into connected components (two pairs sharing an article are in one group, so
no article, and no story, is on both sides of a fold); the groups go to 5 folds in a fixed
order, the one with the most same-story pairs first, each to the fold holding the fewest
same-story pairs so far (then the fewest pairs). For each family and each fold, the
setting (weight, threshold) with the best pairwise F1 on the other four folds is chosen
(ties: the lower weight, then the higher threshold: the rule that reads less and joins
less) and predicts the held-out fold; the held-out predictions of the five folds are pooled
into one precision, recall and F1 per family: the cross-validated estimate. The family with
the best estimate is chosen, and its setting is the best on all three splits together.

``--final`` then scores ``round6`` (labelled blind, never seen by the choice) once, for
today's default and the chosen rule. Writes ``benchmarks/results/coverage_cv.json``.

``--events`` (round 7) cross-validates the event-day signals instead, over all four splits
(726 pairs: round6 was scored once in round 6, so no split is blind any more), with the same
folds rule and the same nested choice: the families are ``lead`` (today's rule: the first
day the opening's two paragraphs name, tolerance 1, thresholds 0.84-0.95), ``first`` (that
day read from 2 or 3 paragraphs, tolerance 0 or 1, plus a bonus of 0-0.05 when the two
name the same day), ``all`` (every day the 2 or 3 paragraphs name, with or without
"kemarin"/"hari ini", the nearest two compared; tolerance and bonus as ``first``) and
``figures`` (the first day as today, a bonus of 0 or 0.03 for a common day, and one of
0.01-0.05 when the 2 or 3 paragraphs give a common figure, ``coverage.figures``) and
``whole`` (the first day of 2 or 3 paragraphs, day bonus 0 or 0.03, figure bonus 0 or
0.02, a story refused whole when any member is refused: no chains), each over thresholds
0.85-0.93. Writes ``benchmarks/results/coverage_events.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.coverage import PAIRS, CachedEmbedder, mined_pairs  # noqa: E402
from newsbot.index.articles import Article  # noqa: E402
from newsbot.index.building.chunking import split_article  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402
from newsbot.index.coverage import stories as story_rules  # noqa: E402
from newsbot.index.coverage.stories import StoryArticle, group_stories  # noqa: E402
from newsbot.index.coverage.wording import Wording  # noqa: E402
from newsbot.index.reading.readers import read_sources  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "coverage_cv.json"
EVENT_RESULTS = REPO / "benchmarks" / "results" / "coverage_events.json"
ALL_SPLITS = ("tune", "holdout", "round5", "round6")
CV_SPLITS = ("tune", "holdout", "round5")
BLIND = "round6"
FOLDS = 5


def _steps(low: float, high: float, step: float = 0.01) -> list[float]:
    return [round(low + step * k, 3) for k in range(round((high - low) / step) + 1)]


#: family -> [(weight, [thresholds])]. The thresholds of a combination move up with its
#: weight (the wording cosine of same-story openings is 0.1-0.5).
GRID: dict[str, list[tuple[float, list[float]]]] = {
    "lead": [(0.0, _steps(0.84, 0.95))],
    "two": [(0.0, _steps(0.85, 0.96))],
    "wording": [(1.0, _steps(0.05, 0.5, 0.025))],
    **{
        f"{vector}+wording": [
            (w, _steps(round(0.86 + 0.05 * w, 2), round(0.96 + 0.3 * w, 2)))
            for w in (0.1, 0.2, 0.3, 0.5, 1.0)
        ]
        for vector in ("lead", "two")
    },
}


def folds_by_story(pairs: list[dict[str, Any]], k: int = FOLDS) -> list[int]:
    """Return each pair's fold (0..k-1): connected components of pairs kept whole."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[find(p["a"])] = find(p["b"])
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        groups.setdefault(find(p["a"]), []).append(i)
    order = sorted(
        groups.values(),
        key=lambda g: (-sum(pairs[i]["same"] for i in g), -len(g), min(pairs[i]["a"] for i in g)),
    )
    positives, sizes = [0] * k, [0] * k
    fold = [0] * len(pairs)
    for members in order:
        f = min(range(k), key=lambda j: (positives[j], sizes[j], j))
        for i in members:
            fold[i] = f
        positives[f] += sum(pairs[i]["same"] for i in members)
        sizes[f] += len(members)
    return fold


def _f1(merged: list[bool], same: list[bool]) -> dict[str, float]:
    tp = sum(m and s for m, s in zip(merged, same, strict=True))
    fp = sum(m and not s for m, s in zip(merged, same, strict=True))
    fn = sum(s and not m for m, s in zip(merged, same, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--final", action="store_true", help=f"also score {BLIND}, once")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--events", action="store_true", help="cross-validate the event-day signals (726 pairs)"
    )
    args = parser.parse_args(argv)
    if args.events:
        return events_main(args)
    corpus = args.shared / "corpus" / "indosum-3000.jsonl"
    articles = [a for a in read_sources([corpus]) if isinstance(a, Article)]
    embedder = CachedEmbedder(load_embedder(), args.work_dir / "vectors.npz")
    chunks = [split_article(a) for a in articles]
    lead = embedder.embed_passages([c[0].context for c in chunks])
    second = embedder.embed_passages([c[min(1, len(c) - 1)].context for c in chunks])
    vectors = {
        "lead": lead / np.linalg.norm(lead, axis=1, keepdims=True),
        "two": (lead + second) / np.linalg.norm(lead + second, axis=1, keepdims=True),
        "wording": np.zeros_like(lead),
    }
    openings = [" ".join(p.text for p in c[: story_rules.OPENING_PARAGRAPHS]) for c in chunks]
    refs = [
        StoryArticle(a.id, a.source, a.published, a.seen, opening)
        for a, opening in zip(articles, openings, strict=True)
    ]
    # One TF-IDF of the openings serves every grouping below (each would build the same).
    built = Wording(openings)
    story_rules.Wording = lambda texts: built  # type: ignore[assignment,misc]

    every = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    pairs = [p for p in every if p["split"] in CV_SPLITS]
    same = [bool(p["same"]) for p in pairs]
    fold = folds_by_story(pairs)

    def predict(family: str, weight: float, threshold: float, chosen: list[dict[str, Any]]):
        vector = family.split("+")[0]
        stories = group_stories(
            refs,
            vectors[vector].astype(np.float32),
            threshold=threshold,
            wording_weight=weight if "wording" in family else 0.0,
        )
        return [stories[p["a"]] == stories[p["b"]] for p in chosen], len(set(stories.values()))

    merged: dict[tuple[str, float, float], list[bool]] = {}
    counts: dict[tuple[str, float, float], int] = {}
    for family, settings in GRID.items():
        for weight, thresholds in settings:
            for threshold in thresholds:
                key = (family, weight, threshold)
                merged[key], counts[key] = predict(family, weight, threshold, pairs)
        print(f"{family}: grouped", file=sys.stderr)

    def best(family: str, rows: list[int]) -> tuple[str, float, float]:
        keys = [k for k in merged if k[0] == family]
        return max(
            keys,
            key=lambda k: (
                round(_f1([merged[k][i] for i in rows], [same[i] for i in rows])["f1"], 9),
                -k[1],
                k[2],
            ),
        )

    families: dict[str, Any] = {}
    for family in GRID:
        held: list[bool] = [False] * len(pairs)
        chosen_per_fold = []
        for k in range(FOLDS):
            train = [i for i in range(len(pairs)) if fold[i] != k]
            key = best(family, train)
            chosen_per_fold.append({"weight": key[1], "threshold": key[2]})
            for i in range(len(pairs)):
                if fold[i] == k:
                    held[i] = merged[key][i]
        overall = best(family, list(range(len(pairs))))
        families[family] = {
            "cv": _f1(held, same),
            "per_fold": chosen_per_fold,
            "setting": {"weight": overall[1], "threshold": overall[2]},
            "fitted": _f1(merged[overall], same),
            "stories": counts[overall],
        }
    # The whole procedure, family included, chosen on the training folds alone: an estimate
    # not flattered by picking the best of the families on the same held-out predictions.
    nested: list[bool] = [False] * len(pairs)
    nested_choices = []
    for k in range(FOLDS):
        train = [i for i in range(len(pairs)) if fold[i] != k]
        keys = [best(family, train) for family in GRID]
        key = max(
            keys,
            key=lambda c: (
                round(_f1([merged[c][i] for i in train], [same[i] for i in train])["f1"], 9),
                c[0] == "lead",
            ),
        )
        nested_choices.append({"family": key[0], "weight": key[1], "threshold": key[2]})
        for i in range(len(pairs)):
            if fold[i] == k:
                nested[i] = merged[key][i]
    default_key = ("lead", 0.0, story_rules.STORY_THRESHOLD)
    default = {
        "setting": {"weight": 0.0, "threshold": story_rules.STORY_THRESHOLD},
        "all_three": _f1(merged[default_key], same),
        "stories": counts[default_key],
        **{
            s: _f1(
                [m for m, p in zip(merged[default_key], pairs, strict=True) if p["split"] == s],
                [bool(p["same"]) for p in pairs if p["split"] == s],
            )
            for s in CV_SPLITS
        },
    }
    winner = max(families, key=lambda f: (round(families[f]["cv"]["f1"], 9), f == "lead"))
    result: dict[str, Any] = {
        "pairs": len(pairs),
        "same_story": sum(same),
        "folds": [
            {
                "pairs": sum(1 for f in fold if f == k),
                "same": sum(s for f, s in zip(fold, same, strict=True) if f == k),
            }
            for k in range(FOLDS)
        ],
        "default": default,
        "families": families,
        "chosen": {"family": winner, **families[winner]["setting"]},
        "nested": {"cv": _f1(nested, same), "per_fold": nested_choices},
    }
    for family, entry in families.items():
        cv, fit = entry["cv"], entry["fitted"]
        print(
            f"{family:14} CV P {cv['precision']:.2f} R {cv['recall']:.2f} F1 {cv['f1']:.2f}"
            f"   fitted on all {fit['f1']:.2f} at {entry['setting']}",
            file=sys.stderr,
        )
    print(f"default (lead 0.88) on the three: {default['all_three']['f1']:.2f}", file=sys.stderr)
    print(f"chosen: {result['chosen']}", file=sys.stderr)
    print(f"nested (family chosen per fold too): {result['nested']}", file=sys.stderr)
    if args.final:
        blind = [p for p in every if p["split"] == BLIND]
        scored = {}
        for name, (family, weight, threshold) in {
            "default": default_key,
            "chosen": (
                winner,
                families[winner]["setting"]["weight"],
                families[winner]["setting"]["threshold"],
            ),
        }.items():
            found, stories = predict(family, weight, threshold, every)
            by_split = {
                s: _f1(
                    [m for m, p in zip(found, every, strict=True) if p["split"] == s],
                    [bool(p["same"]) for p in every if p["split"] == s],
                )
                for s in (*CV_SPLITS, BLIND)
            }
            by_split["all"] = _f1(found, [bool(p["same"]) for p in every])
            scored[name] = {
                "family": family,
                "weight": weight,
                "threshold": threshold,
                "stories": stories,
                **by_split,
            }
            print(name, {s: round(v["f1"], 2) for s, v in by_split.items()}, file=sys.stderr)
        result["final"] = {
            "blind_pairs": len(blind),
            "blind_same": sum(p["same"] for p in blind),
            **scored,
        }
    if not args.no_write:
        RESULTS.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    print(json.dumps({k: result[k] for k in ("chosen", "default")}, indent=1, default=str))
    return 0


#: The event-day settings ``--events`` compares: family -> settings (reading, paragraphs,
#: relative days, tolerance, event-day bonus, threshold, figure bonus, whole story).
EventSetting = tuple[str, int, bool, int, float, float, float, bool]


def event_grid() -> dict[str, list[EventSetting]]:
    """The families of ``--events`` and their settings."""
    thresholds = _steps(0.85, 0.93)
    bonuses = (0.0, 0.01, 0.02, 0.03, 0.05)
    return {
        "lead": [("first", 2, False, 1, 0.0, t, 0.0, False) for t in _steps(0.84, 0.95)],
        "first": [
            ("first", k, False, tol, b, t, 0.0, False)
            for k in (2, 3)
            for tol in (0, 1)
            for b in bonuses
            for t in thresholds
        ],
        "all": [
            ("all", k, rel, tol, b, t, 0.0, False)
            for k in (2, 3)
            for rel in (False, True)
            for tol in (0, 1)
            for b in bonuses
            for t in thresholds
        ],
        "figures": [
            ("first", k, False, 1, b, t, f, False)
            for k in (2, 3)
            for b in (0.0, 0.03)
            for f in (0.01, 0.02, 0.03, 0.05)
            for t in thresholds
        ],
        "whole": [
            ("first", k, False, 1, b, t, f, True)
            for k in (2, 3)
            for b in (0.0, 0.03)
            for f in (0.0, 0.02)
            for t in thresholds
        ],
    }


def _simplicity(setting: EventSetting) -> tuple[float, ...]:
    """Ties go to the rule that reads less and joins less: first day, fewer paragraphs, no
    relative days, no bonus, the wider tolerance, the higher threshold."""
    reading, k, rel, tol, bonus, threshold, figure, whole = setting
    return (reading == "first", not whole, -k, not rel, -figure, -bonus, tol, threshold)


def events_main(args: argparse.Namespace) -> int:
    """Cross-validate the event-day signals over all labelled pairs (``--events``)."""
    corpus = args.shared / "corpus" / "indosum-3000.jsonl"
    articles = [a for a in read_sources([corpus]) if isinstance(a, Article)]
    embedder = CachedEmbedder(load_embedder(), args.work_dir / "vectors.npz")
    chunks = [split_article(a) for a in articles]
    lead = embedder.embed_passages([c[0].context for c in chunks])
    vectors = (lead / np.linalg.norm(lead, axis=1, keepdims=True)).astype(np.float32)
    refs = {
        k: [
            StoryArticle(a.id, a.source, a.published, a.seen, " ".join(p.text for p in c[:k]))
            for a, c in zip(articles, chunks, strict=True)
        ]
        for k in (2, 3)
    }
    pairs = mined_pairs()
    same = [bool(p["same"]) for p in pairs]
    fold = folds_by_story(pairs)
    grid = event_grid()
    merged: dict[EventSetting, list[bool]] = {}
    counts: dict[EventSetting, int] = {}
    for family, settings in grid.items():
        for setting in settings:
            if setting in merged:
                continue
            reading, k, rel, tol, bonus, threshold, figure, whole = setting
            stories = group_stories(
                refs[k],
                vectors,
                threshold=threshold,
                event_tolerance=tol,
                event_reading=reading,
                relative_days=rel,
                event_bonus=bonus,
                figure_bonus=figure,
                whole_story=whole,
            )
            merged[setting] = [stories[p["a"]] == stories[p["b"]] for p in pairs]
            counts[setting] = len(set(stories.values()))
        print(f"{family}: grouped {len(settings)}", file=sys.stderr)

    def f1_on(setting: EventSetting, rows: list[int]) -> float:
        return _f1([merged[setting][i] for i in rows], [same[i] for i in rows])["f1"]

    def best(family: str, rows: list[int]) -> EventSetting:
        return max(grid[family], key=lambda s: (round(f1_on(s, rows), 9), _simplicity(s)))

    def by_split(found: list[bool]) -> dict[str, dict[str, float]]:
        out = {
            s: _f1(
                [m for m, p in zip(found, pairs, strict=True) if p["split"] == s],
                [bool(p["same"]) for p in pairs if p["split"] == s],
            )
            for s in ALL_SPLITS
        }
        out["all"] = _f1(found, same)
        return out

    everything = list(range(len(pairs)))
    families: dict[str, Any] = {}
    for family in grid:
        held = [False] * len(pairs)
        per_fold = []
        for k in range(FOLDS):
            train = [i for i in everything if fold[i] != k]
            setting = best(family, train)
            per_fold.append(setting)
            for i in everything:
                if fold[i] == k:
                    held[i] = merged[setting][i]
        overall = best(family, everything)
        families[family] = {
            "cv": _f1(held, same),
            "per_fold": per_fold,
            "setting": overall,
            "fitted": by_split(merged[overall]),
            "stories": counts[overall],
        }
    nested = [False] * len(pairs)
    nested_choices = []
    for k in range(FOLDS):
        train = [i for i in everything if fold[i] != k]
        candidates = [(family, best(family, train)) for family in grid]
        family, setting = max(
            candidates, key=lambda c: (round(f1_on(c[1], train), 9), c[0] == "lead")
        )
        nested_choices.append({"family": family, "setting": setting})
        for i in everything:
            if fold[i] == k:
                nested[i] = merged[setting][i]
    default: EventSetting = ("first", 2, False, 1, 0.0, story_rules.STORY_THRESHOLD, 0.0, False)
    result: dict[str, Any] = {
        "pairs": len(pairs),
        "same_story": sum(same),
        "folds": [
            {
                "pairs": sum(1 for f in fold if f == k),
                "same": sum(s for f, s in zip(fold, same, strict=True) if f == k),
            }
            for k in range(FOLDS)
        ],
        "default": {"setting": default, **by_split(merged[default]), "stories": counts[default]},
        "families": families,
        "nested": {
            "cv": _f1(nested, same),
            "by_split": by_split(nested),
            "per_fold": nested_choices,
        },
    }
    for family, entry in families.items():
        cv = entry["cv"]
        print(
            f"{family:6} CV P {cv['precision']:.2f} R {cv['recall']:.2f} F1 {cv['f1']:.2f}"
            f"   fitted {entry['fitted']['all']['f1']:.2f} at {entry['setting']}",
            file=sys.stderr,
        )
    for name, found in (("default", merged[default]), ("nested", nested)):
        split_f1 = {s: round(v["f1"], 2) for s, v in by_split(found).items()}
        print(f"{name}: {split_f1}", file=sys.stderr)
    if not args.no_write:
        EVENT_RESULTS.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    print(json.dumps({k: result[k] for k in ("default", "nested")}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
