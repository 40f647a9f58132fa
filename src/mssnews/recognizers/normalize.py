"""Pure normalisation functions: number words, scaled figures, currencies and terms.

Nothing here knows about spaCy; every function takes and returns plain values so it can be
tested on its own (see tests/test_normalize.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional
from mssnews.facts.views import term_value  # noqa: F401  (a term as years: the tables' and the scorer's value)

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1, "half": 0.5,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000,
    "mln": 1_000_000, "m": 1_000_000, "mn": 1_000_000, "m.": 1_000_000, "mn.": 1_000_000,
    "bn.": 1_000_000_000, "lakhs": 100_000, "crores": 10_000_000, "billion": 1_000_000_000,
    "bn": 1_000_000_000, "b": 1_000_000_000, "trillion": 1_000_000_000_000, "lakh": 100_000,
    "crore": 10_000_000,
}
# Words that may stand in a written number without changing it ("one hundred and five").
_FILLERS = {"and", "-"}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half$")
_NUMBER_SPLIT = re.compile(r"\s+|(?<=[a-z])-(?=[a-z])")
_TERM_WORDS = re.compile(r"[A-Za-z]+|\d[\d,]*(?:\.\d+)?")
_DIGIT_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|mln|bn|b)$", re.I)


def number_word(word: str) -> Optional[float]:
    """Value of one token of a number: "45,000" -> 45000, "two" -> 2, "million" -> 1e6."""
    w = word.strip().lower()
    if not w:
        return None
    if _DIGITS.match(w):
        return _clean(float(w.replace(",", "")))
    m = _DIGIT_SCALE.match(w)
    if m:
        return _clean(float(m.group(1)) * SCALES[m.group(2).lower()])
    if w in UNITS:
        return UNITS[w]
    if w in TENS:
        return TENS[w]
    if w in SCALES and len(w) > 1:
        return SCALES[w]
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
            return TENS[parts[0]] + UNITS[parts[1]]
    return None


@lru_cache(maxsize=8192)  # a report's figures and terms repeat; the result is immutable
def parse_number(text: str) -> Optional[float]:
    """Parse a written figure: "1.2 million" -> 1200000, "forty-five thousand" -> 45000,
    "two" -> 2, "1,800" -> 1800, "a dozen" -> 12. Returns None when it is not a number."""
    text = text.strip().lower()
    half = _AND_A_HALF.search(text)
    if half:
        whole = parse_number(text[:half.start()])
        return None if whole is None else _clean(whole + 0.5)
    tokens = [t for t in _NUMBER_SPLIT.split(text) if t]
    if not tokens:
        return None
    total = 0.0
    current: Optional[float] = None
    seen = False
    for tok in tokens:
        if tok in _FILLERS:
            continue
        if tok in SCALES and (len(tok) > 1 or (current is not None and current >= 1)):
            scale = SCALES[tok]
            base = 1.0 if current is None else current
            if scale >= 1000:
                total += base * scale
                current = None
            else:
                current = base * scale
            seen = True
            continue
        value = number_word(tok)
        if value is None:
            return None
        if current is not None and value >= 1 and current < 100 and value < 10 and current % 10 == 0 and current >= 20:
            current += value  # "twenty five"
        elif current is not None and not (tok in UNITS or tok in TENS):
            return None  # two bare figures in a row: "5 6"
        else:
            current = (current or 0) + value
        seen = True
    if not seen:
        return None
    return _clean(total + (current or 0))


def _clean(value: float):
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


# ----------------------------------------------------------------------------------------
# Currencies
CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "usd": "USD", "nt$": "TWD", "ntd": "TWD", "twd": "TWD",
    "hk$": "HKD", "hkd": "HKD", "¥": "CNY", "rmb": "CNY", "cny": "CNY", "€": "EUR",
    "eur": "EUR", "£": "GBP", "gbp": "GBP", "a$": "AUD", "au$": "AUD", "aud": "AUD",
    "c$": "CAD", "ca$": "CAD", "cad": "CAD", "s$": "SGD", "sgd": "SGD", "nz$": "NZD",
    "₩": "KRW", "krw": "KRW", "₹": "INR", "inr": "INR", "rs": "INR", "rs.": "INR", "jpy": "JPY", "mop$": "MOP",
    "mop": "MOP", "rm": "MYR", "chf": "CHF", "₽": "RUB", "rub": "RUB",
}
CURRENCY_WORDS = {
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "chinese yuan": "CNY",
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "us dollar": "USD", "u.s. dollar": "USD", "american dollars": "USD",
    "taiwan dollars": "TWD", "new taiwan dollars": "TWD", "taiwanese dollars": "TWD",
    "nt dollars": "TWD", "hong kong dollars": "HKD", "hk dollars": "HKD",
    "singapore dollars": "SGD", "australian dollars": "AUD", "canadian dollars": "CAD",
    "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP",
    "sterling": "GBP", "yen": "JPY", "japanese yen": "JPY", "won": "KRW",
    "south korean won": "KRW", "rupees": "INR", "rubles": "RUB", "roubles": "RUB",
    "ringgit": "MYR", "patacas": "MOP", "swiss francs": "CHF", "francs": "CHF",
}


def currency_code(text: str, *, symbol_before: bool = False) -> Optional[str]:
    """ISO 4217 code for a currency mark as written: "NT$" -> TWD, "yuan" -> CNY,
    "Hong Kong dollars" -> HKD. The symbol "¥" reads as CNY (the corpus is Chinese news)."""
    key = " ".join(text.lower().split())
    if key in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[key]
    if key in CURRENCY_WORDS:
        return CURRENCY_WORDS[key]
    if key.endswith("$") and len(key) <= 4:
        return CURRENCY_SYMBOLS.get(key)
    from mssnews.rules.currencies import lookup  # CLDR: every other currency's names, plurals, symbols, codes

    return lookup(text)


# ----------------------------------------------------------------------------------------
# Qualifiers
QUALIFIERS = {
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "estimated": "about",
    "more than": "more_than", "over": "more_than", "above": "more_than", "in excess of": "more_than",
    "at least": "at_least", "upwards of": "more_than", "less than": "less_than",
    "fewer than": "less_than", "under": "less_than", "up to": "up_to", "a total of": None,
}


def qualifier(text: str) -> Optional[str]:
    """Normalised qualifier for the words before a figure ("more than" -> "more_than")."""
    return QUALIFIERS.get(" ".join(text.lower().split()))


# ----------------------------------------------------------------------------------------
# Terms
_UNIT = {"year": "years", "years": "years", "yr": "years", "yrs": "years",
         "month": "months", "months": "months", "day": "days", "days": "days",
         "week": "weeks", "weeks": "weeks"}


def unit_name(word: str) -> Optional[str]:
    return _UNIT.get(word.lower())


def parse_term(text: str) -> Optional[dict]:
    """Parse a written term: "two years and three months" -> {"years": 2, "months": 3,
    "days": 0}; "five-year-and-eight-month" -> {"years": 5, "months": 8, "days": 0};
    "15 days" -> {"days": 15, ...}. Weeks become days. None if no term is found."""
    found = _parse_term(text)
    return None if found is None else dict(found)  # a copy: the caller may change it


@lru_cache(maxsize=4096)
def _parse_term(text: str) -> Optional[dict]:
    words = _TERM_WORDS.findall(text.lower())
    out = {"years": 0, "months": 0, "days": 0}
    pending: list[str] = []
    found = False
    last_unit = None
    for w in words:
        unit = unit_name(w)
        if unit:
            if not pending:
                pending = ["one"] if w in ("year", "month", "day", "week") else []
            value = parse_number(" ".join(pending)) if pending else None
            if value is None:
                return None if not found else out
            if unit == "weeks":
                out["days"] += value * 7
            else:
                out[unit] += value
            found = True
            last_unit = unit
            pending = []
        elif w == "and" and not pending and found:
            continue
        else:
            pending.append(w)
    if not found:
        return None
    if pending == ["a", "half"] and last_unit in ("years", "months"):
        out[last_unit] += 0.5  # "a year and a half"
    return {k: _clean(v) for k, v in out.items()}
