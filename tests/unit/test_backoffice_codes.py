"""The table that maps a tenant's words onto VERA's codes (domain/data/vera_defects.yml), the
address parts, and the wording of a repair's state."""

import pytest
import yaml

from handoff import texts
from handoff.domain.addresses import Address, parse
from handoff.domain.backoffice import OTHER, REQUEST_STATUSES, Defect, _codes, defect_of
from handoff.paths import PROJECT_ROOT

CONTRACT = yaml.safe_load((PROJECT_ROOT / "tests" / "fakes" / "vera_contract.yaml").read_text())
SCHEMAS = CONTRACT["components"]["schemas"]
VERA_LOCATIONS = set(SCHEMAS["Defectlocatie"]["properties"]["code"]["enum"])
VERA_KINDS = set(SCHEMAS["Defectsoort"]["properties"]["code"]["enum"])


def test_every_code_in_the_table_is_one_of_veras() -> None:
    assert set(_codes().locations.values()) <= VERA_LOCATIONS
    assert {code for _, code in _codes().kinds} <= VERA_KINDS
    assert OTHER in VERA_LOCATIONS
    assert OTHER in VERA_KINDS


# Written for this test, not taken from the training data: how tenants say it, summarised.
@pytest.mark.parametrize(
    ("summary", "location", "thing", "expected"),
    [
        ("uw kraan in de keuken lekt al een week", None, None, Defect("KEU", "LEK")),
        ("het toilet is verstopt sinds gisteren", None, None, Defect("TOI", "VS0")),
        ("er zit schimmel op het plafond", "in de badkamer", None, Defect("BAD", "SCH")),
        ("uw cv-ketel doet het niet", "meterkast", "cv-ketel", Defect("TRI", "STO")),
        ("de balkondeur klemt", None, None, Defect("BAL", "KLE")),
        ("het licht in het trappenhuis is kapot", None, None, Defect("POR", "VWE")),
        ("de voordeur sluit niet meer", "hal", None, Defect("HAL", "SLU")),
        ("u ruikt gas bij het fornuis in de keuken", None, None, Defect("KEU", "GAS")),
        ("er lekt water door het dakraam", "zolder", None, Defect("ZOL", "LEK")),
        ("er lopen muizen in de kelder", None, None, Defect("KEL", "MUI")),
        ("de deurbel is stuk", None, None, Defect(OTHER, "DEF")),
        ("u wilt iets vragen over uw woning", None, None, Defect(OTHER, OTHER)),
        # "lekker" is no leak, "halen" no hall
        ("u wilt de lekkere taart komen halen", None, None, Defect(OTHER, OTHER)),
    ],
)
def test_a_repairs_words_give_its_codes(
    summary: str, location: str | None, thing: str | None, expected: Defect
) -> None:
    assert defect_of(summary, location, thing) == expected


@pytest.mark.parametrize(
    ("postcode", "house_number", "expected"),
    [
        ("1234 ab", "10", Address("1234AB", 10)),
        ("1234AB", "10A-2", Address("1234AB", 10, "A", "2")),
        ("1234 AB", "10 a", Address("1234AB", 10, "A")),
        ("1234 AB", "10 bis", Address("1234AB", 10, None, "bis")),
        ("1234 AB", "10-III", Address("1234AB", 10, None, "III")),
        ("1234 AB", "221B", Address("1234AB", 221, "B")),
        ("0123 AB", "1", None),  # no Dutch postcode starts with 0
        ("1234 AB", "0", None),
        ("1234 AB", "liever niet", None),
        (None, "10", None),
    ],
)
def test_addresses_split_into_the_registers_parts(
    postcode: str | None, house_number: str | None, expected: Address | None
) -> None:
    found = parse(postcode, house_number)
    assert found == expected
    if found is not None:  # and what a case keeps reads back the same
        assert Address.from_parts(found.parts()) == found
        assert (
            Address.from_parts({"postcode": postcode or "", "house_number": house_number or ""})
            == found
        )


def test_every_status_of_a_request_is_said_in_plain_dutch() -> None:
    assert set(texts.REPAIR_STATUSES) == set(REQUEST_STATUSES)
    assert (
        texts.repair_status("OV1", "BEO")
        == "Uw reparatieverzoek OV1: De technische dienst bekijkt het."
    )
    assert (
        texts.repair_status(None, "XYZ") == "Uw reparatieverzoek: " + texts.REPAIR_STATUS_UNKNOWN
    )
