"""Delivery for the web chat: rows become readable by the tenant's open page at once."""

import asyncio

from handoff.storage.tables import OutboxMessage


class WebChatDelivery:
    """Marks web chat rows delivered and wakes the pages waiting for them."""

    def __init__(self) -> None:
        self._changed = asyncio.Condition()

    async def deliver(self, message: OutboxMessage) -> str | None:
        """Delivers a row: the page fetches it by id, so delivery is a wake-up call."""
        async with self._changed:
            self._changed.notify_all()
        return str(message.id)

    async def wait(self, timeout: float) -> None:
        """Waits until a row is delivered or the timeout passes."""
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait(), timeout)
            except TimeoutError:
                pass
