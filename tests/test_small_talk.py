"""Small talk (greetings, thanks, acknowledgements, emoji) is told from questions."""

from __future__ import annotations

import pytest

from newsbot.index.answering.small_talk import small_talk_language

SMALL_TALK = [
    ("makasih ya", "id"),
    ("selamat pagi", "id"),
    ("Terima kasih banyak, kak!", "id"),
    ("oke sip", "id"),
    ("siap, makasih min 🙏", "id"),
    ("apa kabar?", "id"),
    ("gimana kabarnya?", "id"),
    ("kabarnya gimana?", "id"),
    ("halo, apa kabar hari ini?", "id"),
    ("how are you doing today?", "en"),
    ("hai bot", "id"),
    ("thank you!", "en"),
    ("thanks a lot :)", "en"),
    ("good night", "en"),
    ("Good morning, bot!", "en"),
    ("how are you?", "en"),
    ("ok", "en"),
    ("👍", "en"),
    ("🙏🙏 ...", "en"),
    # thanks with words about the conversation itself, enclitics and forms of address
    ("thanks for the info", "en"),
    ("thank you so much for the answer!", "en"),
    ("ty bro", "en"),
    ("help", "en"),
    ("terima kasih banyak atas jawabannya", "id"),
    ("oke makasih infonya", "id"),
    ("makasih atas penjelasannya, kak", "id"),
    ("tolong", "id"),
    ("apa khabar?", "id"),
    # text emoticons: their letters and digits are no words ("<3" is no number)
    ("makasih <3", "id"),
    ("thank you <333", "en"),
    ("thanks :D", "en"),
    ("oke :P", "id"),
    ("makasih ya :-)", "id"),
    ("good night ;)", "en"),
    # Malay thanks with the Malay words for information and answer
    ("terima kasih atas maklumat", "id"),
    ("terima kasih atas jawapannya", "id"),
    ("ok, terima kasih atas penerangan itu", "id"),
    # interjections, letters held on, and Arabic-script greetings and thanks
    ("hmm", "en"),
    ("hmmmm...", "en"),
    ("umm ok", "en"),
    ("waduh", "id"),
    ("okeee makasihhh", "id"),
    ("thanksss", "en"),
    ("مرحبا", "en"),
    ("السلام عليكم", "en"),
    ("شكرا", "en"),
    # round 8, the blind set's kinds: chat spellings of English words ("u", "pls")
    ("thank u so much 🙏", "en"),
    ("thx u", "en"),
    ("tysm!", "en"),
    ("ok pls", "en"),
    ("np", "en"),
    # ... thanks written as one word or shortened, and Javanese and Sundanese thanks
    ("terimakasih kak", "id"),
    ("trimakasih", "id"),
    ("mksh ya", "id"),
    ("makasii", "id"),
    ("matur nuwun", "id"),
    ("hatur nuhun", "id"),
    # ... praise
    ("mantul", "id"),
    ("mantep kak", "id"),
    ("keren banget", "id"),
    ("good job", "en"),
    ("well done!", "en"),
    ("nice one", "en"),
    # ... greetings of every faith and between strangers, a reply to thanks, a farewell
    ("salam sejahtera", "id"),
    ("salam kenal", "id"),
    ("om swastiastu", "id"),
    ("shalom", "en"),
    ("sama-sama", "id"),
    ("sama sama kak", "id"),
    ("you too", "en"),
    ("same to you", "en"),
    ("wassalam", "id"),
    ("have a nice day", "en"),
    ("met pagi", "id"),
    # ... laughter however it is spelled
    ("hahah", "en"),
    ("ahaha ok", "en"),
    ("xixixi", "id"),
    ("awokawok", "id"),
    ("wkwkwkwk 😂", "id"),
    # ... wishes, "that helps", "never mind", farewells, and more chat spellings
    ("good morning bot, how are you today?", "en"),
    ("selamat pagi, semoga harimu menyenangkan", "id"),
    ("semoga sehat selalu", "id"),
    ("ok, sampai jumpa besok", "id"),
    ("terima kasih infonya sangat membantu", "id"),
    ("thanks, that's helpful", "en"),
    ("thanks anyway", "en"),
    ("no worries", "en"),
    ("never mind", "en"),
    ("nvm", "en"),
    ("good night bot, sweet dreams", "en"),
    ("gud nite", "en"),
    ("slmt malem", "id"),
    ("trima kasih", "id"),
    ("oh gitu", "id"),
    ("oh begitu ya", "id"),
    ("dah dulu ya", "id"),
    ("selamat tinggal", "id"),
    # understanding, praise of the bot, Malay forms of address, festive wishes, apologies
    # and test messages (round 9)
    ("ok I understand now", "en"),
    ("I see, thanks", "en"),
    ("you're the best", "en"),
    ("terima kasih puan", "id"),
    ("terima kasih encik", "id"),
    ("selamat lebaran kak", "id"),
    ("selamat natal dan tahun baru", "id"),
    ("maaf lahir batin ya min", "id"),
    ("maaf ganggu", "id"),
    ("maaf salah kirim", "id"),
    ("oops, typo", "en"),
    ("my bad", "en"),
    ("test", "en"),
    ("ping", "en"),
    ("tes", "id"),
    ("baik kalau gitu", "id"),
    # Ramadan wishes, Malay intensifiers, a particle written apart, "banyak" shortened
    ("selamat menunaikan ibadah puasa", "id"),
    ("selamat sahur semua", "id"),
    ("bagus betul", "id"),
    ("ok lah", "id"),
    ("makasih bnyk kak", "id"),
]

