"""An address in the BAG's parts, on both sides: the app's rules (handoff/domain/addresses.py)
and the action server's copy (rasa_project/actions/dialogue/address.py) split the same way;
which Locatieserver document is the tenant's home; what a check does to the address slots."""

from typing import Any

import pytest

from handoff import texts
from handoff.domain import addresses
from rasa_project.actions.dialogue import address as dialogue
from rasa_project.actions.dialogue.address import (
    ASKED_AGAIN,
    FOUND,
    NOT_FOUND,
    UNCHECKED,
    after_check,
    find_house_number,
    find_postcode,
    matching_doc,
)

# (postcode, house number) as the slots may hold them → the parts, or None: no address.
SPLITS: list[tuple[str | None, str | None, tuple[str, int, str | None, str | None] | None]] = [
    ("1011 AB", "12", ("1011AB", 12, None, None)),
    ("1011ab", "12", ("1011AB", 12, None, None)),
    (" 1011  AB", "12", None),  # two spaces inside: not a postcode as written
    ("1011 AB", "7a", ("1011AB", 7, "A", None)),
    ("1011 AB", "7 a", ("1011AB", 7, "A", None)),
    ("1011 AB", "10A-2", ("1011AB", 10, "A", "2")),
    ("1011 AB", "10-2", ("1011AB", 10, None, "2")),
    ("1071 JD", "2-III", ("1071JD", 2, None, "III")),
    ("6525 AB", "10bis", ("6525AB", 10, None, "bis")),
    ("6525 AB", "10hs", ("6525AB", 10, None, "hs")),
    ("6525 AB", "10 bis", ("6525AB", 10, None, "bis")),
    ("1011 AB", "0", None),  # no house has number 0
    ("0123 AB", "12", None),  # a Dutch postcode never starts with 0
    ("1011 A", "12", None),
    ("1011 AB", "twaalf", None),
    ("1011 AB", "12 bis b", None),
    ("1011 AB", "", None),  # skipped ("liever niet")
    ("", "12", None),
    (None, None, None),
]


@pytest.mark.parametrize(("postcode", "house_number", "parts"), SPLITS)
def test_both_sides_split_an_address_alike(
    postcode: str | None, house_number: str | None, parts: tuple[Any, ...] | None
) -> None:
    app = addresses.parse(postcode, house_number)
    rasa = dialogue.parse(postcode, house_number)
    as_tuple = lambda a: (  # noqa: E731
        None if a is None else (a.postcode, a.huisnummer, a.huisletter, a.huisnummertoevoeging)
    )
    assert as_tuple(app) == as_tuple(rasa) == parts


@pytest.mark.parametrize(
    "answer", ["1011 ab 12", "1012ab, nr 7a", "27-3 postcode 1055 RT", "pc 1071 JD hnr 2-III"]
)
def test_what_the_form_reads_from_an_answer_always_splits(answer: str) -> None:
    postcode, number = find_postcode(answer), find_house_number(answer)
    assert dialogue.parse(postcode, number) is not None
    assert addresses.parse(postcode, number) is not None


def doc(number: int, letter: str | None = None, addition: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "type": "adres",
        "postcode": "1011AB",
        "huisnummer": number,
        "nummeraanduiding_id": f"03632000000{number:05d}",
        "adresseerbaarobject_id": f"03630100000{number:05d}",
    }
    if letter:
        found["huisletter"] = letter
    if addition:
        found["huisnummertoevoeging"] = addition
    return found


STREET = [doc(10), doc(10, "A"), doc(10, "A", "2"), doc(12, addition="III"), doc(14, "B")]


@pytest.mark.parametrize(
    ("house_number", "match"),
    [
        ("10", doc(10)),
        ("10a", doc(10, "A")),
        ("10A-2", doc(10, "A", "2")),
        ("12-iii", doc(12, addition="III")),
        ("14-b", doc(14, "B")),  # a letter written as an addition is the same home
        ("10-3", None),  # no such addition
        ("14", None),  # only 14B exists: not the tenant's home, ask again
        ("11", None),
    ],
)
def test_only_the_document_of_exactly_that_home_matches(
    house_number: str, match: dict[str, Any] | None
) -> None:
    address = dialogue.parse("1011 AB", house_number)
    assert address is not None
    assert matching_doc(STREET, address) == match


