"""Rasa as Compose starts it (endpoints.compose.yml) keeps conversations in PostgreSQL, in a
database it creates itself, where the app's export, erasure and retention find them."""

import os
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from handoff.storage.database import sync_url
from handoff.storage.rasa_trackers import RasaTrackers
from tests.support.rasa_servers import start_rasa

POSTGRES = os.environ.get("TEST_DATABASE_URL", "")
TRACKER_DB = "aandacht_compose_trackers"

pytestmark = [
    pytest.mark.rasa,
    pytest.mark.skipif(not POSTGRES.startswith("postgresql"), reason="needs TEST_DATABASE_URL"),
]


def drop_tracker_database() -> None:
    engine = create_engine(sync_url(POSTGRES), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {TRACKER_DB} WITH (FORCE)"))
    engine.dispose()


async def test_rasa_keeps_conversations_where_the_app_reads_and_erases_them(
    tmp_path: Path,
) -> None:
    server = make_url(POSTGRES)
    drop_tracker_database()  # Rasa must create it, as on Compose's first start
    rasa = start_rasa(
        tmp_path,
        endpoints="endpoints.compose.yml",
        environment={
            "RASA_TRACKER_HOST": server.host or "127.0.0.1",
            "RASA_TRACKER_DB": TRACKER_DB,
            "RASA_TRACKER_LOGIN_DB": server.database or "postgres",
            "RASA_TRACKER_USER": server.username or "postgres",
            "RASA_TRACKER_PASSWORD": server.password or "",
        },
    )
    trackers = RasaTrackers(str(server.set(database=TRACKER_DB)))
    try:
        async with aiohttp.ClientSession() as http:
            body = {"sender": "compose-tenant", "message": "hallo"}
            async with http.post(f"{rasa.url}/webhooks/aandacht/webhook", json=body) as answer:
                assert (await answer.json())["messages"]  # the bot answered

        events = await trackers.events(["compose-tenant"])
        assert [e.data.get("text") for e in events if e.type_name == "user"] == ["hallo"]
        assert (await trackers.delete(["compose-tenant"])).senders == 1
        assert await trackers.events(["compose-tenant"]) == []
    finally:
        await trackers.close()
        rasa.stop()
        drop_tracker_database()
