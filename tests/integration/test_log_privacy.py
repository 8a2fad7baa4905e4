"""The logs hold no personal data and nothing that grants access, even at LOG_LEVEL=DEBUG.

Logging is set up as the app process does it (`configure_logging`), a handler on the root
logger keeps every record, written as the app writes it (text lines, or JSON objects with
LOG_FORMAT=json), and a tenant on each channel goes through a whole conversation:
Rasa failing once (a warning, then Recovery), a case, an employee's reply and note, and a
message and a note whose database writes fail (errors with SQL). None of the tenant's words,
their name, the employee's words, the note, the web chat's cookie, the Telegram chat id or the
app's secrets may appear in any record: message, arguments or traceback.
"""

import asyncio
import json
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterator

import aiohttp
import pytest
from sqlalchemy.exc import IntegrityError

from handoff.app.logs import configure_logging, formatter
from handoff.app.runtime import Runtime
from tests.conftest import FATIMA, quick_settings
from tests.factories import open_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa
from tests.support.desk import DeskUser
from tests.support.tenants import TelegramTenant, Tenant, WebTenant

BOT_TOKEN = "7310001:bottoken-Jr5Vc3Bn6MdKq"
RASA_TOKEN = "rasatoken-Hk4Np8sTx1Wd"
SESSION_SECRET = "sessiegeheim-Qz7vW2pLm9Rb-Xk4nT8cHs3Jd"
METRICS_TOKEN = "meetgeheim-Lw3Rt8Zp2Qx7-Vb6Nc1Hy5Ks"
WEBHOOK_URL = "https://bot.example.org/telegram/updates"
TENANT = FakeUser(731059824, "Wendelmoet", "Zuiderhout")
WEB_NAME = "Gijsbertha Oudekerk"
UNHEARD = "eerst hoort de assistent dit niet Ypenburgstraat"
REPAIR = "mijn kraan lekt sinds Hemelvaart Lindengracht 77"
REPLY = "Loodgieter Bartholomeus komt morgen"
NOTE = "sleutel bij buurvrouw Petronella"
BROKEN = "Kwakelbrug"  # the database refuses a message with this word
FAILING = f"dit bericht breekt de database {BROKEN}"
FAILING_NOTE = f"notitie die niet lukt {BROKEN}"


