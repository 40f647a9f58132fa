"""Given names that are also months: "Jan Kowalski", "April Wong", "May Lin" (the Western
order), where a date would not stand."""
from __future__ import annotations

from mssnews.text import Tokens

# Given names that are also months, before a surname: "Jan Kowalski", "April Wong", "May Chen". Not
# after a word that puts a date there ("in May Chen was ...", "on Jan 5", "early June").
_MONTH_FIRST_NAMES = frozenset(("Jan", "May", "April", "June", "August"))
_DATE_BEFORE = frozenset(("in", "on", "since", "by", "until", "till", "from", "to", "last", "next", "early", "late",
                          "mid", "through", "throughout", "of", "between", "and", "or", "before", "after", "during",
                          "this", "that", "each", "every", "around", "about", "-", "–", "—", "/"))
MONTH_NAME_RULE = "person-month-given-name"
_MONTH_GIVEN_NAMES = {"Jun", "Jan", "May"}  # given names (军 俊 君, 健, 梅) that are also month words


def given_name_like_a_month(lists: dict, parts: list[str], number_after: bool = False) -> bool:
    """"Wang Jun", "Ma Jun": a surname and a given name that is also a month's short form (a
    word that is no name part anywhere else); `lists`: the name lists (rules/namedata.py). A
    surname that is also an English word or a short form ("Sun", "Ma") counts only where no
    number follows, as it would a date ("Sun Jun 5")."""
    return len(parts) == 2 and parts[1] in _MONTH_GIVEN_NAMES and parts[0] in lists["cn"] \
        and not (parts[0] in lists["ambiguous"] and number_after)


def month_first_name(names, tk: Tokens, start: int, end: int) -> bool:
    """"Jan Kowalski", "April Wong": does the run start..end of `tk` hold a given name that is
    also a month, then one surname (a capitalised word that is no other kind of word), where no
    date would stand? `names`: the NameChecks asking (names.py)."""
    text = tk.text
    if text[start] not in _MONTH_FIRST_NAMES:
        return False
    parts = names.parts_of(text, start, end)
    if len(parts) != 2:
        return False
    surname = parts[1]
    before = tk.lower[start - 1] if start > 0 else ""
    # ("Jan", a short form, stands for the month only before a day or a year: "in Jan 2020",
    # not "in Jan Kowalski's flat"; a full month's name may stand alone: "in May Chen was")
    dated = before in _DATE_BEFORE and text[start] != "Jan"
    return not (dated or (start > 0 and tk.like_num[start - 1])) \
        and surname[:1].isupper() and not surname.isupper() and not names._is_not_word(surname) \
        and surname not in _MONTH_FIRST_NAMES
