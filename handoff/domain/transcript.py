"""Renders a conversation as plain text, for the employee's notification and attachment."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from handoff.domain import legacy_texts


@dataclass(frozen=True)
class TranscriptLabels:
    """The words a transcript uses; handoff.texts.TRANSCRIPT_LABELS has the Dutch ones."""

    senders: Mapping[str, str]  # by message sender: "tenant", "bot", "employee", "note"
    kinds: Mapping[str, str]  # by message kind; "other" for any kind not listed
    note_by: str  # a colleague's note, with {author}


@dataclass(frozen=True)
class TranscriptLine:
    """One message as it appears in a transcript."""

    at: datetime
    sender: str
    kind: str
    text: str | None
    author: str | None = None


# being moved in the redesign branch: cases/lifecycle.py and cases/notices.py still import
# KIND_LABELS from here, and cases/queries.py calls render() without labels. Delete both (and
# make `labels` required) with legacy_texts once they use texts.KIND_LABELS and
# texts.TRANSCRIPT_LABELS.
KIND_LABELS = legacy_texts.KIND_LABELS
_LEGACY_LABELS = TranscriptLabels(
    legacy_texts.SENDER_LABELS, legacy_texts.KIND_LABELS, legacy_texts.NOTE_BY
)


def render(lines: Iterable[TranscriptLine], labels: TranscriptLabels = _LEGACY_LABELS) -> str:
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
        rendered.append(f"{line.at:%d-%m %H:%M} {who}: {body}")
    return "\n".join(rendered)
