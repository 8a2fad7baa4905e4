"""The admins' privacy page: find a tenant, download everything about them, or erase it
(after a confirmation); and the log of every export and erasure.

Admin-only and CSRF-checked like every /admin page (auth.guard). The use cases are in
services/privacy.py, the reads in views/privacy.py.
"""

from aiohttp import web

from handoff import texts
from handoff.views import privacy as views
from handoff.web.auth import USER, page, see_other
from handoff.web.context import SERVICES
from handoff.web.downloads import text_download


@page("admin_privacy.html")
async def privacy_page(request: web.Request) -> dict:
    """The search, its results and the log."""
    services = request.app[SERVICES]
    query = request.query.get("zoek", "").strip()
    return {
        "query": query,
        "found": await views.find(services.uow, query) if query else None,
        "log": await views.log(services.uow),
    }


async def export(request: web.Request) -> web.Response:
    """Downloads the tenant's document (the same as /mijngegevens); logged."""
    services = request.app[SERVICES]
    contact_id = int(request.match_info["contact_id"])
    found = await services.privacy.export(contact_id, request[USER].id)
    if found is None:
        raise web.HTTPNotFound(text=texts.PRIVACY_NOT_FOUND)
    return text_download(found.body, f"huurder-{contact_id}.txt")


@page("admin_privacy_erase.html")
async def erase_page(request: web.Request) -> dict:
    """What erasing does, and the form that confirms it."""
    tenant = await views.one(request.app[SERVICES].uow, int(request.match_info["contact_id"]))
    if tenant is None:
        raise web.HTTPNotFound(text=texts.PRIVACY_NOT_FOUND)
    return {"tenant": tenant}


async def erase(request: web.Request) -> web.Response:
    """Erases the tenant (the same as /vergeetmij) once the admin ticked that they are sure."""
    form = await request.post()
    contact_id = int(request.match_info["contact_id"])
    router = request.app.router
    if form.get("zeker") != "ja":
        url = router["admin_privacy_erase"].url_for(contact_id=str(contact_id))
        await see_other(request, url, texts.PRIVACY_SURE_NEEDED)
    label = await request.app[SERVICES].privacy.erase(contact_id, request[USER].id)
    if label is None:
        raise web.HTTPNotFound(text=texts.PRIVACY_NOT_FOUND)
    message = texts.PRIVACY_ERASED.format(label=label)
    await see_other(request, router["admin_privacy"].url_for(), message)


def add_routes(app: web.Application) -> None:
    """Adds the privacy pages."""
    app.router.add_get("/admin/privacy", privacy_page, name="admin_privacy")
    app.router.add_post(r"/admin/privacy/{contact_id:\d+}/download", export)
    app.router.add_get(
        r"/admin/privacy/{contact_id:\d+}/wissen", erase_page, name="admin_privacy_erase"
    )
    app.router.add_post(r"/admin/privacy/{contact_id:\d+}/wissen", erase)
