"""Rules are data: every pattern file loads, validates in spaCy's Matcher, and has unique ids."""

import pytest
import spacy

from mssnews.rules.loader import RuleError, load_patterns
from mssnews.rules.matcher import RuleMatcher

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
            "mssnews_dates", "mssnews_linker", "mssnews_boundaries"} <= names
    # "sentences" means penalties only: the span group doc.spans["mssnews_sentences"], no component
    assert "mssnews_sentences" not in names


def test_components_in_a_users_pipeline():
    import mssnews.pipeline  # noqa: F401 - registers the factories
    nlp = spacy.blank("en")
    for name in mssnews.pipeline.COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp("Zhou Min was fined 9,000 yuan.")
    assert [m.amount for m in doc._.mssnews["money"]] == [9000]
    assert doc._.mssnews["sentences"][0].person == "Zhou Min"


def test_bad_pattern_is_reported(monkeypatch):
    import mssnews.rules.loader as rules
    monkeypatch.setattr(rules, "load_patterns", lambda name: ({"label": "X", "id": "x", "pattern": [{"NOPE": 1}]},))
    with pytest.raises(RuleError, match="pattern 'x'"):
        RuleMatcher(spacy.blank("en").vocab, "whatever")


# ---------------------------------------------------------------- the compiled matcher
# Our patterns run as regexes over per-token codes (rules/matcher.py: CompiledPatterns). They must find
# what spaCy's Matcher finds, keeping at each start the longest match of each pattern.

SENTENCES = [
    "Zhou Min, 52, was sentenced to 12 years and 6 months in prison and fined 300,000 yuan.",
    "The court deprived him of his political rights for five years and confiscated 2 million yuan.",
    "A man surnamed Huang was paid NT$4.2 million (US$129,000) and HK$ 80,000 in cash.",
    "He received death with a two-year reprieve on May 3, 2024, the Xinhua report said.",
    "Investigators found 5,200 documents, 59 of them top secret, and nearly 400 photos.",
    "Reporting by Tao Jian; editing by Lin Wei. Photo: Kao Ming, also known as Ah Ming.",
    "Sentenced to six to eight years, or to 3 and a half years, the two - year term began.",
]


def _spacy_longest_per_start(nlp, name, doc):
    """spaCy's Matcher over the same pattern file, longest match per (pattern, start)."""
    from spacy.matcher import Matcher

    m = Matcher(nlp.vocab)
    for rec in load_patterns(name):
        m.add(f"{rec['label']}|{rec['id']}", [rec["pattern"]])
    best = {}
    for key, s, e in m(doc):
        k = (nlp.vocab.strings[key], s)
        best[k] = max(best.get(k, 0), e)
    return sorted((s, e, key.split("|", 1)[1]) for (key, s), e in best.items())


@pytest.mark.parametrize("name", FILES)
def test_compiled_patterns_find_what_spacys_matcher_finds(name):
    nlp = spacy.blank("en")
    rm = RuleMatcher(nlp.vocab, name)
    for text in SENTENCES:
        doc = nlp(text)
        ours = sorted((m.start, m.end, m.rule) for m in rm(doc, longest=False))
        assert ours == _spacy_longest_per_start(nlp, name, doc), text


def _matcher_for(monkeypatch, patterns):
    import mssnews.rules.loader as rules
    recs = tuple({"label": "X", "id": f"p{k}", "pattern": p} for k, p in enumerate(patterns))
    monkeypatch.setattr(rules, "load_patterns", lambda name: recs)
    return RuleMatcher(spacy.blank("en").vocab, "whatever")


