"""The outbox sender: in order per chat, retries with backoff, gives up on permanent errors."""

import asyncio
from collections import defaultdict

from sqlalchemy import select

from handoff.services.outbox import DeliveryError, OutboxSender, Outgoing
from handoff.storage.database import create_engine, session_factory
from handoff.storage.outbox import enqueue
from handoff.storage.tables import OutboxMessage
from handoff.storage.unit_of_work import UnitOfWork


class FlakyDelivery:
    """A delivery that behaves like a channel: it records, and fails as told."""

    def __init__(self) -> None:
        self.delivered: dict[str, list[str]] = defaultdict(list)
        self.failures: dict[str, list[DeliveryError]] = defaultdict(list)
        self.arrived = asyncio.Event()

    async def deliver(self, message: Outgoing) -> str | None:
        if self.failures[message.text]:
            raise self.failures[message.text].pop(0)
        self.delivered[message.chat_id].append(message.text)
        self.arrived.set()
        return f"ext-{message.id}"


async def rows(uow: UnitOfWork) -> dict[str, OutboxMessage]:
    async with uow() as session:
        return {row.text: row for row in await session.scalars(select(OutboxMessage))}


async def test_messages_are_delivered_in_order_per_chat_with_retries(database_url: str) -> None:
    engine = create_engine(database_url)
    uow = UnitOfWork(session_factory(engine))
    delivery = FlakyDelivery()
    sender = OutboxSender(uow, {"test": delivery})
    async with uow() as session:
        for chat, text in [("a", "a1"), ("b", "b1"), ("a", "a2"), ("b", "b2"), ("c", "c1")]:
            enqueue(session, "test", chat, text=text)
    delivery.failures["a1"].append(DeliveryError("flood", retry_after=0))
    delivery.failures["c1"].append(DeliveryError("blocked by user", permanent=True))

    await sender.deliver_due()
    assert delivery.delivered == {"b": ["b1", "b2"]}  # a1 must wait, and a2 waits behind it
    state = await rows(uow)
    assert state["a1"].attempts == 1 and state["a1"].status == "pending"
    assert state["a2"].attempts == 0 and state["c1"].status == "failed"
    assert state["b1"].external_message_id == f"ext-{state['b1'].id}"

    await sender.deliver_due()
    assert delivery.delivered["a"] == ["a1", "a2"]
    assert {row.status for row in (await rows(uow)).values()} == {"sent", "failed"}
    await engine.dispose()


async def test_a_commit_wakes_the_idle_sender(database_url: str) -> None:
    engine = create_engine(database_url)
    uow = UnitOfWork(session_factory(engine))
    delivery = FlakyDelivery()
    sender = OutboxSender(uow, {"test": delivery})
    stop = asyncio.Event()
    task = asyncio.create_task(sender.run(stop, idle_wait=3600))  # without a wake-up it sleeps
    try:
        for text in ("eerste", "tweede"):
            delivery.arrived.clear()
            async with uow() as session:
                enqueue(session, "test", "a", text=text)
            await asyncio.wait_for(delivery.arrived.wait(), 10)
        assert delivery.delivered["a"] == ["eerste", "tweede"]
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        await engine.dispose()
