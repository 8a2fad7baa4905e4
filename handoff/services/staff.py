"""Employees' messages from Telegram: replies to a case, the case buttons, and the commands
/afsluiten, /doorzetten, /zaken, /afwezig and /beschikbaar.

Each update is handled in one transaction with its answer, exactly once (a replay changes
nothing). Case actions go through the one dispatcher (cases/actions.py), as on the desk.
"""

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases import actions, notices, queries
from handoff.domain.case_actions import CaseAction, Outcome, Result, Verb
from handoff.domain.directory import Directory
from handoff.domain.routing import find_target
from handoff.domain.staff import EmployeeRef
from handoff.services.intake import InboundMessage, claim_unprocessed
from handoff.storage.outbox import enqueue
from handoff.storage.tables import Employee, utcnow
from handoff.storage.unit_of_work import UnitOfWork

# What an employee can send a tenant by replying: the same kinds tenants can send them.
PASSED_ON = {"photo", "document", "video", "voice"}


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
    verb: Verb,
    case_id: int,
) -> str:
    """Acts on a case's button; returns the short answer shown on the button.

    Closing asks once more, since the tenant is told at once. Transferring needs a colleague
    and a note, so the button explains the command that gives both.
    """
    async with uow() as session:
        inbound = await claim_unprocessed(session, message.channel, message.update_id)
        if inbound is None:
            result = Result(verb, Outcome.HANDLED_BEFORE, case_id)
        else:
            inbound.processed_at = utcnow()
            result = await actions.perform(session, directory, employee, CaseAction(verb, case_id))
            if result.done and verb in (Verb.ASK_TRANSFER, Verb.ASK_CLOSE):
                follow_up = texts.TRANSFER_WHO if verb is Verb.ASK_TRANSFER else texts.CLOSE_SURE
                buttons = (
                    notices.confirm_close_buttons(case_id) if verb is Verb.ASK_CLOSE else None
                )
                enqueue(
                    session,
                    message.channel,
                    message.chat_id,
                    case_id=case_id,
                    text=follow_up.format(case_id=case_id),
                    buttons=buttons,
                )
    return texts.case_answer(result) or ""


async def _act(
    session: AsyncSession, directory: Directory, employee: EmployeeRef, message: InboundMessage
) -> str | None:
    replied_case = None
    if message.reply_to_message_id:
        replied_case = await queries.case_for_reply(
            session, message.chat_id, message.reply_to_message_id
        )
    command = message.command
    if command is not None and command.name in ("afsluiten", "doorzetten", "doorzetten!"):
        number, rest = command.number_and_rest()
        case_id = number or replied_case or await _only_open_case(session, employee)
        if command.name == "afsluiten":
            action = CaseAction(Verb.CLOSE, case_id, text=rest or None)
        elif not rest:
            return texts.TRANSFER_HOW
        else:
            target, note = find_target(directory, rest)
            action = CaseAction(
                Verb.TRANSFER, case_id, text=note, target=target, sure=command.name.endswith("!")
            )
        if action.case_id is None and action.verb is Verb.TRANSFER:
            return texts.TRANSFER_HOW
        return texts.case_answer(await actions.perform(session, directory, employee, action))
    if command is not None and command.name == "zaken" and not command.arguments:
        return await _open_cases_text(session, employee)
    if command is not None and command.name in ("afwezig", "beschikbaar"):
        away = command.name == "afwezig"
        await session.execute(update(Employee).where(Employee.id == employee.id).values(away=away))
        return texts.AWAY_OK if away else texts.BACK_OK
    text = (message.text or "").strip()
    if replied_case is not None and message.kind == "text" and text:
        action = CaseAction(Verb.REPLY, replied_case, text=text)
    elif replied_case is not None and message.kind in PASSED_ON and message.file_id:
        action = CaseAction(
            Verb.REPLY, replied_case, text=message.text, kind=message.kind, file_id=message.file_id
        )
    else:
        return texts.EMPLOYEE_HELP.format(employee=employee.name)
    return texts.case_answer(await actions.perform(session, directory, employee, action))


async def _only_open_case(session: AsyncSession, employee: EmployeeRef) -> int | None:
    open_cases = await queries.open_cases_owned(session, employee.id)
    return open_cases[0].id if len(open_cases) == 1 else None


async def _open_cases_text(session: AsyncSession, employee: EmployeeRef) -> str:
    open_cases = await queries.open_cases_owned(session, employee.id)
    if not open_cases:
        return texts.NO_OPEN_CASES
    lines = "\n".join(
        texts.OPEN_CASE_LINE.format(
            case_id=case.id, topic=texts.topic_label(case.topic), summary=case.summary
        )
        for case in open_cases
    )
    return texts.OPEN_CASES.format(cases=lines)
