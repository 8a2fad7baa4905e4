"""A summary the tenant rejects puts what it summarised in the admins' inbox. The app knows
the summary by the name of the domain's response it came from, never by its wording."""

import pytest
from sqlalchemy import select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.storage.tables import Message, ReviewItem
from tests.conftest import make_settings
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import FakeRasa
from tests.support.tenants import tenant_on

TENANT = FakeUser(5402, "Aysel", "Kaya")
NEED = "de kraan lekt al dagen"
WHERE = "in de keuken bij het raam"
SUMMARY = "Dus als ik het goed begrijp: uw kraan in de keuken lekt. Klopt dat?"
SORRY = "Sorry, dan heb ik het niet goed begrepen. Wat is er aan de hand?"


async def rejected(runtime: Runtime) -> list[str]:
    """The texts in the inbox because a summary of them was rejected."""
    async with runtime.uow.read() as session:
        rows = await session.execute(
            select(Message.text, ReviewItem.reasons).join(
                ReviewItem, ReviewItem.message_id == Message.id
            )
        )
        return [text for text, reasons in rows if texts.REVIEW_SUMMARY_REJECTED in reasons]


@pytest.mark.parametrize(("channel", "named"), [("telegram", True), ("web", True), ("web", False)])
async def test_a_rejected_summary_puts_what_it_summarised_in_the_inbox(
    channel: str, named: bool, database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply_to(NEED, text="Waar lekt de kraan?", intent="report_repair")
    fake_rasa.reply_to(
        WHERE,
        text=SUMMARY,
        buttons=[("Ja", "/affirm"), ("Nee", "/deny")],
        response="utter_summary" if named else "utter_ask_details",
        intent="inform",
    )
    fake_rasa.reply_to("nee", text=SORRY, intent="deny")
    settings = make_settings(database_url, rasa_url=fake_rasa.url, rasa_token=fake_rasa.token)
    async with tenant_on(channel, settings, bot_api, TENANT) as (tenant, runtime):
        await tenant.say(NEED)
        await tenant.expect("Waar lekt de kraan?")
        await tenant.say(WHERE)
        await tenant.expect(SUMMARY)
        await tenant.say("nee")
        await tenant.expect(SORRY)
        # The same words from another response are no summary.
        assert sorted(await rejected(runtime)) == (sorted([NEED, WHERE]) if named else [])
