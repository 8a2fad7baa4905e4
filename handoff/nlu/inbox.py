"""The NLU inbox: tenant messages the bot may have misunderstood, masked and grouped for admins.

Messages come in from four places, each without parsing anything again: Rasa's own
confidence on a turn (below the threshold, or a fallback), a summary the tenant rejected, and
an employee's "de bot begreep dit verkeerd" on a case.
"""

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.domain.directory import Directory
from handoff.domain.privacy import group_key, mask, only_takes_away
from handoff.nlu import examples
from handoff.nlu.client import Understanding
from handoff.storage.tables import Contact, Message, ReviewItem, utcnow
from handoff.storage.unit_of_work import UnitOfWork

# Why a message is here, in words: stored with it and shown to admins as they are.
LOW_CONFIDENCE = texts.REVIEW_LOW_CONFIDENCE
FALLBACK = texts.REVIEW_FALLBACK
SUMMARY_REJECTED = texts.REVIEW_SUMMARY_REJECTED
EMPLOYEE_MARKED = texts.REVIEW_EMPLOYEE_MARKED
SUMMARY = "utter_summary"  # the response in rasa_project/domain.yml


@dataclass
class Group:
    """Near-identical messages: one decision labels them all."""

    key: str
    text: str  # the newest example, masked: what the admin sees and, labelled, the example
    count: int
    guess: str | None
    confidence: float | None
    reasons: list[str] = field(default_factory=list)
    shown: int = 0  # the review item whose text is shown


async def add(
    session: AsyncSession,
    directory: Directory,
    message: Message,
    reason: str,
    understood: Understanding | None = None,
) -> None:
    """Puts a tenant's text message in the inbox (once; a second reason is added to it)."""
    if message.sender != "tenant" or message.kind != "text" or not message.text:
        return
    item = await session.scalar(select(ReviewItem).where(ReviewItem.message_id == message.id))
    if item is not None:
        if reason not in item.reasons:
            item.reasons = [*item.reasons, reason]
        return
    contact = await session.get(Contact, message.contact_id)
    names = [e.name for e in directory.employees] + [contact.display_name if contact else ""]
    # Off the event loop: bounded (mask reads at most MAX_LENGTH), but some milliseconds of CPU.
    masked = await asyncio.to_thread(mask, message.text, names)
    session.add(
        ReviewItem(
            message_id=message.id,
            contact_id=message.contact_id,
            text=masked,
            group_key=group_key(masked),
            guess=understood.guess if understood else None,
            confidence=understood.guess_confidence if understood else None,
            reasons=[reason],
        )
    )


async def after_turn(
    session: AsyncSession,
    directory: Directory,
    message_id: int,
    understood: Understanding | None,
    threshold: float,
) -> None:
    """Keeps a turn Rasa was unsure about: a fallback, or confidence below the threshold.

    Most turns are neither; only those load the message.
    """
    if understood is None:
        return
    if understood.fell_back:
        reason = FALLBACK
    elif understood.confidence < threshold:
        reason = LOW_CONFIDENCE
    else:
        return
    message = await session.get(Message, message_id)
    assert message is not None
    await add(session, directory, message, reason, understood)


async def rejected_summary(
    session: AsyncSession, directory: Directory, contact_id: int, answer_id: int
) -> int:
    """When the tenant's "Nee" (message `answer_id`) answered a summary, adds the texts that
    summary was made of; returns how many."""
    rows = await session.scalars(
        select(Message)
        .where(
            Message.contact_id == contact_id,
            Message.case_id.is_(None),
            Message.id < answer_id,
        )
        .order_by(Message.id.desc())
        .limit(30)
    )
    added, seen_summary = 0, False
    for row in rows:  # newest first: the summary, then what it summarised
        if row.sender == "bot" and not seen_summary:
            if row.response != SUMMARY:
                return 0  # the "Nee" answered something else
            seen_summary = True
        elif row.sender == "bot" and row.response == SUMMARY:
            break  # an earlier summary: what came before it was summarised then
        elif seen_summary and row.sender == "tenant" and row.kind == "text":
            await add(session, directory, row, SUMMARY_REJECTED)
            added += 1
    return added


async def case_messages(
    session: AsyncSession, directory: Directory, case_id: int, reason: str
) -> int:
    """Adds a case's texts from before the handover (an employee says the bot misread them)."""
    rows = await session.scalars(
        select(Message)
        .where(Message.case_id == case_id, Message.sender == "tenant", Message.kind == "text")
        .order_by(Message.id)
    )
    added = 0
    for row in rows:
        await add(session, directory, row, reason)
        added += 1
    return added


