"""People: named individuals, surname-only subjects ("a man surnamed Huang"), their mentions,
age and a short description. Candidate names are runs of capitalised tokens; word lists in
`data/` and cue patterns in `rules/people.jsonl` decide which runs are people."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from spacy.tokens import Doc

from mssnews.facts.models import Mention, Person
from mssnews.recognizers.descriptions import _a_sentence_adverb, _age_and_description
from mssnews.recognizers.name_runs import BEFORE_CUES as _BEFORE_CUES, CREDIT_CUES, CREDIT_SIDE, GIVEN_NAME_CUES, \
    LIST_CUES, NAME_CUES as _NAME_CUES, ONE_WORD_CUES, _a_byline_line, _org_names
from mssnews.recognizers.listed_names import listed_after_a_name, sharing_a_surname
from mssnews.recognizers.names import Candidate, NameChecks
from mssnews.rules.matcher import RuleMatcher
from mssnews.text import Tokens, doc_text, sent_starts, tokens

_CAPITALISED_WORD = re.compile(r"^[A-Z][a-z]+$")

_PRONOUN_BEFORE = {"he", "she", "it", "they", "we", "i", "you"}


@dataclass
class _Entity:
    parts: list[str]
    rule: str
    surname_only: bool
    role: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    family_mentions: list[tuple[int, int]] = field(default_factory=list)
    age: Optional[int] = None
    description: Optional[str] = None
    given_only: bool = False  # one given name, no surname ("an agent named Jack")

    def __post_init__(self):
        # What a later one-word mention of this person may be: a part, the parts run
        # together, or a piece of the hyphenated name (see PeopleFinder._place).
        self.short_forms = frozenset((*self.parts, "".join(self.parts), *self.name.split("-")))

    @property
    def name(self) -> str:
        return " ".join(self.parts)


class PeopleFinder(NameChecks):
    def __init__(self, vocab):
        super().__init__()
        self.cues = RuleMatcher(vocab, "people")

    # -------------------------------------------------------------- the whole document
    def __call__(self, doc: Doc) -> list[Person]:
        cue_at, alias_points = self._cues(doc)
        tk = tokens(doc)
        starts = sent_starts(doc)
        text = tk.text

        entities: list[_Entity] = []
        runs = self.runs(doc)
        org_names = _org_names(text, runs)
        for n, (start, end) in enumerate(runs):
            cue = None
            if cue_at:
                for k in range(start, end):
                    cue = cue_at.get(k)
                    if cue:
                        break
                cue = cue or cue_at.get(("after", start)) or cue_at.get(("before", end))
            if cue in ONE_WORD_CUES:
                # Only the single word after "surnamed" is the name.
                k = next(k for k in range(start, end) if cue_at.get(k))
                start, end = k, k + 1
            cand = self.classify(tk, starts, start, end, cue)
            if cand is not None and end - start == 1:
                cand = sharing_a_surname(self, tk, runs, n, cand)
            if cand is None:
                self._family(tk, start, end, entities)
                continue
            cand.alias_of_previous = start in alias_points
            self._place(tk, starts, cand, entities)
        for e in (e for e in entities if e.surname_only and e.rule in _BEFORE_CUES):  # "ordered Smith to ... Smith was jailed"
            e.mentions[:0] = [(a, b) for a, b in runs if b - a == 1 and text[a] == e.parts[0] and a < e.mentions[0][0]]
        self._merge(entities)
        found = [self._person(doc, tk, starts, e) for e in entities
                 if e.mentions and not (e.rule in ("person-name", "person-surname") and e.name in org_names)]
        for person in found:
            if len(person.mentions) == 1 and person.rule in ("person-name", "person-surname") \
                    and _a_byline_line(doc_text(doc), person.mentions[0]):
                person.rule, person.role = "person-byline", True
        return found

    def _cues(self, doc: Doc) -> tuple[dict, set[int]]:
        """Where the cue patterns put a name: token -> rule id (and ("after", k) / ("before",
        k) for credits), and the tokens after which an alias begins."""
        cue_at: dict = {}
        alias_points: set[int] = set()
        text = tokens(doc).text
        for m in self.cues(doc, longest=False):
            if m.label == "SURNAMED":
                cue_at[m.end - 1] = m.rule
                if m.rule in LIST_CUES:  # "last names Yeh (葉) and Su (蘇)"
                    for k in range(m.end, min(m.end + 12, len(doc))):
                        t = text[k]
                        if t in {".", ";"} or (t.isalpha() and t.isascii() and t.islower() and t != "and"):
                            break
                        if _CAPITALISED_WORD.match(t) and text[k - 1] in {"and", ",", ")"}:
                            cue_at[k] = m.rule
            elif m.label == "ALIAS":
                alias_points.add(m.end)
            elif m.label == "NAME_BEFORE":
                cue_at.setdefault(("before", m.start), m.rule)  # (the run right before ", 45,", ", a former engineer")
            elif m.label == "CREDIT":
                if CREDIT_SIDE.get(m.rule) == "before":
                    # The name is the run right before the cue ("X contributed to this", "X/Xinhua").
                    cue_at[("before", m.start)] = m.rule  # type: ignore[index]
                else:
                    cue_at[("after", m.end)] = m.rule  # type: ignore[index]
        self._bylines(doc, cue_at)
        return cue_at, alias_points

    def _bylines(self, doc: Doc, cue_at: dict) -> None:
        tk = tokens(doc)
        for i in _positions_of(doc, "by"):
            if i + 1 < tk.n:
                k = i - 1
                while k >= 0 and tk.text[k] in {"-", "—", "–", "|"}:
                    k -= 1
                # (spaCy keeps line breaks in tokens of their own, never in whitespace_)
                line_start = k < 0 or tk.is_space[k] or tk.text[k] == "|"
                if line_start:
                    cue_at[("after", i + 1)] = "person-byline"
                    for j in range(i + 1, min(i + 5, tk.n)):
                        cue_at.setdefault(j, "person-byline")

    def _family(self, tk: Tokens, start: int, end: int, entities: list[_Entity]) -> None:
        """'the Huangs' is no person of its own but speaks of the person surnamed Huang."""
        if end - start == 1 and tk.text[start].endswith("s") and start > 0 and tk.lower[start - 1] == "the":
            stem = tk.text[start][:-1]
            for e in reversed(entities):
                if e.parts[-1] == stem or e.parts[0] == stem:
                    e.family_mentions.append((start, end))
                    return

    def _place(self, tk: Tokens, starts: set[int], c: Candidate, entities: list[_Entity]) -> None:
        p = c.parts
        span = (c.start, c.end)
        if len(p) == 1:
            # Family plural ("the Huangs").
            if p[0].endswith("s") and c.start > 0 and tk.lower[c.start - 1] == "the":
                stem = p[0][:-1]
                for e in reversed(entities):
                    if stem in (e.parts[0], e.parts[-1]):
                        e.family_mentions.append(span)
                        return
            strong = c.cue in _NAME_CUES
            if not strong:
                # A later short reference: the most recent person with that part.
                for e in reversed(entities):
                    if p[0] in e.short_forms:
                        e.mentions.append(span)
                        return
            if c.cue in _BEFORE_CUES and _a_sentence_adverb(p[0], c.start in starts, self.lists["given"]):
                return  # "Recently, the ..."
            cued = strong or c.cue in _BEFORE_CUES
            if (p[0] in self.lists["ambiguous"] or c.stripped) and not (cued or c.title):
                return
            if any(tk.like_num[max(0, c.start - 2):c.start]) and not cued:
                return  # "64.6 million Chinese Yuan"
            if cued or c.title or (self._surname_like(p[0]) and p[0] not in self.lists["ambiguous"]):
                if strong:
                    for e in entities:  # "surnamed Zhang" twice in one report: one person
                        if e.surname_only and e.parts == p:
                            e.mentions.append(span)
                            return
                if p[0].lower() in _PRONOUN_BEFORE:
                    return
                # "a foreign agent named Jack": a given name alone is no surname
                given = c.cue in GIVEN_NAME_CUES and not self._surname_like(p[0])
                entities.append(_Entity(parts=p, rule=self._rule_of_surname(c),
                                        surname_only=not given, role=_is_role(self.lists, c, tk), mentions=[span],
                                        given_only=given))
            return
        if c.alias_of_previous and entities:
            entities[-1].mentions.append(span)
            return
        if not self.accept_full(tk, starts, c) and not listed_after_a_name(self, tk, c, entities):
            return
        for e in entities:
            if e.parts == p:
                e.mentions.append(span)
                return
        entities.append(_Entity(parts=p, rule=self._rule_of_full(tk, starts, c),
                                surname_only=False, role=_is_role(self.lists, c, tk), mentions=[span]))

    def _rule_of_surname(self, c: Candidate) -> str:
        """The rule of a one-word name: its cue's, unless the cue is one of the words after it
        and the word is a surname without it."""
        p = c.parts[0]
        if c.cue in _BEFORE_CUES and self._surname_like(p) and p not in self.lists["ambiguous"]:
            return "person-title" if c.title else "person-surname"
        return c.cue or ("person-title" if c.title else "person-surname")

    def _rule_of_full(self, tk: Tokens, starts: set[int], c: Candidate) -> str:
        """The rule of a name of two or more parts: its cue's, unless the cue is an age and the
        name is one without it."""
        if c.cue in _BEFORE_CUES and self.accept_full(tk, starts, replace(c, cue=None)):
            return "person-title" if c.title else "person-name"
        return c.cue or ("person-title" if c.title else "person-name")

    def _merge(self, entities: list[_Entity]) -> None:
        """Fold a surname-only entity into a full name it abbreviates or misspells."""
        for e in list(entities):
            if not e.surname_only or e.rule in _NAME_CUES:
                continue
            for f in entities:
                if f is e or f.surname_only:
                    continue
                same = e.parts[0] in f.parts or e.parts[0].lower() == "".join(f.parts).lower()
                if same:
                    f.mentions = sorted(f.mentions + e.mentions)
                    f.family_mentions += e.family_mentions
                    f.role = f.role or e.role
                    e.mentions = []
                    break
        # A run that is a name the report gives elsewhere and a word more, with no cue: a
        # title-case headline ("Donald Trump Accuses FBI ..." beside "Donald Trump").
        for e in entities:
            if e.rule in ("person-name", "person-surname") and len(e.parts) >= 3 and e.mentions:
                if any(f is not e and f.mentions and len(f.parts) >= 2 and e.parts[:len(f.parts)] == f.parts
                       and not self._known_part(e.parts[len(f.parts)]) and not self._surname_like(e.parts[len(f.parts)])
                       for f in entities):
                    e.mentions = []

    def _person(self, doc: Doc, tk: Tokens, starts: set[int], e: _Entity) -> Person:
        spans = sorted(set(e.mentions + e.family_mentions))
        text = doc_text(doc)
        idx, ends = tk.idx, tk.end
        mentions = [Mention(idx[a], ends[b - 1], text[idx[a]:ends[b - 1]]) for a, b in spans]
        first = min(e.mentions)
        age, desc = _age_and_description(doc, tk, starts, first[0], first[1])
        surname = None if e.given_only else _surname(e.parts, self.lists["cn"])
        role = e.role or bool(desc and _OFFICIAL_DESCRIPTION.match(desc))
        return Person(name=e.name, surname=surname, surname_only=e.surname_only, age=age,
                      description=desc, mentions=mentions, rule=e.rule, role=role)


# An appositive that makes its person an official of the case, not its subject ("Kenji Kanasugi,
# the Japanese ambassador to China"; "Lin, a spokesperson for the court"). Not "a former judge":
# ex-officials are the accused of many reports.
_OFFICIAL_DESCRIPTION = re.compile(r"(?:the|a|an)\s+(?!former\b|ex-)(?:[\w.-]+\s+){0,3}?(?:ambassador|consul|spokesman|"
                                   r"spokeswoman|spokesperson|judge|prosecutor|attorney|reporter|correspondent)\b", re.I)

def _positions_of(doc: Doc, lower: str) -> list[int]:
    """Indexes of tokens whose lower-case form is `lower`."""
    words = tokens(doc).lower
    out: list[int] = []
    i = -1
    try:
        while True:
            i = words.index(lower, i + 1)
            out.append(i)
    except ValueError:
        return out


def _is_role(lists, c: Candidate, tk: Tokens) -> bool:
    """An official, judge, reporter or credit: a role title ("Judge", "Minister") before the
    name, unless the office is behind them ("Former Minister Li", "ex-Mayor Wang": the accused of
    many reports)."""
    if c.cue in CREDIT_CUES or _someones_counsel(tk, c.start):
        return True
    if any(tk.lower[k] in _FORMER for k in range(max(0, c.start - 3), c.start)):
        return False
    return bool(c.title and lists["titles"].get(c.title, lists["titles"].get(c.title.rstrip(".") , "")) == "role")


_FORMER = frozenset(("former", "ex", "ex-", "retired", "sacked", "disgraced", "fallen", "ousted", "dismissed", "late"))
_COUNSEL = frozenset(("lawyer", "lawyers", "attorney", "attorneys", "counsel", "solicitor", "barrister"))


def _someones_counsel(tk: Tokens, start: int) -> bool:
    """Is the name at token `start` that of someone's lawyer ("Zhu's lawyer, Deng Min", "his
    defence attorney Deng Min"; not "rights lawyer Deng Min", who may be the accused)?"""
    k = start - 1 - (start > 0 and tk.text[start - 1] == ",")
    if k < 1 or tk.lower[k] not in _COUNSEL:
        return False
    j = k - 1 - (tk.lower[k - 1] in ("defence", "defense", "trial"))
    return j >= 0 and tk.lower[j] in ("'s", "’s", "his", "her", "their")


def _surname(parts: list[str], cn: frozenset) -> Optional[str]:
    if len(parts) == 1:
        return parts[0]
    if parts[0] in cn and (len(parts) == 2 or "-" in parts[1] or len(parts) == 3):
        # Chinese order, unless the last part is a surname and the first a Western given name.
        return parts[0] if not (parts[-1] in cn and parts[0] not in cn) else parts[-1]
    return parts[-1]
