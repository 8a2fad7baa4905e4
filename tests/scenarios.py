"""Conversations with the real Rasa that several end-to-end modules play: a repair reported up
to the handoff, and nuisance with an address. Without a trained model, tests/factories.py opens
cases instead."""

from tests.conftest import FATIMA
from tests.fakes.bot_api import FakeBotApi, FakeUser, SentMessage

TENANT = FakeUser(5001, "Aysel", "Kaya")  # who reports the repair unless a test says otherwise


async def hand_over_repair(bot_api: FakeBotApi, tenant: FakeUser = TENANT) -> SentMessage:
    """Plays a tenant reporting a leaking tap up to the handoff; returns the notification.

    It returns once the transcript document (sent after the notification) arrived, so the
    notification's Telegram id is stored and an employee can reply to it.
    """
    bot_api.send_text(tenant, "hallo")
    greeting = await bot_api.wait_for_text(tenant.id, "digitale assistent")
    assert "adres" not in greeting.text.lower()  # listen first: no routing question
    bot_api.send_text(tenant, "mijn kraan in de keuken lekt al een week")
    summary = await bot_api.wait_for_text(tenant.id, "Dus als ik het goed begrijp")
    assert "uw kraan in de keuken lekt al een week" in summary.text
    assert summary.buttons() == [("Ja", "/affirm"), ("Nee", "/deny")]
    bot_api.press_button(tenant, summary, "/affirm")
    question = await bot_api.wait_for_text(tenant.id, "Wat is uw postcode en huisnummer?")
    bot_api.press_button(tenant, question, "/deny")  # "Liever niet" is a fine answer
    handed = await bot_api.wait_for_text(tenant.id, "helpt u verder")
    assert handed.text.startswith("Fatima el Amrani van team Reparaties")
    notification = await bot_api.wait_for_text(FATIMA.id, "Zaak ")
    await bot_api.wait_for(lambda m: m.chat_id == FATIMA.id and m.method == "sendDocument")
    return notification


async def report_nuisance(bot_api: FakeBotApi, tenant: FakeUser) -> SentMessage:
    """Plays a tenant reporting noisy neighbours in area 1011; returns who will help them."""
    bot_api.send_text(tenant, "de buren maken elke nacht lawaai")
    summary = await bot_api.wait_for_text(tenant.id, "Dus als ik het goed begrijp")
    bot_api.press_button(tenant, summary, "/affirm")
    await bot_api.wait_for_text(tenant.id, "Wat is uw postcode en huisnummer?")
    bot_api.send_text(tenant, "1011 AB 3")
    return await bot_api.wait_for_text(tenant.id, "helpt u verder")
