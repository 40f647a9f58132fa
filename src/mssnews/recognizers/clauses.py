"""What the linker reads in a sentence: clause breaks, lists, quotes, possessives, pronouns and the
nouns that name the person an article is about ("the former minister")."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from mssnews.text import sent_at_char
from mssnews.facts.models import SUM_PENALTIES


# ";|,?\s\b(?:while|whereas|but)\b" with the optional comma as a branch of its own; matched
# only where one can begin (see _clause_break_spans), and over a window by _clause_start.
_CLAUSE_BREAK = re.compile(r";|,\s\b(?:while|whereas|but)\b|\s\b(?:while|whereas|but)\b")
_LIST_GAP = re.compile(r"(?:and|,)\s*(?:mr\.|ms\.|mrs\.|dr\.)?")
_POSSESSIVE = re.compile(r"^['’]s\b")
_CLAUSE_PUNCT = re.compile(r"[,;:()\u2013\u2014]")
_WORD_CHAR = re.compile(r"\w")
_ALL_TAIL = re.compile(r"(?:all|each|both|every one)(?: of them\b| (?:were|had|have)\b| (?:three|four|five|six|seven|eight|nine|ten)\b)",
                       re.I)


def spread_to_all(linker, items: list) -> list:
    """A penalty said of "all of them", "each of them" or "both" goes to every person
    sentenced in the same sentence before it ("sentenced Lai to seven years, Lee to six
    and Chen to five, with all of them deprived of their civil rights for six years")."""
    ends = all_of_them_ends(linker.text)
    if not ends:
        return items
    out = []
    for it in items:
        out.append(it)
        sent = linker.sentence_of(it.start)
        lo = max(sent.start_char, it.start - 60)
        k = bisect_right(ends, it.start)  # such a phrase within 60 characters before it, in its sentence
        if not k or ends[k - 1] <= lo:
            continue
        others = [o.person for o in items if o is not it and o.person and o.penalty != it.penalty
                  and sent.start_char <= o.start < it.start]
        people = list(dict.fromkeys(others))
        if len(people) < 2:
            continue
        it.person = people[0]
        for name in people[1:]:
            out.append(replace(it, person=name))
    return out


def spread_to_listed(linker, items: list) -> list:
    """A penalty of people listed together as the subject ("Lai and Lee were sentenced to seven
    years", "Lai, Lee and Chen were each jailed for two years") goes to each of them: the
    people named with its person right before it, joined by "," or "and" (Linker.people_for,
    as for charges). A sum only with "each", "both" or "apiece" ("were fined 5,000 yuan each";
    "X and Y forfeited $505,000" is one sum). Not where the sentence gives several penalties of
    the kind (one each, or "respectively")."""
    out = []
    for it in items:
        out.append(it)
        if it.person is None:
            continue
        sent = linker.sentence_of(it.start)
        if len(linker.people_between(sent.start_char, it.start)) < 2:
            continue  # (no list before it: most penalties, found without asking people_for again)
        if any(o is not it and o.penalty == it.penalty and sent.start_char <= o.start < sent.end_char for o in items):
            continue
        names = [linker.people[i].name for i in linker.people_for(it)]
        if len(names) < 2 or names[0] != it.person:
            continue
        if it.penalty in SUM_PENALTIES and _EACH.search(linker.text, sent.start_char, min(sent.end_char, it.end + 12)) is None:
            continue
        out.extend(replace(it, person=name) for name in names[1:])
    return out


_EACH = re.compile(r"\b(?:each|both|apiece)\b", re.I)


def all_of_them_ends(text: str) -> list[int]:
    """Where "all of them", "each of them", "both were", "all three" ... end, in order. Found
    from str.find of their first words (one regex over the whole text with \\b alternatives
    took eight times as long)."""
    low, out = text.lower(), []
    for word in ("all", "each", "both", "every one"):
        i = low.find(word)
        while i >= 0:
            if i == 0 or not low[i - 1].isalpha():
                m = _ALL_TAIL.match(text, i)
                if m:
                    out.append(m.end())
            i = low.find(word, i + 1)
    return sorted(out)


def word_at(text: str, word: str) -> list[int]:
    """Where `word` (lower case) stands as a whole word, written in lower, title or upper case,
    in order: found with str.find, several times as fast as a regex with \\b and re.I over a
    whole text, and once per doc."""
    out = []
    for form in dict.fromkeys((word, word.title(), word.upper())):
        i = text.find(form)
        while i >= 0:
            if (i == 0 or not text[i - 1].isalnum()) and not text[i + len(form):i + len(form) + 1].isalnum():
                out.append(i)
            i = text.find(form, i + 1)
    return sorted(out)


def respectively_at(text: str) -> list[int]:
    """Where "respectively" stands."""
    return word_at(text, "respectively")


def _word_within(where: list[int], lo: int, hi: int, length: int) -> bool:
    """Does a word of `length` characters found at `where` (in order) lie within lo..hi?"""
    k = bisect_left(where, lo)
    return k < len(where) and where[k] + length <= hi


# A sum given to "him" or "her" by the person named in the clause: "Fang promised to give him up to
# 10,000 yuan a month": the sum is his, the one the pronoun points back to, not the giver's.
_GIVEN_TO_PRONOUN = re.compile(r"\b(?:give|gives|gave|given|giving|pay|pays|paid|paying|offer|offers|offered|offering|"
                               r"send|sends|sent|transfer|transferred|wire|wired|hand|handed|promise|promised)\s+"
                               r"(?:him|her)\s+(?:[\w-]+\s+){0,3}$", re.I)

def given_to_pronoun_at(text: str) -> list[int]:
    """Where "him" or "her" follows a verb of giving ("promised to give him", "paid her"), the
    pronoun's start, in order; found once per doc (a search before each fact cost 2.5 µs)."""
    return sorted(i for word in ("him", "her") for i in word_at(text, word)
                  if _GIVEN_TO_PRONOUN.search(text, max(0, i - 20), i + 4) is not None)


_FROM = re.compile(r"\s+from\s+")
_TAKEN = re.compile(r"\b(?:confiscat|forfeit|seiz|recover|expropriat)\w*", re.I)
_PRONOUN_START = re.compile(r"\s*[\"“]?(?:He|She)\b")
# (An unnamed relative or partner of someone, or "two others", as the subject of a clause, and
# "Another defendant", "Four former soldiers ... were" opening a sentence: context rules of
# rules/context.jsonl, categories someone_else and unnamed_subject.)


_PRONOUNS = {"he", "she", "his", "her", "him", "himself", "herself"}
_PERSON_NOUNS = {"defendant", "suspect", "man", "woman", "official", "minister", "chief", "engineer",
                 "officer", "employee", "researcher", "spy", "student", "convict", "accused",
                 "individual", "former", "ex-official", "businessman", "businesswoman", "executive",
                 "secretary", "director", "mayor", "governor", "legislator", "lawmaker", "agent",
                 "sailor", "soldier", "analyst", "scientist", "professor", "technician", "worker",
                 "translator", "administrator", "photographer", "leaker", "contractor", "diplomat",
                 "chairman", "chairwoman", "president", "head", "manager", "boss", "citizen",
                 "resident", "native", "aide", "adviser", "advisor", "consultant", "journalist", "editor",
                 "blogger", "activist", "dissident", "lawyer", "pilot", "guard", "guardsman", "member",
                 "veteran", "retiree", "banker", "accountant", "trader", "broker", "programmer", "hacker",
                 "designer", "seaman", "marine", "airman", "specialist", "linguist", "interpreter",
                 "academic", "scholar", "writer", "author", "tycoon", "billionaire", "entrepreneur",
                 "investor", "owner", "founder", "staffer", "clerk", "civilian", "servicemember",
                 "serviceman", "servicewoman", "colonel", "captain", "lieutenant",
                 "sergeant", "commander", "admiral", "cadre", "teacher", "doctor", "physicist", "chemist",
                 "couple", "husband", "wife", "graduate", "mastermind", "ringleader", "operator", "courier"}


# One of them as a word: a run of letters and hyphens ([A-Za-z-]+), in any (ASCII) case.
_SUBJECT_SET = frozenset(_PRONOUNS | _PERSON_NOUNS)
_LETTER_RUNS = re.compile(r"[A-Za-z-]+", re.A)


def _first_of_list(text: str, in_clause: list) -> int:
    """The nearest person before an item in its clause, or the first of "A and B" right before it."""
    a, b, i = in_clause[-1]
    for k in range(len(in_clause) - 2, -1, -1):
        pa, pb, pi = in_clause[k]
        gap = text[pb:a].strip().lower()
        if gap in ("and", ",", "and mr.", "and ms.", "and mrs.") or _LIST_GAP.fullmatch(gap):
            a, i = pa, pi
        else:
            break
    return i


def _sent_at(doc: Doc, char: int):
    return sent_at_char(doc, char)


def _quote_start(text: str, s0: int, start: int) -> Optional[int]:
    """Where the quotation holding `start` opens, if it opens in this sentence."""
    curly = text.rfind("“", s0, start)
    if curly > text.rfind("”", s0, start):
        return curly + 1
    if text.count('"', s0, start) % 2 == 1:
        return text.rfind('"', s0, start) + 1
    return None


def _distinct(mentions) -> list[int]:
    out: list[int] = []
    for _, _, i in mentions:
        if i not in out:
            out.append(i)
    return out


def _clause_break_spans(text: str) -> list[tuple[int, int]]:
    """The spans _CLAUSE_BREAK.finditer(text) finds, looked for only where a match can begin
    (at a ";", or one or two characters before "while", "whereas" or "but"): the regex would
    stop at every space of the text."""
    starts = set()
    for mark, back in ((";", (0,)), ("while", (1, 2)), ("whereas", (1, 2)), ("but", (1, 2))):
        i = text.find(mark)
        while i >= 0:
            starts.update(i - b for b in back if i >= b)
            i = text.find(mark, i + 1)
    spans, last = [], 0
    for c in sorted(starts):
        if c >= last:
            m = _CLAUSE_BREAK.match(text, c)
            if m is not None:
                spans.append(m.span())
                last = m.end()
    return spans


def _clause_start(text: str, s0: int, start: int) -> int:
    best = s0
    for m in _CLAUSE_BREAK.finditer(text, s0, start):
        best = m.end()
    return best


def _names_subject(text: str) -> bool:
    """Is one of the words of `text` (runs of letters and hyphens, in any case) a pronoun or
    a person noun? (The words, then a set: a regex of 150 alternatives took many times as
    long.)"""
    return any(w.lower() in _SUBJECT_SET for w in _LETTER_RUNS.findall(text))


_AFTER_A_NATIONAL = frozenset(("to", "was", "were", "who", "for", "in", "and", "has", "had", "is", "of", "with",
                               "living", "working", "named", "identified", "surnamed", "accused", "charged"))


def _a_national(tk, k: int) -> bool:
    """"a Chinese national was sentenced": the noun (one person), not the adjective
    of "national security"."""
    return k + 1 >= tk.n or not tk.text[k + 1][:1].isalnum() or tk.lower[k + 1] in _AFTER_A_NATIONAL


@lru_cache(maxsize=None)
def _cue_words(category: str) -> frozenset[str]:
    """The words the context rules of `category` are made of (rules/context.jsonl), with the
    words that join a list ("and", "with"): read once."""
    from mssnews.rules.loader import load_patterns

    out: set[str] = set()
    for rec in load_patterns("context"):
        if (rec.get("attributes") or {}).get("category") == category:
            for spec in rec["pattern"]:
                low = spec.get("LOWER")
                out.update(low.get("IN", ()) if isinstance(low, dict) else [low] if isinstance(low, str) else ())
    return frozenset(out) | _JOINING


_JOINING = frozenset(("and", "or", "with", "along", "together", "as", "well", "plus", "including"))


def others_between(text: str, idx: list[int], scopes: Optional[dict], lo: int, start: int) -> bool:
    """Is the fact at character `start` in the scope of a someone_else cue ("two other
    officers", "his wife") that stands after a verb of the person named before, at character
    `lo` ("Lu had recruited two other officers, who each received 5 years": not Lu's; "Lu and
    his wife were jailed": Lu's)?"""
    if not scopes or not scopes.get("someone_else"):
        return False
    others = _cue_words("someone_else")
    for a, b, _rule in scopes["someone_else"]:
        begins = idx[a] if a < len(idx) else len(text)
        if lo <= begins <= start and (b >= len(idx) or idx[b] > start):
            words = [w.strip(",.;:\"'()").lower() for w in text[lo:begins].split()]
            if any(w.isalpha() and w not in others for w in words):
                return True
    return False
