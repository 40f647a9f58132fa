"""Document counts: "5,200 documents, including 59 classified as top secret", "nearly 400
photos", "100 pieces of intelligence". Count, item noun, classification level, qualifier."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from mssnews.text import HYPHENS, Tokens, doc_text, span_text, tokens
from mssnews.facts.models import DocumentCount
from mssnews.recognizers.money import qualifier_before
from mssnews.recognizers.normalize import parse_number
from mssnews.rules.loader import RuleError, load_patterns
from mssnews.rules.matcher import RuleMatcher
from mssnews.text import sent_of

LEVELS = ("top secret", "secret", "confidential", "sensitive", "classified", "restricted")
# Nouns that count as information only with a qualifying word before or after them.
_WEAK_NOUNS = {"items", "pieces", "copies", "papers", "notes", "letters", "messages", "maps", "charts", "disks", "records", "volumes", "sheets", "reels", "intelligence"}
_INFO_WORDS = {"intelligence", "information", "classified", "secret", "secrets", "confidential", "sensitive", "military", "state", "internal", "documents", "data"}
_NOT_AFTER = {"old", "ago", "older", "of age"}


# What a count rule's attributes say (rules/document_counts.jsonl): `part` of_total, a count of
# one level that is part of the latest total of its sentence ("of the 184 documents, 92 were
# marked secret"); of_list, a level inside a list, part of a total where the list breaks one
# down ("5,200 documents, including 59 classified as top secret"), or of the noun the list names
# at its end ("292 confidential, 90 top secret and 1,674 secret files"); `item` unit_of, the item
# is "<unit> of <noun>" ("100 pieces of intelligence").
COUNT_ATTRIBUTES = {"part": ("of_total", "of_list"), "item": ("unit_of",)}


def _meaning(rec: dict) -> dict:
    """A count rule's attributes, checked (a RuleError names the rule)."""
    a = rec.get("attributes") or {}
    for key, value in a.items():
        allowed = COUNT_ATTRIBUTES.get(key)
        if allowed is None:
            raise RuleError(f"document_counts.jsonl: rule {rec['id']!r}: unknown attribute {key}")
        if value not in allowed:
            raise RuleError(f"document_counts.jsonl: rule {rec['id']!r}: {key} {value!r} is not one of "
                            f"{', '.join(allowed)}")
    return a


class DocumentCountFinder:
    def __init__(self, vocab):
        self.matcher = RuleMatcher(vocab, "document_counts")
        meaning = {rec["id"]: _meaning(rec) for rec in load_patterns("document_counts")}
        self.part = {rule: a.get("part") for rule, a in meaning.items()}
        self.unit_of = {rule for rule, a in meaning.items() if a.get("item") == "unit_of"}

    def __call__(self, doc: Doc) -> list[DocumentCount]:
        out: list[DocumentCount] = []
        last_total: dict[int, int] = {}  # sentence start -> index of the latest total count
        waiting: list = []  # levels of a list that names its noun only at its end
        tk = tokens(doc)
        for m in self.matcher(doc):
            start_char, end_char = tk.idx[m.start], tk.end[m.end - 1]
            sent = sent_of(doc, m.start)
            words = tk.lower[m.start:m.end]
            count = _count(tk, m.start, m.end)
            if count is None or count <= 0 or count != int(count) or _year_like(tk, m.start, m.end):
                continue
            part = self.part[m.rule]
            if part is not None:
                # Inside a list that breaks down a total ("5,200 documents, including 59
                # classified as top secret, 848 as confidential"; "of the 184 documents, 92
                # were marked secret"), or a list whose last count names the noun for all
                # ("292 confidential, 90 top secret and 1,674 secret files").
                head = last_total.get(sent.start)
                if head is None or not (part == "of_total" or _in_breakdown(doc, out[head].end, start_char)):
                    if part == "of_list":
                        waiting.append((m, int(count), sent.start))
                    continue
                out.append(DocumentCount(text=span_text(doc, m.start, m.end), start=start_char, end=end_char,
                                         rule=m.rule, count=int(count), item=out[head].item,
                                         classification=_level(words), part_of=head,
                                         qualifier=qualifier_before(doc, m.start)[0]))
                continue
            noun = _item_noun(words, m.rule in self.unit_of)
            level = _level(words) or _level_after(tk, m.end, sent.end)
            if noun == "ones":  # "8 top-secret documents and 20 confidential ones": the noun before
                head = last_total.get(sent.start)
                noun = out[head].item if head is not None and level else None
            if noun is None:
                continue
            q, _ = qualifier_before(doc, m.start)
            head = last_total.get(sent.start)
            part_of = head if head is not None and level and _in_breakdown(doc, out[head].end, start_char) else None
            dc = DocumentCount(text=span_text(doc, m.start, m.end), start=start_char, end=end_char, rule=m.rule,
                               count=int(count), item=noun, classification=level, qualifier=q,
                               part_of=part_of)
            out.append(dc)
            if part_of is None:
                last_total[sent.start] = len(out) - 1
        if waiting:
            out = _list_levels(doc, tk, out, waiting)
        return out


