"""Cases: opened for a named owner, answered, claimed and closed; every change queues its messages.

Employees act on a case from Telegram or the desk through these same functions.
"""

import html
import uuid
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.domain.directory import Directory, Team
from handoff.domain.directory import Employee as DirectoryEmployee
from handoff.domain.handoff_request import HandoffRequest
from handoff.domain.presence import promise
from handoff.domain.routing import Presence, RoutingRequest, pick_member, route, team_of
from handoff.domain.transcript import KIND_LABELS, TranscriptLine, render
from handoff.services.feedback import heard_buttons
from handoff.services.outbox import enqueue
from handoff.storage.tables import Case, Contact, Employee, Message, OutboxMessage, utcnow

INLINE_TRANSCRIPT_CHARS = 2500


class Outcome(Enum):
    """How an employee's action on a case went."""

    DONE = "done"
    NOT_FOUND = "not_found"
    NOT_OPEN = "not_open"
    NOT_OWNER = "not_owner"
    ALREADY_CLAIMED = "already_claimed"
    UNKNOWN_TARGET = "unknown_target"
    NOTE_NEEDED = "note_needed"
    CONFIRM_NEEDED = "confirm_needed"


async def open_case(
    session: AsyncSession,
    directory: Directory,
    contact: Contact,
    request: HandoffRequest,
    returning_days: int = 30,
) -> Case:
    """Opens a case for the tenant's need, gives it a named owner and tells both of them.

    The tenant hears the owner's name and by when they will have an answer.

    A tenant whose case is open, or was closed less than `returning_days` ago, goes back to
    that case's owner (unless it is an emergency or they ask for someone else).
    """
    now = utcnow()
    counts = await open_counts(session)
    decision = route(
        directory,
        RoutingRequest(
            request.topic,
            request.postcode,
            request.requested_employee,
            previous_owner=await _recent_owner(session, contact.id, returning_days),
        ),
        counts,
        Presence(now, away=await away_names(session)),
    )
    owner = await _employee_named(session, decision.employee.name)
    assert owner is not None, "sync_directory puts every directory employee in the database"
    case = Case(
        contact_id=contact.id,
        owner_id=owner.id,
        topic=request.topic,
        summary=request.summary,
        summary_confirmed=request.summary_confirmed,
        flags=list(request.flags),
        details=request.details(),
        routing_reason=decision.reason,
        assigned_at=now,
        answer_by=decision.answer_by,
    )
    session.add(case)
    await session.flush()
    # The conversation so far belongs to this case: the owner gets all of it.
    await session.execute(
        update(Message)
        .where(Message.contact_id == contact.id, Message.case_id.is_(None))
        .values(case_id=case.id)
    )
    tenant_text = texts.HANDED_OVER.format(
        employee=owner.name, team=decision.team.name, promise=promise(decision.answer_by, now)
    )
    if decision.returning:
        tenant_text = texts.RETURNING.format(employee=owner.name) + " " + tenant_text
    if decision.replaces:
        tenant_text = (
            texts.SUCCESSOR.format(former=decision.replaces, employee=owner.name)
            + " "
            + tenant_text
        )
    await say_to_tenant(session, contact, tenant_text, case_id=case.id)
    await _notify_owner(session, case, contact, owner)
    return case


async def _recent_owner(session: AsyncSession, contact_id: int, days: int) -> str | None:
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
) -> None:
    """Queues a message (or a file with its caption) to the tenant and keeps it in the
    transcript."""
    session.add(
        Message(
            contact_id=contact.id,
            case_id=case_id,
            sender=sender,
            employee_id=employee_id,
            text=text,
            kind=kind,
            file_id=file_id,
        )
    )
    enqueue(
        session,
        contact.channel,
        contact.external_id,
        contact_id=contact.id,
        case_id=case_id,
        text=text,
        buttons=buttons,
        kind=kind,
        file_id=file_id,
    )


