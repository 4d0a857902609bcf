"""The lines around a headline that are not the article: bylines, outlet and date lines,
relative times, and the dateline that opens the first paragraph; pure functions, no I/O.

Each becomes metadata (author, editor, outlet, date, place) instead of body text, so no
byline is cited as a paragraph and no outlet name or dateline place ("Jakarta, CNN
Indonesia --") makes every question about that place match every article of the outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from newsbot.index.reading.dates import (
    find_published,
    is_date_line,
    is_relative_time_line,
    parse_published,
    resolve_relative,
)

# Leading lines looked at for bylines and date lines; the story starts within them.
MAX_HEADER_LINES = 6
_DASHES = "\u2013\u2014"

_AUTHOR_LABELS = frozenset(
    {
        "penulis", "reporter", "pewarta", "wartawan", "kontributor", "writer", "author",
        "oleh", "by", "rep", "jurnalis",
    }
)  # fmt: skip
_EDITOR_LABELS = frozenset({"editor", "redaktur", "penyunting", "editing", "red"})
# "Laporan Wartawan Tribunjateng.com, Rahmat Hidayat", "Yudi Pratama, Jurnalis".
_REPORT = re.compile(
    r"^laporan\s+(?:wartawan|reporter|kontributor|jurnalis)\s+(?P<outlet>[^,]{2,40}),\s*"
    r"(?P<name>.+)$",
    re.IGNORECASE,
)
_NAME_AND_ROLE = re.compile(
    r"^(?P<name>[^,]{2,60}),\s*(?:jurnalis|wartawan|reporter|kontributor|penulis)$", re.I
)
_OTHER_LABELS = frozenset({"fotografer", "foto", "sumber", "source", "laporan", "koresponden"})
_LABELLED = re.compile(
    r"^(?P<label>[A-Za-z]+(?:\s+[A-Za-z]+)?)\s*:\s*(?P<value>\S.*)$|^(?P<word>oleh|by)\s+(?P<name>\S.*)$",
    re.IGNORECASE,
)
# A credit without its colon, as Kompas prints it: "Penulis Ade Miranti Karunia".
_BARE_LABEL = re.compile(
    r"^(?P<label>penulis|reporter|pewarta|editor|penyunting|redaktur)\s+(?P<name>[A-Z].*)$",
    re.IGNORECASE,
)
# A byline's parts: "Penulis: A | Editor: B", "Nama - detikNews", "Tim, CNN Indonesia".
_PART_SPLIT = re.compile(rf"\s+[|\u2022\u00b7{_DASHES}-]\s+|\s*\|\s*|\s*/\s*(?=[A-Za-z]+\s*:)")
# Words that mark a name as a medium rather than a person or place: brands anywhere, and
# generic words ("Radar", "News") only in a name whose words are all capitalised.
MEDIA_BRANDS = frozenset(
    {
        "cnn", "antara", "kompas", "tempo", "detik", "detikcom", "okezone", "sindonews",
        "viva", "liputan6", "republika", "tribun", "tribunnews", "kumparan", "merdeka",
        "suara", "bolasport", "rimanews", "poskota", "jpnn", "idn", "tvri", "rri", "metrotv",
        "kontan", "bisnis", "jawapos", "inews", "beritasatu", "cnbc", "bbc", "reuters",
        "afp", "surya", "serambinews", "tribunjateng",
    }
)  # fmt: skip
MEDIA_WORDS = frozenset(
    {
        "pr", "news", "pos", "post", "times", "tv", "radar", "pikiran", "harian", "kabar",
        "warta", "berita", "juara", "goal", "rakyat", "media", "online",
    }
)  # fmt: skip
# Outlet brands glued to a desk: "detikNews", "detikFinance", "TribunJateng", "okezone".
_MEDIA_PREFIX = re.compile(
    r"^(?:detik|tribun|kompas|okezone|liputan6|suara|sindo|kumparan|cnbc|jpnn|viva|inews)", re.I
)
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|net|id|co|org|tv|news)$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'.-]*|[a-z]{1,3}|bin|binti|van|de|al-\w+)$")
_MAX_NAME_WORDS = 5
_NOT_NAME_WORDS = frozenset(
    {
        "untuk", "dan", "di", "ke", "dari", "yang", "dengan", "pada", "ini", "itu", "akan",
        "jadi", "tak", "tidak", "bisa", "soal", "usai", "saat", "jelang", "hingga", "atau",
        "the", "of", "for", "to", "in", "on", "and", "is",
    }
)  # fmt: skip
#: Bylines that name a desk rather than a person.
NOT_AUTHORS = frozenset({"tim", "team", "redaksi", "admin", "editor", "staff", "tim redaksi"})
# Channels an outlet prints where a byline's name would be: "Market - Tim Riset, CNBC
# Indonesia", "News - Nama, detikcom".
_DESKS = frozenset(
    {
        "news", "market", "markets", "tech", "lifestyle", "sport", "sports", "nasional",
        "internasional", "ekonomi", "bisnis", "finance", "megapolitan", "regional",
        "olahraga", "hiburan", "otomotif", "teknologi", "kesehatan", "global", "research",
        "riset", "entrepreneur", "syariah", "opini", "politik", "hukum", "metro",
    }
)  # fmt: skip
# A dateline ends at a spaced dash (or "--"), or at a dash glued to an upper-case place.
_DATELINE = re.compile(
    rf"^(?P<prefix>[^\n]{{2,80}}?)(?:\s*(?:--|[{_DASHES}])\s*|\s+-\s*|(?<=[A-Z]{{3}})-(?=[A-Z]))"
)
# A word glued to the story's first word by a bare dash: "Rimanews-Polisi menangkap ...".
_GLUED = re.compile(r"^(?P<word>[A-Za-z][\w.]{2,30})-(?=[A-Z])")
_IN_BRACKETS = re.compile(r"\((?P<inner>[^()]{2,40})\)")
_MAX_PLACE_WORDS = 3


@dataclass(frozen=True)
class Header:
    """What the lines around the headline said about the article; None where silent.

    ``published`` is ISO 8601 in the outlet's own offset; ``place`` is the dateline's place
    as printed in title case ("Pekalongan").
    """

    author: str | None = None
    editor: str | None = None
    outlet: str | None = None
    published: str | None = None
    place: str | None = None
    #: A relative time resolved ("Diperbarui 2 jam lalu"): the date only when no printed
    #: date is given, as it is often the update's time.
    relative: str | None = None


def read_header(
    paragraphs: list[str], fetched_at: datetime | None = None
) -> tuple[Header, list[str]]:
    """Take the byline, outlet and date lines off the start of an article's paragraphs.

    Looks at up to ``MAX_HEADER_LINES`` leading paragraphs and stops at the first that is
    none of these; a relative time ("3 jam lalu") is resolved against ``fetched_at`` (aware)
    when given, else dropped. Returns the header and the rest; the first paragraph's
    dateline is for ``cut_dateline``, once captions and credits are gone.
    """
    header = Header()
    rest = list(paragraphs)
    taken = 0
    while rest and taken < MAX_HEADER_LINES:
        found = _header_line(rest[0], fetched_at)
        if found is None:
            found = _name_above_credit(rest, fetched_at)
        if found is None:
            break
        header = _merge(header, found)
        rest.pop(0)
        taken += 1
    if header.published is None and header.relative is not None:
        header = replace(header, published=header.relative)
    return header, rest


def _name_above_credit(lines: list[str], fetched_at: datetime | None) -> Header | None:
    """A bare name on its own line is the author when an outlet or date line follows it
    ("Dian Septiari" above "The Jakarta Post"); alone it may be a short headline."""
    if len(lines) < 2 or not _is_name(lines[0]) or lines[0].lower() in NOT_AUTHORS:
        return None
    below = _header_line(lines[1], fetched_at)
    if below is None or (below.outlet is None and below.published is None):
        return None
    return Header(author=lines[0])


def with_dateline(
    header: Header, paragraph: str, own_outlet: str | None = None
) -> tuple[Header, str]:
    """Cut the dateline off an article's first paragraph into ``header``'s place, outlet
    and date (where the header has none); the paragraph as it was when it has none.
    ``own_outlet`` is as for ``cut_dateline``."""
    cut = cut_dateline(paragraph, own_outlet)
    if cut is None:
        return header, paragraph
    place, outlet, date, text = cut
    return _merge(header, Header(outlet=outlet, place=place, published=date)), text


def cut_dateline(
    paragraph: str, own_outlet: str | None = None
) -> tuple[str | None, str | None, str | None, str] | None:
    """Split a paragraph's opening dateline off: (place, outlet, date, the story's text).

    Reads "Jakarta, CNN Indonesia -- ", "JAKARTA, KOMPAS.com - ", "Jakarta (ANTARA) - ",
    "TEMPO.CO, Jakarta - ", "REPUBLIKA.CO.ID, JAKARTA -- ", "Jepara - ", and, where
    ``own_outlet`` (the outlet the record or page is from) is given, that outlet's name
    glued to the first word ("Rimanews-Polisi menangkap ..."; alone, "Kompas-Gramedia" may
    be a name). None when the paragraph opens with no dateline (a sentence, a name
    followed by a dash aside).
    """
    glued = _GLUED.match(paragraph)
    if glued is not None and own_outlet and _same_outlet(glued["word"], own_outlet):
        text = paragraph[glued.end() :].strip()
        if len(text.split()) >= 3:
            return None, outlet_name(glued["word"]), None, text
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    text = paragraph[match.end() :].strip()
    if len(text.split()) < 3:
        return None
    prefix = match["prefix"].strip(" ,")
    parts = [p.strip() for p in re.split(r",", _IN_BRACKETS.sub(r", \g<inner>", prefix))]
    parts = [p for p in parts if p]
    place = outlet = date = None
    for part in parts:
        if outlet is None and is_outlet(part):
            outlet = outlet_name(part)
        elif date is None and is_date_line(part):
            date = parse_published(part)
        elif place is None and _is_place(part):
            place = part
        else:
            return None
    if place is None and outlet is None:
        return None
    spaced = re.match(rf"\s*(?:--|[{_DASHES}]|-\s)", paragraph[len(match["prefix"]) :])
    if outlet is None and place is not None and not place.isupper() and spaced is None:
        return None  # "Jokowi-Ma'ruf ..." is a name pair, not a dateline
    return (place and _title(place)), outlet, date, text


def _same_outlet(printed: str, own: str) -> bool:
    """Tell whether a printed name is the outlet ``own`` names: "Okezone.com" and
    "okezone", "detikcom" and "detik" (letters and digits before any domain suffix)."""

    def key(name: str) -> str:
        return re.sub(r"[^a-z0-9]", "", name.lower().split(".")[0])

    a, b = key(printed), key(own)
    shorter = min(len(a), len(b))
    return shorter >= 4 and (a.startswith(b) or b.startswith(a))


def is_outlet(name: str) -> bool:
    """Tell whether ``name`` names a news outlet: a domain, or a known medium's word."""
    name = name.strip(" .,")
    if _DOMAIN.match(name):
        return True
    words = name.split()
    if not words or len(words) > 4 or name.endswith((".", "!", "?")):
        return False
    if any(w.lower() in MEDIA_BRANDS or _MEDIA_PREFIX.match(w) for w in words):
        return True
    capitalised = all(w[:1].isupper() for w in words)
    return capitalised and any(w.lower() in MEDIA_WORDS for w in words)


