"""The index in Milvus: Milvus Lite 2.5.1 started for real (its file, or its server on a
loopback port), never a mock. Answers must be the local store's, builds incremental,
atomic and resumable."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.index import sample
from newsbot.index.answering import stores
from newsbot.index.answering.milvus_search import MilvusNewsIndex, filter_expression
from newsbot.index.building import embedders
from newsbot.index.building.embedders import Vectors
from newsbot.index.building.milvus_store import (
    MilvusStore,
    MilvusTarget,
    check_lite_file,
    epoch_seconds,
    parse_store,
)
from newsbot.index.building.unfinished import SAMPLE_MARKER
from newsbot.index.defaults import FORMAT_VERSION
from newsbot.index.errors import IndexDamaged, IndexMissing, StoreUnavailable
from tests.conftest import BORDER, CHILI, TROOPS, FakeEmbedder, write_article
from tests.coverage.test_coverage_answers import NOW, RECORDS
from tests.coverage.test_coverage_answers import _write as write_records
from tests.milvus_server import lite_binary, milvus_lite_server, release_lite_file

LATER = "Pedagang di pasar induk mengeluh pembeli berkurang sejak harga cabai rawit naik tajam."
QUESTIONS = [
    "who agreed to deploy troops?",
    "siapa yang setuju mengerahkan pasukan?",
    "berapa panjang perbatasan Tajikistan dengan Afghanistan?",
    "Which Russian minister says Moscow keeps talking with the Taliban?",
    "kapan harga cabai naik?",
    "harga cabai saat Omicron 2024",  # names the corpus lacks: the floor's penalty
    "siapa pelatih tim nasional?",
    "aplikasi apa yang diluncurkan startup itu?",
    "xyzzy",  # no term known
    "kapan salat Jum'at di Qur'an?",  # quotes in words: Milvus keys must not carry them
    'apa kata "menteri" \\ soal perbatasan?',
    "   ",
]


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[MilvusTarget]:
    """A Milvus Lite file of this test's own, released when the test ends."""
    lite_binary()
    path = tmp_path / "index.db"
    target = parse_store(str(path))
    assert target is not None
    yield target
    release_lite_file(path)


def answers(
    news: stores.NewsIndex, questions: Sequence[str], now: datetime | None = None
) -> list[dict[str, object]]:
    """Each answer as JSON: passages with their stories and copies, coverage, windows."""
    return [news.ask(question, k=5, now=now).to_json() for question in questions]


def test_store_settings_parse_or_say_what_is_wrong(tmp_path: Path) -> None:
    assert parse_store(None) is None
    assert parse_store("local") is None
    server = parse_store("milvus://10.0.0.5:19530")
    assert server == MilvusTarget(uri="http://10.0.0.5:19530", setting="milvus://10.0.0.5:19530")
    assert not server.is_lite
    lite = parse_store(str(tmp_path / "news.db"))
    assert lite is not None and lite.is_lite and lite.uri == str(tmp_path / "news.db")
    for bad, says in [
        ("milvus://host-without-port", "milvus://HOST:PORT"),
        ("milvus://h:1/db", "milvus://HOST:PORT"),
        ("milvus://h:99999", "milvus://HOST:PORT"),
        ("postgres://x", "is not a store"),
        (str(tmp_path / "missing" / "news.db"), "is missing"),
        (str(tmp_path / ("n" * 40 + ".db")), "at most 35"),
    ]:
        with pytest.raises(StoreUnavailable, match=says) as caught:
            parse_store(bad)
        assert "\n" not in str(caught.value)


def test_published_dates_become_epoch_seconds_with_their_offset() -> None:
    assert epoch_seconds("2021-09-17T16:30:00+07:00") == epoch_seconds("2021-09-17T09:30:00Z")
    assert epoch_seconds("2021-09-17") == 1631836800
    assert epoch_seconds(None) == epoch_seconds("not a date") == -1


