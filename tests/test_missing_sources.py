"""A source named for a build that does not exist (a typo, an unmounted folder) never
empties the index of its articles: the build stops, nothing changes, and one line says
which path and how many articles it would have removed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.bot.messages import INDONESIAN
from newsbot.bot.reasons import error_in
from newsbot.index.building.build import build_index
from newsbot.index.errors import SourceMissing
from tests.conftest import FakeEmbedder, cli_news_folder, write_article


def _two_folders(root: Path) -> tuple[Path, Path]:
    news, archive = root / "news", root / "archive"
    news.mkdir()
    archive.mkdir()
    write_article(news, "cabai.txt", "Harga Cabai Naik", "Harga cabai rawit di Jakarta naik tajam.")
    write_article(archive, "banjir.txt", "Banjir Garut", "Banjir bandang menerjang Garut.")
    write_article(archive, "gempa.txt", "Gempa Cianjur", "Gempa mengguncang Cianjur siang ini.")
    return news, archive


def test_a_mistyped_folder_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    news, archive = _two_folders(tmp_path)
    (tmp_path / "cwd").mkdir()
    cli_news_folder(tmp_path / "cwd", monkeypatch)  # the fake embedder; cwd elsewhere
    index = ["--index-dir", str(tmp_path / "idx")]
    assert cli.main(["index", *index, str(news), str(archive)]) == 0
    capsys.readouterr()

    assert cli.main(["index", *index, str(news), str(tmp_path / "archvie")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "archvie: no such file or folder" in err and "remove 2 articles" in err

    assert cli.main(["stats", "--json", *index]) == 0
    assert '"articles": 3' in capsys.readouterr().out


@pytest.mark.parametrize("lost", ["folder", "file"])
def test_a_source_gone_since_the_last_build_is_refused(tmp_path: Path, lost: str) -> None:
    news, archive = _two_folders(tmp_path)
    gone = archive if lost == "folder" else archive / "banjir.txt"
    build_index(tmp_path / "idx", [news, archive if lost == "folder" else gone], FakeEmbedder())
    shutil.rmtree(gone) if gone.is_dir() else gone.unlink()

    with pytest.raises(SourceMissing) as refused:
        build_index(tmp_path / "idx", [news, gone], FakeEmbedder())
    assert str(gone) in str(refused.value)
    said = error_in(refused.value, INDONESIAN.language)
    assert "berkas atau folder tidak ada" in said and "tidak ada yang diubah" in said

    # Left out, its articles are removed, as README says.
    report = build_index(tmp_path / "idx", [news], FakeEmbedder())
    assert report.removed == (2 if lost == "folder" else 1)


def test_a_missing_source_that_removes_nothing_is_skipped(tmp_path: Path) -> None:
    news, _ = _two_folders(tmp_path)
    first = build_index(tmp_path / "idx", [news, tmp_path / "nowhere"], FakeEmbedder())
    assert first.articles == 1
    assert [s.reason for s in first.skipped] == ["no such file or folder"]
    again = build_index(tmp_path / "idx", [news, tmp_path / "nowhere"], FakeEmbedder())
    assert again.removed == 0
