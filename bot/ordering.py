"""Updates of different chats are handled at the same time; those of one chat one at a time,
in the order Telegram numbered them (reliability review, defect 4).

The lock is taken before a handler's first await: a database read before Conversations' own
per-chat lock let a later message overtake an earlier one on PostgreSQL.
"""

import asyncio
import weakref
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# As many updates in progress at once as PTB's `concurrent_updates(True)` allows.
MAX_CONCURRENT_UPDATES = 256


class PerChatOrder(BaseUpdateProcessor):
    """PTB's hook for how updates are processed: one lock per chat while it is in use."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Runs an update's handling once the updates of the same chat before it are done."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.get(chat.id)
        if lock is None:
            lock = self._locks[chat.id] = asyncio.Lock()
        async with lock:  # asyncio's locks are fair: waiters go in the order they came
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to close."""
