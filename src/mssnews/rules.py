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


def _token_test(spec: dict):
    """A predicate for one token spec of a Matcher pattern, or None if not supported here."""
    if spec.get("OP") in ("?", "*", "!") or (spec.get("OP", "").startswith("{0")):
        return None
    tests = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key == "LIKE_NUM" and value is True:
            tests.append(lambda t: t.like_num)
        elif key == "IS_TITLE" and value is True:
            tests.append(lambda t: t.is_title)
        elif key in ("LOWER", "TEXT") and isinstance(value, str):
            attr = "lower_" if key == "LOWER" else "text"
            tests.append(lambda t, a=attr, v=value: getattr(t, a) == v)
        elif key in ("LOWER", "TEXT") and isinstance(value, dict) and set(value) == {"IN"}:
            attr = "lower_" if key == "LOWER" else "text"
            allowed = frozenset(value["IN"])
            tests.append(lambda t, a=attr, s=allowed: getattr(t, a) in s)
        elif key in ("LOWER", "TEXT") and isinstance(value, dict) and set(value) == {"REGEX"}:
            attr = "lower_" if key == "LOWER" else "text"
            rx = re.compile(value["REGEX"])
            tests.append(lambda t, a=attr, r=rx: r.search(getattr(t, a)) is not None)
        else:
            return None
    if not tests:
        return None
    return lambda t: all(f(t) for f in tests)


def _trigger(patterns: list[list[dict]]):
    tests = []
    for pattern in patterns:
        test = _token_test(pattern[0]) if pattern else None
        if test is None:
            return None
        tests.append(test)
    return lambda t: any(f(t) for f in tests)


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
        self.trigger = _trigger([rec["pattern"] for rec in load_patterns(name)])
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
        """(token offset, Doc or Span) pieces to match: runs of sentences with a trigger."""
        if self.trigger is None or not doc.has_annotation("SENT_START"):
            yield 0, doc
            return
        from .text import sentences

        start = end = None
        for sent in sentences(doc):
            if any(self.trigger(t) for t in sent):
                if start is None:
                    start = sent.start
                end = sent.end
            elif start is not None:
                yield start, doc[start:end]
                start = None
        if start is not None:
            yield start, doc[start:end]