def test_answers_match_the_local_store_exactly(tmp_path: Path, lite: MilvusTarget) -> None:
    """Candidates from Milvus, ranking by the product: the same passages, scores, snippets
    and refusals as the local index, for Indonesian, English and uncovered questions."""
    embedder = FakeEmbedder()
    stores.build(tmp_path / "local", None, sample.sources(), embedder)
    stores.build(tmp_path / "idx", lite, sample.sources(), embedder)
    local = stores.open_index(tmp_path / "local", None, embedder)
    milvus = stores.open_index(tmp_path / "idx", lite, embedder)
    try:
        assert isinstance(milvus, MilvusNewsIndex)
        expected = answers(local, QUESTIONS)
        assert answers(milvus, QUESTIONS) == expected
        assert any(a["answered"] for a in expected) and not all(a["answered"] for a in expected)
        assert milvus.article_ids() == local.article_ids()
        days = ["2021-09-17", "2016-10-06", "2017-01-02", "nonsense"]
        assert milvus.newest_articles(days, 5) == local.newest_articles(days, 5)
        assert milvus.newest_articles(days, 5)
        assert milvus.newest_articles(["1999-01-01"], 5) == ()
        assert milvus.summary().outlets == local.summary().outlets
        assert milvus.summary().first_published == local.summary().first_published
    finally:
        local.close()
        milvus.close()


#: Questions of the coverage tests' corpus: copies, windows, outlets, coverage questions.
COVERAGE_QUESTIONS = [
    "CSTO Rusia Belarus Armenia mengerahkan pasukan",
    "harga cabai kemarin",
    "harga cabai minggu lalu",
    "berita harga cabai pada 10 September",
    "chili prices yesterday",
    "berita transportasi online tahun 2017",
    "news on online transport in March 2017",
    "Siapa yang menyesalkan kisruh transportasi online pada tahun 2021?",
    "harga cabai menurut kumparan",
    "harga cabai according to CNN Indonesia",
    "pasukan CSTO kata Merdeka",
    "pasukan CSTO menurut kumparan",  # an outlet that did not report it: not covered
    "berita harga cabai tahun 2019",  # a window nothing was published in
    "harga cabai bulan lalu",
    "berita harga cabai pada Maret 2017",  # a window of other news only
    "media apa saja yang memberitakan pasukan CSTO di perbatasan Tajikistan?",
    "siapa yang pertama memberitakan pasukan CSTO di perbatasan Tajikistan?",
    "berapa artikel tentang pasukan CSTO di perbatasan Tajikistan?",
    "berita apa saja minggu ini?",
    "what's new?",
    "harga cabai terbaru",
]


def test_stories_windows_and_outlets_match_the_local_store(
    tmp_path: Path, lite: MilvusTarget
) -> None:
    """Stories live in Milvus (a story id on every row) and a question's window and outlet
    become Milvus filters: the answers are the local index's, stories and copies included."""
    embedder = FakeEmbedder()
    sources = write_records(tmp_path / "news", RECORDS)
    stores.build(tmp_path / "local", None, [sources], embedder)
    stores.build(tmp_path / "idx", lite, [sources], embedder)
    local = stores.open_index(tmp_path / "local", None, embedder)
    milvus = stores.open_index(tmp_path / "idx", lite, embedder)
    try:
        for now in (NOW + timedelta(days=30), NOW):
            expected = answers(local, COVERAGE_QUESTIONS, now)
            assert answers(milvus, COVERAGE_QUESTIONS, now) == expected
        # The questions reach what they are about: stories, copies, refusals, coverage.
        by_question = dict(zip(COVERAGE_QUESTIONS, expected, strict=True))
        top = expected[0]["hits"][0]
        assert top["story"]["articles"] == 3 and len(top["also"]) == 2
        assert not by_question["pasukan CSTO menurut kumparan"]["answered"]
        kumparan = by_question["harga cabai menurut kumparan"]["hits"]
        assert kumparan and {hit["source"] for hit in kumparan} == {"kumparan"}
        assert not by_question["berita harga cabai tahun 2019"]["answered"]
        assert not by_question["harga cabai bulan lalu"]["answered"]
        march = by_question["berita harga cabai pada Maret 2017"]["hits"]
        assert march and all(hit["published"].startswith("2017-03") for hit in march)
        assert sum(bool(a.get("coverage")) for a in expected) == 5
        assert milvus.latest_stories(None, None) == local.latest_stories(None, None)
        question = "siapa yang pertama memberitakan pasukan CSTO?"
        assert milvus.story_for(question, NOW) == local.story_for(question, NOW)
        written = milvus.stories.of("wire-suara")
        assert written is not None and written == local.stories.of("wire-suara")
    finally:
        local.close()
        milvus.close()


