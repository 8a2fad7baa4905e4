"""The bot's questions, as Rasa forms: each asks only what is still missing, or nothing at all.

- `repair_form`: at most two details of a repair, before the summary (actions/dialogue/details.py).
- `address_form`: postcode and house number, after a confirmed summary, only for the topics
  whose teams work by area (actions/dialogue/address.py); "liever niet" is a fine answer.
  With BAG_LOCATIESERVER_URL set, the address is looked up (actions/locatieserver.py): one
  that does not exist is asked once more, then accepted; an unreachable register changes
  nothing for the tenant.
- `topic_form`: when a tenant asks for a person, once and skippably, what it is about.

A frustrated tenant (actions/dialogue/frustration.py) is asked none of them: the summary and a
person come at once.
"""

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from . import locatieserver
from .dialogue.address import (
    ROUTING_TOPICS,
    SKIPPED,
    after_check,
    find_house_number,
    find_postcode,
    parse,
)
from .dialogue.conversation import count_actions, entity_values, need_messages
from .dialogue.details import DETAILS, clean_answer, questions_to_ask
from .dialogue.frustration import frustrated
from .dialogue.intents import TOPIC_INTENTS, interruptions

# Skipping the question "waar gaat het over?": the button, or a plain "nee".
_SKIP_TOPIC = frozenset({"talk_to_human", "deny"})


def latest_intent(tracker: Tracker) -> str | None:
    """The intent of the tenant's latest message, if any."""
    return tracker.latest_message.get("intent", {}).get("name")


class ValidateRepairForm(FormValidationAction):
    """Asks for the repair's details the tenant did not give yet."""

    def name(self) -> str:
        """The form validation's name in the domain."""
        return "validate_repair_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """The details still to ask for; none after a correction or from a frustrated tenant."""
        if count_actions(tracker.events, "action_summary_rejected"):
            return []  # after a correction the tenant's own words are enough
        if frustrated(tracker.events):
            return []  # a frustrated tenant goes straight to the summary and a person
        messages = need_messages(tracker.events)
        entities = {entity for _, entity in DETAILS if entity and entity_values(messages, entity)}
        return questions_to_ask([message["text"] for message in messages], entities)

    def _answer(self, slot: str, value: Any) -> dict[str, Any]:
        return {slot: clean_answer(str(value)) or None}

    def validate_repair_object(self, value: Any, *_: Any) -> dict[str, Any]:
        """Keeps the tenant's answer about what is broken."""
        return self._answer("repair_object", value)

    def validate_repair_location(self, value: Any, *_: Any) -> dict[str, Any]:
        """Keeps the tenant's answer about where in the home it is."""
        return self._answer("repair_location", value)

    def validate_repair_since(self, value: Any, *_: Any) -> dict[str, Any]:
        """Keeps the tenant's answer about since when."""
        return self._answer("repair_since", value)


class ValidateAddressForm(FormValidationAction):
    """Asks for the postcode and house number of a need that is routed by address."""

    def name(self) -> str:
        """The form validation's name in the domain."""
        return "validate_address_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """The address slots for a topic routed by address; none for a frustrated tenant."""
        if frustrated(tracker.events):
            return []  # a frustrated tenant is not asked for more than the need
        return domain_slots if tracker.get_slot("topic") in ROUTING_TOPICS else []

    def _from_answer(self, tracker: Tracker, domain: DomainDict, find: Any) -> str | None:
        if tracker.get_slot("requested_slot") not in ("postcode", "house_number"):
            return None
        # Not an answer but a new turn: the rules take over (data/rules/questions.yml).
        if latest_intent(tracker) in interruptions(domain):
            return None
        if latest_intent(tracker) == "deny":
            return SKIPPED
        return find(tracker.latest_message.get("text") or "") or SKIPPED

    async def extract_postcode(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The postcode from the tenant's answer to its question (or skipped)."""
        value = self._from_answer(tracker, domain, find_postcode)
        return {"postcode": value} if value is not None else {}

    async def extract_house_number(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The house number from the tenant's answer to its question (or skipped)."""
        value = self._from_answer(tracker, domain, find_house_number)
        return {"house_number": value} if value is not None else {}

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Checks the address against the BAG once this turn gave (part of) a full one."""
        events = await super().get_validation_events(dispatcher, tracker, domain)
        base_url = locatieserver.configured_url()
        answered = {event.get("name") for event in events if event.get("event") == "slot"}
        if base_url is None or not answered & {"postcode", "house_number"}:
            return events
        address = parse(tracker.get_slot("postcode"), tracker.get_slot("house_number"))
        if address is None:  # skipped, or not both given
            return events
        outcome, doc = await locatieserver.check(base_url, address)
        slots = after_check(outcome, doc, tracker.get_slot("address_check"))
        return events + [SlotSet(slot, value) for slot, value in slots.items()]


class ValidateTopicForm(FormValidationAction):
    """Asks what a tenant who wants a person wants to talk about, unless that is known."""

    def name(self) -> str:
        """The form validation's name in the domain."""
        return "validate_topic_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """The topic question, unless the need is known or the tenant is frustrated."""
        if need_messages(tracker.events) or frustrated(tracker.events):
            return []  # the need is known, or the tenant is frustrated: a person at once
        return domain_slots

    def validate_human_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Keeps the tenant's topic, and the intent it is when it is one of the topics."""
        intent = latest_intent(tracker)
        if intent in _SKIP_TOPIC:
            return {"human_topic": SKIPPED}
        topic = intent if intent in TOPIC_INTENTS else None
        return {"human_topic": clean_answer(str(value)), "topic": topic}
