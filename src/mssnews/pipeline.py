"""The spaCy pipeline: a blank English pipeline (or a user's trained one), our tokenizer
prefixes for currency marks, sentence boundaries, and the mssnews_* components registered
with @Language.factory. Built once per process by `get_nlp`."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex

from mssnews.recognizers.dates import DateFinder
from mssnews.recognizers.document_counts import DocumentCountFinder
from mssnews.recognizers.linker import Linker, build_cases
from mssnews.recognizers.money import MoneyFinder
from mssnews.facts.models import Mention, Person
from mssnews.recognizers.sentences import PenaltyFinder
from mssnews.recognizers.people import PeopleFinder
from mssnews.text import sent_at_char, set_sentence_starts

COMPONENTS = ("mssnews_sentences", "mssnews_people", "mssnews_money", "mssnews_penalties",
              "mssnews_documents", "mssnews_dates", "mssnews_charges", "mssnews_linker")
# Currency marks glued to a figure: "NT$1.7", "HK$1", "US$114", "RMB500,000".
CURRENCY_PREFIXES = [r"(?:NT|HK|US|AU|A|C|CA|S|NZ|MOP)\$", r"RMB(?=\d)", r"USD(?=\d)", r"CNY(?=\d)"]

_FACTS = "mssnews_facts"  # where the facts of a doc are kept, in doc.user_data


def facts(doc: Doc) -> dict:
    """What the components found in doc (also `doc._.mssnews`). Kept in doc.user_data: each
    `doc._` makes an Underscore object in Python, and the components ask about eight times
    per doc (it was 4% of a run)."""
    found = doc.user_data.get(_FACTS)
    if found is None:
        found = doc.user_data[_FACTS] = {"people": [], "money": [], "money_tokens": [], "sentences": [],
                                         "document_counts": [], "dates": [], "charges": [], "published": None}
    return found


if not Doc.has_extension("mssnews"):
    Doc.set_extension("mssnews", getter=facts)


# doc.to_bytes(), DocBin and nlp.pipe(n_process=...) serialise doc.user_data with msgpack: our
# facts (dataclasses) go as tagged dicts and come back as the same dataclasses; the per-doc token
# cache is left out (it is rebuilt when first asked for).
@lru_cache(maxsize=None)
def _fact_types() -> dict:
    from mssnews.facts import models as model

    return {cls.__name__: cls for cls in (model.Mention, model.Person, model.Money, model.Sentence,
                                          model.DocumentCount, model.DateItem, model.Case, model.Charge)}


@srsly.msgpack_encoders("mssnews")
def _encode(obj, chain=None):
    from dataclasses import fields, is_dataclass

    from mssnews.text import Tokens

    if isinstance(obj, Tokens):
        return None
    if is_dataclass(obj) and type(obj).__name__ in _fact_types():
        return {"__mssnews__": type(obj).__name__, **{f.name: getattr(obj, f.name) for f in fields(obj)}}
    return obj if chain is None else chain(obj)


@srsly.msgpack_decoders("mssnews")
def _decode(obj, chain=None):
    if isinstance(obj, dict) and "__mssnews__" in obj:
        cls = _fact_types()[obj.pop("__mssnews__")]
        return cls(**obj)
    return obj if chain is None else chain(obj)


def _prefix_search(defaults):
    """The language's prefix regex with our currency marks first."""
    return compile_prefix_regex(CURRENCY_PREFIXES + list(defaults.prefixes or [])).search


def _without_whitespace(rules: dict) -> dict:
    return {key: value for key, value in rules.items() if not key.isspace()}


def add_currency_prefixes(nlp: Language) -> None:
    nlp.tokenizer.prefix_search = _prefix_search(nlp.Defaults)


def ensure_tokenizer(nlp: Language) -> None:
    """Our tokenizer settings as part of a component's setup: a user's own pipeline
    (`spacy.blank("en")` then `nlp.add_pipe("mssnews_money")`) gets the currency prefixes that
    split "NT$4.2" (without them every NT$ sum is lost) and loses the white-space special cases
    (see drop_whitespace_special_cases). Done once per tokenizer; ours already has both."""
    search = getattr(nlp.tokenizer, "prefix_search", None)
    pattern = getattr(getattr(search, "__self__", None), "pattern", "")
    if not pattern.startswith(CURRENCY_PREFIXES[0][:8]) and hasattr(nlp.tokenizer, "prefix_search"):
        add_currency_prefixes(nlp)
    drop_whitespace_special_cases(nlp)


TOKENIZER = "mssnews.Tokenizer.v1"


