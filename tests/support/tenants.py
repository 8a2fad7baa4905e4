"""A tenant on either channel, so one conversation test runs on Telegram and in the web chat.

A tenant reads the bot's messages in order: `expect` waits for the next message that contains a
phrase, and later calls look only at what came after it.
"""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import aiohttp
from yarl import URL

from handoff.app.config import Settings
from handoff.app.runtime import Runtime
from handoff.web.chat import COOKIE
from tests.fakes.bot_api import FakeBotApi, FakeUser, SentMessage


@dataclass(frozen=True)
class Reply:
    """A message from the bot as the tenant sees it."""

    text: str
    buttons: list[tuple[str, str]]  # (title, payload)
    raw: Any


class Tenant(Protocol):
    async def say(self, text: str) -> None: ...

    async def expect(self, phrase: str) -> Reply: ...

    async def press(self, reply: Reply, payload: str) -> None: ...

    def everything_read(self) -> str: ...


class TelegramTenant:
    """A tenant in a private Telegram chat, through the fake Bot API."""

    def __init__(self, bot_api: FakeBotApi, user: FakeUser) -> None:
        self.bot_api, self.user = bot_api, user
        self._cursor = 0  # index in bot_api.sent after the last expected message

    async def say(self, text: str) -> None:
        self.bot_api.send_text(self.user, text)

    async def expect(self, phrase: str) -> Reply:
        sent = await self.bot_api.wait_for_text(self.user.id, phrase, start=self._cursor)
        self._cursor = self.bot_api.sent.index(sent) + 1
        return Reply(sent.text or "", sent.buttons(), sent)

    async def press(self, reply: Reply, payload: str) -> None:
        assert payload in [data for _, data in reply.buttons], reply.buttons
        message: SentMessage = reply.raw
        self.bot_api.press_button(self.user, message, payload)

    def everything_read(self) -> str:
        return "\n".join(m.text or "" for m in self.bot_api.messages_to(self.user.id))


class WebTenant:
    """A tenant's browser: a cookie jar and the web chat's API (long polling)."""

    def __init__(self, http: aiohttp.ClientSession, base: str) -> None:
        self.http, self.base = http, base
        self.received: list[dict[str, Any]] = []
        self._cursor = 0

    async def open(self) -> None:
        async with self.http.get(f"{self.base}/chat") as response:
            assert response.status == 200

    @property
    def chat_id(self) -> str:
        """The chat id the app gave this browser when it opened the chat (the cookie's first
        part; the rest is when it was issued and the server's signature)."""
        return self.http.cookie_jar.filter_cookies(URL(self.base))[COOKIE].value.split(".")[0]

    async def say(self, text: str | None = None, **button: str) -> None:
        body = {"id": uuid.uuid4().hex, **({"text": text} if text else button)}
        async with self.http.post(f"{self.base}/chat/api/messages", json=body) as response:
            assert response.status == 202

    async def expect(self, phrase: str) -> Reply:
        """Long-polls until a message containing the phrase arrives."""
        for _ in range(10):  # each long poll waits up to 25 s for something new
            for index in range(self._cursor, len(self.received)):
                message = self.received[index]
                if phrase in message["text"]:
                    self._cursor = index + 1
                    rows = message["buttons"]
                    buttons = [(b["title"], b["payload"]) for row in rows for b in row]
                    return Reply(message["text"], buttons, message)
            after = self.received[-1]["id"] if self.received else 0
            async with self.http.get(
                f"{self.base}/chat/api/messages", params={"after": after}
            ) as response:
                self.received += await response.json()
        raise AssertionError(f"no message with {phrase!r}; got {self.received[self._cursor :]}")

    async def press(self, reply: Reply, payload: str) -> None:
        titles = {data: title for title, data in reply.buttons}
        assert payload in titles, reply.buttons
        await self.say(payload=payload, title=titles[payload])

    def everything_read(self) -> str:
        return "\n".join(message["text"] for message in self.received)


@asynccontextmanager
async def tenant_on(
    channel: str, settings: Settings, bot_api: FakeBotApi, user: FakeUser
) -> AsyncIterator[tuple[Tenant, Runtime]]:
    """The app on `settings`, and a tenant on it: `user` on Telegram (the fake Bot API), or a
    browser in local mode's web chat."""
    if channel == "telegram":
        telegram = {"telegram_bot_token": bot_api.token, "telegram_api_base_url": bot_api.base_url}
        settings = Settings.model_validate(settings.model_dump() | telegram)
    runtime = Runtime(settings)
    await runtime.start()
    try:
        if channel == "telegram":
            yield TelegramTenant(bot_api, user), runtime
            return
        # unsafe=True: keep cookies from an IP address (127.0.0.1), as browsers do.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            tenant = WebTenant(http, f"http://127.0.0.1:{runtime.web_port}")
            await tenant.open()
            yield tenant, runtime
    finally:
        await runtime.stop()
