"""What /metrics reads from the database at scrape time: a few aggregate queries on indexed
columns, one read-only transaction."""

from datetime import datetime

from sqlalchemy import func, select

from handoff.domain.backoffice import JobStatus
from handoff.domain.directory import Directory
from handoff.domain.routing import team_of
from handoff.metrics import Operations
from handoff.storage.tables import (
    BackOfficeJob,
    Case,
    Employee,
    NluModel,
    OutboxMessage,
    utcnow,
)
from handoff.storage.unit_of_work import UnitOfWork


async def operations(
    uow: UnitOfWork, directory: Directory, now: datetime | None = None
) -> Operations:
    """The outbox's backlog, open cases per team, transfers so far, the live model, and the
    back office's backlog and calls given up on."""
    now = now or utcnow()
    async with uow.read() as session:
        pending = (
            await session.execute(
                select(OutboxMessage.channel, func.count(), func.min(OutboxMessage.created_at))
                .where(OutboxMessage.status == "pending")
                .group_by(OutboxMessage.channel)
            )
        ).all()
        owners = (
            await session.execute(
                select(Employee.name, Case.topic, func.count())
                .join(Employee, Employee.id == Case.owner_id)
                .where(Case.status == "open")
                .group_by(Employee.name, Case.topic)
            )
        ).all()
        transfers = await session.scalar(select(func.coalesce(func.sum(Case.transfers), 0)))
        jobs = (
            await session.execute(
                select(BackOfficeJob.status, func.count(), func.min(BackOfficeJob.created_at))
                .where(BackOfficeJob.status.in_((JobStatus.PENDING, JobStatus.FAILED)))
                .group_by(BackOfficeJob.status)
            )
        ).all()
        model = await session.scalar(
            select(NluModel.file_name).where(NluModel.status == "active").limit(1)
        )
    oldest = min((first for _, _, first in pending if first is not None), default=None)
    waiting = {status: (count, first) for status, count, first in jobs}
    backlog, oldest_job = waiting.get(JobStatus.PENDING, (0, None))
    open_cases = {team.key: 0 for team in directory.teams}
    for name, topic, count in owners:
        person = directory.employee(name)
        team = team_of(directory, person, topic).key if person else "unknown"
        open_cases[team] = open_cases.get(team, 0) + count
    return Operations(
        outbox_pending={channel: count for channel, count, _ in pending},
        outbox_oldest_seconds=max(0.0, (now - oldest).total_seconds()) if oldest else 0.0,
        open_cases=open_cases,
        transfers=int(transfers or 0),
        model=model,
        backoffice_pending=backlog,
        backoffice_oldest_seconds=(
            max(0.0, (now - oldest_job).total_seconds()) if oldest_job else 0.0
        ),
        backoffice_failed=waiting.get(JobStatus.FAILED, (0, None))[0],
    )
