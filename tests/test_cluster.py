"""--dask: the batch on a Dask cluster gives the same JSON Lines as a local run."""
import builtins
import json

import pytest
from typer.testing import CliRunner

from mssnews.cli import app

runner = CliRunner()


def _archive(root, n=40):
    root.mkdir()
    for i in range(n):
        (root / f"{i:03d}.txt").write_text(
            f"Case {i}\nA man surnamed Qiu was sentenced to {i % 7 + 2} years in prison and fined {i + 1},000 yuan.\n",
            encoding="utf-8")
    if n > 17:
        (root / "017.txt").write_bytes(b"\x00\x01binary")
    return root


def test_missing_extra_is_a_one_line_usage_error(monkeypatch, tmp_path):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    r = runner.invoke(app, ["extract", str(tmp_path), "--json", "--dask", "local"])
    assert r.exit_code == 2
    assert r.stderr.strip() == 'mssnews: error: the --dask option needs the dask extra: pip install "mssnews[dask]"'


distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as c:
        yield c


def test_cluster_output_is_identical_to_a_local_run(tmp_path, cluster):
    root = _archive(tmp_path / "a")
    local = runner.invoke(app, ["extract", str(root), "--json", "--quiet", "--jobs", "1"])
    remote = runner.invoke(app, ["extract", str(root), "--json", "--quiet", "--dask", cluster.scheduler_address])
    assert local.exit_code == remote.exit_code == 1
    assert remote.stdout == local.stdout
    errors = [json.loads(line) for line in remote.stdout.splitlines() if '"error"' in line]
    assert [e["source"] for e in errors] == [str(root / "017.txt")]
    assert f"mssnews: error: {root / '017.txt'}: not a text file" in remote.stderr


def test_file_urls(tmp_path, cluster):
    root = _archive(tmp_path / "b", n=5)
    r = runner.invoke(app, ["extract", f"file://{root}", "--json", "--quiet", "--dask", cluster.scheduler_address])
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["source"] for o in objs] == [f"file://{root}/{i:03d}.txt" for i in range(5)]
    assert [o["sentences"][0]["years"] for o in objs] == [2, 3, 4, 5, 6]


def test_dask_local_starts_its_own_cluster(tmp_path):
    root = _archive(tmp_path / "c", n=6)
    out = tmp_path / "r.jsonl"
    r = runner.invoke(app, ["extract", str(root), "--json", "-o", str(out), "--dask", "local", "--jobs", "2"])
    assert r.exit_code == 0, r.stderr
    assert len(out.read_text().splitlines()) == 6
    assert "mssnews: 6 processed, 0 failed" in r.stderr
