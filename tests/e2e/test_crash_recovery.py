"""The app killed (kill -9) in the middle of a burst, then started again: no tenant message is
lost, each tenant's answers come in the order they wrote, and every stored update is finished
(reliability review, test 1 and defect 5). The app runs as its own process, as make run starts
it; Telegram and Rasa are the fakes."""

import asyncio
import os
import signal
import sys
from asyncio.subprocess import Process
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from handoff.app.runtime import for_command
from handoff.paths import PROJECT_ROOT
from handoff.storage.tables import InboundUpdate
from tests.conftest import TEST_EMPLOYEES, make_settings
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import FakeRasa

TENANTS = [FakeUser(7800 + n, "Huurder", str(n)) for n in range(12)]
MESSAGES = 4


async def start_app(database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa) -> Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env |= {
        "TELEGRAM_BOT_TOKEN": bot_api.token,
        "TELEGRAM_API_BASE_URL": bot_api.base_url,
        "DATABASE_URL": database_url,
        "RASA_URL": fake_rasa.url,
        "RASA_TOKEN": fake_rasa.token,
        "EMPLOYEES_FILE": str(TEST_EMPLOYEES),
        "WEB_PORT": "0",
        "LOG_LEVEL": "WARNING",
    }
    polls = bot_api.polls
    app = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "handoff", "app", env=env, cwd=PROJECT_ROOT
    )
    await bot_api.wait_until(lambda: bot_api.polls > polls, timeout=60)
    return app


@pytest.fixture
async def stopped_at_the_end() -> AsyncIterator[list[Process]]:
    apps: list[Process] = []
    yield apps
    for app in apps:
        if app.returncode is None:
            app.send_signal(signal.SIGTERM)
            await app.wait()


async def test_a_killed_app_loses_nothing_and_keeps_each_tenants_order(
    database_url: str,
    bot_api: FakeBotApi,
    fake_rasa: FakeRasa,
    stopped_at_the_end: list[Process],
) -> None:
    for tenant in TENANTS:
        for n in range(MESSAGES):
            fake_rasa.reply_to(f"bericht {n} van {tenant.id}", text=f"antwoord {n}")
    app = await start_app(database_url, bot_api, fake_rasa)
    stopped_at_the_end.append(app)
    for n in range(MESSAGES):
        for tenant in TENANTS:
            bot_api.send_text(tenant, f"bericht {n} van {tenant.id}")

    await bot_api.wait_until(lambda: len(bot_api.sent) >= len(TENANTS), timeout=60)
    app.kill()  # SIGKILL, in the middle of the burst
    await app.wait()
    answered_before = len(bot_api.sent)
    stopped_at_the_end.append(await start_app(database_url, bot_api, fake_rasa))

    for tenant in TENANTS:
        await bot_api.wait_for_text(tenant.id, f"antwoord {MESSAGES - 1}", timeout=60)
    for tenant in TENANTS:
        answers = [m.text for m in bot_api.messages_to(tenant.id)]
        # At least once: a send in the crash window may arrive twice, never out of order.
        once = [a for i, a in enumerate(answers) if i == 0 or a != answers[i - 1]]
        assert once == [f"antwoord {n}" for n in range(MESSAGES)], (tenant.id, answers)
        # A chat sends one message at a time: the kill can catch at most one of its sends
        # between Telegram's answer and storing it, and that one is sent again.
        assert len(answers) - MESSAGES <= 1, (tenant.id, answers)

    settings = make_settings(database_url)
    async with for_command(settings) as runtime, runtime.uow.read() as session:
        unfinished = await session.scalar(
            select(func.count(InboundUpdate.id)).where(InboundUpdate.processed_at.is_(None))
        )
    assert unfinished == 0
    assert answered_before < len(TENANTS) * MESSAGES  # the kill came before the burst was done
