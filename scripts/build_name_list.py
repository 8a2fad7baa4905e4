"""Builds the masker's word lists in handoff/domain/data/ from well-kept sources.

- first_names.txt: first names from Faker's person providers (the locales below) and from
  gender-guesser's name dictionary (Jörg Michael's nam_dict, the countries below), lower-cased,
  without the names that are Dutch words too (OpenTaal's word list, Debian's `wdutch`) unless
  they were reviewed as names first (KEEP), without Dutch place names (Faker's nl_NL and nl_BE
  cities) and without the hand list EXCLUDE.
- common_words.txt: the most frequent Dutch words (wordfreq) that OpenTaal lists in lower case,
  less the words of Dutch surnames (Faker's nl_NL and nl_BE last names: "bakker", "boer")
  and the first names that are rarely words ("sara", "peter").
  The masker reads a lower-case "firstname word" as a name only when the word is not here.

Run it after upgrading a source, and commit what it writes; the app never imports Faker or
wordfreq (handoff/domain/privacy.py only reads the files):

    apt-get install wdutch
    pip install --target /tmp/buildlib 'faker==40.63.0' 'wordfreq==3.1.1' 'gender-guesser==0.4.0'
    PYTHONPATH=/tmp/buildlib python scripts/build_name_list.py
"""

import importlib
import subprocess
import unicodedata
from importlib.metadata import version
from pathlib import Path

import faker
import gender_guesser.detector
import wordfreq
from faker.providers.address.nl_BE import Provider as BelgianAddresses
from faker.providers.address.nl_NL import Provider as DutchAddresses
from faker.providers.person.nl_BE import Provider as BelgianPeople
from faker.providers.person.nl_NL import Provider as DutchPeople

OUT = Path(__file__).resolve().parent.parent / "handoff" / "domain" / "data"
DICTIONARY = Path("/usr/share/dict/dutch")  # Debian's wdutch: OpenTaal's word list
COMMON_WORDS = 30_000  # wordfreq's most frequent Dutch words that are looked at

# Where tenants of Dutch housing corporations and their neighbours come from, in Latin script
# (Faker's ar_* locales write Arabic script; fr_DZ, fr_BE, de_DE and en_KE have the Maghrebi,
# Turkish and Somali names in Latin letters).
LOCALES = (
    "nl_NL", "nl_BE", "tr_TR", "pl_PL", "de_DE", "fr_FR", "fr_BE", "fr_DZ", "en_GB", "en_US",
    "en_KE", "es_ES", "it_IT", "pt_PT", "pt_BR", "ro_RO", "id_ID", "tw_GH", "yo_NG", "ha_NG",
    "ig_NG", "sw", "hu_HU", "cs_CZ", "hr_HR", "sk_SK", "lt_LT", "lv_LV",
)  # fmt: skip
FIRST_NAME_LISTS = ("first_names", "first_names_male", "first_names_female")
# gender-guesser's dictionary names each name's frequency per country: the names used in these
# (the Netherlands and Flanders with Frisian names, Turkey, the Arab world with the Maghreb,
# Poland, India for Surinamese Hindustani names, and the neighbours' and migrants' countries).
# fmt: off
NAME_COUNTRIES = (
    "the_netherlands", "belgium", "east_frisia", "germany", "great_britain", "usa", "france",
    "spain", "italy", "portugal", "turkey", "arabia", "poland", "india", "romania", "bulgaria",
    "bosniaand", "croatia", "serbia", "albania", "kosovo", "macedonia", "greece", "ukraine",
    "russia", "other_countries",
)
# fmt: on

