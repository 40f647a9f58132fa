"""The case database: results in SQLite, one row per fact, with keys between the tables.

Written with the standard library's sqlite3 (no dependency: the schema is ours, with foreign
keys, cascading deletes, indexes and a view, which is a few statements). Each article goes in
one transaction: its old rows (same source) are deleted and its new ones inserted, so a rerun
replaces and an interrupted run leaves every article either whole or absent."""
from __future__ import annotations

import json
import sqlite3
from typing import Optional

from mssnews.facts.views import sentence_value
from mssnews.runs.sink import source_key

SCHEMA_VERSION = 1

_DDL = """
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY, source TEXT NOT NULL, source_key TEXT NOT NULL UNIQUE,
  title TEXT, published TEXT, words INTEGER, schema TEXT,
  error_type TEXT, error_message TEXT, text TEXT);
CREATE TABLE IF NOT EXISTS people (
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, name TEXT NOT NULL, surname TEXT, surname_only INTEGER, age INTEGER,
  description TEXT, role INTEGER, rule TEXT, UNIQUE (article_id, idx));
CREATE TABLE IF NOT EXISTS mentions (
  id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS money (
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, person TEXT, person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
  amount REAL, currency TEXT, qualifier TEXT, equivalent_of INTEGER,
  text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, rule TEXT, UNIQUE (article_id, idx));
CREATE TABLE IF NOT EXISTS sentences (
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, person TEXT, person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
  penalty TEXT NOT NULL, value NUMERIC, years REAL, months REAL, days REAL, for_life INTEGER,
  reprieve_years REAL, amount REAL, currency TEXT, money_idx INTEGER, charges TEXT,
  text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, rule TEXT, UNIQUE (article_id, idx));
CREATE TABLE IF NOT EXISTS document_counts (
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, person TEXT, person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
  count INTEGER NOT NULL, item TEXT, classification TEXT, qualifier TEXT, part_of INTEGER,
  text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, rule TEXT, UNIQUE (article_id, idx));
CREATE TABLE IF NOT EXISTS charges (
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, person TEXT, person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
  offence TEXT NOT NULL, status TEXT NOT NULL,
  text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, rule TEXT, UNIQUE (article_id, idx));
CREATE TABLE IF NOT EXISTS dates (
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, date TEXT, published INTEGER,
  text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, rule TEXT, UNIQUE (article_id, idx));
CREATE TABLE IF NOT EXISTS cases (
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  person TEXT NOT NULL, person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
  money TEXT, sentences TEXT, document_counts TEXT, charges TEXT);
CREATE INDEX IF NOT EXISTS people_name ON people(name);
CREATE INDEX IF NOT EXISTS mentions_person ON mentions(person_id);
CREATE INDEX IF NOT EXISTS money_person ON money(person_id);
CREATE INDEX IF NOT EXISTS money_currency ON money(currency);
CREATE INDEX IF NOT EXISTS sentences_person ON sentences(person_id);
CREATE INDEX IF NOT EXISTS sentences_penalty ON sentences(penalty);
CREATE INDEX IF NOT EXISTS document_counts_person ON document_counts(person_id);
CREATE INDEX IF NOT EXISTS charges_person ON charges(person_id);
CREATE INDEX IF NOT EXISTS charges_offence ON charges(offence);
CREATE INDEX IF NOT EXISTS cases_person ON cases(person_id);
CREATE VIEW IF NOT EXISTS sentences_by_person AS
  SELECT p.name AS person, a.source, a.published, s.penalty, s.value, s.years, s.months, s.days,
         s.for_life, s.reprieve_years, s.amount, s.currency, s.text, s.article_id, s.person_id
  FROM sentences s JOIN people p ON p.id = s.person_id JOIN articles a ON a.id = s.article_id
  ORDER BY p.name, a.published;
"""

TABLES = ("articles", "people", "mentions", "money", "sentences", "document_counts", "charges", "dates", "cases")


class DatabaseError(Exception):
    """The file is not a database we can write (not SQLite, or another program's schema)."""


