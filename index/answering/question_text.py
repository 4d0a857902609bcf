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
#: Chat spellings of Indonesian function and question words and the words they stand for.
#: Only words that mean nothing else: "dr" (dari, but also a doctor's title) is not among
#: them, nor the time words ("skrg", "kmrn", "tgl", "thn", "bln"): written out, "thn 2017"
#: would become a window the time reader restricts the answer to, which is its call.
CHAT_SPELLINGS = {
    "yg": "yang",
    "brp": "berapa",
    "brapa": "berapa",
    "kpn": "kapan",
    "dmn": "di mana",
    "dmna": "di mana",
    "knp": "kenapa",
    "gmn": "bagaimana",
    "gmna": "bagaimana",
    "bgmn": "bagaimana",
    "gimana": "bagaimana",
    "dgn": "dengan",
    "utk": "untuk",
    "tdk": "tidak",
    "sdh": "sudah",
    "udh": "sudah",
    "blm": "belum",
    "jg": "juga",
    "krn": "karena",
    "karna": "karena",
    "pd": "pada",
    "dlm": "dalam",
    "kpd": "kepada",
    "spt": "seperti",
    "ttg": "tentang",
    "org": "orang",
    "tsb": "tersebut",
    "aja": "saja",
    "sj": "saja",
    "bs": "bisa",
}


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


def written_out(question: str) -> str:
    """``question`` with the chat spellings of Indonesian function and question words
    written out (:data:`CHAT_SPELLINGS`: "brp korban?" is "berapa korban?", "siapa yg" is
    "siapa yang"), so the question is read as asking what it asks. A word in capitals (an
    acronym: "PD") stays; a capitalised one keeps its capital."""
    return _WORD.sub(_written_out_word, question)


def _written_out_word(match: re.Match[str]) -> str:
    word = match.group()
    full = CHAT_SPELLINGS.get(word.lower())
    if full is None or (len(word) > 1 and word.isupper()) or word[1:] != word[1:].lower():
        return word
    return full[0].upper() + full[1:] if word[0].isupper() else full
