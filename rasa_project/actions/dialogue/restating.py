"""Restates the tenant's need in the second person: "uw kraan lekt (in de keuken, al een week)".

Plain Python without Rasa imports, so the app's test suite can test it too.
"""

from collections.abc import Mapping
from typing import Any

from .conversation import Event
from .rewrite import own_words, restated, to_second_person

# How many of the tenant's own messages a summary restates.
RESTATED_MESSAGES = 3


def language_of(message: Mapping[str, Any]) -> str | None:
    """The language the app detected for a tenant's message (ISO 639-1), if it said one."""
    metadata = message.get("metadata") or {}
    language = metadata.get("language") if isinstance(metadata, dict) else None
    return language if isinstance(language, str) else None


def read_back(message: Mapping[str, Any]) -> str:
    """One message read back: restated, or in the tenant's own words when not in Dutch."""
    text = message.get("text") or ""
    if language_of(message) not in (None, "nl"):
        return own_words(text)
    return to_second_person(text)


def restate(messages: list[Event], fallback: str = "") -> str:
    """The tenant's need in the second person: their latest few messages, read back."""
    recent = [message for message in messages[-RESTATED_MESSAGES:] if message.get("text")]
    if not recent:
        return to_second_person(fallback) if fallback.strip() else ""
    return "; ".join(read_back(message) for message in recent)


def compose_summary(need: str, details: dict[str, str | None]) -> str:
    """Adds the answers to the follow-up questions: "uw kraan lekt (in de keuken, al een week)".

    An answer that cannot be restated (a word in English, a typo) is kept as the tenant wrote it.
    """
    what = details.get("repair_object")
    if what:
        what = restated(what) or what
        need = f"{need}: {what}" if need else what
    answers = (details.get(slot) for slot in ("repair_location", "repair_since"))
    extra = [restated(answer) or answer for answer in answers if answer]
    return f"{need} ({', '.join(extra)})" if extra else need
