"""Masking personal data before a tenant's message is shown for review or kept as training data.

Masks phone numbers, e-mail addresses, IBANs (checksum), BSNs (11-proef), birth dates,
postcodes with house numbers, street addresses, house numbers after "nummer", health details
from a small lexicon, and names: the ones the caller passes (the directory's employees and the
tenant's own, masked everywhere) and anyone's name after a title ("mevrouw De Boer"), a
relation or role ("mijn buurman Piet Jansen", "mijn neef glenn doelwijt", "de vorige huurder,
Gerrit van Dam"), an introduction ("mijn naam is ...", "hoi, met Joke."), a greeting, sign-off
or thanks ("Groet, Ans", "Hartelijk dank, Tineke Zwart") or initials ("M. Tahiri"); or before
what shows it is a name ("Hüseyin Kaya (bovenbuurman)", "Youssef en zn vrienden", "Truus van de
overkant", "Piotr Kowalski boort", "Lisa en ik"); two uncommon capitalised words after a verb
of people ("heeft Dawit Tekle gebeld"); and a known first name without a cue
(data/first_names.txt, from Faker's and gender-guesser's lists: "ik heb Piet Jansen gesproken",
"Sara belde", "met Mohamed El Idrissi", "met Ewa gesproken", lowercase "sara visser" when
"visser" is no common Dutch word of data/common_words.txt; alone after "met"/"aan": "met emma
praten"); and a word no list has where only a person fits ("Tesfalem zegt", "aan Mahad
gevraagd", "Marek hier,", "Rishi (14-05-2012)"), unless it is a company's or a compound of
Dutch words ("Klantcontact zei"). Health details told in phrases ("aan haar heup geopereerd")
go too. What is left is what the message was about. tests/unit/test_pii_corpus.py measures
it (docs/privacy.md has the figures).

How, in time linear in the text and bounded by MAX_LENGTH:

1. The text is cut, NFKC-normalised and cleaned: control and format characters (NUL, bidi
   controls, zero-width spaces) go, any whitespace becomes a space, brackets and braces become
   parentheses. The placeholders are then the only brackets, so no masked text can read as
   Rasa's entity syntax (`[x](entity)`, `[x]{...}`).
2. One regex splits the text into tokens: runs of letters and digits, runs of whitespace, and
   single other characters. It uses only possessive quantifiers, so it cannot backtrack.
3. At each token the recognisers are tried in order; each sees at most WINDOW tokens from where
   it starts (the `_Scan` returns nothing beyond), so the work per token is bounded.
   `masking_work` counts it for the tests.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources

from stdnum import iban as _iban
from stdnum.nl import bsn as _bsn

EMAIL = "[e-mail]"
PHONE = "[telefoon]"
POSTCODE = "[postcode]"
ADDRESS = "[adres]"
NUMBER = "[huisnummer]"
NAME = "[naam]"
IBAN = "[iban]"
BSN = "[bsn]"
BIRTH_DATE = "[geboortedatum]"
HEALTH = "[gezondheid]"
CUSTOMER = "[klantnummer]"  # a tenant's number with the corporation: contract, customer…
PLACEHOLDERS = (
    NAME, POSTCODE, NUMBER, ADDRESS, PHONE, EMAIL, IBAN, BSN, BIRTH_DATE, HEALTH, CUSTOMER,
)  # fmt: skip

MAX_LENGTH = 1000  # characters of the text that are masked and kept; Rasa reads no more either
WINDOW = 32  # tokens a recogniser may look at, from the token where it starts
_SLACK = 300  # characters read past MAX_LENGTH, so that what starts before the cut is seen whole
BIRTH_YEARS_BEFORE = 2010  # a full date before this year is a birth date, not an appointment
_CUE_REACH = 6  # tokens after a cue ("geboren", "bsn", "postcode") in which it counts

_TOKEN = re.compile(r"[^\W_]++|\s++|.", re.DOTALL)
_WORDS = re.compile(r"\[[a-z-]++\]|[^\W_]++")
_HOUSE_NUMBER = re.compile(r"[0-9]{1,5}[A-Za-z]{0,3}")
_NUMBER_SUFFIX = re.compile(r"[0-9]{1,3}|[A-Za-z]{1,4}")
_POSTCODE_JOINED = re.compile(r"[1-9][0-9]{3}([A-Za-z]{2})")
_POSTCODE_DIGITS = re.compile(r"[1-9][0-9]{3}")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_IBAN_START = re.compile(r"[A-Za-z]{2}[0-9]{2}[A-Za-z0-9]{0,30}")
_NL_IBAN = re.compile(r"NL[0-9]{2}[A-Z]{4}[0-9]{10}")  # the Dutch form, even with a typo
_DAY = re.compile(r"([0-9]{1,2})([a-z]{0,3})")  # "12", "12e", "1ste", "3de"
_DAY_ENDINGS = ("", "e", "ste", "de")

_ROUND = str.maketrans("[]{}", "()()")
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _word_list(name: str) -> frozenset[str]:
    """A list in handoff/domain/data/ (scripts/build_name_list.py writes them): one word a
    line, lines starting with "#" are its header."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


# First names from Faker's lists of many locales, less Dutch words and places; and common
# Dutch words, less surnames' words ("bakker"), that tell "sara visser" from "sara woont".
_FIRST_NAMES = _word_list("first_names.txt")
_COMMON_WORDS = _word_list("common_words.txt")
# First names that are English (or Turkish) words, read as names in lower case only with a
# cue: "the third floor has been", "you can reach me", "the rose garden", "ne zaman".
# fmt: off
_FOREIGN_WORDS = frozenset((
    "floor", "can", "will", "may", "bill", "mark", "rose", "hope", "grace", "joy", "dawn", "guy",
    "ray", "pat", "rob", "art", "jack", "june", "april", "august", "faith", "chase", "rich",
    "miles", "wade", "drew", "ward", "dean", "lane", "gene", "sky", "summer", "autumn", "river",
    "penny", "holly", "ivy", "iris", "daisy", "lily", "amber", "ruby", "pearl", "crystal",
    "hazel", "heather", "sandy", "cliff", "dale", "glen", "frank", "earl", "king", "prince",
    "duke", "major", "honey", "mercy", "sunny", "storm", "bob", "sue", "don", "ken", "hunter",
    "carter", "mason", "cooper", "parker", "taylor", "tanner", "page", "paige", "brook", "reed",
    "rocky", "rusty", "sterling", "melody", "harmony", "destiny", "ben", "said", "nick", "done",
    "zaman", "deniz", "umut", "su", "ay", "nur", "tamir", "just",
))
# fmt: on
_SHOP_NAMES = frozenset(("heijn", "linders", "anders"))  # Albert Heijn, Jan Linders, Hans Anders
# Companies, brands and bodies that tenants name where a person could stand ("Vattenfall zegt",
# "met Dela gebeld"): no name without a cue, even when they are no Dutch word.
# fmt: off
_ORGANISATIONS = frozenset((
    "vattenfall", "eneco", "essent", "stedin", "liander", "enexis", "greenchoice", "engie",
    "vandebron", "ziggo", "kpn", "odido", "vodafone", "vitens", "evides", "waternet", "dunea",
    "oasen", "gamma", "praxis", "karwei", "hornbach", "ikea",
    "jumbo", "lidl", "aldi", "hema", "action", "kruidvat", "etos", "blokker", "coolblue", "bol",
    "dela", "postnl", "dhl", "gls", "ggd", "uwv", "svb", "cjib", "duo", "belastingdienst",
    "toeslagen", "politie", "woonbond", "philips", "bosch", "samsung", "siemens", "miele",
    "remeha", "nefit", "vaillant", "intergas", "atag", "daalderop", "itho", "honeywell", "nemef",
    "google", "whatsapp", "facebook", "instagram", "netflix", "apple", "iphone", "android",
    "mercedes", "volkswagen", "toyota", "ns", "ret", "gvb", "htm", "arriva", "qbuzz",
    "connexxion", "vestia", "ymere", "portaal", "mitros", "havensteder", "woonstad",
    "stadgenoot", "rochdale", "woonbron", "lefier", "zayaz", "woonzorg", "vve", "tzerra",
    "calenta", "kidde", "hekatron", "marktplaats", "thuisbezorgd", "picnic",
))
# fmt: on
# Words that a name follows after a colon, as on a form ("Rekeninghouder: ...").
_HOLDERS = frozenset(
    (
        "rekeninghouder",
        "tenaamstelling",
        "aanvrager",
        "medeaanvrager",
        "huurder",
        "medehuurder",
        "bewoner",
        "bewoners",
        "gezinsleden",
        "kinderen",
        "kind",
        "partner",
        "contactpersoon",
        "ondertekend",
        "ondergetekende",
        "afzender",
        "getuige",
        "naam",
    )
)
_LONGEST_NAME_WORD = 30  # letters; a longer word is read as no name, and in bounded time
_SEPARABLE = ("af", "door", "op", "uit", "aan", "mee", "na", "terug", "toe", "over", "in", "bij")
_HAVE = frozenset(("heb", "heeft", "hebben", "had", "hadden"))
# Participles whose object is a person: "heb Roos gevraagd", "heeft Tesfay gebeld".
_PERSON_OBJECT = frozenset(
    (
        "gevraagd",
        "gebeld",
        "gesproken",
        "gemaild",
        "geappt",
        "verteld",
        "gezien",
        "geholpen",
        "ontmoet",
        "uitgenodigd",
        "opgebeld",
        "teruggebeld",
        "gewaarschuwd",
    )
)
# Verbs of talking to someone after "met"/"aan"/"tegen" and the name ("met Sophie praten").
_TALKING = frozenset(
    (
        "praten",
        "spreken",
        "bellen",
        "afspreken",
        "overleggen",
        "gevraagd",
        "gezegd",
        "verteld",
        "gegeven",
        "gemaild",
        "geappt",
        "gebeld",
        "gesproken",
        "afgesproken",
        "doorgegeven",
        "uitgelegd",
        "laten",
        "vragen",
        "zeggen",
        "geven",
        "vertellen",
        "doorgeven",
    )
)
# Finite verbs that a person does rather than a company: after an unknown capitalised word at
# the start of a sentence they show it is a name ("Tesfalem zegt").
_PEOPLE_VERBS = frozenset(
    (
        "zegt",
        "zei",
        "vroeg",
        "vraagt",
        "woont",
        "woonde",
        "rookt",
        "schreeuwt",
        "schreeuwde",
        "klaagt",
        "klaagde",
        "huilt",
        "huilde",
        "vindt",
        "vond",
        "denkt",
        "dacht",
        "weet",
        "wist",
        "boort",
        "speelt",
        "speelde",
        "slaapt",
        "blijft",
        "loopt",
        "liep",
        "kwam",
        "komt",
    )
)
_PHONE_SEPARATORS = frozenset(" -./()")
# A phone number written in words: "nul zes, vier zeven, twee een …".
_DIGIT_WORDS = frozenset((
    "nul", "een", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen",
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
))  # fmt: skip
_SPELLED_PHONE_DIGITS = 8  # a Dutch number has ten; fewer in words is a number of things
_SERVICE_NUMBERS = ("0800", "0900", "0906", "0909")
_EMAIL_LOCAL_MARKS = frozenset(".-_+'")
_EMAIL_AT = frozenset({"at", "apenstaartje"})
_EMAIL_DOT = frozenset({"punt", "dot"})

