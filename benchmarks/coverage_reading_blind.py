"""Reader wordings of coverage and time questions, scored on how they are read (no index).

    python benchmarks/coverage_reading_blind.py [--set benchmarks/coverage_reading_blind.jsonl]
        [--half fix|holdout] [-v]

The set (one question a line: ``kind``, ``question``, ``now`` and ``gold``) was written from
the calendar around ``now`` and the outlets' names before the product read any of it
(BENCHMARKS.md, "Round 10: reader wordings read blind"). Each question is read as
``NewsIndex.ask`` reads it (``question_as_read``, then ``read_request`` among the ten
outlets of ``indosum-3000.jsonl``) and is right when all of these hold:

- ``coverage``: the coverage kind read is the gold one; where the gold is none, a question
  of kind ``window``, ``outlet`` or ``timeline`` may also be read as "what's new" (both are
  answered from the window's or outlet's stories), a ``none`` question may not;
- ``window``: the window read is the gold one or a listed alternative (none for none);
- ``outlet``: the outlet read is the gold one, ``missing`` for an outlet the index lacks,
  none for none;
- ``topic``: the words the answer is about (a coverage question's topic, else the words
  left to search for), lower-cased and without the function words of
  ``_FUNCTION`` (this script's own list, not the product's), are the gold words (not
  checked for ``none`` questions: their search is the question).

``--half`` keeps one half of the set by a hash of the question (``half``): ``fix`` is what
fixes may be made seeing, ``holdout`` is reported and never read while fixing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsbot.index.answering.question_text import question_as_read  # noqa: E402
from newsbot.index.coverage.questions import chart_topic  # noqa: E402
from newsbot.index.coverage.request import Request, read_request  # noqa: E402

SET = REPO / "benchmarks" / "coverage_reading_blind.jsonl"
OUTLETS = (
    "cnn indonesia",
    "kumparan",
    "dailysocial.id",
    "antaranews",
    "juara.net",
    "merdeka",
    "suara",
    "poskotanews",
    "goal indonesia",
    "rimanews",
)
#: Words that carry no topic, in the set's three languages (the scorer's, not the product's).
_FUNCTION = set(
    "the a an of on about in to for from and with please me any s berita kabar info news "
    "artikel article articles story stories soal tentang mengenai yang apa saja ada di dari "
    "ke untuk dan dong sih ya aja deh".split()
)
_WORD = re.compile(r"[\w'’.-]+")
WINDOW_KINDS = {"window", "outlet", "timeline"}


def half(question: str) -> str:
    """``fix`` or ``holdout``, by the first byte of the question's SHA-1."""
    return "fix" if hashlib.sha1(question.encode()).digest()[0] % 2 == 0 else "holdout"


def topic_words(search: str) -> list[str]:
    """The words of ``search`` that name a topic, lower-cased, in order."""
    words = [w.strip(".-").lower() for w in _WORD.findall(search)]
    return [w for w in words if w and w not in _FUNCTION]


def wrong(item: dict[str, Any], request: Request) -> list[str]:
    """What ``request`` read wrong of ``item`` (empty when right)."""
    gold, kind = item["gold"], item["kind"]
    out: list[str] = []
    read_kind = request.coverage.kind if request.coverage is not None else None
    allowed = {gold["coverage"]}
    if gold["coverage"] is None and kind in WINDOW_KINDS:
        allowed.add("latest")
    if read_kind not in allowed:
        out.append(f"coverage {read_kind} (gold {gold['coverage']})")
    window = request.window
    read_window = [window.start.isoformat(), window.end.isoformat()] if window else None
    if read_window != gold["window"] and read_window not in gold["alt"]:
        out.append(f"window {read_window} (gold {gold['window']})")
    outlet = request.outlet
    read_outlet = None if outlet is None else "missing" if outlet.missing else outlet.outlets
    want = gold["outlet"]
    if not (read_outlet == want or (isinstance(read_outlet, tuple) and read_outlet == (want,))):
        out.append(f"outlet {read_outlet} (gold {want})")
    if gold["topic"] is not None:
        # A coverage question is answered about its topic, anything else about the search.
        asked = request.coverage.topic if request.coverage is not None else request.search
        read_topic = topic_words(asked)
        if sorted(read_topic) != sorted(gold["topic"]):
            out.append(f"topic {read_topic} (gold {gold['topic']})")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=SET)
    parser.add_argument("--half", choices=("fix", "holdout"))
    parser.add_argument("-v", "--verbose", action="store_true", help="print every wrong one")
    args = parser.parse_args(argv)
    items = [json.loads(line) for line in args.set.read_text().splitlines() if line.strip()]
    if args.half:
        items = [i for i in items if half(i["question"]) == args.half]
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for item in items:
        now = datetime.fromisoformat(item["now"])
        # A chart request is read as the timeline reads it: its own words taken off first.
        text = item["question"]
        if item["kind"] == "timeline":
            text = chart_topic(text)
        request = read_request(question_as_read(text), OUTLETS, now)
        problems = wrong(item, request)
        total[item["kind"]] += 1
        right[item["kind"]] += not problems
        if problems and args.verbose:
            print(f"[{item['kind']}] {item['question']!r}: {'; '.join(problems)}")
    print("| kind | right |\n|---|---|")
    for kind in sorted(total):
        print(f"| {kind} | {right[kind]} / {total[kind]} |")
    n, r = sum(total.values()), sum(right.values())
    print(f"| **all** | **{r} / {n} ({100 * r / max(n, 1):.0f}%)** |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
