"""Signals the app that a person must take over; the contract is in docs/handoff-contract.md."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from .dialogue.conversation import count_actions
from .dialogue.details import DETAIL_SLOTS
from .dialogue.frustration import frustrated
from .dialogue.payload import handoff_payload
from .dialogue.texts import NOT_CONFIRMED
from .frustration import hear_frustration

# Slots that belong to one need; a new need after a handoff starts without them. The address
# stays: the tenant is not asked for it twice.
_EPISODE_SLOTS = ("topic", "summary", *DETAIL_SLOTS, "human_topic")


def hand_over(
    dispatcher: CollectingDispatcher, tracker: Tracker, extra_flags: tuple[str, ...] = ()
) -> list[EventType]:
    """Sends the handoff payload and clears this need's slots for the next conversation."""
    payload = handoff_payload(tracker.events, tracker.slots, tracker.latest_message, extra_flags)
    dispatcher.utter_message(json_message={"handoff": payload})
    return [SlotSet(slot, None) for slot in _EPISODE_SLOTS]


class ActionSummaryRejected(Action):
    """Asks what is not right; after a second "nee" (or the first, from a frustrated tenant) a
    person takes over all the same."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_summary_rejected"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Asks what is wrong the first time; hands the tenant over, unconfirmed, after that."""
        first = count_actions(tracker.events, self.name()) == 0  # this run is not counted yet
        if first and not frustrated(tracker.events):
            dispatcher.utter_message(response="utter_ask_what_is_wrong")
            # The tenant's correction replaces the details too; they are not asked again.
            return [SlotSet(slot, None) for slot in DETAIL_SLOTS]
        hear_frustration(dispatcher, tracker)
        dispatcher.utter_message(response="utter_handing_over_unconfirmed")
        return hand_over(dispatcher, tracker, extra_flags=(NOT_CONFIRMED,))


class ActionRequestHandoff(Action):
    """Hands the tenant to a person: the app picks the named employee and tells the tenant.
    A frustration the tenant just showed ("Is mevrouw de Vries er nou eindelijk?!") is
    acknowledged first."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_request_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Hears a frustrated tenant, then hands the tenant over."""
        hear_frustration(dispatcher, tracker)
        return hand_over(dispatcher, tracker)
