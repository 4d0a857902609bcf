"""The hit@5 miss diagnosis (``benchmarks/rank_misses.py``): its buckets and its hints of why
the lexical side lost a passage, on hand-made questions and paragraphs in both languages."""

from __future__ import annotations

import importlib.util
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


misses = load(REPO / "benchmarks" / "rank_misses.py")


def test_a_place_falls_in_one_bucket() -> None:
    assert [misses.bucket(p) for p in (1, 5, 6, 10, 11, 30, None)] == [
        "1-5",
        "1-5",
        "6-10",
        "6-10",
        "11-30",
        "11-30",
        "beyond 30",
    ]


def test_a_date_is_read_as_written_with_its_month_or_with_a_slash() -> None:
    named, slashed = misses.dates("Berapa orang tewas di Venezuela 16 Agustus 2005?")
    assert (named, slashed) == ({(16, 8)}, set())
    named, slashed = misses.dates("Caracas, Rabu - Sebuah pesawat jatuh Selasa (16/8).")
    assert (named, slashed) == (set(), {(16, 8)})
    # A score reads as a pair too: a hint needs the same pair on both sides.
    assert misses.dates("Skor 21/19 dan 3 Mei") == ({(3, 5)}, {(21, 19)})


def test_a_near_form_is_a_word_the_stemmer_does_not_join() -> None:
    # A compound and a syllable acronym hold the question's word without sharing its term.
    assert misses.near_forms(
        "Siapa yang menata kawasan Dieng untuk wisata?", "Kawasan pariwisata di Dieng"
    ) == ["wisata→pariwisata"]
    assert misses.near_forms("Siapa pemegang rekornas renang?", "Ia memegang rekor renang") == [
        "rekornas→rekor"
    ]
    # An affix the stemmer reads is no near form: both words give the term "kerah".
    assert misses.near_forms("Siapa yang mengerahkan pasukan?", "Pasukan dikerahkan") == []
    # English: a word the index writes in its Indonesian spelling.
    assert misses.near_forms("How many medals did Thailand win?", "Thailand meraih medali") == [
        "medals→medali"
    ]
