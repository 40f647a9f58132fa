"""Dates: the publication date and dated events, normalised with dateparser at the precision
written ("February 2019" -> "2019-02"); relative words are read against the publication date."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from mssnews.text import doc_text, span_text, tokens
from mssnews.facts.models import DateItem
from mssnews.rules.matcher import RuleMatcher

_PRECISION = {
    "date-month-day-year": "day", "date-day-month-year": "day", "date-iso": "day", "date-iso-slash": "day",
    "date-month-year": "month", "date-month-day": "day", "date-in-year": "year",
    "date-relative": "relative", "date-weekday": "day", "date-relative-word": "day",
}
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

    def __call__(self, doc: Doc) -> tuple[list[DateItem], Optional[str]]:
        found = self.matcher(doc)
        absolute = [m for m in found if _PRECISION[m.rule] not in ("relative",) and m.rule not in ("date-weekday", "date-relative-word", "date-month-day")]
        published_match = None
        tk = tokens(doc)
        for m in absolute:
            start_char = tk.idx[m.start]
            head = doc_text(doc)[max(0, start_char - 40):start_char]
            if _PUBLISHED_CUE.search(head) or (start_char < 300 and _PRECISION[m.rule] == "day"):
                published_match = m
                break
        base = None
        published = None
        if published_match is not None:
            value = _parse(_text(doc, published_match), None)
            if value is not None:
                base = value
                published = value.date().isoformat()
        out = []
        for m in found:
            text = _text(doc, m)
            precision = _PRECISION[m.rule]
            value = None
            if m.rule == "date-relative":
                value = _relative(text, base)
            elif m.rule == "date-weekday":
                value = _weekday(text, base)
            elif m.rule in ("date-relative-word", "date-month-day"):
                if base is not None:
                    parsed = (m.rule == "date-month-day" and _month_day(text, base)) or _parse(text, base)
                    if parsed is not None and parsed.date() > base.date():
                        parsed = parsed.replace(year=parsed.year - 1) if m.rule == "date-month-day" else None
                    value = parsed.date().isoformat() if parsed else None
            else:
                parsed = _parse(text, base)
                if parsed is not None:
                    value = parsed.date().isoformat() if precision == "day" else \
                        parsed.strftime("%Y-%m" if precision == "month" else "%Y")
            start = tk.idx[m.start] if m.rule not in ("date-in-year", "date-weekday") else tk.idx[m.start + 1]
            end = tk.end[m.end - 1]
            out.append(DateItem(text=doc_text(doc)[start:end], date=value, start=start,
                                end=end, rule=m.rule, published=m is published_match))
        return out, published


def _text(doc: Doc, m) -> str:
    if m.rule in ("date-in-year", "date-weekday"):
        return span_text(doc, m.start + 1, m.end)
    return span_text(doc, m.start, m.end)


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
