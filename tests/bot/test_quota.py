"""The per-user question quota."""

from __future__ import annotations

from newsbot.bot.quota import QuestionQuota


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_user_gets_so_many_questions_a_minute() -> None:
    clock = Clock()
    quota = QuestionQuota(2, clock=clock)
    assert [quota.allow(1), quota.allow(1), quota.allow(1)] == [True, True, False]
    assert quota.allow(2)
    clock.now += 59
    assert not quota.allow(1)
    clock.now += 1
    assert quota.allow(1)


def test_zero_means_unlimited() -> None:
    quota = QuestionQuota(0)
    assert all(quota.allow(1) for _ in range(100))


def test_idle_users_are_forgotten() -> None:
    clock = Clock()
    quota = QuestionQuota(1, clock=clock)
    for user in range(2000):
        quota.allow(user)
    clock.now += 61
    quota.allow(5000)
    assert len(quota._asked) < 1024
