"""How long each kind of data is kept, and what is due to go at a given moment.

The rule in data: a period per kind, the moment before which each kind is due, what is never
due whatever its age, and when the daily purge runs. `services/retention.py` asks the database
for what these moments say; docs/retention.md gives the reasons for the defaults.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from handoff.domain.presence import LOCAL

# The daily purge runs at this Dutch local time: nobody is at work, few tenants write.
PURGE_AT = time(3, 0)

# A contact the purge anonymised: its chat id and Rasa sender id become this and its id, which
# no chat or sender has (an erasure on request writes "gewist-").
EXPIRED_CONTACT = "verlopen-"

# Never due, whatever their age: an open case (its texts, its messages and the outbox rows its
# owner replies to), an outbox row not delivered yet, and an update not processed yet.
OPEN_CASE = "open"
PENDING_OUTBOX = "pending"


class Kind(StrEnum):
    """What the purge reports on, in this order; conversations count as messages and cases."""

    RAW_UPDATES = "raw_updates"  # an inbound update's payload (the raw Telegram message)
    REVIEW_ITEMS = "review_items"  # the NLU inbox, masked
    MESSAGES = "messages"  # of closed cases, and outside any case
    CASES = "cases"  # a closed case's texts (summary, routing facts); its figures stay
    OUTBOX = "outbox"  # delivered or failed rows, transcript documents included
    CONTACTS = "contacts"  # a contact with nothing left: its chat id and name go, its row stays
    RASA_TRACKERS = "rasa_trackers"  # Rasa's conversations, in its own tracker store
    AUDIT_LOG = "audit_log"  # who exported or erased whose data


@dataclass(frozen=True)
class RetentionPolicy:
    """How long each kind of data is kept."""

    raw_updates: timedelta  # after the update was processed
    conversations: timedelta  # after the case closed (a message outside a case: after it)
    review_items: timedelta  # after the item came in
    rasa_trackers: timedelta  # after the conversation's last event
    outbox: timedelta  # after the row was written
    audit_log: timedelta  # after the entry was written


@dataclass(frozen=True)
class Cutoffs:
    """What happened before these moments is due; a moment exactly on the cutoff stays."""

    raw_updates: datetime
    conversations: datetime
    review_items: datetime
    rasa_trackers: datetime
    outbox: datetime
    audit_log: datetime


def cutoffs(policy: RetentionPolicy, now: datetime) -> Cutoffs:
    """The moments before which each kind is due, at `now`."""
    return Cutoffs(
        raw_updates=now - policy.raw_updates,
        conversations=now - policy.conversations,
        review_items=now - policy.review_items,
        rasa_trackers=now - policy.rasa_trackers,
        outbox=now - policy.outbox,
        audit_log=now - policy.audit_log,
    )


def next_purge(now: datetime) -> datetime:
    """The next daily purge after `now` (at PURGE_AT, Dutch time), as an aware datetime."""
    local = now.astimezone(LOCAL)
    at = datetime.combine(local.date(), PURGE_AT, tzinfo=LOCAL)
    if at <= local:
        at = datetime.combine(local.date() + timedelta(days=1), PURGE_AT, tzinfo=LOCAL)
    return at
