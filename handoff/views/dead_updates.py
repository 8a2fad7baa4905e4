"""The updates Recovery parked (dead): what the admins' list shows, with no message whole."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from handoff.domain.privacy import mask
from handoff.storage.tables import InboundUpdate
from handoff.storage.unit_of_work import UnitOfWork

EXCERPT = 60  # characters of the masked text: enough to recognise it, too little to read it


@dataclass(frozen=True)
class DeadUpdate:
    """One parked update as the admin sees it."""

    id: int
    channel: str
    received_at: datetime
    dead_at: datetime
    tries: int
    error: str
    excerpt: str  # the start of its text, personal data masked; "" without text
    contact_id: int | None


def _text(payload: dict[str, Any]) -> str:
    """The text a stored update carries: the web chat's, or a Telegram message's or caption."""
    for key in ("text", "title"):
        if isinstance(payload.get(key), str):
            return str(payload[key])
    for key in ("message", "edited_message"):
        inner = payload.get(key)
        if isinstance(inner, dict):
            found = inner.get("text") or inner.get("caption")
            if isinstance(found, str):
                return found
    return ""


def excerpt(payload: dict[str, Any]) -> str:
    """The start of an update's text with personal data masked."""
    masked = mask(_text(payload))
    return masked if len(masked) <= EXCERPT else masked[: EXCERPT - 1] + "…"


async def dead_updates(uow: UnitOfWork, limit: int = 200) -> tuple[list[DeadUpdate], int]:
    """The most recently parked updates, newest first, and how many there are in all."""
    async with uow.read() as session:
        rows = await session.scalars(
            select(InboundUpdate)
            .where(InboundUpdate.dead_at.is_not(None))
            .order_by(InboundUpdate.dead_at.desc(), InboundUpdate.id.desc())
            .limit(limit)
        )
        found = [
            DeadUpdate(
                row.id,
                row.channel,
                row.received_at,
                row.dead_at,
                row.tries,
                row.last_error or "",
                excerpt(row.payload or {}),
                row.contact_id,
            )
            for row in rows
            if row.dead_at is not None
        ]
        total = await session.scalar(
            select(func.count(InboundUpdate.id)).where(InboundUpdate.dead_at.is_not(None))
        )
    return found, total or 0
