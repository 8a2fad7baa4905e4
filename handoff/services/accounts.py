"""Desk accounts: employees log in with name and password (argon2id, never stored plain).

Hashing and verifying take about 50 ms of CPU each, so they run on a small pool of threads of
their own: the event loop (Telegram, the web chat, the outbox) keeps going, and a burst of logins
waits its turn instead of taking every thread.
"""

import asyncio
import functools
import hashlib
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.domain.directory import Directory, normalise_name
from handoff.domain.staff import EmployeeRef
from handoff.storage.tables import Employee
from handoff.storage.unit_of_work import UnitOfWork

MIN_PASSWORD_LENGTH = 10
HASHING_THREADS = 2  # at most this many hashes at once (argon2 also takes 64 MiB each)
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
# Not bound to an event loop (an asyncio.Semaphore would be), and its size is the limit.
_pool = ThreadPoolExecutor(HASHING_THREADS, thread_name_prefix="argon2")
T = TypeVar("T")


async def _off_the_loop(work: Callable[[], T]) -> T:
    return await asyncio.get_running_loop().run_in_executor(_pool, work)


@functools.cache
def _nobody() -> str:
    """Verified against when the name is unknown, so a wrong name takes as long as a wrong
    password; made at the first login, not at import."""
    return _hasher.hash("no such employee")


@dataclass(frozen=True)
class Account:
    """An active employee with a password, and the stamp their desk sessions are bound to."""

    employee: EmployeeRef
    # Changes with every new password hash, so a new password ends the sessions made before.
    # A fingerprint of the hash, never the hash: nothing in it helps guess the password.
    stamp: str


def _stamp(row: Employee) -> str:
    """What a desk session is bound to: the password hash and the logouts so far, so a new
    password or a logout ends every session made before (security review #9)."""
    assert row.password_hash is not None, "only an employee with a password has sessions"
    return hashlib.blake2b(
        f"{row.password_hash}\0{row.logouts}".encode(), digest_size=16, person=b"desk-session"
    ).hexdigest()


async def log_out(uow: UnitOfWork, employee_id: int) -> None:
    """Ends every desk session of the employee, this one and any copied cookie."""
    async with uow() as session:
        await session.execute(
            update(Employee).where(Employee.id == employee_id).values(logouts=Employee.logouts + 1)
        )


class WeakPassword(ValueError):
    """The password is too short to protect tenants' data."""


async def set_password(uow: UnitOfWork, name: str, password: str) -> bool:
    """Sets an active employee's desk password; False when there is no such employee."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"at least {MIN_PASSWORD_LENGTH} characters")
    hashed = await _off_the_loop(lambda: _hasher.hash(password))
    async with uow() as session:
        row = await _by_name(session, name)
        if row is None:
            return False
        row.password_hash = hashed
    return True


async def authenticate(uow: UnitOfWork, name: str, password: str) -> Account | None:
    """Returns the active employee with this name and password, or None."""
    async with uow.read() as session:
        row = await _by_name(session, name)
        stored = row.password_hash if row is not None else None
    if not await _off_the_loop(lambda: _verify(stored, password)):
        return None
    if row is None or stored is None:
        return None
    if _hasher.check_needs_rehash(stored):  # new parameters: their other sessions end
        await set_password(uow, row.name, password)
        return await active(uow, row.id)
    return Account(row.ref(), _stamp(row))


def _verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _nobody(), password)
    except (VerificationError, InvalidHashError):
        return False


async def active(uow: UnitOfWork, employee_id: int) -> Account | None:
    """Returns the employee if they are still active and have a password (a session ends when
    they leave or their password is taken away)."""
    async with uow.read() as session:
        row = await session.get(Employee, employee_id)
    if row is None or not row.active or row.password_hash is None:
        return None
    return Account(row.ref(), _stamp(row))


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
