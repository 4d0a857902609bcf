"""Record what the "not covered" floor sees for each matrix index's own pseudo-questions.

For every index of ``benchmarks/floor_features.py``'s matrix, the pseudo-questions of
``answering.self_floor`` (held, swapped, foreign, reworded every 4th or 2nd word) are asked
through ``NewsIndex.ask`` with the floor recorded and not applied, one JSON line each, in
the same shape as ``floor_features.py``'s (``kind`` is ``pseudo-held``, ``pseudo-swapped``,
``pseudo-foreign``, ``pseudo-reworded4`` or ``pseudo-reworded2``); ``pseudo-loo`` lines hold
only the confidence of a held question asked of the index without its own article. Before
them, the build's own self-calibration step is run and timed on each index (its questions
embedded live, in one batch, as a build does); ``--kinds`` with no kind runs only that.

    python benchmarks/floor_self.py --shared ../shared --work-dir W --out pseudo.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import floor_features  # noqa: E402
import numpy as np  # noqa: E402
import quality  # noqa: E402

from newsbot.index.answering import self_floor  # noqa: E402
from newsbot.index.answering.search import NewsIndex  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402


def swapped_questions(
    paragraphs: Sequence[tuple[str, str]],
    foreign_names: Sequence[str] = (),
    limit: int = self_floor.PSEUDO_QUESTIONS,
) -> list[str]:
    """Pseudo-questions about news the index lacks, close to what it holds: each held
    question's names and numbers swapped for another article's (or, on an index of one
    article, for ``foreign_names``). A question with nothing to swap is left out."""
    chosen = self_floor.spread(paragraphs, limit)
    article_of = {text: article for article, text in paragraphs}
    names: dict[str, list[str]] = {}
    for article, text in paragraphs:
        for start, end in self_floor.sentence_spans(text):
            for i, word in enumerate(self_floor._WRITTEN.findall(text[start:end])):
                if self_floor._is_named(word, i) and word[0].isupper():
                    names.setdefault(article, []).append(word)
    questions = []
    for n, text in enumerate(chosen):
        words = self_floor._longest_sentence(text)
        own = article_of[text]
        pool = sorted(
            {name for article, found in names.items() if article != own for name in found}
            - set(words),
            key=self_floor._order,
        ) or sorted(set(foreign_names) - set(words), key=self_floor._order)
        swapped, changed = [], False
        for i, word in enumerate(words):
            if word[0].isdigit():
                swapped.append(str(int(re.sub(r"\D", "", word)[:6] or 0) * 7 + 13))
                changed = True
            elif self_floor._is_named(word, i) and pool:
                swapped.append(pool[(n * 7 + i) % len(pool)])
                changed = True
            else:
                swapped.append(word)
        if changed:
            questions.append(self_floor._question(swapped))
    return questions


def reworded_questions(
    paragraphs: Sequence[tuple[str, str]],
    other_words: Sequence[str],
    every: int = 4,
    limit: int = self_floor.PSEUDO_QUESTIONS,
) -> list[str]:
    """Held questions asked in other words: of each held question's ordinary words (not
    names or numbers), every ``every``-th is replaced by one of ``other_words`` (ordinary
    news words, e.g. the shipped sample's). A reader does not ask in the news's own words:
    on a small index the replacements are mostly words it never holds, on a large one
    words its passage lacks — as a real question's paraphrase is."""
    pool = sorted(
        {w for w in other_words if w.isalpha() and w.islower() and len(w) >= 4},
        key=self_floor._order,
    )
    questions = []
    for n, text in enumerate(self_floor.spread(paragraphs, limit)):
        words = [word for i, word in enumerate(self_floor._longest_sentence(text)) if i % 3 != 2][
            : self_floor.MAX_WORDS
        ]
        ordinary = 0
        reworded = []
        for i, word in enumerate(words):
            if pool and word.isalpha() and word.islower() and len(word) >= 4:
                ordinary += 1
                if ordinary % every == 0:
                    word = pool[(n * 31 + i) % len(pool)]
            reworded.append(word)
        questions.append(self_floor._question(reworded, drop=False))
    return questions


def left_out(index: NewsIndex, name: str) -> list[dict[str, object]]:
    """Leave one article out: each held question (``self_floor.held_questions``) asked of
    the index without its own article (the search restricted to the other articles' rows,
    as a window restricts it), so it asks about news the index lacks, written as the index's
    news is. The confidence with and without the article, one record per question."""
    with index._meta_lock:
        rows = list(index._meta.execute("SELECT article_id, text, row FROM paragraphs"))
    by_article: dict[str, list[int]] = {}
    for article, _, row in rows:
        by_article.setdefault(str(article), []).append(int(row))
    if len(by_article) < 2:
        return []
    pairs = [(str(article), str(text)) for article, text, _ in rows]
    article_of = {text: article for article, text in pairs}
    chosen = self_floor.spread(pairs)
    questions = [self_floor.held_questions([(article_of[t], t)])[0] for t in chosen]
    vectors = index.embedder.embed_queries(questions)
    everything = np.arange(len(rows), dtype=np.int64)
    out: list[dict[str, object]] = []
    for text, question, vector in zip(chosen, questions, vectors, strict=True):
        own = np.array(by_article[article_of[text]], dtype=np.int64)
        held = index.confidence(question, query=vector)
        others = np.setdiff1d(everything, own)
        index._allowed_rows = lambda request, rows=others: rows  # type: ignore[method-assign]
        try:
            lacking = index.confidence(question, query=vector)
        finally:
            del index._allowed_rows
        out.append(
            {"index": name, "kind": "pseudo-loo", "question": question}
            | {"confidence": lacking, "held_confidence": held}
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--kinds", nargs="*", help="only these kinds of pseudo-question")
    args = parser.parse_args(argv)
    shared, work = args.shared.resolve(), args.work_dir
    eval_dir = shared / "eval"
    questions = {
        "id": quality.read_jsonl(eval_dir / "dev_id.jsonl"),
        "en": quality.read_jsonl(eval_dir / "dev_en.jsonl"),
    }
    no_answer = quality.read_jsonl(REPO / "benchmarks" / "no_answer.jsonl")
    cached = quality.PrecomputedQueries(load_embedder(), [], work)
    corpora = quality.matrix_corpora(work, shared, questions, no_answer)
    indosum = work / f"indosum-first-{quality.INDOSUM_ARTICLES}.jsonl"
    corpora.append(("1,483 articles (dev)", [eval_dir / "dev-passages.jsonl", indosum], [], []))
    foreign = self_floor.sample_paragraphs()
    with args.out.open("w", encoding="utf-8") as out:
        for name, sources, _, _ in corpora:
            where = work / "dev-index" if "dev" in name else quality.matrix_index_dir(work, name)
            index = quality.build(where, sources, cached)
            try:
                with index._meta_lock:
                    pairs = [
                        (str(a), str(t))
                        for a, t in index._meta.execute("SELECT article_id, text FROM paragraphs")
                    ]
                held = {t for _, t in pairs}
                names = [w for _, t in foreign for w in t.split() if w[:1].isupper()]
                other = [w for _, t in foreign for w in t.split()]
                kinds = {
                    "pseudo-held": self_floor.held_questions(pairs),
                    "pseudo-swapped": swapped_questions(pairs, names),
                    "pseudo-foreign": self_floor.foreign_questions(foreign, held),
                    "pseudo-reworded4": reworded_questions(pairs, other, 4),
                    "pseudo-reworded2": reworded_questions(pairs, other, 2),
                }
                started = time.perf_counter()
                absent = self_floor.absent_confidences(index)
                print(
                    f"{name}: self-calibration {len(absent)} questions in "
                    f"{time.perf_counter() - started:.1f}s, floor raise "
                    f"{self_floor.floor_raise(absent, index.manifest.answer_floor):.4f}",
                    file=sys.stderr,
                )
                only = set(args.kinds if args.kinds is not None else [*kinds, "pseudo-loo"])
                if "pseudo-loo" in only:
                    for record in left_out(index, name):
                        out.write(json.dumps(record, ensure_ascii=False) + "\n")
                for kind, texts in kinds.items():
                    if kind not in only:
                        continue
                    qs: list[quality.Question] = [
                        {"question": q, "lang": "id", "set": "pseudo"} for q in texts
                    ]
                    print(f"{name}: {len(qs)} {kind}", file=sys.stderr)
                    for line in floor_features.record(index, name, qs, kind):
                        out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    out.flush()
            finally:
                index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
