"""The admins' pages over HTTP: only admins, CSRF, the inbox with masked messages from the
real conversation (unsure turns, rejected summaries, an employee's "de bot begreep dit
verkeerd"), labelling into YAML, and a retraining started from the page (test-sized project)."""

import asyncio
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import yaml
from sqlalchemy import select

from handoff.app.runtime import Runtime
from handoff.nlu import examples as training_data
from handoff.storage.tables import NluModel, ReviewItem
from tests.conftest import FATIMA, telegram_settings
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.scenarios import hand_over_repair
from tests.support.desk import DeskUser
from tests.support.rasa_servers import RasaServers

OTHER = FakeUser(5020, "Bram", "Smit")
SMALL_PROJECT = Path(__file__).parents[1] / "data" / "small_rasa_project"


@pytest.fixture
async def admin_app(
    database_url: str, rasa: RasaServers, bot_api: FakeBotApi, tmp_path: Path
) -> AsyncIterator[Runtime]:
    """The app on the real model; labels and retraining go to a test-sized project copy."""
    project = tmp_path / "project"
    shutil.copytree(SMALL_PROJECT, project)
    settings = telegram_settings(database_url, bot_api, rasa)
    runtime = Runtime(settings, rasa_project=project, models_dir=tmp_path / "models")
    await runtime.start()
    yield runtime
    await runtime.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session


async def test_admin_pages_are_for_admins_only(
    admin_app: Runtime, http: aiohttp.ClientSession
) -> None:
    fatima = DeskUser(http, f"http://127.0.0.1:{admin_app.web_port}")
    await fatima.log_in(admin_app, "Fatima el Amrani")
    for path in ("/admin/inbox", "/admin/modellen"):
        async with http.get(f"{fatima.base}{path}") as response:
            assert response.status == 403
    refused = await fatima.post("/admin/modellen/trainen")
    assert refused.status == 403
    assert not admin_app.retraining.busy


async def test_inbox_collects_masks_and_labels_into_yaml_then_retrains(
    admin_app: Runtime, bot_api: FakeBotApi, http: aiohttp.ClientSession
) -> None:
    # A summary one tenant rejected; another's case the employee says the bot misread.
    bot_api.send_text(
        OTHER, "mijn naam is Bram Smit, bel 06-12345678, de buren maken elke nacht lawaai"
    )
    summary = await bot_api.wait_for_text(OTHER.id, "Dus als ik het goed begrijp")
    bot_api.press_button(OTHER, summary, "/deny")
    await bot_api.wait_for_text(OTHER.id, "Wat klopt er niet?")
    notification = await hand_over_repair(bot_api)
    misread = dict(notification.buttons())["De bot begreep dit verkeerd"]
    bot_api.press_button(FATIMA, notification, misread)
    await bot_api.wait_until(
        lambda: any("beheerder" in (a.get("text") or "") for a in bot_api.callback_answers)
    )
    async with admin_app.uow.read() as session:
        items = {item.text: item.reasons for item in await session.scalars(select(ReviewItem))}
    assert items["mijn naam is [naam], bel [telefoon], de buren maken elke nacht lawaai"] == [
        "samenvatting afgewezen"
    ]
    assert items["mijn kraan in de keuken lekt al een week"] == ["medewerker: verkeerd begrepen"]
    assert not any("Bram" in text or "0612" in text for text in items)

    kees = DeskUser(http, f"http://127.0.0.1:{admin_app.web_port}")
    await kees.log_in(admin_app, "Kees Visser")
    page = await kees.get("/admin/inbox")
    assert "mijn naam is [naam], bel [telefoon], de buren maken elke nacht lawaai" in page
    assert "Reparatie (report_repair)" in page  # the intents in Dutch, with their names
    group = next(
        key
        for key in re.findall(r'name="group" value="([^"]+)"', page)
        if key.startswith("[naam]")
    )
    forged = await http.post(
        f"{kees.base}/admin/inbox/label", data={"group": group, "intent": "report_repair"}
    )
    assert forged.status == 403  # no CSRF token
    labelled = await kees.post("/admin/inbox/label", group=group, intent="report_repair")
    assert "toegevoegd aan data/nlu/inbox.yml als report_repair" in await labelled.text()
    inbox = yaml.safe_load((admin_app.rasa_project / training_data.INBOX_FILE).read_text())
    assert inbox["nlu"][0]["intent"] == "report_repair"
    assert "[naam]" in inbox["nlu"][0]["examples"]
    assert "Bram" not in inbox["nlu"][0]["examples"]
    open_part = (await kees.get("/admin/inbox")).split("Onlangs gelabeld")[0]
    assert group not in open_part

    started = await kees.post("/admin/modellen/trainen")
    assert "Het trainen is begonnen" in await started.text()
    await asyncio.wait_for(admin_app.retraining.wait(), 300)
    page = await kees.get("/admin/modellen")
    assert "klaar om live te zetten" in page or "afgewezen door de vergelijking" in page
    assert "Volledig getraind" in page
    assert "Overlast" in page  # F1 per intent, in Dutch
    async with admin_app.uow.read() as session:
        newest = await session.scalar(select(NluModel).order_by(NluModel.id.desc()))
    assert newest.created_by is not None
    assert newest.metrics["f1"]
    # Taken back: the example leaves the YAML and the group is in the inbox again.
    page = await kees.get("/admin/inbox")
    assert "Onlangs gelabeld" in page
    back = await kees.post("/admin/inbox/terug", group=group)
    assert "1 voorbeeld(en) weer uit data/nlu/inbox.yml" in await back.text()
    assert not (admin_app.rasa_project / training_data.INBOX_FILE).exists()
    assert group in (await kees.get("/admin/inbox")).split("Onlangs gelabeld")[0]
