"""The handoff payload Rasa sends when a person must take over (docs/handoff-contract.md)."""

from dataclasses import dataclass
from typing import Any

from handoff.domain import addresses

# Topics are intent names (cases.topic holds 64 characters); a longer one is not ours.
TOPIC_LIMIT = 64
DUTCH = "nl"  # the language of the dialogue model, and of every case unless the tenant wrote
LANGUAGE_LENGTH = 8  # another (ISO 639-1: "tr"; cases.language)


# What the BAG check said (payload `address_check`); absent: no check was made.
ADDRESS_CHECKS = frozenset({"found", "not_found", "unchecked"})


class InvalidHandoff(ValueError):
    """The payload does not follow the contract."""


@dataclass(frozen=True)
class HandoffRequest:
    """What the tenant needs, as the dialogue model understood (and the tenant confirmed) it."""

    topic: str
    summary: str
    summary_confirmed: bool
    flags: tuple[str, ...] = ()
    postcode: str | None = None
    house_number: str | None = None
    requested_employee: str | None = None
    language: str = DUTCH  # the tenant's (the app sets it; Rasa speaks Dutch only)
    address_check: str | None = None  # "found", "not_found", "unchecked"; None: not checked
    nummeraanduiding_id: str | None = None  # the BAG's ids of the home, when found
    adresseerbaarobject_id: str | None = None
    repair_object: str | None = None  # the repair details as the tenant answered them
    repair_location: str | None = None

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> "HandoffRequest":
        """Reads the `handoff` object of Rasa's custom payload."""
        try:
            topic, summary = str(payload["topic"]), str(payload["summary"])
        except (KeyError, TypeError) as error:
            raise InvalidHandoff(f"handoff payload lacks {error}") from None
        if not topic or not summary:
            raise InvalidHandoff("handoff payload needs a topic and a summary")
        if len(topic) > TOPIC_LIMIT:
            raise InvalidHandoff("handoff payload has a topic longer than an intent name")
        check = payload.get("address_check")
        bag = payload.get("bag")
        if not isinstance(bag, dict):
            bag = {}
        return cls(
            topic=topic,
            summary=summary,
            summary_confirmed=bool(payload.get("summary_confirmed", False)),
            flags=tuple(str(flag) for flag in payload.get("flags") or ()),
            postcode=_optional(payload.get("postcode")),
            house_number=_optional(payload.get("house_number")),
            requested_employee=_optional(payload.get("requested_employee")),
            address_check=check if check in ADDRESS_CHECKS else None,
            nummeraanduiding_id=_optional(bag.get("nummeraanduiding_id")),
            adresseerbaarobject_id=_optional(bag.get("adresseerbaarobject_id")),
            repair_object=_optional(payload.get("repair_object")),
            repair_location=_optional(payload.get("repair_location")),
        )

    def details(self) -> dict[str, str]:
        """Returns the facts worth keeping with the case (cases.details): the address in the
        BAG's and VERA's parts (domain/addresses.py; as written when it cannot be split), the
        BAG's ids and check, the repair details and the employee asked for."""
        address = addresses.parse(self.postcode, self.house_number)
        written = {"postcode": self.postcode, "house_number": self.house_number}
        facts = {
            **(address.parts() if address is not None else written),
            "nummeraanduiding_id": self.nummeraanduiding_id,
            "adresseerbaarobject_id": self.adresseerbaarobject_id,
            "address_check": self.address_check,
            "repair_object": self.repair_object,
            "repair_location": self.repair_location,
            "requested_employee": self.requested_employee,
        }
        return {key: value for key, value in facts.items() if value}


def _optional(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None
