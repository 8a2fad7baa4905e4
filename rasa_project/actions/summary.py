"""Summarises the tenant's need back to them: "Dus als ik het goed begrijp … Klopt dat?"."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from .rewrite import to_second_person

# Intents that carry no part of the tenant's need.
_NOT_A_NEED = {
    "greet", "goodbye", "thank", "affirm", "bot_challenge", "talk_to_human", "frustration",
    "provide_address",
}  # fmt: skip


def events_since_handoff(tracker: Tracker) -> list[dict[str, Any]]:
    """Returns the events since the conversation started or a person last took over."""
    start = 0
    for index, event in enumerate(tracker.events):
        if event.get("event") in ("session_started", "restart") or (
            event.get("event") == "action" and event.get("name") == "action_request_handoff"
        ):
            start = index + 1
    return tracker.events[start:]


def tenant_need_texts(tracker: Tracker) -> list[str]:
    """Returns what the tenant said about their need, since the last rejection or handoff."""
    texts: list[str] = []
    for event in events_since_handoff(tracker):
        if event.get("event") == "user":
            intent = (event.get("parse_data") or {}).get("intent", {}).get("name")
            if intent == "deny":
                texts = []  # the tenant corrects us: what follows replaces the earlier need
            elif intent not in _NOT_A_NEED and event.get("text"):
                texts.append(event["text"])
    return texts


class ActionSummarise(Action):
    """Restates the tenant's need in the second person and asks whether it is right."""

    def name(self) -> str:
        return "action_summarise"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        texts = tenant_need_texts(tracker) or [tracker.latest_message.get("text", "")]
        summary = "; ".join(to_second_person(text) for text in texts[-3:])
        dispatcher.utter_message(response="utter_summary", summary=summary)
        topic = tracker.latest_message.get("intent", {}).get("name")
        return [SlotSet("topic", topic), SlotSet("summary", summary)]
