"""Damage and repair: every file of a version damaged every way, through the CLI as an
operator meets it (``ask`` refuses in one line, ``check`` names the file, ``index``
repairs it reusing every intact vector); partial salvage; checksums recorded at publish."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbot.bot import cli
from newsbot.index.building import embedders, integrity, store
from newsbot.index.building.build import build_index
from newsbot.index.building.journal import JOURNAL
from tests.conftest import BORDER, CHILI, TROOPS, FakeEmbedder, write_article

FILES = (*store.VERSION_FILES, store.MANIFEST)
QUESTION = "berapa panjang perbatasan Tajikistan dengan Afghanistan?"


def damage(path: Path, how: str) -> None:
    """Damage one file as a disk hiccup would: cut it short, overwrite it, or lose it."""
    if how == "truncated":
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.truncate(size // 2)
    elif how == "garbage":
        size = path.stat().st_size
        path.write_bytes(bytes(np.random.default_rng(7).integers(0, 256, size, dtype=np.uint8)))
    else:
        path.unlink()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sources: Path) -> Path:
    """The CLI embeds with the fake embedder, its index in ``tmp_path/newsbot-index``;
    returns the sources folder."""
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    for name in ("NEWSBOT_INDEX_DIR", "NEWSBOT_MODEL", "NEWSBOT_SOURCES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return sources


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *words: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("newsbot: error: ") and "Traceback" not in err
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("how", ["truncated", "garbage", "deleted"])
@pytest.mark.parametrize("name", FILES)
def test_every_damaged_file_is_named_and_repaired_by_the_command_the_error_names(
    cli_env: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    name: str,
    how: str,
) -> None:
    index_dir = Path("newsbot-index")
    assert run(capsys, "index", str(cli_env))[0] == 0
    live = store.live_version(index_dir)
    damage(live / name, how)

    code, _, err = run(capsys, "ask", QUESTION)
    assert code == 1
    assert_one_line_error(err, "damaged", "newsbot index")
    code, out, err = run(capsys, "check")
    assert code == 1 and name in out
    assert_one_line_error(err, name, "newsbot index")
    assert run(capsys, "stats", "--check")[0] == 1

    caplog.clear()
    code, out, err = run(capsys, "index", str(cli_env))
    assert code == 0, err
    # One warning line: what was damaged, what was reused.
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and name in warnings[0] and "reusing" in warnings[0]
    # Nothing is embedded again: lost vectors are read back from the exact (flat) FAISS
    # index; everything else of the version is rebuilt.
    assert "0 paragraphs embedded, 3 reused" in out
    assert store.live_version(index_dir) != live

    assert run(capsys, "check")[0] == 0
    code, out, _ = run(capsys, "ask", QUESTION)
    assert code == 0 and "Tajikistan memiliki perbatasan" in out
    # "No changes" is said again only now that the live version is healthy.
    assert "No changes" in run(capsys, "index", str(cli_env))[1]


def test_check_and_stats_check_pass_on_a_healthy_index(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "index", str(cli_env))[0] == 0
    code, out, err = run(capsys, "check")
    assert (code, err) == (0, "") and "intact" in out and "checksum" in out
    code, out, _ = run(capsys, "stats", "--check")
    assert code == 0 and "Articles:" in out and "intact" in out
    code, out, _ = run(capsys, "stats", "--check", "--json")
    assert code == 0 and json.loads(out)["check"] == {"intact": True, "checksummed": True}


@pytest.mark.parametrize("how", ["truncated", "garbage", "deleted"])
def test_a_damaged_current_pointer_is_repaired(
    cli_env: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    assert run(capsys, "index", str(cli_env))[0] == 0
    pointer = Path("newsbot-index") / store.CURRENT
    if how == "deleted":
        pointer.unlink()
    else:
        pointer.write_text("v-nothing-here\n" if how == "garbage" else "")
    code, _, err = run(capsys, "ask", QUESTION)
    assert code == 1
    assert_one_line_error(err, "newsbot index")
    code, out, _ = run(capsys, "index", str(cli_env))
    # The version it named is gone, but the one beside it still holds the vectors.
    assert code == 0 and "0 paragraphs embedded, 3 reused" in out
    assert run(capsys, "ask", QUESTION)[0] == 0


def test_vectors_are_reused_by_key_when_metadata_and_manifest_are_both_lost(
    tmp_path: Path, sources: Path
) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    live = store.live_version(tmp_path / "idx")
    (live / store.META).unlink()
    (live / store.MANIFEST).write_text("{")
    embedder = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], embedder)
    assert (embedder.passages_embedded, report.reused) == (0, 3)
    assert report.repaired and store.META in report.repaired
    assert integrity.check_version(store.live_version(tmp_path / "idx")).healthy


def test_vectors_of_another_model_are_never_reused_even_without_a_manifest(
    tmp_path: Path, sources: Path
) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    (store.live_version(tmp_path / "idx") / store.MANIFEST).unlink()
    other = FakeEmbedder(name="another-model")
    report = build_index(tmp_path / "idx", [sources], other)
    assert (other.passages_embedded, report.reused) == (3, 0)


@pytest.mark.parametrize("with_keys", [True, False])
def test_an_index_of_another_format_is_rebuilt_reusing_its_vectors(
    tmp_path: Path, sources: Path, with_keys: bool
) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    live = store.live_version(tmp_path / "idx")
    if not with_keys:  # as built before keys were stored: its metadata names the texts
        (live / store.KEYS).unlink()
    raw = json.loads((live / store.MANIFEST).read_text())
    (live / store.MANIFEST).write_text(json.dumps({**raw, "format": 99}))
    embedder = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], embedder)
    assert report.changed and (embedder.passages_embedded, report.reused) == (0, 3)
    assert store.read_manifest(store.live_version(tmp_path / "idx")).format != 99


@pytest.mark.parametrize("kind", ["flat", "ivf", "hnsw"])
def test_lost_vectors_are_read_back_from_an_exact_dense_index_only(
    tmp_path: Path, sources: Path, kind: str
) -> None:
    for i in range(40):
        write_article(sources, f"extra{i}.txt", f"Berita {i}", f"Paragraf tambahan {i} " * 10)
    first = build_index(tmp_path / "idx", [sources], FakeEmbedder(), dense_index=kind)
    live = store.live_version(tmp_path / "idx")
    original = np.load(live / store.VECTORS)
    (live / store.VECTORS).unlink()
    embedder = FakeEmbedder()
    build_index(tmp_path / "idx", [sources], embedder, dense_index=kind)
    # An approximate index holds 8-bit copies of the vectors: those are embedded again.
    expected = 0 if kind == "flat" else first.paragraphs
    assert embedder.passages_embedded == expected
    repaired = np.load(store.live_version(tmp_path / "idx") / store.VECTORS)
    assert np.array_equal(repaired, original)


def test_lost_keys_are_recovered_from_the_metadata(tmp_path: Path, sources: Path) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    (store.live_version(tmp_path / "idx") / store.KEYS).unlink()
    embedder = FakeEmbedder()
    assert build_index(tmp_path / "idx", [sources], embedder).reused == 3
    assert embedder.passages_embedded == 0


def test_only_the_damaged_rows_of_the_vectors_are_embedded_again(
    tmp_path: Path, sources: Path
) -> None:
    for i in range(6):
        write_article(sources, f"extra{i}.txt", f"Berita {i}", f"Paragraf tambahan {i} " * 10)
    first = build_index(tmp_path / "idx", [sources], FakeEmbedder())
    path = store.live_version(tmp_path / "idx") / store.VECTORS
    vectors = np.load(path, mmap_mode="r+")
    vectors[1, :] = 7.0  # one row overwritten in place: the file's size is unchanged
    vectors[4, 3] = np.nan
    vectors.flush()
    del vectors
    embedder = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], embedder)
    assert report.repaired == f"{store.VECTORS} (checksum mismatch)"
    assert (embedder.passages_embedded, report.reused) == (2, first.paragraphs - 2)


def test_an_older_version_supplies_vectors_the_live_one_lost(tmp_path: Path, sources: Path) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    write_article(sources, "baru.txt", "Berita Baru", "Presiden meresmikan bendungan baru di Jawa.")
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    live = store.live_version(tmp_path / "idx")
    for name in (store.VECTORS, store.DENSE):  # both copies of the live vectors
        (live / name).unlink()
    embedder = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], embedder)
    # The three paragraphs of the first version come from it; only the new one is embedded.
    assert (embedder.passages_embedded, report.reused) == (1, 3)


def test_the_manifest_records_every_file_of_the_version_with_its_checksum(
    tmp_path: Path, sources: Path
) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    live = store.live_version(tmp_path / "idx")
    # A file a later format adds is covered as well: the table lists what the folder holds.
    recorded = json.loads((live / store.MANIFEST).read_text())["files"]
    assert set(recorded) == set(store.VERSION_FILES)
    for name, entry in recorded.items():
        assert entry["bytes"] == (live / name).stat().st_size
        assert entry["sha256"] == store.file_checksum(live / name)
    extra = tmp_path / "extra"
    shutil.copytree(live, extra)
    (extra / "stories.json").write_text("[]")
    store.seal(extra)
    assert "stories.json" in store.read_manifest(extra).files
    (extra / "stories.json").write_text("[1]")
    check = integrity.check_version(extra)
    assert check.damaged == {"stories.json": "grown to 3 of 2 bytes"}


def test_a_version_without_checksums_is_checked_by_opening_and_sealed_by_the_next_build(
    tmp_path: Path, sources: Path
) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    live = store.live_version(tmp_path / "idx")
    raw = json.loads((live / store.MANIFEST).read_text())
    del raw["files"]
    (live / store.MANIFEST).write_text(json.dumps(raw))
    (live / store.KEYS).unlink()  # as a version written before keys were stored
    check = integrity.check_version(live)
    assert not check.checksummed and check.damaged == {store.KEYS: "missing"}
    (live / store.DENSE).write_bytes(b"garbage")
    assert store.DENSE in integrity.check_version(live).damaged
    embedder = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], embedder)
    assert report.changed and embedder.passages_embedded == 0
    assert integrity.check_version(store.live_version(tmp_path / "idx")).checksummed


def test_a_successful_build_clears_the_journal(tmp_path: Path, sources: Path) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    assert not (tmp_path / "idx" / JOURNAL).exists()


def test_news_of_a_chili_question_after_repair_is_the_same(tmp_path: Path, sources: Path) -> None:
    """A repaired index answers as the original did (same vectors, same texts)."""
    from newsbot.index.answering.search import NewsIndex

    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    news = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    before = [h.text for h in news.ask("harga cabai rawit Jakarta", k=3).hits]
    news.close()
    (store.live_version(tmp_path / "idx") / store.LEXICAL).unlink()
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    news = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    after = [h.text for h in news.ask("harga cabai rawit Jakarta", k=3).hits]
    news.close()
    assert before == after and after[0] == CHILI
    assert {TROOPS, BORDER} >= set(after[1:])


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An index of the two test articles, built once: (sources, index directory)."""
    root = tmp_path_factory.mktemp("pristine")
    folder = root / "news"
    folder.mkdir()
    write_article(folder, "csto.txt", "CSTO Kerahkan Pasukan", TROOPS, BORDER)
    write_article(folder, "cabai.txt", "Harga Cabai Naik", CHILI)
    build_index(root / "idx", [folder], FakeEmbedder())
    return folder, root / "idx"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_byte_flips_never_reach_the_user_as_a_traceback(
    data: st.DataObject,
    pristine: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    folder, original = pristine
    with tempfile.TemporaryDirectory() as scratch:
        index_dir = Path(scratch) / "idx"
        shutil.copytree(original, index_dir)
        live = store.live_version(index_dir)
        names = data.draw(st.lists(st.sampled_from(FILES), min_size=1, max_size=3, unique=True))
        for name in names:
            content = bytearray((live / name).read_bytes())
            flips = data.draw(
                st.lists(
                    st.tuples(st.integers(0, len(content) - 1), st.integers(1, 255)),
                    min_size=1,
                    max_size=8,
                )
            )
            for offset, mask in flips:
                content[offset] ^= mask
            (live / name).write_bytes(bytes(content))
        where = ["--index-dir", str(index_dir)]
        # Every command either works or says in one line what to run; none raises.
        for command in (["ask", *where, QUESTION], ["stats", *where], ["check", *where]):
            code, _, err = run(capsys, *command)
            assert code in (0, 1)
            if code == 1:
                assert_one_line_error(err, "newsbot index")
        code, _, err = run(capsys, "index", *where, str(folder))
        assert code == 0, err
        assert run(capsys, "check", *where)[0] == 0
        code, out, _ = run(capsys, "ask", *where, QUESTION)
        assert code == 0 and "Tajikistan memiliki perbatasan" in out
