"""The context recognizer (recognizers/context.py, rules/context.jsonl), built alone, and what
its scopes do to penalties."""
import pytest
import spacy

from mssnews.recognizers.context import STATUS, ContextFinder, in_scope
from mssnews.rules.loader import RuleError


@pytest.fixture(scope="module")
def nlp():
    from mssnews.tokenizer import TOKENIZER

    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.add_pipe("mssnews_boundaries")
    return nlp


def _scopes(nlp, text):
    doc = nlp(text)
    found = ContextFinder(nlp.vocab)(doc)
    return {c: [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), rule) for a, b, rule in spans]
            for c, spans in found.items() if spans and c != STATUS}


@pytest.mark.parametrize("text, expected", [
    # a modifier reaches forward to the end of its clause (the mark that ends it included) ...
    ("He faces up to 10 years in prison.", {"possible_maximum": [(9, 34, "context-faces"), (15, 34, "context-up-to")]}),
    # ... and no further than a clause break
    ("Prosecutors sought 12 years; the court gave him 9.", {"requested": [(19, 27, "context-sought")]}),
    ("The law punishes it with no less than ten years, but he got three.",
     {"statutory_range": [(38, 48, "context-no-less-than")]}),
    # ... or the end of its sentence
    ("If convicted, he would be jailed. He got five years.",
     {"hypothetical": [(12, 33, "context-if-convicted"), (23, 33, "context-would")]}),
    # "May" mid-sentence is the month; "may" and a sentence's first "May" are the modal verb
    ("On May 3 he was jailed for five years.", {}),
    ("He may be jailed for five years.", {"possible_maximum": [(7, 32, "context-may")]}),
    ("May he be jailed for five years?", {"possible_maximum": [(4, 32, "context-may-sentence-start")]}),
    # someone else as the subject of a clause, to the end of that clause
    ("Ma Lin got 9 years; his son-in-law got 2 years.", {"someone_else": [(27, 47, "context-his-relative")]}),
    ("Ma Lin got 9 years, and 12 others were fined.", {"someone_else": [(34, 45, "context-number-others")]}),
    ("Ma Lin got 9 years while her husband was freed.", {"someone_else": [(37, 47, "context-his-relative")]}),
    ("Ma Lin got 9 years; three other men were fined.", {"someone_else": [(36, 47, "context-n-other-people")]}),
    # a sentence opened by someone not named, or by a number of people, to the sentence's end
    ("Another former official was sentenced to 5 years.",
     {"unnamed_subject": [(24, 49, "context-another-person")]}),
    ("A second suspect was fined 20,000 yuan.", {"unnamed_subject": [(17, 39, "context-a-second-person")]}),
    ("The other defendant got three years.", {"unnamed_subject": [(20, 36, "context-the-other-person")]}),
    ("Three former soldiers were jailed for 4 years.",
     {"unnamed_subject": [(27, 46, "context-numbered-group-were")]}),
    ("The two men, both engineers, have been sentenced to 6 years.",
     {"unnamed_subject": [(39, 60, "context-numbered-group-have-been")]}),
    # ... only as its first words, and only of people
    ("Lin Hao said another defendant got 3 years.", {}),
    ("Another report said he got 3 years.", {}),
    # what a penalty may become reaches only the three tokens after "to"
    ("Death was commuted to life imprisonment, and a fine of 5 yuan stood.",
     {"becomes": [(22, 40, "context-becomes")]}),
])
def test_context_scopes(nlp, text, expected):
    assert _scopes(nlp, text) == expected


@pytest.mark.parametrize("text, penalties", [
    ("Lu Wei faces up to 10 years in prison.", []),
    ("Prosecutors sought 12 years for Lu Wei; the court sentenced him to 9 years.", [("imprisonment", 9)]),
    ("On May 3 Lu Wei was sentenced to 5 years.", [("imprisonment", 5)]),
    ("Lu Wei may be sentenced to 5 years.", []),
    ("Lu Wei, whose death sentence was commuted to 20 years, was fined 5,000 yuan.", [("death", None), ("fine", None)]),
])
def test_a_penalty_in_the_scope_of_context_was_not_imposed(run, text, penalties):
    assert [(s.penalty, s.years) for s in run(text).sentences] == penalties


