"""Delivery for the web chat: the tenant's open page fetches its rows; delivery wakes it up."""

from handoff.services.outbox import Outgoing
from handoff.signals import Changes


class WebChatDelivery(Changes):
    """Counts deliveries and wakes the pages waiting for one."""

    async def deliver(self, message: Outgoing) -> str | None:
        """Delivers a row: the page fetches it by id, so delivery is a wake-up call."""
        self.bump()
        return str(message.id)
