"""Frustration heard first: the cues the detector hears, and what they change in the handoff.

The messages are written for this test, not taken from the NLU data.
"""

import pytest

from rasa_project.actions.dialogue.frustration import cues, frustrated, shows_frustration
from rasa_project.actions.dialogue.texts import FRUSTRATED as FLAG
from tests.unit.test_handoff_payload import Talk, read_by_the_app, summarised

FRUSTRATED = {
    "Dit is al de derde keer dat ik over mijn schimmel contact opneem!!": [
        "again and again",
        "exclamation marks",
    ],
    "Ik bel nu al vier keer over dezelfde lekkage": ["again and again"],
    "voor de zoveelste keer: de lift doet het niet": ["again and again"],
    "de verwarming doet het nog steeds niet": ["again and again"],
    "Ik wacht al weken op de monteur": ["waiting long"],
    "de deur klemt nu al maanden": ["waiting long"],
    "Ik ben het zat, niemand komt de goot maken": ["fed up", "sent around"],
    "ik ben het echt beu met die buren": ["fed up"],
    "Het is schandalig hoe lang dit duurt": ["fed up"],
    "Ik word van het kastje naar de muur gestuurd": ["sent around"],
    "nooit teruggebeld, terwijl het beloofd was": ["sent around"],
    "Wanneer komt er iemand?!": ["exclamation marks"],
    "MIJN BALKONDEUR SLUIT AL MAANDEN NIET": ["waiting long", "capitals"],
    "WAAROM KRIJG IK GEEN ANTWOORD": ["capitals"],
}
CALM = [
    "mijn kraan lekt al een week",
    "sinds gisteren doet de bel het niet",
    "voor de eerste keer heb ik een achterstand",
    "ik woon op de derde verdieping",
    "Dank u wel!",
    "Hallo!",
    "mijn CV ketel is stuk",
    "Kan de WC vandaag nog gemaakt worden?",
    "ik wil de huur opzeggen per 1 juni",
    "Hoe lang duurt het al met al?",
]


@pytest.mark.parametrize(("text", "expected"), FRUSTRATED.items())
def test_a_frustrated_message_shows_its_cues(text: str, expected: list[str]) -> None:
    assert cues(text) == expected


@pytest.mark.parametrize("text", CALM)
def test_a_calm_message_shows_none(text: str) -> None:
    assert cues(text) == []


def test_the_intent_frustration_counts_as_frustrated_without_a_cue() -> None:
    latest = {"text": "ik snap er niks van", "intent": {"name": "frustration"}}
    assert shows_frustration(latest)
    assert not shows_frustration({"text": "ik snap het", "intent": {"name": "rent_question"}})


def test_frustration_counts_until_a_person_took_over() -> None:
    talk = Talk().says("ik wacht al weken op de loodgieter", "report_repair")
    assert frustrated(talk.events)
    talk.events.append({"event": "bot", "data": {"custom": {"handoff": {"topic": "x"}}}})
    talk.says("ik heb nog een vraag over de huur", "rent_question")
    assert not frustrated(talk.events)


def test_a_frustrated_complaint_keeps_its_topic_and_summary_and_is_flagged() -> None:
    talk = Talk().says(
        "Dit is al de derde keer dat ik over mijn schimmel contact opneem!!", "complaint"
    )
    summary = "dit is al de derde keer dat u over uw schimmel contact opneemt"
    summarised(talk, "complaint", summary).says("ja", "affirm")
    talk.runs("address_form").form("address_form").form(None)
    request = read_by_the_app(talk.hands_over())
    assert (request.topic, request.summary, request.summary_confirmed) == (
        "complaint",
        summary,
        True,
    )
    assert request.flags == (FLAG,)


def test_a_calm_need_is_not_flagged() -> None:
    talk = Talk().says("mijn buren maken herrie", "nuisance")
    summarised(talk, "nuisance", "uw buren maken herrie").says("ja", "affirm")
    assert read_by_the_app(talk.hands_over()).flags == ()
