"""Shared fixtures: databases (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), the real
Rasa servers (once per run), the fake Bot API server, the scripted fake Rasa, and the app's
Runtime wired to them."""

import asyncio
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, async_playwright

from handoff.app.config import Settings
from handoff.app.runtime import Runtime
from handoff.paths import PROJECT_ROOT
from handoff.storage.migrate import upgrade
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import FakeRasa
from tests.support.databases import reset_postgres
from tests.support.rasa_servers import RasaServers, start_rasa

TEST_EMPLOYEES = Path(__file__).parent / "data" / "employees.yml"
DATABASES = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])

FATIMA = FakeUser(9001, "Fatima", "el Amrani")  # Reparaties
SANNE = FakeUser(9002, "Sanne", "de Vries")  # Wijkbeheer 1011, took over from Jan de Wit
KEES = FakeUser(9005, "Kees", "Visser")  # Klantcontact, the default team
MEHMET = FakeUser(9003, "Mehmet", "Yilmaz")  # Wijkbeheer 1013


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database, migrated to the newest schema: SQLite, then PostgreSQL if set."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    else:
        url = os.environ["TEST_DATABASE_URL"]
        reset_postgres(url)
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def rasa() -> Iterator[RasaServers]:
    """The real Rasa server and action server on the project's model."""
    servers = start_rasa(PROJECT_ROOT / "var" / "test-logs")
    yield servers
    servers.stop()


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API server."""
    fake = FakeBotApi()
    await fake.start()
    yield fake
    await fake.stop()


def make_settings(database_url: str, **overrides: Any) -> Settings:
    """Settings for a test: every value given, nothing read from a developer's .env."""
    values: dict[str, Any] = {
        "telegram_bot_token": None,
        "database_url": database_url,
        "rasa_url": "http://127.0.0.1:9",
        "rasa_token": "test-rasa-token",
        "rasa_standby_url": None,
        "employees_file": TEST_EMPLOYEES,
        "web_port": 0,
        # A tracker store of its own that Rasa has not created: never the developer's file.
        "rasa_tracker_store_url": f"sqlite:///{Path(tempfile.mkdtemp()) / 'trackers.db'}",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]  # BaseSettings takes it; mypy sees the fields only


def telegram_settings(database_url: str, bot_api: FakeBotApi, rasa: RasaServers) -> Settings:
    """Settings for the app on the fake Bot API and real Rasa (with its standby, if started)."""
    return make_settings(
        database_url,
        telegram_bot_token=bot_api.token,
        telegram_api_base_url=bot_api.base_url,
        rasa_url=rasa.url,
        rasa_standby_url=rasa.standby_url,
        rasa_token=rasa.token,
        **({"rasa_tracker_store_url": rasa.tracker_store_url} if rasa.tracker_store_url else {}),
    )


@pytest.fixture
async def telegram_app(
    database_url: str, rasa: RasaServers, bot_api: FakeBotApi
) -> AsyncIterator[Runtime]:
    """The app on Telegram (the fake Bot API) and the real Rasa."""
    runtime = Runtime(telegram_settings(database_url, bot_api, rasa))
    await runtime.start()
    yield runtime
    await runtime.stop()


@pytest.fixture
async def fake_rasa() -> AsyncIterator[FakeRasa]:
    """The scripted fake of the app's Rasa channel: no model, no Rasa process."""
    fake = FakeRasa()
    await fake.start()
    yield fake
    await fake.stop()


def quick_settings(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, **overrides: object
) -> Settings:
    """Returns settings for the app on the fake Bot API and the fake Rasa."""
    values: dict[str, object] = {
        "telegram_bot_token": bot_api.token,
        "telegram_api_base_url": bot_api.base_url,
        "rasa_url": fake_rasa.url,
        "rasa_token": fake_rasa.token,
    }
    return make_settings(database_url, **(values | overrides))


async def start_quick(settings: Settings) -> Runtime:
    """Starts the app for integration tests, ready once it has checked the (fake) Rasa."""
    # Escalation runs only when a test calls it with its own clock, never on its own.
    runtime = Runtime(settings, escalation_interval=3600)
    await runtime.start()
    await asyncio.wait_for(runtime.rasa_ready.wait(), timeout=10)
    return runtime


@pytest.fixture
async def quick_app(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> AsyncIterator[Runtime]:
    """The real app on Telegram (the fake Bot API) and the scripted fake Rasa."""
    runtime = await start_quick(quick_settings(database_url, bot_api, fake_rasa))
    yield runtime
    await runtime.stop()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's Chromium, driven by Playwright (its own browser download cannot work here)."""
    chromium = shutil.which("chromium")
    assert chromium, "the browser tests need Debian's chromium (apt-get install chromium)"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, headless=True)
        yield browser
        await browser.close()
