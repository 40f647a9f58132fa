"""What makes a term a penalty, and of which kind: the phrases around a term (prison, suspended,
detention, probation). What means a penalty was not imposed (requested, could face, up to) is
context, in rules/context.jsonl (recognizers/context.py). Used by recognizers/sentences.py."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from mssnews.rules.loader import RuleError, load_patterns
from mssnews.rules.matcher import Match
from mssnews.text import HYPHENS, Tokens, sent_of, tokens

# What a rule of rules/sentences.jsonl may say of its matches, and of what type: a reprieve's
# years where none is written, an explanation, and these flags: `sum_before` (a fine's sum may
# stand right before the cue: "a 3 million yuan fine"), `names_property` (the cue itself says
# what is taken: "deprived him of all his property"), `after_for` (a life sentence though "for"
# stands before it: "imprisonment for life"), `yields_to_life_phrase` ("sentenced Li to life"
# counts only where no life phrase of its own stands: "... to life imprisonment").
SENTENCE_ATTRIBUTES = {"reprieve_years": (int, float), "why": str, "sum_before": bool, "names_property": bool,
                       "after_for": bool, "yields_to_life_phrase": bool}


@lru_cache(maxsize=None)
def sentence_rules() -> dict[str, dict]:
    """rule id -> attributes, of every rule of rules/sentences.jsonl, checked (a RuleError
    names the rule and the attribute)."""
    out = {}
    for rec in load_patterns("sentences"):
        where = f"sentences.jsonl: rule {rec['id']!r}"
        for key, value in (rec.get("attributes") or {}).items():
            kind = SENTENCE_ATTRIBUTES.get(key)
            if kind is None:
                raise RuleError(f"{where}: unknown attribute {key}")
            if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
                raise RuleError(f"{where}: {key} must be {'true or false' if kind is bool else 'a number' if kind != str else 'a text'}")
        out[rec["id"]] = rec.get("attributes") or {}
    return out


@lru_cache(maxsize=None)
def flagged(flag: str) -> frozenset[str]:
    """The ids of the sentence rules whose attributes set `flag` (asked for each match: kept)."""
    return frozenset(rule for rule, a in sentence_rules().items() if a.get(flag) is True)


_PRISON_AFTER = ("in prison", "in jail", "imprisonment", "of imprisonment", "prison", "jail",
                 "behind bars", "sentence", "prison sentence", "jail sentence", "jail term",
                 "prison term", "in a labor camp", "in a labour camp", "in custody", "term",
                 "of incarceration", "incarceration", "in federal prison", "of hard labour", "of hard labor",
                 "hard labour", "hard labor", "in a penal colony", "in a corrective labour colony")


# One of _PRISON_AFTER, then a space or the end.
_PRISON_AFTER_RX = re.compile("(?:%s)(?= |\\Z)" % "|".join(map(re.escape, _PRISON_AFTER)))
_PRISON_BEFORE = ("sentenced to", "jailed for", "imprisoned for", "sentence of", "term of",
                  "imprisonment of", "imprisonment for", "sentences of", "jail for", "prison for",
                  "terms of", "sentenced him to", "sentenced her to", "sentenced them to", "received",
                  "given", "handed", "serve", "serving", "got", "gets", "receives", "ranging from",
                  "ranged from", "range from", "sentences from")


_RIGHTS_LIFE = re.compile(r"\b(?:for life|for the rest of (?:his|her|their) li(?:fe|ves)|permanently|lifelong|life-long|long-lasting|lifetime)\b")
_PROPERTY = re.compile(r"\b(property|properties|assets|proceeds|possessions|estate|belongings|gains|funds|money|profits)\b")
_ALL = re.compile(r"\ball\b")
_DETENTION_AFTER = re.compile(r"^(?:of |in )?(?:administrative |criminal )?detention\b")
_DETENTION_BEFORE = re.compile(r"(?:detained|detention) (?:for|of)$")
_NOT_A_TERM_AFTER = re.compile(r"^(?:old|older|younger|ago|later|earlier|after|before|of age|of (?:military )?service)\b")
# A term of supervision after prison is no prison term, whatever verb comes before it ("serve three
# years of supervised release"; US federal courts); nor are hours of community service.
_SUPERVISION_AFTER = re.compile(r"^(?:of )?(?:supervised release|post-release supervision|court supervision|"
                                r"community service|unpaid work)\b")
# (Probation alone, "three years of probation", "three years' probation", is a suspended sentence
# too; "the two-year probation" of a reprieve is not: see _term_kind.)
_SUSPENDED_AFTER = re.compile(r"\bsuspended (?:(?:jail |prison )?sentence|for|on probation)\b|^(?:in prison |of imprisonment )?on probation\b"
                              r"|^of (?:supervised )?probation\b"
                              r"|, (?:(?:wholly|fully) )?suspended(?= [.;,]| and\b|$)")  # "three years, suspended."
_OF_PROBATION = "of probation"
_SUSPENDED_BEFORE = re.compile(r"suspended(?: prison| jail)? sentences? of$")
_TERM_WORD = re.compile(r"\b(?:term|terms|sentence|sentences|penalty|it|jail|prison)\b")
_SUSPENDED_FOR = re.compile(r"suspended for$")
# "three years in prison, with a four-year reprieve": a reprieve of a prison term is probation
# (a suspended sentence) in the English of Chinese courts.
_REPRIEVE_AFTER = re.compile(r"(?:(?:in |of )?(?:prison|jail|imprisonment) )?,? ?with an? (?:[\w-]+ ){0,4}(?:reprieve|probation)\b")
_SERVED_BEFORE = re.compile(r"\b(?:after|spent|spending|following)$")
_GAPPED_VERB = re.compile(r"\b(?:sentenced\b.*\bto|(?:jailed|imprisoned)\b.*\bfor|"
                          r"(?:reduced|raised|increased|cut|lowered|extended)\b.*\bto)$")  # (see _gapped)


_JAILED_SOMEONE_FOR = re.compile(r"\b(?:jailed|imprisoned)\b(?: [\w.-]+){1,6} for$")
_PROBATION = re.compile(r"\b(?:probation|reprieve)\b")
_SENTENCED_TO = re.compile(r"\bsentenced\b.*\bto$")
# "reduced Sun's prison term to two years", "the court raised it to nine years": a term changed
# on appeal is a penalty too.
_CHANGED_TO = re.compile(r"\b(?:reduced|reducing|reduces|raised|raising|increased|increasing|cut|cutting|lowered|"
                         r"lowering|extended|extending|upped|changed|amended|shortened|lengthened)\b.*\bto$")


# "reduced his term from 15 years to 12", "cut to 12 years from 15 years": the term it was before
# the appeal is a penalty too (the first-instance sentence).
_CHANGED_FROM = re.compile(r"\b(?:reduced|reducing|reduces|cut|cutting|lowered|lowering|raised|raising|increased|"
                           r"increasing|extended|extending|shortened|lengthened)\b(?: [\w'’-]+){0,8} from$")


# Words of a qualifier between a verb and its term ("sentenced to nearly five years").
_QUALIFIER_WORDS = frozenset(("nearly", "almost", "about", "around", "approximately", "roughly", "some", "over",
                              "than", "under", "least", "of", "combined"))


_QUALIFIER_END = re.compile(r"(?: (?:nearly|almost|about|around|approximately|roughly|some|over|more than|less than|"
                            r"just over|just under|at least|a total of|a combined))+$")


_SENTENCED = re.compile(r"\bsentenced\b")
_LIST_END = re.compile(r"\b(?:and|or|,)$")
_LIFE_BEFORE_RIGHTS = re.compile(r"(?:lifelong|life-long|long-lasting|lifetime|permanent)\s+(?:deprivation|removal)")
def _breaks_between(tk: Tokens, a: int, b: int) -> bool:
    """A sentence or clause mark between tokens a and b (a list's commas are not)."""
    return any(tk.text[k] in (".", ";", ":") for k in range(a, b))


def _gapped(tk: Tokens, lo: int, start: int) -> bool:
    """Is the term at token `start` the second of a list that leaves out the verb: ", and Fu
    Gang to seven years", "and his wife Lin Mei for three years", "; Fu Gang to seven years"
    (a capitalised name after ",", "and" or ";", then "to" or "for")? `lo`: the sentence start."""
    text = tk.text
    k = start - 1
    if k - 1 <= lo or tk.lower[k] not in ("to", "for"):
        return False

    def name_part(j: int) -> bool:  # "Chiu", "-", and "hsiung" of "Chiu Wen-hsiung"
        return text[j][:1].isupper() or text[j] in HYPHENS or (j > lo and text[j - 1] in HYPHENS)

    if text[k - 1] in ("'s", "’s") and k - 2 > lo:
        k -= 1  # "and Wang's to one year"
    if not text[k - 1][:1].isupper() and not (k - 2 > lo and text[k - 2] in HYPHENS):
        return False
    j = k - 1
    while j - 1 > lo and name_part(j - 1):
        j -= 1
    if j - 3 > lo and tk.lower[j - 2] in ("his", "her", "their"):
        j -= 2  # "and his wife Lin Mei for three years"
    return tk.lower[j - 1] in (",", "and", ";")


def _changed_on_appeal(before: str) -> bool:
    """Do the words before a term make it a term an appeal changed, or the one it changed
    ("reduced Lin Hai's term from 15 years to", "raised it to")?"""
    return (_CHANGED_TO.search(before) is not None and _TERM_WORD.search(before) is not None) \
        or _CHANGED_FROM.search(before) is not None


def _words(tk: Tokens, a: int, b: int) -> str:
    """The lower-case words of tokens a..b-1, white space left out."""
    return " ".join(tk.lower[k] for k in range(a, b) if not tk.is_space[k])


def _words_before(tk: Tokens, lo: int, start: int) -> tuple[str, str]:
    """(the eight words before the term at token `start`, the three right before it), a
    qualifier ("nearly") and an appositive ("Ma, a former employee of ..., to") left out."""
    if start > 0 and tk.lower[start - 1] in _QUALIFIER_WORDS:  # "sentenced to nearly five years"
        before = _QUALIFIER_END.sub("", _words(tk, max(lo, start - 8), start))
        return before, " ".join(_QUALIFIER_END.sub("", _words(tk, max(lo, start - 6), start)).split()[-3:])
    before = _words(tk, max(lo, start - 8), start)
    appositive = _appositive_before_to(tk, lo, start)
    if appositive is not None:  # "sentenced Ma, a former employee of a defense institute, to 10 years"
        before = _words(tk, max(lo, appositive - 8), appositive) + " to"
    return before, _words(tk, max(lo, start - 3), start)


def _appositive_before_to(tk: Tokens, lo: int, start: int) -> Optional[int]:
    """Where the appositive ends that stands between a verb's object and "to" right before the
    term at token `start` ("sentenced Ma, a former employee of ..., to"): the token of its
    opening comma, or None."""
    k = start - 1
    if k - 2 <= lo or tk.lower[k] != "to" or tk.text[k - 1] != ",":
        return None
    for j in range(k - 2, max(lo, k - 24), -1):
        if tk.text[j] in (".", ";", ":"):
            return None
        if tk.text[j] == ",":
            return j
    return None


def _term_kind(doc: Doc, t: Match, cues, range_of: Optional[str] = None) -> Optional[str]:
    """The kind of penalty the term `t` is, or None for none; `range_of`: the kind of the term
    this one ends a range with ("from one year and two months to five years", "between 18
    months and four years"), which it takes where nothing else tells its kind."""
    sent = sent_of(doc, t.start)
    tk = tokens(doc)

    def words(a: int, b: int) -> str:
        return _words(tk, a, b)

    before, imm_before = _words_before(tk, sent.start, t.start)
    after = words(t.end, min(sent.end, t.end + 4))
    if after[:1] in ("'", "’"):
        after = after.lstrip("'’ ")  # ("15 years' imprisonment")
        if after.startswith("probation"):
            after = f"{_OF_PROBATION} {after[len('probation'):]}".strip()  # ("three years' probation")
    if imm_before.endswith(" between"):  # "sentenced to between three and 11 years", "jailed for between 18 months and"
        before, imm_before = before.removesuffix(" between"), words(max(sent.start, t.start - 4), t.start - 1)
    if _SERVED_BEFORE.search(imm_before) or _SUPERVISION_AFTER.match(after):
        return None  # time served, not a penalty: "released after three years in detention"
    if _DETENTION_AFTER.match(after) or _DETENTION_BEFORE.search(imm_before):
        return "detention"
    # "jailed for 20 months after admitting ...", "jailed former banker Tian Ming for 11 years"
    jailed_for = imm_before.endswith(_PRISON_BEFORE) or _JAILED_SOMEONE_FOR.search(before) is not None
    if _NOT_A_TERM_AFTER.match(after) and not jailed_for:
        return None
    if _SUSPENDED_AFTER.search(after + " " + " ".join(tk.lower[t.end:min(sent.end, t.end + 8)])) \
            or _REPRIEVE_AFTER.match(words(t.end, min(sent.end, t.end + 10))) \
            or _SUSPENDED_BEFORE.search(imm_before):
        if not _SUSPENDED_FOR.search(imm_before):
            return "suspended_sentence"
        return None  # the probation period of a suspended sentence
    if (_PROBATION.search(imm_before) and not imm_before.endswith(" to")) or after.startswith(("reprieve", "probation")):
        return None
    prison_after = _PRISON_AFTER_RX.match(after) is not None
    prison_before = jailed_for or _SENTENCED_TO.search(before) is not None \
        or _changed_on_appeal(words(max(sent.start, t.start - 14), t.start))
    if prison_after or prison_before:
        return "imprisonment"
    # "X was sentenced to nine years, and Y to seven years": the verb is left out of the second.
    if _gapped(tk, sent.start, t.start) and _GAPPED_VERB.search(words(max(sent.start, t.start - 40), t.start)):
        return "imprisonment"
    # "sentenced to seven years and six years, respectively": the second of a list.
    if _SENTENCED.search(before) and _LIST_END.search(imm_before):
        return "imprisonment"
    return range_of
