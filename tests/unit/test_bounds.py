"""Values fitted to their columns: names and reasons cut kindly, errors without their data."""

import pytest

from handoff.domain.handoff_request import HandoffRequest, InvalidHandoff
from handoff.domain.text_rules import shorten
from handoff.services.intake import error_kind


def test_shorten_keeps_short_text_and_cuts_long_text_after_a_word() -> None:
    assert shorten("  Marieke \n van Dam ", 100) == "Marieke van Dam"
    cut = shorten("Marieke " + "van " * 80 + "Dam", 100)
    assert len(cut) <= 100
    assert cut.endswith("van…")
    assert shorten("x" * 300, 50) == "x" * 49 + "…"


def test_a_topic_longer_than_an_intent_name_is_refused() -> None:
    with pytest.raises(InvalidHandoff):
        HandoffRequest.from_payload({"topic": "t" * 65, "summary": "kraan lekt"})


def test_an_error_kind_leaves_out_the_statement_and_its_parameters() -> None:
    error = ValueError("value too long\n[SQL: INSERT …]\n[parameters: ('Marieke',)]")
    assert error_kind(error) == "ValueError: value too long"
    assert len(error_kind(ValueError("x" * 2000))) == 500
