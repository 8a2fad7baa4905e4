"""Personal data is masked before anyone reviews a tenant's message."""

import re
from re import _constants, _parser  # type: ignore[attr-defined]  # re's private modules

import pytest

from handoff.domain import privacy
from handoff.domain.privacy import MAX_LENGTH, group_key, mask, masking_work

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


@pytest.mark.parametrize(
    ("text", "masked"),
    [  # security review #10
        ("NL91ABNA0417164300", "[iban]"),
        ("BSN 123456782", "BSN [bsn]"),
        ("mijn buurman Henk Pietersen", "mijn buurman [naam]"),
        ("geboren 12-03-1961, ik heb kanker", "geboren [geboortedatum], ik heb [gezondheid]"),
        ("NL91ABNA0417164301", "[iban]"),  # a Dutch IBAN with a typo is still one
        ("BE71096123456760", "BE71096123456760"),  # not an IBAN: the checksum fails
        ("123456789", "123456789"),  # not a BSN: the 11-proef fails
        ("afspraak op 12-03-2025", "afspraak op 12-03-2025"),  # an appointment, not a birth
    ],
)
def test_the_reviews_examples_are_masked(text: str, masked: str) -> None:
    assert mask(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [  # the development set's kinds of misses, in other words
        ("mijn buurman koen jansen maakt herrie", "mijn buurman [naam] maakt herrie"),
        ("mijn zoon mehmet heeft een woning nodig", "mijn zoon [naam] heeft een woning nodig"),
        ("m'n ex sandra belt steeds", "m'n ex [naam] belt steeds"),
        (
            "De vorige huurder, Anna de Groot, had een hond",
            "De vorige huurder, [naam], had een hond",
        ),
        ("Fatma Yilmaz (onderbuurvrouw) klaagt", "[naam] (onderbuurvrouw) klaagt"),
        ("last van Kevin en z'n vrienden", "last van [naam] en z'n vrienden"),
        ("Marco van 3 hoog rookt", "[naam] van 3 hoog rookt"),
        ("Kees Brouwer heeft de bel vernield", "[naam] heeft de bel vernield"),
        ("nummer: 0646 12 34 56", "nummer: [telefoon]"),
        ("nr. 0031-(0)20-6789012", "nr. [telefoon]"),
        ("mail j.jansen [at] ziggo [dot] nl", "mail [e-mail]"),
        ("geboren 02 / 11 / 1985", "geboren [geboortedatum]"),
        ("geboortedatum 1985-11-02", "geboortedatum [geboortedatum]"),
        ("bsn nr 1234.56.782", "bsn nr [bsn]"),
        ("Hof van 't Kruis 4 lekt", "[adres] lekt"),
        ("Mgr. van Roosmalenplein 3 lekt", "[adres] lekt"),
    ],
)
def test_more_forms_of_personal_data_are_masked(text: str, masked: str) -> None:
    assert mask(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [  # names without a cue, found by the first names of first_names.txt
        ("ik heb Floor Lindqvist gisteren gesproken", "ik heb [naam] gisteren gesproken"),
        ("Yasmina belde vanochtend over de lift", "[naam] belde vanochtend over de lift"),
        ("afspraak met Hatice Ben Salah om 10 uur", "afspraak met [naam] om 10 uur"),
        ("Ilse-Marie de Bruijn heeft de sleutel", "[naam] heeft de sleutel"),
        ("graag contact met Chiamaka Okafor", "graag contact met [naam]"),
        ("de sleutel ligt bij Ewa, zij woont hier", "de sleutel ligt bij [naam], zij woont hier"),
        ("gisteren kwam Ilse langs", "gisteren kwam [naam] langs"),
        ("ik heb lucas meulenbelt gebeld", "ik heb [naam] gebeld"),
        ("met johanna van der heijden afgesproken", "met [naam] afgesproken"),
        ("ik sprak yasmina wojcik", "ik sprak [naam]"),
        ("Mark Obradovic zegt dat het lekt", "[naam] zegt dat het lekt"),
        ("een gesprek met Floor van HR", "een gesprek met [naam] van HR"),
    ],
)
def test_names_without_a_cue_are_masked(text: str, masked: str) -> None:
    assert mask(text, DIRECTORY_NAMES) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [  # the third development set's kinds of misses (issue 12), in other words
        ("Goedemiddag, met Joke. Mijn kraan lekt", "Goedemiddag, met [naam]. Mijn kraan lekt"),
        ("met Tjitske hier, de bel is stuk", "met [naam] hier, de bel is stuk"),
        ("Alvast bedankt, Hennie Zwart", "Alvast bedankt, [naam]"),
        ("ter attentie van t.n.v. B. Soerjoesing", "ter attentie van t.n.v. [naam]"),
        ("Sanna en ik willen samenwonen", "[naam] en ik willen samenwonen"),
        ("Ruben en Esther Bos klagen ook", "[naam] en [naam] klagen ook"),
        ("de conciërge, Ilhan, heeft een sleutel", "de conciërge, [naam], heeft een sleutel"),
        ("ik heb Tesfaye Gebre gebeld", "ik heb [naam] gebeld"),
        ("mijn zus woont op Pastoor van Arsstraat 6", "mijn zus woont op [adres]"),
        ("de buurvrouw op Pastoor van Arsstraat 6", "de buurvrouw op [adres]"),
        ("mevrouw De Graaf belt", "mevrouw [naam] belt"),
        ("+48 501 234 567 / 06 4839 2017", "[telefoon] / [telefoon]"),
        ("ik heb een blaasontsteking", "ik heb een [gezondheid]"),
        (
            "na zijn heupoperatie kan hij niet traplopen",
            "na zijn [gezondheid] kan hij niet traplopen",
        ),
        ("mijn moeder is geopereerd", "mijn moeder is [gezondheid]"),
    ],
)
def test_the_third_development_sets_forms_are_masked(text: str, masked: str) -> None:
    assert mask(text, DIRECTORY_NAMES) == masked


