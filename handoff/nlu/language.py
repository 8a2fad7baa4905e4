"""Which language a tenant writes: from the text when it says so clearly, else Telegram's hint,
else Dutch.

The detector is lingua (it ships its models), built once per process for the languages tenants
of a Dutch corporation write most, on a thread so the event loop never waits for it (about a
second, and about 300 MB for its models); detecting one message then takes under a millisecond.
Short messages ("ok", "ja", "hoi") tell nothing about their language, so they stay Dutch unless
Telegram's hint says otherwise and the text does not look Dutch either.
"""

import asyncio
import re
import threading
import unicodedata
from dataclasses import dataclass

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from handoff.domain.handoff_request import DUTCH

# What the detector chooses from, as ISO 639-1 codes: the languages the app answers in
# (handoff/texts.py IN_OTHER_LANGUAGES), and Spanish, answered in English. Each language more
# costs memory and makes the detector less sure of short texts.
LANGUAGES = ("nl", "en", "tr", "ar", "pl", "de", "fr", "es")

# The text decides when it has this many letters and the detector clearly prefers a language:
# this sure of it, and this many times surer than of the next one.
MIN_LETTERS = 12
MIN_CONFIDENCE = 0.3
MIN_LEAD = 2.0
# A shorter text follows Telegram's hint unless the detector finds Dutch this plausible.
DUTCH_PLAUSIBLE = 0.15
HINT_MIN_LETTERS = 4  # "1011 ab 12" or "Hi" carries no language at all

MIN_WORDS = 2  # different words, for the text to decide
READ_LETTERS = 1000  # the detector reads the start of a long message (bounded per message)

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]{2,}")
# Tokens that are no words of any language: intents and code ("/talk_to_human{…}"), addresses,
# links; a message of only these is Dutch, as is one without letters.
_NOT_A_WORD = re.compile(r"[_{}/\\<>=@#]")


@dataclass(frozen=True)
class Guess:
    """The detector's confidence per language (ISO 639-1), best first."""

    ranking: tuple[tuple[str, float], ...]

    def of(self, language: str) -> float:
        """The confidence in one language (0.0 when it is not ranked)."""
        return next((value for code, value in self.ranking if code == language), 0.0)


def decide(text: str, guess: Guess | None, hint: str | None) -> str:
    """The language to answer in: the text's when it is long enough and clear, else the
    channel's hint (Telegram's language_code) when the text does not look Dutch, else Dutch.
    One word repeated ("aaaa…", an emoji flood) is no language, however long."""
    letters = len(_LETTER.findall(text))
    words = {word.casefold() for word in _WORD.findall(text)}
    if guess and guess.ranking and letters >= MIN_LETTERS and len(words) >= MIN_WORDS:
        best, confidence = guess.ranking[0]
        runner_up = guess.ranking[1][1] if len(guess.ranking) > 1 else 0.0
        if confidence >= MIN_CONFIDENCE and confidence >= MIN_LEAD * runner_up:
            return best
    hinted = _known(hint)
    if hinted in (None, DUTCH) or letters < HINT_MIN_LETTERS:
        return DUTCH
    if guess is not None and guess.of(DUTCH) >= DUTCH_PLAUSIBLE:
        return DUTCH
    return hinted


def hinted(hint: str | None) -> str | None:
    """The language a channel's hint names when it is one of LANGUAGES other than Dutch; None
    for Dutch, no hint, or a language the app does not tell apart."""
    code = _known(hint)
    return None if code in (None, DUTCH) else code


def _known(hint: str | None) -> str | None:
    """A language tag ("en", "pt-br") as one of LANGUAGES, or None."""
    code = (hint or "").split("-")[0].split("_")[0].strip().casefold()
    return code if code in LANGUAGES else None


_built: LanguageDetector | None = None
_building = threading.Lock()


def detector() -> LanguageDetector:
    """The process's one detector, built on first use (blocking: call it on a thread)."""
    global _built  # noqa: PLW0603 - the process's one detector, built once under the lock
    with _building:
        if _built is None:
            chosen = [Language.from_iso_code_639_1(IsoCode639_1.from_str(c)) for c in LANGUAGES]
            _built = (
                LanguageDetectorBuilder.from_languages(*chosen)
                .with_preloaded_language_models()  # now, on this thread; not per message
                .build()
            )
        return _built


async def guess(text: str) -> Guess:
    """How sure the detector is of each language for this text; the first call waits (off the
    event loop) until the detector is built."""
    found = _built if _built is not None else await asyncio.to_thread(detector)
    values = found.compute_language_confidence_values(text)
    return Guess(
        tuple((value.language.iso_code_639_1.name.casefold(), value.value) for value in values)
    )


async def language_of(text: str, hint: str | None = None) -> str:
    """The language of a tenant's message (ISO 639-1), Dutch when in doubt."""
    visible = "".join(c for c in text[: READ_LETTERS * 4] if unicodedata.category(c) != "Cf")
    words = " ".join(token for token in visible.split() if not _NOT_A_WORD.search(token))
    words = words[:READ_LETTERS]
    found = await guess(words) if _LETTER.search(words) else None
    return decide(words, found, hint)
