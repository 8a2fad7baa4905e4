"""Builds the handoff payload the app reads when a person takes over (docs/handoff-contract.md).

It works on the tracker's plain data (its events, slots and latest message), so the app's test
suite can check the producer side of the contract against `HandoffRequest.from_payload`.
"""

from collections.abc import Mapping
from typing import Any

from .address import FOUND, NOT_FOUND, SKIPPED, UNCHECKED
from .conversation import Event, intent_of, need_messages, summary_confirmed
from .exceptions import asks_for_exception
from .frustration import frustrated
from .restating import read_back, restate
from .rewrite import to_second_person
from .texts import FRUSTRATED, NOT_FOUND_FLAG, URGENT, WANTS_EMPLOYEE, WANTS_SOMEONE

# The repair details the repair_form asked, passed on as the tenant answered them.
REPAIR_DETAILS = ("repair_object", "repair_location")


def latest_entity(latest: Mapping[str, Any], entity: str) -> str | None:
    """Returns the first value of an entity (without role or group) in the latest message."""
    return next(
        (
            found.get("value")
            for found in latest.get("entities", [])
            if found.get("entity") == entity
            and found.get("group") is None
            and found.get("role") is None
        ),
        None,
    )


def handoff_payload(
    events: list[Event],
    slots: Mapping[str, Any],
    latest: Mapping[str, Any],
    extra_flags: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Builds the handoff: topic, summary, whether it was confirmed, flags, routing facts, the
    address check and the repair details."""
    intent = latest.get("intent", {}).get("name")
    messages = need_messages(events)
    topic, summary = slots.get("topic"), slots.get("summary")
    confirmed = bool(summary) and summary_confirmed(events) and not extra_flags
    flags = list(extra_flags)
    requested = None
    if intent in ("ask_for_employee", "appointment_visit"):
        requested = latest_entity(latest, "employee_name")
        topic = intent
        if intent == "ask_for_employee" and requested:
            summary = WANTS_EMPLOYEE.format(employee=requested)
        else:
            summary = read_back(latest)
        confirmed = False
    elif slots.get("human_topic"):  # the tenant said what it is about, then a person
        summary = to_second_person(slots["human_topic"])
        topic = topic or "talk_to_human"
    elif not summary:
        summary = restate(messages) or WANTS_SOMEONE
        topic = topic or (intent_of(messages[-1]) if messages else None)
    if frustrated(events):
        flags.append(FRUSTRATED)
    topic = topic or "talk_to_human"
    if topic == "report_emergency":
        flags.append(URGENT)
    if topic == "payment_arrears" and any(asks_for_exception(m["text"]) for m in messages):
        flags.append("uitzondering gevraagd")
    payload: dict[str, Any] = {
        "topic": topic,
        "summary": summary,
        "summary_confirmed": confirmed,
        "flags": flags,
        "requested_employee": requested,
    }
    for slot in ("postcode", "house_number", *REPAIR_DETAILS):
        value = slots.get(slot)
        if value and value != SKIPPED:
            payload[slot] = value
    if "postcode" in payload and "house_number" in payload:
        payload.update(address_facts(slots))
    if payload.get("address_check") == NOT_FOUND:
        flags.append(NOT_FOUND_FLAG)
    return payload


def address_facts(slots: Mapping[str, Any]) -> dict[str, Any]:
    """What the BAG check said about the address (docs/handoff-contract.md): nothing when no
    check was made, and the register's ids when the home was found."""
    check = slots.get("address_check")
    if check not in (FOUND, NOT_FOUND, UNCHECKED):
        return {}
    facts: dict[str, Any] = {"address_check": check}
    ids = {
        "nummeraanduiding_id": slots.get("bag_nummeraanduiding_id"),
        "adresseerbaarobject_id": slots.get("bag_adresseerbaarobject_id"),
    }
    if check == FOUND and all(ids.values()):
        facts["bag"] = ids
    return facts
