"""The bot under load: 50 users ask 200 questions at once through the Telegram emulator.

The real ``newsbot run`` runs as a subprocess against ``../shared/telegram-emulator`` (as in
``tests/e2e``), with the per-user rate limit off (``NEWSBOT_RATE_LIMIT=0``). All questions are
sent from a thread pool as fast as the emulator takes them; a poller reads the proxy's call
log every 20 ms and records when each question's reply (the bot's first message answering
it) appears. Latency is that moment minus the moment the question was sent, so it includes
the emulator, the proxy and long polling; the idle latency of one question is measured first.
The burst runs twice: with Telegram's flood limit of 30 messages a second (the default; each
question costs two requests, "typing" and the answer), and with it lifted
(``NEWSBOT_MESSAGES_PER_SECOND=0``) to measure the bot's own capacity.

Event-loop lag is measured inside the bot: with ``NEWSBOT_LOOP_LAG_SECONDS=1`` it logs every
second how late the loop woke a 50 ms sleep (max and mean); the benchmark reads the log.
It is also seen from outside: during the burst a new user sends ``/help`` every
200 ms; ``/help`` touches no index, so with the flood limit lifted its reply time over the
idle ``/help`` time bounds how long the loop kept it waiting (embedding and search run in
worker threads). With the flood limit on, ``/help`` also queues behind the answers.

Needs ``TG_EMULATOR_DIR`` (a writable copy of the emulator with ``npm ci`` run, see .ci/run).
Part of ``python benchmarks/run.py``; never runs in CI.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
USERS = 50
QUESTIONS = 200
PROBE_EVERY = 0.2


def percentiles(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {}
    values = np.asarray(ms)
    return {f"p{p}": round(float(np.percentile(values, p)), 1) for p in (50, 95, 99)} | {
        "max": round(float(values.max()), 1)
    }


def questions(shared: Path, count: int) -> list[str]:
    with (shared / "eval" / "dev_id.jsonl").open(encoding="utf-8") as handle:
        found = [json.loads(line)["question"] for line in handle if line.strip()]
    return (found * (count // max(len(found), 1) + 1))[:count]


def bench(
    shared: Path,
    index_dir: Path,
    users: int = USERS,
    count: int = QUESTIONS,
    messages_per_second: float | None = None,
) -> dict[str, Any]:
    """One burst; ``messages_per_second`` sets the bot's flood limiter (Telegram's 30 by
    default; 0 lifts it, to measure the bot itself)."""
    harness = os.environ.get("TG_EMULATOR_DIR")
    if not harness:
        return {"skipped": "TG_EMULATOR_DIR not set: see .ci/run"}
    sys.path.insert(0, harness)
    from tgemu import TelegramEmulator

    asked = questions(shared, count)
    with TelegramEmulator(harness_dir=harness) as tg:
        tg.poll_interval = 0.02
        proc = tg.start_bot(
            [sys.executable, "-m", "newsbot", "run", "--index-dir", str(index_dir)],
            env={"NEWSBOT_RATE_LIMIT": "0", "NEWSBOT_LOOP_LAG_SECONDS": "1"}
            | (
                {"NEWSBOT_MESSAGES_PER_SECOND": str(messages_per_second)}
                if messages_per_second is not None
                else {}
            ),
            cwd=REPO,
        )
        try:
            warm = tg.new_user("Warm", "warm")
            started = time.monotonic()
            tg.send_private(warm, asked[0])
            tg.wait_for_reply(tg.private_chat(warm), timeout=60)
            idle_question_ms = 1000 * (time.monotonic() - started)
            probe = tg.new_user("Probe", "probe")
            idle_help = []
            for _ in range(5):
                started = time.monotonic()
                tg.send_private(probe, "/help")
                tg.wait_for_reply(tg.private_chat(probe), timeout=30)
                idle_help.append(1000 * (time.monotonic() - started))
            people = [tg.new_user(f"User{i}", f"user{i}") for i in range(users)]
            cursor = max((c["seq"] for c in tg.calls()), default=0)
            sent_at: dict[tuple[int, int], float] = {}
            replied_at: dict[tuple[int, int], float] = {}
            probe_replies: dict[int, float] = {}
            probers: set[int] = set()
            lock = threading.Lock()
            stop = threading.Event()

            def poll() -> None:
                nonlocal cursor
                while not stop.is_set():
                    for call in tg.calls(since=cursor):
                        cursor = max(cursor, call["seq"])
                        if not call["method"].lower().startswith("send"):
                            continue
                        params = call.get("params") or {}
                        reply_to = params.get("reply_to_message_id")
                        if reply_to is None:
                            reply_to = (params.get("reply_parameters") or {}).get("message_id")
                        chat_id = int(params.get("chat_id", 0))
                        with lock:
                            if chat_id in probers:  # /help replies quote nothing
                                probe_replies.setdefault(chat_id, time.monotonic())
                            else:
                                replied_at.setdefault(
                                    (chat_id, int(reply_to or 0)), time.monotonic()
                                )
                    time.sleep(0.02)

            def send(i: int) -> None:
                user = people[i % users]
                message = tg.send_private(user, asked[i])
                with lock:
                    sent_at[(user.id, message.message_id)] = time.monotonic()

            probes: list[tuple[int, int]] = []

            def probe_loop() -> None:
                # A new user each time: Telegram allows a chat about one message a second
                while not stop.is_set():
                    prober = tg.new_user("Probe", None)
                    with lock:
                        probers.add(prober.id)
                    message = tg.send_private(prober, "/help")
                    with lock:
                        sent_at[(prober.id, message.message_id)] = time.monotonic()
                    probes.append((prober.id, message.message_id))
                    time.sleep(PROBE_EVERY)

            poller = threading.Thread(target=poll, daemon=True)
            poller.start()
            prober = threading.Thread(target=probe_loop, daemon=True)
            burst_started = time.monotonic()
            prober.start()
            with ThreadPoolExecutor(16) as pool:
                list(pool.map(send, range(count)))
            sent_seconds = time.monotonic() - burst_started
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                with lock:
                    done = sum(1 for k in sent_at if k in replied_at)
                if done >= count:
                    break
                time.sleep(0.1)
            burst_seconds = time.monotonic() - burst_started
            stop.set()
            prober.join()
            time.sleep(1)
            poller.join()
        finally:
            rc = proc.stop()
        output = proc.output()
    question_keys = [k for k in sent_at if k[0] != probe.id and k[0] not in probers]
    latencies = [1000 * (replied_at[k] - sent_at[k]) for k in question_keys if k in replied_at]
    probe_ms = [1000 * (probe_replies[k[0]] - sent_at[k]) for k in probes if k[0] in probe_replies]
    lags = [
        (float(m.group(1)), float(m.group(2)))
        for m in re.finditer(r"event loop lag: max ([\d.]+) ms, mean ([\d.]+) ms", output)
    ]
    return {
        "loop_lag_max_ms": max((worst for worst, _ in lags), default=None),
        "loop_lag_mean_ms": round(float(np.mean([mean for _, mean in lags])), 2) if lags else None,
        "messages_per_second": messages_per_second,
        "users": users,
        "questions": count,
        "replies": len(latencies),
        "lost": count - len(latencies),
        "send_seconds": round(sent_seconds, 2),
        "burst_seconds": round(burst_seconds, 2),
        "questions_per_s": round(len(latencies) / burst_seconds, 2),
        "reply_ms": percentiles(latencies),
        "idle_question_ms": round(idle_question_ms, 1),
        "idle_help_ms": percentiles(idle_help),
        "help_during_burst_ms": percentiles(probe_ms),
        "help_probes": len(probes),
        "bot_exit_code": rc,
        "bot_tracebacks": output.count("Traceback"),
    }


if __name__ == "__main__":
    rate = float(sys.argv[3]) if len(sys.argv) > 3 else None
    print(json.dumps(bench(Path(sys.argv[1]), Path(sys.argv[2]), messages_per_second=rate)))
