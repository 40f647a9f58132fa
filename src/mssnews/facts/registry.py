"""The fact kinds, in one place: the list of facts an Article holds, in the order of its fields
and of the JSON, with what each kind is called elsewhere. Read by the span groups
(docspans.py), the msgpack encoders (docfacts.py), the JSON Schema (schema.py), the CSV rows,
the several-articles summary and `summarize`'s checks (output/rows.py); tests/test_registry.py
holds the Article, the schema and the CSV to it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from mssnews.facts.models import Charge, DateItem, DocumentCount, Money, Person, Sentence


@dataclass(frozen=True)
class FactKind:
    key: str  # the Article field and JSON key; doc._.mssnews[key]; span group "mssnews_<key>"
    model: type  # the dataclass of one fact
    row: str  # the `kind` cell of its CSV rows
    span_label: Callable[[Any], str]  # the label of its spans
    summary: Optional[str] = None  # its column in the several-articles summary table
    checked: Optional[tuple[str, Any]] = None  # the field summarize reads, and its type(s)


KINDS: tuple[FactKind, ...] = (
    FactKind("people", Person, "person", lambda p: "PERSON", "People", ("name", str)),
    FactKind("money", Money, "money", lambda m: "MONEY", "Money", ("currency", (str, type(None)))),
    FactKind("sentences", Sentence, "sentence", lambda s: str(s.penalty), "Sentences", ("penalty", str)),
    FactKind("document_counts", DocumentCount, "document_count", lambda c: "DOCUMENTS", "Docs", ("count", int)),
    FactKind("dates", DateItem, "date", lambda d: "DATE"),
    FactKind("charges", Charge, "charge", lambda c: str(c.offence), "Charges", ("offence", str)),
)

BY_KEY = {k.key: k for k in KINDS}