# fmt: off
_PARTICLES = frozenset((
    "de", "van", "der", "den", "el", "al", "ter", "ten", "te", "het", "t", "'s", "la", "le", "du",
    "da", "di", "von", "op", "in", "ben", "bin", "abu",
))
_TITLES = frozenset((
    "meneer", "mevrouw", "mevr", "mvr", "mw", "dhr", "heer", "juffrouw", "mr", "mrs", "mevrouwtje",
    "familie", "fam", "dr", "drs", "ir", "ing", "prof",
))
# Titles of learning: what follows is a name unless it is a street ("Dr. Lelylaan").
_ACADEMIC_TITLES = frozenset(("dr", "drs", "ir", "ing", "prof"))
# "My name is" in the languages tenants write besides Dutch: Arabic "اسمي", Turkish "adım",
# Polish "nazywam się", Ukrainian "мене звати", Russian "меня зовут", German "ich heiße",
# French "je m'appelle". The name follows.
_INTRODUCTIONS = frozenset(("اسمي", "adım", "się", "звати", "зовут", "heiße", "heisse", "appelle"))
_RELATIONS = frozenset((  # and roles: "de vorige huurder, Gerrit van Dam"
    "buurman", "buurvrouw", "buren", "buurjongen", "buurmeisje", "buurkinderen", "zoon", "dochter",
    "man", "vrouw", "vriend", "vriendin", "partner", "echtgenoot", "echtgenote", "moeder", "vader",
    "broer", "zus", "zuster", "zwager", "schoonzus", "schoonzoon", "schoondochter", "schoonmoeder",
    "schoonvader", "oom", "tante", "neef", "nicht", "opa", "oma", "kleinzoon", "kleindochter",
    "stiefzoon", "stiefdochter", "huisgenoot", "kind", "collega", "begeleider", "mantelzorger",
    "bewindvoerder", "huisarts", "dokter", "huisgenote", "kamergenoot", "ex", "zwagerin",
    "schoonbroer", "stiefvader", "stiefmoeder", "pleegzoon", "pleegdochter", "pleegkind",
    "kleinkind", "neefje", "nichtje", "broertje", "zusje", "zoontje", "dochtertje", "vriendje",
    "vriendinnetje", "huurder", "onderhuurder", "medehuurder", "verzorger", "verzorgster",
    "contactpersoon", "voogd", "mentor", "bewoner", "bewoonster", "conciërge", "huismeester",
    "beheerder", "wijkbeheerder", "wijkagent", "klusjesman", "monteur", "loodgieter", "opzichter",
    "aannemer", "consulent", "woonconsulent", "verpleegkundige", "wijkverpleegkundige",
    "buurtbemiddelaar", "hulpverlener", "jongerenwerker", "thuiszorgmedewerker",
    # English, Polish, Ukrainian, Turkish
    "father", "mother", "son", "daughter", "husband", "wife", "brother", "sister", "neighbour",
    "neighbor", "syn", "córka", "mąż", "żona", "син", "дочка", "донька", "чоловік", "дружина",
    "oğlum", "kızım", "annem", "babam", "kocam", "eşim",
))
# Where the people work whom a tenant calls "meneer van de balie", "mevrouw van de gemeente".
_WORKPLACES = frozenset((
    "balie", "receptie", "gemeente", "woningbouw", "corporatie", "woningcorporatie", "incasso",
    "verhuur", "administratie", "afdeling", "kantoor", "bank", "politie", "huurincasso",
))  # fmt: skip
_WORKPLACE_ENDINGS = ("service", "dienst", "team", "zorg", "vereniging", "commissie")
# Street endings no surname has (unlike "-dijk", "-veld", "-hoven").
_NO_SURNAME_STREETS = ("straat", "plein", "gracht", "singel", "steeg", "plantsoen")
# A name found with one of these in it is a person in a street ("Grietje de Boer in de
# Dorpsstraat"), not a street named after someone.
_WHERE = frozenset(("in", "op", "aan", "bij", "naar", "uit"))
# How the names of firms end: "Bouwbedrijf Jansen", "Adviesbureau Smit".
_FIRM_ENDINGS = ("bedrijf", "bedrijven", "bureau", "makelaardij", "installaties", "techniek")
# People in the plural, who start no street's name ("Bewoners van de Lindelaan 2 t/m 8").
_PEOPLE_WORDS = frozenset(("bewoners", "huurders", "mensen", "kinderen", "families", "gezinnen"))
# Who works for someone: "van" after them names a firm ("de monteur van Feenstra").
_ROLES = frozenset((
    "monteur", "aannemer", "loodgieter", "klusjesman", "opzichter", "huismeester", "beheerder",
    "wijkbeheerder", "consulent", "woonconsulent", "schilder", "elektricien", "schoonmaker",
))
# Relations after which a lowercase name is read too ("mijn neef glenn doelwijt"): one person,
# and a word that names no one in general. The generic ones need "mijn", "haar", ... before
# them ("mijn man emre", not "een man riep").
_LOWERCASE_RELATIONS = frozenset((
    "buurman", "buurvrouw", "buurjongen", "buurmeisje", "zoon", "dochter", "broer", "zus",
    "zwager", "zwagerin", "schoonzus", "schoonzoon", "schoondochter", "schoonmoeder",
    "schoonvader", "schoonbroer", "oom", "tante", "neef", "nicht", "neefje", "nichtje", "opa",
    "oma", "kleinzoon", "kleindochter", "stiefzoon", "stiefdochter", "stiefvader", "stiefmoeder",
    "pleegzoon", "pleegdochter", "huisgenoot", "huisgenote", "kamergenoot", "echtgenoot",
    "echtgenote", "moeder", "vader", "onderhuurder", "medehuurder", "broertje", "zusje",
    "zoontje", "dochtertje",
))
_GENERIC_RELATIONS = frozenset((
    "man", "vrouw", "vriend", "vriendin", "partner", "kind", "ex", "collega", "begeleider",
    "mantelzorger", "bewindvoerder", "vriendje", "vriendinnetje", "kleinkind", "pleegkind",
))
_ARTICLES = frozenset(("de", "het", "een", "die", "deze"))
_POSSESSIVES = frozenset(("mijn", "mn", "onze", "ons", "zijn", "zn", "haar", "uw", "je", "jouw"))
# Finite verbs that follow a name ("ayşe heeft", "Piotr Kowalski boort"); where a word is
# only probably one, a word of five letters or more that ends in -t counts too ("helpt").
_FINITE_VERBS = frozenset((
    "is", "was", "heeft", "had", "wil", "wilde", "kan", "kon", "moet", "moest", "mag", "mocht",
    "zal", "zou", "zei", "zegt", "komt", "kwam", "gaat", "ging", "doet", "deed", "ziet", "zag",
    "ligt", "lag", "zit", "zat", "staat", "stond", "loopt", "liep", "krijgt", "kreeg", "vindt",
    "vond", "weet", "wist", "belt", "belde", "woont", "woonde", "speelt", "speelde", "maakt",
    "maakte", "zet", "zette", "gooit", "gooide", "parkeert", "parkeerde", "schreeuwt",
    "schreeuwde", "geeft", "gaf", "neemt", "nam", "brengt", "bracht", "denkt", "dacht", "laat",
    "liet", "houdt", "hield", "hangt", "hing", "valt", "viel", "blijft", "bleef", "slaapt",
    "sliep", "spreekt", "sprak", "vraagt", "vroeg", "rookt", "boort", "blaft", "werkt", "helpt",
    "hielp", "betaalt", "betaalde", "klaagt", "klaagde", "stuurt", "stuurde", "hoort", "hoorde",
))
# Finite verbs that may follow an infinitive ("mijn vriend ophalen kan niet").
_AFTER_INFINITIVES = frozenset((
    "is", "was", "kan", "kon", "wil", "wilde", "mag", "mocht", "moet", "moest", "zal", "zou",
    "lukt", "lukte", "gaat", "ging", "duurt", "kost", "werkt", "helpt", "hoeft", "valt", "blijkt",
))
# Capitalised adjectives that start a sentence before a noun ("Groot Onderhoud start").
_ADJECTIVES = frozenset((
    "groot", "grote", "klein", "kleine", "zwart", "zwarte", "wit", "witte", "rood", "rode",
    "nat", "natte", "kapot", "kapotte", "hele", "heel", "gratis", "extra", "dringend",
    "dringende", "veel", "vieze", "vies", "koud", "koude", "warm", "warme", "slecht", "slechte",
    "goed", "goede", "jaarlijks", "jaarlijkse", "gemeenschappelijke", "centrale", "algemene",
))
# Lowercase words that are no name after a relation: when, where, how, and what else a
# relation is followed by ("mijn vader vorig jaar", "mijn zoon thuis").
_NOT_LOWERCASE_NAMES = frozenset((
    "tegenover", "naast", "onder", "achter", "af", "mee", "weg", "terug", "langs", "binnen",
    "buiten", "thuis", "alleen", "zelf", "samen", "steeds", "altijd", "nooit", "vaak", "soms",
    "weer", "net", "pas", "eerst", "later", "vroeger", "toch", "echt", "zeker", "misschien",
    "gewoon", "vandaag", "gisteren", "morgen", "gisteravond", "vanavond", "vanmorgen",
    "vanochtend", "vannacht", "vanmiddag", "straks", "zojuist", "laatst", "sinds", "tijdens",
    "door", "via", "per", "vanaf", "vanuit", "zo", "zoals", "ziek", "oud", "jong", "overleden",
    "dood", "vorig", "vorige", "volgende", "jaar", "week", "maand", "nacht", "avond", "ochtend",
    "middag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "weekend", "eigen", "oude", "nieuwe", "andere", "hele", "beide", "allebei", "veel", "weinig",
    "meer", "minder", "best", "meest", "licht", "dicht", "open", "kapot", "boos", "bang", "blij",
    "daarom", "erbij", "ermee", "erboven", "eronder", "hierboven", "hieronder", "daarboven",
    "daaronder", "daarnaast", "hiervoor", "daarvoor", "zich", "elkaar", "iemand", "niemand",
    "iedereen", "alles", "niets", "niks", "iets", "hoor", "oke", "ok", "welke", "waarom",
    "wanneer", "zowel", "enz", "etc", "ivm", "svp", "aub", "ajb", "tel", "mail", "email",
    "mobiel", "nummer", "adres", "inmiddels", "ondertussen", "intussen", "opnieuw", "nogmaals",
    "helaas", "gelukkig", "natuurlijk", "trouwens", "namelijk", "eigenlijk", "bijna", "ongeveer",
    "zowat", "precies", "bijvoorbeeld", "vanwege", "wegens", "noch", "ofwel", "enkel", "slechts",
    "vroeg", "laat", "lang", "kort", "hard", "zacht", "snel", "langzaam", "beter", "slecht",
    "goed", "mooi", "boven", "beneden", "hiernaast", "ernaast", "noord", "zuid", "oost", "west",
))
# Capitalised words that start a sentence without naming anyone ("Iemand van de overkant").
_NOT_CAPITALISED_NAMES = frozenset((
    "nieuw", "noord", "zuid", "oost", "west", "jongeren", "kinderen", "bewoners", "mensen",
    "huurders", "buren", "ouders", "jongens", "meiden", "hangjongeren", "bezoekers",
))
_AFTER_NO_NAME = frozenset((
    "de", "het", "een", "t", "in", "naar", "uit", "op", "deze", "die", "dat",
))
# What a person is "of" ("Truus van de overkant", "Jan van 3 hoog", "Els van nummer 12").
_NEARBY = frozenset((
    "overkant", "hiernaast", "ernaast", "naast", "boven", "beneden", "hierboven", "hieronder",
    "onder", "tegenover", "overzijde", "hoek", "nummer", "nr", "huisnummer", "galerij",
    "portiek", "verdieping", "achterkant", "voorkant", "buren", "bovenburen", "onderburen",
    "eerste", "tweede", "derde", "vierde", "begane", "bovenste", "onderste", "eind", "einde",
))
# fmt: on
_RELATION_ENDINGS = ("buurman", "buurvrouw", "buren", "buurjongen", "buurmeisje")
_SINGLE_RELATION_ENDINGS = ("buurman", "buurvrouw", "buurjongen", "buurmeisje")
# fmt: off
_CLOSINGS = frozenset((
    "groet", "groeten", "groetjes", "gr", "grt", "mvg", "mvgr", "vg", "hoogachtend",
    "regards", "sincerely", "pozdrawiam", "saygılarımla",
))
_OPENINGS = frozenset((
    "beste", "geachte", "hoi", "hallo", "hey",
))
# Greetings after which "met" introduces the writer, as on the phone ("Hallo, met Joke").
_GREETINGS = frozenset((
    "hoi", "hallo", "hey", "hee", "dag", "goedemorgen", "goedemiddag", "goedenavond", "morgen",
))
# Thanks that end a message before a name ("Hartelijk dank, Tineke Zwart").
_THANKS = frozenset((
    "dank", "bedankt", "thanks", "thx", "dziękuję", "teşekkürler", "дякую", "спасибо", "danki",
    "mahadsanid", "شكرا", "تشکر", "merci", "danke", "gracias", "obrigado",
))
# Words before a capitalised pair that show it names a person ("heeft Dawit Tekle gebeld").
_BEFORE_PEOPLE = frozenset((
    "met", "heeft", "heb", "had", "hebben", "volgens", "namens", "sprak", "belde", "zei", "en",
))
# fmt: on
# Words that follow a title or an introduction but are no name ("meneer zei", "ik heet nu").
# fmt: off
_NOT_NAMES = frozenset((
    "en", "of", "maar", "want", "dus", "dat", "die", "dit", "deze", "wat", "wie", "waar", "hoe",
    "als", "toen", "omdat", "is", "ben", "was", "waren", "zijn", "heb", "heeft", "had", "hebben",
    "wil", "wilde", "kan", "kon", "kunnen", "moet", "moest", "zal", "zou", "zei", "zegt", "komt",
    "kwam", "gaat", "ging", "belde", "belt", "zag", "ziet", "woont", "woonde", "weet", "wist",
    "vindt", "vond", "staat", "stond", "ligt", "lag", "doet", "deed", "krijgt", "kreeg", "ik",
    "je", "jij", "u", "hij", "zij", "ze", "we", "wij", "jullie", "mij", "me", "mijn", "uw", "zijn",
    "haar", "hun", "ons", "onze", "het", "een", "geen", "niet", "nog", "ook", "al", "wel", "nu",
    "dan", "hier", "daar", "er", "erg", "heel", "zeer", "graag", "even", "met", "voor", "bij",
    "uit", "aan", "over", "naar", "tot", "om", "na", "tegen", "zonder", "boven", "beneden",
    "ernaast", "hiernaast", "ja", "nee", "hoi", "hallo", "dag", "goedemorgen", "goedemiddag",
    "goedenavond", "dank", "bedankt", "sorry", "vriendelijke", "hartelijke", "namens",
))
# fmt: on
_STREET_ENDINGS = (
    "straat",
    "straatje",
    "laan",
    "laantje",
    "weg",
    "plein",
    "pleintje",
    "gracht",
    "kade",
    "singel",
    "dijk",
    "diep",
    "hof",
    "park",
    "steeg",
    "pad",
    "dreef",
    "markt",
    "erf",
    "veld",
    "ring",
    "baan",
    "dam",
    "wal",
    "haven",
    "plantsoen",
    "boulevard",
    "allee",
    "vaart",
    "veste",
    "poort",
    "brink",
    "weide",
    "akker",
    "oord",
)  # fmt: skip
# fmt: off
_BARE_STREETS = frozenset((
    "laan", "straat", "plein", "kade", "singel", "dreef", "weg", "hof", "park", "ring", "markt",
    "dijk", "gracht",
))
_STREET_PREFIXES = frozenset((
    "burgemeester", "prins", "prinses", "koning", "koningin", "sint", "st", "dokter", "dr",
    "professor", "prof", "generaal", "graaf", "gravin", "kapitein", "pastoor", "pater", "oude",
    "mgr", "monseigneur", "burg", "jhr", "jonkheer", "ir", "mr", "ds", "dominee", "kardinaal",
    "admiraal", "president", "hertog", "hertogin", "keizer", "keizerin", "kolonel", "majoor",
    "nieuwe", "korte", "lange", "hoge", "lage", "kleine", "grote", "eerste", "tweede", "derde",
))
_STREET_TITLES = frozenset((  # abbreviated, with a dot: "Mgr. Nolensplein", "Burg. Le Fèvre"
    "mgr", "burg", "dr", "prof", "st", "mr", "ir", "jhr", "ds", "gen", "kard", "pres", "past",
))
_NUMBER_SUFFIXES = frozenset((
    "bis", "hs", "huis", "boven", "beneden", "bg", "i", "ii", "iii", "iv", "zw", "rd",
))
# fmt: on
_NUMBER_WORDS = frozenset({"huisnummer", "huisnr", "nummer", "nr", "no"})
_OWN_HOME = frozenset(("mijn", "ons", "onze", "my", "our", "huurder", "huurster"))
# Who or what is at a number the message points at: "de buren op nummer 3", "de brievenbus
# van nr 14".
_OTHERS_AT = frozenset((
    "buren", "buurman", "buurvrouw", "buurjongen", "buurmeisje", "bewoners", "bewoner", "man",
    "vrouw", "meneer", "mevrouw", "jongen", "meisje", "gezin", "familie", "kinderen", "mensen",
    "brievenbus", "deur", "voordeur", "tuin", "balkon", "bel", "raam", "hond", "auto",
))  # fmt: skip
_ADDRESS_LABELS = frozenset(("adres", "woonadres", "postadres", "address"))
_FLOORS_IN_WORDS = frozenset(
    ("eenhoog", "tweehoog", "driehoog", "vierhoog", "vijfhoog", "zeshoog")
)
_ORDINAL = re.compile(r"[1-9][0-9]?(?:st|d)?e")  # "2e Oosterparkstraat", "1ste Jan Steenstraat"
_FLOOR = re.compile(r"[0-9]{1,2}(?:hg|hoog)")  # "74 3hg"
# Words of what a street without a street's ending may start with ("Achter de Molen").
_STREET_STARTS = frozenset(
    (
        "boven",
        "achter",
        "over",
        "onder",
        "aan",
        "bij",
        "in",
        "op",
        "voor",
        "tegen",
        "om",
        "na",
        "buiten",
        "binnen",
        "langs",
        "naast",
        "tussen",
        "het",
        "de",
        "oude",
        "nieuwe",
    )
)
# Verbs before "op", "aan", "naar" and an address.
_LIVING = frozenset(
    (
        "woon",
        "woont",
        "woonde",
        "wonen",
        "woonden",
        "verhuisd",
        "verhuis",
        "verhuizen",
        "verhuist",
        "verhuizing",
        "adres",
    )
)
# fmt: off
_BUILDINGS = frozenset((
    "flat", "portiek", "galerij", "blok", "complex", "gebouw", "straat", "laan", "woning", "rij",
    "hofje", "buurt", "wijk",
))
# fmt: on
# Two letters after four digits that are a word, not a postcode ("in 2023 is", "1500 km").
# fmt: off
_NOT_POSTCODE_LETTERS = frozenset((
    "en", "is", "op", "de", "in", "te", "al", "om", "of", "er", "ik", "je", "me", "we", "ze", "na",
    "nu", "zo", "ja", "ok", "he", "af", "by", "id", "pm", "am", "km", "cm", "mm", "kg", "mg", "ml",
    "cl", "dl", "mb", "gb", "kw", "uu", "eu", "nl",
))
_BIRTH_CUES = frozenset((
    "geboren", "geb", "geboortedatum", "geboortedag", "geboortejaar", "gebdatum", "verjaardag",
    "jarig",
))
# fmt: on
# fmt: off
_WEEKDAYS = frozenset((
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
))
# fmt: on
_BSN_CUES = frozenset({"bsn", "burgerservicenummer", "sofinummer", "sofi"})
# The numbers a corporation knows a tenant by; what follows the word is theirs.
_CUSTOMER_CUES = frozenset((
    "huurdernummer", "huurdernr", "klantnummer", "klantnr", "contractnummer", "contractnr",
    "huurnummer", "huurnr", "relatienummer", "relatienr", "huurcontractnummer",
    "debiteurnummer", "debiteurennummer", "dossiernummer", "verhuurnummer",
))  # fmt: skip
_POSTCODE_CUES = frozenset({"postcode"})
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
# Health details (a special category of personal data): conditions, aids and treatments.
# fmt: off
_HEALTH = frozenset((
    "astma", "copd", "adhd", "hiv", "aids", "chemo", "chemotherapie", "kanker", "tumor", "tumoren",
    "diabetes", "suikerziekte", "depressie", "depressief", "depressies", "dementie", "dement",
    "alzheimer", "parkinson", "epilepsie", "autisme", "autistisch", "burnout", "hernia", "reuma",
    "artrose", "psychose", "psychotisch", "schizofrenie", "schizofreen", "bipolair",
    "angststoornis", "paniekaanvallen", "verslaafd", "verslaving", "zwanger", "zwangerschap",
    "miskraam", "herseninfarct", "hartinfarct", "hartaanval", "beroerte", "hartfalen", "dialyse",
    "insuline", "rolstoel", "rollator", "scootmobiel", "slechtziend", "blind", "doof",
    "slechthorend", "gehandicapt", "invalide", "ptss", "longziekte", "bestraling", "bestralingen",
    "fibromyalgie", "ggz", "psychiater", "medicatie", "geopereerd", "eczeem", "migraine",
    "allergie", "allergieën", "allergisch", "astmatisch", "psoriasis", "jicht", "artritis",
    "incontinent", "incontinentie", "stoma", "gehoorapparaat", "krukken", "looprek",
    "bevalling", "kraamzorg", "fysiotherapie", "fysiotherapeut", "revalidatie", "revalideren",
    "revalideert", "mindervalide", "handicap", "chemokuur", "antidepressiva", "methadon",
    "rugpijn", "dwarslaesie", "amputatie", "geamputeerd", "rolstoelgebruiker",
    # More conditions, treatments and aids, as tenants name them (words that are ordinary
    # words too are in _CUED_HEALTH; the endings and beginnings below cover many others).
    "leukemie", "lymfoom", "tbc", "tuberculose", "hepatitis", "obesitas", "anorexia",
    "boulimia", "borderline", "dyslexie", "whiplash", "tinnitus", "doofheid", "blindheid",
    "slechtziendheid", "kortademig", "kortademigheid", "longfibrose", "colitis", "crohn",
    "katheter", "beademing", "thuisbeademing", "zuurstofapparaat", "zuurstoffles",
    "medicijnen", "morfine", "pijnstillers", "bloedverdunners", "slaapmiddelen", "insulinepomp",
    "hoorapparaat", "gehoorapparaten", "mantelzorgbehoevend", "verlamd", "halfzijdig",
    "spasmen", "spasme", "hartritmestoornissen", "bloeddruk", "hartklachten", "nierfalen",
    "palliatief", "palliatieve", "ongeneeslijk", "griep", "bronchitis", "kraamtijd",
    "slapeloosheid", "overspannen", "overspannenheid", "angststoornissen", "getraumatiseerd",
    "suïcidaal", "astmatische", "psychotische", "reumatische", "apneu", "slaapapneu", "cpap",
    "drankprobleem", "alcoholprobleem", "drugsprobleem", "alcoholist", "alcoholisme",
    "diabeet", "diabeten", "emfyseem", "longemfyseem", "lithium", "oxazepam", "diazepam",
    "ritalin", "antipsychotica", "heroïne", "afkicken", "afkickt", "afkickkliniek", "hamile",
    "felç", "ciąży", "حامل", "سكري", "ربو", "سرطان", "вагітна", "діабет", "cukrzyca",
    "cukrzycę", "niepełnosprawny", "niepełnosprawna", "engelli",
    "drugsverslaving", "alcoholverslaving", "hartafwijking", "hersenletsel", "hartpatiënt",
    "arbeidsongeschikt", "zelfmoordgedachten", "suïcidale", "tactus", "jellinek", "brijder",
    "paralysed", "paralyzed",
    # and in English, as tenants who write it name them
    "amputated", "amputation", "wheelchair", "pregnant", "pregnancy", "dementia", "cancer",
    "asthma", "diabetic", "disabled", "disability", "depression", "epileptic", "autistic",
    "chemotherapy", "dialysis", "stroke", "miscarriage",
    # pii_blind8's round: more conditions, and English ones
    "kraambed", "korsakov", "duchenne", "vergeetachtig", "macula", "maculadegeneratie",
    "ptsd", "dyslexia", "dyslexic", "anxiety", "autism", "depressed", "schizophrenia",
    "bipolar", "hiv-positive", "szpitalu", "szpital", "hastanede", "hastanesinde",
    "zwangerschapsverlof",
))
# Parts of the body, for what is told in phrases: "aan haar heup geopereerd", "een nieuwe knie
# gekregen", "mijn enkel gebroken".
_BODY_PARTS = frozenset((
    "heup", "heupen", "knie", "knieën", "rug", "schouder", "schouders", "enkel", "enkels", "pols",
    "polsen", "been", "benen", "arm", "armen", "nek", "voet", "voeten", "hand", "handen",
    "elleboog", "hart", "long", "longen", "nier", "nieren", "darm", "darmen", "maag", "teen",
    "tenen", "vinger", "vingers", "bekken", "wervel", "ruggengraat", "galblaas", "blindedarm",
    "oog", "ogen", "heupgewricht", "kniegewricht", "borst", "prostaat", "schildklier", "lever",
))
# What happened to a part of the body ("heup geopereerd", "gebroken pols").
_BODY_AFTER = frozenset((
    "geopereerd", "gebroken", "gekneusd", "verstuikt", "ontstoken", "geamputeerd", "verlamd",
))
_BODY_EVENTS = _BODY_AFTER | {"operatie", "ingreep"}  # "de operatie aan mijn knie"
_ENGLISH_BODY_AFTER = frozenset(("amputated", "broken", "fractured", "operated"))
# English parts of the body, only before what happened to them ("a toe amputated").
_ENGLISH_BODY_PARTS = frozenset((
    "toe", "toes", "leg", "legs", "foot", "feet", "hip", "knee", "arm", "back", "wrist", "ankle",
))
_BODY_BEFORE = frozenset(("nieuwe", "gebroken", "ontstoken", "verlamde", "geopereerde"))
_NEW_PARTS = frozenset((  # what one gets new: "een nieuwe heup", not "een nieuwe hand"
    "heup", "heupen", "knie", "knieën", "hart", "nier", "lever", "long", "longen", "schouder",
    "heupgewricht", "kniegewricht",
))
# Verbs that end such a phrase: "een nieuwe knie gekregen".
_BODY_ENDS = frozenset(("gekregen", "gehad", "nodig", "krijgen"))
# Words after which "bevallen" is giving birth, not pleasing ("ik ben net bevallen").
_BEFORE_BIRTH = frozenset(("net", "pas", "zojuist", "onlangs", "recent", "ben", "is", "was"))
# Of the words above, those that are also ordinary words or letters ("als", "ziek van de
# herrie", "de ms Prinses"): a health detail only after "ik heb", "zij is", "met" and the like
# (`_health`), and the acronyms only in capitals.
_CUED_HEALTH = frozenset((
    "ms", "als", "add", "tia", "cva", "nah", "cfs", "ocd", "ziek", "zieke", "chronisch",
    "chronische", "angstig", "gips", "brace", "trauma", "traumatisch", "terminaal",
    "rolstoeltoegankelijk",
))
# Lying in hospital: "ligt in het ziekenhuis", "is opgenomen in de psychiatrie", "op de IC".
_LYING = frozenset((
    "lig", "ligt", "lag", "lagen", "liggen", "opgenomen", "verblijf", "verblijft", "zit",
    "overleden", "overleed", "gestorven", "stierf",
))
_HOSPITALS = frozenset((
    "ziekenhuis", "psychiatrie", "ic", "hospice", "revalidatiecentrum", "verpleeghuis",
    "kliniek", "afkickkliniek", "umc", "amc", "isala",
))
_TURKISH_PATIENT = frozenset(("hastası", "hastasıyım", "hastasıdır", "hastalığı"))
_ENGLISH_ORGANS = ("heart", "lung", "kidney", "liver", "back", "mental", "breathing")
_ENGLISH_ILLS = frozenset(("problems", "problem", "condition", "disease", "failure", "issues"))
_CHRONIC = frozenset(("ziek", "zieke", "pijn", "vermoeid", "moe"))
# Two words that tell a health detail together, by the first: "long covid", "heart problems".
_HEALTH_PAIRS: dict[str, frozenset[str]] = {
    "chronisch": _CHRONIC,
    "chronische": _CHRONIC,
    "long": frozenset(("covid",)),
    **dict.fromkeys(("anxiety", "panic"), frozenset(("attacks", "attack", "disorder"))),
    # "hij gebruikt drugs": one person; "jongeren gebruiken drugs in de berging" is nuisance
    **dict.fromkeys(("gebruikt", "gebruik"), frozenset(("drugs",))),
    "partially": frozenset(("paralysed", "paralyzed")),
    "w": frozenset(("ciąży", "szpitalu")),  # Polish: pregnant, in hospital
    "hastanede": frozenset(("yatıyor", "yatiyor", "kalıyor")),  # Turkish: lies in hospital
    **dict.fromkeys(_ENGLISH_ORGANS, _ENGLISH_ILLS),
}
_ALLERGIC = frozenset(("allergisch", "overgevoelig", "allergie", "allergieën"))
_SENSES = frozenset(("hoor", "hoort", "horen", "zie", "ziet", "zien"))
_HEALTH_ACRONYMS = frozenset(("ms", "als", "add", "tia", "cva", "nah", "cfs", "ocd"))
# Words before a health detail that tell it is one: "ik heb MS", "zij is ziek", "met gips".
_HEALTH_CUES = frozenset((
    "heb", "heeft", "hebben", "had", "hadden", "ben", "is", "zijn", "was", "waren", "met",
    "door", "wegens", "vanwege", "aan", "erg", "ernstig", "zwaar", "lijdt", "lijd", "lijden",
    "in", "het", "een", "weken", "dagen", "maanden",  # "al 2 weken ziek"
))
# A condition as "ziekte van Lyme" or "het syndroom van Down"; "allergisch voor huisstofmijt".
_NAMED_CONDITIONS = frozenset(("ziekte", "syndroom"))
_IMPAIRED = frozenset((  # "een verstandelijke beperking", "lichamelijke handicap"
    "verstandelijke", "lichamelijke", "visuele", "auditieve", "fysieke", "psychische",
    "motorische", "geestelijke", "meervoudige", "zintuiglijke",
))
_IMPAIRMENTS = frozenset(("beperking", "beperkingen", "handicap", "handicaps", "klachten"))
_DEGREES = frozenset(("licht", "lichte", "zwaar", "zware", "ernstig", "ernstige"))
# What a health word may go on with: "psychiatrische opname", "astmatische bronchitis".
_HEALTH_NOUNS = frozenset((
    "opname", "behandeling", "aandoening", "klachten", "problemen", "kliniek", "zorg",
    "hulp", "begeleiding", "bronchitis", "aanval", "aanvallen",
))
# An aid told with where one is: "zit in een rolstoel", "loopt met een rollator".
_AIDS = frozenset(("rolstoel", "rollator", "scootmobiel", "looprek", "traplift"))
_PEOPLE_IN_GENERAL = frozenset((
    "mensen", "bewoners", "ouderen", "iemand", "huurders", "buren", "bezoekers", "senioren",
))
_EXPECTING = frozenset(("ben", "is", "was", "zijn", "maanden", "weken", "maand", "week"))
_SOMEONE = frozenset(("meneer", "mevrouw", "man", "vrouw", "jongen", "meisje", "dame", "heer"))
# fmt: on
_HEALTH_STARTS = (
    "astm",  # "astma", and the Polish "astmę", "astmy"
    "астм",  # Ukrainian, Russian
    "rolstoel",
    "diabet",
    "depress",
    "dementi",
    "epilep",
    "autis",
    "psychiat",
    "schizo",
    "chemo",
    "parkinson",
    "alzheimer",
    "dialyse",
)  # fmt: skip
_HEALTH_ENDINGS = (
    "kanker",
    "infarct",
    "tumor",
    "patiënt",
    "ziekte",
    "ontsteking",
    "operatie",
    "zwanger",
    "bloeding",
    "stoornis",
    "allergie",
    "trombose",
    "fractuur",
    "breuk",
    "syndroom",
    "prothese",
    "slaappillen",
    "pijnpillen",
    "kuur",
    "letsel",
    "medicatie",
    "verlamming",
    "amputatie",
    "dialyse",  # "nierdialyse"
    "degeneratie",  # "macula-degeneratie"
)  # fmt: skip
# A "-breuk" that is no fracture, and the parts of the body whose "-klachten" are health.
_NOT_FRACTURES = ("leidingbreuk", "pijpbreuk", "buisbreuk", "glasbreuk", "dijkbreuk", "kabelbreuk")
_COMPLAINT_PARTS = (
    "long", "hart", "rug", "nek", "maag", "darm", "nier", "luchtweg", "ademhalings", "gewricht",
    "spier", "heup", "knie", "schouder", "hoofdpijn", "huid", "oog", "hartritme", "benauwdheids",
)  # fmt: skip
_NOT_HEALTH_ENDINGS = ("cooperatie", "coöperatie")


