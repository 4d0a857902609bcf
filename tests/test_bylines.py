"""Bylines, outlet and date lines and datelines become metadata, never paragraph text; the
story's own first lines stay."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsbot.index.reading.bylines import Header, cut_dateline, read_header
from newsbot.index.reading.cleaning import clean_paragraphs
from newsbot.index.reading.dates import DEFAULT_ZONE

STORY = "Banjir rob setinggi 40 sentimeter menggenangi Jalan Pantura di Kelurahan Degayu pagi ini."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Penulis: Dewi Anggraini | Editor: Hadi Santoso",
            Header("Dewi Anggraini", "Hadi Santoso"),
        ),
        ("Angga Prasetya - detikNews", Header("Angga Prasetya", outlet="detikNews")),
        (
            "KOMPAS.com - Senin, 3 Januari 2022 | 06:45 WIB",
            Header(outlet="Kompas.com", published="2022-01-03T06:45:00+07:00"),
        ),
        ("Tim | CNN Indonesia", Header(outlet="CNN Indonesia")),
        (
            "Laporan Wartawan Tribunjateng.com, Rahmat Hidayat",
            Header("Rahmat Hidayat", outlet="Tribunjateng.com"),
        ),
        (
            "Yudi Pratama, Jurnalis \u00b7 Senin 03 Januari 2022 06:45 WIB",
            Header("Yudi Pratama", published="2022-01-03T06:45:00+07:00"),
        ),
        ("Rep: Fauziah Lestari/ Red: Agus Salim", Header("Fauziah Lestari", "Agus Salim")),
        ("Oleh: Andi Baso", Header("Andi Baso")),
        ("Reporter: Hendra Wijaya", Header("Hendra Wijaya")),
        ("Kamis, 6 Januari 2022 14:05 WITA", Header(published="2022-01-06T14:05:00+08:00")),
    ],
)
def test_a_byline_or_outlet_line_becomes_metadata(line: str, expected: Header) -> None:
    header, rest = read_header([line, STORY])
    assert header == expected
    assert rest == [STORY]


@pytest.mark.parametrize(
    "line",
    [
        STORY,
        "Oleh karena itu, warga diminta menjauhi pantai selama air pasang tinggi.",
        "Gubernur Resmikan Jembatan Baru di Batang",  # a sub-heading, not a byline
        "Presiden Joko Widodo",
        "Harga cabai naik 3 jam setelah pasar dibuka, kata pedagang.",
        "Skor akhir 2-1 - Persib menang di kandang sendiri.",
        "Merdeka.com - Kado Indah Untuk Totti",  # a headline after its outlet (IndoSum)
        "Kemarin, polisi menangkap dua tersangka pencurian motor di Jepara.",
        "Senin (3/1/2022) pagi, air laut naik hingga 40 sentimeter.",
    ],
)
def test_story_lines_are_not_taken_for_a_byline(line: str) -> None:
    header, rest = read_header([line, STORY])
    assert header == Header()
    assert rest == [line, STORY]


@pytest.mark.parametrize(
    ("paragraph", "place", "outlet"),
    [
        ("Jakarta, CNN Indonesia -- " + STORY, "Jakarta", "CNN Indonesia"),
        ("PEKALONGAN, KOMPAS.com - " + STORY, "Pekalongan", "Kompas.com"),
        ("Jakarta (ANTARA) - " + STORY, "Jakarta", "Antara"),
        ("TEMPO.CO, Jakarta - " + STORY, "Jakarta", "Tempo.co"),
        ("REPUBLIKA.CO.ID, JAKARTA -- " + STORY, "Jakarta", "Republika.co.id"),
        ("Liputan6.com, Jakarta - " + STORY, "Jakarta", "Liputan6.com"),
        ("TRIBUNNEWS.COM, BANDAR LAMPUNG - " + STORY, "Bandar Lampung", "Tribunnews.com"),
        ("Jepara - " + STORY, "Jepara", None),
        ("BOGOR - " + STORY, "Bogor", None),
        ("Suara.com - " + STORY, None, "Suara.com"),
    ],
)
def test_a_dateline_is_cut_into_place_and_outlet(
    paragraph: str, place: str | None, outlet: str | None
) -> None:
    assert cut_dateline(paragraph) == (place, outlet, None, STORY)


@pytest.mark.parametrize(
    ("paragraph", "own", "outlet"),
    [
        ("Rimanews-" + STORY, "rimanews", "Rimanews"),
        ("Okezone.com-" + STORY, "okezone", "Okezone.com"),
        ("detikcom-" + STORY, "detik", "detikcom"),
        ("KOMPAS.com-" + STORY, "Kompas.com", "Kompas.com"),
    ],
)
def test_the_records_own_outlet_glued_to_the_first_word_is_a_dateline(
    paragraph: str, own: str, outlet: str
) -> None:
    assert cut_dateline(paragraph, own) == (None, outlet, None, STORY)


@pytest.mark.parametrize(
    ("paragraph", "own"),
    [
        ("Kompas-Gramedia membuka toko buku baru di Bandung pekan ini.", None),
        ("Kompas-Gramedia membuka toko buku baru di Bandung pekan ini.", "tempo"),
        ("Jokowi-Ma'ruf Amin dilantik di gedung parlemen pada Minggu siang.", "rimanews"),
        ("Rimanews-Polisi", "rimanews"),
    ],
)
def test_a_glued_name_that_is_not_the_records_outlet_stays(paragraph: str, own: str) -> None:
    assert cut_dateline(paragraph, own) is None


@pytest.mark.parametrize(
    "paragraph",
    [
        STORY,
        "Pasangan Jokowi-Ma'ruf Amin dilantik di gedung parlemen pada Minggu siang.",
        "ILUSTRASI - Bus listrik melintas di Jalan Asia Afrika.",
        "Presiden mengatakan - seperti dikutip media - bahwa harga beras stabil.",
    ],
)
def test_a_paragraph_without_a_dateline_is_kept_whole(paragraph: str) -> None:
    cleaned = clean_paragraphs([paragraph, STORY])
    assert cleaned.paragraphs[0] == paragraph or cleaned.paragraphs[0] == STORY
    assert cleaned.place is None


def test_a_dateline_place_is_metadata_so_jakarta_is_not_in_every_story() -> None:
    cleaned = clean_paragraphs(["Jakarta, CNN Indonesia -- " + STORY])
    assert cleaned.paragraphs == (STORY,)
    assert (cleaned.place, cleaned.outlet) == ("Jakarta", "CNN Indonesia")


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("3 jam lalu", "2022-01-04T06:00:00+07:00"),
        ("2 jam yang lalu", "2022-01-04T07:00:00+07:00"),
        ("Diperbarui 15 menit lalu", "2022-01-04T08:45:00+07:00"),
        ("kemarin", "2022-01-03"),
        ("5 minutes ago", "2022-01-04T08:55:00+07:00"),
        ("2 hari lalu", "2022-01-02"),
    ],
)
def test_a_relative_time_resolves_against_the_fetch_time_else_is_dropped(
    line: str, published: str
) -> None:
    fetched = datetime(2022, 1, 4, 9, 0, tzinfo=DEFAULT_ZONE)
    known = clean_paragraphs([line, STORY], fetched)
    unknown = clean_paragraphs([line, STORY])
    assert known.published == published and known.paragraphs == (STORY,)
    assert unknown.published is None and unknown.paragraphs == (STORY,)
