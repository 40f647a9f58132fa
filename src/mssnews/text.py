"""Helpers over spaCy tokens shared by the components: sentence windows and clause edges."""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import compress
from typing import NamedTuple, Optional

import numpy
from spacy.attrs import IDX, LENGTH, ORTH, SENT_START, SPACY

from spacy.tokens import Doc

SENT_END = {".", "!", "?", "…", "...", "!!", "?!"}
HYPHENS = ("-", "‐")  # a hyphen token inside a name or a compound ("Chung-yu", "top-secret")
CLOSERS = {'"', "”", "’", "'", ")", "]", "»"}
# Lower-case words after which a line break cannot end a sentence (hard-wrapped text).
CONTINUES = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "but", "as", "that", "which", "who", "his", "her", "its", "their", "was", "were", "is",
    "are", "be", "been", "has", "had", "have", "said", "than", "into", "over", "under", "about",
    "after", "before", "while", "since", "until", "this", "these", "those", "such", "not",
    "surnamed", "named", "nicknamed", "called", "dubbed", "alias", "including", "like",
}
_NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it: "not a sentence start"


_BREAK_CHARS = re.compile(r"[\n.!?…]")


def set_sentence_starts(doc: Doc, final: bool = False) -> Doc:
    """Sentence boundaries from punctuation and line breaks, robust to hard-wrapped lines.
    Only tokens right after a line break or a sentence mark are looked at. `final`: no later
    component changes them (see the mssnews_boundaries factory)."""
    n = len(doc)
    if not n:
        return doc
    tk = tokens(doc)
    idx, end, is_space, words, ws = tk.idx, tk.end, tk.is_space, tk.text, tk.ws
    text = doc_text(doc)
    starts = [0]  # (in order: j never decreases)
    # The tokens holding a line break or a sentence mark (every character of the text is in
    # a token, but for the single spaces after some).
    for k in compress(range(n), tk.breaks):
        # The next token that is not white space, and the last one before it.
        j = k + 1
        while j < n and words[j] in CLOSERS and not ws[j - 1]:
            j += 1  # closing quotes and brackets stay with the sentence they close
        while j < n and is_space[j]:
            j += 1
        if j >= n:
            continue
        p = j - 1
        while p >= 0 and is_space[p]:
            p -= 1
        if p < 0:
            continue
        prev, tok = words[p], words[j]
        start = False
        if "\n" in text[end[p]:idx[j]]:
            start = _line_break_ends_sentence(prev, tok)
        if not start and (prev in SENT_END or prev in CLOSERS):
            start = _after_final_punct(tk, p) and not tok[:1].islower()
        if start and j != starts[-1]:
            starts.append(j)
    # One array write: setting token.is_sent_start one token at a time costs O(n) per token.
    flags = numpy.full((n, 1), _NOT_START, dtype="uint64")
    flags[starts, 0] = 1
    doc.from_array([SENT_START], flags)
    # Read back from the flags when first asked for, unless no component after this one can
    # move them (`final`: our own blank pipeline); reading them costs as much as finding them.
    tk.sents = _Sents(doc, starts) if final else None
    return doc


ABBREVIATIONS = {
    "no", "nos", "mr", "mrs", "ms", "dr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "vs", "v", "inc", "co", "corp", "ltd", "jr", "sr", "u.s", "u.k", "art", "para",
}


def _after_final_punct(tk: "Tokens", j: int) -> bool:
    words = tk.text
    while j > 0 and words[j] in CLOSERS:
        j -= 1
    if words[j] == "." and j > 0 and not tk.ws[j - 1]:
        before = tk.lower[j - 1]
        if before in ABBREVIATIONS or (len(before) == 1 and before.isalpha() and not _unit_of_figure(tk, j - 1)):
            return False
    return words[j] in SENT_END


def _unit_of_figure(tk: "Tokens", k: int) -> bool:
    """Is the letter at token k the unit of the figure right before it ("£45m."), not an
    initial ("J. Smith")?"""
    return k > 0 and tk.like_num[k - 1] and not tk.ws[k - 1]


def _line_break_ends_sentence(prev: str, tok: str) -> bool:
    if tok[:1].islower():
        return False
    if prev.lower() in CONTINUES or prev in {",", "-", "—", "–", "("}:
        return False
    return True


_ATTRS = [ORTH, IDX, SPACY, LENGTH]
_WORDS: dict[int, tuple] = {}  # ORTH hash -> (text, lower, is_space, is_punct, like_num, is_cap, breaks, code)
# The pattern code of a word (rules/codes.py: TokenCodes.code_of), set by that module, and a count
# that changes when codes so far are void (TokenCodes.epoch); see forget_words.
_CODE_OF = None
_CODE_EPOCH = [0]


def forget_words(epoch: int) -> None:
    """The word cache is void: pattern codes changed (a test was added)."""
    _WORDS.clear()
    _CODE_EPOCH[0] = epoch


