"""Rich tables for people (stdout). Article text is always passed as Text, never as markup,
so "[bold]" or escape sequences in a report are shown literally."""
from __future__ import annotations

import re

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from mssnews.facts.models import Article

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


def _num(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.3f}".rstrip("0").rstrip(".")
    return f"{int(v):,}"


def _term(s) -> str:
    if s.penalty in ("fine", "confiscation_of_property"):
        return f"{_num(s.amount)} {s.currency or ''}".strip() if s.amount is not None else "all property" if s.penalty == "confiscation_of_property" else ""
    if s.penalty == "death_with_reprieve":
        return f"{_num(s.reprieve_years)}-year reprieve"
    if s.for_life:
        return "life"
    parts = []
    for unit in ("years", "months", "days"):
        v = getattr(s, unit)
        if v:
            parts.append(f"{_num(v)} {unit[:-1] if v == 1 else unit}")
    return ", ".join(parts)


def _table(title: str, columns: list[str]) -> Table:
    t = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", expand=False, pad_edge=False)
    for c in columns:
        t.add_column(c, overflow="fold")
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

    people = _table("People", ["Name", "Age", "Mentions", "Description"])
    for p in a.people:
        people.add_row(safe(p.name + (" (surname)" if p.surname_only else "")), safe(p.age),
                       safe(len(p.mentions)), safe(p.description))
    money = _table("Money", ["#", "Amount", "Cur.", "As written", "Person"])
    for i, m in enumerate(a.money):
        amount = _num(m.amount) if m.amount is not None else "(vague)"
        if m.qualifier and m.qualifier != "vague":
            amount = f"{m.qualifier.replace('_', ' ')} {amount}"
        if m.equivalent_of is not None:
            amount += f" (= #{m.equivalent_of})"
        money.add_row(str(i), safe(amount), safe(m.currency), safe(m.text), safe(m.person))
    sentences = _table("Sentences", ["#", "Penalty", "Term / amount", "As written", "Person"])
    for i, x in enumerate(a.sentences):
        sentences.add_row(str(i), safe(x.penalty.replace("_", " ")), safe(_term(x)), safe(x.text), safe(x.person))
    counts = _table("Document counts", ["#", "Count", "Item", "Level", "Person"])
    for i, c in enumerate(a.document_counts):
        n = _num(c.count) if not c.qualifier else f"{c.qualifier.replace('_', ' ')} {_num(c.count)}"
        counts.add_row(str(i), safe(n), safe(c.item), safe(c.classification), safe(c.person))
    charges = _table("Charges", ["#", "Offence", "Status", "As written", "Person"])
    for i, c in enumerate(a.charges):
        charges.add_row(str(i), safe(c.offence.replace("_", " ")), safe(c.status.replace("_", " ")), safe(c.text),
                        safe(c.person))
    cases = _table("Cases", ["Person", "Money", "Sentences", "Document counts", "Charges"])
    for c in a.cases:
        cases.add_row(safe(c.person),
                      safe("; ".join(f"{_num(a.money[i].amount)} {a.money[i].currency}" for i in c.money)),
                      safe("; ".join(f"{a.sentences[i].penalty.replace('_', ' ')} {_term(a.sentences[i])}".strip() for i in c.sentences)),
                      safe("; ".join(f"{_num(a.document_counts[i].count)} {a.document_counts[i].classification or a.document_counts[i].item}" for i in c.document_counts)),
                      safe("; ".join(dict.fromkeys(a.charges[i].offence.replace("_", " ") for i in c.charges))))
    parts = [head]
    for t, rows in ((people, a.people), (money, a.money), (sentences, a.sentences),
                    (counts, a.document_counts), (charges, a.charges), (cases, a.cases)):
        if rows:
            parts.append(t)
        else:
            parts.append(Text(f"{t.title}: none found", style="dim"))
    return Group(*parts)


def print_article(console: Console, a: Article) -> None:
    console.print(article_tables(a))
    console.print()
