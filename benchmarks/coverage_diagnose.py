"""What tells the product's wrong story pairs apart: cues a careful reader uses, counted.

    python benchmarks/coverage_diagnose.py --shared ../shared --work-dir WORK [--show]

Groups the 3,000 IndoSum articles with the product's rule and, for every labelled pair
(all four splits) it gets wrong, reads from the first three paragraphs of both articles:

- ``chained``: joined through a third article, the pair itself refused (its own cosine,
  less the undated cut, under the threshold, or its own window or event days apart);
- ``days``: the days the texts name (``coverage.spans.event_days``, with "kemarin" and
  "hari ini"), nearest two: ``same day``, ``1 day apart``, ``2+ days apart``, or ``a side
  names none``; and whether the product's own reading (the first day named in two
  paragraphs) saw a difference;
- ``speakers``: the people quoted ("kata Febri Diansyah", "ujar Saut"): both quote and share
  one, both quote and share none, or a side quotes no one;
- ``figures``: the figures the texts give (``coverage.figures``: "6,6", "2-0", "348"; dates,
  years, clock times and names' numbers left out): shared, none shared, or a side has none;
- ``follow-up``: the headline or opening says it goes on ("kembali", "lagi", "lanjutan",
  "susulan", "pekan depan").

The same cues over all 726 pairs, by label, say which could part the wrong ones without
parting the right ones. Prints the tables (Markdown) and, with ``--show``, each wrong pair.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Set
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.coverage import CachedEmbedder, mined_pairs  # noqa: E402
from newsbot.index.articles import Article  # noqa: E402
from newsbot.index.building.chunking import split_article  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402
from newsbot.index.coverage import stories as story_rules  # noqa: E402
from newsbot.index.coverage.figures import figures  # noqa: E402
from newsbot.index.coverage.spans import event_day, event_days, publication_span  # noqa: E402
from newsbot.index.coverage.stories import StoryArticle, group_stories  # noqa: E402
from newsbot.index.coverage.when import published_day  # noqa: E402
from newsbot.index.reading.readers import read_sources  # noqa: E402

_SPEECH = r"(?:kata|ujar|ungkap|tutur|terang|jelas|sebut|imbuh|tambah|tegas|papar|ucap)(?:nya)?"
_SPEAKER = re.compile(rf"\b{_SPEECH}\s+((?:[A-Z][\w'.-]*\s+){{0,6}}[A-Z][\w'.-]*)")
_FOLLOW = re.compile(r"\b(?:kembali|lagi|lanjutan|susulan|pekan depan)\b", re.IGNORECASE)


def speakers(text: str) -> set[str]:
    """The people a text quotes: the last two capitalised words after a speech verb."""
    return {" ".join(m.group(1).split()[-2:]).strip(",.") for m in _SPEAKER.finditer(text)}


def _both(a: Set[str], b: Set[str], shared: str, apart: str) -> str:
    if not a or not b:
        return "a side has none"
    return shared if a & b else apart


def cues(x: dict[str, Any], y: dict[str, Any]) -> dict[str, str]:
    """The cues of a pair of articles (``x``/``y``: published, seen, text, title)."""
    dx = event_days(x["published"], x["seen"], x["text"], relative=True)
    dy = event_days(y["published"], y["seen"], y["text"], relative=True)
    if not dx or not dy:
        days = "a side names none"
    else:
        near = min(abs((p - q).days) for p in dx for q in dy)
        days = {0: "same day", 1: "1 day apart"}.get(near, "2+ days apart")
    fx, fy = (event_day(v["published"], v["seen"], v["opening"]) for v in (x, y))
    first = "both" if fx and fy else "not both"
    return {
        "days": days,
        "product's days": f"{first} named in two paragraphs",
        "speakers": _both(speakers(x["text"]), speakers(y["text"]), "shared", "none shared"),
        "figures": _both(figures(x["text"]), figures(y["text"]), "shared", "none shared"),
        "follow-up": (
            "a side says so"
            if any(_FOLLOW.search(v["title"] + " " + v["opening"]) for v in (x, y))
            else "neither"
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--show", action="store_true", help="print every wrong pair")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus" / "indosum-3000.jsonl"
    articles = [a for a in read_sources([corpus]) if isinstance(a, Article)]
    chunks = [split_article(a) for a in articles]
    embedder = CachedEmbedder(load_embedder(), args.work_dir / "vectors.npz")
    lead = embedder.embed_passages([c[0].context for c in chunks])
    vectors = (lead / np.linalg.norm(lead, axis=1, keepdims=True)).astype(np.float32)
    k = story_rules.OPENING_PARAGRAPHS
    refs = [
        StoryArticle(a.id, a.source, a.published, a.seen, " ".join(p.text for p in c[:k]))
        for a, c in zip(articles, chunks, strict=True)
    ]
    stories = group_stories(refs, vectors)
    row = {a.id: i for i, a in enumerate(articles)}
    info = {
        a.id: {
            "published": a.published,
            "seen": a.seen,
            "title": a.title or "",
            "opening": refs[i].lead,
            "text": " ".join(p.text for p in chunks[i][:3]),
            "source": a.source,
        }
        for i, a in enumerate(articles)
    }
    pairs = mined_pairs()
    wrong: Counter[tuple[str, str, str]] = Counter()
    by_label: Counter[tuple[str, str, str]] = Counter()
    kinds: Counter[str] = Counter()
    for p in pairs:
        i, j = row[p["a"]], row[p["b"]]
        joined = stories[p["a"]] == stories[p["b"]]
        found = cues(info[p["a"]], info[p["b"]])
        label = "same story" if p["same"] else "other stories"
        for cue, value in found.items():
            by_label[(cue, value, label)] += 1
        if joined == bool(p["same"]):
            continue
        kind = "false merge" if joined else "miss"
        if joined:
            alone = group_stories([refs[i], refs[j]], vectors[[i, j]])
            if alone[p["a"]] != alone[p["b"]]:
                found = {"chained": "yes", **found}
                kinds["false merge, chained"] += 1
            else:
                found = {"chained": "no", **found}
                kinds["false merge, direct"] += 1
        else:
            kinds["miss"] += 1
        for cue, value in found.items():
            wrong[(cue, value, kind)] += 1
        if args.show:
            cosine = float(vectors[i] @ vectors[j])
            print(f"{kind} ({p['split']}, cosine {cosine:.3f}): {found}")
            for side in (p["a"], p["b"]):
                a = info[side]
                span = publication_span(a["published"], a["seen"])
                print(f"  {a['source']} {published_day(a['published'])} {span}: {a['title']}")
    print(f"Wrong pairs: {dict(kinds)}\n")
    print("| cue | value | false merges | misses | all other-story pairs | all same-story pairs |")
    print("|---|---|---|---|---|---|")
    for cue, value in sorted({(c, v) for c, v, _ in wrong} | {(c, v) for c, v, _ in by_label}):
        print(
            f"| {cue} | {value} | {wrong[(cue, value, 'false merge')]} | "
            f"{wrong[(cue, value, 'miss')]} | {by_label[(cue, value, 'other stories')] or '-'} | "
            f"{by_label[(cue, value, 'same story')] or '-'} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