@pytest.mark.parametrize(
    "text",
    [  # the cues of the third development set, where they name no one
        "Met Vriendelijke Groet",
        "Hallo, met de lekkage gaat het slechter",
        "met Albert Heijn gebeld over de karren",
        "Dank U wel voor de hulp",
        "Hartelijk dank, tot morgen",
        "Blok C. De lift is kapot",
        "N.B. Let op de trap",
        "De woningcooperatie belt terug",
        "de monteur Zaterdag komt niet",
    ],
)
def test_the_new_cues_leave_what_names_no_one(text: str) -> None:
    assert mask(text, DIRECTORY_NAMES) == text


@pytest.mark.parametrize(
    "text",
    [  # first names that are words too, or a first name next to what is no name
        "Mark de plek waar het lekt",
        "Roos de kamer",
        "Wil u even bellen",
        "Wil U mij terugbellen",
        "Dan is het klaar",
        "Ben je morgen thuis",
        "Max 2 weken wachten is te lang",
        "Prima Service van de monteur",
        "April is een drukke maand",
        "Elke dag lekt het dak",
        "Toon maar even de foto",
        "Juli komt de schilder",
        "Hoop dat het snel wordt opgelost",
        "Berg de fietsen op in de schuur",
        "Dag meneer, de lamp is kapot",
        "Kerst is voorbij en de verwarming doet het nog niet",
        "Zon schijnt fel op de ramen",
        "Bo is klein maar de tuin is groot",
        "Lieve groet en alvast bedankt",
        "bij Albert Heijn ligt afval",
        "een baan bij de albert heijn",
        "de Prins Hendrikstraat is afgesloten",
        "ik woon al jaren in Axel",
        "mijn Mercedes staat voor de deur",
        "op 12 Jan 2024 is de ketel vervangen",
        "de mark is al lang geen munt meer",
        "ik wil niet dat jan en alleman in de gang komt",
        "ik heb mark gezet op de plek van het lek",
        "kan ik met mark praten",  # "mark" is a Dutch word: a lowercase name alone needs more
        "Vrijdag komt de loodgieter",
        "Rose wijn gemorst op het tapijt",
    ],
)
def test_words_that_are_first_names_too_stay(text: str) -> None:
    assert mask(text, DIRECTORY_NAMES) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [  # the kinds of misses of the two former blind sets and pii_dev4.yml, in other words
        ("Adwoa zegt dat de bel kapot is", "[naam] zegt dat de bel kapot is"),
        ("ik heb het aan Tewodros gevraagd", "ik heb het aan [naam] gevraagd"),
        ("ik heb Roos gebeld over de sleutel", "ik heb [naam] gebeld over de sleutel"),
        ("mag ik met lieke praten", "mag ik met [naam] praten"),
        ("heb met hatice afgesproken", "heb met [naam] afgesproken"),
        ("ik ben dirk, van de benedenwoning", "ik ben [naam], van de benedenwoning"),
        ("mustafa van boven boort weer", "[naam] van boven boort weer"),
        ("jevgeni heeft de sleutel", "[naam] heeft de sleutel"),
        ("abeba girma en haar zoon zijn verhuisd", "[naam] en haar zoon zijn verhuisd"),
        ("Joanna hier, de goot lekt", "[naam] hier, de goot lekt"),
        ("volgens dr. Mahabier is het vocht", "volgens dr. [naam] is het vocht"),
        ("mijn neef Edwin Lie A Kwie helpt", "mijn neef [naam] helpt"),
        ("Familie Tjong-A-Hung klaagt ook", "Familie [naam] klaagt ook"),
        ("ik sprak met Samir el-Idrissi", "ik sprak met [naam]"),
        ("mijn zwager Zhang Mei woont hier", "mijn zwager [naam] woont hier"),
        ("Rekeninghouder: Ho Jun Wei", "Rekeninghouder: [naam]"),
        ("Marie-Claire van boven is boos", "[naam] van boven is boos"),
        ("Hanna Tesfaye van Humanitas belt", "[naam] van Humanitas belt"),
        ("meneer van der wal komt", "meneer [naam] komt"),
        (
            "Kinderen: Ayoub (03-01-2013), Hiba (21-6-2016)",
            "Kinderen: [naam] ([geboortedatum]), [naam] ([geboortedatum])",
        ),
        ("zij is aan haar schouder geopereerd", "zij is [gezondheid]"),
        ("hij heeft een nieuwe heup", "hij heeft [gezondheid]"),
        ("ik heb mijn pols gebroken", "ik heb [gezondheid]"),
        ("mijn zoon heeft rugklachten", "mijn zoon heeft [gezondheid]"),
        ("ik ben hoogzwanger", "ik ben [gezondheid]"),
        ("hij loopt met krukken", "hij loopt met [gezondheid]"),
        ("zij heeft eczeem en psoriasis", "zij heeft [gezondheid] en [gezondheid]"),
        ("ze is slecht ter been", "ze is [gezondheid]"),
        ("ik ben pas bevallen", "ik ben pas [gezondheid]"),
        ("mijn knie doet pijn van de trap", "[gezondheid] van de trap"),
        ("hij heeft de ziekte van Parkinson", "hij heeft de [gezondheid]"),
        ("het syndroom van Down", "het [gezondheid]"),
        ("ze is allergisch voor katten", "ze is [gezondheid]"),
        ("ik heb een verstandelijke beperking", "ik heb een [gezondheid]"),
        ("ik ben 8 maanden in verwachting", "ik ben 8 maanden [gezondheid]"),
        ("afhankelijk van zuurstof", "[gezondheid]"),
        ("ik heb MS en ben moe", "ik heb [gezondheid] en ben moe"),
        ("mijn vader is ziek", "mijn vader is [gezondheid]"),
        ("ik heb een knieprothese", "ik heb een [gezondheid]"),
        ("Wij zijn Kwame en Efua Mensah", "Wij zijn [naam]"),
        ("bel mijn vrouw: 06-38291047 (Samira)", "bel mijn vrouw: [telefoon] ([naam])"),
        ("Goedemorgen, met Chen Wei uit flat 4.", "Goedemorgen, met [naam] uit flat 4."),
        ("naam s. ramdin", "naam [naam]"),
        ("Bas en Roos van nummer 3 maken herrie", "[naam] van nummer [huisnummer] maken herrie"),
        ("Met vriendelijke groet,\n\nJ.W. van der Meulen", "Met vriendelijke groet, [naam]"),
        ("Met vriendelijke groeten,\n\nFam. Oosterhuis", "Met vriendelijke groeten, Fam. [naam]"),
        ("Hoogachtend,\nPieter Zwart", "Hoogachtend, [naam]"),
        ("Mijn naam is Dan de Groot, ik huur", "Mijn naam is [naam], ik huur"),
        ("my name is Dawit Tesfamariam, I live", "my name is [naam], I live"),
        ("tel 010 - 414 27 83 vragen naar Joke", "tel [telefoon] vragen naar [naam]"),
        ("Postcode en huisnummer: 9711GB 3", "Postcode en huisnummer: [postcode] [huisnummer]"),
        ("Groet J. Mulder, Zuiderdiep 102", "Groet [naam], [adres]"),
        ("ik ben abdi en mijn moeder is ziek", "ik ben [naam] en mijn moeder is [gezondheid]"),
        ("een licht verstandelijke beperking", "een [gezondheid]"),
        ("hij zit in een rolstoel", "hij zit [gezondheid]"),
        ("een psychiatrische opname", "een [gezondheid]"),
        ("ik heb slaapapneu", "ik heb [gezondheid]"),
        ("ik woon 's-Gravelandseweg 12", "ik woon [adres]"),
        ("op de 3e Hugo de Grootstraat 7-2", "op de [adres]"),
        ("ik woon op Achter de Wal 3", "ik woon op [adres]"),
        ("Boven de Poort 4, 1011 AB", "[adres], [postcode]"),
        ("Dorpsstraat 12 2hg", "[adres]"),
        ("Kerkweg 9 1-hoog", "[adres]"),
        ("mijn mail is p punt jansen at ziggo punt nl", "mijn mail is [e-mail]"),
    ],
)
def test_the_former_blind_sets_kinds_are_masked(text: str, masked: str) -> None:
    assert mask(text, DIRECTORY_NAMES) == masked


