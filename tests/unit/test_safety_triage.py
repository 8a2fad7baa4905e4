"""When the model hesitates between a repair and an emergency, the bot asks about danger
(rasa_project/components/triage.py)."""

from typing import Any

import pytest

from rasa_project.actions.dialogue.conversation import ASK_DANGER, need_messages
from rasa_project.components.triage import EMERGENCY_FLOOR, MARGIN, unsure_of_danger

REPAIR, EMERGENCY, FALLBACK = "report_repair", "report_emergency", "nlu_fallback"


@pytest.mark.parametrize(
    "ranking",
    [
        [(REPAIR, 0.5), (EMERGENCY, 0.5 - MARGIN + 0.01)],  # close behind
        [(REPAIR, 0.8), (EMERGENCY, EMERGENCY_FLOOR)],  # far behind, but quite likely
        [(REPAIR, 0.6), ("nuisance", 0.2), (EMERGENCY, EMERGENCY_FLOOR + 0.01)],  # not second
        [(FALLBACK, 0.3), (EMERGENCY, 0.29), ("goodbye", 0.2)],  # fell back, emergency first
        [(FALLBACK, 0.3), ("goodbye", 0.23), (EMERGENCY, 0.19)],  # "gaslucht!!"
        [(REPAIR, 0.5 + MARGIN), (EMERGENCY, 0.5 - 0.01)],  # not close, but likely
    ],
)
def test_asks_about_danger_when_unsure(ranking: list[tuple[str, float]]) -> None:
    assert unsure_of_danger(ranking)


@pytest.mark.parametrize(
    "ranking",
    [
        [(EMERGENCY, 0.55), (REPAIR, 0.45)],  # an emergency first: the safety steps at once
        [(EMERGENCY, 0.9), (REPAIR, 0.1)],
        [(REPAIR, 0.9), (EMERGENCY, EMERGENCY_FLOOR - 0.01)],  # a plain repair
        [("nuisance", 0.5), (EMERGENCY, 0.45)],  # no repair in sight: not this question
        [(FALLBACK, 0.3), ("greet", 0.25), ("goodbye", 0.2), (EMERGENCY, 0.1)],
        [],
    ],
)
def test_does_not_ask_when_the_model_is_sure_or_it_is_no_repair(
    ranking: list[tuple[str, float]],
) -> None:
    assert not unsure_of_danger(ranking)


def user(text: str, intent: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


def test_no_to_the_danger_question_keeps_the_need_a_no_to_the_summary_does_not() -> None:
    events = [
        user("het plafond zakt door", "report_repair"),
        action(ASK_DANGER),
        action("action_listen"),
        user("nee", "deny"),
    ]
    assert [m["text"] for m in need_messages(events)] == ["het plafond zakt door"]
    rejected = [*events, action("action_summarise"), action("action_listen"), user("nee", "deny")]
    assert need_messages(rejected) == []
