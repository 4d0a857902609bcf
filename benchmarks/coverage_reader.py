"""Stories as a reader meets them: the product's own grouping, labelled by reading.

    python benchmarks/coverage_reader.py --shared ../shared --work-dir WORK draw --out DIR
    python benchmarks/coverage_reader.py --shared ../shared --work-dir WORK census --out DIR
    python benchmarks/coverage_reader.py --shared ../shared --work-dir WORK fix [--json FILE]
    python benchmarks/coverage_reader.py --shared ../shared --work-dir WORK score

The mined pairs of ``coverage_pairs.jsonl`` (``tune``, ``holdout``, ``round5``, ``round6``)
were drawn near the decision boundary: they measure the hard cases, not the stories a
reader meets. This script groups all 3,000 IndoSum articles with the product's settings
(``coverage.stories.group_stories`` defaults, each article's lead vector cached in WORK as
``coverage.py`` keeps it) and draws, with a stated seed (``SEED``):

- ``merged``: a uniform random sample of the cross-outlet pairs of the product's stories
  with 2+ articles (``--pairs``, 120; when fewer exist, all of them and a uniform sample
  of the same-outlet pairs for the rest), shuffled; labelled, they give the precision a
  reader sees and the story purity (every pair of a story one event);
- ``probes``: a uniform random sample of articles (``--probes``, 60; a larger number keeps
  the first draws); for each, the articles of other outlets within 3 days of it
  (publication day, else first-seen day, in WIB) ranked by a method independent of the
  product (TF-IDF cosine of the headlines plus 0.1 per shared rare name, a capitalised
  headline or lead word held by at most 20 articles), top 5. Labelled, the same-event ones
  are what a reader needs joined; the share the product joined is its recall.

``draw`` writes ``DIR/sheet.md`` (headline, date, outlet and the first two paragraphs of
each article, no score, no story) and ``DIR/key.jsonl`` (each item's pair), to be read and
labelled by the written definition (DEVELOPERS.md, "Labels") and appended to
``coverage_pairs.jsonl`` as splits ``round8-merged`` and ``round8-recall`` BEFORE ``score``
runs; ``census`` writes the same sheet for every pair of the stories not yet labelled.
``score`` prints precision, purity and recall with Wilson 95% intervals and the mined-pair
numbers beside them. ``fix`` groups with each same-outlet penalty (``PENALTIES``), chooses
on the ``tune`` half of the labelled ``round8-merged`` pairs (``half``) and reports the
``check`` half, the probe sample and the mined pairs (fitted, and cross-validated in 5
folds by story as ``coverage_cv.py`` does) beside it (BENCHMARKS.md, "Round 8, stories as
a reader meets them").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.coverage import PAIRS, SPLITS, CachedEmbedder, pairwise  # noqa: E402
from benchmarks.coverage_cv import folds_by_story  # noqa: E402
from newsbot.index.articles import Article  # noqa: E402
from newsbot.index.building.chunking import split_article  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402
from newsbot.index.coverage import stories as story_rules  # noqa: E402
from newsbot.index.coverage.spans import seen_date  # noqa: E402
from newsbot.index.coverage.stories import StoryArticle, group_stories  # noqa: E402
from newsbot.index.coverage.when import published_day  # noqa: E402
from newsbot.index.reading.readers import read_sources  # noqa: E402

#: The splits this script labels (appended to ``coverage_pairs.jsonl``); never mined near
#: the boundary, never tuned on by the mined-pair benchmarks.
MERGED, RECALL = "round8-merged", "round8-recall"
SEED = 8
WINDOW = 3
TOP = 5
RARE_DF = 20
NAME_WEIGHT = 0.1
_NAME = re.compile(r"\b[A-Z][A-Za-z]{2,}\b")
_WORD = re.compile(r"\w+")


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval (95% by default) of ``hits`` of ``total``; (0, 1) for none."""
    if total == 0:
        return 0.0, 1.0
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def corpus(shared: Path, work_dir: Path) -> tuple[list[Article], list[list[Any]], Any, Any]:
    """The 3,000 articles, their paragraphs, their ``StoryArticle`` rows and unit lead vectors."""
    path = shared / "corpus" / "indosum-3000.jsonl"
    articles = [a for a in read_sources([path]) if isinstance(a, Article)]
    chunks = [split_article(a) for a in articles]
    embedder = CachedEmbedder(load_embedder(), work_dir / "vectors.npz")
    lead = embedder.embed_passages([c[0].context for c in chunks])
    vectors = (lead / np.linalg.norm(lead, axis=1, keepdims=True)).astype(np.float32)
    k = story_rules.OPENING_PARAGRAPHS
    refs = [
        StoryArticle(a.id, a.source, a.published, a.seen, " ".join(p.text for p in c[:k]))
        for a, c in zip(articles, chunks, strict=True)
    ]
    return articles, chunks, refs, vectors


