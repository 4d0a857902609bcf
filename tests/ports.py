"""Loopback ports for the servers tests start (Milvus Lite, PostgreSQL, bot replicas)."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Callable

import pytest


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_listening(
    port: int, server: str, exited: Callable[[], int | None] = lambda: None, timeout: float = 30
) -> None:
    """Wait until ``server`` listens on ``port``; fail the test when ``exited()`` returns its
    exit status first, or after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        status = exited()
        if status is not None:
            pytest.fail(f"{server} exited at start ({status})")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        if time.monotonic() > deadline:
            pytest.fail(f"{server} did not listen within {timeout:g} s")
        time.sleep(0.1)
