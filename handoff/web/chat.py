"""The tenant web chat: the same pipeline as Telegram, for local mode and the website."""

import re
import secrets
import time
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from handoff import texts
from handoff.domain.channels import Channel
from handoff.domain.commands import parse_command
from handoff.domain.text_rules import shorten
from handoff.services import intake, privacy
from handoff.services.conversation import Conversations
from handoff.services.intake import InboundMessage
from handoff.views import chat
from handoff.web.context import SERVICES

CHANNEL = Channel.WEB
COOKIE = "aandacht_chat"
LONG_POLL_SECONDS = 25.0
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
NAME_LIMIT = 100  # a name the website passes on; a longer one is cut after a whole word


def describe(update_id: str, payload: dict[str, Any]) -> InboundMessage:
    """Describes a stored web chat message as an InboundMessage."""
    button = payload.get("payload") is not None
    return InboundMessage(
        CHANNEL,
        update_id,
        payload["chat_id"],
        payload.get("name") or texts.WEB_CHAT_VISITOR,
        "button" if button else "text",
        text=payload.get("title") if button else payload.get("text"),
        payload=payload.get("payload"),
        command=None if button else parse_command(payload.get("text")),
    )


def redispatcher(conversations: Conversations) -> intake.Redispatch:
    """Returns Recovery's callback for stored web chat messages."""

    async def redispatch(update_id: str, payload: dict[str, Any]) -> None:
        await conversations.handle(describe(update_id, payload))

    return redispatch


def giver_up(conversations: Conversations) -> intake.GiveUp:
    """Returns Recovery's callback for a web chat message it parked."""

    async def give_up(update_id: str, payload: dict[str, Any]) -> None:
        await conversations.give_up(describe(update_id, payload))

    return give_up


async def chat_page(request: web.Request) -> web.Response:
    """Shows the chat page and gives the browser a chat id of its own."""
    response = aiohttp_jinja2.render_template(
        "chat.html", request, {"intro": texts.WEB_CHAT_INTRO}
    )
    if COOKIE not in request.cookies:
        response.set_cookie(
            COOKIE, secrets.token_urlsafe(24), httponly=True, samesite="Strict", max_age=86400 * 30
        )
    return response


def _chat_id(request: web.Request) -> str:
    chat_id = request.cookies.get(COOKIE)
    if not chat_id or len(chat_id) > 64:
        raise web.HTTPForbidden(text=texts.WEB_CHAT_OPEN_FIRST)
    return chat_id


async def post_message(request: web.Request) -> web.Response:
    """Stores the tenant's message, then processes it after answering the browser."""
    chat_id = _chat_id(request)
    if request.content_type != "application/json":  # with SameSite, this keeps out CSRF
        raise web.HTTPUnsupportedMediaType(text=texts.WEB_CHAT_JSON_EXPECTED)
    body = await request.json()
    client_id = str(body.get("id", ""))
    if not _CLIENT_ID.match(client_id):
        raise web.HTTPBadRequest(text=texts.WEB_CHAT_NO_ID)
    payload: dict[str, Any] = {"chat_id": chat_id}
    for key in ("text", "payload", "title", "name"):
        if isinstance(body.get(key), str):
            payload[key] = body[key]
    if "name" in payload:
        payload["name"] = shorten(payload["name"], NAME_LIMIT)
    if "text" not in payload and "payload" not in payload:
        raise web.HTTPBadRequest(text=texts.WEB_CHAT_EMPTY)
    services = request.app[SERVICES]
    update_id = f"{chat_id}:{client_id}"
    if await intake.store(services.uow, CHANNEL, update_id, payload):
        services.spawn(services.conversations.handle(describe(update_id, payload)))
    return web.json_response({"stored": True}, status=202)


async def get_messages(request: web.Request) -> web.Response:
    """Returns the messages for this chat after `after`, waiting a while if there are none."""
    chat_id = _chat_id(request)
    try:
        after = int(request.query.get("after", "0"))
    except ValueError:
        raise web.HTTPBadRequest(text=texts.WEB_CHAT_BAD_AFTER) from None
    services = request.app[SERVICES]
    wait = request.query.get("wait", "1") != "0"
    deadline = LONG_POLL_SECONDS if wait else 0.0
    while True:
        seen = services.webchat.version
        messages = await chat.messages_after(services.uow, chat_id, after)
        if messages or deadline <= 0 or services.stopping.is_set():
            break
        started = time.monotonic()
        await services.webchat.wait_after(seen, deadline, services.stopping)
        deadline -= time.monotonic() - started
    if messages:
        last = messages[-1]["id"]
        assert isinstance(last, int)
        await services.privacy.forget_fetched(chat_id, last)
    return web.json_response(messages)


async def my_data(request: web.Request) -> web.Response:
    """/mijngegevens in the web chat: this chat's own data, as a file to download."""
    chat_id = _chat_id(request)
    found = await request.app[SERVICES].privacy.export_web_chat(chat_id)
    if found is None:
        raise web.HTTPNotFound(text=texts.PRIVACY_WEB_NONE)
    return web.Response(
        text=found.body,
        content_type="text/plain",
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{found.name}"',
            "Cache-Control": "no-store",
        },
    )


def add_routes(app: web.Application) -> None:
    """Adds the chat's routes."""
    app.router.add_get("/chat", chat_page)
    app.router.add_post("/chat/api/messages", post_message)
    app.router.add_get("/chat/api/messages", get_messages)
    app.router.add_get(privacy.WEB_DOWNLOAD, my_data)
