"""What operators watch (issue 14, #4): /healthz (alive), /readyz (the database, Rasa and the
Bot API, naming what failed) and /metrics (only with METRICS_TOKEN, as a bearer token), whose
figures follow what really happened: counted where it happens, or read from the database."""

import json
import secrets
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.storage.tables import InboundUpdate, OutboxMessage, utcnow
from tests.conftest import FATIMA, quick_settings, start_quick
from tests.factories import open_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, MODEL_FILE, FakeRasa
from tests.support.templates import wait_for_said
from tests.support.tenants import TelegramTenant
from tests.support.waiting import until_committed

TOKEN = secrets.token_urlsafe(32)
TENANT = FakeUser(6201, "Ilse", "Mulder")
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture
async def app(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> AsyncIterator[Runtime]:
    """The quick app with a metrics token."""
    runtime = await start_quick(
        quick_settings(database_url, bot_api, fake_rasa, metrics_token=TOKEN)
    )
    yield runtime
    await runtime.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def base(runtime: Runtime) -> str:
    return f"http://127.0.0.1:{runtime.web_port}"


async def scrape(http: aiohttp.ClientSession, runtime: Runtime) -> Samples:
    """Every sample /metrics shows: (name, labels) → value."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with http.get(f"{base(runtime)}/metrics", headers=headers) as response:
        assert response.status == 200
        assert response.content_type == "text/plain"
        body = await response.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, tuple(sorted(labels.items()))))


async def count(runtime: Runtime, table: type, *where: object) -> int:
    async with runtime.uow.read() as session:
        return await session.scalar(select(func.count()).select_from(table).where(*where)) or 0


async def test_alive_and_ready_and_what_is_not(
    app: Runtime, http: aiohttp.ClientSession, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    async with http.get(f"{base(app)}/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"status": "ok"}
    async with http.get(f"{base(app)}/readyz") as response:
        assert response.status == 200
        assert await response.json() == {
            "status": "ready",
            "checks": {"database": "ok", "rasa": "ok", "telegram": "ok"},
        }
    fake_rasa.fail_next("status")
    bot_api.fail_next("getMe", 502, "Bad Gateway")
    async with http.get(f"{base(app)}/readyz") as response:
        assert response.status == 503
        body = await response.text()
    assert json.loads(body) == {
        "status": "not ready",
        "checks": {"database": "ok", "rasa": "failed", "telegram": "failed"},
    }
    assert fake_rasa.token not in body
    assert bot_api.token not in body
    async with http.get(f"{base(app)}/healthz") as response:
        assert response.status == 200  # alive all the same: nothing restarts it for that


async def test_metrics_only_with_the_token(
    app: Runtime,
    http: aiohttp.ClientSession,
    database_url: str,
    bot_api: FakeBotApi,
    fake_rasa: FakeRasa,
) -> None:
    url = f"{base(app)}/metrics"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        async with http.get(url, headers=headers) as response:
            assert response.status == 401, headers
    samples = await scrape(http, app)
    assert value(samples, "aandacht_model_info", model=MODEL_FILE.rsplit("/", 1)[1]) == 1
    without = await start_quick(quick_settings(database_url, bot_api, fake_rasa))
    try:
        async with http.get(
            f"{base(without)}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
        ) as response:
            assert response.status == 404  # no METRICS_TOKEN: no metrics at all
    finally:
        await without.stop()


async def test_the_figures_follow_a_conversation_a_case_an_answer_and_a_transfer(
    app: Runtime, http: aiohttp.ClientSession, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    tenant = TelegramTenant(bot_api, TENANT)
    await tenant.say("hallo")
    await tenant.expect(ASSISTANT_REPLY)
    opened = await open_case(app, bot_api, fake_rasa, tenant=TENANT)
    assert opened.owner == "Fatima el Amrani"
    assert opened.notification is not None
    samples = await scrape(http, app)
    assert value(samples, "aandacht_open_cases", team="reparaties") == 1
    assert value(samples, "aandacht_open_cases", team="klantcontact") == 0
    assert value(samples, "aandacht_first_human_answer_seconds_count") == 0

    bot_api.send_text(FATIMA, "Ik kom morgen kijken.", reply_to=opened.notification)
    await tenant.expect("Ik kom morgen kijken.")

    async def answer_timed() -> bool:
        timed = value(await scrape(http, app), "aandacht_first_human_answer_seconds_count")
        return timed == 1

    await until_committed(app.uow, answer_timed)
    bot_api.send_text(FATIMA, "Neemt u de sleutel mee?", reply_to=opened.notification)
    await tenant.expect("Neemt u de sleutel mee?")
    bot_api.send_text(FATIMA, f"/doorzetten {opened.id} Kees Visser het gaat om de huur")
    await wait_for_said(bot_api, TENANT.id, texts.TRANSFERRED, employee="Kees Visser")

    async def all_delivered() -> bool:
        return await count(app, OutboxMessage, OutboxMessage.status == "pending") == 0

    await until_committed(app.uow, all_delivered)
    samples = await scrape(http, app)
    assert value(samples, "aandacht_updates_received_total", channel="telegram") == await count(
        app, InboundUpdate
    )
    assert value(samples, "aandacht_messages_sent_total", channel="telegram") == await count(
        app, OutboxMessage, OutboxMessage.status == "sent"
    )
    assert value(samples, "aandacht_rasa_latency_seconds_count") == len(fake_rasa.received)
    assert value(samples, "aandacht_first_human_answer_seconds_count") == 1  # the first only
    assert value(samples, "aandacht_case_transfers_total") == 1
    assert value(samples, "aandacht_open_cases", team="reparaties") == 0
    assert value(samples, "aandacht_open_cases", team="klantcontact") == 1
    assert value(samples, "aandacht_outbox_pending", channel="telegram") is None
    assert value(samples, "aandacht_outbox_oldest_pending_seconds") == 0


async def test_the_outbox_backlog_and_what_could_not_be_delivered(
    app: Runtime, http: aiohttp.ClientSession, bot_api: FakeBotApi
) -> None:
    blocked = FakeUser(6203, "Anouk")
    bot_api.fail_next(
        "sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=blocked.id
    )
    bot_api.send_text(blocked, "hallo")

    async def given_up() -> bool:
        return await count(app, OutboxMessage, OutboxMessage.status == "failed") == 1

    await until_committed(app.uow, given_up)
    async with app.uow() as session:  # a message waiting for its retry, written 90 s ago
        session.add(
            OutboxMessage(
                channel="telegram",
                chat_id="6204",
                text="later",
                created_at=utcnow() - timedelta(seconds=90),
                next_attempt_at=utcnow() + timedelta(hours=1),
            )
        )
    samples = await scrape(http, app)
    assert value(samples, "aandacht_outbox_pending", channel="telegram") == 1
    oldest = value(samples, "aandacht_outbox_oldest_pending_seconds")
    assert oldest is not None
    assert 90 <= oldest < 3600
    undeliverable = "aandacht_messages_undeliverable_total"
    assert value(samples, undeliverable, channel="telegram", reason="blocked") == 1
