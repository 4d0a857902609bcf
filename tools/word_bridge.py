"""Convert an open bilingual word list into the bridge file newsbot ships.

English -> Indonesian comes from FreeDict's eng-ind dictionary (dictd format, Debian package
``dict-freedict-eng-ind``). The runtime reads only the TSV file this writes
(``index/language/en-id.tsv``), never the package. (A Malay -> Indonesian list from
Apertium's ind-zlm, GPL-3+, was shipped once and dropped: it bought one Malay question in
150, DEVELOPERS.md.)

    cd "$(mktemp -d)" && apt-get update -qq && apt-get download dict-freedict-eng-ind
    for deb in *.deb; do dpkg-deb -x "$deb" x; done
    python tools/word_bridge.py x
"""

from __future__ import annotations

import argparse
import collections
import gzip
import re
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
    print(f"{len(english)} English headwords", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
