"""What follows when the outbox gives up on a message of a case: nobody is left believing it
arrived. Works inside the outbox sender's transaction (the row is already marked failed).

- A message to the tenant: the transcript shows it as not delivered (queries.transcript_lines),
  an employee's answer stops counting as the case's first answer, and the owner hears it.
- A message to an employee (the notification, a relay, a reminder): if it was the case's open
  owner, the team's lead (or, without one, the owner's teammates) hears it in Telegram, and
  the desk's lists flag the case (views/desk.py).

The notices themselves carry no case id: one that cannot be delivered either ends here, in the
admins' list, and sets off nothing further.
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases.queries import first_delivered_answer, undelivered_messages
from handoff.domain.channels import Channel
from handoff.domain.delivery import GiveUp
from handoff.domain.directory import Directory
from handoff.domain.routing import team_of
from handoff.storage.outbox import enqueue
from handoff.storage.tables import Case, Employee, Message, OutboxMessage


async def given_up(
    session: AsyncSession, directory: Directory | None, row: OutboxMessage, reason: GiveUp
) -> None:
    """Makes a message given up on visible where it matters."""
    if row.case_id is None:
        return  # not about a case: the admins' list of undelivered messages shows it
    case = await session.get(Case, row.case_id)
    if case is None:
        return
    if row.contact_id is not None:
        await _tenant_missed(session, case, row, reason)
    elif row.channel == Channel.TELEGRAM and case.status == "open":
        await _owner_missed(session, directory, case, row, reason)


async def _tenant_missed(
    session: AsyncSession, case: Case, row: OutboxMessage, reason: GiveUp
) -> None:
    await session.flush()
    lost = await undelivered_messages(session, case.id)
    message = next((m for m, failed in lost.items() if failed.id == row.id), None)
    said = await session.get(Message, message) if message is not None else None
    if said is not None and said.sender == "employee":
        case.first_answer_at = await first_delivered_answer(session, case.id)
    elif len(lost) > 1:
        return  # the owner heard about this tenant already; their own answers are told each
    owner = await session.get(Employee, case.owner_id)
    if owner is not None and owner.telegram_user_id is not None:
        _tell(
            session,
            owner.telegram_user_id,
            texts.UNDELIVERED_TO_TENANT.format(
                case_id=case.id, reason=texts.UNDELIVERED_REASONS[reason]
            ),
        )


async def _owner_missed(
    session: AsyncSession,
    directory: Directory | None,
    case: Case,
    row: OutboxMessage,
    reason: GiveUp,
) -> None:
    owner = await session.get(Employee, case.owner_id)
    if owner is None or str(owner.telegram_user_id) != row.chat_id:
        return  # not (or no longer) the owner's: the admins' list shows it
    earlier = await session.scalar(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.case_id == case.id,
            OutboxMessage.channel == row.channel,
            OutboxMessage.chat_id == row.chat_id,
            OutboxMessage.status == "failed",
            OutboxMessage.id != row.id,
        )
        .limit(1)
    )
    person = directory.employee(owner.name) if directory is not None else None
    if earlier is not None or directory is None or person is None:
        return  # told once per case (the notification and its transcript fail together)
    team = team_of(directory, person, case.topic)
    lead = directory.lead_of(team)
    names = [lead.name] if lead is not None and lead.name != owner.name else []
    names = names or [e.name for e in directory.members(team.key) if e.name != owner.name]
    text = texts.OWNER_UNREACHABLE.format(
        case_id=case.id,
        topic=texts.topic_label(case.topic),
        owner=owner.name,
        reason=texts.UNDELIVERED_REASONS[reason],
    )
    colleagues = await session.scalars(
        select(Employee).where(
            Employee.name.in_(names), Employee.telegram_user_id.is_not(None), Employee.active
        )
    )
    for colleague in colleagues:
        assert colleague.telegram_user_id is not None
        _tell(session, colleague.telegram_user_id, text)


def _tell(session: AsyncSession, telegram_user_id: int, text: str) -> None:
    enqueue(session, Channel.TELEGRAM, str(telegram_user_id), text=text)
