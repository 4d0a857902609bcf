"""Why a source was skipped, an article not added or a rebuild failed, in the reader's
language. Found in the last round: an Indonesian admin's /reindex, /add and /stats replies
named their reasons in English ("not a JSON object", "duplicate article id …")."""

from __future__ import annotations

import ast
import gzip
import json
import re
from functools import cache
from pathlib import Path

import pytest

from newsbot.bot.messages import ENGLISH, INDONESIAN
from newsbot.bot.reasons import damage_in, error_in, reason_in, skipped_in, translated
from newsbot.bot.render import SKIPPED_SHOWN, escape, render_build_report, render_stats
from newsbot.index.articles import SkippedSource
from newsbot.index.building.build import build_index
from newsbot.index.errors import BuildInProgress, ConfigError, FetchFailed, IndexDamaged
from tests.bot.conftest import Bot
from tests.bot.fakes import ADMIN_ID, SUMMARY, make_report, private, user
from tests.conftest import FakeEmbedder

REPO = Path(__file__).resolve().parents[2]

#: Where the index writes why: the readers, the fetcher, the build, the damage check, and
#: the bot's own rebuild.
REASON_FILES = [
    *sorted((REPO / "index" / "reading").glob("*.py")),
    REPO / "index" / "building" / "build.py",
    REPO / "index" / "building" / "integrity.py",
    REPO / "bot" / "live.py",
]
#: A call whose argument (at this position) is a reason, and helpers that return one.
REASON_CALLS = {
    "SkippedSource": 1,
    "ValueError": 0,
    "NotText": 0,
    "FetchFailed": 0,
    "AddressRefused": 0,
    "_Transient": 0,
    "RebuildStopped": 0,
}
REASON_HELPERS = {
    "_missing", "_unreachable", "_round_a_loop", "_unlinked_reason", "_binary_problem",
    "_parse_feed", "_compare", "_reason", "_no_text_column",
}  # fmt: skip
#: What an f-string's value stands for in a sample reason, by its source (else "7").
FILLS = {
    "entries": "3 entries",
    "shorter": "truncated to",
    "wanted": "an HTML page",
    "exc": "timed out after 20s",
    "tries": " (3 attempts)",
    "status": "404",
    "id!r": "'a-1'",
}

#: Words an Indonesian reason may keep: names of formats, fields, settings and protocols.
KEPT = {
    "json", "html", "http", "https", "url", "rss", "atom", "utf", "gzip", "id", "text",
    "newsbot", "toml", "sources", "content", "type", "location", "max_bytes", "bytes",
    "allow_private", "allow_hosts", "fetch", "checksum", "manifest", "float32", "port",
    "feed", "log", "add", "bot", "float", "max", "web",
    "di", "s",  # Indonesian's preposition "di" is no root word; "http(s)"
}  # fmt: skip


def _sample(node: ast.expr) -> str | None:
    """The reason a string literal or f-string gives, its values filled in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if not isinstance(node, ast.JoinedStr):
        return None
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(str(part.value))
        elif isinstance(part, ast.FormattedValue):
            source = ast.unparse(part.value) + ("!r" if part.conversion == ord("r") else "")
            fill = (
                v for k, v in FILLS.items() if source == k or source.endswith(("." + k, "_" + k))
            )
            out.append(next(fill, "7"))
    return "".join(out)


def _samples(node: ast.expr, assigned: dict[str, list[ast.expr]], depth: int = 0) -> list[str]:
    """The reasons an expression can give: a literal, either branch of ``a if c else b``,
    or what a name (``why``, ``_NO_RECORDS``) is assigned in the module."""
    if isinstance(node, ast.IfExp):
        return [*_samples(node.body, assigned, depth), *_samples(node.orelse, assigned, depth)]
    if isinstance(node, ast.Name) and depth < 3:
        return [
            s for value in assigned.get(node.id, []) for s in _samples(value, assigned, depth + 1)
        ]
    sample = _sample(node)
    return [sample] if sample is not None else []


def written_reasons() -> list[tuple[str, str]]:
    """(file, reason) for every reason written in the index's code."""
    found: list[tuple[str, str]] = []
    for path in REASON_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assigned: dict[str, list[ast.expr]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (
                node.name in REASON_HELPERS
            ):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Return) and inner.value is not None:
                        found += [(path.name, s) for s in _samples(inner.value, assigned)]
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                at = REASON_CALLS.get(name or "")
                if at is not None and len(node.args) > at:
                    found += [(path.name, s) for s in _samples(node.args[at], assigned)]
        found += [(path.name, s) for s in _samples(ast.Name("_URL_GIVEN"), assigned)]
    return sorted({(name, reason) for name, reason in found if reason and reason != "7"})


@cache
def _dictionaries() -> tuple[frozenset[str], frozenset[str]]:
    from english_words import get_english_words_set
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    english = frozenset(get_english_words_set(["web2"], lower=True, alpha=True))
    return english, frozenset(StemmerFactory().get_words())


