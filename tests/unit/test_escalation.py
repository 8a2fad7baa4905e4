"""A case nobody took up: a reminder after working time, then a colleague at work or the lead."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from handoff.domain.directory import Directory
from handoff.domain.escalation import EscalationPolicy, Step, next_step, successor
from handoff.domain.presence import LOCAL, WorkingHours
from handoff.domain.routing import Presence
from handoff.storage.directory_file import load_directory

OFFICE = WorkingHours.parse("ma-vr 08:30-17:00")
POLICY = EscalationPolicy(timedelta(minutes=60), timedelta(minutes=180))
DIRECTORY = Path(__file__).parents[1] / "data" / "employees.yml"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in the week of Monday 23 November 2026, Dutch time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=LOCAL)


@pytest.fixture(scope="module")
def office() -> Directory:
    """The test directory with office hours instead of always at work."""
    directory = load_directory(DIRECTORY)
    return directory.model_copy(update={"working_hours": "ma-vr 08:30-17:00"})


def test_working_time_counts_only_the_hours_at_work() -> None:
    assert OFFICE.working_time(at(25, 10), at(25, 11, 30)) == timedelta(minutes=90)
    # Wednesday 16:30 to Thursday 09:30: half an hour each side of the night.
    assert OFFICE.working_time(at(25, 16, 30), at(26, 9, 30)) == timedelta(hours=1, minutes=30)
    # Friday 16:00 to Monday 09:00: the weekend does not count.
    assert OFFICE.working_time(at(27, 16), at(30, 9)) == timedelta(hours=1, minutes=30)
    assert OFFICE.working_time(at(28, 10), at(29, 23)) == timedelta()


def test_reminder_then_reassignment_after_the_owners_working_time(office: Directory) -> None:
    fatima = office.employee("Fatima el Amrani")
    assigned = at(25, 10)
    assert next_step(POLICY, office, fatima, assigned, False, at(25, 10, 59)) is None
    assert next_step(POLICY, office, fatima, assigned, False, at(25, 11)) is Step.REMIND
    assert next_step(POLICY, office, fatima, assigned, True, at(25, 12)) is None  # once
    assert next_step(POLICY, office, fatima, assigned, True, at(25, 13)) is Step.REASSIGN


def test_a_case_arriving_at_the_end_of_the_day_waits_for_the_morning(office: Directory) -> None:
    fatima = office.employee("Fatima el Amrani")
    assert next_step(POLICY, office, fatima, at(25, 16, 50), False, at(25, 23)) is None
    assert next_step(POLICY, office, fatima, at(25, 16, 50), False, at(26, 9, 20)) is Step.REMIND


def test_without_reassign_time_the_owner_keeps_the_case(office: Directory) -> None:
    policy = EscalationPolicy(timedelta(minutes=60), None)
    fatima = office.employee("Fatima el Amrani")
    assert next_step(policy, office, fatima, at(23, 9), True, at(27, 16)) is None


def test_successor_is_a_present_colleague_with_room(office: Directory) -> None:
    sanne = office.employee("Sanne de Vries")
    now = Presence(at(25, 10))
    assert successor(office, sanne, "nuisance", {}, now).name == "Mehmet Yilmaz"
    full = {"Mehmet Yilmaz": office.capacity}
    assert successor(office, sanne, "nuisance", full, now) is None  # no lead in Wijkbeheer
    away = Presence(at(25, 10), away={"Mehmet Yilmaz"})
    assert successor(office, sanne, "nuisance", {}, away) is None


def test_successor_is_the_lead_when_nobody_in_the_team_can(office: Directory) -> None:
    fatima = office.employee("Fatima el Amrani")  # alone in Reparaties
    lead = successor(office, fatima, "report_repair", {}, Presence(at(25, 10)))
    assert lead is not None
    assert lead.name == "Kees Visser"
    kees = office.employee("Kees Visser")
    assert successor(office, kees, "report_repair", {}, Presence(at(25, 10))) is None
