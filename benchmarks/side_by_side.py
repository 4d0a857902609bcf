"""What the Milvus benchmarks share: asking two stores the same questions in turns, timing
each, and writing the results with the machine and the date."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

RESULTS = Path(__file__).resolve().parent / "results"


def arguments(doc: str, repo: Path) -> argparse.ArgumentParser:
    """The options both Milvus benchmarks take: ``--shared`` (beside the repository
    ``repo``) and ``--work-dir`` (the quality benchmark's, whose dev index they ask)."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=repo.parent / "shared")
    parser.add_argument(
        "--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "newsbot-quality"
    )
    return parser


def timed_turns(
    indexes: Mapping[str, Any], questions: Sequence[str], ask: Callable[[Any, str], object]
) -> dict[str, list[float]]:
    """Milliseconds of ``ask(index, question)`` per index name, the indexes taking turns at
    each question (so that a change of load on the machine falls on both alike)."""
    times: dict[str, list[float]] = {name: [] for name in indexes}
    for question in questions:
        for name, index in indexes.items():
            started = time.perf_counter()
            ask(index, question)
            times[name].append(1000 * (time.perf_counter() - started))
    return times


def percentiles(times: Mapping[str, Sequence[float]]) -> dict[str, dict[str, float]]:
    """p50 and p95 (ms, one decimal) per index name."""
    return {
        name: {
            "p50": round(statistics.median(ms), 1),
            "p95": round(float(np.percentile(ms, 95)), 1),
        }
        for name, ms in times.items()
    }


def write_results(name: str, results: dict[str, Any], command: str) -> Path:
    """Write ``results`` to ``benchmarks/results/<name>.json`` with the command, the machine
    and the date; print them; return the path."""
    results.update(
        {
            "command": command,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}",
            "date": time.strftime("%Y-%m-%d"),
        }
    )
    out = RESULTS / f"{name}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return out
