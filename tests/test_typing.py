"""The public API is typed (py.typed is shipped): a consumer's code passes `mypy --strict`, the
types are real (a wrong use is caught, not hidden behind Any), and the API modules themselves
pass `mypy --strict`."""
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("mypy")

GOOD = '''
from mssnews import Article, analyze, analyze_many
from mssnews.facts.models import Money, Sentence


def total_cny(text: str) -> float:
    article: Article = analyze(text, source="a.txt")
    return sum(m.amount or 0.0 for m in article.money if m.currency == "CNY")


def terms(items: list[tuple[str, str]]) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for a in analyze_many(items):
        for s in a.sentences:
            if s.person is not None and s.years is not None:
                out.append((s.person, s.years))
    return out


def first(m: list[Money], s: list[Sentence]) -> int:
    return m[0].start + s[0].end
'''

BAD = '''
from mssnews import analyze

a = analyze("x")
n: int = a.money[0].currency
analyze(b"bytes")
a.peeple
'''


def mypy(cwd, *args):
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(cwd / ".mypy"),
                           *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_consumer_passes_mypy_strict_and_wrong_use_is_caught(tmp_path):
    (tmp_path / "good.py").write_text(textwrap.dedent(GOOD))
    (tmp_path / "bad.py").write_text(textwrap.dedent(BAD))
    r = mypy(tmp_path, "good.py", "bad.py")
    errors = sorted(line.split(": error: ")[0] + ": " + line.split("[")[-1]
                    for line in r.stdout.splitlines() if ": error: " in line)
    assert errors == ['bad.py:5: assignment]', 'bad.py:6: arg-type]', 'bad.py:7: attr-defined]'], r.stdout
    assert r.returncode == 1


def test_api_modules_pass_mypy_strict(tmp_path):
    r = mypy(tmp_path, "-m", "mssnews", "-m", "mssnews.api", "-m", "mssnews.facts.models")
    assert r.returncode == 0, r.stdout
    assert r.stdout.startswith("Success: no issues found in 3 source files")
