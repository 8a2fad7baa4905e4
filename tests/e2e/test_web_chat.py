"""Local mode: a tenant in the web chat is handed to a named employee, who works in the desk."""

import re
from collections.abc import AsyncIterator

import aiohttp
import pytest
from sqlalchemy import select

from handoff.app.runtime import Runtime
from handoff.storage.tables import Case
from tests.conftest import make_settings
from tests.support.desk import DeskUser
from tests.support.rasa_servers import RasaServers
from tests.support.tenants import WebTenant


@pytest.fixture
async def local_app(database_url: str, rasa: RasaServers) -> AsyncIterator[Runtime]:
    """The app in local mode: no Telegram token, the web chat only."""
    runtime = Runtime(make_settings(database_url, rasa_url=rasa.url, rasa_token=rasa.token))
    await runtime.start()
    yield runtime
    await runtime.stop()


async def test_web_chat_tenant_is_handed_to_named_employee_in_the_desk(
    local_app: Runtime,
) -> None:
    base = f"http://127.0.0.1:{local_app.web_port}"
    # unsafe=True: keep cookies from an IP address (127.0.0.1), as browsers do.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        tenant = WebTenant(http, base)
        await tenant.open()
        await tenant.say("hallo")
        await tenant.expect("Waar kan ik u mee helpen?")
        await tenant.say("de buren maken elke nacht lawaai")
        summary = await tenant.expect("Dus als ik het goed begrijp")
        assert summary.buttons == [("Ja", "/affirm"), ("Nee", "/deny")]
        await tenant.press(summary, "/affirm")
        await tenant.expect("Wat is uw postcode en huisnummer?")
        await tenant.say("1013 ab, nummer 5")
        handed = await tenant.expect("helpt u verder")
        assert handed.text.startswith("Mehmet Yilmaz van team Wijkbeheer")  # area 1013

        async with local_app.uow() as session:
            case = await session.scalar(select(Case))
        mehmet = DeskUser(http, base)
        await mehmet.log_in(local_app, "Mehmet Yilmaz")
        desk = await mehmet.get("/desk")
        assert f'href="/desk/cases/{case.id}"' in desk
        assert "Mijn open zaken (1)" in desk
        page = await mehmet.get(f"/desk/cases/{case.id}")
        assert "de buren maken elke nacht lawaai" in page
        assert "bevestigd door de huurder" in page
        assert "<dt>Doorgezet</dt><dd>nog niet</dd>" in page

        response = await mehmet.post(
            f"/desk/cases/{case.id}/reply", text="Ik bel u vandaag <b>nog</b>."
        )
        assert response.status == 200
        assert response.url.path == f"/desk/cases/{case.id}"
        assert "Ik bel u vandaag &lt;b&gt;nog&lt;/b&gt;." in await response.text()
        await tenant.expect("Mehmet Yilmaz: Ik bel u vandaag <b>nog</b>.")

        await mehmet.post(f"/desk/cases/{case.id}/close", text="")
        await tenant.expect("heeft uw vraag afgesloten")
        assert re.search(r"<dd>afgesloten", await mehmet.get(f"/desk/cases/{case.id}"))
