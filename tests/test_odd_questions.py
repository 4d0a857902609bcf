"""Odd ways of typing a question, and odd characters in what is indexed: a question typed
in full-width letters, with a zero-width space inside a word, with a Cyrillic look-alike
letter, with a bidi override, asks what its plain form asks; titles keep no character that
hides or reorders what a reader sees."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.index.answering.question_text import plain_question, uncased
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.reading.cleaning import visible_text
from newsbot.index.reading.readers import article_from_record, read_text_article
from tests.conftest import FakeEmbedder

RECORDS = [
    {
        "id": "natuna",
        "title": "Pasukan TNI Dikerahkan ke Natuna",
        "published": "2022-07-01",
        "text": "Pasukan TNI dikerahkan ke Natuna untuk menjaga perbatasan laut utara.",
    },
    {
        "id": "garut",
        "title": "Banjir Bandang di Garut",
        "published": "2022-10-12",
        "text": "Banjir bandang melanda Kabupaten Garut dan merendam ratusan rumah warga.",
    },
    {
        "id": "kafe",
        "title": "Kafe di Tepi Pantai",
        "published": "2022-08-01",
        # decomposed: "e" + COMBINING ACUTE ACCENT, as some editors save it
        "text": "Kafe\u0301 Senja di tepi pantai Anyer ramai dikunjungi wisatawan saat libur.",
    },
]


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    folder = tmp_path_factory.mktemp("news")
    (folder / "news.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    index_dir = folder.parent / f"{folder.name}-idx"
    build_index(index_dir, [folder], FakeEmbedder())
    index = NewsIndex.open(index_dir, FakeEmbedder())
    yield index
    index.close()


def top(index: NewsIndex, question: str) -> tuple[str, list[str]]:
    answer = index.ask(question)
    return answer.question, [hit.citation.article_id for hit in answer.hits]


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("ｐａｓｕｋａｎ ＴＮＩ ｄｉ Ｎａｔｕｎａ？", "pasukan TNI di Natuna?"),  # full-width
        ("ｋａｐａｎ ｂａｎｊｉｒ ｄｉ Ｇａｒｕｔ？", "kapan banjir di Garut?"),
        ("pa\u200bsukan TNI di Na\u200dtuna?", "pasukan TNI di Natuna?"),  # zero-width
        ("ban\u00adjir di Ga\u2060rut", "banjir di Garut"),  # soft hyphen, word joiner
        ("b\u0430njir di G\u0430rut", "banjir di Garut"),  # Cyrillic а
        ("ΡΑSUKAN TNI di Nаtunа", "PASUKAN TNI di Natuna"),  # Greek Ρ Α, Cyrillic а
        ("banjir di \u202eGarut\u202c", "banjir di Garut"),  # bidi override
        ("kafe\u0301 di Anyer", "kafé di Anyer"),  # combining mark
    ],
)
def test_an_oddly_typed_question_asks_what_its_plain_form_asks(
    news: NewsIndex, odd: str, plain: str
) -> None:
    """Before, the full-width, zero-width and look-alike forms found other articles first."""
    assert plain_question(odd) == plain
    asked, hits = top(news, odd)
    assert asked == plain and hits and hits == top(news, plain)[1]


def test_a_decomposed_accent_in_an_article_is_found_by_the_composed_question(
    news: NewsIndex,
) -> None:
    assert top(news, "Kafé Senja Anyer")[1][0] == "kafe"


@pytest.mark.parametrize(
    "word",
    ["Москва", "Αθήνα", "привет мир", "ΟΗΕ"],  # Cyrillic and Greek words stay
)
def test_a_word_wholly_in_another_script_is_not_folded(word: str) -> None:
    assert plain_question(word) == word


# -- what is indexed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Pa\u200bsu\u200bkan \u202eTNI\u202c Dikerahkan", "Pasukan TNI Dikerahkan"),
        ("Banjir \u2066Garut\u2069\u00ad", "Banjir Garut"),
        ("Keluarga 👨\u200d👩\u200d👧 Menyambut", "Keluarga 👨\u200d👩\u200d👧 Menyambut"),
        ("Ka\u200dfe\u0301", "Kafé"),
        ("\u202e\u200b", ""),
    ],
)
def test_visible_text_drops_what_hides_or_reorders_and_keeps_emoji_sequences(
    raw: str, shown: str
) -> None:
    assert visible_text(raw) == shown


def test_titles_sources_and_text_of_every_reader_are_visible_text() -> None:
    """Before, a JSONL title kept U+202E (shown reversed in Telegram and the terminal) and
    zero-width spaces, though the article's text had lost them."""
    record: dict[str, object] = {
        "id": "x",
        "title": "Pa\u200bsukan \u202eTNI\u202c Dikerahkan",
        "source": "Kabar\u200b \u202eDunia",
        "author": "Budi\u2066 Santoso",
        "text": "Pa\u200bsukan TNI dikerahkan ke Natuna \u2066utara\u2069 oleh panglima.",
    }
    article = article_from_record(record, "n.jsonl:1")
    assert article.title == "Pasukan TNI Dikerahkan"
    assert article.source == "Kabar Dunia" and article.author == "Budi Santoso"
    assert article.paragraphs == ("Pasukan TNI dikerahkan ke Natuna utara oleh panglima.",)
    dump = read_text_article(
        "Pa\u200bsukan \u202eTNI\u202c\n\n- 1 Juli 2022\n\nPasukan TNI dikerahkan ke Natuna.\n",
        "natuna.txt",
    )
    assert dump.title == "Pasukan TNI"


