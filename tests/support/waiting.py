"""Waiting for the app's database to reach a state, without sleeping."""

import asyncio
from collections.abc import Awaitable, Callable

from handoff.storage.unit_of_work import UnitOfWork


async def until_committed(
    uow: UnitOfWork, check: Callable[[], Awaitable[bool]], timeout: float = 10.0
) -> None:
    """Waits, commit by commit, until the check holds; fails when `timeout` seconds pass
    without a commit."""
    committed = asyncio.Event()
    uow.after_commit(committed.set)
    while True:
        committed.clear()
        if await check():
            return
        await asyncio.wait_for(committed.wait(), timeout)
