"""Why the outbox stopped trying to deliver a message, and how that is kept with the row.

There is no column for it: `outbox.last_error` holds "<reason>: <what the channel said>", so
a row given up on tells its reason without a migration (`reason_of` reads it back).
"""

from enum import StrEnum


class GiveUp(StrEnum):
    """Why a message was given up on; handoff.texts.UNDELIVERED_REASONS says it in Dutch."""

    BLOCKED = "blocked"  # the person blocked the bot or never started it (403)
    REFUSED = "refused"  # the channel refused this message (400): retrying cannot help
    EXPIRED = "expired"  # the channel stayed unreachable for the whole retry window


def failure_text(reason: GiveUp, error: str, limit: int = 500) -> str:
    """What `outbox.last_error` keeps for a row given up on."""
    return f"{reason.value}: {error}"[:limit]


def reason_of(last_error: str | None) -> GiveUp | None:
    """The reason a row was given up on, from its `last_error`; None for older rows."""
    head = (last_error or "").split(":", 1)[0]
    return GiveUp(head) if head in {reason.value for reason in GiveUp} else None
