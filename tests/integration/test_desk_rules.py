"""The desk over HTTP on the quick app: who may see a case, and the owner's actions with the
notices they show (the texts of Telegram's answers) and the messages they send.
tests/e2e/test_desk.py covers logging in, CSRF and the figures with the real Rasa."""

import html
import re
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest
from sqlalchemy import select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.storage.tables import Message
from tests.conftest import KEES, MEHMET, SANNE
from tests.factories import case_row, notification_of, open_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa
from tests.support.desk import DeskUser
from tests.support.templates import fixed_part, wait_for_said
from tests.support.tenants import WebTenant

TENANT = FakeUser(5401, "Aysel", "Kaya")
NEIGHBOUR = FakeUser(5402, "Ruben", "de Jong")
NUISANCE = {"topic": "nuisance", "summary": "de buren maken elke nacht lawaai"}
LogIn = Callable[[str], Awaitable[DeskUser]]


@pytest.fixture
async def desk(quick_app: Runtime) -> AsyncIterator[LogIn]:
    """Logs employees in to the desk, each in a browser-like session of their own."""
    sessions: list[aiohttp.ClientSession] = []

    async def log_in(name: str) -> DeskUser:
        # unsafe=True: keep cookies from an IP address (127.0.0.1), as browsers do.
        http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        sessions.append(http)
        user = DeskUser(http, f"http://127.0.0.1:{quick_app.web_port}")
        await user.log_in(quick_app, name)
        return user

    yield log_in
    for http in sessions:
        await http.close()


