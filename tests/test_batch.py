"""Batch mode: folders, glob, order, -o, --resume, error records, CSV, summarize, --jobs."""
import csv
import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mssnews.runs.sink import OutputError, scan_json, source_key
from mssnews.cli import app
from mssnews.runs.inputs import expand_sources

runner = CliRunner()
NAMES = ["Bai Lin", "Cao Wen", "Dong Hui", "Fan Qing", "Guo Tao", "Hou Jie", "Jiang Yu", "Kong Fei"]


def article(i: int) -> str:
    name = NAMES[i % len(NAMES)]
    return (f"Case {i}\n{name} was sentenced to {i % 9 + 2} years in prison and fined {1000 * (i + 1):,} yuan "
            f"for selling {10 + i} classified documents.\n")


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "archive"
    (root / "2024" / "b").mkdir(parents=True)
    (root / "2023").mkdir()
    files = [root / "2024" / "b" / "z.txt", root / "2024" / "a.txt", root / "2023" / "m.txt",
             root / "top.txt", root / "2024" / "notes.md"]
    for i, f in enumerate(files):
        f.write_text(article(i), encoding="utf-8")
    return root


def test_folder_walk_is_recursive_sorted_and_filtered(archive):
    got = expand_sources([str(archive)])
    rel = [Path(p).relative_to(archive).as_posix() for p in got]
    assert rel == ["2023/m.txt", "2024/a.txt", "2024/b/z.txt", "top.txt"]
    md = expand_sources([str(archive)], glob="*.md")
    assert [Path(p).name for p in md] == ["notes.md"]


def test_mixed_inputs_stream_in_input_order(archive, tmp_path):
    single = tmp_path / "one.txt"
    single.write_text(article(7), encoding="utf-8")
    r = runner.invoke(app, ["extract", str(single), str(archive), "-", "--json", "--quiet"], input=article(3))
    assert r.exit_code == 0, r.stderr
    sources = [json.loads(line)["source"] for line in r.stdout.splitlines()]
    assert sources == [str(single)] + expand_sources([str(archive)]) + ["-"]
    assert r.stderr == ""


def test_error_record_among_good_ones(archive):
    bad = archive / "2024" / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    r = runner.invoke(app, ["extract", str(archive), "--json"])
    assert r.exit_code == 1
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(objs) == 5
    errors = [o for o in objs if "error" in o]
    assert errors == [{"source": str(bad), "error": {"type": "InputError", "message": "not a text file (it holds NUL bytes)"}}]
    assert f"mssnews: error: {bad}: not a text file" in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("mssnews: 4 processed, 1 failed in ")


def test_output_file_and_resume(archive, tmp_path):
    out = tmp_path / "results.jsonl"
    r = runner.invoke(app, ["extract", str(archive / "2023"), "--json", "-o", str(out)])
    assert r.exit_code == 0
    assert r.stdout == ""
    assert len(out.read_text().splitlines()) == 1
    # A half-written last line (a run killed mid-write) is cut off, and done sources skipped.
    with open(out, "a", encoding="utf-8") as f:
        f.write('{"source": "half')
    r = runner.invoke(app, ["extract", str(archive), "--json", "-o", str(out), "--resume"])
    assert r.exit_code == 0, r.stderr
    objs = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(o["source"] for o in objs) == sorted(expand_sources([str(archive)]))
    assert "mssnews: 3 processed, 0 failed" in r.stderr


def test_resume_needs_output():
    r = runner.invoke(app, ["extract", "x.txt", "--json", "--resume"])
    assert r.exit_code == 2
    assert r.stderr.strip() == "mssnews: error: --resume needs --output FILE"


def test_scan_counts_error_records_as_failed_and_stops_at_a_cut_record(tmp_path):
    f = tmp_path / "r.jsonl"
    good = '{"schema":"mssnews/1","source":"a"}\n{"source":"b","error":{"type":"X","message":"m"}}\n'
    f.write_text(good + '{"schema":"mssnews/1","sou')
    state, whole = scan_json(str(f), "r.jsonl")
    assert state.done == {source_key("a")}
    assert state.failed == {source_key("b")}
    assert whole == len(good)


def test_scan_refuses_a_line_that_is_not_ours(tmp_path):
    f = tmp_path / "r.jsonl"
    f.write_text('{"schema":"mssnews/1","source":"a"}\nnot json\n')
    with pytest.raises(OutputError, match=r"^r.jsonl: line 2 is not an mssnews record"):
        scan_json(str(f), "r.jsonl")