@pytest.mark.parametrize("pattern, text, expected", [
    # exact counts, open ranges, negation, NOT_IN, flags and a regex on the text
    ([{"LOWER": "a"}, {"IS_ALPHA": True, "OP": "{2}"}, {"LOWER": "c"}], "a b b c", [(0, 4)]),
    ([{"LOWER": "a"}, {"IS_ALPHA": True, "OP": "{2}"}, {"LOWER": "c"}], "a b c", []),
    ([{"LIKE_NUM": True, "OP": "{1,}"}, {"LOWER": "yuan"}], "paid 3 4 yuan", [(1, 4), (2, 4)]),
    ([{"LOWER": "x"}, {"LOWER": "y", "OP": "!"}], "x y x z", [(2, 4)]),
    ([{"LOWER": {"NOT_IN": ["the", "a"]}}, {"LOWER": "spy"}], "the spy a spy old spy", [(4, 6)]),
    ([{"TEXT": {"REGEX": "^[A-Z]{2,}$"}}, {"IS_PUNCT": True}], "By CUI JIA .", [(2, 4)]),
    ([{"LOWER": "fined", "OP": "+"}], "fined fined", [(0, 2), (1, 2)]),
])
def test_compiled_operators(monkeypatch, pattern, text, expected):
    rm = _matcher_for(monkeypatch, [pattern])
    doc = spacy.blank("en")(text)
    assert [(m.start, m.end) for m in rm(doc, longest=False)] == expected


def test_pattern_we_do_not_compile_runs_on_spacys_matcher(monkeypatch):
    rm = _matcher_for(monkeypatch, [[{"SHAPE": "dddd"}, {"LOWER": "documents"}]])
    assert rm.compiled.unsupported and rm.matcher is not None
    doc = spacy.blank("en")("Agents seized 1234 documents and 56 documents.")
    assert [(m.start, m.end, m.rule) for m in rm(doc)] == [(2, 4, "p0")]


def test_longest_match_wins_and_rule_ids_are_kept(monkeypatch):
    rm = _matcher_for(monkeypatch, [[{"LOWER": "life"}],
                                    [{"LOWER": "life"}, {"LOWER": "in"}, {"LOWER": "prison"}]])
    doc = spacy.blank("en")("He got life in prison.")
    assert [(m.start, m.end, m.rule) for m in rm(doc)] == [(2, 5, "p1")]


@pytest.mark.parametrize("patterns, text, expected", [
    # the longest wins over an earlier shorter one it overlaps ...
    ([[{"LOWER": "a"}, {"LOWER": "b"}], [{"LOWER": "b"}, {"LOWER": "c"}, {"LOWER": "d"}]], "a b c d", [(1, 4, "p1")]),
    # ... and of two as long, the earlier; what does not overlap stays
    ([[{"LOWER": "a"}, {"LOWER": "b"}], [{"LOWER": "b"}, {"LOWER": "c"}], [{"LOWER": "d"}]], "a b c d",
     [(0, 2, "p0"), (3, 4, "p2")]),
])
def test_overlaps_are_settled_by_the_registered_filter(monkeypatch, patterns, text, expected):
    rm = _matcher_for(monkeypatch, patterns)
    assert [(m.start, m.end, m.rule) for m in rm(spacy.blank("en")(text))] == expected


def test_the_overlap_filter_is_named_in_spacys_registry(monkeypatch):
    from spacy.util import registry

    from mssnews.rules.matcher import SPANS_FILTER, Match

    keep_all = "test.keep_all_spans.v1"
    registry.misc.register(keep_all, func=lambda: lambda found: found)
    assert registry.misc.get(SPANS_FILTER)()([Match("X", "a", 0, 2), Match("X", "b", 1, 3)]) == [Match("X", "a", 0, 2)]
    import mssnews.rules.loader as rules
    monkeypatch.setattr(rules, "load_patterns", lambda name: (
        {"label": "X", "id": "a", "pattern": [{"LOWER": "a"}, {"LOWER": "b"}]},
        {"label": "X", "id": "b", "pattern": [{"LOWER": "b"}]}))
    rm = RuleMatcher(spacy.blank("en").vocab, "whatever", spans_filter=keep_all)
    assert [(m.start, m.end, m.rule) for m in rm(spacy.blank("en")("a b"))] == [(0, 2, "a"), (1, 2, "b")]