def load(shared: Path, work_dir: Path) -> tuple[list[Article], list[list[Any]], dict[str, str]]:
    """The 3,000 articles, their paragraphs and the product's story of each."""
    articles, chunks, refs, vectors = corpus(shared, work_dir)
    return articles, chunks, group_stories(refs, vectors)


def day_of(a: Article) -> date | None:
    """The article's publication day in WIB, else its first-seen day."""
    return published_day(a.published) or seen_date(a.seen)


def merged_pairs(
    articles: list[Article], stories: dict[str, str], *, cross: bool = True
) -> list[tuple[str, str]]:
    """Every cross-outlet pair (``cross``) or every same-outlet pair of the product's
    multi-article stories (ids in corpus order)."""
    members: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        members[stories[a.id]].append(a)
    return [
        (x.id, y.id)
        for group in members.values()
        for i, x in enumerate(group)
        for y in group[i + 1 :]
        if (x.source != y.source) == cross
    ]


class Candidates:
    """The ``TOP`` articles of other outlets within ``WINDOW`` days most like a probe by
    headline TF-IDF cosine plus ``NAME_WEIGHT`` per shared rare name (independent of the
    product's vectors)."""

    def __init__(self, articles: list[Article], chunks: list[list[Any]]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.articles = articles
        titles = [a.title or "" for a in articles]
        self.matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(titles)
        names = [
            set(_NAME.findall(f"{a.title or ''} {c[0].text if c else ''}"))
            for a, c in zip(articles, chunks, strict=True)
        ]
        df: dict[str, int] = defaultdict(int)
        for found in names:
            for n in found:
                df[n] += 1
        self.rare = [{n for n in found if df[n] <= RARE_DF} for found in names]

    def __call__(self, probe: int) -> list[int]:
        x = self.articles[probe]
        dx = day_of(x)
        cosines = (self.matrix @ self.matrix[probe].T).toarray().ravel()
        scored = []
        for j, y in enumerate(self.articles):
            dy = day_of(y)
            if y.source == x.source or dx is None or dy is None or abs((dx - dy).days) > WINDOW:
                continue
            scored.append((cosines[j] + NAME_WEIGHT * len(self.rare[probe] & self.rare[j]), j))
        scored.sort(reverse=True)
        return [j for _, j in scored[:TOP]]


def _show(a: Article, chunks: list[Any]) -> str:
    when = a.published or f"undated, first seen {a.seen}"
    text = " ".join(p.text for p in chunks[:2])
    return f"**{a.title}** ({a.source}; {when})\n\n> {text[:700]}\n"


def draw(args: argparse.Namespace) -> int:
    articles, chunks, stories = load(args.shared, args.work_dir)
    row = {a.id: i for i, a in enumerate(articles)}
    rng = random.Random(SEED)
    every = merged_pairs(articles, stories)
    sample = rng.sample(every, min(args.pairs, len(every)))
    alike = merged_pairs(articles, stories, cross=False)
    # Fewer cross-outlet pairs than asked: all of them, and the rest a uniform sample of the
    # same-outlet pairs (a reader counts those articles in a story too).
    extra = rng.sample(alike, min(args.pairs - len(sample), len(alike)))
    sample += extra
    rng.shuffle(sample)
    probes = rng.sample(range(len(articles)), args.probes)
    args.out.mkdir(parents=True, exist_ok=True)
    sheet = ["# Part A: is each pair one event (same happening, within a few days)?\n"]
    key = []
    extra_set = set(extra)
    for n, (a, b) in enumerate(sample, 1):
        pair = [a, b] if rng.random() < 0.5 else [b, a]
        sheet.append(f"## A{n}\n")
        sheet += [_show(articles[row[i]], chunks[row[i]]) for i in pair]
        outlets = "same" if (a, b) in extra_set else "cross"
        key.append({"item": f"A{n}", "a": a, "b": b, "split": MERGED, "outlets": outlets})
    candidates = Candidates(articles, chunks)
    sheet.append("\n# Part B: which candidates report the probe's event?\n")
    for n, p in enumerate(probes, 1):
        sheet.append(f"## B{n} probe\n")
        sheet.append(_show(articles[p], chunks[p]))
        for m, j in enumerate(candidates(p), 1):
            sheet.append(f"### B{n}.{m}\n")
            sheet.append(_show(articles[j], chunks[j]))
            key.append(
                {"item": f"B{n}.{m}", "a": articles[p].id, "b": articles[j].id, "split": RECALL}
            )
        if not key or key[-1]["item"].split(".")[0] != f"B{n}":
            key.append({"item": f"B{n}", "a": articles[p].id, "b": None, "split": RECALL})
    (args.out / "sheet.md").write_text("\n".join(sheet))
    (args.out / "key.jsonl").write_text("".join(json.dumps(k) + "\n" for k in key))
    multi = len({stories[a] for pair in every for a in pair})
    print(
        f"{len(every)} cross-outlet pairs in {multi} stories, {len(alike)} same-outlet; "
        f"drew {len(sample) - len(extra)} + {len(extra)}; "
        f"{args.probes} probes"
    )
    return 0


def census(args: argparse.Namespace) -> int:
    """Write the sheet of every pair of the product's stories not yet labelled (shuffled)."""
    articles, chunks, stories = load(args.shared, args.work_dir)
    row = {a.id: i for i, a in enumerate(articles)}
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    known = {frozenset((p["a"], p["b"])) for p in pairs if p["split"] == MERGED}
    rest = [
        (a, b, kind)
        for kind, cross in (("cross", True), ("same", False))
        for a, b in merged_pairs(articles, stories, cross=cross)
        if frozenset((a, b)) not in known
    ]
    random.Random(SEED).shuffle(rest)
    args.out.mkdir(parents=True, exist_ok=True)
    sheet, key = ["# Census: is each pair one event?\n"], []
    for n, (a, b, kind) in enumerate(rest, 1):
        sheet.append(f"## C{n}\n")
        sheet += [_show(articles[row[i]], chunks[row[i]]) for i in (a, b)]
        key.append({"item": f"C{n}", "a": a, "b": b, "split": MERGED, "outlets": kind})
    (args.out / "sheet.md").write_text("\n".join(sheet))
    (args.out / "key.jsonl").write_text("".join(json.dumps(k) + "\n" for k in key))
    print(f"{len(rest)} pairs not yet labelled")
    return 0


def _rate(hits: int, total: int) -> dict[str, Any]:
    low, high = wilson(hits, total)
    return {
        "hits": hits,
        "of": total,
        "rate": hits / total if total else None,
        "wilson": [low, high],
    }


def reader_scores(
    articles: list[Article], stories: dict[str, str], pairs: list[dict[str, Any]]
) -> dict[str, Any]:
    """Precision, story purity and recall of a grouping (``stories``: article id -> story id)
    on the labelled samples of ``pairs`` (``round8-merged``, ``round8-recall``).

    ``precision``: of the grouping's pairs that are labelled, the share one event, for
    cross-outlet pairs, same-outlet pairs and all (a pair the grouping joins but nobody
    labelled is left out and counted in ``unlabelled``). ``purity``: of the grouping's
    stories of 2+ articles (and of those of 2-3) whose every pair is labelled, the share
    whose every pair is one event. ``recall``: of the labelled same-event pairs of the probe
    sample, the share the grouping joins. ``f1``: from cross-outlet precision and recall
    (the recall sample's pairs are all cross-outlet). Rates come with Wilson 95% intervals.
    """
    label = {frozenset((p["a"], p["b"])): bool(p["same"]) for p in pairs if p["split"] == MERGED}
    found: dict[str, Any] = {}
    for kind, cross in (("cross-outlet", True), ("same-outlet", False), ("all", None)):
        joined = [
            frozenset(x)
            for c in ((True, False) if cross is None else (cross,))
            for x in merged_pairs(articles, stories, cross=c)
        ]
        known = [label[x] for x in joined if x in label]
        found[f"precision, {kind}"] = {
            **_rate(sum(known), len(known)),
            "unlabelled": len(joined) - len(known),
        }
    members: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        members[stories[a.id]].append(a)
    for name, most in (("purity", None), ("purity, 2-3 articles", 3)):
        pure = judged = 0
        for group in members.values():
            if len(group) < 2 or (most is not None and len(group) > most):
                continue
            every = [frozenset((x.id, y.id)) for i, x in enumerate(group) for y in group[i + 1 :]]
            if all(e in label for e in every):
                judged += 1
                pure += all(label[e] for e in every)
        found[name] = _rate(pure, judged)
    same = [p for p in pairs if p["split"] == RECALL and p["same"]]
    found["recall"] = {
        **_rate(sum(stories[p["a"]] == stories[p["b"]] for p in same), len(same)),
        "probes": len({p["a"] for p in pairs if p["split"] == RECALL}),
        "probes with a same-event article": len({p["a"] for p in same}),
    }
    precision = found["precision, cross-outlet"]["rate"] or 0.0
    recall = found["recall"]["rate"] or 0.0
    found["f1"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return found


#: Same-outlet penalties tried by ``fix`` (``group_stories(same_outlet_penalty=)``); 1.0
#: never joins two articles of one outlet.
PENALTIES = [0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.10, 0.15, 1.0]


def half(pair: dict[str, Any]) -> str:
    """``tune`` or ``check``: the first byte of sha1("a|b") even or odd (the mined pairs'
    rule, DEVELOPERS.md "Labels")."""
    digest = hashlib.sha1(f"{pair['a']}|{pair['b']}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def fix(args: argparse.Namespace) -> int:
    """Group with each same-outlet penalty; choose on the ``tune`` half of the product's
    labelled pairs (F1, ties to the smaller penalty) and report the ``check`` half, the
    recall sample and the mined splits beside it."""
    articles, _, refs, vectors = corpus(args.shared, args.work_dir)
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    merged = [p for p in pairs if p["split"] == MERGED]
    halves = {h: [p for p in merged if half(p) == h] for h in ("tune", "check")}
    recall = [p for p in pairs if p["split"] == RECALL]
    mined = [p for p in pairs if p["split"] in SPLITS]
    rows = []
    groupings: dict[float, dict[str, str]] = {}
    for penalty in PENALTIES:
        stories = group_stories(refs, vectors, same_outlet_penalty=penalty)
        groupings[penalty] = stories
        reader = reader_scores(articles, stories, pairs)
        rows.append(
            {
                "penalty": penalty,
                **{f"merged {h}": pairwise(stories, ps) for h, ps in halves.items()},
                "recall sample": pairwise(stories, recall),
                **{s: pairwise(stories, [p for p in mined if p["split"] == s]) for s in SPLITS},
                "mined all": pairwise(stories, mined),
                "reader": reader,
                "stories": len(set(stories.values())),
            }
        )
    chosen = max(rows, key=lambda r: (round(r["merged tune"]["f1"], 6), -r["penalty"]))
    print(
        "| penalty | merged tune P/R/F1 | merged check P/R/F1 | recall sample TP/FN | "
        "mined all F1 | precision cross / same / all (unlabelled) | purity | stories |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        t, c, rs = r["merged tune"], r["merged check"], r["recall sample"]
        rd = r["reader"]
        prec = " / ".join(
            f"{rd[f'precision, {k}']['rate'] or 0:.2f}"
            for k in ("cross-outlet", "same-outlet", "all")
        )
        unl = sum(rd[f"precision, {k}"]["unlabelled"] for k in ("cross-outlet", "same-outlet"))
        mark = " (chosen on tune)" if r is chosen else ""
        print(
            f"| {r['penalty']}{mark} | {t['precision']:.2f} / {t['recall']:.2f} / {t['f1']:.2f} | "
            f"{c['precision']:.2f} / {c['recall']:.2f} / {c['f1']:.2f} | "
            f"{rs['tp']} / {rs['fn']} | {r['mined all']['f1']:.2f} "
            f"({' '.join(format(r[s]['f1'], '.2f') for s in SPLITS)}) | "
            f"{prec} ({unl}) | {rd['purity']['rate']:.2f} | {r['stories']} |"
        )
    # The mined pairs, cross-validated as coverage_cv.py does (5 folds by connected story):
    # in each fold the penalty best on the other four (ties: the smaller) predicts the fold.
    fold = folds_by_story(mined)
    joined = {
        r["penalty"]: [
            groupings[r["penalty"]][p["a"]] == groupings[r["penalty"]][p["b"]] for p in mined
        ]
        for r in rows
    }
    labels = [bool(p["same"]) for p in mined]

    def f1(pred: list[bool], gold: list[bool]) -> float:
        tp = sum(x and y for x, y in zip(pred, gold, strict=True))
        fp = sum(x and not y for x, y in zip(pred, gold, strict=True))
        fn = sum(y and not x for x, y in zip(pred, gold, strict=True))
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    held: list[bool] = [False] * len(mined)
    picks = []
    for f in sorted(set(fold)):
        train = [i for i, g in enumerate(fold) if g != f]
        pick = max(
            PENALTIES,
            key=lambda q: (
                round(f1([joined[q][i] for i in train], [labels[i] for i in train]), 6),
                -q,
            ),
        )
        picks.append(pick)
        for i, g in enumerate(fold):
            if g == f:
                held[i] = joined[pick][i]
    print(
        f"\nmined pairs cross-validated (5 folds by story): penalty chosen per fold {picks}, "
        f"F1 {f1(held, labels):.2f}; penalty 0 throughout {f1(joined[0.0], labels):.2f}"
    )
    sizes = {h: (len(ps), sum(p["same"] for p in ps)) for h, ps in halves.items()}
    print(f"\nhalves (pairs, same-event): {sizes}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "chosen": chosen["penalty"]}, indent=1))
    return 0


def score(args: argparse.Namespace) -> int:
    articles, _, stories = load(args.shared, args.work_dir)
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    result = reader_scores(articles, stories, pairs)
    mined = [p for p in pairs if p["split"] in SPLITS]
    result["mined pairs"] = {
        **{s: pairwise(stories, [p for p in mined if p["split"] == s]) for s in SPLITS},
        "all": pairwise(stories, mined),
    }
    print(json.dumps(result, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="draw the samples and write the labelling sheet")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--pairs", type=int, default=120)
    d.add_argument("--probes", type=int, default=60)
    c = sub.add_parser("census", help="write the sheet of the stories' pairs not yet labelled")
    c.add_argument("--out", type=Path, required=True)
    f = sub.add_parser("fix", help="choose a same-outlet penalty on the tune half")
    f.add_argument("--json", type=Path, help="write every row here")
    sub.add_parser("score", help="score the product on the labelled samples")
    args = parser.parse_args(argv)
    return {"draw": draw, "census": census, "fix": fix, "score": score}[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
