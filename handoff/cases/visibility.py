"""Who may see a case: tenants' data stays need-to-know (security review #18, #19).

A case belongs to a team: the owner's team for the case's topic (`domain.routing.team_of`), the
one the routing chose. Its owner, that team, whoever answered the tenant on it before (an
earlier owner) and admins see it; sharing some other team with the owner is not enough, so a
payment-arrears case of an owner who also works in repairs stays out of the repairs team.
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.domain.directory import Directory
from handoff.domain.routing import team_of
from handoff.domain.staff import EmployeeRef
from handoff.storage.tables import Case, Employee, Message


def in_case_team(directory: Directory, employee: str, owner: str, topic: str) -> bool:
    """Whether the employee is in the case's team (the owner's team for its topic)."""
    person, owner_entry = directory.employee(employee), directory.employee(owner)
    if person is None or owner_entry is None:
        return False
    return team_of(directory, owner_entry, topic).key in person.teams


async def may_see(
    session: AsyncSession, directory: Directory, user: EmployeeRef, case: Case
) -> bool:
    """The owner, the case's team, an earlier owner who answered on it, and admins."""
    if user.is_admin or case.owner_id == user.id:
        return True
    owner = await session.get(Employee, case.owner_id)
    if owner is not None and in_case_team(directory, user.name, owner.name, case.topic):
        return True
    worked_on_it = select(Message.id).where(
        Message.case_id == case.id, Message.employee_id == user.id
    )
    return await session.scalar(worked_on_it.limit(1)) is not None
