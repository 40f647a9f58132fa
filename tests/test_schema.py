"""The JSON Schema (`mssnews schema`) is generated from the dataclasses, and what `--json` writes
is valid against it."""
import copy
import json
from dataclasses import fields

import pytest

from mssnews import analyze
from mssnews.facts.models import Article, Case, Mention
from mssnews.facts.registry import KINDS
from mssnews.facts.schema import json_schema

jsonschema = pytest.importorskip("jsonschema")

TEXT = ("Spy jailed for 10 years\n"
        "The court sentenced Tao Jianguo, 52, a former engineer, to 10 years in prison for espionage on "
        "March 3, 2025, deprived him of political rights for three years and fined him 200,000 yuan "
        "(US$27,600). He had passed 1,200 documents, 40 of them top secret, to a foreign agent named Jack.")


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_an_article_with_every_kind_of_fact_is_valid(validator):
    d = json.loads(json.dumps(analyze(TEXT, source="a.txt").to_dict()))
    assert all(d[k.key] for k in KINDS), {k.key: len(d[k.key]) for k in KINDS}
    assert d["sentences"][1]["charges"] == [0] and d["money"][1]["equivalent_of"] == 0
    assert list(validator.iter_errors(d)) == []


def test_an_error_record_is_valid(validator):
    assert list(validator.iter_errors({"source": "x.txt", "error": {"type": "InputError", "message": "no such file"}})) == []


@pytest.mark.parametrize("path, value", [
    (("sentences", 0, "penalty"), "flogging"),
    (("charges", 0, "offence"), "jaywalking"),
    (("charges", 0, "status"), "rumoured"),
    (("money", 0, "start"), -1),
    (("money", 1, "equivalent_of"), -2),
    (("document_counts", 1, "classification"), "very secret"),
    (("schema",), "mssnews/0"),
    (("stats", "words"), "many"),
    (("people", 0, "mentions", 0, "text"), None),
    (("cases", 0, "charges", 0), -1),
])
def test_a_wrong_value_is_invalid(validator, path, value):
    d = json.loads(json.dumps(analyze(TEXT, source="a.txt").to_dict()))
    target = d
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not validator.is_valid(d)


@pytest.mark.parametrize("kind", [*KINDS, None], ids=[*(k.key for k in KINDS), "cases"])
def test_every_field_of_every_fact_is_required(validator, kind):
    """to_dict writes every field, those with defaults too: a record lacking one is invalid,
    and the schema names each field of the dataclass."""
    key, model = (kind.key, kind.model) if kind else ("cases", Case)
    schema = json_schema()
    item = schema["$defs"][model.__name__]
    assert item["required"] == [f.name for f in fields(model)]
    d = json.loads(json.dumps(analyze(TEXT, source="a.txt").to_dict()))
    for name in item["required"]:
        broken = copy.deepcopy(d)
        del broken[key][0][name]
        assert not validator.is_valid(broken), (key, name)


def test_mentions_and_the_article_list_every_field():
    schema = json_schema()
    assert schema["$defs"]["Mention"]["required"] == [f.name for f in fields(Mention)]
    assert set(schema["$defs"]["article"]["required"]) == {f.name for f in fields(Article)}
