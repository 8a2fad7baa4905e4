"""Cases nobody took up, on a clock the test chooses: a reminder to the owner after their working
time, then a colleague at work (or the team's lead); an owner who goes /afwezig hands them on.
tests/e2e/test_telegram_escalation.py plays the same with the real Rasa."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.domain.escalation import Step
from handoff.services.escalation import escalate
from handoff.storage.tables import Case, Employee
from tests.conftest import FATIMA, KEES, MEHMET, SANNE, TEST_EMPLOYEES, quick_settings, start_quick
from tests.factories import case_row, notification_of, open_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import FakeRasa
from tests.support.employees import TelegramEmployee
from tests.support.templates import wait_for_said

TENANT = FakeUser(5301, "Ruben", "de Jong")
OTHER_TENANTS = [FakeUser(5302 + n, "Huurder", str(n)) for n in range(3)]
NUISANCE = {"topic": "nuisance", "summary": "de buren maken elke nacht lawaai"}
NOTHING = {Step.REMIND: 0, Step.REASSIGN: 0}
REMINDED = {Step.REMIND: 1, Step.REASSIGN: 0}
REASSIGNED = {Step.REMIND: 0, Step.REASSIGN: 1}
DUTCH = ZoneInfo("Europe/Amsterdam")


def dutch_time(day: int, hour: int, minute: int) -> datetime:
    """Returns a Dutch wall-clock moment in June 2025 in UTC, as the app keeps every moment."""
    return datetime(2025, 6, day, hour, minute, tzinfo=DUTCH).astimezone(UTC)


FRIDAY_1655 = dutch_time(13, 16, 55)


def monday(hour: int, minute: int) -> datetime:
    """Returns a moment on the Monday after FRIDAY_1655."""
    return dutch_time(16, hour, minute)


@pytest.fixture
async def office_hours_app(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, tmp_path: Path
) -> AsyncIterator[Runtime]:
    """The quick app with a directory whose employees work Monday to Friday, 9 to 5."""
    always = TEST_EMPLOYEES.read_text()
    assert '"ma-zo 00:00-24:00"' in always
    directory = tmp_path / "employees.yml"
    directory.write_text(always.replace('"ma-zo 00:00-24:00"', '"ma-vr 09:00-17:00"'))
    settings = quick_settings(database_url, bot_api, fake_rasa, employees_file=directory)
    runtime = await start_quick(settings)
    yield runtime
    await runtime.stop()


async def run_escalation(runtime: Runtime, now: datetime) -> dict[Step, int]:
    """Runs one round of the watch on waiting cases, as if it were `now`."""
    policy = runtime.settings.escalation
    return await escalate(runtime.uow, runtime.directory, policy, now)


async def owner_name(runtime: Runtime, case_id: int) -> str:
    async with runtime.uow.read() as session:
        name = await session.scalar(
            select(Employee.name)
            .join(Case, Case.owner_id == Employee.id)
            .where(Case.id == case_id)
        )
    assert name is not None
    return name


async def test_reminder_then_reassignment_count_only_the_owners_working_time(
    office_hours_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    app = office_hours_app
    case = await open_case(app, bot_api, fake_rasa, tenant=TENANT, **NUISANCE, postcode="1011 AB")
    assert case.owner == "Sanne de Vries"
    async with app.uow() as session:  # the case arrived just before the weekend
        await session.execute(
            update(Case).where(Case.id == case.id).values(assigned_at=FRIDAY_1655)
        )

    assert await run_escalation(app, FRIDAY_1655 + timedelta(minutes=35)) == NOTHING  # 5 min
    assert await run_escalation(app, monday(9, 54)) == NOTHING  # 59 minutes
    start = len(bot_api.sent)
    assert await run_escalation(app, monday(9, 56)) == REMINDED
    reminder = await wait_for_said(
        bot_api, SANNE.id, texts.REMINDER, start=start, case_id=case.id, tenant="Ruben de Jong"
    )
    assert [title for title, _ in reminder.buttons()] == [
        texts.CLAIM_BUTTON,
        texts.TRANSFER_BUTTON,
        texts.CLOSE_BUTTON,
        texts.MISREAD_BUTTON,
    ]
    assert await run_escalation(app, monday(9, 57)) == NOTHING  # once
    assert await run_escalation(app, monday(11, 54)) == NOTHING  # 179 min

    start = len(bot_api.sent)
    moved_at = monday(11, 56)
    assert await run_escalation(app, moved_at) == REASSIGNED
    await wait_for_said(
        bot_api,
        TENANT.id,
        texts.REASSIGNED,
        start=start,
        former="Sanne de Vries",
        employee="Mehmet Yilmaz",
        team="Wijkbeheer",
    )
    await bot_api.wait_for_text(
        SANNE.id, texts.TAKEN_OVER.format(case_id=case.id, employee="Mehmet Yilmaz"), start=start
    )
    await notification_of(
        bot_api,
        MEHMET.id,
        case.id,
        start,
        reason=texts.REASON_TAKEN_OVER.format(employee="Sanne de Vries"),
    )
    row = await case_row(app, case.id)
    assert (row.transfers, row.reminded_at, row.assigned_at) == (1, None, moved_at)

    # Mehmet's own clock starts at the reassignment.
    assert await run_escalation(app, moved_at + timedelta(minutes=59)) == NOTHING
    start = len(bot_api.sent)
    assert await run_escalation(app, moved_at + timedelta(minutes=61)) == REMINDED
    await wait_for_said(bot_api, MEHMET.id, texts.REMINDER, start=start, case_id=case.id)


async def test_the_teams_lead_takes_over_when_nobody_in_the_team_can(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)  # Fatima: alone
    assigned = (await case_row(quick_app, case.id)).assigned_at

    start = len(bot_api.sent)
    assert await run_escalation(quick_app, assigned + timedelta(minutes=181)) == REASSIGNED
    await wait_for_said(
        bot_api,
        TENANT.id,
        texts.REASSIGNED,
        start=start,
        former="Fatima el Amrani",
        employee="Kees Visser",
        team="Klantcontact",  # his own team: the lead of Reparaties is not in it
    )
    await bot_api.wait_for_text(
        FATIMA.id, texts.TAKEN_OVER.format(case_id=case.id, employee="Kees Visser"), start=start
    )
    await notification_of(
        bot_api,
        KEES.id,
        case.id,
        start,
        reason=texts.REASON_TAKEN_OVER.format(employee="Fatima el Amrani"),
    )
    assert await owner_name(quick_app, case.id) == "Kees Visser"


async def test_with_nobody_to_take_over_the_owner_is_reminded_once(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(
        quick_app,
        bot_api,
        fake_rasa,
        tenant=TENANT,
        topic="talk_to_human",
        summary="u wilt een medewerker spreken",
        summary_confirmed=False,
    )
    assert case.owner == "Kees Visser"  # alone in Klantcontact, which has no lead
    assigned = (await case_row(quick_app, case.id)).assigned_at

    start = len(bot_api.sent)
    assert await run_escalation(quick_app, assigned + timedelta(minutes=181)) == REMINDED
    await wait_for_said(bot_api, KEES.id, texts.REMINDER, start=start, case_id=case.id)
    assert await run_escalation(quick_app, assigned + timedelta(minutes=300)) == NOTHING
    assert await owner_name(quick_app, case.id) == "Kees Visser"


async def test_an_owner_who_goes_away_hands_cases_not_taken_up_to_a_colleague(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    taken = await open_case(
        quick_app, bot_api, fake_rasa, tenant=OTHER_TENANTS[0], **NUISANCE, postcode="1011 CD"
    )
    waiting = await open_case(
        quick_app, bot_api, fake_rasa, tenant=TENANT, **NUISANCE, postcode="1011 AB"
    )
    assert taken.owner == waiting.owner == "Sanne de Vries"
    assert taken.notification is not None
    sanne = TelegramEmployee(bot_api, SANNE)
    assert await sanne.press(taken.notification, texts.CLAIM_BUTTON) == texts.CLAIM_OK.format(
        case_id=taken.id
    )

    assert await sanne.command("/afwezig") == texts.AWAY_OK
    async with quick_app.uow.read() as session:
        assert await session.scalar(select(Employee.away).where(Employee.name == "Sanne de Vries"))
    assigned = (await case_row(quick_app, waiting.id)).assigned_at
    start = len(bot_api.sent)
    # The next round hands it on, long before a reminder would be due.
    assert await run_escalation(quick_app, assigned + timedelta(minutes=1)) == REASSIGNED
    await wait_for_said(
        bot_api,
        TENANT.id,
        texts.REASSIGNED,
        start=start,
        former="Sanne de Vries",
        employee="Mehmet Yilmaz",
        team="Wijkbeheer",
    )
    await bot_api.wait_for_text(
        SANNE.id,
        texts.TAKEN_OVER.format(case_id=waiting.id, employee="Mehmet Yilmaz"),
        start=start,
    )
    await notification_of(bot_api, MEHMET.id, waiting.id, start)
    assert await owner_name(quick_app, taken.id) == "Sanne de Vries"  # she took that one up
    # While she is away, her area's new cases go to a colleague at work.
    new = await open_case(
        quick_app, bot_api, fake_rasa, tenant=OTHER_TENANTS[1], **NUISANCE, postcode="1011 EF"
    )
    assert new.owner == "Mehmet Yilmaz"

    assert await sanne.command("/beschikbaar") == texts.BACK_OK
    async with quick_app.uow.read() as session:
        away = await session.scalar(select(Employee.away).where(Employee.name == "Sanne de Vries"))
    assert away is False
    back = await open_case(
        quick_app, bot_api, fake_rasa, tenant=OTHER_TENANTS[2], **NUISANCE, postcode="1011 GH"
    )
    assert back.owner == "Sanne de Vries"
