"""The SQLite case database: tables and keys, exact rows, the view, replace on rerun, --resume,
`mssnews load`, an interrupted article, and files that are not our database."""
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from mssnews.cli import app
from mssnews.output.sqlite import TABLES, CaseDB

runner = CliRunner()

ZHAO = ("Clerk jailed\n\nBEIJING, March 3, 2025 - A former clerk surnamed Zhao was sentenced to death with a "
        "two-year reprieve for espionage and fined 200,000 yuan.\n")
LI = ("Engineer sentenced\n\nA man surnamed Li was sentenced to 6 years in prison and fined 5,000 yuan. "
      "Li had taken 30 documents.\n")


@pytest.fixture
def sources(tmp_path):
    a, b = tmp_path / "zhao.txt", tmp_path / "li.txt"
    a.write_text(ZHAO)
    b.write_text(LI)
    return a, b


def rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def extract(*args):
    return runner.invoke(app, ["extract", *map(str, args), "--format", "sqlite", "-q"])


def test_tables_rows_and_view(sources, tmp_path):
    db = tmp_path / "cases.db"
    r = extract(*sources, "-o", db)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    names = {n for (n,) in rows(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert names == set(TABLES) | {"sentences_by_person"}
    assert rows(db, "SELECT source, title, published, text IS NOT NULL FROM articles ORDER BY id") == [
        (str(sources[0]), "Clerk jailed", "2025-03-03", 1), (str(sources[1]), "Engineer sentenced", None, 1)]
    assert rows(db, "SELECT person, penalty, value, reprieve_years, amount, currency FROM sentences_by_person") == [
        ("Li", "imprisonment", 6, None, None, None), ("Li", "fine", 5000, None, 5000.0, "CNY"),
        ("Zhao", "death_with_reprieve", 2, 2.0, None, None), ("Zhao", "fine", 200000, None, 200000.0, "CNY")]
    start = ZHAO.index("200,000 yuan")
    assert rows(db, "SELECT m.text, m.start, m.\"end\", m.amount, p.name FROM money m JOIN people p "
                    "ON p.id = m.person_id JOIN articles a ON a.id = m.article_id WHERE a.source = ?",
                str(sources[0])) == [("200,000 yuan", start, start + 12, 200000.0, "Zhao")]
    assert rows(db, "SELECT offence, status, person FROM charges") == [("espionage", "convicted", "Zhao")]
    assert rows(db, "SELECT count, person FROM document_counts") == [(30, "Li")]
    assert rows(db, "SELECT person, sentences, charges FROM cases ORDER BY person") == [
        ("Li", "[0, 1]", "[]"), ("Zhao", "[0, 1]", "[0]")]
    assert rows(db, "SELECT COUNT(*) FROM mentions m JOIN people p ON p.id = m.person_id WHERE p.name = 'Li'") == [(2,)]
    indexes = {n for (n,) in rows(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    assert {"people_name", "sentences_person", "sentences_penalty", "charges_offence"} <= indexes


def test_rerun_replaces_and_resume_skips(sources, tmp_path):
    db = tmp_path / "cases.db"
    assert extract(*sources, "-o", db).exit_code == 0
    counts = [rows(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in TABLES]
    assert extract(*sources, "-o", db).exit_code == 0
    assert [rows(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in TABLES] == counts
    sources[1].write_text("A man surnamed Li was fined 9,000 yuan.\n")
    r = runner.invoke(app, ["extract", str(sources[0]), str(sources[1]), "--format", "sqlite", "-o", str(db),
                            "--resume"])
    assert r.exit_code == 0
    assert "0 processed, 0 failed" in r.stderr  # both were there: skipped, the old Li rows kept
    assert rows(db, "SELECT amount FROM money WHERE person = 'Li'") == [(5000.0,)]
    assert extract(sources[1], "-o", db).exit_code == 0  # without --resume: replaced
    assert rows(db, "SELECT amount FROM money WHERE person = 'Li'") == [(9000.0,)]
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(2,)]


def test_failed_source_is_stored_and_retried_on_resume(sources, tmp_path):
    db = tmp_path / "cases.db"
    gone = tmp_path / "later.txt"
    r = extract(sources[0], gone, "-o", db)
    assert r.exit_code == 1
    assert rows(db, "SELECT error_type, error_message FROM articles WHERE error_type IS NOT NULL") == [
        ("InputError", "no such file")]
    gone.write_text(LI)
    r = runner.invoke(app, ["extract", str(sources[0]), str(gone), "--format", "sqlite", "-o", str(db), "--resume"])
    assert r.exit_code == 0
    assert "1 processed, 0 failed" in r.stderr
    assert rows(db, "SELECT COUNT(*), COUNT(error_type) FROM articles") == [(2, 0)]


def test_interrupted_article_leaves_the_database_as_it_was(tmp_path):
    db = CaseDB(str(tmp_path / "cases.db"))
    good = {"schema": "mssnews/1", "source": "a.txt", "title": None, "published": None, "stats": {"words": 3},
            "people": [{"name": "Li", "surname": "Li", "surname_only": True, "mentions": []}],
            "money": [], "sentences": [], "document_counts": [], "dates": [], "charges": [], "cases": []}
    db.add(good)
    broken = dict(good, people=[], money=[{"text": "5 yuan", "start": 0, "end": 6}, {"start": 1}])  # no "text"
    with pytest.raises(KeyError):
        db.add(broken)
    db.close()
    path = str(tmp_path / "cases.db")
    assert rows(path, "SELECT name FROM people") == [("Li",)]
    assert rows(path, "SELECT COUNT(*) FROM money") == [(0,)]


def test_load_existing_results(sources, tmp_path):
    results = tmp_path / "results.jsonl"
    r = runner.invoke(app, ["extract", *map(str, sources), "--json", "-o", str(results), "-q"])
    assert r.exit_code == 0
    with results.open("a") as f:
        f.write("not json\n")
    db = tmp_path / "cases.db"
    r = runner.invoke(app, ["load", str(results), str(db)])
    assert r.exit_code == 0, r.stderr
    assert "line 3: not an mssnews record, skipped" in r.stderr
    assert "2 records loaded into" in r.stderr and "1 lines skipped" in r.stderr
    assert rows(db, "SELECT COUNT(*), COUNT(text) FROM articles") == [(2, 0)]
    r = runner.invoke(app, ["load", str(results), str(db)])
    assert rows(db, "SELECT COUNT(*) FROM sentences") == [(4,)]  # replaced, not doubled
    r = runner.invoke(app, ["load", "-", str(db)], input=results.read_text().splitlines()[0] + "\n")
    assert r.exit_code == 0


def test_load_refuses_what_is_not_ours(sources, tmp_path):
    csv = tmp_path / "items.csv"
    csv.write_text("source,kind\na,b\n")
    r = runner.invoke(app, ["load", str(csv), str(tmp_path / "cases.db")])
    assert r.exit_code == 1
    assert "holds no mssnews records" in r.stderr
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE accounts (id INTEGER)")
    con.commit()
    con.close()
    r = extract(sources[0], "-o", other)
    assert r.exit_code == 1
    assert "not an mssnews case database" in r.stderr
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    r = extract(sources[0], "-o", junk)
    assert r.exit_code == 1
    assert "is not an SQLite database" in r.stderr
    r = runner.invoke(app, ["extract", str(sources[0]), "--format", "sqlite"])
    assert r.exit_code == 2
    assert "--format sqlite needs --output FILE" in r.stderr
    r = runner.invoke(app, ["load", str(tmp_path / "none.jsonl"), str(tmp_path / "c.db")])
    assert r.exit_code == 1 and "no such file" in r.stderr


def test_readme_queries_run(sources, tmp_path):
    db = tmp_path / "cases.db"
    assert extract(*sources, "-o", db).exit_code == 0
    from pathlib import Path
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    block = readme.split("<!-- sqlite-queries -->")[1].split("```sql")[1].split("```")[0]
    queries = [q.strip() for q in block.split(";") if q.strip()]
    assert len(queries) == 3
    assert rows(db, queries[0]) == [("2025", "Zhao", "death_with_reprieve", 2)]
    assert rows(db, queries[1]) == [("Zhao", 200000.0), ("Li", 5000.0)]
    assert rows(db, queries[2]) == []
