"""The admins' pages: the NLU inbox to label, and the models to retrain, activate or roll back.

Every page here needs the admin role and every form the session's CSRF token (auth.guard).
"""

from pathlib import Path

from aiohttp import web

from handoff import texts
from handoff.nlu import examples as training_data
from handoff.nlu import inbox as review
from handoff.nlu.client import RasaUnavailable
from handoff.nlu.retraining import NoRasaHere
from handoff.nlu.switch import ActivationRefused
from handoff.services.intake import DEAD_AFTER
from handoff.views import dead_updates
from handoff.views import models as registry
from handoff.views import undelivered as outbox_view
from handoff.web.auth import USER, page, see_other
from handoff.web.context import SERVICES

IGNORE = "negeren"


def _names(project: Path) -> dict[str, str]:
    """Every intent's Dutch name, and the fallback's."""
    names = {i.name: _short(i) for i in training_data.intents(project)}
    return {**names, "nlu_fallback": texts.ADMIN_FALLBACK_NAME}


def _short(intent: training_data.Intent) -> str:
    """The Dutch name an admin reads: the description up to its first colon."""
    return intent.description.split(":")[0] if intent.description else intent.name


@page("admin_inbox.html")
async def inbox_page(request: web.Request) -> dict:
    """The inbox: grouped messages with the bot's guess, and the intents to choose from."""
    services = request.app[SERVICES]
    project = services.retraining.project
    intents = training_data.intents(project)
    known = training_data.examples(project)
    groups, decided = await review.groups(services.uow)
    return {
        "groups": groups,
        "decided": decided,
        "intents": [(i.name, _short(i), i.description) for i in intents],
        "names": _names(project),
        "warnings": {g.key: training_data.warning(g.text, None, known) for g in groups},
        "ignore": IGNORE,
        "max_length": training_data.MAX_LENGTH,
    }


async def label(request: web.Request) -> web.Response:
    """Labels a group with an intent (written to the inbox YAML), or ignores it."""
    form = await request.post()
    key, choice = str(form.get("group", "")), str(form.get("intent", ""))
    shown = str(form.get("shown", ""))  # the item whose text the page showed
    if shown and not (shown.isascii() and shown.isdigit()):
        raise web.HTTPBadRequest(text=texts.ADMIN_GROUP_DONE)
    project = request.app[SERVICES].retraining.project
    intents = {i.name for i in training_data.intents(project)}
    if choice != IGNORE and choice not in intents:
        raise web.HTTPBadRequest(text=texts.ADMIN_CHOOSE_INTENT)
    services = request.app[SERVICES]
    intent = None if choice == IGNORE else choice
    # The text as the admin left it: the same, or with what the masker missed taken out.
    corrected = " ".join(str(form.get("text", "")).split()) or None
    try:
        done = await review.label_group(
            services.uow,
            project,
            key,
            intent,
            request[USER].id,
            shown=int(shown) if shown else None,
            corrected=corrected,
        )
    except review.InvalidCorrection:
        url = request.app.router["admin_inbox"].url_for()
        await see_other(request, url, texts.ADMIN_CORRECTION_REFUSED)
    if not done.decided:
        message = texts.ADMIN_GROUP_DONE
    elif intent is None:
        message = texts.ADMIN_IGNORED.format(count=done.decided)
    else:
        message = texts.ADMIN_LABELLED.format(
            count=done.added, file=training_data.INBOX_FILE, intent=intent
        )
    await see_other(request, request.app.router["admin_inbox"].url_for(), message)


async def take_back(request: web.Request) -> web.Response:
    """Takes a label back: the examples leave the YAML and the group is open again."""
    form = await request.post()
    services = request.app[SERVICES]
    removed = await review.take_back_group(
        services.uow, services.retraining.project, str(form.get("group", ""))
    )
    message = texts.ADMIN_TAKEN_BACK.format(count=removed, file=training_data.INBOX_FILE)
    await see_other(request, request.app.router["admin_inbox"].url_for(), message)


@page("admin_models.html")
async def models_page(request: web.Request) -> dict:
    """Every model with its gate results; training progress; activate and roll back."""
    services = request.app[SERVICES]
    return {
        "models": await registry.models(services.uow),
        "employees": await registry.employee_names(services.uow),
        "busy": services.retraining.busy,
        "names": _names(services.retraining.project),
    }


async def retrain(request: web.Request) -> web.Response:
    """Starts a retraining in the background."""
    services = request.app[SERVICES]
    try:
        await services.retraining.start(request[USER].id)
        message = texts.ADMIN_TRAINING_STARTED
    except NoRasaHere:
        message = texts.ADMIN_NO_RASA_HERE
    except RuntimeError:
        message = texts.ADMIN_TRAINING_BUSY
    await see_other(request, request.app.router["admin_models"].url_for(), message)


async def activate(request: web.Request) -> web.Response:
    """Puts a candidate live, or rolls back to an earlier model."""
    services = request.app[SERVICES]
    model_id = int(request.match_info["model_id"])
    rollback = request.match_info["how"] == "terugzetten"
    try:
        done = await services.models.activate(model_id, request[USER].id, rollback=rollback)
        message = texts.ADMIN_LIVE.format(model_id=model_id, seconds=done.seconds)
        if not done.zero_downtime:
            message += " " + texts.ADMIN_ONE_SERVER
    except ActivationRefused as error:
        message = texts.ADMIN_REFUSED.format(model_id=model_id, error=error)
    except RasaUnavailable as error:
        message = texts.ADMIN_RASA_FAILED.format(model_id=model_id, error=error)
    await see_other(request, request.app.router["admin_models"].url_for(), message)


@page("admin_dead.html")
async def dead_page(request: web.Request) -> dict:
    """The updates Recovery gave up on: channel, times, the error and a masked excerpt."""
    found, total = await dead_updates.dead_updates(request.app[SERVICES].uow)
    return {"updates": found, "total": total, "dead_after": DEAD_AFTER}


async def admin_home(request: web.Request) -> web.Response:
    """Sends the admin on to the review inbox."""
    raise web.HTTPSeeOther(request.app.router["admin_inbox"].url_for())


@page("admin_undelivered.html")
async def undelivered_page(request: web.Request) -> dict:
    """The messages the outbox gave up on: to whom, about which case, when and why."""
    return {"messages": await outbox_view.undelivered(request.app[SERVICES].uow)}


def add_routes(app: web.Application) -> None:
    """Adds the admin pages."""
    app.router.add_get("/admin", admin_home)
    app.router.add_get("/admin/inbox", inbox_page, name="admin_inbox")
    app.router.add_post("/admin/inbox/label", label)
    app.router.add_post("/admin/inbox/terug", take_back)
    app.router.add_get("/admin/modellen", models_page, name="admin_models")
    app.router.add_get("/admin/mislukte-berichten", undelivered_page, name="admin_undelivered")
    app.router.add_get("/admin/onverwerkt", dead_page, name="admin_dead")
    app.router.add_post("/admin/modellen/trainen", retrain)
    app.router.add_post(r"/admin/modellen/{model_id:\d+}/{how:live|terugzetten}", activate)
