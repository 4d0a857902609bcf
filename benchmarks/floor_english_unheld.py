"""Measure the English counterpart of the floor's form 7 ("mostly unheld"), not shipped.

Form 7 charges an Indonesian question when at least half of its content words are ordinary
Indonesian words (wordfreq) no indexed paragraph holds. English questions pay nothing for
such words. Here an English content word is *unheld* when the word list translates it
(``answering/bridge.py``), neither the word nor any of its translations is held by a
paragraph of the index, and it is an ordinary English word (wordfreq Zipf within
``--zipf``, by default form 7's band 3.5-5.8). Names (capitalised after the first word,
numbers) are left out, as are question words ("how many": the list translates them).

Three steps, each reading what the one before wrote:

    python benchmarks/floor_english_unheld.py blind --shared ../shared --work-dir W --out b.jsonl
    python benchmarks/floor_english_unheld.py grid b.jsonl
    python benchmarks/floor_english_unheld.py matrix features.jsonl --penalty 0.1 --share 0.5

``features`` records what the floor sees (``floor_features.record``) for the same
questions and ``kinds`` counts, among those today's floor answers, the ones whose best
sentence holds no answer of the asked kind (a second idea, also not shipped):

    python benchmarks/floor_english_unheld.py features --work-dir W --out f.jsonl
    python benchmarks/floor_english_unheld.py kinds f.jsonl

``blind`` asks every English question of the five blind sets of small indexes
(``blind_small*.jsonl``) once and records its confidence under the index's own weights, its
floor, whether it was answered and its content words; ``grid`` replays a penalty for
"mostly unheld" over a grid of Zipf bands, thresholds and whether untranslated words count,
tuned on sets 1-4 and read on set 5; ``matrix`` replays one choice on the quality matrix's
English questions (records of ``benchmarks/floor_features.py``, which holds ``en_words``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from newsbot.index.answering.bridge import _english_words  # noqa: E402
from newsbot.index.building.lexical import named_terms, tokenize  # noqa: E402

#: Form 7's band of ordinary words (``evidence.ORDINARY_ZIPF``), read on English counts.
ORDINARY_ZIPF = (3.5, 5.8)
#: English words that ask rather than say: the list translates them ("banyak"), and no
#: paragraph need hold them to answer.
ASKING = frozenset("how many much what which who whom whose when where why".split())
#: The blind sets: file, draw seed, articles drawn. Sets 1-4 tune, set 5 reports.
BLIND_SETS = (
    ("blind_small.jsonl", 9, 6),
    ("blind_small_2.jsonl", 10, 3),
    ("blind_small_3.jsonl", 11, 6),
    ("blind_small_4.jsonl", 12, 3),
    ("blind_small_5.jsonl", 13, 6),
)
REPORTED = 13

#: A content word: (word, translated by the list, held by the index in some form, Zipf).
Word = tuple[str, bool, bool, float]


def english_words(question: str) -> Iterator[tuple[str, frozenset[str], bool]]:
    """Each content word of an English ``question`` with its lexical terms (its own and its
    senses') and whether the word list translates it."""
    for word, senses in _english_words(question):
        terms = set(tokenize(word))
        for sense in senses or ():
            terms.update(tokenize(sense))
        yield word, frozenset(terms), bool(senses)


def content_words(question: str, knows: Callable[[str], bool]) -> list[Word]:
    """The question's content words as :data:`Word`, names and question words left out."""
    from wordfreq import zipf_frequency

    named = {word.lower() for word, _ in named_terms(question)}
    return [
        (word, translated, any(knows(t) for t in terms), float(zipf_frequency(word, "en")))
        for word, terms, translated in english_words(question)
        if word not in named and word not in ASKING
    ]


def unheld_share(
    words: Sequence[Word],
    band: tuple[float, float] = ORDINARY_ZIPF,
    translated_only: bool = True,
) -> float:
    """The share (0 to 1) of ``words`` that no paragraph holds in any form and that are
    ordinary English words (Zipf within ``band``; not a number), translated by the list
    unless ``translated_only`` is False. 0 without words."""
    if not words:
        return 0.0
    low, high = band
    unheld = sum(
        (translated or not translated_only)
        and not held
        and low <= zipf <= high
        and not any(ch.isdigit() for ch in word)
        for word, translated, held, zipf in words
    )
    return unheld / len(words)


def record_blind(shared: Path, work: Path, out: Path) -> None:
    """Ask every English question of :data:`BLIND_SETS` once; write one line per question."""
    import blind_small

    from newsbot.index.building.embedders import load_embedder

    corpus = shared / "corpus" / "indosum-3000.jsonl"
    embedder = load_embedder()
    with out.open("w", encoding="utf-8") as handle:
        for name, seed, _ in BLIND_SETS:
            folder = work / f"blind-{seed}"
            folder.mkdir(parents=True, exist_ok=True)
            names, questions = blind_small.read_set(REPO / "benchmarks" / name)
            indexes = blind_small.build(folder, corpus, names, embedder)
            try:
                for q in questions:
                    if q["kind"] == "not_question" or q["lang"] != "en":
                        continue
                    index = indexes[q["index"]]
                    line = {
                        "set": seed,
                        **{key: q[key] for key in ("kind", "index", "question")},
                        "confidence": index.confidence(q["question"]),
                        "floor": index.floor("en"),
                        "answered": index.ask(q["question"], k=1).answered,
                        "words": content_words(q["question"], index._term_stats().knows),
                    }
                    handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            finally:
                for index in indexes.values():
                    index.close()


def record_features(shared: Path, work: Path, out: Path) -> None:
    """Record what the floor sees (``floor_features.record``) for every English question of
    :data:`BLIND_SETS`, one JSON line each (``set`` is the draw's seed)."""
    import blind_small
    import floor_features

    from newsbot.index.building.embedders import load_embedder

    corpus = shared / "corpus" / "indosum-3000.jsonl"
    embedder = load_embedder()
    with out.open("w", encoding="utf-8") as handle:
        for name, seed, _ in BLIND_SETS:
            folder = work / f"blind-{seed}"
            folder.mkdir(parents=True, exist_ok=True)
            names, questions = blind_small.read_set(REPO / "benchmarks" / name)
            indexes = blind_small.build(folder, corpus, names, embedder)
            try:
                for index_name, index in indexes.items():
                    for kind in ("answerable", "absent"):
                        asked = [
                            {**q, "set": str(seed), "answer": q.get("must_contain", [""])[0]}
                            for q in questions
                            if q["kind"] == kind and q["index"] == index_name and q["lang"] == "en"
                        ]
                        for line in floor_features.record(index, index_name, asked, kind):
                            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            finally:
                for index in indexes.values():
                    index.close()


def answer_kind_evidence(records: list[dict[str, Any]]) -> list[str]:
    """Of the English questions today's floor answers, per kind: how many ask for a date, an
    amount or a name, how many of those have a best sentence without one, and how many of
    those hold none of the question's words near a possible answer (form 6) as well."""
    from floor_replay import score

    from newsbot.index.defaults import ANSWER_FLOORS, CONFIDENCE_BY_LANGUAGE, DEFAULT_MODEL

    floor = ANSWER_FLOORS[DEFAULT_MODEL]
    lines = []
    for kind in ("absent", "answerable"):
        answered = [
            r
            for r in records
            if r["kind"] == kind and "cosines" in r and score(r, CONFIDENCE_BY_LANGUAGE) >= floor
        ]
        asking = [r for r in answered if r.get("asks")]
        lacking = [r for r in asking if r["sentence_kind"] is False]
        lines.append(
            f"{kind}: {len(answered)} answered, {len(asking)} ask a kind, best sentence "
            f"lacks it {len(lacking)}, and nothing near {sum(not r['near'] for r in lacking)}"
        )
    return lines


def refuses(record: dict[str, Any], penalty: float, share: float, **rule: Any) -> bool:
    """Whether a recorded blind question is refused once "mostly unheld" costs ``penalty``
    (at ``share`` or more unheld, :func:`unheld_share` with ``rule``)."""
    if not record["answered"] or record["confidence"] is None:
        return True
    words = [tuple(w) for w in record["words"]]
    paid = penalty if unheld_share(words, **rule) >= share else 0.0  # type: ignore[arg-type]
    return bool(record["confidence"] - paid < record["floor"])


def grid(records: list[dict[str, Any]]) -> list[str]:
    """One line per rule: on sets 1-4 and on set 5, absent refused and answerable refused."""
    lines = [
        "| band | untranslated count | share | penalty | sets 1-4 | set 5 |",
        "|---|---|---|---|---|---|",
    ]
    parts = {
        "sets 1-4": [r for r in records if r["set"] != REPORTED],
        "set 5": [r for r in records if r["set"] == REPORTED],
    }
    for band, translated_only, share, penalty in itertools.product(
        ((3.5, 5.8), (3.5, 5.0), (4.0, 5.5), (3.0, 6.5)),
        (True, False),
        (0.34, 0.5, 0.67, 1.0),
        (0.0, 0.05, 0.1, 0.2),
    ):
        cells = []
        for mine in parts.values():
            absent = [r for r in mine if r["kind"] == "absent"]
            answerable = [r for r in mine if r["kind"] == "answerable"]
            rule = {"band": band, "translated_only": translated_only}
            a = sum(refuses(r, penalty, share, **rule) for r in absent)
            b = sum(refuses(r, penalty, share, **rule) for r in answerable)
            cells.append(f"absent {a} of {len(absent)}, answerable {b} of {len(answerable)}")
        lines.append(
            f"| {band[0]}-{band[1]} | {'no' if translated_only else 'yes'} | {share} "
            f"| {penalty} | {cells[0]} | {cells[1]} |"
        )
    return lines


def matrix(records: list[dict[str, Any]], penalty: float, share: float, **rule: Any) -> list[str]:
    """The matrix's English rows (answerable refused; no-answer refused per half) today and
    with "mostly unheld" costing ``penalty``, at the English floor."""
    from floor_replay import score

    from newsbot.index.defaults import ANSWER_FLOORS, CONFIDENCE_BY_LANGUAGE, DEFAULT_MODEL

    floor = ANSWER_FLOORS[DEFAULT_MODEL]
    weights = dict(CONFIDENCE_BY_LANGUAGE)
    lines = [
        "| index | answerable refused | no-answer refused: calibration | holdout |",
        "|---|---|---|---|",
    ]
    english = [r for r in records if r["language"] == "en" and "en_words" in r]
    for index in dict.fromkeys(r["index"] for r in english):
        mine = [r for r in english if r["index"] == index]

        def refused(chosen: list[dict[str, Any]], paid: float) -> str:
            if not chosen:
                return "-"
            below = 0
            for r in chosen:
                words = [
                    (w["word"], w["translated"], w["known"], w["zipf"])
                    for w in r["en_words"]
                    if not w["name"] and w["word"] not in ASKING
                ]
                cost = paid if unheld_share(words, **rule) >= share else 0.0
                below += score(r, weights) - cost < floor
            return f"{below}/{len(chosen)}"

        cells = [index]
        for kind, part in (
            ("answerable", None),
            ("absent", "calibration"),
            ("absent", "holdout"),
        ):
            chosen = [r for r in mine if r["kind"] == kind and part in (None, r["set"])]
            cells.append(f"{refused(chosen, 0.0)} → {refused(chosen, penalty)}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    blind = steps.add_parser("blind", help="record the blind sets' English questions")
    blind.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    blind.add_argument("--work-dir", type=Path, required=True)
    blind.add_argument("--out", type=Path, required=True)
    features = steps.add_parser("features", help="record what the floor sees, blind sets")
    features.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    features.add_argument("--work-dir", type=Path, required=True)
    features.add_argument("--out", type=Path, required=True)
    kinds = steps.add_parser("kinds", help="the answer-kind evidence on those records")
    kinds.add_argument("records", type=Path)
    replay = steps.add_parser("grid", help="replay a grid of rules on the blind records")
    replay.add_argument("records", type=Path)
    on_matrix = steps.add_parser("matrix", help="replay one rule on the matrix's records")
    on_matrix.add_argument("features", type=Path)
    on_matrix.add_argument("--penalty", type=float, default=0.1)
    on_matrix.add_argument("--share", type=float, default=0.5)
    on_matrix.add_argument("--band", type=float, nargs=2, default=ORDINARY_ZIPF)
    on_matrix.add_argument(
        "--untranslated", action="store_true", help="untranslated words count too"
    )
    args = parser.parse_args(argv)
    if args.step == "blind":
        record_blind(args.shared.resolve(), args.work_dir, args.out)
        return 0
    if args.step == "features":
        record_features(args.shared.resolve(), args.work_dir, args.out)
        return 0
    path = args.features if args.step == "matrix" else args.records
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    if args.step == "grid":
        print("\n".join(grid(records)))
    elif args.step == "kinds":
        print("\n".join(answer_kind_evidence(records)))
    else:
        rule = {"band": tuple(args.band), "translated_only": not args.untranslated}
        kept = [r for r in records if "cosines" in r]
        print("\n".join(matrix(kept, args.penalty, args.share, **rule)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
