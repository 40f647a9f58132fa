"""The fact kinds, in one place: the list of facts an Article holds, in the order of its fields
and of the JSON, with what each kind is called elsewhere and how it is shown (facts/views.py).
Read by the span groups (docspans.py), the msgpack encoders (docfacts.py), the CSV rows, the
terminal's tables and the HTML view (output/), the several-articles summary and `summarize`'s
checks; the JSON Schema comes from the dataclasses (facts/schema.py). tests/test_registry.py
holds the Article, the schema, the CSV and the tables to it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from mssnews.facts import views as v
from mssnews.facts.models import Charge, DateItem, DocumentCount, Money, Person, Sentence


@dataclass(frozen=True)
class FactKind:
    key: str  # the Article field and JSON key; doc._.mssnews[key]; span group "mssnews_<key>"
    model: type  # the dataclass of one fact
    row: str  # the `kind` cell of its CSV rows; its highlight's class in the HTML view
    span_label: Callable[[Any], str]  # the label of its spans
    title: str  # the caption of its table
    columns: tuple[v.Column, ...]  # its table's columns (the terminal's and the HTML view's)
    value: Callable[[Any], str]  # its value in a few words: a highlight's tooltip
    csv: Callable[[Any], dict[str, Any]]  # its CSV cells, by column name (output/rows.py: CSV_COLUMNS)
    numbered: bool = True  # its table shows each item's index (what sentences, cases and parts refer to)
    brief: Optional[Callable[[Any], str]] = None  # a case's line for it; None: not in the cases (Case field `key`)
    summary: Optional[str] = None  # its column in the several-articles summary table
    checked: Optional[tuple[str, Any]] = None  # the field summarize reads, and its type(s)
    indexed: tuple[str, ...] = ()  # the columns of its case-database table with an index (besides person)


KINDS: tuple[FactKind, ...] = (
    FactKind("people", Person, "person", lambda p: "PERSON", "People", v.PERSON_COLUMNS, v.person_name, v.person_csv,
             numbered=False, summary="People", checked=("name", str), indexed=("name",)),
    FactKind("money", Money, "money", lambda m: "MONEY", "Money", v.MONEY_COLUMNS, v.money_value, v.money_csv,
             brief=v.money_brief, summary="Money", checked=("currency", (str, type(None))), indexed=("currency",)),
    FactKind("sentences", Sentence, "sentence", lambda s: str(s.penalty), "Sentences", v.SENTENCE_COLUMNS,
             v.sentence_words, v.sentence_csv, brief=v.sentence_brief, summary="Sentences", checked=("penalty", str),
             indexed=("penalty",)),
    FactKind("document_counts", DocumentCount, "document_count", lambda c: "DOCUMENTS", "Document counts",
             v.COUNT_COLUMNS, v.count_value, v.count_csv, brief=v.count_brief, summary="Docs", checked=("count", int)),
    FactKind("dates", DateItem, "date", lambda d: "DATE", "Dates", v.DATE_COLUMNS, lambda d: d.date or "(no date)",
             v.date_csv, numbered=False),
    FactKind("charges", Charge, "charge", lambda c: str(c.offence), "Charges", v.CHARGE_COLUMNS, v.charge_value,
             v.charge_csv, brief=lambda c: str(v.words(c.offence)), summary="Charges", checked=("offence", str),
             indexed=("offence",)),
)

BY_KEY = {k.key: k for k in KINDS}


def article_from_dict(d: dict) -> Any:
    """The Article of a JSON record (Article.to_dict() read back, as `mssnews load` or a user's
    own code gets it from a JSON Lines file); keys it does not know are passed over. A ValueError
    says what is missing or of the wrong shape."""
    from dataclasses import fields

    from mssnews.facts.models import Article, Case, Mention

    def make(cls: type, item: Any, where: str) -> Any:
        if not isinstance(item, dict):
            raise ValueError(f"{where}: not an object")
        names = {f.name for f in fields(cls)}
        try:
            return cls(**{k: v for k, v in item.items() if k in names})
        except TypeError as e:
            raise ValueError(f"{where}: {e}") from None

    if not isinstance(d, dict) or "error" in d:
        raise ValueError("not an article record")
    lists: dict[str, list] = {}
    for k in (*KINDS, None):
        key = k.key if k else "cases"
        items = d.get(key, [])
        if not isinstance(items, list):
            raise ValueError(f"{key}: not a list")
        lists[key] = [make(k.model if k else Case, it, f"{key}[{n}]") for n, it in enumerate(items)]
    for n, p in enumerate(lists["people"]):
        p.mentions = [make(Mention, m, f"people[{n}].mentions") for m in (p.mentions or [])]
    top = {k: d.get(k) for k in ("source", "title", "published", "stats")}
    if not isinstance(top["source"], str):
        raise ValueError("source: not a string")
    return Article(**top, **lists, **({"schema": d["schema"]} if isinstance(d.get("schema"), str) else {}))
