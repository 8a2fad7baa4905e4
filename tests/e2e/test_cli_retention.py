"""`python -m handoff bewaartermijn [--dry-run]`: what would go, then what went, per kind."""

import asyncio
import os
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from handoff.paths import PROJECT_ROOT
from handoff.storage.database import create_engine, session_factory
from handoff.storage.tables import Contact, Message, OutboxMessage, utcnow
from handoff.storage.unit_of_work import UnitOfWork
from tests.conftest import TEST_EMPLOYEES


async def retention_command(tmp_path: Path, database_url: str, *options: str) -> tuple[int, str]:
    """Runs the command as an admin would; returns its exit code and what it printed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "RETAIN_"))}
    env |= {
        "DATABASE_URL": database_url,
        "EMPLOYEES_FILE": str(TEST_EMPLOYEES),
        "PYTHONPATH": str(PROJECT_ROOT),
        "RETAIN_OUTBOX_DAYS": "10",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "handoff", "bewaartermijn", *options,
        cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        stdin=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, stderr.decode()
    return process.returncode, stdout.decode()


CONVERSATIONS = "RETAIN_CONVERSATIONS_DAYS)"
TRACKERS = "RETAIN_RASA_TRACKERS_DAYS)"


def line(output: str, label: str) -> str:
    return next(row.strip() for row in output.splitlines() if row.strip().startswith(label))


async def test_an_admin_sees_what_would_go_then_purges_it(
    tmp_path: Path, database_url: str
) -> None:
    engine = create_engine(database_url)
    uow = UnitOfWork(session_factory(engine))
    async with uow() as session:
        contact = Contact(channel="web", external_id="w", display_name="Anna", rasa_sender_id="s")
        session.add(contact)
        await session.flush()
        old = utcnow() - timedelta(days=400)
        session.add_all(
            [Message(contact_id=contact.id, sender="tenant", text="hallo", created_at=old)]
            + [
                OutboxMessage(channel="web", chat_id="w", text="hoi", status=status, created_at=at)
                for status, at in [
                    ("sent", utcnow() - timedelta(days=11)),  # RETAIN_OUTBOX_DAYS=10
                    ("failed", old),
                    ("sent", utcnow() - timedelta(days=9)),
                    ("pending", old),
                ]
            ]
        )

    _, dry = await retention_command(tmp_path, database_url, "--dry-run")
    assert dry.splitlines()[0] == "Dry run, nothing changed; would go:"
    assert line(dry, "sent or failed outbox rows") == (
        "sent or failed outbox rows: 2 (kept 10 days, RETAIN_OUTBOX_DAYS)"
    )
    assert line(dry, "messages of closed cases").endswith(": 1 (kept 180 days, " + CONVERSATIONS)
    assert line(dry, "Rasa conversations").endswith(": 0 (kept 30 days, " + TRACKERS)
    async with uow.read() as session:
        assert len((await session.scalars(select(OutboxMessage.id))).all()) == 4

    _, done = await retention_command(tmp_path, database_url)
    assert done.splitlines()[0] == "Retention purge done; went:"
    assert line(done, "sent or failed outbox rows").startswith("sent or failed outbox rows: 2 ")
    assert line(done, "messages of closed cases").endswith(": 1 (kept 180 days, " + CONVERSATIONS)
    async with uow.read() as session:
        assert await session.scalar(select(Message.id)) is None
        left = set((await session.execute(select(OutboxMessage.status))).scalars())
    assert left == {"sent", "pending"}

    _, again = await retention_command(tmp_path, database_url, "--dry-run")
    assert line(again, "sent or failed outbox rows").startswith("sent or failed outbox rows: 0 ")
    await engine.dispose()
