"""Rules as data: pattern files (JSON Lines: label, id, pattern) and word lists, shipped in the
package and read with importlib.resources. Every match keeps the id of the pattern behind it."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


class RuleError(ValueError):
    """A pattern file is malformed."""


RULE_KEYS = {"label", "id", "pattern", "attributes"}


@lru_cache(maxsize=None)
def load_patterns(name: str) -> tuple[dict, ...]:
    """Read and validate `rules/<name>.jsonl`: each line {"label", "id", "pattern"} and,
    optionally, "attributes": what a match of the rule means (charges: the offence)."""
    text = resources.files("mssnews.rules").joinpath(f"{name}.jsonl").read_text("utf-8")
    out, seen = [], set()
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise RuleError(f"{name}.jsonl:{lineno}: {e}") from None
        if not isinstance(rec, dict):
            raise RuleError(f"{name}.jsonl:{lineno}: a rule is a JSON object")
        missing = {"label", "id", "pattern"} - set(rec)
        if missing:
            raise RuleError(f"{name}.jsonl:{lineno}: missing {', '.join(sorted(missing))}")
        unknown = set(rec) - RULE_KEYS
        if unknown:
            raise RuleError(f"{name}.jsonl:{lineno}: unknown key {', '.join(map(repr, sorted(unknown)))} "
                            f"(a rule has {', '.join(sorted(RULE_KEYS))})")
        if not isinstance(rec.get("attributes", {}), dict):
            raise RuleError(f"{name}.jsonl:{lineno}: attributes must be an object")
        if rec["id"] in seen:
            raise RuleError(f"{name}.jsonl:{lineno}: duplicate id {rec['id']!r}")
        seen.add(rec["id"])
        rec["pattern"] = _resolve(rec["pattern"], f"{name}.jsonl:{lineno}")
        out.append(rec)
    return tuple(out)


def _vocabularies() -> dict:
    """Word lists a pattern can name instead of spelling them out: {"IN": "@currency_words"}.
    They come from well-kept data (CLDR through Babel), not from hand lists."""
    from mssnews.rules import currencies

    return {"@currency_words": currencies.currency_words, "@currency_adjectives": currencies.currency_adjectives,
            "@currency_codes": currencies.currency_codes}


def _resolve(pattern, where: str):
    """The pattern with every "@name" word list replaced by its words (plus any words listed
    after it: {"IN": ["@currency_words", "yuan"]})."""
    if not isinstance(pattern, list):
        return pattern
    out = []
    for spec in pattern:
        if isinstance(spec, dict):
            spec = dict(spec)
            for attr, value in spec.items():
                if isinstance(value, dict) and isinstance(value.get("IN"), list) \
                        and any(isinstance(v, str) and v.startswith("@") for v in value["IN"]):
                    words: list[str] = []
                    for v in value["IN"]:
                        if isinstance(v, str) and v.startswith("@"):
                            source = _vocabularies().get(v)
                            if source is None:
                                raise RuleError(f"{where}: unknown word list {v!r}")
                            words.extend(source())
                        else:
                            words.append(v)
                    spec[attr] = {**value, "IN": sorted(set(words))}
        out.append(spec)
    return out


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """Words of `data/<name>.txt`: whitespace-separated, '#' starts a comment, '_' joins a
    phrase ("Hong_Kong" is the phrase "Hong Kong")."""
    text = resources.files("mssnews").joinpath("data", f"{name}.txt").read_text("utf-8")
    words = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        words.update(w.replace("_", " ") for w in line.split())
    return frozenset(words)


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """Two-column tab-separated data file `data/<name>.txt` as a dict."""
    text = resources.files("mssnews").joinpath("data", f"{name}.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("\t", 1)
            out[key.strip()] = value.strip()
    return out




