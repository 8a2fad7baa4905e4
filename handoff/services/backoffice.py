"""Makes the back-office calls cases stored (cases/backoffice.py), like the outbox delivers
messages: afterwards, with retries, and never silently lost.

A call that fails for a passing reason (VERA down, a timeout, a 5xx) is tried again with a
growing pause until RETRY_WINDOW has passed; one the back office refuses (a 4xx) stops at once.
Either way a job given up on is on the case's desk page, and its owner is told. Every create
first asks whether an earlier try got there (by our reference, VERA's idExtern), so neither a
lost answer nor an app that stopped between the back office's answer and storing it makes a
second request.

Every so often it also asks how the open repair requests are doing: their status (for the
tenant's /status and the desk) and whether the back office offers appointment slots.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases import backoffice as jobs
from handoff.cases import notices
from handoff.domain.addresses import Address
from handoff.domain.backoffice import (
    FINAL_STATUSES,
    RETRY_WINDOW,
    BackOffice,
    BackOfficeError,
    ContactMoment,
    Created,
    JobKind,
    JobStatus,
    Photo,
    RepairRequest,
    Reporter,
    Slot,
    Unit,
    defect_of,
    retry_delay,
)
from handoff.metrics import Metrics
from handoff.services.intake import error_kind
from handoff.signals import wait_any
from handoff.storage.tables import BackOfficeJob, Case, Contact, Employee, Message, utcnow
from handoff.storage.unit_of_work import UnitOfWork

T = TypeVar("T")

log = logging.getLogger(__name__)

# Gets a photo the tenant sent (a Telegram file id) as bytes; None: photos stay in the chat.
PhotoSource = Callable[[str], Awaitable[bytes]]
MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 5 * 1024 * 1024
BAG_OBJECT = "adresseerbaarobject_id"  # the home's id in the BAG, when the register gave it


@dataclass
class _Done:
    """What a job's call came back with, to store in one transaction."""

    status: JobStatus = JobStatus.DONE
    external_id: str | None = None
    external_code: str | None = None
    external_status: str | None = None
    data: dict[str, Any] | None = None


