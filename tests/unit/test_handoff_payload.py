"""The handoff contract from both sides: the payload the Rasa action builds, read by the app.

Each path to a person of docs/handoff-contract.md is a short conversation as the tracker gives
it to the action; its payload must follow the contract and mean the same to the app.
"""

import json
from typing import Any

import pytest

from handoff.domain.handoff_request import HandoffRequest
from rasa_project.actions.dialogue.address import ASKED_AGAIN, SKIPPED
from rasa_project.actions.dialogue.payload import handoff_payload
from rasa_project.actions.dialogue.texts import NOT_CONFIRMED, NOT_FOUND_FLAG

REQUIRED = {"topic", "summary", "summary_confirmed", "flags", "requested_employee"}
ADDRESS = {"postcode", "house_number"}
OPTIONAL = ADDRESS | {"address_check", "bag", "repair_object", "repair_location"}
DEFAULT_SUMMARY = "u wilt een medewerker spreken"


class Talk:
    """A conversation as the action server gets it: events, every slot, the latest message."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = [{"event": "session_started"}]
        self.slots: dict[str, Any] = dict.fromkeys(
            ("topic", "summary", "repair_object", "repair_location", "repair_since",
             "postcode", "house_number", "human_topic", "requested_slot", "address_check",
             "bag_nummeraanduiding_id", "bag_adresseerbaarobject_id")
        )  # fmt: skip
        self.latest: dict[str, Any] = {}

    def says(self, text: str, intent: str, **entities: str) -> "Talk":
        self.latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": [{"entity": name, "value": value} for name, value in entities.items()],
        }
        self.events.append({"event": "user", "text": text, "parse_data": self.latest})
        return self

    def runs(self, *actions: str) -> "Talk":
        self.events.extend({"event": "action", "name": name} for name in actions)
        return self

    def form(self, name: str | None) -> "Talk":
        self.events.append({"event": "active_loop", "name": name})
        return self

    def sets(self, **slots: Any) -> "Talk":
        self.slots.update(slots)
        self.events.extend({"event": "slot", "name": k, "value": v} for k, v in slots.items())
        return self

    def hands_over(self, *extra_flags: str) -> dict[str, Any]:
        return handoff_payload(self.events, self.slots, self.latest, extra_flags)


def read_by_the_app(payload: dict[str, Any]) -> HandoffRequest:
    """Checks the payload's shape against the contract, sends it as JSON, reads it as the app."""
    assert REQUIRED <= set(payload) <= REQUIRED | OPTIONAL
    assert isinstance(payload["summary_confirmed"], bool)
    assert all(isinstance(flag, str) for flag in payload["flags"])
    assert all(payload[key] for key in OPTIONAL & set(payload))  # absent rather than empty
    assert payload.get("address_check") in (None, "found", "not_found", "unchecked")
    if "bag" in payload:  # only with an address the register found, both ids as strings
        assert payload["address_check"] == "found"
        assert set(payload["bag"]) == {"nummeraanduiding_id", "adresseerbaarobject_id"}
        assert all(isinstance(value, str) and value for value in payload["bag"].values())
    return HandoffRequest.from_payload(json.loads(json.dumps(payload)))


def summarised(talk: Talk, topic: str, summary: str) -> Talk:
    return talk.runs("action_summarise").sets(topic=topic, summary=summary)


def repair_told_and_confirmed() -> Talk:
    talk = Talk().says("mijn kraan lekt", "report_repair", repair_object="kraan")
    talk.runs("repair_form").form("repair_form").says("in de keuken", "report_repair")
    talk.sets(repair_location="in de keuken").runs("repair_form").form(None)
    summarised(talk, "report_repair", "uw kraan lekt (in de keuken)").says("ja", "affirm")
    return talk.runs("address_form").form("address_form")


