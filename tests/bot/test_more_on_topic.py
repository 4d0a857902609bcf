""" "More sources" shows more on the question, then says there is no more: found in the
last round, the button ran past the answer's evidence into whatever news ranked next."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest

from newsbot.bot.handlers import MORE_DEPTH, PAGE
from newsbot.bot.more_sources import on_topic, topic_of
from newsbot.index.answering.answers import Answer, Hit
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.coverage.book import ArticleRef, story_of
from newsbot.index.coverage.request import read_request
from tests.bot.conftest import Bot
from tests.bot.fakes import JSON, bot_message, make_hit, private, private_chat, user
from tests.bot.test_handlers import press  # type: ignore[attr-defined]
from tests.conftest import FakeEmbedder, write_article


def _numbers(text: str) -> list[str]:
    return [block.split(". ")[0] for block in text.split("\n\n") if block[:1].isdigit()]


def _more_button(sent: JSON) -> str | None:
    rows = sent.get("reply_markup", {}).get("inline_keyboard", [])
    return next(
        (b["callback_data"] for r in rows for b in r if b["callback_data"][:5] == "more:"), None
    )


def _in_story(hit: Hit, story_id: str) -> Hit:
    c = hit.citation
    ref = ArticleRef(c.article_id, c.title, c.source, c.published, c.url)
    return dataclasses.replace(hit, story=story_of(story_id, [ref]))


# --- the rule --------------------------------------------------------------------------------
def test_after_the_first_page_only_passages_on_the_question_are_kept() -> None:
    hits = tuple(make_hit(rank) for rank in range(1, 8))
    found = Answer("who agreed?", answered=True, hits=hits)
    kept = on_topic(found, PAGE, lambda topic, article: article in {"a5", "a7"})
    assert [h.citation.article_id for h in kept.hits] == ["a1", "a2", "a3", "a5", "a7"]


def test_the_first_page_is_the_answer_and_stays_whatever_it_holds() -> None:
    hits = tuple(make_hit(rank) for rank in range(1, 4))
    found = Answer("who agreed?", answered=True, hits=hits)
    assert on_topic(found, PAGE, lambda topic, article: False) == found


def test_the_cited_articles_and_their_stories_need_no_topic_check() -> None:
    """Another paragraph of a cited article, another outlet's report of a cited story: the
    sources a reader wants, though they may not repeat the question's words."""
    first = [_in_story(make_hit(1), "s-csto"), make_hit(2), make_hit(3)]
    same_article = dataclasses.replace(make_hit(4), citation=first[1].citation)
    same_story = _in_story(make_hit(5), "s-csto")
    other_story = _in_story(make_hit(6), "s-football")
    found = Answer(
        "who agreed?", answered=True, hits=(*first, same_article, same_story, other_story)
    )
    asked: list[str] = []

    def holds(topic: str, article: str) -> bool:
        asked.append(article)
        return False

    kept = on_topic(found, PAGE, holds)
    assert kept.hits[PAGE:] == (same_article, same_story)
    assert asked == ["a6"]  # only the passage outside the answer's stories was checked


def test_a_coverage_answer_and_an_unanswered_one_are_left_alone() -> None:
    unanswered = Answer("x", answered=False, reason="not_covered")
    assert on_topic(unanswered, PAGE, lambda t, a: False) == unanswered


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Kelompok apakah yang bertanggung jawab?", "kelompok apakah yang bertanggung jawab?"),
        ("Who agreed to deploy troops?", "who agreed to deploy troops?"),
        ("Stanislav Zas said what?", "Stanislav Zas said what?"),  # a name stays one
        ("CSTO troops: who agreed?", "CSTO troops: who agreed?"),  # an acronym is a name
        ("Jakarta banjir lagi?", "jakarta banjir lagi?"),
    ],
)
def test_the_topic_is_the_question_without_its_sentence_capital(question: str, topic: str) -> None:
    assert topic_of(Answer(question, answered=True)) == topic


def test_the_topic_leaves_out_the_questions_time_and_outlet() -> None:
    request = read_request(
        "menurut Kompas, siapa yang setuju mengerahkan pasukan kemarin?",
        ["Kompas"],
        datetime.fromisoformat("2021-09-18T10:00:00+07:00"),
    )
    topic = topic_of(Answer(request.question, answered=True, request=request))
    assert "Kompas" not in topic and "kemarin" not in topic and "pasukan" in topic


# --- in the bot ------------------------------------------------------------------------------
async def test_more_sources_stops_where_the_question_s_sources_end(bot: Bot) -> None:
    bot.index.hits = tuple(make_hit(rank) for rank in range(1, 9))
    bot.index.off_topic = {"a5", "a6", "a8"}
    await bot.send(private("who agreed?"))
    [first] = bot.telegram.sent()
    assert _more_button(first) == f"more:{PAGE}"  # a4 is on the question

    question = private("who agreed?")["message"]
    answer = bot_message("1. …", chat=private_chat(), reply_to=question)
    await bot.send(press(answer, f"more:{PAGE}"))
    page = bot.telegram.sent("sendMessage")[-1]
    assert _numbers(page["text"]) == ["4", "5"]  # a4 and a7, numbered on
    assert _more_button(page) is None  # nothing on the question after them

    sender = user(51)
    await bot.send(private("who agreed?", sender=sender))
    await bot.send(private("more", sender=sender))
    await bot.send(private("more", sender=sender))
    assert bot.telegram.texts()[-1] == "There are no more sources for this question."


