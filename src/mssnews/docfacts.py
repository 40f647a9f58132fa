"""The facts of a doc: kept in doc.user_data (also doc._.mssnews), and serialised with msgpack
so that doc.to_bytes(), DocBin and nlp.pipe(n_process=...) work on our docs."""
from __future__ import annotations

from functools import lru_cache

import srsly
from spacy.tokens import Doc


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


# doc.to_bytes(), DocBin and nlp.pipe(n_process=...) serialise doc.user_data with msgpack: our
# facts (dataclasses) go as tagged dicts and come back as the same dataclasses; the per-doc token
# cache is left out (it is rebuilt when first asked for).
@lru_cache(maxsize=None)
def _fact_types() -> dict:
    from mssnews.facts import models as model
    from mssnews.facts.registry import KINDS

    return {cls.__name__: cls for cls in (model.Mention, model.Case, *(k.model for k in KINDS))}


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


if not Doc.has_extension("mssnews"):
    Doc.set_extension("mssnews", getter=facts)
