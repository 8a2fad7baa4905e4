"""The real Rasa with its action server unreachable answers 200 and no message (it logs the
failed action): the app must not take that for an answer. A gas leak still gets the safety
steps and a person; a repair is kept and the tenant hears so (reliability review, test 6)."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.storage.tables import Case
from tests.conftest import telegram_settings
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.support.rasa_servers import RasaServers, free_port, start_rasa

pytestmark = pytest.mark.rasa

TENANT = FakeUser(7901, "Anna", "Bakker")
NEIGHBOUR = FakeUser(7902, "Bram", "Smit")
NUMBER = "0800 - 111 22 33"


@pytest.fixture(scope="module")
def rasa_without_actions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RasaServers]:
    nowhere = f"http://127.0.0.1:{free_port()}/webhook"  # nothing listens there
    servers = start_rasa(
        Path(tmp_path_factory.mktemp("actions-down")), environment={"ACTION_SERVER_URL": nowhere}
    )
    yield servers
    servers.stop()


@pytest.fixture
async def app(
    database_url: str, bot_api: FakeBotApi, rasa_without_actions: RasaServers
) -> AsyncIterator[Runtime]:
    settings = telegram_settings(database_url, bot_api, rasa_without_actions).model_copy(
        update={"storingsdienst_number": NUMBER}
    )
    runtime = Runtime(settings, escalation_interval=3600, recovery_interval=3600)
    await runtime.start()
    await asyncio.wait_for(runtime.rasa_ready.wait(), timeout=60)
    yield runtime
    await runtime.stop()


async def test_a_gas_leak_gets_the_safety_steps_without_the_action_server(
    app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(TENANT, "ik ruik gas in de meterkast")
    first = await bot_api.wait_for_text(TENANT.id, "112")
    assert first.text == texts.EMERGENCY_WITHOUT_ASSISTANT.format(storingsdienst=NUMBER)
    await bot_api.wait_for_text(TENANT.id, texts.EMERGENCY_TO_A_PERSON)
    async with app.uow.read() as session:
        case = await session.scalar(select(Case))
    assert case is not None
    assert case.topic == "report_emergency"
    assert texts.NOT_UNDERSTOOD not in [m.text for m in bot_api.messages_to(TENANT.id)]

    bot_api.send_text(NEIGHBOUR, "de deur van mijn schuur klemt")
    await bot_api.wait_for_text(NEIGHBOUR.id, texts.ASSISTANT_DELAYED)
    assert texts.NOT_UNDERSTOOD not in [m.text for m in bot_api.messages_to(NEIGHBOUR.id)]
