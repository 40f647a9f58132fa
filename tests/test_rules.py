"""Rules are data: every pattern file loads, validates in spaCy's Matcher, and has unique ids."""

import pytest
import spacy

from mssnews.rules import RuleError, RuleMatcher, load_patterns

FILES = ["money", "sentences", "document_counts", "dates", "people"]


@pytest.mark.parametrize("name", FILES)
def test_pattern_file_is_valid(name):
    pats = load_patterns(name)
    assert pats
    assert len({p["id"] for p in pats}) == len(pats)
    RuleMatcher(spacy.blank("en").vocab, name)  # validate=True raises on a bad attribute


def test_factories_are_registered_entry_points():
    from importlib.metadata import entry_points
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"mssnews_people", "mssnews_money", "mssnews_penalties", "mssnews_documents",
            "mssnews_dates", "mssnews_linker", "mssnews_sentences"} <= names


def test_components_in_a_users_pipeline():
    import mssnews.pipeline  # noqa: F401 - registers the factories
    nlp = spacy.blank("en")
    for name in mssnews.pipeline.COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp("Zhou Min was fined 9,000 yuan.")
    assert [m.amount for m in doc._.mssnews["money"]] == [9000]
    assert doc._.mssnews["sentences"][0].person == "Zhou Min"


def test_bad_pattern_is_reported(monkeypatch):
    import mssnews.rules as rules
    monkeypatch.setattr(rules, "load_patterns", lambda name: ({"label": "X", "id": "x", "pattern": [{"NOPE": 1}]},))
    with pytest.raises(RuleError, match="pattern 'x'"):
        rules.RuleMatcher(spacy.blank("en").vocab, "whatever")
