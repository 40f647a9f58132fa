"""Sentences: criminal penalties imposed on someone. Cue patterns and terms come from
`patterns/sentences.jsonl`; this module decides which terms are penalties and of what kind,
and drops statutory ranges, requests and possible maximums."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span

from .text import doc_text
from .model import Money, Sentence
from .normalize import parse_term
from .rules import Match, RuleMatcher
from .text import sent_of

# Words in the same clause, before a penalty, that mean it was not imposed.
_NOT_IMPOSED = [
    "shall", "not less than", "no less than", "not more than", "no more than", "up to", "faces",
    "facing", "face", "could", "may", "might", "maximum", "punishable", "sought", "seek",
    "seeking", "asked for", "requested", "request", "recommended", "recommend", "demanded",
    "if convicted", "commuted to", "reduced to", "commute", "would", "potential", "possible",
    "prosecutors want", "warranted", "warrants", "deserved", "deserves", "to be sentenced", "will be sentenced", "scheduled to be", "plea deal",
]
_PRISON_AFTER = ("in prison", "in jail", "imprisonment", "of imprisonment", "prison", "jail",
                 "behind bars", "sentence", "prison sentence", "jail sentence", "jail term",
                 "prison term", "in a labor camp", "in a labour camp", "in custody", "term")
_PRISON_BEFORE = ("sentenced to", "jailed for", "imprisoned for", "sentence of", "term of",
                  "imprisonment of", "imprisonment for", "sentences of", "jail for", "prison for",
                  "terms of", "sentenced him to", "sentenced her to", "sentenced them to", "received",
                  "given", "handed", "serve", "serving", "got", "gets", "receives")
_RIGHTS_LIFE = re.compile(r"\b(?:for life|for the rest of (?:his|her|their) li(?:fe|ves)|permanently|lifelong|life-long|long-lasting|lifetime)\b")
_LIFE_BEFORE_RIGHTS = re.compile(r"(?:lifelong|life-long|long-lasting|lifetime|permanent)\s+(?:deprivation|removal)")


class PenaltyFinder:
    def __init__(self, vocab):
        self.matcher = RuleMatcher(vocab, "sentences")

    def __call__(self, doc: Doc, money: list[Money], money_tokens: list[tuple[int, int]]) -> list[Sentence]:
        """`money_tokens[i]` is the token span of `money[i]`."""
        matches = self.matcher(doc, longest=False)
        terms = _longest(doc, [m for m in matches if m.label in ("TERM", "TERM_PAIR")])
        cues = [m for m in matches if m.label not in ("TERM", "TERM_PAIR", "LIFE")]
        # "sentenced to life in prison" is one life sentence, not two.
        cues += _longest(doc, [m for m in matches if m.label == "LIFE"])
        cues.sort(key=lambda m: (m.start, m.end))
        used_terms: set[int] = set()
        out: list[Sentence] = []

        # 1. Deprivation of political rights (their terms must not be read as prison terms).
        for m in cues:
            if m.label != "RIGHTS":
                continue
            span = doc[m.start:m.end]
            if _not_imposed(doc, m.start):
                continue
            sent = sent_of(doc, m.start)
            after = doc[m.end:min(m.end + 12, sent.end)]
            after_text = after.text.lower()
            item = Sentence(text=span.text, start=span.start_char, end=span.end_char, rule=m.rule,
                            penalty="deprivation_of_political_rights")
            before_text = doc[max(sent.start, m.start - 3):m.end].text.lower()
            life = _RIGHTS_LIFE.match(after_text.lstrip()) or _LIFE_BEFORE_RIGHTS.search(before_text)
            term = _first_term(terms, m.end, m.end + 4)
            if life:
                item.for_life = True
                if _RIGHTS_LIFE.match(after_text.lstrip()):
                    end_tok = _end_of_phrase(doc, m.end, _RIGHTS_LIFE)
                    item.end = doc[end_tok - 1].idx + len(doc[end_tok - 1])
                    item.text = doc_text(doc)[item.start:item.end]
                elif _LIFE_BEFORE_RIGHTS.search(before_text):
                    k = m.start - 1
                    item.start = doc[k].idx if k >= 0 else item.start
                    item.text = doc_text(doc)[item.start:item.end]
            elif term is not None and doc[term.start - 1].lower_ == "for":
                _apply_term(doc, item, term)
                used_terms.add(term.start)
                item.end = doc[term.end - 1].idx + len(doc[term.end - 1])
                item.text = doc_text(doc)[item.start:item.end]
            out.append(item)

        # 2. Death, death with reprieve, life imprisonment.
        for m in cues:
            if m.label not in ("DEATH", "LIFE"):
                continue
            span = doc[m.start:m.end]
            sent = sent_of(doc, m.start)
            if _not_imposed(doc, m.start):
                continue
            if m.label == "LIFE":
                if doc[m.start - 1].lower_ == "for" and m.rule != "life-imprisonment-for-life":
                    continue  # "deprived of political rights for life"
                out.append(Sentence(text=span.text, start=span.start_char, end=span.end_char,
                                    rule=m.rule, penalty="life_imprisonment", for_life=True))
                continue
            reprieve = _reprieve(doc, sent, cues, terms, used_terms)
            if reprieve is not None:
                item = Sentence(text=span.text, start=span.start_char, end=span.end_char, rule=m.rule,
                                penalty="death_with_reprieve", reprieve_years=reprieve)
            else:
                item = Sentence(text=span.text, start=span.start_char, end=span.end_char, rule=m.rule,
                                penalty="death")
            out.append(item)
        # A suspended death sentence named without "death sentence" ("Given Suspended Death Penalty"
        # is caught above); "suspend his death sentence for two years" too.

        # 3. Fines and confiscation, tied to a sum of money where one is given.
        by_tok = {start: i for i, (start, _end) in enumerate(money_tokens)}
        fined_money: set[int] = set()
        for m in cues:
            if m.label == "FINE":
                if _not_imposed(doc, m.start):
                    continue
                idx = _money_near_fine(doc, m, money_tokens, by_tok)
                if idx is None or idx in fined_money:
                    continue
                fined_money.add(idx)
                mo = money[idx]
                start, end = min(mo.start, doc[m.start].idx), max(mo.end, doc[m.end - 1].idx + len(doc[m.end - 1]))
                out.append(Sentence(text=doc_text(doc)[start:end], start=start, end=end, rule=m.rule,
                                    penalty="fine", amount=mo.amount, currency=mo.currency, money=idx))
            elif m.label == "CONFISCATION":
                item = _confiscation(doc, m, money, money_tokens)
                if item is not None and not _not_imposed(doc, m.start):
                    out.append(item)

        # 4. Prison terms, suspended sentences and detention.
        for t in terms:
            if t.start in used_terms:
                continue
            kind = _term_kind(doc, t, cues)
            if kind is None or _not_imposed(doc, t.start):
                continue
            span = doc[t.start:t.end]
            for values in _term_values(span, t.label):
                item = Sentence(text=span.text, start=span.start_char, end=span.end_char, rule=t.rule,
                                penalty=kind)
                item.years, item.months, item.days = values["years"], values["months"], values["days"]
                out.append(item)
        out.sort(key=lambda s: (s.start, s.end))
        return out


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
    text = doc[start:min(start + 12, len(doc))].text
    m = rx.search(text.lower())
    if not m:
        return start + 1
    target = doc[start].idx + m.end()
    k = start
    while k < len(doc) and doc[k].idx < target:
        k += 1
    return k


def _apply_term(doc, item: Sentence, term: Match) -> None:
    values = _term_values(doc[term.start:term.end], term.label)[0]
    item.years, item.months, item.days = values["years"], values["months"], values["days"]


def _term_values(span: Span, label: str) -> list[dict]:
    if label == "TERM_PAIR":
        # "six to eight years", "seven and six years": two terms with the one unit.
        toks = [t for t in span if t.text != "-"]
        unit = toks[-1].text
        a, b = parse_term(f"{toks[0].text} {unit}"), parse_term(f"{toks[2].text} {unit}")
        return [v for v in (a, b) if v]
    v = parse_term(span.text)
    return [v] if v else []


def _not_imposed(doc: Doc, i: int) -> bool:
    sent = sent_of(doc, i)
    lo = sent.start
    # Clause: from the last ";" / "while" / "but" before i.
    for j in range(i - 1, sent.start - 1, -1):
        if doc[j].lower_ in (";", "while", "whereas", "but"):
            lo = j + 1
            break
    # "May" capitalised mid-sentence is the month, not the modal verb.
    left = " " + " ".join(t.lower_ for t in doc[lo:i] if not (t.text == "May" and not t.is_sent_start)) + " "
    return any(f" {w} " in left for w in _NOT_IMPOSED)


def _reprieve(doc, sent, cues, terms, used_terms) -> Optional[float]:
    rep = [m for m in cues if m.label == "REPRIEVE" and sent.start <= m.start < sent.end]
    if not rep:
        return None
    for r in rep:
        # "two-year reprieve", "reprieve of two years", "suspended for two years"
        for t in terms:
            if t.end in (r.start, r.start - 1) or (r.end <= t.start <= r.end + 6):
                v = _term_values(doc[t.start:t.end], t.label)
                if v:
                    used_terms.add(t.start)
                    return v[0]["years"] + v[0]["months"] / 12 or 2
    return 2


def _money_near_fine(doc, m: Match, money_tokens: list[tuple[int, int]], by_tok) -> Optional[int]:
    # "fined 40,000 yuan", "a fine of $2,500", "a 3 million yuan fine", "fined ... a total of X"
    for k in range(m.end, min(m.end + 6, len(doc))):
        if k in by_tok:
            return by_tok[k]
        if doc[k].text in {".", ";"}:
            break
    if m.rule == "fine-noun":
        for i, (_start, end) in enumerate(money_tokens):
            if end in (m.start, m.start - 1):
                return i
    return None


def _confiscation(doc: Doc, m: Match, money: list[Money], money_tokens: list[tuple[int, int]]) -> Optional[Sentence]:
    sent = sent_of(doc, m.start)
    window = doc[max(sent.start, m.start - 10):min(sent.end, m.end + 10)]
    text = window.text.lower()
    if not re.search(r"\b(property|properties|assets|proceeds|possessions|estate|belongings|gains|funds|money|profits)\b", text):
        return None
    span = doc[m.start:m.end]
    item = Sentence(text=span.text, start=span.start_char, end=span.end_char, rule=m.rule,
                    penalty="confiscation_of_property")
    # Tie to a sum inside the same clause near the cue ("forfeited about $505,000 in proceeds").
    best = None
    candidates = [(i, ts, te) for i, (mo, (ts, te)) in enumerate(zip(money, money_tokens))
                  if mo.amount is not None and mo.equivalent_of is None]
    for i, ts, _te in candidates:  # after the cue: "forfeit $180,000 in proceeds"
        if sent.start <= ts < sent.end and 0 <= ts - m.end <= 6:
            best = i
            break
    if best is None:
        for i, ts, te in reversed(candidates):  # before it: "$505,000 was forfeited"
            if sent.start <= ts < sent.end and 0 <= m.start - te <= 3:
                best = i
                break
    if best is not None and not re.search(r"\ball\b", doc[max(sent.start, m.start - 6):m.end + 6].text.lower()):
        mo = money[best]
        item.amount, item.currency, item.money = mo.amount, mo.currency, best
        s, e = min(item.start, mo.start), max(item.end, mo.end)
        item.start, item.end, item.text = s, e, doc_text(doc)[s:e]
    return item


def _term_kind(doc: Doc, t: Match, cues) -> Optional[str]:
    sent = sent_of(doc, t.start)
    before = " ".join(x.lower_ for x in doc[max(sent.start, t.start - 8):t.start] if not x.is_space)
    after = " ".join(x.lower_ for x in doc[t.end:min(sent.end, t.end + 4)] if not x.is_space)
    imm_before = " ".join(x.lower_ for x in doc[max(sent.start, t.start - 3):t.start] if not x.is_space)
    if re.match(r"^(?:of |in )?(?:administrative |criminal )?detention\b", after) or re.search(r"(?:detained|detention) (?:for|of)$", imm_before):
        return "detention"
    if re.match(r"^(?:old|older|younger|ago|later|earlier|after|before|of age|of (?:military )?service)\b", after):
        return None
    if re.search(r"\bsuspended (?:for|sentence)\b", after + " " + " ".join(x.lower_ for x in doc[t.end:min(sent.end, t.end + 8)])) \
            or re.search(r"suspended(?: prison| jail)? sentence of$", imm_before):
        if not re.search(r"suspended for$", imm_before):
            return "suspended_sentence"
        return None  # the probation period of a suspended sentence
    if re.search(r"\b(?:probation|reprieve)\b", imm_before) or after.startswith("reprieve") or after.startswith("probation"):
        return None
    prison_after = any(after == p or after.startswith(p + " ") for p in _PRISON_AFTER)
    prison_before = any(imm_before.endswith(p) for p in _PRISON_BEFORE) or re.search(r"\bsentenced\b.*\bto$", before) is not None
    if prison_after or prison_before:
        return "imprisonment"
    # "sentenced to seven years and six years, respectively": the second of a list.
    if re.search(r"\bsentenced\b", before) and re.search(r"\b(?:and|or|,)$", imm_before):
        return "imprisonment"
    return None