@dataclass(frozen=True)
class _Hit:
    """What a recogniser found: tokens up to `keep` stay (a cue like "buurman"), the rest up
    to `end` become the placeholder."""

    keep: int
    end: int
    placeholder: str


class _Scan:
    """The tokens, read through a window: a recogniser sees nothing past WINDOW tokens."""

    def __init__(
        self,
        tokens: list[str],
        names: dict[str, list[list[str]]],
        breaks: frozenset[int] = frozenset(),
    ) -> None:
        self.tokens = tokens
        self.breaks = breaks  # the spaces that hold a line break
        self.folded = [token.casefold() for token in tokens]
        self.names = names
        self.limit = 0
        self.steps = 0
        self.cues = {"birth": -WINDOW, "bsn": -WINDOW, "postcode": -WINDOW}
        self.name_end = -1  # the token after the last name masked
        self.has_at = "@" in tokens or not _EMAIL_AT.isdisjoint(self.folded)

    def tok(self, j: int) -> str:
        self.steps += 1
        return self.tokens[j] if j < self.limit else ""

    def low(self, j: int) -> str:
        self.steps += 1
        return self.folded[j] if j < self.limit else ""

    def line_starts(self, i: int) -> bool:
        """Whether token i starts a line (the text, or after a line break)."""
        return i == 0 or i - 1 in self.breaks

    def near(self, cue: str, i: int) -> bool:
        return i - self.cues[cue] <= _CUE_REACH


