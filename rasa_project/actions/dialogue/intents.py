"""What the actions need to know about intents: the topics, and which intents interrupt a question.

Plain Python without Rasa imports, so the app's test suite can check these against domain.yml.
"""

from collections.abc import Mapping
from typing import Any

# The intents that name a need a team handles (the domain's topics, without talk_to_human).
TOPIC_INTENTS = frozenset({
    "report_repair", "report_emergency", "payment_arrears", "rent_question", "end_tenancy",
    "housing_search", "nuisance", "complaint", "planned_maintenance", "home_modification",
    "ask_for_employee", "appointment_visit",
})  # fmt: skip


def interruptions(domain: Mapping[str, Any]) -> frozenset[str]:
    """Returns the intents that interrupt a question: those a slot mapping refuses (not_intent).

    The questions that Rasa fills from the text list them in domain.yml; the address questions
    are read by code (actions/forms.py), which takes the same list from the domain it is given.
    """
    refused: set[str] = set()
    for slot in (domain.get("slots") or {}).values():
        for mapping in (slot or {}).get("mappings") or ():
            not_intent = mapping.get("not_intent") or ()
            refused.update([not_intent] if isinstance(not_intent, str) else not_intent)
    return frozenset(refused)