def outlet_name(name: str) -> str:
    """Normalise an outlet's name as printed in upper case ("KOMPAS.com" -> "Kompas.com")."""
    name = name.strip(f" .,-{_DASHES}")
    if _DOMAIN.match(name):
        site, _, rest = name.partition(".")
        if site.isupper() or site.islower():
            return site.capitalize() + "." + rest.lower()
        return site + "." + rest.lower()
    if any(ch.islower() for ch in name):
        return name
    return " ".join(w if len(w) <= 4 else w.capitalize() for w in name.split())


def _header_line(line: str, fetched_at: datetime | None) -> Header | None:
    """What one leading line says, or None when it is the story (or anything else)."""
    if len(line) > 160:
        return None
    if is_relative_time_line(line):
        resolved = resolve_relative(line, fetched_at) if fetched_at else None
        return Header(relative=resolved, outlet=outlet_beside(line))
    if is_date_line(line):
        return Header(published=parse_published(line), outlet=outlet_beside(line))
    dated = _outlet_and_date(line)
    if dated is not None:
        return dated
    joined = _date_then_byline(line, fetched_at)
    if joined is not None:
        return joined
    header = Header()
    named = False
    credited = False  # a label, an outlet or a date: a name alone may be a headline
    for part in (p.strip(" ,") for p in _PART_SPLIT.split(line)):
        if not part:
            continue
        found = _byline_part(part)
        if found is None:
            if not _is_name(part) or named:
                return None
            named = True  # "Dewi Anggraini - detikNews": a name beside an outlet
            if part.lower() not in NOT_AUTHORS and not _is_desk(part):
                header = _merge(header, Header(author=part))
            continue
        credited = True
        header = _merge(header, found)
    return header if credited else None


