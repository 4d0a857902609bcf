"""Kinds of question a new user asks of a one-article index, with the real default model
(round 8's blind set found each failing on fresh news): a chat-spelled "how many" ("brp"),
an English number word against the digits Indonesian news writes ("the eleventh race" →
"seri ke-11"), and small talk in shapes the lists did not hold. The article is our own."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.building.embedders import Embedder

pytestmark = pytest.mark.model

RACE = {
    "id": "balap",
    "title": "Marquez Yakin Gelar Juara Masih Bisa Direbut",
    "source": "contoh",
    "published": "2017-08-04T18:00:00+07:00",
    "text": "\n\n".join(
        [
            "Pebalap Repsol Honda, Marc Marquez, yakin persaingan menjadi juara dunia MotoGP "
            "musim ini masih terbuka lebar bagi semua pebalap papan atas.",
            "Marquez kini berada di peringkat ke-3 klasemen sementara dengan 124 poin, "
            "tertinggal 7 angka dari Andrea Dovizioso yang memimpin klasemen.",
            "Marquez bertekad memangkas selisih poin tersebut saat turun pada seri ke-11 "
            "musim ini di Sirkuit Red Bull Ring, Austria, 11-13 Agustus.",
            "Para pebalap baru saja menikmati jeda tengah musim selama hampir empat minggu "
            "setelah seri di Brno, Republik Ceko, pada awal Agustus.",
            "Pemilik 6 gelar juara dunia itu mengaku sudah tidak sabar kembali memacu motor "
            "RC213V di lintasan balap Austria.",
            "Sejak naik ke kelas utama, Marquez baru sekali menang di Red Bull Ring, yaitu "
            "pada 2016, ketika ia finis di depan Dovizioso.",
        ]
    ),
}


@pytest.fixture(scope="module")
def race(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Iterator[NewsIndex]:
    folder = tmp_path_factory.mktemp("race")
    source = folder / "race.jsonl"
    source.write_text(json.dumps(RACE) + "\n", encoding="utf-8")
    build_index(folder / "index", [source], real_embedder)
    index = NewsIndex.open(folder / "index", real_embedder)
    yield index
    index.close()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("brp poin marquez?", "124 poin"),  # "brp" is "berapa": a number is asked for
        ("Where is the eleventh race held?", "seri ke-11"),  # eleventh: 11
        ("kpn seri di austria?", "seri ke-11"),
        ("siapa yg memimpin klasemen?", "Andrea Dovizioso"),
    ],
)
def test_the_answering_paragraph_comes_first(race: NewsIndex, question: str, expected: str) -> None:
    answer = race.ask(question, k=3)
    assert answer.answered and expected in answer.hits[0].text
    assert answer.question == question


@pytest.mark.parametrize(
    "message", ["mantul 👍", "thank u so much", "salam sejahtera", "sama-sama kak", "wkwkwk"]
)
def test_small_talk_is_no_question_here_either(race: NewsIndex, message: str) -> None:
    answer = race.ask(message)
    assert not answer.answered and answer.reason == "not_a_question" and not answer.hits