def mask(text: str, names: Iterable[str] = ()) -> str:
    """Returns the text with personal data replaced by placeholders like [postcode]: at most
    MAX_LENGTH characters of it, on one line, without control characters or brackets of its
    own."""
    return _run(_cut(text), names, MAX_LENGTH)[0]


def masking_work(text: str, names: Iterable[str] = (), whole: bool = False) -> tuple[int, int]:
    """How much work masking the text is, as (tokens, steps): as `mask` does it, or, with
    `whole`, reading all of the text however long."""
    _, tokens, steps = _run(_clean(text), names, None) if whole else _run(_cut(text), names, 0)
    return tokens, steps


def _cut(text: str) -> str:
    return _clean(text[: MAX_LENGTH + _SLACK])[: MAX_LENGTH + _SLACK]


def only_takes_away(original: str, corrected: str) -> bool:
    """Whether `corrected` is `original` with words left out or replaced by placeholders, and
    nothing added: every word of it is as often in the original, or is a placeholder. What an
    admin may change in a masked message before it becomes an example (the masker missed a
    name, say), so a correction can hide data but never put new text in the training data."""
    have: dict[str, int] = {}
    for word in _WORDS.findall(original.casefold()):
        have[word] = have.get(word, 0) + 1
    for word in _WORDS.findall(corrected.casefold()):
        if word in PLACEHOLDERS:
            continue
        if not have.get(word):
            return False
        have[word] -= 1
    return True


def group_key(masked: str) -> str:
    """The same key for near-identical messages: case, punctuation and word order ignored."""
    words = _WORDS.findall(masked.casefold())
    return " ".join(sorted(set(words)))[:200]


def _clean(text: str) -> str:
    """NFKC; line breaks as "\n", other whitespace as spaces; control and format characters
    out; brackets made round."""
    out = []
    for char in unicodedata.normalize("NFKC", text):
        if char.isascii() and char.isprintable():
            out.append(char)
            continue
        category = unicodedata.category(char)
        if char in _LINE_BREAKS:
            out.append("\n")
        elif char.isspace() or category[0] == "Z":
            out.append(" ")
        elif category == "Nd":
            out.append(str(unicodedata.decimal(char)))
        elif category[0] != "C":  # Cc, Cf (bidi, zero-width), Cs, Co, Cn: dropped
            out.append(char)
    return "".join(out).translate(_ROUND)


def _run(text: str, names: Iterable[str], cut: int | None) -> tuple[str, int, int]:
    """Masks the cleaned text; with `cut`, keeps only what starts before it (0: MAX_LENGTH,
    for counting the work)."""
    cut = MAX_LENGTH if cut == 0 else cut
    matches = list(_TOKEN.finditer(text))
    # Any run of whitespace (a blank line in a letter) reads as one space.
    tokens = [" " if match.group().isspace() else match.group() for match in matches]
    breaks = frozenset(k for k, match in enumerate(matches) if "\n" in match.group())
    scan = _Scan(tokens, _known_names(names), breaks)
    pieces: list[str] = []
    i = 0
    while i < len(tokens):
        if cut is not None and matches[i].start() >= cut:
            break
        if tokens[i].isspace():
            pieces.append(" ")
            i += 1
            continue
        _note_cue(scan, i)
        scan.limit = min(len(tokens), i + WINDOW)
        hit = next((h for recognise in _RECOGNISERS if (h := recognise(scan, i))), None)
        if hit is not None and hit.placeholder == NAME and _no_person(scan, hit):
            hit = None  # "Bouwbedrijf Jansen", "meneer van de balie": no one's name
        if hit is None:
            pieces.append(tokens[i])
            i += 1
        else:
            pieces += [" " if t.isspace() else t for t in tokens[i : hit.keep]]
            pieces.append(hit.placeholder)
            i = hit.end
            if hit.placeholder == NAME:
                scan.name_end = i
    return _join(pieces, cut), len(tokens), scan.steps


def _aid_of_no_one(s: _Scan, i: int) -> bool:
    """ "mensen met een rollator", "een meneer in een rolstoel": an aid nobody named uses."""
    j = _previous(s, i)
    if j < 0 or s.folded[j] != "een":
        return False
    j = _previous(s, j)
    if j < 0 or s.folded[j] not in ("met", "in", "op"):
        return False
    j = _previous(s, j)
    return j >= 0 and (s.folded[j] in _PEOPLE_IN_GENERAL or _someone(s, j))


def _someone(s: _Scan, j: int) -> bool:
    """Whether token j is "een meneer", "een vrouw": someone the message does not name."""
    return j > 0 and s.folded[j] in _SOMEONE and s.folded[_previous(s, j)] == "een"


def _no_person(s: _Scan, hit: _Hit) -> bool:
    """Whether a name found names no one: a firm's (after or with a word like "Bouwbedrijf",
    or before "& Zn" or "BV"), where someone works ("meneer van de wijkservice"), or a street
    named after someone ("Johan de Wittplein")."""
    found = [s.folded[j] for j in range(hit.keep, hit.end) if not s.tokens[j].isspace()]
    if len(found) > 1 and found[-1].endswith(_NO_SURNAME_STREETS) and _WHERE.isdisjoint(found):
        return True  # "het Johan de Wittplein": a street without a number
    if len(found) == 3 and found[0] == "van" and found[1] in ("de", "het"):
        if found[2] in _WORKPLACES or found[2].endswith(_WORKPLACE_ENDINGS):
            return True
    k = _previous(s, hit.keep)
    words = [s.folded[j] for j in range(max(k, 0), hit.end) if s.tokens[j].isalpha()]
    if any(word.endswith(_FIRM_ENDINGS) for word in words):
        return True
    if s.tok(hit.end) != " ":
        return False
    after = s.low(hit.end + 1)
    if after in ("bv", "vof"):
        return True
    return after == "&" and s.low(hit.end + 3) in ("zn", "zonen")


def _join(pieces: list[str], cut: int | None) -> str:
    """The pieces as one line: names next to each other as one [naam], a space after a
    placeholder before a parenthesis, and no more than `cut` characters."""
    out: list[str] = []
    length = 0
    for piece in pieces:
        if piece == " " and (not out or out[-1] == " "):
            continue
        if piece == NAME and len(out) >= 2 and out[-1] == " " and out[-2] == NAME:
            out.pop()
            length -= 1
            continue
        if out and out[-1].endswith("]") and piece[0] in "([":  # only placeholders end so
            out.append(" ")
            length += 1
        if cut is not None and length + len(piece) > cut:
            break
        out.append(piece)
        length += len(piece)
    return "".join(out).strip()


def _note_cue(scan: _Scan, i: int) -> None:
    word = scan.folded[i]
    for cue, words in (("birth", _BIRTH_CUES), ("bsn", _BSN_CUES), ("postcode", _POSTCODE_CUES)):
        if word in words:
            scan.cues[cue] = i


def _known_names(names: Iterable[str]) -> dict[str, list[list[str]]]:
    """Whole names and their surnames ("de Vries"), then each part that could name someone on
    its own, by first word; the longest first."""
    sequences: set[tuple[str, ...]] = set()
    for name in names:
        words = _words_of(unicodedata.normalize("NFKC", name).casefold())
        if not words:
            continue
        sequences.add(tuple(words))
        if len(words) > 1:
            sequences.add(tuple(words[1:]))  # "de Vries", "el Amrani"
        sequences.update((w,) for w in words if w not in _PARTICLES and len(w) > 2)
    found: dict[str, list[list[str]]] = {}
    for sequence in sorted(sequences, key=len, reverse=True):
        found.setdefault(sequence[0], []).append(list(sequence))
    return found


def _words_of(text: str) -> list[str]:
    return [t for t in (m.group() for m in _TOKEN.finditer(text)) if _is_word(t)]


def _is_word(token: str) -> bool:
    return bool(token) and token[0].isalnum()


def _digits(token: str) -> bool:
    return token.isascii() and token.isdigit()


# The recognisers: each looks at the tokens from `i` and says what to mask, or None.


def _email(s: _Scan, i: int) -> _Hit | None:
    if not s.has_at:
        return None
    j, length = i, 0
    while _is_word(s.tok(j)) or s.tok(j) in _EMAIL_LOCAL_MARKS:
        length += len(s.tok(j))
        j += 1
        if s.tok(j) == " " and s.low(j + 1) in _EMAIL_DOT and s.tok(j + 2) == " ":
            if _is_word(s.tok(j + 3)) and s.low(j + 3) not in _EMAIL_AT:
                j += 3  # "j punt devries at gmail punt com"
        if length > 64:
            return None
    if j == i or not _is_word(s.tok(i)):
        return None
    k = j + 1 if s.tok(j) == " " else j
    if s.tok(k) == "@":
        k += 1
    elif s.tok(k) == "(" and s.low(k + 1) in _EMAIL_AT and s.tok(k + 2) == ")":
        k += 3
    elif s.low(k) in _EMAIL_AT and k > j and s.tok(k + 1) == " ":
        k += 1
    else:
        return None
    if s.tok(k) == " ":
        k += 1
    end = _domain(s, k)
    if end and s.tok(end) == "@":
        return None  # "email me at lukas.brenner@uni-mail.de": the address starts later
    return _Hit(i, end, EMAIL) if end else None


def _domain(s: _Scan, k: int) -> int | None:
    """Where a domain starting at token k ends (after a top-level label of letters)."""
    if not _is_word(s.tok(k)):
        return None
    k += 1
    end = None
    while True:
        while s.tok(k) == "-" and _is_word(s.tok(k + 1)):
            k += 2
        if s.tok(k) == "." and _is_word(s.tok(k + 1)):
            k += 2
        elif s.tok(k) == " " and s.low(k + 1) in _EMAIL_DOT and s.tok(k + 2) == " ":
            if not _is_word(s.tok(k + 3)):
                break
            k += 4
        elif (bracketed := _bracketed_dot(s, k)) is not None:
            k = bracketed
        else:
            break
        label = s.tok(k - 1)
        if label.isalpha() and 2 <= len(label) <= 24:
            end = k
    return end


def _bracketed_dot(s: _Scan, k: int) -> int | None:
    """After a domain label at k: "(dot)" or "(punt)", with or without spaces ("[dot]" was
    made round in cleaning), and the next label; the token after that label, or None."""
    k += s.tok(k) == " "
    if s.tok(k) != "(" or s.low(k + 1) not in _EMAIL_DOT or s.tok(k + 2) != ")":
        return None
    k += 3
    k += s.tok(k) == " "
    return k + 1 if _is_word(s.tok(k)) else None


def _iban_number(s: _Scan, i: int) -> _Hit | None:
    first = s.tok(i)
    if not _IBAN_START.fullmatch(first):
        return None
    compact, j = first.upper(), i + 1
    candidates = [(compact, j)]
    while len(compact) < 34:
        group = s.tok(j + 1)
        if s.tok(j) != " " or not (group.isascii() and group.isalnum() and len(group) <= 4):
            break
        compact, j = compact + group.upper(), j + 2
        candidates.append((compact, j))
    for compact, end in reversed(candidates):
        if _NL_IBAN.fullmatch(compact) or _iban.is_valid(compact):
            return _Hit(i, end, IBAN)
    return None


def _phone(s: _Scan, i: int) -> _Hit | None:
    j, plus = i, s.tok(i) == "+"
    if plus or s.tok(i) == "(":
        j += 1
    digits, groups = "", list[tuple[str, int]]()
    while _digits(s.tok(j)) and len(digits) <= 17:
        digits += s.tok(j)
        j += 1
        groups.append((digits, j))
        k = j
        while s.tok(k) in _PHONE_SEPARATORS and k - j < 3:
            k += 1
        if k == j or ("/" in s.tokens[j:k] and " " in s.tokens[j:k]):
            break  # "+48 501 234 567 / 06 4839 2017" are two numbers
        j = k
    for number, end in reversed(groups):
        if _is_phone(number, plus):
            return _Hit(i, end, PHONE)
    return None


def _is_phone(number: str, plus: bool) -> bool:
    if plus or number.startswith("00"):
        international = number if plus else number[2:]
        if international.startswith("31"):
            national = international[2:].removeprefix("0")
            return len(national) == 9 and national[0] != "0"
        return 9 <= len(international) <= 15
    if number.startswith("0"):
        service = number[:4] in _SERVICE_NUMBERS and 8 <= len(number) <= 11
        return service or (len(number) == 10 and number[1] != "0")
    return False


def _spelled_phone(s: _Scan, i: int) -> _Hit | None:
    """A phone number in words, which start with "nul" (or "zero") as Dutch numbers do."""
    if s.low(i) not in ("nul", "zero"):
        return None
    count, end, j = 0, i, i
    while s.low(j) in _DIGIT_WORDS:
        count, end = count + 1, j + 1
        j = end + (s.tok(end) in (",", "-"))
        if s.tok(j) != " ":
            break
        j += 1
    return _Hit(i, end, PHONE) if count >= _SPELLED_PHONE_DIGITS else None


def _customer_number(s: _Scan, i: int) -> _Hit | None:
    """The number after "huurdernummer", "klantnummer", "contractnummer" …: "HC-2019-44871",
    "301-22871", "208814" (the cue word stays)."""
    if s.low(i) not in _CUSTOMER_CUES:
        return None
    j = i + 1
    j += s.tok(j) in (".", ":")
    j += s.tok(j) == " "
    if s.low(j) == "is" and s.tok(j + 1) == " ":
        j += 2  # "huurdernummer is 4411"
    end = j
    for _ in range(4):  # at most four parts: "HC-2019-44871"
        part = s.tok(end)
        if not part.isalnum() or len(part) > 12:
            break
        end += 1
        if s.tok(end) not in ("-", "/") or not s.tok(end + 1).isalnum():
            break
        end += 1
    if end == j or not any(char.isdigit() for char in "".join(s.tokens[j:end])):
        return None
    return _Hit(j, end, CUSTOMER)


def _bsn_number(s: _Scan, i: int) -> _Hit | None:
    digits = s.tok(i)
    if not _digits(digits) or len(digits) > 9:
        return None
    j = i + 1
    candidates = [(digits, j)]
    while len(digits) < 9:
        group = s.tok(j + 1)
        if s.tok(j) not in (" ", ".", "-") or not (_digits(group) and len(group) <= 4):
            break
        digits, j = digits + group, j + 2
        candidates.append((digits, j))
    cued = s.near("bsn", i)
    for number, end in reversed(candidates):
        if (len(number) == 9 and _bsn.is_valid(number)) or (cued and len(number) in (8, 9)):
            return _Hit(i, end, BSN)
    return None


