"""Every text a person reads is plain Dutch (B1): short sentences, and "u", never "je/jij"."""

import re
from collections.abc import Iterator

import pytest
import yaml

from handoff import texts
from handoff.paths import PROJECT_ROOT

INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)


def domain_texts() -> Iterator[tuple[str, str]]:
    domain = yaml.safe_load((PROJECT_ROOT / "rasa_project" / "domain.yml").read_text())
    for name, variants in domain["responses"].items():
        for variant in variants:
            yield name, variant["text"]


def app_texts() -> Iterator[tuple[str, str]]:
    for name, value in vars(texts).items():
        if name.isupper() and isinstance(value, str):
            yield name, value
        elif name.isupper() and isinstance(value, dict):
            yield from ((f"{name}[{key}]", text) for key, text in value.items())


ALL_TEXTS = list(domain_texts()) + list(app_texts())


def sentences(text: str) -> list[str]:
    plain = re.sub(r"<[^>]+>|\{[^}]+\}", "x", text)  # markup and placeholders count as a word
    parts = re.split(r"(?<=[.!?:])\s+|\n+", plain)
    return [part for part in parts if re.search(r"\w", part)]


def words(sentence: str) -> int:
    return len(re.findall(r"[\w'’-]+", sentence))


def test_there_are_texts_to_check() -> None:
    assert len(ALL_TEXTS) > 30


@pytest.mark.parametrize(("name", "text"), ALL_TEXTS, ids=[name for name, _ in ALL_TEXTS])
def test_text_is_plain_dutch(name: str, text: str) -> None:
    lengths = [words(sentence) for sentence in sentences(text)]
    assert max(lengths) <= 25, f"{name}: a sentence over 25 words"
    assert sum(lengths) / len(lengths) <= 15, f"{name}: sentences average over 15 words"
    assert not INFORMAL.search(text), f"{name}: uses je/jij; tenants are addressed with u"


def test_check_catches_long_and_informal_texts() -> None:
    long_sentence = " ".join(["woord"] * 26) + "."
    assert max(words(s) for s in sentences(long_sentence)) > 25
    assert INFORMAL.search("Kun je dat herhalen?")
    assert not INFORMAL.search("Kunt u dat herhalen? Jeugdzorg helpt.")
