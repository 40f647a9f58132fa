"""Cases: the facts of an article grouped by the person they belong to."""
from __future__ import annotations

from mssnews.facts.models import Case, Person


def build_cases(people: list[Person], money, sentences, counts, charges=()) -> list[Case]:
    cases: dict[str, Case] = {}
    order = [p.name for p in people]
    for kind, items in (("money", money), ("sentences", sentences), ("document_counts", counts),
                        ("charges", charges)):
        for idx, item in enumerate(items):
            if item.person:
                case = cases.get(item.person)
                if case is None:
                    case = cases[item.person] = Case(person=item.person)
                getattr(case, kind).append(idx)
    return sorted(cases.values(), key=lambda c: order.index(c.person) if c.person in order else len(order))
