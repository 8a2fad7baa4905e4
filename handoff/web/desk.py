"""The employees' desk, first version: cases per employee, the transcript, reply and close.

Login, CSRF protection and live updates come with the full desk (issue 4); until then the
desk acts as the case's owner and is meant for local mode on 127.0.0.1.
"""

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy import select

from handoff.services import cases, employees
from handoff.services.cases import Outcome
from handoff.storage.tables import Case, Contact, Employee
from handoff.web.context import SERVICES

_OUTCOME_TEXT = {
    Outcome.NOT_FOUND: "Deze zaak bestaat niet.",
    Outcome.NOT_OPEN: "Deze zaak is al afgesloten.",
    Outcome.NOT_OWNER: "Deze zaak is van een collega.",
    Outcome.ALREADY_CLAIMED: "Deze zaak is al opgepakt.",
}


@aiohttp_jinja2.template("desk.html")
async def desk_page(request: web.Request) -> dict:
    """Lists the employees with their open cases."""
    services = request.app[SERVICES]
    people = await employees.all_active(services.uow)
    async with services.uow.read() as session:
        open_cases = await cases.list_cases(session, status="open")
        closed = await cases.list_cases(session, status="closed")
    return {"people": people, "open_cases": open_cases, "closed_cases": closed[:20]}


@aiohttp_jinja2.template("case.html")
async def case_page(request: web.Request) -> dict:
    """Shows a case: who, what, the whole conversation, and what the owner can do."""
    case_id = int(request.match_info["case_id"])
    services = request.app[SERVICES]
    async with services.uow.read() as session:
        case = await session.get(Case, case_id)
        if case is None:
            raise web.HTTPNotFound(text="Deze zaak bestaat niet.")
        contact = await session.get(Contact, case.contact_id)
        owner = await session.get(Employee, case.owner_id)
        lines = await cases.transcript_lines(session, case_id)
    return {
        "case": case,
        "tenant": contact.display_name,
        "owner": owner,
        "lines": lines,
        "notice": request.query.get("melding"),
    }


async def act(request: web.Request) -> web.Response:
    """Replies to, claims or closes a case as its owner, then shows the case again."""
    case_id = int(request.match_info["case_id"])
    action = request.match_info["action"]
    form = await request.post()
    text = str(form.get("text", "")).strip()
    services = request.app[SERVICES]
    async with services.uow() as session:
        owner_id = await session.scalar(select(Case.owner_id).where(Case.id == case_id))
        if owner_id is None:
            raise web.HTTPNotFound(text="Deze zaak bestaat niet.")
        if action == "reply" and text:
            outcome = await cases.reply(session, case_id, owner_id, text)
        elif action == "claim":
            outcome = await cases.claim(session, case_id, owner_id)
        elif action == "close":
            outcome = await cases.close(session, case_id, owner_id, text or None)
        else:
            raise web.HTTPBadRequest(text="Onbekende actie of leeg bericht.")
    location = request.app.router["case"].url_for(case_id=str(case_id))
    if outcome is not Outcome.DONE:
        location = location.with_query(melding=_OUTCOME_TEXT[outcome])
    raise web.HTTPSeeOther(location)


def add_routes(app: web.Application) -> None:
    """Adds the desk's routes."""
    app.router.add_get("/desk", desk_page, name="desk")
    app.router.add_get(r"/desk/cases/{case_id:\d+}", case_page, name="case")
    app.router.add_post(r"/desk/cases/{case_id:\d+}/{action:reply|claim|close}", act)
