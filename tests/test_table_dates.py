"""A table's slashed dates are day first, as Indonesian dates are written, unless the
table proves itself month first (a spreadsheet in a US locale: "5/13/2021 1:05 PM")."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.index.articles import Article
from newsbot.index.reading.readers import read_sources

TEXT = "Harga cabai rawit merah di Pasar Induk Kramat Jati naik tajam pekan ini."


def _dates(tmp_path: Path, column: str, dates: list[str], suffix: str = ".csv") -> list[str]:
    tab = "\t" if suffix == ".tsv" else ","
    rows = [tab.join(["title", "text", column])]
    rows += [tab.join([f"Berita {n}", f'"{TEXT} {n}"', d]) for n, d in enumerate(dates)]
    path = tmp_path / f"news{suffix}"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return [a.published or "" for a in read_sources([path]) if isinstance(a, Article)]


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
@pytest.mark.parametrize("column", ["Published", "date", "pubDate"])
def test_a_month_first_table_is_read_month_first(tmp_path: Path, suffix: str, column: str) -> None:
    dates = ["5/3/2021 10:00 AM", "5/13/2021 1:05 PM", "12/1/2021"]
    assert _dates(tmp_path, column, dates, suffix) == [
        "2021-05-03T10:00:00",
        "2021-05-13T13:05:00",
        "2021-12-01",
    ]


@pytest.mark.parametrize(
    ("dates", "read"),
    [
        (["13/05/2021 10:00", "5/3/2021"], ["2021-05-13T10:00:00", "2021-03-05"]),
        (["5/3/2021", "1/2/2021"], ["2021-03-05", "2021-02-01"]),  # cannot tell: day first
        (["2021-05-13", "5/3/2021"], ["2021-05-13", "2021-03-05"]),
    ],
)
def test_a_day_first_or_undecided_table_stays_day_first(
    tmp_path: Path, dates: list[str], read: list[str]
) -> None:
    assert _dates(tmp_path, "published", dates) == read
