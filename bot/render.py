"""Answers, summaries and build reports as Telegram HTML: pure functions, no I/O.

Every piece of article or user text is escaped here and nowhere else, so an article that
contains ``<b>``, ``&`` or ``</a>`` shows literally. Telegram refuses a message longer than
4,096 characters; lengths are counted in UTF-16 code units of the markup itself, which is
never shorter than the text Telegram counts after parsing it, so a message that fits here
fits there. Long paragraphs are trimmed around their answering sentence; a message is
split only between passages, never inside a tag or an entity.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsbot.bot.coverage_text import format_coverage, unanswered_text
from newsbot.bot.messages import Messages
from newsbot.bot.reasons import damage_in, skipped_in
from newsbot.index.answering.answers import Answer, Hit, IndexSummary
from newsbot.index.articles import UNKNOWN_OUTLET
from newsbot.index.coverage.notes import also_line, reporter, story_line
from newsbot.index.reading.dates import display_published
from newsbot.index.reading.feedentries import is_web_address

if TYPE_CHECKING:
    from newsbot.index.building.build import BuildReport
    from newsbot.index.coverage.book import ArticleRef

MESSAGE_LIMIT = 4096
# The most of one paragraph a passage quotes: enough to read the answer in context, short
# enough that three passages fit one message.
EXCERPT_LIMIT = 1200
# Below this a shared message is unreadable; each passage then gets a message of its own.
MIN_EXCERPT = 300
HEADLINE_LIMIT = 200
# The most a written answer (three short sentences) takes of the first message.
WRITTEN_LIMIT = 1000
URL_LIMIT = 2000
SKIPPED_SHOWN = 10
OUTLETS_IN_HELP = 3
OUTLETS_IN_STATS = 10
#: Stories a coverage answer lists under its facts.
COVERAGE_STORIES = 5
ELLIPSIS = "…"
_ESCAPED = {"&": 5, "<": 4, ">": 4}  # len(html.escape(c, quote=False))


def escape(text: str) -> str:
    """Text as Telegram HTML shows it literally."""
    return html.escape(text, quote=False)


def telegram_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits."""
    return len(text.encode("utf-16-le")) // 2


def _cost(text: str) -> int:
    """``telegram_length(escape(text))`` without building the string."""
    return sum(_ESCAPED.get(c, 2 if ord(c) > 0xFFFF else 1) for c in text)


def _head(text: str, budget: int) -> str:
    """The longest start of ``text`` that escapes to at most ``budget``, cut between words
    when a word boundary is near."""
    used, end = 0, 0
    for c in text:
        used += _ESCAPED.get(c, 2 if ord(c) > 0xFFFF else 1)
        if used > budget:
            break
        end += 1
    if end == len(text):
        return text
    space = text.rfind(" ", 0, end + 1)
    if space > end * 2 // 3:
        end = space
    return text[:end].rstrip()


def _tail(text: str, budget: int) -> str:
    """The longest end of ``text`` that escapes to at most ``budget``, cut between words."""
    return _head(text[::-1], budget)[::-1]


