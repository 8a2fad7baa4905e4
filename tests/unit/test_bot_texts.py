"""Every text a person reads is plain Dutch (B1): short sentences, and "u", never "je/jij"."""

# The texts live in three catalogues: rasa_project/domain.yml for the dialogue model,
# handoff/texts.py for the app, and rasa_project/actions/dialogue/texts.py for the action
# server's words in a handoff. The last tests check that no sentence escapes them.

import ast
import dataclasses
import re
import string
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml

from handoff import texts
from handoff.domain.handoff_request import DUTCH
from handoff.paths import PROJECT_ROOT
from rasa_project.actions.dialogue import texts as action_texts

INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)


def domain_texts() -> Iterator[tuple[str, str]]:
    domain = yaml.safe_load((PROJECT_ROOT / "rasa_project" / "domain.yml").read_text())
    for name, variants in domain["responses"].items():
        for variant in variants:
            yield name, variant["text"]


def catalogued(name: str, value: Any) -> Iterator[tuple[str, str]]:
    """Every text in a catalogue entry, however deep: in dicts, tuples and dataclasses."""
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            yield from catalogued(f"{name}[{key.name if isinstance(key, Enum) else key}]", inner)
    elif isinstance(value, list | tuple):
        for index, inner in enumerate(value):
            yield from catalogued(f"{name}[{index}]", inner)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from catalogued(f"{name}.{field.name}", getattr(value, field.name))


# The texts for tenants who write another language: not Dutch, checked on their own below.
# Catalogues in the other languages the app speaks: not Dutch, so not checked as B1 Dutch.
FOREIGN = ("IN_OTHER_LANGUAGES", "TENANT_COMMAND_DESCRIPTIONS_IN")


