"""Benchmark: N simulated tenants through our whole path, and the same messages at bare Rasa.

Ours: fake Bot API server → python-telegram-bot (storing poller) → database → Rasa → outbox →
fake Bot API server. The app runs as its own process, as `make run`
starts it. Bare: the same texts POSTed straight to Rasa's REST webhook. Both paths use the same
Rasa server in alternating rounds, so the ratio means something on a shared, noisy machine.
This is a benchmark, not a test: it prints figures, it asserts none.

    .venv/bin/python -m bench.tenant_path --tenants 20 --messages 5 --rounds 2
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from asyncio.subprocess import Process
from pathlib import Path

import aiohttp

from handoff.paths import PROJECT_ROOT
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.support.databases import reset_postgres
from tests.support.rasa_servers import RasaServers, start_rasa

# Each message gets exactly one answer and leaves the tenant with the assistant.
SCRIPT = [
    "hallo",
    "ben jij een robot",
    "wat voor weer wordt het morgen",
    "bedankt voor de hulp",
    "tot ziens",
    "goedemorgen",
    "praat ik met een mens",
    "hoe laat gaat de supermarkt open",
]


async def ours(fake: FakeBotApi, tenants: int, messages: int, first_id: int) -> list[float]:
    """Plays the tenants through the fake Bot API; returns each message's latency in seconds."""
    latencies: list[float] = []

    async def tenant(user: FakeUser) -> None:
        for text in SCRIPT[:messages]:
            before = fake.sent_per_chat[user.id]
            started = time.perf_counter()
            fake.send_text(user, text)
            await fake.wait_until(
                lambda before=before: fake.sent_per_chat[user.id] > before, timeout=120
            )
            latencies.append(time.perf_counter() - started)

    users = [FakeUser(first_id + i, f"Huurder{i}") for i in range(tenants)]
    await asyncio.gather(*(tenant(user) for user in users))
    return latencies


async def bare(rasa: RasaServers, tenants: int, messages: int) -> list[float]:
    """Sends the same texts straight to Rasa's REST webhook; returns the latencies."""
    latencies: list[float] = []
    url = f"{rasa.url}/webhooks/rest/webhook"
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def tenant() -> None:
            sender = uuid.uuid4().hex
            for text in SCRIPT[:messages]:
                started = time.perf_counter()
                async with http.post(url, json={"sender": sender, "message": text}) as response:
                    await response.json()
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(tenant() for _ in range(tenants)))
    return latencies


def summary(latencies: list[float], seconds: float) -> dict[str, float]:
    """Returns p50, p95 (ms) and throughput (messages per second)."""
    ordered = sorted(latencies)
    return {
        "p50_ms": 1000 * statistics.median(ordered),
        "p95_ms": 1000 * ordered[max(0, round(0.95 * len(ordered)) - 1)],
        "throughput": len(ordered) / seconds,
        "messages": len(ordered),
    }


async def start_app(fake: FakeBotApi, rasa: RasaServers, database_url: str) -> Process:
    """Starts the app as its own process, as `make run` does, and waits until it polls."""
    env = os.environ | {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "DATABASE_URL": database_url,
        "RASA_URL": rasa.url,
        "RASA_TOKEN": rasa.token,
        "EMPLOYEES_FILE": str(PROJECT_ROOT / "tests" / "data" / "employees.yml"),
        "WEB_PORT": "0",
        "LOG_LEVEL": "WARNING",
    }
    app = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "handoff", "app", env=env, cwd=PROJECT_ROOT
    )
    await fake.wait_until(lambda: fake.polls > 0, timeout=120)
    return app


async def run(args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """Runs rounds through the app and straight to Rasa in turn; returns each path's figures."""
    rasa = await asyncio.to_thread(start_rasa, PROJECT_ROOT / "var" / "bench-logs")
    fake = FakeBotApi()
    await fake.start()
    scratch = tempfile.TemporaryDirectory()
    database_url = args.scratch_postgres or f"sqlite:///{Path(scratch.name) / 'bench.db'}"
    if args.scratch_postgres:
        await asyncio.to_thread(reset_postgres, args.scratch_postgres)
    app = await start_app(fake, rasa, database_url)
    results: dict[str, list[float]] = {"ours": [], "bare": []}
    elapsed = {"ours": 0.0, "bare": 0.0}
    try:
        await bare(rasa, 2, 2)  # warm up both paths once
        await ours(fake, 2, 2, first_id=10_000)
        for round_number in range(args.rounds):
            for name in ("bare", "ours"):
                started = time.perf_counter()
                if name == "ours":
                    first_id = 100_000 * (round_number + 1)
                    latencies = await ours(fake, args.tenants, args.messages, first_id)
                else:
                    latencies = await bare(rasa, args.tenants, args.messages)
                elapsed[name] += time.perf_counter() - started
                results[name] += latencies
    finally:
        app.terminate()
        await app.wait()
        await fake.stop()
        rasa.stop()
        scratch.cleanup()
    return {name: summary(results[name], elapsed[name]) for name in results}


def main() -> None:
    """Reads the command line, runs the comparison and prints it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=20, help="concurrent tenants")
    parser.add_argument("--messages", type=int, default=5, help="messages per tenant per round")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of each path")
    parser.add_argument(
        "--scratch-postgres",
        metavar="URL",
        help="run on this PostgreSQL database, after DROPPING its public schema "
        "(default: a fresh SQLite file)",
    )
    args = parser.parse_args()
    figures = asyncio.run(run(args))
    ours_, bare_ = figures["ours"], figures["bare"]
    print(f"{args.tenants} tenants × {args.messages} messages × {args.rounds} rounds")
    print(f"{'':6} {'p50 ms':>8} {'p95 ms':>8} {'msg/s':>8}")
    for name, row in (("ours", ours_), ("bare", bare_)):
        print(f"{name:6} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} {row['throughput']:8.1f}")
    print(
        f"ratio  {ours_['p50_ms'] / bare_['p50_ms']:8.2f} {ours_['p95_ms'] / bare_['p95_ms']:8.2f}"
        f" {ours_['throughput'] / bare_['throughput']:8.2f}   (ours / bare Rasa)"
    )
    out = PROJECT_ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "tenant_path.json").write_text(json.dumps({"args": vars(args), **figures}, indent=2))


if __name__ == "__main__":
    main()
