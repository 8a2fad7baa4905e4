"""An employee as the adapters and the desk see them: who is acting."""

from dataclasses import dataclass


@dataclass(frozen=True)
class EmployeeRef:
    """An employee known to the database: id, name, linked Telegram account, role."""

    id: int
    name: str
    telegram_user_id: int | None
    is_admin: bool = False
