"""Benchmark: one message's fixed cost in the app, step by step (issue 14, item 7).

One tenant sends messages one at a time to the real app (fake Bot API and fake Rasa on a loop
and thread of their own, so their work is not the app's). Each message's latency is the time
from its update appearing in the fake Bot API to the answer arriving there; the steps the app
takes are timed on the way (median per message), and `--profile` writes a cProfile of the
app's loop for the measured messages.

    .venv/bin/python -m bench.fixed_cost [--messages 200] [--profile out.prof]
    (BENCH_DATABASE_URL: PostgreSQL)
"""

import argparse
import asyncio
import cProfile
import functools
import os
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from bench.loop_lag import Fakes
from bot import delivery, receiving
from handoff.app.runtime import Runtime, settle_memory
from handoff.nlu import client
from handoff.services import conversation, outbox
from tests.conftest import quick_settings
from tests.fakes.bot_api import FakeUser
from tests.support.databases import bench_database

TEXTS = ["hallo", "ben jij een robot", "wat voor weer wordt het morgen", "bedankt", "tot ziens"]

# (module or class, attribute, step name): what is timed on the hot path.
STEPS: list[tuple[Any, str, str]] = [
    (receiving.intake, "store_batch", "store the update"),
    (conversation.Conversations, "_record", "record the turn"),
    (client.RasaClient, "send", "Rasa (the fake)"),
    (conversation.Conversations, "_answer", "Rasa's answer and its outbox row"),
    (outbox.OutboxSender, "deliver_due", "the outbox sender's round (all of it)"),
    (delivery.TelegramDelivery, "deliver", "sendMessage (the fake)"),
    (outbox.OutboxSender, "_sent", "store the delivery"),
]


# When the message being measured appeared in the fake Bot API: each step's start is also
# timed from there, so the gaps between the steps show (the long poll, the hand-overs).
SENT_AT = [0.0]


def timed(
    durations: dict[str, list[float]],
    starts: dict[str, list[float]],
    name: str,
    function: Callable[..., Any],
) -> Any:
    """Wraps a coroutine function so that each call notes when it started and how long it took."""

    @functools.wraps(function)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        starts[name].append(started - SENT_AT[0])
        try:
            return await function(*args, **kwargs)
        finally:
            durations[name].append(time.perf_counter() - started)

    return wrapper


async def measure(messages: int, profile: str | None) -> None:
    """Sends `messages` texts one at a time through the app; prints latency and each step's."""
    durations: dict[str, list[float]] = defaultdict(list)
    starts: dict[str, list[float]] = defaultdict(list)
    for owner, attribute, name in STEPS:
        if hasattr(owner, attribute):
            wrapped = timed(durations, starts, name, getattr(owner, attribute))
            setattr(owner, attribute, wrapped)
    fakes = Fakes()
    fakes.start()
    runtime = Runtime(quick_settings(bench_database(), fakes.bot_api, fakes.rasa))
    await runtime.start()
    await asyncio.wait_for(runtime.rasa_ready.wait(), timeout=30)
    settle_memory()
    fake = fakes.bot_api
    user = FakeUser(424242, "Huurder")

    async def play(text: str) -> float:  # on the fakes' loop
        before = fake.sent_per_chat[user.id]
        started = SENT_AT[0] = time.perf_counter()
        fake.send_text(user, text)
        await fake.wait_until(lambda: fake.sent_per_chat[user.id] > before, timeout=30)
        return time.perf_counter() - started

    async def one(text: str) -> float:
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(play(text), fakes.loop))

    try:
        for text in TEXTS * 2:  # warm-up
            await one(text)
        durations.clear()
        starts.clear()
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        latencies = [await one(TEXTS[i % len(TEXTS)]) for i in range(messages)]
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
    finally:
        await runtime.stop()
        fakes.stop()
    print(f"{messages} messages, one at a time; load average {os.getloadavg()[0]:.2f}")
    print(
        f"latency p50 {1000 * statistics.median(latencies):.1f} ms, "
        f"mean {1000 * statistics.mean(latencies):.1f} ms"
    )
    print("  step (in the order they start)          starts at   takes (medians)")
    for name in sorted(durations, key=lambda step: statistics.median(starts[step])):
        values = durations[name]
        print(
            f"  {name:40} {1000 * statistics.median(starts[name]):6.2f} ms "
            f"{1000 * statistics.median(values):6.2f} ms, {len(values) / messages:.1f} per message"
        )


def main() -> None:
    """Reads the command line and runs the measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the app's loop")
    args = parser.parse_args()
    asyncio.run(measure(args.messages, args.profile))


if __name__ == "__main__":
    main()
