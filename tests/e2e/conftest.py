"""End-to-end: the real ``newsbot run`` as a subprocess against the Telegram emulator
(``../shared/telegram-emulator``, installed by ``.ci/run``), over an index built with the
real default model from the seed article plus synthetic articles."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsbot.index.building.build import build_index
from newsbot.index.building.embedders import load_embedder

if TYPE_CHECKING:
    from tgemu import BotProcess, TelegramEmulator

# The harness is a writable copy of ../shared/telegram-emulator with `npm ci` run in it;
# test modules skip, saying so, when it is not there.
HARNESS = os.environ.get("TG_EMULATOR_DIR")
SKIP_REASON = "TG_EMULATOR_DIR not set: see .ci/run"
if HARNESS:
    sys.path.insert(0, HARNESS)

REPO = Path(__file__).resolve().parents[2]
ADMIN_ID = 777_000_001
BOT_COMMAND = [sys.executable, "-m", "newsbot", "run"]
#: The most a signalled bot may take to exit. It exits once the answers in flight are sent
#: (or the batch of paragraphs being embedded is done), which a loaded 2-core machine can
#: stretch well past Docker's 10 s grace period; the wait ends as soon as the process does,
#: and a bot still running after this long is killed and fails its test (exit code -9).
STOP_SECONDS = 180.0
#: The most a rebuild a test starts may take (or an alert after it): 300 paragraphs embed in
#: about 15 s on a quiet machine and took over 180 s on a loaded one. Every wait bounded by
#: it ends as soon as what it waits for happens.
REBUILD_SECONDS = 900.0

# Article text that looks like markup: it must reach Telegram escaped.
HTML_LIKE = {
    "id": "html-like",
    "title": "Kode <b>tebal</b> & </a> bocor di situs bank daerah",
    "source": "Contoh <Media> & Co",
    "date": "2021-09-18",
    "url": 'https://example.com/berita?id=1&x=<y>"',
    "text": (
        "Peneliti keamanan menemukan kode <script>alert(1)</script> pada halaman login bank "
        "daerah & menyebutnya celah XSS yang berbahaya.\n\n"
        "Menurut peneliti, penyerang bisa menyisipkan tag </a> dan <b> ke dalam kolom nama "
        "pengguna sehingga halaman menampilkan teks sembarangan.\n\n"
        "Bank daerah itu menyatakan celah tersebut sudah ditutup pada Jumat malam."
    ),
}
HTML_LIKE_QUESTION = "Kode apa yang ditemukan peneliti keamanan pada halaman login bank daerah?"
LONG_QUESTION = "Apa saja yang dijual di festival kuliner Nusantara?"


#: A new article on the seed article's story, for rebuilds that alert its followers.
FRESH = {
    "id": "csto-fresh",
    "title": "Rusia Kirim Pasukan Tambahan ke Perbatasan Tajikistan",
    "source": "Kabar Dunia",
    "date": "2021-09-19",
    "url": "https://example.com/csto-tambahan",
    "text": (
        "Rusia mengirim pasukan tambahan ke perbatasan Tajikistan dan Afghanistan, kata "
        "Kementerian Pertahanan Rusia pada Minggu.\n\n"
        "Menteri Pertahanan Sergei Shoigu mengatakan negara-negara anggota CSTO setuju "
        "mengerahkan pasukan militer tambahan untuk latihan bersama di Tajikistan."
    ),
}


def long_article(number: int, city: str) -> dict[str, str]:
    """Long paragraphs full of ``&`` (five characters once escaped): together they are
    longer than one Telegram message."""

    def paragraph(day: int) -> str:
        return (
            f"Festival kuliner Nusantara di {city} menghadirkan ratusan pedagang & pengrajin "
            "yang menjual rendang & sate & gudeg & pempek & soto & rawon & nasi liwet & es "
            "dawet & kerak telor & bakso & siomay & martabak & serabi & klepon & lemper & "
            "getuk & cilok & seblak & pecel & lontong & opor & gado-gado & ketoprak & tahu "
            "& tempe & kolak & cendol & bika & dodol & wajik & onde-onde & lapis, serta "
            "kerajinan batik & tenun & anyaman & ukiran kayu & gerabah & perak dari berbagai "
            "daerah, dan panitia mencatat pengunjung datang dari pagi hingga malam untuk "
            "mencicipi hidangan khas yang dijual dengan harga terjangkau & bersahabat bagi "
            "keluarga & pelajar & mahasiswa & wisatawan, sementara pemerintah kota menyiapkan "
            "kantong parkir & bus gratis & petugas kebersihan & posko kesehatan & pos keamanan "
            f"agar acara berjalan tertib & nyaman bagi semua yang hadir pada hari ke-{day} "
            "festival yang menurut panitia menjadi yang terbesar & paling meriah sepanjang "
            "sejarah kota itu, dengan perputaran uang yang diperkirakan mencapai miliaran "
            "rupiah & membuka peluang bagi ratusan pelaku usaha mikro & kecil & menengah."
        )

    return {
        "id": f"kuliner-{number}",
        "title": f"Festival kuliner Nusantara di {city} & pesta rakyat {'meriah ' * 12}",
        "source": "Kabar Kuliner",
        "date": f"2021-10-0{number}",
        "url": f"https://example.com/kuliner/{number}?a=1&b=2",
        "text": "\n\n".join(paragraph(day) for day in (1, 2)),
    }


def rebuild_article(edition: str = "") -> str:
    """A new article for the admin's rebuild: enough paragraphs that embedding them takes
    ten seconds or more even on a quiet machine (30 took about one, and the rebuild once
    finished before the question asked during it), so a question can be asked meanwhile.

    Vectors are reused by their text across versions, so a rebuild that must take time
    passes an ``edition`` of its own: the same article once embedded costs nothing again."""
    place = f"di lereng gunung {edition}".rstrip()
    paragraphs = [
        f"Pada hari ke-{n}, tim relawan membagikan {n * 10} paket bantuan kepada warga desa "
        f"terdampak longsor {place}, dan kepala desa mencatat kebutuhan air bersih, "
        f"selimut serta obat-obatan yang masih kurang untuk {n * 3} keluarga pengungsi."
        for n in range(1, 301)
    ]
    return "Relawan Bagikan Bantuan untuk Korban Longsor\n\n- 20 Oktober 2021\n\n" + "\n\n".join(
        paragraphs
    )


@pytest.fixture(scope="session")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the index is built from (and ``/reindex`` rebuilds from)."""
    folder = tmp_path_factory.mktemp("news")
    shutil.copy(REPO / "index" / "sample" / "seed-article.txt", folder)
    records = [HTML_LIKE, *(long_article(n, c) for n, c in enumerate(["Surabaya", "Medan"], 1))]
    with (folder / "synthetic.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return folder


@pytest.fixture(scope="session")
def index_dir(sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("index")
    build_index(index_dir, [sources], load_embedder())
    return index_dir


@pytest.fixture(scope="session")
def tg() -> Iterator[TelegramEmulator]:
    """Emulator + proxy on free ports; stopped (with every bot it started) even on failure."""
    from tgemu import TelegramEmulator

    assert HARNESS is not None, SKIP_REASON
    with TelegramEmulator(harness_dir=HARNESS) as emu:
        yield emu


def bot_env(sources: Path) -> dict[str, str]:
    return {
        "NEWSBOT_ADMIN_IDS": str(ADMIN_ID),
        "NEWSBOT_SOURCES": str(sources),
        "NEWSBOT_PROGRESS_SECONDS": "1",
    }


@pytest.fixture(scope="session")
def bot(tg: TelegramEmulator, index_dir: Path, sources: Path) -> Iterator[BotProcess]:
    """The bot under test, shared by the tests (each uses fresh users and chats)."""
    proc = tg.start_bot(
        [*BOT_COMMAND, "--index-dir", str(index_dir)], env=bot_env(sources), cwd=REPO
    )
    yield proc
    rc = proc.stop(timeout=STOP_SECONDS)  # SIGTERM, as a process manager would
    assert rc == 0, proc.output()
    assert "Traceback" not in proc.output(), proc.output()
