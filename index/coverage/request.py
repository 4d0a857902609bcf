"""What a question asks beyond its topic: a time window, an outlet, a coverage question."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from newsbot.index.coverage.outlets import OutletFilter, outlet_in
from newsbot.index.coverage.questions import CoverageQuestion, coverage_question
from newsbot.index.coverage.when import Window, window_in, without

#: Words that ask about "now" without naming a window: the answer says first when the
#: newest coverage it has is old.
_NOW = re.compile(
    r"\b(?:now|currently|latest|newest|recent(?:ly)?|terbaru|terkini|sekarang|saat\s+ini|"
    r"kini|terakhir)\b",
    re.IGNORECASE,
)


#: Words that make a question one about coverage, so that a date in it is when the news
#: came out ("berita 16 September") rather than part of what is asked ("topan pada Agustus
#: 2005"): a factoid question keeps its date as a search term.
_NEWS = re.compile(
    r"\b(?:berita|kabar|liputan|artikel|diberitakan|dilaporkan|diwartakan|terbit|news|"
    r"coverage|report|reported|reports|articles?|headlines?|published|apa\s+yang\s+terjadi|"
    r"what\s+happened)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Request:
    """A question read for coverage: ``search`` is what is left to search for once the
    time and outlet phrases (and a coverage question's own words) are taken out."""

    question: str
    search: str
    window: Window | None
    outlet: OutletFilter | None
    coverage: CoverageQuestion | None
    about_now: bool

    def to_json(self) -> dict[str, object]:
        """The window and outlet the answer was restricted to, where the question named
        them."""
        out: dict[str, object] = {}
        if self.window is not None:
            out["window"] = self.window.to_json()
        if self.outlet is not None:
            out["outlet"] = self.outlet.to_json()
        return out


def read_request(question: str, outlets: Iterable[str], current: datetime) -> Request:
    """Read the window (relative to ``current``), outlet restriction (among ``outlets``,
    the names the index knows) and coverage question out of ``question``."""
    rest = question
    window = window_in(rest, current)
    if window is not None and not window.about_coverage:
        # A date names coverage in a coverage question or one about the news only.
        unwindowed = without(rest, window.phrase)
        if not (_NEWS.search(question) or coverage_question(unwindowed, restricted=True)):
            window = None
    if window is not None:
        rest = without(rest, window.phrase)
    outlet = outlet_in(rest, outlets)
    if outlet is not None:
        rest = without(rest, outlet.phrase)
    coverage = coverage_question(rest, restricted=window is not None or outlet is not None)
    search = coverage.topic if coverage is not None else rest
    about_now = bool(_NOW.search(question)) or (
        coverage is not None and coverage.kind == "latest" and window is None
    )
    return Request(question, search or rest, window, outlet, coverage, about_now)
