"""The data behind Telegram's inline buttons: formatted and read in this one place.

The services queue a case's buttons as {"title", "action", "case_id"}; Telegram carries them
as "claim:12". Buttons for tenants carry their payload as it is ("/affirm", "feedback:…").
"""

import re
from typing import Any

from handoff.domain.case_actions import Verb

# Verb ↔ the word in the button's data. "close!" is the second press: "Ja, afsluiten".
_WORDS = {
    Verb.CLAIM: "claim",
    Verb.ASK_TRANSFER: "transfer",
    Verb.ASK_CLOSE: "close",
    Verb.CLOSE: "close!",
    Verb.MISREAD: "misread",
}
_VERBS = {word: verb for verb, word in _WORDS.items()}
_CASE_BUTTON = re.compile(r"^(claim|transfer|close!?|misread):(\d+)$")


def callback_data(button: dict[str, Any]) -> str:
    """The data Telegram sends back when the button is pressed."""
    if "action" in button:
        return f"{_WORDS[Verb(button['action'])]}:{int(button['case_id'])}"
    return str(button["payload"])


def case_button(data: str | None) -> tuple[Verb, int] | None:
    """Reads a case button's data: what to do with which case; None for other buttons."""
    match = _CASE_BUTTON.match(data or "")
    if match is None:
        return None
    return _VERBS[match.group(1)], int(match.group(2))
