"""Whether the first passage shows an answer of the kind a question asks for.

A "when", "how many" or "who" question is answered by a date, an amount or a name standing
beside the words it asks about (``rerank.answer_near``). A passage that holds none of the
question's words beside any possible answer is weaker evidence than its cosine says: for
English questions, whose words reach the news only through names and translations, the
confidence pays for it (``fusion.confidence``, form 6; BENCHMARKS.md, "Seventh round, the
floor").

A question about news the index lacks that names what the index holds ("Klub Jerman mana
yang katanya mau merekrut Balotelli?" over an article on his season at Nice) shares its names with
the article but not the words of its happening ("Jerman", "merekrut"): ordinary Indonesian
words no paragraph of the index holds (:func:`unheld_share`). Words of other kinds that no paragraph
holds say little: a Malay word ("jurulatih", "syarikat"), a chat particle ("sih"), a word
too common to be asked about ("orang", "sekarang") or a rare one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Set
from functools import cache

from newsbot.index.answering.bridge import QuestionTerms
from newsbot.index.answering.rerank import answer_kind, answer_near, asks_name, word_weights
from newsbot.index.building.lexical import STOPWORDS

#: An ordinary Indonesian word, on wordfreq's Zipf scale (log10 of uses per billion words):
#: at least the first (about 3 in a million words: "merekrut", "tarif"), at most the second
#: (above it: "orang", "sekarang", "ketika", words that stand beside any happening).
ORDINARY_ZIPF = (3.5, 5.8)
#: A word whose Malay frequency exceeds its Indonesian one by this much (Zipf) is Malay:
#: "jurulatih", "syarikat", "berlepas" are not missing from Indonesian news, only unsaid.
MALAY_LEAN = 0.5
#: Chat particles, forms of address, and the words of "what did X say about Y" ("bilang",
#: "ngomong", "soal"): no happening of their own, though ordinary words.
_CHAT = frozenset(
    "sih dong deh nih kok lho loh kak kakak ya yah aja doang gan bang mas mbak pak bu min "
    "bro sis bos soal bilang ngomong omong".split()
)
#: Particles a question word or a pronoun carries ("dimanakah", "diadakannya").
_PARTICLE = re.compile(r"(?<=\w{3})(kah|lah|pun|nya)$")


def no_answer_near(
    text: str, question: str, words: QuestionTerms, term_weights: Mapping[str, float]
) -> bool:
    """Whether ``question`` asks for a date, an amount or a name (``rerank.answer_kind``,
    ``rerank.asks_name``) and ``text`` holds none of its content ``words`` (each weighed by
    its rarity in ``term_weights``, idf) within ``rerank.NEAR`` words of a possible answer
    in one sentence. False for a question of another kind: there is nothing to look for."""
    if answer_kind(question) is None and not asks_name(question):
        return False
    return answer_near(text, question, words, word_weights(words, term_weights)) <= 0.0


@cache
def ordinary_word(term: str) -> bool:
    """Whether ``term`` (a lowercase word) is an ordinary Indonesian word by wordfreq's
    counts: within :data:`ORDINARY_ZIPF` in Indonesian and not leaning Malay by
    :data:`MALAY_LEAN`. Numbers are never ordinary words (a number is a name's evidence)."""
    if any(ch.isdigit() for ch in term):
        return False
    from wordfreq import zipf_frequency  # half a second to import: only when asked

    indonesian = float(zipf_frequency(term, "id"))
    low, high = ORDINARY_ZIPF
    return low <= indonesian <= high and float(zipf_frequency(term, "ms")) - indonesian < MALAY_LEAN


def _plain(word: Set[str]) -> set[str]:
    return {_PARTICLE.sub("", term) for term in word}


def contentless(word: Set[str]) -> bool:
    """Whether a question's ``word`` (its lexical terms: the word as written, the longest,
    and its stem) is a question or function word once its particle is off ("dimanakah",
    "siapapun") or a chat particle ("sih", "soal"); its stem is not asked ("bilangan" is
    no "bilang")."""
    written = max(word, key=len, default="")
    return _PARTICLE.sub("", written) in STOPWORDS | _CHAT


def unheld_word(word: Set[str], knows: Callable[[str], bool]) -> bool:
    """Whether a question's content ``word`` (its lexical terms, :class:`QuestionTerms`) is
    an ordinary Indonesian word (:func:`ordinary_word`) no paragraph of the index holds
    (``knows`` is False for each term and for each term without its particle), and no
    :func:`contentless` word."""
    if any(knows(term) for term in word) or contentless(word):
        return False
    plain = _plain(word)
    if any(knows(term) for term in plain - set(word)):
        return False
    return any(ordinary_word(term) for term in word | plain)


def unheld_share(words: QuestionTerms, knows: Callable[[str], bool]) -> float:
    """Return the share (0 to 1) of the question's content ``words`` (those not
    :func:`contentless`) that are ordinary Indonesian words no paragraph of the index holds
    (:func:`unheld_word`): on an index of one article, what a question about another
    happening of its people or places asks that the article never says. 0 for a question
    without content words."""
    content = [word for word in words.words if not contentless(word)]
    if not content:
        return 0.0
    return sum(unheld_word(word, knows) for word in content) / len(content)
