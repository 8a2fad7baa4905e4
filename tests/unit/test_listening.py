"""Listening and restating: which follow-up questions a repair gets, the routing facts in an
answer, and what counts as the tenant's need in the conversation so far."""

from typing import Any

import pytest

from rasa_project.actions.dialogue.address import find_house_number, find_postcode
from rasa_project.actions.dialogue.conversation import need_messages, summary_confirmed
from rasa_project.actions.dialogue.details import clean_answer, questions_to_ask, says_since_when
from rasa_project.actions.dialogue.restating import compose_summary, restate


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("de kraan lekt al een week", True),
        ("sinds gisteren doet de verwarming het niet", True),
        ("vanochtend viel de stroom uit", True),
        ("het lekt al maanden", True),
        ("mijn deur klemt weken al", True),
        ("de kraan lekt", False),
        ("er zit schimmel in de badkamer", False),
        ("alles is kapot", False),
    ],
)
def test_since_when_is_recognised(text: str, said: bool) -> None:
    assert says_since_when(text) is said


@pytest.mark.parametrize(
    ("texts", "entities", "questions"),
    [
        (["mijn kraan lekt"], {"repair_object"}, ["repair_location", "repair_since"]),
        (["ik wil een reparatie melden"], set(), ["repair_object", "repair_location"]),
        (["de kraan lekt al een week"], {"repair_object"}, ["repair_location"]),
        (["kraan in de keuken lekt"], {"repair_object", "repair_location"}, ["repair_since"]),
        (["de kraan in de keuken lekt al een week"], {"repair_object", "repair_location"}, []),
        (["er is iets kapot", "sinds gisteren"], set(), ["repair_object", "repair_location"]),
    ],
)
def test_a_repair_gets_at_most_two_questions_for_what_is_missing(
    texts: list[str], entities: set[str], questions: list[str]
) -> None:
    assert questions_to_ask(texts, entities) == questions


def test_an_answer_becomes_part_of_a_sentence() -> None:
    assert clean_answer("  In de Keuken.  ") == "in de Keuken"
    assert clean_answer("WC boven!") == "WC boven"


@pytest.mark.parametrize(
    ("text", "postcode", "house_number"),
    [
        ("1011 AB 12", "1011 AB", "12"),
        ("mijn postcode is 3521ab huisnummer 4", "3521 AB", "4"),
        ("1012ab, nr 7a", "1012 AB", "7a"),
        ("27-3 postcode 1055 RT", "1055 RT", "27-3"),
        ("pc 1071 JD hnr 2-III", "1071 JD", "2-III"),
        ("postcode 6525ab huisnummer 10 bis", "6525 AB", "10bis"),
        ("huisnummer 145", None, "145"),
        ("liever niet", None, None),
        ("0123 AB", None, "0123"),  # a Dutch postcode never starts with 0
    ],
)
def test_routing_facts_are_read_from_the_answer(
    text: str, postcode: str | None, house_number: str | None
) -> None:
    assert (find_postcode(text), find_house_number(text)) == (postcode, house_number)


def user(text: str, intent: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


def form(name: str | None) -> dict[str, Any]:
    return {"event": "active_loop", "name": name}


HANDOFF = {"event": "bot", "data": {"custom": {"handoff": {"topic": "x", "summary": "y"}}}}


def texts(events: list[dict[str, Any]]) -> list[str]:
    return [message["text"] for message in need_messages(events)]


def test_the_need_leaves_out_small_talk_and_answers_to_questions() -> None:
    events = [
        user("hallo", "greet"),
        user("mijn kraan lekt", "report_repair"),
        form("repair_form"),
        user("in de keuken", "provide_address"),
        form(None),
    ]
    assert texts(events) == ["mijn kraan lekt"]


def test_an_emergency_during_a_question_is_part_of_the_need() -> None:
    events = [user("mijn cv doet het niet", "report_repair"), form("repair_form")]
    events += [user("en nu ruik ik gas", "report_emergency"), form(None)]
    assert texts(events) == ["mijn cv doet het niet", "en nu ruik ik gas"]


def test_the_same_message_twice_is_one_need() -> None:
    # A retry after the action server failed gives Rasa the turn again (reliability review 6).
    events = [user("ik ruik gas in huis", "report_emergency"), action("action_emergency")]
    events += [user("ik ruik gas in huis", "report_emergency")]
    assert texts(events) == ["ik ruik gas in huis"]


def test_a_no_to_the_summary_starts_the_need_over() -> None:
    events = [user("mijn kraan lekt", "report_repair"), action("action_summarise")]
    events += [user("nee", "deny"), user("de douche lekt", "report_repair")]
    assert texts(events) == ["de douche lekt"]


def test_a_handoff_starts_a_new_episode() -> None:
    events = [
        user("mijn kraan lekt", "report_repair"),
        HANDOFF,
        user("ik wil opzeggen", "end_tenancy"),
    ]
    assert texts(events) == ["ik wil opzeggen"]


def test_only_a_yes_right_after_the_summary_confirms_it() -> None:
    summary = [user("mijn kraan lekt", "report_repair"), action("action_summarise")]
    assert summary_confirmed([*summary, user("ja", "affirm")])
    assert not summary_confirmed([*summary, user("nee", "deny"), user("ja", "affirm")])
    assert not summary_confirmed([*summary, user("ja", "affirm"), HANDOFF])
    assert not summary_confirmed([user("ja", "affirm")])


def test_the_summary_restates_the_need_with_the_answers() -> None:
    need = restate([user("Mijn kraan lekt.", "report_repair")])
    assert need == "uw kraan lekt"
    details = {
        "repair_object": None,
        "repair_location": "in mijn keuken",
        "repair_since": "gister",
    }
    assert compose_summary(need, details) == "uw kraan lekt (in uw keuken, gister)"
    vague = restate([user("ik wil een reparatie melden", "report_repair")])
    assert compose_summary(vague, {"repair_object": "mijn deurbel"}) == (
        "u wilt een reparatie melden: uw deurbel"
    )
    assert restate([], fallback="ik wil iemand spreken") == "u wilt iemand spreken"


def said_in(text: str, metadata: Any) -> dict[str, Any]:
    return {**user(text, "report_repair"), "metadata": metadata}


def test_a_message_the_app_found_in_another_language_is_read_back_as_written() -> None:
    english = said_in("my tap is leaking", {"language": "en"})
    assert restate([english]) == 'u schreef "my tap is leaking"'
    turkish_label = said_in("mijn kraan lekt", {"language": "tr"})  # the app's word counts
    assert restate([turkish_label]) == 'u schreef "mijn kraan lekt"'
    for metadata in ({"language": "nl"}, {}, None, {"language": None}, "nl", {"other": 1}):
        assert restate([said_in("mijn kraan lekt", metadata)]) == "uw kraan lekt"
    mixed = [said_in("mijn kraan lekt", {"language": "nl"}), english]
    assert restate(mixed) == 'uw kraan lekt; u schreef "my tap is leaking"'


def test_an_answer_that_cannot_be_restated_is_kept_as_the_tenant_wrote_it() -> None:
    details = {
        "repair_object": "tap",
        "repair_location": "kitchen",
        "repair_since": "mijn hele leven",
    }
    assert compose_summary("uw kraan lekt", details) == (
        "uw kraan lekt: tap (kitchen, uw hele leven)"
    )
