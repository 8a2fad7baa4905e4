"""When a case nobody took up gets a reminder, and when it goes to someone who can take it.

Waiting counts only the owner's working time: a case that arrives at 16:55 does not remind
anyone at night. The choice of who takes over is the routing's preference, among colleagues
who are at work now; when there is nobody, the team's lead.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from handoff.domain.directory import Directory, Employee
from handoff.domain.routing import Presence, pick_member, team_of


@dataclass(frozen=True)
class EscalationPolicy:
    """After how much of the owner's working time a waiting case is escalated."""

    remind_after: timedelta
    reassign_after: timedelta | None  # None: never taken away from the owner


class Step(Enum):
    """What is due for a case its owner has not taken up."""

    REMIND = "remind"
    REASSIGN = "reassign"


def next_step(
    policy: EscalationPolicy,
    directory: Directory,
    owner: Employee,
    assigned_at: datetime,
    reminded: bool,
    now: datetime,
) -> Step | None:
    """What is due for a case the owner has not taken up yet, if anything."""
    waited = directory.hours_of(owner).working_time(assigned_at, now)
    if policy.reassign_after is not None and waited >= policy.reassign_after:
        return Step.REASSIGN
    if not reminded and waited >= policy.remind_after:
        return Step.REMIND
    return None


def successor(
    directory: Directory,
    owner: Employee,
    topic: str,
    open_cases: Mapping[str, int],
    presence: Presence,
) -> Employee | None:
    """Who takes over a case the owner did not take up: a present colleague, or the lead."""
    team = team_of(directory, owner, topic)
    present = [
        e
        for e in directory.members(team.key)
        if e.name != owner.name
        and presence.back_at(directory, e) == presence.now
        and open_cases.get(e.name, 0) < directory.capacity_of(e)
    ]
    if present:
        return pick_member(directory, team, present, open_cases, presence)
    lead = directory.lead_of(team)
    return lead if lead is not None and lead.name != owner.name else None
