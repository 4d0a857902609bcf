"""Coverage answers through a real index (fake embedder): absent topics, outlets the index
lacks, windows with nothing relevant, "latest" up to now, counts across stories, date-only
coverage questions, same-day ties and copies, in English and Indonesian."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from newsbot.bot.terminal import format_answer
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.coverage.when import WIB
from tests.conftest import FakeEmbedder

NOW = datetime(2017, 5, 27, 10, 0, tzinfo=WIB)  # a Saturday
BOMB = (
    "Jakarta, CNN Indonesia -- Markas Besar Polri menyatakan serangan bom bunuh diri di "
    "Kampung Melayu, Jakarta Timur, diduga dilakukan oleh kelompok teror ISIS."
)
BOMB_2 = "Polisi menyebut dua pelaku bom Kampung Melayu tewas di lokasi ledakan terminal bus."
DEBT = "Menteri Koordinator Perekonomian Darmin Nasution menyebut utang Indonesia masih rendah."
TRANSPORT = "Ketua MPR Zulkifli Hasan menyesalkan kisruh transportasi online dan tradisional."
FOOTBALL = [
    "Jadwal siaran langsung sepak bola Eropa akhir pekan ini termasuk final Piala FA.",
    "Timnas U-22 kalah, pelatih sepak bola Luis Milla tetap puas dengan permainan tim.",
    "Persib Bandung menyiapkan skuat sepak bola untuk putaran kedua Liga 1 musim ini.",
]
FESTIVAL = "Festival musik blues Bali menghadirkan Gugun Blues Shelter dan Indra Lesmana."
FRIDAY = "Harga cabai rawit di pasar induk Kramat Jati naik menjelang bulan puasa."


def _record(id_: str, source: str, published: str | None, text: str) -> dict[str, Any]:
    return {
        "id": id_,
        "source": source,
        "published": published,
        "url": f"https://{source.replace(' ', '')}.example/{id_}",
        "title": f"{id_} headline",
        "text": text,
    }


RECORDS = [
    _record("bomb-cnn", "cnn indonesia", "2017-05-25", f"{BOMB}\n\n{BOMB_2}"),
    _record("bomb-antara", "antaranews", "2017-05-25", f"{BOMB}\n\n{BOMB_2}"),
    _record("debt", "cnn indonesia", "2017-05-26", DEBT),
    _record("transport", "kumparan", "2017-05-26", TRANSPORT),
    _record("football-1", "cnn indonesia", "2017-05-24", FOOTBALL[0]),
    _record("football-2", "merdeka", "2017-05-26", FOOTBALL[1]),
    _record("football-3", "poskotanews", "2017-05-26T21:00:00+07:00", FOOTBALL[2]),
    _record("festival", "cnn indonesia", "2017-05-27T03:01:00+07:00", FESTIVAL),
    _record("chili", "suara", "2017-05-26", FRIDAY),
    # Published after now: never "latest" news.
    _record("later-today", "kumparan", "2017-05-27T18:00:00+07:00", "Gempa kecil di Garut."),
    _record("next-year", "kumparan", "2018-02-11", "Banjir melanda Gampong Pineung Aceh."),
]


def _build(tmp_path: Path, records: list[dict[str, Any]], name: str = "idx") -> NewsIndex:
    folder = tmp_path / f"{name}-news"
    folder.mkdir()
    (folder / "news.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    build_index(tmp_path / name, [folder], FakeEmbedder())
    return NewsIndex.open(tmp_path / name, FakeEmbedder())


@pytest.fixture
def news(tmp_path: Path) -> Iterator[NewsIndex]:
    index = _build(tmp_path, RECORDS)
    yield index
    index.close()


def text(news: NewsIndex, question: str) -> str:
    return format_answer(news.ask(question, now=NOW))


@pytest.mark.parametrize(
    "question",
    [
        "which outlets reported the Lombok earthquake?",
        "media apa saja yang memberitakan gempa Lombok?",
        "who first reported the Jakarta flood?",
        "siapa yang pertama memberitakan banjir Jakarta?",
        "how many articles about the Bali earthquake?",
        "berapa artikel tentang gempa Bali?",
        "latest news on the Palu tsunami",
        "berita terbaru soal tsunami Palu",
    ],
)
def test_coverage_questions_about_absent_topics_are_not_covered(
    news: NewsIndex, question: str
) -> None:
    answer = news.ask(question, now=NOW)
    assert not answer.answered and answer.coverage is None and answer.hits == ()
    english = question.split()[0] in {"which", "who", "how", "latest"}
    expected = (
        "The indexed news does not cover this question."
        if english
        else "Berita yang diindeks tidak membahas pertanyaan ini."
    )
    assert text(news, question) == expected


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("from detik, who won?", "There are no articles from detik in this index."),
        ("according to Reuters, what did Darmin say?", "There are no articles from Reuters"),
        ("menurut Kompas, apa kata Darmin?", "Tidak ada artikel dari Kompas di indeks ini."),
        ("which outlets reported the bomb, according to Tempo?", "no articles from Tempo"),
    ],
)
def test_an_outlet_the_index_lacks_is_named(news: NewsIndex, question: str, line: str) -> None:
    answer = news.ask(question, now=NOW)
    assert not answer.answered and answer.reason == "no_outlet"
    assert answer.to_json()["outlet"]["missing"]
    assert line in text(news, question)


def test_detik_detik_is_not_an_outlet(news: NewsIndex) -> None:
    answer = news.ask("detik-detik bom Kampung Melayu", now=NOW)
    assert answer.reason != "no_outlet" and answer.request is not None
    assert answer.request.outlet is None


@pytest.mark.parametrize(
    "question",
    [
        "according to kumparan, what did Darmin say about debt?",
        "menurut kumparan, apa kata Darmin soal utang?",
        "menurut merdeka, siapa pelaku bom Kampung Melayu?",
    ],
)
def test_an_outlet_without_the_topic_is_not_covered(news: NewsIndex, question: str) -> None:
    answer = news.ask(question, now=NOW)
    assert not answer.answered and answer.hits == ()


def test_an_outlet_with_the_topic_answers_from_it(news: NewsIndex) -> None:
    for question in (
        "menurut cnn indonesia, apa kata Darmin soal utang?",
        "according to cnn indonesia, what did Darmin say about debt?",
    ):
        answer = news.ask(question, now=NOW)
        assert answer.answered, question
        assert {h.citation.source for h in answer.hits} == {"cnn indonesia"}
        assert "Darmin" in answer.hits[0].text


@pytest.mark.parametrize(
    ("question", "window"),
    [
        ("apa kata polisi kemarin soal bom Kampung Melayu?", "26 Mei 2017"),
        ("what did the police say yesterday about the Kampung Melayu bomb?", "26 May 2017"),
    ],
)
def test_a_window_with_nothing_relevant_says_so_with_the_older_coverage(
    news: NewsIndex, question: str, window: str
) -> None:
    answer = news.ask(question, now=NOW)
    assert not answer.answered and answer.hits == ()
    assert answer.newest == "2017-05-25"  # the bombing's coverage, before the window
    out = text(news, question)
    assert window in out and "25 May 2017" in out.replace("Mei", "May")


def test_an_empty_window_is_named(news: NewsIndex) -> None:
    for question, named in (
        ("berita minggu lalu", "dari 15 Mei 2017 sampai 21 Mei 2017"),
        ("news last week", "from 15 May 2017 to 21 May 2017"),
    ):
        answer = news.ask(question, now=NOW)
        assert not answer.answered
        assert named in text(news, question)


@pytest.mark.parametrize("question", ["berita terbaru", "what's new?", "berita apa saja hari ini?"])
def test_latest_never_lists_articles_after_now(news: NewsIndex, question: str) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None and answer.coverage.kind == "latest"
    listed = [a for s in answer.coverage.stories for a in s.articles]
    assert listed
    assert all(a.id not in {"later-today", "next-year"} for a in listed)
    assert all((a.published or "") <= "2017-05-27T10:00" for a in listed)
    # The JSON cites the listed stories' newest articles, as hits.
    out = answer.to_json()
    assert [h["title"] for h in out["hits"]] == [s.latest.title for s in answer.coverage.stories]
    # An hour after the later article, it is news.
    later = news.ask(question, now=datetime(2017, 5, 27, 19, 0, tzinfo=WIB))
    assert later.coverage is not None
    assert later.coverage.stories[0].latest.id == "later-today"


@pytest.mark.parametrize(
    "question",
    ["berapa artikel tentang sepak bola?", "berapa banyak berita soal sepak bola?"],
)
def test_how_many_counts_the_topic_across_stories(news: NewsIndex, question: str) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None and answer.coverage.kind == "count"
    assert answer.coverage.articles == 3
    assert set(answer.coverage.outlets) == {"cnn indonesia", "merdeka", "poskotanews"}
    assert text(news, question).startswith("3 artikel tentang ini, dari 3 media")


def test_how_many_in_a_window_counts_only_the_window(news: NewsIndex) -> None:
    answer = news.ask("berapa artikel tentang sepak bola pada 26 Mei 2017?", now=NOW)
    assert answer.coverage is not None and answer.coverage.articles == 2


@pytest.mark.parametrize(
    ("question", "kind", "line"),
    [
        (
            "media apa saja yang memberitakan pada 26 Mei 2017?",
            "outlets",
            "5 media memuat 5 artikel dari 26 Mei 2017",
        ),
        ("which outlets reported on 26 May 2017?", "outlets", "5 outlets published 5 articles"),
        ("berapa artikel hari Jumat?", "count", "5 artikel dari 26 Mei 2017, dari 5 media"),
        ("how many articles on Friday?", "count", "5 articles from 26 May 2017, from 5 outlets"),
        ("berapa artikel hari ini?", "count", "1 artikel dari 27 Mei 2017, dari 1 media"),
    ],
)
def test_date_only_coverage_questions_answer_from_the_window(
    news: NewsIndex, question: str, kind: str, line: str
) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None and answer.coverage.kind == kind
    assert not answer.coverage.about_topic
    assert line in text(news, question)


@pytest.mark.parametrize(
    ("question", "line"),
    [
        (
            "siapa yang pertama memberitakan bom Kampung Melayu?",
            "Pertama diberitakan pada 25 Mei 2017 oleh antaranews dan cnn indonesia",
        ),
        (
            "who reported the Kampung Melayu bomb first?",
            "First reported on 25 May 2017 by antaranews and cnn indonesia",
        ),
    ],
)
def test_a_same_day_tie_without_times_is_not_called_first(
    news: NewsIndex, question: str, line: str
) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None
    assert {a.source for a in answer.coverage.firsts} == {"antaranews", "cnn indonesia"}
    assert text(news, question).startswith(line)


def _cited(tmp_path: Path, records: list[dict[str, Any]], name: str) -> tuple[str, ...]:
    index = _build(tmp_path, records, name)
    try:
        top = index.ask("siapa pelaku bom Kampung Melayu?", now=NOW).hits[0]
        return (top.citation.source or "", *(a.source or "" for a in top.also))
    finally:
        index.close()


def test_copies_cite_the_same_one_whatever_the_build_order(tmp_path: Path) -> None:
    # Tied on the day without times: one choice (by outlet name), in either build order.
    first = _cited(tmp_path, RECORDS, "a")
    assert first == _cited(tmp_path, list(reversed(RECORDS)), "b")
    assert sorted(first) == ["antaranews", "cnn indonesia"]


@pytest.mark.parametrize("earlier", ["cnn indonesia", "antaranews"])
def test_copies_cite_the_earliest(tmp_path: Path, earlier: str) -> None:
    records = [
        {**r, "published": "2017-05-24T09:00:00+07:00"}
        if r["source"] == earlier and r["id"].startswith("bomb")
        else r
        for r in RECORDS
    ]
    later = "antaranews" if earlier == "cnn indonesia" else "cnn indonesia"
    assert _cited(tmp_path, records, "a") == (earlier, later)
    assert _cited(tmp_path, list(reversed(records)), "b") == (earlier, later)


def test_an_undated_copy_is_never_first(tmp_path: Path) -> None:
    undated = _record("bomb-undated", "suara", None, f"{BOMB}\n\n{BOMB_2}")
    index = _build(tmp_path, [*RECORDS, undated])
    try:
        for question in (
            "siapa yang pertama memberitakan bom Kampung Melayu?",
            "which outlets reported the Kampung Melayu bomb?",
        ):
            answer = index.ask(question, now=NOW)
            assert answer.coverage is not None
            assert answer.coverage.firsts
            assert all(a.id != "bomb-undated" for a in answer.coverage.firsts)
    finally:
        index.close()


@pytest.mark.parametrize(
    "question",
    [
        "Which outlets reported on Heboh Pelaku Bom Kampung Melayu Tewas?",
        "Media apa saja yang memberitakan Heboh Pelaku Bom Kampung Melayu Tewas?",
    ],
)
def test_a_headline_as_topic_needs_most_of_its_words_not_each(
    news: NewsIndex, question: str
) -> None:
    # A title-case headline: its capitalised words are not all names ("Heboh" is absent).
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None
    assert set(answer.coverage.outlets) == {"antaranews", "cnn indonesia"}
    # A lower-case topic keeps its names required: "Lombok" is in no article.
    assert not news.ask("which outlets reported the bomb in Lombok?", now=NOW).answered


@pytest.mark.parametrize("earlier", ["cnn indonesia", "antaranews", None])
@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(
    "question", ["siapa pelaku bom Kampung Melayu?", "bom Kampung Melayu", "Kampung Melayu bomb"]
)
def test_copies_cited_as_their_first_report_are_never_one_paragraph_twice(
    tmp_path: Path, earlier: str | None, reverse: bool, question: str
) -> None:
    # Both paragraphs of a copied text are passages: each is cited as the first report's
    # own matching paragraph, never the same paragraph of it twice.
    records = [
        {**r, "published": "2017-05-24T09:00:00+07:00" if r["source"] == earlier else None}
        if r["id"].startswith("bomb")
        else r
        for r in RECORDS
        if r["id"].startswith("bomb") or r["id"] == "debt"
    ]
    index = _build(tmp_path, list(reversed(records)) if reverse else records)
    try:
        hits = index.ask(question, k=3, now=NOW).hits
        cited = [(h.citation.path, h.citation.paragraph) for h in hits]
        assert len(cited) == len(set(cited)), cited
        bomb = [h for h in hits if "/bomb-" in (h.citation.url or "")]
        lead = BOMB.split(" -- ", 1)[1]  # the dateline is kept apart
        assert {h.text for h in bomb} == {lead, BOMB_2}
        for hit in bomb:  # the text shown is the cited paragraph's own
            assert hit.citation.paragraph == (1 if hit.text == lead else 2)
            assert {a.source for a in hit.also} | {hit.citation.source} == {
                "cnn indonesia",
                "antaranews",
            }
    finally:
        index.close()


@pytest.mark.parametrize(
    "question",
    [
        "what was reported yesterday?",
        "what did the media report yesterday?",
        "apa yang diberitakan kemarin?",
        "apa saja yang dilaporkan pada 26 Mei 2017?",
    ],
)
def test_what_was_reported_in_a_window_lists_that_window_s_news(
    news: NewsIndex, question: str
) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None and answer.coverage.kind == "latest"
    assert answer.hits
    assert {(h.citation.published or "undated")[:10] for h in answer.hits} == {"2017-05-26"}


@pytest.mark.parametrize("earlier", ["cnn indonesia", "antaranews"])
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("media apa saja yang memberitakan tragedi Kampung Melayu?", "outlets"),
        ("siapa yang pertama memberitakan tragedi Kampung Melayu?", "first"),
        ("berapa artikel tentang tragedi Kampung Melayu?", "count"),
    ],
)
def test_a_copy_naming_the_topic_answers_for_the_first_report_it_copies(
    tmp_path: Path, earlier: str, question: str, kind: str
) -> None:
    # One text, two outlets: the later copy's headline says "tragedi", the first report's
    # (the one cited) does not. The passage is about the topic all the same.
    records = [
        {
            **r,
            "published": "2017-05-24T09:00:00+07:00" if r["source"] == earlier else None,
            "title": "bom" if r["source"] == earlier else "Tragedi bom Kampung Melayu",
        }
        if r["id"].startswith("bomb")
        else r
        for r in RECORDS
    ]
    index = _build(tmp_path, records)
    try:
        answer = index.ask(question, now=NOW)
        assert answer.answered and answer.coverage is not None
        assert answer.coverage.kind == kind
        assert answer.hits[0].citation.source == earlier
        assert [a.source for a in answer.hits[0].also] != []
    finally:
        index.close()
