"""Separate a news article's own text from the site's boilerplate; pure functions, no I/O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

from newsbot.index.reading.bylines import (
    cut_dateline,
    is_outlet,
    is_outlet_line,
    outlet_name,
    read_header,
    with_dateline,
)
from newsbot.index.reading.dates import is_relative_time_line
from newsbot.index.reading.encodings import without_mojibake
from newsbot.index.reading.pagination import is_pagination, without_pagination
from newsbot.index.reading.promotions import is_promotion, promoted_outlet

MAX_TITLE_WORDS = 12
# Fewer slug words than this are a tag ("uber-chat", "untitled-story"), not a headline.
MIN_SLUG_WORDS = 3

# En and em dashes, and curly closing quotes, as Indonesian sites print them.
_DASHES = "\u2013\u2014"
_CLOSERS = "\"'\u201d\u2019"


@dataclass(frozen=True)
class CleanedBody:
    """The paragraphs that are the article, and what the boilerplate said about it: credits,
    and from the lines around the headline the author, outlet, date (ISO 8601, the outlet's
    offset) and the dateline's place."""

    paragraphs: tuple[str, ...]
    editor: str | None = None
    origin: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    place: str | None = None


# "Baca juga: ...", "SIMAK JUGA-...", "[Baca Juga: ...]", "Read also", "Baca: ..." lines link
# to other stories. A bare "Baca:" needs its colon: "Baca" can start a real sentence.
# A table cell's bars may frame it ("| Baca juga: ... |"). "Simak Video "..."" and "Tonton
# video berikut" point to a video beside the story.
_RELATED = re.compile(
    r"^[\[(|\s]*(?:"
    r"(?:baca|simak|lihat|tonton|read|see)\s+(?:juga|pula|also|selengkapnya|more)\b"
    r"|(?:baca|simak|lihat|tonton|read|see)\s*:"
    r"|(?:simak|tonton|saksikan|lihat|watch)\s+(?:juga\s+)?(?:video|the\s+video)\b"
    r"|(?:related\s+(?:news|stories|story|articles?)|also\s+read|berita\s+terkait)\s*:"
    r"|(?:baca|simak|lihat)\s+(?:berita|artikel)\s+(?:lainnya|terkait|selengkapnya)\b"
    rf")\s*[:\-{_DASHES}]?\s*",
    re.IGNORECASE,
)
# The same, glued after a paragraph's last sentence: "... perahu karet. Baca juga: Judul".
_GLUED_RELATED = re.compile(
    rf"(?<=[.!?{_CLOSERS}])\s+(?:baca|simak|lihat)\s+(?:juga|pula)\s*:?\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
# A link-box placeholder some outlets leave in the text, sometimes glued to a real paragraph.
_PLACEHOLDER = re.compile(r"^baca_juga\b\s*", re.IGNORECASE)
_LABEL = re.compile(
    r"^(?P<label>editor|redaktur|penyunting|sumber|source|penulis|reporter|pewarta|wartawan"
    r"|kontributor|fotografer|writer|author)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_NEWS_SOURCE = re.compile(r"^sumber\s+berita\s*:?\s+(?P<value>.+)$", re.IGNORECASE)
_EDITOR_LABELS = frozenset({"editor", "redaktur", "penyunting"})
_AUTHOR_LABELS = frozenset(
    {"penulis", "reporter", "pewarta", "wartawan", "kontributor", "writer", "author"}
)
_ORIGIN_LABELS = frozenset({"sumber", "source"})
_MAX_LABEL_WORDS = 12
_CREDIT = re.compile(
    rf"^(?:ilustrasi\s*[-{_DASHES}:|]|(?:foto|photo|kredit|credit|gambar(?:\s+header)?)\s*:"
    r"|sumber\s+(?:foto|gambar)\b)",
    re.IGNORECASE,
)
_CAPTION_CREDIT = re.compile(
    r"\((?:foto|photo|dok|dokumentasi|ilustrasi|sumber foto)\b[^()]*\)\s*$", re.IGNORECASE
)
_MAX_CAPTION_WORDS = 20
# A caption repeated with a credit appended ("... /FOTO: Antara/") grows by a few words only.
_MAX_CREDIT_WORDS = 8
# Reporter initials and embed stubs left alone on a line: "(rsa)", "[sau]", "(D011)".
_BRACKET_TAGS = re.compile(r"^(?:[\[(][^\[\]()]{0,30}[\])]\s*)+$")
_END_MARKER = re.compile(r"\s*\*{2,}\s*$")
# Reporter initials after the last sentence: "... kata Widodo. (wis/ugo)", "... tegasnya. [rhm]".
_TRAILING_INITIALS = re.compile(rf"(?<=[.!?{_CLOSERS}])\s+[\[(][a-z][a-z./ -]{{0,20}}[\])]$")
# Invisible characters that only split a word for search ("pa\u200bsukan") or, the bidi
# embeddings, overrides and isolates, reorder what a reader sees (a title ending "\u202eTNI"
# shows reversed): dropped. A zero-width joiner inside an emoji sequence stays (👨\u200d👩).
_ZERO_WIDTH = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u2060\ufeff\u00ad" + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    )
)
_EMOJI = "\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
_STRAY_JOINER = re.compile(f"\u200d(?![{_EMOJI}])|(?<![{_EMOJI}])\u200d")


def visible_text(text: str) -> str:
    """``text`` as a reader sees it, in one canonical form: mojibake undone ("cafÃ©" is
    "café"), composed (NFC: "e" + U+0301 is "é"), without zero-width characters and bidi
    controls (see ``_ZERO_WIDTH``), whitespace collapsed to single spaces."""
    text = without_mojibake(text)
    text = _STRAY_JOINER.sub("", unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH))
    return " ".join(text.split())


