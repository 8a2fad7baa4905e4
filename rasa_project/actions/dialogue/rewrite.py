"""Rewrites a tenant's own words into the second person for a summary ("ik heb" -> "u hebt").

Plain Python without Rasa imports, so the app's test suite can test it too.
"""

import re

# Pronouns and possessives, first person to the formal second person.
_PRONOUNS = {
    "ik": "u",
    "mij": "u",
    "me": "u",
    "mijn": "uw",
    "m'n": "uw",
    "mn": "uw",
    "wij": "u",
    "we": "u",
    "ons": "uw",
    "onze": "uw",
    "mezelf": "uzelf",
    "mijzelf": "uzelf",
}

# Verbs whose "u" form is not simply the stem plus -t.
_IRREGULAR_VERBS = {
    "ben": "bent",
    "heb": "hebt",
    "kan": "kunt",
    "wil": "wilt",
    "zal": "zult",
    "mag": "mag",
    "ga": "gaat",
    "sta": "staat",
    "doe": "doet",
    "zie": "ziet",
    "sla": "slaat",
    "hebben": "hebt",
    "zijn": "bent",
    "kunnen": "kunt",
    "willen": "wilt",
    "moeten": "moet",
    "mogen": "mag",
    "gaan": "gaat",
    "wonen": "woont",
}

_SUBJECT_PRONOUNS = {"ik", "wij", "we"}
_WORD = re.compile(r"[\w']+|[^\w\s]", re.UNICODE)
_GREETING = re.compile(
    r"^\s*(hallo|hoi|hey|goedemorgen|goedemiddag|goedenavond|goedendag|beste|dag)\b[\s,!.]*",
    re.IGNORECASE,
)


def _conjugate(verb: str) -> str:
    """Returns the form of a verb that goes with "u" ("woon" -> "woont")."""
    lower = verb.lower()
    if lower in _IRREGULAR_VERBS:
        return _IRREGULAR_VERBS[lower]
    if lower.endswith("t") or len(lower) < 2 or not lower.isalpha():
        return lower
    return lower + "t"


def _looks_like_verb_stem(word: str) -> bool:
    """Tells whether a word right next to "ik" is likely its finite verb."""
    lower = word.lower()
    if lower in _IRREGULAR_VERBS:
        return True
    if not lower.isalpha() or lower in _PRONOUNS:
        return False
    # Infinitives and most other word classes end in -en/-e; first-person stems rarely do.
    return not lower.endswith(("en", "e", "s", "je", "tje")) and lower not in _NOT_VERBS


# Short words that often follow "ik" but are not verbs.
_NOT_VERBS = {
    "al",
    "ook",
    "nog",
    "niet",
    "nu",
    "dus",
    "wel",
    "toch",
    "echt",
    "zelf",
    "graag",
    "hier",
    "daar",
    "er",
    "het",
    "een",
    "de",
    "op",
    "in",
    "met",
    "van",
    "voor",
    "naar",
    "bij",
    "of",
    "en",
    "maar",
    "want",
    "dat",
    "die",
    "dit",
    "deze",
    "geen",
    "heel",
    "erg",
}


def to_second_person(text: str) -> str:
    """Rewrites a sentence by a tenant into the formal second person.

    >>> to_second_person("Mijn kraan lekt en ik heb geen warm water")
    'uw kraan lekt en u hebt geen warm water'
    """
    text = _GREETING.sub("", text.strip())
    tokens = _WORD.findall(text)
    out: list[str] = []
    for i, token in enumerate(tokens):
        lower = token.lower()
        prev = tokens[i - 1].lower() if i > 0 else ""
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if lower in _PRONOUNS:
            out.append(_PRONOUNS[lower])
        elif prev in _SUBJECT_PRONOUNS and _looks_like_verb_stem(token):
            out.append(_conjugate(token))  # "ik woon" -> "u woont"
        elif nxt in _SUBJECT_PRONOUNS and _looks_like_verb_stem(token):
            out.append(_conjugate(token))  # "sinds gisteren heb ik" -> "hebt u"
        else:
            out.append(lower if i == 0 else token)
    return _join(out).rstrip(" .!?")


def _join(tokens: list[str]) -> str:
    """Joins tokens with spaces, without a space before punctuation."""
    text = ""
    for token in tokens:
        if text and re.match(r"[^\w\s']", token):
            text += token
        else:
            text += (" " if text else "") + token
    return text
