import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mssnews.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
runner = CliRunner()

ARTICLE = ("Spy jailed\nBy Staff Reporter Published: Jan 05, 2024\n"
           "A man surnamed Luo was sentenced to 9 years in prison and fined 20,000 yuan.\n")


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "luo.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_json_lines_contract(article):
    r = runner.invoke(app, ["extract", str(article), "--json"])
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    lines = r.stdout.splitlines()
    assert len(lines) == 1
    d = json.loads(lines[0])
    assert d["schema"] == "mssnews/1"
    assert d["source"] == str(article)
    assert d["title"] == "Spy jailed"
    assert d["published"] == "2024-01-05"
    assert set(d) >= {"stats", "people", "money", "sentences", "document_counts", "dates", "cases"}
    assert [p["name"] for p in d["people"]] == ["Luo"]
    assert [(s["penalty"], s["years"], s["person"]) for s in d["sentences"]][0] == ("imprisonment", 9, "Luo")
    assert d["cases"] == [{"person": "Luo", "money": [0], "sentences": [0, 1], "document_counts": [], "charges": []}]
    assert d["charges"] == []
    for key in ("money", "sentences", "document_counts", "dates"):
        for item in d[key]:
            assert ARTICLE[item["start"]:item["end"]] == item["text"]


def test_all_samples_give_valid_json_lines():
    r = runner.invoke(app, ["extract", *map(str, SAMPLES), "--json"])
    assert r.exit_code == 0, r.stderr
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["source"] for o in objs] == [str(p) for p in SAMPLES]
    for o, path in zip(objs, SAMPLES):
        text = path.read_text(encoding="utf-8")
        assert o["stats"]["characters"] == len(text)
        for key in ("money", "sentences", "document_counts"):
            for item in o[key]:
                assert text[item["start"]:item["end"]] == item["text"]
                assert item["rule"]
        for person in o["people"]:
            for m in person["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
    # Together the samples show every category.
    for key in ("people", "money", "sentences", "document_counts", "dates", "cases"):
        assert any(o[key] for o in objs), key


def test_missing_file_is_reported_and_others_still_processed(article, tmp_path):
    missing = tmp_path / "nope.txt"
    r = runner.invoke(app, ["extract", str(article), str(missing), str(article), "--json"])
    assert r.exit_code == 1
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["source"] for o in lines] == [str(article), str(missing), str(article)]
    assert lines[1] == {"source": str(missing), "error": {"type": "InputError", "message": "no such file"}}
    err = r.stderr.strip().splitlines()
    assert err[0] == f"mssnews: error: {missing}: no such file"
    assert err[1].startswith("mssnews: 2 processed, 1 failed in ")
    assert "Traceback" not in r.stderr


def test_undecodable_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Li Ming was paid 5,000 yuan " + bytes(range(0x80, 0x100)) * 4)
    r = runner.invoke(app, ["extract", str(bad), "--json"])
    assert r.exit_code == 1
    message = "cannot decode as UTF-8 or a legacy single-byte encoding (bad byte at offset 28)"
    assert json.loads(r.stdout)["error"]["message"] == message
    assert r.stderr.strip() == f"mssnews: error: {bad}: {message}"


def test_binary_file_refused(tmp_path):
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"%PDF-1.4\x00\x01\x02")
    r = runner.invoke(app, ["extract", str(bad), "--json"])
    assert r.exit_code == 1
    assert "not a text file" in r.stderr


def test_stdin_dash():
    r = runner.invoke(app, ["extract", "-", "--json"], input="Ma Kai was fined 8,000 yuan.")
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert d["source"] == "-"
    assert [(m["amount"], m["currency"], m["person"]) for m in d["money"]] == [(8000, "CNY", "Ma Kai")]


def test_usage_errors_exit_2():
    assert runner.invoke(app, ["extract"]).exit_code == 2
    r = runner.invoke(app, ["extract", "x.txt", "--no-such-option"])
    assert r.exit_code == 2
    assert "No such option" in r.stderr


def test_table_output(article):
    r = runner.invoke(app, ["extract", str(article)], env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert r.exit_code == 0
    out = r.stdout
    for heading in ("Source:", "Title: Spy jailed", "Published: 2024-01-05", "People", "Money",
                    "Sentences", "Cases", "Document counts: none found"):
        assert heading in out
    assert "\x1b[" not in out  # plain when not a terminal
    assert max(len(line) for line in out.splitlines()) <= 80


def test_markup_in_article_is_printed_literally(tmp_path):
    p = tmp_path / "m.txt"
    p.write_text("[bold red]Alert[/bold red] \x1b]8;;http://x\x1b\\\nMa Kai was fined 8,000 yuan.", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(p)])
    assert "[bold red]Alert[/bold red]" in r.stdout
    assert "\x1b" not in r.stdout


