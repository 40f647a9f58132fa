"""Result objects: what the library returns and what the CLI prints (as tables or JSON)."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Optional

SCHEMA_ID = "mssnews/1"

PENALTIES = (
    "death", "death_with_reprieve", "life_imprisonment", "imprisonment", "suspended_sentence",
    "deprivation_of_political_rights", "fine", "confiscation_of_property", "detention",
)

OFFENCES = ("espionage", "state_secrets", "treason", "subversion", "sedition", "bribery", "embezzlement",
            "abuse_of_power", "export_control", "trade_secrets", "fraud", "money_laundering", "other")


STATUSES = ("convicted", "pleaded_guilty", "charged", "acquitted")


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Person:
    name: str
    surname: Optional[str]
    surname_only: bool
    age: Optional[int] = None
    description: Optional[str] = None
    mentions: list[Mention] = field(default_factory=list)
    rule: str = ""
    role: bool = False  # an official, judge, reporter or credit: not assumed to be a case subject

    @property
    def start(self) -> int:
        return self.mentions[0].start if self.mentions else 0


@dataclass
class Item:
    """Common part of every extracted fact: the text, where it is, which rule produced it."""
    text: str
    start: int
    end: int
    rule: str
    person: Optional[str] = None


@dataclass
class Money(Item):
    amount: Optional[float] = None
    currency: Optional[str] = None
    qualifier: Optional[str] = None
    equivalent_of: Optional[int] = None


@dataclass
class Sentence(Item):
    penalty: str = "imprisonment"
    years: Optional[float] = None
    months: Optional[float] = None
    days: Optional[float] = None
    for_life: bool = False
    reprieve_years: Optional[float] = None
    amount: Optional[float] = None
    currency: Optional[str] = None
    money: Optional[int] = None  # index into money of the fine / confiscated sum
    charges: list[int] = field(default_factory=list)  # indexes of the charges it was imposed for


@dataclass
class DocumentCount(Item):
    count: int = 0
    item: str = ""
    classification: Optional[str] = None
    qualifier: Optional[str] = None
    part_of: Optional[int] = None  # index of the total this count is part of


@dataclass
class Charge(Item):
    offence: str = "other"  # espionage, state_secrets, ... (OFFENCES)
    status: str = "charged"  # convicted, pleaded_guilty, charged, acquitted


@dataclass
class DateItem:
    text: str
    date: Optional[str]
    start: int
    end: int
    rule: str = ""
    published: bool = False


@dataclass
class Case:
    person: str
    money: list[int] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    document_counts: list[int] = field(default_factory=list)
    charges: list[int] = field(default_factory=list)


@dataclass
class Article:
    source: str
    title: Optional[str]
    published: Optional[str]
    stats: dict[str, int]
    people: list[Person]
    money: list[Money]
    sentences: list[Sentence]
    document_counts: list[DocumentCount]
    dates: list[DateItem]
    cases: list[Case]
    charges: list[Charge] = field(default_factory=list)
    schema: str = SCHEMA_ID

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
