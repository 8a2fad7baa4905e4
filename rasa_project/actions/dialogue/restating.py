"""Restates the tenant's need in the second person: "uw kraan lekt (in de keuken, al een week)".

Plain Python without Rasa imports, so the app's test suite can test it too.
"""

from .conversation import Event
from .details import clean_answer
from .rewrite import to_second_person

# How many of the tenant's own messages a summary restates.
RESTATED_MESSAGES = 3


def restate(messages: list[Event], fallback: str = "") -> str:
    """The tenant's need in the second person: their latest few messages, rewritten."""
    texts = [message["text"] for message in messages[-RESTATED_MESSAGES:]] or [fallback]
    return "; ".join(to_second_person(clean_answer(text)) for text in texts if text)


def compose_summary(need: str, details: dict[str, str | None]) -> str:
    """Adds the answers to the follow-up questions: "uw kraan lekt (in de keuken, al een week)"."""
    what = details.get("repair_object")
    if what:
        need = f"{need}: {to_second_person(what)}" if need else to_second_person(what)
    answers = (details.get(slot) for slot in ("repair_location", "repair_since"))
    extra = [to_second_person(answer) for answer in answers if answer]
    return f"{need} ({', '.join(extra)})" if extra else need