def _date_separator(s: _Scan, j: int, separator: str = "") -> tuple[str, int] | None:
    """A date's separator at token j ("-", "/", "."; the same as `separator` if given) and the
    token after it. A dash or slash may have a space on either side ("21 - 12 - 1966"); a dot
    may not ("12. 3" ends a sentence)."""
    k = j + (s.tok(j) == " ")
    found = s.tok(k)
    if found not in ("-", "/", ".") or (separator and found != separator):
        return None
    k += 1
    k += s.tok(k) == " "
    if found == "." and k - j > 1:
        return None
    return found, k


def _after_a_name(s: _Scan, i: int) -> bool:
    """Whether token i opens a bracket right after a masked name: "Rishi (14-05-2012)"."""
    if i < 1 or s.tokens[i - 1] != "(":
        return False
    return s.name_end == i - 1 or (s.name_end == i - 2 and s.tokens[i - 2].isspace())


def _birth_date(s: _Scan, i: int) -> _Hit | None:
    cued = s.near("birth", i) or _after_a_name(s, i)
    first = s.low(i)
    day = _DAY.fullmatch(first)
    if day is None or day[2] not in _DAY_ENDINGS:
        if _digits(first) and len(first) == 4 and 1900 <= int(first) < 2100:
            iso = _iso_date(s, i)
            if iso and (cued or int(first) < BIRTH_YEARS_BEFORE):
                return _Hit(i, iso, BIRTH_DATE)  # "1979-06-23"
            if cued and not iso:
                return _Hit(i, i + 1, BIRTH_DATE)  # "geboren in 1938"
        return None
    if not 1 <= int(day[1]) <= 31:
        return None
    first_separator = _date_separator(s, i + 1)
    if first_separator and day[0] == day[1]:
        separator, j = first_separator
        month = s.tok(j)
        if not (_digits(month) and len(month) <= 2 and 1 <= int(month) <= 12):
            return None
        second = _date_separator(s, j + 1, separator)
        year, end = (s.tok(second[1]), second[1] + 1) if second else ("", j + 1)
        if second and year == "'":  # "1-2-'85"
            year, end = s.tok(end), end + 1
        if second and _digits(year) and len(year) in (2, 4):
            if cued or _year(year) < BIRTH_YEARS_BEFORE:
                return _Hit(i, end, BIRTH_DATE)
            return None
        return _Hit(i, j + 1, BIRTH_DATE) if cued else None
    separator = s.tok(i + 1)
    if separator != " " or s.low(i + 2) not in _MONTHS:
        return None
    end = i + 4 if s.tok(i + 3) == "." else i + 3
    year = s.tok(end + 1) if s.tok(end) == " " else ""
    if _digits(year) and len(year) == 4:
        if cued or _year(year) < BIRTH_YEARS_BEFORE:
            return _Hit(i, end + 2, BIRTH_DATE)
    elif year == "'" and _digits(s.tok(end + 2)) and len(s.tok(end + 2)) == 2:
        if cued or _year(s.tok(end + 2)) < BIRTH_YEARS_BEFORE:
            return _Hit(i, end + 3, BIRTH_DATE)
    return _Hit(i, end, BIRTH_DATE) if cued else None


def _iso_date(s: _Scan, i: int) -> int | None:
    """Where "1979-06-23" (or with "/" or ".") that starts with the year at i ends."""
    separator = s.tok(i + 1)
    month, day = s.tok(i + 2), s.tok(i + 4)
    if separator not in ("-", "/", ".") or s.tok(i + 3) != separator:
        return None
    if not (_digits(month) and len(month) <= 2 and 1 <= int(month) <= 12):
        return None
    if not (_digits(day) and len(day) <= 2 and 1 <= int(day) <= 31):
        return None
    return i + 5


def _year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 2:
        return 1900 + year if year >= 30 else 2000 + year
    return year


def _postcode(s: _Scan, i: int) -> _Hit | None:
    first = s.tok(i)
    cued = s.near("postcode", i)
    if joined := _POSTCODE_JOINED.fullmatch(first):
        letters, j = joined[1], i + 1
    elif (
        _POSTCODE_DIGITS.fullmatch(first)
        and s.tok(i + 1) == " "
        and (_TWO_LETTERS.fullmatch(s.tok(i + 2)))
    ):
        letters, j = s.tok(i + 2), i + 3
    elif _POSTCODE_DIGITS.fullmatch(first) and cued:
        return _Hit(i, i + 1, POSTCODE)
    else:
        return None
    if letters.upper() in ("SA", "SD", "SS"):
        return None
    if not letters.isupper() and letters.casefold() in _NOT_POSTCODE_LETTERS and not cued:
        return None
    k = j
    while s.tok(k) in (" ", ",", "-") and s.tok(k) and k - j < 3:
        k += 1
    if s.low(k) in _NUMBER_WORDS:
        k += 1
        k += s.tok(k) == "."
        k += s.tok(k) == " "
    end = _house_number(s, k) if k > j else None
    return _Hit(i, end, f"{POSTCODE} {NUMBER}") if end else _Hit(i, j, POSTCODE)


def _house_number(s: _Scan, k: int) -> int | None:
    """Where a house number at token k ends, with its addition ("12a", "3-hs", "120 bis")."""
    if not _HOUSE_NUMBER.fullmatch(s.tok(k)) or not s.tok(k)[0].isdigit():
        return None
    end = k + 1
    if s.tok(end) == "-" and _NUMBER_SUFFIX.fullmatch(s.tok(end + 1)):
        end += 2
    elif s.tok(end) == " " and s.low(end + 1) in _NUMBER_SUFFIXES:
        end += 2
    elif s.tok(end) == " " and len(s.tok(end + 1)) == 1 and s.tok(end + 1).isupper():
        end += 2  # "12 A"
    floor = end + (s.tok(end) == ",")  # "Sterrenlaan 4, 3 hoog"
    if s.tok(floor) in (" ", "-") and _FLOOR.fullmatch(s.low(floor + 1)):
        end = floor + 2  # "74 3hg"
    elif s.tok(floor) == " " and s.low(floor + 1) in _FLOORS_IN_WORDS:
        end = floor + 2  # "Zeeheldenkade 5 driehoog"
    elif s.tok(floor) == " " and _digits(s.tok(floor + 1)) and len(s.tok(floor + 1)) <= 2:
        if s.tok(floor + 2) in (" ", "-") and s.low(floor + 3) in ("hoog", "hg"):
            end = floor + 4  # "4 3-hoog", "4, 3 hoog"
    if s.tok(end) == " " and s.low(end + 1) == "bus" and s.tok(end + 2) == " ":
        if _digits(s.tok(end + 3)) and len(s.tok(end + 3)) <= 3:
            end += 4  # "Molenstraat 3 bus 2"
    if s.tok(end) == " " and s.low(end + 1) == "kamer" and s.tok(end + 2) == " ":
        room = end + 3
        if _digits(s.tok(room)) and len(s.tok(room)) <= 4:
            end = room + 1  # "Boothstraat 6 kamer 3.12"
            if s.tok(end) == "." and _digits(s.tok(end + 1)) and len(s.tok(end + 1)) <= 3:
                end += 2
    return end


def _is_street(s: _Scan, j: int) -> bool:
    word, low = s.tok(j), s.low(j)
    if low in _BARE_STREETS:
        return word[0].isupper()
    return any(low.endswith(e) and len(low) > len(e) + 1 for e in _STREET_ENDINGS)


def _address(s: _Scan, i: int) -> _Hit | None:
    if s.low(i) in _ADDRESS_LABELS:
        return None  # "Adres Kerkeveld 8": the label is no part of the street's name
    j = i
    if s.tok(i) == "'" and s.low(i + 1) == "s" and s.tok(i + 2) == "-":
        j = i + 3  # "'s-Gravendijkwal 88a"
    for words in range(6):
        word, low = s.tok(j), s.low(j)
        if words and word == "'" and s.low(j + 1) in ("t", "s"):  # "Kijk in 't Jatstraat"
            j, word, low = j + 1, s.tok(j + 1), s.low(j + 1)
        elif not words and _ORDINAL.fullmatch(low):
            pass  # "2e Oosterparkstraat 150-3"
        elif not word[:1].isalpha():
            return None
        elif _is_street(s, j):
            break
        elif not words and low in _PEOPLE_WORDS:
            return None  # "Bewoners van de Kamperfoeliestraat": people, then their street
        elif not (word[0].isupper() or low in _STREET_PREFIXES or (words and low in _PARTICLES)):
            return None
        if low in _STREET_TITLES and s.tok(j + 1) == ".":  # "Mgr. Nolensplein"
            j += 1
        if s.tok(j + 1) != " ":
            return None
        j += 2
    else:
        return None
    bare = s.low(j) in _BARE_STREETS
    j += 1
    for _ in range(3 if bare else 0):  # "Laan van Meerdervoort 120", "Hof van 't Kruis 4"
        if s.tok(j + 1) == "'" and s.low(j + 2) in ("t", "s") and s.tok(j + 3) == " ":
            j += 3
        after = s.tok(j + 1)
        if s.tok(j) != " " or not after[:1].isalpha():
            break
        if not (after[0].isupper() or s.low(j + 1) in _PARTICLES):
            break
        j += 2
    if s.tok(j) != " ":
        return None
    end = _house_number(s, j + 1)
    return _Hit(i, end, ADDRESS) if end else None


def _address_without_ending(s: _Scan, i: int) -> _Hit | None:
    """A street whose name has no street's ending, with its number, that a postcode after it
    or a cue before it shows to be an address: "Achter de Molen 17, 7411 LB", "ik woon op
    Achter het Hof 9", "verhuisd naar Oude Molen 3"."""
    word = s.tok(i)
    if not (word.isalpha() and word[0].isupper()):
        return None
    if s.low(i) in _NOT_NAMES and s.low(i) not in _STREET_STARTS:
        return None
    j = i
    for _ in range(4):
        if s.tok(j + 1) != " ":
            return None
        after, low = s.tok(j + 2), s.low(j + 2)
        if _digits(after[:1]):
            break
        if not after.isalpha() or not (after[0].isupper() or low in _PARTICLES):
            return None
        j += 2
    else:
        return None
    end = _house_number(s, j + 2)
    if end is None or s.low(j) in _PARTICLES:
        return None
    k = end + (s.tok(end) == ",")
    if (s.tok(k) == " " and _postcode_ahead(s, k + 1)) or _address_cue(s, i):
        return _Hit(i, end, ADDRESS)
    return None


def _postcode_ahead(s: _Scan, k: int) -> bool:
    if _POSTCODE_JOINED.fullmatch(s.tok(k)):
        return True
    return (
        bool(_POSTCODE_DIGITS.fullmatch(s.tok(k)))
        and s.tok(k + 1) == " "
        and (s.tok(k + 2).isupper() and bool(_TWO_LETTERS.fullmatch(s.tok(k + 2))))
    )


def _address_cue(s: _Scan, i: int) -> bool:
    """ "ik woon op ...", "verhuisd naar ...", "adres: ...", "mijn adres is ..."."""
    j = _previous(s, i)
    before = s.folded[j] if j >= 0 else ""
    if before in _ADDRESS_LABELS:
        return True  # "Adres Noordeinde 45"
    if before == "," and j == s.name_end:
        return True  # "H. Zwart, Hoefslag 23-3": a name's address after it
    if before in {":", "is"}:
        j = _previous(s, j)
        return j >= 0 and s.folded[j] in _ADDRESS_LABELS
    if before in ("de", "het") and j >= 0:
        j = _previous(s, j)  # "de woning aan de Wolfskamp 31"
        before = s.folded[j] if j >= 0 else ""
    if before not in ("op", "aan", "naar"):
        return False
    j = _previous(s, j)
    return j >= 0 and (s.folded[j] in _LIVING or s.folded[j] in ("woning", "huis", "kamer"))


def _number_after_word(s: _Scan, i: int) -> _Hit | None:
    if s.low(i) not in _NUMBER_WORDS:
        return None
    j = i + 1
    j += s.tok(j) == "."
    j += s.tok(j) == ":"
    j += s.tok(j) == " "
    if j == i + 1 or _phone(s, j) or _bsn_number(s, j) or _birth_date(s, j) or _postcode(s, j):
        return None  # the number is read as what it is from its own token
    end = _house_number(s, j)
    if end is None or (s.low(i) != "huisnummer" and _on_a_list(s, end)):
        return None
    if s.low(i) in ("nummer", "nr", "no") and _someone_elses(s, i):
        return None  # "de buren op nummer 12": a number without its street is no address
    return _Hit(j, end, NUMBER)


def _someone_elses(s: _Scan, i: int) -> bool:
    """Whether "nummer" at token i is a door the message points at, of people it does not
    name ("de buren op nr 3", "de brievenbus van nummer 14"), not the tenant's home ("het is
    nummer 12", "ik woon op nummer 12") or a named person's ("Precious van nummer 4")."""
    j = i
    for _ in range(4):
        j = _previous(s, j)
        if j < 0:
            return False
        if j < s.name_end or s.folded[j] in _LIVING or s.folded[j] in _OWN_HOME:
            return False
        if s.folded[j] in _OTHERS_AT:
            return True
    return False


def _on_a_list(s: _Scan, end: int) -> bool:
    """ "nummer 3 van de lijst": an item, not a house, unless what it is of is a building or
    a street ("nummer 12 van de flat", "nummer 8 van de Kerkstraat")."""
    if s.tok(end) == " " and s.low(end + 1) in ("en", "t/m", "tot") and s.tok(end + 2) == " ":
        if _digits(s.tok(end + 3)):
            return True  # "nummer 3 en 4 van mijn lijst"
    if s.tok(end) != " " or s.low(end + 1) != "van" or s.tok(end + 2) != " ":
        return False
    k = end + 3
    if s.low(k) in ("de", "het", "t") and s.tok(k + 1) == " ":
        k += 2
    if _digits(s.tok(k)):
        return True  # "nummer 5 van de 8 lampen"
    word = s.tok(k)
    if not word.isalpha() or word[0].isupper() or s.low(k) in _BUILDINGS:
        return False
    return not _is_street(s, k)


def _known_name(s: _Scan, i: int) -> _Hit | None:
    for sequence in s.names.get(s.low(i), ()):
        if len(sequence) == 1 and s.tok(i).islower() and _before(s, i) in _ARTICLES:
            continue  # "de bakker op de hoek", though a Pieter Bakker works here
        j = i + 1
        for word in sequence[1:]:
            if s.tok(j) not in (" ", "-") or s.low(j + 1) != word:
                break
            j += 2
        else:
            return _Hit(i, j, NAME)
    return None


def _initials(s: _Scan, i: int) -> _Hit | None:
    """Initials before a surname that is no common word: "M. Tahiri", "J.P. van Dam"."""
    word = s.tok(i)
    if not (len(word) == 1 and word.isalpha() and word.isupper() and s.tok(i + 1) == "."):
        return None
    k = i + 2
    while k - i < 8 and len(s.tok(k)) == 1 and s.tok(k).isupper() and s.tok(k + 1) == ".":
        k += 2
    if s.tok(k) != " ":
        return None
    j, particles = k + 1, 0
    while particles < 3 and s.low(j) in _PARTICLES and s.tok(j + 1) == " ":
        j, particles = j + 2, particles + 1
    if not (_capitalised_name_word(s, j) and _uncommon(s, j)):
        return None
    end = _name(s, i, "none")
    return _Hit(i, end, NAME) if end else None


