"""Desk login: encrypted session cookies, a CSRF token per session, and who may see what.

Every page under /desk (and /admin) needs a logged-in employee, /admin the admin role; every
POST there must carry the session's CSRF token. Sessions live in an encrypted, HttpOnly,
SameSite=Lax cookie that is Secure whenever the desk is served beyond this machine.

The cookie alone is not enough: a copied cookie must stop working when its employee logs out or
gets a new password. A session carries a stamp of the password and the employee's
count of logouts when it was made (`accounts.Account.stamp`), so a new password or a logout
ends every session made before it, in every process and across restarts.
"""

import base64
import functools
import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, NoReturn

import aiohttp_jinja2
import aiohttp_session
from aiohttp import web
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from cryptography.fernet import Fernet
from yarl import URL

from handoff import texts
from handoff.domain.directory import normalise_name
from handoff.domain.staff import EmployeeRef
from handoff.services import accounts
from handoff.web.context import SERVICES

COOKIE = "aandacht_desk"
SESSION_HOURS = 12
USER = web.RequestKey("user", EmployeeRef)
CSRF = web.RequestKey("csrf", str)
NOTICE = "notice"  # the session's key for the one-time notice after a form
_PROTECTED = ("/desk", "/admin")
# What a logged-in session holds besides its CSRF token.
_EMPLOYEE, _PASSWORD = "employee_id", "password"
_OPEN = {"/desk/login"}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def start_session(session: aiohttp_session.Session, account: accounts.Account) -> None:
    """Binds a session to the employee, their current password and their logouts so far."""
    session[_EMPLOYEE] = account.employee.id
    session[_PASSWORD] = account.stamp


async def renew(request: web.Request) -> None:
    """Keeps this session after the employee changed their password (the others end)."""
    session = await aiohttp_session.get_session(request)
    account = await accounts.active(request.app[SERVICES].uow, request[USER].id)
    if account is not None:
        start_session(session, account)


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
    account = await _logged_in(request, session)
    if account is None:
        for key in (_EMPLOYEE, _PASSWORD):
            session.pop(key, None)
        login = request.app.router["login"].url_for().with_query(next=request.path_qs)
        raise web.HTTPSeeOther(login)
    user = account.employee
    if request.path.startswith("/admin") and not user.is_admin:
        raise web.HTTPForbidden(text=texts.DESK_ADMINS_ONLY)
    request[USER] = user
    return await handler(request)


async def _logged_in(
    request: web.Request, session: aiohttp_session.Session
) -> accounts.Account | None:
    """The session's employee, if they are still active, kept their password and have not
    logged out since the session was made."""
    employee_id = session.get(_EMPLOYEE)
    if not isinstance(employee_id, int):
        return None
    account = await accounts.active(request.app[SERVICES].uow, employee_id)
    password = session.get(_PASSWORD)
    if account is None or not isinstance(password, str):
        return None
    return account if hmac.compare_digest(password, account.stamp) else None


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
        """Counts a failed login for the name from this address and for the address."""
        for key, _ in self._keys(name, address):
            count, _ = self._failures.pop(key, (0, 0.0))
            self._failures[key] = (count + 1, self._clock())
        while len(self._failures) > self.MAX_KEYS:
            self._failures.popitem(last=False)

    def succeeded(self, name: str, address: str) -> None:
        """Forgets the name's failed logins from this address (the address's stay)."""
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
            account = await accounts.authenticate(request.app[SERVICES].uow, name, password)
            if account is not None:
                throttle.succeeded(name, address)
                session = await aiohttp_session.new_session(request)  # a fresh session id
                start_session(session, account)
                session["csrf"] = secrets.token_urlsafe(32)
                raise web.HTTPSeeOther(context["next"])
            throttle.failed(name, address)
            context["error"] = texts.DESK_LOGIN_FAILED
    response = render("login.html", request, context)
    if "error" in context:
        response.set_status(401)
    return response


async def logout(request: web.Request) -> web.Response:
    """Ends the session, and every other session of this employee (a copied cookie too)."""
    await accounts.log_out(request.app[SERVICES].uow, request[USER].id)
    session = await aiohttp_session.get_session(request)
    session.invalidate()
    raise web.HTTPSeeOther(request.app.router["login"].url_for())


def render(template: str, request: web.Request, context: dict[str, Any]) -> web.Response:
    """Renders a desk page with the logged-in employee and the CSRF token its forms carry."""
    context = {**context, "user": request.get(USER), "csrf": request.get(CSRF, "")}
    return aiohttp_jinja2.render_template(template, request, context)


async def see_other(request: web.Request, location: URL, notice: str) -> NoReturn:
    """Answers a form with a redirect to `location`, whose page then shows `notice` once.
    The notice travels in the session, not in the URL, so no link can put text of its own on a
    desk page (security review #27)."""
    session = await aiohttp_session.get_session(request)
    session[NOTICE] = notice
    raise web.HTTPSeeOther(location)


def page(template: str) -> Callable[[Callable[[web.Request], Awaitable[dict[str, Any]]]], Handler]:
    """Makes a view that returns its context into a desk page rendered with `template`, with
    the notice a form left for it (`see_other`)."""

    def decorate(view: Callable[[web.Request], Awaitable[dict[str, Any]]]) -> Handler:
        @functools.wraps(view)
        async def handler(request: web.Request) -> web.StreamResponse:
            context = await view(request)
            notice = None
            if request.headers.get("X-Requested-With") != "fetch":  # not the live refresh
                session = await aiohttp_session.get_session(request)
                notice = session.pop(NOTICE) if NOTICE in session else None
            return render(template, request, {"notice": notice, **context})

        return handler

    return decorate


def add_routes(app: web.Application) -> None:
    """Adds login and logout."""
    app[THROTTLE] = LoginThrottle()
    app.router.add_route("*", "/desk/login", login_page, name="login")
    app.router.add_post("/desk/logout", logout, name="logout")
