"""Dutch verbs, known from simplemma's Dutch dictionary (word form -> lemma) instead of a guess.

The dictionary ships inside the simplemma package (nothing is downloaded) and is loaded once,
when this module is imported, so no tenant's message waits for it. Plain Python without Rasa
imports, so the app's test suite can test it too.
"""

from dataclasses import dataclass
from enum import Enum

from simplemma.strategies.dictionaries import DefaultDictionaryFactory

_FORMS = DefaultDictionaryFactory().get_dictionary("nl")
# English, the language tenants most often write in otherwise: a word only it knows counts against.
_ENGLISH = DefaultDictionaryFactory().get_dictionary("en")

# Chat spellings the dictionary does not hold.
_EXTRA_WORDS = frozenset({"mn", "m'n", "'k", "zn", "z'n"})

# Verbs whose first-person stem or "u" form no spelling rule gives.
_IRREGULAR_STEMS = {
    "zijn": "ben", "hebben": "heb", "kunnen": "kan", "zullen": "zal", "willen": "wil",
    "mogen": "mag", "komen": "kom", "gaan": "ga", "staan": "sta", "slaan": "sla",
    "doen": "doe", "zien": "zie",
}  # fmt: skip
_IRREGULAR_U = {
    "zijn": "bent", "hebben": "hebt", "kunnen": "kunt", "zullen": "zult", "willen": "wilt",
    "mogen": "mag", "komen": "komt", "gaan": "gaat", "staan": "staat", "slaan": "slaat",
    "doen": "doet", "zien": "ziet",
}  # fmt: skip
# Present forms for someone else than "ik" that are no stem plus -t.
_OTHER_PRESENT = {
    "is": "zijn", "bent": "zijn", "heeft": "hebben", "hebt": "hebben", "kunt": "kunnen",
    "kun": "kunnen", "wilt": "willen", "zult": "zullen",
}  # fmt: skip
_IRREGULAR_PAST_PLURAL = {
    "waren": "was", "zouden": "zou", "konden": "kon", "hadden": "had", "mochten": "mocht",
    "moesten": "moest", "wilden": "wilde",
}  # fmt: skip

# Auxiliaries and modals: in "omdat we niet kunnen betalen" the finite verb is one of them.
AUXILIARIES = frozenset(
    "zijn hebben kunnen zullen willen moeten mogen gaan komen blijven laten worden hoeven "
    "durven".split()
)

# Particles of separable verbs ("opnemen", "terugbellen"), for forms the dictionary lacks.
PARTICLES = (
    "terug", "open", "dicht", "schoon", "langs", "binnen", "buiten", "thuis", "weg", "mee",
    "door", "over", "onder", "voor", "achter", "samen", "aan", "af", "bij", "in", "na", "om",
    "op", "toe", "uit", "vast", "los", "neer",
)  # fmt: skip
_PARTICIPLE_PREFIXES = ("ge", "be", "ver", "ont", "her", "er")
_VOWELS = "aeiou"


class Kind(Enum):
    """What a finite or non-finite verb form is."""

    STEM = "the first person singular present: ik woon"
    PRESENT = "another singular present: hij woont, u bent"
    PLURAL = "the plural present, or the infinitive: wij wonen"
    PAST = "a singular past: ik woonde, ik kwam"
    PAST_PLURAL = "a plural past: wij woonden"
    PARTICIPLE = "a past participle: gewoond, verloren"

    @property
    def finite(self) -> bool:
        """Whether a verb of this kind is finite (anything but a participle)."""
        return self is not Kind.PARTICIPLE


@dataclass(frozen=True)
class Verb:
    """A verb form: its kind and its infinitive, and the particle split off it ("op" + neem)."""

    kind: Kind
    infinitive: str
    particle: str = ""


def lemma(word: str) -> str | None:
    """The dictionary's lemma of a word form, or None for a word it does not know."""
    return _FORMS.get(word.lower())


def is_known(word: str) -> bool:
    """Whether the dictionary, or our list of extra words, knows the word."""
    return word.lower() in _EXTRA_WORDS or lemma(word) is not None


def _spelled(stem: str) -> str:
    """A stem as it is written at the end of a word: "leev" -> "leef", "verhuiz" -> "verhuis"."""
    if stem.endswith("v"):
        return stem[:-1] + "f"
    if stem.endswith("z"):
        return stem[:-1] + "s"
    return stem


def _stem_guesses(infinitive: str) -> list[str]:
    """Possible first-person stems of an infinitive, best spelling rule first."""
    if infinitive in _IRREGULAR_STEMS:
        return [_IRREGULAR_STEMS[infinitive]]
    if not infinitive.endswith("en"):
        return [infinitive[:-1]] if infinitive.endswith("n") else []
    raw = infinitive[:-2]
    guesses = []
    if len(raw) >= 2 and raw[-1] == raw[-2] and raw[-1] not in _VOWELS:
        guesses.append(raw[:-1])  # bellen -> bel
    if (
        len(raw) >= 2
        and raw[-1] not in _VOWELS
        and raw[-2] in "aeou"
        and (len(raw) < 3 or raw[-3] not in _VOWELS)
    ):
        guesses.append(raw[:-1] + raw[-2] + raw[-1])  # wonen -> woon
    guesses += [raw + "e", raw] if raw.endswith("ch") else [raw]  # douche; wandel
    return list(dict.fromkeys(_spelled(guess) for guess in guesses))


