"""A person's age and short description, read next to the first mention: 'Xiao Zhe, an 18-year-old
exchange student at ...', 'Liao Lyuyou, 27,', 'a former employee of a ministry, surnamed Zhang'."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from mssnews.recognizers.normalize import parse_number
from mssnews.text import Tokens, doc_text, span_text


_ALIAS_START = re.compile(r"(?:also known|known as|alias)\b")
_YEAR_OLD = re.compile(r"(\d+)-year-old")
_DESC_DETERMINER = re.compile(r"^(?:Another|One of the|The)\s+")
_DESC_START = {"a", "an", "the", "former", "ex", "then", "who", "deputy", "vice", "chief", "head",
               "now", "once", "also", "currently", "previously", "one"}


def _age_and_description(doc: Doc, tk: Tokens, starts: set[int], start: int, end: int) -> tuple[Optional[int], Optional[str]]:
    """'Xiao Zhe, an 18-year-old exchange student at ...' -> (18, 'an 18-year-old exchange
    student at ...'); 'Liao Lyuyou, 27,' -> (27, None); 'a 23-year-old surnamed Zhang'."""
    age = None
    desc = None
    text, lower, is_space = tk.text, tk.lower, tk.is_space
    n = tk.n
    k = end
    if k < n and text[k] == "(":  # "Chiu Wen-hsiung (邱文雄), 58,"
        close = next((j for j in range(k, min(k + 8, n)) if text[j] == ")"), None)
        if close is not None:
            k = close + 1
    if k < n and text[k] == ",":
        k += 1
        if k < n and tk.like_num[k] and k + 1 < n and text[k + 1] in {",", ".", ")"}:
            age = _int(text[k])
            k += 2
        stop = k
        while stop < n and text[stop] not in {",", ".", ";", "\n", "(", "—"} and not is_space[stop] and stop - k < 16:
            stop += 1
        if k < stop and lower[k] in _DESC_START and lower[k] not in {"who", "and", "said"}:
            desc = span_text(doc, k, stop)
    if desc is None and start >= 1 and lower[start - 1] in {"surnamed", "surname"}:
        desc = _description_before(doc, tk, starts, start)
    if desc and _ALIAS_START.match(desc):
        desc = None
    if desc:
        m = _YEAR_OLD.search(desc)
        if m and age is None:
            age = int(m.group(1))
        desc = _DESC_DETERMINER.sub("", desc).strip() or None
    if age is None and desc is None and start >= 5:
        # "a 23-year-old surnamed Zhang"
        window = doc_text(doc)[tk.idx[max(0, start - 7)]:tk.end[start - 1]]  # (span_text)
        m = _YEAR_OLD.search(window)
        if m:
            age = int(m.group(1))
    return age, desc


def _description_before(doc: Doc, tk: Tokens, starts: set[int], start: int) -> Optional[str]:
    """The description before "surnamed X": "a former employee of a state ministry, surnamed
    Zhang" (from the nearest determiner, at most 12 words back, never across a clause)."""
    text, lower, is_space = tk.text, tk.lower, tk.is_space
    j = start - 2
    if j >= 0 and text[j] == ",":
        j -= 1
    b = j
    found = None
    while b >= 0 and j - b < 12 and text[b] not in {",", ".", ";", "—", "(", ")"} and not is_space[b]:
        if lower[b] in {"a", "an", "another", "the", "one"} or (b in starts and text[b].isalpha()):
            found = b
            if lower[b] in {"a", "an", "another", "one"} or b in starts:
                break
        if lower[b] in {"that", "said", "says", "when", "after", "and", "which", "who"}:
            break
        b -= 1
    return span_text(doc, found, j + 1) if found is not None and j >= found else None


def _int(text: str) -> Optional[int]:
    v = parse_number(text)
    return int(v) if isinstance(v, (int, float)) and 0 < v < 130 else None


_SENTENCE_ADVERBS = frozenset(("today", "yesterday", "tomorrow", "earlier", "later", "instead", "overall", "still",
                               "furthermore", "now", "then", "also", "first", "second", "third", "last", "lastly"))


def _a_sentence_adverb(word: str, sentence_start: bool, given) -> bool:
    """A word that opens a sentence before a comma as an adverb does ("Recently, ...",
    "Earlier, ..."), not a name."""
    w = word.lower()
    return sentence_start and word not in given and (w in _SENTENCE_ADVERBS or w.endswith("ly"))
