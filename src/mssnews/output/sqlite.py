"""The case database: results in SQLite, one row per fact, with keys between the tables.

The tables of the facts are made from the fact kinds of the registry (facts/registry.py) and
their dataclasses (facts/models.py): one table per kind, named by its JSON key, with a column per
field of the same name (a list of indexes is a JSON list), its `idx` in the article's list, a
`value` as the CSV's, and `person_id` beside a `person`. A new fact kind gets its table with no
change here. Written with the standard library's sqlite3 (no dependency: the schema is ours, with
foreign keys, cascading deletes, indexes and a view, which is a few statements). Each article goes
in one transaction: its old rows (same source) are deleted and its new ones inserted, so a rerun
replaces and an interrupted run leaves every article either whole or absent."""
from __future__ import annotations

import json
import sqlite3
import typing
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Callable, Optional

from mssnews.facts.models import Article, Case, Mention
from mssnews.facts.registry import KINDS
from mssnews.runs.sink import source_key

SCHEMA_VERSION = 2  # (1: hand-written tables, sentences.money_idx; 2: tables from the registry)

_ARTICLES = """CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY, source TEXT NOT NULL, source_key TEXT NOT NULL UNIQUE,
  title TEXT, published TEXT, words INTEGER, schema TEXT,
  error_type TEXT, error_message TEXT, text TEXT);"""

_VIEW = """CREATE VIEW IF NOT EXISTS sentences_by_person AS
  SELECT p.name AS person, a.source, a.published, s.penalty, s.value, s.years, s.months, s.days,
         s.for_life, s.reprieve_years, s.amount, s.currency, s.text, s.article_id, s.person_id
  FROM sentences s JOIN people p ON p.id = s.person_id JOIN articles a ON a.id = s.article_id
  ORDER BY p.name, a.published;"""

_SQL_TYPES = {str: "TEXT", int: "INTEGER", bool: "INTEGER", float: "REAL"}


@dataclass(frozen=True)
class Table:
    """The table of one fact kind (or of the cases, or of a person's mentions)."""
    name: str
    fields: tuple[str, ...]  # the dataclass fields stored, in column order
    types: tuple[str, ...]  # their column types and constraints
    as_json: frozenset[str]  # the fields stored as a JSON list
    value: Optional[Callable[[Any], Any]] = None  # the `value` column (the CSV's value)
    indexed: tuple[str, ...] = ()  # columns with an index, besides person_id
    parent: str = "articles"  # "people": a row of a person (mentions)

    @property
    def person(self) -> bool:
        return "person" in self.fields

    def ddl(self) -> str:
        key = ("person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE" if self.parent == "people"
               else "idx INTEGER NOT NULL")
        cols = ["id INTEGER PRIMARY KEY", "article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE", key]
        cols += [f'"{f}" {t}' for f, t in zip(self.fields, self.types)]
        if self.person:
            cols.append("person_id INTEGER REFERENCES people(id) ON DELETE SET NULL")
        if self.value is not None:
            cols.append("value")  # (no type: a number stays a number, 'life' a text)
        if self.parent == "articles":
            cols.append("UNIQUE (article_id, idx)")
        indexes = (["person_id"] if self.person or self.parent == "people" else []) + list(self.indexed)
        return "\n".join([f"CREATE TABLE IF NOT EXISTS {self.name} (\n  " + ",\n  ".join(cols) + ");",
                          *(f"CREATE INDEX IF NOT EXISTS {self.name}_{c.removesuffix('_id')} ON {self.name}({c});"
                            for c in indexes)])

    def insert(self) -> str:
        cols = ["article_id", "person_id" if self.parent == "people" else "idx", *(f'"{f}"' for f in self.fields)]
        cols += (["person_id"] if self.person else []) + (["value"] if self.value is not None else [])
        return f"INSERT INTO {self.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"

    def row(self, article_id: int, key: int, item: Any, person_ids: dict[str, int]) -> tuple:
        cells = [json.dumps(getattr(item, f)) if f in self.as_json else getattr(item, f) for f in self.fields]
        if self.person:
            cells.append(person_ids.get(item.person))
        if self.value is not None:
            v = self.value(item)
            cells.append(v if v is None or isinstance(v, (int, float)) else str(v))
        return (article_id, key, *cells)


