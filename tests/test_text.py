"""Sentence boundaries and the text spaCy sees."""
import pytest

from mssnews.analyze import _make_doc
from mssnews.pipeline import get_nlp
from mssnews.text import unwrap


def sents(text):
    nlp = get_nlp()
    return [s.text.strip() for s in nlp(_make_doc(nlp, text)).sents]


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
    cache off); its tokens, white space and norms must be those of the stock tokenizer."""
    import spacy

    from mssnews.pipeline import add_currency_prefixes, get_nlp

    stock = spacy.blank("en")
    add_currency_prefixes(stock)
    ours = get_nlp()
    assert not [k for k in ours.tokenizer.rules if k.isspace()]
    for _ in range(2):  # the second time from the cache
        assert [(t.text, t.whitespace_, t.norm_) for t in ours.make_doc(text)] == \
            [(t.text, t.whitespace_, t.norm_) for t in stock.make_doc(text)]
