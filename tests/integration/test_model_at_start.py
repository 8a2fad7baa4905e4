"""Which model runs after a start: the registry's live one, never an un-gated one that Rasa
happened to start with (security review #26)."""

import asyncio
from pathlib import Path

from sqlalchemy import select

from handoff.app.config import Settings
from handoff.app.devserver import prepare
from handoff.app.runtime import Runtime, for_command
from handoff.storage.tables import NluModel
from tests.conftest import quick_settings
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.rasa import MODEL_FILE, FakeRasa

GATED = "aandacht-0123456789abcdef-2.tar.gz"


async def register_live(settings: Settings, models: Path, file_name: str) -> None:
    async with for_command(settings, models_dir=models) as runtime, runtime.uow() as session:
        session.add(
            NluModel(file_name=file_name, fingerprint="f", training="full", status="active")
        )


async def start_and_read_registry(settings: Settings, models: Path) -> list[tuple[str, str]]:
    runtime = Runtime(settings, escalation_interval=3600, models_dir=models)
    await runtime.start()
    try:
        await asyncio.wait_for(runtime.rasa_ready.wait(), timeout=10)
        async with runtime.uow() as session:
            rows = await session.scalars(select(NluModel).order_by(NluModel.id))
            return [(row.file_name, row.status) for row in rows]
    finally:
        await runtime.stop()


async def test_rasa_is_moved_to_the_registered_live_model(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, tmp_path: Path
) -> None:
    settings = quick_settings(database_url, bot_api, fake_rasa)
    (tmp_path / GATED).write_bytes(b"a gated model")
    await register_live(settings, tmp_path, GATED)

    registry = await start_and_read_registry(settings, tmp_path)

    assert fake_rasa.loaded == [str(tmp_path / GATED)]  # not the model Rasa started with
    assert registry == [(GATED, "active")]
    assert (tmp_path / "live.tar.gz").resolve() == tmp_path / GATED  # a restarted Rasa's model
    assert (await prepare(settings, tmp_path))[1] == tmp_path / GATED  # what make run starts


async def test_without_a_usable_live_model_rasas_model_becomes_live(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, tmp_path: Path
) -> None:
    settings = quick_settings(database_url, bot_api, fake_rasa)
    await register_live(settings, tmp_path, GATED)  # registered, but its file is gone

    registry = await start_and_read_registry(settings, tmp_path)

    assert fake_rasa.loaded == []
    assert (await prepare(settings, tmp_path))[1] is None  # make run trains or reuses instead
    assert registry == [(GATED, "retired"), (Path(MODEL_FILE).name, "active")]
