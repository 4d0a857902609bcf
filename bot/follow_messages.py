"""What the bot says about follows, alerts, digests, feedback and inline answers, in
English and Indonesian (kept apart from ``messages.py``: same conventions, HTML templates
whose values are escaped first)."""

from __future__ import annotations

from dataclasses import dataclass

from newsbot.bot.messages import reads_indonesian


@dataclass(frozen=True)
class FollowMessages:
    """The words of the follow, digest, inline and feedback features in one language."""

    language: str
    follow: str
    unfollow: str
    followed: str
    follow_renewed: str
    follow_limit_user: str
    follow_limit_chat: str
    unfollowed: str
    unfollow_not_yours: str
    unfollow_gone: str
    alert: str
    following_none: str
    following_head: str
    following_item: str
    thumbs_up: str
    thumbs_down: str
    wrong_citation: str
    feedback_thanks: str
    digest_usage: str
    digest_hint_off: str
    digest_hint_on: str
    digest_admins_only: str
    digest_on: str
    digest_off: str
    digest_was_off: str
    digest_head: str
    digest_story: str
    digest_outlets_one: str
    digest_empty: str
    inline_limited: str
    command_following: str
    command_digest: str


ENGLISH = FollowMessages(
    language="en",
    follow="🔔 Follow",
    unfollow="🔕 Unfollow",
    followed=(
        "🔔 Following “{question}”: I'll write here when a new article answers it "
        "(at most {per_day} a day, for {days} days; follow again to renew)."
    ),
    follow_renewed="🔔 Still following “{question}”, for {days} more days.",
    follow_limit_user="You already follow {limit} questions here: unfollow one in /following.",
    follow_limit_chat="This chat already follows {limit} questions: unfollow one in /following.",
    unfollowed="🔕 No longer following “{question}”.",
    unfollow_not_yours="Only the member who followed this question or a group admin can do that.",
    unfollow_gone="That question is no longer followed.",
    alert="🔔 New on “{question}”:",
    following_none="This chat follows no questions. Press 🔔 Follow under an answer.",
    following_head="Questions followed in this chat:",
    following_item="{number}. “{question}” (until {until})",
    thumbs_up="👍",
    thumbs_down="👎",
    wrong_citation="❌ Wrong citation",
    feedback_thanks="Thanks, noted.",
    digest_usage=(
        "Send <code>/digest</code> for today's top stories, <code>/digest on</code> for them "
        "every day at 07:00, <code>/digest 18:30</code> for another time, "
        "<code>/digest off</code> to stop it."
    ),
    digest_hint_off=(
        "<i>Send <code>/digest on</code> to get this every day at 07:00, or "
        "<code>/digest 18:30</code> for another time.</i>"
    ),
    digest_hint_on=(
        "<i>This chat gets it every day at {time}; <code>/digest off</code> stops it.</i>"
    ),
    digest_admins_only="Only a group admin can change this group's daily digest.",
    digest_on="🗞 Every day at {time} ({timezone}) I'll send this chat the day's top stories.",
    digest_off="🗞 The daily digest is off.",
    digest_was_off="This chat has no daily digest. Send <code>/digest on</code> to start one.",
    digest_head="🗞 <b>Top stories, {day}</b>",
    digest_story="{number}. {line}\n{citation} · {outlets}",
    digest_outlets_one="1 outlet",
    digest_empty="🗞 No new stories in the news I have indexed since yesterday.",
    inline_limited="You're asking quickly: ask again in {seconds} s",
    command_following="The questions this chat follows",
    command_digest="A daily digest of the top stories",
)

INDONESIAN = FollowMessages(
    language="id",
    follow="🔔 Ikuti",
    unfollow="🔕 Berhenti ikuti",
    followed=(
        "🔔 Mengikuti “{question}”: saya akan menulis di sini bila ada artikel baru yang "
        "menjawabnya (paling banyak {per_day} sehari, selama {days} hari; ikuti lagi untuk "
        "memperpanjang)."
    ),
    follow_renewed="🔔 Masih mengikuti “{question}”, {days} hari lagi.",
    follow_limit_user=(
        "Anda sudah mengikuti {limit} pertanyaan di sini: hentikan salah satunya di /following."
    ),
    follow_limit_chat=(
        "Obrolan ini sudah mengikuti {limit} pertanyaan: hentikan salah satunya di /following."
    ),
    unfollowed="🔕 Tidak lagi mengikuti “{question}”.",
    unfollow_not_yours=(
        "Hanya anggota yang mengikuti pertanyaan ini atau admin grup yang bisa melakukannya."
    ),
    unfollow_gone="Pertanyaan itu sudah tidak diikuti.",
    alert="🔔 Kabar baru tentang “{question}”:",
    following_none=(
        "Obrolan ini tidak mengikuti pertanyaan apa pun. Tekan 🔔 Ikuti di bawah jawaban."
    ),
    following_head="Pertanyaan yang diikuti di obrolan ini:",
    following_item="{number}. “{question}” (hingga {until})",
    thumbs_up="👍",
    thumbs_down="👎",
    wrong_citation="❌ Kutipan salah",
    feedback_thanks="Terima kasih, sudah dicatat.",
    digest_usage=(
        "Kirim <code>/digest</code> untuk berita utama hari ini, <code>/digest on</code> untuk "
        "menerimanya setiap hari pukul 07:00, <code>/digest 18:30</code> untuk jam lain, "
        "<code>/digest off</code> untuk menghentikannya."
    ),
    digest_hint_off=(
        "<i>Kirim <code>/digest on</code> untuk menerimanya setiap hari pukul 07:00, atau "
        "<code>/digest 18:30</code> untuk jam lain.</i>"
    ),
    digest_hint_on=(
        "<i>Obrolan ini menerimanya setiap hari pukul {time}; <code>/digest off</code> "
        "menghentikannya.</i>"
    ),
    digest_admins_only="Hanya admin grup yang bisa mengubah ringkasan harian grup ini.",
    digest_on="🗞 Setiap hari pukul {time} ({timezone}) saya kirim berita utama hari itu ke sini.",
    digest_off="🗞 Ringkasan harian dimatikan.",
    digest_was_off=(
        "Obrolan ini tidak berlangganan ringkasan harian. Kirim <code>/digest on</code> untuk "
        "mulai."
    ),
    digest_head="🗞 <b>Berita utama, {day}</b>",
    digest_story="{number}. {line}\n{citation} · {outlets}",
    digest_outlets_one="1 media",
    digest_empty="🗞 Tidak ada berita baru di indeks saya sejak kemarin.",
    inline_limited="Terlalu cepat: bertanya lagi dalam {seconds} detik",
    command_following="Pertanyaan yang diikuti obrolan ini",
    command_digest="Ringkasan harian berita utama",
)


def follow_messages_for(language_code: str | None) -> FollowMessages:
    """Indonesian for a Telegram set to Indonesian or Malay, English otherwise (as
    :func:`newsbot.bot.messages.messages_for`)."""
    return INDONESIAN if reads_indonesian(language_code) else ENGLISH