def test_a_confirmed_repair_carries_its_summary_and_address() -> None:
    talk = repair_told_and_confirmed()
    talk.says("1011 AB 12", "provide_address", postcode="1011 AB", house_number="12")
    talk.sets(postcode="1011 AB", house_number="12").form(None)
    payload = talk.hands_over()
    assert "address_check" not in payload  # no BAG check configured: nothing said about it
    request = read_by_the_app(payload)
    assert request == HandoffRequest(
        topic="report_repair",
        summary="uw kraan lekt (in de keuken)",
        summary_confirmed=True,
        postcode="1011 AB",
        house_number="12",
        repair_location="in de keuken",
    )
    # The case keeps the address in the BAG's and VERA's parts, and the repair's details.
    assert request.details() == {
        "postcode": "1011AB",
        "huisnummer": "12",
        "repair_location": "in de keuken",
    }


NUMMERAANDUIDING, VERBLIJFSOBJECT = "0363200000123456", "0363010000654321"


def checked_address(house_number: str, **check: str) -> Talk:
    talk = repair_told_and_confirmed().says(f"1011 AB {house_number}", "provide_address")
    return talk.sets(postcode="1011 AB", house_number=house_number, **check).form(None)


def test_an_address_the_bag_found_carries_its_ids_into_the_case() -> None:
    talk = checked_address(
        "12a-2",
        address_check="found",
        bag_nummeraanduiding_id=NUMMERAANDUIDING,
        bag_adresseerbaarobject_id=VERBLIJFSOBJECT,
    )
    payload = talk.hands_over()
    assert payload["address_check"] == "found"
    assert payload["flags"] == []
    assert payload["bag"] == {
        "nummeraanduiding_id": NUMMERAANDUIDING,
        "adresseerbaarobject_id": VERBLIJFSOBJECT,
    }
    assert read_by_the_app(payload).details() == {
        "postcode": "1011AB",
        "huisnummer": "12",
        "huisletter": "A",
        "huisnummertoevoeging": "2",
        "nummeraanduiding_id": NUMMERAANDUIDING,
        "adresseerbaarobject_id": VERBLIJFSOBJECT,
        "address_check": "found",
        "repair_location": "in de keuken",
    }


def test_an_address_missed_twice_is_kept_as_written_and_flagged() -> None:
    payload = checked_address("99", address_check="not_found").hands_over()
    assert "bag" not in payload
    request = read_by_the_app(payload)
    assert request.flags == (NOT_FOUND_FLAG,)
    assert request.summary_confirmed
    assert request.details()["address_check"] == "not_found"
    assert (request.postcode, request.house_number) == ("1011 AB", "99")


def test_an_address_the_register_could_not_check_is_passed_on_unchecked() -> None:
    payload = checked_address("12", address_check="unchecked").hands_over()
    assert (payload["address_check"], payload["flags"]) == ("unchecked", [])
    assert "bag" not in payload
    assert read_by_the_app(payload).details()["address_check"] == "unchecked"


def test_no_address_after_the_second_question_says_nothing_about_a_check() -> None:
    # Not found once, then "liever niet": no address, so no check to report either.
    talk = repair_told_and_confirmed().says("liever niet", "deny")
    talk.sets(postcode=SKIPPED, house_number=SKIPPED, address_check=ASKED_AGAIN).form(None)
    payload = talk.hands_over()
    assert {"postcode", "house_number", "address_check", "bag"}.isdisjoint(payload)
    assert read_by_the_app(payload).flags == ()


def test_the_app_ignores_a_check_or_ids_outside_the_contract() -> None:
    payload = {
        "topic": "report_repair",
        "summary": "uw kraan lekt",
        "postcode": "1011 AB",
        "house_number": "12",
        "address_check": "maybe",
        "bag": "0363200000123456",
    }
    request = HandoffRequest.from_payload(payload)
    assert request.address_check is None
    assert request.nummeraanduiding_id is None
    assert request.details() == {"postcode": "1011AB", "huisnummer": "12"}


