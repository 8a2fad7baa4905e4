"""Rules for what a tenant typed, before the assistant reads it."""

import re

# Rasa strips the text and reads anything that then starts with "/" as an intent with slots
# ("/ask_for_employee{…}"). Slashes and whitespace in any order ("/ /restart", "/\t/…", "/\xa0/…")
# must all go, not just the first run of slashes.
_LEADING = re.compile(r"^[\s/]+")


def storable(text: str) -> str:
    """What of a text every database keeps: without NUL bytes (PostgreSQL refuses them in
    text) and with a lone UTF-16 surrogate (JSON can carry one, UTF-8 cannot) made U+FFFD."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def neutralise(text: str) -> str:
    """Removes leading slashes and whitespace, so tenant text can never inject an intent or
    slots; only the buttons the app offered reach Rasa with a slash."""
    return _LEADING.sub("", text).strip()


def shorten(text: str, limit: int) -> str:
    """Fits a name or a line into `limit` characters: spaces and line breaks made single,
    then, if it is still too long, cut after a whole word with "…" (mid-word only for one
    very long word)."""
    plain = " ".join(text.split())
    if len(plain) <= limit:
        return plain
    cut = plain[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"
