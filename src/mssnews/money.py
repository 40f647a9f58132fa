"""Money: sums with an amount, an ISO 4217 currency, a qualifier ("nearly"), and the sum a
bracketed conversion stands for ("45,000 yuan ($6,300)")."""
from __future__ import annotations

from spacy.tokens import Doc

from .model import Money
from .normalize import SCALES, currency_code, parse_number, qualifier
from .rules import RuleMatcher

_QUALIFIER_WORDS = [("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least"),
                    ("up", "to"), ("close", "to"), ("just", "under"), ("in", "excess", "of"),
                    ("upwards", "of"), ("an", "estimated")]


# Verbs whose particle is no qualifier: "handed over 1,200 pages".
_PHRASAL = {"handed", "hand", "hands", "handing", "turned", "turn", "turns", "turning", "passed",
            "pass", "took", "take", "taken", "takes", "gave", "give", "given", "signed", "sign",
            "made", "make", "ended", "end", "went", "set", "put", "paid", "pay", "split", "added"}


def qualifier_before(doc: Doc, start: int) -> tuple[str | None, int]:
    """Qualifier words right before token `start` and where they begin."""
    for words in _QUALIFIER_WORDS:
        k = len(words)
        if start - k >= 0 and tuple(t.lower_ for t in doc[start - k:start]) == words:
            return qualifier(" ".join(words)), start - k
    if start >= 1:
        q = qualifier(doc[start - 1].lower_)
        if q and not (start >= 2 and doc[start - 2].lower_ in _PHRASAL and doc[start - 1].lower_ in ("over", "up", "under")):
            return q, start - 1
    return None, start


class MoneyFinder:
    def __init__(self, vocab):
        self.matcher = RuleMatcher(vocab, "money")

    def __call__(self, doc: Doc) -> tuple[list[Money], list[tuple[int, int]]]:
        """The sums found, and beside them their token spans (for the penalty finder)."""
        out: list[Money] = []
        tokens: list[tuple[int, int]] = []
        for m in self.matcher(doc):
            span = doc[m.start:m.end]
            if m.rule.startswith("money-vague"):
                cur = currency_code(span[-1].text) or _dollar_kind(span)
                item = Money(text=span.text, start=span.start_char, end=span.end_char, rule=m.rule,
                             amount=None, currency=cur, qualifier="vague")
            else:
                amount, cur = _amount_and_currency(span, m.rule)
                if amount is None or cur is None:
                    continue
                q, _ = qualifier_before(doc, m.start)
                item = Money(text=span.text, start=span.start_char, end=span.end_char, rule=m.rule,
                             amount=amount, currency=cur, qualifier=q)
            tokens.append((m.start, m.end))
            out.append(item)
        # A sum in brackets right after another sum is that sum converted.
        for i, item in enumerate(out):
            if i == 0:
                continue
            gap = doc[tokens[i - 1][1]:tokens[i][0]]
            if gap.text.strip() in ("(", "(or", "or about (", "(about", "(around", "(nearly", "(some", "(roughly", "(approximately", "(more than", "(over") or _bracket_gap(gap):
                item.equivalent_of = i - 1
        return out, tokens


def _bracket_gap(gap) -> bool:
    toks = [t.lower_ for t in gap if not t.is_space]
    return bool(toks) and toks[0] == "(" and len(toks) <= 3 and all(t.isalpha() or t == "(" for t in toks)


def _dollar_kind(span) -> str | None:
    words = " ".join(t.lower_ for t in span)
    if "hong kong" in words:
        return "HKD"
    if "taiwan" in words or " nt " in f" {words} ":
        return "TWD"
    if "dollar" in words or " us " in f" {words} " or "u.s." in words:
        return "USD"
    return None


def _amount_and_currency(span, rule: str):
    toks = [t for t in span if t.text != "-"]
    if rule.startswith("money-symbol-amount"):
        cur = currency_code(toks[0].text, symbol_before=True)
        num_toks = toks[1:]
    else:
        # Currency words: everything after the number and scale words.
        k = 0
        while k < len(toks) and (toks[k].like_num or toks[k].lower_ in SCALES):
            k += 1
        num_toks, cur_toks = toks[:k], toks[k:]
        words = " ".join(t.text for t in cur_toks)
        cur = currency_code(words) or _dollar_kind(cur_toks)
    amount = parse_number(" ".join(t.text for t in num_toks))
    return amount, cur
