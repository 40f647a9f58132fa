"""Rules as data: pattern files (JSON Lines: label, id, pattern) and word lists, shipped in the
package and read with importlib.resources. Every match keeps the id of the pattern behind it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


def _reach(pattern: list[dict]) -> int:
    """How many tokens a pattern can span at most (16 for an open-ended operator)."""
    total = 0
    for spec in pattern:
        op = spec.get("OP", "")
        if op in ("*", "+"):
            total += 16
        elif op.startswith("{"):
            total += int(op.strip("{}").split(",")[-1] or 16)
        elif op != "!":
            total += 1
    return total


class Trigger:
    """Which tokens can start some pattern: an over-approximation computed from the first token
    of every pattern, tested for a whole doc at once on spaCy's attribute arrays."""

    def __init__(self, patterns: list[list[dict]]):
        self.lowers: set[str] = set()
        self.texts: set[str] = set()
        self.regexes: list[tuple[str, re.Pattern]] = []
        self.like_num = self.is_title = False
        self.always = False
        for pattern in patterns:
            if not pattern or not self._add(pattern[0]):
                self.always = True
        self._regex_cache: dict[int, bool] = {}

    def _add(self, spec: dict) -> bool:
        op = spec.get("OP", "")
        if op in ("?", "*", "!") or op.startswith("{0"):
            return False
        for key, value in spec.items():
            if key == "LIKE_NUM" and value is True:
                self.like_num = True
            elif key == "IS_TITLE" and value is True:
                self.is_title = True
            elif key in ("LOWER", "TEXT") and isinstance(value, str):
                (self.lowers if key == "LOWER" else self.texts).add(value)
            elif key in ("LOWER", "TEXT") and isinstance(value, dict) and set(value) == {"IN"}:
                (self.lowers if key == "LOWER" else self.texts).update(value["IN"])
            elif key in ("LOWER", "TEXT") and isinstance(value, dict) and set(value) == {"REGEX"}:
                self.regexes.append((key, re.compile(value["REGEX"])))
            else:
                continue
            return True  # one test per token spec is enough for an over-approximation
        return False

    def mask(self, doc: Doc):
        """numpy bool array: tokens that may start a match."""
        import numpy

        from spacy.attrs import IS_TITLE, LIKE_NUM, LOWER, ORTH

        arr = doc.to_array([LOWER, ORTH, LIKE_NUM, IS_TITLE])
        strings = doc.vocab.strings
        m = numpy.zeros(len(doc), dtype=bool)
        if self.lowers:
            m |= numpy.isin(arr[:, 0], [strings.add(w) for w in self.lowers])
        if self.texts:
            m |= numpy.isin(arr[:, 1], [strings.add(w) for w in self.texts])
        if self.like_num:
            m |= arr[:, 2].astype(bool)
        if self.is_title:
            m |= arr[:, 3].astype(bool)
        if self.regexes:
            hits = []
            for h in numpy.unique(arr[:, 1]):
                key = int(h)
                ok = self._regex_cache.get(key)
                if ok is None:
                    text = strings[key]
                    ok = any(rx.search(text.lower() if attr == "LOWER" else text) for attr, rx in self.regexes)
                    if len(self._regex_cache) < 200_000:
                        self._regex_cache[key] = ok
                if ok:
                    hits.append(h)
            if hits:
                m |= numpy.isin(arr[:, 1], hits)
        return m


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
        self.trigger = Trigger([rec["pattern"] for rec in load_patterns(name)])
        self.max_len = max(_reach(rec["pattern"]) for rec in load_patterns(name))
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
        """(token offset, Doc or Span) pieces to match: from each token that may start a
        pattern to as far as the longest pattern reaches, close pieces merged, never across
        a sentence end."""
        if self.trigger.always or not len(doc):
            yield 0, doc
            return
        hits = self.trigger.mask(doc).nonzero()[0]
        if not len(hits):
            return
        n = len(doc)
        reach = self.max_len
        start = end = None
        for h in hits.tolist():
            if start is not None and h <= end + 2:
                end = max(end, min(n, h + reach))
                continue
            if start is not None:
                yield start, doc[start:end]
            start, end = h, min(n, h + reach)
        yield start, doc[start:end]
