"""Hears frustration in a tenant's message, also when the message is about a concrete need.

"Dit is al de derde keer dat ik over mijn schimmel contact opneem!!" is a complaint *and* a
frustrated tenant: the bot acknowledges that first, skips its optional questions, and the case
is flagged for the employee (docs/handoff-contract.md). Plain Python without Rasa imports, so
the app's test suite can test it too.
"""

import re

from .conversation import Event, episode, intent_of

_ORDINAL = r"(?:tweede|derde|vierde|vijfde|zesde|tiende|zoveelste|\d+e|\d+ste)"
_COUNT = r"(?:twee|drie|vier|vijf|zes|tien|\d+|zo\s*vaak|vaak|meerdere|zoveel)"
_PERIOD = r"(?:weken|maanden|jaren|tijden|zo\s+lang|heel\s+lang|een\s+eeuwigheid)"

# Each cue, with the words that show it. They are deliberately narrow: a tenant who says
# "sinds een week" or "voor de eerste keer" is not frustrated by that alone.
_CUES = {
    "again and again": re.compile(
        rf"\b(?:al|alweer|nu|voor)\s+(?:de|het)?\s*{_ORDINAL}\s+keer\b"
        rf"|\b(?:al|nu\s+al)\s+{_COUNT}\s+(?:keer|maal)\b"
        r"|\bnog\s+steeds\s+(?:niet|niks|niets|geen)\b"
    ),
    "waiting long": re.compile(rf"\b(?:al|nu\s+al)\s+{_PERIOD}\b"),
    "fed up": re.compile(
        r"\bik\s+ben\s+het\s+(?:echt\s+|helemaal\s+|zo\s+)?(?:zat|beu|spuugzat|kotsbeu|moe)\b"
        r"|\b(?:ik\s+heb\s+er\s+)?(?:meer\s+dan\s+|schoon\s+)?genoeg\s+van\b"
        r"|\bgenoeg\s+is\s+genoeg\b"
        r"|\b(?:belachelijk|schandalig|schande|onacceptabel|onbegrijpelijk)\b"
        r"|\bte\s+gek\s+voor\s+woorden\b"
    ),
    "sent around": re.compile(
        r"\bvan\s+het\s+kastje\s+naar\s+de\s+muur\b"
        r"|\bniemand\s+(?:doet|reageert|belt|luistert|helpt|komt)\b"
        r"|\bnooit\s+(?:terug)?(?:gebeld|gereageerd|iets\s+gehoord)\b"
        r"|\bgeen\s+(?:enkele\s+)?reactie\b"
        r"|\ber\s+gebeurt\s+(?:niks|niets)\b"
    ),
    "exclamation marks": re.compile(r"!\s*!|\?\s*!|!\s*\?"),
}
_LETTER = re.compile(r"[^\W\d_]")
SHOUTING_LETTERS = 10  # fewer capitals than this are an abbreviation ("CV", "WC"), not shouting
SHOUTING_SHARE = 0.7  # of the message's letters


def cues(text: str) -> list[str]:
    """Names the frustration cues in a message, in a fixed order; none for a calm message."""
    plain = " ".join(text.casefold().split())
    found = [name for name, pattern in _CUES.items() if pattern.search(plain)]
    letters = _LETTER.findall(text)
    capitals = sum(1 for letter in letters if letter.isupper())
    if capitals >= SHOUTING_LETTERS and capitals >= SHOUTING_SHARE * len(letters):
        found.append("capitals")
    return found


def shows_frustration(message: Event) -> bool:
    """Whether a tenant's message (a Rasa user event or latest message) shows frustration: the
    intent `frustration`, or a clear cue in a message about something else."""
    intent = intent_of(message) or (message.get("intent") or {}).get("name")
    return intent == "frustration" or bool(cues(message.get("text") or ""))


def frustrated(events: list[Event]) -> bool:
    """Whether the tenant showed frustration since the conversation started or a person last
    took over: then the bot asks no optional question."""
    return any(
        shows_frustration(event) for event in episode(events) if event.get("event") == "user"
    )
