"""Long polling that stores every update before it counts as received.

Telegram forgets an update once a later getUpdates asks for a higher offset, so the offset
moves past an update only after the update is in the database.
"""

import asyncio
import logging

from telegram import Update
from telegram.error import InvalidToken, NetworkError, TimedOut
from telegram.ext import Application

from bot.application import updates_request
from bot.receiving import receive
from handoff.metrics import Metrics
from handoff.signals import wait_any
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class StoringPoller:
    """Fetches updates, stores each one, then hands it to the Application's handlers."""

    def __init__(
        self,
        application: Application,
        uow: UnitOfWork,
        metrics: Metrics | None = None,
        timeout: int = 30,
    ) -> None:
        self._application = application
        self._uow = uow
        self._metrics = metrics or Metrics()
        self._timeout = timeout
        self._offset: int | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Polls until `stop` is set, backing off while Telegram or the database is unreachable."""
        # getUpdates is refused while a webhook is set (after running in webhook mode).
        await self._application.bot.delete_webhook(drop_pending_updates=False)
        failures = 0
        while not stop.is_set():
            try:
                updates = await self._fetch_unless_stopped(stop)
                if updates is None:
                    return
                await self.store_and_dispatch(updates)
                failures = 0
            except InvalidToken:
                raise
            except (NetworkError, TimedOut, OSError) as error:
                failures += 1
                delay = min(2.0**failures, 30.0)
                log.warning("polling failed (%s); trying again in %.0f s", error, delay)
                await wait_any(stop, timeout=delay)

    async def _fetch_unless_stopped(self, stop: asyncio.Event) -> tuple[Update, ...] | None:
        """Long-polls for updates; returns None if asked to stop meanwhile."""
        fetch = asyncio.ensure_future(
            self._application.bot.get_updates(
                offset=self._offset,
                timeout=self._timeout,
                read_timeout=self._timeout + 10,
                allowed_updates=Update.ALL_TYPES,
            )
        )
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():
            fetch.cancel()  # nothing is stored yet, so nothing is lost
            await asyncio.gather(fetch, return_exceptions=True)
            return None
        return fetch.result()

    async def store_and_dispatch(self, updates: tuple[Update, ...]) -> None:
        """Stores the batch, hands the new updates to the handlers, then moves the offset."""
        if not updates:
            return
        sent = updates_request(self._application).last_updates
        await receive(self._application, self._uow, self._metrics, updates, sent)
        self._offset = updates[-1].update_id + 1  # only now may Telegram forget them
