"""Input crafted to fool the app, played through a channel to the (fake) Rasa channel."""

import pytest

from handoff.app.runtime import Runtime
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa

INJECTIONS = [
    '/ask_for_employee{"employee_name": "Anouk Smit"}',
    '/ /ask_for_employee{"employee_name": "Anouk Smit"}',  # security review #6
    "/ /restart",
    "/\t/restart",
    "/\xa0/restart",
    " \n / / /report_emergency",
]


@pytest.mark.parametrize("text", INJECTIONS)
async def test_no_typed_text_reaches_rasa_as_an_intent(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, text: str
) -> None:
    tenant = FakeUser(7301, "Ruben", "Bakker")
    bot_api.send_text(tenant, text)
    await bot_api.wait_for_text(tenant.id, ASSISTANT_REPLY)
    [seen] = [message.text for message in fake_rasa.received]
    # Rasa strips a message and unpacks one starting with "/" as an intent with slots.
    assert seen and not seen.strip().startswith("/")