async def relay_to_owner(
    session: AsyncSession, case: Case, contact: Contact, message: Message
) -> None:
    """Passes a tenant's message during an open case on to the owner's Telegram."""
    owner = await session.get(Employee, case.owner_id)
    if owner is None or owner.telegram_user_id is None:
        return  # the owner works in the desk, where the transcript shows it
    chat_id = str(owner.telegram_user_id)
    tenant = html.escape(contact.display_name)
    if message.kind in ("text", "button"):
        text = texts.TENANT_WROTE.format(
            case_id=case.id, tenant=tenant, text=html.escape(message.text or "")
        )
        enqueue(session, "telegram", chat_id, case_id=case.id, text=text, html=True)
    else:
        caption = texts.TENANT_SENT_FILE.format(
            case_id=case.id, tenant=tenant, kind=KIND_LABELS.get(message.kind, message.kind)
        )
        enqueue(
            session,
            "telegram",
            chat_id,
            case_id=case.id,
            kind=message.kind,
            file_id=message.file_id,
            text=caption,
            html=True,
        )


async def _notify_owner(
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
    address = " ".join(case.details.get(key, "") for key in ("postcode", "house_number")).strip()
    text = texts.NOTIFICATION.format(
        address=html.escape(texts.ADDRESS.format(address=address)) if address else "",
        earlier=html.escape(await _earlier_cases(session, case)),
        case_id=case.id,
        topic=html.escape(texts.TOPIC_LABELS.get(case.topic, case.topic)),
        tenant=html.escape(contact.display_name),
        confirmed=texts.CONFIRMED if case.summary_confirmed else texts.NOT_CONFIRMED,
        summary=html.escape(case.summary),
        flags=html.escape(flags),
        reason=html.escape(case.routing_reason),
        transcript=html.escape(inline),
    )
    chat_id = str(owner.telegram_user_id)
    enqueue(
        session,
        "telegram",
        chat_id,
        case_id=case.id,
        text=text,
        html=True,
        buttons=case_buttons(case.id),
    )
    enqueue(
        session,
        "telegram",
        chat_id,
        case_id=case.id,
        kind="document",
        text=texts.TRANSCRIPT_CAPTION.format(case_id=case.id),
        document_name=f"zaak-{case.id}.txt",
        document_body=_transcript_document(case, contact, transcript),
    )


def case_buttons(case_id: int) -> list[list[dict[str, str]]]:
    """The buttons under a case's notification: take it, pass it on, close it; and tell the
    admins the bot misunderstood the tenant."""
    return [
        [
            {"title": texts.CLAIM_BUTTON, "payload": f"claim:{case_id}"},
            {"title": texts.TRANSFER_BUTTON, "payload": f"transfer:{case_id}"},
            {"title": texts.CLOSE_BUTTON, "payload": f"close:{case_id}"},
        ],
        [{"title": texts.MISREAD_BUTTON, "payload": f"misread:{case_id}"}],
    ]


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
            topic=texts.TOPIC_LABELS.get(earlier.topic, earlier.topic),
            status="open" if earlier.status == "open" else "afgesloten",
            owner=owner,
        )
        for earlier, owner in rows
    )
    return texts.EARLIER_CASES.format(cases=lines)


def _transcript_document(case: Case, contact: Contact, transcript: str) -> str:
    confirmed = texts.CONFIRMED if case.summary_confirmed else texts.NOT_CONFIRMED
    return (
        f"Zaak {case.id}\nHuurder: {contact.display_name}\n"
        f"Onderwerp: {texts.TOPIC_LABELS.get(case.topic, case.topic)}\n"
        f"Samenvatting ({confirmed}): {case.summary}\n\n{transcript}\n"
    )


async def transcript_lines(session: AsyncSession, case_id: int) -> list[TranscriptLine]:
    """Returns the case's conversation in order."""
    rows = (
        await session.execute(
            select(Message, Employee.name)
            .outerjoin(Employee, Employee.id == Message.employee_id)
            .where(Message.case_id == case_id)
            .order_by(Message.id)
        )
    ).all()
    return [
        TranscriptLine(m.created_at, m.sender, m.kind, m.text, author=name) for m, name in rows
    ]


