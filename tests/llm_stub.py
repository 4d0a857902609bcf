"""A real OpenAI-compatible HTTP endpoint on loopback that answers what a test tells it:
a chat completion (streamed as server-sent events, chunk by chunk, when the request asks
for ``stream``), an HTTP error, a body that is no JSON, or nothing for a while. It
stands in for a model where the test is about the writer's handling, not the model's
wording (``tests/test_writer_llama.py`` runs the real llama.cpp server)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class StubLLM:
    """What the endpoint answers next, and what it was asked."""

    reply: str = ""
    status: int = 200
    body: bytes | None = None  # sent as is instead of a chat completion
    delay: float = 0.0
    #: What a streamed reply sends, one SSE chunk each; None: ``reply`` word by word.
    chunks: list[str] | None = None
    chunk_delay: float = 0.0  # seconds before each streamed chunk
    streamed: list[float] = field(default_factory=list)  # when each chunk was sent
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    url: str = ""


@contextmanager
def serve_stub() -> Iterator[StubLLM]:
    """Serve a :class:`StubLLM` on 127.0.0.1 until the block ends; ``url`` is its base."""
    stub = StubLLM()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            stub.requests.append(json.loads(self.rfile.read(length) or b"{}"))
            stub.headers.append(dict(self.headers))
            if stub.delay:
                time.sleep(stub.delay)
            request = stub.requests[-1]
            if request.get("stream") and stub.body is None and stub.status < 400:
                self._stream()
                return
            if stub.body is not None:
                payload = stub.body
            else:
                payload = json.dumps(
                    {
                        "id": "stub",
                        "object": "chat.completion",
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": stub.reply},
                                "finish_reason": "stop",
                            }
                        ],
                    }
                ).encode()
            try:
                self.send_response(stub.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                pass

        def _stream(self) -> None:
            """As the OpenAI API streams: a role chunk, content deltas, a finish chunk,
            ``data: [DONE]``; the connection closes after it."""
            pieces = stub.chunks
            if pieces is None:
                pieces = [w + " " for w in stub.reply.split(" ")]
            events: list[dict[str, Any]] = [{"role": "assistant"}]
            events += [{"content": piece} for piece in pieces]
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                for i, delta in enumerate([*events, {}]):
                    if i and stub.chunk_delay:
                        time.sleep(stub.chunk_delay)
                    finish = None if delta or i == 0 else "stop"
                    chunk = {
                        "id": "stub",
                        "object": "chat.completion.chunk",
                        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                    }
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                    stub.streamed.append(time.monotonic())
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True
            except (BrokenPipeError, ConnectionResetError):  # the client stopped reading
                pass

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
