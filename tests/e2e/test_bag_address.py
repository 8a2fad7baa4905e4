"""Addresses that are real homes: the real Rasa and action server with BAG_LOCATIESERVER_URL on
the fake Locatieserver. A house number that does not exist gets one kind second question; the
right one hands over with the BAG's ids in the case; a second miss is accepted and flagged; a
register that is down changes nothing for the tenant (issue 15, item 2).

The action server here is one of its own (the other tests' one has no BAG check), and the fake
register runs in a thread of its own for the module, as long as that server."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from handoff import texts
from handoff.app.config import Settings
from handoff.app.runtime import Runtime
from tests.conftest import FATIMA, telegram_settings
from tests.factories import only_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.locatieserver import FakeLocatieserver, Home
from tests.fakes.vera import CLIENT_ID, CLIENT_SECRET, FakeUnit, FakeVera
from tests.support.rasa_servers import RasaServers, start_rasa
from tests.support.tenants import TelegramTenant

pytestmark = pytest.mark.rasa

TENANT = FakeUser(7951, "Ria", "Jansen")
HOME = Home("Prinsengracht", 263, "1016GV", "Amsterdam", "0363200000218908", "0363010000758545")
NEIGHBOURS = [
    Home("Prinsengracht", 263, "1016GV", "Amsterdam", "0363200000218909", "0363010000758546",
         huisletter="A"),
    Home("Prinsengracht", 265, "1016GV", "Amsterdam", "0363200000218910", "0363010000758547"),
]  # fmt: skip
NOT_FOUND_QUESTION = "Ik kan dit adres niet vinden."


@pytest.fixture(scope="module")
def register() -> Iterator[FakeLocatieserver]:
    fake = FakeLocatieserver([HOME, *NEIGHBOURS])
    with fake.in_thread():
        yield fake


@pytest.fixture(scope="module")
def rasa_with_bag(
    tmp_path_factory: pytest.TempPathFactory, register: FakeLocatieserver
) -> Iterator[RasaServers]:
    servers = start_rasa(
        Path(tmp_path_factory.mktemp("bag")),
        environment={"BAG_LOCATIESERVER_URL": register.base_url},
    )
    yield servers
    servers.stop()


@pytest.fixture
def bag(register: FakeLocatieserver) -> FakeLocatieserver:
    """The module's register, answering again and with no queries yet."""
    register.failing = register.hanging = False
    register.queries.clear()
    return register


@pytest.fixture
async def vera() -> AsyncIterator[FakeVera]:
    """The corporation's back office, which knows the home by its BAG id."""
    fake = FakeVera(
        units=[
            FakeUnit("E-263", "1016GV", "263", bag_id=HOME.adresseerbaarobject_id, tenant="R-9")
        ]
    )
    await fake.start()
    yield fake
    await fake.stop()
    assert fake.violations == []


@pytest.fixture
async def tenant(
    database_url: str, bot_api: FakeBotApi, rasa_with_bag: RasaServers, vera: FakeVera
) -> AsyncIterator[tuple[TelegramTenant, Runtime]]:
    settings = telegram_settings(database_url, bot_api, rasa_with_bag)
    back_office = {
        "vera_base_url": vera.base_url,
        "vera_client_id": CLIENT_ID,
        "vera_client_secret": CLIENT_SECRET,
    }
    runtime = Runtime(
        Settings.model_validate(settings.model_dump() | back_office),
        escalation_interval=3600,
        recovery_interval=3600,
    )
    await runtime.start()
    await asyncio.wait_for(runtime.rasa_ready.wait(), timeout=60)
    yield TelegramTenant(bot_api, TENANT), runtime
    await runtime.stop()


async def confirm_a_leaking_tap(tenant: TelegramTenant) -> None:
    """A repair, its two questions, "Ja" to the summary, up to the address question."""
    await tenant.say("mijn kraan lekt")
    await tenant.expect("Waar in uw woning is het?")
    await tenant.say("in de keuken")
    await tenant.expect("Sinds wanneer is het kapot?")
    await tenant.say("sinds gisteren")
    summary = await tenant.expect("Dus als ik het goed begrijp")
    await tenant.press(summary, "/affirm")
    await tenant.expect("Wat is uw postcode en huisnummer?")


