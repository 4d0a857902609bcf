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
_LETTERS = re.compile(r"[^\W\d_]+")
#: English function words that title case leaves in lower case ("Minister of Defence"):
#: capitalised after a question's first word, they show that every word was capitalised.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the to of in on at for by with from and or is are was were did do does has have had "
    "this that into about after before".split()
)
#: Chat spellings and the words they stand for: the one table every reader of a question
#: reads it through (the search, the time, outlet and coverage readers, the bot's follow-up
#: checks), written out once where a question is first read (:func:`written_out`).
#: Only words that mean nothing else: "dr" (dari, but also a doctor's title) is not among
#: them, nor the time words ("skrg", "kmrn", "tgl", "thn", "bln"): written out, "thn 2017"
#: would become a window the time reader restricts the answer to, which is its call; nor a
#: base verb that is also a topic's word ("lapor", "muat"). Question words with the
#: particle -kah ("siapakah") are written Indonesian, not chat: they stay as asked.
CHAT_SPELLINGS = {
    # Function and question words.
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
    "udah": "sudah",
    "dah": "sudah",
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
    "byk": "banyak",
    "bnyk": "banyak",
    "dluan": "duluan",
    "whats": "what's",
    # Words of news and reporting: "brp media yg beritain X" asks which outlets reported X.
    "brita": "berita",
    "beritain": "memberitakan",
    "ngeberitain": "memberitakan",
    "ngeliput": "meliput",
    "nulis": "menulis",
    "ngabarin": "mengabarkan",
    "ngelaporin": "melaporkan",
}
#: Chat spellings of "siapa" that are words of their own too ("sapa", greet: "Jokowi sapa
#: warga"; "spa"): written out only where they ask, before one of :data:`_ASKING_NEXT`
#: ("sapa duluan yg beritain X", "spa yg nulis"), never on their own ("hotel spa").
ASKING_SPELLINGS = {"sapa": "siapa", "spa": "siapa"}
_ASKING_NEXT = frozenset({"yg", "yang", "aja", "saja", "sj", "duluan", "dluan", "pertama", "sih"})
_NEXT_WORD = re.compile(r"\W*(\w+)")


def plain_question(question: str) -> str:
    """``question`` as the index reads it, whitespace collapsed: control characters are
    spaces (a NUL would end the text in the model's tokenizer); compatibility forms are
    their plain letters (NFKC: full-width "ｐａｓｕｋａｎ" is "pasukan"); zero-width
    characters and bidi controls are dropped ("pa\\u200bsukan" is "pasukan"); Cyrillic and
    Greek look-alikes inside a Latin word are Latin letters."""
    text = visible_text(unicodedata.normalize("NFKC", _CONTROL.sub(" ", question)))
    return _WORD.sub(_latin_word, text)


def question_as_read(question: str) -> str:
    """``question`` as every reader of it reads it: :func:`plain_question`, then
    :func:`wording_as_read`. Where a question is first read (``NewsIndex.ask``, the bot's
    follow-up checks) it goes through this once."""
    return wording_as_read(plain_question(question))


def wording_as_read(question: str) -> str:
    """A plain question's words as its readers read them: :func:`uncased` (capitals that
    say nothing of names taken off), then :func:`written_out` (chat spellings)."""
    return written_out(uncased(question))


def uncased(question: str) -> str:
    """``question`` in lower case where its capitals say nothing of which words are names:
    written all in capitals ("WHO AGREED TO DEPLOY TROOPS?", caps lock), or with every word
    capitalised, an English function word after the first among them ("Who Agreed To
    Deploy Troops?"; an acronym in capitals there stays: "Who Leads The CSTO?"). Every
    reader takes a capitalised word after the first for a name, and a name the index lacks
    for news it lacks, so such a question was refused whatever it asked. A question
    capitalised as written keeps its capitals: English title case leaves its function words
    in lower case ("Minister of Defence"), and Indonesian capitalises an office's whole
    name ("Siapa Menteri Dalam Negeri Irak?"). In capitals, a name is read as a word:
    nothing tells it apart."""
    words = _LETTERS.findall(question)
    if len(words) < 2:
        return question
    if not any(c.islower() for c in question):
        return question.lower()
    capitalised = all(w[0].isupper() for w in words)
    if capitalised and any(
        w.lower() in _ENGLISH_FUNCTION_WORDS and w[1:].islower() for w in words[1:]
    ):
        return _LETTERS.sub(_lower_unless_acronym, question)
    return question


def _lower_unless_acronym(match: re.Match[str]) -> str:
    word = match.group()
    return word if len(word) > 1 and word.isupper() else word.lower()


def _latin_word(match: re.Match[str]) -> str:
    """A word mixing Latin letters and look-alikes, in Latin letters; any other as it is."""
    word = match.group()
    if not _LOOKALIKE_CHARS.intersection(word) or not any("a" <= c.lower() <= "z" for c in word):
        return word
    return word.translate(_LOOKALIKES)


def written_out(question: str) -> str:
    """``question`` with its chat spellings written out (:data:`CHAT_SPELLINGS`: "brp
    korban?" is "berapa korban?", "siapa yg" is "siapa yang", "media yg beritain X" is
    "media yang memberitakan X"), so every reader reads it as asking what it asks.

    A word in capitals (an acronym: "PD", "YG") stays, unless the whole question is in
    capitals ("BRP KORBAN?": shouted, written out in capitals); a capitalised one ("Brp",
    opening a sentence) keeps its capital; one with capitals inside ("yG") stays. The
    spellings of :data:`ASKING_SPELLINGS` are written out only where they ask. Writing out
    a written-out question changes nothing.
    """
    shouted = not any(c.islower() for c in question)
    return _WORD.sub(lambda match: _written_out_word(match, shouted), question)


def _written_out_word(match: re.Match[str], shouted: bool) -> str:
    word = match.group()
    lower = word.lower()
    full = CHAT_SPELLINGS.get(lower)
    if full is None and lower in ASKING_SPELLINGS and _asks(match):
        full = ASKING_SPELLINGS[lower]
    if full is None:
        return word
    if len(word) > 1 and word.isupper():
        return full.upper() if shouted else word
    if word[1:] != word[1:].lower():
        return word
    return full[0].upper() + full[1:] if word[0].isupper() else full


def _asks(match: re.Match[str]) -> bool:
    """Whether the word ``match`` found comes before a word that makes it the question
    word ("sapa yg", "sapa duluan")."""
    following = _NEXT_WORD.match(match.string, match.end())
    return following is not None and following.group(1).lower() in _ASKING_NEXT
