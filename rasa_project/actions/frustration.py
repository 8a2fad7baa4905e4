"""Frustration heard first: the bot says it before anything else it answers."""

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from .dialogue.frustration import cues


def hear_frustration(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Acknowledges the frustration the latest message shows in a message about a need; the
    intent `frustration` has its own answer (utter_frustration, data/rules/handoff.yml)."""
    latest = tracker.latest_message
    if latest.get("intent", {}).get("name") != "frustration" and cues(latest.get("text") or ""):
        dispatcher.utter_message(response="utter_frustration_heard")
