"""Result objects: what the library returns and what the CLI prints (as tables or JSON). The
JSON Schema (`mssnews schema`, facts/schema.py) is generated from these dataclasses by pydantic:
the descriptions and constraints below are the schema's."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Annotated, Any, Optional

from pydantic import ConfigDict, Field
from typing_extensions import TypedDict  # (pydantic reads typing's TypedDict only from Python 3.12)

SCHEMA_ID = "mssnews/1"

PENALTIES = (
    "death", "death_with_reprieve", "life_imprisonment", "imprisonment", "suspended_sentence",
    "deprivation_of_political_rights", "fine", "confiscation_of_property", "detention",
)

SUM_PENALTIES = ("fine", "confiscation_of_property")  # the penalties whose value is a sum of money

OFFENCES = ("espionage", "state_secrets", "treason", "subversion", "sedition", "bribery", "embezzlement",
            "abuse_of_power", "export_control", "trade_secrets", "fraud", "money_laundering", "other")


STATUSES = ("convicted", "pleaded_guilty", "charged", "acquitted")

CLASSIFICATIONS = ("top secret", "secret", "confidential", "sensitive", "classified", "restricted")

# Every field is written to the JSON, those with defaults too: the schema requires them all.
_CONFIG = ConfigDict(json_schema_serialization_defaults_required=True)

Offset = Annotated[int, Field(ge=0)]
Index = Annotated[Optional[int], Field(ge=0)]
Indexes = Annotated[list[int], Field(json_schema_extra={"items": {"type": "integer", "minimum": 0}})]


@dataclass
class Mention:
    __pydantic_config__ = _CONFIG
    start: Offset
    end: Offset
    text: Annotated[str, Field(description="exactly text[start:end] of the input")]


@dataclass
class Person:
    __pydantic_config__ = _CONFIG
    name: Annotated[str, Field(description="the name as the report gives it in full")]
    surname: Optional[str]
    surname_only: Annotated[bool, Field(description="the report names the person by surname only")]
    age: Optional[int] = None
    description: Annotated[Optional[str], Field(description="the appositive or phrase that says who the person is")] = None
    mentions: list[Mention] = field(default_factory=list)
    rule: Annotated[str, Field(description="id of the pattern that found the name")] = ""
    # an official, judge, reporter or credit: not assumed to be a case subject
    role: Annotated[bool, Field(description="official, judge, reporter or credit")] = False

    @property
    def start(self) -> int:
        return self.mentions[0].start if self.mentions else 0


@dataclass
class Item:
    """Common part of every extracted fact: the text, where it is, which rule produced it."""
    __pydantic_config__ = _CONFIG
    text: Annotated[str, Field(description="exactly text[start:end] of the input")]
    start: Offset
    end: Offset
    rule: Annotated[str, Field(description="id of the pattern that produced the item")]
    person: Annotated[Optional[str], Field(description="canonical name of the person the item belongs to")] = None


@dataclass
class Money(Item):
    amount: Optional[float] = None
    currency: Annotated[Optional[str], Field(description="ISO 4217 code")] = None
    qualifier: Annotated[Optional[str], Field(
        description="nearly, about, more_than, at_least, less_than, up_to, or vague (amount null)")] = None
    equivalent_of: Annotated[Index, Field(description="index of the sum this bracketed figure converts")] = None


@dataclass
class Sentence(Item):
    penalty: Annotated[str, Field(json_schema_extra={"enum": list(PENALTIES)})] = "imprisonment"
    years: Optional[float] = None
    months: Optional[float] = None
    days: Optional[float] = None
    for_life: bool = False
    reprieve_years: Optional[float] = None
    amount: Optional[float] = None
    currency: Optional[str] = None
    # index into money of the fine / confiscated sum
    money: Annotated[Index, Field(description="index into money of the fine or confiscated sum")] = None
    # indexes of the charges it was imposed for
    charges: Annotated[Indexes, Field(description="indexes of the charges the penalty was imposed for")] = \
        field(default_factory=list)


@dataclass
class DocumentCount(Item):
    count: int = 0
    item: Annotated[str, Field(description="what was counted: documents, files, pages ...")] = ""
    classification: Annotated[Optional[str], Field(json_schema_extra={"enum": [None, *CLASSIFICATIONS]})] = None
    qualifier: Optional[str] = None
    # index of the total this count is part of
    part_of: Annotated[Index, Field(description="index of the total this count breaks down")] = None


@dataclass
class Charge(Item):
    offence: Annotated[str, Field(json_schema_extra={"enum": list(OFFENCES)})] = "other"
    status: Annotated[str, Field(json_schema_extra={"enum": list(STATUSES)})] = "charged"


@dataclass
class DateItem:
    __pydantic_config__ = _CONFIG
    text: Annotated[str, Field(description="exactly text[start:end] of the input")]
    date: Annotated[Optional[str], Field(description="YYYY, YYYY-MM or YYYY-MM-DD as precise as written")]
    start: Offset
    end: Offset
    rule: str = ""
    published: Annotated[bool, Field(description="the date the report was published")] = False


@dataclass
class Case:
    """The facts of one person, as indexes into the article's lists."""
    __pydantic_config__ = _CONFIG
    person: str
    money: Indexes = field(default_factory=list)
    sentences: Indexes = field(default_factory=list)
    document_counts: Indexes = field(default_factory=list)
    charges: Indexes = field(default_factory=list)


