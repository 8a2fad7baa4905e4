"""The actions' knowledge of intents agrees with domain.yml: the topics and the interruptions."""

import pytest
import yaml

from handoff import texts
from handoff.paths import RASA_PROJECT
from rasa_project.actions.dialogue.conversation import NOT_A_NEED
from rasa_project.actions.dialogue.intents import TOPIC_INTENTS, interruptions


@pytest.fixture(scope="module")
def domain() -> dict:
    return yaml.safe_load((RASA_PROJECT / "domain.yml").read_text(encoding="utf-8"))


def test_the_topics_are_the_domains_intents_that_carry_a_need(domain: dict) -> None:
    assert TOPIC_INTENTS == set(domain["intents"]) - NOT_A_NEED
    # The app names every topic a handoff can carry, talk_to_human included.
    assert set(texts.TOPIC_LABELS) == TOPIC_INTENTS | {"talk_to_human"}


def test_the_address_questions_give_way_to_what_interrupts_the_other_questions(
    domain: dict,
) -> None:
    # A "nee" is no interruption: at the address question it means "liever niet".
    assert interruptions(domain) == {"talk_to_human", "frustration", "report_emergency"}


def test_interruptions_are_read_from_every_slot_mapping() -> None:
    domain = {
        "slots": {
            "a": {"mappings": [{"type": "from_text", "not_intent": ["x", "y"]}]},
            "b": {"mappings": [{"type": "from_entity"}, {"type": "from_text", "not_intent": "z"}]},
            "c": {"type": "text"},
        }
    }
    assert interruptions(domain) == {"x", "y", "z"}
    assert interruptions({}) == frozenset()
