"""Employee names in tenants' messages: only the directory's people and names after a title,
never a word because of where it stands (rasa_project/components/names.py)."""

import pytest

from handoff.paths import PROJECT_ROOT
from rasa_project.components.names import NameFinder

FINDER = NameFinder(
    ["Fatima el Amrani", "Pieter Bakker", "Sanne de Vries", "Jan de Wit", "Mehmet Yilmaz"]
)


def names(text: str) -> list[tuple[str, str | None]]:
    return [(found.text, found.person) for found in FINDER.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Er is iets mis met mijn balkon",
        "Mijn kraan lekt",
        "Ik heb sinds gisteren geen warm water meer",
        "De buren maken lawaai",
        "Goedemorgen meneer, ik heb een vraag",
        "goedemorgen meneer hoe gaat het",
        "Dag mevrouw",
        "ik ga naar de bakker, bel me straks",
        "per 1 jan zeg ik de huur op",
        "Ik woon in Utrecht",
        "kan ik de huismeester spreken",
    ],
)
def test_no_name_is_invented(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("is Sanne de Vries er", [("Sanne de Vries", "Sanne de Vries")]),
        ("Fatima graag", [("Fatima", "Fatima el Amrani")]),  # first word, and still a name
        ("ik wil mevrouw de Vries spreken", [("de Vries", "Sanne de Vries")]),
        ("mw el Amrani graag", [("el Amrani", "Fatima el Amrani")]),
        ("kan ik P. Bakker spreken", [("P. Bakker", "Pieter Bakker")]),
        ("mag ik S. de Vries", [("S. de Vries", "Sanne de Vries")]),
        ("is Sane de Vris er", [("Sane de Vris", "Sanne de Vries")]),
        ("kan Fatma mij bellen", [("Fatma", "Fatima el Amrani")]),
        ("ik wil Yilmas spreken", [("Yilmas", "Mehmet Yilmaz")]),
        ("ik moet mehmet yılmaz hebben", [("mehmet yılmaz", "Mehmet Yilmaz")]),
        ("jan dewit is die er", [("jan dewit", "Jan de Wit")]),  # a former employee
        ("Kan ik Fatima El-Amrani spreken", [("Fatima El-Amrani", "Fatima el Amrani")]),
        ("kan meneer bakker mij bellen", [("bakker", "Pieter Bakker")]),
    ],
)
def test_the_directory_s_people_are_found_however_they_are_written(
    text: str, found: list[tuple[str, str | None]]
) -> None:
    assert names(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("is meneer van Leeuwen er vandaag", "van Leeuwen"),
        ("dhr. A. Çelik zou mij bellen", "A. Çelik"),
        ("kan ik de heer Willems spreken", "Willems"),
        ("ik wil graag mevrouw Bos aan de lijn", "Bos"),
        ("mevrouw Hoekstra van de administratie", "Hoekstra"),
    ],
)
def test_a_name_after_a_title_is_a_name_even_when_nobody_has_it(text: str, found: str) -> None:
    assert names(text) == [(found, None)]


def test_a_lower_case_word_after_a_title_is_no_name_unless_the_directory_has_it() -> None:
    assert names("dag meneer ik heb een vraag") == []
    assert names("Dag meneer Ik heb een vraag") == []  # a capital, but a function word


def test_two_people_who_fit_equally_are_named_but_not_guessed() -> None:
    finder = NameFinder(["Sanne de Vries", "Sanne Bakker"])
    assert [(f.text, f.person) for f in finder.find("is Sanne er")] == [("Sanne", None)]


def test_the_directory_file_gives_employees_and_whom_they_replace() -> None:
    finder = NameFinder.from_directory(PROJECT_ROOT / "config" / "employees.yml")
    assert "Jan de Wit" in finder.people
    assert "Sanne de Vries" in finder.people
