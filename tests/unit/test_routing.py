"""Routing a case to a named employee."""

from datetime import datetime
from pathlib import Path

import pytest

from handoff.domain.directory import Directory
from handoff.domain.presence import LOCAL
from handoff.domain.routing import Presence, RoutingRequest, Why, find_target, route
from handoff.storage.directory_file import load_directory
from handoff.texts import routing_reason

DIRECTORY = Path(__file__).parents[1] / "data" / "employees.yml"
AT_WORK = Presence(datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL))  # a Wednesday morning


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(DIRECTORY)


def test_topic_goes_to_its_team(directory: Directory) -> None:
    decision = route(directory, RoutingRequest("report_repair"), {}, AT_WORK)
    assert decision.employee.name == "Fatima el Amrani"
    assert decision.team.key == "reparaties"
    assert (decision.why, routing_reason(decision)) == (Why.TEAM, "team Reparaties")


def test_unknown_topic_goes_to_the_default_team(directory: Directory) -> None:
    decision = route(directory, RoutingRequest("housing_search"), {}, AT_WORK)
    assert decision.team.key == "klantcontact"
    assert decision.employee.name == "Kees Visser"


def test_area_narrows_the_team(directory: Directory) -> None:
    assert route(directory, RoutingRequest("nuisance", "1013 AB"), {}, AT_WORK).employee.name == (
        "Mehmet Yilmaz"
    )
    assert route(directory, RoutingRequest("nuisance", "1011ab"), {}, AT_WORK).employee.name == (
        "Sanne de Vries"
    )


def test_postcode_outside_every_area_keeps_the_whole_team(directory: Directory) -> None:
    decision = route(
        directory, RoutingRequest("nuisance", "9999 ZZ"), {"Sanne de Vries": 3}, AT_WORK
    )
    assert decision.employee.name == "Mehmet Yilmaz"  # fewest open cases


def test_least_loaded_member_gets_the_case(directory: Directory) -> None:
    loads = {"Sanne de Vries": 4, "Mehmet Yilmaz": 1}
    assert (
        route(directory, RoutingRequest("nuisance"), loads, AT_WORK).employee.name
        == "Mehmet Yilmaz"
    )


def test_requested_employee_wins_over_the_topic(directory: Directory) -> None:
    decision = route(
        directory,
        RoutingRequest("report_repair", requested_employee="ingrid  JANSEN"),
        {},
        AT_WORK,
    )
    assert decision.employee.name == "Ingrid Jansen"
    assert decision.replaces is None
    assert (decision.why, routing_reason(decision)) == (Why.REQUESTED, "gevraagd")


def test_former_contact_goes_to_the_successor(directory: Directory) -> None:
    decision = route(
        directory, RoutingRequest("complaint", requested_employee="Jan de Wit"), {}, AT_WORK
    )
    assert decision.employee.name == "Sanne de Vries"
    assert decision.replaces == "Jan de Wit"
    assert routing_reason(decision) == "neemt het werk van Jan de Wit over"


def test_unknown_requested_name_falls_back_to_the_topic(directory: Directory) -> None:
    decision = route(
        directory, RoutingRequest("report_repair", requested_employee="Piet"), {}, AT_WORK
    )
    assert decision.employee.name == "Fatima el Amrani"


def test_requested_name_is_matched_as_a_tenant_says_it(directory: Directory) -> None:
    decision = route(
        directory, RoutingRequest("complaint", requested_employee="mw. de vries"), {}, AT_WORK
    )
    assert decision.employee.name == "Sanne de Vries"
    assert decision.replaces is None
    successor = route(
        directory, RoutingRequest("complaint", requested_employee="meneer de Witt"), {}, AT_WORK
    )
    assert successor.employee.name == "Sanne de Vries"
    assert successor.replaces == "Jan de Wit"


def test_returning_tenant_goes_back_to_the_earlier_owner(directory: Directory) -> None:
    request = RoutingRequest("nuisance", "1013 AB", previous_owner="Fatima el Amrani")
    decision = route(directory, request, {"Fatima el Amrani": 9}, AT_WORK)
    assert (decision.employee.name, decision.returning) == ("Fatima el Amrani", True)
    assert (decision.why, routing_reason(decision)) == (Why.RETURNING, "had uw vorige vraag")


def test_a_named_employee_and_an_emergency_win_over_the_earlier_owner(
    directory: Directory,
) -> None:
    named = RoutingRequest("ask_for_employee", None, "Kees Visser", "Fatima el Amrani")
    assert route(directory, named, {}, AT_WORK).employee.name == "Kees Visser"
    emergency = RoutingRequest("report_emergency", None, None, previous_owner="Kees Visser")
    decision = route(directory, emergency, {}, AT_WORK)
    assert (decision.team.key, decision.returning) == ("reparaties", False)


def test_an_earlier_owner_who_left_the_directory_does_not_count(directory: Directory) -> None:
    request = RoutingRequest("nuisance", "1013 AB", previous_owner="Jan de Wit")
    assert route(directory, request, {}, AT_WORK).employee.name == "Mehmet Yilmaz"


def test_a_transfer_target_is_read_from_the_start_of_the_text(directory: Directory) -> None:
    target, note = find_target(directory, "sanne de vries: het is overlast")
    assert (getattr(target, "name", None), note) == ("Sanne de Vries", "het is overlast")
    target, note = find_target(directory, "Huur en betalen want het gaat om een achterstand")
    assert (getattr(target, "key", None), note) == (
        "huurincasso",
        "want het gaat om een achterstand",
    )
    assert find_target(directory, "iemand anders graag") == (None, "iemand anders graag")