def _outlet_and_date(line: str) -> Header | None:
    """An outlet beside a date line whose time follows a bar ("CNN Indonesia - Kamis, 6
    Mei 2021 | 21:45 WIB", "liputan6.com | …"): the date read whole, time included, where
    its parts read one by one would lose the time. None for any other line."""
    parts = _PART_SPLIT.split(line)
    outlets = [p for p in parts if is_outlet(p) and not is_date_line(p)]
    rest = " | ".join(p for p in parts if p not in outlets)
    if not outlets or not rest or not is_date_line(rest):
        return None
    return Header(published=parse_published(rest), outlet=outlet_name(outlets[0]))


def is_outlet_line(line: str) -> bool:
    """Tell whether ``line`` opens with an outlet's name and is a header line of its own
    ("detikNews - Senin, 3 Mei 2021 | 10:00 WIB", "kumparan"), however its first letter
    is cased."""
    first = _PART_SPLIT.split(line, maxsplit=1)[0]
    return is_outlet(first) and _header_line(line, None) is not None


def _date_then_byline(line: str, fetched_at: datetime | None) -> Header | None:
    """A date line and a byline a copy-paste ran into one ("Senin, 3 Januari 2022 07:15 WIB
    Penulis: A | Editor: B"): both read, else None."""
    found = find_published(line)
    if found is None or not is_date_line(line[: found[2]]):
        return None
    rest = line[found[2] :].strip(f" |,{_DASHES}-")
    after = _header_line(rest, fetched_at) if rest else None
    if after is None:
        return None
    return _merge(Header(published=found[0]), after)


