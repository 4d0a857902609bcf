"""Check a written sentence against the paragraphs it cites, before anyone sees it.

Two checks, both must pass:

1. **Facts.** Every number, date, month, weekday and name in the sentence must occur in a
   cited paragraph, in any spelling the index treats as one: ``1.300``/``1,300``/``1300``,
   ``1.3 million``/``1,3 juta``, ``two``/``dua``/``2``, ``September``/``Sept``/``9`` in
   ``17/9/2021``, ``Friday``/``Jumat``, ``Moscow``/``Moskow``, ``Russia``/``Rusia``. A day
   and month written together (``17 September``) must occur together.
2. **Closeness.** The sentence's e5 similarity to the closest cited paragraph (or one of
   its sentences) must reach a threshold calibrated on a labelled set
   (``benchmarks/verify_labelled.jsonl``; see BENCHMARKS.md, "Written answers").

The fact check is pure and cheap; the similarity check embeds the sentence and the cited
paragraphs with the index's embedder.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newsbot.index.answering.alignment import align, misaligned_roles
from newsbot.index.answering.roles import (
    absent_doer,
    moved_numbers,
    other_doer,
    swapped_roles,
    translations,
    unsupported_agents,
)
from newsbot.index.building.chunking import split_sentences
from newsbot.index.building.lexical import STOPWORDS, stem, tokenize
from newsbot.index.defaults import DEFAULT_MODEL
from newsbot.index.reading.dates import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS

# Month names that are ordinary words too ("you may", a Mac) count only beside a number,
# as abbreviations do ("Sept 17", "17 Des").
_WORD_LIKE_MONTHS = frozenset({"may", "mac"})
WEEKDAYS: dict[str, int] = {
    "monday": 1, "senin": 1, "tuesday": 2, "selasa": 2, "wednesday": 3, "rabu": 3,
    "thursday": 4, "kamis": 4, "friday": 5, "jumat": 5, "jum'at": 5, "saturday": 6,
    "sabtu": 6, "sunday": 7, "minggu": 7, "ahad": 7,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
    "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
}  # fmt: skip
# Ordinals and "both" that a paragraph uses where a writer says "two", "three".
_SOURCE_NUMBER_WORDS: dict[str, int] = {
    "kedua": 2, "keduanya": 2, "ketiga": 3, "ketiganya": 3, "keempat": 4, "kelima": 5,
    "both": 2,
}  # fmt: skip
SCALES: dict[str, int] = {
    "thousand": 1_000, "ribu": 1_000, "million": 1_000_000, "juta": 1_000_000,
    "billion": 1_000_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000,
    "trillion": 10**12, "triliun": 10**12, "ribuan": 1_000, "jutaan": 1_000_000,
    "miliaran": 1_000_000_000,
}  # fmt: skip
# English names whose Indonesian spelling differs too much for the spelling match.
EXONYMS: dict[str, tuple[str, ...]] = {
    "japan": ("jepang",), "japanese": ("jepang",), "germany": ("jerman",),
    "german": ("jerman",), "netherlands": ("belanda",), "dutch": ("belanda",),
    "egypt": ("mesir",), "egyptian": ("mesir",), "china": ("tiongkok", "cina"),
    "chinese": ("tiongkok", "cina", "china"), "america": ("amerika", "as"),
    "american": ("amerika", "as"), "us": ("as", "amerika", "usd"), "usa": ("as", "amerika"),
    "united": ("serikat", "persatuan"), "states": ("serikat",), "kingdom": ("inggris",),
    "uk": ("inggris",), "britain": ("inggris",), "british": ("inggris",),
    "england": ("inggris",), "english": ("inggris",), "saudi": ("saudi",),
    "arabia": ("arab",), "france": ("prancis", "perancis"), "french": ("prancis", "perancis"),
    "korea": ("korea",), "south": ("selatan",), "north": ("utara",), "east": ("timur",),
    "west": ("barat",), "central": ("tengah",), "java": ("jawa",), "javanese": ("jawa",),
    "indian": ("india",), "philippines": ("filipina",), "filipino": ("filipina",),
    "thailand": ("thailand",), "singapore": ("singapura",), "malaysia": ("malaysia",),
    "switzerland": ("swiss",), "swiss": ("swiss",), "turkey": ("turki",),
    "turkish": ("turki",), "greece": ("yunani",), "spain": ("spanyol",),
    "guinea": ("nugini", "guinea"), "italy": ("italia",), "spanish": ("spanyol",),
    "portugal": ("portugal",), "portuguese": ("portugal",), "scottish": ("skotlandia",),
    "scotland": ("skotlandia",), "new": ("baru", "nugini"), "zealand": ("selandia",),
    "jeddah": ("jeddah", "jedah"), "mecca": ("mekkah", "makkah", "mekah"),
    "medina": ("madinah",), "islam": ("islam",), "muslim": ("muslim", "islam"),
    "muslims": ("muslim", "islam"), "christian": ("kristen",), "christmas": ("natal",),
    "eid": ("idul", "lebaran"), "ramadan": ("ramadhan", "ramadan"),
    "pope": ("paus",), "palestine": ("palestina",), "palestinian": ("palestina",),
    "papuan": ("papua",), "balinese": ("bali",), "sundanese": ("sunda",),
}  # fmt: skip
# Capitalised words that are titles, offices and kinds of place rather than names: the
# writer translates them ("Minister" for "Menteri"), so they cannot be required verbatim.
NOT_NAMES = frozenset(
    "president presidential vice minister ministry ministers governor regent mayor "
    "secretary general chief head deputy director spokesperson spokesman spokeswoman "
    "commander police army navy air force forces military government parliament council "
    "court agency office province provincial regency city district village island islands "
    "sea river mount mountain regional national state republic prime foreign affairs "
    "defence defense health finance home chairman chair chairwoman member members party "
    "committee commission university school hospital airport port street road market "
    "mr mrs ms dr sir madam coordinating religious affairs education social trade "
    "transportation public works police chief officer officers general's secretary-general "
    "organization organisation treaty security collective union alliance federation "
    "international world global summit meeting conference colonel major captain "
    "lieutenant sergeant brigadier admiral marshal inspector commissioner adjunct "
    "sport sports arbitration justice human rights house representatives assembly "
    "open cup league championship tournament final finals games stadium speaker supreme "
    "cemetery"
    # Indonesian counterparts a writer may capitalise
    " presiden wakil menteri kementerian gubernur bupati walikota wali kota kepala sekretaris "
    "jenderal direktur juru bicara komandan polisi kepolisian tentara pemerintah provinsi "
    "kabupaten kecamatan desa pulau laut sungai gunung utara selatan timur barat tengah "
    "negara nasional republik ketua anggota partai komisi universitas sekolah rumah sakit "
    "bandara pelabuhan jalan pasar bapak ibu pak bu organisasi perjanjian keamanan "
    "kolektif dunia internasional kolonel letnan kapten brigadir jenderal mayor "
    "terbuka piala liga final stadion".split()
)
# Words that open a sentence without naming anything.
_OPENERS = frozenset(
    "according after before during while since although though however meanwhile also "
    "both some many most several all each every another other residents officials people "
    "authorities police here there today yesterday tomorrow earlier later last next "
    "menurut setelah sebelum selama sementara sejak meskipun namun selain kemudian "
    "sebelumnya sesudah saat ketika beberapa banyak semua setiap warga pihak hari kini "
    "sekarang kemarin besok adapun bahkan terkait dalam among between despite instead "
    "because if when where once unlike like with without by for from in on at".split()
)

_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:\s*(?:%|persen|percent))?", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_CAPITALISED = re.compile(r"[^\W\d_][\w'’]*(?:-[\w'’]+)*", re.UNICODE)
_MARKERS = re.compile(r"\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]")
# Day and month written together: "17 September", "September 17", "17/9", "17-09-2021".
# The year may follow a space ("13/3/ 2017", as news sites write it).
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?:[/.-] ?(\d{2,4}))?(?![\d/])")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


class Embedder(Protocol):
    """What the similarity check needs of ``newsbot.index.building.embedders.Embedder``."""

    def embed_passages(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...

    def embed_queries(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


@dataclass(frozen=True)
class Verdict:
    """Whether a sentence may be shown: ``kept``, and ``why`` in a short phrase (what is
    missing from the cited paragraphs, or the similarity that passed or failed)."""

    kept: bool
    why: str
    similarity: float | None = None


def strip_markers(sentence: str) -> str:
    """The sentence without its citation markers (``[1]``, ``[1, 2]``)."""
    return _MARKERS.sub("", sentence).strip()


def _number_values(number: str, scale: int) -> set[str]:
    """Every value a written number can stand for, as canonical strings: ``1.300`` is 1300
    (Indonesian thousands) or 1.3 (English decimal); digits alone for an unscaled number."""
    values: set[str] = set()
    if scale == 1:
        values.add(re.sub(r"[.,]", "", number).lstrip("0") or "0")
    for thousands, decimal in ((".", ","), (",", ".")):
        head, _, tail = number.partition(decimal)
        if tail and not tail.isdigit():
            continue
        groups = head.split(thousands)
        if any(len(g) != 3 for g in groups[1:]) or not groups[0]:
            continue
        value = float("".join(groups) + ("." + tail if tail else ""))
        values.add(_canonical(value * scale))
    return values


def _canonical(value: float) -> str:
    rounded = round(value, 3)
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


def _scale_after(text: str, end: int) -> int:
    match = re.match(r"\s*([^\W\d_]+)", text[end:])
    return SCALES.get(match.group(1).lower(), 1) if match else 1


def numbers(text: str, *, source: bool = False) -> list[tuple[str, set[str]]]:
    """The numbers of ``text``, each as written and with the values it can stand for:
    digits (``1.300``, ``1,3 juta``, ``30%``) and number words (``three``, ``tiga``);
    in a ``source`` paragraph also the words that imply a count (``kedua``, ``both``)."""
    found: list[tuple[str, set[str]]] = []
    for match in _NUMBER.finditer(text):
        written = match.group(1)
        found.append((written, _number_values(written, _scale_after(text, match.end(1)))))
    words = {**NUMBER_WORDS, **_SOURCE_NUMBER_WORDS} if source else NUMBER_WORDS
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word in words:
            value = words[word] * _scale_after(text, match.end())
            found.append((match.group(), {_canonical(value)}))
    return found


def _month_at(words: Sequence[str], i: int) -> int | None:
    """The month that word ``i`` names: full names anywhere, abbreviations beside a number."""
    word = words[i].lower().rstrip(".")
    if word in MONTH_NAMES and (word not in _WORD_LIKE_MONTHS or _beside_number(words, i)):
        return MONTH_NAMES[word]
    if word in MONTH_ABBREVIATIONS and _beside_number(words, i):
        return MONTH_ABBREVIATIONS[word]
    return None


def _beside_number(words: Sequence[str], i: int) -> bool:
    return any(0 <= j < len(words) and words[j].rstrip(",.").isdigit() for j in (i - 1, i + 1))


def _tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’.][^\W_]+)*|\S", text, re.UNICODE)


def months(text: str) -> set[int]:
    """The months ``text`` names, by name in either language or in a numeric date."""
    words = _tokens(text)
    found = {m for i in range(len(words)) if (m := _month_at(words, i))}
    found |= {month for _, month in day_months(text)}
    return found


def day_months(text: str) -> set[tuple[int, int]]:
    """The (day, month) pairs ``text`` writes: ``17 September``, ``September 17th``,
    ``17/9/2021``, ``2021-09-17``."""
    pairs: set[tuple[int, int]] = set()
    words = _tokens(text)
    for i in range(len(words)):
        named = _month_at(words, i)
        if named is None:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(words):
                found = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", words[j].rstrip(",."))
                if found and 1 <= int(found.group(1)) <= 31:
                    pairs.add((int(found.group(1)), named))
    for match in _NUMERIC_DATE.finditer(text):
        day, month = int(match.group(1)), int(match.group(2))
        dated = bool(match.group(3)) or "/" in match.group()
        if 1 <= day <= 31 and 1 <= month <= 12 and dated:
            pairs.add((day, month))
    for match in _ISO_DATE.finditer(text):
        pairs.add((int(match.group(3)), int(match.group(2))))
    return pairs


def weekdays(text: str) -> set[int]:
    """The weekdays ``text`` names, in either language (capitalised ``Minggu`` only: lower
    case it means "week")."""
    found = set()
    for match in _WORD.finditer(text):
        word = match.group()
        key = word.lower().replace("’", "'")
        if key in WEEKDAYS and (key != "minggu" or word[0].isupper()):
            found.add(WEEKDAYS[key])
    return found


def names(sentence: str) -> list[str]:
    """The names ``sentence`` writes: capitalised words (and the parts of hyphenated ones)
    that are not titles, kinds of place, months or weekdays; its first word only when it is
    not a word that opens sentences."""
    found: list[str] = []
    for position, match in enumerate(_CAPITALISED.finditer(sentence)):
        for part in match.group().split("-"):
            word = re.sub(r"['’]s$", "", part)
            lower = word.lower()
            if not word or not word[0].isupper() or len(word) < 2:
                continue
            if lower in NOT_NAMES or lower in MONTHS or lower in WEEKDAYS:
                continue
            if lower in NUMBER_WORDS or lower in SCALES:
                continue
            if position == 0 and not word.isupper() and _ordinary(lower):
                continue
            if lower in STOPWORDS and not word.isupper():
                continue
            found.append(word)
    return found


@lru_cache(maxsize=1)
def _dictionaries() -> tuple[frozenset[str], frozenset[str]]:
    """English words written in lower case (web2, from ``english-words``: ``moscow`` is
    not one, ``Moscow`` is) and Indonesian root words (Sastrawi's dictionary)."""
    from english_words import get_english_words_set
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    english = frozenset(get_english_words_set(["web2"], lower=False, alpha=True))
    return english, frozenset(StemmerFactory().get_words())


_ENGLISH_ENDINGS = ("", "s", "es", "ed", "d", "ing", "ly", "er", "ers")


@lru_cache(maxsize=4096)
def _english_lemma(lower: str) -> str:
    """The English lemma of a lowercase word (simplemma): ``women`` → ``woman``."""
    import simplemma

    lemma: str = simplemma.lemmatize(lower, lang="en")
    return lemma.lower()


def _ordinary(lower: str) -> bool:
    """Whether a sentence's capitalised first word is an ordinary word rather than a name:
    a function word, an opener, an English dictionary word (plain or inflected) or an
    affixed Indonesian word whose root the dictionary knows."""
    if lower in STOPWORDS or lower in _OPENERS:
        return True
    english, indonesian = _dictionaries()
    for ending in _ENGLISH_ENDINGS:
        if lower.endswith(ending) and lower[: len(lower) - len(ending)] in english:
            return True
    if _english_lemma(lower) in english:
        return True  # irregular forms: "Women", "Children", "Mice"
    return lower in indonesian or (stem(lower) != lower and stem(lower) in indonesian)


def _name_in(name: str, words: set[str]) -> bool:
    lower = name.lower()
    if lower in words or (lower.isalpha() and stem(lower) in words):
        return True
    if any(alias in words for alias in EXONYMS.get(lower, ())):
        return True
    if name.isupper() and len(name) <= 5:
        return False  # an acronym is spelled one way
    for word in words:
        if word[0] != lower[0] or len(word) < 3:
            continue
        if (
            len(lower) >= 5
            and len(word) >= 5
            and (word.startswith(lower) or lower.startswith(word))
        ):
            return True
        if difflib.SequenceMatcher(None, lower, word).ratio() >= 0.8:
            return True
    return False


def _words(text: str) -> set[str]:
    """The lowercase words of ``text``, the parts of its hyphenated words, and the
    Indonesian stems of both (so ``Tujuannya`` finds ``bertujuan``)."""
    words = {
        re.sub(r"['’]s$", "", w.lower()) for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text)
    } | {part.lower() for w in re.findall(r"\w+(?:-\w+)+", text) for part in w.split("-")}
    return words | {stem(w) for w in words if w.isalpha()}


