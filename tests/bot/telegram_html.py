"""A check of Telegram HTML: what Telegram's parser would refuse, and the text it shows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_ENTITY = re.compile(r"&(amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);")


class TelegramHtml(HTMLParser):
    """Checks markup the way Telegram's parser would refuse it: only its tags, balanced,
    no bare ``&``; collects the visible text."""

    ALLOWED = frozenset({"b", "i", "a", "code"})

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []
        assert "&" not in _ENTITY.sub("", markup), f"bare & in {markup!r}"
        self.feed(markup)
        self.close()
        assert not self.open, f"unclosed {self.open} in {markup!r}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in self.ALLOWED, f"<{tag}> is no Telegram tag"
        self.open.append(tag)
        self.links += [value or "" for name, value in attrs if name == "href"]

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing"

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)