def test_csv_rows(archive):
    r = runner.invoke(app, ["extract", str(archive / "top.txt"), "--format", "csv"])
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["source", "kind", "text", "value", "currency", "penalty", "detail", "person", "start", "end",
                             "rule", "qualifier", "equivalent_of", "part_of", "status", "charges"]
    kinds = [(row["kind"], row["value"], row["currency"], row["penalty"], row["person"]) for row in rows]
    assert kinds == [
        ("person", "Fan Qing", "", "", "Fan Qing"),
        ("money", "4000", "CNY", "", "Fan Qing"),
        ("sentence", "5", "", "imprisonment", "Fan Qing"),
        ("sentence", "4000", "CNY", "fine", "Fan Qing"),
        ("document_count", "13", "", "", "Fan Qing"),
        ("charge", "state_secrets", "", "", "Fan Qing"),
    ]
    text = (archive / "top.txt").read_text()
    charge = rows[-1]
    assert (charge["text"], charge["detail"], charge["status"]) == ("classified documents", "convicted", "convicted")
    assert [row["charges"] for row in rows if row["kind"] == "sentence"] == ["0", "0"]
    assert (int(charge["start"]), int(charge["end"])) == (text.index("classified"), text.index(".\n"))


def test_csv_cells_never_start_a_formula(tmp_path, monkeypatch):
    """A spreadsheet runs a cell that begins with = + - or @ as a formula: such text cells get
    a leading apostrophe; numbers do not."""
    from mssnews.output.rows import csv_line

    assert csv_line(["=1+2", "+3", "-4 yuan", "@SUM(A1)", "\tx", "ok", -5, 2.5, None]) == \
        "'=1+2,'+3,'-4 yuan,'@SUM(A1),'\tx,ok,-5,2.5,"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "=HYPERLINK(1).txt").write_text("Zhou Min was fined 9,000 yuan.\n", encoding="utf-8")
    r = runner.invoke(app, ["extract", "=HYPERLINK(1).txt", "--format", "csv"])
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {row["source"] for row in rows} == {"'=HYPERLINK(1).txt"}
    assert [(row["kind"], row["value"]) for row in rows] == [("person", "Zhou Min"), ("money", "9000"), ("sentence", "9000")]


def test_table_summary_for_several_articles(archive):
    r = runner.invoke(app, ["extract", str(archive), "--quiet"], env={"COLUMNS": "100"})
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert any(line.strip().startswith("Total") and "4 ok" in line for line in lines)
    assert sum(1 for line in lines if ".txt" in line) == 4


def test_summarize_totals(archive, tmp_path):
    out = tmp_path / "r.jsonl"
    runner.invoke(app, ["extract", str(archive), "--json", "-o", str(out), "--quiet"])
    with open(out, "a") as f:
        f.write(json.dumps({"source": "gone.txt", "error": {"type": "InputError", "message": "no such file"}}) + "\n")
    r = runner.invoke(app, ["summarize", str(out), "--json"])
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert (d["articles"], d["failed"]) == (4, 1)
    assert d["money"] == [{"currency": "CNY", "items": 4, "total": 1000 + 2000 + 3000 + 4000}]
    assert d["sentences"] == [{"penalty": "imprisonment", "items": 4}, {"penalty": "fine", "items": 4}]
    assert d["largest_document_counts"][0]["count"] == 13
    assert {p["name"] for p in d["people"]} == {"Bai Lin", "Cao Wen", "Dong Hui", "Fan Qing"}
    tables = runner.invoke(app, ["summarize", str(out)])
    assert "Sums by currency" in tables.stdout and "10,000" in tables.stdout


def test_summarize_missing_file():
    r = runner.invoke(app, ["summarize", "nope.jsonl"])
    assert r.exit_code == 1
    assert r.stderr.strip() == "mssnews: error: nope.jsonl: no such file"


