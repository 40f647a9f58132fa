"""The registry of fact kinds (facts/registry.py) is what the Article, the JSON, the schema, the
CSV rows, the span groups and the summary are made of."""
from dataclasses import fields

import pytest

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
    assert [r[1] for r in rows] == ["person", "money", "sentence", "document_count", "date", "charge", "charge"]
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), key=[k.row for k in KINDS].index)


def test_the_summary_counts_every_summed_kind():
    assert [c.header for c in summary_table().columns] == ["Source", "People", "Money", "Sentences", "Docs",
                                                           "Charges", "Status"]


def test_an_article_reads_back_from_its_json_record():
    import json

    a = analyze(TEXT, source="a.txt")
    back = Article.from_dict(json.loads(json.dumps(a.to_dict())))
    assert back == a
    assert isinstance(back.people[0].mentions[0].start, int) and back.charges[0].offence == "espionage"


@pytest.mark.parametrize("record, message", [
    ({"source": "a.txt", "error": {"type": "InputError", "message": "x"}}, "not an article record"),
    ({"source": "a.txt", "money": {"amount": 1}}, "money: not a list"),
    ({"source": "a.txt", "money": [{"amount": 1}]}, "money\\[0\\]: .*missing"),
    ({"money": []}, "source: not a string"),
])
def test_a_record_that_is_no_article_is_refused_with_what_is_wrong(record, message):
    with pytest.raises(ValueError, match=message):
        Article.from_dict(record)


def test_csv_rows_of_an_article_and_of_its_json_are_the_same():
    a = analyze(TEXT)
    assert list(csv_rows(a)) == list(csv_rows(a.to_dict()))


def test_records_keep_their_article_only_in_the_process_that_made_it(tmp_path):
    import json

    from mssnews.runs.batch import process_batch
    from mssnews.runs.records import in_transit

    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    [rec] = process_batch([str(path)])
    assert rec.article is not None and rec.as_article() is rec.article  # (the writers take it as it is)
    [sent] = in_transit([rec])
    assert sent.article is None  # (between processes: the line only)
    assert sent.as_article() == Article.from_dict(json.loads(sent.line)) == analyze(TEXT, source=str(path))


def test_the_terminal_tables_and_the_html_view_show_every_kind_by_its_registry_columns():
    """The renderers hold no code of their own for a kind: each kind's table is its registry
    title and columns, in the terminal and in the HTML view, and its highlights carry its row."""
    from rich.console import Console

    from mssnews.output.html import fact_tables, spans
    from mssnews.output.tables import article_tables

    a = analyze(TEXT)
    console = Console(width=400, record=True, color_system=None)
    console.print(article_tables(a))
    terminal = console.export_text()
    html = fact_tables(a)
    for k in KINDS:
        assert k.title in terminal and f"<caption>{k.title}</caption>" in html, k.key
        for c in k.columns:
            assert c.header in terminal and f"<th>{c.header}</th>" in html, (k.key, c.header)
    assert {s["kind"] for s in spans(a)} == {k.row for k in KINDS}
    # the cases table: a column per kind that a Case lists
    assert "<th>Person</th><th>Money</th><th>Sentences</th><th>Document counts</th><th>Charges</th>" in html
    # a penalty's charges link to the charge they name
    assert '<a href="#charge-0">#0</a>' in html
    assert "espionage (convicted)" in " ".join(s["tip"] for s in spans(a))
