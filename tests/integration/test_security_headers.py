"""Security headers on every response of the app: pages, static files, redirects, errors."""

from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from handoff.app.runtime import Runtime
from handoff.web.headers import setup_headers

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/healthz",
        "/chat",
        "/desk",
        "/desk/login",
        "/static/desk.js",
        "/static/aandacht.css",
        "/nergens",
    ],
)
async def test_every_response_carries_the_security_headers(quick_app: Runtime, path: str) -> None:
    url = f"http://127.0.0.1:{quick_app.web_port}{path}"
    async with aiohttp.ClientSession() as http, http.get(url, allow_redirects=False) as response:
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (path, name)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "'unsafe-inline'" not in policy
        assert "Strict-Transport-Security" not in response.headers  # plain HTTP on 127.0.0.1


async def test_secure_cookies_come_with_strict_transport_security() -> None:
    async def hello(_request: web.Request) -> web.Response:
        return web.Response(text="hallo")

    headers: dict[bool, Any] = {}
    for secure in (False, True):
        app = web.Application()
        app.router.add_get("/", hello)
        setup_headers(app, secure=secure)
        async with (
            TestServer(app) as server,
            aiohttp.ClientSession() as http,
            http.get(server.make_url("/")) as response,
        ):
            headers[secure] = response.headers
    assert "Strict-Transport-Security" not in headers[False]
    assert headers[True]["Strict-Transport-Security"].startswith("max-age=")
    assert headers[True]["X-Frame-Options"] == "DENY"
