"""How each fact kind is shown, in plain values that the renderers of output/ style: the columns
of its table (the terminal's and the HTML view's), its value in a few words (a highlight's
tooltip, a line of the cases table) and its CSV cells. The registry (facts/registry.py) names
these for each kind; a kind added there is shown everywhere."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from mssnews.facts.models import SUM_PENALTIES


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable[[Any], Any]  # the item -> its value in this column (None shows as nothing)
    link: bool = False  # the item's own words: the HTML view links them to their place in the text
    refs: Optional[str] = None  # the cell is a list of indexes into the list of this kind (its key)


def num(v: Any) -> str:
    """A number as a table shows it: thousands grouped, at most three decimals."""
    if v is None:
        return ""
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.3f}".rstrip("0").rstrip(".")
    return f"{int(v):,}"


def term_value(years: float = 0, months: float = 0, days: float = 0) -> float:
    """A term as a number of years (months / 12, days / 365), rounded to 3 places."""
    return round((years or 0) + (months or 0) / 12 + (days or 0) / 365, 3)


def _get(s: Any, name: str) -> Any:
    return s.get(name) if isinstance(s, dict) else getattr(s, name, None)


def sentence_value(s: Any) -> Any:
    """A penalty's value as the gold annotation and the scorer read it: a fine's amount, a
    reprieve's years, "life", or a term in years (of a Sentence or its JSON object)."""
    p = _get(s, "penalty")
    if p in SUM_PENALTIES:
        return _get(s, "amount")
    if p == "death_with_reprieve":
        return _get(s, "reprieve_years")
    if _get(s, "for_life"):
        return "life"
    if any(_get(s, k) for k in ("years", "months", "days")):
        v = term_value(_get(s, "years") or 0, _get(s, "months") or 0, _get(s, "days") or 0)
        return int(v) if float(v).is_integer() else round(v, 2)
    return None


def term(s: Any) -> str:
    """A penalty's term or amount in words: "10 years, 6 months", "200,000 CNY", "life"."""
    if s.penalty in SUM_PENALTIES:
        if s.amount is not None:
            return f"{num(s.amount)} {s.currency or ''}".strip()
        return "all property" if s.penalty == "confiscation_of_property" else ""
    if s.penalty == "death_with_reprieve":
        return f"{num(s.reprieve_years)}-year reprieve"
    if s.for_life:
        return "life"
    parts = []
    for unit in ("years", "months", "days"):
        v = getattr(s, unit)
        if v:
            parts.append(f"{num(v)} {unit[:-1] if v == 1 else unit}")
    return ", ".join(parts)


def words(v: Optional[str]) -> Optional[str]:
    """An enumerated value as words ("death_with_reprieve": "death with reprieve")."""
    return v.replace("_", " ") if v else v


# ---------------------------------------------------------------------------- people
def person_name(p: Any) -> str:
    return p.name + (" (surname)" if p.surname_only else "")


PERSON_COLUMNS = (Column("Name", person_name, link=True), Column("Age", lambda p: p.age),
                  Column("Mentions", lambda p: len(p.mentions)), Column("Description", lambda p: p.description))


def person_csv(p: Any) -> dict[str, Any]:
    first = p.mentions[0] if p.mentions else None
    return {"text": first.text if first else p.name, "value": p.name, "detail": p.description or "", "person": p.name,
            "start": first.start if first else "", "end": first.end if first else "", "rule": p.rule}


# ---------------------------------------------------------------------------- money
def _qualified(m: Any) -> str:
    """A sum's amount with its qualifier ("about 5,000"), "(vague)" for none."""
    amount = num(m.amount) if m.amount is not None else "(vague)"
    return f"{words(m.qualifier)} {amount}" if m.qualifier and m.qualifier != "vague" else amount


def money_amount(m: Any) -> str:
    return _qualified(m) + (f" (= #{m.equivalent_of})" if m.equivalent_of is not None else "")


