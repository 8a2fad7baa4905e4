"""Recognises a request outside the usual rules, so a person decides it instead of the bot.

The usual maximum for a payment arrangement is six months; a tenant who asks for longer is
never refused by the assistant: the case goes to a person, flagged "uitzondering gevraagd".
Plain Python without Rasa imports, so the app's test suite can test it too.
"""

import re

USUAL_MAXIMUM_MONTHS = 6

_NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "achttien": 18,
    "twintig": 20, "vierentwintig": 24, "anderhalf": 1.5, "half": 0.5,
}  # fmt: skip
_PERIOD = re.compile(
    r"(?P<number>\d+(?:[.,]\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s*"
    r"(?P<unit>maanden|maand|mnd|jaar|jaren|jr)\b",
    re.IGNORECASE,
)


def months_asked(text: str) -> list[float]:
    """Returns every period in the text, in months ("12 maanden", "anderhalf jaar")."""
    periods = []
    for match in _PERIOD.finditer(text.casefold()):
        raw = match["number"]
        number = _NUMBER_WORDS.get(raw) or float(raw.replace(",", "."))
        unit = match["unit"]
        periods.append(number * 12 if unit.startswith("j") else number)
    return periods


def asks_for_exception(text: str) -> bool:
    """Tells whether the tenant asks for a payment arrangement longer than the usual maximum."""
    return any(months > USUAL_MAXIMUM_MONTHS for months in months_asked(text))