async def test_a_house_number_that_does_not_exist_is_asked_again_then_found(
    tenant: tuple[TelegramTenant, Runtime], bag: FakeLocatieserver
) -> None:
    chat, runtime = tenant
    await confirm_a_leaking_tap(chat)
    await chat.say("1016 GV 261")
    again = await chat.expect(NOT_FOUND_QUESTION)
    assert "Kloppen uw postcode en huisnummer?" in again.text
    assert ("Liever niet", "/deny") in again.buttons  # still no obligation
    await chat.say("1016gv 263")
    handed = await chat.expect("helpt u verder")
    assert handed.text.startswith("Fatima el Amrani van team Reparaties")
    case, owner = await only_case(runtime)
    assert owner == "Fatima el Amrani"
    assert case.flags == []
    assert case.details == {
        "postcode": "1016GV",
        "huisnummer": "263",
        "nummeraanduiding_id": HOME.nummeraanduiding_id,
        "adresseerbaarobject_id": HOME.adresseerbaarobject_id,
        "address_check": "found",
        "repair_location": "in de keuken",
    }
    assert len(bag.queries) == 2  # the miss and the home, nothing more
    notification = await chat.bot_api.wait_for_text(FATIMA.id, "Adres: 1016 GV 263\n")
    assert "niet gevonden" not in notification.text


async def test_the_confirmed_repair_is_in_the_back_office_with_its_home_and_codes(
    tenant: tuple[TelegramTenant, Runtime], bag: FakeLocatieserver, vera: FakeVera
) -> None:
    chat, runtime = tenant
    await confirm_a_leaking_tap(chat)
    await chat.say("1016 GV 263")
    await chat.expect("helpt u verder")
    await vera.wait_for("requests")
    [request] = vera.requests.values()
    case, _ = await only_case(runtime)
    assert request["status"] == {"code": "BEO", "naam": "Ter beoordeling"}
    assert request["omschrijving"] == case.summary
    assert request["eenheid"] == {"id": "E-263"}  # found by the BAG's id for the home
    assert "GET /eenheden" in vera.calls
    [defect] = request["defecten"]
    assert (defect["locatie"]["code"], defect["soort"]["code"]) == ("KEU", "LEK")
    assert request["relaties"][0]["id"] == "R-9"
    await chat.say("/status")
    await chat.expect(texts.repair_status(request["code"], "BEO"))


async def test_a_second_miss_is_accepted_and_flagged_for_the_employee(
    tenant: tuple[TelegramTenant, Runtime], bag: FakeLocatieserver
) -> None:
    chat, runtime = tenant
    await confirm_a_leaking_tap(chat)
    await chat.say("1016 GV 263b")
    await chat.expect(NOT_FOUND_QUESTION)
    await chat.say("1016 GV 263b")  # the tenant is sure: the employee will check
    await chat.expect("helpt u verder")
    assert chat.everything_read().count(NOT_FOUND_QUESTION) == 1  # asked once, not twice
    case, _ = await only_case(runtime)
    assert case.flags == ["adres niet gevonden"]
    assert case.details["address_check"] == "not_found"
    assert (case.details["huisnummer"], case.details["huisletter"]) == ("263", "B")
    assert "nummeraanduiding_id" not in case.details
    await chat.bot_api.wait_for_text(FATIMA.id, "Adres: 1016 GV 263B (niet gevonden in de BAG)")


async def test_a_register_that_is_down_never_keeps_the_tenant_from_a_person(
    tenant: tuple[TelegramTenant, Runtime], bag: FakeLocatieserver
) -> None:
    chat, runtime = tenant
    bag.failing = True  # 503 to every search
    await confirm_a_leaking_tap(chat)
    await chat.say("1016 GV 261")  # does not exist, but nobody can tell now
    await chat.expect("helpt u verder")
    assert NOT_FOUND_QUESTION not in chat.everything_read()
    assert bag.queries  # it was asked, and failed
    case, _ = await only_case(runtime)
    assert case.flags == []
    assert case.details["address_check"] == "unchecked"
    assert (case.details["postcode"], case.details["huisnummer"]) == ("1016GV", "261")


async def test_liever_niet_after_the_second_question_hands_over_without_an_address(
    tenant: tuple[TelegramTenant, Runtime], bag: FakeLocatieserver
) -> None:
    chat, runtime = tenant
    await confirm_a_leaking_tap(chat)
    await chat.say("1016 GV 261")
    again = await chat.expect(NOT_FOUND_QUESTION)
    await chat.press(again, "/deny")
    await chat.expect("helpt u verder")
    case, _ = await only_case(runtime)
    assert case.flags == []
    assert case.details == {"repair_location": "in de keuken"}  # no address, so no check
    assert len(bag.queries) == 1
