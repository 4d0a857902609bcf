"""The names and figures two openings share, weighted by rarity (``coverage.particulars``):
the evidence round 9 measured as a conjunctive condition on the story join."""

from __future__ import annotations

import numpy as np
import pytest

from newsbot.index.coverage.particulars import Particulars, particulars


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kapal USS John S McCain bertabrakan", {"n:uss", "n:john", "n:mccain", "n:kapal"}),
        ("Rimanews-Polisi menangkap 3 pelaku", {"n:rimanews", "n:polisi"}),  # hyphen parts
        ("KPK memeriksa Setya Novanto", {"n:kpk", "n:setya", "n:novanto"}),
        ("Gempa 6,6 SR merusak 348 rumah", {"n:gempa", "n:sr", "f:6,6", "f:348"}),
        ("Barcelona menang 2-0", {"n:barcelona", "f:0-2"}),
        ("tanpa nama dan angka", set()),
        ("", set()),
    ],
)
def test_particulars_are_capitalised_words_and_figures(text: str, found: set[str]) -> None:
    assert particulars(text) == found


OPENINGS = [
    "Polisi Tegal menangkap Wali Kota Siti Masitha dalam OTT, 4 orang diamankan.",
    "KPK menggelar OTT di Tegal: Siti Masitha dan 4 orang lain dibawa ke Jakarta.",
    "Polisi Jakarta menangkap pengedar narkoba di Kemayoran.",
    "Polisi Bandung menangkap pencuri motor di Dago.",
    "Polisi Surabaya menangkap penipu arisan online.",
    "harga cabai naik di pasar tradisional",
]


def test_one_events_reports_share_rare_particulars_more_than_a_template() -> None:
    alike = Particulars(OPENINGS)
    tegal = alike.row(0)
    # The two reports of Tegal's OTT share its rare names and its figure; the other
    # "Polisi ... menangkap" briefs share only the common word of their template.
    assert tegal[1] > 0.3
    assert tegal[1] > 2 * max(tegal[2], tegal[3], tegal[4])
    assert tegal[5] == 0.0
    assert np.isclose(tegal[0], 1.0)
    assert list(alike.has) == [True] * 5 + [False]


def test_a_common_word_weighs_less_than_a_rare_one() -> None:
    alike = Particulars(OPENINGS)
    # Articles 2 and 3 share "Polisi" (held by 4 of 6); articles 0 and 1 share rarer ones.
    assert 0 < alike.row(2)[3] < alike.row(0)[1]


def test_no_particular_anywhere_is_alike_to_nothing() -> None:
    alike = Particulars(["tanpa nama", "juga tanpa"])
    assert not alike.has.any()
    assert alike.row(0).tolist() == [0.0, 0.0]


def test_row_at_a_time_matches_the_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = Particulars(OPENINGS)
    monkeypatch.setattr("newsbot.index.coverage.particulars.MATRIX_UP_TO", 2)
    rows = Particulars(OPENINGS)
    assert rows.matrix is None
    for i in range(len(OPENINGS)):
        assert np.allclose(rows.row(i), whole.row(i), atol=1e-6)
