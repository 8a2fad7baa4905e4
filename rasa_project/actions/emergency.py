"""Emergencies first: the safety steps and the storingsdienst number, before any question."""

import os
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from .summary import tracker_summary

# The corporation's 24-hour repair line; set STORINGSDIENST_NUMBER for the action server.
DEFAULT_NUMBER = "0800 - 123 45 67"


class ActionEmergency(Action):
    """Gives 112, the gas steps and the storingsdienst number, then offers to pass it on."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Says what to do and whom to call, then offers to pass the emergency on."""
        number = os.environ.get("STORINGSDIENST_NUMBER") or DEFAULT_NUMBER
        dispatcher.utter_message(response="utter_emergency", storingsdienst=number)
        summary, _ = tracker_summary(tracker)
        dispatcher.utter_message(response="utter_offer_emergency_handoff", summary=summary)
        return [SlotSet("topic", "report_emergency"), SlotSet("summary", summary)]
