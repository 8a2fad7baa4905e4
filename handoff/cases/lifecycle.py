"""A case's life: opened for a named owner, claimed, answered, passed on and closed.

Each function changes the case inside the caller's transaction and queues what the people
involved are told (cases/notices.py); employees' actions return a `Result` the adapters render.
"""

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases import backoffice, notices
from handoff.cases.queries import (
    away_names,
    employee_named,
    open_counts,
    parties,
    recent_owner,
)
from handoff.domain.case_actions import Outcome, Result, Verb
from handoff.domain.directory import Directory, Team
from handoff.domain.directory import Employee as Person
from handoff.domain.handoff_request import DUTCH, HandoffRequest
from handoff.domain.routing import (
    Presence,
    RoutingDecision,
    RoutingRequest,
    pick_member,
    route,
    team_of,
)
from handoff.domain.text_rules import shorten
from handoff.storage import sender_ids
from handoff.storage.tables import REASON_LENGTH, Case, Contact, Employee, Message, utcnow
from handoff.texts import promise


async def open_case(
    session: AsyncSession,
    directory: Directory,
    contact: Contact,
    request: HandoffRequest,
    returning_days: int = 30,
    *,
    back_office: bool = False,
) -> Case:
    """Opens a case for the tenant's need, gives it a named owner and tells both of them.

    The tenant hears the owner's name and by when they will have an answer.

    A tenant whose case is open, or was closed less than `returning_days` ago, goes back to
    that case's owner (unless it is an emergency or they ask for someone else).

    With a `back_office`, the conversation is logged there too, and a confirmed repair becomes
    a repair request (cases/backoffice.py).
    """
    now = utcnow()
    counts = await open_counts(session)
    decision = route(
        directory,
        RoutingRequest(
            request.topic,
            request.postcode,
            request.requested_employee,
            previous_owner=await recent_owner(session, contact.id, returning_days),
        ),
        counts,
        Presence(now, away=await away_names(session)),
    )
    owner = await employee_named(session, decision.employee.name)
    assert owner is not None, "sync_directory puts every directory employee in the database"
    case = Case(
        contact_id=contact.id,
        owner_id=owner.id,
        topic=request.topic,
        summary=request.summary,
        summary_confirmed=request.summary_confirmed,
        flags=list(request.flags),
        details=request.details(),
        routing_reason=texts.routing_reason(decision),
        assigned_at=now,
        answer_by=decision.answer_by,
        language=request.language,
    )
    session.add(case)
    await session.flush()
    # The conversation so far belongs to this case: the owner gets all of it.
    await session.execute(
        update(Message)
        .where(Message.contact_id == contact.id, Message.case_id.is_(None))
        .values(case_id=case.id)
    )
    await notices.say_to_tenant(
        session, contact, _handed_over(request, decision, owner.name, now), case_id=case.id
    )
    await notices.notify_owner(session, case, contact, owner)
    if back_office:
        backoffice.queue_case(session, case)
    return case


def _handed_over(
    request: HandoffRequest, decision: RoutingDecision, owner: str, now: datetime
) -> str:
    """Who helps the tenant, and by when; why them, when they had them before or took over."""
    if request.language != DUTCH:  # in the tenant's language: they could not read the rest
        return texts.handed_over_in(request.language, owner, decision.answer_by)
    told = texts.HANDED_OVER.format(
        employee=owner, team=decision.team.name, promise=promise(decision.answer_by, now)
    )
    if decision.returning:
        told = texts.RETURNING.format(employee=owner) + " " + told
    if decision.replaces:
        told = texts.SUCCESSOR.format(former=decision.replaces, employee=owner) + " " + told
    return told


async def refusal(
    session: AsyncSession, verb: Verb, case_id: int, employee_id: int
) -> Result | None:
    """Why this employee cannot act on this case (with the facts the answer needs), or None
    when they can."""
    case = await session.get(Case, case_id)
    if case is None:
        return Result(verb, Outcome.NOT_FOUND, case_id)
    if case.status != "open":
        return Result(verb, Outcome.NOT_OPEN, case_id)
    if case.owner_id != employee_id:
        owner = await session.get(Employee, case.owner_id)
        return Result(verb, Outcome.NOT_OWNER, case_id, owner.name if owner else None)
    return None


async def claim(session: AsyncSession, case_id: int, employee_id: int) -> Result:
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
    if result.rowcount != 1:  # type: ignore[attr-defined]  # an UPDATE's result has rowcount
        refused = await refusal(session, Verb.CLAIM, case_id, employee_id)
        return refused or Result(Verb.CLAIM, Outcome.ALREADY_CLAIMED, case_id)
    case, contact, owner = await parties(session, case_id, refresh=True)
    await notices.claimed(session, case, contact, owner)
    return Result(Verb.CLAIM, Outcome.DONE, case_id, owner.name)


