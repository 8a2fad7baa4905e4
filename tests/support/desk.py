"""An employee at the desk over plain HTTP: log in (with the CSRF token) and act on cases."""

import re

import aiohttp
from playwright.async_api import Browser, Page, expect

from handoff.app.runtime import Runtime
from handoff.services.accounts import set_password

PASSWORD = "correct horse battery"


def csrf_of(page: str) -> str:
    """The CSRF token a desk page carries in its forms."""
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


class DeskUser:
    """An employee with a browser-like cookie jar on the desk."""

    def __init__(self, http: aiohttp.ClientSession, base: str) -> None:
        self.http, self.base, self.csrf = http, base, ""

    async def log_in(self, runtime: Runtime, name: str) -> None:
        await set_password(runtime.uow, name, PASSWORD)
        page = await self.get("/desk/login")
        response = await self.http.post(
            f"{self.base}/desk/login",
            data={"csrf": csrf_of(page), "name": name, "password": PASSWORD, "next": "/desk"},
        )
        assert response.status == 200, await response.text()
        assert response.url.path == "/desk", await response.text()
        self.csrf = csrf_of(await response.text())

    async def get(self, path: str) -> str:
        async with self.http.get(f"{self.base}{path}") as response:
            assert response.status == 200, (path, response.status)
            return await response.text()

    async def post(self, path: str, **fields: str) -> aiohttp.ClientResponse:
        response = await self.http.post(f"{self.base}{path}", data={"csrf": self.csrf, **fields})
        await response.read()
        return response


async def log_in(browser: Browser, runtime: Runtime, name: str, path: str = "/desk") -> Page:
    """Logs an employee in through the login form of a fresh browser; returns `path`."""
    await set_password(runtime.uow, name, PASSWORD)
    page = await (await browser.new_context()).new_page()
    await page.goto(f"http://127.0.0.1:{runtime.web_port}{path}")
    await expect(page).to_have_url(re.compile(r"/desk/login\?next="))
    await page.get_by_label("Uw naam").fill(name)
    await page.get_by_label("Wachtwoord").fill(PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    return page
