"""Money: sums with an amount, an ISO 4217 currency, a qualifier ("nearly"), and the sum a
bracketed conversion stands for ("45,000 yuan ($6,300)")."""
from __future__ import annotations

from spacy.tokens import Doc

from mssnews.facts.models import Money
from mssnews.recognizers.normalize import SCALES, currency_code, number_word, parse_number, qualifier
from mssnews.rules.loader import RuleError, load_patterns
from mssnews.rules.matcher import RuleMatcher
from mssnews.text import doc_text, tokens

_QUALIFIER_WORDS = [("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least"),
                    ("up", "to"), ("close", "to"), ("just", "under"), ("in", "excess", "of"),
                    ("upwards", "of"), ("an", "estimated")]

_QUALIFIERS_ENDING: dict[str, list[tuple[str, ...]]] = {}  # last word -> those qualifiers, in order
for _words in _QUALIFIER_WORDS:
    _QUALIFIERS_ENDING.setdefault(_words[-1], []).append(_words)

# Verbs whose particle is no qualifier: "handed over 1,200 pages".
_PHRASAL = {"handed", "hand", "hands", "handing", "turned", "turn", "turns", "turning", "passed",
            "pass", "took", "take", "taken", "takes", "gave", "give", "given", "signed", "sign",
            "made", "make", "ended", "end", "went", "set", "put", "paid", "pay", "split", "added"}


def qualifier_before(doc: Doc, start: int) -> tuple[str | None, int]:
    """Qualifier words right before token `start` and where they begin."""
    lower = tokens(doc).lower
    for words in _QUALIFIERS_ENDING.get(lower[start - 1], ()) if start >= 1 else ():
        k = len(words)
        if start - k >= 0 and tuple(lower[start - k:start]) == words:
            return qualifier(" ".join(words)), start - k
    if start >= 1:
        q = qualifier(lower[start - 1])
        if q and not (start >= 2 and lower[start - 2] in _PHRASAL and lower[start - 1] in ("over", "up", "under")):
            return q, start - 1
    return None, start


_CONVERSION_GAPS = {"(", "(or", "or about (", "(about", "(around", "(nearly", "(some", "(roughly",
                    "(approximately", "(more than", "(over"}
_CONVERSION_GAPS |= {g.replace("(", "[") for g in _CONVERSION_GAPS}  # "NT$1 million [US$30,000]" (Taipei Times)


def _flags(rec: dict) -> dict:
    """A money rule's attributes, checked (a RuleError names the rule): `symbol_before`, its
    currency's symbol or code stands before the figure ("$5", "NT$4.2 million", "PLN
    40,000"); `vague`, a sum with no figure ("tens of thousands of yuan": amount null)."""
    a = rec.get("attributes") or {}
    if set(a) - {"symbol_before", "vague"} or not all(isinstance(v, bool) for v in a.values()):
        raise RuleError(f"money.jsonl: rule {rec['id']!r}: the attributes are symbol_before and vague, "
                        "each true or false")
    return a


