"""Issue 11, items 6 and 7, with the real Rasa on Telegram (fake Bot API) and in the web chat: a
frustrated tenant is heard first and still reaches the team of their need; a tenant who writes
another language gets the essentials in it and a person, never the model's Dutch."""

from collections.abc import AsyncIterator

import aiohttp
import pytest
from sqlalchemy import select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.storage.tables import Contact
from tests.conftest import KEES, make_settings
from tests.factories import notification_of, only_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.support.rasa_servers import RasaServers
from tests.support.tenants import TelegramTenant, Tenant, tenant_on

pytestmark = pytest.mark.rasa

HEARD = "Wat vervelend dat het zo loopt."  # utter_frustration_heard in rasa_project/domain.yml
SCHIMMEL = "Dit is al de derde keer dat ik over mijn schimmel contact opneem!!"


@pytest.fixture(params=["telegram", "web"])
async def channel(
    request: pytest.FixtureRequest, database_url: str, rasa: RasaServers, bot_api: FakeBotApi
) -> AsyncIterator[tuple[Tenant, Runtime]]:
    """A tenant whose Telegram app is in Turkish, or in the web chat, and the app."""
    settings = make_settings(database_url, rasa_url=rasa.url, rasa_token=rasa.token)
    user = FakeUser(5401, "Zeynep", "Arslan", "tr")
    async with tenant_on(request.param, settings, bot_api, user) as both:
        yield both


async def test_frustration_is_heard_first_and_the_need_still_reaches_its_team(
    channel: tuple[Tenant, Runtime], rasa: RasaServers
) -> None:
    tenant, runtime = channel
    await tenant.say(SCHIMMEL)  # Dutch, though this tenant's Telegram is in Turkish
    heard = await tenant.expect(HEARD)
    assert tenant.everything_read().startswith(heard.text)  # before anything else
    summary = await tenant.expect("Dus als ik het goed begrijp")
    assert "schimmel" in summary.text
    await tenant.press(summary, "/affirm")
    handed = await tenant.expect("helpt u verder")
    assert handed.text.startswith("Kees Visser van team Klantcontact")
    assert "postcode" not in tenant.everything_read()  # no optional question
    case, _ = await only_case(runtime)
    assert (case.topic, case.flags, case.language) == ("complaint", ["frustratie"], "nl")
    assert "schimmel" in case.summary
    assert case.summary_confirmed
    if isinstance(tenant, TelegramTenant):
        notification = await notification_of(tenant.bot_api, KEES.id, case.id)
        assert "Let op: frustratie" in (notification.text or "")
    # Rasa kept the language the app sent with each message: the actions can read it there.
    async with runtime.uow.read() as session:
        sender = await session.scalar(select(Contact.rasa_sender_id))
    async with (
        aiohttp.ClientSession() as http,
        http.get(
            f"{rasa.url}/conversations/{sender}/tracker", params={"token": rasa.token}
        ) as response,
    ):
        events = (await response.json())["events"]
    said = [event for event in events if event["event"] == "user"]
    assert [event["text"] for event in said] == [SCHIMMEL, "/affirm"]
    assert [event["metadata"]["language"] for event in said] == ["nl", "nl"]


async def test_a_frustrated_repair_skips_the_questions(channel: tuple[Tenant, Runtime]) -> None:
    tenant, runtime = channel
    await tenant.say("Al weken lekt de kraan in de badkamer!!")
    heard = await tenant.expect(HEARD)
    assert tenant.everything_read().startswith(heard.text)
    summary = await tenant.expect("Dus als ik het goed begrijp")
    said = tenant.everything_read()
    assert "Waar in uw woning" not in said
    assert "Sinds wanneer" not in said
    await tenant.press(summary, "/affirm")
    handed = await tenant.expect("helpt u verder")
    assert "team Reparaties" in handed.text
    assert "postcode" not in tenant.everything_read()
    case, _ = await only_case(runtime)
    assert (case.topic, case.flags) == ("report_repair", ["frustratie"])


async def test_a_frustrated_tenant_who_asks_for_a_person_is_not_asked_what_about(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("Ik wil nu eindelijk een medewerker spreken!!")
    heard = await tenant.expect(HEARD)
    assert tenant.everything_read().startswith(heard.text)
    await tenant.expect("helpt u verder")
    assert "Waar gaat het over?" not in tenant.everything_read()
    case, _ = await only_case(runtime)
    assert (case.topic, case.flags) == ("talk_to_human", ["frustratie"])


async def test_a_frustrated_tenant_who_says_no_to_the_summary_goes_to_a_person_at_once(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say(SCHIMMEL)
    summary = await tenant.expect("Dus als ik het goed begrijp")
    await tenant.press(summary, "/deny")
    await tenant.expect("Het lukt mij niet goed om uw vraag samen te vatten.")
    await tenant.expect("helpt u verder")
    assert "Wat klopt er niet?" not in tenant.everything_read()
    case, _ = await only_case(runtime)
    assert case.topic == "complaint"
    assert not case.summary_confirmed
    assert case.flags == ["samenvatting niet bevestigd", "frustratie"]


async def test_an_english_message_gets_english_essentials_not_the_gas_text(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("My heating is broken and I smell gas")
    essentials = await tenant.expect("digital assistant")
    assert essentials.text == texts.essentials_in("en", runtime.settings.storingsdienst_number)
    await tenant.expect("will help you")
    said = tenant.everything_read()
    assert "Ruikt u gas" not in said
    assert "Dus als ik" not in said  # the model's Dutch
    assert "Call 112 at once." in essentials.text  # the safety steps in English
    case, _ = await only_case(runtime)
    assert (case.language, case.summary) == ("en", "My heating is broken and I smell gas")


async def test_a_turkish_message_gets_turkish_essentials_and_a_case_naming_the_language(
    channel: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = channel
    await tenant.say("Merhaba, kombim çalışmıyor ve evde çok soğuk")
    essentials = await tenant.expect("dijital asistan")
    assert essentials.text == texts.essentials_in("tr", runtime.settings.storingsdienst_number)
    handed = await tenant.expect("size yardım edecek")
    assert handed.text.startswith("Kees Visser size yardım edecek.")
    assert "helpt u verder" not in tenant.everything_read()
    case, _ = await only_case(runtime)
    assert case.language == "tr"
    if isinstance(tenant, TelegramTenant):
        notification = await notification_of(tenant.bot_api, KEES.id, case.id)
        assert "Taal: Turks." in (notification.text or "")
