"""The SQLite case database: tables and keys, exact rows, the view, replace on rerun, --resume,
`mssnews load`, an interrupted article, and files that are not our database."""
import sqlite3
from dataclasses import dataclass, field, fields, replace
from typing import Optional

import pytest
from typer.testing import CliRunner

from mssnews.cli import app
from mssnews.facts.models import Article, Money, Person
from mssnews.facts.registry import KINDS
from mssnews.output.sqlite import TABLES, CaseDB, table_of

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
    good = Article(source="a.txt", title=None, published=None, stats={"characters": 9, "words": 3, "sentences": 1},
                   people=[Person(name="Li", surname="Li", surname_only=True)], money=[], sentences=[],
                   document_counts=[], dates=[], cases=[])
    db.add(good)
    broken = replace(good, people=[], money=[Money(text="5 yuan", start=0, end=6, rule="m"),
                                             Money(text=None, start=1, end=2, rule="m")])  # (text is NOT NULL)
    with pytest.raises(sqlite3.IntegrityError):
        db.add(broken)
    db.close()
    path = str(tmp_path / "cases.db")
    assert rows(path, "SELECT name FROM people") == [("Li",)]
    assert rows(path, "SELECT COUNT(*) FROM money") == [(0,)]


def test_every_fact_kind_has_a_table_with_a_column_per_field(sources, tmp_path):
    db = tmp_path / "cases.db"
    assert extract(*sources, "-o", db).exit_code == 0
    for kind in KINDS:
        columns = [r[1] for r in rows(db, f"PRAGMA table_info({kind.key})")]
        stored = [f.name for f in fields(kind.model) if f.name != "mentions"]
        extra = ["person_id"] if "person" in stored else []
        assert columns == ["id", "article_id", "idx", *stored, *extra, "value"], kind.key
    assert [r[1] for r in rows(db, "PRAGMA table_info(cases)")] == [
        "id", "article_id", "idx", "person", "money", "sentences", "document_counts", "charges", "person_id"]
    # a sentence's money and charges are the JSON's indexes; its value the CSV's
    assert rows(db, "SELECT penalty, money, charges, value FROM sentences WHERE person = 'Zhao'") == [
        ("death_with_reprieve", None, "[0]", 2), ("fine", 0, "[0]", 200000)]


def test_a_new_fact_kind_gets_its_table_from_its_dataclass():
    @dataclass
    class Vehicle:
        text: str
        start: int
        end: int
        person: Optional[str] = None
        seats: Optional[int] = None
        weight: float = 0.0
        seen_in: list[int] = field(default_factory=list)

    table = table_of("vehicles", Vehicle, value=lambda v: v.seats, indexed=("seats",))
    con = sqlite3.connect(":memory:")
    con.executescript("CREATE TABLE articles (id INTEGER PRIMARY KEY); CREATE TABLE people (id INTEGER PRIMARY KEY);"
                      "INSERT INTO articles VALUES (1); INSERT INTO people VALUES (7);" + table.ddl())
    con.execute(table.insert(), table.row(1, 0, Vehicle("a van", 3, 8, "Li", 9, 2.5, [0, 2]), {"Li": 7}))
    assert con.execute("SELECT article_id, idx, text, start, \"end\", person, seats, weight, seen_in, person_id, value "
                       "FROM vehicles").fetchall() == [(1, 0, "a van", 3, 8, "Li", 9, 2.5, "[0, 2]", 7, 9)]
    assert {r[1] for r in con.execute("PRAGMA index_list(vehicles)")} >= {"vehicles_person", "vehicles_seats"}
    assert [(r[1], r[2], r[3]) for r in con.execute("PRAGMA table_info(vehicles)")][3:6] == [
        ("text", "TEXT", 1), ("start", "INTEGER", 1), ("end", "INTEGER", 1)]  # (name, type, NOT NULL)
    assert [(r[1], r[3]) for r in con.execute("PRAGMA table_info(vehicles)")][6:9] == [
        ("person", 0), ("seats", 0), ("weight", 1)]


def test_a_case_database_of_the_older_schema_is_refused_not_changed(sources, tmp_path):
    old = tmp_path / "old.db"
    con = sqlite3.connect(old)
    con.executescript("CREATE TABLE articles (id INTEGER PRIMARY KEY, source TEXT); PRAGMA user_version = 1;")
    con.close()
    before = old.read_bytes()
    r = extract(sources[0], "-o", old)
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines() == [
        f"mssnews: error: {old} is a case database of an older mssnews (schema 1; this one writes 2): "
        "write to a new file"]
    assert old.read_bytes() == before


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


def test_the_readme_lists_every_table_and_column(sources, tmp_path):
    import re
    from pathlib import Path

    db = tmp_path / "cases.db"
    assert extract(*sources, "-o", db).exit_code == 0
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    block = readme.split("<!-- sqlite-tables -->")[1].split("\n\n")[0]
    listed = {}
    for line in block.strip().splitlines()[2:]:
        table, _what, columns = [c.strip() for c in line.strip("|").split("|")]
        listed[table.strip("`")] = re.findall(r"`([a-z_]+)`", re.sub(r"\([^)]*\)", "", columns))
    assert set(listed) == set(TABLES)
    for table, columns in listed.items():
        assert columns == [r[1] for r in rows(db, f"PRAGMA table_info({table})")][1:], table
