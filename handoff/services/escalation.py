"""The watch on waiting cases: a reminder to the owner, then a colleague who can take it.

A case whose owner said /afwezig before taking it up goes to a colleague at the next round.
"""

import asyncio
import logging
from datetime import datetime

from sqlalchemy import select

from handoff.cases import lifecycle, queries
from handoff.domain.directory import Directory
from handoff.domain.escalation import EscalationPolicy, Step, next_step, successor
from handoff.domain.routing import Presence
from handoff.signals import wait_any
from handoff.storage.tables import Case, Employee, utcnow
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


async def escalate(
    uow: UnitOfWork, directory: Directory, policy: EscalationPolicy, now: datetime | None = None
) -> dict[Step, int]:
    """Reminds or reassigns every case that waited too long; returns how many of each."""
    now = now or utcnow()
    done = {Step.REMIND: 0, Step.REASSIGN: 0}
    async with uow() as session:
        waiting = (
            await session.execute(
                select(Case.id, Case.topic, Case.assigned_at, Case.reminded_at, Employee.name)
                .join(Employee, Employee.id == Case.owner_id)
                .where(Case.status == "open", Case.claimed_at.is_(None))
                .order_by(Case.id)
            )
        ).all()
        presence = Presence(now, away=await queries.away_names(session))
        counts = await queries.open_counts(session)
        for case_id, topic, assigned_at, reminded_at, owner_name in waiting:
            owner = directory.employee(owner_name)
            if owner is None:
                continue  # left the directory; their cases stay visible on the desk
            step = next_step(policy, directory, owner, assigned_at, reminded_at is not None, now)
            if owner.name in presence.away and policy.reassign_after is not None:
                step = Step.REASSIGN  # said /afwezig: a colleague at work takes it now
            if step is Step.REMIND:
                await lifecycle.remind(session, case_id, now)
            elif step is Step.REASSIGN:
                chosen = successor(directory, owner, topic, counts, presence)
                if chosen is None:
                    if reminded_at is None:
                        await lifecycle.remind(session, case_id, now)
                        done[Step.REMIND] += 1
                    continue
                if not await lifecycle.reassign(
                    session, directory, case_id, chosen.name, presence
                ):
                    continue
                counts[chosen.name] = counts.get(chosen.name, 0) + 1
                counts[owner.name] -= 1
            else:
                continue
            done[step] += 1
    if any(done.values()):
        log.info("escalation: %d reminded, %d reassigned", done[Step.REMIND], done[Step.REASSIGN])
    return done


async def watch(
    uow: UnitOfWork,
    directory: Directory,
    policy: EscalationPolicy,
    stop: asyncio.Event,
    interval: float,
) -> None:
    """Escalates waiting cases every `interval` seconds until `stop` is set."""
    while not stop.is_set():
        try:
            await escalate(uow, directory, policy)
        except Exception:  # a database hiccup: the next round tries again
            log.exception("escalation round failed")
        await wait_any(stop, timeout=interval)