def money_value(m: Any) -> str:
    return f"{_qualified(m)} {m.currency or ''}".strip()


MONEY_COLUMNS = (Column("Amount", money_amount), Column("Cur.", lambda m: m.currency),
                 Column("As written", lambda m: m.text, link=True), Column("Person", lambda m: m.person))


def money_csv(m: Any) -> dict[str, Any]:
    amount = int(m.amount) if isinstance(m.amount, float) and m.amount.is_integer() else m.amount
    return {"text": m.text, "value": amount, "currency": m.currency, "detail": m.qualifier or "",
            "person": m.person or "", "start": m.start, "end": m.end, "rule": m.rule,
            "qualifier": m.qualifier or "", "equivalent_of": "" if m.equivalent_of is None else m.equivalent_of}


# ---------------------------------------------------------------------------- sentences
def sentence_words(s: Any) -> str:
    t = term(s)
    return f"{words(s.penalty)}: {t}" if t else str(words(s.penalty))


SENTENCE_COLUMNS = (Column("Penalty", lambda s: words(s.penalty)), Column("Term / amount", term),
                    Column("As written", lambda s: s.text, link=True), Column("Person", lambda s: s.person),
                    Column("Charges", lambda s: s.charges, refs="charges"))


def sentence_csv(s: Any) -> dict[str, Any]:
    return {"text": s.text, "value": sentence_value(s), "currency": s.currency or "", "penalty": s.penalty,
            "person": s.person or "", "start": s.start, "end": s.end, "rule": s.rule,
            "charges": ";".join(map(str, s.charges or ()))}


# ---------------------------------------------------------------------------- document counts
def count_value(c: Any) -> str:
    return f"{words(c.qualifier) or ''} {num(c.count)} {c.classification or c.item or ''}".strip()


COUNT_COLUMNS = (Column("Count", lambda c: f"{words(c.qualifier)} {num(c.count)}" if c.qualifier else num(c.count)),
                 Column("Item", lambda c: c.item), Column("Level", lambda c: c.classification),
                 Column("As written", lambda c: c.text, link=True), Column("Person", lambda c: c.person))


def count_csv(c: Any) -> dict[str, Any]:
    return {"text": c.text, "value": c.count, "detail": c.classification or c.item, "person": c.person or "",
            "start": c.start, "end": c.end, "rule": c.rule, "qualifier": c.qualifier or "",
            "part_of": "" if c.part_of is None else c.part_of}


# ---------------------------------------------------------------------------- dates
DATE_COLUMNS = (Column("Date", lambda d: (d.date or "(no date)") + (" (published)" if d.published else "")),
                Column("As written", lambda d: d.text, link=True))


def date_csv(d: Any) -> dict[str, Any]:
    return {"text": d.text, "value": d.date, "detail": "published" if d.published else "", "start": d.start,
            "end": d.end, "rule": d.rule or ""}


# ---------------------------------------------------------------------------- charges
CHARGE_COLUMNS = (Column("Offence", lambda c: words(c.offence)), Column("Status", lambda c: words(c.status)),
                  Column("As written", lambda c: c.text, link=True), Column("Person", lambda c: c.person))


def charge_csv(c: Any) -> dict[str, Any]:
    return {"text": c.text, "value": c.offence, "detail": c.status or "", "person": c.person or "",
            "start": c.start, "end": c.end, "rule": c.rule, "status": c.status or ""}


# ---------------------------------------------------------------------------- a case's line
def money_brief(m: Any) -> str:
    return f"{num(m.amount)} {m.currency}"


def sentence_brief(s: Any) -> str:
    return f"{words(s.penalty)} {term(s)}".strip()


def count_brief(c: Any) -> str:
    return f"{num(c.count)} {c.classification or c.item}"


def charge_value(c: Any) -> str:
    return f"{words(c.offence)} ({words(c.status)})"
