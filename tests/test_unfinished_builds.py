"""A question asked where a build was interrupted or failed: one line saying the index is
incomplete and what to run, never the sample corpus built over the build's checkpoint; the
sample is built only where no build was ever started (or resumed where it was the sample)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.index.building import embedders, store
from newsbot.index.building.build import build_index
from newsbot.index.building.unfinished import SAMPLE_MARKER
from newsbot.index.defaults import DURABLE_BATCH
from tests.conftest import REPO, FakeEmbedder, write_article
from tests.test_interrupted_builds import (
    CrashingEmbedder,
    add_articles,
    embedded_so_far,
    journaled,
    slow_index,
)

# Every command that opens the index, as a user would type it after an interrupted build.
ASKING = [
    ["ask", "thanks"],
    ["ask", "siapa yang membangun jalan tol?"],
    ["ask", "--json", "who built the toll road?"],
    ["stats"],
    ["check"],
    ["timeline", "jalan tol", "--png", "chart.png"],
]


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    for name in ("NEWSBOT_INDEX_DIR", "NEWSBOT_MODEL", "NEWSBOT_SOURCES", "NEWSBOT_STORE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def killed_build(index_dir: Path, sources: Path) -> int:
    """A real ``newsbot index`` killed once its first durable batch is on disk; the number
    of vectors its journal keeps."""
    add_articles(sources, 100)
    proc = slow_index(index_dir, sources, delay=0.02)
    embedded_so_far(proc, at_least=DURABLE_BATCH + 32)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = journaled(index_dir)
    assert kept >= DURABLE_BATCH
    return kept


def snapshot(index_dir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(index_dir)): p.read_bytes()
        for p in sorted(index_dir.rglob("*"))
        if p.is_file() and p.name != store.LOCK
    }


def assert_refused(
    argv: list[str], index_dir: Path, capsys: pytest.CaptureFixture[str], *, kept: int
) -> None:
    before = snapshot(index_dir)
    assert cli.main([*argv, "--index-dir", str(index_dir)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "incomplete" in lines[0] and "newsbot index" in lines[0]
    assert "sample" not in captured.err and captured.out == ""
    assert (f"{kept} embedded paragraphs" in lines[0]) == bool(kept)
    # Nothing built, nothing removed: the checkpoint is as the build left it.
    assert snapshot(index_dir) == before
    assert not (index_dir / store.CURRENT).exists() and not list(index_dir.glob("v-*"))


@pytest.mark.parametrize("argv", ASKING, ids=lambda a: " ".join(a[:2]))
def test_a_killed_first_build_is_reported_not_replaced_by_the_sample(
    tmp_path: Path, sources: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    index_dir = tmp_path / "idx"
    kept = killed_build(index_dir, sources)
    assert_refused(argv, index_dir, capsys, kept=kept)
    # The next `newsbot index` resumes it: nothing of the sample in its report.
    assert cli.main(["index", "--index-dir", str(index_dir), str(sources)]) == 0
    out = capsys.readouterr().out
    assert "102 added, 0 updated, 0 removed" in out
    assert f"{kept} reused" in out


def test_a_build_that_read_nothing_is_reported_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.bin").write_bytes(b"\x00\x01\x02")
    index_dir = tmp_path / "idx"
    assert cli.main(["index", "--index-dir", str(index_dir), str(empty)]) == 1
    capsys.readouterr()
    for argv in ASKING[:2]:
        assert_refused(argv, index_dir, capsys, kept=0)


def test_a_build_that_crashed_midway_is_reported_with_what_it_kept(
    tmp_path: Path, sources: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_articles(sources, 100)
    index_dir = tmp_path / "idx"
    with pytest.raises(RuntimeError):
        build_index(index_dir, [sources], CrashingEmbedder(crash_at=10))
    assert_refused(["ask", "apa kabar jalan tol?"], index_dir, capsys, kept=2 * DURABLE_BATCH)


def test_a_build_still_running_is_said_to_be_running(
    tmp_path: Path, sources: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_articles(sources, 100)
    index_dir = tmp_path / "idx"
    proc = slow_index(index_dir, sources, delay=0.5)
    try:
        embedded_so_far(proc, at_least=32)
        assert cli.main(["ask", "--index-dir", str(index_dir), "jalan tol?"]) == 1
        err = capsys.readouterr().err
        assert "is being built" in err and len(err.strip().splitlines()) == 1
        assert not (index_dir / store.CURRENT).exists()
    finally:
        proc.kill()
        proc.wait()


def test_the_bot_says_the_index_is_incomplete_too(
    tmp_path: Path,
    sources: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsbot.bot.app import run

    index_dir = tmp_path / "idx"
    kept = killed_build(index_dir, sources)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:" + "A" * 35)
    monkeypatch.setenv("NEWSBOT_STATE", str(tmp_path / "state.sqlite"))
    before = snapshot(index_dir)
    assert run(index_dir, None) == 1
    err = capsys.readouterr().err
    assert "incomplete" in err and f"{kept} embedded paragraphs" in err
    assert snapshot(index_dir) == before


def test_a_folder_where_no_build_started_still_gets_the_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for index_dir in (tmp_path / "new", tmp_path / "made-empty", tmp_path / "milvus-lock"):
        if index_dir.name != "new":
            index_dir.mkdir()
        if index_dir.name == "milvus-lock":  # a Milvus build's lock says nothing of the local store
            (index_dir / store.LOCK).write_text("123")
        assert cli.main(["ask", "--index-dir", str(index_dir), "who agreed to deploy troops?"]) == 0
        captured = capsys.readouterr()
        assert "building one from the sample corpus" in captured.err
        assert "Indexed 31 articles" in captured.err
        assert (index_dir / store.CURRENT).is_file()
        assert not (index_dir / SAMPLE_MARKER).exists()


def test_an_interrupted_sample_build_is_resumed_by_the_next_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "idx"
    env = {**os.environ, "NEWSBOT_TEST_EMBED_DELAY": "0.05"}
    command = [sys.executable, "-m", "tests.slow_cli", "ask", "--index-dir", str(index_dir)]
    proc = subprocess.Popen(
        [*command, "thanks"], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True
    )
    embedded_so_far(proc, at_least=DURABLE_BATCH + 32)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = journaled(index_dir)
    assert kept >= DURABLE_BATCH and (index_dir / SAMPLE_MARKER).exists()
    assert cli.main(["ask", "--index-dir", str(index_dir), "thanks"]) == 0
    err = capsys.readouterr().err
    assert "Indexed 31 articles" in err and f"{kept} reused" in err
    # Once the user's own build starts, an interruption is theirs: the sample stops there.
    write_article(tmp_path, "own.txt", "Berita Sendiri", "Isi berita sendiri yang pendek.")
    assert not (index_dir / SAMPLE_MARKER).exists()
    (index_dir / SAMPLE_MARKER).touch()
    assert cli.main(["index", "--index-dir", str(index_dir), str(tmp_path / "own.txt")]) == 0
    assert not (index_dir / SAMPLE_MARKER).exists()
