"""Outlet restrictions in questions: "menurut Kompas", "kata ANTARA", "according to CNN
Indonesia", "from detik". Outlets the index knows restrict the answer; an outlet it lacks
(a well-known one, or a phrase that reads as an outlet: "menurut Harian Jogja", "from
harianjogja.com") is named as missing, so that no other outlet's passage stands in for it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: Words that introduce an outlet; what follows must name an outlet the index knows.
_TRIGGERS = re.compile(
    r"(?<![\w])(?:menurut|kata|versi|dari|oleh|per|via|sumber\s*:|according\s+to|from|by)\s+"
    r"(?:(?:laporan|berita|pemberitaan|liputan|situs|portal)\s+)?",
    re.IGNORECASE,
)
#: After these, an outlet whose name is also an Indonesian word must be written as a name
#: (capitalised, or with a dot): "dari suara mayoritas" is "from the majority's vote".
_LOOSE = {"dari", "oleh", "per", "via"}
#: Places an outlet is named without a trigger before it, if written as a name and not an
#: ordinary word ("Poskota 3 hari terakhir", "berita CNN Indonesia kemarin"): the start
#: of the question, and after a word for news.
_BARE = re.compile(
    r"^\s*|(?<![\w])(?:berita|kabar|liputan|laporan|artikel|news|coverage)\s+", re.IGNORECASE
)
#: Words after an outlet's name that make it the one speaking: "Kompas.com says", "juara.net
#: bilang apa", "what does CNN Indonesia say".
_SAYS = re.compile(
    r"\s+(?:says|said|say|reports?|reported|writes|wrote|bilang|melaporkan|memberitakan|"
    r"menulis|mewartakan)(?![\w])",
    re.IGNORECASE,
)
_ORDINARY = {
    "suara",
    "merdeka",
    "tempo",
    "kompas",
    "detik",
    "republika",
    "kontan",
    "antara",
    "media",
    "bisnis",
    "pos",
    "metro",
}
#: Common nouns first and names second: after any trigger they name an outlet only written
#: as a name ("apa kata media soal X?" asks what the media say, not Media Indonesia).
_GENERIC = {"media", "pos", "metro", "bisnis"}
#: Endings an outlet's name is also known without ("antaranews" is "Antara").
_SUFFIXES = ("news", "com", "coid", "id", "indonesia", "online", "net", "co")
#: The fewest characters a shortened outlet name keeps (CNN, BBC, IDN).
_SHORTEST = 3


#: Well-known outlets, so that a question naming one the index lacks ("menurut Kompas" in
#: an index without Kompas) is told so rather than answered from other outlets.
KNOWN_OUTLETS = (
    "Kompas",
    "detik",
    "Tempo",
    "CNN Indonesia",
    "CNBC Indonesia",
    "ANTARA",
    "kumparan",
    "Tribunnews",
    "Okezone",
    "Liputan6",
    "Sindonews",
    "Republika",
    "Merdeka",
    "Suara",
    "Jawa Pos",
    "Bisnis Indonesia",
    "Kontan",
    "VIVA",
    "IDN Times",
    "Tirto",
    "Pos Kota",
    "Beritasatu",
    "Media Indonesia",
    "Jakarta Post",
    "Jakarta Globe",
    "Katadata",
    "Inews",
    "Metro TV",
    "Reuters",
    "BBC",
    "Al Jazeera",
    "Bloomberg",
    "CNN",
)

#: Words that name a kind of publication: a capitalised phrase after "menurut", "according
#: to" and the like holding one ("Harian Jogja", "Radar Bogor", "The Straits Times") reads
#: as an outlet, not a person ("menurut Jokowi") or an agency ("menurut BMKG"). Kinds, not
#: names: no outlet is listed here. "Pos" and "Media" are left out: "Pos Polisi", "Media
#: Center" are no outlets (the well-known "Pos Kota", "Media Indonesia" are listed above).
_PUBLICATION_WORDS = frozenset(
    "harian koran majalah tabloid tribun radar warta kabar berita news times post daily "
    "tribune herald journal gazette telegraph tv televisi radio online channel".split()
)
#: A web address as a site is written: "harianjogja.com", "tribunnews.co.id".
_SITE = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z]{2,6})+$", re.IGNORECASE)
#: The most words an outlet's name is read as (a capitalised run stops earlier).
_NAME_WORDS = 4


@dataclass(frozen=True)
class OutletFilter:
    """The outlets a question restricts its answer to, and the words that said so.
    ``outlets`` is empty when the question names an outlet the index has no article from
    (a well-known one, ``KNOWN_OUTLETS``, or a phrase that reads as an outlet); ``named``
    is then the outlet as the question wrote it and ``held`` the outlets the index does
    hold, by name."""

    outlets: tuple[str, ...]
    phrase: str
    named: str = ""
    held: tuple[str, ...] = ()

    @property
    def missing(self) -> bool:
        """Whether the named outlet has no article in the index."""
        return not self.outlets

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"outlets": list(self.outlets), "phrase": self.phrase}
        if self.missing:
            out["missing"] = self.named
            out["held"] = list(self.held)
        return out


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


@lru_cache(maxsize=4096)
def outlet_keys(name: str) -> frozenset[str]:
    """Return the spellings an outlet name is matched by: the name without spaces and
    punctuation, and without a trailing ``news``, ``.com``, ``Indonesia`` and the like
    (at least 3 characters remain: "CNN" is CNN Indonesia). Remembered per name: every
    question is read against the index's outlets and the well-known ones."""
    keys = {_key(name)}
    stem = _key(name)
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= _SHORTEST:
                stem = stem[: -len(suffix)]
                keys.add(stem)
                changed = True
    return frozenset(key for key in keys if key)