def _year_of_date(match: re.Match[str]) -> str:
    """A numeric date (``16/9/2021``, ``10/2``) as its year alone; anything else as it was."""
    if match.group(3):
        return f" {match.group(3)} "
    return " " if "/" in match.group() else match.group()


def unknown_words(sentence: str, paragraphs: Sequence[str], language: str) -> list[str]:
    """The sentence's lowercase words that are neither in the paragraphs (as written or by
    stem) nor in the language's dictionary (English web2 with its inflections, Sastrawi's
    Indonesian roots): words a model made up (``kesimana``, ``menganturkkan``)."""
    known = _words("\n".join(paragraphs))
    indonesian = _dictionaries()[1]
    unknown = []
    for word in _LOWER_WORDS.findall(strip_markers(sentence)):
        lower = word.lower()
        if not word.islower() or len(lower) < 3 or "'" in lower or "’" in lower:
            continue
        if lower in known or lower in STOPWORDS or stem(lower) in known:
            continue
        if language == "en" and _english_word(lower):
            continue
        if language != "en" and (lower in indonesian or stem(lower) in indonesian):
            continue
        unknown.append(lower)
    return unknown


@lru_cache(maxsize=4096)
def _english_word(lower: str) -> bool:
    """Whether a lowercase word is English: in web2 as written, inflected (by ending or
    lemma) or in British spelling (``metres``, ``equalised``); in the English–Indonesian
    word lists; or two such words run together (``girlfriend``)."""
    import simplemma

    english = _dictionaries()[0]
    variants = {lower, simplemma.lemmatize(lower, lang="en").lower()}
    variants |= {re.sub(r"re(s?)$", r"er\1", v) for v in variants}
    variants |= {re.sub(r"is(e|ed|es|ing|ation)$", r"iz\1", v) for v in variants}
    for variant in variants:
        for ending in _ENGLISH_ENDINGS:
            if variant.endswith(ending) and variant[: len(variant) - len(ending)] in english:
                return True
        if translations(variant, "en"):
            return True
    return any(lower[:i] in english and lower[i:] in english for i in range(3, len(lower) - 2))