@spacy.registry.tokenizers(TOKENIZER)
def create_tokenizer():
    """spaCy's tokenizer for the language with our currency prefixes and without the
    white-space special cases (see drop_whitespace_special_cases), built in one go: changing
    a built tokenizer recompiles its prefixes and reloads its special cases (about 0.25 s at
    start-up)."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_suffix_regex

    def tokenizer_factory(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=_without_whitespace(defaults.tokenizer_exceptions or {}),
            prefix_search=_prefix_search(defaults),
            suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return tokenizer_factory


def drop_whitespace_special_cases(nlp: Language) -> None:
    """Remove the tokenizer's special cases for " ", "\\n", "\\t" and no-break space.

    They change no token (white space is never split, with or without them), but spaCy's
    tokenizer stops caching words for the rest of a doc once a special case has matched
    (spaCy issue #1250), so the first line break turned the cache off and every later word
    was analysed afresh: tokenising took about 7 times as long on our benchmark archive.
    Tokens, white space and norms are the same without them (tests/test_text.py)."""
    rules = nlp.tokenizer.rules or {}
    if any(key.isspace() for key in rules):
        nlp.tokenizer.rules = _without_whitespace(rules)


@Language.factory("mssnews_sentences", default_config={"final": False})
def make_sentences(nlp: Language, name: str, final: bool):
    """Our sentence boundaries. final=True (our blank pipeline) when no later component can
    move them, so the components need not read them back from the doc."""
    if not final:
        return set_sentence_starts

    def sentences(doc: Doc) -> Doc:
        return set_sentence_starts(doc, final=True)

    return sentences


@Language.factory("mssnews_people", default_config={"use_entities": True})
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


make_money = Language.factory("mssnews_money", func=_finder_component(
    MoneyFinder, lambda f, finder, doc: f.update(zip(("money", "money_tokens"), finder(doc)))))
make_penalties = Language.factory("mssnews_penalties", func=_finder_component(
    PenaltyFinder, lambda f, finder, doc: f.__setitem__("sentences", finder(doc, f["money"], f["money_tokens"]))))
make_documents = Language.factory("mssnews_documents", func=_finder_component(
    DocumentCountFinder, lambda f, finder, doc: f.__setitem__("document_counts", finder(doc))))
make_dates = Language.factory("mssnews_dates", func=_finder_component(DateFinder, _store_dates))


@Language.factory("mssnews_linker")
def make_linker(nlp: Language, name: str):
    def link(doc: Doc) -> Doc:
        f = facts(doc)
        people = f["people"]
        linker = Linker(doc, people)
        names = [p.name for p in people]

        def assign(items, group_key=None):
            # An item's group: the items of its sentence with the same group key, in order.
            sents = [sent_at_char(doc, it.start) for it in items] if len(doc) else []
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
        sentences[:] = linker.spread_to_all(sentences)
        for s in sentences:
            if s.money is not None and money[s.money].person and not s.person:
                s.person = money[s.money].person
        counts = f["document_counts"]
        assign([c for c in counts if c.part_of is None])
        for c in counts:
            if c.part_of is not None:
                c.person = counts[c.part_of].person
        _drop_restated_death(sentences)
        if f["charges"]:
            from mssnews.recognizers.charges import link_charges
            f["charges"] = link_charges(f["charges"], linker, people, sentences)
        f["cases"] = build_cases(people, money, sentences, counts, f["charges"])
        return doc

    return link


@Language.factory("mssnews_charges", requires=["doc._.mssnews"], assigns=["doc.spans"])
def make_charges(nlp: Language, name: str, spans_key: str = "mssnews_charges"):
    """Charges (see charges.py); the linker ties them to people and penalties. Also the span
    group doc.spans["mssnews_charges"]: label the offence, id the rule, for displaCy and a
    user's span tools."""
    from spacy.tokens import Span

    from mssnews.recognizers.charges import ChargeFinder

    finder = ChargeFinder(nlp.vocab)

    def charges(doc: Doc) -> Doc:
        f = facts(doc)
        f["charges"], spans = finder(doc, f["sentences"])
        doc.spans[spans_key] = [Span(doc, a, b, label=c.offence, span_id=c.rule)
                                for c, (a, b) in zip(f["charges"], spans)]
        return doc

    return charges


def _drop_restated_death(sentences) -> None:
    """A plain "death" for someone who got death with a reprieve restates that sentence."""
    reprieved = {s.person for s in sentences if s.penalty == "death_with_reprieve"}
    if reprieved:
        reprieved.add(None)
    sentences[:] = [s for s in sentences if not (s.penalty == "death" and s.person in reprieved)]


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
        if name == "mssnews_sentences" and first:
            nlp.add_pipe(name, before=first)  # (a trained parser after it may move its boundaries)
        elif name == "mssnews_sentences":
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
