"""English number words and ordinals as the digits Indonesian news writes.

Indonesian news writes most numbers as digits ("seri ke-10", "14 bulan", "9 gelar"), an
English question often spells them ("the tenth race", "fourteen months", "nine titles"), and
the word list translates the word into Indonesian words ("kesepuluh", "empat belas") the news
rarely uses. A closed class, written out: 0 to 99 as cardinals ("twenty-one", "twenty one")
and ordinals ("twenty-first"), and an ordinal in digits ("10th", "1st", "22nd").
"""

from __future__ import annotations

import re

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"

#: A one-word number: cardinal or ordinal, 0 to 19 and the tens.
SIMPLE: dict[str, int] = {
    **{w: n for n, w in enumerate(_UNITS)},
    **{w: n for n, w in enumerate(_ORDINAL_UNITS)},
    **{w: 20 + 10 * n for n, w in enumerate(_TENS)},
    **{w: 20 + 10 * n for n, w in enumerate(_ORDINAL_TENS.split())},
}
#: The letters after an ordinal's digits ("10th").
ORDINAL_DIGITS = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)


def number_of(word: str) -> int | None:
    """Return the number an English word spells ("fourteen" → 14, "tenth" → 10,
    "twenty-first" → 21), or None."""
    word = word.lower()
    if word in SIMPLE:
        return SIMPLE[word]
    tens, _, unit = word.partition("-")
    return compound(tens, unit)


def compound(tens: str, unit: str) -> int | None:
    """Return the number of a tens word and a unit word ("twenty", "one" → 21), or None."""
    if tens.lower() not in _TENS:
        return None
    value = SIMPLE.get(unit.lower())
    return SIMPLE[tens.lower()] + value if value is not None and 0 < value < 10 else None