class Tokens:
    """Plain lists of what the components read of each token, built once per doc from
    spaCy's attribute arrays: reading doc[i].text makes a Token object each time, and that
    was most of our time. Word attributes are looked up once per distinct word."""

    __slots__ = ("orth", "text", "lower", "idx", "end", "ws", "is_space", "is_punct", "like_num", "is_cap",
                 "breaks", "codes", "code_epoch", "n", "sents")

    def __init__(self, doc: Doc):
        self.n = n = len(doc)
        self.code_epoch = _CODE_EPOCH[0]
        arr = doc.to_array(_ATTRS) if n else numpy.zeros((0, 4), dtype="uint64")
        self.orth, self.idx, self.ws = arr[:, :3].T.tolist()
        self.end = (arr[:, 1] + arr[:, 3]).tolist()  # IDX + LENGTH
        orths = self.orth
        words = list(map(_WORDS.get, orths))
        if None in words:
            for k, w in enumerate(words):
                if w is None:
                    words[k] = _word(doc, orths[k])
        # (tuples: the components only read them)
        (self.text, self.lower, self.is_space, self.is_punct, self.like_num, self.is_cap, self.breaks,
         self.codes) = zip(*words) if n else ((), (), (), (), (), (), (), ())
        self.sents = None  # (_Sents, when first asked for)


def _word(doc: Doc, orth: int) -> tuple:
    lex = doc.vocab[orth]
    if len(_WORDS) > 200_000:
        _WORDS.clear()
    text = lex.orth_
    # is_cap: starts with an upper-case letter (what could start a name), and is not junk
    cap = text[:1].isupper() and text[:1].isalpha() and len(text) < 100
    # breaks: holds a line break or a sentence mark (see set_sentence_starts)
    breaks = _BREAK_CHARS.search(text) is not None
    code = _CODE_OF(lex) if _CODE_OF is not None else None
    w = _WORDS[orth] = (text, lex.lower_, lex.is_space, lex.is_punct, lex.like_num, cap, breaks, code)
    return w


def tokens(doc: Doc) -> Tokens:
    """The Tokens of doc, built once per doc and kept with it (made anew if the doc's length
    changed: a retokenizer in a user's pipeline)."""
    tk = doc.user_data.get("mssnews_tokens")
    if tk is None or tk.n != len(doc):
        tk = doc.user_data["mssnews_tokens"] = Tokens(doc)
    return tk


def span_text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens start..end-1 (what doc[start:end].text gives, without a Span)."""
    if end <= start:
        return ""
    tk = tokens(doc)
    return doc_text(doc)[tk.idx[start]:tk.end[end - 1]]


def sent_starts(doc: Doc) -> set[int]:
    """Indexes of the tokens that start a sentence."""
    return _sents(doc).start_set


def doc_text(doc: Doc) -> str:
    """doc.text, kept once per doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("mssnews_text")
    if text is None:
        text = doc.user_data["mssnews_text"] = doc.text
    return text


class Sent(NamedTuple):
    """A sentence: its tokens start..end-1 and characters start_char..end_char-1 (what
    the components read of a sentence Span, at a fraction of a Span's cost)."""
    start: int
    end: int
    start_char: int
    end_char: int


class _Sents:
    __slots__ = ("list", "starts", "chars", "start_set")

    def __init__(self, doc: Doc, starts: Optional[list[int]] = None):
        """The sentences of doc: from `starts` (the sentence starts set_sentence_starts just
        wrote), else read from the doc's flags."""
        tk = tokens(doc)
        if starts is None:
            starts = _read_starts(doc, tk.n)
        ends = starts[1:] + [tk.n]
        self.list = [Sent(a, b, tk.idx[a], tk.end[b - 1]) for a, b in zip(starts, ends)]
        self.starts = starts
        self.chars = [s.start_char for s in self.list]
        self.start_set = set(starts)


def _read_starts(doc: Doc, n: int) -> list[int]:
    """What doc.sents gives, read from the flags (doc.sents makes a Token per token it looks
    at to see whether the doc has sentence starts at all)."""
    if not n:
        return []
    if doc.has_annotation("SENT_START"):
        flags = doc.to_array(SENT_START).reshape(-1)
        return [0] + [i for i in numpy.flatnonzero(flags == 1).tolist() if i]
    return [s.start for s in doc.sents]


def _sents(doc: Doc) -> _Sents:
    """The sentences of doc, found once per doc (doc.sents walks the whole doc each time)."""
    tk = tokens(doc)
    found = tk.sents
    if found is None:
        found = tk.sents = _Sents(doc)
    return found


def sentences(doc: Doc) -> list[Sent]:
    """The sentences of doc."""
    return _sents(doc).list


def sent_of(doc: Doc, i: int) -> Sent:
    """The sentence holding token i."""
    s = _sents(doc)
    return s.list[max(bisect_right(s.starts, i) - 1, 0)]


def sent_at_char(doc: Doc, char: int) -> Sent:
    """The sentence holding character offset `char`."""
    s = _sents(doc)
    return s.list[max(bisect_right(s.chars, char) - 1, 0)]


