"""The employees' desk: case lists, a case with its whole conversation, and acting on it.

Every action goes through the one dispatcher Telegram uses too (cases/actions.py). Open
pages follow changes live: /desk/events tells them when anything was committed, and they
fetch themselves again.
"""

import json

from aiohttp import web
from aiohttp_sse import sse_response

from handoff import texts
from handoff.domain.case_actions import CaseAction, Verb
from handoff.domain.directory import Directory, Team
from handoff.domain.directory import Employee as Person
from handoff.services import accounts, employees
from handoff.services import desk as desk_actions
from handoff.views import desk
from handoff.web.auth import THROTTLE, USER, page, render, renew, see_other
from handoff.web.context import SERVICES

# The last part of a form's URL, /desk/cases/12/<verb>, and what it does.
_VERBS = {
    verb.value: verb
    for verb in (Verb.REPLY, Verb.CLAIM, Verb.CLOSE, Verb.NOTE, Verb.TRANSFER, Verb.MISREAD)
}
_NEEDS_TEXT = {Verb.REPLY, Verb.NOTE}
EVENT_KEEPALIVE_SECONDS = 20.0


@page("desk.html")
async def desk_page(request: web.Request) -> dict:
    """The logged-in employee's lists: mine, my team's, and what nobody took up yet."""
    services = request.app[SERVICES]
    return {"lists": await desk.case_lists(services.uow, services.directory, request[USER])}


@page("case.html")
async def case_page(request: web.Request) -> dict:
    """A case: who, what, the whole conversation, and what the owner can do."""
    services = request.app[SERVICES]
    case_id = int(request.match_info["case_id"])
    shown = await desk.case_page(services.uow, services.directory, request[USER], case_id)
    if shown is None:
        raise web.HTTPNotFound(text=texts.DESK_CASE_HIDDEN)
    directory = services.directory
    return {
        "case": shown.case,
        "tenant": shown.tenant,
        "owner": shown.owner,
        "mine": shown.mine,
        "lines": shown.lines,
        "back_office": shown.back_office,
        "colleagues": [e.name for e in directory.employees if e.name != shown.owner],
        "teams": [(t.key, t.name) for t in directory.teams],
    }


async def act(request: web.Request) -> web.Response:
    """Replies to, claims, notes, transfers or closes a case (through the one dispatcher)."""
    verb = _VERBS[request.match_info["action"]]
    case_id = int(request.match_info["case_id"])
    form = await request.post()
    text = str(form.get("text", "")).strip()
    if verb in _NEEDS_TEXT and not text:
        raise web.HTTPBadRequest(text=texts.DESK_EMPTY_MESSAGE)
    services = request.app[SERVICES]
    action = CaseAction(
        verb,
        case_id,
        text=text or None,
        target=_target(services.directory, str(form.get("target", ""))),
        sure=form.get("sure") == "ja",
    )
    result = await desk_actions.act(services.uow, services.directory, request[USER], action)
    if result is None:
        raise web.HTTPNotFound(text=texts.DESK_CASE_HIDDEN)
    location = request.app.router["case"].url_for(case_id=str(case_id))
    answer = texts.case_answer(result, desk=True)
    assert answer is not None, "only a reply in Telegram goes without an answer"
    await see_other(request, location, answer)


def _target(directory: Directory, value: str) -> Person | Team | None:
    """Reads the transfer form's choice: "team:<key>" or "employee:<name>"."""
    kind, _, name = value.partition(":")
    if kind == "team":
        return next((t for t in directory.teams if t.key == name), None)
    if kind == "employee":
        return directory.employee(name)
    return None


@page("figures.html")
async def figures_page(request: web.Request) -> dict:
    """Per team: open cases, time to a first answer, transfers per case, the tenants' answers."""
    services = request.app[SERVICES]
    return {"figures": await desk.team_figures(services.uow, services.directory), "days": 30}


@page("account.html")
async def account_page(_request: web.Request) -> dict:
    """The employee's own account: Telegram linking and their password."""
    return {"min_length": accounts.MIN_PASSWORD_LENGTH}


async def link_code(request: web.Request) -> web.Response:
    """Makes a one-time /koppel code and shows it once."""
    services = request.app[SERVICES]
    code = await employees.new_link_code(services.uow, request[USER].name)
    return render(
        "account.html", request, {"code": code, "min_length": accounts.MIN_PASSWORD_LENGTH}
    )


async def change_password(request: web.Request) -> web.Response:
    """Changes the employee's password after checking the current one."""
    form = await request.post()
    services = request.app[SERVICES]
    user = request[USER]
    current, new = str(form.get("current", "")), str(form.get("new", ""))
    # The same throttle as the login: a copied session must not let anyone guess the password.
    throttle, address = request.app[THROTTLE], request.remote or ""
    if throttle.wait_seconds(user.name, address) > 0:
        message = texts.DESK_LOGIN_WAIT
    elif await accounts.authenticate(services.uow, user.name, current) is None:
        throttle.failed(user.name, address)
        message = texts.PASSWORD_WRONG
    else:
        try:
            await accounts.set_password(services.uow, user.name, new)  # ends other sessions
            await renew(request)
            message = texts.PASSWORD_CHANGED
        except accounts.WeakPassword:
            message = texts.PASSWORD_TOO_SHORT.format(length=accounts.MIN_PASSWORD_LENGTH)
    await see_other(request, request.app.router["account"].url_for(), message)


async def events(request: web.Request) -> web.StreamResponse:
    """Tells an open desk page, over server-sent events, each time something changed."""
    services = request.app[SERVICES]
    changes, stopping = services.desk_changes, services.stopping
    async with sse_response(request) as stream:
        seen = changes.version
        try:
            while not stopping.is_set() and stream.is_connected():
                await changes.wait_after(seen, EVENT_KEEPALIVE_SECONDS, stopping)
                if changes.version > seen:
                    seen = changes.version
                    await stream.send(json.dumps({"version": seen}), event="changed")
        except ConnectionResetError:
            pass  # the page was closed
    return stream


def add_routes(app: web.Application) -> None:
    """Adds the desk's routes."""
    app.router.add_get("/desk", desk_page, name="desk")
    app.router.add_get("/desk/events", events)
    app.router.add_get("/desk/cijfers", figures_page, name="figures")
    app.router.add_get("/desk/account", account_page, name="account")
    app.router.add_post("/desk/account/koppelcode", link_code)
    app.router.add_post("/desk/account/wachtwoord", change_password)
    app.router.add_get(r"/desk/cases/{case_id:\d+}", case_page, name="case")
    verbs = "|".join(_VERBS)
    app.router.add_post(rf"/desk/cases/{{case_id:\d+}}/{{action:{verbs}}}", act)