_SENTENCE_END = re.compile(rf"[.!?][{_CLOSERS})\]*]*$")
_MIN_SENTENCE_WORDS = 8
_MAX_HEADLINE_WORDS = 16
# A list of other stories: after a label, one headline line or more; unlabelled, at least
# three in a row, four in five of their words (small words aside) capitalised. Rows of
# results tables and "Label: value" lines are not headlines (measured on IndoSum,
# DEVELOPERS.md).
_MIN_HEADLINE_RUN = 3
_TABLE_ROW = re.compile(r"\d+\s*[-:]\s*\d+|\bvs\.?\b|^\s*\d+[.)]\s|:\s|/|\+\s*\d", re.IGNORECASE)
_HEADLINE_LIST_WORDS = (3, _MAX_HEADLINE_WORDS)
_TITLE_CASE_SHARE = 0.8
_MAX_LABEL_LINE_WORDS = 5
_LIST_WORDS = frozenset(
    {
        "berita", "artikel", "lainnya", "terkait", "rekomendasi", "pilihan", "terpopuler",
        "populer", "menarik", "terbaru", "terkini", "juga", "video", "related", "stories",
        "news", "more", "redaksi", "editor", "trending", "sorotan", "kabar", "baca",
        "headline", "hits",
    }
)  # fmt: skip
# Site navigation left at the end of a copied page; compared in lower case, without ":".
_NAVIGATION = frozenset(
    {
        "tags", "tag", "topik", "topik terkait", "artikel pilihan", "pilihan", "pilihan editor",
        "terkait", "berita terkait", "artikel terkait", "terkini", "berita terkini", "terbaru",
        "berita terbaru", "terpopuler", "populer", "berita populer", "kabar daerah",
        "rekomendasi", "rekomendasi untuk anda", "share", "bagikan", "komentar", "advertisement",
        "iklan", "lainnya", "berita lainnya", "baca selengkapnya", "selengkapnya", "trending",
        "related", "related articles", "read more", "most popular", "ikuti kami", "follow us",
        "sumber", "editor", "penulis", "reporter", "x",
    }
)  # fmt: skip
# An outlet describing itself after the story: "DailySocial.id adalah portal berita ...".
_SELF_PROMOTION = re.compile(
    r"^[\w-]+\.(?:com|co\.id|id|net|org|co)\s+(?:adalah|merupakan|is)\b", re.IGNORECASE
)
# The reporter's name in capitals closing a story, as Tempo prints it: "ANDITA RAHMA",
# "M. JULNIS FIRMANSYAH | ANTARA".
_MAX_SIGNATURE_WORDS = 6
_REPORTER_SIGNATURE = re.compile(
    r"^(?=.*[A-Z]{3})[A-Z][A-Z.'\- ]*(?:\s*[|,/]\s*[A-Z][A-Z.'\- ]*)*$"
)
_SMALL_WORDS = frozenset(
    {
        "dan", "di", "ke", "dari", "yang", "untuk", "pada", "dengan", "atau", "oleh",
        "dalam", "bagi", "a", "an", "the", "of", "and", "or", "to", "in", "on", "at",
        "for", "by", "with", "vs", "v"
    }
)  # fmt: skip
_ACRONYMS = frozenset(
    {
        "as", "ri", "tni", "pssi", "bumn", "ojk", "kpu", "dki", "ui", "itb", "ugm", "ipb",
        "uu", "pon", "asean", "nato", "opec", "fifa", "uefa", "afc", "aff", "nba", "nfl",
        "ufc", "ai", "ceo", "bi", "bei", "ihsg", "mui", "nu", "pdip", "pln", "pdam", "usa",
        "uk", "uae", "eu", "un", "ii", "iii", "iv", "bpjs", "bbm", "ktp", "kpai", "oecd",
        "imf", "who", "wni", "wna", "ham"
    }
)  # fmt: skip
_SPECIAL_CASE = {"rp": "Rp", "tbk": "Tbk", "iphone": "iPhone", "ipad": "iPad", "motogp": "MotoGP"}
_UNITS = frozenset({"km", "kg", "cm", "mm", "ml", "gb", "mb", "tb", "mph", "kph"})
_VOWELS = frozenset("aeiouy")
_URL_WORD_SPLIT = re.compile(r"[-_.+\s]+")
_LONG_NUMBER = re.compile(r"^\d{5,}$")
_HASH_LIKE = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9]{8,}$")
_FIRST_SENTENCE = re.compile(rf"(?<=[.!?])[{_CLOSERS}]?\s+(?=[\"\u201cA-Z0-9])")


