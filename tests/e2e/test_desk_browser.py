"""The desk in a real browser: Playwright drives Debian's Chromium. An employee logs in, opens
a case, replies (the tenant gets it through the fake Bot API) and transfers it; the colleague's
open desk shows the case without reloading, and they close it."""

from playwright.async_api import Browser, expect
from sqlalchemy import select

from handoff.app.runtime import Runtime
from handoff.storage.tables import Case
from tests.conftest import KEES
from tests.fakes.bot_api import FakeBotApi
from tests.scenarios import TENANT, hand_over_repair
from tests.support.desk import log_in


async def test_employee_replies_transfers_and_colleague_closes_in_the_browser(
    telegram_app: Runtime, bot_api: FakeBotApi, browser: Browser
) -> None:
    await hand_over_repair(bot_api)
    async with telegram_app.uow.read() as session:
        case_id = await session.scalar(select(Case.id))
    kees = await log_in(browser, telegram_app, "Kees Visser")
    await expect(kees.get_by_role("heading", name="Zaken van Kees Visser")).to_be_visible()
    await expect(kees.get_by_text("Mijn open zaken (0)")).to_be_visible()

    fatima = await log_in(browser, telegram_app, "Fatima el Amrani")
    await fatima.get_by_role("link", name=str(case_id), exact=True).first.click()
    await expect(fatima.get_by_text("mijn kraan in de keuken lekt al een week")).to_be_visible()
    await fatima.get_by_label("Antwoord aan de huurder").fill("Ik kijk het na en bel u.")
    await fatima.get_by_role("button", name="Verstuur").click()
    await expect(fatima.get_by_role("status")).to_have_text("Uw antwoord is verstuurd.")
    await bot_api.wait_for_text(TENANT.id, "Fatima el Amrani: Ik kijk het na en bel u.")

    await fatima.get_by_text("Doorzetten", exact=True).click()
    await fatima.get_by_label("Aan wie?").select_option(label="Kees Visser")
    await fatima.get_by_label("Waarom?").fill("het gaat eigenlijk om de huur")
    await fatima.get_by_role("button", name="Zet door").click()
    await expect(fatima.get_by_role("status")).to_contain_text("De zaak is doorgezet")
    await bot_api.wait_for_text(TENANT.id, "Uw vraag ligt nu bij Kees Visser")

    # Kees's desk was open all along: the case appears there without a reload.
    await expect(kees.get_by_text("Mijn open zaken (1)")).to_be_visible()
    await kees.get_by_role("link", name=str(case_id), exact=True).first.click()
    await expect(kees.get_by_text("Notitie van Fatima el Amrani")).to_be_visible()
    await kees.get_by_text("Afsluiten", exact=True).click()
    await kees.get_by_label("Een laatste bericht aan de huurder").fill("Ik heb het geregeld.")
    await kees.get_by_role("button", name="Sluit af").click()
    await expect(kees.get_by_role("status")).to_contain_text("De zaak is afgesloten")
    await bot_api.wait_for_text(TENANT.id, "Kees Visser: Ik heb het geregeld.")
    await bot_api.wait_for_text(TENANT.id, "Kees Visser heeft uw vraag afgesloten")
    await bot_api.wait_for_text(KEES.id, "Zaak ")
