"""Pick the sentence of a paragraph that answers the question.

No model runs here: embedding a paragraph's sentences at query time cost ~0.2 s a hit and
made English questions (which share few words with Indonesian news) 50× slower than
embedding the question. Shared words decide first; where they tie or none is shared,
shared character 4-grams do, which catch names and cognates across the two languages
(``Moscow``/``Moskow``, ``organization``/``organisasi``). See BENCHMARKS.md, "Quality".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence, Set

from newsbot.index.answering.rerank import answer_kind, asks_name, names_beyond
from newsbot.index.building.lexical import Span, sentence_terms, tokenize

_GRAM = 4
#: A sentence of a paragraph: its span and its terms (``sentence_terms``).
_Sentence = tuple[Span, tuple[str, ...]]

_ASKS_AGE = re.compile(r"\bhow old\b|\bage of\b|\b(?:umur|usia|berusia|umurnya|usianya)\b", re.I)
_ASKS_WHO = re.compile(r"\b(?:who|whom|whose|siapa|siapakah)\b", re.I)
_AGE = re.compile(
    r"\b\d{1,3}\s*(?:tahun|thn|years?)\b|\(\d{1,3}\)|\b(?:berusia|usia|umur|aged?)\b", re.I
)
_CAPITALISED = re.compile(r"[A-Z][\w'.-]*")
# Words that begin a capitalised run naming a place or a body, not a person.
_PLACES = frozenset(
    "jalan jl kota kabupaten provinsi pulau desa kecamatan kelurahan kali sungai gunung pasar "
    "bandara pelabuhan universitas pt rumah stasiun teluk selat laut danau taman".split()
)
_PLACES |= frozenset(  # bodies
    "institut sekolah fakultas kementerian dinas badan majelis dewan partai komisi "
    "pengadilan mahkamah bank kantor polda polres polsek kejaksaan perusahaan lembaga "
    "yayasan klub tim asosiasi federasi persatuan gedung istana kedutaan".split()
)
_DIRECTIONS = frozenset("utara selatan barat timur tengah raya".split())


def _names_someone(sentence: str, own: Set[str] = frozenset()) -> bool:
    """True when ``sentence`` holds a run of two or more capitalised words (not counting its
    first word, not broken by punctuation) that is not a place or a body and holds a word
    none of whose terms is among ``own`` (the question's): "Stanislav Zas", "Menteri Sergey
    Lavrov"; not "Jalan Sudirman", "Jakarta Selatan", "Dushanbe, Tajikistan", "Institut
    Teknologi Bandung" opening the sentence, nor "Rektor IPB" asked about by "who was
    elected rector of IPB?" (a title and a body the question names, not the person)."""
    words = sentence.split()
    runs: list[list[str]] = [[]]
    for word in words:
        bare = word.strip(",.;:()\"'“”")
        if bare and _CAPITALISED.fullmatch(bare):
            runs[-1].append(bare.lower())
            if word[-1] in ',.;:)"”':
                runs.append([])
        elif runs[-1]:
            runs.append([])
    opens = bool(words) and bool(_CAPITALISED.fullmatch(words[0].strip(",.;:()\"'“”")))

    def a_person(run: list[str], counted: list[str]) -> bool:
        return (
            len(counted) >= 2
            and run[0] not in _PLACES
            and not any(w in _DIRECTIONS for w in run[1:])
            and any(not own & set(tokenize(w)) for w in counted)
        )

    return any(
        a_person(run, run[1:] if i == 0 and opens else run) for i, run in enumerate(runs) if run
    )


def _grams(tokens: Sequence[str]) -> set[str]:
    text = " ".join(tokens)
    return {text[i : i + _GRAM] for i in range(len(text) - _GRAM + 1)}


def _could_answer(
    text: str, sentences: Sequence[_Sentence], question: str, own: Set[str] = frozenset()
) -> tuple[_Sentence, ...]:
    """The ``sentences`` of ``text`` that hold what ``question`` asks for (none when the
    question asks for nothing in particular, or no sentence holds it)."""

    def holding(found: Callable[[str], object]) -> tuple[_Sentence, ...]:
        return tuple(s for s in sentences if found(text[s[0][0] : s[0][1]]))

    kind = answer_kind(question)
    held: tuple[_Sentence, ...] = ()
    if _ASKS_AGE.search(question):
        held = holding(_AGE.search)
    elif _ASKS_WHO.search(question):
        held = holding(lambda sentence: _names_someone(sentence, own))
    elif kind is not None:
        held = holding(kind.search)
    if not held and asks_name(question):
        own = set(tokenize(question))
        held = holding(lambda sentence: names_beyond(sentence, own))
    return held


def best_sentence(text: str, question_tokens: list[str], question: str = "") -> tuple[int, int]:
    """Return the (start, end) span of the sentence in ``text`` that best answers.

    Only sentences that could hold the answer are in the running, when the paragraph has
    any: for a "how old" / "umur" question a sentence giving an age, for a "who" question
    one naming someone (the person's sentence, not the place's before it), for a "when" or
    "how many / berapa" question one holding a date or a number
    (:func:`~newsbot.index.answering.rerank.answer_kind`), for another question asking for
    a name ("which", "where", "apa nama") one naming something the question does not
    (:func:`~newsbot.index.answering.rerank.names_beyond`). Then the sentence sharing most
    question terms wins; ties, and questions sharing no term with any sentence, go to the sentence
    sharing most character 4-grams with the question (scaled by the sentence's length, so
    that a long sentence does not win by size alone).
    """
    sentences = sentence_terms(text)
    if len(sentences) <= 1:
        return sentences[0][0] if sentences else (0, len(text))
    wanted = set(question_tokens)
    sentences = _could_answer(text, sentences, question, wanted) or sentences
    question_grams = _grams(question_tokens)

    def rank(sentence: tuple[tuple[int, int], tuple[str, ...]]) -> tuple[int, float]:
        tokens = sentence[1]
        grams = _grams(tokens)
        shared = len(question_grams & grams) / math.sqrt(len(grams)) if grams else 0.0
        return len(wanted & set(tokens)), shared

    return max(sentences, key=rank)[0]
