"""The back office through VERA, the housing sector's open interface (Aedes-datastandaarden):
REST with OAuth2 client credentials (authlib fetches and renews the token).

What goes over the wire, and why these fields, is in docs/backoffice.md; the contract the
tests hold it to is tests/fakes/vera_contract.yaml. Every call either returns what the domain
needs or raises `BackOfficeError`, permanent when the back office refused the request itself.
"""

import base64
import logging
from datetime import UTC, datetime
from typing import Any

import httpx2

# authlib ships no type information (no py.typed marker), and we install no stubs for it.
from authlib.common.errors import AuthlibBaseError  # type: ignore[import-untyped]
from authlib.integrations.httpx_client import AsyncOAuth2Client  # type: ignore[import-untyped]

from handoff.domain.addresses import Address
from handoff.domain.backoffice import (
    VERA_SCOPE,
    BackOfficeError,
    Booked,
    ContactMoment,
    Created,
    RepairRequest,
    Slot,
    Unit,
)

log = logging.getLogger(__name__)

TENANT_ROLE = "HUU"  # RELATIEROLSOORT Huurder: the unit's current tenant
REPORTER_ROLE = "MEL"  # RELATIEROLSOORT Melder
PERSON = "NAT"  # RELATIESOORT Natuurlijke persoon
PHOTO = "FOT"  # INFORMATIEOBJECTSOORT Foto
_PASSING = frozenset({408, 425, 429})  # besides 5xx: worth another try (a 401: a new token, once)
# What the token endpoint may say of a passing problem (RFC 6749 5.2 and its registry); any
# other refusal (invalid_client, invalid_scope…) is the settings', and a retry cannot mend it.
_PASSING_TOKEN_ERRORS = frozenset({"temporarily_unavailable", "server_error"})


def _code(code: str) -> dict[str, str]:
    """VERA's Referentiedata as a sender writes it: the code (the name is for display)."""
    return {"code": code}


