"""The channels tenants and employees talk on; stored as these strings."""

from enum import StrEnum


class Channel(StrEnum):
    """Where a chat lives: Telegram, or the web chat on the corporation's site."""

    TELEGRAM = "telegram"
    WEB = "web"
