"""Signals the app that a person must take over; the contract is in docs/handoff-contract.md."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from .dialogue.address import SKIPPED
from .dialogue.conversation import count_actions, intent_of, need_messages, summary_confirmed
from .dialogue.details import DETAIL_SLOTS
from .dialogue.exceptions import asks_for_exception
from .dialogue.restating import restate
from .dialogue.rewrite import to_second_person

NOT_CONFIRMED = "samenvatting niet bevestigd"

# Slots that belong to one need; a new need after a handoff starts without them. The address
# stays: the tenant is not asked for it twice.
_EPISODE_SLOTS = ("topic", "summary", *DETAIL_SLOTS, "human_topic")


def handoff_payload(tracker: Tracker, extra_flags: tuple[str, ...] = ()) -> dict[str, Any]:
    """Builds the handoff: topic, summary, whether it was confirmed, flags, routing facts."""
    intent = tracker.latest_message.get("intent", {}).get("name")
    text = tracker.latest_message.get("text") or ""
    messages = need_messages(tracker.events)
    topic, summary = tracker.get_slot("topic"), tracker.get_slot("summary")
    confirmed = bool(summary) and summary_confirmed(tracker.events) and not extra_flags
    flags = list(extra_flags)
    requested = None
    if intent in ("ask_for_employee", "appointment_visit"):
        requested = next(tracker.get_latest_entity_values("employee_name"), None)
        topic = intent
        if intent == "ask_for_employee" and requested:
            summary = f"u wilt {requested} spreken"
        else:
            summary = to_second_person(text)
        confirmed = False
    elif tracker.get_slot("human_topic"):  # the tenant said what it is about, then a person
        summary = to_second_person(tracker.get_slot("human_topic"))
        topic = topic or "talk_to_human"
    elif not summary:
        summary = restate(messages) or "u wilt een medewerker spreken"
        topic = topic or (intent_of(messages[-1]) if messages else None)
    if intent == "frustration":
        flags.append("frustratie")
    topic = topic or "talk_to_human"
    if topic == "report_emergency":
        flags.append("spoed")
    if topic == "payment_arrears" and any(asks_for_exception(m["text"]) for m in messages):
        flags.append("uitzondering gevraagd")
    payload: dict[str, Any] = {
        "topic": topic,
        "summary": summary,
        "summary_confirmed": confirmed,
        "flags": flags,
        "requested_employee": requested,
    }
    for slot in ("postcode", "house_number"):
        value = tracker.get_slot(slot)
        if value and value != SKIPPED:
            payload[slot] = value
    return payload


def hand_over(
    dispatcher: CollectingDispatcher, tracker: Tracker, extra_flags: tuple[str, ...] = ()
) -> list[EventType]:
    """Sends the handoff payload and clears this need's slots for the next conversation."""
    dispatcher.utter_message(json_message={"handoff": handoff_payload(tracker, extra_flags)})
    return [SlotSet(slot, None) for slot in _EPISODE_SLOTS]


class ActionSummaryRejected(Action):
    """Asks what is not right; after a second "nee" a person takes over all the same."""

    def name(self) -> str:
        return "action_summary_rejected"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if count_actions(tracker.events, self.name()) == 0:  # this run is not counted yet
            dispatcher.utter_message(response="utter_ask_what_is_wrong")
            # The tenant's correction replaces the details too; they are not asked again.
            return [SlotSet(slot, None) for slot in DETAIL_SLOTS]
        dispatcher.utter_message(response="utter_handing_over_unconfirmed")
        return hand_over(dispatcher, tracker, extra_flags=(NOT_CONFIRMED,))


class ActionRequestHandoff(Action):
    """Hands the tenant to a person: the app picks the named employee and tells the tenant."""

    def name(self) -> str:
        return "action_request_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return hand_over(dispatcher, tracker)
