"""Personal data is masked before anyone reviews a tenant's message."""

import pytest

from handoff.domain.privacy import group_key, mask

DIRECTORY_NAMES = ["Sanne de Vries", "Fatima el Amrani", "Kees Visser"]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("mail me op j.jansen+huur@gmail.com", "mail me op [e-mail]"),
        ("bel mij op 06-12345678 aub", "bel mij op [telefoon] aub"),
        ("mijn nummer is +31 6 1234 5678", "mijn nummer is [telefoon]"),
        ("tel 020 123 4567", "tel [telefoon]"),
        ("ik woon op 1012 AB 7a", "ik woon op [postcode] [huisnummer]"),
        ("postcode 1012ab, nr 12", "postcode [postcode] [huisnummer]"),
        ("Kerkstraat 12-II lekt", "[adres] lekt"),
        ("huisnummer 44 heeft overlast", "huisnummer [huisnummer] heeft overlast"),
        ("kan ik sanne de vries spreken", "kan ik [naam] spreken"),
        ("is mevrouw De Vries er", "is mevrouw [naam] er"),
        ("ik had Fatima aan de lijn", "ik had [naam] aan de lijn"),
        ("mijn naam is Aysel Kaya", "mijn naam is [naam]"),
        ("de kraan lekt al 3 dagen", "de kraan lekt al 3 dagen"),  # nothing personal
    ],
)
def test_personal_data_is_masked(text: str, masked: str) -> None:
    assert mask(text, [*DIRECTORY_NAMES, "Aysel Kaya"]) == masked


def test_near_identical_messages_share_a_group() -> None:
    assert group_key("Mijn kraan lekt!") == group_key("mijn kraan lekt")
    assert group_key("lekt mijn kraan") == group_key("mijn kraan lekt.")
    assert group_key("mijn kraan lekt") != group_key("mijn dak lekt")
    assert group_key("ik woon op [postcode]") == group_key("Ik woon op [postcode]!")
