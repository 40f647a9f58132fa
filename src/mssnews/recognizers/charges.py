"""Charges: the offences a person is convicted of, charged with, pleads guilty to or is
acquitted of.

Two rule files carry the meaning as data:
- `rules/charges.jsonl`: offence phrases, each rule's `attributes.offence` the offence key
  ("espionage", "state_secrets", ...); a rule with offence null marks words that only name a
  law, an agency or a campaign ("Counter-Espionage Law", "espionage agencies"), and, being
  longer, wins over the offence word inside it.
- the `STATUS` rules of `rules/context.jsonl`: ConText-style cues (`attributes.status`:
  convicted, pleaded_guilty, charged, acquitted, or hypothetical) whose scope is their
  sentence, found by the context recognizer (recognizers/context.py). Where a cue and an
  offence phrase overlap, the longer wins, by the same filter as the matches of one file.

An offence counts only where its sentence holds a cue (or a penalty): an offence named in a
warning, a law's text or a "could be charged" is nobody's charge. Among the cues before it,
convicted outranks pleaded guilty, which outranks charged; with none before, the cues after
it decide; an acquittal right before it wins; a hypothetical cue nearer than any other drops
it.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from mssnews.facts.models import OFFENCES, Charge, Sentence
from mssnews.recognizers.clauses import _PERSON_NOUNS
from mssnews.recognizers.context import STATUS, ContextFinder, Scopes, status_rules
from mssnews.recognizers.normalize import UNITS, number_word
from mssnews.rules.loader import RuleError, load_patterns
from mssnews.rules.matcher import Match, RuleMatcher
from mssnews.text import doc_text, sent_at_char, sent_of, tokens

_RANK = {"convicted": 3, "pleaded_guilty": 2, "charged": 1}
UNCUED = "uncued"  # an offence named with no cue in its sentence: "Sheng also offered bribes"
# Offences named by the act itself ("sold state secrets", "offered bribes", "illegally exported"):
# such a mention with no cue still tells what a sentenced person did. "Espionage activities"
# or "abusing his power to benefit others" (the bribery itself, in Chinese courts' English) do not.
ACTS = frozenset(("bribery", "state_secrets", "export_control", "embezzlement", "money_laundering", "trade_secrets"))


def _attributes(name: str, key: str, allowed: tuple) -> dict[str, Optional[str]]:
    """rule id -> attributes[key] for every rule of a pattern file, checked against `allowed`."""
    out = {}
    for rec in load_patterns(name):
        value = (rec.get("attributes") or {}).get(key)
        if value is not None and value not in allowed:
            raise RuleError(f"{name}.jsonl: rule {rec['id']!r}: {key} {value!r} is not one of {', '.join(allowed)}")
        out[rec["id"]] = value
    return out


class ChargeFinder:
    def __init__(self, vocab):
        self.matcher = RuleMatcher(vocab, "charges")
        self.offence_of = _attributes("charges", "offence", OFFENCES)
        # Rules that name the act itself ("offered cooperation", "to a foreign spy agency"): their
        # mention with no cue tells what a sentenced or held person did, whatever the offence.
        self.act = set()
        for rec in load_patterns("charges"):
            act = (rec.get("attributes") or {}).get("act", False)
            if not isinstance(act, bool):
                raise RuleError(f"charges.jsonl: rule {rec['id']!r}: act must be true or false, not {act!r}")
            if act:
                self.act.add(rec["id"])
        self.vocab = vocab
        self.status_of = status_rules()
        self.context: Optional[ContextFinder] = None  # (made if no context scopes are given)
        self.cues: list[tuple[int, int, str]] = []

    def __call__(self, doc: Doc, sentences: list[Sentence],
                 context: Optional[Scopes] = None) -> tuple[list[Charge], list[tuple[int, int]]]:
        """The charges of doc, and beside them their token spans; `context`: the doc's context
        scopes (recognizers/context.py), found here if not given."""
        tk, text = tokens(doc), doc_text(doc)
        if context is None:
            self.context = self.context or ContextFinder(self.vocab)
            context = self.context(doc)
        # The offence phrases and the status cues, overlaps settled as within one rule file (a
        # cue's rules come after the offence phrases: of two matches of the same tokens, the phrase)
        matches = self.matcher.spans_filter(sorted(
            [*self.matcher(doc, longest=False), *(Match("STATUS", rule, a, b) for a, b, rule in context[STATUS])],
            key=lambda m: (m.start, -m.end)))
        found = [m for m in matches if m.label == "OFFENCE" and self.offence_of[m.rule] is not None]
        self.cues = []  # (start, end, status) of every status cue: the status of a person (link_charges)
        if not found:
            return [], []
        by_sent: dict[int, list[tuple[int, str]]] = {}  # sentence start -> its cues
        for m in matches:
            if m.label == "STATUS":
                here = by_sent.setdefault(sent_of(doc, m.start).start, [])
                status = self.status_of[m.rule]
                if not any(st == "hypothetical" for _k, st in here):
                    self.cues.append((tk.idx[m.start], tk.end[m.end - 1], status))
                here.append((m.start, status))
        with_penalty = {sent_at_char(doc, s.start).start for s in sentences}
        out, spans = [], []
        for m in found:
            sent = sent_of(doc, m.start)
            in_sent = [(k, st) for k, st in by_sent.get(sent.start, ()) if not m.start <= k < m.end]
            if sent.start in with_penalty:
                in_sent.append((sent.start, "convicted"))  # a penalty in the sentence: a sentence for it
            status = _status(in_sent, m.start)
            if status is None:
                if any(st == "hypothetical" for _k, st in in_sent) or (
                        self.offence_of[m.rule] not in ACTS and m.rule not in self.act):
                    continue
                status = UNCUED  # kept only if it is the act of someone sentenced (see link_charges)
            start, end = tk.idx[m.start], tk.end[m.end - 1]
            out.append(Charge(text=text[start:end], start=start, end=end, rule=m.rule,
                              offence=self.offence_of[m.rule], status=status))
            spans.append((m.start, m.end))
        return out, spans


def _status(cues: list[tuple[int, str]], at: int) -> Optional[str]:
    """The status the cues of a sentence give an offence at token `at` (None: not a charge)."""
    before = sorted((k, st) for k, st in cues if k < at)
    after = sorted((k, st) for k, st in cues if k > at)
    if before and before[-1][1] == "acquitted":
        return "acquitted"
    if before and before[-1][1] == "hypothetical":
        return None
    if not any(st in _RANK for _, st in before) and after and after[0][1] == "hypothetical":
        return None  # "violating the law could bring jail": what could be, with nothing real before
    real = [st for _, st in before if st in _RANK] or [st for _, st in after[:2] if st in _RANK]
    if not real:
        if any(st == "acquitted" for _, st in after[:1]):
            return "acquitted"
        return None
    return max(real, key=_RANK.__getitem__)


def person_status(cues: list[tuple[int, int, str]], linker, people) -> dict[str, str]:
    """The highest status a status cue gives each person it is tied to ("apprehended him",
    "a suspect surnamed Ni", "X was arrested"): their acts named with no cue have that status."""
    from mssnews.facts.models import Mention

    out: dict[str, str] = {}
    for start, end, status in cues:
        if status not in _RANK:
            continue
        i = linker.person_for(Mention(start, end, ""))
        if i is None:
            i = linker.named_right_after(end)  # "a suspect surnamed Ni", "arrested Zhang"
        if i is None or people[i].role:
            continue
        name = people[i].name
        if _RANK[status] > _RANK.get(out.get(name, ""), 0):
            out[name] = status
    return out


def link_charges(charges: list[Charge], linker, people, sentences: list[Sentence],
                 cues: list[tuple[int, int, str]] = ()) -> list[Charge]:
    """Who each charge belongs to: the person (or every person of "A and B") named in its
    clause, or through "he"/"she"; a convicted charge with no one named goes to each person
    sentenced in the report who has no such charge yet (a headline, "The four were found
    guilty of ..."). A person who was sentenced has every charge of theirs as convicted. Each
    penalty lists the convicted charges of its person in its sentence (`Sentence.charges`)."""
    names = [p.name for p in people]
    order = {n: k for k, n in enumerate(names)}
    sentenced = [n for n in dict.fromkeys(s.person for s in sentences) if n]
    sentenced_set = set(sentenced)
    out: list[Charge] = []
    uncued = []
    for ch in charges:
        # Officials, judges and reporters are not the accused of the reports they are named in.
        idxs = [i for i in linker.people_for(ch) if not people[i].role]
        if ch.status == UNCUED:
            # The acts of a person sentenced in the report are what they were sentenced for.
            uncued.append((ch, idxs))
            continue
        if not idxs:
            if ch.status == "convicted" or linker.has_subject(ch):
                out.append(ch)  # (else a general statement: "accusations of espionage")
            continue
        for i in idxs:
            out.append(_copy(ch, names[i]))
    # The acts of a person sentenced in the report are what they were sentenced for; the acts
    # of someone arrested or charged with nothing named are what they are held for.
    stated = {c.person for c in out}
    held = {names[i] for _ch, idxs in uncued for i in idxs} - sentenced_set - stated
    status_of = person_status(list(cues), linker, people) if held else {}  # (only when someone needs it)
    for ch, idxs in uncued:
        out.extend(_copy(ch, names[i], "convicted" if names[i] in sentenced_set else status_of[names[i]])
                   for i in idxs if names[i] in sentenced_set or (names[i] in status_of and names[i] not in stated))
    spread = _spread_to_sentenced(out, sentenced, linker)
    out = sorted(spread, key=lambda c: (c.start, order.get(c.person, -1)))
    for c in out:
        if c.person in sentenced_set and c.status in ("charged", "pleaded_guilty"):
            c.status = "convicted"
    _charges_of_penalties(out, linker, sentences)
    return out


# "45 pro-democracy figures convicted of subversion", "three other men were charged with": a
# charge whose own subject is a number of unnamed people, other than the number sentenced in
# the report, is theirs, not spread to the report's sentenced ("two men were jailed for ..."
# in a report that sentences two is their charge).
_NUMBER_WORDS = sorted(w for w, v in UNITS.items() if v >= 2)  # "two" ... "nineteen" (normalize.py)
_GROUP_NOUNS = sorted({w + "s" for w in _PERSON_NOUNS if not w.endswith("s")} | {
    "people", "men", "women", "persons", "figures", "democrats", "activists", "protesters", "dissidents",
    "politicians", "others", "individuals", "defendants"})
_NUMBERED_GROUP = re.compile(r"\b(\d[\d,]*|%s|dozens of|hundreds of|several)\s+(?:[\w-]+\s+){0,3}?(?:%s)\s+"
                             r"(?:who\s+)?(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:convicted|charged|accused|"
                             r"sentenced|jailed|found\s+guilty)\b[^.;]*$" % ("|".join(_NUMBER_WORDS), "|".join(_GROUP_NOUNS)),
                             re.I)


def _spread_to_sentenced(out: list[Charge], sentenced: list[str], linker) -> list[Charge]:
    """A convicted charge tied to no one goes to each person sentenced in the report who has no
    such charge yet (not one of a numbered group of others: see _of_a_numbered_group)."""
    have = {(c.person, c.offence) for c in out}
    spread = []
    for ch in out:
        if ch.person is None and ch.status == "convicted" and sentenced \
                and not _of_a_numbered_group(linker, ch, len(sentenced)):
            lacking = [n for n in sentenced if (n, ch.offence) not in have]
            if lacking:
                spread.extend(_copy(ch, n) for n in lacking)
                have.update((n, ch.offence) for n in lacking)
                continue
        spread.append(ch)
    return spread


def _of_a_numbered_group(linker, ch: Charge, sentenced: int) -> bool:
    sent = linker.sentence_of(ch.start)
    m = _NUMBERED_GROUP.search(linker.text, max(sent.start_char, ch.start - 200), ch.start)
    if m is None:
        return False
    return number_word(m.group(1)) != sentenced  # ("several", "dozens of": None, never the number sentenced)


def _charges_of_penalties(charges: list[Charge], linker, sentences: list[Sentence]) -> None:
    """Each penalty lists the convicted charges of its person in its sentence."""
    convicted: dict[tuple, list[int]] = {}  # (sentence start, person) -> the convicted charges there
    for k, c in enumerate(charges):
        if c.status == "convicted":
            convicted.setdefault((linker.sentence_of(c.start).start_char, c.person), []).append(k)
    for s in sentences:
        s.charges = list(convicted.get((linker.sentence_of(s.start).start_char, s.person), ()))


def _copy(ch: Charge, person: Optional[str], status: Optional[str] = None) -> Charge:
    return Charge(text=ch.text, start=ch.start, end=ch.end, rule=ch.rule, person=person, offence=ch.offence,
                  status=status or ch.status)
