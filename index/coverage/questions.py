"""Coverage questions, in Indonesian and English: which outlets reported X, who reported X
first (or when X was first reported), how many articles about X, and what is new."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["outlets", "first", "count", "latest"]

_FLAGS = re.IGNORECASE
_REPORT_EN = (
    r"(?:report(?:ed|ing)?|cover(?:ed|ing)?|carr(?:y|ied|ying)|wr(?:o|i)te(?:\s+about)?|"
    r"writing(?:\s+about)?|written(?:\s+about)?|publish(?:ed|ing)?|ran|broke)"
)
#: Reporting verbs with their meN- prefix, or without it as speech drops it ("siapa yang
#: pertama laporkan X", "media apa yang beritakan X", "yg liput X"): one rule for all.
_REPORT_ID = (
    r"(?:(?:sudah|telah|pernah|ikut|juga)\s+)?(?:(?:mem)?beritakan|(?:me)?laporkan|"
    r"(?:me)?wartakan|menulis|tulis|(?:me)?liput|(?:me)?muat|mengabarkan|kabarkan|"
    r"menayangkan|tayangkan)(?:nya)?"
)
_PASSIVE_ID = r"(?:diberitakan|dilaporkan|diwartakan|diliput|ditulis|dimuat|dikabarkan)"
_OUTLET = (
    r"(?:news\s+)?(?:outlets?|media|sites?|newspapers?|papers?|sources?|publications?|portals?)"
)
_OUTLET_ID = r"(?:media|outlet|situs|portal|koran|sumber)(?:\s+berita)?"
_ABOUT = r"(?:\s+(?:on|about|soal|tentang|mengenai))?"
#: Indonesian imperatives that ask for a list ("sebutkan", "sebutin", "tunjukkan", "daftarkan").
_IMPERATIVE_ID = r"(?:sebut(?:kan|in)|tunjuk(?:kan|in)|daftar(?:kan|in)?|kasih\s+tahu)"
# Each kind: patterns that recognise it; every match is removed to leave the topic.
_KINDS: list[tuple[Kind, list[str]]] = [
    (
        "first",
        [
            rf"\bwho\s+(?:was\s+)?(?:the\s+)?first\s+(?:to\s+)?{_REPORT_EN}{_ABOUT}",
            rf"\bwho\s+{_REPORT_EN}{_ABOUT}\b(?=.*\b(?-i:first)\b)",
            rf"\b(?:which|what)\s+{_OUTLET}\s+(?:was\s+)?(?:the\s+)?first\s+"
            rf"(?:to\s+)?{_REPORT_EN}{_ABOUT}",
            rf"\b(?:which|what)\s+{_OUTLET}\s+{_REPORT_EN}{_ABOUT}\b(?=.*\b(?-i:first)\b)",
            rf"\bwhen\s+(?:was|were|did)\b(?=.*\bfirst\s+(?:{_REPORT_EN}|in\s+the\s+news)\b)",
            rf"\bfirst\s+(?:{_REPORT_EN}|in\s+the\s+news)\b",
            rf"\bsiapa\s+(?:yang\s+)?(?:pertama(?:\s+kali)?|paling\s+(?:awal|dulu|duluan))\s+"
            rf"{_REPORT_ID}{_ABOUT}",
            rf"\bsiapa\s+(?:yang\s+)?{_REPORT_ID}{_ABOUT}\b(?=.*\b(?:pertama|duluan)\b)",
            rf"(?:\b{_IMPERATIVE_ID}\s+)?\b{_OUTLET_ID}\s+(?:(?:apa|mana)\s+(?:yang\s+)?|yang\s+)"
            rf"(?:pertama(?:\s+kali)?|paling\s+(?:awal|dulu))\s+{_REPORT_ID}{_ABOUT}",
            rf"\bkapan\b(?=.*\b(?:pertama(?:\s+kali)?|awal(?:nya)?)\s+{_PASSIVE_ID}\b)",
            rf"\b(?:(?:pertama\s+kali|paling\s+awal|pertama)\s+{_PASSIVE_ID}|{_PASSIVE_ID}"
            rf"\s+(?:pertama\s+kali|pertama))\b",
            # "siapa yang duluan / lebih dulu / mula-mula / paling cepat memberitakan X"
            rf"\b(?:siapa|{_OUTLET_ID}\s+(?:apa|mana))\s+(?:yang\s+)?(?:duluan|lebih\s+dulu|"
            rf"lebih\s+awal|mula-mula|paling\s+cepat|tercepat)\s+(?:yang\s+)?{_REPORT_ID}{_ABOUT}",
            r"\bwho\s+(?:broke|had|got)\s+(?:the\s+)?(?:news|story)(?:\s+(?:of|about|on))?",
            r"\bwho\s+(?:had|got)\b(?=.*\b(?-i:first)\b)",
            r"\bwho\s+was\s+first(?:\s+(?:with|on|to\s+report))?",
            # "the earliest report on X", "artikel paling awal soal X", "berita pertama tentang X"
            r"\b(?:the\s+)?(?:earliest|oldest|first)\s+(?:news\s+)?(?:reports?|articles?|stor(?:y|ies)|"
            r"coverage)(?:\s+(?:on|about|of))?",
            r"\b(?:artikel|berita|laporan|tulisan)\s+(?:paling\s+(?:awal|lama|pertama|tua)|"
            r"pertama|tertua)\s+(?:soal|tentang|mengenai)",
            rf"\b(?:which|what)\s+{_OUTLET}\s+{_REPORT_EN}{_ABOUT}\b(?=.*\b(?-i:earliest)\b)",
            rf"\bwho\s+{_REPORT_EN}{_ABOUT}\b(?=.*\b(?-i:earliest)\b)",
            rf"\bkapan\s+pertama(?:\s+kali)?\b(?=.*\b{_PASSIVE_ID}\b)",
            r"\bwhen\s+did\b(?=.*\b(?:story|news|coverage|reports?)\s+(?:start|begin)\b)",
            rf"\b(?:siapa\s+)?{_OUTLET_ID}\s+pertama(?:\s+kali)?\s+(?:yang\s+)?{_REPORT_ID}{_ABOUT}",
            rf"\b(?:the\s+)?first\s+{_OUTLET}\s+to\s+{_REPORT_EN}{_ABOUT}",
            # "yang pertama kali memberitakan X siapa?": the question word last.
            rf"^\s*yang\s+(?:pertama(?:\s+kali)?|duluan|lebih\s+dulu|paling\s+(?:awal|dulu))\s+"
            rf"{_REPORT_ID}{_ABOUT}(?=.*\bsiapa\b)",
            rf"\b(?:which|what)\s+{_OUTLET}\s+(?:was|were)\s+(?:the\s+)?first(?:\s+(?:on|with))?",
            # "sejak kapan X diberitakan / ada berita soal X", "since when has X been in the news"
            rf"\bsejak\s+kapan(?:\s+ada\s+berita)?(?=.*(?:\b{_PASSIVE_ID}|\bberita\b|"
            r"\bjadi\s+(?:berita|sorotan|headline)))",
            r"\bsince\s+when\s+(?:has|have|is|are|was|were|did)\b"
            r"(?=.*\b(?:news|reported|covered|headlines)\b)",
            # "kapan berita X muncul", "when did X first appear / make the news"
            r"\bkapan\s+(?:pertama\s+kali\s+)?berita\b(?=.*\b(?:muncul|terbit|keluar)\b)",
            # "kapan pertama (kali) ada berita soal X": when there was first news of X.
            r"\bkapan\s+pertama(?:\s+kali)?\s+ada\s+(?:berita|laporan|artikel|liputan)"
            r"(?:\s+(?:soal|tentang|mengenai))?",
            r"\bwhen\s+did\b(?=.*\bfirst\s+(?:appear|make|made|hit|show)\b)",
        ],
    ),
    (
        "outlets",
        [
            rf"\b(?:which|what)\s+{_OUTLET}\s+(?:have\s+|has\s+|are\s+|is\s+|were\s+)?"
            rf"(?:been\s+)?{_REPORT_EN}{_ABOUT}",
            rf"\bwho\s+(?:else\s+)?(?:has\s+|have\s+)?{_REPORT_EN}{_ABOUT}",
            rf"\b{_OUTLET_ID}\s+(?:apa|mana)\s+(?:saja\s+)?(?:yang\s+)?{_REPORT_ID}{_ABOUT}",
            rf"\bsiapa\s+saja\s+(?:yang\s+)?{_REPORT_ID}{_ABOUT}",
            rf"\bberapa\s+(?:banyak\s+)?(?:media|outlet|situs|portal|sumber)\s+(?:berita\s+)?"
            rf"(?:yang\s+)?{_REPORT_ID}{_ABOUT}",
            rf"\bhow\s+many\s+{_OUTLET}\s+(?:have\s+|has\s+)?{_REPORT_EN}{_ABOUT}",
            rf"\b(?:has|have|did)\s+(?:any(?:one|body)?|any\s+{_OUTLET})\s+(?:else\s+)?"
            rf"{_REPORT_EN}{_ABOUT}",
            rf"\bapa\s+saja\s+{_OUTLET_ID}\s+yang\s+{_REPORT_ID}{_ABOUT}",
            r"\bwhere\s+(?:was|were|has|have|is|are)\b(?=.*\b(?:reported|covered|published)\b)",
            # "media yang memberitakan X apa saja?", "daftar media yang meliput X".
            rf"\b{_OUTLET_ID}\s+yang\s+{_REPORT_ID}{_ABOUT}(?=.*\b(?:apa|siapa|mana)\s+saja\b)",
            rf"\bdaftar\s+{_OUTLET_ID}\s+(?:yang\s+)?{_REPORT_ID}{_ABOUT}",
            rf"^\s*(?:news\s+)?(?:outlets?|media|sites?|newspapers?|papers?|publications?)\s+"
            rf"(?:that\s+)?{_REPORT_EN}{_ABOUT}",
            rf"\bdi\s*mana\b(?=.*\b{_PASSIVE_ID}\b)",
            # An imperative before the outlets: "list / name / show me the outlets that
            # covered X", "sebutkan / sebutin / tunjukkan media yang memberitakan X".
            rf"\b(?:list|name|show(?:\s+me)?|tell\s+me)\s+(?:the\s+|all\s+(?:the\s+)?)?{_OUTLET}"
            rf"\s+(?:that\s+|which\s+)?(?:have\s+|has\s+)?(?:been\s+)?{_REPORT_EN}{_ABOUT}",
            rf"(?:^\s*|\b{_IMPERATIVE_ID}\s+)(?:semua\s+)?{_OUTLET_ID}\s+(?:(?:apa|mana)\s+)?"
            rf"(?:saja\s+)?yang\s+{_REPORT_ID}{_ABOUT}",
            rf"\bwho(?:'s|\s+is|\s+has|'s\s+been|\s+has\s+been|\s+have\s+been)\s+(?:been\s+)?"
            rf"{_REPORT_EN}{_ABOUT}",
            rf"\b{_PASSIVE_ID}\s+(?:oleh\s+|di\s+)?(?:(?:media|outlet|siapa)(?:\s+(?:apa|mana))?|mana)"
            r"(?:\s+saja)?",
        ],
    ),
    (
        "count",
        [
            r"\bhow\s+many\s+(?:news\s+)?(?:articles|stories|reports|news\s+items|pieces)"
            r"(?:\s+(?:are\s+there|were\s+there|have\s+been\s+\w+|were\s+\w+))?"
            r"(?:\s+(?:on|about|covering|covered|mention(?:ing)?))?",
            r"\b(?:se)?berapa\s+(?:banyak\s+)?(?:jumlah\s+)?(?:artikel|berita|laporan|tulisan)"
            r"(?:\s+(?:yang\s+)?(?:ada|memberitakan|membahas|tentang|soal|mengenai))*",
            r"\bjumlah\s+(?:artikel|berita|laporan|tulisan)"
            r"(?:\s+(?:yang\s+)?(?:ada|memberitakan|membahas|tentang|soal|mengenai))*",
            rf"\bberapa\s+kali\b(?=.*\b(?:{_PASSIVE_ID}|masuk\s+berita|jadi\s+berita)\b)",
            r"\bhow\s+often\s+(?:was|were|has|have|is|are|did)\b"
            r"(?=.*\b(?:reported|covered|in\s+the\s+news)\b)",
            r"\bhow\s+much\s+(?:news\s+)?coverage\s+(?:did|does|has|have|is|was)\b",
            r"\bhow\s+many\s+times\s+(?:was|were|has|have|is|are|did)\b"
            r"(?=.*\b(?:reported|covered|written|in\s+the\s+news)\b)",
            r"\btotal\s+(?:artikel|berita|laporan|tulisan)(?:\s+(?:soal|tentang|mengenai))?",
            r"\b(?:count|number\s+of)\s+(?:the\s+)?(?:news\s+)?(?:articles|stories|reports)"
            r"(?:\s+(?:on|about|covering|mentioning))?",
        ],
    ),
]
# "What's new": the explicit forms may name a topic ("latest news on the floods"); the
# generic ones ("ada berita apa?") only count without one.
_LATEST_EXPLICIT = [
    r"\bwhat(?:'s|\s+is)\s+new(?:\s+(?:on|about|with|in))?",
    r"\b(?:the\s+)?(?:latest|recent|newest)\s+(?:news|stories|headlines|coverage|reports)"
    r"(?:\s+(?:on|about))?",
    r"\b(?:berita|kabar|info)\s+(?:terbaru|terkini|paling\s+baru|terhangat|terpanas|teraktual)"
    r"(?:\s+(?:soal|tentang|mengenai|dari))?",
    r"\b(?:berita|kabar|info)\s+apa\s+(?:saja\s+)?yang\s+(?:terbaru|terkini|paling\s+baru)"
    r"(?:\s+(?:soal|tentang|mengenai|dari))?",
    r"\bwhat(?:'s|\s+is)\s+the\s+latest(?:\s+(?:on|about|with|in))?",
    # "update (terbaru) soal X", "perkembangan X": opening the question, or with "terbaru".
    r"^\s*(?:any\s+)?updates?(?:\s+(?:terbaru|terkini))?(?:\s+(?:on|about|soal|tentang|mengenai))?",
    r"\bupdates?\s+(?:terbaru|terkini)(?:\s+(?:soal|tentang|mengenai))?",
    r"^\s*perkembangan(?:\s+(?:terbaru|terkini))?(?:\s+(?:soal|tentang|mengenai))?",
    r"\bperkembangan\s+(?:terbaru|terkini)(?:\s+(?:soal|tentang|mengenai))?",
    r"\bwhat(?:'s|\s+is)\s+happening\s+(?:with|to|in)",
    r"\b(?:the\s+)?(?:latest|newest|most\s+recent)\s+(?:news\s+)?(?:articles?|reports?|stor(?:y|ies)|"
    r"pieces?)(?:\s+(?:on|about|of))?",
    r"\b(?:artikel|berita|laporan|kabar)\s+(?:terakhir|paling\s+(?:akhir|baru))"
    r"(?:\s+(?:soal|tentang|mengenai))?",
    r"\bany(?:thing)?\s+new(?:\s+(?:on|about|with|in))?",
]
_LATEST_GENERIC = [
    r"\btop\s+(?:stories|news|headlines)",
    r"\bberita\s+utama",
    r"\b(?:a\s+)?news\s+round-?up",
    r"\b(?:rangkuman|ringkasan)(?:\s+berita)?",
    r"\bwhat(?:'s|\s+is)\s+going\s+on",
    r"\b(?:lagi|sedang)\s+(?:trending|ram(?:ai|e)|viral|hangat|hot)",
    r"\b(?:what(?:'s|\s+is)\s+)?trending(?:\s+in\s+the\s+news)?",
    r"\bgive\s+me",
    r"\bwhat(?:'s|\s+is|\s+was)\s+(?:in\s+)?the\s+news",
    r"\bwhat\s+(?:news|happened|stories)",
    # "what was reported (yesterday)?", "what did the media cover?": the news, no topic.
    r"\bwhat\s+(?:was|were|is|are|has\s+been|have\s+been|got)\s+(?:being\s+)?"
    r"(?:reported|covered|written|published)",
    r"\bwhat\s+(?:did|do|does)\s+(?:the\s+)?(?:news\s+)?(?:news|media|outlets?|press|papers?|"
    r"newspapers?|sites?)\s+(?:report|cover|write|say)",
    rf"\bapa\s+(?:saja\s+)?yang\s+(?:sedang\s+)?{_PASSIVE_ID}",
    r"\b(?:any|the)\s+news",
    r"\bnews",
    r"\b(?:berita|kabar)\s+apa(?:\s+saja)?",
    r"\bada\s+(?:berita|kabar)\s+apa(?:\s+saja)?",
    r"\bapa\s+(?:saja\s+)?(?:berita|kabar)(?:nya)?",
    r"\bberita",
    r"\bkabar",
    r"\b(?:the\s+|today'?s\s+)?headlines?",
    r"\bapa\s+yang\s+(?:baru|terjadi)",
    r"\bada\s+apa",
]
_COMPILED = [(kind, [re.compile(p, _FLAGS) for p in patterns]) for kind, patterns in _KINDS]
#: Once a kind is recognised, these words go too ("who reported X first?").
#: Words the question's frame adds, written lower-case (a headline's "Dilaporkan",
#: "Keluar" in Title Case stay in the topic).
_CLEANUP = {
    "outlets": re.compile(
        rf"\b(?-i:{_PASSIVE_ID}|reported|covered|published|been|(?:apa|siapa|mana)\s+saja)\b"
    ),
    "count": re.compile(
        rf"\b(?-i:{_PASSIVE_ID}|reported|covered|written|get|got|had|have|has|received?|"
        r"(?:masuk|jadi)\s+berita)\b"
    ),
    "first": re.compile(
        r"\b(?:first(?!\s+(?-i:[A-Z]))|pertama(?:\s+kali)?|duluan|(?-i:earliest))\b|"
        rf"\b(?-i:muncul|appear(?:ed)?|{_PASSIVE_ID}|"
        r"(?:been\s+)?(?:in|making|made|make|hit)\s+(?:the\s+)?(?:news|headlines)|"
        r"jadi\s+(?:berita|sorotan|headline)(?:\s+media)?|ramai|terbit|keluar|siapa|kapan|mulai|"
        r"start(?:ed)?|begin|began)\b",
        _FLAGS,
    ),
}
#: "Since when" forms of "first": when a topic entered the news, not who broke a story.
_SINCE = re.compile(
    r"\bsejak\s+kapan\b|\bsince\s+when\b|\bkapan\s+pertama(?:\s+kali)?\s+ada\b|\bwhen\s+did\b.*\bfirst\s+(?:appear|make|made|hit)|"
    r"\bkapan\b.*\b(?:muncul|terbit)\b|\bwhen\s+was\b.*\bfirst\s+in\s+the\s+news\b|"
    r"\bwhen\s+did\b.*\b(?:start|begin)\b",
    _FLAGS,
)
#: A question word with the particle -kah ("siapakah", "berapakah") asks what the word
#: asks. Chat spellings ("yg", "beritain") are written out before a question is read
#: (``answering.question_text.written_out``); this is written Indonesian and Malay, which
#: the search keeps as asked.
_PARTICLE = re.compile(r"\b(siapa|mana|berapa|kapan)kah\b", _FLAGS)


def _without_particle(question: str) -> str:
    """``question`` with its question words' -kah particles dropped."""
    return _PARTICLE.sub(r"\1", question)


