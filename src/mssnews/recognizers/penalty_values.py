"""The values of penalties: terms read off their tokens, reprieves, fines tied to their sums, and
confiscation with or without a sum. Used by recognizers/sentences.py."""
from __future__ import annotations

import re

from typing import Optional

from spacy.tokens import Doc

from mssnews.facts.models import Money, Sentence
from mssnews.recognizers.normalize import parse_term
from mssnews.recognizers.penalty_rules import _ALL, _PROPERTY, _breaks_between, flagged, sentence_rules
from mssnews.rules.matcher import Match
from mssnews.text import HYPHENS, Tokens, doc_text, sent_of, span_text, tokens


_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _dated_pair(tk: Tokens, m: Match) -> bool:
    """A "pair" whose first figure is a day or a year: "sentenced on July 16 to three years",
    "sentenced in December 2024 to 30 months" (a year is never a term)."""
    if m.label != "TERM_PAIR":
        return False
    first = tk.text[m.start]
    return (m.start > 0 and tk.lower[m.start - 1].rstrip(".") in _MONTHS) or (
        len(first) == 4 and first.isdigit() and 1900 <= int(first) <= 2100)


def listed_terms(tk: Tokens, m: Match) -> Match:
    """A pair of terms with one unit ("7 and 5 years") that ends a longer list: the match taken
    back over the figures listed before it ("10, 7 and 5 years"; figures of a term, not years)."""
    if m.label != "TERM_PAIR" or tk.lower[m.start + 1] not in ("and", "or"):
        return m
    start = m.start
    while start >= 2 and tk.text[start - 1] == "," and _a_term_figure(tk, start - 2):
        start -= 2
    return m if start == m.start else Match(m.label, m.rule, start, m.end)


def _a_term_figure(tk: Tokens, k: int) -> bool:
    """Is token k a figure a term could have (a number below 100, or a number word)?"""
    word = tk.text[k]
    if not tk.like_num[k]:
        return False
    return not word.replace(".", "", 1).isdigit() or float(word) < 100


def _longest(doc, ms: list[Match]) -> list[Match]:
    ms = sorted(ms, key=lambda m: (m.start, -(m.end - m.start)))
    kept, last_end = [], -1
    for m in ms:
        if m.start >= last_end:
            kept.append(m)
            last_end = m.end
    return kept


def _first_term(terms, lo, hi):
    for t in terms:
        if lo <= t.start <= hi:
            return t
    return None


def _end_of_phrase(doc, start, rx) -> int:
    """Token index just past the words matched by `rx` from token `start`."""
    tk = tokens(doc)
    m = rx.search(span_text(doc, start, min(start + 12, len(doc))).lower())
    if not m:
        return start + 1
    target = tk.idx[start] + m.end()
    k = start
    while k < tk.n and tk.idx[k] < target:
        k += 1
    return k


def _apply_term(doc, item: Sentence, term: Match) -> None:
    values = _term_values(doc, term.start, term.end, term.label)[0]
    item.years, item.months, item.days = values["years"], values["months"], values["days"]


def _term_values(doc: Doc, start: int, end: int, label: str) -> list[dict]:
    if label == "TERM_PAIR":
        # "six to eight years", "seven and six years", "10, 7 and 5 years": terms with one unit.
        toks = [t for t in tokens(doc).text[start:end] if t not in ("-", ",")]
        unit = toks[-1]
        figures = [t for t in toks[:-1] if t.lower() not in ("to", "and", "or")]
        return [v for v in (parse_term(f"{f} {unit}") for f in figures) if v]
    v = parse_term(span_text(doc, start, end))
    return [v] if v else []


def _reprieve(doc, sent, cues, terms, used_terms) -> Optional[float]:
    rep = [m for m in cues if m.label == "REPRIEVE" and sent.start <= m.start < sent.end]
    if not rep:
        return None
    for r in rep:
        # "two-year reprieve", "reprieve of two years", "suspended for two years"
        for t in terms:
            after = r.end <= t.start <= r.end + 6 and tokens(doc).lower[t.start - 1] != "to"
            if t.end in (r.start, r.start - 1) or after:  # (not "reprieve to 15 years")
                v = _term_values(doc, t.start, t.end, t.label)
                if v:
                    used_terms.add(t.start)
                    years = v[0]["years"] + v[0]["months"] / 12
                    return (int(years) if years.is_integer() else years) or _written_or_law(rep[0].rule)
    return _written_or_law(rep[0].rule)


def _written_or_law(rule: str) -> float:
    """The reprieve when no term is written: what the cue's rule says the law fixes
    (rules/sentences.jsonl: attributes.reprieve_years; two years in Chinese law)."""
    years: float = sentence_rules()[rule].get("reprieve_years", 2)
    return years


def _money_near_fine(doc, m: Match, money_tokens: list[tuple[int, int]], by_tok) -> Optional[int]:
    # "fined 40,000 yuan", "a fine of $2,500", "a 3 million yuan fine", "fined ... a total of X"
    text = tokens(doc).text
    for k in range(m.end, min(m.end + 6, len(doc))):
        if k in by_tok:
            return by_tok[k]
        if text[k] in {".", ";"}:
            break
    if m.rule in flagged("sum_before"):
        for i, (_start, end) in enumerate(money_tokens):
            if end in (m.start, m.start - 1):
                return i
    return None