# Names that OpenTaal also lists as a word, but whose word is rare in tenants' messages next
# to a capitalised word or before a verb ("Piet Jansen", "Eva belde", "Mark Visser"): kept
# as names. (Lower case, they are still words: common_words.txt has them.)
# fmt: off
KEEP = frozenset((
    "aad", "aaltje", "aart", "abel", "abraham", "adam", "adonis", "alma", "amanda", "amber",
    "amine", "anita", "attila", "aurelia", "axel", "aya", "barend", "bas", "beau", "benjamin",
    "bente", "bob", "bobby", "bram", "bridget", "cas", "chris", "claus", "daisy", "darren", "demi",
    "dino", "dirk", "dolf", "donna", "dries", "eddy", "eden", "ellen", "els", "emir", "erica",
    "erin", "erna", "ernst", "ester", "eva", "faas", "ferry", "fleur", "flora", "franca", "franco",
    "frank", "geert", "geertje", "gemma", "gerold", "gloria", "griet", "grietje", "hannes", "hans",
    "helen", "hellen", "hendrik", "henry", "inga", "iris", "jaap", "jack", "jade", "jan", "janet",
    "jantje", "jasmijn", "jet", "joe", "joel", "joep", "joke", "jon", "jonas", "jonathan", "joop",
    "jozef", "juan", "karen", "kees", "kelly", "kelvin", "kim", "klaas", "koen", "koos", "kris",
    "kristen", "lex", "lies", "lieven", "linde", "lolita", "lori", "lorraine", "lou", "luis",
    "maarten", "madelief", "madison", "mara", "marc", "maren", "margarita", "margriet", "marina",
    "marjolein", "mark", "mart", "martino", "mary", "mats", "maxim", "maxime", "maxwell", "mees",
    "merel", "mia", "miep", "mies", "mila", "mina", "mirte", "nadir", "nel", "nelson", "nick",
    "noël", "omer", "pascal", "penny", "peter", "pier", "piet", "pietje", "puck", "rachel", "raf",
    "rani", "ria", "rico", "rietje", "rik", "rob", "robbert", "robert", "rowan", "sara", "sem",
    "serge", "sherry", "sjaak", "spencer", "sten", "steven", "teddy", "thomas", "tiffany", "tinne",
    "tommy", "torsten", "trijntje", "tuur", "uwe", "valentijn", "viola", "warren", "willie", "wim",
    "wout", "wouter",
))
# Of those, the ones whose word is common in lower case too ("mark", "jan" for januari, "bas",
# "amber"): common_words.txt keeps them, so that "jan jansen" is read as a name only with
# capitals. The other kept names are left out of it ("sara visser" is a name in lower case).
WORDS_TOO = frozenset((
    "amber", "bas", "beau", "bob", "cas", "eden", "els", "ester", "fleur", "flora", "frank",
    "iris", "jade", "jan", "jet", "kim", "koos", "lex", "lies", "margriet", "marina", "marjolein",
    "mark", "mart", "mats", "mees", "merel", "pier", "piet", "rob", "sem",
))
# Names that are no Dutch dictionary word but would still mask what tenants write: words of
# chat Dutch and English, months and weekdays (some locales have "April", "Juni"), places,
# shops and housing corporations, and particles.
EXCLUDE = frozenset((
    "oke", "ok", "an", "us", "line", "will", "may", "june", "hope", "grace", "joy", "honey",
    "sunny", "summer", "winter", "august", "augustus", "januari", "februari", "maart", "mei",
    "juni", "juli", "september", "oktober", "november", "december", "maandag", "dinsdag",
    "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "van", "de", "der", "den", "ter",
    "ten", "el", "al", "ben", "bin", "abu", "la", "le", "du", "da", "di", "von", "wil", "roos",
    "hoop", "berg", "dag", "zon", "bo", "do", "mark", "noord", "zuid", "oost", "west", "kerst",
    "pasen", "christmas", "sint", "heer", "toon", "lot", "job", "max", "dan", "ken",
    "kent", "elke", "prima", "lieve", "beste", "kader", "allen", "raden", "roman", "server",
    "corona", "leen", "edit", "mare", "wolf", "gala", "peer", "sol", "tan", "toy", "tri",
    "vega", "yoga", "nazi", "imam", "niks", "nada", "nas", "rasa", "tea", "urban", "lucky",
    "fancy", "comfort", "patience", "innocent", "constant", "vrij", "lief", "hema",
    "gamma", "action", "lidl", "aldi", "jumbo", "ikea", "ziggo", "essent", "eneco", "ymere",
    "vestia", "portaal", "mitros", "dunya", "sinterklaas", "amsterdam", "rotterdam", "den",
    "haag", "utrecht", "holland", "nederland", "belgie", "turkije", "polen", "marokko",
    "suriname", "allah", "god", "jezus", "christus", "islam", "ramadan",
    "china", "india", "kenya", "paris", "london", "berlin", "sydney", "aurora", "nova",
    "washington", "france", "santa", "isis", "mercedes", "queen", "sierra", "rica", "jo",
    "no", "si", "mi", "ma", "pa", "ni", "na", "ja", "nu", "zo", "me", "we", "ze", "je", "te",
    "om", "op", "in", "ik", "is", "en", "of", "er", "die", "dat", "wat", "hoe", "wie",
))
# fmt: on
# Names that Faker's cities hold as villages ("Axel", "Erica", "Roy") but that name a person
# first; the other names of places ("Horst", "Heino", "Made") are left out.
# fmt: off
NAMED_LIKE_A_PLACE = frozenset((
    "amel", "axel", "barry", "brecht", "dave", "dion", "erica", "joppe", "lamine", "lies",
    "linde", "melle", "philippine", "roy", "tilly", "veerle",
))
# fmt: on


