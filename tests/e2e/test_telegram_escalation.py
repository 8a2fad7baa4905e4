"""A case nobody took up: the owner is reminded, then a colleague at work (or the team's lead)
takes it and the tenant hears the new name. The clock is passed in; the messages travel the
whole way through the outbox and the fake Bot API."""

from datetime import timedelta

from sqlalchemy import select

from handoff.app.runtime import Runtime
from handoff.domain.escalation import Step
from handoff.services.escalation import escalate
from handoff.storage.tables import Case, utcnow
from tests.conftest import FATIMA, KEES, MEHMET, SANNE
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.scenarios import hand_over_repair, report_nuisance

TENANT = FakeUser(5010, "Ruben", "de Jong")


async def escalate_after(runtime: Runtime, minutes: int) -> dict[Step, int]:
    """Runs the watch as if `minutes` passed since the case was assigned."""
    async with runtime.uow.read() as session:
        assigned = await session.scalar(select(Case.assigned_at).order_by(Case.id.desc()))
    now = assigned + timedelta(minutes=minutes)
    return await escalate(runtime.uow, runtime.directory, runtime.settings.escalation, now)


async def test_owner_is_reminded_once_then_a_present_colleague_takes_over(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    handed = await report_nuisance(bot_api, TENANT)
    assert handed.text.startswith("Sanne de Vries")
    await bot_api.wait_for_text(SANNE.id, "Zaak ")

    assert await escalate_after(telegram_app, 59) == {Step.REMIND: 0, Step.REASSIGN: 0}
    assert await escalate_after(telegram_app, 61) == {Step.REMIND: 1, Step.REASSIGN: 0}
    reminder = await bot_api.wait_for_text(SANNE.id, "Herinnering: zaak ")
    assert "Ruben de Jong" in reminder.text
    titles = [title for title, _ in reminder.buttons()]
    assert titles == ["Oppakken", "Doorzetten", "Afsluiten", "De bot begreep dit verkeerd"]
    assert await escalate_after(telegram_app, 62) == {Step.REMIND: 0, Step.REASSIGN: 0}

    assert await escalate_after(telegram_app, 181) == {Step.REMIND: 0, Step.REASSIGN: 1}
    moved = await bot_api.wait_for_text(TENANT.id, "kon nog niet aan uw vraag beginnen")
    assert moved.text.startswith("Sanne de Vries kon nog niet")
    assert "ligt uw vraag nu bij Mehmet Yilmaz van team Wijkbeheer" in moved.text
    notification = await bot_api.wait_for_text(MEHMET.id, "Zaak ")
    assert "overgenomen van Sanne de Vries" in notification.text
    assert "de buren maken elke nacht lawaai" in notification.text  # the whole conversation
    await bot_api.wait_for_text(SANNE.id, "is nu bij Mehmet Yilmaz")
    async with telegram_app.uow.read() as session:
        case = await session.scalar(select(Case))
    assert case.transfers == 1
    assert case.reminded_at is None  # Mehmet's clock starts afresh

    # Mehmet answers: a case someone took up is never escalated again.
    bot_api.send_text(MEHMET, "Ik bel u vanmiddag.", reply_to=notification)
    await bot_api.wait_for_text(TENANT.id, "Mehmet Yilmaz: Ik bel u vanmiddag.")
    assert await escalate_after(telegram_app, 600) == {Step.REMIND: 0, Step.REASSIGN: 0}


async def test_the_lead_takes_over_when_nobody_in_the_team_can(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    await hand_over_repair(bot_api, TENANT)  # Fatima is alone in Reparaties
    assert await escalate_after(telegram_app, 200) == {Step.REMIND: 0, Step.REASSIGN: 1}
    moved = await bot_api.wait_for_text(TENANT.id, "kon nog niet aan uw vraag beginnen")
    assert "ligt uw vraag nu bij Kees Visser" in moved.text
    await bot_api.wait_for_text(KEES.id, "overgenomen van Fatima el Amrani")
    await bot_api.wait_for_text(FATIMA.id, "is nu bij Kees Visser")


async def test_a_claimed_case_is_never_escalated(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    notification = await hand_over_repair(bot_api, TENANT)
    bot_api.press_button(FATIMA, notification, dict(notification.buttons())["Oppakken"])
    await bot_api.wait_for_text(TENANT.id, "heeft uw vraag nu opgepakt")
    before = utcnow()
    assert await escalate_after(telegram_app, 1000) == {Step.REMIND: 0, Step.REASSIGN: 0}
    assert not [m for m in bot_api.messages_to(FATIMA.id) if "Herinnering" in (m.text or "")]
    async with telegram_app.uow.read() as session:
        case = await session.scalar(select(Case))
    assert case.owner_id is not None
    assert case.claimed_at < before


async def test_an_owner_who_goes_away_hands_waiting_cases_to_a_colleague_at_once(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    handed = await report_nuisance(bot_api, TENANT)
    assert handed.text.startswith("Sanne de Vries")
    assert await escalate_after(telegram_app, 1) == {Step.REMIND: 0, Step.REASSIGN: 0}
    bot_api.send_text(SANNE, "/afwezig")
    await bot_api.wait_for_text(SANNE.id, "U staat op afwezig.")
    assert await escalate_after(telegram_app, 2) == {Step.REMIND: 0, Step.REASSIGN: 1}
    moved = await bot_api.wait_for_text(TENANT.id, "kon nog niet aan uw vraag beginnen")
    assert "ligt uw vraag nu bij Mehmet Yilmaz" in moved.text