@pytest.mark.parametrize(
    "text",
    [  # where those cues name no one: companies, compounds, bodies without what befell them
        "Vattenfall zegt dat de storing bij jullie ligt",
        "Wijkbeheer zei dat het vrijdag klaar is",
        "ik heb het aan Klantenservice gevraagd",
        "heb met Dela gebeld over de polis",
        "ik heb Reparaties gebeld",
        "ik heb met Ziggo afgesproken",
        "Albert Heijn heeft de karren laten staan",
        "zei de man van Reparaties",
        "nummer 3 en 4 van mijn lijst",
        "lamp nummer 5 van de 8 lampen",
        "Onderhoud hier, we komen morgen",
        "de deur doet het niet meer",
        "ik ben ziek van de herrie",
        "Als ik bel, neemt niemand op",
        "In afwachting van uw antwoord",
        "ik ben in verwachting van uw reactie",
        "we zijn al weken aan het wachten",
        "de bakker op de hoek",
        "Mijn naam wijzigen graag",
        "ik ben blij en mijn moeder ook",
        "ik wil vragen naar de stand van zaken",
        "de buren hebben een nieuwe keuken gekregen",
        "de ruit is gebroken door de storm",
        "de nieuwe hand van de klok",
        "er is een leidingbreuk in de kelder",
        "de woning is me goed bevallen",
        "ik woon op de derde verdieping",
        "ik ben verhuisd naar Utrecht",
        "Sinds Pasen 2024 is de lift kapot",
        "ik heb de aannemer gebeld",
        "kan ik met iemand van Onderhoud praten",
        "kun je mijn rekening bij de ing blokkeren",
        "de Dr. Lelylaan is afgesloten",
    ],
)
def test_what_those_cues_leave_stays(text: str) -> None:
    assert mask(text, DIRECTORY_NAMES) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [  # the fifth and sixth former blind sets' kinds of misses, in other words
        ("de kraan druppelt\n\nGroetjes\nMelissa", "de kraan druppelt Groetjes [naam]"),
        ("de kraan druppelt.\nMelissa\n0612345678", "de kraan druppelt. [naam] [telefoon]"),
        ("wie komt er kijken? - Priya", "wie komt er kijken? - [naam]"),
        ("stuur het naar mijn mail. Yasmina", "stuur het naar mijn mail. [naam]"),
        ("naam: Efua Boateng\ntelefoon: 0612345678", "naam: [naam] telefoon: [telefoon]"),
        ("graag terugstorten tnv P.J. de Bruin", "graag terugstorten tnv [naam]"),
        (
            "op rekening NL91ABNA0417164300 ten name van K. van Dijk",
            "op rekening [iban] ten name van [naam]",
        ),
        (
            "de buurman, Dhr. Kowalski, rookt in de lift",
            "de buurman, Dhr. [naam], rookt in de lift",
        ),
        ("mijn opa Teun van 't Veld woont alleen", "mijn opa [naam] woont alleen"),
        ("Thanks, Siobhan O'Brien", "Thanks, [naam]"),
        ("voornaam Hibaaq.", "voornaam [naam]."),
        ("اسمي سارة خليل وأسكن هنا", "اسمي [naam] وأسكن هنا"),
        ("Benim adım Elif Şahin, kombi bozuk", "Benim adım [naam], kombi bozuk"),
        (
            "ik weet niet hoe ze heten, volgens mij heten ze Brouwer",
            "ik weet niet hoe ze heten, volgens mij heten ze Brouwer",
        ),
        ("ik denk dat ze Brouwer heten", "ik denk dat ze [naam] heten"),
        ("vraag het aan Gert-Jan, die weet het", "vraag het aan [naam], die weet het"),
        (
            "na de operatie aan haar heup kan ze niet traplopen",
            "na de [gezondheid] kan ze niet traplopen",
        ),
        ("hij heeft een alcoholprobleem", "hij heeft een [gezondheid]"),
        ("mijn vrouw is chronisch ziek", "mijn vrouw is [gezondheid]"),
        ("mijn vader hoort slecht, bel dus niet", "mijn vader hoort slecht, bel dus niet"),
        ("bel niet want ik hoor slecht", "bel niet want ik [gezondheid]"),
        ("zij heeft diabetes type 1", "zij heeft [gezondheid]"),
        ("annem şeker hastası", "annem [gezondheid]"),
        ("moja córka jest w ciąży", "moja córka jest [gezondheid]"),
        ("he has lung problems", "he has [gezondheid]"),
        # and the seventh's
        (
            "mijn vader ligt sinds zondag in het ziekenhuis",
            "mijn vader ligt sinds zondag [gezondheid]",
        ),
        ("zij is opgenomen in de psychiatrie", "zij is opgenomen [gezondheid]"),
        ("hij ligt op de IC", "hij ligt [gezondheid]"),
        ("mijn broer is verslaafd aan gokken", "mijn broer is [gezondheid]"),
        ("ik heb last van migraine-aanvallen", "ik heb last van [gezondheid]"),
        ("zij is licht verstandelijk beperkt", "zij is [gezondheid]"),
        ("door mijn MS kan ik niet traplopen", "door mijn [gezondheid] kan ik niet traplopen"),
        ("adres: Lindelaan 7 tweehoog", "adres: [adres]"),
        ("ik woon op de Meidoornlaan 12, 2 hoog", "ik woon op de [adres]"),
        ("mijn kamer is Parkweg 3 kamer 2.14", "mijn kamer is [adres]"),
        ("ik woon aan de Wolfsbergen 12", "ik woon aan de [adres]"),
        ("Adres Kerkeveld 8, de bel doet het niet", "Adres [adres], de bel doet het niet"),
        ("mail me at noor.haddad@mail-box.nl", "mail me at [e-mail]"),
        ("Kind regards,\nOwen Fletcher", "Kind regards, [naam]"),
        ("Dziękuję, Katarzyna Nowak", "Dziękuję, [naam]"),
        ("شكرا، ليلى حسن", "شكرا، [naam]"),
        ("De kraan lekt. Met groet, Wil", "De kraan lekt. Met groet, [naam]"),
        ("ik (Joost van 't Zand) huur hier", "ik ([naam]) huur hier"),
        ("Wanneer komt u? Marieke, Dorpsstraat 3", "Wanneer komt u? [naam], [adres]"),
    ],
)
def test_the_later_blind_sets_kinds_are_masked(text: str, masked: str) -> None:
    assert mask(text, DIRECTORY_NAMES) == masked


