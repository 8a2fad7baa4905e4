"""Receiving updates, the one path for long polling and the webhook: store, then handle.

An update counts as received only once it is committed to `inbound_updates` (unique on
channel and update id): only then may polling move its offset, or the webhook answer 200.
A replayed update is not stored again and not handed to the handlers again.
"""

from telegram import Update
from telegram.ext import Application

from bot.inbound import CHANNEL
from handoff.metrics import Metrics
from handoff.services import intake
from handoff.storage.unit_of_work import UnitOfWork


async def receive(
    application: Application, uow: UnitOfWork, metrics: Metrics, updates: tuple[Update, ...]
) -> None:
    """Stores the updates in one transaction, then queues the new ones for the handlers."""
    if not updates:
        return
    stored = await intake.store_batch(
        uow, CHANNEL, [(str(u.update_id), u.to_dict()) for u in updates]
    )
    metrics.received(CHANNEL, sum(stored))
    for update, is_new in zip(updates, stored, strict=True):
        if is_new:
            await application.update_queue.put(update)
