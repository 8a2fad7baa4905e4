"""Finds the person a tenant means: "meneer de Vries", "S. de Vries", "Sane de Vris", "Fatima"."""

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from handoff.domain.directory import normalise_name

# Forms of address that say nothing about who is meant.
_TITLES = {
    "meneer", "mevrouw", "mijnheer", "mnr", "mvr", "dhr", "mw", "mevr", "heer", "de heer",
    "juffrouw", "juf", "mr", "mrs", "ms", "miss", "sir",
}  # fmt: skip
_SPELLING_SLIP = 0.85  # similarity above which a different spelling counts as the same name


def _words(name: str) -> list[str]:
    plain = re.sub(r"[^\w\s]", " ", normalise_name(name))
    words = plain.split()
    while words and (words[0] in _TITLES or " ".join(words[:2]) in _TITLES):
        words = words[2:] if " ".join(words[:2]) in _TITLES else words[1:]
    return words


def _score(spoken: list[str], full: list[str]) -> float:
    """How sure we are that the spoken words mean this full name (0 to 1)."""
    if not spoken:
        return 0.0
    said, name, surname = " ".join(spoken), " ".join(full), " ".join(full[1:])
    if said == name:
        return 1.0
    if len(spoken[0]) == 1 and spoken[0] == full[0][0] and " ".join(spoken[1:]) == surname:
        return 0.97  # "s de vries"
    if surname and said == surname:
        return 0.95  # "de vries"
    if len(spoken) == 1 and spoken[0] == full[0]:
        return 0.9  # "fatima"
    best = max(SequenceMatcher(None, said, option).ratio() for option in (name, surname or name))
    return best * 0.9 if best >= _SPELLING_SLIP else 0.0


def find_person(candidates: Iterable[str], spoken: str) -> str | None:
    """Returns the one candidate the spoken name means, or None when none or several fit."""
    words = _words(spoken)
    scored = sorted(
        ((_score(words, _words(candidate)), candidate) for candidate in candidates),
        reverse=True,
    )
    if not scored or scored[0][0] == 0.0:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None  # two people fit equally well: guessing would bounce the tenant
    return scored[0][1]
