"""An outlet's date line in a copy-paste, whatever its name's case and length: the line
under a byline is not glued to it, and the time after a bar is kept."""

from __future__ import annotations

import pytest

from newsbot.index.reading.readers import read_text_article

HEADLINE = "Harga Cabai Rawit Melonjak Jelang Lebaran"
BODY = (
    "Jakarta - Harga cabai rawit merah di Pasar Induk Kramat Jati naik menjadi Rp 90.000 "
    "per kilogram dari sebelumnya.\n\nKementerian Perdagangan berjanji menggelar operasi "
    "pasar di 15 titik di Jakarta pekan ini.\n"
)
OUTLETS = ["detikFinance", "kumparan", "merdeka.com", "liputan6.com", "Jawa Pos", "CNN Indonesia"]


@pytest.mark.parametrize("outlet", OUTLETS)
@pytest.mark.parametrize("byline", ["", "Reporter: Siti Aminah\n", "Oleh: Siti Aminah\n"])
@pytest.mark.parametrize("separator", [" - ", " | "])
def test_outlet_date_line_is_read_whole(outlet: str, byline: str, separator: str) -> None:
    text = f"{HEADLINE}\n{byline}{outlet}{separator}Senin, 3 Mei 2021 | 10:00 WIB\n\n{BODY}"
    article = read_text_article(text, "cabai.txt")
    assert article.title == HEADLINE
    assert article.published == "2021-05-03T10:00:00+07:00"
    assert article.source is not None and article.source.lower() == outlet.lower()
    assert article.author == ("Siti Aminah" if byline else None)
    assert article.paragraphs[0].startswith("Harga cabai rawit")


@pytest.mark.parametrize(
    "line", ["Kamis, 6 Mei 2021 | 21:45 WIB - Jawa Pos", "Media Indonesia | 6/5/2021 | 21:45 WIB"]
)
def test_outlet_after_or_around_the_date(line: str) -> None:
    article = read_text_article(f"{HEADLINE}\n{line}\n\n{BODY}", "cabai.txt")
    assert article.published == "2021-05-06T21:45:00+07:00"
    assert article.paragraphs[0].startswith("Harga cabai rawit")


def test_a_wrapped_story_line_is_still_joined() -> None:
    """A story's own line that starts in lower case and names a day is no outlet's line."""
    text = (
        f"{HEADLINE}\n\nHarga cabai rawit merah di Pasar Induk naik, kata pedagang\n"
        "pada Senin, 3 Mei 2021 pukul 10.00 WIB\nkepada wartawan di Jakarta.\n"
    )
    article = read_text_article(text, "cabai.txt")
    assert article.paragraphs == (
        "Harga cabai rawit merah di Pasar Induk naik, kata pedagang pada Senin, 3 Mei 2021 "
        "pukul 10.00 WIB kepada wartawan di Jakarta.",
    )
