"""Convert an open bilingual word list into the bridge file newsbot ships.

English -> Indonesian comes from FreeDict's eng-ind dictionary (dictd format, Debian package
``dict-freedict-eng-ind``); English irregular forms ("won" -> "win") from WordNet 3.0's
exception lists (Debian package ``wordnet-base``). The runtime reads only the TSV files this
writes (``index/language/``), never the packages. (A Malay -> Indonesian list from
Apertium's ind-zlm, GPL-3+, was shipped once and dropped: it bought one Malay question in
150, DEVELOPERS.md.)

    cd "$(mktemp -d)" && apt-get update -qq && apt-get download dict-freedict-eng-ind wordnet-base
    for deb in *.deb; do dpkg-deb -x "$deb" x; done
    python tools/word_bridge.py x
"""

from __future__ import annotations

import argparse
import collections
import gzip
import re
import sys
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "index" / "language"
#: Senses kept per English headword: more is noise for retrieval (the first ones are the
#: most common in Wiktionary's order).
MAX_SENSES = 3
#: Words in a kept translation ("perahu naga" yes, a defining phrase no).
MAX_TRANSLATION_WORDS = 2
#: Words in a kept English headword ("dragon boat" yes).
MAX_HEADWORD_WORDS = 2
#: Words of an English gloss read as a list of synonyms ("leader, chief, mastermind").
SYNONYM_LIST = (2, 4)
#: Proper-noun entries that must show a word's sense before a name (one could be a name's
#: own word: "East Timor" -> "Timor Leste" does not make east "leste").
MIN_NAME_ENTRIES = 2
#: WordNet's exception lists of irregular forms, with the dictionary's part of speech each
#: lists forms of.
EXCEPTION_LISTS = {"verb.exc": "v", "noun.exc": "n", "adj.exc": "adj"}

_HEAD = re.compile(r"^(?P<word>[^/<]+?)\s+(?:/[^<]*/\s*)?<(?P<pos>[^>]+)>\s*$")
_SENSE = re.compile(r"^\d+\.\s*")
_TRAILING_SENSE = re.compile(r"\s+\d+\.\s*$")


def raw_entries(dict_text: str) -> list[tuple[str, str, list[str]]]:
    """Return every entry of the dictionary as (headword as printed, part of speech,
    lowercased translations in order), suffix and prefix entries apart."""
    entries = []
    lines = dict_text.splitlines()
    i = 0
    while i < len(lines):
        head = _HEAD.match(lines[i])
        if not head or head["pos"] in {"suffix", "prefix"}:
            i += 1
            continue
        i += 1
        body: list[str] = []
        while i < len(lines) and not _HEAD.match(lines[i]):
            body.append(lines[i])
            i += 1
        # Translation lines come first and after each sense number; the line after each is
        # an English gloss.
        translation_lines = [body[0]] if body and not _SENSE.match(body[0]) else []
        translation_lines += [line for line in body if _SENSE.match(line)]
        translations = []
        for line in translation_lines:
            line = _TRAILING_SENSE.sub("", _SENSE.sub("", line)).strip()
            translations += [t.strip().lower() for t in line.split(",") if t.strip()]
        entries.append((head["word"].strip(), head["pos"], translations))
    return entries


def freedict_entries(dict_text: str) -> dict[str, list[str]]:
    """Return English headword -> Indonesian translations, most common sense first."""
    entries: dict[str, list[str]] = collections.defaultdict(list)
    for headword, _, translations in raw_entries(dict_text):
        word = headword.lower()
        for translation in translations:
            if (
                translation
                and translation != word
                and len(translation.split()) <= MAX_TRANSLATION_WORDS
                and re.fullmatch(r"[a-z][a-z' -]*", translation)
                and translation not in entries[word]
            ):
                entries[word].append(translation)
    return {
        word: senses[:MAX_SENSES]
        for word, senses in entries.items()
        if senses
        and len(word.split()) <= MAX_HEADWORD_WORDS
        and re.fullmatch(r"[a-z][a-z -]*", word)
    }


def _translates(english: str, indonesian: str, entries: dict[str, list[str]]) -> bool:
    """Whether ``indonesian`` is ``english`` itself or a word of one of its senses."""
    english = english.lower()
    return indonesian == english or any(
        indonesian in sense.split() for sense in entries.get(english, ())
    )


