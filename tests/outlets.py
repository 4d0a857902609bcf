"""Article pages shaped like ten Indonesian outlets' (detik, Kompas, CNN Indonesia, Tempo,
ANTARA, Tribun, Liputan6, Okezone, Republika, and regional ones in WITA and WIT), for the
local news server: each with its byline block, dateline, date in its own shape, lists of
other stories, and some with pagination or an AMP twin.

The layouts follow how those sites arrange a page; the stories are made up for the tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

_NAV = """<header><nav><ul><li><a href="/">Beranda</a></li><li><a href="/news">News</a></li>
<li><a href="/finance">Finance</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/oto">Oto</a></li><li><a href="/video">Video</a></li></ul></nav></header>"""
_FOOT = """<footer><p>Redaksi | Pedoman Media Siber | Karir | Kotak Pos</p>
<p>Copyright 2022 All Rights Reserved</p></footer>"""


@dataclass
class Outlet:
    """One outlet's article: its pages (path -> HTML) and what a reader must make of them."""

    name: str
    pages: dict[str, str]
    first: str
    published: str
    source: str
    facts: tuple[str, ...]
    junk: tuple[str, ...]
    author: str | None = None
    place: str | None = None
    feed_date: str = "Mon, 03 Jan 2022 06:45:00 +0700"
    extra: dict[str, str] = field(default_factory=dict)


def _page(head: str, article: str, after: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">{head}</head><body>'
        f"{_NAV}<main><article>{article}</article>{after}</main>{_FOOT}"
        '<script>var ads = "IKLAN"; window.dataLayer = [];</script></body></html>'
    )


def _links(items: list[str], prefix: str = "/berita/") -> str:
    return "".join(
        f'<li><a href="{prefix}{i}-{h.lower().replace(" ", "-")}">{h}</a></li>'
        for i, h in enumerate(items)
    )


