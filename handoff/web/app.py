"""The aiohttp application factory: routes, templates, and the services the views use."""

import warnings
from datetime import datetime
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from handoff import texts
from handoff.domain.presence import LOCAL
from handoff.web import admin, admin_privacy, auth, chat, desk, ops
from handoff.web.context import SERVICES, WebServices
from handoff.web.headers import setup_headers

HERE = Path(__file__).resolve().parent
# aiohttp-session keeps its storage under a string key; our own keys are typed.
warnings.filterwarnings("ignore", category=web.NotAppKeyWarning, module="aiohttp_session")


async def index(request: web.Request) -> web.Response:
    """Shows the start page with links to the chat and the desk."""
    return aiohttp_jinja2.render_template(
        "index.html", request, {"local_mode": request.app[SERVICES].local_mode}
    )


def clock(moment: datetime, form: str = "%d-%m %H:%M") -> str:
    """A moment as Dutch time on a page."""
    return moment.astimezone(LOCAL).strftime(form)


def init_web_app(
    services: WebServices,
    *,
    session_secret: str | None = None,
    secure_cookies: bool = True,
    chat_limits: chat.ChatLimits | None = None,
    probes: ops.Probes | None = None,
) -> web.Application:
    """Builds the web application."""
    app = web.Application(client_max_size=256 * 1024)
    app[SERVICES] = services
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
    )
    auth.setup_sessions(app, session_secret, secure_cookies)
    setup_headers(app, secure=secure_cookies)
    env.globals["topic_label"] = lambda topic: texts.TOPIC_LABELS.get(topic, topic)
    env.globals["texts"] = texts  # the labels pages share with the rest of the app
    env.filters["clock"] = clock
    app.router.add_get("/", index)
    ops.add_routes(app, probes or ops.Probes({}))
    app.router.add_static("/static", HERE / "static")
    cookies = chat.ChatCookies(session_secret, secure_cookies)
    chat.add_routes(app, chat.ChatGuard(cookies, chat_limits or chat.ChatLimits()))
    auth.add_routes(app)
    desk.add_routes(app)
    admin.add_routes(app)
    admin_privacy.add_routes(app)
    return app