@pytest.mark.parametrize(
    "text",
    [  # where those rules name no one
        "Hallo,\nVolgende week ben ik er niet",
        "Met vriendelijke groet,\nDe huurders van blok 4",
        "komt er familie logeren in de vakantie?",
        "the light on the 2nd floor has been broken for days",
        "you can reach me in the evening",
        "the repair was done on Monday",
        "Ne zaman gelecek?",
        "wij wonen in de Rozenflat en een bewoner van de Rozenflat klaagt",
        "de lamp is kapot.\nBedankt",
        "de kraan lekt.\nUtrecht",
        "ik werk in het ziekenhuis",
        "de sleutel ligt in het winkelcentrum",
        "het pakketje ligt in het centrum",
        "de sleutel ligt in de tuin",
        "de monteur van Feenstra komt dinsdag",
        "de aannemer (Bouwbedrijf Van Wijk) is klaar",
        "Groeten, Bewonerscommissie De Linde",
        "Groetjes namens de bewoners van blok C",
    ],
)
def test_what_the_later_rules_leave_stays(text: str) -> None:
    assert mask(text, DIRECTORY_NAMES) == " ".join(text.split())


def test_the_directorys_names_are_masked_as_before() -> None:
    """The employees' and the tenant's names come first, whole or in part, in any case: also
    the ones that no list of first names has."""
    assert mask("is dawit er, of tekle", ["Dawit Tekle"]) == "is [naam] er, of [naam]"
    assert mask("is Fatima el Amrani er", DIRECTORY_NAMES) == "is [naam] er"


