"""Who each fact belongs to: the person named in its clause, the people listed with
"respectively", or through "he"/"she" and "the former minister" the person the text is about."""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import compress
from bisect import bisect_left, bisect_right
from typing import Optional

from spacy.tokens import Doc

from mssnews.text import doc_text
from mssnews.facts.models import Case, Person
from mssnews.recognizers.people import CREDIT_CUES
from mssnews.text import Sent, sent_at_char, sentences, tokens

# ";|,?\s\b(?:while|whereas|but)\b" with the optional comma as a branch of its own; matched
# only where one can begin (see _clause_break_spans), and over a window by _clause_start.
_CLAUSE_BREAK = re.compile(r";|,\s\b(?:while|whereas|but)\b|\s\b(?:while|whereas|but)\b")
_LIST_GAP = re.compile(r"(?:and|,)\s*(?:mr\.|ms\.|mrs\.|dr\.)?")
_POSSESSIVE = re.compile(r"^['’]s\b")
_CLAUSE_PUNCT = re.compile(r"[,;:()\u2013\u2014]")
_WORD_CHAR = re.compile(r"\w")
_ALL_OF_THEM = re.compile(r"\b(?:all|each|both|every one) of them\b|\b(?:all|both) (?:were|had|have)\b|\ball (?:three|four|five|six|seven|eight|nine|ten)\b", re.I)
_FROM = re.compile(r"\s+from\s+")
_TAKEN = re.compile(r"\b(?:confiscat|forfeit|seiz|recover|expropriat)\w*", re.I)
_PRONOUN_START = re.compile(r"\s*[\"“]?(?:He|She)\b")

# An unnamed relative or partner of someone, or "two others", as the subject of a clause: not
# the someone named before.
_SOMEONE_ELSE = re.compile(r"\b(?:his|her|their)\s+(?:wife|husband|son|daughter|brother|sister|father|mother|"
                           r"partner|girlfriend|boyfriend|accomplice|colleague|associate|lover|relative|cousin|"
                           r"nephew|niece|son-in-law|daughter-in-law|driver|secretary|assistant)\b"
                           r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|the|\d+)\s+others\b", re.I)
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
                 "serviceman", "servicewoman", "general", "colonel", "captain", "major", "lieutenant",
                 "sergeant", "commander", "admiral", "cadre", "teacher", "doctor", "physicist", "chemist",
                 "couple", "husband", "wife", "graduate", "mastermind", "ringleader", "operator", "courier"}
# One of them as a word: a run of letters and hyphens ([A-Za-z-]+), in any (ASCII) case.
_SUBJECT_SET = frozenset(_PRONOUNS | _PERSON_NOUNS)
_LETTER_RUNS = re.compile(r"[A-Za-z-]+", re.A)

LEAD_SENTENCES = 1  # a lead's unnamed subject is named in the next sentence (two let a lead take the next case's name)
WINDOW = 400  # characters looked at either side of an item for its person


