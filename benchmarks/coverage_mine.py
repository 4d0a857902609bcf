"""Mine candidate same-story pairs from ``indosum-3000.jsonl`` for labelling by hand.

    python benchmarks/coverage_mine.py --shared ../shared --work-dir WORK --out FILE

Candidates are pairs of articles from different outlets whose days (the publication day,
else the first-seen day in WIB) lie at most ``--days`` apart, not yet in
``coverage_pairs.jsonl``, found three ways: e5 lead cosine (the product's own vector),
TF-IDF cosine of headline and lead, and capitalised names shared by both headlines. Pairs
are drawn by stratum (cosine band x day gap) with a fixed seed, enriched for likely
positives (high similarity, close days). ``--better`` draws instead by the scores measured
better in round 5 (two paragraphs' vectors, the openings' and the whole texts' TF-IDF),
across their range, in a shuffled order with strata mixed (round 6). The output holds each
pair's headlines and leads for reading; nothing here looks at how the product groups them.
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
    parser.add_argument(
        "--better",
        action="store_true",
        help="instead: draw by the better pair scores (mean of the first two paragraphs' e5 "
        "vectors, the openings' TF-IDF cosine, the whole texts' TF-IDF cosine), across their "
        "whole range, heavier where same-story pairs are likely",
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
    if args.better:
        return _better(articles, days, done, embedder, args)
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


#: ``--better``: pairs drawn per stratum (all of a stratum when it holds fewer). The first
#: three hold most same-story pairs (on the pairs labelled before round 6, 36 of the 43
#: same-story pairs have a whole-text TF-IDF cosine >= 0.2); the rest span the range below.
BETTER_QUOTA = {
    "1 openings >= 0.2": 1000,
    "2 two paragraphs >= 0.90": 1000,
    "3 whole text >= 0.15": 60,
    "4 openings 0.1-0.2, two paragraphs >= 0.86": 40,
    "5 two paragraphs 0.88-0.90": 25,
    "6 two paragraphs 0.86-0.88": 15,
    "7 two paragraphs 0.82-0.86, openings 0.05-0.1": 8,
    "8 the rest": 7,
}


def _stratum(two: float, opening: float, whole: float) -> str:
    if opening >= 0.2:
        return "1 openings >= 0.2"
    if two >= 0.90:
        return "2 two paragraphs >= 0.90"
    if whole >= 0.15:
        return "3 whole text >= 0.15"
    if opening >= 0.1 and two >= 0.86:
        return "4 openings 0.1-0.2, two paragraphs >= 0.86"
    if two >= 0.88:
        return "5 two paragraphs 0.88-0.90"
    if two >= 0.86:
        return "6 two paragraphs 0.86-0.88"
    if two >= 0.82 and opening >= 0.05:
        return "7 two paragraphs 0.82-0.86, openings 0.05-0.1"
    return "8 the rest"


def _better(
    articles: list[Article],
    days: list[int | None],
    done: set[frozenset[str]],
    embedder: CachedEmbedder,
    args: argparse.Namespace,
) -> int:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from newsbot.index.coverage.wording import Wording

    chunks = [split_article(a) for a in articles]
    first = embedder.embed_passages([c[0].context for c in chunks])
    two = first + embedder.embed_passages([c[min(1, len(c) - 1)].context for c in chunks])
    two /= np.linalg.norm(two, axis=1, keepdims=True)
    two_cos = two @ two.T
    openings = Wording([" ".join(p.text for p in c[:2]) for c in chunks]).matrix
    assert openings is not None
    texts = [" ".join([a.title or "", *a.paragraphs]) for a in articles]
    whole = TfidfVectorizer(token_pattern=r"(?u)\b\w\w+\b", sublinear_tf=True, max_df=0.2)
    rows = whole.fit_transform(texts)
    whole_cos = (rows @ rows.T).toarray()
    strata: dict[str, list[tuple[int, int]]] = {}
    n = len(articles)
    for i in range(n):
        for j in range(i + 1, n):
            di, dj = days[i], days[j]
            if articles[i].source == articles[j].source or di is None or dj is None:
                continue
            if abs(di - dj) > args.days or frozenset((articles[i].id, articles[j].id)) in done:
                continue
            name = _stratum(float(two_cos[i, j]), float(openings[i, j]), float(whole_cos[i, j]))
            strata.setdefault(name, []).append((i, j))
    rng = random.Random(args.seed)
    chosen = []
    for name, keys in sorted(strata.items()):
        keys.sort()
        rng.shuffle(keys)
        print(f"{name}: {len(keys)} candidates", file=sys.stderr)
        chosen += [(k, name) for k in keys[: BETTER_QUOTA[name]]]
    # Shown in a random order, strata mixed: the labeller reads no score and no stratum.
    rng.shuffle(chosen)
    with args.out.open("w") as out:
        for (i, j), name in chosen:
            a, b = articles[i], articles[j]
            record = {
                "a": a.id,
                "b": b.id,
                "mined_by": f"round6: {name}",
                "two": round(float(two_cos[i, j]), 4),
                "openings": round(float(openings[i, j]), 4),
                "whole": round(float(whole_cos[i, j]), 4),
                "gap": abs(days[i] - days[j]),  # type: ignore[operator]
                **_shown(a, b),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