def clean_paragraphs(
    paragraphs: Iterable[str],
    fetched_at: datetime | None = None,
    own_outlet: str | None = None,
) -> CleanedBody:
    """Keep the paragraphs that are the article; pull editor and origin out of credit lines,
    and author, outlet, date and place out of the byline, date and dateline lines that open
    it (``bylines.read_header``; a relative time is resolved against ``fetched_at``, an
    aware datetime, else dropped; ``own_outlet``, the outlet a record names, lets its name
    glued to the first word be read as a dateline). Pagination text, relative-time lines and
    lists of other stories' headlines are dropped wherever they are."""
    kept: list[str] = []
    # The outlet's promotions go first: a share button under the date line ("Bagikan :")
    # would end the header before the dateline.
    own: list[str] = []
    promoted: str | None = None  # "Follow Berita Sindonews di Google News" names the outlet
    for paragraph in _normalised(paragraphs):
        if not is_promotion(paragraph):
            own.append(paragraph)
        elif promoted is None:
            named = promoted_outlet(paragraph)
            promoted = outlet_name(named) if named and is_outlet(named) else None
    header, opening = read_header(_join_fragments(own), fetched_at)
    editor: str | None = header.editor
    author: str | None = header.author
    origin: str | None = None
    after_bare_lead_in = False
    for paragraph in opening:
        text = _TRAILING_INITIALS.sub("", _END_MARKER.sub("", _PLACEHOLDER.sub("", paragraph)))
        text = without_pagination(_without_glued_related(text))
        if not text or is_pagination(text) or is_relative_time_line(text):
            continue
        if after_bare_lead_in and _is_headline_like(text):
            continue  # the headlines listed under a bare "Baca juga:"
        after_bare_lead_in = False
        related = _RELATED.match(text)
        if related:
            after_bare_lead_in = not any(ch.isalnum() for ch in text[related.end() :])
            continue
        label = _label(text)
        if label is not None:
            name, value = label
            if name in _EDITOR_LABELS and editor is None and value:
                editor = value
            elif name in _AUTHOR_LABELS and author is None and _is_byline_name(value):
                author = value  # "Pewarta: ..." under Antara's story
            elif name in _ORIGIN_LABELS and origin is None and value:
                origin = value
            continue
        if _is_credit_or_junk(text):
            continue
        if kept and _is_prefix_duplicate(kept[-1], text):
            _resolve_duplicate(kept, text)
            continue
        kept.append(text)
    kept = _without_tail(_without_headline_lists(kept))
    if kept:
        header, kept[0] = with_dateline(header, kept[0], own_outlet)
    return CleanedBody(
        tuple(kept),
        editor,
        origin,
        author=author,
        outlet=header.outlet or promoted,
        published=header.published,
        place=header.place,
    )


