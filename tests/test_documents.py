"""Document-count recognizer: text, expected (count, item, classification, qualifier, part_of)."""
import pytest

from conftest import span_of

CASES = [
    ("Zhang Lei stored 5,200 documents, including 59 classified as top secret, 848 as confidential, and 541 as sensitive.",
     [(5200, "documents", None, None, None), (59, "documents", "top secret", None, 0),
      (848, "documents", "confidential", None, 0), (541, "documents", "sensitive", None, 0)]),
    ("He sent nearly 400 military-related photos to the handler.",
     [(400, "photos", None, "nearly", None)]),
    ("She provided 100 pieces of intelligence.", [(100, "pieces of intelligence", None, None, None)]),
    ("He passed more than 5,500 files, including more than 1,800 confidential ones.",
     [(5500, "files", None, "more_than", None), (1800, "files", "confidential", "more_than", 0)]),
    ("Officers seized about a dozen classified files.", [(12, "files", "classified", "about", None)]),
    ("He handed over 1,200 pages of classified documents.", [(1200, "pages of documents", "classified", None, None)]),
    ("He had sold at least eight documents, four of which were classified as secret.",
     [(8, "documents", None, "at_least", None), (4, "documents", "secret", None, 0)]),
    ("She copied 300 files, 12 of them marked top secret.",
     [(300, "files", None, None, None), (12, "files", "top secret", None, 0)]),
    ("The officer leaked 1,200 classified files, including 17 top-secret ones, to the handler.",
     [(1200, "files", "classified", None, None), (17, "files", "top secret", None, 0)]),
    ("In total, she passed along 20 documents marked secret, and 12 photos classified as top-secret.",
     [(20, "documents", "secret", None, None), (12, "photos", "top secret", None, None)]),
    ("He copied 50 files, classified them and left.", [(50, "files", None, None, None)]),
    ("He kept 90 documents, 6 of them top-secret. Police found 40 top-secret photos.",
     [(90, "documents", None, None, None), (6, "documents", "top secret", None, 0), (40, "photos", "top secret", None, None)]),
]
NOT_COUNTS = [
    "He took hundreds of photos of the carrier.",
    "The commission handled 364,000 items of evidence and 138,000 cases.",
    "She sold 80 military microprocessors.",
    "More than 52,812 runners finished the race in 2018.",
]


@pytest.mark.parametrize("text,expected", CASES)
def test_counts(run, text, expected):
    got = run(text).document_counts
    assert [(c.count, c.item, c.classification, c.qualifier, c.part_of) for c in got] == expected
    for c in got:
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_not_counts(run, text):
    assert run(text).document_counts == []


def test_count_offsets_and_person(run):
    text = "Zhang Lei stored 5,200 documents, including 59 classified as top secret."
    c = run(text).document_counts
    assert (c[0].start, c[0].end) == span_of(text, "5,200 documents")
    assert (c[1].start, c[1].end) == span_of(text, "59 classified as top secret")
    assert [x.person for x in c] == ["Zhang Lei", "Zhang Lei"]
    assert c[1].rule == "count-level-in-list"


@pytest.mark.parametrize("text, expected", [
    ('He kept 292 "confidential", 90 "top secret" and 1,674 "secret" files.',
     [(292, "files", "confidential", None), (90, "files", "top secret", None), (1674, "files", "secret", None)]),
    ("She hid 12 confidential, 4 top secret and 30 secret reports.",
     [(12, "reports", "confidential", None), (4, "reports", "top secret", None), (30, "reports", "secret", None)]),
    ("Of the 184 classified documents recovered, 92 were marked secret.",
     [(184, "documents", "classified", None), (92, "documents", "secret", 0)]),
    ("Of the 40 files seized, 7 were classified as top secret.",
     [(40, "files", None, None), (7, "files", "top secret", 0)]),
    ("He copied 300 Top Secret documents.", [(300, "documents", "top secret", None)]),
    ("He passed on 900 materials, including 90 top State secrets.",
     [(900, "materials", None, None), (90, "secrets", "secret", 0)]),
])
def test_levels_in_lists_and_breakdowns(text, expected):
    from mssnews import analyze
    got = analyze(text).document_counts
    assert [(c.count, c.item, c.classification, c.part_of) for c in got] == expected
    assert got[0].start == text.index(str(expected[0][0]) if expected[0][0] < 1000 else f"{expected[0][0]:,}")