def stem(infinitive: str) -> str:
    """The first-person stem: the guess the dictionary confirms, else the first spelling rule."""
    guesses = _stem_guesses(infinitive)
    confirmed = [
        guess for guess in guesses if infinitive in (_FORMS.get(guess), _FORMS.get(guess + "t"))
    ]
    return (confirmed or guesses or [infinitive])[0]


def is_verb(infinitive: str) -> bool:
    """Whether a word is the infinitive of a verb: some finite form of it is in the dictionary."""
    if infinitive in _IRREGULAR_STEMS or infinitive in AUXILIARIES:
        return True
    if not infinitive.endswith("n"):
        return False
    return any(
        _FORMS.get(form) == infinitive
        for guess in _stem_guesses(infinitive)
        for form in (guess, guess + "t")
    )


def u_form(infinitive: str) -> str:
    """The present form that goes with "u": "wonen" -> "woont", "zijn" -> "bent"."""
    if infinitive in _IRREGULAR_U:
        return _IRREGULAR_U[infinitive]
    first = stem(infinitive)
    if first.endswith("t"):
        return first
    guesses = [first + "t", first.rstrip("e") + "t"]
    return next((guess for guess in guesses if _FORMS.get(guess) == infinitive), guesses[0])


def past_singular(plural: str) -> str:
    """The singular of a plural past: "woonden" -> "woonde", "hadden" -> "had"."""
    if plural in _IRREGULAR_PAST_PLURAL:
        return _IRREGULAR_PAST_PLURAL[plural]
    if plural.endswith(("den", "ten")):
        return plural[:-1]
    raw = plural[:-2]
    if len(raw) >= 2 and raw[-1] == raw[-2] and raw[-1] not in _VOWELS:
        raw = raw[:-1]
    return _spelled(raw)


def _kind(form: str, infinitive: str) -> Kind:
    if form == infinitive:
        return Kind.PLURAL
    if form in _OTHER_PRESENT:
        return Kind.PRESENT
    if form == stem(infinitive):
        return Kind.STEM
    if form == u_form(infinitive) or form == stem(infinitive) + "t":
        return Kind.PRESENT
    if form.endswith(("de", "te")):
        return Kind.PAST
    unparticled = next((form[len(p) :] for p in PARTICLES if form.startswith(p + "ge")), form)
    if unparticled.startswith(_PARTICIPLE_PREFIXES) and form.endswith(("d", "t", "en")):
        return Kind.PARTICIPLE
    return Kind.PAST_PLURAL if form.endswith("en") else Kind.PAST


def verb(word: str) -> Verb | None:
    """What verb form a word is, as far as the dictionary tells; None for no verb."""
    form = word.lower()
    if form in _OTHER_PRESENT:
        return Verb(Kind.PRESENT, _OTHER_PRESENT[form])
    infinitive = _FORMS.get(form)
    if infinitive and is_verb(infinitive):
        return Verb(_kind(form, infinitive), infinitive)
    if form.endswith("n") and is_verb(form):  # "vragen", filed under the noun "vraag"
        return Verb(Kind.PLURAL, form)
    for particle in PARTICLES:  # "terugbel": a separable verb the dictionary lacks
        rest = form[len(particle) :]
        if form.startswith(particle) and len(rest) > 1:
            found = verb(rest)
            if found and not found.particle:
                return Verb(found.kind, particle + found.infinitive, particle)
    return None


def stem_by_spelling(word: str) -> Verb | None:
    """A first-person stem the dictionary files under a noun ("lek", "werk", "vraag").

    Only for a word where a finite verb must stand ("ik werk"): "werk" is "werken" without -en.
    """
    form = word.lower()
    if not form.isalpha() or len(form) < 2:
        return None
    guesses = [form + "en", form + form[-1] + "en", form + "n"]
    if len(form) >= 3 and form[-2] == form[-3] and form[-2] in _VOWELS:
        guesses.append(form[:-2] + form[-1] + "en")  # vraag -> vragen
    if form.endswith("f"):
        guesses.append(form[:-1] + "ven")
    if form.endswith("s"):
        guesses.append(form[:-1] + "zen")
    for infinitive in guesses:
        if is_verb(infinitive) and stem(infinitive) == form:
            return Verb(Kind.STEM, infinitive)
    return None


def looks_dutch(words: list[str], min_ratio: float) -> bool:
    """Whether enough of the words are Dutch ones, and more only Dutch than only English."""
    if not words:
        return True
    dutch = [is_known(word) for word in words]
    english = [_ENGLISH.get(word.lower()) is not None for word in words]
    only_dutch = sum(nl and not en for nl, en in zip(dutch, english, strict=True))
    only_english = sum(en and not nl for nl, en in zip(dutch, english, strict=True))
    return sum(dutch) / len(words) >= min_ratio and only_english <= only_dutch
