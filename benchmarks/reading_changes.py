"""What this checkout's readers change against another checkout's, on a JSONL corpus.

usage: python benchmarks/reading_changes.py OTHER_CHECKOUT [CORPUS.jsonl] [--show]

Reads every record with both checkouts' ``article_from_record`` (the other in a subprocess,
so the two ``newsbot`` packages never meet) and prints, for each half of the corpus, how
many first paragraphs lost a dateline, how many articles got a place and an author, and
how many paragraphs were dropped otherwise (``--show`` lists them): the paragraphs the new
cleaning takes for lists of other stories, pagination, relative times or bylines, to be
read for mistakes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

_DUMP = """
import json, sys
from newsbot.index.reading.readers import article_from_record
out = []
for number, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    try:
        article = article_from_record(json.loads(line), f"corpus:{number}")
    except ValueError:
        out.append(None)
        continue
    out.append({"paragraphs": list(article.paragraphs), "place": getattr(article, "place", None),
                "author": getattr(article, "author", None), "published": article.published})
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
"""


def dump(checkout: Path | None, corpus: Path, target: Path) -> list[dict[str, object] | None]:
    """The articles one checkout reads from ``corpus`` (None for a record it skips)."""
    env = dict(os.environ)
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    subprocess.run(
        [sys.executable, "-c", _DUMP, str(corpus), str(target)],
        check=True,
        env=env,
        cwd=tempfile.gettempdir() if checkout is not None else None,
    )
    data: list[dict[str, object] | None] = json.loads(target.read_text(encoding="utf-8"))
    return data


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    other = Path(args[0]).resolve()
    corpus = Path(args[1] if len(args) > 1 else "../shared/corpus/indosum-3000.jsonl").resolve()
    with tempfile.TemporaryDirectory() as folder:
        old = dump(other, corpus, Path(folder) / "old.json")
        new = dump(None, corpus, Path(folder) / "new.json")
    half = len(old) // 2
    for name, span in (("first half", range(half)), ("second half", range(half, len(old)))):
        cuts = places = authors = 0
        dropped: list[tuple[int, str]] = []
        for i in span:
            before, after = old[i], new[i]
            if before is None or after is None:
                continue
            kept = list(after["paragraphs"])  # type: ignore[call-overload]
            places += after["place"] is not None
            authors += after["author"] is not None
            for paragraph in before["paragraphs"]:  # type: ignore[attr-defined]
                if paragraph in kept:
                    continue
                if kept and paragraph.endswith(kept[0]) and paragraph != kept[0]:
                    cuts += 1
                else:
                    dropped.append((i + 1, paragraph))
        print(
            f"{name} ({len(span)} records): {cuts} datelines cut, {places} places, "
            f"{authors} authors, {len(dropped)} paragraphs dropped in "
            f"{len({i for i, _ in dropped})} articles"
        )
        if "--show" in sys.argv:
            for line, paragraph in dropped:
                print(f"  line {line}: {paragraph[:120]}")


if __name__ == "__main__":
    main()
