"""The outbox sender: in order per chat, retries with backoff for a day, waits out flood
control without using up tries, and gives up at once on permanent errors."""

import asyncio
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select

from handoff.domain.delivery import GiveUp, reason_of
from handoff.services.outbox import (
    MAX_BACKOFF,
    RETRY_WINDOW,
    DeliveryError,
    OutboxSender,
    Outgoing,
)
from handoff.storage.database import create_engine, session_factory
from handoff.storage.outbox import enqueue
from handoff.storage.tables import OutboxMessage, utcnow
from handoff.storage.unit_of_work import UnitOfWork


class FlakyDelivery:
    """A delivery that behaves like a channel: it records, and fails as told."""

    def __init__(self) -> None:
        self.delivered: dict[str, list[str]] = defaultdict(list)
        self.failures: dict[str, list[DeliveryError]] = defaultdict(list)
        self.arrived = asyncio.Event()
        self.down: DeliveryError | None = None  # every delivery fails like this while set
        self.tries: list[str] = []

    async def deliver(self, message: Outgoing) -> str | None:
        self.tries.append(message.text or "")
        if self.down is not None:
            raise self.down
        if self.failures[message.text]:
            raise self.failures[message.text].pop(0)
        self.delivered[message.chat_id].append(message.text)
        self.arrived.set()
        return f"ext-{message.id}"


class Clock:
    """The sender's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now


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
    assert state["a1"].attempts == 0
    assert state["a1"].status == "pending"  # flood: no try used
    assert state["a2"].attempts == 0
    assert state["c1"].status == "failed"
    assert state["c1"].attempts == 1  # a permanent error stops at once
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


async def test_rows_past_a_full_batch_go_on_at_once(database_url: str) -> None:
    """After a round the sender waits for the next commit, unless the round's batch was full:
    with more rows than a round reads, the rest must not wait for a commit or `idle_wait`."""
    engine = create_engine(database_url)
    uow = UnitOfWork(session_factory(engine))
    delivery = FlakyDelivery()
    sender = OutboxSender(uow, {"test": delivery}, batch=1)  # a round reads five rows
    stop = asyncio.Event()
    async with uow() as session:
        for chat in "abcdefg":
            enqueue(session, "test", chat, text=f"voor {chat}")
    task = asyncio.create_task(sender.run(stop, idle_wait=3600))  # one commit, none after
    try:
        await asyncio.wait_for(
            asyncio.gather(*(until_delivered(delivery, chat) for chat in "abcdefg")), 10
        )
        assert dict(delivery.delivered) == {chat: [f"voor {chat}"] for chat in "abcdefg"}
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        await engine.dispose()


async def until_delivered(delivery: FlakyDelivery, chat: str) -> None:
    while not delivery.delivered[chat]:
        delivery.arrived.clear()
        await delivery.arrived.wait()


async def test_transient_errors_are_retried_for_the_whole_window_with_capped_backoff(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    uow = UnitOfWork(session_factory(engine))
    delivery, clock = FlakyDelivery(), Clock()
    sender = OutboxSender(uow, {"test": delivery}, clock=clock)
    async with uow() as session:
        enqueue(session, "test", "a", text="antwoord")
        enqueue(session, "test", "a", text="daarna")
    delivery.down = DeliveryError("Internal Server Error")
    clock.now = utcnow()  # the rows are due from now

    delays = []
    for _ in range(12):  # the old limit gave up after 8 tries, about 4 minutes
        await sender.deliver_due()
        row = (await rows(uow))["antwoord"]
        delays.append((row.next_attempt_at - clock.now).total_seconds())
        clock.now = row.next_attempt_at
    assert delays == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300]
    assert MAX_BACKOFF == timedelta(minutes=5)
    state = await rows(uow)
    assert state["antwoord"].status == "pending"
    assert state["antwoord"].attempts == 12
    assert delivery.tries == ["antwoord"] * 12  # "daarna" waits behind it, in order

    # Still trying just before the window ends; the first failed try after it gives up.
    clock.now = state["antwoord"].created_at + RETRY_WINDOW - timedelta(seconds=1)
    await sender.deliver_due()
    waiting = (await rows(uow))["antwoord"]
    assert waiting.status == "pending"
    clock.now = waiting.next_attempt_at  # five minutes on: past the window
    assert clock.now >= waiting.created_at + RETRY_WINDOW
    await sender.deliver_due()
    given_up = (await rows(uow))["antwoord"]
    assert given_up.status == "failed"
    assert reason_of(given_up.last_error) == GiveUp.EXPIRED
    assert given_up.next_attempt_at == clock.now  # when it was given up on

    delivery.down = None  # Telegram is back: the chat goes on with the next message
    await sender.deliver_due()
    assert delivery.delivered["a"] == ["daarna"]
    await engine.dispose()


async def test_flood_control_waits_exactly_what_telegram_says_and_uses_no_try(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    uow = UnitOfWork(session_factory(engine))
    delivery, clock = FlakyDelivery(), Clock()
    sender = OutboxSender(uow, {"test": delivery}, clock=clock)
    async with uow() as session:
        enqueue(session, "test", "a", text="a1")
        enqueue(session, "test", "a", text="a2")
    delivery.failures["a1"] = [DeliveryError("Flood control", retry_after=7) for _ in range(30)]
    clock.now = utcnow()

    for _ in range(30):  # many more than the tries a failure may use
        asked_at = clock.now
        await sender.deliver_due()
        row = (await rows(uow))["a1"]
        assert row.status == "pending"
        assert row.attempts == 0
        assert row.next_attempt_at == asked_at + timedelta(seconds=7)
        clock.now = asked_at + timedelta(seconds=6.9)
        assert await sender.deliver_due() == 0  # not a moment early
        clock.now = asked_at + timedelta(seconds=7)
    assert delivery.delivered == {}  # a2 never went ahead of a1

    await sender.deliver_due()
    assert delivery.delivered["a"] == ["a1", "a2"]
    await engine.dispose()
