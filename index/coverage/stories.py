"""Stories: articles from several outlets about one event, grouped at build time.

Each article is represented by the vector of its lead paragraph (already embedded for
search, so grouping embeds nothing). Articles are taken in publication order and each joins
the story whose closest member is nearest, when that is close enough, or starts a new story:
so a rebuild only places the new and changed articles, and an article keeps its story id
unless its own text changed. Two articles of the same outlet count as farther apart (an
outlet rarely writes the same event twice in a day, but often writes related events), and
articles published more than a window apart never share a story.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsbot.index.coverage.figures import figures
from newsbot.index.coverage.spans import (
    NAMED_DAY_SLACK_DAYS,
    SEEN_SLACK_DAYS,
    event_day,
    event_days,
    publication_span,
)
from newsbot.index.coverage.when import published_day
from newsbot.index.coverage.wording import Wording

#: Cosine similarity of lead vectors (multilingual-e5-small) from which two articles of
#: different outlets tell the same story; tuned on half of the labelled pairs
#: (BENCHMARKS.md, "Stories").
STORY_THRESHOLD = 0.88
#: Taken off the similarity of two articles from the same outlet (NYAN's push apart): an
#: outlet writes one subject's other happenings in one template ("Rimanews-Polisi ...", one
#: tournament's rounds), as alike as two outlets' reports of one event. Of the 259 pairs the
#: stories of all 3,000 IndoSum articles held without it, 197 were of one outlet and 183 of
#: those other happenings; chosen on the tune half of those labelled pairs (0 to 1), the
#: check half and the mined pairs agreeing (BENCHMARKS.md, "Round 8, stories as a reader
#: meets them").
SAME_OUTLET_PENALTY = 0.04
#: Articles published further apart than this many days never share a story (for an
#: undated article, its span of possible days: ``coverage.spans``).
STORY_WINDOW_DAYS = 3
#: Taken off the similarity of two articles when either has no date: an undated article's
#: span is only bounded by when it was first seen, and one never seen is held to no window
#: ("Setnov skips a summons" in November and in December).
UNDATED_PENALTY = 0.02
#: Two articles whose openings name event days (``coverage.spans.event_day``) further apart
#: than this many days report different happenings (Setnov skips Monday's summons, then
#: Thursday's) and never share a story; None: named days are not compared. Chosen on the
#: tune half (BENCHMARKS.md, "Coverage").
EVENT_DAY_TOLERANCE: int | None = 1
#: Which days of an opening are its event days: "first", the first day it names
#: (``coverage.spans.event_day``), or "all", every day it names (``spans.event_days``:
#: also the day a quote further on is attributed to), two articles being as near as their
#: nearest named days. Measured by nested cross-validation over the 726 labelled pairs
#: (BENCHMARKS.md, "Round 7, stories"): "all" did not beat "first" there, so the product keeps it.
EVENT_READING = "first"
#: Whether "kemarin" / "hari ini" / "tadi malam" count as named days (with "all").
RELATIVE_DAYS = False
#: Added to the lead cosine when the two openings name a common event day: one happening's
#: reports name its day. 0: not read (BENCHMARKS.md, "Round 7, stories").
EVENT_DAY_BONUS = 0.0
#: Added to the lead cosine when the two openings give a common figure
#: (``coverage.figures``: "6,6", "2-0", "348"). 0: not read (BENCHMARKS.md, "Round 7, stories").
FIGURE_BONUS = 0.0
#: Whether a story is refused when any of its members is refused (window, event days): a
#: story is then no chain of pairs, each within its own days, spanning a week. False: the
#: closest member alone is checked (BENCHMARKS.md, "Round 7, stories").
WHOLE_STORY = False
#: Added to the lead cosine, times the TF-IDF cosine of the two openings
#: (``coverage.wording``): one event's reports name its particulars. 0: not read.
WORDING_WEIGHT = 0.0
#: Two articles whose openings' TF-IDF cosine is below this never share a story; None: no
#: floor.
WORDING_FLOOR: float | None = None
#: The paragraphs an article's event day is read from (``StoryArticle.lead``).
OPENING_PARAGRAPHS = 2
_MATRIX_UP_TO = 4096


@dataclass(frozen=True)
class StoryArticle:
    """What grouping needs of an article: its id, outlet and publication date or time, when
    it was first seen (ISO 8601), and its opening (``OPENING_PARAGRAPHS`` paragraphs), which
    may name the day of its event (``coverage.spans``)."""

    id: str
    source: str | None
    published: str | None
    seen: str | None = None
    lead: str = ""


def grouping_rule() -> str:
    """The grouping's settings, one line (stored beside an index's stories: an index grouped
    by another rule is regrouped at its next build, reusing every vector)."""
    return (
        f"lead cosine >= {STORY_THRESHOLD}; same outlet -{SAME_OUTLET_PENALTY}; "
        f"undated -{UNDATED_PENALTY}; {STORY_WINDOW_DAYS} days; seen slack {SEEN_SLACK_DAYS}; "
        f"named slack {NAMED_DAY_SLACK_DAYS}; event days {EVENT_DAY_TOLERANCE} "
        f"({EVENT_READING}, {OPENING_PARAGRAPHS} paragraphs, relative {RELATIVE_DAYS}); "
        f"bonus day {EVENT_DAY_BONUS} figure {FIGURE_BONUS}; whole story {WHOLE_STORY}; "
        f"wording {WORDING_WEIGHT} floor {WORDING_FLOOR}"
    )


def story_id(founder: str) -> str:
    """Return the id of the story an article founded: stable while that article lives."""
    return "s-" + hashlib.sha1(founder.encode("utf-8")).hexdigest()[:12]


def group_stories(
    articles: Sequence[StoryArticle],
    vectors: np.ndarray,
    kept: Mapping[str, str] | None = None,
    *,
    threshold: float = STORY_THRESHOLD,
    same_outlet_penalty: float = SAME_OUTLET_PENALTY,
    window_days: int = STORY_WINDOW_DAYS,
    undated_penalty: float = UNDATED_PENALTY,
    may_join: Callable[[int, int], bool] | None = None,
    seen_slack: int = SEEN_SLACK_DAYS,
    named_slack: int | None = NAMED_DAY_SLACK_DAYS,
    event_tolerance: int | None = EVENT_DAY_TOLERANCE,
    wording_weight: float = WORDING_WEIGHT,
    wording_floor: float | None = WORDING_FLOOR,
    event_reading: str = EVENT_READING,
    relative_days: bool = RELATIVE_DAYS,
    event_bonus: float = EVENT_DAY_BONUS,
    figure_bonus: float = FIGURE_BONUS,
    whole_story: bool = WHOLE_STORY,
) -> dict[str, str]:
    """Return article id -> story id.

    ``vectors`` holds one unit vector per article (rows in the order of ``articles``).
    ``kept`` maps the articles whose story is already known (unchanged since the last build)
    to it; they keep it, and the others join them or start stories, in publication order.
    ``may_join(i, j)`` (rows of ``articles``), when given, is a further test an article
    ``i`` must pass to join the story of an earlier article ``j`` close enough to it; the
    closest ``j`` that passes is taken. The product passes none; the coverage benchmark
    tries evidence beyond the vectors with it.

    Each article may have been published within a span of days (``coverage.spans``): its
    date, or for an undated article the days up to ``seen_slack`` before it was first seen,
    narrowed by a day its lead names (``named_slack`` days after it; None reads no named
    day). Two articles whose spans lie more than ``window_days`` apart never share a story;
    an article nothing bounds (no date, never seen) is held to no window. Nor do two whose
    openings name event days more than ``event_tolerance`` days apart. The openings'
    wording (``coverage.wording``) adds ``wording_weight`` times their TF-IDF cosine to the
    lead cosine, and two whose wording is alike below ``wording_floor`` never join (an
    article whose opening holds no word is held to no floor). ``event_reading`` says which
    days of an opening are its event days ("first" or "all", ``EVENT_READING``; with
    ``relative_days`` "kemarin" and "hari ini" count too); two articles are as far apart as
    their nearest event days, and ``event_bonus`` is added to the cosine of two that name a
    common one; ``figure_bonus`` to that of two whose openings give a common figure
    (``coverage.figures``). With ``whole_story``, a story one of whose members the window,
    the event days or the wording floor refuses is refused whole. ValueError for another
    ``event_reading``.
    """
    if event_reading not in ("first", "all"):
        raise ValueError(f"event_reading is 'first' or 'all', not {event_reading!r}")
    kept = kept or {}
    n = len(articles)
    if n == 0:
        return {}
    dated = np.array([published_day(a.published) is not None for a in articles])
    spans = [
        publication_span(
            a.published, a.seen, a.lead, seen_slack=seen_slack, named_slack=named_slack
        )
        for a in articles
    ]
    bounded = np.array([s is not None for s in spans])
    days = (
        _event_days(articles, event_reading, relative_days) if event_tolerance is not None else None
    )
    named = np.isfinite(days).any(axis=1) if days is not None else None
    starts = np.array([s[0].toordinal() if s else 0 for s in spans], dtype=np.int64)
    ends = np.array([s[1].toordinal() if s else 0 for s in spans], dtype=np.int64)
    sources = [(a.source or "").casefold() for a in articles]
    codes: dict[str, int] = {}
    # An article without an outlet is an outlet of its own.
    outlet_codes = np.array(
        [codes.setdefault(s, len(codes)) if s else -1 - i for i, s in enumerate(sources)],
        dtype=np.int64,
    )
    assignment: dict[str, str] = {}
    placed = np.zeros(n, dtype=bool)
    stories = np.empty(n, dtype=object)
    # Each placed article's story as a number, for refusing whole stories at once.
    story_codes = np.full(n, -1, dtype=np.int64)
    code_of: dict[str, int] = {}
    for i, article in enumerate(articles):
        if article.id in kept:
            assignment[article.id] = stories[i] = kept[article.id]
            story_codes[i] = code_of.setdefault(kept[article.id], len(code_of))
            placed[i] = True
    order = sorted(
        (i for i in range(n) if articles[i].id not in kept),
        key=lambda i: (starts[i] if bounded[i] else date.max.toordinal(), articles[i].id),
    )
    # Below a few thousand articles one matrix product is cheapest; above, a row at a time.
    matrix = vectors @ vectors.T if n <= _MATRIX_UP_TO else None
    reads_wording = wording_weight != 0 or wording_floor is not None
    wording = Wording([a.lead for a in articles]) if reads_wording else None
    shared_figures = _Figures([a.lead for a in articles]) if figure_bonus else None
    for i in order:
        best_story = None
        if placed.any():
            row = matrix[i] if matrix is not None else vectors @ vectors[i]
            similarity = np.where(placed, row, -np.inf)
            similarity = similarity - same_outlet_penalty * (outlet_codes == outlet_codes[i])
            if wording is not None:
                alike = wording.row(i)
                similarity = similarity + wording_weight * alike
                if wording_floor is not None and wording.has[i]:
                    apart = wording.has & (alike < wording_floor)
                    similarity = np.where(apart, -np.inf, similarity)
            if shared_figures is not None:
                similarity = similarity + figure_bonus * shared_figures.row(i)
            if bounded[i]:
                gap = np.maximum(starts - ends[i], starts[i] - ends)
                similarity = np.where(bounded & (gap > window_days), -np.inf, similarity)
            if days is not None and named is not None and named[i]:
                near = np.full(n, np.inf)
                for day in days[i][np.isfinite(days[i])]:
                    near = np.minimum(near, np.abs(days - day).min(axis=1))
                similarity = np.where(named & (near > event_tolerance), -np.inf, similarity)
                if event_bonus:
                    similarity = similarity + event_bonus * (named & (near == 0))
            if whole_story:
                refused = np.unique(story_codes[placed & np.isneginf(similarity)])
                similarity = np.where(np.isin(story_codes, refused), -np.inf, similarity)
            if dated[i]:
                similarity = similarity - undated_penalty * ~dated
            else:
                similarity = similarity - undated_penalty
            if may_join is None:
                best = int(np.argmax(similarity))
                if similarity[best] >= threshold:
                    best_story = stories[best]
            else:
                close = np.flatnonzero(similarity >= threshold)
                for j in close[np.argsort(-similarity[close], kind="stable")]:
                    if may_join(i, int(j)):
                        best_story = stories[j]
                        break
        story = best_story or story_id(articles[i].id)
        assignment[articles[i].id] = stories[i] = story
        story_codes[i] = code_of.setdefault(story, len(code_of))
        placed[i] = True
    return assignment


def _event_days(articles: Sequence[StoryArticle], reading: str, relative: bool) -> np.ndarray:
    """Each article's event days as day ordinals, one row each, padded with infinity (a row
    of infinities names none): the first day its opening names, or every one
    (``reading``)."""
    rows: list[tuple[date, ...]] = []
    for a in articles:
        if reading == "first":
            first = event_day(a.published, a.seen, a.lead)
            rows.append((first,) if first else ())
        else:
            rows.append(event_days(a.published, a.seen, a.lead, relative=relative))
    width = max(1, max(len(r) for r in rows)) if rows else 1
    table = np.full((len(rows), width), np.inf)
    for k, row in enumerate(rows):
        table[k, : len(row)] = [d.toordinal() for d in row]
    return table


class _Figures:
    """Which openings give a common figure: ``row(i)`` is 1.0 where article ``i``'s opening
    and another's share one, else 0.0 (float32, one per article)."""

    def __init__(self, openings: Sequence[str]) -> None:
        from scipy import sparse

        columns: dict[str, int] = {}
        rows, cols = [], []
        for i, text in enumerate(openings):
            for figure in figures(text):
                rows.append(i)
                cols.append(columns.setdefault(figure, len(columns)))
        shape = (len(openings), max(1, len(columns)))
        data = np.ones(len(rows), dtype=np.float32)
        self.matrix = sparse.csr_matrix((data, (rows, cols)), shape=shape)

    def row(self, i: int) -> np.ndarray:
        product = self.matrix @ self.matrix[i].T
        return (np.asarray(product.toarray()).ravel() > 0).astype(np.float32)