@pytest.mark.parametrize(
    "text",
    [
        "U kunt mijn zoon bellen op dat nummer",
        "mijn zoon betaalt de huur voor mij",
        "mijn vader overleed vorig jaar en nu wil ik het contract",
        "mijn vriend ophalen kan niet",
        "mijn buurman rookt wiet op het balkon",
        "de man boven mij maakt herrie",
        "een man liep door het portiek",
        "mijn zoon zaterdag komt de sleutel halen",
        "Iemand van de overkant heeft de ruit ingegooid",
        "Jongeren en hun scooters staan in de gang",
        "De Jumbo van hiernaast laat karren staan",
        "Ons Huis en zijn medewerkers zijn slecht bereikbaar",
        "Groot Onderhoud start volgende week",
        "Klantcontact zei dat ik terug gebeld zou worden",
        "de vraag gaat over nummer 4 van het rapport",
        "de afspraak is op 2024-06-23",
        "de flat is in 1968 - 1970 gebouwd",
    ],
)
def test_what_only_looks_like_personal_data_stays(text: str) -> None:
    assert mask(text) == text


def test_the_matcher_cannot_backtrack() -> None:
    """Every regex of the masking repeats possessively or a bounded number of times: none can
    go back over what it read (security review #1)."""
    patterns = [v for v in vars(privacy).values() if isinstance(v, re.Pattern)]
    assert len(patterns) >= 10
    for pattern in patterns:
        _no_backtracking(_parser.parse(pattern.pattern), pattern.pattern)


