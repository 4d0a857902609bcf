"""Self-calibration of the "not covered" floor at build time (floor formula 5): the index asks
itself pseudo-questions about news it lacks and raises its own floor above them."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.index import sample
from newsbot.index.answering import self_floor, stores
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building import build as build_module
from newsbot.index.building import store
from newsbot.index.building.build import build_index
from newsbot.index.building.embedders import Embedder
from newsbot.index.defaults import (
    ANSWER_FLOORS,
    DEFAULT_MODEL,
    FLOOR_FORMULA,
    SELF_FLOOR_GAP,
    SELF_FLOOR_LANGUAGES,
    SELF_FLOOR_MIN_QUESTIONS,
    SELF_FLOOR_QUESTIONS,
)
from newsbot.index.errors import IndexDamaged
from tests.conftest import FakeEmbedder

SEED = Path(sample.__path__[0]) / "seed-article.txt"
SAMPLE = Path(sample.__path__[0]) / "indosum-sample.jsonl"


def _manifest(index_dir: Path) -> dict[str, object]:
    version = store.live_version(index_dir)
    raw: dict[str, object] = json.loads((version / store.MANIFEST).read_text())
    return raw


# --- the rule ---------------------------------------------------------------------------


def test_the_floor_rises_to_the_absent_questions_90th_percentile_plus_the_gap() -> None:
    absent = [0.80 + 0.01 * i for i in range(20)]  # 0.80 ... 0.99
    p90 = self_floor.quantile(absent, 0.9)
    assert p90 == pytest.approx(0.98)
    assert self_floor.floor_raise(absent, 0.963) == pytest.approx(p90 + SELF_FLOOR_GAP - 0.963)


def test_the_floor_is_never_lowered() -> None:
    assert self_floor.floor_raise([0.70 + 0.005 * i for i in range(24)], 0.963) == 0.0


@pytest.mark.parametrize(
    ("absent", "floor"),
    [
        ([0.99] * (SELF_FLOOR_MIN_QUESTIONS - 1), 0.963),  # too few to say anything
        ([], 0.963),
        ([0.99] * 24, 0.0),  # a model without a calibration has no floor to raise
    ],
)
def test_no_raise_without_enough_questions_or_without_a_floor(
    absent: list[float], floor: float
) -> None:
    assert self_floor.floor_raise(absent, floor) == 0.0


def test_the_quantile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no values"):
        self_floor.quantile([], 0.9)


# --- the pseudo-questions ----------------------------------------------------------------


def test_absent_questions_come_only_from_articles_the_index_lacks() -> None:
    foreign = [("a", "Harga cabai rawit di pasar induk Jakarta naik dua kali lipat hari ini.")]
    foreign += [("b", "Festival layang-layang internasional digelar di Pantai Padang Galak.")]
    foreign += [("b", "Sebanyak 150 peserta dari sembilan negara ikut menerbangkan layangan.")]
    # The index holds one paragraph of article b: the whole article is its news.
    asked = self_floor.foreign_questions(foreign, {foreign[1][1]})
    assert len(asked) == 1
    assert "cabai" in asked[0] and asked[0].endswith("?")


def test_an_index_holding_the_whole_sample_has_no_absent_questions() -> None:
    paragraphs = self_floor.sample_paragraphs()
    held = {text for _, text in paragraphs}
    assert self_floor.foreign_questions(paragraphs, held) == []


def test_the_sample_gives_a_full_set_of_absent_questions_and_the_same_ones_each_time() -> None:
    paragraphs = self_floor.sample_paragraphs()
    seed = {text for article, text in paragraphs if "CSTO" in text}
    first = self_floor.foreign_questions(paragraphs, seed)
    assert len(first) == SELF_FLOOR_QUESTIONS
    assert first == self_floor.foreign_questions(paragraphs, seed)
    # Spread over articles: at most one question per article while articles remain.
    assert len(set(first)) == len(first)
    assert not any("CSTO" in question for question in first)


def test_held_questions_ask_in_fewer_words_than_the_news_with_a_question_word() -> None:
    text = (
        "Sekretaris Jenderal CSTO Stanislav Zas mengatakan Rusia, Belarus dan Armenia setuju "
        "untuk mengerahkan pasukan militer di sepanjang perbatasan."
    )
    (question,) = self_floor.held_questions([("a", text)])
    assert question.startswith("Siapa yang ")
    assert len(question.split()) < len(text.split())
    # Too short a sentence makes no question.
    assert self_floor.held_questions([("a", "Harga naik.")]) == []


# --- recorded at build time ----------------------------------------------------------------


def test_while_the_raise_is_off_a_build_asks_itself_nothing(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    assert SELF_FLOOR_LANGUAGES == ()  # off: the step would cost embeddings nothing reads
    stores.build(tmp_path / "idx", None, [SEED], fake_embedder)
    raw = _manifest(tmp_path / "idx")
    assert raw["floor_formula"] == FLOOR_FORMULA == 7
    assert raw["floor_raise"] is None and raw["floor_evidence"] is None
    assert fake_embedder.queries_embedded == 0


def test_a_built_index_records_what_it_saw_of_itself(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    build_index(tmp_path / "idx", [SEED], fake_embedder, calibrate=self_floor.calibrate)
    raw = _manifest(tmp_path / "idx")
    assert raw["floor_raise"] == {language: 0.0 for language in SELF_FLOOR_LANGUAGES}
    evidence = raw["floor_evidence"]
    assert isinstance(evidence, dict)
    assert evidence["absent_questions"] == SELF_FLOOR_QUESTIONS
    # One embedding per pseudo-question, nothing embedded twice.
    assert fake_embedder.queries_embedded == SELF_FLOOR_QUESTIONS


def test_an_index_of_the_whole_sample_keeps_the_calibrated_floor(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    build_index(tmp_path / "idx", [SEED, SAMPLE], fake_embedder, calibrate=self_floor.calibrate)
    raw = _manifest(tmp_path / "idx")
    assert raw["floor_raise"] == {language: 0.0 for language in SELF_FLOOR_LANGUAGES}
    assert raw["floor_evidence"] == {"absent_questions": 0.0, "absent_p90": 0.0}


def test_a_build_without_the_step_records_no_raise_and_a_build_with_it_recalibrates(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    build_index(tmp_path / "idx", [SEED], fake_embedder)
    assert _manifest(tmp_path / "idx")["floor_raise"] is None
    before = store.live_version(tmp_path / "idx")
    embedded = fake_embedder.passages_embedded
    build_index(tmp_path / "idx", [SEED], fake_embedder, calibrate=self_floor.calibrate)
    assert store.live_version(tmp_path / "idx") != before  # a new version, same articles
    assert fake_embedder.passages_embedded == embedded  # every vector reused
    assert _manifest(tmp_path / "idx")["floor_raise"] is not None
    # Nothing changed since: the live version is kept.
    kept = store.live_version(tmp_path / "idx")
    build_index(tmp_path / "idx", [SEED], fake_embedder, calibrate=self_floor.calibrate)
    assert store.live_version(tmp_path / "idx") == kept


def test_with_the_raise_on_an_index_raises_its_floor_above_its_absent_questions(
    tmp_path: Path, fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake model gets a calibrated floor below its sample-absent questions' confidences.
    monkeypatch.setitem(build_module.ANSWER_FLOORS, fake_embedder.name, 0.2)
    on = functools.partial(self_floor.calibrate, languages=("id",))
    build_index(tmp_path / "idx", [SEED], fake_embedder, calibrate=on)
    index = NewsIndex.open(tmp_path / "idx", fake_embedder)
    try:
        evidence = index.manifest.floor_evidence
        assert evidence is not None and evidence["absent_questions"] == SELF_FLOOR_QUESTIONS
        expected = evidence["absent_p90"] + SELF_FLOOR_GAP
        assert expected > 0.2
        assert index.floor("id") == pytest.approx(expected, abs=1e-3)
        assert index.floor("en") == 0.2
        # The index's own questions still pass; a sample question it lacks does not.
        own = index.confidence("Siapa yang setuju mengerahkan pasukan militer di perbatasan?")
        assert own is not None and own >= index.floor("id")
        absent = self_floor.foreign_questions(
            self_floor.sample_paragraphs(), set(index.paragraph_texts())
        )
        refused = [q for q in absent if not index.ask(q, k=1).answered]
        assert len(refused) >= 0.9 * len(absent) - 1
    finally:
        index.close()


def test_the_raise_holds_for_indonesian_questions_only(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    stores.build(tmp_path / "idx", None, [SEED], fake_embedder)
    index = NewsIndex.open(tmp_path / "idx", fake_embedder)
    try:
        index.manifest = dataclasses.replace(
            index.manifest, answer_floor=0.9, floor_raise={"id": 0.03}
        )
        assert index.floor("id") == pytest.approx(0.93)
        assert index.floor("en") == pytest.approx(0.9)
    finally:
        index.close()


# --- old manifests ---------------------------------------------------------------------------


def _manifest_json(**extra: object) -> dict[str, object]:
    raw: dict[str, object] = json.loads(
        store.Manifest(
            format=store.FORMAT_VERSION,
            embedder=DEFAULT_MODEL,
            dim=384,
            articles=1,
            paragraphs=3,
            built_at="2026-01-01T00:00:00Z",
            dense_index="flat",
            answer_floor=0.97,
            confidence={"id": (0.3, 0.0, 0.02, 0.05, 0.0)},
        ).to_json()
    )
    raw.update(extra)
    return raw


def test_a_manifest_of_form_4_reads_with_todays_floor_and_no_raise() -> None:
    old = _manifest_json(floor_formula=4)
    del old["floor_raise"], old["floor_evidence"]
    manifest = store.parse_manifest(old, "manifest.json", "index")
    assert manifest.answer_floor == ANSWER_FLOORS[DEFAULT_MODEL]
    assert manifest.floor_raise is None
    assert manifest.floor_formula == FLOOR_FORMULA


def test_a_manifest_of_form_5_keeps_its_raise_and_a_negative_one_is_damage() -> None:
    raw = _manifest_json(floor_raise={"id": 0.025}, floor_evidence={"absent_questions": 24.0})
    manifest = store.parse_manifest(raw, "manifest.json", "index")
    assert manifest.answer_floor == 0.97
    assert manifest.floor_raise == {"id": 0.025}
    for bad in ({"id": -0.1}, {"id": "high"}, ["id"]):
        with pytest.raises(IndexDamaged, match="incomplete"):
            store.parse_manifest(_manifest_json(floor_raise=bad), "manifest.json", "index")


# --- with the real model ---------------------------------------------------------------------

SEED_ANSWERED = [
    ("Who agreed to deploy troops?", "setuju untuk mengerahkan pasukan militer"),
    ("Siapa yang setuju mengerahkan pasukan?", "setuju untuk mengerahkan pasukan militer"),
    ("Berapa panjang perbatasan Tajikistan dengan Afghanistan?", "1.300 kilometer"),
    ("Di kota mana pertemuan negara-negara CSTO digelar?", "Dushanbe"),
]
SEED_REFUSED = [
    "Berapa korban tewas gempa Cianjur?",
    "Kapan kapal selam KRI Nanggala-402 tenggelam di perairan Bali?",
    "What is the price of rice in Jakarta?",
    # News of the sample the seed article lacks: the self-calibration's own kind.
    "Siapa yang mengalahkan pasangan ganda Indonesia di semifinal?",
]


@pytest.fixture(scope="module")
def seed_alone(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder
) -> Iterator[NewsIndex]:
    """The seed article alone, built with the self-calibration step."""
    index_dir = tmp_path_factory.mktemp("seed") / "idx"
    build_index(index_dir, [SEED], real_embedder, calibrate=self_floor.calibrate)
    news = NewsIndex.open(index_dir, real_embedder)
    yield news
    news.close()


@pytest.mark.model
def test_one_article_records_its_own_floor_with_the_real_model(seed_alone: NewsIndex) -> None:
    manifest = seed_alone.manifest
    assert manifest.floor_raise is not None and manifest.floor_evidence is not None
    assert manifest.floor_evidence["absent_questions"] >= SELF_FLOOR_MIN_QUESTIONS
    assert seed_alone.floor("id") >= manifest.answer_floor == ANSWER_FLOORS[DEFAULT_MODEL]


@pytest.mark.model
@pytest.mark.parametrize(("question", "passage"), SEED_ANSWERED)
def test_one_article_answers_its_own_questions(
    seed_alone: NewsIndex, question: str, passage: str
) -> None:
    answer = seed_alone.ask(question, k=1)
    assert answer.answered, question
    assert passage in answer.hits[0].text


@pytest.mark.model
@pytest.mark.parametrize("question", SEED_REFUSED)
def test_one_article_refuses_news_it_lacks(seed_alone: NewsIndex, question: str) -> None:
    answer = seed_alone.ask(question, k=1)
    assert not answer.answered and answer.reason == "not_covered", question