QUESTIONS = [
    "makasih, siapa yang setuju mengerahkan pasukan?",
    "Thanks! Who agreed to deploy troops?",
    "Siapa yang mengucapkan terima kasih kepada presiden?",
    "Kapan?",
    "good night market in Jakarta",
    "2024",
    "perbatasan Tajikistan",
    "Selamat pagi, berapa harga cabai?",
    "thanks for the news about Garut",
    "terima kasih atas info banjir Jakarta",
    "tolong jelaskan banjir",
    "help with the earthquake numbers",
    "info banjir",
    "berita",
    "makasih <3, banjir Garut?",
    "harga cabai <3 ribu?",
    "2024 :)",
    "maklumat banjir",
    "terima kasih atas maklumat banjir Kelantan",
    "hmm, siapa yang setuju?",
    "waduh banjir lagi",
    "شكرا, who agreed to deploy troops?",
    "kapalll tenggelam",
    "u 20 world cup",
    "keren, siapa pemenangnya?",
    "good job by the police in Garut?",
    "salam dari Jakarta: berapa korban banjir?",
    "sama-sama menang?",
    "hahah, siapa yang setuju?",
    "matur nuwun, kapan banjir Garut?",
    "semoga banjir cepat surut?",
    "berita hari ini",
    "good morning, any news today?",
    "siapa yang membantu korban?",
    "never mind, who won the election?",
    "how many?",  # a follow-up: "many" is no small-talk word, so "many thanks" is not either
    "how many today?",
    # a question word alone, or with fillers, asks (a follow-up, or half a question)
    "how much?",
    "how?",
    "how much is it?",
    "gimana?",
    "gimana sih?",
    "apa?",
    # "kabar" is the news unless a question word makes it a greeting
    "kabar hari ini",
    "kabar terbaru dong",
    "khabar hari ini",
    # festive days, apologies and tests about the news are questions
    "kapan hari raya idul fitri?",
    "hari raya",
    "lebaran 2017",
    "tes narkoba artis",
    "test results of the vaccine",
    "siapa yang minta maaf?",
    "maaf, siapa yang menang?",
    "salah ketik di berita banjir",
    "siapa tuan rumah Piala Dunia?",
    "sorry, who won the election?",
    "kapan puasa ramadan dimulai?",
    "puasa",
    "betul kah berita itu?",
]


@pytest.mark.parametrize(("text", "language"), SMALL_TALK)
def test_small_talk_is_recognised_with_its_language(text: str, language: str) -> None:
    assert small_talk_language(text) == language


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_is_never_small_talk(text: str) -> None:
    assert small_talk_language(text) is None


def test_blank_text_is_neither() -> None:
    assert small_talk_language("   ") is None
