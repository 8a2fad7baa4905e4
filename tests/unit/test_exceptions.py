"""Recognising a payment arrangement longer than the usual six months."""

import pytest

from rasa_project.actions.dialogue.exceptions import asks_for_exception, months_asked


@pytest.mark.parametrize(
    ("text", "exception"),
    [
        ("kan ik het in 12 maanden terugbetalen", True),
        ("ik wil een regeling van een jaar", True),
        ("mag ik het over anderhalf jaar verdelen", True),
        ("twaalf maanden betalen graag", True),
        ("ik kan over 2 jaar alles betalen", True),
        ("een betalingsregeling van 6 maanden", False),
        ("ik wil het in drie maanden betalen", False),
        ("ik heb een huurachterstand van 2 maanden", False),
        ("kan ik een betalingsregeling krijgen", False),
        ("mag het in een half jaar", False),
    ],
)
def test_long_arrangement_is_an_exception_request(text: str, exception: bool) -> None:
    assert asks_for_exception(text) is exception


def test_periods_are_read_in_months() -> None:
    assert months_asked("3 maanden of anderhalf jaar, of 1,5 jr") == [3, 18, 18]