def table_of(name: str, model: type, value=None, indexed: tuple[str, ...] = (), parent: str = "articles") -> Table:
    """The table of a dataclass: a column per field of a plain type, or of a list of indexes
    (as JSON); a list of dataclasses (a person's mentions) is a table of its own."""
    hints = typing.get_type_hints(model)
    stored, types, as_json = [], [], set()
    for f in fields(model):
        tp, optional = _unwrap(hints[f.name])
        if typing.get_origin(tp) is list:
            (arg,) = typing.get_args(tp)
            if is_dataclass(arg):
                continue  # (its own table)
            as_json.add(f.name)
            sql = "TEXT"
        else:
            sql = _SQL_TYPES[tp]
        stored.append(f.name)
        types.append(sql if optional else f"{sql} NOT NULL")
    return Table(name, tuple(stored), tuple(types), frozenset(as_json), value, indexed, parent)


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """(the type, whether None is allowed) of Optional[X] or X."""
    if typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0], True
    return tp, False


FACT_TABLES = tuple(table_of(k.key, k.model, lambda x, k=k: k.csv(x).get("value"), k.indexed) for k in KINDS)
MENTIONS = table_of("mentions", Mention, parent="people")
CASES = table_of("cases", Case)
TABLES = ("articles", *(t.name for t in FACT_TABLES), MENTIONS.name, CASES.name)
DDL = "\n".join([_ARTICLES, *(t.ddl() for t in (*FACT_TABLES, MENTIONS, CASES)), _VIEW])


class DatabaseError(Exception):
    """The file is not a database we can write (not SQLite, or another program's schema)."""


class CaseDB:
    """A case database opened for writing; `add(article, text)` stores one article,
    `add_error(source, type, message)` a source that failed."""

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
            if version == 1 and "articles" in tables:
                raise DatabaseError(f"{path} is a case database of an older mssnews (schema 1; this one writes "
                                    f"{SCHEMA_VERSION}): write to a new file")
            raise DatabaseError(f"{path} is an SQLite database but not an mssnews case database "
                                f"(user_version {version}, tables {', '.join(sorted(tables)[:4])}...)")
        self.db.executescript(DDL)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def done(self) -> set[str]:
        """Source keys of the articles stored without error (what --resume skips)."""
        return {r[0] for r in self.db.execute("SELECT source_key FROM articles WHERE error_type IS NULL")}

    def add(self, article: Article, text: Optional[str] = None) -> None:
        """Store one article, replacing what the database held for its source, in one transaction."""
        self._replace(article.source, lambda key: _insert_article(self.db, article, key, text))

    def add_error(self, source: str, kind: Optional[str], message: Optional[str]) -> None:
        """Store a source that failed (what --resume runs again), replacing what was there."""
        self._replace(source, lambda key: self.db.execute(
            "INSERT INTO articles (source, source_key, error_type, error_message) VALUES (?,?,?,?)",
            (source, key, kind, message)))

    def _replace(self, source: str, insert: Callable[[str], object]) -> None:
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            key = source_key(str(source))
            db.execute("DELETE FROM articles WHERE source_key = ?", (key,))
            insert(key)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()


def _insert_article(db: sqlite3.Connection, a: Article, key: str, text: Optional[str]) -> None:
    aid = db.execute("INSERT INTO articles (source, source_key, title, published, words, schema, text) "
                     "VALUES (?,?,?,?,?,?,?)",
                     (a.source, key, a.title, a.published, (a.stats or {}).get("words"), a.schema, text)).lastrowid
    person_ids: dict[str, int] = {}
    people = next(t for t in FACT_TABLES if t.name == "people")
    for i, p in enumerate(a.people):  # (one by one: each person's id is needed for its mentions)
        pid = db.execute(people.insert(), people.row(aid, i, p, person_ids)).lastrowid
        person_ids.setdefault(p.name, pid)
        db.executemany(MENTIONS.insert(), [MENTIONS.row(aid, pid, m, person_ids) for m in p.mentions])
    for table in (*(t for t in FACT_TABLES if t is not people), CASES):
        db.executemany(table.insert(), [table.row(aid, i, x, person_ids)
                                        for i, x in enumerate(getattr(a, table.name))])
