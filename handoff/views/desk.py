"""What the desk shows: an employee's case lists, a case with its conversation, and the teams'
figures. Each read is its own read-only transaction."""

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases import backoffice
from handoff.cases.queries import transcript_lines
from handoff.cases.visibility import in_case_team, may_see
from handoff.domain.directory import Directory
from handoff.domain.handoff_request import DUTCH
from handoff.domain.routing import team_of
from handoff.domain.staff import EmployeeRef
from handoff.domain.transcript import TranscriptLine
from handoff.storage.tables import (
    Case,
    Contact,
    Employee,
    Feedback,
    OutboxMessage,
    utcnow,
)
from handoff.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class CaseRow:
    """A case as the desk's lists show it."""

    id: int
    topic: str
    summary: str
    tenant: str
    owner: str
    flags: list[str]
    opened_at: datetime
    claimed: bool
    transfers: int
    status: str
    undelivered: bool = False  # a message to the tenant was given up on
    owner_unreachable: bool = False  # the owner's Telegram refused the case's messages
    owner_desk_only: bool = False  # the owner has no Telegram: only the desk tells them
    language: str = DUTCH  # the language the tenant wrote


@dataclass(frozen=True)
class CaseLists:
    """An employee's three lists: theirs, their teams' others, and what nobody took up yet."""

    mine: list[CaseRow]
    team: list[CaseRow]
    waiting: list[CaseRow]
    recently_closed: list[CaseRow]


@dataclass(frozen=True)
class TeamFigures:
    """How a team is doing over a period."""

    team: str
    open_cases: int
    cases: int  # opened in the period
    first_answer: timedelta | None  # median time from handover to an employee's first answer
    transfers_per_case: float | None
    heard: float | None  # average of 1-5
    heard_answers: int
    explained_again: float | None  # share that had to explain more than once
    explained_answers: int


async def _failed_deliveries(session: AsyncSession) -> tuple[set[int], set[tuple[int, str]]]:
    """Open cases with a message to the tenant given up on, and (case, chat) pairs of
    messages to employees given up on."""
    failed = (
        await session.execute(
            select(OutboxMessage.case_id, OutboxMessage.contact_id, OutboxMessage.chat_id)
            .join(Case, Case.id == OutboxMessage.case_id)
            .where(OutboxMessage.status == "failed", Case.status == "open")
        )
    ).all()
    to_tenants = {case for case, contact, _ in failed if case is not None and contact is not None}
    to_staff = {
        (case, chat) for case, contact, chat in failed if case is not None and contact is None
    }
    return to_tenants, to_staff


async def _rows(session: AsyncSession, *where: ColumnElement[bool]) -> list[CaseRow]:
    query = (
        select(Case, Contact.display_name, Employee.name, Employee.telegram_user_id)
        .join(Contact, Contact.id == Case.contact_id)
        .join(Employee, Employee.id == Case.owner_id)
        .where(*where)
        .order_by(Case.id.desc())
    )
    to_tenants, to_staff = await _failed_deliveries(session)
    rows = []
    for case, tenant, owner, telegram in (await session.execute(query)).all():
        rows.append(
            CaseRow(
                case.id,
                case.topic,
                case.summary,
                tenant,
                owner,
                list(case.flags),
                case.opened_at,
                case.claimed_at is not None,
                case.transfers,
                case.status,
                undelivered=case.id in to_tenants,
                owner_unreachable=(case.id, str(telegram)) in to_staff,
                owner_desk_only=telegram is None,
                language=case.language,
            )
        )
    return rows


async def case_lists(uow: UnitOfWork, directory: Directory, user: EmployeeRef) -> CaseLists:
    """The lists on the desk's front page for this employee."""
    async with uow.read() as session:
        open_rows = await _rows(session, Case.status == "open")
        closed = await _rows(
            session,
            Case.status == "closed",
            Case.closed_at >= utcnow() - timedelta(days=7),
        )
    mine = [r for r in open_rows if r.owner == user.name]
    team = [
        r
        for r in open_rows
        if r.owner != user.name and in_case_team(directory, user.name, r.owner, r.topic)
    ]
    return CaseLists(
        mine=mine,
        team=team,
        # A case whose owner cannot be reached in Telegram comes first: nobody else tells them.
        waiting=sorted(
            (r for r in mine + team if not r.claimed),
            key=lambda r: not r.owner_unreachable,
        ),
        recently_closed=[r for r in closed if r.owner == user.name][:20],
    )


@dataclass(frozen=True)
class CasePage:
    """A case as its page shows it: the facts, the people and the whole conversation."""

    case: Case
    tenant: str
    owner: str
    mine: bool
    lines: list[TranscriptLine]
    back_office: list[str]  # what the corporation's system holds of it, or why it does not


async def case_page(
    uow: UnitOfWork, directory: Directory, user: EmployeeRef, case_id: int
) -> CasePage | None:
    """The case for its page; None when there is no such case or this employee may not see it."""
    async with uow.read() as session:
        case = await session.get(Case, case_id)
        if case is None or not await may_see(session, directory, user, case):
            return None
        contact = await session.get(Contact, case.contact_id)
        owner = await session.get(Employee, case.owner_id)
        assert contact is not None, "foreign keys keep both"
        assert owner is not None, "foreign keys keep both"
        lines = await transcript_lines(session, case.id)
        back_office = [
            backoffice.job_line(job) for job in await backoffice.jobs_of(session, case.id)
        ]
    return CasePage(
        case, contact.display_name, owner.name, owner.id == user.id, lines, back_office
    )


async def team_figures(uow: UnitOfWork, directory: Directory, days: int = 30) -> list[TeamFigures]:
    """Per team: open cases now, and for cases opened in the last `days` days the time to a
    first answer, transfers per case and the tenants' two feedback answers."""
    since = utcnow() - timedelta(days=days)
    async with uow.read() as session:
        rows = (
            await session.execute(
                select(Case, Employee.name, Feedback)
                .join(Employee, Employee.id == Case.owner_id)
                .outerjoin(Feedback, Feedback.case_id == Case.id)
                .where((Case.status == "open") | (Case.opened_at >= since))
            )
        ).all()
    per_team: dict[str, list[tuple[Case, Feedback | None]]] = {t.name: [] for t in directory.teams}
    for case, owner, feedback in rows:
        person = directory.employee(owner)
        team = team_of(directory, person, case.topic).name if person else texts.UNKNOWN_TEAM
        per_team.setdefault(team, []).append((case, feedback))
    figures = []
    for team, items in per_team.items():
        recent = [(c, f) for c, f in items if c.opened_at >= since]
        waits = [c.first_answer_at - c.opened_at for c, _ in recent if c.first_answer_at]
        heard = [f.felt_heard for _, f in recent if f and f.felt_heard is not None]
        again = [
            f.explained_more_than_once
            for _, f in recent
            if f and f.explained_more_than_once is not None
        ]
        figures.append(
            TeamFigures(
                team=team,
                open_cases=sum(1 for c, _ in items if c.status == "open"),
                cases=len(recent),
                first_answer=statistics.median(waits) if waits else None,  # type: ignore[type-var]  # median only sorts and halves: fine for timedeltas
                transfers_per_case=(
                    sum(c.transfers for c, _ in recent) / len(recent) if recent else None
                ),
                heard=statistics.fmean(heard) if heard else None,
                heard_answers=len(heard),
                explained_again=sum(again) / len(again) if again else None,
                explained_answers=len(again),
            )
        )
    return figures
