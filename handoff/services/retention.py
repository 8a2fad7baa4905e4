"""The retention purge: what is past its period goes, in small batches, daily and on demand.

Each batch is one short transaction, so tenants' messages and the outbox get the database
between batches (on SQLite the write lock is handed over after every batch). Never due: an open
case with its messages and the outbox rows its owner replies to, a pending outbox row, an
update not processed yet.

An inbound update keeps its row and loses its payload: the row (unique on channel and
update_id) is what refuses a replayed update, and the tenant's messages refer to it.

A contact of whom nothing else is kept after the purge keeps its row, because its cases (the
figures) refer to it, and loses its chat id, name and Rasa sender ids: a chat id is not kept
forever.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    cast,
    delete,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from handoff.domain.channels import Channel
from handoff.domain.handoff_request import DUTCH
from handoff.domain.retention import (
    EXPIRED_CONTACT,
    OPEN_CASE,
    PENDING_OUTBOX,
    Cutoffs,
    Kind,
    RetentionPolicy,
    cutoffs,
    next_purge,
)
from handoff.signals import wait_any
from handoff.storage.rasa_trackers import RasaTrackers
from handoff.storage.tables import (
    BackOfficeJob,
    Case,
    Contact,
    ContactSenderId,
    InboundUpdate,
    Message,
    OutboxMessage,
    PrivacyLog,
    ReviewItem,
    utcnow,
)
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

BATCH = 500  # rows per transaction
EMPTY_JSON = "{}"  # a blanked payload, as the JSON column stores it

# How many rows of each kind went (or would go); None: that store is not connected.
Counts = dict[Kind, int | None]


class DatedStore(Protocol):
    """A store beyond the app's tables that forgets what is older than a moment: Rasa's
    tracker store, the audit log. Both methods count the same unit (for the tracker store:
    conversations, one per sender id), so a dry run says what the purge will do."""

    async def count_before(self, cutoff: datetime) -> int:
        """How many entries `delete_before(cutoff)` would delete now."""
        ...

    async def delete_before(self, cutoff: datetime) -> int:
        """Deletes them, in short transactions, and returns how many went."""
        ...


@dataclass(frozen=True)
class Outside:
    """The stores the purge reaches beyond the app's case tables; None: not connected."""

    rasa_trackers: DatedStore | None = None
    audit_log: DatedStore | None = None


class TrackerStoreAge:
    """Rasa's tracker store as the purge sees it: whole conversations, by their last event."""

    def __init__(self, trackers: RasaTrackers) -> None:
        self._trackers = trackers

    async def count_before(self, cutoff: datetime) -> int:
        """How many conversations had their last event before the cutoff."""
        return await self._trackers.count_before(cutoff.timestamp())

    async def delete_before(self, cutoff: datetime) -> int:
        """Deletes the conversations whose last event was before the cutoff; returns how many."""
        return (await self._trackers.delete_before(cutoff.timestamp())).senders


