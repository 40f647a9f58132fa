"""The clean-up of the input before spaCy sees it, a step of its own that a user's pipeline
can use too (see api.make_doc): every function keeps the text's length, so offsets hold."""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable

from mssnews.text import CONTINUES


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


# Digits of any script ("४५", full-width "４５", Arabic-Indic), full-width separators between
# digits, and a no-break or thin space grouping thousands ("45 000"): one character for one.
_DIGIT_MARKS = re.compile("(?![0-9])\\d|(?<=\\d)[\uff0c\uff0e](?=\\d)|(?<=\\d)[\u00a0\u202f\u2009](?=\\d{3}(?!\\d))")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_INVISIBLE_CHARS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")  # zero-width characters, soft hyphen
_REMOVED = re.compile("\r(?=\n)|[%s]" % "".join(sorted(_INVISIBLE_CHARS)))
_SEPARATORS = {"\uff0c": ",", "\uff0e": ".", "\u00a0": ",", "\u202f": ",", "\u2009": ","}


def ascii_digits(text: str) -> str:
    """The same text, of the same length, with every decimal digit in ASCII and digit
    groups joined by ASCII separators, so that the number rules read any script's figures."""
    import unicodedata

    return _DIGIT_MARKS.sub(lambda m: _SEPARATORS.get(m.group()) or str(unicodedata.decimal(m.group())), text)


def to_original(removed: list[int]) -> Callable[[int, int], tuple[int, int]]:
    """Map an offset in the LF-folded text to the text as given (start and end offsets)."""
    if not removed:
        return lambda start, end: (start, end)

    def fix(start: int, end: int) -> tuple[int, int]:
        s = start + bisect_right(removed, start)
        e = end + bisect_right(removed, end - 1) if end > start else s
        return s, e

    return fix


def clean(text: str) -> tuple[str, list[int]]:
    """The text spaCy should see, and where characters were taken out (see `to_original`).
    CRLF is folded to LF and invisible characters (zero-width spaces, joiners, soft hyphens:
    "1\u200b000" is 1000) are dropped; digits of any script become ASCII, hard-wrapped lines
    are unwrapped and very long runs broken, each keeping the length."""
    removed: list[int] = []
    lf = text
    odd = frozenset(_NON_ASCII.findall(text)) if not text.isascii() else frozenset()  # (a few quotes and dashes)
    if "\r\n" in text or not odd.isdisjoint(_INVISIBLE_CHARS):
        removed = [m.start() - k for k, m in enumerate(_REMOVED.finditer(text))]
        lf = _REMOVED.sub("", text)
    if any(ch.isdigit() or ch in _SEPARATORS for ch in odd):
        lf = ascii_digits(lf)
    return break_long_runs(unwrap(lf)), removed
