"""The web chat only accepts cookies it issued (signed, with an end), and limits what one
visitor and one address may send and open (issue 13, #11 and #15)."""

import uuid
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from yarl import URL

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.domain.rate_limits import Buckets, Rate
from handoff.web.chat import COOKIE, ChatCookies, ChatLimits
from tests.conftest import quick_settings
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.rasa import FakeRasa
from tests.support.tenants import WebTenant

SMALL = ChatLimits(per_visitor=Rate(3, 60.0), per_address=Rate(5, 60.0), new_chats=Rate(3, 3600))


@pytest.fixture
async def limited_app(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> AsyncIterator[Runtime]:
    """The quick app with small web chat limits."""
    runtime = Runtime(
        quick_settings(database_url, bot_api, fake_rasa),
        escalation_interval=3600,
        chat_limits=SMALL,
    )
    await runtime.start()
    await runtime.rasa_ready.wait()
    yield runtime
    await runtime.stop()


def browser() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def post(http: aiohttp.ClientSession, base: str, text: str) -> aiohttp.ClientResponse:
    response = await http.post(
        f"{base}/chat/api/messages", json={"id": uuid.uuid4().hex, "text": text}
    )
    await response.read()
    return response


async def test_a_cookie_the_server_did_not_issue_is_refused(quick_app: Runtime) -> None:
    base = f"http://127.0.0.1:{quick_app.web_port}"
    async with browser() as http:
        chosen = "kiosk-chosen-chat-id-0123456789"
        http.cookie_jar.update_cookies({COOKIE: chosen}, URL(base))
        assert (await post(http, base, "hallo")).status == 403
        async with http.get(f"{base}/chat/api/messages", params={"wait": "0"}) as response:
            assert response.status == 403
        async with http.get(f"{base}/chat") as response:  # the page gives a cookie of its own
            assert response.status == 200
        issued = http.cookie_jar.filter_cookies(URL(base))[COOKIE].value
        assert issued != chosen
        assert not issued.startswith(chosen)
        assert (await post(http, base, "hallo")).status == 202
        forged = issued.split(".")[0] + ".1.AAAAAAAAAAAAAAAAAAAAAA"
        http.cookie_jar.update_cookies({COOKIE: forged}, URL(base))
        assert (await post(http, base, "hallo")).status == 403


def test_the_cookie_is_signed_ends_and_is_secure_off_loopback() -> None:
    cookies = ChatCookies("geheim", secure=True, days=7)
    value = cookies.issue(now=1_000_000)
    chat_id = value.split(".")[0]
    assert cookies.read(value, now=1_000_000 + 6 * 86400) == (chat_id, 1_000_000)
    assert cookies.read(value, now=1_000_000 + 8 * 86400) is None  # ended
    assert ChatCookies("ander geheim", secure=True).read(value, now=1_000_000) is None
    assert cookies.read(value.replace(".1000000.", ".2000000."), now=2_000_000) is None
    response = web.Response()
    cookies.set(response, value)
    morsel = response.cookies[COOKIE]
    assert morsel["secure"]
    assert morsel["httponly"]
    assert morsel["samesite"] == "Strict"
    assert int(morsel["max-age"]) == 7 * 86400
    on_loopback = web.Response()
    ChatCookies("geheim", secure=False).set(on_loopback, value)
    assert not on_loopback.cookies[COOKIE]["secure"]


async def test_a_visitor_who_sends_too_fast_is_told_to_wait(limited_app: Runtime) -> None:
    base = f"http://127.0.0.1:{limited_app.web_port}"
    async with browser() as http:
        tenant = WebTenant(http, base)
        await tenant.open()
        for number in range(SMALL.per_visitor.burst):
            assert (await post(http, base, f"bericht {number}")).status == 202
        refused = await post(http, base, "nog een")
        assert refused.status == 429
        assert int(refused.headers["Retry-After"]) >= 1
        assert (await refused.json()) == {"error": texts.WEB_CHAT_SLOW_DOWN}


async def test_one_address_has_limits_for_messages_and_new_chats(limited_app: Runtime) -> None:
    base = f"http://127.0.0.1:{limited_app.web_port}"
    visitors = [browser() for _ in range(SMALL.new_chats.burst + 1)]
    try:
        for http in visitors[:-1]:
            await WebTenant(http, base).open()
        async with visitors[-1].get(f"{base}/chat") as response:
            assert response.status == 429
            assert texts.WEB_CHAT_TOO_MANY_CHATS in await response.text()
        assert COOKIE not in visitors[-1].cookie_jar.filter_cookies(URL(base))
        statuses = [
            (await post(http, base, "hallo")).status for _ in range(2) for http in visitors[:-1]
        ]  # 6 messages from 3 visitors, none of whom is over their own limit
        assert statuses == [202] * SMALL.per_address.burst + [429]
    finally:
        for http in visitors:
            await http.close()


async def test_a_very_long_message_is_refused_kindly(quick_app: Runtime) -> None:
    base = f"http://127.0.0.1:{quick_app.web_port}"
    async with browser() as http:
        await WebTenant(http, base).open()
        refused = await post(http, base, "lang " * 2001)
        assert refused.status == 413
        assert (await refused.json()) == {"error": texts.WEB_CHAT_TOO_LONG}


def test_buckets_refill_and_forget_the_longest_unused_key() -> None:
    buckets = Buckets(Rate(2, 60.0), max_keys=3)
    assert buckets.take("a", 0)
    assert buckets.take("a", 0)
    assert not buckets.take("a", 0)
    assert buckets.wait_seconds("a", 0) == pytest.approx(30.0)
    assert buckets.take("a", 30.0)  # one token back after half a minute
    for key in "bcde":
        buckets.take(key, 31.0)
    assert len(buckets) == 3