def test_of_matches_of_the_same_tokens_the_rule_first_in_the_file_wins(monkeypatch):
    import mssnews.rules.loader as rules
    monkeypatch.setattr(rules, "load_patterns", lambda name: (
        {"label": "X", "id": "zz-specific", "pattern": [{"LOWER": "us"}, {"LOWER": "dollars"}]},
        {"label": "X", "id": "aa-general", "pattern": [{"IS_ALPHA": True, "OP": "+"}]}))
    rm = RuleMatcher(spacy.blank("en").vocab, "whatever")
    assert [(m.start, m.end, m.rule) for m in rm(spacy.blank("en")("5 US dollars"))] == [(1, 3, "zz-specific")]


def test_open_repeats_stop_at_max_repeat(monkeypatch):
    """"million million million ..." must not make matching quadratic: "+" and "*" take at
    most MAX_REPEAT tokens."""
    from mssnews.rules.codes import MAX_REPEAT

    rm = _matcher_for(monkeypatch, [[{"LIKE_NUM": True}, {"LOWER": "million", "OP": "*"}]])
    doc = spacy.blank("en")("7 " + "million " * 40)
    first = rm(doc, longest=False)[0]
    assert (first.start, first.end) == (0, 1 + MAX_REPEAT)


def test_saved_pipeline_loads_with_our_tokenizer(tmp_path):
    """The tokenizer is registered (entry point spacy_tokenizers), so a saved pipeline loads."""
    from mssnews.pipeline import get_nlp
    from mssnews.tokenizer import TOKENIZER

    nlp = get_nlp()
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    doc = loaded("Zhou Min was paid NT$4.2 million.\nHe was fined 9,000 yuan.")
    assert [t.text for t in doc][4:7] == ["NT$", "4.2", "million"]
    assert [m.amount for m in doc._.mssnews["money"]] == [4_200_000, 9000]


def test_trying_only_viable_patterns_loses_no_match(monkeypatch):
    """finditer tries, at each token, only the patterns that can go on with the next token's
    code (or match the token alone), and the start scan stops only at such tokens; every
    pattern's regex tried at every token must find the same matches."""
    import random

    ops = ["", "?", "*", "+", "!", "{2}", "{1,2}", "{0,1}"]
    rng = random.Random(3)
    patterns = [[{"LOWER": rng.choice("abc"), **({"OP": op} if (op := rng.choice(ops)) else {})}
                 for _ in range(rng.randint(1, 4))] for _ in range(40)]
    rm = _matcher_for(monkeypatch, patterns)
    nlp = spacy.blank("en")
    for _ in range(200):
        doc = nlp(" ".join(rng.choice("abcd") for _ in range(rng.randint(1, 9))))
        got = sorted(rm.compiled.finditer(doc))
        codes = rm.compiled.codes.of(doc)
        every = sorted((key, pos, m.end()) for pos in range(len(doc))
                       for key, rx, _steps in rm.compiled.by_first.get(codes[pos], [])
                       if (m := rx.match(codes, pos)) is not None and m.end() > pos)
        assert got == every, doc.text
        # The start scan stops exactly where some pattern is viable (see _starts_regex).
        scanned = [m.start() for m in rm.compiled.starts.finditer(codes)]
        viable = [pos for pos in range(len(doc))
                  if codes[pos] in rm.compiled.by_first and rm.compiled._viable(codes[pos:pos + 2])]
        assert scanned == viable, doc.text


@pytest.mark.parametrize("pattern, scanned", [
    ([{"LOWER": "a"}, {"LOWER": "b"}], [1]),  # only the "a" followed by "b"
    ([{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}], [0, 1, 4]),  # one token completes it
    ([{"LOWER": "a"}, {"LOWER": "c", "OP": "*"}, {"LOWER": "b"}], [1]),  # "c" or "b" may follow
    ([{"LOWER": "a"}, {"LOWER": "a", "OP": "*"}, {"LOWER": "c"}], [0]),  # "a" (then "c") or "c"
    ([{"LOWER": "a", "OP": "?"}, {"LOWER": "c"}], [3]),  # a match may begin at its second step
])
def test_the_start_scan_stops_only_where_a_pattern_can_go_on(monkeypatch, pattern, scanned):
    """In "a a b c a", the scan passes over tokens whose code begins the pattern but whose
    next token cannot continue it."""
    rm = _matcher_for(monkeypatch, [pattern])
    doc = spacy.blank("en")("a a b c a")
    list(rm.compiled.finditer(doc))  # compiles
    codes = rm.compiled.codes.of(doc)
    assert [m.start() for m in rm.compiled.starts.finditer(codes)] == scanned


