"""The registry of fact kinds (facts/registry.py) is what the Article, the JSON, the schema, the
CSV rows, the span groups and the summary are made of."""
from dataclasses import fields

from mssnews import analyze
from mssnews.facts.models import Article
from mssnews.facts.registry import KINDS
from mssnews.facts.schema import json_schema
from mssnews.output.rows import csv_rows, summary_table

TEXT = ("Chiu Wen-hsiung took NT$4.2 million and was sentenced to 12 years for espionage on May 3, 2024.\n"
        "He leaked 5,200 documents.")


def test_every_kind_is_an_article_field_a_json_list_and_a_schema_list():
    article_fields = {f.name for f in fields(Article)}
    a = analyze(TEXT)
    d = a.to_dict()
    props = json_schema()["$defs"]["article"]["properties"]
    for k in KINDS:
        assert k.key in article_fields
        assert all(isinstance(x, k.model) for x in getattr(a, k.key)) and getattr(a, k.key)
        assert isinstance(d[k.key], list) and props[k.key]["type"] == "array"
    # the JSON and the schema list the kinds in the registry's order
    assert [key for key in d if key in {k.key for k in KINDS}] == [k.key for k in KINDS]
    assert [key for key in props if key in {k.key for k in KINDS}] == [k.key for k in KINDS]


def test_csv_rows_are_of_the_registrys_kinds():
    rows = list(csv_rows(analyze(TEXT).to_dict()))
    assert [r[1] for r in rows] == ["person", "money", "sentence", "document_count", "charge", "charge", "date"]
    assert {r[1] for r in rows} == {k.row for k in KINDS}


def test_the_summary_counts_every_summed_kind():
    assert [c.header for c in summary_table().columns] == ["Source", "People", "Money", "Sentences", "Docs",
                                                           "Charges", "Status"]