async def test_no_more_button_when_the_next_passage_is_off_the_question(bot: Bot) -> None:
    bot.index.hits = tuple(make_hit(rank) for rank in range(1, 8))
    bot.index.off_topic = {"a4"}
    await bot.send(private("who agreed?"))
    [first] = bot.telegram.sent()
    assert _numbers(first["text"]) == ["1", "2", "3"] and _more_button(first) is None


@pytest.mark.parametrize("language", ["id", "ms"])
async def test_a_typed_lagi_past_the_question_s_sources_says_so_in_indonesian(
    bot: Bot, language: str
) -> None:
    bot.index.hits = tuple(make_hit(rank) for rank in range(1, 8))
    bot.index.off_topic = {"a4", "a5", "a6", "a7"}
    sender = user(52, language=language)
    await bot.send(private("siapa yang setuju?", sender=sender))
    await bot.send(private("lagi", sender=sender))
    assert bot.telegram.texts()[-1] == "Tidak ada sumber lain untuk pertanyaan ini."
    assert bot.index.questions[-1] == ("siapa yang setuju?", MORE_DEPTH + 1)


# --- over a real index ----------------------------------------------------------------------
def test_more_pages_over_a_real_index_keep_to_the_question(tmp_path: Path) -> None:
    """Two articles on the CSTO troops, four on other news sharing none of its names: the
    next pages hold the CSTO ones only, whatever the fake vectors rank after them."""
    news = tmp_path / "news"
    news.mkdir()
    write_article(
        news, "csto.txt", "CSTO sepakat kerahkan pasukan",
        "Negara anggota CSTO setuju mengerahkan pasukan ke perbatasan Tajikistan.",
        "Sekretaris Jenderal CSTO Stanislav Zas mengatakan pasukan dikerahkan bulan depan.",
    )  # fmt: skip
    write_article(
        news, "csto2.txt", "Rusia kirim pasukan CSTO ke Tajikistan",
        "Rusia mengirim pasukan CSTO tambahan ke perbatasan Tajikistan, kata Zas.",
    )  # fmt: skip
    for n, (title, text) in enumerate(
        [
            ("Persija menang", "Persija menang dua gol atas Persib di Stadion Gelora."),
            ("Harga cabai naik", "Harga cabai rawit di pasar Bandung naik dua kali lipat."),
            ("Banjir di Medan", "Banjir merendam ratusan rumah warga di Medan pada Minggu."),
            ("Festival kuliner", "Festival kuliner di Surabaya dihadiri ribuan pengunjung."),
        ]
    ):
        write_article(news, f"other{n}.txt", title, text, f"{title} menjadi perhatian warga.")
    index_dir = tmp_path / "index"
    build_index(index_dir, [news], FakeEmbedder())
    index = NewsIndex.open(index_dir, FakeEmbedder())
    try:
        question = "Siapa yang setuju mengerahkan pasukan CSTO ke Tajikistan?"
        found = index.ask(question, MORE_DEPTH + 1)
        assert found.answered and len(found.hits) > PAGE
        kept = on_topic(found, 1, index.holds_topic)
        after = {h.citation.title for h in kept.hits[1:]}
        assert after <= {"CSTO sepakat kerahkan pasukan", "Rusia kirim pasukan CSTO ke Tajikistan"}
        dropped = {h.citation.title for h in found.hits} - {h.citation.title for h in kept.hits}
        assert dropped, "the fake ranking reached other news: the rule must have something to drop"
    finally:
        index.close()


def _reported_twice(rank: int) -> Hit:
    """A passage of a story two outlets reported, its headline naming the rank."""
    hit = make_hit(rank, title=f"Berita nomor {rank}")
    c = hit.citation
    first = ArticleRef(c.article_id, c.title, c.source, c.published, c.url)
    copy = ArticleRef(f"{c.article_id}-b", f"Laporan nomor {rank}", "Kabar Lain", None, None)
    return dataclasses.replace(hit, story=story_of(f"s{rank}", [first, copy]))


async def test_the_outlets_of_a_more_page_are_those_of_its_own_passages(bot: Bot) -> None:
    """The outlets button under a "More sources" page finds its passages again as the page
    did, past the ones left out, not the unfiltered ranking's."""
    bot.index.hits = tuple(_reported_twice(rank) for rank in range(1, 8))
    bot.index.off_topic = {"a4", "a5"}
    question = private("who agreed?")["message"]
    answer = bot_message("1. …", chat=private_chat(), reply_to=question)
    await bot.send(press(answer, f"more:{PAGE}"))
    page = bot.telegram.sent("sendMessage")[-1]
    rows = page["reply_markup"]["inline_keyboard"]
    outlets = next(
        b["callback_data"] for r in rows for b in r if b["callback_data"][:7] == "outlets"
    )
    assert outlets == "outlets:3:2"
    shown = bot_message(
        page["text"], chat=private_chat(), reply_to=question, reply_markup=page["reply_markup"]
    )
    await bot.send(press(shown, outlets))
    listed = bot.telegram.texts()[-1]
    assert "Laporan nomor 6" in listed and "Laporan nomor 7" in listed, listed
    assert "nomor 4" not in listed and "nomor 5" not in listed, listed


async def test_a_press_reads_the_question_as_the_answer_did(bot: Bot) -> None:
    """Without the answer in the store (another replica's, an old one), the button reads
    the asking message: "kapan? siapa …" as "siapa …", as the answer searched it."""
    bot.index.hits = tuple(make_hit(rank) for rank in range(1, 8))
    question = private("kapan? siapa yang setuju mengerahkan pasukan?")["message"]
    answer = bot_message("1. …", chat=private_chat(), reply_to=question)
    await bot.send(press(answer, f"more:{PAGE}"))
    assert bot.index.questions[-1][0] == "siapa yang setuju mengerahkan pasukan?"
