"""The JSON output contract as a JSON Schema (printed by `mssnews schema`)."""
from __future__ import annotations

from mssnews.facts.models import OFFENCES, PENALTIES, SCHEMA_ID, STATUSES
from mssnews.facts.registry import KINDS

SCHEMA_URI = "urn:mssnews:schema:" + SCHEMA_ID.split("/", 1)[1]  # an absolute URI: "urn:mssnews:schema:1"

_NUM = {"type": ["number", "null"]}
_STR = {"type": ["string", "null"]}
_IDX = {"type": ["integer", "null"], "minimum": 0}
_ITEM = {
    "text": {"type": "string", "description": "exactly text[start:end] of the input"},
    "start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0},
    "rule": {"type": "string", "description": "id of the pattern that produced the item"},
    "person": {**_STR, "description": "canonical name of the person the item belongs to"},
}


def _obj(props: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": props, "required": required or list(props)}


def json_schema() -> dict:
    mention = _obj({"start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}})
    person = _obj({
        "name": {"type": "string"}, "surname": _STR, "surname_only": {"type": "boolean"},
        "age": {"type": ["integer", "null"]}, "description": _STR,
        "mentions": {"type": "array", "items": mention},
        "rule": {"type": "string"}, "role": {"type": "boolean", "description": "official, judge, reporter or credit"},
    }, ["name", "surname", "surname_only", "age", "description", "mentions"])
    money = _obj({**_ITEM, "amount": _NUM, "currency": _STR,
                  "qualifier": {**_STR, "description": "nearly, about, more_than, at_least, less_than, up_to, or vague (amount null)"},
                  "equivalent_of": {**_IDX, "description": "index of the sum this bracketed figure converts"}},
                 ["text", "amount", "currency", "qualifier", "equivalent_of", "person", "start", "end", "rule"])
    sentence = _obj({**_ITEM, "penalty": {"enum": list(PENALTIES)}, "years": _NUM, "months": _NUM,
                     "days": _NUM, "for_life": {"type": "boolean"}, "reprieve_years": _NUM,
                     "amount": _NUM, "currency": _STR, "money": {**_IDX, "description": "index into money of the fine or confiscated sum"}},
                    ["text", "penalty", "years", "months", "days", "for_life", "reprieve_years", "amount", "currency", "person", "start", "end", "rule"])
    count = _obj({**_ITEM, "count": {"type": "integer"}, "item": {"type": "string"},
                  "classification": {"enum": [None, "top secret", "secret", "confidential", "sensitive", "classified", "restricted"]},
                  "qualifier": _STR, "part_of": {**_IDX, "description": "index of the total this count breaks down"}},
                 ["text", "count", "item", "classification", "qualifier", "person", "start", "end", "rule"])
    date = _obj({"text": {"type": "string"}, "date": {**_STR, "description": "YYYY, YYYY-MM or YYYY-MM-DD as precise as written"},
                 "start": {"type": "integer"}, "end": {"type": "integer"}, "rule": {"type": "string"},
                 "published": {"type": "boolean"}}, ["text", "date", "start", "end"])
    idx_list = {"type": "array", "items": {"type": "integer", "minimum": 0}}
    sentence["properties"]["charges"] = {**idx_list, "description": "indexes of the charges the penalty was imposed for"}
    charge = _obj({**_ITEM, "offence": {"enum": list(OFFENCES)}, "status": {"enum": list(STATUSES)}},
                  ["text", "offence", "status", "person", "start", "end", "rule"])
    case = _obj({"person": {"type": "string"}, "money": idx_list, "sentences": idx_list, "document_counts": idx_list,
                 "charges": idx_list}, ["person", "money", "sentences", "document_counts"])
    items = {"people": person, "money": money, "sentences": sentence, "document_counts": count, "dates": date,
             "charges": charge}  # (the item schema of each fact kind of the registry)
    article = _obj({
        "schema": {"const": SCHEMA_ID}, "source": {"type": "string"}, "title": _STR,
        "published": _STR,
        "stats": _obj({"characters": {"type": "integer"}, "words": {"type": "integer"}, "sentences": {"type": "integer"}}),
        **{k.key: {"type": "array", "items": items[k.key]} for k in KINDS},
        "cases": {"type": "array", "items": case},
    })
    return _record(article)


def _record(article: dict) -> dict:
    """The schema of a line: an article or an error record."""
    error = _obj({"source": {"type": "string"},
                  "error": _obj({"type": {"type": "string", "description": "InputError, WorkerDied, MemoryError, ..."},
                                 "message": {"type": "string", "description": "one line, as printed on stderr"}})})
    error["description"] = "A source that could not be read or analysed."
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URI,
        "title": "mssnews record",
        "description": "One object per input article, one per line (JSON Lines): an article, or an error record.",
        "oneOf": [{"$ref": "#/$defs/article"}, {"$ref": "#/$defs/error"}],
        "$defs": {"article": {"title": "mssnews article", **article}, "error": {"title": "mssnews error record", **error}},
    }
