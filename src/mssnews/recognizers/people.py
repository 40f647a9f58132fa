"""People: named individuals, surname-only subjects ("a man surnamed Huang"), their mentions,
age and a short description. Candidate names are runs of capitalised tokens; word lists in
`data/` and cue patterns in `rules/people.jsonl` decide which runs are people."""
from __future__ import annotations

import re
from itertools import compress
from dataclasses import dataclass, field
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from mssnews.facts.models import Mention, Person
from mssnews.recognizers.normalize import parse_number
from mssnews.rules.loader import table, word_list
from mssnews.rules.matcher import RuleMatcher
from mssnews.text import HYPHENS, Tokens, doc_text, sent_starts, span_text, tokens

_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]*(?:['’][A-Z]?[a-z]+)?|[A-Z][a-z]*[A-Z][a-z]+|[A-Z]{2,})$")
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$")
_LOWER_PART = re.compile(r"^[a-z]+$")
_SYLLABLES = re.compile(r"^[A-Z][a-z]{1,7}(?:-[A-Za-z][a-z]{1,6})?$")
_CAPITALISED_WORD = re.compile(r"^[A-Z][a-z]+$")
_ALIAS_START = re.compile(r"(?:also known|known as|alias)\b")
_YEAR_OLD = re.compile(r"(\d+)-year-old")
_DESC_DETERMINER = re.compile(r"^(?:Another|One of the|The)\s+")
MAX_RUN = 12  # tokens in a run of capitalised words worth reading as a name
_DESC_START = {"a", "an", "the", "former", "ex", "then", "who", "deputy", "vice", "chief", "head",
               "now", "once", "also", "currently", "previously", "one"}
_ROMAN_NUMERALS = {"II", "III", "IV", "VI", "VII", "VIII"}  # "T.S. Ellis III" keeps them as written
# Cues of a byline or credit: such a person is a reporter, never a case's subject.
CREDIT_CUES = frozenset(("person-byline", "person-contributed", "person-reporting-by", "person-photo-credit",
                         "person-editor-credit"))
_NAME_CUES = ("person-surnamed", "person-last-names", "person-named", "person-apposition")  # a single word after them is a name
_MONTH_GIVEN_NAMES = {"Jun", "Jan", "May"}  # given names (军 俊 君, 健, 梅) that are also month words
_PRONOUN_BEFORE = {"he", "she", "it", "they", "we", "i", "you"}


def _names():
    from mssnews.rules.namedata import extra_titles, given_names, place_names

    lists = {
        "cn": word_list("chinese_surnames"),
        "ambiguous": word_list("ambiguous_surnames"),
        "not": word_list("not_names"),
        "titles": table("titles"),
        "places": place_names(),
    }
    lists["given"] = word_list("given_names") | given_names(lists["not"] | set(lists["titles"]))
    lists["ranks"] = frozenset(extra_titles(lists["given"] | lists["cn"])) - set(lists["titles"]) - lists["not"]
    return lists


@dataclass(slots=True)
class Candidate:
    parts: list[str]  # name parts, hyphenated pieces joined ("Chung-yu")
    start: int  # token indexes of the name itself (titles excluded)
    end: int
    title: Optional[str] = None
    cue: Optional[str] = None  # rule id of a strong cue
    family: bool = False  # "the Huangs"
    alias_of_previous: bool = False
    stripped: bool = False  # proper nouns before it were dropped ("Falun Gong" -> "Gong")


@dataclass
class _Entity:
    parts: list[str]
    rule: str
    surname_only: bool
    role: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    family_mentions: list[tuple[int, int]] = field(default_factory=list)
    age: Optional[int] = None
    description: Optional[str] = None
    given_only: bool = False  # one given name, no surname ("an agent named Jack")

    def __post_init__(self):
        # What a later one-word mention of this person may be: a part, the parts run
        # together, or a piece of the hyphenated name (see PeopleFinder._place).
        self.short_forms = frozenset((*self.parts, "".join(self.parts), *self.name.split("-")))

    @property
    def name(self) -> str:
        return " ".join(self.parts)


class PeopleFinder:
    def __init__(self, vocab):
        self.cues = RuleMatcher(vocab, "people")
        self.lists = _names()
        self.not_phrases = tuple(ph for ph in self.lists["not"] if " " in ph)
        self._name_cache: dict[str, bool] = {}
        self._not_name_cache: dict[tuple[str, ...], bool] = {}
        self._not_word_cache: dict[str, bool] = {}
        self._chinese_cache: dict[tuple[str, ...], bool] = {}
        self._alone_cache: dict[str, bool] = {}

    # -------------------------------------------------------------- candidate runs
    def _is_name_token(self, tk: Tokens, k: int) -> bool:
        text = tk.text[k]
        ok = self._name_cache.get(text)
        if ok is None:
            ok = bool(_NAME_TOKEN.match(text)) and not tk.like_num[k]
            if len(self._name_cache) < 50_000:
                self._name_cache[text] = ok
        return ok

    def runs(self, doc: Doc) -> list[tuple[int, int]]:
        """Maximal runs of capitalised name-like tokens, hyphenated pieces and initials."""
        out, n = [], len(doc)
        tk = tokens(doc)
        text, ws, name = tk.text, tk.ws, self._is_name_token
        last = 0
        # Only tokens that start with a capital letter can start a run.
        for i in _capitalised(doc):
            if i < last:
                continue
            if name(tk, i) or (_INITIAL.match(text[i]) and i + 1 < n and name(tk, i + 1) and i > 0 and text[i - 1][:1].isupper()):
                j = i + 1
                while j < n:
                    u = text[j]
                    if not ws[j - 1] and u in HYPHENS and j + 1 < n and not ws[j] and (name(tk, j + 1) or _LOWER_PART.match(text[j + 1])):
                        j += 2
                        continue
                    if ws[j - 1] and (name(tk, j) or (_INITIAL.match(u) and j + 1 < n and name(tk, j + 1))):
                        j += 1
                        continue
                    if u in _NICK_QUOTES and j + 3 < n and name(tk, j + 1) and text[j + 2] in _NICK_QUOTES \
                            and ws[j + 2] and name(tk, j + 3):
                        j += 3  # a nickname in quotes inside a name: Pinzhe "Peter" Zhang
                        continue
                    if ws[j - 1] and len(u) == 2 and _INITIAL.match(u) and j - i == 1:
                        j += 1  # "Jian G.", "Piotr K.": the German and Polish press's given name and initial
                    break
                if j - i <= MAX_RUN:  # a longer run of capitals is a headline or junk, not a name
                    out.append((i, j))
                last = j
        return out

    @staticmethod
    def parts_of(words: tuple[str, ...], start: int, end: int) -> list[str]:
        """The name parts of words[start:end]: hyphenated pieces joined ("Chung-yu")."""
        parts: list[str] = []
        glue = False
        quoted = False
        for t in words[start:end]:
            if t in _NICK_QUOTES:
                quoted = not quoted  # (a nickname is no part of the name)
                continue
            if quoted:
                continue
            if t in HYPHENS:
                if parts:  # (a hyphen with no part before it is dropped)
                    parts[-1] += "-"
                    glue = True
                continue
            if glue:
                parts[-1] += t
                glue = False
            else:
                parts.append(t)
        return parts

    # -------------------------------------------------------------- classification
    def _norm(self, part: str) -> str:
        return part.title() if part.isupper() and len(part) > 1 and part not in _ROMAN_NUMERALS else part

    def _is_not_word(self, word: str) -> bool:
        """_is_not_name([word]), kept by the word itself."""
        found = self._not_word_cache.get(word)
        if found is None:
            found = self._is_not_name([word])
            if len(self._not_word_cache) > 50_000:
                self._not_word_cache.clear()
            self._not_word_cache[word] = found
        return found

    def _is_not_name(self, parts: list[str]) -> bool:
        key = tuple(parts)
        found = self._not_name_cache.get(key)
        if found is None:
            norm = [self._norm(p) for p in parts]
            joined = " ".join(norm)
            found = any(p in self.lists["not"] for p in norm) or any(ph in joined for ph in self.not_phrases)
            if len(self._not_name_cache) > 50_000:
                self._not_name_cache.clear()
            self._not_name_cache[key] = found
        return found

    def _pinyin_name(self, parts) -> bool:
        """A Chinese surname, then one or two given-name parts of two or three pinyin
        syllables that are no given name of another language: "He Zehua", "Long Jianbin"."""
        return 2 <= len(parts) <= 3 and parts[0] in self.lists["cn"] and parts[1] not in self.lists["given"] \
            and all(_PINYIN.match(w.lower()) and w.lower() not in STOP_WORDS for w in parts[1:])

    def _surname_like(self, part: str) -> bool:
        return self._norm(part).split("-")[0] in self.lists["cn"]

    def _given_name_like_a_month(self, parts: list[str]) -> bool:
        """"Wang Jun": a surname and a given name that is also a month's short form (a word
        that is no name part anywhere else)."""
        return len(parts) == 2 and parts[1] in _MONTH_GIVEN_NAMES and parts[0] in self.lists["cn"] \
            and parts[0] not in self.lists["ambiguous"]

    def _chinese_name(self, parts: tuple[str, ...]) -> bool:
        """A surname, then one or two given-name parts of a syllable or two (kept by the parts)."""
        found = self._chinese_cache.get(parts)
        if found is None:
            found = len(parts) <= 3 and self._surname_like(parts[0]) and all(map(self._syllables_ok, parts[1:]))
            if len(self._chinese_cache) > 50_000:
                self._chinese_cache.clear()
            self._chinese_cache[parts] = found
        return found

    def _syllables_ok(self, part: str) -> bool:
        """A Chinese given name part: one or two syllables, possibly hyphenated."""
        return bool(_SYLLABLES.match(self._norm(part)))

    def classify(self, tk: Tokens, starts: set[int], start: int, end: int, cue: Optional[str]) -> Optional[Candidate]:
        """The candidate name in the run start..end of a doc's tokens `tk` (sentences begin
        at `starts`), or None."""
        if cue is None and end - start == 1 and self._never_alone(tk.text[start]):
            return None  # (what _classify comes to for such a word, found once per word)
        return self._classify(tk, starts, start, end, cue)

    def _classify(self, tk: Tokens, starts: set[int], start: int, end: int, cue: Optional[str]) -> Optional[Candidate]:
        text = tk.text
        titles = self.lists["titles"]
        title = None
        # Strip leading titles and words that are no name part ("Chinese President", "The").
        stripped_proper = False
        ranks = self.lists["ranks"]
        while start < end:
            t = text[start]
            if t in titles or t.rstrip(".") in titles:
                title = t
            elif t in ranks and end - start > 1 and (self._known_part(text[start + 1]) or self._surname_like(text[start + 1])):
                pass  # a rank or kin word before a known name part ("Guardsman Jack", "Grandpa Zhang"): dropped
            elif not (self._is_not_word(t) and end - start > 1 and text[start + 1] not in HYPHENS):
                break
            elif self._pinyin_name(text[start:end]):
                break  # "He Zehua": a surname that is also an English word, then a pinyin given name
            else:
                # A word capitalised mid-sentence ("Falun Gong", "Chinese ...") is a proper
                # noun: what is left of the run is not a surname on its own.
                stripped_proper = stripped_proper or not (start in starts and tk.lower[start] in STOP_WORDS)
            start += 1
        if start > 0 and text[start - 1] in titles and text[start - 1][:1].isupper():
            title = text[start - 1]
        if start >= end:
            return None
        # A title inside the run ("Retired Lieutenant General Lo Hsien-che"): the name follows it.
        for k in range(end - 2, start - 1, -1):
            if text[k] in titles or text[k].rstrip(".") in titles:
                title, start = text[k], k + 1
                break
        parts = self.parts_of(text, start, end)
        # Leading words that are no name part ("The Huangs", "Despite Zhang").
        while len(parts) > 1 and self._is_not_word(parts[0]) and "-" not in parts[0] and not self._pinyin_name(parts):
            start = _token_of_part(text, start, end, 1)
            parts = self.parts_of(text, start, end)
        while len(parts) > 1 and _sentence_initial(text, starts, start) and not self._known_part(parts[0]) \
                and not self._surname_like(parts[0]) and (self._known_part(parts[1]) or self._surname_like(parts[1])):
            start = _token_of_part(text, start, end, 1)  # (a part can be several tokens: "Ex-soldier")
            parts = self.parts_of(text, start, end)
        # ALL-CAPS runs are names only in bylines ("By CUI JIA").
        if parts[0].isupper() and all(p.isupper() and len(p) > 1 for p in parts) and cue != "person-byline":
            return None
        if self._is_not_name(parts) and not self._given_name_like_a_month(parts) and not self._pinyin_name(parts):
            # "National Security John C. Demers": the name after the last org/place word.
            bad = [i for i, p in enumerate(parts) if self._is_not_word(p) or (p.isupper() and p.isalpha())]
            if not bad:
                return None
            k = max(bad)
            rest = parts[k + 1:]
            if len(rest) < 2 or self._is_not_name(rest) or not self._known_part(rest[0]):
                return None
            start = _token_of_part(text, start, end, k + 1)
            parts = rest
        if len(parts) > 4:
            return None
        if title is None:
            title = _title_before(text, start, titles)
        return Candidate(parts=[self._norm(p) for p in parts], start=start, end=end, title=title, cue=cue,
                         stripped=stripped_proper)

    def _never_alone(self, word: str) -> bool:
        """Is a single capitalised word with no cue never a name, whatever is around it (a
        title, an ALL-CAPS word, a word that is no name part)? classify() says None for these
        at once; about half the runs of a report are such words ("He", "The", "China")."""
        found = self._alone_cache.get(word)
        if found is None:
            titles = self.lists["titles"]
            found = word in titles or word.rstrip(".") in titles or (word.isupper() and len(word) > 1) \
                or self._is_not_word(word)
            if len(self._alone_cache) > 50_000:
                self._alone_cache.clear()
            self._alone_cache[word] = found
        return found

    def _known_part(self, part: str) -> bool:
        p = self._norm(part)
        return p in self.lists["given"] or p in self.lists["cn"] and p not in self.lists["ambiguous"]

    def accept_full(self, tk: Tokens, starts: set[int], c: Candidate) -> bool:
        """Does a run of two or more parts name a person?"""
        p = c.parts
        if " ".join(p) in self.lists["places"] and c.cue is None:
            return False  # "Fort Collins", "Wan Chai"
        if c.cue or c.title:
            return True
        if len(p) == 2 and _INITIAL.match(p[1]):
            return p[0] in self.lists["given"]  # "Jian G." (and not "Section A.")
        if p[0] in self.lists["given"]:
            return True
        if self._chinese_name(tuple(p)):
            return True
        if self._surname_like(p[-1]) and len(p) == 2:
            return True
        # Unknown words: accept a two- or three-part run that is not at a sentence start
        # and is followed by what follows a person (a comma, "said", an age, "of").
        nxt = tk.lower[c.end] if c.end < tk.n else None
        if c.start > 0 and tk.text[c.start - 1] in _QUOTES_OPEN and nxt in _QUOTES_CLOSE:
            return False  # a quoted title of unknown words ("Selected Internal Reference")
        if len(p) in (2, 3) and nxt is not None and nxt in {",", "said", "says", "told", "was", "is", "has", "had", "who", "of", "and", "("}:
            after = tk.text[c.end + 1] if c.end + 1 < tk.n else None
            return c.start not in starts or nxt == "," or (
                nxt == "of" and after is not None and after[:1].isupper())
        return False

    # -------------------------------------------------------------- the whole document
    def __call__(self, doc: Doc) -> list[Person]:
        cue_at: dict[int, str] = {}
        alias_points: set[int] = set()
        tk = tokens(doc)
        starts = sent_starts(doc)
        text = tk.text
        for m in self.cues(doc, longest=False):
            if m.label == "SURNAMED":
                cue_at[m.end - 1] = m.rule
                if m.rule == "person-last-names":  # "last names Yeh (葉) and Su (蘇)"
                    for k in range(m.end, min(m.end + 12, len(doc))):
                        t = text[k]
                        if t in {".", ";"} or (t.isalpha() and t.isascii() and t.islower() and t != "and"):
                            break
                        if _CAPITALISED_WORD.match(t) and text[k - 1] in {"and", ",", ")"}:
                            cue_at[k] = m.rule
            elif m.label == "ALIAS":
                alias_points.add(m.end)
            elif m.label == "CREDIT":
                if m.rule == "person-contributed":
                    # The name is the run right before "contributed".
                    cue_at[("before", m.start)] = m.rule  # type: ignore[index]
                else:
                    cue_at[("after", m.end)] = m.rule  # type: ignore[index]
        self._bylines(doc, cue_at)

        entities: list[_Entity] = []
        for start, end in self.runs(doc):
            cue = None
            if cue_at:
                for k in range(start, end):
                    cue = cue_at.get(k)
                    if cue:
                        break
                cue = cue or cue_at.get(("after", start)) or cue_at.get(("before", end))
            if cue in ("person-surnamed", "person-last-names"):
                # Only the single word after "surnamed" is the name.
                k = next(k for k in range(start, end) if cue_at.get(k))
                start, end = k, k + 1
            cand = self.classify(tk, starts, start, end, cue)
            if cand is None:
                self._family(tk, start, end, entities)
                continue
            cand.alias_of_previous = start in alias_points
            self._place(tk, starts, cand, entities)
        self._merge(entities)
        return [self._person(doc, tk, starts, e) for e in entities if e.mentions]

    def _bylines(self, doc: Doc, cue_at: dict) -> None:
        tk = tokens(doc)
        for i in _positions_of(doc, "by"):
            if i + 1 < tk.n:
                k = i - 1
                while k >= 0 and tk.text[k] in {"-", "—", "–", "|"}:
                    k -= 1
                # (spaCy keeps line breaks in tokens of their own, never in whitespace_)
                line_start = k < 0 or tk.is_space[k] or tk.text[k] == "|"
                if line_start:
                    cue_at[("after", i + 1)] = "person-byline"
                    for j in range(i + 1, min(i + 5, tk.n)):
                        cue_at.setdefault(j, "person-byline")

    def _family(self, tk: Tokens, start: int, end: int, entities: list[_Entity]) -> None:
        """'the Huangs' is no person of its own but speaks of the person surnamed Huang."""
        if end - start == 1 and tk.text[start].endswith("s") and start > 0 and tk.lower[start - 1] == "the":
            stem = tk.text[start][:-1]
            for e in reversed(entities):
                if e.parts[-1] == stem or e.parts[0] == stem:
                    e.family_mentions.append((start, end))
                    return

    def _place(self, tk: Tokens, starts: set[int], c: Candidate, entities: list[_Entity]) -> None:
        p = c.parts
        span = (c.start, c.end)
        if len(p) == 1:
            # Family plural ("the Huangs").
            if p[0].endswith("s") and c.start > 0 and tk.lower[c.start - 1] == "the":
                stem = p[0][:-1]
                for e in reversed(entities):
                    if stem in (e.parts[0], e.parts[-1]):
                        e.family_mentions.append(span)
                        return
            strong = c.cue in _NAME_CUES
            if not strong:
                # A later short reference: the most recent person with that part.
                for e in reversed(entities):
                    if p[0] in e.short_forms:
                        e.mentions.append(span)
                        return
            if (p[0] in self.lists["ambiguous"] or c.stripped) and not (strong or c.title):
                return
            if any(tk.like_num[max(0, c.start - 2):c.start]) and not strong:
                return  # "64.6 million Chinese Yuan"
            if strong or c.title or (self._surname_like(p[0]) and p[0] not in self.lists["ambiguous"]):
                if strong:
                    for e in entities:  # "surnamed Zhang" twice in one report: one person
                        if e.surname_only and e.parts == p:
                            e.mentions.append(span)
                            return
                if p[0].lower() in _PRONOUN_BEFORE:
                    return
                # "a foreign agent named Jack": a given name alone is no surname
                given = c.cue == "person-named" and not self._surname_like(p[0])
                entities.append(_Entity(parts=p, rule=c.cue or ("person-title" if c.title else "person-surname"),
                                        surname_only=not given, role=_is_role(self.lists, c), mentions=[span],
                                        given_only=given))
            return
        if c.alias_of_previous and entities:
            entities[-1].mentions.append(span)
            return
        if not self.accept_full(tk, starts, c):
            return
        for e in entities:
            if e.parts == p:
                e.mentions.append(span)
                return
        entities.append(_Entity(parts=p, rule=c.cue or ("person-title" if c.title else "person-name"),
                                surname_only=False, role=_is_role(self.lists, c), mentions=[span]))

    def _merge(self, entities: list[_Entity]) -> None:
        """Fold a surname-only entity into a full name it abbreviates or misspells."""
        for e in list(entities):
            if not e.surname_only or e.rule in _NAME_CUES:
                continue
            for f in entities:
                if f is e or f.surname_only:
                    continue
                same = e.parts[0] in f.parts or e.parts[0].lower() == "".join(f.parts).lower()
                if same:
                    f.mentions = sorted(f.mentions + e.mentions)
                    f.family_mentions += e.family_mentions
                    f.role = f.role or e.role
                    e.mentions = []
                    break

    def _person(self, doc: Doc, tk: Tokens, starts: set[int], e: _Entity) -> Person:
        spans = sorted(set(e.mentions + e.family_mentions))
        text = doc_text(doc)
        idx, ends = tk.idx, tk.end
        mentions = [Mention(idx[a], ends[b - 1], text[idx[a]:ends[b - 1]]) for a, b in spans]
        first = min(e.mentions)
        age, desc = _age_and_description(doc, tk, starts, first[0], first[1])
        surname = None if e.given_only else _surname(e.parts, self.lists["cn"])
        return Person(name=e.name, surname=surname, surname_only=e.surname_only, age=age,
                      description=desc, mentions=mentions, rule=e.rule, role=e.role)


_TITLE_LINKS = ("for", "of", "and", "the")  # words inside a title ("Secretary for Security")


# Two or three pinyin syllables ("zehua", "xiaoping"): a given name no English word looks like.
_FINAL = r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u)"
_INITIAL_PY = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
_PINYIN = re.compile(r"^(?:(?:a|o|e|ai|ei|ao|ou|an|en|ang|eng|er)|%s%s)(?:%s%s){1,2}$" % (_INITIAL_PY, _FINAL, _INITIAL_PY, _FINAL))
_NICK_QUOTES = {'"', "“", "”"}
_QUOTES_OPEN = {'"', "“", "‘", "'"}
_QUOTES_CLOSE = {'"', "”", "’", "'"}
_OPENERS = {'"', "“", "‘", "'", "(", "[", "«"}


def _sentence_initial(text: tuple[str, ...], starts: set[int], start: int) -> bool:
    """Does token `start` begin its sentence, perhaps after an opening quote or bracket?"""
    return start in starts or (start - 1 in starts and text[start - 1] in _OPENERS)


def _title_before(text: tuple[str, ...], start: int, titles: dict) -> Optional[str]:
    """A title a few words before a name: "Secretary for Security Chris Tang"."""
    if start == 0:
        return None
    t = text[start - 1]
    if not (t[:1].isupper() or t in _TITLE_LINKS or t in titles or t.rstrip(".") in titles):
        return None  # (most names: nothing to look back over)
    found = []
    for k in range(start - 1, max(-1, start - 7), -1):
        t = text[k]
        if t in titles or t.rstrip(".") in titles:
            found.append(t)
        elif not (t[:1].isupper() or t in _TITLE_LINKS):
            break
    roles = [t for t in found if titles.get(t, titles.get(t.rstrip("."))) == "role"]
    return (roles or found or [None])[0]


def _capitalised(doc: Doc) -> list[int]:
    """Indexes of tokens whose first character is an upper-case letter (spaCy's SHAPE would
    start with "X")."""
    return list(compress(range(len(doc)), tokens(doc).is_cap))


def _positions_of(doc: Doc, lower: str) -> list[int]:
    """Indexes of tokens whose lower-case form is `lower`."""
    words = tokens(doc).lower
    out: list[int] = []
    i = -1
    try:
        while True:
            i = words.index(lower, i + 1)
            out.append(i)
    except ValueError:
        return out


def _token_of_part(text: tuple[str, ...], start: int, end: int, n: int) -> int:
    """Token index where the n-th name part of the words text[start:end] begins."""
    seen = 0
    for k in range(start, end):
        if text[k] in HYPHENS or (k > start and text[k - 1] in HYPHENS):
            continue
        if seen == n:
            return k
        seen += 1
    return end


def _is_role(lists, c: Candidate) -> bool:
    if c.cue in CREDIT_CUES:
        return True
    return bool(c.title and lists["titles"].get(c.title, lists["titles"].get(c.title.rstrip(".") , "")) == "role")


def _surname(parts: list[str], cn: frozenset) -> Optional[str]:
    if len(parts) == 1:
        return parts[0]
    if parts[0] in cn and (len(parts) == 2 or "-" in parts[1] or len(parts) == 3):
        # Chinese order, unless the last part is a surname and the first a Western given name.
        return parts[0] if not (parts[-1] in cn and parts[0] not in cn) else parts[-1]
    return parts[-1]


def _age_and_description(doc: Doc, tk: Tokens, starts: set[int], start: int, end: int) -> tuple[Optional[int], Optional[str]]:
    """'Xiao Zhe, an 18-year-old exchange student at ...' -> (18, 'an 18-year-old exchange
    student at ...'); 'Liao Lyuyou, 27,' -> (27, None); 'a 23-year-old surnamed Zhang'."""
    age = None
    desc = None
    text, lower, is_space = tk.text, tk.lower, tk.is_space
    n = tk.n
    k = end
    if k < n and text[k] == "(":  # "Chiu Wen-hsiung (邱文雄), 58,"
        close = next((j for j in range(k, min(k + 8, n)) if text[j] == ")"), None)
        if close is not None:
            k = close + 1
    if k < n and text[k] == ",":
        k += 1
        if k < n and tk.like_num[k] and k + 1 < n and text[k + 1] in {",", ".", ")"}:
            age = _int(text[k])
            k += 2
        stop = k
        while stop < n and text[stop] not in {",", ".", ";", "\n", "(", "—"} and not is_space[stop] and stop - k < 16:
            stop += 1
        if k < stop and lower[k] in _DESC_START and lower[k] not in {"who", "and", "said"}:
            desc = span_text(doc, k, stop)
    # Description before "surnamed X": "a former employee of a state ministry, surnamed Zhang"
    # (from the nearest determiner, at most 12 words back, never across a clause).
    if desc is None and start >= 1 and lower[start - 1] in {"surnamed", "surname"}:
        j = start - 2
        if j >= 0 and text[j] == ",":
            j -= 1
        b = j
        found = None
        while b >= 0 and j - b < 12 and text[b] not in {",", ".", ";", "—", "(", ")"} and not is_space[b]:
            if lower[b] in {"a", "an", "another", "the", "one"} or (b in starts and text[b].isalpha()):
                found = b
                if lower[b] in {"a", "an", "another", "one"} or b in starts:
                    break
            if lower[b] in {"that", "said", "says", "when", "after", "and", "which", "who"}:
                break
            b -= 1
        if found is not None and j >= found:
            desc = span_text(doc, found, j + 1)
    if desc and _ALIAS_START.match(desc):
        desc = None
    if desc:
        m = _YEAR_OLD.search(desc)
        if m and age is None:
            age = int(m.group(1))
        desc = _DESC_DETERMINER.sub("", desc).strip() or None
    if age is None and desc is None and start >= 5:
        # "a 23-year-old surnamed Zhang"
        window = doc_text(doc)[tk.idx[max(0, start - 7)]:tk.end[start - 1]]  # (span_text)
        m = _YEAR_OLD.search(window)
        if m:
            age = int(m.group(1))
    return age, desc


def _int(text: str) -> Optional[int]:
    v = parse_number(text)
    return int(v) if isinstance(v, (int, float)) and 0 < v < 130 else None