class MoneyFinder:
    def __init__(self, vocab):
        self.matcher = RuleMatcher(vocab, "money")
        flags = {rec["id"]: _flags(rec) for rec in load_patterns("money")}
        self.symbol_before = {rule for rule, a in flags.items() if a.get("symbol_before")}
        self.vague = {rule for rule, a in flags.items() if a.get("vague")}

    def __call__(self, doc: Doc) -> tuple[list[Money], list[tuple[int, int]]]:
        """The sums found, and beside them their token spans (for the penalty finder)."""
        out: list[Money] = []
        spans: list[tuple[int, int]] = []
        tk = tokens(doc)
        text = doc_text(doc)
        for m in self.matcher(doc):
            start, end = tk.idx[m.start], tk.end[m.end - 1]
            words = [(tk.text[k], tk.lower[k], tk.like_num[k]) for k in range(m.start, m.end)]
            if m.rule in self.vague:
                cur = currency_code(words[-1][0]) or _dollar_kind([w[1] for w in words])
                item = Money(text=text[start:end], start=start, end=end, rule=m.rule,
                             amount=None, currency=cur, qualifier="vague")
            else:
                amount, cur = _amount_and_currency(words, m.rule in self.symbol_before)
                if amount is None or cur is None:
                    continue
                q, _ = qualifier_before(doc, m.start)
                if not _readable(amount, text, start, end):
                    amount, q = None, "unreadable"
                item = Money(text=text[start:end], start=start, end=end, rule=m.rule,
                             amount=amount, currency=cur, qualifier=q)
            spans.append((m.start, m.end))
            out.append(item)
        # A sum in brackets right after another sum is that sum converted.
        for i, item in enumerate(out):
            if i == 0:
                continue
            a, b = spans[i - 1][1], spans[i][0]
            gap = []  # the words between the two sums (no more than 4: more is no conversion)
            for k in range(a, b):
                if not tk.is_space[k]:
                    gap.append(tk.lower[k])
                    if len(gap) > 3:
                        break
            if (text[tk.idx[a]:tk.idx[b]].strip() if b > a else "") in _CONVERSION_GAPS or _bracket_gap(gap):
                item.equivalent_of = i - 1
        _yen_sign(out)
        return out, spans


def _yen_sign(found: list[Money]) -> None:
    """"¥" is the yuan (CNY) in the Chinese reports we read, but the yen in a report whose
    other sums are in yen and none in yuan ("1.5 million yen and ¥300,000")."""
    signs = [m for m in found if m.text[:1] in ("¥", "￥")]
    others = {m.currency for m in found if m.text[:1] not in ("¥", "￥")}
    if signs and "JPY" in others and "CNY" not in others:
        for m in signs:
            m.currency = "JPY"


MAX_AMOUNT = 10 ** 15  # a thousand trillion: above it a figure is a typo, a cut-off run or a joke


def _readable(amount, text: str, start: int, end: int) -> bool:
    """Whether a figure can be taken at its value: at most MAX_AMOUNT, and not the tail of
    an expression ("10^400 yuan") or of a digit run the tokenizer saw in pieces."""
    if not abs(amount) <= MAX_AMOUNT:  # (also NaN and infinity)
        return False
    before = text[start - 1:start]
    return not (before == "^" or before.isdigit() or text[end:end + 1] == "^")


def _bracket_gap(toks: list[str]) -> bool:
    return bool(toks) and toks[0] in ("(", "[") and len(toks) <= 3 and all(t.isalpha() or t == toks[0] for t in toks)


def _dollar_kind(lowers: list[str]) -> str | None:
    words = " ".join(lowers)
    if "hong kong" in words:
        return "HKD"
    if "taiwan" in words or " nt " in f" {words} ":
        return "TWD"
    if "dollar" in words or " us " in f" {words} " or "u.s." in words:
        return "USD"
    return None


def _amount_and_currency(words: list[tuple[str, str, bool]], symbol_before: bool):
    """words: (text, lower, like_num) of the matched tokens; symbol_before: the rule's (see
    _symbol_before)."""
    toks = [w for w in words if w[0] != "-"]
    if symbol_before:
        cur = currency_code(toks[0][0], symbol_before=True)
        num_toks = toks[1:]
    else:
        # Currency words: everything after the number and scale words.
        k = 0  # ("1.2bn" is a figure too, though not like_num)
        while k < len(toks) and (toks[k][2] or toks[k][1] in SCALES or (k == 0 and number_word(toks[k][0]) is not None)):
            k += 1
        num_toks, cur_toks = toks[:k], toks[k:]
        cur = currency_code(" ".join(w[0] for w in cur_toks)) or _dollar_kind([w[1] for w in cur_toks])
    amount = parse_number(" ".join(w[0] for w in num_toks))
    return amount, cur
