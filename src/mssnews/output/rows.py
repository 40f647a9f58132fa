"""Output formats built from the JSON objects: CSV rows, the several-articles summary table,
and totals across a results file (`mssnews summarize`)."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from decimal import Decimal
from fractions import Fraction
from typing import Iterable

from rich import box
from rich.table import Table

from mssnews.facts.models import Article
from mssnews.facts.registry import KINDS
from mssnews.facts.views import sentence_value
from mssnews.output.tables import safe

CSV_COLUMNS = ["source", "kind", "text", "value", "currency", "penalty", "detail", "person", "start", "end", "rule",
               "qualifier", "equivalent_of", "part_of", "status", "charges"]


def csv_rows(obj) -> Iterable[list]:
    """One flat row per extracted item of an Article, kind by kind in the registry's order
    (or one row for an error record; a JSON article record is read as its Article)."""
    if isinstance(obj, dict):
        if "error" in obj:
            err = obj["error"]
            yield [obj.get("source"), "error", "", err.get("message"), "", "", err.get("type"), *[""] * 9]
            return
        obj = Article.from_dict(obj)
    for kind in KINDS:
        for item in getattr(obj, kind.key):
            cells = kind.csv(item)
            yield [obj.source, kind.row, *(cells.get(c, "") for c in CSV_COLUMNS[2:])]


_SUMMED = [k for k in KINDS if k.summary]  # the kinds counted per article in the summary table


def summary_table() -> Table:
    t = Table(box=box.SIMPLE_HEAD, title="Articles", title_justify="left", pad_edge=False, collapse_padding=True)
    t.add_column("Source", overflow="fold")
    for k in _SUMMED:
        t.add_column(k.summary, overflow="fold", justify="right")
    t.add_column("Status", overflow="fold")
    return t


class Totals:
    """Running totals over article objects: for the summary row and `summarize`."""

    def __init__(self):
        self.articles = self.failed = 0
        self.items: Counter = Counter()  # facts of each kind (registry key), over all articles
        self.person_articles: Counter = Counter()
        self.sums: dict = defaultdict(int)  # exact (ints and Fractions): no rounding, no overflow
        self.sum_items: Counter = Counter()
        self.penalties: Counter = Counter()
        self.offences: Counter = Counter()
        self.largest: list = []

    def add_checked(self, obj: dict) -> bool:
        """add(obj) for an object read from a file: False (and nothing added) when its
        fields are not of our shapes."""
        if "error" not in obj and not _valid(obj):
            return False
        self.add(obj)
        return True

    def add(self, obj: dict) -> None:
        if "error" in obj:
            self.failed += 1
            return
        self.articles += 1
        for k in _SUMMED:
            self.items[k.key] += len(obj.get(k.key, []))
        for p in obj.get("people", []):
            self.person_articles[p["name"]] += 1
        for m in obj.get("money", []):
            amount = _exact(m.get("amount"))
            if amount is not None and m.get("equivalent_of") is None and m.get("currency"):
                self.sums[str(m["currency"])] += amount
                self.sum_items[str(m["currency"])] += 1
        # A sentence restated in the headline and the body counts once per article.
        for penalty, _value, _person in dict.fromkeys((s["penalty"], str(sentence_value(s)), s.get("person"))
                                                      for s in obj.get("sentences", [])):
            self.penalties[penalty] += 1
        # One per (offence, person) in an article: a charge restated is the same charge.
        for offence, _person in dict.fromkeys((str(c.get("offence")), c.get("person")) for c in obj.get("charges", [])):
            self.offences[offence] += 1
        for c in obj.get("document_counts", []):
            if c.get("part_of") is None:
                self.largest.append((c["count"], c.get("item", ""), c.get("person") or "", obj.get("source", "")))
                self.largest.sort(key=lambda x: -x[0])
                del self.largest[10:]

    def row(self, obj: dict) -> list:
        if "error" in obj:
            return [safe(obj.get("source")), *[""] * len(_SUMMED), safe(f"error: {obj['error'].get('message')}")]
        return [safe(obj.get("source")), *[str(len(obj.get(k.key, []))) for k in _SUMMED], "ok"]

    def total_row(self) -> list:
        status = f"{self.articles} ok" + (f", {self.failed} failed" if self.failed else "")
        return ["Total", *[str(self.items[k.key]) for k in _SUMMED], status]

    def as_dict(self, top: int = 10) -> dict:
        return {
            "articles": self.articles, "failed": self.failed,
            "people": [{"name": n, "articles": k} for n, k in self.person_articles.most_common(top)],
            "money": [{"currency": c, "items": self.sum_items[c], "total": _num(v)}
                      for c, v in sorted(self.sums.items(), key=lambda kv: -self.sum_items[kv[0]])],
            "sentences": [{"penalty": p, "items": k} for p, k in self.penalties.most_common()],
            "charges": [{"offence": o, "items": k} for o, k in self.offences.most_common()],
            "largest_document_counts": [{"count": c, "item": i, "person": p or None, "source": s}
                                        for c, i, p, s in self.largest[:top]],
        }


def _num(v):
    if isinstance(v, int):
        return v
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else round(float(v), 2)
    return int(v) if float(v).is_integer() else round(v, 2)


_FIELDS = {k.key: k.checked for k in KINDS if k.checked}


def _valid(obj: dict) -> bool:
    """Whether the lists Totals reads are lists of objects with the field it reads."""
    for key, (name, kind) in _FIELDS.items():
        items = obj.get(key, [])
        if not isinstance(items, list):
            return False
        for it in items:
            if not isinstance(it, dict) or not isinstance(it.get(name), kind) or isinstance(it.get(name), bool):
                return False
    return True


def _exact(v):
    """An amount as an exact int or Fraction (a float as the decimal it prints as); None for what is not a finite number (1e999 reads as
    infinity) or a bool."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v if isinstance(v, int) else Fraction(Decimal(repr(v)))


