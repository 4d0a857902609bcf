"""A picture of a story: its articles per day, stacked by outlet, drawn with matplotlib
(headless, the Agg backend) into PNG bytes."""

from __future__ import annotations

import io
import textwrap
from collections import Counter
from datetime import date, timedelta

import numpy as np

from newsbot.index.coverage.book import Story
from newsbot.index.coverage.notes import day_text, words_for
from newsbot.index.coverage.when import published_day

#: Size of the chart in inches at 100 dpi: 900 x 450 pixels, legible in a Telegram photo.
CHART_INCHES = (9.0, 4.5)
#: Date labels on the x axis at most: a longer story labels every n-th day.
MAX_TICKS = 12
#: Image formats a chart can be written in, by file suffix.
FORMATS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".svg": "svg", ".pdf": "pdf"}
#: The headline over the chart: lines of at most this many characters, two lines at most.
TITLE_WIDTH = 72


def articles_per_day(story: Story) -> dict[str, Counter[date]]:
    """Return outlet -> day -> number of its dated articles in the story."""
    counts: dict[str, Counter[date]] = {}
    for article in story.articles:
        day = published_day(article.published)
        if day is not None:
            counts.setdefault(article.source or "?", Counter())[day] += 1
    return counts


def day_span(days: list[date]) -> list[date]:
    """Every day from the first to the last of ``days`` (sorted), with a day either side
    of a single day so its bar is not alone on the axis."""
    span = [days[0] + timedelta(days=i) for i in range((days[-1] - days[0]).days + 1)]
    if len(span) == 1:
        # Not past the calendar's ends (an index built before dates were checked).
        before = [span[0] - timedelta(days=1)] if span[0] > date.min else []
        after = [span[0] + timedelta(days=1)] if span[0] < date.max else []
        span = [*before, span[0], *after]
    return span


def day_ticks(
    span: list[date], most: int = MAX_TICKS, language: str = "en"
) -> list[tuple[int, str]]:
    """The x-axis ticks of a chart of ``span``: (bar position, "25 May 2017"; "25 Mei
    2017" in Indonesian), every day or, over ``most`` days, every n-th day from the first.
    A bar's position is its day's index in ``span``, so each tick sits under the middle of
    its day's bar."""
    step = max(1, -(-len(span) // most))
    return [(i, day_text(span[i].isoformat(), language)) for i in range(0, len(span), step)]


def chart_title(headline: str, width: int = TITLE_WIDTH) -> str:
    """The headline over a chart: wrapped at ``width`` characters, two lines at most (the
    second ends in "…" when cut), so that it fits the image."""
    lines = textwrap.wrap(" ".join(headline.split()), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")]
    return "\n".join(lines)


def render_timeline(
    story: Story, title: str, image_format: str = "png", language: str = "en"
) -> bytes:
    """Return a bar chart of the story's articles per day, stacked by outlet, as
    ``image_format`` bytes (``png`` by default; any of ``FORMATS``), labelled in
    ``language`` (``en`` or ``id``).

    One bar per calendar day, centred over its date label (day, month and year); the
    legend sits right of the plot, clear of the bars; the title (:func:`chart_title`) fits
    the image. Undated articles are left out; a story with none dated gets a chart saying
    so.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # no pyplot: no global state, safe in threads
    from matplotlib.ticker import MaxNLocator

    words = words_for(language)
    counts = articles_per_day(story)
    figure = Figure(figsize=CHART_INCHES, dpi=100)
    axes = figure.subplots()
    days = sorted({day for per_day in counts.values() for day in per_day})
    if days:
        span = day_span(days)
        positions = np.arange(len(span))
        bottom = np.zeros(len(span))
        for outlet in story.outlets or sorted(counts):
            if outlet not in counts:
                continue
            heights = np.array([counts[outlet][day] for day in span], dtype=float)
            axes.bar(positions, heights, bottom=bottom, label=outlet, width=0.8)
            bottom = bottom + heights
        ticks = day_ticks(span, language=language)
        axes.set_xticks([i for i, _ in ticks], [label for _, label in ticks])
        axes.set_xlim(-0.6, len(span) - 0.4)
        axes.set_ylabel(words["chart_axis"])
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
        for label in axes.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
        figure.subplots_adjust(left=0.07, right=0.78, bottom=0.2, top=0.86)
    else:
        axes.text(0.5, 0.5, words["chart_undated"], ha="center", va="center")
        axes.set_axis_off()
    # Over the whole figure, not the plot beside the legend: a long headline fits.
    figure.suptitle(chart_title(title), fontsize="large")
    out = io.BytesIO()
    figure.savefig(out, format=image_format)
    return out.getvalue()
