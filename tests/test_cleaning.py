"""Cleaning: the article's own paragraphs stay, as published; site boilerplate goes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsbot.index.reading.cleaning import (
    clean_paragraphs,
    outlet_from_dateline,
    split_paragraphs,
    title_from_text,
    title_from_url,
)
from newsbot.index.reading.readers import read_text_article

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "corpus" / "seed-article.txt"
DUMP = Path(__file__).parent / "data" / "ingest" / "bus-listrik-bandung.txt"

PROSE = "Pemerintah kota menambah armada bus listrik untuk rute sekolah mulai pekan depan."
MORE = "Setiap bus mampu mengangkut 35 siswa dan dilengkapi kamera pengawas di dalamnya."
LAST = "Layanan itu gratis bagi pelajar yang menunjukkan kartu pelajar, kata kepala dinas."


def test_seed_article_keeps_exactly_its_body() -> None:
    if not SEED.is_file():
        pytest.skip("the shared corpus is absent (seed-article.txt beside the checkout)")
    raw = SEED.read_text(encoding="utf-8")
    # The body as a reader sees it: the blocks from the dateline to the last quote, minus
    # the "Baca Juga" links and the end marker.
    blocks = [b.strip() for b in raw.split("\n\n") if b.strip()]
    start = next(i for i, b in enumerate(blocks) if b.startswith("PR CIREBON - Diambil"))
    end = next(i for i, b in enumerate(blocks) if b.endswith("ujar Emomali Rahmon.***"))
    expected = [b.removesuffix("***") for b in blocks[start : end + 1]]
    expected = [b for b in expected if not b.startswith("Baca Juga:")]
    # The dateline is metadata (outlet), not text of paragraph 1.
    expected[0] = expected[0].removeprefix("PR CIREBON - ")

    article = read_text_article(raw, "seed-article.txt")

    assert list(article.paragraphs) == expected
    assert len(article.paragraphs) == 21
    assert article.paragraphs[-1] == (
        "\u201cIni sangat penting mengingat situasi tegang di negara tetangga Afghanistan,"
        "\u201d ujar Emomali Rahmon."
    )
    assert article.title == (
        "CSTO dan Rusia akan Kerahkan Pasukan di Sepanjang Perbatasan Tajikistan dan Afghanistan"
    )
    assert article.published == "2021-09-17T16:30:00+07:00"
    assert article.editor == "Tyas Siti Gantina"
    assert article.origin == "Daily Sabah"
    assert article.source == "PR Cirebon"
    assert article.source == "PR Cirebon"


def test_synthetic_dump_keeps_its_body_and_credits() -> None:
    article = read_text_article(DUMP.read_text(encoding="utf-8"), str(DUMP))

    assert article.title == "Pemkot Bandung Tambah 40 Bus Listrik untuk Rute Sekolah"
    assert article.published == "2022-10-03T07:15:00+07:00"
    assert article.editor == "Dewi Lestari"
    assert article.origin == "Humas Pemkot Bandung"
    assert article.source == "Radar Bandung"
    assert article.paragraphs[0].startswith("Pemerintah Kota Bandung")
    assert article.paragraphs[-1].endswith("berkurang,\u201d ujarnya.")
    assert "Gratis." in article.paragraphs  # a short sentence mid-body is article text
    assert len(article.paragraphs) == 6
    text = "\n".join(article.paragraphs)
    for junk in ("ILUSTRASI", "FOTO", "Baca Juga", "BACA JUGA", "Editor", "Sumber", "Tags"):
        assert junk not in text
    assert "Terpopuler" not in text and "Bus Listrik\n" not in text


@pytest.mark.parametrize(
    "link",
    [
        "Baca Juga: Tes Kepribadian yang Sedang Viral",
        "Baca juga: Setya Novanto: Jangan Sampai Kisruh Taksi Jadi Besar",
        "BACA JUGA: Cerita Yoyo, Pelatih Asal Indonesia",
        "BACA JUGA Ramalan Cuaca Hari Ini",
        "baca juga - Harga Cabai Naik Lagi",
        "Simak juga: Klasemen Liga Primer Inggris",
        "SIMAK JUGA-Persib Tunggu Izin Laga",
        "Lihat juga: Video Banjir di Bekasi",
        "Read also: Jakarta Floods Again",
        "Baca: Empat Pemain Gratisan yang Bisa Jadi Marquee Player",
        "[Baca juga: Membedah Fitur Suzuki GSX-R150]",
        "Baca juga: (Neraca perdagangan 2016 surplus)",
    ],
)
def test_related_story_links_are_dropped(link: str) -> None:
    assert clean_paragraphs([PROSE, link, MORE]).paragraphs == (PROSE, MORE)


def test_a_bare_lead_in_drops_the_headlines_listed_under_it() -> None:
    body = [PROSE, "Baca juga:", "Marcelino Berlibur ke Manado", "Gempa di Banten?", MORE]
    assert clean_paragraphs(body).paragraphs == (PROSE, MORE)


def test_a_link_box_placeholder_glued_to_prose_leaves_the_prose() -> None:
    body = [PROSE, "Baca_Juga", f"Baca_Juga {MORE}"]
    assert clean_paragraphs(body).paragraphs == (PROSE, MORE)


def test_sentences_that_start_like_a_lead_in_are_kept() -> None:
    body = [PROSE, "Baca Al-Quran itu tidak hanya saat Ramadan, kata dia.", "Lihat saja hasilnya."]
    assert clean_paragraphs(body).paragraphs == tuple(body)


def test_a_duplicated_caption_and_its_credited_copy_both_go() -> None:
    caption = "Presiden meninjau lokasi banjir di Kecamatan Bekasi Timur, Jumat pagi"
    body = [caption, f"{caption} /FOTO: Antara/", PROSE]
    assert clean_paragraphs(body).paragraphs == (PROSE,)


def test_a_paragraph_repeated_verbatim_is_kept_once() -> None:
    assert clean_paragraphs([PROSE, PROSE, MORE]).paragraphs == (PROSE, MORE)


@pytest.mark.parametrize(
    "credit",
    [
        "ILUSTRASI - Bus listrik melintas di Jalan Asia Afrika.",
        "FOTO: Dokumentasi Pemkot Bandung",
        "Foto: Shutterstock",
        "Tim Cook, CEO Apple (Foto: Reuters)",
        "Sumber gambar header Pixabay.",
    ],
)
def test_photo_credits_and_captions_are_dropped(credit: str) -> None:
    assert clean_paragraphs([credit, PROSE]).paragraphs == (PROSE,)


def test_credit_lines_are_removed_and_editor_and_origin_kept() -> None:
    credits = ["Editor: Tyas Siti Gantina", "Sumber: Daily Sabah", "Reporter: Edy Purnomo"]
    cleaned = clean_paragraphs([PROSE, "Penulis: Dwi Widijatmiko", MORE, *credits])
    assert cleaned.paragraphs == (PROSE, MORE)
    assert cleaned.editor == "Tyas Siti Gantina"
    assert cleaned.origin == "Daily Sabah"


@pytest.mark.parametrize(
    ("line", "origin"),
    [
        ("Sumber: Digiday. Gambar header: Pixabay.", "Digiday"),
        ("Sumber berita Phandroid.", "Phandroid"),
        ("Sumber: The Verge dan Sony.", "The Verge dan Sony"),
    ],
)
def test_the_origin_is_the_first_credited_name(line: str, origin: str) -> None:
    assert clean_paragraphs([PROSE, line]).origin == origin


def test_a_sentence_about_a_source_is_not_a_credit() -> None:
    sentence = "Sumber pemerintah AS mengatakan para penyidik sedang menyelidiki kunjungan itu."
    cleaned = clean_paragraphs([PROSE, sentence])
    assert cleaned.paragraphs == (PROSE, sentence)
    assert cleaned.origin is None


def test_trailing_navigation_and_everything_after_it_go() -> None:
    tail = ["Tags", "Bus Listrik", "Artikel Pilihan", "Terkait", "Terkini", "Kabar Daerah", "x"]
    assert clean_paragraphs([PROSE, MORE, *tail]).paragraphs == (PROSE, MORE)


def test_a_navigation_word_inside_the_body_is_kept() -> None:
    body = [PROSE, "Terkait", MORE, "Populer", LAST]
    assert clean_paragraphs(body).paragraphs == tuple(body)


def test_end_markers_initials_and_stray_characters_go() -> None:
    body = ["x", PROSE, "* * *", "\u2013", f"{MORE} (rsa/ugo)", "(ard)", "[sau]", f"{LAST}***"]
    assert clean_paragraphs(body).paragraphs == (PROSE, MORE, LAST)


def test_an_outlet_describing_itself_at_the_end_goes() -> None:
    blurb = "DailySocial.id adalah portal berita startup dan inovasi teknologi."
    assert clean_paragraphs([PROSE, blurb]).paragraphs == (PROSE,)


def test_a_drop_cap_and_a_lone_dateline_are_joined_to_their_text() -> None:
    body = ["Suara.com -", "Sebanyak 38 unit mobil pemadam dikerahkan.", "B", "agi penikmat kopi."]
    cleaned = clean_paragraphs(body)
    assert cleaned.paragraphs == (
        "Sebanyak 38 unit mobil pemadam dikerahkan.",
        "Bagi penikmat kopi.",
    )
    assert cleaned.outlet == "Suara.com"


def test_whitespace_is_normalised_and_the_text_otherwise_kept() -> None:
    body = ["  Jakarta, CNN Indonesia --  PT Pertamina\u00a0(Persero)\tmenyatakan\u200b siap.  "]
    cleaned = clean_paragraphs(body)
    assert cleaned.paragraphs == ("PT Pertamina (Persero) menyatakan siap.",)
    assert (cleaned.place, cleaned.outlet) == ("Jakarta", "CNN Indonesia")


def test_split_paragraphs_at_blank_lines_and_paragraph_ending_line_breaks() -> None:
    text = "Judul Berita\n\nKalimat pertama.\nKalimat kedua yang\nterpotong baris.\r\n\r\nAkhir."
    assert split_paragraphs(text) == [
        "Judul Berita",
        "Kalimat pertama.",
        "Kalimat kedua yang terpotong baris.",
        "Akhir.",
    ]


@pytest.mark.parametrize(
    ("paragraph", "outlet"),
    [
        ("PR CIREBON - Diambil alihnya Afghanistan oleh Taliban ...", "PR Cirebon"),
        ("Jakarta, CNN Indonesia -- Pelatih fisik timnas Portugal ...", "CNN Indonesia"),
        ("Suara.com - Cerita sekuel terbaru James Bond bocor.", "Suara.com"),
        ("Merdeka.com - Wanderley Junior sukses melakoni debut.", "Merdeka.com"),
        ("Wamena (ANTARA News) - Pemerintah Kabupaten Jayawijaya ...", "ANTARA News"),
        ("JAKARTA (Pos Kota) \u2013 Kepolisian belum memeriksa ...", "Pos Kota"),
        ("GOLD COAST, JUARA.net - Pebulu tangkis tunggal putri ...", "Juara.net"),
        ("JUARA.NET, TOKYO-Pasangan ganda putra Indonesia ...", "Juara.net"),
        ("SPANYOL \u2013 Barcelona berhasil memboyong kemenangan.", None),
        ("Pemain muda - yang baru bergabung - mencetak dua gol.", None),
        ("Ketua MPR Zulkifli Hasan menyesalkan kisruh itu.", None),
    ],
)
def test_outlet_from_dateline(paragraph: str, outlet: str | None) -> None:
    assert outlet_from_dateline(paragraph) == outlet


@pytest.mark.parametrize(
    ("url", "title"),
    [
        (
            "https://kumparan.com/ananda-wardhiati-teresia/"
            "ketua-mpr-mustahil-transportasi-tradisional-dan-online-bersaing-bebas",
            "Ketua MPR Mustahil Transportasi Tradisional dan Online Bersaing Bebas",
        ),
        (
            "http://www.cnnindonesia.com/olahraga/20161112230644-142-172253/"
            "ronaldo-tak-kesulitan-main-hingga-usia-41/",
            "Ronaldo Tak Kesulitan Main Hingga Usia 41",
        ),
        (
            "https://www.merdeka.com/sepakbola/menang-6-0-pada-laga-debut-ini-kata-pelatih.html",
            "Menang 6-0 pada Laga Debut Ini Kata Pelatih",
        ),
        (
            "http://www.juara.net/read/raket/bulu-tangkis/"
            "178337-sung.ji-hyun.antar.korea.capai.babak.final",
            "Sung Ji Hyun Antar Korea Capai Babak Final",
        ),
        (
            "http://beta.goal.com/id/berita/isco-segera-dapat-kontrak-baru/1ebtb1x1e6ygk1uoi64ik4",
            "Isco Segera Dapat Kontrak Baru",
        ),
        (
            "http://rimanews.com/read/20170406/322240/Keikutsertaan-timnas-Indonesia-U-22-di-ISG",
            "Keikutsertaan Timnas Indonesia U-22 di ISG",
        ),
        ("https://dailysocial.id/post/uber-chat", None),
        ("https://example.com/", None),
    ],
)
def test_title_from_url(url: str, title: str | None) -> None:
    assert title_from_url(url) == title


def test_title_from_text_skips_the_dateline_and_shortens() -> None:
    paragraph = (
        "Jakarta, CNN Indonesia -- Pelatih fisik timnas Portugal, Joao Aroso yakin Cristiano "
        "Ronaldo bisa bermain hingga usia 41 tahun. Ia menyebut Ronaldo sangat disiplin."
    )
    title = title_from_text(paragraph)
    assert title == (
        "Pelatih fisik timnas Portugal, Joao Aroso yakin Cristiano Ronaldo bisa bermain "
        "hingga\u2026"
    )
    assert title_from_text("Bus listrik mulai beroperasi.") == "Bus listrik mulai beroperasi"


def test_cleaning_never_lowercases_or_rewrites_prose() -> None:
    body = ["KPK Menahan DUA Tersangka, kata JURU bicara.", "Dia ntaranya, kata  saksi."]
    cleaned = clean_paragraphs(body).paragraphs
    assert cleaned == ("KPK Menahan DUA Tersangka, kata JURU bicara.", "Dia ntaranya, kata saksi.")
    assert all(re.fullmatch(r"\S+(?: \S+)*", p) for p in cleaned)


# Lists of other stories, pagination and relative times, by their shape

OTHER_STORIES = [
    "Gubernur Resmikan Jembatan Baru di Batang",
    "Lima Warung Terbakar di Pasar Wiradesa",
    "Harga Beras Medium Naik Tipis",
]


@pytest.mark.parametrize(
    "label",
    [
        "Berita Lainnya:",
        "Artikel Menarik Lainnya:",
        "Berita Terkait",
        "Rekomendasi",
        "Pilihan Redaksi",
        "Terpopuler",
        "BERITA REKOMENDASI",
        "Kabar Terkini:",
        None,
    ],
)
@pytest.mark.parametrize("where", ["end", "middle"])
def test_a_list_of_other_stories_goes_whatever_its_label(label: str | None, where: str) -> None:
    listed = ([label] if label else []) + OTHER_STORIES
    body = [PROSE, *listed, MORE] if where == "middle" else [PROSE, MORE, *listed]
    assert clean_paragraphs(body).paragraphs == (PROSE, MORE)


def test_a_lower_case_headline_list_goes_after_a_label() -> None:
    body = [PROSE, "Baca berita lainnya:", "harga cabai rawit naik lagi di pasar", MORE]
    assert clean_paragraphs(body).paragraphs == (PROSE, MORE)


@pytest.mark.parametrize(
    "body",
    [
        # One sub-heading between paragraphs is the article's own.
        [PROSE, "Armada Baru Mulai Beroperasi Pekan Depan", MORE],
        # The article's own list after a sentence introducing it.
        [PROSE, "Berikut syaratnya:", "Fotokopi KTP", "Kartu pelajar", MORE],
        # Short lines of the story in sentence case.
        [PROSE, "Tidak ada korban jiwa", "Semua penumpang selamat", MORE],
    ],
)
def test_the_articles_own_short_lines_stay(body: list[str]) -> None:
    assert clean_paragraphs(body).paragraphs == tuple(body)


@pytest.mark.parametrize(
    "line",
    [
        "Halaman 1 dari 2",
        "Halaman 1 dari 2 Halaman Selanjutnya",
        "Halaman Selanjutnya",
        "Selanjutnya \u00bb",
        "\u00ab Sebelumnya",
        "Page 2 of 3",
        "Halaman: 1 2 3 Next",
        "1 2 3 Selanjutnya",
        "Baca halaman berikutnya \u203a",
        "Tampilkan semua",
    ],
)
def test_pagination_text_goes(line: str) -> None:
    assert clean_paragraphs([PROSE, line, MORE]).paragraphs == (PROSE, MORE)


def test_pagination_glued_to_a_paragraph_goes() -> None:
    assert clean_paragraphs([PROSE + " Halaman 2 dari 2"]).paragraphs == (PROSE,)


@pytest.mark.parametrize(
    "line",
    [
        "Halaman 12 sekolah rusak diterjang angin kencang, kata kepala dinas.",
        "Skor akhir 2-1, dengan 17.500 penonton di stadion.",
        "Harga naik dari Rp 12.000 menjadi Rp 15.500 per kilogram.",
        "Kebakaran terjadi 3 jam lalu di gudang, kata saksi kepada wartawan di lokasi.",
        "Pada 12/10 pukul 16.30 kapal bersandar di dermaga 3.",
        "Selanjutnya, polisi memeriksa 12 saksi dalam kasus ini.",
    ],
)
def test_numbers_and_words_that_are_not_dates_or_pagination_stay(line: str) -> None:
    cleaned = clean_paragraphs([PROSE, line])
    assert cleaned.paragraphs == (PROSE, line)
    assert cleaned.published is None


@pytest.mark.parametrize(
    "rows",
    [
        ["Atlanta Hawks 104-111 Detroit Pistons", "Orlando Magic 128-112 Phoenix Suns",
         "Indiana Pacers 105-87 Chicago Bulls"],
        ["Cleveland Cavaliers 100-Charlotte Hornets 93",
         "Golden State Warriors 133-Phoenix Suns 120",
         "Portland Trail Blazers 112-Denver Nuggets 105"],
        ["New Honda Jazz MT Rp 232,5 juta", "New Honda Jazz CVT Rp 242,5 juta",
         "New Honda Jazz RS CVT Rp 272,5 juta"],
        ["Pelatih: Jacksen F Tiago", "Wasit: Dodi Setia Purnama (Indramayu)",
         "Kapten: Boaz Solossa"],
        ["1. Andrea Dovizioso Ducati Team", "2. Maverick Vinales Yamaha Factory",
         "3. Johann Zarco Monster Tech"],
        ["Persib Bandung vs Persija Jakarta", "Arema FC vs Mitra Kukar", "Bali United vs PSM"],
    ],
)  # fmt: skip
def test_tables_in_an_article_are_not_taken_for_lists_of_other_stories(rows: list[str]) -> None:
    """Results, price lists and line-ups are the article's own (seen in IndoSum)."""
    assert clean_paragraphs([PROSE, *rows, MORE]).paragraphs == (PROSE, *rows, MORE)
