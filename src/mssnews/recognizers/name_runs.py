"""Candidate names: maximal runs of capitalised name-like tokens (with hyphenated pieces,
initials and nicknames in quotes), and the parts of a run."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress

from spacy.tokens import Doc

from mssnews.facts.models import Mention
from mssnews.rules.currencies import currency_codes
from mssnews.rules.loader import load_patterns
from mssnews.text import HYPHENS, Tokens, tokens

# A name token, read off its shape (X an upper-case letter, x a lower-case one, of any script that
# has case: "Kõuts", "Müller", "Łukasz", "Søren" as well as "McDonald", "O'Brien", "CUI").
_NAME_SHAPE = re.compile(r"^(?:Xx*(?:['’]X?x+)?|Xx*Xx+|X{2,})$")


def _shape(text: str) -> str:
    return "".join("X" if c.isupper() else "x" if c.islower() else c for c in text)

_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$")

_LOWER_PART = re.compile(r"^[a-z]+$")

# Lower-case particles inside a European name, between a given name and the rest of the surname.
PARTICLES = frozenset(("van", "der", "den", "de", "von", "du", "da", "di", "del", "della", "dos", "das", "ter", "la", "le",
                       "bin", "binti", "bint", "ibn"))  # ("Mohammed bin Rashid", "Siti binti Ahmad")

MAX_RUN = 12  # tokens in a run of capitalised words worth reading as a name

_NICK_QUOTES = {'"', "“", "”"}

_QUOTES_OPEN = {'"', "“", "‘", "'"}

_QUOTES_CLOSE = {'"', "”", "’", "'"}

_OPENERS = {'"', "“", "‘", "'", "(", "[", "«"}

def _capitalised(doc: Doc) -> list[int]:
    """Indexes of tokens whose first character is an upper-case letter (spaCy's SHAPE would
    start with "X")."""
    return list(compress(range(len(doc)), tokens(doc).is_cap))


@lru_cache(maxsize=None)
def _codes() -> frozenset[str]:
    """The ISO 4217 codes of CLDR (rules/currencies.py)."""
    return frozenset(currency_codes())


class NameRuns:
    """Needs `self._name_cache` (a dict), set by NameChecks."""

    # -------------------------------------------------------------- candidate runs
    def _is_name_token(self, tk: Tokens, k: int) -> bool:
        text = tk.text[k]
        ok = self._name_cache.get(text)
        if ok is None:
            ok = bool(_NAME_SHAPE.match(_shape(text))) and not tk.like_num[k]
            if len(self._name_cache) < 50_000:
                self._name_cache[text] = ok
        return ok

    def runs(self, doc: Doc) -> list[tuple[int, int]]:
        """Maximal runs of capitalised name-like tokens, hyphenated pieces and initials."""
        out, n = [], len(doc)
        tk = tokens(doc)
        text, ws, name = tk.text, tk.ws, self._is_name_token
        last = 0
        # Only tokens that start with a capital letter can start a run.
        for i in _capitalised(doc):
            if i < last:
                continue
            if name(tk, i) or (_INITIAL.match(text[i]) and i + 1 < n and name(tk, i + 1) and i > 0 and text[i - 1][:1].isupper()):
                j = i + 1
                while j < n:
                    u = text[j]
                    if not ws[j - 1] and u in HYPHENS and j + 1 < n and not ws[j] and (name(tk, j + 1) or _LOWER_PART.match(text[j + 1])):
                        j += 2
                        continue
                    if ws[j - 1] and u.isupper() and j + 1 < n and tk.like_num[j + 1] and u in _codes():
                        break  # a currency's code before its sum: "fined Marek Nowak PLN 40,000"
                    if ws[j - 1] and (name(tk, j) or (_INITIAL.match(u) and j + 1 < n and (name(tk, j + 1) or (
                            _INITIAL.match(text[j + 1]) and j + 2 < n and name(tk, j + 2))))):  # "Wan F. A. Jusoh"
                        j += 1
                        continue
                    if u in _NICK_QUOTES and j + 3 < n and name(tk, j + 1) and text[j + 2] in _NICK_QUOTES \
                            and ws[j + 2] and name(tk, j + 3):
                        j += 3  # a nickname in quotes inside a name: Pinzhe "Peter" Zhang
                        continue
                    if ws[j - 1] and len(u) == 2 and _INITIAL.match(u) and j - i == 1:
                        j += 1  # "Jian G.", "Piotr K.": the German and Polish press's given name and initial
                        break
                    if ws[j - 1] and u in PARTICLES:
                        k = j + 1 if j + 1 < n and text[j + 1] not in PARTICLES else j + 2
                        if k < n and ws[k - 1] and ws[j] and text[k - 1] in PARTICLES | {u} and name(tk, k):
                            j = k + 1  # "Edwin van der Sar", "Ursula von der Leyen", "Charles de Gaulle"
                            continue
                    break
                if j - i <= MAX_RUN:  # a longer run of capitals is a headline or junk, not a name
                    out.append((i, j))
                last = j
        return out

    @staticmethod
    def parts_of(words: tuple[str, ...], start: int, end: int) -> list[str]:
        """The name parts of words[start:end]: hyphenated pieces joined ("Chung-yu")."""
        parts: list[str] = []
        glue = False
        quoted = False
        for t in words[start:end]:
            if t in _NICK_QUOTES:
                quoted = not quoted  # (a nickname is no part of the name)
                continue
            if quoted:
                continue
            if t in HYPHENS:
                if parts:  # (a hyphen with no part before it is dropped)
                    parts[-1] += "-"
                    glue = True
                continue
            if glue:
                parts[-1] += t
                glue = False
            else:
                parts.append(t)
        return parts


# Words that make the run before them the name of an organisation or a place: "the Dui Hua
# Foundation", "Ying Kou Port Group", "Qiandongnan Miao and Dong Autonomous Prefecture".
_ORG_WORDS = frozenset(("Foundation", "Port", "Group", "Company", "Corporation", "Corp", "Co", "Ltd", "Inc", "LLC",
                        "Holdings", "Industries", "Technology", "Technologies", "Bank", "Prefecture", "County",
                        "Township", "Autonomous", "Database"))


_PLACE_WORDS_AFTER = frozenset(("autonomous", "prefecture", "county", "township"))


def _org_names(text, runs: list[tuple[int, int]]) -> set[str]:
    """The names that a report also writes as the first words of an organisation's or a
    place's name; such a name with no cue is not a person anywhere in the report."""
    out: set[str] = set()
    prev_end, prev = -1, None
    for start, end in runs:
        k = next((j for j in range(start + 1, end) if text[j] in _ORG_WORDS), None)
        if k is None and end < len(text) and text[end] in _PLACE_WORDS_AFTER:
            k = end  # "the court of Qiandongnan Miao and Dong autonomous prefecture"
        if k is not None:
            out.add(" ".join(text[start:k]))
            if prev is not None and prev_end + 1 == start and text[prev_end] == "and":
                out.add(" ".join(text[prev[0]:prev[1]]))  # "Qiandongnan Miao and Dong Autonomous ..."
        prev_end, prev = end, (start, end)
    return out