class BackOfficeWork:
    """Makes due back-office calls and follows open repair requests."""

    def __init__(
        self,
        uow: UnitOfWork,
        back_office: BackOffice,
        *,
        photos: PhotoSource | None = None,
        clock: Callable[[], datetime] = utcnow,
        metrics: Metrics | None = None,
        check_every: timedelta = timedelta(minutes=15),
        batch: int = 20,
    ) -> None:
        self._uow = uow
        self._back_office = back_office
        self._photos = photos
        self._clock = clock
        self._metrics = metrics or Metrics()
        self._check_every = check_every
        self._batch = batch
        self._wake = asyncio.Event()
        uow.after_commit(self._wake.set, only_if=jobs.QUEUED)

    async def run(self, stop: asyncio.Event, idle_wait: float = 5.0) -> None:
        """Works until `stop` is set; when idle, waits for a commit that queued a job."""
        next_check = self._clock()
        while not stop.is_set():
            self._wake.clear()
            worked = await self.work_due()
            if self._clock() >= next_check:
                await self.check_requests()
                next_check = self._clock() + self._check_every
            if worked == 0:
                wait = min(idle_wait, await self._until_next(), self._until(next_check))
                await wait_any(self._wake, stop, timeout=max(wait, 0.0))

    async def _until_next(self) -> float:
        """Seconds until the next retry is due (a long time when none waits)."""
        async with self._uow.read() as session:
            due = await session.scalar(
                select(func.min(BackOfficeJob.next_attempt_at)).where(
                    BackOfficeJob.status == JobStatus.PENDING
                )
            )
        return self._until(due) if due is not None else float("inf")

    def _until(self, moment: datetime) -> float:
        return (moment - self._clock()).total_seconds()

    async def work_due(self) -> int:
        """Makes one batch of due calls; returns how many were tried."""
        async with self._uow.read() as session:
            due = list(
                await session.scalars(
                    select(BackOfficeJob.id)
                    .where(
                        BackOfficeJob.status == JobStatus.PENDING,
                        BackOfficeJob.next_attempt_at <= self._clock(),
                    )
                    .order_by(BackOfficeJob.id)
                    .limit(self._batch)
                )
            )
        for job_id in due:
            await self._work(job_id)
        return len(due)

    async def _work(self, job_id: int) -> None:
        async with self._uow.read() as session:
            job = await session.get(BackOfficeJob, job_id)
            case = await session.get(Case, job.case_id) if job else None
            contact = await session.get(Contact, job.contact_id) if job else None
            if job is None or case is None or contact is None or job.status != JobStatus.PENDING:
                return  # erased meanwhile, or done by another round
            session.expunge_all()  # read-only copies for the call
        try:
            done = await self._call(job, case, contact)
        except BackOfficeError as error:
            await self._failed(job, str(error), error.permanent)
            return
        except Exception as error:  # a bug of ours: kept, retried, and visible like any other
            log.exception("back-office job %s (%s) failed", job.id, job.kind)
            await self._failed(job, error_kind(error), permanent=False)
            return
        await self._store(job, done)

    async def _call(self, job: BackOfficeJob, case: Case, contact: Contact) -> _Done:
        if job.kind == JobKind.REPAIR:
            return await self._create_repair(job, case, contact)
        if job.kind == JobKind.CONTACT:
            return await self._log_contact(job, case)
        return await self._book(job)

    async def _create_repair(self, job: BackOfficeJob, case: Case, contact: Contact) -> _Done:
        unit = await self._unit(case)
        relation = unit.tenant_relation_id if unit else None

        async def create() -> Created:
            return await self._back_office.create_repair(
                RepairRequest(
                    reference=job.reference,
                    summary=case.summary,
                    defect=defect_of(
                        case.summary,
                        case.details.get("repair_location"),
                        case.details.get("repair_object"),
                    ),
                    reported_at=case.opened_at,
                    reporter=Reporter(contact.display_name, relation),
                    unit_id=unit.id if unit else None,
                    photos=await self._case_photos(case.id),
                )
            )

        created = await _once(job, self._back_office.find_repair, create)
        return _Done(
            external_id=created.id,
            external_code=created.code,
            external_status=created.status,
            data={**job.data, "relation_id": relation} if relation else None,
        )

    async def _unit(self, case: Case) -> Unit | None:
        """The home the case is about, found by its address; None without one."""
        address = Address.from_parts(case.details)
        if address is None:
            return None
        return await self._back_office.find_unit(address, case.details.get(BAG_OBJECT))

    async def _case_photos(self, case_id: int) -> tuple[Photo, ...]:
        """The photos the tenant sent with the case, for the request's attachments."""
        if self._photos is None:
            return ()
        async with self._uow.read() as session:
            file_ids: list[str] = list(
                await session.scalars(
                    select(Message.file_id)
                    .where(
                        Message.case_id == case_id,
                        Message.sender == "tenant",
                        Message.kind == "photo",
                        Message.file_id.is_not(None),
                    )
                    .order_by(Message.id)
                    .limit(MAX_PHOTOS)
                )
            )
        photos = []
        for number, file_id in enumerate(file_ids, start=1):
            content = await self._photos(file_id)
            if len(content) <= MAX_PHOTO_BYTES:
                photos.append(Photo(f"foto-{number}.jpg", content))
        return tuple(photos)

    async def _log_contact(self, job: BackOfficeJob, case: Case) -> _Done:
        unit = await self._unit(case)
        if unit is None or unit.tenant_relation_id is None:
            return _Done(status=JobStatus.SKIPPED)  # not identified: nobody to log it with
        moment = ContactMoment(
            reference=job.reference,
            relation_id=unit.tenant_relation_id,
            subject=texts.topic_label(case.topic),
            description=case.summary,
            at=case.opened_at,
        )
        logged = await _once(
            job, self._back_office.find_contact, lambda: self._back_office.log_contact(moment)
        )
        return _Done(external_id=logged)

    async def _book(self, job: BackOfficeJob) -> _Done:
        async with self._uow.read() as session:
            repair = await session.get(BackOfficeJob, job.data["repair"])
            if repair is None or repair.external_id is None:
                raise BackOfficeError("no repair request in the back office", permanent=True)
            request_id, relation = repair.external_id, repair.data.get("relation_id")
        slot = Slot.from_data(job.data["slot"])
        booked = await _once(
            job,
            self._back_office.find_booking,
            lambda: self._back_office.book(request_id, slot, job.reference, relation),
        )
        return _Done(external_id=booked.id, external_status=booked.status)

    async def _store(self, job: BackOfficeJob, done: _Done) -> None:
        async with self._uow() as session:
            stored = await session.get(BackOfficeJob, job.id)
            if stored is None:
                return  # the tenant was erased meanwhile
            stored.status, stored.done_at = done.status, self._clock()
            stored.external_id, stored.external_code = done.external_id, done.external_code
            stored.external_status, stored.checked_at = done.external_status, self._clock()
            if done.data is not None:
                stored.data = done.data
            log.info("back-office job %s (%s): %s", job.id, job.kind, done.status.value)
            self._metrics.backoffice(job.kind, done.status)
            if job.kind == JobKind.APPOINTMENT and done.status == JobStatus.DONE:
                await self._booked(session, stored)

    async def _booked(self, session: AsyncSession, job: BackOfficeJob) -> None:
        """The tenant hears the appointment stands; the owner reads it with the case."""
        case, contact, owner = await _parties(session, job)
        slot = Slot.from_data(job.data["slot"])
        said = texts.slot_label(slot.begin, slot.end)
        await notices.say_to_tenant(
            session, contact, texts.SLOT_BOOKED.format(slot=said), case_id=case.id
        )
        notices.tell_employee(
            session,
            owner,
            texts.OWNER_SLOT_BOOKED.format(case_id=case.id, slot=said),
            case_id=case.id,
        )

    async def _failed(self, job: BackOfficeJob, reason: str, permanent: bool) -> None:
        """A failed try: when to try again, or, given up on, who must know."""
        now = self._clock()
        async with self._uow() as session:
            stored = await session.get(BackOfficeJob, job.id)
            if stored is None:
                return
            stored.attempts += 1
            stored.last_error = reason[:500]
            if not permanent and now - stored.created_at < RETRY_WINDOW:
                stored.next_attempt_at = now + retry_delay(stored.attempts)
                log.info(
                    "back-office job %s (%s) will be tried again: %s", job.id, job.kind, reason
                )
                return
            stored.status = JobStatus.FAILED
            self._metrics.backoffice(job.kind, JobStatus.FAILED)
            log.warning("back-office job %s (%s) given up: %s", job.id, job.kind, reason)
            case, contact, owner = await _parties(session, stored)
            notices.tell_employee(
                session,
                owner,
                texts.OWNER_BACKOFFICE_FAILED.format(
                    case_id=case.id, what=texts.BACKOFFICE_WHAT[job.kind].lower(), reason=reason
                ),
                case_id=case.id,
            )
            if job.kind == JobKind.APPOINTMENT:
                await notices.say_to_tenant(session, contact, texts.SLOT_FAILED, case_id=case.id)

    async def check_requests(self) -> int:
        """Asks how the repair requests that are not finished are doing; offers the tenant the
        back office's appointment slots once there are any. Returns how many were asked."""
        now = self._clock()
        async with self._uow.read() as session:
            open_requests = list(
                await session.scalars(
                    select(BackOfficeJob)
                    .join(Contact, Contact.id == BackOfficeJob.contact_id)
                    .where(
                        BackOfficeJob.kind == JobKind.REPAIR,
                        BackOfficeJob.status == JobStatus.DONE,
                        BackOfficeJob.external_status.not_in(FINAL_STATUSES),
                        (BackOfficeJob.checked_at.is_(None))
                        | (BackOfficeJob.checked_at <= now - self._check_every),
                        Contact.erased_at.is_(None),
                    )
                    .order_by(BackOfficeJob.checked_at, BackOfficeJob.id)
                    .limit(self._batch * 5)
                )
            )
            session.expunge_all()
        for job in open_requests:
            try:
                now_is = await self._back_office.repair_status(job.external_id or "")
                slots = []
                if "slots" not in job.data and now_is.status not in FINAL_STATUSES:
                    offered = await self._back_office.appointment_slots(job.external_id or "")
                    slots = [slot for slot in offered if slot.begin > now]
            except BackOfficeError as error:
                log.info("could not ask about back-office request of job %s: %s", job.id, error)
                continue
            except Exception:  # a bug of ours, or an answer we cannot read: asked again later
                log.exception("could not ask about back-office request of job %s", job.id)
                continue
            await self._checked(job, now_is.status, slots)
        return len(open_requests)

    async def _checked(self, job: BackOfficeJob, status: str, slots: list[Slot]) -> None:
        async with self._uow() as session:
            stored = await session.get(BackOfficeJob, job.id)
            if stored is None:
                return
            stored.external_status, stored.checked_at = status, self._clock()
            if not slots or "slots" in stored.data:
                return
            offered = [slot.as_data() for slot in slots[: jobs.MAX_SLOTS]]
            stored.data = {**stored.data, "slots": offered}
            _, contact, _ = await _parties(session, stored)
            await notices.say_to_tenant(
                session,
                contact,
                texts.SLOTS_OFFERED.format(code=stored.external_code or stored.external_id),
                case_id=stored.case_id,
                buttons=jobs.slot_buttons(stored, slots),
            )


async def _parties(session: AsyncSession, job: BackOfficeJob) -> tuple[Case, Contact, Employee]:
    """The job's case, its tenant and its owner (foreign keys keep all three)."""
    case = await session.get(Case, job.case_id)
    contact = await session.get(Contact, job.contact_id)
    owner = await session.get(Employee, case.owner_id) if case else None
    assert case is not None, "foreign keys"
    assert contact is not None, "foreign keys"
    assert owner is not None, "foreign keys"
    return case, contact, owner


async def _once(
    job: BackOfficeJob,
    find: Callable[[str], Awaitable[T | None]],
    create: Callable[[], Awaitable[T]],
) -> T:
    """Creates something in the back office once: what an earlier try may have created is
    first looked up by the job's reference. Also on a job's first try: the app may have
    stopped after the back office answered and before the answer was stored, and a try is
    only counted when it failed."""
    found = await find(job.reference)
    return found if found is not None else await create()
