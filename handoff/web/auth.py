"""Desk login: encrypted session cookies, a CSRF token per session, and who may see what.

Every page under /desk (and /admin) needs a logged-in employee, /admin the admin role; every
POST there must carry the session's CSRF token. Sessions live in an encrypted, HttpOnly,
SameSite=Lax cookie that is Secure whenever the desk is served beyond this machine.
"""

import base64
import functools
import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp_jinja2
import aiohttp_session
from aiohttp import web
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from cryptography.fernet import Fernet

from handoff import texts
from handoff.domain.directory import normalise_name
from handoff.domain.staff import EmployeeRef
from handoff.services import accounts
from handoff.web.context import SERVICES

COOKIE = "aandacht_desk"
SESSION_HOURS = 12
USER = web.RequestKey("user", EmployeeRef)
CSRF = web.RequestKey("csrf", str)
_PROTECTED = ("/desk", "/admin")
_OPEN = {"/desk/login"}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def setup_sessions(app: web.Application, secret: str | None, secure: bool) -> None:
    """Adds encrypted cookie sessions; without a secret, sessions end when the app restarts."""
    raw = secret.encode() if secret else secrets.token_bytes(32)
    key = Fernet(base64.urlsafe_b64encode(hashlib.sha256(raw).digest()))
    storage = EncryptedCookieStorage(
        key,
        cookie_name=COOKIE,
        max_age=SESSION_HOURS * 3600,
        secure=secure,
        httponly=True,
        samesite="Lax",
    )
    aiohttp_session.setup(app, storage)
    app.middlewares.append(guard)


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Lets only logged-in employees (and admins for /admin) in; checks CSRF on every POST."""
    if not request.path.startswith(_PROTECTED):
        return await handler(request)
    session = await aiohttp_session.get_session(request)
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    request[CSRF] = session["csrf"]
    if request.method == "POST":
        form = await request.post()
        sent = str(form.get("csrf") or request.headers.get("X-CSRF-Token", ""))
        if not hmac.compare_digest(sent, session["csrf"]):
            raise web.HTTPForbidden(text=texts.DESK_CSRF)
    if request.path in _OPEN:
        return await handler(request)
    user = None
    if isinstance(session.get("employee_id"), int):
        user = await accounts.active(request.app[SERVICES].uow, session["employee_id"])
    if user is None:
        session.pop("employee_id", None)
        login = request.app.router["login"].url_for().with_query(next=request.path_qs)
        raise web.HTTPSeeOther(login)
    if request.path.startswith("/admin") and not user.is_admin:
        raise web.HTTPForbidden(text=texts.DESK_ADMINS_ONLY)
    request[USER] = user
    return await handler(request)


class LoginThrottle:
    """Slows down guessing: after five wrong tries, a name waits a minute per extra try.

    Tries count per account (the name as login finds it: case, accents and spaces folded, so
    "Íngrid  Jansen" is "Ingrid Jansen") and per address they come from, so someone guessing
    from elsewhere cannot lock the employee out; one address guessing many names waits too.
    """

    MAX_KEYS = 10_000  # failures kept at most; the oldest go first

    def __init__(
        self,
        free_tries: int = 5,
        free_tries_per_address: int = 20,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free_tries = free_tries
        self.free_tries_per_address = free_tries_per_address
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], tuple[int, float]] = OrderedDict()

    def _keys(self, name: str, address: str) -> list[tuple[tuple[str, str], int]]:
        return [
            ((normalise_name(name), address), self.free_tries),
            (("", address), self.free_tries_per_address),
        ]

    def wait_seconds(self, name: str, address: str) -> float:
        """How long this name from this address must wait before the next try."""
        waits = [0.0]
        for key, free in self._keys(name, address):
            count, last = self._failures.get(key, (0, 0.0))
            if count >= free:
                waits.append(last + 60 * (count - free + 1) - self._clock())
        return max(waits)

    def failed(self, name: str, address: str) -> None:
        for key, _ in self._keys(name, address):
            count, _ = self._failures.pop(key, (0, 0.0))
            self._failures[key] = (count + 1, self._clock())
        while len(self._failures) > self.MAX_KEYS:
            self._failures.popitem(last=False)

    def succeeded(self, name: str, address: str) -> None:
        self._failures.pop(self._keys(name, address)[0][0], None)


THROTTLE = web.AppKey("login_throttle", LoginThrottle)


def _safe_next(target: str) -> str:
    """Only our own desk pages: never an address elsewhere."""
    if target.startswith(_PROTECTED) and not target.startswith("//"):
        return target
    return "/desk"


async def login_page(request: web.Request) -> web.Response:
    """Shows the login form, or logs in."""
    context: dict[str, Any] = {"next": _safe_next(request.query.get("next", "/desk"))}
    if request.method == "POST":
        form = await request.post()
        name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
        context.update(next=_safe_next(str(form.get("next", "/desk"))), name=name)
        throttle, address = request.app[THROTTLE], request.remote or ""
        if throttle.wait_seconds(name, address) > 0:
            context["error"] = texts.DESK_LOGIN_WAIT
        else:
            user = await accounts.authenticate(request.app[SERVICES].uow, name, password)
            if user is not None:
                throttle.succeeded(name, address)
                session = await aiohttp_session.new_session(request)  # a fresh session id
                session["employee_id"] = user.id
                session["csrf"] = secrets.token_urlsafe(32)
                raise web.HTTPSeeOther(context["next"])
            throttle.failed(name, address)
            context["error"] = texts.DESK_LOGIN_FAILED
    response = render("login.html", request, context)
    if "error" in context:
        response.set_status(401)
    return response


async def logout(request: web.Request) -> web.Response:
    """Ends the session."""
    session = await aiohttp_session.get_session(request)
    session.invalidate()
    raise web.HTTPSeeOther(request.app.router["login"].url_for())


def render(template: str, request: web.Request, context: dict[str, Any]) -> web.Response:
    """Renders a desk page with the logged-in employee and the CSRF token its forms carry."""
    context = {**context, "user": request.get(USER), "csrf": request.get(CSRF, "")}
    return aiohttp_jinja2.render_template(template, request, context)


def page(template: str) -> Callable[[Callable[[web.Request], Awaitable[dict[str, Any]]]], Handler]:
    """Makes a view that returns its context into a desk page rendered with `template`."""

    def decorate(view: Callable[[web.Request], Awaitable[dict[str, Any]]]) -> Handler:
        @functools.wraps(view)
        async def handler(request: web.Request) -> web.StreamResponse:
            return render(template, request, await view(request))

        return handler

    return decorate


def add_routes(app: web.Application) -> None:
    """Adds login and logout."""
    app[THROTTLE] = LoginThrottle()
    app.router.add_route("*", "/desk/login", login_page, name="login")
    app.router.add_post("/desk/logout", logout, name="logout")
