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
    component changes them (see the mssnews_sentences factory)."""
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
        if before in ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            return False
    return words[j] in SENT_END


def _line_break_ends_sentence(prev: str, tok: str) -> bool:
    if tok[:1].islower():
        return False
    if prev.lower() in CONTINUES or prev in {",", "-", "—", "–", "("}:
        return False
    return True


_ATTRS = [ORTH, IDX, SPACY, LENGTH]
_WORDS: dict[int, tuple] = {}  # ORTH hash -> (text, lower, is_space, is_punct, like_num, is_cap, breaks, code)
# The pattern code of a word (rules.TokenCodes.code_of), set by the rules module, and a count
# that changes when codes so far are void (rules.TokenCodes.epoch); see forget_words.
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


# (Only a run's first character starts a try: a bare \S{200,} would rescan every word
# from each of its characters.)
_LONG_RUN = re.compile(r"(?<!\S)\S{200,}")
_SPACE = re.compile(r"\s")


def has_long_run(text: str) -> bool:
    """Does `text` hold a run of 200 or more non-space characters? Such a run covers the
    whole of one of the 100-character windows that start at multiples of 100, so the text is
    searched only if a window has no white space (searching every text cost 4% of a run)."""
    space = _SPACE.search
    for k in range(0, len(text) - 99, 100):
        if space(text, k, k + 100) is None:
            return _LONG_RUN.search(text) is not None
    return False


def break_long_runs(text: str, every: int = 20) -> str:
    """Same-length text in which no run of non-space characters is longer than `every`:
    spaCy's tokenizer takes quadratic time to peel prefixes off a megabyte of "$$$..", and no
    word or figure is that long."""
    if not has_long_run(text):
        return text

    def cut(m: re.Match) -> str:
        run = list(m.group())
        for k in range(every, len(run), every):
            run[k] = " "
        return "".join(run)

    return _LONG_RUN.sub(cut, text)


_BULLET = re.compile(r"^\s*(?:[-*•▶–—]|\d+[.)])\s")


def unwrap(text: str) -> str:
    """The text as spaCy should see it, with the same length (so offsets hold): carriage
    returns become spaces, and line breaks inside a sentence of hard-wrapped text become spaces."""
    if "\r" in text:
        text = text.replace("\r", "\n")  # old Mac line ends (CRLF is folded before this)
    if "\n" not in text:
        return text
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    wrapped = False
    width = 0
    if len(lengths) >= 4:
        width = lengths[int(len(lengths) * 0.9) - 1 if len(lengths) >= 10 else -1]
        full = sum(1 for n in lengths if n >= 0.6 * width)
        wrapped = 30 <= width <= 100 and full >= 0.6 * len(lengths)
    out = []  # the lines, each followed by the line break or the space that replaces it
    for i, line in enumerate(lines[:-1]):
        out.append(line)
        nxt = lines[i + 1]
        soft = False
        if line.strip() and nxt.strip() and not _BULLET.match(nxt):
            last = line.rstrip()
            soft = nxt.lstrip()[:1].islower() or last.endswith((",", "-")) or \
                last.rsplit(" ", 1)[-1].lower() in CONTINUES
            if wrapped and len(last) >= 0.6 * width and not nxt.startswith((" ", "\t")):
                soft = soft or not last.endswith((".", "!", "?", ":", '"', "”")) or len(last) >= 0.85 * width
        out.append(" " if soft else "\n")
    out.append(lines[-1])
    return "".join(out)
