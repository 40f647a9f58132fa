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


def test_readme_dask_dataframe_example_runs(tmp_path):
    """The README's dask.dataframe example, as written, on a results file of ours (an article
    and an error record)."""
    import subprocess
    import sys

    import pytest

    pytest.importorskip("dask.dataframe")
    from typer.testing import CliRunner

    block = README.split("Loading a results set:", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    assert "dd.read_json(\"results.jsonl\", lines=True)" in block
    art = tmp_path / "luo.txt"
    art.write_text("A man surnamed Luo was sentenced to 9 years in prison.\n")
    r = CliRunner().invoke(app, ["extract", str(art), str(tmp_path / "gone.txt"), "--json", "-o",
                                 str(tmp_path / "results.jsonl"), "-q"])
    assert r.exit_code == 1  # the missing file: an error record in the results
    run = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert lines[0].split() == ["source", "published"]
    assert len(lines) == 2 and lines[1].split()[0] == "0"  # one row: the article, not the error record
    assert lines[1].split()[-1] in ("None", "NaN")  # published: unknown
    assert "gone" not in run.stdout


def test_readme_span_groups_example_runs_as_written():
    """The block runs as written, and what its comments show is what it gives."""
    block = README.split("as span groups, for displaCy and your own span tools:", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    env: dict = {}
    exec(block, env)
    lines = block.splitlines()
    query = next(k for k, ln in enumerate(lines) if ln.startswith("[(s.text"))
    assert repr(eval(lines[query], env)) == lines[query + 1].lstrip("# ")
    expression, shown = lines[query + 2].split("#", 1)
    assert eval(expression, env) == int(shown.split()[0])
    assert "imprisonment" in eval(lines[query + 3], env)  # (displaCy draws the penalty label)
