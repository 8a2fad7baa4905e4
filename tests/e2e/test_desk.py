"""The desk over HTTP: who may log in and see what, CSRF, transfers, figures, Telegram linking
and live updates. tests/e2e/test_desk_browser.py plays an employee's work in a real browser."""

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import select

from handoff.app.runtime import Runtime
from handoff.services.accounts import set_password
from handoff.storage.tables import Case, Feedback
from tests.conftest import FATIMA, KEES
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.scenarios import TENANT, hand_over_repair
from tests.support.desk import PASSWORD, DeskUser, csrf_of


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    # unsafe=True: keep cookies from an IP address (127.0.0.1), as browsers do.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session


def base_of(runtime: Runtime) -> str:
    return f"http://127.0.0.1:{runtime.web_port}"


async def test_desk_needs_a_login_and_a_right_password(
    telegram_app: Runtime, http: aiohttp.ClientSession
) -> None:
    base = base_of(telegram_app)
    async with http.get(f"{base}/desk/cases/1", allow_redirects=False) as response:
        assert response.status == 303
        assert response.headers["Location"] == "/desk/login?next=/desk/cases/1"
        cookie = response.cookies["aandacht_desk"]  # holds the CSRF token, encrypted
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # served on 127.0.0.1 only; beyond it the cookie is Secure
    await set_password(telegram_app.uow, "Fatima el Amrani", PASSWORD)
    async with http.get(f"{base}/desk/login") as response:
        page = await response.text()
    assert csrf_of(page) not in cookie.value
    login = {"csrf": csrf_of(page), "name": "fatima el amrani", "next": "https://elders.nl"}

    async with http.post(f"{base}/desk/login", data={**login, "password": "fout"}) as response:
        assert response.status == 401
        assert "horen niet bij elkaar" in await response.text()
    async with http.post(f"{base}/desk/login", data={**login, "csrf": "x", "password": PASSWORD}):
        pass
    async with http.get(f"{base}/desk", allow_redirects=False) as response:
        assert response.status == 303  # a login without the page's token does not count
    async with http.post(f"{base}/desk/login", data={**login, "password": PASSWORD}) as response:
        assert response.status == 200
        assert response.url.path == "/desk"  # never sent on to another site
        desk = await response.text()
    assert "Zaken van Fatima el Amrani" in desk

    async with http.post(f"{base}/desk/logout", data={"csrf": csrf_of(desk)}) as response:
        assert response.url.path == "/desk/login"
    async with http.get(f"{base}/desk", allow_redirects=False) as response:
        assert response.status == 303


async def test_guessing_a_password_is_slowed_down(
    telegram_app: Runtime, http: aiohttp.ClientSession
) -> None:
    base = base_of(telegram_app)
    await set_password(telegram_app.uow, "Kees Visser", PASSWORD)
    async with http.get(f"{base}/desk/login") as response:
        token = csrf_of(await response.text())
    for attempt in range(5):
        form = {"csrf": token, "name": "Kees Visser", "password": f"gok {attempt}"}
        async with http.post(f"{base}/desk/login", data=form) as response:
            assert "horen niet bij elkaar" in await response.text()
    form = {"csrf": token, "name": "Kees Visser", "password": PASSWORD}
    async with http.post(f"{base}/desk/login", data=form) as response:
        assert response.status == 401
        assert "Wacht een minuut" in await response.text()


async def test_a_post_without_the_sessions_token_is_refused(
    telegram_app: Runtime, bot_api: FakeBotApi, http: aiohttp.ClientSession
) -> None:
    await hand_over_repair(bot_api)
    fatima = DeskUser(http, base_of(telegram_app))
    await fatima.log_in(telegram_app, "Fatima el Amrani")
    async with telegram_app.uow.read() as session:
        case = await session.scalar(select(Case))
    forged = await http.post(
        f"{fatima.base}/desk/cases/{case.id}/close", data={"csrf": "van een andere site"}
    )
    assert forged.status == 403
    async with telegram_app.uow.read() as session:
        assert (await session.scalar(select(Case))).status == "open"


async def test_cases_are_for_the_owners_team_and_admins_and_only_the_owner_acts(
    telegram_app: Runtime, bot_api: FakeBotApi, http: aiohttp.ClientSession
) -> None:
    await hand_over_repair(bot_api)  # Fatima, Reparaties
    async with telegram_app.uow.read() as session:
        case = await session.scalar(select(Case))
    mehmet = DeskUser(http, base_of(telegram_app))
    await mehmet.log_in(telegram_app, "Mehmet Yilmaz")  # Wijkbeheer: not his team
    assert f"/desk/cases/{case.id}" not in await mehmet.get("/desk")
    async with http.get(f"{mehmet.base}/desk/cases/{case.id}") as response:
        assert response.status == 404

    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as other:
        kees = DeskUser(other, base_of(telegram_app))
        await kees.log_in(telegram_app, "Kees Visser")  # an admin sees every case
        page = await kees.get(f"/desk/cases/{case.id}")
        assert "Deze zaak is van Fatima el Amrani" in page
        assert 'name="text"' not in page
        refused = await kees.post(f"/desk/cases/{case.id}/close")
        assert "Alleen de eigenaar kan dit doen" in await refused.text()
    async with telegram_app.uow.read() as session:
        assert (await session.scalar(select(Case))).status == "open"


