"""The figures two reports of one happening share (``coverage.figures``), and the lift
``group_stories(figure_bonus=...)`` gives them: measured, off by default."""

from __future__ import annotations

import numpy as np
import pytest

from newsbot.index.coverage import stories as story_rules
from newsbot.index.coverage.figures import figures
from newsbot.index.coverage.stories import StoryArticle, group_stories


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Gempa berkekuatan 6,6 SR merusak 348 bangunan.", {"6,6", "348"}),
        ("Gempa 6,6 magnitudo.", {"6,6"}),  # the unit is not read: one outlet's SR, another's
        ("Barcelona menang 2-0 atas Espanyol.", {"0-2"}),
        ("Garuda Muda takluk 0 - 2.", {"0-2"}),  # one score, either way round
        ("Kerugian negara Rp 2,3 triliun, 1.200 saksi.", {"2,3", "1.200"}),
        ("Sidang digelar Kamis (14/12/2017) pukul 10.00 WIB.", set()),  # date and clock
        ("Pada tahun 2017, 4 orang luka.", set()),  # a year, a one-digit count
        ("Rapat pada 22/9/2017 dan 5/10.", set()),
        ("Timnas U-19 dan KTT G20.", set()),  # in a name: the subject's, not the happening's
        ("Tanpa angka.", set()),
    ],
)
def test_figures_as_written(text: str, found: set[str]) -> None:
    assert figures(text) == found


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


EVENT = _unit(1, 0, 0)
REWORDED = _unit(0.87, float(np.sqrt(1 - 0.87**2)), 0)  # cosine 0.87: under 0.88


def test_one_matchs_reports_sharing_the_score_are_lifted_over_the_threshold() -> None:
    coach = StoryArticle("a", "juara.net", "2017-06-04", None, "Timnas U-19 takluk 0-2 dari Ceko.")
    striker = StoryArticle("b", "merdeka", "2017-06-04", None, "Kalah 2-0, kata Egy, pengalaman.")
    vectors = np.stack([EVENT, REWORDED])
    plain = group_stories([coach, striker], vectors)
    assert plain["a"] != plain["b"]
    lifted = group_stories([coach, striker], vectors, figure_bonus=0.02)
    assert lifted["a"] == lifted["b"]
    # Undated, seen the next day: the same lift (less the undated cut, so a larger bonus).
    seen = StoryArticle("c", "merdeka", None, "2017-06-05T04:30:00Z", "Kalah 2-0, kata Egy.")
    assert len(set(group_stories([coach, seen], vectors, figure_bonus=0.04).values())) == 1
    # The same club's next match, another score: no lift.
    next_match = StoryArticle("d", "merdeka", "2017-06-05", None, "Timnas U-19 kalah 1-3.")
    apart = group_stories([coach, next_match], vectors, figure_bonus=0.02)
    assert apart["a"] != apart["d"]
    # A report giving no figure at all: no lift either.
    bare = StoryArticle("e", "suara", "2017-06-04", None, "Timnas U-19 kalah dari Ceko.")
    assert len(set(group_stories([coach, bare], vectors, figure_bonus=0.02).values())) == 2


def test_the_default_reads_no_figure() -> None:
    assert story_rules.FIGURE_BONUS == 0.0
