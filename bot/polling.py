"""Long polling that stores every update before it counts as received.

Telegram forgets an update once a later getUpdates asks for a higher offset, so the offset
moves past an update only after the update is in the database.
"""

import asyncio
import logging

from telegram import Update
from telegram.error import InvalidToken, NetworkError, TimedOut
from telegram.ext import Application

from bot.inbound import CHANNEL
from handoff.services import intake
from handoff.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class StoringPoller:
    """Fetches updates, stores each one, then hands it to the Application's handlers."""

    def __init__(self, application: Application, uow: UnitOfWork, timeout: int = 30) -> None:
        self._application = application
        self._uow = uow
        self._timeout = timeout
        self._offset: int | None = None

    async def run(self) -> None:
        """Polls until cancelled, backing off while Telegram or the database is unreachable."""
        await self._application.bot.delete_webhook(drop_pending_updates=False)
        failures = 0
        while True:
            try:
                await self.poll_once()
                failures = 0
            except InvalidToken:
                raise
            except (NetworkError, TimedOut, OSError) as error:
                failures += 1
                delay = min(2.0**failures, 30.0)
                log.warning("polling failed (%s); trying again in %.0f s", error, delay)
                await asyncio.sleep(delay)

    async def poll_once(self) -> int:
        """Fetches one batch of updates; returns how many were new."""
        updates = await self._application.bot.get_updates(
            offset=self._offset,
            timeout=self._timeout,
            read_timeout=self._timeout + 10,
            allowed_updates=Update.ALL_TYPES,
        )
        new = 0
        for update in updates:
            stored = await intake.store(
                self._uow, CHANNEL, str(update.update_id), update.to_dict()
            )
            if stored:
                new += 1
                await self._application.update_queue.put(update)
            self._offset = update.update_id + 1  # only now may Telegram forget it
        return new
