"""Currency names, plurals, symbols and ISO 4217 codes from CLDR, through Babel.

CLDR's English data knows about 300 currencies (current and historical: the Estonian kroon
is there) with their singular and plural names ("Polish zloty", "Polish zlotys") and symbols.
From it come:
- `currency_words()`: the one-word names a figure can be followed by ("zlotys", "ringgit",
  "kroons", "naira"), each of one currency only; the few shared by several currencies
  (dollars, pounds, francs, rupees, crowns, ...) go to the currency an English news report
  means by them alone (see AMBIGUOUS), and words that are English words first ("mark",
  "real", "sol") are left out;
- `currency_adjectives()`: the words before them ("Polish", "South", "Korean", "Hong", "Kong");
- `currency_codes()`: the upper-case codes ("PLN", "EEK"), less the ones that are English words
  ("ALL", "TOP", "CUP", "MAD", "TRY", "SOS", "BOB");
- `lookup(text)`: the code of a name, plural, code or symbol as written ("Swedish kronor" ->
  SEK, "zlotys" -> PLN, "PLN" -> PLN, "₩" -> KRW).
Our own table in normalize.py (the news conventions: "$" is USD, "¥" is CNY in Chinese
reports, "NT$", "RMB") is asked first.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Optional

# A shared word read alone: what English news reports mean by it.
AMBIGUOUS = {"dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP", "franc": "CHF",
             "francs": "CHF", "rupee": "INR", "rupees": "INR", "won": "KRW", "yen": "JPY",
             "yuan": "CNY", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
             "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "dinar": None,
             "dinars": None, "peso": None, "pesos": None, "riyal": "SAR", "riyals": "SAR",
             "dirham": "AED", "dirhams": "AED", "shilling": None, "shillings": None, "lira": "TRY",
             "liras": "TRY", "lire": "TRY", "escudo": None, "escudos": None, "crown": None,
             "crowns": None, "euro": "EUR", "euros": "EUR", "mark": None, "marks": None, "leu": "RON",
             "lei": "RON"}
_NOT_CURRENCY = {"real", "reals", "sol", "soles", "unit", "units", "gold", "silver", "platinum",
                 "palladium", "code", "fund", "rights", "drawing", "special", "testing", "no",
                 "currency", "de", "unidad", "fomento", "mvdol", "wir", "new", "old", "cape"}
_WORD_CODES = {"ALL", "TOP", "CUP", "MAD", "TRY", "SOS", "BOB", "NIO", "BAM", "MOP"}


@lru_cache(maxsize=None)
def _cldr() -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    """(full names and symbols -> code, single words -> code, adjectives, codes), derived
    once and kept on disk (rules/datacache.py)."""
    from mssnews.rules.datacache import cached

    found: tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]] = cached("currencies", _derive_cldr)
    return found


def _derive_cldr() -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    try:
        from babel import Locale
        from babel.numbers import get_currency_name, get_currency_symbol
    except ModuleNotFoundError:  # (a dependency: only a broken install lacks it)
        return {}, {}, frozenset(), frozenset()
    loc = Locale("en")
    full: dict[str, str] = {}
    last: dict[str, set] = defaultdict(set)
    adjectives: set[str] = set()
    for code, name in loc.currencies.items():
        if "(" in name or not code.isalpha():
            continue  # "Bolivian Mvdol (1980-1985)": historical variants of a code
        forms = {name.lower(), get_currency_name(code, count=2, locale="en").lower()}
        for form in forms:
            words = form.split()
            full.setdefault(form, code)
            last[words[-1]].add(code)
            adjectives.update(w for w in words[:-1] if w.isalpha())
        symbol = get_currency_symbol(code, "en")
        if symbol != code:
            full.setdefault(symbol.lower(), code)
    single = {w: next(iter(codes)) for w, codes in last.items() if len(codes) == 1 and w.isalpha()}
    single.update({w: c for w, c in AMBIGUOUS.items() if c})
    for w in set(single) & (_NOT_CURRENCY | {w for w, c in AMBIGUOUS.items() if c is None}):
        del single[w]
    codes = frozenset(c for c in loc.currencies if c.isalpha() and len(c) == 3 and c not in _WORD_CODES)
    return full, single, frozenset(adjectives - _NOT_CURRENCY), codes


def currency_words() -> list[str]:
    return sorted(_cldr()[1])


def currency_adjectives() -> list[str]:
    return sorted(_cldr()[2])


def currency_codes() -> list[str]:
    return sorted(_cldr()[3])


def lookup(text: str) -> Optional[str]:
    """The ISO code of a currency as written, from CLDR (None if it is none of them)."""
    key = " ".join(text.lower().split())
    full, single, _adj, codes = _cldr()
    if text.strip() in codes:
        return text.strip()
    return full.get(key) or single.get(key)
