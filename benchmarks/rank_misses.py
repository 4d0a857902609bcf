"""Where the hit@5 misses stand: for every dev question whose answer is not in the first five
passages (floor off), the place of its first answering passage, and why a side lost it.

Reads ``rank_replay.py``'s records (``record`` first) and the dev index of ``quality.py``'s
work dir. A question is put in one bucket by the place of the first passage holding its
gold answer in the product's order: 6th–10th, 11th–30th (among the recorded candidates, one
per article), or beyond (not a candidate at all). It looks the answering paragraphs up in the
whole index: each side's rank of the best one (the dense side's by cosine over every
paragraph; the lexical side's by BM25 with the bridge's terms, none when it shares no term),
and hints of why:

- *no shared term*: the lexical side cannot find it (a synonym, the subject left to another
  paragraph of the story);
- *near form*: a question word the paragraph lacks while one of its words shares the first
  five letters or holds it (an affix the stemmer misses, a compound, a syllable acronym);
- *date written otherwise*: "16 Agustus" in the question, "(16/8)" in the paragraph;
- *answer elsewhere*: the gold answer is held by three or more paragraphs (a province, a
  year: any of them counts as a hit, most are not about the question).

Every question (all buckets) also gets the share of its content words the first answering
passage holds against the first passage's: a right passage holding fewer of them is one
whose subject stands in another paragraph of its story (FacQA's passages are articles of
their own here). Writes one line a question to ``--out`` to read, and prints the counts.

    python benchmarks/rank_misses.py --shared ../shared --work-dir W --out misses.txt

Never runs in CI: it needs the shared data and a built dev index.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import rank_replay  # noqa: E402

from newsbot.index.building.lexical import STOPWORDS, sentence_terms, tokenize  # noqa: E402

#: An answer held by this many paragraphs or more is a common one ("Jawa Barat", "2005").
COMMON_ANSWER = 3
_MONTHS = (
    "januari februari maret april mei juni juli agustus september oktober november desember"
).split()
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})\b")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


@dataclass
class Miss:
    """One question whose answer is not among the first five passages."""

    set: str
    question: str
    answer: str
    place: int | None
    bucket: str
    own_share: float
    first_share: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    hints: list[str] = field(default_factory=list)


def bucket(place: int | None) -> str:
    """The place of the first answering passage as a bucket (``None``: not a candidate)."""
    if place is None:
        return "beyond 30"
    if place <= 5:
        return "1-5"
    return "6-10" if place <= 10 else "11-30"


def dates(text: str) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(day, month) pairs written with the month's name and written as ``d/m``."""
    named = {(int(d), _MONTHS.index(m.lower()) + 1) for d, m in _DAY_MONTH.findall(text)}
    slashed = {(int(d), int(m)) for d, m in _SLASHED.findall(text)}
    return named, slashed


def near_forms(question: str, passage: str) -> list[str]:
    """Question words the passage lacks (as terms) while one of its words shares their first
    five letters or holds them: ``word→passage word``."""
    held = set(tokenize(passage))
    written = set(_WORD.findall(passage.lower()))
    found = []
    for word in _WORD.findall(question.lower()):
        if word in STOPWORDS or len(word) < 4 or set(tokenize(word)) & held:
            continue
        near = sorted(
            w
            for w in written
            if len(w) > 3 and (w[:5] == word[:5] or word in w or (len(w) > 4 and w in word))
        )
        if near:
            found.append(f"{word}→{near[0]}")
    return found


def words_share(record: rank_replay.Record, text: str) -> float:
    """The share of the question's content words (themselves or translated) ``text`` holds."""
    held = {term for _, terms in sentence_terms(text) for term in terms}
    return record.words.support(held)


def diagnose(work: Path) -> list[Miss]:
    """Every recorded question whose answer is not among the first five passages."""
    records = rank_replay.load(work / rank_replay.RECORDS)
    misses = [m for m in (_place(r) for r in records) if m.bucket != "1-5"]
    if misses:
        _look_up(work, misses, {r.question: r for r in records})
    return misses


def _place(record: rank_replay.Record) -> Miss:
    order = rank_replay.product(record)
    place = next((i for i, c in enumerate(order, 1) if record.answer in record.texts[c]), None)
    first = record.texts[order[0]] if order else ""
    own = record.texts[order[place - 1]] if place else ""
    return Miss(
        record.set,
        record.question,
        record.answer,
        place,
        bucket(place),
        words_share(record, own) if place else 0.0,
        words_share(record, first) if first else 0.0,
    )


