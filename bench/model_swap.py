"""Benchmark: how long tenants wait while a new model goes live, ours against Rasa's own way.

Ours: the standby Rasa server loads the model, then the app's client switches to it
(handoff/nlu/switch.py). Rasa's own: `PUT /model` on the server that is answering.
In both, N tenants keep sending messages to the live server through the app's RasaClient; we
report the slowest answer and the 99th percentile during each switch, and their ratio. Both
run against the same two Rasa servers in one run. A benchmark, not a test: it asserts nothing.

    .venv/bin/python -m bench.model_swap --tenants 8
"""

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp

from handoff.nlu.client import RasaClient
from handoff.nlu.switch import ModelSwitch
from handoff.paths import PROJECT_ROOT
from handoff.storage.database import create_engine, session_factory
from handoff.storage.migrate import upgrade
from handoff.storage.tables import NluModel
from handoff.storage.unit_of_work import UnitOfWork
from tests.support.rasa_servers import start_rasa


async def chatting(client: RasaClient, done: asyncio.Event) -> list[float]:
    """Sends a message after each answer until `done` is set; returns how long each answer took."""
    waits: list[float] = []
    sender = uuid.uuid4().hex
    while not done.is_set():
        started = time.perf_counter()
        await client.send(sender, "hallo")
        waits.append(time.perf_counter() - started)
    return waits


async def during(
    client: RasaClient, tenants: int, switch: Callable[[], Awaitable[object]]
) -> tuple[list[float], float]:
    """Lets `tenants` tenants chat while `switch` runs; returns their waits and its seconds."""
    done = asyncio.Event()
    chats = [asyncio.create_task(chatting(client, done)) for _ in range(tenants)]
    await asyncio.sleep(0.5)  # a benchmark's warm-up, not synchronisation
    started = time.perf_counter()
    await switch()
    seconds = time.perf_counter() - started
    await asyncio.sleep(0.5)
    done.set()
    return [w for chat in await asyncio.gather(*chats) for w in chat], seconds


async def run(tenants: int) -> None:
    """Compares our standby switch with Rasa's in-place load while tenants chat; prints both."""
    work = Path(tempfile.mkdtemp())
    rasa = start_rasa(PROJECT_ROOT / "var" / "bench-logs" / "swap", standby=True)
    try:
        names = ["aandacht-bench-a.tar.gz", "aandacht-bench-b.tar.gz"]
        for name in names:
            shutil.copy(rasa.model, work / name)
        url = f"sqlite+aiosqlite:///{work / 'bench.db'}"
        upgrade(url)
        engine = create_engine(url)
        uow = UnitOfWork(session_factory(engine), serialize_writes=True)
        async with uow() as session:
            rows = [NluModel(file_name=n, fingerprint="bench", training="full",
                             status="candidate") for n in names]  # fmt: skip
            session.add_all(rows)
        async with aiohttp.ClientSession() as http:
            client = RasaClient(rasa.url, rasa.token, http)
            switch = ModelSwitch(uow, client, rasa.standby_url, work)
            ours, ours_s = await during(client, tenants, lambda: switch.activate(rows[0].id, None))
            in_place = lambda: client.load_model(client.url, str(work / names[1]))  # noqa: E731
            theirs, theirs_s = await during(client, tenants, in_place)
        await engine.dispose()
    finally:
        rasa.stop()
        shutil.rmtree(work)
    print(f"{tenants} tenants sending continuously while a model goes live")
    print(
        f"{'':22} {'messages':>9} {'p50 ms':>8} {'p99 ms':>8} {'slowest ms':>11} {'switch s':>9}"
    )
    for name, waits, seconds in (("standby (ours)", ours, ours_s),
                                 ("PUT /model in place", theirs, theirs_s)):  # fmt: skip
        q = statistics.quantiles(waits, n=100)
        print(f"{name:22} {len(waits):9} {q[49] * 1000:8.1f} {q[98] * 1000:8.1f}"
              f" {max(waits) * 1000:11.1f} {seconds:9.2f}")  # fmt: skip
    print(f"slowest answer, in place / ours: {max(theirs) / max(ours):.1f}×")


def main() -> None:
    """Reads the command line and runs the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=8)
    asyncio.run(run(parser.parse_args().tenants))


if __name__ == "__main__":
    main()