def split_paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs at blank lines, and at line breaks that end a paragraph.

    A line break followed by a lower-case letter, after a line without closing punctuation,
    is a hard wrap inside a paragraph and is joined.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        current: str | None = None
        for raw in block.split("\n"):
            line = raw.strip()
            if not line:
                continue
            if current is not None and _is_hard_wrap(current, line):
                current = f"{current} {line}"
                continue
            if current is not None:
                paragraphs.append(current)
            current = line
        if current is not None:
            paragraphs.append(current)
    return paragraphs


def outlet_from_dateline(first_paragraph: str) -> str | None:
    """Return the outlet a dateline names ("Jakarta, CNN Indonesia -- ..."), or None."""
    cut = cut_dateline(first_paragraph)
    return cut[1] if cut else None


def title_from_url(url: str) -> str | None:
    """Make a readable headline from the words of a URL's slug, or None if it has none."""
    best: list[str] = []
    for segment in urlsplit(url).path.split("/"):
        segment = re.sub(r"\.(?:html?|php|aspx?|jsp)$", "", unquote(segment), flags=re.I)
        # Keep "3-0" and "U-22" whole; every other dash, dot or underscore separates words.
        segment = re.sub(r"(?<=\d)-(?=\d)|(?<=\b[A-Za-z])-(?=\d)", "\x00", segment)
        words = [w.replace("\x00", "-") for w in _URL_WORD_SPLIT.split(segment) if w]
        words = [w for w in words if not _HASH_LIKE.match(w.lower())]
        while words and _LONG_NUMBER.match(words[0]):
            words.pop(0)
        while words and _LONG_NUMBER.match(words[-1]):
            words.pop()
        wordy = sum(any(ch.isalpha() for ch in w) for w in words)
        if wordy >= MIN_SLUG_WORDS and len(words) >= len(best):
            best = words
    if not best:
        return None
    return " ".join(_title_case(word, first=i == 0) for i, word in enumerate(best))


def title_from_text(paragraph: str) -> str:
    """Make a headline from a paragraph's first sentence, shortened to a few words."""
    paragraph = " ".join(paragraph.split())
    body = paragraph[_dateline_end(paragraph) :].strip() or paragraph
    sentence = _FIRST_SENTENCE.split(body, maxsplit=1)[0].strip()
    words = sentence.split()
    if len(words) > MAX_TITLE_WORDS:
        return " ".join(words[:MAX_TITLE_WORDS]).rstrip(f",;:-{_DASHES}") + "\u2026"
    return sentence.rstrip(".")


def _normalised(paragraphs: Iterable[str]) -> Iterable[str]:
    """Yield each non-empty paragraph with its whitespace collapsed."""
    for paragraph in paragraphs:
        text = visible_text(paragraph)
        if text:
            yield text


def _join_fragments(paragraphs: Iterable[str]) -> list[str]:
    """Rejoin a drop cap ("B" + "agi kamu...") or a lone dateline ("Suara.com -") to its text."""
    joined: list[str] = []
    pending: str | None = None
    for text in paragraphs:
        if pending is not None:
            if len(pending) == 1 and text[0].islower():
                text = pending + text
            elif len(pending) > 1:
                text = f"{pending} {text}"
            else:
                joined.append(pending)
            pending = None
        if (len(text) == 1 and text.isupper()) or _is_lone_dateline(text):
            pending = text
        else:
            joined.append(text)
    if pending is not None:
        joined.append(pending)
    return joined