def _sums_after(tk, last: int, candidates: list[tuple[int, int, int]]) -> list[int]:
    """The sum right after a cue ending at token `last` (within six tokens), and the sums listed
    after that one."""
    chosen: list[int] = []
    for i, ts, te in candidates:
        if ts >= last and ((not chosen and ts - last <= 6 and not _breaks_between(tk, last, ts))
                           or (chosen and joined(tk, last, ts))):
            chosen.append(i)
            last = te
        elif ts >= last:
            break
    return chosen


def listed_after(money_tokens: list[tuple[int, int]], first: int, tk, sent_end: int) -> list[int]:
    """The sums listed right after sum `first` ("fined 3 million won and 2 million won,
    respectively": the second), in order."""
    out, last = [], money_tokens[first][1]
    for i in range(first + 1, len(money_tokens)):
        ts, te = money_tokens[i]
        if ts >= sent_end or not joined(tk, last, ts):
            break
        out.append(i)
        last = te
    return out


_JOINERS = frozenset((",", "and", "or"))


def joined(tk, a: int, b: int) -> bool:
    """Do tokens a..b-1 only join two items of a list: "," or "and", after an optional "from"
    and a name ("NT$664,100 from Lee, NT$460,000 ..."), or before the name the next sum is
    of ("fined Anna Nowak 12,000 zlotys and Piotr Lis 8,000 zlotys")? (Not "and restitution
    of": a sum of another kind.)"""
    k = a
    if k < b and tk.lower[k] == "from":
        k += 1
        while k < b and (tk.is_cap[k] or tk.text[k] in HYPHENS):
            k += 1
    j = k
    while j < b and tk.lower[j] in _JOINERS:
        j += 1
    if j == b:
        return j > k
    return j > k and b - j <= 4 and all(tk.is_cap[x] or tk.text[x] in HYPHENS for x in range(j, b))


_VALUE_OF_ALL = re.compile(r"(?:assets|property|properties|possessions)(?:,? (?:worth|valued at|totall?ing|amounting to)|,)"
                           r"(?: (?:more than|over|about|around|nearly|some|at least))? ?$")


def _confiscation(doc: Doc, m: Match, money: list[Money], money_tokens: list[tuple[int, int]]) -> list[Sentence]:
    """The confiscations a cue gives: one per sum it governs ("confiscated NT$664,100 from
    Lee, NT$460,000 from Lai and NT$265,900 from Lin": three), or one with no sum ("all his
    personal property")."""
    sent = sent_of(doc, m.start)
    text = span_text(doc, max(sent.start, m.start - 10), min(sent.end, m.end + 10)).lower()
    tk = tokens(doc)
    # "ordered to forfeit US$35,000": a sum right after the verb needs no word for property.
    sum_after = tk.lower[m.start].startswith(("forfeit", "confiscat")) and \
        any(m.end <= ts <= m.end + 2 and ts < sent.end for ts, _te in money_tokens)
    if not (sum_after or _PROPERTY.search(text) or m.rule in flagged("names_property")):
        return []
    item = Sentence(text=span_text(doc, m.start, m.end), start=tk.idx[m.start], end=tk.end[m.end - 1],
                    rule=m.rule, penalty="confiscation_of_property")
    candidates = [(i, ts, te) for i, (mo, (ts, te)) in enumerate(zip(money, money_tokens))
                  if mo.amount is not None and mo.equivalent_of is None and sent.start <= ts < sent.end]
    if _ALL.search(span_text(doc, max(sent.start, m.start - 6), min(len(doc), m.end + 6)).lower()):
        # All of someone's property: no sum, unless the report says what it came to ("all of
        # Chen's personal assets, more than 8.3 million yuan").
        worth = next((i for i, ts, _te in candidates if m.end <= ts <= m.end + 12
                      and _VALUE_OF_ALL.search(span_text(doc, m.end, ts).lower())), None)
        if worth is None:
            return [item]
        mo = money[worth]
        return [Sentence(text=doc_text(doc)[item.start:mo.end], start=item.start, end=mo.end, rule=m.rule,
                         penalty="confiscation_of_property", amount=mo.amount, currency=mo.currency, money=worth)]
    chosen = _sums_after(tk, m.end, candidates)
    if not chosen:
        for i, ts, te in reversed(candidates):  # before it: "$505,000 was forfeited", "500,000 yuan
            gap = m.start - te  # (about $71,800) of his personal assets confiscated"
            if 0 <= gap <= 3 or (0 <= gap <= 14 and _PROPERTY.search(span_text(doc, te, m.start).lower())
                                 and not _breaks_between(tk, te, m.start)):
                chosen.append(i)
                break
    out = []
    for i in chosen:
        mo = money[i]
        s, e = min(item.start, mo.start), max(item.end, mo.end)
        if len(chosen) > 1:
            s, e = mo.start, mo.end  # each its own item: the sum as written
        out.append(Sentence(text=doc_text(doc)[s:e], start=s, end=e, rule=m.rule, penalty="confiscation_of_property",
                            amount=mo.amount, currency=mo.currency, money=i))
    return out or [item]
