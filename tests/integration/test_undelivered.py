"""Nothing fails silently: a message the outbox gives up on shows on the desk and the admins'
list, does not count as an answer, and the people who must act are told in Telegram."""

import html
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest
from sqlalchemy import func, select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.domain.delivery import GiveUp
from handoff.storage.tables import Case, OutboxMessage
from tests.factories import REPAIR, case_row, open_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import FakeRasa, handoff_payload
from tests.support.desk import DeskUser
from tests.support.templates import wait_for_said
from tests.support.waiting import until_committed

TENANT = FakeUser(5501, "Bram", "Peters")
FATIMA_CHAT, KEES_CHAT = 9001, 9005  # Reparaties' only member, and its lead
BLOCKED = "Forbidden: bot was blocked by the user"
LogIn = Callable[[str], Awaitable[DeskUser]]


@pytest.fixture
async def desk(quick_app: Runtime) -> AsyncIterator[LogIn]:
    sessions: list[aiohttp.ClientSession] = []

    async def log_in(name: str) -> DeskUser:
        http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        sessions.append(http)
        user = DeskUser(http, f"http://127.0.0.1:{quick_app.web_port}")
        await user.log_in(quick_app, name)
        return user

    yield log_in
    for http in sessions:
        await http.close()


async def stored(runtime: Runtime, condition: Callable[[], Awaitable[bool]]) -> None:
    """Waits, commit by commit, until a condition on the database holds."""
    await until_committed(runtime.uow, condition)


async def failed_to(runtime: Runtime, chat_id: int) -> int:
    async with runtime.uow.read() as session:
        count = await session.scalar(
            select(func.count()).where(
                OutboxMessage.chat_id == str(chat_id), OutboxMessage.status == "failed"
            )
        )
    return count or 0


async def test_an_answer_the_tenant_never_got_shows_and_does_not_count_as_answered(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    assert case.owner == "Fatima el Amrani"
    fatima, kees = await desk("Fatima el Amrani"), await desk("Kees Visser")

    bot_api.fail_next("sendMessage", 403, BLOCKED, chat_id=TENANT.id)
    await fatima.post(f"/desk/cases/{case.id}/reply", text="Ik kom morgen langs.")
    reason = texts.UNDELIVERED_REASONS[GiveUp.BLOCKED]
    await wait_for_said(bot_api, FATIMA_CHAT, texts.UNDELIVERED_TO_TENANT, case_id=case.id)

    page = html.unescape(await fatima.get(f"/desk/cases/{case.id}"))
    assert "Ik kom morgen langs." in page
    assert "Niet afgeleverd (" in page
    assert f"): {reason}." in page
    row = await case_row(quick_app, case.id)
    assert row.first_answer_at is None  # the figures do not count it as answered
    assert row.claimed_at is not None  # she did take it up
    assert texts.FLAG_UNDELIVERED in html.unescape(await fatima.get("/desk"))
    admin_list = html.unescape(await kees.get("/admin/mislukte-berichten"))
    assert "Ik kom morgen langs." in admin_list
    assert reason in admin_list
    assert TENANT.first_name in admin_list

    # The next answer arrives: that one is the first answer.
    await fatima.post(f"/desk/cases/{case.id}/reply", text="Schikt 10 uur?")
    await bot_api.wait_for_text(TENANT.id, "Schikt 10 uur?")
    async with quick_app.uow.read() as session:
        answered = await session.scalar(select(Case.first_answer_at).where(Case.id == case.id))
    assert answered is not None
    page = html.unescape(await fatima.get(f"/desk/cases/{case.id}"))
    assert page.count("Niet afgeleverd (") == 1


async def test_a_notification_its_owner_cannot_receive_reaches_the_team_lead(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    # Fatima blocked the bot: her case's notification and its transcript are refused.
    bot_api.fail_next("sendMessage", 403, BLOCKED, chat_id=FATIMA_CHAT)
    bot_api.fail_next("sendDocument", 403, BLOCKED, chat_id=FATIMA_CHAT)
    fake_rasa.reply_to(REPAIR, handoff=handoff_payload("report_repair", REPAIR), once=True)
    bot_api.send_text(TENANT, REPAIR)
    await wait_for_said(bot_api, TENANT.id, texts.HANDED_OVER)

    notice = await wait_for_said(
        bot_api, KEES_CHAT, texts.OWNER_UNREACHABLE, owner="Fatima el Amrani"
    )
    assert texts.UNDELIVERED_REASONS[GiveUp.BLOCKED] in (notice.text or "")
    await stored(quick_app, lambda: _equals(failed_to(quick_app, FATIMA_CHAT), 2))
    async with quick_app.uow.read() as session:
        told = await session.scalar(
            select(func.count()).where(
                OutboxMessage.chat_id == str(KEES_CHAT),
                OutboxMessage.text.contains("Fatima el Amrani krijgt"),
            )
        )
    assert told == 1  # once per case, though two messages failed

    waiting = html.unescape(await (await desk("Fatima el Amrani")).get("/desk"))
    assert texts.FLAG_OWNER_UNREACHABLE in waiting


async def _equals(count: Awaitable[int], expected: int) -> bool:
    return await count == expected
