"""A lead's unnamed subject ("A former official was jailed ..."): the person a report names
soon after it. Used by the linker (recognizers/linker.py)."""
from __future__ import annotations

from bisect import bisect_left
from typing import Optional

from mssnews.recognizers.clauses import word_at

LEAD_SENTENCES = 1  # a lead's unnamed subject is named in the next sentence (two let a lead take the next case's name)
FIRST_LEAD_SENTENCES = 3  # ... or, before anyone is named, in one of the next three (the first that names anyone)


def first_in_next_sentence(linker, s0: int, s1: int, first_lead: bool = True) -> Optional[int]:
    """The first person named in the sentence after the one s0..s1 (LEAD_SENTENCES):
    "A former official was jailed ... The court said Zhang ...". After the report's own
    lead (see lead_reach), the one person named in the first of the next
    FIRST_LEAD_SENTENCES that names anyone ("Fan Ling and Bo Tian did not appeal": no one)."""
    sents = linker._sents
    k = bisect_left(linker._sent_chars, s1)
    ms = linker.mentions
    for n, nxt in enumerate(sents[k:k + (lead_reach(linker, s0, k) if first_lead else LEAD_SENTENCES)]):
        named: list[int] = []
        for a, b, i in ms[bisect_left(linker.starts, nxt.start_char):bisect_left(linker.starts, nxt.end_char)]:
            if b <= nxt.end_char and not linker.people[i].role and i not in named:
                named.append(i)
        if named:
            return named[0] if n < LEAD_SENTENCES or len(named) == 1 else None
    # Further on only where the report names one person who is not an official or a
    # reporter: the unnamed subject of the lead can be no one else.
    subjects = {i for _a, _b, i in ms if not linker.people[i].role}
    if len(subjects) == 1:
        only = subjects.pop()
        if any(i == only and a >= s1 for a, _b, i in ms):
            return only
    return None


def lead_reach(linker, s0: int, k: int) -> int:
    """How many sentences after a lead (sentences[k] the first of them) its subject may be
    named in: FIRST_LEAD_SENTENCES for the report's own lead (no one but officials and
    reporters named before it), up to the first sentence that speaks of several "cases"
    (from the top of the report on: a report of several cases names them one by one);
    LEAD_SENTENCES for any other."""
    first_named, cases = _report_marks(linker)
    if first_named < s0:
        return LEAD_SENTENCES
    sents = linker._sents
    for j, nxt in enumerate(sents[k:k + FIRST_LEAD_SENTENCES]):
        if bisect_left(cases, nxt.end_char) > 0:  # "cases" before the end of this sentence
            return max(j, LEAD_SENTENCES)
    return FIRST_LEAD_SENTENCES


def _report_marks(linker) -> tuple[int, list[int]]:
    """(where the first person who is no official or reporter is named, where "cases" stands),
    found once per doc."""
    if linker.lead_marks is None:
        first = next((a for a, _b, i in linker.mentions if not linker.people[i].role), len(linker.text))
        linker.lead_marks = (first, word_at(linker.text, "cases"))
    return linker.lead_marks
