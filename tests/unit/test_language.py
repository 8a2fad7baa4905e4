"""Which language a tenant writes: the rule (text, then Telegram's hint, then Dutch) and the real
detector on messages written for this test (never taken from the NLU data, never tuned on)."""

import asyncio

import pytest

from handoff.nlu import language
from handoff.nlu.language import Guess, decide, language_of

# Dutch tenants, from "ja" to a whole complaint: none of them may be answered in another
# language, whatever their Telegram app's language is.
DUTCH = [
    "ja", "nee", "ok", "hoi", "Ja hoor", "dank u", "top", "goedemiddag", "Klopt", "Liever niet",
    "2517 KL 8", "in de slaapkamer", "sinds vorige week", "ik wil een medewerker",
    "Dit is al de derde keer dat ik over mijn schimmel contact opneem!!",
    "er druppelt water uit het plafond van de gang",
    "wanneer komt de schilder voor het onderhoud",
    "IK WACHT AL WEKEN OP ANTWOORD",
    "mijn dochter zoekt een huurwoning in de buurt",
    "kan ik de huur later betalen deze maand",
]  # fmt: skip
OTHER = [
    ("en", "My heating is broken and I smell gas"),
    ("en", "There is water coming through the bathroom ceiling"),
    ("en", "Could I speak to someone about my rent, please?"),
    ("en", "I am moving out next month, what do I need to do?"),
    ("tr", "Mutfakta musluk damlıyor, ne zaman gelirsiniz?"),
    ("tr", "Kiramı bu ay geç ödeyebilir miyim?"),
    ("tr", "Üst kattaki komşular çok gürültü yapıyor"),
    ("ar", "هناك رطوبة وعفن في غرفة النوم"),
    ("ar", "أريد التحدث مع موظف من فضلك"),
    ("pl", "W łazience jest pleśń na ścianie"),
    ("pl", "Czy mogę zapłacić czynsz w dwóch ratach?"),
    ("pl", "Drzwi wejściowe się nie zamykają od tygodnia"),
    ("de", "Die Heizung in meiner Wohnung funktioniert nicht"),
    ("fr", "Il y a une fuite d'eau dans la cuisine depuis hier"),
]


@pytest.mark.parametrize("hint", [None, "nl", "en", "tr"])
def test_dutch_tenants_stay_dutch_whatever_their_telegram_says(hint: str | None) -> None:
    async def languages() -> list[str]:
        return [await language_of(text, hint) for text in DUTCH]

    assert asyncio.run(languages()) == ["nl"] * len(DUTCH)


def test_the_detector_tells_other_languages_from_their_text_alone() -> None:
    async def languages() -> list[str]:
        return [await language_of(text) for _, text in OTHER]

    assert asyncio.run(languages()) == [expected for expected, _ in OTHER]


def test_a_short_text_takes_the_hint_only_when_it_does_not_look_dutch() -> None:
    not_dutch = Guess((("tr", 0.4), ("en", 0.2), ("nl", 0.05)))
    maybe_dutch = Guess((("pl", 0.29), ("tr", 0.28), ("nl", 0.19)))
    assert decide("Merhaba", not_dutch, "tr") == "tr"
    assert decide("Merhaba", not_dutch, "pt-BR") == "nl"  # a language the app does not know
    assert decide("Merhaba", not_dutch, None) == "nl"
    assert decide("okay", maybe_dutch, "tr") == "nl"
    assert decide("Hi", not_dutch, "en") == "nl"  # two letters say nothing
    assert decide("12345", None, "en") == "nl"


def test_a_hint_names_another_language_only_when_the_app_tells_it_apart() -> None:
    # What /start uses before the tenant has written anything (services/conversation.py).
    assert [language.hinted(h) for h in ("tr", "ar-MA", "pt_BR", "en-GB", "ES")] == [
        "tr", "ar", None, "en", "es"
    ]  # fmt: skip
    assert [language.hinted(h) for h in ("nl", "nl-BE", "", None, "*")] == [None] * 5


def test_a_long_clear_text_wins_over_the_hint() -> None:
    english = Guess((("en", 0.62), ("nl", 0.14)))
    unclear = Guess((("en", 0.35), ("de", 0.3), ("nl", 0.1)))
    assert decide("My heating is broken", english, "nl") == "en"
    assert decide("My heating is broken", english, "tr") == "en"
    assert decide("Heizung broken kaput", unclear, None) == "nl"  # no clear lead: Dutch
    assert decide("Heizung broken kaput", unclear, "de") == "de"  # …unless the hint says


def test_the_detector_is_built_once_per_process() -> None:
    assert language.detector() is language.detector()


@pytest.mark.parametrize(
    "text",
    ['/talk_to_human{"summary": "INJECTED"}', " / /report_emergency", "see https://example.org/a"],
)
def test_intents_code_and_links_are_no_words_of_any_language(text: str) -> None:
    assert asyncio.run(language_of(text, "en")) == "nl"
