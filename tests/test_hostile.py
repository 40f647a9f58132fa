"""Hostile and messy input: encodings, binary files, empty, huge, wrapped, markup, pipes."""
import importlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mssnews import analyze
from mssnews.cli import app
from mssnews.runs.inputs import InputError, decode

runner = CliRunner()
analyze_mod = importlib.import_module("mssnews.api")
ROOT = Path(__file__).resolve().parent.parent
TEXT = "Lai Chung-yu (賴重宇) was paid NT$250,000 and sentenced to eight years in prison, “a just verdict”."


def facts(text, charges=False):
    d = analyze(text).to_dict()
    for key in ("money", "sentences", "document_counts", "dates"):
        for item in d[key]:
            assert text[item["start"]:item["end"]] == item["text"]
    return ([p["name"] for p in d["people"]], [(m["amount"], m["currency"], m["person"]) for m in d["money"]],
            [(s["penalty"], s["years"], s["months"], s["for_life"], s["amount"], s["person"]) for s in d["sentences"]],
            [(c["count"], c["classification"], c["person"]) for c in d["document_counts"]], d["published"],
            ([(c["offence"], c["status"], c["person"], c["start"]) for c in d["charges"]],
             [s["charges"] for s in d["sentences"]], d["cases"]) if charges else None)


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"), b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT.encode("utf-16"),
    b"\xfe\xff" + TEXT.encode("utf-16-be"),
])
def test_unicode_encodings(data):
    assert decode(data) == TEXT


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_legacy_single_byte(codec):
    text = "Müller, the café owner, was fined 5,000 euros and paid “Zhou Min” 300 yuan."
    if codec == "latin-1":
        text = text.replace("“", '"').replace("”", '"')
    assert decode(text.encode(codec)) == text


def test_chinese_characters_do_not_break_names():
    a = analyze(TEXT)
    assert [p.name for p in a.people] == ["Lai Chung-yu"]
    assert a.sentences[0].person == "Lai Chung-yu"


@pytest.mark.parametrize("data,what", [
    (b"abc\x00def", "it holds NUL bytes"), (b"%PDF-1.7\n%...", "it looks like a PDF document"),
    (b"\x89PNG\r\n\x1a\n....", "it looks like a PNG image"), (b"PK\x03\x04....", "it looks like a ZIP archive (or an Office document)"),
    (b"\x1f\x8b\x08\x00....", "it looks like a gzip archive"), (b"\x01\x02\x03\x04 x" * 50, "too many control characters"),
])
def test_binary_is_refused(data, what):
    with pytest.raises(InputError, match=r"^not a text file \(" + what.replace("(", r"\(").replace(")", r"\)") + r"\)$"):
        decode(data)


@pytest.mark.parametrize("content", ["", "   \n\t\n  "])
def test_empty_file_is_an_empty_result(tmp_path, content):
    p = tmp_path / "empty.txt"
    p.write_text(content)
    r = runner.invoke(app, ["extract", str(p), "--json"])
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert (d["people"], d["money"], d["sentences"], d["document_counts"]) == ([], [], [], [])


def test_long_text_in_pieces_keeps_offsets(monkeypatch):
    text = (ROOT / "samples" / "espionage-photographer.txt").read_text()
    whole = facts(text, charges=True)
    assert whole[-1][0]  # (the sample has charges: the pieces must keep them)
    monkeypatch.setattr(analyze_mod, "MAX_PIECE", 300)
    cuts = analyze_mod.pieces(text, 300)
    assert cuts[0] == (0, text.rindex("\n", 0, 300) + 1)  # after the last line break that fits
    assert all(b - a <= 300 and text[b - 1] == "\n" for a, b in cuts[:-1])
    assert cuts[-1][1] == len(text) and all(cuts[i][1] == cuts[i + 1][0] for i in range(len(cuts) - 1))
    assert facts(text, charges=True) == whole


