"""When the assistant cannot answer (Rasa down, or its action server: Rasa then answers with no
message), an emergency still gets its safety steps at once and a person; any other message is
kept, the tenant hears so once, and it is answered when the assistant is back (reliability
review, defects 1 and 9)."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.storage.tables import Case, Employee, InboundUpdate
from tests.conftest import FATIMA, quick_settings
from tests.factories import notification_of
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa

TENANT = FakeUser(5601, "Joke", "Mulder")
NUMBER = "0800 - 999 00 11"


@pytest.fixture
async def app(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> AsyncIterator[Runtime]:
    settings = quick_settings(database_url, bot_api, fake_rasa, storingsdienst_number=NUMBER)
    runtime = Runtime(settings, escalation_interval=3600, recovery_interval=0.05, recovery_grace=0)
    await runtime.start()
    await asyncio.wait_for(runtime.rasa_ready.wait(), timeout=10)
    yield runtime
    await runtime.stop()


async def emergency_case(runtime: Runtime) -> tuple[Case, str]:
    async with runtime.uow.read() as session:
        case, owner = (await session.execute(select(Case, Employee.name).join(Employee))).one()
    return case, owner


@pytest.mark.parametrize("fault", ["action server down", "Rasa down"])
async def test_an_emergency_gets_its_safety_steps_and_a_person_at_once(
    app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, fault: str
) -> None:
    if fault == "action server down":  # Rasa understood it, but action_emergency failed
        fake_rasa.reply_to("ik ruik gas in de gang", intent="report_emergency")
    else:
        fake_rasa.fail_next("webhook", 500)
    start = len(bot_api.sent)
    bot_api.send_text(TENANT, "ik ruik gas in de gang")

    steps = texts.EMERGENCY_WITHOUT_ASSISTANT.format(storingsdienst=NUMBER)
    first = await bot_api.wait_for_text(TENANT.id, "112", start=start)
    assert first.text == steps  # before anything else
    await bot_api.wait_for_text(TENANT.id, texts.EMERGENCY_TO_A_PERSON, start=start)
    case, owner = await emergency_case(app)
    await notification_of(bot_api, FATIMA.id, case.id, start)  # Reparaties has emergencies
    assert (case.topic, owner) == ("report_emergency", "Fatima el Amrani")
    assert texts.FLAG_ASSISTANT_UNAVAILABLE in case.flags
    async with app.uow.read() as session:
        inbound = await session.scalar(select(InboundUpdate))
    assert inbound is not None
    assert inbound.processed_at is not None
    assert inbound.attempts == 1


async def test_a_message_without_an_answer_is_kept_and_answered_later(
    app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    # The action server is down for the first try: Rasa answers with no message.
    fake_rasa.reply_to("mijn kraan lekt", intent="report_repair", once=True)
    start = len(bot_api.sent)
    bot_api.send_text(TENANT, "mijn kraan lekt")

    await bot_api.wait_for_text(TENANT.id, texts.ASSISTANT_DELAYED, start=start)
    # Recovery tries again; now the assistant answers, and the tenant heard the delay once.
    await bot_api.wait_for_text(TENANT.id, ASSISTANT_REPLY, start=start)
    said = [m.text for m in bot_api.messages_to(TENANT.id)]
    assert said.count(texts.ASSISTANT_DELAYED) == 1
    assert texts.NOT_UNDERSTOOD not in said
    assert fake_rasa.texts_from(fake_rasa.senders()[0]) == ["mijn kraan lekt"] * 2
    # The same turn both times, so Rasa can give back an answer it gave (defect 6).
    first_try, second_try = (m.metadata or {} for m in fake_rasa.received)
    assert first_try["turn"]
    assert first_try["turn"] == second_try["turn"]
    async with app.uow.read() as session:
        inbound = await session.scalar(select(InboundUpdate))
        assert await session.scalar(select(Case)) is None
    assert inbound is not None
    assert inbound.processed_at is not None
    assert inbound.attempts == 1


async def test_a_newer_message_waits_behind_an_earlier_one_rasa_did_not_answer(
    app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    # Reliability review, defect 5: after an outage the newer messages were answered first.
    fake_rasa.reply_to("mijn kraan lekt", text="antwoord op de kraan")
    fake_rasa.reply_to("in de keuken", text="antwoord op de keuken")
    fake_rasa.fail_next("webhook", 500)  # Rasa is down for the first message
    start = len(bot_api.sent)
    bot_api.send_text(TENANT, "mijn kraan lekt")
    await bot_api.wait_for_text(TENANT.id, texts.ASSISTANT_DELAYED, start=start)
    bot_api.send_text(TENANT, "in de keuken")

    await bot_api.wait_for_text(TENANT.id, "antwoord op de keuken", start=start)
    said = [m.text for m in bot_api.messages_to(TENANT.id)]
    assert said == [texts.ASSISTANT_DELAYED, "antwoord op de kraan", "antwoord op de keuken"]
    # (the fake notes only the calls it answered: the failed one is not among them)
    assert [m.text for m in fake_rasa.received] == ["mijn kraan lekt", "in de keuken"]