async def test_transfer_from_the_desk_needs_a_note_and_a_second_one_a_tick(
    telegram_app: Runtime, bot_api: FakeBotApi, http: aiohttp.ClientSession
) -> None:
    await hand_over_repair(bot_api)
    async with telegram_app.uow.read() as session:
        case = await session.scalar(select(Case))
    fatima = DeskUser(http, base_of(telegram_app))
    await fatima.log_in(telegram_app, "Fatima el Amrani")
    path = f"/desk/cases/{case.id}/transfer"

    no_note = await fatima.post(path, target="employee:Kees Visser", text=" ")
    assert "Schrijf erbij waarom" in await no_note.text()
    await fatima.post(path, target="employee:Kees Visser", text="het is een klacht")
    receipt = await bot_api.wait_for_text(TENANT.id, "Uw vraag ligt nu bij Kees Visser")
    assert "omdat: het is een klacht" in receipt.text
    await bot_api.wait_for_text(KEES.id, "doorgezet door Fatima el Amrani: het is een klacht")

    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as other:
        kees = DeskUser(other, base_of(telegram_app))
        await kees.log_in(telegram_app, "Kees Visser")
        page = await kees.get(f"/desk/cases/{case.id}")
        assert "<dt>Doorgezet</dt><dd>1 keer</dd>" in page
        assert "Notitie van Fatima el Amrani" in page
        assert 'name="sure"' in page
        unsure = await kees.post(path, target="team:reparaties", text="toch een reparatie")
        assert "Vink aan" in await unsure.text()
        await kees.post(path, target="team:reparaties", text="toch een reparatie", sure="ja")
    await bot_api.wait_for_text(TENANT.id, "Uw vraag ligt nu bij Fatima el Amrani")
    async with telegram_app.uow.read() as session:
        assert (await session.scalar(select(Case))).transfers == 2


async def test_link_code_from_the_desk_links_telegram(
    telegram_app: Runtime, bot_api: FakeBotApi, http: aiohttp.ClientSession
) -> None:
    ingrid = DeskUser(http, base_of(telegram_app))
    await ingrid.log_in(telegram_app, "Ingrid Jansen")  # no Telegram account yet
    assert "nog niet gekoppeld" in await ingrid.get("/desk/account")
    page = await (await ingrid.post("/desk/account/koppelcode")).text()
    code = page.split('<code id="link-code">')[1].split("</code>")[0]
    phone = FakeUser(9008, "Ingrid", "Jansen")
    bot_api.send_text(phone, code)
    await bot_api.wait_for_text(phone.id, "Ingrid Jansen")
    assert "Uw Telegram is gekoppeld" in await ingrid.get("/desk/account")


async def test_figures_per_team(
    telegram_app: Runtime, bot_api: FakeBotApi, http: aiohttp.ClientSession
) -> None:
    notification = await hand_over_repair(bot_api)
    bot_api.send_text(FATIMA, "Ik kom morgen langs.", reply_to=notification)
    await bot_api.wait_for_text(TENANT.id, "Fatima el Amrani: Ik kom morgen langs.")
    bot_api.send_text(FATIMA, "/afsluiten", reply_to=notification)
    heard = await bot_api.wait_for_text(TENANT.id, "Voelde u zich gehoord?")
    bot_api.press_button(TENANT, heard, dict(heard.buttons())["4"])
    repeated = await bot_api.wait_for_text(TENANT.id, "vaker dan één keer uitleggen")
    bot_api.press_button(TENANT, repeated, dict(repeated.buttons())["Ja"])
    await bot_api.wait_for_text(TENANT.id, "Dank u wel")
    async with telegram_app.uow() as session:
        case = await session.scalar(select(Case))
        case.first_answer_at = case.opened_at + timedelta(minutes=25)
        assert await session.scalar(select(Feedback.felt_heard)) == 4

    kees = DeskUser(http, base_of(telegram_app))
    await kees.log_in(telegram_app, "Kees Visser")
    page = await kees.get("/desk/cijfers")
    row = page.split("<td>Reparaties</td>")[1].split("</tr>")[0]
    cells = [cell.split("<")[0].strip() for cell in row.split("<td>")[1:]]
    assert cells == ["0", "1", "25 min", "0.0", "4.0", "100%"]


async def test_open_desk_pages_hear_about_changes(
    telegram_app: Runtime, bot_api: FakeBotApi, http: aiohttp.ClientSession
) -> None:
    fatima = DeskUser(http, base_of(telegram_app))
    await fatima.log_in(telegram_app, "Fatima el Amrani")
    async with http.get(f"{fatima.base}/desk/events") as events:
        assert events.headers["Content-Type"].startswith("text/event-stream")
        await hand_over_repair(bot_api)
        line = await asyncio.wait_for(events.content.readline(), timeout=30)
        while not line.startswith(b"event:"):
            line = await asyncio.wait_for(events.content.readline(), timeout=30)
        assert line.strip() == b"event: changed"
        data = await events.content.readline()
        assert json.loads(data.decode().removeprefix("data:"))["version"] >= 1