def main() -> None:
    """Builds the word lists and writes them to handoff/domain/data/."""
    dictionary = {w for w in _lines(DICTIONARY) if w == w.lower()}
    cities = {_fold(c) for c in (*DutchAddresses.cities, *BelgianAddresses.cities)}
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in FIRST_NAME_LISTS:
            names.update(_fold(n) for n in _attribute(provider, attribute))
    names.update(_fold(n) for n in _dictionary_names())
    names = {n for n in names if n.isalpha() and len(n) >= 2 and _latin(n)}
    frequent = set(wordfreq.top_n_list("nl", COMMON_WORDS))
    # A name that is a rare word ("aagje", "krijn", "tjerk") stays a name.
    also_words = {n for n in names if n in dictionary and n in frequent} - KEEP
    first_names = sorted(names - also_words - EXCLUDE - (cities - NAMED_LIKE_A_PLACE))

    surnames = {
        _fold(word)
        for surname in (*DutchPeople.last_names, *BelgianPeople.last_names)
        for word in surname.split()
        if len(word) > 3  # not the particles ("van", "der", "ten"), nor "bos", "kok", "vos"
    }
    common = [
        w
        for w in wordfreq.top_n_list("nl", COMMON_WORDS)
        if w in dictionary and w.isalpha() and w not in surnames and w not in KEEP - WORDS_TOO
    ]
    wdutch = _wdutch_version()
    OUT.mkdir(exist_ok=True)
    _write(
        OUT / "first_names.txt",
        [
            f"First names, lower-cased, from Faker {faker.VERSION}'s person providers",
            f"({', '.join(FIRST_NAME_LISTS)}) of the locales",
            *_wrapped(LOCALES),
            f"and from gender-guesser {version('gender-guesser')}'s nam_dict.txt (Jorg Michael,",
            "GNU Free Documentation License 1.2) for the countries",
            *_wrapped(NAME_COUNTRIES),
            f"less the {len(also_words)} that are common Dutch words too (OpenTaal's list, Debian",
            f"wdutch {wdutch}, and wordfreq's {COMMON_WORDS} most frequent), Dutch and Belgian",
            "cities (Faker nl_NL, nl_BE) and a hand list.",
            "Written by scripts/build_name_list.py: do not edit.",
        ],
        first_names,
    )
    _write(
        OUT / "common_words.txt",
        [
            f"Common Dutch words, lower-cased: of wordfreq {version('wordfreq')}'s {COMMON_WORDS}",
            "most frequent Dutch words, those in OpenTaal's list in lower case (Debian wdutch",
            f"{wdutch}), less the words of Dutch surnames (Faker {faker.VERSION} nl_NL, nl_BE",
            "last_names) and the first names that are rare as words (KEEP - WORDS_TOO there).",
            "Written by scripts/build_name_list.py: do not edit.",
        ],
        common,
    )
    print(f"{len(first_names)} first names, {len(common)} common words")


def _dictionary_names() -> list[str]:
    """The names gender-guesser's dictionary gives a frequency in one of NAME_COUNTRIES."""
    detector = gender_guesser.detector.Detector(case_sensitive=False)
    columns = [detector.COUNTRIES.index(country) for country in NAME_COUNTRIES]
    return [
        name
        for name, genders in detector.names.items()
        if any(len(f) > c and f[c] != " " for f in genders.values() for c in columns)
    ]


def _attribute(provider: type, attribute: str) -> list[str]:
    for base in provider.__mro__:
        if attribute in base.__dict__:
            value = base.__dict__[attribute]
            return list(value) if isinstance(value, list | tuple | dict | set) else []
    return []


def _wrapped(words: tuple[str, ...]) -> list[str]:
    return [" ".join(words[k : k + 12]) for k in range(0, len(words), 12)]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _latin(name: str) -> bool:
    return all(ord(char) < 0x250 for char in name)


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, header: list[str], words: list[str]) -> None:
    text = "".join(f"# {line}\n" for line in header) + "".join(f"{w}\n" for w in words)
    path.write_text(text, encoding="utf-8")


def _wdutch_version() -> str:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "wdutch"],  # noqa: S607 - from PATH, on Debian
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


if __name__ == "__main__":
    main()
