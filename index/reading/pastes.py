"""Several articles pasted into one text file, told apart by their headers.

A reader's copy of an article opens with its headline and a date line
(``Kompas.com - 04/12/2017, 06:45 WIB``); a file of several copies pasted one after another
holds that header again where each next article begins. Only a full header starts an
article: a headline-like line after a blank line (or a ``---`` rule), then header lines
(``bylines.read_header``: a byline, an outlet, a date) giving a date with a time or an
outlet. A date alone ("Senin, 4 Desember 2017", a schedule's day inside a story) does not.
"""

from __future__ import annotations

import re

from newsbot.index.reading.bylines import read_header

#: A headline is at most this many words and does not end with a full stop.
MAX_HEADLINE_WORDS = 30
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_RULE = re.compile(r"^\s*([-=_*~#])(\s*\1){2,}\s*$")
#: A header (byline, outlet and date lines) is read from this many lines after a headline.
_HEADER_LINES = 3
# The body before a new header must hold a sentence of this many words at least: a list of
# short headed items is not several articles.
_BODY_WORDS = 8


def is_headline(line: str) -> bool:
    """Tell whether a line reads as a headline rather than body text."""
    return len(line.split()) <= MAX_HEADLINE_WORDS and not line.endswith(".")


def split_pastes(text: str) -> list[tuple[int, str]]:
    """The articles of a text file as (the line each begins on, counted from 1; its text).

    A file of one article is one piece, from line 1."""
    lines = text.splitlines()
    starts = [0]
    body = False
    for index, raw in enumerate(lines):
        line = MARKDOWN_HEADING.sub("", raw).strip()
        if index > starts[-1] + 1 and body and _opens_article(lines, index):
            starts.append(index)
            body = False
            continue
        if index > starts[-1] and len(line.split()) >= _BODY_WORDS and not _RULE.match(line):
            body = True
    ends = [*starts[1:], len(lines)]
    return [
        (start + 1, "\n".join(lines[start:end])) for start, end in zip(starts, ends, strict=True)
    ]


def _opens_article(lines: list[str], index: int) -> bool:
    """Whether ``lines[index]`` is a headline under a blank line or rule, followed by
    header lines (a byline, an outlet, a date: ``bylines.read_header``) that give a date
    with a time or an outlet."""
    line = MARKDOWN_HEADING.sub("", lines[index]).strip()
    before = lines[index - 1].strip()
    if not line or not is_headline(line) or (before and not _RULE.match(before)):
        return False
    after = [other.strip() for other in lines[index + 1 : index + 1 + _HEADER_LINES * 2]]
    header, _ = read_header([other for other in after if other][:_HEADER_LINES])
    dated = header.published is not None and header.relative is None
    return dated and bool(header.outlet or "T" in (header.published or ""))