_EXPLICIT = [re.compile(p, _FLAGS) for p in _LATEST_EXPLICIT]
_GENERIC = [re.compile(p, _FLAGS) for p in _LATEST_GENERIC]
#: Words that say nothing about a topic.
_FILLER = re.compile(
    r"\b(?:about|on|the|a|an|any|in|news|berita|tentang|soal|mengenai|yang|saja|apa|ada|"
    r"did|was|were|is|are|to|of|kali|there|have|has|been|me|tell|show|give|please|tolong|"
    r"dong|sih|ya|kah|hari|tanggal|tgl|date|what|s|i|pada|di|untuk|for|and|dan|story|"
    r"stories|kabar|with|ada|it|from|since|during|within|dalam|selama|sejak|dari|sampai|hingga|"
    r"between|antara|for|which|sudah|udah|telah|pernah|sekarang|skrg|skg|now|kini)\b",
    _FLAGS,
)


@dataclass(frozen=True)
class CoverageQuestion:
    """A question about coverage: its ``kind`` and ``topic`` (the words left to search
    for; empty for "what's new")."""

    kind: Kind
    topic: str
    #: For "first": the question asks since when the topic is in the news ("sejak kapan
    #: X diberitakan?", "since when has X been in the news?"), the earliest report across
    #: its stories, rather than who broke one story.
    since: bool = False