async def reply(
    session: AsyncSession,
    case_id: int,
    employee_id: int,
    text: str | None,
    *,
    kind: str = "text",
    file_id: str | None = None,
) -> Result:
    """Sends the owner's answer (a text, or a photo or document with its caption) to the
    tenant, and keeps it with the case; answering counts as taking the case."""
    if refused := await refusal(session, Verb.REPLY, case_id, employee_id):
        return refused
    case, contact, owner = await parties(session, case_id)
    case.claimed_at = case.claimed_at or utcnow()
    case.first_answer_at = case.first_answer_at or utcnow()
    await notices.owner_answered(session, case, contact, owner, text, kind, file_id)
    return Result(Verb.REPLY, Outcome.DONE, case_id, owner.name)


async def close(
    session: AsyncSession, case_id: int, employee_id: int, message: str | None = None
) -> Result:
    """Closes the case; the tenant hears so and talks to a fresh assistant again."""
    if refused := await refusal(session, Verb.CLOSE, case_id, employee_id):
        return refused
    case, contact, owner = await parties(session, case_id)
    if message:
        await reply(session, case_id, employee_id, message)
    case.status, case.closed_at = "closed", utcnow()
    await notices.closed(session, case, contact, owner)
    # A new Rasa conversation: the tenant starts with the assistant, not mid-handoff.
    sender_ids.renew(session, contact)
    return Result(Verb.CLOSE, Outcome.DONE, case_id, owner.name)


async def transfer(
    session: AsyncSession,
    directory: Directory,
    case_id: int,
    employee_id: int,
    target: Person | Team | None,
    note: str,
    sure: bool = False,
) -> Result:
    """Passes the case to a colleague or team, with a note; the tenant hears who and why.

    Every transfer is counted; from the second one on the employee must say they are sure,
    because each one makes the tenant get used to someone new.
    """
    if refused := await refusal(session, Verb.TRANSFER, case_id, employee_id):
        return refused
    if target is None:
        return Result(Verb.TRANSFER, Outcome.UNKNOWN_TARGET, case_id)
    note = note.strip()
    if not note:
        return Result(Verb.TRANSFER, Outcome.NOTE_NEEDED, case_id)
    case, contact, owner = await parties(session, case_id)
    if case.transfers >= 1 and not sure:
        return Result(Verb.TRANSFER, Outcome.CONFIRM_NEEDED, case_id, transfers=case.transfers)
    presence = Presence(utcnow(), away=await away_names(session))
    if isinstance(target, Team):
        members = [e for e in directory.members(target.key) if e.name != owner.name]
        if not members:
            return Result(Verb.TRANSFER, Outcome.UNKNOWN_TARGET, case_id)
        chosen = pick_member(directory, target, members, await open_counts(session), presence)
        team = target
    else:
        chosen, team = target, directory.team(target.teams[0])
    new_owner = await employee_named(session, chosen.name)
    if new_owner is None or new_owner.id == owner.id:
        return Result(Verb.TRANSFER, Outcome.UNKNOWN_TARGET, case_id)
    add_note(
        session, case, owner.id, texts.TRANSFER_NOTE.format(employee=new_owner.name, note=note)
    )
    answer_by = presence.answer_by(directory, chosen)
    told = texts.transferred(
        case.language, new_owner.name, team.name, note, answer_by, presence.now
    )
    # The note is kept whole above; the reason the owner's list shows is its start.
    reason = shorten(
        texts.REASON_TRANSFERRED.format(employee=owner.name, note=note), REASON_LENGTH
    )
    await _hand_to(session, case, contact, new_owner, presence.now, answer_by, reason, told)
    return Result(Verb.TRANSFER, Outcome.DONE, case_id, new_owner.name, case.transfers)


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
    case, contact, owner = await parties(session, case_id)
    case.reminded_at = now
    notices.remind_owner(session, case, contact, owner, now)  # the desk shows it as waiting


async def reassign(
    session: AsyncSession, directory: Directory, case_id: int, chosen: str, presence: Presence
) -> bool:
    """Gives a case its owner did not take up to `chosen`; the tenant hears the new name.

    One conditional UPDATE: if the owner takes the case at the same moment, they keep it.
    """
    case, contact, owner = await parties(session, case_id)
    person = directory.employee(chosen)
    new_owner = await employee_named(session, chosen)
    assert person is not None, "escalation chose from the directory"
    assert new_owner is not None, "escalation chose from the directory"
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
    if result.rowcount != 1:  # type: ignore[attr-defined]  # an UPDATE's result has rowcount
        return False
    await session.refresh(case)
    notices.tell_employee(
        session,
        owner,
        texts.TAKEN_OVER.format(case_id=case.id, employee=new_owner.name),
        case_id=case.id,
    )
    team = team_of(directory, person, case.topic).name
    told = texts.reassigned(
        case.language, owner.name, new_owner.name, team, answer_by, presence.now
    )
    reason = texts.REASON_TAKEN_OVER.format(employee=owner.name)
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
    await notices.say_to_tenant(session, contact, told, case_id=case.id)
    await notices.notify_owner(session, case, contact, owner)
