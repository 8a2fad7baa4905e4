"""A fake VERA back office over real HTTP: OAuth2 client credentials, and the OHD, BRG and VHE
resources Aandacht uses, every request checked against tests/fakes/vera_contract.yaml.

A request that breaks the contract is answered 400 with VERA's Foutbericht and kept in
`violations`, so a test can say none happened. Faults are played on request: the next calls
answer an error, or a create is made but its answer lost (as when a connection drops).
"""

import asyncio
import base64
import itertools
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web
from openapi_core import OpenAPI
from openapi_core.contrib.aiohttp import AIOHTTPOpenAPIWebRequest

CONTRACT = OpenAPI.from_dict(
    yaml.safe_load((Path(__file__).with_name("vera_contract.yaml")).read_text())
)
CLIENT_ID, CLIENT_SECRET = "aandacht-test", "fake-vera-secret-0123456789"


@dataclass
class FakeUnit:
    """A unit (eenheid) the back office knows, with its current tenant's relatie."""

    id: str
    postcode: str  # "1234AB"
    huisnummer: str
    huisletter: str | None = None
    toevoeging: str | None = None
    bag_id: str | None = None  # the BAG's adresseerbaar object
    tenant: str | None = None  # relatie id with the role HUU

    def as_vera(self) -> dict[str, Any]:
        address = {"postcode": self.postcode, "huisnummer": self.huisnummer}
        if self.huisletter:
            address["huisletter"] = self.huisletter
        if self.toevoeging:
            address["huisnummerToevoeging"] = self.toevoeging
        unit: dict[str, Any] = {"id": self.id, "code": f"VHE-{self.id}", "adres": address}
        if self.bag_id:
            unit["idGegevensbeheerder"] = self.bag_id
        if self.tenant:
            tenant = {"soort": {"code": "HUU"}}
            unit["relaties"] = [{"id": self.tenant, "soort": {"code": "NAT"}, "rollen": [tenant]}]
        return unit


@dataclass
class _Fault:
    status: int
    times: int


