"""Building, storing and re-building the index: round trip, incremental, atomic, errors."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from newsbot.index.answering.bridge import question_terms
from newsbot.index.answering.fusion import Candidate
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building import store
from newsbot.index.building.build import build_index
from newsbot.index.defaults import (
    ANSWER_FLOORS,
    CONFIDENCE_BY_LANGUAGE,
    DEFAULT_MODEL,
    FLOOR_FORMULA,
)
from newsbot.index.errors import (
    BuildInProgress,
    IndexDamaged,
    IndexIncompatible,
    IndexMissing,
    NoSources,
)
from tests.conftest import BORDER, CHILI, REPO, TROOPS, FakeEmbedder, write_article


def _raw_manifest(version: Path) -> dict[str, Any]:
    return dict(json.loads((version / "manifest.json").read_text()))


def _write_manifest(version: Path, raw: dict[str, Any]) -> None:
    (version / "manifest.json").write_text(json.dumps(raw))


def test_round_trip_answers_with_citations(tmp_path: Path, sources: Path) -> None:
    embedder = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], embedder)
    assert (report.articles, report.paragraphs, report.added) == (2, 3, 2)
    news = NewsIndex.open(tmp_path / "idx", embedder)
    answer = news.ask("berapa panjang perbatasan Tajikistan dengan Afghanistan?")
    news.close()
    assert answer.answered
    top = answer.hits[0]
    assert top.text == BORDER
    assert top.citation.title == "CSTO Kerahkan Pasukan"
    assert top.citation.paragraph == 2
    assert top.citation.published == "2021-09-17T16:30:00+07:00"
    assert top.citation.path.endswith("csto.txt")
    assert top.snippet == BORDER
    manifest = _raw_manifest(store.live_version(tmp_path / "idx"))
    assert manifest["embedder"] == "fake-hash-64"
    assert (manifest["articles"], manifest["paragraphs"], manifest["dim"]) == (2, 3, 64)


def test_second_run_embeds_nothing_and_keeps_the_live_version(
    tmp_path: Path, sources: Path
) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    live = store.live_version(tmp_path / "idx")
    again = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], again)
    assert again.passages_embedded == 0
    assert not report.changed and report.unchanged == 2
    assert store.live_version(tmp_path / "idx") == live


def test_changed_added_and_removed_articles_are_updated(tmp_path: Path, sources: Path) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    write_article(sources, "csto.txt", "CSTO Kerahkan Pasukan", TROOPS, BORDER, CHILI + " Baru.")
    (sources / "cabai.txt").unlink()
    write_article(sources, "baru.txt", "Berita Baru", "Presiden meresmikan bendungan baru di Jawa.")
    embedder = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], embedder)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 0)
    # Only the new paragraphs are embedded; the two unchanged ones are reused.
    assert (embedder.passages_embedded, report.reused) == (2, 2)
    news = NewsIndex.open(tmp_path / "idx", embedder)
    assert news.ask("harga cabai Jakarta").hits[0].citation.title != "Harga Cabai Naik"
    assert news.summary().articles == 2
    news.close()


def test_broken_files_are_skipped_and_named(tmp_path: Path, sources: Path) -> None:
    (sources / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (sources / "empty.txt").write_text("")
    report = build_index(tmp_path / "idx", [sources], FakeEmbedder())
    assert report.articles == 2
    assert sorted(Path(s.path).name for s in report.skipped) == ["binary.txt", "empty.txt"]


def test_an_appended_correction_replaces_the_text_it_corrects(tmp_path: Path) -> None:
    feed = tmp_path / "news" / "feed.jsonl"
    feed.parent.mkdir()
    first = {"id": "csto-1", "title": "CSTO Kerahkan Pasukan", "text": BORDER}
    feed.write_text(json.dumps(first) + "\n")
    build_index(tmp_path / "idx", [feed.parent], FakeEmbedder())
    fixed = BORDER.replace("1.300", "1.344")
    corrected = {**first, "title": "CSTO Kerahkan Pasukan (ralat)", "text": fixed}
    with feed.open("a") as log:
        log.write(json.dumps(corrected) + "\n")
    (tmp_path / "news" / "other.jsonl").write_text(json.dumps({**first, "title": "Salinan"}))

    report = build_index(tmp_path / "idx", [feed.parent], FakeEmbedder())

    assert (report.articles, report.updated) == (1, 1)
    # Within a file the later line wins; across files (read in path order) the first.
    assert sorted((Path(s.path.split(":")[0]).name, s.line) for s in report.skipped) == [
        ("feed.jsonl", 1),
        ("other.jsonl", None),
    ]
    news = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    top = news.ask("berapa panjang perbatasan Tajikistan dengan Afghanistan?").hits[0]
    news.close()
    assert (top.text, top.citation.title) == (fixed, "CSTO Kerahkan Pasukan (ralat)")


def test_no_readable_source_is_an_error_and_leaves_the_old_index(
    tmp_path: Path, sources: Path
) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    live = store.live_version(tmp_path / "idx")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NoSources):
        build_index(tmp_path / "idx", [empty], FakeEmbedder())
    assert store.live_version(tmp_path / "idx") == live
    assert not list((tmp_path / "idx").glob(".building-*"))


def test_a_failing_embedder_leaves_the_old_index_serving(tmp_path: Path, sources: Path) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())

    class Broken(FakeEmbedder):
        def embed_passages(self, texts):  # type: ignore[no-untyped-def]
            raise RuntimeError("model crashed")

    write_article(sources, "baru.txt", "Berita Baru", "Presiden meresmikan bendungan baru.")
    with pytest.raises(RuntimeError):
        build_index(tmp_path / "idx", [sources], Broken())
    news = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    assert news.summary().articles == 2
    news.close()


def test_a_second_build_at_once_is_refused(tmp_path: Path, sources: Path) -> None:
    with store.build_lock(tmp_path / "idx"), pytest.raises(BuildInProgress):
        build_index(tmp_path / "idx", [sources], FakeEmbedder())


def test_opening_with_another_embedder_says_what_to_run(tmp_path: Path, sources: Path) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    with pytest.raises(IndexIncompatible, match=r"fake-hash-64.*--model"):
        NewsIndex.open(tmp_path / "idx", FakeEmbedder(name="other-model"))


def test_missing_old_format_and_damaged_indexes_are_clear_errors(
    tmp_path: Path, sources: Path
) -> None:
    with pytest.raises(IndexMissing, match="newsbot index"):
        NewsIndex.open(tmp_path / "nothing", FakeEmbedder())
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    version = store.live_version(tmp_path / "idx")
    manifest = _raw_manifest(version)
    _write_manifest(version, {**manifest, "format": 0})
    with pytest.raises(IndexIncompatible, match="format 0"):
        NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    _write_manifest(version, manifest)
    (version / "dense.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexDamaged, match="newsbot index"):
        NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    (version / "meta.sqlite").write_bytes(b"garbage" * 100)
    with pytest.raises(IndexDamaged):
        NewsIndex.open(tmp_path / "idx", FakeEmbedder())


def test_the_floor_is_recorded_with_the_weights_it_was_calibrated_with(
    tmp_path: Path, sources: Path
) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    version = store.live_version(tmp_path / "idx")
    raw = _raw_manifest(version)
    assert raw["confidence"] == {k: list(v) for k, v in CONFIDENCE_BY_LANGUAGE.items()}
    # A manifest written before the weights were recorded reads with today's weights.
    del raw["confidence"]
    _write_manifest(version, raw)
    assert store.read_manifest(version).confidence == CONFIDENCE_BY_LANGUAGE
    # Weights that cannot judge an Indonesian question, or are no numbers, are damage.
    for broken in ({"en": [0.0, 0.17, 0.01]}, {"id": ["a", 0, 0]}, {"id": [0.1]}):
        _write_manifest(version, {**raw, "confidence": broken})
        with pytest.raises(IndexDamaged, match="incomplete"):
            NewsIndex.open(tmp_path / "idx", FakeEmbedder())


def test_a_new_calibration_is_recorded_without_embedding_anything(
    tmp_path: Path, sources: Path
) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    old = store.live_version(tmp_path / "idx")
    raw = _raw_manifest(old)
    # As an older newsbot calibrated it.
    _write_manifest(old, {**raw, "answer_floor": 0.97})
    report = build_index(tmp_path / "idx", [sources], FakeEmbedder())
    assert report.changed and (report.embedded, report.added, report.updated) == (0, 0, 0)
    new = store.live_version(tmp_path / "idx")
    assert new != old and store.read_manifest(new).answer_floor == raw["answer_floor"]
    assert not build_index(tmp_path / "idx", [sources], FakeEmbedder()).changed


_SLOW_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {repo!r})
    from tests.conftest import FakeEmbedder
    from newsbot.index.building.build import build_index

    class Slow(FakeEmbedder):
        def embed_passages(self, texts):
            print("embedding", flush=True)
            time.sleep(0.5)
            return super().embed_passages(texts)

    build_index(Path(sys.argv[1]), [Path(sys.argv[2])], Slow())
    """
)


