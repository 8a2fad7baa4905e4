"""Renders a conversation as plain text, for the employee's notification and attachment."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TranscriptLabels:
    """The words a transcript uses; handoff.texts.TRANSCRIPT_LABELS has the Dutch ones."""

    senders: Mapping[str, str]  # by message sender: "tenant", "bot", "employee", "note"
    kinds: Mapping[str, str]  # by message kind; "other" for any kind not listed
    note_by: str  # a colleague's note, with {author}
    undelivered: str = ""  # after a message that never arrived


@dataclass(frozen=True)
class TranscriptLine:
    """One message as it appears in a transcript."""

    at: datetime
    sender: str
    kind: str
    text: str | None
    author: str | None = None
    undelivered_at: datetime | None = None  # the outbox gave up on it: it never arrived
    undelivered_reason: str | None = None  # a handoff.domain.delivery.GiveUp value, or None


def render(lines: Iterable[TranscriptLine], labels: TranscriptLabels) -> str:
    """Returns the transcript, one message per line, with time and who said it."""
    rendered = []
    for line in lines:
        who = line.author or labels.senders.get(line.sender, line.sender)
        if line.sender == "note":
            who = (
                labels.note_by.format(author=line.author)
                if line.author
                else labels.senders["note"]
            )
        body = line.text or ""
        if line.kind != "text":
            body = f"{labels.kinds.get(line.kind, labels.kinds['other'])} {body}".strip()
        if line.undelivered_at is not None and labels.undelivered:
            body = f"{body} {labels.undelivered}".strip()
        rendered.append(f"{line.at:%d-%m %H:%M} {who}: {body}")
    return "\n".join(rendered)
