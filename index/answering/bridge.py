"""A lexical bridge from English questions to Indonesian news.

An English question shares only its names with Indonesian news, so BM25 sees little of it.
The bridge looks a question's words up in an open bilingual word list shipped in
``index/language`` (FreeDict English–Indonesian) and returns the Indonesian terms they
translate to, weighted below the question's own terms and split between a word's senses, so
that an ambiguous word adds no more than a plain one. The dense side is left as it is.

English words are looked up by lemma (``troops`` → ``troop``, simplemma; an irregular form
by WordNet's exception lists, ``won`` → ``win``), a pair of words first (``dragon boat`` →
``perahu naga``); a word inside a name by the sense the dictionary's proper nouns give it
(``Mount Agung`` → ``gunung``, as ``Mount Everest`` is ``Gunung Everest``; ``Central
Kalimantan`` → ``tengah``). Other questions (Indonesian, Malay) are not
translated: a Malay question shares most of its words with Indonesian news, and e5 reads
the rest (``askar``, ``sempadan``). A Malay–Indonesian list (Apertium ind-zlm) bought one
question in 150 and was dropped (DEVELOPERS.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib import resources

from newsbot.index.answering.number_words import ORDINAL_DIGITS, compound, number_of
from newsbot.index.building.lexical import STOPWORDS, tokenize

#: Weight of a translated term against an original term of the question (1).
BRIDGE_WEIGHT = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*", re.UNICODE)
#: A word written in capitals is an acronym, a name: "PIN" is no pin (jarum), "SEA Games" no
#: sea (laut); it takes a sense only from the dictionary's own acronyms ("UN" -> "PBB").
_ACRONYM = re.compile(r"[A-Z]{2,}")


@cache
def _table(name: str) -> dict[str, tuple[str, ...]]:
    text = resources.files("newsbot.index.language").joinpath(name).read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, senses = line.partition("\t")
            table[word] = tuple(senses.split("|"))
    return table


def version() -> str:
    """Return the source of the shipped word list (its ``#`` line), for the manifest."""
    first = resources.files("newsbot.index.language").joinpath("en-id.tsv").open(encoding="utf-8")
    with first:
        return first.readline().lstrip("# ").split(" (")[0].strip()


@cache
def _english_lemma(word: str) -> str:
    import simplemma

    lemma: str = simplemma.lemmatize(word, lang="en")
    return lemma.lower()


#: English endings and what a headword ends with instead, tried when neither the word nor
#: its lemma is a headword: inflections the lemmatizer leaves (names' plurals, "uzbeks"),
#: and the names of peoples and languages after their place ("sumatran" -> "sumatra",
#: "palestinian" -> "palestine", "kurdish" -> "kurd", "iraqi" -> "iraq").
_ENDINGS = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("ian", "ia"),
    ("ian", "e"),
    ("ian", ""),
    ("an", "a"),
    ("an", ""),
    ("ese", ""),
    ("ish", ""),
    ("i", ""),
)


def _derived(word: str, steps: int = 2) -> Iterator[str]:
    """Yield the forms ``word`` may come from by up to ``steps`` of :data:`_ENDINGS`
    ("colombians" -> "colombian" -> "colombia"; a doubled last consonant undone too:
    "stopped" -> "stop"), each at least three letters long."""
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            forms = [stem + replacement]
            if not replacement and len(stem) > 3 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])
            for form in forms:
                yield form
                if steps > 1:
                    yield from _derived(form, steps - 1)


#: Endings of the names of peoples and languages; the only ones taken off a capitalised
#: word, so that a name is not read as an inflection ("James" is not "jam" + "es").
_PEOPLE = {"ian", "an", "ese", "ish", "i"}


