"""One record per source: its JSON line (or its error), and in the process that analysed it the
Article itself; the JSON writing they share."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional

import orjson


@dataclass
class Record:
    """The outcome for one source: `line` is its JSON object (one line), or `error` is set."""
    source: str
    line: Optional[str] = None
    error: Optional[dict] = None
    text: Optional[str] = None  # the text the offsets refer to, when asked for (HTML, SQLite)
    # The Article itself, in the process that analysed it (never sent between processes: see
    # in_transit), so that the CSV and table writers take it as it is, not read back from `line`.
    article: Optional[Any] = None

    def json_line(self) -> str:
        if self.line is not None:
            return self.line
        return dumps({"source": self.source, "error": self.error})

    def as_article(self) -> Any:
        """The Article of a record that holds one (read back from its line if it came from
        another process); None for an error record."""
        if self.error is not None:
            return None
        if self.article is None:
            from mssnews.facts.models import Article

            self.article = Article.from_dict(json.loads(self.json_line()))
        return self.article

    def as_dict(self) -> dict:
        """The record's JSON object (an article's to_dict(), or the error record)."""
        article = self.as_article()
        return article.to_dict() if article is not None else {"source": self.source, "error": self.error}


def in_transit(records: list[Record]) -> list[Record]:
    """The records as they go between processes: their lines, not their Articles."""
    for r in records:
        r.article = None
    return records


def error_record(source: str, kind: str, message: str) -> Record:
    return Record(source=source, error={"type": kind, "message": message})


def dumps(d: dict) -> str:
    """One JSON object on one line, compact and in UTF-8. orjson writes it about five times as
    fast as the json module (it was a tenth of a single-process run); what orjson refuses (an
    integer beyond 64 bits) is written by json in the same layout. Non-finite floats become
    null with orjson (json would write NaN, which is not JSON)."""
    try:
        return orjson.dumps(d).decode()
    except TypeError:  # orjson.JSONEncodeError
        line = json.dumps(d, ensure_ascii=False, separators=(",", ":"))
    try:
        line.encode("utf-8")
        return line
    except UnicodeEncodeError:  # a file name's undecodable bytes, kept as surrogates: escaped
        return json.dumps(d, ensure_ascii=True, separators=(",", ":"))


def article_line(article) -> str:
    """dumps(article.to_dict()), with less copying on the way (see Article.to_json_parts)."""
    try:
        return orjson.dumps(article.to_json_parts()).decode()
    except TypeError:  # orjson.JSONEncodeError: see dumps
        return dumps(article.to_dict())
