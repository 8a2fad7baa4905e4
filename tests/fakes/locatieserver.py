"""A fake PDOK Locatieserver over real HTTP: the free search of the BAG's addresses.

It speaks `GET /bzk/locatieserver/search/v3_1/free` as the real one does for addresses: the
parameters q, fq (repeatable), fl, rows, start, sort, df, bq, lat, lon, wt and indent, and 400
for any other (v3.1 refuses parameters its OpenAPI description does not name); filters
`type:adres`, `postcode:1234AB` and `huisnummer:10`; free text in q matched word by word
against an address's postcode, number, street and town; and the Solr envelope
(`numFound`, `start`, `maxScore`, `numFoundExact`, `docs`), each doc with the fields `fl`
asks for (by default only id, weergavenaam, type and score, as the real one).

A test gives it the homes it knows, tells it to fail (503) or to hang, and reads the queries
it received. `start` serves it in the test's event loop; `in_thread` in a thread of its own,
for a server that must outlive one test (an action server started once per module).
"""

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import web

PATH = "/bzk/locatieserver/search/v3_1/free"
PARAMETERS = frozenset(
    {"q", "fq", "fl", "rows", "start", "sort", "df", "bq", "lat", "lon", "wt", "indent"}
)
DEFAULT_FIELDS = ("id", "weergavenaam", "type", "score")


@dataclass(frozen=True)
class Home:
    """An address the register knows."""

    straatnaam: str
    huisnummer: int
    postcode: str  # "1011AB"
    woonplaatsnaam: str
    nummeraanduiding_id: str  # 16 digits
    adresseerbaarobject_id: str  # 16 digits
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None

    @property
    def huis_nlt(self) -> str:
        addition = f"-{self.huisnummertoevoeging}" if self.huisnummertoevoeging else ""
        return f"{self.huisnummer}{self.huisletter or ''}{addition}"

    def doc(self, score: float) -> dict[str, Any]:
        """The document the real server returns for this address (every field)."""
        doc: dict[str, Any] = {
            "type": "adres",
            "weergavenaam": (
                f"{self.straatnaam} {self.huis_nlt}, {self.postcode} {self.woonplaatsnaam}"
            ),
            "straatnaam": self.straatnaam,
            "huisnummer": self.huisnummer,
            "huis_nlt": self.huis_nlt,
            "postcode": self.postcode,
            "woonplaatsnaam": self.woonplaatsnaam,
            "nummeraanduiding_id": self.nummeraanduiding_id,
            "adresseerbaarobject_id": self.adresseerbaarobject_id,
            "id": f"adr-{self.nummeraanduiding_id[-8:]}{self.adresseerbaarobject_id[-8:]}",
            "bron": "BAG",
            "score": score,
        }
        if self.huisletter:
            doc["huisletter"] = self.huisletter
        if self.huisnummertoevoeging:
            doc["huisnummertoevoeging"] = self.huisnummertoevoeging
        return doc

    def words(self) -> set[str]:
        return {
            self.postcode.casefold(),
            self.postcode[:4],
            self.postcode[4:].casefold(),
            str(self.huisnummer),
            self.huis_nlt.casefold(),
            *self.straatnaam.casefold().split(),
            self.woonplaatsnaam.casefold(),
        }


class FakeLocatieserver:
    """The free search over a list of homes; `failing` answers 503, `hanging` never answers."""

    def __init__(self, homes: list[Home] | None = None) -> None:
        self.homes = list(homes or [])
        self.failing = False
        self.hanging = False
        self.queries: list[list[tuple[str, str]]] = []  # every request's parameters, in order
        self.base_url = ""  # what BAG_LOCATIESERVER_URL is set to: the search API's base
        self._runner: web.AppRunner | None = None
        self._stopping: asyncio.Event | None = None

    async def start(self) -> str:
        """Starts the server on a free port and returns the base URL."""
        self._stopping = asyncio.Event()
        app = web.Application()
        app.router.add_get(PATH, self._free)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}{PATH.removesuffix('/free')}"
        return self.base_url

    async def stop(self) -> None:
        if self._stopping is not None:
            self._stopping.set()  # hanging requests end now
        if self._runner is not None:
            await self._runner.cleanup()

    @contextmanager
    def in_thread(self) -> Iterator["FakeLocatieserver"]:
        """Serves from a thread with its own event loop until the block ends."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, daemon=True)
        thread.start()
        asyncio.run_coroutine_threadsafe(self.start(), loop).result(10)
        try:
            yield self
        finally:
            asyncio.run_coroutine_threadsafe(self.stop(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            loop.close()

    async def _free(self, request: web.Request) -> web.Response:
        query = list(request.query.items())
        self.queries.append(query)
        unknown = sorted({name for name, _ in query} - PARAMETERS)
        if unknown:
            return web.json_response(
                {"message": f"unknown query parameter(s): {', '.join(unknown)}"}, status=400
            )
        if self.hanging and self._stopping is not None:
            await self._stopping.wait()
        if self.failing:
            return web.json_response({"message": "Service Unavailable"}, status=503)
        try:
            rows = int(request.query.get("rows", "10"))
            start = int(request.query.get("start", "0"))
            found = self._search(request.query.get("q", "*:*"), request.query.getall("fq", []))
        except ValueError as error:
            return web.json_response({"message": str(error)}, status=400)
        fields = _fields(request.query.get("fl"))
        docs = [
            {key: value for key, value in doc.items() if "*" in fields or key in fields}
            for doc in found[start : start + rows]
        ]
        return web.json_response(
            {
                "response": {
                    "numFound": len(found),
                    "start": start,
                    "maxScore": max((doc["score"] for doc in found), default=0.0),
                    "numFoundExact": True,
                    "docs": docs,
                }
            }
        )

    def _search(self, q: str, filters: list[str]) -> list[dict[str, Any]]:
        homes = [home for home in self.homes if all(_passes(home, f) for f in filters)]
        words = [] if q.strip() in ("", "*", "*:*") else q.casefold().split()
        scored = []
        for home in homes:
            known = home.words()
            hits = sum(word.strip(",") in known for word in words)
            if words and not hits:
                continue
            scored.append(home.doc(score=round(10.0 * hits / max(len(words), 1) + 1.0, 4)))
        return sorted(scored, key=lambda doc: (-doc["score"], doc["weergavenaam"]))


def _passes(home: Home, fq: str) -> bool:
    """One filter query, `field:value` (Solr's syntax for the fields addresses are found by)."""
    field, _, value = fq.partition(":")
    if not value:
        raise ValueError(f"cannot parse filter query {fq!r}")
    value = value.strip('"')
    if field == "type":
        return value in ("adres", "(adres)", "*")
    if field == "postcode":
        return home.postcode == value.upper()
    if field == "huisnummer":
        return str(home.huisnummer) == value
    if field == "bron":
        return value == "BAG"
    raise ValueError(f"undefined field {field}")


def _fields(fl: str | None) -> set[str]:
    if not fl:
        return set(DEFAULT_FIELDS)
    return {field for part in fl.replace(",", " ").split() if (field := part.strip())}
