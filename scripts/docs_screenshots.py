"""Takes the screenshots in docs/retraining.md from the real pages.

    .venv/bin/python -m scripts.docs_screenshots

Starts the real Rasa servers (live and standby), the app on the fake Bot API, lets a few
tenants talk, and walks an admin through the inbox, a retraining and going live in Debian's
Chromium. Works on a copy of the Rasa project, so the repository's data is not touched.
"""

import asyncio
import shutil
import tempfile
from pathlib import Path

from playwright.async_api import async_playwright, expect

from handoff.app.runtime import Runtime
from handoff.paths import PROJECT_ROOT
from handoff.services.accounts import set_password
from handoff.storage.migrate import upgrade
from tests.conftest import telegram_settings
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.support.rasa_servers import start_rasa

OUT = PROJECT_ROOT / "docs" / "img"
# What tenants say, and what the admin labels it (the bot is unsure about some of them).
TEXTS = {
    "ik wil een parkeervergunning": "out_of_scope",
    "Ik wil een parkeervergunning!": "out_of_scope",
    "de intercom piept de hele dag": "report_repair",
    "mag mijn kleinzoon bij mij komen wonen": "rent_question",
    "ik krijg nooit antwoord op mijn mail": "complaint",
    "de kinderen van hiernaast trappen tegen mijn raam": "nuisance",
    "mijn buurvrouw hangt een schotel aan de gevel": "nuisance",
    "de lantaarnpaal voor mijn deur is al weken uit": "report_repair",
    "wanneer wordt het gras in ons hofje gemaaid": "planned_maintenance",
}


async def main() -> None:
    """Starts Rasa, the app and the fakes, lets tenants talk, then takes the screenshots."""
    work = Path(tempfile.mkdtemp())
    project = work / "rasa_project"
    shutil.copytree(PROJECT_ROOT / "rasa_project", project)
    rasa = start_rasa(PROJECT_ROOT / "var" / "test-logs" / "screenshots", standby=True)
    models = work / "models"
    models.mkdir()
    shutil.copy(rasa.model, models / rasa.model.name)
    bot_api = FakeBotApi()
    await bot_api.start()
    url = f"sqlite+aiosqlite:///{work / 'app.db'}"
    upgrade(url)
    settings = telegram_settings(url, bot_api, rasa)
    runtime = Runtime(settings, rasa_project=project, models_dir=models)
    try:
        await runtime.start()
        await runtime.rasa_ready.wait()
        for number, text in enumerate([*TEXTS, "de buren maken elke nacht lawaai"]):
            tenant = FakeUser(6000 + number, "Huurder", str(number))
            start = len(bot_api.sent)
            bot_api.send_text(tenant, text)
            reply = await bot_api.wait_for(lambda m, t=tenant: m.chat_id == t.id, start=start)
            if "Dus als ik het goed begrijp" in (reply.text or ""):
                start = len(bot_api.sent)
                bot_api.press_button(tenant, reply, "/deny")  # a rejected summary
                await bot_api.wait_for(lambda m, t=tenant: m.chat_id == t.id, start=start)
        await take(runtime)
    finally:
        await runtime.stop()
        await bot_api.stop()
        rasa.stop()
        shutil.rmtree(work)


async def take(runtime: Runtime) -> None:
    """Logs in as the admin and takes each screenshot of the retraining pages."""
    await set_password(runtime.uow, "Kees Visser", "schermafdrukken maken")
    base = f"http://127.0.0.1:{runtime.web_port}"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=shutil.which("chromium"))
        page = await browser.new_page(viewport={"width": 1100, "height": 900})
        await page.goto(f"{base}/admin/inbox")
        await page.get_by_label("Uw naam").fill("Kees Visser")
        await page.get_by_label("Wachtwoord").fill("schermafdrukken maken")
        await page.get_by_role("button", name="Inloggen").click()
        await expect(
            page.get_by_role("heading", name="Wat de bot niet goed begreep")
        ).to_be_visible()
        await page.screenshot(path=OUT / "retraining-inbox.png", full_page=True)
        labelled = 0
        for text, intent in TEXTS.items():
            group = page.locator("section.review", has_text=f"“{text}”")
            if await group.count() != 1:
                continue  # the bot was sure, or it is in another's group
            await group.get_by_label("Wat bedoelde de huurder?").select_option(intent)
            await group.get_by_role("button", name="Bewaar").click()
            await expect(page.get_by_role("status")).to_contain_text("toegevoegd")
            labelled += 1
            if labelled == 1:
                await page.screenshot(path=OUT / "retraining-labelled.png")
        await page.goto(f"{base}/admin/modellen")
        await page.get_by_role("button", name="Opnieuw trainen").click()
        progress = page.get_by_role("progressbar")
        await expect(progress).to_contain_text("klaar", timeout=120_000)
        await page.screenshot(path=OUT / "retraining-progress.png")
        await expect(page.get_by_role("button", name="Live zetten")).to_be_visible(timeout=600_000)
        await page.screenshot(path=OUT / "retraining-gate.png", full_page=True)
        await page.get_by_role("button", name="Live zetten").click()
        await expect(page.get_by_role("status")).to_contain_text("is live")
        await page.screenshot(path=OUT / "retraining-live.png")
        await browser.close()


if __name__ == "__main__":
    asyncio.run(main())
