"""The first-to-second-person rewrite behind "Dus als ik het goed begrijp …"."""

import pytest

from rasa_project.actions.dialogue.lexicon import Kind, Verb, u_form, verb
from rasa_project.actions.dialogue.rewrite import restated, to_second_person


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


@pytest.mark.parametrize(
    ("tenant", "summary"),
    [
        # The read-backs that went wrong before the rewrite knew Dutch verbs (issue 11).
        (
            "ik bel dat ik over mijn schimmel contact opneem",
            "u belt dat u over uw schimmel contact opneemt",
        ),
        (
            "de cv-ketel en de e-mail en het 2-persoonsbed",
            "de cv-ketel en de e-mail en het 2-persoonsbed",
        ),
        ("bij ons in de badkamer lekt het", "bij u in de badkamer lekt het"),
        ("ik voel me niet veilig", "u voelt zich niet veilig"),
        ("ik zou graag verhuizen", "u zou graag verhuizen"),
        ("omdat ik mijn baan kwijt ben", "omdat u uw baan kwijt bent"),
        # Agreement: after inversion, at the end of a subordinate clause, "want" keeps main order.
        ("daarom bel ik terug", "daarom belt u terug"),
        ("ik weet niet of ik mag blijven", "u weet niet of u mag blijven"),
        (
            "als ik de kachel aanzet, slaat de stroom af",
            "als u de kachel aanzet, slaat de stroom af",
        ),
        ("ik bel want ik heb geen stroom", "u belt want u hebt geen stroom"),
        ("ik kan en ik zal betalen", "u kunt en u zult betalen"),
        ("als ik bel neemt niemand op", "als u belt neemt niemand op"),
        ("ik werk 's nachts", "u werkt 's nachts"),
        # Reflexives, "ons" as object or possessive, "we".
        ("ik maak me zorgen", "u maakt zich zorgen"),
        ("wij schamen ons", "u schaamt zich"),
        ("help ons", "help u"),
        ("ons dak lekt en onze deur klemt", "uw dak lekt en uw deur klemt"),
        ("we woonden in Zwolle en we hadden een tuin", "u woonde in Zwolle en u had een tuin"),
        # Questions.
        ("heb je een nummer voor mij?", "u vraagt of wij een nummer voor u hebben"),
        ("wanneer komt de schilder langs?", "u vraagt wanneer de schilder langskomt"),
        # "jullie" is the corporation, as the bot says it.
        ("ik heb jullie al gemaild", "u hebt ons al gemaild"),
        # Kept exactly: numbers, times, phone numbers, postcodes, names, quoted words.
        (
            "Mijn huur is 3,5% hoger, bel 06-12345678 na 10:30",
            "uw huur is 3,5% hoger, bel 06-12345678 na 10:30",
        ),
        ("ik woon op Kerkweg 4, 1234 AB Ede", "u woont op Kerkweg 4, 1234 AB Ede"),
        ("Karin van Dijk heeft mij gebeld", "Karin van Dijk heeft u gebeld"),
        ('op het briefje staat "ik kom morgen"', 'op het briefje staat "ik kom morgen"'),
        ("Mijn deur klemt. Ik kan er niet in.", "uw deur klemt. U kunt er niet in"),
    ],
)
def test_rewrite_follows_dutch_grammar(tenant: str, summary: str) -> None:
    assert to_second_person(tenant) == summary


@pytest.mark.parametrize(
    "tenant",
    [
        "Can you help me in English",  # not Dutch
        "Merhaba, evimde su kaçağı var",
        "kunt u dat even nakijken, u weet er meer van",  # spoken to us outside a plain question
        " ".join(["mijn kraan lekt en"] * 8),  # too long to restate with confidence
    ],
)
def test_what_cannot_be_restated_is_read_back_as_the_tenants_own_words(tenant: str) -> None:
    assert restated(tenant) is None
    assert to_second_person(tenant) == f'u schreef "{" ".join(tenant.split())}"'


def test_the_lexicon_knows_the_u_forms() -> None:
    forms = {"zijn": "bent", "hebben": "hebt", "kunnen": "kunt", "zullen": "zult"}
    forms |= {"mogen": "mag", "wonen": "woont", "opnemen": "opneemt", "douchen": "doucht"}
    forms |= {"vinden": "vindt", "zitten": "zit", "verhuizen": "verhuist"}
    assert {infinitive: u_form(infinitive) for infinitive in forms} == forms
    assert verb("zou") == Verb(Kind.PAST, "zullen")
    assert verb("terugbel") == Verb(Kind.STEM, "terugbellen")
    assert verb("kraan") is None
