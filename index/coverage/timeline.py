"""A picture of a story: its articles per day, stacked by outlet, drawn with matplotlib
(headless, the Agg backend) into PNG bytes."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date, timedelta

import numpy as np

from newsbot.index.coverage.book import Story
from newsbot.index.coverage.when import published_day

#: Size of the chart in inches at 100 dpi: 900 x 450 pixels, legible in a Telegram photo.
CHART_INCHES = (9.0, 4.5)


def articles_per_day(story: Story) -> dict[str, Counter[date]]:
    """Return outlet -> day -> number of its dated articles in the story."""
    counts: dict[str, Counter[date]] = {}
    for article in story.articles:
        day = published_day(article.published)
        if day is not None:
            counts.setdefault(article.source or "?", Counter())[day] += 1
    return counts


def render_timeline(story: Story, title: str) -> bytes:
    """Return a PNG bar chart of the story's articles per day, stacked by outlet.

    Undated articles are left out; a story with none dated gets a chart saying so.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # no pyplot: no global state, safe in threads
    from matplotlib.ticker import MaxNLocator

    counts = articles_per_day(story)
    figure = Figure(figsize=CHART_INCHES, dpi=100)
    axes = figure.subplots()
    days = sorted({day for per_day in counts.values() for day in per_day})
    if days:
        span = [days[0] + timedelta(days=i) for i in range((days[-1] - days[0]).days + 1)]
        if len(span) == 1:
            span = [span[0] - timedelta(days=1), span[0], span[0] + timedelta(days=1)]
        bottom = [0] * len(span)
        for outlet in story.outlets or sorted(counts):
            if outlet not in counts:
                continue
            heights = [counts[outlet][day] for day in span]
            axes.bar(
                np.asarray(span, dtype="datetime64[D]"),
                heights,
                bottom=bottom,
                label=outlet,
                width=0.8,
            )
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        axes.set_ylabel("articles")
        axes.xaxis_date()
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.legend(loc="upper left", fontsize="small")
        figure.autofmt_xdate()
    else:
        axes.text(0.5, 0.5, "no dated articles", ha="center", va="center")
        axes.set_axis_off()
    axes.set_title(title[:90])
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
