"""Tell a question from small talk: greetings, thanks, acknowledgements, help and emoji.

Such a message asks nothing of the news; answered like a question, its words ("pagi",
"night", "info") found paragraphs that happen to hold them, or it was told "not covered".

A message is small talk when it has no letters or digits at all (emoji, "?!", "..."), or
when it holds at least one *small-talk word* (a greeting, thanks, an acknowledgement, a call
for help) and every other word is a *filler*: a function word, a form of address ("bro",
"kak", "min") or a word about the conversation itself ("info", "answer", "jawabannya").
Indonesian and Malay enclitics (-nya, -ku, -mu) are stripped before the look-up, so
"infonya" is "info"; text emoticons ("<3", ":D") count as emoji, not words. Small-talk
words include praise ("mantul", "good job"), chat spellings ("thank u", "mksh"), Javanese and
Sundanese thanks, the greetings of every faith ("salam sejahtera", "om swastiastu"), the
reply to thanks ("sama-sama"), laughter however spelled ("hahah", "awokawok"), apologies
("maaf", "sorry") and test messages ("tes", "ping"); festive days ("hari raya", "natal")
are fillers, so "selamat hari raya" is a wish and "kapan hari raya?" a question. Anything that
carries one other word is a question, however short: "makasih, siapa yang setuju?" and
"thanks for the news about Garut" are answered.
"""

from __future__ import annotations

import re

_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
#: Text emoticons whose letters or digits would otherwise read as words ("<3" as the number
#: 3, ":D" as the word "d"): a heart, and a face's eyes, optional nose and mouth.
_EMOTICON = re.compile(r"(?<![\w<])(?:<3+|[:;=][-'^o]?[DPpOo3])(?!\w)")
_ENCLITIC = re.compile(r"(?<=\w{3})(nya|ku|mu)$")
#: Longer messages are questions even when every word is small talk.
_MAX_WORDS = 10

