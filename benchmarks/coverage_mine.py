"""Mine candidate same-story pairs from ``indosum-3000.jsonl`` for labelling by hand.

    python benchmarks/coverage_mine.py --shared ../shared --work-dir WORK --out FILE

Candidates are pairs of articles from different outlets whose days (the publication day,
else the first-seen day in WIB) lie at most ``--days`` apart, not yet in
``coverage_pairs.jsonl``, found three ways: e5 lead cosine (the product's own vector),
TF-IDF cosine of headline and lead, and capitalised names shared by both headlines. Pairs
are drawn by stratum (cosine band x day gap) with a fixed seed, enriched for likely
positives (high similarity, close days). The output holds each pair's headlines and leads
for reading; nothing here looks at how the product groups them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.coverage import PAIRS, CachedEmbedder  # noqa: E402
from newsbot.index.articles import Article  # noqa: E402
from newsbot.index.building.chunking import split_article  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402
from newsbot.index.coverage.spans import seen_date  # noqa: E402
from newsbot.index.coverage.when import published_day  # noqa: E402
from newsbot.index.reading.readers import read_sources  # noqa: E402

_NAME = re.compile(r"\b[A-Z][a-zA-Z]{2,}\b")
_STOP = {"Ini", "Itu", "Yang", "Dan", "Di", "Ke", "Dari", "Untuk", "Pada", "Jadi", "Akan"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--days", type=int, default=4)
    parser.add_argument("--n", type=int, default=220)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--rare-top",
        type=int,
        default=0,
        help="instead: the N pairs sharing the most rare words (IDF sum over words of title "
        "and first two paragraphs held by at most 15 articles), days at most 2 apart",
    )
    parser.add_argument("--exclude", type=Path, help="a candidates file already drawn")
    args = parser.parse_args(argv)
    from sklearn.feature_extraction.text import TfidfVectorizer

    articles = [
        a
        for a in read_sources([args.shared / "corpus" / "indosum-3000.jsonl"])
        if isinstance(a, Article)
    ]
    embedder = CachedEmbedder(load_embedder(), args.work_dir / "vectors.npz")
    leads = [split_article(a)[0].context for a in articles]
    vectors = embedder.embed_passages(leads)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    cos = vectors @ vectors.T
    heads = [f"{a.title or ''}. {a.paragraphs[0] if a.paragraphs else ''}" for a in articles]
    tfidf = TfidfVectorizer(min_df=1, max_df=0.2, sublinear_tf=True).fit_transform(heads)
    tcos = (tfidf @ tfidf.T).toarray()
    days = []
    for a in articles:
        day = published_day(a.published) if a.published else seen_date(a.seen)
        days.append(day.toordinal() if day else None)
    names = [set(_NAME.findall(a.title or "")) - _STOP for a in articles]
    done = set()
    for line in PAIRS.read_text().splitlines():
        if line.strip():
            p = json.loads(line)
            done.add(frozenset((p["a"], p["b"])))
    if args.exclude:
        for line in args.exclude.read_text().splitlines():
            if line.strip():
                p = json.loads(line)
                done.add(frozenset((p["a"], p["b"])))
    candidates: dict[tuple[int, int], dict[str, Any]] = {}
    if args.rare_top:
        return _rare(articles, days, done, cos, tcos, args)
    n = len(articles)
    for i in range(n):
        for j in range(i + 1, n):
            if articles[i].source == articles[j].source:
                continue
            if days[i] is None or days[j] is None or abs(days[i] - days[j]) > args.days:
                continue
            c, t = float(cos[i, j]), float(tcos[i, j])
            shared = names[i] & names[j]
            if c < 0.85 and t < 0.2 and len(shared) < 2:
                continue
            if frozenset((articles[i].id, articles[j].id)) in done:
                continue
            candidates[(i, j)] = {
                "cos": c,
                "tfidf": t,
                "names": len(shared),
                "gap": abs(days[i] - days[j]),
            }
    rng = random.Random(args.seed)
    strata: dict[str, list[tuple[int, int]]] = {}
    for key, c in candidates.items():
        if c["tfidf"] >= 0.2 or c["names"] >= 2:
            band = "tfidf/names"
        elif c["cos"] >= 0.87:
            band = "e5>=0.87"
        elif c["tfidf"] >= 0.15:
            band = "e5 0.85-0.87, tfidf>=0.15"
        else:
            band = "e5 0.85-0.87"
        gap = "close" if c["gap"] <= 1 else "far"
        strata.setdefault(f"{band}, {gap}", []).append(key)
    quota = {
        "tfidf/names, close": 120,
        "tfidf/names, far": 60,
        "e5>=0.87, close": 25,
        "e5>=0.87, far": 10,
        "e5 0.85-0.87, tfidf>=0.15, close": 5,
    }
    chosen = []
    for name, keys in sorted(strata.items()):
        print(f"{name}: {len(keys)} candidates", file=sys.stderr)
        keys.sort()
        rng.shuffle(keys)
        chosen += [(k, name) for k in keys[: quota.get(name, 0)]]
    with args.out.open("w") as out:
        for (i, j), name in chosen:
            a, b = articles[i], articles[j]
            out.write(
                json.dumps(
                    {
                        "a": a.id,
                        "b": b.id,
                        "mined_by": name,
                        **candidates[(i, j)],
                        **_shown(a, b),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    print(f"{len(chosen)} pairs", file=sys.stderr)
    return 0


def _shown(a: Article, b: Article) -> dict[str, str | None]:
    """What a labeller reads of a pair: headlines, outlets, days and leads, side by side."""
    return {
        "a_title": a.title,
        "b_title": b.title,
        "a_source": a.source,
        "b_source": b.source,
        "a_day": a.published or f"seen {a.seen}",
        "b_day": b.published or f"seen {b.seen}",
        "a_lead": " ".join(a.paragraphs[:2])[:600],
        "b_lead": " ".join(b.paragraphs[:2])[:600],
    }


def _rare(
    articles: list[Article],
    days: list[int | None],
    done: set[frozenset[str]],
    cos: np.ndarray,
    tcos: np.ndarray,
    args: argparse.Namespace,
) -> int:
    words = [
        frozenset(re.findall(r"\w{3,}", " ".join([a.title or "", *a.paragraphs[:2]]).casefold()))
        for a in articles
    ]
    df: dict[str, int] = {}
    for held in words:
        for w in held:
            df[w] = df.get(w, 0) + 1
    n = len(articles)
    idf = {w: np.log(n / c) for w, c in df.items() if c <= 15}
    scored = []
    for i in range(n):
        for j in range(i + 1, n):
            if articles[i].source == articles[j].source or days[i] is None or days[j] is None:
                continue
            if abs(days[i] - days[j]) > 2 or frozenset((articles[i].id, articles[j].id)) in done:
                continue
            score = sum(idf.get(w, 0.0) for w in words[i] & words[j])
            if score > 0:
                scored.append((score, i, j))
    scored.sort(reverse=True)
    with args.out.open("w") as out:
        for score, i, j in scored[: args.rare_top]:
            a, b = articles[i], articles[j]
            out.write(
                json.dumps(
                    {
                        "a": a.id,
                        "b": b.id,
                        "mined_by": "rare shared words",
                        "rare": round(score, 1),
                        "cos": float(cos[i, j]),
                        "tfidf": float(tcos[i, j]),
                        "gap": abs(days[i] - days[j]),  # type: ignore[operator]
                        **_shown(a, b),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    print(f"{min(len(scored), args.rare_top)} pairs of {len(scored)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
