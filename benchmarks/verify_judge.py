"""Measure a small instruction-tuned model as an entailment judge beside the verifier.

    python benchmarks/verify_judge.py --model SmolLM2-135M-Instruct.Q4_1.gguf --template chatml
    python benchmarks/verify_judge.py --model gemma-3-270m-q4_k_m.gguf --conditional 0
    python benchmarks/verify_judge.py --scores judge.json   # scores computed before
    python benchmarks/verify_judge.py --scores judge.json --cost 1   # a veto (see below)

For each sentence of ``benchmarks/verify_labelled.jsonl`` the model (a GGUF run in-process by
llama-cpp-python, one thread) reads the cited paragraph and the sentence and is asked whether
the paragraph says everything the sentence says. Its score is log P(yes) - log P(no) of its
first answer token. With ``--conditional``, a pretrained model scores instead how likely
the sentence is when written after its paragraph (per token, optionally minus how likely
it is alone). The judge is an extra check on top of the verifier: per language, the
threshold that shows the fewest unsupported sentences among those the verifier keeps, while
at least ``--keep`` of the supported stay kept, chosen on the ``calibration`` half alone;
``holdout``, ``round3`` and ``round4`` are reported apart, never tuned on. Numbers in BENCHMARKS.md
("Written answers: the verifier").
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from verify import Row, calibrate, load, measure

from newsbot.index.answering.verify import strip_markers

QUESTION = (
    "Passage: {paragraph}\n\nStatement: {sentence}\n\nDoes the passage say everything the "
    "statement says (same people, same actions, same numbers)? Answer Yes or No."
)
TEMPLATES = {
    "chatml": "<|im_start|>user\n{text}<|im_end|>\n<|im_start|>assistant\n",
    "gemma": "<start_of_turn>user\n{text}<end_of_turn>\n<start_of_turn>model\n",
}


def judge(rows: list[Row], model: Path, template: str) -> dict[str, float]:
    """Each row's log P(yes) - log P(no) from the model at ``model`` (llama-cpp-python)."""
    from llama_cpp import Llama

    llm = Llama(model_path=str(model), n_ctx=2048, n_threads=1, verbose=False)

    def first_tokens(*words: str) -> list[int]:
        return [llm.tokenize(w.encode(), add_bos=False, special=False)[0] for w in words]

    yes, no = first_tokens("Yes", " Yes", "yes"), first_tokens("No", " No", "no")
    scores: dict[str, float] = {}
    started = time.monotonic()
    for done, row in enumerate(rows):
        text = QUESTION.format(paragraph=row.paragraph, sentence=strip_markers(row.sentence))
        prompt = TEMPLATES[template].format(text=text)
        llm.reset()
        llm.eval(llm.tokenize(prompt.encode(), add_bos=True, special=True))
        # The last position's logits, read from the context: with logits_all off,
        # llama-cpp-python 0.3.36 leaves ``llm.scores`` at zero after ``eval``.
        logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),))
        top = float(max(logits))
        p_yes = sum(math.exp(float(logits[t]) - top) for t in yes)
        p_no = sum(math.exp(float(logits[t]) - top) for t in no)
        scores[row.id] = math.log(p_yes) - math.log(p_no)
        if done % 50 == 0:
            print(f"{done} rows, {time.monotonic() - started:.0f} s", file=sys.stderr)
    return scores


LEADS = {"en": "In English: ", "id": "Ringkasnya: "}


def conditional(rows: list[Row], model: Path, without: float) -> dict[str, float]:
    """Each row's mean log-probability per token of the sentence written after its
    paragraph (``paragraph + "In English: "``), minus ``without`` times the same without
    the paragraph: a pretrained model needs no instructions for this (Gemma 3 270M)."""
    from llama_cpp import Llama

    llm = Llama(model_path=str(model), n_ctx=768, n_threads=1, verbose=False, logits_all=True)

    def logprob(prefix: str, sentence: str) -> tuple[float, int]:
        head = llm.tokenize(prefix.encode(), add_bos=True)
        tail = llm.tokenize(sentence.encode(), add_bos=False)
        llm.reset()
        llm.eval(head + tail)
        logits = np.array(llm.scores[len(head) - 1 : len(head) + len(tail) - 1], np.float64)
        logits -= logits.max(axis=1, keepdims=True)
        norm = np.log(np.exp(logits).sum(axis=1))
        return float((logits[np.arange(len(tail)), tail] - norm).sum()), len(tail)

    scores: dict[str, float] = {}
    started = time.monotonic()
    for done, row in enumerate(rows):
        sentence, lead = strip_markers(row.sentence), LEADS[row.language]
        given, count = logprob(f"{row.paragraph}\n\n{lead}", sentence)
        alone = logprob(lead, sentence)[0] if without else 0.0
        scores[row.id] = (given - without * alone) / count
        if done % 50 == 0:
            print(f"{done} rows, {time.monotonic() - started:.0f} s", file=sys.stderr)
    return scores


