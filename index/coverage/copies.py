"""Syndicated copies: the same text republished by other outlets (a wire story carried by
others) is one passage in an answer, with the other outlets listed beside it."""

from __future__ import annotations

import re

#: Share of distinct words two paragraphs must have in common (Jaccard) to be copies. A wire
#: paragraph carried with another dateline keeps ~0.85; two outlets' own reports of one
#: event rarely pass 0.4.
COPY_OVERLAP = 0.7

_WORD = re.compile(r"\w+")


def words(text: str) -> frozenset[str]:
    """Return the distinct lower-cased words of a paragraph."""
    return frozenset(_WORD.findall(text.casefold()))


def is_copy(a: frozenset[str], b: frozenset[str], overlap: float = COPY_OVERLAP) -> bool:
    """Whether two paragraphs' word sets (``words``) are copies of one text."""
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= overlap
