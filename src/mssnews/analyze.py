"""Library API: text in, an `Article` out (the same objects the CLI prints)."""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc

from .model import Article
from .pipeline import facts, get_nlp
from .text import doc_text, sentences

_TITLE_SKIP = re.compile(r"^(?:photo|image|listen|home|by\b|published|updated|date\b|-)", re.I)


def analyze(text: str, source: str = "-", model: Optional[str] = None) -> Article:
    """Extract people, money, sentences, document counts and dates from one article."""
    nlp = get_nlp(model)
    return article_from_doc(nlp(_make_doc(nlp, text)), source)


def analyze_many(items: Iterable[tuple[str, str]], model: Optional[str] = None,
                 batch_size: int = 32) -> Iterator[Article]:
    """(source, text) pairs in, articles out in the same order, streamed through nlp.pipe."""
    nlp = get_nlp(model)
    pairs = ((_make_doc(nlp, text), source) for source, text in items)
    for doc, source in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article_from_doc(doc, source)


def _make_doc(nlp, text: str) -> Doc:
    """Tokenise and keep the original text with the doc (spaCy rebuilds doc.text from the
    tokens on every access)."""
    doc = nlp.make_doc(text)
    doc.user_data["mssnews_text"] = text
    return doc


def article_from_doc(doc: Doc, source: str) -> Article:
    f = facts(doc)
    for items in (f["money"], f["sentences"], f["document_counts"]):
        for it in items:
            for attr in ("token_start", "token_end"):
                it.__dict__.pop(attr, None)
    text = doc_text(doc)
    stats = {"characters": len(text), "words": _word_count(doc), "sentences": len(sentences(doc))}
    return Article(source=source, title=title_of(text), published=f["published"], stats=stats,
                   people=f["people"], money=f["money"], sentences=f["sentences"],
                   document_counts=f["document_counts"], dates=f["dates"], cases=f.get("cases", []))


def _word_count(doc: Doc) -> int:
    """Tokens that are neither punctuation nor white space."""
    if not len(doc):
        return 0
    from spacy.attrs import IS_PUNCT, IS_SPACE

    arr = doc.to_array([IS_PUNCT, IS_SPACE])
    return int(len(doc) - (arr[:, 0] | arr[:, 1]).astype(bool).sum())


def title_of(text: str) -> Optional[str]:
    """The first short line that reads like a headline."""
    for line in text.splitlines()[:6]:
        line = line.strip()
        if not line or _TITLE_SKIP.match(line) or len(line) > 200:
            continue
        if line.endswith(".") and len(line) > 120:
            return None
        return line
    return None