def _is_lone_dateline(text: str) -> bool:
    """Tell whether a paragraph is only a dateline, split from the text it opens."""
    return len(text.split()) <= 5 and re.search(rf"\s(?:--|[-{_DASHES}])$", text) is not None


def _is_hard_wrap(previous: str, line: str) -> bool:
    """Tell whether ``line`` continues ``previous`` inside one paragraph: an outlet's own
    line ("detikNews - Senin, …", "kumparan") under a byline is none, lower case or not."""
    return (
        line[0].islower()
        and not re.search(rf"[.!?:;{_CLOSERS})\]*]$", previous)
        and not is_outlet_line(line)
    )


def _label(text: str) -> tuple[str, str] | None:
    """Return (label, value) for an "Editor: ..." style credit line, or None."""
    match = _LABEL.match(text) or _NEWS_SOURCE.match(text)
    if match is None:
        return None
    value = match["value"].strip()
    if len(value.split()) > _MAX_LABEL_WORDS:
        return None
    name = match.groupdict().get("label") or "sumber"
    # "Sumber: Digiday. Gambar header: Pixabay." credits the first name only.
    value = re.split(r"(?<=[a-z0-9)])\.\s", value, maxsplit=1)[0].rstrip(". ")
    return name.lower(), value


def _without_glued_related(paragraph: str) -> str:
    """``paragraph`` without a "Baca juga: <headline>" a copy-paste glued to its end: the
    link's headline runs to the end and reads as one (no closing full stop)."""
    glued = _GLUED_RELATED.search(paragraph)
    if glued is None or not _is_headline_like(glued["title"]):
        return paragraph
    return paragraph[: glued.start()]


def _is_credit_or_junk(text: str) -> bool:
    """Tell whether a paragraph is a photo credit, a caption, a tag or stray punctuation."""
    if len(text) <= 1 or not any(ch.isalnum() for ch in text):
        return True
    if _CREDIT.match(text) or _BRACKET_TAGS.match(text):
        return True
    return bool(_CAPTION_CREDIT.search(text)) and len(text.split()) <= _MAX_CAPTION_WORDS


def _is_prefix_duplicate(previous: str, text: str) -> bool:
    """Tell whether one of two neighbouring paragraphs repeats the start of the other."""
    shorter, longer = sorted((previous, text), key=len)
    return len(shorter.split()) >= 5 and longer.startswith(shorter)


def _resolve_duplicate(kept: list[str], text: str) -> None:
    """Settle a repeated paragraph: a caption plus its credited copy both go, else keep one."""
    previous = kept[-1]
    if text == previous or len(text) < len(previous):
        return
    extra = text[len(previous) :]
    kept.pop()
    if len(extra.split()) > _MAX_CREDIT_WORDS:
        kept.append(text)  # the first copy was cut short; keep the full one


def _is_headline_like(text: str) -> bool:
    """Tell whether a paragraph reads like a linked headline rather than article prose."""
    stripped = text.rstrip(_CLOSERS)
    return (
        len(text.split()) <= _MAX_HEADLINE_WORDS
        and not stripped.endswith((".", ",", ";", ":"))
        and not text.startswith(('"', "\u201c", "'"))
    )


def _is_listed_headline(text: str, *, labelled: bool) -> bool:
    """Tell whether a line reads as another story's headline in a list: three to sixteen
    words, no closing punctuation, and (unless a label introduced the list) in title case,
    as outlets print headlines, and not shaped like a row of a table: results ("Persib
    2-1 Persija", "A vs B"), a "Label: value" line, a numbered entry."""
    words = text.split()
    if not _HEADLINE_LIST_WORDS[0] <= len(words) <= _HEADLINE_LIST_WORDS[1]:
        return False
    if not _is_headline_like(text) or _TABLE_ROW.search(text):
        return False
    if labelled:
        return True
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit())
    return bool(content) and capitalised >= _TITLE_CASE_SHARE * len(content)


