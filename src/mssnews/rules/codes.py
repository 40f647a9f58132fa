"""Token codes: every distinct test of the patterns (a word, a word list, a regex, a flag such as
LIKE_NUM) is evaluated once per distinct word, and the results make one code character per
token, so that a pattern can be a regular expression over a doc's codes (rules/matcher.py)."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from mssnews import text
from mssnews.text import tokens


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
