"""The app's own net for emergencies the assistant cannot judge (Rasa or its actions down)."""

import pytest

from handoff.domain.emergency import sounds_like_emergency


@pytest.mark.parametrize(
    "text",
    [
        "Ik ruik gas bij de meterkast",
        "er hangt een gaslucht in het trappenhuis",
        "Brand in de schuur!!",
        "de rookmelder gaat af en er is rook in de keuken",
        "onze CO-melder piept constant",
        "koolmonoxidemelder gaat af",
        "het water loopt door het plafond naar beneden",
        "het plafond stort in in de slaapkamer",
        "de kelder staat onder water",
        "de stroom is weg en mijn moeder ligt aan de zuurstof apparatuur",
        "ik ben buitengesloten en mijn zoontje ligt binnen te slapen",
        "vonken uit het stopcontact",
        "I smell gas in my flat",
    ],
)
def test_danger_is_heard(text: str) -> None:
    assert sounds_like_emergency(text)


@pytest.mark.parametrize(
    "text",
    [
        "mijn gasrekening is veel te hoog",
        "de kraan in de badkamer druppelt",
        "ik wil mijn huur opzeggen",
        "er zit een vlek op het plafond",
        "wanneer komt de schilder?",
        "ik ben mijn sleutel kwijt",
    ],
)
def test_everyday_needs_are_not_emergencies(text: str) -> None:
    assert not sounds_like_emergency(text)


def test_a_huge_text_is_read_only_at_its_start() -> None:
    assert not sounds_like_emergency("a" * 100_000 + " gas")