async def transcript_text(session: AsyncSession, case_id: int) -> str:
    """Returns the case's conversation as plain text."""
    return render(await transcript_lines(session, case_id))


async def open_case_of(session: AsyncSession, contact_id: int) -> Case | None:
    """Returns the tenant's open case, if they have one."""
    return await session.scalar(
        select(Case).where(Case.contact_id == contact_id, Case.status == "open")
    )


async def status_text(session: AsyncSession, case: Case | None) -> str:
    """Tells the tenant who has their question and whether that person took it up yet."""
    if case is None:
        return texts.STATUS_NO_CASE
    owner = await session.get(Employee, case.owner_id)
    if case.claimed_at:
        return texts.STATUS_CLAIMED.format(case_id=case.id, employee=owner.name)
    now = utcnow()
    if case.answer_by is None or case.answer_by <= now:
        return texts.STATUS_LATE.format(case_id=case.id, employee=owner.name)
    return texts.STATUS_WAITING.format(
        case_id=case.id, employee=owner.name, promise=promise(case.answer_by, now)
    )


async def case_for_reply(session: AsyncSession, chat_id: str, message_id: str) -> int | None:
    """Finds the case a Telegram message (that an employee replies to) belongs to."""
    return await session.scalar(
        select(OutboxMessage.case_id).where(
            OutboxMessage.channel == "telegram",
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.external_message_id == message_id,
        )
    )


async def claim(session: AsyncSession, case_id: int, employee_id: int) -> Outcome:
    """Lets the owner take the case: one conditional UPDATE, so a double click claims once."""
    result = await session.execute(
        update(Case)
        .where(
            Case.id == case_id,
            Case.owner_id == employee_id,
            Case.status == "open",
            Case.claimed_at.is_(None),
        )
        .values(claimed_at=utcnow())
    )
    if result.rowcount != 1:
        return await _why_not(session, case_id, employee_id) or Outcome.ALREADY_CLAIMED
    case, contact, owner = await _parties(session, case_id, refresh=True)
    await say_to_tenant(
        session, contact, texts.CLAIMED.format(employee=owner.name), case_id=case_id
    )
    return Outcome.DONE


async def reply(
    session: AsyncSession,
    case_id: int,
    employee_id: int,
    text: str | None,
    *,
    kind: str = "text",
    file_id: str | None = None,
) -> Outcome:
    """Sends the owner's answer (a text, or a photo or document with its caption) to the
    tenant, and keeps it with the case; answering counts as taking the case."""
    refusal = await _why_not(session, case_id, employee_id)
    if refusal:
        return refusal
    case, contact, owner = await _parties(session, case_id)
    case.claimed_at = case.claimed_at or utcnow()
    case.first_answer_at = case.first_answer_at or utcnow()
    said = texts.EMPLOYEE_SAYS.format(employee=owner.name, text=text) if text else owner.name
    if kind != "text" and contact.channel != "telegram":
        # A Telegram file cannot be shown in the web chat: say so honestly.
        label = KIND_LABELS.get(kind, kind).strip("[]")
        said = texts.EMPLOYEE_SENT_FILE_ELSEWHERE.format(employee=owner.name, kind=label)
        kind, file_id = "text", None
    await say_to_tenant(
        session,
        contact,
        said,
        case_id=case.id,
        sender="employee",
        employee_id=employee_id,
        kind=kind,
        file_id=file_id,
    )
    return Outcome.DONE


