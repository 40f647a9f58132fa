"""Library API: text in, an `Article` out (the same objects the CLI prints)."""
from __future__ import annotations

import operator
import re
import threading
from typing import Any, ContextManager, Iterable, Iterator, Optional

from spacy.tokens import Doc

from mssnews.facts.models import Article, Charge, DateItem, DocumentCount, Money, Person, Sentence, Stats
from mssnews.docfacts import facts
from mssnews.pipeline import get_nlp
from mssnews.cleanup import clean, to_original
from mssnews.text import doc_text, sentences, tokens

_TITLE_SKIP = re.compile(r"^(?:photo|image|listen|home|by\b|published|updated|date\b|-)", re.I)


MAX_PIECE = 100_000  # characters analysed at once; longer texts go in pieces


def analyze(text: str, source: str = "-", model: Optional[str] = None) -> Article:
    """Extract people, money, sentences, document counts and dates from one article."""
    return next(analyze_many([(source, text)], model=model))


def check_text(text: object, source: object) -> tuple[str, str]:
    """(source, text) as plain str, or a TypeError that says what to pass. A str subclass is
    taken as its str; a lone surrogate (text decoded with errors='surrogateescape') becomes
    U+FFFD, one character for one, so offsets stay those of the text given."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError(f"text must be str, got {type(text).__name__}; decode it first (text.decode('utf-8'))")
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if source is None:
        source = "-"
    elif not isinstance(source, str):
        raise TypeError(f"source must be str, got {type(source).__name__}")
    text = str.__str__(text) if type(text) is not str else text
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return str(source), text


_SURROGATE = re.compile("[\ud800-\udfff]")


def analyze_many(items: Iterable[tuple[str, str]], model: Optional[str] = None,
                 batch_size: int = 32) -> Iterator[Article]:
    """(source, text) pairs in, articles out in the same order, streamed through nlp.pipe.
    A text longer than MAX_PIECE characters is analysed in pieces cut at paragraph breaks,
    with offsets into the whole text."""
    nlp = get_nlp(model)
    buffer: list[tuple[str, str]] = []

    def flush() -> Iterator[Article]:
        # Strings and lexemes the batch adds to the vocabulary are freed after it, so a long
        # run's memory stays flat. Articles hold plain Python values, never spaCy objects.
        with _PIPELINE_LOCK, _memory_zone(nlp):
            pairs = ((make_doc(nlp, text), source) for source, text in buffer)
            docs = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, disable=_NOT_READ)
            out = [article_from_doc(doc, source) for doc, source in docs]
        buffer.clear()
        yield from out

    if isinstance(items, (str, bytes)):
        raise TypeError("analyze_many takes (source, text) pairs; for one text use analyze(text)")
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            raise TypeError(f"analyze_many takes (source, text) pairs, got {type(item).__name__}")
        source, text = check_text(item[1], item[0])
        if len(text) <= MAX_PIECE:
            buffer.append((source, text))
            if len(buffer) >= batch_size:
                yield from flush()
            continue
        yield from flush()
        yield _analyze_long(nlp, source, text, batch_size)
    yield from flush()


# Components whose output an Article does not read: the span groups are for spaCy users
# (docspans.py); an Article has the facts themselves.
_NOT_READ = ("mssnews_spans",)


# One thread at a time in the pipeline of a process: memory zones and our caches are not
# thread-safe (a Dask worker may run several task threads), and the GIL leaves nothing to gain.
_PIPELINE_LOCK = threading.RLock()


# Words seen before the vocabulary has grown by this many strings stay in it for good; after
# that, each batch runs in a spaCy memory zone that frees the words it added. Tokenising in a
# zone is about twice as slow (a word new to the zone is analysed again in every batch), so
# the common words of an archive are learnt once, and memory stays bounded on any archive.
VOCAB_GROWTH = 50_000
_vocab_base: dict[int, int] = {}


def _memory_zone(nlp: Any) -> ContextManager[Any]:
    zone = getattr(nlp, "memory_zone", None)  # spaCy >= 3.8
    strings = nlp.vocab.strings  # (len(nlp.vocab) is not lowered when a zone frees words)
    base = _vocab_base.setdefault(id(nlp.vocab), len(strings))
    if zone is None or len(strings) < base + VOCAB_GROWTH:
        import contextlib

        return contextlib.nullcontext()
    zoned: ContextManager[Any] = zone()
    return zoned


def pieces(text: str, limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """(start, end) cuts of `text`, each at most `limit` characters, cut after a paragraph
    break where there is one, else after a line break, a sentence end, or a space."""
    out, start, n = [], 0, len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            k = window.rfind(sep)
            if k > limit // 4:
                cut = k + len(sep)
                break
        end = start + (cut if cut > 0 else limit)
        out.append((start, end))
        start = end
    out.append((start, n))
    return out


def _analyze_long(nlp: Any, source: str, text: str, batch_size: int) -> Article:
    cuts = pieces(text)
    with _PIPELINE_LOCK, _memory_zone(nlp):
        docs = (make_doc(nlp, text[a:b]) for a, b in cuts)
        parts = [article_from_doc(doc, source) for doc in nlp.pipe(docs, batch_size=2, disable=_NOT_READ)]
    return merge_pieces(source, text, [a for a, _ in cuts], parts)


def merge_pieces(source: str, text: str, offsets: list[int], parts: list[Article]) -> Article:
    """One article from the articles of its pieces: offsets shifted, indexes renumbered,
    one entry per person."""
    from mssnews.facts.cases import build_cases
    from mssnews.facts.models import Mention

    people: dict[str, Person] = {}
    money: list[Money] = []
    sentences_: list[Sentence] = []
    counts: list[DocumentCount] = []
    dates: list[DateItem] = []
    charges: list[Charge] = []
    words = nsent = 0
    for off, part in zip(offsets, parts):
        m0, c0, g0 = len(money), len(counts), len(charges)
        for p in part.people:
            p.mentions = [Mention(m.start + off, m.end + off, m.text) for m in p.mentions]
            if p.name in people:
                q = people[p.name]
                q.mentions.extend(p.mentions)
                q.age = q.age or p.age
                q.description = q.description or p.description
                q.role = q.role or p.role
            else:
                people[p.name] = p
        # (items of the piece, where they go, the index field to renumber, by how much)
        lists: tuple[tuple[list[Any], list[Any], Optional[str], int], ...] = (
            (part.money, money, "equivalent_of", m0),
            (part.sentences, sentences_, "money", m0),
            (part.document_counts, counts, "part_of", c0),
            (part.dates, dates, None, 0),
            (part.charges, charges, None, 0))
        for items, dest, field, base in lists:
            for it in items:
                it.start += off
                it.end += off
                if field and getattr(it, field) is not None:
                    setattr(it, field, getattr(it, field) + base)
                dest.append(it)
        for s in part.sentences:
            s.charges = [k + g0 for k in s.charges]
        words += part.stats["words"]
        nsent += part.stats["sentences"]
    plist = list(people.values())
    stats = Stats(characters=len(text), words=words, sentences=nsent)
    return Article(source=source, title=title_of(text), published=parts[0].published if parts else None,
                   stats=stats, people=plist, money=money, sentences=sentences_, document_counts=counts,
                   dates=dates, cases=build_cases(plist, money, sentences_, counts, charges), charges=charges)


def make_doc(nlp: Any, text: str) -> Doc:
    """The doc our components expect for `text`, for a pipeline of your own: `nlp(make_doc(nlp,
    text))`. Line unwrapping, digits of other scripts and long runs keep the text's length;
    CRLF and zero-width characters are taken out, and their places kept with the doc, so that
    `article_from_doc` gives offsets into the text as given (the offsets in doc._.mssnews are
    those of the text spaCy saw). The original text is kept with the doc (spaCy rebuilds
    doc.text from the tokens on every access)."""
    seen, removed = clean(text)
    doc: Doc = nlp.make_doc(seen)
    doc.user_data["mssnews_text"] = seen
    doc.user_data["mssnews_original"] = text
    doc.user_data["mssnews_removed"] = removed
    return doc


def article_from_doc(doc: Doc, source: str) -> Article:
    f = facts(doc)
    text = doc.user_data.get("mssnews_original") or doc_text(doc)
    # Offsets and texts refer to the text as given (spaCy saw CRLF as LF, and line breaks
    # inside sentences as spaces).
    fix = to_original(doc.user_data.get("mssnews_removed") or [])
    for items in (f["money"], f["sentences"], f["document_counts"], f["dates"], f["charges"]):
        for it in items:
            it.start, it.end = fix(it.start, it.end)
            it.text = text[it.start:it.end]
    for p in f["people"]:
        for m in p.mentions:
            m.start, m.end = fix(m.start, m.end)
            m.text = text[m.start:m.end]
    stats = Stats(characters=len(text), words=_word_count(doc), sentences=len(sentences(doc)))
    return Article(source=source, title=title_of(text), published=f["published"], stats=stats,
                   people=f["people"], money=f["money"], sentences=f["sentences"],
                   document_counts=f["document_counts"], dates=f["dates"], cases=f.get("cases", []),
                   charges=f["charges"])


def _word_count(doc: Doc) -> int:
    """Tokens that are neither punctuation nor white space."""
    tk = tokens(doc)
    n: int = tk.n - sum(map(operator.or_, tk.is_punct, tk.is_space))
    return n


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
