"""The app process, wired: database, directory, Rasa client, Telegram, outbox, web.

Every entry point (`make run`'s app process, the tests, the benchmark) starts the same Runtime.
"""

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp import web
from sqlalchemy import text
from telegram.error import BadRequest

from bot.application import (
    BotServices,
    build_application,
    dead_letter_handler,
    menus,
    redispatcher,
    release,
)
from bot.delivery import TelegramDelivery, photo_download
from bot.polling import StoringPoller
from bot.webhook import Webhook
from handoff.app.config import Settings
from handoff.backoffice.vera import Vera
from handoff.domain.channels import Channel
from handoff.metrics import Metrics
from handoff.nlu import language
from handoff.nlu.client import RasaClient, RasaUnavailable
from handoff.nlu.retraining import Retraining
from handoff.nlu.switch import ModelSwitch
from handoff.paths import MODELS_DIR, RASA_PROJECT
from handoff.services import escalation, retention
from handoff.services.backoffice import BackOfficeWork
from handoff.services.conversation import Conversations
from handoff.services.employees import LinkedAccounts, sync_directory
from handoff.services.intake import GiveUp, Recovery, Redispatch
from handoff.services.outbox import Delivery, OutboxSender
from handoff.services.privacy import Privacy
from handoff.signals import Changes, wait_any
from handoff.storage.database import create_engine, open_connections, session_factory
from handoff.storage.directory_file import load_directory
from handoff.storage.migrate import upgrade
from handoff.storage.rasa_trackers import RasaTrackers
from handoff.storage.unit_of_work import UnitOfWork
from handoff.web import chat, ops
from handoff.web.app import init_web_app
from handoff.web.chat import ChatLimits
from handoff.web.context import WebServices
from handoff.web.webchat_delivery import WebChatDelivery

if TYPE_CHECKING:
    from telegram.ext import Application

    from handoff.domain.directory import Directory

log = logging.getLogger(__name__)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}  # served only to this machine: plain HTTP is fine


def settle_memory() -> None:
    """Once the app process has started: what it holds from then on (modules, the directory,
    the language detector) moves out of the garbage collector's way. A full collection then
    walks only what came after, instead of pausing the event loop for some 80 ms now and then
    (bench/loop_lag.py)."""
    gc.collect()
    gc.freeze()


@asynccontextmanager
async def for_command(settings: Settings, **options: Any) -> AsyncIterator["Runtime"]:
    """A Runtime with its database ready and nothing started, for one command-line action."""
    runtime = Runtime(settings, **options)
    try:
        await runtime.prepare_database()
        yield runtime
    finally:
        await runtime.trackers.close()
        await runtime.engine.dispose()


class FatalError(Exception):
    """Something the app cannot run without failed (a refused token, for instance)."""


