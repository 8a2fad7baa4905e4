"""Whether a tenant's message sounds like danger, for when the assistant cannot judge it (Rasa
or its action server down): the app then gives the safety steps itself, at once, and hands the
tenant to the emergency team instead of waiting for retries. A net for the worst case, so it
errs on the safe side; the model decides in every other case.
"""

import re

# Words of danger in Dutch (and English): gas, fire, smoke, carbon monoxide, flooding, a ceiling
# coming down, sparks, power out with medical equipment, locked out with a child inside.
_DANGER = re.compile(
    r"\b(gas|gaslucht|gaslek\w*|gasgeur|brand|brandt|brandlucht|vuur|rook|rookt|rookmelder\w*"
    r"|koolmonoxide\w*|co[- ]?(melder|alarm)"
    r"|overstro\w*|onder water|plafond\w* (komt|valt|stort|zakt|hangt)\w*|ingestort\w*"
    r"|vonk\w*|kortsluiting|smeul\w*|schroeilucht|fire|smoke|flood\w*)\b"
    r"|\b(water|lekt|lekkage)\b.{0,40}\bplafond|\bplafond\b.{0,40}\b(water|lekt|druppelt)\b"
    r"|\b(stroom|elektriciteit)\b.{0,60}\b(beademing|zuurstof|medisch\w*|apparatuur|rolstoel)\b"
    r"|\b(buitengesloten|sleutel kwijt|deur dicht(gevallen)?)\b"
    r".{0,60}\b(kind\w*|baby|dochter\w*|zoon\w*)\b",
    re.IGNORECASE,
)


def sounds_like_emergency(text: str) -> bool:
    """True when the text names a danger; bounded: only the start of a long text is read."""
    return _DANGER.search(text[:2000]) is not None
