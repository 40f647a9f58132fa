"""Rules as data: pattern files (JSON Lines: label, id, pattern) and word lists, shipped in the
package and read with importlib.resources. Every match keeps the id of the pattern behind it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import filter_spans


class RuleError(ValueError):
    """A pattern file is malformed."""


@lru_cache(maxsize=None)
def load_patterns(name: str) -> tuple[dict, ...]:
    """Read and validate `patterns/<name>.jsonl`: each line {"label", "id", "pattern"}."""
    text = resources.files("mssnews").joinpath("patterns", f"{name}.jsonl").read_text("utf-8")
    out, seen = [], set()
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise RuleError(f"{name}.jsonl:{lineno}: {e}") from None
        missing = {"label", "id", "pattern"} - set(rec)
        if missing:
            raise RuleError(f"{name}.jsonl:{lineno}: missing {', '.join(sorted(missing))}")
        if rec["id"] in seen:
            raise RuleError(f"{name}.jsonl:{lineno}: duplicate id {rec['id']!r}")
        seen.add(rec["id"])
        out.append(rec)
    return tuple(out)


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """Words of `data/<name>.txt`: whitespace-separated, '#' starts a comment, '_' joins a
    phrase ("Hong_Kong" is the phrase "Hong Kong")."""
    text = resources.files("mssnews").joinpath("data", f"{name}.txt").read_text("utf-8")
    words = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        words.update(w.replace("_", " ") for w in line.split())
    return frozenset(words)


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """Two-column tab-separated data file `data/<name>.txt` as a dict."""
    text = resources.files("mssnews").joinpath("data", f"{name}.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("\t", 1)
            out[key.strip()] = value.strip()
    return out


def _reach(spec: dict) -> int:
    """How many tokens one token spec can take at most (16 for an open-ended operator)."""
    op = spec.get("OP", "")
    if op in ("*", "+"):
        return 16
    if op.startswith("{"):
        return int(op.strip("{}").split(",")[-1] or 16)
    return 0 if op == "!" else 1


def _test(spec: dict):
    """(selectivity, predicate key) for a token spec that must occur, or None. Lower is
    more selective: an exact word, a word list (smaller first), a regex, then flags."""
    op = spec.get("OP", "")
    if op in ("?", "*", "!") or op.startswith("{0"):
        return None
    best = None
    for key, value in spec.items():
        cand = None
        words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else None
        if key in ("LOWER", "TEXT") and words is not None:
            # Common words ("in", "to", "a") make poor anchors: rank them after a regex.
            common = any(w.lower() in STOP_WORDS for w in words)
            cand = ((800 if common else 0) + len(words), (key, frozenset(words)))
        elif key in ("LOWER", "TEXT") and isinstance(value, dict) and set(value) == {"REGEX"}:
            cand = (500, ("REGEX_" + key, value["REGEX"]))
        elif key in ("LIKE_NUM", "IS_TITLE") and value is True:
            cand = (1000, (key, True))
        if cand and (best is None or cand[0] < best[0]):
            best = cand
    return best


class Anchors:
    """Where matches can be: for each pattern its most selective token that must occur (the
    anchor), and how far the pattern reaches before and after it. Anchors are found for a
    whole doc at once on spaCy's attribute arrays; only the regions around them are matched."""

    def __init__(self, vocab, patterns: list[list[dict]]):
        self.always = False
        words: dict[tuple[int, int], tuple[int, int]] = {}  # (column, hash) -> (before, after)
        self.flags: dict[int, tuple[int, int]] = {}  # column -> (before, after)
        self.regexes: list[tuple[str, re.Pattern, int, int]] = []
        for pattern in patterns:
            tests = [(_test(spec), k) for k, spec in enumerate(pattern)]
            tests = [(t, k) for t, k in tests if t is not None]
            if not tests:
                self.always = True
                continue
            (_, (kind, value)), k = min(tests, key=lambda x: x[0][0])
            before = sum(_reach(spec) for spec in pattern[:k])
            after = sum(_reach(spec) for spec in pattern[k:])
            if kind in ("LOWER", "TEXT"):
                col = 0 if kind == "LOWER" else 1
                for w in value:
                    key = (col, vocab.strings.add(w))
                    old = words.get(key, (0, 0))
                    words[key] = (max(old[0], before), max(old[1], after))
            elif kind in ("LIKE_NUM", "IS_TITLE"):
                col = 2 if kind == "LIKE_NUM" else 3
                old = self.flags.get(col, (0, 0))
                self.flags[col] = (max(old[0], before), max(old[1], after))
            else:
                self.regexes.append((kind, re.compile(value), before, after))
        import numpy

        self.words = {col: {h: ba for (c, h), ba in words.items() if c == col} for col in (0, 1)}
        self.keys = {col: numpy.array(sorted(self.words[col]), dtype="uint64") for col in (0, 1)}
        self._regex_cache: dict = {}

    def regions(self, doc: Doc) -> list[tuple[int, int]]:
        """Merged (start, end) token ranges that hold every possible match."""
        import numpy

        n = len(doc)
        if self.always or not n:
            return [(0, n)] if n else []
        arr = _attrs(doc)
        spans = []
        for col in (0, 1):
            if not len(self.keys[col]):
                continue
            table = self.words[col]
            column = arr[:, col]
            for h in numpy.isin(column, self.keys[col]).nonzero()[0].tolist():
                before, after = table[int(column[h])]
                spans.append((max(0, h - before), min(n, h + after)))
        for col, (before, after) in self.flags.items():
            for h in arr[:, col].nonzero()[0].tolist():
                spans.append((max(0, h - before), min(n, h + after)))
        for kind, rx, before, after in self.regexes:
            for h in self._regex_hits(doc, arr, kind, rx):
                spans.append((max(0, h - before), min(n, h + after)))
        spans.sort()
        merged: list[list[int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        return [(s, e) for s, e in merged]

    def _regex_hits(self, doc, arr, kind, rx) -> list[int]:
        import numpy

        cache = self._regex_cache.setdefault((kind, rx.pattern), {})
        strings = doc.vocab.strings
        hits = []
        for h in numpy.unique(arr[:, 1]).tolist():
            ok = cache.get(h)
            if ok is None:
                text = strings[h]
                ok = rx.search(text.lower() if kind == "REGEX_LOWER" else text) is not None
                if len(cache) < 50_000:
                    cache[h] = ok
            if ok:
                hits.append(h)
        if not hits:
            return []
        return numpy.isin(arr[:, 1], hits).nonzero()[0].tolist()


def _attrs(doc: Doc):
    """LOWER, ORTH, LIKE_NUM, IS_TITLE of every token, computed once per doc."""
    arr = doc.user_data.get("mssnews_attrs")
    if arr is None or len(arr) != len(doc):
        from spacy.attrs import IS_TITLE, LIKE_NUM, LOWER, ORTH

        arr = doc.user_data["mssnews_attrs"] = doc.to_array([LOWER, ORTH, LIKE_NUM, IS_TITLE])
    return arr


@dataclass(frozen=True)
class Match:
    label: str
    rule: str
    start: int  # token index
    end: int


class RuleMatcher:
    """A spaCy Matcher loaded from one pattern file; reports (label, rule id, start, end)."""

    def __init__(self, vocab, name: str):
        self.name = name
        # A cheap filter derived from the patterns: only sentences holding a token that can
        # start some pattern are matched (None when a first token cannot be tested cheaply).
        self.anchors = Anchors(vocab, [rec["pattern"] for rec in load_patterns(name)])
        self.matcher = Matcher(vocab, validate=True)
        for rec in load_patterns(name):
            try:
                self.matcher.add(f"{rec['label']}|{rec['id']}", [rec["pattern"]])
            except Exception as e:  # spaCy's validation error names the bad attribute
                raise RuleError(f"{name}.jsonl: pattern {rec['id']!r}: {e}") from None

    def __call__(self, doc: Doc, *, longest: bool = True) -> list[Match]:
        found = []
        for offset, doclike in self._regions(doc):
            for key, start, end in self.matcher(doclike):
                label, rule = doc.vocab.strings[key].split("|", 1)
                found.append(Match(label, rule, start + offset, end + offset))
        if not longest:
            return sorted(found, key=lambda m: (m.start, -m.end))
        # Longest wins among overlapping matches (as spaCy's filter_spans), order by position.
        spans = [doc[m.start:m.end] for m in found]
        by_span = {(m.start, m.end): m for m in sorted(found, key=lambda m: m.rule, reverse=True)}
        kept = filter_spans(spans)
        return [by_span[(s.start, s.end)] for s in sorted(kept, key=lambda s: s.start)]

    def _regions(self, doc: Doc):
        """(token offset, Doc or Span) pieces that can hold a match."""
        for start, end in self.anchors.regions(doc):
            yield start, (doc if (start, end) == (0, len(doc)) else doc[start:end])