def _moment(at: datetime) -> str:
    """A date-time in UTC with a Z, as VERA 4.3 asks."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _when(value: Any) -> datetime:
    moment = datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Vera:
    """One corporation's VERA API: `base_url` serves the OHD, BRG and VHE resources."""

    def __init__(
        self,
        base_url: str,
        token_url: str,
        client_id: str,
        client_secret: str,
        *,
        scope: str = VERA_SCOPE,
        timeout: float = 10.0,
        organisation: str = "Aandacht",
    ) -> None:
        self._base = base_url.rstrip("/")
        self._organisation = organisation
        self._client = AsyncOAuth2Client(
            client_id,
            client_secret,
            scope=scope,
            token_endpoint=token_url,
            grant_type="client_credentials",
            timeout=timeout,
        )

    async def close(self) -> None:
        """Closes the HTTP client."""
        await self._client.aclose()

    async def _call(
        self,
        method: str,
        path: str,
        *,
        reference: str | None = None,
        params: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
    ) -> Any:
        """One call; a refused or expired token is fetched again once."""
        headers = {
            "X-Stuurgegevens-Zender-Organisatie": self._organisation,
            "X-Stuurgegevens-Tijdstip-Bericht": _moment(datetime.now(UTC)),
        }
        if reference:
            headers["X-Stuurgegevens-Referentienummer"] = reference
        for first in (True, False):
            try:
                if not self._client.token:
                    await self._client.fetch_token()
                response = await self._client.request(
                    method, self._base + path, params=params, json=body, headers=headers
                )
            except httpx2.HTTPError as error:
                raise BackOfficeError(f"{type(error).__name__}: no answer from VERA") from None
            except AuthlibBaseError as error:  # the token endpoint refused us
                passing = getattr(error, "error", None) in _PASSING_TOKEN_ERRORS
                reason = f"token: {type(error).__name__}: {error}"
                raise BackOfficeError(reason, permanent=not passing) from None
            if response.status_code == 401 and first:
                self._client.token = None  # revoked or expired early: a new one, once
                continue
            break
        status = response.status_code
        if status >= 400:
            reason = f"VERA {method} {path.split('?', maxsplit=1)[0]}: {status} {_fault(response)}"
            raise BackOfficeError(reason, permanent=status < 500 and status not in _PASSING)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:  # a proxy's error page, say: worth another try
            raise BackOfficeError(
                f"VERA {method} {path.split('?', maxsplit=1)[0]}: not JSON"
            ) from None

    async def find_unit(self, address: Address, bag_object_id: str | None = None) -> Unit | None:
        """The unit (eenheid) at the address: by its BAG id when the register gave one, else by
        postcode and house number; None when the back office knows no single unit there."""
        units: list[dict[str, Any]] = []
        if bag_object_id:
            units = await self._call(
                "GET", "/eenheden", params={"idGegevensbeheerder": bag_object_id}
            )
        if not units:
            params = {"postcode": address.postcode, "huisnummer": str(address.huisnummer)}
            if address.huisletter:
                params["huisletter"] = address.huisletter
            if address.huisnummertoevoeging:
                params["huisnummerToevoeging"] = address.huisnummertoevoeging
            units = await self._call("GET", "/eenheden", params=params)
        if len(units) != 1:
            return None
        unit = units[0]
        tenant = next(
            (
                relation.get("id")
                for relation in unit.get("relaties") or ()
                if any(
                    (role.get("soort") or {}).get("code") == TENANT_ROLE
                    for role in relation.get("rollen") or ()
                )
            ),
            None,
        )
        return Unit(str(unit["id"]), unit.get("code"), tenant)

    async def find_repair(self, reference: str) -> Created | None:
        """The request an earlier try made with this reference, if it got there."""
        found = await self._call("GET", "/onderhoudsverzoeken", params={"idExtern": reference})
        return _created(found[0]) if found else None

    async def create_repair(self, repair: RepairRequest) -> Created:
        """Creates the onderhoudsverzoek, in status BEO (ter beoordeling)."""
        reporter: dict[str, Any] = {
            "soort": _code(PERSON),
            "rollen": [{"soort": _code(REPORTER_ROLE)}],
        }
        if repair.reporter.relation_id:
            reporter["id"] = repair.reporter.relation_id
        else:
            reporter["aanschrijfnaam"] = repair.reporter.name
        body: dict[str, Any] = {
            "idExtern": repair.reference,
            "omschrijving": repair.summary,
            "onderhoudSoort": _code("REP"),
            "status": _code("BEO"),
            "melddatum": _moment(repair.reported_at),
            "defecten": [
                {
                    "locatie": _code(repair.defect.location),
                    "soort": _code(repair.defect.kind),
                    "omschrijving": repair.summary,
                    "melddatum": _moment(repair.reported_at),
                    "status": _code("MEL"),
                }
            ],
            "relaties": [reporter],
        }
        if repair.unit_id:
            body["eenheid"] = {"id": repair.unit_id}
        if repair.photos:
            body["informatieobjecten"] = [
                {
                    "soort": _code(PHOTO),
                    "titel": photo.name,
                    "bestandsnaam": photo.name,
                    "formaat": {
                        "code": photo.media_type.split("/")[-1],
                        "naam": photo.media_type,
                    },
                    "bestandsgrootte": len(photo.content),
                    "bestand": base64.b64encode(photo.content).decode("ascii"),
                }
                for photo in repair.photos
            ]
        created = await self._call(
            "POST", "/onderhoudsverzoeken", reference=repair.reference, body=body
        )
        return _created(created)

    async def repair_status(self, request_id: str) -> Created:
        """The request as the back office holds it now (its status changes as work is done)."""
        return _created(await self._call("GET", f"/onderhoudsverzoeken/{request_id}"))

    async def log_contact(self, moment: ContactMoment) -> str:
        """Logs the conversation as a contactmoment with the tenant's relatie; returns its id."""
        body = {
            "idExtern": moment.reference,
            "datum": _moment(moment.at),
            "kanaal": _code(moment.channel),
            "richting": _code(moment.direction),
            "onderwerp": moment.subject,
            "omschrijving": moment.description,
            "relaties": [{"id": moment.relation_id, "soort": _code(PERSON)}],
        }
        created = await self._call(
            "POST", "/contactmomenten", reference=moment.reference, body=body
        )
        return str(created["id"])

    async def find_contact(self, reference: str) -> str | None:
        """The contactmoment an earlier try logged with this reference, if it got there."""
        found = await self._call("GET", "/contactmomenten", params={"idExtern": reference})
        return str(found[0]["id"]) if found else None

    async def appointment_slots(self, request_id: str) -> list[Slot]:
        """The slots the back office offers for the request's work (none until it planned)."""
        options = await self._call(
            "GET", "/afspraak-opties", params={"onderhoudsverzoek.id": request_id}
        )
        return [
            Slot(
                str(option["id"]),
                _when(option["begindatum"]),
                _when(option["einddatum"]),
                (option.get("onderhoudsorder") or {}).get("id"),
                (option.get("onderhoudstaak") or {}).get("id"),
            )
            for option in options
            if option.get("begindatum") and option.get("einddatum")
        ]

    async def book(
        self, request_id: str, slot: Slot, reference: str, relation_id: str | None
    ) -> Booked:
        """Books the slot the tenant chose (status AAN, aangevraagd: the planner confirms)."""
        body: dict[str, Any] = {
            "idExtern": reference,
            "onderhoudsverzoek": {"id": request_id},
            "begindatum": _moment(slot.begin),
            "einddatum": _moment(slot.end),
            "status": _code("AAN"),
        }
        if slot.order_id:
            body["onderhoudsorder"] = {"id": slot.order_id}
        if slot.task_id:
            body["onderhoudstaak"] = {"id": slot.task_id}
        if relation_id:
            body["relaties"] = [{"id": relation_id, "soort": _code(PERSON)}]
        booked = await self._call("POST", "/afspraken", reference=reference, body=body)
        return Booked(str(booked["id"]), (booked.get("status") or {}).get("code") or "AAN")

    async def find_booking(self, reference: str) -> Booked | None:
        """The appointment an earlier try booked with this reference, if it got there."""
        found = await self._call("GET", "/afspraken", params={"idExtern": reference})
        if not found:
            return None
        return Booked(str(found[0]["id"]), (found[0].get("status") or {}).get("code") or "AAN")


def _created(request: dict[str, Any]) -> Created:
    return Created(
        str(request["id"]), request.get("code"), (request.get("status") or {}).get("code", "")
    )


def _fault(response: httpx2.Response) -> str:
    """VERA's Foutbericht (code and omschrijving), short; never the request we sent."""
    try:
        fault = response.json()
    except ValueError:
        return ""
    if not isinstance(fault, dict):
        return ""
    return f"{fault.get('code', '')} {fault.get('omschrijving', '')}".strip()[:200]
