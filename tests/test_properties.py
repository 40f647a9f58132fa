"""Property tests: any text at all gives a result whose offsets point into the text."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mssnews import analyze

WORDS = st.sampled_from([
    "Zhang", "Li Ming", "surnamed", "Huang", "was", "sentenced", "to", "14", "years", "in", "prison",
    "fined", "40,000", "yuan", "($6,300)", "NT$1.7", "million", "HK$", "death", "with", "a",
    "two-year", "reprieve", "deprived", "of", "political", "rights", "for", "life", "5,200",
    "documents", "including", "59", "classified", "as", "top", "secret", ",", ".", "\n", "He",
    "the", "Huangs", "respectively", "and", "Published:", "Sep", "04,", "2025", "By", "CUI", "JIA",
    "(", ")", "\"", "“", "”", "-", "confiscated", "property", "all", "his", "nearly", "400", "photos",
    "Ex-soldier", "Vice-Premier", "Hsieh", "Chia-kang", "named", "Jun", "others", "forfeit", "1.2bn",
])
TEXT = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))


def _check(text):
    from mssnews.runs.batch import article_line, dumps

    a = analyze(text)
    d = a.to_dict()
    json.dumps(d)
    assert article_line(a) == dumps(d)  # (the JSON line is written from the objects)
    for key in ("money", "sentences", "document_counts", "dates"):
        for item in d[key]:
            assert 0 <= item["start"] <= item["end"] <= len(text)
            assert text[item["start"]:item["end"]] == item["text"]
    for p in d["people"]:
        for m in p["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for c in d["cases"]:
        for key in ("money", "sentences", "document_counts"):
            assert all(0 <= i < len(d[key]) for i in c[key])
    return d


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_gives_valid_offsets_and_the_same_result_twice(text):
    assert _check(text) == _check(text)