def app_texts(catalogue: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for name, value in catalogue.items():
        if name.isupper() and name not in FOREIGN:
            yield from catalogued(name, value)


class Sample:
    """A value for any placeholder: a word, or a number where the field asks for one."""

    def __format__(self, spec: str) -> str:
        return format(0.5, spec) if spec else "Sanne"


def filled(text: str) -> str:
    """The text as a person reads it, every {field} filled; fields must have names."""
    fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    assert all(field.isidentifier() for field in fields), f"unnamed or complex field in {text!r}"
    return text.format(**{field: Sample() for field in fields})


def sentences(text: str) -> list[str]:
    plain = re.sub(r"<[^>]+>|\{[^}]+\}", "x", text)  # markup and slots count as a word
    parts = re.split(r"(?<=[.!?:])\s+|\n+", plain)
    return [part for part in parts if re.search(r"\w", part)]


def words(sentence: str) -> int:
    return len(re.findall(r"[\w'’-]+", sentence))


def problems(name: str, text: str) -> list[str]:
    """What makes a text hard to read, or not formal; nothing for a good text."""
    found = []
    lengths = [words(sentence) for sentence in sentences(text)]
    if lengths and max(lengths) > 25:
        found.append(f"{name}: a sentence over 25 words")
    if lengths and sum(lengths) / len(lengths) > 15:
        found.append(f"{name}: sentences average over 15 words")
    if INFORMAL.search(text):
        found.append(f"{name}: uses je/jij; tenants are addressed with u")
    return found


DOMAIN_TEXTS = list(domain_texts())
APP_TEXTS = list(app_texts(vars(texts))) + list(app_texts(vars(action_texts)))


def test_there_are_texts_to_check() -> None:
    assert len(DOMAIN_TEXTS) > 15
    assert len(APP_TEXTS) > 150


@pytest.mark.parametrize(("name", "text"), DOMAIN_TEXTS, ids=[name for name, _ in DOMAIN_TEXTS])
def test_dialogue_text_is_plain_dutch(name: str, text: str) -> None:
    assert problems(name, text) == []


@pytest.mark.parametrize(("name", "text"), APP_TEXTS, ids=[name for name, _ in APP_TEXTS])
def test_app_text_is_plain_dutch(name: str, text: str) -> None:
    assert problems(name, filled(text)) == []


FOREIGN_TEXTS = [text for name in FOREIGN for text in catalogued(name, getattr(texts, name))]


def test_the_tenants_menu_has_the_same_commands_in_every_language() -> None:
    dutch = set(texts.TENANT_COMMAND_DESCRIPTIONS)
    assert set(texts.TENANT_COMMAND_DESCRIPTIONS_IN) == set(texts.IN_OTHER_LANGUAGES)
    for described in texts.TENANT_COMMAND_DESCRIPTIONS_IN.values():
        assert set(described) == dutch


@pytest.mark.parametrize(("name", "text"), FOREIGN_TEXTS, ids=[name for name, _ in FOREIGN_TEXTS])
def test_a_text_in_another_language_has_short_sentences(name: str, text: str) -> None:
    # "je" is French for "I", so only the length is checked; Arabic ends its question with ؟.
    lengths = [words(sentence) for sentence in re.split(r"(?<=[.!?:؟])\s+", filled(text))]
    assert max(lengths) <= 15, name
    assert sum(lengths) / len(lengths) <= 10, name


def test_every_other_language_says_the_essentials_and_who_helps() -> None:
    catalogue = texts.IN_OTHER_LANGUAGES
    assert {"en", "tr", "ar", "pl"} <= set(catalogue)
    for language, entry in catalogue.items():
        assert set(entry) == set(catalogue["en"]), language
        assert not fields(entry["essentials"]), language  # said as it is, before any case
        assert fields(entry["safety"]) == {"storingsdienst"}
        assert "112" in entry["safety"]
        assert fields(entry["handed_over"]) == {"employee", "time", "date"}, language
        for key in ("claimed", "closed"):
            assert fields(entry[key]) == {"employee"}, (language, key)
        assert language in texts.LANGUAGE_NAMES  # the employee reads which language it was
    assert FOREIGN_TEXTS
    assert not any(name.startswith(FOREIGN) for name, _ in APP_TEXTS)


# What each text for a tenant who writes another language may fill in: the same in every
# language, so a translation that drops the name or the deadline fails here, not in a chat.
FOREIGN_FIELDS = {
    "status_waiting": {"case_id", "employee", "time", "date"},
    "status_late": {"case_id", "employee"},
    "status_claimed": {"case_id", "employee"},
    "help": set(),
    "transferred": {"employee", "reason", "time", "date"},
    "reassigned": {"former", "employee", "time", "date"},
    "file_with_case": {"employee"},
    "file_elsewhere": {"employee"},
    "not_processed": {"employee"},
    "employees_only": set(),
    "help_no_case": set(),
    "employees_only_no_case": set(),
    # Without a case: /start, /status, and the tenant's data (/mijngegevens, /vergeetmij).
    "welcome": set(),
    **{f"welcome_{topic}": set() for topic in texts.START_WELCOMES},
    "status_no_case": set(),
    "my_data_caption": set(),
    "my_data_web": {"url"},
    "forget_ask": set(),
    "forget_yes": set(),
    "forget_no": set(),
    "forget_kept": set(),
    "forgotten": set(),
    "export_intro": set(),
    # The web chat page (texts.web_chat_page).
    **{f"web_{key}": set() for key in texts.web_chat_page(DUTCH)},
}


@pytest.mark.parametrize("language", sorted(texts.IN_OTHER_LANGUAGES))
def test_every_other_language_has_what_a_tenant_reads_during_a_case(language: str) -> None:
    entry = texts.IN_OTHER_LANGUAGES[language]
    for key, expected in FOREIGN_FIELDS.items():
        assert fields(entry[key]) == expected, (language, key)
    # The commands keep their names: they are what the tenant types.
    for key in ("help", "help_no_case"):
        commands = [re.findall(r"^/\w+", line) for line in entry[key].splitlines()[1:]]
        assert commands == [["/status"], ["/mijngegevens"], ["/vergeetmij"], ["/help"]], key
    # Without an open question, nothing says a person has it.
    assert entry["help_no_case"].split("\n")[0] != entry["help"].split("\n")[0], language
    assert entry["employees_only_no_case"] != entry["employees_only"], language
    assert "{" not in texts.to_tenant(language, "help", texts.TENANT_HELP)


@pytest.mark.parametrize("language", sorted(texts.IN_OTHER_LANGUAGES))
def test_every_other_language_welcomes_explains_the_data_and_has_the_web_page(
    language: str,
) -> None:
    entry = texts.IN_OTHER_LANGUAGES[language]
    assert set(entry) == set(FOREIGN_FIELDS) | {
        "essentials", "safety", "handed_over", "claimed", "closed",
        "feedback_heard", "feedback_repeated", "feedback_thanks", "yes", "no",
    }  # fmt: skip
    for topic in [None, *texts.START_WELCOMES]:
        welcome = texts.start_welcome(language, topic)
        assert welcome == entry[f"welcome_{topic}" if topic else "welcome"]
        assert welcome != texts.start_welcome(DUTCH, topic)
    # The document's explanation names the same numbered parts and how to erase it all.
    dutch_parts = re.findall(r"^\d\. ", texts.EXPORT_INTRO, re.MULTILINE)
    assert re.findall(r"^\d\. ", entry["export_intro"], re.MULTILINE) == dutch_parts
    assert entry["export_intro"].count("/vergeetmij") == texts.EXPORT_INTRO.count("/vergeetmij")
    assert "{url}" in entry["my_data_web"]
    yes, no = texts.forget_answers(language)
    assert (yes, no) == (entry["forget_yes"], entry["forget_no"])
    assert yes != no
    page = texts.web_chat_page(language)
    assert page.keys() == texts.web_chat_page(DUTCH).keys()
    assert page["intro"] == entry["web_intro"]
    assert page["send"] == entry["web_send"]


def test_dutch_keeps_its_welcomes_buttons_and_web_page() -> None:
    assert texts.start_welcome(DUTCH, None) == texts.START_WELCOME
    assert texts.start_welcome(DUTCH, "nuisance") == texts.START_WELCOMES["nuisance"]
    assert texts.forget_answers(DUTCH) == (texts.FORGET_YES, texts.FORGET_NO)
    page = texts.web_chat_page(DUTCH)
    assert (page["intro"], page["slow_down"], page["too_long"], page["too_many_chats"]) == (
        texts.WEB_CHAT_INTRO,
        texts.WEB_CHAT_SLOW_DOWN,
        texts.WEB_CHAT_TOO_LONG,
        texts.WEB_CHAT_TOO_MANY_CHATS,
    )
    assert texts.start_welcome("es", "report_repair").startswith("Welcome.")  # English


def test_a_case_in_another_language_is_told_the_deadline_in_numbers_and_dutch_stays_dutch() -> (
    None
):
    now = datetime(2025, 6, 16, 8, 0, tzinfo=UTC)  # 10:00 in Amsterdam
    by = now + timedelta(hours=3)  # 13:00 in Amsterdam
    assert texts.status_waiting("tr", 7, "Kees", by, now) == texts.IN_OTHER_LANGUAGES["tr"][
        "status_waiting"
    ].format(case_id=7, employee="Kees", time="13:00", date="16-06")
    dutch = texts.status_waiting(DUTCH, 7, "Kees", by, now)
    assert dutch == texts.STATUS_WAITING.format(
        case_id=7, employee="Kees", promise=texts.promise(by, now)
    )
    moved = texts.transferred("de", "Sanne", "Wijkbeheer", "het is overlast", by, now)
    assert "„het is overlast“" in moved
    assert "13:00" in moved
    assert "Wijkbeheer" not in moved
    assert texts.transferred(DUTCH, "Sanne", "Wijkbeheer", "overlast", by, now).startswith(
        "Uw vraag ligt nu bij Sanne van team Wijkbeheer, omdat: overlast."
    )
    again = texts.reassigned("pl", "Fatima", "Kees", "Klantcontact", by, now)
    assert again.startswith("Fatima nie może")
    assert "Kees" in again
    assert "16-06" in again
    assert texts.reassigned("es", "Fatima", "Kees", "K", by, now).startswith("Fatima could not")


def fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_check_catches_long_and_informal_texts() -> None:
    long_sentence = " ".join(["woord"] * 26) + "."
    assert max(words(s) for s in sentences(long_sentence)) > 25
    assert INFORMAL.search("Kun je dat herhalen?")
    assert not INFORMAL.search("Kunt u dat herhalen? Jeugdzorg helpt.")


def test_check_sees_texts_deep_in_the_catalogue_and_with_their_values() -> None:
    labels = texts.TRANSCRIPT_LABELS
    catalogue = {
        "BAD": {"nested": ("Goed.", "Kun je {employee} bellen?")},
        "LABELS": dataclasses.replace(labels, note_by="Notitie van jouw {author}"),
        "helper": "Kun je dat?",  # not a catalogue name
    }
    found = [problem for name, text in app_texts(catalogue) for problem in problems(name, text)]
    assert found == [
        "BAD[nested][1]: uses je/jij; tenants are addressed with u",
        "LABELS.note_by: uses je/jij; tenants are addressed with u",
    ]
    assert filled("Model {model_id} is live ({seconds:.1f} s).") == "Model Sanne is live (0.5 s)."
    with pytest.raises(AssertionError):
        filled("Zaak {} is van {owner}.")


# --- no Dutch sentence outside the catalogues ---------------------------------------------------

# Words that are common in Dutch sentences and rare in English ones ("is", "in", "of" are both).
DUTCH_WORDS = frozenset(
    "de het een niet u uw van en op voor met dit dat kan er als te om aan bij naar ook nog geen "
    "deze zijn wordt heeft hebt uit weer nu hier ik wij ze mag moet kunt wilt al dan wel".split()
)
LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical", "log"}


def looks_dutch(text: str) -> bool:
    """Three words or more, one of them a Dutch function word: a sentence, not a label."""
    found = re.findall(r"[^\W\d_]+", re.sub(r"\{[^}]*\}", " ", text).casefold())
    return len(found) >= 3 and any(word in DUTCH_WORDS for word in found)


def literals(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """The string literals of a module that people may read: not docstrings or log lines."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = body[0] if body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in LOG_CALLS
        ):
            skipped.update(id(inner) for inner in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.JoinedStr):  # an f-string: its parts, values as placeholders
            skipped.update(id(part) for part in node.values)
            parts = [p.value if isinstance(p, ast.Constant) else "{}" for p in node.values]
            yield node.lineno, "".join(str(part) for part in parts)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_the_heuristic_tells_dutch_sentences_from_english_and_labels() -> None:
    assert looks_dutch("Open eerst de chat op /chat.")
    assert looks_dutch("{count} bericht(en) genegeerd.")
    assert not looks_dutch("Rasa is not reachable: {error}")
    assert not looks_dutch("niet begrepen")  # a label: too short to tell, and checked by hand
    source = '"""Een docstring met u."""\nlog.info("dit is een logregel")\nX = f"dit kan {y} niet"'
    assert [text for _, text in literals(ast.parse(source)) if looks_dutch(text)] == [
        "dit kan {} niet"
    ]


CATALOGUES = ("handoff/texts.py", "rasa_project/actions/dialogue/texts.py")
# The rules' Dutch word lists and patterns: what the bot reads, never what it says.
WORD_LISTS = tuple(
    f"rasa_project/actions/dialogue/{name}.py"
    for name in ("rewrite", "lexicon", "frustration", "details")
)


def test_no_dutch_sentence_lives_outside_the_catalogues() -> None:
    found = []
    for package in ("handoff", "bot", "rasa_project/actions"):
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            relative = path.relative_to(PROJECT_ROOT).as_posix()
            if "migrations" in Path(relative).parts or relative in CATALOGUES + WORD_LISTS:
                continue
            for line, text in literals(ast.parse(path.read_text(encoding="utf-8"))):
                if looks_dutch(text):
                    found.append(f"{relative}:{line}: {text!r}")
    assert found == [], "move these to a catalogue"


@pytest.mark.parametrize(
    ("begin", "label"),
    [
        (datetime(2026, 12, 7, 7, 0, tzinfo=UTC), "maandag 7 december, 08:00-12:00"),  # CET
        (datetime(2027, 6, 8, 10, 30, tzinfo=UTC), "dinsdag 8 juni, 12:30-16:30"),  # CEST
    ],
)
def test_a_slot_reads_as_its_day_and_its_hours_in_dutch_time(begin: datetime, label: str) -> None:
    assert texts.slot_label(begin, begin + timedelta(hours=4)) == label