def with_judge(
    rows: list[Row],
    base: dict[str, bool],
    scores: dict[str, float],
    keep: float,
    cost: int | None = None,
) -> tuple[dict[str, float], dict[str, Any]]:
    """Per-language judge thresholds chosen on calibration, and the table by half. With
    ``cost``, a veto: the judge may drop at most ``cost`` supported calibration sentences
    the verifier keeps (per language), whatever ``keep`` would allow."""
    thresholds: dict[str, float] = {}
    for language in ("en", "id"):
        part = [r for r in rows if r.split == "calibration" and r.language == language]
        supported = [r for r in part if r.supported]
        best: tuple[int, int, float] | None = None
        for floor in sorted({-math.inf, *(scores[r.id] for r in part)}):
            kept = sum(base[r.id] and scores[r.id] >= floor for r in supported)
            if kept < keep * len(supported):
                continue
            if cost is not None and sum(base[r.id] for r in supported) - kept > cost:
                continue
            shown = sum(base[r.id] and scores[r.id] >= floor for r in part if not r.supported)
            key = (shown, -kept, floor)
            if best is None or key < best:
                best = key
        thresholds[language] = best[2] if best is not None else -math.inf
    table: dict[str, Any] = {}
    for split in ("calibration", "holdout", "round3", "round4"):
        part = [r for r in rows if r.split == split]
        for name, floors in (("verifier", None), ("verifier + judge", thresholds)):

            def kept(row: Row, floors: dict[str, float] | None = floors) -> bool:
                return base[row.id] and (floors is None or scores[row.id] >= floors[row.language])

            supported = [r for r in part if r.supported]
            unsupported = [r for r in part if not r.supported]
            table[f"{split}: {name}"] = {
                "supported_kept": sum(map(kept, supported)) / len(supported),
                "unsupported_shown": sum(map(kept, unsupported)) / len(unsupported),
                "shown": [r.id for r in unsupported if kept(r)],
            }
    return thresholds, table


def separation(rows: list[Row], scores: dict[str, float]) -> float:
    """The share of (supported, unsupported) pairs the judge orders right (ROC AUC)."""
    good = [scores[r.id] for r in rows if r.supported]
    bad = [scores[r.id] for r in rows if not r.supported]
    right = sum((g > b) + 0.5 * (g == b) for g in good for b in bad)
    return right / (len(good) * len(bad))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a GGUF file")
    parser.add_argument("--template", choices=sorted(TEMPLATES), default="chatml")
    parser.add_argument(
        "--conditional",
        type=float,
        metavar="WITHOUT",
        help="score by the sentence's log-probability after its paragraph, minus WITHOUT "
        "times its log-probability alone (0: none; 1: pointwise mutual information)",
    )
    parser.add_argument("--scores", type=Path, help="judge scores: read if present, else written")
    parser.add_argument("--cache", type=Path, help="verify.py's file of similarities")
    parser.add_argument("--keep", type=float, default=0.9, help="supported share to keep")
    parser.add_argument(
        "--cost",
        type=int,
        help="a veto: at most this many supported calibration sentences (per language) "
        "the verifier keeps may be dropped by the judge",
    )
    args = parser.parse_args()
    rows = load()
    scores: dict[str, float] = {}
    if args.scores is not None and args.scores.exists():
        scores = json.loads(args.scores.read_text(encoding="utf-8"))
    todo = [r for r in rows if r.id not in scores]
    if todo and args.model is None:
        parser.error("give --model, or --scores of a run before that holds every row")
    if todo and args.model is not None:
        if args.conditional is not None:
            scores |= conditional(todo, args.model, args.conditional)
        else:
            scores |= judge(todo, args.model, args.template)
        if args.scores is not None:
            args.scores.write_text(json.dumps(scores), encoding="utf-8")
    measure(rows, args.cache)
    verifier = calibrate(rows, args.keep)
    base = {r.id: r.kept(verifier) for r in rows}
    for split in ("calibration", "holdout", "round3", "round4"):
        part = [r for r in rows if r.split == split]
        print(f"{split:12} judge alone: ROC AUC {separation(part, scores):.3f}")
    thresholds, table = with_judge(rows, base, scores, args.keep, args.cost)
    print(f"judge thresholds (log-odds of yes): {thresholds}")
    for name, t in table.items():
        print(
            f"{name:32} supported kept {t['supported_kept']:.1%}   "
            f"unsupported shown {t['unsupported_shown']:.1%}  {t['shown']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
