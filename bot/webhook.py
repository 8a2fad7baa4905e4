"""Webhook mode: Telegram posts each update to the app, which answers 200 once it is stored.

Only a request with the secret the app gave setWebhook counts (compared in constant time);
anything else gets 403, a body that is no update 400. A database failure answers 500, so
Telegram sends the update again later: an update it saw acknowledged is always stored.
"""

import hmac
import logging
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.receiving import receive
from handoff.metrics import Metrics
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header's name


class Webhook:
    """The aiohttp handler for the webhook's path, and setting the webhook at Telegram."""

    def __init__(
        self,
        application: Application,
        uow: UnitOfWork,
        metrics: Metrics,
        url: str,
        secret: str,
    ) -> None:
        self._application = application
        self._uow = uow
        self._metrics = metrics
        self.url = url
        self.path = urlsplit(url).path  # what the app serves; a proxy forwards it here
        self._secret = secret.encode()

    async def register(self) -> None:
        """Tells Telegram where to post; updates it holds stay and come here."""
        await self._application.bot.set_webhook(
            url=self.url,
            secret_token=self._secret.decode(),
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )

    async def handle(self, request: web.Request) -> web.Response:
        """Stores one posted update (committed), then answers; the handlers take it from there."""
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook: a request without the right secret was refused")
            return web.Response(status=403)
        try:
            body = await request.json()
        except ValueError:
            return web.Response(status=400)
        if not isinstance(body, dict) or type(body.get("update_id")) is not int:
            return web.Response(status=400)
        try:
            update = Update.de_json(body, self._application.bot)
        except (TypeError, ValueError, KeyError, AttributeError):
            log.warning("webhook: update %s could not be read", body["update_id"])
            return web.Response(status=400)
        sent = {update.update_id: body}
        await receive(self._application, self._uow, self._metrics, (update,), sent)
        return web.Response(status=200)