def test_schema_command():
    r = runner.invoke(app, ["schema"])
    assert r.exit_code == 0
    s = json.loads(r.stdout)
    assert s["$id"] == "urn:mssnews:schema:1"
    assert s["oneOf"] == [{"$ref": "#/$defs/article"}, {"$ref": "#/$defs/error"}]
    art = s["$defs"]["article"]
    assert set(art["required"]) == {"schema", "source", "title", "published", "stats", "people", "money",
                                    "sentences", "document_counts", "dates", "charges", "cases"}
    assert art["properties"]["charges"]["items"] == {"$ref": "#/$defs/Charge"}
    assert s["$defs"]["Charge"]["properties"]["offence"]["enum"][:2] == ["espionage", "state_secrets"]
    assert "death_with_reprieve" in s["$defs"]["Sentence"]["properties"]["penalty"]["enum"]
    err = s["$defs"]["error"]
    assert err["required"] == ["source", "error"] and err["properties"]["error"] == {"$ref": "#/$defs/ErrorInfo"}
    assert s["$defs"]["ErrorInfo"]["required"] == ["type", "message"]


def test_python_dash_m_and_version():
    r = subprocess.run([sys.executable, "-m", "mssnews", "--version"], capture_output=True, text=True)
    assert r.returncode == 0
    assert r.stdout.startswith("mssnews ")


def test_console_script_missing_file_has_no_traceback(tmp_path):
    exe = Path(sys.executable).with_name("mssnews")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "mssnews"]
    r = subprocess.run(cmd + ["extract", str(tmp_path / "gone.txt"), "--json"], capture_output=True, text=True)
    assert r.returncode == 1
    assert json.loads(r.stdout)["error"]["message"] == "no such file"
    assert r.stderr.strip().splitlines() == [f"mssnews: error: {tmp_path / 'gone.txt'}: no such file"]


def test_short_help_and_version_flags():
    r = runner.invoke(app, ["-h"])
    assert r.exit_code == 0 and r.stdout.startswith("Usage: ")
    r = runner.invoke(app, ["-V"])
    assert (r.exit_code, r.stdout) == (0, "mssnews 0.1.0\n")
    r = runner.invoke(app, ["extract", "-h"])
    assert r.exit_code == 0
    assert "--json " in r.stdout and "<bool>" not in r.stdout
    assert "mssnews extract archive/ --json -o results.jsonl --resume" in r.stdout


def test_sources_that_match_no_file_are_a_usage_error(tmp_path):
    r = runner.invoke(app, ["extract", str(tmp_path), "--json"])
    assert r.exit_code == 2
    assert r.stderr == "mssnews: error: no input: the sources matched no file (folders are searched for --glob '*.txt')\n"


def test_no_color_means_no_escape_codes_at_all(article):
    r = subprocess.run([sys.executable, "-m", "mssnews", "extract", str(article)], capture_output=True, text=True,
                       env={**__import__("os").environ, "NO_COLOR": "1", "FORCE_COLOR": "1", "TERM": "xterm"}, timeout=60)
    assert r.returncode == 0
    assert "Luo" in r.stdout and "\x1b" not in r.stdout


def test_output_file_with_tables_holds_the_full_tables(article, tmp_path):
    out = tmp_path / "tables.txt"
    r = runner.invoke(app, ["extract", str(article), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    shown = runner.invoke(app, ["extract", str(article)]).stdout
    assert out.read_text() == shown
    assert "Sentences" in shown and "fined 20,000 yuan" in shown and "Luo" in shown
    r = runner.invoke(app, ["extract", str(article), "-o", "-"])
    assert r.stdout == shown


def test_one_articles_tables_into_a_closed_pipe_end_quietly_with_exit_0(tmp_path):
    """"mssnews extract a.txt | head": Rich's own handler of a closed pipe exits 1; ours, 0 and silent.
    The tables are larger than a pipe's buffer, so the write does meet the closed pipe."""
    import subprocess
    import sys

    article = tmp_path / "long.txt"
    article.write_text(" ".join(f"Wang Li{k} was fined {k + 1},000 yuan." for k in range(3000)), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "mssnews", "extract", str(article)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.read(100)
    p.stdout.close()
    err = p.stderr.read()
    assert (p.wait(timeout=120), err) == (0, b"")


def test_help_imports_neither_spacy_nor_the_fact_models():
    """`mssnews --help` answers at once: spaCy, pydantic and the result models load only when a
    command needs them."""
    code = ("import sys; sys.argv = ['mssnews', '--help']\n"
            "from mssnews.entry import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('spacy', 'pydantic', 'mssnews.facts.models') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"