@pytest.mark.parametrize("text, expected", [
    ("Of the 184 files found, 92 were labeled secret and another 67 were confidential.",
     [(184, None, None), (92, "secret", 0), (67, "confidential", 0)]),
    ("Of 50 files, 20 were secret and 30 were confidential.", [(50, None, None), (20, "secret", 0),
                                                                (30, "confidential", 0)]),
    ("He kept 300 documents; 12 were top secret.", [(300, None, None), (12, "top secret", 0)]),
])
def test_a_level_after_were_breaks_down_a_total(text, expected):
    from mssnews import analyze
    assert [(c.count, c.classification, c.part_of) for c in analyze(text).document_counts] == expected


@pytest.mark.parametrize("text, person", [
    ("Judge Ann Cole heard the case of Tom Reed. Agents found 184 classified documents at the house.", "Tom Reed"),
    ("Photo by Kim Lee/Reuters\nOfficials said 300 files were seized. Wu Bin denied it.", "Wu Bin"),
    ("Zhou Ping was arrested. Investigators later recovered 59 secret documents from a flat.", "Zhou Ping"),
])
def test_counts_in_a_report_about_one_person_are_theirs(text, person):
    from mssnews import analyze
    assert [c.person for c in analyze(text).document_counts] == [person]


def test_counts_stay_unlinked_when_two_people_are_named():
    from mssnews import analyze
    text = "Tom Reed and Ada Lin were charged. Agents found 184 classified documents at a house."
    assert [c.person for c in analyze(text).document_counts] == [None]


@pytest.mark.parametrize("attributes, message", [
    ({"part": "of_page"}, "part 'of_page' is not one of of_total, of_list"),
    ({"item": "noun"}, "item 'noun' is not one of unit_of"),
    ({"level": "secret"}, "unknown attribute level"),
])
def test_a_count_rule_with_a_bad_attribute_is_refused(monkeypatch, attributes, message):
    import spacy

    from mssnews.recognizers import document_counts
    from mssnews.rules import loader
    from mssnews.rules.loader import RuleError

    recs = ({"label": "COUNT", "id": "mine", "pattern": [{"LIKE_NUM": True}, {"LOWER": "files"}], "attributes": attributes},)
    monkeypatch.setattr(loader, "load_patterns", lambda name: recs)
    monkeypatch.setattr(document_counts, "load_patterns", lambda name: recs)
    with pytest.raises(RuleError, match=f"document_counts.jsonl: rule 'mine': {message}"):
        document_counts.DocumentCountFinder(spacy.blank("en").vocab)


@pytest.mark.parametrize("text, expected", [
    # the level written after the noun: "of classified material", "marked "secret""
    ("He copied more than 1,000 pages of classified material onto a drive.", [(1000, "pages", "classified", None)]),
    ('She took photos of 17 documents marked "secret".', [(17, "documents", "secret", None)]),
    ('He kept 12 files classified as "top secret".', [(12, "files", "top secret", None)]),
    # "ones" after a level takes the noun of the count before it
    ("He handed over 8 top-secret documents and 20 confidential ones.",
     [(8, "documents", "top secret", None), (20, "documents", "confidential", None)]),
    ("He leaked 12 secret files, 3 of them top secret, and 4 classified ones.",
     [(12, "files", "secret", None), (3, "files", "top secret", 0), (4, "files", "classified", 0)]),
    ("He sold 3 cars and 2 old ones.", []),
])
def test_levels_after_the_noun_and_ones(run, text, expected):
    assert [(c.count, c.item, c.classification, c.part_of) for c in run(text).document_counts] == expected