def english_words_in(text: str) -> list[str]:
    """The English words of ``text`` outside quoted values, paths and addresses: words an
    English dictionary holds and the Indonesian one does not (nor its affixed forms)."""
    english, indonesian = _dictionaries()
    plain = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\S*[/.]\S*", " ", text)
    words = [w.casefold() for w in re.findall(r"[^\W\d]+", plain)]

    def indonesian_word(word: str) -> bool:
        if word in indonesian:
            return True
        for prefix in ("", "di", "ter", "ber", "me", "mem", "men", "meng", "pe", "pem", "peng"):
            for suffix in ("", "nya", "kan", "an", "i"):
                if word.startswith(prefix) and word.endswith(suffix):
                    stem = word[len(prefix) : len(word) - len(suffix) or None]
                    if stem in indonesian:
                        return True
        return False

    return [w for w in words if w in english and w not in KEPT and not indonesian_word(w)]


# --- every reason the index writes has an Indonesian form -----------------------------------
def test_the_scan_finds_the_reasons_it_should() -> None:
    """The scan of the index's code is the test's reach: it must see the reasons named in
    the last round's finding, else it sees nothing."""
    reasons = {reason for _, reason in written_reasons()}
    assert "'text' is not a string" in reasons
    assert "duplicate article id 'a-1' (first in 7)" in reasons
    assert "not a JSON object" in reasons
    assert len(reasons) > 40


@pytest.mark.parametrize(("where", "reason"), written_reasons())
def test_every_reason_the_index_writes_has_an_indonesian_form(where: str, reason: str) -> None:
    said = translated(reason)
    assert said is not None, f"{where}: {reason!r} has no Indonesian form in bot/reasons.py"
    assert not english_words_in(said), (reason, said, english_words_in(said))


def test_the_english_check_sees_english() -> None:
    assert english_words_in("duplicate article id 'a-1' (first in feeds.jsonl)") == [
        "duplicate",
        "article",
        "first",
        "in",
    ]
    assert english_words_in("id artikel 'a-1' ganda (pertama di feeds.jsonl)") == []


@pytest.mark.parametrize(
    ("reason", "indonesian"),
    [
        ("'text' is not a string", "kolom 'text' bukan teks"),
        ("cannot read file (No such file or directory)", "berkas tidak dapat dibaca (tidak ada)"),
        ("cannot read file (Permission denied)", "berkas tidak dapat dibaca (izin ditolak)"),
        (
            "not valid JSON (Expecting value: line 1 column 1 (char 0))",
            "bukan JSON yang sah (susunannya salah)",
        ),
        ("HTTP 404 Not Found (3 attempts)", "HTTP 404 (halaman tidak ditemukan) (dicoba 3 kali)"),
        ("HTTP 599 Weird", "HTTP 599 (ditolak server)"),
        (
            "connection failed ([Errno 111] Connection refused) (3 attempts)",
            "koneksi gagal (dicoba 3 kali)",
        ),
        ("timed out after 20s (3 attempts)", "waktu habis setelah 20 detik (dicoba 3 kali)"),
        (
            "HTTP 410 Gone; the feed entry has no summary either",
            "HTTP 410 (halaman sudah dihapus); entri feed itu juga tanpa ringkasan",
        ),
        (
            "1 entry without an http(s) link to the article: not indexed",
            "1 entri tanpa tautan http(s) ke artikelnya: tidak diindeks",
        ),
        (
            "not an RSS/Atom feed (served as no type)",
            "bukan feed RSS/Atom (dikirim sebagai tanpa jenis)",
        ),
    ],
)  # fmt: skip
def test_reasons_read_as_an_indonesian_reader_would(reason: str, indonesian: str) -> None:
    assert reason_in(reason, "id") == indonesian
    assert reason_in(reason, "en") == reason  # the English reader (and the CLI) keep it


def test_a_reason_of_an_unknown_kind_is_still_said_in_indonesian() -> None:
    said = reason_in("the moon is in the wrong phase", "id")
    assert said == "tidak dapat dibaca (rinciannya ada di log bot)"
    assert error_in(ConfigError("newsbot.toml: [fetch] timeout must be a number"), "id") == (
        "berkas sumber (newsbot.toml) salah (rinciannya ada di log bot)"
    )
    assert (
        error_in(FetchFailed("something new"), "id") == "gagal diambil (rinciannya ada di log bot)"
    )
    assert error_in(RuntimeError("boom"), "id") == "tidak dapat dibaca (rinciannya ada di log bot)"
    assert error_in(ConfigError("bad"), "en") == "bad"


def test_damaged_files_are_named_with_what_is_wrong_in_indonesian() -> None:
    damage = (
        "dense.faiss (missing), vectors.npy (truncated to 1,024 of 4,096 bytes), "
        "keys.npy (unreadable (not a list of keys))"
    )
    assert damage_in(damage, "id") == (
        "dense.faiss (hilang), vectors.npy (terpotong menjadi 1.024 dari 4.096 bita), "
        "keys.npy (tidak terbaca)"
    )
    assert damage_in(damage, "en") == damage
    # Not a list of files (the message of an error opening the index): general words.
    assert not english_words_in(damage_in("the index in x is damaged: rebuild", "id"))


