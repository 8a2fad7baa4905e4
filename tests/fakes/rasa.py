"""A scripted fake of the app's Rasa channel over real HTTP, for tests without a trained model.

It speaks what the app's client (handoff/nlu/client.py) uses: POST /webhooks/aandacht/webhook
answering {"messages", "understood"} as rasa_project/connectors/aandacht_rest.py does, GET
/status and PUT /model with the token. A test scripts the reply to a tenant's message (or a
default), and reads what the app sent, so it can assert that Rasa saw a message, or did not.
"""

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from handoff.domain.handoff_request import HandoffRequest

ASSISTANT_REPLY = "Ik ben de digitale assistent. Waar kan ik u mee helpen?"
MODEL_FILE = "models/aandacht-fake.tar.gz"


def handoff_payload(
    topic: str,
    summary: str,
    *,
    summary_confirmed: bool = False,
    flags: Sequence[str] = (),
    postcode: str | None = None,
    house_number: str | None = None,
    requested_employee: str | None = None,
    address_check: str | None = None,
) -> dict[str, Any]:
    """Builds a `handoff` object as docs/handoff-contract.md describes it; defaults as there."""
    payload: dict[str, Any] = {
        "topic": topic,
        "summary": summary,
        "summary_confirmed": summary_confirmed,
        "flags": list(flags),
        "requested_employee": requested_employee,
    }
    # Absent, not null, when the tenant chose "Liever niet" (rasa_project/actions/handoff.py).
    if postcode is not None:
        payload["postcode"] = postcode
    if house_number is not None:
        payload["house_number"] = house_number
    if address_check is not None:  # absent when no BAG check is configured
        payload["address_check"] = address_check
    HandoffRequest.from_payload(payload)  # a payload the app would ignore fails here, loudly
    return payload


@dataclass(frozen=True)
class Received:
    """A message the app sent to Rasa."""

    sender: str
    text: str
    metadata: dict[str, Any] | None = None  # what the channel passes to UserMessage


@dataclass
class _Rule:
    """What to answer to the messages a predicate accepts."""

    accepts: Callable[[str], bool]
    messages: list[dict[str, Any]]
    understood: dict[str, Any]
    once: bool


def _understood(
    intent: str | None, confidence: float, guess: str | None, guess_confidence: float | None
) -> dict[str, Any]:
    return {
        "intent": intent,
        "confidence": confidence,
        "guess": guess or intent,
        "guess_confidence": confidence if guess_confidence is None else guess_confidence,
    }


def _messages(
    text: str | None,
    buttons: Sequence[tuple[str, str]],
    handoff: dict[str, Any] | None,
    custom: dict[str, Any] | None,
    response: str | None = None,
) -> list[dict[str, Any]]:
    """Rasa's replies in the app's channel's shape: a text (with buttons, and the name of the
    domain's response it came from), then a custom payload."""
    messages: list[dict[str, Any]] = []
    if text is not None:
        message: dict[str, Any] = {"text": text}
        if buttons:
            message["buttons"] = [{"title": t, "payload": p} for t, p in buttons]
        if response is not None:
            message["response"] = response
        messages.append(message)
    if handoff is not None:
        messages.append({"custom": {"handoff": handoff}})
    if custom is not None:
        messages.append({"custom": custom})
    return messages


def _accepting(message: str | re.Pattern[str] | Callable[[str], bool]) -> Callable[[str], bool]:
    """Returns a predicate on the text: the same words (in any case), a pattern, or as given."""
    if isinstance(message, str):
        wanted = message.strip().casefold()
        return lambda text: text.strip().casefold() == wanted
    if isinstance(message, re.Pattern):
        return lambda text: message.search(text) is not None
    return message