def test_an_address_that_cannot_be_split_is_kept_as_written() -> None:
    request = HandoffRequest.from_payload(
        {"topic": "nuisance", "summary": "x", "postcode": "1011 AB", "house_number": "12 bis b"}
    )
    assert request.details() == {"postcode": "1011 AB", "house_number": "12 bis b"}


def test_an_address_the_tenant_preferred_not_to_give_is_left_out() -> None:
    talk = repair_told_and_confirmed().says("liever niet", "deny")
    payload = talk.sets(postcode=SKIPPED, house_number=SKIPPED).form(None).hands_over()
    assert ADDRESS.isdisjoint(payload)
    request = read_by_the_app(payload)
    assert request.summary_confirmed
    assert request.details() == {"repair_location": "in de keuken"}


def test_a_confirmed_emergency_is_flagged_spoed() -> None:
    talk = Talk().says("ik ruik gas in de keuken", "report_emergency").runs("action_emergency")
    talk.sets(topic="report_emergency", summary="u ruikt gas in de keuken").says("ja", "affirm")
    assert read_by_the_app(talk.hands_over()) == HandoffRequest(
        topic="report_emergency",
        summary="u ruikt gas in de keuken",
        summary_confirmed=True,
        flags=("spoed",),
    )


def test_a_second_no_to_the_summary_hands_over_the_latest_summary_unconfirmed() -> None:
    talk = summarised(Talk().says("de buren maken lawaai", "nuisance"), "nuisance", "x")
    talk.says("nee", "deny").runs("action_summary_rejected")
    talk.says("de buren draaien 's nachts harde muziek", "nuisance")
    summarised(talk, "nuisance", "de buren draaien 's nachts harde muziek")
    talk.says("nee", "deny").runs("action_summary_rejected")
    assert read_by_the_app(talk.hands_over(NOT_CONFIRMED)) == HandoffRequest(
        topic="nuisance",
        summary="de buren draaien 's nachts harde muziek",
        summary_confirmed=False,
        flags=(NOT_CONFIRMED,),
    )


def test_an_extra_flag_means_not_confirmed_even_after_a_yes() -> None:
    talk = summarised(Talk().says("mijn kraan lekt", "report_repair"), "report_repair", "x")
    payload = talk.says("ja", "affirm").hands_over(NOT_CONFIRMED)
    assert read_by_the_app(payload).summary_confirmed is False


def asked_for_a_person(talk: Talk | None = None) -> Talk:
    talk = (talk or Talk()).says("ik wil een medewerker spreken", "talk_to_human")
    return talk.runs("topic_form").form("topic_form")


@pytest.mark.parametrize(
    ("answer", "intent", "topic", "summary"),
    [
        ("over mijn huurachterstand", "payment_arrears", "payment_arrears",
         "over uw huurachterstand"),
        ("het gaat over mijn schuur", "out_of_scope", None, "het gaat over uw schuur"),
    ],
)  # fmt: skip
def test_the_answer_to_what_it_is_about_becomes_topic_and_summary(
    answer: str, intent: str, topic: str | None, summary: str
) -> None:
    talk = asked_for_a_person().says(answer, intent)
    talk.sets(human_topic=answer, topic=topic).form(None)
    assert read_by_the_app(talk.hands_over()) == HandoffRequest(
        topic=topic or "talk_to_human", summary=summary, summary_confirmed=False
    )


def test_skipping_what_it_is_about_hands_over_with_the_general_summary() -> None:
    talk = asked_for_a_person().says("/talk_to_human", "talk_to_human")
    talk.sets(human_topic=SKIPPED).form(None)
    assert read_by_the_app(talk.hands_over()) == HandoffRequest(
        topic="talk_to_human", summary=DEFAULT_SUMMARY, summary_confirmed=False
    )


def test_nothing_known_still_gives_the_app_a_valid_handoff() -> None:
    request = read_by_the_app(handoff_payload([], {}, {}))
    assert (request.topic, request.summary) == ("talk_to_human", DEFAULT_SUMMARY)


