"""A table whose header names no column of article text is skipped once, naming the
columns it has and the ones read, not once for each of its rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.bot.messages import INDONESIAN
from newsbot.bot.reasons import reason_in
from newsbot.index.articles import Article, SkippedSource
from newsbot.index.reading.readers import read_sources

ROWS = 40


@pytest.mark.parametrize(
    ("name", "header", "delimiter"),
    [
        ("berita.csv", ["Judul", "Isi", "Tanggal", "Sumber", "Link"], ";"),
        ("berita-ms.csv", ["Tajuk", "Kandungan", "Tarikh"], ","),
        ("export.tsv", ["headline", "summary", "pubDate", "link"], "\t"),
        ("wide.csv", ["a", "b", "c", "d", "e", "f", "g", "h"], "|"),
    ],
)
def test_a_table_without_a_text_column_is_one_skip(
    tmp_path: Path, name: str, header: list[str], delimiter: str
) -> None:
    row = delimiter.join(f"isi {i} yang cukup panjang" for i in range(len(header)))
    path = tmp_path / name
    path.write_text(delimiter.join(header) + "\n" + f"{row}\n" * ROWS, encoding="utf-8")

    items = list(read_sources([path]))
    articles = [item for item in items if isinstance(item, Article)]
    skipped = [item for item in items if isinstance(item, SkippedSource)]

    assert articles == []
    assert len(skipped) == 1
    reason = skipped[0].reason
    assert reason.startswith("no text column: the header names ")
    for column in header[:6]:
        assert repr(column) in reason
    assert ("…" in reason) == (len(header) > 6)
    assert "articleBody" in reason
    indonesian = reason_in(reason, INDONESIAN.language)
    assert indonesian.startswith("tidak ada kolom teks: kepala tabel menyebut")


def test_a_table_with_a_text_column_by_another_name_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        'Headline;Body\n"Banjir";"Banjir melanda kota pada Senin pagi."\n', encoding="utf-8"
    )

    articles = [item for item in read_sources([path]) if isinstance(item, Article)]

    assert [a.title for a in articles] == ["Banjir"]