def outlet_in(question: str, outlets: Iterable[str]) -> OutletFilter | None:
    """Return the outlet(s) a question restricts itself to, or None.

    An outlet is named after "menurut", "kata", "according to", "from" and the like, by its
    name or a shortening of it (``outlet_keys``), in one to three words. A well-known
    outlet (``KNOWN_OUTLETS``) the index lacks, or a phrase that reads as an outlet
    (``_outlet_like``: "menurut Harian Jogja", "from harianjogja.com"), gives a filter
    with no outlets (``OutletFilter.missing``) and the outlets the index holds. A name
    must stand as a word: "detik-detik" ("the final seconds") is not detik.
    """
    known = list(outlets)
    found = _outlet_in(question, known)
    if found is not None:
        return found
    held = tuple(sorted(set(known), key=str.casefold))
    missing = [o for o in KNOWN_OUTLETS if not _indexed(o, known)]
    absent = _outlet_in(question, missing, strict=True)
    like = _outlet_like(question)
    # The longer name wins: "kata Tribun Jateng" is Tribun Jateng, not Tribunnews.
    if absent is not None and (like is None or absent.phrase not in like[0]):
        return OutletFilter((), absent.phrase, _unthe(_unquoted(absent.named).strip()), held)
    if like is None:
        return None
    phrase, named = like
    return OutletFilter((), phrase, named, held)


#: Quote marks around a name ("menurut \"Kompas\"", 'Harian Jogja', «Tempo»); an apostrophe
#: inside a word ("Jum'at") is none.
_QUOTES = re.compile(r"[\"“”„«»]|(?<!\w)['‘’]|['‘’](?!\w)")


def _unquoted(text: str) -> str:
    """``text`` with its quote marks as spaces (the same length: positions still hold)."""
    return _QUOTES.sub(" ", text)


def _name_words(text: str) -> list[str]:
    """The written words an outlet's name is read from in ``text`` (what follows a
    trigger): quote marks as spaces, a closing dot trimmed ("Kompas."), a leading "the"
    dropped ("according to the Jakarta Post")."""
    words = [w.rstrip(".") or w for w in re.findall(r"[\w.\-']+", _unquoted(text))]
    return words[1:] if words and words[0].casefold() == "the" else words


def _unthe(name: str) -> str:
    """``name`` without a leading "the" ("the Jakarta Post" is "Jakarta Post")."""
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)


