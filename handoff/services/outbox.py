"""The outbox: every outgoing message is a row first, delivered afterwards with retries."""

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import delete, select, update

from handoff.cases import queries, undelivered
from handoff.domain.channels import Channel
from handoff.domain.delivery import GiveUp, failure_text
from handoff.domain.directory import Directory
from handoff.metrics import Metrics
from handoff.signals import wait_any
from handoff.storage.outbox import QUEUED
from handoff.storage.tables import OutboxMessage, utcnow
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

# Transient errors (the channel down, a network error, a 5xx) are retried with a backoff of
# 2, 4, 8 … seconds, at most MAX_BACKOFF, until RETRY_WINDOW has passed since the row was
# written (its first try follows at once). Flood control (429) is not a failed try: the row
# waits what Telegram says, however often. Permanent errors (blocked, refused) stop at once.
RETRY_WINDOW = timedelta(hours=24)
MAX_BACKOFF = timedelta(minutes=5)


@dataclass(frozen=True)
class Outgoing:
    """One message to deliver, as the channels' deliveries see it (not a database row)."""

    id: int
    channel: str
    chat_id: str
    kind: str = "text"  # text, document, photo, voice, video, sticker
    text: str | None = None
    html: bool = False
    buttons: list[list[dict[str, Any]]] | None = None  # rows of {"title", "payload" or "action"}
    file_id: str | None = None
    document_name: str | None = None
    document_body: str | None = None

    @classmethod
    def of(cls, row: OutboxMessage) -> "Outgoing":
        """The message to send, read from its outbox row."""
        return cls(
            row.id,
            row.channel,
            row.chat_id,
            row.kind,
            row.text,
            row.html,
            row.buttons,
            row.file_id,
            row.document_name,
            row.document_body,
        )


class DeliveryError(Exception):
    """Delivery failed; `permanent` means retrying cannot help."""

    def __init__(
        self,
        reason: str,
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        give_up: GiveUp = GiveUp.REFUSED,
    ):
        super().__init__(reason)
        self.permanent = permanent
        self.retry_after = retry_after
        self.give_up = give_up  # why, when `permanent`


class Delivery(Protocol):
    """Delivers outbox rows of one channel (Telegram, the web chat)."""

    async def deliver(self, message: Outgoing) -> str | None:
        """Sends the message and returns the channel's id for it."""


