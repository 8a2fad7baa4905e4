"""Employees: the directory's people in the database, and who is linked to Telegram."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.domain.channels import Channel
from handoff.domain.directory import Directory
from handoff.domain.rate_limits import Rate
from handoff.domain.staff import EmployeeRef
from handoff.storage.outbox import enqueue
from handoff.storage.tables import Employee, utcnow
from handoff.storage.unit_of_work import UnitOfWork


async def sync_directory(uow: UnitOfWork, directory: Directory) -> None:
    """Adds the directory's employees to the database and deactivates those who left it."""
    async with uow() as session:
        rows = {row.name: row for row in await session.scalars(select(Employee))}
        listed = set()
        for person in directory.employees:
            listed.add(person.name)
            row = rows.get(person.name)
            if row is None:
                row = Employee(name=person.name)
                session.add(row)
            row.active, row.is_admin = True, person.admin
            if person.telegram_user_id is not None:
                row.telegram_user_id = person.telegram_user_id
        for name, row in rows.items():
            if name not in listed:
                row.active = False


class LinkedAccounts:
    """Which Telegram accounts are active employees', read once and kept in step with /koppel
    (`forget` after a link): every Telegram update asks, and a read transaction per message was
    a tenth of its fixed cost (docs/performance.md). The directory's own `telegram_user_id`s
    are read at the app's start, like the rest of the directory."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._known: dict[int, EmployeeRef] | None = None

    async def employee(self, telegram_user_id: int) -> EmployeeRef | None:
        """The active employee linked to this Telegram account, if any."""
        if self._known is None:
            async with self._uow.read() as session:
                rows = await session.scalars(select(Employee).where(Employee.active.is_(True)))
                refs = [row.ref() for row in rows]
            self._known = {r.telegram_user_id: r for r in refs if r.telegram_user_id is not None}
        return self._known.get(telegram_user_id)

    def forget(self) -> None:
        """Reads the accounts again at the next question (an account was just linked)."""
        self._known = None


async def telegram_accounts(uow: UnitOfWork) -> dict[int, bool]:
    """Every Telegram account an employee is linked to: user id → whether they still work here
    (the directory's `active`)."""
    async with uow.read() as session:
        rows = await session.execute(
            select(Employee.telegram_user_id, Employee.active).where(
                Employee.telegram_user_id.is_not(None)
            )
        )
        return {user_id: active for user_id, active in rows if user_id is not None}


LINK_CODE_LIFETIME = timedelta(hours=24)
LINK_ATTEMPTS = Rate(5, 3600.0)  # /koppel tries per Telegram account: 5 an hour
# Twelve characters of 32 (no 0, O, 1, I): 60 bits. The database keeps only a SHA-256 of the
# code; with 40 bits (eight characters) anyone holding a copy of it could find a code still
# valid within minutes by trying them all, and link their own Telegram to that employee.
LINK_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LINK_CODE_LENGTH = 12


def _hash(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().upper().encode()).hexdigest()


async def new_link_code(uow: UnitOfWork, name: str) -> str | None:
    """Makes a one-time code for an employee to link Telegram with /koppel ("ABCD-EFGH-JKLM");
    None: no such name."""
    code = "".join(secrets.choice(LINK_CODE_ALPHABET) for _ in range(LINK_CODE_LENGTH))
    async with uow() as session:
        row = await session.scalar(
            select(Employee).where(Employee.name == name, Employee.active.is_(True))
        )
        if row is None:
            return None
        row.link_code_hash, row.link_code_expires = _hash(code), utcnow() + LINK_CODE_LIFETIME
    return "-".join(code[i : i + 4] for i in range(0, LINK_CODE_LENGTH, 4))


async def link_telegram(session: AsyncSession, code: str, telegram_user_id: int) -> str | None:
    """Links the Telegram account to the employee whose valid code this is; returns their name."""
    row = await session.scalar(
        select(Employee).where(
            Employee.link_code_hash == _hash(code),
            Employee.link_code_expires > utcnow(),
            Employee.active.is_(True),
        )
    )
    if row is None:
        return None
    await session.execute(
        update(Employee)
        .where(Employee.telegram_user_id == telegram_user_id)
        .values(telegram_user_id=None)
    )
    previous, row.telegram_user_id = row.telegram_user_id, telegram_user_id
    if previous is not None and previous != telegram_user_id:
        # The account linked before hears it, so a code used by someone else is noticed.
        enqueue(
            session,
            Channel.TELEGRAM,
            str(previous),
            text=texts.LINK_MOVED.format(employee=row.name),
        )
    row.link_code_hash = row.link_code_expires = None
    return row.name
