"""Bot replicas behind a load balancer, end to end: two real ``newsbot run`` processes in
webhook mode share a real PostgreSQL (started here) and one index; the test plays the load
balancer, posting each update to the replicas in turn, while their Bot API calls go to the
Telegram emulator."""

from __future__ import annotations

import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import (
    ADMIN_ID,
    BOT_COMMAND,
    HARNESS,
    REPO,
    SKIP_REASON,
    bot_env,
    rebuild_article,
)
from tests.postgres_server import postgres_cluster

if not HARNESS:
    pytest.skip(SKIP_REASON, allow_module_level=True)
from tgemu import BotProcess, TelegramEmulator, User

pytestmark = [pytest.mark.e2e, pytest.mark.model]

ANSWER_SECONDS = 120.0  # the real model on a loaded 2-core machine
QUESTION = "who agreed to deploy troops?"
LEADS = "This replica runs the scheduled jobs"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Replica:
    """One bot process serving its webhook on a loopback port."""

    def __init__(self, process: BotProcess, port: int) -> None:
        self.process = process
        self.url = f"http://127.0.0.1:{port}/telegram"

    def wait_listening(self, timeout: float = 60.0) -> Replica:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.alive, self.process.output()[-3000:]
            try:
                httpx.post(self.url, json={}, timeout=2)
                return self
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError(f"no webhook at {self.url}:\n{self.process.output()[-3000:]}")

    def post(self, update: dict[str, object]) -> None:
        answer = httpx.post(self.url, json=update, timeout=10)
        assert answer.status_code == 200, answer.text


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


@pytest.fixture(scope="module")
def replicas(
    tg: TelegramEmulator, index_dir: Path, sources: Path, postgres: str
) -> Iterator[list[Replica]]:
    tg.add_stub("setWebhook", True)
    tg.add_stub("deleteWebhook", True)
    started = []
    for _ in range(2):
        port = _free_port()
        env = {
            **bot_env(sources),
            "NEWSBOT_STATE": postgres,
            "NEWSBOT_RATE_LIMIT": "2",
            "NEWSBOT_WEBHOOK_URL": "https://bot.example.org/telegram",
            "NEWSBOT_WEBHOOK_LISTEN": f"127.0.0.1:{port}",
        }
        process = tg.start_bot(
            [*BOT_COMMAND, "--index-dir", str(index_dir)], env=env, cwd=REPO, wait_polling=False
        )
        started.append(Replica(process, port).wait_listening())
    yield started
    for replica in started:
        if replica.process.alive:
            replica.process.stop()


class Balancer:
    """Posts each update to the next replica, as a round-robin load balancer would."""

    def __init__(self, replicas: list[Replica]) -> None:
        self.replicas = replicas
        self.turn = 0

    def deliver(self, tg: TelegramEmulator, user: User, text: str, to: int | None = None) -> None:
        sent = tg.send_private(user, text)
        replica = self.replicas[self.turn % len(self.replicas) if to is None else to]
        self.turn += 1
        replica.post({"update_id": sent.update_id, "message": sent.message})


@pytest.mark.xfail(
    strict=False,
    reason="open (issue 14): after the merges, one CI run answered the third question in a "
    "minute instead of refusing it; the shared quota's unit tests pass, the cause is not found",
)
def test_a_users_quota_holds_across_replicas(tg: TelegramEmulator, replicas: list[Replica]) -> None:
    balancer = Balancer(replicas)
    carol = tg.new_user("Carol")
    chat = tg.private_chat(carol)
    for _ in range(2):
        balancer.deliver(tg, carol, QUESTION)
        tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    balancer.deliver(tg, carol, QUESTION)  # the third in a minute, on either replica
    reply = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert reply.text is not None and "wait a minute" in reply.text


def test_a_reindex_on_one_replica_is_refused_on_another_while_it_runs(
    tg: TelegramEmulator, replicas: list[Replica], sources: Path
) -> None:
    (sources / "longsor.txt").write_text(rebuild_article(), encoding="utf-8")
    admin = User(id=ADMIN_ID, first_name="Admin")
    chat = tg.private_chat(admin)
    balancer = Balancer(replicas)
    balancer.deliver(tg, admin, "/reindex", to=0)
    tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)  # the status message
    # Refused: by the shared rebuild lock ("another replica…"), or, replicas sharing one
    # index directory as here, already by the directory's own build lock.
    balancer.deliver(tg, admin, "/reindex", to=1)
    deadline = time.monotonic() + ANSWER_SECONDS
    while True:
        sent = tg.calls(["sendMessage", "editMessageText"], chat=chat, include_errors=False)
        texts = [str(call["params"].get("text", "")) for call in sent]
        if any("another replica" in text or "already running" in text for text in texts):
            break
        assert time.monotonic() < deadline, texts
        time.sleep(0.5)


def test_one_replica_runs_the_jobs_and_another_takes_over_when_it_is_killed(
    tg: TelegramEmulator, replicas: list[Replica]
) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        leading = [r for r in replicas if LEADS in r.process.output()]
        if leading:
            break
        time.sleep(0.5)
    assert len(leading) == 1, [r.process.output()[-2000:] for r in replicas]
    leader = leading[0]
    other = next(r for r in replicas if r is not leader)
    leader.process.stop(signal.SIGKILL)  # dies without letting go
    deadline = time.monotonic() + 30
    while LEADS not in other.process.output():
        assert time.monotonic() < deadline, other.process.output()[-3000:]
        time.sleep(0.5)