def test_an_article_keeps_its_story_across_milvus_rebuilds(
    tmp_path: Path, lite: MilvusTarget
) -> None:
    embedder = FakeEmbedder()
    sources = write_records(tmp_path / "news", RECORDS)
    stores.build(tmp_path / "idx", lite, [sources], embedder)
    first = stores.open_index(tmp_path / "idx", lite, embedder)
    before = {a: first.stories.of(a) for a in first.article_ids()}
    first.close()
    extra = {**RECORDS[3], "id": "chili-later", "published": "2021-09-19T07:00:00+07:00"}
    write_records(tmp_path / "news", [*RECORDS, extra])
    report = stores.build(tmp_path / "idx", lite, [sources], embedder)
    assert report.changed and report.embedded == 0  # the same text: its vector is reused
    second = stores.open_index(tmp_path / "idx", lite, embedder)
    try:
        for article, story in before.items():
            again = second.stories.of(article)
            assert story is not None and again is not None and again.id == story.id
        later = second.stories.of("chili-later")
        assert later is not None and later.id == before["chili-new"].id
    finally:
        second.close()


def test_a_window_holds_the_day_each_outlet_printed_at_the_day_s_edges(
    tmp_path: Path, lite: MilvusTarget
) -> None:
    """Just after midnight WIB is the previous day in UTC, just before midnight WIT the same
    day in UTC: a window takes the day the outlet printed, in both stores."""
    chili = RECORDS[3]
    records = [
        {**chili, "id": "after-midnight", "published": "2021-09-18T00:30:00+07:00"},
        {**chili, "id": "before-midnight", "published": "2021-09-17T23:30:00+09:00"},
        {**chili, "id": "next-day", "published": "2021-09-19T00:10:00+08:00"},
    ]
    embedder = FakeEmbedder()
    sources = write_records(tmp_path / "news", records)
    stores.build(tmp_path / "local", None, [sources], embedder)
    stores.build(tmp_path / "idx", lite, [sources], embedder)
    local = stores.open_index(tmp_path / "local", None, embedder)
    milvus = stores.open_index(tmp_path / "idx", lite, embedder)
    try:
        for question, day in (
            ("harga cabai kemarin", "2021-09-18"),
            ("berita harga cabai pada 17 September", "2021-09-17"),
            ("harga cabai hari ini", "2021-09-19"),
        ):
            expected = local.ask(question, k=5, now=NOW)
            assert milvus.ask(question, k=5, now=NOW).to_json() == expected.to_json()
            cited = {(hit.citation.published or "")[:10] for hit in expected.hits}
            assert cited == {day}, question
    finally:
        local.close()
        milvus.close()


def test_words_with_quotes_are_terms_no_paragraph_holds(lite: MilvusTarget) -> None:
    """pymilvus puts string keys in single quotes unescaped: a word with a quote once made
    Milvus fail a write ("internal error") and print parse errors on a read."""
    milvus = MilvusStore(lite)
    try:
        version = milvus.start_version(dim=4, embedder="test")
        milvus.write_terms(version, {"pasukan": 2, "jum'at": 1, 'say"s': 1, "back\\slash": 1})
        asked = ["pasukan", "jum'at", 'say"s', "back\\slash", "qur'an"]
        assert milvus.document_frequencies(version, asked) == {"pasukan": 2}
    finally:
        milvus.close()


def test_a_window_is_the_day_each_outlet_printed() -> None:
    """A window holds an article by the day its outlet wrote, offset and all."""
    days = (date(2021, 9, 17), date(2021, 9, 18))
    expression = filter_expression(outlets=["kumparan"], days=days)
    assert expression == (
        'source in ["kumparan"] and published >= "2021-09-17" and published < "2021-09-19"'
    )
    assert filter_expression() == ""


def test_filters_restrict_candidates_to_an_outlet_and_a_period(
    tmp_path: Path, lite: MilvusTarget
) -> None:
    embedder = FakeEmbedder()
    stores.build(tmp_path / "idx", lite, sample.sources(), embedder)
    news = stores.open_index(tmp_path / "idx", lite, embedder)
    assert isinstance(news, MilvusNewsIndex)
    try:
        question = "siapa yang setuju mengerahkan pasukan?"
        assert news.ask(question).hits[0].citation.source == "PR Cirebon"
        news.where = filter_expression(outlets=["antaranews", "kumparan"])
        sources = {h.citation.source for h in news.ask(question, k=5).hits}
        assert sources and sources <= {"antaranews", "kumparan"}
        news.where = filter_expression(since=epoch_seconds("2021-01-01"))
        dates = {h.citation.published for h in news.ask(question, k=5).hits}
        assert dates and all(d and d >= "2021" for d in dates)
        news.where = filter_expression(until=epoch_seconds("2017-01-01"))
        dates = {h.citation.published for h in news.ask(question, k=5).hits}
        assert dates and all(d and d < "2017" for d in dates)
    finally:
        news.close()


