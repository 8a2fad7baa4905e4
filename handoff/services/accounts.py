"""Desk accounts: employees log in with name and password (argon2id, never stored plain)."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.domain.directory import Directory, normalise_name
from handoff.domain.staff import EmployeeRef
from handoff.storage.tables import Employee
from handoff.storage.unit_of_work import UnitOfWork

MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
# Verified against when the name is unknown, so a wrong name takes as long as a wrong password.
_NOBODY = _hasher.hash("no such employee")


class WeakPassword(ValueError):
    """The password is too short to protect tenants' data."""


async def set_password(uow: UnitOfWork, name: str, password: str) -> bool:
    """Sets an active employee's desk password; False when there is no such employee."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"at least {MIN_PASSWORD_LENGTH} characters")
    hashed = _hasher.hash(password)
    async with uow() as session:
        row = await _by_name(session, name)
        if row is None:
            return False
        row.password_hash = hashed
    return True


async def authenticate(uow: UnitOfWork, name: str, password: str) -> EmployeeRef | None:
    """Returns the active employee with this name and password, or None."""
    async with uow.read() as session:
        row = await _by_name(session, name)
        stored = row.password_hash if row is not None else None
    try:
        _hasher.verify(stored or _NOBODY, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or stored is None:
        return None
    if _hasher.check_needs_rehash(stored):
        await set_password(uow, row.name, password)
    return row.ref()


async def active(uow: UnitOfWork, employee_id: int) -> EmployeeRef | None:
    """Returns the employee if they are still active (a session ends when they leave)."""
    async with uow.read() as session:
        row = await session.get(Employee, employee_id)
    if row is None or not row.active:
        return None
    return row.ref()


async def has_any_password(uow: UnitOfWork) -> bool:
    """Tells whether anyone can log in to the desk yet."""
    async with uow.read() as session:
        return (
            await session.scalar(
                select(Employee.id).where(Employee.password_hash.is_not(None)).limit(1)
            )
            is not None
        )


async def first_login(uow: UnitOfWork, directory: Directory) -> tuple[str, str] | None:
    """In a new installation, gives the first admin (or employee) a password to start with;
    returns their name and that password, or None when someone can log in already."""
    if await has_any_password(uow):
        return None
    people = directory.employees
    first = next((e for e in people if e.admin), people[0])
    password = secrets.token_urlsafe(12)
    await set_password(uow, first.name, password)
    return first.name, password


async def _by_name(session: AsyncSession, name: str) -> Employee | None:
    wanted = normalise_name(name)
    rows = await session.scalars(select(Employee).where(Employee.active.is_(True)))
    return next((row for row in rows if normalise_name(row.name) == wanted), None)
