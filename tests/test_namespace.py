"""The distribution owns one import name, ``newsbot``: no generic top-level ``index`` or ``bot``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def python_outside_the_repository(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", ["index", "bot"])
def test_no_generic_top_level_module_is_installed(name: str, tmp_path: Path) -> None:
    code = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({name!r}) is not None)"
    result = python_outside_the_repository(code, tmp_path)
    assert result.returncode == 0, f"a top-level {name!r} module is importable after installation"


def test_a_user_module_named_index_does_not_shadow_newsbot(tmp_path: Path) -> None:
    (tmp_path / "index.py").write_text("raise SystemExit('the user module was imported')\n")
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "__init__.py").write_text("raise SystemExit('the user package')\n")
    code = "import newsbot.index.answering.search, newsbot.bot.cli; print('ok')"
    result = python_outside_the_repository(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_python_dash_m_newsbot_is_the_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsbot", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "usage: newsbot" in result.stdout


def test_the_pipeline_subpackages_import_one_way() -> None:
    """Reading never imports building or answering; building never imports answering."""
    repo = Path(__file__).resolve().parent.parent / "index"
    later = {"reading": ("building", "answering"), "building": ("answering",)}
    for step, forbidden in later.items():
        for source in (repo / step).glob("*.py"):
            text = source.read_text(encoding="utf-8")
            for other in forbidden:
                assert f"newsbot.index.{other}" not in text, f"{source.name} imports {other}"
