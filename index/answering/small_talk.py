"""Tell a question from small talk: greetings, thanks, acknowledgements and emoji.

Such a message asks nothing of the news; answered like a question, its words ("pagi",
"night") found paragraphs that happen to hold them, or it was told "not covered". A message
is small talk when every word it has is a small-talk word of English or Indonesian (Malay
shares the Indonesian ones), or when it has no letters or digits at all (emoji, "?!",
"..."). Anything that carries one other word is a question, however short: "makasih, siapa
yang setuju?" is answered.
"""

from __future__ import annotations

import re

_WORDS = re.compile(r"[^\W_]+", re.UNICODE)

_ENGLISH = frozenset(
    "hi hello hey hiya yo howdy greetings morning afternoon evening night good goodnight "
    "day thanks thank thx ty tq cheers much lot very so you bye goodbye later see cya ok "
    "okay okey k kk alright fine great nice cool awesome perfect got it noted understood "
    "yes yeah yep yup no nope nah sure welcome lol haha hahaha hehe wow oh ah bot all "
    "there everyone guys sir mate appreciate appreciated and again too a how are doing "
    "whats up sup".split()
)
_INDONESIAN = frozenset(
    "halo hallo hai hei helo selamat pagi siang sore malam datang tidur makasih "
    "terima kasih trims tengkyu banyak ya yaa iya yoi ok oke okey okay sip siap mantap "
    "mantab baik baiklah sudah udah paham mengerti dong deh sih kok nih kak kakak min "
    "admin bang mas mbak pak bu om bot semua sampai jumpa dadah daah assalamualaikum "
    "waalaikumsalam salam permisi wkwk wkwkwk hehe haha juga lagi ah oh wah nggak "
    "enggak tidak gak ga jumpa lagi sama sekali apa kabar gimana".split()
)


def small_talk_language(text: str) -> str | None:
    """Return ``"en"`` or ``"id"`` when ``text`` is small talk rather than a question (the
    language its words are in: ``"id"`` when more of them are Indonesian-only words, else
    ``"en"``, as for "ok" and emoji alone), else None."""
    words = [word.casefold() for word in _WORDS.findall(text)]
    if not words:
        return "en" if text.strip() else None
    if len(words) > 8 or any(word.isdigit() for word in words):
        return None
    if not all(word in _ENGLISH or word in _INDONESIAN for word in words):
        return None
    english = sum(word in _ENGLISH and word not in _INDONESIAN for word in words)
    indonesian = sum(word in _INDONESIAN and word not in _ENGLISH for word in words)
    return "id" if indonesian > english else "en"


def is_small_talk(text: str) -> bool:
    """True when ``text`` is a greeting, thanks, an acknowledgement or emoji, not a question."""
    return small_talk_language(text) is not None
