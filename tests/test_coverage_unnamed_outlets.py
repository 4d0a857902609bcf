"""A coverage answer about a story whose articles name no outlet (copy-pastes without
their outlet line, records without a source) names them as the story line does, "unknown
outlet", never "0 outlets reported this: ."."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbot.bot import cli
from tests.conftest import cli_news_folder, write_article

QUESTIONS = [
    ("media apa saja yang memberitakan gempa Mamuju?", "media tak dikenal"),
    ("berapa artikel tentang gempa Mamuju?", "media tak dikenal"),
    ("which outlets reported the Mamuju earthquake?", "unknown outlet"),
    ("how many articles about the Mamuju earthquake?", "unknown outlet"),
]


@pytest.mark.parametrize("shape", ["text", "record"])
@pytest.mark.parametrize(("question", "unknown"), QUESTIONS)
def test_articles_without_an_outlet_are_named_unknown(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    shape: str,
    question: str,
    unknown: str,
) -> None:
    folder = cli_news_folder(tmp_path, monkeypatch)
    text = "Gempa bumi bermagnitudo 6,2 mengguncang Mamuju, Sulawesi Barat, Jumat dini hari."
    if shape == "text":
        write_article(folder, "gempa.txt", "Gempa Guncang Mamuju", text)
    else:
        record = {"title": "Gempa Guncang Mamuju", "text": text, "published": "2021-01-15"}
        (folder / "gempa.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert cli.main(["index", str(folder)]) == 0
    capsys.readouterr()

    assert cli.main(["ask", question]) == 0
    head = capsys.readouterr().out.splitlines()[0]

    assert head.startswith(("1 ", "1 article", "1 artikel")), head
    assert unknown in head.split(".")[0] and ": ." not in head and "()" not in head, head