class Stats(TypedDict):
    characters: int
    words: int
    sentences: int


@dataclass
class Article:
    __pydantic_config__ = _CONFIG
    source: str
    title: Optional[str]
    published: Annotated[Optional[str], Field(description="YYYY-MM-DD, the report's own date")]
    stats: Stats
    people: list[Person]
    money: list[Money]
    sentences: list[Sentence]
    document_counts: list[DocumentCount]
    dates: list[DateItem]
    cases: list[Case]
    charges: list[Charge] = field(default_factory=list)
    schema: Annotated[str, Field(json_schema_extra={"const": SCHEMA_ID})] = SCHEMA_ID

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        """An Article from its JSON record (to_dict() read back from a JSON Lines file)."""
        from mssnews.facts.registry import article_from_dict

        found: Article = article_from_dict(d)
        return found

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (see README "JSON output" and `mssnews schema`)."""
        d = self.to_json_parts()
        d["people"] = [_person(p) for p in self.people]
        d["money"] = [_clean(_flat(m)) for m in self.money]
        d["sentences"] = [_clean(_flat(s)) for s in self.sentences]
        d["document_counts"] = [_clean(_flat(c)) for c in self.document_counts]
        d["dates"] = [_clean(_flat(x)) for x in self.dates]
        d["charges"] = [_flat(x) for x in self.charges]
        d["cases"] = [{k: list(v) if isinstance(v, list) else v for k, v in _flat(c).items()} for c in self.cases]
        return d

    def to_json_parts(self) -> dict[str, Any]:
        """to_dict() for a serializer that writes dataclasses itself, field by field (orjson):
        the items stay objects. The finders write a whole number as an int, never as a float
        (normalize._clean), so there is no float to tidy; the JSON is the same
        (tests/test_batch.py, tests/test_properties.py)."""
        return {
            "schema": self.schema,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "stats": self.stats,
            "people": self.people,
            "money": self.money,
            "sentences": self.sentences,
            "document_counts": self.document_counts,
            "dates": self.dates,
            "charges": self.charges,
            "cases": self.cases,
        }


_FIELDS: dict[type, tuple[str, ...]] = {}


def _flat(obj: Any) -> dict[str, Any]:
    """The fields of a dataclass holding plain values, in field order (what
    dataclasses.asdict gives for these, at a fraction of its cost)."""
    names = _FIELDS.get(type(obj))
    if names is None:
        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj))
    d = obj.__dict__  # the fields in field order, as the dataclass __init__ set them
    if tuple(d) == names:
        copied: dict[str, Any] = d.copy()
        return copied
    return {name: getattr(obj, name) for name in names}


def _person(p: Person) -> dict[str, Any]:
    d = _flat(p)
    d["mentions"] = [_flat(m) for m in p.mentions]
    return d


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    for k, v in d.items():
        if isinstance(v, float) and v.is_integer():
            d[k] = int(v)
    return d