class AuditLogAge:
    """The log of exports and erasures, by when each was done."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def count_before(self, cutoff: datetime) -> int:
        """How many exports and erasures were done before the cutoff."""
        async with self._uow.read() as session:
            return (
                await session.scalar(
                    select(func.count(PrivacyLog.id)).where(PrivacyLog.at < cutoff)
                )
                or 0
            )

    async def delete_before(self, cutoff: datetime) -> int:
        """Deletes the log lines of before the cutoff; returns how many."""
        async with self._uow() as session:
            result = await session.execute(delete(PrivacyLog).where(PrivacyLog.at < cutoff))
            return result.rowcount  # type: ignore[attr-defined]  # a DELETE's result has rowcount


def _closed_before(cutoff: datetime) -> Select[int]:
    """The cases that closed before the cutoff (an open case never did)."""
    return select(Case.id).where(
        Case.status != OPEN_CASE, Case.closed_at.is_not(None), Case.closed_at < cutoff
    )


def _raw_updates_due(c: Cutoffs) -> ColumnElement[bool]:
    # A dead update (given up on after its tries) is as finished as a processed one.
    return and_(
        or_(
            and_(
                InboundUpdate.processed_at.is_not(None), InboundUpdate.processed_at < c.raw_updates
            ),
            and_(InboundUpdate.dead_at.is_not(None), InboundUpdate.dead_at < c.raw_updates),
        ),
        cast(InboundUpdate.payload, String) != EMPTY_JSON,
    )


def _messages_due(c: Cutoffs) -> ColumnElement[bool]:
    return or_(
        Message.case_id.in_(_closed_before(c.conversations)),
        and_(Message.case_id.is_(None), Message.created_at < c.conversations),
    )


def _review_items_due(c: Cutoffs) -> ColumnElement[bool]:
    # An item goes with its message too (the foreign key would take it anyway).
    messages = select(Message.id).where(_messages_due(c))
    return or_(ReviewItem.created_at < c.review_items, ReviewItem.message_id.in_(messages))


def _cases_due(c: Cutoffs) -> ColumnElement[bool]:
    # A case's summary is never empty (HandoffRequest refuses that): empty means purged.
    return and_(Case.id.in_(_closed_before(c.conversations)), Case.summary != "")


def _outbox_due(c: Cutoffs) -> ColumnElement[bool]:
    open_case = select(Case.id).where(Case.id == OutboxMessage.case_id, Case.status == OPEN_CASE)
    return and_(
        OutboxMessage.status != PENDING_OUTBOX,
        OutboxMessage.created_at < c.outbox,
        ~open_case.exists(),
    )


def _contacts_due(c: Cutoffs) -> ColumnElement[bool]:
    # Due when the purge leaves nothing of the contact but figures: every row that refers to
    # it is due itself (or blank already). Said in the other steps' terms, so a dry run counts
    # what the purge does, in any order of the steps.
    def kept(step: Step, contact_id: InstrumentedAttribute[Any]) -> ColumnElement[bool]:
        due = select(step.id).where(step.due(c))
        return select(step.id).where(contact_id == Contact.id, step.id.not_in(due)).exists()

    blank = select(InboundUpdate.id).where(cast(InboundUpdate.payload, String) == EMPTY_JSON)
    unfinished_update = (
        select(InboundUpdate.id)
        .where(
            InboundUpdate.contact_id == Contact.id,
            InboundUpdate.id.not_in(select(InboundUpdate.id).where(_raw_updates_due(c))),
            InboundUpdate.id.not_in(blank),
        )
        .exists()
    )
    open_or_recent_case = (
        select(Case.id)
        .where(Case.contact_id == Contact.id, Case.id.not_in(_closed_before(c.conversations)))
        .exists()
    )
    return and_(
        Contact.erased_at.is_(None),
        Contact.created_at < c.conversations,
        ~open_or_recent_case,
        ~unfinished_update,
        ~kept(STEPS[Kind.MESSAGES], Message.contact_id),
        ~kept(STEPS[Kind.REVIEW_ITEMS], ReviewItem.contact_id),
        ~kept(STEPS[Kind.OUTBOX], OutboxMessage.contact_id),
    )


async def _blank_payloads(session: AsyncSession, ids: list[int]) -> None:
    await session.execute(
        update(InboundUpdate).where(InboundUpdate.id.in_(ids)).values(payload={})
    )


async def _delete_review_items(session: AsyncSession, ids: list[int]) -> None:
    await session.execute(delete(ReviewItem).where(ReviewItem.id.in_(ids)))


async def _delete_messages(session: AsyncSession, ids: list[int]) -> None:
    # Their review items went in the step before; one that came in since goes here.
    await session.execute(delete(ReviewItem).where(ReviewItem.message_id.in_(ids)))
    await session.execute(delete(Message).where(Message.id.in_(ids)))


async def _strip_cases(session: AsyncSession, ids: list[int]) -> None:
    # Topic, owner, times, transfers, flags and the feedback stay: the team figures are made
    # of them, and none of them is the tenant's words. The language goes with the words: it
    # may tell where the tenant is from.
    await session.execute(
        update(Case).where(Case.id.in_(ids)).values(summary="", details={}, language=DUTCH)
    )
    # What the back office was asked for the case goes with it (the back office keeps its own).
    await session.execute(delete(BackOfficeJob).where(BackOfficeJob.case_id.in_(ids)))


async def _delete_outbox(session: AsyncSession, ids: list[int]) -> None:
    await session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))


async def _anonymise_contacts(session: AsyncSession, ids: list[int]) -> None:
    # The row stays: its cases refer to it (deleting it would take them and their feedback).
    # A web chat's update ids hold its chat id: they become as anonymous as the contact.
    expired = literal(EXPIRED_CONTACT) + cast(Contact.id, String)
    await session.execute(
        update(Contact)
        .where(Contact.id.in_(ids))
        .values(display_name="", external_id=expired, rasa_sender_id=expired, erased_at=utcnow())
    )
    await session.execute(delete(ContactSenderId).where(ContactSenderId.contact_id.in_(ids)))
    await session.execute(
        update(InboundUpdate)
        .where(InboundUpdate.contact_id.in_(ids), InboundUpdate.channel == Channel.WEB)
        .values(update_id=literal(EXPIRED_CONTACT) + cast(InboundUpdate.id, String))
    )


@dataclass(frozen=True)
class Step:
    """One kind in the app's tables: its rows' id, which rows are due, what is done to them."""

    id: InstrumentedAttribute[int]
    due: Callable[[Cutoffs], ColumnElement[bool]]
    apply: Callable[[AsyncSession, list[int]], Awaitable[None]]


# In this order: a review item before its message, a case's messages before its texts, a
# contact after everything that refers to it.
STEPS = {
    Kind.RAW_UPDATES: Step(InboundUpdate.id, _raw_updates_due, _blank_payloads),
    Kind.REVIEW_ITEMS: Step(ReviewItem.id, _review_items_due, _delete_review_items),
    Kind.MESSAGES: Step(Message.id, _messages_due, _delete_messages),
    Kind.CASES: Step(Case.id, _cases_due, _strip_cases),
    Kind.OUTBOX: Step(OutboxMessage.id, _outbox_due, _delete_outbox),
}
STEPS[Kind.CONTACTS] = Step(Contact.id, _contacts_due, _anonymise_contacts)  # uses the others


async def _count(uow: UnitOfWork, step: Step, c: Cutoffs) -> int:
    async with uow.read() as session:
        return await session.scalar(select(func.count(step.id)).where(step.due(c))) or 0


async def _in_batches(
    uow: UnitOfWork, step: Step, c: Cutoffs, batch: int, stop: asyncio.Event | None
) -> int:
    """Applies the step to its due rows, `batch` rows per transaction; returns how many."""
    done = 0
    while stop is None or not stop.is_set():
        async with uow() as session:
            ids = list(
                await session.scalars(
                    select(step.id).where(step.due(c)).order_by(step.id).limit(batch)
                )
            )
            if ids:
                await step.apply(session, ids)
        done += len(ids)
        if len(ids) < batch:
            break
        await asyncio.sleep(0)  # let waiting work in before the next batch
    return done


async def purge(
    uow: UnitOfWork,
    policy: RetentionPolicy,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    outside: Outside | None = None,
    batch: int = BATCH,
    stop: asyncio.Event | None = None,
) -> Counts:
    """Purges what is past its period at `now` (or, with `dry_run`, only counts it); returns
    how many of each kind went. A set `stop` ends it between batches."""
    c = cutoffs(policy, now or utcnow())
    outside = outside or Outside()
    counts: Counts = {}
    for kind, step in STEPS.items():
        counts[kind] = await (
            _count(uow, step, c) if dry_run else _in_batches(uow, step, c, batch, stop)
        )
    stopping = stop is not None and stop.is_set()
    for kind, store, cutoff in (
        (Kind.RASA_TRACKERS, outside.rasa_trackers, c.rasa_trackers),
        (Kind.AUDIT_LOG, outside.audit_log, c.audit_log),
    ):
        if store is None:
            counts[kind] = None
        elif stopping:
            counts[kind] = 0
        elif dry_run:
            counts[kind] = await store.count_before(cutoff)
        else:
            counts[kind] = await store.delete_before(cutoff)
    if not dry_run:
        log.info(
            "retention: %s",
            ", ".join(f"{kind}={'-' if n is None else n}" for kind, n in counts.items()),
        )
    return counts


async def watch(
    uow: UnitOfWork,
    policy: RetentionPolicy,
    stop: asyncio.Event,
    *,
    outside: Outside | None = None,
    first_after: float = 600.0,
) -> None:
    """Purges `first_after` seconds after the start (a restart never skips a day), then daily
    at the domain's hour, until `stop` is set."""
    await wait_any(stop, timeout=first_after)
    while not stop.is_set():
        try:
            await purge(uow, policy, outside=outside, stop=stop)
        except Exception:  # a database hiccup: the next round tries again
            log.exception("retention purge failed")
        now = utcnow()
        await wait_any(stop, timeout=(next_purge(now) - now).total_seconds())
