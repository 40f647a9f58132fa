"""What the linker settles after it has tied each fact to a person: a heading that restates a
fact of the body, a plain death that restates a reprieve, the documents of a report about one
person."""
from __future__ import annotations


def _counts_to_the_only_subject(people, counts: list) -> None:
    """A report about one person (everyone else it names is an official, a judge or a
    credit): the documents it counts and ties to no one are theirs."""
    subjects = {p.name for p in people if not p.role}
    if len(subjects) == 1:
        only = subjects.pop()
        for c in counts:
            if c.person is None:
                c.person = only


def _term_key(s) -> tuple:
    return (s.penalty, s.years, s.months, s.days, s.for_life, s.reprieve_years, s.amount)


def _headline_restates(linker, items: list, key) -> None:
    """A heading that names no one ("Editor jailed for 1 year, 9 months") restates the fact
    of the same value in the text below it: it belongs to the one person that text gives it to."""
    text = linker.text
    for it in items:
        line_start = text.rfind("\n", 0, it.start) + 1
        line_end = text.find("\n", it.end)
        tail = text[it.end:line_end if line_end >= 0 else len(text)].rstrip()
        if tail[-1:] in (".", "!", "?", '"', "”") or (not tail and text[it.start:it.end][-1:] == "."):
            continue  # (a cheap look first: the line ends like a sentence)
        sent = linker.sentence_of(it.start)
        if sent.start_char != line_start or not _in_heading(linker, it) or linker.people_between(sent.start_char, it.start):
            continue
        owners = {x.person for x in items if x is not it and x.start >= sent.end_char and key(x) == key(it)}
        if len(owners) == 1 and None not in owners:
            it.person = owners.pop()


def _drop_restated_death(sentences, linker) -> None:
    """A plain "death" for someone who got death with a reprieve restates that sentence; so
    does one tied to no one in a heading or in the sentence of a reprieve. Another plain death
    tied to no one ("another defendant was sentenced to death") is a sentence of its own."""
    reprieved = [s for s in sentences if s.penalty == "death_with_reprieve"]
    if not reprieved:
        return
    people = {s.person for s in reprieved}
    where = {linker.sentence_of(s.start).start_char for s in reprieved}

    def restates(s) -> bool:
        if s.penalty != "death":
            return False
        if s.person is not None:
            return s.person in people
        return linker.sentence_of(s.start).start_char in where or _in_heading(linker, s)

    sentences[:] = [s for s in sentences if not restates(s)]


def _in_heading(linker, item) -> bool:
    """Is the item on a line of its own that does not end like a sentence (a headline)?"""
    text = linker.text
    sent = linker.sentence_of(item.start)
    line = text[sent.start_char:sent.end_char].strip()
    return bool(line) and line[-1] not in '.!?"”' and text[max(0, sent.start_char - 1):sent.start_char] in ("", "\n")
