"""Who each fact belongs to: the person named in its clause, the people listed with
"respectively", or through "he"/"she" and "the former minister" the person the text is about."""
from __future__ import annotations

from itertools import compress
from bisect import bisect_left, bisect_right
from typing import Optional

from spacy.tokens import Doc

from mssnews.text import doc_text
from mssnews.facts.models import Person
from mssnews.recognizers.context import SOMEONE_ELSE, UNNAMED_SUBJECT, in_scope
from mssnews.recognizers.leads import first_in_next_sentence
from mssnews.recognizers.name_runs import CREDIT_CUES
from mssnews.recognizers.clauses import (_CLAUSE_PUNCT, _FROM, _GIVEN_TO_PRONOUN, _LIST_GAP, _POSSESSIVE, _PRONOUN_START,
                                         _SUBJECT_SET, _TAKEN, _WORD_CHAR, _a_national,
                                         _clause_break_spans, _clause_start, _distinct, _first_of_list,
                                         _names_subject, _quote_start, _word_within, given_to_pronoun_at, others_between,
                                         respectively_at)
from mssnews.text import Sent, sentences, tokens


WINDOW = 400  # characters looked at either side of an item for its person


class Linker:
    def __init__(self, doc: Doc, people: list[Person], context: Optional[dict] = None):
        self.doc = doc
        self.context = context  # the context scopes of the doc (recognizers/context.py)
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
        self._given: Optional[list[int]] = None  # (see _given_to_pronoun)
        self.lead_marks: Optional[tuple[int, list[int]]] = None  # (see leads._report_marks)
        self._subject_starts: list[int] = []
        sents = sentences(doc)
        self._sents, self._sent_chars = sents, [x.start_char for x in sents]
        self._respectively_at = respectively_at(self.text)  # (see _word_within)

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

    def person_for(self, item, group: Optional[list] = None, sent: Optional[Sent] = None,
                   first_lead: bool = True) -> Optional[int]:
        """Index of the person `item` belongs to; `group` holds the items of the same kind in
        its sentence (for "respectively"); `sent` is its sentence, if the caller has it."""
        text = self.text
        start, end = item.start, item.end
        if sent is None:
            sent = self.sentence_of(start)
        # Within its sentence, and no further than WINDOW characters either side: each item
        # then costs the same however long the "sentence" (a list of a thousand fines).
        s0, s1 = max(sent.start_char, start - WINDOW), min(sent.end_char, end + WINDOW)
        k = bisect_left(self.starts, start)
        if k < len(self.starts) and self.starts[k] < end:
            inside = self._between(start, end)
            if inside:  # "deprived the Huangs of their civil rights"
                return inside[0][2]
        before = self._between(s0, start)
        taken = self._taken_from(s0, start, end)
        if taken is not None:
            return taken
        clause_lo = self.clause_start(s0, start)
        listed = self._listed(item, group, before, s0, s1, clause_lo) if group is not None and len(group) > 1 else None
        if listed is not None:
            return listed
        # Inside a quotation, the speaker named before the quote is not its subject.
        quote_lo = _quote_start(text, s0, start)
        speakers: set[int] = set()
        if quote_lo is not None:
            speakers = {i for a, b, i in before if b <= quote_lo}
            before = [x for x in before if x[0] >= quote_lo]
            s0 = quote_lo
        clause_lo = self.clause_start(s0, start)
        in_clause = [x for x in before if x[0] >= clause_lo]
        if in_clause and self._given_to_pronoun(in_clause[-1][1], start):
            # "Sun agreed, as Fang promised to give him 10,000 yuan": the sum is the one "him"
            # points back to (the person named before the giver), not the giver's
            giver = in_clause[-1][2]
            found = next((i for _a, _b, i in reversed(before) if i != giver and not self.people[i].role), None)
            if found is not None:
                return found
        if in_clause:  # (not where the fact is of others the person's verb names: see others_between)
            return None if others_between(text, tokens(self.doc).idx, self.context, in_clause[-1][1], start) \
                else _first_of_list(text, in_clause)
        if before:
            if self._in_context(start, SOMEONE_ELSE):  # (context rules: "his wife", "two others")
                return None  # "X was jailed for 16 years; his wife was jailed for 3 years"
            return before[0][2]
        return self._after_or_back(s0, s1, start, end, speakers, first_lead)

    def _given_to_pronoun(self, lo: int, start: int) -> bool:
        """Does a verb of giving and "him"/"her" stand within lo..start, with at most three
        words between it and the fact at `start` ("give him up to 10,000 yuan")?"""
        if self._given is None:
            self._given = given_to_pronoun_at(self.text)
        k = bisect_left(self._given, max(lo, start - 80))
        return k < len(self._given) and self._given[k] < start and \
            _GIVEN_TO_PRONOUN.search(self.text, max(lo, self._given[k] - 20), start) is not None

    def _in_context(self, char: int, categories: tuple[str, ...]) -> bool:
        if self.context is None:
            return False
        return in_scope(self.context, bisect_right(tokens(self.doc).idx, char) - 1, categories) is not None

    def _taken_from(self, s0: int, start: int, end: int) -> Optional[int]:
        """"confiscated NT$664,100 from Lee, NT$460,000 from Lai": the person the sum is taken from."""
        taken = _FROM.match(self.text, end)
        if taken and _TAKEN.search(self.text, s0, start):
            k = bisect_left(self.starts, taken.end())
            if k < len(self.mentions) and self.mentions[k][0] == taken.end():
                return self.mentions[k][2]
        return None

    def _listed(self, item, group: list, before: list, s0: int, s1: int, clause_lo: int) -> Optional[int]:
        """"X and Y were sentenced to 12 and 9 years respectively", and with no "respectively"
        where one list of figures stands for as many people ("Ye and Tao were given 12 and 10
        years"; not "to between six and eight years"): the person listed in the item's place."""
        if _word_within(self._respectively_at, clause_lo, s1, 12):
            return self._respectively(item, group, before, s0, s1, clause_lo)
        together = [g for g in group if g.start == item.start and g.end == item.end]
        if len(together) > 1 and not self.text[max(s0, item.start - 9):item.start].lower().endswith("between "):
            return self._respectively(item, together, before, s0, s1, clause_lo)
        return None

    def _respectively(self, item, group: list, before: list, s0: int, s1: int, clause_lo: int) -> Optional[int]:
        """"X and Y were sentenced to 12 and 9 months respectively": the n-th person; the
        people named after the items where too few stand before them in the clause ("terms
        of 12 and 9 years went to X and Y, respectively")."""
        group = [g for g in group if self.clause_start(s0, g.start) == clause_lo]
        if len(group) <= 1:
            return None
        position = next((k for k, g in enumerate(group) if g is item), 0)
        listed = _distinct([x for x in before if x[0] >= clause_lo])
        after = _distinct(self._between(group[-1].end, s1)) if len(listed) < len(group) else []
        if len(after) >= len(group):
            return after[position]
        listed = listed or _distinct(before) or self._recent_distinct(s0, len(group))
        return listed[-len(group):][position] if len(listed) >= len(group) else None

    def _after_or_back(self, s0: int, s1: int, start: int, end: int, speakers: set[int],
                       first_lead: bool = True) -> Optional[int]:
        """No one named before the item in its sentence: a possessive or "to X" right after it,
        or the person the text is about (a pronoun, "the former minister"), or in a lead the
        person the next sentence names first."""
        text = self.text
        after = self._between(end, s1)
        if after:  # "the confiscation of all of Li's personal assets"
            a, b, i = after[0]
            gap = text[end:a].split()
            if _POSSESSIVE.match(text[b:b + 3]) and len(gap) <= 4:
                return i
            if gap and gap[-1].lower() in ("to", "on", "upon", "against") and len(gap) <= 3:
                return i  # "handed down life sentences to Kang Wei"
            if gap and gap[-1].lower() == "by" and len(gap) <= 6 and not self.people[i].role:
                return i  # "290 million yuan ... has not been obtained by Zhao"
        if self._in_context(start, UNNAMED_SUBJECT):
            return None  # "Four former soldiers ... were sentenced": all of them; "Another man": not the last one named
        after_item = end
        if text.startswith(" (", end) or text.startswith("(", end):  # "5.45 million yuan (US$680,000) in assets that he ..."
            close = text.find(")", end, s1)
            after_item = close + 1 if close >= 0 else end
        cut = _CLAUSE_PUNCT.search(text, after_item, s1)
        rest_of_clause = text[after_item:cut.start() if cut else s1]
        if self._subject_between(s0, start) or _names_subject(" ".join(rest_of_clause.split()[:10])) \
                or _PRONOUN_START.match(text, s0, s1):
            found = self._recent(s0, exclude=speakers)
            if found is not None:
                return found
            return first_in_next_sentence(self, s0, s1, first_lead)
        return None

    def people_between(self, lo: int, hi: int) -> set[int]:
        """The people named between characters lo and hi."""
        return {i for _a, _b, i in self._between(lo, hi)}

    def named_right_after(self, char: int, most: int = 2) -> Optional[int]:
        """The person whose mention begins at most `most` words after `char` in its sentence
        ("a suspect surnamed Ni": Ni)."""
        k = bisect_left(self.starts, char)
        if k >= len(self.mentions):
            return None
        a, _b, i = self.mentions[k]
        gap = self.text[char:a]
        if len(gap.split()) > most or any(c in gap for c in ".;!?\n"):
            return None
        return i

    def people_for(self, item) -> list[int]:
        """person_for(item), and with it the people listed with that person right before
        the item ("Lai, Lee and Chen were sentenced ... for"); [] for no one."""
        # (Charges keep to the lead's next sentence: reaching further tied the offences of a
        # lead to the wrong person more often than to the right one, on our dev articles.)
        i = self.person_for(item, first_lead=False)
        if i is None:
            return []
        sent = self.sentence_of(item.start)
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

    def has_subject(self, item) -> bool:
        """Does the sentence of `item` name someone (a person, a pronoun or a person noun)
        before it?"""
        sent = self.sentence_of(item.start)
        return bool(self._between(sent.start_char, item.start)) or self._subject_between(sent.start_char, item.start)

    def sentence_of(self, char: int) -> Sent:
        """The sentence holding character `char`."""
        return self._sents[max(bisect_right(self._sent_chars, char) - 1, 0)]

    def _subject_between(self, lo: int, hi: int) -> bool:
        """Whether a pronoun or person noun (a whole token) lies within characters lo..hi.
        The doc's subject words are found once (its tokens looked up in a set: a regex of 150
        alternatives over the text was ten times slower), and each question is a bisect."""
        if self._subjects is None:  # (the doc's tokens, looked up in a set)
            tk = tokens(self.doc)
            idx, ends = tk.idx, tk.end
            found = list(compress(range(tk.n), map(_SUBJECT_SET.__contains__, tk.lower)))
            if "national" in tk.lower:  # (a scan in C; the rare doc that has the word is walked)
                found = sorted({*found, *(k for k, w in enumerate(tk.lower) if w == "national" and _a_national(tk, k))})
            self._subjects = [(idx[k], ends[k]) for k in found]
            self._subject_starts = [a for a, _ in self._subjects]
        k = bisect_left(self._subject_starts, lo)
        return k < len(self._subjects) and self._subjects[k][1] <= hi

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


