"""What each party is told about a case: the tenant in their chat, the owner in Telegram.

Every message is queued in the caller's transaction (the outbox), so it goes out only if the
change that caused it is committed.
"""

import html
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases.feedback import heard_buttons
from handoff.cases.queries import latest_language, transcript_text
from handoff.domain.backoffice import JobKind
from handoff.domain.case_actions import Verb
from handoff.domain.channels import Channel
from handoff.domain.handoff_request import DUTCH
from handoff.storage.outbox import enqueue
from handoff.storage.tables import BackOfficeJob, Case, Contact, Employee, Message, utcnow
from handoff.texts import KIND_LABELS, promise

INLINE_TRANSCRIPT_CHARS = 2500


async def say_to_tenant(
    session: AsyncSession,
    contact: Contact,
    text: str,
    *,
    case_id: int | None = None,
    buttons: list[list[dict[str, str]]] | None = None,
    sender: str = "bot",
    employee_id: int | None = None,
    kind: str = "text",
    file_id: str | None = None,
    response: str | None = None,
) -> None:
    """Queues a message (or a file with its caption) to the tenant and keeps it in the
    transcript, with the Rasa response it came from; the outbox row names its message, so a
    delivery that fails shows on it."""
    now = utcnow()
    message = Message(
        created_at=now,
        contact_id=contact.id,
        case_id=case_id,
        sender=sender,
        employee_id=employee_id,
        text=text,
        kind=kind,
        file_id=file_id,
        response=response,
    )
    session.add(message)
    await session.flush()  # the message's id, for its outbox row
    enqueue(
        session,
        contact.channel,
        contact.external_id,
        message_id=message.id,
        created_at=now,
        next_attempt_at=now,
        contact_id=contact.id,
        case_id=case_id,
        text=text,
        buttons=buttons,
        kind=kind,
        file_id=file_id,
    )


async def claimed(session: AsyncSession, case: Case, contact: Contact, owner: Employee) -> None:
    """The tenant hears their owner has taken up the case."""
    told = texts.to_tenant(case.language, "claimed", texts.CLAIMED)
    await say_to_tenant(session, contact, told.format(employee=owner.name), case_id=case.id)


async def owner_answered(
    session: AsyncSession,
    case: Case,
    contact: Contact,
    owner: Employee,
    text: str | None,
    kind: str,
    file_id: str | None,
) -> None:
    """Passes the owner's answer (a text, or a file with its caption) on, under their name. A
    Telegram file cannot be shown in the web chat: the tenant hears so, honestly."""
    said = texts.EMPLOYEE_SAYS.format(employee=owner.name, text=text) if text else owner.name
    if kind != "text" and contact.channel != Channel.TELEGRAM:
        label = KIND_LABELS.get(kind, kind).strip("[]")
        elsewhere = texts.EMPLOYEE_SENT_FILE_ELSEWHERE  # another language names no kind
        said = texts.to_tenant(case.language, "file_elsewhere", elsewhere).format(
            employee=owner.name, kind=label
        )
        kind, file_id = "text", None
    await say_to_tenant(
        session,
        contact,
        said,
        case_id=case.id,
        sender="employee",
        employee_id=owner.id,
        kind=kind,
        file_id=file_id,
    )


async def closed(session: AsyncSession, case: Case, contact: Contact, owner: Employee) -> None:
    """The tenant hears the case is closed, and is asked whether they felt heard."""
    told = texts.to_tenant(case.language, "closed", texts.CASE_CLOSED)
    await say_to_tenant(session, contact, told.format(employee=owner.name), case_id=case.id)
    await say_to_tenant(
        session,
        contact,
        texts.to_tenant(case.language, "feedback_heard", texts.FEEDBACK_HEARD),
        case_id=case.id,
        buttons=heard_buttons(case.id),
    )


def case_buttons(case_id: int) -> list[list[dict[str, str | int]]]:
    """The buttons under a case's notification: take it, pass it on, close it; and tell the
    admins the bot misunderstood the tenant. bot/buttons.py turns them into Telegram's data."""
    return [
        [
            {"title": texts.CLAIM_BUTTON, "action": Verb.CLAIM, "case_id": case_id},
            {"title": texts.TRANSFER_BUTTON, "action": Verb.ASK_TRANSFER, "case_id": case_id},
            {"title": texts.CLOSE_BUTTON, "action": Verb.ASK_CLOSE, "case_id": case_id},
        ],
        [{"title": texts.MISREAD_BUTTON, "action": Verb.MISREAD, "case_id": case_id}],
    ]


def confirm_close_buttons(case_id: int) -> list[list[dict[str, str | int]]]:
    """The one button that closes the case after the employee was asked once more."""
    return [[{"title": texts.CLOSE_SURE_BUTTON, "action": Verb.CLOSE, "case_id": case_id}]]


def tell_employee(
    session: AsyncSession,
    employee: Employee,
    text: str,
    *,
    case_id: int | None = None,
    buttons: list[list[dict[str, str | int]]] | None = None,
    html: bool = False,
) -> None:
    """Queues a message to the employee's Telegram; an employee without it works in the desk."""
    if employee.telegram_user_id is None:
        return
    enqueue(
        session,
        Channel.TELEGRAM,
        str(employee.telegram_user_id),
        case_id=case_id,
        text=text,
        buttons=buttons,
        html=html,
    )


