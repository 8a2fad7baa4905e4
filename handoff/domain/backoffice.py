"""What the corporation's back office (its ERP, through VERA) is told, and what it answers.

Plain types and rules, no I/O: which of VERA's codes a tenant's words give a repair
(data/vera_defects.yml), a repair request as the front office hands it over, the answers a
back office gives (a unit, a request's status, appointment slots), and when a failed call is
worth another try. `handoff/backoffice/vera.py` puts them on the wire; docs/backoffice.md
describes both for a functional administrator.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Protocol

import yaml

from handoff.domain.addresses import Address

# The OAuth2 scopes VERA names for what a front office does (the OHD, BRG and VHE processes).
VERA_SCOPE = (
    "OHD.Onderhoudsverzoeken.ReadWrite OHD.AfspraakOpties.Read OHD.Afspraken.ReadWrite "
    "BRG.Contactmomenten.ReadWrite VHE.Eenheden.Read"
)
OTHER = "OVE"  # DEFECTLOCATIE "Overige ruimte" and DEFECTSOORT "Overig"
REPAIR_TOPIC = "report_repair"  # the intent whose confirmed cases become repair requests

# VERA's ONDERHOUDSVERZOEKSTATUS. A front office creates requests "ter beoordeling" (BEO): the
# technical department turns them into orders.
CREATED_STATUS = "BEO"
REQUEST_STATUSES = ("REG", "BEO", "INB", "TEC", "FIN", "AFG", "GEA")
FINAL_STATUSES = frozenset({"AFG", "GEA"})  # nothing changes any more: no need to ask again

# Calls that failed for a passing reason are tried again after 2, 4, 8 … seconds, at most
# MAX_BACKOFF apart, until RETRY_WINDOW has passed; then a person is told and does it by hand.
RETRY_WINDOW = timedelta(hours=24)
MAX_BACKOFF = timedelta(minutes=10)

_WORD = re.compile(r"[a-zà-ÿ0-9]+(?:-[a-zà-ÿ0-9]+)*")


class JobKind(StrEnum):
    """What a back-office job does."""

    REPAIR = "repair"  # create the onderhoudsverzoek of a confirmed repair
    CONTACT = "contact"  # log the handed-over conversation as a contactmoment
    APPOINTMENT = "appointment"  # book the slot the tenant chose


class JobStatus(StrEnum):
    """Where a back-office job stands."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"  # nothing to do: the tenant could not be identified, for instance
    FAILED = "failed"  # given up on: a person was told


@dataclass(frozen=True)
class Defect:
    """A defect in VERA's codes: where (DEFECTLOCATIE) and what (DEFECTSOORT)."""

    location: str = OTHER
    kind: str = OTHER


@dataclass(frozen=True)
class Reporter:
    """Who reported it (VERA's melder): the tenant's relatie when the back office knows them."""

    name: str
    relation_id: str | None = None


@dataclass(frozen=True)
class Photo:
    """A photo the tenant sent in the conversation."""

    name: str
    content: bytes
    media_type: str = "image/jpeg"


@dataclass(frozen=True)
class RepairRequest:
    """A confirmed repair as the front office hands it over: an onderhoudsverzoek in BEO."""

    reference: str  # ours, unique: what makes a retried call safe (VERA's idExtern)
    summary: str  # the summary the tenant confirmed (omschrijving)
    defect: Defect
    reported_at: datetime
    reporter: Reporter
    unit_id: str | None = None  # VERA's eenheid, found by the address
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True)
class ContactMoment:
    """A conversation handed to a person, logged with the tenant's relatie."""

    reference: str
    relation_id: str
    subject: str  # onderwerp: the topic in words
    description: str  # omschrijving: the summary
    at: datetime
    channel: str = "INT"  # COMMUNICATIEKANAAL: Internet/klantportaal (VERA has no chat code)
    direction: str = "INK"  # COMMUNICATIERICHTING: inkomend


@dataclass(frozen=True)
class Unit:
    """A rented home (VERA's eenheid), and its current tenant's relatie if the back office
    gave one."""

    id: str
    code: str | None = None
    tenant_relation_id: str | None = None


@dataclass(frozen=True)
class Created:
    """A request the back office holds: its id, its code for people, its status."""

    id: str
    code: str | None
    status: str


