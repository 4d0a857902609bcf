"""The English holdout: which Indonesian dev questions it translates, and a check of the file.

``en_holdout.jsonl`` holds 80 English questions written by hand, blind (before any system was
run on them), as plain translations of Indonesian dev questions (``dev_id.jsonl``) that are
not among the 60 of ``dev_en.jsonl``. The questions were picked by this rule, not by how the
system does on them:

* order the other dev questions by the SHA-256 of their ``id``;
* ``place``: the first 20 whose Indonesian question names a place with a compass or position
  word (``Jawa Timur``, ``Korea Selatan``, ``Kalimantan Tengah``…, :data:`PLACE`);
* ``hash``: then the first 60 of the rest, skipping a question worded like one already taken.

Names and numbers are kept; place names take their English form (``Sumatera Barat`` → "West
Sumatra"). Nothing is tuned on these questions; ``quality.py`` reports them apart.

    python benchmarks/en_holdout.py --shared ../shared   # checks the file against the rule
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOLDOUT = HERE / "en_holdout.jsonl"
PLACE = re.compile(
    r"\b(Jawa|Kalimantan|Sumatera|Sumatra|Sulawesi|Nusa Tenggara|Papua|Korea|Jakarta|Afrika"
    r"|Amerika|Eropa|Asia|Maluku)\s+(Timur|Barat|Tengah|Utara|Selatan|Tenggara|Daya)\b"
)
PLACES, OTHERS = 20, 60


def pick(dev_id: list[dict[str, str]], dev_en: list[dict[str, str]]) -> list[tuple[str, str]]:
    """Return (rule, id) of the dev questions the holdout translates, in its order."""
    seen = {q["id"] for q in dev_en}
    ordered = sorted(
        (q for q in dev_id if q["id"] not in seen),
        key=lambda q: hashlib.sha256(q["id"].encode()).hexdigest(),
    )
    places = [q for q in ordered if PLACE.search(q["question"])][:PLACES]
    out = [("place", q["id"]) for q in places]
    worded = {q["question"].strip().lower() for q in places}
    taken = {q["id"] for q in places}
    for q in ordered:
        if len(out) == PLACES + OTHERS:
            break
        text = q["question"].strip().lower()
        if q["id"] in taken or text in worded:
            continue
        worded.add(text)
        out.append(("hash", q["id"]))
    return out


def read_jsonl(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    args = parser.parse_args(argv)
    eval_dir = args.shared / "eval"
    if not (eval_dir / "dev_id.jsonl").is_file():
        print(f"no dev questions under {eval_dir}", file=sys.stderr)
        return 2
    want = pick(read_jsonl(eval_dir / "dev_id.jsonl"), read_jsonl(eval_dir / "dev_en.jsonl"))
    have = [(q["rule"], q["id"]) for q in read_jsonl(HOLDOUT)]
    if want != have:
        print("en_holdout.jsonl does not follow the rule", file=sys.stderr)
        return 1
    print(f"{len(have)} questions follow the rule")
    return 0


if __name__ == "__main__":
    sys.exit(main())