def test_a_person_during_the_repair_questions_gets_the_need_so_far() -> None:
    talk = Talk().says("mijn kraan lekt", "report_repair").runs("repair_form")
    talk.form("repair_form").says("ik wil een mens spreken", "talk_to_human")
    talk.runs("action_deactivate_loop").form(None)
    assert read_by_the_app(talk.hands_over()) == HandoffRequest(
        topic="report_repair", summary="uw kraan lekt", summary_confirmed=False
    )


def test_frustration_after_the_summary_keeps_the_summary_and_is_flagged() -> None:
    talk = Talk().says("ik kan de huur niet betalen", "payment_arrears")
    summarised(talk, "payment_arrears", "u kunt de huur niet betalen")
    talk.says("dit schiet helemaal niet op", "frustration").runs("utter_frustration")
    assert read_by_the_app(talk.hands_over()) == HandoffRequest(
        topic="payment_arrears",
        summary="u kunt de huur niet betalen",
        summary_confirmed=False,
        flags=("frustratie",),
    )


def test_a_need_before_the_last_handoff_is_not_handed_over_again() -> None:
    talk = Talk().says("mijn kraan lekt", "report_repair").runs("action_request_handoff")
    talk.events.append({"event": "bot", "data": {"custom": {"handoff": {"topic": "x"}}}})
    talk = asked_for_a_person(talk).says("/talk_to_human", "talk_to_human")
    talk.sets(human_topic=SKIPPED).form(None)
    assert read_by_the_app(talk.hands_over()).summary == DEFAULT_SUMMARY


def test_a_named_employee_wins_over_a_confirmed_need() -> None:
    # Asked for the address after "ja", the tenant asks for a colleague by name instead.
    talk = repair_told_and_confirmed().says(
        "kan ik Fatima el Amrani spreken", "ask_for_employee", employee_name="Fatima el Amrani"
    )
    request = read_by_the_app(talk.hands_over())
    assert request == HandoffRequest(
        topic="ask_for_employee",
        summary="u wilt Fatima el Amrani spreken",
        summary_confirmed=False,
        requested_employee="Fatima el Amrani",
        repair_location="in de keuken",
    )
    assert request.details() == {
        "requested_employee": "Fatima el Amrani",
        "repair_location": "in de keuken",  # what the tenant told before asking for her
    }


def test_a_role_without_a_name_is_handed_over_in_the_tenants_words() -> None:
    talk = Talk().says("mag ik de huismeester spreken", "ask_for_employee")
    assert read_by_the_app(talk.hands_over()) == HandoffRequest(
        topic="ask_for_employee",
        summary="u vraagt of u de huismeester mag spreken",
        summary_confirmed=False,
    )


def test_a_visitor_is_handed_over_with_the_name_they_came_for() -> None:
    talk = Talk().says(
        "ik heb om 10 uur een afspraak met Jan de Wit",
        "appointment_visit",
        employee_name="Jan de Wit",
    )
    assert read_by_the_app(talk.hands_over()) == HandoffRequest(
        topic="appointment_visit",
        summary="u hebt om 10 uur een afspraak met Jan de Wit",
        summary_confirmed=False,
        requested_employee="Jan de Wit",
    )


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("ik wil de achterstand in 12 maanden aflossen", ("uitzondering gevraagd",)),
        ("ik wil de achterstand in 4 maanden aflossen", ()),
    ],
)
def test_a_payment_arrangement_longer_than_usual_is_flagged_for_a_person(
    text: str, flags: tuple[str, ...]
) -> None:
    talk = summarised(Talk().says(text, "payment_arrears"), "payment_arrears", "u wilt aflossen")
    request = read_by_the_app(talk.says("ja", "affirm").hands_over())
    assert (request.topic, request.summary_confirmed, request.flags) == (
        "payment_arrears",
        True,
        flags,
    )