# -- a question that is a link alone --------------------------------------------------------

LINK = (
    "https://www.antaranews.com/berita/668181/warga-bandung-diimbau-antisipasi-dampak-siklon-dahlia"
)
LINK_QUESTIONS = [
    LINK,
    LINK + "/",
    LINK + "#komentar",
    "https://www.antaranews.com/berita/1/script-alert-bandung-siklon",  # not indexed
    "https://example.com/berita/<script>",
]


def _link_answers(news: NewsIndex) -> list[tuple[bool, list[str]]]:
    return [
        (a.answered, [h.citation.url or "" for h in a.hits])
        for a in (news.ask(q) for q in LINK_QUESTIONS)
    ]


def test_a_link_alone_cites_its_article_or_says_not_covered(tmp_path: Path) -> None:
    """Before, a link alone was searched by its words ("berita", "bandung", "script") and
    answered with passages of other articles."""
    from newsbot.index import sample

    build_index(tmp_path / "idx", sample.sources(), FakeEmbedder())
    news = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    try:
        assert _link_answers(news) == [
            (True, [LINK]),
            (True, [LINK]),
            (True, [LINK]),
            (False, []),
            (False, []),
        ]
        # A link inside a question is a question's word like any other.
        assert news.ask(f"apa kata Diskar PB di {LINK}?").answered
    finally:
        news.close()


def test_a_link_alone_is_found_in_milvus_as_locally(tmp_path: Path) -> None:
    from newsbot.index import sample
    from newsbot.index.answering import stores
    from newsbot.index.building.milvus_store import parse_store
    from tests.milvus_server import lite_binary, release_lite_file

    lite_binary()
    target = parse_store(str(tmp_path / "index.db"))
    assert target is not None
    embedder = FakeEmbedder()
    stores.build(tmp_path / "local", None, sample.sources(), embedder)
    stores.build(tmp_path / "idx", target, sample.sources(), embedder)
    local = stores.open_index(tmp_path / "local", None, embedder)
    milvus = stores.open_index(tmp_path / "idx", target, embedder)
    try:
        assert _link_answers(milvus) == _link_answers(local)
        assert _link_answers(milvus)[0] == (True, [LINK])
    finally:
        local.close()
        milvus.close()
        release_lite_file(tmp_path / "index.db")


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("PASUKAN TNI DI NATUNA?", "pasukan tni di natuna?"),
        ("Where Were The Troops Sent?", "where were the troops sent?"),
        ("Why Did TNI Go To Natuna?", "why did TNI go to natuna?"),
    ],
)
def test_capitals_that_name_nothing_are_read_as_lower_case(
    news: NewsIndex, typed: str, plain: str
) -> None:
    """Caps lock, or every word capitalised with its function words: every capital word
    after the first would be a name the index lacks; read as typed in lower case, the
    question finds what the lower-case one finds, as surely."""
    assert uncased(typed) == plain
    assert top(news, typed)[1] == top(news, plain)[1]
    assert news.confidence(typed) == pytest.approx(news.confidence(plain))


@pytest.mark.parametrize(
    "question",
    [
        "Siapa Menteri Dalam Negeri Irak?",  # an office's name, function word and all
        "Who Agreed to Deploy Troops?",  # title case: its function words in lower case
        "Who leads the CSTO?",
        "Apa kata WHO soal vaksin?",  # an acronym among lower-case words
        "OK",
    ],
)
def test_capitals_as_written_stay(question: str) -> None:
    assert uncased(question) == question