class Runtime:
    """Starts and stops everything the app process runs."""

    def __init__(
        self,
        settings: Settings,
        *,
        recovery_interval: float = 10.0,
        recovery_grace: float = 20.0,
        rasa_patience: float = 30.0,
        escalation_interval: float = 60.0,
        retention_first_after: float = 600.0,
        rasa_project: Path = RASA_PROJECT,
        models_dir: Path = MODELS_DIR,
        chat_limits: ChatLimits | None = None,
    ) -> None:
        self.settings = settings
        self.recovery_interval = recovery_interval  # how often unfinished updates are retried
        self.recovery_grace = recovery_grace  # how old an unfinished update must be for that
        self.rasa_patience = rasa_patience  # how long one message waits for a starting Rasa
        self.escalation_interval = escalation_interval  # how often waiting cases are checked
        self.retention_first_after = retention_first_after  # the first purge after the start
        self.rasa_project = rasa_project  # where labelled examples go and retraining runs
        self.models_dir = models_dir
        self.chat_limits = chat_limits  # the web chat's rate limits; None: the defaults
        self.directory: Directory = load_directory(settings.employees_file)
        self.engine = create_engine(settings.database_url)
        self.uow = UnitOfWork(
            session_factory(self.engine), serialize_writes=self.engine.dialect.name == "sqlite"
        )
        self.webchat = WebChatDelivery()
        self.retraining = Retraining(
            self.uow, rasa_project, models_dir, gate_margin=settings.nlu_gate_margin
        )
        self.trackers = RasaTrackers(settings.rasa_tracker_store_url)
        self.privacy = Privacy(self.uow, self.trackers, rasa_project)
        self.metrics = Metrics()  # this Runtime's own registry
        self.telegram: Application | None = None
        self.vera: Vera | None = None
        self.back_office: BackOfficeWork | None = None
        self.webhook: Webhook | None = None
        self.web_port: int | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._stop = asyncio.Event()
        self.rasa_ready = asyncio.Event()  # Rasa answered and its model is in the registry
        self._failed: asyncio.Future[BaseException] | None = None
        self._http: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None

    async def prepare_database(self) -> None:
        """Migrates the database and brings the directory's employees into it."""
        await asyncio.to_thread(upgrade, self.settings.database_url)
        await open_connections(self.engine)
        await sync_directory(self.uow, self.directory)

    async def start(self) -> None:
        """Migrates the database, then starts the web server, Telegram and the workers."""
        self._failed = asyncio.get_running_loop().create_future()
        await self.prepare_database()
        self._http = aiohttp.ClientSession()
        token = self.settings.rasa_token
        self.rasa = RasaClient(
            str(self.settings.rasa_url),
            token.get_secret_value() if token else None,
            self._http,
            patience=self.rasa_patience,
            metrics=self.metrics,
        )
        self.conversations = Conversations(
            self.uow,
            self.rasa,
            self.directory,
            self.privacy,
            self.settings.returning_tenant_days,
            self.settings.nlu_review_confidence,
            storingsdienst=self.settings.storingsdienst_number,
            back_office=self.settings.back_office,
        )
        standby = self.settings.rasa_standby_url
        self.models = ModelSwitch(
            self.uow, self.rasa, str(standby) if standby else None, self.models_dir
        )
        deliveries: dict[str, Delivery] = {Channel.WEB: self.webchat}
        redispatch: dict[str, Redispatch] = {Channel.WEB: chat.redispatcher(self.conversations)}
        give_up: dict[str, GiveUp] = {Channel.WEB: chat.dead_letter_handler(self.conversations)}
        if self.settings.telegram_bot_token is not None:
            self.telegram = build_application(
                self.settings.telegram_bot_token.get_secret_value(),
                str(self.settings.telegram_api_base_url),
                BotServices(
                    self.uow,
                    self.conversations,
                    self.directory,
                    LinkedAccounts(self.uow),
                ),
            )
            await self.telegram.initialize()  # getMe: a wrong token stops the start here
            await self.telegram.start()
            self._keep(menus(self.telegram).start())  # a convenience: never holds up the start
            deliveries[Channel.TELEGRAM] = TelegramDelivery(self.telegram.bot)
            redispatch[Channel.TELEGRAM] = redispatcher(self.telegram)
            give_up[Channel.TELEGRAM] = dead_letter_handler(self.telegram)
            webhook_url, secret = self.settings.telegram_webhook_url, self.settings.webhook_secret
            if webhook_url is not None and secret is not None:
                self.webhook = Webhook(
                    self.telegram, self.uow, self.metrics, str(webhook_url), secret
                )  # registered once the web server listens
            else:
                poller = StoringPoller(self.telegram, self.uow, self.metrics)
                self._keep(poller.run(self._stop), critical=True)
                log.info("Telegram: polling as @%s", self.telegram.bot.username)
        else:
            log.info("local mode: no TELEGRAM_BOT_TOKEN, the web chat is the tenants' channel")
        self.outbox = OutboxSender(
            self.uow, deliveries, directory=self.directory, metrics=self.metrics
        )
        self._keep(self.outbox.run(self._stop), critical=True)
        self._start_back_office()
        self.recovery = Recovery(self.uow, redispatch, grace=self.recovery_grace, give_up=give_up)
        self._keep(self.recovery.run(self._stop, self.recovery_interval), critical=True)
        self._keep(self._check_rasa(), critical=True)
        self._keep(_build_language_detector())  # so the first tenant does not wait for it
        self._keep(
            escalation.watch(
                self.uow,
                self.directory,
                self.settings.escalation,
                self._stop,
                self.escalation_interval,
            )
        )
        self._keep(
            retention.watch(
                self.uow,
                self.settings.retention,
                self._stop,
                outside=self.outside(),
                first_after=self.retention_first_after,
            )
        )
        await self._start_web()
        if self.telegram is not None and self.webhook is not None:
            try:
                await self.webhook.register()
            except BadRequest as error:  # an address Telegram cannot use
                raise FatalError(f"TELEGRAM_WEBHOOK_URL: Telegram refuses it ({error})") from error
            log.info("Telegram: webhook as @%s", self.telegram.bot.username)

    def _start_back_office(self) -> None:
        """With VERA_BASE_URL: the worker that makes the back-office calls cases stored."""
        settings = self.settings
        if settings.vera_base_url is None or settings.vera_client_secret is None:
            return
        self.vera = Vera(
            str(settings.vera_base_url),
            settings.vera_token_endpoint,
            settings.vera_client_id,
            settings.vera_client_secret.get_secret_value(),
            scope=settings.vera_scope,
        )
        self.back_office = BackOfficeWork(
            self.uow,
            self.vera,
            photos=photo_download(self.telegram.bot) if self.telegram else None,
            metrics=self.metrics,
        )
        self._keep(self.back_office.run(self._stop), critical=True)
        log.info("back office: VERA at %s", settings.vera_base_url)

    def outside(self) -> retention.Outside:
        """The stores beyond the app's tables that the retention purge reaches."""
        return retention.Outside(
            rasa_trackers=retention.TrackerStoreAge(self.trackers),
            audit_log=retention.AuditLogAge(self.uow),
        )

    async def _start_web(self) -> None:
        desk_changes = Changes()
        self.uow.after_commit(desk_changes.bump)
        services = WebServices(
            self.uow,
            self.conversations,
            self.directory,
            self.webchat,
            desk_changes,
            self._stop,
            spawn=self._keep,
            local_mode=self.settings.local_mode,
            retraining=self.retraining,
            models=self.models,
            privacy=self.privacy,
            metrics=self.metrics,
        )
        secret = self.settings.session_secret
        metrics_token = self.settings.metrics_token
        app = init_web_app(
            services,
            session_secret=secret.get_secret_value() if secret else None,
            secure_cookies=self.settings.web_host not in LOOPBACK,
            chat_limits=self.chat_limits,
            probes=ops.Probes(
                self._readiness_checks(),
                metrics_token.get_secret_value() if metrics_token else None,
            ),
        )
        if self.webhook is not None:
            app.router.add_post(self.webhook.path, self.webhook.handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.web_host, self.settings.web_port)
        await site.start()
        self.web_port = self._runner.addresses[0][1]
        log.info("web: http://%s:%s/chat and /desk", self.settings.web_host, self.web_port)

    def _readiness_checks(self) -> dict[str, ops.Check]:
        """What /readyz asks: the database, Rasa, and the Bot API when the bot runs."""

        async def database() -> None:
            async with self.uow.read() as session:
                await session.execute(text("SELECT 1"))

        checks: dict[str, ops.Check] = {"database": database, "rasa": self.rasa.status}
        if self.telegram is not None:
            checks["telegram"] = self.telegram.bot.get_me
        return checks

    async def _check_rasa(self) -> None:
        """Waits for Rasa to answer and checks that it accepts our token."""
        delay = 0.5
        while True:
            try:
                status = await self.rasa.status()
                log.info("Rasa is ready with model %s", status.get("model_file", "?"))
                if status.get("model_file"):
                    live = await self.retraining.note_live(Path(status["model_file"]))
                    if live is not None:
                        log.info("Rasa runs another model; loading the live one, %s", live.name)
                        await self.rasa.load_model(self.rasa.url, str(live))
            except RasaUnavailable as error:
                if "RASA_TOKEN" in str(error):
                    raise FatalError("RASA_TOKEN: Rasa refuses this token") from error
                level = logging.INFO if delay == 0.5 else logging.DEBUG  # said once
                log.log(level, "waiting for Rasa at %s …", self.settings.rasa_url)
                await wait_any(self._stop, timeout=delay)
            else:
                self.rasa_ready.set()
                self._keep(self.models.watch(self._stop))
                return
                if self._stop.is_set():
                    return
                delay = min(delay * 2, 5.0)

    def _keep(self, coro: Coroutine[Any, Any, None], critical: bool = False) -> None:
        """Runs a task in the background; a critical task's failure stops the app."""
        task = asyncio.create_task(coro)
        self._tasks.add(task)

        def done(task: asyncio.Task[None]) -> None:
            self._tasks.discard(task)
            if task.cancelled():
                return
            error = task.exception()
            if error is None:
                return
            log.error("background task failed", exc_info=error)
            if critical and self._failed and not self._failed.done():
                self._failed.set_result(error)

        task.add_done_callback(done)

    async def wait_for_failure(self) -> BaseException:
        """Returns when a critical background task failed (the app should stop)."""
        assert self._failed is not None
        return await self._failed

    async def stop(self, patience: float = 15.0) -> None:
        """Stops everything: intake first, then lets work in progress finish its transaction."""
        self._stop.set()
        if self._runner:
            await self._runner.cleanup()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=patience)
        if self.telegram:
            if self.telegram.running:
                await self.telegram.stop()  # handles the updates already queued
            await self.telegram.shutdown()
            await release(self.telegram)
        for task in list(self._tasks):
            task.cancel()  # only what did not finish in time; Recovery redoes its update
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._http:
            await self._http.close()
        if self.vera is not None:
            await self.vera.close()
        await self.trackers.close()
        await self.engine.dispose()


async def _build_language_detector() -> None:
    await asyncio.to_thread(language.detector)