def _no_backtracking(pattern: _parser.SubPattern, source: str) -> None:
    for op, av in pattern:
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
            _low, high, inner = av
            assert high != _constants.MAXREPEAT, f"unbounded repeat in {source}"
            assert high <= 64, f"unbounded repeat in {source}"
            _no_backtracking(inner, source)
        elif op is _constants.POSSESSIVE_REPEAT:
            _no_backtracking(av[2], source)
        elif op is _constants.SUBPATTERN:
            _no_backtracking(av[3], source)
        elif op is _constants.BRANCH:
            for branch in av[1]:
                _no_backtracking(branch, source)
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            _no_backtracking(av[1], source)
        else:
            assert op not in (_constants.GROUPREF, _constants.GROUPREF_EXISTS), source


STEPS_PER_TOKEN = 200
ADVERSARIAL = [
    "a-" * 131_072,  # the input that froze the app (security review #1)
    "kraan huur overlast" + " " * 990 + "a-" * 131_000,
    "0" * 262_144,
    "06 " * 87_381,
    "1-" * 131_072,
    "a." * 131_000 + "@",
    "a@" * 131_072,
    "a @ b. " * 43_690,
    "Kerkstraat " * 23_831,
    "mevrouw " * 32_768,
    "van " * 65_536,
    "NL91 " * 52_428,
    "1234 AB " * 32_768,
    "[a](b) " * 37_449,
    "12 maart " * 29_127,
    "Piotr Kowalski " * 17_476,
    "Aa Bb Cc Dd " * 21_845,
    "mijn neef glenn " * 16_384,
    "1979-06-" * 32_768,
    "21 - 12 - " * 26_214,
    "x (at) y (dot) " * 17_476,
    "Oude Kijk in 't " * 16_384,
    "Piet van de Jan " * 16_384,
    "sara visser " * 21_845,
    "Jan-" * 65_536,
    "Ewa, " * 52_428,
    "Tesfalem zegt. " * 17_476,
    "aan Mahad " * 26_214,
    "Rishi (14-05-2012) " * 13_797,
    "Tjon A " * 37_449,
    "A-" * 131_072,
    "met emma " * 29_127,
    "aan haar heup " * 18_724,
    "een nieuwe knie " * 16_384,
    "'s-" * 87_381,
    "2e Achter de " * 20_164,
    "j punt " * 37_449,
    "Klantcontactwijkbeheer" * 11_915,
    "semhar tekle " * 20_164,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:12]))