def test_codes_kept_with_words_are_renewed_when_a_pattern_adds_a_test(monkeypatch):
    """Token codes are kept with each word (text.Tokens); a pattern compiled later, with a
    test those codes know nothing of, must still match words seen before it."""
    from mssnews.pipeline import get_nlp
    from mssnews.text import tokens

    nlp = get_nlp()
    nlp("Zhou Min was paid 4,000 zorkmids.")  # words seen, codes kept with them
    rm = _matcher_for(monkeypatch, [[{"LIKE_NUM": True}, {"LOWER": "zorkmids"}]])
    doc = nlp.make_doc("Zhou Min was paid 4,000 zorkmids.")
    assert tokens(doc).code_epoch == rm.compiled.codes.epoch
    assert [(m.start, m.end) for m in rm(doc)] == [(4, 6)]


def test_a_doc_tokenised_before_a_pattern_added_a_test_is_coded_afresh(monkeypatch):
    from mssnews.pipeline import get_nlp
    from mssnews.text import tokens

    nlp = get_nlp()
    doc = nlp.make_doc("Zhou Min was paid 4,000 quatloos.")
    old_epoch = tokens(doc).code_epoch  # its token lists, codes included, are made now
    rm = _matcher_for(monkeypatch, [[{"LIKE_NUM": True}, {"LOWER": "quatloos"}]])
    assert rm.compiled.codes.epoch != old_epoch
    assert [(m.start, m.end) for m in rm(doc)] == [(4, 6)]


@pytest.mark.parametrize("name", ["people", "money", "sentences", "document_counts", "dates", "charges",
                                  "context"])
def test_every_shipped_pattern_compiles(name):
    """A pattern the compiler does not handle runs on spaCy's Matcher, over the whole doc: one
    such pattern made its file's pass four times as slow."""
    assert RuleMatcher(spacy.blank("en").vocab, name).compiled.unsupported == []


def test_a_spec_that_wants_a_test_both_true_and_false_matches_nothing(monkeypatch):
    # ORTH and TEXT are the same attribute: "in {spy}" and "not in {spy}" at once
    rm = _matcher_for(monkeypatch, [[{"ORTH": {"IN": ["spy"]}, "TEXT": {"NOT_IN": ["spy"]}}],
                                    [{"ORTH": {"IN": ["spy"]}, "IS_ALPHA": True}, {"IS_DIGIT": True}]])
    doc = spacy.blank("en")("The spy 7 left.")
    assert [(m.start, m.end, m.rule) for m in rm(doc, longest=False)] == [(1, 3, "p1")]


def test_the_boundary_component_reads_a_whole_batch_before_the_first_doc_goes_on():
    """Through nlp.pipe, every doc of a batch has its words (and their token codes) before any
    pattern runs on the first one: the rule files' regexes are then built again once per
    batch that brings new codes, not once per doc."""
    from mssnews.pipeline import get_nlp

    nlp = get_nlp()
    boundaries = nlp.get_pipe("mssnews_boundaries")
    docs = [nlp.make_doc(f"Report {k}. Wang Lei was fined {k},000 yuan.") for k in range(5)]
    out = boundaries.pipe(iter(docs), batch_size=3)
    first = next(out)
    assert first is docs[0]
    assert ["mssnews_tokens" in d.user_data for d in docs] == [True, True, True, False, False]
    assert list(out) == docs[1:]
    assert all("mssnews_tokens" in d.user_data for d in docs)
    assert [s.start for s in docs[4].sents] == [0, 3]
