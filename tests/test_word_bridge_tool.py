"""The converter that writes the shipped word lists (``tools/word_bridge.py``): senses read
off the dictionary's two-word entries, on a small dictionary in its dictd text layout; and
the English holdout's rule (``benchmarks/en_holdout.py``)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


word_bridge = load(REPO / "tools" / "word_bridge.py")

DICTIONARY = """\
central /ˈsɛntɹəl/ <adj>
pusat, sentral
in the middle
central bank /sˈɛntɹəl bˈaŋk/ <n>
bank sentral
bank of a state
Central Asia /sˈɛntɹəl ˈeɪʃə/ <pn>
Asia Tengah
region of Asia
Central Luzon /sˈɛntɹəl lˈuːzɒn/ <pn>
Luzon Tengah
region of the Philippines
East Timor /iːst ˈtiːmɔː/ <pn>
Timor Leste
country
East Germany /iːst ˈdʒɜːməni/ <pn>
Jerman Timur
former country
east /iːst/ <n>
timur
direction
jet /dʒɛt/ <n>
jet
aircraft
jet plane /dʒɛt pleɪn/ <n>
pesawat jet
aircraft
fighter plane /ˈfaɪtə pleɪn/ <n>
pesawat tempur
military aircraft
fighter /ˈfaɪtə/ <n>
pejuang, tempur
one who fights
head /hɛd/ <n>
1. kepala 2.
end of hammer
2. kepala, pimpin
leader, chief, mastermind
Miss /mɪs/ <n>
nona
title
elder /ˈɛldə/ <n>
1. tetua
leader of a community
"""


def test_a_word_only_in_two_word_entries_gets_their_sense() -> None:
    raw = word_bridge.raw_entries(DICTIONARY)
    entries = word_bridge.freedict_entries(DICTIONARY)
    assert "plane" not in entries
    gaps, _ = word_bridge.compound_senses(raw, entries)
    assert gaps["plane"] == ["pesawat"]  # shown by two entries, most often first
    assert "central" not in gaps and "east" not in gaps  # they have entries of their own


def test_a_sense_before_names_needs_two_head_first_proper_noun_entries() -> None:
    raw = word_bridge.raw_entries(DICTIONARY)
    _, before_names = word_bridge.compound_senses(raw, word_bridge.freedict_entries(DICTIONARY))
    assert before_names == {"central": ["tengah"]}  # Asia Tengah, Luzon Tengah
    # "East Timor" -> "Timor Leste" is one entry, and east's sense (timur) is known already;
    # "central bank" is no proper noun.


def test_a_gloss_that_lists_synonyms_gives_each_listed_word_the_sense() -> None:
    entries = word_bridge.freedict_entries(DICTIONARY)
    synonyms = word_bridge.synonym_senses(DICTIONARY, entries.keys())
    # "kepala, pimpin" glossed "leader, chief, mastermind": a list of plain words
    assert synonyms["leader"] == ["kepala", "pimpin"]
    assert synonyms["mastermind"] == ["kepala", "pimpin"]
    # a one-word gloss names a kind ("nona" is a title, title is not "nona"), and a
    # defining phrase ("leader of a community") is no list of synonyms
    assert "title" not in synonyms and "community" not in synonyms
    assert word_bridge.synonym_senses(DICTIONARY, {"leader"}).get("leader") is None


def test_the_english_holdout_follows_its_rule(shared: Path) -> None:
    holdout = load(REPO / "benchmarks" / "en_holdout.py")
    read = holdout.read_jsonl
    picked = holdout.pick(
        read(shared / "eval" / "dev_id.jsonl"), read(shared / "eval" / "dev_en.jsonl")
    )
    written = [json.loads(line) for line in holdout.HOLDOUT.read_text().splitlines()]
    assert [(q["rule"], q["id"]) for q in written] == picked
    assert len(written) == 80 and all(q["lang"] == "en" and q["question"] for q in written)
