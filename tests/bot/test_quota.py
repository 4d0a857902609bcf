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


def test_a_refused_user_is_told_how_long_to_wait() -> None:
    """ "Wait a minute" / "tunggu sebentar" sent users who retried at once into refusal after
    refusal; the reply now names the seconds until the oldest question leaves the minute."""
    clock = Clock()
    quota = QuestionQuota(3, clock=clock)
    assert quota.retry_after(1) == 0  # never asked
    for step in (0.0, 5.0, 5.0):
        clock.now += step
        assert quota.allow(1)
    assert quota.retry_after(1) == 50  # the first, 10 s old, leaves in 50 s
    assert not quota.allow(1)
    clock.now += 49.2
    assert quota.retry_after(1) == 1  # 0.8 s left: never "0 s"
    clock.now += 1
    assert quota.retry_after(1) == 0 and quota.allow(1)
    assert quota.retry_after(1) == 5  # now the second question is the oldest that counts
    assert QuestionQuota(0).retry_after(1) == 0
