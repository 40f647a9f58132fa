"""Our tokenizer: spaCy's tokenizer for the language with prefixes for currency marks glued to a
figure, and without the white-space special cases (registered as mssnews.Tokenizer.v1, so a
saved pipeline loads back); ensure_tokenizer gives a user's own pipeline the same settings."""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.util import compile_prefix_regex


# Currency marks glued to a figure: "NT$1.7", "HK$1", "US$114", "RMB500,000".
CURRENCY_PREFIXES = [r"(?:NT|HK|US|AU|A|C|CA|S|NZ|MOP)\$", r"RMB(?=\d)", r"USD(?=\d)", r"CNY(?=\d)", r"RM(?=\d)"]


def _prefix_search(defaults):
    """The language's prefix regex with our currency marks first."""
    return compile_prefix_regex(CURRENCY_PREFIXES + list(defaults.prefixes or [])).search


# Special cases that glue a full stop to a word that is more than a short form: "Jun." and
# "Jan." are months, and the given names of "Wang Jun." at a sentence's end (a full stop of its
# own after them ends no sentence, see text.ABBREVIATIONS, as before); "m." is the "m" of
# "£45m." (the tokenizer splits it from its figure): with the full stop the sum's text held it
# and the sentence went on into the next.
_NAME_LIKE_ABBREVIATIONS = frozenset(("Jun.", "Jan.", "m."))


def _without_whitespace(rules: dict) -> dict:
    return {key: value for key, value in rules.items() if not key.isspace() and key not in _NAME_LIKE_ABBREVIATIONS}


def add_currency_prefixes(nlp: Language) -> None:
    nlp.tokenizer.prefix_search = _prefix_search(nlp.Defaults)


def ensure_tokenizer(nlp: Language) -> None:
    """Our tokenizer settings as part of a component's setup: a user's own pipeline
    (`spacy.blank("en")` then `nlp.add_pipe("mssnews_money")`) gets the currency prefixes that
    split "NT$4.2" (without them every NT$ sum is lost) and loses the white-space special cases
    (see drop_whitespace_special_cases). Done once per tokenizer; ours already has both (setting
    prefix_search reloads every special case of the tokenizer: about 0.1 s each time)."""
    search = getattr(nlp.tokenizer, "prefix_search", None)
    pattern = getattr(getattr(search, "__self__", None), "pattern", "")
    if not pattern.startswith("^" + CURRENCY_PREFIXES[0]) and hasattr(nlp.tokenizer, "prefix_search"):
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
    if any(key.isspace() or key in _NAME_LIKE_ABBREVIATIONS for key in rules):
        nlp.tokenizer.rules = _without_whitespace(rules)
