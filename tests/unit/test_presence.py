"""Working hours, who is at work, and the honest promise a tenant hears."""

from datetime import UTC, datetime

import pytest

from handoff.domain.directory import Directory
from handoff.domain.presence import LOCAL, Day, WorkingHours, promised
from handoff.domain.routing import Presence, RoutingRequest, route
from handoff.texts import promise

OFFICE = WorkingHours.parse("ma-vr 08:30-17:00")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in the week of Monday 23 November 2026, Dutch time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=LOCAL)


def test_working_hours_are_read_as_admins_write_them() -> None:
    hours = WorkingHours.parse("ma-do 09:00-17:00; vr 9.00-12.00")
    assert hours.is_working(at(26, 16, 59))
    assert not hours.is_working(at(26, 17, 0))
    assert hours.is_working(at(27, 11, 0))
    assert not hours.is_working(at(27, 13, 0))
    assert WorkingHours.parse("za-ma 10:00-11:00").is_working(at(29, 10, 30))  # sunday


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("maandag 9-17", "is not like"),
        ("ma-vr 17:00-09:00", "ends before it starts"),
        ("xx 09:00-10:00", "days are ma, di"),
        ("", "is not like"),
    ],
)
def test_unreadable_working_hours_are_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        WorkingHours.parse(text)


def test_next_start_is_now_at_work_else_the_next_morning() -> None:
    assert OFFICE.next_start(at(25, 10)) == at(25, 10)
    assert OFFICE.next_start(at(25, 7)) == at(25, 8, 30)
    assert OFFICE.next_start(at(27, 18)) == at(30, 8, 30)  # friday evening: monday


def test_answer_within_three_working_hours_or_the_next_period() -> None:
    assert OFFICE.answer_by(at(25, 10)) == at(25, 13)
    assert OFFICE.answer_by(at(25, 15)) == at(25, 17)
    assert OFFICE.answer_by(at(25, 16, 30)) == at(26, 11, 30)  # too little of today is left
    assert OFFICE.answer_by(at(28, 12)) == at(30, 11, 30)  # saturday: monday


def test_the_promise_reads_as_a_person_says_it() -> None:
    now = at(25, 10)
    assert promise(at(25, 13), now) == "vandaag vóór 13:00"
    assert promise(at(26, 11, 30), now) == "morgen vóór 11:30"
    assert promise(at(30, 11, 30), now) == "maandag vóór 11:30"
    assert promise(datetime(2026, 12, 7, 9, tzinfo=LOCAL), now) == "op 7 december vóór 09:00"


def test_the_domain_names_the_day_of_a_promise_and_leaves_the_words_to_texts() -> None:
    now = at(25, 10)
    moments = (at(25, 13), at(26, 9), at(30, 9), datetime(2026, 12, 7, 9, tzinfo=LOCAL))
    days = [promised(moment, now).day for moment in moments]
    assert days == [Day.TODAY, Day.TOMORROW, Day.THIS_WEEK, Day.LATER]
    late = promised(datetime(2026, 11, 25, 23, 30, tzinfo=UTC), now)  # 00:30 Dutch time
    assert (late.day, f"{late.at:%H:%M}") == (Day.TOMORROW, "00:30")


@pytest.fixture
def office_team() -> Directory:
    return Directory.model_validate(
        {
            "default_team": "t",
            "capacity": 2,
            "teams": [{"key": "t", "name": "T", "topics": ["report_repair"]}],
            "employees": [
                {"name": "Anna Vroeg", "teams": ["t"], "working_hours": "ma-vr 07:00-12:00"},
                {"name": "Bram Laat", "teams": ["t"], "working_hours": "ma-vr 12:00-20:00"},
            ],
        }
    )


def test_the_case_goes_to_whoever_is_at_work(office_team: Directory) -> None:
    request = RoutingRequest("report_repair")
    assert route(office_team, request, {}, Presence(at(25, 9))).employee.name == "Anna Vroeg"
    afternoon = route(office_team, request, {"Bram Laat": 1}, Presence(at(25, 14)))
    assert (afternoon.employee.name, afternoon.answer_by) == ("Bram Laat", at(25, 17))


def test_away_and_full_employees_are_passed_over(office_team: Directory) -> None:
    request = RoutingRequest("report_repair")
    away = Presence(at(25, 9), away={"Anna Vroeg"})
    assert route(office_team, request, {}, away).employee.name == "Bram Laat"
    full = route(office_team, request, {"Anna Vroeg": 2}, Presence(at(25, 9)))
    assert full.employee.name == "Bram Laat"


def test_when_nobody_is_at_work_the_first_one_back_gets_it_with_an_honest_time(
    office_team: Directory,
) -> None:
    decision = route(office_team, RoutingRequest("report_repair"), {}, Presence(at(25, 22)))
    assert decision.employee.name == "Anna Vroeg"
    assert promise(decision.answer_by, at(25, 22)) == "morgen vóór 10:00"


def test_a_returning_tenant_goes_back_only_while_that_owner_is_at_work(
    office_team: Directory,
) -> None:
    request = RoutingRequest("report_repair", previous_owner="Bram Laat")
    assert route(office_team, request, {}, Presence(at(25, 14))).employee.name == "Bram Laat"
    assert route(office_team, request, {}, Presence(at(25, 9))).employee.name == "Anna Vroeg"
