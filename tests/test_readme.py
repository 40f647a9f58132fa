"""The README documents every command, and CI runs the README's test command."""
import re
from pathlib import Path

from typer.main import get_command

from mssnews.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _shell_blocks():
    return re.findall(r"```sh\n(.*?)```", README, re.S)


def test_every_command_is_documented():
    for name in get_command(app).commands:
        assert f"### `mssnews {name}" in README, name


def test_quick_start_has_two_commands_and_ci_runs_the_test_one():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [b.strip() for b in re.findall(r"```sh\n(.*?)```", quick, re.S)]
    assert len(commands) == 2
    assert "mssnews extract samples/" in commands[0]
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def test_quick_start_sample_exists():
    quick = README.split("## Quick start", 1)[1]
    sample = re.search(r"mssnews extract (samples/\S+)", quick).group(1)
    assert (ROOT / sample).is_file()