_ENGLISH = frozenset(
    "hi hello hey hiya yo howdy greetings morning afternoon evening night good goodnight "
    "day thanks thank thx ty tq tyvm cheers bye goodbye later see cya ok okay okey k kk "
    "alright fine great nice cool awesome perfect got noted understood yes yeah yep yup "
    "no nope nah sure welcome lol haha hahaha hehe wow oh ah appreciate appreciated how "
    "are doing whats sup help start hmm hm mm umm um uh eh ahh ohh "
    # chat spellings of thanks and "no problem"; praise; replies to thanks and farewells
    "thnx thanx tnx tks tysm np done well best love same too shalom "
    # chat spellings of good and night; thanks and "never mind" in other words; wishes
    "gud nite anyway worries nvm mind dokey sweet dreams "
    # apologies and test messages; understanding
    "sorry oops bad test testing ping understand".split()
)
_INDONESIAN = frozenset(
    "halo hallo hai hei helo selamat pagi siang sore malam datang tidur makasih "
    "terima kasih trims tengkyu makasi thanks ya yaa iya yoi ok oke okey okay sip siap "
    "mantap mantab baik baiklah sudah udah paham mengerti jumpa dadah daah "
    "assalamualaikum waalaikumsalam salam permisi wkwk wkwkwk hehe haha wah nggak enggak "
    "tidak gak ga apa kabar khabar gimana tolong bantu bantuan mulai duh aduh waduh "
    "astaga yah "
    # thanks written as one word or shortened, and Javanese and Sundanese thanks
    "terimakasih trimakasih makasi trims mksh mks matur nuwun suwun hatur nuhun "
    # praise
    "mantul mantep mantab keren kece joss hebat bagus salut "
    # greetings of every faith, between strangers, shortened; farewells; "no problem"
    "sejahtera kenal swastiastu namo buddhaya kebajikan wassalam wassalamualaikum "
    "waalaikumussalam met dah gpp gapapa gakpapa samasama "
    # wishes; chat spellings of selamat, terima, malam, assalamualaikum
    "semoga slmt trima malem asw oh "
    # apologies ("maaf lahir batin", "maaf salah ketik"), test messages
    "maaf tes".split()
)
#: Arabic-script greetings and thanks that Indonesian and Malay speakers also write.
_ARABIC = frozenset("مرحبا اهلا أهلا السلام عليكم شكرا جزاك الله خيرا".split())
_ENGLISH_FILLERS = frozenset(
    "a an the for your my me it its this that is was so much lot very you all there "
    "everyone guys sir mate bro dude man buddy friend bot and again too really just "
    "info information answer answers reply up "
    # chat spellings of "you", "your", "please"; "by the way"; the rest of "have a nice day"
    "u ur pls plz please btw to here one have job "
    # the rest of "how are you today", "that's helpful", "never mind", "sure thing"
    "today tonight s helpful never thing "
    # "I see", "you're great", "got it now", "my bad: typo"
    "i re now typo".split()
)
_INDONESIAN_FILLERS = frozenset(
    "atas untuk buat ini itu banyak sekali bgt banget ya dong deh sih kok nih kak kakak "
    "min admin bang mas mbak pak bu om bro sis gan bos bot semua sampai juga lagi sama "
    "info informasi jawab jawaban penjelasan beritanya berita saya aku kami jelas "
    "laksanakan jiwa "
    # the rest of wishes, "sangat membantu", "sampai jumpa besok", "oh gitu", "dah dulu ya"
    "sehat selalu hari menyenangkan lancar sukses sangat membantu besok nanti dulu gitu "
    "begitu kok tinggal "
    # the rest of festive wishes ("selamat hari raya", "mohon maaf lahir dan batin"),
    # apologies ("salah ketik"), "kalau begitu"
    "raya lebaran idulfitri idul fitri natal imlek tahun baru mohon lahir dan batin "
    "berbuka puasa sahur ramadan ramadhan menunaikan ibadah "
    "salah ketik kirim ganggu kalau kalo "
    # Malay intensifiers, a particle written apart ("sip lah"), chat spellings of banyak
    "betul sungguh lah byk bnyk bnyak "
    # Malay: information, answer, explanation; forms of address
    "maklumat jawapan penerangan tuan puan encik cik".split()
)
_ALL = _ENGLISH | _INDONESIAN | _ENGLISH_FILLERS | _INDONESIAN_FILLERS | _ARABIC
#: Question words that small talk opens with ("how are you", "apa kabar", "gimana
#: kabarnya"): alone or with fillers ("how much?", "gimana?") they ask a question.
_ASKING = frozenset("how apa gimana".split())
_SMALL_TALK = (_ENGLISH | _INDONESIAN | _ARABIC) - _ASKING
#: "News" in a greeting ("apa kabar", "gimana kabarnya"): without a question word beside it
#: ("kabar hari ini") it asks for the news.
_NEWS = frozenset("kabar khabar".split())
#: A letter held on ("hmmmm", "okeee", "makasihhh"): kept twice, as the lists spell it.
_HELD = re.compile(r"(\w)\1{2,}")
#: A final letter doubled ("makasii", "haii"), read once.
_DOUBLED_END = re.compile(r"(\w)\1$")
#: Laughter however it is spelled, read as the word its language's list holds: "haha"
#: (either language) for ha/he/hi runs, "wkwk" (Indonesian) for wk, awok and xixi runs.
_LAUGHTER = (
    (re.compile(r"a?(?:ha|he|hi){2,}h?"), "haha"),
    (re.compile(r"w?k(?:w?k)+|(?:a?wok){2,}|(?:xi){2,}"), "wkwk"),
)
#: Two words that are one reply when said twice ("sama-sama", "sama sama": you're welcome).
_REDUPLICATED = re.compile(r"\b(sama)[\s-]+\1\b", re.IGNORECASE)


def _word(raw: str) -> str:
    word = raw.casefold()
    if word in _ALL:
        return word
    for laughter, spelled in _LAUGHTER:
        if laughter.fullmatch(word):
            return spelled
    for spelled in (
        _HELD.sub(r"\1\1", word),
        _HELD.sub(r"\1", word),
        _DOUBLED_END.sub(r"\1", word),
    ):
        if spelled in _ALL:
            return spelled
    return _ENCLITIC.sub("", word)


def small_talk_language(text: str) -> str | None:
    """Return ``"en"`` or ``"id"`` when ``text`` is small talk rather than a question (the
    language its words are in: ``"id"`` when more of them are Indonesian-only words, else
    ``"en"``, as for "ok" and emoji alone), else None."""
    plain = _REDUPLICATED.sub(r"\1\1", _EMOTICON.sub(" ", text))
    words = [_word(word) for word in _WORDS.findall(plain)]
    if not words:
        return "en" if text.strip() else None
    if len(words) > _MAX_WORDS or any(word.isdigit() for word in words):
        return None
    if not all(word in _ALL for word in words) or not any(w in _SMALL_TALK for w in words):
        return None
    if all(w in _NEWS for w in words if w in _SMALL_TALK) and not _ASKING & set(words):
        return None
    english = sum(_only(word, _ENGLISH | _ENGLISH_FILLERS) for word in words)
    indonesian = sum(_only(word, _INDONESIAN | _INDONESIAN_FILLERS) for word in words)
    return "id" if indonesian > english else "en"


def _only(word: str, language: frozenset[str]) -> bool:
    return word in language and word not in (_ALL - language)


def is_small_talk(text: str) -> bool:
    """True when ``text`` is a greeting, thanks, an acknowledgement, a call for help or
    emoji, not a question."""
    return small_talk_language(text) is not None
