"""Matching the name a tenant says against the directory."""

import pytest

from handoff.domain.names import find_person

PEOPLE = ["Sanne de Vries", "Fatima el Amrani", "Mehmet Yilmaz", "Jan de Wit", "Kees Visser"]


@pytest.mark.parametrize(
    ("spoken", "meant"),
    [
        ("Sanne de Vries", "Sanne de Vries"),
        ("meneer de Vries", "Sanne de Vries"),
        ("mevrouw De Vries", "Sanne de Vries"),
        ("dhr. Yilmaz", "Mehmet Yilmaz"),
        ("S. de Vries", "Sanne de Vries"),
        ("de heer J. de Wit", "Jan de Wit"),
        ("fatima", "Fatima el Amrani"),
        ("Fatma el Amrani", "Fatima el Amrani"),
        ("sane de vris", "Sanne de Vries"),
        ("mehmet yılmaz", "Mehmet Yilmaz"),
        ("Pietersen", None),
        ("meneer", None),
        ("", None),
    ],
)
def test_spoken_name_finds_the_person(spoken: str, meant: str | None) -> None:
    assert find_person(PEOPLE, spoken) == meant


def test_two_people_who_fit_equally_are_not_guessed() -> None:
    assert find_person(["Sanne de Vries", "Peter de Vries"], "meneer de Vries") is None
    assert find_person(["Sanne de Vries", "Peter de Vries"], "P. de Vries") == "Peter de Vries"
