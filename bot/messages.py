"""Everything the bot says in its own words, in English and Indonesian.

Templates are ``str.format`` strings in Telegram HTML: every value put into them must be
escaped first. Quoted article text never passes through here; it stays as published.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Messages:
    """The bot's words in one language."""

    language: str
    months: tuple[str, ...]
    thousands_separator: str
    seconds: str
    minutes: str
    outlets_more: str
    outlets_unknown: str
    period: str
    help_knows: str
    help_knows_empty: str
    help_how: str
    help_how_group: str
    help_more: str
    not_covered: str
    no_subject: str
    not_a_question: str
    empty_question: str
    empty_mention: str
    example_question: str
    question_truncated: str
    caption_only: str
    non_text: str
    unknown_command: str
    rate_limited: str
    more_sources: str
    no_more_sources: str
    expired: str
    paragraph: str
    something_went_wrong: str
    stats: str
    stats_outlet: str
    stats_damaged: str
    admin_only: str
    reindex_no_sources: str
    reindex_running: str
    reindex_started: str
    reindex_progress: str
    reindex_opening: str
    reindex_failed: str
    reindex_done: str
    reindex_unchanged: str
    reindex_skipped: str
    reindex_repaired: str
    add_usage: str
    add_fetching: str
    add_read: str
    add_done: str
    add_known: str
    add_failed: str
    paragraphs_one: str
    paragraphs_many: str
    command_ask: str
    command_help: str
    command_stats: str
    command_timeline: str
    timeline_usage: str
    command_start: str
    #: The button under an answer that lists the outlets behind its passages' stories.
    outlets_button: str
    outlets_copy: str


ENGLISH = Messages(
    language="en",
    months=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    thousands_separator=",",
    seconds="{seconds} s",
    minutes="{minutes} min {seconds} s",
    outlets_more="{outlets} and {count} more",
    outlets_unknown="various outlets",
    period=", published {period}",
    help_knows=(
        "I know {articles} news articles from {outlets}{period}, and answer with the "
        "paragraphs that say it, each with its source."
    ),
    help_knows_empty="My news index is empty for now, so I cannot answer questions yet.",
    help_how=(
        "Just write your question here. In a group, write <code>/ask your question</code>, "
        "mention {mention}, or reply to one of my messages."
    ),
    help_how_group=(
        "In this group, write <code>/ask your question</code>, mention {mention}, or reply "
        "to one of my messages: I leave everything else alone. In a private chat with me, "
        "just write it."
    ),
    help_more=(
        "I also tell which outlets reported something, who was first and what's new "
        "(<i>which outlets reported …?</i>); /timeline charts a story's coverage, "
        "/digest lists the day's top stories."
    ),
    not_covered="The indexed news does not cover this question.",
    no_subject='Ask the whole question, with what it is about: e.g. "{example}"',
    not_a_question='Hi! I answer questions about the news. Try: "{example}"',
    empty_question="Write your question after the command, e.g. <code>/ask {example}</code>.",
    empty_mention="Write your question with my name, e.g. <code>{mention} {example}</code>",
    example_question="who agreed to deploy troops?",
    question_truncated="Your question was long; I used its first {limit} characters.",
    non_text="I can only read text: please type your question.",
    caption_only="I read the caption only: I cannot see pictures or files.",
    unknown_command="I don't know that command. Just type your question, or send /help.",
    rate_limited="You're asking quickly: please ask again in {seconds} s.",
    more_sources="More sources",
    no_more_sources="There are no more sources for this question.",
    expired="This button has expired: please ask the question again.",
    paragraph="paragraph {number}",
    something_went_wrong="Sorry, something went wrong. Please try again later.",
    stats=(
        "<b>{articles}</b> articles, <b>{paragraphs}</b> paragraphs{period}.\n"
        "Outlets: {outlets}.\n"
        "Model: {embedder}. Built: {built_at}. Size: {size}."
    ),
    stats_outlet="{outlet} ({count})",
    stats_damaged=(
        "⚠️ The index is damaged ({files}): an administrator can repair it with /reindex."
    ),
    admin_only="Sorry, only the bot's administrators can change the index.",
    reindex_no_sources=(
        "No sources are configured (NEWSBOT_SOURCES or the sources file, newsbot.toml), "
        "so there is nothing to rebuild from."
    ),
    reindex_running="A rebuild is already running; I'll report here when it ends.",
    reindex_started="Rebuilding the index…",
    reindex_progress="Rebuilding the index… {done} of {total} paragraphs ({percent}%).",
    reindex_opening="Rebuilding the index… opening the new index.",
    reindex_failed="The rebuild failed; I keep answering from the old index. Reason: {reason}",
    reindex_done=(
        "Index rebuilt in {seconds}: {articles} articles, {added} added, {updated} updated, "
        "{removed} removed, {unchanged} unchanged."
    ),
    reindex_unchanged=(
        "The index was already up to date ({articles} articles, checked in {seconds})."
    ),
    reindex_skipped="{count} source(s) skipped:",
    reindex_repaired="Repaired the damaged index ({files}).",
    add_usage=(
        "Send one web address (http:// or https://) after the command, e.g. "
        "<code>/add https://…</code>."
    ),
    add_fetching="Fetching {url}…",
    add_read="Read <b>{title}</b> ({paragraphs}). Rebuilding the index…",
    add_done="Added <b>{title}</b> ({paragraphs}).",
    add_known="Already in the index, unchanged: <b>{title}</b> ({paragraphs}).",
    add_failed="Could not add {url}: {reason}",
    paragraphs_one="1 paragraph",
    paragraphs_many="{count} paragraphs",
    command_ask="Ask a question about the news",
    command_help="What I know and how to ask",
    command_stats="What the news index holds",
    command_timeline="A chart of a story's coverage",
    timeline_usage=(
        "Write what the story is about after the command, e.g. <code>/timeline {example}</code>."
    ),
    command_start="Start",
    outlets_button="🗞 Who reported it",
    outlets_copy="same text",
)

