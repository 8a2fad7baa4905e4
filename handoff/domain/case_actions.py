"""What an employee can do with a case, and how it went: data the adapters render.

Telegram's buttons and commands and the desk's forms all become a `CaseAction`; the one
dispatcher (cases/actions.py) returns a `Result`, and texts.py says it in Dutch.
"""

from dataclasses import dataclass
from enum import Enum, StrEnum

from handoff.domain.directory import Employee, Team


class Verb(StrEnum):
    """The things an employee does with a case."""

    CLAIM = "claim"
    REPLY = "reply"
    NOTE = "note"
    TRANSFER = "transfer"
    CLOSE = "close"
    MISREAD = "misread"  # the bot misunderstood the tenant: the admins should look
    # Telegram's buttons cannot carry a note or a second thought: they check and then ask.
    ASK_TRANSFER = "ask_transfer"
    ASK_CLOSE = "ask_close"


class Outcome(Enum):
    """How an action went."""

    DONE = "done"
    WHICH_CASE = "which_case"  # no case number, no reply to a case, and not one open case
    NOT_FOUND = "not_found"
    NOT_OPEN = "not_open"
    NOT_OWNER = "not_owner"
    ALREADY_CLAIMED = "already_claimed"
    UNKNOWN_TARGET = "unknown_target"
    NOTE_NEEDED = "note_needed"
    CONFIRM_NEEDED = "confirm_needed"
    HANDLED_BEFORE = "handled_before"  # the same update again, after a restart


@dataclass(frozen=True)
class CaseAction:
    """One action on a case, as an adapter understood it."""

    verb: Verb
    case_id: int | None = None  # None: the case the message replied to, or the only open one
    text: str | None = None  # the reply, the closing words, the note or the transfer's reason
    target: Employee | Team | None = None  # for a transfer
    sure: bool = False  # a transfer after an earlier one: the employee confirmed it is needed
    kind: str = "text"  # a reply with a file: photo, document, video, voice
    file_id: str | None = None


@dataclass(frozen=True)
class Result:
    """How an action went, with what its answer needs to say."""

    verb: Verb
    outcome: Outcome
    case_id: int | None = None
    owner: str | None = None  # who has the case: the owner who refused, or the new owner
    transfers: int = 0  # how often the case changed owner already

    @property
    def done(self) -> bool:
        """Whether the action was carried out."""
        return self.outcome is Outcome.DONE