async def open_groups(session: AsyncSession) -> list[Group]:
    """The inbox: open items grouped, biggest groups first."""
    items = await session.scalars(
        select(ReviewItem).where(ReviewItem.status == "open").order_by(ReviewItem.id)
    )
    groups: dict[str, Group] = {}
    for item in items:
        group = groups.get(item.group_key)
        if group is None:
            group = groups[item.group_key] = Group(
                item.group_key, item.text, 0, item.guess, item.confidence
            )
        group.count += 1
        group.text, group.shown = item.text, item.id
        if item.guess:
            group.guess, group.confidence = item.guess, item.confidence
        group.reasons += [r for r in item.reasons if r not in group.reasons]
    return sorted(groups.values(), key=lambda g: (-g.count, g.key))


class InvalidCorrection(ValueError):
    """An admin's correction of a text adds to it, or is no plain example (`decide`)."""


async def decide(
    session: AsyncSession,
    key: str,
    intent: str | None,
    employee_id: int | None,
    shown: int | None = None,
    corrected: str | None = None,
) -> list[str]:
    """Labels a group with an intent (or ignores it when None); returns the text the admin saw,
    which becomes the example: item `shown`'s, or the newest. Hidden variants of a group
    become no examples. Decides nothing if `shown` is no longer open in the group.

    `corrected`: that text as the admin corrected it, with what the masker missed left out or
    replaced by a placeholder (domain/privacy.py `only_takes_away`). It becomes the example,
    and every item of the group keeps it instead of its own text, so what the admin saw the
    masker miss stays nowhere in the inbox."""
    items = list(
        await session.scalars(
            select(ReviewItem)
            .where(ReviewItem.group_key == key, ReviewItem.status == "open")
            .order_by(ReviewItem.id)
        )
    )
    if shown is None:
        seen = items[-1] if items else None
    else:
        seen = next((item for item in items if item.id == shown), None)
    if seen is None:
        return []
    text = seen.text
    if corrected is not None and corrected != seen.text:
        if not examples.is_plain(corrected) or not only_takes_away(seen.text, corrected):
            raise InvalidCorrection(corrected)
        text = corrected
    now = utcnow()
    for item in items:
        item.status = "labelled" if intent else "ignored"
        item.label, item.decided_by, item.decided_at = intent, employee_id, now
        if text != seen.text:
            item.text = text
    return [text]


async def recent_decisions(session: AsyncSession, limit: int = 20) -> list[Group]:
    """The latest labelled groups, newest first, so a decision can be taken back."""
    items = await session.scalars(
        select(ReviewItem)
        .where(ReviewItem.status == "labelled")
        .order_by(ReviewItem.decided_at.desc(), ReviewItem.id.desc())
        .limit(limit * 5)
    )
    groups: dict[str, Group] = {}
    for item in items:
        group = groups.setdefault(
            item.group_key, Group(item.group_key, item.text, 0, item.label, None)
        )
        group.count += 1
    return list(groups.values())[:limit]


async def take_back(session: AsyncSession, key: str) -> tuple[str | None, list[str]]:
    """Opens a labelled group again; returns its label and texts (to remove from the YAML)."""
    items = list(
        await session.scalars(
            select(ReviewItem).where(ReviewItem.group_key == key, ReviewItem.status == "labelled")
        )
    )
    label = items[0].label if items else None
    for item in items:
        item.status, item.label, item.decided_by, item.decided_at = "open", None, None, None
    return label, list(dict.fromkeys(item.text for item in items))


@dataclass(frozen=True)
class Labelled:
    """What labelling a group did: how many messages it decided, and examples it added."""

    decided: int
    added: int


async def label_group(
    uow: UnitOfWork,
    project: Path,
    key: str,
    intent: str | None,
    employee_id: int | None,
    shown: int | None = None,
    corrected: str | None = None,
) -> Labelled:
    """Labels a group (or ignores it, with `intent` None); the text the admin saw (item
    `shown`), or their correction of it (`decide`), becomes an example in the inbox YAML file
    once the decision is committed. InvalidCorrection: nothing is decided."""
    async with uow() as session:
        decided = await _count_open(session, key)
        messages = await decide(session, key, intent, employee_id, shown, corrected)
    added = examples.add_examples(intent, messages, project) if intent and messages else 0
    return Labelled(decided if messages else 0, added)


async def _count_open(session: AsyncSession, key: str) -> int:
    rows = await session.scalars(
        select(ReviewItem.id).where(ReviewItem.group_key == key, ReviewItem.status == "open")
    )
    return len(list(rows))


async def take_back_group(uow: UnitOfWork, project: Path, key: str) -> int:
    """Opens a labelled group again and takes its examples out of the YAML; returns how many."""
    async with uow() as session:
        intent, messages = await take_back(session, key)
    return examples.remove_examples(intent, messages, project) if intent else 0


async def groups(uow: UnitOfWork) -> tuple[list[Group], list[Group]]:
    """The open groups, and the recent decisions that can be taken back."""
    async with uow.read() as session:
        return await open_groups(session), await recent_decisions(session)