async def test_the_case_page_says_when_the_bag_did_not_know_the_address(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    case = await open_case(
        quick_app, bot_api, fake_rasa, tenant=TENANT, **NUISANCE,
        postcode="1011 AB", house_number="12a", address_check="not_found",
        flags=["adres niet gevonden"],
    )  # fmt: skip
    assert case.owner == "Sanne de Vries"  # the postcode still routes to her area
    sanne = await desk("Sanne de Vries")
    async with sanne.http.get(f"{sanne.base}/desk/cases/{case.id}") as response:
        page = html.unescape(await response.text())
    assert "<dt>Adres</dt><dd>1011 AB 12A (niet gevonden in de BAG)</dd>" in page
    assert '<span class="flag">adres niet gevonden</span>' in page


async def status_of(user: DeskUser, path: str) -> int:
    async with user.http.get(f"{user.base}{path}") as response:
        return response.status


async def act(user: DeskUser, case_id: int, action: str, **form: str) -> str:
    """Posts a case's form as the page does; returns the notice the page shows afterwards."""
    response = await user.post(f"/desk/cases/{case_id}/{action}", **form)
    assert response.status == 200
    assert response.url.path == f"/desk/cases/{case_id}"
    found = re.search(r'<p class="notice" role="status">(.*?)</p>', await response.text())
    assert found, "the page shows no notice"
    return html.unescape(found.group(1))


async def test_the_owner_teammates_earlier_owners_and_admins_see_a_case(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    case = await open_case(
        quick_app, bot_api, fake_rasa, tenant=TENANT, **NUISANCE, postcode="1011 AB"
    )
    assert case.owner == "Sanne de Vries"
    path = f"/desk/cases/{case.id}"
    sanne, mehmet, kees = (
        await desk("Sanne de Vries"),
        await desk("Mehmet Yilmaz"),  # her teammate in Wijkbeheer
        await desk("Kees Visser"),  # an admin
    )
    fatima, anouk = await desk("Fatima el Amrani"), await desk("Anouk Smit")

    for user in (sanne, mehmet, kees):
        assert await status_of(user, path) == 200
    for user in (fatima, anouk):
        assert await status_of(user, path) == 404
    assert f'href="{path}"' in await mehmet.get("/desk")
    assert f'href="{path}"' not in await fatima.get("/desk")

    to_fatima = {"target": "employee:Fatima el Amrani", "text": "lekkage"}
    assert await act(sanne, case.id, "transfer", **to_fatima) == texts.DESK_TRANSFER_OK.format(
        case_id=case.id, employee="Fatima el Amrani"
    )
    # Now Fatima's: Sanne worked on it, Mehmet's team no longer has it.
    for user in (fatima, sanne, kees):
        assert await status_of(user, path) == 200
    for user in (mehmet, anouk):
        assert await status_of(user, path) == 404
    forbidden = await mehmet.post(f"{path}/close")
    assert forbidden.status == 404
    assert (await case_row(quick_app, case.id)).status == "open"


async def test_claim_note_and_reply_from_the_desk(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    fatima = await desk("Fatima el Amrani")

    assert await act(fatima, case.id, "claim") == texts.CLAIM_OK.format(case_id=case.id)
    await bot_api.wait_for_text(TENANT.id, texts.CLAIMED.format(employee="Fatima el Amrani"))
    assert (await case_row(quick_app, case.id)).claimed_at is not None
    assert await act(fatima, case.id, "claim") == texts.CLAIM_TAKEN.format(case_id=case.id)

    sent_before = len(bot_api.messages_to(TENANT.id))
    assert await act(fatima, case.id, "note", text="Sleutel ligt bij de buren") == texts.NOTE_OK
    page = await fatima.get(f"/desk/cases/{case.id}")
    assert "Notitie van Fatima el Amrani" in page
    assert "Sleutel ligt bij de buren" in page
    async with quick_app.uow.read() as session:
        note = await session.scalar(select(Message).where(Message.sender == "note"))
    assert note is not None
    assert note.case_id == case.id
    assert note.text == "Sleutel ligt bij de buren"

    assert await act(fatima, case.id, "reply", text="Ik kom <morgen> langs.") == texts.REPLY_OK
    said = texts.EMPLOYEE_SAYS.format(employee="Fatima el Amrani", text="Ik kom <morgen> langs.")
    await bot_api.wait_for_text(TENANT.id, said)
    # The note never reached the tenant: the reply is the only thing sent since.
    assert [m.text for m in bot_api.messages_to(TENANT.id)[sent_before:]] == [said]
    assert (await case_row(quick_app, case.id)).first_answer_at is not None


async def test_a_desk_transfer_needs_a_note_and_a_second_one_a_tick(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    fatima, kees = await desk("Fatima el Amrani"), await desk("Kees Visser")

    to_kees = {"target": "employee:Kees Visser"}
    assert await act(fatima, case.id, "transfer", **to_kees, text=" ") == (
        texts.TRANSFER_NOTE_NEEDED
    )
    assert (await case_row(quick_app, case.id)).transfers == 0
    start = len(bot_api.sent)
    note = "het is een klacht over de aannemer"
    assert await act(
        fatima, case.id, "transfer", **to_kees, text=note
    ) == texts.DESK_TRANSFER_OK.format(case_id=case.id, employee="Kees Visser")
    await wait_for_said(
        bot_api,
        TENANT.id,
        texts.TRANSFERRED,
        start=start,
        employee="Kees Visser",
        team="Klantcontact",
        reason=note,
    )
    await notification_of(
        bot_api,
        KEES.id,
        case.id,
        start,
        reason=texts.REASON_TRANSFERRED.format(employee="Fatima el Amrani", note=note),
    )
    # No longer hers.
    assert await act(fatima, case.id, "close") == texts.CLAIM_NOT_YOURS.format(
        case_id=case.id, owner="Kees Visser"
    )

    page = await kees.get(f"/desk/cases/{case.id}")
    assert "<dt>Doorgezet</dt><dd>1 keer</dd>" in page
    assert 'name="sure"' in page
    unsure = {"target": "team:wijkbeheer", "text": "toch overlast"}
    assert await act(kees, case.id, "transfer", **unsure) == texts.TRANSFER_CONFIRM_DESK.format(
        case_id=case.id, transfers=1
    )
    busy = await open_case(
        quick_app, bot_api, fake_rasa, tenant=NEIGHBOUR, **NUISANCE, postcode="1013 AB"
    )
    assert busy.owner == "Mehmet Yilmaz"
    start = len(bot_api.sent)
    assert await act(
        kees, case.id, "transfer", **unsure, sure="ja"
    ) == texts.DESK_TRANSFER_OK.format(case_id=case.id, employee="Sanne de Vries")
    # To a team: both are at work, so the one with fewer open cases.
    await wait_for_said(
        bot_api,
        TENANT.id,
        texts.TRANSFERRED,
        start=start,
        employee="Sanne de Vries",
        team="Wijkbeheer",
        reason="toch overlast",
    )
    await notification_of(bot_api, SANNE.id, case.id, start)
    assert (await case_row(quick_app, case.id)).transfers == 2


async def test_closing_from_the_desk_tells_the_tenant_and_ends_the_owners_actions(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    fatima, kees = await desk("Fatima el Amrani"), await desk("Kees Visser")

    page = await kees.get(f"/desk/cases/{case.id}")  # an admin sees it, but it is not his
    assert 'name="text"' not in page
    assert await act(kees, case.id, "close") == texts.CLAIM_NOT_YOURS.format(
        case_id=case.id, owner="Fatima el Amrani"
    )
    assert (await case_row(quick_app, case.id)).status == "open"

    assert await act(
        fatima, case.id, "close", text="Het is gemaakt."
    ) == texts.DESK_CLOSED_OK.format(case_id=case.id)
    await bot_api.wait_for_text(TENANT.id, texts.FEEDBACK_HEARD)
    assert [m.text for m in bot_api.messages_to(TENANT.id)][-3:] == [
        texts.EMPLOYEE_SAYS.format(employee="Fatima el Amrani", text="Het is gemaakt."),
        texts.CASE_CLOSED.format(employee="Fatima el Amrani"),
        texts.FEEDBACK_HEARD,
    ]
    for action in ("claim", "close", "transfer"):
        assert await act(
            fatima, case.id, action, target="employee:Kees Visser", text="x"
        ) == texts.CASE_NOT_OPEN.format(case_id=case.id)
    assert "Door mij afgesloten" in await fatima.get("/desk")


async def test_a_web_chat_tenant_talks_with_an_employee_on_telegram_and_the_desk(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    base = f"http://127.0.0.1:{quick_app.web_port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
        tenant = WebTenant(browser, base)
        await tenant.open()
        case = await open_case(
            quick_app, bot_api, fake_rasa, tenant=tenant, **NUISANCE, postcode="1013 AB"
        )
        assert case.owner == "Mehmet Yilmaz"
        assert case.notification is not None  # area 1013
        before = fake_rasa.senders()

        bot_api.send_text(MEHMET, "Ik bel u vanmiddag.", reply_to=case.notification)
        await tenant.expect(
            texts.EMPLOYEE_SAYS.format(employee="Mehmet Yilmaz", text="Ik bel u vanmiddag.")
        )
        await tenant.say("Dank u, tot straks")
        await wait_for_said(
            bot_api, MEHMET.id, texts.TENANT_WROTE, case_id=case.id, text="Dank u, tot straks"
        )
        assert not fake_rasa.saw("Dank u, tot straks")

        mehmet = await desk("Mehmet Yilmaz")
        assert await act(mehmet, case.id, "close") == texts.DESK_CLOSED_OK.format(case_id=case.id)
        await tenant.expect(fixed_part(texts.CASE_CLOSED))
        await tenant.say("hallo")
        await tenant.expect(ASSISTANT_REPLY)
        assert fake_rasa.received[-1].text == "hallo"
        assert fake_rasa.received[-1].sender not in before


async def test_only_the_owner_adds_notes_and_only_while_the_case_is_open(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    case = await open_case(
        quick_app, bot_api, fake_rasa, tenant=TENANT, **NUISANCE, postcode="1011 AB"
    )
    sanne, mehmet = await desk("Sanne de Vries"), await desk("Mehmet Yilmaz")
    # Her teammate sees the case but cannot write in it (security review #17).
    assert await act(mehmet, case.id, "note", text="ik was hier") == texts.CLAIM_NOT_YOURS.format(
        case_id=case.id, owner="Sanne de Vries"
    )
    assert await act(sanne, case.id, "close") == texts.DESK_CLOSED_OK.format(case_id=case.id)
    assert await act(sanne, case.id, "note", text="te laat") == texts.CASE_NOT_OPEN.format(
        case_id=case.id
    )
    async with quick_app.uow.read() as session:
        notes = (await session.scalars(select(Message).where(Message.sender == "note"))).all()
    assert notes == []


async def test_a_notice_is_shown_once_and_a_link_cannot_put_text_on_a_page(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    fatima = await desk("Fatima el Amrani")
    phishing = "Uw sessie is verlopen, bel 0900-1234"
    page = await fatima.get(f"/desk/cases/{case.id}?melding={phishing}")
    assert phishing not in page
    assert 'class="notice"' not in page  # security review #27

    assert await act(fatima, case.id, "claim") == texts.CLAIM_OK.format(case_id=case.id)
    again = await fatima.get(f"/desk/cases/{case.id}")
    assert texts.CLAIM_OK.format(case_id=case.id) not in again  # once, not at every visit
