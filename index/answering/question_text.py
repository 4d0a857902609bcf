"""A question's text as the index reads it: the characters a reader would not tell apart
from plain letters read as those letters."""

from __future__ import annotations

import re
import unicodedata

from newsbot.index.reading.cleaning import visible_text

#: C0 and C1 control characters and DEL: no text in a question.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: Cyrillic and Greek letters drawn like Latin ones. Read as Latin only inside a word that
#: also holds Latin letters ("bаnjir" typed with a Cyrillic "а"): a Russian or Greek word
#: stays as it is.
_LOOKALIKE_LETTERS = "аеорсухіјѕһԁԛԝ" "АВЕКМНОРСТХІЈЅҮ" "οινρ" "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"  # fmt: skip
_LOOKALIKES = str.maketrans(
    _LOOKALIKE_LETTERS, "aeopcyxijshdqw" "ABEKMHOPCTXIJSY" "oivp" "ABEZHIKMNOPTYX"
)  # fmt: skip
_LOOKALIKE_CHARS = frozenset(_LOOKALIKE_LETTERS)
_WORD = re.compile(r"\w+")


def plain_question(question: str) -> str:
    """``question`` as the index reads it, whitespace collapsed: control characters are
    spaces (a NUL would end the text in the model's tokenizer); compatibility forms are
    their plain letters (NFKC: full-width "ｐａｓｕｋａｎ" is "pasukan"); zero-width
    characters and bidi controls are dropped ("pa\\u200bsukan" is "pasukan"); Cyrillic and
    Greek look-alikes inside a Latin word are Latin letters."""
    text = visible_text(unicodedata.normalize("NFKC", _CONTROL.sub(" ", question)))
    return _WORD.sub(_latin_word, text)


def _latin_word(match: re.Match[str]) -> str:
    """A word mixing Latin letters and look-alikes, in Latin letters; any other as it is."""
    word = match.group()
    if not _LOOKALIKE_CHARS.intersection(word) or not any("a" <= c.lower() <= "z" for c in word):
        return word
    return word.translate(_LOOKALIKES)
