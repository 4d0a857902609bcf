"""A ".jsonl" file that holds JSON spread over lines rather than one record a line (an
export written with indentation, ``jq``'s output, an array saved under the wrong suffix)
is read as the JSON document it is, not skipped line by line with "Extra data"."""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

import pytest

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.reading.readers import read_sources

ONE = {"title": "Harga Beras Naik", "text": "Harga beras medium naik di Pasar Cipinang."}
TWO = {"headline": "Harga Gula Naik", "content": "Harga gula pasir naik menjadi Rp 14.500."}


def _shapes() -> dict[str, bytes]:
    return {
        "pretty-object": json.dumps(ONE, indent=2).encode(),
        "jq-stream": (json.dumps(ONE, indent=2) + "\n" + json.dumps(TWO, indent=4)).encode(),
        "array-one-line": json.dumps([ONE, TWO]).encode(),
        "pretty-array": json.dumps([ONE, TWO], indent=2).encode(),
        "wrapped": json.dumps({"status": "ok", "articles": [ONE, TWO]}, indent=1).encode(),
        "bom-pretty": codecs.BOM_UTF8 + json.dumps([ONE, TWO], indent="\t").encode(),
        "crlf-stream": (json.dumps(ONE, indent=2) + "\r\n\r\n" + json.dumps(TWO)).encode()[:-1]
        + b"}\r\n",
    }


@pytest.mark.parametrize("shape", list(_shapes()))
@pytest.mark.parametrize("compressed", [False, True])
def test_json_spread_over_lines_is_read(tmp_path: Path, shape: str, compressed: bool) -> None:
    data = _shapes()[shape]
    path = tmp_path / ("news.jsonl.gz" if compressed else "news.jsonl")
    path.write_bytes(gzip.compress(data) if compressed else data)

    items = list(read_sources([path]))

    assert [i for i in items if isinstance(i, SkippedSource)] == []
    titles = [i.title for i in items if isinstance(i, Article)]
    expected = (
        ["Harga Beras Naik"]
        if shape == "pretty-object"
        else ["Harga Beras Naik", "Harga Gula Naik"]
    )
    assert titles == expected
    assert [i.path for i in items if isinstance(i, Article)][-1].endswith(f":{len(expected)}")


def test_json_lines_with_a_broken_first_line_stay_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text('{"title": broken\n' + json.dumps(ONE) + "\n", encoding="utf-8")

    items = list(read_sources([path]))

    assert [(i.line, i.reason.split(" (")[0]) for i in items if isinstance(i, SkippedSource)] == [
        (1, "not valid JSON")
    ]
    assert [(i.title, i.path) for i in items if isinstance(i, Article)] == [
        ("Harga Beras Naik", f"{path}:2")
    ]


def test_no_json_at_all_is_reported_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text("{ not json\n{ nor this\n", encoding="utf-8")

    skipped = [i for i in read_sources([path]) if isinstance(i, SkippedSource)]

    assert [s.line for s in skipped] == [1, 2]