async def close(
    session: AsyncSession, case_id: int, employee_id: int, message: str | None = None
) -> Outcome:
    """Closes the case; the tenant hears so and talks to a fresh assistant again."""
    refusal = await _why_not(session, case_id, employee_id)
    if refusal:
        return refusal
    case, contact, owner = await _parties(session, case_id)
    if message:
        await reply(session, case_id, employee_id, message)
    case.status, case.closed_at = "closed", utcnow()
    await say_to_tenant(
        session, contact, texts.CASE_CLOSED.format(employee=owner.name), case_id=case.id
    )
    await say_to_tenant(
        session, contact, texts.FEEDBACK_HEARD, case_id=case.id, buttons=heard_buttons(case.id)
    )
    # A new Rasa conversation: the tenant starts with the assistant, not mid-handoff.
    contact.rasa_sender_id = uuid.uuid4().hex
    return Outcome.DONE


async def transfer(
    session: AsyncSession,
    directory: Directory,
    case_id: int,
    employee_id: int,
    target: DirectoryEmployee | Team | None,
    note: str,
    sure: bool = False,
) -> Outcome:
    """Passes the case to a colleague or team, with a note; the tenant hears who and why.

    Every transfer is counted; from the second one on the employee must say they are sure,
    because each one makes the tenant get used to someone new.
    """
    refusal = await _why_not(session, case_id, employee_id)
    if refusal:
        return refusal
    if target is None:
        return Outcome.UNKNOWN_TARGET
    note = note.strip()
    if not note:
        return Outcome.NOTE_NEEDED
    case, contact, owner = await _parties(session, case_id)
    if case.transfers >= 1 and not sure:
        return Outcome.CONFIRM_NEEDED
    presence = Presence(utcnow(), away=await away_names(session))
    if isinstance(target, Team):
        members = [e for e in directory.members(target.key) if e.name != owner.name]
        if not members:
            return Outcome.UNKNOWN_TARGET
        chosen = pick_member(directory, target, members, await open_counts(session), presence)
        team = target
    else:
        chosen, team = target, directory.team(target.teams[0])
    new_owner = await _employee_named(session, chosen.name)
    if new_owner is None or new_owner.id == owner.id:
        return Outcome.UNKNOWN_TARGET
    add_note(
        session, case, owner.id, texts.TRANSFER_NOTE.format(employee=new_owner.name, note=note)
    )
    answer_by = presence.answer_by(directory, chosen)
    told = texts.TRANSFERRED.format(
        employee=new_owner.name,
        team=team.name,
        reason=note,
        promise=promise(answer_by, presence.now),
    )
    reason = f"doorgezet door {owner.name}: {note}"
    await _hand_to(session, case, contact, new_owner, presence.now, answer_by, reason, told)
    return Outcome.DONE


def add_note(session: AsyncSession, case: Case, employee_id: int, text: str) -> None:
    """Keeps a note for colleagues with the case; the tenant never sees it."""
    session.add(
        Message(
            contact_id=case.contact_id,
            case_id=case.id,
            sender="note",
            employee_id=employee_id,
            text=text,
        )
    )


async def remind(session: AsyncSession, case_id: int, now: datetime) -> None:
    """Reminds the owner of a case they have not taken up yet (once per owner)."""
    case, contact, owner = await _parties(session, case_id)
    case.reminded_at = now
    if owner.telegram_user_id is None:
        return  # the desk shows the case as waiting
    text = texts.REMINDER.format(
        case_id=case.id,
        topic=texts.TOPIC_LABELS.get(case.topic, case.topic),
        tenant=contact.display_name,
        promise=promise(case.answer_by or now, now),
    )
    enqueue(
        session,
        "telegram",
        str(owner.telegram_user_id),
        case_id=case.id,
        text=text,
        buttons=case_buttons(case.id),
    )


