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