def _named(s: _Scan, i: int) -> _Hit | None:
    """A name after a title, a relation, a greeting or an introduction."""
    low = s.low(i)
    j = i + 1
    if low in _ACADEMIC_TITLES:  # "dr. Ramdin", "ir Wijnaldum"; not "de ing", "Dr. Lelylaan"
        j += s.tok(j) == "."
        if s.tok(j) != " " or not s.tok(j + 1)[:1].isupper() or _is_street(s, j + 1):
            return None
        if j == i + 1 and s.tok(i) == "ing":
            return None  # the bank, not "ing. Bakker"
        lowercase = "none"
    elif low in _TITLES:
        j += s.tok(j) == "."
        if low == "familie" and s.tok(j) == " " and s.low(j + 1) in _COMMON_WORDS:
            if s.tok(j + 1).islower() and s.low(j + 1) not in _PARTICLES:
                return None  # "komt er familie logeren"; not "familie Bakker"
        lowercase = "first"
    elif low in _RELATIONS or low.endswith(_RELATION_ENDINGS):
        j += s.tok(j) in (",", ":")
        if s.tok(j) == " " and s.low(j + 1) in _TITLES:
            return None  # "de buurvrouw, Mevr. Yilmaz": the title is the cue
        j += s.tok(j) == " " and s.tok(j + 1) == "("  # "de buurman (Henk)"
        if s.tok(j) == " " and _of_something(s, j + 1):
            return None  # "de man van Reparaties", "de buurman van Boven"
        if low in _ROLES and (
            s.low(j + 1) == "van" or _compound(s.low(j + 1 + (s.tok(j + 1) == "(")))
        ):
            return None  # "de monteur van Feenstra", "de aannemer (Bouwbedrijf Van Wijk)"
        if s.tok(j) == " " and _takes_lowercase_name(s, i, low):
            end = _name(s, j + 1, "none") or _lowercase_name(s, j + 1)
            return _Hit(j + 1, end, NAME) if end else None
        lowercase = "none"
    elif low in _CLOSINGS or low in _OPENINGS:
        j += s.tok(j) == "."
        j += s.tok(j) == ","
        if s.tok(j) == " " and s.low(j + 1) in _TITLES:
            return None  # "groeten, Fam. Oosterhuis": the title is the cue
        if low in _OPENINGS and j in s.breaks:
            return None  # "Hallo,\nVorige week ...": the letter begins, no one is greeted
        if s.low(j + 1) in _ARTICLES and s.tok(j + 2) == " " and s.tok(j + 3).islower():
            return None  # "Met vriendelijke groet,\nDe bewonerscommissie"
        if _compound(s.low(j + 1)) and s.low(j + 1) not in _FIRST_NAMES:
            return None  # "Groeten, Bewonerscommissie De Horst"
        if s.tok(j) == " " and s.tok(j + 1).istitle() and s.tok(j + 2) in ("", ".", "!"):
            if s.tok(j + 1).isalpha() and s.tok(j + 3) == "":
                return _Hit(j + 1, j + 2, NAME)  # "Met groet, Ben": the message ends
        lowercase = "all" if low in _CLOSINGS else "none"
    elif low == "name" and s.tok(j) == " " and s.low(j + 1) == "is":
        j, lowercase = j + 2, "none"  # "my name is Dawit Tesfamariam"
    elif low == "naar" and _before(s, i) in ("vragen", "vraag", "vraagt"):
        lowercase = "none"  # "vragen naar Joke"
    elif low in ("naam", "voornaam", "achternaam"):
        if s.tok(j) == ":":
            j, lowercase = j + 1, "all"
        elif s.tok(j) == " " and s.low(j + 1) in ("is", "van"):
            lowercase = "all" if s.low(j + 1) == "is" else "none"
            j += 2
        elif s.tok(j) == " " and len(s.tok(j + 1)) == 1 and s.tok(j + 2) == ".":
            lowercase = "all"  # "naam s. ramdin", after an IBAN
        elif s.tok(j) == " " and _capitalised_name_word(s, j + 1):
            lowercase = "none"  # "naam Semhar Tekle"
        else:
            return None
    elif low in ("heet", "genaamd") or low in _INTRODUCTIONS:
        if s.tok(j) == " " and _caseless(s.tok(j + 1)):
            return _caseless_name(s, j + 1)  # "اسمي لينا حداد"
        lowercase = "all"
    elif _in_the_name_of(s, i):
        j += s.tok(j) == "."
        if s.tok(j) == " " and s.low(j + 1) in _TITLES:
            return None  # "t.n.v. fam. Kaya": the title is the cue
        lowercase = "all"  # "ten name van J. van Dijk", "tnv M.E. de Wit", "t.n.v. ..."
    elif low in _HOLDERS and s.tok(j) == ":":
        j, lowercase = j + 1, "all"  # "Rekeninghouder: Lin Mei Hua"
    elif low == "ik" and s.tok(j) == " " and s.low(j + 1) == "ben":
        j, lowercase = j + 2, "none"
    elif low in ("wij", "we") and s.tok(j) == " " and s.low(j + 1) == "zijn":
        if not _capitalised_name_word(s, j + 3):
            return None  # "wij zijn de familie", "we zijn al weken"
        j, lowercase = j + 2, "none"  # "Wij zijn Kwame en Efua Mensah"
    elif low == "namens" or (low == "met" and _after_a_greeting(s, i)):
        lowercase = "none"
    elif low in _THANKS and s.tok(j) in (",", "،") and s.tok(j + 1) == " ":
        j += 1
        if _caseless(s.tok(j + 1)):
            return _caseless_name(s, j + 1)  # "شكرا، خالد المصري"
        if not _capitalised_name_word(s, j + 1):
            return None
        lowercase = "none"
    else:
        return None
    if s.tok(j) not in (" ", "("):
        return None
    end = _name(s, j + 1, lowercase)
    if end and low == "met" and not _introduced(s, end):
        return None  # "met Albert Heijn gebeld"
    return _Hit(j + 1, end, NAME) if end else None


def _in_the_name_of(s: _Scan, i: int) -> bool:
    """Whether token i ends "ten name van", "tnv" or "t.n.v." (an account's holder)."""
    low = s.low(i)
    if low == "tnv":
        return True
    if low == "van":
        j = _previous(s, i)
        return j >= 0 and s.folded[j] == "name" and _before(s, j) == "ten"
    return (
        low == "v"
        and i >= 4
        and [s.folded[i - 4], s.folded[i - 3], s.folded[i - 2], s.folded[i - 1]]
        == ["t", ".", "n", "."]
    )


def _caseless(word: str) -> bool:
    """A word of a script without capitals (Arabic, Hebrew, Chinese, ...)."""
    return word.isalpha() and not any(char.isupper() or char.islower() for char in word)


def _caseless_name(s: _Scan, k: int) -> _Hit:
    """A name in a script without capitals after an introduction: two words at most, as no
    capital shows where it ends."""
    end = k + 1
    if s.tok(end) == " " and _caseless(s.tok(end + 1)):
        end += 2
    return _Hit(k, end, NAME)


def _of_something(s: _Scan, k: int) -> bool:
    """Whether a lowercase "van" at token k says whose or what's a relation is, before a
    capitalised common word: "de man van Reparaties" (but "mijn buurman van Dijk" stays a
    name only with a capital: "Van Dijk")."""
    if s.tok(k) != "van" or s.tok(k + 1) != " ":
        return False
    k += 2
    k += 2 if s.low(k) in ("de", "het", "der", "den") and s.tok(k + 1) == " " else 0
    if any(s.low(k).endswith(b) and len(s.low(k)) > len(b) for b in _BUILDINGS):
        return True  # "een bewoner van de Rozenflat"; not "buurvrouw van der Laan"
    return s.tok(k)[:1].isupper() and not _uncommon(s, k)


def _introduced(s: _Scan, end: int) -> bool:
    """Whether the name before token `end` closes an introduction: "met Joke.", "met Kees,
    ik bel over", "met Ans hier"."""
    after = s.tok(end + 1) if s.tok(end) == " " else s.tok(end)
    if after in ("", ",", ".", "!", ":", "-") or s.low(end + 1) == "hier":
        return True
    return s.tok(end) == " " and s.low(end + 1) in ("uit", "van")  # "met Chen Wei uit flat 4"


def _name(s: _Scan, k: int, lowercase: str) -> int | None:
    """Where a name starting at token k ends: initials, particles and name words. A lowercase
    word counts with `lowercase` "all", or "first" for the first word after the cue and its
    particles ("meneer de jong")."""
    end, particle = None, False
    first = k
    for _ in range(9):  # "C.J.M. van Rijswijk-de Lange"
        word, low = s.tok(k), s.low(k)
        if k == first and lowercase == "all" and word.istitle() and low in _NOT_NAMES:
            if s.tok(k + 1) == " " and (
                _capitalised_name_word(s, k + 2) or s.low(k + 2) in _PARTICLES
            ):
                k, end = k + 2, k + 1  # "Mijn naam is Dan de Groot", "Wil Kuipers"
                continue
        initial = word.isupper() or (lowercase == "all" and word.isalpha())
        if len(word) == 1 and initial and s.tok(k + 1) == ".":  # an initial
            k += 2
            end = k
            if s.tok(k)[:1].isupper():  # "P.J."
                continue
        elif low in _PARTICLES or (end and word == "A" and _capitalised_next(s, k)):
            k += 1  # "van der", "Tjon A Fat"
            particle = True
        elif word == "'" and s.low(k + 1) in ("t", "s") and s.tok(k + 2) == " ":
            k += 2  # "van 't Hof", "'s Gravesande"
            particle = True
        elif end and _apostrophe_name(s, k):
            k += 3  # "Daniel O'Connor"
            end = k
        elif word.isalpha() and (
            (
                _after_cue_name_word(low, len(word))
                or (particle and word.istitle())
                or (end and word.istitle() and _later_name_word(s, k))
            )
            if word[0].isupper()
            else (lowercase == "all" or (lowercase == "first" and end is None))
            and (low not in _NOT_NAMES and low not in _NUMBER_WORDS and len(low) > 1)
        ):
            if (_is_street(s, k) and _house_number(s, k + 2)) or (
                not (particle and end) and _address(s, k)
            ):
                break  # "de buurvrouw op Pastoor van Arsstraat 66"; not "van der Meulen"
            k += 1
            end = k
        elif low == "en" and end and _joined_name(s, k):
            k += 1  # "Kwame en Efua Mensah"
        else:
            break
        if s.tok(k) not in (" ", "-") or k in s.breaks:
            break  # a name ends at the end of its line ("naam: Kwame Mensah\npostcode: ...")
        k += 1
    return end


def _apostrophe_name(s: _Scan, k: int) -> bool:
    """ "O'Connor", "D'Souza": a capital, an apostrophe and a capitalised word."""
    word = s.tok(k)
    return (
        len(word) == 1
        and word.isupper()
        and s.tok(k + 1) == "'"
        and s.tok(k + 2).istitle()
        and s.tok(k + 2).isalpha()
    )


def _joined_name(s: _Scan, k: int) -> bool:
    """Whether "en" at token k joins a second name to the first: "Kwame en Efua Mensah",
    "meneer Visser en Jolanda"; not "en Ik", "en De Woonplaats"."""
    if s.tok(k + 1) != " " or not _capitalised_name_word(s, k + 2):
        return False
    return s.low(k + 2) in _FIRST_NAMES or _unknown_word(s, k + 2)


def _capitalised_next(s: _Scan, k: int) -> bool:
    return s.tok(k + 1) in (" ", "-") and s.tok(k + 2)[:1].isupper() and s.tok(k + 2).isalpha()


def _later_name_word(s: _Scan, k: int) -> bool:
    """A capitalised word after a name's first word that would be no name on its own: a month
    ("Wang Jun", "Lin Mei Hua") unless a year follows, or a short word before another name
    word ("Tjon Kon Fat")."""
    low = s.low(k)
    if low in _MONTHS:
        return not (s.tok(k + 1) == " " and _digits(s.tok(k + 2)))
    return low in _NOT_NAMES and _capitalised_next(s, k) and s.low(k + 2) not in _NOT_NAMES


def _after_a_greeting(s: _Scan, i: int) -> bool:
    """Whether token i starts the message or follows a greeting, perhaps with a comma."""
    j = _previous(s, i)
    if j < 0:
        return True
    if s.folded[j] == ",":
        j = _previous(s, j)
    return j >= 0 and s.folded[j] in _GREETINGS


def _previous(s: _Scan, i: int) -> int:
    """The index of the token before token i and its space; -1 at the start."""
    s.steps += 1
    return i - 1 - (i > 0 and s.tokens[i - 1].isspace())


def _after_cue_name_word(low: str, length: int) -> bool:
    """A capitalised word after a cue that is still no name ("Met Vriendelijke Groet", "dhr.
    Zaterdag", "Dank U"); the cue says the rest is one ("mevrouw Zwart")."""
    return length > 1 and low not in _NOT_NAMES and low not in _MONTHS and low not in _WEEKDAYS


def _takes_lowercase_name(s: _Scan, i: int, low: str) -> bool:
    if low in _LOWERCASE_RELATIONS or low.endswith(_SINGLE_RELATION_ENDINGS):
        return True
    return low in _GENERIC_RELATIONS and _possessive(s, i)


def _possessive(s: _Scan, i: int) -> bool:
    """Whether "mijn", "m'n", "haar", ... comes right before token i."""
    before = _before(s, i)
    if before == "n" and i >= 4 and s.tokens[i - 3] == "'":  # "m'n", "z'n"
        return s.folded[i - 4] in ("m", "z")
    return before in _POSSESSIVES


def _before(s: _Scan, i: int) -> str:
    """The token before token i and its space, folded; "" at the start."""
    j = _previous(s, i)
    return s.folded[j] if j >= 0 else ""


def _lowercase_name(s: _Scan, k: int) -> int | None:
    """Where a lowercase name after a relation ends ("glenn doelwijt", "ayşe demir"): up to
    three name words, with particles between them. A word that may be a verb is no name unless
    what follows shows it is: "mehmet heeft", "glenn doelwijt helpt", "koen jansen maakt" (but
    "betaalt de huur", "ophalen kan niet"). One word alone counts only before a finite verb or
    a comma ("ayşe heeft de sleutel", not "mijn moeder thuis")."""
    words, end, guessed = 0, None, False
    for _ in range(6):
        low = s.low(k)
        if words and low in _PARTICLES:  # "jan de vries"
            if s.tok(k + 1) != " ":
                break
            k += 2
            continue
        if not _lowercase_name_word(s, k):
            break
        after = s.low(k + 2) if s.tok(k + 1) == " " else ""
        if _verb_like(low):
            if words:  # a surname: "doelwijt helpt"
                if not _finite(after, probably=True):
                    break
            elif low.endswith("t") or low in _FINITE_VERBS:  # "mehmet heeft", not "rookt wiet"
                if after not in _FINITE_VERBS:
                    break
            elif after in _AFTER_INFINITIVES or not _finite(after, probably=True):
                if not (after and _lowercase_name_word(s, k + 2)):
                    break
                guessed = True  # "koen jansen", if "jansen" is a name word in turn
        words, k = words + 1, k + 1
        end = k
        if words == 3 or s.tok(k) not in (" ", "-"):
            break
        k += 1
    if end is None or (guessed and words == 1):
        return None
    if words == 1 and s.tok(end) != ",":
        return end if s.tok(end) == " " and _finite(s.low(end + 1), probably=True) else None
    return end


