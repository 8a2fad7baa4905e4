"""Rasa's tracker store for tests with the fake Rasa: the conversations the fake heard are
written as Rasa 3.6's SQLTrackerStore writes them (its `events` table), and every table of the
app can be searched for what a tenant left behind."""

import json
import time
from typing import Any

from sqlalchemy import create_engine, func, insert, select
from sqlalchemy.types import JSON, String, Text

from handoff.app.runtime import Runtime
from handoff.storage.database import sync_url
from handoff.storage.rasa_trackers import EVENTS, METADATA
from handoff.storage.tables import Base
from tests.fakes.rasa import FakeRasa


def record_like_rasa(url: str, fake_rasa: FakeRasa, reply: str) -> None:
    """Writes what the fake Rasa heard into the tracker store: per message a user event with
    its intent, an entity-bearing slot, and the bot's reply."""
    engine = create_engine(sync_url(url))
    METADATA.create_all(engine)
    now = time.time()
    with engine.begin() as connection:
        for index, received in enumerate(fake_rasa.received):
            at = now + index
            events: list[tuple[str, dict[str, Any]]] = [
                (
                    "user",
                    {
                        "text": received.text,
                        "parse_data": {"intent": {"name": "inform", "confidence": 0.9}},
                    },
                ),
                ("slot", {"name": "last_message", "value": received.text}),
                ("action", {"name": "action_listen"}),
                ("bot", {"text": reply}),
            ]
            for type_name, data in events:
                connection.execute(
                    insert(EVENTS).values(
                        sender_id=received.sender,
                        type_name=type_name,
                        timestamp=at,
                        data=json.dumps({"event": type_name, "timestamp": at, **data}),
                    )
                )
    engine.dispose()


def events_of(url: str, sender_ids: list[str]) -> int:
    """How many events the tracker store holds for these conversations."""
    engine = create_engine(sync_url(url))
    with engine.connect() as connection:
        count = connection.scalar(
            select(func.count()).select_from(EVENTS).where(EVENTS.c.sender_id.in_(sender_ids))
        )
    engine.dispose()
    return count or 0


def tracker_texts(url: str) -> str:
    """Everything in the tracker store, as one text to search."""
    engine = create_engine(sync_url(url))
    with engine.connect() as connection:
        rows = connection.execute(select(EVENTS)).all()
    engine.dispose()
    return "\n".join(" ".join(str(value) for value in row) for row in rows)


async def found_anywhere(runtime: Runtime, needles: list[str]) -> list[str]:
    """Every text and JSON value in every table of the app that contains one of the needles,
    as "table.column: needle"."""
    found = []
    async with runtime.uow.read() as session:
        for table in Base.metadata.sorted_tables:
            columns = [
                column
                for column in table.columns
                if isinstance(column.type, String | Text | JSON)
                or isinstance(getattr(column.type, "impl", None), String | Text | JSON)
            ]
            if not columns:
                continue
            for row in (await session.execute(select(*columns))).all():
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    text = value
                    if not isinstance(value, str):
                        text = json.dumps(value, ensure_ascii=False)
                    found += [
                        f"{table.name}.{column.name}: {needle}"
                        for needle in needles
                        if needle in text
                    ]
    return found
