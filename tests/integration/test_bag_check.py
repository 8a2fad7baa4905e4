"""The action server's BAG check (rasa_project/actions/locatieserver.py) against the fake
Locatieserver over HTTP: the fake answers as PDOK's does, and the check reads it, found or not;
a register that fails, hangs or is not there leaves the address unchecked, quickly."""

import time
from collections.abc import AsyncIterator

import aiohttp
import pytest

from rasa_project.actions import locatieserver
from rasa_project.actions.dialogue.address import FOUND, NOT_FOUND, UNCHECKED, Address, parse
from tests.fakes.locatieserver import FakeLocatieserver, Home
from tests.support.rasa_servers import free_port

DAMRAK = Home("Damrak", 1, "1012LG", "Amsterdam", "0363200003761447", "0363010003761571")
DAMRAK_1A = Home(
    "Damrak", 1, "1012LG", "Amsterdam", "0363200003761448", "0363010003761572", huisletter="A"
)
HOOGHIEMSTRA = Home(
    "Hooghiemstraplein", 10, "3514AX", "Utrecht", "0344200000135046", "0344010000106112",
    huisletter="B", huisnummertoevoeging="2",
)  # fmt: skip


@pytest.fixture
async def register() -> AsyncIterator[FakeLocatieserver]:
    fake = FakeLocatieserver([DAMRAK, DAMRAK_1A, HOOGHIEMSTRA])
    await fake.start()
    yield fake
    await fake.stop()


def address(postcode: str, house_number: str) -> Address:
    parsed = parse(postcode, house_number)
    assert parsed is not None
    return parsed


async def free(fake: FakeLocatieserver, params: list[tuple[str, str]]) -> tuple[int, dict]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{fake.base_url}/free", params=params) as response,
    ):
        return response.status, await response.json()


async def test_the_fake_answers_in_the_solr_envelope_with_the_fields_asked(
    register: FakeLocatieserver,
) -> None:
    status, body = await free(register, locatieserver.query(address("3514 AX", "10B-2")))
    assert status == 200
    envelope = body["response"]
    assert (envelope["numFound"], envelope["start"], envelope["numFoundExact"]) == (1, 0, True)
    assert envelope["maxScore"] > 0
    (doc,) = envelope["docs"]
    assert doc == {
        "id": doc["id"],
        "type": "adres",
        "weergavenaam": "Hooghiemstraplein 10B-2, 3514AX Utrecht",
        "postcode": "3514AX",
        "huisnummer": 10,
        "huisletter": "B",
        "huisnummertoevoeging": "2",
        "nummeraanduiding_id": "0344200000135046",
        "adresseerbaarobject_id": "0344010000106112",
    }  # score and the rest only when fl names them


async def test_the_fake_gives_few_fields_by_default_and_filters_like_the_real_one(
    register: FakeLocatieserver,
) -> None:
    status, body = await free(register, [("q", "damrak"), ("fq", "type:adres")])
    assert status == 200
    assert body["response"]["numFound"] == 2
    assert {tuple(sorted(doc)) for doc in body["response"]["docs"]} == {
        ("id", "score", "type", "weergavenaam")
    }
    _, body = await free(register, [("q", "damrak"), ("fq", "huisnummer:10")])
    assert body["response"]["numFound"] == 0
    _, body = await free(register, [("fq", "postcode:1012lg"), ("fl", "*"), ("rows", "1")])
    (doc,) = body["response"]["docs"]
    assert body["response"]["numFound"] == 2
    assert doc["bron"] == "BAG"
    assert "huisletter" not in doc
    assert "huisnummertoevoeging" not in doc  # absent, not null


async def test_the_fake_refuses_a_parameter_the_real_one_does_not_know(
    register: FakeLocatieserver,
) -> None:
    status, body = await free(register, [("q", "damrak"), ("postcode", "1012LG")])
    assert status == 400
    assert "postcode" in body["message"]


@pytest.mark.parametrize(
    ("postcode", "house_number", "home"),
    [("1012 LG", "1", DAMRAK), ("1012lg", "1a", DAMRAK_1A), ("3514 AX", "10b-2", HOOGHIEMSTRA)],
)
async def test_an_existing_home_is_found_with_its_ids(
    register: FakeLocatieserver, postcode: str, house_number: str, home: Home
) -> None:
    outcome, doc = await locatieserver.check(register.base_url, address(postcode, house_number))
    assert outcome == FOUND
    assert doc is not None
    assert (doc["nummeraanduiding_id"], doc["adresseerbaarobject_id"]) == (
        home.nummeraanduiding_id,
        home.adresseerbaarobject_id,
    )


@pytest.mark.parametrize(("postcode", "house_number"), [("1012 LG", "2"), ("1012 LG", "1b")])
async def test_a_home_that_does_not_exist_is_not_found(
    register: FakeLocatieserver, postcode: str, house_number: str
) -> None:
    assert await locatieserver.check(register.base_url, address(postcode, house_number)) == (
        NOT_FOUND,
        None,
    )
    assert len(register.queries) == 1  # one request per check


async def test_a_failing_register_leaves_the_address_unchecked(
    register: FakeLocatieserver,
) -> None:
    register.failing = True
    assert await locatieserver.check(register.base_url, address("1012 LG", "1")) == (
        UNCHECKED,
        None,
    )


async def test_a_hanging_register_is_given_up_on_after_the_timeout(
    register: FakeLocatieserver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locatieserver, "TIMEOUT", 0.3)
    register.hanging = True
    began = time.monotonic()
    outcome, _ = await locatieserver.check(register.base_url, address("1012 LG", "1"))
    assert outcome == UNCHECKED
    assert time.monotonic() - began < 2.0
    assert register.queries  # the request did arrive: it was the answer that never came


async def test_a_register_that_is_not_there_leaves_the_address_unchecked() -> None:
    nowhere = f"http://127.0.0.1:{free_port()}/bzk/locatieserver/search/v3_1"
    assert await locatieserver.check(nowhere, address("1012 LG", "1")) == (UNCHECKED, None)


@pytest.mark.parametrize(
    ("value", "url"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        ("https://api.pdok.nl/bzk/locatieserver/search/v3_1/", "https://api.pdok.nl/bzk/locatieserver/search/v3_1"),
    ],
)  # fmt: skip
def test_the_setting_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str | None, url: str | None
) -> None:
    if value is None:
        monkeypatch.delenv(locatieserver.SETTING, raising=False)
    else:
        monkeypatch.setenv(locatieserver.SETTING, value)
    assert locatieserver.configured_url() == url