async def reassign(
    session: AsyncSession, directory: Directory, case_id: int, chosen: str, presence: Presence
) -> bool:
    """Gives a case its owner did not take up to `chosen`; the tenant hears the new name.

    One conditional UPDATE: if the owner takes the case at the same moment, they keep it.
    """
    case, contact, owner = await _parties(session, case_id)
    person = directory.employee(chosen)
    new_owner = await _employee_named(session, chosen)
    assert person is not None and new_owner is not None
    answer_by = presence.answer_by(directory, person)
    result = await session.execute(
        update(Case)
        .where(
            Case.id == case_id,
            Case.owner_id == owner.id,
            Case.status == "open",
            Case.claimed_at.is_(None),
        )
        .values(owner_id=new_owner.id)
    )
    if result.rowcount != 1:
        return False
    await session.refresh(case)
    if owner.telegram_user_id is not None:
        enqueue(
            session,
            "telegram",
            str(owner.telegram_user_id),
            case_id=case.id,
            text=texts.TAKEN_OVER.format(case_id=case.id, employee=new_owner.name),
        )
    told = texts.REASSIGNED.format(
        former=owner.name,
        employee=new_owner.name,
        team=team_of(directory, person, case.topic).name,
        promise=promise(answer_by, presence.now),
    )
    reason = f"overgenomen van {owner.name}"
    await _hand_to(session, case, contact, new_owner, presence.now, answer_by, reason, told)
    return True


async def _hand_to(
    session: AsyncSession,
    case: Case,
    contact: Contact,
    owner: Employee,
    now: datetime,
    answer_by: datetime,
    reason: str,
    told: str,
) -> None:
    """Gives the case to a new owner, who has yet to take it: the clock starts again, the
    tenant is told `told`, and the new owner gets the whole notification.

    Every change of owner counts, whoever made it: the tenant had to wait for someone new.
    """
    case.owner_id, case.claimed_at, case.reminded_at = owner.id, None, None
    case.assigned_at, case.answer_by, case.routing_reason = now, answer_by, reason
    case.transfers += 1
    await say_to_tenant(session, contact, told, case_id=case.id)
    await _notify_owner(session, case, contact, owner)


async def _employee_named(session: AsyncSession, name: str) -> Employee | None:
    return await session.scalar(select(Employee).where(Employee.name == name))


async def away_names(session: AsyncSession) -> set[str]:
    return set(await session.scalars(select(Employee.name).where(Employee.away)))


async def open_counts(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(
        select(Employee.name, func.count(Case.id))
        .join(Case, Case.owner_id == Employee.id)
        .where(Case.status == "open")
        .group_by(Employee.name)
    )
    return dict(rows.all())


async def _parties(
    session: AsyncSession, case_id: int, refresh: bool = False
) -> tuple[Case, Contact, Employee]:
    """Loads the case with its tenant and its owner."""
    case = await session.get(Case, case_id, populate_existing=refresh)
    assert case is not None
    contact = await session.get(Contact, case.contact_id)
    owner = await session.get(Employee, case.owner_id)
    assert contact is not None and owner is not None
    return case, contact, owner


async def may_act(session: AsyncSession, case_id: int, employee_id: int) -> Outcome:
    """Tells whether this employee may act on this case (DONE) or why not."""
    return await _why_not(session, case_id, employee_id) or Outcome.DONE


async def _why_not(session: AsyncSession, case_id: int, employee_id: int) -> Outcome | None:
    """Returns why this employee cannot act on this case, or None when they can."""
    case = await session.get(Case, case_id)
    if case is None:
        return Outcome.NOT_FOUND
    if case.status != "open":
        return Outcome.NOT_OPEN
    if case.owner_id != employee_id:
        return Outcome.NOT_OWNER
    return None


async def owner_of(session: AsyncSession, case_id: int) -> Employee:
    """Returns the case's owner."""
    owner = await session.scalar(
        select(Employee).join(Case, Case.owner_id == Employee.id).where(Case.id == case_id)
    )
    assert owner is not None
    return owner


async def open_cases_owned(session: AsyncSession, employee_id: int) -> list[Case]:
    """Returns the employee's open cases, oldest first."""
    return list(
        await session.scalars(
            select(Case)
            .where(Case.owner_id == employee_id, Case.status == "open")
            .order_by(Case.id)
        )
    )
