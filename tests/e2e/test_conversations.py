"""The conversations of issue 3, each played on Telegram (fake Bot API) and in the web chat.

Listen first, summarise back, routing questions last, and a named person at the end.
"""

from collections.abc import AsyncIterator

import pytest

from handoff.app.runtime import Runtime
from tests.conftest import FATIMA, make_settings
from tests.factories import only_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.support.rasa_servers import STORINGSDIENST_NUMBER, RasaServers
from tests.support.tenants import TelegramTenant, Tenant, tenant_on

TELEGRAM_TENANT = FakeUser(5101, "Yusuf", "Aydin")


@pytest.fixture(params=["telegram", "web"])
async def channel(
    request: pytest.FixtureRequest, database_url: str, rasa: RasaServers, bot_api: FakeBotApi
) -> AsyncIterator[tuple[Tenant, Runtime]]:
    """A tenant and the app, on Telegram or in local mode's web chat."""
    settings = make_settings(database_url, rasa_url=rasa.url, rasa_token=rasa.token)
    async with tenant_on(request.param, settings, bot_api, TELEGRAM_TENANT) as both:
        yield both


async def test_repair_asks_two_questions_summarises_and_asks_the_address_last(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("mijn kraan lekt")
    await tenant.expect("Waar in uw woning is het?")
    await tenant.say("in de keuken")
    await tenant.expect("Sinds wanneer is het kapot?")
    await tenant.say("sinds gisteren")
    summary = await tenant.expect("Dus als ik het goed begrijp")
    assert "uw kraan lekt (in de keuken, sinds gisteren). Klopt dat?" in summary.text
    assert "postcode" not in tenant.everything_read()  # routing questions come last
    await tenant.press(summary, "/affirm")
    question = await tenant.expect("Wat is uw postcode en huisnummer?")
    assert "collega van uw wijk" in question.text  # the reason is given
    await tenant.say("1011 ab 12")
    handed = await tenant.expect("helpt u verder")
    assert handed.text.startswith("Fatima el Amrani van team Reparaties")
    case, owner = await only_case(runtime)
    assert (case.topic, owner) == ("report_repair", "Fatima el Amrani")
    assert case.summary_confirmed
    # The address in the BAG's parts (no check configured here: no address_check).
    assert case.details == {
        "postcode": "1011AB",
        "huisnummer": "12",
        "repair_location": "in de keuken",
    }
    if isinstance(tenant, TelegramTenant):  # the owner's notification carries the address
        notification = await tenant.bot_api.wait_for_text(FATIMA.id, "Adres: 1011 AB 12")
        assert "Eerdere zaken" not in notification.text
    assert case.summary == "uw kraan lekt (in de keuken, sinds gisteren)"


async def test_long_payment_arrangement_goes_to_a_person_as_an_exception(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("ik heb een huurachterstand, kan ik het in 12 maanden terugbetalen")
    summary = await tenant.expect("Dus als ik het goed begrijp")
    assert "u hebt een huurachterstand" in summary.text
    await tenant.press(summary, "/affirm")
    handed = await tenant.expect("helpt u verder")
    assert handed.text.startswith("Ingrid Jansen van team Huur en betalen")
    assert "postcode" not in tenant.everything_read()  # this topic needs no routing question
    case, _ = await only_case(runtime)
    assert (case.topic, case.flags, case.summary_confirmed) == (
        "payment_arrears", ["uitzondering gevraagd"], True
    )  # fmt: skip


async def test_emergency_gets_safety_steps_first_then_the_offer_to_pass_it_on(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("ik ruik gas in mijn keuken")
    safety = await tenant.expect("112")
    assert "ramen" in safety.text
    assert f"storingsdienst: {STORINGSDIENST_NUMBER}" in safety.text
    assert tenant.everything_read().startswith(safety.text)  # nothing before it, no question
    offer = await tenant.expect("Zal ik uw melding ook doorgeven aan een medewerker?")
    assert "u ruikt gas in uw keuken" in offer.text
    await tenant.press(offer, "/affirm")
    handed = await tenant.expect("helpt u verder")
    assert handed.text.startswith("Fatima el Amrani van team Reparaties")
    case, _ = await only_case(runtime)
    assert (case.topic, case.flags) == ("report_emergency", ["spoed"])


async def test_named_employee_gets_the_tenant_without_a_queue(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("is mevrouw de Vries er?")
    handed = await tenant.expect("helpt u verder")
    assert handed.text.startswith("Sanne de Vries van team Wijkbeheer")
    said = tenant.everything_read().lower()
    assert "postcode" not in said
    assert "waar gaat het over" not in said
    case, owner = await only_case(runtime)
    assert (case.topic, owner) == ("ask_for_employee", "Sanne de Vries")


async def test_job_interview_visitor_goes_to_reception_without_an_address(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("goedemiddag, ik kom voor een sollicitatiegesprek om 14 uur")
    handed = await tenant.expect("helpt u verder")
    assert handed.text.startswith("Anouk Smit van team Receptie")
    said = tenant.everything_read().lower()
    assert "adres" not in said
    assert "postcode" not in said
    assert "huurder" not in said
    case, _ = await only_case(runtime)
    assert case.topic == "appointment_visit"


async def test_visitor_for_a_named_person_goes_to_that_person(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("ik heb om 10 uur een afspraak met Kees Visser")
    handed = await tenant.expect("helpt u verder")
    assert handed.text.startswith("Kees Visser van team Klantcontact")
    _, owner = await only_case(runtime)
    assert owner == "Kees Visser"


async def test_a_person_on_request_after_one_skippable_question(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("ik wil iemand spreken")
    question = await tenant.expect("Waar gaat het over?")
    assert "adres" not in tenant.everything_read().lower()
    await tenant.say("mijn buren maken steeds herrie")
    handed = await tenant.expect("helpt u verder")
    assert handed.text.startswith("Sanne de Vries van team Wijkbeheer")  # nuisance, by topic
    case, _ = await only_case(runtime)
    assert (case.topic, case.summary) == ("nuisance", "uw buren maken steeds herrie")
    assert ("Meteen doorzetten", "/talk_to_human") in question.buttons


async def test_the_question_what_it_is_about_can_be_skipped(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("mag ik een medewerker")
    question = await tenant.expect("Waar gaat het over?")
    await tenant.press(question, "/talk_to_human")
    handed = await tenant.expect("helpt u verder")
    assert handed.text.startswith("Kees Visser van team Klantcontact")
    case, _ = await only_case(runtime)
    assert (case.topic, case.summary) == ("talk_to_human", "u wilt een medewerker spreken")


# Issue 11, "What a tenant sees today": everyday messages read back as a careful employee would.


async def test_a_read_back_keeps_compounds_and_says_zich_and_bij_u(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, _ = channel
    await tenant.say("Mijn cv-ketel doet het niet en ik voel me niet veilig")
    await tenant.expect("Waar in uw woning is het?")
    await tenant.say("bij ons in de badkamer")
    await tenant.expect("Sinds wanneer is het kapot?")
    await tenant.say("sinds gisteren")
    summary = await tenant.expect("Dus als ik het goed begrijp")
    assert "uw cv-ketel doet het niet en u voelt zich niet veilig" in summary.text
    assert "bij u in de badkamer" in summary.text
