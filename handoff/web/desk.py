"""The employees' desk: case lists, a case with its whole conversation, and acting on it.

Every action goes through the same case services as Telegram. Open pages follow changes
live: /desk/events tells them when anything was committed, and they fetch themselves again.
"""

import json

from aiohttp import web
from aiohttp_sse import sse_response

from handoff.cases import lifecycle as cases
from handoff.cases.lifecycle import Outcome
from handoff.domain.directory import Employee as DirectoryEmployee
from handoff.domain.directory import Team
from handoff.nlu import inbox as review
from handoff.services import accounts, employees
from handoff.storage.tables import Case, Contact, Employee
from handoff.views import desk
from handoff.web.auth import USER, page, render
from handoff.web.context import SERVICES

_OUTCOME_TEXT = {
    Outcome.NOT_FOUND: "Deze zaak bestaat niet.",
    Outcome.NOT_OPEN: "Deze zaak is al afgesloten.",
    Outcome.NOT_OWNER: "Deze zaak is van een collega. Alleen de eigenaar kan dit doen.",
    Outcome.ALREADY_CLAIMED: "Deze zaak is al opgepakt.",
    Outcome.UNKNOWN_TARGET: "Kies een collega of een team om de zaak aan te geven.",
    Outcome.NOTE_NEEDED: "Schrijf erbij waarom u doorzet. De collega en de huurder lezen het.",
    Outcome.CONFIRM_NEEDED: (
        "Deze zaak is al eerder doorgezet. Vink aan dat nog een keer doorzetten echt nodig is."
    ),
}
_DONE_TEXT = {
    "reply": "Uw antwoord is verstuurd.",
    "claim": "U hebt de zaak opgepakt.",
    "close": "De zaak is afgesloten. De huurder heeft een bericht gekregen.",
    "note": "De notitie is bewaard.",
    "transfer": "De zaak is doorgezet. De huurder weet bij wie de vraag nu ligt.",
    "misread": "Dank u. De beheerder bekijkt wat de bot verkeerd begreep.",
}
EVENT_KEEPALIVE_SECONDS = 20.0


@page("desk.html")
async def desk_page(request: web.Request) -> dict:
    """The logged-in employee's lists: mine, my team's, and what nobody took up yet."""
    services = request.app[SERVICES]
    async with services.uow.read() as session:
        lists = await desk.case_lists(session, services.directory, request[USER])
    return {"lists": lists}


async def _visible_case(request: web.Request, session) -> Case:  # type: ignore[no-untyped-def]
    case = await session.get(Case, int(request.match_info["case_id"]))
    services = request.app[SERVICES]
    if case is None or not await desk.may_see(session, services.directory, request[USER], case):
        raise web.HTTPNotFound(text="Deze zaak bestaat niet, of is niet van uw team.")
    return case


@page("case.html")
async def case_page(request: web.Request) -> dict:
    """A case: who, what, the whole conversation, and what the owner can do."""
    services = request.app[SERVICES]
    async with services.uow.read() as session:
        case = await _visible_case(request, session)
        contact = await session.get(Contact, case.contact_id)
        owner = await session.get(Employee, case.owner_id)
        lines = await cases.transcript_lines(session, case.id)
    directory = services.directory
    return {
        "case": case,
        "tenant": contact.display_name,
        "owner": owner,
        "mine": owner.id == request[USER].id,
        "lines": lines,
        "notice": request.query.get("melding"),
        "colleagues": [e.name for e in directory.employees if e.name != owner.name],
        "teams": [(t.key, t.name) for t in directory.teams],
    }


async def act(request: web.Request) -> web.Response:
    """Replies to, claims, notes, transfers or closes a case as its owner."""
    action = request.match_info["action"]
    form = await request.post()
    text = str(form.get("text", "")).strip()
    services = request.app[SERVICES]
    user = request[USER]
    async with services.uow() as session:
        case = await _visible_case(request, session)
        if action == "reply" and text:
            outcome = await cases.reply(session, case.id, user.id, text)
        elif action == "claim":
            outcome = await cases.claim(session, case.id, user.id)
        elif action == "close":
            outcome = await cases.close(session, case.id, user.id, text or None)
        elif action == "misread":
            await review.case_messages(
                session, services.directory, case.id, review.EMPLOYEE_MARKED
            )
            outcome = Outcome.DONE
        elif action == "note" and text:
            cases.add_note(session, case, user.id, text)
            outcome = Outcome.DONE
        elif action == "transfer":
            outcome = await cases.transfer(
                session,
                services.directory,
                case.id,
                user.id,
                _target(services.directory, str(form.get("target", ""))),
                text,
                sure=form.get("sure") == "ja",
            )
        else:
            raise web.HTTPBadRequest(text="Onbekende actie of leeg bericht.")
    location = request.app.router["case"].url_for(case_id=str(case.id))
    message = _DONE_TEXT[action] if outcome is Outcome.DONE else _OUTCOME_TEXT[outcome]
    raise web.HTTPSeeOther(location.with_query(melding=message))


def _target(directory, value: str) -> DirectoryEmployee | Team | None:  # type: ignore[no-untyped-def]
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
    async with services.uow.read() as session:
        figures = await desk.team_figures(session, services.directory)
    return {"figures": figures, "days": 30}


@page("account.html")
async def account_page(request: web.Request) -> dict:
    """The employee's own account: Telegram linking and their password."""
    return {"notice": request.query.get("melding"), "min_length": accounts.MIN_PASSWORD_LENGTH}


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
    if await accounts.authenticate(services.uow, user.name, current) is None:
        message = "Uw huidige wachtwoord klopt niet."
    else:
        try:
            await accounts.set_password(services.uow, user.name, new)
            message = "Uw wachtwoord is veranderd."
        except accounts.WeakPassword:
            message = f"Kies een wachtwoord van minstens {accounts.MIN_PASSWORD_LENGTH} tekens."
    location = request.app.router["account"].url_for().with_query(melding=message)
    raise web.HTTPSeeOther(location)


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
    actions = "|".join(_DONE_TEXT)
    app.router.add_post(rf"/desk/cases/{{case_id:\d+}}/{{action:{actions}}}", act)
