"""Recovery of newsbot's index, measured with the real default model through the real
``newsbot index`` command (each run a child process):

- resume: a build from scratch is SIGKILLed after a share of its time; how many paragraphs
  the next build embeds, and its time, against a full build;
- repair: each file of the live version deleted in turn; what ``newsbot index`` embeds and
  how long it takes;
- verification: ``newsbot check`` (every file against its SHA-256) and a no-change
  ``newsbot index``, in seconds and MB/s.

``python benchmarks/recovery.py [--sources PATH...] [--kill-at 0.75]``; the sample corpus by
default. Never runs in CI.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsbot.index import sample  # noqa: E402
from newsbot.index.building import store  # noqa: E402

REPORT = re.compile(r"(\d+) paragraphs embedded, (\d+) reused")


def newsbot(index_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ}
    env.pop("NEWSBOT_INDEX_DIR", None)
    return subprocess.Popen(
        [sys.executable, "-m", "newsbot", *args, "--index-dir", str(index_dir)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def timed(index_dir: Path, *args: str) -> tuple[float, str, str, int]:
    started = time.perf_counter()
    proc = newsbot(index_dir, *args)
    out, err = proc.communicate()
    return time.perf_counter() - started, out, err, proc.returncode


def embedded(out: str) -> tuple[int, int]:
    found = REPORT.search(out)
    if not found:
        return 0, 0
    return int(found.group(1)), int(found.group(2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", nargs="*", type=Path, default=sample.sources())
    parser.add_argument("--kill-at", type=float, default=0.75)
    args = parser.parse_args()
    sources = [str(s) for s in args.sources]
    with tempfile.TemporaryDirectory() as scratch:
        full = Path(scratch) / "full"
        seconds, out, err, code = timed(full, "index", *sources)
        assert code == 0, err
        total = sum(embedded(out))
        print(f"- full build: {total} paragraphs embedded in {seconds:.1f} s")

        killed = Path(scratch) / "killed"
        proc = newsbot(killed, "index", *sources)
        time.sleep(seconds * args.kill_at)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        again, out, err, code = timed(killed, "index", *sources)
        assert code == 0, err
        fresh, reused = embedded(out)
        print(
            f"- killed at {args.kill_at:.0%} of that time: the next build embedded {fresh} of "
            f"{total} ({reused} reused from the journal) in {again:.1f} s"
        )

        version = store.live_version(full)
        size = store.size_on_disk(version)
        check, out, err, code = timed(full, "check")
        assert code == 0, err + out
        print(f"- `newsbot check`: {check:.2f} s for {size / 1e6:.1f} MB")
        same, out, err, code = timed(full, "index", *sources)
        assert code == 0 and "No changes" in out, err + out
        print(f"- no-change `newsbot index` (checks every checksum first): {same:.2f} s")

        for name in store.VERSION_FILES:
            damaged = Path(scratch) / f"damaged-{name}"
            shutil.copytree(full, damaged)
            (store.live_version(damaged) / name).unlink()
            repair, out, err, code = timed(damaged, "index", *sources)
            assert code == 0, err
            fresh, reused = embedded(out)
            print(
                f"- {name} deleted: repaired in {repair:.1f} s, {fresh} embedded, {reused} reused"
            )


if __name__ == "__main__":
    main()
