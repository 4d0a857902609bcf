"""The sample corpus shipped with newsbot: the seed article and 30 IndoSum articles.

Its articles are cited by headline, outlet and date like any other; their file path inside
an installation means nothing to a reader, so answers give it relative to the package.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
#: How a sample article's path is given in citations: ``sample/seed-article.txt``.
CITED_PREFIX = "sample/"
FILES = ("seed-article.txt", "indosum-sample.jsonl")


def sources() -> list[Path]:
    """Return the sample corpus's files."""
    return [FOLDER / name for name in FILES]


@lru_cache(maxsize=4096)
def cited_path(path: str) -> str:
    """Return ``path`` as a citation gives it: a sample file relative to the package
    (remembered per path: every answer's citations ask)."""
    try:
        relative = Path(path).resolve().relative_to(FOLDER)
    except (ValueError, OSError):
        return path
    return CITED_PREFIX + relative.as_posix()


def is_cited_sample(path: str) -> bool:
    """Whether a citation's ``path`` names a file of the sample corpus."""
    return path.startswith(CITED_PREFIX) and not Path(path).exists()