class OutboxSender:
    """Delivers due outbox rows: in order within a chat, chats side by side.

    A row given up on is never silent: `cases.undelivered` marks what it meant (the desk shows
    it, the figures stop counting an answer that never arrived) and tells whoever must know.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        deliveries: dict[str, Delivery],
        batch: int = 100,
        *,
        directory: Directory | None = None,
        clock: Callable[[], datetime] = utcnow,
        metrics: Metrics | None = None,
    ):
        self._uow = uow
        self._metrics = metrics or Metrics()
        self._deliveries = deliveries
        self._batch = batch
        self._directory = directory  # to find a team for a case whose owner cannot be reached
        self._clock = clock
        self._wake = asyncio.Event()
        self._batch_full = False  # the last round read as many rows as it may: more wait
        uow.after_commit(self._wake.set, only_if=QUEUED)

    async def run(self, stop: asyncio.Event, idle_wait: float = 1.0) -> None:
        """Delivers until `stop` is set. After each round it waits for a commit that queued a
        message (at once if one came meanwhile) or `idle_wait`, for retries that come due;
        only after a full batch it goes on at once. What a round left pending waits for a
        retry or behind one: scanning again at once found nothing to send (it did after every
        message, a read transaction each time)."""
        while not stop.is_set():
            self._wake.clear()
            await self.deliver_due()
            if not self._batch_full:
                await wait_any(self._wake, stop, timeout=idle_wait)

    async def deliver_due(self) -> int:
        """Delivers one batch of due messages; returns how many were tried.

        A chat's messages go out in order: one that waits for a retry holds back the later ones.
        """
        now = self._clock()
        async with self._uow.read(short=True) as session:
            pending = (
                await session.scalars(
                    select(OutboxMessage)
                    .where(
                        OutboxMessage.status == "pending",
                        OutboxMessage.channel.in_(self._deliveries),
                    )
                    .order_by(OutboxMessage.id)
                    .limit(self._batch * 5)
                )
            ).all()
        self._batch_full = len(pending) == self._batch * 5
        by_chat: dict[tuple[str, str], list[OutboxMessage]] = defaultdict(list)
        held: set[tuple[str, str]] = set()
        for row in pending:
            chat = (row.channel, row.chat_id)
            if chat in held or row.next_attempt_at > now:
                held.add(chat)
            else:
                by_chat[chat].append(row)
        await asyncio.gather(*(self._deliver_chat(rows) for rows in by_chat.values()))
        return sum(len(rows) for rows in by_chat.values())

    async def _deliver_chat(self, rows: list[OutboxMessage]) -> None:
        """Delivers one chat's rows in order, stopping at the first that must wait.

        Each outcome is stored before the next message goes out, so once a chat has received
        a message, the ids of the earlier ones (that employees reply to) are in the database.
        """
        for row in rows:
            try:
                external_id = await self._deliveries[row.channel].deliver(Outgoing.of(row))
            except DeliveryError as error:
                await self._failed(row, error)
                return  # keep the chat's order: later messages wait for this one
            self._metrics.sent(row.channel)
            if row.forget_when_sent and row.channel != Channel.WEB:
                await self._forget(row.id)  # the web chat's page forgets it once fetched
                continue
            await self._sent(row, external_id)

    async def _sent(self, row: OutboxMessage, external_id: str | None) -> None:
        """Stores a delivery; a case's first employee answer that arrived is timed with it."""
        sent_at = self._clock()
        async with self._uow(short=True) as session:
            stored = await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id)
                .values(status="sent", sent_at=sent_at, external_message_id=external_id)
            )
            if stored.rowcount == 0:  # type: ignore[attr-defined]  # gone meanwhile (forgotten)
                return
            if row.message_id is not None and row.case_id is not None:
                wait = await queries.first_answer_wait(session, row.message_id, sent_at)
                if wait is not None:  # delivered either way: counted even if this rolls back
                    self._metrics.first_answer.observe(max(wait.total_seconds(), 0.0))

    async def _forget(self, row_id: int) -> None:
        """Deletes a delivered row that must not stay (what a forgotten tenant was told)."""
        async with self._uow(short=True) as session:
            await session.execute(delete(OutboxMessage).where(OutboxMessage.id == row_id))

    async def _failed(self, row: OutboxMessage, error: DeliveryError) -> None:
        """Stores a failed try: when to try again, or that the row is given up on (and what
        follows from that, in the same transaction)."""
        now = self._clock()
        reason: GiveUp | None = None
        values: dict[str, Any] = {"last_error": str(error)[:500]}
        if error.retry_after is not None:  # flood control: wait exactly that, no try used up
            delay = timedelta(seconds=error.retry_after)
        else:
            values["attempts"] = row.attempts + 1
            delay = min(timedelta(seconds=2.0 ** min(values["attempts"], 20)), MAX_BACKOFF)
            if error.permanent:
                reason = error.give_up
            elif now - row.created_at >= RETRY_WINDOW:
                reason = GiveUp.EXPIRED
        if reason is None:
            log.info(
                "outbox message %s will be retried in %.0f s: %s",
                row.id,
                delay.total_seconds(),
                error,
            )
            values["next_attempt_at"] = now + delay
        else:
            log.warning("outbox message %s given up (%s): %s", row.id, reason.value, error)
            self._metrics.undeliverable(row.channel, reason.value)
            # next_attempt_at now says when it was given up on: nothing is scheduled any more.
            values.update(
                status="failed", last_error=failure_text(reason, str(error)), next_attempt_at=now
            )
        async with self._uow(short=True) as session:
            stored = await session.get(OutboxMessage, row.id)
            if stored is None:
                return
            for key, value in values.items():
                setattr(stored, key, value)
            if reason is not None:
                await undelivered.given_up(session, self._directory, stored, reason)
