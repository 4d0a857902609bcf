"""``newsbot run`` refuses to start with one clear line, never a traceback."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from newsbot.index.building.build import build_index
from newsbot.index.building.embedders import Embedder

REPO = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST-TOKEN"


def newsbot_run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}
    return subprocess.run(
        [sys.executable, "-m", "newsbot", "run", *args],
        env={**clean, **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Path:
    index_dir = tmp_path_factory.mktemp("index")
    build_index(index_dir, [REPO / "index" / "sample" / "seed-article.txt"], real_embedder)
    return index_dir


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def unauthorized_api() -> Iterator[str]:
    """A Bot API that rejects every token, as Telegram does a revoked one."""

    class Unauthorized(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.dumps({"ok": False, "error_code": 401, "description": "Unauthorized"})
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Unauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/bot"
    server.shutdown()
    server.server_close()


def test_a_missing_token_is_one_line(tmp_path: Path) -> None:
    result = newsbot_run({}, "--index-dir", str(tmp_path))
    assert result.returncode == 2
    assert last_line(result).startswith("newsbot: error: TELEGRAM_BOT_TOKEN is not set")


def test_a_malformed_token_is_one_line(tmp_path: Path) -> None:
    result = newsbot_run({"TELEGRAM_BOT_TOKEN": "paste-here"}, "--index-dir", str(tmp_path))
    assert result.returncode == 2
    assert last_line(result).startswith("newsbot: error: TELEGRAM_BOT_TOKEN is malformed")


def test_a_missing_index_is_one_line(tmp_path: Path) -> None:
    result = newsbot_run({"TELEGRAM_BOT_TOKEN": TOKEN}, "--index-dir", str(tmp_path / "none"))
    assert result.returncode == 1
    assert last_line(result).startswith("newsbot: error: no index in")


@pytest.mark.skipif(importlib.util.find_spec("tornado") is not None, reason="tornado installed")
def test_webhook_mode_without_its_extra_is_one_line(tmp_path: Path) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "NEWSBOT_WEBHOOK_URL": "https://bot.example.com/hook"}
    result = newsbot_run(env, "--index-dir", str(tmp_path))
    assert result.returncode == 2
    assert "python-telegram-bot[webhooks]" in last_line(result)


@pytest.mark.model
def test_an_unreachable_api_is_one_line(seed_index: Path, closed_port: int) -> None:
    base_url = f"http://127.0.0.1:{closed_port}/bot"
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": base_url}
    result = newsbot_run(env, "--index-dir", str(seed_index))
    assert result.returncode == 1
    assert last_line(result).startswith(
        f"newsbot: error: cannot reach the Telegram Bot API at {base_url}"
    )


@pytest.mark.model
def test_a_token_telegram_rejects_is_one_line(seed_index: Path, unauthorized_api: str) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": unauthorized_api}
    result = newsbot_run(env, "--index-dir", str(seed_index))
    assert result.returncode == 1
    assert last_line(result) == (
        "newsbot: error: Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather"
    )


@pytest.mark.model
def test_a_corrupt_state_is_one_line_and_kept(seed_index: Path, tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    state.write_bytes(b"not a database" * 100)
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "NEWSBOT_STATE": str(state)}
    result = newsbot_run(env, "--index-dir", str(seed_index))
    assert result.returncode == 1
    assert last_line(result) == (
        f"newsbot: error: the bot's state {state} is unreadable (file is not a database): "
        "`newsbot state --reset` starts an empty one and keeps this file beside it"
    )
    assert state.read_bytes().startswith(b"not a database")


@pytest.mark.model
def test_a_malformed_clock_is_one_line(seed_index: Path) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "NEWSBOT_NOW": "tomorrow at seven"}
    result = newsbot_run(env, "--index-dir", str(seed_index))
    assert result.returncode == 2
    assert last_line(result).startswith("newsbot: error: NEWSBOT_NOW must be an ISO 8601 time")


@pytest.mark.parametrize("verbose", [(), ("-v",)])
def test_the_scheduler_says_nothing_at_start_unless_verbose(
    seed_index: Path, unauthorized_api: str, verbose: tuple[str, ...]
) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": unauthorized_api}
    result = newsbot_run(env, "--index-dir", str(seed_index), *verbose)
    assert result.returncode == 1
    assert "rejected TELEGRAM_BOT_TOKEN" in last_line(result)
    # apscheduler's "Adding job tentatively" INFO line is the library's business.
    assert ("apscheduler" in result.stderr) == bool(verbose), result.stderr
