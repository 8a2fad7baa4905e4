"""Listening: at most two short follow-up questions about a repair before the summary.

For a repair the employee needs what is broken, where in the home, and since when. The bot asks
only for what the tenant's own words do not already say, and never more than two questions.
Plain Python without Rasa imports, so the app's test suite can test it too.
"""

import re

MAX_QUESTIONS = 2

# The details in the order the bot asks for them, with the entity that already answers each one.
DETAILS = (
    ("repair_object", "repair_object"),
    ("repair_location", "repair_location"),
    ("repair_since", None),
)

_SINCE = re.compile(
    r"\b(sinds|sind|vanaf|gisteren|gister|eergisteren|vandaag|vanochtend|vanmorgen|vanmiddag"
    r"|vanavond|vannacht|afgelopen|vorige|al\s+(?:een|1|\d+|twee|drie|vier|vijf|paar|enkele"
    r"|lang|heel|weken|dagen|maanden|jaren|tijden)|(?:dagen|weken|maanden|jaren)\s+al"
    r"|since|yesterday|today)\b",
    re.IGNORECASE,
)


DETAIL_SLOTS = tuple(slot for slot, _ in DETAILS)


def says_since_when(text: str) -> bool:
    """Whether the tenant already said since when ("al een week", "sinds gisteren")."""
    return bool(_SINCE.search(text))


def questions_to_ask(need_texts: list[str], entities: set[str]) -> list[str]:
    """Returns the detail slots to ask for: the missing ones, at most two, in a fixed order."""
    missing = []
    for slot, entity in DETAILS:
        if entity is not None and entity in entities:
            continue
        if entity is None and any(says_since_when(text) for text in need_texts):
            continue
        missing.append(slot)
    return missing[:MAX_QUESTIONS]


def clean_answer(text: str) -> str:
    """An answer as part of a sentence: trimmed, no closing punctuation, lower-case start."""
    answer = " ".join(text.split()).rstrip(".!?,;")
    if answer[:1].isupper() and not answer[1:2].isupper():
        answer = answer[0].lower() + answer[1:]
    return answer