def _ps(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _jsonld(**fields: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def detik() -> Outlet:
    pages = {
        "/berita/d-5881234/banjir-rob-semarang": _page(
            "<title>Banjir Rob Rendam Pelabuhan Tanjung Emas</title>"
            '<meta name="dtk:publishdate" content="2022/01/03 06:45:12">'
            '<meta property="og:site_name" content="detiknews">',
            '<h1 class="detail__title">Banjir Rob Rendam Pelabuhan Tanjung Emas</h1>'
            '<div class="detail__author">Angga Prasetya - detikNews</div>'
            '<div class="detail__date">Senin, 03 Jan 2022 06:45 WIB</div>'
            '<div class="detail__body-text">'
            + _ps(
                "Semarang - Banjir rob setinggi 60 sentimeter merendam kawasan Pelabuhan "
                "Tanjung Emas sejak Senin dini hari dan menghentikan bongkar muat.",
                "Sebanyak 14 kapal tertahan di dermaga menunggu air surut, kata petugas "
                "syahbandar kepada wartawan di lokasi.",
            )
            + '<div class="pagination"><span>Halaman 1 dari 2</span>'
            '<a href="/berita/d-5881234/banjir-rob-semarang/2">Halaman Selanjutnya</a></div>'
            "</div>",
            '<div class="berita-terkait"><h2>Berita Terkait</h2><ul>'
            + _links(["Tol Semarang Demak Mulai Dibangun", "Rob Kembali Genangi Kaligawe"])
            + "</ul></div>",
        ),
        "/berita/d-5881234/banjir-rob-semarang/2": _page(
            "<title>Banjir Rob Rendam Pelabuhan Tanjung Emas</title>",
            '<h1 class="detail__title">Banjir Rob Rendam Pelabuhan Tanjung Emas</h1>'
            '<div class="detail__body-text">'
            + _ps(
                "Pengelola pelabuhan menyiagakan 9 pompa bergerak untuk menyedot genangan di "
                "area terminal peti kemas hingga sore.",
                "Aktivitas bongkar muat diperkirakan normal kembali pada Selasa pagi setelah "
                "pasang laut mereda.",
            )
            + '<div class="pagination"><a href="/berita/d-5881234/banjir-rob-semarang">'
            "Halaman Sebelumnya</a> <span>Halaman 2 dari 2</span></div></div>",
        ),
    }
    return Outlet(
        "detik",
        pages,
        "/berita/d-5881234/banjir-rob-semarang",
        "2022-01-03T06:45:00+07:00",
        "Detiknews",
        ("14 kapal tertahan", "9 pompa bergerak"),
        ("detikNews", "Angga Prasetya", "Halaman", "Tol Semarang Demak", "Semarang -"),
        author="Angga Prasetya",
        place="Semarang",
    )


def kompas() -> Outlet:
    head = (
        "<title>Harga Cabai Rawit di Pasar Johar Tembus Rp 90.000</title>"
        '<meta name="content_PublishedDate" content="2022-01-03 06:45:00">'
        '<meta property="og:site_name" content="KOMPAS.com">'
    )
    pages = {
        "/read/2022/01/03/064500/harga-cabai-rawit": _page(
            head,
            "<h1>Harga Cabai Rawit di Pasar Johar Tembus Rp 90.000</h1>"
            '<div class="read__credit">Penulis: Dewi Anggraini | Editor: Hadi Santoso</div>'
            '<div class="read__time">Kompas.com - 03/01/2022, 06:45 WIB</div>'
            '<div class="read__content">'
            + _ps(
                "SEMARANG, KOMPAS.com - Harga cabai rawit merah di Pasar Johar naik menjadi "
                "Rp 90.000 per kilogram, dua kali lipat dari pekan lalu.",
                "Baca juga: Stok Beras Aman Hingga Lebaran",
                "Pedagang menyebut pasokan dari Temanggung turun karena hujan deras merusak "
                "tanaman di lereng gunung.",
            )
            + '<div class="paging">Halaman 1 dari 2 '
            '<a href="/read/2022/01/03/064500/harga-cabai-rawit?page=2">Selanjutnya »</a>'
            "</div></div>",
            '<div class="most"><h3>Artikel Menarik Lainnya</h3><ul>'
            + _links(["Pemprov Gelar Operasi Pasar Minyak Goreng", "Harga Telur Ayam Turun"])
            + "</ul></div>",
        ),
        "/read/2022/01/03/064500/harga-cabai-rawit?page=2": _page(
            head,
            "<h1>Harga Cabai Rawit di Pasar Johar Tembus Rp 90.000</h1>"
            '<div class="read__content">'
            + _ps(
                "Dinas perdagangan berencana menggelar operasi pasar di 16 titik untuk "
                "menahan kenaikan harga cabai hingga akhir bulan.",
            )
            + '<div class="paging"><a href="/read/2022/01/03/064500/harga-cabai-rawit">'
            "« Sebelumnya</a> Halaman 2 dari 2</div></div>",
        ),
    }
    return Outlet(
        "Kompas",
        pages,
        "/read/2022/01/03/064500/harga-cabai-rawit",
        "2022-01-03T06:45:00+07:00",
        "KOMPAS.com",
        ("Rp 90.000 per kilogram", "16 titik"),
        ("Penulis", "Editor", "Kompas.com - 03/01", "Halaman", "Selanjutnya", "Baca juga"),
        author="Dewi Anggraini",
        place="Semarang",
    )


def cnn() -> Outlet:
    article = (
        "<h1>Pertamina Tambah Stok Elpiji 3 Kg di Jawa Tengah</h1>"
        '<div class="author">Tim | CNN Indonesia</div>'
        '<div class="date">Senin, 03 Jan 2022 06:45 WIB</div>'
        '<div class="detail-text">'
        + _ps(
            "Jakarta, CNN Indonesia -- PT Pertamina menambah pasokan elpiji tiga kilogram "
            "sebanyak 250 ribu tabung untuk Jawa Tengah selama libur akhir tahun.",
            "Tambahan itu disalurkan lewat 1.200 pangkalan resmi agar warga tidak membeli "
            "dari pengecer dengan harga lebih mahal.",
        )
        + "</div>"
    )
    related = (
        '<div class="box-pilihan"><h3>Pilihan Redaksi</h3><ul>'
        + _links(["Harga BBM Nonsubsidi Naik Lagi", "Antrean Solar Mengular di Pantura"])
        + "</ul></div>"
    )
    head = (
        "<title>Pertamina Tambah Stok Elpiji 3 Kg di Jawa Tengah</title>"
        '<meta property="og:site_name" content="CNN Indonesia">'
        + _jsonld(datePublished="2022-01-03T06:45:00+07:00", headline="Pertamina Tambah Stok")
    )
    main = "/ekonomi/20220103064500-85-741234/pertamina-tambah-stok-elpiji"
    amp_head = head + f'<link rel="canonical" href="{{base}}{main}">'
    pages = {
        main: _page(head, article, related),
        "/amp" + main: _page(amp_head, article, related),
    }
    return Outlet(
        "CNN Indonesia",
        pages,
        main,
        "2022-01-03T06:45:00+07:00",
        "CNN Indonesia",
        ("250 ribu tabung", "1.200 pangkalan"),
        ("CNN Indonesia --", "Jakarta,", "Pilihan Redaksi", "Harga BBM Nonsubsidi", "Tim |"),
        place="Jakarta",
    )


def tempo() -> Outlet:
    pages = {
        "/read/1545678/gempa-magnitudo-5-guncang-maluku": _page(
            "<title>Gempa Magnitudo 5,4 Guncang Maluku Tengah</title>"
            '<meta property="article:published_time" content="2022-01-03T08:45:00+09:00">'
            '<meta property="og:site_name" content="Tempo.co">',
            "<h1>Gempa Magnitudo 5,4 Guncang Maluku Tengah</h1>"
            '<div class="detail-info"><p>Reporter: Hendra Wijaya</p><p>Editor: Rina Puspita</p>'
            "<p>Senin, 3 Januari 2022 08:45 WIT</p></div>"
            + _ps(
                "TEMPO.CO, Ambon - Gempa bermagnitudo 5,4 mengguncang Maluku Tengah pada Senin "
                "pagi dengan pusat di laut sedalam 10 kilometer.",
                "Badan Meteorologi mencatat 7 gempa susulan dalam dua jam pertama, semuanya "
                "di bawah magnitudo 4.",
            ),
            "<aside><h4>Rekomendasi</h4><ul>"
            + _links(["Warga Pesisir Diminta Menjauhi Pantai", "Sekolah di Ambon Diliburkan"])
            + "</ul></aside>",
        ),
    }
    return Outlet(
        "Tempo",
        pages,
        "/read/1545678/gempa-magnitudo-5-guncang-maluku",
        "2022-01-03T08:45:00+09:00",
        "Tempo.co",
        ("magnitudo 5,4", "7 gempa susulan"),
        ("Reporter", "Editor", "TEMPO.CO", "Rekomendasi", "Warga Pesisir Diminta"),
        author="Hendra Wijaya",
        place="Ambon",
        feed_date="Mon, 03 Jan 2022 08:45:00 +0900",
    )


def antara() -> Outlet:
    pages = {
        "/berita/2621234/bandara-sam-ratulangi-tambah-penerbangan": _page(
            "<title>Bandara Sam Ratulangi Tambah Penerbangan</title>"
            '<meta property="og:site_name" content="ANTARA News">',
            "<h1>Bandara Sam Ratulangi Tambah Penerbangan</h1>"
            '<div class="post-content">'
            '<p class="text-muted">Senin, 3 Januari 2022 07:45 WITA</p>'
            + _ps(
                "Manado (ANTARA) - Bandara Sam Ratulangi menambah 18 penerbangan ekstra "
                "selama masa libur sekolah untuk mengurai antrean penumpang.",
                "Maskapai terbanyak menambah rute ke Makassar dan Jakarta, kata manajer "
                "operasional bandara itu.",
                "Pewarta: Nur Aisyah",
                "Editor: Budi Santoso",
            )
            + "</div>",
            '<div class="related"><h3>Berita Terkait</h3><ul>'
            + _links(["Tiket Pesawat ke Manado Melonjak", "Kapal Cepat ke Bitung Ditambah"])
            + "</ul></div>",
        ),
    }
    return Outlet(
        "ANTARA",
        pages,
        "/berita/2621234/bandara-sam-ratulangi-tambah-penerbangan",
        "2022-01-03T07:45:00+08:00",
        "ANTARA News",
        ("18 penerbangan ekstra", "Makassar dan Jakarta"),
        ("Pewarta", "Editor", "(ANTARA)", "Berita Terkait", "Tiket Pesawat ke Manado"),
        author="Nur Aisyah",  # ANTARA credits its reporter under the story ("Pewarta:")
        place="Manado",
        feed_date="Mon, 03 Jan 2022 07:45:00 +0800",
    )


def tribun() -> Outlet:
    head = (
        "<title>Jembatan Kali Garang Ditutup untuk Perbaikan</title>"
        '<meta property="og:site_name" content="Tribunjateng.com">'
    )
    first = "/2022/01/03/jembatan-kali-garang-ditutup"
    pages = {
        first: _page(
            head,
            "<h1>Jembatan Kali Garang Ditutup untuk Perbaikan</h1>"
            '<div class="credit">Laporan Wartawan Tribunjateng.com, Rahmat Hidayat</div>'
            '<time class="grey">Senin, 3 Januari 2022 06:45 WIB</time>'
            + _ps(
                "TRIBUNJATENG.COM, SEMARANG - Jembatan Kali Garang ditutup total selama 21 "
                "hari mulai Senin untuk perbaikan sambungan yang retak.",
                "Pengendara diarahkan melintas lewat Jalan Pamularsih dan Jalan Kelud.",
            )
            + f'<div class="paging"><a href="{first}?page=2">Halaman selanjutnya</a>'
            "<span>Halaman 1/2</span></div>",
            "<div><p>Artikel Menarik Lainnya:</p><ul>"
            + _links(["Lampu Merah Baru di Simpang Lima", "Parkir Liar Ditertibkan"])
            + "</ul></div>",
        ),
        first + "?page=2": _page(
            head,
            "<h1>Jembatan Kali Garang Ditutup untuk Perbaikan</h1>"
            + _ps(
                "Dinas pekerjaan umum menganggarkan Rp 3,2 miliar untuk memperkuat tiang dan "
                "mengganti lantai jembatan.",
                "Penutupan bisa lebih cepat jika cuaca cerah, kata kepala bidang jalan.",
            )
            + f'<div class="paging"><a href="{first}">Halaman sebelumnya</a></div>',
        ),
    }
    return Outlet(
        "Tribun",
        pages,
        first,
        "2022-01-03T06:45:00+07:00",
        "Tribunjateng.com",
        ("21 hari", "Rp 3,2 miliar"),
        ("Laporan Wartawan", "TRIBUNJATENG.COM", "Halaman", "Lampu Merah Baru"),
        author="Rahmat Hidayat",
        place="Semarang",
    )


def liputan6() -> Outlet:
    pages = {
        "/news/read/4845678/vaksinasi-booster-dimulai": _page(
            "<title>Vaksinasi Booster untuk Lansia Dimulai Pekan Ini</title>"
            '<meta property="og:site_name" content="liputan6.com">'
            + _jsonld(
                datePublished="2022-01-03T06:45:00+07:00",
                author={"@type": "Person", "name": "Siti Rahma"},  # type: ignore[arg-type]
            ),
            "<h1>Vaksinasi Booster untuk Lansia Dimulai Pekan Ini</h1>"
            '<p class="read-page--header--author__name">Siti Rahma</p>'
            '<time datetime="2022-01-03 06:45:00">03 Jan 2022, 06:45 WIB</time>'
            + _ps(
                "Liputan6.com, Jakarta - Vaksinasi dosis ketiga untuk warga lanjut usia "
                "dimulai pekan ini di 340 puskesmas di seluruh Jakarta.",
                "Warga cukup membawa KTP dan kartu vaksin dosis kedua ke puskesmas terdekat.",
                "Ganjil Genap Berlaku Lagi di 13 Ruas Jalan",
                "Kereta Bandara Tambah Jadwal Keberangkatan",
                "Tarif Ojek Daring Naik Mulai Februari",
                "Dinas kesehatan menyiapkan 120 ribu dosis untuk gelombang pertama.",
            ),
        ),
    }
    return Outlet(
        "Liputan6",
        pages,
        "/news/read/4845678/vaksinasi-booster-dimulai",
        "2022-01-03T06:45:00+07:00",
        "liputan6.com",
        ("340 puskesmas", "120 ribu dosis"),
        ("Liputan6.com", "Ganjil Genap", "Kereta Bandara", "Tarif Ojek"),
        author="Siti Rahma",
        place="Jakarta",
    )


def okezone() -> Outlet:
    first = "/read/2022/01/03/337/2525678/ratusan-pohon-tumbang"
    head = (
        "<title>Ratusan Pohon Tumbang Diterjang Angin Kencang</title>"
        '<meta property="og:site_name" content="Okezone">'
        '<meta name="publish-date" content="2022-01-03T06:45:00+07:00">'
    )
    pages = {
        first: _page(
            head,
            "<h1>Ratusan Pohon Tumbang Diterjang Angin Kencang</h1>"
            '<div class="namerep">Yudi Pratama, Jurnalis · Senin 03 Januari 2022 06:45 WIB</div>'
            + _ps(
                "BOGOR - Sebanyak 132 pohon tumbang diterjang angin kencang di Kabupaten "
                "Bogor sejak Minggu malam, sebagian menimpa rumah warga.",
                "Petugas gabungan masih memotong batang pohon yang menutup jalan desa.",
            )
            + f'<div class="paging"><a href="{first}?page=2">Selanjutnya »</a></div>',
            '<div class="terpopuler"><h2>Terpopuler</h2><ol>'
            + _links(["Kereta Anjlok di Cianjur", "Harga Tiket Puncak Naik"])
            + "</ol></div>",
        ),
        first + "?page=2": _page(
            head,
            "<h1>Ratusan Pohon Tumbang Diterjang Angin Kencang</h1>"
            + _ps(
                "Badan penanggulangan bencana mencatat 27 rumah rusak ringan dan tiga rusak "
                "berat akibat tertimpa pohon.",
            )
            + '<div class="paging">Page 2 of 2</div>',
        ),
    }
    return Outlet(
        "Okezone",
        pages,
        first,
        "2022-01-03T06:45:00+07:00",
        "Okezone",
        ("132 pohon", "27 rumah rusak"),
        ("Jurnalis", "BOGOR -", "Selanjutnya", "Page 2", "Kereta Anjlok"),
        place="Bogor",
    )


def republika() -> Outlet:
    pages = {
        "/berita/r5abc1234/pasar-ikan-modern-dibuka": _page(
            "<title>Pasar Ikan Modern Muara Baru Dibuka</title>"
            '<meta property="og:site_name" content="Republika Online">'
            '<meta property="article:published_time" content="2022-01-02T23:45:00Z">',
            "<h1>Pasar Ikan Modern Muara Baru Dibuka</h1>"
            '<div class="date_detail"><p>Senin 03 Jan 2022 06:45 WIB</p>'
            "<p>Rep: Fauziah Lestari/ Red: Agus Salim</p></div>"
            + _ps(
                "REPUBLIKA.CO.ID, JAKARTA -- Pasar ikan modern di Muara Baru dibuka dengan "
                "450 lapak bagi pedagang ikan segar dan olahan.",
                "Pengelola menyediakan ruang pendingin berkapasitas 80 ton untuk menjaga "
                "kesegaran hasil tangkapan nelayan.",
            ),
            "<section><h3>Berita Lainnya</h3><ul>"
            + _links(["Nelayan Keluhkan Harga Solar", "Tangkapan Tuna Meningkat"])
            + "</ul></section>",
        ),
    }
    return Outlet(
        "Republika",
        pages,
        "/berita/r5abc1234/pasar-ikan-modern-dibuka",
        # The meta gives the UTC instant, the page prints the local time: 06:45 WIB wins.
        "2022-01-03T06:45:00+07:00",
        "Republika Online",
        ("450 lapak", "80 ton"),
        ("REPUBLIKA.CO.ID", "Rep:", "Berita Lainnya", "Nelayan Keluhkan"),
        author="Fauziah Lestari",
        place="Jakarta",
    )


def makassar() -> Outlet:
    pages = {
        "/2022/01/03/pelabuhan-paotere-padat": _page(
            "<title>Pelabuhan Paotere Padat Jelang Musim Angin Barat</title>"
            '<meta property="og:site_name" content="Kabar Makassar">',
            "<h1>Pelabuhan Paotere Padat Jelang Musim Angin Barat</h1>"
            "<p>Oleh: Andi Baso</p><p>3 Januari 2022, 07:45 WITA</p>"
            + _ps(
                "MAKASSAR, kabarmakassar.id - Sebanyak 75 kapal kayu bersandar di Pelabuhan "
                "Paotere menunggu cuaca membaik menjelang musim angin barat.",
                "Syahbandar melarang kapal berukuran di bawah 7 GT berlayar ke pulau terluar "
                "hingga pekan depan.",
                "Baca Juga:",
                "Pete-pete Listrik Diuji Coba di Jalan Perintis",
                "Harga Ikan Cakalang Melonjak di Pasar Terong",
            ),
        ),
    }
    return Outlet(
        "regional (WITA)",
        pages,
        "/2022/01/03/pelabuhan-paotere-padat",
        "2022-01-03T07:45:00+08:00",
        "Kabar Makassar",
        ("75 kapal kayu", "7 GT"),
        ("Oleh", "kabarmakassar.id", "Pete-pete Listrik", "Baca Juga"),
        author="Andi Baso",
        place="Makassar",
        feed_date="Mon, 03 Jan 2022 07:45:00 +0800",
    )


def jayapura() -> Outlet:
    pages = {
        "/berita/festival-danau-sentani": _page(
            "<title>Festival Danau Sentani Digelar Lima Hari</title>"
            '<meta property="og:site_name" content="Warta Papua">'
            + _jsonld(datePublished="2022-01-03T08:45:00+09:00"),
            "<h1>Festival Danau Sentani Digelar Lima Hari</h1>"
            "<p>Penulis: Yohanes Wenda | Editor: Maria Kogoya</p>"
            + _ps(
                "JAYAPURA, wartapapua.id - Festival Danau Sentani digelar selama lima hari "
                "dengan 24 sanggar tari dari kampung-kampung di sekitar danau.",
                "Panitia menargetkan 30 ribu pengunjung, termasuk wisatawan dari luar Papua.",
            ),
            "<div><ul>"
            + _links(
                [
                    "Harga Pinang Naik di Pasar Youtefa",
                    "Jalan Trans Papua Longsor di Wamena",
                    "Bandara Sentani Perpanjang Landasan",
                ]
            )
            + "</ul></div>",
        ),
    }
    return Outlet(
        "regional (WIT)",
        pages,
        "/berita/festival-danau-sentani",
        "2022-01-03T08:45:00+09:00",
        "Warta Papua",
        ("24 sanggar tari", "30 ribu pengunjung"),
        ("Penulis", "wartapapua.id", "Harga Pinang", "Trans Papua"),
        author="Yohanes Wenda",
        place="Jayapura",
        feed_date="Mon, 03 Jan 2022 08:45:00 +0900",
    )


def all_outlets() -> list[Outlet]:
    """The outlets the reading tests serve, in a fixed order."""
    return [
        detik(),
        kompas(),
        cnn(),
        tempo(),
        antara(),
        tribun(),
        liputan6(),
        okezone(),
        republika(),
        makassar(),
        jayapura(),
    ]
