"""Several articles pasted into one text file are read apart, each with its own header."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbot.index.articles import Article
from newsbot.index.reading.pastes import split_pastes
from newsbot.index.reading.readers import read_sources

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FLOOD = (
    "Hujan deras sejak Kamis malam membuat ratusan rumah warga di Bekasi terendam banjir.\n\n"
    "Petugas gabungan menyiapkan perahu karet dan dapur umum bagi warga yang mengungsi."
)
CHILLI = (
    "Harga cabai rawit di Pasar Minggu naik menjadi Rp 80.000 per kilogram pada Selasa pagi.\n\n"
    "Pedagang menyebut pasokan dari Jawa Tengah berkurang karena hujan deras."
)


def articles(tmp_path: Path, text: str) -> list[Article]:
    source = tmp_path / "kumpulan.txt"
    source.write_text(text, encoding="utf-8")
    found = list(read_sources([source]))
    assert all(isinstance(item, Article) for item in found), found
    return [item for item in found if isinstance(item, Article)]


def test_two_copies_pasted_one_after_another_are_two_articles(tmp_path: Path) -> None:
    text = (
        f"Banjir Rendam Bekasi\nKompas.com - 04/12/2017, 06:45 WIB\n\n{FLOOD}\n\n"
        f"Harga Cabai Naik\nKompas.com - 05/12/2017, 10:15 WIB\n\n{CHILLI}\n"
    )

    first, second = articles(tmp_path, text)

    assert (first.title, first.published) == ("Banjir Rendam Bekasi", "2017-12-04T06:45:00+07:00")
    assert (second.title, second.published) == ("Harga Cabai Naik", "2017-12-05T10:15:00+07:00")
    assert first.path == str(tmp_path / "kumpulan.txt")
    assert second.path == f"{tmp_path / 'kumpulan.txt'}:8"
    assert second.paragraphs[0].startswith("Harga cabai rawit")
    assert not any("Harga Cabai Naik" in p or "Kompas.com" in p for p in first.paragraphs)


def test_bylines_rules_and_markdown_headings_between_copies(tmp_path: Path) -> None:
    text = (
        f"# Banjir Rendam Bekasi\n\nPenulis: Dewi | Editor: Hadi\n"
        f"KOMPAS.com - Senin, 4 Desember 2017 | 06:45 WIB\n\n{FLOOD}\n\n---\n"
        f"# Harga Cabai Naik\n\nCNN Indonesia | Selasa, 05/12/2017 10:15 WIB\n\n{CHILLI}\n"
    )

    first, second = articles(tmp_path, text)

    assert first.author == "Dewi" and first.paragraphs[-1].startswith("Petugas")
    assert (second.title, second.source) == ("Harga Cabai Naik", "CNN Indonesia")
    assert second.published == "2017-12-05T10:15:00+07:00"


def test_a_subheading_over_a_bare_date_inside_one_story_is_not_an_article(
    tmp_path: Path,
) -> None:
    text = (
        f"Jadwal Timnas di Piala AFF\nKompas.com - 04/12/2017, 06:45 WIB\n\n{FLOOD}\n\n"
        "Laga Pertama\nSenin, 11 Desember 2017\n\n"
        "Timnas akan menghadapi Thailand di Stadion Rajamangala pada laga pembuka grup.\n"
    )

    (article,) = articles(tmp_path, text)

    assert article.paragraphs[-1].startswith("Timnas akan menghadapi")


def test_a_file_of_one_article_is_one_piece_from_line_one() -> None:
    text = f"Banjir Rendam Bekasi\nKompas.com - 04/12/2017, 06:45 WIB\n\n{FLOOD}\n"

    assert split_pastes(text) == [(1, text.rstrip("\n"))]


def test_no_indosum_article_is_split_and_pasted_pairs_mostly_are() -> None:
    corpus = SHARED / "corpus" / "indosum-3000.jsonl"
    if not corpus.is_file():
        pytest.skip("the shared corpus is absent (corpus/indosum-3000.jsonl beside the checkout)")
    headers = [
        "{s} - 04/12/2017, 06:45 WIB",
        "{s} | Senin, 04/12/2017 06:45 WIB",
        "Penulis: Dewi | Editor: Hadi\n{s} - Senin, 3 Januari 2022 | 06:45 WIB",
        "- 17 September 2021, 16:30 WIB",
    ]
    copies = []
    for number, line in enumerate(corpus.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        header = headers[number % 4].format(s=record.get("source") or "Kompas.com")
        copies.append(
            f"{record.get('title') or 'Judul Berita Hari Ini'}\n{header}\n\n{record['text']}"
        )

    assert [len(split_pastes(copy)) for copy in copies] == [1] * len(copies)
    pairs = [copies[i] + "\n\n" + copies[i + 1] for i in range(0, len(copies), 2)]
    apart = sum(len(split_pastes(pair)) == 2 for pair in pairs)
    assert apart >= 0.95 * len(pairs)
