"""The one dispatcher for employees' actions on a case: Telegram's buttons and commands and
the desk's forms all come here, inside the caller's transaction, and get a `Result` back."""

from sqlalchemy.ext.asyncio import AsyncSession

from handoff.cases import lifecycle
from handoff.cases.visibility import may_see
from handoff.domain.case_actions import CaseAction, Outcome, Result, Verb
from handoff.domain.directory import Directory
from handoff.domain.staff import EmployeeRef
from handoff.nlu import inbox
from handoff.storage.tables import Case


async def perform(
    session: AsyncSession, directory: Directory, employee: EmployeeRef, action: CaseAction
) -> Result:
    """Carries out the action as this employee; refusals say why, with the facts needed."""
    case_id = action.case_id
    if case_id is None:
        return Result(action.verb, Outcome.WHICH_CASE)
    match action.verb:
        case Verb.CLAIM:
            return await lifecycle.claim(session, case_id, employee.id)
        case Verb.REPLY:
            return await lifecycle.reply(
                session,
                case_id,
                employee.id,
                action.text,
                kind=action.kind,
                file_id=action.file_id,
            )
        case Verb.CLOSE:
            return await lifecycle.close(session, case_id, employee.id, action.text or None)
        case Verb.TRANSFER:
            return await lifecycle.transfer(
                session,
                directory,
                case_id,
                employee.id,
                action.target,
                action.text or "",
                sure=action.sure,
            )
        case Verb.ASK_TRANSFER | Verb.ASK_CLOSE:
            refused = await lifecycle.refusal(session, action.verb, case_id, employee.id)
            return refused or Result(action.verb, Outcome.DONE, case_id)
    if action.verb is Verb.NOTE:  # the owner's, on an open case (security review #17)
        refused = await lifecycle.refusal(session, action.verb, case_id, employee.id)
        if refused is not None:
            return refused
        case = await session.get(Case, case_id)
        assert case is not None, "refusal() found it"
        lifecycle.add_note(session, case, employee.id, action.text or "")
        return Result(action.verb, Outcome.DONE, case_id)
    # "The bot misread this" is for whoever may see the case; Telegram's callback data is the
    # client's, so an id the employee may not see is answered as unknown (security review #19).
    case = await session.get(Case, case_id)
    if case is None or not await may_see(session, directory, employee, case):
        return Result(action.verb, Outcome.NOT_FOUND, case_id)
    await inbox.case_messages(session, directory, case_id, inbox.EMPLOYEE_MARKED)
    return Result(action.verb, Outcome.DONE, case_id)