def totals_tables(d: dict) -> list[Table]:
    out = []
    t = Table(title="People named most often", box=box.SIMPLE_HEAD, title_justify="left",
              caption=f"{d['articles']} articles, {d['failed']} failed", caption_justify="left")
    t.add_column("Person")
    t.add_column("Articles", justify="right")
    for p in d["people"]:
        t.add_row(safe(p["name"]), str(p["articles"]))
    out.append(t)
    t = Table(title="Sums by currency", box=box.SIMPLE_HEAD, title_justify="left")
    for c in ("Currency", "Items", "Total"):
        t.add_column(c, justify="right" if c != "Currency" else "left")
    for m in d["money"]:
        t.add_row(safe(m["currency"]), str(m["items"]), f"{m['total']:,}")
    out.append(t)
    t = Table(title="Sentences by type", box=box.SIMPLE_HEAD, title_justify="left")
    t.add_column("Penalty")
    t.add_column("Items", justify="right")
    for s in d["sentences"]:
        t.add_row(safe(str(s["penalty"]).replace("_", " ")), str(s["items"]))
    out.append(t)
    t = Table(title="Charges by offence", box=box.SIMPLE_HEAD, title_justify="left")
    t.add_column("Offence")
    t.add_column("Charges", justify="right")
    for c in d.get("charges", []):
        t.add_row(safe(str(c["offence"]).replace("_", " ")), str(c["items"]))
    out.append(t)
    t = Table(title="Largest document counts", box=box.SIMPLE_HEAD, title_justify="left")
    for c in ("Count", "Item", "Person", "Source"):
        t.add_column(c, justify="right" if c == "Count" else "left", overflow="fold")
    for c in d["largest_document_counts"]:
        t.add_row(safe(f"{c['count']:,}"), safe(c["item"]), safe(c["person"]), safe(c["source"]))
    out.append(t)
    return out


def csv_line(row) -> str:
    """One CSV line; None gives the header row. A text cell that a spreadsheet would read as a
    formula (it begins with = + - @, a tab or a carriage return: an article or a file name can
    hold "=HYPERLINK(...)") gets a leading apostrophe, as OWASP advises; numbers stay numbers."""
    import csv
    import io

    if row is None:
        row = CSV_COLUMNS
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(
        ["" if v is None else "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v for v in row])
    line = buf.getvalue()
    if not line.isascii():  # a file name's undecodable bytes (surrogates) as "\udcff", as in the JSON
        line = line.encode("utf-8", "backslashreplace").decode("utf-8")
    return line


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