def missing_facts(sentence: str, paragraphs: Sequence[str]) -> list[str]:
    """What ``sentence`` states that none of ``paragraphs`` holds, each as a short phrase
    (``number 1.400``, ``date 18 September``, ``month March``, ``name Belarus``); empty
    when every number, date and name occurs in them."""
    text = strip_markers(sentence)
    source = "\n".join(paragraphs)
    missing: list[str] = []
    # The day and month of 16/9/2021 are checked as a date below; its year as a number.
    counted = _NUMERIC_DATE.sub(_year_of_date, text)
    known_numbers = set().union(*(values for _, values in numbers(source, source=True)))
    for written, values in numbers(counted):
        if not values & known_numbers:
            missing.append(f"number {written}")
    known_pairs = day_months(source)
    pairs = day_months(text)
    for day, month in sorted(pairs - known_pairs):
        missing.append(f"date {day}/{month}")
    known_months = months(source)
    for month in sorted(months(text) - known_months - {m for _, m in pairs}):
        missing.append(f"month {month}")
    for day in sorted(weekdays(text) - weekdays(source)):
        missing.append(f"weekday {day}")
    words = _words(source) | _initials(source)
    terms = set(tokenize(source))
    for name in dict.fromkeys(names(text)):
        if _name_in(name, words):
            continue
        # An English word capitalised in a name the writer translated: "Heroes' Day" for
        # "Hari Pahlawan", "Danish" for "Denmark", "Munich" for "Muenchen".
        if translations(name.lower().rstrip("'’"), "en") & terms:
            continue
        missing.append(f"name {name}")
    return missing


