"""Sentences: criminal penalties imposed on someone. Cue patterns and terms come from
`rules/sentences.jsonl`; recognizers/penalty_rules.py decides which terms are penalties and of
what kind, and drops statutory ranges, requests and possible maximums."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from mssnews.facts.models import Money, Sentence
from mssnews.docfacts import facts
from mssnews.recognizers.context import ContextFinder, in_scope
from mssnews.recognizers.penalty_rules import _LIFE_BEFORE_RIGHTS, _RIGHTS_LIFE, _term_kind, flagged
from mssnews.recognizers.penalty_values import (_apply_term, _confiscation, _dated_pair, _end_of_phrase, _first_term,
                                                _longest, _money_near_fine, _reprieve, _term_values, listed_after,
                                                listed_terms)
from mssnews.rules.matcher import RuleMatcher
from mssnews.text import doc_text, sent_at_char, sent_of, span_text, tokens




class _Found:
    """The matches of one doc that the steps share."""

    def __init__(self, doc: Doc, finder: "PenaltyFinder"):
        self.doc = doc
        self.tk = tk = tokens(doc)
        # What changes what a penalty means ("faces up to", "sought"): the context component's
        # scopes (recognizers/context.py), or found here where it is not in the pipeline.
        scopes = facts(doc).get("context")
        self.scopes = scopes if scopes is not None else finder.context(doc)
        matches = finder.matcher(doc, longest=False)
        self.terms = _longest(doc, [listed_terms(tk, m) for m in matches
                                    if m.label in ("TERM", "TERM_PAIR") and not _dated_pair(tk, m)])
        cues = [m for m in matches if m.label not in ("TERM", "TERM_PAIR", "LIFE")]
        # "sentenced to life in prison" is one life sentence, not two; "sentenced Li to life"
        # counts only where no life phrase of its own is there ("... to life imprisonment").
        yields = flagged("yields_to_life_phrase")
        life = _longest(doc, [m for m in matches if m.label == "LIFE" and m.rule not in yields])
        cues += life + [m for m in matches if m.rule in yields
                        and not any(x.start < m.end + 3 and m.start < x.end for x in life)]
        cues.sort(key=lambda m: (m.start, m.end))
        self.cues = cues
        self.used_terms: set[int] = set()

    def not_imposed(self, k: int) -> bool:
        """Is the penalty at token k not imposed (requested, a possible maximum, a statutory range ...)?"""
        return in_scope(self.scopes, k) is not None


class PenaltyFinder:
    def __init__(self, vocab):
        self.matcher = RuleMatcher(vocab, "sentences")
        self.vocab = vocab
        self._context: Optional[ContextFinder] = None  # (for a pipeline without mssnews_context)

    def context(self, doc: Doc):
        """The context scopes of doc, where no mssnews_context component found them."""
        if self._context is None:
            self._context = ContextFinder(self.vocab)
        return self._context(doc)

    def __call__(self, doc: Doc, money: list[Money], money_tokens: list[tuple[int, int]]) -> list[Sentence]:
        """`money_tokens[i]` is the token span of `money[i]`. Deprivation of political rights
        goes first (its terms must not be read as prison terms), then death and life, fines and
        confiscation, and last the prison terms left."""
        f = _Found(doc, self)
        out = self._rights(f) + _without_commutation(doc, self._death_and_life(f)) + \
            self._fines(f, money, money_tokens) + self._terms(f)
        out.sort(key=lambda s: (s.start, s.end))
        return out

    @staticmethod
    def _rights(f: _Found) -> list[Sentence]:
        doc, tk, out = f.doc, f.tk, []
        for m in f.cues:
            if m.label != "RIGHTS" or f.not_imposed(m.start):
                continue
            sent = sent_of(doc, m.start)
            after_text = span_text(doc, m.end, min(m.end + 12, sent.end)).lower()
            item = Sentence(text=span_text(doc, m.start, m.end), start=tk.idx[m.start], end=tk.end[m.end - 1],
                            rule=m.rule, penalty="deprivation_of_political_rights")
            before_text = span_text(doc, max(sent.start, m.start - 3), m.end).lower()
            term = _first_term(f.terms, m.end, m.end + 4)
            if _RIGHTS_LIFE.match(after_text.lstrip()):
                item.for_life = True
                item.end = tk.end[_end_of_phrase(doc, m.end, _RIGHTS_LIFE) - 1]
            elif _LIFE_BEFORE_RIGHTS.search(before_text):
                item.for_life = True
                item.start = tk.idx[m.start - 1] if m.start >= 1 else item.start
            elif term is not None and tk.lower[term.start - 1] == "for":
                _apply_term(doc, item, term)
                f.used_terms.add(term.start)
                item.end = tk.end[term.end - 1]
            item.text = doc_text(doc)[item.start:item.end]
            out.append(item)
        return out

    @staticmethod
    def _death_and_life(f: _Found) -> list[Sentence]:
        doc, tk, out = f.doc, f.tk, []
        death_end = -1
        for m in f.cues:
            if m.label not in ("DEATH", "LIFE"):
                continue
            if m.label == "DEATH":
                if m.start < death_end:
                    continue  # "sentenced to death with a reprieve": one sentence
                death_end = m.end
            if f.not_imposed(m.start):
                continue
            text, start, end = span_text(doc, m.start, m.end), tk.idx[m.start], tk.end[m.end - 1]
            if m.label == "LIFE":
                if tk.lower[m.start - 1] == "for" and m.rule not in flagged("after_for"):
                    continue  # "deprived of political rights for life"
                out.append(Sentence(text=text, start=start, end=end, rule=m.rule, penalty="life_imprisonment",
                                    for_life=True))
                continue
            reprieve = _reprieve(doc, sent_of(doc, m.start), f.cues, f.terms, f.used_terms)
            if reprieve is not None:
                out.append(Sentence(text=text, start=start, end=end, rule=m.rule, penalty="death_with_reprieve",
                                    reprieve_years=reprieve))
            else:
                out.append(Sentence(text=text, start=start, end=end, rule=m.rule, penalty="death"))
        return out

    @staticmethod
    def _fines(f: _Found, money: list[Money], money_tokens: list[tuple[int, int]]) -> list[Sentence]:
        """Fines and confiscation, tied to a sum of money where one is given."""
        doc, tk, out = f.doc, f.tk, []
        by_tok = {start: i for i, (start, _end) in enumerate(money_tokens)}
        fined_money: set[int] = set()
        for m in f.cues:
            if m.label == "FINE" and not f.not_imposed(m.start):
                idx = _money_near_fine(doc, m, money_tokens, by_tok)
                if idx is None or idx in fined_money:
                    continue
                # ... and the sums listed right after it ("fined 3 million won and 2 million won,
                # respectively"), each its own fine: the sum as written
                more = [i for i in listed_after(money_tokens, idx, tk, sent_of(doc, m.start).end)
                        if money[i].equivalent_of is None and money[i].amount is not None and i not in fined_money]
                for k, i in enumerate([idx, *more]):
                    fined_money.add(i)
                    mo = money[i]
                    start, end = (min(mo.start, tk.idx[m.start]), max(mo.end, tk.end[m.end - 1])) if k == 0 and not more \
                        else (mo.start, mo.end)
                    out.append(Sentence(text=doc_text(doc)[start:end], start=start, end=end, rule=m.rule,
                                        penalty="fine", amount=mo.amount, currency=mo.currency, money=i))
            elif m.label == "CONFISCATION" and not f.not_imposed(m.start):
                out.extend(_confiscation(doc, m, money, money_tokens))
        return out

    @staticmethod
    def _terms(f: _Found) -> list[Sentence]:
        """Prison terms, suspended sentences and detention."""
        doc, tk, out = f.doc, f.tk, []
        last: Optional[tuple[int, int, Optional[str]]] = None  # (start, end, kind) of the term before
        for t in f.terms:
            if t.start in f.used_terms:
                continue
            kind = _term_kind(doc, t, f.cues, _range_of(tk, last, t.start, t.end))
            last = (t.start, t.end, kind if kind is not None and not f.not_imposed(t.start) else None)
            if last[2] is None:
                continue
            text, start, end = span_text(doc, t.start, t.end), tk.idx[t.start], tk.end[t.end - 1]
            for values in _term_values(doc, t.start, t.end, t.label):
                item = Sentence(text=text, start=start, end=end, rule=t.rule, penalty=kind)
                item.years, item.months, item.days = values["years"], values["months"], values["days"]
                out.append(item)
        return out


def _range_of(tk, last: Optional[tuple[int, int, Optional[str]]], start: int, end: int) -> Optional[str]:
    """The kind of the penalty that the term at tokens start..end-1 ends a range or a list
    with: the term before it, if "to" is all that stands between them ("1 year and 2 months
    to 5 years", "between 18 months and four years"), or "and" ("terms of 10 years and 7
    years"), or a comma where the list goes on after it ("10 years, 7 years and 5 years"; not
    "10 years, 3 years of which he served"). _term_kind takes it where nothing else tells."""
    if last is None or last[2] is None or start - last[1] > 4:  # (two words between, and white space)
        return None
    gap = [tk.lower[k] for k in range(last[1], start) if not tk.is_space[k]]
    if gap == [","]:
        k = end
        while k < tk.n and tk.is_space[k]:
            k += 1
        return last[2] if k < tk.n and tk.lower[k] in (",", "and") else None
    return last[2] if gap in (["to"], ["and"], [",", "and"]) else None


_COMMUTATION = re.compile(r"commut|parole", re.I)


def _without_commutation(doc: Doc, found: list[Sentence]) -> list[Sentence]:
    """Where a report gives death with a reprieve, "will serve life in prison without the
    possibility of commutation or parole" tells what the reprieve becomes: part of that
    sentence, not a life sentence of its own (a reprieve is a Chinese court's penalty; a US
    life term without parole comes with none)."""
    if not any(s.penalty == "death_with_reprieve" for s in found):
        return found
    text = doc_text(doc)
    return [s for s in found if not (s.penalty == "life_imprisonment" and _COMMUTATION.search(
        text, sent_at_char(doc, s.start).start_char, sent_at_char(doc, s.start).end_char))]
