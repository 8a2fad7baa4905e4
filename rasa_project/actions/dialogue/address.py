"""Routing questions come last: postcode and house number, only for topics that need them.

The postcode narrows the team to the colleague of the tenant's area. Plain Python without Rasa
imports, so the app's test suite can test it too.
"""

import re

# Topics whose team works by area; other topics never get an address question.
ROUTING_TOPICS = frozenset({"report_repair", "nuisance"})

SKIPPED = ""  # the tenant preferred not to say; the employee can ask

_POSTCODE = re.compile(r"\b([1-9]\d{3})\s?([a-zA-Z]{2})\b")
_HOUSE_NUMBER = re.compile(
    r"\b(\d{1,5})(?:\s?(bis|hs|[a-z](?![a-z])))?(?:\s?-\s?(\d{1,3}|[ivx]{1,4}|hs)\b)?",
    re.IGNORECASE,
)


def find_postcode(text: str) -> str | None:
    """Returns a Dutch postcode in the text, written as "1234 AB"."""
    match = _POSTCODE.search(text)
    return f"{match[1]} {match[2].upper()}" if match else None


def find_house_number(text: str) -> str | None:
    """Returns the house number in the text, the postcode's digits not counted."""
    rest = _POSTCODE.sub(" ", text)
    match = _HOUSE_NUMBER.search(rest)
    if not match:
        return None
    number, suffix, addition = match.groups()
    return number + (suffix or "") + (f"-{addition}" if addition else "")
