"""Desk sessions on the quick app: a copied cookie ends at logout and at a new password (also
across a restart), and argon2 runs off the event loop."""

import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from yarl import URL

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.services import accounts
from handoff.storage.tables import Employee
from tests.conftest import quick_settings, start_quick
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.rasa import FakeRasa
from tests.support.desk import PASSWORD, DeskUser, csrf_of

SESSION_SECRET = "testgeheim-Vb7xK2qLm9Rw-Pz4nT8cHs3Jd"
NEW_PASSWORD = "een heel ander wachtwoord"
Browsers = Callable[[Runtime], Awaitable[aiohttp.ClientSession]]


@pytest.fixture
async def browsers() -> AsyncIterator[Browsers]:
    """Browser-like cookie jars (cookies from 127.0.0.1 kept), closed afterwards."""
    opened: list[aiohttp.ClientSession] = []

    async def open_one(_runtime: Runtime) -> aiohttp.ClientSession:
        opened.append(aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)))
        return opened[-1]

    yield open_one
    for http in opened:
        await http.close()


def base_of(runtime: Runtime) -> str:
    return f"http://127.0.0.1:{runtime.web_port}"


async def logged_in(runtime: Runtime, browsers: Browsers, name: str) -> DeskUser:
    user = DeskUser(await browsers(runtime), base_of(runtime))
    await user.log_in(runtime, name)
    return user


async def copy_of(user: DeskUser, browsers: Browsers, runtime: Runtime) -> DeskUser:
    """Someone else with a copy of the user's cookie (and the CSRF token of its pages)."""
    thief = DeskUser(await browsers(runtime), user.base)
    thief.http.cookie_jar.update_cookies(user.http.cookie_jar.filter_cookies(URL(user.base)))
    thief.csrf = user.csrf
    return thief


async def status_of(user: DeskUser, path: str) -> int:
    async with user.http.get(f"{user.base}{path}", allow_redirects=False) as response:
        return response.status


async def test_a_copied_cookie_ends_at_logout_and_makes_no_link_code(
    quick_app: Runtime, browsers: Browsers
) -> None:
    sanne = await logged_in(quick_app, browsers, "Sanne de Vries")
    thief = await copy_of(sanne, browsers, quick_app)
    assert await status_of(thief, "/desk") == 200  # a copy works like the original

    response = await sanne.post("/desk/logout")
    assert response.url.path == "/desk/login"
    assert await status_of(thief, "/desk") == 303
    assert await status_of(thief, "/desk/account") == 303
    response = await thief.post("/desk/account/koppelcode")
    assert response.url.path == "/desk/login"  # sent to log in, not shown a code
    async with quick_app.uow.read() as session:
        code = await session.scalar(
            select(Employee.link_code_hash).where(Employee.name == "Sanne de Vries")
        )
    assert code is None

    again = await logged_in(quick_app, browsers, "Sanne de Vries")  # a new login works
    assert await status_of(again, "/desk") == 200
    assert await status_of(thief, "/desk") == 303


async def test_a_new_password_ends_the_other_sessions_but_not_this_one(
    quick_app: Runtime, browsers: Browsers
) -> None:
    sanne = await logged_in(quick_app, browsers, "Sanne de Vries")
    thief = await copy_of(sanne, browsers, quick_app)
    mehmet = await logged_in(quick_app, browsers, "Mehmet Yilmaz")

    response = await sanne.post("/desk/account/wachtwoord", current=PASSWORD, new=NEW_PASSWORD)
    assert response.url.path == "/desk/account"
    assert await status_of(sanne, "/desk") == 200
    assert await status_of(thief, "/desk") == 303
    assert await status_of(mehmet, "/desk") == 200  # a colleague's session is not touched

    await accounts.set_password(quick_app.uow, "Mehmet Yilmaz", NEW_PASSWORD)  # by the CLI
    assert await status_of(mehmet, "/desk") == 303


