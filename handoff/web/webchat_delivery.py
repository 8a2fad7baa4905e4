"""Delivery for the web chat: the tenant's open page fetches its rows; delivery wakes it up."""

import asyncio

from handoff.storage.tables import OutboxMessage


class WebChatDelivery:
    """Counts deliveries and wakes the pages waiting for one."""

    def __init__(self) -> None:
        self._changed = asyncio.Condition()
        self.version = 0  # read before querying, so a delivery in between is never missed

    async def deliver(self, message: OutboxMessage) -> str | None:
        """Delivers a row: the page fetches it by id, so delivery is a wake-up call."""
        async with self._changed:
            self.version += 1
            self._changed.notify_all()
        return str(message.id)

    async def wait_after(self, version: int, timeout: float) -> None:
        """Waits until something was delivered after `version`, or the timeout passes."""
        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: self.version > version), timeout
                )
            except TimeoutError:
                pass
