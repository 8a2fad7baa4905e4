"""Updates that cannot be processed: over-long fields are bounded where they come in, and an
update that keeps failing is parked (dead) after a few tries, so it never blocks the others;
its tenant hears so and a person takes over. (Issue 13, #5; PostgreSQL shows the lengths.)"""

import uuid
from collections.abc import AsyncIterator

import aiohttp
import pytest
from sqlalchemy import select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.domain.channels import Channel
from handoff.domain.privacy import PHONE
from handoff.services import intake
from handoff.storage.tables import Case, Contact, InboundUpdate, Message
from tests.conftest import FATIMA, quick_settings
from tests.factories import case_row, open_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa
from tests.integration.test_log_privacy import refuse_messages_with
from tests.support.desk import DeskUser
from tests.support.employees import TelegramEmployee
from tests.support.templates import wait_for_said
from tests.support.tenants import WebTenant

TENANT = FakeUser(5301, "Aysel", "Kaya")
BROKEN = "kapotwoord"  # the database refuses every message with this word


@pytest.fixture
async def patient_app(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> AsyncIterator[Runtime]:
    """The quick app whose Recovery takes every unfinished update, but only when a test asks."""
    runtime = Runtime(
        quick_settings(database_url, bot_api, fake_rasa),
        escalation_interval=3600,
        recovery_interval=3600,
        recovery_grace=0,
    )
    await runtime.start()
    await runtime.rasa_ready.wait()
    yield runtime
    await runtime.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session


async def update_row(runtime: Runtime, channel: str, update_id: str) -> InboundUpdate:
    async with runtime.uow.read() as session:
        row = await session.scalar(
            select(InboundUpdate).where(
                InboundUpdate.channel == channel, InboundUpdate.update_id == update_id
            )
        )
    assert row is not None
    return row


async def test_a_very_long_web_chat_name_is_shortened_and_the_visitor_answered(
    quick_app: Runtime, http: aiohttp.ClientSession
) -> None:
    tenant = WebTenant(http, f"http://127.0.0.1:{quick_app.web_port}")
    await tenant.open()
    body = {"id": uuid.uuid4().hex, "text": "hallo", "name": "Marieke " + "van " * 80 + "Dam"}
    async with http.post(f"{tenant.base}/chat/api/messages", json=body) as response:
        assert response.status == 202
    await tenant.expect(ASSISTANT_REPLY)
    async with quick_app.uow.read() as session:
        contact = await session.scalar(
            select(Contact).where(Contact.external_id == tenant.chat_id)
        )
    assert contact is not None
    assert contact.display_name.startswith("Marieke van van")
    assert len(contact.display_name) <= 100
    assert contact.display_name.endswith("…")


async def test_a_long_transfer_note_is_kept_whole_as_a_note(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    note = "de buurman zegt " + "en toen gebeurde er nog iets " * 12 + "einde"
    assert len(note) > 300
    fatima = TelegramEmployee(bot_api, FATIMA)
    start = len(bot_api.sent)
    done = await fatima.command(f"/doorzetten {case.id} Sanne de Vries {note}")
    assert done == texts.TRANSFER_OK.format(case_id=case.id, employee="Sanne de Vries")
    await wait_for_said(bot_api, TENANT.id, texts.TRANSFERRED, start=start, reason=note)
    row = await case_row(quick_app, case.id)
    assert len(row.routing_reason) <= 200
    assert row.routing_reason.endswith("…")
    async with quick_app.uow.read() as session:
        notes = list(
            await session.scalars(
                select(Message.text).where(Message.case_id == case.id, Message.sender == "note")
            )
        )
    assert notes == [texts.TRANSFER_NOTE.format(employee="Sanne de Vries", note=note)]


async def store_web(runtime: Runtime, chat_id: str, text: str) -> str:
    """Stores a web chat message as the chat does, without handling it (as after a crash)."""
    update_id = f"{chat_id}:{uuid.uuid4().hex}"
    assert await intake.store(
        runtime.uow, Channel.WEB, update_id, {"chat_id": chat_id, "text": text}
    )
    return update_id


async def test_failing_updates_never_starve_recovery(patient_app: Runtime) -> None:
    await refuse_messages_with(patient_app, BROKEN)
    for number in range(100):  # as many as Recovery takes at once
        await store_web(patient_app, f"poison{number:03d}", f"{BROKEN} {number}")
    await patient_app.recovery.run_once()  # each of them fails

    genuine = await store_web(patient_app, "genuine01", "mijn kraan lekt")
    await patient_app.recovery.run_once()

    row = await update_row(patient_app, Channel.WEB, genuine)
    assert row.processed_at is not None, "a genuine message waited behind failing ones"


async def test_an_update_that_keeps_failing_is_parked_and_a_person_takes_over(
    patient_app: Runtime, http: aiohttp.ClientSession
) -> None:
    await refuse_messages_with(patient_app, BROKEN)
    base = f"http://127.0.0.1:{patient_app.web_port}"
    tenant = WebTenant(http, base)
    await tenant.open()
    update_id = await store_web(patient_app, tenant.chat_id, f"mijn {BROKEN} bel 0612345678")

    for _ in range(intake.DEAD_AFTER):
        assert await patient_app.recovery.run_once() == 1
    assert (await update_row(patient_app, Channel.WEB, update_id)).dead_at is None
    await patient_app.recovery.run_once()  # the last try is over: Recovery gives up

    row = await update_row(patient_app, Channel.WEB, update_id)
    assert row.dead_at is not None
    assert row.processed_at is None
    assert row.tries == intake.DEAD_AFTER
    assert row.last_error
    assert "IntegrityError" in row.last_error
    assert await patient_app.recovery.run_once() == 0, "a parked update is not tried again"

    told = await tenant.expect(texts.MESSAGE_NOT_PROCESSED[:40])
    assert "{" not in told.text
    async with patient_app.uow.read() as session:
        case = await session.scalar(
            select(Case).join(Contact).where(Contact.external_id == tenant.chat_id)
        )
    assert case is not None
    assert case.status == "open"
    assert texts.FLAG_NOT_PROCESSED in case.flags

    desk = DeskUser(http, base)
    await desk.log_in(patient_app, "Kees Visser")  # an admin
    page = await desk.get("/admin/onverwerkt")
    assert f"mijn {BROKEN} bel {PHONE}" in page
    assert "0612345678" not in page
    assert row.last_error[:20] in page
