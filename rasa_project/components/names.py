"""Finds the employees a tenant names in a message, without inventing people.

A name is found only when (1) words of the message mean someone in the employee directory (a
current employee or one they replace), also with an initial, another case or a spelling slip
("Sane de Vris", "P. Bakker", "mw el Amrani"), or (2) it follows a clear form of address
("meneer Dekker", "dhr. Ramdin"). Where a word stands in the sentence never makes it a name:
"Er is iets mis" names nobody. Plain Python without Rasa imports: the app's tests cover it.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import yaml

# Forms of address after which the next words are a name ("de heer" is two words).
TITLES = frozenset({
    "meneer", "mijnheer", "mnr", "dhr", "heer", "mevrouw", "mevr", "mvr", "mw", "juffrouw",
    "mr", "mrs", "ms", "miss",
})  # fmt: skip
# Parts of Dutch (and Arabic, Turkish) surnames written in lower case: "de Vries", "el Amrani".
PARTICLES = frozenset({
    "de", "den", "der", "van", "het", "ten", "ter", "te", "op", "el", "al", "la", "le", "da",
    "di", "du", "in", "t",
})  # fmt: skip
# Words that end a name after a form of address ("meneer is er niet", "mevrouw heeft gebeld").
_NOT_A_NAME = frozenset({
    "is", "er", "was", "zijn", "heeft", "had", "hebben", "zei", "zegt", "zou", "wil", "kan",
    "kon", "moet", "mag", "komt", "kwam", "belde", "gebeld", "spreken", "bellen", "graag",
    "aub", "alstublieft", "alsjeblieft", "even", "ook", "nog", "al", "niet", "wel", "nu",
    "hier", "daar", "vandaag", "morgen", "gisteren", "en", "of", "maar", "want", "dat", "die",
    "dit", "wie", "wat", "waar", "met", "aan", "bij", "voor", "om", "uit", "naar", "over",
    "ik", "u", "hij", "zij", "ze", "mij", "me", "mijn", "uw", "hem", "haar", "ons", "onze",
    "een", "please", "available", "there", "the", "and",
})  # fmt: skip
# Words before a common noun that shares a surname's spelling: "de bakker", "een visser".
_DETERMINERS = frozenset({
    "de", "het", "een", "mijn", "uw", "onze", "ons", "zijn", "haar", "die", "deze", "dat",
})  # fmt: skip
_SLIP = 0.85  # similarity above which another spelling of a name counts as that name
_SLIP_CAPITALISED = 0.8  # a capitalised word inside a sentence may be a little further off
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


def fold(word: str) -> str:
    """Lower case without accents: "Öztürk" and "ozturk" are the same word."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Found:
    """A name in a message: where it is, the words written, and who it means (if anyone)."""

    start: int
    end: int
    text: str
    person: str | None  # the directory's name; None for a name after a title we do not know


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    raw: str
    word: str  # folded


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]
    person: str
    weight: float  # how sure an exact match of this form makes us


def _forms(person: str) -> list[_Form]:
    """The ways a tenant names someone: in full, by surname, first name, initial and surname."""
    words = tuple(fold(word) for word in _TOKEN.findall(person))
    if not words:
        return []
    forms = [_Form(words, person, 1.0)]
    surname = words[1:]
    if surname:
        forms += [_Form(surname, person, 0.95), _Form((words[0][0], *surname), person, 0.97)]
        forms.append(_Form(words[:1], person, 0.9))
    return forms


