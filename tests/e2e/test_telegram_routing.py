"""Who gets the tenant: the named employee or their successor, a colleague at work when the
area's employee is away, and a person after a summary the tenant rejected twice.
tests/e2e/test_conversations.py plays the other paths on both channels."""

from sqlalchemy import select

from handoff.app.runtime import Runtime
from handoff.storage.tables import Case
from tests.conftest import SANNE
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.scenarios import report_nuisance

TENANT = FakeUser(5004, "Hatice", "Demir")


async def test_named_employee_gets_the_tenant_without_a_queue(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(TENANT, "is Sanne de Vries er?")
    handed = await bot_api.wait_for_text(TENANT.id, "helpt u verder")
    assert handed.text.startswith("Sanne de Vries van team Wijkbeheer")
    notification = await bot_api.wait_for_text(SANNE.id, "Zaak ")
    assert "Voor u, omdat: gevraagd" in notification.text


async def test_former_contact_leads_to_the_successor_and_the_tenant_is_told(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(TENANT, "ik wil graag meneer Jan de Wit spreken")
    handed = await bot_api.wait_for_text(TENANT.id, "helpt u verder")
    assert handed.text.startswith("Jan de Wit werkt hier niet meer. Sanne de Vries heeft")
    await bot_api.wait_for_text(SANNE.id, "neemt het werk van Jan de Wit over")


async def test_second_rejected_summary_goes_to_a_person_flagged(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(TENANT, "mijn kraan in de keuken lekt al een week")
    summary = await bot_api.wait_for_text(TENANT.id, "Dus als ik het goed begrijp")
    bot_api.press_button(TENANT, summary, "/deny")
    await bot_api.wait_for_text(TENANT.id, "Wat klopt er niet?")
    start = len(bot_api.sent)
    bot_api.send_text(TENANT, "de kraan in de badkamer lekt, niet die in de keuken")
    second = await bot_api.wait_for_text(TENANT.id, "Dus als ik het goed begrijp", start=start)
    assert "badkamer" in second.text
    bot_api.press_button(TENANT, second, "/deny")
    await bot_api.wait_for_text(TENANT.id, "Daarom geef ik uw vraag nu door")
    await bot_api.wait_for_text(TENANT.id, "helpt u verder")
    async with telegram_app.uow() as session:
        case = await session.scalar(select(Case))
    assert case.summary_confirmed is False
    assert case.flags == ["samenvatting niet bevestigd"]
    assert "badkamer" in case.summary


async def test_an_employee_who_is_away_gets_no_new_cases_until_back(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(SANNE, "/afwezig")
    await bot_api.wait_for_text(SANNE.id, "U staat op afwezig.")
    handed = await report_nuisance(bot_api, TENANT)
    # Sanne's area, but she is away: a colleague of her team who is at work gets it.
    assert handed.text.startswith("Mehmet Yilmaz van team Wijkbeheer")
    assert "U krijgt hier vandaag vóór " in handed.text or "morgen vóór" in handed.text

    bot_api.send_text(SANNE, "/beschikbaar")
    await bot_api.wait_for_text(SANNE.id, "Welkom terug.")
    handed = await report_nuisance(bot_api, FakeUser(5005, "Noor", "Bakker"))
    assert handed.text.startswith("Sanne de Vries van team Wijkbeheer")
