"""A case's side of the back office: which calls it needs (stored in the caller's transaction,
made later by services/backoffice.py), the slot a tenant chose, and what the case shows.
"""

import uuid
from typing import TypeGuard

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases import notices
from handoff.domain.backoffice import REPAIR_TOPIC, JobKind, JobStatus, Slot
from handoff.storage.tables import BackOfficeJob, Case, Contact, utcnow

# Marks a transaction that added jobs, so only its commit wakes the worker.
QUEUED = "backoffice_queued"
SLOT_PREFIX = "afspraak:"  # a tenant's choice of slot: afspraak:<repair job>:<slot id>
MAX_SLOTS = 4  # buttons a tenant is offered at once


def _job(session: AsyncSession, kind: JobKind, case: Case, **data: object) -> BackOfficeJob:
    job = BackOfficeJob(
        kind=kind,
        case_id=case.id,
        contact_id=case.contact_id,
        reference=f"aandacht-{uuid.uuid4().hex}",
        data=dict(data),
    )
    session.add(job)
    session.info[QUEUED] = True
    return job


def queue_case(session: AsyncSession, case: Case) -> None:
    """A handed-over conversation is logged as a contactmoment; a confirmed repair also
    becomes a repair request."""
    _job(session, JobKind.CONTACT, case)
    if case.topic == REPAIR_TOPIC and case.summary_confirmed:
        _job(session, JobKind.REPAIR, case)


async def jobs_of(session: AsyncSession, case_id: int) -> list[BackOfficeJob]:
    """A case's calls to the back office, in the order they were made."""
    return list(
        await session.scalars(
            select(BackOfficeJob)
            .where(BackOfficeJob.case_id == case_id)
            .order_by(BackOfficeJob.id)
        )
    )


def job_line(job: BackOfficeJob) -> str:
    """A job as the desk shows it."""
    what = texts.BACKOFFICE_WHAT[job.kind]
    if job.status == JobStatus.FAILED:
        return texts.BACKOFFICE_FAILED.format(what=what, reason=job.last_error or "")
    if job.status == JobStatus.SKIPPED:
        return texts.BACKOFFICE_SKIPPED.format(what=what)
    if job.status == JobStatus.PENDING:
        return texts.BACKOFFICE_WAITING.format(what=what, attempts=job.attempts)
    if job.kind == JobKind.REPAIR:
        status = texts.REPAIR_STATUSES.get(job.external_status or "", texts.REPAIR_STATUS_UNKNOWN)
        return texts.REPAIR_STATUS_LABEL.format(
            code=job.external_code or job.external_id, status=status
        )
    if job.kind == JobKind.APPOINTMENT:
        return f"{what}: {_slot_text(job.data['slot'])}"
    return f"{what}: {job.external_id}"


def _slot_text(data: dict[str, str]) -> str:
    slot = Slot.from_data(data)
    return texts.slot_label(slot.begin, slot.end)


def slot_buttons(job: BackOfficeJob, slots: list[Slot]) -> list[list[dict[str, str]]]:
    """One button a row for each slot offered for a repair request."""
    return [
        [{"title": texts.slot_label(slot.begin, slot.end), "payload": _payload(job, slot)}]
        for slot in slots[:MAX_SLOTS]
    ]


def _payload(job: BackOfficeJob, slot: Slot) -> str:
    return f"{SLOT_PREFIX}{job.id}:{slot.id}"


def is_slot_choice(payload: str | None) -> TypeGuard[str]:
    """Whether a button's payload is a tenant's choice of an appointment slot."""
    return payload is not None and payload.startswith(SLOT_PREFIX)


async def choose_slot(session: AsyncSession, contact: Contact, payload: str) -> None:
    """The tenant pressed a slot's button: the booking is queued and the tenant told so. Only
    a slot offered to this tenant, once, and not yet begun; any other press gets a kind
    answer."""
    repair_id, _, slot_id = payload.removeprefix(SLOT_PREFIX).partition(":")
    repair = await session.get(BackOfficeJob, int(repair_id)) if repair_id.isdigit() else None
    offered = (repair.data.get("slots") or []) if repair is not None else []
    chosen = next((slot for slot in offered if slot["id"] == slot_id), None)
    booked = repair is not None and repair.data.get("chosen") is not None
    past = chosen is not None and Slot.from_data(chosen).begin <= utcnow()
    if repair is None or repair.contact_id != contact.id or chosen is None or booked or past:
        await notices.say_to_tenant(session, contact, texts.SLOT_NOT_OFFERED)
        return
    repair.data = {**repair.data, "chosen": slot_id}
    case = await session.get(Case, repair.case_id)
    assert case is not None, "a job hangs off its case"
    _job(session, JobKind.APPOINTMENT, case, slot=chosen, repair=repair.id)
    await notices.say_to_tenant(
        session, contact, texts.SLOT_CHOSEN.format(slot=_slot_text(chosen)), case_id=case.id
    )