def _initials(text: str) -> set[str]:
    """The initials of each run of two to five capitalised words (``Paris Saint Germain``
    gives ``psg``): the acronym a writer may use for a name the paragraph spells out."""
    found = set()
    for run in re.findall(r"(?:[A-Z][\w'’-]*\s+)+[A-Z][\w'’-]*", text):
        parts = run.split()
        for start in range(len(parts) - 1):
            for end in range(start + 2, min(start + 5, len(parts)) + 1):
                found.add("".join(part[0] for part in parts[start:end]).lower())
    return found


def _unit(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.where(norms == 0, 1, norms), dtype=np.float32)


@dataclass(frozen=True)
class Closeness:
    """How close a sentence is to what it cites: the greatest cosine ``similarity`` to a
    cited paragraph or one of its sentences, and the paragraph sentence it is closest to
    (``nearest``; the sentence that must agree with it on negation)."""

    similarity: float
    nearest: str


def closeness(
    embedder: Embedder, sentences: Sequence[str], cited: Sequence[Sequence[str]]
) -> list[Closeness]:
    """For each sentence, its :class:`Closeness` to the paragraphs it cites (``cited[i]``
    for sentence ``i``): the sentence embedded as a query, the paragraphs and their
    sentences as passages, each in one batch."""
    if not sentences:
        return []
    pieces: list[tuple[int, str, bool]] = []  # (sentence index, text, is a whole paragraph)
    for i, paragraphs in enumerate(cited):
        for paragraph in paragraphs:
            parts = split_sentences(paragraph)
            if len(parts) > 1:
                pieces.append((i, paragraph, True))
            pieces.extend((i, part, False) for part in parts)
    queries = _unit(embedder.embed_queries([strip_markers(s) for s in sentences]))
    best = [-1.0] * len(sentences)
    nearest = [(-1.0, "")] * len(sentences)
    if pieces:
        passages = _unit(embedder.embed_passages([text for _, text, _ in pieces]))
        for (owner, text, whole), vector in zip(pieces, passages, strict=True):
            score = float(queries[owner] @ vector)
            best[owner] = max(best[owner], score)
            if not whole and score > nearest[owner][0]:
                nearest[owner] = (score, text)
    return [Closeness(b, n[1]) for b, n in zip(best, nearest, strict=True)]


