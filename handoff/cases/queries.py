"""What the case flow reads: a tenant's open case, a case's parties and conversation, and who
has how many open cases."""

from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.domain.channels import Channel
from handoff.domain.delivery import reason_of
from handoff.domain.transcript import TranscriptLine, render
from handoff.storage.tables import Case, Contact, Employee, Message, OutboxMessage, utcnow


async def open_case_of(session: AsyncSession, contact_id: int) -> Case | None:
    """Returns the tenant's open case, if they have one."""
    return await session.scalar(
        select(Case).where(Case.contact_id == contact_id, Case.status == "open")
    )


async def latest_language(session: AsyncSession, contact_id: int) -> str | None:
    """The language of the tenant's latest case, open or closed: the one the app last took
    them to write (nlu/language.py); None when they never had a case. Erasure and the
    retention purge set it back to Dutch, with the words it was read from."""
    return await session.scalar(
        select(Case.language)
        .where(Case.contact_id == contact_id)
        .order_by(Case.id.desc())
        .limit(1)
    )


async def recent_owner(session: AsyncSession, contact_id: int, days: int) -> str | None:
    """The owner of the tenant's open case, or of one closed in the last `days` days."""
    since = utcnow() - timedelta(days=days)
    return await session.scalar(
        select(Employee.name)
        .join(Case, Case.owner_id == Employee.id)
        .where(
            Case.contact_id == contact_id,
            or_(Case.status == "open", Case.closed_at >= since),
        )
        .order_by(Case.opened_at.desc())
        .limit(1)
    )


async def parties(
    session: AsyncSession, case_id: int, refresh: bool = False
) -> tuple[Case, Contact, Employee]:
    """Loads the case with its tenant and its owner."""
    case = await session.get(Case, case_id, populate_existing=refresh)
    assert case is not None, "callers check the case exists first"
    contact = await session.get(Contact, case.contact_id)
    owner = await session.get(Employee, case.owner_id)
    assert contact is not None, "foreign keys keep both"
    assert owner is not None, "foreign keys keep both"
    return case, contact, owner


async def employee_named(session: AsyncSession, name: str) -> Employee | None:
    """The employee with exactly this name, if any."""
    return await session.scalar(select(Employee).where(Employee.name == name))


async def owner_of(session: AsyncSession, case_id: int) -> Employee | None:
    """Returns the case's owner."""
    return await session.scalar(
        select(Employee).join(Case, Case.owner_id == Employee.id).where(Case.id == case_id)
    )


async def open_cases_owned(session: AsyncSession, employee_id: int) -> list[Case]:
    """Returns the employee's open cases, oldest first."""
    return list(
        await session.scalars(
            select(Case)
            .where(Case.owner_id == employee_id, Case.status == "open")
            .order_by(Case.id)
        )
    )


async def case_for_reply(session: AsyncSession, chat_id: str, message_id: str) -> int | None:
    """Finds the case a Telegram message (that an employee replies to) belongs to."""
    return await session.scalar(
        select(OutboxMessage.case_id).where(
            OutboxMessage.channel == Channel.TELEGRAM,
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.external_message_id == message_id,
        )
    )


async def away_names(session: AsyncSession) -> set[str]:
    """The employees who said /afwezig."""
    return set(await session.scalars(select(Employee.name).where(Employee.away)))


async def open_counts(session: AsyncSession) -> dict[str, int]:
    """How many open cases each employee has, by name."""
    rows = await session.execute(
        select(Employee.name, func.count(Case.id))
        .join(Case, Case.owner_id == Employee.id)
        .where(Case.status == "open")
        .group_by(Employee.name)
    )
    return dict(rows.all())


async def undelivered_messages(session: AsyncSession, case_id: int) -> dict[int, OutboxMessage]:
    """The case's messages to its tenant that the outbox gave up on: message id → outbox row."""
    rows = await session.scalars(
        select(OutboxMessage)
        .join(Message, Message.id == OutboxMessage.message_id)
        .where(Message.case_id == case_id, OutboxMessage.status == "failed")
        .order_by(OutboxMessage.id)
    )
    return {row.message_id: row for row in rows if row.message_id is not None}


async def first_delivered_answer(session: AsyncSession, case_id: int) -> datetime | None:
    """When an employee's first answer that was not given up on was written."""
    lost = await undelivered_messages(session, case_id)
    answers = select(func.min(Message.created_at)).where(
        Message.case_id == case_id, Message.sender == "employee"
    )
    if lost:
        answers = answers.where(Message.id.not_in(lost))
    return await session.scalar(answers)


async def first_answer_wait(
    session: AsyncSession, message_id: int, sent_at: datetime
) -> timedelta | None:
    """If this delivered message is its case's first employee answer that arrived, how long
    after the handover it arrived; else None."""
    said = await session.get(Message, message_id)
    if said is None or said.sender != "employee" or said.case_id is None:
        return None
    lost = await undelivered_messages(session, said.case_id)
    earlier = select(Message.id).where(
        Message.case_id == said.case_id, Message.sender == "employee", Message.id < said.id
    )
    if lost:
        earlier = earlier.where(Message.id.not_in(lost))
    case = await session.get(Case, said.case_id)
    if case is None or await session.scalar(earlier.limit(1)) is not None:
        return None
    return sent_at - case.opened_at


async def transcript_lines(session: AsyncSession, case_id: int) -> list[TranscriptLine]:
    """Returns the case's conversation in order; what never arrived says so."""
    rows = (
        await session.execute(
            select(Message, Employee.name)
            .outerjoin(Employee, Employee.id == Message.employee_id)
            .where(Message.case_id == case_id)
            .order_by(Message.id)
        )
    ).all()
    lost = await undelivered_messages(session, case_id)
    lines = []
    for m, name in rows:
        failed = lost.get(m.id)
        reason = reason_of(failed.last_error) if failed else None
        lines.append(
            TranscriptLine(
                m.created_at,
                m.sender,
                m.kind,
                m.text,
                author=name,
                undelivered_at=failed.next_attempt_at if failed else None,
                undelivered_reason=reason.value if reason else None,
            )
        )
    return lines


async def transcript_text(session: AsyncSession, case_id: int) -> str:
    """Returns the case's conversation as plain text."""
    return render(await transcript_lines(session, case_id), texts.TRANSCRIPT_LABELS)
