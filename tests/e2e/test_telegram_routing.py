"""Who gets the tenant: the named employee or their successor, a visitor's contact, and safety
steps before anything else in an emergency."""

from sqlalchemy import select

from handoff.runtime import Runtime
from handoff.storage.tables import Case
from tests.conftest import KEES, SANNE
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa_servers import STORINGSDIENST_NUMBER

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


async def test_job_interview_visitor_is_not_asked_for_an_address(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(TENANT, "goedemiddag, ik kom voor een sollicitatiegesprek om 14 uur")
    await bot_api.wait_for_text(TENANT.id, "Kees Visser van team Klantcontact helpt u verder")
    await bot_api.wait_for_text(KEES.id, "afspraak of bezoek")
    said = " ".join(m.text for m in bot_api.messages_to(TENANT.id)).lower()
    assert "adres" not in said and "postcode" not in said and "huurder" not in said


async def test_emergency_gets_safety_steps_first(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(TENANT, "ik ruik gas in mijn keuken")
    first = await bot_api.wait_for(lambda m: m.chat_id == TENANT.id)
    assert "112" in first.text and "ramen" in first.text
    assert f"storingsdienst: {STORINGSDIENST_NUMBER}" in first.text
    summary = await bot_api.wait_for_text(TENANT.id, "Dus als ik het goed begrijp")
    bot_api.press_button(TENANT, summary, "/affirm")
    await bot_api.wait_for_text(TENANT.id, "helpt u verder")
    async with telegram_app.uow() as session:
        case = await session.scalar(select(Case))
    assert case.topic == "report_emergency" and case.flags == ["spoed"]


async def test_second_rejected_summary_goes_to_a_person_flagged(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(TENANT, "mijn kraan lekt")
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


async def test_long_payment_arrangement_goes_to_a_person_as_an_exception(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(TENANT, "ik heb een huurachterstand, kan ik het in 12 maanden terugbetalen")
    summary = await bot_api.wait_for_text(TENANT.id, "Dus als ik het goed begrijp")
    bot_api.press_button(TENANT, summary, "/affirm")
    handed = await bot_api.wait_for_text(TENANT.id, "helpt u verder")
    assert handed.text.startswith("Ingrid Jansen van team Huur en betalen")
    async with telegram_app.uow() as session:
        case = await session.scalar(select(Case))
    assert case.topic == "payment_arrears"
    assert case.flags == ["uitzondering gevraagd"]