_NEGATIONS = frozenset(
    "not no never neither nor none nobody nothing without cannot yet tidak tak bukan belum "
    "tanpa jangan enggak nggak gak tiada".split()
)
# Verbs that deny or undo what they govern, by English word start or Indonesian stem.
_REFUSALS_EN = ("refus", "reject", "deni", "deny", "cancel", "call off", "called off")
_REFUSALS_ID = frozenset("tolak bantah batal sangkal tampik".split())
_LOWER_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def negated(text: str) -> bool:
    """Whether ``text`` says something is not so or did not happen: a negation (``not``,
    ``tidak``, ``belum``…) or a verb of refusal (``rejected``, ``menolak``, ``dibatalkan``)."""
    lower = text.lower().replace("’", "'")
    words = _LOWER_WORDS.findall(lower)
    if any(w in _NEGATIONS or w.endswith("n't") for w in words):
        return True
    if any(w.startswith(_REFUSALS_EN) for w in words):
        return True
    return any(w.isalpha() and len(w) > 4 and stem(w) in _REFUSALS_ID for w in words)


# Words that say someone would not (``tidak mau``, ``enggan``, ``declined``): the plain
# negation a refusal may paraphrase.
_WILLING = frozenset("mau bersedia ingin sudi berkenan willing want wanted".split())
_UNWILLING = frozenset("enggan ogah declined declines decline".split())


def refuses(text: str) -> bool:
    """Whether ``text`` refuses, rejects, denies or cancels (``rejected``, ``menolak``,
    ``dibatalkan``), in lowercase words: a capitalised word is a name (``Denis``)."""
    words = [w for w in _LOWER_WORDS.findall(text.replace("’", "'")) if w.islower()]
    if any(w.startswith(_REFUSALS_EN) for w in words):
        return True
    if re.search(r"\b(?:call(?:s|ed|ing)?|turn(?:s|ed|ing)?) (?:it |them )?(?:off|down)\b", text):
        return True
    return any(w.isalpha() and len(w) > 4 and stem(w) in _REFUSALS_ID for w in words)


def unwilling(text: str) -> bool:
    """Whether ``text`` says someone refused or would not: a refusal (:func:`refuses`),
    ``enggan``/``declined``, or a negation right before a word of will (``tidak mau``,
    ``tak bersedia``, ``was not willing``)."""
    if refuses(text):
        return True
    words = _LOWER_WORDS.findall(text.lower().replace("’", "'"))
    if any(w in _UNWILLING for w in words):
        return True
    return any(
        (w in _NEGATIONS or w.endswith("n't")) and _WILLING & set(words[i + 1 : i + 3])
        for i, w in enumerate(words)
    )


def negated_predicates(text: str) -> set[str]:
    """The stems of the lowercase words a negation in ``text`` governs (up to three, within
    its clause): ``tidak bisa memenuhi panggilan`` gives ``bisa``, ``penuh``, ``panggil``."""
    found: set[str] = set()
    for clause in re.split(r"[^\w\s'’-]+", text):
        words = clause.split()
        for i, word in enumerate(words):
            if word.lower() in _NEGATIONS:
                found.update(
                    stem(w)
                    for w in words[i + 1 : i + 4]
                    if w.isalpha() and w.islower() and w not in STOPWORDS
                )
    return found


