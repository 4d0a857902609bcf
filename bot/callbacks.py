"""Callback data of the bot's inline buttons: ``"<kind>"`` or ``"<kind>:<argument>"``.

Telegram hands a pressed button's data back as the bot wrote it (at most 64 bytes), so a
press after a restart, or on a button of an older version, must be read with care: these
helpers return None for data that is another kind's or malformed, and the handler then
says the button expired.
"""

from __future__ import annotations


def button_data(kind: str, *arguments: object) -> str:
    """Return the callback data of a ``kind`` button: ``"kind"`` or ``"kind:a:b"``."""
    return ":".join([kind, *(str(argument) for argument in arguments)])


def button_argument(data: str | None, kind: str) -> str | None:
    """Return what follows ``"kind:"`` in ``data``; None when the data is another kind's."""
    prefix, colon, argument = (data or "").partition(":")
    return argument if prefix == kind and colon else None


def button_numbers(data: str | None, kind: str, count: int = 1) -> tuple[int, ...] | None:
    """Return the ``count`` non-negative integers after ``"kind:"`` (``"kind:3"``,
    ``"kind:3:2"``); None when the data is another kind's or they are not such numbers."""
    argument = button_argument(data, kind)
    parts = argument.split(":") if argument is not None else []
    if len(parts) != count or not all(part.isascii() and part.isdigit() for part in parts):
        return None
    return tuple(int(part) for part in parts)
