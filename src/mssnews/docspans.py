"""The facts of a doc as spaCy span groups, for displaCy and a user's span tools: the component
`mssnews_spans` (last in our pipeline) writes one group per fact kind,

    doc.spans["mssnews_people"]           a span per mention, label PERSON
    doc.spans["mssnews_money"]            label MONEY
    doc.spans["mssnews_sentences"]        label the penalty ("imprisonment", "fine", ...)
    doc.spans["mssnews_document_counts"]  label DOCUMENTS
    doc.spans["mssnews_dates"]            label DATE
    doc.spans["mssnews_charges"]          label the offence ("espionage", ...)

with `span.id_` the rule that found the fact and `span.kb_id_` the person it belongs to (for
people: the canonical name). `span._.mssnews` is the fact itself (a Money, Sentence, ...), with
its normalised values. The spans are those of the text spaCy saw (see api.make_doc)."""
from __future__ import annotations

from bisect import bisect_left
from typing import Any, Optional

from spacy.tokens import Doc, Span

from mssnews.docfacts import facts
from mssnews.facts import registry
from mssnews.text import tokens

PREFIX = "mssnews_"
KINDS = tuple(k.key for k in registry.KINDS)


def _label(kind: str, fact: Any) -> str:
    return registry.BY_KEY[kind].span_label(fact)


def _facts_of(f: dict, kind: str) -> list[tuple[Any, Any]]:
    """(the item that has the offsets, the fact) for each fact of a kind, in order."""
    if kind == "people":
        return [(m, p) for p in f["people"] for m in p.mentions]
    return [(it, it) for it in f[kind]]


def _span(doc: Doc, idx: list[int], start: int, end: int, **kw: int) -> Optional[Span]:
    a = bisect_left(idx, start)
    b = bisect_left(idx, end)
    if a < len(idx) and idx[a] == start and b > a:
        return Span(doc, a, b, **kw)
    return doc.char_span(start, end, alignment_mode="expand", **kw)


def write_spans(doc: Doc) -> Doc:
    """One span group per fact kind (see the module's doc)."""
    f = facts(doc)
    idx = tokens(doc).idx
    add = doc.vocab.strings.add  # (a Span made with hashes costs half of one made with strings)
    for kind in KINDS:
        group = []
        for where, fact in _facts_of(f, kind):
            owner = fact.name if kind == "people" else getattr(fact, "person", None)
            span = _span(doc, idx, where.start, where.end, label=add(_label(kind, fact)),
                         span_id=add(fact.rule or ""), kb_id=add(owner or ""))
            if span is not None:
                group.append(span)
        doc.spans[PREFIX + kind] = group
    return doc


def fact_of_span(span: Span) -> Any:
    """The fact a span of our groups stands for (None for any other span)."""
    f = facts(span.doc)
    a, b, label, rule = span.start_char, span.end_char, span.label_, span.id_
    for kind in KINDS:
        for where, fact in _facts_of(f, kind):
            if a <= where.start and where.end <= b and (fact.rule or "") == rule and _label(kind, fact) == label:
                return fact
    return None


if not Span.has_extension("mssnews"):
    Span.set_extension("mssnews", getter=fact_of_span)
