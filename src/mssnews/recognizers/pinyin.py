"""Pinyin: the syllables of romanised Mandarin, by which a given name no English word looks
like is told ("Zehua", "Jinchao"). Used by recognizers/names.py."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

# A Chinese given-name part: one or two syllables, possibly hyphenated ("Ming", "Chung-yu").
_SYLLABLES = re.compile(r"^[A-Z][a-z]{1,7}(?:-[A-Za-z][a-z]{1,6})?$")

# Two or three pinyin syllables ("zehua", "xiaoping"): a given name no English word looks like.
_FINAL = r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u)"

_INITIAL_PY = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"

_NEXT = _INITIAL_PY + _FINAL  # a syllable after the first
_FIRST = r"(?:(?:a|o|e|ai|ei|ao|ou|an|en|ang|eng|er)|%s)" % _NEXT  # the first may have no initial
_PINYIN = re.compile(r"^%s(?:%s){1,2}$" % (_FIRST, _NEXT))
_PINYIN2 = re.compile(r"^%s%s$" % (_FIRST, _NEXT))  # two syllables


def _pinyin_given_first(word: str) -> bool:
    """A sentence's first word that is a given name of two pinyin syllables before a surname
    ("Jinchao Wei"), not an English word that reads as such ("Since", "Sentencing", "Landing")."""
    w = word.lower()
    return _PINYIN2.match(w) is not None and w not in STOP_WORDS and not w.endswith("ing")
