"""A coverage answer says what a passage answer says about its question: that a long one
was cut to its first 500 characters (before, only passages and "not covered" said so).
Real index, fake embedder."""

from __future__ import annotations

import pytest

from newsbot.bot.addressing import QUESTION_LIMIT
from tests.bot.fakes import JSON, private, user
from tests.bot.test_coverage import _send, app, news  # noqa: F401 (fixtures)


@pytest.mark.parametrize(
    ("question", "language", "note"),
    [
        (
            "media apa saja yang memberitakan pasukan CSTO?",
            "id",
            "Pertanyaan Anda panjang; saya memakai 500 karakter pertamanya.",
        ),
        (
            "which outlets reported the CSTO troops at the Tajikistan border?",
            "en",
            "Your question was long; I used its first 500 characters.",
        ),
    ],
)
async def test_a_long_coverage_question_is_answered_saying_it_was_cut(
    app: JSON,  # noqa: F811
    question: str,
    language: str,
    note: str,
) -> None:
    long = f"{question} {'🙏 ' * QUESTION_LIMIT}"
    telegram = await _send(app, private(long, user(language=language)))
    reply = telegram.texts()[-1]
    assert reply.startswith(f"<i>{note}</i>\n\n"), reply[:200]
    assert "antaranews" in reply  # still the coverage answer of the CSTO story


async def test_a_short_coverage_question_has_no_note(app: JSON) -> None:  # noqa: F811
    telegram = await _send(app, private("media apa saja yang memberitakan pasukan CSTO?"))
    reply = telegram.texts()[-1]
    assert not reply.startswith("<i>") and "antaranews" in reply
