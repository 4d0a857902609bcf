"""Odd ways of typing a question, and odd characters in what is indexed: a question typed
in full-width letters, with a zero-width space inside a word, with a Cyrillic look-alike
letter, with a bidi override, asks what its plain form asks; titles keep no character that
hides or reorders what a reader sees."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from newsbot.index.answering.question_text import plain_question
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
