"""A record's publication date given only as a UTC instant (a scraper's or an API's "Z",
"+00:00", "GMT") is dated in WIB, as a feed's and a page's are: the outlet's day is
Indonesia's, so 20:25 UTC on 3 January is 03:25 WIB on 4 January."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbot.index.articles import Article
from newsbot.index.reading.readers import read_sources

TEXT = "Harga cabai rawit merah di Pasar Induk Kramat Jati naik menjadi Rp 90.000 per kilogram."


@pytest.mark.parametrize(
    ("given", "dated"),
    [
        ("2022-01-03T20:25:00Z", "2022-01-04T03:25:00+07:00"),
        ("2022-01-03T20:25:00.000Z", "2022-01-04T03:25:00+07:00"),
        ("2022-01-03T20:25:00+00:00", "2022-01-04T03:25:00+07:00"),
        ("Mon, 03 Jan 2022 20:25:00 GMT", "2022-01-04T03:25:00+07:00"),
        # Other offsets and dates without one stay as written.
        ("2022-01-03T20:25:00+08:00", "2022-01-03T20:25:00+08:00"),
        ("2022-01-03 20:25", "2022-01-03T20:25:00"),
        ("2022-01-03", "2022-01-03"),
    ],
)
@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv"])
def test_a_utc_record_date_is_dated_in_wib(
    tmp_path: Path, given: str, dated: str, suffix: str
) -> None:
    record = {"title": "Harga Cabai Naik", "text": TEXT, "published_at": given}
    path = tmp_path / f"news{suffix}"
    if suffix == ".csv":
        row = f'Harga Cabai Naik,"{TEXT}","{given}"'
        path.write_text(f"title,text,published_at\n{row}\n", encoding="utf-8")
    else:
        document = record if suffix == ".jsonl" else [record]
        path.write_text(json.dumps(document) + "\n", encoding="utf-8")

    articles = [a for a in read_sources([path]) if isinstance(a, Article)]

    assert [a.published for a in articles] == [dated]