def _outlet_like(question: str) -> tuple[str, str] | None:
    """The phrase and name of an outlet the question names that the index does not know:
    after a trigger ("menurut", "according to", ...), a web address ("harianjogja.com")
    or a run of capitalised words, up to punctuation, holding a word for a kind of
    publication and a word that is not one ("Harian Jogja", "the Straits Times"; not
    "Berita" alone). A person ("menurut Jokowi", "kata Menteri Sri Mulyani") or an agency
    ("menurut BMKG") holds no such word and is no outlet."""
    for trigger in _TRIGGERS.finditer(question):
        clause = re.split(r"[,;:?!()]", _unquoted(question[trigger.end() :]), maxsplit=1)[0]
        words = _name_words(clause)
        if not words:
            continue
        if "." in words[0] and _SITE.match(words[0]):
            run = words[:1]
        else:
            run = []
            for word in words[:_NAME_WORDS]:
                if not word[:1].isupper():
                    break
                run.append(word)
            kinds = [w.casefold() in _PUBLICATION_WORDS for w in run]
            if not any(kinds) or all(kinds):
                continue
        end = question.find(run[-1], trigger.end()) + len(run[-1])
        return question[trigger.start() : end], " ".join(run)
    return None


def _indexed(outlet: str, outlets: list[str]) -> bool:
    """Whether the index has an outlet spelled like ``outlet`` ("CNN" in "cnn indonesia")."""
    keys = outlet_keys(outlet)
    return any(
        a.startswith(b) or b.startswith(a)
        for name in outlets
        for a in outlet_keys(name)
        for b in keys
    )


def _outlet_in(question: str, outlets: Iterable[str], strict: bool = False) -> OutletFilter | None:
    """The first outlet of ``outlets`` the question names (its ``named``: the words that
    name it); with ``strict``, one after "dari"/"oleh"/"per" must be written as a name.
    Read after a trigger ("menurut X"), before a word of speaking ("X says"), then at the
    start or after a word for news ("berita X kemarin")."""
    by_key: dict[str, set[str]] = {}
    for outlet in outlets:
        for key in outlet_keys(outlet):
            by_key.setdefault(key, set()).add(outlet)
    if not by_key:
        return None

    def named(words: list[str]) -> set[str] | None:
        return next((by_key[k] for k in outlet_keys(" ".join(words)) if k in by_key), None)

    for trigger in _TRIGGERS.finditer(question):
        words = _name_words(question[trigger.end() :])[:3]
        loose = trigger.group(0).split()[0].casefold() in _LOOSE
        written_as_name = bool(words) and (words[0][0].isupper() or "." in words[0])
        ordinary = strict or words[0].casefold() in _ORDINARY if words else False
        if loose and ordinary and not written_as_name:
            continue
        if words and words[0].casefold() in _GENERIC and not written_as_name:
            continue
        for size in (3, 2, 1):
            found = named(words[:size]) if len(words) >= size else None
            if found:
                end = question.find(words[size - 1], trigger.end()) + len(words[size - 1])
                phrase = question[trigger.start() : end]
                return OutletFilter(tuple(sorted(found)), phrase, " ".join(words[:size]))
    for says in _SAYS.finditer(question):
        words = _name_words(question[: says.start()])[-3:]
        for size in (3, 2, 1):
            name = words[-size:] if len(words) >= size else []
            plain = name and name[0].casefold() not in _ORDINARY | _GENERIC
            if name and (_written_as_name(name[0]) or plain) and (found := named(name)):
                start = question.rfind(name[0], 0, says.start())
                return OutletFilter(
                    tuple(sorted(found)), question[start : says.end()], " ".join(name)
                )
    for place in _BARE.finditer(question):
        words = _name_words(question[place.end() :])[:3]
        for size in (3, 2, 1):
            name = words[:size] if len(words) >= size else []
            if not name or not _written_as_name(name[0]):
                continue
            if "." not in name[0] and name[0].casefold() in _ORDINARY:
                continue
            found = named(name)
            if found:
                start = question.find(name[0], place.end())
                end = question.find(name[-1], start) + len(name[-1])
                return OutletFilter(tuple(sorted(found)), question[start:end], " ".join(name))
    return None


def _written_as_name(word: str) -> bool:
    """Capitalised, or a web address ("juara.net")."""
    return word[:1].isupper() or "." in word