async def test_sessions_outlive_a_restart_but_not_a_logout_or_a_password_set_meanwhile(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, browsers: Browsers
) -> None:
    settings = quick_settings(database_url, bot_api, fake_rasa, session_secret=SESSION_SECRET)
    runtime = await start_quick(settings)
    try:
        sanne = await logged_in(runtime, browsers, "Sanne de Vries")
        kees = await logged_in(runtime, browsers, "Kees Visser")
        kees_copy = await copy_of(kees, browsers, runtime)
        await kees.post("/desk/logout")  # before the restart: kept in the database
    finally:
        await runtime.stop()
    runtime = await start_quick(settings)
    try:
        kees_copy.base = base_of(runtime)
        assert await status_of(kees_copy, "/desk") == 303  # security review #9
        await accounts.set_password(runtime.uow, "Sanne de Vries", NEW_PASSWORD)
        mehmet = await logged_in(runtime, browsers, "Mehmet Yilmaz")
        kept = await copy_of(mehmet, browsers, runtime)
        await runtime.stop()
        runtime = await start_quick(settings)
        for user in (sanne, mehmet, kept):
            user.base = base_of(runtime)
        assert await status_of(sanne, "/desk") == 303
        assert await status_of(mehmet, "/desk") == 200  # SESSION_SECRET: logins outlive it
        await mehmet.post("/desk/logout")
        assert await status_of(kept, "/desk") == 303  # a session from before the restart too
    finally:
        await runtime.stop()


class RecordingHasher(PasswordHasher):
    """The module's own hasher, noting which thread each hash and verification runs on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[tuple[str, int]] = []

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.threads.append(("hash", threading.get_ident()))
        return super().hash(password, salt=salt)

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.threads.append(("verify", threading.get_ident()))
        return super().verify(hash, password)


async def test_argon2_runs_off_the_event_loop(
    quick_app: Runtime, browsers: Browsers, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = RecordingHasher()
    monkeypatch.setattr(accounts, "_hasher", hasher)
    await logged_in(quick_app, browsers, "Sanne de Vries")  # sets a password, then logs in
    http = await browsers(quick_app)
    async with http.get(f"{base_of(quick_app)}/desk/login") as response:
        token = csrf_of(await response.text())
    form = {"csrf": token, "name": "Niemand Bekend", "password": "wat dan ook"}
    async with http.post(f"{base_of(quick_app)}/desk/login", data=form) as response:
        assert response.status == 401  # an unknown name is verified against a dummy hash

    kinds = [kind for kind, _ in hasher.threads]
    assert kinds.count("hash") >= 1
    assert kinds.count("verify") >= 2
    loop_thread = threading.get_ident()  # the test shares the app's event loop
    assert all(thread != loop_thread for _, thread in hasher.threads)


def test_importing_the_accounts_module_hashes_nothing() -> None:
    counting = (
        "import argon2\n"
        "calls = []\n"
        "real = argon2.PasswordHasher.hash\n"
        "def counted(self, *args, **kwargs):\n"
        "    calls.append(1)\n"
        "    return real(self, *args, **kwargs)\n"
        "argon2.PasswordHasher.hash = counted\n"
        "import handoff.services.accounts\n"
        "print(len(calls))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", counting], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0"


async def test_a_copied_session_cannot_guess_the_password_on_the_account_page(
    quick_app: Runtime, browsers: Browsers
) -> None:
    # Security review #27: changing the password checked the current one with no throttle.
    thief = await logged_in(quick_app, browsers, "Sanne de Vries")
    for guess in range(5):
        response = await thief.post(
            "/desk/account/wachtwoord", current=f"geraden {guess}", new=NEW_PASSWORD
        )
        assert texts.PASSWORD_WRONG in await response.text()
    # The sixth try waits, even with the right password; the password is unchanged.
    response = await thief.post("/desk/account/wachtwoord", current=PASSWORD, new=NEW_PASSWORD)
    assert texts.DESK_LOGIN_WAIT in await response.text()
    assert await accounts.authenticate(quick_app.uow, "Sanne de Vries", PASSWORD) is not None
