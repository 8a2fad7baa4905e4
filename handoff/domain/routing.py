"""Chooses the named employee who owns a new case.

Order (a first version of docs/architecture.md's): an emergency goes to its team at once; then
the employee the tenant asked for, or the colleague who took over their work; then the owner of
the tenant's open or recent case, so a returning tenant is not bounced; otherwise the topic's
team, narrowed to the tenant's area when the team works by area. Within a team the choice goes
to a member who is at work now (working hours, not /afwezig) and below their capacity, with the
fewest open cases; when nobody is, to the one who is back first. Every decision says by when
the tenant will have an answer (docs/architecture.md: the honest promise).
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from handoff.domain.directory import Directory, Employee, Team, normalise_name
from handoff.domain.names import find_person


@dataclass(frozen=True)
class RoutingRequest:
    """What the handoff payload tells about where a case should go."""

    topic: str
    postcode: str | None = None
    requested_employee: str | None = None
    previous_owner: str | None = None  # owner of the tenant's open or recent case


EMERGENCY = "report_emergency"


class Why(Enum):
    """Why a case goes to its owner; handoff.texts.routing_reason says it in words."""

    REQUESTED = "requested"  # the tenant asked for this employee
    SUCCESSOR = "successor"  # the tenant asked for a former employee; this one took over
    RETURNING = "returning"  # they have the tenant's open case, or had a recent one
    TEAM = "team"  # the topic's team


@dataclass(frozen=True)
class RoutingDecision:
    """The owner of a case and why it is them."""

    employee: Employee
    team: Team
    why: Why
    answer_by: datetime
    replaces: str | None = None  # the former employee, when `why` is SUCCESSOR

    @property
    def returning(self) -> bool:
        """Tells whether the case goes back to the tenant's earlier contact."""
        return self.why is Why.RETURNING


@dataclass(frozen=True)
class Presence:
    """Who is at work: the clock, and who said /afwezig."""

    now: datetime
    away: Collection[str] = ()

    def back_at(self, directory: Directory, employee: Employee) -> datetime:
        """When the employee can next pick up a case: now while they are at work."""
        hours = directory.hours_of(employee)
        if employee.name in self.away:  # back at an unknown moment: from their next day on
            return hours.next_start(self.now + timedelta(days=1))
        return hours.next_start(self.now)

    def answer_by(self, directory: Directory, employee: Employee) -> datetime:
        """By when the employee can answer a case given to them now."""
        return directory.hours_of(employee).answer_by(self.back_at(directory, employee))


def route(
    directory: Directory,
    request: RoutingRequest,
    open_cases: Mapping[str, int],
    presence: Presence,
) -> RoutingDecision:
    """Picks the owner for a case; `open_cases` counts open cases per employee name."""
    if request.topic != EMERGENCY:
        if request.requested_employee:
            decision = _requested(directory, request.requested_employee, presence)
            if decision:
                return decision
        previous = directory.employee(request.previous_owner or "")
        if previous is not None and presence.back_at(directory, previous) == presence.now:
            return RoutingDecision(
                previous,
                directory.team(previous.teams[0]),
                Why.RETURNING,
                answer_by=presence.answer_by(directory, previous),
            )
    team = _team_for(directory, request.topic)
    candidates = directory.members(team.key)
    if not candidates:  # a team without members: its work falls to the default team
        team = directory.team(directory.default_team)
        candidates = directory.members(team.key) or list(directory.employees)
    owner = pick_member(directory, team, candidates, open_cases, presence, request.postcode)
    return RoutingDecision(owner, team, Why.TEAM, answer_by=presence.answer_by(directory, owner))


def pick_member(
    directory: Directory,
    team: Team,
    candidates: list[Employee],
    open_cases: Mapping[str, int],
    presence: Presence,
    postcode: str | None = None,
) -> Employee:
    """Below capacity, at work soonest, of the tenant's area, with the fewest open cases."""
    area_postcode = postcode if team.areas else None

    def preference(employee: Employee) -> tuple[bool, datetime, bool, int]:
        load = open_cases.get(employee.name, 0)
        full = load >= directory.capacity_of(employee)
        elsewhere = area_postcode is not None and not _serves(
            employee.areas or team.areas, area_postcode
        )
        return full, presence.back_at(directory, employee), elsewhere, load

    return min(candidates, key=preference)


def find_target(directory: Directory, text: str) -> tuple[Employee | Team | None, str]:
    """Reads "Sanne de Vries het gaat om overlast" as (that employee, the rest as a note).

    The longest employee or team name (or team key) at the start of the text wins.
    """
    words = text.split()
    options: list[tuple[str, Employee | Team]] = [(e.name, e) for e in directory.employees]
    options += [(t.name, t) for t in directory.teams] + [(t.key, t) for t in directory.teams]
    best: tuple[int, Employee | Team | None] = (0, None)
    for name, target in options:
        size = len(name.split())
        said = " ".join(word.strip(":,;-") for word in words[:size])
        if size > best[0] and normalise_name(said) == normalise_name(name):
            best = (size, target)
    size, found = best
    return found, " ".join(words[size:]).strip(" :,-")


def _requested(directory: Directory, spoken: str, presence: Presence) -> RoutingDecision | None:
    """Finds the employee the tenant asked for, or the successor of a former contact."""
    current = {employee.name: employee for employee in directory.employees}
    former = {name: e for e in directory.employees for name in e.replaces}
    match = find_person([*current, *former], spoken)
    if match in current:
        employee = current[match]
        return RoutingDecision(
            employee,
            directory.team(employee.teams[0]),
            Why.REQUESTED,
            answer_by=presence.answer_by(directory, employee),
        )
    if match in former:
        successor = former[match]
        return RoutingDecision(
            successor,
            directory.team(successor.teams[0]),
            Why.SUCCESSOR,
            answer_by=presence.answer_by(directory, successor),
            replaces=match,
        )
    return None


def team_of(directory: Directory, employee: Employee, topic: str) -> Team:
    """The employee's team for a topic: the one handling it, else their first team."""
    for key in employee.teams:
        if topic in directory.team(key).topics:
            return directory.team(key)
    return directory.team(employee.teams[0])


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