async def relay_to_owner(
    session: AsyncSession, case: Case, contact: Contact, message: Message
) -> None:
    """Passes a tenant's message during an open case on to the owner's Telegram."""
    owner = await session.get(Employee, case.owner_id)
    if owner is None or owner.telegram_user_id is None:
        return  # the owner works in the desk, where the transcript shows it
    tenant = html.escape(contact.display_name)
    if message.kind in ("text", "button"):
        text = texts.TENANT_WROTE.format(
            case_id=case.id, tenant=tenant, text=html.escape(message.text or "")
        )
        tell_employee(session, owner, text, case_id=case.id, html=True)
        return
    caption = texts.TENANT_SENT_FILE.format(
        case_id=case.id, tenant=tenant, kind=KIND_LABELS.get(message.kind, message.kind)
    )
    enqueue(
        session,
        Channel.TELEGRAM,
        str(owner.telegram_user_id),
        case_id=case.id,
        kind=message.kind,
        file_id=message.file_id,
        text=caption,
        html=True,
    )


async def notify_owner(
    session: AsyncSession, case: Case, contact: Contact, owner: Employee
) -> None:
    """Queues the new case's notification and transcript to the owner's Telegram."""
    if owner.telegram_user_id is None:
        return
    transcript = await transcript_text(session, case.id)
    inline = transcript
    if len(inline) > INLINE_TRANSCRIPT_CHARS:
        inline = "…" + inline[-INLINE_TRANSCRIPT_CHARS:].split("\n", 1)[-1]
    flags = texts.FLAGS.format(flags=", ".join(case.flags)) if case.flags else ""
    address = texts.address_line(case.details)
    language = (
        texts.LANGUAGE_LINE.format(language=texts.language_name(case.language))
        if case.language != DUTCH
        else ""
    )
    text = texts.NOTIFICATION.format(
        address=html.escape(texts.ADDRESS.format(address=address)) if address else "",
        earlier=html.escape(await _earlier_cases(session, case)),
        case_id=case.id,
        topic=html.escape(texts.topic_label(case.topic)),
        tenant=html.escape(contact.display_name),
        confirmed=texts.CONFIRMED if case.summary_confirmed else texts.NOT_CONFIRMED,
        summary=html.escape(case.summary),
        flags=html.escape(flags),
        language=html.escape(language),
        reason=html.escape(case.routing_reason),
        transcript=html.escape(inline),
    )
    tell_employee(session, owner, text, case_id=case.id, html=True, buttons=case_buttons(case.id))
    enqueue(
        session,
        Channel.TELEGRAM,
        str(owner.telegram_user_id),
        case_id=case.id,
        kind="document",
        text=texts.TRANSCRIPT_CAPTION.format(case_id=case.id),
        document_name=f"zaak-{case.id}.txt",
        document_body=texts.TRANSCRIPT_DOCUMENT.format(
            case_id=case.id,
            tenant=contact.display_name,
            topic=texts.topic_label(case.topic),
            confirmed=texts.CONFIRMED if case.summary_confirmed else texts.NOT_CONFIRMED,
            summary=case.summary,
            transcript=transcript,
        ),
    )


async def _earlier_cases(session: AsyncSession, case: Case, limit: int = 5) -> str:
    """A line for each of the tenant's earlier cases, newest first."""
    rows = (
        await session.execute(
            select(Case, Employee.name)
            .join(Employee, Case.owner_id == Employee.id)
            .where(Case.contact_id == case.contact_id, Case.id != case.id)
            .order_by(Case.opened_at.desc())
            .limit(limit)
        )
    ).all()
    if not rows:
        return ""
    lines = "\n".join(
        texts.EARLIER_CASE.format(
            case_id=earlier.id,
            date=f"{earlier.opened_at:%d-%m-%Y}",
            topic=texts.topic_label(earlier.topic),
            status=texts.CASE_STATUS[earlier.status],
            owner=owner,
        )
        for earlier, owner in rows
    )
    return texts.EARLIER_CASES.format(cases=lines)


def remind_owner(
    session: AsyncSession, case: Case, contact: Contact, owner: Employee, now: datetime
) -> None:
    """Reminds the owner that the case waits for them, with the case's buttons."""
    text = texts.REMINDER.format(
        case_id=case.id,
        topic=texts.topic_label(case.topic),
        tenant=contact.display_name,
        promise=promise(case.answer_by or now, now),
    )
    tell_employee(session, owner, text, case_id=case.id, buttons=case_buttons(case.id))


async def status_text(session: AsyncSession, case: Case | None, contact_id: int) -> str:
    """Tells the tenant who has their question and whether that person took it up yet, and
    how their latest repair request is doing when the back office holds one."""
    told = await _case_status(session, case, contact_id)
    repair = await session.scalar(
        select(BackOfficeJob)
        .where(
            BackOfficeJob.contact_id == contact_id,
            BackOfficeJob.kind == JobKind.REPAIR,
            BackOfficeJob.external_id.is_not(None),
        )
        .order_by(BackOfficeJob.id.desc())
        .limit(1)
    )
    if repair is None:
        return told
    return told + "\n" + texts.repair_status(repair.external_code, repair.external_status)


async def _case_status(session: AsyncSession, case: Case | None, contact_id: int) -> str:
    """Who has the open case, in its language (a tenant who wrote another one hears theirs);
    without one, that there is none, in the language of their latest case."""
    if case is None:
        language = await latest_language(session, contact_id) or DUTCH
        return texts.to_tenant(language, "status_no_case", texts.STATUS_NO_CASE)
    owner = await session.get(Employee, case.owner_id)
    assert owner is not None, "a case always has an owner"
    if case.claimed_at:
        told = texts.to_tenant(case.language, "status_claimed", texts.STATUS_CLAIMED)
        return told.format(case_id=case.id, employee=owner.name)
    now = utcnow()
    if case.answer_by is None or case.answer_by <= now:
        told = texts.to_tenant(case.language, "status_late", texts.STATUS_LATE)
        return told.format(case_id=case.id, employee=owner.name)
    return texts.status_waiting(case.language, case.id, owner.name, case.answer_by, now)
