"""Matching: token patterns compiled to regular expressions over token codes (CompiledPatterns),
and RuleMatcher, which runs a rule file's patterns and reports each match with its rule id."""
from __future__ import annotations

import re
from typing import NamedTuple

from spacy.matcher import Matcher
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc
from spacy.util import registry

from mssnews.rules import loader
from mssnews.rules.codes import TOKEN_CODES, TokenCodes, _predicates, _quantifier
from mssnews.rules.loader import RuleError


def _bounds(quant: str) -> tuple[int, int]:
    """(least, most) tokens of a regex quantifier made by _quantifier ("" is one)."""
    if quant == "":
        return 1, 1
    if quant == "?":
        return 0, 1
    lo, _, hi = quant[1:-1].partition(",")
    return int(lo), int(hi or lo)


# A pattern as steps (codes, least, most): the states of a match in progress are (step, tokens
# taken by that step); (len(steps), 0) is a complete match.
def _closure(steps: list, states: set) -> set:
    """The states, and those reached from them by leaving a step that has enough tokens."""
    out: set = set()
    todo = list(states)
    while todo:
        i, n = state = todo.pop()
        if state not in out:
            out.add(state)
            if i < len(steps) and n >= steps[i][1]:
                todo.append((i + 1, 0))
    return out


def _advance(steps: list, states: set, code: str) -> set:
    """The states after one more token of `code`."""
    return _closure(steps, {(i, n + 1) for i, n in states
                            if i < len(steps) and n < steps[i][2] and code in steps[i][0]})


def _bits(ids: list[tuple[int, bool]]) -> tuple[int, int]:
    """(the bits a spec tests, those of them it wants set): a code passes the spec when
    mask & tested == wanted. A test wanted both set and unset passes no code."""
    tested = wanted = 0
    for i, want in ids:
        tested |= 1 << i
        wanted |= (1 << i) if want else 0
    if any(want and not (wanted >> i & 1) or not want and wanted >> i & 1 for i, want in ids):
        return 0, 1  # (never: mask & 0 is 0, not 1)
    return tested, wanted