def _lowercase_name_word(s: _Scan, k: int) -> bool:
    word, low = s.tok(k), s.low(k)
    if not word.isalpha() or len(low) < 2:
        return False
    if low in _NOT_NAMES or low in _NOT_LOWERCASE_NAMES or low in _PARTICLES:
        return False
    if low in _RELATIONS or low in _TITLES or low in _MONTHS or low.endswith(_RELATION_ENDINGS):
        return False
    return not _is_health(low) and not _is_street(s, k)


def _verb_like(low: str) -> bool:
    if low in _FINITE_VERBS or low.endswith("t"):
        return True
    if (len(low) > 3 and low.endswith("en")) or (len(low) > 4 and low.endswith(("de", "te"))):
        return True  # "bellen", "woonde", "maakte"
    return low.endswith("d") and low.startswith(("ge", "ver", "be", "ont", "her"))


def _finite(low: str, probably: bool = False) -> bool:
    if low in _FINITE_VERBS:
        return True
    if not probably or low in _NOT_NAMES or low in _NOT_LOWERCASE_NAMES:
        return False
    return len(low) >= 5 and low.isalpha() and low.endswith("t")


def _capitalised_name_word(s: _Scan, k: int) -> bool:
    word, low = s.tok(k), s.low(k)
    if not word.isalpha() or len(word) < 2 or not word[0].isupper():
        return False
    if low in _NOT_NAMES or low in _NOT_LOWERCASE_NAMES or low in _NOT_CAPITALISED_NAMES:
        return False
    if low in _ADJECTIVES:
        return False
    if low in _PARTICLES or low in _STREET_PREFIXES or low in _TITLES or low in _MONTHS:
        return False
    if low in _RELATIONS or low.endswith(_RELATION_ENDINGS):
        return False
    if low in _OPENINGS or low in _CLOSINGS or low in _NUMBER_WORDS:
        return False
    return not _is_health(low) and not _is_street(s, k)


def _name_in_context(s: _Scan, i: int) -> _Hit | None:
    """A capitalised name that what follows shows to be one: a relation in brackets
    ("Hüseyin Kaya (bovenbuurman)"), "en zijn/z'n/haar" ("Youssef en zn vrienden"), where
    someone lives ("Truus van de overkant"), or, for a first name and a surname at the start of
    a sentence, a finite verb ("Piotr Kowalski boort")."""
    if not _capitalised_name_word(s, i):
        return None
    before = _before(s, i)
    if before in _POSSESSIVES or before in _AFTER_NO_NAME:
        return None  # "de Jumbo van hiernaast", "in Almere en zijn ...", "Ons Huis en zijn"
    end, words, k = i + 1, 1, i + 1
    while (
        words < 3
        and s.tok(k) in (" ", "-")
        and (
            _capitalised_name_word(s, k + 1)
            or (s.tok(k) == "-" and s.tok(k + 1).istitle() and s.low(k + 1) in _FIRST_NAMES)
        )
    ):
        words, k = words + 1, k + 2  # "Piotr Kowalski", "Gert-Jan"
        end = k
    if any(s.low(j) in _SHOP_NAMES or s.low(j) in _ORGANISATIONS for j in range(i, end, 2)):
        return None  # "Albert Heijn heeft", "Vattenfall zegt"
    starts = before in ("", ".", "!", "?")
    if starts and words == 2 and s.tok(end) == "," and _unknown_word(s, i + 2):
        if s.low(i) in _FIRST_NAMES or _unknown_word(s, i):
            return _Hit(i, end, NAME)  # "Ans Brinkman, flat 4e etage Ringdijk 300"
    if s.tok(end) != " ":
        return None
    follower = s.low(end + 1)
    if follower == "(" and _relation_word(s, end + 2):
        return _Hit(i, end, NAME)
    known = s.low(i) in _FIRST_NAMES or _unknown_word(s, i)
    if follower == "(" and known and _date_ahead(s, end + 2):
        return _Hit(i, end, NAME)  # "Rishi (14-05-2012)", a child's birth date
    if follower == "hier" and known and (starts or _after_a_greeting(s, i)):
        if s.tok(end + 2) in ("", ",", ".", "!", ":", "-"):
            return _Hit(i, end, NAME)  # "Marek hier, bereikbaar op ..."
    if starts and words == 1 and follower in _PEOPLE_VERBS and _unknown_word(s, i):
        return _Hit(i, end, NAME)  # "Tesfalem zegt", not "Klantcontact zei"
    if before in ("aan", "met", "tegen") and words <= 2 and _participle(follower):
        if all(_unknown_word(s, j) for j in range(i, end, 2)):
            return _Hit(i, end, NAME)  # "aan Mahad gevraagd", "met Bogdana gesproken"
    if follower == "en" and s.tok(end + 2) == " " and _his_or_her(s, end + 3):
        return _Hit(i, end, NAME)
    if follower in ("heet", "heten") and before in ("ze", "zij", "hij", "die"):
        return _Hit(i, end, NAME)  # "ik geloof dat ze Wouters heten"
    if follower == "van" and s.tok(end + 2) == " " and _nearby(s, end + 3):
        return _Hit(i, end, NAME)
    if starts and words == 1 and follower == "en" and _neighbours(s, end + 3):
        return _Hit(i, end + 4, NAME)  # "Bas en Roos van nummer 3"
    if starts and words == 2 and follower == "van" and _unknown_word(s, i + 2):
        return _Hit(i, end, NAME)  # "Lama Darwish van Vluchtelingenwerk helpt"
    if before in _HAVE and follower in _PERSON_OBJECT and words == 1 and _may_name(s, i):
        return _Hit(i, end, NAME)  # "Ik heb Roos gevraagd", "heeft Tesfay gebeld"
    if starts and words >= 2 and _finite(follower, probably=True):
        return _Hit(i, end, NAME)
    if before in _BEFORE_PEOPLE and words == 2 and _uncommon(s, i) and _uncommon(s, i + 2):
        return _Hit(i, end, NAME)  # "heeft Dawit Tekle gebeld", not "met Albert Heijn"
    return None


_SENTENCE_ENDS = frozenset((".", "!", "?", "።", "؟", "。"))  # Ge'ez, Arabic, Chinese too


def _signature(s: _Scan, i: int) -> _Hit | None:
    """A name that signs the message at its end: on a line of its own ("...\nShanice",
    "\nRiet Veldkamp"), after a dash ("- Sarah") or as the last sentence ("... . Ramon").
    One word must be a known first name; two or three must end in no common word or start
    with a known first name."""
    before = _before(s, i)
    if before in _SENTENCE_ENDS and _last_word(s, i) and s.tok(i).islower():
        low = s.low(i)
        if low in _FIRST_NAMES and low not in _COMMON_WORDS and low not in _FOREIGN_WORDS:
            return _Hit(i, i + 1, NAME)  # "… nog steeds daar. marjolein"
    if _caseless(s.tok(i)) and before in _SENTENCE_ENDS:
        hit = _caseless_name(s, i)
        if s.tok(hit.end) in ("", ".") and s.tok(hit.end + 1) == "":
            return hit  # "... ቁጽሪ ስልከይ 06 49 82 17 36። ሳባ ተኽለ"
    if not _capitalised_name_word(s, i) or s.low(i) in _ORGANISATIONS:
        return None
    own_line = s.line_starts(i) or (before in ("-", "–", "—") and s.tokens[i - 1].isspace())
    if not own_line and before not in _SENTENCE_ENDS:
        return None
    end, words, k = i + 1, 1, i + 1
    while words < 3 and s.tok(k) in (" ", "-") and k not in s.breaks:
        j = k + 1
        while s.low(j) in _PARTICLES and s.tok(j + 1) == " ":
            j += 2
        if not _capitalised_name_word(s, j):
            break
        words, k = words + 1, j + 1
        end = k
    first = s.low(i) in _FIRST_NAMES
    if first and s.line_starts(i) and (end in s.breaks or s.tok(end) == ""):
        return _Hit(i, end, NAME)  # "...\nNathalie\n0622981047": a line of its own
    rest = end
    while rest < s.limit and (s.tokens[rest].isspace() or s.tokens[rest] in ".!,"):
        rest += 1
    if rest != len(s.tokens):
        return None  # not the end of the message (or past what a recogniser may see)
    if words == 1:
        return _Hit(i, end, NAME) if first and (own_line or _uncommon(s, i)) else None
    if first or (own_line and _uncommon(s, end - 1) and not _compound(s.low(end - 1))):
        return _Hit(i, end, NAME)
    if all(_unknown_word(s, k) for k in range(i, end, 2)):
        return _Hit(i, end, NAME)  # "... እዩ። Yonas Tesfamariam"
    return None


def _last_word(s: _Scan, i: int) -> bool:
    """Whether token i ends the message (but for a full stop or an exclamation)."""
    rest = i + 1
    while rest < s.limit and (s.tokens[rest].isspace() or s.tokens[rest] in ".!"):
        rest += 1
    return rest == len(s.tokens)


def _neighbours(s: _Scan, k: int) -> bool:
    """Whether, after "X en" at the start of a sentence, token k starts "Y van <where>" (a
    capitalised word, then where they live): "Bas en Roos van nummer 3"."""
    if s.tok(k - 1) != " " or not _capitalised_name_word(s, k) or s.tok(k + 1) != " ":
        return False
    return s.low(k + 2) == "van" and s.tok(k + 3) == " " and _nearby(s, k + 4)


def _uncommon(s: _Scan, k: int) -> bool:
    """A word that is no common Dutch word, nor a shop's."""
    low = s.low(k)
    return low not in _COMMON_WORDS and low not in _SHOP_NAMES


def _unknown_word(s: _Scan, k: int) -> bool:
    """A capitalised word that may be a name the lists lack ("Tesfalem"), or a known first
    name: no common Dutch word, no company's or brand's, and no compound of two common words
    ("Klantcontact", "Wijkbeheer")."""
    low = s.low(k)
    if low in _ORGANISATIONS or not _capitalised_name_word(s, k):
        return False
    return low in _FIRST_NAMES or (_uncommon(s, k) and not _compound(low))


def _may_name(s: _Scan, k: int) -> bool:
    """A capitalised word within a sentence that a verb of people shows to be a name: an
    unknown word, or a short common one ("Roos", "Toon"), not a company's."""
    low = s.low(k)
    if low in _ORGANISATIONS or low in _SHOP_NAMES or not _capitalised_name_word(s, k):
        return False
    return (len(low) <= 5 and low.isalpha()) or _unknown_word(s, k)


def _compound(low: str) -> bool:
    """Whether the word is a common Dutch word after another or after three letters or more
    ("klantcontact", "bewonerscommissie", "wijkbeheer"); a long word counts as one. Surnames
    like "Oosterhuis" count too: they are no name without a cue here."""
    if len(low) > _LONGEST_NAME_WORD:
        return True
    for cut in range(3, len(low) - 2):
        head, tail = low[:cut], low[cut:]
        if tail not in _COMMON_WORDS:
            continue
        if (
            len(tail) >= 4
            or head in _COMMON_WORDS
            or (head.endswith("s") and head[:-1] in _COMMON_WORDS)
        ):
            return True  # "wijkbeheer" ("wijk" is left out of the common words, for "van Wijk")
    return False


def _participle(low: str) -> bool:
    """ "gevraagd", "afgesproken", "doorgegeven", "gesproken": a past participle, perhaps with
    a separable prefix, or a verb of talking that follows whom it is about."""
    if low in _TALKING:
        return True
    if len(low) > _LONGEST_NAME_WORD or not low.isalpha():
        return False
    stem = next((low[len(p) :] for p in _SEPARABLE if low.startswith(p + "ge")), low)
    return stem.startswith("ge") and len(stem) >= 6 and stem.endswith(("d", "t", "en"))


def _date_ahead(s: _Scan, k: int) -> bool:
    """Whether a date with its year starts at token k ("14-05-2012", "3/2/2019")."""
    day, month, year = s.tok(k), s.tok(k + 2), s.tok(k + 4)
    if s.tok(k + 1) not in ("-", "/", ".") or s.tok(k + 3) != s.tok(k + 1):
        return False
    return all(_digits(t) and len(t) <= n for t, n in ((day, 2), (month, 2), (year, 4)))


def _first_name(s: _Scan, i: int) -> _Hit | None:
    """A known first name (first_names.txt) without a cue: with a capitalised surname after it,
    perhaps after particles ("Piet Jansen", "Mohamed El Idrissi", "Jan-Willem van Dam"); alone
    at the start of a sentence before a verb ("Sara belde") or, capitalised, within one
    ("met Sara gesproken"); or lowercase before a word that is no common Dutch word ("ik heb
    sara visser gesproken", "met anna de vries"), when the name itself is no Dutch word."""
    word, low = s.tok(i), s.low(i)
    if low not in _FIRST_NAMES or low in _ORGANISATIONS or not word.isalpha():
        return None
    if s.tok(i + 1) == " " and s.low(i + 2) in _SHOP_NAMES:
        return None  # "bij Albert Heijn", "de albert heijn"
    before = _before(s, i)
    if before in _STREET_PREFIXES or before in _POSSESSIVES:
        return None  # "Prins Hendrik", "Koningin Juliana"; "mijn Mercedes"
    if word[0].isupper():
        first = i + 1
        if s.tok(i + 1) == "-" and s.tok(i + 2).istitle() and s.low(i + 2) in _FIRST_NAMES:
            first = i + 3  # "Henk-Jan"
        end = _surname(s, first, capitalised=True)
        if end:
            return _Hit(i, end, NAME)
        if before in ("", ".", "!", "?"):
            after = s.low(first + 1) if s.tok(first) == " " else ""
            starts = _finite(after, probably=True) or (after == "en" and _another(s, first + 3))
            if s.tok(first) == "," and _uncommon(s, i):
                starts = True  # "... houden? Annemarie, Havikstraat 1-a"
            return _Hit(i, first, NAME) if starts else None
        if before == "(" and s.tok(first) == ")":
            return _Hit(i, first, NAME)  # "bel mijn vrouw: 06-38291047 (Samira)"
        if before in _AFTER_NO_NAME or not (before.isalpha() or before == ","):
            return None  # "in Axel", "de Jumbo"; "...: Sara" and the like are left alone
        return _Hit(i, first, NAME) if first > i + 1 or _capitalised_name_word(s, i) else None
    if low in _COMMON_WORDS or low in _ORGANISATIONS or not _lowercase_name_word(s, i):
        return None
    # No lowercase surname after an English word: "the 3rd floor has", "you can reach me".
    end = None if low in _FOREIGN_WORDS else _surname(s, i + 1, capitalised=False)
    if end:
        return _Hit(i, end, NAME)
    return _Hit(i, i + 1, NAME) if _lowercase_alone(s, i, before) else None


