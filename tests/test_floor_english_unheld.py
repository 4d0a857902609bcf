"""The English counterpart of the floor's form 7, measured and not shipped
(``benchmarks/floor_english_unheld.py``): which English words it counts as unheld, and how
its replay decides."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


unheld = load(REPO / "benchmarks" / "floor_english_unheld.py")


def _nothing(term: str) -> bool:
    return False


def test_every_word_carries_its_own_and_its_senses_terms() -> None:
    (word, terms, translated), *_ = unheld.english_words("governor")
    assert word == "governor" and translated and {"governor", "gubernur"} <= terms


def test_names_and_question_words_are_left_out() -> None:
    words = unheld.content_words("How many goals did Balotelli score for Nice?", _nothing)
    assert [w[0] for w in words] == ["goals", "score"]


def test_a_translation_the_index_holds_holds_the_word() -> None:
    question = "Who won the Jakarta governor election?"
    held = {"gubernur", "pemilihan"}
    words = unheld.content_words(question, held.__contains__)
    assert [(w[0], w[2]) for w in words] == [("won", False), ("governor", True), ("election", True)]
    assert unheld.unheld_share(words) == pytest.approx(1 / 3)
    assert unheld.unheld_share(unheld.content_words(question, _nothing)) == 1.0


@pytest.mark.parametrize(
    ("word", "counts"),
    [
        (("salary", True, False, 4.4), True),
        (("salary", True, True, 4.4), False),  # held, as itself or a sense
        (("people", True, False, 6.1), False),  # too common: beside any happening
        (("quintal", True, False, 1.9), False),  # rare
        (("2017", True, False, 4.5), False),  # a number is a name's evidence
    ],
)
def test_which_words_count(word: tuple[str, bool, bool, float], counts: bool) -> None:
    assert unheld.unheld_share([word]) == (1.0 if counts else 0.0)


def test_an_untranslated_word_counts_only_when_asked() -> None:
    extend = ("extend", False, False, 4.3)
    assert unheld.unheld_share([extend]) == 0.0
    assert unheld.unheld_share([extend], translated_only=False) == 1.0
    assert unheld.unheld_share([]) == 0.0


def test_the_replay_refuses_what_the_penalty_takes_below_the_floor() -> None:
    record = {
        "answered": True,
        "confidence": 1.0,
        "floor": 0.96,
        "words": [["salary", True, False, 4.4], ["club", True, True, 5.2]],
    }
    assert not unheld.refuses(record, 0.0, 0.5)
    assert unheld.refuses(record, 0.05, 0.5)  # half unheld: 0.95 < 0.96
    assert not unheld.refuses(record, 0.05, 0.67)  # below the threshold: nothing paid
    assert unheld.refuses({**record, "answered": False}, 0.0, 0.5)


def test_the_answer_kind_count_reads_only_what_the_floor_answers() -> None:
    base = {
        "language": "en",
        "cosines": [0.9, 0.8],
        "margin": 0.05,
        "terms": [],
        "names": [],
        "words": [],
        "question": "When did he retire?",
        "paragraphs": 10,
        "lexical_rank": 0,
    }
    lacking = {**base, "kind": "absent", "asks": "date", "sentence_kind": False, "near": 0.0}
    holding = {**base, "kind": "absent", "asks": "date", "sentence_kind": True, "near": 0.5}
    refused = {**lacking, "cosines": [0.1, 0.05]}  # far below any floor: not counted
    lines = unheld.answer_kind_evidence([lacking, holding, refused])
    assert lines[0] == (
        "absent: 2 answered, 2 ask a kind, best sentence lacks it 1, and nothing near 1"
    )
    assert lines[1].startswith("answerable: 0 answered")
