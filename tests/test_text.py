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