class NameFinder:
    """Finds the directory's people, and names after a title, in messages."""

    def __init__(self, people: Iterable[str]):
        self.people = list(dict.fromkeys(people))
        self._forms = [form for person in self.people for form in _forms(person)]
        # Which forms can be similar enough to a span at all, without comparing them: a
        # spelling too much shorter or longer cannot (SequenceMatcher's ratio is at most
        # 2·min(a, b) / (a + b) for lengths a and b), nor one that shares no two letters in a
        # row with it (at a ratio of 0.8 or more, strings of four letters or more always do).
        self._lengths = [len(" ".join(form.words)) for form in self._forms]
        self._by_pair: dict[str, set[int]] = {}
        for index, form in enumerate(self._forms):
            for pair in _pairs(" ".join(form.words)):
                self._by_pair.setdefault(pair, set()).add(index)

    def _candidates(self, words: tuple[str, ...], threshold: float) -> Iterable[_Form]:
        """The forms that can reach `threshold` with these words (see __init__)."""
        spoken = " ".join(words)
        low, high = (
            len(spoken) * threshold / (2 - threshold),
            len(spoken) * (2 - threshold) / threshold,
        )
        sharing: set[int] = set()
        for pair in _pairs(spoken):
            sharing |= self._by_pair.get(pair, set())
        for index in sorted(sharing):
            if low <= self._lengths[index] <= high:
                yield self._forms[index]

    @classmethod
    def from_directory(cls, path: Path) -> "NameFinder":
        """Reads the employees' names and whom they replace from the directory file."""
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        people: list[str] = []
        for employee in data.get("employees") or []:
            people.append(str(employee["name"]))
            people += [str(name) for name in employee.get("replaces") or []]
        return cls(people)

    def find(self, text: str) -> list[Found]:
        """The names in the text, left to right, each once."""
        tokens = [
            _Token(m.start(), m.end(), m.group(), fold(m.group())) for m in _TOKEN.finditer(text)
        ]
        chosen: list[tuple[int, int, str | None]] = []  # token span and person
        taken: set[int] = set()
        # The longest match first: "Sanne de Fries" is one name, not "Sanne" and "de Fries".
        matches = sorted(self._directory_matches(text, tokens), key=lambda m: m[:4], reverse=True)
        for _, _, first, last, person in matches:
            if taken.isdisjoint(range(first, last)):
                chosen.append((first, last, person))
                taken.update(range(first, last))
        for first, last in _after_titles(text, tokens):
            if taken.isdisjoint(range(first, last)):
                spoken = " ".join(token.raw for token in tokens[first:last])
                chosen.append((first, last, self.person(spoken)))
                taken.update(range(first, last))
        return [
            Found(tokens[first].start, tokens[last - 1].end,
                  text[tokens[first].start:tokens[last - 1].end], person)
            for first, last, person in sorted(chosen)
        ]  # fmt: skip

    def person(self, spoken: str) -> str | None:
        """The one person a name means ("de Vries", "Sane"), or None when none or several fit."""
        words = tuple(fold(word) for word in _TOKEN.findall(spoken))
        while words and words[0] in TITLES:
            words = words[1:]
        scores: dict[str, float] = {}
        for form in self._candidates(words, _SLIP_CAPITALISED):
            score = _similarity(words, form, _SLIP_CAPITALISED)
            scores[form.person] = max(scores.get(form.person, 0.0), score)
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        if not ranked or ranked[0][1] == 0.0:
            return None
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None  # two people fit equally well: the app decides, not a guess
        return ranked[0][0]

    def _directory_matches(
        self, text: str, tokens: list[_Token]
    ) -> Iterable[tuple[int, float, int, int, str | None]]:
        for first in range(len(tokens)):
            for last in range(first + 1, min(first + 4, len(tokens)) + 1):
                if _broken(text, tokens, first, last):
                    break
                words = tuple(token.word for token in tokens[first:last])
                if {words[0], words[-1]} & (_NOT_A_NAME | TITLES) - PARTICLES:
                    continue  # "ik S. de Vries" is "S. de Vries"
                threshold = _SLIP_CAPITALISED if _capitalised(text, tokens, first) else _SLIP
                best: dict[str, float] = {}
                for form in self._candidates(words, threshold):
                    score = _similarity(words, form, threshold)
                    if score and not _common_noun(tokens, first, last, form):
                        best[form.person] = max(best.get(form.person, 0.0), score)
                if not best:
                    continue
                score = max(best.values())
                fitting = [person for person, value in best.items() if value == score]
                # Several people fit equally: the words are a name, but whose the app decides.
                yield last - first, score, first, last, fitting[0] if len(fitting) == 1 else None


def _pairs(text: str) -> set[str]:
    """The two-letter runs of a text ("bos" -> {"bo", "os"}); a one-letter text is its own."""
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _similarity(words: tuple[str, ...], form: _Form, threshold: float) -> float:
    if not words:
        return 0.0
    if words == form.words:
        return form.weight
    if len(" ".join(form.words)) < 4 or abs(len(words) - len(form.words)) > 1:
        return 0.0  # short names ("Jan") only as written
    if words[0] in PARTICLES and form.words[0] not in PARTICLES:
        return 0.0
    matcher = SequenceMatcher(None, " ".join(words), " ".join(form.words))
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0  # the cheap upper bounds first: most words are nobody's name
    ratio = matcher.ratio()
    return form.weight * ratio * 0.9 if ratio >= threshold else 0.0


def _common_noun(tokens: list[_Token], first: int, last: int, form: _Form) -> bool:
    """A lower-case single word after "de", "een" …: "de bakker" is a shop, not Pieter Bakker."""
    if last - first != 1 or tokens[first].raw != tokens[first].raw.lower():
        return False
    if first > 0 and tokens[first - 1].raw.isdigit():
        return True  # "1 jan" is a date
    return first > 0 and tokens[first - 1].word in _DETERMINERS and form.words[0] not in PARTICLES


def _capitalised(text: str, tokens: list[_Token], index: int) -> bool:
    """A word written with a capital inside a sentence: "ik wil Yilmas spreken"."""
    raw = tokens[index].raw
    if not raw[:1].isupper() or raw.isupper():
        return False
    before = text[: tokens[index].start].rstrip()
    return bool(before) and before[-1] not in ".!?:"


def _broken(text: str, tokens: list[_Token], first: int, last: int) -> bool:
    """Whether punctuation other than a dot, hyphen or apostrophe separates the words."""
    if last - first < 2:
        return False
    between = text[tokens[last - 2].end : tokens[last - 1].start]
    return bool(re.search(r"[^\s.\-'’]", between))


def _after_titles(text: str, tokens: list[_Token]) -> Iterable[tuple[int, int]]:
    """Capitalised names after "meneer", "mevrouw", "dhr", "mw", "de heer": "meneer van Leeuwen".

    Lower-case words after a title are no name unless the directory knows them (found before
    this): "goedemorgen meneer hoe gaat het" names nobody.
    """
    for index, token in enumerate(tokens):
        if token.word not in TITLES:
            continue
        if token.word == "heer" and (index == 0 or tokens[index - 1].word != "de"):
            continue
        last, named = index + 1, False
        while last < len(tokens) and last - index <= 4:
            if re.search(r"[^\s.]", text[tokens[last - 1].end : tokens[last].start]):
                break  # "meneer, ik …": punctuation ends the name
            word, raw = tokens[last].word, tokens[last].raw
            if word in PARTICLES:
                last += 1
                continue
            if word in _NOT_A_NAME or word in TITLES or not raw[:1].isupper():
                break
            named, last = True, last + 1
        while last > index + 1 and tokens[last - 1].word in PARTICLES:
            last -= 1  # a name ends with its surname: "mevrouw Jansen van de administratie"
        if named:
            yield index + 1, last