def contradicts(sentence: str, paragraphs: Sequence[str], language: str) -> str | None:
    """Why the sentence's negation disagrees with the paragraphs, or None: a negated
    sentence needs a negation in them; an Indonesian sentence that states plainly what they
    negate (``akan memenuhi`` for ``tidak bisa memenuhi``) contradicts them."""
    text = strip_markers(sentence)
    if negated(text) and not any(negated(p) for p in paragraphs):
        return "says no where the cited passage does not"
    if refuses(text) and not any(unwilling(p) for p in paragraphs):
        return "refuses where the cited passage only says no"
    if language == "id" and not negated(text):
        denied = set().union(*(negated_predicates(p) for p in paragraphs))
        stated = {stem(w) for w in _LOWER_WORDS.findall(text.lower()) if w.isalpha()}
        stated -= {stem(w) for w in STOPWORDS}
        shared = sorted(denied & stated - {"bisa", "dapat", "ada", "akan", "sudah", "pernah"})
        if shared:
            return f"states what the cited passage denies ({', '.join(shared)})"
    return None


def word_support(sentence: str, paragraphs: Sequence[str]) -> float:
    """The share of the sentence's content words (stopwords, names and numbers aside) that
    occur in the paragraphs, as written or by Indonesian stem: how much of an Indonesian
    sentence is the paragraph's own wording. 1.0 below two content words."""
    known = set().union(*(tokenize(p) for p in paragraphs)) if paragraphs else set()
    words = [
        w.lower()
        for w in re.findall(r"[^\W\d_]+", strip_markers(sentence))
        if not w[0].isupper() and w.lower() not in STOPWORDS and len(w) > 2
    ]
    if len(words) < 2:
        return 1.0
    found = sum(1 for w in words if w in known or stem(w) in known)
    return found / len(words)


_AGED = re.compile(r"\b([A-Z][\w'’]*)\s*(?:,\s*|\(\s*)(\d{1,3})\b(?![.,]\d)")


def aged_names(text: str) -> dict[str, set[str]]:
    """Names written with a number right after them (``Rohati, 63``, ``TH (66)``): the
    age or count news attaches to a person, by name."""
    found: dict[str, set[str]] = {}
    for match in _AGED.finditer(text):
        found.setdefault(match.group(1).lower(), set()).add(match.group(2))
    return found


def swapped_numbers(sentence: str, paragraphs: Sequence[str]) -> list[str]:
    """Names the sentence gives a number that the paragraphs give only other numbers."""
    source: dict[str, set[str]] = {}
    for paragraph in paragraphs:
        for name, values in aged_names(paragraph).items():
            source.setdefault(name, set()).update(values)
    return [
        f"{name} {', '.join(sorted(values))}"
        for name, values in aged_names(strip_markers(sentence)).items()
        if name in source and not values & source[name]
    ]


# Indonesian words that give the name after them its role: owner, agent, recipient.
_ROLE_WORDS = frozenset(
    "milik oleh kepada terhadap pimpinan istri suami istrinya suaminya ke dari".split()
)


def _name_neighbours(text: str) -> set[tuple[str, str, str]]:
    """(side, role word, name) for the first name after each role word, titles skipped:
    ``milik Idris`` gives ``("before", "milik", "idris")``, and so does ``oleh Jenderal
    Idris``."""
    tokens = re.findall(r"[^\W\d_]+", text)
    found = set()
    for i, token in enumerate(tokens):
        if token not in _ROLE_WORDS:
            continue
        j = i + 1
        while j < len(tokens) and tokens[j][0].isupper() and tokens[j].lower() in NOT_NAMES:
            j += 1
        if j < len(tokens) and tokens[j][0].isupper():
            found.add(("before", token, tokens[j].lower()))
    return found


def moved_names(sentence: str, paragraphs: Sequence[str]) -> list[str]:
    """Names an Indonesian sentence puts where the paragraphs put another name: ``milik
    ZUL`` where they write ``milik Idris`` (and never ``milik ZUL``) swaps who did what."""
    source = set().union(*(_name_neighbours(p) for p in paragraphs))
    moved = []
    for side, word, name in _name_neighbours(strip_markers(sentence)):
        if (side, word, name) in source:
            continue
        others = {n for s, w, n in source if s == side and w == word and n != name}
        if others:
            moved.append(f"{word} {name}" if side == "before" else f"{name} {word}")
    return sorted(moved)


# Titles that belong to the name after them, by their Indonesian form (English ones
# translated): "Presiden Barcelona", "Barcelona president Bartomeu", "pelatih Persipura".
_TITLES: dict[str, str] = {
    "presiden": "presiden", "president": "presiden", "ketua": "ketua",
    "chairman": "ketua", "chairwoman": "ketua", "chair": "ketua", "pelatih": "pelatih",
    "coach": "pelatih", "manager": "pelatih", "manajer": "pelatih", "kapten": "kapten",
    "captain": "kapten", "gubernur": "gubernur", "governor": "gubernur", "bupati": "bupati",
    "regent": "bupati", "walikota": "walikota", "mayor": "walikota", "direktur": "direktur",
    "director": "direktur", "kapolsek": "kapolsek", "kapolres": "kapolres",
    "kapolda": "kapolda",
}  # fmt: skip

# Indonesian words that give the name after them a title: "dilatih Teco" (Teco coaches).
_TITLE_VERBS = {"dilatih": "pelatih", "diasuh": "pelatih", "asuhan": "pelatih"}


