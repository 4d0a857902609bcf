"""The figures an article's opening gives: counts, sums, scores, magnitudes.

Two reports of one happening give its figures ("6,6", "2-0", "348 bangunan", "Rp 2,3
triliun"); one subject's other happenings give others. Read as written, without units (one
outlet writes "6,6 SR", another "6,6 magnitudo"): numbers of two or more digits, decimals and
scores ("0-2" is "2-0"). Dates ("(27/3)", "22/9/2017"), years (1900-2099) and clock times
("14.00 WIB") are the calendar's, not the happening's, and are left out, as are numbers in
a name ("U-19", "G20": the subject's, shared by its every happening).
"""

from __future__ import annotations

import re

_DATES = re.compile(r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?")
_CLOCK = re.compile(r"(?<![\d.,])\d{1,2}[.:]\d{2}(?=\s*(?:WIB|WITA|WIT|GMT|UTC)\b)")
_NUMBER = re.compile(r"(?<![\w/.,])(?<![^\W\d_]-)\d+(?:[.,]\d+)*(?:\s*-\s*\d+(?![\w/]))?(?![\w/])")
_YEAR = re.compile(r"(?:19|20)\d\d")


def figures(text: str) -> frozenset[str]:
    """The figures ``text`` gives, as written ("6,6", "348", "1.200"), scores in a fixed
    order ("0-2" and "2-0" are "0-2"); one-digit whole numbers, years, dates, clock times
    and numbers in names ("U-19") left out. Empty for a text without one."""
    text = _CLOCK.sub(" ", _DATES.sub(" ", text))
    found = set()
    for match in _NUMBER.finditer(text):
        value = re.sub(r"\s+", "", match.group(0))
        if "-" in value:
            value = "-".join(sorted(value.split("-")))
        elif _YEAR.fullmatch(value) or (value.isdigit() and len(value) < 2):
            continue
        found.add(value)
    return frozenset(found)