class FakeRasa:
    """The fake server; start it, point the app's RASA_URL at `url`, and script replies."""

    def __init__(self, token: str = "test-rasa-token", model_file: str = MODEL_FILE) -> None:
        self.token = token
        self.model_file = model_file
        self.received: list[Received] = []
        self.loaded: list[str] = []  # model files PUT /model was asked to load, in order
        self.failures: dict[str, list[int]] = {}
        self._rules: list[_Rule] = []
        self._default: _Rule
        self.by_default()
        self._runner: web.AppRunner | None = None
        self.url = ""

    # --- life cycle ---------------------------------------------------------------------

    async def start(self) -> str:
        """Starts the server on a free port and returns its URL."""
        app = web.Application()
        app.router.add_post("/webhooks/aandacht/webhook", self._webhook)
        app.router.add_get("/status", self._status)
        app.router.add_put("/model", self._load_model)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self.url

    async def stop(self) -> None:
        """Stops the server."""
        if self._runner:
            await self._runner.cleanup()

    # --- scripting ----------------------------------------------------------------------

    def reply_to(
        self,
        message: str | re.Pattern[str] | Callable[[str], bool],
        /,
        *,
        text: str | None = None,
        buttons: Sequence[tuple[str, str]] = (),
        handoff: dict[str, Any] | None = None,
        custom: dict[str, Any] | None = None,
        response: str | None = None,
        intent: str | None = None,
        confidence: float = 1.0,
        guess: str | None = None,
        guess_confidence: float | None = None,
        once: bool = False,
    ) -> None:
        """Scripts the answer to a message: the same words, a pattern in it, or a predicate."""
        # The newest matching script wins; a `once` script answers one message only. Without
        # an intent, the understanding names the handoff's topic (else "inform"), and is sure
        # enough to keep the turn out of the NLU inbox.
        intent = intent or (handoff["topic"] if handoff else "inform")
        self._rules.append(
            _Rule(
                _accepting(message),
                _messages(text, buttons, handoff, custom, response),
                _understood(intent, confidence, guess, guess_confidence),
                once,
            )
        )

    def by_default(
        self,
        *,
        text: str | None = ASSISTANT_REPLY,
        buttons: Sequence[tuple[str, str]] = (),
        intent: str | None = "greet",
        confidence: float = 1.0,
        guess: str | None = None,
        guess_confidence: float | None = None,
    ) -> None:
        """Sets the answer to every message no script matches (at first, ASSISTANT_REPLY)."""
        self._default = _Rule(
            lambda _: True,
            _messages(text, buttons, None, None),
            _understood(intent, confidence, guess, guess_confidence),
            False,
        )

    def fail_next(self, route: str, status: int = 500) -> None:
        """Makes the next call of a route ("webhook", "status" or "model") answer an error."""
        self.failures.setdefault(route, []).append(status)

    # --- reading what the app sent --------------------------------------------------------

    def senders(self) -> list[str]:
        """Returns the sender ids Rasa heard from, in the order first heard."""
        return list(dict.fromkeys(message.sender for message in self.received))

    def texts_from(self, sender: str) -> list[str]:
        """Returns what Rasa received from one sender id, in order."""
        return [message.text for message in self.received if message.sender == sender]

    def saw(self, text: str) -> bool:
        """Tells whether any message with exactly this text reached Rasa."""
        return any(message.text == text for message in self.received)

    # --- internals ----------------------------------------------------------------------

    def _failure(self, route: str) -> web.Response | None:
        if self.failures.get(route):
            status = self.failures[route].pop(0)
            return web.json_response({"status": "failure", "code": status}, status=status)
        return None

    def _authorised(self, request: web.Request) -> bool:
        return request.query.get("token") == self.token

    @staticmethod
    def _unauthorised() -> web.Response:
        # Rasa's HTTP API answers a missing or wrong token like this.
        body = {"status": "failure", "reason": "NotAuthenticated", "code": 401}
        return web.json_response(body, status=401)

    async def _webhook(self, request: web.Request) -> web.Response:
        if failure := self._failure("webhook"):
            return failure
        body = await request.json()
        sender, text = str(body["sender"]), str(body.get("message") or "")
        self.received.append(Received(sender, text, body.get("metadata")))
        rule = next((r for r in reversed(self._rules) if r.accepts(text)), self._default)
        if rule.once:
            self._rules.remove(rule)
        messages = [{"recipient_id": sender, **message} for message in rule.messages]
        return web.json_response({"messages": messages, "understood": rule.understood})

    async def _status(self, request: web.Request) -> web.Response:
        if failure := self._failure("status"):
            return failure
        if not self._authorised(request):
            return self._unauthorised()
        model_id = hashlib.sha256(self.model_file.encode()).hexdigest()[:32]
        return web.json_response(
            {"model_file": self.model_file, "model_id": model_id, "num_active_training_jobs": 0}
        )

    async def _load_model(self, request: web.Request) -> web.Response:
        if failure := self._failure("model"):
            return failure
        if not self._authorised(request):
            return self._unauthorised()
        model_file = (await request.json()).get("model_file")
        if not model_file:
            body = {"status": "failure", "reason": "BadRequest", "code": 400}
            return web.json_response(body, status=400)
        self.loaded.append(str(model_file))
        self.model_file = str(model_file)
        return web.Response(status=204)
