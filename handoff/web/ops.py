"""Endpoints for operators and their tools: /healthz, /readyz and /metrics.

- /healthz: the process is alive and serving; touches nothing else (the container healthcheck).
- /readyz: the database, Rasa and (with a bot token) the Bot API each answer within a few
  seconds; 503 names which did not, never why in detail (no addresses, no secrets).
- /metrics: Prometheus' text format, only with METRICS_TOKEN set and sent as a bearer token;
  without the setting the path does not exist (404). The figures name no one, but they show
  how busy the corporation is, and a proxy in front would otherwise pass them to anyone.
"""

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from aiohttp import web

from handoff.metrics import CONTENT_TYPE
from handoff.views.operations import operations
from handoff.web.context import SERVICES

log = logging.getLogger(__name__)

# One dependency's check: returns when it answered, raises when it did not.
Check = Callable[[], Awaitable[object]]
CHECK_TIMEOUT = 5.0


@dataclass(frozen=True)
class Probes:
    """What /readyz checks, and the token /metrics wants (None: no /metrics)."""

    checks: Mapping[str, Check]
    metrics_token: str | None = None


PROBES = web.AppKey("probes", Probes)


async def healthz(_request: web.Request) -> web.Response:
    """Alive: answers without asking anything else."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """Ready: every dependency answered; 503 with the ones that did not."""
    checks = request.app[PROBES].checks
    outcomes = await asyncio.gather(*(_outcome(name, check) for name, check in checks.items()))
    parts = dict(zip(checks, outcomes, strict=True))
    ready = all(outcome == "ok" for outcome in outcomes)
    return web.json_response(
        {"status": "ready" if ready else "not ready", "checks": parts},
        status=200 if ready else 503,
    )


async def _outcome(name: str, check: Check) -> str:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT):
            await check()
    except TimeoutError:
        log.warning("readiness: %s did not answer within %.0f s", name, CHECK_TIMEOUT)
        return "timeout"
    except Exception as error:
        log.warning("readiness: %s failed (%s)", name, type(error).__name__)
        return "failed"
    return "ok"


async def metrics(request: web.Request) -> web.Response:
    """The metrics, for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`."""
    token = request.app[PROBES].metrics_token
    if token is None:
        raise web.HTTPNotFound
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8", "replace"), token.encode()
    ):
        raise web.HTTPUnauthorized(headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
    services = request.app[SERVICES]
    now = await operations(services.uow, services.directory)
    body = services.metrics.exposition(now)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})


def add_routes(app: web.Application, probes: Probes) -> None:
    """Adds the health, readiness and metrics routes, answering with these probes."""
    app[PROBES] = probes
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