def test_a_document_of_another_kind_or_postcode_never_matches() -> None:
    address = dialogue.parse("1011 AB", "10")
    assert address is not None
    assert matching_doc([doc(10) | {"type": "weg"}], address) is None
    assert matching_doc([doc(10) | {"postcode": "1012AB"}], address) is None
    assert matching_doc([doc(10) | {"postcode": "1011 AB", "huisnummer": "10"}], address)


def test_a_first_miss_empties_the_address_so_the_form_asks_again() -> None:
    assert after_check(NOT_FOUND, None, None) == {
        "postcode": None,
        "house_number": None,
        "address_check": ASKED_AGAIN,
    }


def test_a_second_miss_is_accepted_as_written() -> None:
    assert after_check(NOT_FOUND, None, ASKED_AGAIN) == {
        "address_check": NOT_FOUND,
        "bag_nummeraanduiding_id": None,
        "bag_adresseerbaarobject_id": None,
    }


@pytest.mark.parametrize("earlier", [None, ASKED_AGAIN])
def test_a_found_home_keeps_the_address_and_gets_its_ids(earlier: str | None) -> None:
    assert after_check(FOUND, doc(10), earlier) == {
        "address_check": FOUND,
        "bag_nummeraanduiding_id": "0363200000000010",
        "bag_adresseerbaarobject_id": "0363010000000010",
        "house_number": "10",
    }


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("14-b", "14B"),  # the register's letter, not an addition
        ("10a-2", "10A-2"),
        ("12-iii", "12-III"),  # the register's spelling of the addition
        ("10", "10"),
    ],
)
def test_a_found_home_keeps_the_house_number_in_the_registers_parts(
    written: str, kept: str
) -> None:
    address = dialogue.parse("1011 AB", written)
    assert address is not None
    found = matching_doc(STREET, address)
    assert found is not None
    slots = after_check(FOUND, found, None)
    assert slots["house_number"] == kept
    parts = addresses.parse("1011 AB", kept)
    assert parts is not None
    assert (parts.huisletter, parts.huisnummertoevoeging) == (
        found.get("huisletter"),
        found.get("huisnummertoevoeging"),
    )


@pytest.mark.parametrize("earlier", [None, ASKED_AGAIN])
def test_an_unreachable_register_never_asks_again(earlier: str | None) -> None:
    slots = after_check(UNCHECKED, None, earlier)
    assert slots["address_check"] == UNCHECKED
    assert "postcode" not in slots


@pytest.mark.parametrize(
    ("details", "line"),
    [
        ({"postcode": "1011AB", "huisnummer": "12"}, "1011 AB 12"),
        (
            {"postcode": "1011AB", "huisnummer": "10", "huisletter": "A",
             "huisnummertoevoeging": "2", "address_check": "found"},
            "1011 AB 10A-2",
        ),
        (
            {"postcode": "1011AB", "huisnummer": "99", "address_check": "not_found"},
            "1011 AB 99 (niet gevonden in de BAG)",
        ),
        ({"postcode": "1011AB", "huisnummer": "12", "address_check": "unchecked"}, "1011 AB 12"),
        ({"postcode": "1011 AB", "house_number": "7a"}, "1011 AB 7A"),  # a case from before
        ({"postcode": "1011 AB", "house_number": "12 bis b"}, "1011 AB 12 bis b"),  # as written
        ({"postcode": "1011 AB"}, "1011 AB"),
        ({"requested_employee": "Sanne de Vries"}, ""),
    ],
)  # fmt: skip
def test_the_desk_and_the_notification_show_the_address_and_whether_it_was_found(
    details: dict[str, str], line: str
) -> None:
    assert texts.address_line(details) == line