def _titled(text: str, is_name: Callable[[str], bool], run: int | None) -> dict[str, set[str]]:
    """Per title (Indonesian form), the names written right after it: its run of
    capitalised words, commas allowed (``Presiden Barcelona, Josep Maria Bartomeu``,
    ``Direktur Olah Raga Paris Saint Germain, Patrick Kluivert``), other titles skipped;
    only the first ``run`` names when given."""
    tokens = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|,", text)
    found: dict[str, set[str]] = {}
    for i, token in enumerate(tokens):
        title = _TITLES.get(token.lower()) or _TITLE_VERBS.get(token.lower())
        if title is None:
            continue
        held: set[str] = set()
        j = i + 1
        while j < len(tokens) and (run is None or len(held) < run):
            word = tokens[j]
            if word == ",":
                if not held:
                    break
            elif not word[0].isupper():
                break
            elif word.lower() not in NOT_NAMES and is_name(word):
                held.add(word.lower())
            j += 1
        if held:
            found.setdefault(title, set()).update(held)
    return found


def moved_titles(sentence: str, paragraphs: Sequence[str]) -> list[str]:
    """Titles the sentence gives a name the paragraphs give only other names, as
    ``"title name"`` strings: ``Presiden Real Madrid`` where they write ``Presiden
    Barcelona`` and name Real Madrid elsewhere. Either language; the name right after the
    title counts (``Barcelona president Bartomeu`` gives the title to Bartomeu)."""
    text = strip_markers(sentence)
    is_name = _name_test(text, paragraphs)
    source: dict[str, set[str]] = {}
    for paragraph in paragraphs:
        for title, held in _titled(paragraph, is_name, None).items():
            source.setdefault(title, set()).update(held)
    known = {w.lower() for p in paragraphs for w in re.findall(r"[^\W\d_]+", p)}
    moved = []
    for title, held in _titled(text, is_name, 1).items():
        for name in held:
            if title in source and name not in source[title] and name in known:
                moved.append(f"{title} {name}")
    return sorted(moved)


def _name_test(sentence: str, paragraphs: Sequence[str]) -> Callable[[str], bool]:
    """Whether a capitalised word of the sentence is a name: one :func:`names` finds, or
    one the paragraphs write capitalised too (``Lukaku`` opening a sentence, which the
    dictionaries read as ``luka-ku``), titles and kinds of place aside."""
    own = {name.lower() for name in names(sentence)}
    capitalised = {
        word.lower()
        for paragraph in paragraphs
        for word in re.findall(r"(?<![\w'’])[^\W\d_a-z][\w'’]+", paragraph)
    }
    capitalised -= NOT_NAMES | STOPWORDS | set(MONTH_NAMES) | set(WEEKDAYS)
    return lambda word: word.lower() in own or word.lower() in capitalised


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAYS_OF_MONTH = re.compile(
    rf"\b\d{{1,2}}(?:\s*(?:-|–|to|and|hingga|sampai|dan)\s*\d{{1,2}})?\s+(?:{_MONTH_NAMES})\b"
    rf"|\b(?:{_MONTH_NAMES})\s+\d{{1,2}}\b",
    re.IGNORECASE,
)


def _without_dates(text: str) -> str:
    """``text`` with its dates taken out (``19 to 21 November``, ``17/9/2021``): their days
    are no numbers of a name."""
    return _NUMERIC_DATE.sub(" ", _DAYS_OF_MONTH.sub(" ", text))


def _paragraph_name(word: str) -> bool:
    """Whether a capitalised word of a paragraph may be a name: no title, function word or
    word that opens sentences (``Presiden``, ``Mereka``, ``Dia``)."""
    lower = word.lower()
    return not (lower in NOT_NAMES or lower in STOPWORDS or lower in _OPENERS)


def _same_name(name: str, word: str) -> bool:
    return _name_in(name, _words(word))


_SENTENCE_START = re.compile(r"(^|[.!?][\"”’)]?\s+)([^\W\d_]+)")


def _openers_lowered(paragraph: str, sentence: str) -> str:
    """``paragraph`` with the words that open its sentences in lower case where they are
    function words, openers or affixed Indonesian words (``Kiriman perdana … 1.000
    karton``: ``kirim`` + ``-an``), so that they hold no numbers as names do. Roots and
    English words stay (``Roma``, ``Stoke`` open sentences as names), and so does a word
    the sentence writes too."""

    def lowered(match: re.Match[str]) -> str:
        word = match.group(2)
        lower = word.lower()
        if word.isupper() or _name_in(word, written):
            return match.group()
        root = stem(lower)
        affixed = len(lower) - len(root) >= 2 and root in _dictionaries()[1]
        if lower in STOPWORDS or lower in _OPENERS or affixed:
            return match.group(1) + lower
        return match.group()

    written = {name.lower() for name in names(sentence)}
    return _SENTENCE_START.sub(lowered, paragraph)


def role_swaps(sentence: str, paragraphs: Sequence[str], language: str) -> list[str]:
    """What the sentence tells of its names that the paragraphs tell otherwise: its doer
    and other party in opposite roles (``"roma > liverpool"``), a number given to another
    name (``"palestine 167"``), or a doer absent from the paragraph sentence that says what
    it did (:mod:`newsbot.index.answering.roles`)."""
    text = strip_markers(sentence)
    is_name = _name_test(text, paragraphs)
    found = swapped_roles(text, paragraphs, is_name, _same_name, language)
    found += moved_numbers(
        _without_dates(text),
        [_without_dates(_openers_lowered(p, text)) for p in paragraphs],
        is_name,
        _same_name,
        _paragraph_name,
    )
    found += [
        f"not {doer}"
        for doer in other_doer(text, paragraphs, is_name, _same_name, language, _paragraph_name)
    ]
    found += [
        f"{name} did not" for name in absent_doer(text, paragraphs, is_name, _same_name, language)
    ]
    return found


