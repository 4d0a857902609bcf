"""Turns at one model handle: a waiting question goes before the next batch of passages."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from newsbot.index.building.turns import Turns


def _wait_until(check: Callable[[], bool]) -> None:
    # Poll briefly: the waiter has registered once it shows in the Turns' counters.
    for _ in range(2000):
        if check():
            return
        time.sleep(0.005)
    raise AssertionError("the waiting thread never registered")


def test_a_waiting_question_goes_before_the_next_batch() -> None:
    turns = Turns()
    order: list[str] = []
    first_batch = turns.passages()
    first_batch.__enter__()

    def ask() -> None:
        with turns.question():
            order.append("question")

    def embed() -> None:
        with turns.passages():
            order.append("next batch")

    question = threading.Thread(target=ask)
    question.start()
    _wait_until(lambda: turns._questions_waiting == 1)
    batch = threading.Thread(target=embed)
    batch.start()
    time.sleep(0.05)  # the batch thread is waiting too, or about to: either way it is second
    assert order == []
    first_batch.__exit__(None, None, None)
    question.join(10)
    batch.join(10)
    assert order == ["question", "next batch"]


def test_calls_never_overlap_and_a_failing_call_frees_the_model() -> None:
    turns = Turns()
    inside = 0
    most = 0
    lock = threading.Lock()

    def use(kind: str) -> None:
        nonlocal inside, most
        for _ in range(50):
            with turns.question() if kind == "question" else turns.passages():
                with lock:
                    inside += 1
                    most = max(most, inside)
                time.sleep(0.0005)
                with lock:
                    inside -= 1

    threads = [threading.Thread(target=use, args=(k,)) for k in ("question", "passages") * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert most == 1

    try:
        with turns.passages():
            raise RuntimeError("the model failed")
    except RuntimeError:
        pass
    with turns.question():  # would wait forever had the failure kept the model
        pass