def _look_up(work: Path, misses: list[Miss], records: dict[str, rank_replay.Record]) -> None:
    """Each side's rank of the best answering paragraph in the whole index, and hints."""
    from quality import PrecomputedQueries, read_jsonl

    from newsbot.index.answering.search import NewsIndex
    from newsbot.index.building.embedders import load_embedder
    from newsbot.index.coverage import when
    from newsbot.index.coverage.request import read_request

    shared = REPO.parent / "shared"
    asked = rank_replay.questions_of(shared)
    dev = [q["question"] for name, q in asked if name != "en-holdout"]
    no_answer = [q["question"] for q in read_jsonl(REPO / "benchmarks" / "no_answer.jsonl")]
    cached = PrecomputedQueries(load_embedder(), dev + no_answer, work)
    cached.add([q["question"] for name, q in asked if name == "en-holdout"])
    index = NewsIndex.open(work / "dev-index", cached)
    texts = index._paragraph_column(range(index.manifest.paragraphs), "text")
    for miss in misses:
        record = records[miss.question]
        request = read_request(miss.question, index.stories.outlets(), when.now())
        search = request.search or request.question
        if request.window is not None:
            miss.hints.append(f"window read: {request.window.phrase}")
        cosines = np.asarray(index._vectors[:] @ cached.embed_queries([search])[0])
        scores = index._lexical.match(tokenize(search)).scores
        if record.words.bridged:
            scores = scores + index._lexical.weighted_scores(record.words.bridged)
        gold = [row for row, text in enumerate(texts) if miss.answer in text]
        if not gold:
            miss.hints.append("no paragraph holds the answer")
            continue
        best = min(gold, key=lambda row: -cosines[row])
        miss.dense_rank = int((cosines > cosines[best]).sum()) + 1
        if scores[best] > 0:
            miss.lexical_rank = int((scores > scores[best]).sum()) + 1
        else:
            miss.hints.append("no shared term")
        if miss.place is None:
            miss.own_share = words_share(record, texts[best])
        if len(gold) >= COMMON_ANSWER:
            miss.hints.append(f"answer elsewhere ({len(gold)} paragraphs)")
        forms = near_forms(search, texts[best])
        if forms:
            miss.hints.append("near form: " + ", ".join(forms))
        named, slashed = dates(search)
        if named & dates(texts[best])[1] or slashed & dates(texts[best])[0]:
            miss.hints.append("date written otherwise")
    index.close()


def counts(misses: list[Miss]) -> Counter[tuple[str, str]]:
    """Misses per (set, bucket)."""
    return Counter((m.set, m.bucket) for m in misses)


def line(miss: Miss) -> str:
    """One miss as a line to read."""
    sides = (
        f" dense {miss.dense_rank} lexical {miss.lexical_rank or '-'}"
        if miss.dense_rank is not None
        else ""
    )
    hints = f" [{'; '.join(miss.hints)}]" if miss.hints else ""
    return (
        f"{miss.set}\t{miss.bucket}\t{miss.place or '-'}{sides}\twords {miss.own_share:.2f} vs "
        f"first {miss.first_share:.2f}\t{miss.question} → {miss.answer}{hints}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work-dir", type=Path, required=True, help="quality.py's work dir")
    parser.add_argument("--out", type=Path, required=True, help="one line a miss, to read")
    args = parser.parse_args(argv)
    misses = diagnose(args.work_dir)
    args.out.write_text("\n".join(line(m) for m in misses) + "\n", encoding="utf-8")
    for (name, where), n in sorted(counts(misses).items()):
        print(f"{name:15} {where:10} {n}")
    fewer = Counter(m.set for m in misses if m.place and m.own_share < m.first_share)
    placed = Counter(m.set for m in misses if m.place)
    for name in sorted(placed):
        print(
            f"{name:15} a candidate holding fewer question words than the first: "
            f"{fewer[name]} of {placed[name]}"
        )
    hints = Counter(
        (m.set, m.bucket, h.split(":")[0].split(" (")[0]) for m in misses for h in m.hints
    )
    for (name, where, hint), n in sorted(hints.items()):
        print(f"{name:15} {where:10} {hint}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