def test_rebuilds_are_incremental_and_readers_of_the_old_version_finish(
    tmp_path: Path, sources: Path, lite: MilvusTarget
) -> None:
    embedder = FakeEmbedder()
    first = stores.build(tmp_path / "idx", lite, [sources], embedder)
    assert (first.added, first.embedded) == (2, 3)
    reader = stores.open_index(tmp_path / "idx", lite, embedder)

    again = stores.build(tmp_path / "idx", lite, [sources], embedder)
    assert (again.changed, again.embedded, again.reused) == (False, 0, 3)

    write_article(sources, "cabai.txt", "Harga Cabai Naik", CHILI, LATER)
    write_article(sources, "banjir.txt", "Banjir Medan", "Banjir merendam 300 rumah di Medan.")
    (sources / "csto.txt").unlink()
    changed = stores.build(tmp_path / "idx", lite, [sources], embedder)
    assert (changed.added, changed.updated, changed.removed) == (1, 1, 1)
    # The chili paragraph's context is unchanged: reused; the new ones embedded.
    assert (changed.embedded, changed.reused) == (2, 1)

    # The reader opened before the switch still answers from its version...
    assert reader.ask("siapa yang setuju mengerahkan pasukan?").hits[0].text == TROOPS
    reader.close()
    # ...and a new reader sees the new one.
    news = stores.open_index(tmp_path / "idx", lite, embedder)
    try:
        assert news.ask("berapa rumah terendam banjir di Medan?").hits[0].citation.title == (
            "Banjir Medan"
        )
        assert all(h.text != TROOPS for h in news.ask("pasukan perbatasan", k=5).hits)
    finally:
        news.close()

    # One version is kept beside the live one; older ones are dropped.
    stores.build(tmp_path / "idx", lite, [sources, sample.sources()[0]], embedder)
    milvus = MilvusStore(lite)
    try:
        kept = [c for c in milvus.client.list_collections() if c.startswith("newsbot_p_")]
        assert len(kept) == 2
    finally:
        milvus.close()


class DyingEmbedder(FakeEmbedder):
    """Embeds ``budget`` passages, then fails as a killed process would stop."""

    def __init__(self, budget: int) -> None:
        super().__init__()
        self.budget = budget

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        if self.passages_embedded + len(texts) > self.budget:
            raise KeyboardInterrupt
        return super().embed_passages(texts)