@dataclass
class FakeVera:
    """The back office. `requests`, `contacts` and `appointments` hold what was created."""

    token_lifetime: int = 3600
    units: list[FakeUnit] = field(default_factory=list)
    requests: dict[str, dict[str, Any]] = field(default_factory=dict)  # by id
    contacts: dict[str, dict[str, Any]] = field(default_factory=dict)
    appointments: dict[str, dict[str, Any]] = field(default_factory=dict)
    slots: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by request id
    violations: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)  # "POST /onderhoudsverzoeken", in order
    tokens_issued: int = 0
    base_url: str = ""
    _tokens: dict[str, float] = field(default_factory=dict)  # token → when it expires
    _faults: list[_Fault] = field(default_factory=list)
    _lose_answers: int = 0
    _lose_on: str | None = None  # only creates on this path lose their answer
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1001))
    _runner: web.AppRunner | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    # --- life cycle ---------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/oauth/token", self._token)
        app.router.add_route("*", "/{path:.*}", self._api)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base_url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    # --- what a test plays --------------------------------------------------------------

    def fail(self, status: int, times: int = 1) -> None:
        """The next `times` API calls answer `status` (503: down, 400: refused…)."""
        self._faults.append(_Fault(status, times))

    def lose_answers(self, times: int = 1, path: str | None = None) -> None:
        """The next `times` creates (on `path` only, if given) are made, but their answer is
        a 502 (a dropped line)."""
        self._lose_answers += times
        self._lose_on = path

    def garble(self, times: int = 1) -> None:
        """The next `times` API calls answer 200 with a web page, as a proxy in between may."""
        self._faults.append(_Fault(200, times))

    def revoke_tokens(self) -> None:
        """Every token issued so far stops working (the back office restarted)."""
        self._tokens.clear()

    def set_status(self, request_id: str, code: str) -> None:
        self.requests[request_id]["status"] = {"code": code}

    def offer_slots(self, request_id: str, *slots: tuple[datetime, datetime]) -> list[str]:
        """The planner offers these slots for the request's work; returns their ids."""
        offered: list[dict[str, Any]] = [
            {
                "id": f"AO-{next(self._ids)}",
                "begindatum": begin.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "einddatum": end.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "onderhoudsorder": {"id": f"OO-{request_id}"},
            }
            for begin, end in slots
        ]
        self.slots[request_id] = offered
        return [str(slot["id"]) for slot in offered]

    def photos_of(self, request: dict[str, Any]) -> list[bytes]:
        attached = request.get("informatieobjecten", [])
        return [base64.b64decode(item["bestand"]) for item in attached]

    async def wait_for(self, what: str, count: int = 1, timeout: float = 10.0) -> None:
        """Waits until `what` ("requests", "contacts", "appointments") holds `count` items."""
        async with asyncio.timeout(timeout):
            while len(getattr(self, what)) < count:
                self._changed.clear()
                await self._changed.wait()

    # --- the server ---------------------------------------------------------------------

    async def _token(self, request: web.Request) -> web.Response:
        form = await request.post()
        client = (form.get("client_id"), form.get("client_secret"))
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
            client = (user, password)
        if form.get("grant_type") != "client_credentials" or client != (CLIENT_ID, CLIENT_SECRET):
            return web.json_response({"error": "invalid_client"}, status=401)
        token = secrets.token_urlsafe(16)
        self._tokens[token] = time.monotonic() + self.token_lifetime
        self.tokens_issued += 1
        return web.json_response(
            {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": self.token_lifetime,
                "scope": form.get("scope", ""),
            }
        )

    async def _api(self, request: web.Request) -> web.Response:
        self.calls.append(f"{request.method} {request.path}")
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if self._tokens.get(token, 0.0) < time.monotonic():
            return web.Response(status=401)
        if self._faults:
            fault = self._faults[0]
            fault.times -= 1
            if fault.times <= 0:
                self._faults.pop(0)
            if fault.status == 200:
                return web.Response(text="<html>Even geduld</html>", content_type="text/html")
            return _fault(fault.status, "STORING", "de storing die de test speelt")
        body = await request.read()
        try:
            CONTRACT.validate_request(AIOHTTPOpenAPIWebRequest(request, body=body))
        except Exception as error:  # every kind openapi-core raises: the contract is broken
            reason = f"{request.method} {request.path}: {error!r}"
            details = getattr(error, "__cause__", None)
            if details is not None:
                reason += f" ({details!r})"
            self.violations.append(reason)
            return _fault(400, "VALIDATIE", reason[:300])
        data = await request.json() if body else None
        answer = self._answer(request, data)
        self._changed.set()
        return answer

    def _answer(self, request: web.Request, data: Any) -> web.Response:
        path, query = request.path, request.query
        if request.method == "GET" and path == "/eenheden":
            return _list([unit.as_vera() for unit in self.units if _matches(unit, query)])
        if path in ("/onderhoudsverzoeken", "/afspraken", "/contactmomenten"):
            store = {
                "/onderhoudsverzoeken": self.requests,
                "/afspraken": self.appointments,
                "/contactmomenten": self.contacts,
            }[path]
            if request.method == "GET":
                wanted = query["idExtern"]
                return _list([item for item in store.values() if item["idExtern"] == wanted])
            return self._create(store, path, data)
        if request.method == "GET" and path.startswith("/onderhoudsverzoeken/"):
            found = self.requests.get(request.match_info["path"].split("/", 1)[1])
            return web.json_response(found) if found else _fault(404, "NIETGEVONDEN", "onbekend")
        if request.method == "GET" and path == "/afspraak-opties":
            return _list(self.slots.get(query["onderhoudsverzoek.id"], []))
        return _fault(404, "NIETGEVONDEN", f"{request.method} {path}")

    def _create(
        self, store: dict[str, dict[str, Any]], path: str, data: dict[str, Any]
    ) -> web.Response:
        prefix = {"/onderhoudsverzoeken": "OV", "/afspraken": "AF", "/contactmomenten": "CM"}[path]
        new_id = f"{prefix}-{next(self._ids)}"
        created = {**data, "id": new_id, "code": f"{prefix}{new_id[3:]}"}
        if path == "/onderhoudsverzoeken":
            created["status"] = {"code": data["status"]["code"], "naam": "Ter beoordeling"}
        store[new_id] = created
        if self._lose_answers and self._lose_on in (None, path):
            self._lose_answers -= 1
            return _fault(502, "GATEWAY", "het antwoord ging verloren")
        return web.json_response(
            created, status=201, headers={"Location": f"{self.base_url}{path}/{new_id}"}
        )


def _matches(unit: FakeUnit, query: Any) -> bool:
    if "idGegevensbeheerder" in query:
        return unit.bag_id == query["idGegevensbeheerder"]
    return (
        unit.postcode == query.get("postcode")
        and unit.huisnummer == query.get("huisnummer")
        and unit.huisletter == query.get("huisletter")
        and unit.toevoeging == query.get("huisnummerToevoeging")
    )


def _list(items: list[dict[str, Any]]) -> web.Response:
    return web.json_response(
        items[:100], headers={"X-Parameters-Aantal": str(len(items)), "X-Parameters-Pagina": "1"}
    )


def _fault(status: int, code: str, text: str) -> web.Response:
    return web.json_response({"code": code, "omschrijving": text}, status=status)