class CompiledPatterns:
    """Token patterns compiled to regular expressions over a doc's token codes (see
    TokenCodes), so that matching runs in the regex engine, not token by token in Python.
    A token spec becomes the class of codes that pass its tests, a pattern the sequence of
    its specs with spaCy's operators as quantifiers. Semantics follow spaCy's Matcher, with
    one difference: at each start, a pattern reports its longest match only (the Matcher
    can also report shorter ones; we always keep the longest)."""

    def __init__(self, patterns: list[tuple[str, list[dict]]], codes: TokenCodes = TOKEN_CODES):
        self.codes = codes
        self.keys: list[str] = []
        self.specs: list[list[tuple[list[tuple[int, bool]], str, bool]]] = []
        self.unsupported: list[tuple[str, list[dict]]] = []
        for key, pattern in patterns:
            compiled = []
            for spec in pattern:
                preds = _predicates(spec)
                op = spec.get("OP", "")
                quant = "" if op == "!" else _quantifier(op)
                if preds is None or quant is None:
                    compiled = None
                    break
                compiled.append(([(codes.test_id(test), wanted) for test, wanted in preds], quant, op == "!"))
            if compiled is None:
                self.unsupported.append((key, pattern))
            else:
                self.keys.append(key)
                self.specs.append(compiled)
        self._generation = -1  # TokenCodes.generation the regexes were built for
        self._class_epoch, self._seen = -1, 0  # (see _classes)

    def _classes(self) -> set[int]:
        """Bring each spec's class of codes up to date with the codes made since the last
        call (only those are tested: a new word's code must not cost a pass over every code
        for every spec); the indexes of the patterns whose classes grew."""
        combos = self.codes.combos
        if self._class_epoch != self.codes.epoch or len(combos) < self._seen:
            self._chars = [[[] for _ in specs] for specs in self.specs]
            self._regexes: list = [None] * len(self.keys)
            self._seen, self._class_epoch = 0, self.codes.epoch
        new = list(combos.items())[self._seen:]
        self._seen = len(combos)
        grown = {p for p, rx in enumerate(self._regexes) if rx is None}
        for p, specs in enumerate(self.specs):
            for k, (ids, _quant, negate) in enumerate(specs):
                tested, wanted = _bits(ids)
                add = [ch for mask, ch in new if ((mask & tested) == wanted) != negate]
                if add:
                    self._chars[p][k].extend(add)
                    grown.add(p)
        return grown

    def _compile(self):
        """A regex per pattern, and which patterns can begin at a token of each code; a
        pattern's regex is made again only when its classes grew."""
        for p in self._classes():
            parts, first, leading, steps = [], set(), True, []
            for (ids, quant, negate), chars in zip(self.specs[p], self._chars[p]):
                cls = "[%s]" % "".join(chars) if chars else "(?!)"
                if leading:  # the codes a match can begin with
                    first.update(chars)
                    leading = quant == "?" or quant.startswith("{0")
                parts.append(cls + quant if chars else "(?:%s)%s" % (cls, quant))
                steps.append((frozenset(chars), *_bounds(quant)))
            self._regexes[p] = (re.compile("".join(parts)), first, steps)
        self.by_first: dict[str, list[tuple[str, re.Pattern, list]]] = {}
        self.by_pair: dict[str, list[tuple[str, re.Pattern]]] = {}  # (see _viable)
        for key, (rx, first, steps) in zip(self.keys, self._regexes):
            for ch in first:
                self.by_first.setdefault(ch, []).append((key, rx, steps))
        self.starts = re.compile(self._starts_regex())

    def _starts_regex(self) -> str:
        """Where a match may begin: a token whose code begins a pattern, followed by a token
        whose code can continue it (or by anything, where one token completes it). These are
        the positions where _viable finds a pattern to try; the others (most of those whose
        code begins a pattern) are passed over in the regex engine, not in Python."""
        anywhere, by_follow = [], {}
        for ch, pats in self.by_first.items():
            follow: set = set()
            for _key, _rx, steps in pats:
                after = _advance(steps, _closure(steps, {(0, 0)}), ch)
                if (len(steps), 0) in after:
                    follow = None
                    break
                for i, n in after:
                    if i < len(steps) and n < steps[i][2]:
                        follow.update(steps[i][0])
            if follow is None:
                anywhere.append(ch)
            elif follow:
                by_follow.setdefault(frozenset(follow), []).append(ch)
        branches = ["[%s]" % "".join(sorted(anywhere))] if anywhere else []
        branches += ["[%s](?=[%s])" % ("".join(sorted(firsts)), "".join(sorted(follow)))
                     for follow, firsts in sorted(by_follow.items(), key=lambda kv: sorted(kv[1]))]
        return "|".join(branches) or "(?!)"

    def _viable(self, pair: str) -> list[tuple[str, re.Pattern]]:
        """The patterns worth trying at a token of code pair[0] followed by one of code
        pair[1] (pair[1:] is empty at the end of a doc): those that can match the first token
        alone, or whose match can go on with the second. Most patterns fail at the second
        token; asked once per pair of codes, this spares the regex calls."""
        second = pair[1] if len(pair) > 1 else None
        out = []
        for key, rx, steps in self.by_first[pair[0]]:
            after = _advance(steps, _closure(steps, {(0, 0)}), pair[0])
            if after and (second is None or (len(steps), 0) in after or _advance(steps, after, second)):
                out.append((key, rx))
        return out

    def finditer(self, doc: Doc):
        """(pattern key, start, end) of every match, by start and then pattern order; at
        most one per pattern and start (the longest)."""
        codes = self.codes.of(doc)
        if self._generation != self.codes.generation:
            self._compile()
            self._generation = self.codes.generation
        by_pair = self.by_pair
        for start in self.starts.finditer(codes):
            pos = start.start()
            pair = codes[pos:pos + 2]
            tries = by_pair.get(pair)
            if tries is None:
                tries = by_pair[pair] = self._viable(pair)
            for key, rx in tries:
                m = rx.match(codes, pos)
                if m is not None and m.end() > pos:
                    yield key, pos, m.end()


