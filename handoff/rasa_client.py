"""Adapter to the Rasa server: the REST channel for messages, the HTTP API for status."""

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import aiohttp

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa did not answer (not running, still loading its model, or failing)."""


@dataclass(frozen=True)
class BotReply:
    """One message from Rasa: text with optional buttons, or a custom payload."""

    text: str | None = None
    buttons: list[dict[str, str]] = field(default_factory=list)
    custom: dict[str, Any] | None = None


def neutralise(text: str) -> str:
    """Removes leading slashes, so tenant text can never inject an intent or slots."""
    return text.strip().lstrip("/").strip()


class RasaClient:
    """Sends tenant messages to Rasa once and returns its replies."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        session: aiohttp.ClientSession,
        patience: float = 30.0,
        timeout: float = 30.0,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._token = token
        self._session = session
        self._patience = patience  # how long to wait for a Rasa that is still starting
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def send(self, sender_id: str, message: str) -> list[BotReply]:
        """Sends one message and returns the replies; retries only while Rasa is unreachable."""
        url = f"{self._base}/webhooks/rest/webhook"
        body = {"sender": sender_id, "message": message}
        deadline = asyncio.get_running_loop().time() + self._patience
        delay = 0.25
        while True:
            try:
                async with self._session.post(url, json=body, timeout=self._timeout) as response:
                    if response.status != 200:
                        raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
                    return [_reply(item) for item in await response.json()]
            except aiohttp.ClientConnectionError as error:
                # Nothing reached Rasa, so trying again cannot parse the message twice.
                if asyncio.get_running_loop().time() + delay > deadline:
                    raise RasaUnavailable(f"Rasa is not reachable: {error}") from error
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            except (TimeoutError, aiohttp.ClientError, ValueError) as error:
                raise RasaUnavailable(f"Rasa failed: {error!r}") from error

    async def status(self) -> dict[str, Any]:
        """Returns Rasa's status (the loaded model); needs the token."""
        params = {"token": self._token} if self._token else {}
        try:
            async with self._session.get(
                f"{self._base}/status", params=params, timeout=self._timeout
            ) as response:
                if response.status == 401:
                    raise RasaUnavailable("Rasa refused RASA_TOKEN")
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
                return await response.json()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise RasaUnavailable(f"Rasa is not reachable: {error}") from error


def _reply(item: dict[str, Any]) -> BotReply:
    return BotReply(
        text=item.get("text"),
        buttons=[
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in item.get("buttons") or []
        ],
        custom=item.get("custom"),
    )