def coverage_question(question: str, restricted: bool = False) -> CoverageQuestion | None:
    """Return the coverage question ``question`` asks, or None for an ordinary question.

    Pass the question without its time and outlet phrases: "berita apa saja minggu lalu?"
    is then "berita apa saja", the latest stories of the window. With ``restricted`` (the
    question named a window or an outlet), "which outlets, who first, how many" may come
    without a topic ("berapa artikel hari Jumat?": the window's articles).
    """
    question = _without_particle(question)
    for kind, patterns in _COMPILED:
        if any(pattern.search(question) for pattern in patterns):
            rest = question
            for pattern in patterns:
                rest = pattern.sub(" ", rest)
            if kind in _CLEANUP:
                rest = _CLEANUP[kind].sub(" ", rest)
            since = kind == "first" and bool(_SINCE.search(question))
            if _is_topic(rest):
                return CoverageQuestion(kind, _topic(rest), since)
            if restricted:
                return CoverageQuestion(kind, "", since)
    for pattern in _EXPLICIT:
        if pattern.search(question):
            rest = pattern.sub(" ", question)
            return CoverageQuestion("latest", _topic(rest) if _is_topic(rest) else "")
    rest = question
    for pattern in _GENERIC:
        rest = pattern.sub(" ", rest)
    if rest != question and not _is_topic(rest):
        return CoverageQuestion("latest", "")
    return None