PEOPLE_ATTRIBUTES = {"side": ("before", "after"), "why": str, "one_word": bool, "list": bool, "given_name_alone": bool}


def _checked_people_rules() -> tuple:
    """The rules of rules/people.jsonl, their attributes checked (a RuleError names the rule):
    `side` of a CREDIT (see below); `why`, an explanation; of a SURNAMED cue, `one_word` (only
    the one word after it is the name: "surnamed Zhang"), `list` (the names listed after it too:
    "last names Yeh and Su"), `given_name_alone` (the word after it may be a given name alone:
    "an agent named Jack")."""
    from mssnews.rules.loader import RuleError

    recs = load_patterns("people")
    for r in recs:
        for key, value in (r.get("attributes") or {}).items():
            allowed = PEOPLE_ATTRIBUTES.get(key)
            ok = allowed is not None and (isinstance(value, allowed) if isinstance(allowed, type) else value in allowed)
            if not ok:
                raise RuleError(f"people.jsonl: rule {r['id']!r}: " + (f"unknown attribute {key}" if allowed is None
                                                                         else f"{key} {value!r} is not allowed"))
    return recs


_PEOPLE_RULES = _checked_people_rules()


def _flagged(label: str, flag: str) -> frozenset[str]:
    return frozenset(r["id"] for r in _PEOPLE_RULES if r["label"] == label and (r.get("attributes") or {}).get(flag))


# The cues of a name right after them (the SURNAMED rules): a single word after one is a name.
NAME_CUES = frozenset(r["id"] for r in _PEOPLE_RULES if r["label"] == "SURNAMED")
ONE_WORD_CUES, LIST_CUES, GIVEN_NAME_CUES = (_flagged("SURNAMED", f) for f in ("one_word", "list", "given_name_alone"))


# Cues of a byline or credit (the CREDIT rules of rules/people.jsonl): such a person is a
# reporter or photographer, never a case's subject. A rule's attributes.side "before" marks the
# name before the cue ("X contributed to this", "X/Xinhua"), else the name after it.
CREDIT_SIDE = {r["id"]: (r.get("attributes") or {}).get("side", "after")
               for r in _PEOPLE_RULES if r["label"] == "CREDIT"}


CREDIT_CUES = frozenset(CREDIT_SIDE) | {"person-byline"}


# A run right before ", 45," or ", a former engineer" is a name too (the NAME_BEFORE rules of
# rules/people.jsonl: "Tanaka, 45, was", "Ma, a former employee of ..."), but a short form of a
# person named before ("Li, 45," after "Jing Ping Li") stays theirs (people.py).
BEFORE_CUES = frozenset(r["id"] for r in _PEOPLE_RULES if r["label"] == "NAME_BEFORE")


_BYLINE_REST = re.compile(r"^[\s|·•,-]*(?:\d+[- ]min(?:ute)? read)?[\s|·•]*$", re.I)


def _a_byline_line(text: str, m: Mention) -> bool:
    """A name alone on one of the first lines of a report ("Catherine Wong | ·2-min read"
    under the headline), named nowhere else: its author."""
    if m.start > 400 or text.count("\n", 0, m.start) > 5:
        return False
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    return not text[line_start:m.start].strip() and bool(_BYLINE_REST.match(text[m.end:line_end if line_end >= 0 else len(text)]))
