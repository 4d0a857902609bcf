"""Milvus Lite 2.5's own server binary on a free loopback port, for tests that need Milvus
the way production reaches it (``milvus://HOST:PORT``): started for real, stopped by PID."""

from __future__ import annotations

import contextlib
import os
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ports import free_port, wait_listening


def lite_binary() -> Path:
    """The ``milvus`` binary shipped in the milvus-lite wheel; the test skips without it."""
    # milvus-lite 2.5 imports pkg_resources, which warns on every start.
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    try:
        import milvus_lite
    except ImportError:
        pytest.skip("milvus-lite is not installed (pip install 'newsbot[milvus]')")
    binary = Path(milvus_lite.__file__).parent / "lib" / "milvus"
    if not binary.is_file():
        pytest.skip(f"milvus-lite ships no server binary here ({binary.name} missing)")
    return binary


@contextlib.contextmanager
def milvus_lite_server(folder: Path) -> Iterator[str]:
    """Serve a Milvus Lite file in ``folder`` on 127.0.0.1; yield its ``milvus://`` URL."""
    binary = lite_binary()
    port = free_port()
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = f"{binary.parent}:{env.get('LD_LIBRARY_PATH', '')}"
    process = subprocess.Popen(
        [str(binary), str(folder / "milvus.db"), f"127.0.0.1:{port}", "ERROR"],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_listening(port, "the Milvus Lite server", process.poll)
        yield f"milvus://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def release_lite_file(path: Path) -> None:
    """Stop the Milvus Lite process pymilvus started for ``path`` in this process."""
    with contextlib.suppress(ImportError):
        from milvus_lite.server_manager import server_manager_instance

        if str(path.resolve()) in server_manager_instance._servers:
            server_manager_instance.release_server(str(path))
