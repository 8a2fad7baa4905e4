"""The tenant web chat: the same pipeline as Telegram, for local mode and the website."""

import base64
import hashlib
import hmac
import math
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from handoff import texts
from handoff.domain.channels import Channel
from handoff.domain.commands import parse_command
from handoff.domain.directory import Directory, normalise_name
from handoff.domain.handoff_request import DUTCH
from handoff.domain.rate_limits import Buckets, Rate
from handoff.domain.text_rules import shorten, storable
from handoff.nlu import language
from handoff.services import intake, privacy
from handoff.services.conversation import Conversations
from handoff.services.intake import InboundMessage
from handoff.views import chat
from handoff.web.context import SERVICES
from handoff.web.downloads import text_download

CHANNEL = Channel.WEB
COOKIE = "aandacht_chat"
LONG_POLL_SECONDS = 25.0
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
NAME_LIMIT = 100  # a name the website passes on; a longer one is cut after a whole word
TEXT_LIMIT = 10_000  # characters of one message (Rasa reads the first 1,000)
FIELD_LIMIT = 200  # a button's payload or title
COOKIE_DAYS = 7  # a chat cookie ends after a week without a visit; each visit renews it
RIGHT_TO_LEFT = frozenset({"ar"})  # the page's languages written from right to left


class ChatCookies:
    """The chat cookie: a random chat id the server issued, when, and an HMAC of both with a
    key derived from the session secret; a value the server did not issue is not accepted."""

    def __init__(self, secret: str | None, secure: bool, days: float = COOKIE_DAYS) -> None:
        raw = secret.encode() if secret else secrets.token_bytes(32)  # chats end at a restart
        self._key = hmac.new(raw, b"aandacht web chat cookie", hashlib.sha256).digest()
        self.secure = secure  # not on loopback: only over HTTPS, as the desk's
        self.lifetime = days * 86400

    def issue(self, now: float, chat_id: str | None = None) -> str:
        """A new cookie value: for a new chat, or to renew the chat `chat_id`."""
        chat_id = chat_id or secrets.token_urlsafe(24)
        issued = str(int(now))
        return f"{chat_id}.{issued}.{self._mac(chat_id, issued)}"

    def read(self, value: str | None, now: float) -> tuple[str, float] | None:
        """The chat id and when the cookie was issued; None for a forged or ended cookie."""
        parts = (value or "").split(".")
        if len(parts) != 3 or not parts[1].isdigit() or len(parts[0]) != 32:
            return None
        chat_id, issued, mac = parts
        if not hmac.compare_digest(mac, self._mac(chat_id, issued)):
            return None
        age = now - int(issued)
        return (chat_id, int(issued)) if -60 <= age <= self.lifetime else None

    def set(self, response: web.StreamResponse, value: str) -> None:
        """Gives the browser the cookie: HttpOnly, SameSite=Strict, Secure off loopback."""
        response.set_cookie(
            COOKIE,
            value,
            httponly=True,
            samesite="Strict",
            secure=self.secure,
            max_age=int(self.lifetime),
        )

    def _mac(self, chat_id: str, issued: str) -> str:
        digest = hmac.new(self._key, f"{chat_id}.{issued}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")


@dataclass(frozen=True)
class ChatLimits:
    """What one visitor (cookie) and one client address may do, as token buckets. A visitor has
    at most one open case, so new chats per address also bound the cases an address opens."""

    per_visitor: Rate = Rate(20, 60.0)  # messages: 20 a minute (buttons count too)
    per_address: Rate = Rate(120, 60.0)  # messages from one address: 120 a minute
    new_chats: Rate = Rate(30, 3600.0)  # chats one address opens: 30 an hour
    max_keys: int = 10_000  # visitors and addresses remembered per bucket


@dataclass
class ChatGuard:
    """The chat's cookies and limits, kept on the application."""

    cookies: ChatCookies
    limits: ChatLimits = field(default_factory=ChatLimits)

    def __post_init__(self) -> None:
        self.visitors = Buckets(self.limits.per_visitor, self.limits.max_keys)
        self.addresses = Buckets(self.limits.per_address, self.limits.max_keys)
        self.new_chats = Buckets(self.limits.new_chats, self.limits.max_keys)


GUARD = web.AppKey("chat_guard", ChatGuard)


def _too_many(text: str, wait: float) -> web.Response:
    """429 with a text the chat page shows."""
    return web.json_response(
        {"error": text}, status=429, headers={"Retry-After": str(max(1, math.ceil(wait)))}
    )


_WORD = re.compile(r"\w+")
# Words by which a visitor's name would pass for the corporation's own people.
_STAFF_WORDS = re.compile(r"medewerk|aandacht|beheer|admin|corporatie|klantcontact", re.IGNORECASE)


def _words(name: str) -> str:
    """A name as whole words between spaces, folded, so " kees visser " is found in a name."""
    return f" {' '.join(_WORD.findall(normalise_name(name)))} "


def _visitor_name(name: str, directory: Directory) -> str:
    """The name a web chat visitor gave, unless it passes for an employee's ("Kees Visser
    (medewerker)"): employees would read it on the case (security review #27)."""
    given = _words(name)
    if _STAFF_WORDS.search(name) or any(_words(e.name) in given for e in directory.employees):
        return texts.WEB_CHAT_VISITOR
    return name


def _first_language(header: str) -> str | None:
    """The first tag of an Accept-Language header ("tr-TR,tr;q=0.9,en;q=0.8" -> "tr-TR")."""
    first = header.split(",", 1)[0].split(";", 1)[0].strip()
    return first[:FIELD_LIMIT] if first and first != "*" else None


