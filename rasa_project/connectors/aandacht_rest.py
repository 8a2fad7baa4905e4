"""The app's channel into Rasa: the REST channel, answering with the bot's messages *and* how
Rasa understood the tenant's message (intent and confidence).

The understanding is read from the conversation's tracker after the turn, so no message is
parsed twice. The app uses it to collect what the bot found hard for the admins' inbox.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

FALLBACK = "nlu_fallback"


class AandachtInput(RestInput):
    """POST /webhooks/aandacht/webhook {"sender", "message"} → {"messages", "understood"}."""

    @classmethod
    def name(cls) -> str:
        return "aandacht"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint("aandacht_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            sender_id = await self._extract_sender(request)
            collector = CollectingOutputChannel()
            await on_new_message(
                UserMessage(
                    self._extract_message(request),
                    collector,
                    sender_id,
                    input_channel=self.name(),
                    metadata=self.get_metadata(request),
                )
            )
            tracker = await request.app.ctx.agent.tracker_store.retrieve(sender_id)
            parse_data = tracker.latest_message.parse_data if tracker else {}
            return response.json(
                {"messages": collector.messages, "understood": understood(parse_data)}
            )

        return webhook


def understood(parse_data: dict[str, Any]) -> dict[str, Any]:
    """The intent Rasa chose, its confidence, and its best real guess behind a fallback."""
    intent = parse_data.get("intent") or {}
    ranking: list[dict[str, Any]] = parse_data.get("intent_ranking") or []
    guesses = [r for r in ranking if r.get("name") != FALLBACK]
    best = guesses[0] if guesses else intent
    return {
        "intent": intent.get("name"),
        "confidence": float(intent.get("confidence") or 0.0),
        "guess": best.get("name"),
        "guess_confidence": float(best.get("confidence") or 0.0),
    }