# --- what the bot sends -----------------------------------------------------------------------
def test_a_real_builds_skipped_sources_are_reported_in_indonesian(tmp_path: Path) -> None:
    """Bad input of every kind the readers meet, built for real; the Indonesian report has
    no English reason, the English one keeps them all."""
    news = tmp_path / "news"
    news.mkdir()
    lines = [
        json.dumps({"id": "a-1", "title": "Banjir", "text": "Banjir merendam rumah warga."}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "a-2", "text": 42}),
        json.dumps({"id": "a-3", "text": ""}),
        json.dumps({"id": "a-4", "title": "x"}),
        "\udcff".encode("utf-8", "surrogateescape").decode("latin-1"),
    ]
    (news / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (news / "again.jsonl").write_text(
        json.dumps({"id": "a-1", "title": "Banjir", "text": "Banjir lagi di kota."}) + "\n",
        encoding="utf-8",
    )
    (news / "empty.txt").write_text("", encoding="utf-8")
    (news / "binary.html").write_bytes(b"\x00\x01\x02binary")
    (news / "cut.jsonl.gz").write_bytes(
        gzip.compress(b'{"id": "z", "text": "Teks berita yang lengkap."}\n' * 50)[:60]
    )
    (news / "loop.txt").symlink_to(news / "loop.txt")
    (news / "broken.txt").symlink_to(news / "nowhere.txt")
    report = build_index(tmp_path / "index", [news, tmp_path / "missing.txt"], FakeEmbedder())
    assert len(report.skipped) >= 8, report.skipped

    indonesian = render_build_report(report, INDONESIAN)
    listed = indonesian.split("sumber dilewati:", 1)[1].strip().splitlines()
    assert len(listed) == min(len(report.skipped), SKIPPED_SHOWN) + (
        len(report.skipped) > SKIPPED_SHOWN
    )
    listed = [line for line in listed if ": " in line]  # not the "… +3" line
    assert len(listed) == min(len(report.skipped), SKIPPED_SHOWN)
    for line in listed:
        reason = line.split(": ", 1)[1]
        assert not english_words_in(reason), line
        assert "log bot" not in reason, f"a reason the readers give is unknown: {line}"
    english = render_build_report(report, ENGLISH)
    shown = report.skipped[:SKIPPED_SHOWN]
    assert all(escape(str(skipped)) in english for skipped in shown)
    every = [reason_in(skipped.reason, "id") for skipped in report.skipped]
    assert not [said for said in every if english_words_in(said) or "log bot" in said]


def test_a_skipped_line_names_where_and_why() -> None:
    skipped = SkippedSource("feeds/broken.jsonl", "not a JSON object", line=3)
    assert skipped_in(skipped, "id") == "feeds/broken.jsonl:3: bukan objek JSON"
    assert skipped_in(skipped, "en") == str(skipped)


async def test_an_indonesian_admin_reads_the_reindex_report_in_indonesian(bot: Bot) -> None:
    bot.builder.report = make_report(
        skipped=(
            SkippedSource("feeds/broken.jsonl", "not a JSON object", line=3),
            SkippedSource("news.jsonl", "duplicate article id 'x' (first in a.jsonl)", line=9),
        ),
        repaired="vectors.npy (checksum mismatch)",
    )
    await bot.send(private("/reindex", sender=user(user_id=ADMIN_ID, language="id")))
    report = bot.telegram.edits()[-1]
    assert "• feeds/broken.jsonl:3: bukan objek JSON" in report
    assert "• news.jsonl:9: id artikel 'x' ganda (pertama di a.jsonl)" in report
    assert "vectors.npy (checksum tidak cocok)" in report
    assert not english_words_in(report), report


@pytest.mark.parametrize("language", ["id", "ms"])
async def test_a_failed_rebuild_says_why_in_indonesian(bot: Bot, language: str) -> None:
    bot.builder.error = BuildInProgress("another build holds the lock: try again later")
    await bot.send(private("/reindex", sender=user(user_id=ADMIN_ID, language=language)))
    said = bot.telegram.edits()[-1]
    assert said.endswith("Sebab: pembangunan lain sedang memegang kunci indeks: coba lagi nanti")
    assert not english_words_in(said), said


async def test_stats_name_damaged_files_in_indonesian(bot: Bot) -> None:
    bot.index.damaged = "dense.faiss (missing), vectors.npy (checksum mismatch)"
    await bot.send(private("/stats", sender=user(language="id")))
    text = bot.telegram.texts()[-1]
    assert "Indeks rusak (dense.faiss (hilang), vectors.npy (checksum tidak cocok))" in text


def test_the_stats_warning_in_english_is_unchanged() -> None:
    text = render_stats(SUMMARY, ENGLISH, "dense.faiss (missing)")
    assert "The index is damaged (dense.faiss (missing))" in text


def test_an_index_error_for_an_indonesian_reader_names_its_kind() -> None:
    said = error_in(IndexDamaged("the index in x is damaged: y"), "id")
    assert said == "berkas indeks rusak atau hilang (rinciannya ada di log bot)"