def alignment(sentence: str, paragraphs: Sequence[str], language: str) -> tuple[float, str | None]:
    """How the sentence aligns to one paragraph sentence (or two adjacent ones;
    :mod:`newsbot.index.answering.alignment`): the share (0–1) of its names and judged
    content words that sentence holds, and ``"doer > other"`` when its doer and other
    party stand the other way round about that sentence's matching verb (else None).
    Measured by ``benchmarks/verify.py --alignment``; :func:`verify` does not apply it
    (DEVELOPERS.md, "Written answers": it fails the rule for a check)."""
    text = strip_markers(sentence)
    is_name = _name_test(text, paragraphs)
    aligned = align(text, paragraphs, is_name, _same_name, language)
    if aligned is None:
        return 1.0, None
    return aligned.coverage, misaligned_roles(text, aligned.text, is_name, _same_name, language)


@dataclass(frozen=True)
class Thresholds:
    """What a sentence must reach to be kept, by the reader's language: ``similarity``
    (e5 cosine to the closest cited paragraph or sentence) and, for Indonesian sentences,
    ``word_support`` (share of content words the cited paragraphs hold)."""

    similarity: dict[str, float]
    word_support: float


def verify(
    sentences: Sequence[str],
    cited: Sequence[Sequence[str]],
    embedder: Embedder,
    thresholds: Thresholds,
    language: str,
) -> list[Verdict]:
    """Check each sentence (written in ``language``, ``"en"`` or ``"id"``) against the
    paragraphs it cites (``cited[i]`` for sentence ``i``). Kept only when every fact occurs
    in them, names keep their numbers, negation agrees with them, an Indonesian sentence
    uses the paragraphs' words and keeps their names' roles, and the similarity reaches the
    threshold. A sentence citing nothing is never kept."""
    verdicts: list[Verdict | None] = []
    for sentence, paragraphs in zip(sentences, cited, strict=True):
        verdicts.append(_fact_verdict(sentence, paragraphs, thresholds, language))
    pending = [i for i, v in enumerate(verdicts) if v is None]
    near = closeness(embedder, [sentences[i] for i in pending], [cited[i] for i in pending])
    floor = thresholds.similarity.get(language, min(thresholds.similarity.values()))
    for i, found in zip(pending, near, strict=True):
        score = found.similarity
        if score >= floor:
            verdicts[i] = Verdict(True, f"supported (similarity {score:.2f})", score)
        else:
            verdicts[i] = Verdict(
                False, f"too far from the cited passage (similarity {score:.2f})", score
            )
    return [v for v in verdicts if v is not None]


def _fact_verdict(
    sentence: str, paragraphs: Sequence[str], thresholds: Thresholds, language: str
) -> Verdict | None:
    """The verdict of the checks that need no model, or None when they all pass."""
    if not paragraphs:
        return Verdict(False, "cites no passage")
    missing = missing_facts(sentence, paragraphs)
    if missing:
        return Verdict(False, "not in the cited passage: " + ", ".join(missing))
    made_up = unknown_words(sentence, paragraphs, language)
    if made_up:
        return Verdict(False, "words in no dictionary: " + ", ".join(made_up))
    swapped = swapped_numbers(sentence, paragraphs)
    if swapped:
        return Verdict(False, "the cited passage gives other numbers: " + "; ".join(swapped))
    contradiction = contradicts(sentence, paragraphs, language)
    if contradiction:
        return Verdict(False, contradiction)
    swapped = role_swaps(sentence, paragraphs, language)
    if language == "id":
        swapped += moved_names(sentence, paragraphs)
    swapped += moved_titles(sentence, paragraphs)
    if swapped:
        return Verdict(False, "names in other roles than the cited passage: " + ", ".join(swapped))
    agents = unsupported_agents(strip_markers(sentence), paragraphs, language)
    if agents:
        return Verdict(False, "doer or cause not in the cited passage: " + ", ".join(agents))
    if language == "id":
        support = word_support(sentence, paragraphs)
        if support < thresholds.word_support:
            return Verdict(False, f"words not in the cited passage ({support:.0%} found)")
    return None


#: Per embedder, calibrated by ``benchmarks/verify.py`` on the calibration half of
#: ``benchmarks/verify_labelled.jsonl`` (the fewest unsupported sentences shown while at
#: least 90% of the supported ones are kept; BENCHMARKS.md, "Written answers"). English
#: sentences are compared across languages with Indonesian news, so their cosines run lower.
THRESHOLDS = {
    DEFAULT_MODEL: Thresholds(similarity={"en": 0.833, "id": 0.848}, word_support=0.4),
}


def thresholds_for(embedder_name: str) -> Thresholds | None:
    """The calibrated thresholds of an embedder; None when it has none (the writer is then
    off: an uncalibrated similarity would let anything through, or nothing)."""
    return THRESHOLDS.get(embedder_name)