def _is_topic(text: str) -> bool:
    """Whether ``text`` holds a word beyond filler and punctuation."""
    return bool(_tidy(_FILLER.sub(" ", text)))


def _tidy(text: str) -> str:
    text = re.sub(r"[?!.,;:]+", " ", text)
    return " ".join(text.split())


def _topic(text: str) -> str:
    """The topic without filler at its edges: "the Lombok earthquake" is "Lombok
    earthquake" (a search for "the ..." finds anything)."""
    words = _tidy(text).split()
    while words and _FILLER.fullmatch(words[0]):
        words.pop(0)
    while words and _FILLER.fullmatch(words[-1]):
        words.pop()
    return " ".join(words)


#: Follow-ups of a coverage answer that name nothing of their own and ask about its story,
#: matched whole once lower-cased and without punctuation.
_STORY_FOLLOWUPS: list[tuple[Kind, str]] = [
    (
        "first",
        r"(?:(?:dan|lalu|terus)\s+)?(?:siapa|media\s+(?:apa|mana))\s+(?:yang\s+)?"
        r"(?:pertama(?:\s+kali)?|paling\s+(?:awal|dulu|duluan)|duluan)"
        rf"(?:\s+(?:{_REPORT_ID}|memberitakannya|melaporkannya))?",
    ),
    (
        "first",
        rf"(?:(?:dan|lalu|terus)\s+)?kapan\s+(?:pertama(?:\s+kali)?|awal(?:nya)?)(?:\s+{_PASSIVE_ID})?",
    ),
    (
        "first",
        r"(?:(?:and|so)\s+)?who\s+(?:was\s+|reported\s+(?:it\s+|this\s+)?|broke\s+it\s+)?first"
        r"(?:\s+to\s+report(?:\s+it)?)?|when\s+was\s+(?:it|this)\s+first\s+reported",
    ),
    (
        "outlets",
        r"(?:(?:dan|lalu|terus)\s+)?(?:siapa|media\s+(?:apa|mana))(?:\s+(?:saja|lagi|lainnya))+"
        rf"(?:\s+yang\s+(?:{_REPORT_ID}|memberitakannya))?",
    ),
    (
        "outlets",
        r"(?:(?:and|so)\s+)?(?:who\s+else(?:\s+(?:reported|covered)(?:\s+it)?)?|"
        r"(?:which|what)\s+(?:other\s+)?(?:outlets|media)(?:\s+(?:reported|covered)(?:\s+it)?)?)",
    ),
    (
        "count",
        r"(?:(?:dan|lalu|terus)\s+)?berapa(?:\s+banyak)?(?:\s+(?:artikel|berita|media))?"
        r"(?:\s+(?:lagi|semuanya|totalnya))?|(?:(?:and|so)\s+)?how\s+many"
        r"(?:\s+(?:articles|stories|reports))?(?:\s+(?:are\s+there|in\s+all))?",
    ),
]
_STORY_COMPILED = [(kind, re.compile(pattern, _FLAGS)) for kind, pattern in _STORY_FOLLOWUPS]
_WHEN = re.compile(
    r"(?:(?:and|so|dan|lalu|terus)\s+)?(?:kapan|when)(?:\s+(?:was\s+(?:it|that|this)|itu|"
    r"(?:was\s+it\s+)?reported|diberitakan(?:nya)?|beritanya))?",
    _FLAGS,
)


