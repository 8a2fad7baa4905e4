"""Renders a conversation as plain text, for the employee's notification and attachment."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

SENDER_LABELS = {
    "tenant": "Huurder",
    "bot": "Assistent",
    "employee": "Medewerker",
    "note": "Notitie",  # for colleagues only; the tenant never received it
}
KIND_LABELS = {
    "photo": "[foto]",
    "voice": "[spraakbericht]",
    "sticker": "[sticker]",
    "document": "[document]",
    "video": "[video]",
    "other": "[bericht zonder tekst]",
}


@dataclass(frozen=True)
class TranscriptLine:
    """One message as it appears in a transcript."""

    at: datetime
    sender: str
    kind: str
    text: str | None
    author: str | None = None


def render(lines: Iterable[TranscriptLine]) -> str:
    """Returns the transcript, one message per line, with time and who said it."""
    rendered = []
    for line in lines:
        who = line.author or SENDER_LABELS.get(line.sender, line.sender)
        if line.sender == "note":
            who = f"Notitie van {line.author}" if line.author else SENDER_LABELS["note"]
        body = line.text or ""
        if line.kind != "text":
            body = f"{KIND_LABELS.get(line.kind, KIND_LABELS['other'])} {body}".strip()
        rendered.append(f"{line.at:%d-%m %H:%M} {who}: {body}")
    return "\n".join(rendered)