INDONESIAN = Messages(
    language="id",
    months=(
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    thousands_separator=".",
    seconds="{seconds} detik",
    minutes="{minutes} menit {seconds} detik",
    outlets_more="{outlets}, dan {count} lainnya",
    outlets_unknown="berbagai media",
    period=", terbit {period}",
    help_knows=(
        "Saya mengenal {articles} artikel berita dari {outlets}{period}, dan menjawab dengan "
        "paragraf yang memuat jawabannya, lengkap dengan sumbernya."
    ),
    help_knows_empty="Indeks berita saya masih kosong, jadi saya belum bisa menjawab.",
    help_how=(
        "Tulis saja pertanyaan Anda di sini. Di grup, tulis <code>/ask pertanyaan Anda</code>, "
        "sebut {mention}, atau balas salah satu pesan saya."
    ),
    help_how_group=(
        "Di grup ini, tulis <code>/ask pertanyaan Anda</code>, sebut {mention}, atau balas "
        "salah satu pesan saya: pesan lain saya biarkan. Di obrolan pribadi dengan saya, "
        "tulis saja pertanyaannya."
    ),
    help_more=(
        "Saya juga menjawab media mana yang memberitakan sesuatu, siapa yang pertama, dan "
        "berita terbaru (<i>media apa saja yang memberitakan …?</i>); /timeline "
        "menggambar grafik liputan sebuah berita, /digest berita utama hari ini."
    ),
    not_covered="Berita yang diindeks tidak membahas pertanyaan ini.",
    no_subject='Tulis pertanyaannya lengkap dengan pokok beritanya, misalnya: "{example}"',
    not_a_question='Halo! Saya menjawab pertanyaan tentang berita. Coba: "{example}"',
    empty_question="Tulis pertanyaan Anda setelah perintah, misalnya <code>/ask {example}</code>.",
    empty_mention=(
        "Tulis pertanyaan Anda bersama nama saya, misalnya <code>{mention} {example}</code>"
    ),
    example_question="siapa yang setuju mengerahkan pasukan?",
    question_truncated="Pertanyaan Anda panjang; saya memakai {limit} karakter pertamanya.",
    non_text="Saya hanya bisa membaca teks: silakan ketik pertanyaan Anda.",
    caption_only="Saya hanya membaca keterangannya: saya tidak bisa melihat gambar atau berkas.",
    unknown_command=(
        "Saya tidak mengenal perintah itu. Ketik saja pertanyaan Anda, atau kirim /help."
    ),
    rate_limited="Anda bertanya terlalu cepat: silakan bertanya lagi dalam {seconds} detik.",
    more_sources="Sumber lain",
    no_more_sources="Tidak ada sumber lain untuk pertanyaan ini.",
    expired="Tombol ini sudah kedaluwarsa: silakan ajukan pertanyaannya lagi.",
    paragraph="paragraf {number}",
    something_went_wrong="Maaf, terjadi kesalahan. Silakan coba lagi nanti.",
    stats=(
        "<b>{articles}</b> artikel, <b>{paragraphs}</b> paragraf{period}.\n"
        "Media: {outlets}.\nModel: {embedder}. Dibangun: {built_at}. Ukuran: {size}."
    ),
    stats_outlet="{outlet} ({count})",
    stats_damaged=("⚠️ Indeks rusak ({files}): administrator dapat memperbaikinya dengan /reindex."),
    admin_only="Maaf, hanya administrator bot yang dapat mengubah indeks.",
    reindex_no_sources=(
        "Belum ada sumber yang diatur (NEWSBOT_SOURCES atau berkas sumber, newsbot.toml), "
        "jadi tidak ada yang dibangun ulang."
    ),
    reindex_running="Pembangunan ulang sedang berjalan; saya akan melapor di sini setelah selesai.",
    reindex_started="Membangun ulang indeks…",
    reindex_progress="Membangun ulang indeks… {done} dari {total} paragraf ({percent}%).",
    reindex_opening="Membangun ulang indeks… membuka indeks baru.",
    reindex_failed="Pembangunan ulang gagal; saya tetap menjawab dari indeks lama. Sebab: {reason}",
    reindex_done=(
        "Indeks dibangun ulang dalam {seconds}: {articles} artikel, {added} baru, "
        "{updated} diperbarui, {removed} dihapus, {unchanged} tidak berubah."
    ),
    reindex_unchanged="Indeks sudah mutakhir ({articles} artikel, diperiksa dalam {seconds}).",
    reindex_skipped="{count} sumber dilewati:",
    reindex_repaired="Indeks yang rusak sudah diperbaiki ({files}).",
    add_usage=(
        "Kirim satu alamat web (http:// atau https://) setelah perintah, misalnya "
        "<code>/add https://…</code>."
    ),
    add_fetching="Mengambil {url}…",
    add_read="Terbaca: <b>{title}</b> ({paragraphs}). Membangun ulang indeks…",
    add_done="Ditambahkan: <b>{title}</b> ({paragraphs}).",
    add_known="Sudah ada di indeks, tidak berubah: <b>{title}</b> ({paragraphs}).",
    add_failed="Tidak dapat menambahkan {url}: {reason}",
    paragraphs_one="1 paragraf",
    paragraphs_many="{count} paragraf",
    command_ask="Ajukan pertanyaan tentang berita",
    command_help="Apa yang saya ketahui dan cara bertanya",
    command_stats="Isi indeks berita",
    command_timeline="Grafik liputan sebuah berita",
    timeline_usage=(
        "Tulis topik beritanya setelah perintah, misalnya <code>/timeline {example}</code>."
    ),
    command_start="Mulai",
    outlets_button="🗞 Siapa yang memberitakan",
    outlets_copy="teks sama",
)


#: Telegram language codes answered in Indonesian: Indonesian's, and Malay's, whose readers
#: read Indonesian as the news is written (``newsbot ask`` answers a Malay question in
#: Indonesian too); every other language gets English.
INDONESIAN_READERS = ("id", "ms")


def reads_indonesian(language_code: str | None) -> bool:
    """Whether a user whose Telegram is set to ``language_code`` is answered in Indonesian."""
    primary = (language_code or "").lower().replace("_", "-").split("-")[0]
    return primary in INDONESIAN_READERS


def messages_for(language_code: str | None) -> Messages:
    """Indonesian for a Telegram set to Indonesian or Malay (``id``, ``ms-MY``), English
    otherwise."""
    return INDONESIAN if reads_indonesian(language_code) else ENGLISH