def _irregular_senses(word: str, table: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Return the senses of the headwords an irregular English form is a form of ("won" ->
    win's, "saw" -> see's; ``en-forms.tsv``, from WordNet's exception lists), or ()."""
    return tuple(s for base in _table("en-forms.tsv").get(word, ()) for s in table[base])


def _borrowed_plural(word: str) -> bool:
    """Whether ``word``, which the dictionary lacks, is read as the English plural of a word
    Indonesian news borrows as it is, in the singular ("iPods", "gamers", "rankings",
    "downvotes" -> "iPod", "gamer", "ranking", "downvote"): it ends in one "s" after a
    letter other than "s", "u" or "i" ("bus", "virus", "crisis" are no plurals)."""
    return len(word) > 4 and word[-1] == "s" and word[-2] not in "siu'" and word.isalpha()


def _in_name(spelled: list[str], j: int) -> bool:
    """Whether the ``j``-th written word stands in a name: a capitalised word follows it
    ("Mount Agung", "Central Kalimantan"), or it is capitalised itself, not the question's
    first word, after a capitalised word ("Seribu Islands", "Java Sea")."""
    if j + 1 < len(spelled) and spelled[j + 1][:1].isupper():
        return True
    return j >= 2 and spelled[j][:1].isupper() and spelled[j - 1][:1].isupper()


#: How alike (difflib's ratio, 0 to 1) a place's English and Indonesian names are at least:
#: a people's name comes from a place's. Over the dictionary's own headwords with a people's
#: ending whose base is a headword, words stay at 0.40 or below ("child" / "anak") and places
#: reach 0.53 or more ("turk" / "orang turki", "colombia" / "kolombia" 0.88); "buy" / "beli"
#: (Buyan) is 0.29.
PLACE_ALIKE = 0.5


def _spelled_alike(english: str, senses: tuple[str, ...]) -> bool:
    """Whether one of ``senses`` is spelled much as ``english`` is, as a place's name is
    in both languages (so "Buyan" is not read as "buy" + "an")."""
    return any(SequenceMatcher(None, english, sense).ratio() >= PLACE_ALIKE for sense in senses)


def _headword(
    word: str, table: Mapping[str, tuple[str, ...]], capitalised: bool = False
) -> str | None:
    """Return the headword of an English word: itself, its lemma, or a form it derives from
    (:func:`_derived`; for a ``capitalised`` word only a people's name, its plural too,
    from a place spelled alike in both languages: "Colombians" -> "colombia", not "Buyan"
    -> "buy"); None when the dictionary has none of them."""
    lemma = _english_lemma(word)
    if capitalised:
        singular = (word, word[:-1]) if word.endswith("s") else (word,)
        derived = [
            form
            for w in singular
            for ending, replacement in _ENDINGS
            if ending in _PEOPLE and w.endswith(ending) and len(w) - len(ending) >= 3
            for form in (w[: -len(ending)] + replacement,)
            if _spelled_alike(form, table.get(form, ()))
        ]
    else:
        derived = list(_derived(word))
    return next((f for f in (word, lemma, *derived) if f in table), None)


def _english_words(question: str) -> Iterator[tuple[str, tuple[str, ...] | None]]:
    """Yield an English question's content words, each with its Indonesian senses (a
    two-word headword's for both of its words) or None.

    A word inside a name (:func:`_in_name`) takes its sense inside names when the
    dictionary's proper nouns show one (``en-id-names.tsv``: "Central Kalimantan" ->
    tengah, as "Central Asia" is "Asia Tengah"; "Mount Agung" -> gunung, as "Mount Everest"
    is "Gunung Everest"; "central bank" keeps "bank sentral", "mount the horse" tunggangan).
    An irregular form brings the senses of the headword it is a form of, beside its own
    when it is a headword too ("saw": gergaji and see's). A word written in capitals is an
    acronym (:data:`_ACRONYM`; unless the whole question is): only the dictionary's own
    acronyms translate ("UN" -> pbb, ``en-id-acronyms.tsv``), "PIN" and "SEA" do not. A
    number word brings its digits beside its senses ("tenth" -> kesepuluh and 10;
    ``number_words``); an ordinal's letters after digits ("10th") are no word."""
    spelled = _WORD.findall(ORDINAL_DIGITS.sub("", question))
    words = [w.lower() for w in spelled]
    table = _table("en-id.tsv")
    in_names = _table("en-id-names.tsv")
    acronyms = _table("en-id-acronyms.tsv")
    shouted = not any(c.islower() for c in question)
    i = 0
    while i < len(words):
        if not shouted and _ACRONYM.fullmatch(spelled[i]):  # "PIN", "SEA Games", "UN"
            if words[i] not in STOPWORDS:
                yield words[i], acronyms.get(words[i])
            i += 1
            continue
        if i + 1 < len(words) and (both := compound(words[i], words[i + 1])) is not None:
            yield words[i], (str(both),)  # "twenty one"
            yield words[i + 1], (str(both),)
            i += 2
            continue
        if i + 1 < len(words):
            pairs = (
                f"{words[i]} {words[i + 1]}",
                f"{_english_lemma(words[i])} {_english_lemma(words[i + 1])}",
            )
            pair = next((p for p in pairs if p in table), None)
            if pair is not None:
                yield words[i], table[pair]
                yield words[i + 1], table[pair]
                i += 2
                continue
        word = words[i]
        i += 1
        if word in STOPWORDS or len(word) < 2:
            continue
        if word in in_names and _in_name(spelled, i - 1):
            yield word, in_names[word]
            continue
        capitalised = i > 1 and spelled[i - 1][:1].isupper()
        headword = _headword(word, table, capitalised)
        irregular = () if capitalised else _irregular_senses(word, table)
        if irregular and headword in (None, word):  # "won"; "saw" (gergaji) and see's
            own = table[word] if headword == word else ()
            yield word, tuple(dict.fromkeys((*own, *irregular)))
            continue
        number = number_of(word)
        if headword is None and number is not None:  # "twenty-first"
            yield word, (str(number),)
            continue
        if headword is None and "-" in word:  # "solar-powered": its parts' senses
            parts = [_headword(p, table) for p in word.split("-") if p not in STOPWORDS]
            senses = tuple(s for h in parts if h is not None for s in table[h])
            yield word, senses or None
            continue
        if headword is None and not spelled[i - 1][:1].isupper() and _borrowed_plural(word):
            # "iPods": news writes "iPod"
            yield word, (word[:-1],)
            continue
        if headword is None:
            yield word, None
        else:
            digits = () if number is None else (str(number),)
            yield word, (*table[headword], *digits)


def _other_words(question: str) -> Iterator[tuple[str, tuple[str, ...] | None]]:
    """Yield a question's content words, none with senses (only English is bridged)."""
    for word in (w.lower() for w in _WORD.findall(question)):
        if word not in STOPWORDS and len(word) >= 2:
            yield word, None


@dataclass(frozen=True)
class QuestionTerms:
    """A question's content words as lexical terms, with their translations."""

    #: Per content word: its own terms and its translations' terms. A paragraph holds the
    #: word when it holds any of them.
    words: tuple[frozenset[str], ...]
    #: Translated terms and their weights (0 to ``BRIDGE_WEIGHT``), for the lexical side;
    #: terms the question holds itself are left out (they count in full already).
    bridged: dict[str, float]

    def support(self, paragraph_terms: Set[str]) -> float:
        """Return the share of the question's content words a paragraph holds (itself or
        translated), 0 to 1: no corpus statistics, so it means the same on any index."""
        if not self.words:
            return 0.0
        return sum(bool(word & paragraph_terms) for word in self.words) / len(self.words)

    def known_share(self, known: Callable[[str], bool]) -> float:
        """Return the share of the question's content words the index knows (itself or
        translated), 0 to 1."""
        if not self.words:
            return 0.0
        return sum(any(known(t) for t in word) for word in self.words) / len(self.words)


def question_terms(question: str, language: str, known: Callable[[str], bool]) -> QuestionTerms:
    """Return the content words of ``question`` and, for an English question (``language``
    "en"), their Indonesian translations; other questions get their own words only.
    ``known`` (whether the index holds a term) is kept for callers; the translation does
    not depend on it. A word's weight is shared by its senses; a term of several words
    keeps its largest."""
    pairs = list(_english_words(question) if language == "en" else _other_words(question))
    own = set(tokenize(question))
    words = []
    bridged: dict[str, float] = {}
    for word, senses in pairs:
        terms = set(tokenize(word))
        if senses is not None:
            for sense in senses:
                for term in tokenize(sense):
                    terms.add(term)
                    if term not in own:
                        bridged[term] = max(bridged.get(term, 0.0), BRIDGE_WEIGHT / len(senses))
        if terms:
            words.append(frozenset(terms))
    return QuestionTerms(tuple(dict.fromkeys(words)), bridged)


def bridged_terms(question: str, language: str, known: Callable[[str], bool]) -> dict[str, float]:
    """Return the translated terms of :func:`question_terms` with their weights."""
    return question_terms(question, language, known).bridged