def _is_list_label(text: str) -> bool:
    """Tell whether a short line introduces a list of stories: a navigation heading
    ("Terpopuler"), a short line ending in ":" that names stories ("Artikel Menarik
    Lainnya:"), or a short heading made mostly of such words ("Pilihan Redaksi");
    "Berikut syaratnya:" introduces the article's own list and is not one."""
    if _is_navigation(text):
        return True
    words = text.rstrip(" :").lower().split()
    if not words or len(words) > _MAX_LABEL_LINE_WORDS:
        return False
    listing = sum(w in _LIST_WORDS for w in words)
    if text.rstrip().endswith(":"):
        return listing >= 1
    return 2 * listing >= len(words) and not _SENTENCE_END.search(text)


def _without_headline_lists(paragraphs: list[str]) -> list[str]:
    """Drop lists of other stories' headlines, by their shape rather than their label: a run
    of at least two headline-like lines (with the label before it, if any), or a label
    followed by one. Without a label, the lines must be in title case."""
    kept: list[str] = []
    index = 0
    while index < len(paragraphs):
        labelled = _is_list_label(paragraphs[index])
        start = index + 1 if labelled else index
        end = start
        while end < len(paragraphs) and _is_listed_headline(paragraphs[end], labelled=labelled):
            end += 1
        run = end - start
        numbered = sum(any(ch.isdigit() for ch in p) for p in paragraphs[start:end])
        if not labelled and 2 * numbered > run:
            run = 0  # a price list or a results table, not headlines
        if run >= (1 if labelled else _MIN_HEADLINE_RUN):
            index = end
            continue
        kept.append(paragraphs[index])
        index += 1
    return kept


def _is_sentence(text: str) -> bool:
    """Tell whether a paragraph is article prose: several words ending a sentence."""
    return len(text.split()) >= _MIN_SENTENCE_WORDS and bool(_SENTENCE_END.search(text))


def _is_navigation(text: str) -> bool:
    """Tell whether a short line is a site navigation heading such as "Terpopuler"."""
    return text.lower().strip(f" :|>\u00bb\u203a\u2022\u00b7-{_DASHES}") in _NAVIGATION


def _without_tail(paragraphs: list[str]) -> list[str]:
    """Drop the navigation block after the last sentence, and an outlet's closing blurb."""
    last_sentence = max((i for i, p in enumerate(paragraphs) if _is_sentence(p)), default=-1)
    for index in range(last_sentence + 1, len(paragraphs)):
        if _is_navigation(paragraphs[index]):
            paragraphs = paragraphs[:index]
            break
    while paragraphs and _SELF_PROMOTION.match(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    if len(paragraphs) > 1 and _is_signature(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    return paragraphs


def _is_signature(text: str) -> bool:
    """Tell whether a closing line is the reporter's name in capitals ("ANDITA RAHMA")."""
    return len(text.split()) <= _MAX_SIGNATURE_WORDS and bool(_REPORTER_SIGNATURE.match(text))


def _is_byline_name(value: str) -> bool:
    """Tell whether a credit's value is a name or two ("Sugiharto Purnama", "A / B")."""
    return 0 < len(value.split()) <= _MAX_SIGNATURE_WORDS and not _SENTENCE_END.search(value)


def _dateline_end(paragraph: str) -> int:
    """Return where the story starts after a dateline (0 when the paragraph has none)."""
    cut = cut_dateline(paragraph)
    return len(paragraph) - len(cut[3]) if cut else 0


def _title_case(word: str, first: bool) -> str:
    """Case one slug word for a headline: small words lower, acronyms upper."""
    if any(ch.isupper() for ch in word):
        return word
    if not first and word in _SMALL_WORDS:
        return word
    return _cased(word)


def _cased(word: str) -> str:
    """Case one word: acronyms upper, units lower, everything else capitalised."""
    lower = word.lower()
    if lower in _SPECIAL_CASE:
        return _SPECIAL_CASE[lower]
    if lower in _UNITS:
        return lower
    letters = [ch for ch in lower if ch.isalpha()]
    if lower in _ACRONYMS or (len(letters) >= 2 and not _VOWELS.intersection(letters)):
        return word.upper()
    return word[:1].upper() + lower[1:]
