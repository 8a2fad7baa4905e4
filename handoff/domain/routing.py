"""Chooses the named employee who owns a new case.

Order (a first version of docs/architecture.md's): an emergency goes to its team at once; then
the employee the tenant asked for, or the colleague who took over their work; then the owner of
the tenant's open or recent case, so a returning tenant is not bounced; otherwise the topic's
team, narrowed to the tenant's area when the team works by area, picking the member with the
fewest open cases.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from handoff.directory import Directory, Employee, Team
from handoff.domain.names import find_person


@dataclass(frozen=True)
class RoutingRequest:
    """What the handoff payload tells about where a case should go."""

    topic: str
    postcode: str | None = None
    requested_employee: str | None = None
    previous_owner: str | None = None  # owner of the tenant's open or recent case


EMERGENCY = "report_emergency"


@dataclass(frozen=True)
class RoutingDecision:
    """The owner of a case and why it is them."""

    employee: Employee
    team: Team
    reason: str
    replaces: str | None = None
    returning: bool = False  # the tenant's earlier contact


def route(
    directory: Directory, request: RoutingRequest, open_cases: Mapping[str, int]
) -> RoutingDecision:
    """Picks the owner for a case; `open_cases` counts open cases per employee name."""
    if request.topic != EMERGENCY:
        if request.requested_employee:
            decision = _requested(directory, request.requested_employee)
            if decision:
                return decision
        previous = directory.employee(request.previous_owner or "")
        if previous is not None:
            team = directory.team(previous.teams[0])
            return RoutingDecision(previous, team, reason="had uw vorige vraag", returning=True)
    team = _team_for(directory, request.topic)
    candidates = directory.members(team.key)
    if team.areas and request.postcode:
        in_area = [e for e in candidates if _serves(e.areas or team.areas, request.postcode)]
        candidates = in_area or candidates
    if not candidates:  # a team without members: its work falls to the default team
        team = directory.team(directory.default_team)
        candidates = directory.members(team.key) or list(directory.employees)
    owner = min(candidates, key=lambda e: open_cases.get(e.name, 0))
    return RoutingDecision(owner, team, reason=f"team {team.name}")


def _requested(directory: Directory, spoken: str) -> RoutingDecision | None:
    """Finds the employee the tenant asked for, or the successor of a former contact."""
    current = {employee.name: employee for employee in directory.employees}
    former = {name: e for e in directory.employees for name in e.replaces}
    match = find_person([*current, *former], spoken)
    if match in current:
        employee = current[match]
        return RoutingDecision(employee, directory.team(employee.teams[0]), reason="gevraagd")
    if match in former:
        successor = former[match]
        return RoutingDecision(
            successor,
            directory.team(successor.teams[0]),
            reason=f"neemt het werk van {match} over",
            replaces=match,
        )
    return None


def _team_for(directory: Directory, topic: str) -> Team:
    """Returns the first team handling the topic, or the default team."""
    for team in directory.teams:
        if topic in team.topics:
            return team
    return directory.team(directory.default_team)


def _serves(areas: tuple[str, ...], postcode: str) -> bool:
    """Tells whether a postcode falls in one of the areas (postcode prefixes)."""
    compact = postcode.replace(" ", "").upper()
    return any(compact.startswith(area.replace(" ", "").upper()) for area in areas)
