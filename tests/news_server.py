"""A local news site for fetch and feed tests: RSS/Atom feeds and article pages served from
127.0.0.1 by a threaded HTTP server, with routes that misbehave on purpose."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What one path answers. ``statuses`` are answered first, one per request."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    statuses: list[int] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    send_length: bool = True


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class NewsServer:
    """Serves ``routes``; records every request it gets."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(
                    Request(self.path, {k.lower(): v for k, v in self.headers.items()})
                )
                # A route for the full path and query ("/berita?page=2") comes first.
                route = server.routes.get(self.path) or server.routes.get(
                    self.path.split("?", 1)[0]
                )
                try:
                    if route is None:
                        self.send_error(404)
                        return
                    self._answer(route)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size limit): as intended

            def _answer(self, route: Route) -> None:
                if route.delay:
                    time.sleep(route.delay)
                status = route.statuses.pop(0) if route.statuses else route.status
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    status = 304
                self.send_response(status)
                if route.etag:
                    self.send_header("ETag", route.etag)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if status == 304:
                    self.end_headers()
                    return
                self.send_header("Content-Type", route.content_type)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                for start in range(0, len(route.body), 16384):
                    self.wfile.write(route.body[start : start + 16384])

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextlib.contextmanager
def serving() -> Iterator[NewsServer]:
    """A running news server, shut down afterwards."""
    server = NewsServer()
    try:
        yield server
    finally:
        server.close()


def article_page(
    title: str,
    paragraphs: list[str],
    *,
    canonical: str | None = None,
    date: str = "2024-03-05",
    site: str = "Kabar Contoh",
) -> bytes:
    """A real-looking Indonesian news page: navigation, ads, a "Baca juga" box, scripts."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[:1])
    rest = "\n".join(f"<p>{p}</p>" for p in paragraphs[1:])
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{title} - {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{date}T09:30:00+07:00">
{link}
<script>window.dataLayer = []; document.write("IKLAN SKRIP JAHAT");</script>
</head><body>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/nasional">Nasional</a></li>
<li><a href="/ekonomi">Ekonomi</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav>
<div class="ads">IKLAN: Promo kredit motor tanpa DP, hubungi sekarang juga!</div>
<article><h1>{title}</h1>
<div class="date">{date}</div>
{body}
<div class="baca-juga"><strong>Baca juga:</strong>
<a href="/lain">Harga emas Antam turun lagi pekan ini</a></div>
{rest}
</article>
<aside><h3>Terpopuler</h3><ul><li><a href="/x">Viral video kucing</a></li></ul></aside>
<footer>Hak cipta 2024 {site}. Semua hak dilindungi.</footer>
<script src="/tracker.js"></script>
</body></html>""".encode()


def rss_feed(base: str, items: list[tuple[str, str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link path or URL, summary, pubDate) items."""
    entries = "\n".join(
        f"""<item><title>{title}</title>
<link>{link if link.startswith("http") else base + link}</link>
<description><![CDATA[<p>{summary}</p>]]></description>
<pubDate>{date}</pubDate></item>"""
        for title, link, summary, date in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kabar Contoh - Terkini</title>
<link>{base}/</link><description>Berita terkini</description>
{entries}
</channel></rss>""".encode()


def atom_feed(base: str, entries: list[tuple[str, str, str, str]]) -> bytes:
    """An Atom feed of (title, link path or URL, summary, updated) entries."""
    body = "\n".join(
        f"""<entry><title>{title}</title>
<link rel="alternate" href="{link if link.startswith("http") else base + link}"/>
<id>tag:contoh,2024:{n}</id><updated>{updated}</updated>
<summary type="html">&lt;p&gt;{summary}&lt;/p&gt;</summary></entry>"""
        for n, (title, link, summary, updated) in enumerate(entries)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Warta Atom</title>
<id>tag:contoh,2024:feed</id><updated>2024-03-05T10:00:00Z</updated>
{body}
</feed>""".encode()


#: Article texts the news site serves in tests (paragraphs).
BANJIR = [
    "Banjir merendam ratusan rumah warga di Kecamatan Medan Johor, Kota Medan, Sumatera "
    "Utara, setelah hujan deras mengguyur sejak Senin malam.",
    "Kepala BPBD Kota Medan mengatakan ketinggian air mencapai satu meter di beberapa titik "
    "dan sebanyak 450 warga terpaksa mengungsi ke masjid terdekat.",
]
KERETA = [
    "PT Kereta Api Indonesia menambah 12 perjalanan kereta jarak jauh selama libur panjang "
    "akhir pekan untuk mengantisipasi lonjakan penumpang di Stasiun Gambir.",
    "Vice President Public Relations KAI menyebut tiket untuk keberangkatan Jumat sudah "
    "terjual lebih dari delapan puluh persen sejak dibuka pekan lalu.",
]
