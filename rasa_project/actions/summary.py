"""Summarises the tenant's need back to them: "Dus als ik het goed begrijp … Klopt dat?"."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from .dialogue.conversation import intent_of, need_messages
from .dialogue.details import DETAIL_SLOTS
from .dialogue.restating import compose_summary, restate
from .frustration import hear_frustration


def tracker_summary(tracker: Tracker) -> tuple[str, str | None]:
    """Returns the summary of this episode and the topic it is about."""
    messages = need_messages(tracker.events)
    need = restate(messages, tracker.latest_message.get("text") or "")
    details = {slot: tracker.get_slot(slot) for slot in DETAIL_SLOTS}
    topic = intent_of(messages[-1]) if messages else tracker.latest_message["intent"].get("name")
    return compose_summary(need, details), topic


class ActionSummarise(Action):
    """Restates the tenant's need in the second person and asks whether it is right; a
    frustration the tenant just showed is acknowledged first."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_summarise"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Says the need back to the tenant; keeps the summary and its topic in slots."""
        summary, topic = tracker_summary(tracker)
        hear_frustration(dispatcher, tracker)
        dispatcher.utter_message(response="utter_summary", summary=summary)
        return [SlotSet("topic", topic), SlotSet("summary", summary)]
