"""Which capitalised runs are names: the runs themselves, their parts, and the checks against the
name lists (Chinese surnames in several romanisations, given names, titles, words that are no
name part, places). PeopleFinder (recognizers/people.py) builds on these checks."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS

from mssnews.rules.namedata import name_lists
from mssnews.recognizers.clauses import _PERSON_NOUNS
from mssnews.recognizers.month_names import MONTH_NAME_RULE, given_name_like_a_month, month_first_name
from mssnews.recognizers.pinyin import _PINYIN, _SYLLABLES, _pinyin_given_first
from mssnews.recognizers.name_runs import BEFORE_CUES, CREDIT_CUES, _INITIAL, _OPENERS, _QUOTES_CLOSE, _QUOTES_OPEN, NameRuns
from mssnews.text import HYPHENS, Tokens


_ROMAN_NUMERALS = {"II", "III", "IV", "VI", "VII", "VIII"}  # "T.S. Ellis III" keeps them as written

# Person nouns that make the unknown capitalised words right after them a name ("analyst Kaveh
# Lotfolah"), less those that also come before the name of a thing ("official Xinhua News", "major
# League", "member States", "former Soviet Union").
_ROLE_BEFORE = frozenset(_PERSON_NOUNS - {"official", "former", "head", "general", "major", "native", "member",
                                          "marine", "chief", "couple", "owner", "founder", "operator"})


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

_TITLE_LINKS = ("for", "of", "and", "the")  # words inside a title ("Secretary for Security")

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


class NameChecks(NameRuns):
    def __init__(self):
        self.lists = name_lists()
        self.not_phrases = tuple(ph for ph in self.lists["not"] if " " in ph)
        self._name_cache: dict[str, bool] = {}
        self._not_name_cache: dict[tuple[str, ...], bool] = {}
        self._not_word_cache: dict[str, bool] = {}
        self._chinese_cache: dict[tuple[str, ...], bool] = {}
        self._alone_cache: dict[str, bool] = {}


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

    def _word_then_given_name(self, parts) -> bool:
        """A surname that is also an English word, then a given name: pinyin ("He Zehua"), or a
        hyphenated given name of the names data after a short word ("Park Ji-hoon")."""
        return self._pinyin_name(parts) or len(parts) == 2 and "-" in parts[1] and 2 <= len(parts[0]) <= 5 \
            and parts[0].isalpha() and parts[0].lower() not in STOP_WORDS \
            and "-".join(h.capitalize() for h in parts[1].split("-")) in self.lists["given"]

    def _surname_like(self, part: str) -> bool:
        return self._norm(part).split("-")[0] in self.lists["cn"]

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
        text, titles = tk.text, self.lists["titles"]
        if (cue is None or cue in BEFORE_CUES) and month_first_name(self, tk, start, end):
            parts = self.parts_of(text, start, end)
            return Candidate(parts=[self._norm(p) for p in parts], start=start, end=end,
                             title=_title_before(text, start, titles), cue=MONTH_NAME_RULE, stripped=False)
        start, title, stripped_proper = self._strip_titles(tk, starts, start, end)
        if start >= end:
            return None
        parts = self.parts_of(text, start, end)
        # Leading words that are no name part ("The Huangs", "Despite Zhang").
        while len(parts) > 1 and self._is_not_word(parts[0]) and "-" not in parts[0] \
                and not self._word_then_given_name(parts):
            start = _token_of_part(text, start, end, 1)
            parts = self.parts_of(text, start, end)
        while len(parts) > 1 and _sentence_initial(text, starts, start) and not self._known_part(parts[0]) \
                and not self._surname_like(parts[0]) and (self._known_part(parts[1]) or self._surname_like(parts[1])) \
                and not _pinyin_given_first(parts[0]):
            start = _token_of_part(text, start, end, 1)  # (a part can be several tokens: "Ex-soldier")
            parts = self.parts_of(text, start, end)
        # ALL-CAPS runs are names only in bylines ("By CUI JIA").
        if parts[0].isupper() and all(p.isupper() and len(p) > 1 for p in parts) and cue != "person-byline":
            return None
        if cue in CREDIT_CUES and len(parts) > 1 and self._is_not_name(parts):
            n = self._credit_name(parts)  # "Editor: Li Yan ECNS App", "Photo by Seth Herald/Getty Images"
            if n:
                parts, end = parts[:n], _token_of_part(text, start, end, n) if n < len(parts) else end
                return Candidate(parts=[self._norm(p) for p in parts], start=start, end=end, title=title, cue=cue,
                                 stripped=stripped_proper)
        if self._is_not_name(parts) and not given_name_like_a_month(self.lists, parts, end < tk.n and tk.like_num[end]) \
                and not self._word_then_given_name(parts):
            found = self._name_after_org(text, start, end, parts)
            if found is None:
                return None
            start, parts = found
        if len(parts) > 4:
            return None
        if title is None:
            title = _title_before(text, start, titles)
        return Candidate(parts=[self._norm(p) for p in parts], start=start, end=end, title=title, cue=cue,
                         stripped=stripped_proper)

    def _credit_name(self, parts: list[str]) -> int:
        """How many parts of a credited run are the name: a Chinese name, or a known given
        name and what follows it (a surname may be a word: "Seth Herald"); 0 for none."""
        for n in (3, 2):
            head = tuple(parts[:n])
            if len(head) == n and not any(p.isupper() and len(p) > 1 for p in head) and (
                    self._chinese_name(head) or head[0] in self.lists["given"]):
                return n
        return 0

    def _strip_titles(self, tk: Tokens, starts: set[int], start: int, end: int) -> tuple[int, Optional[str], bool]:
        """(where the name begins, its title, whether a proper noun was stripped): leading
        titles and words that are no name part ("Chinese President", "The") taken off."""
        text, titles, ranks = tk.text, self.lists["titles"], self.lists["ranks"]
        title, stripped_proper = None, False
        while start < end:
            t = text[start]
            if t in titles or t.rstrip(".") in titles:
                title = t
            elif t in ranks and end - start > 1 and (self._known_part(text[start + 1]) or self._surname_like(text[start + 1])):
                pass  # a rank or kin word before a known name part ("Guardsman Jack", "Grandpa Zhang"): dropped
            elif not ((self._is_not_word(t) or t in self.lists["demonyms"]) and end - start > 1 and text[start + 1] not in HYPHENS):
                break
            elif self._pinyin_name(text[start:end]) or ("-" in text[start + 2:end]
                                                          and self._word_then_given_name(self.parts_of(text, start, end))):
                break  # "He Zehua", "Park Ji-hoon": a surname that is also an English word, then a given name
            else:
                # A word capitalised mid-sentence ("Falun Gong", "Chinese ...") is a proper
                # noun: what is left of the run is not a surname on its own.
                stripped_proper = stripped_proper or not (start in starts and tk.lower[start] in STOP_WORDS)
            start += 1
        if start > 0 and text[start - 1] in titles and text[start - 1][:1].isupper():
            title = text[start - 1]
        # A title inside the run ("Retired Lieutenant General Lo Hsien-che"): the name follows it.
        for k in range(end - 2, start - 1, -1):
            if text[k] in titles or text[k].rstrip(".") in titles:
                title, start = text[k], k + 1
                break
        return start, title, stripped_proper

    def _name_after_org(self, text: list, start: int, end: int, parts: list[str]) -> Optional[tuple[int, list[str]]]:
        """"National Security John C. Demers": the name after the last org or place word."""
        bad = [i for i, p in enumerate(parts) if self._is_not_word(p) or (p.isupper() and p.isalpha())]
        if not bad:
            return None
        k = max(bad)
        rest = parts[k + 1:]
        if len(rest) < 2 or self._is_not_name(rest) or not self._known_part(rest[0]):
            return None
        return _token_of_part(text, start, end, k + 1), rest

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
            # "Jian G.", "Yaqi X." (a given name, or pinyin syllables), and not "Section A."
            return p[0] in self.lists["given"] or bool(_PINYIN.match(p[0].lower()))
        if p[0] in self.lists["given"] or self._word_then_given_name(p):
            return True
        if self._chinese_name(tuple(p)):
            return True
        if self._surname_like(p[-1]) and len(p) == 2:
            return True
        before = tk.text[c.start - 1] if c.start > 0 else ""
        if len(p) in (2, 3) and (before in _ROLE_BEFORE or before in self.lists["demonyms"]):
            return True  # "defendant Kaveh Lotfolah", "Ethiopian Firehiwot Dado": a person noun or nationality right before
        # Unknown words: accept a two- or three-part run that is not at a sentence start
        # and is followed by what follows a person (a comma, "said", an age, "of").
        nxt = tk.lower[c.end] if c.end < tk.n else None
        if c.start > 0 and tk.text[c.start - 1] in _QUOTES_OPEN and nxt in _QUOTES_CLOSE:
            return False  # a quoted title of unknown words ("Selected Internal Reference")
        if p[0].endswith("ed") and len(p[0]) > 4:
            return False  # an unknown word that reads as a verb form: a title ("Selected Internal Reference")
        if len(p) in (2, 3) and nxt is not None and nxt in {",", "said", "says", "told", "was", "is", "has", "had", "who", "of", "and", "("}:
            after = tk.text[c.end + 1] if c.end + 1 < tk.n else None
            return c.start not in starts or nxt == "," or (
                nxt == "of" and after is not None and after[:1].isupper())
        return False
