"""One outlet's alike reports of other happenings stay apart; an index grouped by an older
rule is regrouped once, reusing its vectors.

Read as a reader meets them (BENCHMARKS.md, "Round 8, stories as a reader meets them"),
183 of the 259 pairs the stories of 3,000 IndoSum articles held were one outlet's other
happenings: Rimanews' crime briefs in one template ("Rimanews-Polisi menangkap ..."), one
badminton tournament's rounds on juara.net, one paper's KPK days.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsbot.index.building import store
from newsbot.index.building import stories as built_stories
from newsbot.index.building.build import build_index
from newsbot.index.building.stories import STORIES, read_stories
from newsbot.index.coverage import stories as rules
from newsbot.index.coverage.stories import StoryArticle, group_stories, grouping_rule
from tests.conftest import FakeEmbedder


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


EVENT = _unit(1, 0, 0)
ALIKE = _unit(1, 0.5, 0)  # cosine 0.894: one subject's other happening, or another outlet's
CLOSE = _unit(1, 0.25, 0)  # cosine 0.970: one match's two reports


@pytest.mark.parametrize(
    ("first", "second", "vector", "together"),
    [
        # Two crime briefs of one outlet's template, days apart: apart.
        ("rimanews", "rimanews", ALIKE, False),
        # One tournament's two rounds on one sports site: apart.
        ("juara.net", "juara.net", ALIKE, False),
        # Two outlets as alike: one event's reports, together as before.
        ("rimanews", "antaranews", ALIKE, True),
        ("juara.net", "kumparan", ALIKE, True),
        # One outlet's two reports of one match, closer than that: together.
        ("juara.net", "juara.net", CLOSE, True),
    ],
)
def test_one_outlets_alike_reports_need_to_be_closer(
    first: str, second: str, vector: np.ndarray, together: bool
) -> None:
    assert 0.89 < float(EVENT @ ALIKE) < 0.90 and float(EVENT @ CLOSE) > 0.96
    articles = [
        StoryArticle("a", first, "2017-04-18"),
        StoryArticle("b", second, "2017-04-19"),
    ]
    grouped = group_stories(articles, np.stack([EVENT, vector]))  # the product's rule
    assert (grouped["a"] == grouped["b"]) is together


def test_the_rule_names_the_penalty() -> None:
    assert f"same outlet -{rules.SAME_OUTLET_PENALTY}" in grouping_rule()
    assert rules.SAME_OUTLET_PENALTY > 0


# Two leads of one outlet sharing their words but the places (the fake embedder hashes
# words and their stems): as alike as one template's two briefs, cosine about 0.90.
SHARED = "polisi menangkap seorang pelaku pencurian sepeda motor warga kecamatan setempat"
BRIEF_A = f"{SHARED} Ciledug Tangerang"
BRIEF_B = f"{SHARED} Pesantren Kediri"


def _record(id_: str, source: str, published: str, text: str) -> dict[str, Any]:
    return {
        "id": id_,
        "source": source,
        "published": published,
        "url": f"https://{source}.example/{id_}",
        "title": f"{id_} headline",
        "text": text,
    }


def _sources(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "news.jsonl"
    records = [
        _record("brief-a", "rimanews", "2017-04-18", BRIEF_A),
        _record("brief-b", "rimanews", "2017-04-19", BRIEF_B),
        _record("other", "suara", "2017-04-19", "Harga cabai rawit naik dua kali lipat."),
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_an_index_grouped_by_an_older_rule_is_regrouped_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embed = FakeEmbedder()
    a, b = embed.embed_passages([BRIEF_A, BRIEF_B])
    assert 0.88 <= float(a @ b) < 0.88 + rules.SAME_OUTLET_PENALTY
    sources = _sources(tmp_path / "news")
    index = tmp_path / "idx"
    # The previous release: no same-outlet penalty, and its rule recorded (or none at all).
    older = grouping_rule().replace(f"-{rules.SAME_OUTLET_PENALTY};", "-0.0;")
    with monkeypatch.context() as patch:
        patch.setattr(
            built_stories, "group_stories", functools.partial(group_stories, same_outlet_penalty=0)
        )
        patch.setattr(built_stories, "grouping_rule", lambda: older)
        build_index(index, [sources], FakeEmbedder())
    before = store.live_version(index)
    stories = read_stories(before)
    assert stories["brief-a"] == stories["brief-b"]
    assert json.loads((before / STORIES).read_text())["grouping"] == older

    embedder = FakeEmbedder()
    build_index(index, [sources], embedder)
    after = store.live_version(index)
    assert after != before and embedder.passages_embedded == 0  # every vector reused
    stories = read_stories(after)
    assert stories["brief-a"] != stories["brief-b"]
    assert json.loads((after / STORIES).read_text())["grouping"] == grouping_rule()

    # Grouped by today's rule, a build with nothing changed keeps the version as it is.
    build_index(index, [sources], FakeEmbedder())
    assert store.live_version(index) == after


def test_stories_written_before_the_rule_was_recorded_are_regrouped(tmp_path: Path) -> None:
    sources = _sources(tmp_path / "news")
    index = tmp_path / "idx"
    build_index(index, [sources], FakeEmbedder())
    live = store.live_version(index)
    assert built_stories.grouped_as_now(live)
    # An older stories.json, {"articles": ...} alone, reads as grouped by another rule.
    stories = read_stories(live)
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"articles": stories}))
    assert built_stories.read_grouping(tmp_path / "missing") is None
    old = tmp_path / "old-version"
    old.mkdir()
    (old / STORIES).write_text(json.dumps({"articles": stories}))
    assert built_stories.read_grouping(old) is None and not built_stories.grouped_as_now(old)
    (old / STORIES).write_text("not json")
    assert built_stories.read_grouping(old) is None
