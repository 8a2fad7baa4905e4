"""Employees' messages from Telegram: replies to a case, and the commands /afsluiten, /zaken,
/doorzetten, /afwezig and /beschikbaar."""

import re

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases import lifecycle as cases
from handoff.cases.lifecycle import Outcome
from handoff.domain.directory import Directory
from handoff.domain.routing import find_target
from handoff.nlu import inbox as review
from handoff.services.employees import EmployeeRef
from handoff.services.intake import InboundMessage, claim_unprocessed
from handoff.services.outbox import enqueue
from handoff.storage.tables import Case, Employee, utcnow
from handoff.storage.unit_of_work import UnitOfWork

_CLOSE = re.compile(r"^/afsluiten(?:@\w+)?(?:\s+(\d+))?(?:\s+(.*))?$", re.DOTALL | re.IGNORECASE)
_LIST = re.compile(r"^/zaken(?:@\w+)?\s*$", re.IGNORECASE)
_TRANSFER = re.compile(
    r"^/doorzetten(!)?(?:@\w+)?(?:\s+(\d+))?(?:\s+(.*))?$", re.DOTALL | re.IGNORECASE
)
_AWAY = re.compile(r"^/afwezig(?:@\w+)?\s*$", re.IGNORECASE)
_BACK = re.compile(r"^/beschikbaar(?:@\w+)?\s*$", re.IGNORECASE)

# What an employee can send a tenant by replying: the same kinds tenants can send them.
PASSED_ON = {"photo", "document", "video", "voice"}

_REFUSALS = {
    Outcome.NOT_FOUND: texts.WHICH_CASE,
    Outcome.UNKNOWN_TARGET: texts.TRANSFER_HOW,
    Outcome.NOTE_NEEDED: texts.TRANSFER_NOTE_NEEDED,
    Outcome.NOT_OPEN: texts.CASE_NOT_OPEN,
    Outcome.ALREADY_CLAIMED: texts.CLAIM_TAKEN,
}


async def handle_message(
    uow: UnitOfWork, directory: Directory, employee: EmployeeRef, message: InboundMessage
) -> None:
    """Acts on an employee's message and answers them, in one transaction."""
    async with uow() as session:
        inbound = await claim_unprocessed(session, message.channel, message.update_id)
        if inbound is None:
            return
        answer = await _act(session, directory, employee, message)
        if answer:
            enqueue(session, message.channel, message.chat_id, text=answer)
        inbound.processed_at = utcnow()


async def handle_button(
    uow: UnitOfWork,
    directory: Directory,
    employee: EmployeeRef,
    message: InboundMessage,
    action: str,
    case_id: int,
) -> str:
    """Acts on a case's button (claim, transfer, close, close!, misread); returns the answer.

    Closing asks once more, since the tenant is told at once. Transferring needs a colleague
    and a note, so the button explains the command that gives both.
    """
    async with uow() as session:
        inbound = await claim_unprocessed(session, message.channel, message.update_id)
        if inbound is None:
            return texts.CLAIM_TAKEN.format(case_id=case_id)
        inbound.processed_at = utcnow()
        if action == "misread":
            await review.case_messages(session, directory, case_id, review.EMPLOYEE_MARKED)
            return texts.MISREAD_OK
        if action == "claim":
            outcome = await cases.claim(session, case_id, employee.id)
            done = texts.CLAIM_OK
        elif action == "close!":
            outcome = await cases.close(session, case_id, employee.id)
            done = texts.CLOSED_OK
        else:
            outcome = await cases.may_act(session, case_id, employee.id)
            follow_up = texts.TRANSFER_WHO if action == "transfer" else texts.CLOSE_SURE
            buttons = None
            if action == "close":
                buttons = [[{"title": texts.CLOSE_SURE_BUTTON, "payload": f"close!:{case_id}"}]]
            if outcome is Outcome.DONE:
                enqueue(
                    session,
                    message.channel,
                    message.chat_id,
                    case_id=case_id,
                    text=follow_up.format(case_id=case_id),
                    buttons=buttons,
                )
            done = texts.SEE_BELOW
        return await _answer(session, outcome, case_id) or done.format(case_id=case_id)


async def _act(
    session: AsyncSession, directory: Directory, employee: EmployeeRef, message: InboundMessage
) -> str | None:
    text = (message.text or "").strip()
    replied_case = None
    if message.reply_to_message_id:
        replied_case = await cases.case_for_reply(
            session, message.chat_id, message.reply_to_message_id
        )
    if match := _CLOSE.match(text):
        number, closing_words = match.groups()
        case_id = int(number) if number else replied_case
        if case_id is None:
            case_id = await _only_open_case(session, employee)
        if case_id is None:
            return texts.WHICH_CASE
        outcome = await cases.close(session, case_id, employee.id, closing_words)
        return await _answer(session, outcome, case_id) or texts.CLOSED_OK.format(case_id=case_id)
    if match := _TRANSFER.match(text):
        sure, number, rest = match.groups()
        case_id = int(number) if number else replied_case
        if case_id is None:
            case_id = await _only_open_case(session, employee)
        if case_id is None or not rest:
            return texts.TRANSFER_HOW
        target, note = find_target(directory, rest)
        outcome = await cases.transfer(
            session, directory, case_id, employee.id, target, note, sure=bool(sure)
        )
        return await _answer(session, outcome, case_id) or texts.TRANSFER_OK.format(
            case_id=case_id, employee=(await cases.owner_of(session, case_id)).name
        )
    if _LIST.match(text):
        return await _open_cases_text(session, employee)
    if _AWAY.match(text) or _BACK.match(text):
        away = bool(_AWAY.match(text))
        await session.execute(update(Employee).where(Employee.id == employee.id).values(away=away))
        return texts.AWAY_OK if away else texts.BACK_OK
    if replied_case is not None and message.kind == "text" and text:
        outcome = await cases.reply(session, replied_case, employee.id, text)
        return await _answer(session, outcome, replied_case)
    if replied_case is not None and message.kind in PASSED_ON and message.file_id:
        outcome = await cases.reply(
            session,
            replied_case,
            employee.id,
            message.text,
            kind=message.kind,
            file_id=message.file_id,
        )
        return await _answer(session, outcome, replied_case)
    return texts.EMPLOYEE_HELP.format(employee=employee.name)


async def _answer(session: AsyncSession, outcome: Outcome, case_id: int) -> str | None:
    """Turns a refusal into a message for the employee; None when it went fine."""
    if outcome is Outcome.DONE:
        return None
    if outcome is Outcome.NOT_OWNER:
        owner = await cases.owner_of(session, case_id)
        return texts.CLAIM_NOT_YOURS.format(case_id=case_id, owner=owner.name)
    if outcome is Outcome.CONFIRM_NEEDED:
        case = await session.get(Case, case_id)
        return texts.TRANSFER_CONFIRM.format(case_id=case_id, transfers=case.transfers)
    return _REFUSALS[outcome].format(case_id=case_id)


async def _only_open_case(session: AsyncSession, employee: EmployeeRef) -> int | None:
    open_cases = await cases.open_cases_owned(session, employee.id)
    return open_cases[0].id if len(open_cases) == 1 else None


async def _open_cases_text(session: AsyncSession, employee: EmployeeRef) -> str:
    open_cases = await cases.open_cases_owned(session, employee.id)
    if not open_cases:
        return texts.NO_OPEN_CASES
    lines = "\n".join(
        f"{case.id}: {texts.TOPIC_LABELS.get(case.topic, case.topic)} · {case.summary}"
        for case in open_cases
    )
    return texts.OPEN_CASES.format(cases=lines)
