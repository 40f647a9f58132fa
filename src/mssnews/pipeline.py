"""The spaCy pipeline: a blank English pipeline (or a user's trained one), our tokenizer
prefixes for currency marks, sentence boundaries, and the mssnews_* components registered
with @Language.factory. Built once per process by `get_nlp`."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from mssnews.recognizers.context import ContextFinder
from mssnews.recognizers.dates import DateFinder
from mssnews.recognizers.document_counts import DocumentCountFinder
from mssnews.facts.cases import build_cases
from mssnews.recognizers.charges import link_charges
from mssnews.recognizers.clauses import spread_to_all, spread_to_listed
from mssnews.recognizers.linker import Linker
from mssnews.recognizers.money import MoneyFinder
from mssnews.facts.models import Mention, Person
from mssnews.recognizers.sentences import PenaltyFinder
from mssnews.recognizers.people import PeopleFinder
from mssnews.recognizers.restatements import _counts_to_the_only_subject, _drop_restated_death, _headline_restates, _term_key
from mssnews.docfacts import facts
from mssnews.text import set_sentence_starts, tokens
from mssnews.tokenizer import TOKENIZER, add_currency_prefixes, drop_whitespace_special_cases, ensure_tokenizer

COMPONENTS = ("mssnews_boundaries", "mssnews_people", "mssnews_money", "mssnews_context", "mssnews_penalties",
              "mssnews_documents", "mssnews_dates", "mssnews_charges", "mssnews_linker", "mssnews_spans")


@Language.factory("mssnews_boundaries", default_config={"final": False}, assigns=["token.is_sent_start"])
def make_boundaries(nlp: Language, name: str, final: bool):
    """Our sentence boundaries (so named because "sentences" means penalties only, as in the
    JSON and doc.spans["mssnews_sentences"]). final=True (our blank pipeline) when no later
    component can move them, so the components need not read them back from the doc."""
    return Boundaries(final)


class Boundaries:
    """The sentence-boundary component. Through nlp.pipe it first reads the words of a whole
    batch of docs, so that the token codes of every new word of the batch are made before any
    pattern runs: a new code makes each rule file's regexes be built again (rules/matcher.py),
    once per batch instead of once per doc. (On the 71 dev reports, building them again was
    1.9 s of a cold 2.2 s run; each report brings words of codes not seen before.)"""

    def __init__(self, final: bool = False):
        self.final = final

    def __call__(self, doc: Doc) -> Doc:
        return set_sentence_starts(doc, final=self.final)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            for doc in batch:
                tokens(doc)  # (kept with the doc: the components read these same Tokens)
            for doc in batch:
                yield self(doc)


@Language.factory("mssnews_people", default_config={"use_entities": True},
                  requires=["token.is_sent_start"], assigns=["doc._.mssnews"])
def make_people(nlp: Language, name: str, use_entities: bool):
    ensure_tokenizer(nlp)
    finder = PeopleFinder(nlp.vocab)

    def people(doc: Doc) -> Doc:
        found = finder(doc)
        if use_entities and doc.ents:
            _join_model_people(doc, found)
        facts(doc)["people"] = found
        return doc

    return people


def _finder_component(finder_cls, store):
    """A factory whose component runs one finder and stores what it found in doc._.mssnews."""
    def factory(nlp: Language, name: str):
        ensure_tokenizer(nlp)
        finder = finder_cls(nlp.vocab)

        def component(doc: Doc) -> Doc:
            store(facts(doc), finder, doc)
            return doc

        return component

    return factory


def _store_dates(f: dict, finder, doc: Doc) -> None:
    f["dates"], f["published"] = finder(doc)


# What the components read and write, for nlp.analyze_pipes(): the facts live in doc._.mssnews.
_READS_WRITES = {"requires": ["token.is_sent_start"], "assigns": ["doc._.mssnews"]}
_READS_FACTS = {"requires": ["token.is_sent_start", "doc._.mssnews"], "assigns": ["doc._.mssnews"]}
make_money = Language.factory("mssnews_money", **_READS_WRITES, func=_finder_component(
    MoneyFinder, lambda f, finder, doc: f.update(zip(("money", "money_tokens"), finder(doc)))))
make_context = Language.factory("mssnews_context", **_READS_WRITES, func=_finder_component(
    ContextFinder, lambda f, finder, doc: f.__setitem__("context", finder(doc))))
make_penalties = Language.factory("mssnews_penalties", **_READS_FACTS, func=_finder_component(
    PenaltyFinder, lambda f, finder, doc: f.__setitem__("sentences", finder(doc, f["money"], f["money_tokens"]))))
make_documents = Language.factory("mssnews_documents", **_READS_WRITES, func=_finder_component(
    DocumentCountFinder, lambda f, finder, doc: f.__setitem__("document_counts", finder(doc))))
make_dates = Language.factory("mssnews_dates", **_READS_WRITES, func=_finder_component(DateFinder, _store_dates))


@Language.factory("mssnews_linker", **_READS_FACTS)
def make_linker(nlp: Language, name: str):
    context: list = []  # (a ContextFinder, made if a pipeline without mssnews_context needs one)

    def link(doc: Doc) -> Doc:
        f = facts(doc)
        people = f["people"]
        linker = Linker(doc, people, _context_of(f, doc, context, nlp.vocab))
        names = [p.name for p in people]

        def assign(items, group_key=None):
            # An item's group: the items of its sentence with the same group key, in order.
            sents = [linker.sentence_of(it.start) for it in items] if len(doc) else []
            keys = [(sent.start, group_key(it) if group_key else None) for it, sent in zip(items, sents)]
            groups: dict = {}
            for it, key in zip(items, keys):
                groups.setdefault(key, []).append(it)
            for it, sent, key in zip(items, sents, keys):
                idx = linker.person_for(it, group=groups[key], sent=sent)
                it.person = names[idx] if idx is not None else None

        money = f["money"]
        assign([m for m in money if m.equivalent_of is None and m.amount is not None], lambda x: "money")
        for m in money:
            if m.equivalent_of is not None:
                m.person = money[m.equivalent_of].person
        sentences = f["sentences"]
        assign(sentences, lambda x: x.penalty)
        sentences[:] = spread_to_listed(linker, spread_to_all(linker, sentences))
        for s in sentences:
            if s.money is not None and money[s.money].person and not s.person:
                s.person = money[s.money].person
        counts = f["document_counts"]
        assign([c for c in counts if c.part_of is None])
        for c in counts:
            if c.part_of is not None:
                c.person = counts[c.part_of].person
        _drop_restated_death(sentences, linker)
        _headline_restates(linker, sentences, _term_key)
        _headline_restates(linker, [c for c in counts if c.part_of is None], lambda c: (c.count, c.classification))
        _counts_to_the_only_subject(people, counts)
        if f["charges"]:
            f["charges"] = link_charges(f["charges"], linker, people, sentences, f.get("charge_cues", ()))
        f["cases"] = build_cases(people, money, sentences, counts, f["charges"])
        return doc

    return link


def _context_of(f: dict, doc: Doc, made: list, vocab) -> dict:
    """The context scopes of doc: those of mssnews_context, or found here (`made` keeps the
    ContextFinder, made the first time a pipeline without that component needs it)."""
    scopes = f.get("context")
    if scopes is None:
        made[:] = made or [ContextFinder(vocab)]
        scopes = made[0](doc)
    return scopes


@Language.factory("mssnews_charges", **_READS_FACTS)
def make_charges(nlp: Language, name: str):
    """Charges (see charges.py); the linker ties them to people and penalties."""
    from mssnews.recognizers.charges import ChargeFinder

    finder = ChargeFinder(nlp.vocab)
    context: list = []  # (a ContextFinder, made if a pipeline without mssnews_context needs one)

    def charges(doc: Doc) -> Doc:
        f = facts(doc)
        f["charges"], _spans = finder(doc, f["sentences"], _context_of(f, doc, context, nlp.vocab))
        f["charge_cues"] = finder.cues
        return doc

    return charges


@Language.factory("mssnews_spans", requires=["doc._.mssnews"], assigns=["doc.spans"])
def make_spans(nlp: Language, name: str):
    """The facts as span groups doc.spans["mssnews_<kind>"] (see docspans.py); last in the
    pipeline, after the linker has settled who each fact belongs to."""
    from mssnews.docspans import write_spans

    return write_spans


def _join_model_people(doc: Doc, found: list[Person]) -> None:
    """PERSON entities of a trained pipeline join ours (--model)."""
    known = {p.name for p in found}
    covered = {(m.start, m.end) for p in found for m in p.mentions}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or (ent.start_char, ent.end_char) in covered:
            continue
        name = " ".join(ent.text.split())
        mention = Mention(ent.start_char, ent.end_char, ent.text)
        for p in found:
            if name == p.name or name in p.name.split():
                p.mentions.append(mention)
                break
        else:
            if name not in known:
                parts = name.split()
                found.append(Person(name=name, surname=parts[-1], surname_only=len(parts) == 1,
                                    mentions=[mention], rule="model-person"))
                known.add(name)
    found.sort(key=lambda p: p.start)


def build_nlp(model: Optional[str] = None) -> Language:
    """A blank English pipeline, or the installed/saved pipeline `model`, with our components."""
    if model:
        nlp = spacy.load(model)
        add_currency_prefixes(nlp)
        drop_whitespace_special_cases(nlp)
    else:
        nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            continue
        if name == "mssnews_boundaries" and first:
            nlp.add_pipe(name, before=first)  # (a trained parser after it may move its boundaries)
        elif name == "mssnews_boundaries":
            nlp.add_pipe(name, config={"final": True})
        else:
            nlp.add_pipe(name)
    return nlp


def settle() -> None:
    """For a process that runs the pipeline over many texts (the CLI and its workers):
    move what exists now (the pipeline, its rules and tables) out of the garbage
    collector's reach, so that collections only walk the objects of the texts in hand.
    About 5-10% faster on a batch; forked workers also keep more memory shared. Young
    objects are collected after 10,000 allocations, not 700: an article makes thousands of
    short-lived objects, nearly all freed by reference counting (about 2% of the run).
    Once per process: a worker forked after it inherits the frozen objects."""
    global _settled
    if _settled:
        return
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    _settled = True


_settled = False


def get_nlp(model: Optional[str] = None) -> Language:
    """The pipeline for `model` (None: blank English), built once per process."""
    return _cached_nlp(model or None)


@lru_cache(maxsize=4)
def _cached_nlp(model: Optional[str]) -> Language:
    return build_nlp(model)
