"""Benchmark: what webhook mode and /metrics cost (issue 14, #3 and #4).

- How long Telegram waits for the webhook's 200: the secret checked, the update parsed, stored
  and committed (the handlers run after the answer).
- How long one /metrics scrape takes with a large history: its database side is four aggregate
  queries, run at every scrape.

Runs the real app on a fresh SQLite file (or BENCH_DATABASE_URL: an empty PostgreSQL database)
with the fake Bot API and the fake Rasa.

    .venv/bin/python -m bench.operations [--updates 300] [--cases 20000]
"""

import argparse
import asyncio
import secrets
import statistics
import time

import aiohttp
from sqlalchemy import insert, select

from handoff.app.runtime import Runtime
from handoff.storage.tables import Case, Contact, Employee, OutboxMessage
from tests.conftest import quick_settings
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import FakeRasa
from tests.support.databases import bench_database

WEBHOOK_URL = "https://bot.example.org/telegram/updates"
TOKEN = secrets.token_urlsafe(32)


def milliseconds(values: list[float]) -> str:
    """The median and the 95th percentile of durations in seconds, in milliseconds."""
    ordered = sorted(values)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


async def fill(runtime: Runtime, cases: int) -> None:
    """Adds a history: cases (a tenth open) with transfers, and delivered outbox rows."""
    async with runtime.uow() as session:
        owners = list(await session.scalars(select(Employee.id)))
        await session.execute(
            insert(Contact),
            [
                {"channel": "telegram", "external_id": str(i), "rasa_sender_id": f"b{i}"}
                for i in range(cases)
            ],
        )
        contacts = list(await session.scalars(select(Contact.id)))
        topics = ["report_repair", "nuisance", "rent_question", "complaint"]
        await session.execute(
            insert(Case),
            [
                {
                    "contact_id": contact,
                    "owner_id": owners[i % len(owners)],
                    "topic": topics[i % len(topics)],
                    "summary": "x",
                    "summary_confirmed": True,
                    "routing_reason": "x",
                    "status": "open" if i % 10 == 0 else "closed",
                    "transfers": i % 3,
                }
                for i, contact in enumerate(contacts)
            ],
        )
        await session.execute(
            insert(OutboxMessage),
            [
                {"channel": "telegram", "chat_id": str(i), "text": "x", "status": "sent"}
                for i in range(cases)
            ],
        )


async def run(updates: int, cases: int) -> None:
    """Times the webhook's answer to `updates` updates, then /metrics over `cases` cases."""
    url = bench_database()
    bot_api, fake_rasa = FakeBotApi(), FakeRasa()
    await bot_api.start()
    await fake_rasa.start()
    settings = quick_settings(
        url, bot_api, fake_rasa, telegram_webhook_url=WEBHOOK_URL, metrics_token=TOKEN
    )
    runtime = Runtime(settings, escalation_interval=3600)
    await runtime.start()
    try:
        await runtime.rasa_ready.wait()
        bot_api.forward_webhook_to(f"http://127.0.0.1:{runtime.web_port}")
        acks = []
        for i in range(updates):
            body = bot_api.text_update(FakeUser(100_000 + i, "Bench"), "hallo")
            started = time.perf_counter()
            assert await bot_api.post_to_webhook(body) == 200
            acks.append(time.perf_counter() - started)
        print(f"webhook, {updates} updates one after another: {milliseconds(acks)} to the 200")
        await fill(runtime, cases)
        scrapes = []
        headers = {"Authorization": f"Bearer {TOKEN}"}
        async with aiohttp.ClientSession() as http:
            for _ in range(30):
                started = time.perf_counter()
                async with http.get(
                    f"http://127.0.0.1:{runtime.web_port}/metrics", headers=headers
                ) as response:
                    assert response.status == 200
                    await response.read()
                scrapes.append(time.perf_counter() - started)
        print(f"/metrics with {cases} cases and outbox rows: {milliseconds(scrapes)} per scrape")
    finally:
        await runtime.stop()
        await fake_rasa.stop()
        await bot_api.stop()


def main() -> int:
    """Reads the command line and runs the benchmark."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=300)
    parser.add_argument("--cases", type=int, default=20_000)
    options = parser.parse_args()
    asyncio.run(run(options.updates, options.cases))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