def test_jobs_2_is_byte_identical_to_jobs_1(tmp_path):
    root = tmp_path / "many"
    root.mkdir()
    for i in range(90):
        (root / f"{i:03d}.txt").write_text(article(i), encoding="utf-8")
    (root / "050.txt").write_bytes(b"\x00\x01\x02binary")  # an error record in the middle
    one = runner.invoke(app, ["extract", str(root), "--json", "--jobs", "1", "--quiet"])
    two = runner.invoke(app, ["extract", str(root), "--json", "--jobs", "2", "--quiet"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 90


def _dying_worker(monkeypatch, tmp_path, when):
    """Twelve articles; process_batch (in the worker processes, which inherit the patch)
    kills its process, as the out-of-memory killer or a crash in native code would, where
    when(sources) says so."""
    import os

    from mssnews.runs import batch

    root = tmp_path / "arts"
    root.mkdir()
    paths = []
    for i in range(12):
        path = root / (f"{i:02d}-boom.txt" if i == 5 else f"{i:02d}.txt")
        path.write_text(article(i), encoding="utf-8")
        paths.append(str(path))
    real = batch.process_batch

    def process_batch(sources, *args, **kwargs):
        if when(sources):
            os._exit(9)
        return real(sources, *args, **kwargs)

    monkeypatch.setattr(batch, "process_batch", process_batch)
    return paths, list(batch.Runner(paths, jobs=2, batch=2).records())


def test_a_worker_killed_once_loses_nothing(monkeypatch, tmp_path):
    flag = tmp_path / "killed"

    def once(sources):  # the first task to hold article 5 dies; run again, it works
        if any("boom" in s for s in sources) and not flag.exists():
            flag.write_text("x")
            return True
        return False

    paths, records = _dying_worker(monkeypatch, tmp_path, once)
    assert flag.exists()
    assert [r.source for r in records] == paths
    assert [r.error for r in records] == [None] * 12
    assert all(json.loads(r.line)["money"] for r in records)


def test_an_article_that_kills_its_worker_becomes_an_error_record(monkeypatch, tmp_path):
    paths, records = _dying_worker(monkeypatch, tmp_path, lambda sources: any("boom" in s for s in sources))
    assert [r.source for r in records] == paths
    assert [(r.source, r.error["type"]) for r in records if r.error] == [(paths[5], "WorkerDied")]
    assert "died" in records[5].error["message"]
    assert all(json.loads(r.line)["money"] for k, r in enumerate(records) if k != 5)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interrupted_run_leaves_complete_lines_and_resume_finishes(tmp_path, jobs):
    root = tmp_path / "big"
    root.mkdir()
    for i in range(300):
        (root / f"{i:04d}.txt").write_text(article(i) * 20, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "mssnews", "extract", str(root), "--json", "-o", str(out), "--jobs", jobs]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and (not out.exists() or out.stat().st_size < 5000):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "mssnews: interrupted" in err
    assert "Traceback" not in err
    data = out.read_text()
    assert data.endswith("\n")
    first = [json.loads(line) for line in data.splitlines()]
    assert 0 < len(first) < 300
    r = subprocess.run(cmd + ["--resume", "--quiet"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    sources = [json.loads(line)["source"] for line in out.read_text().splitlines()]
    assert sorted(sources) == sorted(str(p) for p in root.glob("*.txt"))
    assert len(sources) == len(set(sources))


def test_summarize_counts_a_restated_sentence_once():
    from mssnews.output.rows import Totals

    s = {"penalty": "life_imprisonment", "for_life": True, "person": "Tao Jun", "start": 0, "end": 1,
         "text": "x", "rule": "r"}
    t = Totals()
    t.add({"source": "a", "people": [], "money": [], "document_counts": [], "sentences": [s, dict(s), dict(s, person="Li")]})
    assert t.as_dict()["sentences"] == [{"penalty": "life_imprisonment", "items": 2}]


def test_json_lines_are_compact_utf8_and_survive_what_orjson_refuses():
    from mssnews.runs.batch import dumps

    assert dumps({"name": "Zhou Lin", "text": "NT$1.2 million – 周", "n": [1, 2.5]}) == \
        '{"name":"Zhou Lin","text":"NT$1.2 million – 周","n":[1,2.5]}'
    # orjson refuses integers beyond 64 bits; json writes them, in the same layout.
    assert dumps({"amount": 10 ** 30, "currency": "CNY"}) == '{"amount":1000000000000000000000000000000,"currency":"CNY"}'
    # A non-finite float is written as null, never as NaN/Infinity (not JSON).
    assert json.loads(dumps({"amount": float("inf")})) == {"amount": None}


def test_article_line_is_the_json_of_to_dict():
    from mssnews import analyze_many
    from mssnews.runs.batch import article_line, dumps

    samples = sorted(Path(__file__).resolve().parent.parent.joinpath("samples").glob("*.txt"))
    items = [(p.name, p.read_text(encoding="utf-8")) for p in samples] + [("made-up", article(3))]
    for a in analyze_many(items):
        assert article_line(a) == dumps(a.to_dict()), a.source
        assert json.loads(article_line(a)) == a.to_dict()
    # what orjson refuses goes the json way, with the same result
    a.money[0].amount = 10 ** 30
    assert article_line(a) == dumps(a.to_dict()) and '"amount":1000000000000000000000000000000' in article_line(a)


def test_worker_tasks_cover_every_source_in_order_and_shrink_towards_the_end():
    from mssnews.runs.batch import _worker_tasks

    sources = [f"{i}.txt" for i in range(5000)]
    tasks = list(_worker_tasks(sources, jobs=2, most=128))
    assert [s for t in tasks for s in t] == sources
    sizes = [len(t) for t in tasks]
    assert sizes[0] == 128 and max(sizes) == 128
    assert sizes == sorted(sizes, reverse=True)  # never larger than the one before
    assert sizes[-2] == 8  # the last tasks are small: the workers finish together
    assert [len(t) for t in _worker_tasks(sources[:3], jobs=2, most=128)] == [3]


def test_csv_tells_a_conversion_from_a_sum_and_a_part_from_its_total(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Ma Lin received about 45,000 yuan ($6,300) and stole 5,200 documents, "
                 "including 59 classified as top secret.\n")
    r = runner.invoke(app, ["extract", str(p), "--format", "csv"])
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    got = [(row["kind"], row["value"], row["qualifier"], row["equivalent_of"], row["part_of"]) for row in rows
           if row["kind"] in ("money", "document_count")]
    assert got == [("money", "45000", "about", "", ""), ("money", "6300", "", "0", ""),
                   ("document_count", "5200", "", "", ""), ("document_count", "59", "", "", "0")]