def outlet_beside(line: str) -> str | None:
    """The outlet printed beside a date or relative time ("Kompas.com - 2 jam yang lalu")."""
    words = re.split(rf"\s+[|{_DASHES}-]\s+|\s*\|\s*", line)
    outlets = [
        w for w in words if is_outlet(w) and not is_date_line(w) and not is_relative_time_line(w)
    ]
    return outlet_name(outlets[0]) if outlets else None


def _byline_part(part: str) -> Header | None:
    """What one part of a byline line is: a labelled credit, an outlet, or a date."""
    report = _REPORT.match(part)
    if report and is_outlet(report["outlet"]) and _is_name(report["name"]):
        return Header(author=report["name"].strip(), outlet=outlet_name(report["outlet"]))
    role = _NAME_AND_ROLE.match(part)
    if role and _is_name(role["name"]):
        return Header(author=role["name"].strip())
    bare = _BARE_LABEL.match(part)
    if bare and _is_name(bare["name"]):  # "Penulis Ade Miranti | Editor Erlangga" (Kompas)
        kind = _label_kind(bare["label"])
        return Header(author=bare["name"]) if kind == "author" else Header(editor=bare["name"])
    match = _LABELLED.match(part)
    if match:
        if match["word"]:
            name = match["name"].strip()
            return Header(author=name) if _is_name(name) else None
        kind = _label_kind(match["label"])
        value = match["value"].strip()
        if kind is None or len(value.split()) > _MAX_NAME_WORDS + 3:
            return None
        if kind == "author":
            return Header(author=value)
        if kind == "editor":
            return Header(editor=value)
        return Header()
    named, comma, outlet = part.rpartition(",")
    if comma and is_outlet(outlet) and not is_outlet(named):
        # "Tim Riset, CNBC Indonesia", "Yudi Pratama, Kompas.com": a desk or a name, then
        # the outlet.
        # One word is as likely a dateline's place ("Jakarta, CNN Indonesia"): no author.
        desk = _is_desk(named) or len(named.split()) < 2
        if desk or _is_name(named.strip()):
            author = None if desk else named.strip()
            return Header(author=author, outlet=outlet_name(outlet))
    if is_outlet(part):
        return Header(outlet=outlet_name(part))
    if is_date_line(part):
        return Header(published=parse_published(part))
    if is_relative_time_line(part):
        return Header()
    return None


def _label_kind(label: str) -> str | None:
    label = label.lower()
    if label in _AUTHOR_LABELS:
        return "author"
    if label in _EDITOR_LABELS:
        return "editor"
    if label in _OTHER_LABELS:
        return "other"
    return None


def _is_desk(text: str) -> bool:
    """Tell whether a byline names a desk or a channel rather than a person ("Tim Riset",
    "Redaksi", "Market")."""
    words = text.lower().split()
    return bool(words) and (words[0] in NOT_AUTHORS or " ".join(words) in _DESKS)


def _is_name(text: str) -> bool:
    """Tell whether ``text`` reads as a person's name: a few capitalised words, none of them
    a function word a headline would hold ("Kado Indah Untuk Totti" is no name)."""
    words = text.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or not words[0][:1].isupper():
        return False
    if any(w.lower() in _NOT_NAME_WORDS for w in words):
        return False
    return all(_NAME_WORD.match(w) for w in words) and not text.rstrip().endswith(".")


def _is_place(part: str) -> bool:
    """Tell whether a dateline part is a place: one to three capitalised words."""
    words = part.split()
    if not 1 <= len(words) <= _MAX_PLACE_WORDS:
        return False
    return all(w[:1].isupper() and w.replace(".", "").replace("'", "").isalpha() for w in words)


def _title(place: str) -> str:
    if not place.isupper():
        return place
    return " ".join(w.capitalize() for w in place.split())


def _merge(header: Header, found: Header) -> Header:
    """``header`` with the fields ``found`` adds where it had none."""
    return replace(
        header,
        author=header.author or found.author,
        editor=header.editor or found.editor,
        outlet=header.outlet or found.outlet,
        published=header.published or found.published,
        place=header.place or found.place,
        relative=header.relative or found.relative,
    )
