"""Convert open bilingual word lists into the bridge files newsbot ships.

English -> Indonesian comes from FreeDict's eng-ind dictionary (dictd format, Debian package
``dict-freedict-eng-ind``); Malay -> Indonesian from Apertium's ind-zlm bilingual dictionary
(Debian package ``apertium-ind-zlm``, read through lttoolbox's ``lt-print``). The runtime
reads only the two TSV files this writes (``index/language/``), never the packages.

    cd "$(mktemp -d)" && apt-get update -qq && apt-get download dict-freedict-eng-ind \\
        apertium-ind-zlm lttoolbox lttoolbox-dev liblttoolbox3
    for deb in *.deb; do dpkg-deb -x "$deb" x; done
    python tools/word_bridge.py x
"""

from __future__ import annotations

import argparse
import collections
import gzip
import os
import re
import subprocess
import sys
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

_HEAD = re.compile(r"^(?P<word>[^/<]+?)\s+(?:/[^<]*/\s*)?<(?P<pos>[^>]+)>\s*$")
_SENSE = re.compile(r"^\d+\.\s*")
_TRAILING_SENSE = re.compile(r"\s+\d+\.\s*$")


def freedict_entries(dict_text: str) -> dict[str, list[str]]:
    """Return English headword -> Indonesian translations, most common sense first."""
    entries: dict[str, list[str]] = collections.defaultdict(list)
    lines = dict_text.splitlines()
    i = 0
    while i < len(lines):
        head = _HEAD.match(lines[i])
        if not head or head["pos"] in {"suffix", "prefix"}:
            i += 1
            continue
        word = head["word"].strip().lower()
        i += 1
        body: list[str] = []
        while i < len(lines) and not _HEAD.match(lines[i]):
            body.append(lines[i])
            i += 1
        # Translation lines come first and after each sense number; the line after each is
        # an English gloss.
        translation_lines = [body[0]] if body and not _SENSE.match(body[0]) else []
        translation_lines += [line for line in body if _SENSE.match(line)]
        for line in translation_lines:
            line = _TRAILING_SENSE.sub("", _SENSE.sub("", line)).strip()
            for translation in line.split(","):
                translation = translation.strip().lower()
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


def apertium_pairs(bidix: Path, lt_print: str, env: dict[str, str]) -> dict[str, list[str]]:
    """Return Malay lemma -> Indonesian lemmas from an Apertium bilingual transducer."""
    att = subprocess.run(
        [lt_print, str(bidix)], capture_output=True, text=True, check=True, env=env
    ).stdout
    sections: list[list[list[str]]] = [[]]
    for line in att.splitlines():
        if line == "--":
            sections.append([])
        else:
            sections[-1].append(line.split("\t"))
    pairs: dict[str, list[str]] = collections.defaultdict(list)
    for section in sections:
        arcs: dict[int, list[tuple[int, str, str]]] = collections.defaultdict(list)
        finals = set()
        for fields in section:
            if len(fields) >= 4:
                arcs[int(fields[0])].append((int(fields[1]), fields[2], fields[3]))
            elif fields and fields[0]:
                finals.add(int(fields[0]))
        stack: list[tuple[int, str, str, frozenset[int]]] = [(0, "", "", frozenset([0]))]
        while stack:
            state, left, right, path = stack.pop()
            if state in finals:
                malay, indonesian = left.split("<")[0], right.split("<")[0]
                if malay != indonesian and indonesian not in pairs[malay]:
                    pairs[malay].append(indonesian)
            for target, a, b in arcs[state]:
                if target not in path:
                    a = "" if a in ("@0@", "ε") else a
                    b = "" if b in ("@0@", "ε") else b
                    stack.append((target, left + a, right + b, path | {target}))
    return {
        word: sorted(found)[:MAX_SENSES]
        for word, found in pairs.items()
        if word and re.fullmatch(r"[a-z][a-z-]*", word)
    }


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
    write_tsv(
        OUT / "en-id.tsv",
        f"# FreeDict eng-ind {edition[1] if edition else '?'} (CC BY-SA 3.0), see README.md\n",
        english,
    )
    env = {**os.environ, "LD_LIBRARY_PATH": str(root / "usr/lib/x86_64-linux-gnu")}
    malay = apertium_pairs(
        root / "usr/share/apertium/apertium-ind-zlm/zlm-ind.autobil.bin",
        str(root / "usr/bin/lt-print"),
        env,
    )
    write_tsv(OUT / "ms-id.tsv", "# Apertium ind-zlm 0.1.2 (GPL-3+), see README.md\n", malay)
    print(f"{len(english)} English and {len(malay)} Malay headwords", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