class Kept(logging.Handler):
    """Keeps every record, and each as the app's handler would write it."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.records: list[logging.LogRecord] = []
        self.lines: list[str] = []
        self._wake: Callable[[], object] = lambda: None

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        self.records.append(record)
        self._wake()  # records may come from other threads

    async def wait_for_failures(self, count: int, timeout: float = 15.0) -> None:
        """Waits until this many records carry a database error."""
        loop, arrived = asyncio.get_running_loop(), asyncio.Event()
        self._wake = lambda: loop.call_soon_threadsafe(arrived.set)
        async with asyncio.timeout(timeout):
            while self.failures() < count:
                await arrived.wait()
                arrived.clear()

    def failures(self) -> int:
        """How many records carry a database error (with its SQL)."""
        return sum(
            1 for r in self.records if r.exc_info and isinstance(r.exc_info[1], IntegrityError)
        )

    def found(self, secrets: dict[str, str]) -> dict[str, list[str]]:
        """Returns, per secret, the loggers (with the level) of the records that contain it."""
        found: dict[str, set[str]] = {}
        for record, line in zip(self.records, self.lines, strict=True):
            parts = [line, str(record.msg), repr(record.args), record.exc_text or ""]
            parts.append(record.stack_info or "")
            for name, secret in secrets.items():
                if any(secret in part for part in parts):
                    found.setdefault(name, set()).add(f"{record.levelname} {record.name}")
        return {name: sorted(where) for name, where in found.items()}


@pytest.fixture
def kept() -> Iterator[Kept]:
    """A handler on the root logger; logging as it was before afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    filters = {handler: list(handler.filters) for handler in handlers}
    loggers = {
        name: logger.level
        for name, logger in logging.Logger.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    handler = Kept()
    root.addHandler(handler)
    yield handler
    for added in set(root.handlers) - set(handlers):
        root.removeHandler(added)
        added.close()
    for old, its_filters in filters.items():
        old.filters[:] = its_filters
    root.setLevel(level)
    for name, logger in logging.Logger.manager.loggerDict.items():
        if isinstance(logger, logging.Logger):
            logger.setLevel(loggers.get(name, logging.NOTSET))


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API with a token of this test's own."""
    fake = FakeBotApi(token=BOT_TOKEN)
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def fake_rasa() -> AsyncIterator[FakeRasa]:
    """The fake Rasa with a token of this test's own."""
    fake = FakeRasa(token=RASA_TOKEN)
    await fake.start()
    yield fake
    await fake.stop()


async def refuse_messages_with(runtime: Runtime, word: str) -> None:
    """Makes the database refuse every new row of `messages` with the word in its text."""
    async with runtime.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            await connection.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON messages"
                f" WHEN instr(NEW.text, '{word}') > 0 BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        else:  # PostgreSQL names the failing row, with its values, in the error's DETAIL
            await connection.exec_driver_sql(
                "ALTER TABLE messages ADD CONSTRAINT refuse"
                f" CHECK (position('{word}' in text) = 0) NOT VALID"
            )


class NamedWebTenant(WebTenant):
    """A web chat visitor who gives their name with every message, as a website may."""

    async def say(self, text: str | None = None, **button: str) -> None:
        body = {"id": uuid.uuid4().hex, "name": WEB_NAME, **({"text": text} if text else button)}
        async with self.http.post(f"{self.base}/chat/api/messages", json=body) as response:
            assert response.status == 202


@pytest.mark.parametrize("log_format", ["text", "json"])
@pytest.mark.parametrize("channel", ["telegram", "telegram-webhook", "web"])
async def test_debug_logs_hold_no_personal_data_and_no_secrets(
    channel: str,
    log_format: str,
    database_url: str,
    bot_api: FakeBotApi,
    fake_rasa: FakeRasa,
    kept: Kept,
) -> None:
    settings = quick_settings(
        database_url,
        bot_api,
        fake_rasa,
        log_level="DEBUG",
        log_format=log_format,
        session_secret=SESSION_SECRET,
        metrics_token=METRICS_TOKEN,
        **({"telegram_webhook_url": WEBHOOK_URL} if channel == "telegram-webhook" else {}),
    )
    configure_logging(settings)  # as handoff/app/cli.py does
    kept.setFormatter(formatter(settings.log_format))  # lines as the app's handler writes them
    assert logging.getLogger("handoff.services").isEnabledFor(logging.DEBUG)
    assert logging.getLogger("bot.polling").isEnabledFor(logging.DEBUG)
    runtime = Runtime(
        settings, escalation_interval=3600, recovery_interval=0.2, recovery_grace=0.5
    )
    await runtime.start()
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    desk_http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    base = f"http://127.0.0.1:{runtime.web_port}"
    try:
        await asyncio.wait_for(runtime.rasa_ready.wait(), timeout=10)
        tenant: Tenant
        if channel == "web":
            tenant = web = NamedWebTenant(http, base)
            await web.open()
        else:
            tenant = TelegramTenant(bot_api, TENANT)
        if channel == "telegram-webhook":
            bot_api.forward_webhook_to(base)
            refused = bot_api.text_update(TENANT, UNHEARD)
            assert await bot_api.post_to_webhook(refused, secret="wrong-secret-0123456") == 403

        fake_rasa.fail_next("webhook")  # a warning, then Recovery tries again
        await tenant.say(UNHEARD)
        await tenant.expect(ASSISTANT_REPLY)

        opened = await open_case(
            runtime,
            bot_api,
            fake_rasa,
            tenant=web if channel == "web" else TENANT,
            summary=REPAIR,
        )
        assert opened.owner == "Fatima el Amrani"
        assert opened.notification is not None
        bot_api.send_text(FATIMA, REPLY, reply_to=opened.notification)
        await tenant.expect(REPLY)
        desk = DeskUser(desk_http, base)
        await desk.log_in(runtime, "Fatima el Amrani")
        note = await desk.post(f"/desk/cases/{opened.id}/note", text=NOTE)
        assert note.status == 200

        await refuse_messages_with(runtime, BROKEN)
        await tenant.say(FAILING)  # fails when handled, and again in Recovery
        await kept.wait_for_failures(2)
        failed_note = await desk.post(f"/desk/cases/{opened.id}/note", text=FAILING_NOTE)
        assert failed_note.status == 500
        await kept.wait_for_failures(3)
        cookie = web.chat_id if channel == "web" else None
    finally:
        await desk_http.close()
        await http.close()
        await runtime.stop()

    secrets = {
        "bot token": BOT_TOKEN,
        "bot token's secret part": BOT_TOKEN.split(":")[1],
        "RASA_TOKEN": RASA_TOKEN,
        "SESSION_SECRET": SESSION_SECRET,
        "METRICS_TOKEN": METRICS_TOKEN,
        "tenant's first message": UNHEARD,
        "tenant's repair": REPAIR,
        "tenant's failing message": FAILING,
        "employee's reply": REPLY,
        "employee's name": "Fatima el Amrani",
        "note": NOTE,
        "failing note": FAILING_NOTE,
    }
    if settings.webhook_secret is not None:
        secrets["webhook secret"] = settings.webhook_secret
    if channel == "web":
        assert cookie is not None
        secrets |= {"web chat cookie": cookie, "web visitor's name": WEB_NAME}
    else:
        secrets |= {
            "tenant's first name": TENANT.first_name,
            "tenant's last name": TENANT.last_name or "",
            "Telegram chat id": str(TENANT.id),
        }
    assert kept.failures() >= 3, "the failures this test makes were logged"
    if log_format == "json":
        assert all(json.loads(line)["message"] is not None for line in kept.lines)
    logged = {(r.name, r.levelname) for r in kept.records}
    assert ("handoff.services.conversation", "WARNING") in logged  # Rasa failed
    assert ("handoff.services.intake", "INFO") in logged  # Recovery took the message again
    if channel == "telegram-webhook":
        assert ("bot.webhook", "WARNING") in logged  # the request without the secret
    assert kept.found(secrets) == {}
