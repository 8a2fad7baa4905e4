"""Local mode: a tenant in the web chat is handed to a named employee, who works in the desk."""

import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from handoff.runtime import Runtime
from handoff.storage.tables import Case
from tests.conftest import make_settings
from tests.fakes.rasa_servers import RasaServers


class WebTenant:
    """A tenant's browser: a cookie jar, the chat's API, and the messages received so far."""

    def __init__(self, http: aiohttp.ClientSession, base: str) -> None:
        self.http, self.base = http, base
        self.received: list[dict[str, Any]] = []

    async def open(self) -> None:
        async with self.http.get(f"{self.base}/chat") as response:
            assert response.status == 200

    async def say(self, text: str | None = None, **button: str) -> None:
        body = {"id": uuid.uuid4().hex, **({"text": text} if text else button)}
        async with self.http.post(f"{self.base}/chat/api/messages", json=body) as response:
            assert response.status == 202

    async def wait_for(self, phrase: str) -> dict[str, Any]:
        """Long-polls until a message containing the phrase arrives."""
        for _ in range(10):  # each long poll waits up to 25 s for something new
            found = next((m for m in self.received if phrase in m["text"]), None)
            if found:
                return found
            after = self.received[-1]["id"] if self.received else 0
            async with self.http.get(
                f"{self.base}/chat/api/messages", params={"after": after}
            ) as response:
                self.received += await response.json()
        raise AssertionError(f"no message with {phrase!r}; got {self.received}")


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
        await tenant.wait_for("Waar kan ik u mee helpen?")
        await tenant.say("de buren maken elke nacht lawaai")
        summary = await tenant.wait_for("Dus als ik het goed begrijp")
        assert summary["buttons"] == [
            [{"title": "Ja", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"}]
        ]
        await tenant.say(payload="/affirm", title="Ja")
        handed = await tenant.wait_for("helpt u verder")
        assert handed["text"].startswith("Sanne de Vries van team Wijkbeheer")

        async with local_app.uow() as session:
            case = await session.scalar(select(Case))
        async with http.get(f"{base}/desk") as response:
            desk = await response.text()
        assert f'href="/desk/cases/{case.id}"' in desk and "Sanne de Vries" in desk
        async with http.get(f"{base}/desk/cases/{case.id}") as response:
            page = await response.text()
        assert "de buren maken elke nacht lawaai" in page
        assert "bevestigd door de huurder" in page

        async with http.post(
            f"{base}/desk/cases/{case.id}/reply", data={"text": "Ik bel u vandaag <b>nog</b>."}
        ) as response:
            assert response.status == 200 and response.url.path == f"/desk/cases/{case.id}"
            assert "Ik bel u vandaag &lt;b&gt;nog&lt;/b&gt;." in await response.text()
        await tenant.wait_for("Sanne de Vries: Ik bel u vandaag <b>nog</b>.")

        async with http.post(f"{base}/desk/cases/{case.id}/close", data={"text": ""}):
            pass
        await tenant.wait_for("heeft uw vraag afgesloten")
        async with http.get(f"{base}/desk/cases/{case.id}") as response:
            assert re.search(r"<dd>afgesloten", await response.text())
