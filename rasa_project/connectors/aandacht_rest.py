"""The app's channel into Rasa: the REST channel, answering with the bot's messages *and* how
Rasa understood the tenant's message (intent and confidence).

The understanding is read from the conversation's tracker after the turn, so no message is
parsed twice, and from the tracker the turn itself used, so the tracker store is read once per
message, as for Rasa's own REST channel. The app uses it to collect what the bot found hard for
the admins' inbox.

Each turn carries the app's id for it (`metadata.turn`). When the app asks again for a turn
Rasa already answered (it crashed before storing the answer, and Recovery tries again), the
answer in the tracker is given back instead of the turn being taken twice, which would repeat
the need in a summary or skip a question (reliability review, defect 6). A turn that got no
message (an action failed) is taken again: that is what the retry is for.
"""

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.data import TrainingType
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

FALLBACK = "nlu_fallback"


class AandachtInput(RestInput):
    """POST /webhooks/aandacht/webhook {"sender", "message"} → {"messages", "understood"}."""

    @classmethod
    def name(cls) -> str:
        """The channel's name, in its URL path."""
        return "aandacht"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        """The routes: a health check and the webhook that answers a message."""
        webhook = Blueprint("aandacht_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            collector = NamingCollector()
            metadata = self.get_metadata(request)
            message = UserMessage(
                self._extract_message(request),
                collector,
                await self._extract_sender(request),
                input_channel=self.name(),
                metadata=metadata,
            )
            turn = (metadata or {}).get("turn")
            messages, parse_data = await take_turn(request.app.ctx.agent, message, turn)
            return response.json({"messages": messages, "understood": understood(parse_data)})

        return webhook


async def take_turn(
    agent: Agent, message: UserMessage, turn: str | None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """What `Agent.handle_message` does (Rasa 3.6.21: the processor's `handle_message` under
    the conversation's lock), with the one tracker it reads kept: a turn answered before is
    given back from it, and the understanding of the new one is read from it afterwards. Read
    again from the tracker store, each of those loaded the whole conversation once more
    (3.6 ms of every message, docs/performance.md); inside the lock, two tries of the same
    turn at once cannot both be taken either."""
    processor = agent.processor
    if processor is None:  # no model loaded: Rasa ignores the message too
        return [], {}
    collector = message.output_channel
    assert isinstance(collector, CollectingOutputChannel)
    async with agent.lock_store.lock(message.sender_id):
        tracker = await processor.get_tracker(message.sender_id)
        if turn and (done := answered(tracker.events, turn, message.sender_id)) is not None:
            return done
        await processor._update_tracker_session(tracker, collector, message.metadata)
        await processor._handle_message_with_tracker(message, tracker)
        if processor.model_metadata.training_type != TrainingType.NLU:
            tracker = await processor.run_action_extract_slots(collector, tracker)
            await processor._run_prediction_loop(collector, tracker)
            await processor.run_anonymization_pipeline(tracker)
        await processor.save_tracker(tracker)
    return collector.messages, tracker.latest_message.parse_data


class NamingCollector(CollectingOutputChannel):
    """Rasa's collecting channel, whose messages also name the domain's response they came
    from (`response`: "utter_summary"), so the app knows a message by its name, never by its
    wording."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Collects the message as Rasa does, each part named by its response."""
        before = len(self.messages)
        name = message.get("utter_action")
        await super().send_response(recipient_id, message)
        if isinstance(name, str):
            for sent in self.messages[before:]:
                sent["response"] = name


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


# What a bot message in the tracker says, in the shape CollectingOutputChannel gives it.
_MESSAGE_PARTS = ("image", "buttons", "attachment", "custom")


def answered(
    events: Iterable[Any], turn: str, sender_id: str
) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
    """The bot's messages after the tenant's message of this turn, and how Rasa understood it;
    None when the tracker has no such turn, or it got no message."""
    messages: list[dict[str, Any]] | None = None
    parse_data: dict[str, Any] = {}
    for event in events:
        if isinstance(event, UserUttered):
            if messages is not None:
                break
            if (event.metadata or {}).get("turn") == turn:
                messages, parse_data = [], event.parse_data
        elif isinstance(event, BotUttered) and messages is not None:
            message = {"recipient_id": sender_id, "text": event.text}
            message |= {part: event.data.get(part) for part in _MESSAGE_PARTS}
            message["response"] = (event.metadata or {}).get("utter_action")
            messages.append({key: value for key, value in message.items() if value is not None})
    return (messages, parse_data) if messages else None
