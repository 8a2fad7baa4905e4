"""/vergeetmij against the real Rasa: afterwards its tracker store holds no event of any
conversation the tenant ever had (the one before their case closed, and the one after)."""

from sqlalchemy import select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.services import privacy
from handoff.storage.tables import Case, ContactSenderId
from tests.conftest import MEHMET
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.support.tenants import TelegramTenant
from tests.support.trackers import events_of, found_anywhere, tracker_texts

TENANT = FakeUser(7723456, "Geertruida", "Klaverblad")
NUISANCE = "de buren maken elke nacht lawaai"


async def test_after_vergeetmij_rasa_keeps_no_event_of_the_tenant(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    trackers_url = telegram_app.settings.rasa_tracker_store_url
    # The run's Rasa servers share one tracker store: other tests' tenants said the same words.
    before = tracker_texts(trackers_url)
    tenant = TelegramTenant(bot_api, TENANT)
    await tenant.say("hallo")
    await tenant.expect("Waar kan ik u mee helpen?")
    await tenant.say(NUISANCE)
    summary = await tenant.expect("Dus als ik het goed begrijp")
    await tenant.press(summary, "/affirm")
    await tenant.expect("Wat is uw postcode en huisnummer?")
    await tenant.say("1013 ab, nummer 5")
    await tenant.expect("helpt u verder")
    async with telegram_app.uow.read() as session:
        case_id = await session.scalar(select(Case.id))
    bot_api.send_text(MEHMET, f"/afsluiten {case_id}")
    await tenant.expect(texts.FEEDBACK_HEARD)
    await tenant.say("hallo")  # a new conversation at Rasa
    await tenant.expect("Waar kan ik u mee helpen?")
    async with telegram_app.uow.read() as session:
        senders = list(await session.scalars(select(ContactSenderId.sender_id)))
    assert len(senders) == 2
    assert all(events_of(trackers_url, [sender]) > 0 for sender in senders)
    assert NUISANCE in tracker_texts(trackers_url)

    await tenant.say("/vergeetmij")
    asked = await tenant.expect(texts.FORGET_ASK)
    await tenant.press(asked, privacy.FORGET_YES)
    await tenant.expect(texts.FORGOTTEN)

    assert events_of(trackers_url, senders) == 0
    left = tracker_texts(trackers_url)
    assert left.count(NUISANCE) == before.count(NUISANCE)
    assert left.count("1013 ab") == before.count("1013 ab")
    assert await found_anywhere(telegram_app, [NUISANCE, "1013 ab", "Klaverblad"]) == []