def _page_language(request: web.Request) -> str:
    """The language of the page and its answers to the browser: the browser's first one when
    the app speaks it (texts.IN_OTHER_LANGUAGES), else Dutch. What the tenant writes in the
    chat is judged by itself (nlu/language.py), with this header as the hint."""
    code = language.hinted(_first_language(request.headers.get("Accept-Language", "")))
    return code if code in texts.IN_OTHER_LANGUAGES else DUTCH


def _page(request: web.Request, intro: str, status: int = 200) -> web.Response:
    """The chat page in the browser's language, with `intro` ("intro" or "too_many_chats")."""
    spoken = _page_language(request)
    words = texts.web_chat_page(spoken)
    context = {
        "page": words,
        "intro": words[intro],
        "page_lang": spoken,
        "page_dir": "rtl" if spoken in RIGHT_TO_LEFT else None,
    }
    response = aiohttp_jinja2.render_template("chat.html", request, context, status=status)
    response.headers["Vary"] = "Accept-Language"  # a cache keeps each language apart
    return response


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
        language_hint=payload.get("language_hint"),
    )


def redispatcher(conversations: Conversations) -> intake.Redispatch:
    """Returns Recovery's callback for stored web chat messages."""

    async def redispatch(update_id: str, payload: dict[str, Any]) -> None:
        await conversations.handle(describe(update_id, payload))

    return redispatch


def dead_letter_handler(conversations: Conversations) -> intake.GiveUp:
    """Returns Recovery's callback for a web chat message it parked."""

    async def give_up(update_id: str, payload: dict[str, Any]) -> None:
        await conversations.give_up(describe(update_id, payload))

    return give_up


async def chat_page(request: web.Request) -> web.Response:
    """Shows the chat page and gives the browser a chat id of its own (or renews its cookie)."""
    guard, now = request.app[GUARD], time.time()
    known = guard.cookies.read(request.cookies.get(COOKIE), now)
    if known is None and not guard.new_chats.take(request.remote or "", now):
        response = _page(request, "too_many_chats", status=429)
        response.headers["Retry-After"] = str(
            math.ceil(guard.new_chats.wait_seconds(request.remote or "", now))
        )
        return response
    response = _page(request, "intro")
    guard.cookies.set(response, guard.cookies.issue(now, known[0] if known else None))
    return response


def _chat_id(request: web.Request) -> str:
    """The chat id of a cookie this server issued and that has not ended; else 403."""
    found = request.app[GUARD].cookies.read(request.cookies.get(COOKIE), time.time())
    if found is None:
        raise web.HTTPForbidden(text=texts.WEB_CHAT_OPEN_FIRST)
    return found[0]


async def post_message(request: web.Request) -> web.Response:
    """Stores the tenant's message, then processes it after answering the browser."""
    chat_id = _chat_id(request)
    if request.content_type != "application/json":  # with SameSite, this keeps out CSRF
        raise web.HTTPUnsupportedMediaType(text=texts.WEB_CHAT_JSON_EXPECTED)
    guard, now, address = request.app[GUARD], time.time(), request.remote or ""
    said = texts.web_chat_page(_page_language(request))  # what the page shows of a refusal
    if not guard.visitors.take(chat_id, now):
        return _too_many(said["slow_down"], guard.visitors.wait_seconds(chat_id, now))
    if not guard.addresses.take(address, now):
        return _too_many(said["slow_down"], guard.addresses.wait_seconds(address, now))
    try:
        body = await request.json()
    except ValueError:  # not JSON, or not UTF-8
        raise web.HTTPBadRequest(text=texts.WEB_CHAT_JSON_EXPECTED) from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text=texts.WEB_CHAT_EMPTY)
    client_id = str(body.get("id", ""))
    if not _CLIENT_ID.match(client_id):
        raise web.HTTPBadRequest(text=texts.WEB_CHAT_NO_ID)
    payload: dict[str, Any] = {"chat_id": chat_id}
    for key in ("text", "payload", "title", "name"):
        if isinstance(body.get(key), str):
            payload[key] = storable(body[key])  # a lone surrogate: kept as U+FFFD
    if "text" not in payload and "payload" not in payload:
        raise web.HTTPBadRequest(text=texts.WEB_CHAT_EMPTY)
    if len(payload.get("text", "")) > TEXT_LIMIT:
        return web.json_response({"error": said["too_long"]}, status=413)
    if any(len(payload.get(key, "")) > FIELD_LIMIT for key in ("payload", "title")):
        raise web.HTTPBadRequest(text=texts.WEB_CHAT_EMPTY)
    services = request.app[SERVICES]
    if "name" in payload:
        payload["name"] = _visitor_name(shorten(payload["name"], NAME_LIMIT), services.directory)
    # The browser's first language, as Telegram's language_code is for a Telegram tenant.
    if hint := _first_language(request.headers.get("Accept-Language", "")):
        payload["language_hint"] = hint
    update_id = f"{chat_id}:{client_id}"
    if await intake.store(services.uow, CHANNEL, update_id, payload):
        services.metrics.received(CHANNEL)
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
    return text_download(found.body, found.name)


def add_routes(app: web.Application, guard: ChatGuard) -> None:
    """Adds the chat's routes, with its cookies and limits."""
    app[GUARD] = guard
    app.router.add_get("/chat", chat_page)
    app.router.add_post("/chat/api/messages", post_message)
    app.router.add_get("/chat/api/messages", get_messages)
    app.router.add_get(privacy.WEB_DOWNLOAD, my_data)