SPANS_FILTER = "mssnews.longest_first_spans_filter.v1"  # (see make_longest_first_filter)


class Match(NamedTuple):
    """A match of one pattern (a tuple: a frozen dataclass cost several times as much to make)."""
    label: str
    rule: str
    start: int  # token index
    end: int


class RuleMatcher:
    """The patterns of a pattern file, validated with spaCy's pattern schema and compiled
    (see CompiledPatterns); reports (label, rule id, start, end). A pattern using a token
    attribute we do not compile runs on spaCy's own Matcher instead."""

    def __init__(self, vocab, name: str, *more: str, spans_filter: str = SPANS_FILTER):
        """The patterns of pattern file `name` (and of the files `more`, matched in the same
        pass: their labels tell them apart); overlaps settled by the registered filter
        `spans_filter`."""
        self.name = name
        self.spans_filter = registry.misc.get(spans_filter)()
        records = loader.load_patterns(name) + sum((loader.load_patterns(m) for m in more), ())
        for rec in records:
            errors = validate_token_pattern(rec["pattern"]) if isinstance(rec["pattern"], list) else ["not a list"]
            if errors:
                raise RuleError(f"{name}.jsonl: pattern {rec['id']!r}: {'; '.join(map(str, errors))}")
        self.compiled = CompiledPatterns([(f"{rec['label']}|{rec['id']}", rec["pattern"]) for rec in records])
        self._split = {f"{rec['label']}|{rec['id']}": (rec["label"], rec["id"]) for rec in records}
        self.matcher = None
        if self.compiled.unsupported:
            self.matcher = Matcher(vocab, validate=True)
            self.fallback_keys = {vocab.strings.add(key): key for key, _ in self.compiled.unsupported}
            for key, pattern in self.compiled.unsupported:
                try:
                    self.matcher.add(key, [pattern])
                except Exception as e:  # spaCy's validation error names the bad attribute
                    raise RuleError(f"{name}.jsonl: pattern {key.split('|', 1)[1]!r}: {e}") from None

    def __call__(self, doc: Doc, *, longest: bool = True) -> list[Match]:
        found = []
        if len(doc):
            split = self._split
            for key, start, end in self.compiled.finditer(doc):
                found.append(Match(*split[key], start, end))
        if self.matcher is not None:
            for key, start, end in self.matcher(doc):
                label, rule = self.fallback_keys[key].split("|", 1)
                found.append(Match(label, rule, start, end))
        if not longest:
            return sorted(found, key=lambda m: (m.start, -m.end))
        return self.spans_filter(found)



@registry.misc(SPANS_FILTER)
def make_longest_first_filter():
    """How overlapping matches of one rule file are settled (as span_ruler's
    spacy.first_longest_spans_filter.v1): the longest wins, then the earlier; of matches of
    the same tokens, the rule listed first in the file. What is kept comes back by position.
    Registered, so a rule set of one's own can name another filter."""
    return longest_first


def longest_first(found: list[Match]) -> list[Match]:
    by_start = sorted(found, key=lambda m: m.start)  # (stable: the file order within a start)
    if all(a.end <= b.start for a, b in zip(by_start, by_start[1:])):
        return by_start  # (no overlaps: most rule files in most docs)
    # (stable sort: matches of equal extent keep the file order finditer yields them in)
    ordered = sorted(found, key=lambda m: (m.start - m.end, m.start))
    kept: list[Match] = []
    taken = bytearray(max((m.end for m in found), default=0))
    for m in ordered:
        if not any(taken[m.start:m.end]):
            kept.append(m)
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    kept.sort(key=lambda m: m.start)
    return kept