def test_text_over_spacy_max_length_is_processed(tmp_path):
    body = (ROOT / "samples" / "bribery-court.txt").read_text()
    text = (body + "\n\n") * (1_100_000 // len(body))
    assert len(text) > 1_000_000
    p = tmp_path / "big.txt"
    p.write_text(text)
    r = runner.invoke(app, ["extract", str(p), "--json"])
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["stats"]["characters"] == len(text)
    last = d["money"][-1]
    assert text[last["start"]:last["end"]] == last["text"] and last["start"] > 1_000_000
    assert [p["name"] for p in d["people"]] == ["Tao Jianguo", "Rong Meifang"]


def test_max_chars_refuses_with_a_clear_message(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("x" * 500)  # over 4 bytes a character: reading stops at the byte limit
    r = runner.invoke(app, ["extract", str(p), "--json", "--max-chars", "100"])
    assert r.exit_code == 1
    assert r.stderr.strip() == f"mssnews: error: {p}: text is over 100 characters, over --max-chars 100"
    p.write_text("x" * 150)  # under the byte limit: the characters are counted
    r = runner.invoke(app, ["extract", str(p), "--json", "--max-chars", "100"])
    assert r.stderr.strip() == f"mssnews: error: {p}: text is 150 characters, over --max-chars 100"


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.txt")), ids=lambda p: p.name)
@pytest.mark.parametrize("width", [50, 72])
def test_hard_wrapped_and_windows_text_give_the_same_facts(sample, width):
    text = sample.read_text()
    wrapped = "\n".join(textwrap.fill(par, width) for par in text.split("\n"))
    assert facts(wrapped) == facts(text)
    assert facts(wrapped.replace("\n", "\r\n")) == facts(text)


def test_markup_and_escapes_are_shown_literally(tmp_path):
    p = tmp_path / "m.txt"
    p.write_text("[bold red]Zhou Min[/bold red] \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07 \rover\n"
                 "[link=http://evil]Zhou Min[/link] was fined 9,000 yuan.", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(p)], env={"COLUMNS": "200"})
    assert r.exit_code == 0
    assert "\x1b" not in r.stdout and "\r" not in r.stdout and "\x07" not in r.stdout
    assert "[bold red]Zhou Min[/bold red]" in r.stdout
    assert "\\x1b[31mred" in r.stdout


def test_closed_stdout_ends_quietly(tmp_path):
    for i in range(200):
        (tmp_path / f"{i:03d}.txt").write_text(f"Zhou Min was fined {i + 1},000 yuan.\n")
    proc = subprocess.Popen([sys.executable, "-m", "mssnews", "extract", str(tmp_path), "--json", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert json.loads(first)["source"].endswith("000.txt")
    assert err == ""
    assert proc.returncode == 0


def test_long_runs_are_broken_for_the_tokenizer_only():
    from mssnews.cleanup import break_long_runs

    text = "Zhou Min was fined 9,000 yuan. " + "$" * 1000 + " end"
    seen = break_long_runs(text)
    assert len(seen) == len(text)
    assert max(len(w) for w in seen.split()) <= 20
    assert seen.startswith("Zhou Min was fined 9,000 yuan. ")
    a = analyze(text)
    assert a.money[0].text == "9,000 yuan" and a.stats["characters"] == len(text)


def test_megabyte_of_dollar_signs_and_capitals_finishes(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_text("$" * 300_000 + "\n" + "Zhang " * 50_000, encoding="utf-8")
    r = runner.invoke(app, ["extract", str(p), "--json"])
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert d["stats"]["characters"] == 300_001 + 300_000


def test_control_bytes_counted_exactly_at_the_five_percent_line():
    from mssnews.runs.inputs import InputError, decode

    assert decode(b"a" * 95 + b"\x01" * 5) == "a" * 95 + "\x01" * 5  # 5%: still text
    with pytest.raises(InputError, match="too many control characters"):
        decode(b"a" * 94 + b"\x01" * 6)  # 6%
    # tab, line feed, form feed, carriage return and escape are not counted
    assert decode(b"\t\n\x0c\r\x1b" * 20) == "\t\n\x0c\r\x1b" * 20


def test_reading_a_directory_or_a_missing_file_names_the_reason(tmp_path):
    from mssnews.runs.inputs import InputError, read_source

    with pytest.raises(InputError, match="^is a directory$"):
        read_source(str(tmp_path))
    with pytest.raises(InputError, match="^no such file$"):
        read_source(str(tmp_path / "missing.txt"))
