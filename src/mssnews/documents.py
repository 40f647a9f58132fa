"""Document counts: "5,200 documents, including 59 classified as top secret", "nearly 400
photos", "100 pieces of intelligence". Count, item noun, classification level, qualifier."""
from __future__ import annotations

from spacy.tokens import Doc

from .text import doc_text
from .model import DocumentCount
from .money import qualifier_before
from .normalize import parse_number
from .rules import RuleMatcher
from .text import sent_of

LEVELS = ("top secret", "secret", "confidential", "sensitive", "classified", "restricted")
# Nouns that count as information only with a qualifying word before or after them.
_WEAK_NOUNS = {"items", "pieces", "copies", "papers", "notes", "letters", "messages", "maps", "charts", "disks", "records", "volumes", "sheets", "reels", "intelligence"}
_INFO_WORDS = {"intelligence", "information", "classified", "secret", "secrets", "confidential", "sensitive", "military", "state", "internal", "documents", "data"}
_NOT_AFTER = {"old", "ago", "older", "of age"}


class DocumentCountFinder:
    def __init__(self, vocab):
        self.matcher = RuleMatcher(vocab, "document_counts")

    def __call__(self, doc: Doc) -> list[DocumentCount]:
        out: list[DocumentCount] = []
        last_total: dict[int, int] = {}  # sentence start -> index of the latest total count
        for m in self.matcher(doc):
            span = doc[m.start:m.end]
            sent = sent_of(doc, m.start)
            words = [t.lower_ for t in span]
            count = _count(span)
            if count is None or count <= 0 or count != int(count):
                continue
            if _year_like(span):
                continue
            if m.rule in ("count-level-in-list", "count-level-of-which"):
                # Only inside a list that breaks down a total ("5,200 documents, including 59
                # classified as top secret, 848 as confidential").
                head = last_total.get(sent.start)
                if head is None or not (m.rule == "count-level-of-which" or _in_breakdown(doc, out[head].end, span.start_char)):
                    continue
                level = _level(words)
                item = out[head].item
                dc = DocumentCount(text=span.text, start=span.start_char, end=span.end_char,
                                   rule=m.rule, count=int(count), item=item, classification=level,
                                   part_of=head)
                dc.qualifier = qualifier_before(doc, m.start)[0]
                out.append(dc)
                continue
            noun = _item_noun(span, m.rule)
            if noun is None:
                continue
            level = _level(words)
            q, _ = qualifier_before(doc, m.start)
            head = last_total.get(sent.start)
            part_of = head if head is not None and level and _in_breakdown(doc, out[head].end, span.start_char) else None
            dc = DocumentCount(text=span.text, start=span.start_char, end=span.end_char, rule=m.rule,
                               count=int(count), item=noun, classification=level, qualifier=q,
                               part_of=part_of)
            out.append(dc)
            if part_of is None:
                last_total[sent.start] = len(out) - 1
        # A count given as "ones" ("more than 1,800 confidential ones") takes its total's noun.
        return out


def _count(span):
    toks = []
    for t in span:
        if t.like_num or t.lower_ in ("thousand", "hundred", "million", "dozen", "a"):
            toks.append(t.text)
        elif toks:
            break
    if not toks:
        return None
    return parse_number(" ".join(toks))


def _year_like(span) -> bool:
    t = span[0]
    return t.text.isdigit() and len(t.text) == 4 and 1900 <= int(t.text) <= 2100 and span.end - span.start <= 2


def _level(words: list[str]):
    text = " ".join(words)
    for level in LEVELS:
        if f" {level}" in f" {text}":
            return level
    return None


def _item_noun(span, rule: str):
    toks = list(span)
    last = toks[-1].lower_
    if rule == "count-pieces-of":
        k = next(i for i, t in enumerate(toks) if t.lower_ == "of")
        unit = toks[k - 1].lower_
        return f"{unit} of {toks[-1].lower_}"
    words = {t.lower_ for t in toks[:-1]}
    if last in _WEAK_NOUNS and not (words & _INFO_WORDS):
        return None
    if last in ("document", "file"):
        last += "s"
    return last


def _in_breakdown(doc: Doc, after_char: int, at_char: int) -> bool:
    between = doc_text(doc)[after_char:at_char].lower()
    return any(w in between for w in ("including", "among them", "of which", "of them", "which included", "includes", "include", "with", ":", "—")) and "." not in between.replace("no.", "")