@dataclass(frozen=True)
class Slot:
    """An appointment slot the back office offers (VERA's afspraak-optie)."""

    id: str
    begin: datetime
    end: datetime
    order_id: str | None = None
    task_id: str | None = None

    def as_data(self) -> dict[str, str]:
        """The slot as strings, to keep in a job's or a button's data."""
        data = {"id": self.id, "begin": self.begin.isoformat(), "end": self.end.isoformat()}
        if self.order_id:
            data["order_id"] = self.order_id
        if self.task_id:
            data["task_id"] = self.task_id
        return data

    @classmethod
    def from_data(cls, data: dict[str, str]) -> "Slot":
        """The slot back from `as_data`."""
        return cls(
            data["id"],
            datetime.fromisoformat(data["begin"]),
            datetime.fromisoformat(data["end"]),
            data.get("order_id"),
            data.get("task_id"),
        )


@dataclass(frozen=True)
class Booked:
    """An appointment the back office took."""

    id: str
    status: str


class BackOfficeError(Exception):
    """A call failed; `permanent` means trying again cannot help (the request was refused)."""

    def __init__(self, reason: str, *, permanent: bool = False):
        super().__init__(reason)
        self.permanent = permanent


class BackOffice(Protocol):
    """The corporation's back office, as the front office uses it (backoffice/vera.py)."""

    async def find_unit(self, address: Address, bag_object_id: str | None = None) -> Unit | None:
        """The one unit at the address, or None."""

    async def find_repair(self, reference: str) -> Created | None:
        """The request made earlier with this reference, or None."""

    async def create_repair(self, repair: RepairRequest) -> Created:
        """Creates a repair request in status BEO."""

    async def repair_status(self, request_id: str) -> Created:
        """The request as it is now."""

    async def find_contact(self, reference: str) -> str | None:
        """The contactmoment logged earlier with this reference, or None."""

    async def log_contact(self, moment: ContactMoment) -> str:
        """Logs a contactmoment; returns its id."""

    async def appointment_slots(self, request_id: str) -> list[Slot]:
        """The slots offered for the request's work."""

    async def find_booking(self, reference: str) -> Booked | None:
        """The appointment booked earlier with this reference, or None."""

    async def book(
        self, request_id: str, slot: Slot, reference: str, relation_id: str | None
    ) -> Booked:
        """Books a slot."""

    async def close(self) -> None:
        """Lets go of connections."""


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try."""
    return min(timedelta(seconds=2.0 ** min(attempts, 20)), MAX_BACKOFF)


@dataclass(frozen=True)
class _Codes:
    locations: dict[str, str]  # word → code
    kinds: list[tuple[tuple[str, ...], str]]  # phrase → code


@cache
def _codes() -> _Codes:
    text = resources.files(__package__).joinpath("data", "vera_defects.yml").read_text("utf-8")
    table = yaml.safe_load(text)
    locations = {
        word.lower(): code for code, words in table["locations"].items() for word in words
    }
    kinds = [
        (tuple(str(phrase).lower().split()), code)
        for code, phrases in table["kinds"].items()
        for phrase in phrases
    ]
    return _Codes(locations, kinds)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def location_code(text: str) -> str | None:
    """The DEFECTLOCATIE of the first room named in the text, or None."""
    locations = _codes().locations
    for word in _words(text):
        found = [
            known
            for known in locations
            if word == known or (len(known) >= 4 and word.startswith(known))
        ]
        if found:
            return locations[max(found, key=len)]
    return None


def kind_code(text: str) -> str | None:
    """The DEFECTSOORT of what is wrong, by the table's order, or None."""
    words = _words(text)
    for phrase, code in _codes().kinds:
        size = len(phrase)
        if any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1)):
            return code
    return None


def defect_of(summary: str, location: str | None = None, thing: str | None = None) -> Defect:
    """The defect's codes: the room from the tenant's answer to "which room?" (else from the
    summary), what is wrong from the summary (else from the answers)."""
    answers = " ".join(part for part in (thing, location) if part)
    return Defect(
        location=(location and location_code(location)) or location_code(summary) or OTHER,
        kind=kind_code(summary) or kind_code(answers) or OTHER,
    )