def test_a_build_killed_midway_leaves_the_old_index_answering(
    tmp_path: Path, sources: Path
) -> None:
    index_dir = tmp_path / "idx"
    build_index(index_dir, [sources], FakeEmbedder())
    live = store.live_version(index_dir)
    for i in range(80):
        write_article(sources, f"extra{i}.txt", f"Berita {i}", f"Paragraf tambahan nomor {i} " * 8)
    script = tmp_path / "slow_build.py"
    script.write_text(_SLOW_BUILD.format(repo=str(REPO)))
    proc = subprocess.Popen(
        [sys.executable, str(script), str(index_dir), str(sources)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "embedding"  # mid-build: vectors being written
    # A reader opening the index during the build sees the old version.
    news = NewsIndex.open(index_dir, FakeEmbedder())
    assert news.summary().articles == 2
    news.close()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert store.live_version(index_dir) == live
    news = NewsIndex.open(index_dir, FakeEmbedder())
    assert news.ask("perbatasan Tajikistan 1.300 kilometer").hits[0].text == BORDER
    news.close()
    # The next build cleans up after the dead one and completes.
    report = build_index(index_dir, [sources], FakeEmbedder())
    assert report.added == 80
    assert not list(index_dir.glob(".building-*"))


def _manifest_json(**extra: Any) -> dict[str, Any]:
    raw = json.loads(
        store.Manifest(
            format=store.FORMAT_VERSION,
            embedder=DEFAULT_MODEL,
            dim=384,
            articles=1,
            paragraphs=3,
            built_at="2026-01-01T00:00:00Z",
            dense_index="flat",
            answer_floor=0.5,
            confidence={"id": (0.4, 0.1, 0.2)},
        ).to_json()
    )
    raw.update(extra)
    return raw


def test_a_manifest_of_an_older_confidence_is_read_with_todays_floor_and_weights() -> None:
    old = _manifest_json()
    del old["floor_formula"]
    manifest = store.parse_manifest(old, "manifest.json", "index")
    assert manifest.answer_floor == ANSWER_FLOORS[DEFAULT_MODEL]
    assert manifest.confidence == CONFIDENCE_BY_LANGUAGE
    assert manifest.floor_formula == FLOOR_FORMULA


def test_a_manifest_of_todays_confidence_keeps_its_own_numbers() -> None:
    manifest = store.parse_manifest(_manifest_json(), "manifest.json", "index")
    assert manifest.answer_floor == 0.5
    assert manifest.confidence == {"id": (0.4, 0.1, 0.2)}


@pytest.mark.parametrize(
    ("form", "weights"),
    [
        (2, [0.18, 0.0, 0.02]),
        (3, [0.3, 0.0, 0.02, 0.05]),
        (5, [0.3, 0.0, 0.02, 0.05, 0.0]),
        (6, [0.3, 0.0, 0.02, 0.05, 0.0, 0.0, 0.0075]),
    ],
)
def test_a_manifest_of_a_previous_floor_formula_reads_with_todays_eight_weights(
    form: int, weights: list[float]
) -> None:
    # Floor formula 2 recorded three weights per language and asked the passage for every
    # question term; form 3 four, without the lone-dense penalty; form 5 five, without the
    # no-answer-near and rarest-elsewhere penalties; form 6 seven, without the mostly-unheld
    # penalty. Their numbers mean something else today.
    previous = _manifest_json(floor_formula=form, confidence={"id": weights})
    manifest = store.parse_manifest(previous, "manifest.json", "index")
    assert manifest.answer_floor == ANSWER_FLOORS[DEFAULT_MODEL]
    assert manifest.confidence == CONFIDENCE_BY_LANGUAGE
    assert all(len(weights) == 8 for weights in manifest.confidence.values())


def test_a_manifest_of_todays_form_keeps_its_eight_weights_and_six_are_damage() -> None:
    today = _manifest_json(confidence={"id": [0.3, 0.0, 0.02, 0.05, 0.0, 0.0, 0.0075, 0.2]})
    assert store.parse_manifest(today, "manifest.json", "index").confidence == {
        "id": (0.3, 0.0, 0.02, 0.05, 0.0, 0.0, 0.0075, 0.2)
    }
    with pytest.raises(IndexDamaged, match="incomplete"):
        store.parse_manifest(
            _manifest_json(confidence={"id": [0.3, 0.0, 0.02, 0.05, 0.0, 1.0]}),
            "manifest.json",
            "index",
        )


def test_a_model_without_a_calibration_answers_whatever_its_penalties(
    tmp_path: Path, sources: Path
) -> None:
    # The fake model has no calibrated floor (0): a first passage far from the question
    # (cosine -0.5), for a question whose names and words the index lacks, still answers;
    # under a real floor it would not.
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    try:
        assert index.manifest.answer_floor == 0.0
        far = [Candidate(row=0, article_id="a", score=0.0, dense=-0.5, lexical=0.0)]
        question = "Berapa harga Zorblax Quuxinator di Wakanda?"
        words = question_terms(question, "id", lambda term: False)
        assert index._covers(question, "id", words, "Harga cabai naik.", far)
        index.manifest = dataclasses.replace(index.manifest, answer_floor=0.5)
        assert not index._covers(question, "id", words, "Harga cabai naik.", far)
    finally:
        index.close()


def test_a_topic_is_held_by_the_article_not_only_by_its_paragraph(tmp_path: Path) -> None:
    # "berita <headline> kemarin": the first passage holds one of the headline's words, the
    # article (headline and paragraphs) all of them; the floor asks the article for them
    # where the question asks for news by topic (a window, an outlet, coverage).
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(
        folder,
        "djarot.txt",
        "Djarot Akan Besuk Ahok di Penjara Setelah Pensiun",
        "Djarot Saiful Hidayat mengatakan rencananya kepada wartawan di Balai Kota.",
        "Ia akan menjenguk Basuki Tjahaja Purnama setelah masa jabatannya berakhir.",
    )
    build_index(tmp_path / "idx", [folder], FakeEmbedder())
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    try:
        index.manifest = dataclasses.replace(index.manifest, answer_floor=0.963)
        question = "Djarot Akan Besuk Ahok di Penjara Setelah Pensiun"
        words = question_terms(question, "id", index._lexical.knows)
        top = Candidate(row=0, article_id="", score=0.0, dense=0.88, lexical=0.0)
        with index._meta_lock:
            top_row = index._meta.execute("SELECT row, article_id, text FROM paragraphs").fetchone()
        top = dataclasses.replace(top, row=int(top_row[0]), article_id=str(top_row[1]))
        near = [top, dataclasses.replace(top, dense=0.86)]
        assert not index._covers(question, "id", words, str(top_row[2]), near)
        assert index._covers_in_article(question, "id", words, top, near)
        # An article that holds none of the topic's words does not pass either way.
        other = "Harga cabai rawit naik di pasar induk"
        other_words = question_terms(other, "id", index._lexical.knows)
        assert not index._covers_in_article(other, "id", other_words, top, near)
    finally:
        index.close()
