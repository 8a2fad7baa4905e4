"""Reads the conversation so far from Rasa's event list: what the tenant said about their need.

Plain Python without Rasa imports, so the app's test suite can test it too. An *episode* starts
with the session, a restart, or a handoff: a person took over, and what follows is a new need.
"""

from collections.abc import Iterable
from typing import Any

Event = dict[str, Any]

SUMMARY_ACTIONS = ("action_summarise", "action_emergency")
ASK_DANGER = "utter_ask_danger"  # "Is er direct gevaar?" (data/rules/safety.yml)

# Intents that carry no part of the tenant's need.
NOT_A_NEED = frozenset(
    {"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "talk_to_human",
     "frustration", "provide_address", "out_of_scope", "nlu_fallback"}
)  # fmt: skip

# A message that interrupts a question is still part of the need (the tenant smells gas now).
_INTERRUPTING_NEEDS = frozenset({"report_emergency"})


def is_handoff(event: Event) -> bool:
    """Whether the bot handed the tenant to a person with this event (the app's custom payload)."""
    return event.get("event") == "bot" and "handoff" in (
        (event.get("data") or {}).get("custom") or {}
    )


def episode(events: list[Event]) -> list[Event]:
    """Returns the events since the conversation started or a person last took over."""
    start = 0
    for index, event in enumerate(events):
        if event.get("event") in ("session_started", "restart") or is_handoff(event):
            start = index + 1
    return events[start:]


def intent_of(event: Event) -> str | None:
    """The name of the intent Rasa parsed for a user event, if any."""
    return (event.get("parse_data") or {}).get("intent", {}).get("name")


def need_messages(events: list[Event]) -> list[Event]:
    """Returns the tenant's messages about their need in this episode.

    A "nee" to a summary starts over: what the tenant says next replaces the earlier need (a
    "nee" to "Is er direct gevaar?" does not). Answers to the bot's questions (messages while a
    form is active) are details, kept in slots, not part of the need itself.
    """
    messages: list[Event] = []
    in_form = False
    asked = None  # the bot's latest action before the tenant's message
    for event in episode(events):
        kind = event.get("event")
        if kind == "active_loop":
            in_form = event.get("name") is not None
        elif kind == "action" and event.get("name") != "action_listen":
            asked = event.get("name")
        elif kind == "user":
            intent = intent_of(event)
            if intent == "deny" and not in_form and asked != ASK_DANGER:
                messages = []
            elif intent in NOT_A_NEED or not event.get("text"):
                continue
            elif messages and messages[-1].get("text") == event.get("text"):
                continue  # the same turn again: a retry after a failed action, or a double send
            elif not in_form or intent in _INTERRUPTING_NEEDS:
                messages.append(event)
    return messages


def entity_values(messages: Iterable[Event], entity: str) -> list[str]:
    """Returns the values of one entity in the given messages, in order."""
    return [
        str(found.get("value"))
        for message in messages
        for found in (message.get("parse_data") or {}).get("entities") or ()
        if found.get("entity") == entity and found.get("value")
    ]


def count_actions(events: list[Event], name: str) -> int:
    """Counts how often an action ran in this episode."""
    return sum(
        1
        for event in episode(events)
        if event.get("event") == "action" and event.get("name") == name
    )


def summary_confirmed(events: list[Event]) -> bool:
    """Whether the tenant's first answer after the latest summary in this episode was "ja"."""
    answer = None
    for event in episode(events):
        if event.get("event") == "action" and event.get("name") in SUMMARY_ACTIONS:
            answer = "pending"
        elif event.get("event") == "user" and answer == "pending":
            answer = intent_of(event)
    return answer == "affirm"
