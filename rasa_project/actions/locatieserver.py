"""Asks PDOK's Locatieserver (the BAG's addresses) whether a home exists: BAG_LOCATIESERVER_URL.

The setting is the search API's base, e.g. https://api.pdok.nl/bzk/locatieserver/search/v3_1;
empty or unset: no check at all. The tenant never waits long on it: an answer takes at most
TIMEOUT seconds, and a register that is down, slow or answers nonsense leaves the address
unchecked. The log names what went wrong, never the address.
"""

import asyncio
import logging
import os
from typing import Any

import aiohttp

from .dialogue.address import FOUND, NOT_FOUND, UNCHECKED, Address, matching_doc

log = logging.getLogger(__name__)

SETTING = "BAG_LOCATIESERVER_URL"
TIMEOUT = 2.0  # seconds
# The fields the match and the handoff need (the free endpoint returns only a few by default).
FIELDS = (
    "id,type,weergavenaam,postcode,huisnummer,huisletter,huisnummertoevoeging,"
    "nummeraanduiding_id,adresseerbaarobject_id"
)
ROWS = 50  # every letter and addition of one number fits
# What a register that is down, slow or answers nonsense raises (asyncio.TimeoutError is not
# yet the builtin TimeoutError in Rasa's Python 3.10).
NO_ANSWER = (aiohttp.ClientError, asyncio.TimeoutError, ValueError, KeyError, TypeError)


def configured_url() -> str | None:
    """The Locatieserver's base URL from the environment, or None: no check."""
    return (os.environ.get(SETTING) or "").strip().rstrip("/") or None


def query(address: Address) -> list[tuple[str, str]]:
    """The free search's parameters for every document of this postcode and house number."""
    return [
        ("q", f"{address.postcode} {address.huisnummer}"),
        ("fq", "type:adres"),
        ("fq", f"postcode:{address.postcode}"),
        ("fq", f"huisnummer:{address.huisnummer}"),
        ("fl", FIELDS),
        ("rows", str(ROWS)),
    ]


async def check(base_url: str, address: Address) -> tuple[str, dict[str, Any] | None]:
    """Looks the address up: (FOUND, its document), (NOT_FOUND, None) or (UNCHECKED, None)."""
    try:
        timeout = aiohttp.ClientTimeout(total=TIMEOUT)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(f"{base_url}/free", params=query(address)) as response,
        ):
            if response.status != 200:
                log.warning("BAG check: the Locatieserver answered %s", response.status)
                return UNCHECKED, None
            body = await response.json(content_type=None)
        docs = body["response"]["docs"]
        if not isinstance(docs, list):
            raise TypeError("docs is not a list")
    except NO_ANSWER as error:
        log.warning("BAG check: no answer from the Locatieserver (%s)", type(error).__name__)
        return UNCHECKED, None
    doc = matching_doc([d for d in docs if isinstance(d, dict)], address)
    return (FOUND, doc) if doc is not None else (NOT_FOUND, None)
