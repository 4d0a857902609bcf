"""Coverage and time questions in reader wordings written blind: run and score.

    python benchmarks/coverage_blind.py --blind benchmarks/coverage_blind.jsonl \
        --work-dir WORK [--shared ../shared] [--index DIR]

The set (``coverage_blind.jsonl``, one question a line: ``kind``, ``question``, ``form``,
``now`` and ``gold``) was written from the articles' metadata (dates, outlets, headlines)
before the product ran on it (BENCHMARKS.md, "Round 8: a blind set of reader wordings").
It asks an index of 306 IndoSum articles: every article of ``indosum-3000.jsonl`` dated
August to October 2017 and the first 40 undated ones in file order. ``--index`` reuses a
built one; otherwise it is built in ``WORK/index`` (about 20 minutes of embedding on a
loaded 2-core machine).

A question is right when, by kind:

- ``window``: the window read is the gold one (or a listed alternative, for phrases such
  as "akhir Agustus" whose edges readers differ on), no cited passage lies outside the
  gold window (nor outside a named outlet), and one of the gold articles is cited where
  the question names a topic that has coverage inside;
- ``latest``: stories are listed, none holds an article after ``now``, the newest is from
  the newest day before ``now`` and, for "hari ini" / "today", every one has an article
  inside that day;
- ``outlets``: the outlets told include every ``must`` outlet and one of ``any_of``;
- ``first``: the first report told is from one of the gold outlets on the gold day;
- ``count``: the number of articles told lies between ``min`` and ``max``;
- ``outlet``: a known outlet's answer cites one of the gold articles and only that outlet;
  an outlet the index lacks ("versi Kompas") is said to be missing and nothing is cited.

Coverage answers never name an article published after ``now`` (checked for every kind).
Prints a table by kind and every wrong answer with what was wrong; ``--json FILE`` writes
the per-question results. Never runs in CI: it needs the shared data and the model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsbot.index.answering.answers import Answer  # noqa: E402
from newsbot.index.answering.search import NewsIndex  # noqa: E402
from newsbot.index.building.build import build_index  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402
from newsbot.index.coverage.when import published_day  # noqa: E402

#: The undated articles indexed beside the dated ones: the first this many in file order.
UNDATED = 40
FIRST_DAY, LAST_DAY = "2017-08-01", "2017-10-31"


def select(corpus: Path, out: Path) -> int:
    """Write the blind set's articles (dated August to October 2017, then the first
    ``UNDATED`` undated) from ``corpus`` to ``out``; return how many."""
    dated: list[str] = []
    undated: list[str] = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        day = record.get("date") or ""
        if not day:
            if len(undated) < UNDATED:
                undated.append(line)
        elif FIRST_DAY <= day[:10] <= LAST_DAY:
            dated.append(line)
    out.write_text("\n".join(dated + undated) + "\n", encoding="utf-8")
    return len(dated) + len(undated)


def _day(value: str | None) -> date | None:
    return published_day(value)


def _inside(value: str | None, start: date, end: date) -> bool:
    return start <= (_day(value) or date.min) <= end


def _none_cited(answer: Answer) -> str:
    return "cited none of the gold articles" + ("" if answer.hits else " (no passage)")


def _listed(answer: Answer) -> list[Any]:
    """The articles a coverage answer names: those of its stories."""
    if answer.coverage is None:
        return []
    return [a for s in answer.coverage.stories for a in s.articles]


def judge(row: dict[str, Any], answer: Answer, current: datetime) -> list[str]:
    """What was wrong with ``answer`` to ``row`` (empty: right)."""
    kind, gold = row["kind"], row["gold"]
    wrong: list[str] = []
    today = current.date()
    future = [a for a in _listed(answer) if (_day(a.published) or today) > today]
    if future:
        wrong.append(f"named an article after now ({future[0].published} {future[0].source})")
    cited = {h.citation.article_id for h in answer.hits}
    sources = {h.citation.source for h in answer.hits}
    window = answer.request.window if answer.request else None
    read = [window.start.isoformat(), window.end.isoformat()] if window else None
    if kind == "window":
        start, end = (date.fromisoformat(d) for d in gold["window"])
        if read is None:
            wrong.append("read no window")
        elif read != gold["window"] and read not in gold["alt"]:
            wrong.append(f"read window {read[0]}..{read[1]}, gold {start}..{end}")
        outside = [h for h in answer.hits if not _inside(h.citation.published, start, end)]
        for hit in outside[:1]:
            wrong.append(f"cited outside the window: {hit.citation.published} {hit.citation.title}")
        if gold.get("outlets") and sources - set(gold["outlets"]):
            wrong.append(f"cited other outlets: {sorted(s or '-' for s in sources)}")
        if gold["articles"] and not cited & set(gold["articles"]):
            wrong.append(_none_cited(answer))
    elif kind == "latest":
        listed = answer.coverage.stories if answer.coverage else ()
        if not listed:
            wrong.append("listed no stories")
        else:
            days = [d for s in listed for a in s.articles if (d := _day(a.published))]
            newest = max((d for d in days if d <= today), default=None)
            if newest is None or newest.isoformat() != gold["newest_day"]:
                wrong.append(f"newest listed day {newest}, gold {gold['newest_day']}")
            if gold.get("window"):
                start, end = (date.fromisoformat(d) for d in gold["window"])
                for story in listed:
                    if not any(_inside(a.published, start, end) for a in story.articles):
                        wrong.append(f"listed a story outside {start}..{end}: {story.first.title}")
                        break
    elif kind == "outlets":
        told = set(answer.coverage.outlets) if answer.coverage else set()
        if answer.coverage is None:
            wrong.append("not answered as coverage")
        missing = set(gold["must"]) - told
        if missing:
            wrong.append(f"outlets told {sorted(told)}, missing {sorted(missing)}")
        if gold["any_of"] and not told & set(gold["any_of"]):
            wrong.append(f"outlets told {sorted(told)}, none of {gold['any_of']}")
    elif kind == "first":
        if answer.coverage is None or not answer.coverage.stories:
            wrong.append("not answered as coverage")
        else:
            first = (
                answer.coverage.firsts[0]
                if answer.coverage.firsts
                else answer.coverage.stories[0].first
            )
            day = _day(first.published)
            if first.source not in gold["outlets"] or day is None or day.isoformat() != gold["day"]:
                wrong.append(
                    f"first told {first.source} {first.published} ({first.title}), "
                    f"gold {'/'.join(gold['outlets'])} {gold['day']}"
                )
    elif kind == "count":
        if answer.coverage is None:
            wrong.append("not answered as coverage")
        else:
            n = answer.coverage.articles
            if not gold["min"] <= n <= gold["max"]:
                wrong.append(f"counted {n}, gold {gold['min']}..{gold['max']}")
        if gold.get("window") and read != gold["window"]:
            wrong.append(f"read window {read}, gold {gold['window']}")
    elif kind == "outlet":
        outlet = answer.request.outlet if answer.request else None
        if gold["missing"]:
            if outlet is None or not outlet.missing:
                wrong.append(f"did not say {gold['missing']} is not indexed")
            if answer.hits:
                wrong.append(f"cited {sorted(s or '-' for s in sources)} for {gold['missing']}")
        else:
            if outlet is None or set(outlet.outlets) != set(gold["outlets"]):
                wrong.append(f"read outlet {outlet.outlets if outlet else None}")
            if sources - set(gold["outlets"]):
                wrong.append(f"cited other outlets: {sorted(s or '-' for s in sources)}")
            if not cited & set(gold["articles"]):
                wrong.append(_none_cited(answer))
    return wrong


def run(rows: list[dict[str, Any]], news: NewsIndex) -> list[dict[str, Any]]:
    results = []
    for row in rows:
        current = datetime.fromisoformat(row["now"])
        answer = news.ask(row["question"], k=3, now=current)
        results.append({**row, "wrong": judge(row, answer, current)})
    return results


def report(results: list[dict[str, Any]]) -> str:
    asked: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for r in results:
        for key in (r["kind"], f"{r['kind']} ({r['gold'].get('lang', 'id')})"):
            asked[key] += 1
            right[key] += not r["wrong"]
    lines = ["| kind | right |", "|---|---|"]
    lines += [f"| {k} | {right[k]} / {asked[k]} |" for k in sorted(asked)]
    total = sum(not r["wrong"] for r in results)
    lines.append(f"| **all** | **{total} / {len(results)}** |")
    outside = sum(any("outside the window" in w for w in r["wrong"]) for r in results)
    future = sum(any("after now" in w for w in r["wrong"]) for r in results)
    lines.append("")
    lines.append(f"cited outside their window: {outside}; named an article after now: {future}")
    lines.append("")
    for r in results:
        if r["wrong"]:
            lines.append(f"- {r['kind']}: {r['question']!r}: {'; '.join(r['wrong'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blind", type=Path, default=REPO / "benchmarks" / "coverage_blind.jsonl")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--index", type=Path, help="an index of the set's articles, built before")
    parser.add_argument("--json", type=Path, help="write the per-question results here")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.blind.read_text().splitlines() if line.strip()]
    embedder = load_embedder()
    index_dir = args.index
    if index_dir is None:
        args.work_dir.mkdir(parents=True, exist_ok=True)
        articles = args.work_dir / "blind-articles.jsonl"
        select(args.shared / "corpus" / "indosum-3000.jsonl", articles)
        index_dir = args.work_dir / "index"
        build_index(index_dir, [articles], embedder)
    news = NewsIndex.open(index_dir, embedder)
    started = time.monotonic()
    try:
        results = run(rows, news)
    finally:
        news.close()
    print(report(results))
    print(f"\n{len(rows)} questions in {time.monotonic() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
