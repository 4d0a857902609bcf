"""The index's read-only helpers for the bot: which articles it holds (to tell what a
rebuild added) and the newest ones of given days (the digest)."""

from __future__ import annotations

import json
from pathlib import Path

from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from tests.conftest import FakeEmbedder


def write_jsonl(folder: Path, records: list[dict[str, str]]) -> None:
    with (folder / "news.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def article(n: int, date: str) -> dict[str, str]:
    return {
        "id": f"art-{n}",
        "title": f"Berita nomor {n}",
        "source": "Kabar",
        "date": date,
        "text": (
            f"Kalimat pertama berita nomor {n} tentang banjir di kota. Kalimat kedua menyusul."
            "\n\nParagraf kedua yang cukup panjang untuk berdiri sendiri sebagai paragraf berita."
        ),
    }


def test_article_ids_and_the_newest_articles_of_some_days(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    write_jsonl(
        news,
        [
            article(1, "2021-09-17T08:00:00+07:00"),
            article(2, "2021-09-18T06:00:00+07:00"),
            article(3, "2021-09-18T09:30:00+07:00"),
            article(4, "2021-09-01"),
        ],
    )
    build_index(tmp_path / "idx", [news], fake_embedder)
    index = NewsIndex.open(tmp_path / "idx", fake_embedder)
    try:
        ids = index.article_ids()
        assert len(ids) == 4
        newest = index.newest_articles(["2021-09-18", "2021-09-17"], 10)
        assert [h.citation.title for h in newest] == [
            "Berita nomor 3",
            "Berita nomor 2",
            "Berita nomor 1",
        ]
        first = newest[0]
        assert first.citation.paragraph == 1
        assert first.snippet == "Kalimat pertama berita nomor 3 tentang banjir di kota."
        assert len(index.newest_articles(["2021-09-18"], 1)) == 1
        assert index.newest_articles([], 5) == ()
        assert index.newest_articles(["2020-01-01"], 5) == ()
    finally:
        index.close()