def compound_senses(
    raw: list[tuple[str, str, list[str]]], entries: dict[str, list[str]]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Return the word senses the dictionary's two-word entries show.

    An entry "A B" translated "P Q" whose one Indonesian word translates one English word
    (or is it, as a name is) gives the other Indonesian word to the other English word
    ("jet plane" -> "pesawat jet": plane -> pesawat). Returns (1) senses for English words
    the dictionary has no entry of their own for, most often seen first, at most
    :data:`MAX_SENSES`; (2) the sense a word takes inside a name, read off the proper-noun
    entries in either order: "Central Asia" -> "Asia Tengah" (central -> tengah, not pusat),
    "Mount Everest" -> "Gunung Everest" (mount -> gunung, not tunggangan), "Sunda Strait" ->
    "Selat Sunda" (strait -> selat), kept when at least :data:`MIN_NAME_ENTRIES` entries show
    it, even when it is one of the word's senses already (lake -> danau, of danau and telaga),
    and not when the word is kept as spelled in as many of them ("New Delhi").
    """
    gaps: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    in_names: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for headword, pos, translations in raw:
        words = headword.split()
        if len(words) != 2 or not all(re.fullmatch(r"[A-Za-z]+", w) for w in words):
            continue
        a, b = words
        for translation in translations:
            pair = translation.split()
            if len(pair) != 2 or not all(re.fullmatch(r"[a-z]+", p) for p in pair):
                continue
            for known, other in ((a, b), (b, a)):
                for shown, rest in ((pair[0], pair[1]), (pair[1], pair[0])):
                    if rest == shown or not _translates(known, shown, entries):
                        continue
                    if pos == "pn" and a[0].isupper() and b[0].isupper():
                        in_names[other.lower()][rest] += 1
                    if _translates(other, rest, entries):
                        continue
                    if other.lower() not in entries:
                        gaps[other.lower()][rest] += 1
    return (
        {w: [s for s, _ in c.most_common(MAX_SENSES)] for w, c in gaps.items()},
        {
            w: [s for s, n in c.most_common(MAX_SENSES) if n >= MIN_NAME_ENTRIES and s != w]
            for w, c in in_names.items()
            # a word kept as spelled in as many names as it is translated in has no sense
            # of its own there ("New Delhi", "New Jersey" against "Taipei Baru")
            if (best := c.most_common(1)[0])[1] >= MIN_NAME_ENTRIES
            and best[0] != w
            and c[w] < best[1]
        },
    )


def acronym_senses(raw: list[tuple[str, str, list[str]]]) -> dict[str, list[str]]:
    """Return the senses of the dictionary's acronyms, its headwords written in capitals
    ("UN" -> "pbb", "US" -> "as", "GDP" -> "pdb"), lowercased as :func:`freedict_entries`
    keeps them; an acronym kept as it is ("NATO" -> "NATO") has none."""
    found: dict[str, list[str]] = {}
    for headword, _, translations in raw:
        if not re.fullmatch(r"[A-Z]{2,}", headword):
            continue
        word = headword.lower()
        kept = [
            t
            for t in translations
            if t != word
            and len(t.split()) <= MAX_TRANSLATION_WORDS
            and re.fullmatch(r"[a-z][a-z' -]*", t)
        ]
        for translation in kept:
            senses = found.setdefault(word, [])
            if translation not in senses and len(senses) < MAX_SENSES:
                senses.append(translation)
    return found


def irregular_forms(
    exceptions: Mapping[str, str], parts: Mapping[str, set[str]]
) -> dict[str, list[str]]:
    """Return English irregular forms with the headwords they are forms of, from WordNet's
    exception lists (``exceptions``: a part of speech, "v", "n" or "adj", to the text of its
    list, "form base…" a line): a form whose base has an entry of that part of speech in the
    dictionary (``parts``: headword -> its entries' parts of speech) — "won" -> "win" (a
    verb), "mice" -> "mouse" (a noun); a verb's form is not pointed at a word the dictionary
    has as a noun only. The form may be a headword itself ("left" is kiri and a form of
    "leave": the bridge reads both)."""
    forms: dict[str, list[str]] = collections.defaultdict(list)
    for part, text in exceptions.items():
        for line in text.splitlines():
            form, *bases = line.split() or [""]
            if not re.fullmatch(r"[a-z]+", form):
                continue
            for base in bases:
                if base != form and part in parts.get(base, ()) and base not in forms[form]:
                    forms[form].append(base)
    return {form: bases for form, bases in forms.items() if bases}


def _senses_with_glosses(dict_text: str) -> Iterator[tuple[str, list[str]]]:
    """Yield each sense of the dictionary as (its English gloss, its translations)."""
    lines = dict_text.splitlines()
    i = 0
    while i < len(lines):
        head = _HEAD.match(lines[i])
        i += 1
        if not head or head["pos"] in {"suffix", "prefix"}:
            continue
        body: list[str] = []
        while i < len(lines) and not _HEAD.match(lines[i]):
            body.append(lines[i])
            i += 1
        for j, line in enumerate(body[:-1]):
            if not (_SENSE.match(line) or j == 0) or _SENSE.match(body[j + 1]):
                continue
            gloss = _TRAILING_SENSE.sub("", body[j + 1]).strip()
            sense = _TRAILING_SENSE.sub("", _SENSE.sub("", line))
            yield gloss, [t.strip().lower() for t in sense.split(",") if t.strip()]


def synonym_senses(dict_text: str, known: Collection[str]) -> dict[str, list[str]]:
    """Return the senses the dictionary's glosses show for English words it has no entry of
    their own for (none of ``known``).

    A sense whose English gloss is a list of two to four plain words ("kepala, pimpin"
    glossed "leader, chief, mastermind") gives each of them that sense (leader → kepala,
    pimpin). A one-word gloss is not read: it names a kind, not a synonym ("nona" glossed
    "title"). Translations are kept as :func:`freedict_entries` keeps them, at most
    :data:`MAX_SENSES` per word, most often seen first.
    """
    found: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    low, high = SYNONYM_LIST
    for gloss, translations in _senses_with_glosses(dict_text):
        words = [w.strip() for w in gloss.split(",")]
        if not low <= len(words) <= high or not all(re.fullmatch(r"[a-z]+", w) for w in words):
            continue
        kept = [
            t
            for t in translations
            if len(t.split()) <= MAX_TRANSLATION_WORDS and re.fullmatch(r"[a-z][a-z' -]*", t)
        ]
        for word in words:
            if word not in known:
                for translation in kept:
                    if translation != word:
                        found[word][translation] += 1
    return {w: [s for s, _ in c.most_common(MAX_SENSES)] for w, c in found.items() if c}


def write_tsv(path: Path, header: str, entries: dict[str, list[str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for word in sorted(entries):
            out.write(f"{word}\t{'|'.join(entries[word])}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="where the Debian packages were unpacked")
    args = parser.parse_args(argv)
    root: Path = args.root
    dictd = root / "usr/share/dictd/freedict-eng-ind.dict.dz"
    text = gzip.decompress(dictd.read_bytes()).decode("utf-8")
    edition = re.search(r"Edition: (\S+)", text)
    english = freedict_entries(text)
    gaps, in_names = compound_senses(raw_entries(text), english)
    synonyms = synonym_senses(text, english.keys() | gaps.keys())
    source = f"FreeDict eng-ind {edition[1] if edition else '?'} (CC BY-SA 3.0), see README.md"
    table = {**synonyms, **gaps, **english}
    write_tsv(OUT / "en-id.tsv", f"# {source}\n", table)
    write_tsv(OUT / "en-id-names.tsv", f"# {source}; senses inside a name\n", in_names)
    acronyms = acronym_senses(raw_entries(text))
    write_tsv(OUT / "en-id-acronyms.tsv", f"# {source}; acronyms\n", acronyms)
    wordnet = root / "usr/share/wordnet"
    exceptions = {
        part: (wordnet / name).read_text(encoding="utf-8") for name, part in EXCEPTION_LISTS.items()
    }
    parts: dict[str, set[str]] = collections.defaultdict(set)
    for headword, pos, _ in raw_entries(text):
        if headword.lower() in table:
            parts[headword.lower()].add(pos)
    forms = irregular_forms(exceptions, parts)
    write_tsv(
        OUT / "en-forms.tsv",
        "# WordNet 3.0 exception lists (WordNet licence), see README.md\n",
        forms,
    )
    print(
        f"{len(english)} English headwords, {len(gaps)} more from two-word entries, "
        f"{len(synonyms)} more from glosses that list synonyms, "
        f"{len(in_names)} with a sense inside names, {len(acronyms)} acronyms, "
        f"{len(forms)} irregular forms",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
