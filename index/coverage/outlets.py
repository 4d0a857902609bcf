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
    r"(?<![\w])(?:menurut|kata|versi|dari|oleh|according\s+to|from|by)\s+", re.IGNORECASE
)
#: After these, an outlet whose name is also an Indonesian word must be written as a name
#: (capitalised, or with a dot): "dari suara mayoritas" is "from the majority's vote".
_LOOSE = {"dari", "oleh"}
_ORDINARY = {"suara", "merdeka", "tempo", "kompas", "detik", "republika", "kontan", "antara"}
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
    if _TRIGGERS.search(question) is None:
        return None
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
        named = _unthe(_unquoted(_TRIGGERS.sub("", absent.phrase, count=1)).strip())
        return OutletFilter((), absent.phrase, named, held)
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
    """The first outlet of ``outlets`` the question names; with ``strict``, one after
    "dari"/"oleh" must be written as a name."""
    by_key: dict[str, set[str]] = {}
    for outlet in outlets:
        for key in outlet_keys(outlet):
            by_key.setdefault(key, set()).add(outlet)
    if not by_key:
        return None
    for trigger in _TRIGGERS.finditer(question):
        words = _name_words(question[trigger.end() :])[:3]
        loose = trigger.group(0).split()[0].casefold() in _LOOSE
        written_as_name = bool(words) and (words[0][0].isupper() or "." in words[0])
        ordinary = strict or words[0].casefold() in _ORDINARY if words else False
        if loose and ordinary and not written_as_name:
            continue
        for size in (3, 2, 1):
            if len(words) < size:
                continue
            spelled = " ".join(words[:size])
            found = next((by_key[k] for k in outlet_keys(spelled) if k in by_key), None)
            if found:
                end = question.find(words[size - 1], trigger.end()) + len(words[size - 1])
                phrase = question[trigger.start() : end]
                return OutletFilter(tuple(sorted(found)), phrase)
    return None
