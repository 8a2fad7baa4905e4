"""Masking personal data before a tenant's message is shown for review or kept as training data.

Masks e-mail addresses, phone numbers, postcodes, house numbers (after a postcode, a street or
"nummer"), and names: the directory's employees and the tenant's own. What is left is what the
message was about.
"""

import re
from collections.abc import Iterable

EMAIL = "[e-mail]"
PHONE = "[telefoon]"
POSTCODE = "[postcode]"
ADDRESS = "[adres]"
NUMBER = "[huisnummer]"
NAME = "[naam]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)(?:[\s.-]?\(?0?\)?)?(?:[\s.-]?\d){9}(?!\d)")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Za-z]{2}\b")
_STREET = re.compile(
    r"\b[A-Za-zÀ-ÿ'-]*(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|park|steeg|pad|"
    r"dreef|markt|erf|veld)\s+\d+(?:\s?[-]?\s?[A-Za-z]{1,3}\b|\s?-\s?\d+)?",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(
    r"\b(huisnummer|nummer|nr\.?|no\.?)\s*\d+(?:\s?[-]?\s?[A-Za-z]{1,3}\b)?", re.IGNORECASE
)
_AFTER_POSTCODE = re.compile(
    re.escape(POSTCODE) + r"[\s,]*(?:nr\.?\s*)?\d+(?:\s?[-]?\s?[A-Za-z]{1,3}\b)?"
)
_PARTICLES = {"de", "van", "der", "den", "el", "al", "ter", "ten", "het", "op", "in", "t"}


def mask(text: str, names: Iterable[str] = ()) -> str:
    """Returns the text with personal data replaced by placeholders like [postcode]."""
    text = _EMAIL.sub(EMAIL, text)
    text = _PHONE.sub(PHONE, text)
    text = _POSTCODE.sub(POSTCODE, text)
    text = _AFTER_POSTCODE.sub(f"{POSTCODE} {NUMBER}", text)
    text = _STREET.sub(ADDRESS, text)
    text = _NUMBER_WORD.sub(lambda m: f"{m.group(1)} {NUMBER}", text)
    for pattern in _name_patterns(names):
        text = pattern.sub(NAME, text)
    return re.sub(rf"(?:{re.escape(NAME)}\s+)+{re.escape(NAME)}", NAME, text)


def _name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
    """Whole names first, then each part that could name someone on its own."""
    wholes, parts = set[str](), set[str]()
    for name in names:
        words = name.split()
        if not words:
            continue
        wholes.add(" ".join(words))
        if len(words) > 1:
            wholes.add(" ".join(words[1:]))  # "de Vries", "el Amrani"
        parts.update(w for w in words if w.casefold() not in _PARTICLES and len(w) > 2)
    ordered = sorted(wholes, key=len, reverse=True) + sorted(parts, key=len, reverse=True)
    return [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE) for n in ordered]


def group_key(masked: str) -> str:
    """The same key for near-identical messages: case, punctuation and word order ignored."""
    words = re.findall(r"\[[a-z-]+\]|[^\W_]+", masked.casefold())
    return " ".join(sorted(set(words)))[:200]
