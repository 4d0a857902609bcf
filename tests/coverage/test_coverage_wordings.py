"""Coverage questions in the wordings readers use beside the textbook ones: informal
Indonesian ("brp media yg beritain X", "sapa duluan", "siapa aja yang nulis"), other
verbs and subjects ("sumber berita mana yang memuat", "who broke the news of", "which
outlet was first on"), "since when" / "sejak kapan", counting words ("seberapa banyak",
"jumlah berita", "count the articles"), and "what's new" forms ("kabar hari ini",
"headline", "what's the latest"). Each is recognised with its topic; every form has a
variant of its own."""

from __future__ import annotations

import pytest

from newsbot.index.answering.question_text import question_as_read
from newsbot.index.coverage.questions import CoverageQuestion
from newsbot.index.coverage.questions import coverage_question as read_coverage


def coverage_question(question: str) -> CoverageQuestion | None:
    """The coverage question ``question`` asks, read as the index reads it (chat spellings
    written out first)."""
    return read_coverage(question_as_read(question))


@pytest.mark.parametrize(
    ("question", "kind", "topic"),
    [
        # Which outlets.
        ("brp media yg beritain Panglima TNI ditolak AS", "outlets", "Panglima TNI ditolak AS"),
        ("berapa media yang memberitakan banjir Bekasi?", "outlets", "banjir Bekasi"),
        ("outlet mana aja yg ngeliput Rohingya?", "outlets", "Rohingya"),
        ("media apa aja yg nulis soal gempa?", "outlets", "gempa"),
        ("siapa aja yang nulis soal First Travel?", "outlets", "First Travel"),
        ("siapa saja yg beritain Djarot", "outlets", "Djarot"),
        ("siapa aja yg ngabarin soal banjir", "outlets", "banjir"),
        ("list the outlets covering the Weinstein scandal", "outlets", "Weinstein scandal"),
        ("list the media that reported the flood", "outlets", "flood"),
        ("sumber berita mana yang memuat kabar Catalunya?", "outlets", "Catalunya"),
        ("sumber mana saja yang memberitakan banjir?", "outlets", "banjir"),
        ("who's been writing about the Rohingya?", "outlets", "Rohingya"),
        ("who has been covering the floods?", "outlets", "floods"),
        ("how many outlets reported the Lombok quake?", "outlets", "Lombok quake"),
        ("where was the flood reported?", "outlets", "flood"),
        ("di mana banjir Bekasi diberitakan?", "outlets", "banjir Bekasi"),
        ("which papers wrote about the flood?", "outlets", "flood"),
        # The question word last, "sudah/udah", a bare list, "written about".
        (
            "media yang sudah memberitakan Panglima TNI ditolak masuk AS apa saja?",
            "outlets",
            "Panglima TNI ditolak masuk AS",
        ),
        ("media yang meliput banjir Bekasi siapa saja?", "outlets", "banjir Bekasi"),
        ("siapa aja yang udah ngeberitain Catalonia?", "outlets", "Catalonia"),
        ("siapa saja yang sudah melaporkan banjir?", "outlets", "banjir"),
        ("outlets covering Rohingya?", "outlets", "Rohingya"),
        ("media reporting on the flood?", "outlets", "flood"),
        ("which outlets have written about First Travel?", "outlets", "First Travel"),
        ("daftar media yang meliput Rohingya", "outlets", "Rohingya"),
        ("daftar outlet yang memberitakan banjir", "outlets", "banjir"),
        ("what outlets are covering Catalonia?", "outlets", "Catalonia"),
        ("which sites have been reporting on the flood?", "outlets", "flood"),
        ("has anyone reported on the Panglima TNI?", "outlets", "Panglima TNI"),
        ("did any outlet report on Djarot?", "outlets", "Djarot"),
        ("media mana yang ikut memberitakan Rohingya?", "outlets", "Rohingya"),
        ("apa saja media yang memberitakan First Travel?", "outlets", "First Travel"),
        ("berita Rohingya dimuat di media mana saja?", "outlets", "Rohingya"),
        ("Rohingya diberitakan di mana saja?", "outlets", "Rohingya"),
        ("media manakah yang memberitakan Rohingya?", "outlets", "Rohingya"),
        # Who first / since when.
        ("siapa yang duluan memberitakan Panglima TNI?", "first", "Panglima TNI"),
        ("sapa duluan yg beritain Panglima TNI ditolak AS", "first", "Panglima TNI ditolak AS"),
        ("siapa yg pertama nulis soal reklamasi?", "first", "reklamasi"),
        ("media apa yang lebih dulu memberitakan Rohingya?", "first", "Rohingya"),
        ("media mana yang paling cepat memberitakan gempa?", "first", "gempa"),
        ("siapa yang mula-mula melaporkan tentang Rohingya?", "first", "Rohingya"),
        ("who broke the news of the TNI commander?", "first", "TNI commander"),
        ("who broke the story about the floods?", "first", "floods"),
        ("which outlet was first on the Catalonia story?", "first", "Catalonia"),
        ("who had the Catalonia story first?", "first", "Catalonia"),
        ("who got the flood story first?", "first", "flood"),
        ("siapa media pertama yang memberitakan banjir?", "first", "banjir"),
        ("outlet pertama yang meliput banjir Bekasi?", "first", "banjir Bekasi"),
        ("first outlet to report the flood?", "first", "flood"),
        ("yang pertama kali memberitakan Panglima TNI siapa?", "first", "Panglima TNI"),
        ("yang duluan memberitakan banjir siapa?", "first", "banjir"),
        ("kapan berita Catalonia pertama kali terbit?", "first", "Catalonia"),
        ("kapan berita banjir pertama terbit?", "first", "banjir"),
        ("sejak kapan First Travel jadi sorotan media?", "first", "First Travel"),
        ("sejak kapan banjir Bekasi ramai diberitakan?", "first", "banjir Bekasi"),
        ("when was Djarot first in the news?", "first", "Djarot"),
        ("who was first with the Catalonia news?", "first", "Catalonia"),
        ("kapan pertama kali First Travel diberitakan?", "first", "First Travel"),
        ("which outlet published first on Rohingya?", "first", "Rohingya"),
        ("when did the Rohingya story start?", "first", "Rohingya"),
        ("kapan berita Rohingya mulai muncul?", "first", "Rohingya"),
        ("siapakah yang pertama memberitakan Catalonia?", "first", "Catalonia"),
        ("which outlet reported Rohingya earliest?", "first", "Rohingya"),
        ("who covered the flood earliest?", "first", "flood"),
        ("which was the earliest report on First Travel?", "first", "First Travel"),
        ("what was the earliest article about Djarot?", "first", "Djarot"),
        ("oldest article about First Travel", "first", "First Travel"),
        ("artikel paling awal soal Rohingya", "first", "Rohingya"),
        ("berita pertama tentang Rohingya", "first", "Rohingya"),
        ("artikel paling lama tentang banjir", "first", "banjir"),
        ("sejak kapan Rohingya diberitakan?", "first", "Rohingya"),
        ("sejak kapan ada berita soal Catalonia?", "first", "Catalonia"),
        ("sejak kapan banjir Bekasi jadi berita?", "first", "banjir Bekasi"),
        ("since when has First Travel been in the news?", "first", "First Travel"),
        ("since when has Game of Thrones been making news?", "first", "Game of Thrones"),
        ("since when is the flood in the news?", "first", "flood"),
        ("kapan pertama kali berita First Travel muncul?", "first", "First Travel"),
        ("kapan berita gempa pertama muncul?", "first", "gempa"),
        ("when did Novanto first appear in the news?", "first", "Novanto"),
        ("when did the floods first make the news?", "first", "floods"),
        # How many.
        ("seberapa banyak berita tentang Rohingya?", "count", "Rohingya"),
        ("brp artikel ttg First Travel", "count", "First Travel"),
        ("brp byk berita soal banjir", "count", "banjir"),
        ("jumlah berita soal Menteri Susi?", "count", "Menteri Susi"),
        ("ada berapa artikel ttg gempa?", "count", "gempa"),
        ("count the articles about Novanto", "count", "Novanto"),
        ("how many articles mention Game of Thrones?", "count", "Game of Thrones"),
        ("number of stories on the floods", "count", "floods"),
        ("berapa kali banjir diberitakan?", "count", "banjir"),
        ("how often was the flood reported?", "count", "flood"),
        ("how much coverage did the flood get?", "count", "flood"),
        ("how much coverage has the flood had?", "count", "flood"),
        ("how many times was Rohingya covered?", "count", "Rohingya"),
        ("how many times has the flood been reported?", "count", "flood"),
        ("total berita soal First Travel?", "count", "First Travel"),
        ("total artikel tentang banjir", "count", "banjir"),
        ("berapakah jumlah berita tentang Rohingya?", "count", "Rohingya"),
        ("brp kali Rohingya masuk berita?", "count", "Rohingya"),
        # What's new.
        ("kabar", "latest", ""),
        ("brita paling baru apa?", "latest", ""),
        ("berita paling baru", "latest", ""),
        ("headline", "latest", ""),
        ("headline apa saja?", "latest", ""),
        ("show me the headlines", "latest", ""),
        ("whats new", "latest", ""),
        ("what's the latest?", "latest", ""),
        ("anything new?", "latest", ""),
        ("apa berita terkini?", "latest", ""),
        ("ada kabar apa?", "latest", ""),
        # What's new about a topic.
        ("update soal banjir", "latest", "banjir"),
        ("update terbaru banjir Bekasi", "latest", "banjir Bekasi"),
        ("perkembangan terbaru banjir Bekasi", "latest", "banjir Bekasi"),
        ("perkembangan kasus First Travel", "latest", "kasus First Travel"),
        ("what's happening with the flood?", "latest", "flood"),
        ("any updates on the flood?", "latest", "flood"),
        ("top stories", "latest", ""),
        ("top news", "latest", ""),
        ("apa berita utama?", "latest", ""),
        ("berita utama", "latest", ""),
        ("give me a news roundup", "latest", ""),
        ("rangkuman berita", "latest", ""),
        ("what's trending in the news?", "latest", ""),
        ("berita apa yang lagi trending?", "latest", ""),
        ("what's going on?", "latest", ""),
        ("berita terhangat", "latest", ""),
        ("the most recent article about Djarot", "latest", "Djarot"),
        ("latest article on Rohingya", "latest", "Rohingya"),
        ("artikel terakhir soal Djarot", "latest", "Djarot"),
        ("apa berita terakhir soal Catalonia?", "latest", "Catalonia"),
        ("ringkasan berita", "latest", ""),
        ("berita apa yang terbaru soal Rohingya?", "latest", "Rohingya"),
    ],
)
def test_reader_wordings_are_coverage_questions(question: str, kind: str, topic: str) -> None:
    found = coverage_question(question)
    assert found is not None, question
    assert (found.kind, found.topic) == (kind, topic)


