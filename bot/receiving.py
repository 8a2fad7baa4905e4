"""Receiving updates, the one path for long polling and the webhook: store, then handle.

An update counts as received only once it is committed to `inbound_updates` (unique on
channel and update id): only then may polling move its offset, or the webhook answer 200.
A replayed update is not stored again and not handed to the handlers again. What is stored is
the update's JSON as the Bot API sent it.
"""

from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.inbound import CHANNEL
from handoff.metrics import Metrics
from handoff.services import intake
from handoff.storage.unit_of_work import UnitOfWork


async def receive(
    application: Application,
    uow: UnitOfWork,
    metrics: Metrics,
    updates: tuple[Update, ...],
    sent: dict[int, dict[str, Any]],
) -> None:
    """Stores the updates in one transaction, then queues the new ones for the handlers.
    `sent`: each update's JSON by its id, as the Bot API sent it; an update missing there is
    stored as python-telegram-bot writes it back (which costs more than the rest of storing)."""
    if not updates:
        return
    payloads = [(str(u.update_id), sent.get(u.update_id) or u.to_dict()) for u in updates]
    stored = await intake.store_batch(uow, CHANNEL, payloads)
    metrics.received(CHANNEL, sum(stored))
    for update, is_new in zip(updates, stored, strict=True):
        if is_new:
            await application.update_queue.put(update)
