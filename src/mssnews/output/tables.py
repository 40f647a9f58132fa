"""Rich tables for people (stdout). Article text is always passed as Text, never as markup,
so "[bold]" or escape sequences in a report are shown literally."""
from __future__ import annotations

import re

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from mssnews.facts.models import Article
from mssnews.facts.registry import KINDS, FactKind
from mssnews.facts.views import Column

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def printable(s: str) -> str:
    """One line of plain text for a message: control and layout characters (ESC, CR, line
    breaks, bidi overrides) and the surrogates that stand for a file name's undecodable bytes
    shown as escapes, so nothing a file name holds can style, move or clear a terminal."""
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), s)


def _escape(ch: str) -> str:
    o = ord(ch)
    return "\\x%02x" % o if o < 0x100 else "\\u%04x" % o


def safe(value) -> Text:
    """Plain text for a cell: control characters (ESC, CR...) shown as visible escapes."""
    if value is None:
        return Text("")
    s = str(value)
    s = _CONTROL.sub(lambda m: _escape(m.group()), s)
    return Text(s)


def _table(title: str, columns: list[str]) -> Table:
    t = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", expand=False, pad_edge=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    return t


def _cell(col: Column, item) -> Text:
    value = col.cell(item)
    if col.refs:
        return safe(", ".join(f"#{k}" for k in value))
    return safe(value)


def kind_table(kind: FactKind, items: list) -> Table:
    """The table of one fact kind: its registry columns, after the index where it has one."""
    t = _table(kind.title, (["#"] if kind.numbered else []) + [c.header for c in kind.columns])
    for i, item in enumerate(items):
        t.add_row(*([str(i)] if kind.numbered else []), *(_cell(c, item) for c in kind.columns))
    return t


def cases_table(a: Article) -> Table:
    """Each person's facts, a column per kind that cases list (Case has a field of each)."""
    kinds = [k for k in KINDS if k.brief]
    t = _table("Cases", ["Person"] + [k.title for k in kinds])
    for c in a.cases:
        cells = []
        for k in kinds:
            items, brief = getattr(a, k.key), k.brief
            cells.append(safe("; ".join(dict.fromkeys(brief(items[i]) for i in getattr(c, k.key) if i < len(items)))))
        t.add_row(safe(c.person), *cells)
    return t


def article_tables(a: Article) -> Group:
    head = Text()
    head.append("Source: ", style="bold")
    head.append_text(safe(a.source))
    if a.title:
        head.append("\nTitle: ", style="bold")
        head.append_text(safe(a.title))
    head.append("\nPublished: ", style="bold")
    head.append(a.published or "unknown")
    s = a.stats
    head.append(f"\n{s['words']:,} words, {s['sentences']:,} sentences", style="dim")
    parts: list = [head]
    for kind in KINDS:
        items = getattr(a, kind.key)
        parts.append(kind_table(kind, items) if items else Text(f"{kind.title}: none found", style="dim"))
    parts.append(cases_table(a) if a.cases else Text("Cases: none found", style="dim"))
    return Group(*parts)


def print_article(console: Console, a: Article) -> None:
    console.print(article_tables(a))
    console.print()
