"""Follow-up questions: "kapan?", "who else?", "dan apa kata Putin?" after an answer are
read together with the question answered before, so retrieval sees its subject.

Pure text functions; the handlers decide which earlier question a message follows (the
answer it replies to, or in a private chat the last answer of the past few minutes) and
keep it in the state store, since Telegram does not hand old messages to a bot.

A follow-up is a message that starts with a continuation word ("and", "dan", "what about",
"lalu"), points back with a pronoun ("he", "dia", "itu", "tersebut"), or names fewer than
:data:`NEW_TOPIC_WORDS` things of its own. Anything else is a new topic and is asked as it
is: the old subject must not drag into it. So is a message that only names few things when
a name it gives appears nowhere in what was answered ("siapa Isco?" after an answer about
the CSTO troops): it asks about something else, and the old subject would bury it.
"""

from __future__ import annotations

import re

from newsbot.index.building.lexical import STOPWORDS, tokenize

#: Seconds after an answer during which a private message may follow it up.
FOLLOWUP_SECONDS = 300
#: A message naming this many content words of its own, with no continuation word or
#: pronoun, starts a new topic (tuned on the follow-up set's dev half, BENCHMARKS.md).
NEW_TOPIC_WORDS = 2
#: A pronoun points back only in a message naming fewer content words than this; a longer
#: one ("who said that the price of rice rose?") is about its own subject.
POINTING_WORDS = 5

_WORD = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]", re.UNICODE)
# Opening words that continue the conversation (lower case; multi-word cues as phrases).
_CUES = (
    "and",
    "also",
    "what about",
    "how about",
    "and what",
    "then",
    "so",
    "but",
    "besides",
    "dan",
    "lalu",
    "terus",
    "trus",
    "kalau",
    "bagaimana dengan",
    "gimana dengan",
    "selain",
    "juga",
    "lantas",
    "kemudian",
    "tapi",
    "sedangkan",
)
_PRONOUNS = frozenset(
    "he she they it him her them his their its that those these there such "
    "dia ia mereka beliau itu tersebut sana situ".split()
)
# Words that say what is asked, not what it is about: they neither start a topic nor
# carry one over.
_LIGHT = frozenset(
    "say said says tell told think thought happen happened else other others more again "
    "react reacted respond responded mean means why when where who whom how many much "
    "kata katanya bilang mengatakan menurut ujar sebut terjadi lain lainnya lagi selain "
    "tanggapan menanggapi respons reaksi maksud jelaskan lengkap detail mengapa kenapa "
    "kapan dimana siapa berapa bagaimana apa saja "
    # Malay's (and Indonesian's) own: "bila?" is "when?", "mana?" "where?/which?"
    "bila mana".split()
)


# A whole message asking for the next passages of the answer before, as the "More sources"
# button does (lower case, without punctuation; "dong", "please" and the like may follow).
_MORE = frozenset(
    (
        "more",
        "more sources",
        "show more",
        "next",
        "lagi",
        "lainnya",
        "yang lain",
        "sumber lain",
        "sumber lainnya",
        "lebih banyak",
        "selanjutnya",
        "berikutnya",
        "lanjut",
        "tampilkan lagi",
    )
)
_PLEASE = frozenset("please pls plz dong donk ya yah lah deh".split())


def asks_for_more(text: str) -> bool:
    """Whether ``text`` is only a request for more sources ("more", "lagi dong", "Sumber
    lain?"), which the bot answers as a press of the "More sources" button under the answer
    before: searched with the earlier question, "more" was read as a new question's word."""
    said = [w.lower() for w in words(text)]
    while said and said[-1] in _PLEASE:
        said.pop()
    while said and said[0] in _PLEASE:
        said.pop(0)
    return " ".join(said) in _MORE


#: Words that ask (a question's own word: "kapan", "who"), in any of the three languages.
_ASKING = frozenset(
    "kapan kapankah siapa siapakah dimana di mana manakah berapa berapakah bagaimana "
    "bagaimanakah gimana apa apakah mengapa kenapa bila bilakah when who whom where why how "
    "what which".split()
)
#: Words said while asking that say nothing ("kapan sih, …", "when, like, …").
_FILLERS = frozenset("sih ya yah dong deh nih tuh kah eh hmm um uh like".split())
_OPENING_FILLER = re.compile(r"(?:" + "|".join(sorted(_FILLERS)) + r")\b[\s?!.,;:]*", re.IGNORECASE)
#: A message's first clause, up to the first question mark, comma or the like, and the rest.
_FIRST_CLAUSE = re.compile(r"\s*(?P<lead>[^?!.,;:]+?)\s*[?!.,;:]+\s*(?P<rest>\S.*)", re.DOTALL)


