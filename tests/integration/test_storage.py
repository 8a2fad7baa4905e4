"""The database: migrations match the tables, updates are stored once, a case is claimed once."""

import asyncio
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy import func, select

from handoff.cases import lifecycle
from handoff.domain.case_actions import Outcome, Result
from handoff.services import intake
from handoff.storage.database import create_engine, session_factory, sync_url
from handoff.storage.migrate import upgrade
from handoff.storage.tables import Base, Case, Contact, Employee, InboundUpdate
from handoff.storage.unit_of_work import UnitOfWork


def test_migrations_create_exactly_the_tables_the_code_uses(database_url: str) -> None:
    engine = create_sync_engine(sync_url(database_url))
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


async def test_an_update_is_stored_once(database_url: str) -> None:
    engine = create_engine(database_url)
    uow = UnitOfWork(session_factory(engine))
    first = await intake.store(uow, "telegram", "42", {"update_id": 42})
    again = await intake.store(uow, "telegram", "42", {"update_id": 42})
    other_channel = await intake.store(uow, "web", "42", {})
    async with uow() as session:
        count = await session.scalar(select(func.count(InboundUpdate.id)))
    await engine.dispose()
    assert (first, again, other_channel, count) == (True, False, True, 2)


async def test_a_batch_tells_new_updates_from_replays_and_repeats(database_url: str) -> None:
    engine = create_engine(database_url)
    uow = UnitOfWork(session_factory(engine))
    await intake.store(uow, "telegram", "1", {"update_id": 1})
    batch = [("1", {"update_id": 1}), ("2", {"update_id": 2}), ("2", {"update_id": 2})]
    new = await intake.store_batch(uow, "telegram", [*batch, ("3", {"update_id": 3})])
    async with uow.read() as session:
        stored = await session.execute(select(InboundUpdate.update_id, InboundUpdate.payload))
        rows = sorted(stored.all())
    await engine.dispose()
    assert new == [False, True, False, True]
    assert rows == [("1", {"update_id": 1}), ("2", {"update_id": 2}), ("3", {"update_id": 3})]


async def test_concurrent_claims_give_one_owner_action(database_url: str) -> None:
    engine = create_engine(database_url)
    uow = UnitOfWork(session_factory(engine))
    async with uow() as session:
        owner = Employee(name="Fatima el Amrani")
        contact = Contact(channel="web", external_id="x", display_name="T", rasa_sender_id="s")
        session.add_all([owner, contact])
        await session.flush()
        case = Case(
            contact_id=contact.id,
            owner_id=owner.id,
            topic="report_repair",
            summary="uw kraan lekt",
            summary_confirmed=True,
            routing_reason="team Reparaties",
        )
        session.add(case)

    async def claim() -> Result:
        async with uow() as session:
            return await lifecycle.claim(session, case.id, owner.id)

    results = await asyncio.gather(*(claim() for _ in range(20)))
    await engine.dispose()
    assert [result.outcome for result in results].count(Outcome.DONE) == 1
    assert [result.outcome for result in results].count(Outcome.ALREADY_CLAIMED) == 19


async def test_sqlite_files_are_readable_by_this_user_only(tmp_path: Path) -> None:
    database = tmp_path / "var" / "aandacht.db"
    upgrade(f"sqlite:///{database}")
    engine = create_engine(f"sqlite:///{database}")
    try:
        async with engine.begin() as connection:  # WAL mode: the -wal and -shm files appear
            await connection.exec_driver_sql("CREATE TABLE probe (x INTEGER)")
        files = [database, *database.parent.glob("aandacht.db-*")]
        assert len(files) == 3
        assert {oct(path.stat().st_mode & 0o777) for path in files} == {oct(0o600)}
    finally:
        await engine.dispose()
