"""Signals the app that a person must take over; the contract is in docs/handoff-contract.md."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from .exceptions import asks_for_exception
from .rewrite import to_second_person
from .summary import events_since_handoff, tenant_need_texts


def count_rejections(tracker: Tracker) -> int:
    """Counts the tenant's "nee" to a summary since the conversation or the last handoff began."""
    return sum(
        1
        for event in events_since_handoff(tracker)
        if event.get("event") == "action" and event.get("name") == "action_summary_rejected"
    )


class ActionSummaryRejected(Action):
    """Asks what is not right; after a second "nee" a person takes over all the same."""

    def name(self) -> str:
        return "action_summary_rejected"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if count_rejections(tracker) == 0:  # this run is not counted yet
            dispatcher.utter_message(response="utter_ask_what_is_wrong")
            return []
        dispatcher.utter_message(response="utter_handing_over_unconfirmed")
        summary = tracker.get_slot("summary") or to_second_person(
            tracker.latest_message.get("text") or ""
        )
        dispatcher.utter_message(
            json_message={
                "handoff": {
                    "topic": tracker.get_slot("topic") or "talk_to_human",
                    "summary": summary,
                    "summary_confirmed": False,
                    "flags": ["samenvatting niet bevestigd"],
                }
            }
        )
        return []


class ActionRequestHandoff(Action):
    """Sends the handoff payload: topic, summary, whether the tenant confirmed it, flags."""

    def name(self) -> str:
        return "action_request_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        text = tracker.latest_message.get("text") or ""
        handoff: dict[str, Any] = {"flags": [], "summary_confirmed": False}
        if intent == "affirm" and tracker.get_slot("summary"):
            topic = tracker.get_slot("topic")
            handoff.update(topic=topic, summary=tracker.get_slot("summary"))
            handoff["summary_confirmed"] = True
            if topic == "report_emergency":
                handoff["flags"].append("spoed")
            if topic == "payment_arrears" and any(
                asks_for_exception(text) for text in tenant_need_texts(tracker)
            ):
                handoff["flags"].append("uitzondering gevraagd")
        elif intent == "ask_for_employee":
            name = next(tracker.get_latest_entity_values("employee_name"), None)
            handoff.update(
                topic=intent,
                summary=f"u wilt {name} spreken" if name else to_second_person(text),
                requested_employee=name,
            )
        elif intent == "appointment_visit":
            handoff.update(topic=intent, summary=to_second_person(text))
        elif intent == "frustration":
            need = tenant_need_texts(tracker)
            summary = "; ".join(to_second_person(t) for t in need[-3:]) or to_second_person(text)
            handoff.update(topic="talk_to_human", summary=summary)
            handoff["flags"].append("frustratie")
        else:
            handoff.update(topic="talk_to_human", summary="u wilt een medewerker spreken")
        dispatcher.utter_message(json_message={"handoff": handoff})
        return []