def one_question(text: str) -> str:
    """``text`` read as the question it asks when it opens with a bare question word set
    apart before a whole question of its own: "kapan? siapa yang menang pemilu?" asks
    "siapa yang menang pemilu?" (the rest asks with a word of its own, so the opening word
    was a false start). Searched whole, the opening word was read as a question of its own
    ("when?") and pulled the ranking towards dates. Anything else is returned unchanged: an
    opening clause that names something ("Menurut Kompas, siapa …"), a rest that names
    nothing ("kapan? kenapa?"), and a rest that asks with no word of its own ("kapan sih,
    pemilu dimulai": the opening word asks it, and the message searched whole ranks as well
    as the plain question, BENCHMARKS.md "A bare question word before the question")."""
    match = _FIRST_CLAUSE.fullmatch(text)
    if match is None:
        return text
    lead = [w.lower() for w in words(match["lead"])]
    asking = [w for w in lead if w not in _FILLERS]
    if not asking or any(w not in _ASKING for w in asking):
        return text
    rest = match["rest"].strip()
    while (opening := _OPENING_FILLER.match(rest)) is not None and opening.end() < len(rest):
        rest = rest[opening.end() :]  # "when, like, who …"
    if not [w for w in subject_words(rest) if w.lower() not in _FILLERS]:
        return text
    return rest if any(w.lower() in _ASKING for w in words(rest)) else text


def words(text: str) -> list[str]:
    """The words of ``text`` as written."""
    return _WORD.findall(text)


def subject_words(text: str) -> list[str]:
    """The words that say what ``text`` is about, as written, in order, once each: not
    function words, question words or pronouns."""
    seen: set[str] = set()
    subject = []
    for word in words(text):
        key = word.lower().rstrip(".'’")
        if key in STOPWORDS or key in _PRONOUNS or key in _LIGHT or key in seen:
            continue
        if key.endswith("nya") and key[:-3] in _LIGHT:  # "katanya", "lainnya"
            continue
        if key.endswith("kah") and key[:-3] in _LIGHT:  # "bilakah", "siapakah", "manakah"
            continue
        seen.add(key)
        subject.append(word)
    return subject


def points_back(followup: str) -> bool:
    """Whether ``followup`` says itself that it continues: it opens with a continuation
    word ("dan", "what about") or points back with a pronoun while naming few things."""
    lowered = " ".join(w.lower() for w in words(followup))
    if any(lowered == cue or lowered.startswith(cue + " ") for cue in _CUES):
        return True
    own = len(subject_words(followup))
    return own < POINTING_WORDS and any(w.lower() in _PRONOUNS for w in words(followup))


def continues(followup: str) -> bool:
    """Whether ``followup`` reads as a continuation of an earlier question rather than a
    new topic."""
    return points_back(followup) or len(subject_words(followup)) < NEW_TOPIC_WORDS


def own_names(followup: str) -> list[str]:
    """The names ``followup`` gives of its own: its subject words written with a capital
    ("Isco", "MPR"), as written."""
    return [word for word in subject_words(followup) if word[:1].isupper()]


def names_elsewhere(followup: str, answered: str) -> bool:
    """Whether ``followup`` gives a name that ``answered`` (the earlier question and the
    text of the articles its answer cited) never mentions, in any of its lexical forms."""
    held = set(tokenize(answered))
    return any(not held.intersection(tokenize(name)) for name in own_names(followup))


def resolve(previous: str, followup: str, answered: str | None = None) -> str:
    """The question to search for ``followup`` asked after ``previous``: a follow-up that
    names nothing of its own followed by the earlier question; one that does, with the
    earlier question's subject words added; a new topic alone. ``previous`` may itself be a
    resolved question.

    ``answered`` is the text of the articles the earlier answer cited, when known: a
    message that does not say it continues and gives a name none of them (nor ``previous``)
    mentions is a new topic, however few things it names."""
    followup = " ".join(followup.split())
    if not previous.strip() or not continues(followup):
        return followup
    if (
        answered is not None
        and not points_back(followup)
        and names_elsewhere(followup, f"{previous}\n{answered}")
    ):
        return followup
    own = {w.lower() for w in subject_words(followup)}
    if not own:
        # "kapan?", "who else?": the earlier question whole, so its language and the
        # relations between its words still guide retrieval.
        return f"{followup} {' '.join(previous.split())}"
    carried = [w for w in subject_words(previous) if w.lower() not in own]
    if not carried:
        return followup
    return f"{followup} ({' '.join(carried)})"
