"""Rules for what a tenant typed, before the assistant reads it."""


def neutralise(text: str) -> str:
    """Removes leading slashes, so tenant text can never inject an intent or slots."""
    return text.strip().lstrip("/").strip()
