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
mount /maʊnt/ <n>
tunggangan
horse
Mount Everest /mˈaʊnt ˈɛvəɹɪst/ <pn>
Gunung Everest
world's highest mountain
Mount Mayon /mə.ˈjɔn/ <pn>
Gunung Mayon
volcano in the Philippines
Bering Strait /bˈeəɹɪŋ stɹˈeɪt/ <pn>
Selat Bering
strait between Russia and Alaska
Sunda Strait /sˈʌndə stɹˈeɪt/ <pn>
Selat Sunda
strait between Java and Sumatra
Persian Gulf /ˌpɜːʒən ˈɡʌlf/ <pn>
Teluk Persia
gulf
new /njuː/ <adj>
baru
recent
New Delhi /njuː ˈdɛli/ <pn>
New Delhi
capital of India
New Jersey /njuː ˈdʒɜːzi/ <pn>
New Jersey
state
New Taipei /njuː taɪˈpeɪ/ <pn>
Taipei Baru
city
New Testament /njuː ˈtɛstəmənt/ <pn>
Perjanjian Baru
scripture
"""


def test_a_word_only_in_two_word_entries_gets_their_sense() -> None:
    raw = word_bridge.raw_entries(DICTIONARY)
    entries = word_bridge.freedict_entries(DICTIONARY)
    assert "plane" not in entries
    gaps, _ = word_bridge.compound_senses(raw, entries)
    assert gaps["plane"] == ["pesawat"]  # shown by two entries, most often first
    assert "central" not in gaps and "east" not in gaps  # they have entries of their own


def test_a_sense_inside_names_needs_two_proper_noun_entries_in_either_order() -> None:
    raw = word_bridge.raw_entries(DICTIONARY)
    _, in_names = word_bridge.compound_senses(raw, word_bridge.freedict_entries(DICTIONARY))
    assert in_names["central"] == ["tengah"]  # Asia Tengah, Luzon Tengah: head first
    assert in_names["mount"] == ["gunung"]  # Gunung Everest, Gunung Mayon: the same order
    assert in_names["strait"] == ["selat"]  # Selat Bering, Selat Sunda: the title moves
    # one entry is not enough ("Persian Gulf"; "East Timor" -> "Timor Leste"), "central
    # bank" is no proper noun, and "new" is kept as spelled in as many names as it is
    # translated in (New Delhi, New Jersey; Taipei Baru, Perjanjian Baru)
    assert "gulf" not in in_names and "east" not in in_names and "new" not in in_names
    assert "bank" not in in_names


def test_irregular_forms_point_at_headwords_of_their_part_of_speech() -> None:
    exceptions = {
        "v": "won win\nshot shoot\nsaw see\nsank sink\nfled flee\n\n",
        "n": "mice mouse\n",
        "adj": "better good well\n",
    }
    parts = {
        "win": {"v"},
        "shoot": {"v"},
        "see": {"v"},
        "saw": {"n"},
        "sink": {"n"},  # the dictionary's sink is a basin (wastafel), no verb
        "mouse": {"n"},
        "good": {"adj", "n"},
    }
    forms = word_bridge.irregular_forms(exceptions, parts)
    assert forms == {
        "won": ["win"],
        "shot": ["shoot"],
        "saw": ["see"],  # a headword itself too: the bridge reads both
        "mice": ["mouse"],
        "better": ["good"],  # "well" is no headword here
    }  # "fled": "flee" is no headword; "sank": the dictionary's sink is no verb


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


def test_acronyms_keep_only_their_translations() -> None:
    raw = word_bridge.raw_entries(
        "UN /jˌuːˈɛn/ <pn>\nPBB\nInitialism of United Nations\n"
        "NATO /ˈneɪ.toʊ/ <pn>\nNATO\nNorth Atlantic Treaty Organization\n"
        "pin /pɪn/ <n>\njarum pentol\nneedle\n"
    )
    assert word_bridge.acronym_senses(raw) == {"un": ["pbb"]}  # NATO is kept as it is


def test_the_fresh_english_set_follows_its_draw(shared: Path) -> None:
    fresh = load(REPO / "benchmarks" / "en_fresh.py")
    corpus = fresh.read_jsonl(shared / "corpus" / "indosum-3000.jsonl")
    asked, others = fresh.draw(corpus)
    written = fresh.read_jsonl(fresh.FRESH)
    texts = {a["id"]: a["text"] for a in asked}
    # two questions per drawn article, in the draw's order, each answered by its text
    assert [q["article"] for q in written] == [a["id"] for a in asked for _ in (1, 2)]
    assert all(any(m in texts[q["article"]] for m in q["must_contain"]) for q in written)
    assert len(others) == 130 and not {a["id"] for a in others} & texts.keys()
    assert not fresh.used_ids(corpus) & {a["id"] for a in [*asked, *others]}
