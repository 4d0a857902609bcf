"""The real ``newsbot`` command with the fake embedder, slowed down, for tests that kill,
limit or race a build in a subprocess: ``python -m tests.slow_cli index ...``.

Each embedding call prints ``embedded N`` (paragraphs so far) once done;
``NEWSBOT_TEST_EMBED_DELAY`` seconds are slept per call (default 0.05).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence

from newsbot.bot import cli
from newsbot.index.building import embedders
from newsbot.index.building.embedders import Vectors
from tests.conftest import FakeEmbedder


class SlowEmbedder(FakeEmbedder):
    """The fake embedder, taking ``delay`` seconds per call and saying how far it got."""

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        vectors = super().embed_passages(texts)
        time.sleep(self.delay)
        print(f"embedded {self.passages_embedded}", flush=True)
        return vectors


def main() -> int:
    delay = float(os.environ.get("NEWSBOT_TEST_EMBED_DELAY") or 0.05)
    embedders.load_embedder = lambda model=None: SlowEmbedder(delay)  # type: ignore[assignment]
    return cli.main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
