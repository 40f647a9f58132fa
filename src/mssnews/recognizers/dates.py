"""Dates: the publication date and dated events, normalised with dateparser at the precision
written ("February 2019" -> "2019-02"); relative words are read against the publication date."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple, Optional

from spacy.tokens import Doc

from mssnews.text import doc_text, span_text, tokens
from mssnews.facts.models import DateItem
from mssnews.rules.loader import RuleError, load_patterns
from mssnews.rules.matcher import RuleMatcher

# What a date rule's attributes say (rules/dates.jsonl): the precision written ("February 2019"
# is a month), how its value is read, and whether its first word is a cue, not part of the date
# ("in 2019", "on Monday"). read: absolute (a date as written: dateparser, or our fast path),
# relative ("last year": against the publication date), weekday ("on Monday": that day on or
# before it), month_day ("June 3": the latest on or before it), before_published ("yesterday":
# none after it).
PRECISIONS = ("day", "month", "year", "relative")
READINGS = ("absolute", "relative", "weekday", "month_day", "before_published")


class DateRule(NamedTuple):
    precision: str
    read: str
    cue_word: bool


def _meaning(rec: dict) -> DateRule:
    """The DateRule of a rule record, or a RuleError naming it."""
    a = rec.get("attributes") or {}
    where = f"dates.jsonl: rule {rec['id']!r}"
    unknown = set(a) - set(DateRule._fields)
    if unknown:
        raise RuleError(f"{where}: unknown attribute {', '.join(sorted(unknown))}")
    if a.get("precision") not in PRECISIONS:
        raise RuleError(f"{where}: precision {a.get('precision')!r} is not one of {', '.join(PRECISIONS)}")
    if a.get("read") not in READINGS:
        raise RuleError(f"{where}: read {a.get('read')!r} is not one of {', '.join(READINGS)}")
    if not isinstance(a.get("cue_word", False), bool):
        raise RuleError(f"{where}: cue_word must be true or false")
    return DateRule(a["precision"], a["read"], a.get("cue_word", False))


_PUBLISHED_CUE = re.compile(r"(?:published|updated|posted|date|dated)\s*:?\s*$", re.I)
_parser = None
_ISO = re.compile(r"\s*(\d{4})\s*[-/]\s*(\d{1,2})\s*[-/]\s*(\d{1,2})\s*")
_DATE_WORDS = re.compile(r"[A-Za-z]+|\d+(?:st|nd|rd|th)?")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")


_MONTHS = {m: i for i, ms in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], 1) for m in ms}


@lru_cache(maxsize=4096)
def _structured(text: str) -> Optional[dt.datetime]:
    """Fast path for the forms our patterns match ("Sep 04, 2025", "4 May 2020",
    "February 2019", "2015-03-10", "2019"): no need to ask dateparser."""
    iso = _ISO.fullmatch(text)
    if iso:
        year, month, day = map(int, iso.groups())
    else:
        year, month, day = _date_words(text)
        if year is None:
            return None
    try:
        return dt.datetime(year, month or 1, day or 1)
    except ValueError:
        return None


def _date_words(text: str) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """(year, month, day) as written in words and figures ("Sep 04, 2025", "June 3rd"), each
    None where the text does not give it."""
    month = day = year = None
    for w in _DATE_WORDS.findall(text):
        lw = w.lower()
        if lw in _MONTHS and month is None:
            month = _MONTHS[lw]
        elif w.isdigit() and len(w) == 4:
            year = int(w)
        elif _DAY.fullmatch(lw) and day is None:
            day = int(_DAY.fullmatch(lw).group(1))
    return year, month, day


@lru_cache(maxsize=4096)
def _month_day(text: str, base: dt.datetime) -> Optional[dt.datetime]:
    """"June 3" in a report published on `base`: the latest June 3 on or before it (a
    February 29 goes back to a leap year), as dateparser gives it with PREFER_DATES_FROM
    past, without its import (a few hundred ms) or its time per date; None if not such a
    text."""
    year, month, day = _date_words(text)
    if year is not None or month is None or day is None:
        return None
    for year in range(base.year, base.year - 9, -1):
        try:
            found = dt.datetime(year, month, day)
        except ValueError:
            continue
        if found.date() <= base.date():
            return found
    return None


def _parse(text: str, base: Optional[dt.datetime]):
    """Our fast path, else dateparser (imported on first use: it costs a few hundred ms),
    kept to English; answers are cached."""
    return _structured(text) or _dateparser(text, base)


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: Optional[dt.datetime]):
    global _parser
    if _parser is None:
        import dateparser  # noqa: PLC0415 - lazy on purpose

        _parser = dateparser
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    try:
        return _parser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on odd input (overflowing years etc.)
        return None


class DateFinder:
    def __init__(self, vocab):
        self.matcher = RuleMatcher(vocab, "dates")
        self.meaning = {rec["id"]: _meaning(rec) for rec in load_patterns("dates")}

    def __call__(self, doc: Doc) -> tuple[list[DateItem], Optional[str]]:
        found = self.matcher(doc)
        meaning = self.meaning
        tk, text = tokens(doc), doc_text(doc)
        published_match = self._published(tk, text, found)
        base = None
        published = None
        if published_match is not None:
            value = _parse(self._text(doc, published_match), None)
            if value is not None:
                base = value
                published = value.date().isoformat()
        out = []
        for m in found:
            rule = meaning[m.rule]
            value = _value(self._text(doc, m), rule, base)
            start = tk.idx[m.start + 1] if rule.cue_word else tk.idx[m.start]
            end = tk.end[m.end - 1]
            out.append(DateItem(text=text[start:end], date=value, start=start,
                                end=end, rule=m.rule, published=m is published_match))
        return out, published

    def _published(self, tk, text: str, found: list):
        """The match of the report's own date: the first date as written after "published",
        "updated" ..., or within the first 300 characters to the day."""
        for m in found:
            rule = self.meaning[m.rule]
            if rule.read != "absolute":
                continue
            start_char = tk.idx[m.start]
            if _PUBLISHED_CUE.search(text[max(0, start_char - 40):start_char]) or (
                    start_char < 300 and rule.precision == "day"):
                return m
        return None

    def _text(self, doc: Doc, m) -> str:
        """The text of a date match, its cue word left out."""
        return span_text(doc, m.start + 1 if self.meaning[m.rule].cue_word else m.start, m.end)


def _value(text: str, rule: DateRule, base: Optional[dt.datetime]) -> Optional[str]:
    """The date a match's text gives, read as its rule says, against the publication date `base`."""
    if rule.read == "relative":
        return _relative(text, base)
    if rule.read == "weekday":
        return _weekday(text, base)
    if rule.read in ("before_published", "month_day"):
        if base is None:
            return None
        parsed = (rule.read == "month_day" and _month_day(text, base)) or _parse(text, base)
        if parsed is not None and parsed.date() > base.date():
            parsed = parsed.replace(year=parsed.year - 1) if rule.read == "month_day" else None
        return parsed.date().isoformat() if parsed else None
    parsed = _parse(text, base)
    if parsed is None:
        return None
    return parsed.date().isoformat() if rule.precision == "day" else \
        parsed.strftime("%Y-%m" if rule.precision == "month" else "%Y")


def _relative(text: str, base: Optional[dt.datetime]) -> Optional[str]:
    if base is None:
        return None
    which, unit = text.lower().split()
    delta = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return str(base.year + delta)
    if unit == "month":
        y, mth = base.year, base.month + delta
        if mth == 0:
            y, mth = y - 1, 12
        elif mth == 13:
            y, mth = y + 1, 1
        return f"{y:04d}-{mth:02d}"
    if unit == "week":
        return (base + dt.timedelta(weeks=delta)).strftime("%G-W%V")
    return None


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _weekday(text: str, base: Optional[dt.datetime]) -> Optional[str]:
    """'Thursday' in a report published on a date: that day of the week, on or before it."""
    if base is None:
        return None
    back = (base.weekday() - _WEEKDAYS.index(text.strip().lower())) % 7
    return (base.date() - dt.timedelta(days=back)).isoformat()