def _lowercase_alone(s: _Scan, i: int, before: str) -> bool:
    """Whether a known first name in lower case at token i, without a surname, names someone
    by what is around it: "met emma praten", "aan khadija gevraagd", "ik ben marco,"; at the
    start of a sentence "yusuf van hiernaast", "khadija heeft", "samira en haar kinderen"."""
    after = s.low(i + 2) if s.tok(i + 1) == " " else s.tok(i + 1)
    if before in ("met", "aan", "tegen", "namens"):
        return after in ("", ",", ".", "!", "?") or _participle(after)
    if before == "ben" and _before(s, _previous(s, i)) == "ik":
        if after == "en" and s.tok(i + 3) == " ":
            return s.low(i + 4) in _POSSESSIVES or s.low(i + 4) in ("ik", "wij", "we")
        return after in ("", ",", ".", "!")  # "ik ben marco, de zoon van"
    if before not in ("", ".", "!", "?", ","):
        return False
    if after == "van" and s.tok(i + 3) == " ":
        return _nearby(s, i + 4)
    if after == "en" and s.tok(i + 3) == " ":
        return _his_or_her(s, i + 4)
    return after in _FINITE_VERBS and after not in ("is", "was")


def _lowercase_pair(s: _Scan, i: int) -> _Hit | None:
    """Two lowercase words at the start of a sentence that are no Dutch words, before what
    shows they name someone: "semhar tekle en haar kinderen", "tesfay gebre zegt"."""
    if not s.tok(i).islower() or s.tok(i + 1) != " " or not s.tok(i + 2).islower():
        return None
    if _before(s, i) not in ("", ".", "!", "?"):
        return None
    for k in (i, i + 2):
        low = s.low(k)
        if not _lowercase_name_word(s, k) or not _uncommon(s, k) or low in _ORGANISATIONS:
            return None
        if _compound(low) or (_verb_like(low) and low not in _FIRST_NAMES):
            return None
    if s.tok(i + 3) != " ":
        return None
    follower = s.low(i + 4)
    if follower == "en" and s.tok(i + 5) == " " and _his_or_her(s, i + 6):
        return _Hit(i, i + 3, NAME)
    if follower == "van" and s.tok(i + 5) == " " and _nearby(s, i + 6):
        return _Hit(i, i + 3, NAME)
    return _Hit(i, i + 3, NAME) if follower in _PEOPLE_VERBS else None


def _another(s: _Scan, k: int) -> bool:
    """ "Lisa en ik", "Roelof en Trijntje": after "en" at token k - 2, the writer or a known
    capitalised first name."""
    if s.tok(k - 1) != " ":
        return False
    word, low = s.tok(k), s.low(k)
    return low in ("ik", "wij", "we") or (word[:1].isupper() and low in _FIRST_NAMES)


def _surname(s: _Scan, k: int, capitalised: bool) -> int | None:
    """Where a surname after a first name ends that starts at token k with its space or
    hyphen: up to three particles, then one or two name words; capitalised, or, lowercase,
    words that are no common Dutch word ("visser", not "woont")."""
    end = None
    for _ in range(2):
        if s.tok(k) not in (" ", "-") or k in s.breaks:
            break
        j, particles = k + 1, 0
        while particles < 3:
            if s.tok(j) == "'" and s.low(j + 1) in ("t", "s") and s.tok(j + 2) == " ":
                j, particles = j + 3, particles + 1  # "Gijs van 't Hof"
                continue
            if s.tok(j + 1) not in (" ", "-") or not (
                s.low(j) in _PARTICLES or (capitalised and s.tok(j) == "A" and k > 0)
            ):
                break
            j, particles = j + 2, particles + 1  # "van der", "al-Hassan", "Fung A Loi"
        word = s.tok(j)
        if word.isupper() and len(word) <= 4:
            break  # "Linda van HR", "Kim KCC"
        if _is_street(s, j) and s.tok(j + 1) == " " and _house_number(s, j + 2):
            break  # "bij Jan-Willem op de Zonnebloemstraat 27"
        if capitalised:
            if not _capitalised_name_word(s, j) and not (particles and word.istitle()):
                break
        elif not (word.islower() and _lowercase_name_word(s, j)) or s.low(j) in _COMMON_WORDS:
            break
        k = end = j + 1
    return end


def _relation_word(s: _Scan, k: int) -> bool:
    """ "bovenbuurman", "mijn buurman", "de ex" after a bracket at token k."""
    if s.low(k) in _POSSESSIVES or s.low(k) in ("de", "het"):
        k += 2 if s.tok(k + 1) == " " else 0
    low = s.low(k)
    return low in _RELATIONS or low.endswith(_RELATION_ENDINGS)


def _his_or_her(s: _Scan, k: int) -> bool:
    low = s.low(k)
    if low in ("zijn", "zn", "haar"):
        return True
    return low in ("z", "d") and s.tok(k + 1) == "'" and s.low(k + 2) in ("n", "r")


def _nearby(s: _Scan, k: int) -> bool:
    if s.low(k) in ("de", "het", "t") and s.tok(k + 1) == " ":
        k += 2
    if s.low(k) in _NEARBY:
        return True
    return _digits(s.tok(k)) and s.tok(k + 1) in (" ", "-") and s.low(k + 2) == "hoog"


def _is_health(low: str) -> bool:
    if low in _CUED_HEALTH:
        return False  # only in a health phrase (`_health`)
    if low in _HEALTH or low.startswith(_HEALTH_STARTS):
        return True
    if low.endswith("klachten") and low.startswith(_COMPLAINT_PARTS):
        return True  # "longklachten", "rugklachten", not "geluidsklachten"
    if low.endswith("breuk") and (low.endswith(_NOT_FRACTURES) or len(low) < 8):
        return False  # "botbreuk", "heupbreuk"; not "breuk", "leidingbreuk"
    return low.endswith(_HEALTH_ENDINGS) and not low.endswith(_NOT_HEALTH_ENDINGS)


def _health(s: _Scan, i: int) -> _Hit | None:
    low = s.low(i)
    if low == "burn" and s.tok(i + 1) == "-" and s.low(i + 2) == "out":
        return _Hit(i, i + 3, HEALTH)
    if low == "bevallen" and _before(s, i) in _BEFORE_BIRTH:
        return _Hit(i, i + 1, HEALTH)  # "ik ben net bevallen"
    if low == "slecht" and s.low(i + 2) in ("ter", "te") and s.low(i + 4) == "been":
        return _Hit(i, i + 5, HEALTH)  # "slecht ter been"
    end = _body_phrase(s, i) or _health_phrase(s, i)
    if end:
        return _Hit(i, end, HEALTH)
    if _is_health(low) and s.tok(i + 1) == "-" and s.tok(i + 2).isalpha():
        return _Hit(i, i + 3, HEALTH)  # "astma-aanvallen"
    if low in ("gebruik", "gebruikt", "krijg", "krijgt") and s.tok(i + 1) == " ":
        if s.low(i + 2).startswith("zuurstof"):
            return _Hit(i + 2, i + 3, HEALTH)  # "ik gebruik zuurstof thuis"
    if low in _CUED_HEALTH:
        if low in _HEALTH_ACRONYMS and not s.tok(i).isupper():
            return None  # "als", "add"; but "ik heb MS"
        if low == "ziek" and s.tok(i + 1) == " " and s.low(i + 2) == "van":
            return None  # "ik ben ziek van de herrie": fed up
        if low in _HEALTH_ACRONYMS and _possessive(s, i):
            return _Hit(i, i + 1, HEALTH)  # "door mijn MS"
        return _Hit(i, i + 1, HEALTH) if _before(s, i) in _HEALTH_CUES else None
    if not _is_health(low):
        return None
    if low in _AIDS and _aid_of_no_one(s, i):
        return None
    if s.tok(i + 1) == " " and s.low(i + 2) == "type" and s.tok(i + 3) == " ":
        if _digits(s.tok(i + 4)):
            return _Hit(i, i + 5, HEALTH)  # "diabetes type 2"
    return _Hit(i, i + 1, HEALTH)


def _lying_before(s: _Scan, i: int) -> bool:
    """Whether "ligt", "lag", "opgenomen" ... is one of the four words before token i
    ("ligt sinds vorige week in het ziekenhuis")."""
    j = i
    for _ in range(4):
        j = _previous(s, j)
        if j < 0:
            return False
        if s.folded[j] in _LYING:
            return True
    return False


def _hospital(s: _Scan, k: int) -> int | None:
    """Where "het ziekenhuis", "de psychiatrie", "de IC" at token k ends; "het Isala", "het
    Prinses Máxima Centrum", "het Antonius Ziekenhuis" too (up to four words ending in one of
    them)."""
    if s.low(k) not in ("het", "de", "t") or s.tok(k + 1) != " ":
        return None
    j = k + 2
    for _ in range(4):
        low = s.low(j)
        if low in _HOSPITALS or low.endswith(("ziekenhuis", "kliniek")):
            return j + 1
        if low == "centrum" and j > k + 2:
            return j + 1  # "het Prinses Máxima Centrum", not "het centrum", "winkelcentrum"
        if not s.tok(j).isalpha() or s.tok(j + 1) != " ":
            return None
        j += 2
    return None


def _health_phrase(s: _Scan, i: int) -> int | None:
    """Where a health detail told in a phrase that starts at token i ends: "ziekte van
    Parkinson", "syndroom van Down", "allergisch voor huisstofmijt", "een verstandelijke
    beperking", "(8 maanden) in verwachting", "afhankelijk van zuurstof"."""
    low = s.low(i)
    if s.tok(i + 1) != " ":
        return None
    after = s.low(i + 2)
    if low in _NAMED_CONDITIONS and after == "van" and s.tok(i + 3) == " ":
        return i + 5 if s.tok(i + 4)[:1].isupper() and s.tok(i + 4).isalpha() else None
    if low in _ALLERGIC and after == "voor" and s.tok(i + 3) == " ":
        return i + 5 if s.tok(i + 4).isalpha() else i + 1
    if low in _IMPAIRED and after in _IMPAIRMENTS:
        return i + 3
    if low in _DEGREES and after in _IMPAIRED and s.tok(i + 3) == " ":
        return i + 5 if s.low(i + 4) in _IMPAIRMENTS else None  # "licht verstandelijke ..."
    if low in ("in", "met") and after == "een" and s.tok(i + 3) == " ":
        if _before(s, i) in _PEOPLE_IN_GENERAL or _someone(s, _previous(s, i)):
            return None  # "mensen met een rollator komen er niet door", "een meneer met …"
        return i + 5 if s.low(i + 4) in _AIDS else None  # "zit in een rolstoel"
    if _is_health(low) and after in _HEALTH_NOUNS:
        return i + 3  # "psychiatrische opname"
    if low == "in" and after == "verwachting" and _before(s, i) in _EXPECTING:
        return i + 3 if not (s.tok(i + 3) == " " and s.low(i + 4) == "van") else None
    if low == "afhankelijk" and after == "van" and s.tok(i + 3) == " ":
        return i + 5 if s.low(i + 4).startswith("zuurstof") else None
    if after in _HEALTH_PAIRS.get(low, ()) or after in _TURKISH_PATIENT:
        return i + 3  # "chronisch ziek", "long covid", "w ciąży", "kalp hastası"
    if low == "tekerlekli" and after.startswith("sandalye"):
        return i + 3  # Turkish, a wheelchair
    if low in _SENSES and after == "slecht" and _before(s, i) in ("ik", "hij", "zij", "ze"):
        return i + 3  # "want ik hoor slecht"
    if low in ("in", "op") and _lying_before(s, i):
        return _hospital(s, i + 2)  # "ligt in het ziekenhuis", "opgenomen op de IC"
    if low in ("verslaafd", "verslaving") and after == "aan" and s.tok(i + 3) == " ":
        return i + 5 if s.tok(i + 4).isalpha() else None  # "verslaafd aan drugs"
    if low in ("afkicken", "afkickt") and after == "van" and s.tok(i + 3) == " ":
        k = i + 4 + (2 if s.low(i + 4) in _ARTICLES else 0)
        return k + 1 if s.tok(k).isalpha() else i + 1  # "afkickt van de heroïne"
    if low in _BODY_PARTS and after == "in" and s.low(i + 4) == "het" and s.low(i + 6) == "gips":
        return i + 7  # "mijn hand in het gips"
    k = i + 2 if low in _DEGREES else i
    if s.low(k) == "verstandelijk" and s.low(k + 2) in ("beperkt", "gehandicapt"):
        return k + 3  # "(licht) verstandelijk beperkt"
    return None


def _body_phrase(s: _Scan, i: int) -> int | None:
    """Where a phrase about a part of the body that starts at token i ends: "(aan) haar heup
    geopereerd", "een nieuwe knie (gekregen)", "mijn enkel gebroken", "een gebroken pols",
    "mijn knie doet pijn", "geopereerd aan mijn heup", "a toe amputated"; not "de hand" or
    "de deur doet het niet"."""
    if s.low(i) in _BODY_EVENTS and s.tok(i + 1) == " " and s.low(i + 2) == "aan":
        k = i + 4 if s.tok(i + 3) == " " else 0
        k += 2 if s.low(k) in _POSSESSIVES and s.tok(k + 1) == " " else 0
        if k and s.low(k) in _BODY_PARTS:
            return k + 1
    if s.low(i) in _ENGLISH_BODY_PARTS and s.tok(i + 1) == " ":
        if s.low(i + 2) in _ENGLISH_BODY_AFTER:
            return i + 3
    j = i
    if s.low(j) == "aan" and s.tok(j + 1) == " ":
        j += 2
    if s.tok(j + 1) == " " and (s.low(j) in _POSSESSIVES or s.low(j) in ("een", "de", "het")):
        j += 2
    before, part = s.low(j), s.low(j + 2)
    if before in _BODY_BEFORE and s.tok(j + 1) == " " and part in _BODY_PARTS:
        if s.low(i) == "aan" or (before == "nieuwe" and part not in _NEW_PARTS):
            return None  # "de nieuwe hand van de klok"
        end = j + 3
        return end + 2 if s.tok(end) == " " and s.low(end + 1) in _BODY_ENDS else end
    if s.low(j) in _BODY_PARTS and s.tok(j + 1) == " " and s.low(j + 2) in _BODY_AFTER:
        return j + 3
    if j > i and s.low(j) in _BODY_PARTS and s.tok(j + 1) == " " and s.low(j + 2) == "doet":
        return j + 5 if s.tok(j + 3) == " " and s.low(j + 4) == "pijn" else None
    return None


_RECOGNISERS: tuple[Callable[[_Scan, int], _Hit | None], ...] = (
    _email,
    _customer_number,
    _spelled_phone,
    _iban_number,
    _phone,
    _birth_date,
    _bsn_number,
    _postcode,
    _address,
    _address_without_ending,
    _known_name,
    _initials,
    _named,
    _name_in_context,
    _signature,
    _first_name,
    _lowercase_pair,
    _number_after_word,
    _health,
)