def story_followup(text: str) -> Kind | None:
    """The coverage question a follow-up of a coverage answer asks of its story, when it
    names nothing of its own, or None: "siapa yang pertama?", "who was first?", "kapan?",
    "when?" (when it was first reported: "first"); "media apa saja?", "who else?"
    ("outlets"); "berapa artikel?", "how many?" ("count")."""
    tidy = _tidy(_without_particle(text)).lower()
    if _WHEN.fullmatch(tidy):
        return "first"
    for kind, pattern in _STORY_COMPILED:
        if pattern.fullmatch(tidy):
            return kind
    return None


#: A chart request's own words around its topic: an imperative, the word for the chart and
#: its preposition ("show the timeline for X", "grafik berita X", "linimasa X"), and a word
#: for the coverage closing it ("X coverage", "the X story").
_CHART_HEAD = re.compile(
    r"^\s*(?:(?:please|tolong)\s+)?(?:(?:show|draw|plot|make|give)(?:\s+me)?|tampilkan|"
    r"tunjukkan|buat(?:kan|in)?|lihat|liat)?\s*(?:(?:the|a)\s+)?(?:timeline|chart|graph|grafik|"
    r"linimasa|lini\s+masa|kronologi|diagram)(?:\s+(?:of|for|on|about|untuk|dari|soal|tentang|"
    r"mengenai))?(?:\s+(?:the\s+)?(?:berita|liputan|news|coverage))?(?:\s+(?:of|on|about|soal|"
    r"tentang|mengenai))?\b",
    _FLAGS,
)
_CHART_TAIL = re.compile(r"\s+(?:story|stories|coverage|liputan)\s*[?.!]*\s*$", _FLAGS)


def chart_topic(request: str) -> str:
    """The topic of a chart request (``/timeline`` and ``newsbot timeline``) without the
    request's own words: "timeline of the Catalonia crisis" is "the Catalonia crisis",
    "grafik berita reklamasi" is "reklamasi", "Mexico earthquake coverage" is "Mexico
    earthquake"; a request that is nothing else stays as written."""
    topic = _CHART_TAIL.sub("", _CHART_HEAD.sub("", request, count=1))
    return topic.strip() if _is_topic(topic) else request