def excerpt(hit: Hit, limit: int = EXCERPT_LIMIT) -> str:
    """The hit's paragraph as HTML with its answering sentence in bold, trimmed around that
    sentence with ellipses so the markup stays within ``limit``."""
    text = hit.text
    before, snippet, after = (
        text[: hit.snippet_start],
        text[hit.snippet_start : hit.snippet_end],
        text[hit.snippet_end :],
    )
    if not snippet.strip():
        return escape(_head(text, limit - 1)) + (ELLIPSIS if _cost(text) > limit else "")
    room = limit - len("<b></b>")
    if _cost(text) <= room:
        return f"{escape(before)}<b>{escape(snippet)}</b>{escape(after)}"
    lead = ELLIPSIS if before.strip() else ""
    if _cost(snippet) + len(lead) > room:
        return f"{lead}<b>{escape(_head(snippet, room - len(lead) - 1))}{ELLIPSIS}</b>"
    spare = room - _cost(snippet)
    if _cost(after) <= spare // 2:
        before = _trim_start(before, spare - _cost(after))
    elif _cost(before) <= spare // 2:
        after = _trim_end(after, spare - _cost(before))
    else:
        before = _trim_start(before, spare // 2)
        after = _trim_end(after, spare - _cost(before))
    return f"{escape(before)}<b>{escape(snippet)}</b>{escape(after)}"


def _trim_start(text: str, budget: int) -> str:
    if _cost(text) <= budget:
        return text
    return ELLIPSIS + _tail(text, budget - 1).lstrip() if budget > 0 else ""


def _trim_end(text: str, budget: int) -> str:
    if _cost(text) <= budget:
        return text
    return _head(text, budget - 1).rstrip() + ELLIPSIS if budget > 0 else ""


def format_date(value: str | None, messages: Messages, *, with_time: bool = False) -> str:
    """``2021-09-17T16:30:00+07:00`` as ``17 September 2021`` (month in the asker's
    language), or with ``with_time`` as ``17 September 2021, 16:30 WIB``: in the outlet's
    own offset, never converted; anything unparseable as it was."""
    return display_published(value, messages.months, with_time=with_time)


def format_number(value: int, messages: Messages) -> str:
    return f"{value:,}".replace(",", messages.thousands_separator)


def format_decimal(value: float, messages: Messages) -> str:
    """``value`` with one decimal, written as the reader's language writes it: "0.2" in
    English, "0,2" in Indonesian (whose thousands separator is the point)."""
    decimal = "," if messages.thousands_separator == "." else "."
    return f"{value:.1f}".replace(".", decimal)


def format_seconds(seconds: float, messages: Messages) -> str:
    if seconds < 60:
        return messages.seconds.format(seconds=format_decimal(seconds, messages))
    minutes, rest = divmod(round(seconds), 60)
    return messages.minutes.format(minutes=minutes, seconds=rest)


def format_size(size: int, messages: Messages) -> str:
    """A size in bytes in decimal units, as ``newsbot stats`` prints it (1,184,828 bytes:
    "1.2 MB", "1,2 MB" in Indonesian)."""
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return (
                f"{value:.0f} {unit}"
                if unit == "B"
                else f"{format_decimal(value, messages)} {unit}"
            )
        value /= 1000
    raise AssertionError("unreachable")


def _link(url: str | None, label: str) -> str:
    """``label`` (already HTML) linked to ``url`` when it is a plain web address."""
    if not url or not is_web_address(url) or len(url) > URL_LIMIT:
        return label
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>'


def citation(hit: Hit, messages: Messages) -> str:
    """Headline (linked to the article), outlet, date and paragraph number, as HTML."""
    c = hit.citation
    title = c.title.strip() or c.url or c.path
    if len(title) > HEADLINE_LIMIT:
        title = _head(title, HEADLINE_LIMIT - 1) + ELLIPSIS
    parts = [_link(c.url, escape(title))]
    if c.source:
        parts.append(escape(c.source))
    if c.published:
        parts.append(escape(format_date(c.published, messages, with_time=True)))
    parts.append(messages.paragraph.format(number=c.paragraph))
    line = "<i>— " + " · ".join(parts) + "</i>"
    if hit.story is not None and len(hit.story.articles) > 1:
        line += "\n<i>" + escape(story_line(hit.story, messages.language)) + "</i>"
    if hit.also:
        outlets = [a.source or "?" for a in hit.also]
        line += "\n<i>" + escape(also_line(outlets, messages.language)) + "</i>"
    return line


def headline_link(article: ArticleRef) -> str:
    """An article's headline (shortened to HEADLINE_LIMIT) linked to it, as HTML."""
    return _link(article.url, escape(_head(article.title, HEADLINE_LIMIT)))


def has_outlets(hit: Hit) -> bool:
    """Whether a passage has outlets to list behind its button: a story of several
    articles, or copies of its text."""
    return bool(hit.also) or (hit.story is not None and len(hit.story.articles) > 1)


def render_outlets(hits: Sequence[Hit], messages: Messages, *, first_number: int = 1) -> str:
    """The outlets behind passages, one block per story (passages numbered from
    ``first_number``; passages of one story share its block): the story line, then one
    line per article, first report first, with outlet and time linked to the article and
    its headline; copies of a passage's text outside its story close the block, marked.
    Empty when no passage has a story of several articles or copies."""
    language = messages.language
    groups: dict[str, tuple[list[int], list[Hit]]] = {}
    for number, hit in enumerate(hits, start=first_number):
        if has_outlets(hit):
            key = hit.story.id if hit.story is not None else f"passage {number}"
            numbers, members = groups.setdefault(key, ([], []))
            numbers.append(number)
            members.append(hit)
    blocks = []
    for numbers, members in groups.values():
        story = members[0].story
        articles = list(story.articles) if story is not None else []
        listed = {article.id for article in articles}
        copies = []
        for article in (a for hit in members for a in hit.also):
            if article.id not in listed:
                listed.add(article.id)
                copies.append(article)
        head = story_line(story, language) if story else members[0].citation.title
        label = ", ".join(map(str, numbers))
        lines = [f"<b>{label}.</b> <i>{escape(head)}</i>"]
        for article, copy in [(a, False) for a in articles] + [(a, True) for a in copies]:
            who = _link(article.url, escape(reporter(article, language, day=True)))
            title = escape(_head(article.title, HEADLINE_LIMIT))
            mark = f" ({escape(messages.outlets_copy)})" if copy else ""
            lines.append(f"• {who}{mark} — {title}")
        blocks.append("\n".join(lines))
    return _fit("\n\n".join(blocks))


def render_coverage(answer: Answer, messages: Messages) -> str:
    """A coverage question's facts (which outlets, who first, how many, what is new) as
    HTML in the reader's language: the facts in one line, then the stories behind them
    (at most ``COVERAGE_STORIES``), each headline linked to its article."""
    coverage = answer.coverage
    assert coverage is not None
    language = messages.language
    lines = []
    if coverage.kind != "latest":
        lines.append(f"<b>{escape(format_coverage(answer, language, urls=False))}</b>")
    for number, story in enumerate(coverage.stories[:COVERAGE_STORIES], start=1):
        title = headline_link(story.latest if coverage.kind == "latest" else story.first)
        facts = escape(story_line(story, language))
        lines.append(f"{number}. {title}\n<i>{facts}</i>")
    return "\n\n".join(lines)


def render_passages(
    hits: Sequence[Hit],
    messages: Messages,
    *,
    first_number: int = 1,
    note: str | None = None,
    written: Sequence[str] = (),
) -> list[str]:
    """Hits as numbered, cited passages: one message when they fit, else one per passage.

    ``note`` (HTML) heads the first message; ``written`` (plain text: the checked sentences
    of a written answer, citing the passages by number) follows it.
    """
    heads = [f"{first_number + i}. " for i in range(len(hits))]
    tails = ["\n" + citation(hit, messages) for hit in hits]
    lead = f"<i>{note}</i>\n\n" if note else ""
    if written:
        lead += escape(_head(" ".join(written), WRITTEN_LIMIT)) + "\n\n"
    fixed = telegram_length(lead) + sum(
        telegram_length(h + t) + 2 for h, t in zip(heads, tails, strict=True)
    )
    room = MESSAGE_LIMIT - fixed
    if room >= MIN_EXCERPT * len(hits):
        budgets = _share(room, [_cost(hit.text) + len("<b></b>") for hit in hits])
        passages = [
            head + excerpt(hit, budget) + tail
            for head, hit, budget, tail in zip(heads, hits, budgets, tails, strict=True)
        ]
        return [lead + "\n\n".join(passages)]
    pages = []
    for i, (head, hit, tail) in enumerate(zip(heads, hits, tails, strict=True)):
        start = lead if i == 0 else ""
        budget = MESSAGE_LIMIT - telegram_length(start + head + tail)
        pages.append(start + head + excerpt(hit, min(budget, EXCERPT_LIMIT)) + tail)
    return pages


def _share(room: int, wants: Sequence[int]) -> list[int]:
    """Split ``room`` between passages: short ones get all they need, long ones share the
    rest equally, none more than EXCERPT_LIMIT."""
    budgets = [0] * len(wants)
    left = room
    order = sorted(range(len(wants)), key=lambda i: wants[i])
    for placed, i in enumerate(order):
        fair = left // (len(wants) - placed)
        budgets[i] = min(wants[i], fair, EXCERPT_LIMIT)
        left -= budgets[i]
    return budgets


def _outlets(summary: IndexSummary, messages: Messages, shown: int, *, counts: bool) -> str:
    # The index counts articles of no outlet under a label: nothing to name.
    known = [(name, n) for name, n in summary.outlets if name.strip() and name != UNKNOWN_OUTLET]
    outlets = sorted(known, key=lambda o: (-o[1], o[0]))
    if not outlets:
        return messages.outlets_unknown
    names = [
        messages.stats_outlet.format(outlet=escape(name), count=format_number(n, messages))
        if counts
        else escape(name)
        for name, n in outlets[:shown]
    ]
    if len(outlets) <= shown:
        return ", ".join(names)
    return messages.outlets_more.format(outlets=", ".join(names), count=len(outlets) - shown)


def _period(summary: IndexSummary, messages: Messages) -> str:
    first = format_date(summary.first_published, messages)
    last = format_date(summary.last_published, messages)
    if not first or not last:
        return ""
    return messages.period.format(
        period=escape(first if first == last else f"{first} \N{EN DASH} {last}")
    )


def render_help(
    summary: IndexSummary, bot_username: str, messages: Messages, *, group: bool = False
) -> str:
    """Three lines: what the bot knows, how to ask it privately and in groups (in a
    ``group``, how to ask there first: it answers only when addressed), and what else it
    answers (coverage, /timeline, /digest); two for an empty index."""
    how = (messages.help_how_group if group else messages.help_how).format(
        mention=escape(f"@{bot_username}")
    )
    if summary.articles == 0:
        return f"{messages.help_knows_empty}\n{how}"
    knows = messages.help_knows.format(
        articles=format_number(summary.articles, messages),
        outlets=_outlets(summary, messages, OUTLETS_IN_HELP, counts=False),
        period=_period(summary, messages),
    )
    return f"{knows}\n{how}\n{messages.help_more}"


def render_stats(summary: IndexSummary, messages: Messages, damage: str = "") -> str:
    """The index summary for ``/stats``; ``damage`` names the damaged files, if any."""
    files = escape(damage_in(damage, messages.language))
    warning = "\n" + messages.stats_damaged.format(files=files) if damage else ""
    return (
        messages.stats.format(
            articles=format_number(summary.articles, messages),
            paragraphs=format_number(summary.paragraphs, messages),
            period=_period(summary, messages),
            outlets=_outlets(summary, messages, OUTLETS_IN_STATS, counts=True),
            embedder=escape(summary.embedder),
            built_at=escape(format_date(summary.built_at, messages, with_time=True)),
            size=format_size(summary.size_bytes, messages),
        )
        + warning
    )


def render_progress(done: int, total: int, messages: Messages) -> str:
    """The rebuild status line while paragraphs are being embedded."""
    if total <= 0:
        return messages.reindex_started
    return messages.reindex_progress.format(
        done=format_number(done, messages),
        total=format_number(total, messages),
        percent=min(100, done * 100 // total),
    )


def render_added(template: str, title: str, paragraphs: int, messages: Messages) -> str:
    """``template`` (``add_read`` or ``add_done``) about an added article: its headline and
    how many paragraphs it has."""
    count = (
        messages.paragraphs_one
        if paragraphs == 1
        else messages.paragraphs_many.format(count=format_number(paragraphs, messages))
    )
    return template.format(title=escape(_head(title, HEADLINE_LIMIT)), paragraphs=count)


def render_build_report(report: BuildReport, messages: Messages) -> str:
    """What a rebuild changed and which sources it skipped, and why."""
    seconds = format_seconds(report.seconds, messages)
    articles = format_number(report.articles, messages)
    if report.changed:
        text = messages.reindex_done.format(
            seconds=seconds,
            articles=articles,
            added=format_number(report.added, messages),
            updated=format_number(report.updated, messages),
            removed=format_number(report.removed, messages),
            unchanged=format_number(report.unchanged, messages),
        )
    else:
        text = messages.reindex_unchanged.format(articles=articles, seconds=seconds)
    if report.repaired:
        repaired = damage_in(report.repaired, messages.language)
        text += "\n" + messages.reindex_repaired.format(files=escape(repaired))
    if report.skipped:
        lines = [messages.reindex_skipped.format(count=len(report.skipped))]
        shown = report.skipped[:SKIPPED_SHOWN]
        lines += [f"• {escape(skipped_in(skipped, messages.language))}" for skipped in shown]
        if len(report.skipped) > SKIPPED_SHOWN:
            lines.append(f"• {ELLIPSIS} +{len(report.skipped) - SKIPPED_SHOWN}")
        text += "\n" + "\n".join(lines)
    return _fit(text)


def _fit(text: str) -> str:
    """Cut a message of whole lines to Telegram's limit (a report of many skipped files)."""
    if telegram_length(text) <= MESSAGE_LIMIT:
        return text
    lines, kept = text.split("\n"), []
    used = 2  # the final "\n…"
    for line in lines:
        used += telegram_length(line) + 1
        if used > MESSAGE_LIMIT:
            break
        kept.append(line)
    return "\n".join(kept) + "\n" + ELLIPSIS


def render_unanswered(answer: Answer, messages: Messages, *, note: str | None = None) -> str:
    """Return the reply to a question with nothing to cite, in the CLI's words: a friendly
    hint with an example question for small talk, else "not covered"; ``note`` (plain text,
    e.g. that a long question was cut) goes first."""
    if answer.reason == "not_a_question":
        text = messages.not_a_question.format(example=messages.example_question)
    elif answer.reason in ("no_outlet", "undated_outlet") or (
        answer.request and answer.request.window
    ):
        text = unanswered_text(answer, messages.language)  # names the outlet or window
    else:
        text = messages.not_covered
    return escape(f"{note}\n\n{text}" if note else text)
