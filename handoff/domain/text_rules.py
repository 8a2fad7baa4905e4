"""Rules for what a tenant typed, before the assistant reads it."""

import re

# Rasa strips the text and reads anything that then starts with "/" as an intent with slots
# ("/ask_for_employee{…}"). Slashes and whitespace in any order ("/ /restart", "/\t/…", "/\xa0/…")
# must all go, not just the first run of slashes.
_LEADING = re.compile(r"^[\s/]+")


def neutralise(text: str) -> str:
    """Removes leading slashes and whitespace, so tenant text can never inject an intent or
    slots; only the buttons the app offered reach Rasa with a slash."""
    return _LEADING.sub("", text).strip()
