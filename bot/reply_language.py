"""Which of the bot's languages to answer a terminal question in, from the question alone
(the bot itself follows the Telegram user's language setting)."""

from __future__ import annotations

import re
from functools import lru_cache

from newsbot.bot.messages import ENGLISH, INDONESIAN, Messages
from newsbot.index.answering.fusion import question_language

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Markup pasted with a question ("<b>banjir</b> garut"): its tag names ("b", "a", "i") are
# English words in the dictionary, no words of the question.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ENGLISH_ENDINGS = ("", "s", "es", "ed", "d", "ing", "ly", "er", "ers")


def reply_language(question: str) -> str:
    """``"en"`` or ``"id"`` (a Malay question is answered in Indonesian).

    The question's function words decide first (``fusion.question_language``); a question
    without any ("berita terbaru", "latest news") is counted against two dictionaries, the
    English web2 list and Sastrawi's Indonesian root words; what neither holds (names,
    typing noise) is answered in English, the command's own language.
    """
    question = _TAG.sub(" ", question)
    decided = question_language(question, tie="")
    if decided:
        return decided
    english, indonesian = _dictionaries()
    words = [w.casefold() for w in _WORD.findall(question)]
    in_english = sum(
        any(w.endswith(e) and w[: len(w) - len(e)] in english for e in _ENGLISH_ENDINGS)
        for w in words
    )
    in_indonesian = sum(w in indonesian for w in words)
    return "id" if in_indonesian > in_english else "en"


def messages_in(question: str) -> Messages:
    """The bot's words in the language to answer ``question`` in."""
    return INDONESIAN if reply_language(question) == "id" else ENGLISH


@lru_cache(maxsize=1)
def _dictionaries() -> tuple[frozenset[str], frozenset[str]]:
    from english_words import get_english_words_set
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    english = frozenset(get_english_words_set(["web2"], lower=True, alpha=True))
    return english, frozenset(StemmerFactory().get_words())