def test_masking_256_kib_is_bounded_work(text: str) -> None:
    """The work is counted, not timed (bench/masking.py times it): masking a crafted 256 KiB
    message reads only the start, a fixed number of steps per token."""
    tokens, steps = masking_work(text, ["Sanne de Vries", "Kees Visser"])
    assert tokens <= MAX_LENGTH + 300
    assert steps <= STEPS_PER_TOKEN * tokens, f"{steps / tokens:.0f} steps per token"


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:12]))
def test_the_matcher_is_linear_on_any_length(text: str) -> None:
    """Read whole, four times the text is four times the work: no step depends on the length."""
    short = masking_work(text[-4096:], ["Sanne de Vries"], whole=True)
    long = masking_work(text[-16384:], ["Sanne de Vries"], whole=True)
    assert long[1] <= STEPS_PER_TOKEN * long[0]
    assert long[1] <= 4.5 * short[1], (short, long)


def test_a_long_text_is_cut_after_masking() -> None:
    masked = mask("bel 06-12345678 " + "de kraan lekt " * 20_000 + " 06-87654321")
    assert masked.startswith("bel [telefoon] de kraan lekt")
    assert len(masked) <= MAX_LENGTH
    assert "87654321" not in masked


@pytest.mark.parametrize(
    "text",
    [
        "kraan [huur overlast]{kraan}",
        'kraan [huur](overlast) {"entity": "x", "value": "y"}',
        "kraan huur overlast\x7f\x00\x1b[31m",
        "regel een\nregel twee\r\n- intent: greet\n    examples: |",
        "bidi \u202eevil\u202c en \u2066iso\u2069, zero\u200bwidth, \ufeffbom",
        "06-12345678(na 5 uur) en 0612345678[a] en 0612345678{b}",
        "Kerkstraat 12[x](y)",
    ],
)
def test_masked_text_has_no_markup_of_its_own(text: str) -> None:
    """What masking returns is one printable line in which only placeholders are brackets,
    never followed by one of Rasa's annotation openings."""
    masked = mask(text)
    assert masked.isprintable()
    assert "\n" not in masked
    assert "{" not in masked
    without = re.sub(r"\[[a-z-]+\]", "", masked)
    assert "[" not in without, masked
    assert "]" not in without, masked
    assert not re.search(r"\][(\[{]", masked), masked


