"""The two outputs that are not a stream of lines: HTML pages and the case database, behind one
interface (`add(record)` of a runs/records.py Record, `done()`, `close()`), their failures as one
StoreError."""
from __future__ import annotations

import os
import sqlite3
from typing import Callable, Optional


class StoreError(Exception):
    """The output cannot be written (message in one line, for the CLI)."""


class _Html:
    def __init__(self, path: Optional[str], several: bool, write_stdout: Callable[[str], object]):
        from mssnews.output.pages import HtmlOutput

        folder = path is not None and (several or os.path.isdir(path) or path.endswith(("/", os.sep)))
        if folder and os.path.exists(path) and not os.path.isdir(path):
            raise StoreError(f"{path} is a file: several articles need a folder for their pages")
        self.shown = path or "standard output"
        try:
            self.out = HtmlOutput(path, folder, write_stdout)
        except OSError as e:
            raise StoreError(f"cannot create {path}: {e.strerror or e}") from None

    def done(self) -> set[str]:
        return set()

    def add(self, rec) -> None:
        try:
            self.out.add(rec)
        except OSError as e:
            raise StoreError(f"cannot write to {self.shown}: {e.strerror or e}") from None

    def close(self) -> None:
        try:
            self.out.close()
        except OSError as e:
            raise StoreError(f"cannot write to {self.shown}: {e.strerror or e}") from None


class _Sqlite:
    def __init__(self, path: str):
        from mssnews.output.sqlite import CaseDB, DatabaseError

        self.path = path
        try:
            self.db = CaseDB(path)
        except DatabaseError as e:
            raise StoreError(str(e)) from None
        except sqlite3.Error as e:
            raise StoreError(f"cannot open {path}: {e}") from None

    def done(self) -> set[str]:
        return self.db.done()

    def add(self, rec) -> None:
        """An article's facts (the Article itself, not its JSON), or the error of a source."""
        try:
            article = rec.as_article()
            if article is None:
                err = rec.error or {}
                self.db.add_error(rec.source, err.get("type"), err.get("message"))
            else:
                self.db.add(article, rec.text)
        except sqlite3.Error as e:
            raise StoreError(f"cannot write to {self.path}: {e}") from None

    def close(self) -> None:
        self.db.close()


def open_store(kind: str, path: Optional[str], several: bool, write_stdout: Callable[[str], object]):
    if kind == "html":
        return _Html(path, several, write_stdout)
    if path is None:
        raise StoreError("the case database needs a file name")
    return _Sqlite(path)
