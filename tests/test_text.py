"""Sentence boundaries and the text spaCy sees."""
import pytest

from mssnews.api import make_doc
from mssnews.pipeline import get_nlp
from mssnews.cleanup import unwrap


def sents(text):
    nlp = get_nlp()
    return [s.text.strip() for s in nlp(make_doc(nlp, text)).sents]


@pytest.mark.parametrize("text,expected", [
    ("Spy ring jailed\nTaipei, June 3 (CNA) The court ruled.", ["Spy ring jailed", "Taipei, June 3 (CNA) The court ruled."]),
    ("The Beijing No. 2 Intermediate People's Court ruled. He appealed.",
     ["The Beijing No. 2 Intermediate People's Court ruled.", "He appealed."]),
    ("He joined the U.S. Navy in 2001. Mr. Wu left.", ["He joined the U.S. Navy in 2001.", "Mr. Wu left."]),
    ('"I am sorry." He was jailed.', ['"I am sorry."', "He was jailed."]),
    ("One of the men, surnamed\nHan, was lured by a person posing as a\njournalist.", ["One of the men, surnamed Han, was lured by a person posing as a journalist."]),
])
def test_sentence_boundaries(text, expected):
    assert sents(text) == expected


def test_unwrap_keeps_length_and_paragraphs():
    text = ("A former official was sentenced on Monday to eleven years in\n"
            "prison for selling state secrets to a foreign agency, the court\n"
            "said.\n\nA second man was fined.\n")
    seen = unwrap(text)
    assert len(seen) == len(text)
    assert "in prison" in seen and "court said." in seen
    assert "\n\nA second" in seen


@pytest.mark.parametrize("text", [
    "Zhou Min\nwas fined.\n\nHe appealed.", " \n\t x \xa0 y", "\n", " ", "\t\t", "x\ty",
    "Mr.\nSmith  U.S.\n\n e.g. \\n \\t", "x \xa0\xa0 y", "a  \n  b", "NT$4.2\nmillion (US$129,000)",
])
def test_dropping_whitespace_special_cases_changes_no_token(text):
    """Our tokenizer has no special cases for white space (they only turned spaCy's word
    cache off); its tokens, white space and norms must be those of the stock tokenizer (but
    for "Jun." and "Jan.": see the next test)."""
    import spacy

    from mssnews.pipeline import get_nlp
    from mssnews.tokenizer import add_currency_prefixes

    stock = spacy.blank("en")
    add_currency_prefixes(stock)
    ours = get_nlp()
    assert not [k for k in ours.tokenizer.rules if k.isspace()]
    for _ in range(2):  # the second time from the cache
        assert [(t.text, t.whitespace_, t.norm_) for t in ours.make_doc(text)] == \
            [(t.text, t.whitespace_, t.norm_) for t in stock.make_doc(text)]


def test_has_long_run_agrees_with_searching_the_whole_text():
    """has_long_run looks only at 100-character windows without white space; it must say
    what a search of the whole text for 200 non-space characters says."""
    import random
    import re

    from mssnews.cleanup import has_long_run

    rng = random.Random(5)
    for _ in range(3000):
        runs = [rng.choice([1, 5, 99, 100, 150, 199, 200, 201, 250]) for _ in range(rng.randint(0, 6))]
        gaps = [rng.choice([" ", "\n", "\u3000", "  "]) for _ in runs]
        text = rng.choice(["", " ", "x"]) + "".join("x" * n + g for n, g in zip(runs, gaps))
        text = text[:rng.randint(0, len(text))] if rng.random() < 0.3 else text
        assert has_long_run(text) == (re.search(r"\S{200}", text) is not None), [len(p) for p in text.split()]


def test_sentences_kept_from_our_component_equal_those_read_from_the_doc():
    """In our own pipeline (mssnews_boundaries with final=True) the components read the
    sentence starts the component found; they must be what reading the doc's flags gives.
    In a pipeline where a later component could move them (the default), they are read back."""
    from pathlib import Path

    import spacy

    import mssnews.pipeline  # noqa: F401 - registers the factories
    from mssnews.text import _Sents, tokens

    nlp = get_nlp()
    assert nlp.get_pipe_config("mssnews_boundaries")["final"] is True
    samples = sorted(Path(__file__).resolve().parent.parent.joinpath("samples").glob("*.txt"))
    for path in samples:
        doc = nlp(path.read_text(encoding="utf-8"))
        kept, read = tokens(doc).sents, _Sents(doc)
        assert kept is not None
        assert (kept.list, kept.starts, kept.chars, kept.start_set) == (read.list, read.starts, read.chars, read.start_set)
    other = spacy.blank("en")
    other.add_pipe("mssnews_boundaries")
    assert tokens(other("One sentence. Another one.")).sents is None


@pytest.mark.parametrize("text, words", [
    ("The money went to Wang Jun.", ["Wang", "Jun", "."]),
    ("He met Jan. Later he left.", ["Jan", ".", "Later"]),
    ("On Jun. 5 he left.", ["Jun", ".", "5"]),
    ("On Feb. 5 he left.", ["Feb.", "5"]),  # (the other short forms keep their full stop)
])
def test_jun_and_jan_keep_no_full_stop(text, words):
    """"Jun" and "Jan" are given names as well as months: a full stop after them is a token
    of its own, so that "Wang Jun." at a sentence's end is a name (the dates read "Jun. 5")."""
    from mssnews.pipeline import get_nlp

    got = [t.text for t in get_nlp().make_doc(text)]
    assert any(got[k:k + len(words)] == words for k in range(len(got))), got
