"""Adapter to the Rasa server: the REST channel for messages, the HTTP API for status."""

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from handoff.domain.handoff_request import DUTCH
from handoff.metrics import Metrics

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa did not answer (not running, still loading its model, or failing)."""


@dataclass(frozen=True)
class BotReply:
    """One message from Rasa: text with optional buttons, or a custom payload; `response`
    names the domain's response it came from ("utter_summary"), when it came from one."""

    text: str | None = None
    buttons: list[dict[str, str]] = field(default_factory=list)
    custom: dict[str, Any] | None = None
    response: str | None = None


@dataclass(frozen=True)
class Understanding:
    """How Rasa understood a message: the intent it acted on and its best real guess."""

    intent: str | None
    confidence: float
    guess: str | None  # behind a fallback: the intent it would have chosen
    guess_confidence: float

    @property
    def fell_back(self) -> bool:
        """Whether Rasa fell back because it was not sure enough."""
        return self.intent == "nlu_fallback"


@dataclass(frozen=True)
class RasaAnswer:
    """Rasa's replies to one message, and how it understood that message."""

    replies: list[BotReply]
    understood: Understanding | None


# How long a message waits for a Rasa that answered before but refuses connections now.
OUTAGE_PATIENCE = 3.0


class RasaClient:
    """Sends tenant messages to Rasa once and returns its replies."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        session: aiohttp.ClientSession,
        patience: float = 30.0,
        timeout: float = 30.0,
        metrics: Metrics | None = None,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._metrics = metrics or Metrics()
        self._token = token
        self._session = session
        self._patience = patience  # how long to wait for a Rasa that is still starting
        self._answered = False  # once Rasa has answered, a refused connection is an outage
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    @property
    def url(self) -> str:
        """The Rasa server messages go to."""
        return self._base

    def use(self, base_url: str) -> None:
        """Sends the next messages to another Rasa server (messages in flight finish first)."""
        self._base = base_url.rstrip("/")

    async def send(
        self, sender_id: str, message: str, language: str = DUTCH, turn: str | None = None
    ) -> RasaAnswer:
        """Sends one message and returns the replies; retries only while Rasa is unreachable.

        The message's language (ISO 639-1) goes along as metadata, {"language": "nl"}: the
        actions never rewrite a text that is not Dutch. So does `turn`, the app's id for this
        message: asked again for a turn it answered, Rasa gives that answer back instead of
        taking the message twice (rasa_project/connectors/aandacht_rest.py)."""
        url = f"{self._base}/webhooks/aandacht/webhook"
        metadata = {"language": language} | ({"turn": turn} if turn else {})
        body = {"sender": sender_id, "message": message, "metadata": metadata}
        # A Rasa that is still starting gets its patience; one that answered before and now
        # refuses is down: the tenant hears so in seconds, not after half a minute.
        patience = min(self._patience, OUTAGE_PATIENCE) if self._answered else self._patience
        deadline = asyncio.get_running_loop().time() + patience
        delay = 0.25
        while True:
            try:
                started = time.perf_counter()
                async with self._session.post(url, json=body, timeout=self._timeout) as response:
                    if response.status != 200:
                        raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
                    answer = _answer(await response.json())
            except aiohttp.ClientConnectionError as error:
                # Nothing reached Rasa, so trying again cannot parse the message twice.
                if asyncio.get_running_loop().time() + delay > deadline:
                    raise RasaUnavailable(f"Rasa is not reachable: {error}") from error
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            except (TimeoutError, aiohttp.ClientError, ValueError) as error:
                raise RasaUnavailable(f"Rasa failed: {error!r}") from error
            else:
                self._metrics.rasa_latency.observe(time.perf_counter() - started)
                self._answered = True
                return answer

    async def status(self, base_url: str | None = None) -> dict[str, Any]:
        """Returns a Rasa server's status (the loaded model); needs the token."""
        params = {"token": self._token} if self._token else {}
        try:
            async with self._session.get(
                f"{(base_url or self._base).rstrip('/')}/status",
                params=params,
                timeout=self._timeout,
            ) as response:
                if response.status == 401:
                    raise RasaUnavailable("Rasa refused RASA_TOKEN")
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
                return await response.json()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise RasaUnavailable(f"Rasa is not reachable: {error}") from error

    async def load_model(self, base_url: str, model_file: str, timeout: float = 300.0) -> None:
        """Makes a Rasa server load a model; it answers only once the model is loaded."""
        params = {"token": self._token} if self._token else {}
        try:
            async with self._session.put(
                f"{base_url.rstrip('/')}/model",
                params=params,
                json={"model_file": model_file},
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as response:
                if response.status != 204:
                    raise RasaUnavailable(
                        f"Rasa could not load the model: HTTP {response.status} "
                        f"{(await response.text())[:200]}"
                    )
        except (aiohttp.ClientError, TimeoutError) as error:
            raise RasaUnavailable(f"Rasa is not reachable: {error}") from error


def _answer(body: dict[str, Any]) -> RasaAnswer:
    understood = body.get("understood") or {}
    return RasaAnswer(
        [_reply(item) for item in body.get("messages") or []],
        Understanding(
            understood.get("intent"),
            float(understood.get("confidence") or 0.0),
            understood.get("guess"),
            float(understood.get("guess_confidence") or 0.0),
        )
        if understood
        else None,
    )


def _reply(item: dict[str, Any]) -> BotReply:
    return BotReply(
        text=item.get("text"),
        buttons=[
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in item.get("buttons") or []
        ],
        custom=item.get("custom"),
        response=item.get("response") if isinstance(item.get("response"), str) else None,
    )
