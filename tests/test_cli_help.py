"""What ``--help`` tells a newcomer: every command has help, ``timeline --png`` names the
formats it writes, and ``run`` names the token it needs."""

from __future__ import annotations

import pytest

from newsbot.bot import cli

COMMANDS = ["index", "ask", "timeline", "stats", "check", "run", "feedback", "state"]


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*args, "--help"])
    assert exit_info.value.code == 0
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    text = _help(capsys, command)
    assert text.startswith(f"usage: newsbot {command}")
    assert "--index-dir INDEX_DIR" in text


def test_the_top_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys)
    assert all(f" {command} " in text for command in COMMANDS)


def test_timeline_help_names_the_formats_its_file_may_have(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = _help(capsys, "timeline")
    assert "--png FILE" in text
    assert all(suffix in text for suffix in (".png", ".jpg", ".svg", ".pdf"))


def test_run_help_names_the_token_it_needs(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys, "run")
    assert "TELEGRAM_BOT_TOKEN" in text and "@BotFather" in text
