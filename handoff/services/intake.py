"""Inbound updates: stored before they count as received, processed exactly once."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.domain.commands import Command
from handoff.signals import wait_any
from handoff.storage.tables import InboundUpdate, utcnow
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InboundMessage:
    """A message from a tenant or employee, described the same way for every channel."""

    channel: str
    update_id: str
    chat_id: str
    sender_name: str
    kind: str  # text, button, photo, voice, video, document, sticker, other
    text: str | None = None
    file_id: str | None = None
    payload: str | None = None  # the button's payload, for kind "button"
    reply_to_message_id: str | None = None
    edited: bool = False
    command: Command | None = None  # a typed "/name arguments", read by the channel's adapter
    extra: dict[str, Any] = field(default_factory=dict)


async def store(uow: UnitOfWork, channel: str, update_id: str, payload: dict[str, Any]) -> bool:
    """Stores an inbound update; returns False when it was stored before (a replay)."""
    return (await store_batch(uow, channel, [(update_id, payload)]))[0]


async def store_batch(
    uow: UnitOfWork, channel: str, updates: list[tuple[str, dict[str, Any]]]
) -> list[bool]:
    """Stores updates in one transaction; tells for each whether it is new (not a replay)."""
    ids = [update_id for update_id, _ in updates]
    try:
        async with uow() as session:
            existing = set(
                await session.scalars(
                    select(InboundUpdate.update_id).where(
                        InboundUpdate.channel == channel, InboundUpdate.update_id.in_(ids)
                    )
                )
            )
            new = [update_id not in existing for update_id in ids]
            session.add_all(
                InboundUpdate(channel=channel, update_id=update_id, payload=payload)
                for (update_id, payload), is_new in zip(updates, new, strict=True)
                if is_new
            )
    except IntegrityError:
        if len(updates) == 1:
            return [False]  # the same update arrived twice at the same moment
        return [await store(uow, channel, update_id, payload) for update_id, payload in updates]
    return new


async def claim_unprocessed(
    session: AsyncSession, channel: str, update_id: str
) -> InboundUpdate | None:
    """Returns the stored update if it still needs processing, else None."""
    row = await session.scalar(
        select(InboundUpdate).where(
            InboundUpdate.channel == channel, InboundUpdate.update_id == update_id
        )
    )
    if row is None:
        # Never the update id: the web chat's holds the visitor's cookie (see handoff/app/logs.py).
        log.warning("an update on %s was never stored; ignoring it", channel)
        return None
    return None if row.processed_at is not None else row


async def mark_processed(uow: UnitOfWork, channel: str, update_id: str) -> None:
    """Marks an update that needs no further work (an update type the app ignores)."""
    async with uow() as session:
        row = await claim_unprocessed(session, channel, update_id)
        if row is not None:
            row.processed_at = utcnow()


Redispatch = Callable[[str, dict[str, Any]], Awaitable[None]]


class Recovery:
    """Processes stored updates again that were not finished: after a crash or a failure."""

    def __init__(self, uow: UnitOfWork, redispatch: dict[str, Redispatch], grace: float = 20.0):
        self._uow = uow
        self._redispatch = redispatch
        self._grace = timedelta(seconds=grace)

    async def run_once(self) -> int:
        """Redispatches every unfinished update older than the grace period."""
        async with self._uow.read() as session:
            rows = (
                await session.execute(
                    select(
                        InboundUpdate.id,
                        InboundUpdate.channel,
                        InboundUpdate.update_id,
                        InboundUpdate.payload,
                    )
                    .where(
                        InboundUpdate.processed_at.is_(None),
                        InboundUpdate.received_at <= utcnow() - self._grace,
                        InboundUpdate.channel.in_(self._redispatch),
                    )
                    .order_by(InboundUpdate.id)
                    .limit(100)
                )
            ).all()
        for row_id, channel, update_id, payload in rows:
            log.info("processing stored update %s (%s) again", row_id, channel)
            try:
                await self._redispatch[channel](update_id, payload)
            except Exception:
                log.exception("stored update %s (%s) failed again", row_id, channel)
        return len(rows)

    async def run(self, stop: asyncio.Event, interval: float) -> None:
        """Recovers every `interval` seconds until `stop` is set."""
        while not stop.is_set():
            await self.run_once()
            await wait_any(stop, timeout=interval)