class Linker:
    def __init__(self, doc: Doc, people: list[Person]):
        self.doc = doc
        self.text = doc_text(doc)
        # (char start, char end, person index) for every mention, in text order; bylines and
        # credits are never anyone's subject, so their mentions are left out.
        self.mentions = sorted((m.start, m.end, i) for i, p in enumerate(people) for m in p.mentions
                               if p.rule not in CREDIT_CUES)
        self.starts = [a for a, _, _ in self.mentions]
        self.people = people
        self._clauses: dict[tuple[int, int], int] = {}
        self._breaks: Optional[list[tuple[int, int]]] = None  # clause breaks of the text
        self._break_ends: list[int] = []
        self._subjects: Optional[list[tuple[int, int]]] = None  # (see _subject_between)
        self._subject_starts: list[int] = []

    def _between(self, lo: int, hi: int) -> list[tuple[int, int, int]]:
        """Mentions that lie within characters lo..hi, in text order."""
        ms = self.mentions
        return [x for x in ms[bisect_left(self.starts, lo):bisect_left(self.starts, hi)] if x[1] <= hi]

    def clause_start(self, s0: int, start: int) -> int:
        """Where the clause holding character `start` begins, looking back no further than s0."""
        key = (s0, start)
        found = self._clauses.get(key)
        if found is None:
            found = self._clauses[key] = self._clause_start(s0, start)
        return found

    def _clause_start(self, s0: int, start: int) -> int:
        """_clause_start(text, s0, start), read off the clause breaks of the whole text
        (found once per doc): the last break inside s0..start. Where a break of the whole
        text straddles either edge, or `start` cuts a word (where a word boundary differs
        between the window and the whole text), the window is searched as before."""
        if start <= s0:
            return s0
        if self._breaks is None:
            self._breaks = _clause_break_spans(self.text)
            self._break_ends = [e for _, e in self._breaks]
        breaks, ends, text = self._breaks, self._break_ends, self.text
        j = bisect_right(ends, s0)  # the first break ending after s0
        k = bisect_right(ends, start)  # the first break ending after start
        if (j < len(breaks) and breaks[j][0] < s0) or (k < len(breaks) and breaks[k][0] < start) \
                or (start < len(text) and _WORD_CHAR.match(text, start - 1) and _WORD_CHAR.match(text, start)):
            return _clause_start(text, s0, start)
        return breaks[k - 1][1] if k > j else s0

    def person_for(self, item, group: Optional[list] = None, sent: Optional[Sent] = None) -> Optional[int]:
        """Index of the person `item` belongs to; `group` holds the items of the same kind in
        its sentence (for "respectively"); `sent` is its sentence, if the caller has it."""
        doc, text = self.doc, self.text
        start, end = item.start, item.end
        if sent is None:
            sent = _sent_at(doc, start)
        # Within its sentence, and no further than WINDOW characters either side: each item
        # then costs the same however long the "sentence" (a list of a thousand fines).
        s0, s1 = max(sent.start_char, start - WINDOW), min(sent.end_char, end + WINDOW)
        inside = self._between(start, end)
        if inside:  # "deprived the Huangs of their civil rights"
            return inside[0][2]
        before = self._between(s0, start)
        # "confiscated NT$664,100 from Lee, NT$460,000 from Lai": the person the sum is taken from.
        taken = _FROM.match(text, end)
        if taken and _TAKEN.search(text, s0, start):
            k = bisect_left(self.starts, taken.end())
            if k < len(self.mentions) and self.mentions[k][0] == taken.end():
                return self.mentions[k][2]
        # "X and Y were sentenced to 12 and 9 months respectively": the n-th person.
        clause_lo = self.clause_start(s0, start)
        if group is not None and len(group) > 1 and "respectively" in text[clause_lo:s1].lower():
            group = [g for g in group if self.clause_start(s0, g.start) == clause_lo]
            if len(group) > 1:
                position = next((k for k, g in enumerate(group) if g is item), 0)
                listed = _distinct([x for x in before if x[0] >= clause_lo]) or _distinct(before) \
                    or self._recent_distinct(s0, len(group))
                if len(listed) >= len(group):
                    return listed[-len(group):][position]
        # Inside a quotation, the speaker named before the quote is not its subject.
        quote_lo = _quote_start(text, s0, start)
        speakers: set[int] = set()
        if quote_lo is not None:
            speakers = {i for a, b, i in before if b <= quote_lo}
            before = [x for x in before if x[0] >= quote_lo]
            s0 = quote_lo
        clause_lo = self.clause_start(s0, start)
        in_clause = [x for x in before if x[0] >= clause_lo]
        if in_clause:
            # The nearest person, or the first of "A and B" right before it.
            a, b, i = in_clause[-1]
            for k in range(len(in_clause) - 2, -1, -1):
                pa, pb, pi = in_clause[k]
                gap = text[pb:a].strip().lower()
                if gap in ("and", ",", "and mr.", "and ms.", "and mrs.") or _LIST_GAP.fullmatch(gap):
                    a, i = pa, pi
                else:
                    break
            return i
        if before:
            if _SOMEONE_ELSE.search(text, clause_lo, start):
                return None  # "X was jailed for 16 years; his wife was jailed for 3 years"
            return before[0][2]
        # "the confiscation of all of Li's personal assets": a possessive right after it.
        after = self._between(end, s1)
        if after:
            a, b, i = after[0]
            gap = text[end:a].split()
            if _POSSESSIVE.match(text[b:b + 3]) and len(gap) <= 4:
                return i
            if gap and gap[-1].lower() in ("to", "on", "upon", "against") and len(gap) <= 3:
                return i  # "handed down life sentences to Kang Wei"
        # No one named before it in the sentence: a pronoun or "the former minister" points
        # back to the person the text is about ...
        cut = _CLAUSE_PUNCT.search(text, end, s1)
        rest_of_clause = text[end:cut.start() if cut else s1]
        if self._subject_between(s0, start) or _names_subject(" ".join(rest_of_clause.split()[:10])) \
                or _PRONOUN_START.match(text, s0, s1):
            found = self._recent(s0, exclude=speakers)
            if found is not None:
                return found
            # ... or, in a lead ("A former official was sentenced ..."), forward to the person
            # the next sentence names first.
            return self._first_in_next_sentence(s1)
        return None

    def people_for(self, item) -> list[int]:
        """person_for(item), and with it the people listed with that person right before
        the item ("Lai, Lee and Chen were sentenced ... for"); [] for no one."""
        i = self.person_for(item)
        if i is None:
            return []
        sent = _sent_at(self.doc, item.start)
        lo = self.clause_start(max(sent.start_char, item.start - WINDOW), item.start)
        run = self._between(lo, item.start)
        k = next((n for n in range(len(run) - 1, -1, -1) if run[n][2] == i), None)
        if k is None:
            return [i]
        out, prev_end = [i], run[k][1]
        for a, b, j in run[k + 1:]:  # the names that follow it, joined by "," or "and"
            gap = self.text[prev_end:a].strip().lower()
            if not (gap in ("and", ",", ", and") or _LIST_GAP.fullmatch(gap)):
                break
            if j not in out:
                out.append(j)
            prev_end = b
        return out

    def spread_to_all(self, items: list) -> list:
        """A penalty said of "all of them", "each of them" or "both" goes to every person
        sentenced in the same sentence before it ("sentenced Lai to seven years, Lee to six
        and Chen to five, with all of them deprived of their civil rights for six years")."""
        if not _ALL_OF_THEM.search(self.text):
            return items
        out = []
        for it in items:
            out.append(it)
            sent = _sent_at(self.doc, it.start)
            lo = max(sent.start_char, it.start - 60)
            if not _ALL_OF_THEM.search(self.text, lo, it.start):
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

    def has_subject(self, item) -> bool:
        """Does the sentence of `item` name someone (a person, a pronoun or a person noun)
        before it?"""
        sent = _sent_at(self.doc, item.start)
        return bool(self._between(sent.start_char, item.start)) or self._subject_between(sent.start_char, item.start)

    def sentence_of(self, char: int):
        return _sent_at(self.doc, char)

    def _subject_between(self, lo: int, hi: int) -> bool:
        """Whether a pronoun or person noun (a whole token) lies within characters lo..hi.
        The doc's subject words are found once (its tokens looked up in a set: a regex of 150
        alternatives over the text was ten times slower), and each question is a bisect."""
        if self._subjects is None:  # (the doc's tokens, looked up in a set)
            tk = tokens(self.doc)
            idx, ends = tk.idx, tk.end
            self._subjects = [(idx[k], ends[k]) for k in compress(range(tk.n), map(_SUBJECT_SET.__contains__, tk.lower))]
            self._subject_starts = [a for a, _ in self._subjects]
        k = bisect_left(self._subject_starts, lo)
        return k < len(self._subjects) and self._subjects[k][1] <= hi

    def _first_in_next_sentence(self, s1: int) -> Optional[int]:
        """The first person named in the sentence after the one ending at s1 (LEAD_SENTENCES):
        "A former official was jailed ... The court said Zhang ..."."""
        sents = sentences(self.doc)
        k = bisect_left([s.start_char for s in sents], s1)
        ms = self.mentions
        for nxt in sents[k:k + LEAD_SENTENCES]:
            for j in range(bisect_left(self.starts, nxt.start_char), len(ms)):
                a, b, i = ms[j]
                if b > nxt.end_char:
                    break
                if not self.people[i].role:
                    return i
        return None

    def _before(self, char: int):
        """Mentions starting before `char`, nearest first."""
        ms = self.mentions
        for k in range(bisect_left(self.starts, char) - 1, -1, -1):
            yield ms[k]

    def _recent(self, char: int, exclude: set[int] = frozenset()) -> Optional[int]:
        for a, b, i in self._before(char):
            if b <= char and not self.people[i].role and i not in exclude:
                return i
        return None

    def _recent_distinct(self, char: int, n: int) -> list[int]:
        out: list[int] = []
        for a, b, i in self._before(char):
            if b <= char and not self.people[i].role and i not in out:
                out.insert(0, i)
                if len(out) == n:
                    break
        return out


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


def build_cases(people: list[Person], money, sentences, counts, charges=()) -> list[Case]:
    cases: dict[str, Case] = {}
    order = [p.name for p in people]
    for kind, items in (("money", money), ("sentences", sentences), ("document_counts", counts),
                        ("charges", charges)):
        for idx, item in enumerate(items):
            if item.person:
                case = cases.get(item.person)
                if case is None:
                    case = cases[item.person] = Case(person=item.person)
                getattr(case, kind).append(idx)
    return sorted(cases.values(), key=lambda c: order.index(c.person) if c.person in order else len(order))
