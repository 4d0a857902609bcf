"""Render answers, summaries and build reports for a terminal."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from newsbot.bot.coverage_text import answer_language, format_coverage, unanswered_text
from newsbot.bot.messages import ENGLISH, INDONESIAN
from newsbot.index import sample
from newsbot.index.answering.answers import Answer, Hit, IndexSummary
from newsbot.index.answering.small_talk import small_talk_language
from newsbot.index.answering.writer import WrittenSentence, shown
from newsbot.index.building.build import BuildReport
from newsbot.index.building.integrity import VersionCheck
from newsbot.index.coverage.notes import (
    also_line,
    newest_line,
    story_line,
)
from newsbot.index.reading.dates import display_published

NOT_COVERED = ENGLISH.not_covered


def _count(number: int, noun: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


_BOLD, _RESET = "\033[1m", "\033[0m"


def format_hit(hit: Hit, *, color: bool, language: str = "en") -> str:
    """Return one cited passage: its paragraph once, the answering sentence emphasised (bold
    on a terminal, »…« elsewhere, and only where the paragraph holds more), the citation."""
    c = hit.citation
    before, after = hit.text[: hit.snippet_start], hit.text[hit.snippet_end :]
    if not (before.strip() or after.strip()):
        paragraph = hit.snippet
    elif color:
        paragraph = f"{before}{_BOLD}{hit.snippet}{_RESET}{after}"
    else:
        paragraph = f"{before}»{hit.snippet}«{after}"
    lines = [f"{hit.rank}. {paragraph}"]
    words = INDONESIAN if language == "id" else ENGLISH
    outlet = f" — {c.source}" if c.source else ""
    date = f", {display_published(c.published, words.months)}" if c.published else ""
    lines.append(f"   {c.title}{outlet}{date}, {words.paragraph.format(number=c.paragraph)}")
    if c.url:
        lines.append(f"   {c.url}")
    elif not sample.is_cited_sample(c.path):
        lines.append(f"   {c.path}")
    if hit.story is not None and len(hit.story.articles) > 1:
        lines.append(f"   {story_line(hit.story, language)}")
    if hit.also:
        lines.append(f"   {also_line([a.source or '?' for a in hit.also], language)}")
    return "\n".join(lines)


def format_answer(
    answer: Answer, *, color: bool = False, written: Sequence[WrittenSentence] = ()
) -> str:
    """Return an answer as text for a terminal, in the question's language: the
    stale-coverage notice first, then a coverage question's facts, the written sentences
    that were kept (if any), then the cited passages (for "what's new", the story list
    alone)."""
    if answer.reason == "not_a_question":
        # The bot's words, in the language the message was written in.
        words = INDONESIAN if small_talk_language(answer.question) == "id" else ENGLISH
        return words.not_a_question.format(example=words.example_question)
    language = answer_language(answer)
    parts = [newest_line(answer.newest, language)] if answer.newest else []
    if not answer.answered:
        return "\n".join([*parts, unanswered_text(answer, language)])
    if answer.coverage is not None:
        parts.append(format_coverage(answer, language))
        if answer.coverage.kind == "latest":
            return "\n\n".join(parts)
    kept = shown(written)
    if kept:
        parts.append(" ".join(kept))
    parts.extend(format_hit(hit, color=color, language=language) for hit in answer.hits)
    return "\n\n".join(parts)


def format_summary(summary: IndexSummary) -> str:
    """Return what an index holds, one fact a line: outlets by article count, then by
    name (as the bot's ``/stats`` lists them)."""
    ranked = sorted(summary.outlets, key=lambda outlet: (-outlet[1], outlet[0]))
    outlets = ", ".join(f"{name} ({count})" for name, count in ranked[:12])
    if len(summary.outlets) > 12:
        outlets += f", and {len(summary.outlets) - 12} more"
    dates = (
        f"{summary.first_published} to {summary.last_published}"
        if summary.first_published
        else "unknown"
    )
    # A Milvus server's size is its own: none is shown.
    size = f" ({summary.size_bytes / 1e6:.1f} MB)" if summary.size_bytes else ""
    rows = [
        ("Index", summary.path + size),
        ("Articles", f"{summary.articles} ({summary.paragraphs} paragraphs)"),
        ("Outlets", outlets),
        ("Published", dates),
        ("Embedder", summary.embedder),
        ("Built", summary.built_at),
    ]
    return "\n".join(f"{name + ':':<11}{value}" for name, value in rows)


def format_report(report: BuildReport) -> str:
    """Return a build summary, naming each skipped source and why."""
    if report.changed:
        head = (
            f"Indexed {_count(report.articles, 'article')} "
            f"({_count(report.paragraphs, 'paragraph')}) in "
            f"{report.seconds:.1f} s: {report.added} added, {report.updated} updated, "
            f"{report.removed} removed, {report.unchanged} unchanged; "
            f"{_count(report.embedded, 'paragraph')} embedded, {report.reused} reused."
        )
    else:
        head = (
            f"No changes: {_count(report.articles, 'article')} "
            f"({_count(report.paragraphs, 'paragraph')}) "
            f"already indexed; checked in {report.seconds:.1f} s."
        )
    lines = [head]
    if report.skipped:
        lines.append(f"Skipped {len(report.skipped)}:")
        lines.extend(f"  {skipped}" for skipped in report.skipped)
    return "\n".join(lines)


def format_check(check: VersionCheck) -> str:
    """Return what a check of a version found: each damaged file and why, or that it is
    intact and how that was told."""
    if not check.healthy:
        lines = [f"Damaged: {name} ({problem})" for name, problem in sorted(check.damaged.items())]
        return "\n".join(lines)
    how = (
        "every file matches the checksum recorded when it was built"
        if check.checksummed
        else "every file opens (built before checksums were recorded: `newsbot index` adds them)"
    )
    return check_line(f"intact: {how} ({check.version.name})")


def check_line(text: str) -> str:
    """Return ``text`` as the "Check:" line of ``stats`` and ``check``."""
    return f"{'Check:':<11}{text}"


class ProgressBar:
    """Embedding progress on ``stream``: a one-line bar redrawn in place on a terminal;
    elsewhere (a log, a pipe, ``docker logs``) a plain line at every tenth of the work, so a
    long build is never silent."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = sys.stderr if stream is None else stream  # stderr as it is now
        self.terminal = self.stream.isatty()
        self._last = -1

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        percent = done * 100 // total
        step = percent if self.terminal else percent // 10 * 10
        if step == self._last:
            return
        self._last = step
        if self.terminal:
            filled = percent * 30 // 100
            bar = "#" * filled + "-" * (30 - filled)
            self.stream.write(f"\r{self.label} [{bar}] {done}/{total} paragraphs")
            if done >= total:
                self.stream.write("\n")
        else:
            # The share done, not the tenth it crossed: batches jump (128 of 264 is 48%).
            self.stream.write(f"{self.label}: {done}/{total} paragraphs ({percent}%)\n")
        self.stream.flush()
