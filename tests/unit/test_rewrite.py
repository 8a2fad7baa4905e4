"""The first-to-second-person rewrite behind "Dus als ik het goed begrijp …"."""

import pytest

from rasa_project.actions.dialogue.rewrite import to_second_person


@pytest.mark.parametrize(
    ("tenant", "summary"),
    [
        ("mijn kraan lekt", "uw kraan lekt"),
        ("Mijn kraan in de keuken lekt al een week.", "uw kraan in de keuken lekt al een week"),
        ("ik heb een huurachterstand", "u hebt een huurachterstand"),
        ("Ik ben mijn baan kwijt", "u bent uw baan kwijt"),
        ("ik kan de huur niet betalen", "u kunt de huur niet betalen"),
        ("ik wil een betalingsregeling", "u wilt een betalingsregeling"),
        ("ik woon op de derde verdieping", "u woont op de derde verdieping"),
        ("ik vind het vervelend", "u vindt het vervelend"),
        ("sinds gisteren heb ik geen warm water", "sinds gisteren hebt u geen warm water"),
        ("kan ik een regeling krijgen?", "u vraagt of u een regeling kunt krijgen"),
        ("de buren vallen me steeds lastig", "de buren vallen u steeds lastig"),
        ("wij hebben last van onze bovenburen", "u hebt last van uw bovenburen"),
        ("Hallo, mijn wc is verstopt!", "uw wc is verstopt"),
        ("m'n deur klemt", "uw deur klemt"),
        ("de monteur heeft mij niet gebeld", "de monteur heeft u niet gebeld"),
        ("ik ook niet", "u ook niet"),
        ("ik ben 3 maanden achter met de huur", "u bent 3 maanden achter met de huur"),
        ("mijn buurman maakt veel lawaai", "uw buurman maakt veel lawaai"),
        (
            "wij willen verhuizen naar een kleinere woning",
            "u wilt verhuizen naar een kleinere woning",
        ),
        ("ik heb al drie keer gebeld", "u hebt al drie keer gebeld"),
        (
            "ik zoek een woning voor mij en mijn kinderen",
            "u zoekt een woning voor u en uw kinderen",
        ),
        ("ik wil mijn huur opzeggen", "u wilt uw huur opzeggen"),
        ("mijn moeder is overleden", "uw moeder is overleden"),
        ("ik moet de huur later betalen", "u moet de huur later betalen"),
        ("ik zal volgende week betalen", "u zult volgende week betalen"),
        ("ik mag toch een schutting plaatsen?", "u mag toch een schutting plaatsen"),
        ("ik ga volgende maand verhuizen", "u gaat volgende maand verhuizen"),
        ("ik doe dat al jaren zo", "u doet dat al jaren zo"),
        ("ik kom voor een sollicitatiegesprek", "u komt voor een sollicitatiegesprek"),
        ("ik snap de brief niet", "u snapt de brief niet"),
        ("onze douche is kapot", "uw douche is kapot"),
        ("ik weet niet wat ik moet doen", "u weet niet wat u moet doen"),
        ("ik zit zonder warm water", "u zit zonder warm water"),
        ("ik begrijp het niet", "u begrijpt het niet"),
    ],
)
def test_rewrite_speaks_to_the_tenant(tenant: str, summary: str) -> None:
    assert to_second_person(tenant) == summary