class CaseDB:
    """A case database opened for writing; `add(record, text)` stores one article or error."""

    def __init__(self, path: str):
        self.path = path
        try:
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as e:
            raise DatabaseError(f"{path} is not an SQLite database ({e})") from None
        if tables and version != SCHEMA_VERSION:
            self.db.close()
            raise DatabaseError(f"{path} is an SQLite database but not an mssnews case database "
                                f"(user_version {version}, tables {', '.join(sorted(tables)[:4])}...)")
        self.db.executescript(_DDL)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def done(self) -> set[str]:
        """Source keys of the articles stored without error (what --resume skips)."""
        return {r[0] for r in self.db.execute("SELECT source_key FROM articles WHERE error_type IS NULL")}

    def add(self, obj: dict, text: Optional[str] = None) -> None:
        """Store one record, replacing what the database held for its source, in one transaction."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            key = source_key(str(obj.get("source")))
            db.execute("DELETE FROM articles WHERE source_key = ?", (key,))
            if "error" in obj:
                err = obj.get("error") or {}
                db.execute("INSERT INTO articles (source, source_key, error_type, error_message) VALUES (?,?,?,?)",
                           (obj.get("source"), key, err.get("type"), err.get("message")))
            else:
                _insert_article(db, obj, key, text)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()


def _insert_article(db: sqlite3.Connection, obj: dict, key: str, text: Optional[str]) -> None:
    cur = db.execute("INSERT INTO articles (source, source_key, title, published, words, schema, text) "
                     "VALUES (?,?,?,?,?,?,?)",
                     (obj.get("source"), key, obj.get("title"), obj.get("published"),
                      (obj.get("stats") or {}).get("words"), obj.get("schema"), text))
    aid = cur.lastrowid
    person_ids: dict[str, int] = {}
    for i, p in enumerate(obj.get("people", [])):
        pid = db.execute("INSERT INTO people (article_id, idx, name, surname, surname_only, age, description, role, rule) "
                         "VALUES (?,?,?,?,?,?,?,?,?)",
                         (aid, i, p["name"], p.get("surname"), p.get("surname_only"), p.get("age"), p.get("description"),
                          p.get("role"), p.get("rule"))).lastrowid
        person_ids.setdefault(p["name"], pid)
        db.executemany("INSERT INTO mentions (person_id, article_id, start, \"end\", text) VALUES (?,?,?,?,?)",
                       [(pid, aid, m["start"], m["end"], m["text"]) for m in p.get("mentions", [])])

    def common(i, d):
        return (aid, i, d.get("person"), person_ids.get(d.get("person")))

    def place(d):
        return (d["text"], d["start"], d["end"], d.get("rule"))

    db.executemany("INSERT INTO money (article_id, idx, person, person_id, amount, currency, qualifier, equivalent_of, "
                   "text, start, \"end\", rule) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   [(*common(i, m), m.get("amount"), m.get("currency"), m.get("qualifier"), m.get("equivalent_of"),
                     *place(m)) for i, m in enumerate(obj.get("money", []))])
    db.executemany("INSERT INTO sentences (article_id, idx, person, person_id, penalty, value, years, months, days, "
                   "for_life, reprieve_years, amount, currency, money_idx, charges, text, start, \"end\", rule) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   [(*common(i, s), s["penalty"], _text_value(sentence_value(s)), s.get("years"), s.get("months"),
                     s.get("days"), s.get("for_life"), s.get("reprieve_years"), s.get("amount"), s.get("currency"),
                     s.get("money"), json.dumps(s.get("charges", [])), *place(s))
                    for i, s in enumerate(obj.get("sentences", []))])
    db.executemany("INSERT INTO document_counts (article_id, idx, person, person_id, count, item, classification, "
                   "qualifier, part_of, text, start, \"end\", rule) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   [(*common(i, c), c["count"], c.get("item"), c.get("classification"), c.get("qualifier"),
                     c.get("part_of"), *place(c)) for i, c in enumerate(obj.get("document_counts", []))])
    db.executemany("INSERT INTO charges (article_id, idx, person, person_id, offence, status, text, start, \"end\", rule) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?)",
                   [(*common(i, c), c["offence"], c["status"], *place(c)) for i, c in enumerate(obj.get("charges", []))])
    db.executemany("INSERT INTO dates (article_id, idx, date, published, text, start, \"end\", rule) "
                   "VALUES (?,?,?,?,?,?,?,?)",
                   [(aid, i, d.get("date"), d.get("published"), *place(d)) for i, d in enumerate(obj.get("dates", []))])
    db.executemany("INSERT INTO cases (article_id, person, person_id, money, sentences, document_counts, charges) "
                   "VALUES (?,?,?,?,?,?,?)",
                   [(aid, c["person"], person_ids.get(c["person"]), *(json.dumps(c.get(k, [])) for k in
                                                                         ("money", "sentences", "document_counts", "charges")))
                    for c in obj.get("cases", [])])


def _text_value(v):
    """A sentence's value as the scorer reads it: years (a number), 'life', a reprieve or a sum."""
    return v if v is None or isinstance(v, (int, float)) else str(v)
