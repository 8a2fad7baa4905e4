"""Routing questions come last: postcode and house number, only for topics that need them.

The postcode narrows the team to the colleague of the tenant's area. With BAG_LOCATIESERVER_URL
set, the address is also checked against the BAG (actions/locatieserver.py does the call; the
rules are here). Plain Python without Rasa imports, so the app's test suite can test it too.
"""

import re
from dataclasses import dataclass
from typing import Any

# Topics whose team works by area; other topics never get an address question.
ROUTING_TOPICS = frozenset({"report_repair", "nuisance"})

SKIPPED = ""  # the tenant preferred not to say; the employee can ask

_POSTCODE = re.compile(r"\b([1-9]\d{3})\s?([a-zA-Z]{2})\b")
_HOUSE_NUMBER = re.compile(
    r"\b(\d{1,5})(?:\s?(bis|hs|[a-z](?![a-z])))?(?:\s?-\s?(\d{1,3}|[ivx]{1,4}|hs)\b)?",
    re.IGNORECASE,
)


def find_postcode(text: str) -> str | None:
    """Returns a Dutch postcode in the text, written as "1234 AB"."""
    match = _POSTCODE.search(text)
    return f"{match[1]} {match[2].upper()}" if match else None


def find_house_number(text: str) -> str | None:
    """Returns the house number in the text, the postcode's digits not counted."""
    rest = _POSTCODE.sub(" ", text)
    match = _HOUSE_NUMBER.search(rest)
    if not match:
        return None
    number, suffix, addition = match.groups()
    return number + (suffix or "") + (f"-{addition}" if addition else "")


# --- the register's parts, and whether the home exists (BAG_LOCATIESERVER_URL) ---------------
# The same rules as handoff/domain/addresses.py (tests/unit/test_addresses.py checks that both
# agree): the action server runs in Rasa's own environment and does not import the app.

_BAG_POSTCODE = re.compile(r"\s*([1-9]\d{3})\s?([A-Za-z]{2})\s*")
_BAG_HOUSE_NUMBER = re.compile(
    r"\s*(\d{1,5})\s?(?:([A-Za-z])(?![A-Za-z]))?\s?(?:-?\s?([A-Za-z0-9]{1,4}))?\s*"
)

# The outcomes of a check, as the handoff payload's `address_check` names them.
FOUND, NOT_FOUND, UNCHECKED = "found", "not_found", "unchecked"
ASKED_AGAIN = "asked_again"  # not found once: the tenant is asked again (a slot value only)


@dataclass(frozen=True)
class Address:
    """A home's address in the register's parts; the letter and addition may be absent."""

    postcode: str  # "1234AB"
    huisnummer: int
    huisletter: str | None = None  # one capital
    huisnummertoevoeging: str | None = None  # at most four letters or digits, as written


def parse(postcode: str | None, house_number: str | None) -> Address | None:
    """Splits a postcode and a house number as the slots hold them; None when either is not
    one (skipped, or not found in the answer)."""
    if not postcode or not house_number:
        return None
    code = _BAG_POSTCODE.fullmatch(postcode)
    match = _BAG_HOUSE_NUMBER.fullmatch(house_number)
    if code is None or match is None or int(match[1]) == 0:
        return None
    number, letter, addition = match.groups()
    return Address(
        f"{code[1]}{code[2].upper()}",
        int(number),
        letter.upper() if letter else None,
        addition or None,
    )


def _suffix(letter: Any, addition: Any) -> str:
    # A tenant cannot tell a letter from an addition ("10A" or "10-A"): both count together.
    return f"{letter or ''}{addition or ''}".casefold()


def matching_doc(docs: list[dict[str, Any]], address: Address) -> dict[str, Any] | None:
    """The Locatieserver's address document for exactly this home, or None: the same postcode
    and number, and the same letter and addition (none when the tenant wrote none)."""
    wanted = _suffix(address.huisletter, address.huisnummertoevoeging)
    for doc in docs:
        if doc.get("type") != "adres":
            continue
        postcode = str(doc.get("postcode") or "").replace(" ", "").upper()
        try:
            number = int(doc.get("huisnummer"))
        except (TypeError, ValueError):
            continue
        suffix = _suffix(doc.get("huisletter"), doc.get("huisnummertoevoeging"))
        if (postcode, number, suffix) == (address.postcode, address.huisnummer, wanted):
            return doc
    return None


def after_check(outcome: str, doc: dict[str, Any] | None, earlier: str | None) -> dict[str, Any]:
    """The slots a check sets. A first miss empties the address, so the form asks again (the
    question then says it was not found: domain.yml, utter_ask_postcode); a second miss is
    accepted as the tenant wrote it, and so is an address the register could not check."""
    if outcome == NOT_FOUND and earlier != ASKED_AGAIN:
        return {"postcode": None, "house_number": None, "address_check": ASKED_AGAIN}
    found = doc if outcome == FOUND and doc is not None else {}
    slots = {
        "address_check": outcome,
        "bag_nummeraanduiding_id": _id(found.get("nummeraanduiding_id")),
        "bag_adresseerbaarobject_id": _id(found.get("adresseerbaarobject_id")),
    }
    if found:
        slots["house_number"] = register_house_number(found)
    return slots


def register_house_number(doc: dict[str, Any]) -> str:
    """The house number as the register holds it ("10A-2"): a tenant who wrote "10-A" for a
    home with huisletter A gets the letter as a letter, so the back office finds the home by
    its parts (the match counts the two together: matching_doc)."""
    letter = str(doc.get("huisletter") or "").upper()
    addition = doc.get("huisnummertoevoeging")
    return f"{int(doc['huisnummer'])}{letter}" + (f"-{addition}" if addition else "")


def _id(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
