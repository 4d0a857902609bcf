"""One outlet written in several cases across sources is one outlet: in ``stats``, in
coverage answers and in a rebuild that changes nothing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.index.building.outlet_spellings import chosen_spellings
from tests.conftest import cli_news_folder


@pytest.mark.parametrize(
    ("counts", "renamed"),
    [
        ({"cnn indonesia": 1, "CNN Indonesia": 1}, {"cnn indonesia": "CNN Indonesia"}),
        ({"antaranews": 5, "Antaranews": 1}, {"Antaranews": "antaranews"}),
        ({"Pikiran  Rakyat": 1, "PIKIRAN RAKYAT": 1, "pikiran rakyat": 3},
         {"Pikiran  Rakyat": "pikiran rakyat", "PIKIRAN RAKYAT": "pikiran rakyat"}),
        ({"Kompas": 2, "Kompas.com": 1, "Tempo": 1}, {}),
    ],
)  # fmt: skip
def test_one_spelling_per_outlet(counts: dict[str, int], renamed: dict[str, str]) -> None:
    assert chosen_spellings(Counter(counts)) == renamed


def _record(number: int, source: str) -> str:
    return json.dumps(
        {
            "id": f"gempa-{number}",
            "title": f"Gempa Guncang Cianjur, Laporan {number}",
            "text": f"Gempa bermagnitudo 5,6 mengguncang Cianjur pada Senin siang, laporan "
            f"ke-{number} menyebut ratusan rumah rusak berat.",
            "published": f"2022-11-21T1{number}:00:00+07:00",
            "source": source,
        }
    )


def test_stats_and_coverage_count_one_outlet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = cli_news_folder(tmp_path, monkeypatch)
    spellings = ["CNN Indonesia", "cnn indonesia", "Cnn  Indonesia", "Kompas.com"]
    (folder / "news.jsonl").write_text(
        "\n".join(_record(n, s) for n, s in enumerate(spellings)) + "\n", encoding="utf-8"
    )
    assert cli.main(["index", str(folder)]) == 0
    capsys.readouterr()

    assert cli.main(["stats", "--json"]) == 0
    outlets = json.loads(capsys.readouterr().out)["outlets"]
    assert sorted(outlets) == [["CNN Indonesia", 3], ["Kompas.com", 1]]

    assert cli.main(["ask", "--json", "media apa saja yang memberitakan gempa cianjur?"]) == 0
    hit = json.loads(capsys.readouterr().out)["hits"][0]
    assert sorted(hit["story"]["outlets"]) == ["CNN Indonesia", "Kompas.com"]

    assert cli.main(["index", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("No changes")
