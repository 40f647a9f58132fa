"""Faults and misuse: no hang, no lost or destroyed file, no traceback, no escape code.

Process tests run the real command with a timeout: a hang fails the test instead of stalling
the suite."""
import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mssnews import analyze
from mssnews.cli import app

runner = CliRunner()
CMD = [sys.executable, "-m", "mssnews"]
ARTICLE = "Spy case\nA man surnamed Luo was sentenced to 9 years in prison and fined 20,000 yuan.\n"


def article(i: int) -> str:
    return f"Case {i}\nQiao Lan was jailed for {i % 9 + 2} years and fined {1000 * (i + 1):,} yuan.\n" * 20


@pytest.fixture
def big(tmp_path):
    root = tmp_path / "big"
    root.mkdir()
    for i in range(300):
        (root / f"{i:04d}.txt").write_text(article(i), encoding="utf-8")
    return root


def _wait_for(path: Path, size: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline and (not path.exists() or path.stat().st_size < size):
        time.sleep(0.05)


def _articles(folder: Path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        p = folder / f"{i:02d}.txt"
        p.write_text(article(i))
        paths.append(str(p))
    return paths


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


# ---------------------------------------------------------------- hangs and leaks
def test_closing_the_pipe_early_ends_a_pool_run(big):
    for _ in range(3):
        proc = subprocess.Popen(CMD + ["extract", str(big), "--json", "--jobs", "2"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        first = proc.stdout.readline()
        proc.stdout.close()  # `| head -1`
        _, err = proc.communicate(timeout=60)
        assert json.loads(first)["source"].endswith("0000.txt")
        assert proc.returncode == 0, err
        assert b"Traceback" not in err


def test_sigterm_ends_a_pool_run(big, tmp_path):
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(CMD + ["extract", str(big), "--json", "--jobs", "2", "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(out, 2000)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip().endswith("mssnews: interrupted")
    assert out.read_text().endswith("\n")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc (Linux)")
def test_workers_die_with_their_parent(big, tmp_path):
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(CMD + ["extract", str(big), "--json", "--jobs", "2", "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(out, 2000)
    workers = _children(proc.pid)
    assert len(workers) == 2
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.time() + 15
    while time.time() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)


@pytest.mark.parametrize("delay", [0.25, 0.5, 0.8])
def test_ctrl_c_while_starting_prints_no_traceback(delay, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    proc = subprocess.Popen(CMD + ["extract", str(p), "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err
    if proc.returncode == -signal.SIGINT:
        # Still in the interpreter's own start-up (a loaded machine): Python ends by the
        # signal itself, silently; a shell reports exit status 130 all the same.
        assert err == ""
        return
    assert proc.returncode == 130, err
    assert err.strip() == "mssnews: interrupted"


def test_a_worker_killed_on_the_last_task_does_not_hang(monkeypatch, tmp_path):
    from mssnews.runs import batch

    paths = _articles(tmp_path, 12)
    real = batch.process_batch

    def process_batch(sources, *args, **kwargs):
        if paths[-1] in sources:
            os._exit(9)
        return real(sources, *args, **kwargs)

    monkeypatch.setattr(batch, "process_batch", process_batch)
    records = list(batch.Runner(paths, jobs=2, batch=2).records())
    assert [r.source for r in records] == paths
    assert [r.source for r in records if r.error] == [paths[-1]]


# ---------------------------------------------------------------- files lost, destroyed or cut
def test_output_that_is_an_input_is_refused_and_left_alone(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    r = runner.invoke(app, ["extract", str(p), "--json", "-o", str(tmp_path / "." / "a.txt")])
    assert r.exit_code == 2
    assert r.stderr.strip() == (f"mssnews: error: --output {tmp_path / '.' / 'a.txt'} is also an input ({p}); "
                                "it would be overwritten before it is read")
    assert p.read_text() == ARTICLE


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00binary", b"source,kind\nx,y\n", b"hello"])
def test_resume_refuses_a_file_that_is_not_ours(tmp_path, content):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    out = tmp_path / "out.jsonl"
    out.write_bytes(content)
    r = runner.invoke(app, ["extract", str(p), "--json", "-o", str(out), "--resume"])
    assert r.exit_code == 1
    assert r.stderr.startswith(f"mssnews: error: {out}: line 1 is not an mssnews record; --resume only appends")
    assert out.read_bytes() == content


def test_csv_resume_skips_the_sources_already_there(tmp_path):
    files = []
    for i in range(3):
        f = tmp_path / f"{i}.txt"
        f.write_text(article(i))
        files.append(str(f))
    out = tmp_path / "items.csv"
    r = runner.invoke(app, ["extract", *files[:2], "--format", "csv", "-o", str(out), "--quiet"])
    assert r.exit_code == 0, r.stderr
    first = out.read_text().splitlines()
    r = runner.invoke(app, ["extract", *files, "--format", "csv", "-o", str(out), "--resume", "--quiet"])
    assert r.exit_code == 0, r.stderr
    lines = out.read_text().splitlines()
    assert lines[:len(first)] == first
    assert [line.split(",")[0] for line in lines[len(first):]] == [files[2]] * (len(lines) - len(first))
    assert sum(line.startswith("source,kind,") for line in lines) == 1
    r = runner.invoke(app, ["extract", files[0], "--json", "-o", str(out), "--resume"])
    assert r.exit_code == 1  # a CSV is not JSON Lines
    assert "line 1 is not an mssnews record" in r.stderr


def test_a_failed_write_leaves_the_last_whole_line(tmp_path, monkeypatch):
    from mssnews.runs import sink as sink_mod

    out = tmp_path / "out.jsonl"
    s = sink_mod.LineSink(str(out))
    s.write_line('{"a":1}')
    real = os.write

    def half_then_full(fd, data):
        if fd == s.fd:
            real(fd, bytes(data[:3]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(sink_mod.os, "write", half_then_full)
    with pytest.raises(sink_mod.OutputError, match=f"^disk full writing {out}$"):
        s.write_line('{"b":2}')
    s.close()
    assert out.read_text() == '{"a":1}\n'


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_device_ends_the_run_with_one_line(big, jobs):
    r = subprocess.run(CMD + ["extract", str(big), "--json", "--jobs", jobs, "-o", "/dev/full", "--quiet"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert r.stderr == "mssnews: error: disk full writing /dev/full\n"
    with open("/dev/full", "w") as full:
        r = subprocess.run(CMD + ["extract", str(big / "0001.txt"), "--json"], stdout=full,
                           stderr=subprocess.PIPE, text=True, timeout=120)
    assert (r.returncode, r.stderr) == (1, "mssnews: error: disk full writing standard output\n")


def test_a_second_run_on_the_same_output_is_refused(big, tmp_path):
    out = tmp_path / "out.jsonl"
    first = subprocess.Popen(CMD + ["extract", str(big), "--json", "--jobs", "1", "-o", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(out, 1000)
        r = subprocess.run(CMD + ["extract", str(big / "0001.txt"), "--json", "-o", str(out)],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 1
        assert r.stderr.strip() == f"mssnews: error: {out} is being written by another mssnews run (process {first.pid})"
    finally:
        first.kill()
        first.wait(timeout=10)


def test_resume_replaces_a_failed_record_and_knows_a_path_by_any_spelling(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    good, bad = tmp_path / "a" / "x.txt", tmp_path / "a" / "y.txt"
    good.write_text(ARTICLE)
    bad.write_bytes(b"\x00\x01binary")
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["extract", "a/x.txt", "a/y.txt", "--json", "-o", str(out), "--quiet"])
    assert r.exit_code == 1
    bad.write_text(ARTICLE.replace("Luo", "Ma"))
    r = runner.invoke(app, ["extract", "./a/x.txt", "./a/y.txt", "--json", "-o", str(out), "--resume", "--quiet"])
    assert r.exit_code == 0, r.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(d["source"], "error" in d) for d in records] == [("a/x.txt", False), ("./a/y.txt", False)]
    assert records[1]["people"][0]["name"] == "Ma"


def test_resume_reads_the_results_file_line_by_line(tmp_path):
    import tracemalloc

    from mssnews.runs.sink import scan_json

    out = tmp_path / "out.jsonl"
    pad = "x" * 2000
    with open(out, "w") as f:
        for i in range(10_000):  # 20 MB
            f.write(json.dumps({"schema": "mssnews/1", "source": f"s{i}.txt", "pad": pad}) + "\n")
    tracemalloc.start()
    state, whole = scan_json(str(out), "out.jsonl")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(state.done) == 10_000 and whole == out.stat().st_size
    assert peak < 5_000_000


# ---------------------------------------------------------------- inputs that end the whole run
def test_a_file_name_that_is_not_utf8_is_kept_as_escaped_text(tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/a\xffname.txt"
    with open(raw, "w") as f:
        f.write(ARTICLE)
    missing = os.fsencode(str(tmp_path)) + b"/gone\xfe.txt"
    r = subprocess.run(CMD + ["extract", raw, missing, "--json"], capture_output=True, timeout=60)
    assert r.returncode == 1
    lines = r.stdout.decode("utf-8").splitlines()  # valid UTF-8
    assert json.loads(lines[0])["source"] == os.fsdecode(raw)
    assert b'a\\udcffname.txt"' in r.stdout
    assert json.loads(lines[1])["error"]["message"] == "no such file"
    assert f"mssnews: error: {tmp_path}/gone\\udcfe.txt: no such file".encode() in r.stderr


def test_a_file_name_that_is_not_utf8_in_csv_and_tables(tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/b\xffname.txt"
    with open(raw, "w") as f:
        f.write(ARTICLE)
    r = subprocess.run(CMD + ["extract", raw, "--format", "csv"], capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr
    rows = r.stdout.decode("utf-8").splitlines()
    assert rows[1].startswith(f"{tmp_path}/b\\udcffname.txt,person,Luo,")
    r = subprocess.run(CMD + ["extract", raw], capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "b\\udcffname.txt" in r.stdout.decode("utf-8")  # (valid UTF-8, the byte shown as an escape)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "fifo"])
def test_devices_and_fifos_are_refused(tmp_path, device):
    if device == "fifo":
        device = str(tmp_path / "pipe")
        os.mkfifo(device)
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    r = subprocess.run(CMD + ["extract", device, str(p), "--json"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert lines[0]["error"]["message"] == "not a regular file (a device, FIFO or socket); use '-' to read a stream"
    assert lines[1]["people"][0]["name"] == "Luo"


def test_reading_stops_at_the_byte_limit(monkeypatch, tmp_path):
    from mssnews.runs import inputs

    p = tmp_path / "a.txt"
    p.write_text("y" * 1000)
    with pytest.raises(inputs.TooLarge, match="^file is over 999 bytes"):
        inputs.read_source(str(p), limit=999)
    assert inputs.read_source(str(p), limit=1000) == "y" * 1000


def test_memory_error_on_one_source_is_its_error_record(monkeypatch, tmp_path):
    from mssnews.runs import batch

    files = []
    for name in ("a", "b"):
        f = tmp_path / f"{name}.txt"
        f.write_text(ARTICLE)
        files.append(str(f))
    real = batch.read_checked

    def read(source, *args, **kwargs):
        if source.endswith("a.txt"):
            raise MemoryError
        return real(source, *args, **kwargs)

    monkeypatch.setattr(batch, "read_checked", read)
    records = batch.process_batch(files)
    assert records[0].error == {"type": "MemoryError", "message": "out of memory reading it"}
    assert records[1].error is None


def test_an_unreadable_folder_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(ARTICLE)
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = runner.invoke(app, ["extract", str(tmp_path), "--json", "--quiet"])
    assert r.exit_code == 1
    assert r.stderr == f"mssnews: error: {tmp_path / 'locked'}: cannot read folder: Permission denied\n"
    assert [json.loads(line)["source"] for line in r.stdout.splitlines()] == [str(tmp_path / "ok" / "a.txt")]


@pytest.mark.parametrize("codec", ["big5", "gb18030", "shift_jis"])
def test_encoding_option_reads_east_asian_encodings(tmp_path, codec):
    text = "法院 court\nA man surnamed Luo was fined 20,000 yuan in 2024, the court said.\n"
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(codec))
    r = runner.invoke(app, ["extract", str(p), "--json", "--encoding", codec])
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["title"] == "法院 court"
    assert [(m["amount"], m["currency"], m["start"]) for m in d["money"]] == [(20000, "CNY", text.index("20,000"))]
    r = runner.invoke(app, ["extract", str(p), "--json", "--encoding", "klingon"])
    assert (r.exit_code, r.stderr) == (2, "mssnews: error: --encoding klingon: unknown encoding\n")


# ---------------------------------------------------------------- text that reaches a terminal
def test_control_characters_in_a_file_name_are_escaped(tmp_path):
    name = str(tmp_path / "a\x1b[2Jb\r.txt")
    r = runner.invoke(app, ["extract", name, "--json"])
    assert r.exit_code == 1
    assert "\x1b" not in r.stderr and "\r" not in r.stderr
    assert r.stderr == f"mssnews: error: {tmp_path}/a\\x1b[2Jb\\x0d.txt: no such file\n"


def _record(**fields):
    d = {"schema": "mssnews/1", "source": "a.txt", "people": [], "money": [], "sentences": [], "document_counts": []}
    d.update(fields)
    return json.dumps(d)


def test_summarize_prints_values_literally(tmp_path):
    f = tmp_path / "r.jsonl"
    f.write_text(_record(sentences=[{"penalty": "[reverse]x[/reverse]"}],
                         people=[{"name": "\x1b]8;;http://x\x1b\\link"}]) + "\n")
    r = runner.invoke(app, ["summarize", str(f)], env={"NO_COLOR": "1"})
    assert r.exit_code == 0, r.stderr
    assert "[reverse]x[/reverse]" in r.stdout
    assert "\x1b" not in r.stdout


def test_summarize_skips_records_that_are_not_ours(tmp_path):
    f = tmp_path / "r.jsonl"
    f.write_text(_record(people=[{"name": "Luo"}]) + "\n" + '{"people":[{"nom":1}]}\n'
                 + _record(people=[{"nom": 1}]) + "\n")
    r = runner.invoke(app, ["summarize", str(f), "--json"])
    assert r.exit_code == 0
    assert r.stderr.splitlines() == [f"mssnews: warning: {f} line 2: not an mssnews record, skipped",
                                     f"mssnews: warning: {f} line 3: not an mssnews record, skipped"]
    assert json.loads(r.stdout)["people"] == [{"name": "Luo", "articles": 1}]
    only = tmp_path / "x.jsonl"
    only.write_text('{"people":[{"nom":1}]}\n')
    r = runner.invoke(app, ["summarize", str(only)])
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == f"mssnews: error: {only} holds no mssnews records (is it a results file of extract --json?)"


def test_summarize_sums_exactly_and_writes_valid_json(tmp_path):
    f = tmp_path / "r.jsonl"
    money = [{"amount": 10 ** 400, "currency": "CNY"}, {"amount": 1, "currency": "CNY"},
             {"amount": float("inf"), "currency": "USD"}, {"amount": 0.1, "currency": "EUR"},
             {"amount": 0.2, "currency": "EUR"}]
    f.write_text(_record(money=money).replace("Infinity", "1e999") + "\n")
    r = runner.invoke(app, ["summarize", str(f), "--json"])
    assert r.exit_code == 0, r.stderr

    def refuse(name):
        raise ValueError(name)

    d = json.loads(r.stdout, parse_constant=refuse)
    assert d["money"] == [{"currency": "CNY", "items": 2, "total": 10 ** 400 + 1},
                          {"currency": "EUR", "items": 2, "total": 0.3}]
    r = runner.invoke(app, ["summarize", str(f)])
    assert r.exit_code == 0 and "Infinity" not in r.stdout


# ---------------------------------------------------------------- numbers and time
@pytest.mark.parametrize("unit", ["fined 5 yuan, ", "fined 5 yuan;", "5 documents, ", "sentenced to 5 years, ",
                                  "Wang Li was fined 5 yuan, "])
def test_dense_text_takes_linear_time(tmp_path, unit):
    """300 KB of one repeated phrase: quadratic code took minutes, linear takes about a
    second (the timeout is a guard against a hang, not a speed target: see the benchmark)."""
    p = tmp_path / "dense.txt"
    p.write_text(unit * (300_000 // len(unit)))
    r = subprocess.run(CMD + ["extract", str(p), "--json", "--quiet"], capture_output=True, timeout=60)
    assert r.returncode == 0


@pytest.mark.parametrize("text, written, amount, qualifier", [
    ("He was fined " + "9" * 24 + " yuan.", "9" * 24 + " yuan", None, "unreadable"),
    ("He was fined 10^400 yuan.", "400 yuan", None, "unreadable"),
    ("He paid $1" + "0" * 400 + ".", "$1" + "0" * 18, None, "unreadable"),
    ("He paid 999,999,999,999,999 yuan.", "999,999,999,999,999 yuan", 999_999_999_999_999, None),
    ("He paid $1,000,000,000,000,000.", "$1,000,000,000,000,000", 10 ** 15, None),
])
def test_absurd_numbers_are_exact_or_unreadable(text, written, amount, qualifier):
    [m] = analyze(text).money
    assert (text[m.start:m.end], m.amount, m.qualifier) == (written, amount, qualifier)


@pytest.mark.parametrize("text, start, end, amount", [
    ("He was fined ४५,००० yuan.", 13, 24, 45000),
    ("He was fined ４５，０００ yuan.", 13, 24, 45000),
    ("He was fined \u0664\u0665,\u0660\u0660\u0660 yuan.", 13, 24, 45000),
    ("He was fined 1\u200b000 yuan.", 13, 23, 1000),
    ("He was fined 45\u00a0000 yuan.", 13, 24, 45000),
    ("Line one.\r\nHe was fined 1\u200b000 yuan.", 24, 34, 1000),
])
def test_digits_of_any_script_are_read_with_offsets_kept(text, start, end, amount):
    [m] = analyze(text).money
    assert (m.start, m.end, m.amount, m.currency) == (start, end, amount, "CNY")


def test_zero_width_characters_inside_a_name():
    text = "The fine was paid by Gao Jian\u200bguo last week."
    [p] = analyze(text).people
    assert (p.name, [(m.start, m.end) for m in p.mentions]) == ("Gao Jianguo", [(21, 33)])


# ---------------------------------------------------------------- library
def test_library_says_what_text_must_be():
    with pytest.raises(TypeError, match=r"^text must be str, got bytes; decode it first"):
        analyze(b"A man surnamed Luo.")
    from mssnews import analyze_many
    with pytest.raises(TypeError, match=r"^analyze_many takes \(source, text\) pairs"):
        list(analyze_many(["just a text"]))


def test_library_takes_str_subclasses_surrogates_and_no_source():
    class Text(str):
        pass

    a = analyze(Text(ARTICLE), source=None)
    assert a.source == "-"
    assert a.to_dict()["source"] == "-"
    assert [p.name for p in a.people] == ["Luo"]
    b = analyze("Luo \udcff was fined 5 yuan.")
    assert [(m.start, m.end, m.text) for m in b.money] == [(16, 22, "5 yuan")]


def test_every_worker_dying_at_once_again_and_again_ends(monkeypatch, tmp_path):
    """Both workers die on every task: the run must end, with every source an error record."""
    from mssnews.runs import batch

    paths = _articles(tmp_path, 6)

    def process_batch(sources, *args, **kwargs):
        os._exit(9)

    monkeypatch.setattr(batch, "process_batch", process_batch)
    started = time.time()
    records = list(batch.Runner(paths, jobs=2, batch=2).records())
    assert [r.source for r in records] == paths
    assert {r.error["type"] for r in records} == {"WorkerDied"}
    assert time.time() - started < 60
