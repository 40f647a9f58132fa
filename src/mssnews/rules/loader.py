"""Rules as data: pattern files (JSON Lines: label, id, pattern) and word lists, shipped in the
package and read with importlib.resources. Every match keeps the id of the pattern behind it."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from spacy.matcher import Matcher
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc

from mssnews import text
from mssnews.text import tokens


class RuleError(ValueError):
    """A pattern file is malformed."""


RULE_KEYS = {"label", "id", "pattern", "attributes"}


@lru_cache(maxsize=None)
def load_patterns(name: str) -> tuple[dict, ...]:
    """Read and validate `rules/<name>.jsonl`: each line {"label", "id", "pattern"} and,
    optionally, "attributes": what a match of the rule means (charges: the offence)."""
    text = resources.files("mssnews.rules").joinpath(f"{name}.jsonl").read_text("utf-8")
    out, seen = [], set()
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise RuleError(f"{name}.jsonl:{lineno}: {e}") from None
        if not isinstance(rec, dict):
            raise RuleError(f"{name}.jsonl:{lineno}: a rule is a JSON object")
        missing = {"label", "id", "pattern"} - set(rec)
        if missing:
            raise RuleError(f"{name}.jsonl:{lineno}: missing {', '.join(sorted(missing))}")
        unknown = set(rec) - RULE_KEYS
        if unknown:
            raise RuleError(f"{name}.jsonl:{lineno}: unknown key {', '.join(map(repr, sorted(unknown)))} "
                            f"(a rule has {', '.join(sorted(RULE_KEYS))})")
        if not isinstance(rec.get("attributes", {}), dict):
            raise RuleError(f"{name}.jsonl:{lineno}: attributes must be an object")
        if rec["id"] in seen:
            raise RuleError(f"{name}.jsonl:{lineno}: duplicate id {rec['id']!r}")
        seen.add(rec["id"])
        rec["pattern"] = _resolve(rec["pattern"], f"{name}.jsonl:{lineno}")
        out.append(rec)
    return tuple(out)


def _vocabularies() -> dict:
    """Word lists a pattern can name instead of spelling them out: {"IN": "@currency_words"}.
    They come from well-kept data (CLDR through Babel), not from hand lists."""
    from mssnews.rules import currencies

    return {"@currency_words": currencies.currency_words, "@currency_adjectives": currencies.currency_adjectives,
            "@currency_codes": currencies.currency_codes}


def _resolve(pattern, where: str):
    """The pattern with every "@name" word list replaced by its words (plus any words listed
    after it: {"IN": ["@currency_words", "yuan"]})."""
    if not isinstance(pattern, list):
        return pattern
    out = []
    for spec in pattern:
        if isinstance(spec, dict):
            spec = dict(spec)
            for attr, value in spec.items():
                if isinstance(value, dict) and isinstance(value.get("IN"), list) \
                        and any(isinstance(v, str) and v.startswith("@") for v in value["IN"]):
                    words: list[str] = []
                    for v in value["IN"]:
                        if isinstance(v, str) and v.startswith("@"):
                            source = _vocabularies().get(v)
                            if source is None:
                                raise RuleError(f"{where}: unknown word list {v!r}")
                            words.extend(source())
                        else:
                            words.append(v)
                    spec[attr] = {**value, "IN": sorted(set(words))}
        out.append(spec)
    return out


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


# Token attributes a pattern may test: strings (LOWER, TEXT/ORTH) and boolean flags, all of
# them lexical (one value per word), so each is evaluated once per distinct word.
_FLAGS = ("LIKE_NUM", "IS_TITLE", "IS_PUNCT", "IS_DIGIT", "IS_ALPHA", "IS_UPPER", "IS_LOWER",
          "IS_SPACE", "IS_ASCII", "IS_BRACKET", "IS_QUOTE", "IS_CURRENCY", "IS_STOP", "LIKE_URL",
          "LIKE_EMAIL")
_STRINGS = ("LOWER", "TEXT", "ORTH")
MAX_REPEAT = 16  # at most this many tokens for one spec with "*", "+" or "{n,}"
_QUANT = {"": "", "?": "?", "*": "{0,%d}" % MAX_REPEAT, "+": "{1,%d}" % MAX_REPEAT}
_CODE_BASE = 0xE000  # token codes are private-use characters, one per combination of tests


def _predicates(spec: dict):
    """(test, wanted) pairs for one token spec, or None when a key is not one we compile.
    A test is ("FLAG", name), ("EQ", attr, word), ("IN", attr, words) or ("RE", attr, regex)."""
    out = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in _FLAGS and isinstance(value, bool):
            out.append((("FLAG", key), value))
        elif key in _STRINGS:
            attr = "LOWER" if key == "LOWER" else "TEXT"
            if isinstance(value, str):
                out.append((("EQ", attr, value), True))
            elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN", "REGEX"}:
                (op, arg), = value.items()
                if op == "REGEX":
                    out.append((("RE", attr, arg), True))
                else:
                    out.append((("IN", attr, frozenset(arg)), op == "IN"))
            else:
                return None
        else:
            return None
    return out


def _quantifier(op: str):
    """spaCy's OP as a regex quantifier ("!" is handled by the caller); None if unknown.
    Open repeats stop at MAX_REPEAT tokens: "million million million ..." must not make
    matching quadratic."""
    if op in _QUANT:
        return _QUANT[op]
    m = re.fullmatch(r"\{(\d*)(,?)(\d*)\}", op)
    if not m:
        return None
    lo, comma, hi = m.groups()
    lo = lo or "0"
    if comma and not hi:
        hi = str(max(int(lo), MAX_REPEAT))
    return "{%s,%s}" % (lo, hi) if comma else "{%s}" % lo


class TokenCodes:
    """A code character per word: which of the registered tests (a word, a word list, a
    regex, a flag) it passes. Each test is evaluated once per distinct word, and a doc's
    codes are one string with a character per token. Shared by every pattern file: words
    and lexical flags mean the same in any English vocab."""

    def __init__(self):
        self.tests: list[tuple] = []
        self.index: dict[tuple, int] = {}
        self.regexes: dict[tuple, re.Pattern] = {}
        self.combos: dict[int, str] = {}  # bit mask of passed tests -> code character
        self.epoch = 0  # changes when a test is added (codes so far are void)
        self.generation = 0  # changes when a code is added (classes must be rebuilt)
        self._indexed = -1  # the epoch the look-up tables below were built for

    def test_id(self, test: tuple) -> int:
        if test not in self.index:
            self.index[test] = len(self.tests)
            self.tests.append(test)
            if test[0] == "RE":
                self.regexes[test] = re.compile(test[2])
            self.combos.clear()
            self.epoch += 1
            self.generation += 1
            if self is TOKEN_CODES:
                text.forget_words(self.epoch)  # the codes kept with the words are void
        return self.index[test]

    def _index(self):
        """The tests by what they look at: a word's bits come from one dict look-up per
        attribute, then the flags and regexes."""
        words: dict[tuple[str, str], int] = {}
        flags, regexes = [], []
        for i, test in enumerate(self.tests):
            bit = 1 << i
            if test[0] == "FLAG":
                flags.append((test[1], bit))
            elif test[0] == "RE":
                regexes.append((test[1] == "LOWER", self.regexes[test], bit))
            else:
                for word in ([test[2]] if test[0] == "EQ" else test[2]):
                    words[(test[1], word)] = words.get((test[1], word), 0) | bit
        self._by_word, self._flag_bits, self._regex_bits = words, flags, regexes
        self._indexed = self.epoch

    def _mask(self, text: str, flags: dict[str, bool]) -> int:
        if self._indexed != self.epoch:
            self._index()
        lower = text.lower()
        mask = self._by_word.get(("LOWER", lower), 0) | self._by_word.get(("TEXT", text), 0)
        for flag, bit in self._flag_bits:
            if flags[flag]:
                mask |= bit
        for on_lower, rx, bit in self._regex_bits:
            if rx.search(lower if on_lower else text) is not None:
                mask |= bit
        return mask

    def code_of(self, lex) -> str:
        """The code of a word (a Lexeme): kept with the word's other attributes in
        text.Tokens, so that a doc's codes are one join."""
        mask = self._mask(lex.text, {f: getattr(lex, f.lower()) for f in _FLAGS})
        ch = self.combos.get(mask)
        if ch is None:
            ch = self.combos[mask] = chr(_CODE_BASE + len(self.combos))
            self.generation += 1
        return ch

    def of(self, doc: Doc) -> str:
        """One code character per token of `doc` (computed once per doc)."""
        cached = doc.user_data.get("mssnews_codes")
        if cached is not None and cached[0] == self.epoch and len(cached[1]) == len(doc):
            return cached[1]
        tk = tokens(doc)
        if self is TOKEN_CODES and tk.code_epoch == self.epoch:
            codes = "".join(tk.codes)  # (made with the words, see code_of)
            doc.user_data["mssnews_codes"] = (self.epoch, codes)
            return codes
        # Tokens made before the last test was added (or codes of another TokenCodes): each
        # word's code afresh.
        vocab = doc.vocab
        codes = "".join(self.code_of(vocab[o]) for o in tk.orth)
        doc.user_data["mssnews_codes"] = (self.epoch, codes)
        return codes


TOKEN_CODES = TokenCodes()
text._CODE_OF = TOKEN_CODES.code_of
text.forget_words(TOKEN_CODES.epoch)  # words seen so far have no code


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
                add = [ch for mask, ch in new if all(bool(mask >> i & 1) == wanted for i, wanted in ids) != negate]
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

    def __init__(self, vocab, name: str, *more: str):
        """The patterns of pattern file `name` (and of the files `more`, matched in the same
        pass: their labels tell them apart)."""
        self.name = name
        records = load_patterns(name) + sum((load_patterns(m) for m in more), ())
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
            return sorted(found, key=lambda m: (m.start, -m.end, m.rule))
        # Longest wins among overlapping matches, then the earlier; the first rule id in
        # alphabetical order among matches of the same span. Ordered by position.
        found.sort(key=lambda m: (m.start - m.end, m.start, m.rule))
        kept: list[Match] = []
        taken: set[int] = set()
        for m in found:
            if not taken.intersection(range(m.start, m.end)):
                kept.append(m)
                taken.update(range(m.start, m.end))
        return sorted(kept, key=lambda m: m.start)
