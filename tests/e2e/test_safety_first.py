"""Issue 11 in the web chat, with the real Rasa: an unsure reading of danger becomes the
question "Is er direct gevaar?", and a sentence that starts with a capital names nobody."""

from collections.abc import AsyncIterator

import pytest

from handoff.app.runtime import Runtime
from tests.conftest import make_settings
from tests.factories import only_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.support.rasa_servers import RasaServers
from tests.support.tenants import Tenant, tenant_on

# The model hesitates on it between a repair and an emergency (the tests see the question).
UNSURE = "er zit een grote scheur in het plafond"


@pytest.fixture
async def chat(
    database_url: str, rasa: RasaServers, bot_api: FakeBotApi
) -> AsyncIterator[tuple[Tenant, Runtime]]:
    settings = make_settings(database_url, rasa_url=rasa.url, rasa_token=rasa.token)
    async with tenant_on("web", settings, bot_api, FakeUser(5501, "Web", "Chat")) as both:
        yield both


async def test_yes_to_danger_gets_the_emergency_steps_and_a_flagged_case(
    chat: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = chat
    await tenant.say(UNSURE)
    question = await tenant.expect("Is er direct gevaar?")
    assert "112" not in tenant.everything_read()  # asked first, not guessed
    await tenant.press(question, "/affirm")
    await tenant.expect("Bel dan meteen 112")
    offer = await tenant.expect("Zal ik uw melding ook doorgeven")
    await tenant.press(offer, "/affirm")
    handed = await tenant.expect("helpt u verder")
    assert "team Reparaties" in handed.text
    case, _ = await only_case(runtime)
    assert (case.topic, case.flags) == ("report_emergency", ["spoed"])


async def test_no_to_danger_gets_the_repair_questions_and_the_summary(
    chat: tuple[Tenant, Runtime],
) -> None:
    tenant, runtime = chat
    await tenant.say(UNSURE)
    question = await tenant.expect("Is er direct gevaar?")
    await tenant.press(question, "/deny")
    await tenant.expect("Waar in uw woning is het?")
    assert "112" not in tenant.everything_read()
    await tenant.say("in de woonkamer")
    await tenant.expect("Sinds wanneer is het kapot?")
    await tenant.say("sinds vorige week")
    summary = await tenant.expect("Dus als ik het goed begrijp")
    assert "plafond" in summary.text
    assert "woonkamer" in summary.text
    await tenant.press(summary, "/affirm")
    await tenant.expect("Wat is uw postcode en huisnummer?")
    await tenant.say("liever niet")
    handed = await tenant.expect("helpt u verder")
    assert "team Reparaties" in handed.text
    case, _ = await only_case(runtime)
    assert (case.topic, case.flags, case.summary_confirmed) == ("report_repair", [], True)


async def test_a_capital_at_the_start_is_no_employee(chat: tuple[Tenant, Runtime]) -> None:
    tenant, runtime = chat
    await tenant.say("Er is iets mis met mijn balkon, de reling zit los")
    await tenant.expect("Wat is er kapot?")
    await tenant.say("de reling")
    await tenant.expect("Sinds wanneer is het kapot?")
    await tenant.say("sinds vorige maand")
    summary = await tenant.expect("Dus als ik het goed begrijp")
    assert "balkon" in summary.text
    assert "Er spreken" not in summary.text
    await tenant.press(summary, "/affirm")
    await tenant.expect("Wat is uw postcode en huisnummer?")
    await tenant.say("liever niet")
    handed = await tenant.expect("helpt u verder")
    assert "team Reparaties" in handed.text
    case, _ = await only_case(runtime)
    assert case.topic == "report_repair"
    assert "balkon" in (case.summary or "")
