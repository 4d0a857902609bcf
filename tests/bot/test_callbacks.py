"""Reading the callback data of the bot's buttons, as Telegram hands it back."""

from __future__ import annotations

import pytest

from newsbot.bot.callbacks import button_argument, button_data, button_numbers


def test_button_data_joins_kind_and_arguments() -> None:
    assert button_data("follow") == "follow"
    assert button_data("outlets", 3, 2) == "outlets:3:2"
    assert button_argument(button_data("fb", "wrong_citation"), "fb") == "wrong_citation"


@pytest.mark.parametrize(
    ("data", "kind", "expected"),
    [
        ("fb:up", "fb", "up"),
        ("fb:", "fb", ""),
        ("fb", "fb", None),  # no colon: not an argument
        ("fbx:up", "fb", None),
        ("more:3", "fb", None),
        (None, "fb", None),
    ],
)
def test_button_argument(data: str | None, kind: str, expected: str | None) -> None:
    assert button_argument(data, kind) == expected


@pytest.mark.parametrize(
    ("data", "count", "expected"),
    [
        ("outlets:3:2", 2, (3, 2)),
        ("outlets:0:0", 2, (0, 0)),
        ("outlets:3", 2, None),
        ("outlets:3:2:1", 2, None),
        ("outlets:-1:2", 2, None),
        ("outlets:x:2", 2, None),
        ("outlets:３:2", 2, None),  # digits of other scripts are not ours
        ("outlets:²:2", 2, None),  # nor are superscripts, which int() refuses
        ("more:3:2", 2, None),
        ("outlets:7", 1, (7,)),
    ],
)
def test_button_numbers(data: str, count: int, expected: tuple[int, ...] | None) -> None:
    assert button_numbers(data, "outlets", count) == expected
