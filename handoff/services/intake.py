"""Inbound updates: stored before they count as received, processed exactly once."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.domain.commands import Command
from handoff.domain.text_rules import storable
from handoff.signals import wait_any
from handoff.storage.tables import ERROR_LENGTH, InboundUpdate, utcnow
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

# Recovery takes an unfinished update again at most this often; then it parks it (dead): never
# tried again, listed for admins at /admin/onverwerkt, and its tenant goes to a person.
DEAD_AFTER = 5
BATCH = 100  # updates per round; the least tried first, so failing ones never fill it


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
    language_hint: str | None = None  # the language the channel says the sender uses ("en")
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Whatever a channel let through, a database can keep (a NUL byte, a lone surrogate).
        for name in ("sender_name", "text", "payload"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, storable(value))


async def store(uow: UnitOfWork, channel: str, update_id: str, payload: dict[str, Any]) -> bool:
    """Stores an inbound update; returns False when it was stored before (a replay)."""
    return (await store_batch(uow, channel, [(update_id, payload)]))[0]


async def store_batch(
    uow: UnitOfWork, channel: str, updates: list[tuple[str, dict[str, Any]]]
) -> list[bool]:
    """Stores updates in one transaction, one statement (an insert that skips what is stored
    already); tells for each whether it is new (not a replay, nor a repeat within the batch)."""
    if not updates:
        return []
    async with uow(short=True) as session:
        insert = _insert_ignoring_stored(session.get_bind().dialect.name)
        inserted = set(
            await session.scalars(
                insert.returning(InboundUpdate.update_id),
                [
                    {"channel": channel, "update_id": update_id, "payload": payload}
                    for update_id, payload in updates
                ],
            )
        )
    new, seen = [], set()
    for update_id, _ in updates:
        new.append(update_id in inserted and update_id not in seen)
        seen.add(update_id)
    return new


def _insert_ignoring_stored(dialect: str) -> Any:
    """INSERT … ON CONFLICT (channel, update_id) DO NOTHING, for SQLite or PostgreSQL."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(InboundUpdate).on_conflict_do_nothing(index_elements=["channel", "update_id"])


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
    return None if row.processed_at is not None or row.dead_at is not None else row


async def mark_processed(uow: UnitOfWork, channel: str, update_id: str) -> None:
    """Marks an update that needs no further work (an update type the app ignores)."""
    async with uow(short=True) as session:
        row = await claim_unprocessed(session, channel, update_id)
        if row is not None:
            row.processed_at = utcnow()


def error_kind(error: BaseException) -> str:
    """What went wrong, for the admins' list: the error's class and its first line; never the
    SQL statement or its parameters (SQLAlchemy puts those on later lines)."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first}"[:ERROR_LENGTH]


async def note_failure(
    uow: UnitOfWork, channel: str, update_id: str, error: BaseException
) -> None:
    """Keeps what went wrong with an update that is not processed yet."""
    async with uow(short=True) as session:
        await session.execute(
            update(InboundUpdate)
            .where(
                InboundUpdate.channel == channel,
                InboundUpdate.update_id == update_id,
                InboundUpdate.processed_at.is_(None),
            )
            .values(last_error=error_kind(error))
        )


# Takes a stored update (its update id and payload) through its channel's handlers again.
Redispatch = Callable[[str, dict[str, Any]], Awaitable[None]]
# Tells the sender of a parked update that it was not processed, and hands them to a person.
GiveUp = Callable[[str, dict[str, Any]], Awaitable[None]]


class Recovery:
    """Processes stored updates again that were not finished: after a crash or a failure.

    Each round takes the least-tried updates first. One that is still not processed after
    DEAD_AFTER tries is parked: its sender is told and a person takes over (`give_up`).
    """

    def __init__(
        self,
        uow: UnitOfWork,
        redispatch: dict[str, Redispatch],
        grace: float = 20.0,
        give_up: dict[str, GiveUp] | None = None,
    ):
        self._uow = uow
        self._redispatch = redispatch
        self._give_up = give_up or {}
        self._grace = timedelta(seconds=grace)

    async def run_once(self, grace: timedelta | None = None) -> int:
        """Redispatches unfinished updates older than the grace period (`grace`, else the
        Recovery's own); parks those that had their last try."""
        grace = self._grace if grace is None else grace
        async with self._uow.read() as session:
            rows = (
                await session.execute(
                    select(
                        InboundUpdate.id,
                        InboundUpdate.channel,
                        InboundUpdate.update_id,
                        InboundUpdate.payload,
                        InboundUpdate.tries,
                    )
                    .where(
                        InboundUpdate.processed_at.is_(None),
                        InboundUpdate.dead_at.is_(None),
                        InboundUpdate.received_at <= utcnow() - grace,
                        InboundUpdate.channel.in_(self._redispatch),
                    )
                    .order_by(InboundUpdate.tries, InboundUpdate.id)
                    .limit(BATCH)
                )
            ).all()
        for row_id, channel, update_id, payload, tries in rows:
            if tries >= DEAD_AFTER:
                await self._park(row_id, channel, update_id, payload)
                continue
            async with self._uow() as session:
                await session.execute(
                    update(InboundUpdate)
                    .where(InboundUpdate.id == row_id)
                    .values(tries=InboundUpdate.tries + 1)
                )
            log.info("processing stored update %s (%s) again, try %d", row_id, channel, tries + 1)
            try:
                await self._redispatch[channel](update_id, payload)
            except Exception as error:
                log.exception("stored update %s (%s) failed again", row_id, channel)
                await note_failure(self._uow, channel, update_id, error)
        return len(rows)

    async def _park(
        self, row_id: int, channel: str, update_id: str, payload: dict[str, Any]
    ) -> None:
        """Gives up on an update: it is marked first, so telling its sender may fail too."""
        async with self._uow() as session:
            await session.execute(
                update(InboundUpdate)
                .where(InboundUpdate.id == row_id, InboundUpdate.processed_at.is_(None))
                .values(dead_at=utcnow())
            )
        log.error("stored update %s (%s) failed %d times; parked", row_id, channel, DEAD_AFTER)
        give_up = self._give_up.get(channel)
        if give_up is None:
            return
        try:
            await give_up(update_id, payload)
        except Exception:
            log.exception("could not hand the sender of parked update %s to a person", row_id)

    async def run(self, stop: asyncio.Event, interval: float) -> None:
        """Recovers every `interval` seconds until `stop` is set. The first round, at start,
        takes every unfinished update at once: nothing is in progress in a process that just
        started, so what is unfinished was left by a crash (reliability review, defect 5)."""
        first = True
        while not stop.is_set():
            await self.run_once(timedelta(0) if first else None)
            first = False
            await wait_any(stop, timeout=interval)
