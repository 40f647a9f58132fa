"""Names given in a list: a run of unknown words listed right after a person's full name, and
given names that share the surname written once after the last ("Anna and Peter Novak").
PeopleFinder (recognizers/people.py) asks these of the runs it would otherwise pass over."""
from __future__ import annotations

from dataclasses import replace

from mssnews.recognizers.names import Candidate, NameChecks
from mssnews.text import Tokens


def sharing_a_surname(checks: NameChecks, tk: Tokens, runs: list, n: int, c: Candidate) -> Candidate:
    """A given name alone before "and" and a given name with a surname ("Anna and Peter
    Novak"): the given name with that surname."""
    nxt = runs[n + 1] if n + 1 < len(runs) else None
    if nxt is None or nxt[0] != c.end + 1 or nxt[1] - nxt[0] != 2 or tk.lower[c.end] != "and":
        return c
    given = checks.lists["given"]
    first, (second, surname) = c.parts[0], tk.text[nxt[0]:nxt[1]]
    if first in given and second in given and not checks._surname_like(first) and not checks._surname_like(second):
        return replace(c, parts=[first, surname])
    return c


def listed_after_a_name(checks: NameChecks, tk: Tokens, c: Candidate, entities: list) -> bool:
    """Is the run of two or three parts, not a place, listed right after a person's full name
    ("Tendai Moyo and Farai Ncube", "X, Y and Z"), the names of a list being of one kind?"""
    k = c.start - 1
    if len(c.parts) not in (2, 3) or k < 1 or tk.lower[k] not in ("and", ",") or c.parts[0].endswith("ed") \
            or " ".join(c.parts) in checks.lists["places"]:
        return False
    k -= tk.lower[k] == "and" and tk.lower[k - 1] == ","  # ("X, Y, and Z")
    return any(len(e.parts) >= 2 and not e.role and e.mentions[-1][1] == k for e in entities if e.mentions)
