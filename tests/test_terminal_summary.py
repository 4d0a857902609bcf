"""``newsbot stats`` lists outlets as the bot's ``/stats`` does: most articles first, ties
by name (before, ties came in whatever order the store returned them: reverse names)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsbot.bot.terminal import format_summary
from tests.bot.fakes import SUMMARY


def _outlets_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("Outlets:"))


@pytest.mark.parametrize(
    ("outlets", "expected"),
    [
        (
            (("suara", 3), ("merdeka", 3), ("antaranews", 3), ("PR Cirebon", 1)),
            "antaranews (3), merdeka (3), suara (3), PR Cirebon (1)",
        ),
        (
            (("kumparan", 1), ("cnn indonesia", 205), ("goal indonesia", 13)),
            "cnn indonesia (205), goal indonesia (13), kumparan (1)",
        ),
    ],
)
def test_outlets_come_by_count_then_name(
    outlets: tuple[tuple[str, int], ...], expected: str
) -> None:
    line = _outlets_line(format_summary(replace(SUMMARY, outlets=outlets)))
    assert line.split(":", 1)[1].strip() == expected


def test_past_twelve_outlets_the_rest_are_counted() -> None:
    outlets = tuple((f"outlet{n:02d}", 1) for n in range(14, 0, -1))
    line = _outlets_line(format_summary(replace(SUMMARY, outlets=outlets)))
    assert line.endswith("outlet12 (1), and 2 more")
    assert "outlet01 (1)" in line and "outlet14" not in line
