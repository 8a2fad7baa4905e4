"""Waiting without sleeping through a stop: background loops pause here between rounds."""

import asyncio


async def wait_any(*events: asyncio.Event, timeout: float) -> None:
    """Returns when one of the events is set, or when the timeout has passed."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


class Changes:
    """A version number that waiters can wait past: "tell me when anything changed"."""

    def __init__(self) -> None:
        self.version = 0  # read before looking, so a change in between is never missed
        self._changed = asyncio.Event()

    def bump(self) -> None:
        """Records a change and wakes everyone waiting (callable from synchronous code)."""
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_after(self, version: int, timeout: float, *also: asyncio.Event) -> None:
        """Returns once the version is past `version`, one of `also` is set, or on timeout."""
        if self.version <= version:
            await wait_any(self._changed, *also, timeout=timeout)
