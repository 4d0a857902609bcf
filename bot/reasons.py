"""Why a source was skipped, an article could not be added or a rebuild failed, in the
reader's language.

The index says why in English (``SkippedSource.reason``, its exceptions' messages), which
is what the command line prints and the logs keep. An Indonesian (or Malay) reader of the
bot gets every such reason in Indonesian: each kind the readers, the fetcher and the build
give has a form here (``tests/bot/test_reasons.py`` finds every reason written in the
index's code and fails on one without it). Technical detail in parentheses that has no
Indonesian form (an exception's own English words) is left out; the log keeps it. A reason
of a kind this module does not know yet is said in general Indonesian words, never in
English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from newsbot.index import errors
from newsbot.index.articles import SkippedSource

#: What an operating system's error (``strerror``), a gzip or JSON failure says, for the
#: detail in parentheses after a reason; other detail is left out.
_DETAILS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), words)
    for pattern, words in (
        (r"^no such file or directory$", "tidak ada"),
        (r"^permission denied$", "izin ditolak"),
        (r"^is a directory$", "ini folder"),
        (r"^not a directory$", "bukan folder"),
        (r"^too many levels of symbolic links$", "tautan simbolik berputar"),
        (r"^input/output error$", "galat baca-tulis disk"),
        (r"^compressed file ended before the end-of-stream marker", "berkas gzip terpotong"),
        (r"^not a gzipped file", "bukan berkas gzip"),
        (r"^(error -?\d+ while decompressing|invalid|crc check failed)", "data gzip rusak"),
        (r"^(expecting|extra data|unterminated|invalid control)", "susunannya salah"),
        (r"^no entries$", "tidak ada entri"),
    )
)

#: Common HTTP statuses, as a reader says them.
_HTTP: Mapping[str, str] = {
    "400": "permintaan ditolak",
    "401": "perlu masuk",
    "403": "akses ditolak",
    "404": "halaman tidak ditemukan",
    "410": "halaman sudah dihapus",
    "429": "terlalu banyak permintaan",
    "500": "galat server",
    "502": "galat gateway",
    "503": "layanan tidak tersedia",
    "504": "gateway kehabisan waktu",
}

_ATTEMPTS = re.compile(r" \((?P<count>\d+) attempts\)$")

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _detail(text: str | None) -> str:
    """`` (Indonesian detail)`` for a known detail, else nothing."""
    for pattern, words in _DETAILS:
        if text and pattern.search(text.strip()):
            return f" ({words})"
    return ""


def _http(status: str) -> str:
    return f"HTTP {status} ({_HTTP.get(status, 'ditolak server')})"


def _rules() -> tuple[Rule, ...]:
    def rule(pattern: str, say: Callable[[re.Match[str]], str]) -> Rule:
        return re.compile(pattern, re.DOTALL), say

    def same(words: str) -> Callable[[re.Match[str]], str]:
        return lambda m: words.format(**m.groupdict())

    return (
        # Readers: files, folders and their lines.
        rule(
            r"a web address, not a file or folder: list it in the sources file "
            r"\(`\[\[sources\]\]` with `url = \"(?P<url>.*)\"` in newsbot\.toml\) "
            r"or send it to the bot with /add",
            same(
                "alamat web, bukan berkas atau folder: cantumkan di berkas sumber "
                '(`[[sources]]` dengan `url = "{url}"` di newsbot.toml) atau kirim ke bot '
                "dengan /add"
            ),
        ),
        rule(r"cannot read it \((?P<d>.*)\)", lambda m: "tidak dapat dibaca" + _detail(m["d"])),
        rule(
            r"a symbolic link that leads round a loop \(to (?P<to>.*)\)",
            same("tautan simbolik yang berputar (ke {to})"),
        ),
        rule(
            r"a broken symbolic link \(to (?P<to>.*), which does not exist\)",
            same("tautan simbolik rusak (ke {to}, yang tidak ada)"),
        ),
        rule(
            r"(?P<paths>.*): no such file or folder, and the build would remove "
            r"(?P<count>\d+) articles? the index holds; nothing was changed\. Correct the "
            r"path, or leave it out to remove its articles",
            same(
                "{paths}: berkas atau folder tidak ada, dan pembangunan akan menghapus "
                "{count} artikel yang ada di indeks; tidak ada yang diubah. Perbaiki jalurnya, "
                "atau hapus dari daftar untuk menghapus artikelnya"
            ),
        ),
        rule(r"no such file or folder", same("berkas atau folder tidak ada")),
        rule(r"not a regular file", same("bukan berkas biasa")),
        rule(
            r"cannot read (?P<kind>\S*) \(supported: (?P<supported>.*)\)",
            same("jenis {kind} tidak dapat dibaca (yang dapat: {supported})"),
        ),
        rule(
            r"the same file as (?P<first>.*), which is read",
            same("berkas yang sama dengan {first}, yang sudah dibaca"),
        ),
        rule(
            r"cannot read folder \((?P<d>.*)\)",
            lambda m: "folder tidak dapat dibaca" + _detail(m["d"]),
        ),
        rule(
            r"the folder's own document, not an article \(name it to index it\)",
            same("dokumen milik folder itu, bukan artikel (sebut namanya untuk mengindeksnya)"),
        ),
        rule(
            r"cannot read file \((?P<d>.*)\)",
            lambda m: "berkas tidak dapat dibaca" + _detail(m["d"]),
        ),
        rule(r"empty file", same("berkas kosong")),
        rule(r"not UTF-8 text \(UTF-16\)", same("bukan teks UTF-8 (melainkan UTF-16)")),
        rule(r"not UTF-8 text", same("bukan teks UTF-8")),
        rule(r"binary file, not text", same("berkas biner, bukan teks")),
        rule(r"not text in any encoding found", same("bukan teks dalam pengodean yang dikenal")),
        rule(r"not valid JSON \((?P<d>.*)\)", lambda m: "bukan JSON yang sah" + _detail(m["d"])),
        rule(r"not a JSON object", same("bukan objek JSON")),
        rule(
            r"article id (?P<id>.*) is given again on line (?P<line>\d+), which is read",
            same("id artikel {id} muncul lagi di baris {line}, yang dibaca"),
        ),
        rule(
            r"cut short after line (?P<line>\d+) \((?P<d>.*)\)",
            lambda m: f"terpotong setelah baris {m['line']}" + _detail(m["d"]),
        ),
        rule(
            r"no article text found in the page \(nested over (?P<depth>[\d,.]+) deep\)",
            lambda m: (
                "tidak ada teks artikel di halaman itu (bertingkat lebih dari "
                f"{m['depth'].replace(',', '.')} lapis)"
            ),
        ),
        rule(r"no article text found in the page", same("tidak ada teks artikel di halaman itu")),
        rule(r"no article text found", same("tidak ada teks artikel")),
        rule(r"HTML could not be parsed \((?P<d>.*)\)", same("HTML-nya tidak dapat diurai")),
        rule(r"no 'text' field", same("tidak ada kolom 'text'")),
        rule(r"'text' is not a string", same("kolom 'text' bukan teks")),
        rule(r"'text' is empty", same("kolom 'text' kosong")),
        rule(
            r"no article text (left )?after cleaning",
            same("tidak ada teks artikel yang tersisa setelah dibersihkan"),
        ),
        rule(
            r"duplicate article id (?P<id>.*) \(first in (?P<first>.*)\)",
            same("id artikel {id} ganda (pertama di {first})"),
        ),
        # JSON documents and tables (``documents``).
        rule(
            r"holds no articles: expected a JSON array of records, an object holding one, "
            r"or a JSON Feed",
            same(
                "tidak berisi artikel: yang diharapkan larik JSON berisi rekaman, objek yang "
                "memuatnya, atau JSON Feed"
            ),
        ),
        rule(r"no articles in it \(an empty list\)", same("tidak berisi artikel (daftar kosong)")),
        rule(
            r"not a readable table \((?P<d>.*)\)",
            lambda m: "bukan tabel yang dapat dibaca" + _detail(m["d"]),
        ),
        rule(r"empty table", same("tabel kosong")),
        rule(
            r"not a readable row \((?P<d>.*)\)",
            lambda m: "baris yang tidak dapat dibaca" + _detail(m["d"]),
        ),
        rule(
            r"(?P<count>\d+) fields where the header names (?P<header>\d+)",
            same("{count} kolom, padahal kepala tabel menyebut {header}"),
        ),
        rule(r"no rows under the header", same("tidak ada baris di bawah kepala tabel")),
        rule(
            r"no text column: the header names (?P<names>.*); the article's text is read "
            r"from a column named (?P<readable>.*) or (?P<last>\w+)",
            same(
                "tidak ada kolom teks: kepala tabel menyebut {names}; teks artikel dibaca "
                "dari kolom bernama {readable} atau {last}"
            ),
        ),
        rule(r"a feed with no entries", same("feed tanpa entri")),
        # Feeds.
        rule(
            r"(?P<count>\d+) (entry|entries) without an http\(s\) link to the article: "
            r"not indexed",
            same("{count} entri tanpa tautan http(s) ke artikelnya: tidak diindeks"),
        ),
        rule(
            r"not a valid RSS/Atom feed \((?P<d>.*)\)",
            lambda m: "bukan feed RSS/Atom yang sah" + _detail(m["d"]),
        ),
        rule(r"not an RSS/Atom feed", same("bukan feed RSS/Atom")),
        rule(
            r"not an RSS/Atom feed \(served as (?P<type>.*)\)",
            lambda m: (
                "bukan feed RSS/Atom (dikirim sebagai "
                + ("tanpa jenis" if m["type"] == "no type" else m["type"])
                + ")"
            ),
        ),
        rule(
            r"(?P<inner>.*); the feed entry has no summary either",
            lambda m: f"{indonesian_reason(m['inner'])}; entri feed itu juga tanpa ringkasan",
        ),
        # Fetching.
        rule(
            r"only http and https URLs are fetched, not (?P<url>.*)",
            same("hanya alamat http dan https yang diambil, bukan {url}"),
        ),
        rule(r"no host in (?P<url>.*)", same("tidak ada nama situs di {url}")),
        rule(r"bad port in (?P<url>.*)", same("nomor port salah di {url}")),
        rule(
            r"cannot resolve (?P<host>\S+) \((?P<d>.*)\)",
            same("alamat {host} tidak dapat ditemukan"),
        ),
        rule(
            r"(?P<host>\S+) is at (?P<at>\S+), not a public address "
            r"\(allow_private or allow_hosts in \[fetch\] permit it\)",
            same(
                "{host} ada di {at}, bukan alamat publik (allow_private atau allow_hosts di "
                "[fetch] mengizinkannya)"
            ),
        ),
        rule(r"more than (?P<count>\d+) redirects", same("lebih dari {count} pengalihan")),
        rule(
            r"HTTP (?P<status>\d{3}) without a Location",
            same("HTTP {status} tanpa alamat tujuan (Location)"),
        ),
        rule(r"HTTP (?P<status>\d{3})( .*)?", lambda m: _http(m["status"])),
        rule(
            r"larger than max_bytes \((?P<size>\d+) > (?P<limit>\d+) bytes\)",
            same("lebih besar dari max_bytes ({size} > {limit} bita)"),
        ),
        rule(
            r"larger than max_bytes \((?P<limit>\d+) bytes\)",
            same("lebih besar dari max_bytes ({limit} bita)"),
        ),
        rule(r"timed out after (?P<seconds>[\d.]+)s", same("waktu habis setelah {seconds} detik")),
        rule(r"connection failed \((?P<d>.*)\)", same("koneksi gagal")),
        rule(
            r"not an RSS/Atom feed \(Content-Type (?P<type>.*)\)",
            same("bukan feed RSS/Atom (Content-Type {type})"),
        ),
        rule(
            r"not an HTML page \(Content-Type (?P<type>.*)\)",
            same("bukan halaman HTML (Content-Type {type})"),
        ),
        # Damaged index files (``integrity``: "vectors.npy (checksum mismatch)").
        rule(r"missing", same("hilang")),
        rule(r"checksum mismatch", same("checksum tidak cocok")),
        rule(
            r"(?P<how>truncated|grown) to (?P<size>[\d,]+) of (?P<whole>[\d,]+) bytes",
            lambda m: (
                ("terpotong" if m["how"] == "truncated" else "bertambah")
                + f" menjadi {m['size'].replace(',', '.')} dari {m['whole'].replace(',', '.')} bita"
            ),
        ),
        rule(r"incomplete", same("tidak lengkap")),
        rule(r"not a manifest", same("bukan manifest")),
        rule(r"unreadable( \((?P<d>.*)\))?", lambda m: "tidak terbaca" + _detail(m["d"])),
        rule(r"not in the manifest", same("tidak tercatat di manifest")),
        rule(r"not a matrix of float32 vectors: .*", same("bukan matriks vektor float32")),
        rule(r"not a list of keys", same("bukan daftar kunci")),
        rule(
            r"holds (?P<count>[\d,]+) paragraphs, not (?P<expected>[\d,]+)",
            lambda m: (
                f"berisi {m['count'].replace(',', '.')} paragraf, bukan "
                f"{m['expected'].replace(',', '.')}"
            ),
        ),
        # Rebuilds.
        rule(
            r"the bot is stopping; the next rebuild goes on from here",
            same("bot sedang berhenti; pembangunan ulang berikutnya melanjutkan dari sini"),
        ),
        rule(
            r"another build holds the lock.*",
            same("pembangunan lain sedang memegang kunci indeks: coba lagi nanti"),
        ),
    )


_RULES = _rules()

#: For an error whose message has no rule: what its kind means, in Indonesian.
_KINDS: tuple[tuple[type[BaseException], str], ...] = (
    (errors.AddressRefused, "alamat itu tidak boleh diambil"),
    (errors.FetchFailed, "gagal diambil"),
    (errors.BuildInProgress, "pembangunan lain sedang berjalan: coba lagi nanti"),
    (errors.IndexWriteFailed, "indeks tidak dapat ditulis (disk penuh atau hanya-baca)"),
    (errors.IndexDamaged, "berkas indeks rusak atau hilang"),
    (errors.IndexIncompatible, "indeks dibuat dengan model atau format lain"),
    (errors.IndexMissing, "indeks tidak ditemukan"),
    (errors.EmbedderUnavailable, "model embedding tidak dapat dimuat"),
    (errors.NoSources, "tidak ada sumber artikel yang dapat dibaca"),
    (errors.SourceMissing, "sumber yang disebut tidak ada; indeks tidak diubah"),
    (errors.ConfigError, "berkas sumber (newsbot.toml) salah"),
    (errors.StoreUnavailable, "penyimpanan indeks tidak dapat dipakai"),
)

#: A reason of a kind no rule knows.
_UNKNOWN = "tidak dapat dibaca"
#: Added to a reason said in general words: the English detail is in the log.
_IN_THE_LOG = " (rinciannya ada di log bot)"


def translated(reason: str) -> str | None:
    """The Indonesian form of one English ``reason`` the index gives, or None for a reason
    of a kind without one."""
    text = reason.strip()
    attempts = _ATTEMPTS.search(text)
    if attempts:
        text = text[: attempts.start()]
    for pattern, say in _RULES:
        match = pattern.fullmatch(text)
        if match:
            said = say(match)
            return f"{said} (dicoba {attempts['count']} kali)" if attempts else said
    return None


def indonesian_reason(reason: str) -> str:
    """``reason`` in Indonesian; a reason of an unknown kind in general words."""
    return translated(reason) or _UNKNOWN + _IN_THE_LOG


def reason_in(reason: str, language: str) -> str:
    """``reason`` (English, as the index gives it) in ``language`` (``en`` or ``id``)."""
    return indonesian_reason(reason) if language == "id" else reason


def error_in(error: BaseException, language: str) -> str:
    """Why ``error`` (raised by the index: a failed fetch, a failed rebuild) stopped what
    was asked, in ``language``: its message in English; in Indonesian the message's form,
    else what its kind means."""
    message = str(error)
    if language != "id":
        return message
    said = translated(message)
    if said is not None:
        return said
    kind = next((words for cls, words in _KINDS if isinstance(error, cls)), _UNKNOWN)
    return kind + _IN_THE_LOG


_DAMAGED_FILE = re.compile(r"(?P<name>[^\s,()]+) \((?P<problem>(?:[^()]|\([^()]*\))*)\)")


def damage_in(damage: str, language: str) -> str:
    """The damaged files of an index in one line (``"dense.faiss (missing), vectors.npy
    (checksum mismatch)"``), what is wrong with each in ``language``; damage that is no
    such list (an error's message) is said as :func:`reason_in` says it."""
    if language != "id":
        return damage
    files = list(_DAMAGED_FILE.finditer(damage))
    if not files or ", ".join(m[0] for m in files) != damage:
        return indonesian_reason(damage)
    return ", ".join(f"{m['name']} ({indonesian_reason(m['problem'])})" for m in files)


def skipped_in(skipped: SkippedSource, language: str) -> str:
    """``path[:line]: reason`` for a skipped source, its reason in ``language``."""
    where = f"{skipped.path}:{skipped.line}" if skipped.line is not None else skipped.path
    return f"{where}: {reason_in(skipped.reason, language)}"
