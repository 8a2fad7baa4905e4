"""Signals the app that a person must take over; the contract is in docs/handoff-contract.md."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher


class ActionRequestHandoff(Action):
    """Sends the handoff payload (topic, summary, whether the tenant confirmed it)."""

    def name(self) -> str:
        return "action_request_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        confirmed = intent == "affirm" and tracker.get_slot("summary") is not None
        topic = tracker.get_slot("topic") if confirmed else "talk_to_human"
        summary = tracker.get_slot("summary") if confirmed else "u wilt een medewerker spreken"
        dispatcher.utter_message(
            json_message={
                "handoff": {
                    "topic": topic,
                    "summary": summary,
                    "summary_confirmed": confirmed,
                    "flags": [],
                }
            }
        )
        return []