_LIST_GAP = re.compile(r"^[\s\d,.\"“”'‘’-]*(?:(?:and|or|top|secret|confidential|sensitive|classified|restricted|highly)[\s\d,.\"“”'‘’-]*)*$", re.I)


def _list_levels(doc: Doc, tk: Tokens, out: list[DocumentCount], waiting: list) -> list[DocumentCount]:
    """The levels of a list whose last count names the noun: "292 'confidential', 90 'top
    secret' and 1,674 'secret' files" gives three counts of files."""
    text = doc_text(doc)
    extra = []
    for m, count, _sent in waiting:
        start_char, end_char = tk.idx[m.start], tk.end[m.end - 1]
        last = next((c for c in out if c.start >= end_char and c.classification), None)
        if last is None or not _LIST_GAP.match(text[end_char:last.start]) or last.start - end_char > 160:
            continue
        dc = DocumentCount(text=text[start_char:end_char], start=start_char, end=end_char, rule=m.rule,
                           count=count, item=last.item, classification=_level(tk.lower[m.start:m.end]),
                           qualifier=qualifier_before(doc, m.start)[0], person=None)
        extra.append(dc)
    if not extra:
        return out
    merged = sorted(out + extra, key=lambda c: c.start)
    moved = {id(c): k for k, c in enumerate(merged)}
    old_index = {k: id(c) for k, c in enumerate(out)}
    for c in merged:
        if c.part_of is not None:
            c.part_of = moved[old_index[c.part_of]]
    return merged


def _count(tk: Tokens, start: int, end: int):
    toks = []
    for k in range(start, end):
        if tk.like_num[k] or tk.lower[k] in ("thousand", "hundred", "million", "dozen", "a"):
            toks.append(tk.text[k])
        elif toks:
            break
    if not toks:
        return None
    return parse_number(" ".join(toks))


def _year_like(tk: Tokens, start: int, end: int) -> bool:
    t = tk.text[start]
    return t.isdigit() and len(t) == 4 and 1900 <= int(t) <= 2100 and end - start <= 2


def _level(words: list[str]):
    text = " ".join(w for w in words if w not in HYPHENS)  # ("top-secret" is "top", "-", "secret")
    for level in LEVELS:
        if f" {level}" in f" {text}":
            return level
    return None


_LEVEL_VERBS = {"marked", "classified", "labelled", "labeled", "rated", "graded"}
_LEVEL_AFTER = re.compile(r"(?:(?:%s) (?:as )?|of )(?:[\"“”'‘’] )?(%s)\b(?!(?: [\"“”'‘’])? (?:police|services?|agenc))"
                          % ("|".join(sorted(_LEVEL_VERBS)), "|".join(LEVELS)))  # ("top secret" first)
_MATERIAL = re.compile(r"^of (?:[\"“”'‘’] )?(?:%s)(?: [\"“”'‘’])? (?:material|materials|information|data|documents|content|files)\b"
                       % "|".join(LEVELS))


def _level_after(tk: Tokens, end: int, sent_end: int):
    """The level written after the noun: "20 documents marked secret", "files classified as
    "top secret"", "1,000 pages of classified material"."""
    if end >= sent_end or (tk.lower[end] not in _LEVEL_VERBS and tk.lower[end] != "of"):
        return None
    after = " ".join(w for w in tk.lower[end:min(end + 7, sent_end)] if w not in HYPHENS)
    if after.startswith("of ") and not _MATERIAL.match(after):
        return None
    m = _LEVEL_AFTER.match(after)
    return m.group(1) if m else None


def _item_noun(lowers: list[str], unit_of: bool):
    """lowers: the lower-case words of the match; unit_of: a "<unit> of <noun>" rule's."""
    last = lowers[-1]
    if unit_of:
        k = lowers.index("of")
        unit = lowers[k - 1]
        return f"{unit} of {last}"
    words = set(lowers[:-1])
    if last in _WEAK_NOUNS and not (words & _INFO_WORDS):
        return None
    if last in ("document", "file"):
        last += "s"
    return last


def _in_breakdown(doc: Doc, after_char: int, at_char: int) -> bool:
    between = doc_text(doc)[after_char:at_char].lower()
    return any(w in between for w in ("including", "among them", "of which", "of them", "which included", "includes", "include", "with", ":", "—")) and "." not in between.replace("no.", "")
