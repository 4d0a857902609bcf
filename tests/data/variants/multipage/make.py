"""Write the multi-page variants: each folder is one article split over pages as an outlet
splits it, with ``routes.json`` mapping the paths a local server answers to page files and
``expected.json`` the sentence each page holds, in reading order.

Run from this folder: python make.py (the files are committed; this says how they were made).
"""

import json
from pathlib import Path

TITLE = "Harga Minyak Goreng Curah Naik di Pasar Tradisional"
SENTENCES = [
    "Harga minyak goreng curah di Pasar Cibubur naik menjadi Rp 19.000 per liter pada Senin pagi, "
    "tertinggi sejak pertengahan tahun lalu menurut para pedagang setempat.",
    "Pedagang menyebut pasokan dari distributor berkurang hampir separuh dalam dua pekan terakhir, "
    "sehingga mereka membatasi pembelian dua liter untuk setiap pembeli.",
    "Kementerian Perdagangan berjanji menyalurkan 11 juta liter minyak goreng kemasan sederhana "
    "seharga Rp 14.000 per liter ke pasar tradisional mulai pekan depan.",
]


def page(body: str, pager: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{TITLE}</title>
<meta property="og:site_name" content="Kabar Pasar">
<meta property="article:published_time" content="2022-01-03T06:45:00+07:00">{head}</head>
<body><nav><a href="/">Beranda</a> <a href="/ekonomi">Ekonomi</a></nav>
<article><h1>{TITLE}</h1>
<p>{body}</p>
<div class="pagination">{pager}</div>
</article><footer>Hak cipta 2022 Kabar Pasar</footer></body></html>
"""


# name: (paths of pages 1..n, pager html for each page, extra routes: path -> page index)
VARIANTS: dict[str, tuple[list[str], list[str], dict[str, int]]] = {
    "slash-number": (
        [
            "/berita/d-5880000/harga-minyak-goreng-naik",
            "/berita/d-5880000/harga-minyak-goreng-naik/2",
        ],
        [
            '<a href="/berita/d-5880000/harga-minyak-goreng-naik/2">Halaman selanjutnya</a>',
            '<a href="/berita/d-5880000/harga-minyak-goreng-naik">Halaman sebelumnya</a>',
        ],
        {},
    ),
    "query-numbered-pager": (
        [
            "/read/2022/01/03/064500/harga-minyak-goreng",
            "/read/2022/01/03/064500/harga-minyak-goreng?page=2",
            "/read/2022/01/03/064500/harga-minyak-goreng?page=3",
        ],
        [
            '<span>1</span> <a href="?page=2">2</a> <a href="?page=3">3</a>',
            '<a href="?page=1">1</a> <span>2</span> <a href="?page=3">3</a>',
            '<a href="?page=1">1</a> <a href="?page=2">2</a> <span>3</span>',
        ],
        {},
    ),
    "dash-html": (
        [
            "/news/2022/01/03/harga-minyak-goreng-naik.html",
            "/news/2022/01/03/harga-minyak-goreng-naik-2.html",
        ],
        [
            'Halaman 1 dari 2 <a href="harga-minyak-goreng-naik-2.html">Selanjutnya \u00bb</a>',
            '<a href="harga-minyak-goreng-naik.html">\u00ab Sebelumnya</a> Halaman 2 dari 2',
        ],
        {},
    ),
    "hal-param": (
        ["/ekonomi/harga-minyak-goreng-naik", "/ekonomi/harga-minyak-goreng-naik?hal=2"],
        [
            'Hal. 1 dari 2 <a href="?hal=2">Berikutnya</a>',
            '<a href="?hal=1">Sebelumnya</a> Hal. 2 dari 2',
        ],
        {},
    ),
    "page-num-param": (
        [
            "/read/1545000/harga-minyak-goreng-naik",
            "/read/1545000/harga-minyak-goreng-naik?page_num=2",
            "/read/1545000/harga-minyak-goreng-naik?page_num=3",
        ],
        [
            '<a href="?page_num=2">Halaman Selanjutnya</a>',
            '<a href="?page_num=3">Halaman Selanjutnya</a>',
            '<a href="?page_num=1">1</a> <a href="?page_num=2">2</a> 3',
        ],
        {},
    ),
    "last-links-first": (
        ["/berita/harga-minyak-goreng-naik", "/berita/harga-minyak-goreng-naik?page=2"],
        [
            '<a rel="next" href="?page=2">Selanjutnya \u00bb</a>',
            '<a rel="next" href="/berita/harga-minyak-goreng-naik">Selanjutnya \u00bb</a>',
        ],
        {},
    ),
    # A pager that loops: every page past the last is answered with the last page again.
    "clamped-loop": (
        ["/berita/harga-minyak-goreng-naik", "/berita/harga-minyak-goreng-naik?page=2"],
        ['<a href="?page=2">Halaman Selanjutnya</a>', '<a href="?page=3">Halaman Selanjutnya</a>'],
        {f"/berita/harga-minyak-goreng-naik?page={n}": 1 for n in range(3, 12)},
    ),
}
# A site that answers any page number past the last with the last page's text, its pager
# pointing on to the next number: each page is a new address with nothing new in it.
ENDLESS = "/berita/harga-minyak-goreng-naik-lagi"
VARIANTS["endless-last-page"] = (
    [ENDLESS, *(f"{ENDLESS}?page={n}" for n in range(2, 12))],
    [f'<a href="?page={n + 1}">Halaman Selanjutnya</a>' for n in range(1, 12)],
    {},
)

for name, (paths, pagers, extra) in VARIANTS.items():
    folder = Path(name)
    folder.mkdir(exist_ok=True)
    body = SENTENCES if len(paths) == 3 else [SENTENCES[0] + " " + SENTENCES[1], SENTENCES[2]]
    body += body[-1:] * (len(paths) - len(body))
    routes = {}
    for n, (path, pager) in enumerate(zip(paths, pagers[: len(paths)], strict=True), start=1):
        head = f'<link rel="canonical" href="{paths[0]}">' if n == 1 else ""
        (folder / f"page{n}.html").write_text(page(body[n - 1], pager, head), encoding="utf-8")
        routes[path] = f"page{n}.html"
    for path, index in extra.items():
        routes[path] = f"page{index + 1}.html"
    (folder / "routes.json").write_text(
        json.dumps({"first": paths[0], "routes": routes}, indent=1) + "\n"
    )
(Path("expected.json")).write_text(json.dumps(SENTENCES, indent=1, ensure_ascii=False) + "\n")
