"""Helpers over spaCy tokens shared by the components: sentence windows and clause edges."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

SENT_END = {".", "!", "?", "…", "...", "!!", "?!"}
CLOSERS = {'"', "”", "’", "'", ")", "]", "»"}
# Lower-case words after which a line break cannot end a sentence (hard-wrapped text).
CONTINUES = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "but", "as", "that", "which", "who", "his", "her", "its", "their", "was", "were", "is",
    "are", "be", "been", "has", "had", "have", "said", "than", "into", "over", "under", "about",
    "after", "before", "while", "since", "until", "this", "these", "those", "such", "not",
}
CLAUSE_BREAKS = {";", "while", "whereas", "but", "meanwhile", "although"}


def set_sentence_starts(doc: Doc) -> Doc:
    """Sentence boundaries from punctuation and line breaks, robust to hard-wrapped lines."""
    prev = None  # previous non-space token
    newline = False
    for i, tok in enumerate(doc):
        if tok.is_space:
            if i > 0:
                tok.is_sent_start = False
            newline = newline or "\n" in tok.text
            continue
        if i == 0:
            tok.is_sent_start = True
        elif prev is None:
            tok.is_sent_start = True
        else:
            start = False
            if "\n" in doc[prev.i].whitespace_ or newline:
                start = _line_break_ends_sentence(prev, tok)
            if not start:
                start = _after_final_punct(doc, prev) and not tok.text[:1].islower()
            tok.is_sent_start = start
        prev = tok
        newline = False
    return doc


ABBREVIATIONS = {
    "no", "nos", "mr", "mrs", "ms", "dr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "vs", "v", "inc", "co", "corp", "ltd", "jr", "sr", "u.s", "u.k", "art", "para",
}


def _after_final_punct(doc: Doc, prev: Token) -> bool:
    j = prev.i
    while j > 0 and doc[j].text in CLOSERS:
        j -= 1
    if doc[j].text == "." and j > 0 and doc[j - 1].whitespace_ == "":
        before = doc[j - 1].lower_
        if before in ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            return False
    return doc[j].text in SENT_END


def _line_break_ends_sentence(prev: Token, tok: Token) -> bool:
    if tok.text[:1].islower():
        return False
    if prev.text.lower() in CONTINUES or prev.text in {",", "-", "—", "–", "("}:
        return False
    return True


def paragraph_ids(doc: Doc) -> list[int]:
    """Paragraph number of each sentence: a sentence that starts after a line break opens one."""
    out, par = [], 0
    for k, sent in enumerate(doc.sents):
        if k and _starts_line(doc, sent.start):
            par += 1
        out.append(par)
    return out


def _starts_line(doc: Doc, i: int) -> bool:
    j = i - 1
    while j >= 0 and doc[j].is_space:
        if "\n" in doc[j].text:
            return True
        j -= 1
    return j >= 0 and "\n" in doc[j].whitespace_


def clause_start(sent: Span, i: int) -> int:
    """Token index where the clause holding token i begins (after ';', 'while', 'but'...)."""
    j = i - 1
    while j >= sent.start:
        t = sent.doc[j]
        if t.lower_ in CLAUSE_BREAKS:
            return j + 1
        j -= 1
    return sent.start


def words(tokens) -> list[str]:
    return [t.lower_ for t in tokens if not t.is_space]