@pytest.mark.parametrize("live_before", [False, True])
def test_a_killed_build_resumes_without_embedding_again(
    tmp_path: Path, lite: MilvusTarget, live_before: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsbot.index.building import milvus_build

    monkeypatch.setattr(milvus_build, "UPLOAD_BATCH", 40)
    corpus = sample.sources()
    if live_before:
        stores.build(tmp_path / "idx", lite, corpus[:1], FakeEmbedder())
    dying = DyingEmbedder(budget=100)
    with pytest.raises(KeyboardInterrupt):
        stores.build(tmp_path / "idx", lite, corpus, dying)
    written = dying.passages_embedded
    assert written >= 64  # whole batches reached Milvus before the "kill"

    if live_before:  # the live version kept serving
        news = stores.open_index(tmp_path / "idx", lite, FakeEmbedder())
        assert news.manifest.articles == 1
        news.close()
    else:
        with pytest.raises(IndexMissing):
            stores.open_index(tmp_path / "idx", lite, FakeEmbedder())

    resumed = FakeEmbedder()
    report = stores.build(tmp_path / "idx", lite, corpus, resumed)
    assert report.embedded == resumed.passages_embedded
    # Nothing written before the kill is embedded again (only the unwritten remainder).
    assert report.embedded <= report.paragraphs - written + 40
    assert report.reused >= written - 40
    milvus = MilvusStore(lite)
    try:
        assert milvus.unfinished() == {}
        live = milvus.live_version()
        kept = {c for c in milvus.client.list_collections() if c.startswith("newsbot_p_")}
        assert milvus.paragraphs_collection(live) in kept
        assert len(kept) == (2 if live_before else 1)  # the unfinished version was dropped
    finally:
        milvus.close()


@pytest.mark.parametrize("command", [["ask", "siapa yang setuju?"], ["stats"]])
def test_a_question_after_a_killed_milvus_build_keeps_its_vectors(
    tmp_path: Path,
    lite: MilvusTarget,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    """A first question where a Milvus build was killed says the index is incomplete; it
    does not build the sample over it (whose publishing would drop the killed build's
    vectors), and the next ``newsbot index`` reuses them."""
    from newsbot.index.building import milvus_build

    monkeypatch.setattr(milvus_build, "UPLOAD_BATCH", 40)
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    corpus = sample.sources()
    dying = DyingEmbedder(budget=100)
    with pytest.raises(KeyboardInterrupt):
        stores.build(tmp_path / "idx", lite, corpus, dying)

    setting = ["--store", lite.setting, "--index-dir", str(tmp_path / "idx")]
    assert cli.main([*command[:1], *setting, *command[1:]]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsbot: error: the index in Milvus at {lite.setting} is incomplete")
    assert "embedded paragraphs are kept" in err and err.count("\n") == 1
    milvus = MilvusStore(lite)
    try:
        assert len(milvus.unfinished()) == 1  # still there for the next build
        with pytest.raises(IndexMissing):
            milvus.live_version()
    finally:
        milvus.close()

    resumed = FakeEmbedder()
    report = stores.build(tmp_path / "idx", lite, corpus, resumed)
    assert report.reused >= dying.passages_embedded - 40


def test_an_interrupted_sample_build_in_milvus_is_resumed_by_the_next_question(
    tmp_path: Path, lite: MilvusTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsbot.index.building import milvus_build

    monkeypatch.setattr(milvus_build, "UPLOAD_BATCH", 40)
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    index_dir = tmp_path / "idx"
    index_dir.mkdir()
    (index_dir / SAMPLE_MARKER).touch()  # as the CLI marks its own sample build
    with pytest.raises(KeyboardInterrupt):
        stores.build(index_dir, lite, sample.sources(), DyingEmbedder(budget=100))
    setting = ["--store", lite.setting, "--index-dir", str(index_dir)]
    assert cli.main(["stats", *setting]) == 1  # stats never builds
    assert cli.main(["ask", *setting, "siapa yang setuju mengerahkan pasukan?"]) == 0
    assert not (index_dir / SAMPLE_MARKER).exists()
    milvus = MilvusStore(lite)
    try:
        assert milvus.unfinished() == {} and milvus.live_version()
    finally:
        milvus.close()


def test_the_cli_indexes_asks_and_describes_through_a_milvus_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "csto.txt", "CSTO Kerahkan Pasukan", TROOPS, BORDER)
    write_article(folder, "cabai.txt", "Harga Cabai Naik", CHILI)
    server_dir = tmp_path / "server"
    server_dir.mkdir()
    with milvus_lite_server(server_dir) as url:
        monkeypatch.setenv("NEWSBOT_STORE", url)
        assert cli.main(["index", str(folder)]) == 0
        assert "2 articles" in capsys.readouterr().out
        assert cli.main(["ask", "--json", "siapa yang setuju mengerahkan pasukan?"]) == 0
        answer = json.loads(capsys.readouterr().out)
        assert answer["answered"] and answer["hits"][0]["text"] == TROOPS
        assert cli.main(["stats", "--json"]) == 0
        stats = json.loads(capsys.readouterr().out)
        assert (stats["articles"], stats["paragraphs"]) == (2, 3)
        assert stats["path"].startswith(url)
        # --store wins over the environment: the local store has no index here.
        assert cli.main(["stats", "--store", "local"]) == 1
        assert "no index" in capsys.readouterr().err
    # The server is gone: one line, no traceback.
    assert cli.main(["stats"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsbot: error: cannot reach Milvus at {url}")
    assert err.count("\n") == 1


def test_a_wrong_store_setting_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["stats", "--store", "milvus://nowhere"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "newsbot: error: --store 'milvus://nowhere': a Milvus server is named milvus://HOST:PORT\n"
    )
    (tmp_path / "folder.db").mkdir()
    assert cli.main(["stats", "--store", "folder.db"]) == 1
    err = capsys.readouterr().err
    assert err == "newsbot: error: --store 'folder.db' is a folder, not a Milvus Lite file\n"


def test_an_unreachable_milvus_is_one_line_on_the_real_stderr(tmp_path: Path) -> None:
    """Not only newsbot's own line: pymilvus's loggers write to the process's stderr
    (handlers of their own), which only a child process shows."""
    from tests.ports import free_port

    store = f"milvus://127.0.0.1:{free_port()}"
    done = subprocess.run(
        [sys.executable, "-m", "newsbot", "--store", store, "stats"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"newsbot: error: cannot reach Milvus at {store}")
    assert done.stderr.count("\n") == 1


def test_check_and_stats_count_the_rows_in_milvus(
    tmp_path: Path,
    lite: MilvusTarget,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    report = stores.build(tmp_path / "idx", lite, sample.sources()[:3], FakeEmbedder())
    setting = ["--store", lite.setting, "--index-dir", str(tmp_path / "idx")]
    assert cli.main(["check", *setting]) == 0
    out = capsys.readouterr().out
    assert f"intact: all {report.paragraphs} paragraphs of " in out
    assert f"Milvus at {lite.setting}" in out
    assert cli.main(["stats", "--check", *setting]) == 0
    out = capsys.readouterr().out
    assert "checksums" not in out and f"intact: all {report.paragraphs}" in out
    assert " MB)" in out and "(0.0 MB)" not in out  # the Lite file's own size

    milvus = MilvusStore(lite)
    try:
        collection = milvus.paragraphs_collection(milvus.live_version())
        milvus.client.delete(collection, filter="number == 2")
    finally:
        milvus.close()
    assert cli.main(["check", *setting]) == 1
    err = capsys.readouterr().err
    assert f"the index in Milvus at {lite.setting} is damaged" in err
    assert f"of its {report.paragraphs} paragraphs" in err and err.count("\n") == 1


def test_a_format_2_version_in_milvus_opens_and_is_regrouped_with_seen_times(
    tmp_path: Path, lite: MilvusTarget
) -> None:
    # Two undated copies: one story while nothing bounds them.
    copies = [
        {k: v for k, v in r.items() if k != "published"}
        for r in RECORDS
        if r["id"] in ("wire-antara", "wire-suara")
    ]
    sources = write_records(tmp_path / "news", copies)
    embedder = FakeEmbedder()
    stores.build(tmp_path / "idx", lite, [sources], embedder)
    milvus = MilvusStore(lite)
    try:
        version = milvus.live_version()
        raw = json.loads(milvus.manifest(version).to_json())
        raw["format"] = 2
        milvus.put({f"manifest/{version}": json.dumps(raw)})
    finally:
        milvus.close()
    old = stores.open_index(tmp_path / "idx", lite, embedder)
    try:
        assert old.manifest.format == 2
        assert old.stories.of("wire-antara") == old.stories.of("wire-suara")
    finally:
        old.close()
    # Now their crawl times, weeks apart, are known: a format-2 version is regrouped with
    # them (same texts, so no vector is embedded again); a format-3 one would keep its
    # stories, as the seen time is no content.
    copies[0]["crawled_at"] = "2021-09-01T01:00:00Z"
    copies[1]["crawled_at"] = "2021-09-30T01:00:00Z"
    write_records(tmp_path / "news", copies)
    report = stores.build(tmp_path / "idx", lite, [sources], embedder)
    assert report.changed and report.embedded == 0
    new = stores.open_index(tmp_path / "idx", lite, embedder)
    try:
        assert new.manifest.format == FORMAT_VERSION
        assert new.stories.of("wire-antara") != new.stories.of("wire-suara")
    finally:
        new.close()


def test_articles_without_an_outlet_are_summarised_as_locally(
    tmp_path: Path,
    lite: MilvusTarget,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``stats`` (text and JSON) counts articles without an outlet under the same label in
    Milvus as locally, and the bot's /help names neither that label nor a placeholder."""
    from newsbot.bot.messages import ENGLISH
    from newsbot.bot.render import render_help

    records = [
        {"id": "a", "text": "Harga bawang merah naik di pasar induk.", "source": "kompas"},
        {"id": "b", "text": "Harga cabai rawit turun di pasar induk."},
        {"id": "c", "text": "Harga beras medium tetap di pasar induk."},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    embedder = FakeEmbedder()
    stores.build(tmp_path / "local", None, [path], embedder)
    stores.build(tmp_path / "idx", lite, [path], embedder)
    local = stores.open_index(tmp_path / "local", None, embedder)
    milvus = stores.open_index(tmp_path / "idx", lite, embedder)
    try:
        assert milvus.summary().outlets == local.summary().outlets
        help_text = render_help(milvus.summary(), "TestNameBot", ENGLISH)
    finally:
        local.close()
        milvus.close()
    assert "from kompas, and" in help_text
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    setting = ["--store", lite.setting, "--index-dir", str(tmp_path / "idx")]
    assert cli.main(["stats", *setting]) == 0
    assert "unknown outlet (2), kompas (1)" in capsys.readouterr().out
    assert cli.main(["stats", "--json", *setting]) == 0
    assert json.loads(capsys.readouterr().out)["outlets"] == [["unknown outlet", 2], ["kompas", 1]]


@pytest.mark.parametrize("command", [["ask", "harga cabai"], ["check"], ["stats"]])
def test_versions_without_a_live_pointer_are_damage_not_an_empty_store(
    tmp_path: Path,
    lite: MilvusTarget,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    """Milvus whose facts lost the live pointer (a damaged Lite file reads so) still holds
    its versions: a first question must not build the sample over them, and no command
    may call the store empty; ``newsbot index`` publishes a new version."""
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    corpus = sample.sources()[:3]
    stores.build(tmp_path / "idx", lite, corpus, FakeEmbedder())
    milvus = MilvusStore(lite)
    try:
        live = milvus.live_version()
        milvus.delete("current")
    finally:
        milvus.close()

    setting = ["--store", lite.setting, "--index-dir", str(tmp_path / "idx")]
    assert cli.main([command[0], *setting, *command[1:]]) == 1
    err = capsys.readouterr().err
    assert f"Milvus at {lite.setting} holds 1 index version(s) but names none live" in err
    assert err.count("\n") == 1 and "sample" not in err.lower()
    assert not (tmp_path / "idx" / SAMPLE_MARKER).exists()
    milvus = MilvusStore(lite)
    try:
        assert milvus.has(milvus.paragraphs_collection(live))  # nothing built over it
    finally:
        milvus.close()

    assert cli.main(["index", *setting, *map(str, corpus)]) == 0
    assert cli.main([command[0], *setting, *command[1:]]) == 0


def _newsbot_stderr(folder: Path, store: Path, *command: str) -> tuple[int, str]:
    """Run ``newsbot --store STORE COMMAND`` in a child process: its real stderr, where
    Milvus Lite's server writes its own lines."""
    done = subprocess.run(
        [sys.executable, "-m", "newsbot", "--store", str(store), *command],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=180,
    )
    return done.returncode, done.stderr


def test_a_damaged_lite_file_is_one_line_naming_the_damage(
    tmp_path: Path, lite: MilvusTarget
) -> None:
    """A truncated Lite file, a file of other bytes and another program's SQLite database
    are each told in one line, before Milvus Lite's server prints lines of its own."""
    stores.build(tmp_path / "idx", lite, sample.sources()[:2], FakeEmbedder())
    release_lite_file(Path(lite.uri))
    whole = Path(lite.uri).read_bytes()
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(whole[: len(whole) // 3])
    other_bytes = tmp_path / "notes.db"
    other_bytes.write_text("not a database at all\n" * 200, encoding="utf-8")
    other_program = tmp_path / "app.db"
    with contextlib.closing(sqlite3.connect(other_program)) as db:
        db.execute("CREATE TABLE users (name TEXT)")
        db.commit()
    for damaged in (truncated, other_bytes):
        for command in ("check", "stats"):
            code, err = _newsbot_stderr(tmp_path, damaged, command)
            assert code == 1
            assert err.startswith(f"newsbot: error: the Milvus Lite file {damaged} is damaged")
            assert "move it away and rebuild" in err and err.count("\n") == 1, err
    code, err = _newsbot_stderr(tmp_path, other_program, "stats")
    assert (code, err.count("\n")) == (1, 1)
    assert "another program's SQLite database, not a Milvus Lite file" in err
    assert damaged.read_text(encoding="utf-8").startswith("not a database")  # nothing lost
    # The whole file and an empty one (a new store) pass: only the catalogue is read.
    check_lite_file(Path(lite.uri))
    (tmp_path / "new.db").touch()
    check_lite_file(tmp_path / "new.db")
    with pytest.raises(IndexDamaged, match="damaged or not a Milvus Lite file"):
        check_lite_file(truncated)