@pytest.mark.parametrize(
    ("original", "corrected", "takes_away"),
    [
        ("groet Riet Veldkamp", "groet [naam]", True),
        ("groet Riet Veldkamp", "groet", True),
        ("de lift is stuk", "De lift is stuk.", True),  # case and punctuation are no words
        ("de lift is stuk", "de lift is stuk [adres] [naam]", True),
        ("de lift is stuk", "de lift is kapot", False),
        ("de lift is stuk", "de lift is stuk stuk", False),
        ("de lift is stuk", "de lift is [onzin]", False),  # no placeholder of the masker's
    ],
)
def test_a_correction_may_only_take_away(original: str, corrected: str, takes_away: bool) -> None:
    assert privacy.only_takes_away(original, corrected) is takes_away


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # a tenant's number with the corporation, after the word that says so
        ("mijn huurdernummer is 310477, klopt dat?", "mijn huurdernummer is [klantnummer], klopt"),
        ("Contractnr: VH-2020-118 graag", "Contractnr: [klantnummer] graag"),
        ("ik ben mijn klantnummer kwijt", "ik ben mijn klantnummer kwijt"),
        # a phone number in words
        ("bel nul zes een twee drie vier vijf zes zeven acht", "bel [telefoon]"),
        ("er waren nul of twee lampen kapot", "er waren nul of twee lampen kapot"),
        # a number without its street is no one's address, unless someone lives there
        ("de buren op nummer 9 maken herrie", "de buren op nummer 9 maken herrie"),
        ("wij wonen op nummer 9", "wij wonen op nummer [huisnummer]"),
        ("Thijs van nummer 9 heeft de sleutel", "[naam] van nummer [huisnummer] heeft"),
        ("de huurder op nr 9 is verhuisd", "de huurder op nr [huisnummer] is verhuisd"),
        # additions and the address after a name
        ("ik woon op de Vlierstraat 7 bus 4", "ik woon op de [adres]"),
        ("Groet, H. Koster, Meidoorn 14", "Groet, [naam], [adres]"),
        # firms, workplaces, streets named after someone: no one's name
        ("Schildersbedrijf Dekker komt dinsdag", "Schildersbedrijf Dekker komt dinsdag"),
        ("meneer van de klantenservice belde", "meneer van de klantenservice belde"),
        ("het Willem de Zwijgerplein is afgesloten", "het Willem de Zwijgerplein is afgesloten"),
        ("bij Sietske de Haan in de Spoorstraat lekt het", "bij [naam] "),  # a person in it
        # an aid nobody named uses is no health detail; a named one's is
        ("er woont een mevrouw met een rollator", "er woont een mevrouw met een rollator"),
        ("mijn moeder heeft een rollator", "mijn moeder heeft een [gezondheid]"),
        # health in more words and languages
        ("hij heeft Korsakov", "hij heeft [gezondheid]"),
        ("she has anxiety attacks at night", "she has [gezondheid] at night"),
        ("mama jest w szpitalu", "mama jest [gezondheid]"),
        ("ik ben al drie weken ziek", "ik ben al drie weken [gezondheid]"),
        ("zijn vader is overleden in het hospice", "is overleden [gezondheid]"),
        # a lowercase first name signing the message
        ("de deur klemt nog steeds. femke", "de deur klemt nog steeds. [naam]"),
        ("Hi, can I pay later? — Oksana", "Hi, can I pay later? — [naam]"),
    ],
)
def test_the_eighth_rounds_rules(text: str, masked: str) -> None:
    assert masked in mask(text)