def test_in_scope_names_the_rule():
    scopes = {"requested": [(3, 8, "context-sought")], "becomes": []}
    assert in_scope(scopes, 3) == "context-sought" and in_scope(scopes, 7) == "context-sought"
    assert in_scope(scopes, 8) is None and in_scope(scopes, 2) is None


@pytest.mark.parametrize("label, attributes, message", [
    ("CONTEXT", {"category": "maybe"}, "category 'maybe' is not one of"),
    ("CONTEXT", {"category": "requested", "max_scope": 0}, "max_scope must be a whole number"),
    ("CONTEXT", {"category": "requested", "direction": "backward"}, "direction 'backward' is not one of"),
    ("CONTEXT", {"category": "requested", "terminated_by": "page"}, "terminated_by 'page' is not one of"),
    ("CONTEXT", {"category": "requested", "scope": 3}, "unknown attribute scope"),
    ("CONTEXT", {"category": "requested", "sentence_start": "yes"}, "sentence_start must be true or false"),
    ("STATUS", {"status": "maybe"}, "status 'maybe' is not one of convicted, pleaded_guilty, charged, acquitted, hypothetical"),
    ("STATUS", {"status": "charged", "direction": "forward"}, "a status cue reaches over its sentence both ways"),
    ("STATUS", {"status": "charged", "max_scope": 5}, "a status cue reaches over its sentence both ways"),
    ("STATUS", {"status": "charged", "category": "requested"}, "unknown attribute category"),
])
def test_a_bad_context_or_status_rule_is_refused_with_its_id(monkeypatch, label, attributes, message):
    import mssnews.recognizers.context as context
    import mssnews.rules.loader as loader

    recs = ({"label": label, "id": "mine", "pattern": [{"LOWER": "sought"}], "attributes": attributes},)
    monkeypatch.setattr(loader, "load_patterns", lambda name: recs)
    monkeypatch.setattr(context, "load_patterns", lambda name: recs)
    with pytest.raises(RuleError, match=f"rule 'mine': {message}"):
        ContextFinder(spacy.blank("en").vocab)


def test_a_pipeline_without_the_context_component_still_reads_context():
    nlp = spacy.blank("en")
    for name in ("mssnews_boundaries", "mssnews_people", "mssnews_money", "mssnews_penalties", "mssnews_linker"):
        nlp.add_pipe(name)
    doc = nlp("Lu Wei faces up to 10 years. Lu Wei was sentenced to 5 years; his wife got 2 years.")
    assert [(s.text, s.person) for s in doc._.mssnews["sentences"]] == [("5 years", "Lu Wei"), ("2 years", None)]


@pytest.mark.parametrize("text, cues", [
    ("Wang was convicted of espionage.", [(9, 18, "status-sentenced")]),
    ("Li pleaded guilty to fraud.", [(3, 17, "status-pleaded-guilty")]),
    ("Chen was acquitted of bribery.", [(9, 18, "status-acquitted")]),
    # every cue, overlapping ones too (the charges recognizer settles overlaps)
    ("If convicted, she could face 10 years.", [(0, 12, "hypothetical-if"), (3, 12, "status-sentenced"),
                                                 (18, 28, "hypothetical-if"), (18, 23, "hypothetical-willing"),
                                                 (24, 28, "status-charged")]),
    ("The weather was fine.", []),
])
def test_status_cues_are_kept_as_they_stand(nlp, text, cues):
    doc = nlp(text)
    found = ContextFinder(nlp.vocab)(doc)[STATUS]
    assert [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), rule) for a, b, rule in found] == cues


@pytest.mark.parametrize("text, charges", [
    ("Wang was convicted of espionage.", [("espionage", "convicted", 22)]),
    ("Chen was acquitted of bribery.", [("bribery", "acquitted", 22)]),
    ("Prosecutors charged Gao with treason.", [("treason", "charged", 29)]),
    ("If convicted of espionage, she could face 10 years.", []),  # a hypothetical cue nearest before it
])
def test_the_charges_recognizer_alone_finds_its_status_cues_itself(nlp, text, charges):
    from mssnews.recognizers.charges import ChargeFinder

    found, _spans = ChargeFinder(nlp.vocab)(nlp(text), [])  # (no context scopes given)
    assert [(c.offence, c.status, c.start) for c in found] == charges
