"""A page saved by a browser as "Web Page, complete" (``berita.html`` beside
``berita_files/``, whose HTML are the page's adverts and frames) and a page's source saved
as text are read as the one page they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.reading.readers import read_sources

STORY = "Harga minyak goreng curah turun menjadi Rp 14.000 per liter di pasar Jakarta."
ADVERT = (
    "<html><head><title>Iklan</title></head><body><p>Belanja sekarang dan nikmati diskon "
    "hingga 70 persen untuk semua produk elektronik pilihan di toko kami.</p></body></html>"
)


def _page(title: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><p>{STORY}</p></article></body></html>"
    )


def _titles(folder: Path) -> tuple[list[str], list[SkippedSource]]:
    items = list(read_sources([folder]))
    titles = [i.title for i in items if isinstance(i, Article)]
    return titles, [i for i in items if isinstance(i, SkippedSource)]


@pytest.mark.parametrize("page", ["berita.html", "Berita Hari Ini.htm"])
def test_a_saved_page_s_resources_are_passed_over(tmp_path: Path, page: str) -> None:
    (tmp_path / page).write_text(_page("Harga Minyak Goreng Turun"), encoding="utf-8")
    resources = tmp_path / f"{Path(page).stem}_files"
    resources.mkdir()
    (resources / "saved_resource.html").write_text(ADVERT, encoding="utf-8")
    (resources / "widget.htm").write_text("<html><body><ul><li>x</li></ul></body></html>")

    titles, skipped = _titles(tmp_path)

    assert titles == ["Harga Minyak Goreng Turun"] and skipped == []


def test_a_files_folder_without_its_page_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "arsip_files"
    folder.mkdir()
    (folder / "a.html").write_text(_page("Harga Minyak Goreng Turun"), encoding="utf-8")

    assert _titles(tmp_path)[0] == ["Harga Minyak Goreng Turun"]


@pytest.mark.parametrize(
    "opening", ["", "\n\n  ", "<!-- saved from url=(0041)https://example.com/ -->\n", "\ufeff"]
)
@pytest.mark.parametrize("name", ["sumber.txt", "halaman.md"])
def test_a_page_s_source_saved_as_text_is_read_as_the_page(
    tmp_path: Path, opening: str, name: str
) -> None:
    (tmp_path / name).write_text(opening + _page("Harga Minyak Goreng Turun"), encoding="utf-8")

    items = [i for i in read_sources([tmp_path / name]) if isinstance(i, Article)]

    assert [(a.title, a.paragraphs) for a in items] == [("Harga Minyak Goreng Turun", (STORY,))]


def test_text_that_mentions_a_tag_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "kode.txt"
    path.write_text(
        "Celah Keamanan di Situs Bank\n\nPeneliti menemukan tag <html> dan <script> yang "
        "disisipkan ke halaman login bank daerah pada Jumat malam.\n",
        encoding="utf-8",
    )

    items = [i for i in read_sources([path]) if isinstance(i, Article)]

    assert [a.title for a in items] == ["Celah Keamanan di Situs Bank"]
    assert "<html>" in items[0].paragraphs[0]
