"""When Rasa cannot be reached, the message is kept, retried, and then a person takes over."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from handoff.app.runtime import Runtime
from handoff.services.conversation import RASA_ATTEMPTS
from handoff.storage.tables import Case, InboundUpdate
from handoff.texts import ASSISTANT_UNAVAILABLE
from tests.conftest import KEES, make_settings
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.support.rasa_servers import free_port

TENANT = FakeUser(5003, "Wim", "Bos")


@pytest.fixture
async def app_without_rasa(database_url: str, bot_api: FakeBotApi) -> AsyncIterator[Runtime]:
    settings = make_settings(
        database_url,
        telegram_bot_token=bot_api.token,
        telegram_api_base_url=bot_api.base_url,
        rasa_url=f"http://127.0.0.1:{free_port()}",  # nothing listens there
    )
    runtime = Runtime(settings, recovery_interval=0.05, recovery_grace=0, rasa_patience=0)
    await runtime.start()
    yield runtime
    await runtime.stop()


async def test_person_takes_over_when_the_assistant_is_unreachable(
    app_without_rasa: Runtime, bot_api: FakeBotApi
) -> None:
    update_id = bot_api.send_text(TENANT, "mijn deur klemt")
    await bot_api.wait_for_text(TENANT.id, ASSISTANT_UNAVAILABLE)
    await bot_api.wait_for_text(TENANT.id, "Kees Visser van team Klantcontact helpt u verder")
    notification = await bot_api.wait_for_text(KEES.id, "Zaak ")
    assert "assistent niet bereikbaar" in notification.text
    assert "mijn deur klemt" in notification.text
    async with app_without_rasa.uow() as session:
        inbound = await session.scalar(select(InboundUpdate))
        case = await session.scalar(select(Case))
    assert inbound.update_id == str(update_id)
    assert inbound.attempts == RASA_ATTEMPTS
    assert inbound.processed_at is not None
    assert case.summary_confirmed is False
