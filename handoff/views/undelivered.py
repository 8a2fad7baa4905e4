"""The messages the outbox gave up on, as the admins' list shows them (newest first)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from handoff.domain.delivery import GiveUp, reason_of
from handoff.storage.tables import Contact, Employee, OutboxMessage
from handoff.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Undelivered:
    """One message that never arrived: to whom, about which case, when and why."""

    id: int
    channel: str
    to: str  # the tenant's or employee's name, else the chat id
    case_id: int | None
    text: str
    written_at: datetime
    given_up_at: datetime  # outbox.next_attempt_at, set when it was given up on
    attempts: int
    reason: GiveUp | None
    error: str  # what the channel said


async def undelivered(uow: UnitOfWork, limit: int = 200) -> list[Undelivered]:
    """The newest messages given up on."""
    async with uow.read() as session:
        rows = (
            await session.execute(
                select(OutboxMessage, Contact.display_name)
                .outerjoin(Contact, Contact.id == OutboxMessage.contact_id)
                .where(OutboxMessage.status == "failed")
                .order_by(OutboxMessage.id.desc())
                .limit(limit)
            )
        ).all()
        linked = {
            str(telegram): name
            for name, telegram in (
                await session.execute(
                    select(Employee.name, Employee.telegram_user_id).where(
                        Employee.telegram_user_id.is_not(None)
                    )
                )
            ).all()
        }
    found = []
    for row, tenant in rows:
        error = row.last_error or ""
        reason = reason_of(error)
        if reason is not None:
            error = error.split(":", 1)[1].strip()
        found.append(
            Undelivered(
                row.id,
                row.channel,
                tenant
                or (linked.get(row.chat_id) if row.contact_id is None else None)
                or row.chat_id,
                row.case_id,
                row.text or row.document_name or row.kind,
                row.created_at,
                row.next_attempt_at,
                row.attempts,
                reason,
                error,
            )
        )
    return found