@pytest.mark.parametrize(
    "question",
    [
        "siapa yang pertama kali mendaki Everest?",
        "sejak kapan Jokowi jadi presiden?",
        "berapa jumlah korban banjir?",
        "how many people died in the flood?",
        "which team won the league?",
        "kapan gempa Lombok terjadi?",
        "berapa kali Persib juara?",
        "di mana gempa terjadi?",
        "how often does it flood in Jakarta?",
        "how many times has Persib won the league?",
        "total korban banjir?",
        "siapa yang pertama kali mendarat di bulan?",
        # "First" in a name is no "first": who wrote about First Travel names outlets.
        "who won the First Division?",
        "apakah gempa terjadi lagi?",
        "berita pertama kali disiarkan TVRI tahun berapa?",
    ],
)
def test_questions_about_the_events_themselves_are_no_coverage_questions(question: str) -> None:
    assert coverage_question(question) is None


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "Media apa saja yang memberitakan Oso Akan Dilaporkan ke Polisi?",
            "Oso Akan Dilaporkan ke Polisi",
        ),
        (
            "Siapa yang pertama memberitakan Pemain Persija Keluar Stadion?",
            "Pemain Persija Keluar Stadion",
        ),
        ("Berapa artikel tentang Kasus Covered Bond Dilaporkan?", "Kasus Covered Bond Dilaporkan"),
    ],
)
def test_a_headlines_own_words_stay_in_the_topic(question: str, topic: str) -> None:
    found = coverage_question(question)
    assert found is not None and found.topic == topic


def test_first_in_a_name_is_not_who_first() -> None:
    found = coverage_question("who wrote about First Travel?")
    assert found is not None and (found.kind, found.topic) == ("outlets", "First Travel")


def test_a_topics_own_base_words_are_not_rewritten() -> None:
    found = coverage_question("berapa berita soal aplikasi Lapor dan muat barang?")
    assert found is not None and found.topic == "aplikasi Lapor dan muat barang"
