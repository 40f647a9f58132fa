"""Context, ConText style (medspaCy's ConTextRule): the phrases that change what the facts near
them mean, as data in `rules/context.jsonl`. A `CONTEXT` rule's attributes say what it marks
(`category`: requested, possible_maximum, statutory_range, hypothetical, becomes,
someone_else: "his wife", "two others" as the subject of a clause, and unnamed_subject:
"Another defendant ...", "Four former soldiers ... were" opening a sentence), which way
it reaches (`direction`: forward, the tokens after it), how far (`max_scope`: tokens) and what
ends its reach (`terminated_by`: "clause", the end of its clause, or "sentence"), and
whether it counts only as a sentence's first word (`sentence_start`: "May" the modal verb); a
`TERMINATE` rule is a token that ends a clause (";", "while", "whereas", "but"); a `STATUS`
rule is a cue of what became of a charge (`status`: convicted, pleaded_guilty, charged,
acquitted, or hypothetical: "if convicted", "shall", "warned"), whose scope is its whole
sentence both ways (`"direction": "both", "max_scope": "sentence"`): the charges recognizer
reads the cues themselves, kept under "status" in the scopes.

The component `mssnews_context` keeps each category's scopes with the doc's facts
(`doc._.mssnews["context"]`: category -> [(start token, end token, rule id), ...]); the
penalties recognizer asks whether a penalty's first token lies in the scope of a category that
means "not imposed" ("faces up to 10 years", "prosecutors sought 12 years", "punishable by"); the
linker, whether a fact lies in the scope of someone_else ("X was jailed for 16 years; his wife
was jailed for 3 years": the 3 years are not X's) or of unnamed_subject (a fact of "another
defendant" is not the last person's named)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Optional

from spacy.tokens import Doc

from mssnews.facts.models import STATUSES
from mssnews.rules.loader import RuleError, load_patterns
from mssnews.rules.matcher import RuleMatcher
from mssnews.text import sentences

CATEGORIES = ("requested", "possible_maximum", "statutory_range", "hypothetical", "becomes", "someone_else",
              "unnamed_subject")
DIRECTIONS = ("forward",)
TERMINATIONS = ("clause", "sentence")
NOT_IMPOSED = CATEGORIES[:5]  # a penalty in the scope of one of them was not imposed
SOMEONE_ELSE = ("someone_else",)  # "his wife", "three others": a fact in its scope is not of the person named before
# A sentence whose subject is someone not named ("Another defendant was ...") or a number of people
# ("Four former soldiers ... were"): a fact in its scope, with no one named before it, is no one's.
UNNAMED_SUBJECT = ("unnamed_subject",)

Scopes = dict[str, list[tuple[int, int, str]]]  # category -> (start, end, rule) token scopes, in order
STATUS = "status"  # the key of the STATUS cues in the scopes: (start, end, rule) of each cue itself
CUE_STATUSES = (*STATUSES, "hypothetical")  # what a STATUS cue says: a charge's status, or that none is real


def _check(rec: dict) -> tuple[str, int, str, bool]:
    """(category, max_scope, terminated_by, sentence_start) of a CONTEXT rule, or a RuleError
    naming it."""
    a = rec.get("attributes") or {}
    where = f"context.jsonl: rule {rec['id']!r}"
    unknown = set(a) - {"category", "direction", "max_scope", "terminated_by", "sentence_start"}
    if unknown:
        raise RuleError(f"{where}: unknown attribute {', '.join(sorted(unknown))}")
    if a.get("category") not in CATEGORIES:
        raise RuleError(f"{where}: category {a.get('category')!r} is not one of {', '.join(CATEGORIES)}")
    if a.get("direction", "forward") not in DIRECTIONS:
        raise RuleError(f"{where}: direction {a.get('direction')!r} is not one of {', '.join(DIRECTIONS)}")
    scope = a.get("max_scope", 80)
    if not isinstance(scope, int) or isinstance(scope, bool) or scope < 1:
        raise RuleError(f"{where}: max_scope must be a whole number of tokens, at least 1")
    ends = a.get("terminated_by", "clause")
    if ends not in TERMINATIONS:
        raise RuleError(f"{where}: terminated_by {ends!r} is not one of {', '.join(TERMINATIONS)}")
    first = a.get("sentence_start", False)
    if not isinstance(first, bool):
        raise RuleError(f"{where}: sentence_start must be true or false")
    return a["category"], scope, ends, first


def _check_status(rec: dict) -> str:
    """The status of a STATUS rule, or a RuleError naming it."""
    a = rec.get("attributes") or {}
    where = f"context.jsonl: rule {rec['id']!r}"
    unknown = set(a) - {"status", "direction", "max_scope"}
    if unknown:
        raise RuleError(f"{where}: unknown attribute {', '.join(sorted(unknown))}")
    if a.get("status") not in CUE_STATUSES:
        raise RuleError(f"{where}: status {a.get('status')!r} is not one of {', '.join(CUE_STATUSES)}")
    if a.get("direction", "both") != "both" or a.get("max_scope", "sentence") != "sentence":
        raise RuleError(f"{where}: a status cue reaches over its sentence both ways "
                        "(direction \"both\", max_scope \"sentence\")")
    return a["status"]


def status_rules(name: str = "context") -> dict[str, str]:
    """rule id -> status, of the STATUS rules of a context rule file (checked)."""
    return {rec["id"]: _check_status(rec) for rec in load_patterns(name) if rec["label"] == "STATUS"}


class ContextFinder:
    def __init__(self, vocab, name: str = "context"):
        self.matcher = RuleMatcher(vocab, name)
        self.meaning = {rec["id"]: _check(rec) for rec in load_patterns(name) if rec["label"] == "CONTEXT"}
        self.status_of = status_rules(name)

    def __call__(self, doc: Doc) -> Scopes:
        matches = self.matcher(doc, longest=False)
        breaks = [m.start for m in matches if m.label == "TERMINATE"]
        sents = sentences(doc)
        sent_ends = [s.end for s in sents]
        firsts = {s.start for s in sents}
        out: Scopes = {c: [] for c in CATEGORIES}
        out[STATUS] = [(m.start, m.end, m.rule) for m in matches if m.label == "STATUS"]
        for m in matches:
            if m.label != "CONTEXT":
                continue
            category, scope, ends, first = self.meaning[m.rule]
            if first and m.start not in firsts:
                continue  # ("May" mid-sentence is the month)
            end = min(m.end + scope, sent_ends[bisect_right(sent_ends, m.start)] if sent_ends else len(doc))
            if ends == "clause":
                k = bisect_left(breaks, m.end)
                if k < len(breaks):
                    end = min(end, breaks[k])
            if end > m.end:
                out[category].append((m.end, end, m.rule))
        for c in CATEGORIES:
            out[c].sort()
        return out


def in_scope(scopes: Scopes, i: int, categories: tuple[str, ...] = NOT_IMPOSED) -> Optional[str]:
    """The rule whose scope holds token i, of one of `categories` (None if none does)."""
    for c in categories:
        for a, b, rule in scopes.get(c, ()):
            if a > i:
                break
            if i < b:
                return rule
    return None
