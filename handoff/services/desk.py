"""The desk's actions on a case: the same dispatcher as Telegram, for whoever may see it."""

from handoff.cases import actions
from handoff.cases.visibility import may_see
from handoff.domain.case_actions import CaseAction, Result
from handoff.domain.directory import Directory
from handoff.domain.staff import EmployeeRef
from handoff.storage.tables import Case
from handoff.storage.unit_of_work import UnitOfWork


async def act(
    uow: UnitOfWork, directory: Directory, user: EmployeeRef, action: CaseAction
) -> Result | None:
    """Carries out the action in one transaction; None when the case is not theirs to see."""
    assert action.case_id is not None, "the desk acts on the case whose page it is"
    async with uow() as session:
        case = await session.get(Case, action.case_id)
        if case is None or not await may_see(session, directory, user, case):
            return None
        return await actions.perform(session, directory, user, action)
